/*
 * bpf/verifier/states.c - states: copying them, the stack of pending ones, and pruning.
 *
 * The verifier explores one path at a time (verifier.c). At a conditional jump whose outcome
 * it cannot decide it pushes a copy of the current state for the other direction
 * (push_stack); when a path ends it continues with the most recently pushed one (pop_stack).
 *
 * Pruning. At "prune points" (jump targets, the instruction after a call, conditional jumps;
 * cfg.c marks them) the current state is compared with the states remembered there before.
 * If a remembered state that was fully explored (every path from it ended well) "covers" the
 * current one, the current path is safe without going on: whatever it could do, the old one
 * could too. Covering (states_equal) is decided register by register and slot by slot:
 *   - a register nobody read after the old state (liveness, regs.c) does not matter;
 *   - a scalar whose exact value did not matter (not precise, precise.c) covers any scalar;
 *   - otherwise the old range must contain the new one, pointers must be of the same kind,
 *     into the same map, at offsets the old ones allowed;
 *   - registers that shared an id (copies of one value) must still share one.
 * When the current path is pruned, what the old state's continuation read, and what it
 * needed precisely, is passed on to the current path's ancestors (propagate_liveness,
 * propagate_precision), since they depend on that continuation too.
 *
 * If no state covers the current one, it may be remembered (a "checkpoint"): the current
 * state becomes its child, so later reads mark it (liveness) and backtracking can walk
 * through it (precision). A remembered state still has paths being explored below it
 * ("branches" > 0) until they all end; such a state is an ancestor of the current path, so
 * meeting one that equals the current state exactly means a loop that comes back to the
 * same state: it would never end ("infinite loop detected").
 *
 * Loops are explored iteration by iteration; checkpoints in a loop are taken sparingly and
 * states that keep failing to match are dropped (miss_cnt), as in Linux, so that a long
 * bounded loop costs time linear in its iterations.
 *
 * Read next: bpf/verifier/precise.c.
 */
#include "bpf/verifier/verifier.h"

/* ---- copying and freeing ---- */

void free_func_state(struct bpf_func_state *state)
{
	if (!state)
		return;
	bpf_env_free(state->stack);
	bpf_env_free(state);
}

void free_verifier_state(struct bpf_verifier_state *state, bool free_self)
{
	for (u32 i = 0; i < MAX_CALL_FRAMES; i++) {
		free_func_state(state->frame[i]);
		state->frame[i] = NULL;
	}
	bpf_env_free(state->jmp_history);
	state->jmp_history = NULL;
	state->jmp_history_cnt = state->jmp_history_cap = 0;
	bpf_env_free(state->refs);
	state->refs = NULL;
	state->acquired_refs = 0;
	if (free_self)
		bpf_env_free(state);
}

int copy_func_state(struct bpf_func_state *dst, const struct bpf_func_state *src)
{
	struct bpf_stack_state *stack = dst->stack;
	size_t size = src->allocated_stack / BPF_REG_SIZE * sizeof(*stack);

	if (dst->allocated_stack != src->allocated_stack) {
		bpf_env_free(stack);
		stack = NULL;
		if (size) {
			stack = bpf_env_alloc(size);
			if (!stack) {
				dst->stack = NULL;
				dst->allocated_stack = 0;
				return -ENOMEM;
			}
		}
	}
	*dst = *src;
	dst->stack = stack;
	if (size)
		memcpy(stack, src->stack, size);
	return 0;
}

/* Replace *dst_arr (of dst_cnt entries) by a copy of src_cnt entries of src. */
static int copy_array(void **dst_arr, u32 *dst_cnt, const void *src, u32 src_cnt, size_t elem)
{
	void *arr = NULL;

	if (src_cnt) {
		arr = bpf_env_alloc(src_cnt * elem);
		if (!arr)
			return -ENOMEM;
		memcpy(arr, src, src_cnt * elem);
	}
	bpf_env_free(*dst_arr);
	*dst_arr = arr;
	*dst_cnt = src_cnt;
	return 0;
}

