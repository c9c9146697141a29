/* CFdtWalk: the baseline for dt-bench — a plain libfdt walk over a blob, in C. */
#ifndef CFDTWALK_H
#define CFDTWALK_H

#include <stddef.h>
#include <stdint.h>

/** What one walk saw; `checksum` mixes every value read so the work cannot be optimised away. */
typedef struct {
    uint64_t nodes;
    uint64_t properties;
    uint64_t reg_entries;
    uint64_t checksum;
} cfdtwalk_result;

/**
 * Walks every node of `fdt` depth first; for each node reads its name and every property
 * (name and value bytes), and decodes `reg` with the parent's #address-cells/#size-cells
 * (defaults 2/1), without translation. With `check` non-zero, runs fdt_check_full first.
 * Returns 0, or a negative libfdt error.
 */
int cfdtwalk_full(const void *fdt, size_t size, int check, cfdtwalk_result *out);

#endif
