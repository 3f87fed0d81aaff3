/*
 * bpf/verifier/verifier.c - bpf_check, the verifier's entry, and do_check, its main loop.
 *
 * bpf_prog_load (bpf/prog.c) calls bpf_check after resolving the program's map and function
 * loads and before choosing a runtime. bpf_check either accepts the program (0) or refuses
 * it (-EINVAL: malformed; -EACCES: it could touch memory it may not; -E2BIG: too large or
 * too complex; -ENOSPC: the log did not fit), writing in the log what it saw and why:
 *
 *   1. structure and control flow (cfg.c): every instruction valid and reachable;
 *   2. do_check: abstract interpretation from instruction 0 with r1 = ctx and r10 = fp,
 *      one path at a time, until every path has reached an exit or met a state already
 *      proven safe (states.c), within BPF_COMPLEXITY_LIMIT_INSNS processed instructions;
 *   3. the combined stack of every call chain (calls.c);
 *   4. the statistics line, and on refusal a plain-words explanation (explain.c).
 *
 * Each instruction is dispatched by class: ALU to alu.c, loads and stores to mem.c, jumps
 * to jmp.c, calls to calls.c, 64-bit loads here. An exit ends the path (or returns from a
 * subprogram); the next pending state is popped and the walk goes on from there.
 *
 * Read next: bpf/verifier/cfg.c, then regs.c, bounds.c, alu.c, jmp.c, mem.c, calls.c,
 * states.c, precise.c, log.c, print.c, explain.c (bpf/verifier/README.md gives the order).
 */
#include "bpf/verifier/verifier.h"

/* r0 at exit: kprobe, tracepoint, raw_tracepoint and perf_event programs may return anything. */
static bool retval_range(const struct bpf_verifier_env *env, s64 *min, s64 *max)
{
	(void)env;
	*min = S64_MIN;
	*max = S64_MAX;
	return false;
}

static int check_return_code(struct bpf_verifier_env *env)
{
	struct bpf_reg_state *r0 = &cur_regs(env)[BPF_REG_0];
	char buf[160];
	s64 min, max;
	int err;

	err = check_reg_arg(env, BPF_REG_0, SRC_OP);
	if (err)
		return err;
	if (reg_is_ptr(r0)) {
		verbose(env, "R0 leaks addr as return value\n");
		fail_note(env, FAIL_EXIT_R0, BPF_REG_0, r0);
		return -EACCES;
	}
	if (!retval_range(env, &min, &max))
		return 0;
	err = mark_chain_precision(env, BPF_REG_0);
	if (err)
		return err;
	if (r0->smin_value < min || r0->smax_value > max) {
		print_reg_brief(buf, sizeof(buf), r0);
		verbose(env, "At program exit the register R0 has %s should have been in [%lld, %lld]\n",
			buf, (long long)min, (long long)max);
		fail_note(env, FAIL_EXIT_R0, BPF_REG_0, r0);
		return -EINVAL;
	}
	return 0;
}

/* The 64-bit immediate load: a number, a map, a map value, or a function. */
static int check_ld_imm(struct bpf_verifier_env *env, const struct bpf_insn *insn)
{
	const struct bpf_insn_aux_data *aux = &env->insn_aux[env->insn_idx];
	struct bpf_reg_state *dst = &cur_regs(env)[insn->dst_reg];
	int err;

	err = check_reg_arg(env, insn->dst_reg, DST_OP_NO_MARK);
	if (err)
		return err;
	switch (insn->src_reg) {
	case 0:
		mark_reg_known(dst, (u64)(u32)insn[0].imm | (u64)(u32)insn[1].imm << 32);
		break;
	case BPF_PSEUDO_MAP_FD:
		mark_ptr_reg(dst, CONST_PTR_TO_MAP);
		dst->map_ptr = aux->map_ptr;
		break;
	case BPF_PSEUDO_MAP_VALUE:
		mark_ptr_reg(dst, PTR_TO_MAP_VALUE);
		dst->map_ptr = aux->map_ptr;
		dst->off = (s32)aux->map_off;
		break;
	case BPF_PSEUDO_FUNC:
		mark_ptr_reg(dst, PTR_TO_FUNC);
		dst->subprogno = aux->callback_subprog;
		break;
	default:
		verbose(env, "invalid BPF_LD_IMM insn\n");
		return -EINVAL;
	}
	dst->origin = env->insn_idx;
	return 0;
}

/* The instruction after prev_insn_idx in program order (a 64-bit load takes two slots). */
static bool arrived_by_jump(struct bpf_verifier_env *env)
{
	u32 prev = env->prev_insn_idx;

	if (prev == (u32)-1)
		return false;
	return env->insn_idx != prev + (bpf_insn_is_ld_imm64(&env->insns[prev]) ? 2 : 1);
}

enum { INSN_NEXT, INSN_DONE, INSN_PATH_END };

/* Check one instruction. INSN_NEXT: go to insn_idx + 1 (jumps adjust insn_idx first);
 * INSN_PATH_END: this path ended well; or a negative errno. */