int copy_verifier_state(struct bpf_verifier_state *dst, const struct bpf_verifier_state *src)
{
	int err;

	err = copy_array((void **)&dst->refs, &dst->acquired_refs, src->refs, src->acquired_refs,
			 sizeof(*src->refs));
	if (!err)
		err = copy_array((void **)&dst->jmp_history, &dst->jmp_history_cnt,
				 src->jmp_history, src->jmp_history_cnt, sizeof(*src->jmp_history));
	if (err)
		return err;
	dst->jmp_history_cap = dst->jmp_history_cnt;
	for (u32 i = src->curframe + 1; i < MAX_CALL_FRAMES; i++) {
		free_func_state(dst->frame[i]);
		dst->frame[i] = NULL;
	}
	dst->curframe = src->curframe;
	dst->parent = src->parent;
	dst->branches = src->branches;
	dst->insn_idx = src->insn_idx;
	dst->first_insn_idx = src->first_insn_idx;
	dst->last_insn_idx = src->last_insn_idx;
	dst->chain_marked = 0;
	for (u32 i = 0; i <= src->curframe; i++) {
		if (!dst->frame[i]) {
			dst->frame[i] = bpf_env_alloc(sizeof(*dst->frame[i]));
			if (!dst->frame[i])
				return -ENOMEM;
		}
		err = copy_func_state(dst->frame[i], src->frame[i]);
		if (err)
			return err;
	}
	return 0;
}

/* ---- the stack of pending states ---- */

int push_stack(struct bpf_verifier_env *env, u32 insn_idx, u32 prev_insn_idx,
	       struct bpf_verifier_state **branch)
{
	struct bpf_verifier_stack_elem *elem = bpf_env_alloc(sizeof(*elem));
	int err;

	if (!elem)
		return -ENOMEM;
	elem->insn_idx = insn_idx;
	elem->prev_insn_idx = prev_insn_idx;
	elem->log_pos = env->log.end_pos;
	elem->next = env->head;
	env->head = elem;
	env->stack_size++;
	err = copy_verifier_state(&elem->st, env->cur_state);
	if (err)
		return err;
	if (env->stack_size > BPF_COMPLEXITY_LIMIT_JMP_SEQ) {
		verbose(env, "The sequence of %u jumps is too complex.\n", env->stack_size);
		env->fail.kind = FAIL_TOO_COMPLEX;
		env->fail.insn_idx = env->insn_idx;
		return -E2BIG;
	}
	if (elem->st.parent)
		elem->st.parent->branches++;
	*branch = &elem->st;
	return 0;
}

int pop_stack(struct bpf_verifier_env *env, u32 *prev_insn_idx, u32 *insn_idx, bool pop_log)
{
	struct bpf_verifier_stack_elem *head = env->head;
	struct bpf_verifier_state *cur = env->cur_state;

	if (!head)
		return -ENOENT;
	/* The pending state becomes the current one: move it rather than copy it. */
	free_verifier_state(cur, false);
	*cur = head->st;
	if (pop_log) {
		bpf_vlog_reset(&env->log, head->log_pos);
		bpf_vlog_end_line(&env->log);
	}
	*insn_idx = head->insn_idx;
	*prev_insn_idx = head->prev_insn_idx;
	env->head = head->next;
	env->stack_size--;
	bpf_env_free(head);
	return 0;
}

void update_branch_counts(struct bpf_verifier_env *env, struct bpf_verifier_state *st)
{
	/* A path ended: its ancestors have one branch less to wait for. */
	while (st) {
		if (--st->branches)
			break;
		st = st->parent;
	}
}

/* ---- the path history ---- */

