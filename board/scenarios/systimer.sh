# Raspberry Pi 3: the BCM2835 system timer (3f003000.timer, a platform device no kernel driver
# takes on arm64) through vfio-platform. Its driver is a separate program, `systimer`; this
# scenario runs it when the initramfs has it (the board test skips until it exists).
if ! command -v systimer >/dev/null; then
    echo "SYSTIMER: no systimer program in this initramfs"
    exit 3
fi
systimer periodic --allow-noiommu
