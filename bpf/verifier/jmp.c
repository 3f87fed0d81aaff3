/*
 * bpf/verifier/jmp.c - conditional jumps: which ways can they go, and what does each way tell?
 *
 * "if r1 > 10 goto L" splits the path in two. First is_branch_taken asks whether the bounds
 * already decide it (r1 in [0, 5]: never taken); then only that way is explored, and the
 * registers compared are marked precise (precise.c), since a state where they differ might
 * go the other way. Otherwise both ways are explored: the taken one is pushed for later
 * (states.c) and each learns from the comparison (reg_set_min_max): r1 >= 11 on one side,
 * r1 <= 10 on the other, for every comparison (==, !=, unsigned and signed <, <=, >, >=,
 * and &), on 64 bits or, for JMP32, on the low 32 bits. What one register learns, its copies
 * (same id, alu.c) learn too.
 *
 * Comparing a pointer that may be NULL with 0 is the NULL check: on the "equal" side the
 * pointer and all its copies become the number 0, on the other they become plain pointers.
 * A ring buffer record found NULL needs no release (calls.c).
 *
 * Read next: bpf/verifier/mem.c.
 */
#include "bpf/verifier/verifier.h"

#define BPF_JSET_NOT 0x100 /* "not JSET": the fall-through side of a JSET */

/* The comparison that holds on the fall-through side. */
static u32 rev_opcode(u32 op)
{
	switch (op) {
	case BPF_JEQ: return BPF_JNE;
	case BPF_JNE: return BPF_JEQ;
	case BPF_JSET: return BPF_JSET_NOT;
	case BPF_JSET_NOT: return BPF_JSET;
	case BPF_JGT: return BPF_JLE;
	case BPF_JGE: return BPF_JLT;
	case BPF_JLT: return BPF_JGE;
	case BPF_JLE: return BPF_JGT;
	case BPF_JSGT: return BPF_JSLE;
	case BPF_JSGE: return BPF_JSLT;
	case BPF_JSLT: return BPF_JSGE;
	default: return BPF_JSGT; /* BPF_JSLE */
	}
}

/* a op b is b flip(op) a. */
static u32 flip_opcode(u32 op)
{
	switch (op) {
	case BPF_JGT: return BPF_JLT;
	case BPF_JGE: return BPF_JLE;
	case BPF_JLT: return BPF_JGT;
	case BPF_JLE: return BPF_JGE;
	case BPF_JSGT: return BPF_JSLT;
	case BPF_JSGE: return BPF_JSLE;
	case BPF_JSLT: return BPF_JSGT;
	case BPF_JSLE: return BPF_JSGE;
	default: return op;
	}
}

/* One width's view of a scalar register, as the comparison sees it. */
struct cmp_view {
	u64 umin, umax;
	s64 smin, smax;
	struct tnum t;
};

static struct cmp_view get_view(const struct bpf_reg_state *reg, bool is_jmp32)
{
	if (is_jmp32)
		return (struct cmp_view){ reg->u32_min_value, reg->u32_max_value, reg->s32_min_value,
					  reg->s32_max_value, tnum_subreg(reg->var_off) };
	return (struct cmp_view){ reg->umin_value, reg->umax_value, reg->smin_value,
				  reg->smax_value, reg->var_off };
}

static void set_view(struct bpf_reg_state *reg, const struct cmp_view *v, bool is_jmp32)
{
	if (is_jmp32) {
		reg->u32_min_value = (u32)v->umin;
		reg->u32_max_value = (u32)v->umax;
		reg->s32_min_value = (s32)v->smin;
		reg->s32_max_value = (s32)v->smax;
		reg->var_off = tnum_with_subreg(reg->var_off, v->t);
	} else {
		reg->umin_value = v->umin;
		reg->umax_value = v->umax;
		reg->smin_value = v->smin;
		reg->smax_value = v->smax;
		reg->var_off = v->t;
	}
	reg_bounds_sync(reg);
}

