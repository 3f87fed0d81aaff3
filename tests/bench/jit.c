/*
 * tests/bench/jit.c - build/host/bench_jit: what the JIT costs and what it gains, beyond the
 * per-program figures of bench_isa (tests/bench/isa.c). `make bench` runs it.
 *
 *   compile  time to compile a 4096-instruction program (ALU, memory, short and long
 *            jumps, helper and BPF-to-BPF calls) and the random programs of jit_gen.h;
 *            passes and image size (one compile's log line), bytes of x86 per instruction
 *   calls    ns per program entry and exit, per helper call, per BPF-to-BPF call, for the
 *            interpreter and the JIT
 * Figures are the best (and, for compile times, the median) of several runs; none is
 * asserted.
 *
 *   bench_jit --diff N [SEED]   run N random programs (tests/fuzz/jit_gen.h) through the
 *                               interpreter and the JIT, compare r0, memory and stack; print
 *                               the count, exit 1 on the first mismatch. The libFuzzer
 *                               target (tests/fuzz/jit_diff.c) does the same, guided.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bpf/prog.h"
#include "tests/fuzz/jit_gen.h"

extern int bpf_env_verbose;

#define INSN(c, d, s, o, i) \
	((struct bpf_insn){ .code = (c), .dst_reg = (d), .src_reg = (s), .off = (o), .imm = (i) })

static u64 helper_first(u64 r1, u64 r2, u64 r3, u64 r4, u64 r5)
{
	return r1;
}

static const bpf_helper_fn helpers[] = { [1] = helper_first };

static struct bpf_prog *new_prog(const struct bpf_insn *insns, u32 len)
{
	struct bpf_prog *prog = bpf_prog_alloc(insns, len);

	if (!prog) {
		fprintf(stderr, "bench_jit: out of memory\n");
		exit(1);
	}
	prog->helpers = helpers;
	prog->nr_helpers = ARRAY_SIZE(helpers);
	return prog;
}

static int cmp_u64(const void *a, const void *b)
{
	u64 x = *(const u64 *)a, y = *(const u64 *)b;

	return x < y ? -1 : x > y;
}

/*
 * A 4096-instruction program of the usual mix: blocks of ALU work on r0-r9, loads and stores
 * on the stack, a conditional jump over a few instructions (rel8), every 512 instructions a
 * jump to near the end (rel32), a helper call now and then, and a small subprogram.
 */
static u32 make_big_program(struct bpf_insn *insns, u32 n)
{
	static const u8 ops[] = { BPF_ADD, BPF_SUB, BPF_MUL, BPF_OR, BPF_AND, BPF_XOR, BPF_LSH,
				  BPF_RSH, BPF_ARSH, BPF_MOV, BPF_DIV, BPF_MOD };
	u32 len = 0, sub = n - 3, tail = n - 8;
	u64 rng = 42;

	for (u8 r = BPF_REG_0; r <= BPF_REG_9; r++)
		insns[len++] = INSN(BPF_ALU64 | BPF_MOV | BPF_K, r, 0, 0, r * 7 + 1);
	while (len < tail - 8) {
		u32 pick;

		rng = rng * 6364136223846793005ull + 1442695040888963407ull;
		pick = (u32)(rng >> 33) % 16;
		if (pick < 9) {
			u8 op = ops[(rng >> 20) % ARRAY_SIZE(ops)];
			u8 src = (rng >> 40) & 1 ? BPF_X : BPF_K;

			u8 dst = (u8)((rng >> 44) % 10);
			u8 sreg = src == BPF_X ? (u8)((rng >> 48) % 10) : 0;

			insns[len++] = INSN(((rng >> 41) & 1 ? BPF_ALU64 : BPF_ALU) | op | src, dst,
					    sreg, 0, (s32)((rng >> 52) % 60) + 1);
		} else if (pick < 11) {
			insns[len++] = INSN(BPF_STX | BPF_MEM | BPF_DW, BPF_REG_10, (u8)(pick % 10),
					    -8 * (s16)(1 + (rng >> 50) % 60), 0);
		} else if (pick < 13) {
			insns[len++] = INSN(BPF_LDX | BPF_MEM | BPF_W, (u8)((rng >> 44) % 10),
					    BPF_REG_10, -8 * (s16)(1 + (rng >> 50) % 60), 0);
		} else if (pick < 15) {
			insns[len++] = INSN(BPF_JMP | BPF_JGT | BPF_X, (u8)((rng >> 44) % 10),
					    (u8)((rng >> 48) % 10), (s16)(1 + (rng >> 54) % 6), 0);
		} else if (len % 64 < 8) {
			insns[len++] = INSN(BPF_JMP | BPF_CALL, 0, 0, 0, 1);
		} else {
			insns[len] = INSN(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0,
					  (s32)(sub - len - 1));
			len++;
		}
		if (len % 512 == 0) {
			insns[len] = INSN(BPF_JMP | BPF_JEQ | BPF_K, BPF_REG_0, 0,
					  (s16)(tail - len - 1), 12345);
			len++;
		}
	}
	while (len < tail)
		insns[len++] = INSN(BPF_ALU64 | BPF_ADD | BPF_K, BPF_REG_0, 0, 0, 1);
	while (len < sub - 1)
		insns[len++] = INSN(BPF_ALU64 | BPF_XOR | BPF_K, BPF_REG_0, 0, 0, 3);
	insns[len++] = INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0);
	/* the subprogram: r0 = r1 + 1 */
	insns[len++] = INSN(BPF_ALU64 | BPF_MOV | BPF_X, BPF_REG_0, BPF_REG_1, 0, 0);
	insns[len++] = INSN(BPF_ALU64 | BPF_ADD | BPF_K, BPF_REG_0, 0, 0, 1);
	insns[len++] = INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0);
	return len;
}

