/*
 * tests/host/test_disasm.c - the disassembler (bpf/disasm.c): golden text for every
 * instruction class and form in both spellings, the "invalid insn" reasons, buffer limits,
 * and an exhaustive walk over all 256 opcodes with a spread of operands that checks the set of
 * valid opcodes against RFC 9669 and that assembling the text gives back the same bytes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

#include "bpf/asm.h"
#include "bpf/disasm.h"
#include "tests/host/llvm/variants.h"

extern long bpf_env_live_allocs;

#define INSN(c, d, s, o, i)                                                                        \
	{                                                                                          \
		.code = (c), .dst_reg = (d), .src_reg = (s), .off = (o), .imm = (i)                \
	}

struct golden {
	struct bpf_insn insn[2];
	const char *linux_text;
	const char *llvm_text; /* NULL: as LLVM prints it, the same as linux_text */
};

#define ALU64 BPF_ALU64
#define ALU32 BPF_ALU

static const struct golden goldens[] = {
    /* ALU64, immediate and register sources */
    {{INSN(ALU64 | BPF_ADD | BPF_K, 1, 0, 0, 5)}, "r1 += 5", "r1 += 0x5"},
    {{INSN(ALU64 | BPF_SUB | BPF_K, 2, 0, 0, -4)}, "r2 -= -4", "r2 -= -0x4"},
    {{INSN(ALU64 | BPF_MUL | BPF_X, 3, 4, 0, 0)}, "r3 *= r4", NULL},
    {{INSN(ALU64 | BPF_DIV | BPF_K, 1, 0, 0, 3)}, "r1 /= 3", "r1 /= 0x3"},
    {{INSN(ALU64 | BPF_OR | BPF_X, 9, 10, 0, 0)}, "r9 |= r10", NULL},
    {{INSN(ALU64 | BPF_AND | BPF_K, 1, 0, 0, 0xff)}, "r1 &= 255", "r1 &= 0xff"},
    {{INSN(ALU64 | BPF_LSH | BPF_K, 1, 0, 0, 63)}, "r1 <<= 63", "r1 <<= 0x3f"},
    {{INSN(ALU64 | BPF_RSH | BPF_X, 1, 2, 0, 0)}, "r1 >>= r2", NULL},
    {{INSN(ALU64 | BPF_MOD | BPF_K, 1, 0, 0, 10)}, "r1 %= 10", "r1 %= 0xa"},
    {{INSN(ALU64 | BPF_XOR | BPF_X, 0, 0, 0, 0)}, "r0 ^= r0", NULL},
    {{INSN(ALU64 | BPF_MOV | BPF_K, 0, 0, 0, 0)}, "r0 = 0", "r0 = 0x0"},
    {{INSN(ALU64 | BPF_MOV | BPF_K, 1, 0, 0, -0x7fffffff - 1)},
     "r1 = -2147483648",
     "r1 = -0x80000000"},
    {{INSN(ALU64 | BPF_MOV | BPF_X, 1, 10, 0, 0)}, "r1 = r10", NULL},
    {{INSN(ALU64 | BPF_ARSH | BPF_K, 1, 0, 0, 7)}, "r1 s>>= 7", "r1 s>>= 0x7"},
    {{INSN(ALU64 | BPF_NEG, 1, 0, 0, 0)}, "r1 = -r1", NULL},
    {{INSN(ALU64 | BPF_DIV | BPF_X, 1, 2, 1, 0)}, "r1 s/= r2", NULL},
    {{INSN(ALU64 | BPF_MOD | BPF_K, 1, 0, 1, -3)}, "r1 s%= -3", "r1 s%= -0x3"},
    {{INSN(ALU64 | BPF_MOV | BPF_X, 1, 2, 8, 0)}, "r1 = (s8)r2", NULL},
    {{INSN(ALU64 | BPF_MOV | BPF_X, 1, 2, 16, 0)}, "r1 = (s16)r2", NULL},
    {{INSN(ALU64 | BPF_MOV | BPF_X, 1, 2, 32, 0)}, "r1 = (s32)r2", NULL},
    {{INSN(ALU64 | BPF_END | BPF_TO_LE, 1, 0, 0, 16)}, "r1 = bswap16 r1", NULL},
    {{INSN(ALU64 | BPF_END | BPF_TO_LE, 2, 0, 0, 32)}, "r2 = bswap32 r2", NULL},
    {{INSN(ALU64 | BPF_END | BPF_TO_LE, 3, 0, 0, 64)}, "r3 = bswap64 r3", NULL},

    /* ALU, 32 bits: w registers */
    {{INSN(ALU32 | BPF_ADD | BPF_X, 1, 2, 0, 0)}, "w1 += w2", NULL},
    {{INSN(ALU32 | BPF_SUB | BPF_K, 1, 0, 0, 1)}, "w1 -= 1", "w1 -= 0x1"},
    {{INSN(ALU32 | BPF_MUL | BPF_K, 1, 0, 0, 3)}, "w1 *= 3", "w1 *= 0x3"},
    {{INSN(ALU32 | BPF_DIV | BPF_X, 1, 2, 0, 0)}, "w1 /= w2", NULL},
    {{INSN(ALU32 | BPF_OR | BPF_K, 1, 0, 0, 1)}, "w1 |= 1", "w1 |= 0x1"},
    {{INSN(ALU32 | BPF_AND | BPF_X, 1, 2, 0, 0)}, "w1 &= w2", NULL},
    {{INSN(ALU32 | BPF_LSH | BPF_X, 1, 2, 0, 0)}, "w1 <<= w2", NULL},
    {{INSN(ALU32 | BPF_RSH | BPF_K, 1, 0, 0, 31)}, "w1 >>= 31", "w1 >>= 0x1f"},
    {{INSN(ALU32 | BPF_MOD | BPF_X, 1, 2, 0, 0)}, "w1 %= w2", NULL},
    {{INSN(ALU32 | BPF_XOR | BPF_K, 1, 0, 0, -1)}, "w1 ^= -1", "w1 ^= -0x1"},
    {{INSN(ALU32 | BPF_MOV | BPF_K, 0, 0, 0, -1)}, "w0 = -1", "w0 = -0x1"},
    {{INSN(ALU32 | BPF_MOV | BPF_X, 0, 1, 0, 0)}, "w0 = w1", NULL},
    {{INSN(ALU32 | BPF_ARSH | BPF_X, 1, 2, 0, 0)}, "w1 s>>= w2", NULL},
    {{INSN(ALU32 | BPF_NEG, 1, 0, 0, 0)}, "w1 = -w1", NULL},
    {{INSN(ALU32 | BPF_DIV | BPF_X, 1, 2, 1, 0)}, "w1 s/= w2", NULL},
    {{INSN(ALU32 | BPF_MOD | BPF_K, 1, 0, 1, 5)}, "w1 s%= 5", "w1 s%= 0x5"},
    {{INSN(ALU32 | BPF_MOV | BPF_X, 1, 2, 8, 0)}, "w1 = (s8)w2", NULL},
    {{INSN(ALU32 | BPF_MOV | BPF_X, 1, 2, 16, 0)}, "w1 = (s16)w2", NULL},
    {{INSN(ALU32 | BPF_END | BPF_TO_BE, 1, 0, 0, 16)}, "r1 = be16 r1", NULL},
    {{INSN(ALU32 | BPF_END | BPF_TO_BE, 1, 0, 0, 32)}, "r1 = be32 r1", NULL},
    {{INSN(ALU32 | BPF_END | BPF_TO_BE, 1, 0, 0, 64)}, "r1 = be64 r1", NULL},
    {{INSN(ALU32 | BPF_END | BPF_TO_LE, 4, 0, 0, 16)}, "r4 = le16 r4", NULL},
    {{INSN(ALU32 | BPF_END | BPF_TO_LE, 4, 0, 0, 32)}, "r4 = le32 r4", NULL},
    {{INSN(ALU32 | BPF_END | BPF_TO_LE, 4, 0, 0, 64)}, "r4 = le64 r4", NULL},

    /* loads, plain and sign-extending; LLVM names the 32-bit ones w */
    {{INSN(BPF_LDX | BPF_MEM | BPF_DW, 1, 10, -8, 0)},
     "r1 = *(u64 *)(r10 -8)",
     "r1 = *(u64 *)(r10 - 0x8)"},
    {{INSN(BPF_LDX | BPF_MEM | BPF_W, 1, 2, 4, 0)},
     "r1 = *(u32 *)(r2 +4)",
     "w1 = *(u32 *)(r2 + 0x4)"},
    {{INSN(BPF_LDX | BPF_MEM | BPF_H, 0, 1, 0, 0)},
     "r0 = *(u16 *)(r1 +0)",
     "w0 = *(u16 *)(r1 + 0x0)"},
    {{INSN(BPF_LDX | BPF_MEM | BPF_B, 0, 1, -0x8000, 0)},
     "r0 = *(u8 *)(r1 -32768)",
     "w0 = *(u8 *)(r1 - 0x8000)"},
    {{INSN(BPF_LDX | BPF_MEMSX | BPF_W, 1, 2, 0x7fff, 0)},
     "r1 = *(s32 *)(r2 +32767)",
     "r1 = *(s32 *)(r2 + 0x7fff)"},
    {{INSN(BPF_LDX | BPF_MEMSX | BPF_H, 1, 2, 4, 0)},
     "r1 = *(s16 *)(r2 +4)",
     "r1 = *(s16 *)(r2 + 0x4)"},
    {{INSN(BPF_LDX | BPF_MEMSX | BPF_B, 1, 2, -1, 0)},
     "r1 = *(s8 *)(r2 -1)",
     "r1 = *(s8 *)(r2 - 0x1)"},

    /* stores of an immediate and of a register */
    {{INSN(BPF_ST | BPF_MEM | BPF_B, 10, 0, -1, 7)},
     "*(u8 *)(r10 -1) = 7",
     "*(u8 *)(r10 - 0x1) = 0x7"},
    {{INSN(BPF_ST | BPF_MEM | BPF_H, 10, 0, -2, 0x1234)},
     "*(u16 *)(r10 -2) = 4660",
     "*(u16 *)(r10 - 0x2) = 0x1234"},
    {{INSN(BPF_ST | BPF_MEM | BPF_W, 1, 0, 4, -7)},
     "*(u32 *)(r1 +4) = -7",
     "*(u32 *)(r1 + 0x4) = -0x7"},
    {{INSN(BPF_ST | BPF_MEM | BPF_DW, 1, 0, 16, -1)},
     "*(u64 *)(r1 +16) = -1",
     "*(u64 *)(r1 + 0x10) = -0x1"},
    {{INSN(BPF_STX | BPF_MEM | BPF_W, 1, 2, 4, 0)},
     "*(u32 *)(r1 +4) = r2",
     "*(u32 *)(r1 + 0x4) = w2"},
    {{INSN(BPF_STX | BPF_MEM | BPF_DW, 10, 1, -8, 0)},
     "*(u64 *)(r10 -8) = r1",
     "*(u64 *)(r10 - 0x8) = r1"},
    {{INSN(BPF_STX | BPF_MEM | BPF_H, 10, 1, -2, 0)},
     "*(u16 *)(r10 -2) = r1",
     "*(u16 *)(r10 - 0x2) = w1"},
    {{INSN(BPF_STX | BPF_MEM | BPF_B, 10, 1, -1, 0)},
     "*(u8 *)(r10 -1) = r1",
     "*(u8 *)(r10 - 0x1) = w1"},

    /* atomics, 64 and 32 bits */
    {{INSN(BPF_STX | BPF_ATOMIC | BPF_DW, 1, 2, 0, BPF_ADD)},
     "lock *(u64 *)(r1 +0) += r2",
     "lock *(u64 *)(r1 + 0x0) += r2"},
    {{INSN(BPF_STX | BPF_ATOMIC | BPF_DW, 1, 2, 8, BPF_AND)},
     "lock *(u64 *)(r1 +8) &= r2",
     "lock *(u64 *)(r1 + 0x8) &= r2"},
    {{INSN(BPF_STX | BPF_ATOMIC | BPF_W, 1, 2, 0, BPF_OR)},
     "lock *(u32 *)(r1 +0) |= r2",
     "lock *(u32 *)(r1 + 0x0) |= w2"},
    {{INSN(BPF_STX | BPF_ATOMIC | BPF_W, 1, 2, -4, BPF_XOR)},
     "lock *(u32 *)(r1 -4) ^= r2",
     "lock *(u32 *)(r1 - 0x4) ^= w2"},
    {{INSN(BPF_STX | BPF_ATOMIC | BPF_DW, 1, 2, 0, BPF_ADD | BPF_FETCH)},
     "r2 = atomic64_fetch_add((u64 *)(r1 +0), r2)",
     "r2 = atomic_fetch_add((u64 *)(r1 + 0x0), r2)"},
    {{INSN(BPF_STX | BPF_ATOMIC | BPF_DW, 1, 3, 0, BPF_AND | BPF_FETCH)},
     "r3 = atomic64_fetch_and((u64 *)(r1 +0), r3)",
     "r3 = atomic_fetch_and((u64 *)(r1 + 0x0), r3)"},
    {{INSN(BPF_STX | BPF_ATOMIC | BPF_W, 1, 2, 0, BPF_OR | BPF_FETCH)},
     "r2 = atomic_fetch_or((u32 *)(r1 +0), r2)",
     "w2 = atomic_fetch_or((u32 *)(r1 + 0x0), w2)"},
    {{INSN(BPF_STX | BPF_ATOMIC | BPF_W, 1, 2, 0, BPF_XOR | BPF_FETCH)},
     "r2 = atomic_fetch_xor((u32 *)(r1 +0), r2)",
     "w2 = atomic_fetch_xor((u32 *)(r1 + 0x0), w2)"},
    {{INSN(BPF_STX | BPF_ATOMIC | BPF_DW, 1, 2, 0, BPF_XCHG)},
     "r2 = atomic64_xchg((u64 *)(r1 +0), r2)",
     "r2 = xchg_64(r1 + 0x0, r2)"},
    {{INSN(BPF_STX | BPF_ATOMIC | BPF_W, 1, 2, 0, BPF_XCHG)},
     "r2 = atomic_xchg((u32 *)(r1 +0), r2)",
     "w2 = xchg32_32(r1 + 0x0, w2)"},
    {{INSN(BPF_STX | BPF_ATOMIC | BPF_DW, 1, 2, 0, BPF_CMPXCHG)},
     "r0 = atomic64_cmpxchg((u64 *)(r1 +0), r0, r2)",
     "r0 = cmpxchg_64(r1 + 0x0, r0, r2)"},
    {{INSN(BPF_STX | BPF_ATOMIC | BPF_W, 1, 2, -8, BPF_CMPXCHG)},
     "r0 = atomic_cmpxchg((u32 *)(r1 -8), r0, r2)",
     "w0 = cmpxchg32_32(r1 - 0x8, w0, w2)"},

    /* the 64-bit immediate load, plain and with a map */
    {{INSN(BPF_LD | BPF_IMM | BPF_DW, 0, 0, 0, 0x1234), INSN(0, 0, 0, 0, 0)},
     "r0 = 0x1234 ll",
     NULL},
    {{INSN(BPF_LD | BPF_IMM | BPF_DW, 1, 0, 0, -1), INSN(0, 0, 0, 0, -1)},
     "r1 = 0xffffffffffffffff ll",
     "r1 = -0x1 ll"},
    {{INSN(BPF_LD | BPF_IMM | BPF_DW, 1, 0, 0, 0), INSN(0, 0, 0, 0, 1)},
     "r1 = 0x100000000 ll",
     NULL},
    {{INSN(BPF_LD | BPF_IMM | BPF_DW, 1, 0, 0, 0), INSN(0, 0, 0, 0, 0)}, "r1 = 0x0 ll", NULL},
    {{INSN(BPF_LD | BPF_IMM | BPF_DW, 1, BPF_PSEUDO_MAP_FD, 0, 5), INSN(0, 0, 0, 0, 0)},
     "r1 = map[fd:5]",
     "ld_pseudo\tr1, 0x1, 0x5"},
    {{INSN(BPF_LD | BPF_IMM | BPF_DW, 2, BPF_PSEUDO_MAP_VALUE, 0, 5), INSN(0, 0, 0, 0, 16)},
     "r2 = map[fd:5][0]+16",
     "ld_pseudo\tr2, 0x2, 0x5"},
    {{INSN(BPF_LD | BPF_IMM | BPF_DW, 3, BPF_PSEUDO_MAP_IDX, 0, 0), INSN(0, 0, 0, 0, 0)},
     "r3 = map[idx:0]",
     "ld_pseudo\tr3, 0x5, 0x0"},
    {{INSN(BPF_LD | BPF_IMM | BPF_DW, 3, BPF_PSEUDO_MAP_IDX_VALUE, 0, 2), INSN(0, 0, 0, 0, 8)},
     "r3 = map[idx:2][0]+8",
     "ld_pseudo\tr3, 0x6, 0x2"},

    /* jumps */
    {{INSN(BPF_JMP | BPF_JA, 0, 0, 2, 0)}, "goto pc+2", "goto +0x2"},
    {{INSN(BPF_JMP | BPF_JA, 0, 0, -1, 0)}, "goto pc-1", "goto -0x1"},
    {{INSN(BPF_JMP | BPF_JA, 0, 0, 0, 0)}, "goto pc+0", "goto +0x0"},
    {{INSN(BPF_JMP32 | BPF_JA, 0, 0, 0, 70000)}, "gotol pc+70000", "gotol +0x11170"},
    {{INSN(BPF_JMP32 | BPF_JA, 0, 0, 0, -70000)}, "gotol pc-70000", "gotol -0x11170"},
    {{INSN(BPF_JMP | BPF_JEQ | BPF_K, 1, 0, 3, 0)},
     "if r1 == 0x0 goto pc+3",
     "if r1 == 0x0 goto +0x3"},
    {{INSN(BPF_JMP | BPF_JGT | BPF_K, 1, 0, 3, 5)},
     "if r1 > 0x5 goto pc+3",
     "if r1 > 0x5 goto +0x3"},
    {{INSN(BPF_JMP | BPF_JGE | BPF_X, 1, 2, -3, 0)},
     "if r1 >= r2 goto pc-3",
     "if r1 >= r2 goto -0x3"},
    {{INSN(BPF_JMP | BPF_JSET | BPF_K, 1, 0, 1, 0x10)},
     "if r1 & 0x10 goto pc+1",
     "if r1 & 0x10 goto +0x1"},
    {{INSN(BPF_JMP | BPF_JNE | BPF_X, 1, 2, 1, 0)},
     "if r1 != r2 goto pc+1",
     "if r1 != r2 goto +0x1"},
    {{INSN(BPF_JMP | BPF_JSGT | BPF_K, 1, 0, 1, -1)},
     "if r1 s> 0xffffffff goto pc+1",
     "if r1 s> -0x1 goto +0x1"},
    {{INSN(BPF_JMP | BPF_JSGE | BPF_X, 1, 2, 0x7fff, 0)},
     "if r1 s>= r2 goto pc+32767",
     "if r1 s>= r2 goto +0x7fff"},
    {{INSN(BPF_JMP | BPF_JLT | BPF_K, 1, 0, -0x8000, 9)},
     "if r1 < 0x9 goto pc-32768",
     "if r1 < 0x9 goto -0x8000"},
    {{INSN(BPF_JMP | BPF_JLE | BPF_X, 1, 2, 1, 0)},
     "if r1 <= r2 goto pc+1",
     "if r1 <= r2 goto +0x1"},
    {{INSN(BPF_JMP | BPF_JSLT | BPF_K, 1, 0, 1, 0x7fffffff)},
     "if r1 s< 0x7fffffff goto pc+1",
     "if r1 s< 0x7fffffff goto +0x1"},
    {{INSN(BPF_JMP | BPF_JSLE | BPF_X, 1, 2, 1, 0)},
     "if r1 s<= r2 goto pc+1",
     "if r1 s<= r2 goto +0x1"},
    {{INSN(BPF_JMP32 | BPF_JEQ | BPF_K, 1, 0, 3, 5)},
     "if w1 == 0x5 goto pc+3",
     "if w1 == 0x5 goto +0x3"},
    {{INSN(BPF_JMP32 | BPF_JSLT | BPF_X, 1, 2, -4, 0)},
     "if w1 s< w2 goto pc-4",
     "if w1 s< w2 goto -0x4"},
    {{INSN(BPF_JMP32 | BPF_JSET | BPF_X, 1, 2, 2, 0)},
     "if w1 & w2 goto pc+2",
     "if w1 & w2 goto +0x2"},
    {{INSN(BPF_JMP32 | BPF_JGT | BPF_K, 1, 0, 2, -0x7fffffff - 1)},
     "if w1 > 0x80000000 goto pc+2",
     "if w1 > -0x80000000 goto +0x2"},

    /* calls and exit */
    {{INSN(BPF_JMP | BPF_CALL, 0, 0, 0, 1)}, "call bpf_map_lookup_elem#1", "call 0x1"},
    {{INSN(BPF_JMP | BPF_CALL, 0, 0, 0, 5)}, "call bpf_ktime_get_ns#5", "call 0x5"},
    {{INSN(BPF_JMP | BPF_CALL, 0, 0, 0, 6)}, "call bpf_trace_printk#6", "call 0x6"},
    {{INSN(BPF_JMP | BPF_CALL, 0, 0, 0, 123456)}, "call unknown#123456", "call 0x1e240"},
    {{INSN(BPF_JMP | BPF_CALL, 0, 0, 0, -1)}, "call unknown#-1", "call -0x1"},
    {{INSN(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, 5)}, "call pc+5", "call 0x5"},
    {{INSN(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, -1)}, "call pc-1", "call -0x1"},
    {{INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0)}, "exit", NULL},
};

