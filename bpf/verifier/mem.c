/*
 * bpf/verifier/mem.c - loads, stores and atomics: may this instruction touch that memory?
 *
 * A program reaches memory only through pointer registers, and each kind has its rules:
 *
 *   stack      [-512, 0) from the frame pointer of the frame it points into, accesses
 *              naturally aligned. Each byte is tracked: never written (STACK_INVALID, reading
 *              it is refused), some number (STACK_MISC), zero (STACK_ZERO), or part of a
 *              register spilled whole (STACK_SPILL: an aligned 8-byte store of a register
 *              keeps its full state, so a later 8-byte load gives back the same pointer or the
 *              same bounded scalar). A variable offset is allowed when its bounds stay inside.
 *   context    read-only, at fixed offsets the program type allows (is_valid_access of
 *              bpf/prog_types.c: struct pt_regs for kprobes, the record for tracepoints,
 *              args[] for raw tracepoints), through the unmodified ctx pointer.
 *   map value  [0, value_size) of the map the pointer came from, the fixed offset and every
 *              value of the variable part included; no writes into a BPF_F_RDONLY_PROG map.
 *   memory     [0, mem_size) of a ring buffer record.
 * Anything else (a scalar, a map pointer, a pointer that may still be NULL) is refused.
 *
 * Stack accesses at a fixed offset are noted in the path history (precise.c follows a value
 * through a spill and a fill).
 *
 * Read next: bpf/verifier/calls.c, which checks what helpers read and write.
 */
#include "bpf/verifier/verifier.h"

static const int bpf_size_bytes[] = { [BPF_W >> 3] = 4, [BPF_H >> 3] = 2, [BPF_B >> 3] = 1,
				      [BPF_DW >> 3] = 8 };

bool is_spilled_reg(const struct bpf_stack_state *stack)
{
	return stack->slot_type[0] == STACK_SPILL;
}

int get_spi(s32 off)
{
	return (-off - 1) / BPF_REG_SIZE;
}

/* The byte at stack offset off (negative) within its slot: 0 is the slot's lowest byte. */
static u32 slot_byte(s32 off)
{
	return (u32)(off + (get_spi(off) + 1) * BPF_REG_SIZE);
}

int grow_stack_state(struct bpf_func_state *state, u32 size)
{
	u32 n = (size + BPF_REG_SIZE - 1) & ~(BPF_REG_SIZE - 1);
	struct bpf_stack_state *stack;

	if (n <= state->allocated_stack)
		return 0;
	stack = bpf_env_alloc(n / BPF_REG_SIZE * sizeof(*stack));
	if (!stack)
		return -ENOMEM;
	if (state->allocated_stack)
		memcpy(stack, state->stack,
		       state->allocated_stack / BPF_REG_SIZE * sizeof(*stack));
	bpf_env_free(state->stack);
	state->stack = stack;
	state->allocated_stack = n;
	return 0;
}

static void update_stack_depth(struct bpf_verifier_env *env, const struct bpf_func_state *func,
			       s32 off)
{
	struct bpf_subprog_info *info = &env->subprog_info[func->subprogno];

	if (info->stack_depth < (u32)-off)
		info->stack_depth = (u32)-off;
}

static struct bpf_func_state *stack_frame_of(struct bpf_verifier_env *env,
					     const struct bpf_reg_state *reg)
{
	return env->cur_state->frame[reg->frameno];
}

/* Every byte of the slot that is not STACK_INVALID becomes some number. */
static void scrub_slot(struct bpf_stack_state *slot)
{
	for (u32 j = 0; j < BPF_REG_SIZE; j++)
		if (slot->slot_type[j] != STACK_INVALID)
			slot->slot_type[j] = STACK_MISC;
	mark_reg_not_init(&slot->spilled_ptr);
}

/* A spilled register is no longer whole once a byte of its slot is overwritten. */
static void destroy_spill(struct bpf_stack_state *slot)
{
	if (is_spilled_reg(slot))
		scrub_slot(slot);
}

static bool is_known_zero(const struct bpf_reg_state *reg)
{
	return reg && reg->type == SCALAR_VALUE && tnum_equals_const(reg->var_off, 0);
}

