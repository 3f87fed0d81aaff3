/*
 * tests/host/test_jit.c - the x86-64 JIT: golden bytes for each emitter family, jump sizing
 * across passes, calls, refusals, the runtime selection, W^X images, and programs run
 * through the JIT and the interpreter side by side.
 *
 * Golden tests compile a small program and compare the code of its instructions with the
 * bytes Intel's encoding gives; each case names the x86 instructions it must become. The code
 * of the instructions is what lies between the main program's prologue and the epilogue of
 * the final exit. Their shape depends on the registers the program names (a frame saves the
 * r6-r9 it uses, reserves the stack only if it uses r10): expect_frame states that rule
 * again, independently, and the "frame" tests pin whole images byte by byte.
 * To read any image: bpfvm --jit --dump, then objdump -D -b binary -mi386:x86-64 (docs/jit.md).
 *
 * The data-driven ISA suite (test_isa.c) runs every tests/host/isa file through the JIT too;
 * this file covers what that suite cannot see: encodings, pass behaviour, refusals.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "bpf/helpers.h"
#include "bpf/insn.h"
#include "bpf/maps/fd_array.h"
#include "bpf/prog.h"
#include "bpf/prog_aux.h"
#include "tests/fuzz/jit_gen.h"

extern long bpf_env_live_allocs;

/* push rbp; mov rbp, rsp; xor eax, eax; xor edx, edx; xor ecx, ecx; xor r8d, r8d */
#define BARE_MAIN_PROLOGUE "66 90 55 48 89 e5 31 c0 31 d2 31 c9 45 31 c0"
/* leave; ret */
#define BARE_EPILOGUE "c9 c3"

#define R0 BPF_REG_0
#define R1 BPF_REG_1
#define R2 BPF_REG_2
#define R3 BPF_REG_3
#define R4 BPF_REG_4
#define R5 BPF_REG_5
#define R6 BPF_REG_6
#define R7 BPF_REG_7
#define R8 BPF_REG_8
#define R9 BPF_REG_9
#define R10 BPF_REG_10

#define INSN(c, d, s, o, i) { .code = (c), .dst_reg = (d), .src_reg = (s), .off = (o), .imm = (i) }
#define ALU64_IMM(op, d, i) INSN(BPF_ALU64 | (op) | BPF_K, d, 0, 0, i)
#define ALU32_IMM(op, d, i) INSN(BPF_ALU | (op) | BPF_K, d, 0, 0, i)
#define ALU64_REG(op, d, s) INSN(BPF_ALU64 | (op) | BPF_X, d, s, 0, 0)
#define ALU32_REG(op, d, s) INSN(BPF_ALU | (op) | BPF_X, d, s, 0, 0)
#define SDIV64_IMM(op, d, i) INSN(BPF_ALU64 | (op) | BPF_K, d, 0, 1, i)
#define SDIV32_REG(op, d, s) INSN(BPF_ALU | (op) | BPF_X, d, s, 1, 0)
#define MOVSX64(d, s, bits) INSN(BPF_ALU64 | BPF_MOV | BPF_X, d, s, bits, 0)
#define MOVSX32(d, s, bits) INSN(BPF_ALU | BPF_MOV | BPF_X, d, s, bits, 0)
#define END(src, d, bits) INSN(BPF_ALU | BPF_END | (src), d, 0, 0, bits)
#define BSWAP(d, bits) INSN(BPF_ALU64 | BPF_END | BPF_TO_LE, d, 0, 0, bits)
#define LD_IMM64(d, v)                                          \
	INSN(BPF_LD | BPF_IMM | BPF_DW, d, 0, 0, (s32)(u32)(v)), \
	INSN(0, 0, 0, 0, (s32)((u64)(v) >> 32))
#define LDX(size, d, s, o) INSN(BPF_LDX | BPF_MEM | (size), d, s, o, 0)
#define LDSX(size, d, s, o) INSN(BPF_LDX | BPF_MEMSX | (size), d, s, o, 0)
#define STX(size, d, s, o) INSN(BPF_STX | BPF_MEM | (size), d, s, o, 0)
#define ST(size, d, o, i) INSN(BPF_ST | BPF_MEM | (size), d, 0, o, i)
#define ATOMIC(size, op, d, s, o) INSN(BPF_STX | BPF_ATOMIC | (size), d, s, o, op)
#define JMP_IMM(op, d, i, o) INSN(BPF_JMP | (op) | BPF_K, d, 0, o, i)
#define JMP_REG(op, d, s, o) INSN(BPF_JMP | (op) | BPF_X, d, s, o, 0)
#define JMP32_IMM(op, d, i, o) INSN(BPF_JMP32 | (op) | BPF_K, d, 0, o, i)
#define JMP32_REG(op, d, s, o) INSN(BPF_JMP32 | (op) | BPF_X, d, s, o, 0)
#define JA(o) INSN(BPF_JMP | BPF_JA, 0, 0, o, 0)
#define GOTOL(i) INSN(BPF_JMP32 | BPF_JA, 0, 0, 0, i)
#define CALL_HELPER(id) INSN(BPF_JMP | BPF_CALL, 0, 0, 0, id)
#define CALL_SUB(rel) INSN(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, rel)
#define EXIT INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0)

/* --- helpers ---------------------------------------------------------------------------- */

static u64 helper_first(u64 r1, u64 r2, u64 r3, u64 r4, u64 r5)
{
	return r1;
}

static u64 helper_weighted(u64 r1, u64 r2, u64 r3, u64 r4, u64 r5)
{
	return r1 + 2 * r2 + 3 * r3 + 4 * r4 + 5 * r5;
}

/* callback(r1 = 5, r2 = 100) + callback(6, 200), as bpf_loop calls its callback */
static u64 helper_call_twice(u64 r1, u64 r2, u64 r3, u64 r4, u64 r5)
{
	const struct bpf_callback *cb = (const void *)(uintptr_t)r1;

	return bpf_callback_call(cb, 5, 100) + bpf_callback_call(cb, 6, 200);
}

static const bpf_helper_fn test_helpers[] = {
	[5] = helper_first,
	[6] = helper_weighted,
	[7] = helper_call_twice,
	[BPF_FUNC_tail_call] = helper_first,
};

static struct bpf_prog *new_prog(const struct bpf_insn *insns, u32 len)
{
	struct bpf_prog *prog = bpf_prog_alloc(insns, len);

	assert_non_null(prog);
	prog->helpers = test_helpers;
	prog->nr_helpers = ARRAY_SIZE(test_helpers);
	return prog;
}

/* Parse "48 01 f8" into bytes; returns the count. */
static size_t parse_hex(const char *hex, u8 *out, size_t max)
{
	size_t n = 0;

	while (*hex) {
		unsigned int byte;
		int used;

		if (*hex == ' ') {
			hex++;
			continue;
		}
		if (sscanf(hex, "%2x%n", &byte, &used) != 1 || used != 2 || n == max)
			fail_msg("bad hex in a golden case near \"%s\"", hex);
		out[n++] = (u8)byte;
		hex += 2;
	}
	return n;
}

static void format_hex(const u8 *bytes, size_t len, char *buf, size_t size)
{
	size_t pos = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < len && pos + 4 < size; i++)
		pos += (size_t)snprintf(buf + pos, size - pos, "%s%02x", i ? " " : "", bytes[i]);
}

/*
 * The main program's prologue and epilogue, from the rule: a two-byte nop (the place of a
 * tail-call count's xor eax, eax); push rbp; mov rbp, rsp; sub rsp
 * for the 512-byte stack when r10 is named (plus 8 if the pushes would misalign rsp); push
 * each of rbx, r13, r14, r15 whose BPF register (r6-r9) is named; clear rax, those, and
 * rdx, rcx, r8; at exit pop them in reverse, leave, ret. Only for programs without calls
 * that need a run-time depth check.
 */
static void expect_frame(const struct bpf_insn *insns, u32 len, u8 *pro, size_t *pro_len,
			 u8 *epi, size_t *epi_len)
{
	static const u8 push[4][2] = { { 0x53 }, { 0x41, 0x55 }, { 0x41, 0x56 }, { 0x41, 0x57 } };
	static const u8 clear[4][3] = { { 0x31, 0xdb }, { 0x45, 0x31, 0xed },
					{ 0x45, 0x31, 0xf6 }, { 0x45, 0x31, 0xff } };
	static const u8 lens[4] = { 1, 2, 2, 2 };
	bool used[4] = { false }, stack = false;
	u32 n = 0, size, i;
	size_t p = 0, e = 0;

	for (i = 0; i < len; i++) {
		u8 regs[2] = { insns[i].dst_reg, insns[i].src_reg };

		for (u32 r = 0; r < 2; r++) {
			if (regs[r] >= R6 && regs[r] <= R9)
				used[regs[r] - R6] = true;
			stack |= regs[r] == R10;
		}
		if (insns[i].code == (BPF_LD | BPF_IMM | BPF_DW))
			i++;
	}
	for (u32 r = 0; r < 4; r++)
		n += used[r];
	size = stack ? 512 : 0;
	if ((size + 8 * n) % 16)
		size += 8;
	memcpy(pro, "\x66\x90\x55\x48\x89\xe5", 6); /* nop; push rbp; mov rbp, rsp */
	p = 6;
	if (size >= 128) {
		memcpy(pro + p, "\x48\x81\xec", 3); /* sub rsp, imm32 */
		memcpy(pro + p + 3, &size, 4);
		p += 7;
	} else if (size) {
		memcpy(pro + p, "\x48\x83\xec", 3); /* sub rsp, imm8 */
		pro[p + 3] = (u8)size;
		p += 4;
	}
	for (u32 r = 0; r < 4; r++)
		if (used[r]) {
			memcpy(pro + p, push[r], lens[r]);
			p += lens[r];
		}
	memcpy(pro + p, "\x31\xc0", 2); /* xor eax, eax */
	p += 2;
	for (u32 r = 0; r < 4; r++)
		if (used[r]) {
			memcpy(pro + p, clear[r], lens[r] + 1u);
			p += lens[r] + 1u;
		}
	memcpy(pro + p, "\x31\xd2\x31\xc9\x45\x31\xc0", 7); /* xor edx, ecx, r8d */
	p += 7;
	for (int r = 3; r >= 0; r--)
		if (used[r]) {
			epi[e++] = r ? 0x41 : 0x5b; /* pop rbx | REX.B */
			if (r)
				epi[e++] = (u8)(0x5c + r); /* pop r13 | r14 | r15 */
		}
	epi[e++] = 0xc9; /* leave */
	epi[e++] = 0xc3; /* ret */
	*pro_len = p;
	*epi_len = e;
}

