/*
 * bpf/maps/hash.c - BPF_MAP_TYPE_HASH, BPF_MAP_TYPE_PERCPU_HASH and BPF_MAP_TYPE_LRU_HASH.
 *
 * A table of n_buckets chains (n_buckets: max_entries rounded up to a power of two). A key's
 * hash picks the chain; an element carries its hash, so a lookup compares keys only when the
 * hashes match. New elements go to the head of their chain.
 *
 *   buckets[]                         struct htab_elem
 *   +---+     +------+     +------+   +------+----------+------+--------------+----------+
 *   | 0 |---->| elem |---->| elem |   | next | lru prev | hash | key (8-alig) | value(s) |
 *   | 1 |     +------+     +------+   |      | lru next |      |              |          |
 *   |...|                             +------+----------+------+--------------+----------+
 *
 * Preallocation (the default, and the only mode of LRU_HASH): all max_entries elements are
 * allocated at MAP_CREATE and kept on a free list, so an update or a lookup from a program
 * never allocates. A full table refuses a new key with -E2BIG; LRU_HASH instead evicts the
 * least recently used element. BPF_F_NO_PREALLOC allocates elements on update instead.
 *
 * LRU order is exact: a program's lookup or any update moves the element to the head of one
 * recency list, and eviction takes its tail. (Linux approximates this with per-CPU lists and
 * reference bits; the order a single CPU sees is the same.) A lookup from user space does not
 * count as a use, as in Linux.
 *
 * PERCPU_HASH stores nr_cpus copies of the value in each element: a program sees its own
 * CPU's, user space sees all of them in a row, each rounded up to 8 bytes.
 *
 * Updates of an existing key copy the new value over the old one in place. Chains change
 * only with interrupts off, so a program running in an interrupt sees either the old or the
 * new chain, never a broken one.
 *
 * Read next: bpf/maps/ringbuf.c.
 */
#include "bpf/maps/hash.h"

struct htab_elem {
	struct htab_elem *next;	    /* bucket chain, or the free list */
	struct htab_elem *lru_prev; /* LRU_HASH: the recency list, most recent at the head */
	struct htab_elem *lru_next;
	u32 hash;
	u32 pad;
	u8 key[]; /* key_size rounded up to 8, then the value area */
};

struct bpf_htab {
	struct bpf_map map;
	struct htab_elem **buckets;
	u32 n_buckets;	  /* a power of two */
	u32 key_area;	  /* key_size rounded up to 8 */
	u32 value_stride; /* value_size rounded up to 8: one CPU's copy */
	u32 nr_cpus;	  /* copies of the value: 1, or bpf_env_nr_cpus() for PERCPU_HASH */
	u32 elem_size;	  /* bytes of one element */
	u32 count;	  /* elements in the table */
	u32 seed;
	bool prealloc;
	bool lru;
	u8 *elems; /* the preallocated elements */
	struct htab_elem *free_list;
	struct htab_elem lru_list; /* sentinel: lru_next is the most recent, lru_prev the least */
};

#define HTAB_CREATE_FLAG_MASK                                                                      \
	(BPF_F_NO_PREALLOC | BPF_F_NO_COMMON_LRU | BPF_F_NUMA_NODE | BPF_F_ACCESS_MASK |           \
	 BPF_F_ZERO_SEED)
#define PCPU_MIN_UNIT_SIZE (32 << 10)
#define HTAB_MAX_BYTES	   (1ull << 31)

static inline struct bpf_htab *to_htab(const struct bpf_map *map)
{
	return (struct bpf_htab *)map;
}

static inline void *elem_value(const struct bpf_htab *htab, struct htab_elem *elem, u32 cpu)
{
	return elem->key + htab->key_area + cpu * htab->value_stride;
}

/*
 * The hash of a key: 8 bytes at a time, each mixed in with a multiply and a shift, then a
 * final avalanche so that every key bit affects the low bits that choose the bucket. Keys of
 * 4 and 8 bytes, the usual ones, take the short path without a loop.
 */
static inline u64 hash_mix(u64 h, u64 v, u64 mul)
{
	h = (h ^ v) * mul;
	return h ^ (h >> 32);
}

