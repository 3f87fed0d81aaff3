/*
 * bpf/insn.c - the structural check of an instruction array (see bpf/insn.h).
 *
 * Two passes over the program. The first checks each instruction on its own, class by class:
 * the opcode is one RFC 9669 defines, the registers exist (and r10, the frame pointer, is
 * never written), the fields an opcode does not use are zero, a 64-bit immediate load has its
 * second slot, a helper call names a helper of the program's table. The second pass follows
 * every jump and BPF-to-BPF call: its target must be an instruction of the program, and not
 * the second slot of a 64-bit immediate load. After the first pass, a slot holding the
 * ld_imm64 opcode is always the first slot of one (a second slot must have opcode 0), so "is
 * t the middle of a ld_imm64" is just "is insns[t - 1] a ld_imm64".
 *
 * Every refusal is -EINVAL with a message naming the instruction: "insn 3: ...".
 */
#include "bpf/insn.h"

struct check_ctx {
	const struct bpf_prog *prog;
	u32 flags;
	char *msg;
	size_t msg_size;
};

static int __attribute__((format(printf, 3, 4)))
refuse(struct check_ctx *ctx, u32 idx, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (!ctx->msg || !ctx->msg_size)
		return -EINVAL;
	n = snprintf(ctx->msg, ctx->msg_size, "insn %u: ", idx);
	if (n >= 0 && (size_t)n < ctx->msg_size) {
		va_start(ap, fmt);
		vsnprintf(ctx->msg + n, ctx->msg_size - n, fmt, ap);
		va_end(ap);
	}
	return -EINVAL;
}

static int unknown_opcode(struct check_ctx *ctx, u32 idx)
{
	return refuse(ctx, idx, "unknown opcode 0x%02x", ctx->prog->insnsi[idx].code);
}

/* A field the opcode does not use must be zero (Linux: "uses reserved fields"). */
static int reserved(struct check_ctx *ctx, u32 idx, const char *field, s32 value)
{
	if (!value)
		return 0;
	return refuse(ctx, idx, "opcode 0x%02x uses reserved field %s (%d, must be 0)",
		      ctx->prog->insnsi[idx].code, field, value);
}

/* reg must be r0-r10; a register the instruction writes must not be r10. */
static int check_reg(struct check_ctx *ctx, u32 idx, u8 reg, bool written)
{
	if (reg > BPF_REG_10)
		return refuse(ctx, idx, "invalid register r%u", reg);
	if (written && reg == BPF_REG_10)
		return refuse(ctx, idx, "r10 is the read-only frame pointer");
	return 0;
}

static int check_ld(struct check_ctx *ctx, u32 idx)
{
	const struct bpf_insn *insn = &ctx->prog->insnsi[idx];
	const struct bpf_insn *next = insn + 1;
	int err;

	/* Only the 64-bit immediate load; the legacy packet loads (ABS, IND) are not supported. */
	if (insn->code != BPF_LD_IMM64_CODE)
		return unknown_opcode(ctx, idx);
	if (idx + 1 >= ctx->prog->len)
		return refuse(ctx, idx, "truncated ld_imm64 (its second slot is missing)");
	err = check_reg(ctx, idx, insn->dst_reg, true);
	if (!err)
		err = reserved(ctx, idx, "off", insn->off);
	if (err)
		return err;
	if (next->code || next->dst_reg || next->src_reg || next->off)
		return refuse(ctx, idx, "malformed ld_imm64 (its second slot, insn %u, must hold "
			      "only imm)", idx + 1);
	if (insn->src_reg == 0)
		return 0;
	if (insn->src_reg > BPF_PSEUDO_MAP_IDX_VALUE)
		return refuse(ctx, idx, "ld_imm64 with unknown source %u", insn->src_reg);
	if (!(ctx->flags & BPF_INSN_ALLOW_PSEUDO_LD))
		return refuse(ctx, idx, "ld_imm64 with pseudo source %u (map or function "
			      "reference) needs a loader", insn->src_reg);
	return 0;
}

static int check_ldx(struct check_ctx *ctx, u32 idx)
{
	const struct bpf_insn *insn = &ctx->prog->insnsi[idx];
	int err;

	switch (BPF_MODE(insn->code)) {
	case BPF_MEM:
		break;
	case BPF_MEMSX:
		if (BPF_SIZE(insn->code) == BPF_DW)
			return unknown_opcode(ctx, idx);
		break;
	default:
		return unknown_opcode(ctx, idx);
	}
	err = check_reg(ctx, idx, insn->dst_reg, true);
	if (!err)
		err = check_reg(ctx, idx, insn->src_reg, false);
	if (!err)
		err = reserved(ctx, idx, "imm", insn->imm);
	return err;
}

