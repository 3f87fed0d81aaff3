/*
 * tests/host/test_maps.c - the semantics of each map type, through the bpf() commands (what
 * user space sees) and through the ops and helpers (what programs see): array and per-CPU
 * layouts, hash collisions and iteration across deletes, LRU eviction order, stack
 * trace ids, and the fd arrays. Every test ends with every fd closed and nothing allocated.
 * The ring buffer has its own file, test_ringbuf.c.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "bpf/helpers.h"
#include "bpf/maps/hash.h"
#include "tests/host/lib/leak_check.h"
#include "tests/host/lib/sys_bpf.h"

static struct bpf_map *map_of(int fd)
{
	struct bpf_map *map;

	assert_int_equal(bpf_map_fd_lookup(fd, &map, NULL), 0);
	return map;
}

/* ---- ARRAY ---- */

static void test_array_basics(void **state)
{
	int fd = sys_map_create(BPF_MAP_TYPE_ARRAY, 4, 12, 4, 0);
	u32 key = 1, next;
	u8 value[12], out[12];

	assert_true(fd >= 0);
	/* Present from the start, zero-filled. */
	memset(out, 0xaa, sizeof(out));
	assert_int_equal(sys_map_lookup(fd, &key, out), 0);
	for (u32 i = 0; i < sizeof(out); i++)
		assert_int_equal(out[i], 0);
	for (u32 i = 0; i < sizeof(value); i++)
		value[i] = (u8)(i * 7 + 1);
	assert_int_equal(sys_map_update(fd, &key, value, BPF_ANY), 0);
	assert_int_equal(sys_map_lookup(fd, &key, out), 0);
	assert_memory_equal(out, value, sizeof(value));
	assert_int_equal(sys_map_update(fd, &key, value, BPF_EXIST), 0);
	assert_int_equal(sys_map_update(fd, &key, value, BPF_NOEXIST), -EEXIST);
	assert_int_equal(sys_map_update(fd, &key, value, 3), -EINVAL);
	assert_int_equal(sys_map_update(fd, &key, value, BPF_F_LOCK), -EINVAL);
	key = 4;
	assert_int_equal(sys_map_update(fd, &key, value, BPF_ANY), -E2BIG);
	assert_int_equal(sys_map_lookup(fd, &key, out), -ENOENT);
	assert_int_equal(sys_map_delete(fd, &key), -EINVAL);
	/* Keys: 0..3, an invalid key restarts at 0, the last has no next. */
	assert_int_equal(sys_map_get_next_key(fd, NULL, &next), 0);
	assert_int_equal(next, 0);
	key = 2;
	assert_int_equal(sys_map_get_next_key(fd, &key, &next), 0);
	assert_int_equal(next, 3);
	key = 3;
	assert_int_equal(sys_map_get_next_key(fd, &key, &next), -ENOENT);
	key = 99;
	assert_int_equal(sys_map_get_next_key(fd, &key, &next), 0);
	assert_int_equal(next, 0);
	assert_int_equal(sys_map_lookup_and_delete(fd, &key, out), -ENOTSUPP);
}