/* Compile prog runs times; report the best and median time and the image size. */
static void time_compiles(const char *name, struct bpf_prog *prog, u32 runs)
{
	u64 *ns = calloc(runs, sizeof(*ns));
	u32 bytes = 0;

	for (u32 i = 0; i < runs; i++) {
		u64 start = bpf_env_time_ns();

		if (bpf_int_jit_compile(prog)) {
			fprintf(stderr, "bench_jit: %s: the JIT refused the program\n", name);
			exit(1);
		}
		ns[i] = bpf_env_time_ns() - start;
		bytes = prog->jited_len;
		bpf_jit_free(prog);
	}
	qsort(ns, runs, sizeof(*ns), cmp_u64);
	printf("%-26s %6u %9.1f %9.1f %8u %7.2f\n", name, prog->len, ns[0] / 1000.0,
	       ns[runs / 2] / 1000.0, bytes, (double)bytes / prog->len);
	free(ns);
}

static void bench_compile(void)
{
	static struct bpf_insn insns[4096];
	static struct jit_gen g;
	struct bpf_prog *prog;
	u32 len = make_big_program(insns, ARRAY_SIZE(insns));
	u64 total_ns = 0, total_insns = 0, total_bytes = 0, best = ~0ull;
	const u32 progs = 2000;

	printf("compile                     insns   best us median us    bytes  B/insn\n");
	prog = new_prog(insns, len);
	/* One compile with the JIT's log on: its pass count and image size. */
	fflush(stdout);
	bpf_env_verbose = 1;
	if (bpf_int_jit_compile(prog)) {
		fprintf(stderr, "bench_jit: the JIT refused the 4096-instruction program\n");
		exit(1);
	}
	bpf_env_verbose = 0;
	bpf_jit_free(prog);
	time_compiles("4096-insn program", prog, 200);
	bpf_prog_free(prog);

	for (u32 i = 0; i < progs; i++) {
		u64 start, ns;

		if (!jit_gen_program(&g, NULL, 0, 1000 + i, 4 + i % 40))
			continue;
		prog = new_prog(g.insns, g.len);
		prog->helpers = jg_helpers;
		prog->nr_helpers = ARRAY_SIZE(jg_helpers);
		start = bpf_env_time_ns();
		if (bpf_int_jit_compile(prog)) {
			fprintf(stderr, "bench_jit: the JIT refused a generated program\n");
			exit(1);
		}
		ns = bpf_env_time_ns() - start;
		total_ns += ns;
		best = ns < best ? ns : best;
		total_insns += g.len;
		total_bytes += prog->jited_len;
		bpf_prog_free(prog);
	}
	printf("%-26s %6.0f %9.1f %9.1f %8.0f %7.2f  (mean of %u)\n", "random programs (jit_gen)",
	       (double)total_insns / progs, best / 1000.0, total_ns / 1000.0 / progs,
	       (double)total_bytes / progs, (double)total_bytes / total_insns, progs);
}

/* Best over several batches of ns per call of prog->bpf_func (or the interpreter). */
static double ns_per_run(struct bpf_prog *prog, bool jit, u64 r1, u32 calls, u64 expect)
{
	double best = 1e30;

	for (int batch = 0; batch < 7; batch++) {
		u64 start = bpf_env_time_ns(), sum = 0;

		for (u32 i = 0; i < calls; i++)
			sum += jit ? prog->bpf_func(r1, 0, prog) : ___bpf_prog_run(r1, 0, prog);
		if (sum != expect * calls) {
			fprintf(stderr, "bench_jit: wrong result\n");
			exit(1);
		}
		double ns = (double)(bpf_env_time_ns() - start) / calls;

		best = ns < best ? ns : best;
	}
	return best;
}