/* ---- the stack ---- */

/*
 * Is [min_off, max_off + size) inside the frame's 512 bytes? off is the fixed offset
 * (register's and instruction's); what tells "read from"/"write to"/"indirect access to".
 */
static int check_stack_bounds(struct bpf_verifier_env *env, u32 regno, s32 off, int size,
			      const char *what, s64 *min_off, s64 *max_off)
{
	const struct bpf_reg_state *reg = &cur_regs(env)[regno];
	char tn[48];

	if (tnum_is_const(reg->var_off)) {
		*min_off = *max_off = (s64)reg->var_off.value + off;
	} else {
		if (reg->smax_value >= BPF_MAX_VAR_OFF || reg->smin_value <= -BPF_MAX_VAR_OFF) {
			verbose(env, "invalid unbounded variable-offset %s stack R%u\n", what, regno);
			return -EACCES;
		}
		*min_off = reg->smin_value + off;
		*max_off = reg->smax_value + off;
	}
	if (*min_off >= -MAX_BPF_STACK && *max_off + size <= 0)
		return 0;
	if (tnum_is_const(reg->var_off)) {
		verbose(env, "invalid %s stack R%u off=%lld size=%d\n", what, regno,
			(long long)*min_off, size);
	} else {
		tnum_strn(tn, sizeof(tn), reg->var_off);
		verbose(env, "invalid variable-offset %s stack R%u var_off=%s off=%d size=%d\n",
			what, regno, tn, off, size);
	}
	return -EACCES;
}

static void save_register_state(struct bpf_stack_state *slot, const struct bpf_reg_state *reg)
{
	copy_register_state(&slot->spilled_ptr, reg);
	slot->spilled_ptr.live |= REG_LIVE_WRITTEN;
	memset(slot->slot_type, STACK_SPILL, BPF_REG_SIZE);
}

static int check_stack_write_fixed_off(struct bpf_verifier_env *env,
				       struct bpf_func_state *state, s32 off, int size,
				       int value_regno, const struct bpf_reg_state *value)
{
	int spi = get_spi(off);
	struct bpf_stack_state *slot = &state->stack[spi];
	u32 k = slot_byte(off);
	int err;

	if (value && reg_is_ptr(value)) {
		/* A pointer is only kept whole: an 8-byte aligned store. */
		if (size != BPF_REG_SIZE) {
			verbose(env, "invalid size of register spill\n");
			return -EACCES;
		}
		save_register_state(slot, value);
	} else if (value && size == BPF_REG_SIZE) {
		save_register_state(slot, value); /* a scalar keeps its bounds */
	} else {
		u8 type = is_known_zero(value) ? STACK_ZERO : STACK_MISC;

		destroy_spill(slot);
		slot->spilled_ptr.type = NOT_INIT;
		/* "Zero" carries the value without a spilled register to make precise. */
		if (type == STACK_ZERO && value_regno >= 0) {
			err = mark_chain_precision(env, value_regno);
			if (err)
				return err;
		}
		for (int i = 0; i < size; i++)
			slot->slot_type[k + i] = type;
		/* Only a store of all 8 bytes hides the slot's earlier value from reads. */
		if (size == BPF_REG_SIZE)
			slot->spilled_ptr.live |= REG_LIVE_WRITTEN;
	}
	if (state == cur_func(env))
		mark_stack_slot_scratched(env, (u32)spi);
	return push_jmp_history(env, env->cur_state,
				INSN_F_STACK_ACCESS | INSN_F_FRAMENO(state->frameno) | INSN_F_SPI(spi),
				0);
}

/* A store at a variable offset may land on any byte in range: none of them becomes a
 * spilled register, and none that was never written counts as written now. */
static void stack_write_maybe(struct bpf_func_state *state, s64 from, s64 to, bool zero)
{
	for (s64 i = from; i < to; i++) {
		struct bpf_stack_state *slot = &state->stack[get_spi((s32)i)];
		u8 *type = &slot->slot_type[slot_byte((s32)i)];

		destroy_spill(slot);
		slot->spilled_ptr.type = NOT_INIT;
		if (*type == STACK_ZERO && !zero)
			*type = STACK_MISC;
	}
}

