# Booted with vfio.enable_unsafe_noiommu_mode=0: binding must fail with the typed error naming the parameter.
vfioctl info 9010000.pl031 --allow-noiommu; echo "EXIT: $?"
