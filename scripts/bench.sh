#!/usr/bin/env bash
# bench.sh — the host benchmarks, printed as one markdown table (see BENCHMARKS.md):
#   1. register access: generated PL011 accessors on MappedRegisterBus (the bus of a mapped VFIO
#      region, what VFIODevice gives drivers) vs the same loops in C with
#      volatile pointers (reg-bench), instructions per iteration counted by callgrind;
#   2. device-tree parsing of large DTBs built from linux-source-6.12 (arch/arm64/boot/dts):
#      DeviceTree init + every node's properties/registers/interrupts/linuxName vs a plain C
#      libfdt walk (dt-bench: median time and callgrind instructions) vs `dtc -I dtb -O dts`;
#   3. static aarch64 binary sizes, when .build-embedded/bin exists (scripts/embedded-build.sh);
#      then the armv7 rows (scripts/bench-armv7.sh): the four loops counted in the compiled armv7
#      code, and the size the framework adds to the armv7 uart;
#   4. the in-guest rows (interrupt latency, UART throughput): scripts/bench-guest.sh on the QEMU
#      rig, run from here (BENCH_GUEST=0 leaves them out: they then read "not measured").
# A row whose measurement failed says "not measured" (never "met"), and bench.sh then exits 1
# after printing the table (scripts/bench-lib.sh; BenchHarnessTests).
#
# Usage: scripts/bench.sh
# Env:   BENCH_N          register loop iterations (default 1000000; callgrind runs N and 2N)
#        BENCH_SAMPLES    dt-bench timing samples per DTB (default 11)
#        BENCH_DTC_RUNS   timed dtc runs per DTB (default 15)
#        BENCH_BOARDS     kernel dts files (relative to arch/arm64/boot/dts) to build and measure
#        BENCH_BREAKDOWN  1: also count, per DTB, the instructions of each part of the Swift
#                         parse (init, properties, registers, interrupts, linuxName) and of the
#                         direct-index prototype -> out/bench/host/dt-breakdown.txt
#        PDRIVERS_CACHE   cache root (default ~/.cache/pdrivers); DTBs go to bench-dtbs/
# Needs: valgrind, dtc, cpp, xz/tar and /usr/src/linux-source-6.12.tar.xz (first run only).
# Output: the table on stdout and in out/bench.md; raw numbers in out/bench/host/.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
CACHE=${PDRIVERS_CACHE:-$HOME/.cache/pdrivers}
N=${BENCH_N:-1000000}
SAMPLES=${BENCH_SAMPLES:-11}
DTC_RUNS=${BENCH_DTC_RUNS:-15}
BOARDS=(${BENCH_BOARDS:-qcom/x1e80100-crd.dts qcom/sm8650-qrd.dts nvidia/tegra234-p3737-0000+p3701-0000.dts rockchip/rk3588-evb1-v10.dts})
TARBALL=/usr/src/linux-source-6.12.tar.xz
RAW=$ROOT/out/bench/host
RESULT=$ROOT/out/bench.md
GUEST=$ROOT/out/bench-guest.txt
mkdir -p "$RAW"

say() { echo "bench: $*" >&2; }
die() { say "$*"; exit 1; }
for tool in valgrind dtc cpp swift; do command -v "$tool" >/dev/null || die "$tool is not installed"; done

# ---- build (release; both products are in Package.swift under Benchmarks/)
say "building dt-bench and reg-bench (swift build -c release)"
(cd "$ROOT" && swift build -c release --product dt-bench >"$RAW/build.log" 2>&1 &&
               swift build -c release --product reg-bench >>"$RAW/build.log" 2>&1) ||
    { tail -n 30 "$RAW/build.log" >&2; die "release build failed"; }
BIN=$(cd "$ROOT" && swift build -c release --show-bin-path)

# measurable, instructions, per_unit, ratio, verdict, shown: a failed count stays empty and reads
# "not measured", never "met".
. "$ROOT/scripts/bench-lib.sh"
mega() { if is_number "$1"; then awk -v v="$1" 'BEGIN { printf "%.2fM", v / 1e6 }'; fi; }
median() { sort -g | awk '{ v[n++] = $1 } END { if (n) print (n % 2) ? v[int(n / 2)] : (v[n / 2 - 1] + v[n / 2]) / 2 }'; }

rows=()
REG_BENCH=$(measurable "$BIN/reg-bench" "$RAW")
DT_BENCH=$(measurable "$BIN/dt-bench" "$RAW")

