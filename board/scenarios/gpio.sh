# PL061: direction and level, then an edge interrupt on pin 3, which QEMU drives from its
# power button when the host sends system_powerdown.
gpio watch --pin 3 --edges 1 --timeout 20 --allow-noiommu
