/*
 * bpf/helpers.c - the general helpers, by Linux id, with their prototypes: maps, time, the
 * current task, randomness, probe reads, tail calls and bpf_loop. The tracing output helpers
 * are in bpf/trace_helpers.c, the ring buffer ones in bpf/maps/ringbuf.c, bpf_get_stackid in
 * bpf/maps/stackmap.c, bpf_perf_event_output in bpf/maps/perf_event_array.c.
 *
 * Every helper is called with r1-r5 and returns r0. Pointers arrive as u64 and were checked
 * by the verifier against the prototype: a helper trusts that a map argument is a map and a
 * (pointer, size) pair is that much valid memory. What the verifier cannot know (an address
 * a program wants to probe, an index, flags) the helper checks, returning a negative errno.
 *
 * Read next: bpf/trace_helpers.c.
 */
#include "bpf/helpers.h"
#include "bpf/map.h"

#define PTR(x) ((void *)(uintptr_t)(x))

/* ---- maps ---- */

static u64 bpf_map_lookup_elem(u64 map_ptr, u64 key, u64 r3, u64 r4, u64 r5)
{
	struct bpf_map *map = PTR(map_ptr);

	if (map->ops->map_lookup_elem_touch)
		return (u64)(uintptr_t)map->ops->map_lookup_elem_touch(map, PTR(key));
	return (u64)(uintptr_t)map->ops->map_lookup_elem(map, PTR(key));
}

static u64 bpf_map_update_elem(u64 map_ptr, u64 key, u64 value, u64 flags, u64 r5)
{
	struct bpf_map *map = PTR(map_ptr);

	return (u64)map->ops->map_update_elem(map, PTR(key), PTR(value), flags);
}

static u64 bpf_map_delete_elem(u64 map_ptr, u64 key, u64 r3, u64 r4, u64 r5)
{
	struct bpf_map *map = PTR(map_ptr);

	return (u64)map->ops->map_delete_elem(map, PTR(key));
}

const struct bpf_func_proto bpf_map_lookup_elem_proto = {
    .func = bpf_map_lookup_elem,
    .name = "bpf_map_lookup_elem",
    .ret_type = RET_PTR_TO_MAP_VALUE_OR_NULL,
    .arg_type = {ARG_CONST_MAP_PTR, ARG_PTR_TO_MAP_KEY},
};

const struct bpf_func_proto bpf_map_update_elem_proto = {
    .func = bpf_map_update_elem,
    .name = "bpf_map_update_elem",
    .ret_type = RET_INTEGER,
    .arg_type = {ARG_CONST_MAP_PTR, ARG_PTR_TO_MAP_KEY, ARG_PTR_TO_MAP_VALUE, ARG_ANYTHING},
};

const struct bpf_func_proto bpf_map_delete_elem_proto = {
    .func = bpf_map_delete_elem,
    .name = "bpf_map_delete_elem",
    .ret_type = RET_INTEGER,
    .arg_type = {ARG_CONST_MAP_PTR, ARG_PTR_TO_MAP_KEY},
};

/* ---- probe reads: memory the verifier cannot vouch for, read without faulting ---- */

static u64 bpf_probe_read_kernel(u64 dst, u64 size, u64 unsafe, u64 r4, u64 r5)
{
	return (u64)bpf_env_probe_read(PTR(dst), (u32)size, PTR(unsafe), BPF_PROBE_KERNEL);
}

static u64 bpf_probe_read_user(u64 dst, u64 size, u64 unsafe, u64 r4, u64 r5)
{
	return (u64)bpf_env_probe_read(PTR(dst), (u32)size, PTR(unsafe), BPF_PROBE_USER);
}

static u64 bpf_probe_read_compat(u64 dst, u64 size, u64 unsafe, u64 r4, u64 r5)
{
	return (u64)bpf_env_probe_read(PTR(dst), (u32)size, PTR(unsafe), BPF_PROBE_ANY);
}

static u64 bpf_probe_read_kernel_str(u64 dst, u64 size, u64 unsafe, u64 r4, u64 r5)
{
	return (u64)bpf_env_probe_read_str(PTR(dst), (u32)size, PTR(unsafe), BPF_PROBE_KERNEL);
}

static u64 bpf_probe_read_user_str(u64 dst, u64 size, u64 unsafe, u64 r4, u64 r5)
{
	return (u64)bpf_env_probe_read_str(PTR(dst), (u32)size, PTR(unsafe), BPF_PROBE_USER);
}

