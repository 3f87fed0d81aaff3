/*
 * bpf/verifier/explain.c - why a program was refused, in plain words, at the end of the log.
 *
 * Linux's log ends with the verifier's own terse reason ("R0 invalid mem access
 * 'map_value_or_null'"). glass adds what it means for the program and where it comes from:
 *
 *   R0 invalid mem access 'map_value_or_null'
 *   R0 may be NULL here: bpf_map_lookup_elem at insn 5 can return NULL, and the path
 *   5 -> 6 -> 9 has no check.
 *     Compare R0 with 0 first ("if r0 == 0 goto ...") and use it only where it is not 0.
 *
 * The checks that refuse a program note what went wrong (fail_note: which register, its
 * state, where its value came from: the origin field of struct bpf_reg_state). The path is
 * the one the verifier was following when it stopped, read back from the path history of
 * the current state and its parents (states.c): the instructions where the path left
 * straight-line order, from the value's origin to the failing instruction.
 *
 * Read next: bpf/verifier/README.md for the reading order of the whole verifier.
 */
#include "bpf/disasm.h"
#include "bpf/verifier/verifier.h"

#define PATH_POINTS_MAX 4096
#define PATH_SHOWN 14

void fail_note(struct bpf_verifier_env *env, enum bpf_fail_kind kind, u32 regno,
	       const struct bpf_reg_state *reg)
{
	struct bpf_verifier_failure *f = &env->fail;

	if (f->kind != FAIL_NONE || kind == FAIL_NONE)
		return;
	f->kind = kind;
	f->insn_idx = env->insn_idx;
	f->regno = regno;
	if (reg) {
		f->reg = *reg;
		f->origin = reg->origin;
	}
}

/* ---- the path ---- */

struct path_walk {
	struct bpf_verifier_state *st;
	u32 hist_end;
	u32 i;
};

/*
 * One step back along the path: false at its start. *jumped: not from the insn before.
 * A state's segment starts at its first_insn_idx the first time through (a loop may pass it
 * again): when no jump before it is left in the history. Then the walk goes on in the parent
 * state, from the instruction that state's segment ended with.
 */
static bool walk_prev(struct bpf_verifier_env *env, struct path_walk *w, bool *jumped)
{
	struct bpf_verifier_state *st = w->st;
	u32 i = w->i, seq_prev, prev;
	bool start = i == st->first_insn_idx &&
		     (w->hist_end == 0 || (w->hist_end == 1 && st->jmp_history[0].idx == i));

	seq_prev = i >= 2 && bpf_insn_is_ld_imm64(&env->insns[i - 2]) ? i - 2 : i - 1;
	if (w->hist_end > 0 && st->jmp_history[w->hist_end - 1].idx == i)
		prev = st->jmp_history[--w->hist_end].prev_idx;
	else
		prev = seq_prev;
	if (start) {
		st = st->parent;
		if (!st)
			return false;
		prev = st->last_insn_idx;
		w->st = st;
		w->hist_end = st->jmp_history_cnt;
	}
	if (prev == (u32)-1 || prev >= env->len)
		return false;
	*jumped = prev != seq_prev;
	w->i = prev;
	return true;
}

static bool is_cond_jump(const struct bpf_insn *insn)
{
	u8 class = BPF_CLASS(insn->code), op = BPF_OP(insn->code);

	return (class == BPF_JMP || class == BPF_JMP32) && op != BPF_JA && op != BPF_CALL &&
	       op != BPF_EXIT;
}

/*
 * The path from the last time it passed insn from (or from its start) to the current
 * instruction, as "5 -> 6 -> 9": where it starts, every conditional jump it passed (where a
 * check could have been), every other place it jumped from and to, where it ends.
 * skip_first: from is also where the path ends (a loop).
 */