static int check_st(struct check_ctx *ctx, u32 idx)
{
	const struct bpf_insn *insn = &ctx->prog->insnsi[idx];
	int err;

	if (BPF_MODE(insn->code) != BPF_MEM)
		return unknown_opcode(ctx, idx);
	err = check_reg(ctx, idx, insn->dst_reg, false);
	if (!err)
		err = reserved(ctx, idx, "src_reg", insn->src_reg);
	return err;
}

static bool atomic_op_known(s32 imm)
{
	switch (imm) {
	case BPF_ADD:
	case BPF_ADD | BPF_FETCH:
	case BPF_OR:
	case BPF_OR | BPF_FETCH:
	case BPF_AND:
	case BPF_AND | BPF_FETCH:
	case BPF_XOR:
	case BPF_XOR | BPF_FETCH:
	case BPF_XCHG:
	case BPF_CMPXCHG:
		return true;
	default:
		return false;
	}
}

static int check_stx(struct check_ctx *ctx, u32 idx)
{
	const struct bpf_insn *insn = &ctx->prog->insnsi[idx];
	bool src_written = false;
	int err;

	switch (BPF_MODE(insn->code)) {
	case BPF_MEM:
		err = reserved(ctx, idx, "imm", insn->imm);
		if (err)
			return err;
		break;
	case BPF_ATOMIC:
		if (BPF_SIZE(insn->code) != BPF_W && BPF_SIZE(insn->code) != BPF_DW)
			return unknown_opcode(ctx, idx);
		if (!atomic_op_known(insn->imm))
			return refuse(ctx, idx, "unknown atomic operation 0x%x", insn->imm);
		/* The fetching forms but cmpxchg (which writes r0) write the old value to src. */
		src_written = (insn->imm & BPF_FETCH) && insn->imm != BPF_CMPXCHG;
		break;
	default:
		return unknown_opcode(ctx, idx);
	}
	err = check_reg(ctx, idx, insn->dst_reg, false);
	if (!err)
		err = check_reg(ctx, idx, insn->src_reg, src_written);
	return err;
}

/* Which off values an ALU/ALU64 operation accepts: 0, and the signed or sign-extending forms. */
static bool alu_off_valid(u8 code, s16 off)
{
	bool is64 = BPF_CLASS(code) == BPF_ALU64;

	if (!off)
		return true;
	switch (BPF_OP(code)) {
	case BPF_DIV:
	case BPF_MOD:
		return off == 1; /* sdiv, smod */
	case BPF_MOV:
		if (BPF_SRC(code) != BPF_X)
			return false;
		return off == 8 || off == 16 || (is64 && off == 32); /* movsx */
	default:
		return false;
	}
}

static int check_alu(struct check_ctx *ctx, u32 idx)
{
	const struct bpf_insn *insn = &ctx->prog->insnsi[idx];
	bool is64 = BPF_CLASS(insn->code) == BPF_ALU64;
	int err;

	switch (BPF_OP(insn->code)) {
	case BPF_NEG:
		if (BPF_SRC(insn->code) == BPF_X)
			return unknown_opcode(ctx, idx);
		err = reserved(ctx, idx, "src_reg", insn->src_reg);
		if (!err)
			err = reserved(ctx, idx, "off", insn->off);
		if (!err)
			err = reserved(ctx, idx, "imm", insn->imm);
		if (err)
			return err;
		return check_reg(ctx, idx, insn->dst_reg, true);
	case BPF_END:
		/* ALU64 has only the unconditional byte swap, with the source bit clear. */
		if (is64 && BPF_SRC(insn->code) == BPF_X)
			return unknown_opcode(ctx, idx);
		if (insn->imm != 16 && insn->imm != 32 && insn->imm != 64)
			return refuse(ctx, idx, "byte swap of %d bits (must be 16, 32 or 64)",
				      insn->imm);
		err = reserved(ctx, idx, "src_reg", insn->src_reg);
		if (!err)
			err = reserved(ctx, idx, "off", insn->off);
		if (err)
			return err;
		return check_reg(ctx, idx, insn->dst_reg, true);
	case BPF_ADD:
	case BPF_SUB:
	case BPF_MUL:
	case BPF_DIV:
	case BPF_OR:
	case BPF_AND:
	case BPF_LSH:
	case BPF_RSH:
	case BPF_MOD:
	case BPF_XOR:
	case BPF_MOV:
	case BPF_ARSH:
		break;
	default:
		return unknown_opcode(ctx, idx);
	}
	if (!alu_off_valid(insn->code, insn->off))
		return refuse(ctx, idx, "opcode 0x%02x with invalid off %d", insn->code, insn->off);
	if (BPF_SRC(insn->code) == BPF_K)
		err = reserved(ctx, idx, "src_reg", insn->src_reg);
	else
		err = reserved(ctx, idx, "imm", insn->imm);
	if (!err)
		err = check_reg(ctx, idx, insn->dst_reg, true);
	if (!err && BPF_SRC(insn->code) == BPF_X)
		err = check_reg(ctx, idx, insn->src_reg, false);
	return err;
}

