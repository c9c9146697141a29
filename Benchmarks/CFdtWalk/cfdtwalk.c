#include "cfdtwalk.h"

#include <libfdt.h>

#define MAX_DEPTH 64

/* #address-cells or #size-cells of a node, with the specification's default. */
static uint32_t cells_of(const void *fdt, int node, const char *name, uint32_t fallback)
{
    int len;
    const fdt32_t *value = fdt_getprop(fdt, node, name, &len);
    if (!value || len != 4)
        return fallback;
    return fdt32_ld(value);
}

int cfdtwalk_full(const void *fdt, size_t size, int check, cfdtwalk_result *out)
{
    uint32_t address_cells[MAX_DEPTH];
    uint32_t size_cells[MAX_DEPTH];
    int depth = 0;
    int node;

    out->nodes = out->properties = out->reg_entries = out->checksum = 0;
    if (check) {
        int err = fdt_check_full(fdt, size);
        if (err)
            return err;
    }
    for (node = 0; node >= 0 && depth >= 0; node = fdt_next_node(fdt, node, &depth)) {
        int name_len, prop;
        const char *name = fdt_get_name(fdt, node, &name_len);

        if (depth >= MAX_DEPTH)
            return -FDT_ERR_BADSTRUCTURE;
        out->nodes++;
        out->checksum += (uint64_t)name_len + (name && name_len ? (uint8_t)name[0] : 0);
        /* Cell counts this node gives its children. */
        address_cells[depth] = cells_of(fdt, node, "#address-cells", 2);
        size_cells[depth] = cells_of(fdt, node, "#size-cells", 1);

        fdt_for_each_property_offset(prop, fdt, node) {
            const char *prop_name;
            int len, i;
            const uint8_t *value = fdt_getprop_by_offset(fdt, prop, &prop_name, &len);
            if (!value)
                continue;
            out->properties++;
            out->checksum += (uint64_t)len + (uint8_t)prop_name[0];
            for (i = 0; i < len; i++)
                out->checksum += value[i];
        }

        if (depth > 0) {
            int len;
            const fdt32_t *reg = fdt_getprop(fdt, node, "reg", &len);
            uint32_t na = address_cells[depth - 1], ns = size_cells[depth - 1];
            uint32_t entry = na + ns;
            if (reg && entry > 0 && len % (int)(entry * 4) == 0) {
                int count = len / (int)(entry * 4), e;
                for (e = 0; e < count; e++) {
                    uint64_t address = 0, length = 0;
                    uint32_t c;
                    for (c = 0; c < na; c++)
                        address = (address << 32) | fdt32_ld(&reg[e * entry + c]);
                    for (c = 0; c < ns; c++)
                        length = (length << 32) | fdt32_ld(&reg[e * entry + na + c]);
                    out->reg_entries++;
                    out->checksum += address ^ length;
                }
            }
        }
    }
    return 0;
}