static int check_stack_read_fixed_off(struct bpf_verifier_env *env,
				      struct bpf_func_state *state, s32 off, int size,
				      int dst_regno, bool sx)
{
	int spi = get_spi(off);
	u32 k = slot_byte(off);
	struct bpf_stack_state *slot;
	struct bpf_reg_state *spill, *dst = dst_regno >= 0 ? &cur_regs(env)[dst_regno] : NULL;
	bool zeros = true;
	int err;

	if ((u32)spi >= state->allocated_stack / BPF_REG_SIZE)
		goto uninit;
	slot = &state->stack[spi];
	spill = &slot->spilled_ptr;
	if (is_spilled_reg(slot)) {
		if (size != BPF_REG_SIZE && spill->type != SCALAR_VALUE) {
			verbose(env, "invalid size of register fill\n");
			return -EACCES;
		}
		err = mark_reg_read(env, spill, spill->parent);
		if (err)
			return err;
		if (!dst)
			goto done;
		if (size == BPF_REG_SIZE) {
			copy_register_state(dst, spill);
		} else if (tnum_is_const(spill->var_off)) {
			/* Part of a known number: those bytes of it (little-endian). */
			u64 v = spill->var_off.value >> (k * 8);
			u64 mask = (1ull << (size * 8)) - 1;

			v &= mask;
			if (sx)
				v = (u64)((s64)(v << (64 - size * 8)) >> (64 - size * 8));
			mark_reg_known(dst, v);
		} else {
			mark_reg_unknown(env, dst);
			if (sx)
				coerce_reg_to_size_sx(dst, size);
			else
				coerce_reg_to_size(dst, size);
		}
		dst->live |= REG_LIVE_WRITTEN;
		goto done;
	}
	for (int i = 0; i < size; i++) {
		u8 type = slot->slot_type[k + i];

		if (type == STACK_INVALID) {
			verbose(env, "invalid read from stack off %d+%d size %d\n", off, i, size);
			goto uninit_noted;
		}
		zeros &= type == STACK_ZERO;
	}
	err = mark_reg_read(env, spill, spill->parent);
	if (err)
		return err;
	if (dst) {
		if (zeros) {
			mark_reg_known_zero(dst);
		} else {
			mark_reg_unknown(env, dst);
			if (sx)
				coerce_reg_to_size_sx(dst, size);
			else
				coerce_reg_to_size(dst, size);
		}
		dst->live |= REG_LIVE_WRITTEN;
	}
done:
	if (state == cur_func(env))
		mark_stack_slot_scratched(env, (u32)spi);
	return push_jmp_history(env, env->cur_state,
				INSN_F_STACK_ACCESS | INSN_F_FRAMENO(state->frameno) | INSN_F_SPI(spi),
				0);
uninit:
	verbose(env, "invalid read from stack off %d+%d size %d\n", off, 0, size);
uninit_noted:
	env->fail.kind = FAIL_UNINIT_STACK;
	env->fail.insn_idx = env->insn_idx;
	env->fail.off = off;
	env->fail.size = size;
	return -EACCES;
}

/* Are all of [from, to) written? Marks the slots read. uninit_at: the first byte that is not. */
static int stack_range_readable(struct bpf_verifier_env *env, struct bpf_func_state *state,
				s64 from, s64 to, s64 *uninit_at)
{
	int last_spi = -1, err;

	for (s64 i = from; i < to; i++) {
		int spi = get_spi((s32)i);
		struct bpf_stack_state *slot;

		if ((u32)spi >= state->allocated_stack / BPF_REG_SIZE) {
			*uninit_at = i;
			return -EACCES;
		}
		slot = &state->stack[spi];
		if (!is_spilled_reg(slot) && slot->slot_type[slot_byte((s32)i)] == STACK_INVALID) {
			*uninit_at = i;
			return -EACCES;
		}
		if (spi != last_spi) {
			err = mark_reg_read(env, &slot->spilled_ptr, slot->spilled_ptr.parent);
			if (err)
				return err;
			if (state == cur_func(env))
				mark_stack_slot_scratched(env, (u32)spi);
			last_spi = spi;
		}
	}
	return 0;
}