static int check_call(struct check_ctx *ctx, u32 idx)
{
	const struct bpf_insn *insn = &ctx->prog->insnsi[idx];
	const struct bpf_prog *prog = ctx->prog;
	int err;

	err = reserved(ctx, idx, "dst_reg", insn->dst_reg);
	if (!err)
		err = reserved(ctx, idx, "off", insn->off);
	if (err)
		return err;
	switch (insn->src_reg) {
	case 0:
		if (insn->imm < 0 || (u32)insn->imm >= prog->nr_helpers ||
		    !prog->helpers[insn->imm])
			return refuse(ctx, idx, "call to unknown helper id %d", insn->imm);
		return 0;
	case BPF_PSEUDO_CALL:
		return 0; /* the target is checked in the second pass */
	case BPF_PSEUDO_KFUNC_CALL:
		return refuse(ctx, idx, "kernel function calls are not supported");
	default:
		return refuse(ctx, idx, "call with unknown src_reg %u", insn->src_reg);
	}
}

static int check_jmp(struct check_ctx *ctx, u32 idx)
{
	const struct bpf_insn *insn = &ctx->prog->insnsi[idx];
	bool is32 = BPF_CLASS(insn->code) == BPF_JMP32;
	int err;

	switch (BPF_OP(insn->code)) {
	case BPF_JA:
		if (BPF_SRC(insn->code) == BPF_X)
			return unknown_opcode(ctx, idx);
		err = reserved(ctx, idx, "dst_reg", insn->dst_reg);
		if (!err)
			err = reserved(ctx, idx, "src_reg", insn->src_reg);
		/* JMP takes its offset from off, JMP32 (gotol) from imm; the other must be 0. */
		if (!err)
			err = is32 ? reserved(ctx, idx, "off", insn->off) :
				     reserved(ctx, idx, "imm", insn->imm);
		return err;
	case BPF_CALL:
		if (is32 || BPF_SRC(insn->code) == BPF_X)
			return unknown_opcode(ctx, idx);
		return check_call(ctx, idx);
	case BPF_EXIT:
		if (is32 || BPF_SRC(insn->code) == BPF_X)
			return unknown_opcode(ctx, idx);
		err = reserved(ctx, idx, "dst_reg", insn->dst_reg);
		if (!err)
			err = reserved(ctx, idx, "src_reg", insn->src_reg);
		if (!err)
			err = reserved(ctx, idx, "off", insn->off);
		if (!err)
			err = reserved(ctx, idx, "imm", insn->imm);
		return err;
	case BPF_JEQ:
	case BPF_JGT:
	case BPF_JGE:
	case BPF_JSET:
	case BPF_JNE:
	case BPF_JSGT:
	case BPF_JSGE:
	case BPF_JLT:
	case BPF_JLE:
	case BPF_JSLT:
	case BPF_JSLE:
		break;
	default:
		return unknown_opcode(ctx, idx);
	}
	err = check_reg(ctx, idx, insn->dst_reg, false);
	if (err)
		return err;
	if (BPF_SRC(insn->code) == BPF_X) {
		err = check_reg(ctx, idx, insn->src_reg, false);
		if (!err)
			err = reserved(ctx, idx, "imm", insn->imm);
	} else {
		err = reserved(ctx, idx, "src_reg", insn->src_reg);
	}
	return err;
}

