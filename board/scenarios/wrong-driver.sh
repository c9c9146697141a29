# Booted with the kernel's own PL011 driver bound (run-board.sh --kernel-pl011): built in, it
# cannot be unbound, so taking the UART must fail with the typed error naming the driver.
echo "DRIVER: $(basename "$(readlink /sys/bus/amba/devices/9000000.pl011/driver)")"
vfioctl info 9000000.pl011 --allow-noiommu; echo "EXIT: $?"
vfioctl info 9000000.pl011 --allow-noiommu --no-bind; echo "EXIT: $?"
