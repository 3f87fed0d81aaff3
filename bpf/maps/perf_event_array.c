/*
 * bpf/maps/perf_event_array.c - BPF_MAP_TYPE_PERF_EVENT_ARRAY and bpf_perf_event_output.
 *
 * The classic way to stream records to user space before ring buffers: user space opens one
 * perf event per CPU (perf_event_open, with a buffer it maps), stores the event fds in this
 * array at index cpu, and a program calls bpf_perf_event_output(ctx, map, BPF_F_CURRENT_CPU,
 * data, size). The record lands in the current CPU's event buffer as a PERF_RECORD_SAMPLE
 * with the bytes as its raw data; writing it is the environment's business (the kernel's
 * perf events; on the host, a test buffer). A full buffer loses the record (-ENOSPC).
 *
 * The array holds a reference on each event. When the last fd of the map closes, the
 * entries are dropped, unless the map was created with BPF_F_PRESERVE_ELEMS.
 *
 * Read next: bpf/maps/stackmap.c.
 */
#include "bpf/helpers.h"
#include "bpf/maps/array.h"
#include "bpf/maps/fd_array.h"

static int perf_event_fd_array_get_ptr(struct bpf_map *map, int fd, void **ptr)
{
	return bpf_env_perf_event_get(fd, ptr);
}

static void perf_event_fd_array_put_ptr(void *ptr)
{
	bpf_env_perf_event_put(ptr);
}

static const struct fd_array_ops perf_event_fd_array_ops = {
    .get_ptr = perf_event_fd_array_get_ptr,
    .put_ptr = perf_event_fd_array_put_ptr,
    .sys_lookup = NULL, /* user space cannot read an event back: -ENOTSUPP, as in Linux */
};

static int perf_event_array_map_alloc(const union bpf_attr *attr, struct bpf_map **map)
{
	return bpf_fd_array_alloc(attr, map, &perf_event_fd_array_ops);
}

static void perf_event_array_release_uref(struct bpf_map *map)
{
	if (!(map->map_flags & BPF_F_PRESERVE_ELEMS))
		bpf_fd_array_clear(map);
}

/* bpf_perf_event_output(ctx, map, flags, data, size) */
static u64 bpf_perf_event_output(u64 ctx, u64 map_ptr, u64 flags, u64 data, u64 size)
{
	struct bpf_map *map = (struct bpf_map *)(uintptr_t)map_ptr;
	u64 index = flags & BPF_F_INDEX_MASK;
	void *event;

	if (flags & ~BPF_F_INDEX_MASK)
		return (u64)-EINVAL;
	if (index == BPF_F_CURRENT_CPU)
		index = bpf_env_smp_processor_id();
	if (index >= map->max_entries)
		return (u64)-E2BIG;
	event = to_fd_array(map)->ptrs[index];
	if (!event)
		return (u64)-ENOENT;
	if (size > 0xffff - 16)
		return (u64)-E2BIG; /* a perf record's size is a u16 */
	return (u64)(s64)bpf_env_perf_event_output(event, (const void *)(uintptr_t)data, (u32)size);
}

const struct bpf_func_proto bpf_perf_event_output_proto = {
    .func = bpf_perf_event_output,
    .name = "bpf_perf_event_output",
    .gpl_only = true,
    .ret_type = RET_INTEGER,
    .arg_type = {ARG_PTR_TO_CTX, ARG_CONST_MAP_PTR, ARG_ANYTHING, ARG_PTR_TO_MEM,
		 ARG_CONST_SIZE_OR_ZERO},
};

const struct bpf_map_ops perf_event_array_map_ops = {
    .map_alloc_check = bpf_fd_array_alloc_check,
    .map_alloc = perf_event_array_map_alloc,
    .map_free = bpf_fd_array_free,
    .map_release_uref = perf_event_array_release_uref,
    .map_get_next_key = bpf_array_get_next_key,
    .map_lookup_elem = bpf_fd_array_lookup_elem,
    .map_update_elem = bpf_fd_array_update_elem,
    .map_delete_elem = bpf_fd_array_delete_elem,
    .map_copy_value = bpf_fd_array_copy_value,
    .map_update_value = bpf_fd_array_update_value,
};
