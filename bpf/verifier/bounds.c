/*
 * bpf/verifier/bounds.c - what the verifier knows about a number, and arithmetic on it.
 *
 * A scalar register (and the variable part of a pointer's offset) is described five ways
 * at once: a tnum (which bits are known), the signed and unsigned 64-bit ranges
 * [smin, smax] and [umin, umax], and the same two ranges for its low 32 bits (what a 32-bit
 * instruction sees). Each view can teach the others something, and reg_bounds_sync makes
 * them agree:
 *
 *   tnum -> ranges   the smallest and largest numbers the known bits allow;
 *   ranges -> ranges a signed range that does not cross from negative to positive is also an
 *                    unsigned one, and the other way round; a 64-bit range whose numbers share
 *                    their upper 32 bits tells the 32-bit ranges, and 32-bit ranges narrow
 *                    the 64-bit ones at both ends;
 *   ranges -> tnum   [umin, umax] fixes the high bits the two ends share.
 *
 * ALU operations are computed on each view separately (alu_view), over a width of 32 or 64
 * bits. A range whose ends wrap around differently (one end overflows, the other not) says
 * nothing and becomes unbounded; a range whose ends both wrap by the same amount stays a
 * range. 32-bit operations compute the 32-bit views and zero-extend (zext_32_to_64); 64-bit
 * additions, subtractions, multiplications and bitwise operations also compute the 32-bit
 * views in parallel, since their low 32 bits depend only on the operands' low 32 bits.
 *
 * Every operation here must be sound: the result must describe every number the concrete
 * operation can produce from numbers the inputs describe. tests/host/test_tnum.c checks this
 * exhaustively over small abstract values.
 *
 * Read next: bpf/verifier/alu.c, which decides when these apply (scalars) and when pointer
 * rules apply.
 */
#include "bpf/verifier/verifier.h"

#define max_t(t, a, b) ((t)(a) > (t)(b) ? (t)(a) : (t)(b))
#define min_t(t, a, b) ((t)(a) < (t)(b) ? (t)(a) : (t)(b))

typedef __int128 s128;
typedef unsigned __int128 u128;

void mark_reg32_unbounded(struct bpf_reg_state *reg)
{
	reg->s32_min_value = S32_MIN;
	reg->s32_max_value = S32_MAX;
	reg->u32_min_value = 0;
	reg->u32_max_value = U32_MAX;
}

static void mark_reg64_unbounded(struct bpf_reg_state *reg)
{
	reg->smin_value = S64_MIN;
	reg->smax_value = S64_MAX;
	reg->umin_value = 0;
	reg->umax_value = U64_MAX;
}

void mark_reg_unbounded(struct bpf_reg_state *reg)
{
	mark_reg64_unbounded(reg);
	mark_reg32_unbounded(reg);
}

/* ---- keeping the views consistent ---- */

/* tnum -> ranges: the known bits bound the number from below and above. */
static void update_reg32_bounds(struct bpf_reg_state *reg)
{
	struct tnum t = tnum_subreg(reg->var_off);

	/* Smallest signed: an unknown sign bit set, other unknown bits clear; largest: the
	 * other way round. */
	reg->s32_min_value = max_t(s32, reg->s32_min_value, (s32)(u32)(t.value | (t.mask & 0x80000000u)));
	reg->s32_max_value = min_t(s32, reg->s32_max_value, (s32)(u32)(t.value | (t.mask & 0x7fffffffu)));
	reg->u32_min_value = max_t(u32, reg->u32_min_value, (u32)t.value);
	reg->u32_max_value = min_t(u32, reg->u32_max_value, (u32)(t.value | t.mask));
}

static void update_reg64_bounds(struct bpf_reg_state *reg)
{
	struct tnum t = reg->var_off;

	reg->smin_value = max_t(s64, reg->smin_value, (s64)(t.value | (t.mask & (1ull << 63))));
	reg->smax_value = min_t(s64, reg->smax_value, (s64)(t.value | (t.mask & ~(1ull << 63))));
	reg->umin_value = max_t(u64, reg->umin_value, t.value);
	reg->umax_value = min_t(u64, reg->umax_value, t.value | t.mask);
}

