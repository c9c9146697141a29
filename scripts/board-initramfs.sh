#!/usr/bin/env bash
# board-initramfs.sh — packs the Embedded-built programs and the guest scenarios
# (board/scenarios/*.sh, chosen at boot by `scenario=NAME`) into the board's initramfs.
# Usage: scripts/board-initramfs.sh EMBEDDED_DIR OUT.cpio.gz
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
embedded=${1:?usage: board-initramfs.sh EMBEDDED_DIR OUT.cpio.gz}
out=${2:?usage: board-initramfs.sh EMBEDDED_DIR OUT.cpio.gz}
scenarios=$(mktemp -d)
trap 'rm -rf "$scenarios"' EXIT
for file in "$ROOT"/board/scenarios/*.sh; do
    cp "$file" "$scenarios/scenario-$(basename "$file" .sh)"
done
"$ROOT/rig/make-initramfs.sh" --out "$out" --scenario "$ROOT/board/dispatch.sh" \
    --bin "$embedded/bin" --bin "$scenarios"
echo "initramfs: $out ($(wc -c < "$out") bytes)"