static int scalar_branch_taken(const struct cmp_view *a, const struct cmp_view *b, u32 op)
{
	int r;

	switch (op) {
	case BPF_JEQ:
		if (tnum_is_const(a->t) && tnum_is_const(b->t))
			return a->t.value == b->t.value;
		/* A bit known to differ, or ranges that do not meet: never equal. */
		if ((a->t.value ^ b->t.value) & ~(a->t.mask | b->t.mask))
			return 0;
		if (a->umin > b->umax || a->umax < b->umin || a->smin > b->smax || a->smax < b->smin)
			return 0;
		return -1;
	case BPF_JNE:
		r = scalar_branch_taken(a, b, BPF_JEQ);
		return r < 0 ? r : !r;
	case BPF_JSET:
		if (tnum_and(a->t, b->t).value)
			return 1; /* a bit known to be 1 in both */
		if (!((a->t.value | a->t.mask) & (b->t.value | b->t.mask)))
			return 0; /* no bit can be 1 in both */
		return -1;
	case BPF_JSET_NOT:
		r = scalar_branch_taken(a, b, BPF_JSET);
		return r < 0 ? r : !r;
	case BPF_JGT:
		if (a->umin > b->umax)
			return 1;
		if (a->umax <= b->umin)
			return 0;
		return -1;
	case BPF_JGE:
		if (a->umin >= b->umax)
			return 1;
		if (a->umax < b->umin)
			return 0;
		return -1;
	case BPF_JSGT:
		if (a->smin > b->smax)
			return 1;
		if (a->smax <= b->smin)
			return 0;
		return -1;
	case BPF_JSGE:
		if (a->smin >= b->smax)
			return 1;
		if (a->smax < b->smin)
			return 0;
		return -1;
	default: /* the "less" comparisons: the "greater" ones with the operands swapped */
		return scalar_branch_taken(b, a, flip_opcode(op));
	}
}

static bool reg_not_null(const struct bpf_reg_state *reg)
{
	return reg_is_ptr(reg) && !type_may_be_null(reg->type);
}

static bool reg_is_zero(const struct bpf_reg_state *reg)
{
	return reg->type == SCALAR_VALUE && tnum_equals_const(reg->var_off, 0);
}

int is_branch_taken(const struct bpf_reg_state *r1, const struct bpf_reg_state *r2, u8 opcode,
		    bool is_jmp32)
{
	struct cmp_view a, b;

	if (r1->type == SCALAR_VALUE && r2->type == SCALAR_VALUE) {
		a = get_view(r1, is_jmp32);
		b = get_view(r2, is_jmp32);
		return scalar_branch_taken(&a, &b, opcode);
	}
	/* A pointer that cannot be NULL is never equal to 0. */
	if (!is_jmp32 && (opcode == BPF_JEQ || opcode == BPF_JNE) &&
	    ((reg_not_null(r1) && reg_is_zero(r2)) || (reg_not_null(r2) && reg_is_zero(r1))))
		return opcode == BPF_JNE;
	return -1;
}

/* What "a op b" being true teaches about a and b, on one width. */
static void refine_views(struct cmp_view *a, struct cmp_view *b, u32 op, bool is_jmp32)
{
	u64 umax = is_jmp32 ? U32_MAX : U64_MAX;
	s64 smin = is_jmp32 ? S32_MIN : S64_MIN, smax = is_jmp32 ? S32_MAX : S64_MAX;
	u64 c;

	switch (op) {
	case BPF_JEQ:
		/* Equal: each is in both ranges, with the bits known in either. */
		a->umin = b->umin = a->umin > b->umin ? a->umin : b->umin;
		a->umax = b->umax = a->umax < b->umax ? a->umax : b->umax;
		a->smin = b->smin = a->smin > b->smin ? a->smin : b->smin;
		a->smax = b->smax = a->smax < b->smax ? a->smax : b->smax;
		a->t = b->t = tnum_intersect(a->t, b->t);
		break;
	case BPF_JNE:
		/* Not equal to a known number at an end of the range: that end moves in by one. */
		if (!tnum_is_const(b->t)) {
			if (tnum_is_const(a->t))
				refine_views(b, a, op, is_jmp32);
			break;
		}
		c = b->t.value;
		if (a->umin == a->umax)
			break;
		if (a->umin == c)
			a->umin++;
		else if (a->umax == c)
			a->umax--;
		c = is_jmp32 ? (u64)(s64)(s32)(u32)c : c;
		if (a->smin == (s64)c)
			a->smin++;
		else if (a->smax == (s64)c)
			a->smax--;
		break;
	case BPF_JSET:
		/* Some bit is set in both: if b has a single bit, a has it. */
		if (tnum_is_const(b->t) && b->t.value && !(b->t.value & (b->t.value - 1)))
			a->t = tnum_or(a->t, b->t);
		else if (tnum_is_const(a->t) && a->t.value && !(a->t.value & (a->t.value - 1)))
			b->t = tnum_or(b->t, a->t);
		break;
	case BPF_JSET_NOT:
		/* No bit set in both: the bits of a known b are clear in a. */
		if (tnum_is_const(b->t))
			a->t = tnum_and(a->t, tnum_const(~b->t.value & umax));
		if (tnum_is_const(a->t))
			b->t = tnum_and(b->t, tnum_const(~a->t.value & umax));
		break;
	case BPF_JGE:
		if (a->umin < b->umin)
			a->umin = b->umin;
		if (b->umax > a->umax)
			b->umax = a->umax;
		break;
	case BPF_JGT:
		if (b->umin < umax && a->umin < b->umin + 1)
			a->umin = b->umin + 1;
		if (a->umax > 0 && b->umax > a->umax - 1)
			b->umax = a->umax - 1;
		break;
	case BPF_JSGE:
		if (a->smin < b->smin)
			a->smin = b->smin;
		if (b->smax > a->smax)
			b->smax = a->smax;
		break;
	case BPF_JSGT:
		if (b->smin < smax && a->smin < b->smin + 1)
			a->smin = b->smin + 1;
		if (a->smax > smin && b->smax > a->smax - 1)
			b->smax = a->smax - 1;
		break;
	default: /* the "less" comparisons */
		refine_views(b, a, flip_opcode(op), is_jmp32);
		break;
	}
}

