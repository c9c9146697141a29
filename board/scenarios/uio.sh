# UIO in place of vfio: booted without vfio-platform and vfio-amba (their init functions in
# initcall_blacklist), with a device tree whose PL011 and PL031 are platform devices
# (rig/make-uio-dtb.sh), and with uio_pdrv_genirq.of_id=arm,pl031 (the RTC is bound to
# uio_pdrv_genirq at boot). The same uart and timer binaries as the vfio scenarios, with the same
# flags, run through UIO; vfioctl says so. Knob: echo_count=N on the kernel command line.
step() { echo "STEP: $1"; }
count=$(sed -n 's/.*echo_count=\([0-9]*\).*/\1/p' /proc/cmdline)
driver() { d=$(readlink "$1/driver" 2>/dev/null); echo "${d##*/}"; }

step "doctor"
vfioctl doctor; echo "DOCTOR: status $?"
vfioctl list

step "info"
vfioctl info 9000000.pl011; echo "EXIT: $?"

step "uart-echo"
uart echo --count "${count:-2048}" --allow-noiommu; echo "EXIT: $?"

step "killed-with-interrupt-pending"
# A holder killed with its interrupt taken and never re-enabled: the line stays disabled in the
# interrupt controller until the next holder enables it (UIOInterrupt does when it is made).
(uart hold --pending --allow-noiommu 2>&1; echo "HOLDER-EXITED") | tee /tmp/hold.log &
tries=0
while ! grep -q "interrupt pending\|HOLDER-EXITED" /tmp/hold.log 2>/dev/null && [ "$tries" -lt 600 ]; do
    sleep 0.1; tries=$((tries + 1))
done
kill -9 "$(pidof uart)"
sleep 0.5
uart echo --count 4 --allow-noiommu; echo "EXIT: $?"

step "interrupt-storm"
irqbench storm --count 300 --allow-noiommu; echo "EXIT: $?"

step "soak"
vfioctl soak 9000000.pl011 300; echo "EXIT: $?"

step "timer"
echo "DRIVER-AT-BOOT: $(driver /sys/bus/platform/devices/9010000.pl031)"
timer periodic --period 1 --ticks 3 --allow-noiommu; echo "EXIT: $?"
timer oneshot --after 2 --allow-noiommu; echo "EXIT: $?"

step "amba-refused"
vfioctl info 9030000.pl061 --allow-noiommu; echo "EXIT: $?"
vfioctl info 9030000.pl061 --backend uio; echo "EXIT: $?"

step "in-page-offset"
# A virtio-mmio transport 0x200 into its page; no backend device, so no driver holds it.
echo "DRIVER-BEFORE: $(driver /sys/bus/platform/devices/a000200.virtio_mmio)"
vfioctl read a000200.virtio_mmio 0 0; echo "EXIT: $?"
vfioctl read a000200.virtio_mmio 0 0 --allow-dma-master; echo "EXIT: $?"
vfioctl info a000200.virtio_mmio --allow-dma-master --no-bind; echo "EXIT: $?"
vfioctl release a000200.virtio_mmio; echo "EXIT: $?"
echo "DRIVER-AFTER: $(driver /sys/bus/platform/devices/a000200.virtio_mmio)"

step "release"
vfioctl release 9000000.pl011; echo "EXIT: $?"
echo "PL011-AFTER: driver=$(driver /sys/bus/platform/devices/9000000.pl011) override=$(cat /sys/bus/platform/devices/9000000.pl011/driver_override)"
