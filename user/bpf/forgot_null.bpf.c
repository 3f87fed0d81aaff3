/*
 * user/bpf/forgot_null.bpf.c - a program the verifier must refuse, to read its log.
 *
 * bpf_map_lookup_elem returns NULL when the key is not there; using its result without a
 * check would read address 0 in the kernel. Try: bpfobj -l /bpf/forgot_null.bpf.o
 * The log ends with the verifier's explanation of what would go wrong, and on which path.
 */
#include <linux/bpf.h>
#include <linux/ptrace.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 16);
	__type(key, __u32);
	__type(value, __u64);
} calls SEC(".maps");

SEC("kprobe/sys_openat")
int BPF_KPROBE(count_unchecked)
{
	__u32 key = 0;
	__u64 *count = bpf_map_lookup_elem(&calls, &key);

	*count += 1; /* no "if (count)": refused */
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
