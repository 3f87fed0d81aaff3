/*
 * bpf/verifier/calls.c - calls: helpers, BPF-to-BPF calls, callbacks, and references.
 *
 * Helper calls. The program type says which helpers exist for it (get_func_proto,
 * bpf/prog_types.c); a helper marked gpl_only also needs a GPL-compatible license. Each
 * helper's struct bpf_func_proto (bpf/helpers.h) says what r1-r5 must hold, and every call
 * is checked against it: a map for ARG_CONST_MAP_PTR, readable memory of the map's key_size
 * for ARG_PTR_TO_MAP_KEY, memory and a size in the next register for ARG_PTR_TO_MEM, the
 * unmodified context for ARG_PTR_TO_CTX, and so on. Some helpers take only some map types
 * (bpf_ringbuf_reserve a ring buffer, bpf_tail_call a program array). After the call r1-r5
 * are unreadable (the helper may have changed them) and r0 holds what ret_type says.
 *
 * References. bpf_ringbuf_reserve gives a record the program must hand back with
 * bpf_ringbuf_submit or bpf_ringbuf_discard on every path: the state keeps a list of
 * references held, a NULL check that finds the record NULL drops it (jmp.c), a release drops
 * it and turns every copy of the pointer into a plain number, and exiting while holding one
 * is refused ("Unreleased reference").
 *
 * BPF-to-BPF calls push a frame: the callee gets r1-r5 and a stack of its own, returns r0,
 * and never sees the caller's r6-r9. At most 8 frames; all frames on a call chain together
 * use at most 512 bytes of stack (check_max_stack_depth, after exploration).
 *
 * Callbacks (bpf_loop). The helper calls a subprogram any number of times. The verifier
 * explores the callback once, from a state E in which everything the callback can change in
 * its callers' stacks (the frames its context pointer reaches) is forgotten: numbers become
 * "some number", zeros too. When the callback returns, its callers' stacks must still be
 * described by E; then, by induction, E describes them before every call and after the last
 * one, and the caller goes on from E right after the helper call.
 *
 * Read next: bpf/verifier/states.c.
 */
#include "bpf/disasm.h"
#include "bpf/verifier/verifier.h"

struct call_meta {
	const struct bpf_map *map;  /* ARG_CONST_MAP_PTR */
	u32 mem_size;               /* ARG_CONST_ALLOC_SIZE_OR_ZERO */
	int mem_regno;              /* the pointer waiting for its size argument */
	bool mem_raw;               /* ... written by the helper (ARG_PTR_TO_UNINIT_MEM) */
	bool mem_null;              /* ... NULL (ARG_PTR_TO_MEM_OR_NULL) */
	int raw_regno;              /* stack memory the helper writes */
	u32 raw_min, raw_max;
	int release_regno;          /* ARG_PTR_TO_RINGBUF_MEM */
	u32 release_ref;
	int func_regno;             /* ARG_PTR_TO_FUNC */
	u32 subprogno;
	int cb_ctx_regno;           /* ARG_PTR_TO_STACK_OR_NULL: the callback's context */
	s32 func_id;
};

static const char *func_name(s32 id)
{
	const char *name = bpf_helper_name(id);

	return name ? name : "unknown";
}

static int arg_type_error(struct bpf_verifier_env *env, u32 regno,
			  const struct bpf_reg_state *reg, const char *expected)
{
	verbose(env, "R%u type=%s expected=%s\n", regno, reg_type_str(reg->type), expected);
	fail_note(env, type_may_be_null(reg->type) ? FAIL_MAYBE_NULL : FAIL_HELPER_ARG, regno, reg);
	return -EACCES;
}

static bool is_mem_ptr(const struct bpf_reg_state *reg)
{
	u32 base = base_type(reg->type);

	return !type_may_be_null(reg->type) &&
	       (base == PTR_TO_STACK || base == PTR_TO_MAP_VALUE || base == PTR_TO_MEM);
}

static bool reg_is_zero(const struct bpf_reg_state *reg)
{
	return reg->type == SCALAR_VALUE && tnum_equals_const(reg->var_off, 0);
}

/* ARG_CONST_SIZE(_OR_ZERO) in regno: the size of the memory in regno - 1. */
static int check_mem_size_reg(struct bpf_verifier_env *env, u32 regno, bool zero_size_allowed,
			      struct call_meta *meta)
{
	struct bpf_reg_state *reg = &cur_regs(env)[regno];
	bool raw_stack;
	int err;

