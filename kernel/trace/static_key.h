/*
 * kernel/trace/static_key.h - branches that cost a 5-byte NOP while off.
 *
 *	if (static_branch_unlikely(&key))
 *		slow_path();
 *
 * compiles to a 5-byte NOP at the `if`, with slow_path out of line. static_key_enable rewrites
 * every such NOP of the key into a `jmp` to its slow path (through text_poke), and
 * static_key_disable writes the NOP back. Each site is recorded in the __jump_table section as
 * (site address, target address, key), the way Linux's jump labels are.
 */
#ifndef KERNEL_TRACE_STATIC_KEY_H
#define KERNEL_TRACE_STATIC_KEY_H

#include "kernel/types.h"

struct static_key {
	int enabled; /* a count: enable and disable nest */
};

struct jump_entry {
	u64 code;   /* the 5-byte site */
	u64 target; /* where the jmp goes */
	struct static_key *key;
};

#define STATIC_KEY_INIT { 0 }

static __always_inline bool arch_static_branch(struct static_key *key)
{
	asm goto("1: .byte 0x0f, 0x1f, 0x44, 0x00, 0x00\n\t" /* nopl 0x0(%%rax,%%rax,1) */
		 ".pushsection __jump_table, \"a\"\n\t"
		 ".balign 8\n\t"
		 ".quad 1b, %l[l_yes], %c0\n\t"
		 ".popsection\n\t"
		 :
		 : "i"(key)
		 :
		 : l_yes);
	return false;
l_yes:
	return true;
}

#define static_branch_unlikely(key) unlikely(arch_static_branch(key))

/* Turn the key on (the first enable patches every site) or off. Process context. */
void static_key_enable(struct static_key *key);
void static_key_disable(struct static_key *key);
static inline bool static_key_enabled(const struct static_key *key) { return key->enabled > 0; }

/* Number of sites of key, and the i-th one (for tests and tracefs). */
int static_key_sites(const struct static_key *key, u64 *sites, int max);

#endif
