/*
 * bpf/maps/fd_array.h - arrays whose values are objects named by file descriptors:
 * PROG_ARRAY (programs, for tail calls) and PERF_EVENT_ARRAY (perf events, for
 * bpf_perf_event_output). User space stores an fd; the map keeps a counted reference to the
 * object; a lookup from user space gives back an id (or nothing, for perf events).
 *
 * The shared parts live in bpf/maps/fd_array.c; each type supplies how to turn an fd into
 * a reference and back (struct fd_array_ops).
 */
#ifndef BPF_MAPS_FD_ARRAY_H
#define BPF_MAPS_FD_ARRAY_H

#include "bpf/map.h"

struct bpf_fd_array {
	struct bpf_map map;
	const struct fd_array_ops *fd_ops;
	void *ptrs[]; /* max_entries objects, NULL where empty */
};

struct fd_array_ops {
	/* A counted reference to the object behind fd, checked for this map. 0 or -errno. */
	int (*get_ptr)(struct bpf_map *map, int fd, void **ptr);
	void (*put_ptr)(void *ptr);
	/* The u32 user space reads back for an entry; NULL: lookups give -ENOTSUPP. */
	u32 (*sys_lookup)(void *ptr);
};

static inline struct bpf_fd_array *to_fd_array(const struct bpf_map *map)
{
	return (struct bpf_fd_array *)map;
}

int bpf_fd_array_alloc_check(const union bpf_attr *attr);
int bpf_fd_array_alloc(const union bpf_attr *attr, struct bpf_map **map,
		       const struct fd_array_ops *fd_ops);
void bpf_fd_array_free(struct bpf_map *map);
/* Drop every entry (the map's last user reference is gone, or the map goes away). */
void bpf_fd_array_clear(struct bpf_map *map);
void *bpf_fd_array_lookup_elem(struct bpf_map *map, const void *key);
long bpf_fd_array_update_elem(struct bpf_map *map, const void *key, const void *value, u64 flags);
long bpf_fd_array_delete_elem(struct bpf_map *map, const void *key);
int bpf_fd_array_copy_value(struct bpf_map *map, const void *key, void *value);
int bpf_fd_array_update_value(struct bpf_map *map, const void *key, const void *value, u64 flags);

#endif /* BPF_MAPS_FD_ARRAY_H */
