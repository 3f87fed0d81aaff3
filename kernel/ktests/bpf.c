/*
 * kernel/ktests/bpf.c - the eBPF runtime inside the kernel: a program JIT-compiled into the
 * vmap area (read-only and executable, never writable and executable at once), the interpreter
 * agreeing with it, the bpf_jit_enable switch, and nothing leaked.
 */
#include "kernel/ktest.h"
#include "kernel/mm/mm.h"
#include "kernel/arch/x86/trap.h"
#include "bpf/prog.h"

/* r0 = 0; for (r2 = 100; r2 != 0; r2--) r0 += r1 * r2; exit  ==  r1 * 5050 */
static const struct bpf_insn sum_prog[] = {
	{ BPF_ALU64 | BPF_MOV | BPF_K, 0, 0, 0, 0 },    /* r0 = 0 */
	{ BPF_ALU64 | BPF_MOV | BPF_K, 2, 0, 0, 100 },  /* r2 = 100 */
	{ BPF_ALU64 | BPF_MOV | BPF_X, 3, 1, 0, 0 },    /* r3 = r1 */
	{ BPF_ALU64 | BPF_MUL | BPF_X, 3, 2, 0, 0 },    /* r3 *= r2 */
	{ BPF_ALU64 | BPF_ADD | BPF_X, 0, 3, 0, 0 },    /* r0 += r3 */
	{ BPF_ALU64 | BPF_SUB | BPF_K, 2, 0, 0, 1 },    /* r2 -= 1 */
	{ BPF_JMP | BPF_JNE | BPF_K, 2, 0, -5, 0 },     /* if r2 != 0 goto pc-5 */
	{ BPF_JMP | BPF_EXIT, 0, 0, 0, 0 },             /* exit */
};

KTEST(bpf_jit_in_kernel)
{
	int saved = bpf_jit_enable;
	struct bpf_prog *prog = bpf_prog_alloc(sum_prog, ARRAY_SIZE(sum_prog));
	struct fault_catch fc;
	u64 *pte;

	KT_ASSERT(prog, "bpf_prog_alloc failed");
	bpf_jit_enable = 1;
	KT_ASSERT(bpf_prog_select_runtime(prog) == 0, "select_runtime failed");
	bpf_jit_enable = saved;
	KT_ASSERT(prog->jited, "the kernel JIT did not compile the program");
	KT_ASSERT((u64)prog->jit_image >= VMAP_BASE, "image outside the vmap area");
	pte = vmm_pte(kernel_pml4, (u64)prog->jit_image);
	KT_ASSERT(pte && !(*pte & PTE_W) && !(*pte & PTE_NX), "image pte %#llx is not R+X",
		  pte ? *pte : 0);
	KT_ASSERT_EQ(prog->bpf_func(3, 0, prog), 3 * 5050);
	KT_ASSERT_EQ(___bpf_prog_run(3, 0, prog), 3 * 5050);
	if (fault_catch_begin(&fc) == 0) {
		*(volatile u8 *)prog->jit_image = 0xc3;
		fault_catch_end(&fc);
		bpf_prog_free(prog);
		KT_ASSERT(0, "the JIT image is writable");
	}
	KT_ASSERT(fc.vector == X86_TRAP_PF && (fc.error_code & PF_WRITE), "wrong fault");
	bpf_prog_free(prog);
}

KTEST(bpf_jit_disabled_interprets)
{
	int saved = bpf_jit_enable;
	struct bpf_prog *prog = bpf_prog_alloc(sum_prog, ARRAY_SIZE(sum_prog));

	KT_ASSERT(prog, "bpf_prog_alloc failed");
	bpf_jit_enable = 0;
	KT_ASSERT(bpf_prog_select_runtime(prog) == 0, "select_runtime failed");
	bpf_jit_enable = saved;
	KT_ASSERT(!prog->jited, "compiled although bpf_jit_enable was 0");
	KT_ASSERT_EQ(bpf_prog_run(prog, (void *)7), 7 * 5050);
	bpf_prog_free(prog);
}
