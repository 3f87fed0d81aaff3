/*
 * bpf/map.h - struct bpf_map, the operations every map type provides, and the map object's
 * life: reference counts, ids, file descriptors.
 *
 * A map is created by BPF_MAP_CREATE (bpf/syscall.c), which finds the type's ops in
 * map_types[] (bpf/map.c) and calls its map_alloc. From then on it is reached three ways:
 *  - from user space through bpf(): lookup, update, delete, get_next_key; these go through
 *    bpf_map_copy_value / bpf_map_update_value here, which handle the per-CPU and fd-holding
 *    types the way Linux's syscall.c does;
 *  - from programs through the helpers (bpf/helpers.c), which call the ops directly and are
 *    given a pointer to the value itself (no copy);
 *  - from the verifier, which reads key_size, value_size, map_type and map_flags.
 *
 * Lifetime: refcnt counts every holder (fds, programs that use the map, links); usercnt
 * counts the holders from user space (fds). When usercnt drops to 0 the type may drop what
 * only user space could have wanted (a PROG_ARRAY empties itself, breaking reference cycles
 * between programs that tail-call each other); when refcnt drops to 0 the map is freed.
 *
 * Read next: bpf/maps/array.c (the simplest type), then bpf/maps/hash.c.
 */
#ifndef BPF_MAP_H
#define BPF_MAP_H

#include "bpf/env.h"
#include "bpf/uapi/bpf.h"

struct bpf_map;
struct bpf_prog;

/*
 * The operations of one map type. Program-side operations (lookup, update, delete) run in
 * program context, perhaps in an interrupt: they do not sleep and do not allocate unless the
 * type says so (BPF_F_NO_PREALLOC). Optional hooks are NULL-checked in one place each.
 */
struct bpf_map_ops {
	/* Check the attributes of MAP_CREATE before allocating: 0 or a negative errno. */
	int (*map_alloc_check)(const union bpf_attr *attr);
	/* Allocate the map (bpf_map_init_from_attr fills the common part). 0 or -errno. */
	int (*map_alloc)(const union bpf_attr *attr, struct bpf_map **map);
	/* Free the map and everything it holds; the map is no longer reachable. */
	void (*map_free)(struct bpf_map *map);
	/* Optional: the last user reference is gone (see the top of this file). */
	void (*map_release_uref)(struct bpf_map *map);

	/* The key after key (the first when key is NULL or absent). 0 or -ENOENT at the end. */
	int (*map_get_next_key)(struct bpf_map *map, const void *key, void *next_key);
	/* A pointer to the value for key, this CPU's copy for per-CPU maps; NULL if absent. */
	void *(*map_lookup_elem)(struct bpf_map *map, const void *key);
	/* Program-side lookup that may also update the LRU order; NULL: map_lookup_elem. */
	void *(*map_lookup_elem_touch)(struct bpf_map *map, const void *key);
	/* Store value for key: flags BPF_ANY, BPF_NOEXIST or BPF_EXIST. 0 or a negative errno. */
	long (*map_update_elem)(struct bpf_map *map, const void *key, const void *value, u64 flags);
	long (*map_delete_elem)(struct bpf_map *map, const void *key);

	/*
	 * Optional, for the syscall side: copy the value for key to value in the layout user
	 * space sees (all CPUs' values for per-CPU maps, an id for fd maps); store one from
	 * that layout. Without them the syscall side uses map_lookup_elem / map_update_elem.
	 */
	int (*map_copy_value)(struct bpf_map *map, const void *key, void *value);
	int (*map_update_value)(struct bpf_map *map, const void *key, const void *value, u64 flags);
	/* Optional: BPF_MAP_LOOKUP_AND_DELETE_ELEM; without it the command gives -ENOTSUPP. */
	int (*map_lookup_and_delete)(struct bpf_map *map, const void *key, void *value);

	/*
	 * Optional, for global data (BPF_PSEUDO_MAP_VALUE): the address of byte off of the
	 * value area, and the way back from such an address to off. 0 or -EINVAL.
	 */
	int (*map_direct_value_addr)(const struct bpf_map *map, u64 *imm, u32 off);
	int (*map_direct_value_meta)(const struct bpf_map *map, u64 imm, u32 *off);

