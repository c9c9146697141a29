#!/usr/bin/env bash
# build-cbench.sh OUT [--start-only] — builds the C reference program as a static, stripped
# aarch64 binary, linked as the Swift programs are: glibc, the arm64 libfdt.a
# (rig/arm64-packages.sh), and the toolchain's lld. The same linker matters for comparing sizes:
# GNU ld aligns a static aarch64 program's segments to 64 KiB in the file, which padded this
# program by about 57 KB and made the framework's share look that much smaller.
#   (default)      every mode: cbench.c, cstart.c, claunch.c, chost.c, cvfio.c (make bench,
#                  scripts/bench-guest.sh)
#   --start-only   only `cbench start` (cstart.c, cvfio.c): the C program making the calls `uart`
#                  makes, the reference of the size the framework adds (make bench,
#                  EmbeddedBinaryTests)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT=${1:?usage: build-cbench.sh OUT [--start-only]}
# BOARD_ARCH=armv7: the same program for armhf (hard float, 64-bit off_t and time_t, the armhf libfdt),
# the reference of the armv7 size row (scripts/bench-armv7.sh).
if [[ ${BOARD_ARCH:-aarch64} == armv7 ]]; then
    CC=arm-linux-gnueabihf-gcc STRIP=arm-linux-gnueabihf-strip MULTIARCH=arm-linux-gnueabihf
    ARM64=$("$ROOT/rig/arm64-packages.sh" armhf | tail -n1)
    arch_flags=(-march=armv7-a -mfpu=vfpv3-d16 -mfloat-abi=hard -D_FILE_OFFSET_BITS=64 -D_TIME_BITS=64)
else
    CC=aarch64-linux-gnu-gcc STRIP=aarch64-linux-gnu-strip MULTIARCH=aarch64-linux-gnu
    ARM64=$("$ROOT/rig/arm64-packages.sh" | tail -n1)
    arch_flags=()
fi
SWIFT_BIN=$(dirname "$(readlink -f "$(command -v swiftc)")")
BENCH=$ROOT/board/bench
if [[ ${2:-} == --start-only ]]; then
    sources=("$BENCH/cbench.c" "$BENCH/cstart.c" "$BENCH/cvfio.c")
    defines=(-DCBENCH_START_ONLY -Wno-unused-function)
else
    sources=("$BENCH/cbench.c" "$BENCH/cstart.c" "$BENCH/claunch.c" "$BENCH/chost.c" "$BENCH/cvfio.c")
    defines=()
fi
"$CC" -static -O2 -Wall ${arch_flags[@]+"${arch_flags[@]}"} "${defines[@]}" -B"$SWIFT_BIN" -fuse-ld=lld -I"$ARM64/usr/include" -o "$OUT" \
    "${sources[@]}" "$ARM64/usr/lib/$MULTIARCH/libfdt.a"
"$STRIP" "$OUT"
