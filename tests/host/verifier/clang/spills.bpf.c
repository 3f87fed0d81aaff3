/*
 * More values alive at once than there are callee-saved registers, across helper calls:
 * clang spills them to the stack and fills them back, pointers included.
 *
 * map slots: array 4 8 16
 */
#include <linux/bpf.h>
#include <linux/ptrace.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 16);
	__type(key, __u32);
	__type(value, __u64);
} slots SEC(".maps");

static __always_inline __u64 *slot(__u32 i)
{
	return bpf_map_lookup_elem(&slots, &i);
}

SEC("kprobe/spill")
int many_values(struct pt_regs *ctx)
{
	__u64 a = PT_REGS_PARM1(ctx), b = PT_REGS_PARM2(ctx), c = PT_REGS_PARM3(ctx);
	__u64 d = PT_REGS_PARM4(ctx), e = PT_REGS_PARM5(ctx), f = bpf_ktime_get_ns();
	__u64 *p1 = slot(1), *p2 = slot(2), *p3 = slot(3), *p4 = slot(4);
	__u64 g = bpf_get_prandom_u32();

	if (!p1 || !p2 || !p3 || !p4)
		return 0;
	*p1 = a + g;
	*p2 = b ^ f;
	*p3 = c * d;
	*p4 = e - a;
	*p1 += *p4 + bpf_ktime_get_ns();
	return (a + b + c + d + e + f + g) & 1;
}

char LICENSE[] SEC("license") = "GPL";
