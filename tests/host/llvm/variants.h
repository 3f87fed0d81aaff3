/*
 * tests/host/llvm/variants.h - a spread of encodings for one opcode: registers, offsets and
 * immediates at their edges and at the values that make special forms (byte swap widths,
 * atomic operations, sign-extension widths, pseudo sources). Shared by the exhaustive round
 * trip of tests/host/test_disasm.c and the comparison with llvm-mc in test_llvm_disasm.c.
 */
#ifndef TESTS_HOST_LLVM_VARIANTS_H
#define TESTS_HOST_LLVM_VARIANTS_H

#include "bpf/uapi/bpf.h"

/* Called with one encoding: slots is 2 when the opcode is the 64-bit immediate load. */
typedef void (*variant_fn)(const struct bpf_insn *insns, unsigned int slots, void *ctx);

static const unsigned char variant_regs[][2] = {
    /* dst, src */
    {0, 0},  {1, 2}, {10, 9}, {3, 1},  {0, 5},	{0, 6},
    {2, 10}, {4, 3}, {5, 4},  {11, 0}, {0, 11}, {15, 15},
};

static const short variant_offs[] = {0, 1, -1, 3, 8, 16, 32, 100, 0x7fff, -0x8000};

static const int variant_imms[] = {
    0,
    1,
    -1,
    7,
    16,
    32,
    64,
    -4,
    70000,
    -70000,
    0x7fffffff,
    -0x7fffffff - 1,
    /* atomic operations: add, or, and, xor, each with and without fetch; xchg, cmpxchg */
    0x01,
    0x40,
    0x41,
    0x50,
    0x51,
    0xa0,
    0xa1,
    0xe1,
    0xf1,
};

static const int variant_imms2[] = {0, 1, -1, 0x12345678};

static inline void for_each_variant(unsigned char code, variant_fn fn, void *ctx)
{
	struct bpf_insn insns[2];
	unsigned int r, o, i, j;

	for (r = 0; r < sizeof(variant_regs) / sizeof(variant_regs[0]); r++)
		for (o = 0; o < sizeof(variant_offs) / sizeof(variant_offs[0]); o++)
			for (i = 0; i < sizeof(variant_imms) / sizeof(variant_imms[0]); i++) {
				memset(insns, 0, sizeof(insns));
				insns[0].code = code;
				insns[0].dst_reg = variant_regs[r][0];
				insns[0].src_reg = variant_regs[r][1];
				insns[0].off = variant_offs[o];
				insns[0].imm = variant_imms[i];
				if (code != (BPF_LD | BPF_IMM | BPF_DW)) {
					fn(insns, 1, ctx);
					continue;
				}
				for (j = 0; j < sizeof(variant_imms2) / sizeof(variant_imms2[0]);
				     j++) {
					insns[1].imm = variant_imms2[j];
					fn(insns, 2, ctx);
				}
			}
}

#endif /* TESTS_HOST_LLVM_VARIANTS_H */