static void describe_path(struct bpf_verifier_env *env, u32 from, bool skip_first, char *buf,
			  size_t size)
{
	u32 *pts = bpf_env_alloc(PATH_POINTS_MAX * sizeof(u32));
	struct path_walk w = { env->cur_state, env->cur_state->jmp_history_cnt, env->insn_idx };
	u32 n = 0, steps = 0, start;
	size_t len = 0;
	bool jumped, found = false;

	buf[0] = '\0';
	if (!pts)
		return;
	/* Collected backwards: the end, the points on the way, the start. */
	pts[n++] = env->insn_idx;
	if (!skip_first && env->insn_idx == from) {
		found = true;
	} else {
		while (steps++ < 4 * BPF_COMPLEXITY_LIMIT_INSNS) {
			u32 at = w.i;

			if (!walk_prev(env, &w, &jumped))
				break;
			if (jumped && n + 2 < PATH_POINTS_MAX) {
				pts[n++] = at;
				pts[n++] = w.i;
			} else if (is_cond_jump(&env->insns[w.i]) && n + 1 < PATH_POINTS_MAX) {
				pts[n++] = w.i;
			}
			if (w.i == from) {
				found = true;
				break;
			}
		}
	}
	start = found ? from : w.i;
	if (pts[n - 1] != start)
		pts[n++] = start;
	/* Forwards, without repeating a number, eliding the middle of a long path. */
	for (u32 k = n, shown = 0, total = 0; k-- > 0;) {
		if (k + 1 < n && pts[k] == pts[k + 1])
			continue;
		total++;
		if (n > 2 * PATH_SHOWN && total > PATH_SHOWN / 2 && k >= PATH_SHOWN / 2) {
			if (total == PATH_SHOWN / 2 + 1)
				len += (size_t)snprintf(buf + len, len < size ? size - len : 0, " -> ...");
			continue;
		}
		len += (size_t)snprintf(buf + len, len < size ? size - len : 0, "%s%u",
					shown++ ? " -> " : "", pts[k]);
		if (len >= size)
			break;
	}
	/* A loop of one instruction: it jumps to itself. */
	if (skip_first && n > 1 && !strchr(buf, '-'))
		snprintf(buf + len, len < size ? size - len : 0, " -> %u", from);
	bpf_env_free(pts);
}

/* ---- one explanation per kind of failure ---- */

static const char *helper_at(struct bpf_verifier_env *env, u32 idx)
{
	const struct bpf_insn *insn = &env->insns[idx];
	const char *name;

	if (idx >= env->len || insn->code != (BPF_JMP | BPF_CALL) || insn->src_reg)
		return NULL;
	name = bpf_helper_name(insn->imm);
	return name ? name : "a helper";
}

static void explain_maybe_null(struct bpf_verifier_env *env, const struct bpf_verifier_failure *f,
			       char *path, size_t size)
{
	const char *helper = helper_at(env, f->origin);

	describe_path(env, f->origin, false, path, size);
	if (helper)
		verbose(env, "R%u may be NULL here: %s at insn %u can return NULL, and the path %s "
			"has no check.\n", f->regno, helper, f->origin, path);
	else
		verbose(env, "R%u may be NULL here (it was made at insn %u), and the path %s has no "
			"check.\n", f->regno, f->origin, path);
	verbose(env, "  Compare R%u with 0 first (\"if r%u == 0 goto ...\") and use it only where "
		"it is not 0.\n", f->regno, f->regno);
}

/* The most recent call on the path, or -1: it leaves r1-r5 unreadable. */
static s64 last_call_on_path(struct bpf_verifier_env *env)
{
	struct path_walk w = { env->cur_state, env->cur_state->jmp_history_cnt, env->insn_idx };
	u32 steps = 0;
	bool jumped;

	while (steps++ < 4 * BPF_COMPLEXITY_LIMIT_INSNS && walk_prev(env, &w, &jumped)) {
		if (env->insns[w.i].code == (BPF_JMP | BPF_CALL))
			return w.i;
	}
	return -1;
}

static void explain_uninit_reg(struct bpf_verifier_env *env, const struct bpf_verifier_failure *f,
			       char *path, size_t size)
{
	s64 call = last_call_on_path(env);
	const struct bpf_insn *exit = &env->insns[f->insn_idx];
	const char *helper;

	describe_path(env, call >= 0 ? (u32)call : 0, false, path, size);
	if (f->regno == BPF_REG_0 && exit->code == (BPF_JMP | BPF_EXIT)) {
		verbose(env, "R0 holds the return value at exit, but nothing on the path %s sets it.\n",
			path);
		verbose(env, "  Set it (for example \"r0 = 0\") before the exit.\n");
		return;
	}
	if (call >= 0 && f->regno >= BPF_REG_1 && f->regno <= BPF_REG_5) {
		helper = helper_at(env, (u32)call);
		verbose(env, "R%u is read at insn %u, but the call at insn %u%s%s%s leaves r1-r5 "
			"unreadable, and nothing on the path %s sets R%u again.\n", f->regno,
			f->insn_idx, (u32)call, helper ? " (" : "", helper ? helper : "",
			helper ? ")" : "", path, f->regno);
		verbose(env, "  Calls keep only r6-r9 (and r10): keep values that must survive a call "
			"there, or on the stack.\n");
		return;
	}
	if (call >= 0 && f->regno == BPF_REG_0 && (helper = helper_at(env, (u32)call))) {
		verbose(env, "R0 is read at insn %u, but %s at insn %u returns nothing, and nothing on "
			"the path %s sets R0.\n", f->insn_idx, helper, (u32)call, path);
		return;
	}
	describe_path(env, 0, false, path, size);
	verbose(env, "R%u is read at insn %u, but no instruction on the path %s writes it first.\n",
		f->regno, f->insn_idx, path);
	if (env->cur_state->curframe && f->regno >= BPF_REG_6)
		verbose(env, "  A called function starts with only r1-r5 (its arguments) and r10 set.\n");
}