static void test_array_create_checks(void **state)
{
	assert_int_equal(sys_map_create(BPF_MAP_TYPE_ARRAY, 8, 4, 4, 0), -EINVAL);
	assert_int_equal(sys_map_create(BPF_MAP_TYPE_ARRAY, 4, 0, 4, 0), -EINVAL);
	assert_int_equal(sys_map_create(BPF_MAP_TYPE_ARRAY, 4, 4, 0, 0), -EINVAL);
	assert_int_equal(sys_map_create(BPF_MAP_TYPE_ARRAY, 4, 4, 4, BPF_F_NO_PREALLOC), -EINVAL);
	assert_int_equal(
	    sys_map_create(BPF_MAP_TYPE_ARRAY, 4, 4, 4, BPF_F_RDONLY_PROG | BPF_F_WRONLY_PROG),
	    -EINVAL);
	assert_int_equal(sys_map_create(BPF_MAP_TYPE_PERCPU_ARRAY, 4, 4, 4, BPF_F_MMAPABLE),
			 -EINVAL);
	assert_int_equal(sys_map_create(BPF_MAP_TYPE_ARRAY, 4, 4, 4, BPF_F_PRESERVE_ELEMS),
			 -EINVAL);
	assert_int_equal(sys_map_create(BPF_MAP_TYPE_PERCPU_ARRAY, 4, 40000, 4, 0), -E2BIG);
	assert_int_equal(sys_map_create(BPF_MAP_TYPE_ARRAY, 4, 1 << 20, 1 << 20, 0), -E2BIG);
	assert_int_equal(sys_map_create(BPF_MAP_TYPE_ARRAY, 4, 4, 4, BPF_F_CLONE), -EINVAL);
	assert_int_equal(sys_map_create(BPF_MAP_TYPE_ARRAY, 4, 4, 4, BPF_F_ZERO_SEED), -EINVAL);
	assert_int_equal(sys_map_create(BPF_MAP_TYPE_PERCPU_ARRAY, 4, 4, 4, BPF_F_INNER_MAP),
			 -EINVAL);
	assert_true(sys_map_create(BPF_MAP_TYPE_ARRAY, 4, 4, 4, BPF_F_INNER_MAP) >= 0);
	assert_true(sys_map_create(BPF_MAP_TYPE_ARRAY, 4, 4, 4, BPF_F_RDONLY_PROG) >= 0);
	assert_true(sys_map_create(BPF_MAP_TYPE_ARRAY, 4, 4, 4, BPF_F_WRONLY_PROG) >= 0);
}

/* Global data: one-entry arrays reached by address, .rodata read-only to programs. */
static void test_array_global_data(void **state)
{
	int fd = sys_map_create(BPF_MAP_TYPE_ARRAY, 4, 64, 1, BPF_F_RDONLY_PROG | BPF_F_MMAPABLE);
	int fd2 = sys_map_create(BPF_MAP_TYPE_ARRAY, 4, 8, 2, 0);
	struct bpf_map *map = map_of(fd);
	u64 addr;
	u32 off, key = 0;
	u8 value[64] = {1, 2, 3};
	void *page;

	assert_true(fd >= 0 && fd2 >= 0);
	assert_int_equal(map->ops->map_direct_value_addr(map, &addr, 16), 0);
	assert_int_equal(map->ops->map_direct_value_meta(map, addr + 16, &off), 0);
	assert_int_equal(off, 16);
	assert_int_equal(map->ops->map_direct_value_addr(map, &addr, 64), -EINVAL);
	assert_int_equal(map->ops->map_direct_value_meta(map, addr + 4096, &off), -ENOENT);
	assert_int_equal(map_of(fd2)->ops->map_direct_value_addr(map_of(fd2), &addr, 0), -ENOTSUPP);
	assert_true(bpf_map_is_rdonly_prog(map));

	/* BPF_F_MMAPABLE: the value is on a page user space can map and see updates through. */
	assert_int_equal(sys_map_update(fd, &key, value, BPF_ANY), 0);
	assert_int_equal(map->ops->map_mmap_page(map, 0, true, &page), 0);
	assert_memory_equal(page, value, sizeof(value));
	assert_int_equal(map->ops->map_mmap_page(map, BPF_PAGE_SIZE, false, &page), -EINVAL);
	/* Frozen: no writable mapping and no writes from user space. */
	union bpf_attr attr = {.map_fd = (u32)fd};
	assert_int_equal(sys_bpf(BPF_MAP_FREEZE, &attr), 0);
	assert_int_equal(map->ops->map_mmap_page(map, 0, true, &page), -EPERM);
	assert_int_equal(sys_map_update(fd, &key, value, BPF_ANY), -EPERM);
	assert_int_equal(sys_bpf(BPF_MAP_FREEZE, &attr), -EBUSY);
}