/* What the 64-bit range [lo, hi] (numbers as bit patterns) says about the low 32 bits. */
static void deduce32_from64(struct bpf_reg_state *reg, u64 lo, u64 hi)
{
	if ((lo >> 32) == (hi >> 32)) {
		/* Same upper half: the low halves run from (u32)lo to (u32)hi. */
		reg->u32_min_value = max_t(u32, reg->u32_min_value, (u32)lo);
		reg->u32_max_value = min_t(u32, reg->u32_max_value, (u32)hi);
		if ((s32)lo <= (s32)hi) {
			reg->s32_min_value = max_t(s32, reg->s32_min_value, (s32)lo);
			reg->s32_max_value = min_t(s32, reg->s32_max_value, (s32)hi);
		}
	} else if ((u32)(lo >> 32) + 1 == (u32)(hi >> 32) && (s32)lo < 0 && (s32)hi >= 0) {
		/*
		 * The upper half steps up by one while the low half goes from a negative s32 past
		 * U32_MAX to a small non-negative one: as s32, the low half runs from (s32)lo to
		 * -1 and then from 0 to (s32)hi, one signed range.
		 */
		reg->s32_min_value = max_t(s32, reg->s32_min_value, (s32)lo);
		reg->s32_max_value = min_t(s32, reg->s32_max_value, (s32)hi);
	}
}

static void deduce_bounds32(struct bpf_reg_state *reg)
{
	deduce32_from64(reg, reg->umin_value, reg->umax_value);
	deduce32_from64(reg, (u64)reg->smin_value, (u64)reg->smax_value);

	/* An unsigned range on one side of the sign boundary is also a signed one. */
	if ((s32)reg->u32_min_value <= (s32)reg->u32_max_value) {
		reg->s32_min_value = max_t(s32, reg->s32_min_value, reg->u32_min_value);
		reg->s32_max_value = min_t(s32, reg->s32_max_value, reg->u32_max_value);
	}
	if ((u32)reg->s32_min_value <= (u32)reg->s32_max_value) {
		/* A signed range of one sign is also an unsigned one. */
		reg->u32_min_value = max_t(u32, reg->u32_min_value, reg->s32_min_value);
		reg->u32_max_value = min_t(u32, reg->u32_max_value, reg->s32_max_value);
	} else if (reg->u32_max_value < (u32)reg->s32_min_value) {
		/*
		 * The signed range holds negatives and non-negatives; as unsigned numbers those are
		 * [s32_min, U32_MAX] and [0, s32_max]. The unsigned range ends below the first
		 * part, so the number is in the second: non-negative.
		 */
		reg->s32_min_value = max_t(s32, reg->s32_min_value, (s32)reg->u32_min_value);
		reg->u32_max_value = min_t(u32, reg->u32_max_value, reg->s32_max_value);
	} else if ((u32)reg->s32_max_value < reg->u32_min_value) {
		/* The unsigned range starts above the second part: the number is negative. */
		reg->s32_max_value = min_t(s32, reg->s32_max_value, (s32)reg->u32_max_value);
		reg->u32_min_value = max_t(u32, reg->u32_min_value, reg->s32_min_value);
	}
}

static void deduce_bounds64(struct bpf_reg_state *reg)
{
	/* The same reasoning as deduce_bounds32, on 64 bits. */
	if ((s64)reg->umin_value <= (s64)reg->umax_value) {
		reg->smin_value = max_t(s64, reg->smin_value, reg->umin_value);
		reg->smax_value = min_t(s64, reg->smax_value, reg->umax_value);
	}
	if ((u64)reg->smin_value <= (u64)reg->smax_value) {
		reg->umin_value = max_t(u64, reg->umin_value, reg->smin_value);
		reg->umax_value = min_t(u64, reg->umax_value, reg->smax_value);
	} else if (reg->umax_value < (u64)reg->smin_value) {
		reg->smin_value = max_t(s64, reg->smin_value, (s64)reg->umin_value);
		reg->umax_value = min_t(u64, reg->umax_value, reg->smax_value);
	} else if ((u64)reg->smax_value < reg->umin_value) {
		reg->smax_value = min_t(s64, reg->smax_value, (s64)reg->umax_value);
		reg->umin_value = max_t(u64, reg->umin_value, reg->smin_value);
	}
}