static void explain_uninit_stack(struct bpf_verifier_env *env,
				 const struct bpf_verifier_failure *f, char *path, size_t size)
{
	const struct bpf_insn *insn = &env->insns[f->insn_idx];
	const char *helper = helper_at(env, f->insn_idx);

	describe_path(env, 0, false, path, size);
	if (helper) {
		verbose(env, "%s reads memory on the stack through R%u, but the byte at fp%d was "
			"never written on the path %s.\n", helper, f->regno, f->off, path);
		verbose(env, "  Write the whole buffer first (for example store 0 into it), or pass a "
			"smaller size.\n");
		return;
	}
	verbose(env, "insn %u reads %d byte%s at fp%d, but nothing on the path %s writes %s "
		"first.\n", f->insn_idx, f->size, f->size > 1 ? "s" : "", f->off, path,
		f->size > 1 ? "them" : "it");
	if (BPF_CLASS(insn->code) == BPF_LDX)
		verbose(env, "  Stack memory starts out unset; store to it before loading from it.\n");
}

static void explain_mem_bounds(struct bpf_verifier_env *env, const struct bpf_verifier_failure *f,
			       char *path, size_t size)
{
	const struct bpf_reg_state *reg = &f->reg;
	bool map = base_type(reg->type) == PTR_TO_MAP_VALUE;
	u32 mem_size = map ? reg->map_ptr->value_size : reg->mem_size;
	s64 lo = (s64)f->off + reg->smin_value;
	s64 hi = (s64)f->off + (s64)(reg->umax_value < BPF_MAX_VAR_OFF ? reg->umax_value :
								     BPF_MAX_VAR_OFF) + f->size;

	describe_path(env, f->origin, false, path, size);
	if (tnum_is_const(reg->var_off)) {
		verbose(env, "R%u points to byte %d of a %s of %u bytes, so the %d-byte access at insn %u "
			"would reach byte %lld.\n", f->regno, f->off, map ? "map value" : "record",
			mem_size, f->size, f->insn_idx, (long long)(f->off + f->size - 1));
		verbose(env, "  Valid offsets are 0 to %u.\n", mem_size ? mem_size - 1 : 0);
		return;
	}
	verbose(env, "R%u points into a %s of %u bytes at offset %d plus a variable part that can be "
		"anywhere in [%lld, %llu] on the path %s, so the %d-byte access at insn %u may "
		"touch bytes [%lld, %lld).\n", f->regno, map ? "map value" : "record", mem_size,
		f->off, (long long)reg->smin_value, (unsigned long long)reg->umax_value, path,
		f->size, f->insn_idx, (long long)lo, (long long)hi);
	if (reg->smin_value < 0)
		verbose(env, "  The variable part may be negative: compare it as an unsigned number, or "
			"check that it is >= 0.\n");
	else if (mem_size >= (u32)f->size + (u32)f->off)
		verbose(env, "  A %d-byte access here may start at most %u bytes past the fixed offset: "
			"compare the variable part with that bound before adding it.\n", f->size,
			mem_size - (u32)f->size - (u32)f->off);
}

static void explain_loop(struct bpf_verifier_env *env, const struct bpf_verifier_failure *f,
			 char *path, size_t size)
{
	describe_path(env, f->loop_head, true, path, size);
	verbose(env, "insn %u is reached again in the same state, on the path %s: nothing the loop "
		"depends on changes from one iteration to the next, so it never ends.\n",
		f->loop_head, path);
	verbose(env, "  A loop needs a counter that changes and a comparison with a bound (for "
		"example \"r1 += 1; if r1 < 100 goto ...\").\n");
}

