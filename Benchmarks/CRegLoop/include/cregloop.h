/* CRegLoop: the baseline for reg-bench — PL011 register loops hand-written in C with volatile
 * pointers, the way a C driver would touch the registers. Each function is the same loop as its
 * Swift counterpart in Benchmarks/reg-bench/main.swift, over a block of plain memory. */
#ifndef CREGLOOP_H
#define CREGLOOP_H

#include <stdint.h>

/** `n` reads of UARTFR; returns how many had TXFF (bit 5) set. */
uint32_t cregloop_read(volatile void *base, long n);

/** `n` writes of UARTCR: reset value 0x300 with UARTEN (bit 0) set and TXE (bit 8) = i & 1. */
void cregloop_write(volatile void *base, long n);

/** `n` read-modify-writes of UARTLCR_H, toggling FEN (bit 4). */
void cregloop_modify(volatile void *base, long n);

/** `n` characters sent the polled way: wait while UARTFR.TXFF, then write i & 0xff to UARTDR. */
void cregloop_putc(volatile void *base, long n);

#endif
