/*
 * bpf/jit/x86_64_emit.c - the x86-64 code of the BPF instructions that take more than one
 * x86 instruction, or whose encoding has cases: multiply, divide and modulo, shifts, byte
 * swaps, sign-extending moves, loads and stores of each size, atomics.
 *
 * Where BPF and x86 disagree, the code here makes x86 do what RFC 9669 says:
 *   - x86 div faults on a zero divisor, idiv also on INT_MIN / -1. BPF gives dst = 0 for a
 *     zero divisor, leaves dst for modulo by zero, and -dst, 0 for a divisor of -1. So a
 *     register divisor is tested first, and a constant one is handled when compiling.
 *   - div takes its dividend in rdx:rax, which hold BPF r3 and r0: they are saved in the
 *     scratch registers around it.
 *   - variable shifts take their count in cl, which holds BPF r4. x86 masks the count to 63
 *     (31 for 32-bit operands) exactly as BPF does.
 *   - every 32-bit result must have its upper half zeroed: 32-bit x86 operations do that,
 *     except the few spelled out below (a 32-bit cmpxchg that succeeds leaves rax alone).
 *
 * Called from do_jit (x86_64.c) with x86 registers. Read next: x86_64.c.
 */
#include "bpf/jit/x86_64_emit.h"
#include "bpf/uapi/bpf.h"

void bpf_jit_emit_mul(u8 **pp, bool is64, u8 dst, u8 src, bool is_imm, s32 imm)
{
	/* The low half of a product is the same signed or unsigned: imul gives it. */
	if (!is_imm) {
		emit_rex(pp, is64, dst, src);
		emit2(pp, 0x0f, 0xaf); /* imul r, r/m */
		emit_modrm_reg(pp, dst, src);
	} else if (is_imm8(imm)) {
		emit_rex(pp, is64, dst, dst);
		emit1(pp, 0x6b); /* imul r, r/m, imm8 */
		emit_modrm_reg(pp, dst, dst);
		emit1(pp, (u8)imm);
	} else {
		emit_rex(pp, is64, dst, dst);
		emit1(pp, 0x69); /* imul r, r/m, imm32 */
		emit_modrm_reg(pp, dst, dst);
		emit_imm32(pp, (u32)imm);
	}
}

/* The outcome of a division whose divisor is 0: dst = 0, or dst unchanged (zero-extended). */
static void emit_div_by_zero(u8 **pp, bool is64, bool is_mod, u8 dst)
{
	if (!is_mod)
		emit_alu_reg(pp, false, X86_OP_XOR, dst, dst); /* xor dst32, dst32 */
	else if (!is64)
		emit_mov_reg(pp, false, dst, dst); /* mov dst32, dst32 */
}

/* The outcome of a signed division whose divisor is -1: dst = -dst, or 0 for modulo. */
static void emit_div_by_minus_one(u8 **pp, bool is64, bool is_mod, u8 dst)
{
	if (is_mod) {
		emit_alu_reg(pp, false, X86_OP_XOR, dst, dst); /* xor dst32, dst32 */
	} else {
		emit_rex(pp, is64, 0, dst);
		emit1(pp, 0xf7); /* neg r/m */
		emit_modrm_reg(pp, 3, dst);
	}
}

