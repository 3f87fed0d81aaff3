/*
 * bpf/jit/check.c - what the JIT checks before it compiles, and the subprogram marks it needs.
 *
 * The verifier (or, for bpfvm, bpf_insn_check) has seen the program, but the JIT does not
 * rely on it for anything that would make it emit wrong code: it refuses, with a log line
 * naming the instruction,
 *   - a 64-bit immediate load without its second half;
 *   - a jump or call outside the program or into the second half of a 64-bit load;
 *   - a jump from one subprogram into another, or a subprogram that can run off its end
 *     (each subprogram has its own prologue, so neither would work);
 *   - a call to a helper the program's table does not have, or a kfunc call.
 * Subprograms start at instruction 0, at every BPF-to-BPF call target and at every callback
 * (a BPF_PSEUDO_FUNC load, for bpf_loop), which the JIT compiles so helpers can call them.
 *
 * Then it walks the call graph from the main program: if calls can recurse, or nest deeper
 * than BPF_MAX_CALL_DEPTH frames, the JIT counts frames at run time (ctx->check_depth).
 *
 * Read next: x86_64.c.
 */
#include "bpf/helpers.h"
#include "bpf/jit/jit.h"
#include "bpf/prog_aux.h"

#define HEIGHT_BUSY	 0xff /* subprog_height: on the current path of the call graph */
#define HEIGHT_UNBOUNDED -1   /* subprog_height: recursion, or deeper than the limit */

/* A jump or call target must be a real instruction of the program. */
static int check_target(const struct jit_ctx *ctx, u32 i, s64 target)
{
	if (target < 0 || target >= ctx->prog->len) {
		bpf_env_log("jit: insn %u: jump or call to %lld, outside the program\n", i,
			    (long long)target);
		return -EINVAL;
	}
	if (ctx->flags[target] & INSN_LDIMM64_HI) {
		bpf_env_log(
		    "jit: insn %u: jump or call into the middle of the 64-bit load at %lld\n", i,
		    (long long)target - 1);
		return -EINVAL;
	}
	return 0;
}

/* Mark 64-bit loads and subprogram starts; check call targets and helper ids. */
static int mark_insns(struct jit_ctx *ctx)
{
	const struct bpf_prog *prog = ctx->prog;
	u32 i;
	int err;

	for (i = 0; i < prog->len; i++) {
		const struct bpf_insn *insn = &prog->insnsi[i];

		if (is_ldimm64(insn)) {
			const struct bpf_insn *hi = insn + 1;

			if (i + 1 >= prog->len || hi->code || hi->dst_reg || hi->src_reg ||
			    hi->off) {
				bpf_env_log("jit: insn %u: 64-bit load without its second half\n",
					    i);
				return -EINVAL;
			}
			ctx->flags[++i] |= INSN_LDIMM64_HI;
		}
	}
	ctx->flags[0] |= INSN_SUBPROG_START;
	for (i = 0; prog->aux && i < prog->aux->nr_callbacks; i++) {
		const struct bpf_callback *cb = prog->aux->callbacks[i];

		if (cb->owner != prog)
			continue;
		err = check_target(ctx, cb->insn_off, cb->insn_off);
		if (err)
			return err;
		ctx->flags[cb->insn_off] |= INSN_SUBPROG_START;
	}
	for (i = 0; i < prog->len; i++) {
		const struct bpf_insn *insn = &prog->insnsi[i];

		if (ctx->flags[i] & INSN_LDIMM64_HI || insn->code != (BPF_JMP | BPF_CALL))
			continue;
		if (insn->src_reg == BPF_PSEUDO_CALL) {
			err = check_target(ctx, i, (s64)i + insn->imm + 1);
			if (err)
				return err;
			if (i + insn->imm + 1 == 0) {
				bpf_env_log("jit: insn %u: call to the main program\n", i);
				return -EINVAL;
			}
			ctx->flags[i + insn->imm + 1] |= INSN_SUBPROG_START;
		} else if (insn->src_reg == 0) {
			if (insn->imm < 0 || (u32)insn->imm >= prog->nr_helpers ||
			    !prog->helpers[insn->imm]) {
				bpf_env_log("jit: insn %u: call to unknown helper %d\n", i,
					    insn->imm);
				return -EINVAL;
			}
			if (insn->imm == BPF_FUNC_tail_call)
				ctx->tail_calls = true;
		} else {
			bpf_env_log("jit: insn %u: call kind %u not supported\n", i, insn->src_reg);
			return -ENOTSUPP;
		}
	}
	return 0;
}

