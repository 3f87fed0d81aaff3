/*
 * tests/host/test_asm.c - the assembler (bpf/asm.c): programs in both spellings against
 * hand-encoded bytes, disasm(asm(text)) == text for canonical text, labels, comments and dump
 * prefixes, immediate and offset edges, and every error pinned to its message. Every case
 * also checks that nothing leaks (bpf_env_live_allocs).
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

extern long bpf_env_live_allocs;

#define INSN(c, d, s, o, i)                                                                        \
	{                                                                                          \
		.code = (c), .dst_reg = (d), .src_reg = (s), .off = (o), .imm = (i)                \
	}

/* Assemble text, which must succeed, and compare with want[0..n). */
static void assemble_to(const char *text, const struct bpf_insn *want, u32 n)
{
	long allocs = bpf_env_live_allocs;
	struct bpf_insn *insns;
	char err[200];
	u32 len, i;
	int ret = bpf_asm(text, &insns, &len, err, sizeof(err));

	if (ret)
		fail_msg("does not assemble (%d): %s", ret, err);
	if (len != n)
		fail_msg("%u instructions, want %u", len, n);
	for (i = 0; i < n; i++)
		if (memcmp(&insns[i], &want[i], sizeof(want[i])))
			fail_msg("insn %u: %02x %u %u %d %d, want %02x %u %u %d %d", i,
				 insns[i].code, insns[i].dst_reg, insns[i].src_reg, insns[i].off,
				 insns[i].imm, want[i].code, want[i].dst_reg, want[i].src_reg,
				 want[i].off, want[i].imm);
	bpf_env_free(insns);
	assert_int_equal(bpf_env_live_allocs, allocs);
}

/* Disassemble insns line by line in syntax and compare with text. */
static void disassembles_to(const struct bpf_insn *insns, u32 n, enum bpf_disasm_syntax syntax,
			    const char *text)
{
	char out[4096], line[BPF_DISASM_LINE_MAX];
	size_t pos = 0;
	u32 i = 0;
	int slots;

	out[0] = '\0';
	while (i < n) {
		slots = bpf_disasm_insn_syntax(insns, n, i, line, sizeof(line), syntax);
		assert_true(slots > 0);
		pos += (size_t)snprintf(out + pos, sizeof(out) - pos, "%s\n", line);
		assert_true(pos < sizeof(out));
		i += (u32)slots;
	}
	assert_string_equal(out, text);
}

/* One program in canonical Linux spelling, one line per instruction class and form. */
static const char linux_text[] = "r1 = *(u64 *)(r10 -8)\n"
				 "*(u32 *)(r1 +4) = r2\n"
				 "*(u8 *)(r10 -1) = 7\n"
				 "w1 += w2\n"
				 "r1 = -r1\n"
				 "r2 += -4\n"
				 "w3 s%= 3\n"
				 "r1 s/= r2\n"
				 "r3 s>>= 63\n"
				 "r1 = (s8)r2\n"
				 "r1 = *(s16 *)(r2 +4)\n"
				 "r1 = be16 r1\n"
				 "r1 = le64 r1\n"
				 "r1 = bswap32 r1\n"
				 "if r1 > 0x5 goto pc+3\n"
				 "if w1 s< w2 goto pc-4\n"
				 "if r1 s> 0xffffffff goto pc+0\n"
				 "goto pc+2\n"
				 "gotol pc+70000\n"
				 "call bpf_map_lookup_elem#1\n"
				 "call unknown#1000\n"
				 "call pc+5\n"
				 "r0 = 0x1234 ll\n"
				 "r1 = map[fd:5]\n"
				 "r2 = map[fd:6][0]+16\n"
				 "lock *(u64 *)(r1 +0) += r2\n"
				 "r2 = atomic64_fetch_add((u64 *)(r1 +0), r2)\n"
				 "r2 = atomic_fetch_xor((u32 *)(r1 +8), r2)\n"
				 "r0 = atomic64_cmpxchg((u64 *)(r1 +0), r0, r2)\n"
				 "r3 = atomic_xchg((u32 *)(r1 -4), r3)\n"
				 "exit\n";