/* dst = dst / AUX or dst % AUX through div/idiv, rax and rdx saved unless dst is one of them. */
static void emit_div_aux(u8 **pp, bool is64, bool is_signed, bool is_mod, u8 dst)
{
	u8 result = is_mod ? X86_RDX : X86_RAX;

	if (dst != X86_RAX)
		emit_mov_reg(pp, true, JIT_TMP, X86_RAX); /* mov r10, rax */
	if (dst != X86_RDX)
		emit_mov_reg(pp, true, JIT_TMP2, X86_RDX); /* mov r9, rdx */
	if (dst != X86_RAX)
		emit_mov_reg(pp, is64, X86_RAX, dst); /* mov rax, dst */
	if (!is_signed) {
		emit2(pp, 0x31, 0xd2); /* xor edx, edx */
	} else if (is64) {
		emit2(pp, 0x48, 0x99); /* cqo */
	} else {
		emit1(pp, 0x99); /* cdq */
	}
	emit_rex(pp, is64, 0, JIT_AUX);
	emit1(pp, 0xf7); /* div/idiv r/m: rdx:rax / r11 */
	emit_modrm_reg(pp, is_signed ? 7 : 6, JIT_AUX);
	if (dst != result)
		emit_mov_reg(pp, is64, dst, result); /* mov dst, rax|rdx */
	if (dst != X86_RAX)
		emit_mov_reg(pp, true, X86_RAX, JIT_TMP); /* mov rax, r10 */
	if (dst != X86_RDX)
		emit_mov_reg(pp, true, X86_RDX, JIT_TMP2); /* mov rdx, r9 */
}

/*
 * BPF_DIV and BPF_MOD, unsigned (off 0) or signed (off 1), by a register or a constant.
 * A register divisor is copied to AUX and tested:
 *
 *	mov r11, src; test r11, r11; jz zero; [cmp r11, -1; jz minus_one]
 *	<division>; jmp done
 *   zero: <dst = 0, or dst>; jmp done
 *   minus_one: <dst = -dst, or 0>
 *   done:
 */
int bpf_jit_emit_div_mod(u8 **pp, bool is64, bool is_signed, bool is_mod, u8 dst, u8 src,
			 bool is_imm, s32 imm)
{
	u8 *to_zero, *to_minus_one = NULL, *to_done1, *to_done2 = NULL;

	if (is_imm) {
		if (imm == 0) {
			emit_div_by_zero(pp, is64, is_mod, dst);
		} else if (is_signed && imm == -1) {
			emit_div_by_minus_one(pp, is64, is_mod, dst);
		} else {
			/* mov r11, imm: sign-extended for 64-bit operations, as BPF does. */
			emit_mov_imm32(pp, is64, JIT_AUX, imm);
			emit_div_aux(pp, is64, is_signed, is_mod, dst);
		}
		return 0;
	}

	emit_mov_reg(pp, is64, JIT_AUX, src);		       /* mov r11, src */
	emit_alu_reg(pp, is64, X86_OP_TEST, JIT_AUX, JIT_AUX); /* test r11, r11 */
	to_zero = emit_jcc8_fwd(pp, X86_CC_E);		       /* jz zero */
	if (is_signed) {
		emit_alu_imm(pp, is64, X86_EXT_CMP, JIT_AUX, -1); /* cmp r11, -1 */
		to_minus_one = emit_jcc8_fwd(pp, X86_CC_E);	  /* jz minus_one */
	}
	emit_div_aux(pp, is64, is_signed, is_mod, dst);
	to_done1 = emit_jmp8_fwd(pp); /* jmp done */
	patch_rel8(to_zero, *pp);
	emit_div_by_zero(pp, is64, is_mod, dst);
	if (is_signed) {
		to_done2 = emit_jmp8_fwd(pp); /* jmp done */
		patch_rel8(to_minus_one, *pp);
		emit_div_by_minus_one(pp, is64, is_mod, dst);
	}
	patch_rel8(to_done1, *pp);
	if (to_done2)
		patch_rel8(to_done2, *pp);
	return 0;
}

/* The ModRM.reg extension of shl, shr and sar (0xc1, 0xd1 and 0xd3 groups). */
static u8 shift_ext(u8 op)
{
	switch (op) {
	case BPF_LSH:
		return 4;
	case BPF_RSH:
		return 5;
	default:
		return 7; /* BPF_ARSH */
	}
}

/* shl/shr/sar reg, cl */
static void emit_shift_cl(u8 **pp, bool is64, u8 ext, u8 reg)
{
	emit_rex(pp, is64, 0, reg);
	emit1(pp, 0xd3); /* shl/shr/sar r/m, cl */
	emit_modrm_reg(pp, ext, reg);
}

