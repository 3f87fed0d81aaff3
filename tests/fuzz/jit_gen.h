/*
 * tests/fuzz/jit_gen.h - random valid BPF programs, and the differential check that runs one
 * through the interpreter and the JIT and compares r0, the memory and the stack.
 *
 * Used by tests/fuzz/jit_diff.c (libFuzzer: the input bytes steer the generator), by
 * tests/bench/jit.c --diff N (a seed loop for long runs) and by tests/host/test_jit.c.
 *
 * What a generated program may do, so that both engines must agree on it exactly:
 *   - r9 holds the buffer (JG_BUF_SIZE bytes, r1 on entry) and is never changed; r10 is the
 *     stack. Neither is ever an ALU operand: their values differ between the two runs.
 *   - loads and stores only to the buffer's first JG_DATA_SIZE bytes and to the top
 *     JG_STACK_USED bytes of the stack, which the program writes before anything reads it;
 *     atomics naturally aligned; sometimes through a copy of r9 or r10 in another register,
 *     which is overwritten by a constant right after the access.
 *   - forward jumps (conditional, ja, gotol) inside their block; loops only of the form
 *     "counter in a stack slot, decrement, jump back while not zero", at most 8 rounds and
 *     two levels deep.
 *   - helper calls and BPF-to-BPF calls (to subprograms later in the program: no recursion);
 *     after each call r1-r5 get new constants, as a verifier would demand.
 *   - every division, modulo and shift edge case: zero and -1 divisors, INT_MIN dividends,
 *     shift counts past the width.
 * Before exit, main copies its stack into the buffer's last JG_STACK_USED bytes, so the
 * comparison of the buffers covers the stack too.
 *
 * The generator is deterministic in its input: the same bytes and seed give the same program.
 */
#ifndef TESTS_FUZZ_JIT_GEN_H
#define TESTS_FUZZ_JIT_GEN_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bpf/insn.h"
#include "bpf/prog.h"

#define JG_BUF_SIZE 256
#define JG_STACK_USED 64
#define JG_DATA_SIZE (JG_BUF_SIZE - JG_STACK_USED) /* the rest receives the stack */
#define JG_MAX_INSNS 1024
#define JG_RESERVE 160 /* instructions kept for closing blocks, the dump and subprograms */
#define JG_MAX_SUBPROGS 3
#define JG_MAX_PATCHES 64

#define JG_INSN(c, d, s, o, i) \
	((struct bpf_insn){ .code = (c), .dst_reg = (d), .src_reg = (s), .off = (o), .imm = (i) })

struct jit_gen {
	const u8 *data; /* input bytes mixed into the random stream (libFuzzer), or NULL */
	size_t size, pos;
	u64 rng;
	struct bpf_insn insns[JG_MAX_INSNS];
	u32 len;
	bool full;          /* little room left: generation winds down */
	bool overflow;      /* an instruction did not fit: the program is unusable */
	u32 loop_depth;     /* loops open around the current position */
	u32 block_depth;    /* nesting of conditional blocks */
	int subprog;        /* -1 in main, else the subprogram being generated */
	u32 nr_subprogs;
	u32 subprog_start[JG_MAX_SUBPROGS];
	/* BPF-to-BPF calls, patched once the subprograms are placed. */
	u32 nr_calls;
	u32 call_at[JG_MAX_PATCHES], call_to[JG_MAX_PATCHES];
	/* main's jumps to its stack dump (early exits). */
	u32 nr_exits;
	u32 exit_at[JG_MAX_PATCHES];
};

