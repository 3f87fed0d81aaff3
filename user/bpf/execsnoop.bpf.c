/*
 * user/bpf/execsnoop.bpf.c - the BPF side of execsnoop (user/bin/execsnoop.c): every exec,
 * as a record in a ring buffer.
 *
 * The program runs on the tracepoint sched/sched_process_exec, whose record is described by
 * /sys/kernel/tracing/events/sched/sched_process_exec/format: the common fields (8 bytes),
 * then filename, pid and old_pid. It reserves room for one struct exec_event in the ring
 * buffer, fills it and submits it; user space maps the buffer and reads the records in order.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#include "execsnoop.h"

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 16 * 4096);
} events SEC(".maps");

/* The tracepoint's record, as its format file gives it. */
struct sched_process_exec_args {
	__u64 common; /* common_type, common_flags, common_preempt_count, common_pid */
	char filename[64];
	int pid;
	int old_pid;
};

SEC("tracepoint/sched/sched_process_exec")
int handle_exec(struct sched_process_exec_args *ctx)
{
	struct exec_event *e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);

	if (!e)
		return 0; /* full: user space is behind, this one is lost */
	e->pid = ctx->pid;
	bpf_get_current_comm(e->comm, sizeof(e->comm));
	__builtin_memcpy(e->filename, ctx->filename, sizeof(e->filename));
	bpf_ringbuf_submit(e, 0);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