	if (reg->type != SCALAR_VALUE)
		return arg_type_error(env, regno, reg, "scalar");
	if (reg->smin_value < 0) {
		verbose(env, "R%u min value is negative, either use unsigned or 'var &= const'\n",
			regno);
		return -EACCES;
	}
	if (reg->umin_value == 0 && !zero_size_allowed) {
		verbose(env, "R%u invalid zero-sized read: u64=[%llu,%llu]\n", regno,
			(unsigned long long)reg->umin_value, (unsigned long long)reg->umax_value);
		return -EACCES;
	}
	if (reg->umax_value >= BPF_MAX_VAR_SIZ) {
		verbose(env, "R%u unbounded memory access, use 'var &= const' or 'if (var < const)'\n",
			regno);
		return -EACCES;
	}
	if (meta->mem_null) {
		if (reg->umax_value) {
			verbose(env, "R%u type=scalar expected=fp, map_value, mem\n", regno - 1);
			return -EACCES;
		}
		return 0;
	}
	err = check_helper_mem_access(env, regno - 1, (u32)reg->umax_value, zero_size_allowed,
				      meta->mem_raw, &raw_stack);
	if (err)
		return err;
	if (raw_stack) {
		meta->raw_regno = (int)regno - 1;
		meta->raw_min = (u32)reg->umin_value;
		meta->raw_max = (u32)reg->umax_value;
	}
	return mark_chain_precision(env, (int)regno);
}

/* A NUL-terminated string in a frozen read-only map (bpf_snprintf's format). */
static int check_const_str(struct bpf_verifier_env *env, u32 regno)
{
	const struct bpf_reg_state *reg = &cur_regs(env)[regno];
	const struct bpf_map *map;
	u64 addr;
	u32 off;
	int err;

	if (reg->type != PTR_TO_MAP_VALUE)
		return arg_type_error(env, regno, reg, "map_value");
	map = reg->map_ptr;
	if (!(map->map_flags & BPF_F_RDONLY_PROG) || !map->frozen) {
		verbose(env, "R%u does not point to a readonly map'\n", regno);
		return -EACCES;
	}
	if (!tnum_is_const(reg->var_off)) {
		verbose(env, "R%u is not a constant address'\n", regno);
		return -EACCES;
	}
	if (!map->ops->map_direct_value_addr) {
		verbose(env, "no direct value access support for this map type\n");
		return -EACCES;
	}
	off = (u32)(reg->off + (s32)reg->var_off.value);
	err = check_mem_region_access(env, regno, reg->off, 1, map->value_size, false);
	if (err)
		return err;
	err = map->ops->map_direct_value_addr(map, &addr, off);
	if (err) {
		verbose(env, "direct value access on string failed\n");
		return err;
	}
	if (!memchr((const char *)(uintptr_t)addr + off, 0, map->value_size - off)) {
		verbose(env, "string is not zero-terminated\n");
		return -EINVAL;
	}
	return 0;
}

static int check_map_func_compatibility(struct bpf_verifier_env *env, const struct bpf_map *map,
					s32 func_id);

