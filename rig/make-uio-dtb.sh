#!/usr/bin/env bash
# make-uio-dtb.sh — QEMU virt's device tree with chosen ARM PrimeCells turned into platform
# devices, so that uio_pdrv_genirq (a platform driver) can take them.
#
# Usage: rig/make-uio-dtb.sh --out FILE.dtb [--node PATH]... [--from FILE.dtb]
#
# Linux puts a node whose compatible lists "arm,primecell" on the amba bus; without it the
# node becomes a platform device of the same name (9000000.pl011 stays 9000000.pl011), which
# `driver_override` (or uio_pdrv_genirq's of_id=) can bind to uio_pdrv_genirq. The drivers match
# on the first compatible ("arm,pl011"), which stays. Each --node loses "arm,primecell" from its
# compatible list and keeps the rest in order; default: /pl011@9000000 and /pl031@9010000.
# --from edits a DTB you have instead of dumping QEMU's (rig/dump-virt-dtb.sh, same machine line).
# stdout: the path written. Needs dtc, fdtget, fdtput (device-tree-compiler) and, without --from,
# qemu-system-aarch64.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)

usage() { echo "usage: $0 --out FILE.dtb [--node PATH]... [--from FILE.dtb]" >&2; exit 2; }
out= from= nodes=()
while (($#)); do
    case $1 in
        --out) out=${2:?}; shift 2 ;;
        --node) nodes+=("${2:?}"); shift 2 ;;
        --from) from=${2:?}; shift 2 ;;
        -h|--help) usage ;;
        *) echo "make-uio-dtb: unknown argument: $1" >&2; usage ;;
    esac
done
[[ -n $out ]] || usage
((${#nodes[@]})) || nodes=(/pl011@9000000 /pl031@9010000)

if [[ -n $from ]]; then
    cp "$from" "$out"
else
    "$ROOT/rig/dump-virt-dtb.sh" --out "$out" >/dev/null
fi
# Room for the edits (a shorter property needs none, but fdtput refuses a full blob).
dtc -q -I dtb -O dtb -p 1024 -o "$out" "$out"
for node in "${nodes[@]}"; do
    compatibles=()
    while IFS= read -r word; do
        [[ -n $word && $word != arm,primecell ]] && compatibles+=("$word")
    done < <(fdtget -t s "$out" "$node" compatible | tr ' ' '\n')
    ((${#compatibles[@]})) || { echo "make-uio-dtb: $node has no compatible besides arm,primecell" >&2; exit 1; }
    fdtput -t s "$out" "$node" compatible "${compatibles[@]}"
    echo "make-uio-dtb: $node compatible = ${compatibles[*]}" >&2
done
readlink -f "$out"
