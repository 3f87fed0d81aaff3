/*
 * bpf/jit/x86_64_emit.h - x86-64 instruction encoding for the JIT: register numbers, the REX
 * and ModRM bytes, and the small instructions (moves, ALU operations, compares, memory
 * operands, pushes and pops) that every instruction family is built from.
 *
 * An instruction, as this JIT builds it:
 *
 *   [66] [F0] [REX] opcode... [ModRM] [disp8 | disp32] [imm8 | imm16 | imm32 | imm64]
 *
 *   66    operand-size prefix: 16-bit operand      F0  lock prefix
 *   REX   0100WRXB  W: 64-bit operand; R: adds 8 to ModRM.reg; B: adds 8 to ModRM.rm or
 *         to the register in the opcode byte (X, the SIB index, is never used here)
 *   ModRM mod(7-6) reg(5-3) rm(2-0)
 *         mod 11: rm is a register; mod 00: [rm]; mod 01: [rm + disp8]; 10: [rm + disp32].
 *         reg is the second register, or an opcode extension ("/4" in Intel's tables).
 *
 * Memory operands with a zero offset use mod 00 (no displacement), except on rbp and r13:
 * there mod 00 with rm 101 would mean rip-relative, so they take a disp8 of 0. No BPF
 * register lives in rsp or r12, whose rm encoding 100 would need a SIB byte.
 *
 * Every function appends bytes at *pp and advances it; each byte sequence carries its
 * mnemonic. Registers are x86 numbers (X86_*): do_jit maps BPF registers to them once.
 * Read next: x86_64_emit.c (the instruction families), then x86_64.c (frames and passes).
 */
#ifndef BPF_JIT_X86_64_EMIT_H
#define BPF_JIT_X86_64_EMIT_H

#include "bpf/env.h"

/* x86-64 general registers, numbered as the encodings number them. */
enum {
	X86_RAX = 0,
	X86_RCX,
	X86_RDX,
	X86_RBX,
	X86_RSP,
	X86_RBP,
	X86_RSI,
	X86_RDI,
	X86_R8,
	X86_R9,
	X86_R10,
	X86_R11,
	X86_R12,
	X86_R13,
	X86_R14,
	X86_R15,
};

/*
 * Scratch registers: caller-saved, and holding no BPF register. AUX carries a divisor, a
 * saved rcx for shifts, the new value in a compare-exchange loop; TMP and TMP2 save rax and
 * rdx around a division, and rax and an address around an atomic loop.
 */
#define JIT_AUX	 X86_R11
#define JIT_TMP	 X86_R10
#define JIT_TMP2 X86_R9

/* Condition codes, the low nibble of jcc (0x70 + cc, 0x0f 0x80 + cc). */
enum {
	X86_CC_B = 0x2,	 /* below: unsigned < */
	X86_CC_AE = 0x3, /* above or equal: unsigned >= */
	X86_CC_E = 0x4,	 /* equal */
	X86_CC_NE = 0x5, /* not equal */
	X86_CC_BE = 0x6, /* below or equal: unsigned <= */
	X86_CC_A = 0x7,	 /* above: unsigned > */
	X86_CC_L = 0xc,	 /* less: signed < */
	X86_CC_GE = 0xd, /* greater or equal: signed >= */
	X86_CC_LE = 0xe, /* less or equal: signed <= */
	X86_CC_G = 0xf,	 /* greater: signed > */
};

/* ModRM.reg opcode extensions of the 0x81/0x83 (ALU immediate) group. */
enum {
	X86_EXT_ADD = 0,
	X86_EXT_OR = 1,
	X86_EXT_AND = 4,
	X86_EXT_SUB = 5,
	X86_EXT_XOR = 6,
	X86_EXT_CMP = 7,
};

/* Opcodes of the "op r/m, r" forms (ModRM.reg is the source). */
enum {
	X86_OP_ADD = 0x01,
	X86_OP_OR = 0x09,
	X86_OP_AND = 0x21,
	X86_OP_SUB = 0x29,
	X86_OP_XOR = 0x31,
	X86_OP_CMP = 0x39,
	X86_OP_TEST = 0x85,
	X86_OP_MOV = 0x89,
};

static inline bool is_imm8(s64 value)
{
	return value >= -128 && value <= 127;
}

static inline bool is_simm32(s64 value)
{
	return value >= -2147483648ll && value <= 2147483647ll;
}

static inline bool is_ereg(u8 reg)
{
	return reg >= X86_R8;
}

static inline void emit1(u8 **pp, u8 b)
{
	*(*pp)++ = b;
}