static const struct bpf_insn program[] = {
    INSN(BPF_LDX | BPF_MEM | BPF_DW, 1, 10, -8, 0),
    INSN(BPF_STX | BPF_MEM | BPF_W, 1, 2, 4, 0),
    INSN(BPF_ST | BPF_MEM | BPF_B, 10, 0, -1, 7),
    INSN(BPF_ALU | BPF_ADD | BPF_X, 1, 2, 0, 0),
    INSN(BPF_ALU64 | BPF_NEG, 1, 0, 0, 0),
    INSN(BPF_ALU64 | BPF_ADD | BPF_K, 2, 0, 0, -4),
    INSN(BPF_ALU | BPF_MOD | BPF_K, 3, 0, 1, 3),
    INSN(BPF_ALU64 | BPF_DIV | BPF_X, 1, 2, 1, 0),
    INSN(BPF_ALU64 | BPF_ARSH | BPF_K, 3, 0, 0, 63),
    INSN(BPF_ALU64 | BPF_MOV | BPF_X, 1, 2, 8, 0),
    INSN(BPF_LDX | BPF_MEMSX | BPF_H, 1, 2, 4, 0),
    INSN(BPF_ALU | BPF_END | BPF_TO_BE, 1, 0, 0, 16),
    INSN(BPF_ALU | BPF_END | BPF_TO_LE, 1, 0, 0, 64),
    INSN(BPF_ALU64 | BPF_END | BPF_TO_LE, 1, 0, 0, 32),
    INSN(BPF_JMP | BPF_JGT | BPF_K, 1, 0, 3, 5),
    INSN(BPF_JMP32 | BPF_JSLT | BPF_X, 1, 2, -4, 0),
    INSN(BPF_JMP | BPF_JSGT | BPF_K, 1, 0, 0, -1),
    INSN(BPF_JMP | BPF_JA, 0, 0, 2, 0),
    INSN(BPF_JMP32 | BPF_JA, 0, 0, 0, 70000),
    INSN(BPF_JMP | BPF_CALL, 0, 0, 0, 1),
    INSN(BPF_JMP | BPF_CALL, 0, 0, 0, 1000),
    INSN(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, 5),
    INSN(BPF_LD | BPF_IMM | BPF_DW, 0, 0, 0, 0x1234),
    INSN(0, 0, 0, 0, 0),
    INSN(BPF_LD | BPF_IMM | BPF_DW, 1, BPF_PSEUDO_MAP_FD, 0, 5),
    INSN(0, 0, 0, 0, 0),
    INSN(BPF_LD | BPF_IMM | BPF_DW, 2, BPF_PSEUDO_MAP_VALUE, 0, 6),
    INSN(0, 0, 0, 0, 16),
    INSN(BPF_STX | BPF_ATOMIC | BPF_DW, 1, 2, 0, BPF_ADD),
    INSN(BPF_STX | BPF_ATOMIC | BPF_DW, 1, 2, 0, BPF_ADD | BPF_FETCH),
    INSN(BPF_STX | BPF_ATOMIC | BPF_W, 1, 2, 8, BPF_XOR | BPF_FETCH),
    INSN(BPF_STX | BPF_ATOMIC | BPF_DW, 1, 2, 0, BPF_CMPXCHG),
    INSN(BPF_STX | BPF_ATOMIC | BPF_W, 1, 3, -4, BPF_XCHG),
    INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0),
};

