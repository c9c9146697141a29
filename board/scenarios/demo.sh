# make demo: what the kernel offers, then the UART echo and the timer, with a short account.
echo "=== vfioctl doctor"
vfioctl doctor
echo "=== vfioctl list"
vfioctl list
echo "=== vfioctl info 9000000.pl011 (binds it to vfio-amba)"
vfioctl info compatible:arm,pl011 --allow-noiommu
echo "=== uart echo (the host sends a line through the PL011; our driver echoes it)"
uart echo --count 64 --allow-noiommu
echo "=== timer periodic (PL031 match interrupt, 1 s period)"
timer periodic --period 1 --ticks 3 --allow-noiommu
echo "=== binary sizes"
for program in vfioctl uart timer gpio fwcfg; do
    echo "  $program $(wc -c < /bin/$program) bytes"
done