/*
 * Compile insns and compare the code of the instructions (between the main prologue and
 * the last epilogue), at offset at, with hex; body_len < 0: hex must be all of it. The
 * prologue and the last epilogue must be those of expect_frame.
 */
static void check_body(const char *what, const struct bpf_insn *insns, u32 len, const char *hex,
		       u32 at, int body_len)
{
	struct bpf_prog *prog = new_prog(insns, len);
	u8 want[512], pro[64], epi[16];
	char got_hex[1600], want_hex[1600];
	size_t n = parse_hex(hex, want, sizeof(want)), pro_len, epi_len;
	const u8 *image, *body;
	u32 got_len;
	int err = bpf_int_jit_compile(prog);

	if (err)
		fail_msg("%s: the JIT refused the program (%d)", what, err);
	expect_frame(insns, len, pro, &pro_len, epi, &epi_len);
	assert_true(prog->jited_len >= pro_len + epi_len);
	image = prog->jit_image;
	if (memcmp(image, pro, pro_len) ||
	    memcmp(image + prog->jited_len - epi_len, epi, epi_len)) {
		format_hex(image, prog->jited_len, got_hex, sizeof(got_hex));
		fail_msg("%s: not the expected prologue or epilogue: %s", what, got_hex);
	}
	body = image + pro_len;
	got_len = prog->jited_len - (u32)pro_len - (u32)epi_len;
	if (body_len < 0)
		body_len = (int)n;
	if ((int)got_len != body_len || at + n > got_len || memcmp(body + at, want, n)) {
		format_hex(body + (at < got_len ? at : 0), got_len > at ? got_len - at : 0, got_hex,
			   sizeof(got_hex));
		format_hex(want, n, want_hex, sizeof(want_hex));
		fail_msg("%s:\n  expected (%d bytes, at %u) %s\n  got      (%u bytes)          %s",
			 what, body_len, at, want_hex, got_len, got_hex);
	}
	bpf_prog_free(prog);
}

/* --- golden bytes, family by family --------------------------------------------------------- */

struct golden {
	const char *x86; /* the instructions the code must be, Intel syntax */
	struct bpf_insn insns[4];
	u32 len; /* instructions before the final exit */
	const char *hex;
};

static void check_family(const struct golden *cases, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct bpf_insn insns[5];
		u32 len = cases[i].len;

		memcpy(insns, cases[i].insns, len * sizeof(insns[0]));
		insns[len] = (struct bpf_insn)EXIT;
		check_body(cases[i].x86, insns, len + 1, cases[i].hex, 0, -1);
	}
}

/* Compile insns and compare the whole image with hex. */
static void check_image(const char *what, const struct bpf_insn *insns, u32 len, const char *hex)
{
	struct bpf_prog *prog = new_prog(insns, len);
	u8 want[256];
	char got_hex[800];
	size_t n = parse_hex(hex, want, sizeof(want));

	assert_int_equal(bpf_int_jit_compile(prog), 0);
	if (prog->jited_len != n || memcmp(prog->jit_image, want, n)) {
		format_hex(prog->jit_image, prog->jited_len, got_hex, sizeof(got_hex));
		fail_msg("%s:\n  expected %s\n  got      %s", what, hex, got_hex);
	}
	bpf_prog_free(prog);
}

/* Whole images: the frame follows the registers the program names. */
static void test_golden_frames(void **state)
{
	const struct bpf_insn bare[] = { EXIT };
	const struct bpf_insn stack_r7[] = { ALU64_REG(BPF_MOV, R7, R10), EXIT };
	const struct bpf_insn r6_r9[] = { ALU64_IMM(BPF_MOV, R6, 1), ALU64_IMM(BPF_MOV, R9, 2),
					  EXIT };
	const struct bpf_insn r8[] = { ALU64_IMM(BPF_MOV, R8, 1), EXIT };

	/* xchg ax, ax; push rbp; mov rbp, rsp; xor eax, eax; xor edx, edx; xor ecx, ecx;
	 * xor r8d, r8d; leave; ret */
	check_image("bare", bare, 1, BARE_MAIN_PROLOGUE " " BARE_EPILOGUE);
	/* ...; sub rsp, 0x208 (with the push, 0x210: aligned); push r13; xor eax, eax;
	 * xor r13d, r13d; xor edx, edx; ...; mov r13, rbp; pop r13; leave; ret */
	check_image("r7 and the stack", stack_r7, 2,
		    "66 90 55 48 89 e5 48 81 ec 08 02 00 00 41 55 31 c0 45 31 ed 31 d2 31 c9 45 31 c0 "
		    "49 89 ed 41 5d c9 c3");
	/* two pushes keep rsp aligned: push rbx; push r15; ...; mov ebx, 1; mov r15d, 2;
	 * pop r15; pop rbx; leave; ret */
	check_image("r6 and r9", r6_r9, 3,
		    "66 90 55 48 89 e5 53 41 57 31 c0 31 db 45 31 ff 31 d2 31 c9 45 31 c0 "
		    "bb 01 00 00 00 41 bf 02 00 00 00 41 5f 5b c9 c3");
	/* one push: sub rsp, 8 keeps rsp aligned for helper calls */
	check_image("r8 alone", r8, 2,
		    "66 90 55 48 89 e5 48 83 ec 08 41 56 31 c0 45 31 f6 31 d2 31 c9 45 31 c0 "
		    "41 be 01 00 00 00 41 5e c9 c3");
}

/*
 * A tail call: the main program's frame keeps the count (rax at entry), and the jump goes
 * JIT_TAIL_CALL_OFFSET bytes into the next image. The displacements of the map and program
 * fields come from the structures, so the bytes follow their layout.
 */
static void test_golden_tail_call(void **state)
{
	const struct bpf_insn tail[] = { CALL_HELPER(BPF_FUNC_tail_call), EXIT };
	char hex[600];

	snprintf(hex, sizeof(hex),
		 "31 c0 55 48 89 e5 "		/* xor eax, eax; push rbp; mov rbp, rsp */
		 "48 81 ec 10 02 00 00 "	/* sub rsp, 0x210: the stack, the count, alignment */
		 "48 89 85 f8 fd ff ff "	/* mov [rbp-0x208], rax: the count so far */
		 "31 c0 31 d2 31 c9 45 31 c0 "	/* xor eax, edx, ecx, r8d */
		 "44 8b 5e %02x 44 39 da 73 32 "	/* mov r11d, [rsi+max_entries]; cmp edx, r11d; jae out */
		 "4c 8b 9d f8 fd ff ff 49 83 fb 21 73 25 " /* mov r11, [rbp-0x208]; cmp r11, 33; jae out */
		 "41 89 d2 49 c1 e2 03 49 01 f2 " /* mov r10d, edx; shl r10, 3; add r10, rsi */
		 "4d 8b 52 %02x 4d 85 d2 74 12 " /* mov r10, [r10+ptrs]; test r10, r10; je out */
		 "4d 8b 52 %02x 49 8d 43 01 "	/* mov r10, [r10+bpf_func]; lea rax, [r11+1] */
		 "48 89 ec 49 83 c2 06 41 ff e2 " /* mov rsp, rbp; add r10, 6; jmp r10 */
		 "c9 c3",			/* out: leave; ret */
		 (unsigned)offsetof(struct bpf_fd_array, map.max_entries),
		 (unsigned)offsetof(struct bpf_fd_array, ptrs),
		 (unsigned)offsetof(struct bpf_prog, bpf_func));
	check_image("tail call", tail, 2, hex);
}