static int check_func_arg(struct bpf_verifier_env *env, u32 arg,
			  const struct bpf_func_proto *fn, struct call_meta *meta)
{
	u32 regno = arg + 1;
	enum bpf_arg_type type = fn->arg_type[arg];
	struct bpf_reg_state *reg = &cur_regs(env)[regno];
	bool raw_stack;
	int err;

	if (type == ARG_DONTCARE)
		return 0;
	err = check_reg_arg(env, regno, SRC_OP);
	if (err)
		return err;
	switch (type) {
	case ARG_ANYTHING:
		return 0;
	case ARG_CONST_MAP_PTR:
		if (reg->type != CONST_PTR_TO_MAP)
			return arg_type_error(env, regno, reg, "map_ptr");
		meta->map = reg->map_ptr;
		/* Before its key or value is looked at: the map must suit the helper. */
		return check_map_func_compatibility(env, meta->map, meta->func_id);
	case ARG_PTR_TO_MAP_KEY:
	case ARG_PTR_TO_MAP_VALUE:
		if (!meta->map) {
			verbose(env, "invalid map_ptr to access map->%s\n",
				type == ARG_PTR_TO_MAP_KEY ? "key" : "value");
			return -EACCES;
		}
		if (!is_mem_ptr(reg))
			return arg_type_error(env, regno, reg, "fp, map_value, mem");
		return check_helper_mem_access(env, regno,
					       type == ARG_PTR_TO_MAP_KEY ? meta->map->key_size :
									    meta->map->value_size,
					       false, false, &raw_stack);
	case ARG_PTR_TO_MEM_OR_NULL:
		if (reg_is_zero(reg)) {
			meta->mem_null = true;
			meta->mem_regno = (int)regno;
			return 0;
		}
		/* fall through */
	case ARG_PTR_TO_MEM:
	case ARG_PTR_TO_UNINIT_MEM:
		if (!is_mem_ptr(reg))
			return arg_type_error(env, regno, reg, "fp, map_value, mem");
		meta->mem_regno = (int)regno;
		meta->mem_raw = type == ARG_PTR_TO_UNINIT_MEM;
		meta->mem_null = false;
		return 0;
	case ARG_CONST_SIZE:
	case ARG_CONST_SIZE_OR_ZERO:
		if (meta->mem_regno != (int)regno - 1) {
			verbose(env, "verifier bug: size argument R%u without a memory argument\n", regno);
			return -EFAULT;
		}
		return check_mem_size_reg(env, regno, type == ARG_CONST_SIZE_OR_ZERO, meta);
	case ARG_CONST_ALLOC_SIZE_OR_ZERO:
		if (reg->type != SCALAR_VALUE || !tnum_is_const(reg->var_off)) {
			verbose(env, "R%u is not a known constant'\n", regno);
			return -EACCES;
		}
		if (reg->var_off.value >= BPF_MAX_VAR_SIZ) {
			verbose(env, "R%u size %llu is too large\n", regno,
				(unsigned long long)reg->var_off.value);
			return -EACCES;
		}
		meta->mem_size = (u32)reg->var_off.value;
		return mark_chain_precision(env, (int)regno);
	case ARG_PTR_TO_CTX:
		if (reg->type != PTR_TO_CTX)
			return arg_type_error(env, regno, reg, "ctx");
		if (reg->off || !tnum_equals_const(reg->var_off, 0)) {
			verbose(env, "dereference of modified ctx ptr R%u off=%d disallowed\n", regno,
				reg->off);
			return -EACCES;
		}
		return 0;
	case ARG_PTR_TO_RINGBUF_MEM:
		if (reg->type != (PTR_TO_MEM | MEM_RINGBUF))
			return arg_type_error(env, regno, reg, "ringbuf_mem");
		if (reg->off || !tnum_equals_const(reg->var_off, 0)) {
			verbose(env, "R%u must have zero offset when passed to release func\n", regno);
			return -EACCES;
		}
		meta->release_regno = (int)regno;
		meta->release_ref = reg->ref_obj_id;
		return 0;
	case ARG_PTR_TO_CONST_STR:
		return check_const_str(env, regno);
	case ARG_PTR_TO_FUNC:
		if (reg->type != PTR_TO_FUNC)
			return arg_type_error(env, regno, reg, "func");
		meta->func_regno = (int)regno;
		meta->subprogno = reg->subprogno;
		return 0;
	case ARG_PTR_TO_STACK_OR_NULL:
		if (reg_is_zero(reg))
			return 0;
		if (reg->type != PTR_TO_STACK)
			return arg_type_error(env, regno, reg, "fp");
		meta->cb_ctx_regno = (int)regno;
		return 0;
	default:
		verbose(env, "verifier bug: unknown argument type %d\n", type);
		return -EFAULT;
	}
}

/* Map types that only some helpers take, and helpers that take only some map types. */
static int check_map_func_compatibility(struct bpf_verifier_env *env, const struct bpf_map *map,
					s32 func_id)
{
	static const struct {
		u32 map_type;
		s32 func_id;
	} only[] = {
		{ BPF_MAP_TYPE_PROG_ARRAY, BPF_FUNC_tail_call },
		{ BPF_MAP_TYPE_PERF_EVENT_ARRAY, BPF_FUNC_perf_event_output },
		{ BPF_MAP_TYPE_STACK_TRACE, BPF_FUNC_get_stackid },
		{ BPF_MAP_TYPE_RINGBUF, BPF_FUNC_ringbuf_output },
		{ BPF_MAP_TYPE_RINGBUF, BPF_FUNC_ringbuf_reserve },
		{ BPF_MAP_TYPE_RINGBUF, BPF_FUNC_ringbuf_query },
	};
	bool map_restricted = false, func_restricted = false, pair = false;

	if (!map)
		return 0;
	for (u32 i = 0; i < ARRAY_SIZE(only); i++) {
		map_restricted |= only[i].map_type == map->map_type;
		func_restricted |= only[i].func_id == func_id;
		pair |= only[i].map_type == map->map_type && only[i].func_id == func_id;
	}
	if ((map_restricted || func_restricted) && !pair) {
		verbose(env, "cannot pass map_type %u into func %s#%d\n", map->map_type,
			func_name(func_id), func_id);
		return -EINVAL;
	}
	return 0;
}

