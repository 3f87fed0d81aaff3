/*
 * bpf/verifier/precise.c - precision: which scalars' exact ranges matter.
 *
 * Pruning (states.c) may treat two scalars as the same if nothing later depends on their
 * exact value: a counter added to an output, a value stored in a map. Only some uses make
 * a value's range matter for safety: an offset added to a pointer, a size given to a helper,
 * a comparison whose outcome the verifier decided from the bounds, the r0 a callback
 * returns. At such a use mark_chain_precision marks the register "precise", and, walking the
 * path backwards, every register and spilled stack slot its value came from: through
 * "r1 = r2" (now r2 matters), "r1 += r2" (both), a fill from the stack (the slot, then the
 * store that filled it), a call (from the callee's r0 back into its body, from its r1-r5 back
 * to the caller's). A value loaded from memory or returned by a helper is where the walk
 * stops: nothing earlier decided it.
 *
 * The walk goes through the instructions of the current state's path segment (its history
 * of jumps, states.c) and then through each parent state, marking the registers there
 * precise, so that a later comparison with that remembered state checks their ranges. It
 * stops early where a parent already has every mark: an earlier walk went on from there.
 * Anything it cannot follow makes every scalar precise, which is always safe.
 *
 * A loop "r1 += 1; if r1 < 100000 goto loop" asks for r1's chain at every iteration, and each
 * walk would go back over the whole segment only to find every mark already made. So the
 * current state remembers which registers' chains are done (chain_marked), and carries that
 * forward one instruction at a time with the walk's own rules run the other way: "r1 += 1"
 * keeps r1 done, "r1 = r2" makes r1 as done as r2 was, "r1 += r2" needs both, a load or a
 * constant forgets, a comparison needs every register it narrowed. A new remembered state
 * (a new parent, with no marks yet) or a call into another frame forgets everything.
 *
 * Read next: bpf/verifier/log.c.
 */
#include "bpf/verifier/verifier.h"

static bool bt_empty(const struct backtrack_state *bt)
{
	for (u32 i = 0; i <= bt->frame; i++)
		if (bt->reg_masks[i] || bt->stack_masks[i])
			return false;
	return true;
}

static void bt_set_reg(struct backtrack_state *bt, u32 frame, u32 regno)
{
	bt->reg_masks[frame] |= 1u << regno;
}

static void bt_clear_reg(struct backtrack_state *bt, u32 frame, u32 regno)
{
	bt->reg_masks[frame] &= ~(1u << regno);
}

static bool bt_is_reg_set(const struct backtrack_state *bt, u32 frame, u32 regno)
{
	return bt->reg_masks[frame] & (1u << regno);
}

/*
 * The instruction executed before i in this state's segment, or -1 when i starts the
 * segment. A loop may pass the segment's first instruction several times; only the first
 * time has no jump before it in the history (at most the one that arrived there).
 */
static u32 get_prev_insn_idx(struct bpf_verifier_env *env, struct bpf_verifier_state *st,
			     u32 i, u32 *hist_end)
{
	if (i == st->first_insn_idx &&
	    (*hist_end == 0 || (*hist_end == 1 && st->jmp_history[0].idx == i)))
		return (u32)-1;
	if (*hist_end > 0 && st->jmp_history[*hist_end - 1].idx == i) {
		(*hist_end)--;
		return st->jmp_history[*hist_end].prev_idx;
	}
	if (i >= 2 && bpf_insn_is_ld_imm64(&env->insns[i - 2]))
		return i - 2;
	return i - 1;
}

static void log_precise(struct bpf_verifier_env *env, const struct backtrack_state *bt, u32 idx)
{
	if (!(env->log.level & BPF_LOG_LEVEL2))
		return;
	verbose(env, "mark_precise: frame%u: regs=%#x stack=%#llx before ", bt->frame,
		bt->reg_masks[bt->frame], (unsigned long long)bt->stack_masks[bt->frame]);
	verbose(env, "%u: ", idx);
	verbose_insn(env, idx);
}

/*
 * Step back over instruction idx: what had to be precise before it, for what bt says had
 * to be precise after it? subseq_idx is the instruction executed after it. -ENOTSUPP when
 * the step cannot be followed.
 */