static const struct golden mov_cases[] = {
	{ "xor eax, eax", { ALU64_IMM(BPF_MOV, R0, 0) }, 1, "31 c0" },
	{ "mov edi, 42", { ALU64_IMM(BPF_MOV, R1, 42) }, 1, "bf 2a 00 00 00" },
	{ "mov rdi, -1", { ALU64_IMM(BPF_MOV, R1, -1) }, 1, "48 c7 c7 ff ff ff ff" },
	{ "mov edi, 0xffffffff", { ALU32_IMM(BPF_MOV, R1, -1) }, 1, "bf ff ff ff ff" },
	{ "mov r13d, 5", { ALU64_IMM(BPF_MOV, R7, 5) }, 1, "41 bd 05 00 00 00" },
	{ "movabs rsi, 0x1122334455667788", { LD_IMM64(R2, 0x1122334455667788ull) }, 2,
	  "48 be 88 77 66 55 44 33 22 11" },
	{ "mov r15d, 0xffffffff", { LD_IMM64(R9, 0xffffffffull) }, 2, "41 bf ff ff ff ff" },
	{ "mov r15, -2", { LD_IMM64(R9, (u64)-2) }, 2, "49 c7 c7 fe ff ff ff" },
	{ "mov rdi, rsi", { ALU64_REG(BPF_MOV, R1, R2) }, 1, "48 89 f7" },
	{ "mov ebx, r15d", { ALU32_REG(BPF_MOV, R6, R9) }, 1, "44 89 fb" },
	{ "(nothing for r3 = r3)", { ALU64_REG(BPF_MOV, R3, R3) }, 1, "" },
	{ "mov edx, edx", { ALU32_REG(BPF_MOV, R3, R3) }, 1, "89 d2" },
	{ "movsx rdi, sil", { MOVSX64(R1, R2, 8) }, 1, "48 0f be fe" },
	{ "movsx edi, sil", { MOVSX32(R1, R2, 8) }, 1, "40 0f be fe" },
	{ "movsx rax, r13w", { MOVSX64(R0, R7, 16) }, 1, "49 0f bf c5" },
	{ "movsx eax, bx", { MOVSX32(R0, R6, 16) }, 1, "0f bf c3" },
	{ "movsxd rbx, edi", { MOVSX64(R6, R1, 32) }, 1, "48 63 df" },
};

static void test_golden_mov(void **state)
{
	check_family(mov_cases, ARRAY_SIZE(mov_cases));
}

static const struct golden alu_cases[] = {
	{ "add rax, rdi", { ALU64_REG(BPF_ADD, R0, R1) }, 1, "48 01 f8" },
	{ "sub r13, r14", { ALU64_REG(BPF_SUB, R7, R8) }, 1, "4d 29 f5" },
	{ "and edi, esi", { ALU32_REG(BPF_AND, R1, R2) }, 1, "21 f7" },
	{ "or r15, rbx", { ALU64_REG(BPF_OR, R9, R6) }, 1, "49 09 df" },
	{ "xor r8d, r13d", { ALU32_REG(BPF_XOR, R5, R7) }, 1, "45 31 e8" },
	{ "imul rax, rdi", { ALU64_REG(BPF_MUL, R0, R1) }, 1, "48 0f af c7" },
	{ "imul r8d, ecx", { ALU32_REG(BPF_MUL, R5, R4) }, 1, "44 0f af c1" },
	{ "neg rdi", { ALU64_IMM(BPF_NEG, R1, 0) }, 1, "48 f7 df" },
	{ "neg r14d", { ALU32_IMM(BPF_NEG, R8, 0) }, 1, "41 f7 de" },
	{ "add rdi, 1", { ALU64_IMM(BPF_ADD, R1, 1) }, 1, "48 83 c7 01" },
	{ "add rax, 0x1000", { ALU64_IMM(BPF_ADD, R0, 0x1000) }, 1, "48 05 00 10 00 00" },
	{ "and rsi, 0x7fffffff", { ALU64_IMM(BPF_AND, R2, 0x7fffffff) }, 1,
	  "48 81 e6 ff ff ff 7f" },
	{ "sub r15d, 200", { ALU32_IMM(BPF_SUB, R9, 200) }, 1, "41 81 ef c8 00 00 00" },
	{ "xor eax, -1", { ALU32_IMM(BPF_XOR, R0, -1) }, 1, "83 f0 ff" },
	{ "or rdx, -128", { ALU64_IMM(BPF_OR, R3, -128) }, 1, "48 83 ca 80" },
	{ "imul ebx, ebx, 10", { ALU32_IMM(BPF_MUL, R6, 10) }, 1, "6b db 0a" },
	{ "imul r13, r13, 100000", { ALU64_IMM(BPF_MUL, R7, 100000) }, 1,
	  "4d 69 ed a0 86 01 00" },
};

static void test_golden_alu(void **state)
{
	check_family(alu_cases, ARRAY_SIZE(alu_cases));
}

static const struct golden shift_cases[] = {
	{ "shl rdi, 3", { ALU64_IMM(BPF_LSH, R1, 3) }, 1, "48 c1 e7 03" },
	{ "shr edi, 1", { ALU32_IMM(BPF_RSH, R1, 1) }, 1, "d1 ef" },
	{ "(nothing: 64 masks to 0)", { ALU64_IMM(BPF_ARSH, R1, 64) }, 1, "" },
	{ "mov edi, edi (32 masks to 0)", { ALU32_IMM(BPF_LSH, R1, 32) }, 1, "89 ff" },
	{ "sar ebx, 3 (35 masks to 3)", { ALU32_IMM(BPF_ARSH, R6, 35) }, 1, "c1 fb 03" },
	{ "shl rdi, cl", { ALU64_REG(BPF_LSH, R1, R4) }, 1, "48 d3 e7" },
	{ "mov r11, rcx; mov rcx, rsi; shr rdi, cl; mov rcx, r11",
	  { ALU64_REG(BPF_RSH, R1, R2) }, 1, "49 89 cb 48 89 f1 48 d3 ef 4c 89 d9" },
	{ "mov r11, rcx; mov rcx, rsi; sar r11d, cl; mov rcx, r11",
	  { ALU32_REG(BPF_ARSH, R4, R2) }, 1, "49 89 cb 48 89 f1 41 d3 fb 4c 89 d9" },
};

static void test_golden_shift(void **state)
{
	check_family(shift_cases, ARRAY_SIZE(shift_cases));
}

static const struct golden divmod_cases[] = {
	{ "mov r11, rsi; test r11, r11; jz +0x19; mov r10, rax; mov r9, rdx; mov rax, rdi; "
	  "xor edx, edx; div r11; mov rdi, rax; mov rax, r10; mov rdx, r9; jmp +2; xor edi, edi",
	  { ALU64_REG(BPF_DIV, R1, R2) }, 1,
	  "49 89 f3 4d 85 db 74 19 49 89 c2 49 89 d1 48 89 f8 31 d2 49 f7 f3 48 89 c7 4c 89 d0 "
	  "4c 89 ca eb 02 31 ff" },
	{ "mov r11d, edx; test r11d, r11d; jz +0x1c; cmp r11d, -1; jz +0x1a; mov r10, rax; "
	  "mov r9, rdx; mov eax, esi; cdq; idiv r11d; mov esi, eax; mov rax, r10; mov rdx, r9; "
	  "jmp +6; xor esi, esi; jmp +2; neg esi",
	  { SDIV32_REG(BPF_DIV, R2, R3) }, 1,
	  "41 89 d3 45 85 db 74 1c 41 83 fb ff 74 1a 49 89 c2 49 89 d1 89 f0 99 41 f7 fb 89 c6 "
	  "4c 89 d0 4c 89 ca eb 06 31 f6 eb 02 f7 de" },
	{ "mov r11d, 7; mov r9, rdx; xor edx, edx; div r11; mov rax, rdx; mov rdx, r9",
	  { ALU64_IMM(BPF_MOD, R0, 7) }, 1,
	  "41 bb 07 00 00 00 49 89 d1 31 d2 49 f7 f3 48 89 d0 4c 89 ca" },
	{ "mov r11, -3; mov r10, rax; mov rax, rdx; cqo; idiv r11; mov rdx, rax; mov rax, r10",
	  { SDIV64_IMM(BPF_DIV, R3, -3) }, 1,
	  "49 c7 c3 fd ff ff ff 49 89 c2 48 89 d0 48 99 49 f7 fb 48 89 c2 4c 89 d0" },
	{ "xor eax, eax (division by 0)", { ALU64_IMM(BPF_DIV, R0, 0) }, 1, "31 c0" },
	{ "mov eax, eax (32-bit modulo by 0)", { ALU32_IMM(BPF_MOD, R0, 0) }, 1, "89 c0" },
	{ "(nothing: 64-bit modulo by 0)", { ALU64_IMM(BPF_MOD, R4, 0) }, 1, "" },
	{ "neg rdx (signed division by -1)", { SDIV64_IMM(BPF_DIV, R3, -1) }, 1, "48 f7 da" },
	{ "xor edx, edx (signed modulo by -1)", { SDIV64_IMM(BPF_MOD, R3, -1) }, 1, "31 d2" },
};

static void test_golden_divmod(void **state)
{
	check_family(divmod_cases, ARRAY_SIZE(divmod_cases));
}

static const struct golden end_cases[] = {
	{ "movzx edi, di", { END(BPF_TO_LE, R1, 16) }, 1, "0f b7 ff" },
	{ "mov edi, edi", { END(BPF_TO_LE, R1, 32) }, 1, "89 ff" },
	{ "(nothing: le64)", { END(BPF_TO_LE, R1, 64) }, 1, "" },
	{ "rol di, 8; movzx edi, di", { END(BPF_TO_BE, R1, 16) }, 1, "66 c1 c7 08 0f b7 ff" },
	{ "bswap r13d", { END(BPF_TO_BE, R7, 32) }, 1, "41 0f cd" },
	{ "bswap rax", { END(BPF_TO_BE, R0, 64) }, 1, "48 0f c8" },
	{ "rol r15w, 8; movzx r15d, r15w", { BSWAP(R9, 16) }, 1, "66 41 c1 c7 08 45 0f b7 ff" },
	{ "bswap rsi", { BSWAP(R2, 64) }, 1, "48 0f ce" },
};

static void test_golden_end(void **state)
{
	check_family(end_cases, ARRAY_SIZE(end_cases));
}

