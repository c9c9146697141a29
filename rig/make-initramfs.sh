#!/usr/bin/env bash
# make-initramfs.sh — build the guest's initramfs (gzip newc cpio), as any user.
#
# Usage: rig/make-initramfs.sh --out FILE.cpio.gz --scenario SCRIPT [--bin DIR]... [--kernel-tree DIR]
#
# The archive holds: /bin/busybox (static aarch64, from arm64-packages.sh, or
# $RIG_BUSYBOX), every file of each --bin DIR copied into /bin, SCRIPT as
# /scenario.sh, and /init. /init mounts devtmpfs, proc, sysfs and tmpfs,
# installs the busybox applet links, prints "RIG: booted <uptime>", runs
# `sh /scenario.sh` (cwd /tmp), prints "RIG: exit <status>" and powers off.
# No device nodes are stored: /dev comes from devtmpfs.
# --kernel-tree DIR (rig/debian-kernel.sh's output) adds a distribution kernel's boot/ and lib/
# (its configuration, module indexes and the modules the rig loads): /init then loads
# virtio_mmio and virtio_console before it takes the console, since such a kernel builds its
# console as a module, and says so when the console still does not appear.
set -euo pipefail

RIG_DIR=$(cd "$(dirname "$0")" && pwd)
usage() {
    echo "usage: $0 --out FILE.cpio.gz --scenario SCRIPT [--bin DIR]... [--kernel-tree DIR]" >&2
    exit 2
}

out= scenario= bins=() kernel_tree=
while (($#)); do
    case $1 in
        --out) out=${2:?}; shift 2 ;;
        --scenario) scenario=${2:?}; shift 2 ;;
        --bin) bins+=("${2:?}"); shift 2 ;;
        --kernel-tree) kernel_tree=${2:?}; shift 2 ;;
        -h|--help) usage ;;
        *) echo "make-initramfs: unknown argument: $1" >&2; usage ;;
    esac
done
[[ -n $out && -n $scenario ]] || usage
[[ -f $scenario ]] || { echo "make-initramfs: no such scenario: $scenario" >&2; exit 2; }

busybox=${RIG_BUSYBOX:-}
if [[ -z $busybox ]]; then
    busybox=$("$RIG_DIR/arm64-packages.sh" | tail -n1)/bin/busybox
fi

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage"/{bin,dev,proc,sys,tmp,root}
install -m 0755 "$busybox" "$stage/bin/busybox"
for dir in ${bins[@]+"${bins[@]}"}; do
    [[ -d $dir ]] || { echo "make-initramfs: not a directory: $dir" >&2; exit 2; }
    cp -rL "$dir/." "$stage/bin/"
done
install -m 0644 "$scenario" "$stage/scenario.sh"
if [[ -n $kernel_tree ]]; then
    [[ -d $kernel_tree/lib/modules ]] || { echo "make-initramfs: $kernel_tree has no lib/modules (rig/debian-kernel.sh makes one)" >&2; exit 2; }
    cp -r "$kernel_tree/boot" "$kernel_tree/lib" "$stage/"
fi

cat >"$stage/init" <<'EOF'
#!/bin/busybox sh
# Rig init: the archive has no /dev/console, so take the console from devtmpfs.
/bin/busybox mount -t devtmpfs devtmpfs /dev
# A distribution kernel builds its virtio console as a module: load it before taking the console.
modules=/lib/modules/$(/bin/busybox uname -r)
if [ -f "$modules/kernel/drivers/char/virtio_console.ko" ] && [ ! -e /dev/hvc0 ]; then
    /bin/busybox insmod "$modules/kernel/drivers/virtio/virtio_mmio.ko"
    /bin/busybox insmod "$modules/kernel/drivers/char/virtio_console.ko"
    tries=0
    while [ ! -e /dev/hvc0 ] && [ "$tries" -lt 50 ]; do /bin/busybox sleep 0.1; tries=$((tries + 1)); done
fi
exec </dev/console >/dev/console 2>&1
/bin/busybox --install -s /bin
export PATH=/bin HOME=/root
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t tmpfs tmpfs /tmp
echo "RIG: booted $(cut -d' ' -f1 /proc/uptime)"
cd /tmp
sh /scenario.sh
status=$?
echo "RIG: exit $status"
sync
poweroff -f
EOF
chmod 0755 "$stage/init"

# Owner root:root in the archive without needing root on the host.
mkdir -p "$(dirname "$out")"
tmp_out=$(mktemp "$out.XXXXXX")
(cd "$stage" && find . -mindepth 1 -print0 | LC_ALL=C sort -z |
    cpio --null --create --format=newc --owner=0:0 --quiet) | gzip -6 >"$tmp_out"
chmod 0644 "$tmp_out"
mv -f "$tmp_out" "$out"
echo "$(cd "$(dirname "$out")" && pwd)/$(basename "$out")"
