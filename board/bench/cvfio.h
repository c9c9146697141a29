/* cvfio.h — the VFIO open sequence every C reference of board/bench makes, in one place: find the
 * device's IOMMU group in sysfs (platform or amba bus), open the container and the group, attach
 * them in no-IOMMU mode, get the device, map region 0 and connect interrupt 0 to an eventfd.
 * The device must be bound to vfio-platform or vfio-amba already. */
#ifndef CVFIO_H
#define CVFIO_H
#include <stdint.h>

struct cvfio {
    int container, group, device, eventfd;
    volatile uint8_t *region0;   /* one page: region 0, mapped */
};

/* Opens `name` (e.g. "9000000.pl011"); the eventfd is non-blocking when asked. Returns 0, or -1
 * with errno set and *failed naming the step. */
int cvfio_open(const char *name, int nonblocking_eventfd, struct cvfio *out, const char **failed);
/* VFIO_DEVICE_SET_IRQS(UNMASK) of interrupt 0; 0 or -1. */
int cvfio_unmask(const struct cvfio *device);
/* Tears the trigger down, unmaps and closes everything. */
void cvfio_close(struct cvfio *device);
#endif
