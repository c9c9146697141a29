# The typed errors of a real kernel, each expected to fail with its own message. Every command's
# output is on the console; the host test checks the messages.
step() { echo "STEP: $1"; }

step "no-iommu-not-acknowledged"
vfioctl info 9010000.pl031; echo "EXIT: $?"

step "dma-master-refused"
fwcfg signature; echo "EXIT: $?"

step "fwcfg-pread"
fwcfg signature --allow-noiommu --allow-dma-master; echo "EXIT: $?"
vfioctl info 9020000.fw-cfg --allow-noiommu --allow-dma-master; echo "EXIT: $?"

step "out-of-range"
vfioctl read 9010000.pl031 0 0x1000 --allow-noiommu; echo "EXIT: $?"
vfioctl read 9010000.pl031 0 0x2 32 --allow-noiommu; echo "EXIT: $?"
vfioctl read 9010000.pl031 0 0xfe0 --allow-noiommu; echo "EXIT: $?"

step "no-such-interrupt"
vfioctl irq 9010000.pl031 1 --allow-noiommu; echo "EXIT: $?"

step "group-busy"
uart hold --allow-noiommu &
holder=$!
sleep 1
vfioctl info 9000000.pl011 --allow-noiommu; echo "EXIT: $?"

step "killed-holder-rebindable"
kill -9 $holder; wait $holder 2>/dev/null
echo "DRIVER-BEFORE-RELEASE: $(basename "$(readlink /sys/bus/amba/devices/9000000.pl011/driver)")"
vfioctl release 9000000.pl011; echo "EXIT: $?"
echo "DRIVER-AFTER-RELEASE: $(basename "$(readlink /sys/bus/amba/devices/9000000.pl011/driver)" 2>/dev/null)"
vfioctl info 9000000.pl011 --allow-noiommu; echo "EXIT: $?"

step "previous-driver-restored"
# fw-cfg starts on UIO's uio_pdrv_genirq; taking it for vfio remembers that, and release gives it back.
vfioctl release 9020000.fw-cfg
echo uio_pdrv_genirq > /sys/bus/platform/devices/9020000.fw-cfg/driver_override
echo 9020000.fw-cfg > /sys/bus/platform/drivers_probe
echo "DRIVER-INITIAL: $(basename "$(readlink /sys/bus/platform/devices/9020000.fw-cfg/driver)")"
fwcfg signature --allow-noiommu --allow-dma-master; echo "EXIT: $?"
echo "DRIVER-WHILE-HELD: $(basename "$(readlink /sys/bus/platform/devices/9020000.fw-cfg/driver)")"
vfioctl release 9020000.fw-cfg; echo "EXIT: $?"
echo "DRIVER-RESTORED: $(basename "$(readlink /sys/bus/platform/devices/9020000.fw-cfg/driver)")"
echo "OVERRIDE-RESTORED: $(cat /sys/bus/platform/devices/9020000.fw-cfg/driver_override)"

step "no-permission"
mkdir -p /etc
echo "root:x:0:0:root:/:/bin/sh" > /etc/passwd
echo "nobody:x:65534:65534:nobody:/:/bin/sh" >> /etc/passwd
echo "root:x:0:" > /etc/group
echo "nogroup:x:65534:" >> /etc/group
# The running tree is readable by root only: nobody gets a copy, so the group open is what fails.
cp /sys/firmware/fdt /tmp/running.dtb && chmod 644 /tmp/running.dtb
su nobody -c "vfioctl info 9010000.pl031 --dtb /tmp/running.dtb --allow-noiommu"; echo "EXIT: $?"
su nobody -c "vfioctl info 9010000.pl031 --allow-noiommu"; echo "EXIT: $?"

# What a device had before it was bound to vfio comes back exactly on release: its driver (or
# none) and its driver_override (or none), in every combination.
state() {
    local driver
    driver=$(readlink "$1/driver" 2>/dev/null || true)
    driver=${driver##*/}
    echo "STATE-$2: driver=${driver:-none} override=$(cat "$1/driver_override")"
}

step "release-restores-driver-and-no-override"
fwcfg_dev=/sys/bus/platform/devices/9020000.fw-cfg
vfioctl release 9020000.fw-cfg >/dev/null
echo uio_pdrv_genirq > $fwcfg_dev/driver_override
echo 9020000.fw-cfg > /sys/bus/platform/drivers_probe
echo > $fwcfg_dev/driver_override
state $fwcfg_dev BEFORE
fwcfg signature --allow-noiommu --allow-dma-master; echo "EXIT: $?"
state $fwcfg_dev HELD
vfioctl release 9020000.fw-cfg; echo "EXIT: $?"
state $fwcfg_dev AFTER

step "release-restores-override-and-no-driver"
pl031_dev=/sys/bus/amba/devices/9010000.pl031
vfioctl release 9010000.pl031 >/dev/null
echo keep > $pl031_dev/driver_override
state $pl031_dev BEFORE
vfioctl info 9010000.pl031 --allow-noiommu; echo "EXIT: $?"
state $pl031_dev HELD
vfioctl release 9010000.pl031; echo "EXIT: $?"
state $pl031_dev AFTER

step "release-restores-neither"
echo > $pl031_dev/driver_override
state $pl031_dev BEFORE
vfioctl info 9010000.pl031 --allow-noiommu; echo "EXIT: $?"
state $pl031_dev HELD
vfioctl release 9010000.pl031; echo "EXIT: $?"
state $pl031_dev AFTER

step "unknown-device-is-a-possible-dma-master"
vfioctl info a000000.virtio_mmio --allow-noiommu; echo "EXIT: $?"
echo "DRIVER-AFTER-REFUSAL: $(readlink /sys/bus/platform/devices/a000000.virtio_mmio/driver)"