static void test_golden(void **state)
{
	char buf[BPF_DISASM_LINE_MAX];
	unsigned int i;
	int slots;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(goldens); i++) {
		const struct golden *g = &goldens[i];
		u32 len = g->insn[0].code == (BPF_LD | BPF_IMM | BPF_DW) ? 2 : 1;
		const char *llvm = g->llvm_text ? g->llvm_text : g->linux_text;

		slots = bpf_disasm_insn(g->insn, len, 0, buf, sizeof(buf));
		if (slots != (int)len || strcmp(buf, g->linux_text))
			fail_msg("golden %u: got \"%s\" (%d slots), want \"%s\"", i, buf, slots,
				 g->linux_text);
		slots = bpf_disasm_insn_syntax(g->insn, len, 0, buf, sizeof(buf), BPF_DISASM_LLVM);
		if (slots != (int)len || strcmp(buf, llvm))
			fail_msg("golden %u (llvm): got \"%s\", want \"%s\"", i, buf, llvm);
	}
}

struct invalid {
	struct bpf_insn insn[2];
	u32 len;
	const char *text;
};

static const struct invalid invalids[] = {
    {{INSN(0x07, 11, 0, 0, 0)}, 1, "invalid insn (0x07): bad register"},
    {{INSN(0x0f, 1, 12, 0, 0)}, 1, "invalid insn (0x0f): bad register"},
    {{INSN(0x07, 1, 1, 0, 5)}, 1, "invalid insn (0x07): reserved field not zero"},
    {{INSN(0x0f, 1, 2, 0, 1)}, 1, "invalid insn (0x0f): reserved field not zero"},
    {{INSN(0x07, 1, 0, 1, 5)}, 1, "invalid insn (0x07): bad offset"},
    {{INSN(0x37, 1, 0, 2, 5)}, 1, "invalid insn (0x37): bad offset"},
    {{INSN(0xb7, 1, 0, 8, 5)}, 1, "invalid insn (0xb7): bad offset"},
    {{INSN(0xbc, 1, 2, 32, 0)}, 1, "invalid insn (0xbc): bad offset"},
    {{INSN(0xbf, 1, 2, 64, 0)}, 1, "invalid insn (0xbf): bad offset"},
    {{INSN(0x8f, 1, 0, 0, 0)}, 1, "invalid insn (0x8f): unknown opcode"},
    {{INSN(0x87, 1, 0, 0, 1)}, 1, "invalid insn (0x87): reserved field not zero"},
    {{INSN(0xd4, 1, 0, 0, 8)}, 1, "invalid insn (0xd4): byte swap width not 16, 32 or 64"},
    {{INSN(0xdc, 1, 1, 0, 16)}, 1, "invalid insn (0xdc): reserved field not zero"},
    {{INSN(0xdf, 1, 0, 0, 16)}, 1, "invalid insn (0xdf): unknown opcode"},
    {{INSN(0xe7, 1, 0, 0, 0)}, 1, "invalid insn (0xe7): unknown opcode"},
    {{INSN(0xf4, 1, 0, 0, 0)}, 1, "invalid insn (0xf4): unknown opcode"},
    {{INSN(0x00, 0, 0, 0, 0)}, 1, "invalid insn (0x00): unknown opcode"},
    {{INSN(0x20, 0, 0, 0, 4)}, 1, "invalid insn (0x20): unknown opcode"},
    {{INSN(0x50, 0, 1, 0, 4)}, 1, "invalid insn (0x50): unknown opcode"},
    {{INSN(0x99, 1, 2, 0, 0)}, 1, "invalid insn (0x99): unknown opcode"},
    {{INSN(0x61, 1, 2, 0, 1)}, 1, "invalid insn (0x61): reserved field not zero"},
    {{INSN(0x62, 1, 2, 0, 1)}, 1, "invalid insn (0x62): reserved field not zero"},
    {{INSN(0xc2, 1, 0, 0, 1)}, 1, "invalid insn (0xc2): unknown opcode"},
    {{INSN(0xd3, 1, 2, 0, BPF_ADD)}, 1, "invalid insn (0xd3): unknown opcode"},
    {{INSN(0xdb, 1, 2, 0, 0x02)}, 1, "invalid insn (0xdb): unknown atomic operation"},
    {{INSN(0xdb, 1, 2, 0, BPF_SUB)}, 1, "invalid insn (0xdb): unknown atomic operation"},
    {{INSN(0x63, 1, 2, 0, 1)}, 1, "invalid insn (0x63): reserved field not zero"},
    {{INSN(0x18, 1, 0, 0, 5)}, 1, "invalid insn (0x18): truncated ld_imm64"},
    {{INSN(0x18, 1, 0, 1, 5), INSN(0, 0, 0, 0, 0)},
     2,
     "invalid insn (0x18): reserved field not zero"},
    {{INSN(0x18, 1, 0, 0, 5), INSN(0x07, 0, 0, 0, 0)},
     2,
     "invalid insn (0x18): bad second slot of ld_imm64"},
    {{INSN(0x18, 1, 0, 0, 5), INSN(0, 1, 0, 0, 0)},
     2,
     "invalid insn (0x18): bad second slot of ld_imm64"},
    {{INSN(0x18, 1, 3, 0, 5), INSN(0, 0, 0, 0, 0)},
     2,
     "invalid insn (0x18): unknown ld_imm64 source"},
    {{INSN(0x18, 1, 1, 0, 5), INSN(0, 0, 0, 0, 1)},
     2,
     "invalid insn (0x18): reserved field not zero"},
    {{INSN(0x0d, 0, 0, 1, 0)}, 1, "invalid insn (0x0d): unknown opcode"},
    {{INSN(0x05, 0, 0, 1, 1)}, 1, "invalid insn (0x05): reserved field not zero"},
    {{INSN(0x05, 1, 0, 1, 0)}, 1, "invalid insn (0x05): reserved field not zero"},
    {{INSN(0x06, 0, 0, 1, 1)}, 1, "invalid insn (0x06): reserved field not zero"},
    {{INSN(0x16, 1, 1, 1, 0)}, 1, "invalid insn (0x16): reserved field not zero"},
    {{INSN(0x1d, 1, 2, 1, 1)}, 1, "invalid insn (0x1d): reserved field not zero"},
    {{INSN(0x85, 0, 2, 0, 1)}, 1, "invalid insn (0x85): unknown call kind"},
    {{INSN(0x85, 1, 0, 0, 1)}, 1, "invalid insn (0x85): reserved field not zero"},
    {{INSN(0x86, 0, 0, 0, 1)}, 1, "invalid insn (0x86): unknown opcode"},
    {{INSN(0x8d, 1, 0, 0, 0)}, 1, "invalid insn (0x8d): unknown opcode"},
    {{INSN(0x95, 0, 0, 0, 1)}, 1, "invalid insn (0x95): reserved field not zero"},
    {{INSN(0x95, 0, 0, 1, 0)}, 1, "invalid insn (0x95): reserved field not zero"},
    {{INSN(0x96, 0, 0, 0, 0)}, 1, "invalid insn (0x96): unknown opcode"},
    {{INSN(0xe5, 0, 0, 1, 0)}, 1, "invalid insn (0xe5): unknown opcode"},
    {{INSN(0xf5, 0, 0, 0, 0)}, 1, "invalid insn (0xf5): unknown opcode"},
};

