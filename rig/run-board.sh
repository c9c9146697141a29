#!/usr/bin/env bash
# run-board.sh — boot the rig kernel + initramfs on one of QEMU's ARM boards: virt and raspi3b
# (arm64); virt32 (32-bit ARM virt with a Cortex-A15), raspi2b and mcimx6ul-evk (the 32-bit
# kernel: rig/build-kernel.sh --arch arm).
#
# Usage: rig/run-board.sh --kernel Image --initrd FILE [--board virt|virt32|raspi3b|raspi2b|mcimx6ul-evk]
#            [--timeout SECS] [--serial PREFIX] [--dtb FILE] [--append "kernel args"]
#            [--kernel-pl011]
#
# Boards (the same kernel Image boots both):
#   virt     -M virt, cortex-a57, 256 MiB; QEMU generates the device tree (--dtb replaces it).
#            Console: hvc0 (virtio console), so the PL011 at 9000000 stays free.
#   raspi3b  -M raspi3b (Raspberry Pi 3 Model B: 4x cortex-a53, 1 GiB fixed by QEMU) with the
#            upstream bcm2837-rpi-3-b.dtb (--dtb is required: `rig/build-kernel.sh --dtb raspi3b`).
#            Console: the mini UART (QEMU's serial 1, Linux ttyS1, the DT's stdout-path), so the
#            PL011 uart0 at 3f201000 (QEMU's serial 0) stays free. clk_ignore_unused keeps the
#            kernel from gating the clocks of devices no kernel driver holds (uart0's uartclk).
#   raspi2b  -M raspi2b (Raspberry Pi 2 Model B: 4x cortex-a7, 1 GiB) with bcm2836-rpi-2-b.dtb,
#            the 32-bit kernel; consoles and UARTs as on raspi3b.
#   mcimx6ul-evk  -M mcimx6ul-evk (NXP i.MX6UL EVK: cortex-a7, 256 MiB here) with
#            imx6ul-14x14-evk.dtb. Console: UART1 (QEMU's serial 0, Linux ttymxc0, the DT's
#            stdout-path); --serial connects UART2 (serial 1), the one the tests drive.
#            QEMU's loader adds a PSCI node, so poweroff ends QEMU.
# The guest console is streamed to stdout. The guest PL011 goes to fifos PREFIX.in (host ->
# guest) and PREFIX.out (guest -> host) with --serial (created if missing), otherwise to a null
# backend.
# The kernel's built-in PL011 driver cannot be unbound, so by default it is
# kept from starting (initcall_blacklist=pl011_init) and the PL011 stays
# free for vfio-amba/UIO. --kernel-pl011 lets it claim the UART (/dev/ttyAMA0).
# Extra QEMU options: RIG_QEMU_EXTRA (split on spaces), e.g. "-smp 2".
# QEMU never reads the host's stdin, so this works with </dev/null and in CI.
# Exit status: N from the guest's "RIG: exit N" line; 124 on timeout
# (default 120 s, QEMU is killed); 125 if the line never came.
set -euo pipefail

usage() {
    echo "usage: $0 --kernel Image --initrd FILE [--board virt|virt32|raspi3b|raspi2b|mcimx6ul-evk] [--timeout SECS]" \
         "[--serial PREFIX] [--dtb FILE] [--append ARGS] [--kernel-pl011]" >&2
    exit 2
}

kernel= initrd= board=virt timeout=120 serial= dtb= append= kernel_pl011=
while (($#)); do
    case $1 in
        --kernel) kernel=${2:?}; shift 2 ;;
        --initrd) initrd=${2:?}; shift 2 ;;
        --board) board=${2:?}; shift 2 ;;
        --timeout) timeout=${2:?}; shift 2 ;;
        --serial) serial=${2:?}; shift 2 ;;
        --dtb) dtb=${2:?}; shift 2 ;;
        --append) append=${2?}; shift 2 ;;
        --kernel-pl011) kernel_pl011=1; shift ;;
        -h|--help) usage ;;
        *) echo "run-board: unknown argument: $1" >&2; usage ;;
    esac
done
[[ -f $kernel && -f $initrd ]] || usage

