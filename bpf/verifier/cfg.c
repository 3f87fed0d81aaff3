/*
 * bpf/verifier/cfg.c - the program's shape, before any value is looked at.
 *
 *   check_structure   every instruction is one the instruction set defines, with valid
 *                     registers, zero reserved fields, jumps that land on instructions (never
 *                     inside a 64-bit load), and an exit or a jump last: bpf/insn.c's
 *                     structural check, whose message goes to the log.
 *   resolve_ld_imm64  which map (and offset) each 64-bit map load names, which subprogram
 *                     each function load names (the loader, bpf/prog.c, resolved the fds).
 *   check_subprogs    the subprograms: instruction 0 and every BPF-to-BPF call or function
 *                     load target start one. Jumps stay inside their subprogram, and each
 *                     one ends with an exit or a jump.
 *   check_cfg         a depth-first walk over the control flow graph from instruction 0:
 *                     every instruction must be reachable. A jump back to an instruction
 *                     still on the walk's stack is a loop; loops are allowed (Linux allows
 *                     bounded loops since 5.3) and do_check will have to see them end. The
 *                     walk also marks the prune points where states.c compares states:
 *                     conditional jumps, jump targets, the instruction after a call.
 *
 * Read next: bpf/verifier/verifier.c (do_check).
 */
#include "bpf/verifier/verifier.h"

int check_structure(struct bpf_verifier_env *env)
{
	char msg[192];
	int err;

	err = bpf_insn_check(env->prog, BPF_INSN_ALLOW_PSEUDO_LD, msg, sizeof(msg));
	if (err)
		verbose(env, "%s\n", msg);
	return err;
}

static u64 ld_imm64_value(const struct bpf_insn *insn)
{
	return (u64)(u32)insn[0].imm | (u64)(u32)insn[1].imm << 32;
}

/* The subprogram start a BPF_PSEUDO_FUNC load names (the loader made it a callback). */
static int callback_target(struct bpf_verifier_env *env, u32 idx, u32 *target)
{
	const struct bpf_prog_aux *aux = env->prog->aux;
	u64 addr = ld_imm64_value(&env->insns[idx]);

	for (u32 i = 0; aux && i < aux->nr_callbacks; i++) {
		if ((u64)(uintptr_t)aux->callbacks[i] == addr) {
			*target = aux->callbacks[i]->insn_off;
			return 0;
		}
	}
	verbose(env, "%u: function load that the loader did not resolve\n", idx);
	return -EINVAL;
}

int resolve_ld_imm64(struct bpf_verifier_env *env)
{
	for (u32 i = 0; i + 1 < env->len; i++) {
		const struct bpf_insn *insn = &env->insns[i];
		struct bpf_insn_aux_data *aux = &env->insn_aux[i];
		struct bpf_map *map;
		int err;

		if (!bpf_insn_is_ld_imm64(insn))
			continue;
		switch (insn->src_reg) {
		case 0:
			break;
		case BPF_PSEUDO_MAP_FD:
		case BPF_PSEUDO_MAP_VALUE:
			map = env->prog->aux ? bpf_prog_insn_map(env->prog, insn, &aux->map_off) : NULL;
			if (!map) {
				verbose(env, "%u: map load that the loader did not resolve\n", i);
				return -EINVAL;
			}
			aux->map_ptr = map;
			break;
		case BPF_PSEUDO_FUNC:
			err = callback_target(env, i, &aux->callback_subprog);
			if (err)
				return err;
			break;
		default:
			verbose(env, "%u: unsupported bpf_ld_imm64 source %u\n", i, insn->src_reg);
			return -EINVAL;
		}
		i++;
	}
	return 0;
}

static int add_subprog(struct bpf_verifier_env *env, s64 off)
{
	u32 cnt = env->subprog_cnt, i;

	if (off < 0 || off >= env->len) {
		verbose(env, "call to invalid destination\n");
		return -EINVAL;
	}
	for (i = 0; i < cnt; i++)
		if (env->subprog_info[i].start == off)
			return 0;
	if (cnt >= BPF_MAX_SUBPROGS) {
		verbose(env, "too many subprograms\n");
		return -E2BIG;
	}
	/* Keep them sorted by start (insertion). */
	for (i = cnt; i > 0 && env->subprog_info[i - 1].start > off; i--)
		env->subprog_info[i] = env->subprog_info[i - 1];
	memset(&env->subprog_info[i], 0, sizeof(env->subprog_info[i]));
	env->subprog_info[i].start = (u32)off;
	env->subprog_cnt++;
	return 0;
}

static bool is_exit_or_ja(const struct bpf_insn *insn)
{
	return insn->code == (BPF_JMP | BPF_EXIT) || insn->code == (BPF_JMP | BPF_JA) ||
	       insn->code == (BPF_JMP32 | BPF_JA);
}

