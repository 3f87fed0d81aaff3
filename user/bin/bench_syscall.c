/*
 * bench_syscall.c - the round trip of a null system call.
 *
 *     bench_syscall [calls]
 *
 * Times `calls` (default 1000000) getpid() calls with clock_gettime around the loop and prints
 * nanoseconds per call, best of five runs. It prints figures only; `make bench` shows them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include <sys/syscall.h>

/* getpid with nothing around it: the instruction, as the C library would inline it */
static inline long raw_getpid(void)
{
	long ret;

	asm volatile("syscall" : "=a"(ret) : "a"(__NR_getpid) : "rcx", "r11", "memory");
	return ret;
}

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

int main(int argc, char **argv)
{
	long calls = argc > 1 ? atol(argv[1]) : 1000000;
	long long best = -1;

	if (calls <= 0) {
		fprintf(stderr, "usage: bench_syscall [calls]\n");
		return 2;
	}
	for (int run = 0; run < 5; run++) {
		long long t0 = now_ns(), dt;

		for (long i = 0; i < calls; i++)
			raw_getpid();
		dt = now_ns() - t0;
		if (best < 0 || dt < best)
			best = dt;
	}
	printf("getpid round trip: %lld.%lld ns per call (%ld calls, best of 5)\n",
	       best / calls, (best * 10 / calls) % 10, calls);
	return 0;
}