/* The same program as llvm-objdump spells it (the map loads lose what LLVM loses). */
static const char llvm_text[] = "r1 = *(u64 *)(r10 - 0x8)\n"
				"*(u32 *)(r1 + 0x4) = w2\n"
				"*(u8 *)(r10 - 0x1) = 0x7\n"
				"w1 += w2\n"
				"r1 = -r1\n"
				"r2 += -0x4\n"
				"w3 s%= 0x3\n"
				"r1 s/= r2\n"
				"r3 s>>= 0x3f\n"
				"r1 = (s8)r2\n"
				"r1 = *(s16 *)(r2 + 0x4)\n"
				"r1 = be16 r1\n"
				"r1 = le64 r1\n"
				"r1 = bswap32 r1\n"
				"if r1 > 0x5 goto +0x3\n"
				"if w1 s< w2 goto -0x4\n"
				"if r1 s> -0x1 goto +0x0\n"
				"goto +0x2\n"
				"gotol +0x11170\n"
				"call 0x1\n"
				"call 0x3e8\n"
				"call 0x5\n"
				"r0 = 0x1234 ll\n"
				"ld_pseudo\tr1, 0x1, 0x5\n"
				"ld_pseudo\tr2, 0x2, 0x6\n"
				"lock *(u64 *)(r1 + 0x0) += r2\n"
				"r2 = atomic_fetch_add((u64 *)(r1 + 0x0), r2)\n"
				"w2 = atomic_fetch_xor((u32 *)(r1 + 0x8), w2)\n"
				"r0 = cmpxchg_64(r1 + 0x0, r0, r2)\n"
				"w3 = xchg32_32(r1 - 0x4, w3)\n"
				"exit\n";

static void test_linux_program(void **state)
{
	(void)state;
	assemble_to(linux_text, program, ARRAY_SIZE(program));
	disassembles_to(program, ARRAY_SIZE(program), BPF_DISASM_LINUX, linux_text);
}

static void test_llvm_program(void **state)
{
	struct bpf_insn want[ARRAY_SIZE(program)];

	(void)state;
	disassembles_to(program, ARRAY_SIZE(program), BPF_DISASM_LLVM, llvm_text);
	/* What LLVM's spelling cannot say: which call is BPF-to-BPF, a map value's offset. */
	memcpy(want, program, sizeof(want));
	want[21].src_reg = 0;
	want[27].imm = 0;
	assemble_to(llvm_text, want, ARRAY_SIZE(want));
}

/* Labels: backward and forward jumps, gotol, calls, several on one instruction. */
static void test_labels(void **state)
{
	static const char text[] =
	    "start:\n"
	    "	r0 = 0\n"
	    "loop:	r0 += 1		# a label and an instruction on one line\n"
	    "	if r0 < 10 goto loop\n"
	    "	if w0 == w1 goto done\n"
	    "	r1 = 0x100000000 ll	; 64-bit loads take two slots\n"
	    "	gotol done\n"
	    "	call sub\n"
	    "	goto start\n"
	    "done: end:\n"
	    "	exit\n"
	    "sub:\n"
	    "	call bpf_ktime_get_ns	// a helper by name\n"
	    "	call get_prandom_u32\n"
	    "	exit\n";
	static const struct bpf_insn want[] = {
	    INSN(BPF_ALU64 | BPF_MOV | BPF_K, 0, 0, 0, 0),
	    INSN(BPF_ALU64 | BPF_ADD | BPF_K, 0, 0, 0, 1),
	    INSN(BPF_JMP | BPF_JLT | BPF_K, 0, 0, -2, 10),
	    INSN(BPF_JMP32 | BPF_JEQ | BPF_X, 0, 1, 5, 0),
	    INSN(BPF_LD | BPF_IMM | BPF_DW, 1, 0, 0, 0),
	    INSN(0, 0, 0, 0, 1),
	    INSN(BPF_JMP32 | BPF_JA, 0, 0, 0, 2),
	    INSN(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, 2),
	    INSN(BPF_JMP | BPF_JA, 0, 0, -9, 0),
	    INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0),
	    INSN(BPF_JMP | BPF_CALL, 0, 0, 0, BPF_FUNC_ktime_get_ns),
	    INSN(BPF_JMP | BPF_CALL, 0, 0, 0, BPF_FUNC_get_prandom_u32),
	    INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0),
	};

	(void)state;
	assemble_to(text, want, ARRAY_SIZE(want));
}