int push_jmp_history(struct bpf_verifier_env *env, struct bpf_verifier_state *cur, u32 flags,
		     u32 linked)
{
	struct bpf_jmp_history_entry *e;

	/* One entry per instruction visit: a second note for the same visit is merged. */
	if (env->cur_hist_ent >= 0 && (u32)env->cur_hist_ent < cur->jmp_history_cnt &&
	    cur->jmp_history[env->cur_hist_ent].idx == env->insn_idx) {
		e = &cur->jmp_history[env->cur_hist_ent];
		e->flags |= flags;
		e->linked |= linked;
		return 0;
	}
	if (cur->jmp_history_cnt == cur->jmp_history_cap) {
		u32 cap = cur->jmp_history_cap ? cur->jmp_history_cap * 2 : 16;
		struct bpf_jmp_history_entry *h = bpf_env_alloc(cap * sizeof(*h));

		if (!h)
			return -ENOMEM;
		if (cur->jmp_history_cnt)
			memcpy(h, cur->jmp_history, cur->jmp_history_cnt * sizeof(*h));
		bpf_env_free(cur->jmp_history);
		cur->jmp_history = h;
		cur->jmp_history_cap = cap;
	}
	env->cur_hist_ent = (int)cur->jmp_history_cnt;
	e = &cur->jmp_history[cur->jmp_history_cnt++];
	e->idx = env->insn_idx;
	e->prev_idx = env->prev_insn_idx;
	e->flags = flags;
	e->linked = linked;
	return 0;
}

struct bpf_jmp_history_entry *get_jmp_hist_entry(struct bpf_verifier_state *st, u32 hist_end,
						 u32 insn_idx)
{
	if (hist_end > 0 && st->jmp_history[hist_end - 1].idx == insn_idx)
		return &st->jmp_history[hist_end - 1];
	return NULL;
}

/* ---- comparing states ---- */

static void reset_idmap(struct bpf_idmap *idmap)
{
	idmap->cnt = 0;
}

/* Do old_id and cur_id name the same group, consistently with every pair seen so far? */
static bool check_ids(u32 old_id, u32 cur_id, struct bpf_idmap *idmap)
{
	if (!old_id || !cur_id)
		return old_id == cur_id;
	for (u32 i = 0; i < idmap->cnt; i++) {
		if (idmap->map[i].old == old_id)
			return idmap->map[i].cur == cur_id;
		if (idmap->map[i].cur == cur_id)
			return false;
	}
	if (idmap->cnt == BPF_ID_MAP_SIZE)
		return false;
	idmap->map[idmap->cnt].old = old_id;
	idmap->map[idmap->cnt].cur = cur_id;
	idmap->cnt++;
	return true;
}

/*
 * Scalars: an old scalar that was no copy of another (id 0) covers any; copies must stay
 * copies. (A current scalar linked to another where the old one was not is only more
 * constrained.)
 */
static bool check_scalar_ids(u32 old_id, u32 cur_id, struct bpf_idmap *idmap)
{
	return !old_id || check_ids(old_id, cur_id, idmap);
}

static bool range_within(const struct bpf_reg_state *old, const struct bpf_reg_state *cur)
{
	return old->umin_value <= cur->umin_value && old->umax_value >= cur->umax_value &&
	       old->smin_value <= cur->smin_value && old->smax_value >= cur->smax_value &&
	       old->u32_min_value <= cur->u32_min_value &&
	       old->u32_max_value >= cur->u32_max_value &&
	       old->s32_min_value <= cur->s32_min_value &&
	       old->s32_max_value >= cur->s32_max_value;
}

/* The same value, field by field (the bookkeeping fields aside). */
static bool regs_value_equal(const struct bpf_reg_state *a, const struct bpf_reg_state *b)
{
	if (a->type != b->type || a->off != b->off || a->var_off.value != b->var_off.value ||
	    a->var_off.mask != b->var_off.mask || a->smin_value != b->smin_value ||
	    a->smax_value != b->smax_value || a->umin_value != b->umin_value ||
	    a->umax_value != b->umax_value || a->s32_min_value != b->s32_min_value ||
	    a->s32_max_value != b->s32_max_value || a->u32_min_value != b->u32_min_value ||
	    a->u32_max_value != b->u32_max_value || a->frameno != b->frameno)
		return false;
	switch (base_type(a->type)) {
	case CONST_PTR_TO_MAP:
	case PTR_TO_MAP_VALUE:
		return a->map_ptr == b->map_ptr;
	case PTR_TO_MEM:
		return a->mem_size == b->mem_size;
	case PTR_TO_FUNC:
		return a->subprogno == b->subprogno;
	default:
		return true;
	}
}