int reg_set_min_max(struct bpf_reg_state *true_reg1, struct bpf_reg_state *true_reg2,
		    struct bpf_reg_state *false_reg1, struct bpf_reg_state *false_reg2, u8 opcode,
		    bool is_jmp32)
{
	struct cmp_view a, b;

	a = get_view(true_reg1, is_jmp32);
	b = get_view(true_reg2, is_jmp32);
	refine_views(&a, &b, opcode, is_jmp32);
	set_view(true_reg1, &a, is_jmp32);
	set_view(true_reg2, &b, is_jmp32);

	a = get_view(false_reg1, is_jmp32);
	b = get_view(false_reg2, is_jmp32);
	refine_views(&a, &b, rev_opcode(opcode), is_jmp32);
	set_view(false_reg1, &a, is_jmp32);
	set_view(false_reg2, &b, is_jmp32);
	return 0;
}

/* Registers of the frame that are copies of known (same id): they learn what it learned. */
static u32 sync_linked_regs(struct bpf_func_state *frame, const struct bpf_reg_state *known)
{
	u32 mask = 0;

	if (!known->id || known->type != SCALAR_VALUE)
		return 0;
	for (u32 i = 0; i < BPF_REG_10; i++) {
		struct bpf_reg_state *reg = &frame->regs[i];

		if (reg == known || reg->type != SCALAR_VALUE || reg->id != known->id)
			continue;
		copy_register_state(reg, known);
		mask |= 1u << i;
	}
	return mask;
}

u32 linked_mask(const struct bpf_func_state *frame, u32 regno)
{
	const struct bpf_reg_state *known = &frame->regs[regno];
	u32 mask = 0;

	if (!known->id || known->type != SCALAR_VALUE)
		return 0;
	for (u32 i = 0; i < BPF_REG_10; i++)
		if (i != regno && frame->regs[i].type == SCALAR_VALUE &&
		    frame->regs[i].id == known->id)
			mask |= 1u << i;
	return mask;
}

static void mark_ptr_or_null_reg(struct bpf_reg_state *reg, bool is_null)
{
	if (is_null) {
		u32 origin = reg->origin;

		mark_reg_known_zero(reg);
		reg->origin = origin;
		return;
	}
	reg->type &= ~PTR_MAYBE_NULL;
	reg->id = 0; /* settled: the link to its copies is no longer needed */
}

/* The NULL check of every copy of the pointer with this id, in every frame and spill. */
static void mark_ptr_or_null_regs(struct bpf_verifier_state *st, u32 id, bool is_null)
{
	for (u32 fr = 0; fr <= st->curframe; fr++) {
		struct bpf_func_state *f = st->frame[fr];

		for (u32 i = 0; i < MAX_BPF_REG; i++)
			if (f->regs[i].id == id && type_may_be_null(f->regs[i].type))
				mark_ptr_or_null_reg(&f->regs[i], is_null);
		for (u32 spi = 0; spi < f->allocated_stack / BPF_REG_SIZE; spi++) {
			struct bpf_reg_state *reg = &f->stack[spi].spilled_ptr;

			if (is_spilled_reg(&f->stack[spi]) && reg->id == id &&
			    type_may_be_null(reg->type))
				mark_ptr_or_null_reg(reg, is_null);
		}
	}
	if (!is_null)
		return;
	/* A NULL ring buffer record was never reserved: nothing to release. */
	for (u32 i = 0; i < st->acquired_refs; i++) {
		if (st->refs[i].id != id)
			continue;
		memmove(&st->refs[i], &st->refs[i + 1],
			(st->acquired_refs - i - 1) * sizeof(st->refs[0]));
		st->acquired_refs--;
		break;
	}
}

/* r op r, the same register on both sides. */
static int same_reg_branch_taken(const struct bpf_reg_state *reg, u8 opcode, bool is_jmp32)
{
	struct cmp_view v;

	switch (opcode) {
	case BPF_JEQ:
	case BPF_JGE:
	case BPF_JLE:
	case BPF_JSGE:
	case BPF_JSLE:
		return 1;
	case BPF_JSET:
		if (reg->type != SCALAR_VALUE)
			return -1;
		v = get_view(reg, is_jmp32);
		return v.umin > 0 ? 1 : v.umax == 0 ? 0 : -1;
	default:
		return 0;
	}
}