static u64 bpf_probe_read_compat_str(u64 dst, u64 size, u64 unsafe, u64 r4, u64 r5)
{
	return (u64)bpf_env_probe_read_str(PTR(dst), (u32)size, PTR(unsafe), BPF_PROBE_ANY);
}

#define PROBE_READ_PROTO(fn)                                                                       \
	const struct bpf_func_proto fn##_proto = {                                                 \
	    .func = fn,                                                                            \
	    .name = #fn,                                                                           \
	    .gpl_only = true,                                                                      \
	    .ret_type = RET_INTEGER,                                                               \
	    .arg_type = {ARG_PTR_TO_UNINIT_MEM, ARG_CONST_SIZE_OR_ZERO, ARG_ANYTHING},             \
	}
PROBE_READ_PROTO(bpf_probe_read_kernel);
PROBE_READ_PROTO(bpf_probe_read_user);
PROBE_READ_PROTO(bpf_probe_read_compat);
PROBE_READ_PROTO(bpf_probe_read_kernel_str);
PROBE_READ_PROTO(bpf_probe_read_user_str);
PROBE_READ_PROTO(bpf_probe_read_compat_str);

/* ---- time, CPU, randomness ---- */

static u64 bpf_ktime_get_ns(u64 r1, u64 r2, u64 r3, u64 r4, u64 r5)
{
	return bpf_env_time_ns();
}

/* glass never suspends, so time since boot and monotonic time are the same clock. */
static u64 bpf_ktime_get_boot_ns(u64 r1, u64 r2, u64 r3, u64 r4, u64 r5)
{
	return bpf_env_time_ns();
}

static u64 bpf_get_prandom_u32(u64 r1, u64 r2, u64 r3, u64 r4, u64 r5)
{
	return bpf_env_prandom_u32();
}

static u64 bpf_get_smp_processor_id(u64 r1, u64 r2, u64 r3, u64 r4, u64 r5)
{
	return bpf_env_smp_processor_id();
}

#define NO_ARG_PROTO(fn, gpl)                                                                      \
	const struct bpf_func_proto fn##_proto = {                                                 \
	    .func = fn,                                                                            \
	    .name = #fn,                                                                           \
	    .gpl_only = gpl,                                                                       \
	    .ret_type = RET_INTEGER,                                                               \
	}
NO_ARG_PROTO(bpf_ktime_get_ns, false);
NO_ARG_PROTO(bpf_ktime_get_boot_ns, false);
NO_ARG_PROTO(bpf_get_prandom_u32, false);
NO_ARG_PROTO(bpf_get_smp_processor_id, false);

/* ---- the current task ---- */

static u64 bpf_get_current_pid_tgid(u64 r1, u64 r2, u64 r3, u64 r4, u64 r5)
{
	struct bpf_env_task task;

	if (bpf_env_current_task(&task))
		return (u64)-EINVAL;
	return (u64)task.tgid << 32 | task.pid;
}

static u64 bpf_get_current_uid_gid(u64 r1, u64 r2, u64 r3, u64 r4, u64 r5)
{
	struct bpf_env_task task;

	if (bpf_env_current_task(&task))
		return (u64)-EINVAL;
	return (u64)task.gid << 32 | task.uid;
}

static u64 bpf_get_current_comm(u64 buf, u64 size, u64 r3, u64 r4, u64 r5)
{
	struct bpf_env_task task;
	char *out = PTR(buf);
	u32 i;

	if (bpf_env_current_task(&task)) {
		memset(out, 0, size);
		return (u64)-EINVAL;
	}
	/* Copy what fits, then NULs to the end of the buffer, as strscpy_pad does. */
	for (i = 0; i + 1 < size && i < sizeof(task.comm) && task.comm[i]; i++)
		out[i] = task.comm[i];
	if (size)
		memset(out + i, 0, size - i);
	return 0;
}

NO_ARG_PROTO(bpf_get_current_pid_tgid, false);
NO_ARG_PROTO(bpf_get_current_uid_gid, false);

const struct bpf_func_proto bpf_get_current_comm_proto = {
    .func = bpf_get_current_comm,
    .name = "bpf_get_current_comm",
    .ret_type = RET_INTEGER,
    .arg_type = {ARG_PTR_TO_UNINIT_MEM, ARG_CONST_SIZE},
};

/* ---- tail calls and loops ---- */

