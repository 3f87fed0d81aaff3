/*
 * tests/host/test_tnum.c - the verifier's arithmetic is sound: exhaustively, over every pair
 * of abstract values of a small width.
 *
 * An abstract value describes a set of numbers; an operation on abstract values must describe
 * every number the concrete operation gives on members of its inputs. Checked here by brute
 * force:
 *   - tnums: every tnum of 4 bits (81 of them: each bit 0, 1 or unknown), placed over
 *     "backgrounds" that put the sign, the 32-bit boundary and carries into play; every pair,
 *     every member of each, for each tnum operation; and every shift amount;
 *   - scalar registers (bounds.c): the abstract value of every non-empty subset of a window of
 *     5 consecutive numbers, for windows across 0, 2^31, 2^32, 2^63 and 2^64, and of every
 *     3-bit tnum over the same backgrounds; every pair through every ALU operation, 64- and
 *     32-bit, every branch
 *     (is_branch_taken must be right when it decides, and both sides of reg_set_min_max must
 *     keep every number that takes that side), every sign extension, truncation and swap.
 * The concrete operations are written here from RFC 9669, independently of the interpreter.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "bpf/verifier/verifier.h"

/* ---- concrete semantics (RFC 9669) ---- */

static u64 concrete_alu(u8 op, bool sign, bool alu32, u64 x, u64 y)
{
	u32 bits = alu32 ? 32 : 64;
	u64 mask = alu32 ? U32_MAX : U64_MAX;
	s64 sx = alu32 ? (s64)(s32)(u32)x : (s64)x, sy = alu32 ? (s64)(s32)(u32)y : (s64)y;
	s64 smin = alu32 ? S32_MIN : S64_MIN;
	u64 r;

	x &= mask;
	y &= mask;
	switch (op) {
	case BPF_ADD: r = x + y; break;
	case BPF_SUB: r = x - y; break;
	case BPF_MUL: r = x * y; break;
	case BPF_OR: r = x | y; break;
	case BPF_AND: r = x & y; break;
	case BPF_XOR: r = x ^ y; break;
	case BPF_LSH: r = x << (y & (bits - 1)); break;
	case BPF_RSH: r = x >> (y & (bits - 1)); break;
	case BPF_ARSH:
		r = alu32 ? (u64)(u32)((s32)(u32)x >> (y & 31)) : (u64)((s64)x >> (y & 63));
		break;
	case BPF_NEG: r = -x; break;
	case BPF_DIV:
		if (!sign)
			r = y ? x / y : 0;
		else if (!sy)
			r = 0;
		else if (sx == smin && sy == -1)
			r = (u64)sx;
		else
			r = (u64)(sx / sy);
		break;
	default: /* BPF_MOD */
		if (!sign)
			r = y ? x % y : x;
		else if (!sy)
			r = x;
		else if (sy == -1)
			r = 0;
		else
			r = (u64)(sx % sy);
		break;
	}
	return r & mask;
}

/* ---- abstract values ---- */

static bool contains(const struct bpf_reg_state *r, u64 x)
{
	return tnum_in(r->var_off, tnum_const(x)) && r->umin_value <= x && x <= r->umax_value &&
	       r->smin_value <= (s64)x && (s64)x <= r->smax_value &&
	       r->u32_min_value <= (u32)x && (u32)x <= r->u32_max_value &&
	       r->s32_min_value <= (s32)x && (s32)x <= r->s32_max_value;
}

/* An abstract value and the numbers it was made from (all of which it must contain). */
struct absval {
	struct bpf_reg_state reg;
	u64 members[16];
	u32 n;
};

/* The tightest register for a set of numbers. */
static void abs_from_set(struct absval *a, const u64 *xs, u32 n)
{
	struct bpf_reg_state *r = &a->reg;

	memset(a, 0, sizeof(*a));
	r->type = SCALAR_VALUE;
	r->var_off = tnum_const(xs[0]);
	r->umin_value = r->umax_value = xs[0];
	r->smin_value = r->smax_value = (s64)xs[0];
	r->u32_min_value = r->u32_max_value = (u32)xs[0];
	r->s32_min_value = r->s32_max_value = (s32)xs[0];
	for (u32 i = 0; i < n; i++) {
		u64 x = xs[i];

		r->var_off = tnum_union(r->var_off, tnum_const(x));
		r->umin_value = x < r->umin_value ? x : r->umin_value;
		r->umax_value = x > r->umax_value ? x : r->umax_value;
		r->smin_value = (s64)x < r->smin_value ? (s64)x : r->smin_value;
		r->smax_value = (s64)x > r->smax_value ? (s64)x : r->smax_value;
		r->u32_min_value = (u32)x < r->u32_min_value ? (u32)x : r->u32_min_value;
		r->u32_max_value = (u32)x > r->u32_max_value ? (u32)x : r->u32_max_value;
		r->s32_min_value = (s32)x < r->s32_min_value ? (s32)x : r->s32_min_value;
		r->s32_max_value = (s32)x > r->s32_max_value ? (s32)x : r->s32_max_value;
		a->members[a->n++] = x;
	}
	reg_bounds_sync(r);
}

