#!/usr/bin/env bash
# build-cbench.sh OUT — builds the C reference program (cbench.c, cstart.c, claunch.c) as a static,
# stripped aarch64 binary, linked as the Swift programs are: glibc, the arm64 libfdt.a
# (rig/arm64-packages.sh), and the toolchain's lld. The same linker matters for comparing sizes:
# GNU ld aligns a static aarch64 program's segments to 64 KiB in the file, which padded this
# program by about 57 KB and made the framework's share look that much smaller. Used by
# make bench, scripts/bench-guest.sh and EmbeddedBinaryTests.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT=${1:?usage: build-cbench.sh OUT}
ARM64=$("$ROOT/rig/arm64-packages.sh" | tail -n1)
SWIFT_BIN=$(dirname "$(readlink -f "$(command -v swiftc)")")
aarch64-linux-gnu-gcc -static -O2 -Wall -B"$SWIFT_BIN" -fuse-ld=lld -I"$ARM64/usr/include" -o "$OUT" \
    "$ROOT/board/bench/cbench.c" "$ROOT/board/bench/cstart.c" "$ROOT/board/bench/claunch.c" \
    "$ARM64/usr/lib/aarch64-linux-gnu/libfdt.a"
aarch64-linux-gnu-strip "$OUT"