/*
 * BPF_LSH, BPF_RSH, BPF_ARSH (op). A constant count is masked here; a register count goes
 * through cl, with rcx (BPF r4) kept in AUX unless the count already is r4.
 */
void bpf_jit_emit_shift(u8 **pp, bool is64, u8 op, u8 dst, u8 src, bool is_imm, s32 imm)
{
	u8 ext = shift_ext(op);

	if (is_imm) {
		u8 count = (u8)imm & (is64 ? 63 : 31);

		if (count == 0) {
			if (!is64)
				emit_mov_reg(pp, false, dst, dst); /* mov dst32, dst32 */
			return;
		}
		emit_rex(pp, is64, 0, dst);
		if (count == 1) {
			emit1(pp, 0xd1); /* shl/shr/sar r/m, 1 */
			emit_modrm_reg(pp, ext, dst);
		} else {
			emit1(pp, 0xc1); /* shl/shr/sar r/m, imm8 */
			emit_modrm_reg(pp, ext, dst);
			emit1(pp, count);
		}
		return;
	}
	if (src == X86_RCX) {
		emit_shift_cl(pp, is64, ext, dst);
		return;
	}
	emit_mov_reg(pp, true, JIT_AUX, X86_RCX); /* mov r11, rcx */
	emit_mov_reg(pp, true, X86_RCX, src);	  /* mov rcx, src */
	if (dst == X86_RCX) {
		/* The value to shift sits in r11 now; the result goes back to rcx. */
		emit_shift_cl(pp, is64, ext, JIT_AUX);
		emit_mov_reg(pp, true, X86_RCX, JIT_AUX); /* mov rcx, r11 */
	} else {
		emit_shift_cl(pp, is64, ext, dst);
		emit_mov_reg(pp, true, X86_RCX, JIT_AUX); /* mov rcx, r11 */
	}
}

/* movzx dst32, dst16 */
static void emit_movzx16(u8 **pp, u8 dst)
{
	emit_rex(pp, false, dst, dst);
	emit2(pp, 0x0f, 0xb7); /* movzx r32, r/m16 */
	emit_modrm_reg(pp, dst, dst);
}

/*
 * BPF_END: to little endian (nothing to swap on x86, only truncation), to big endian, and
 * the unconditional swap of class ALU64. imm is the width: 16, 32 or 64.
 */
int bpf_jit_emit_end(u8 **pp, u8 code, u8 dst, s32 imm)
{
	bool swap = BPF_CLASS(code) == BPF_ALU64 || BPF_SRC(code) == BPF_TO_BE;

	if (imm != 16 && imm != 32 && imm != 64)
		return -EINVAL;
	if (!swap) {
		if (imm == 16)
			emit_movzx16(pp, dst);
		else if (imm == 32)
			emit_mov_reg(pp, false, dst, dst); /* mov dst32, dst32 */
		return 0;
	}
	switch (imm) {
	case 16:
		emit1(pp, 0x66); /* operand size: 16 bits */
		emit_rex(pp, false, 0, dst);
		emit1(pp, 0xc1); /* rol r/m16, 8 */
		emit_modrm_reg(pp, 0, dst);
		emit1(pp, 8);
		emit_movzx16(pp, dst);
		break;
	case 32:
	case 64:
		emit_rex(pp, imm == 64, 0, dst);
		emit2(pp, 0x0f, 0xc8 | (dst & 7)); /* bswap r32|r64 */
		break;
	}
	return 0;
}

/* BPF_MOVSX: dst = the low bits (8, 16 or 32) of src, sign-extended to 32 or 64 bits. */
int bpf_jit_emit_movsx(u8 **pp, bool is64, u8 dst, u8 src, s16 bits)
{
	switch (bits) {
	case 8:
		emit_rex_byte(pp, is64, dst, src, src);
		emit2(pp, 0x0f, 0xbe); /* movsx r, r/m8 */
		break;
	case 16:
		emit_rex(pp, is64, dst, src);
		emit2(pp, 0x0f, 0xbf); /* movsx r, r/m16 */
		break;
	case 32:
		if (!is64)
			return -EINVAL;
		emit_rex(pp, true, dst, src);
		emit1(pp, 0x63); /* movsxd r64, r/m32 */
		break;
	default:
		return -EINVAL;
	}
	emit_modrm_reg(pp, dst, src);
	return 0;
}

