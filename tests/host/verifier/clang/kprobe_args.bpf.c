/*
 * A kprobe that reads its function's arguments from struct pt_regs (PT_REGS_PARM*) and
 * counts calls per flags value in a hash map: lookup, NULL check, atomic add or insert.
 *
 * map counts: hash 4 8 64
 */
#include <linux/bpf.h>
#include <linux/ptrace.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 64);
	__type(key, __u32);
	__type(value, __u64);
} counts SEC(".maps");

SEC("kprobe/do_sys_openat2")
int BPF_KPROBE(trace_open, int dfd, const char *filename, long flags)
{
	__u32 key = flags & 63;
	__u64 *count = bpf_map_lookup_elem(&counts, &key);

	if (count) {
		__sync_fetch_and_add(count, 1);
	} else {
		__u64 one = 1;

		bpf_map_update_elem(&counts, &key, &one, BPF_NOEXIST);
	}
	bpf_printk("open dfd %d flags %ld", dfd, flags);
	return 0;
}

SEC("kprobe/vfs_read")
int read_regs(struct pt_regs *ctx)
{
	unsigned long ip = PT_REGS_IP(ctx), sp = PT_REGS_SP(ctx), ret = PT_REGS_RC(ctx);

	return (ip ^ sp ^ ret) & 1;
}

char LICENSE[] SEC("license") = "GPL";