common="vfio.enable_unsafe_noiommu_mode=1 vfio_platform.reset_required=0 panic=-1 quiet"
[[ -n $kernel_pl011 ]] || common+=" initcall_blacklist=pl011_init"
qemu=qemu-system-aarch64
case $board in
    virt|virt32)
        cmdline="console=hvc0 $common${append:+ $append}"
        machine=(-M virt -cpu cortex-a57)
        # 32-bit: qemu-system-arm's virt with a Cortex-A15; highmem=off keeps every device below
        # 4 GiB for a kernel without LPAE.
        [[ $board == virt32 ]] && { qemu=qemu-system-arm; machine=(-M virt,highmem=off -cpu cortex-a15); }
        # -nic none: no default virtio-net NIC. The rig needs no network, and that NIC's option ROM
        # (efi-virtio.rom) comes from ipxe-qemu, only a Recommends of qemu-system-arm: without it
        # QEMU exits at once with 'failed to find romfile "efi-virtio.rom"'.
        args=("${machine[@]}" -m 256 -nographic -no-reboot -monitor none -nic none
              -kernel "$kernel" -initrd "$initrd" -append "$cmdline"
              # hvc0: written to QEMU's stdout, which is always the pipe to tee
              # below. Not a stdio chardev: that one also takes over stdin (raw
              # mode on a terminal; QEMU refuses to start if stdin is closed).
              -device virtio-serial-device
              -chardev file,id=con0,path=/dev/stdout
              -device virtconsole,chardev=con0)
        ;;
    raspi3b|raspi2b|mcimx6ul-evk)
        if [[ -z $dtb || ! -f $dtb ]]; then
            case $board in
                raspi3b) hint="bcm2837-rpi-3-b.dtb (rig/build-kernel.sh --dtb raspi3b prints its path)" ;;
                raspi2b) hint="bcm2836-rpi-2-b.dtb (rig/build-kernel.sh --arch arm --dtb raspi2b prints its path)" ;;
                *) hint="imx6ul-14x14-evk.dtb (rig/build-kernel.sh --arch arm --dtb mcimx6ul-evk prints its path)" ;;
            esac
            echo "run-board: $board needs --dtb FILE, the upstream $hint" >&2
            exit 2
        fi
        [[ $board == raspi3b ]] || qemu=qemu-system-arm
        if [[ $board == mcimx6ul-evk ]]; then
            cmdline="console=ttymxc0,115200 clk_ignore_unused $common${append:+ $append}"
            args=(-M mcimx6ul-evk -m 256 -nographic -no-reboot -monitor none -nic none
                  -kernel "$kernel" -initrd "$initrd" -append "$cmdline"
                  -chardev file,id=con0,path=/dev/stdout -serial chardev:con0)
        else
            cmdline="console=ttyS1,115200 clk_ignore_unused $common${append:+ $append}"
            # Memory (1 GiB) and CPUs (4) are fixed by the machine. The mini UART is QEMU's
            # serial 1: it needs a serial 0 before it (the PL011, below), so it is added last.
            args=(-M "$board" -nographic -no-reboot -monitor none
                  -kernel "$kernel" -initrd "$initrd" -append "$cmdline"
                  -chardev file,id=con1,path=/dev/stdout)
        fi
        ;;
    *) echo "run-board: unknown board '$board' (virt, virt32, raspi3b, raspi2b or mcimx6ul-evk)" >&2; usage ;;
esac
if [[ -n $serial ]]; then
    for fifo in "$serial.in" "$serial.out"; do
        [[ -p $fifo ]] || mkfifo "$fifo"
    done
    args+=(-serial "pipe:$serial")
else
    args+=(-serial null)
fi
[[ $board == raspi3b || $board == raspi2b ]] && args+=(-serial chardev:con1)
[[ -n $dtb ]] && args+=(-dtb "$dtb")
# shellcheck disable=SC2206  # word splitting of the extra options is wanted
[[ -n ${RIG_QEMU_EXTRA:-} ]] && args+=($RIG_QEMU_EXTRA)

log=$(mktemp)
trap 'rm -f "$log"' EXIT
start=$SECONDS
set +e
timeout --foreground -k 5 "$timeout" "$qemu" "${args[@]}" \
    </dev/null 2>&1 | tee "$log"
qemu_status=${PIPESTATUS[0]}
set -e
elapsed=$((SECONDS - start))

# The guest's last console lines, for a run that ended without a result; when there were none,
# the likely reason.
last_lines() {
    if [[ ! -s $log ]]; then
        echo "run-board: the kernel printed nothing on the console (console=hvc0, the virtio console). A kernel that builds it as a module (Debian's: CONFIG_VIRTIO_CONSOLE=m) has no console until virtio_mmio and virtio_console are loaded: build the initramfs with rig/make-initramfs.sh --kernel-tree DIR (rig/debian-kernel.sh makes DIR), whose /init loads them first" >&2
        return
    fi
    echo "run-board: the guest's last console lines:" >&2
    tr -d '\r' <"$log" | tail -n 25 | sed 's/^/run-board:   | /' >&2
}
if ((qemu_status == 124 || qemu_status == 137)); then
    echo "RIG: timeout after $timeout s"
    last_lines
    exit 124
fi
exit_line=$(tr -d '\r' <"$log" | grep -a -o 'RIG: exit [0-9]*' | tail -n1 || true)
if [[ -z $exit_line ]]; then
    echo "run-board: no 'RIG: exit' line (qemu status $qemu_status, $elapsed s)" >&2
    last_lines
    exit 125
fi
echo "run-board: guest done in $elapsed s, qemu status $qemu_status" >&2
exit "${exit_line#RIG: exit }"
