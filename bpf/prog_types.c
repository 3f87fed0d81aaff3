/*
 * bpf/prog_types.c - the program types glass supports, indexed by enum bpf_prog_type: what
 * each one's context is, which helpers it may call, and which context bytes it may read.
 *
 *   kprobe          ctx: struct pt_regs at the probe (168 bytes, Linux x86-64 layout)
 *   tracepoint      ctx: the tracepoint's record, 8-byte common header first (at most 2048)
 *   raw_tracepoint  ctx: the tracepoint's arguments as u64[], at most 12
 *   perf_event      ctx: struct bpf_perf_event_data: pt_regs, sample_period, addr
 *
 * The verifier asks get_func_proto about each helper call and is_valid_access about each
 * context access; PROG_TEST_RUN gives a program a zeroed context of ctx_size bytes with the
 * user's bytes copied over its start.
 *
 * Read next: bpf/prog.c.
 */
#include "bpf/prog_aux.h"

#define PT_REGS_SIZE	     (21 * 8) /* struct pt_regs on x86-64 */
#define PERF_MAX_TRACE_SIZE  2048
#define MAX_BPF_FUNC_ARGS    12
#define PERF_EVENT_DATA_SIZE (PT_REGS_SIZE + 16) /* + sample_period, addr */

/* A read of a naturally aligned field inside [lo, hi) of the context. */
static bool aligned_read(int off, int size, enum bpf_access_type type, int lo, int hi)
{
	if (type != BPF_READ || off < lo || off >= hi || off + size > hi)
		return false;
	if (size != 1 && size != 2 && size != 4 && size != 8)
		return false;
	return off % size == 0;
}

/* ---- kprobe ---- */

static const struct bpf_func_proto *kprobe_func_proto(u32 func_id, const struct bpf_prog *prog)
{
	if (func_id == BPF_FUNC_get_func_ip)
		return &bpf_get_func_ip_proto;
	return bpf_tracing_func_proto(func_id, prog);
}

static bool kprobe_is_valid_access(int off, int size, enum bpf_access_type type,
				   const struct bpf_prog *prog)
{
	return aligned_read(off, size, type, 0, PT_REGS_SIZE);
}

static const struct bpf_prog_type_ops kprobe_prog_ops = {
    .name = "kprobe",
    .ctx_size = PT_REGS_SIZE,
    .get_func_proto = kprobe_func_proto,
    .is_valid_access = kprobe_is_valid_access,
};

/* ---- tracepoint: the first 8 bytes (common_type, flags, preempt count, pid) are hidden ---- */

static bool tracepoint_is_valid_access(int off, int size, enum bpf_access_type type,
				       const struct bpf_prog *prog)
{
	return aligned_read(off, size, type, 8, PERF_MAX_TRACE_SIZE);
}

static const struct bpf_prog_type_ops tracepoint_prog_ops = {
    .name = "tracepoint",
    .ctx_size = PERF_MAX_TRACE_SIZE,
    .get_func_proto = bpf_tracing_func_proto,
    .is_valid_access = tracepoint_is_valid_access,
};

/* ---- raw_tracepoint ---- */

static bool raw_tp_is_valid_access(int off, int size, enum bpf_access_type type,
				   const struct bpf_prog *prog)
{
	return aligned_read(off, size, type, 0, MAX_BPF_FUNC_ARGS * 8);
}

static const struct bpf_prog_type_ops raw_tracepoint_prog_ops = {
    .name = "raw_tracepoint",
    .ctx_size = MAX_BPF_FUNC_ARGS * 8,
    .get_func_proto = bpf_tracing_func_proto,
    .is_valid_access = raw_tp_is_valid_access,
};

/* ---- perf_event: the registers are read as whole u64, so are the two fields after them ---- */

static bool perf_event_is_valid_access(int off, int size, enum bpf_access_type type,
				       const struct bpf_prog *prog)
{
	if (!aligned_read(off, size, type, 0, PERF_EVENT_DATA_SIZE))
		return false;
	return off < PT_REGS_SIZE || size == 8;
}

static const struct bpf_prog_type_ops perf_event_prog_ops = {
    .name = "perf_event",
    .ctx_size = PERF_EVENT_DATA_SIZE,
    .get_func_proto = bpf_tracing_func_proto,
    .is_valid_access = perf_event_is_valid_access,
};

static const struct bpf_prog_type_ops *const prog_types[__MAX_BPF_PROG_TYPE] = {
    [BPF_PROG_TYPE_KPROBE] = &kprobe_prog_ops,
    [BPF_PROG_TYPE_TRACEPOINT] = &tracepoint_prog_ops,
    [BPF_PROG_TYPE_RAW_TRACEPOINT] = &raw_tracepoint_prog_ops,
    [BPF_PROG_TYPE_PERF_EVENT] = &perf_event_prog_ops,
};

const struct bpf_prog_type_ops *bpf_prog_type_ops(u32 prog_type)
{
	return prog_type < ARRAY_SIZE(prog_types) ? prog_types[prog_type] : NULL;
}

const char *bpf_prog_type_name(u32 prog_type)
{
	const struct bpf_prog_type_ops *ops = bpf_prog_type_ops(prog_type);

	return ops ? ops->name : NULL;
}

int bpf_prog_type_from_name(const char *name)
{
	for (u32 i = 0; i < ARRAY_SIZE(prog_types); i++)
		if (prog_types[i] && !strcmp(prog_types[i]->name, name))
			return (int)i;
	return -EINVAL;
}