/* Per-CPU values: each CPU its own copy; user space sees nr_cpus copies of 8-aligned size. */
static void test_percpu_array_layout(void **state)
{
	int fd;
	u32 key = 2;
	u8 in[2 * 8], out[2 * 8];
	struct bpf_map *map;
	u8 *value;

	host_nr_cpus = 2;
	fd = sys_map_create(BPF_MAP_TYPE_PERCPU_ARRAY, 4, 5, 3, 0);
	assert_true(fd >= 0);
	map = map_of(fd);
	assert_int_equal(bpf_map_value_size(map), 16);
	memset(in, 0, sizeof(in));
	memcpy(in, "cpu0!", 5);
	memcpy(in + 8, "cpu1?", 5);
	assert_int_equal(sys_map_update(fd, &key, in, BPF_ANY), 0);
	memset(out, 0xee, sizeof(out));
	assert_int_equal(sys_map_lookup(fd, &key, out), 0);
	assert_memory_equal(out, in, sizeof(in)); /* padding bytes come back zero */

	/* A program's view: this CPU's copy, and an update touches only it. */
	host_cpu = 1;
	value = map->ops->map_lookup_elem(map, &key);
	assert_memory_equal(value, "cpu1?", 5);
	assert_int_equal(bpf_map_update_elem_proto.func((u64)(uintptr_t)map, (u64)(uintptr_t)&key,
							(u64)(uintptr_t) "CPU1!", BPF_ANY, 0),
			 0);
	host_cpu = 0;
	value = map->ops->map_lookup_elem(map, &key);
	assert_memory_equal(value, "cpu0!", 5);
	assert_int_equal(sys_map_lookup(fd, &key, out), 0);
	assert_memory_equal(out + 8, "CPU1!", 5);
}

/* ---- HASH ---- */

/* Find a key colliding with *key in the same bucket. */
static u32 colliding_key(struct bpf_map *map, u32 key, u32 start)
{
	u32 bucket = bpf_htab_bucket_of(map, &key);

	for (u32 k = start;; k++)
		if (k != key && bpf_htab_bucket_of(map, &k) == bucket)
			return k;
}

static void test_hash_collisions(void **state)
{
	int fd = sys_map_create(BPF_MAP_TYPE_HASH, 4, 8, 16, 0);
	struct bpf_map *map = map_of(fd);
	u32 keys[3], k;
	u64 v;

	keys[0] = 7;
	keys[1] = colliding_key(map, keys[0], 100);
	keys[2] = colliding_key(map, keys[0], keys[1] + 1);
	for (int i = 0; i < 3; i++) {
		v = 1000 + i;
		assert_int_equal(sys_map_update(fd, &keys[i], &v, BPF_NOEXIST), 0);
	}
	assert_int_equal(bpf_htab_count(map), 3);
	for (int i = 0; i < 3; i++) {
		assert_int_equal(sys_map_lookup(fd, &keys[i], &v), 0);
		assert_int_equal(v, 1000 + i);
	}
	/* Remove the middle of the chain, then its head: the others stay reachable. */
	assert_int_equal(sys_map_delete(fd, &keys[1]), 0);
	assert_int_equal(sys_map_lookup(fd, &keys[1], &v), -ENOENT);
	assert_int_equal(sys_map_lookup(fd, &keys[0], &v), 0);
	assert_int_equal(v, 1000);
	assert_int_equal(sys_map_delete(fd, &keys[2]), 0);
	assert_int_equal(sys_map_lookup(fd, &keys[0], &v), 0);
	assert_int_equal(sys_map_delete(fd, &keys[2]), -ENOENT);
	k = colliding_key(map, keys[0], 5000);
	assert_int_equal(sys_map_lookup(fd, &k, &v), -ENOENT);
}

static void test_hash_flags_and_full(void **state)
{
	int fd = sys_map_create(BPF_MAP_TYPE_HASH, 4, 4, 4, 0);
	u32 k, v = 1;

	assert_true(fd >= 0);
	k = 1;
	assert_int_equal(sys_map_update(fd, &k, &v, BPF_EXIST), -ENOENT);
	assert_int_equal(sys_map_update(fd, &k, &v, BPF_NOEXIST), 0);
	assert_int_equal(sys_map_update(fd, &k, &v, BPF_NOEXIST), -EEXIST);
	v = 2;
	assert_int_equal(sys_map_update(fd, &k, &v, BPF_EXIST), 0);
	assert_int_equal(sys_map_lookup(fd, &k, &v), 0);
	assert_int_equal(v, 2);
	assert_int_equal(sys_map_update(fd, &k, &v, 4), -EINVAL);
	for (k = 2; k <= 4; k++)
		assert_int_equal(sys_map_update(fd, &k, &v, BPF_ANY), 0);
	k = 5;
	assert_int_equal(sys_map_update(fd, &k, &v, BPF_ANY), -E2BIG); /* full */
	k = 4;
	assert_int_equal(sys_map_update(fd, &k, &v, BPF_ANY), 0); /* replacing is fine */
	assert_int_equal(sys_map_delete(fd, &k), 0);
	k = 5;
	assert_int_equal(sys_map_update(fd, &k, &v, BPF_ANY), 0); /* room again */
	v = 0;
	assert_int_equal(sys_map_lookup_and_delete(fd, &k, &v), 0);
	assert_int_equal(v, 2);
	assert_int_equal(sys_map_lookup(fd, &k, &v), -ENOENT);
	assert_int_equal(sys_map_lookup_and_delete(fd, &k, &v), -ENOENT);
}