static inline u64 jg_next(struct jit_gen *g)
{
	u64 z;

	if (g->data && g->pos < g->size)
		g->rng ^= (u64)g->data[g->pos++] * 0x9e3779b97f4a7c15ull;
	z = (g->rng += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static inline u32 jg_below(struct jit_gen *g, u32 n)
{
	return (u32)(jg_next(g) % n);
}

static inline s32 jg_imm(struct jit_gen *g)
{
	static const s32 edges[] = { 0, 1, -1, 2, 3, 7, 8, 15, 16, 31, 32, 33, 63, 64, 65, 255,
				     -128, 0x7fff, -0x8000, 0x7fffffff, (s32)0x80000000, 100000 };

	switch (jg_below(g, 3)) {
	case 0:
		return edges[jg_below(g, ARRAY_SIZE(edges))];
	case 1:
		return (s32)jg_below(g, 200) - 100;
	default:
		return (s32)jg_next(g);
	}
}

static inline u64 jg_imm64(struct jit_gen *g)
{
	static const u64 edges[] = { 0, 1, ~0ull, 0x8000000000000000ull, 0x7fffffffffffffffull,
				     0xffffffffull, 0x80000000ull, 0x100000000ull,
				     0xffffffff00000000ull, 0x00000000ffff0000ull,
				     0x8000000080000000ull };

	switch (jg_below(g, 4)) {
	case 0:
		return edges[jg_below(g, ARRAY_SIZE(edges))];
	case 1:
		return (u64)(s64)jg_imm(g);
	default:
		return jg_next(g);
	}
}

/* A register the program may compute with: r0 to r8. */
static inline u8 jg_reg(struct jit_gen *g)
{
	return (u8)jg_below(g, 9);
}

static inline void jg_emit(struct jit_gen *g, struct bpf_insn insn)
{
	if (g->len < JG_MAX_INSNS)
		g->insns[g->len++] = insn;
	else
		g->overflow = true;
}

/* Room for n more instructions, with a reserve for closing loops, calls and the epilogue. */
static inline bool jg_room(struct jit_gen *g, u32 n)
{
	if (g->len + n + JG_RESERVE > JG_MAX_INSNS)
		g->full = true;
	return !g->full;
}

static inline void jg_ld_imm64(struct jit_gen *g, u8 dst, u64 value)
{
	jg_emit(g, JG_INSN(BPF_LD | BPF_IMM | BPF_DW, dst, 0, 0, (s32)(u32)value));
	jg_emit(g, JG_INSN(0, 0, 0, 0, (s32)(u32)(value >> 32)));
}

/* dst = a random constant, by mov or by ld_imm64. */
static inline void jg_set_const(struct jit_gen *g, u8 dst)
{
	switch (jg_below(g, 3)) {
	case 0:
		jg_emit(g, JG_INSN(BPF_ALU64 | BPF_MOV | BPF_K, dst, 0, 0, jg_imm(g)));
		break;
	case 1:
		jg_emit(g, JG_INSN(BPF_ALU | BPF_MOV | BPF_K, dst, 0, 0, jg_imm(g)));
		break;
	default:
		jg_ld_imm64(g, dst, jg_imm64(g));
		break;
	}
}

static const u8 jg_sizes[4] = { BPF_B, BPF_H, BPF_W, BPF_DW };

static inline u32 jg_size_bytes(u8 size)
{
	switch (size) {
	case BPF_B:
		return 1;
	case BPF_H:
		return 2;
	case BPF_W:
		return 4;
	default:
		return 8;
	}
}

/*
 * A place in memory for an access of bytes bytes: base register and offset, in the buffer
 * (r9) or the stack (r10). aligned: a multiple of bytes (atomics).
 */
static inline void jg_place(struct jit_gen *g, u32 bytes, bool aligned, u8 *base, s16 *off)
{
	u32 room;

	if (jg_below(g, 2)) {
		room = JG_DATA_SIZE - bytes;
		*base = BPF_REG_9;
		*off = (s16)jg_below(g, room + 1);
	} else {
		room = JG_STACK_USED - bytes;
		*base = BPF_REG_10;
		*off = (s16)(-(s32)JG_STACK_USED + (s32)jg_below(g, room + 1));
	}
	if (aligned)
		*off = (s16)(*off & ~(s16)(bytes - 1));
}

/*
 * Sometimes access through a copy of the base: ptr = base + delta, then [ptr + off - delta].
 * Returns the register to use as the base (the copy, or base itself); jg_unpoint clears it.
 */
static inline u8 jg_point(struct jit_gen *g, u8 base, s16 *off)
{
	u8 ptr;
	s32 delta;

	if (jg_below(g, 4))
		return base;
	ptr = jg_reg(g);
	delta = (s32)jg_below(g, 64) - 32;
	jg_emit(g, JG_INSN(BPF_ALU64 | BPF_MOV | BPF_X, ptr, base, 0, 0));
	jg_emit(g, JG_INSN(BPF_ALU64 | BPF_ADD | BPF_K, ptr, 0, 0, delta));
	*off = (s16)(*off - delta);
	return ptr;
}

/* A register holding a value (not the address in ptr) for a store or an atomic. */
static inline u8 jg_value_reg(struct jit_gen *g, u8 ptr)
{
	u8 reg = jg_reg(g);

	return reg == ptr ? (u8)((reg + 1) % 9) : reg;
}

static inline void jg_unpoint(struct jit_gen *g, u8 ptr)
{
	if (ptr != BPF_REG_9 && ptr != BPF_REG_10)
		jg_set_const(g, ptr);
}

static inline void jg_alu(struct jit_gen *g)
{
	static const u8 ops[] = { BPF_ADD, BPF_SUB, BPF_MUL, BPF_DIV, BPF_OR,  BPF_AND, BPF_LSH,
				  BPF_RSH, BPF_NEG, BPF_MOD, BPF_XOR, BPF_MOV, BPF_ARSH, BPF_END };
	static const s32 widths[] = { 16, 32, 64 };
	u8 op = ops[jg_below(g, ARRAY_SIZE(ops))];
	u8 cls = jg_below(g, 2) ? BPF_ALU64 : BPF_ALU;
	u8 src = jg_below(g, 2) ? BPF_X : BPF_K;
	u8 dst = jg_reg(g), sreg = src == BPF_X ? jg_reg(g) : 0;
	s16 off = 0;
	s32 imm = src == BPF_K ? jg_imm(g) : 0;

	switch (op) {
	case BPF_NEG:
		jg_emit(g, JG_INSN(cls | op | BPF_K, dst, 0, 0, 0));
		return;
	case BPF_END:
		if (cls == BPF_ALU64)
			src = BPF_K;
		jg_emit(g, JG_INSN(cls | op | src, dst, 0, 0, widths[jg_below(g, 3)]));
		return;
	case BPF_DIV:
	case BPF_MOD:
		off = (s16)jg_below(g, 2); /* sdiv, smod */
		break;
	case BPF_MOV:
		if (src == BPF_X && !jg_below(g, 3)) {
			static const s16 sx[] = { 8, 16, 32 };

			off = sx[jg_below(g, cls == BPF_ALU64 ? 3 : 2)];
		}
		break;
	case BPF_LSH:
	case BPF_RSH:
	case BPF_ARSH:
		if (src == BPF_K && jg_below(g, 4))
			imm = (s32)jg_below(g, 64);
		break;
	}
	jg_emit(g, JG_INSN(cls | op | src, dst, sreg, off, imm));
}

static inline void jg_load(struct jit_gen *g)
{
	u8 size = jg_sizes[jg_below(g, 4)], base, ptr;
	bool sx = size != BPF_DW && !jg_below(g, 3);
	s16 off;

	jg_place(g, jg_size_bytes(size), false, &base, &off);
	ptr = jg_point(g, base, &off);
	jg_emit(g, JG_INSN(BPF_LDX | (sx ? BPF_MEMSX : BPF_MEM) | size, jg_reg(g), ptr, off, 0));
	jg_unpoint(g, ptr);
}

static inline void jg_store(struct jit_gen *g)
{
	u8 size = jg_sizes[jg_below(g, 4)], base, ptr;
	s16 off;

	jg_place(g, jg_size_bytes(size), false, &base, &off);
	ptr = jg_point(g, base, &off);
	if (jg_below(g, 3))
		jg_emit(g, JG_INSN(BPF_STX | BPF_MEM | size, ptr, jg_value_reg(g, ptr), off, 0));
	else
		jg_emit(g, JG_INSN(BPF_ST | BPF_MEM | size, ptr, 0, off, jg_imm(g)));
	jg_unpoint(g, ptr);
}

static inline void jg_atomic(struct jit_gen *g)
{
	static const s32 ops[] = { BPF_ADD, BPF_OR, BPF_AND, BPF_XOR,
				   BPF_ADD | BPF_FETCH, BPF_OR | BPF_FETCH, BPF_AND | BPF_FETCH,
				   BPF_XOR | BPF_FETCH, BPF_XCHG, BPF_CMPXCHG };
	u8 size = jg_below(g, 2) ? BPF_DW : BPF_W, base, ptr, src;
	s32 op = ops[jg_below(g, ARRAY_SIZE(ops))];
	s16 off;

	jg_place(g, jg_size_bytes(size), true, &base, &off);
	ptr = jg_point(g, base, &off);
	src = jg_value_reg(g, ptr);
	if (ptr == BPF_REG_0 && op == BPF_CMPXCHG)
		op = BPF_XCHG; /* cmpxchg would compare with the address */
	jg_emit(g, JG_INSN(BPF_STX | BPF_ATOMIC | size, ptr, src, off, op));
	jg_unpoint(g, ptr);
}

/* A conditional jump with a random condition; its offset is patched by the caller. */
static inline u32 jg_cond_jump(struct jit_gen *g)
{
	static const u8 ops[] = { BPF_JEQ, BPF_JGT, BPF_JGE, BPF_JSET, BPF_JNE, BPF_JSGT,
				  BPF_JSGE, BPF_JLT, BPF_JLE, BPF_JSLT, BPF_JSLE };
	u8 cls = jg_below(g, 2) ? BPF_JMP : BPF_JMP32;
	u8 op = ops[jg_below(g, ARRAY_SIZE(ops))];
	u32 at = g->len;

	if (jg_below(g, 2))
		jg_emit(g, JG_INSN(cls | op | BPF_X, jg_reg(g), jg_reg(g), 0, 0));
	else
		jg_emit(g, JG_INSN(cls | op | BPF_K, jg_reg(g), 0, 0, jg_imm(g)));
	return at;
}

/* Point the jump at index at to the current end of the program. */
static inline void jg_land(struct jit_gen *g, u32 at)
{
	struct bpf_insn *insn;

	if (at >= g->len)
		return;
	insn = &g->insns[at];
	if (insn->code == (BPF_JMP32 | BPF_JA))
		insn->imm = (s32)(g->len - at - 1);
	else
		insn->off = (s16)(g->len - at - 1);
}

static inline void jg_block(struct jit_gen *g, u32 n);

/* if (cond) { block } [else { block }] */
static inline void jg_if(struct jit_gen *g)
{
	u32 jump = jg_cond_jump(g), skip;

	jg_block(g, 1 + jg_below(g, 4));
	if (jg_below(g, 3)) {
		jg_land(g, jump);
		return;
	}
	skip = g->len;
	if (jg_below(g, 2))
		jg_emit(g, JG_INSN(BPF_JMP | BPF_JA, 0, 0, 0, 0));
	else
		jg_emit(g, JG_INSN(BPF_JMP32 | BPF_JA, 0, 0, 0, 0)); /* gotol */
	jg_land(g, jump);
	jg_block(g, 1 + jg_below(g, 4));
	jg_land(g, skip);
}

/* A counted loop: the counter lives in a stack slot below the ones the block may touch. */
static inline void jg_loop(struct jit_gen *g)
{
	static const u8 back[] = { BPF_JNE, BPF_JGT, BPF_JSGT };
	s16 slot = (s16)(-JG_STACK_USED - 8 * (s32)(g->loop_depth + 1));
	u8 counter = jg_reg(g);
	u8 cls = jg_below(g, 2) ? BPF_JMP : BPF_JMP32;
	u32 start;

	jg_emit(g, JG_INSN(BPF_ST | BPF_MEM | BPF_DW, BPF_REG_10, 0, slot, 1 + jg_below(g, 8)));
	start = g->len;
	g->loop_depth++;
	jg_block(g, 1 + jg_below(g, 5));
	g->loop_depth--;
	jg_emit(g, JG_INSN(BPF_LDX | BPF_MEM | BPF_DW, counter, BPF_REG_10, slot, 0));
	jg_emit(g, JG_INSN(BPF_ALU64 | BPF_SUB | BPF_K, counter, 0, 0, 1));
	jg_emit(g, JG_INSN(BPF_STX | BPF_MEM | BPF_DW, BPF_REG_10, counter, slot, 0));
	jg_emit(g, JG_INSN(cls | back[jg_below(g, 3)] | BPF_K, counter, 0,
			   (s16)((s32)start - (s32)g->len - 1), 0));
}

/* After a call, r1-r5 hold nothing the program may read: give them constants. */
static inline void jg_reset_args(struct jit_gen *g)
{
	for (u8 r = BPF_REG_1; r <= BPF_REG_5; r++)
		jg_set_const(g, r);
}

/* Helper ids 1 to 3 of jg_helpers. */
static inline void jg_helper_call(struct jit_gen *g)
{
	jg_emit(g, JG_INSN(BPF_JMP | BPF_CALL, 0, 0, 0, 1 + (s32)jg_below(g, 3)));
	jg_reset_args(g);
}

/* A call to a subprogram after the current one; r1 carries the buffer. */
static inline void jg_subprog_call(struct jit_gen *g)
{
	u32 first = g->subprog < 0 ? 0 : (u32)g->subprog + 1;

	if (first >= g->nr_subprogs || g->nr_calls >= JG_MAX_PATCHES)
		return;
	jg_emit(g, JG_INSN(BPF_ALU64 | BPF_MOV | BPF_X, BPF_REG_1, BPF_REG_9, 0, 0));
	g->call_at[g->nr_calls] = g->len;
	g->call_to[g->nr_calls++] = first + jg_below(g, g->nr_subprogs - first);
	jg_emit(g, JG_INSN(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, 0));
	jg_reset_args(g);
}

/* An early exit: main jumps to its stack dump, a subprogram simply exits. */
static inline void jg_early_exit(struct jit_gen *g)
{
	u32 jump = jg_cond_jump(g);

	if (g->subprog >= 0) {
		jg_emit(g, JG_INSN(BPF_JMP | BPF_JA, 0, 0, 1, 0));
		jg_land(g, jump);
		jg_emit(g, JG_INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0));
		jg_land(g, jump + 1);
		return;
	}
	if (g->nr_exits < JG_MAX_PATCHES)
		g->exit_at[g->nr_exits++] = jump;
}

static inline void jg_stmt(struct jit_gen *g)
{
	u32 pick = jg_below(g, 100);

	if (!jg_room(g, 16))
		return;
	if (pick < 40)
		jg_alu(g);
	else if (pick < 44)
		jg_set_const(g, jg_reg(g));
	else if (pick < 54)
		jg_load(g);
	else if (pick < 64)
		jg_store(g);
	else if (pick < 72)
		jg_atomic(g);
	else if (pick < 82 && g->block_depth < 4) {
		g->block_depth++;
		jg_if(g);
		g->block_depth--;
	} else if (pick < 86 && g->loop_depth < 2)
		jg_loop(g);
	else if (pick < 90)
		jg_helper_call(g);
	else if (pick < 94)
		jg_subprog_call(g);
	else if (pick < 96)
		jg_early_exit(g);
	else
		jg_alu(g);
}

static inline void jg_block(struct jit_gen *g, u32 n)
{
	for (u32 i = 0; i < n && !g->full; i++)
		jg_stmt(g);
}

/* Registers r0-r8 and the stack area get values before the body reads them. */
static inline void jg_prelude(struct jit_gen *g)
{
	for (u8 r = BPF_REG_0; r <= BPF_REG_8; r++)
		if (g->subprog < 0 || r < BPF_REG_2 || r > BPF_REG_5 || jg_below(g, 2))
			jg_set_const(g, r); /* r1 held the buffer; a subprogram may keep r2-r5 */
	for (s16 off = -JG_STACK_USED; off < 0; off += 8)
		jg_emit(g, JG_INSN(BPF_STX | BPF_MEM | BPF_DW, BPF_REG_10, jg_reg(g), off, 0));
}

/*
 * Generate a program into g->insns / g->len from data (may be NULL) and seed, with about
 * body_len statements in main. Layout: main (prelude, body, stack dump, exit), then the
 * subprograms. false in the rare case the program did not fit in JG_MAX_INSNS.
 */
static inline bool jit_gen_program(struct jit_gen *g, const u8 *data, size_t size, u64 seed,
				   u32 body_len)
{
	memset(g, 0, sizeof(*g));
	g->data = data;
	g->size = size;
	g->rng = seed;
	g->subprog = -1;
	g->nr_subprogs = jg_below(g, JG_MAX_SUBPROGS + 1);

	jg_emit(g, JG_INSN(BPF_ALU64 | BPF_MOV | BPF_X, BPF_REG_9, BPF_REG_1, 0, 0));
	jg_prelude(g);
	jg_block(g, body_len);
	g->full = false;
	for (u32 i = 0; i < g->nr_exits; i++)
		jg_land(g, g->exit_at[i]);
	for (s16 off = -JG_STACK_USED; off < 0; off += 8) {
		jg_emit(g, JG_INSN(BPF_LDX | BPF_MEM | BPF_DW, BPF_REG_1, BPF_REG_10, off, 0));
		jg_emit(g, JG_INSN(BPF_STX | BPF_MEM | BPF_DW, BPF_REG_9, BPF_REG_1,
				   JG_DATA_SIZE + JG_STACK_USED + off, 0));
	}
	jg_emit(g, JG_INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0));

	for (u32 s = 0; s < g->nr_subprogs; s++) {
		g->subprog = (int)s;
		g->subprog_start[s] = g->len;
		g->loop_depth = 0;
		jg_emit(g, JG_INSN(BPF_ALU64 | BPF_MOV | BPF_X, BPF_REG_9, BPF_REG_1, 0, 0));
		jg_prelude(g);
		jg_block(g, 1 + body_len / 4);
		g->full = false;
		jg_emit(g, JG_INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0));
	}
	for (u32 i = 0; i < g->nr_calls; i++) {
		u32 at = g->call_at[i];

		g->insns[at].imm = (s32)g->subprog_start[g->call_to[i]] - (s32)at - 1;
	}
	return !g->overflow;
}