static int do_check_insn(struct bpf_verifier_env *env, const struct bpf_insn *insn)
{
	u8 class = BPF_CLASS(insn->code);
	u8 op = BPF_OP(insn->code);
	int err;

	switch (class) {
	case BPF_ALU:
	case BPF_ALU64:
		return check_alu_op(env, insn);
	case BPF_LDX:
	case BPF_STX:
	case BPF_ST:
		return check_load_store(env, insn, env->insn_idx);
	case BPF_LD:
		err = check_ld_imm(env, insn);
		if (!err)
			env->insn_idx++; /* the second slot */
		return err;
	}

	/* BPF_JMP, BPF_JMP32 */
	env->jmps_processed++;
	switch (op) {
	case BPF_JA:
		env->insn_idx += class == BPF_JMP ? insn->off : insn->imm;
		return INSN_NEXT;
	case BPF_CALL:
		if (insn->src_reg == BPF_PSEUDO_CALL)
			return check_func_call(env, insn, &env->insn_idx);
		return check_helper_call(env, insn, &env->insn_idx);
	case BPF_EXIT:
		if (env->cur_state->curframe) {
			/* r0 may be unset: a function returning void. The caller may not read it. */
			err = prepare_func_exit(env, &env->insn_idx);
			if (err < 0)
				return err;
			return err ? INSN_PATH_END : INSN_NEXT;
		}
		err = check_return_code(env);
		if (!err)
			err = check_reference_leak(env, false);
		return err ? err : INSN_PATH_END;
	default:
		return check_cond_jmp_op(env, insn, &env->insn_idx);
	}
}

static int do_check(struct bpf_verifier_env *env)
{
	bool pop_log = !(env->log.level & BPF_LOG_LEVEL2);
	struct bpf_verifier_state *state = env->cur_state;
	bool do_print_state = false;
	u32 prev_insn_idx = (u32)-1;
	int err;

	for (;;) {
		const struct bpf_insn *insn;
		u32 marked, frame;

		env->prev_insn_idx = prev_insn_idx;
		env->cur_hist_ent = -1;
		if (env->insn_idx >= env->len) {
			verbose(env, "invalid insn idx %u insn_cnt %u\n", env->insn_idx, env->len);
			return -EFAULT;
		}
		insn = &env->insns[env->insn_idx];
		if (++env->insn_processed > BPF_COMPLEXITY_LIMIT_INSNS) {
			verbose(env, "BPF program is too large. Processed %u insn\n", env->insn_processed);
			env->fail.kind = FAIL_TOO_COMPLEX;
			env->fail.insn_idx = env->insn_idx;
			return -E2BIG;
		}
		env->insn_aux[env->insn_idx].visits++;
		state->last_insn_idx = env->prev_insn_idx;

		if (env->insn_aux[env->insn_idx].prune_point) {
			err = is_state_visited(env, env->insn_idx);
			if (err < 0)
				return err;
			if (err == 1) {
				/* An equivalent state was proven safe: this path is too. */
				if (env->log.level & BPF_LOG_LEVEL) {
					if (do_print_state)
						verbose(env, "\nfrom %u to %u: safe\n", env->prev_insn_idx,
							env->insn_idx);
					else
						verbose(env, "%u: safe\n", env->insn_idx);
				}
				goto process_bpf_exit;
			}
		}
		if (arrived_by_jump(env)) {
			err = push_jmp_history(env, state, 0, 0);
			if (err)
				return err;
		}

		if ((env->log.level & BPF_LOG_LEVEL2) && do_print_state) {
			verbose(env, "\nfrom %u to %u:", env->prev_insn_idx, env->insn_idx);
			print_verifier_state(env, state, state->curframe, true);
			do_print_state = false;
		}
		if (env->log.level & BPF_LOG_LEVEL) {
			if (env->scratched_regs || env->scratched_stack_slots)
				print_insn_state(env, state, state->curframe);
			env->insn_log_pos = env->log.end_pos;
			env->prev_log_pos = env->log.end_pos;
			verbose(env, "%u: ", env->insn_idx);
			verbose_insn(env, env->insn_idx);
			env->prev_insn_print_pos = env->log.end_pos - env->prev_log_pos;
			env->prev_log_pos = env->log.end_pos;
		}
		mark_verifier_state_clean(env);
		env->insn_aux[env->insn_idx].seen = true;
		prev_insn_idx = env->insn_idx;

		marked = chain_marks_before(env);
		frame = state->curframe;
		err = do_check_insn(env, insn);
		if (err < 0)
			return err;
		if (err == INSN_PATH_END)
			goto process_bpf_exit;
		chain_marks_after(env, insn, frame, marked);
		env->insn_idx++;
		continue;

process_bpf_exit:
		mark_verifier_state_scratched(env);
		update_branch_counts(env, state);
		err = pop_stack(env, &prev_insn_idx, &env->insn_idx, pop_log);
		if (err == -ENOENT)
			return 0; /* no path left */
		if (err)
			return err;
		do_print_state = true;
	}
}

