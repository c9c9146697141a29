#!/usr/bin/env bash
# arm32-boards.sh — the 32-bit SoC boards of the rig, booted with our 32-bit kernel
# (rig/build-kernel.sh --arch arm) and the upstream DTBs built beside it, running the armv7
# binaries (scripts/embedded-build.sh with BOARD_ARCH=armv7):
#   raspi2b       Raspberry Pi 2 B (bcm2836-rpi-2-b.dtb): the same uart and systimer sources as on
#                 the Pi 3; uart0 echoes through vfio-amba, the system timer's channel 1 ticks
#                 through vfio-platform, and channel 3 (the 32-bit kernel's clockevent) is refused.
#   mcimx6ul-evk  NXP i.MX6UL EVK (imx6ul-14x14-evk.dtb with rig/overlays/mcimx6ul-evk-rig.dtso):
#                 `imx`: UART2 echoes through its receive interrupts (taken from the kernel's
#                 imx-uart and given back), GPT1 gives periodic compare interrupts, GPIO1 line 3
#                 delivers level interrupts (and no edges: QEMU's model has no input wired), the
#                 watchdog reports its state, is serviced, then expires and QEMU resets the board.
# Each board's boot-to-result time is printed. Usage: scripts/arm32-boards.sh BIN_DIR
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${1:?usage: arm32-boards.sh BIN_DIR (the armv7 binaries: imx, uart, systimer, vfioctl)}
fail() { echo "arm32-boards: $*" >&2; exit 1; }
for program in imx uart systimer vfioctl; do [[ -x $BIN/$program ]] || fail "no $BIN/$program (BOARD_ARCH=armv7 scripts/embedded-build.sh)"; done
kernel_dir=$(dirname "$("$ROOT/rig/build-kernel.sh" --arch arm | tail -n1)")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

WORK=$work
. "$ROOT/scripts/board-echo-lib.sh"

# --- Raspberry Pi 2 B
cat >"$work/raspi2b.sh" <<'SCENARIO'
# The armctrl sends every interrupt to core 0 as an edge line: the drivers run on cores 1-3
# (docs/boards.md), and uart0's clock is the firmware's 48 MHz, which the tree gives no rate for.
taskset -p 0xe $$ >/dev/null
echo "UNAME: $(uname -m)"
uart echo --count 16 --allow-noiommu --clock-hz 48000000; echo "UART-EXIT: $?"
systimer periodic --channel 1 --period-us 100000 --count 5 --allow-noiommu; echo "SYSTIMER-EXIT: $?"
systimer periodic --channel 3 --period-us 100000 --count 2 --allow-noiommu; echo "CHANNEL3-EXIT: $?"
grep -F 'ARMCTRL-level  35' /proc/interrupts | sed 's/^/IRQ: /'
for device in amba/devices/3f201000.serial platform/devices/3f003000.timer; do
    echo "AFTER: $(basename $device) driver=$(basename "$(readlink /sys/bus/$device/driver)" 2>/dev/null) override=$(cat /sys/bus/$device/driver_override)"
done
SCENARIO
payload=armv7-raspi2b-ok
boot_with_echo raspi2b "" "$work/raspi2b.sh" "$payload" "$work/raspi2b.log" "$BIN" | sed 's/^/arm32-boards: /' | tee -a "$work/times"
expect_echo "$work/raspi2b.log" "$payload"
expect_lines "$work/raspi2b.log" "UNAME: armv7l" "DEVICE: 3f201000.serial (/soc/serial@7e201000) bound to vfio-amba" "UART: echoed 16 bytes" "UART-EXIT: 0" \
    "DEVICE: 3f003000.timer (/soc/timer@7e003000) bound to vfio-platform" "SYSTIMER: tick 5 at" "SYSTIMER-EXIT: 0" \
    "interrupt 3 of 3f003000.timer is held by a kernel driver that does not share it" "CHANNEL3-EXIT: 1" \
    "AFTER: 3f201000.serial driver= override=(null)" "AFTER: 3f003000.timer driver= override=(null)"
echo "arm32-boards: raspi2b: uart0 echo through vfio-amba, system timer channel 1 through vfio-platform"

