#!/usr/bin/env bash
# template-test.sh — what a user of the template package (Templates/CFIFlash) does, from their seat:
# build it and run its tests on the host, build its program for the board with SwiftPM and the
# toolset (scripts/toolset.sh), and run that binary on the QEMU virt board, where it identifies
# the board's CFI NOR flash through VFIO and gives the device back; and flashctl, vfioctl built in
# the template so that it knows the template's binding (this repository's vfioctl does not).
# Usage: scripts/template-test.sh KERNEL_IMAGE
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
KERNEL=${1:?usage: template-test.sh KERNEL_IMAGE}
TEMPLATE=$ROOT/Templates/CFIFlash
cd "$TEMPLATE"

start=$SECONDS
swift build --build-tests 2>&1 | grep -v '^\[[0-9]*/[0-9]*\]' || true
[[ ${PIPESTATUS[0]} -eq 0 ]] || { echo "template: host build failed" >&2; exit 1; }
swift test --skip-build
echo "template: host build and tests in $((SECONDS - start)) s"

start=$SECONDS
TOOLSET=$("$ROOT/scripts/toolset.sh")
BOARD=(swift build -c release --triple aarch64-none-none-elf --toolset "$TOOLSET")
"${BOARD[@]}" --product flashid 2>&1 | grep -v '^\[[0-9]*/[0-9]*\]' || true
[[ ${PIPESTATUS[0]} -eq 0 ]] || { echo "template: aarch64 build failed" >&2; exit 1; }
BIN=$("${BOARD[@]}" --show-bin-path)/flashid
echo "template: flashid for aarch64, $(wc -c <"$BIN") bytes, built in $((SECONDS - start)) s"
start=$SECONDS
"${BOARD[@]}" --product flashctl 2>&1 | grep -v '^\[[0-9]*/[0-9]*\]' || true
[[ ${PIPESTATUS[0]} -eq 0 ]] || { echo "template: aarch64 build of flashctl failed" >&2; exit 1; }
CTL=$("${BOARD[@]}" --show-bin-path)/flashctl
echo "template: flashctl for aarch64, $(wc -c <"$CTL") bytes, built in $((SECONDS - start)) s"

log=$(mktemp)
trap 'rm -f "$log"' EXIT
"$ROOT/scripts/run-on-board.sh" --kernel "$KERNEL" --timeout 90 --run '
flashid --allow-noiommu; echo "FLASHID-EXIT: $?"
echo "DRIVER-AFTER: $(readlink /sys/bus/platform/devices/0.flash/driver) override=$(cat /sys/bus/platform/devices/0.flash/driver_override)"
vfioctl info /flash@0 --allow-noiommu; echo "VFIOCTL-EXIT: $?"
flashctl info /flash@0 --allow-noiommu; echo "FLASHCTL-INFO-EXIT: $?"
flashctl dump /flash@0 --allow-noiommu | head -n 4; echo "FLASHCTL-DUMP-DONE"
flashctl release /flash@0; echo "FLASHCTL-RELEASE-EXIT: $?"
' --with-tools "$BIN" "$CTL" 2>&1 | tee "$log"
for expected in \
    "FLASH: /flash@0 bank 0: 2 chip(s), CFI command set 0x1 (Intel/Sharp extended), 64 MiB" \
    "FLASH: /flash@0 bank 1: 2 chip(s)" \
    "FLASHID-EXIT: 0" \
    "DRIVER-AFTER:  override=(null)" \
    "no binding describes 0.flash" \
    "VFIOCTL-EXIT: 1" \
    "bus mastering: not a bus master (binding CFIFlash)" \
    "FLASHCTL-INFO-EXIT: 0" \
    "CELL" \
    "FLASHCTL-RELEASE-EXIT: 0"; do
    grep -qF "$expected" "$log" || { echo "template: the board run did not show \"$expected\"" >&2; exit 1; }
done

# The same package for a 32-bit board: the armv7 toolset, and QEMU's 32-bit virt, where bank 1
# (region 1, at 1 << 40 in the device file, past what a 32-bit kernel maps) is read through pread.
start=$SECONDS
TOOLSET7=$("$ROOT/scripts/toolset.sh" armv7)
BOARD7=(swift build -c release --triple armv7-none-none-eabi --toolset "$TOOLSET7")
"${BOARD7[@]}" --product flashid 2>&1 | grep -v '^\[[0-9]*/[0-9]*\]' || true
[[ ${PIPESTATUS[0]} -eq 0 ]] || { echo "template: armv7 build failed" >&2; exit 1; }
BIN7=$("${BOARD7[@]}" --show-bin-path)/flashid
echo "template: flashid for armv7, $(wc -c <"$BIN7") bytes, built in $((SECONDS - start)) s"
"$ROOT/scripts/run-on-board.sh" --board virt32 --timeout 90 --run '
flashid --allow-noiommu; echo "FLASHID-EXIT: $?"
echo "DRIVER-AFTER: $(readlink /sys/bus/platform/devices/0.flash/driver) override=$(cat /sys/bus/platform/devices/0.flash/driver_override)"
' "$BIN7" 2>&1 | tee "$log"
for expected in \
    "FLASH: /flash@0 bank 0: 2 chip(s), CFI command set 0x1 (Intel/Sharp extended), 64 MiB" \
    "FLASH: /flash@0 bank 1: 2 chip(s)" \
    "FLASHID-EXIT: 0" \
    "DRIVER-AFTER:  override=(null)"; do
    grep -qF "$expected" "$log" || { echo "template: the virt32 run did not show \"$expected\"" >&2; exit 1; }
done
echo "template: passed on the host, on the board and on the 32-bit board"