static bool regs_exact(const struct bpf_reg_state *old, const struct bpf_reg_state *cur,
		       struct bpf_idmap *idmap)
{
	return regs_value_equal(old, cur) && check_ids(old->id, cur->id, idmap) &&
	       check_ids(old->ref_obj_id, cur->ref_obj_id, idmap);
}

/* Does old cover cur for the rest of the path? */
static bool regsafe(const struct bpf_reg_state *old, const struct bpf_reg_state *cur,
		    struct bpf_idmap *idmap, bool exact)
{
	if (exact)
		return regs_exact(old, cur, idmap);
	if (!(old->live & REG_LIVE_READ))
		return true; /* the old path never read it */
	if (old->type == NOT_INIT)
		return true; /* nor could it have */
	/*
	 * Types, flags included, must match: a pointer never passes for a scalar, and a
	 * pointer that may be NULL never for one that may not (the NULL check that settles one
	 * settles its copies, by id, and that link would be lost).
	 */
	if (old->type != cur->type)
		return false;
	switch (base_type(old->type)) {
	case SCALAR_VALUE:
		if (!old->precise)
			return true;
		return check_scalar_ids(old->id, cur->id, idmap) && range_within(old, cur) &&
		       tnum_in(old->var_off, cur->var_off);
	case PTR_TO_MAP_VALUE:
	case PTR_TO_MEM:
		/* Same object and fixed offset; the variable part may be narrower. */
		if (old->off != cur->off ||
		    (base_type(old->type) == PTR_TO_MAP_VALUE ? old->map_ptr != cur->map_ptr :
								old->mem_size != cur->mem_size))
			return false;
		return range_within(old, cur) && tnum_in(old->var_off, cur->var_off) &&
		       check_ids(old->id, cur->id, idmap) &&
		       check_ids(old->ref_obj_id, cur->ref_obj_id, idmap);
	default:
		/* Stack pointers (fp-8 of one frame is not fp-8 of another), ctx, maps, funcs. */
		return regs_exact(old, cur, idmap);
	}
}

static bool is_spilled_scalar(const struct bpf_stack_state *slot)
{
	return is_spilled_reg(slot) && slot->spilled_ptr.type == SCALAR_VALUE;
}

/* A stack slot holds only numbers (no pointer): MISC, ZERO or a spilled scalar bytes. */
static bool slot_bytes_are_numbers(const struct bpf_stack_state *slot)
{
	if (is_spilled_reg(slot))
		return slot->spilled_ptr.type == SCALAR_VALUE;
	for (u32 j = 0; j < BPF_REG_SIZE; j++)
		if (slot->slot_type[j] == STACK_INVALID)
			return false;
	return true;
}

static bool stacksafe(const struct bpf_func_state *old, const struct bpf_func_state *cur,
		      struct bpf_idmap *idmap, bool exact)
{
	u32 old_slots = old->allocated_stack / BPF_REG_SIZE;
	u32 cur_slots = cur->allocated_stack / BPF_REG_SIZE;

	for (u32 spi = 0; spi < old_slots || (exact && spi < cur_slots); spi++) {
		static const struct bpf_stack_state empty;
		const struct bpf_stack_state *o = spi < old_slots ? &old->stack[spi] : &empty;
		const struct bpf_stack_state *c = spi < cur_slots ? &cur->stack[spi] : &empty;

		if (exact) {
			if (memcmp(o->slot_type, c->slot_type, BPF_REG_SIZE))
				return false;
			if (is_spilled_reg(o) && !regs_exact(&o->spilled_ptr, &c->spilled_ptr, idmap))
				return false;
			continue;
		}
		if (!(o->spilled_ptr.live & REG_LIVE_READ))
			continue;
		if (is_spilled_reg(o)) {
			if (is_spilled_reg(c)) {
				if (!regsafe(&o->spilled_ptr, &c->spilled_ptr, idmap, false))
					return false;
				continue;
			}
			/* An imprecise spilled scalar is covered by any bytes that are numbers. */
			if (is_spilled_scalar(o) && !o->spilled_ptr.precise &&
			    slot_bytes_are_numbers(c))
				continue;
			return false;
		}
		for (u32 j = 0; j < BPF_REG_SIZE; j++) {
			u8 ot = o->slot_type[j], ct = c->slot_type[j];

			if (ot == STACK_INVALID)
				continue; /* the old path could not read this byte */
			if (ot == ct)
				continue;
			/* Some number covers zero and the bytes of a spilled number. */
			if (ot == STACK_MISC && (ct == STACK_ZERO || is_spilled_scalar(c)))
				continue;
			return false;
		}
	}
	return true;
}

