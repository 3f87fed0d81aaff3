/*
 * tests/bench/verifier.c - how fast the verifier works, and a long-run soundness driver.
 *
 *   bench_verifier                 the figures (make bench):
 *     - a bounded loop of 100,000 iterations (4 instructions each, like the loop Linux's
 *       verifier processes as 400,015 instructions in 83 ms on this machine): processed
 *       instructions per second;
 *     - a loop with no bound the verifier can see, stopped at the 1,000,000-instruction
 *       limit (Linux: about 160 ms);
 *     - a straight-line program of 4096 instructions (Linux: about 1 ms to load one).
 *   bench_verifier --fuzz N [SEED] N random programs (tests/fuzz/verifier_gen.h) from SEED:
 *                                  every one the verifier accepts runs in the checked
 *                                  interpreter; prints how many were accepted, and stops at
 *                                  the first escape with the program and its log.
 *
 * Figures are printed, never asserted.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tests/fuzz/verifier_gen.h"

static u64 now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (u64)ts.tv_sec * 1000000000ull + (u64)ts.tv_nsec;
}

/* Verify once; the processed count comes from the log's statistics line. */
static int verify_once(struct bpf_insn *insns, u32 len, u32 *processed)
{
	static char log[4096];
	const char *p;
	int err;

	err = vg_verify(insns, len, log, sizeof(log), 4 /* BPF_LOG_STATS */);
	p = strstr(log, "processed ");
	*processed = p ? (u32)strtoul(p + 10, NULL, 10) : 0;
	return err;
}

static int assemble(const char *text, struct bpf_insn **insns, u32 *len)
{
	char err[256];

	if (bpf_asm(text, insns, len, err, sizeof(err))) {
		fprintf(stderr, "bench_verifier: assembler: %s\n", err);
		return -1;
	}
	return 0;
}

/* Best time of a few rounds of verifying text, and what one verification processed. */
static int time_program(const char *name, const char *text, int expect_err, u32 rounds)
{
	struct bpf_insn *insns;
	u32 len, processed = 0;
	u64 best = ~0ull;
	int err = 0;

	if (assemble(text, &insns, &len))
		return 1;
	for (u32 r = 0; r < rounds; r++) {
		u64 t0 = now_ns();

		err = verify_once(insns, len, &processed);
		t0 = now_ns() - t0;
		if (t0 < best)
			best = t0;
	}
	bpf_env_free(insns);
	if (err != expect_err) {
		printf("%-34s unexpected result %d\n", name, err);
		return 1;
	}
	printf("%-34s %8u insns processed in %8.3f ms: %6.2f M insns/s\n", name, processed,
	       best / 1e6, processed / (best / 1e9) / 1e6);
	return 0;
}

/* A straight line of 4096 instructions: ALU, stack stores and loads, compares of known values. */
static char *straight_line_text(void)
{
	size_t size = 4096 * 48, len = 0;
	char *text = malloc(size);
	u32 n = 0;

	len += (size_t)snprintf(text + len, size - len, "r6 = r1\n");
	n++;
	for (u32 r = 0; r <= 9; r++, n++)
		if (r != 6)
			len += (size_t)snprintf(text + len, size - len, "r%u = %u\n", r, r * 3 + 1);
	while (n < 4095) {
		u32 r = n % 10 == 6 ? 7 : n % 10, s = (n * 7) % 10 == 6 ? 8 : (n * 7) % 10;

		switch (n % 6) {
		case 0:
			len += (size_t)snprintf(text + len, size - len, "r%u += r%u\n", r, s);
			break;
		case 1:
			len += (size_t)snprintf(text + len, size - len, "r%u &= 0xffff\n", r);
			break;
		case 2:
			len += (size_t)snprintf(text + len, size - len,
						"*(u64 *)(r10 -%u) = r%u\n", 8 * (n % 32 + 1), r);
			break;
		case 3:
			len += (size_t)snprintf(text + len, size - len,
						"r%u = *(u64 *)(r10 -%u)\n", r, 8 * ((n - 1) % 32 + 1));
			break;
		case 4:
			len += (size_t)snprintf(text + len, size - len, "w%u ^= %u\n", r, n);
			break;
		default:
			len += (size_t)snprintf(text + len, size - len, "r%u = *(u64 *)(r6 +%u)\n", r,
						8 * (n % 21));
			break;
		}
		n++;
	}
	snprintf(text + len, size - len, "exit\n");
	return text;
}

