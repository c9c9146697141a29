/* CMMIO: single volatile loads and stores of 8, 16, 32 and 64 bits, the way a C driver touches
 * device registers. Header-only and always inlined, so a Swift register access compiles to one
 * plain `load volatile`/`store volatile` at its offset: the instruction a C driver gets (on x86 it
 * can fold into a test or bt; Swift's own _Volatile emits atomic loads, which do not fold).
 * The pointer must be aligned to the access width, as device registers are. */
#ifndef CMMIO_H
#define CMMIO_H

#include <stdint.h>

#define CMMIO_INLINE static inline __attribute__((always_inline))

/** The 8-bit value at `address`, read once. */
CMMIO_INLINE uint8_t cmmio_read8(const void *address) { return *(const volatile uint8_t *)address; }
/** The 16-bit value at `address`, read once. */
CMMIO_INLINE uint16_t cmmio_read16(const void *address) { return *(const volatile uint16_t *)address; }
/** The 32-bit value at `address`, read once. */
CMMIO_INLINE uint32_t cmmio_read32(const void *address) { return *(const volatile uint32_t *)address; }
/** The 64-bit value at `address`, read once. */
CMMIO_INLINE uint64_t cmmio_read64(const void *address) { return *(const volatile uint64_t *)address; }

/** Writes the 8-bit `value` to `address` once. */
CMMIO_INLINE void cmmio_write8(void *address, uint8_t value) { *(volatile uint8_t *)address = value; }
/** Writes the 16-bit `value` to `address` once. */
CMMIO_INLINE void cmmio_write16(void *address, uint16_t value) { *(volatile uint16_t *)address = value; }
/** Writes the 32-bit `value` to `address` once. */
CMMIO_INLINE void cmmio_write32(void *address, uint32_t value) { *(volatile uint32_t *)address = value; }
/** Writes the 64-bit `value` to `address` once. */
CMMIO_INLINE void cmmio_write64(void *address, uint64_t value) { *(volatile uint64_t *)address = value; }

#endif