static u32 htab_hash(const void *key, u32 len, u32 seed)
{
	const u8 *p = key;
	u64 h = seed ^ ((u64)len * 0x9e3779b97f4a7c15ull);
	u64 v = 0;

	for (; len >= 8; len -= 8, p += 8) {
		memcpy(&v, p, 8);
		h = hash_mix(h, v, 0xff51afd7ed558ccdull);
	}
	if (len) {
		v = 0;
		if (len & 4) {
			u32 w;

			memcpy(&w, p, 4);
			v = w;
			p += 4;
		}
		for (u32 i = len & 4; i < len; i++, p++)
			v |= (u64)*p << (8 * i);
		h = hash_mix(h, v, 0xc4ceb9fe1a85ec53ull);
	}
	h ^= h >> 29;
	h *= 0xbf58476d1ce4e5b9ull;
	h ^= h >> 32;
	return (u32)h;
}

/* Keys compare with one load for the common sizes. */
static inline bool key_equal(const u8 *a, const void *b, u32 size)
{
	if (size == 4) {
		u32 x, y;

		memcpy(&x, a, 4);
		memcpy(&y, b, 4);
		return x == y;
	}
	if (size == 8) {
		u64 x, y;

		memcpy(&x, a, 8);
		memcpy(&y, b, 8);
		return x == y;
	}
	return !memcmp(a, b, size);
}

static inline struct htab_elem **bucket_of(struct bpf_htab *htab, u32 hash)
{
	return &htab->buckets[hash & (htab->n_buckets - 1)];
}

static struct htab_elem *find_elem(struct bpf_htab *htab, u32 hash, const void *key)
{
	struct htab_elem *elem;

	for (elem = *bucket_of(htab, hash); elem; elem = elem->next)
		if (elem->hash == hash && key_equal(elem->key, key, htab->map.key_size))
			return elem;
	return NULL;
}

/* ---- the recency list of LRU_HASH ---- */

static void lru_unlink(struct htab_elem *elem)
{
	elem->lru_prev->lru_next = elem->lru_next;
	elem->lru_next->lru_prev = elem->lru_prev;
}

static void lru_push_head(struct bpf_htab *htab, struct htab_elem *elem)
{
	elem->lru_next = htab->lru_list.lru_next;
	elem->lru_prev = &htab->lru_list;
	htab->lru_list.lru_next->lru_prev = elem;
	htab->lru_list.lru_next = elem;
}

static void lru_touch(struct bpf_htab *htab, struct htab_elem *elem)
{
	if (htab->lru_list.lru_next == elem)
		return;
	lru_unlink(elem);
	lru_push_head(htab, elem);
}

/* ---- elements ---- */

static void unlink_elem(struct bpf_htab *htab, struct htab_elem *elem)
{
	struct htab_elem **link = bucket_of(htab, elem->hash);

	while (*link != elem)
		link = &(*link)->next;
	*link = elem->next;
	if (htab->lru)
		lru_unlink(elem);
	htab->count--;
}

static void free_elem(struct bpf_htab *htab, struct htab_elem *elem)
{
	if (htab->prealloc) {
		elem->next = htab->free_list;
		htab->free_list = elem;
	} else {
		bpf_env_free(elem);
	}
}

/* A fresh element for a new key: from the free list, the allocator, or by eviction. */
static struct htab_elem *get_free_elem(struct bpf_htab *htab)
{
	struct htab_elem *elem;

	if (htab->prealloc) {
		elem = htab->free_list;
		if (elem) {
			htab->free_list = elem->next;
			return elem;
		}
		if (htab->lru && htab->count) {
			elem = htab->lru_list.lru_prev; /* the least recently used */
			unlink_elem(htab, elem);
			return elem;
		}
		return NULL;
	}
	if (htab->count >= htab->map.max_entries)
		return NULL;
	return bpf_env_alloc(htab->elem_size);
}

/* ---- map operations ---- */