static const struct golden load_cases[] = {
	{ "movzx eax, byte [rdi]", { LDX(BPF_B, R0, R1, 0) }, 1, "0f b6 07" },
	{ "movzx eax, word [rbp-2]", { LDX(BPF_H, R0, R10, -2) }, 1, "0f b7 45 fe" },
	{ "mov esi, dword [r13+0x100]", { LDX(BPF_W, R2, R7, 0x100) }, 1,
	  "41 8b b5 00 01 00 00" },
	{ "mov r15, qword [rdi+8]", { LDX(BPF_DW, R9, R1, 8) }, 1, "4c 8b 7f 08" },
	{ "movsx rdi, byte [rdi+1]", { LDSX(BPF_B, R1, R1, 1) }, 1, "48 0f be 7f 01" },
	{ "movsx rdi, word [rsi]", { LDSX(BPF_H, R1, R2, 0) }, 1, "48 0f bf 3e" },
	{ "movsxd rdi, dword [rsi-4]", { LDSX(BPF_W, R1, R2, -4) }, 1, "48 63 7e fc" },
};

static void test_golden_load(void **state)
{
	check_family(load_cases, ARRAY_SIZE(load_cases));
}

static const struct golden store_cases[] = {
	{ "mov byte [rbp-1], sil", { STX(BPF_B, R10, R2, -1) }, 1, "40 88 75 ff" },
	{ "mov byte [rdi], al", { STX(BPF_B, R1, R0, 0) }, 1, "88 07" },
	{ "mov word [rdi+2], r14w", { STX(BPF_H, R1, R8, 2) }, 1, "66 44 89 77 02" },
	{ "mov dword [r15+4], edx", { STX(BPF_W, R9, R3, 4) }, 1, "41 89 57 04" },
	{ "mov qword [rbp-8], rbx", { STX(BPF_DW, R10, R6, -8) }, 1, "48 89 5d f8" },
	{ "mov qword [rdi-200], rsi", { STX(BPF_DW, R1, R2, -200) }, 1, "48 89 b7 38 ff ff ff" },
	{ "mov byte [rdi], 0xab", { ST(BPF_B, R1, 0, 0xab) }, 1, "c6 07 ab" },
	{ "mov word [rdi], 0x1234", { ST(BPF_H, R1, 0, 0x1234) }, 1, "66 c7 07 34 12" },
	{ "mov dword [rbp-4], -1", { ST(BPF_W, R10, -4, -1) }, 1, "c7 45 fc ff ff ff ff" },
	{ "mov qword [r13+0], 1 (r13 needs its disp8)", { ST(BPF_DW, R7, 0, 1) }, 1,
	  "49 c7 45 00 01 00 00 00" },
};

static void test_golden_store(void **state)
{
	check_family(store_cases, ARRAY_SIZE(store_cases));
}

static const struct golden atomic_cases[] = {
	{ "lock add qword [rdi], rsi", { ATOMIC(BPF_DW, BPF_ADD, R1, R2, 0) }, 1,
	  "f0 48 01 37" },
	{ "lock or dword [rdi+4], esi", { ATOMIC(BPF_W, BPF_OR, R1, R2, 4) }, 1, "f0 09 77 04" },
	{ "lock and qword [rbp-8], rax", { ATOMIC(BPF_DW, BPF_AND, R10, R0, -8) }, 1,
	  "f0 48 21 45 f8" },
	{ "lock xor dword [r15], r14d", { ATOMIC(BPF_W, BPF_XOR, R9, R8, 0) }, 1,
	  "f0 45 31 37" },
	{ "lock xadd qword [rdi], rsi", { ATOMIC(BPF_DW, BPF_ADD | BPF_FETCH, R1, R2, 0) }, 1,
	  "f0 48 0f c1 37" },
	{ "xchg qword [rdi], rsi", { ATOMIC(BPF_DW, BPF_XCHG, R1, R2, 0) }, 1, "48 87 37" },
	{ "lock cmpxchg qword [rdi], rsi", { ATOMIC(BPF_DW, BPF_CMPXCHG, R1, R2, 0) }, 1,
	  "f0 48 0f b1 37" },
	{ "lock cmpxchg dword [rdi], esi; mov eax, eax",
	  { ATOMIC(BPF_W, BPF_CMPXCHG, R1, R2, 0) }, 1, "f0 0f b1 37 89 c0" },
	{ "mov r10, rax; mov rax, [rdi]; retry: mov r11, rax; and r11, rsi; "
	  "lock cmpxchg [rdi], r11; jne retry; mov rsi, rax; mov rax, r10",
	  { ATOMIC(BPF_DW, BPF_AND | BPF_FETCH, R1, R2, 0) }, 1,
	  "49 89 c2 48 8b 07 49 89 c3 49 21 f3 f0 4c 0f b1 1f 75 f3 48 89 c6 4c 89 d0" },
	{ "mov r9, rax; mov r10, rax; mov eax, [r9]; retry: mov r11d, eax; xor r11d, r10d; "
	  "lock cmpxchg [r9], r11d; jne retry (r0 is base and source)",
	  { ATOMIC(BPF_W, BPF_XOR | BPF_FETCH, R0, R0, 0) }, 1,
	  "49 89 c1 49 89 c2 41 8b 01 41 89 c3 45 31 d3 f0 45 0f b1 19 75 f3" },
};

static void test_golden_atomic(void **state)
{
	check_family(atomic_cases, ARRAY_SIZE(atomic_cases));
}

static const struct golden jump_cases[] = {
	{ "test rdi, rdi; je +5; mov eax, 1",
	  { JMP_IMM(BPF_JEQ, R1, 0, 1), ALU64_IMM(BPF_MOV, R0, 1) }, 2,
	  "48 85 ff 74 05 b8 01 00 00 00" },
	{ "cmp edi, 5; jg +5; mov eax, 1",
	  { JMP32_IMM(BPF_JSGT, R1, 5, 1), ALU64_IMM(BPF_MOV, R0, 1) }, 2,
	  "83 ff 05 7f 05 b8 01 00 00 00" },
	{ "test rdi, 0x10; jne +5; mov eax, 1",
	  { JMP_IMM(BPF_JSET, R1, 0x10, 1), ALU64_IMM(BPF_MOV, R0, 1) }, 2,
	  "48 f7 c7 10 00 00 00 75 05 b8 01 00 00 00" },
	{ "cmp rsi, rdx; jb +5; mov eax, 1",
	  { JMP_REG(BPF_JLT, R2, R3, 1), ALU64_IMM(BPF_MOV, R0, 1) }, 2,
	  "48 39 d6 72 05 b8 01 00 00 00" },
	{ "cmp ebx, r13d; jne +5; mov eax, 1",
	  { JMP32_REG(BPF_JNE, R6, R7, 1), ALU64_IMM(BPF_MOV, R0, 1) }, 2,
	  "44 39 eb 75 05 b8 01 00 00 00" },
	{ "cmp rax, -2; jle +5; mov eax, 1",
	  { JMP_IMM(BPF_JSLE, R0, -2, 1), ALU64_IMM(BPF_MOV, R0, 1) }, 2,
	  "48 83 f8 fe 7e 05 b8 01 00 00 00" },
	{ "cmp r8, 0x12345; jae +5; mov eax, 1",
	  { JMP_IMM(BPF_JGE, R5, 0x12345, 1), ALU64_IMM(BPF_MOV, R0, 1) }, 2,
	  "49 81 f8 45 23 01 00 73 05 b8 01 00 00 00" },
	{ "jmp +5; mov eax, 1", { JA(1), ALU64_IMM(BPF_MOV, R0, 1) }, 2,
	  "eb 05 b8 01 00 00 00" },
	{ "jmp +5; mov eax, 1 (gotol)", { GOTOL(1), ALU64_IMM(BPF_MOV, R0, 1) }, 2,
	  "eb 05 b8 01 00 00 00" },
	{ "(nothing: ja +0)", { JA(0) }, 1, "" },
	{ "(nothing: a conditional jump to the next instruction)",
	  { JMP_REG(BPF_JGT, R1, R2, 0) }, 1, "" },
	{ "xor eax, eax; mov edi, 1000; loop: add rax, rdi; sub rdi, 1; test rdi, rdi; "
	  "jne loop",
	  { ALU64_IMM(BPF_MOV, R0, 0), ALU64_IMM(BPF_MOV, R1, 1000), ALU64_REG(BPF_ADD, R0, R1),
	    ALU64_IMM(BPF_SUB, R1, 1) }, 4, "" },
};

static void test_golden_jump(void **state)
{
	/* The loop case needs a fifth instruction: run it apart. */
	const struct bpf_insn loop[] = {
		ALU64_IMM(BPF_MOV, R0, 0), ALU64_IMM(BPF_MOV, R1, 1000),
		ALU64_REG(BPF_ADD, R0, R1), ALU64_IMM(BPF_SUB, R1, 1),
		JMP_IMM(BPF_JNE, R1, 0, -3), EXIT,
	};

	check_family(jump_cases, ARRAY_SIZE(jump_cases) - 1);
	check_body(jump_cases[ARRAY_SIZE(jump_cases) - 1].x86, loop, ARRAY_SIZE(loop),
		   "31 c0 bf e8 03 00 00 48 01 f8 48 83 ef 01 48 85 ff 75 f4", 0, -1);
}

/* --- jump sizes across passes ------------------------------------------------------------ */