/* ---- references ---- */

int acquire_reference(struct bpf_verifier_env *env, u32 insn_idx)
{
	struct bpf_verifier_state *st = env->cur_state;
	struct bpf_reference_state *refs = bpf_env_alloc((st->acquired_refs + 1) * sizeof(*refs));

	if (!refs)
		return -ENOMEM;
	if (st->acquired_refs)
		memcpy(refs, st->refs, st->acquired_refs * sizeof(*refs));
	refs[st->acquired_refs].id = new_id(env);
	refs[st->acquired_refs].insn_idx = insn_idx;
	bpf_env_free(st->refs);
	st->refs = refs;
	st->acquired_refs++;
	return (int)refs[st->acquired_refs - 1].id;
}

/* The record is handed back: forget the reference, and every copy of the pointer is a number. */
static int release_reference(struct bpf_verifier_env *env, u32 ref_obj_id)
{
	struct bpf_verifier_state *st = env->cur_state;
	u32 i;

	for (i = 0; i < st->acquired_refs && st->refs[i].id != ref_obj_id; i++)
		;
	if (i == st->acquired_refs) {
		verbose(env, "verifier bug: releasing reference id=%u that is not held\n", ref_obj_id);
		return -EFAULT;
	}
	memmove(&st->refs[i], &st->refs[i + 1], (st->acquired_refs - i - 1) * sizeof(st->refs[0]));
	st->acquired_refs--;
	for (u32 fr = 0; fr <= st->curframe; fr++) {
		struct bpf_func_state *f = st->frame[fr];

		for (u32 r = 0; r < MAX_BPF_REG; r++)
			if (f->regs[r].ref_obj_id == ref_obj_id && reg_is_ptr(&f->regs[r]))
				mark_reg_unknown(env, &f->regs[r]);
		for (u32 spi = 0; spi < f->allocated_stack / BPF_REG_SIZE; spi++)
			if (is_spilled_reg(&f->stack[spi]) &&
			    f->stack[spi].spilled_ptr.ref_obj_id == ref_obj_id)
				mark_reg_unknown(env, &f->stack[spi].spilled_ptr);
	}
	return 0;
}

int check_reference_leak(struct bpf_verifier_env *env, bool exception_exit)
{
	struct bpf_verifier_state *st = env->cur_state;

	if (!st->acquired_refs)
		return 0;
	for (u32 i = 0; i < st->acquired_refs; i++)
		verbose(env, "Unreleased reference id=%u alloc_insn=%u\n", st->refs[i].id,
			st->refs[i].insn_idx);
	env->fail.kind = FAIL_LEAKED_REF;
	env->fail.insn_idx = env->insn_idx;
	env->fail.origin = st->refs[0].insn_idx;
	return -EINVAL;
}

/* ---- callbacks ---- */

/* The frames a callback can reach from its context pointer: bit f for frame f. */
static u32 reachable_frames(const struct bpf_verifier_state *st, const struct bpf_reg_state *ctx)
{
	u32 mask = 0, seen = 0;

	if (ctx && base_type(ctx->type) == PTR_TO_STACK)
		mask = 1u << ctx->frameno;
	/* Stack pointers stored in reachable frames reach further. */
	while (mask != seen) {
		u32 todo = mask & ~seen;

		seen = mask;
		for (u32 fr = 0; fr <= st->curframe; fr++) {
			const struct bpf_func_state *f = st->frame[fr];

			if (!(todo & (1u << fr)))
				continue;
			for (u32 spi = 0; spi < f->allocated_stack / BPF_REG_SIZE; spi++)
				if (is_spilled_reg(&f->stack[spi]) &&
				    base_type(f->stack[spi].spilled_ptr.type) == PTR_TO_STACK)
					mask |= 1u << f->stack[spi].spilled_ptr.frameno;
		}
	}
	return mask;
}

