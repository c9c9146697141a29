#!/usr/bin/env bash
# debian-kernel.sh — fetch a distribution kernel for the board tier: Debian 12's own arm64 kernel
# (the linux-image-arm64 metapackage's current image), unchanged, as a user's board runs it.
#
# Usage: rig/debian-kernel.sh
#
# Downloads the image package with a private apt state (as arm64-packages.sh does: the host's dpkg
# is untouched) from bookworm and bookworm-security, and unpacks into
# ${PDRIVERS_CACHE:-$HOME/.cache/pdrivers}/debian-kernel-<version>/ only what the rig needs:
#   Image                        the kernel (Debian's arm64 vmlinuz is an uncompressed Image)
#   boot/config-RELEASE          its configuration, for `vfioctl doctor`
#   lib/modules/RELEASE/         modules.dep, modules.builtin, modules.order, and the modules the
#                                rig loads: virtio_mmio and virtio_console (its console is a module),
#                                uio and vfio (cores the doctor and the drivers use)
#   extra/uio_pdrv_genirq.ko     the UIO driver this kernel lacks (CONFIG_UIO_PDRV_GENIRQ is not set),
#                                built out of tree as a user would: the file from the kernel's own
#                                source (linux-source-X.Y, same version), against its headers
#                                (linux-headers-RELEASE and -common) with its kbuild tools
#                                (linux-kbuild-X.Y, for this host), cross-compiled with
#                                aarch64-linux-gnu-gcc-12 (the compiler Debian built it with). Unsigned:
#                                loading it taints the kernel, as any module of one's own does.
#   release                      RELEASE ("6.1.0-57-arm64")
# Reused when present (and, offline, the newest one fetched before). Mirror: the host's Debian archive (RIG_DEBIAN_MIRROR overrides).
# stdout: one line, the absolute path of that directory.
set -euo pipefail

CACHE=${PDRIVERS_CACHE:-$HOME/.cache/pdrivers}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$(dirname "$0")/debian-mirror.sh"
# The module is built with the DKMS package's files: a change to them is a new cache entry.
package_key=$(cat "$ROOT"/packaging/dkms/uio-pdrv-genirq/* | sha256sum | cut -c1-12)
SUITE=bookworm

mkdir -p "$CACHE"
work=$(mktemp -d "$CACHE/debian-kernel-apt.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/lists/partial" "$work/cache/archives/partial" "$work/parts" "$work/debs"
: >"$work/status"
cat >"$work/sources.list" <<SOURCES
deb [arch=arm64,amd64 signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $MIRROR $SUITE main
deb [arch=arm64,amd64 signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] ${MIRROR%/debian}/debian-security $SUITE-security main
SOURCES
apt_opts=(
    -o APT::Architecture=arm64 -o APT::Architectures=arm64,amd64
    -o Dir::Etc::SourceList="$work/sources.list" -o Dir::Etc::SourceParts="$work/parts"
    -o Dir::State::Lists="$work/lists" -o Dir::State::status="$work/status" -o Dir::Cache="$work/cache"
    -o APT::Sandbox::User=root -o Acquire::Languages=none -q
)
echo "debian-kernel: apt-get update ($MIRROR $SUITE, $SUITE-security, arm64)" >&2
if ! apt-get "${apt_opts[@]}" update >&2; then
    # Offline: the newest kernel fetched before, if any.
    cached=$(ls -d "$CACHE"/debian-kernel-*-arm64-*/ 2>/dev/null | sort -V | tail -n1)
    [[ -n $cached && -f $cached/Image ]] || { echo "debian-kernel: the Debian archive is unreachable and no kernel was fetched before" >&2; exit 1; }
    echo "debian-kernel: the archive is unreachable; using $cached" >&2
    echo "${cached%/}"
    exit 0
