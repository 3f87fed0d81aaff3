/*
 * bpf/map.c - the map object: the table of map types, reference counts, ids, and the
 * syscall-side value copies. The commands themselves are in bpf/syscall.c; each type's
 * storage is in bpf/maps/.
 *
 * Everything here runs in bpf() or when an fd closes. Values are copied with interrupts off,
 * so a program running in an interrupt never sees a hash element half-unlinked.
 */
#include "bpf/map.h"
#include "bpf/ids.h"

/* Map types glass implements, indexed by enum bpf_map_type (Linux's bpf_types.h). */
static const struct bpf_map_ops *const map_types[__MAX_BPF_MAP_TYPE] = {
    [BPF_MAP_TYPE_HASH] = &htab_map_ops,
    [BPF_MAP_TYPE_ARRAY] = &array_map_ops,
    [BPF_MAP_TYPE_PROG_ARRAY] = &prog_array_map_ops,
    [BPF_MAP_TYPE_PERF_EVENT_ARRAY] = &perf_event_array_map_ops,
    [BPF_MAP_TYPE_PERCPU_HASH] = &htab_percpu_map_ops,
    [BPF_MAP_TYPE_PERCPU_ARRAY] = &percpu_array_map_ops,
    [BPF_MAP_TYPE_STACK_TRACE] = &stack_trace_map_ops,
    [BPF_MAP_TYPE_LRU_HASH] = &htab_lru_map_ops,
    [BPF_MAP_TYPE_RINGBUF] = &ringbuf_map_ops,
};

/* Names as bpftool prints them; the runner's --map option takes them. */
static const char *const map_type_names[__MAX_BPF_MAP_TYPE] = {
    [BPF_MAP_TYPE_HASH] = "hash",
    [BPF_MAP_TYPE_ARRAY] = "array",
    [BPF_MAP_TYPE_PROG_ARRAY] = "prog_array",
    [BPF_MAP_TYPE_PERF_EVENT_ARRAY] = "perf_event_array",
    [BPF_MAP_TYPE_PERCPU_HASH] = "percpu_hash",
    [BPF_MAP_TYPE_PERCPU_ARRAY] = "percpu_array",
    [BPF_MAP_TYPE_STACK_TRACE] = "stack_trace",
    [BPF_MAP_TYPE_CGROUP_ARRAY] = "cgroup_array",
    [BPF_MAP_TYPE_LRU_HASH] = "lru_hash",
    [BPF_MAP_TYPE_LRU_PERCPU_HASH] = "lru_percpu_hash",
    [BPF_MAP_TYPE_LPM_TRIE] = "lpm_trie",
    [BPF_MAP_TYPE_ARRAY_OF_MAPS] = "array_of_maps",
    [BPF_MAP_TYPE_HASH_OF_MAPS] = "hash_of_maps",
    [BPF_MAP_TYPE_QUEUE] = "queue",
    [BPF_MAP_TYPE_STACK] = "stack",
    [BPF_MAP_TYPE_RINGBUF] = "ringbuf",
    [BPF_MAP_TYPE_BLOOM_FILTER] = "bloom_filter",
    [BPF_MAP_TYPE_USER_RINGBUF] = "user_ringbuf",
};

static struct bpf_idr map_idr;

const struct bpf_map_ops *bpf_map_type_ops(u32 map_type)
{
	return map_type < ARRAY_SIZE(map_types) ? map_types[map_type] : NULL;
}

const char *bpf_map_type_name(u32 map_type)
{
	return map_type < ARRAY_SIZE(map_type_names) ? map_type_names[map_type] : NULL;
}

int bpf_map_type_from_name(const char *name)
{
	for (u32 i = 0; i < ARRAY_SIZE(map_type_names); i++)
		if (map_type_names[i] && !strcmp(map_type_names[i], name))
			return (int)i;
	return -EINVAL;
}

bool bpf_map_flags_access_ok(u32 map_flags)
{
	return (map_flags & (BPF_F_RDONLY_PROG | BPF_F_WRONLY_PROG)) !=
		   (BPF_F_RDONLY_PROG | BPF_F_WRONLY_PROG) &&
	       (map_flags & (BPF_F_RDONLY | BPF_F_WRONLY)) != (BPF_F_RDONLY | BPF_F_WRONLY);
}

void bpf_map_init_from_attr(struct bpf_map *map, const union bpf_attr *attr)
{
	map->map_type = attr->map_type;
	map->key_size = attr->key_size;
	map->value_size = attr->value_size;
	map->max_entries = attr->max_entries;
	map->map_flags = attr->map_flags;
	map->map_extra = attr->map_extra;
}

void bpf_map_inc(struct bpf_map *map)
{
	map->refcnt++;
}

void bpf_map_inc_with_uref(struct bpf_map *map)
{
	map->refcnt++;
	map->usercnt++;
}

void bpf_map_put(struct bpf_map *map)
{
	if (--map->refcnt)
		return;
	if (map->id) {
		unsigned long flags = bpf_env_irq_save();

		bpf_idr_remove(&map_idr, map->id);
		bpf_env_irq_restore(flags);
	}
	map->ops->map_free(map);
}

void bpf_map_put_with_uref(struct bpf_map *map)
{
	if (!--map->usercnt && map->ops->map_release_uref)
		map->ops->map_release_uref(map);
	bpf_map_put(map);
}

int bpf_map_fd_lookup(int ufd, struct bpf_map **map, u32 *mode)
{
	void *object;
	int err = bpf_env_fd_lookup(ufd, BPF_FD_MAP, &object, mode);

	if (err)
		return err;
	*map = object;
	return 0;
}

int bpf_map_get(int ufd, struct bpf_map **map)
{
	int err = bpf_map_fd_lookup(ufd, map, NULL);

	if (!err)
		bpf_map_inc(*map);
	return err;
}

int bpf_map_alloc_id(struct bpf_map *map)
{
	unsigned long flags = bpf_env_irq_save();
	int err = bpf_idr_alloc(&map_idr, map, &map->id);

	bpf_env_irq_restore(flags);
	return err;
}

struct bpf_map *bpf_map_find_by_id(u32 id)
{
	return bpf_idr_find(&map_idr, id);
}

struct bpf_map *bpf_map_get_next_by_id(u32 *id)
{
	return bpf_idr_get_next(&map_idr, id);
}

u32 bpf_map_value_size(const struct bpf_map *map)
{
	if (map->map_type == BPF_MAP_TYPE_PERCPU_ARRAY || map->map_type == BPF_MAP_TYPE_PERCPU_HASH)
		return BPF_ROUND_UP(map->value_size, 8) * bpf_env_nr_cpus();
	return map->value_size;
}

int bpf_map_copy_value(struct bpf_map *map, const void *key, void *value)
{
	unsigned long flags;
	void *ptr;
	int err = 0;

	if (map->ops->map_copy_value)
		return map->ops->map_copy_value(map, key, value);
	flags = bpf_env_irq_save();
	ptr = map->ops->map_lookup_elem(map, key);
	if (ptr)
		memcpy(value, ptr, map->value_size);
	else
		err = -ENOENT;
	bpf_env_irq_restore(flags);
	return err;
}

int bpf_map_update_value(struct bpf_map *map, const void *key, const void *value, u64 flags)
{
	if (map->ops->map_update_value)
		return map->ops->map_update_value(map, key, value, flags);
	return (int)map->ops->map_update_elem(map, key, value, flags);
}