/* A register known only by its bits, with all the numbers the bits allow (at most 16). */
static void abs_from_tnum(struct absval *a, struct tnum t)
{
	memset(a, 0, sizeof(*a));
	a->reg.type = SCALAR_VALUE;
	a->reg.var_off = t;
	reg_bounds_from_var_off(&a->reg);
	/* Enumerate the members: each subset of the unknown bits. */
	for (u64 sub = t.mask;; sub = (sub - 1) & t.mask) {
		a->members[a->n++] = t.value | sub;
		if (!sub)
			break;
	}
}

static const u64 backgrounds[] = {
	0, 0xfffffffffffffff0ull, 0x7ffffff0ull, 0xfffffff0ull, 0x7ffffffffffffff0ull,
	0x8000000000000000ull, 0x80000000ull, 0x100000000ull,
};
static const u64 windows[] = {
	0, (u64)-2, 0x7ffffffe, 0xfffffffe, 0x7ffffffffffffffe, (u64)-5, 0x80000000, 5,
};
#define WINDOW 5

static struct absval *values; /* 4-bit tnums, for the tnum operations */
static u32 nvalues;
static struct absval *regs;   /* 3-bit tnums and windows, for the register operations */
static u32 nregs;

/* Every tnum of `bits` bits: each bit 0, 1 or unknown, over each background. */
static void add_tnums(struct absval *out, u32 *n, u32 bits)
{
	u32 count = 1;

	for (u32 i = 0; i < bits; i++)
		count *= 3;
	for (u32 b = 0; b < ARRAY_SIZE(backgrounds); b++) {
		for (u32 code = 0; code < count; code++) {
			u64 v = 0, m = 0;
			u32 c = code;

			for (u32 bit = 0; bit < bits; bit++, c /= 3) {
				if (c % 3 == 1)
					v |= 1ull << bit;
				else if (c % 3 == 2)
					m |= 1ull << bit;
			}
			abs_from_tnum(&out[(*n)++], TNUM(backgrounds[b] | v, m));
		}
	}
}

static int build_values(void **state)
{
	(void)state;
	values = calloc(81 * ARRAY_SIZE(backgrounds), sizeof(*values));
	regs = calloc(27 * ARRAY_SIZE(backgrounds) + ((1u << WINDOW) - 1) * ARRAY_SIZE(windows),
		      sizeof(*regs));
	nvalues = nregs = 0;
	add_tnums(values, &nvalues, 4);
	add_tnums(regs, &nregs, 3);
	for (u32 w = 0; w < ARRAY_SIZE(windows); w++) {
		for (u32 set = 1; set < (1u << WINDOW); set++) {
			u64 xs[WINDOW];
			u32 n = 0;

			for (u32 i = 0; i < WINDOW; i++)
				if (set & (1u << i))
					xs[n++] = windows[w] + i;
			abs_from_set(&regs[nregs++], xs, n);
		}
	}
	/* Every value contains what it was made from. */
	for (u32 i = 0; i < nregs; i++)
		for (u32 k = 0; k < regs[i].n; k++)
			assert_true(contains(&regs[i].reg, regs[i].members[k]));
	return 0;
}

static int free_values(void **state)
{
	(void)state;
	free(values);
	free(regs);
	return 0;
}

static void fail_value(const char *what, const struct bpf_reg_state *r, u64 x, u64 y, u64 res)
{
	fprintf(stderr, "%s: x=%#llx y=%#llx gives %#llx, not in var_off=(%#llx; %#llx) "
		"u=[%#llx, %#llx] s=[%lld, %lld] u32=[%#x, %#x] s32=[%d, %d]\n", what,
		(unsigned long long)x, (unsigned long long)y, (unsigned long long)res,
		(unsigned long long)r->var_off.value, (unsigned long long)r->var_off.mask,
		(unsigned long long)r->umin_value, (unsigned long long)r->umax_value,
		(long long)r->smin_value, (long long)r->smax_value, r->u32_min_value,
		r->u32_max_value, r->s32_min_value, r->s32_max_value);
	fail();
}

