/*
 * bpf/verifier/tnum.h - tristate numbers: what the verifier knows about the bits of a value.
 *
 * A tnum is a pair (value, mask). A bit set in mask is unknown: the value may have 0 or 1
 * there. A bit clear in mask is known and equals the bit in value; value never has a bit set
 * where mask has one. So {0x10, 0x03} stands for the four numbers 0x10, 0x11, 0x12, 0x13,
 * {5, 0} for exactly 5, and {0, ~0} for any 64-bit number.
 *
 * The operations below take tnums standing for sets A and B and return a tnum that contains
 * op(a, b) for every a in A and b in B. That is the only promise (soundness); how few extra
 * numbers the result admits (precision) varies by operation. tests/host/test_tnum.c checks
 * the promise exhaustively over every tnum of a few bit positions.
 *
 * Users: the scalar bounds (bpf/verifier/bounds.c) keep a tnum beside the signed and unsigned
 * ranges of each register; each sharpens the other. Read next: bpf/verifier/bounds.c.
 */
#ifndef BPF_VERIFIER_TNUM_H
#define BPF_VERIFIER_TNUM_H

#include "bpf/env.h"

struct tnum {
	u64 value;
	u64 mask;
};

#define TNUM(v, m) ((struct tnum){ .value = (v), .mask = (m) })

/* Exactly v. */
static inline struct tnum tnum_const(u64 v)
{
	return TNUM(v, 0);
}

/* Anything. */
extern const struct tnum tnum_unknown;

/* The smallest tnum of the form "common high bits, then unknown low bits" holding [min, max]. */
struct tnum tnum_range(u64 min, u64 max);

/* Shifts by a known amount; tnum_arshift shifts a value of insn_bitness 32 or 64 bits. */
struct tnum tnum_lshift(struct tnum a, u8 shift);
struct tnum tnum_rshift(struct tnum a, u8 shift);
struct tnum tnum_arshift(struct tnum a, u8 min_shift, u8 insn_bitness);

/* Arithmetic and bitwise operations, modulo 2^64. */
struct tnum tnum_add(struct tnum a, struct tnum b);
struct tnum tnum_sub(struct tnum a, struct tnum b);
struct tnum tnum_neg(struct tnum a);
struct tnum tnum_and(struct tnum a, struct tnum b);
struct tnum tnum_or(struct tnum a, struct tnum b);
struct tnum tnum_xor(struct tnum a, struct tnum b);
struct tnum tnum_mul(struct tnum a, struct tnum b);

/* Numbers in both a and b (a and b must have at least one number in common). */
struct tnum tnum_intersect(struct tnum a, struct tnum b);
/* Numbers in a or in b. */
struct tnum tnum_union(struct tnum a, struct tnum b);

/* The low size bytes (zero-extended), and the same sign-extended from size bytes. */
struct tnum tnum_cast(struct tnum a, u8 size);
struct tnum tnum_sext(struct tnum a, u8 size);
/* Reverse the order of the low size bytes (2, 4 or 8), clearing the bytes above them. */
struct tnum tnum_bswap(struct tnum a, u8 size);

/* Are all numbers of a multiples of size (a power of two)? */
bool tnum_is_aligned(struct tnum a, u64 size);
/* Is every number of b also a number of a? */
bool tnum_in(struct tnum a, struct tnum b);

/* Print as "(0x10; 0x3)", zero as "0x0" (Linux's format). Returns what snprintf returns. */
int tnum_strn(char *str, size_t size, struct tnum a);

static inline bool tnum_is_const(struct tnum a)
{
	return !a.mask;
}

static inline bool tnum_equals_const(struct tnum a, u64 b)
{
	return tnum_is_const(a) && a.value == b;
}

static inline bool tnum_is_unknown(struct tnum a)
{
	return !~a.mask;
}

/* The low 32 bits (the subregister a 32-bit operation sees), and the high 32 bits cleared. */
static inline struct tnum tnum_subreg(struct tnum a)
{
	return tnum_cast(a, 4);
}

static inline struct tnum tnum_clear_subreg(struct tnum a)
{
	return tnum_lshift(tnum_rshift(a, 32), 32);
}

/* a with its low 32 bits replaced by the low 32 bits of sub. */
static inline struct tnum tnum_with_subreg(struct tnum a, struct tnum sub)
{
	return tnum_or(tnum_clear_subreg(a), tnum_subreg(sub));
}

static inline struct tnum tnum_const_subreg(struct tnum a, u32 v)
{
	return tnum_with_subreg(a, tnum_const(v));
}

#endif /* BPF_VERIFIER_TNUM_H */