/* BPF_F_ZERO_SEED: the hash seed is 0, so two maps place every key in the same bucket. */
static void test_hash_zero_seed(void **state)
{
	int a = sys_map_create(BPF_MAP_TYPE_HASH, 4, 4, 64, BPF_F_ZERO_SEED);
	int b = sys_map_create(BPF_MAP_TYPE_HASH, 4, 4, 64, BPF_F_ZERO_SEED);
	int c = sys_map_create(BPF_MAP_TYPE_HASH, 4, 4, 64, 0);
	int d = sys_map_create(BPF_MAP_TYPE_HASH, 4, 4, 64, 0);
	u32 same_cd = 0;

	for (u32 k = 0; k < 64; k++) {
		assert_int_equal(bpf_htab_bucket_of(map_of(a), &k),
				 bpf_htab_bucket_of(map_of(b), &k));
		same_cd += bpf_htab_bucket_of(map_of(c), &k) == bpf_htab_bucket_of(map_of(d), &k);
	}
	assert_true(same_cd < 64); /* random seeds: the two maps differ somewhere */
}

static void test_hash_create_checks(void **state)
{
	assert_int_equal(sys_map_create(BPF_MAP_TYPE_HASH, 0, 4, 4, 0), -EINVAL);
	assert_int_equal(sys_map_create(BPF_MAP_TYPE_HASH, 4, 0, 4, 0), -EINVAL);
	assert_int_equal(sys_map_create(BPF_MAP_TYPE_HASH, 4, 4, 0, 0), -EINVAL);
	assert_int_equal(sys_map_create(BPF_MAP_TYPE_HASH, 513, 4, 4, 0), -E2BIG);
	assert_int_equal(sys_map_create(BPF_MAP_TYPE_HASH, 4, 4, 4, BPF_F_MMAPABLE), -EINVAL);
	assert_int_equal(sys_map_create(BPF_MAP_TYPE_HASH, 4, 4, 4, BPF_F_NO_COMMON_LRU), -EINVAL);
	assert_int_equal(sys_map_create(BPF_MAP_TYPE_LRU_HASH, 4, 4, 4, BPF_F_NO_PREALLOC),
			 -ENOTSUPP);
	assert_int_equal(sys_map_create(BPF_MAP_TYPE_PERCPU_HASH, 4, 40000, 4, 0), -E2BIG);
	assert_int_equal(sys_map_create(BPF_MAP_TYPE_HASH, 4, 4, 0x7fffffff, 0), -E2BIG);
}

/* Walking with get_next_key while deleting the key just returned still visits everything. */
static void test_hash_get_next_key_across_deletes(void **state)
{
	int fd = sys_map_create(BPF_MAP_TYPE_HASH, 4, 4, 64, BPF_F_NO_PREALLOC);
	u32 k, next, seen[64] = {0}, n = 0;
	int err;

	assert_true(fd >= 0);
	for (k = 0; k < 40; k++)
		assert_int_equal(sys_map_update(fd, &k, &k, BPF_ANY), 0);
	/* Plain walk: every key once. */
	for (err = sys_map_get_next_key(fd, NULL, &next); !err;
	     err = sys_map_get_next_key(fd, &k, &next)) {
		assert_true(next < 40);
		seen[next]++;
		k = next;
		n++;
	}
	assert_int_equal(err, -ENOENT);
	assert_int_equal(n, 40);
	for (k = 0; k < 40; k++)
		assert_int_equal(seen[k], 1);
	/* Deleting walk: delete each key before asking for its successor. */
	n = 0;
	err = sys_map_get_next_key(fd, NULL, &next);
	while (!err) {
		k = next;
		assert_int_equal(sys_map_delete(fd, &k), 0);
		n++;
		err = sys_map_get_next_key(fd, &k, &next);
	}
	assert_int_equal(err, -ENOENT);
	assert_int_equal(n, 40);
	assert_int_equal(bpf_htab_count(map_of(fd)), 0);
	assert_int_equal(sys_map_get_next_key(fd, NULL, &next), -ENOENT);
}