/* dst = *(size *)(base + off), zero-extended, or sign-extended (BPF_MEMSX) to 64 bits. */
void bpf_jit_emit_ldx(u8 **pp, u8 size, bool sign_extend, u8 dst, u8 base, s16 off)
{
	switch (size) {
	case BPF_B:
		emit_rex(pp, sign_extend, dst, base);
		emit2(pp, 0x0f, sign_extend ? 0xbe : 0xb6); /* movsx r64, m8 | movzx r32, m8 */
		break;
	case BPF_H:
		emit_rex(pp, sign_extend, dst, base);
		emit2(pp, 0x0f, sign_extend ? 0xbf : 0xb7); /* movsx r64, m16 | movzx r32, m16 */
		break;
	case BPF_W:
		emit_rex(pp, sign_extend, dst, base);
		emit1(pp, sign_extend ? 0x63 : 0x8b); /* movsxd r64, m32 | mov r32, m32 */
		break;
	default: /* BPF_DW */
		emit_rex(pp, true, dst, base);
		emit1(pp, 0x8b); /* mov r64, m64 */
		break;
	}
	emit_mem(pp, dst, base, off);
}

/* *(size *)(base + off) = src */
void bpf_jit_emit_stx(u8 **pp, u8 size, u8 base, u8 src, s16 off)
{
	switch (size) {
	case BPF_B:
		emit_rex_byte(pp, false, src, base, src);
		emit1(pp, 0x88); /* mov m8, r8 */
		break;
	case BPF_H:
		emit1(pp, 0x66); /* operand size: 16 bits */
		emit_rex(pp, false, src, base);
		emit1(pp, 0x89); /* mov m16, r16 */
		break;
	case BPF_W:
		emit_rex(pp, false, src, base);
		emit1(pp, 0x89); /* mov m32, r32 */
		break;
	default: /* BPF_DW */
		emit_rex(pp, true, src, base);
		emit1(pp, 0x89); /* mov m64, r64 */
		break;
	}
	emit_mem(pp, src, base, off);
}

/* *(size *)(base + off) = imm (a 64-bit store sign-extends imm). */
void bpf_jit_emit_st_imm(u8 **pp, u8 size, u8 base, s16 off, s32 imm)
{
	switch (size) {
	case BPF_B:
		emit_rex(pp, false, 0, base);
		emit1(pp, 0xc6); /* mov m8, imm8 */
		emit_mem(pp, 0, base, off);
		emit1(pp, (u8)imm);
		break;
	case BPF_H:
		emit1(pp, 0x66); /* operand size: 16 bits */
		emit_rex(pp, false, 0, base);
		emit1(pp, 0xc7); /* mov m16, imm16 */
		emit_mem(pp, 0, base, off);
		emit_imm16(pp, (u16)imm);
		break;
	default: /* BPF_W, BPF_DW */
		emit_rex(pp, size == BPF_DW, 0, base);
		emit1(pp, 0xc7); /* mov m32, imm32 | mov m64, simm32 */
		emit_mem(pp, 0, base, off);
		emit_imm32(pp, (u32)imm);
		break;
	}
}

/* [lock] opcode [base + off], src: the read-modify-write forms with a register operand. */
static void emit_mem_rmw(u8 **pp, bool lock, bool is64, bool two_byte, u8 opcode, u8 base, u8 src,
			 s16 off)
{
	if (lock)
		emit1(pp, 0xf0); /* lock */
	emit_rex(pp, is64, src, base);
	if (two_byte)
		emit1(pp, 0x0f); /* two-byte opcode escape */
	emit1(pp, opcode);	 /* add/or/and/xor/xchg m, r | xadd/cmpxchg m, r */
	emit_mem(pp, src, base, off);
}

