# A board tree that disables the RTC, booted with the overlay `vfioctl overlay` wrote applied by
# fdtoverlay (the node enabled, "arm,primecell" dropped) and uio_pdrv_genirq.of_id=arm,pl031:
# the RTC is a platform device bound to uio_pdrv_genirq at boot, and the timer runs through UIO.
step() { echo "STEP: $1"; }
driver() { d=$(readlink "/sys/bus/platform/devices/9010000.pl031/driver" 2>/dev/null); echo "${d##*/}"; }

step "handed-over"
echo "STATUS: $(cat /proc/device-tree/pl031@9010000/status)"
echo "COMPATIBLE: $(tr '\0' ' ' < /proc/device-tree/pl031@9010000/compatible)"
echo "DRIVER-AT-BOOT: $(driver)"
vfioctl list | grep 9010000.pl031

step "timer"
timer periodic --period 1 --ticks 2 --no-bind; echo "EXIT: $?"
