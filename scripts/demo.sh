#!/usr/bin/env bash
# demo.sh — boots the arm64 virt board with the demo scenario (board/scenarios/demo.sh) and
# plays the other end of the guest's PL011: it reads the UART driver's greeting, sends a line,
# and shows the echo that came back through our userspace driver.
# Usage: scripts/demo.sh KERNEL_IMAGE INITRAMFS EMBEDDED_BIN_DIR
# Every wait is bounded (DEMO_TIMEOUT seconds for the boot, default 120); when one gives up the
# guest's last console lines are printed.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
kernel=${1:?} initrd=${2:?} bin=${3:?}
timeout=${DEMO_TIMEOUT:-120}
work=$(mktemp -d /tmp/pdrivers-demo.XXXXXX)
cleanup() {
    local status=$?
    [[ -z ${host_pid:-} ]] || kill "$host_pid" 2>/dev/null || true
    rm -rf "$work"
    exit "$status"
}
trap cleanup EXIT
mkfifo "$work/serial.in" "$work/serial.out"
: >"$work/console"
message="Hello from the host, through a Swift PL011 driver in the guest!!"  # 64 bytes

last_console_lines() {
    echo "== the guest's last console lines:"
    tr -d '\r' <"$work/console" | tail -n 25 | sed 's/^/   | /'
}

echo "== Embedded Swift binaries (static aarch64, stripped)"
for program in vfioctl uart timer gpio fwcfg; do
    [[ -f $bin/$program ]] && printf "   %-8s %8d bytes\n" "$program" "$(wc -c < "$bin/$program")"
done
echo "== booting QEMU arm64 virt with our kernel (vfio-platform, vfio-amba, no-IOMMU mode)"

# The host side of the UART: open both fifos read-write (never blocks), wait (bounded) for the
# guest's "ready" on the console, then send the message and print what comes back.
(
    exec 3<>"$work/serial.in" 4<>"$work/serial.out"
    waited=0
    while ! grep -q "UART: ready" "$work/console" 2>/dev/null; do
        if ((waited >= timeout * 5)); then
            printf '\n   [host] gave up: the guest never said "UART: ready" in %d s\n' "$timeout"
            exit 1
        fi
        sleep 0.2
        waited=$((waited + 1))
    done
    printf '%s' "$message" >&3
    echo=$(timeout 20 head -c ${#message} <&4 || true)
    printf '\n   [host] sent %d bytes on the PL011 line, received back: "%s"\n\n' "${#message}" "$echo"
    [[ $echo == "$message" ]]
) &
host_pid=$!

start=$(date +%s.%N)
status=0
"$ROOT/rig/run-board.sh" --kernel "$kernel" --initrd "$initrd" --timeout "$timeout" --serial "$work/serial" \
    --append "scenario=demo" 2>"$work/rig.err" | tee -a "$work/console" | sed -u 's/^/   [guest] /' || status=$?
# The board is gone: the host side gets a few seconds to finish its read, then is stopped.
host_status=0
for _ in $(seq 50); do kill -0 "$host_pid" 2>/dev/null || break; sleep 0.1; done
kill "$host_pid" 2>/dev/null && host_status=1
wait "$host_pid" 2>/dev/null || host_status=$?
host_pid=
end=$(date +%s.%N)
printf "== boot to result: %.1f s, guest exit status %d\n" "$(echo "$end - $start" | bc)" "$status"
if ((status != 0 || host_status != 0)); then
    grep -v '^run-board:   |\|^run-board: the guest' "$work/rig.err" | sed 's/^/== /' || true
    last_console_lines
    ((status != 0)) || status=1
fi
exit "$status"
