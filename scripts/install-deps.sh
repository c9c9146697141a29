#!/usr/bin/env bash
# install-deps.sh — installs the Debian packages the build, the tests and the demo need, when
# any is missing (apt-get as root; `apt-get update` first). Safe to run again: does nothing
# when everything is there.
set -euo pipefail

PACKAGES=(
    device-tree-compiler libfdt-dev                 # dtc for dts/, libfdt for the host build
    gcc-aarch64-linux-gnu libc6-dev-arm64-cross     # aarch64 link of the Embedded binaries
    gcc-arm-linux-gnueabihf libc6-dev-armhf-cross   # armv7 (armhf) link of the Embedded binaries
    qemu-system-arm qemu-user-static                # the arm64 virt board; running aarch64 binaries on the host
    linux-source-6.12 bc bison flex libssl-dev libelf-dev cpio   # the test kernel
    kmod                                            # depmod: the module index of Debian's own kernel (rig/debian-kernel.sh)
    valgrind binutils                               # instruction counts in benchmarks (objcopy: copies valgrind can read)
)

missing=()
for package in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]} == 0)); then
    exit 0
fi
echo "install-deps: installing ${missing[*]}"
if [[ $(id -u) -ne 0 ]]; then
    echo "install-deps: run as root (or install these packages yourself): ${missing[*]}" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