/* What the 32-bit ranges say about the 64-bit ones. */
static void deduce_bounds_mixed(struct bpf_reg_state *reg)
{
	/*
	 * Put the 32-bit bounds under the upper half of each 64-bit bound. A number at or above
	 * umin either has umin's upper half, and then its low half is at least u32_min, or a
	 * larger upper half: either way it is at least (umin's upper half | u32_min). The same
	 * holds for the other three ends.
	 */
	u64 new_umin = (reg->umin_value & ~0xffffffffull) | reg->u32_min_value;
	u64 new_umax = (reg->umax_value & ~0xffffffffull) | reg->u32_max_value;
	s64 new_smin = (s64)(((u64)reg->smin_value & ~0xffffffffull) | reg->u32_min_value);
	s64 new_smax = (s64)(((u64)reg->smax_value & ~0xffffffffull) | reg->u32_max_value);

	reg->umin_value = max_t(u64, reg->umin_value, new_umin);
	reg->umax_value = min_t(u64, reg->umax_value, new_umax);
	reg->smin_value = max_t(s64, reg->smin_value, new_smin);
	reg->smax_value = min_t(s64, reg->smax_value, new_smax);

	/* A 64-bit number in the s32 range is its own low half, sign-extended. */
	if (reg->smin_value >= S32_MIN && reg->smax_value <= S32_MAX) {
		reg->smin_value = max_t(s64, reg->smin_value, reg->s32_min_value);
		reg->smax_value = min_t(s64, reg->smax_value, reg->s32_max_value);
	}
}

/* ranges -> tnum. */
static void reg_bound_offset(struct bpf_reg_state *reg)
{
	struct tnum var64 = tnum_intersect(reg->var_off, tnum_range(reg->umin_value, reg->umax_value));
	struct tnum var32 = tnum_intersect(tnum_subreg(var64),
					   tnum_range(reg->u32_min_value, reg->u32_max_value));

	reg->var_off = tnum_or(tnum_clear_subreg(var64), var32);
}

void reg_bounds_sync(struct bpf_reg_state *reg)
{
	update_reg32_bounds(reg);
	update_reg64_bounds(reg);
	/* Twice: what one step learns can help an earlier one. */
	for (int i = 0; i < 2; i++) {
		deduce_bounds32(reg);
		deduce_bounds64(reg);
		deduce_bounds_mixed(reg);
	}
	reg_bound_offset(reg);
	update_reg32_bounds(reg);
	update_reg64_bounds(reg);
}

bool reg_bounds_valid(const struct bpf_reg_state *reg)
{
	const struct tnum t = reg->var_off;

	return reg->umin_value <= reg->umax_value && reg->smin_value <= reg->smax_value &&
	       reg->u32_min_value <= reg->u32_max_value &&
	       reg->s32_min_value <= reg->s32_max_value && !(t.value & t.mask) &&
	       t.value <= reg->umax_value && (t.value | t.mask) >= reg->umin_value;
}

void reg_bounds_from_var_off(struct bpf_reg_state *reg)
{
	mark_reg_unbounded(reg);
	reg_bounds_sync(reg);
}

/* ---- width changes ---- */

void zext_32_to_64(struct bpf_reg_state *reg)
{
	reg->var_off = tnum_subreg(reg->var_off);
	reg->umin_value = reg->u32_min_value;
	reg->umax_value = reg->u32_max_value;
	reg->smin_value = reg->u32_min_value;
	reg->smax_value = reg->u32_max_value;
	reg_bounds_sync(reg);
}

