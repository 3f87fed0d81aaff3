/*
 * tests/fuzz/verifier_gen.h - random programs for the verifier, and the check that whatever
 * it accepts is safe: each accepted program runs in the checked interpreter, which stops at
 * any access outside the memory a program may use and at any read of stack bytes never
 * written. A program the verifier accepted that the checked interpreter stops is an escape.
 *
 * Used by tests/fuzz/verifier.c (libFuzzer: the input bytes steer the generator) and by
 * tests/bench/verifier.c --fuzz N (a seed loop for long runs).
 *
 * The programs are kprobe programs using three maps (an array of 16-byte values, a hash of
 * 8-byte values, a ring buffer), built from pieces that exercise the verifier's rules: ALU
 * on every operation with interesting constants, loads and stores through the stack, the
 * context and map values at offsets near the edges, map lookups with and without NULL checks
 * (and through copies), ring buffer records submitted or not, pointer arithmetic with masked
 * and unmasked offsets, variable stack offsets, forward conditional jumps, counted loops,
 * helper calls, a BPF-to-BPF call into a subprogram given a pointer to the caller's stack.
 * Most are refused; those accepted must be right.
 *
 * The run: the loaded program's instructions (map loads hold the maps' addresses, as after
 * bpf_prog_load) with a helper table of stand-ins. The stand-ins hand out memory from one
 * buffer, the only memory the checked interpreter lets the program touch besides its stack:
 * the context, the two map values and a ring buffer record, each filled with poison around
 * it. Each accepted program runs once with each region at the start and once with it at the
 * end of the buffer, so that reading past either end of any region leaves the buffer; writes
 * into the poison between regions, and writes to the read-only context, are found by
 * comparing bytes afterwards. Lookups return NULL on some calls, differently in each run.
 */
#ifndef TESTS_FUZZ_VERIFIER_GEN_H
#define TESTS_FUZZ_VERIFIER_GEN_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bpf/asm.h"
#include "bpf/disasm.h"
#include "bpf/insn.h"
#include "bpf/prog_aux.h"
#include "tests/host/lib/sys_bpf.h"

#define VG_MAX_INSNS 512
#define VG_CTX_SIZE 168 /* struct pt_regs */
#define VG_A_VALUE 16
#define VG_B_VALUE 8
#define VG_RB_RECORD 64
#define VG_GAP 64
#define VG_NR_REGIONS 4
#define VG_MEM_SIZE (VG_CTX_SIZE + VG_A_VALUE + VG_B_VALUE + VG_RB_RECORD + VG_NR_REGIONS * VG_GAP)
#define VG_POISON 0xa5

#define VG_INSN(c, d, s, o, i) \
	((struct bpf_insn){ .code = (c), .dst_reg = (d), .src_reg = (s), .off = (o), .imm = (i) })

struct vgen {
	const u8 *data; /* input bytes mixed into the random stream (libFuzzer), or NULL */
	size_t size, pos;
	u64 rng;
	struct bpf_insn insns[VG_MAX_INSNS];
	u32 len;
	bool overflow;
	u32 loops[32][2]; /* each counted loop: its counter's set-up and its back jump */
	u32 nr_loops;
	bool has_sub;        /* a subprogram follows main */
	u32 calls[16];       /* call instructions to patch once the subprogram's place is known */
	u32 nr_calls;
};

/* ---- the maps and the memory regions ---- */

static struct bpf_map *vg_maps[3]; /* array, hash, ring buffer */
static struct bpf_prog_aux vg_aux;
static u8 vg_mem[VG_MEM_SIZE];
static u32 vg_region_off[VG_NR_REGIONS]; /* ctx, A value, B value, ring buffer record */
static const u32 vg_region_size[VG_NR_REGIONS] = { VG_CTX_SIZE, VG_A_VALUE, VG_B_VALUE,
						    VG_RB_RECORD };
static u32 vg_call_count, vg_run_index;

