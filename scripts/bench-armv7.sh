#!/usr/bin/env bash
# bench-armv7.sh — the armv7 rows of `make bench`, as markdown table rows on stdout:
#   1. register access: the four PL011 loops (Benchmarks/RegLoops in Swift, Benchmarks/CRegLoop in
#      C) compiled into one Embedded Swift armv7 program (reg-loops, the armv7 toolset with LTO,
#      as a driver is built, only not stripped), and the instructions of each compiled loop body
#      counted in its objdump: from the target of the loop's outermost backward branch to that
#      branch, divided by the unroll factor (the loads and stores in the body over those one
#      iteration makes);
#   2. the size the framework adds to the armv7 `uart` against the same C program (`cbench start`,
#      board/bench/build-cbench.sh) built static for armhf with the same linker.
# Needs the armv7 toolset's packages (scripts/install-deps.sh). Builds into .build-embedded-armv7.
# Usage: scripts/bench-armv7.sh RAW_DIR
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
RAW=${1:?usage: bench-armv7.sh RAW_DIR}
mkdir -p "$RAW"
. "$ROOT/scripts/bench-lib.sh"
say() { echo "bench-armv7: $*" >&2; }
OUT=$ROOT/.build-embedded-armv7
say "building uart and reg-loops for armv7 (the armv7 toolset; reg-loops keeping its symbols)"
BOARD_ARCH=armv7 EMBEDDED_PROGRAMS="uart" "$ROOT/scripts/embedded-build.sh" "$OUT" >"$RAW/armv7-build.log" 2>&1 ||
    { tail -n 20 "$RAW/armv7-build.log" >&2; say "the armv7 build failed"; }
# The toolset strips what it links: reg-loops is built with a copy that keeps the symbols (and
# its own build folder, so the two toolsets do not rebuild each other's), everything else alike.
TOOLSET=$("$ROOT/scripts/toolset.sh" armv7 | tail -n1)
sed '/"--strip-all",/d' "$TOOLSET" >"$RAW/toolset-armv7-symbols.json"
(cd "$ROOT" && swift build -c release --triple armv7-none-none-eabi --toolset "$RAW/toolset-armv7-symbols.json" \
    --experimental-lto-mode=full --scratch-path "$OUT/spm-symbols" --product reg-loops) >>"$RAW/armv7-build.log" 2>&1 ||
    { tail -n 20 "$RAW/armv7-build.log" >&2; say "the reg-loops build failed"; }
LOOPS=$OUT/spm-symbols/armv7-none-none-eabi/release/reg-loops

# loop_instructions SYMBOL_PART ACCESSES: instructions per iteration of the loop in the function
# whose symbol contains SYMBOL_PART (empty when it is not found): the function's range from its
# symbol (nm; objdump hides Swift's $e... names, which look like ARM mapping symbols), its
# disassembly, its outermost backward branch.
loop_instructions() {
    local start size
    read -r start size < <(arm-linux-gnueabihf-nm -S --defined-only "$LOOPS" 2>/dev/null | awk -v part="$1" 'index($4, part) { print $1, $2; exit }') || return 0
    [[ -n ${start:-} ]] || return 0
    arm-linux-gnueabihf-objdump -d --no-show-raw-insn --start-address=$((16#$start)) --stop-address=$((16#$start + 16#$size)) "$LOOPS" >"$RAW/armv7-$1.dis"
    awk -v accesses="$2" '
        function hex(text,    i, value) {
            value = 0
            for (i = 1; i <= length(text); i++) value = value * 16 + index("0123456789abcdef", substr(text, i, 1)) - 1
            return value
        }
        /^ *[0-9a-f]+:\t/ {
            split($0, f, "\t"); sub(/^ +/, "", f[1]); address = hex(substr(f[1], 1, length(f[1]) - 1))
            n++; addr[n] = address; op[n] = f[2]
            if (f[2] ~ /^b(eq|ne|cs|cc|hs|lo|mi|pl|vs|vc|hi|ls|ge|lt|gt|le|al)?(\.[nw])?$/ && match(f[3], /^(0x)?[0-9a-f]+/)) {
                text = substr(f[3], RSTART, RLENGTH); sub(/^0x/, "", text); target = hex(text)
                if (target < address && (best == "" || target < best || (target == best && address > end))) { best = target; end = address }
            }
        }
        END {
            if (best == "") exit
            count = 0; memory = 0
            for (i = 1; i <= n; i++) if (addr[i] >= best && addr[i] <= end) {
                count++
                if (op[i] ~ /^(ldr|str)(b|h)?(\.[nw])?$/) memory++
            }
            unroll = (memory >= accesses && memory % accesses == 0) ? memory / accesses : 1
            printf "%.2f\n", count / unroll
        }' "$RAW/armv7-$1.dis"
}

declare -A accesses=([read]=1 [write]=1 [modify]=2 [putc]=2)
declare -A swift_symbol=([read]=9swiftRead [write]=10swiftWrite [modify]=11swiftModify [putc]=9swiftPutc)
for loop in read write modify putc; do
    swift=$(loop_instructions "${swift_symbol[$loop]}" "${accesses[$loop]}")
    c=$(loop_instructions "cregloop_$loop" "${accesses[$loop]}")
    echo "$loop $swift $c" >>"$RAW/armv7-registers.txt"
    r=$(ratio "$swift" "$c")
    echo "| armv7 PL011 $loop: instructions per iteration of the compiled loop (objdump of reg-loops) | $(shown "$swift") Swift, generated accessor | $(shown "$c") C, volatile pointer | $r | 1.00x ($(verdict "$r" le 1.0)) |"
done

# The size row: the armv7 uart against cbench start for armhf.
if [[ -x $OUT/bin/uart ]] && BOARD_ARCH=armv7 "$ROOT/board/bench/build-cbench.sh" "$RAW/cbench-start-armhf" --start-only >"$RAW/cbench-armhf.log" 2>&1; then
    uart_size=$(stat -c %s "$OUT/bin/uart")
    c_size=$(stat -c %s "$RAW/cbench-start-armhf")
    added=$((uart_size - c_size))
    echo "| armv7 size the framework adds: \`uart\` minus the same C program for armhf (cbench start, static, lld) | $(awk -v s="$added" 'BEGIN { printf "%.0f KiB", s / 1024 }') ($uart_size - $c_size bytes) | C: $(awk -v s="$c_size" 'BEGIN { printf "%.0f KiB", s / 1024 }') | | <= 128 KiB ($( ((added <= 131072)) && echo met || echo missed)) |"
else
    tail -n 5 "$RAW/cbench-armhf.log" >&2 2>/dev/null || true
    echo "| armv7 size the framework adds: \`uart\` minus the same C program for armhf | not measured | | | <= 128 KiB (not measured) |"
fi