/* BPF_F_NO_PREALLOC: elements are allocated on update and freed on delete. */
static void test_hash_no_prealloc(void **state)
{
	long before = bpf_env_live_allocs;
	int fd = sys_map_create(BPF_MAP_TYPE_HASH, 8, 16, 2, BPF_F_NO_PREALLOC);
	long empty = bpf_env_live_allocs;
	u64 k = 1, v[2] = {3, 4};

	assert_true(fd >= 0 && empty > before);
	assert_int_equal(sys_map_update(fd, &k, v, BPF_ANY), 0);
	assert_int_equal(bpf_env_live_allocs, empty + 1);
	k = 2;
	assert_int_equal(sys_map_update(fd, &k, v, BPF_ANY), 0);
	k = 3;
	assert_int_equal(sys_map_update(fd, &k, v, BPF_ANY), -E2BIG);
	assert_int_equal(sys_map_delete(fd, &k), -ENOENT);
	k = 1;
	assert_int_equal(sys_map_delete(fd, &k), 0);
	assert_int_equal(bpf_env_live_allocs, empty + 1);
	/* Preallocated: nothing is allocated after creation. */
	int fd2 = sys_map_create(BPF_MAP_TYPE_HASH, 8, 16, 2, 0);
	long full = bpf_env_live_allocs;

	assert_int_equal(sys_map_update(fd2, &k, v, BPF_ANY), 0);
	assert_int_equal(bpf_env_live_allocs, full);
}

static void test_percpu_hash_layout(void **state)
{
	int fd;
	struct bpf_map *map;
	u64 key = 42;
	u32 in[4] = {11, 0, 22, 0}, out[4];
	u32 *mine, one = 5;

	host_nr_cpus = 2;
	fd = sys_map_create(BPF_MAP_TYPE_PERCPU_HASH, 8, 4, 8, 0);
	assert_true(fd >= 0);
	map = map_of(fd);
	assert_int_equal(bpf_map_value_size(map), 16);
	assert_int_equal(sys_map_update(fd, &key, in, BPF_ANY), 0);
	host_cpu = 1;
	mine = map->ops->map_lookup_elem(map, &key);
	assert_int_equal(*mine, 22);
	/* A program's update of a new key: its CPU's value set, the others zero. */
	key = 43;
	assert_int_equal(map->ops->map_update_elem(map, &key, &one, BPF_ANY), 0);
	memset(out, 0xff, sizeof(out));
	assert_int_equal(sys_map_lookup(fd, &key, out), 0);
	assert_int_equal(out[0], 0);
	assert_int_equal(out[2], 5);
	assert_int_equal(out[1], 0);
	assert_int_equal(out[3], 0);
}