/* What dumps put around instructions: indexes, opcodes, LLVM's target names, CRLF. */
static void test_dump_prefixes(void **state)
{
	static const char text[] = "   0: (b7) r0 = 0\r\n"
				   "   1: (18) r1 = 0xffffffffffffffff ll\r\n"
				   "   3: (85) call bpf_ktime_get_ns#5\n"
				   "      11:\tif r1 == 0x0 goto +0xc <LBB0_2>\n"
				   "12:\tcall -0x1\n"
				   "# a comment line\n"
				   "\n"
				   "   \t\n"
				   "(95) exit\n"
				   "99:\n";
	static const struct bpf_insn want[] = {
	    INSN(BPF_ALU64 | BPF_MOV | BPF_K, 0, 0, 0, 0),
	    INSN(BPF_LD | BPF_IMM | BPF_DW, 1, 0, 0, -1),
	    INSN(0, 0, 0, 0, -1),
	    INSN(BPF_JMP | BPF_CALL, 0, 0, 0, 5),
	    INSN(BPF_JMP | BPF_JEQ | BPF_K, 1, 0, 12, 0),
	    INSN(BPF_JMP | BPF_CALL, 0, 0, 0, -1),
	    INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0),
	};

	(void)state;
	assemble_to(text, want, ARRAY_SIZE(want));
}

/* Spacing and number forms the assembler accepts beyond the canonical ones. */
static void test_lenient_forms(void **state)
{
	static const char text[] = "r1 = *(u64 *)(r10 - 8)\n"
				   "r1 = *(u64 *)(r10)\n"
				   "*(u16 *)(r1 + 0x10) = +5\n"
				   "r1 = 0x7fffffff\n"
				   "r1 = -2147483648\n"
				   "w1 = 0xffffffff\n"
				   "*(u32 *)(r1 +0) = 0x80000000\n"
				   "if r1 == 0xffffffff goto pc+0x10\n"
				   "r1 = -0x8000000000000000 ll\n"
				   "r1 = 18446744073709551615 ll\n"
				   "w1 = *(u8 *)(r2 +0)\n"
				   "*(u8 *)(r2 +0) = w1\n"
				   "lock *(u32 *)(r1 +0) += w2\n"
				   "w0 = cmpxchg32_32(r1 + 0x0, w0, w2)\n"
				   "r0 = atomic_cmpxchg((u64 *)(r1 +0), r0, r2)\n"
				   "call ktime_get_ns\n"
				   "ld_pseudo r1, 1, 7\n";
	static const struct bpf_insn want[] = {
	    INSN(BPF_LDX | BPF_MEM | BPF_DW, 1, 10, -8, 0),
	    INSN(BPF_LDX | BPF_MEM | BPF_DW, 1, 10, 0, 0),
	    INSN(BPF_ST | BPF_MEM | BPF_H, 1, 0, 16, 5),
	    INSN(BPF_ALU64 | BPF_MOV | BPF_K, 1, 0, 0, 0x7fffffff),
	    INSN(BPF_ALU64 | BPF_MOV | BPF_K, 1, 0, 0, -0x7fffffff - 1),
	    INSN(BPF_ALU | BPF_MOV | BPF_K, 1, 0, 0, -1),
	    INSN(BPF_ST | BPF_MEM | BPF_W, 1, 0, 0, -0x7fffffff - 1),
	    INSN(BPF_JMP | BPF_JEQ | BPF_K, 1, 0, 16, -1),
	    INSN(BPF_LD | BPF_IMM | BPF_DW, 1, 0, 0, 0),
	    INSN(0, 0, 0, 0, -0x7fffffff - 1),
	    INSN(BPF_LD | BPF_IMM | BPF_DW, 1, 0, 0, -1),
	    INSN(0, 0, 0, 0, -1),
	    INSN(BPF_LDX | BPF_MEM | BPF_B, 1, 2, 0, 0),
	    INSN(BPF_STX | BPF_MEM | BPF_B, 2, 1, 0, 0),
	    INSN(BPF_STX | BPF_ATOMIC | BPF_W, 1, 2, 0, BPF_ADD),
	    INSN(BPF_STX | BPF_ATOMIC | BPF_W, 1, 2, 0, BPF_CMPXCHG),
	    INSN(BPF_STX | BPF_ATOMIC | BPF_DW, 1, 2, 0, BPF_CMPXCHG),
	    INSN(BPF_JMP | BPF_CALL, 0, 0, 0, BPF_FUNC_ktime_get_ns),
	    INSN(BPF_LD | BPF_IMM | BPF_DW, 1, BPF_PSEUDO_MAP_FD, 0, 7),
	    INSN(0, 0, 0, 0, 0),
	};

	(void)state;
	assemble_to(text, want, ARRAY_SIZE(want));
}

