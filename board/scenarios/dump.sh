# `vfioctl dump` on the virt board: every register of a device's binding, decoded, through a
# mapped region (PL011, after the uart driver programmed it) and through pread/pwrite (fw-cfg,
# whose 0x18-byte region cannot be mapped: 8-bit DATA and the big-endian 64-bit DMA register).
step() { echo "STEP: $1"; }

step "pl011"
echo x > /tmp/one-line
uart send /tmp/one-line --allow-noiommu || exit $?
vfioctl dump 9000000.pl011 --allow-noiommu; echo "EXIT: $?"

step "fwcfg"
vfioctl dump 9020000.fw-cfg --allow-noiommu --allow-dma-master; echo "EXIT: $?"

step "fwcfg-side-effects"
vfioctl dump 9020000.fw-cfg --allow-noiommu --allow-dma-master --include-side-effects; echo "EXIT: $?"

step "no-binding"
vfioctl dump a000000.virtio_mmio --allow-noiommu --allow-dma-master; echo "EXIT: $?"
