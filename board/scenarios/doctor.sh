# What the kernel offers, and the devices the running device tree describes.
vfioctl doctor
echo "DOCTOR: status $?"
vfioctl list
