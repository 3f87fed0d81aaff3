/*
 * The other tracing program types and helpers: a tracepoint reading its record, a raw
 * tracepoint reading its arguments, a ring buffer event reserved, filled and submitted,
 * the current task's name, a BPF-to-BPF call, bpf_loop with a callback.
 *
 * map events: ringbuf 0 0 4096
 */
#include <linux/bpf.h>
#include <linux/ptrace.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} events SEC(".maps");

struct event {
	__u32 pid;
	__u32 nr;
	char comm[16];
};

struct sys_enter {
	__u64 common;
	long id;
	unsigned long args[6];
};

static __noinline int classify(long id)
{
	if (id < 0)
		return -1;
	return id < 64 ? (int)id : 64;
}

SEC("tracepoint/raw_syscalls/sys_enter")
int on_sys_enter(struct sys_enter *ctx)
{
	struct event *e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);

	if (!e)
		return 0;
	e->pid = bpf_get_current_pid_tgid() >> 32;
	e->nr = classify(ctx->id);
	bpf_get_current_comm(e->comm, sizeof(e->comm));
	bpf_ringbuf_submit(e, 0);
	return 0;
}

SEC("raw_tracepoint/sys_exit")
int on_sys_exit(struct bpf_raw_tracepoint_args *ctx)
{
	long ret = (long)ctx->args[1];

	return ret < 0 ? classify(-ret) : 0;
}

struct loop_ctx {
	__u64 sum;
	__u32 stop_at;
};

static int add_index(__u32 index, void *data)
{
	struct loop_ctx *c = data;

	c->sum += index;
	return c->sum > c->stop_at;
}

SEC("kprobe/loop")
int use_loop(struct pt_regs *ctx)
{
	struct loop_ctx c = { .sum = 0, .stop_at = 1000 };

	bpf_loop(64, add_index, &c, 0);
	return c.sum & 1;
}

char LICENSE[] SEC("license") = "GPL";