/* Fill insns[from, from + adds) with r0 += 1 (4 bytes each: add rax, 1). */
static void fill_adds(struct bpf_insn *insns, u32 from, u32 adds)
{
	for (u32 i = 0; i < adds; i++)
		insns[from + i] = (struct bpf_insn)ALU64_IMM(BPF_ADD, R0, 1);
}

/* A forward jump over 127 bytes takes rel8, over 128 bytes rel32. */
static void test_jump_forward_limit(void **state)
{
	struct bpf_insn insns[40];

	/* cmp rax, rdi; je +127; 31 x add rax, 1; mov rax, rdi */
	insns[0] = (struct bpf_insn)JMP_REG(BPF_JEQ, R0, R1, 32);
	fill_adds(insns, 1, 31);
	insns[32] = (struct bpf_insn)ALU64_REG(BPF_MOV, R0, R1);
	insns[33] = (struct bpf_insn)EXIT;
	check_body("je rel8 over 127 bytes", insns, 34, "48 39 f8 74 7f", 0, 5 + 127);

	/* cmp rax, rdi; je +128 (rel32); 32 x add rax, 1 */
	insns[0] = (struct bpf_insn)JMP_REG(BPF_JEQ, R0, R1, 32);
	fill_adds(insns, 1, 32);
	insns[33] = (struct bpf_insn)EXIT;
	check_body("je rel32 over 128 bytes", insns, 34, "48 39 f8 0f 84 80 00 00 00", 0,
		   9 + 128);
}

/* A backward jump of -128 takes rel8, of -129 or more rel32. */
static void test_jump_backward_limit(void **state)
{
	struct bpf_insn insns[40];

	/* 30 adds + mov (123 bytes), cmp rax, rdi; jne -128 */
	fill_adds(insns, 0, 30);
	insns[30] = (struct bpf_insn)ALU64_REG(BPF_MOV, R0, R1);
	insns[31] = (struct bpf_insn)JMP_REG(BPF_JNE, R0, R1, -32);
	insns[32] = (struct bpf_insn)EXIT;
	check_body("jne rel8 back 128 bytes", insns, 33, "48 39 f8 75 80", 123, 128);

	/* 31 adds (124 bytes), cmp rax, rdi; jne -133 (rel32) */
	fill_adds(insns, 0, 31);
	insns[31] = (struct bpf_insn)JMP_REG(BPF_JNE, R0, R1, -32);
	insns[32] = (struct bpf_insn)EXIT;
	check_body("jne rel32 back 133 bytes", insns, 33, "48 39 f8 0f 85 7b ff ff ff", 124, 133);
}

/*
 * The outer jump reaches its target with rel8 only once the inner jump has shrunk, which
 * the pass before cannot know: the layout must take three passes to settle.
 */
static void test_jump_shrinks_across_passes(void **state)
{
	struct bpf_insn insns[40];

	insns[0] = (struct bpf_insn)JMP_REG(BPF_JEQ, R0, R1, 31); /* cmp rax, rdi; je +125 */
	insns[1] = (struct bpf_insn)JMP_REG(BPF_JEQ, R0, R2, 30); /* cmp rax, rsi; je +120 */
	fill_adds(insns, 2, 30);
	insns[32] = (struct bpf_insn)EXIT;
	check_body("je rel8 after the inner je shrank", insns, 33,
		   "48 39 f8 74 7d 48 39 f0 74 78", 0, 10 + 120);
}

/* --- calls -------------------------------------------------------------------------------- */

/* call rel32 to the callee's prologue; each subprogram has its own frame and epilogue. */
static void test_golden_bpf_call(void **state)
{
	const struct bpf_insn insns[] = {
		CALL_SUB(2), ALU64_IMM(BPF_ADD, R0, 1), EXIT,
		ALU64_IMM(BPF_MOV, R0, 7), EXIT,
	};

	/* The subprogram names no register to save: push rbp; mov rbp, rsp; xor eax, eax */
	check_body("call +6; add rax, 1; leave; ret; <prologue>; mov eax, 7", insns,
		   ARRAY_SIZE(insns),
		   "e8 06 00 00 00 48 83 c0 01 " BARE_EPILOGUE
		   " 55 48 89 e5 31 c0 b8 07 00 00 00",
		   0, -1);
}

/* A helper call is call rel32 when the helper is within 2 GiB of the image, else movabs. */
static void test_golden_helper_call(void **state)
{
	const struct bpf_insn insns[] = { CALL_HELPER(6), EXIT };
	struct bpf_prog *prog = new_prog(insns, ARRAY_SIZE(insns));
	u64 helper = (u64)(uintptr_t)test_helpers[6];
	const u8 *code;
	u64 site;
	s64 rel;

	u8 pro[64], epi[16];
	size_t pro_len, epi_len;

	expect_frame(insns, ARRAY_SIZE(insns), pro, &pro_len, epi, &epi_len);
	assert_int_equal(bpf_int_jit_compile(prog), 0);
	code = (const u8 *)prog->jit_image + pro_len;
	site = (u64)(uintptr_t)code;
	rel = (s64)(helper - (site + 5));
	if (rel >= INT32_MIN && rel <= INT32_MAX) {
		/* call rel32 */
		assert_int_equal(prog->jited_len, pro_len + 5 + epi_len);
		assert_int_equal(code[0], 0xe8);
		assert_memory_equal(code + 1, &(s32){ (s32)rel }, 4);
	} else {
		/* movabs rax, helper; call rax */
		assert_int_equal(prog->jited_len, pro_len + 12 + epi_len);
		assert_int_equal(code[0], 0x48);
		assert_int_equal(code[1], 0xb8);
		assert_memory_equal(code + 2, &helper, 8);
		assert_int_equal(code[10], 0xff);
		assert_int_equal(code[11], 0xd0);
	}
	assert_int_equal(prog->bpf_func(0, 0, prog), 0);
	bpf_prog_free(prog);
}

/*
 * Recursion: every frame reserves the same 528 bytes and counts its depth; the main
 * program saves all of rbx, r13-r15, since a call too deep unwinds straight to its epilogue.
 */
static void test_golden_depth_check(void **state)
{
	const struct bpf_insn insns[] = { CALL_SUB(1), EXIT, CALL_SUB(-1), EXIT };
	struct bpf_prog *prog = new_prog(insns, ARRAY_SIZE(insns));
	u8 want[128];
	size_t n;

	assert_int_equal(bpf_int_jit_compile(prog), 0);
	/*
	 * nop; push rbp; mov rbp, rsp; sub rsp, 0x210; push rbx; push r13; push r14; push r15;
	 * xor eax, eax; xor ebx, ebx; xor r13d, r13d; xor r14d, r14d; xor r15d, r15d;
	 * xor edx, edx; xor ecx, ecx; xor r8d, r8d; mov qword [rbp-0x210], 1;
	 * call sub; pop r15; pop r14; pop r13; pop rbx; leave; ret;
	 * sub: push rbp; mov rbp, rsp; sub rsp, 0x210; xor eax, eax;
	 * mov r11, [rbp+0]; mov r11, [r11-0x210]; add r11, 1; mov [rbp-0x210], r11;
	 * cmp r11, 8; ja too_deep
	 */
	n = parse_hex("66 90 55 48 89 e5 48 81 ec 10 02 00 00 53 41 55 41 56 41 57 31 c0 31 db 45 31 ed "
		      "45 31 f6 45 31 ff 31 d2 31 c9 45 31 c0 48 c7 85 f0 fd ff ff 01 00 00 00 "
		      "e8 09 00 00 00 41 5f 41 5e 41 5d 5b c9 c3 "
		      "55 48 89 e5 48 81 ec 10 02 00 00 31 c0 4c 8b 5d 00 4d 8b 9b f0 fd ff ff "
		      "49 83 c3 01 4c 89 9d f0 fd ff ff 49 83 fb 08 0f 87", want, sizeof(want));
	assert_true(prog->jited_len > n);
	assert_memory_equal(prog->jit_image, want, n);
	/* It runs 8 frames deep, then stops with r0 = 0 like the interpreter. */
	assert_int_equal(prog->bpf_func(0, 0, prog), 0);
	assert_int_equal(___bpf_prog_run(0, 0, prog), 0);
	bpf_prog_free(prog);
}

/*
 * call_checked(fn, r1, r2, prog, out): call fn(r1, r2, prog) with rbx, rbp and r12-r15
 * holding known values, store them as fn left them into out[0..5], return fn's result.
 * Written in assembly because C cannot watch the callee-saved registers.
 */
__asm__(".text\n"
	".type call_checked, @function\n"
	"call_checked:\n"
	"	push %rbx\n	push %rbp\n	push %r12\n"
	"	push %r13\n	push %r14\n	push %r15\n"
	"	push %r8\n" /* out; rsp is now 16-byte aligned */
	"	mov %rdi, %rax\n	mov %rsi, %rdi\n"
	"	mov %rdx, %rsi\n	mov %rcx, %rdx\n"
	"	movabs $0x1111111111111111, %rbx\n	movabs $0x5555555555555555, %rbp\n"
	"	movabs $0x1212121212121212, %r12\n	movabs $0x1313131313131313, %r13\n"
	"	movabs $0x1414141414141414, %r14\n	movabs $0x1515151515151515, %r15\n"
	"	call *%rax\n"
	"	pop %r8\n"
	"	mov %rbx, 0(%r8)\n	mov %rbp, 8(%r8)\n	mov %r12, 16(%r8)\n"
	"	mov %r13, 24(%r8)\n	mov %r14, 32(%r8)\n	mov %r15, 40(%r8)\n"
	"	pop %r15\n	pop %r14\n	pop %r13\n"
	"	pop %r12\n	pop %rbp\n	pop %rbx\n"
	"	ret\n"
	".size call_checked, .-call_checked\n");