/* ---- tnums ---- */

static void test_tnum_binary_ops(void **state)
{
	static const struct {
		const char *name;
		struct tnum (*op)(struct tnum, struct tnum);
		u8 alu;
	} ops[] = {
		{ "add", tnum_add, BPF_ADD }, { "sub", tnum_sub, BPF_SUB }, { "mul", tnum_mul, BPF_MUL },
		{ "and", tnum_and, BPF_AND }, { "or", tnum_or, BPF_OR },    { "xor", tnum_xor, BPF_XOR },
	};
	u32 tnums = nvalues;
	u64 checks = 0;

	for (u32 o = 0; o < ARRAY_SIZE(ops); o++) {
		for (u32 i = 0; i < tnums; i++) {
			for (u32 j = 0; j < tnums; j++) {
				const struct absval *a = &values[i], *b = &values[j];
				struct tnum r = ops[o].op(a->reg.var_off, b->reg.var_off);

				for (u32 p = 0; p < a->n; p++) {
					for (u32 q = 0; q < b->n; q++) {
						u64 x = a->members[p], y = b->members[q];
						u64 res = concrete_alu(ops[o].alu, false, false, x, y);

						if (!tnum_in(r, tnum_const(res))) {
							fprintf(stderr, "tnum_%s: %#llx, %#llx\n",
								ops[o].name, (unsigned long long)x,
								(unsigned long long)y);
							fail();
						}
						checks++;
					}
				}
			}
		}
	}
	assert_true(checks > 1000000);
}

static void test_tnum_unary_ops(void **state)
{
	for (u32 i = 0; i < nvalues; i++) {
		const struct absval *a = &values[i];
		struct tnum t = a->reg.var_off;

		for (u32 p = 0; p < a->n; p++) {
			u64 x = a->members[p];

			assert_true(tnum_in(tnum_neg(t), tnum_const(-x)));
			for (u8 sh = 0; sh < 64; sh++) {
				assert_true(tnum_in(tnum_lshift(t, sh), tnum_const(x << sh)));
				assert_true(tnum_in(tnum_rshift(t, sh), tnum_const(x >> sh)));
				assert_true(tnum_in(tnum_arshift(t, sh, 64),
						    tnum_const((u64)((s64)x >> sh))));
				if (sh < 32)
					assert_true(tnum_in(tnum_arshift(tnum_subreg(t), sh, 32),
							    tnum_const((u32)((s32)(u32)x >> sh))));
			}
			assert_true(tnum_in(tnum_cast(t, 1), tnum_const((u8)x)));
			assert_true(tnum_in(tnum_cast(t, 2), tnum_const((u16)x)));
			assert_true(tnum_in(tnum_cast(t, 4), tnum_const((u32)x)));
			assert_true(tnum_in(tnum_sext(t, 1), tnum_const((u64)(s64)(s8)x)));
			assert_true(tnum_in(tnum_sext(t, 2), tnum_const((u64)(s64)(s16)x)));
			assert_true(tnum_in(tnum_sext(t, 4), tnum_const((u64)(s64)(s32)x)));
			assert_true(tnum_in(tnum_bswap(t, 2), tnum_const(__builtin_bswap16((u16)x))));
			assert_true(tnum_in(tnum_bswap(t, 4), tnum_const(__builtin_bswap32((u32)x))));
			assert_true(tnum_in(tnum_bswap(t, 8), tnum_const(__builtin_bswap64(x))));
		}
	}
}

/* tnum_range holds its range; tnum_intersect and tnum_union hold what they must. */
static void test_tnum_range_intersect_union(void **state)
{
	for (u64 lo = 0; lo < 40; lo++) {
		for (u64 hi = lo; hi < 40; hi++) {
			struct tnum t = tnum_range(lo, hi);

			for (u64 x = lo; x <= hi; x++)
				assert_true(tnum_in(t, tnum_const(x)));
			t = tnum_range((u64)-20 + lo, (u64)-20 + hi);
			for (u64 x = lo; x <= hi; x++)
				assert_true(tnum_in(t, tnum_const((u64)-20 + x)));
		}
	}
	for (u32 i = 0; i < 81 * 2; i++) {
		for (u32 j = 0; j < 81 * 2; j++) {
			const struct absval *a = &values[i], *b = &values[j];
			struct tnum u = tnum_union(a->reg.var_off, b->reg.var_off);
			struct tnum x = tnum_intersect(a->reg.var_off, b->reg.var_off);

			for (u32 p = 0; p < a->n; p++) {
				assert_true(tnum_in(u, tnum_const(a->members[p])));
				/* A number in both is in the intersection. */
				if (tnum_in(b->reg.var_off, tnum_const(a->members[p])))
					assert_true(tnum_in(x, tnum_const(a->members[p])));
			}
			for (u32 q = 0; q < b->n; q++)
				assert_true(tnum_in(u, tnum_const(b->members[q])));
		}
	}
}

