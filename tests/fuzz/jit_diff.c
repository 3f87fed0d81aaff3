/*
 * tests/fuzz/jit_diff.c - differential fuzzing of the JIT against the interpreter (libFuzzer).
 *
 * Each input makes JIT_DIFF_PER_INPUT valid random programs (tests/fuzz/jit_gen.h): the first
 * steered by the input bytes, so libFuzzer's coverage feedback shapes it, the others from
 * seeds derived from the input. Each runs through the checked interpreter and the JIT on the
 * same memory; r0, the buffer and the stack (dumped into the buffer) must be equal. A
 * mismatch prints the program as hex and aborts, so libFuzzer keeps the input.
 *
 *	build/host/fuzz_jit_diff -max_total_time=60 build/fuzz-corpus/fuzz_jit_diff
 *
 * At exit it prints how many programs ran. For long runs without libFuzzer, see
 * build/host/bench_jit --diff N (tests/bench/jit.c).
 */
#include "tests/fuzz/jit_gen.h"

#define JIT_DIFF_PER_INPUT 4

static unsigned long long programs_run;

static void print_count(void)
{
	fprintf(stderr, "jit_diff: %llu programs, JIT and interpreter agreed on all\n",
		programs_run);
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	atexit(print_count);
	return 0;
}

static void report(const struct jit_gen *g, const char *msg)
{
	fprintf(stderr, "jit_diff: mismatch: %s\nprogram (%u insns, hex):\n", msg, g->len);
	for (u32 i = 0; i < g->len; i++) {
		const u8 *b = (const u8 *)&g->insns[i];

		fprintf(stderr, "%4u: %02x %02x %02x %02x %02x %02x %02x %02x\n", i, b[0], b[1],
			b[2], b[3], b[4], b[5], b[6], b[7]);
	}
	abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct jit_gen g;
	u8 buf[JG_BUF_SIZE];
	char msg[256];
	u64 hash = 0xcbf29ce484222325ull;

	for (size_t i = 0; i < size; i++)
		hash = (hash ^ data[i]) * 0x100000001b3ull;
	for (u32 k = 0; k < JIT_DIFF_PER_INPUT; k++) {
		u64 seed = hash + k;

		if (!jit_gen_program(&g, k ? NULL : data, size, seed, 4 + (u32)(seed % 40)))
			continue;
		jit_gen_buffer(buf, seed);
		if (jit_diff_check(g.insns, g.len, buf, msg, sizeof(msg)))
			report(&g, msg);
		programs_run++;
	}
	return 0;
}