/* Place the regions: `first` at the start, `last` at the end, poison everywhere else. */
static void vg_layout(u32 first, u32 last)
{
	u32 order[VG_NR_REGIONS], n = 0, off = 0;

	order[n++] = first;
	for (u32 r = 0; r < VG_NR_REGIONS; r++)
		if (r != first && r != last)
			order[n++] = r;
	if (last != first)
		order[n++] = last;
	memset(vg_mem, VG_POISON, sizeof(vg_mem));
	for (u32 i = 0; i < n; i++) {
		if (i == n - 1)
			off = VG_MEM_SIZE - vg_region_size[order[i]];
		vg_region_off[order[i]] = off;
		for (u32 b = 0; b < vg_region_size[order[i]]; b++)
			vg_mem[off + b] = (u8)(b * 7 + order[i]);
		off += vg_region_size[order[i]] + VG_GAP;
	}
}

static bool vg_null_now(void)
{
	return (vg_call_count++ + vg_run_index) % 3 == 0;
}

static u64 vg_lookup(u64 map, u64 key, u64 r3, u64 r4, u64 r5)
{
	if (vg_null_now())
		return 0;
	if (map == (u64)(uintptr_t)vg_maps[0])
		return (u64)(uintptr_t)(vg_mem + vg_region_off[1]);
	return (u64)(uintptr_t)(vg_mem + vg_region_off[2]);
}

static u64 vg_zero(u64 r1, u64 r2, u64 r3, u64 r4, u64 r5)
{
	return 0;
}

static u64 vg_number(u64 r1, u64 r2, u64 r3, u64 r4, u64 r5)
{
	return 0x123456789ull * ++vg_call_count;
}

static u64 vg_reserve(u64 map, u64 size, u64 flags, u64 r4, u64 r5)
{
	if (vg_null_now() || size > VG_RB_RECORD)
		return 0;
	/* The record ends where the region ends: reading past it leaves the region. */
	return (u64)(uintptr_t)(vg_mem + vg_region_off[3] + VG_RB_RECORD - size);
}

static bpf_helper_fn vg_helpers[__BPF_FUNC_MAX_ID] = {
	[BPF_FUNC_map_lookup_elem] = vg_lookup,
	[BPF_FUNC_map_update_elem] = vg_zero,
	[BPF_FUNC_map_delete_elem] = vg_zero,
	[BPF_FUNC_ktime_get_ns] = vg_number,
	[BPF_FUNC_get_prandom_u32] = vg_number,
	[BPF_FUNC_get_smp_processor_id] = vg_zero,
	[BPF_FUNC_ringbuf_reserve] = vg_reserve,
	[BPF_FUNC_ringbuf_submit] = vg_zero,
	[BPF_FUNC_ringbuf_discard] = vg_zero,
};

/* Create the maps once. 0 or a negative errno. */
static int vg_setup(void)
{
	static const u32 types[3][4] = {
		{ BPF_MAP_TYPE_ARRAY, 4, VG_A_VALUE, 4 },
		{ BPF_MAP_TYPE_HASH, 8, VG_B_VALUE, 16 },
		{ BPF_MAP_TYPE_RINGBUF, 0, 0, 4096 },
	};

	if (vg_maps[0])
		return 0;
	for (u32 i = 0; i < 3; i++) {
		int fd = sys_map_create(types[i][0], types[i][1], types[i][2], types[i][3], 0);
		int err;

		if (fd < 0)
			return fd;
		err = bpf_map_get(fd, &vg_maps[i]);
		if (err)
			return err;
	}
	vg_aux.ops = bpf_prog_type_ops(BPF_PROG_TYPE_KPROBE);
	vg_aux.used_maps = vg_maps;
	vg_aux.used_map_cnt = 3;
	vg_aux.refcnt = 1;
	return 0;
}

static void vg_prog(struct bpf_prog *prog, struct bpf_insn *insns, u32 len)
{
	memset(prog, 0, sizeof(*prog));
	prog->insnsi = insns;
	prog->len = len;
	prog->helpers = vg_helpers;
	prog->nr_helpers = __BPF_FUNC_MAX_ID;
	prog->type = BPF_PROG_TYPE_KPROBE;
	prog->gpl_compatible = true;
	prog->aux = &vg_aux;
}

/* ---- the random stream ---- */