u64 call_checked(bpf_func_t fn, u64 r1, u64 r2, const struct bpf_prog *prog, u64 *out);

/* Images keep the caller's callee-saved registers, whatever frames ran and however they ended. */
static void test_callee_saved_registers(void **state)
{
	static const u64 want[6] = { 0x1111111111111111ull, 0x5555555555555555ull,
				     0x1212121212121212ull, 0x1313131313131313ull,
				     0x1414141414141414ull, 0x1515151515151515ull };
	const struct bpf_insn plain[] = { ALU64_IMM(BPF_MOV, R0, 3), EXIT };
	const struct bpf_insn all_regs[] = {
		ALU64_IMM(BPF_MOV, R6, 6), ALU64_IMM(BPF_MOV, R7, 7), ALU64_IMM(BPF_MOV, R8, 8),
		ALU64_REG(BPF_MOV, R9, R10), ALU64_REG(BPF_SUB, R9, R10),
		ALU64_REG(BPF_MOV, R0, R6), ALU64_REG(BPF_ADD, R0, R9), EXIT,
	};
	/* main -> a (saves rbx, r15) -> b (saves r14), then helper 5 returns its r1 */
	const struct bpf_insn calls[] = {
		ALU64_IMM(BPF_MOV, R7, 7), CALL_SUB(4), ALU64_REG(BPF_ADD, R0, R7),
		ALU64_REG(BPF_MOV, R1, R0), CALL_HELPER(5), EXIT,
		ALU64_IMM(BPF_MOV, R6, 60), ALU64_IMM(BPF_MOV, R9, 90), CALL_SUB(2),
		ALU64_REG(BPF_ADD, R0, R6), EXIT,
		ALU64_IMM(BPF_MOV, R8, 800), ALU64_REG(BPF_MOV, R0, R8), EXIT,
	};
	/* f(n) = n ? n * f(n - 1) : 1, which stops 8 frames deep when n >= 7 */
	const struct bpf_insn recursive[] = {
		CALL_SUB(1), EXIT,
		JMP_IMM(BPF_JEQ, R1, 0, 5), ALU64_REG(BPF_MOV, R6, R1), ALU64_IMM(BPF_SUB, R1, 1),
		CALL_SUB(-4), ALU64_REG(BPF_MUL, R0, R6), EXIT,
		ALU64_IMM(BPF_MOV, R0, 1), EXIT,
	};
	const struct {
		const struct bpf_insn *insns;
		u32 len;
		u64 r1;
		u64 r0;
	} cases[] = {
		{ plain, ARRAY_SIZE(plain), 0, 3 },
		{ all_regs, ARRAY_SIZE(all_regs), 0, 6 },
		{ calls, ARRAY_SIZE(calls), 0, 800 + 60 + 7 },
		{ recursive, ARRAY_SIZE(recursive), 5, 120 },
		{ recursive, ARRAY_SIZE(recursive), 6, 720 },
		{ recursive, ARRAY_SIZE(recursive), 7, 0 },  /* stopped */
		{ recursive, ARRAY_SIZE(recursive), 50, 0 }, /* stopped */
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct bpf_prog *prog = new_prog(cases[i].insns, cases[i].len);
		u64 out[6];
		u64 r0;

		assert_int_equal(bpf_int_jit_compile(prog), 0);
		r0 = call_checked(prog->bpf_func, cases[i].r1, 0, prog, out);
		if (r0 != cases[i].r0)
			fail_msg("case %zu: r0 = %llu, expected %llu", i, (unsigned long long)r0,
				 (unsigned long long)cases[i].r0);
		assert_int_equal(___bpf_prog_run(cases[i].r1, 0, prog), r0);
		for (u32 r = 0; r < 6; r++)
			if (out[r] != want[r])
				fail_msg("case %zu: callee-saved register %u changed to 0x%llx",
					 i, r, (unsigned long long)out[r]);
		bpf_prog_free(prog);
	}
}

/* --- semantics against the interpreter ---------------------------------------------------- */

/*
 * Run insns with r1 = as[i], r2 = bs[j] for every pair through the interpreter and the JIT
 * (compiled once); r0 must agree. Returns r0 of the last pair.
 */
static u64 pairs(const char *what, const struct bpf_insn *insns, u32 len, const u64 *as,
		 size_t na, const u64 *bs, size_t nb)
{
	struct bpf_prog *prog = new_prog(insns, len);
	u64 want = 0, got = 0;

	if (bpf_int_jit_compile(prog))
		fail_msg("%s: the JIT refused the program", what);
	for (size_t i = 0; i < na; i++)
		for (size_t j = 0; j < nb; j++) {
			want = ___bpf_prog_run(as[i], bs[j], prog);
			got = prog->bpf_func(as[i], bs[j], prog);
			if (got != want)
				fail_msg("%s (r1 = 0x%llx, r2 = 0x%llx): interpreter 0x%llx, "
					 "JIT 0x%llx", what, (unsigned long long)as[i],
					 (unsigned long long)bs[j], (unsigned long long)want,
					 (unsigned long long)got);
		}
	bpf_prog_free(prog);
	return got;
}

static u64 both(const char *what, const struct bpf_insn *insns, u32 len, u64 a, u64 b)
{
	return pairs(what, insns, len, &a, 1, &b, 1);
}

static const u64 edge_values[] = {
	0, 1, 2, 3, 7, 31, 32, 33, 63, 64, 65, 0x7f, 0x80, 0xff, 0x8000, 0xffff,
	0x7fffffff, 0x80000000, 0xffffffff, 0x100000000ull, 0x7fffffffffffffffull,
	0x8000000000000000ull, 0xfffffffffffffffeull, 0xffffffffffffffffull,
	0xffffffff80000000ull, 0x123456789abcdef0ull,
};

/*
 * Every ALU operation, 32 and 64 bits, by register: each pair of edge values, with the
 * operands in rax/rdx/rcx too (the registers div and shifts use).
 */
static void test_alu_edges_against_interpreter(void **state)
{
	static const u8 ops[] = { BPF_ADD, BPF_SUB, BPF_MUL, BPF_DIV, BPF_OR, BPF_AND, BPF_LSH,
				  BPF_RSH, BPF_MOD, BPF_XOR, BPF_ARSH };
	static const u8 regs[][2] = { { R1, R2 }, { R0, R1 }, { R3, R1 }, { R1, R0 },
				      { R1, R3 }, { R4, R1 }, { R1, R4 }, { R0, R3 } };
	u32 runs = 0;

	for (size_t o = 0; o < ARRAY_SIZE(ops); o++)
		for (u8 cls = 0; cls < 2; cls++)
			for (s16 sign = 0; sign < 2; sign++)
				for (size_t r = 0; r < ARRAY_SIZE(regs); r++) {
					u8 d = regs[r][0], s = regs[r][1];
					u8 code = (cls ? BPF_ALU64 : BPF_ALU) | ops[o] | BPF_X;
					bool divmod = ops[o] == BPF_DIV || ops[o] == BPF_MOD;
					/* d = r1, s = r2 through r8 and r5, then d op= s */
					const struct bpf_insn insns[] = {
						ALU64_REG(BPF_MOV, R8, R1),
						ALU64_REG(BPF_MOV, R5, R2),
						ALU64_REG(BPF_MOV, d, R8),
						ALU64_REG(BPF_MOV, s, R5),
						INSN(code, d, s, divmod ? sign : 0, 0),
						ALU64_REG(BPF_MOV, R0, d),
						EXIT,
					};
					char what[64];

					if (sign && !divmod)
						continue;
					snprintf(what, sizeof(what), "op 0x%02x off %d r%u, r%u",
						 code, sign, d, s);
					pairs(what, insns, ARRAY_SIZE(insns), edge_values,
					      ARRAY_SIZE(edge_values), edge_values,
					      ARRAY_SIZE(edge_values));
					runs++;
				}
	assert_int_equal(runs, (11 + 2) * 2 * ARRAY_SIZE(regs));
}

/* The same operations with immediates, which the JIT handles at compile time. */
static void test_alu_imm_edges_against_interpreter(void **state)
{
	static const u8 ops[] = { BPF_ADD, BPF_SUB, BPF_MUL, BPF_DIV, BPF_OR, BPF_AND, BPF_LSH,
				  BPF_RSH, BPF_MOD, BPF_XOR, BPF_ARSH, BPF_MOV };
	static const s32 imms[] = { 0, 1, -1, 2, 7, -7, 31, 32, 33, 63, 64, 0x7fffffff,
				    (s32)0x80000000, 0x12345 };

	for (size_t o = 0; o < ARRAY_SIZE(ops); o++)
		for (u8 cls = 0; cls < 2; cls++)
			for (s16 sign = 0; sign < 2; sign++)
				for (size_t k = 0; k < ARRAY_SIZE(imms); k++) {
					u8 code = (cls ? BPF_ALU64 : BPF_ALU) | ops[o] | BPF_K;
					bool divmod = ops[o] == BPF_DIV || ops[o] == BPF_MOD;
					const struct bpf_insn insns[] = {
						ALU64_REG(BPF_MOV, R0, R1),
						INSN(code, R0, 0, divmod ? sign : 0, imms[k]),
						EXIT,
					};
					char what[64];
					const u64 zero = 0;

					if (sign && !divmod)
						continue;
					snprintf(what, sizeof(what), "op 0x%02x off %d imm %d",
						 code, sign, imms[k]);
					pairs(what, insns, ARRAY_SIZE(insns), edge_values,
					      ARRAY_SIZE(edge_values), &zero, 1);
				}
}