static int backtrack_insn(struct bpf_verifier_env *env, u32 idx, u32 subseq_idx,
			  const struct bpf_jmp_history_entry *hist, struct backtrack_state *bt)
{
	const struct bpf_insn *insn = &env->insns[idx];
	u8 class = BPF_CLASS(insn->code), op = BPF_OP(insn->code);
	u32 fr = bt->frame, dreg = insn->dst_reg, sreg = insn->src_reg;

	log_precise(env, bt, idx);
	switch (class) {
	case BPF_ALU:
	case BPF_ALU64:
		if (!bt_is_reg_set(bt, fr, dreg))
			return 0;
		if (op == BPF_MOV) {
			/* dst = src: dst came from src; dst = K: from nothing. */
			bt_clear_reg(bt, fr, dreg);
			if (BPF_SRC(insn->code) == BPF_X)
				bt_set_reg(bt, fr, sreg);
		} else if (BPF_SRC(insn->code) == BPF_X && op != BPF_NEG && op != BPF_END) {
			bt_set_reg(bt, fr, sreg); /* dst op= src: both mattered */
		}
		return 0;
	case BPF_LDX:
		if (!bt_is_reg_set(bt, fr, dreg))
			return 0;
		bt_clear_reg(bt, fr, dreg);
		/* From the stack, the slot's value mattered; from other memory, nothing did. */
		if (hist && (hist->flags & INSN_F_STACK_ACCESS))
			bt->stack_masks[INSN_F_GET_FRAMENO(hist->flags)] |=
				1ull << INSN_F_GET_SPI(hist->flags);
		return 0;
	case BPF_STX:
	case BPF_ST:
		if (class == BPF_STX && BPF_MODE(insn->code) == BPF_ATOMIC) {
			u32 load = insn->imm == BPF_CMPXCHG ? BPF_REG_0 : sreg;

			if ((insn->imm & BPF_FETCH) && bt_is_reg_set(bt, fr, load))
				bt_clear_reg(bt, fr, load); /* loaded from memory */
			if (hist && (hist->flags & INSN_F_STACK_ACCESS) &&
			    (bt->stack_masks[INSN_F_GET_FRAMENO(hist->flags)] &
			     (1ull << INSN_F_GET_SPI(hist->flags))))
				return -ENOTSUPP;
			return 0;
		}
		if (!hist || !(hist->flags & INSN_F_STACK_ACCESS))
			return 0;
		{
			u32 sfr = INSN_F_GET_FRAMENO(hist->flags);
			u64 bit = 1ull << INSN_F_GET_SPI(hist->flags);

			if (!(bt->stack_masks[sfr] & bit))
				return 0;
			bt->stack_masks[sfr] &= ~bit;
			if (class == BPF_STX)
				bt_set_reg(bt, fr, sreg);
		}
		return 0;
	case BPF_LD:
		if (bt_is_reg_set(bt, fr, dreg))
			bt_clear_reg(bt, fr, dreg); /* a 64-bit constant, map or function */
		return 0;
	default: /* BPF_JMP, BPF_JMP32 */
		break;
	}

	if (op == BPF_CALL) {
		if (insn->src_reg == BPF_PSEUDO_CALL) {
			s64 target;

			bpf_insn_jump_target(env->insns, idx, &target);
			if (subseq_idx != (u32)target || fr == 0)
				return -ENOTSUPP;
			/* Out of the callee, back into the caller: its r1-r5 came from the caller. */
			if ((bt->reg_masks[fr] & ~0x3eu) || bt->stack_masks[fr])
				return -ENOTSUPP;
			bt->reg_masks[fr - 1] |= bt->reg_masks[fr];
			bt->reg_masks[fr] = 0;
			bt->frame--;
			return 0;
		}
		if (fr > 0 && find_subprog(env, subseq_idx) >= 0 && subseq_idx != idx + 1) {
			/*
			 * Into a callback's first instruction from the helper that calls it: the
			 * callback's r1 and r2 are an unknown index and a pointer, nothing to follow.
			 */
			bt->reg_masks[fr] = 0;
			bt->stack_masks[fr] = 0;
			bt->frame--;
			return 0;
		}
		/* A helper: r0 is its result; r1-r5 were clobbered and cannot be precise. */
		bt_clear_reg(bt, fr, BPF_REG_0);
		if (bt->reg_masks[fr] & 0x3eu)
			return -ENOTSUPP;
		return 0;
	}
	if (op == BPF_EXIT) {
		/* Back into a callee from the instruction after its call: r0 came from there. */
		if (fr + 1 >= MAX_CALL_FRAMES || (bt->reg_masks[fr] & 0x3eu))
			return -ENOTSUPP;
		bt->frame++;
		bt->reg_masks[fr + 1] = bt->reg_masks[fr] & 1u;
		bt->stack_masks[fr + 1] = 0;
		bt_clear_reg(bt, fr, BPF_REG_0);
		return 0;
	}
	if (op == BPF_JA)
		return 0;
	/* A conditional jump narrowed both operands, and their copies (hist->linked). */
	{
		u32 involved = (1u << dreg) | (BPF_SRC(insn->code) == BPF_X ? 1u << sreg : 0) |
			       (hist ? hist->linked : 0);

		if (bt->reg_masks[fr] & involved)
			bt->reg_masks[fr] |= involved;
	}
	return 0;
}