/* ---- scalar registers ---- */

static void check_alu(u8 op, bool sign, bool alu32)
{
	for (u32 i = 0; i < nregs; i++) {
		for (u32 j = 0; j < nregs; j++) {
			const struct absval *a = &regs[i], *b = &regs[j];
			struct bpf_reg_state r = a->reg;

			scalar_alu(&r, &b->reg, op | (sign ? 1 : 0), alu32);
			for (u32 p = 0; p < a->n; p++) {
				for (u32 q = 0; q < b->n; q++) {
					u64 x = a->members[p], y = b->members[q];
					u64 res = concrete_alu(op, sign, alu32, x, y);

					if (!contains(&r, res)) {
						char what[64];

						snprintf(what, sizeof(what), "alu op %#x%s%s", op,
							 sign ? " signed" : "", alu32 ? " 32-bit" : "");
						fail_value(what, &r, x, y, res);
					}
				}
			}
		}
	}
}

static void test_alu_add_sub_mul(void **state)
{
	for (int alu32 = 0; alu32 <= 1; alu32++) {
		check_alu(BPF_ADD, false, alu32);
		check_alu(BPF_SUB, false, alu32);
		check_alu(BPF_MUL, false, alu32);
	}
}

static void test_alu_bitwise(void **state)
{
	for (int alu32 = 0; alu32 <= 1; alu32++) {
		check_alu(BPF_AND, false, alu32);
		check_alu(BPF_OR, false, alu32);
		check_alu(BPF_XOR, false, alu32);
	}
}

static void test_alu_shifts(void **state)
{
	for (int alu32 = 0; alu32 <= 1; alu32++) {
		check_alu(BPF_LSH, false, alu32);
		check_alu(BPF_RSH, false, alu32);
		check_alu(BPF_ARSH, false, alu32);
	}
	/* And every constant shift amount. */
	for (u32 i = 0; i < nregs; i++) {
		for (int alu32 = 0; alu32 <= 1; alu32++) {
			for (u64 sh = 0; sh < (alu32 ? 32u : 64u); sh++) {
				static const u8 ops[] = { BPF_LSH, BPF_RSH, BPF_ARSH };
				struct bpf_reg_state k;

				memset(&k, 0, sizeof(k));
				mark_reg_known(&k, sh);
				for (u32 o = 0; o < 3; o++) {
					struct bpf_reg_state r = regs[i].reg;

					scalar_alu(&r, &k, ops[o], alu32);
					for (u32 p = 0; p < regs[i].n; p++) {
						u64 x = regs[i].members[p];
						u64 res = concrete_alu(ops[o], false, alu32, x, sh);

						if (!contains(&r, res))
							fail_value("shift by a constant", &r, x, sh, res);
					}
				}
			}
		}
	}
}

static void test_alu_div_mod(void **state)
{
	for (int alu32 = 0; alu32 <= 1; alu32++) {
		for (int sign = 0; sign <= 1; sign++) {
			check_alu(BPF_DIV, sign, alu32);
			check_alu(BPF_MOD, sign, alu32);
		}
	}
}