void coerce_reg_to_size(struct bpf_reg_state *reg, int size)
{
	u64 mask;

	if (size >= 8)
		return;
	if (size == 4) {
		/* The low 32 bits are kept as they are: the 32-bit views stay true. */
		zext_32_to_64(reg);
		return;
	}
	mask = (1ull << (size * 8)) - 1;
	reg->var_off = tnum_cast(reg->var_off, (u8)size);
	if ((reg->umin_value & ~mask) == (reg->umax_value & ~mask)) {
		reg->umin_value &= mask;
		reg->umax_value &= mask;
	} else {
		reg->umin_value = 0;
		reg->umax_value = mask;
	}
	reg->smin_value = (s64)reg->umin_value;
	reg->smax_value = (s64)reg->umax_value;
	reg->u32_min_value = (u32)reg->umin_value;
	reg->u32_max_value = (u32)reg->umax_value;
	reg->s32_min_value = (s32)reg->umin_value;
	reg->s32_max_value = (s32)reg->umax_value;
	reg_bounds_sync(reg);
}

static s64 sext_bits(u64 v, u32 bits)
{
	u32 shift = 64 - bits;

	return (s64)(v << shift) >> shift;
}

void coerce_reg_to_size_sx(struct bpf_reg_state *reg, int size)
{
	u32 bits = size * 8;
	u64 half = 1ull << (bits - 1), mask = (1ull << bits) - 1;
	u64 lo_u = reg->umin_value & mask, hi_u = reg->umax_value & mask;
	s64 lo, hi;

	if (size >= 8)
		return;
	if (reg->smin_value >= -(s64)half && reg->smax_value <= (s64)(half - 1)) {
		/* Every number already is the sign extension of its low bits. */
		lo = reg->smin_value;
		hi = reg->smax_value;
	} else if ((reg->umin_value & ~mask) == (reg->umax_value & ~mask) &&
		   (lo_u < half) == (hi_u < half)) {
		/* The low bits run over a range on one side of their sign bit. */
		lo = sext_bits(lo_u, bits);
		hi = sext_bits(hi_u, bits);
	} else {
		lo = -(s64)half;
		hi = (s64)(half - 1);
	}
	reg->var_off = tnum_sext(reg->var_off, (u8)size);
	reg->smin_value = lo;
	reg->smax_value = hi;
	reg->umin_value = 0;
	reg->umax_value = U64_MAX;
	if (size < 4) {
		/* Bits 8-31 (or 16-31) changed: the old 32-bit views no longer hold. */
		reg->s32_min_value = (s32)lo;
		reg->s32_max_value = (s32)hi;
		reg->u32_min_value = 0;
		reg->u32_max_value = U32_MAX;
	}
	reg_bounds_sync(reg);
}

void coerce_subreg_to_size_sx(struct bpf_reg_state *reg, int size)
{
	struct bpf_reg_state tmp = *reg;

	/* Sign-extend to 64 bits: the low 32 bits are the 32-bit sign extension... */
	coerce_reg_to_size_sx(&tmp, size);
	reg->var_off = tmp.var_off;
	reg->s32_min_value = tmp.s32_min_value;
	reg->s32_max_value = tmp.s32_max_value;
	reg->u32_min_value = tmp.u32_min_value;
	reg->u32_max_value = tmp.u32_max_value;
	/* ...which a 32-bit operation zero-extends. */
	zext_32_to_64(reg);
}

/* ---- arithmetic on one view ---- */

/* One view of a number: its bits and its ranges over width (32 or 64) bits. */
struct view {
	u64 umin, umax;
	s64 smin, smax;
	struct tnum t;
};

static struct view view64(const struct bpf_reg_state *reg)
{
	return (struct view){ reg->umin_value, reg->umax_value, reg->smin_value, reg->smax_value,
			      reg->var_off };
}

static struct view view32(const struct bpf_reg_state *reg)
{
	return (struct view){ reg->u32_min_value, reg->u32_max_value, reg->s32_min_value,
			      reg->s32_max_value, tnum_subreg(reg->var_off) };
}

static u64 umax_of(u32 width)
{
	return width == 64 ? U64_MAX : U32_MAX;
}

static s64 smin_of(u32 width)
{
	return width == 64 ? S64_MIN : S32_MIN;
}

static s64 smax_of(u32 width)
{
	return width == 64 ? S64_MAX : S32_MAX;
}

static struct view view_unbounded(u32 width)
{
	return (struct view){ 0, umax_of(width), smin_of(width), smax_of(width),
			      tnum_cast(tnum_unknown, width / 8) };
}