static u64 vg_rand(struct vgen *g)
{
	if (g->data && g->pos < g->size)
		g->rng ^= (u64)g->data[g->pos++] * 0x9e3779b97f4a7c15ull;
	g->rng ^= g->rng << 13;
	g->rng ^= g->rng >> 7;
	g->rng ^= g->rng << 17;
	return g->rng;
}

static u32 vg_below(struct vgen *g, u32 n)
{
	return (u32)(vg_rand(g) % n);
}

static void vg_emit(struct vgen *g, struct bpf_insn insn)
{
	if (g->len >= VG_MAX_INSNS - 4) {
		g->overflow = true;
		return;
	}
	g->insns[g->len++] = insn;
}

static void vg_ld_map(struct vgen *g, u8 dst, u32 map)
{
	u64 addr = (u64)(uintptr_t)vg_maps[map];

	vg_emit(g, VG_INSN(BPF_LD | BPF_IMM | BPF_DW, dst, BPF_PSEUDO_MAP_FD, 0, (s32)(u32)addr));
	vg_emit(g, VG_INSN(0, 0, 0, 0, (s32)(u32)(addr >> 32)));
}

static s32 vg_imm(struct vgen *g)
{
	static const s32 imms[] = { 0, 1, 2, 3, 4, 7, 8, 15, 16, 31, 32, 63, 64, 255, -1, -2, -8,
				    -16, 0x7fffffff, (s32)0x80000000, 0x10000, 12, 160, 168 };

	if (vg_below(g, 4) == 0)
		return (s32)vg_rand(g);
	return imms[vg_below(g, ARRAY_SIZE(imms))];
}

/* A register to write: mostly not r6 (the context), never r9 (loop counters). */
static u8 vg_dst(struct vgen *g)
{
	u8 r = (u8)vg_below(g, 9);

	return r == 6 && vg_below(g, 8) ? 7 : r;
}

/* After a call r1-r5 are unreadable: usually give them values again. */
static void vg_refill(struct vgen *g)
{
	for (u8 r = 1; r <= 5; r++) {
		if (vg_below(g, 6) == 0)
			continue;
		if (vg_below(g, 2))
			vg_emit(g, VG_INSN(BPF_ALU64 | BPF_MOV | BPF_K, r, 0, 0, vg_imm(g)));
		else
			vg_emit(g, VG_INSN(BPF_LDX | BPF_MEM | BPF_DW, r, BPF_REG_6,
					   (s16)(vg_below(g, 21) * 8), 0));
	}
}

static u8 vg_src(struct vgen *g)
{
	return (u8)vg_below(g, 11);
}

/* ---- the pieces ---- */

static void vg_alu(struct vgen *g)
{
	static const u8 ops[] = { BPF_ADD, BPF_SUB, BPF_MUL, BPF_DIV, BPF_OR, BPF_AND, BPF_LSH,
				  BPF_RSH, BPF_NEG, BPF_MOD, BPF_XOR, BPF_MOV, BPF_ARSH, BPF_END };
	u8 op = ops[vg_below(g, ARRAY_SIZE(ops))];
	u8 class = vg_below(g, 3) ? BPF_ALU64 : BPF_ALU;
	u8 dst = vg_dst(g);
	s16 off = 0;

	if (op == BPF_NEG) {
		vg_emit(g, VG_INSN(class | op | BPF_K, dst, 0, 0, 0));
		return;
	}
	if (op == BPF_END) {
		static const s32 widths[] = { 16, 32, 64 };
		u8 src = class == BPF_ALU64 ? BPF_TO_LE : (vg_below(g, 2) ? BPF_TO_BE : BPF_TO_LE);

		vg_emit(g, VG_INSN(class | op | src, dst, 0, 0, widths[vg_below(g, 3)]));
		return;
	}
	if ((op == BPF_DIV || op == BPF_MOD) && vg_below(g, 3) == 0)
		off = 1;
	if (op == BPF_MOV && vg_below(g, 4) == 0) {
		static const s16 sx[] = { 8, 16, 32 };

		off = sx[vg_below(g, class == BPF_ALU64 ? 3 : 2)];
		vg_emit(g, VG_INSN(class | op | BPF_X, dst, vg_src(g), off, 0));
		return;
	}
	if (vg_below(g, 2)) {
		s32 imm = vg_imm(g);

		if (op == BPF_LSH || op == BPF_RSH || op == BPF_ARSH)
			imm &= class == BPF_ALU64 ? 63 : 31;
		if ((op == BPF_DIV || op == BPF_MOD) && !imm)
			imm = 3;
		vg_emit(g, VG_INSN(class | op | BPF_K, dst, 0, off, imm));
	} else {
		vg_emit(g, VG_INSN(class | op | BPF_X, dst, vg_src(g), off, 0));
	}
}

