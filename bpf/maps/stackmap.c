/*
 * bpf/maps/stackmap.c - BPF_MAP_TYPE_STACK_TRACE and the helper that fills it,
 * bpf_get_stackid.
 *
 * A program calls bpf_get_stackid(ctx, map, flags): the environment walks the stack of the
 * event (bpf_env_get_stack), the addresses are hashed, and the hash picks a bucket; the
 * bucket's index is the stack id the program gets back (and typically uses as a key in a
 * hash map of counts). User space then reads the addresses with a lookup of that id.
 *
 * Buckets: n_buckets = max_entries rounded up to a power of two, each empty or holding one
 * stack. Two different stacks can hash to the same bucket: by default the second gets
 * -EEXIST; with BPF_F_REUSE_STACKID it replaces the first. BPF_F_FAST_STACK_CMP trusts the
 * hash alone. Stacks are stored in max_entries elements allocated at MAP_CREATE, so the
 * helper never allocates.
 *
 * Values are value_size / 8 return addresses, innermost first, zero-filled after the last;
 * with BPF_F_STACK_BUILD_ID they are struct bpf_stack_build_id entries instead, which glass,
 * having no build ids, fills with BPF_STACK_BUILD_ID_IP and the address.
 *
 * Read next: bpf/maps/prog_array.c.
 */
#include "bpf/helpers.h"
#include "bpf/map.h"

#define STACK_CREATE_FLAG_MASK                                                                     \
	(BPF_F_NUMA_NODE | BPF_F_RDONLY | BPF_F_WRONLY | BPF_F_STACK_BUILD_ID)
#define PERF_MAX_STACK_DEPTH 127 /* Linux's kernel.perf_event_max_stack */

struct stack_bucket {
	struct stack_bucket *next_free;
	u32 hash;
	u32 nr;	   /* entries stored */
	u8 data[]; /* value_size bytes */
};

struct bpf_stack_map {
	struct bpf_map map;
	u32 n_buckets;
	u32 elem_size;
	struct stack_bucket **buckets;
	u8 *elems;
	struct stack_bucket *free_list;
};

static inline struct bpf_stack_map *to_smap(const struct bpf_map *map)
{
	return (struct bpf_stack_map *)map;
}

static inline bool use_build_id(const struct bpf_map *map)
{
	return map->map_flags & BPF_F_STACK_BUILD_ID;
}

static inline u32 entry_size(const struct bpf_map *map)
{
	return use_build_id(map) ? sizeof(struct bpf_stack_build_id) : sizeof(u64);
}

static int stack_map_alloc_check(const union bpf_attr *attr)
{
	u32 entry = attr->map_flags & BPF_F_STACK_BUILD_ID ? sizeof(struct bpf_stack_build_id) : 8;

	if (attr->map_flags & ~STACK_CREATE_FLAG_MASK)
		return -EINVAL;
	if (!attr->max_entries || attr->key_size != 4 || attr->value_size < 8 ||
	    attr->value_size % entry)
		return -EINVAL;
	if (attr->value_size / entry > PERF_MAX_STACK_DEPTH)
		return -EINVAL;
	if (attr->max_entries > (1u << 24))
		return -E2BIG;
	return 0;
}

static int stack_map_alloc(const union bpf_attr *attr, struct bpf_map **mapp)
{
	struct bpf_stack_map *smap = bpf_env_alloc(sizeof(*smap));
	u32 n = 1;

	if (!smap)
		return -ENOMEM;
	while (n < attr->max_entries)
		n <<= 1;
	smap->n_buckets = n;
	smap->elem_size = BPF_ROUND_UP(sizeof(struct stack_bucket) + attr->value_size, 8);
	smap->buckets = bpf_env_alloc((size_t)n * sizeof(*smap->buckets));
	smap->elems = bpf_env_alloc((size_t)smap->elem_size * attr->max_entries);
	if (!smap->buckets || !smap->elems) {
		bpf_env_free(smap->buckets);
		bpf_env_free(smap->elems);
		bpf_env_free(smap);
		return -ENOMEM;
	}
	for (u32 i = attr->max_entries; i-- > 0;) {
		struct stack_bucket *b = (void *)(smap->elems + (size_t)i * smap->elem_size);

		b->next_free = smap->free_list;
		smap->free_list = b;
	}
	bpf_map_init_from_attr(&smap->map, attr);
	*mapp = &smap->map;
	return 0;
}

static void stack_map_free(struct bpf_map *map)
{
	struct bpf_stack_map *smap = to_smap(map);

	bpf_env_free(smap->buckets);
	bpf_env_free(smap->elems);
	bpf_env_free(smap);
}

/* Programs cannot look up stacks; user space can (map_copy_value). */
static void *stack_map_lookup_elem(struct bpf_map *map, const void *key)
{
	return NULL;
}

static int stack_map_copy_value(struct bpf_map *map, const void *key, void *value)
{
	struct bpf_stack_map *smap = to_smap(map);
	u32 id = *(const u32 *)key;
	struct stack_bucket *bucket;
	unsigned long flags;
	u32 used;

	if (id >= smap->n_buckets)
		return -ENOENT;
	flags = bpf_env_irq_save();
	bucket = smap->buckets[id];
	if (bucket) {
		used = bucket->nr * entry_size(map);
		memcpy(value, bucket->data, used);
		memset((u8 *)value + used, 0, map->value_size - used);
	}
	bpf_env_irq_restore(flags);
	return bucket ? 0 : -ENOENT;
}

static long stack_map_update_elem(struct bpf_map *map, const void *key, const void *value,
				  u64 flags)
{
	return -EINVAL;
}