	/*
	 * Optional, for memory user space can map (ring buffers, BPF_F_MMAPABLE arrays): the
	 * kernel address of the page at byte offset pgoff of the mapping, for a writable
	 * mapping or not. 0; -EINVAL past the end; -EPERM when the page may not be written.
	 */
	int (*map_mmap_page)(struct bpf_map *map, u64 pgoff, bool writable, void **page);
};

struct bpf_map {
	const struct bpf_map_ops *ops;
	u32 map_type; /* enum bpf_map_type */
	u32 key_size;
	u32 value_size;
	u32 max_entries;
	u32 map_flags;
	u32 id;	     /* 0 until the map is published (bpf_map_alloc_id) */
	u32 refcnt;  /* every holder */
	u32 usercnt; /* holders from user space */
	bool frozen; /* BPF_MAP_FREEZE: user space may no longer write */
	u32 writecnt; /* writable mmaps of its pages: while any, it cannot be frozen */
	u64 map_extra;
	char name[BPF_OBJ_NAME_LEN];
	/* PROG_ARRAY: the program type and JIT state every program in it must share. */
	u32 owner_prog_type;
	bool owner_jited;
};

/* Fill the common fields of a new map from the MAP_CREATE attributes. */
void bpf_map_init_from_attr(struct bpf_map *map, const union bpf_attr *attr);

/* The ops of a map type, or NULL when glass does not implement it. */
const struct bpf_map_ops *bpf_map_type_ops(u32 map_type);
/* Lower-case name of a map type without its prefix ("lru_hash"), or NULL; and back. */
const char *bpf_map_type_name(u32 map_type);
int bpf_map_type_from_name(const char *name);

/* References (see the top of this file). put frees the map when the last one goes. */
void bpf_map_inc(struct bpf_map *map);
void bpf_map_inc_with_uref(struct bpf_map *map);
void bpf_map_put(struct bpf_map *map);
void bpf_map_put_with_uref(struct bpf_map *map);

/* The map behind fd, with a new reference. 0, -EBADF, or -EINVAL when fd is not a map. */
int bpf_map_get(int ufd, struct bpf_map **map);
/* The same with the fd's BPF_FD_READ/WRITE mode, for the syscall side (no new reference). */
int bpf_map_fd_lookup(int ufd, struct bpf_map **map, u32 *mode);

/* Give map an id (0 or a negative errno); find a map by id, or the next one. */
int bpf_map_alloc_id(struct bpf_map *map);
struct bpf_map *bpf_map_find_by_id(u32 id);
struct bpf_map *bpf_map_get_next_by_id(u32 *id);

/* Bytes of a value as user space sees it: value_size, or one 8-aligned copy per CPU. */
u32 bpf_map_value_size(const struct bpf_map *map);
/* Syscall-side copy of a value out and in (see struct bpf_map_ops). */
int bpf_map_copy_value(struct bpf_map *map, const void *key, void *value);
int bpf_map_update_value(struct bpf_map *map, const void *key, const void *value, u64 flags);

/* Is the map one whose values programs may only read (BPF_F_RDONLY_PROG)? */
static inline bool bpf_map_is_rdonly_prog(const struct bpf_map *map)
{
	return map->map_flags & BPF_F_RDONLY_PROG;
}

/* The access flags shared by every map type: BPF_F_RDONLY/WRONLY and their _PROG forms. */
#define BPF_F_ACCESS_MASK (BPF_F_RDONLY | BPF_F_RDONLY_PROG | BPF_F_WRONLY | BPF_F_WRONLY_PROG)
/* Are the access flags of map_flags consistent (not read-only and write-only at once)? */
bool bpf_map_flags_access_ok(u32 map_flags);

/* Round up to a multiple of a power of two. */
#define BPF_ROUND_UP(x, align) (((x) + (align)-1) & ~((__typeof__(x))(align)-1))

/* The map types of bpf/maps/, registered in map_types[]. */
extern const struct bpf_map_ops array_map_ops;
extern const struct bpf_map_ops percpu_array_map_ops;
extern const struct bpf_map_ops prog_array_map_ops;
extern const struct bpf_map_ops perf_event_array_map_ops;
extern const struct bpf_map_ops htab_map_ops;
extern const struct bpf_map_ops htab_percpu_map_ops;
extern const struct bpf_map_ops htab_lru_map_ops;
extern const struct bpf_map_ops ringbuf_map_ops;
extern const struct bpf_map_ops stack_trace_map_ops;

#endif /* BPF_MAP_H */