int check_cond_jmp_op(struct bpf_verifier_env *env, const struct bpf_insn *insn, u32 *insn_idx)
{
	struct bpf_verifier_state *this_branch = env->cur_state, *other_branch;
	struct bpf_reg_state *regs = cur_regs(env), *dst_reg, *src_reg, imm;
	struct bpf_reg_state t1, t2, f1, f2;
	u8 opcode = BPF_OP(insn->code);
	bool is_jmp32 = BPF_CLASS(insn->code) == BPF_JMP32;
	bool is_x = BPF_SRC(insn->code) == BPF_X;
	bool scalars, refine = false;
	u32 linked = 0;
	int pred, err;

	if (is_x) {
		err = check_reg_arg(env, insn->src_reg, SRC_OP);
		if (err)
			return err;
	}
	err = check_reg_arg(env, insn->dst_reg, SRC_OP);
	if (err)
		return err;
	dst_reg = &regs[insn->dst_reg];
	if (is_x) {
		src_reg = &regs[insn->src_reg];
	} else {
		memset(&imm, 0, sizeof(imm));
		mark_reg_known(&imm, is_jmp32 ? (u32)insn->imm : (u64)(s64)insn->imm);
		src_reg = &imm;
	}
	scalars = dst_reg->type == SCALAR_VALUE && src_reg->type == SCALAR_VALUE;

	if (is_x && insn->dst_reg == insn->src_reg)
		pred = same_reg_branch_taken(dst_reg, opcode, is_jmp32);
	else
		pred = is_branch_taken(dst_reg, src_reg, opcode, is_jmp32);

	if (pred < 0 && scalars) {
		/* Work out both sides; a side whose bounds come out empty cannot happen. */
		t1 = f1 = *dst_reg;
		t2 = f2 = *src_reg;
		reg_set_min_max(&t1, &t2, &f1, &f2, opcode, is_jmp32);
		if (!reg_bounds_valid(&t1) || !reg_bounds_valid(&t2))
			pred = reg_bounds_valid(&f1) && reg_bounds_valid(&f2) ? 0 : -1;
		else if (!reg_bounds_valid(&f1) || !reg_bounds_valid(&f2))
			pred = 1;
		else
			refine = true;
	}

	if (pred >= 0) {
		/* The values decide the way: a state where they differ might go the other. */
		if (dst_reg->type == SCALAR_VALUE) {
			err = mark_chain_precision(env, (int)insn->dst_reg);
			if (err)
				return err;
		}
		if (is_x && src_reg->type == SCALAR_VALUE) {
			err = mark_chain_precision(env, (int)insn->src_reg);
			if (err)
				return err;
		}
		if (pred == 1)
			*insn_idx += insn->off;
		return 0;
	}

	if (refine) {
		linked = linked_mask(cur_func(env), insn->dst_reg);
		if (is_x)
			linked |= linked_mask(cur_func(env), insn->src_reg);
		if (linked) {
			err = push_jmp_history(env, this_branch, 0, linked);
			if (err)
				return err;
		}
	}
	err = push_stack(env, *insn_idx + insn->off + 1, *insn_idx, &other_branch);
	if (err)
		return err;

	if (refine) {
		struct bpf_func_state *other = other_branch->frame[other_branch->curframe];

		copy_register_state(&other->regs[insn->dst_reg], &t1);
		copy_register_state(dst_reg, &f1);
		if (is_x) {
			copy_register_state(&other->regs[insn->src_reg], &t2);
			copy_register_state(src_reg, &f2);
		}
		sync_linked_regs(other, &other->regs[insn->dst_reg]);
		sync_linked_regs(cur_func(env), dst_reg);
		if (is_x) {
			sync_linked_regs(other, &other->regs[insn->src_reg]);
			sync_linked_regs(cur_func(env), src_reg);
		}
		return 0;
	}

	/* The NULL check: a pointer that may be NULL compared with 0 (64-bit == or !=). */
	if (!is_jmp32 && (opcode == BPF_JEQ || opcode == BPF_JNE)) {
		const struct bpf_reg_state *ptr = NULL;

		if (type_may_be_null(dst_reg->type) && reg_is_zero(src_reg))
			ptr = dst_reg;
		else if (type_may_be_null(src_reg->type) && reg_is_zero(dst_reg))
			ptr = src_reg;
		if (ptr && ptr->id) {
			u32 id = ptr->id;

			/* Taken side: NULL for ==, not NULL for !=; the fall-through the reverse. */
			mark_ptr_or_null_regs(other_branch, id, opcode == BPF_JEQ);
			mark_ptr_or_null_regs(this_branch, id, opcode == BPF_JNE);
		}
	}
	return 0;
}
