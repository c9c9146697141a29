# Raspberry Pi 3 (QEMU raspi3b, upstream bcm2837-rpi-3-b.dtb): what the kernel made of the SoC,
# and `vfioctl list` naming the same devices from the running device tree (CPU addresses 0x3f...,
# translated from the 0x7e... bus addresses by the soc node's ranges).
echo "STEP: sysfs"
for bus in amba platform; do
    for device in /sys/bus/$bus/devices/*; do
        driver=-
        [ -e "$device/driver" ] && driver=$(basename "$(readlink "$device/driver")")
        echo "SYSFS: $bus $(basename "$device") $driver"
    done
done
echo "STEP: doctor"
vfioctl doctor
echo "DOCTOR: status $?"
echo "STEP: list"
vfioctl list
echo "LIST: status $?"
echo "STEP: info"
vfioctl info 3f201000.serial --allow-noiommu
echo "INFO: status $?"
vfioctl release 3f201000.serial
echo "STEP: end"
