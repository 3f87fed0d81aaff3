/*
 * bpf/maps/fd_array.c - what PROG_ARRAY and PERF_EVENT_ARRAY share (see fd_array.h).
 *
 * Only user space changes entries: it writes an fd (BPF_ANY only), and the map swaps in a
 * reference to the object and drops the old one. Programs only read them, through their
 * own helpers (tail calls, perf_event_output), never with bpf_map_lookup_elem.
 */
#include "bpf/maps/array.h"
#include "bpf/maps/fd_array.h"

int bpf_fd_array_alloc_check(const union bpf_attr *attr)
{
	if (attr->value_size != sizeof(u32))
		return -EINVAL;
	if (attr->map_flags & (BPF_F_RDONLY_PROG | BPF_F_WRONLY_PROG))
		return -EINVAL;
	return bpf_array_alloc_check(attr);
}

int bpf_fd_array_alloc(const union bpf_attr *attr, struct bpf_map **mapp,
		       const struct fd_array_ops *fd_ops)
{
	struct bpf_fd_array *array;

	if (attr->max_entries > (1u << 24))
		return -E2BIG;
	array = bpf_env_alloc(sizeof(*array) + (size_t)attr->max_entries * sizeof(void *));
	if (!array)
		return -ENOMEM;
	bpf_map_init_from_attr(&array->map, attr);
	array->fd_ops = fd_ops;
	*mapp = &array->map;
	return 0;
}

void bpf_fd_array_clear(struct bpf_map *map)
{
	struct bpf_fd_array *array = to_fd_array(map);

	for (u32 i = 0; i < map->max_entries; i++) {
		unsigned long flags = bpf_env_irq_save();
		void *old = array->ptrs[i];

		array->ptrs[i] = NULL;
		bpf_env_irq_restore(flags);
		if (old)
			array->fd_ops->put_ptr(old);
	}
}

void bpf_fd_array_free(struct bpf_map *map)
{
	bpf_fd_array_clear(map);
	bpf_env_free(map);
}

void *bpf_fd_array_lookup_elem(struct bpf_map *map, const void *key)
{
	return NULL; /* programs reach the entries through their own helpers */
}

long bpf_fd_array_update_elem(struct bpf_map *map, const void *key, const void *value, u64 flags)
{
	return -EINVAL; /* programs cannot store objects */
}

int bpf_fd_array_update_value(struct bpf_map *map, const void *key, const void *value, u64 flags)
{
	struct bpf_fd_array *array = to_fd_array(map);
	u32 index = *(const u32 *)key;
	void *new_ptr, *old_ptr;
	unsigned long irq;
	int err;

	if (flags != BPF_ANY)
		return -EINVAL;
	if (index >= map->max_entries)
		return -E2BIG;
	err = array->fd_ops->get_ptr(map, (int)*(const u32 *)value, &new_ptr);
	if (err)
		return err;
	irq = bpf_env_irq_save();
	old_ptr = array->ptrs[index];
	array->ptrs[index] = new_ptr;
	bpf_env_irq_restore(irq);
	if (old_ptr)
		array->fd_ops->put_ptr(old_ptr);
	return 0;
}

long bpf_fd_array_delete_elem(struct bpf_map *map, const void *key)
{
	struct bpf_fd_array *array = to_fd_array(map);
	u32 index = *(const u32 *)key;
	unsigned long irq;
	void *old;

	if (index >= map->max_entries)
		return -E2BIG;
	irq = bpf_env_irq_save();
	old = array->ptrs[index];
	array->ptrs[index] = NULL;
	bpf_env_irq_restore(irq);
	if (!old)
		return -ENOENT;
	array->fd_ops->put_ptr(old);
	return 0;
}

int bpf_fd_array_copy_value(struct bpf_map *map, const void *key, void *value)
{
	struct bpf_fd_array *array = to_fd_array(map);
	u32 index = *(const u32 *)key;
	void *ptr;

	if (!array->fd_ops->sys_lookup)
		return -ENOTSUPP;
	if (index >= map->max_entries)
		return -ENOENT;
	ptr = array->ptrs[index];
	if (!ptr)
		return -ENOENT;
	*(u32 *)value = array->fd_ops->sys_lookup(ptr);
	return 0;
}
