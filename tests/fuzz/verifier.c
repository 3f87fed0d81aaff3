/*
 * tests/fuzz/verifier.c - fuzzing the verifier for escapes (libFuzzer).
 *
 * Each input makes VERIFIER_PER_INPUT random programs (tests/fuzz/verifier_gen.h): the first
 * steered by the input bytes, so that libFuzzer's coverage feedback shapes it, the others
 * from seeds derived from the input. Whatever the verifier accepts runs in the checked
 * interpreter with every memory region placed first and last; any access it stops is an
 * escape: the program, the verifier's log and the interpreter's message are printed, and the
 * target aborts so that libFuzzer keeps the input. Refusals are fine; crashes, hangs and
 * sanitizer reports are not.
 *
 *	build/host/fuzz_verifier -max_total_time=60 build/fuzz-corpus/fuzz_verifier
 *
 * At exit it prints how many programs were accepted and run. For long runs without
 * libFuzzer: build/host/bench_verifier --fuzz N (tests/bench/verifier.c).
 */
#include "tests/fuzz/verifier_gen.h"

#define VERIFIER_PER_INPUT 4

static unsigned long long programs, accepted;

static void print_count(void)
{
	fprintf(stderr, "fuzz_verifier: %llu programs, %llu accepted and run: no escape\n", programs,
		accepted);
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	if (vg_setup()) {
		fprintf(stderr, "fuzz_verifier: cannot create the maps\n");
		abort();
	}
	atexit(print_count);
	return 0;
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);
int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	static struct vgen g;
	static char log[1 << 20];
	u64 seed = 0;
	char msg[256];

	for (size_t i = 0; i < size && i < 8; i++)
		seed = seed << 8 | data[i];
	for (u32 k = 0; k < VERIFIER_PER_INPUT; k++) {
		vg_generate(&g, k ? NULL : data, k ? 0 : size, seed + k);
		if (g.overflow)
			continue;
		programs++;
		if (vg_verify(g.insns, g.len, NULL, 0, 0))
			continue;
		accepted++;
		if (!vg_run(g.insns, g.len, msg, sizeof(msg)))
			continue;
		fprintf(stderr, "fuzz_verifier: ESCAPE: %s\nprogram:\n", msg);
		vg_dump(g.insns, g.len, stderr);
		vg_verify(g.insns, g.len, log, sizeof(log), 2);
		fprintf(stderr, "log:\n%s", log);
		abort();
	}
	return 0;
}
