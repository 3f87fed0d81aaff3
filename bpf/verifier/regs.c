/*
 * bpf/verifier/regs.c - register states: giving a register a value, reading and writing it.
 *
 * Every instruction that reads a register goes through check_reg_arg(SRC_OP): a register
 * that was never written on this path ("R2 !read_ok") stops verification there, and a read
 * is recorded for liveness. Every instruction that writes one goes through DST_OP or
 * DST_OP_NO_MARK (r10 is read-only).
 *
 * Liveness, as in Linux: each register of the current state points to the same register of
 * its parent state (the last state remembered on this path, see states.c). A read walks up
 * that chain marking REG_LIVE_READ, until it meets a state where the register was written
 * (REG_LIVE_WRITTEN screens the read: the parent's value is not what was read) or one already
 * marked. When a remembered state is fully explored, a register it never saw read does not
 * matter, and states.c ignores it when comparing states: two states that differ only in
 * dead registers are the same state.
 *
 * The helpers that set a value keep the bookkeeping fields (parent, live) of the register
 * they write, since those belong to the register, not to the value.
 *
 * Read next: bpf/verifier/bounds.c.
 */
#include "bpf/verifier/verifier.h"

/* Reset the value, keeping the register's place in the liveness chain. */
static void reg_reset(struct bpf_reg_state *reg, u32 type)
{
	struct bpf_reg_state *parent = reg->parent;
	u8 live = reg->live;

	memset(reg, 0, sizeof(*reg));
	reg->parent = parent;
	reg->live = live;
	reg->type = type;
	reg->var_off = tnum_unknown;
	mark_reg_unbounded(reg);
}

void mark_reg_not_init(struct bpf_reg_state *reg)
{
	reg_reset(reg, NOT_INIT);
}

void mark_reg_unknown(struct bpf_verifier_env *env, struct bpf_reg_state *reg)
{
	reg_reset(reg, SCALAR_VALUE);
	reg->origin = env->insn_idx;
}

void mark_reg_known(struct bpf_reg_state *reg, u64 imm)
{
	reg_reset(reg, SCALAR_VALUE);
	reg->var_off = tnum_const(imm);
	reg->smin_value = reg->smax_value = (s64)imm;
	reg->umin_value = reg->umax_value = imm;
	reg->s32_min_value = reg->s32_max_value = (s32)imm;
	reg->u32_min_value = reg->u32_max_value = (u32)imm;
}

void mark_reg_known_zero(struct bpf_reg_state *reg)
{
	mark_reg_known(reg, 0);
}

/* A pointer of the given type with a zero offset; the caller fills map_ptr, mem_size, ... */
void mark_ptr_reg(struct bpf_reg_state *reg, u32 type)
{
	mark_reg_known_zero(reg);
	reg->type = type;
}

void copy_register_state(struct bpf_reg_state *dst, const struct bpf_reg_state *src)
{
	struct bpf_reg_state *parent = dst->parent;
	u8 live = dst->live;

	*dst = *src;
	dst->parent = parent;
	dst->live = live;
}

void init_func_state(struct bpf_verifier_env *env, struct bpf_func_state *state, int callsite,
		     u32 frameno, u32 subprogno)
{
	memset(state->regs, 0, sizeof(state->regs));
	for (u32 i = 0; i < MAX_BPF_REG; i++) {
		mark_reg_not_init(&state->regs[i]);
		mark_reg_scratched(env, i);
	}
	/* r10 is the frame pointer: the top of this frame's stack, read-only. */
	mark_ptr_reg(&state->regs[BPF_REG_10], PTR_TO_STACK);
	state->regs[BPF_REG_10].frameno = frameno;
	state->callsite = callsite;
	state->frameno = frameno;
	state->subprogno = subprogno;
}

u32 new_id(struct bpf_verifier_env *env)
{
	return ++env->id_gen;
}

bool is_reg_const(const struct bpf_reg_state *reg, bool subreg32)
{
	if (reg->type != SCALAR_VALUE)
		return false;
	return tnum_is_const(subreg32 ? tnum_subreg(reg->var_off) : reg->var_off);
}

u64 reg_const_value(const struct bpf_reg_state *reg, bool subreg32)
{
	return subreg32 ? (u32)reg->var_off.value : reg->var_off.value;
}

int mark_reg_read(struct bpf_verifier_env *env, const struct bpf_reg_state *state,
		  struct bpf_reg_state *parent)
{
	bool writes = parent == state->parent; /* the first step observes state's write mark */
	u32 cnt = 0;

	while (parent) {
		if (writes && (state->live & REG_LIVE_WRITTEN))
			break;
		if (parent->live & REG_LIVE_DONE) {
			verbose(env, "verifier bug: read reaches a fully explored state\n");
			return -EFAULT;
		}
		/* Marked before: everything above it was marked then too. */
		if (parent->live & REG_LIVE_READ)
			break;
		parent->live |= REG_LIVE_READ;
		state = parent;
		parent = state->parent;
		writes = true;
		cnt++;
	}
	if (env->longest_mark_read_walk < cnt)
		env->longest_mark_read_walk = cnt;
	return 0;
}

int check_reg_arg(struct bpf_verifier_env *env, u32 regno, enum reg_arg_type t)
{
	struct bpf_reg_state *reg;

	if (regno >= MAX_BPF_REG) {
		verbose(env, "R%u is invalid\n", regno);
		return -EINVAL;
	}
	mark_reg_scratched(env, regno);
	reg = &cur_regs(env)[regno];
	if (t == SRC_OP) {
		if (reg->type == NOT_INIT) {
			verbose(env, "R%u !read_ok\n", regno);
			fail_note(env, FAIL_UNINIT_REG, regno, reg);
			return -EACCES;
		}
		/* The frame pointer is always live: no need to track reads of it. */
		if (regno == BPF_REG_10)
			return 0;
		return mark_reg_read(env, reg, reg->parent);
	}
	if (regno == BPF_REG_10) {
		verbose(env, "frame pointer is read only\n");
		return -EACCES;
	}
	reg->live |= REG_LIVE_WRITTEN;
	if (t == DST_OP)
		mark_reg_unknown(env, reg);
	return 0;
}