/*
 * The interpreter performs tail calls itself (it needs to replace the running program);
 * reaching this function means the engine does not, and a tail call that does not happen
 * lets the program go on, as when the slot is empty.
 */
static u64 bpf_tail_call(u64 ctx, u64 map, u64 index, u64 r4, u64 r5)
{
	return 0;
}

const struct bpf_func_proto bpf_tail_call_proto = {
    .func = bpf_tail_call,
    .name = "bpf_tail_call",
    .ret_type = RET_VOID,
    .arg_type = {ARG_PTR_TO_CTX, ARG_CONST_MAP_PTR, ARG_ANYTHING},
};

/* Call the callback nr_loops times with (index, ctx) until it returns non-zero. */
static u64 bpf_loop(u64 nr_loops, u64 callback, u64 callback_ctx, u64 flags, u64 r5)
{
	const struct bpf_callback *cb = PTR(callback);
	u64 i;

	if (flags)
		return (u64)-EINVAL;
	if (nr_loops > BPF_MAX_LOOPS)
		return (u64)-E2BIG;
	for (i = 0; i < nr_loops; i++) {
		if (bpf_callback_call(cb, i, callback_ctx))
			return i + 1;
	}
	return i;
}

const struct bpf_func_proto bpf_loop_proto = {
    .func = bpf_loop,
    .name = "bpf_loop",
    .ret_type = RET_INTEGER,
    .arg_type = {ARG_ANYTHING, ARG_PTR_TO_FUNC, ARG_PTR_TO_STACK_OR_NULL, ARG_ANYTHING},
};

/* ---- what tracing programs may call ---- */

const struct bpf_func_proto *bpf_tracing_func_proto(u32 func_id, const struct bpf_prog *prog)
{
	switch (func_id) {
	case BPF_FUNC_map_lookup_elem:
		return &bpf_map_lookup_elem_proto;
	case BPF_FUNC_map_update_elem:
		return &bpf_map_update_elem_proto;
	case BPF_FUNC_map_delete_elem:
		return &bpf_map_delete_elem_proto;
	case BPF_FUNC_probe_read:
		return &bpf_probe_read_compat_proto;
	case BPF_FUNC_probe_read_str:
		return &bpf_probe_read_compat_str_proto;
	case BPF_FUNC_probe_read_kernel:
		return &bpf_probe_read_kernel_proto;
	case BPF_FUNC_probe_read_user:
		return &bpf_probe_read_user_proto;
	case BPF_FUNC_probe_read_kernel_str:
		return &bpf_probe_read_kernel_str_proto;
	case BPF_FUNC_probe_read_user_str:
		return &bpf_probe_read_user_str_proto;
	case BPF_FUNC_ktime_get_ns:
		return &bpf_ktime_get_ns_proto;
	case BPF_FUNC_ktime_get_boot_ns:
		return &bpf_ktime_get_boot_ns_proto;
	case BPF_FUNC_trace_printk:
		return &bpf_trace_printk_proto;
	case BPF_FUNC_get_prandom_u32:
		return &bpf_get_prandom_u32_proto;
	case BPF_FUNC_get_smp_processor_id:
		return &bpf_get_smp_processor_id_proto;
	case BPF_FUNC_get_current_pid_tgid:
		return &bpf_get_current_pid_tgid_proto;
	case BPF_FUNC_get_current_uid_gid:
		return &bpf_get_current_uid_gid_proto;
	case BPF_FUNC_get_current_comm:
		return &bpf_get_current_comm_proto;
	case BPF_FUNC_perf_event_output:
		return &bpf_perf_event_output_proto;
	case BPF_FUNC_get_stackid:
		return &bpf_get_stackid_proto;
	case BPF_FUNC_tail_call:
		return &bpf_tail_call_proto;
	case BPF_FUNC_ringbuf_output:
		return &bpf_ringbuf_output_proto;
	case BPF_FUNC_ringbuf_reserve:
		return &bpf_ringbuf_reserve_proto;
	case BPF_FUNC_ringbuf_submit:
		return &bpf_ringbuf_submit_proto;
	case BPF_FUNC_ringbuf_discard:
		return &bpf_ringbuf_discard_proto;
	case BPF_FUNC_ringbuf_query:
		return &bpf_ringbuf_query_proto;
	case BPF_FUNC_snprintf:
		return &bpf_snprintf_proto;
	case BPF_FUNC_loop:
		return &bpf_loop_proto;
	default:
		return NULL;
	}
}
