/*
 * bpf/maps/prog_array.c - BPF_MAP_TYPE_PROG_ARRAY: the programs bpf_tail_call jumps to.
 *
 * A tail call bpf_tail_call(ctx, map, index) replaces the running program with the one in
 * slot index, keeping the context and the stack frame; it never returns. If the slot is
 * empty or out of range, or the chain already made MAX_TAIL_CALL_CNT jumps, the call does
 * nothing and the program goes on. The interpreter performs the jump (bpf/interp.c), asking
 * bpf_tail_call_target for the program; JIT code reads max_entries and ptrs[] itself and
 * jumps into the next image (bpf/jit/x86_64.c).
 *
 * Every program in one array, and every program that uses it, must have the same program
 * type and run the same way (JIT or interpreter): the first one fixes the owner type, and a
 * program that differs is refused (-EINVAL), at update or at load.
 *
 * A program in the array holds a reference; a program that uses the array holds a reference
 * to the map. A program that tail-calls itself would keep itself alive through the map
 * forever, so when the last fd of the map closes (map_release_uref), the array empties.
 *
 * Read next: bpf/maps/perf_event_array.c.
 */
#include "bpf/maps/array.h"
#include "bpf/maps/fd_array.h"
#include "bpf/prog_aux.h"

/* May prog share this array: same type and runtime as the programs already involved? */
bool bpf_prog_array_compatible(struct bpf_map *map, const struct bpf_prog *prog)
{
	if (!map->owner_prog_type) {
		map->owner_prog_type = prog->type;
		map->owner_jited = prog->jited;
		return true;
	}
	return map->owner_prog_type == prog->type && map->owner_jited == prog->jited;
}

static int prog_fd_array_get_ptr(struct bpf_map *map, int fd, void **ptr)
{
	struct bpf_prog *prog;
	int err = bpf_prog_get(fd, &prog);

	if (err)
		return err;
	if (!bpf_prog_array_compatible(map, prog)) {
		bpf_prog_put(prog);
		return -EINVAL;
	}
	*ptr = prog;
	return 0;
}

static void prog_fd_array_put_ptr(void *ptr)
{
	bpf_prog_put(ptr);
}

static u32 prog_fd_array_sys_lookup(void *ptr)
{
	return ((struct bpf_prog *)ptr)->aux->id;
}

static const struct fd_array_ops prog_fd_array_ops = {
    .get_ptr = prog_fd_array_get_ptr,
    .put_ptr = prog_fd_array_put_ptr,
    .sys_lookup = prog_fd_array_sys_lookup,
};

static int prog_array_map_alloc(const union bpf_attr *attr, struct bpf_map **map)
{
	return bpf_fd_array_alloc(attr, map, &prog_fd_array_ops);
}

const struct bpf_prog *bpf_tail_call_target(u64 map, u64 index)
{
	struct bpf_fd_array *array = (struct bpf_fd_array *)(uintptr_t)map;
	u32 i = (u32)index;

	if (i >= array->map.max_entries)
		return NULL;
	return array->ptrs[i];
}

const struct bpf_map_ops prog_array_map_ops = {
    .map_alloc_check = bpf_fd_array_alloc_check,
    .map_alloc = prog_array_map_alloc,
    .map_free = bpf_fd_array_free,
    .map_release_uref = bpf_fd_array_clear,
    .map_get_next_key = bpf_array_get_next_key,
    .map_lookup_elem = bpf_fd_array_lookup_elem,
    .map_update_elem = bpf_fd_array_update_elem,
    .map_delete_elem = bpf_fd_array_delete_elem,
    .map_copy_value = bpf_fd_array_copy_value,
    .map_update_value = bpf_fd_array_update_value,
};
