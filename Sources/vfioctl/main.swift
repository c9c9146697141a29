// Placeholder; replaced by the vfioctl CLI.