/* The helpers a generated program calls: ids 1-3 mix their arguments. */
static inline u64 jg_helper_mix(u64 r1, u64 r2, u64 r3, u64 r4, u64 r5)
{
	return (r1 * 0x9e3779b97f4a7c15ull) ^ (r2 + 7) ^ (r3 << 3) ^ (r4 >> 5) ^ ~r5;
}

static inline u64 jg_helper_sum(u64 r1, u64 r2, u64 r3, u64 r4, u64 r5)
{
	return r1 + r2 + r3 + r4 + r5;
}

static inline u64 jg_helper_first(u64 r1, u64 r2, u64 r3, u64 r4, u64 r5)
{
	return r1;
}

static const bpf_helper_fn jg_helpers[] = {
	[1] = jg_helper_mix,
	[2] = jg_helper_sum,
	[3] = jg_helper_first,
};

/*
 * Run insns through the checked interpreter and the JIT on copies of the same buffer and
 * compare. 0 when they agree; otherwise a negative value and a description in msg (the
 * program is invalid, the JIT refused it, or the results differ).
 */
static inline int jit_diff_check(const struct bpf_insn *insns, u32 len, const u8 *buf_init,
				 char *msg, size_t msg_size)
{
	u8 ref[JG_BUF_SIZE], out[JG_BUF_SIZE];
	struct bpf_interp_check chk = { 0 };
	struct bpf_prog *prog = bpf_prog_alloc(insns, len);
	u64 r0;
	int err;

	msg[0] = '\0';
	if (!prog) {
		snprintf(msg, msg_size, "out of memory");
		return -ENOMEM;
	}
	prog->helpers = jg_helpers;
	prog->nr_helpers = ARRAY_SIZE(jg_helpers);
	err = bpf_insn_check(prog, 0, msg, msg_size);
	if (err)
		goto out;
	memcpy(ref, buf_init, JG_BUF_SIZE);
	chk.mem = ref;
	chk.mem_len = JG_BUF_SIZE;
	chk.insn_limit = 1000000;
	err = bpf_interp_run_checked(prog, (u64)(uintptr_t)ref, JG_BUF_SIZE, &chk);
	if (err) {
		snprintf(msg, msg_size, "interpreter: %s", chk.msg);
		goto out;
	}
	err = bpf_int_jit_compile(prog);
	if (err) {
		snprintf(msg, msg_size, "the JIT refused the program (%d)", err);
		goto out;
	}
	memcpy(out, buf_init, JG_BUF_SIZE);
	r0 = prog->bpf_func((u64)(uintptr_t)out, JG_BUF_SIZE, prog);
	if (r0 != chk.r0) {
		snprintf(msg, msg_size, "r0: interpreter 0x%llx, JIT 0x%llx",
			 (unsigned long long)chk.r0, (unsigned long long)r0);
		err = -EDOM;
		goto out;
	}
	for (u32 i = 0; i < JG_BUF_SIZE; i++) {
		if (ref[i] != out[i]) {
			snprintf(msg, msg_size, "%s byte %u: interpreter 0x%02x, JIT 0x%02x",
				 i < JG_DATA_SIZE ? "buffer" : "stack dump", i, ref[i], out[i]);
			err = -EDOM;
			goto out;
		}
	}
out:
	bpf_prog_free(prog);
	return err;
}

/* Fill a buffer with bytes derived from seed. */
static inline void jit_gen_buffer(u8 *buf, u64 seed)
{
	struct jit_gen g = { .rng = seed ^ 0x5bd1e995 };

	for (u32 i = 0; i < JG_BUF_SIZE; i++)
		buf[i] = (u8)jg_next(&g);
}

#endif /* TESTS_FUZZ_JIT_GEN_H */
