#!/usr/bin/env bash
# run-on-board.sh — boots one of QEMU's ARM boards (our Linux 6.12 kernel: vfio-platform,
# vfio-amba, no-IOMMU mode) with your own static aarch64 binaries and streams its console.
#
# Usage: scripts/run-on-board.sh [options] BINARY|DIR...
#   BINARY|DIR        files (or every file of a folder) copied into the guest's /bin
#   --run "COMMANDS"  shell commands the guest runs (default: each BINARY given, in order)
#   --script FILE     a shell script the guest runs instead of --run
#   --board NAME      virt (default), raspi3b (Raspberry Pi 3 B, upstream DTB; see rig/run-board.sh),
#                     or a 32-bit board (armv7 binaries, rig/build-kernel.sh --arch arm): virt32
#                     (32-bit ARM virt, Cortex-A15), raspi2b (Raspberry Pi 2 B) or mcimx6ul-evk
#                     (NXP i.MX6UL EVK)
#   --dtb FILE        boot with this DTB (virt, virt32: instead of QEMU's own; the others: default
#                     the upstream DTB built beside the kernel, bcm2837-rpi-3-b.dtb,
#                     bcm2836-rpi-2-b.dtb or imx6ul-14x14-evk.dtb)
#   --serial PREFIX   the guest's free UART (virt: the PL011, raspi: uart0, mcimx6ul-evk: UART2) on
#                     fifos PREFIX.in (to the guest) and PREFIX.out
#   --timeout SECS    give up after SECS (default 120); the console's last lines are printed
#   --append ARGS     more kernel command-line words
#   --kernel IMAGE    a kernel Image (default: rig/build-kernel.sh's, built once and cached)
#   --debian-kernel   boot Debian 12's own arm64 kernel, unchanged (rig/debian-kernel.sh fetches it
#                     once; its console and module indexes go into the initramfs)
#   --with-tools      also copy this project's Embedded tools (vfioctl), building them first if needed
#   --kernel-pl011    let the kernel's own PL011 driver take the UART (kept off by default)
# The guest runs as root in an initramfs (busybox), with /sys, /proc, /dev and /tmp mounted.
# Exit status: the guest's (the script's or the last command's); 124 on timeout.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
usage() { sed -n '2,25p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }

run= script= board=virt dtb= serial= timeout=120 append= kernel= with_tools= kernel_pl011= debian_kernel= inputs=()
while (($#)); do
    case $1 in
        --run) run=${2?}; shift 2 ;;
        --script) script=${2:?}; shift 2 ;;
        --board) board=${2:?}; shift 2 ;;
        --dtb) dtb=${2:?}; shift 2 ;;
        --serial) serial=${2:?}; shift 2 ;;
        --timeout) timeout=${2:?}; shift 2 ;;
        --append) append=${2?}; shift 2 ;;
        --kernel) kernel=${2:?}; shift 2 ;;
        --debian-kernel) debian_kernel=1; shift ;;
        --with-tools) with_tools=1; shift ;;
        --kernel-pl011) kernel_pl011=1; shift ;;
        -h|--help) usage ;;
        -*) echo "run-on-board: unknown option $1" >&2; usage ;;
        *) inputs+=("$1"); shift ;;
    esac
