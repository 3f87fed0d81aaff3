/*
 * bpf/verifier/print.c - instructions and states as the log shows them, in Linux's format:
 *
 *   0: R1=ctx() R10=fp0
 *   0: (b7) r2 = 0                        ; R2_w=0
 *   1: (7b) *(u64 *)(r10 -8) = r2         ; R2_w=0 R10=fp0 fp-8_w=0
 *   4: (85) call bpf_map_lookup_elem#1    ; R0_w=map_value_or_null(id=1,map=counts,ks=4,vs=8)
 *   6: (71) r1 = *(u8 *)(r0 +2)           ; R0=map_value(map=counts,ks=4,vs=8) R1_w=scalar(smin=smin32=0,smax=umax=smax32=umax32=255,var_off=(0x0; 0xff))
 *
 * Each instruction line is "index: (opcode) disassembly". After it, on the same line past a
 * ';', come the registers and stack slots the instruction touched ("scratched"): the state
 * is printed when the next instruction starts, by going back over the newline. A register is
 * "R<n>" with "_w" when written since the last remembered state (liveness marks, regs.c), a
 * stack slot "fp-<offset>" holding a spilled register's state or one character per byte:
 * '?' never written, 'm' some number, '0' zero, 'r' part of a spilled register.
 *
 * Values: a known scalar prints as its number; other scalars as scalar(...) with the bounds
 * that say something (equal bounds are grouped: "smin=smin32=0"); pointers as their type
 * (ctx, fp, map_value, map_ptr, mem, func, with _or_null, rdonly_, ringbuf_) and what is
 * known of them (id, the map, the offset, a variable part's bounds). A 'P' before a scalar
 * marks it precise (precise.c).
 *
 * Read next: bpf/verifier/explain.c.
 */
#include "bpf/disasm.h"
#include "bpf/verifier/verifier.h"

static const char slot_type_char[] = {
	[STACK_INVALID] = '?',
	[STACK_SPILL] = 'r',
	[STACK_MISC] = 'm',
	[STACK_ZERO] = '0',
};

static const char *const base_type_names[] = {
	[NOT_INIT] = "?",
	[SCALAR_VALUE] = "scalar",
	[PTR_TO_CTX] = "ctx",
	[CONST_PTR_TO_MAP] = "map_ptr",
	[PTR_TO_MAP_VALUE] = "map_value",
	[PTR_TO_STACK] = "fp",
	[PTR_TO_MEM] = "mem",
	[PTR_TO_FUNC] = "func",
};

const char *reg_type_name(u32 type, char *buf)
{
	u32 base = base_type(type);

	snprintf(buf, REG_TYPE_STR_LEN, "%s%s%s%s", type & MEM_RDONLY ? "rdonly_" : "",
		 type & MEM_RINGBUF ? "ringbuf_" : "",
		 base < ARRAY_SIZE(base_type_names) ? base_type_names[base] : "invalid",
		 type & PTR_MAYBE_NULL ? "_or_null" : "");
	return buf;
}

/* ---- scratch marks: what the current instruction touched ---- */

void mark_reg_scratched(struct bpf_verifier_env *env, u32 regno)
{
	env->scratched_regs |= 1u << regno;
}

void mark_stack_slot_scratched(struct bpf_verifier_env *env, u32 spi)
{
	env->scratched_stack_slots |= 1ull << spi;
}

void mark_verifier_state_clean(struct bpf_verifier_env *env)
{
	env->scratched_regs = 0;
	env->scratched_stack_slots = 0;
}

void mark_verifier_state_scratched(struct bpf_verifier_env *env)
{
	env->scratched_regs = ~0u;
	env->scratched_stack_slots = ~0ull;
}

/* ---- numbers ---- */

/* Small numbers in decimal, the rest in hex, as Linux prints them. */
static int put_snum(char *buf, size_t size, s64 num)
{
	if (num >= -512 && num <= 512)
		return snprintf(buf, size, "%lld", (long long)num);
	return snprintf(buf, size, "%#llx", (unsigned long long)num);
}