static int htab_map_alloc_check(const union bpf_attr *attr)
{
	bool percpu = attr->map_type == BPF_MAP_TYPE_PERCPU_HASH;
	bool lru = attr->map_type == BPF_MAP_TYPE_LRU_HASH;
	bool prealloc = !(attr->map_flags & BPF_F_NO_PREALLOC);

	if (attr->map_flags & ~HTAB_CREATE_FLAG_MASK || !bpf_map_flags_access_ok(attr->map_flags))
		return -EINVAL;
	if (!lru && attr->map_flags & BPF_F_NO_COMMON_LRU)
		return -EINVAL;
	if (lru && !prealloc)
		return -ENOTSUPP;
	if (!attr->max_entries || !attr->key_size || !attr->value_size)
		return -EINVAL;
	if (attr->key_size > MAX_BPF_STACK)
		return -E2BIG; /* a program could not hold such a key on its stack */
	if ((u64)attr->key_size + attr->value_size >= HTAB_MAX_BYTES)
		return -E2BIG;
	if (percpu && BPF_ROUND_UP(attr->value_size, 8) > PCPU_MIN_UNIT_SIZE)
		return -E2BIG;
	return 0;
}

static u32 roundup_pow_of_two(u32 n)
{
	u32 p = 1;

	while (p < n && p)
		p <<= 1;
	return p;
}

static int htab_map_alloc(const union bpf_attr *attr, struct bpf_map **mapp)
{
	struct bpf_htab *htab = bpf_env_alloc(sizeof(*htab));
	u64 elem_size;
	int err = -ENOMEM;

	if (!htab)
		return -ENOMEM;
	bpf_map_init_from_attr(&htab->map, attr);
	htab->lru = attr->map_type == BPF_MAP_TYPE_LRU_HASH;
	htab->prealloc = !(attr->map_flags & BPF_F_NO_PREALLOC);
	htab->nr_cpus = attr->map_type == BPF_MAP_TYPE_PERCPU_HASH ? bpf_env_nr_cpus() : 1;
	htab->key_area = BPF_ROUND_UP(attr->key_size, 8);
	htab->value_stride = BPF_ROUND_UP(attr->value_size, 8);
	elem_size =
	    sizeof(struct htab_elem) + htab->key_area + (u64)htab->value_stride * htab->nr_cpus;
	htab->n_buckets = roundup_pow_of_two(attr->max_entries);
	htab->seed = attr->map_flags & BPF_F_ZERO_SEED ? 0 : bpf_env_prandom_u32();
	htab->lru_list.lru_next = htab->lru_list.lru_prev = &htab->lru_list;
	if (!htab->n_buckets || elem_size > HTAB_MAX_BYTES ||
	    (htab->prealloc && elem_size * attr->max_entries > HTAB_MAX_BYTES)) {
		err = -E2BIG;
		goto free_htab;
	}
	htab->elem_size = (u32)elem_size;
	htab->buckets = bpf_env_alloc((size_t)htab->n_buckets * sizeof(*htab->buckets));
	if (!htab->buckets)
		goto free_htab;
	if (htab->prealloc) {
		htab->elems = bpf_env_alloc((size_t)elem_size * attr->max_entries);
		if (!htab->elems)
			goto free_buckets;
		for (u32 i = attr->max_entries; i-- > 0;) {
			struct htab_elem *elem = (void *)(htab->elems + (size_t)i * elem_size);

			elem->next = htab->free_list;
			htab->free_list = elem;
		}
	}
	*mapp = &htab->map;
	return 0;

free_buckets:
	bpf_env_free(htab->buckets);
free_htab:
	bpf_env_free(htab);
	return err;
}

static void htab_map_free(struct bpf_map *map)
{
	struct bpf_htab *htab = to_htab(map);

	if (!htab->prealloc) {
		for (u32 i = 0; i < htab->n_buckets; i++) {
			struct htab_elem *elem = htab->buckets[i], *next;

			for (; elem; elem = next) {
				next = elem->next;
				bpf_env_free(elem);
			}
		}
	}
	bpf_env_free(htab->elems);
	bpf_env_free(htab->buckets);
	bpf_env_free(htab);
}

static void *htab_map_lookup_elem(struct bpf_map *map, const void *key)
{
	struct bpf_htab *htab = to_htab(map);
	struct htab_elem *elem = find_elem(htab, htab_hash(key, map->key_size, htab->seed), key);

	return elem ? elem_value(htab, elem, 0) : NULL;
}

static void *htab_percpu_map_lookup_elem(struct bpf_map *map, const void *key)
{
	struct bpf_htab *htab = to_htab(map);
	struct htab_elem *elem = find_elem(htab, htab_hash(key, map->key_size, htab->seed), key);

	return elem ? elem_value(htab, elem, bpf_env_smp_processor_id()) : NULL;
}

