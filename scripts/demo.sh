#!/usr/bin/env bash
# demo.sh — boots the arm64 virt board with the demo scenario (board/scenarios/demo.sh) and
# plays the other end of the guest's PL011: it reads the UART driver's greeting, sends a line,
# and shows the echo that came back through our userspace driver.
# Usage: scripts/demo.sh KERNEL_IMAGE INITRAMFS EMBEDDED_BIN_DIR
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
kernel=${1:?} initrd=${2:?} bin=${3:?}
work=$(mktemp -d /tmp/pdrivers-demo.XXXXXX)
cleanup() {
    local status=$?
    [[ -z ${host_pid:-} ]] || kill "$host_pid" 2>/dev/null || true
    rm -rf "$work"
    exit "$status"
}
trap cleanup EXIT
mkfifo "$work/serial.in" "$work/serial.out"
message="Hello from the host, through a Swift PL011 driver in the guest!!"  # 64 bytes

echo "== Embedded Swift binaries (static aarch64, stripped)"
for program in vfioctl uart timer gpio fwcfg; do
    [[ -f $bin/$program ]] && printf "   %-8s %8d bytes\n" "$program" "$(wc -c < "$bin/$program")"
done
echo "== booting QEMU arm64 virt with our kernel (vfio-platform, vfio-amba, no-IOMMU mode)"

# The host side of the UART: open both fifos read-write (never blocks), wait for the guest's
# "ready" on the console, then send the message and print what comes back.
(
    exec 3<>"$work/serial.in" 4<>"$work/serial.out"
    while ! grep -q "UART: ready" "$work/console" 2>/dev/null; do sleep 0.2; done
    printf '%s' "$message" >&3
    echo=$(timeout 20 head -c ${#message} <&4 || true)
    printf '\n   [host] sent %d bytes on the PL011 line, received back: "%s"\n\n' "${#message}" "$echo"
) &
host_pid=$!

start=$(date +%s.%N)
status=0
"$ROOT/rig/run-board.sh" --kernel "$kernel" --initrd "$initrd" --timeout 120 --serial "$work/serial" \
    --append "scenario=demo" | tee "$work/console" | sed -u 's/^/   [guest] /' || status=$?
wait "$host_pid" 2>/dev/null || true
end=$(date +%s.%N)
printf "== boot to result: %.1f s, guest exit status %d\n" "$(echo "$end - $start" | bc)" "$status"
exit "$status"