static int check_stack_access(struct bpf_verifier_env *env, u32 regno, s32 off, int size,
			      enum bpf_access_type t, int value_regno,
			      const struct bpf_reg_state *value, bool sx)
{
	struct bpf_reg_state *reg = &cur_regs(env)[regno];
	struct bpf_func_state *state = stack_frame_of(env, reg);
	s64 min_off, max_off, bad;
	char tn[48];
	int err;

	off += reg->off;
	/* Spill tracking relies on aligned stack accesses, as in Linux. */
	if (!tnum_is_aligned(tnum_add(reg->var_off, tnum_const((u64)(s64)off)), (u64)size)) {
		tnum_strn(tn, sizeof(tn), reg->var_off);
		verbose(env, "misaligned stack access off %s+%d+%d size %d\n", tn, reg->off,
			off - reg->off, size);
		return -EACCES;
	}
	err = check_stack_bounds(env, regno, off, size, t == BPF_WRITE ? "write to" : "read from",
				 &min_off, &max_off);
	if (err)
		return err;
	err = grow_stack_state(state, (u32)-min_off);
	if (err)
		return err;
	update_stack_depth(env, state, (s32)min_off);

	if (min_off == max_off) {
		if (t == BPF_WRITE)
			return check_stack_write_fixed_off(env, state, (s32)min_off, size,
							   value_regno, value);
		return check_stack_read_fixed_off(env, state, (s32)min_off, size, value_regno, sx);
	}
	if (t == BPF_WRITE) {
		stack_write_maybe(state, min_off, max_off + size, is_known_zero(value));
		return 0;
	}
	if (stack_range_readable(env, state, min_off, max_off + size, &bad)) {
		tnum_strn(tn, sizeof(tn), reg->var_off);
		verbose(env, "invalid variable-offset read from stack R%u var_off=%s off=%d size=%d\n",
			regno, tn, off, size);
		env->fail.kind = FAIL_UNINIT_STACK;
		env->fail.insn_idx = env->insn_idx;
		env->fail.off = (s32)bad;
		env->fail.size = 1;
		return -EACCES;
	}
	if (value_regno >= 0) {
		struct bpf_reg_state *dst = &cur_regs(env)[value_regno];

		mark_reg_unknown(env, dst);
		if (sx)
			coerce_reg_to_size_sx(dst, size);
		else
			coerce_reg_to_size(dst, size);
		dst->live |= REG_LIVE_WRITTEN;
	}
	return 0;
}

/* ---- map values and memory ---- */

static void note_bounds_failure(struct bpf_verifier_env *env, u32 regno, s32 off, int size)
{
	if (env->fail.kind != FAIL_NONE)
		return;
	env->fail.kind = FAIL_MEM_BOUNDS;
	env->fail.insn_idx = env->insn_idx;
	env->fail.regno = regno;
	env->fail.reg = cur_regs(env)[regno];
	env->fail.origin = env->fail.reg.origin;
	env->fail.off = off;
	env->fail.size = size;
}

/* Is [off, off + size) inside [0, mem_size)? off here includes the variable part's bound. */
static int check_mem_within(struct bpf_verifier_env *env, u32 regno, s64 off, int size,
			    u32 mem_size, bool zero_size_allowed)
{
	const struct bpf_reg_state *reg = &cur_regs(env)[regno];
	bool size_ok = size > 0 || (size == 0 && zero_size_allowed);

	if (off >= 0 && size_ok && (u64)off + (u64)size <= mem_size)
		return 0;
	if (base_type(reg->type) == PTR_TO_MAP_VALUE)
		verbose(env, "invalid access to map value, value_size=%u off=%lld size=%d\n", mem_size,
			(long long)off, size);
	else
		verbose(env, "invalid access to memory, mem_size=%u off=%lld size=%d\n", mem_size,
			(long long)off, size);
	return -EACCES;
}

