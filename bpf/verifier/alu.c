/*
 * bpf/verifier/alu.c - ALU and ALU64 instructions: what each one makes of its registers.
 *
 * On two scalars every operation is allowed and bounds.c computes the result's bounds.
 * With a pointer involved, only what keeps a pointer meaningful is allowed, as in Linux:
 *   - pointer += scalar, pointer -= scalar, scalar += pointer (64-bit only): the pointer
 *     keeps its type; a known number moves its fixed offset, an unknown one widens the
 *     variable part of its offset (checked against the object at each access, mem.c);
 *   - pointer - pointer: a number (their distance);
 *   - no arithmetic on a pointer that may be NULL, on a map pointer or a function; no
 *     subtraction from the stack pointer; no other operator; no 32-bit pointer arithmetic;
 *   - offsets must stay far from overflow (|offset| < 2^29, BPF_MAX_VAR_OFF).
 * r1 = r2 copies the whole state; a scalar and its copy share an id, so a later comparison
 * on one narrows both (jmp.c).
 *
 * Read next: bpf/verifier/jmp.c.
 */
#include "bpf/verifier/verifier.h"

static const char *const alu_op_names[16] = {
	"+=", "-=", "*=", "/=", "|=", "&=", "<<=", ">>=", "neg", "%=", "^=", "=", "s>>=", "endian",
};

/* Offsets that stay far from overflowing when added up (Linux's check_reg_sane_offset). */
static bool check_reg_sane_offset(struct bpf_verifier_env *env, const struct bpf_reg_state *reg,
				  u32 type)
{
	bool known = tnum_is_const(reg->var_off);
	s64 val = (s64)reg->var_off.value;

	if (known && (val >= BPF_MAX_VAR_OFF || val <= -BPF_MAX_VAR_OFF)) {
		verbose(env, "math between %s pointer and %lld is not allowed\n", reg_type_str(type),
			(long long)val);
		return false;
	}
	if (reg->off >= BPF_MAX_VAR_OFF || reg->off <= -BPF_MAX_VAR_OFF) {
		verbose(env, "%s pointer offset %d is not allowed\n", reg_type_str(type), reg->off);
		return false;
	}
	if (reg->smin_value == S64_MIN) {
		verbose(env, "math between %s pointer and register with unbounded min value is not allowed\n",
			reg_type_str(type));
		return false;
	}
	if (reg->smin_value >= BPF_MAX_VAR_OFF || reg->smin_value <= -BPF_MAX_VAR_OFF) {
		verbose(env, "value %lld makes %s pointer be out of bounds\n",
			(long long)reg->smin_value, reg_type_str(type));
		return false;
	}
	return true;
}