# --- NXP i.MX6UL EVK
cat >"$work/imx.sh" <<'SCENARIO'
echo "UNAME: $(uname -m)"
imx uart --node /soc/bus@2100000/serial@21e8000 --count 16 --allow-noiommu; echo "UART-EXIT: $?"
echo "UART-AFTER: driver=$(basename "$(readlink /sys/bus/platform/devices/21e8000.serial/driver)")"
imx gpt --node /soc/bus@2000000/timer@2098000 --period-us 100000 --count 5 --allow-noiommu; echo "GPT-EXIT: $?"
imx gpio --node /soc/bus@2000000/gpio@209c000 --line 3 --trigger low --events 3 --timeout 5 --allow-noiommu; echo "GPIO-LEVEL-EXIT: $?"
imx gpio --node /soc/bus@2000000/gpio@209c000 --line 3 --trigger rising --drive 4 --timeout 2 --allow-noiommu; echo "GPIO-EDGE-EXIT: $?"
imx watchdog --allow-noiommu; echo "WATCHDOG-STATUS-EXIT: $?"
imx watchdog --start --timeout-ms 2000 --interval-ms 500 --services 4 --allow-noiommu; echo "WATCHDOG-EXIT: $?"
echo "WATCHDOG: left to expire at $(cut -d' ' -f1 /proc/uptime) s"
sleep 10
echo "STILL-RUNNING after the watchdog's timeout"
SCENARIO
overlay_source=$ROOT/rig/overlays/mcimx6ul-evk-rig.dtso
dtc -q -I dts -O dtb -o "$work/rig.dtbo" "$overlay_source"
fdtoverlay -i "$kernel_dir/imx6ul-14x14-evk.dtb" -o "$work/imx6ul-rig.dtb" "$work/rig.dtbo"
payload=armv7-imx6ul-uar
boot_with_echo mcimx6ul-evk "$work/imx6ul-rig.dtb" "$work/imx.sh" "$payload" "$work/imx.log" "$BIN" | sed 's/^/arm32-boards: /' | tee -a "$work/times"
expect_echo "$work/imx.log" "$payload"
expect_lines "$work/imx.log" "UNAME: armv7l" "DEVICE: 21e8000.serial (/soc/bus@2100000/serial@21e8000) bound to vfio-platform" \
    "UART: echoed 16 bytes" "UART-EXIT: 0" "UART-AFTER: driver=imx-uart" \
    "DEVICE: 2098000.timer (/soc/bus@2000000/timer@2098000) bound to vfio-platform" "GPT: tick 5 at" "GPT-EXIT: 0" \
    "GPIO: low interrupt 3 on line 3" "GPIO-LEVEL-EXIT: 0" "no rising interrupt on line 3 within 2 s" "GPIO-EDGE-EXIT: 1" \
    "WATCHDOG: state: stopped" "WATCHDOG-STATUS-EXIT: 0" "WATCHDOG: service 4 at" "WATCHDOG-EXIT: 0" "WATCHDOG: left to expire"
# The watchdog, no longer serviced, reset the SoC: QEMU (-no-reboot) ended before the scenario did.
! grep -q "STILL-RUNNING" "$work/imx.log" || { cat "$work/imx.log"; fail "mcimx6ul-evk: the board ran on after its watchdog expired"; }
[[ $(cat "$work/imx.log.status") == 125 ]] || { cat "$work/imx.log"; fail "mcimx6ul-evk: the run ended with $(cat "$work/imx.log.status"), not with QEMU's reset (no RIG exit line: 125)"; }
grep -E "^(GPT: tick|GPT: 5 ticks|UART: ready|GPIO: |WATCHDOG: )" "$work/imx.log" | sed 's/^/arm32-boards: mcimx6ul-evk: /'
grep -E "^(SYSTIMER: |UART: ready|host: .*held by)" "$work/raspi2b.log" | sed 's/^/arm32-boards: raspi2b: /'
cat "$work/times"
echo "arm32-boards: mcimx6ul-evk: UART2 echo, GPT1 compares, GPIO level interrupts and the watchdog through vfio-platform; the watchdog reset the board when left to expire"
