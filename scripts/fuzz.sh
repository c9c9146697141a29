#!/usr/bin/env bash
# fuzz.sh — builds and runs the libFuzzer targets (Fuzz/):
#   devicetree  DTB bytes -> DeviceTree: load, walk every node, every property in every typed
#               form, reg translated, interrupts resolved, Linux names (Harness/DeviceTreeHarness)
#   binding     binding YAML -> BindingLoader (parse, schema, includes, cross-checks), then the
#               Swift generator and the checker over the sample trees (Harness/BindingHarness)
# The harnesses live in Tests/FuzzRegressionTests/Harness so the regression tests replay
# findings through the same code (Tests/FuzzRegressionTests/Inputs/<target>/).
#
# Usage: scripts/fuzz.sh [TARGET...]            (default: devicetree binding)
#        scripts/fuzz.sh --build-only [TARGET...]
# Env:   FUZZ_RUNS   executions per target (default 20000, a smoke run; the recorded runs in
#                    BENCHMARKS.md used FUZZ_RUNS=10000000 for devicetree)
#        FUZZ_TIME   seconds per target instead of a run count (libFuzzer -max_total_time)
#        FUZZ_OUT    work directory (default .build/fuzz): binaries, corpora, crashes, logs
#        FUZZ_WORKERS  fuzzer processes per target sharing the corpus (default 1); FUZZ_RUNS
#                    is split between them, FUZZ_TIME applies to each
#        FUZZ_ARGS   extra libFuzzer flags, e.g. "-max_len=4096"
#        FUZZ_SANITIZE  swiftc -sanitize value (default fuzzer,address; "fuzzer" alone runs about
#                    3x faster and still has Swift's own bounds, overflow and precondition traps)
# Build: swiftc -sanitize=fuzzer,address (FUZZ_SANITIZE), outside SwiftPM but from SwiftPM's own module
#        graph (`swift package describe`): every Swift module the harness's target depends on
#        (DeviceTree; DTBinding for binding, with Yams and its CYaml built from the checkout) is
#        compiled instrumented with -O, dependencies first, then the entry point and harness are
#        linked against them and the system libfdt.
# Exit:  0 when no target found anything, 1 when one did (its input is in FUZZ_OUT/crashes/<target>/
#        and the last lines of the log are printed), 2 on a build or setup problem.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=${FUZZ_OUT:-$ROOT/.build/fuzz}
mkdir -p "$OUT" && OUT=$(cd "$OUT" && pwd)
RUNS=${FUZZ_RUNS:-20000}
WORKERS=${FUZZ_WORKERS:-1}
SANITIZE=${FUZZ_SANITIZE:-fuzzer,address}
TIME=${FUZZ_TIME:-}
EXTRA=${FUZZ_ARGS:-}
YAMS=$ROOT/.build/checkouts/Yams/Sources

say() { echo "fuzz: $*" >&2; }
die() { say "$*"; exit 2; }

build_only=
targets=()
for argument in "$@"; do
    case $argument in
        --build-only) build_only=1 ;;
        devicetree|binding) targets+=("$argument") ;;
        -h|--help) sed -n '2,25p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) die "unknown target '$argument' (devicetree, binding)" ;;
    esac