/* dst = ptr op off, ptr a pointer and off a scalar (either may be the destination). */
static int adjust_ptr_min_max_vals(struct bpf_verifier_env *env, const struct bpf_insn *insn,
				   const struct bpf_reg_state *ptr_reg,
				   const struct bpf_reg_state *off_reg)
{
	struct bpf_reg_state *dst_reg = &cur_regs(env)[insn->dst_reg];
	u8 opcode = BPF_OP(insn->code);
	bool known = tnum_is_const(off_reg->var_off);
	s64 smin_val = off_reg->smin_value;
	struct bpf_reg_state result, var;

	if (BPF_CLASS(insn->code) != BPF_ALU64) {
		verbose(env, "R%u 32-bit pointer arithmetic prohibited\n", insn->dst_reg);
		return -EACCES;
	}
	if (type_may_be_null(ptr_reg->type)) {
		verbose(env, "R%u pointer arithmetic on %s prohibited, null-check it first\n",
			insn->dst_reg, reg_type_str(ptr_reg->type));
		fail_note(env, FAIL_MAYBE_NULL,
			  ptr_reg == dst_reg ? insn->dst_reg : insn->src_reg, ptr_reg);
		return -EACCES;
	}
	switch (base_type(ptr_reg->type)) {
	case CONST_PTR_TO_MAP:
	case PTR_TO_FUNC:
		verbose(env, "R%u pointer arithmetic on %s prohibited\n", insn->dst_reg,
			reg_type_str(ptr_reg->type));
		return -EACCES;
	default:
		break;
	}
	if (!check_reg_sane_offset(env, off_reg, ptr_reg->type) ||
	    !check_reg_sane_offset(env, ptr_reg, ptr_reg->type))
		return -EACCES;

	result = *ptr_reg;
	/* The pointer's variable part as a scalar, for bounds.c to add to. */
	var = *ptr_reg;
	var.type = SCALAR_VALUE;
	switch (opcode) {
	case BPF_ADD:
		if (known && ptr_reg->off + smin_val == (s64)(s32)(ptr_reg->off + smin_val)) {
			result.off = (s32)(ptr_reg->off + smin_val); /* pointer += K */
			break;
		}
		scalar_alu(&var, off_reg, BPF_ADD, false);
		break;
	case BPF_SUB:
		if (off_reg == dst_reg) {
			verbose(env, "R%u tried to subtract pointer from scalar\n", insn->dst_reg);
			return -EACCES;
		}
		if (base_type(ptr_reg->type) == PTR_TO_STACK) {
			verbose(env, "R%u subtraction from stack pointer prohibited\n", insn->dst_reg);
			return -EACCES;
		}
		if (known && ptr_reg->off - smin_val == (s64)(s32)(ptr_reg->off - smin_val)) {
			result.off = (s32)(ptr_reg->off - smin_val);
			break;
		}
		scalar_alu(&var, off_reg, BPF_SUB, false);
		break;
	case BPF_AND:
	case BPF_OR:
	case BPF_XOR:
		verbose(env, "R%u bitwise operator %s on pointer prohibited\n", insn->dst_reg,
			alu_op_names[opcode >> 4]);
		return -EACCES;
	default:
		verbose(env, "R%u pointer arithmetic with %s operator prohibited\n", insn->dst_reg,
			alu_op_names[opcode >> 4]);
		return -EACCES;
	}
	result.var_off = var.var_off;
	result.smin_value = var.smin_value;
	result.smax_value = var.smax_value;
	result.umin_value = var.umin_value;
	result.umax_value = var.umax_value;
	result.s32_min_value = var.s32_min_value;
	result.s32_max_value = var.s32_max_value;
	result.u32_min_value = var.u32_min_value;
	result.u32_max_value = var.u32_max_value;
	if (!check_reg_sane_offset(env, &result, result.type))
		return -EACCES;
	copy_register_state(dst_reg, &result);
	return 0;
}

static int adjust_reg_min_max_vals(struct bpf_verifier_env *env, const struct bpf_insn *insn)
{
	struct bpf_reg_state *regs = cur_regs(env);
	struct bpf_reg_state *dst_reg = &regs[insn->dst_reg], *src_reg, off_reg;
	u8 opcode = BPF_OP(insn->code);
	bool alu64 = BPF_CLASS(insn->code) == BPF_ALU64;
	int err;

	if (BPF_SRC(insn->code) == BPF_X) {
		src_reg = &regs[insn->src_reg];
		if (reg_is_ptr(src_reg)) {
			if (reg_is_ptr(dst_reg)) {
				/* The distance between two pointers is a number. */
				if (opcode == BPF_SUB) {
					mark_reg_unknown(env, dst_reg);
					return 0;
				}
				verbose(env, "R%u pointer %s pointer prohibited\n", insn->dst_reg,
					alu_op_names[opcode >> 4]);
				return -EACCES;
			}
			/* scalar += pointer: the same as pointer += scalar. */
			err = mark_chain_precision(env, (int)insn->dst_reg);
			if (err)
				return err;
			return adjust_ptr_min_max_vals(env, insn, src_reg, dst_reg);
		}
		if (reg_is_ptr(dst_reg)) {
			err = mark_chain_precision(env, (int)insn->src_reg);
			if (err)
				return err;
			return adjust_ptr_min_max_vals(env, insn, dst_reg, src_reg);
		}
	} else {
		memset(&off_reg, 0, sizeof(off_reg));
		mark_reg_known(&off_reg, alu64 ? (u64)(s64)insn->imm : (u32)insn->imm);
		src_reg = &off_reg;
		if (reg_is_ptr(dst_reg))
			return adjust_ptr_min_max_vals(env, insn, dst_reg, src_reg);
	}
	/* Two scalars. The result is a new value: no longer a copy of anything. */
	dst_reg->id = 0;
	dst_reg->origin = env->insn_idx;
	scalar_alu(dst_reg, src_reg,
		   opcode | ((opcode == BPF_DIV || opcode == BPF_MOD) && insn->off == 1 ? 1 : 0),
		   !alu64);
	return 0;
}