# ---- 1. register access
say "register loops under callgrind (N=$N and 2N)"
loops=(read write modify putc)
declare -A accesses=([read]=1 [write]=1 [modify]=2 [putc]=2)
declare -A title=(
    [read]='`uart.fr.read().txff`, counted (1 load)'
    [write]='`uart.cr.write { uarten = true; txe = i & 1 }` (1 store)'
    [modify]='`uart.lcrH.modify { fen.toggle() }` (load + store)'
    [putc]='`while fr.read().txff {}; dr.write { data = i }` (load + store)')
swift_total=0 c_total=0 access_total=0
: >"$RAW/registers.txt"
for loop in "${loops[@]}"; do
    swift=$(per_unit "$REG_BENCH" --run "swift-$loop" "$N")
    c=$(per_unit "$REG_BENCH" --run "c-$loop" "$N")
    echo "$loop $swift $c" >>"$RAW/registers.txt"
    r=$(ratio "$swift" "$c")
    rows+=("| PL011 $loop: ${title[$loop]}, instructions per iteration | $(shown "$swift") Swift, generated accessor on MappedRegisterBus (VFIODevice.Bus) | $(shown "$c") C, volatile pointer | $r | 1.00x ($(verdict "$r" le 1.0)) |")
    if is_number "$swift" && is_number "$c" && [[ -n $swift_total ]]; then
        swift_total=$(awk -v a="$swift_total" -v b="$swift" 'BEGIN { print a + b }')
        c_total=$(awk -v a="$c_total" -v b="$c" 'BEGIN { print a + b }')
    else
        swift_total= c_total=   # one loop not counted: no total either
    fi
    access_total=$((access_total + accesses[$loop]))
done
swift_per= c_per=
if [[ -n $swift_total ]]; then
    swift_per=$(awk -v a="$swift_total" -v n="$access_total" 'BEGIN { printf "%.2f", a / n }')
    c_per=$(awk -v a="$c_total" -v n="$access_total" 'BEGIN { printf "%.2f", a / n }')
fi
r=$(ratio "$swift_per" "$c_per")
rows+=("| PL011 all four loops, instructions per register access ($access_total accesses) | $(shown "$swift_per") Swift | $(shown "$c_per") C | $r | 1.00x ($(verdict "$r" le 1.0)) |")