static int check_one(struct check_ctx *ctx, u32 idx)
{
	switch (BPF_CLASS(ctx->prog->insnsi[idx].code)) {
	case BPF_LD:
		return check_ld(ctx, idx);
	case BPF_LDX:
		return check_ldx(ctx, idx);
	case BPF_ST:
		return check_st(ctx, idx);
	case BPF_STX:
		return check_stx(ctx, idx);
	case BPF_ALU:
	case BPF_ALU64:
		return check_alu(ctx, idx);
	default: /* BPF_JMP, BPF_JMP32 */
		return check_jmp(ctx, idx);
	}
}

bool bpf_insn_jump_target(const struct bpf_insn *insns, u32 idx, s64 *target)
{
	const struct bpf_insn *insn = &insns[idx];
	u8 class = BPF_CLASS(insn->code);
	u8 op = BPF_OP(insn->code);

	if (class != BPF_JMP && class != BPF_JMP32)
		return false;
	if (op == BPF_EXIT)
		return false;
	if (op == BPF_CALL) {
		if (insn->src_reg != BPF_PSEUDO_CALL)
			return false;
		*target = (s64)idx + 1 + insn->imm;
		return true;
	}
	if (op == BPF_JA && class == BPF_JMP32)
		*target = (s64)idx + 1 + insn->imm;
	else
		*target = (s64)idx + 1 + insn->off;
	return true;
}

static int check_targets(struct check_ctx *ctx)
{
	const struct bpf_insn *insns = ctx->prog->insnsi;
	u32 len = ctx->prog->len;
	u32 idx;
	s64 t;

	for (idx = 0; idx < len; idx++) {
		if (bpf_insn_is_ld_imm64(&insns[idx])) {
			idx++;
			continue;
		}
		if (!bpf_insn_jump_target(insns, idx, &t))
			continue;
		if (t < 0 || t >= len)
			return refuse(ctx, idx, "%s out of range (target %lld, program has %u insns)",
				      BPF_OP(insns[idx].code) == BPF_CALL ? "call" : "jump",
				      (long long)t, len);
		if (t > 0 && bpf_insn_is_ld_imm64(&insns[t - 1]))
			return refuse(ctx, idx, "%s into the middle of the ld_imm64 at insn %lld",
				      BPF_OP(insns[idx].code) == BPF_CALL ? "call" : "jump",
				      (long long)t - 1);
	}
	return 0;
}

/* The last instruction must not let execution fall off the end of the program. */
static int check_last(struct check_ctx *ctx)
{
	const struct bpf_insn *insns = ctx->prog->insnsi;
	u32 last = ctx->prog->len - 1;
	u8 code = insns[last].code;

	if (last > 0 && bpf_insn_is_ld_imm64(&insns[last - 1]))
		return refuse(ctx, last - 1, "last instruction is not an exit or jump");
	if (code == (BPF_JMP | BPF_EXIT) || code == (BPF_JMP | BPF_JA) ||
	    code == (BPF_JMP32 | BPF_JA))
		return 0;
	return refuse(ctx, last, "last instruction is not an exit or jump");
}

int bpf_insn_check_size(size_t size, char *msg, size_t msg_size)
{
	struct check_ctx ctx = { .msg = msg, .msg_size = msg_size };

	if (!size) {
		if (msg && msg_size)
			snprintf(msg, msg_size, "empty program");
		return -EINVAL;
	}
	if (size % sizeof(struct bpf_insn))
		return refuse(&ctx, (u32)(size / sizeof(struct bpf_insn)),
			      "truncated (program is %zu bytes, not a multiple of 8)", size);
	if (size / sizeof(struct bpf_insn) > BPF_INSN_MAX) {
		if (msg && msg_size)
			snprintf(msg, msg_size, "program of %zu insns is too large (at most %u)",
				 size / sizeof(struct bpf_insn), BPF_INSN_MAX);
		return -E2BIG;
	}
	return 0;
}

int bpf_insn_check(const struct bpf_prog *prog, u32 flags, char *msg, size_t msg_size)
{
	struct check_ctx ctx = { .prog = prog, .flags = flags, .msg = msg, .msg_size = msg_size };
	u32 idx;
	int err;

	if (msg && msg_size)
		msg[0] = '\0';
	err = bpf_insn_check_size((size_t)prog->len * sizeof(struct bpf_insn), msg, msg_size);
	if (err)
		return err;
	for (idx = 0; idx < prog->len; idx++) {
		err = check_one(&ctx, idx);
		if (err)
			return err;
		if (bpf_insn_is_ld_imm64(&prog->insnsi[idx]))
			idx++;
	}
	err = check_targets(&ctx);
	if (!err)
		err = check_last(&ctx);
	return err;
}
