/*
 * bpf/jit/x86_64.c - the x86-64 JIT (not written yet: every program is interpreted).
 */
#include "bpf/prog.h"

int bpf_int_jit_compile(struct bpf_prog *prog)
{
	(void)prog;
	return -ENOTSUPP;
}

void bpf_jit_free(struct bpf_prog *prog)
{
	(void)prog;
}
