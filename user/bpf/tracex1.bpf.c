/*
 * user/bpf/tracex1.bpf.c - the BPF side of tracex1 (user/bin/tracex1.c): who opens files.
 *
 * Two programs watch the same system call from two kinds of hook:
 *   - count_openat, a kprobe on the kernel function sys_openat (an int3 written into its
 *     first instruction), counts calls per process in the hash map "opens";
 *   - trace_enter, on the static tracepoint syscalls/sys_enter_openat, counts every call in
 *     the array "enters" and writes a line to /sys/kernel/tracing/trace_pipe.
 * clang compiles this file unchanged, as it would for Linux; user/lib/bpf loads it.
 */
#include <linux/bpf.h>
#include <linux/ptrace.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 64);
	__type(key, __u32);   /* pid */
	__type(value, __u64); /* calls */
} opens SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} enters SEC(".maps");

SEC("kprobe/sys_openat")
int BPF_KPROBE(count_openat, long dirfd, const char *filename)
{
	__u32 pid = bpf_get_current_pid_tgid() >> 32;
	__u64 one = 1, *calls = bpf_map_lookup_elem(&opens, &pid);

	if (calls)
		__sync_fetch_and_add(calls, 1);
	else
		bpf_map_update_elem(&opens, &pid, &one, BPF_NOEXIST);
	return 0;
}

SEC("tracepoint/syscalls/sys_enter_openat")
int trace_enter(void *ctx)
{
	__u32 key = 0;
	__u64 *total = bpf_map_lookup_elem(&enters, &key);

	if (total)
		__sync_fetch_and_add(total, 1);
	bpf_printk("tracex1: openat by pid %d", bpf_get_current_pid_tgid() >> 32);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
