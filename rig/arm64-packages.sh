#!/usr/bin/env bash
# arm64-packages.sh — fetch Debian arm64 (or armhf) packages for the guest and the
# board link, without enabling multiarch on the host.
#
# Usage: rig/arm64-packages.sh [arm64|armhf]     (default arm64; armhf for the armv7 toolset)
#
# Downloads busybox-static and libfdt-dev (arm64) with a private apt state
# (own sources list, lists, cache and status file), and unpacks them with
# dpkg-deb -x into ${PDRIVERS_CACHE:-$HOME/.cache/pdrivers}/<arch>-root-<key>,
# <key> hashing the package names, the Debian suite (and the architecture, for armhf). Reused
# when present. Provides <root>/bin/busybox and <root>/usr/lib/<multiarch>/libfdt.a
# (aarch64-linux-gnu, or arm-linux-gnueabihf).
# Mirror: the Debian archive this machine's own apt sources use (RIG_DEBIAN_MIRROR overrides).
# stdout: one line, the absolute path of the root.
set -euo pipefail

PACKAGES=(busybox-static libfdt-dev)
CACHE=${PDRIVERS_CACHE:-$HOME/.cache/pdrivers}
. "$(dirname "$0")/debian-mirror.sh"
SUITE=$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")
ARCH=${1:-arm64}
case $ARCH in
    arm64) MULTIARCH=aarch64-linux-gnu; MACHINE=aarch64; key=$(echo "${PACKAGES[*]} $SUITE" | sha256sum | cut -c1-16) ;;
    armhf) MULTIARCH=arm-linux-gnueabihf; MACHINE="ARM, EABI5"; key=$(echo "${PACKAGES[*]} $SUITE $ARCH" | sha256sum | cut -c1-16) ;;
    *) echo "arm64-packages: unknown architecture $ARCH (arm64 or armhf)" >&2; exit 2 ;;
esac
ROOT=$CACHE/$ARCH-root-$key
if [[ -x $ROOT/bin/busybox && -f $ROOT/usr/lib/$MULTIARCH/libfdt.a ]]; then
    echo "$ROOT"
    exit 0
fi
mkdir -p "$CACHE"

work=$(mktemp -d "$CACHE/$ARCH-apt.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/lists/partial" "$work/cache/archives/partial" "$work/parts" \
         "$work/debs" "$work/root"
: >"$work/status"
cat >"$work/sources.list" <<EOF
deb [arch=$ARCH signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $MIRROR $SUITE main
EOF

# A private apt: arm64 only, its own state, the host's dpkg untouched.
apt_opts=(
    -o APT::Architecture=$ARCH
    -o APT::Architectures=$ARCH
    -o Dir::Etc::SourceList="$work/sources.list"
    -o Dir::Etc::SourceParts="$work/parts"
    -o Dir::State::Lists="$work/lists"
    -o Dir::State::status="$work/status"
    -o Dir::Cache="$work/cache"
    -o APT::Sandbox::User="$(id -un)"
    -o Acquire::Languages=none
    -q
)
echo "arm64-packages: apt-get update ($MIRROR $SUITE $ARCH)" >&2
apt-get "${apt_opts[@]}" update >&2
echo "arm64-packages: downloading ${PACKAGES[*]}" >&2
(cd "$work/debs" && apt-get "${apt_opts[@]}" download "${PACKAGES[@]}" >&2)

for deb in "$work"/debs/*.deb; do
    dpkg-deb -x "$deb" "$work/root"
done
file_out=$(file -b "$work/root/bin/busybox" 2>/dev/null || true)
if [[ -n $file_out && ( $file_out != *"$MACHINE"* || $file_out != *static* ) ]]; then
    echo "arm64-packages: unexpected busybox: $file_out" >&2
    exit 1
fi
test -f "$work/root/usr/lib/$MULTIARCH/libfdt.a"

rm -rf "$ROOT"
mv -T "$work/root" "$ROOT"
echo "$ROOT"