done
((${#targets[@]})) || targets=(devicetree binding)

command -v swiftc >/dev/null || die "swiftc not on PATH"
command -v dtc >/dev/null || die "dtc not installed (apt-get install device-tree-compiler)"
SWIFT_BIN=$(dirname "$(readlink -f "$(command -v swiftc)")")
CLANG=$SWIFT_BIN/clang   # the toolchain's clang: same LLVM and sanitizer runtime as swiftc

SWIFTC=(swiftc -sanitize="$SANITIZE" -parse-as-library -O -wmo -g -swift-version 6
        -I "$OUT/mod" -I "$ROOT/Sources/CFdt" -I "$ROOT/Sources/CLinux")
mkdir -p "$OUT/mod" "$OUT/obj"
# One fuzz.sh per work directory: a second one would rebuild the binaries and clear the logs
# of the first. Objects built with other sanitizers are not reused.
exec 9>"$OUT/lock"
flock -n 9 || die "another fuzz.sh is using $OUT (set FUZZ_OUT to run one beside it)"
if [[ $(cat "$OUT/sanitize" 2>/dev/null) != "$SANITIZE" ]]; then
    rm -rf "$OUT/obj" "$OUT/mod" "$OUT"/fuzz-devicetree "$OUT"/fuzz-binding
    mkdir -p "$OUT/mod" "$OUT/obj"
    echo "$SANITIZE" >"$OUT/sanitize"
fi

# newer_than OUTPUT INPUT...: true when OUTPUT is missing or older than an input (or this script).
newer_than() {
    local output=$1; shift
    [[ ! -f $output ]] && return 0
    [[ -n $(find "$@" "$0" -newer "$output" 2>/dev/null | head -n1) ]]
}

# module NAME SOURCES...: an instrumented library module -> obj/NAME.o + mod/NAME.swiftmodule
module() {
    local name=$1; shift
    if newer_than "$OUT/obj/$name.o" "$@"; then
        say "compiling module $name ($# files)"
        rm -f "$OUT/obj/$name.o"
        "${SWIFTC[@]}" "${MODULE_FLAGS[@]}" -module-name "$name" -emit-module \
            -emit-module-path "$OUT/mod/$name.swiftmodule" -c "$@" -o "$OUT/obj/$name.o" 2>&1 |
            grep -v "Cannot export local symbol" >&2 || true
        [[ -f $OUT/obj/$name.o ]] || die "module $name did not build"
        touch "$OUT/obj/$name.o"   # swiftc leaves an unchanged object untouched
    fi
}

# The package's module graph, from SwiftPM itself (`swift package describe`), so that a module
# added to a target's dependencies is compiled here too: one line per target, "NAME TYPE PATH
# DEPENDENCY...", where TYPE is SwiftTarget, ClangTarget or SystemLibraryTarget and product
# dependencies (Yams) are written "product:NAME".
GRAPH=$OUT/graph.txt
if newer_than "$GRAPH" "$ROOT/Package.swift"; then
    (cd "$ROOT" && swift package describe) 2>/dev/null | awk '
        function flush() { if (name != "" && type != "") { print name, type, path, deps } name = ""; type = ""; path = ""; deps = "" }
        /^    Name: / { flush(); name = $2; section = ""; next }
        /^    Module type: / { type = $3; next }
        /^    Path: / { path = $2; next }
        /^    Target dependencies:/ { section = "target"; next }
        /^    Product dependencies:/ { section = "product"; next }
        /^    [A-Z]/ { section = ""; next }
        /^        [^ ]/ && section == "target" { deps = deps " " $1; next }
        /^        [^ ]/ && section == "product" { deps = deps " product:" $1; next }
        END { flush() }' >"$GRAPH.tmp" && mv "$GRAPH.tmp" "$GRAPH"
    [[ -s $GRAPH ]] || die "swift package describe gave no module graph"
fi

# modules_of TARGET: TARGET's Swift targets of this package, dependencies first (each once),
# then TARGET itself; product dependencies as "product:NAME".
modules_of() {
    awk -v root="$1" '
        { type[$1] = $2; deps[$1] = ""; for (i = 4; i <= NF; i++) deps[$1] = deps[$1] " " $i }
        function visit(name,    list, n, i) {
            if (seen[name]++) return
            if (name ~ /^product:/) { print name; return }
            n = split(deps[name], list, " ")
            for (i = 1; i <= n; i++) visit(list[i])
            if (type[name] == "SwiftTarget") print name
        }
        END { if (!(root in type)) exit 1; visit(root) }' "$GRAPH" || die "no target $1 in the package graph"
}

# build_modules TARGET: every Swift module TARGET needs, compiled instrumented (Yams through
# build_yams); prints the objects, dependencies first.
build_modules() {
    local objects=() module_name
    for module_name in $(modules_of "$1"); do
        case $module_name in
            product:Yams) build_yams; objects+=("$OUT/obj/Yams.o" "${YAML_OBJECTS[@]}") ;;
            product:*) die "$1 needs product ${module_name#product:}, which fuzz.sh does not know how to build" ;;
            *)
                MODULE_FLAGS=(-I "$YAMS/CYaml/include")
                module "$module_name" "$ROOT/Sources/$module_name"/*.swift
                objects+=("$OUT/obj/$module_name.o") ;;
        esac
    done
    MODULE_OBJECTS=("${objects[@]}")
}

# link NAME OBJECTS_AND_SOURCES...: the fuzzer binary OUT/fuzz-NAME
link() {
    local name=$1; shift
    local inputs=()
    for input in "$@"; do [[ $input == *.swift || $input == *.o ]] && inputs+=("$input"); done
    if newer_than "$OUT/fuzz-$name" "${inputs[@]}"; then
        say "linking fuzz-$name"
        rm -f "$OUT/fuzz-$name"
        "${SWIFTC[@]}" -module-name "Fuzz_$name" "$@" -o "$OUT/fuzz-$name" 2>&1 |
            grep -v "Cannot export local symbol" >&2 || true
        [[ -x $OUT/fuzz-$name ]] || die "fuzz-$name did not link"
    fi
}

build_devicetree() {
    build_modules DeviceTree
    link devicetree "$ROOT"/Fuzz/DeviceTreeFuzz/*.swift "$ROOT/Tests/FuzzRegressionTests/Harness/DeviceTreeHarness.swift" \
        "${MODULE_OBJECTS[@]}" -lfdt
}

# build_yams: Yams and its libyaml (CYaml) from the package's checkout -> obj/Yams.o, YAML_OBJECTS.
build_yams() {
    [[ -d $YAMS/Yams ]] || (cd "$ROOT" && swift package resolve >/dev/null) || die "no Yams checkout (run swift package resolve)"
    # libyaml: with ASan when the rest has it, but without coverage: the target is our code, and
    # libyaml's byte-by-byte scanner under coverage callbacks took most of each execution (YAML is
    # read twice: the limits pass and Yams). FUZZ_YAML_COVERAGE=1 instruments it too.
    mkdir -p "$OUT/obj/CYaml"
    local yaml_sanitize=${SANITIZE/fuzzer,/}
    [[ $yaml_sanitize == fuzzer ]] && yaml_sanitize=
    [[ -n ${FUZZ_YAML_COVERAGE:-} ]] && yaml_sanitize=${SANITIZE/fuzzer/fuzzer-no-link}
    YAML_OBJECTS=()
    for source in "$YAMS"/CYaml/src/*.c; do
        local object=$OUT/obj/CYaml/$(basename "$source" .c).o
        if newer_than "$object" "$source"; then
            "$CLANG" -c -O2 -g ${yaml_sanitize:+-fsanitize="$yaml_sanitize"} -DYAML_DECLARE_STATIC \
                -I "$YAMS/CYaml/include" "$source" -o "$object"
        fi
        YAML_OBJECTS+=("$object")
    done
    # SWIFT_PACKAGE selects Yams' `internal import CYaml` (its other branch expects a framework build).
    # Importers of Yams need the CYaml module map too (to read Yams' swiftmodule).
    MODULE_FLAGS=(-DSWIFT_PACKAGE -I "$YAMS/CYaml/include" -Xcc -DYAML_DECLARE_STATIC)
    module Yams "$YAMS"/Yams/*.swift
}

build_binding() {
    build_modules DTBinding
    link binding -I "$YAMS/CYaml/include" "$ROOT"/Fuzz/BindingFuzz/*.swift \
        "$ROOT/Tests/FuzzRegressionTests/Harness/BindingHarness.swift" "${MODULE_OBJECTS[@]}" -lfdt
}

# Seed corpora: the sample trees (and the deliberately broken ones), the shipped bindings and the
# generator's test fixtures, plus every input the regression tests keep.
seed() {
    local target=$1 seeds=$OUT/seeds/$1
    rm -rf "$seeds" && mkdir -p "$seeds"
    case $target in
        devicetree)
            for source in "$ROOT"/dts/*.dts "$ROOT"/dts/broken/*.dts; do
                dtc -q -I dts -O dtb -o "$seeds/$(basename "$source" .dts).dtb" "$source" ||
                    die "dtc failed on $source"
            done ;;
        binding)
            for file in "$ROOT"/bindings/*.yaml "$ROOT"/bindings/common/*.yaml \
                        "$ROOT"/Tests/DTBindingTests/Fixtures/*/*.yaml "$ROOT"/Fuzz/seeds/binding/*.yaml; do
                cp "$file" "$seeds/$(basename "$(dirname "$file")")-$(basename "$file")"
            done ;;
    esac
    if [[ -d $ROOT/Tests/FuzzRegressionTests/Inputs/$target ]]; then
        cp "$ROOT/Tests/FuzzRegressionTests/Inputs/$target"/* "$seeds/" 2>/dev/null || true
    fi
}

# run TARGET: fuzzes with WORKERS processes sharing one corpus (libFuzzer reloads it, so each
# sees what the others found), prints one summary line, returns 1 when something was found.
run() {
    local target=$1
    local corpus=$OUT/corpus/$target crashes=$OUT/crashes/$target
    mkdir -p "$corpus" "$crashes"
    seed "$target"
    local limit=(-runs=$(((RUNS + WORKERS - 1) / WORKERS)))
    [[ -n $TIME ]] && limit=(-max_total_time="$TIME")
    local dict=()
    [[ -f $ROOT/Fuzz/$target.dict ]] && dict=(-dict="$ROOT/Fuzz/$target.dict")
    say "running $target: $WORKERS x (${limit[*]}); logs: $OUT/$target-*.log"
    rm -f "$OUT/$target"-*.log "$OUT/$target"-*.status
    local started=$SECONDS worker
    for ((worker = 1; worker <= WORKERS; worker++)); do
        # The Swift backtracer would hold a crashing process for a minute; libFuzzer reports instead.
        # shellcheck disable=SC2086
        (
            status=0
            SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0} \
            PDRIVERS_ROOT=$ROOT PDRIVERS_FUZZ_DTBS=$OUT/seeds/devicetree \
                "$OUT/fuzz-$target" "${limit[@]}" "${dict[@]}" -timeout=10 -rss_limit_mb=4096 \
                -print_final_stats=1 -artifact_prefix="$crashes/" $EXTRA "$corpus" "$OUT/seeds/$target" \
                >"$OUT/$target-$worker.log" 2>&1 || status=$?
            echo "$status" >"$OUT/$target-$worker.status"
        ) &
    done
    wait
    local executed speed corpus_size found failed=0
    executed=$(cat "$OUT/$target"-*.log | awk -F: '/stat::number_of_executed_units/ { sum += $NF } END { print sum + 0 }')
    speed=$(cat "$OUT/$target"-*.log | awk -F: '/stat::average_exec_per_sec/ { sum += $NF } END { print sum + 0 }')
    corpus_size=$(find "$corpus" -type f | wc -l)
    found=$(find "$crashes" -type f -newer "$OUT/fuzz-$target" 2>/dev/null | wc -l)
    printf 'fuzz %-10s %12s executions  %6s exec/s  %5s s  %s worker(s)  corpus %5s  findings %s\n' \
        "$target" "$executed" "$speed" $((SECONDS - started)) "$WORKERS" "$corpus_size" "$found"
    for ((worker = 1; worker <= WORKERS; worker++)); do
        local status
        status=$(cat "$OUT/$target-$worker.status" 2>/dev/null || echo 1)
        if ((status != 0)); then
            say "$target worker $worker: libFuzzer exited with status $status; last lines of $OUT/$target-$worker.log:"
            grep -v '^\s*$' "$OUT/$target-$worker.log" | grep -v -E '^#[0-9]+' | tail -n 25 >&2
            failed=1
        fi
    done
    return $failed
}

which_seeds_needed=0
for target in "${targets[@]}"; do
    "build_$target"
    [[ $target == binding ]] && which_seeds_needed=1
done
[[ -n $build_only ]] && { say "built: ${targets[*]/#/$OUT/fuzz-}"; exit 0; }
# The binding target checks against the sample trees, which are the devicetree seeds.
((which_seeds_needed)) && seed devicetree

result=0
for target in "${targets[@]}"; do
    run "$target" || result=1
done
exit $result
