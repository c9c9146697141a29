#!/usr/bin/env bash
# toolset.sh — writes the SwiftPM toolset (SE-0387) that builds Embedded Swift for the board:
#
#   swift build -c release --triple aarch64-none-none-elf --toolset "$(scripts/toolset.sh)" --product NAME
#
# compiles every Swift target of NAME in Embedded Swift for aarch64 and links a static, stripped
# aarch64 Linux executable against Debian's arm64 glibc (libc6-dev-arm64-cross, gcc-aarch64-linux-gnu's
# crt files and libgcc) and the arm64 libfdt.a from rig/arm64-packages.sh. Build-tool plugins
# (DTBindingPlugin's dtbind) are still built for the host. Works the same from any package that
# depends on this one. Always name the product: without --product SwiftPM would also try to build
# the host tools (Foundation, Codable) for the board.
#
# How the link works, without a wrapper: swiftc links through clang; the toolset's
# `-Xclang-linker --target=aarch64-linux-gnu` comes after swiftc's own --target=aarch64-none-none-elf,
# so clang uses its GNU/Linux driver (crt1.o, crti.o, crtbeginT.o, -lgcc -lgcc_eh -lc) with lld
# (GNU ld refuses the Embedded objects' relocations). libfdt.a is named to the linker directly:
# a module map's `link "fdt"` is not honoured in Embedded mode.
#
# No -enable-single-module-llvm-emission: an earlier toolset passed it after vfioctl's option
# dictionary lost a value (a string's second word came back with bits 0, 1, 61 and 62 cleared)
# when SwiftPM split each module's LLVM work over threads. The cause was found on 2026-12-01: the
# Embedded standard library's swift_bridgeObjectRetain returns its argument with the tag bits
# cleared, while the compiler may use the result as the argument, so any code layout can hit it.
# Sources/EmbeddedRuntimeFix replaces that function in every board program, and SwiftPM's own
# threaded whole-module build is correct again.
#
# Size: -Osize (after SwiftPM's -O, so it wins): board programs are dominated by system calls, and
# the register accessors stay inlined. With it, and the runtime modules comparing strings by bytes
# (ByteText) so that the 35 KiB of Unicode tables are not linked at all, the uart example went
# from 840,024 to 750,824 bytes; `swift build --experimental-lto-mode=full` (embedded-build.sh)
# takes it to about 713 KB. lld's --icf=all would save 5 KB more but may fold glibc functions whose
# addresses glibc compares, so it is not used.
#
# Output: the toolset's path, ${PDRIVERS_CACHE:-~/.cache/pdrivers}/toolset-aarch64-linux-<key>.json,
# <key> hashing its contents (toolchain and arm64 root paths). Safe to run again.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CACHE=${PDRIVERS_CACHE:-$HOME/.cache/pdrivers}
# The board architecture: aarch64 (the default: --triple aarch64-none-none-elf) or armv7
# (--triple armv7-none-none-eabi: 32-bit ARM, hard float, against Debian's armhf glibc).
BOARD_ARCH=${1:-aarch64}
case $BOARD_ARCH in
    aarch64) TRIPLE=aarch64-none-none-elf; LINUX=aarch64-linux-gnu; DEBIAN=arm64; FLOAT=() ;;
    # Hard float, and 64-bit off_t and time_t for every C module alike (vfio regions sit at
    # N << 40; the *_time64 system calls exist on every 32-bit kernel, the old ones only with
    # CONFIG_COMPAT_32BIT_TIME).
    armv7) TRIPLE=armv7-none-none-eabi; LINUX=arm-linux-gnueabihf; DEBIAN=armhf
           FLOAT=("-Xcc", "-march=armv7-a", "-Xcc", "-mfpu=vfpv3-d16", "-Xcc", "-mfloat-abi=hard",
                  "-Xcc", "-D_FILE_OFFSET_BITS=64", "-Xcc", "-D_TIME_BITS=64",
                  "-Xclang-linker", "-mfloat-abi=hard") ;;
    *) echo "toolset: unknown board architecture $BOARD_ARCH (aarch64 or armv7)" >&2; exit 2 ;;
esac
BOARD_ROOT=$("$ROOT/rig/arm64-packages.sh" "$DEBIAN" | tail -n1)
SWIFT_BIN=$(dirname "$(readlink -f "$(command -v swiftc)")")
TOOLCHAIN=$(dirname "$SWIFT_BIN")
for needed in /usr/$LINUX/include/stdio.h "$BOARD_ROOT/usr/lib/$LINUX/libfdt.a" \
              "$TOOLCHAIN/lib/swift/embedded/$TRIPLE/libswiftUnicodeDataTables.a"; do
    [[ -f $needed ]] || { echo "toolset: missing $needed (run scripts/install-deps.sh as root)" >&2; exit 1; }
done
command -v $LINUX-gcc >/dev/null || { echo "toolset: $LINUX-gcc missing (apt-get install gcc-$LINUX)" >&2; exit 1; }
float=""
for option in ${FLOAT[@]+"${FLOAT[@]}"}; do float+=" \"${option%,}\","; done
content=$(cat <<JSON
{
  "schemaVersion": "1.0",
  "swiftCompiler": {
    "extraCLIOptions": [
      "-enable-experimental-feature", "Embedded",
      "-Osize",
      "-Xfrontend", "-function-sections",$float
      "-Xcc", "-isystem", "-Xcc", "/usr/$LINUX/include",
      "-Xcc", "-isystem", "-Xcc", "$BOARD_ROOT/usr/include",
      "-Xcc", "-D__linux__", "-Xcc", "-D__gnu_linux__", "-Xcc", "-D__unix__",
      "-use-ld=lld",
      "-Xclang-linker", "--target=$LINUX",
      "-Xclang-linker", "-static"
    ]
  },
  "linker": {
    "extraCLIOptions": [
      "--strip-all",
      "$BOARD_ROOT/usr/lib/$LINUX/libfdt.a",
      "$TOOLCHAIN/lib/swift/embedded/$TRIPLE/libswiftUnicodeDataTables.a"
    ]
  }
}
JSON
)
key=$(printf '%s' "$content" | sha256sum | cut -c1-16)
out=$CACHE/toolset-$BOARD_ARCH-linux-$key.json
mkdir -p "$CACHE"
if [[ ! -f $out ]]; then
    tmp=$(mktemp "$out.XXXXXX")
    printf '%s\n' "$content" >"$tmp"
    mv -f "$tmp" "$out"
fi
echo "$out"
