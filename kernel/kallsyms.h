/*
 * kernel/kallsyms.h - the kernel's own symbol table, generated at build time
 * (kernel/kallsyms.sh) and linked into the image: lookups by name and by address.
 */
#ifndef KERNEL_KALLSYMS_H
#define KERNEL_KALLSYMS_H

#include "kernel/types.h"

/* Address of a symbol, or 0 if there is none of that name. */
u64 kallsyms_lookup_name(const char *name);
/*
 * The symbol containing addr: its name, and through size/offset its length and addr's offset
 * into it. NULL if addr is in no known symbol.
 */
const char *kallsyms_lookup(u64 addr, u64 *size, u64 *offset);
/* Format addr as "name+0x1a/0x80" (or the bare hex address) into buf. */
void kallsyms_format(u64 addr, char *buf, size_t size);
/* Number of symbols, and the i-th in address order (name, address, size, nm type letter). */
u64 kallsyms_count(void);
void kallsyms_get(u64 i, const char **name, u64 *addr, u64 *size, char *type);

#endif
