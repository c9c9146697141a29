/* cstart.c — `cbench start`: what the uart program does from exec to its first register write,
 * and at its end, written in C with the same calls (the reference of issue 19's start-up row and
 * of the size the framework adds): read the running device tree with libfdt, find the first
 * enabled "arm,pl011" node, name its Linux device from `reg`, bind it to vfio-amba through
 * driver_override, open container, group and device, map region 0, connect the interrupt's
 * eventfd, write the control register; then wait in one epoll set over the eventfd and a signalfd
 * for SIGINT/SIGTERM (`--once`: no wait), and give the device back (driver_override cleared,
 * unbind, drivers_probe).
 * Output: "BENCH: start c main_to_first_write_ns=N". */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/signalfd.h>
#include <linux/vfio.h>
#include <libfdt.h>

static uint64_t start_now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static int start_fail(const char *what) {
    fprintf(stderr, "cbench start: %s: %s\n", what, strerror(errno));
    return 1;
}

static int write_text(const char *path, const char *text) {
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    ssize_t n = write(fd, text, strlen(text));
    close(fd);
    return n < 0 ? -1 : 0;
}

/* The whole file at path, malloc'd; *size set. */
static void *read_all(const char *path, size_t *size) {
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return NULL;
    size_t capacity = 1 << 16, used = 0;
    char *buffer = malloc(capacity);
    for (;;) {
        if (used == capacity) buffer = realloc(buffer, capacity *= 2);
        ssize_t n = read(fd, buffer + used, capacity - used);
        if (n <= 0) break;
        used += (size_t)n;
    }
    close(fd);
    *size = used;
    return buffer;
}