/* A program's lookup in an LRU map counts as a use of the element. */
static void *htab_lru_map_lookup_elem_touch(struct bpf_map *map, const void *key)
{
	struct bpf_htab *htab = to_htab(map);
	unsigned long flags = bpf_env_irq_save();
	struct htab_elem *elem = find_elem(htab, htab_hash(key, map->key_size, htab->seed), key);

	if (elem)
		lru_touch(htab, elem);
	bpf_env_irq_restore(flags);
	return elem ? elem_value(htab, elem, 0) : NULL;
}

/*
 * Insert or overwrite. all_cpus: value holds every CPU's copy (user space); otherwise it is
 * one copy, stored for this CPU (a new per-CPU element starts with the other CPUs' zeroed).
 */
static long htab_update(struct bpf_map *map, const void *key, const void *value, u64 map_flags,
			bool all_cpus)
{
	struct bpf_htab *htab = to_htab(map);
	u32 hash = htab_hash(key, map->key_size, htab->seed);
	u32 this_cpu = bpf_env_smp_processor_id();
	struct htab_elem *elem;
	unsigned long flags;
	long err = 0;

	if ((map_flags & ~(u64)BPF_F_LOCK) > BPF_EXIST || map_flags & BPF_F_LOCK)
		return -EINVAL; /* BPF_F_LOCK needs a bpf_spin_lock in the value: none in glass */
	flags = bpf_env_irq_save();
	elem = find_elem(htab, hash, key);
	if (elem && map_flags == BPF_NOEXIST) {
		err = -EEXIST;
		goto out;
	}
	if (!elem && map_flags == BPF_EXIST) {
		err = -ENOENT;
		goto out;
	}
	if (!elem) {
		elem = get_free_elem(htab);
		if (!elem) {
			err = htab->prealloc ? -E2BIG
					     : (htab->count >= map->max_entries ? -E2BIG : -ENOMEM);
			goto out;
		}
		memset(elem, 0, htab->elem_size);
		elem->hash = hash;
		memcpy(elem->key, key, map->key_size);
		elem->next = *bucket_of(htab, hash);
		*bucket_of(htab, hash) = elem;
		if (htab->lru)
			lru_push_head(htab, elem);
		htab->count++;
	} else if (htab->lru) {
		lru_touch(htab, elem);
	}
	if (all_cpus) {
		for (u32 cpu = 0; cpu < htab->nr_cpus; cpu++)
			memcpy(elem_value(htab, elem, cpu),
			       (const u8 *)value + cpu * htab->value_stride, map->value_size);
	} else {
		memcpy(elem_value(htab, elem, htab->nr_cpus > 1 ? this_cpu : 0), value,
		       map->value_size);
	}
out:
	bpf_env_irq_restore(flags);
	return err;
}

static long htab_map_update_elem(struct bpf_map *map, const void *key, const void *value, u64 flags)
{
	return htab_update(map, key, value, flags, false);
}

static int htab_percpu_update_value(struct bpf_map *map, const void *key, const void *value,
				    u64 flags)
{
	return (int)htab_update(map, key, value, flags, true);
}

static long htab_map_delete_elem(struct bpf_map *map, const void *key)
{
	struct bpf_htab *htab = to_htab(map);
	u32 hash = htab_hash(key, map->key_size, htab->seed);
	unsigned long flags = bpf_env_irq_save();
	struct htab_elem *elem = find_elem(htab, hash, key);

	if (elem) {
		unlink_elem(htab, elem);
		free_elem(htab, elem);
	}
	bpf_env_irq_restore(flags);
	return elem ? 0 : -ENOENT;
}

/* Copy the value(s) of elem out in user space's layout. */
static void copy_out(struct bpf_htab *htab, struct htab_elem *elem, void *value)
{
	if (htab->nr_cpus == 1 && htab->map.map_type != BPF_MAP_TYPE_PERCPU_HASH) {
		memcpy(value, elem_value(htab, elem, 0), htab->map.value_size);
		return;
	}
	for (u32 cpu = 0; cpu < htab->nr_cpus; cpu++) {
		u8 *out = (u8 *)value + cpu * htab->value_stride;

		memcpy(out, elem_value(htab, elem, cpu), htab->map.value_size);
		memset(out + htab->map.value_size, 0, htab->value_stride - htab->map.value_size);
	}
}