static void vg_mem_access(struct vgen *g, u8 base)
{
	static const u8 sizes[] = { BPF_B, BPF_H, BPF_W, BPF_DW };
	u8 size = sizes[vg_below(g, 4)];
	u32 bytes = size == BPF_DW ? 8 : size == BPF_W ? 4 : size == BPF_H ? 2 : 1;
	s16 off;

	if (base == BPF_REG_10)
		off = (s16)(-(s32)(vg_below(g, 9) * 8) + (s32)(vg_below(g, 8) / bytes * bytes) - 8);
	else if (base == BPF_REG_6)
		off = (s16)(vg_below(g, 23) * 8 - 8 + vg_below(g, 3) * (s32)bytes);
	else
		off = (s16)((s32)vg_below(g, 28) - 8);
	switch (vg_below(g, 8)) {
	case 0:
	case 1:
	case 2:
		vg_emit(g, VG_INSN(BPF_LDX | BPF_MEM | size, vg_dst(g), base, off, 0));
		break;
	case 3:
		if (size != BPF_DW) {
			vg_emit(g, VG_INSN(BPF_LDX | BPF_MEMSX | size, vg_dst(g), base, off, 0));
			break;
		}
		/* fall through */
	case 4:
	case 5:
		vg_emit(g, VG_INSN(BPF_STX | BPF_MEM | size, base, vg_src(g), off, 0));
		break;
	case 6:
		vg_emit(g, VG_INSN(BPF_ST | BPF_MEM | size, base, 0, off, vg_imm(g)));
		break;
	default:
		if (size == BPF_W || size == BPF_DW)
			vg_emit(g, VG_INSN(BPF_STX | BPF_ATOMIC | size, base, vg_src(g), off,
					   vg_below(g, 2) ? BPF_ADD : BPF_ADD | BPF_FETCH));
		break;
	}
}

static void vg_jump(struct vgen *g, bool back_ok)
{
	static const u8 ops[] = { BPF_JEQ, BPF_JGT, BPF_JGE, BPF_JSET, BPF_JNE, BPF_JSGT, BPF_JSGE,
				  BPF_JLT, BPF_JLE, BPF_JSLT, BPF_JSLE };
	u8 class = vg_below(g, 3) ? BPF_JMP : BPF_JMP32;
	u8 op = ops[vg_below(g, ARRAY_SIZE(ops))];
	s16 off = (s16)vg_below(g, 6);

	if (back_ok && vg_below(g, 64) == 0)
		off = (s16)-(s16)(vg_below(g, g->len < 6 ? g->len : 6) + 1);
	if (vg_below(g, 2))
		vg_emit(g, VG_INSN(class | op | BPF_K, vg_src(g), 0, off, vg_imm(g)));
	else
		vg_emit(g, VG_INSN(class | op | BPF_X, vg_src(g), vg_src(g), off, 0));
}

