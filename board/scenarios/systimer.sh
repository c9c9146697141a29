# Raspberry Pi 3 (QEMU raspi3b): the BCM2835 system timer through vfio-platform. Its node is an
# ordinary platform device on arm64 (no kernel driver claims brcm,bcm2835-system-timer), with one
# interrupt per compare channel through the BCM2835 armctrl controller. The GPU firmware's
# channels 0 and 2 are left alone; the driver takes 1 or 3 and waits on interrupt 1 or 3.
step() { echo "STEP: $1"; }
# armctrl delivers every interrupt to core 0: a driver woken there could starve (docs/boards.md).
taskset -p 0xe $$ >/dev/null

step "dump"
vfioctl dump compatible:brcm,bcm2835-system-timer --allow-noiommu || exit $?

step "channel-1"
systimer periodic --channel 1 --period-us 200000 --count 5 --allow-noiommu || exit $?

step "channel-3"
systimer periodic --channel 3 --period-us 50000 --count 10 --allow-noiommu || exit $?

step "firmware-channel-refused"
systimer periodic --channel 0 --allow-noiommu; echo "EXIT: $?"

step "dump-after"
vfioctl dump compatible:brcm,bcm2835-system-timer --allow-noiommu