static struct view view_const(u64 v, u32 width)
{
	v &= umax_of(width);
	return (struct view){ v, v, sext_bits(v, width), sext_bits(v, width), tnum_const(v) };
}

static bool view_is_const(const struct view *v)
{
	return tnum_is_const(v->t);
}

/*
 * An unsigned range [l, h] computed exactly (in 128 bits) becomes [l, h] modulo 2^width when
 * both ends wrap the same number of times: every number between them then wraps that many
 * times too. Otherwise nothing is known.
 */
static void set_urange(struct view *r, u128 l, u128 h, u32 width)
{
	if ((l >> width) != (h >> width))
		return;
	r->umin = (u64)l & umax_of(width);
	r->umax = (u64)h & umax_of(width);
}

/* The same for a signed range, whose wrap points are at 2^(width-1) + k * 2^width. */
static void set_srange(struct view *r, s128 l, s128 h, u32 width)
{
	s128 bias = (s128)1 << (width - 1);

	if (((l + bias) >> width) != ((h + bias) >> width))
		return;
	r->smin = sext_bits((u64)l, width);
	r->smax = sext_bits((u64)h, width);
}

static s128 min4(s128 a, s128 b, s128 c, s128 d)
{
	s128 m = a < b ? a : b;

	m = m < c ? m : c;
	return m < d ? m : d;
}

static s128 max4(s128 a, s128 b, s128 c, s128 d)
{
	s128 m = a > b ? a : b;

	m = m > c ? m : c;
	return m > d ? m : d;
}

static void view_neg(struct view *r, const struct view *a, u32 width)
{
	r->t = tnum_cast(tnum_neg(a->t), width / 8);
	if (a->smin != smin_of(width)) {
		r->smin = -a->smax;
		r->smax = -a->smin;
	}
	if (a->umin > 0) {
		/* -x is 2^width - x for x > 0: the order reverses. */
		r->umin = (umax_of(width) - a->umax + 1) & umax_of(width);
		r->umax = (umax_of(width) - a->umin + 1) & umax_of(width);
	} else if (a->umax == 0) {
		*r = view_const(0, width);
	}
}

static void view_div(struct view *r, const struct view *a, const struct view *b, u32 width)
{
	if (view_is_const(b) && !b->t.value) {
		*r = view_const(0, width); /* division by zero gives 0 */
		return;
	}
	if (b->umin > 0) {
		r->umin = a->umin / b->umax;
		r->umax = a->umax / b->umin;
	} else {
		r->umin = 0; /* x / 0 is 0, and x / y is at most x */
		r->umax = a->umax;
	}
}

static void view_mod(struct view *r, const struct view *a, const struct view *b, u32 width)
{
	if ((view_is_const(b) && !b->t.value) || a->umax < b->umin) {
		*r = *a; /* x % 0 is x, and so is x % y for y > x */
		return;
	}
	r->umin = 0;
	r->umax = b->umin > 0 && b->umax - 1 < a->umax ? b->umax - 1 : a->umax;
}

static void view_sdiv(struct view *r, const struct view *a, const struct view *b, u32 width)
{
	s64 c;

	if (view_is_const(b)) {
		c = sext_bits(b->t.value, width);
		if (!c) {
			*r = view_const(0, width);
		} else if (c == -1) {
			view_neg(r, a, width);
		} else if (c > 0) {
			r->smin = a->smin / c; /* truncation toward zero keeps the order */
			r->smax = a->smax / c;
		} else {
			r->smin = a->smax / c; /* a negative divisor reverses it */
			r->smax = a->smin / c;
		}
		return;
	}
	/* |x / y| <= |x|, except for the one overflow, smin / -1. */
	if (a->smin != smin_of(width)) {
		s64 m = -a->smin > a->smax ? -a->smin : a->smax;

		r->smin = -m;
		r->smax = m;
	}
}