/* Forget what a callback may change: in the reachable frames, numbers become "some number". */
static void widen_for_callback(struct bpf_verifier_state *st, u32 frames)
{
	for (u32 fr = 0; fr <= st->curframe; fr++) {
		struct bpf_func_state *f = st->frame[fr];

		if (!(frames & (1u << fr)))
			continue;
		for (u32 spi = 0; spi < f->allocated_stack / BPF_REG_SIZE; spi++) {
			struct bpf_stack_state *slot = &f->stack[spi];

			if (is_spilled_reg(slot)) {
				if (slot->spilled_ptr.type != SCALAR_VALUE)
					continue;
				memset(slot->slot_type, STACK_MISC, BPF_REG_SIZE);
				slot->spilled_ptr.type = NOT_INIT;
				continue;
			}
			for (u32 j = 0; j < BPF_REG_SIZE; j++)
				if (slot->slot_type[j] == STACK_ZERO)
					slot->slot_type[j] = STACK_MISC;
		}
	}
}

static int save_callback_entry(struct bpf_verifier_env *env, u32 *index)
{
	struct bpf_verifier_state **arr, *copy = bpf_env_alloc(sizeof(*copy));
	int err;

	if (!copy)
		return -ENOMEM;
	err = copy_verifier_state(copy, env->cur_state);
	if (err) {
		free_verifier_state(copy, true);
		return err;
	}
	arr = bpf_env_alloc((env->nr_cb_entries + 1) * sizeof(*arr));
	if (!arr) {
		free_verifier_state(copy, true);
		return -ENOMEM;
	}
	if (env->nr_cb_entries)
		memcpy(arr, env->cb_entries, env->nr_cb_entries * sizeof(*arr));
	arr[env->nr_cb_entries++] = copy;
	bpf_env_free(env->cb_entries);
	env->cb_entries = arr;
	*index = env->nr_cb_entries;
	return 0;
}

/*
 * The helper call at insn_idx calls subprogram meta->subprogno. Called with the current
 * state widened and the call itself done (r0 set): push the callback's first instruction,
 * with a new frame: r1 the iteration number, r2 the context.
 */
static int push_callback_call(struct bpf_verifier_env *env, u32 insn_idx,
			      const struct call_meta *meta, const struct bpf_reg_state *ctx,
			      u32 entry)
{
	struct bpf_verifier_state *cb;
	struct bpf_func_state *callee;
	u32 frameno = env->cur_state->curframe + 1;
	int err;

	if (frameno >= MAX_CALL_FRAMES) {
		verbose(env, "the call stack of %u frames is too deep\n", frameno + 1);
		return -E2BIG;
	}
	err = push_stack(env, env->subprog_info[meta->subprogno].start, insn_idx, &cb);
	if (err)
		return err;
	callee = bpf_env_alloc(sizeof(*callee));
	if (!callee)
		return -ENOMEM;
	cb->frame[frameno] = callee;
	cb->curframe = frameno;
	init_func_state(env, callee, (int)insn_idx, frameno, meta->subprogno);
	callee->in_callback_fn = true;
	callee->callback_entry = entry;
	/* bpf_loop passes the iteration number, below BPF_MAX_LOOPS, and the context. */
	mark_reg_unknown(env, &callee->regs[BPF_REG_1]);
	callee->regs[BPF_REG_1].umax_value = BPF_MAX_LOOPS - 1;
	reg_bounds_sync(&callee->regs[BPF_REG_1]);
	if (ctx)
		callee->regs[BPF_REG_2] = *ctx;
	else
		mark_reg_known_zero(&callee->regs[BPF_REG_2]);
	return 0;
}

/* Does the entry state's stack slot cover what the callback left there? */
static bool callback_slot_covered(const struct bpf_stack_state *entry,
				  const struct bpf_stack_state *now)
{
	const struct bpf_reg_state *e = &entry->spilled_ptr, *n = &now->spilled_ptr;

	if (is_spilled_reg(entry)) {
		/* A spilled pointer must still be the same pointer. */
		return is_spilled_reg(now) && e->type == n->type && e->off == n->off &&
		       e->frameno == n->frameno && e->map_ptr == n->map_ptr &&
		       e->var_off.value == n->var_off.value && e->var_off.mask == n->var_off.mask &&
		       e->smin_value == n->smin_value && e->smax_value == n->smax_value &&
		       e->umin_value == n->umin_value && e->umax_value == n->umax_value &&
		       e->id == n->id && e->ref_obj_id == n->ref_obj_id;
	}
	for (u32 j = 0; j < BPF_REG_SIZE; j++) {
		u8 et = entry->slot_type[j];

		if (et == STACK_INVALID)
			continue; /* nothing may read it before writing it */
		if (et == STACK_ZERO && !is_spilled_reg(now) && now->slot_type[j] == STACK_ZERO)
			continue;
		if (et == STACK_MISC && (!is_spilled_reg(now) || n->type == SCALAR_VALUE) &&
		    now->slot_type[j] != STACK_INVALID)
			continue;
		return false;
	}
	return true;
}