/* Invalid encodings print the same reason in both spellings and take one slot. */
static void test_invalid(void **state)
{
	char buf[BPF_DISASM_LINE_MAX];
	unsigned int i;
	int slots;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(invalids); i++) {
		const struct invalid *v = &invalids[i];

		slots = bpf_disasm_insn(v->insn, v->len, 0, buf, sizeof(buf));
		if (slots != 1 || strcmp(buf, v->text))
			fail_msg("invalid %u: got \"%s\" (%d slots), want \"%s\"", i, buf, slots,
				 v->text);
		slots =
		    bpf_disasm_insn_syntax(v->insn, v->len, 0, buf, sizeof(buf), BPF_DISASM_LLVM);
		if (slots != 1 || strcmp(buf, v->text))
			fail_msg("invalid %u (llvm): got \"%s\"", i, buf);
	}
}

/* A 64-bit load at the very end reads nothing past len; an index past len is an error. */
static void test_bounds(void **state)
{
	struct bpf_insn *prog = malloc(2 * sizeof(*prog));
	char buf[BPF_DISASM_LINE_MAX];

	(void)state;
	/* The ld_imm64 sits in the last slot of an exact-size allocation: ASan sees overreads. */
	prog[0] = (struct bpf_insn)INSN(BPF_ALU64 | BPF_MOV | BPF_K, 0, 0, 0, 0);
	prog[1] = (struct bpf_insn)INSN(BPF_LD | BPF_IMM | BPF_DW, 1, 0, 0, 7);
	assert_int_equal(bpf_disasm_insn(prog, 2, 1, buf, sizeof(buf)), 1);
	assert_string_equal(buf, "invalid insn (0x18): truncated ld_imm64");
	assert_int_equal(bpf_disasm_insn(prog, 2, 0, buf, sizeof(buf)), 1);
	assert_string_equal(buf, "r0 = 0");

	strcpy(buf, "junk");
	assert_int_equal(bpf_disasm_insn(prog, 2, 2, buf, sizeof(buf)), -EINVAL);
	assert_string_equal(buf, "");
	assert_int_equal(bpf_disasm_insn(prog, 0, 0, buf, sizeof(buf)), -EINVAL);
	assert_int_equal(bpf_disasm_insn(NULL, 1, 0, buf, sizeof(buf)), -EINVAL);
	free(prog);
}

