# Raspberry Pi 3: the PL011 echo on uart0 (3f201000.serial, vfio-amba). Its window is 0x200
# bytes, so the driver reaches it through pread/pwrite; its interrupt goes through the BCM2835
# armctrl (bank 2, number 25) and the BCM2836 per-core controller. The reference clock is a
# CPRMAN output the device tree gives no rate for: the firmware's 48 MHz is passed explicitly.
# The armctrl delivers every SoC interrupt to core 0, and without a trigger type the kernel
# takes this level line again and again there until the driver clears the cause: a driver (or
# this script's sampling) woken on core 0 could never run. So everything here runs on cores 1-3.
taskset -p 0xe $$ >/dev/null
count=$(sed -n 's/.*echo_count=\([0-9]*\).*/\1/p' /proc/cmdline)
uart echo --count "${count:-4096}" --allow-noiommu --clock-hz 48000000 &
pid=$!
# The vfio interrupt exists only while the driver holds it: sample /proc/interrupts meanwhile
# (the last sample has the count the kernel took, storm included, near the end of the echo).
while kill -0 "$pid" 2>/dev/null; do
    grep 'vfio-irq' /proc/interrupts >/tmp/irq.now && cp /tmp/irq.now /tmp/irq.last
    sleep 0.05
done
wait "$pid"
status=$?
sed 's/^/IRQ: /' /tmp/irq.last 2>/dev/null
exit $status