static int htab_copy_value(struct bpf_map *map, const void *key, void *value)
{
	struct bpf_htab *htab = to_htab(map);
	unsigned long flags = bpf_env_irq_save();
	struct htab_elem *elem = find_elem(htab, htab_hash(key, map->key_size, htab->seed), key);

	if (elem)
		copy_out(htab, elem, value);
	bpf_env_irq_restore(flags);
	return elem ? 0 : -ENOENT;
}

static int htab_lookup_and_delete(struct bpf_map *map, const void *key, void *value)
{
	struct bpf_htab *htab = to_htab(map);
	unsigned long flags = bpf_env_irq_save();
	struct htab_elem *elem = find_elem(htab, htab_hash(key, map->key_size, htab->seed), key);

	if (elem) {
		copy_out(htab, elem, value);
		unlink_elem(htab, elem);
		free_elem(htab, elem);
	}
	bpf_env_irq_restore(flags);
	return elem ? 0 : -ENOENT;
}

/*
 * Linux's order: the element after key in its chain, else the first element of the next
 * non-empty bucket. A key that is not in the table (deleted meanwhile) restarts the walk
 * from the first bucket, so a walk that deletes as it goes still visits every element.
 */
static int htab_map_get_next_key(struct bpf_map *map, const void *key, void *next_key)
{
	struct bpf_htab *htab = to_htab(map);
	struct htab_elem *elem = NULL, *next = NULL;
	unsigned long flags = bpf_env_irq_save();
	u32 i = 0;

	if (key) {
		u32 hash = htab_hash(key, map->key_size, htab->seed);

		elem = find_elem(htab, hash, key);
		if (elem) {
			next = elem->next;
			i = (hash & (htab->n_buckets - 1)) + 1;
		}
	}
	for (; !next && i < htab->n_buckets; i++)
		next = htab->buckets[i];
	if (next)
		memcpy(next_key, next->key, map->key_size);
	bpf_env_irq_restore(flags);
	return next ? 0 : -ENOENT;
}

u32 bpf_htab_bucket_of(struct bpf_map *map, const void *key)
{
	struct bpf_htab *htab = to_htab(map);

	return htab_hash(key, map->key_size, htab->seed) & (htab->n_buckets - 1);
}

u32 bpf_htab_nr_buckets(struct bpf_map *map)
{
	return to_htab(map)->n_buckets;
}

u32 bpf_htab_count(struct bpf_map *map)
{
	return to_htab(map)->count;
}

const struct bpf_map_ops htab_map_ops = {
    .map_alloc_check = htab_map_alloc_check,
    .map_alloc = htab_map_alloc,
    .map_free = htab_map_free,
    .map_get_next_key = htab_map_get_next_key,
    .map_lookup_elem = htab_map_lookup_elem,
    .map_update_elem = htab_map_update_elem,
    .map_delete_elem = htab_map_delete_elem,
    .map_copy_value = htab_copy_value,
    .map_lookup_and_delete = htab_lookup_and_delete,
};

const struct bpf_map_ops htab_percpu_map_ops = {
    .map_alloc_check = htab_map_alloc_check,
    .map_alloc = htab_map_alloc,
    .map_free = htab_map_free,
    .map_get_next_key = htab_map_get_next_key,
    .map_lookup_elem = htab_percpu_map_lookup_elem,
    .map_update_elem = htab_map_update_elem,
    .map_delete_elem = htab_map_delete_elem,
    .map_copy_value = htab_copy_value,
    .map_update_value = htab_percpu_update_value,
    .map_lookup_and_delete = htab_lookup_and_delete,
};

const struct bpf_map_ops htab_lru_map_ops = {
    .map_alloc_check = htab_map_alloc_check,
    .map_alloc = htab_map_alloc,
    .map_free = htab_map_free,
    .map_get_next_key = htab_map_get_next_key,
    .map_lookup_elem = htab_map_lookup_elem,
    .map_lookup_elem_touch = htab_lru_map_lookup_elem_touch,
    .map_update_elem = htab_map_update_elem,
    .map_delete_elem = htab_map_delete_elem,
    .map_copy_value = htab_copy_value,
    .map_lookup_and_delete = htab_lookup_and_delete,
};