/* LRU: a full map evicts the least recently used; program lookups and updates are uses. */
static void test_lru_eviction_order(void **state)
{
	int fd = sys_map_create(BPF_MAP_TYPE_LRU_HASH, 4, 4, 4, 0);
	struct bpf_map *map = map_of(fd);
	u32 k, v;

	for (k = 1; k <= 4; k++)
		assert_int_equal(sys_map_update(fd, &k, &k, BPF_ANY), 0);
	/* Order of use, oldest first: 1 2 3 4. A program looks up 1, then 3: 2 4 1 3. */
	k = 1;
	assert_non_null((void *)(uintptr_t)bpf_map_lookup_elem_proto.func(
	    (u64)(uintptr_t)map, (u64)(uintptr_t)&k, 0, 0, 0));
	k = 3;
	assert_non_null((void *)(uintptr_t)bpf_map_lookup_elem_proto.func(
	    (u64)(uintptr_t)map, (u64)(uintptr_t)&k, 0, 0, 0));
	/* A lookup from user space is not a use. */
	k = 2;
	assert_int_equal(sys_map_lookup(fd, &k, &v), 0);
	/* Insert 5: 2 goes. Insert 6: 4 goes. Update 1 (a use): then 7 evicts 3. */
	k = 5;
	assert_int_equal(sys_map_update(fd, &k, &k, BPF_ANY), 0);
	k = 2;
	assert_int_equal(sys_map_lookup(fd, &k, &v), -ENOENT);
	k = 6;
	assert_int_equal(sys_map_update(fd, &k, &k, BPF_ANY), 0);
	k = 4;
	assert_int_equal(sys_map_lookup(fd, &k, &v), -ENOENT);
	k = 1;
	assert_int_equal(sys_map_update(fd, &k, &k, BPF_EXIST), 0);
	k = 7;
	assert_int_equal(sys_map_update(fd, &k, &k, BPF_NOEXIST), 0);
	k = 3;
	assert_int_equal(sys_map_lookup(fd, &k, &v), -ENOENT);
	for (k = 1; k <= 7; k++) {
		int expect = (k == 1 || k == 5 || k == 6 || k == 7) ? 0 : -ENOENT;

		assert_int_equal(sys_map_lookup(fd, &k, &v), expect);
		if (!expect)
			assert_int_equal(v, k);
	}
	assert_int_equal(bpf_htab_count(map), 4);
	/* Deleting frees a slot: no eviction for the next insert. */
	k = 5;
	assert_int_equal(sys_map_delete(fd, &k), 0);
	k = 8;
	assert_int_equal(sys_map_update(fd, &k, &k, BPF_ANY), 0);
	k = 6;
	assert_int_equal(sys_map_lookup(fd, &k, &v), 0);
}

#define MAPPTR(map) ((u64)(uintptr_t)(map))

/* ---- STACK_TRACE ---- */

static s64 get_stackid(struct bpf_map *map, u64 flags)
{
	return (s64)bpf_get_stackid_proto.func(0, MAPPTR(map), flags, 0, 0);
}

static void test_stack_trace(void **state)
{
	int fd = sys_map_create(BPF_MAP_TYPE_STACK_TRACE, 4, 4 * 8, 8, 0);
	struct bpf_map *map = map_of(fd);
	u64 ips[4];
	s64 id, id2;
	u32 key, next;

	assert_true(fd >= 0);
	host_stack_len = 3;
	host_stack[0] = 0x1000;
	host_stack[1] = 0x2000;
	host_stack[2] = 0x3000;
	id = get_stackid(map, 0);
	assert_true(id >= 0 && id < 8);
	assert_int_equal(get_stackid(map, 0), id); /* same stack, same id */
	key = (u32)id;
	assert_int_equal(sys_map_lookup(fd, &key, ips), 0);
	assert_int_equal(ips[0], 0x1000);
	assert_int_equal(ips[2], 0x3000);
	assert_int_equal(ips[3], 0); /* zero after the last frame */
	/* Skipping one frame is another stack. */
	id2 = get_stackid(map, 1);
	assert_true(id2 >= 0);
	/* Errors: bad flags, no stack. */
	assert_int_equal(get_stackid(map, 1ull << 20), -EINVAL);
	host_stack_len = 0;
	assert_int_equal(get_stackid(map, 0), -EFAULT);
	host_stack_len = 2;
	assert_int_equal(get_stackid(map, 2), -EFAULT);
	/* User space: iterate, delete, update refused. */
	assert_int_equal(sys_map_get_next_key(fd, NULL, &next), 0);
	assert_int_equal(sys_map_update(fd, &key, ips, BPF_ANY), -EINVAL);
	assert_int_equal(sys_map_delete(fd, &key), 0);
	assert_int_equal(sys_map_delete(fd, &key), -ENOENT);
	assert_int_equal(sys_map_lookup(fd, &key, ips), -ENOENT);
	key = 8;
	assert_int_equal(sys_map_delete(fd, &key), -E2BIG);
	/* Create checks. */
	assert_int_equal(sys_map_create(BPF_MAP_TYPE_STACK_TRACE, 4, 12, 8, 0), -EINVAL);
	assert_int_equal(sys_map_create(BPF_MAP_TYPE_STACK_TRACE, 8, 16, 8, 0), -EINVAL);
	assert_int_equal(sys_map_create(BPF_MAP_TYPE_STACK_TRACE, 4, 128 * 8, 8, 0), -EINVAL);
}

