#!/usr/bin/env bash
# stock-kernel-test.sh — the board tier on a distribution kernel: Debian 12's own arm64 kernel,
# unchanged (rig/debian-kernel.sh), booted on QEMU virt with our Embedded vfioctl. It checks what
# a user of that kernel meets: the rig gets a console from it (its virtio console is a module),
# and `vfioctl doctor` tells the truth about it: the kernel's release, configuration and module
# index; vfio's container a module (`modprobe vfio`); vfio-platform, vfio-amba, no-IOMMU mode and
# uio_pdrv_genirq not built in this kernel, with no modprobe offered for them; no reset_required
# line; exit 1. `vfioctl list` offers no backend for the devices the kernel holds. And without its
# console module in the initramfs, the rig says why the kernel printed nothing. Then the missing UIO
# driver, built out of tree from the kernel's own source against its headers (rig/debian-kernel.sh):
# loaded with insmod, doctor sees it, and the unchanged `timer` drives the PL031 (a platform device
# in an edited DTB, rig/make-uio-dtb.sh) through UIO on Debian's kernel, then gives it back.
# Usage: scripts/stock-kernel-test.sh EMBEDDED_BIN_DIR
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${1:?usage: stock-kernel-test.sh EMBEDDED_BIN_DIR}
for program in vfioctl timer; do
    [[ -x $BIN/$program ]] || { echo "stock-kernel: no $BIN/$program (make embedded builds it)" >&2; exit 1; }
done
TREE=$("$ROOT/rig/debian-kernel.sh" | tail -n1)
release=$(cat "$TREE/release")

log=$(mktemp)
trap 'rm -f "$log"' EXIT
"$ROOT/scripts/run-on-board.sh" --debian-kernel --timeout 120 --run '
echo "UNAME: $(uname -r)"
vfioctl doctor; echo "DOCTOR-EXIT: $?"
vfioctl list; echo "LIST-EXIT: $?"
' "$BIN/vfioctl" 2>&1 | tee "$log"
for expected in \
    "UNAME: $release" \
    "kernel $release (configuration /boot/config-$release, modules /lib/modules/$release)" \
    "fix: this kernel has it as a module: \`modprobe vfio\`" \
    "fix: this kernel ($release) was built without CONFIG_VFIO_PLATFORM (/boot/config-$release), so no modprobe can load it" \
    "fix: this kernel ($release) was built without CONFIG_VFIO_NOIOMMU" \
    "fix: this kernel ($release) was built without CONFIG_UIO_PDRV_GENIRQ (/boot/config-$release), so no modprobe can load it: build uio_pdrv_genirq out of tree from the matching kernel source against this kernel's headers (linux-headers-$release)" \
    "DOCTOR-EXIT: 1" \
    "LIST-EXIT: 0"; do
    grep -qF -- "$expected" "$log" || { echo "stock-kernel: the board run did not show \"$expected\"" >&2; exit 1; }
done
for row in '^9010000\.pl031 +amba +rtc-pl031 +- +kernel +/pl031@9010000$' '^a003e00\.virtio_mmio +platform +virtio-mmio +- +kernel '; do
    tr -d '\r' <"$log" | grep -qE -- "$row" || { echo "stock-kernel: vfioctl list has no row matching $row" >&2; exit 1; }
done
for unexpected in "modprobe uio_pdrv_genirq" "modprobe vfio_platform" "modprobe vfio_amba" "reset_required"; do
    if grep -qF -- "$unexpected" "$log"; then echo "stock-kernel: doctor still says \"$unexpected\" on a kernel without it" >&2; exit 1; fi
done

# The same kernel with an initramfs that lacks its console module: no console, and the rig says why.
work=$(mktemp -d)
trap 'rm -f "$log"; rm -rf "$work"' EXIT
echo 'echo never printed' >"$work/scenario.sh"
"$ROOT/rig/make-initramfs.sh" --out "$work/initramfs.cpio.gz" --scenario "$work/scenario.sh" >/dev/null
status=0
"$ROOT/rig/run-board.sh" --kernel "$TREE/Image" --initrd "$work/initramfs.cpio.gz" --timeout 60 >"$work/silent.log" 2>&1 || status=$?
((status == 125)) || { echo "stock-kernel: a kernel without its console ended with status $status, not 125 (no RIG: exit line)" >&2; cat "$work/silent.log" >&2; exit 1; }
grep -qF "the kernel printed nothing on the console" "$work/silent.log" ||
    { echo "stock-kernel: the rig did not say why the kernel printed nothing:" >&2; cat "$work/silent.log" >&2; exit 1; }

# The module a user of this kernel builds (here cross-built), and the timer through UIO with it.
"$ROOT/rig/dump-virt-dtb.sh" --out "$work/virt.dtb" >/dev/null 2>&1
"$ROOT/rig/make-uio-dtb.sh" --from "$work/virt.dtb" --node /pl031@9010000 --out "$work/virt-pl031-platform.dtb" >/dev/null 2>&1
"$ROOT/scripts/run-on-board.sh" --debian-kernel --dtb "$work/virt-pl031-platform.dtb" --timeout 120 --run '
insmod /lib/modules/$(uname -r)/kernel/drivers/uio/uio.ko; echo "INSMOD-UIO: $?"
insmod /bin/uio_pdrv_genirq.ko; echo "INSMOD-GENIRQ: $?"
vfioctl doctor; echo "DOCTOR-AFTER-EXIT: $?"
timer --ticks 2; echo "TIMER-EXIT: $?"
dir=/sys/bus/platform/devices/9010000.pl031
echo "PL031-AFTER: driver=$(basename "$(readlink $dir/driver)" 2>/dev/null) override=$(cat $dir/driver_override)"
' "$BIN/vfioctl" "$BIN/timer" "$TREE/extra/uio_pdrv_genirq.ko" 2>&1 | tee "$log"
for expected in \
    "INSMOD-UIO: 0" "INSMOD-GENIRQ: 0" \
    "ok    uio_pdrv_genirq driver registered (UIO for platform devices)" \
    "using platform devices: uio (uio_pdrv_genirq)" \
    "DOCTOR-AFTER-EXIT: 0" \
    "TIMER: tick 2" "TIMER-EXIT: 0" \
    "PL031-AFTER: driver= override=(null)"; do
    grep -qF -- "$expected" "$log" || { echo "stock-kernel: the board run with the module did not show \"$expected\"" >&2; exit 1; }
done
echo "stock-kernel: Debian's $release boots in the rig, doctor tells the truth about it, a console-less boot is explained, and with uio_pdrv_genirq built out of tree the timer runs through UIO"
