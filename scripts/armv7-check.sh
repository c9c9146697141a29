#!/usr/bin/env bash
# armv7-check.sh — the board programs as 32-bit ARM (armv7, hard float) binaries: built by SwiftPM
# with the armv7 toolset (scripts/toolset.sh armv7: Embedded Swift armv7-none-none-eabi, linked
# static against Debian's armhf glibc and libfdt), checked for the hard-float ABI, and run under
# qemu-arm-static on the host against the sample virt DTB: the driver host parses the tree, matches
# and probes (and says the device is missing: the host has none), and the 32-bit vfioctl writes
# the same overlay bytes as the host's. CLinux refuses to compile with a 4-byte off_t or time_t
# (vfio puts region N at N << 40), so a build that would truncate a region offset fails here.
# Then the 32-bit board: QEMU's virt with a Cortex-A15 and our 32-bit kernel (rig/build-kernel.sh
# --arch arm, rig/kernel-arm.config), where the same uart echoes through vfio-amba (host fifo),
# the same timer ticks with its interrupt, doctor is content, and release gives the devices back;
# booted again with the overlay the armv7 vfioctl wrote applied (fdtoverlay), the uart echoes and
# the timer ticks through UIO, and the gpio and fwcfg (a DMA master: --allow-dma-master) programs
# run through vfio. Last, the 32-bit
# SoC boards: scripts/arm32-boards.sh (raspi2b, mcimx6ul-evk).
# Usage: scripts/armv7-check.sh HOST_VFIOCTL     (the host build's vfioctl, for the comparison)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
HOST_VFIOCTL=${1:?usage: armv7-check.sh HOST_VFIOCTL}
OUT=$ROOT/.build-embedded-armv7
BOARD_ARCH=armv7 EMBEDDED_PROGRAMS="uart timer vfioctl gpio fwcfg systimer imx" "$ROOT/scripts/embedded-build.sh" "$OUT"
fail() { echo "armv7: $*" >&2; exit 1; }
for program in uart timer vfioctl gpio fwcfg systimer imx; do
    binary=$OUT/bin/$program
    file -b "$binary" | grep -q "ELF 32-bit LSB executable, ARM, EABI5.*statically linked" || fail "$program is not a static 32-bit ARM executable: $(file -b "$binary")"
    readelf -A "$binary" | grep -q "Tag_ABI_VFP_args: VFP registers" || fail "$program does not pass floats in VFP registers (hard float)"
done
dtb=$ROOT/out/dtb/qemu-virt.dtb
[[ -f $dtb ]] || fail "no $dtb (make dtbs)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
qemu-arm-static "$OUT/bin/uart" echo --count 1 --dtb "$dtb" >"$work/uart.log" 2>&1 || status=$?
grep -qF "host: /pl011@9000000: pl011-echo probe failed: no device 9000000.pl011 in /sys/bus/platform/devices" "$work/uart.log" ||
    fail "the armv7 uart did not probe the virt tree's PL011: $(cat "$work/uart.log")"
((status == 1)) || fail "the armv7 uart exited $status, not 1, without its device"
qemu-arm-static "$OUT/bin/vfioctl" overlay /pl031@9010000 /pl011@9000000 --backend uio --dtb "$dtb" --out "$work/arm" >"$work/overlay.log" 2>&1 ||
    fail "the armv7 vfioctl overlay failed: $(cat "$work/overlay.log")"
"$HOST_VFIOCTL" overlay /pl031@9010000 /pl011@9000000 --backend uio --dtb "$dtb" --out "$work/host" >/dev/null
cmp "$work/arm.dtbo" "$work/host.dtbo" || fail "the armv7 and host overlays differ"
sed 1d "$work/arm.dtso" | cmp - <(sed 1d "$work/host.dtso") || fail "the armv7 and host overlay sources differ"

# The 32-bit virt board, booted with the armv7 binaries.
WORK=$work
. "$ROOT/scripts/board-echo-lib.sh"
cat >"$work/virt32.sh" <<'SCENARIO'
echo "UNAME: $(uname -m)"
vfioctl doctor; echo "DOCTOR-EXIT: $?"
uart echo --count 16 --allow-noiommu; echo "UART-EXIT: $?"
timer --ticks 2 --allow-noiommu; echo "TIMER-EXIT: $?"
for device in 9000000.pl011 9010000.pl031; do
    dir=/sys/bus/amba/devices/$device
    echo "AFTER: $device driver=$(basename "$(readlink $dir/driver)" 2>/dev/null) override=$(cat $dir/driver_override)"
done
SCENARIO
boot_with_echo virt32 "" "$work/virt32.sh" armv7-virt32-uar "$work/virt32.log" "$OUT/bin"
cat "$work/virt32.log"
expect_echo "$work/virt32.log" armv7-virt32-uar
expect_lines "$work/virt32.log" "UNAME: armv7l" "DOCTOR-EXIT: 0" "DEVICE: 9000000.pl011 (/pl011@9000000) bound to vfio-amba" "UART: echoed 16 bytes" "UART-EXIT: 0" \
    "TIMER: tick 2" "TIMER-EXIT: 0" "AFTER: 9000000.pl011 driver= override=(null)" "AFTER: 9010000.pl031 driver= override=(null)"

# The same board with the overlay from the armv7 vfioctl (the PL011 and the PL031 as platform
# devices for uio_pdrv_genirq) applied to QEMU's own tree: both through UIO, then the PL061 and
# fw-cfg through vfio.
qemu-system-arm -M virt,highmem=off,dumpdtb="$work/virt32.dtb" -cpu cortex-a15 -m 256 -nic none -nographic >/dev/null 2>&1
fdtoverlay -i "$work/virt32.dtb" -o "$work/virt32-uio.dtb" "$work/arm.dtbo"
cat >"$work/virt32-uio.sh" <<'SCENARIO'
uart echo --count 16 --backend uio; echo "UART-UIO-EXIT: $?"
timer --ticks 2 --backend uio; echo "TIMER-UIO-EXIT: $?"
gpio set --pin 5 --level 1 --allow-noiommu; echo "GPIO-EXIT: $?"
fwcfg signature --allow-noiommu --allow-dma-master; echo "FWCFG-EXIT: $?"
SCENARIO
boot_with_echo virt32 "$work/virt32-uio.dtb" "$work/virt32-uio.sh" armv7-virt32-uio "$work/virt32-uio.log" "$OUT/bin"
cat "$work/virt32-uio.log"
expect_echo "$work/virt32-uio.log" armv7-virt32-uio
expect_lines "$work/virt32-uio.log" "bound to uio_pdrv_genirq" "UART: echoed 16 bytes" "UART-UIO-EXIT: 0" "TIMER: tick 2" "TIMER-UIO-EXIT: 0" \
    "GPIO: pin 5 drives 1, reads back 1" "GPIO-EXIT: 0" "FWCFG: signature \"QEMU\"" "FWCFG-EXIT: 0"
ls -l "$OUT/bin" | awk 'NR>1 {printf "armv7: %-8s %8d bytes\n", $9, $5}'
echo "armv7: the board programs build for armv7 hard float, probe the virt tree under qemu-arm-static, write the host's overlay bytes, and on the 32-bit virt board the uart echoes and the timer ticks through vfio-amba and through UIO, the gpio and fwcfg programs run through vfio"
"$ROOT/scripts/arm32-boards.sh" "$OUT/bin"
