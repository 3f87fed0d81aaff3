/*
 * Map values: a struct in an array map read and written field by field, an index bounded by
 * a comparison into an array inside the value, and a per-task entry in a hash map created on
 * first use. (The index is 64-bit: clang would compare a 32-bit one in another register than
 * the one it indexes with, which no verifier can follow.)
 *
 * map stats: array 4 64 4
 * map tasks: hash 4 16 128
 */
#include <linux/bpf.h>
#include <linux/ptrace.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

struct stat {
	__u64 calls;
	__u64 bytes;
	__u32 buckets[10];
	__u32 last;
	__u32 pad;
};

struct task_info {
	__u64 first_ns;
	__u32 pid;
	__u32 count;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, struct stat);
} stats SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 128);
	__type(key, __u32);
	__type(value, struct task_info);
} tasks SEC(".maps");

SEC("kprobe/vfs_write")
int BPF_KPROBE(count_write, void *file, const char *buf, unsigned long count)
{
	__u32 key = 0;
	__u64 bucket;
	struct stat *s = bpf_map_lookup_elem(&stats, &key);

	if (!s)
		return 0;
	s->calls++;
	s->bytes += count;
	bucket = count >> 9;
	if (bucket > 9)
		bucket = 9;
	s->buckets[bucket]++;
	s->last = (__u32)count;
	return 0;
}

SEC("kprobe/schedule")
int track_task(struct pt_regs *ctx)
{
	__u32 pid = bpf_get_current_pid_tgid() >> 32;
	struct task_info *t = bpf_map_lookup_elem(&tasks, &pid);

	if (!t) {
		struct task_info init = { .first_ns = bpf_ktime_get_ns(), .pid = pid, .count = 1 };

		bpf_map_update_elem(&tasks, &pid, &init, BPF_NOEXIST);
		return 0;
	}
	t->count++;
	return t->count > 100;
}

char LICENSE[] SEC("license") = "GPL";