/* The access [off, off + size) from the register's fixed offset, for every variable part. */
int check_mem_region_access(struct bpf_verifier_env *env, u32 regno, s32 off, int size,
			    u32 mem_size, bool zero_size_allowed)
{
	const struct bpf_reg_state *reg = &cur_regs(env)[regno];
	int err;

	/* A negative variable part must not make the whole offset negative. */
	if (reg->smin_value < 0 &&
	    (reg->smin_value == S64_MIN || off + reg->smin_value != (s64)(s32)(off + reg->smin_value) ||
	     reg->smin_value + off < 0)) {
		verbose(env, "R%u min value is negative, either use unsigned index or do a if (index >=0) check.\n",
			regno);
		note_bounds_failure(env, regno, off, size);
		return -EACCES;
	}
	err = check_mem_within(env, regno, reg->smin_value + off, size, mem_size, zero_size_allowed);
	if (err) {
		verbose(env, "R%u min value is outside of the allowed memory range\n", regno);
		note_bounds_failure(env, regno, off, size);
		return err;
	}
	if (reg->umax_value >= BPF_MAX_VAR_OFF) {
		verbose(env, "R%u unbounded memory access, make sure to bounds check any such access\n",
			regno);
		note_bounds_failure(env, regno, off, size);
		return -EACCES;
	}
	err = check_mem_within(env, regno, (s64)reg->umax_value + off, size, mem_size,
			       zero_size_allowed);
	if (err) {
		verbose(env, "R%u max value is outside of the allowed memory range\n", regno);
		note_bounds_failure(env, regno, off, size);
		return err;
	}
	return 0;
}

static int check_map_access_type(struct bpf_verifier_env *env, u32 regno, s32 off, int size,
				 enum bpf_access_type t)
{
	const struct bpf_map *map = cur_regs(env)[regno].map_ptr;

	if (t == BPF_WRITE && (map->map_flags & BPF_F_RDONLY_PROG)) {
		verbose(env, "write into map forbidden, value_size=%u off=%d size=%d\n",
			map->value_size, off, size);
		return -EACCES;
	}
	if (t == BPF_READ && (map->map_flags & BPF_F_WRONLY_PROG)) {
		verbose(env, "read from map forbidden, value_size=%u off=%d size=%d\n",
			map->value_size, off, size);
		return -EACCES;
	}
	return 0;
}

/*
 * A read-only map that user space froze (.rodata) cannot change any more: a load at a
 * known offset gives a known number, as in Linux. true with *val set when that applies.
 */
static bool map_direct_read(const struct bpf_reg_state *reg, s32 off, int size, u64 *val)
{
	const struct bpf_map *map = reg->map_ptr;
	u64 addr;
	u8 bytes[8];

	if (!(map->map_flags & BPF_F_RDONLY_PROG) || !map->frozen || !tnum_is_const(reg->var_off) ||
	    !map->ops->map_direct_value_addr)
		return false;
	off += reg->off + (s32)reg->var_off.value;
	if (off < 0 || (u32)off + (u32)size > map->value_size)
		return false;
	if (map->ops->map_direct_value_addr(map, &addr, (u32)off))
		return false;
	memcpy(bytes, (const u8 *)(uintptr_t)addr + off, (size_t)size);
	*val = 0;
	for (int i = size - 1; i >= 0; i--)
		*val = *val << 8 | bytes[i];
	return true;
}

/* ---- the context ---- */

static int check_ctx_access(struct bpf_verifier_env *env, u32 regno, s32 off, int size,
			    enum bpf_access_type t)
{
	const struct bpf_reg_state *reg = &cur_regs(env)[regno];
	char tn[48];

	if (reg->off) {
		verbose(env, "dereference of modified ctx ptr R%u off=%d disallowed\n", regno,
			reg->off);
		return -EACCES;
	}
	if (!tnum_is_const(reg->var_off) || reg->var_off.value) {
		tnum_strn(tn, sizeof(tn), reg->var_off);
		verbose(env, "variable ctx access var_off=%s disallowed\n", tn);
		return -EACCES;
	}
	if (!env->ops->is_valid_access(off, size, t, env->prog)) {
		verbose(env, "invalid bpf_context access off=%d size=%d\n", off, size);
		return -EACCES;
	}
	if (env->prog->aux && (u32)(off + size) > env->prog->aux->max_ctx_offset)
		env->prog->aux->max_ctx_offset = (u32)(off + size);
	return 0;
}