/* Every jump condition, JMP and JMP32, by register and by immediate. */
static void test_jumps_against_interpreter(void **state)
{
	static const u8 ops[] = { BPF_JEQ, BPF_JGT, BPF_JGE, BPF_JSET, BPF_JNE, BPF_JSGT,
				  BPF_JSGE, BPF_JLT, BPF_JLE, BPF_JSLT, BPF_JSLE };
	static const s32 imms[] = { 0, 1, -1, 0x7fffffff, (s32)0x80000000, 32 };

	for (size_t o = 0; o < ARRAY_SIZE(ops); o++)
		for (u8 cls = 0; cls < 2; cls++) {
			u8 jcls = cls ? BPF_JMP : BPF_JMP32;
			const struct bpf_insn by_reg[] = {
				ALU64_IMM(BPF_MOV, R0, 1),
				INSN(jcls | ops[o] | BPF_X, R1, R2, 1, 0),
				ALU64_IMM(BPF_MOV, R0, 2),
				EXIT,
			};

			const u64 zero = 0;

			pairs("jump by register", by_reg, ARRAY_SIZE(by_reg), edge_values,
			      ARRAY_SIZE(edge_values), edge_values, ARRAY_SIZE(edge_values));
			for (size_t k = 0; k < ARRAY_SIZE(imms); k++) {
				const struct bpf_insn by_imm[] = {
					ALU64_IMM(BPF_MOV, R0, 1),
					INSN(jcls | ops[o] | BPF_K, R1, 0, 1, imms[k]),
					ALU64_IMM(BPF_MOV, R0, 2),
					EXIT,
				};

				pairs("jump by immediate", by_imm, ARRAY_SIZE(by_imm), edge_values,
				      ARRAY_SIZE(edge_values), &zero, 1);
			}
		}
}

/* Atomics on the stack: results and memory, including cmpxchg that succeeds and fails. */
static void test_atomics_against_interpreter(void **state)
{
	static const s32 ops[] = { BPF_ADD, BPF_OR, BPF_AND, BPF_XOR, BPF_ADD | BPF_FETCH,
				   BPF_OR | BPF_FETCH, BPF_AND | BPF_FETCH, BPF_XOR | BPF_FETCH,
				   BPF_XCHG, BPF_CMPXCHG };

	for (size_t o = 0; o < ARRAY_SIZE(ops); o++)
		for (u8 size = 0; size < 2; size++)
			for (u8 src = R0; src <= R3; src++) {
				u8 sz = size ? BPF_DW : BPF_W;
				/* mem = r1, src = r2 (or r0 = r1 for cmpxchg to succeed), */
				const struct bpf_insn insns[] = {
					STX(BPF_DW, R10, R1, -8),
					ALU64_REG(BPF_MOV, R0, R2),
					ALU64_REG(BPF_MOV, src, R2),
					ATOMIC(sz, ops[o], R10, src, -8),
					LDX(BPF_DW, R3, R10, -8),
					ALU64_IMM(BPF_MUL, R3, 3),
					ALU64_REG(BPF_ADD, R0, R3),
					ALU64_REG(BPF_XOR, R0, src),
					EXIT,
				};

				pairs("atomic", insns, ARRAY_SIZE(insns), edge_values,
				      ARRAY_SIZE(edge_values), edge_values,
				      ARRAY_SIZE(edge_values));
			}
}

/* BPF-to-BPF calls: arguments, results, r6-r9 preserved, each frame its own stack. */
static void test_calls_against_interpreter(void **state)
{
	const struct bpf_insn insns[] = {
		ALU64_IMM(BPF_MOV, R6, 6), ALU64_IMM(BPF_MOV, R7, 7),
		ALU64_IMM(BPF_MOV, R8, 8), ALU64_IMM(BPF_MOV, R9, 9),
		ST(BPF_DW, R10, -8, 100),
		CALL_SUB(7),                     /* r0 = sub(r1, r2) */
		LDX(BPF_DW, R1, R10, -8),        /* still 100 */
		ALU64_REG(BPF_ADD, R0, R1),
		ALU64_REG(BPF_ADD, R0, R6), ALU64_REG(BPF_ADD, R0, R7),
		ALU64_REG(BPF_ADD, R0, R8), ALU64_REG(BPF_ADD, R0, R9),
		EXIT,
		/* sub: r1 - r2 + 5000, through its own stack; clobbers r6 and r9 */
		ST(BPF_DW, R10, -8, 5000), ALU64_IMM(BPF_MOV, R6, 60),
		ALU64_IMM(BPF_MOV, R9, 90), ALU64_REG(BPF_MOV, R0, R1),
		ALU64_REG(BPF_SUB, R0, R2), LDX(BPF_DW, R3, R10, -8),
		ALU64_REG(BPF_ADD, R0, R3), EXIT,
	};
	const struct bpf_insn helper[] = {
		ALU64_IMM(BPF_MOV, R1, 1), ALU64_IMM(BPF_MOV, R2, 10), ALU64_IMM(BPF_MOV, R3, 100),
		ALU64_IMM(BPF_MOV, R4, 1000), ALU64_IMM(BPF_MOV, R5, 10000), CALL_HELPER(6), EXIT,
	};
	const u64 a = 1000, b = 17;

	/* The expected values come from the arithmetic, not from either engine. */
	assert_int_equal(both("helper arguments", helper, ARRAY_SIZE(helper), 0, 0),
			 1 + 20 + 300 + 4000 + 50000);
	assert_int_equal(both("calls", insns, ARRAY_SIZE(insns), a, b),
			 (a - b + 5000) + 100 + 6 + 7 + 8 + 9);
	pairs("calls", insns, ARRAY_SIZE(insns), edge_values, ARRAY_SIZE(edge_values),
	      edge_values, ARRAY_SIZE(edge_values));
}

/* Random valid programs (tests/fuzz/jit_gen.h): r0, memory and stack must agree. */
static void test_random_programs_against_interpreter(void **state)
{
	static struct jit_gen g;
	u8 buf[JG_BUF_SIZE];
	char msg[256];
	u32 ran = 0;

	for (u64 seed = 1; seed <= 3000; seed++) {
		if (!jit_gen_program(&g, NULL, 0, seed * 0x9e3779b9ull, 4 + seed % 40))
			continue;
		jit_gen_buffer(buf, seed);
		if (jit_diff_check(g.insns, g.len, buf, msg, sizeof(msg)))
			fail_msg("random program, seed %llu: %s", (unsigned long long)seed, msg);
		ran++;
	}
	assert_true(ran > 2900);
}

/* --- refusals, runtime selection, memory ---------------------------------------------------- */

struct refusal {
	const char *name;
	struct bpf_insn insns[5];
	u32 len;
	int err;
};

static const struct refusal refusals[] = {
	{ "empty program", { EXIT }, 0, -EINVAL },
	{ "jump into another subprogram",
	  { CALL_SUB(1), JA(1), ALU64_IMM(BPF_MOV, R0, 1), EXIT }, 4, -EINVAL },
	{ "subprogram falls through into the next",
	  { CALL_SUB(1), EXIT, ALU64_IMM(BPF_MOV, R0, 1), CALL_SUB(0), EXIT }, 5, -EINVAL },
	{ "program runs off its end", { ALU64_IMM(BPF_MOV, R0, 1) }, 1, -EINVAL },
	{ "jump out of the program", { JA(5), EXIT }, 2, -EINVAL },
	{ "jump into a 64-bit load", { JA(1), LD_IMM64(R0, 1), EXIT }, 4, -EINVAL },
	{ "64-bit load without its second half",
	  { EXIT, INSN(BPF_LD | BPF_IMM | BPF_DW, 0, 0, 0, 1) }, 2, -EINVAL },
	{ "unknown helper", { CALL_HELPER(1), EXIT }, 2, -EINVAL },
	{ "helper id past the table", { CALL_HELPER(99), EXIT }, 2, -EINVAL },
	{ "kfunc call", { INSN(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_KFUNC_CALL, 0, 1), EXIT }, 2,
	  -ENOTSUPP },
	{ "call to the main program", { JA(1), EXIT, CALL_SUB(-3), EXIT }, 4, -EINVAL },
	{ "write to r10", { ALU64_IMM(BPF_MOV, R10, 0), EXIT }, 2, -ENOTSUPP },
	{ "fetch into r10", { ATOMIC(BPF_DW, BPF_ADD | BPF_FETCH, R1, R10, 0), EXIT }, 2,
	  -ENOTSUPP },
	{ "register r11", { ALU64_IMM(BPF_MOV, 11, 0), EXIT }, 2, -ENOTSUPP },
	{ "unknown opcode", { INSN(0xff, 0, 0, 0, 0), EXIT }, 2, -ENOTSUPP },
	{ "legacy packet load", { INSN(BPF_LD | BPF_ABS | BPF_W, 0, 0, 0, 0), EXIT }, 2,
	  -ENOTSUPP },
	{ "byte swap of 24 bits", { END(BPF_TO_BE, R0, 24), EXIT }, 2, -ENOTSUPP },
	{ "movsx of 32 bits in ALU", { MOVSX32(R0, R1, 32), EXIT }, 2, -ENOTSUPP },
	{ "unknown atomic", { ATOMIC(BPF_DW, 0x10, R10, R1, -8), EXIT }, 2, -ENOTSUPP },
	{ "atomic of one byte", { ATOMIC(BPF_B, BPF_ADD, R10, R1, -8), EXIT }, 2, -ENOTSUPP },
	{ "sign-extending 64-bit load", { LDSX(BPF_DW, R0, R10, -8), EXIT }, 2, -ENOTSUPP },
	{ "bad division offset", { INSN(BPF_ALU64 | BPF_DIV | BPF_K, 0, 0, 2, 3), EXIT }, 2,
	  -ENOTSUPP },
	{ "may_goto", { INSN(BPF_JMP | BPF_JCOND, 0, 0, 0, 0), EXIT }, 2, -ENOTSUPP },
	{ "exit in JMP32", { INSN(BPF_JMP32 | BPF_EXIT, 0, 0, 0, 0), EXIT }, 2, -ENOTSUPP },
};