/* Short buffers get a truncated, NUL-terminated line; size 0 writes nothing. */
static void test_short_buffer(void **state)
{
	const struct bpf_insn insn = INSN(BPF_LDX | BPF_MEM | BPF_DW, 1, 10, -8, 0);
	const struct bpf_insn bad = INSN(0xff, 0, 0, 0, 0);
	char buf[16];

	(void)state;
	memset(buf, 'x', sizeof(buf));
	assert_int_equal(bpf_disasm_insn(&insn, 1, 0, buf, 10), 1);
	assert_string_equal(buf, "r1 = *(u6");
	assert_int_equal(buf[10], 'x');

	memset(buf, 'x', sizeof(buf));
	assert_int_equal(bpf_disasm_insn(&bad, 1, 0, buf, 5), 1);
	assert_string_equal(buf, "inva");

	memset(buf, 'x', sizeof(buf));
	assert_int_equal(bpf_disasm_insn(&insn, 1, 0, buf, 1), 1);
	assert_string_equal(buf, "");
	memset(buf, 'x', sizeof(buf));
	assert_int_equal(bpf_disasm_insn(&insn, 1, 0, buf, 0), 1);
	assert_int_equal(buf[0], 'x');
}

static void test_helper_names(void **state)
{
	(void)state;
	assert_string_equal(bpf_helper_name(BPF_FUNC_map_lookup_elem), "bpf_map_lookup_elem");
	assert_string_equal(bpf_helper_name(BPF_FUNC_trace_printk), "bpf_trace_printk");
	assert_string_equal(bpf_helper_name(BPF_FUNC_ringbuf_output), "bpf_ringbuf_output");
	assert_string_equal(bpf_helper_name(__BPF_FUNC_MAX_ID - 1), "bpf_cgrp_storage_delete");
	assert_null(bpf_helper_name(__BPF_FUNC_MAX_ID));
	assert_null(bpf_helper_name(-1));
	assert_null(bpf_helper_name(0x7fffffff));
}

