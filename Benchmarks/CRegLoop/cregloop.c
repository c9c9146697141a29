#include "cregloop.h"

#define UARTDR 0x000
#define UARTFR 0x018
#define UARTLCR_H 0x02c
#define UARTCR 0x030

#define FR_TXFF (1u << 5)
#define LCR_H_FEN (1u << 4)
#define CR_UARTEN (1u << 0)
#define CR_TXE (1u << 8)
#define CR_RESET 0x300u

#define REG(base, offset) (*(volatile uint32_t *)((volatile uint8_t *)(base) + (offset)))

uint32_t cregloop_read(volatile void *base, long n)
{
    uint32_t count = 0;
    for (long i = 0; i < n; i++)
        if (REG(base, UARTFR) & FR_TXFF)
            count++;
    return count;
}

void cregloop_write(volatile void *base, long n)
{
    for (long i = 0; i < n; i++) {
        uint32_t value = CR_RESET | CR_UARTEN;
        if (i & 1)
            value |= CR_TXE;
        else
            value &= ~CR_TXE;
        REG(base, UARTCR) = value;
    }
}

void cregloop_modify(volatile void *base, long n)
{
    for (long i = 0; i < n; i++)
        REG(base, UARTLCR_H) = REG(base, UARTLCR_H) ^ LCR_H_FEN;
}

void cregloop_putc(volatile void *base, long n)
{
    for (long i = 0; i < n; i++) {
        while (REG(base, UARTFR) & FR_TXFF)
            ;
        REG(base, UARTDR) = (uint32_t)(i & 0xff);
    }
}