static void explain_too_complex(struct bpf_verifier_env *env)
{
	u32 hot = 0, head = 0, head_visits = 0;

	for (u32 i = 0; i < env->len; i++) {
		if (env->insn_aux[i].visits > env->insn_aux[hot].visits)
			hot = i;
		if (env->insn_aux[i].loop_head && env->insn_aux[i].visits > head_visits) {
			head = i;
			head_visits = env->insn_aux[i].visits;
		}
	}
	if (env->stack_size > BPF_COMPLEXITY_LIMIT_JMP_SEQ) {
		verbose(env, "The verifier had %u paths waiting to be explored (the limit is %u): each "
			"conditional jump it cannot decide leaves one more behind.\n", env->stack_size,
			BPF_COMPLEXITY_LIMIT_JMP_SEQ);
		verbose(env, "  Fewer undecided branches in a row (for example, checks that do not "
			"depend on values unknown to the verifier) help.\n");
		return;
	}
	verbose(env, "The verifier processed %u instructions without finishing every path (the "
		"limit is %u); insn %u alone was processed %u times.\n", env->insn_processed,
		BPF_COMPLEXITY_LIMIT_INSNS, hot, env->insn_aux[hot].visits);
	if (head_visits)
		verbose(env, "  The loop starting at insn %u was entered %u times: the verifier goes "
			"around a loop once per iteration, so its bound must be a constant small "
			"enough to fit the budget (or use bpf_loop).\n", head, head_visits);
	else
		verbose(env, "  Every undecided conditional jump doubles the paths to explore; fewer "
			"branches, or branches that depend on fewer values, help.\n");
}

static void explain_leaked_ref(struct bpf_verifier_env *env, const struct bpf_verifier_failure *f,
			       char *path, size_t size)
{
	const char *helper = helper_at(env, f->origin);

	describe_path(env, f->origin, false, path, size);
	verbose(env, "%s at insn %u returns a record that must be passed to bpf_ringbuf_submit or "
		"bpf_ringbuf_discard before the program ends; on the path %s it never is.\n",
		helper ? helper : "the call", f->origin, path);
}

static void explain_exit_r0(struct bpf_verifier_env *env, const struct bpf_verifier_failure *f)
{
	char buf[160];

	if (env->cur_state->frame[env->cur_state->curframe]->in_callback_fn) {
		verbose(env, "A bpf_loop callback returns 0 to go on or 1 to stop; set R0 to one of "
			"them before its exit.\n");
		return;
	}
	print_reg_brief(buf, sizeof(buf), &f->reg);
	verbose(env, "R0 is the program's return value, a number, but here it holds a pointer (%s).\n",
		buf);
}

static void explain_bad_arg(struct bpf_verifier_env *env, const struct bpf_verifier_failure *f)
{
	char buf[160];

	print_reg_brief(buf, sizeof(buf), &f->reg);
	verbose(env, "Argument %u of %s (R%u) is %s, which is not what %s takes there.\n", f->regno,
		f->what[0] ? f->what : "the helper", f->regno, buf, f->what[0] ? f->what : "it");
	if (f->reg.type == SCALAR_VALUE)
		verbose(env, "  A number cannot stand for a pointer: pass a pointer to the stack "
			"(r10 plus an offset), to a map value, or the map itself.\n");
}

static void explain_bad_ptr(struct bpf_verifier_env *env, const struct bpf_verifier_failure *f)
{
	if (base_type(f->reg.type) == CONST_PTR_TO_MAP) {
		verbose(env, "R%u points to a map itself, which a program cannot read or write; its "
			"values are reached through bpf_map_lookup_elem.\n", f->regno);
		return;
	}
	verbose(env, "R%u holds a %s, not a pointer a program may load from or store to.\n", f->regno,
		f->reg.type == SCALAR_VALUE ? "number" : reg_type_str(f->reg.type));
	verbose(env, "  Memory is reached through pointers to the stack (r10), the context (r1 at "
		"the start), a map value (after a NULL check) or a ring buffer record; other memory "
		"is read with bpf_probe_read_kernel.\n");
}

void explain_failure(struct bpf_verifier_env *env)
{
	const struct bpf_verifier_failure *f = &env->fail;
	char path[256];

	if (!env->cur_state)
		return;
	switch (f->kind) {
	case FAIL_MAYBE_NULL:
		explain_maybe_null(env, f, path, sizeof(path));
		break;
	case FAIL_UNINIT_REG:
		explain_uninit_reg(env, f, path, sizeof(path));
		break;
	case FAIL_UNINIT_STACK:
		explain_uninit_stack(env, f, path, sizeof(path));
		break;
	case FAIL_MEM_BOUNDS:
		explain_mem_bounds(env, f, path, sizeof(path));
		break;
	case FAIL_INFINITE_LOOP:
		explain_loop(env, f, path, sizeof(path));
		break;
	case FAIL_TOO_COMPLEX:
		explain_too_complex(env);
		break;
	case FAIL_LEAKED_REF:
		explain_leaked_ref(env, f, path, sizeof(path));
		break;
	case FAIL_EXIT_R0:
		explain_exit_r0(env, f);
		break;
	case FAIL_HELPER_ARG:
		explain_bad_arg(env, f);
		break;
	case FAIL_BAD_PTR:
		explain_bad_ptr(env, f);
		break;
	default:
		break;
	}
}