static long stack_map_delete_elem(struct bpf_map *map, const void *key)
{
	struct bpf_stack_map *smap = to_smap(map);
	u32 id = *(const u32 *)key;
	struct stack_bucket *old;
	unsigned long flags;

	if (id >= smap->n_buckets)
		return -E2BIG;
	flags = bpf_env_irq_save();
	old = smap->buckets[id];
	smap->buckets[id] = NULL;
	if (old) {
		old->next_free = smap->free_list;
		smap->free_list = old;
	}
	bpf_env_irq_restore(flags);
	return old ? 0 : -ENOENT;
}

static int stack_map_get_next_key(struct bpf_map *map, const void *key, void *next_key)
{
	struct bpf_stack_map *smap = to_smap(map);
	u32 id = 0;

	if (key) {
		id = *(const u32 *)key;
		if (id >= smap->n_buckets || !smap->buckets[id])
			id = 0;
		else
			id++;
	}
	while (id < smap->n_buckets && !smap->buckets[id])
		id++;
	if (id >= smap->n_buckets)
		return -ENOENT;
	*(u32 *)next_key = id;
	return 0;
}

/* A hash of the addresses: each mixed in with a multiply, then an avalanche. */
static u32 stack_hash(const u64 *ips, u32 nr)
{
	u64 h = 0x2545f4914f6cdd1dull ^ nr;

	for (u32 i = 0; i < nr; i++) {
		h = (h ^ ips[i]) * 0x9e3779b97f4a7c15ull;
		h ^= h >> 31;
	}
	h *= 0xd6e8feb86659fd93ull;
	h ^= h >> 32;
	return (u32)h;
}

/* Fill a bucket's data with nr stack entries in the map's value format. */
static void fill_bucket(const struct bpf_map *map, struct stack_bucket *b, const u64 *ips, u32 nr)
{
	if (!use_build_id(map)) {
		memcpy(b->data, ips, nr * sizeof(u64));
		return;
	}
	for (u32 i = 0; i < nr; i++) {
		struct bpf_stack_build_id *entry = (void *)(b->data + i * sizeof(*entry));

		memset(entry, 0, sizeof(*entry));
		entry->status = BPF_STACK_BUILD_ID_IP;
		entry->ip = ips[i];
	}
}

static u64 bpf_get_stackid(u64 ctx, u64 map_ptr, u64 flags, u64 r4, u64 r5)
{
	struct bpf_map *map = (struct bpf_map *)(uintptr_t)map_ptr;
	struct bpf_stack_map *smap = to_smap(map);
	u64 ips[PERF_MAX_STACK_DEPTH];
	u32 max = map->value_size / entry_size(map);
	struct stack_bucket *bucket, *fresh;
	unsigned long irq;
	u32 hash, id;
	int nr;

	if (flags & ~(BPF_F_SKIP_FIELD_MASK | BPF_F_USER_STACK | BPF_F_FAST_STACK_CMP |
		      BPF_F_REUSE_STACKID))
		return (u64)-EINVAL;
	nr = bpf_env_get_stack((const void *)(uintptr_t)ctx, ips, max,
			       (u32)(flags & BPF_F_SKIP_FIELD_MASK), flags & BPF_F_USER_STACK);
	if (nr <= 0)
		return (u64)-EFAULT; /* no stack, or all of it skipped */

	hash = stack_hash(ips, (u32)nr);
	id = hash & (smap->n_buckets - 1);
	irq = bpf_env_irq_save();
	bucket = smap->buckets[id];
	if (bucket && bucket->hash == hash) {
		if (flags & BPF_F_FAST_STACK_CMP)
			goto found;
		if (bucket->nr == (u32)nr) {
			/* Compare in the stored format, through a scratch copy of ours. */
			fresh = smap->free_list;
			if (!use_build_id(map)) {
				if (!memcmp(bucket->data, ips, nr * sizeof(u64)))
					goto found;
			} else if (fresh) {
				fill_bucket(map, fresh, ips, (u32)nr);
				if (!memcmp(bucket->data, fresh->data, nr * entry_size(map)))
					goto found;
			}
		}
	}
	if (bucket && !(flags & BPF_F_REUSE_STACKID)) {
		bpf_env_irq_restore(irq);
		return (u64)-EEXIST;
	}
	fresh = smap->free_list;
	if (!fresh) {
		bpf_env_irq_restore(irq);
		return (u64)-ENOMEM;
	}
	smap->free_list = fresh->next_free;
	fill_bucket(map, fresh, ips, (u32)nr);
	fresh->hash = hash;
	fresh->nr = (u32)nr;
	smap->buckets[id] = fresh;
	if (bucket) {
		bucket->next_free = smap->free_list;
		smap->free_list = bucket;
	}
found:
	bpf_env_irq_restore(irq);
	return id;
}

const struct bpf_func_proto bpf_get_stackid_proto = {
    .func = bpf_get_stackid,
    .name = "bpf_get_stackid",
    .gpl_only = true,
    .ret_type = RET_INTEGER,
    .arg_type = {ARG_PTR_TO_CTX, ARG_CONST_MAP_PTR, ARG_ANYTHING},
};

const struct bpf_map_ops stack_trace_map_ops = {
    .map_alloc_check = stack_map_alloc_check,
    .map_alloc = stack_map_alloc,
    .map_free = stack_map_free,
    .map_get_next_key = stack_map_get_next_key,
    .map_lookup_elem = stack_map_lookup_elem,
    .map_update_elem = stack_map_update_elem,
    .map_delete_elem = stack_map_delete_elem,
    .map_copy_value = stack_map_copy_value,
};