/* A map lookup, usually checked for NULL, with accesses to the value. */
static void vg_lookup_piece(struct vgen *g)
{
	u32 map = vg_below(g, 2);
	u32 key_size = map ? 8 : 4;
	u32 uses = vg_below(g, 4), guard = g->len;
	bool check = vg_below(g, 6) != 0;
	u8 keep = vg_below(g, 2) ? BPF_REG_7 : BPF_REG_0;

	if (vg_below(g, 5))
		vg_emit(g, VG_INSN(BPF_ST | BPF_MEM | (key_size == 8 ? BPF_DW : BPF_W), BPF_REG_10, 0,
				   (s16)-(s16)key_size, vg_below(g, 6)));
	vg_emit(g, VG_INSN(BPF_ALU64 | BPF_MOV | BPF_X, BPF_REG_2, BPF_REG_10, 0, 0));
	vg_emit(g, VG_INSN(BPF_ALU64 | BPF_ADD | BPF_K, BPF_REG_2, 0, 0, -(s32)key_size));
	vg_ld_map(g, BPF_REG_1, map);
	vg_emit(g, VG_INSN(BPF_JMP | BPF_CALL, 0, 0, 0, BPF_FUNC_map_lookup_elem));
	vg_refill(g);
	if (keep != BPF_REG_0)
		vg_emit(g, VG_INSN(BPF_ALU64 | BPF_MOV | BPF_X, keep, BPF_REG_0, 0, 0));
	if (check) {
		guard = g->len;
		vg_emit(g, VG_INSN(BPF_JMP | (vg_below(g, 2) ? BPF_JEQ : BPF_JNE) | BPF_K,
				   vg_below(g, 2) ? keep : BPF_REG_0, 0, 0, 0));
	}
	for (u32 i = 0; i < uses; i++) {
		if (vg_below(g, 4) == 0) {
			/* A variable offset, masked or not. */
			u8 idx = BPF_REG_8;

			if (vg_below(g, 3))
				vg_emit(g, VG_INSN(BPF_ALU64 | BPF_AND | BPF_K, idx, 0, 0,
						   (s32)vg_below(g, 16)));
			vg_emit(g, VG_INSN(BPF_ALU64 | BPF_ADD | BPF_X, keep, idx, 0, 0));
		}
		vg_mem_access(g, keep);
	}
	if (check && g->len > guard + 1) {
		/* if r0 == 0: skip the uses; if r0 != 0: the uses run only when... the same. */
		struct bpf_insn *j = &g->insns[guard];

		if (BPF_OP(j->code) == BPF_JEQ)
			j->off = (s16)(g->len - guard - 1);
		else
			j->off = 0; /* "if r0 != 0 goto +0": a check that protects nothing */
	}
}

static void vg_ringbuf_piece(struct vgen *g)
{
	static const s32 sizes[] = { 8, 16, 24, 64, 100 };
	u32 guard;

	vg_ld_map(g, BPF_REG_1, 2);
	vg_emit(g, VG_INSN(BPF_ALU64 | BPF_MOV | BPF_K, BPF_REG_2, 0, 0, sizes[vg_below(g, 5)]));
	vg_emit(g, VG_INSN(BPF_ALU64 | BPF_MOV | BPF_K, BPF_REG_3, 0, 0, 0));
	vg_emit(g, VG_INSN(BPF_JMP | BPF_CALL, 0, 0, 0, BPF_FUNC_ringbuf_reserve));
	vg_refill(g);
	guard = g->len;
	if (vg_below(g, 6))
		vg_emit(g, VG_INSN(BPF_JMP | BPF_JEQ | BPF_K, BPF_REG_0, 0, 0, 0));
	for (u32 i = vg_below(g, 3); i > 0; i--)
		vg_mem_access(g, BPF_REG_0);
	if (vg_below(g, 8)) {
		vg_emit(g, VG_INSN(BPF_ALU64 | BPF_MOV | BPF_X, BPF_REG_1, BPF_REG_0, 0, 0));
		vg_emit(g, VG_INSN(BPF_ALU64 | BPF_MOV | BPF_K, BPF_REG_2, 0, 0, 0));
		vg_emit(g, VG_INSN(BPF_JMP | BPF_CALL, 0, 0, 0,
				   vg_below(g, 2) ? BPF_FUNC_ringbuf_submit : BPF_FUNC_ringbuf_discard));
		vg_refill(g);
	}
	if (g->len > guard + 1 && BPF_OP(g->insns[guard].code) == BPF_JEQ)
		g->insns[guard].off = (s16)(g->len - guard - 1);
}