static int check_callback_exit(struct bpf_verifier_env *env)
{
	struct bpf_verifier_state *st = env->cur_state;
	struct bpf_func_state *callee = st->frame[st->curframe];
	const struct bpf_verifier_state *entry = env->cb_entries[callee->callback_entry - 1];
	struct bpf_reg_state *r0 = &callee->regs[BPF_REG_0];
	char buf[128];
	int err;

	if (r0->type != SCALAR_VALUE || r0->umax_value > 1) {
		print_reg_brief(buf, sizeof(buf), r0);
		verbose(env, "At callback return the register R0 has %s should have been in [0, 1]\n",
			buf);
		env->fail.kind = FAIL_EXIT_R0;
		env->fail.insn_idx = env->insn_idx;
		return -EINVAL;
	}
	err = mark_chain_precision(env, BPF_REG_0);
	if (err)
		return err;
	/* References: the same on return as on entry. */
	for (u32 i = 0; i < entry->acquired_refs; i++) {
		if (i < st->acquired_refs && st->refs[i].id == entry->refs[i].id)
			continue;
		verbose(env, "callback releases reference id=%u of its caller\n", entry->refs[i].id);
		return -EINVAL;
	}
	if (st->acquired_refs > entry->acquired_refs)
		return check_reference_leak(env, false);
	for (u32 fr = 0; fr < st->curframe; fr++) {
		const struct bpf_func_state *ef = entry->frame[fr], *nf = st->frame[fr];
		u32 slots = nf->allocated_stack / BPF_REG_SIZE;

		for (u32 spi = 0; spi < slots; spi++) {
			static const struct bpf_stack_state invalid;
			const struct bpf_stack_state *es =
				spi < ef->allocated_stack / BPF_REG_SIZE ? &ef->stack[spi] : &invalid;

			if (callback_slot_covered(es, &nf->stack[spi]))
				continue;
			verbose(env, "callback changes frame %u's stack at fp%d in a way its next call "
				"was not verified for\n", fr, -(int)(spi + 1) * BPF_REG_SIZE);
			return -EINVAL;
		}
	}
	return 0;
}

/* ---- helper calls ---- */