/*
 * Two buckets, two elements. A stack that lands in the occupied bucket gets -EEXIST, unless
 * it may replace the one there (BPF_F_REUSE_STACKID). A one-bucket map cannot replace: its
 * only element is in use, as in Linux (-ENOMEM).
 */
static void test_stack_trace_collisions(void **state)
{
	int fd = sys_map_create(BPF_MAP_TYPE_STACK_TRACE, 4, 2 * 8, 2, 0);
	int fd1 = sys_map_create(BPF_MAP_TYPE_STACK_TRACE, 4, 2 * 8, 1, 0);
	struct bpf_map *map = map_of(fd);
	u64 ips[2], b = 0;
	u32 key;
	s64 id, got;

	host_stack_len = 2;
	host_stack[0] = 0xa0;
	host_stack[1] = 0xa1;
	id = get_stackid(map, 0);
	assert_true(id == 0 || id == 1);
	/* Find a stack B that collides with A; stacks landing in the other bucket are removed. */
	for (u64 x = 1; x < 1000 && !b; x++) {
		host_stack[0] = 0xb0 + x * 8;
		got = get_stackid(map, 0);
		if (got == -EEXIST) {
			b = host_stack[0];
		} else {
			assert_int_equal(got, 1 - id);
			key = (u32)got;
			assert_int_equal(sys_map_delete(fd, &key), 0);
		}
	}
	assert_true(b != 0);
	assert_int_equal(get_stackid(map, BPF_F_FAST_STACK_CMP), -EEXIST);
	key = (u32)id;
	assert_int_equal(sys_map_lookup(fd, &key, ips), 0);
	assert_int_equal(ips[0], 0xa0);
	assert_int_equal(get_stackid(map, BPF_F_REUSE_STACKID), id);
	assert_int_equal(sys_map_lookup(fd, &key, ips), 0);
	assert_int_equal(ips[0], b);
	/* B now matches itself, with or without the fast compare; A is the stranger. */
	assert_int_equal(get_stackid(map, 0), id);
	assert_int_equal(get_stackid(map, BPF_F_FAST_STACK_CMP), id);
	host_stack[0] = 0xa0;
	assert_int_equal(get_stackid(map, 0), -EEXIST);

	assert_int_equal(get_stackid(map_of(fd1), 0), 0);
	host_stack[0] = 0xc0;
	assert_int_equal(get_stackid(map_of(fd1), BPF_F_REUSE_STACKID), -ENOMEM);
}

static void test_stack_trace_build_id(void **state)
{
	int fd = sys_map_create(BPF_MAP_TYPE_STACK_TRACE, 4, 2 * sizeof(struct bpf_stack_build_id),
				4, BPF_F_STACK_BUILD_ID);
	struct bpf_stack_build_id out[2];
	u32 key;
	s64 id;

	assert_true(fd >= 0);
	host_stack_len = 1;
	host_stack[0] = 0xabc;
	id = get_stackid(map_of(fd), 0);
	assert_true(id >= 0);
	assert_int_equal(get_stackid(map_of(fd), 0), id);
	key = (u32)id;
	assert_int_equal(sys_map_lookup(fd, &key, out), 0);
	assert_int_equal(out[0].status, BPF_STACK_BUILD_ID_IP);
	assert_int_equal(out[0].ip, 0xabc);
	assert_int_equal(out[1].status, BPF_STACK_BUILD_ID_EMPTY);
}

/* ---- PERF_EVENT_ARRAY ---- */

