/*
 * kernel/trace/static_key.c - patching the sites of a static key.
 *
 * Disabled, a site holds the 5-byte NOP the compiler emitted. Enabled, it holds
 * `e9 <rel32>`: jmp to the slow path, rel32 counted from the end of the 5 bytes.
 */
#include "kernel/trace/static_key.h"
#include "kernel/arch/x86/text_poke.h"
#include "kernel/printk.h"
#include "kernel/lib/string.h"

extern const struct jump_entry __jump_table_start[], __jump_table_end[];

static void patch_sites(struct static_key *key, bool jump)
{
	for (const struct jump_entry *e = __jump_table_start; e < __jump_table_end; e++) {
		u8 insn[5];

		if (e->key != key)
			continue;
		if (jump) {
			s32 rel = (s32)(e->target - (e->code + 5));

			insn[0] = 0xe9; /* jmp rel32 */
			memcpy(&insn[1], &rel, 4);
		} else {
			memcpy(insn, x86_nop5, 5);
		}
		if (text_poke((void *)e->code, insn, 5))
			panic("static_key: cannot patch the site at %pS", (void *)e->code);
	}
}

void static_key_enable(struct static_key *key)
{
	if (key->enabled++ == 0)
		patch_sites(key, true);
}

void static_key_disable(struct static_key *key)
{
	if (WARN_ON(key->enabled <= 0))
		return;
	if (--key->enabled == 0)
		patch_sites(key, false);
}

int static_key_sites(const struct static_key *key, u64 *sites, int max)
{
	int n = 0;

	for (const struct jump_entry *e = __jump_table_start; e < __jump_table_end; e++)
		if (e->key == key && n < max)
			sites[n++] = e->code;
	return n;
}