/*
 * The opcodes RFC 9669 defines (its appendix A), without the legacy packet loads: the set the
 * exhaustive walk below must find valid, no more and no less.
 */
static bool rfc9669_opcode(u8 code)
{
	static const u8 alu_ops[] = {0x00, 0x10, 0x20, 0x30, 0x40, 0x50,
				     0x60, 0x70, 0x90, 0xa0, 0xb0, 0xc0};
	static const u8 jmp_ops[] = {0x10, 0x20, 0x30, 0x40, 0x50, 0x60,
				     0x70, 0xa0, 0xb0, 0xc0, 0xd0};
	static const u8 others[] = {
	    0x84, 0x87, 0xd4, 0xdc, 0xd7,	      /* neg, neg, le, be, bswap */
	    0x05, 0x06, 0x85, 0x95,		      /* ja, gotol, call, exit */
	    0x61, 0x69, 0x71, 0x79, 0x81, 0x89, 0x91, /* ldx, ldxsx */
	    0x62, 0x6a, 0x72, 0x7a,		      /* st */
	    0x63, 0x6b, 0x73, 0x7b, 0xc3, 0xdb,	      /* stx, atomic */
	    0x18,				      /* lddw */
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(alu_ops); i++)
		if ((code & 0xf7) == (alu_ops[i] | BPF_ALU) ||
		    (code & 0xf7) == (alu_ops[i] | BPF_ALU64))
			return true;
	for (i = 0; i < ARRAY_SIZE(jmp_ops); i++)
		if ((code & 0xf7) == (jmp_ops[i] | BPF_JMP) ||
		    (code & 0xf7) == (jmp_ops[i] | BPF_JMP32))
			return true;
	for (i = 0; i < ARRAY_SIZE(others); i++)
		if (code == others[i])
			return true;
	return false;
}