struct bad {
	const char *text;
	const char *message;
};

static const struct bad bads[] = {
    {"mvo r1, 2", "line 1: unknown mnemonic 'mvo'"},
    {"exit\n\tgoto nowhere", "line 2: unknown label 'nowhere'"},
    {"a: exit\na: exit", "line 2: duplicate label 'a' (first defined on line 1)"},
    {"r11 = 1", "line 1: bad register 'r11'"},
    {"r1 = r11", "line 1: bad register 'r11'"},
    {"w1 += w12", "line 1: bad register 'w12'"},
    {"r1 = *(u64 *)(r11 +0)", "line 1: bad register 'r11'"},
    {"r1 = 0x80000000", "line 1: immediate out of range: '0x80000000' (signed 32 bits)"},
    {"r1 += -2147483649", "line 1: immediate out of range: '-2147483649' (signed 32 bits)"},
    {"w1 = 0x100000000", "line 1: immediate out of range: '0x100000000' (32 bits)"},
    {"*(u64 *)(r1 +0) = 0xffffffff",
     "line 1: immediate out of range: '0xffffffff' (signed 32 bits)"},
    {"r1 = 0x10000000000000000 ll",
     "line 1: immediate out of range: '0x10000000000000000' (64 bits)"},
    {"r1 = -0x8000000000000001 ll",
     "line 1: immediate out of range: '-0x8000000000000001' (64 bits)"},
    {"r1 = *(u64 *)(r10 -32769)", "line 1: offset out of range: '-32769' (signed 16 bits)"},
    {"*(u8 *)(r10 +0x8000) = 1", "line 1: offset out of range: '0x8000' (signed 16 bits)"},
    {"goto pc+32768", "line 1: jump offset out of range: '32768' (signed 16 bits)"},
    {"if r1 > 2 goto -40000", "line 1: jump offset out of range: '-40000' (signed 16 bits)"},
    {"gotol +0x80000000", "line 1: jump offset out of range: '0x80000000' (signed 32 bits)"},
    {"call bpf_map_lookup_elem#2",
     "line 1: helper 2 is bpf_map_update_elem, not 'bpf_map_lookup_elem'"},
    {"call unknown#1", "line 1: helper 1 is bpf_map_lookup_elem, not 'unknown'"},
    {"call nothing", "line 1: unknown label or helper 'nothing'"},
    {"call r1", "line 1: expected a jump target (pc+N, +N or a label), found 'r1'"},
    {"goto r1", "line 1: expected a jump target (pc+N, +N or a label), found 'r1'"},
    {"goto", "line 1: expected a jump target (pc+N, +N or a label), found 'end of line'"},
    {"r1 = 5 6", "line 1: unexpected '6' after the instruction"},
    {"r1 ~ 5", "line 1: unexpected character '~'"},
    {"r1 5", "line 1: expected an operator after 'r1', found '5'"},
    {"if r1 > w2 goto pc+1", "line 1: 'w2' and the first operand differ in width"},
    {"if r1 => 2 goto pc+1",
     "line 1: expected a comparison (==, !=, >, >=, <, <=, s>, s>=, s<, s<=, &), found '='"},
    {"if r1 > 2 goto", "line 1: expected a jump target (pc+N, +N or a label), "
		       "found 'end of line'"},
    {"if r1 > 2 jump pc+1", "line 1: expected 'goto', found 'jump'"},
    {"w1 += r2", "line 1: 'r2' and the destination differ in width"},
    {"w1 = (s32)w2", "line 1: expected (s8), (s16), found 's32'"},
    {"r1 = (u8)r2", "line 1: expected (s8), (s16) or (s32), found 'u8'"},
    {"r1 = be16 r2", "line 1: be16 works in place: expected 'r1', found 'r2'"},
    {"w1 = le32 w1", "line 1: le32 takes a 64-bit register"},
    {"r1 = -r2", "line 1: negation works in place: expected 'r1', found 'r2'"},
    {"(07) r1 = r2", "line 1: opcode (07) does not match the instruction, whose opcode is (bf)"},
    {"(95)", "line 1: opcode (95) without an instruction"},
    {"r3 = atomic_fetch_add((u64 *)(r1 +0), r2)",
     "line 1: the result of atomic_fetch_add goes to its source register, not to r3"},
    {"r1 = atomic64_cmpxchg((u64 *)(r1 +0), r0, r2)",
     "line 1: the result of atomic64_cmpxchg goes to r0, not to r1"},
    {"r0 = atomic64_cmpxchg((u64 *)(r1 +0), r3, r2)",
     "line 1: cmpxchg compares with r0, found 'r3'"},
    {"r2 = atomic64_fetch_add((u32 *)(r1 +0), r2)", "line 1: atomic64_fetch_add works on u64"},
    {"r2 = atomic_xchg((u8 *)(r1 +0), r2)", "line 1: atomic_xchg works on u32 or u64"},
    {"w2 = xchg_64(r1 + 0x0, w2)", "line 1: a 64-bit atomic takes 64-bit registers"},
    {"lock *(u8 *)(r1 +0) += r2", "line 1: atomic operations are 32 or 64 bits wide"},
    {"lock *(u64 *)(r1 +0) -= r2",
     "line 1: expected an atomic operation (+=, &=, |=, ^=), found '-='"},
    {"lock *(u64 *)(r1 +0) += w2", "line 1: a 64-bit atomic takes a 64-bit register, found 'w2'"},
    {"*(u64 *)(r1 +0) = w2", "line 1: a 64-bit store takes a 64-bit register, found 'w2'"},
    {"w1 = *(u64 *)(r1 +0)", "line 1: this load takes a 64-bit register, found 'w1'"},
    {"w1 = *(s8 *)(r1 +0)", "line 1: this load takes a 64-bit register, found 'w1'"},
    {"r1 = *(s64 *)(r1 +0)",
     "line 1: expected a type (u8, u16, u32, u64, s8, s16, s32), found 's64'"},
    {"*(s8 *)(r1 +0) = 1", "line 1: expected a type (u8, u16, u32, u64), found 's8'"},
    {"r1 = *(u64 *)(w1 +0)", "line 1: a memory operand takes a 64-bit register, found 'w1'"},
    {"r1 = *(u64 *)(r1 +0", "line 1: expected ')', found 'end of line'"},
    {"w1 = 5 ll", "line 1: a 64-bit load takes a 64-bit register"},
    {"r1 = 0x", "line 1: bad number '0x'"},
    {"r1 = 12abc", "line 1: bad number '12abc'"},
    {"r1 = map[id:5]", "line 1: expected 'fd' or 'idx' in map[...], found 'id'"},
    {"r1 = map[fd:5][1]+0", "line 1: expected '0' in map[...][0], found '1'"},
    {"r1 = map[fd:-1]", "line 1: map fd or index out of range: '-1' (unsigned 32 bits)"},
    {"ld_pseudo r1, 16, 0", "line 1: pseudo source out of range: '16' (0 to 15)"},
    {"ld_pseudo r1, 3, 0",
     "line 1: not a valid instruction (invalid insn (0x18): unknown ld_imm64 source)"},
    {"r1: exit", "line 1: 'r1' cannot be a label: it is a register name"},
    {"exit\n\n  r1 = = 2", "line 3: unexpected '=' after '='"},
    {"exit\r\nfoo\r\n", "line 2: unknown mnemonic 'foo'"},
    {"+= 1", "line 1: expected an instruction, found '+='"},
    {"", "no instructions"},
    {"# nothing\n\nlabel:\n", "no instructions"},
};

