/*
 * user/bpf/subprogs.bpf.c - functions that stay functions: a BPF-to-BPF call and a bpf_loop
 * callback, both in .text, which the loader appends to the program that uses them.
 *
 * sum_squares returns 0*0 + 1*1 + ... + 9*9 = 285: bpf_loop calls add_square ten times, and
 * add_square calls square, which __noinline keeps a real call. Run it with
 * bpfobj -r /bpf/subprogs.bpf.o (BPF_PROG_TEST_RUN).
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

static __noinline __u64 square(__u64 x)
{
	return x * x;
}

static long add_square(__u32 index, void *ctx)
{
	*(__u64 *)ctx += square(index);
	return 0;
}

SEC("raw_tracepoint/sys_enter")
int sum_squares(void *ctx)
{
	__u64 sum = 0;

	bpf_loop(10, add_square, &sum, 0);
	return (int)sum;
}

char LICENSE[] SEC("license") = "GPL";