static void test_perf_event_array(void **state)
{
	int fd = sys_map_create(BPF_MAP_TYPE_PERF_EVENT_ARRAY, 4, 4, 2, 0);
	int ev = host_perf_event_open(256), prog_fd;
	struct bpf_map *map = map_of(fd);
	u32 key = 0, value = (u32)ev, len;
	const u8 *buf;
	u64 lost;

	assert_true(fd >= 0 && ev >= 0);
	assert_int_equal(sys_map_update(fd, &key, &value, BPF_ANY), 0);
	assert_int_equal(sys_map_update(fd, &key, &value, BPF_NOEXIST), -EINVAL);
	assert_int_equal(sys_map_lookup(fd, &key, &value), -ENOTSUPP);
	value = 999;
	assert_int_equal(sys_map_update(fd, &key, &value, BPF_ANY), -EBADF);
	value = (u32)fd; /* a map is not a perf event: Linux says -EBADF too */
	assert_int_equal(sys_map_update(fd, &key, &value, BPF_ANY), -EBADF);
	key = 2;
	value = (u32)ev;
	assert_int_equal(sys_map_update(fd, &key, &value, BPF_ANY), -E2BIG);

	/* Output to the current CPU's event (index 0), then to an explicit empty index. */
	assert_int_equal(bpf_perf_event_output_proto.func(0, MAPPTR(map), BPF_F_CURRENT_CPU,
							  (u64)(uintptr_t) "abcdefg", 7),
			 0);
	assert_int_equal(
	    (s64)bpf_perf_event_output_proto.func(0, MAPPTR(map), 1, (u64)(uintptr_t) "x", 1),
	    -ENOENT);
	assert_int_equal(
	    (s64)bpf_perf_event_output_proto.func(0, MAPPTR(map), 5, (u64)(uintptr_t) "x", 1),
	    -E2BIG);
	assert_int_equal((s64)bpf_perf_event_output_proto.func(0, MAPPTR(map), 1ull << 40,
							       (u64)(uintptr_t) "x", 1),
			 -EINVAL);
	buf = host_perf_event_buffer(ev, &len, &lost);
	assert_int_equal(len, 24);	  /* header 8, size 4, 7 bytes, padding 5 */
	assert_int_equal(*(u32 *)buf, 9); /* PERF_RECORD_SAMPLE */
	assert_int_equal(*(u16 *)(buf + 6), 24);
	assert_int_equal(*(u32 *)(buf + 8), 12); /* raw size: 4 + 12 is a multiple of 8 */
	assert_memory_equal(buf + 12, "abcdefg", 7);
	/* Closing the event's fd: the map still holds it. Closing the map's last fd drops it. */
	assert_int_equal(host_fd_close(ev), 0);
	assert_int_equal(host_perf_events_live, 1);
	/* A program holding the map keeps the map, but the entries go with the last map fd. */
	prog_fd = sys_prog_load_asm(BPF_PROG_TYPE_KPROBE, "r1 = map[fd:3]\nr0 = 0\nexit");
	(void)prog_fd;
	assert_int_equal(host_fd_close(fd), 0);
	assert_int_equal(host_perf_events_live, 0);
}

static void test_fd_array_create_checks(void **state)
{
	assert_int_equal(sys_map_create(BPF_MAP_TYPE_PROG_ARRAY, 4, 8, 4, 0), -EINVAL);
	assert_int_equal(sys_map_create(BPF_MAP_TYPE_PROG_ARRAY, 4, 4, 4, BPF_F_RDONLY_PROG),
			 -EINVAL);
	assert_int_equal(sys_map_create(BPF_MAP_TYPE_PERF_EVENT_ARRAY, 8, 4, 4, 0), -EINVAL);
	assert_true(sys_map_create(BPF_MAP_TYPE_PERF_EVENT_ARRAY, 4, 4, 4, BPF_F_PRESERVE_ELEMS) >=
		    0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    TEST(test_array_basics),
	    TEST(test_array_create_checks),
	    TEST(test_array_global_data),
	    TEST(test_percpu_array_layout),
	    TEST(test_hash_collisions),
	    TEST(test_hash_flags_and_full),
	    TEST(test_hash_zero_seed),
	    TEST(test_hash_create_checks),
	    TEST(test_hash_get_next_key_across_deletes),
	    TEST(test_hash_no_prealloc),
	    TEST(test_percpu_hash_layout),
	    TEST(test_lru_eviction_order),
	    TEST(test_stack_trace),
	    TEST(test_stack_trace_collisions),
	    TEST(test_stack_trace_build_id),
	    TEST(test_perf_event_array),
	    TEST(test_fd_array_create_checks),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