int check_subprogs(struct bpf_verifier_env *env)
{
	const struct bpf_insn *insns = env->insns;
	u32 cur = 0;
	int err;

	env->subprog_cnt = 0;
	err = add_subprog(env, 0);
	for (u32 i = 0; !err && i < env->len; i++) {
		if (insns[i].code == (BPF_JMP | BPF_CALL) && insns[i].src_reg == BPF_PSEUDO_CALL)
			err = add_subprog(env, (s64)i + 1 + insns[i].imm);
		if (bpf_insn_is_ld_imm64(&insns[i])) {
			if (insns[i].src_reg == BPF_PSEUDO_FUNC)
				err = add_subprog(env, env->insn_aux[i].callback_subprog);
			i++;
		}
	}
	if (err)
		return err;
	env->subprog_info[env->subprog_cnt].start = env->len;

	for (u32 i = 0; i < env->len; i++) {
		if (i == env->subprog_info[cur + 1].start)
			cur++;
		env->insn_aux[i].subprogno = cur;
	}
	for (u32 i = 0; i + 1 < env->len; i++) {
		if (bpf_insn_is_ld_imm64(&insns[i]) && insns[i].src_reg == BPF_PSEUDO_FUNC) {
			int s = find_subprog(env, env->insn_aux[i].callback_subprog);

			env->insn_aux[i].callback_subprog = (u32)s;
			env->subprog_info[s].is_cb = true;
		}
	}

	for (u32 s = 0; s < env->subprog_cnt; s++) {
		u32 start = env->subprog_info[s].start, end = env->subprog_info[s + 1].start;

		if (env->log.level & BPF_LOG_LEVEL2)
			verbose(env, "func#%u @%u\n", s, start);
		for (u32 i = start; i < end; i++) {
			s64 t;

			if (bpf_insn_is_ld_imm64(&insns[i])) {
				i++;
				continue;
			}
			if (BPF_OP(insns[i].code) == BPF_CALL || !bpf_insn_jump_target(insns, i, &t))
				continue;
			if (t < start || t >= end) {
				verbose(env, "jump out of range from insn %u to %lld\n", i, (long long)t);
				return -EINVAL;
			}
		}
		/* Execution must not fall into the next subprogram. */
		if (!is_exit_or_ja(&insns[end - 1]) ||
		    (end - 1 > start && bpf_insn_is_ld_imm64(&insns[end - 2]))) {
			verbose(env, "last insn is not an exit or jmp\n");
			return -EINVAL;
		}
	}
	return 0;
}

/* ---- the depth-first walk ---- */

enum { DISCOVERED = 1, EXPLORED = 2 };

static void mark_prune_point(struct bpf_verifier_env *env, u32 idx)
{
	env->insn_aux[idx].prune_point = true;
}

static void mark_jmp_point(struct bpf_verifier_env *env, u32 idx)
{
	env->insn_aux[idx].jmp_point = true;
}

/* The successors of t (at most 3), marking prune and jump points on the way. */
static u32 successors(struct bpf_verifier_env *env, u32 t, u32 succ[3])
{
	const struct bpf_insn *insn = &env->insns[t];
	u8 class = BPF_CLASS(insn->code), op = BPF_OP(insn->code);
	u32 n = 0;
	s64 target;

	if (bpf_insn_is_ld_imm64(insn)) {
		succ[n++] = t + 2;
		if (insn->src_reg == BPF_PSEUDO_FUNC) {
			target = env->subprog_info[env->insn_aux[t].callback_subprog].start;
			mark_prune_point(env, (u32)target);
			mark_jmp_point(env, (u32)target);
			succ[n++] = (u32)target;
		}
		return n;
	}
	if (class != BPF_JMP && class != BPF_JMP32) {
		succ[n++] = t + 1;
		return n;
	}
	switch (op) {
	case BPF_EXIT:
		return 0;
	case BPF_CALL:
		/* Returning from a call continues after it, from somewhere else. */
		succ[n++] = t + 1;
		mark_prune_point(env, t + 1);
		mark_jmp_point(env, t + 1);
		if (insn->src_reg == BPF_PSEUDO_CALL) {
			mark_prune_point(env, t);
			bpf_insn_jump_target(env->insns, t, &target);
			mark_prune_point(env, (u32)target);
			mark_jmp_point(env, (u32)target);
			succ[n++] = (u32)target;
		}
		return n;
	case BPF_JA:
		bpf_insn_jump_target(env->insns, t, &target);
		mark_prune_point(env, (u32)target);
		mark_jmp_point(env, (u32)target);
		succ[n++] = (u32)target;
		return n;
	default:
		mark_prune_point(env, t);
		bpf_insn_jump_target(env->insns, t, &target);
		mark_prune_point(env, (u32)target);
		mark_jmp_point(env, (u32)target);
		succ[n++] = t + 1;
		succ[n++] = (u32)target;
		return n;
	}
}

int check_cfg(struct bpf_verifier_env *env)
{
	u32 len = env->len, sp = 0;
	u8 *state = bpf_env_alloc(len);
	u8 *next_edge = bpf_env_alloc(len);
	u32 *stack = bpf_env_alloc(len * sizeof(u32));
	int err = 0;

	if (!state || !next_edge || !stack) {
		err = -ENOMEM;
		goto out;
	}
	state[0] = DISCOVERED;
	stack[sp++] = 0;
	while (sp) {
		u32 t = stack[sp - 1], succ[3];
		u32 n = successors(env, t, succ);

		if (next_edge[t] >= n) {
			state[t] = EXPLORED;
			sp--;
			continue;
		}
		u32 w = succ[next_edge[t]++];

		if (w >= len) {
			verbose(env, "jump out of range from insn %u to %u\n", t, w);
			err = -EINVAL;
			goto out;
		}
		if (!state[w]) {
			state[w] = DISCOVERED;
			stack[sp++] = w;
		} else if (state[w] == DISCOVERED) {
			/* Back to an instruction on the current walk: a loop. */
			env->insn_aux[w].loop_head = true;
		}
	}
	for (u32 i = 0; i < len; i++) {
		if (state[i] != EXPLORED) {
			verbose(env, "unreachable insn %u\n", i);
			err = -EINVAL;
			goto out;
		}
		if (bpf_insn_is_ld_imm64(&env->insns[i]))
			i++;
	}
out:
	bpf_env_free(state);
	bpf_env_free(next_edge);
	bpf_env_free(stack);
	return err;
}