/* ---- check_mem_access ---- */

static void set_loaded_scalar(struct bpf_verifier_env *env, int value_regno, int size, bool sx)
{
	struct bpf_reg_state *dst = &cur_regs(env)[value_regno];

	mark_reg_unknown(env, dst);
	if (sx)
		coerce_reg_to_size_sx(dst, size);
	else
		coerce_reg_to_size(dst, size);
	dst->live |= REG_LIVE_WRITTEN;
}

int check_mem_access(struct bpf_verifier_env *env, u32 insn_idx, u32 regno, s32 off,
		     int bpf_size, enum bpf_access_type t, int value_regno,
		     const struct bpf_reg_state *value, bool sx)
{
	struct bpf_reg_state *reg = &cur_regs(env)[regno];
	int size = bpf_size_bytes[bpf_size >> 3];
	u64 known;
	int err;

	if (type_may_be_null(reg->type) || !reg_is_ptr(reg) || base_type(reg->type) == CONST_PTR_TO_MAP ||
	    base_type(reg->type) == PTR_TO_FUNC) {
		verbose(env, "R%u invalid mem access '%s'\n", regno, reg_type_str(reg->type));
		fail_note(env, type_may_be_null(reg->type) ? FAIL_MAYBE_NULL : FAIL_BAD_PTR, regno, reg);
		return -EACCES;
	}
	switch (base_type(reg->type)) {
	case PTR_TO_STACK:
		return check_stack_access(env, regno, off, size, t, value_regno, value, sx);
	case PTR_TO_MAP_VALUE:
		err = check_map_access_type(env, regno, off + reg->off, size, t);
		if (!err)
			err = check_mem_region_access(env, regno, off + reg->off, size,
						      reg->map_ptr->value_size, false);
		if (err || t != BPF_READ || value_regno < 0)
			return err;
		if (map_direct_read(reg, off, size, &known)) {
			if (sx)
				known = (u64)((s64)(known << (64 - size * 8)) >> (64 - size * 8));
			mark_reg_known(&cur_regs(env)[value_regno], known);
			cur_regs(env)[value_regno].live |= REG_LIVE_WRITTEN;
			return 0;
		}
		set_loaded_scalar(env, value_regno, size, sx);
		return 0;
	case PTR_TO_MEM:
		if (t == BPF_WRITE && (reg->type & MEM_RDONLY)) {
			verbose(env, "R%u cannot write into %s\n", regno, reg_type_str(reg->type));
			return -EACCES;
		}
		err = check_mem_region_access(env, regno, off + reg->off, size, reg->mem_size, false);
		if (!err && t == BPF_READ && value_regno >= 0)
			set_loaded_scalar(env, value_regno, size, sx);
		return err;
	case PTR_TO_CTX:
		err = check_ctx_access(env, regno, off, size, t);
		if (!err && t == BPF_READ && value_regno >= 0)
			set_loaded_scalar(env, value_regno, size, sx);
		return err;
	default:
		verbose(env, "R%u invalid mem access '%s'\n", regno, reg_type_str(reg->type));
		return -EACCES;
	}
}