int cbench_start(int argc, char **argv) {
    uint64_t t0 = start_now_ns();
    /* SIGINT and SIGTERM wait in a signalfd from the start, as the driver host's do: a signal
     * during start-up ends the wait below instead of the process. */
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    sigprocmask(SIG_BLOCK, &signals, NULL);
    int sfd = signalfd(-1, &signals, SFD_NONBLOCK | SFD_CLOEXEC);
    const char *dtb_path = "/sys/firmware/fdt";
    int once = 0;
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--once") == 0) once = 1;
        else if (strcmp(argv[i], "--dtb") == 0 && i + 1 < argc) dtb_path = argv[++i];
    }
    size_t size = 0;
    void *fdt = read_all(dtb_path, &size);
    if (!fdt || fdt_check_header(fdt) != 0) return start_fail("reading the device tree");
    int node = -1;
    for (int offset = fdt_node_offset_by_compatible(fdt, -1, "arm,pl011"); offset >= 0;
         offset = fdt_node_offset_by_compatible(fdt, offset, "arm,pl011")) {
        const char *status = fdt_getprop(fdt, offset, "status", NULL);
        if (!status || strcmp(status, "okay") == 0 || strcmp(status, "ok") == 0) { node = offset; break; }
    }
    if (node < 0) { fprintf(stderr, "cbench start: no enabled arm,pl011 node\n"); return 1; }
    int cells = fdt_address_cells(fdt, fdt_parent_offset(fdt, node));
    int length = 0;
    const fdt32_t *reg = fdt_getprop(fdt, node, "reg", &length);
    if (!reg || length < cells * 4) { fprintf(stderr, "cbench start: the node has no reg\n"); return 1; }
    uint64_t address = 0;
    for (int i = 0; i < cells; i++) address = address << 32 | fdt32_to_cpu(reg[i]);
    char base[64], device[96], path[256];
    snprintf(base, sizeof base, "%s", fdt_get_name(fdt, node, NULL));
    char *at = strchr(base, '@');
    if (at) *at = 0;
    snprintf(device, sizeof device, "%llx.%s", (unsigned long long)address, base);

    snprintf(path, sizeof path, "/sys/bus/amba/devices/%s/driver_override", device);
    if (write_text(path, "vfio-amba") != 0) return start_fail(path);
    if (write_text("/sys/bus/amba/drivers_probe", device) != 0) return start_fail("drivers_probe");
    char link[256], group_path[64];
    snprintf(path, sizeof path, "/sys/bus/amba/devices/%s/iommu_group", device);
    ssize_t n = readlink(path, link, sizeof link - 1);
    if (n < 0) return start_fail(path);
    link[n] = 0;
    snprintf(group_path, sizeof group_path, "/dev/vfio/noiommu-%s", strrchr(link, '/') + 1);
    int container = open("/dev/vfio/vfio", O_RDWR | O_CLOEXEC);
    int group = open(group_path, O_RDWR | O_CLOEXEC);
    if (container < 0 || group < 0) return start_fail("opening the container and group");
    if (ioctl(group, VFIO_GROUP_SET_CONTAINER, &container) < 0) return start_fail("VFIO_GROUP_SET_CONTAINER");
    if (ioctl(container, VFIO_SET_IOMMU, VFIO_NOIOMMU_IOMMU) < 0) return start_fail("VFIO_SET_IOMMU");
    int devfd = ioctl(group, VFIO_GROUP_GET_DEVICE_FD, device);
    if (devfd < 0) return start_fail("VFIO_GROUP_GET_DEVICE_FD");
    struct vfio_region_info region = { .argsz = sizeof region, .index = 0 };
    if (ioctl(devfd, VFIO_DEVICE_GET_REGION_INFO, &region) < 0) return start_fail("VFIO_DEVICE_GET_REGION_INFO");
    volatile uint32_t *uart = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, devfd, (off_t)region.offset);
    if (uart == MAP_FAILED) return start_fail("mmap");
    int efd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    struct { struct vfio_irq_set set; int32_t fd; } trigger = {
        .set = { .argsz = sizeof trigger, .flags = VFIO_IRQ_SET_DATA_EVENTFD | VFIO_IRQ_SET_ACTION_TRIGGER, .count = 1 },
        .fd = efd,
    };
    if (ioctl(devfd, VFIO_DEVICE_SET_IRQS, &trigger) < 0) return start_fail("VFIO_DEVICE_SET_IRQS");
    uart[0x30 / 4] = (1u << 0) | (1u << 8) | (1u << 9);   /* CR: UARTEN, TXE, RXE */
    uint64_t t1 = start_now_ns();
    printf("BENCH: start c main_to_first_write_ns=%llu device=%s\n", (unsigned long long)(t1 - t0), device);
    fflush(stdout);

    int epoll = epoll_create1(EPOLL_CLOEXEC);
    struct epoll_event event = { .events = EPOLLIN, .data.u32 = 0 };
    epoll_ctl(epoll, EPOLL_CTL_ADD, efd, &event);
    event.data.u32 = 1;
    epoll_ctl(epoll, EPOLL_CTL_ADD, sfd, &event);
    while (!once) {
        struct epoll_event ready[4];
        int count = epoll_wait(epoll, ready, 4, -1);
        if (count < 0 && errno == EINTR) continue;
        if (count < 0) return start_fail("epoll_wait");
        int stop = 0;
        for (int i = 0; i < count; i++) {
            uint64_t value;
            if (ready[i].data.u32 == 1) { struct signalfd_siginfo info; if (read(sfd, &info, sizeof info) > 0) stop = 1; }
            else if (read(efd, &value, sizeof value) > 0) uart[0x44 / 4] = 0x7ff;  /* ICR: every cause */
        }
        if (stop) break;
    }
    uart[0x38 / 4] = 0;          /* IMSC: quiet */
    uart[0x30 / 4] = 0;          /* CR: disabled */
    munmap((void *)uart, 4096);
    close(devfd); close(group); close(container); close(efd);
    snprintf(path, sizeof path, "/sys/bus/amba/devices/%s/driver_override", device);
    write_text(path, "\n");
    write_text("/sys/bus/amba/drivers/vfio-amba/unbind", device);
    write_text("/sys/bus/amba/drivers_probe", device);
    return 0;
}