fi
image=$(apt-cache "${apt_opts[@]}" depends linux-image-arm64 2>/dev/null | sed -n 's/^ *Depends: \(linux-image-[0-9][^ ]*-arm64\).*/\1/p' | head -n1)
version=$(apt-cache "${apt_opts[@]}" show "$image" 2>/dev/null | sed -n 's/^Version: //p' | head -n1)
[[ -n $image && -n $version ]] || { echo "debian-kernel: cannot find the image package of linux-image-arm64" >&2; exit 1; }
release=${image#linux-image-}
DIR=$CACHE/debian-kernel-$release-$version-$package_key
if [[ -f $DIR/Image && -f $DIR/release && -f $DIR/extra/uio_pdrv_genirq.ko ]]; then
    echo "$DIR"
    exit 0
fi
series=$(echo "$release" | cut -d. -f1-2)                 # 6.1
abi=${release%-arm64}                                     # 6.1.0-57
echo "debian-kernel: downloading $image $version, its headers, kbuild and source" >&2
(cd "$work/debs" && apt-get "${apt_opts[@]}" download "$image=$version" "linux-headers-$release=$version" \
    "linux-headers-$abi-common=$version" "linux-kbuild-$series:amd64=$version" "linux-source-$series=$version" >&2)
deb=$(ls "$work"/debs/linux-image-*.deb)
stage=$work/stage
mkdir -p "$stage"
modules=lib/modules/$release
dpkg-deb -x "$deb" "$stage"
# The package ships no modules.dep: dpkg's postinst runs depmod, as here over the whole tree.
command -v depmod >/dev/null || { echo "debian-kernel: depmod is missing (apt-get install kmod)" >&2; exit 1; }
depmod -b "$stage" "$release"
out=$work/out
mkdir -p "$out/boot" "$out/$modules"
mv "$stage/boot/vmlinuz-$release" "$out/Image"
mv "$stage/boot/config-$release" "$out/boot/"
for index in modules.dep modules.builtin modules.order; do mv "$stage/$modules/$index" "$out/$modules/"; done
for module in kernel/drivers/virtio/virtio_mmio.ko kernel/drivers/char/virtio_console.ko \
              kernel/drivers/uio/uio.ko kernel/drivers/vfio/vfio.ko; do
    mkdir -p "$(dirname "$out/$modules/$module")"
    mv "$stage/$modules/$module" "$out/$modules/$module"
done
echo "$release" >"$out/release"

# uio_pdrv_genirq, out of tree: the headers and kbuild unpacked side by side, the headers'
# Makefile pointed at the unpacked common tree instead of /usr/src.
headers=$work/headers
mkdir -p "$headers"
for package in linux-headers-"$release" linux-headers-"$abi"-common linux-kbuild-"$series"; do
    dpkg-deb -x "$(ls "$work"/debs/"$package"_*.deb)" "$headers"
done
sed -i "s|/usr/src/linux-headers-$abi-common|$headers/usr/src/linux-headers-$abi-common|" "$headers/usr/src/linux-headers-$release/Makefile"
# The DKMS package's own files (packaging/dkms/uio-pdrv-genirq): its Kbuild, and its
# fetch-source.sh taking the driver from the kernel source package; then its MAKE line, cross.
module=$work/module
mkdir -p "$module"
cp "$ROOT/packaging/dkms/uio-pdrv-genirq/Kbuild" "$module/"
dpkg-deb --fsys-tarfile "$(ls "$work"/debs/linux-source-*.deb)" | tar -x -O "./usr/src/linux-source-$series.tar.xz" >"$work/linux-source.tar.xz"
(cd "$module" && "$ROOT/packaging/dkms/uio-pdrv-genirq/fetch-source.sh" "$release" "$work/linux-source.tar.xz")
make -s -C "$headers/usr/src/linux-headers-$release" M="$module" \
    DEB_BUILD_ARCH=amd64 DEB_HOST_ARCH=arm64 DEB_HOST_GNU_TYPE=aarch64-linux-gnu modules >&2
mkdir -p "$out/extra"
cp "$module/uio_pdrv_genirq.ko" "$out/extra/"
rm -rf "$DIR"
mv -T "$out" "$DIR"
echo "$DIR"
