/*
 * bpf/maps/array.c - BPF_MAP_TYPE_ARRAY and BPF_MAP_TYPE_PERCPU_ARRAY.
 *
 * An array has max_entries values, indexed by a u32 key, all of them present from creation
 * (zero-filled) to the end: there is no delete, and BPF_NOEXIST always fails. Each value
 * takes elem_size bytes, value_size rounded up to 8, so every value is 8-byte aligned.
 *
 *   ARRAY          value[i]                at values + i * elem_size
 *   PERCPU_ARRAY   value[i] of CPU c       at values + (i * nr_cpus + c) * elem_size
 *
 * A program's lookup returns a pointer into the array (its own CPU's copy for the per-CPU
 * type). User space sees a per-CPU value as nr_cpus copies of elem_size bytes in a row.
 *
 * Global data: libbpf puts .data, .rodata and .bss each in a one-entry array, and programs
 * reach the value directly through a 64-bit load of BPF_PSEUDO_MAP_VALUE (value address plus
 * offset, map_direct_value_addr). .rodata is created with BPF_F_RDONLY_PROG. With
 * BPF_F_MMAPABLE the values live in whole pages that user space can map (map_mmap_page).
 *
 * Read next: bpf/maps/hash.c.
 */
#include "bpf/maps/array.h"

struct bpf_array {
	struct bpf_map map;
	u32 elem_size;	  /* value_size rounded up to 8 */
	u32 nr_cpus;	  /* copies of each value: 1, or bpf_env_nr_cpus() for PERCPU_ARRAY */
	size_t area_size; /* bytes of values */
	u8 *values;
};

#define ARRAY_CREATE_FLAG_MASK                                                                     \
	(BPF_F_NUMA_NODE | BPF_F_MMAPABLE | BPF_F_ACCESS_MASK | BPF_F_INNER_MAP |                  \
	 BPF_F_PRESERVE_ELEMS)
#define PCPU_MIN_UNIT_SIZE (32 << 10)	/* Linux's largest per-CPU value */
#define ARRAY_MAX_BYTES	   (1ull << 31) /* more than glass could ever allocate */

static inline struct bpf_array *to_array(const struct bpf_map *map)
{
	return (struct bpf_array *)map;
}

int bpf_array_alloc_check(const union bpf_attr *attr)
{
	bool percpu = attr->map_type == BPF_MAP_TYPE_PERCPU_ARRAY;

	if (!attr->max_entries || attr->key_size != 4 || !attr->value_size ||
	    attr->map_flags & ~ARRAY_CREATE_FLAG_MASK ||
	    !bpf_map_flags_access_ok(attr->map_flags) ||
	    (percpu && attr->map_flags & BPF_F_NUMA_NODE))
		return -EINVAL;
	if (attr->map_type != BPF_MAP_TYPE_ARRAY &&
	    attr->map_flags & (BPF_F_MMAPABLE | BPF_F_INNER_MAP))
		return -EINVAL;
	if (attr->map_type != BPF_MAP_TYPE_PERF_EVENT_ARRAY &&
	    attr->map_flags & BPF_F_PRESERVE_ELEMS)
		return -EINVAL;
	if (attr->value_size > 0x7fffffff)
		return -E2BIG;
	if (percpu && BPF_ROUND_UP(attr->value_size, 8) > PCPU_MIN_UNIT_SIZE)
		return -E2BIG;
	return 0;
}

int bpf_array_get_next_key(struct bpf_map *map, const void *key, void *next_key)
{
	u32 index = key ? *(const u32 *)key : 0xffffffffu;
	u32 *next = next_key;

	if (index >= map->max_entries) {
		*next = 0;
		return 0;
	}
	if (index == map->max_entries - 1)
		return -ENOENT;
	*next = index + 1;
	return 0;
}

static int array_map_alloc(const union bpf_attr *attr, struct bpf_map **mapp)
{
	struct bpf_array *array;
	bool percpu = attr->map_type == BPF_MAP_TYPE_PERCPU_ARRAY;
	bool mmapable = attr->map_flags & BPF_F_MMAPABLE;
	u64 elem_size = BPF_ROUND_UP((u64)attr->value_size, 8);
	u64 bytes;

	array = bpf_env_alloc(sizeof(*array));
	if (!array)
		return -ENOMEM;
	array->elem_size = (u32)elem_size;
	array->nr_cpus = percpu ? bpf_env_nr_cpus() : 1;
	bytes = elem_size * attr->max_entries * array->nr_cpus;
	if (bytes > ARRAY_MAX_BYTES) {
		bpf_env_free(array);
		return -E2BIG;
	}
	if (mmapable) {
		array->area_size = BPF_ROUND_UP((size_t)bytes, BPF_PAGE_SIZE);
		array->values = bpf_env_alloc_pages(array->area_size);
	} else {
		array->area_size = (size_t)bytes;
		array->values = bpf_env_alloc(array->area_size);
	}
	if (!array->values) {
		bpf_env_free(array);
		return -ENOMEM;
	}
	bpf_map_init_from_attr(&array->map, attr);
	*mapp = &array->map;
	return 0;
}

static void array_map_free(struct bpf_map *map)
{
	struct bpf_array *array = to_array(map);

	if (map->map_flags & BPF_F_MMAPABLE)
		bpf_env_free_pages(array->values, array->area_size);
	else
		bpf_env_free(array->values);
	bpf_env_free(array);
}