int check_load_store(struct bpf_verifier_env *env, const struct bpf_insn *insn, u32 insn_idx)
{
	u8 class = BPF_CLASS(insn->code);
	struct bpf_reg_state *regs = cur_regs(env), imm;
	int err;

	if (class == BPF_LDX) {
		err = check_reg_arg(env, insn->src_reg, SRC_OP);
		if (!err)
			err = check_reg_arg(env, insn->dst_reg, DST_OP_NO_MARK);
		if (err)
			return err;
		return check_mem_access(env, insn_idx, insn->src_reg, insn->off, BPF_SIZE(insn->code),
					BPF_READ, insn->dst_reg, NULL,
					BPF_MODE(insn->code) == BPF_MEMSX);
	}
	if (class == BPF_STX) {
		if (BPF_MODE(insn->code) == BPF_ATOMIC)
			return check_atomic(env, insn, insn_idx);
		err = check_reg_arg(env, insn->src_reg, SRC_OP);
		if (!err)
			err = check_reg_arg(env, insn->dst_reg, SRC_OP);
		if (err)
			return err;
		return check_mem_access(env, insn_idx, insn->dst_reg, insn->off, BPF_SIZE(insn->code),
					BPF_WRITE, insn->src_reg, &regs[insn->src_reg], false);
	}
	/* BPF_ST: store an immediate. */
	err = check_reg_arg(env, insn->dst_reg, SRC_OP);
	if (err)
		return err;
	if (base_type(regs[insn->dst_reg].type) == PTR_TO_CTX) {
		verbose(env, "BPF_ST stores into R%u %s is not allowed\n", insn->dst_reg,
			reg_type_str(regs[insn->dst_reg].type));
		return -EACCES;
	}
	memset(&imm, 0, sizeof(imm));
	mark_reg_known(&imm, (u64)(s64)insn->imm);
	return check_mem_access(env, insn_idx, insn->dst_reg, insn->off, BPF_SIZE(insn->code),
				BPF_WRITE, -1, &imm, false);
}

int check_atomic(struct bpf_verifier_env *env, const struct bpf_insn *insn, u32 insn_idx)
{
	struct bpf_reg_state *regs = cur_regs(env), *dst;
	int size = bpf_size_bytes[BPF_SIZE(insn->code) >> 3];
	int load_reg = -1;
	char tn[48];
	int err;

	err = check_reg_arg(env, insn->src_reg, SRC_OP);
	if (!err)
		err = check_reg_arg(env, insn->dst_reg, SRC_OP);
	if (!err && insn->imm == BPF_CMPXCHG)
		err = check_reg_arg(env, BPF_REG_0, SRC_OP);
	if (err)
		return err;
	dst = &regs[insn->dst_reg];
	if (base_type(dst->type) == PTR_TO_CTX) {
		verbose(env, "BPF_ATOMIC stores into R%u %s is not allowed\n", insn->dst_reg,
			reg_type_str(dst->type));
		return -EACCES;
	}
	/* Atomic instructions need natural alignment, wherever they point. */
	if (reg_is_ptr(dst) && !type_may_be_null(dst->type) &&
	    !tnum_is_aligned(tnum_add(dst->var_off, tnum_const((u64)(s64)(dst->off + insn->off))),
			     (u64)size)) {
		tnum_strn(tn, sizeof(tn), dst->var_off);
		verbose(env, "misaligned access off %s+%d+%d size %d\n", tn, dst->off, insn->off, size);
		return -EACCES;
	}
	if (insn->imm == BPF_CMPXCHG)
		load_reg = BPF_REG_0;
	else if (insn->imm & BPF_FETCH)
		load_reg = insn->src_reg;

	/* Read, then write back: both must be allowed. */
	err = check_mem_access(env, insn_idx, insn->dst_reg, insn->off, BPF_SIZE(insn->code),
			       BPF_READ, -1, NULL, false);
	if (!err)
		err = check_mem_access(env, insn_idx, insn->dst_reg, insn->off, BPF_SIZE(insn->code),
				       BPF_WRITE, -1, NULL, false);
	if (err || load_reg < 0)
		return err;
	err = check_reg_arg(env, (u32)load_reg, DST_OP);
	if (!err)
		coerce_reg_to_size(&regs[load_reg], size);
	return err;
}

/* ---- memory a helper reads or writes ---- */