# ---- 2. device-tree parsing
# Large DTBs from the kernel's own sources, built once: cpp + dtc as the kernel's cmd_dtc does.
pkg_version=$(dpkg-query -W -f='${Version}' linux-source-6.12 2>/dev/null || echo unknown)
DTBS=$CACHE/bench-dtbs
mkdir -p "$DTBS"
[[ -f $DTBS/VERSION && $(cat "$DTBS/VERSION") == "$pkg_version" ]] || { rm -f "$DTBS"/*.dtb; echo "$pkg_version" >"$DTBS/VERSION"; }
missing=()
for board in "${BOARDS[@]}"; do
    [[ -f $DTBS/$(basename "$board" .dts).dtb ]] || missing+=("$board")
done
if ((${#missing[@]})); then
    # The lead's rig keeps an unpacked tree (rig/build-kernel.sh); otherwise unpack only the dts parts.
    SRC=$CACHE/linux-src-$pkg_version
    if [[ ! -d $SRC/arch/arm64/boot/dts ]]; then
        SRC=$DTBS/src
        if [[ ! -d $SRC/arch/arm64/boot/dts ]]; then
            [[ -f $TARBALL ]] || die "$TARBALL is missing (apt-get install linux-source-6.12)"
            say "unpacking the dts sources from $TARBALL (once)"
            unpack=$(mktemp -d "$DTBS/unpack.XXXXXX")
            tar -xJf "$TARBALL" -C "$unpack" linux-source-6.12/arch/arm64/boot/dts linux-source-6.12/arch/arm/boot/dts \
                linux-source-6.12/include/dt-bindings linux-source-6.12/scripts/dtc/include-prefixes
            rm -rf "$SRC" && mv -T "$unpack/linux-source-6.12" "$SRC" && rmdir "$unpack"
        fi
    fi
    for board in "${missing[@]}"; do
        name=$(basename "$board" .dts)
        dir=$SRC/arch/arm64/boot/dts/$(dirname "$board")
        say "compiling $board"
        cpp -nostdinc -I "$SRC/include" -I "$SRC/scripts/dtc/include-prefixes" -I "$dir" -undef -D__DTS__ \
            -x assembler-with-cpp -o "$DTBS/$name.pp" "$SRC/arch/arm64/boot/dts/$board"
        dtc -q -I dts -O dtb -b 0 -i "$dir" -o "$DTBS/$name.dtb.tmp" "$DTBS/$name.pp"
        mv "$DTBS/$name.dtb.tmp" "$DTBS/$name.dtb" && rm -f "$DTBS/$name.pp"
    done
fi
files=()
for board in "${BOARDS[@]}"; do files+=("$DTBS/$(basename "$board" .dts).dtb"); done

say "dt-bench timing ($SAMPLES samples per DTB)"
"$BIN/dt-bench" --tsv --samples "$SAMPLES" "${files[@]}" >"$RAW/dt-time.tsv"

# dtc_ms FILE: median wall time of one `dtc -I dtb -O dts` process, in ms.
dtc_ms() {
    local start end
    for ((run = 0; run < DTC_RUNS; run++)); do
        start=$EPOCHREALTIME
        dtc -q -I dtb -O dts -o /dev/null "$1"
        end=$EPOCHREALTIME
        awk -v a="$start" -v b="$end" 'BEGIN { printf "%.4f\n", (b - a) * 1000 }'
    done | median
}

: >"$RAW/dt.txt"
while IFS=$'\t' read -r path bytes nodes properties full_ns init_ns walk_ns check_walk_ns; do
    name=$(basename "$path" .dtb)
    say "$name: callgrind (Swift full parse, C walk, dtc) and dtc timing"
    full_ir=$(per_unit "$DT_BENCH" --run swift-full "$path" --repeat 2)
    walk_ir=$(per_unit "$DT_BENCH" --run c-walk "$path" --repeat 2)
    dtc_ir=$(instructions dtc -q -I dtb -O dts -o /dev/null "$path")
    dtc_time=$(dtc_ms "$path")
    echo "$name $bytes $nodes $properties $full_ns $init_ns $walk_ns $check_walk_ns $full_ir $walk_ir $dtc_ir $dtc_time" >>"$RAW/dt.txt"
    kib=$(awk -v b="$bytes" 'BEGIN { printf "%.0f KiB", b / 1024 }')
    what="$name ($kib, $nodes nodes, $properties properties)"
    full_ms=$(awk -v v="$full_ns" 'BEGIN { printf "%.3f", v / 1e6 }')
    walk_ms=$(awk -v v="$walk_ns" 'BEGIN { printf "%.3f", v / 1e6 }')
    r=$(ratio "$full_ns" "$walk_ns")
    rows+=("| DT parse $what: time | $full_ms ms Swift full parse + index | $walk_ms ms C libfdt walk | $r | <= 1.3x ($(verdict "$r" le 1.3)) |")
    r=$(ratio "$full_ir" "$walk_ir")
    rows+=("| DT parse $what: instructions | $(shown "$(mega "$full_ir")") Swift | $(shown "$(mega "$walk_ir")") C walk | $r | <= 1.3x ($(verdict "$r" le 1.3)) |")
    init_ms=$(awk -v v="$init_ns" 'BEGIN { printf "%.3f", v / 1e6 }')
    r=$(awk -v d="$dtc_time" -v s="$init_ms" 'BEGIN { printf "%.1fx", d / s }')
    rows+=("| DT parse $what: parse + index vs dtc (speedup) | $init_ms ms Swift \`DeviceTree(bytes:)\` (check + index), in process | $dtc_time ms \`dtc -I dtb -O dts\` process | $r | >= 10x faster ($(verdict "$r" ge 10)) |")
    r=$(awk -v d="$dtc_time" -v s="$full_ms" 'BEGIN { printf "%.1fx", d / s }')
    rows+=("| DT parse $what: full workload vs dtc (speedup) | $full_ms ms Swift full parse + index + resolution, in process | $dtc_time ms \`dtc -I dtb -O dts\` process | $r | info (10x: $(verdict "$r" ge 10)) |")
done <"$RAW/dt-time.tsv"

if [[ ${BENCH_BREAKDOWN:-0} == 1 ]]; then
    say "breakdown of the Swift parse (callgrind, instructions per pass)"
    parts=(swift-init swift-properties swift-registers swift-interrupts swift-linuxname swift-full c-walk c-check-walk)
    {
        printf '%-34s' dtb; printf ' %16s' "${parts[@]}"; echo
        for file in "${files[@]}"; do
            printf '%-34s' "$(basename "$file" .dtb)"
            for part in "${parts[@]}"; do printf ' %16s' "$(shown "$(per_unit "$DT_BENCH" --run "$part" "$file" --repeat 2)")"; done
            echo
        done
        echo "(swift-properties etc. include swift-init: subtract it for the part alone)"
    } >"$RAW/dt-breakdown.txt"
    cat "$RAW/dt-breakdown.txt" >&2
fi

# ---- 3. static aarch64 binaries
if [[ -d $ROOT/.build-embedded/bin ]]; then
    for binary in "$ROOT"/.build-embedded/bin/*; do
        [[ -x $binary ]] || continue
        size=$(stat -c %s "$binary")
        text=$(aarch64-linux-gnu-size "$binary" 2>/dev/null | awk 'NR == 2 { print $1 }')
        rows+=("| static aarch64 binary \`$(basename "$binary")\` (Embedded Swift, glibc + libfdt linked in) | $(awk -v s="$size" 'BEGIN { printf "%.0f KiB", s / 1024 }') file${text:+, $(awk -v s="$text" 'BEGIN { printf "%.0f KiB", s / 1024 }') text} | | | info |")
    done
    # What the framework adds: uart minus a static C program making the same calls and no
    # others (build-cbench.sh --start-only: cstart.c and cvfio.c; libfdt, sysfs binding, VFIO
    # ioctls, mmap, eventfd, epoll, signalfd, stdio), linked against the same glibc and libfdt
    # with the same linker (lld: GNU ld padded the C program by 57 KB) and stripped.
    uart=$ROOT/.build-embedded/bin/uart
    if [[ -x $uart ]] && command -v aarch64-linux-gnu-gcc >/dev/null; then
        "$ROOT/board/bench/build-cbench.sh" "$RAW/cbench-start" --start-only
        c_size=$(stat -c %s "$RAW/cbench-start")
        added=$(( $(stat -c %s "$uart") - c_size ))
        verdict_size=$( ((added <= 131072)) && echo met || echo missed)
        rows+=("| size the framework adds: \`uart\` minus a static C program making the same calls (cbench start alone, lld) | $(awk -v s="$added" 'BEGIN { printf "%.0f KiB", s / 1024 }') ($(stat -c %s "$uart") - $c_size bytes) | C: $(awk -v s="$c_size" 'BEGIN { printf "%.0f KiB", s / 1024 }') | | <= 128 KiB ($verdict_size) |")
    fi
else
    rows+=("| static aarch64 binary sizes | (run scripts/embedded-build.sh) | | | info |")
fi

# ---- 3b. armv7: the register loops counted in the compiled armv7 code, the size row
say "armv7 rows: scripts/bench-armv7.sh (the armv7 toolset; log in out/bench/host/armv7-build.log)"
mapfile -t armv7_rows < <("$ROOT/scripts/bench-armv7.sh" "$RAW" || true)
((${#armv7_rows[@]})) || armv7_rows=("| armv7 register loops and size (scripts/bench-armv7.sh failed) | not measured | | | (not measured) |")

# ---- 4. in-guest rows (scripts/bench-guest.sh on the QEMU rig)
guest_rows=()
rm -f "$GUEST"
if [[ ${BENCH_GUEST:-1} == 1 ]]; then
    say "in-guest rows: scripts/bench-guest.sh (QEMU boots; log in out/bench/guest.log)"
    "$ROOT/scripts/bench-guest.sh" >"$ROOT/out/bench/guest.log" 2>&1 || say "bench-guest.sh failed (out/bench/guest.log)"
fi
if [[ -s $GUEST ]]; then
    mapfile -t guest_rows < <(grep '^|' "$GUEST")
else
    guest_rows=(
        "| IRQ latency median, PL011 DR write → wait returns | not measured | C, raw VFIO ioctls | | <= 1.1x (not measured) |"
        "| IRQ latency p99 | not measured | C, raw VFIO ioctls | | <= 1.1x (not measured) |"
        "| IRQ latency median through UIO | not measured | C, UIO read()/write(1) | | <= 1.1x (not measured) |"
        "| PL011 transmit throughput | not measured | kernel pl011 tty | | >= 1.0x (not measured) |")
fi

{
    echo "| benchmark | ours | reference | ratio | goal |"
    echo "|---|---|---|---|---|"
    printf '%s\n' "${rows[@]}"
    echo "| **armv7** (scripts/bench-armv7.sh) | | | | |"
    printf '%s\n' "${armv7_rows[@]}"
    echo "| **in guest** (scripts/bench-guest.sh) | | | | |"
    printf '%s\n' "${guest_rows[@]}"
} >"$RESULT"
cat "$RESULT"
say "table written to ${RESULT#$ROOT/}; raw numbers in ${RAW#$ROOT/}/"
unmeasured=$(grep -c "not measured" "$RESULT" || true)
if ((unmeasured > 0)); then
    say "$unmeasured row(s) not measured: see the table and out/bench/"
    exit 1
fi