/* Whatever the JIT cannot translate it refuses: no image, the interpreter stays, no leak. */
static void test_refusals(void **state)
{
	for (size_t i = 0; i < ARRAY_SIZE(refusals); i++) {
		const struct refusal *r = &refusals[i];
		long allocs = bpf_env_live_allocs;
		struct bpf_prog *prog = new_prog(r->insns, r->len);
		int err = bpf_int_jit_compile(prog);

		if (err != r->err)
			fail_msg("%s: got %d, expected %d", r->name, err, r->err);
		assert_false(prog->jited);
		assert_null(prog->jit_image);
		assert_ptr_equal(prog->bpf_func, ___bpf_prog_run);
		bpf_prog_free(prog);
		assert_int_equal(bpf_env_live_allocs, allocs);
	}
}

/* A callback (bpf_loop's) is compiled as a subprogram; helpers call its JIT entry. */
static void test_callback(void **state)
{
	struct bpf_insn insns[] = {
		LD_IMM64(R1, 0), ALU64_IMM(BPF_MOV, R2, 5), CALL_HELPER(7), EXIT,
		/* callback(r1, r2): r1 * r2 */
		ALU64_REG(BPF_MOV, R0, R1), ALU64_REG(BPF_MUL, R0, R2), EXIT,
	};
	struct bpf_prog *prog;
	struct bpf_callback cb = { .insn_off = 5 };
	struct bpf_callback *cbs[] = { &cb };
	struct bpf_prog_aux aux = { .callbacks = cbs, .nr_callbacks = 1 };
	const u8 *image;

	insns[0].src_reg = BPF_PSEUDO_FUNC; /* resolved: the load holds the callback's address */
	insns[0].imm = (s32)(u32)(uintptr_t)&cb;
	insns[1].imm = (s32)((u64)(uintptr_t)&cb >> 32);
	prog = new_prog(insns, ARRAY_SIZE(insns));
	prog->aux = &aux;
	cb.owner = prog;

	/* 5 * 100 + 6 * 200, interpreted */
	assert_int_equal(___bpf_prog_run(0, 0, prog), 1700);
	assert_int_equal(bpf_int_jit_compile(prog), 0);
	image = prog->jit_image;
	assert_non_null(cb.jit_func);
	assert_true((const u8 *)(uintptr_t)cb.jit_func > image);
	assert_true((const u8 *)(uintptr_t)cb.jit_func < image + prog->jited_len);
	/* The callback's entry is a prologue: push rbp; mov rbp, rsp */
	assert_memory_equal((const void *)(uintptr_t)cb.jit_func, "\x55\x48\x89\xe5", 4);
	assert_int_equal(prog->bpf_func(0, 0, prog), 1700);
	assert_int_equal(cb.jit_func(7, 3, prog), 21);
	bpf_jit_free(prog);
	assert_null(cb.jit_func);
	prog->aux = NULL;
	bpf_prog_free(prog);
}

/* JIT by default; the interpreter with bpf_jit_enable = 0 or when the JIT refuses. */
static void test_select_runtime(void **state)
{
	const struct bpf_insn good[] = { ALU64_IMM(BPF_MOV, R0, 7), EXIT };
	const struct bpf_insn refused[] = { ALU64_IMM(BPF_MOV, R0, 7), INSN(BPF_JMP | BPF_JCOND,
				0, 0, 0, 0), EXIT };
	struct bpf_prog *prog = new_prog(good, ARRAY_SIZE(good));
	int saved = bpf_jit_enable;

	assert_int_equal(bpf_prog_select_runtime(prog), 0);
	assert_true(prog->jited);
	assert_ptr_equal(prog->bpf_func, prog->jit_image);
	assert_int_equal(bpf_prog_run(prog, NULL), 7);

	bpf_jit_enable = 0;
	assert_int_equal(bpf_prog_select_runtime(prog), 0);
	assert_false(prog->jited);
	assert_ptr_equal(prog->bpf_func, ___bpf_prog_run);
	assert_int_equal(bpf_prog_run(prog, NULL), 7);
	bpf_jit_enable = saved;
	bpf_prog_free(prog);

	prog = new_prog(refused, ARRAY_SIZE(refused));
	assert_int_equal(bpf_prog_select_runtime(prog), 0);
	assert_false(prog->jited);
	assert_ptr_equal(prog->bpf_func, ___bpf_prog_run);
	bpf_prog_free(prog);
}

/* The permissions of the mapping holding addr, from /proc/self/maps ("r-xp"). */
static void mapping_perms(const void *addr, char perms[5])
{
	FILE *maps = fopen("/proc/self/maps", "r");
	unsigned long lo, hi, a = (unsigned long)(uintptr_t)addr;
	char line[512];

	perms[0] = '\0';
	assert_non_null(maps);
	while (fgets(line, sizeof(line), maps))
		if (sscanf(line, "%lx-%lx %4s", &lo, &hi, perms) == 3 && a >= lo && a < hi)
			break;
		else
			perms[0] = '\0';
	fclose(maps);
}

/* The image is read-only and executable once handed out (W^X), and freed with the program. */
static void test_image_wx(void **state)
{
	const struct bpf_insn insns[] = { ALU64_IMM(BPF_MOV, R0, 1), EXIT };
	long allocs = bpf_env_live_allocs;
	struct bpf_prog *prog = new_prog(insns, ARRAY_SIZE(insns));
	char perms[5];

	assert_int_equal(bpf_int_jit_compile(prog), 0);
	mapping_perms(prog->jit_image, perms);
	assert_string_equal(perms, "r-xp");
	assert_true(prog->jit_image_size >= prog->jited_len);
	/* Compiling again replaces the image without leaking. */
	assert_int_equal(bpf_int_jit_compile(prog), 0);
	assert_int_equal(prog->bpf_func(0, 0, prog), 1);
	bpf_jit_free(prog);
	assert_false(prog->jited);
	assert_null(prog->jit_image);
	assert_ptr_equal(prog->bpf_func, ___bpf_prog_run);
	assert_int_equal(prog->bpf_func(0, 0, prog), 1);
	bpf_prog_free(prog);
	assert_int_equal(bpf_env_live_allocs, allocs);
}

/* A large program compiles; its jumps over long distances take rel32. */
static void test_large_program(void **state)
{
	const u32 n = 4096;
	struct bpf_insn *insns = calloc(n, sizeof(*insns));
	struct bpf_prog *prog;

	assert_non_null(insns);
	insns[0] = (struct bpf_insn)ALU64_IMM(BPF_MOV, R0, 0);
	insns[1] = (struct bpf_insn)JMP_IMM(BPF_JEQ, R1, 0, (s16)(n - 3)); /* to the exit */
	for (u32 i = 2; i < n - 1; i++)
		insns[i] = (struct bpf_insn)ALU64_IMM(BPF_ADD, R0, (s32)i);
	insns[n - 1] = (struct bpf_insn)EXIT;
	prog = new_prog(insns, n);
	assert_int_equal(bpf_int_jit_compile(prog), 0);
	assert_int_equal(prog->bpf_func(0, 0, prog), 0);
	/* 2 + 3 + ... + 4094 */
	assert_int_equal(prog->bpf_func(1, 0, prog), (u64)4094 * 4095 / 2 - 1);
	bpf_prog_free(prog);
	free(insns);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_golden_frames),
		cmocka_unit_test(test_golden_tail_call),
		cmocka_unit_test(test_golden_mov),
		cmocka_unit_test(test_golden_alu),
		cmocka_unit_test(test_golden_shift),
		cmocka_unit_test(test_golden_divmod),
		cmocka_unit_test(test_golden_end),
		cmocka_unit_test(test_golden_load),
		cmocka_unit_test(test_golden_store),
		cmocka_unit_test(test_golden_atomic),
		cmocka_unit_test(test_golden_jump),
		cmocka_unit_test(test_jump_forward_limit),
		cmocka_unit_test(test_jump_backward_limit),
		cmocka_unit_test(test_jump_shrinks_across_passes),
		cmocka_unit_test(test_golden_bpf_call),
		cmocka_unit_test(test_golden_helper_call),
		cmocka_unit_test(test_golden_depth_check),
		cmocka_unit_test(test_callee_saved_registers),
		cmocka_unit_test(test_alu_edges_against_interpreter),
		cmocka_unit_test(test_alu_imm_edges_against_interpreter),
		cmocka_unit_test(test_jumps_against_interpreter),
		cmocka_unit_test(test_atomics_against_interpreter),
		cmocka_unit_test(test_calls_against_interpreter),
		cmocka_unit_test(test_random_programs_against_interpreter),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_callback),
		cmocka_unit_test(test_select_runtime),
		cmocka_unit_test(test_image_wx),
		cmocka_unit_test(test_large_program),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