static int check_stack_range_initialized(struct bpf_verifier_env *env, u32 regno, int size,
					 bool zero_size_allowed, bool write)
{
	struct bpf_reg_state *reg = &cur_regs(env)[regno];
	struct bpf_func_state *state = stack_frame_of(env, reg);
	s64 min_off, max_off, bad;
	char tn[48];
	int err;

	if (!size) {
		if (zero_size_allowed)
			return 0;
		verbose(env, "invalid zero-sized read\n");
		return -EACCES;
	}
	err = check_stack_bounds(env, regno, reg->off, size, "indirect access to", &min_off,
				 &max_off);
	if (err)
		return err;
	err = grow_stack_state(state, (u32)-min_off);
	if (err)
		return err;
	update_stack_depth(env, state, (s32)min_off);
	if (write)
		return 0; /* the helper writes: marked after the call */
	if (!stack_range_readable(env, state, min_off, max_off + size, &bad))
		return 0;
	if (tnum_is_const(reg->var_off)) {
		verbose(env, "invalid indirect read from stack R%u off %lld+%lld size %d\n", regno,
			(long long)min_off, (long long)(bad - min_off), size);
	} else {
		tnum_strn(tn, sizeof(tn), reg->var_off);
		verbose(env, "invalid indirect read from stack R%u var_off=%s+%d size %d\n", regno, tn,
			reg->off, size);
	}
	env->fail.kind = FAIL_UNINIT_STACK;
	env->fail.insn_idx = env->insn_idx;
	env->fail.off = (s32)bad;
	env->fail.size = 1;
	env->fail.regno = regno;
	return -EACCES;
}

int check_helper_mem_access(struct bpf_verifier_env *env, u32 regno, u32 access_size,
			    bool zero_size_allowed, bool write, bool *raw_stack)
{
	struct bpf_reg_state *reg = &cur_regs(env)[regno];
	int err;

	*raw_stack = false;
	switch (base_type(reg->type)) {
	case PTR_TO_MAP_VALUE:
		err = check_map_access_type(env, regno, reg->off, (int)access_size,
					    write ? BPF_WRITE : BPF_READ);
		if (!err)
			err = check_mem_region_access(env, regno, reg->off, (int)access_size,
						      reg->map_ptr->value_size, zero_size_allowed);
		return err;
	case PTR_TO_MEM:
		if (write && (reg->type & MEM_RDONLY)) {
			verbose(env, "R%u cannot write into %s\n", regno, reg_type_str(reg->type));
			return -EACCES;
		}
		return check_mem_region_access(env, regno, reg->off, (int)access_size, reg->mem_size,
					       zero_size_allowed);
	case PTR_TO_STACK:
		*raw_stack = write;
		return check_stack_range_initialized(env, regno, (int)access_size, zero_size_allowed,
						     write);
	default:
		if (zero_size_allowed && !access_size && is_known_zero(reg))
			return 0;
		verbose(env, "R%u type=%s expected=fp, map_value, mem\n", regno,
			reg_type_str(reg->type));
		return -EACCES;
	}
}

/*
 * After a helper wrote through reg (ARG_PTR_TO_UNINIT_MEM): the first size_min bytes are
 * written for sure, up to size_max perhaps. Bytes written for sure become some number;
 * bytes perhaps written lose any spilled register but are not counted as written.
 */
void mark_stack_range_written(struct bpf_verifier_env *env, const struct bpf_reg_state *reg,
			      u32 size_min, u32 size_max)
{
	struct bpf_func_state *state = stack_frame_of(env, reg);
	s64 lo;

	if (!tnum_is_const(reg->var_off)) {
		stack_write_maybe(state, reg->smin_value + reg->off,
				  reg->smax_value + reg->off + size_max, false);
		return;
	}
	lo = reg->off + (s64)reg->var_off.value;
	for (s64 i = lo; i < lo + size_min; i++) {
		struct bpf_stack_state *slot = &state->stack[get_spi((s32)i)];

		destroy_spill(slot);
		slot->spilled_ptr.type = NOT_INIT;
		slot->slot_type[slot_byte((s32)i)] = STACK_MISC;
		if (slot_byte((s32)i) == 0 && i + BPF_REG_SIZE <= lo + size_min)
			slot->spilled_ptr.live |= REG_LIVE_WRITTEN;
		if (state == cur_func(env))
			mark_stack_slot_scratched(env, (u32)get_spi((s32)i));
	}
	stack_write_maybe(state, lo + size_min, lo + size_max, false);
}
