/*
 * Bounded loops as clang writes them at -O2 (unrolling turned off): over a map value's
 * array, with an early exit, nested, and one whose bound comes from the context but is
 * capped.
 *
 * map data: array 4 128 1
 */
#include <linux/bpf.h>
#include <linux/ptrace.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

struct data {
	__u32 vals[32];
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct data);
} data SEC(".maps");

SEC("kprobe/sum")
int sum_values(struct pt_regs *ctx)
{
	__u32 key = 0, sum = 0;
	struct data *d = bpf_map_lookup_elem(&data, &key);

	if (!d)
		return 0;
#pragma clang loop unroll(disable)
	for (int i = 0; i < 32; i++)
		sum += d->vals[i];
	return sum;
}

SEC("kprobe/find")
int find_value(struct pt_regs *ctx)
{
	__u32 key = 0, want = PT_REGS_PARM1(ctx);
	struct data *d = bpf_map_lookup_elem(&data, &key);

	if (!d)
		return -1;
#pragma clang loop unroll(disable)
	for (int i = 0; i < 32; i++)
		if (d->vals[i] == want)
			return i;
	return -1;
}

SEC("kprobe/grid")
int nested(struct pt_regs *ctx)
{
	__u64 acc = PT_REGS_PARM1(ctx);

#pragma clang loop unroll(disable)
	for (int i = 0; i < 8; i++)
#pragma clang loop unroll(disable)
		for (int j = 0; j < 8; j++)
			acc = acc * 31 + i * j;
	return acc & 0xff;
}

SEC("kprobe/capped")
int capped(struct pt_regs *ctx)
{
	__u64 n = PT_REGS_PARM1(ctx);
	__u32 key = 0, total = 0;
	struct data *d = bpf_map_lookup_elem(&data, &key);

	if (!d)
		return 0;
	if (n > 32)
		n = 32;
#pragma clang loop unroll(disable)
	for (__u64 i = 0; i < n; i++)
		total += d->vals[i];
	return total;
}

char LICENSE[] SEC("license") = "GPL";
