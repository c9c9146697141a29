#!/usr/bin/env bash
# armv7-check.sh — the board programs as 32-bit ARM (armv7, hard float) binaries: built by SwiftPM
# with the armv7 toolset (scripts/toolset.sh armv7: Embedded Swift armv7-none-none-eabi, linked
# static against Debian's armhf glibc and libfdt), checked for the hard-float ABI, and run under
# qemu-arm-static on the host against the sample virt DTB: the driver host parses the tree, matches
# and probes (and says the device is missing: the host has none), and the 32-bit vfioctl writes
# the same overlay bytes as the host's. CLinux refuses to compile with a 4-byte off_t (vfio puts
# region N at N << 40), so a build that would truncate a region offset fails here.
# Usage: scripts/armv7-check.sh HOST_VFIOCTL     (the host build's vfioctl, for the comparison)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
HOST_VFIOCTL=${1:?usage: armv7-check.sh HOST_VFIOCTL}
OUT=$ROOT/.build-embedded-armv7
BOARD_ARCH=armv7 EMBEDDED_PROGRAMS="uart timer vfioctl" "$ROOT/scripts/embedded-build.sh" "$OUT"
fail() { echo "armv7: $*" >&2; exit 1; }
for program in uart timer vfioctl; do
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
ls -l "$OUT/bin" | awk 'NR>1 {printf "armv7: %-8s %8d bytes\n", $9, $5}'
echo "armv7: uart, timer and vfioctl build for armv7 hard float, probe the virt tree under qemu-arm-static, and write the host's overlay bytes"