/* An access to the stack at a variable offset: r7 = fp-32 + (r8 & mask). */
static void vg_var_stack(struct vgen *g)
{
	static const s32 masks[] = { 0x18, 0x10, 0x1f, 0x38, 0xff };

	vg_emit(g, VG_INSN(BPF_ALU64 | BPF_AND | BPF_K, BPF_REG_8, 0, 0, masks[vg_below(g, 5)]));
	vg_emit(g, VG_INSN(BPF_ALU64 | BPF_MOV | BPF_X, BPF_REG_7, BPF_REG_10, 0, 0));
	vg_emit(g, VG_INSN(BPF_ALU64 | BPF_ADD | BPF_K, BPF_REG_7, 0, 0, -32));
	vg_emit(g, VG_INSN(BPF_ALU64 | BPF_ADD | BPF_X, BPF_REG_7, BPF_REG_8, 0, 0));
	vg_mem_access(g, BPF_REG_7);
}

/* A call of the subprogram, r1 pointing into this frame's stack (patched at the end). */
static void vg_call_piece(struct vgen *g)
{
	if (!g->has_sub || g->nr_calls == ARRAY_SIZE(g->calls))
		return;
	vg_emit(g, VG_INSN(BPF_ALU64 | BPF_MOV | BPF_X, BPF_REG_1, BPF_REG_10, 0, 0));
	vg_emit(g, VG_INSN(BPF_ALU64 | BPF_ADD | BPF_K, BPF_REG_1, 0, 0,
			   -(s32)(vg_below(g, 8) + 1) * 8));
	vg_emit(g, VG_INSN(BPF_ALU64 | BPF_MOV | BPF_K, BPF_REG_2, 0, 0, vg_imm(g)));
	g->calls[g->nr_calls++] = g->len;
	vg_emit(g, VG_INSN(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, 0));
	vg_refill(g);
}

/* A counted loop: counter in r8 or r9, a few instructions of body. */
static void vg_loop(struct vgen *g, u32 depth);
static void vg_piece(struct vgen *g, u32 depth);

static void vg_loop(struct vgen *g, u32 depth)
{
	u8 ctr = BPF_REG_9;
	u32 head;

	u32 init = g->len;

	vg_emit(g, VG_INSN(BPF_ALU64 | BPF_MOV | BPF_K, ctr, 0, 0, 0));
	head = g->len;
	for (u32 i = vg_below(g, 4) + 1; i > 0; i--)
		vg_piece(g, depth + 1);
	vg_emit(g, VG_INSN(BPF_ALU64 | BPF_ADD | BPF_K, ctr, 0, 0, 1));
	vg_emit(g, VG_INSN(BPF_JMP | (vg_below(g, 2) ? BPF_JLT : BPF_JNE) | BPF_K, ctr, 0,
			   (s16)((s32)head - (s32)g->len - 1), (s32)vg_below(g, 40) + 1));
	if (g->nr_loops < 32) {
		g->loops[g->nr_loops][0] = init;
		g->loops[g->nr_loops][1] = g->len - 1;
		g->nr_loops++;
	}
}

static void vg_piece(struct vgen *g, u32 depth)
{
	u32 pick = vg_below(g, 100);

	if (pick < 35)
		vg_alu(g);
	else if (pick < 48)
		vg_mem_access(g, vg_below(g, 3) ? BPF_REG_10 : vg_below(g, 2) ? BPF_REG_6 : vg_src(g));
	else if (pick < 62)
		vg_jump(g, depth == 0);
	else if (pick < 74)
		vg_lookup_piece(g);
	else if (pick < 79)
		vg_ringbuf_piece(g);
	else if (pick < 85) {
		vg_emit(g, VG_INSN(BPF_JMP | BPF_CALL, 0, 0, 0,
				   vg_below(g, 2) ? BPF_FUNC_ktime_get_ns : BPF_FUNC_get_prandom_u32));
		vg_refill(g);
	} else if (pick < 90 && depth == 0) {
		vg_loop(g, depth);
	} else if (pick < 93) {
		vg_var_stack(g);
	} else if (pick < 96 && depth == 0) {
		vg_call_piece(g);
	} else {
		vg_emit(g, VG_INSN(BPF_ALU64 | BPF_MOV | BPF_X, vg_dst(g), vg_src(g), 0, 0));
	}
}