void mark_all_scalars_precise(struct bpf_verifier_env *env, struct bpf_verifier_state *st)
{
	for (; st; st = st->parent) {
		for (u32 fr = 0; fr <= st->curframe; fr++) {
			struct bpf_func_state *f = st->frame[fr];

			for (u32 i = 0; i < BPF_REG_10; i++)
				if (f->regs[i].type == SCALAR_VALUE)
					f->regs[i].precise = true;
			for (u32 spi = 0; spi < f->allocated_stack / BPF_REG_SIZE; spi++)
				if (is_spilled_reg(&f->stack[spi]) &&
				    f->stack[spi].spilled_ptr.type == SCALAR_VALUE)
					f->stack[spi].spilled_ptr.precise = true;
		}
	}
}

/* Mark what bt holds precise in st; true when something was not marked before. */
static bool mark_in_state(struct bpf_verifier_state *st, struct backtrack_state *bt)
{
	bool new_marks = false;

	for (u32 fr = 0; fr <= bt->frame && fr <= st->curframe; fr++) {
		struct bpf_func_state *f = st->frame[fr];

		for (u32 i = 0; i < BPF_REG_10; i++) {
			struct bpf_reg_state *reg = &f->regs[i];

			if (!bt_is_reg_set(bt, fr, i))
				continue;
			if (reg->type != SCALAR_VALUE) {
				bt_clear_reg(bt, fr, i); /* a pointer: compared exactly anyway */
				continue;
			}
			if (!reg->precise)
				new_marks = true;
			reg->precise = true;
		}
		for (u32 spi = 0; spi < MAX_STACK_SLOTS; spi++) {
			struct bpf_stack_state *slot;

			if (!(bt->stack_masks[fr] & (1ull << spi)))
				continue;
			if (spi >= f->allocated_stack / BPF_REG_SIZE) {
				bt->stack_masks[fr] &= ~(1ull << spi);
				continue;
			}
			slot = &f->stack[spi];
			if (!is_spilled_reg(slot) || slot->spilled_ptr.type != SCALAR_VALUE) {
				/* Some number or a pointer: nothing spilled to follow further. */
				bt->stack_masks[fr] &= ~(1ull << spi);
				continue;
			}
			if (!slot->spilled_ptr.precise)
				new_marks = true;
			slot->spilled_ptr.precise = true;
		}
	}
	return new_marks;
}

/* Walk back from the current instruction with env->bt set up. */
static int mark_chain(struct bpf_verifier_env *env)
{
	struct backtrack_state *bt = &env->bt;
	struct bpf_verifier_state *st = env->cur_state;
	u32 last_idx = env->insn_idx, subseq_idx = (u32)-1;
	bool skip_first = true;
	int err;

	for (;;) {
		u32 hist_end = st->jmp_history_cnt;
		u32 i = last_idx;

		if (last_idx != (u32)-1) {
			for (;;) {
				if (skip_first) {
					/* The current instruction has not run yet. */
					skip_first = false;
				} else {
					err = backtrack_insn(env, i, subseq_idx,
							     get_jmp_hist_entry(st, hist_end, i), bt);
					if (err == -ENOTSUPP) {
						mark_all_scalars_precise(env, env->cur_state);
						return 0;
					}
					if (err)
						return err;
				}
				if (bt_empty(bt))
					return 0;
				subseq_idx = i;
				i = get_prev_insn_idx(env, st, i, &hist_end);
				if (i == (u32)-1)
					break;
				if (i >= env->len) {
					mark_all_scalars_precise(env, env->cur_state);
					return 0;
				}
			}
		}
		st = st->parent;
		if (!st)
			return 0;
		if (!mark_in_state(st, bt))
			return 0; /* an earlier walk went on from here with these marks */
		if (bt_empty(bt))
			return 0;
		last_idx = st->last_insn_idx;
	}
}

int mark_chain_precision(struct bpf_verifier_env *env, int regno)
{
	struct backtrack_state *bt = &env->bt;
	const struct bpf_reg_state *reg = &cur_regs(env)[regno];
	int err;

	if (reg->type != SCALAR_VALUE || regno == BPF_REG_10)
		return 0;
	if (chain_marks_before(env) & (1u << regno))
		return 0; /* an earlier walk marked all this value came from */
	memset(bt, 0, sizeof(*bt));
	bt->frame = env->cur_state->curframe;
	bt_set_reg(bt, bt->frame, (u32)regno);
	err = mark_chain(env);
	if (!err)
		env->chain_walked |= 1u << regno;
	return err;
}

