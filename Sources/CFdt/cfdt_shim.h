/* CFdt: Debian's libfdt as a Swift module, plus inline shims for what Swift cannot import
 * (function-like macros over the header, property iteration). Header-only: the inline
 * functions are compiled into whichever Swift module calls them. */
#ifndef CFDT_SHIM_H
#define CFDT_SHIM_H

#include <libfdt.h>

/** Total size in bytes the header claims for the blob (fdt_totalsize macro). */
static inline uint32_t cfdt_totalsize(const void *fdt) { return fdt_totalsize(fdt); }
/** Magic number of the header (fdt_magic macro). */
static inline uint32_t cfdt_magic(const void *fdt) { return fdt_magic(fdt); }
/** Format version of the blob (fdt_version macro). */
static inline uint32_t cfdt_version(const void *fdt) { return fdt_version(fdt); }
/** Size of the structure block (fdt_size_dt_struct macro). */
static inline uint32_t cfdt_size_dt_struct(const void *fdt) { return fdt_size_dt_struct(fdt); }
/** Offset of the structure block from the start of the blob (fdt_off_dt_struct macro). */
static inline uint32_t cfdt_off_dt_struct(const void *fdt) { return fdt_off_dt_struct(fdt); }
/** Offset of the strings block from the start of the blob (fdt_off_dt_strings macro). */
static inline uint32_t cfdt_off_dt_strings(const void *fdt) { return fdt_off_dt_strings(fdt); }
/** Size of the strings block (fdt_size_dt_strings macro; version 3 and later). */
static inline uint32_t cfdt_size_dt_strings(const void *fdt) { return fdt_size_dt_strings(fdt); }
/** Value of the header's FDT_MAGIC constant. */
static inline uint32_t cfdt_magic_constant(void) { return FDT_MAGIC; }
/** The smallest blob size any valid header can describe. */
static inline uint32_t cfdt_header_size_minimum(void) { return FDT_V1_SIZE; }

#endif