/* Jumps past the end of their region land on its exit; never inside a 64-bit load. */
static void vg_fix_jumps(struct vgen *g, u32 start, u32 end)
{
	for (u32 i = start; i < end; i++) {
		struct bpf_insn *insn = &g->insns[i];
		u8 class = BPF_CLASS(insn->code), op = BPF_OP(insn->code);
		s64 t;

		if (bpf_insn_is_ld_imm64(insn)) {
			i++;
			continue;
		}
		if ((class != BPF_JMP && class != BPF_JMP32) || op == BPF_CALL || op == BPF_EXIT)
			continue;
		t = (s64)i + 1 + insn->off;
		if (t >= end)
			t = end - 1;
		/* Into a counted loop from outside: to its counter's set-up instead. */
		for (u32 l = 0; l < g->nr_loops; l++)
			if (t > g->loops[l][0] && t <= g->loops[l][1] &&
			    (i < g->loops[l][0] || i > g->loops[l][1]))
				t = g->loops[l][0];
		if (t > 0 && bpf_insn_is_ld_imm64(&g->insns[t - 1]))
			t++;
		if (t < start)
			t = start;
		insn->off = (s16)(t - i - 1);
	}
}

/* A whole program: set up registers, pieces, r0, exit. */
static void vg_generate(struct vgen *g, const u8 *data, size_t size, u64 seed)
{
	u32 pieces, main_end;

	memset(g, 0, sizeof(*g));
	g->data = data;
	g->size = size;
	g->rng = seed * 0x2545f4914f6cdd1dull + 0x9e3779b97f4a7c15ull;
	vg_emit(g, VG_INSN(BPF_ALU64 | BPF_MOV | BPF_X, BPF_REG_6, BPF_REG_1, 0, 0));
	for (u8 r = 0; r < 10; r++) {
		if (r == 6 || vg_below(g, 64) == 0)
			continue;
		switch (vg_below(g, 6)) {
		case 0:
		case 1:
		case 2:
			vg_emit(g, VG_INSN(BPF_ALU64 | BPF_MOV | BPF_K, r, 0, 0, vg_imm(g)));
			break;
		case 3:
		case 4:
			vg_emit(g, VG_INSN(BPF_LDX | BPF_MEM | BPF_DW, r, BPF_REG_6,
					   (s16)(vg_below(g, 21) * 8), 0));
			break;
		default:
			vg_emit(g, VG_INSN(BPF_ALU64 | BPF_MOV | BPF_X, r, BPF_REG_10, 0, 0));
			vg_emit(g, VG_INSN(BPF_ALU64 | BPF_ADD | BPF_K, r, 0, 0,
					   -(s32)(vg_below(g, 8) + 1) * 8));
			break;
		}
	}
	/* Most of the stack slots the pieces use start written. */
	for (s16 slot = 1; slot <= 9; slot++)
		if (vg_below(g, 8))
			vg_emit(g, VG_INSN(BPF_ST | BPF_MEM | BPF_DW, BPF_REG_10, 0, (s16)(-8 * slot),
					   vg_imm(g)));
	g->has_sub = vg_below(g, 3) == 0;
	pieces = vg_below(g, 12) + 1;
	for (u32 i = 0; i < pieces && !g->overflow; i++)
		vg_piece(g, 0);
	if (vg_below(g, 4))
		vg_emit(g, VG_INSN(BPF_ALU64 | BPF_MOV | BPF_K, BPF_REG_0, 0, 0, vg_imm(g)));
	vg_emit(g, VG_INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0));
	main_end = g->len;
	if (g->has_sub && g->nr_calls) {
		/* The subprogram: r1 (a pointer to its caller's stack) and r2 are its arguments. */
		u32 sub = g->len;

		for (u8 r = 0; r < 10; r++)
			if (r != 1 && r != 2 && vg_below(g, 8))
				vg_emit(g, VG_INSN(BPF_ALU64 | BPF_MOV | BPF_K, r, 0, 0, vg_imm(g)));
		vg_emit(g, VG_INSN(BPF_ALU64 | BPF_MOV | BPF_X, BPF_REG_6, BPF_REG_1, 0, 0));
		for (u32 i = vg_below(g, 6) + 1; i > 0 && !g->overflow; i--) {
			if (vg_below(g, 3) == 0)
				vg_mem_access(g, BPF_REG_6);
			else
				vg_piece(g, 1);
		}
		vg_emit(g, VG_INSN(BPF_ALU64 | BPF_MOV | BPF_K, BPF_REG_0, 0, 0, vg_imm(g)));
		vg_emit(g, VG_INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0));
		for (u32 c = 0; c < g->nr_calls; c++)
			g->insns[g->calls[c]].imm = (s32)(sub - g->calls[c] - 1);
		vg_fix_jumps(g, sub, g->len);
	} else {
		/* No subprogram after all: the calls become no-ops. */
		for (u32 c = 0; c < g->nr_calls; c++)
			g->insns[g->calls[c]] = VG_INSN(BPF_ALU64 | BPF_MOV | BPF_K, BPF_REG_0, 0, 0, 0);
	}
	vg_fix_jumps(g, 0, main_end);
}