/* The registers whose chains are done, before the current instruction runs. */
u32 chain_marks_before(struct bpf_verifier_env *env)
{
	const struct bpf_verifier_state *cur = env->cur_state;

	return cur->chain_frame == cur->curframe ? cur->chain_marked : 0;
}

/*
 * After insn ran: which registers' chains are done now, from those done before it (marked,
 * in frame) and those it walked for. Each rule is backtrack_insn's read forwards, and may
 * forget more than it must (a forgotten register only costs a walk), never less.
 */
void chain_marks_after(struct bpf_verifier_env *env, const struct bpf_insn *insn, u32 frame,
		       u32 marked)
{
	struct bpf_verifier_state *cur = env->cur_state;
	u8 class = BPF_CLASS(insn->code), op = BPF_OP(insn->code);
	u32 m = marked | env->chain_walked, dst = 1u << insn->dst_reg, src = 1u << insn->src_reg;
	bool is_x = BPF_SRC(insn->code) == BPF_X;

	env->chain_walked = 0;
	cur->chain_frame = cur->curframe;
	if (cur->curframe != frame) {
		cur->chain_marked = 0; /* into a callee or back to a caller */
		return;
	}
	switch (class) {
	case BPF_ALU:
	case BPF_ALU64:
		if (op == BPF_MOV) /* dst = src: as done as src; dst = K: a new value */
			m = (m & ~dst) | (is_x && (m & src) ? dst : 0);
		else if (is_x && op != BPF_NEG && op != BPF_END && !(m & src))
			m &= ~dst; /* dst op= src: both must be done */
		break;
	case BPF_LDX:
	case BPF_LD:
		m &= BPF_MODE(insn->code) == BPF_IMM || class == BPF_LDX ? ~dst : ~0x3fu;
		break;
	case BPF_STX:
	case BPF_ST:
		if (BPF_MODE(insn->code) == BPF_ATOMIC)
			m &= ~(src | 1u); /* a fetch loads into src, a compare-exchange into r0 */
		break;
	default: /* BPF_JMP, BPF_JMP32 */
		if (op == BPF_CALL) {
			m &= ~0x3fu; /* r0 is new, r1-r5 are gone */
		} else if (op == BPF_EXIT) {
			m = 0;
		} else if (op != BPF_JA) {
			/* A comparison narrowed all these together: done only if all were. */
			u32 involved = dst | linked_mask(cur->frame[frame], insn->dst_reg);

			if (is_x)
				involved |= src | linked_mask(cur->frame[frame], insn->src_reg);
			if ((m & involved) != involved)
				m &= ~involved;
		}
		break;
	}
	cur->chain_marked = m;
}

int mark_chain_precision_stack(struct bpf_verifier_env *env, u32 frameno, u32 spi)
{
	struct backtrack_state *bt = &env->bt;

	memset(bt, 0, sizeof(*bt));
	bt->frame = env->cur_state->curframe;
	bt->stack_masks[frameno] |= 1ull << spi;
	return mark_chain(env);
}

int propagate_precision(struct bpf_verifier_env *env, const struct bpf_verifier_state *old)
{
	struct backtrack_state *bt = &env->bt;
	bool any = false;

	/* The current path is pruned by old: what old's continuation needed precise, it needs. */
	memset(bt, 0, sizeof(*bt));
	bt->frame = old->curframe;
	for (u32 fr = 0; fr <= old->curframe; fr++) {
		const struct bpf_func_state *f = old->frame[fr];

		for (u32 i = 0; i < BPF_REG_10; i++) {
			if (f->regs[i].type == SCALAR_VALUE && f->regs[i].precise &&
			    (f->regs[i].live & REG_LIVE_READ)) {
				bt_set_reg(bt, fr, i);
				any = true;
			}
		}
		for (u32 spi = 0; spi < f->allocated_stack / BPF_REG_SIZE; spi++) {
			const struct bpf_stack_state *slot = &f->stack[spi];

			if (is_spilled_reg(slot) && slot->spilled_ptr.type == SCALAR_VALUE &&
			    slot->spilled_ptr.precise && (slot->spilled_ptr.live & REG_LIVE_READ)) {
				bt->stack_masks[fr] |= 1ull << spi;
				any = true;
			}
		}
	}
	return any ? mark_chain(env) : 0;
}