static void test_errors(void **state)
{
	long allocs = bpf_env_live_allocs;
	struct bpf_insn *insns;
	char err[200];
	unsigned int i;
	u32 len;
	int ret;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(bads); i++) {
		insns = (struct bpf_insn *)1;
		len = 99;
		ret = bpf_asm(bads[i].text, &insns, &len, err, sizeof(err));
		if (ret != -EINVAL || strcmp(err, bads[i].message))
			fail_msg("\"%s\": got %d \"%s\", want \"%s\"", bads[i].text, ret, err,
				 bads[i].message);
		assert_null(insns);
		assert_int_equal(len, 0);
	}
	assert_int_equal(bpf_env_live_allocs, allocs);
}

/* A jump that needs more than 16 bits of offset: goto refuses, gotol takes it. */
static void test_far_jump(void **state)
{
	const u32 filler = 40000;
	size_t size = filler * 8 + 128;
	char *text = malloc(size), *p = text;
	long allocs = bpf_env_live_allocs;
	struct bpf_insn *insns;
	char err[200];
	u32 i, len;

	(void)state;
	p += sprintf(p, "goto far\n");
	for (i = 0; i < filler; i++)
		p += sprintf(p, "r0 = 1\n");
	sprintf(p, "far: exit\n");
	assert_int_equal(bpf_asm(text, &insns, &len, err, sizeof(err)), -EINVAL);
	assert_string_equal(err, "line 1: jump to 'far' out of range (40000 instructions away)");

	memcpy(text, "gotol", 5); /* "goto far" becomes "gotolfar": make it "gotol far" */
	memmove(text + 6, text + 5, strlen(text + 5) + 1);
	text[5] = ' ';
	assert_int_equal(bpf_asm(text, &insns, &len, err, sizeof(err)), 0);
	assert_int_equal(len, filler + 2);
	assert_int_equal(insns[0].code, BPF_JMP32 | BPF_JA);
	assert_int_equal(insns[0].imm, filler);
	bpf_env_free(insns);
	free(text);
	assert_int_equal(bpf_env_live_allocs, allocs);
}

