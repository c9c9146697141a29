/* cstart.c — `cbench start`: what the uart program does from exec to its first register write,
 * and at its end, written in C with the same calls (the reference of issue 19's start-up row and
 * of the size the framework adds): read the running device tree with libfdt, find the first
 * enabled "arm,pl011" node, name its Linux device from `reg`, bind it to vfio-amba through
 * driver_override, open container, group and device, map region 0, connect the interrupt's
 * eventfd, write the control register; then wait in one epoll set over the eventfd and a signalfd
 * for SIGINT/SIGTERM (`--once`: no wait), and give the device back (driver_override cleared,
 * unbind, drivers_probe). The VFIO open sequence is cvfio.c's.
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
#include <sys/signalfd.h>
#include <libfdt.h>
#include "cvfio.h"
#include "cbench-common.h"

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
    uint64_t t0 = bench_now_ns();
    /* SIGINT and SIGTERM wait in a signalfd from the start, as the driver host's do: a signal
     * during start-up ends the wait below instead of the process. */
    int sfd = bench_termination_signalfd();
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
    struct cvfio vfio;
    const char *failed = "";
    if (cvfio_open(device, 1, &vfio, &failed) < 0) return start_fail(failed);
    volatile uint32_t *uart = (volatile uint32_t *)vfio.region0;
    int efd = vfio.eventfd;
    uart[0x30 / 4] = (1u << 0) | (1u << 8) | (1u << 9);   /* CR: UARTEN, TXE, RXE */
    uint64_t t1 = bench_now_ns();
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
    cvfio_close(&vfio);
    snprintf(path, sizeof path, "/sys/bus/amba/devices/%s/driver_override", device);
    write_text(path, "\n");
    write_text("/sys/bus/amba/drivers/vfio-amba/unbind", device);
    write_text("/sys/bus/amba/drivers_probe", device);
    return 0;
}
