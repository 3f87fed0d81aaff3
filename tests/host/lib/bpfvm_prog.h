/*
 * tests/host/lib/bpfvm_prog.h - bpfvm's --prog-type mode: the program is loaded and run
 * through the bpf() command layer as a program of a Linux type, with maps and Linux's helpers.
 * tests/host/bpfvm.c parses the options and calls bpfvm_run_prog_type.
 */
#ifndef TESTS_HOST_BPFVM_PROG_H
#define TESTS_HOST_BPFVM_PROG_H

#include "bpf/env.h"
#include "bpf/uapi/bpf.h"

#define BPFVM_MAX_MAPS 64

struct bpfvm_prog_opts {
	const char *prog_type;		  /* "kprobe", "tracepoint", ... */
	const char *maps[BPFVM_MAX_MAPS]; /* TYPE:KEY_SIZE:VALUE_SIZE:MAX_ENTRIES, in order */
	u32 nr_maps;
	const u8 *ctx; /* the context bytes (--ctx), may be NULL */
	size_t ctx_len;
	u32 repeat; /* --repeat N; 0: once */
	bool dump_maps;
	bool jit; /* JIT-compile (--jit) or interpret */
	bool verify;	/* --verify: load only, print the verifier's log (exit 1 if refused) */
	u32 log_level; /* --log-level N for --verify; 0 means 1 */
};

/*
 * Create the maps, point each 64-bit map load with imm N at the N-th map, load the program
 * (printing the log when it is refused), run it through BPF_PROG_TEST_RUN, print r0 and, with
 * dump_maps, every map. Messages go to stderr prefixed "bpfvm: ". The exit status: 0 or 1.
 */
int bpfvm_run_prog_type(const struct bpfvm_prog_opts *opts, struct bpf_insn *insns, u32 len);

#endif /* TESTS_HOST_BPFVM_PROG_H */