/* ---- verify, and run what is accepted ---- */

static void vg_dump(const struct bpf_insn *insns, u32 len, FILE *out)
{
	char line[BPF_DISASM_LINE_MAX];

	for (u32 i = 0; i < len; i++) {
		int slots = bpf_disasm_insn(insns, len, i, line, sizeof(line));

		fprintf(out, "%4u: %s\n", i, line);
		if (slots == 2)
			i++;
	}
}

/* Verify the program. 0: accepted; a negative errno: refused. */
static int vg_verify(struct bpf_insn *insns, u32 len, char *log, u32 log_size, u32 level)
{
	union bpf_attr attr;
	struct bpf_prog prog;

	memset(&attr, 0, sizeof(attr));
	if (log) {
		attr.log_level = level;
		attr.log_buf = (u64)(uintptr_t)log;
		attr.log_size = log_size;
	}
	vg_prog(&prog, insns, len);
	return bpf_check(&prog, &attr, NULL);
}

/*
 * Run an accepted program with each region first and last. 0, or -1 with msg saying what
 * the checked interpreter (or the poison check) found.
 */
static int vg_run(struct bpf_insn *insns, u32 len, char *msg, size_t msg_size)
{
	struct bpf_prog prog;
	u8 before[VG_MEM_SIZE];

	vg_prog(&prog, insns, len);
	for (u32 run = 0; run < 2 * VG_NR_REGIONS; run++) {
		struct bpf_interp_check chk = { .mem = vg_mem, .mem_len = VG_MEM_SIZE,
						 .insn_limit = 100000000ull };
		u32 r = run / 2;
		int err;

		vg_layout(run % 2 ? (r + 1) % VG_NR_REGIONS : r, run % 2 ? r : (r + 1) % VG_NR_REGIONS);
		memcpy(before, vg_mem, sizeof(before));
		vg_call_count = 0;
		vg_run_index = run;
		err = bpf_interp_run_checked(&prog, (u64)(uintptr_t)(vg_mem + vg_region_off[0]), 0,
					     &chk);
		if (err) {
			snprintf(msg, msg_size, "run %u: %s", run, chk.msg);
			return -1;
		}
		/* The context is read-only; poison is nobody's. */
		for (u32 b = 0; b < VG_MEM_SIZE; b++) {
			bool in_rw = false, in_ctx = false;

			for (u32 k = 0; k < VG_NR_REGIONS; k++) {
				if (b >= vg_region_off[k] && b < vg_region_off[k] + vg_region_size[k]) {
					in_ctx = k == 0;
					in_rw = k != 0;
				}
			}
			if (!in_rw && vg_mem[b] != before[b]) {
				snprintf(msg, msg_size, "run %u: byte %u of %s was written", run, b,
					 in_ctx ? "the context" : "poison");
				return -1;
			}
		}
	}
	return 0;
}

#endif /* TESTS_FUZZ_VERIFIER_GEN_H */
