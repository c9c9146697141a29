# bench-lib.sh — the measuring and judging helpers of scripts/bench.sh, in a file of their own so
# that a test (BenchHarnessTests) can prove that a measurement that failed never reads as met.
# Source it; it defines functions only.
#
# A count that could not be taken is empty, never 0: every helper passes an empty input on as
# empty, `verdict` turns it into "not measured", and bench.sh exits non-zero when any row says so.

# measurable BINARY DIR: a copy of BINARY without debug information, for valgrind (Debian 12's
# valgrind 3.19 gives up on the DWARF of Swift 6.3 binaries: "Possibly corrupted debuginfo file"),
# made again when BINARY is newer; prints its path.
measurable() {
    local copy=$2/$(basename "$1").nodebug
    if [[ ! -x $copy || $1 -nt $copy ]]; then objcopy --strip-debug "$1" "$copy"; fi
    echo "$copy"
}

# is_number TEXT: whether TEXT is a finite decimal number.
is_number() { [[ $1 =~ ^-?[0-9]+([.][0-9]+)?$ ]]; }

# instructions CMD...: total instructions (Ir) callgrind counts for one run of CMD; empty when
# callgrind did not count (the program or valgrind failed).
instructions() {
    local output count
    output=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null) || true
    count=$(sed -n 's/.*Collected : \([0-9]*\).*/\1/p' <<<"$output")
    if is_number "$count" && ((count > 0)); then echo "$count"; fi
}

# per_unit CMD_PREFIX K: instructions of K units = Ir(CMD 2K) - Ir(CMD K), which cancels process
# startup and setup; the count per unit with 2 decimals, or empty when either run was not counted.
per_unit() {
    local k=${*: -1} command=("${@:1:$#-1}")
    local one two
    one=$(instructions "${command[@]}" "$k")
    two=$(instructions "${command[@]}" $((2 * k)))
    is_number "$one" && is_number "$two" || return 0
    awk -v a="$one" -v b="$two" -v k="$k" 'BEGIN { printf "%.2f", (b - a) / k }'
}

# ratio A B: "A/Bx" with 2 decimals; empty when either is not a number or B is 0.
ratio() {
    is_number "$1" && is_number "$2" || return 0
    awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 != 0) printf "%.2fx", a / b }'
}

# verdict VALUE le|ge LIMIT: met, missed, or "not measured" when VALUE is not a number.
verdict() {
    local value=${1%x}
    if ! is_number "$value"; then echo "not measured"; return 0; fi
    awk -v v="$value" -v op="$2" -v limit="$3" 'BEGIN { ok = (op == "le") ? v <= limit + 1e-9 : v >= limit; print ok ? "met" : "missed" }'
}

# shown VALUE: VALUE, or "not measured" when it is empty (for the table's number columns).
shown() { if [[ -n $1 ]]; then echo "$1"; else echo "not measured"; fi; }
