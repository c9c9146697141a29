/* cvfio.c — see cvfio.h. */
#define _GNU_SOURCE
#include "cvfio.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <linux/vfio.h>

#define FAIL(step) do { *failed = (step); return -1; } while (0)

struct trigger_request { struct vfio_irq_set set; int32_t fd; };

static int set_trigger(int device, int fd) {
    struct trigger_request request = {
        .set = { .argsz = sizeof request, .flags = VFIO_IRQ_SET_DATA_EVENTFD | VFIO_IRQ_SET_ACTION_TRIGGER, .count = 1 },
        .fd = fd,
    };
    return ioctl(device, VFIO_DEVICE_SET_IRQS, &request);
}

int cvfio_open(const char *name, int nonblocking_eventfd, struct cvfio *out, const char **failed) {
    char path[256], link[256], group_path[300];
    const char *buses[] = { "platform", "amba" };
    const char *group = NULL;
    for (int i = 0; i < 2 && !group; i++) {
        snprintf(path, sizeof path, "/sys/bus/%s/devices/%s/iommu_group", buses[i], name);
        ssize_t n = readlink(path, link, sizeof link - 1);
        if (n < 0) continue;
        link[n] = 0;
        char *slash = strrchr(link, '/');
        group = slash ? slash + 1 : link;
    }
    if (!group) { errno = ENOENT; FAIL("finding the iommu_group (bind the device to vfio first)"); }
    snprintf(group_path, sizeof group_path, "/dev/vfio/%s", group);
    if (access(group_path, F_OK) != 0) snprintf(group_path, sizeof group_path, "/dev/vfio/noiommu-%s", group);
    out->container = open("/dev/vfio/vfio", O_RDWR | O_CLOEXEC);
    if (out->container < 0) FAIL("open /dev/vfio/vfio");
    out->group = open(group_path, O_RDWR | O_CLOEXEC);
    if (out->group < 0) FAIL("open the group");
    if (ioctl(out->group, VFIO_GROUP_SET_CONTAINER, &out->container) < 0) FAIL("VFIO_GROUP_SET_CONTAINER");
    if (ioctl(out->container, VFIO_SET_IOMMU, VFIO_NOIOMMU_IOMMU) < 0) FAIL("VFIO_SET_IOMMU(no-IOMMU)");
    out->device = ioctl(out->group, VFIO_GROUP_GET_DEVICE_FD, name);
    if (out->device < 0) FAIL("VFIO_GROUP_GET_DEVICE_FD");
    struct vfio_region_info region = { .argsz = sizeof region, .index = 0 };
    if (ioctl(out->device, VFIO_DEVICE_GET_REGION_INFO, &region) < 0) FAIL("VFIO_DEVICE_GET_REGION_INFO");
    void *mapping = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, out->device, (off_t)region.offset);
    if (mapping == MAP_FAILED) FAIL("mmap region 0");
    out->region0 = mapping;
    out->eventfd = eventfd(0, EFD_CLOEXEC | (nonblocking_eventfd ? EFD_NONBLOCK : 0));
    if (out->eventfd < 0) FAIL("eventfd");
    if (set_trigger(out->device, out->eventfd) < 0) FAIL("VFIO_DEVICE_SET_IRQS(TRIGGER)");
    return 0;
}

int cvfio_unmask(const struct cvfio *device) {
    struct vfio_irq_set unmask = { .argsz = sizeof unmask, .flags = VFIO_IRQ_SET_DATA_NONE | VFIO_IRQ_SET_ACTION_UNMASK,
                                   .index = 0, .start = 0, .count = 1 };
    return ioctl(device->device, VFIO_DEVICE_SET_IRQS, &unmask);
}

void cvfio_close(struct cvfio *device) {
    struct vfio_irq_set none = { .argsz = sizeof none, .flags = VFIO_IRQ_SET_DATA_NONE | VFIO_IRQ_SET_ACTION_TRIGGER,
                                 .index = 0, .start = 0, .count = 0 };
    ioctl(device->device, VFIO_DEVICE_SET_IRQS, &none);
    munmap((void *)device->region0, 4096);
    close(device->eventfd);
    close(device->device);
    close(device->group);
    close(device->container);
}