static bool refsafe(const struct bpf_verifier_state *old, const struct bpf_verifier_state *cur,
		    struct bpf_idmap *idmap)
{
	if (old->acquired_refs != cur->acquired_refs)
		return false;
	for (u32 i = 0; i < old->acquired_refs; i++)
		if (!check_ids(old->refs[i].id, cur->refs[i].id, idmap))
			return false;
	return true;
}

static bool func_states_equal(struct bpf_verifier_env *env, const struct bpf_func_state *old,
			      const struct bpf_func_state *cur, bool exact)
{
	if (old->callsite != cur->callsite || old->in_callback_fn != cur->in_callback_fn)
		return false;
	for (u32 i = 0; i < MAX_BPF_REG; i++)
		if (!regsafe(&old->regs[i], &cur->regs[i], &env->idmap_scratch, exact))
			return false;
	return stacksafe(old, cur, &env->idmap_scratch, exact);
}

static bool states_equal(struct bpf_verifier_env *env, const struct bpf_verifier_state *old,
			 const struct bpf_verifier_state *cur, bool exact)
{
	if (old->curframe != cur->curframe)
		return false;
	reset_idmap(&env->idmap_scratch);
	if (!refsafe(old, cur, &env->idmap_scratch))
		return false;
	for (u32 i = 0; i <= old->curframe; i++)
		if (!func_states_equal(env, old->frame[i], cur->frame[i], exact))
			return false;
	return true;
}

/* A quick look before the full exact comparison: the current frame's registers equal. */
static bool states_maybe_looping(const struct bpf_verifier_state *old,
				 const struct bpf_verifier_state *cur)
{
	const struct bpf_func_state *fo, *fc;

	if (old->curframe != cur->curframe)
		return false;
	fo = old->frame[old->curframe];
	fc = cur->frame[cur->curframe];
	for (u32 i = 0; i < MAX_BPF_REG; i++)
		if (!regs_value_equal(&fo->regs[i], &fc->regs[i]))
			return false;
	return true;
}

/* ---- liveness after pruning, and cleaning fully explored states ---- */

static int propagate_liveness(struct bpf_verifier_env *env, const struct bpf_verifier_state *old,
			      struct bpf_verifier_state *cur)
{
	int err;

	/* Whatever the old state's continuation read, the current path reads too. */
	for (u32 fr = 0; fr <= old->curframe; fr++) {
		const struct bpf_func_state *o = old->frame[fr];
		struct bpf_func_state *c = cur->frame[fr];
		u32 slots = o->allocated_stack < c->allocated_stack ? o->allocated_stack :
								      c->allocated_stack;

		/* In callers, r0-r5 are dead (clobbered by the call): only r6-r9 matter. */
		for (u32 i = fr < old->curframe ? BPF_REG_6 : 0; i < BPF_REG_10; i++) {
			if (!(o->regs[i].live & REG_LIVE_READ))
				continue;
			err = mark_reg_read(env, &c->regs[i], c->regs[i].parent);
			if (err)
				return err;
		}
		for (u32 spi = 0; spi < slots / BPF_REG_SIZE; spi++) {
			if (!(o->stack[spi].spilled_ptr.live & REG_LIVE_READ))
				continue;
			err = mark_reg_read(env, &c->stack[spi].spilled_ptr,
					    c->stack[spi].spilled_ptr.parent);
			if (err)
				return err;
		}
	}
	return 0;
}