/* The error buffer may be short or absent; the return value still says what happened. */
static void test_error_buffer(void **state)
{
	struct bpf_insn *insns;
	char err[12];
	u32 len;

	(void)state;
	memset(err, 'x', sizeof(err));
	assert_int_equal(bpf_asm("mvo r1, 2", &insns, &len, err, 8), -EINVAL);
	assert_string_equal(err, "line 1:");
	assert_int_equal(err[8], 'x');
	assert_int_equal(bpf_asm("mvo r1, 2", &insns, &len, NULL, 0), -EINVAL);
	assert_int_equal(bpf_asm(NULL, &insns, &len, err, sizeof(err)), -EINVAL);
	assert_int_equal(bpf_asm("exit", &insns, &len, NULL, 0), 0);
	assert_int_equal(len, 1);
	bpf_env_free(insns);
}

/* A disassembly of a whole program, with indexes and opcodes, assembles back to it. */
static void test_dump_round_trip(void **state)
{
	char dump[8192], line[BPF_DISASM_LINE_MAX];
	struct bpf_insn *insns;
	size_t pos = 0;
	char err[200];
	u32 i, len;
	int slots;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(program); i += (u32)slots) {
		slots = bpf_disasm_insn(program, ARRAY_SIZE(program), i, line, sizeof(line));
		pos += (size_t)snprintf(dump + pos, sizeof(dump) - pos, "%4u: (%02x) %s\n", i,
					program[i].code, line);
	}
	assert_int_equal(bpf_asm(dump, &insns, &len, err, sizeof(err)), 0);
	assert_int_equal(len, ARRAY_SIZE(program));
	assert_memory_equal(insns, program, sizeof(program));
	bpf_env_free(insns);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_linux_program),   cmocka_unit_test(test_llvm_program),
	    cmocka_unit_test(test_labels),	    cmocka_unit_test(test_dump_prefixes),
	    cmocka_unit_test(test_lenient_forms),   cmocka_unit_test(test_errors),
	    cmocka_unit_test(test_far_jump),	    cmocka_unit_test(test_error_buffer),
	    cmocka_unit_test(test_dump_round_trip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
