/* cbench-common.h — what every C reference of board/bench shares: the monotonic clock, the
 * report line of a latency run (sorted samples, nearest-rank percentiles as the Swift side
 * computes them), and the PL011 registers the latency loops use. */
#ifndef CBENCH_COMMON_H
#define CBENCH_COMMON_H
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <sys/signalfd.h>

#define UART_DR 0x000
#define UART_CR 0x030
#define UART_IMSC 0x038
#define UART_ICR 0x044
#define INT_TX (1u << 5)
#define INT_ALL 0x7ffu
#define CR_UARTEN (1u << 0)
#define CR_TXE (1u << 8)
#define CR_RXE (1u << 9)
#define WARMUP 50

/* Blocks SIGINT and SIGTERM and returns a non-blocking signalfd that receives them (as the driver
 * host does: a signal then ends the program's wait instead of the program), or -1. */
static inline int bench_termination_signalfd(void) {
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    sigprocmask(SIG_BLOCK, &signals, NULL);
    return signalfd(-1, &signals, SFD_NONBLOCK | SFD_CLOEXEC);
}

/* CLOCK_MONOTONIC in nanoseconds. */
static inline uint64_t bench_now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static inline void reg_write(volatile uint8_t *base, unsigned offset, uint32_t value) {
    *(volatile uint32_t *)(base + offset) = value;
}

/* Enables the UART and the TX interrupt only, with every cause cleared. */
static inline void prepare_uart(volatile uint8_t *uart) {
    reg_write(uart, UART_ICR, INT_ALL);
    reg_write(uart, UART_IMSC, INT_TX);
    reg_write(uart, UART_CR, CR_UARTEN | CR_TXE | CR_RXE);
}

static int bench_compare_u64(const void *a, const void *b) {
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* Nearest-rank percentile of sorted samples. */
static inline uint64_t bench_percentile(const uint64_t *sorted, int n, int pct) {
    int rank = (pct * n + 99) / 100;
    return sorted[(rank < 1 ? 1 : rank) - 1];
}

/* Sorts the samples and prints "BENCH: irq NAME n=N median_ns=M p99_ns=P min_ns=A max_ns=B",
 * then `suffix` (empty, or " devices=3"). */
static inline void bench_report(const char *name, uint64_t *samples, int n, const char *suffix) {
    qsort(samples, (size_t)n, sizeof *samples, bench_compare_u64);
    printf("BENCH: irq %s n=%d median_ns=%llu p99_ns=%llu min_ns=%llu max_ns=%llu%s\n", name, n,
           (unsigned long long)bench_percentile(samples, n, 50), (unsigned long long)bench_percentile(samples, n, 99),
           (unsigned long long)samples[0], (unsigned long long)samples[n - 1], suffix);
}
#endif