static inline void emit2(u8 **pp, u8 b1, u8 b2)
{
	emit1(pp, b1);
	emit1(pp, b2);
}

static inline void emit3(u8 **pp, u8 b1, u8 b2, u8 b3)
{
	emit1(pp, b1);
	emit1(pp, b2);
	emit1(pp, b3);
}

static inline void emit_imm16(u8 **pp, u16 v)
{
	emit2(pp, v & 0xff, v >> 8);
}

static inline void emit_imm32(u8 **pp, u32 v)
{
	emit2(pp, v & 0xff, (v >> 8) & 0xff);
	emit2(pp, (v >> 16) & 0xff, v >> 24);
}

static inline void emit_imm64(u8 **pp, u64 v)
{
	emit_imm32(pp, (u32)v);
	emit_imm32(pp, (u32)(v >> 32));
}

/* The REX prefix for operands reg (ModRM.reg) and rm (ModRM.rm), when one is needed. */
static inline void emit_rex(u8 **pp, bool is64, u8 reg, u8 rm)
{
	u8 rex = 0x40 | (is64 << 3) | ((reg & 8) >> 1) | ((rm & 8) >> 3);

	if (rex != 0x40)
		emit1(pp, rex); /* REX.[W][R][B] */
}

/*
 * The same for an instruction with an 8-bit register operand byte_reg: without a REX prefix
 * the numbers 4 to 7 mean ah, ch, dh, bh, so spl, bpl, sil and dil need a bare REX (0x40).
 */
static inline void emit_rex_byte(u8 **pp, bool is64, u8 reg, u8 rm, u8 byte_reg)
{
	if (!is64 && !is_ereg(reg) && !is_ereg(rm) && byte_reg >= X86_RSP && byte_reg <= X86_RDI)
		emit1(pp, 0x40); /* REX (selects spl/bpl/sil/dil) */
	else
		emit_rex(pp, is64, reg, rm);
}

/* ModRM with mod 11: two registers, or an opcode extension and a register. */
static inline void emit_modrm_reg(u8 **pp, u8 reg, u8 rm)
{
	emit1(pp, 0xc0 | ((reg & 7) << 3) | (rm & 7)); /* ModRM: mod 11 (register) */
}

/* ModRM and displacement of the memory operand [base + off]. */
static inline void emit_mem(u8 **pp, u8 reg, u8 base, s32 off)
{
	if (off == 0 && (base & 7) != X86_RBP) {
		emit1(pp, ((reg & 7) << 3) | (base & 7)); /* ModRM: [base] */
	} else if (is_imm8(off)) {
		emit1(pp, 0x40 | ((reg & 7) << 3) | (base & 7)); /* ModRM: [base + disp8] */
		emit1(pp, (u8)off);				 /* disp8 */
	} else {
		emit1(pp, 0x80 | ((reg & 7) << 3) | (base & 7)); /* ModRM: [base + disp32] */
		emit_imm32(pp, (u32)off);			 /* disp32 */
	}
}

/* op dst, src for the "op r/m, r" family (X86_OP_*): add, or, and, sub, xor, cmp, test, mov. */
static inline void emit_alu_reg(u8 **pp, bool is64, u8 opcode, u8 dst, u8 src)
{
	emit_rex(pp, is64, src, dst);
	emit1(pp, opcode); /* add/or/and/sub/xor/cmp/test/mov r/m, r */
	emit_modrm_reg(pp, src, dst);
}

/* mov dst, src; the 32-bit form clears the upper half of dst. */
static inline void emit_mov_reg(u8 **pp, bool is64, u8 dst, u8 src)
{
	emit_alu_reg(pp, is64, X86_OP_MOV, dst, src);
}

/* op dst, imm for the immediate group (X86_EXT_*), in the shortest of its three forms. */
static inline void emit_alu_imm(u8 **pp, bool is64, u8 ext, u8 dst, s32 imm)
{
	emit_rex(pp, is64, 0, dst);
	if (is_imm8(imm)) {
		emit1(pp, 0x83); /* add/or/and/sub/xor/cmp r/m, imm8 (sign-extended) */
		emit_modrm_reg(pp, ext, dst);
		emit1(pp, (u8)imm);
	} else if (dst == X86_RAX) {
		emit1(pp, (ext << 3) | 0x05); /* add/or/and/sub/xor/cmp eax|rax, imm32 */
		emit_imm32(pp, (u32)imm);
	} else {
		emit1(pp, 0x81); /* add/or/and/sub/xor/cmp r/m, imm32 */
		emit_modrm_reg(pp, ext, dst);
		emit_imm32(pp, (u32)imm);
	}
}