static int do_check_main(struct bpf_verifier_env *env)
{
	struct bpf_verifier_state *state = bpf_env_alloc(sizeof(*state));
	struct bpf_func_state *frame;
	int err;

	if (!state)
		return -ENOMEM;
	frame = bpf_env_alloc(sizeof(*frame));
	if (!frame) {
		bpf_env_free(state);
		return -ENOMEM;
	}
	env->cur_state = state;
	state->frame[0] = frame;
	state->curframe = 0;
	state->branches = 1;
	state->first_insn_idx = 0;
	state->last_insn_idx = (u32)-1;
	init_func_state(env, frame, BPF_MAIN_FUNC, 0, 0);
	/* The program starts with its context in r1. */
	mark_ptr_reg(&frame->regs[BPF_REG_1], PTR_TO_CTX);
	mark_verifier_state_scratched(env);
	env->insn_idx = 0;
	err = do_check(env);
	return err;
}

/* Release everything do_check allocated (the current state is kept for explanations). */
static void free_states(struct bpf_verifier_env *env)
{
	struct bpf_verifier_stack_elem *elem, *next;

	for (elem = env->head; elem; elem = next) {
		next = elem->next;
		free_verifier_state(&elem->st, false);
		bpf_env_free(elem);
	}
	env->head = NULL;
	free_explored_states(env);
	if (env->cur_state) {
		free_verifier_state(env->cur_state, true);
		env->cur_state = NULL;
	}
	for (u32 i = 0; i < env->nr_cb_entries; i++)
		free_verifier_state(env->cb_entries[i], true);
	bpf_env_free(env->cb_entries);
	env->cb_entries = NULL;
	env->nr_cb_entries = 0;
}

static void print_verification_stats(struct bpf_verifier_env *env)
{
	if (env->log.level & (BPF_LOG_STATS | BPF_LOG_LEVEL2)) {
		verbose(env, "verification time %llu usec\n",
			(unsigned long long)(env->verification_time / 1000));
		verbose(env, "stack depth ");
		for (u32 i = 0; i < env->subprog_cnt; i++)
			verbose(env, "%s%u", i ? "+" : "", env->subprog_info[i].stack_depth);
		verbose(env, "\n");
	}
	verbose(env, "processed %u insns (limit %u) max_states_per_insn %u total_states %u "
		"peak_states %u mark_read %u\n", env->insn_processed, BPF_COMPLEXITY_LIMIT_INSNS,
		env->max_states_per_insn, env->total_states, env->peak_states,
		env->longest_mark_read_walk);
}

/* The verifier proper, with the log already set up. */
static int verify(struct bpf_verifier_env *env)
{
	u64 reason_pos = env->log.end_pos;
	int err;

	err = check_structure(env);
	if (!err)
		err = resolve_ld_imm64(env);
	if (!err)
		err = check_subprogs(env);
	if (!err)
		err = check_cfg(env);
	if (err) {
		env->log.reason_pos = reason_pos;
		return err;
	}
	err = do_check_main(env);
	if (err) {
		/* The reason: the failing instruction's line, the error, the explanation. */
		env->log.reason_pos = env->insn_log_pos >= env->log.start_pos ? env->insn_log_pos :
										env->log.end_pos;
		if (env->log.level)
			explain_failure(env);
		return err;
	}
	reason_pos = env->log.end_pos;
	err = check_max_stack_depth(env);
	if (err)
		env->log.reason_pos = reason_pos;
	return err;
}

int bpf_check(struct bpf_prog *prog, const union bpf_attr *attr, union bpf_attr *uattr)
{
	struct bpf_verifier_env *env;
	u64 start = bpf_env_time_ns();
	int err, log_err;

	(void)uattr;
	if (!prog || !prog->len || !prog->insnsi)
		return -EINVAL;
	env = bpf_env_alloc(sizeof(*env));
	if (!env)
		return -ENOMEM;
	env->prog = prog;
	env->insns = prog->insnsi;
	env->len = prog->len;
	env->ops = prog->aux && prog->aux->ops ? prog->aux->ops : bpf_prog_type_ops(prog->type);
	env->allow_ptr_leaks = true;
	env->prev_insn_idx = (u32)-1;
	if (attr)
		bpf_vlog_init(&env->log, attr->log_level, attr->log_buf, attr->log_size);
	else
		bpf_vlog_init(&env->log, 0, 0, 0);
	env->insn_aux = bpf_env_alloc((size_t)env->len * sizeof(*env->insn_aux));
	env->explored_states = bpf_env_alloc((size_t)env->len * sizeof(*env->explored_states));
	if (!env->ops) {
		verbose(env, "unknown program type %u\n", prog->type);
		err = -EINVAL;
	} else if (!env->insn_aux || !env->explored_states) {
		err = -ENOMEM;
	} else {
		err = verify(env);
	}
	env->verification_time = bpf_env_time_ns() - start;
	if (env->log.level) {
		bpf_vlog_mark_reason(&env->log);
		print_verification_stats(env);
	}
	if (prog->aux)
		prog->aux->verified_insns = env->insn_processed;
	free_states(env);
	log_err = bpf_vlog_finalize(&env->log);
	if (log_err)
		err = log_err;
	bpf_vlog_free(&env->log);
	bpf_env_free(env->insn_aux);
	bpf_env_free(env->explored_states);
	bpf_env_free(env);
	return err;
}