/* A fully explored state: forget what nobody read, so comparisons ignore it for good. */
static void clean_verifier_state(struct bpf_verifier_state *st)
{
	for (u32 fr = 0; fr <= st->curframe; fr++) {
		struct bpf_func_state *f = st->frame[fr];

		for (u32 i = 0; i < BPF_REG_10; i++) {
			u8 live = f->regs[i].live;

			f->regs[i].live |= REG_LIVE_DONE;
			if (!(live & REG_LIVE_READ)) {
				mark_reg_not_init(&f->regs[i]);
				f->regs[i].live = live | REG_LIVE_DONE;
			}
		}
		for (u32 spi = 0; spi < f->allocated_stack / BPF_REG_SIZE; spi++) {
			struct bpf_stack_state *slot = &f->stack[spi];
			u8 live = slot->spilled_ptr.live;

			slot->spilled_ptr.live |= REG_LIVE_DONE;
			if (!(live & REG_LIVE_READ)) {
				mark_reg_not_init(&slot->spilled_ptr);
				slot->spilled_ptr.live = live | REG_LIVE_DONE;
				memset(slot->slot_type, STACK_INVALID, BPF_REG_SIZE);
			}
		}
	}
}

static void clean_live_states(struct bpf_verifier_env *env, u32 insn_idx)
{
	for (struct bpf_verifier_state_list *sl = env->explored_states[insn_idx]; sl; sl = sl->next) {
		if (sl->state.branches)
			continue;
		if (sl->state.frame[0]->regs[0].live & REG_LIVE_DONE)
			continue; /* cleaned before */
		clean_verifier_state(&sl->state);
	}
}

/* ---- is_state_visited ---- */

/* Did the current instruction come from somewhere other than the one before it? */
static bool arrived_by_jump(struct bpf_verifier_env *env)
{
	u32 prev = env->prev_insn_idx;

	if (prev == (u32)-1)
		return false;
	if (bpf_insn_is_ld_imm64(&env->insns[prev]))
		return env->insn_idx != prev + 2;
	return env->insn_idx != prev + 1;
}

static void evict_state(struct bpf_verifier_env *env, struct bpf_verifier_state_list *sl)
{
	/* A fully explored, cleaned state is no longer anybody's parent: free it. */
	if (!sl->state.branches && (sl->state.frame[0]->regs[0].live & REG_LIVE_DONE)) {
		free_verifier_state(&sl->state, false);
		bpf_env_free(sl);
		env->peak_states--;
		return;
	}
	sl->next = env->free_list;
	env->free_list = sl;
}

/* Remember the current state at insn_idx and make it the parent of the current one. */
static int add_checkpoint(struct bpf_verifier_env *env, u32 insn_idx)
{
	struct bpf_verifier_state *cur = env->cur_state, *new;
	struct bpf_verifier_state_list *new_sl = bpf_env_alloc(sizeof(*new_sl));
	int err;

	if (!new_sl)
		return -ENOMEM;
	new = &new_sl->state;
	err = copy_verifier_state(new, cur);
	if (err) {
		free_verifier_state(new, false);
		bpf_env_free(new_sl);
		return err;
	}
	new->insn_idx = insn_idx;
	env->total_states++;
	env->peak_states++;
	env->prev_jmps_processed = env->jmps_processed;
	env->prev_insn_processed = env->insn_processed;

	cur->parent = new;
	cur->first_insn_idx = insn_idx;
	cur->jmp_history_cnt = 0;
	cur->chain_marked = 0; /* the new parent has no marks yet */
	new_sl->next = env->explored_states[insn_idx];
	env->explored_states[insn_idx] = new_sl;

	/*
	 * Connect the current registers and slots to their copies in the new state, with
	 * fresh liveness. In callers only r6-r9 survive calls, so only they are connected.
	 */
	for (u32 fr = 0; fr <= cur->curframe; fr++) {
		struct bpf_func_state *f = cur->frame[fr], *nf = new->frame[fr];

		for (u32 i = fr < cur->curframe ? BPF_REG_6 : 0; i < BPF_REG_10; i++)
			f->regs[i].parent = &nf->regs[i];
		for (u32 i = 0; i < BPF_REG_10; i++)
			f->regs[i].live = REG_LIVE_NONE;
		for (u32 spi = 0; spi < f->allocated_stack / BPF_REG_SIZE; spi++) {
			f->stack[spi].spilled_ptr.live = REG_LIVE_NONE;
			f->stack[spi].spilled_ptr.parent = &nf->stack[spi].spilled_ptr;
		}
	}
	return 0;
}