static int put_unum(char *buf, size_t size, u64 num)
{
	if (num <= 512)
		return snprintf(buf, size, "%llu", (unsigned long long)num);
	return snprintf(buf, size, "%#llx", (unsigned long long)num);
}

#define STATE_TEXT_MAX 8192 /* one frame: 11 registers and 64 stack slots, at length */

/* Text appended to a fixed buffer. */
struct strbuf {
	char *buf;
	size_t size, len;
};

static void sb_add(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void sb_add(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (sb->len >= sb->size)
		return;
	va_start(ap, fmt);
	n = vsnprintf(sb->buf + sb->len, sb->size - sb->len, fmt, ap);
	va_end(ap);
	if (n > 0)
		sb->len += (size_t)n;
}

static void sb_snum(struct strbuf *sb, s64 num)
{
	if (sb->len < sb->size)
		sb->len += (size_t)put_snum(sb->buf + sb->len, sb->size - sb->len, num);
}

static void sb_unum(struct strbuf *sb, u64 num)
{
	if (sb->len < sb->size)
		sb->len += (size_t)put_unum(sb->buf + sb->len, sb->size - sb->len, num);
}

/*
 * The bounds that say something, equal ones grouped: "smin=smin32=0,smax=umax=...=255".
 * A signed bound is grouped only with one of the same sign, and a 32-bit signed bound is
 * printed as its own 32-bit pattern when in hex, so that hex never hides a sign extension.
 */
static void print_scalar_ranges(struct strbuf *sb, const struct bpf_reg_state *reg,
				const char **sep)
{
	struct {
		const char *name;
		u64 val;
		bool omit;
	} b[] = {
		{ "smin", (u64)reg->smin_value, reg->smin_value == S64_MIN },
		{ "smax", (u64)reg->smax_value, reg->smax_value == S64_MAX },
		{ "umin", reg->umin_value, reg->umin_value == 0 },
		{ "umax", reg->umax_value, reg->umax_value == U64_MAX },
		{ "smin32",
		  reg->s32_min_value >= -512 && reg->s32_min_value <= 512 ?
			  (u64)(s64)reg->s32_min_value : (u32)reg->s32_min_value,
		  reg->s32_min_value == S32_MIN },
		{ "smax32",
		  reg->s32_max_value >= -512 && reg->s32_max_value <= 512 ?
			  (u64)(s64)reg->s32_max_value : (u32)reg->s32_max_value,
		  reg->s32_max_value == S32_MAX },
		{ "umin32", reg->u32_min_value, reg->u32_min_value == 0 },
		{ "umax32", reg->u32_max_value, reg->u32_max_value == U32_MAX },
	};
	u32 n = ARRAY_SIZE(b);

	for (u32 i = 0; i < n; i++) {
		bool neg1;

		if (b[i].omit)
			continue;
		neg1 = b[i].name[0] == 's' && (s64)b[i].val < 0;
		sb_add(sb, "%s%s=", *sep, b[i].name);
		*sep = ",";
		/* Later bounds of the same kind (min with min, max with max) and value. */
		for (u32 j = i + 2; j < n; j += 2) {
			bool neg2 = b[j].name[0] == 's' && (s64)b[j].val < 0;

			if (b[j].omit || b[j].val != b[i].val || neg1 != neg2)
				continue;
			b[j].omit = true;
			sb_add(sb, "%s=", b[j].name);
		}
		if (b[i].name[0] == 's')
			sb_snum(sb, (s64)b[i].val);
		else
			sb_unum(sb, b[i].val);
	}
}

/* A register's value as text: "0", "fp-8", "ctx()", "scalar(umax=255,...)". */
static void print_reg(struct strbuf *sb, const struct bpf_reg_state *reg, u32 frameno)
{
	u32 t = reg->type;
	const char *sep = "";
	char tn[48];

	if (t == SCALAR_VALUE && reg->precise)
		sb_add(sb, "P");
	if (t == SCALAR_VALUE && tnum_is_const(reg->var_off)) {
		sb_snum(sb, (s64)reg->var_off.value);
		return;
	}
	sb_add(sb, "%s", reg_type_str(t));
	if (base_type(t) == PTR_TO_STACK) {
		if (reg->frameno != frameno)
			sb_add(sb, "[%u]", reg->frameno);
		if (tnum_is_const(reg->var_off)) {
			sb_snum(sb, (s64)reg->var_off.value + reg->off);
			return;
		}
	}
	sb_add(sb, "(");
	if (reg->id) {
		sb_add(sb, "%sid=%u", sep, reg->id);
		sep = ",";
	}
	if (reg->ref_obj_id) {
		sb_add(sb, "%sref_obj_id=%u", sep, reg->ref_obj_id);
		sep = ",";
	}
	if (t != SCALAR_VALUE) {
		switch (base_type(t)) {
		case CONST_PTR_TO_MAP:
		case PTR_TO_MAP_VALUE:
			if (reg->map_ptr->name[0]) {
				sb_add(sb, "%smap=%s", sep, reg->map_ptr->name);
				sep = ",";
			}
			sb_add(sb, "%sks=%u,vs=%u", sep, reg->map_ptr->key_size,
			       reg->map_ptr->value_size);
			sep = ",";
			break;
		case PTR_TO_MEM:
			sb_add(sb, "%ssz=%u", sep, reg->mem_size);
			sep = ",";
			break;
		case PTR_TO_FUNC:
			sb_add(sb, "%sfunc#%u", sep, reg->subprogno);
			sep = ",";
			break;
		}
		if (reg->off) {
			sb_add(sb, "%soff=%d", sep, reg->off);
			sep = ",";
		}
	}
	if (t == SCALAR_VALUE || !tnum_is_const(reg->var_off)) {
		print_scalar_ranges(sb, reg, &sep);
		if (!tnum_is_unknown(reg->var_off)) {
			tnum_strn(tn, sizeof(tn), reg->var_off);
			sb_add(sb, "%svar_off=%s", sep, tn);
		}
	}
	sb_add(sb, ")");
}

void print_reg_brief(char *buf, size_t size, const struct bpf_reg_state *reg)
{
	struct strbuf sb = { buf, size, 0 };

	buf[0] = '\0';
	print_reg(&sb, reg, reg->frameno);
}

static void print_liveness(struct strbuf *sb, u8 live)
{
	if (live & (REG_LIVE_READ | REG_LIVE_WRITTEN | REG_LIVE_DONE))
		sb_add(sb, "_");
	if (live & REG_LIVE_READ)
		sb_add(sb, "r");
	if (live & REG_LIVE_WRITTEN)
		sb_add(sb, "w");
	if (live & REG_LIVE_DONE)
		sb_add(sb, "D");
}

static void print_func_state(struct bpf_verifier_env *env, struct strbuf *sb,
			     const struct bpf_verifier_state *st, const struct bpf_func_state *state,
			     bool print_all)
{
	if (state->frameno)
		sb_add(sb, " frame%u:", state->frameno);
	for (u32 i = 0; i < MAX_BPF_REG; i++) {
		const struct bpf_reg_state *reg = &state->regs[i];

		if (reg->type == NOT_INIT)
			continue;
		if (!print_all && !(env->scratched_regs & (1u << i)))
			continue;
		sb_add(sb, " R%u", i);
		print_liveness(sb, reg->live);
		sb_add(sb, "=");
		print_reg(sb, reg, state->frameno);
	}
	for (u32 i = 0; i < state->allocated_stack / BPF_REG_SIZE; i++) {
		const struct bpf_stack_state *slot = &state->stack[i];
		char types[BPF_REG_SIZE + 1];
		bool valid = false;

		if (!print_all && !(env->scratched_stack_slots & (1ull << i)))
			continue;
		if (is_spilled_reg(slot)) {
			sb_add(sb, " fp%d", -(int)(i + 1) * BPF_REG_SIZE);
			print_liveness(sb, slot->spilled_ptr.live);
			sb_add(sb, "=");
			print_reg(sb, &slot->spilled_ptr, state->frameno);
			continue;
		}
		/* Highest address first, as Linux prints slots. */
		for (u32 j = 0; j < BPF_REG_SIZE; j++) {
			u8 type = slot->slot_type[BPF_REG_SIZE - 1 - j];

			types[j] = slot_type_char[type];
			valid |= type != STACK_INVALID;
		}
		types[BPF_REG_SIZE] = '\0';
		if (!valid)
			continue;
		sb_add(sb, " fp%d", -(int)(i + 1) * BPF_REG_SIZE);
		print_liveness(sb, slot->spilled_ptr.live);
		sb_add(sb, "=%s", types);
	}
	if (st->acquired_refs) {
		sb_add(sb, " refs=%u", st->refs[0].id);
		for (u32 i = 1; i < st->acquired_refs; i++)
			sb_add(sb, ",%u", st->refs[i].id);
	}
	if (state->in_callback_fn)
		sb_add(sb, " cb");
}

void print_verifier_state(struct bpf_verifier_env *env, const struct bpf_verifier_state *st,
			  u32 frameno, bool print_all)
{
	/* On the heap: kernel stacks are small, and a whole frame's state is long. */
	struct strbuf sb = { bpf_env_alloc(STATE_TEXT_MAX), STATE_TEXT_MAX, 0 };

	if (!env->log.level || !sb.buf)
		goto out;
	print_func_state(env, &sb, st, st->frame[frameno], print_all);
	verbose(env, "%s\n", sb.buf);
out:
	bpf_env_free(sb.buf);
	if (!print_all)
		mark_verifier_state_clean(env);
}

/* Spaces that bring a line of pos characters to the state column (40 or the next 8). */
static u32 vlog_alignment(u64 pos)
{
	u64 col = pos + 4 > 40 ? pos + 4 : 40;

	col = (col + 7) & ~7ull;
	return (u32)(col - pos - 1);
}

void print_insn_state(struct bpf_verifier_env *env, const struct bpf_verifier_state *st,
		      u32 frameno)
{
	if (env->prev_log_pos && env->prev_log_pos == env->log.end_pos) {
		/* Continue the instruction's own line: take its newline back. */
		bpf_vlog_reset(&env->log, env->prev_log_pos - 1);
		verbose(env, "%*c;", (int)vlog_alignment(env->prev_insn_print_pos), ' ');
	} else {
		verbose(env, "%u:", env->insn_idx);
	}
	print_verifier_state(env, st, frameno, false);
}

/* "(18) r1 = map[id:3]", for the 64-bit loads the loader resolved to addresses. */
static bool print_pseudo_ld(struct bpf_verifier_env *env, u32 idx, char *buf, size_t size)
{
	const struct bpf_insn *insn = &env->insns[idx];
	const struct bpf_insn_aux_data *aux = &env->insn_aux[idx];

	if (!bpf_insn_is_ld_imm64(insn) || !insn->src_reg || idx + 1 >= env->len)
		return false;
	switch (insn->src_reg) {
	case BPF_PSEUDO_MAP_FD:
		if (!aux->map_ptr)
			return false;
		snprintf(buf, size, "r%u = map[id:%u]", insn->dst_reg, aux->map_ptr->id);
		return true;
	case BPF_PSEUDO_MAP_VALUE:
		if (!aux->map_ptr)
			return false;
		snprintf(buf, size, "r%u = map[id:%u][0]+%u", insn->dst_reg, aux->map_ptr->id,
			 aux->map_off);
		return true;
	case BPF_PSEUDO_FUNC:
		snprintf(buf, size, "r%u = func#%u", insn->dst_reg, aux->callback_subprog);
		return true;
	default:
		return false;
	}
}

void verbose_insn(struct bpf_verifier_env *env, u32 idx)
{
	char buf[BPF_DISASM_LINE_MAX];

	if (!print_pseudo_ld(env, idx, buf, sizeof(buf)))
		bpf_disasm_insn(env->insns, env->len, idx, buf, sizeof(buf));
	verbose(env, "(%02x) %s\n", env->insns[idx].code, buf);
}
