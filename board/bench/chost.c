/* chost.c — `cbench host UART [DEV...] [--count N]`: the C reference of the driver host's
 * interrupt latency row. Opens UART (a PL011) and every other DEV through VFIO (cvfio.c; each
 * bound to vfio already), puts all their eventfds and a signalfd for SIGINT/SIGTERM in one epoll
 * set, and runs the PL011 latency loop inside it as the host's event loop runs a driver: t0, DR
 * write, epoll_wait, read the eventfd of whichever device is ready; for the UART t1, ICR.TX,
 * unmask, and the next t0 and DR write; another device's interrupt is read and unmasked.
 * Output: "BENCH: irq c-host n=N median_ns=M p99_ns=P min_ns=A max_ns=B devices=K". */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/epoll.h>
#include <sys/signalfd.h>
#include "cvfio.h"
#include "cbench-common.h"

#define HOST_MAX_DEVICES 8
#define SIGNAL_TOKEN 100

static int host_fail(const char *what) {
    fprintf(stderr, "cbench host: %s: %s\n", what, strerror(errno));
    return 1;
}

int cbench_host(int argc, char **argv) {
    const char *names[HOST_MAX_DEVICES];
    int count = 0, iterations = 2000;
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--count") == 0 && i + 1 < argc) iterations = atoi(argv[++i]);
        else if (count < HOST_MAX_DEVICES) names[count++] = argv[i];
    }
    if (count < 1 || iterations < 1) { fprintf(stderr, "usage: cbench host UART [DEV...] [--count N]\n"); return 2; }
    setvbuf(stdout, NULL, _IOLBF, 0);
    int sfd = bench_termination_signalfd();
    int epoll = epoll_create1(EPOLL_CLOEXEC);
    if (sfd < 0 || epoll < 0) return host_fail("signalfd or epoll_create1");
    struct epoll_event event = { .events = EPOLLIN, .data.u32 = SIGNAL_TOKEN };
    epoll_ctl(epoll, EPOLL_CTL_ADD, sfd, &event);
    struct cvfio devices[HOST_MAX_DEVICES];
    for (int k = 0; k < count; k++) {
        const char *failed = "";
        if (cvfio_open(names[k], 1, &devices[k], &failed) < 0) { fprintf(stderr, "cbench host: %s: ", names[k]); return host_fail(failed); }
        event.data.u32 = (uint32_t)k;
        if (epoll_ctl(epoll, EPOLL_CTL_ADD, devices[k].eventfd, &event) < 0) return host_fail("EPOLL_CTL_ADD");
    }
    volatile uint8_t *uart = devices[0].region0;
    prepare_uart(uart);
    uint64_t *samples = calloc((size_t)iterations, sizeof *samples);
    if (!samples) return host_fail("calloc");
    int done = -WARMUP, stopped = 0;
    uint64_t t0 = bench_now_ns();
    reg_write(uart, UART_DR, 0x55);
    while (done < iterations && !stopped) {
        struct epoll_event ready[HOST_MAX_DEVICES + 1];
        int n = epoll_wait(epoll, ready, HOST_MAX_DEVICES + 1, 1000);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return host_fail("epoll_wait");
        if (n == 0) { fprintf(stderr, "cbench host: no interrupt within 1 s\n"); return 1; }
        for (int i = 0; i < n; i++) {
            uint32_t token = ready[i].data.u32;
            if (token == SIGNAL_TOKEN) { struct signalfd_siginfo info; if (read(sfd, &info, sizeof info) > 0) stopped = 1; continue; }
            uint64_t value;
            if (read(devices[token].eventfd, &value, sizeof value) != sizeof value) continue;
            if (token != 0) { cvfio_unmask(&devices[token]); continue; }
            uint64_t t1 = bench_now_ns();
            if (done >= 0) samples[done] = t1 - t0;
            done++;
            reg_write(uart, UART_ICR, INT_TX);
            if (cvfio_unmask(&devices[0]) < 0) return host_fail("VFIO_DEVICE_SET_IRQS(UNMASK)");
            if (done < iterations) { t0 = bench_now_ns(); reg_write(uart, UART_DR, 0x55); }
        }
    }
    reg_write(uart, UART_IMSC, 0);
    if (done < iterations) { fprintf(stderr, "cbench host: stopped by a signal after %d samples\n", done); return 1; }
    char suffix[32];
    snprintf(suffix, sizeof suffix, " devices=%d", count);
    bench_report("c-host", samples, iterations, suffix);
    for (int k = 0; k < count; k++) cvfio_close(&devices[k]);
    return 0;
}