static void view_smod(struct view *r, const struct view *a, const struct view *b, u32 width)
{
	/* The remainder has the dividend's sign and is no larger than it; x % 0 is x. */
	r->smin = a->smin < 0 ? a->smin : 0;
	r->smax = a->smax > 0 ? a->smax : 0;
	if (view_is_const(b)) {
		s64 c = sext_bits(b->t.value, width);
		u64 bound;

		if (!c) {
			*r = *a;
			return;
		}
		/* |x % c| <= |c| - 1 (computed unsigned: |smin| does not fit in s64). */
		bound = (c < 0 ? -(u64)c : (u64)c) - 1;
		if ((u64)r->smax > bound)
			r->smax = (s64)bound;
		if (r->smin < 0 && -(u64)r->smin > bound)
			r->smin = -(s64)bound;
	}
}

/* Shifts by a known amount sh < width. r is unbounded on entry. */
static void view_shift(struct view *r, const struct view *a, u8 op, u32 sh, u32 width,
		       const struct bpf_reg_state *reg)
{
	if (!sh) {
		*r = *a;
		return;
	}
	switch (op) {
	case BPF_LSH:
		r->t = tnum_cast(tnum_lshift(a->t, (u8)sh), width / 8);
		if (!(a->umax >> (width - sh))) {
			r->umin = a->umin << sh;
			r->umax = a->umax << sh;
		}
		if (a->smin >= (smin_of(width) >> sh) && a->smax <= (smax_of(width) >> sh)) {
			r->smin = (s64)((u64)a->smin << sh);
			r->smax = (s64)((u64)a->smax << sh);
		} else if (width == 64 && sh == 32 && reg) {
			/* x << 32 is exactly the low half moved up: its sign is the low half's. */
			r->smin = (s64)reg->s32_min_value * (1ll << 32);
			r->smax = (s64)reg->s32_max_value * (1ll << 32);
		}
		break;
	case BPF_RSH:
		r->t = tnum_rshift(a->t, (u8)sh);
		r->umin = a->umin >> sh;
		r->umax = a->umax >> sh;
		break;
	default: /* BPF_ARSH */
		r->t = tnum_cast(tnum_arshift(a->t, (u8)sh, (u8)width), width / 8);
		r->smin = a->smin >> sh;
		r->smax = a->smax >> sh;
		break;
	}
}

/*
 * dst op src on one view of width bits. sign selects sdiv/smod. dst_reg is the register the
 * view comes from (a 64-bit left shift by 32 reads its 32-bit view).
 */
static struct view alu_view(const struct view *a, const struct view *b, u8 op, bool sign,
			    u32 width, const struct bpf_reg_state *dst_reg)
{
	struct view r = view_unbounded(width);
	u8 bytes = width / 8;

	switch (op) {
	case BPF_ADD:
		r.t = tnum_cast(tnum_add(a->t, b->t), bytes);
		set_urange(&r, (u128)a->umin + b->umin, (u128)a->umax + b->umax, width);
		set_srange(&r, (s128)a->smin + b->smin, (s128)a->smax + b->smax, width);
		break;
	case BPF_SUB:
		r.t = tnum_cast(tnum_sub(a->t, b->t), bytes);
		set_urange(&r, (s128)a->umin - (s128)b->umax + ((s128)1 << 64),
			   (s128)a->umax - (s128)b->umin + ((s128)1 << 64), width);
		set_srange(&r, (s128)a->smin - b->smax, (s128)a->smax - b->smin, width);
		break;
	case BPF_MUL:
		r.t = tnum_cast(tnum_mul(a->t, b->t), bytes);
		set_urange(&r, (u128)a->umin * b->umin, (u128)a->umax * b->umax, width);
		set_srange(&r,
			   min4((s128)a->smin * b->smin, (s128)a->smin * b->smax,
				(s128)a->smax * b->smin, (s128)a->smax * b->smax),
			   max4((s128)a->smin * b->smin, (s128)a->smin * b->smax,
				(s128)a->smax * b->smin, (s128)a->smax * b->smax),
			   width);
		break;
	case BPF_AND:
		r.t = tnum_and(a->t, b->t);
		r.umax = min_t(u64, a->umax, b->umax);
		/* x & y is between 0 and y when y >= 0, whatever x is. */
		if (a->smin >= 0 && b->smin >= 0) {
			r.smin = 0;
			r.smax = min_t(s64, a->smax, b->smax);
		} else if (a->smin >= 0 || b->smin >= 0) {
			r.smin = 0;
			r.smax = a->smin >= 0 ? a->smax : b->smax;
		}
		break;
	case BPF_OR:
		r.t = tnum_or(a->t, b->t);
		r.umin = max_t(u64, a->umin, b->umin);
		if (a->smin >= 0 && b->smin >= 0)
			r.smin = max_t(s64, a->smin, b->smin);
		break;
	case BPF_XOR:
		r.t = tnum_xor(a->t, b->t);
		if (a->smin >= 0 && b->smin >= 0)
			r.smin = 0;
		break;
	case BPF_LSH:
	case BPF_RSH:
	case BPF_ARSH:
		if (view_is_const(b) && b->t.value < width)
			view_shift(&r, a, op, (u32)b->t.value, width,
				   width == 64 && op == BPF_LSH ? dst_reg : NULL);
		break;
	case BPF_DIV:
		if (sign)
			view_sdiv(&r, a, b, width);
		else
			view_div(&r, a, b, width);
		break;
	case BPF_MOD:
		if (sign)
			view_smod(&r, a, b, width);
		else
			view_mod(&r, a, b, width);
		break;
	case BPF_NEG:
		view_neg(&r, a, width);
		break;
	}
	return r;
}