/* test dst, imm (the 64-bit form sign-extends imm). */
static inline void emit_test_imm(u8 **pp, bool is64, u8 dst, s32 imm)
{
	emit_rex(pp, is64, 0, dst);
	if (dst == X86_RAX) {
		emit1(pp, 0xa9); /* test eax|rax, imm32 */
	} else {
		emit1(pp, 0xf7); /* test r/m, imm32 */
		emit_modrm_reg(pp, 0, dst);
	}
	emit_imm32(pp, (u32)imm);
}

/*
 * dst = imm: sign-extended to 64 bits when is64, zero-extended otherwise, in the shortest
 * form: xor for 0, the 32-bit mov when the upper half is zero, mov r64, simm32 otherwise.
 */
static inline void emit_mov_imm32(u8 **pp, bool is64, u8 dst, s32 imm)
{
	if (imm == 0) {
		emit_alu_reg(pp, false, X86_OP_XOR, dst, dst); /* xor dst32, dst32 */
	} else if (!is64 || imm > 0) {
		emit_rex(pp, false, 0, dst);
		emit1(pp, 0xb8 | (dst & 7)); /* mov r32, imm32 */
		emit_imm32(pp, (u32)imm);
	} else {
		emit_rex(pp, true, 0, dst);
		emit1(pp, 0xc7); /* mov r/m64, simm32 */
		emit_modrm_reg(pp, 0, dst);
		emit_imm32(pp, (u32)imm);
	}
}

/* dst = a 64-bit constant, through movabs only when no 32-bit form holds it. */
static inline void emit_mov_imm64(u8 **pp, u8 dst, u64 value)
{
	if (value <= 0xffffffffull) {
		emit_mov_imm32(pp, false, dst, (s32)(u32)value);
	} else if (is_simm32((s64)value)) {
		emit_mov_imm32(pp, true, dst, (s32)value);
	} else {
		emit_rex(pp, true, 0, dst);
		emit1(pp, 0xb8 | (dst & 7)); /* movabs r64, imm64 */
		emit_imm64(pp, value);
	}
}

static inline void emit_push(u8 **pp, u8 reg)
{
	emit_rex(pp, false, 0, reg);
	emit1(pp, 0x50 | (reg & 7)); /* push r64 */
}

static inline void emit_pop(u8 **pp, u8 reg)
{
	emit_rex(pp, false, 0, reg);
	emit1(pp, 0x58 | (reg & 7)); /* pop r64 */
}

/*
 * A forward jcc rel8 inside one instruction's code, whose target is not known yet: returns
 * where its displacement goes, for patch_rel8 once the target is emitted.
 */
static inline u8 *emit_jcc8_fwd(u8 **pp, u8 cc)
{
	emit2(pp, 0x70 | cc, 0); /* jcc rel8 */
	return *pp - 1;
}

static inline u8 *emit_jmp8_fwd(u8 **pp)
{
	emit2(pp, 0xeb, 0); /* jmp rel8 */
	return *pp - 1;
}

/* Point the rel8 at disp to target (both in the same instruction's buffer). */
static inline void patch_rel8(u8 *disp, const u8 *target)
{
	disp[0] = (u8)(target - (disp + 1));
}

/*
 * The instruction families, in x86_64_emit.c. Each emits the code of one BPF instruction
 * (dst and src already x86 registers) and returns 0, or -EINVAL for a field it cannot encode.
 */
int bpf_jit_emit_div_mod(u8 **pp, bool is64, bool is_signed, bool is_mod, u8 dst, u8 src,
			 bool is_imm, s32 imm);
void bpf_jit_emit_shift(u8 **pp, bool is64, u8 op, u8 dst, u8 src, bool is_imm, s32 imm);
int bpf_jit_emit_end(u8 **pp, u8 code, u8 dst, s32 imm);
int bpf_jit_emit_movsx(u8 **pp, bool is64, u8 dst, u8 src, s16 bits);
void bpf_jit_emit_mul(u8 **pp, bool is64, u8 dst, u8 src, bool is_imm, s32 imm);
void bpf_jit_emit_ldx(u8 **pp, u8 size, bool sign_extend, u8 dst, u8 base, s16 off);
void bpf_jit_emit_stx(u8 **pp, u8 size, u8 base, u8 src, s16 off);
void bpf_jit_emit_st_imm(u8 **pp, u8 size, u8 base, s16 off, s32 imm);
int bpf_jit_emit_atomic(u8 **pp, u8 size, u8 base, u8 src, s16 off, s32 op);

#endif /* BPF_JIT_X86_64_EMIT_H */
