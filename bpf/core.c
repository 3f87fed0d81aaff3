/*
 * bpf/core.c - program allocation and runtime selection.
 *
 * bpf_prog_select_runtime is the last step of loading (after the verifier): it tries the JIT
 * and falls back to the interpreter, the order Linux uses. Build with BPF_JIT_ALWAYS_ON to
 * make the JIT mandatory, as Linux's CONFIG_BPF_JIT_ALWAYS_ON.
 */
#include "bpf/prog.h"

int bpf_jit_enable = 1;

struct bpf_prog *bpf_prog_alloc(const struct bpf_insn *insns, u32 len)
{
	struct bpf_prog *prog = bpf_env_alloc(sizeof(*prog));

	if (!prog)
		return NULL;
	prog->insnsi = bpf_env_alloc(len ? len * sizeof(*insns) : 1);
	if (!prog->insnsi) {
		bpf_env_free(prog);
		return NULL;
	}
	if (len)
		memcpy(prog->insnsi, insns, len * sizeof(*insns));
	prog->len = len;
	prog->bpf_func = ___bpf_prog_run;
	return prog;
}

void bpf_prog_free(struct bpf_prog *prog)
{
	if (!prog)
		return;
	bpf_jit_free(prog);
	bpf_env_free(prog->insnsi);
	bpf_env_free(prog);
}

int bpf_prog_select_runtime(struct bpf_prog *prog)
{
	int err = -ENOTSUPP;

	prog->bpf_func = ___bpf_prog_run;
	prog->jited = false;
	if (bpf_jit_enable) {
		err = bpf_int_jit_compile(prog);
		if (!err)
			return 0;
	}
#ifdef BPF_JIT_ALWAYS_ON
	return err ? err : -ENOTSUPP;
#else
	(void)err;
	return 0;
#endif
}