/* The copy of value index for cpu, or NULL when index is out of range. */
static inline void *array_elem(struct bpf_array *array, u32 index, u32 cpu)
{
	if (index >= array->map.max_entries)
		return NULL;
	return array->values + ((u64)index * array->nr_cpus + cpu) * array->elem_size;
}

static void *array_map_lookup_elem(struct bpf_map *map, const void *key)
{
	return array_elem(to_array(map), *(const u32 *)key, 0);
}

static void *percpu_array_map_lookup_elem(struct bpf_map *map, const void *key)
{
	return array_elem(to_array(map), *(const u32 *)key, bpf_env_smp_processor_id());
}

/* The checks every array update makes, in Linux's order. */
static long array_update_check(struct bpf_map *map, u32 index, u64 flags)
{
	if ((flags & ~(u64)BPF_F_LOCK) > BPF_EXIST || flags & BPF_F_LOCK)
		return -EINVAL; /* BPF_F_LOCK needs a bpf_spin_lock in the value: none in glass */
	if (index >= map->max_entries)
		return -E2BIG;
	if (flags & BPF_NOEXIST)
		return -EEXIST; /* every element of an array always exists */
	return 0;
}

static long array_map_update_elem(struct bpf_map *map, const void *key, const void *value,
				  u64 flags)
{
	u32 index = *(const u32 *)key;
	long err = array_update_check(map, index, flags);
	u32 cpu = map->map_type == BPF_MAP_TYPE_PERCPU_ARRAY ? bpf_env_smp_processor_id() : 0;

	if (err)
		return err;
	memcpy(array_elem(to_array(map), index, cpu), value, map->value_size);
	return 0;
}

static long array_map_delete_elem(struct bpf_map *map, const void *key)
{
	return -EINVAL;
}

/* User space reads and writes every CPU's copy of a per-CPU value at once. */
static int percpu_array_copy_value(struct bpf_map *map, const void *key, void *value)
{
	struct bpf_array *array = to_array(map);
	u32 index = *(const u32 *)key;
	unsigned long flags;

	if (index >= map->max_entries)
		return -ENOENT;
	flags = bpf_env_irq_save();
	for (u32 cpu = 0; cpu < array->nr_cpus; cpu++) {
		u8 *out = (u8 *)value + cpu * array->elem_size;

		memcpy(out, array_elem(array, index, cpu), map->value_size);
		memset(out + map->value_size, 0, array->elem_size - map->value_size);
	}
	bpf_env_irq_restore(flags);
	return 0;
}

static int percpu_array_update_value(struct bpf_map *map, const void *key, const void *value,
				     u64 flags)
{
	struct bpf_array *array = to_array(map);
	u32 index = *(const u32 *)key;
	long err = array_update_check(map, index, flags);
	unsigned long irq;

	if (err)
		return (int)err;
	irq = bpf_env_irq_save();
	for (u32 cpu = 0; cpu < array->nr_cpus; cpu++)
		memcpy(array_elem(array, index, cpu), (const u8 *)value + cpu * array->elem_size,
		       map->value_size);
	bpf_env_irq_restore(irq);
	return 0;
}

static int array_map_direct_value_addr(const struct bpf_map *map, u64 *imm, u32 off)
{
	if (map->max_entries != 1)
		return -ENOTSUPP;
	if (off >= map->value_size)
		return -EINVAL;
	*imm = (u64)(uintptr_t)to_array(map)->values;
	return 0;
}

static int array_map_direct_value_meta(const struct bpf_map *map, u64 imm, u32 *off)
{
	u64 base = (u64)(uintptr_t)to_array(map)->values;

	if (map->max_entries != 1)
		return -ENOTSUPP;
	if (imm < base || imm >= base + to_array(map)->elem_size)
		return -ENOENT;
	*off = (u32)(imm - base);
	return 0;
}

static int array_map_mmap_page(struct bpf_map *map, u64 pgoff, bool writable, void **page)
{
	struct bpf_array *array = to_array(map);

	if (!(map->map_flags & BPF_F_MMAPABLE) || pgoff % BPF_PAGE_SIZE ||
	    pgoff >= array->area_size)
		return -EINVAL;
	if (writable && (map->frozen || map->map_flags & BPF_F_RDONLY))
		return -EPERM;
	*page = array->values + pgoff;
	return 0;
}

const struct bpf_map_ops array_map_ops = {
    .map_alloc_check = bpf_array_alloc_check,
    .map_alloc = array_map_alloc,
    .map_free = array_map_free,
    .map_get_next_key = bpf_array_get_next_key,
    .map_lookup_elem = array_map_lookup_elem,
    .map_update_elem = array_map_update_elem,
    .map_delete_elem = array_map_delete_elem,
    .map_direct_value_addr = array_map_direct_value_addr,
    .map_direct_value_meta = array_map_direct_value_meta,
    .map_mmap_page = array_map_mmap_page,
};

const struct bpf_map_ops percpu_array_map_ops = {
    .map_alloc_check = bpf_array_alloc_check,
    .map_alloc = array_map_alloc,
    .map_free = array_map_free,
    .map_get_next_key = bpf_array_get_next_key,
    .map_lookup_elem = percpu_array_map_lookup_elem,
    .map_update_elem = array_map_update_elem,
    .map_delete_elem = array_map_delete_elem,
    .map_copy_value = percpu_array_copy_value,
    .map_update_value = percpu_array_update_value,
};