struct walk {
	unsigned long valid, invalid, llvm_lossy;
	bool opcode_valid[256];
};

static bool same_insns(const struct bpf_insn *a, const struct bpf_insn *b, u32 n)
{
	return !memcmp(a, b, n * sizeof(*a));
}

/* Assemble text, expecting exactly want[0..slots). */
static void check_assembles_to(const char *text, const struct bpf_insn *want, u32 slots,
			       const char *what)
{
	struct bpf_insn *got;
	char err[160];
	u32 len;
	int ret = bpf_asm(text, &got, &len, err, sizeof(err));

	if (ret)
		fail_msg("%s: \"%s\" does not assemble: %s", what, text, err);
	if (len != slots || !same_insns(got, want, slots))
		fail_msg("%s: \"%s\" assembles to %02x %u %u %d %d, not %02x %u %u %d %d", what,
			 text, got[0].code, got[0].dst_reg, got[0].src_reg, got[0].off, got[0].imm,
			 want[0].code, want[0].dst_reg, want[0].src_reg, want[0].off, want[0].imm);
	bpf_env_free(got);
}

static void walk_one(const struct bpf_insn *insns, unsigned int slots, void *ctx)
{
	struct walk *w = ctx;
	struct bpf_insn lossy[2];
	char text[BPF_DISASM_LINE_MAX], llvm[BPF_DISASM_LINE_MAX];
	int n = bpf_disasm_insn(insns, slots, 0, text, sizeof(text));
	int m = bpf_disasm_insn_syntax(insns, slots, 0, llvm, sizeof(llvm), BPF_DISASM_LLVM);

	if (n < 0 || m != n)
		fail_msg("opcode %02x: %d and %d slots", insns[0].code, n, m);
	if (!strncmp(text, "invalid insn (0x", 16)) {
		if (strcmp(text, llvm))
			fail_msg("invalid differs between spellings: %s / %s", text, llvm);
		w->invalid++;
		return;
	}
	if ((unsigned int)n != slots)
		fail_msg("\"%s\": %d slots, not %u", text, n, slots);
	w->valid++;
	w->opcode_valid[insns[0].code] = true;

	/* Linux's spelling: exact in both directions. */
	check_assembles_to(text, insns, slots, "linux");

	/* LLVM's: exact but for the two losses the file comment of bpf/disasm.c names. */
	memcpy(lossy, insns, slots * sizeof(*insns));
	if (insns[0].code == (BPF_JMP | BPF_CALL) && insns[0].src_reg == BPF_PSEUDO_CALL) {
		lossy[0].src_reg = 0;
		w->llvm_lossy++;
	}
	if (insns[0].code == (BPF_LD | BPF_IMM | BPF_DW) &&
	    (insns[0].src_reg == BPF_PSEUDO_MAP_VALUE ||
	     insns[0].src_reg == BPF_PSEUDO_MAP_IDX_VALUE) &&
	    insns[1].imm) {
		lossy[1].imm = 0;
		w->llvm_lossy++;
	}
	check_assembles_to(llvm, lossy, slots, "llvm");
}