static void test_alu_neg_and_widths(void **state)
{
	for (u32 i = 0; i < nregs; i++) {
		const struct absval *a = &regs[i];

		for (int alu32 = 0; alu32 <= 1; alu32++) {
			struct bpf_reg_state r = a->reg;

			scalar_neg(&r, alu32);
			for (u32 p = 0; p < a->n; p++)
				if (!contains(&r, concrete_alu(BPF_NEG, false, alu32, a->members[p], 0)))
					fail_value("neg", &r, a->members[p], 0, 0);
		}
		for (int size = 1; size <= 4; size *= 2) {
			struct bpf_reg_state z = a->reg, sx = a->reg, sub = a->reg;

			coerce_reg_to_size(&z, size);
			coerce_reg_to_size_sx(&sx, size);
			coerce_subreg_to_size_sx(&sub, size);
			for (u32 p = 0; p < a->n; p++) {
				u64 x = a->members[p];
				u64 zx = size == 4 ? (u32)x : size == 2 ? (u16)x : (u8)x;
				u64 sxx = size == 4 ? (u64)(s64)(s32)x : size == 2 ? (u64)(s64)(s16)x :
										      (u64)(s64)(s8)x;

				if (!contains(&z, zx))
					fail_value("zero extension", &z, x, (u64)size, zx);
				if (!contains(&sx, sxx))
					fail_value("sign extension", &sx, x, (u64)size, sxx);
				if (size < 4 && !contains(&sub, (u32)sxx))
					fail_value("32-bit sign extension", &sub, x, (u64)size, (u32)sxx);
			}
		}
		for (u32 bits = 16; bits <= 64; bits *= 2) {
			for (int kind = 0; kind < 3; kind++) {
				struct bpf_reg_state r = a->reg;

				/* kind 0: to_le (truncation), 1: to_be, 2: the 64-bit bswap */
				scalar_bswap(&r, bits, kind == 1, kind == 2);
				for (u32 p = 0; p < a->n; p++) {
					u64 x = a->members[p], res;

					if (kind == 0)
						res = bits == 16 ? (u16)x : bits == 32 ? (u32)x : x;
					else
						res = bits == 16 ? __builtin_bswap16((u16)x) :
						      bits == 32 ? __builtin_bswap32((u32)x) :
								   __builtin_bswap64(x);
					if (!contains(&r, res))
						fail_value("byte swap", &r, x, bits, res);
				}
			}
		}
	}
}

/* ---- branches ---- */

static bool concrete_cond(u8 op, bool jmp32, u64 x, u64 y)
{
	if (jmp32) {
		x = (u32)x;
		y = (u32)y;
	}
	s64 sx = jmp32 ? (s32)x : (s64)x, sy = jmp32 ? (s32)y : (s64)y;

	switch (op) {
	case BPF_JEQ: return x == y;
	case BPF_JNE: return x != y;
	case BPF_JSET: return x & y;
	case BPF_JGT: return x > y;
	case BPF_JGE: return x >= y;
	case BPF_JLT: return x < y;
	case BPF_JLE: return x <= y;
	case BPF_JSGT: return sx > sy;
	case BPF_JSGE: return sx >= sy;
	case BPF_JSLT: return sx < sy;
	default: return sx <= sy; /* BPF_JSLE */
	}
}

static void test_branches(void **state)
{
	static const u8 ops[] = { BPF_JEQ, BPF_JNE, BPF_JSET, BPF_JGT, BPF_JGE, BPF_JLT,
				  BPF_JLE, BPF_JSGT, BPF_JSGE, BPF_JSLT, BPF_JSLE };

	for (u32 o = 0; o < ARRAY_SIZE(ops); o++) {
		for (int jmp32 = 0; jmp32 <= 1; jmp32++) {
			for (u32 i = 0; i < nregs; i++) {
				for (u32 j = 0; j < nregs; j++) {
					const struct absval *a = &regs[i], *b = &regs[j];
					struct bpf_reg_state t1 = a->reg, t2 = b->reg;
					struct bpf_reg_state f1 = a->reg, f2 = b->reg;
					int taken = is_branch_taken(&a->reg, &b->reg, ops[o], jmp32);

					reg_set_min_max(&t1, &t2, &f1, &f2, ops[o], jmp32);
					for (u32 p = 0; p < a->n; p++) {
						for (u32 q = 0; q < b->n; q++) {
							u64 x = a->members[p], y = b->members[q];
							bool c = concrete_cond(ops[o], jmp32, x, y);

							if (taken >= 0 && c != (taken == 1)) {
								fprintf(stderr, "is_branch_taken op %#x%s: "
									"x=%#llx y=%#llx\n", ops[o],
									jmp32 ? " 32-bit" : "",
									(unsigned long long)x,
									(unsigned long long)y);
								fail();
							}
							if (c && (!contains(&t1, x) || !contains(&t2, y)))
								fail_value("taken side", contains(&t1, x) ? &t2 : &t1,
									   x, y, ops[o]);
							if (!c && (!contains(&f1, x) || !contains(&f2, y)))
								fail_value("fall-through side",
									   contains(&f1, x) ? &f2 : &f1, x, y,
									   ops[o]);
						}
					}
				}
			}
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tnum_binary_ops),
		cmocka_unit_test(test_tnum_unary_ops),
		cmocka_unit_test(test_tnum_range_intersect_union),
		cmocka_unit_test(test_alu_add_sub_mul),
		cmocka_unit_test(test_alu_bitwise),
		cmocka_unit_test(test_alu_shifts),
		cmocka_unit_test(test_alu_div_mod),
		cmocka_unit_test(test_alu_neg_and_widths),
		cmocka_unit_test(test_branches),
	};

	return cmocka_run_group_tests(tests, build_values, free_values);
}