/* ns per run of a program; for loops of n iterations, the cost of one iteration. */
static void bench_call_row(const char *name, const struct bpf_insn *insns, u32 len, u64 r1,
			   u64 expect, u32 calls, double per)
{
	struct bpf_prog *prog = new_prog(insns, len);
	double interp, jit;

	if (bpf_int_jit_compile(prog)) {
		fprintf(stderr, "bench_jit: the JIT refused %s\n", name);
		exit(1);
	}
	interp = ns_per_run(prog, false, r1, calls, expect) / per;
	jit = ns_per_run(prog, true, r1, calls, expect) / per;
	printf("%-34s %10.2f %10.2f %8.1f\n", name, interp, jit, interp / jit);
	bpf_prog_free(prog);
}

static void bench_calls(void)
{
	const struct bpf_insn entry[] = {
		INSN(BPF_ALU64 | BPF_MOV | BPF_X, BPF_REG_0, BPF_REG_1, 0, 0),
		INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0),
	};
	/* r6 = 1000; loop: r1 = r6; call helper_first; r6 -= 1; if r6 != 0 goto loop */
	const struct bpf_insn helper_loop[] = {
		INSN(BPF_ALU64 | BPF_MOV | BPF_K, BPF_REG_6, 0, 0, 1000),
		INSN(BPF_ALU64 | BPF_MOV | BPF_X, BPF_REG_1, BPF_REG_6, 0, 0),
		INSN(BPF_JMP | BPF_CALL, 0, 0, 0, 1),
		INSN(BPF_ALU64 | BPF_SUB | BPF_K, BPF_REG_6, 0, 0, 1),
		INSN(BPF_JMP | BPF_JNE | BPF_K, BPF_REG_6, 0, -4, 0),
		INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0),
	};
	/* the same loop calling a subprogram r0 = r1 */
	const struct bpf_insn sub_loop[] = {
		INSN(BPF_ALU64 | BPF_MOV | BPF_K, BPF_REG_6, 0, 0, 1000),
		INSN(BPF_ALU64 | BPF_MOV | BPF_X, BPF_REG_1, BPF_REG_6, 0, 0),
		INSN(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, 3),
		INSN(BPF_ALU64 | BPF_SUB | BPF_K, BPF_REG_6, 0, 0, 1),
		INSN(BPF_JMP | BPF_JNE | BPF_K, BPF_REG_6, 0, -4, 0),
		INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0),
		INSN(BPF_ALU64 | BPF_MOV | BPF_X, BPF_REG_0, BPF_REG_1, 0, 0),
		INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0),
	};

	printf("\ncalls (ns)                         interpreter        jit  speedup\n");
	bench_call_row("program entry and exit", entry, ARRAY_SIZE(entry), 7, 7, 2000000, 1);
	bench_call_row("helper call, in a loop (per call)", helper_loop, ARRAY_SIZE(helper_loop),
		       0, 1, 20000, 1000);
	bench_call_row("BPF-to-BPF call, in a loop", sub_loop, ARRAY_SIZE(sub_loop), 0, 1, 20000,
		       1000);
}

/* The standalone differential driver: N random programs from SEED on. */
static int run_diff(u64 n, u64 seed)
{
	static struct jit_gen g;
	u8 buf[JG_BUF_SIZE];
	char msg[256];
	u64 ran = 0, insns = 0, start = bpf_env_time_ns();

	for (u64 i = 0; i < n; i++) {
		u64 s = seed + i;

		if (!jit_gen_program(&g, NULL, 0, s, 4 + (u32)(s % 40)))
			continue;
		jit_gen_buffer(buf, s);
		if (jit_diff_check(g.insns, g.len, buf, msg, sizeof(msg))) {
			printf("bench_jit --diff: seed %llu: %s\n", (unsigned long long)s, msg);
			return 1;
		}
		ran++;
		insns += g.len;
		if (ran % 1000000 == 0) {
			printf("  %llu programs, no mismatch\n", (unsigned long long)ran);
			fflush(stdout);
		}
	}
	printf("bench_jit --diff: %llu programs (seeds %llu..%llu, %.1f insns each), JIT and "
	       "interpreter agreed on all, in %.0f s\n", (unsigned long long)ran,
	       (unsigned long long)seed, (unsigned long long)(seed + n - 1),
	       ran ? (double)insns / ran : 0.0, (bpf_env_time_ns() - start) / 1e9);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 3 && !strcmp(argv[1], "--diff"))
		return run_diff(strtoull(argv[2], NULL, 0),
				argc > 3 ? strtoull(argv[3], NULL, 0) : 1);
	if (argc > 1) {
		fprintf(stderr, "usage: bench_jit [--diff N [SEED]]\n");
		return 2;
	}
	bench_compile();
	bench_calls();
	return 0;
}