done
((${#inputs[@]} > 0)) || [[ -n $run || -n $script ]] || usage

work=$(mktemp -d /tmp/run-on-board.XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin"
programs=()
# The 32-bit boards run armv7 binaries and the 32-bit kernel.
case $board in
    virt|raspi3b) arm32= ;;
    virt32|raspi2b|mcimx6ul-evk) arm32=1 ;;
    *) echo "run-on-board: unknown board '$board' (virt, raspi3b, virt32, raspi2b or mcimx6ul-evk)" >&2; exit 2 ;;
esac
# e_machine (ELF offset 18) the board runs: 0xb7 EM_AARCH64, or 0x28 EM_ARM for a 32-bit board.
machine=b700 machine_name=aarch64 toolset_hint="the toolset"
[[ -n $arm32 ]] && { machine=2800 machine_name="32-bit ARM"; toolset_hint="the armv7 toolset (make -s toolset ARCH=armv7)"; }
for input in ${inputs[@]+"${inputs[@]}"}; do
    if [[ -d $input ]]; then
        cp -rL "$input/." "$work/bin/"
    elif [[ -f $input ]]; then
        # ELF magic, then e_machine at offset 18.
        if [[ $(od -An -tx1 -N4 "$input" | tr -d ' ') == 7f454c46 && $(od -An -tx1 -j18 -N2 "$input" | tr -d ' ') != "$machine" ]]; then
            echo "run-on-board: warning: $input is an ELF binary, but not for $machine_name (build it with $toolset_hint: see docs/own-package.md)" >&2
        fi
        cp -L "$input" "$work/bin/"
        programs+=("$(basename "$input")")
    else
        echo "run-on-board: no such file or folder: $input" >&2; exit 2
    fi
done
if [[ -n $with_tools ]]; then
    # The tools are this repository's: built for the board here when they are not yet (once;
    # `make embedded` refreshes them), whichever package the caller's binaries come from.
    tools=$ROOT/.build-embedded tools_arch=aarch64
    [[ -n $arm32 ]] && { tools=$ROOT/.build-embedded-armv7; tools_arch=armv7; }
    if [[ ! -x $tools/bin/vfioctl ]]; then
        echo "run-on-board: building vfioctl for the board (scripts/embedded-build.sh, once)" >&2
        BOARD_ARCH=$tools_arch EMBEDDED_PROGRAMS=vfioctl "$ROOT/scripts/embedded-build.sh" >"$work/tools-build.log" 2>&1 ||
            { tail -n 20 "$work/tools-build.log" >&2; echo "run-on-board: building vfioctl failed" >&2; exit 1; }
    fi
    cp "$tools/bin/vfioctl" "$work/bin/"
fi
chmod -R a+rx "$work/bin"

if [[ -n $script ]]; then
    cp "$script" "$work/script.sh"
elif [[ -n $run ]]; then
    printf '%s\n' "$run" >"$work/script.sh"
else
    : >"$work/script.sh"
    for program in "${programs[@]}"; do
        printf 'echo "== %s"\n%s\nstatus=$?\necho "== %s exit $status"\n' "$program" "$program" "$program" >>"$work/script.sh"
    done
    echo 'exit $status' >>"$work/script.sh"
fi

tree=()
if [[ -n $debian_kernel ]]; then
    tree_dir=$("$ROOT/rig/debian-kernel.sh" | tail -n1)
    kernel=$tree_dir/Image
    tree=(--kernel-tree "$tree_dir")
fi
if [[ -n $arm32 ]]; then
    [[ -n $kernel ]] || kernel=$("$ROOT/rig/build-kernel.sh" --arch arm | tail -n1)
    # The guest's busybox is armhf too.
    export RIG_BUSYBOX=${RIG_BUSYBOX:-$("$ROOT/rig/arm64-packages.sh" armhf | tail -n1)/bin/busybox}
fi
[[ -n $kernel ]] || kernel=$("$ROOT/rig/build-kernel.sh" | tail -n1)
upstream_dtb=
case $board in
    raspi3b) upstream_dtb=bcm2837-rpi-3-b.dtb ;;
    raspi2b) upstream_dtb=bcm2836-rpi-2-b.dtb ;;
    mcimx6ul-evk) upstream_dtb=imx6ul-14x14-evk.dtb ;;
esac
if [[ -n $upstream_dtb && -z $dtb ]]; then
    # The DTB is cached beside the kernel it was built with; another kernel gets the rig's.
    dtb=$(dirname "$kernel")/$upstream_dtb
    [[ -f $dtb ]] || dtb=$("$ROOT/rig/build-kernel.sh" ${arm32:+--arch arm} --dtb "$board" | tail -n1)
fi
if [[ $board == raspi2b ]]; then
    # The Pi 2's tree enables only uart0 (the PL011, its stdout-path) and disables the mini UART.
    # The rig needs uart0 free for the drivers, so it enables the mini UART on a copy of the tree
    # (what config.txt's enable_uart does on a real Pi) and puts the console there (ttyS1).
    cp "$dtb" "$work/board.dtb"
    fdtput -t s "$work/board.dtb" /soc/serial@7e215040 status okay
    dtb=$work/board.dtb
fi
"$ROOT/rig/make-initramfs.sh" --out "$work/initramfs.cpio.gz" --scenario "$work/script.sh" --bin "$work/bin" ${tree[@]+"${tree[@]}"} >/dev/null
args=(--board "$board" --kernel "$kernel" --initrd "$work/initramfs.cpio.gz" --timeout "$timeout")
[[ -z $dtb ]] || args+=(--dtb "$dtb")
[[ -z $serial ]] || args+=(--serial "$serial")
[[ -z $append ]] || args+=(--append "$append")
[[ -z $kernel_pl011 ]] || args+=(--kernel-pl011)
status=0
"$ROOT/rig/run-board.sh" "${args[@]}" || status=$?
exit "$status"