int is_state_visited(struct bpf_verifier_env *env, u32 insn_idx)
{
	struct bpf_verifier_state *cur = env->cur_state;
	struct bpf_verifier_state_list **pprev = &env->explored_states[insn_idx], *sl;
	bool force_new_state, add_new_state;
	u32 states_cnt = 0;
	int err;

	/* Keep the history of a path segment short (precision backtracking walks it). */
	force_new_state = env->insn_aux[insn_idx].force_checkpoint || cur->jmp_history_cnt > 40;
	add_new_state = force_new_state;
	/* Programs have a prune point every few instructions: remember a state only now and
	 * then, after a few jumps and instructions. */
	if (env->jmps_processed - env->prev_jmps_processed >= 2 &&
	    env->insn_processed - env->prev_insn_processed >= 8)
		add_new_state = true;

	clean_live_states(env, insn_idx);

	while ((sl = *pprev)) {
		states_cnt++;
		if (sl->state.branches) {
			/* An ancestor of this path: the same state again is a loop without end. */
			if (states_maybe_looping(&sl->state, cur) &&
			    states_equal(env, &sl->state, cur, true)) {
				verbose(env, "infinite loop detected at insn %u\n", insn_idx);
				env->fail.kind = FAIL_INFINITE_LOOP;
				env->fail.insn_idx = insn_idx;
				env->fail.loop_head = insn_idx;
				return -EINVAL;
			}
			/* Inside a loop, do not remember a state at every iteration. */
			if (!force_new_state && env->jmps_processed - env->prev_jmps_processed < 20 &&
			    env->insn_processed - env->prev_insn_processed < 100)
				add_new_state = false;
			goto miss;
		}
		if (states_equal(env, &sl->state, cur, false)) {
			sl->hit_cnt++;
			/* Pruned: what the old continuation needed, this path's ancestors need. */
			err = propagate_liveness(env, &sl->state, cur);
			if (!err && arrived_by_jump(env))
				err = push_jmp_history(env, cur, 0, 0);
			if (!err)
				err = propagate_precision(env, &sl->state);
			return err ? err : 1;
		}
miss:
		if (add_new_state)
			sl->miss_cnt++;
		/* A state that keeps failing to match is unlikely to help: drop it. */
		if (sl->miss_cnt > sl->hit_cnt * 3 + 3) {
			*pprev = sl->next;
			evict_state(env, sl);
			continue;
		}
		pprev = &sl->next;
	}
	if (env->max_states_per_insn < states_cnt)
		env->max_states_per_insn = states_cnt;
	if (!add_new_state || states_cnt > BPF_COMPLEXITY_LIMIT_STATES)
		return 0;
	return add_checkpoint(env, insn_idx);
}

void free_explored_states(struct bpf_verifier_env *env)
{
	struct bpf_verifier_state_list *sl, *next;

	for (u32 i = 0; env->explored_states && i < env->len; i++) {
		for (sl = env->explored_states[i]; sl; sl = next) {
			next = sl->next;
			free_verifier_state(&sl->state, false);
			bpf_env_free(sl);
		}
		env->explored_states[i] = NULL;
	}
	for (sl = env->free_list; sl; sl = next) {
		next = sl->next;
		free_verifier_state(&sl->state, false);
		bpf_env_free(sl);
	}
	env->free_list = NULL;
}
