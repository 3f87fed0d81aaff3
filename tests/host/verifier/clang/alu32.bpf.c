/*
 * 32-bit code (compiled with -mcpu=v3): u32 arithmetic on w registers, JMP32 comparisons
 * that bound an index, zero extension into 64-bit pointer arithmetic.
 *
 * map table: array 4 256 1
 */
#include <linux/bpf.h>
#include <linux/ptrace.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

struct table {
	__u8 bytes[256];
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct table);
} table SEC(".maps");

SEC("kprobe/index")
int index32(struct pt_regs *ctx)
{
	__u32 key = 0, i = (__u32)PT_REGS_PARM1(ctx), j = (__u32)PT_REGS_PARM2(ctx);
	struct table *t = bpf_map_lookup_elem(&table, &key);

	if (!t)
		return 0;
	i = (i * 7 + 3) >> 2;
	if (i >= 256)
		return 0;
	j &= 0xff;
	t->bytes[j] = t->bytes[i] + 1;
	return t->bytes[i];
}

SEC("kprobe/mix")
int mix32(struct pt_regs *ctx)
{
	__u32 x = (__u32)PT_REGS_PARM1(ctx), y = (__u32)PT_REGS_PARM2(ctx);
	__s32 s = (__s32)x;

	x = (x << 3) | (y >> 29);
	y ^= x;
	if (s < 0)
		s = -s;
	return (x + y + (__u32)s) & 0x7fff;
}

char LICENSE[] SEC("license") = "GPL";
