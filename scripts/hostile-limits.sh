#!/usr/bin/env bash
# hostile-limits.sh — the time and memory dtbind takes on hostile input, against the goal that any
# input up to 64 KB is handled in under a second and 64 MB. Runs `dtbind generate` on:
#   - every bad binding of the test corpus (Tests/DTBindingTests/Fixtures/invalid, .../hostile)
#     and the fuzzer's seeds (Fuzz/seeds/binding), and the kept fuzz regression inputs;
#   - made-up 64 KB inputs: random bytes, a billion-laughs file grown to 64 KB, 64 KB of '[',
#     a 64 KB single line, 1,800 registers (64 KB), 64 KB of random YAML-looking text.
# Prints one line per input class and the largest time and memory seen; exit 1 when an input
# takes a second or 64 MB or more, or dtbind crashes (a signal).
# Usage: scripts/hostile-limits.sh [DTBIND]   (default: the host build's dtbind)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DTBIND=${1:-$(cd "$ROOT" && swift build --product dtbind --show-bin-path)/dtbind}
[[ -x $DTBIND ]] || (cd "$ROOT" && swift build --product dtbind >/dev/null)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

python3 - "$WORK/made" <<'PY'
import os, random, sys
out = sys.argv[1]; os.makedirs(out)
random.seed(12)
K = 64 * 1024
def write(name, data):
    with open(os.path.join(out, name), 'wb') as f: f.write(data if isinstance(data, bytes) else data.encode())
write('random-bytes.yaml', bytes(random.getrandbits(8) for _ in range(K)))
lines = ['a0: &a0 [' + ', '.join(['x'] * 9) + ']']
i = 1
while sum(len(l) + 1 for l in lines) < K - 200:
    lines.append(f'a{i}: &a{i} [' + ', '.join([f'*a{i-1}'] * 9) + ']'); i += 1
write('alias-bomb-64k.yaml', '\n'.join(lines) + '\n')
write('open-brackets-64k.yaml', 'name: ' + '[' * (K - 6))
write('one-line-64k.yaml', 'name: "' + 'x' * (K - 9) + '"\n')
regs = ['name: Many', 'compatible: "vendor,many"', 'registers:', '  Many:', '    width: 32', '    size: 0x100000', '    registers:']
n = 0
while sum(len(l) + 1 for l in regs) < K - 80:
    regs.append(f'      - {{name: R{n}, offset: {hex(n * 4)}}}'); n += 1
write('many-registers-64k.yaml', '\n'.join(regs) + '\n')
words = ['name:', 'registers:', 'fields:', '- ', '{', '}', '[', ']', '&a', '*a', 'offset:', '0xFFFFFFFFFFFFFFFF', 'bits:', '"7:0"', '\n  ', '\n', ': ', ', ', '<<:', '!!str', '|', '>']
write('random-yaml-64k.yaml', ''.join(random.choice(words) for _ in range(K // 4))[:K])
PY

inputs=("$ROOT"/Tests/DTBindingTests/Fixtures/invalid/*.yaml "$ROOT"/Fuzz/seeds/binding/*.yaml "$WORK"/made/*)
[[ -d $ROOT/Tests/DTBindingTests/Fixtures/hostile ]] && inputs+=("$ROOT"/Tests/DTBindingTests/Fixtures/hostile/*.yaml)
[[ -d $ROOT/Tests/FuzzRegressionTests/Inputs/binding ]] && inputs+=("$ROOT"/Tests/FuzzRegressionTests/Inputs/binding/*)
worst_time=0 worst_memory=0 worst_time_input= worst_memory_input= failed=0
for input in "${inputs[@]}"; do
    [[ -f $input ]] || continue
    status=0
    SWIFT_BACKTRACE=enable=no /usr/bin/time -f "%e %M" -o "$WORK/time" "$DTBIND" generate "$input" --output "$WORK/out" >/dev/null 2>"$WORK/err" || status=$?
    read -r seconds kilobytes < <(tail -n1 "$WORK/time")
    if ((status > 2)); then
        echo "hostile: dtbind generate $(basename "$input") exited with status $status:" >&2
        tail -n5 "$WORK/err" >&2
        failed=1
    fi
    if awk -v a="$seconds" -v b="$worst_time" 'BEGIN { exit !(a > b) }'; then worst_time=$seconds worst_time_input=${input#$ROOT/}; fi
    if ((kilobytes > worst_memory)); then worst_memory=$kilobytes worst_memory_input=${input#$ROOT/}; fi
    if awk -v s="$seconds" -v k="$kilobytes" 'BEGIN { exit !(s >= 1 || k >= 65536) }'; then
        echo "hostile: $(basename "$input"): ${seconds} s, ${kilobytes} KB: over the goal" >&2
        failed=1
    fi
done
echo "hostile inputs: ${#inputs[@]} files through dtbind generate"
echo "hostile inputs: slowest ${worst_time} s ($worst_time_input)"
echo "hostile inputs: largest ${worst_memory} KB resident ($worst_memory_input)"
echo "hostile inputs: goal under 1 s and 64 MB each: $( ((failed)) && echo missed || echo met)"
exit $failed
