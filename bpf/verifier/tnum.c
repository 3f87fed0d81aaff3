/*
 * bpf/verifier/tnum.c - operations on tristate numbers (see tnum.h for what a tnum means).
 *
 * The bitwise operations follow from the definition bit by bit. Addition and subtraction are
 * the interesting ones: a carry out of an unknown bit makes every bit it can reach unknown.
 * tnum_add adds the two smallest members (the values) and the two largest (value + mask); a
 * bit where those sums differ, or that was unknown in either input, is unknown in the result.
 * Every member lies between those two sums, bit by bit, so this covers every carry chain.
 * Multiplication is shift-and-add over the bits of a: a known 1 adds b's unknown part, an
 * unknown bit adds all of b's possible bits; the known products are added once at the end.
 *
 * Read next: bpf/verifier/bounds.c.
 */
#include "bpf/verifier/tnum.h"

const struct tnum tnum_unknown = { .value = 0, .mask = ~0ull };

struct tnum tnum_range(u64 min, u64 max)
{
	u64 chi = min ^ max, delta;
	u8 bits = chi ? 64 - __builtin_clzll(chi) : 0;

	/* The highest bit where min and max differ, and everything under it, is unknown. */
	if (bits > 63)
		return tnum_unknown;
	delta = (1ull << bits) - 1;
	return TNUM(min & ~delta, delta);
}

struct tnum tnum_lshift(struct tnum a, u8 shift)
{
	return TNUM(a.value << shift, a.mask << shift);
}

struct tnum tnum_rshift(struct tnum a, u8 shift)
{
	return TNUM(a.value >> shift, a.mask >> shift);
}

struct tnum tnum_arshift(struct tnum a, u8 min_shift, u8 insn_bitness)
{
	/*
	 * Shifting value and mask arithmetically copies the sign bit into the vacated bits of
	 * both: a known sign stays known (1s in value, 0s in mask), an unknown one spreads.
	 */
	if (insn_bitness == 32)
		return TNUM((u32)((s32)(u32)a.value >> min_shift),
			    (u32)((s32)(u32)a.mask >> min_shift));
	return TNUM((u64)((s64)a.value >> min_shift), (u64)((s64)a.mask >> min_shift));
}

struct tnum tnum_add(struct tnum a, struct tnum b)
{
	u64 low = a.value + b.value;       /* the sum of the smallest members */
	u64 high = low + a.mask + b.mask;  /* the sum of the largest members */
	u64 unknown = (low ^ high) | a.mask | b.mask;

	return TNUM(low & ~unknown, unknown);
}

struct tnum tnum_sub(struct tnum a, struct tnum b)
{
	u64 diff = a.value - b.value;
	u64 high = diff + a.mask;  /* largest a minus smallest b */
	u64 low = diff - b.mask;   /* smallest a minus largest b */
	u64 unknown = (low ^ high) | a.mask | b.mask;

	return TNUM(diff & ~unknown, unknown);
}

struct tnum tnum_neg(struct tnum a)
{
	return tnum_sub(tnum_const(0), a);
}

struct tnum tnum_and(struct tnum a, struct tnum b)
{
	u64 may_a = a.value | a.mask, may_b = b.value | b.mask;
	u64 known_one = a.value & b.value;

	return TNUM(known_one, may_a & may_b & ~known_one);
}

struct tnum tnum_or(struct tnum a, struct tnum b)
{
	u64 known_one = a.value | b.value;

	return TNUM(known_one, (a.mask | b.mask) & ~known_one);
}

struct tnum tnum_xor(struct tnum a, struct tnum b)
{
	u64 unknown = a.mask | b.mask;

	return TNUM((a.value ^ b.value) & ~unknown, unknown);
}

struct tnum tnum_mul(struct tnum a, struct tnum b)
{
	u64 known = a.value * b.value;
	struct tnum partial = tnum_const(0);

	while (a.value || a.mask) {
		if (a.value & 1)
			partial = tnum_add(partial, TNUM(0, b.mask));
		else if (a.mask & 1)
			partial = tnum_add(partial, TNUM(0, b.value | b.mask));
		a = tnum_rshift(a, 1);
		b = tnum_lshift(b, 1);
	}
	return tnum_add(tnum_const(known), partial);
}

struct tnum tnum_intersect(struct tnum a, struct tnum b)
{
	u64 unknown = a.mask & b.mask;

	return TNUM((a.value | b.value) & ~unknown, unknown);
}

struct tnum tnum_union(struct tnum a, struct tnum b)
{
	u64 unknown = a.mask | b.mask | (a.value ^ b.value);

	return TNUM(a.value & b.value & ~unknown, unknown);
}

struct tnum tnum_cast(struct tnum a, u8 size)
{
	u64 keep;

	if (size >= 8)
		return a;
	keep = (1ull << (size * 8)) - 1;
	return TNUM(a.value & keep, a.mask & keep);
}

struct tnum tnum_sext(struct tnum a, u8 size)
{
	u8 shift;

	if (size >= 8)
		return a;
	shift = 64 - size * 8;
	return tnum_arshift(tnum_lshift(a, shift), shift, 64);
}

static u64 bswap_low(u64 v, u8 size)
{
	switch (size) {
	case 2:
		return __builtin_bswap16((u16)v);
	case 4:
		return __builtin_bswap32((u32)v);
	default:
		return __builtin_bswap64(v);
	}
}

struct tnum tnum_bswap(struct tnum a, u8 size)
{
	/* A byte swap only moves bits around, so known bits stay known. */
	return TNUM(bswap_low(a.value, size), bswap_low(a.mask, size));
}

bool tnum_is_aligned(struct tnum a, u64 size)
{
	if (!size)
		return true;
	return !((a.value | a.mask) & (size - 1));
}

bool tnum_in(struct tnum a, struct tnum b)
{
	if (b.mask & ~a.mask)
		return false;
	return a.value == (b.value & ~a.mask);
}

int tnum_strn(char *str, size_t size, struct tnum a)
{
	return snprintf(str, size, "(0x%llx; 0x%llx)", (unsigned long long)a.value,
			(unsigned long long)a.mask);
}
