#!/usr/bin/env bash
# stock-kernel-test.sh — the board tier on a distribution kernel: Debian 12's own arm64 kernel,
# unchanged (rig/debian-kernel.sh), booted on QEMU virt with our Embedded vfioctl. It checks what
# a user of that kernel meets: the rig gets a console from it (its virtio console is a module),
# and `vfioctl doctor` tells the truth about it: the kernel's release, configuration and module
# index; vfio's container a module (`modprobe vfio`); vfio-platform, vfio-amba, no-IOMMU mode and
# uio_pdrv_genirq not built in this kernel, with no modprobe offered for them; no reset_required
# line; exit 1. `vfioctl list` offers no backend for the devices the kernel holds. And without its
# console module in the initramfs, the rig says why the kernel printed nothing. Then the missing UIO
# driver, built out of tree from the kernel's own source against its headers with the DKMS
# package's files (packaging/dkms, cross-built by rig/debian-kernel.sh): loaded with insmod,
# doctor sees it, and the unchanged `uart` echoes and `timer` ticks on the PL011 and PL031
# (platform devices in an edited DTB, rig/make-uio-dtb.sh) through UIO on Debian's kernel; release.
# Usage: scripts/stock-kernel-test.sh EMBEDDED_BIN_DIR
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${1:?usage: stock-kernel-test.sh EMBEDDED_BIN_DIR}
for program in vfioctl uart timer; do
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

# The module a user of this kernel builds (here cross-built from the DKMS package's files), and
# the unchanged uart (echo) and timer through UIO with it, then release.
"$ROOT/rig/dump-virt-dtb.sh" --out "$work/virt.dtb" >/dev/null 2>&1
"$ROOT/rig/make-uio-dtb.sh" --from "$work/virt.dtb" --out "$work/virt-uio.dtb" >/dev/null 2>&1
serial=$work/serial
mkfifo "$serial.in" "$serial.out"
exec 7<>"$serial.in" 8<>"$serial.out"
"$ROOT/scripts/run-on-board.sh" --debian-kernel --dtb "$work/virt-uio.dtb" --serial "$serial" --timeout 180 --run '
insmod /lib/modules/$(uname -r)/kernel/drivers/uio/uio.ko; echo "INSMOD-UIO: $?"
insmod /bin/uio_pdrv_genirq.ko; echo "INSMOD-GENIRQ: $?"
vfioctl doctor; echo "DOCTOR-AFTER-EXIT: $?"
uart echo --count 16 --backend uio; echo "UART-EXIT: $?"
timer --ticks 2; echo "TIMER-EXIT: $?"
vfioctl release 9000000.pl011; echo "RELEASE-EXIT: $?"
for device in 9000000.pl011 9010000.pl031; do
    dir=/sys/bus/platform/devices/$device
    echo "AFTER: $device driver=$(basename "$(readlink $dir/driver)" 2>/dev/null) override=$(cat $dir/driver_override)"
done
' "$BIN/vfioctl" "$BIN/uart" "$BIN/timer" "$TREE/extra/uio_pdrv_genirq.ko" >"$log" 2>&1 &
board=$!
for _ in $(seq 1 1800); do grep -q "UART: ready" "$log" && break; kill -0 "$board" 2>/dev/null || break; sleep 0.1; done
payload=stock-kernel-uio
printf '%s' "$payload" >&7
echoed=$(timeout 30 head -c ${#payload} <&8 || true)
wait "$board" || true
cat "$log"
[[ $echoed == "$payload" ]] || { echo "stock-kernel: the uart echo through UIO on $release sent back '$echoed', not '$payload'" >&2; exit 1; }
for expected in \
    "INSMOD-UIO: 0" "INSMOD-GENIRQ: 0" \
    "ok    uio_pdrv_genirq driver registered (UIO for platform devices)" \
    "using platform devices: uio (uio_pdrv_genirq)" \
    "DOCTOR-AFTER-EXIT: 0" \
    "DEVICE: 9000000.pl011 (/pl011@9000000) bound to uio_pdrv_genirq" "UART: echoed 16 bytes" "UART-EXIT: 0" \
    "TIMER: tick 2" "TIMER-EXIT: 0" "RELEASE-EXIT: 0" \
    "AFTER: 9000000.pl011 driver= override=(null)" "AFTER: 9010000.pl031 driver= override=(null)"; do
    grep -qF -- "$expected" "$log" || { echo "stock-kernel: the board run with the module did not show \"$expected\"" >&2; exit 1; }
done
echo "stock-kernel: Debian's $release boots in the rig, doctor tells the truth about it, a console-less boot is explained, and with uio_pdrv_genirq built out of tree (the DKMS package's files) the uart echoes and the timer ticks through UIO"
