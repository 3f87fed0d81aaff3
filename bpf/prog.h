/*
 * bpf/prog.h - struct bpf_prog, the loaded program, and the runtime that executes it.
 *
 * A program is an array of struct bpf_insn plus the function that runs it: the interpreter
 * (bpf/interp.c) or a JIT image (bpf/jit/). bpf_prog_select_runtime chooses between them, as
 * Linux's does. By the time a program runs, its 64-bit immediate loads of pseudo sources
 * (map fd, map value) hold plain addresses: the loader resolves them.
 *
 * Read next: bpf/interp.c, then bpf/jit/x86_64.c.
 */
#ifndef BPF_PROG_H
#define BPF_PROG_H

#include "bpf/env.h"
#include "bpf/uapi/bpf.h"

struct bpf_prog;
struct bpf_prog_aux;

/* A helper function, called with BPF r1 to r5; its result lands in r0. */
typedef u64 (*bpf_helper_fn)(u64 r1, u64 r2, u64 r3, u64 r4, u64 r5);

/*
 * The entry point of a program, interpreter or JIT image alike: r1 and r2 on entry (the
 * kernel's attach paths pass the context and 0), the program itself for the interpreter.
 * Returns r0 at exit.
 */
typedef u64 (*bpf_func_t)(u64 r1, u64 r2, const struct bpf_prog *prog);

#define BPF_MAX_CALL_DEPTH 8 /* frames of BPF-to-BPF calls, the main one included */

struct bpf_prog {
	u32 len;                     /* number of instructions (a 64-bit load counts two) */
	struct bpf_insn *insnsi;     /* the instructions, owned by the program */
	const bpf_helper_fn *helpers; /* helper table indexed by BPF_FUNC_* id */
	u32 nr_helpers;              /* entries in helpers; a call to an id past it is refused */
	bpf_func_t bpf_func;         /* how to run it: ___bpf_prog_run or the JIT image */
	bool jited;                  /* bpf_func is a JIT image */
	void *jit_image;             /* start of the image (bpf_env_jit_alloc) */
	u32 jited_len;               /* bytes of machine code */
	u32 jit_image_size;          /* bytes allocated for the image */

	/* The object side, filled by the load path (bpf/prog_aux.h); zero for bare programs. */
	struct bpf_prog_aux *aux;    /* references, id, name, maps used, statistics */
	u32 type;                    /* enum bpf_prog_type */
	u32 expected_attach_type;    /* enum bpf_attach_type */
	u8 tag[BPF_TAG_SIZE];        /* SHA-1 of the instructions, map fds cleared */
	bool gpl_compatible;         /* the license allows gpl_only helpers */
};

/* Allocate a program holding a copy of len instructions; NULL when out of memory. */
struct bpf_prog *bpf_prog_alloc(const struct bpf_insn *insns, u32 len);
/* Free a program and its JIT image. */
void bpf_prog_free(struct bpf_prog *prog);

/*
 * Choose how the program runs: JIT-compiled when bpf_jit_enable is set and the JIT accepts
 * it, the interpreter otherwise. With BPF_JIT_ALWAYS_ON a JIT failure is an error.
 * 0 or a negative errno.
 */
int bpf_prog_select_runtime(struct bpf_prog *prog);

/* The JIT: compile prog to machine code, set bpf_func and jited. 0 or a negative errno. */
int bpf_int_jit_compile(struct bpf_prog *prog);
/* Release the JIT image of prog, if it has one. */
void bpf_jit_free(struct bpf_prog *prog);

/* The interpreter, usable as a bpf_func_t. */
u64 ___bpf_prog_run(u64 r1, u64 r2, const struct bpf_prog *prog);

/*
 * The checked interpreter (bpf/interp.c built with BPF_INTERP_CHECKED), for programs no
 * verifier has seen: every memory access must fall in mem or a live stack frame, and at most
 * insn_limit instructions run (0: BPF_INTERP_INSN_LIMIT). 0 with r0 set, or a negative errno
 * with msg naming the instruction ("insn 7: out-of-bounds store of 8 bytes at mem+60 ...").
 */
#define BPF_INTERP_INSN_LIMIT 100000000ull
struct bpf_interp_check {
	void *mem;      /* in: the memory the program may use besides its stacks */
	u64 mem_len;    /* in: its size in bytes */
	u64 insn_limit; /* in: instruction budget */
	u64 r0;         /* out: the program's result */
	u64 insns;      /* out: instructions executed */
	char msg[192];  /* out: why the program was stopped */
};
int bpf_interp_run_checked(const struct bpf_prog *prog, u64 r1, u64 r2,
			   struct bpf_interp_check *chk);

/* 1: JIT-compile programs (the default); 0: interpret them. Linux's net.core.bpf_jit_enable. */
extern int bpf_jit_enable;

/*
 * Run statistics (run_cnt, run_time_ns), on while bpf_stats_enabled is non-zero: BPF_ENABLE_STATS
 * fds and the kernel.bpf_stats_enabled sysctl each count one. bpf_prog_run_stats (bpf/prog.c)
 * is bpf_prog_run with the counting.
 */
extern int bpf_stats_enabled;
u64 bpf_prog_run_stats(const struct bpf_prog *prog, const void *ctx);

/* Run a program on a context, the way attach points call it. */
static inline u64 bpf_prog_run(const struct bpf_prog *prog, const void *ctx)
{
	if (__builtin_expect(bpf_stats_enabled, 0) && prog->aux)
		return bpf_prog_run_stats(prog, ctx);
	return prog->bpf_func((u64)(uintptr_t)ctx, 0, prog);
}

/*
 * Tail calls (bpf_tail_call(ctx, prog_array, index)): the interpreter asks for the program in
 * slot index of the PROG_ARRAY map (r2, r3); NULL when the slot is empty or out of range, and
 * the program goes on after the call. At most MAX_TAIL_CALL_CNT tail calls per run. (The JIT
 * reads the array itself: bpf/jit/x86_64.c.) Defined in bpf/maps/prog_array.c.
 */
#define MAX_TAIL_CALL_CNT 33
const struct bpf_prog *bpf_tail_call_target(u64 map, u64 index);

#endif /* BPF_PROG_H */
