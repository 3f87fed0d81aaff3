// SPDX-License-Identifier: GPL-2.0
/*
 * tests/host/llvm/kprobe_maps.bpf.c - a kprobe program of the usual shape, compiled by
 * test_llvm_disasm.c only to compare our disassembler with llvm-objdump on what clang really
 * emits: context loads, map lookups and updates (64-bit loads of map addresses, relocated later),
 * global data, helper and BPF-to-BPF calls, atomics of every kind, byte swaps, loops, loads and
 * stores of every size. It is never loaded.
 */
#include <linux/bpf.h>
#include <linux/ptrace.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

struct stats {
	__u64 calls;
	__u64 bytes;
	__u32 last_pid;
	__u32 flags;
	__u16 port;
	__u8 kind;
	__u8 pad;
	__s64 delta;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, __u32);
	__type(value, struct stats);
} stats_by_pid SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u64);
} totals SEC(".maps");

__u64 events;                   /* .bss */
__u32 seen_mask;                /* .bss */
const volatile __u64 threshold = 0x123456789abcdefULL; /* .rodata */
static const __u8 weights[8] = { 1, 2, 3, 5, 8, 13, 21, 34 };

/* A BPF-to-BPF call: a function of its own in .text. */
static __attribute__((noinline)) __u64 mix(__u64 a, __u32 b)
{
	a ^= a >> 33;
	a *= 0xff51afd7ed558ccdULL;
	a ^= (a >> 29) + b;
	return a;
}

static __attribute__((noinline)) int classify(long len, int flags)
{
	if (len < 0)
		return -1;
	if ((int)len > 4096 || flags < -2)
		return 2;
	if ((unsigned int)flags >= 100)
		return 3;
	return len == 0 ? 0 : 1;
}

SEC("kprobe/vfs_write")
int BPF_KPROBE(trace_write, void *file, const char *buf, unsigned long count, long long *pos)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	__u32 pid = pid_tgid >> 32;
	__u32 key = 0;
	struct stats *s, init = {};
	__u64 *total, old, sum = 0;
	int i, kind;

	kind = classify((long)count, (int)(long)pos);
	__sync_fetch_and_add(&events, 1);
	__sync_fetch_and_or(&seen_mask, 1u << (pid & 31));

	s = bpf_map_lookup_elem(&stats_by_pid, &pid);
	if (!s) {
		init.last_pid = pid;
		init.kind = (__u8)kind;
		init.port = __builtin_bswap16((__u16)count);
		bpf_map_update_elem(&stats_by_pid, &pid, &init, BPF_NOEXIST);
		return 0;
	}
	__sync_fetch_and_add(&s->calls, 1);
	old = __sync_fetch_and_add(&s->bytes, count);
	__sync_fetch_and_and(&s->flags, ~0x4u);
	__sync_fetch_and_xor(&s->flags, 0x10u);
	__u32 prev_flags = __sync_fetch_and_or(&s->flags, 0x2u);
	__sync_lock_test_and_set(&s->last_pid, pid);
	__sync_val_compare_and_swap(&s->delta, 0, (__s64)(old - count));
	s->port = __builtin_bswap16(s->port) + 1;
	s->kind = s->kind ^ (__u8)kind;

	for (i = 0; i < 8; i++)
		sum += weights[i] * (count >> i);
	if (sum > threshold)
		sum = mix(sum, prev_flags);

	total = bpf_map_lookup_elem(&totals, &key);
	if (total) {
		__u64 now = bpf_ktime_get_ns();

		*total = __builtin_bswap64(*total) + (now & 0xffff);
		__sync_lock_test_and_set(total, sum);
		__sync_val_compare_and_swap((__u32 *)total, 7u, __builtin_bswap32(pid));
	}
	return (int)(sum & 0x7fffffff);
}

char LICENSE[] SEC("license") = "GPL";