/* The x86 "op r/m, r" opcode of an atomic's ALU operation. */
static u8 atomic_alu_opcode(s32 op)
{
	switch (op & ~BPF_FETCH) {
	case BPF_OR:
		return X86_OP_OR;
	case BPF_AND:
		return X86_OP_AND;
	case BPF_XOR:
		return X86_OP_XOR;
	default:
		return X86_OP_ADD;
	}
}

/*
 * or, and, xor with BPF_FETCH: x86 has no fetching form, so a compare-exchange loop
 * computes the new value in AUX from the old one in rax. rax is BPF r0 and is saved in TMP
 * (which also stands in for src when src is r0); an address in rax is copied to TMP2.
 *
 *	mov r10, rax; mov rax, [base + off]
 *   retry: mov r11, rax; op r11, src; lock cmpxchg [base + off], r11; jne retry
 *	mov src, rax; mov rax, r10
 */
static void emit_atomic_fetch_loop(u8 **pp, bool is64, u8 base, u8 src, s16 off, s32 op)
{
	u8 *retry;
	u8 opcode = atomic_alu_opcode(op);

	if (base == X86_RAX) {
		emit_mov_reg(pp, true, JIT_TMP2, X86_RAX); /* mov r9, rax */
		base = JIT_TMP2;
	}
	emit_mov_reg(pp, true, JIT_TMP, X86_RAX); /* mov r10, rax */
	bpf_jit_emit_ldx(pp, is64 ? BPF_DW : BPF_W, false, X86_RAX, base, off);
	retry = *pp;
	emit_mov_reg(pp, is64, JIT_AUX, X86_RAX);				 /* mov r11, rax */
	emit_alu_reg(pp, is64, opcode, JIT_AUX, src == X86_RAX ? JIT_TMP : src); /* op r11, src */
	emit_mem_rmw(pp, true, is64, true, 0xb1, base, JIT_AUX, off); /* lock cmpxchg m, r11 */
	emit2(pp, 0x70 | X86_CC_NE, (u8)(retry - (*pp + 2)));	      /* jne retry */
	if (src != X86_RAX) {
		emit_mov_reg(pp, is64, src, X86_RAX);	  /* mov src, rax */
		emit_mov_reg(pp, true, X86_RAX, JIT_TMP); /* mov rax, r10 */
	}
}

/*
 * BPF_STX | BPF_ATOMIC, 32 or 64 bits (size), operation op (the instruction's imm).
 * The fetching forms leave the old value in src, zero-extended when 32-bit; cmpxchg
 * compares with and fetches into r0 (rax). -EINVAL for an unknown operation.
 */
int bpf_jit_emit_atomic(u8 **pp, u8 size, u8 base, u8 src, s16 off, s32 op)
{
	bool is64 = size == BPF_DW;

	switch (op) {
	case BPF_ADD:
	case BPF_OR:
	case BPF_AND:
	case BPF_XOR:
		emit_mem_rmw(pp, true, is64, false, atomic_alu_opcode(op), base, src, off);
		return 0;
	case BPF_ADD | BPF_FETCH:
		emit_mem_rmw(pp, true, is64, true, 0xc1, base, src, off); /* lock xadd m, r */
		return 0;
	case BPF_OR | BPF_FETCH:
	case BPF_AND | BPF_FETCH:
	case BPF_XOR | BPF_FETCH:
		emit_atomic_fetch_loop(pp, is64, base, src, off, op);
		return 0;
	case BPF_XCHG:
		emit_mem_rmw(pp, false, is64, false, 0x87, base, src, off); /* xchg m, r (locked) */
		return 0;
	case BPF_CMPXCHG:
		emit_mem_rmw(pp, true, is64, true, 0xb1, base, src, off); /* lock cmpxchg m, r */
		if (!is64)
			emit_mov_reg(pp, false, X86_RAX, X86_RAX); /* mov eax, eax */
		return 0;
	default:
		return -EINVAL;
	}
}
