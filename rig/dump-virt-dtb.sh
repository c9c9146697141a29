#!/usr/bin/env bash
# dump-virt-dtb.sh — write the device tree QEMU's virt board gives the guest.
#
# Usage: rig/dump-virt-dtb.sh --out FILE.dtb [--dts FILE.dts]
#
# Uses the same machine line as run-board.sh (virt, cortex-a57, 256 MB, and
# RIG_QEMU_EXTRA), so the tree matches what the rig's kernel sees. QEMU pads
# the blob to 1 MB; `dtc -I dtb -O dtb` shrinks it. With --dts, also writes
# the decompiled source. stdout: the path(s) written, one per line.
set -euo pipefail

usage() { echo "usage: $0 --out FILE.dtb [--dts FILE.dts]" >&2; exit 2; }
out= dts=
while (($#)); do
    case $1 in
        --out) out=${2:?}; shift 2 ;;
        --dts) dts=${2:?}; shift 2 ;;
        -h|--help) usage ;;
        *) echo "dump-virt-dtb: unknown argument: $1" >&2; usage ;;
    esac
done
[[ -n $out ]] || usage

raw=$(mktemp)
trap 'rm -f "$raw"' EXIT
extra=()
# shellcheck disable=SC2206  # word splitting of the extra options is wanted
[[ -n ${RIG_QEMU_EXTRA:-} ]] && extra=($RIG_QEMU_EXTRA)
qemu-system-aarch64 -M "virt,dumpdtb=$raw" -cpu cortex-a57 -m 256 \
    -nographic -monitor none -serial null -nic none ${extra[@]+"${extra[@]}"} </dev/null >&2

dtc -q -I dtb -O dtb -o "$out" "$raw"
readlink -f "$out"
if [[ -n $dts ]]; then
    dtc -q -I dtb -O dts -o "$dts" "$raw"
    readlink -f "$dts"
fi
