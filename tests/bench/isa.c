/*
 * tests/bench/isa.c - build/host/bench_isa: how fast the interpreter and the JIT run BPF
 * programs, next to the same computation written in C (gcc -O2). `make bench` runs it.
 *
 * Four programs, written in assembly (bpf/asm.h):
 *   arith   a tight arithmetic loop, about 3 million executed instructions
 *   bytesum the sum of the bytes of 64 KiB of memory
 *   fnv1a   the 64-bit FNV-1a hash of the same 64 KiB
 *   calls   a loop making 100000 BPF-to-BPF calls to a small function
 * For each: ns per run, ns per executed instruction (the count comes from the checked
 * interpreter, which counts them), and the ratio to C; for the interpreter
 * (___bpf_prog_run) and for the JIT image (through bpf_prog_select_runtime), with the JIT's
 * speed relative to the interpreter. "n/a" when there is no JIT. Every engine's result is
 * compared with C's; a mismatch is printed and makes the exit status 1.
 *
 * The C versions read their inputs through volatile variables and their results go to a
 * volatile sink, so the compiler can neither fold them nor drop them. Each figure is the best
 * of several batches, each batch long enough (about 50 ms) for the clock not to matter.
 * No figure is asserted: this prints, it does not test.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bpf/asm.h"
#include "bpf/insn.h"
#include "bpf/prog.h"

#define MEM_SIZE (64 * 1024)
#define ARITH_ITERS 375000 /* 8 instructions each */
#define CALL_ITERS 100000
#define BATCHES 7
#define BATCH_NS 50000000ull

static const char arith_text[] =
	"	r0 = r1\n"
	"	r3 = r2\n"
	"	r4 = 0x12345\n"
	"loop:	r0 += r3\n"
	"	r0 ^= r4\n"
	"	r5 = r0\n"
	"	r5 >>= 3\n"
	"	r0 -= r5\n"
	"	r4 *= 3\n"
	"	r3 += -1\n"
	"	if r3 != 0 goto loop\n"
	"	exit\n";

static const char bytesum_text[] =
	"	r0 = 0\n"
	"	r3 = r1\n"
	"	r3 += r2\n"
	"loop:	r4 = *(u8 *)(r1 +0)\n"
	"	r0 += r4\n"
	"	r1 += 1\n"
	"	if r1 < r3 goto loop\n"
	"	exit\n";

static const char fnv1a_text[] =
	"	r0 = 0xcbf29ce484222325 ll\n"
	"	r5 = 0x100000001b3 ll\n"
	"	r3 = r1\n"
	"	r3 += r2\n"
	"loop:	r4 = *(u8 *)(r1 +0)\n"
	"	r0 ^= r4\n"
	"	r0 *= r5\n"
	"	r1 += 1\n"
	"	if r1 < r3 goto loop\n"
	"	exit\n";

static const char calls_text[] =
	"	r6 = r2\n"
	"	r7 = r1\n"
	"loop:	r1 = r6\n"
	"	r2 = r7\n"
	"	call mix\n"
	"	r7 = r0\n"
	"	r6 += -1\n"
	"	if r6 != 0 goto loop\n"
	"	r0 = r7\n"
	"	exit\n"
	"mix:	r0 = r2\n"
	"	r0 *= 31\n"
	"	r0 += r1\n"
	"	r0 ^= 0x55\n"
	"	exit\n";

static __attribute__((noinline)) u64 c_arith(u64 seed, u64 n)
{
	u64 r0 = seed, r4 = 0x12345;

	for (u64 r3 = n; r3; r3--) {
		r0 += r3;
		r0 ^= r4;
		r0 -= r0 >> 3;
		r4 *= 3;
	}
	return r0;
}

static __attribute__((noinline)) u64 c_bytesum(u64 mem, u64 len)
{
	const u8 *p = (const u8 *)(uintptr_t)mem;
	u64 sum = 0;

	for (u64 i = 0; i < len; i++)
		sum += p[i];
	return sum;
}

static __attribute__((noinline)) u64 c_fnv1a(u64 mem, u64 len)
{
	const u8 *p = (const u8 *)(uintptr_t)mem;
	u64 h = 0xcbf29ce484222325ull;

	for (u64 i = 0; i < len; i++) {
		h ^= p[i];
		h *= 0x100000001b3ull;
	}
	return h;
}

static __attribute__((noinline)) u64 c_mix(u64 a, u64 b)
{
	return (b * 31 + a) ^ 0x55;
}

static __attribute__((noinline)) u64 c_calls(u64 seed, u64 n)
{
	u64 acc = seed;

	for (u64 i = n; i; i--)
		acc = c_mix(i, acc);
	return acc;
}

struct bench {
	const char *name;
	const char *text;
	u64 (*c_fn)(u64 r1, u64 r2);
	bool mem;     /* r1 = the 64 KiB buffer, r2 = its size; else r1 = seed, r2 = r2 */
	u64 r2;
};

static const struct bench benches[] = {
	{ "arith", arith_text, c_arith, false, ARITH_ITERS },
	{ "bytesum", bytesum_text, c_bytesum, true, MEM_SIZE },
	{ "fnv1a", fnv1a_text, c_fnv1a, true, MEM_SIZE },
	{ "calls", calls_text, c_calls, false, CALL_ITERS },
};

static u8 *buffer;
static volatile u64 input_seed = 0x9e3779b97f4a7c15ull;
static volatile u64 sink;