int check_helper_call(struct bpf_verifier_env *env, const struct bpf_insn *insn, u32 *insn_idx)
{
	struct call_meta meta = { .mem_regno = -1, .raw_regno = -1, .release_regno = -1,
				  .func_regno = -1, .cb_ctx_regno = -1, .func_id = insn->imm };
	struct bpf_reg_state *regs = cur_regs(env), *r0, cb_ctx;
	const struct bpf_func_proto *fn;
	s32 func_id = insn->imm;
	u32 cb_entry = 0;
	int err;

	if (func_id < 0 || func_id >= __BPF_FUNC_MAX_ID) {
		verbose(env, "invalid func unknown#%d\n", func_id);
		return -EINVAL;
	}
	fn = env->ops->get_func_proto((u32)func_id, env->prog);
	if (!fn) {
		verbose(env, "program of this type cannot use helper %s#%d\n", func_name(func_id),
			func_id);
		return -EINVAL;
	}
	if (fn->gpl_only && !env->prog->gpl_compatible) {
		verbose(env, "cannot call GPL-restricted function from non-GPL compatible program\n");
		return -EINVAL;
	}
	snprintf(env->fail.what, sizeof(env->fail.what), "%s", fn->name ? fn->name : func_name(func_id));
	for (u32 i = 0; i < 5; i++) {
		err = check_func_arg(env, i, fn, &meta);
		if (err)
			return err;
	}
	if (func_id == BPF_FUNC_tail_call) {
		if (env->cur_state->acquired_refs) {
			verbose(env, "tail_call would lead to reference leak\n");
			return -EINVAL;
		}
		env->subprog_info[cur_func(env)->subprogno].has_tail_call = true;
	}

	if (meta.raw_regno >= 0)
		mark_stack_range_written(env, &regs[meta.raw_regno], meta.raw_min, meta.raw_max);
	if (meta.release_regno >= 0) {
		err = release_reference(env, meta.release_ref);
		if (err)
			return err;
	}
	if (meta.func_regno >= 0) {
		/* The callback sees the context as it will be at every call. */
		widen_for_callback(env->cur_state,
				   reachable_frames(env->cur_state,
						    meta.cb_ctx_regno >= 0 ? &regs[meta.cb_ctx_regno] :
									     NULL));
		if (meta.cb_ctx_regno >= 0)
			cb_ctx = regs[meta.cb_ctx_regno];
	}

	/* r1-r5 are the helper's to change. */
	for (u32 i = BPF_REG_1; i <= BPF_REG_5; i++) {
		mark_reg_not_init(&regs[i]);
		check_reg_arg(env, i, DST_OP_NO_MARK);
	}
	check_reg_arg(env, BPF_REG_0, DST_OP_NO_MARK);
	r0 = &regs[BPF_REG_0];
	switch (fn->ret_type) {
	case RET_INTEGER:
		mark_reg_unknown(env, r0);
		break;
	case RET_VOID:
		mark_reg_not_init(r0);
		break;
	case RET_PTR_TO_MAP_VALUE_OR_NULL:
		if (!meta.map) {
			verbose(env, "verifier bug: %s returns a map value without a map argument\n",
				func_name(func_id));
			return -EFAULT;
		}
		mark_ptr_reg(r0, PTR_TO_MAP_VALUE | PTR_MAYBE_NULL);
		r0->map_ptr = meta.map;
		r0->id = new_id(env);
		break;
	case RET_PTR_TO_RINGBUF_MEM_OR_NULL:
		err = acquire_reference(env, *insn_idx);
		if (err < 0)
			return err;
		mark_ptr_reg(r0, PTR_TO_MEM | MEM_RINGBUF | PTR_MAYBE_NULL);
		r0->mem_size = meta.mem_size;
		r0->id = r0->ref_obj_id = (u32)err;
		break;
	}
	r0->origin = *insn_idx;

	if (meta.func_regno < 0)
		return 0;
	err = save_callback_entry(env, &cb_entry);
	if (err)
		return err;
	return push_callback_call(env, *insn_idx, &meta, meta.cb_ctx_regno >= 0 ? &cb_ctx : NULL,
				  cb_entry);
}

/* ---- BPF-to-BPF calls ---- */

