/* cbench — the C reference side of the guest benchmarks (board/bench/README.md).
 *
 *   cbench vfio DEVICE [N] [--poll]   PL011 TX-interrupt latency through raw VFIO ioctls: the
 *                                      device must already be bound to vfio-platform/vfio-amba.
 *                                      Waits with a blocking read() on the eventfd, or with
 *                                      poll() + read() on a non-blocking one (--poll, the same
 *                                      calls InterruptLine.wait makes).
 *   cbench uio /dev/uioN [N]          the same loop through UIO (uio_pdrv_genirq): read() blocks
 *                                      for the interrupt, write(1) re-enables it.
 *   cbench start [--once] [--dtb F]   what `uart` does from exec to its first register write and at
 *                                      its end, with the same calls (cstart.c: libfdt, sysfs
 *                                      binding, VFIO, epoll over the eventfd and a signalfd).
 *   cbench launch NAME MARKER PROG... start-up time of PROG: exec to its line containing MARKER,
 *                                      then SIGTERM (claunch.c).
 *   cbench host UART DEV... [--count N] the PL011 latency loop inside one epoll loop serving the
 *                                      interrupts of UART and every other DEV (all bound to vfio)
 *                                      and a signalfd, as the driver host does (chost.c).
 *
 * The trigger: in QEMU 7.2's PL011 every write to UARTDR sets the TX interrupt (RIS.TX) at once
 * and UARTICR clears it; with IMSC.TX set the line rises inside the MMIO write itself.
 * One iteration: t0, DR write, wait, t1, ICR.TX, unmask. Latency = t1 - t0.
 * Output: "BENCH: irq <name> n=N median_ns=M p99_ns=P min_ns=A max_ns=B".
 * The VFIO open sequence is cvfio.c's. Static aarch64, libc and libfdt (as uart links):
 * board/bench/build-cbench.sh. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>
#include "cvfio.h"
#include "cbench-common.h"

static void die(const char *what) {
    fprintf(stderr, "cbench: %s: %s\n", what, strerror(errno));
    exit(1);
}

static int bench_vfio(const char *name, int iterations, int use_poll) {
    struct cvfio device;
    const char *failed = "";
    if (cvfio_open(name, use_poll, &device, &failed) < 0) die(failed);
    volatile uint8_t *uart = device.region0;
    int efd = device.eventfd;
    prepare_uart(uart);
    uint64_t *samples = calloc((size_t)iterations, sizeof *samples);
    if (!samples) die("calloc");
    for (int i = -WARMUP; i < iterations; i++) {
        uint64_t count;
        uint64_t t0 = bench_now_ns();
        reg_write(uart, UART_DR, 0x55);
        if (use_poll) {
            for (;;) {
                struct pollfd p = { .fd = efd, .events = POLLIN };
                if (poll(&p, 1, 1000) <= 0) { if (errno == EINTR) continue; fprintf(stderr, "cbench: no interrupt in 1 s\n"); return 1; }
                if (read(efd, &count, sizeof count) == sizeof count) break;
            }
        } else {
            if (read(efd, &count, sizeof count) != sizeof count) die("read eventfd");
        }
        uint64_t t1 = bench_now_ns();
        if (i >= 0) samples[i] = t1 - t0;
        reg_write(uart, UART_ICR, INT_TX);
        if (cvfio_unmask(&device) < 0) die("VFIO_DEVICE_SET_IRQS(UNMASK)");
    }
    reg_write(uart, UART_IMSC, 0);
    bench_report(use_poll ? "c-vfio-poll" : "c-vfio", samples, iterations, "");
    cvfio_close(&device);
    return 0;
}

static int bench_uio(const char *node, int iterations) {
    int fd = open(node, O_RDWR | O_CLOEXEC);
    if (fd < 0) die(node);
    /* Map 0 is at offset 0 (UIO selects map N with offset N * page size). */
    volatile uint8_t *uart = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (uart == MAP_FAILED) die("mmap map0");
    prepare_uart(uart);
    int32_t enable = 1;
    if (write(fd, &enable, sizeof enable) != sizeof enable) die("write(1) to enable the interrupt");
    uint64_t *samples = calloc((size_t)iterations, sizeof *samples);
    if (!samples) die("calloc");
    for (int i = -WARMUP; i < iterations; i++) {
        uint32_t count;
        uint64_t t0 = bench_now_ns();
        reg_write(uart, UART_DR, 0x55);
        if (read(fd, &count, sizeof count) != sizeof count) die("read uio");
        uint64_t t1 = bench_now_ns();
        if (i >= 0) samples[i] = t1 - t0;
        reg_write(uart, UART_ICR, INT_TX);
        if (write(fd, &enable, sizeof enable) != sizeof enable) die("write(1) to re-enable the interrupt");
    }
    reg_write(uart, UART_IMSC, 0);
    bench_report("c-uio", samples, iterations, "");
    return 0;
}

int cbench_start(int argc, char **argv);
int cbench_launch(int argc, char **argv);
int cbench_host(int argc, char **argv);

#ifdef CBENCH_START_ONLY
/* The size reference (build-cbench.sh --start-only): `cbench start` alone. */
int main(int argc, char **argv) { return cbench_start(argc, argv); }
#else
int main(int argc, char **argv) {
    if (argc >= 2 && strcmp(argv[1], "start") == 0) return cbench_start(argc, argv);
    if (argc >= 2 && strcmp(argv[1], "host") == 0) return cbench_host(argc, argv);
    if (argc >= 2 && strcmp(argv[1], "launch") == 0) return cbench_launch(argc, argv);
    if (argc < 3) {
        fprintf(stderr, "usage: cbench vfio DEVICE [N] [--poll] | cbench uio /dev/uioN [N] | cbench start [--once] [--dtb FILE]\n");
        return 2;
    }
    setvbuf(stdout, NULL, _IOLBF, 0);
    int iterations = argc > 3 && argv[3][0] != '-' ? atoi(argv[3]) : 2000;
    if (iterations < 1) iterations = 1;
    int use_poll = 0;
    for (int i = 3; i < argc; i++) if (strcmp(argv[i], "--poll") == 0) use_poll = 1;
    if (strcmp(argv[1], "vfio") == 0) return bench_vfio(argv[2], iterations, use_poll);
    if (strcmp(argv[1], "uio") == 0) return bench_uio(argv[2], iterations);
    fprintf(stderr, "cbench: unknown mode %s\n", argv[1]);
    return 2;
}
#endif