static void set_view64(struct bpf_reg_state *reg, const struct view *v)
{
	reg->umin_value = v->umin;
	reg->umax_value = v->umax;
	reg->smin_value = v->smin;
	reg->smax_value = v->smax;
	reg->var_off = v->t;
}

static void set_view32(struct bpf_reg_state *reg, const struct view *v)
{
	reg->u32_min_value = (u32)v->umin;
	reg->u32_max_value = (u32)v->umax;
	reg->s32_min_value = (s32)v->smin;
	reg->s32_max_value = (s32)v->smax;
	reg->var_off = tnum_with_subreg(reg->var_off, v->t);
}

/* Operations whose low 32 bits depend only on the low 32 bits of the operands. */
static bool low_bits_local(u8 op)
{
	return op == BPF_ADD || op == BPF_SUB || op == BPF_MUL || op == BPF_AND || op == BPF_OR ||
	       op == BPF_XOR || op == BPF_NEG;
}

void scalar_alu(struct bpf_reg_state *dst, const struct bpf_reg_state *src, u8 opcode,
		bool alu32)
{
	u8 op = opcode & 0xf0;
	bool sign = opcode & 0x01; /* sdiv, smod: the caller passes BPF_OP | 1 */
	struct view a32 = view32(dst), b32 = view32(src), r32;
	struct view a64, b64, r64;

	if (alu32) {
		r32 = alu_view(&a32, &b32, op, sign, 32, dst);
		set_view32(dst, &r32);
		zext_32_to_64(dst);
		return;
	}
	a64 = view64(dst);
	b64 = view64(src);
	r64 = alu_view(&a64, &b64, op, sign, 64, dst);
	r32 = low_bits_local(op) ? alu_view(&a32, &b32, op, sign, 32, dst) : view_unbounded(32);
	set_view64(dst, &r64);
	set_view32(dst, &r32);
	/* set_view32 put r32's bits in; r64's own low bits are at least as good (intersect). */
	dst->var_off = tnum_intersect(r64.t, dst->var_off);
	reg_bounds_sync(dst);
}

void scalar_neg(struct bpf_reg_state *dst, bool alu32)
{
	scalar_alu(dst, dst, BPF_NEG, alu32);
}

void scalar_bswap(struct bpf_reg_state *dst, u32 bits, bool to_be, bool alu64)
{
	bool swap = alu64 || to_be;

#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	if (!alu64)
		swap = !to_be;
#endif
	if (!swap) {
		/* Conversion to the host's own order: only truncation. */
		coerce_reg_to_size(dst, (int)(bits / 8));
		return;
	}
	/* A byte swap moves known bits to known places; the ranges follow from the bits. */
	dst->var_off = tnum_bswap(dst->var_off, (u8)(bits / 8));
	mark_reg_unbounded(dst);
	reg_bounds_sync(dst);
}