int find_subprog(struct bpf_verifier_env *env, u32 off)
{
	u32 lo = 0, hi = env->subprog_cnt;

	while (lo < hi) {
		u32 mid = (lo + hi) / 2;

		if (env->subprog_info[mid].start == off)
			return (int)mid;
		if (env->subprog_info[mid].start < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

int check_func_call(struct bpf_verifier_env *env, const struct bpf_insn *insn, u32 *insn_idx)
{
	struct bpf_verifier_state *st = env->cur_state;
	struct bpf_func_state *caller = st->frame[st->curframe], *callee;
	u32 target = *insn_idx + (u32)insn->imm + 1;
	int subprog = find_subprog(env, target);

	if (subprog < 0) {
		verbose(env, "verifier bug: no subprogram at insn %u\n", target);
		return -EFAULT;
	}
	if (st->curframe + 1 >= MAX_CALL_FRAMES) {
		verbose(env, "the call stack of %u frames is too deep\n", st->curframe + 2);
		return -E2BIG;
	}
	callee = bpf_env_alloc(sizeof(*callee));
	if (!callee)
		return -ENOMEM;
	st->frame[st->curframe + 1] = callee;
	init_func_state(env, callee, (int)*insn_idx, st->curframe + 1, (u32)subprog);
	/* Arguments pass whole, liveness chain included: a read in the callee is the caller's. */
	for (u32 i = BPF_REG_1; i <= BPF_REG_5; i++)
		callee->regs[i] = caller->regs[i];
	for (u32 i = BPF_REG_1; i <= BPF_REG_5; i++) {
		mark_reg_not_init(&caller->regs[i]);
		check_reg_arg(env, i, DST_OP_NO_MARK);
	}
	st->curframe++;
	if (env->log.level & BPF_LOG_LEVEL2) {
		verbose(env, "caller:\n");
		print_verifier_state(env, st, st->curframe - 1, true);
		verbose(env, "callee:\n");
		print_verifier_state(env, st, st->curframe, true);
	}
	*insn_idx = target - 1;
	return 0;
}

int prepare_func_exit(struct bpf_verifier_env *env, u32 *insn_idx)
{
	struct bpf_verifier_state *st = env->cur_state;
	struct bpf_func_state *callee = st->frame[st->curframe], *caller;
	struct bpf_reg_state *r0 = &callee->regs[BPF_REG_0];
	int err;

	if (base_type(r0->type) == PTR_TO_STACK && r0->frameno == callee->frameno) {
		verbose(env, "cannot return stack pointer to the caller\n");
		return -EINVAL;
	}
	if (callee->in_callback_fn) {
		/* One call of the callback is verified; the caller went on from the entry. */
		err = check_callback_exit(env);
		return err ? err : 1;
	}
	caller = st->frame[st->curframe - 1];
	caller->regs[BPF_REG_0] = *r0;
	/* Pointers into the frame that goes away are just numbers from now on. */
	for (u32 fr = 0; fr < st->curframe; fr++) {
		struct bpf_func_state *f = st->frame[fr];

		for (u32 spi = 0; spi < f->allocated_stack / BPF_REG_SIZE; spi++) {
			struct bpf_reg_state *reg = &f->stack[spi].spilled_ptr;

			if (is_spilled_reg(&f->stack[spi]) && base_type(reg->type) == PTR_TO_STACK &&
			    reg->frameno == callee->frameno)
				mark_reg_unknown(env, reg);
		}
	}
	*insn_idx = (u32)callee->callsite;
	free_func_state(callee);
	st->frame[st->curframe] = NULL;
	st->curframe--;
	if (env->log.level & BPF_LOG_LEVEL2) {
		verbose(env, "returning from callee:\n");
		print_verifier_state(env, st, st->curframe, true);
	}
	return 0;
}

/* ---- the combined stack of call chains ---- */

static u32 frame_stack_size(const struct bpf_subprog_info *info)
{
	u32 depth = info->stack_depth ? info->stack_depth : 1;

	return (depth + 31) & ~31u;
}

/*
 * The deepest stack a call chain starting at subprog can use, in bytes, and the number of
 * frames on it. memo[s] caches the answer; 0 means unknown, ~0u means "being computed"
 * (recursion).
 */
static int max_stack_from(struct bpf_verifier_env *env, u32 subprog, u32 *memo, u32 *frames_memo,
			  u32 *depth, u32 *frames)
{
	const struct bpf_subprog_info *info = &env->subprog_info[subprog];
	u32 end = env->subprog_info[subprog + 1].start, best = 0, best_frames = 0;
	int err;

	if (memo[subprog] == ~0u) {
		verbose(env, "recursive call into func#%u (insn %u)\n", subprog, info->start);
		return -EINVAL;
	}
	if (memo[subprog]) {
		*depth = memo[subprog];
		*frames = frames_memo[subprog];
		return 0;
	}
	memo[subprog] = ~0u;
	for (u32 i = info->start; i < end; i++) {
		const struct bpf_insn *insn = &env->insns[i];
		u32 d, f;
		int callee = -1;

		/* Calls, and callbacks (which run on top of the frame that passed them). */
		if (insn->code == (BPF_JMP | BPF_CALL) && insn->src_reg == BPF_PSEUDO_CALL)
			callee = find_subprog(env, i + (u32)insn->imm + 1);
		else if (bpf_insn_is_ld_imm64(insn) && insn->src_reg == BPF_PSEUDO_FUNC)
			callee = (int)env->insn_aux[i].callback_subprog;
		if (callee < 0)
			continue;
		err = max_stack_from(env, (u32)callee, memo, frames_memo, &d, &f);
		if (err)
			return err;
		if (d > best) {
			best = d;
			best_frames = f;
		}
		if (f > best_frames && d == best)
			best_frames = f;
	}
	memo[subprog] = best + frame_stack_size(info);
	frames_memo[subprog] = best_frames + 1;
	*depth = memo[subprog];
	*frames = frames_memo[subprog];
	return 0;
}

int check_max_stack_depth(struct bpf_verifier_env *env)
{
	u32 *memo = bpf_env_alloc(2 * env->subprog_cnt * sizeof(u32));
	u32 depth = 0, frames = 0;
	int err;

	if (!memo)
		return -ENOMEM;
	err = max_stack_from(env, 0, memo, memo + env->subprog_cnt, &depth, &frames);
	bpf_env_free(memo);
	if (err)
		return err;
	if (frames > MAX_CALL_FRAMES) {
		verbose(env, "the call stack of %u frames is too deep\n", frames);
		return -E2BIG;
	}
	if (depth > MAX_BPF_STACK) {
		verbose(env, "combined stack size of %u calls is %u. Too large\n", frames, depth);
		return -EACCES;
	}
	return 0;
}