static void test_every_opcode(void **state)
{
	static struct walk w;
	long allocs = bpf_env_live_allocs;
	unsigned int code, missing = 0, extra = 0;

	(void)state;
	for (code = 0; code < 256; code++)
		for_each_variant((u8)code, walk_one, &w);
	for (code = 0; code < 256; code++) {
		if (rfc9669_opcode((u8)code) && !w.opcode_valid[code]) {
			print_message("opcode 0x%02x of RFC 9669 never printed\n", code);
			missing++;
		}
		if (!rfc9669_opcode((u8)code) && w.opcode_valid[code]) {
			print_message("opcode 0x%02x is not in RFC 9669 but printed\n", code);
			extra++;
		}
	}
	print_message("%lu valid encodings round-tripped, %lu invalid, %lu lossy in LLVM's "
		      "spelling\n",
		      w.valid, w.invalid, w.llvm_lossy);
	assert_int_equal(missing, 0);
	assert_int_equal(extra, 0);
	assert_true(w.valid > 10000);
	assert_int_equal(bpf_env_live_allocs, allocs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_golden),	 cmocka_unit_test(test_invalid),
	    cmocka_unit_test(test_bounds),	 cmocka_unit_test(test_short_buffer),
	    cmocka_unit_test(test_helper_names), cmocka_unit_test(test_every_opcode),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