/* One engine: a program, or C when prog is NULL. */
struct engine {
	const struct bench *b;
	const struct bpf_prog *prog;
};

static u64 run_once(const struct engine *e)
{
	u64 r1 = e->b->mem ? (u64)(uintptr_t)buffer : input_seed;
	u64 r2 = e->b->r2;

	if (!e->prog)
		return e->b->c_fn(r1, r2);
	return e->prog->bpf_func(r1, r2, e->prog);
}

/* Best ns per run over BATCHES batches; *result gets what one run returned. */
static double measure(const struct engine *e, u64 *result)
{
	double best = 0;
	u64 reps = 1, t0, t;

	*result = run_once(e);
	/* Grow the batch until it lasts BATCH_NS. */
	for (;;) {
		t0 = bpf_env_time_ns();
		for (u64 i = 0; i < reps; i++)
			sink = run_once(e);
		t = bpf_env_time_ns() - t0;
		if (t >= BATCH_NS)
			break;
		reps = t ? reps * 2 : reps * 16;
	}
	for (int batch = 0; batch < BATCHES; batch++) {
		double per_run;

		t0 = bpf_env_time_ns();
		for (u64 i = 0; i < reps; i++)
			sink = run_once(e);
		per_run = (double)(bpf_env_time_ns() - t0) / (double)reps;
		if (!batch || per_run < best)
			best = per_run;
	}
	return best;
}

static struct bpf_prog *load(const struct bench *b)
{
	struct bpf_insn *insns;
	struct bpf_prog *prog;
	char msg[256];
	u32 len;

	if (bpf_asm(b->text, &insns, &len, msg, sizeof(msg))) {
		fprintf(stderr, "bench_isa: %s: %s\n", b->name, msg);
		exit(1);
	}
	prog = bpf_prog_alloc(insns, len);
	bpf_env_free(insns);
	if (!prog || bpf_insn_check(prog, 0, msg, sizeof(msg))) {
		fprintf(stderr, "bench_isa: %s: %s\n", b->name, prog ? msg : "out of memory");
		exit(1);
	}
	return prog;
}

/* Executed instructions of one run, counted by the checked interpreter. */
static u64 count_insns(const struct bench *b, const struct bpf_prog *prog, u64 *result)
{
	struct bpf_interp_check chk = { 0 };
	u64 r1 = b->mem ? (u64)(uintptr_t)buffer : input_seed;

	chk.mem = b->mem ? buffer : NULL;
	chk.mem_len = b->mem ? MEM_SIZE : 0;
	if (bpf_interp_run_checked(prog, r1, b->r2, &chk)) {
		fprintf(stderr, "bench_isa: %s: %s\n", b->name, chk.msg);
		exit(1);
	}
	*result = chk.r0;
	return chk.insns;
}

int main(void)
{
	int mismatches = 0;

	buffer = malloc(MEM_SIZE);
	for (u32 i = 0; i < MEM_SIZE; i++)
		buffer[i] = (u8)(i * 2654435761u >> 13);

	printf("%-8s %9s | %11s %7s %6s | %11s %7s %6s %8s\n", "program", "insns", "interp ns",
	       "ns/insn", "x C", "jit ns", "ns/insn", "x C", "jit/int");
	for (size_t i = 0; i < ARRAY_SIZE(benches); i++) {
		const struct bench *b = &benches[i];
		struct bpf_prog *interp = load(b), *jit = load(b);
		struct engine c_engine = { b, NULL }, int_engine = { b, interp };
		struct engine jit_engine = { b, jit };
		u64 c_result, int_result, jit_result, checked_result;
		u64 insns = count_insns(b, interp, &checked_result);
		double c_ns, int_ns, jit_ns = 0;
		char jit_cols[64];

		bpf_jit_enable = 0;
		bpf_prog_select_runtime(interp);
		bpf_jit_enable = 1;
		bpf_prog_select_runtime(jit);

		c_ns = measure(&c_engine, &c_result);
		int_ns = measure(&int_engine, &int_result);
		if (jit->jited) {
			jit_ns = measure(&jit_engine, &jit_result);
			snprintf(jit_cols, sizeof(jit_cols), "%11.0f %7.3f %6.1f %8.2f", jit_ns,
				 jit_ns / (double)insns, jit_ns / c_ns, int_ns / jit_ns);
		} else {
			jit_result = c_result;
			snprintf(jit_cols, sizeof(jit_cols), "%11s %7s %6s %8s", "n/a", "n/a", "n/a",
				 "n/a");
		}
		printf("%-8s %9llu | %11.0f %7.3f %6.1f | %s\n", b->name, (unsigned long long)insns,
		       int_ns, int_ns / (double)insns, int_ns / c_ns, jit_cols);
		if (int_result != c_result || checked_result != c_result || jit_result != c_result) {
			printf("  MISMATCH %s: C 0x%llx, checked 0x%llx, interp 0x%llx, jit 0x%llx\n",
			       b->name, (unsigned long long)c_result,
			       (unsigned long long)checked_result, (unsigned long long)int_result,
			       (unsigned long long)jit_result);
			mismatches++;
		}
		bpf_prog_free(interp);
		bpf_prog_free(jit);
	}
	printf("C: gcc -O2, ns per run. x C: time relative to C. jit/int: the JIT's speedup over "
	       "the interpreter.\n");
	free(buffer);
	return mismatches ? 1 : 0;
}
