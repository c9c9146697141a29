# board-echo-lib.sh — what the board checks of scripts/armv7-check.sh and scripts/arm32-boards.sh
# share: boot a board with a scenario, send bytes to its free UART once the guest's driver is
# ready, and check what came back and what the console showed. Source it; it defines functions.
# The caller defines fail() and WORK (a scratch folder).

# boot_with_echo BOARD DTB SCENARIO PAYLOAD LOG BIN...: boots BOARD (DTB may be empty) with the
# SCENARIO file and BIN on the guest's /bin, sends PAYLOAD to the guest's free UART once the
# console says "UART: ready", and leaves the console in LOG, the bytes sent back in LOG.echo and
# run-on-board's exit status in LOG.status. Prints the board's boot-to-result time.
boot_with_echo() {
    local board=$1 dtb=$2 scenario=$3 payload=$4 log=$5
    shift 5
    local serial
    serial=$(mktemp -u "$WORK/serial.XXXXXX")
    mkfifo "$serial.in" "$serial.out"
    exec 7<>"$serial.in" 8<>"$serial.out"
    local start=$SECONDS status=0
    "$ROOT/scripts/run-on-board.sh" --board "$board" ${dtb:+--dtb "$dtb"} --serial "$serial" --timeout 180 --script "$scenario" "$@" >"$log" 2>&1 &
    local pid=$!
    for _ in $(seq 1 1800); do grep -q "UART: ready" "$log" && break; kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    printf '%s' "$payload" >&7
    timeout 30 head -c "${#payload}" <&8 >"$log.echo" || true
    wait "$pid" || status=$?
    exec 7>&- 8>&-
    echo "$status" >"$log.status"
    echo "$board: boot to result in $((SECONDS - start)) s"
}

# expect_echo LOG PAYLOAD: the guest sent PAYLOAD back.
expect_echo() {
    [[ $(cat "$1.echo") == "$2" ]] || { cat "$1"; fail "$(basename "$1" .log): the uart echoed '$(cat "$1.echo")', not '$2'"; }
}

# expect_lines LOG LINE...: the console showed every LINE.
expect_lines() {
    local log=$1; shift
    for expected in "$@"; do
        grep -qF -- "$expected" "$log" || { cat "$log"; fail "$(basename "$log" .log) did not show \"$expected\""; }
    done
}