/* Every jump stays inside its subprogram, and no subprogram runs off its end. */
static int check_jumps(struct jit_ctx *ctx)
{
	const struct bpf_prog *prog = ctx->prog;
	u32 i, start = 0;
	int err;

	for (i = 0; i < prog->len; i++) {
		if (ctx->flags[i] & INSN_SUBPROG_START)
			start = i;
		ctx->subprog[i] = start;
	}
	for (i = 0; i < prog->len; i++) {
		const struct bpf_insn *insn = &prog->insnsi[i];
		u32 last = i;
		s64 target;

		if (ctx->flags[i] & INSN_LDIMM64_HI)
			last = i - 1;
		if (i + 1 == prog->len || ctx->flags[i + 1] & INSN_SUBPROG_START) {
			const struct bpf_insn *end = &prog->insnsi[last];

			if (end->code != (BPF_JMP | BPF_EXIT) && end->code != (BPF_JMP | BPF_JA) &&
			    end->code != (BPF_JMP32 | BPF_JA)) {
				bpf_env_log(
				    "jit: insn %u: the %s can run past its last instruction\n",
				    last, i + 1 == prog->len ? "program" : "subprogram");
				return -EINVAL;
			}
		}
		if (ctx->flags[i] & INSN_LDIMM64_HI || !has_jump_target(insn))
			continue;
		target = jump_target(insn, i);
		err = check_target(ctx, i, target);
		if (err)
			return err;
		if (ctx->subprog[target] != ctx->subprog[i]) {
			bpf_env_log("jit: insn %u: jump to %lld, in another subprogram\n", i,
				    (long long)target);
			return -EINVAL;
		}
	}
	return 0;
}

/*
 * The height of the call tree below the subprogram at start (1 when it calls nothing), or
 * HEIGHT_UNBOUNDED when it recurses or, entered at depth frames, could nest deeper than
 * BPF_MAX_CALL_DEPTH. Heights are remembered, and the recursion of this function stops at
 * that depth, so it is cheap and shallow.
 */
static int subprog_height(struct jit_ctx *ctx, u32 start, u32 depth, u32 call)
{
	const struct bpf_prog *prog = ctx->prog;
	int height = 0;
	u32 i;

	if (ctx->height[start] == HEIGHT_BUSY) {
		bpf_env_log("jit: insn %u: recursive call to the subprogram at %u\n", call, start);
		return HEIGHT_UNBOUNDED;
	}
	if (!ctx->height[start]) {
		if (depth > BPF_MAX_CALL_DEPTH)
			goto too_deep;
		ctx->height[start] = HEIGHT_BUSY;
		for (i = start; i < prog->len && ctx->subprog[i] == start; i++) {
			const struct bpf_insn *insn = &prog->insnsi[i];
			int h;

			if (ctx->flags[i] & INSN_LDIMM64_HI || !is_pseudo_call(insn))
				continue;
			h = subprog_height(ctx, i + insn->imm + 1, depth + 1, i);
			if (h < 0)
				return h;
			if (h > height)
				height = h;
		}
		ctx->height[start] = height + 1;
	}
	if (depth - 1 + ctx->height[start] > BPF_MAX_CALL_DEPTH)
		goto too_deep;
	return ctx->height[start];

too_deep:
	bpf_env_log("jit: insn %u: calls may nest deeper than %d frames\n", call,
		    BPF_MAX_CALL_DEPTH);
	return HEIGHT_UNBOUNDED;
}

/*
 * Which of r6-r9 and r10 each subprogram names, in any register field: its frame saves
 * only those (a field that is not a register, as a pseudo source, can only add a save).
 */
static void mark_frames(struct jit_ctx *ctx)
{
	for (u32 i = 0; i < ctx->prog->len; i++) {
		const struct bpf_insn *insn = &ctx->prog->insnsi[i];
		u8 *frame = &ctx->frame[ctx->subprog[i]];
		u8 regs[2] = {insn->dst_reg, insn->src_reg};

		if (ctx->flags[i] & INSN_LDIMM64_HI)
			continue;
		for (u32 r = 0; r < 2; r++) {
			if (regs[r] >= BPF_REG_6 && regs[r] <= BPF_REG_9)
				*frame |= 1u << (regs[r] - BPF_REG_6);
			else if (regs[r] == BPF_REG_10)
				*frame |= FRAME_USES_R10;
		}
	}
}

int bpf_jit_check_program(struct jit_ctx *ctx)
{
	int err;

	err = mark_insns(ctx);
	if (err)
		return err;
	err = check_jumps(ctx);
	if (err)
		return err;
	mark_frames(ctx);
	ctx->check_depth = subprog_height(ctx, 0, 1, 0) == HEIGHT_UNBOUNDED;
	for (u32 i = 0; ctx->prog->aux && i < ctx->prog->aux->nr_callbacks; i++) {
		const struct bpf_callback *cb = ctx->prog->aux->callbacks[i];

		/* A helper runs a callback as a program of its own: a new call tree. */
		if (cb->owner != ctx->prog)
			continue;
		if (subprog_height(ctx, cb->insn_off, 1, cb->insn_off) == HEIGHT_UNBOUNDED) {
			bpf_env_log("jit: callbacks whose calls nest too deep run in the "
				    "interpreter\n");
			return -ENOTSUPP;
		}
		if (ctx->check_depth) {
			/* Their frames would sit above a helper's, where no depth is kept. */
			bpf_env_log("jit: callbacks with a run-time call depth check run in the "
				    "interpreter\n");
			return -ENOTSUPP;
		}
	}
	if (ctx->check_depth) {
		bpf_env_log("jit: the call depth is checked at run time\n");
		/* A call too deep unwinds straight to main's epilogue: it restores them all. */
		ctx->frame[0] |= FRAME_USES_R6_R9;
	}
	return 0;
}
