#!/usr/bin/env bash
# embedded-build.sh — builds the board programs (vfioctl and the example drivers) with SwiftPM, in
# Embedded Swift for aarch64, as static aarch64 Linux binaries: the same command a user runs for
# their own package,
#
#   swift build -c release --triple aarch64-none-none-elf --toolset "$(scripts/toolset.sh)" \
#       --experimental-lto-mode=full --product NAME
#
# Full LTO: each program is optimized as a whole at link time (with the toolset's -Osize), which
# drops the copies of standard-library code every module carries and what no caller reaches. The
# VFIO-only uart example was 713 KB with it and 751 KB without (BENCHMARKS.md).
# once per program (SwiftPM builds one product per call when cross-compiling: without --product it
# would build the host tools too). The simulation kit (PlatformSimulation, DeviceModels) is built as
# targets so it stays Embedded-clean, though no board binary links it.
#
# Usage: scripts/embedded-build.sh [OUT_DIR]      (default .build-embedded, or .build-embedded-armv7)
# Env:   EMBEDDED_PROGRAMS="uart timer"  only these programs (default: all eight)
#        BOARD_ARCH=armv7  32-bit ARM, hard float (--triple armv7-none-none-eabi, the armv7
#                          toolset: scripts/toolset.sh armv7) instead of aarch64
# Needs: what scripts/toolset.sh needs (gcc-aarch64-linux-gnu, libc6-dev-arm64-cross, the arm64
#        libfdt from rig/arm64-packages.sh).
# Output: OUT_DIR/bin/<program>; SwiftPM's build folder is OUT_DIR/spm.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BOARD_ARCH=${BOARD_ARCH:-aarch64}
case $BOARD_ARCH in
    aarch64) TRIPLE=aarch64-none-none-elf; default_out=$ROOT/.build-embedded ;;
    armv7) TRIPLE=armv7-none-none-eabi; default_out=$ROOT/.build-embedded-armv7 ;;
    *) echo "embedded: unknown BOARD_ARCH $BOARD_ARCH (aarch64 or armv7)" >&2; exit 2 ;;
esac
OUT=$(mkdir -p "${1:-$default_out}" && cd "${1:-$default_out}" && pwd)
BIN=$OUT/bin
mkdir -p "$BIN"
TOOLSET=$("$ROOT/scripts/toolset.sh" "$BOARD_ARCH" | tail -n1)
swift_build() {
    (cd "$ROOT" && swift build -c release --triple "$TRIPLE" --toolset "$TOOLSET" \
        --experimental-lto-mode=full --scratch-path "$OUT/spm" "$@")
}

started=$SECONDS
for target in PlatformSimulation DeviceModels; do
    echo "embedded: target $target"
    swift_build --target "$target"
done
products=$(swift_build --show-bin-path)
for program in ${EMBEDDED_PROGRAMS:-vfioctl uart timer gpio devicehost fwcfg irqbench systimer}; do
    echo "embedded: program $program"
    swift_build --product "$program"
    cp -p "$products/$program" "$BIN/$program"
done
echo "embedded: built in $((SECONDS - started)) s"
ls -l "$BIN" | awk 'NR>1 {printf "embedded: %-12s %8d bytes\n", $9, $5}'