static int run_bench(void)
{
	char *line;
	int bad = 0;

	if (vg_setup()) {
		fprintf(stderr, "bench_verifier: cannot create maps\n");
		return 1;
	}
	printf("verifier (best of several runs; Linux on this machine: 400,015 insns in 83 ms, "
	       "the 1M limit in about 160 ms, a 4096-insn program in about 1 ms)\n");
	bad |= time_program("bounded loop, 100000 iterations",
			    "r1 = 0\n"
			    "r0 = 0\n"
			    "loop:\n"
			    "r2 = r1\n"
			    "r2 &= 7\n"
			    "r1 += 1\n"
			    "if r1 < 100000 goto loop\n"
			    "exit\n",
			    0, 5);
	bad |= time_program("unbounded loop, to the 1M limit",
			    "r1 = 0\n"
			    "r0 = 0\n"
			    "loop:\n"
			    "r2 = r1\n"
			    "r2 &= 7\n"
			    "r1 += 1\n"
			    "if r1 < 100000000 goto loop\n"
			    "exit\n",
			    -E2BIG, 5);
	line = straight_line_text();
	bad |= time_program("straight line, 4096 insns", line, 0, 200);
	free(line);
	return bad;
}

/* The standalone soundness driver: N random programs from SEED on. */
static int run_fuzz(u64 n, u64 seed)
{
	static char log[1 << 20];
	u64 accepted = 0, insns = 0, t0 = now_ns();
	struct vgen *g = malloc(sizeof(*g));
	char msg[256];

	if (!g || vg_setup()) {
		fprintf(stderr, "bench_verifier --fuzz: setup failed\n");
		return 1;
	}
	for (u64 s = seed; s < seed + n; s++) {
		vg_generate(g, NULL, 0, s);
		if (g->overflow || vg_verify(g->insns, g->len, NULL, 0, 0))
			continue;
		accepted++;
		insns += g->len;
		if (vg_run(g->insns, g->len, msg, sizeof(msg))) {
			printf("bench_verifier --fuzz: ESCAPE at seed %llu: %s\n",
			       (unsigned long long)s, msg);
			vg_dump(g->insns, g->len, stdout);
			vg_verify(g->insns, g->len, log, sizeof(log), 2);
			printf("%s", log);
			return 1;
		}
		if (accepted % 1000000 == 0)
			fprintf(stderr, "bench_verifier --fuzz: %llu accepted so far (seed %llu)\n",
				(unsigned long long)accepted, (unsigned long long)s);
	}
	printf("bench_verifier --fuzz: %llu programs (seeds %llu..%llu), %llu accepted (%.1f insns "
	       "each) and run in the checked interpreter: 0 escapes, %.1f s\n",
	       (unsigned long long)n, (unsigned long long)seed, (unsigned long long)(seed + n - 1),
	       (unsigned long long)accepted, accepted ? (double)insns / accepted : 0.0,
	       (now_ns() - t0) / 1e9);
	free(g);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 3 && !strcmp(argv[1], "--fuzz"))
		return run_fuzz(strtoull(argv[2], NULL, 0),
				argc >= 4 ? strtoull(argv[3], NULL, 0) : 1);
	if (argc > 1) {
		fprintf(stderr, "usage: bench_verifier [--fuzz N [SEED]]\n");
		return 2;
	}
	return run_bench();
}