/* r1 = r2, w1 = w2, and their sign-extending forms. */
static int check_mov_reg(struct bpf_verifier_env *env, const struct bpf_insn *insn)
{
	struct bpf_reg_state *regs = cur_regs(env);
	struct bpf_reg_state *dst_reg = &regs[insn->dst_reg], *src_reg = &regs[insn->src_reg];
	bool alu64 = BPF_CLASS(insn->code) == BPF_ALU64;
	/* Is the value unchanged by the move? Then the copy can stay linked to its source. */
	bool same_value;

	if (reg_is_ptr(src_reg)) {
		if (insn->off) {
			verbose(env, "R%u sign-extension part of pointer\n", insn->src_reg);
			return -EACCES;
		}
		if (alu64) {
			copy_register_state(dst_reg, src_reg);
		} else {
			/* The low half of a pointer is just a number. */
			mark_reg_unknown(env, dst_reg);
			coerce_reg_to_size(dst_reg, 4);
		}
		dst_reg->live |= REG_LIVE_WRITTEN;
		return 0;
	}
	if (!insn->off)
		same_value = alu64 || src_reg->umax_value <= U32_MAX;
	else
		same_value = src_reg->umax_value < (1ull << (insn->off - 1)) &&
			     (alu64 || insn->off < 32);
	if (same_value && !src_reg->id && !tnum_is_const(src_reg->var_off))
		src_reg->id = new_id(env);
	copy_register_state(dst_reg, src_reg);
	if (!same_value)
		dst_reg->id = 0;
	if (alu64 && insn->off)
		coerce_reg_to_size_sx(dst_reg, insn->off >> 3);
	else if (!alu64 && insn->off)
		coerce_subreg_to_size_sx(dst_reg, insn->off >> 3);
	else if (!alu64)
		zext_32_to_64(dst_reg);
	dst_reg->live |= REG_LIVE_WRITTEN;
	return 0;
}

int check_alu_op(struct bpf_verifier_env *env, const struct bpf_insn *insn)
{
	struct bpf_reg_state *regs = cur_regs(env);
	u8 opcode = BPF_OP(insn->code);
	bool alu64 = BPF_CLASS(insn->code) == BPF_ALU64;
	int err;

	if (opcode == BPF_END || opcode == BPF_NEG) {
		err = check_reg_arg(env, insn->dst_reg, SRC_OP);
		if (err)
			return err;
		if (reg_is_ptr(&regs[insn->dst_reg])) {
			verbose(env, "R%u pointer arithmetic prohibited\n", insn->dst_reg);
			return -EACCES;
		}
		err = check_reg_arg(env, insn->dst_reg, DST_OP_NO_MARK);
		if (err)
			return err;
		regs[insn->dst_reg].id = 0;
		regs[insn->dst_reg].origin = env->insn_idx;
		if (opcode == BPF_NEG)
			scalar_neg(&regs[insn->dst_reg], !alu64);
		else
			scalar_bswap(&regs[insn->dst_reg], (u32)insn->imm,
				     BPF_SRC(insn->code) == BPF_TO_BE, alu64);
		return 0;
	}

	if (opcode == BPF_MOV) {
		if (BPF_SRC(insn->code) == BPF_X) {
			err = check_reg_arg(env, insn->src_reg, SRC_OP);
			if (err)
				return err;
		}
		err = check_reg_arg(env, insn->dst_reg, DST_OP_NO_MARK);
		if (err)
			return err;
		if (BPF_SRC(insn->code) == BPF_X)
			return check_mov_reg(env, insn);
		mark_reg_known(&regs[insn->dst_reg], alu64 ? (u64)(s64)insn->imm : (u32)insn->imm);
		regs[insn->dst_reg].origin = env->insn_idx;
		return 0;
	}

	if (BPF_SRC(insn->code) == BPF_X) {
		err = check_reg_arg(env, insn->src_reg, SRC_OP);
		if (err)
			return err;
	}
	err = check_reg_arg(env, insn->dst_reg, SRC_OP);
	if (err)
		return err;
	if ((opcode == BPF_MOD || opcode == BPF_DIV) && BPF_SRC(insn->code) == BPF_K &&
	    !insn->imm) {
		verbose(env, "div by zero\n");
		return -EINVAL;
	}
	if ((opcode == BPF_LSH || opcode == BPF_RSH || opcode == BPF_ARSH) &&
	    BPF_SRC(insn->code) == BPF_K) {
		int size = alu64 ? 64 : 32;

		if (insn->imm < 0 || insn->imm >= size) {
			verbose(env, "invalid shift %d\n", insn->imm);
			return -EINVAL;
		}
	}
	err = check_reg_arg(env, insn->dst_reg, DST_OP_NO_MARK);
	if (err)
		return err;
	return adjust_reg_min_max_vals(env, insn);
}
