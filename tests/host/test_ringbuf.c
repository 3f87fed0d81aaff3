/*
 * tests/host/test_ringbuf.c - BPF_MAP_TYPE_RINGBUF as both sides see it: producers through
 * the helpers (reserve, submit, discard, output, query), and a consumer written like libbpf's
 * ring_buffer__consume, reading the records, their header bits and the positions through the
 * pages the map exposes for mmap. Also the double mapping of the data, the full buffer, the
 * wake-ups and the commands a ring buffer refuses.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "bpf/helpers.h"
#include "bpf/map.h"
#include "tests/host/lib/leak_check.h"
#include "tests/host/lib/sys_bpf.h"

static struct bpf_map *map_of(int fd)
{
	struct bpf_map *map;

	assert_int_equal(bpf_map_fd_lookup(fd, &map, NULL), 0);
	return map;
}

struct ring_view {
	struct bpf_map *map;
	u64 *consumer_pos;
	const u64 *producer_pos;
	const u8 *data; /* the data, followed by its second mapping */
	u64 size;
};

/* Set up the consumer's view through the pages the map exposes for mmap. */
static void ring_view(int fd, struct ring_view *v)
{
	void *page;

	v->map = map_of(fd);
	v->size = v->map->max_entries;
	assert_int_equal(v->map->ops->map_mmap_page(v->map, 0, true, &page), 0);
	v->consumer_pos = page;
	assert_int_equal(v->map->ops->map_mmap_page(v->map, BPF_PAGE_SIZE, true, &page), -EPERM);
	assert_int_equal(v->map->ops->map_mmap_page(v->map, BPF_PAGE_SIZE, false, &page), 0);
	v->producer_pos = page;
	assert_int_equal(v->map->ops->map_mmap_page(v->map, 2 * BPF_PAGE_SIZE, false, &page), 0);
	v->data = page;
}

/*
 * Consume like libbpf's ring_buffer__consume: records from consumer_pos until a busy one or
 * producer_pos, skipping discarded ones. Copies up to max payloads (their lengths in lens)
 * and returns how many were delivered.
 */
static int ring_consume(struct ring_view *v, u8 out[][64], u32 *lens, int max)
{
	u64 cons = *v->consumer_pos, prod = *v->producer_pos;
	int n = 0;

	while (cons < prod) {
		const u8 *hdr = v->data + (cons & (v->size - 1));
		u32 len = *(const u32 *)hdr;

		if (len & BPF_RINGBUF_BUSY_BIT)
			break;
		cons += BPF_ROUND_UP((len & ~(u32)BPF_RINGBUF_DISCARD_BIT) + BPF_RINGBUF_HDR_SZ, 8);
		if (!(len & BPF_RINGBUF_DISCARD_BIT) && n < max) {
			lens[n] = len;
			memcpy(out[n], hdr + BPF_RINGBUF_HDR_SZ, len < 64 ? len : 64);
			n++;
		}
		*v->consumer_pos = cons;
	}
	return n;
}

#define MAPPTR(map) ((u64)(uintptr_t)(map))

static void *rb_reserve(struct bpf_map *map, u64 size)
{
	return (void *)(uintptr_t)bpf_ringbuf_reserve_proto.func(MAPPTR(map), size, 0, 0, 0);
}

static void test_ringbuf_records_and_header_bits(void **state)
{
	int fd = sys_map_create(BPF_MAP_TYPE_RINGBUF, 0, 0, 4096, 0);
	struct ring_view v;
	u8 out[4][64];
	u32 lens[4];
	u8 *a, *b, *c;

	assert_true(fd >= 0);
	ring_view(fd, &v);
	a = rb_reserve(v.map, 5);
	b = rb_reserve(v.map, 16);
	assert_non_null(a);
	assert_non_null(b);
	/* Header of a: length 5 with the busy bit; pg_off leads back to the start of the memory. */
	assert_int_equal(*(u32 *)(a - 8), 5 | BPF_RINGBUF_BUSY_BIT);
	assert_int_equal(*(u32 *)(a - 4), 3); /* data starts on the fourth page */
	assert_int_equal(b - a, 16);	      /* 8 + 5 rounded up to 16 */
	assert_int_equal(*v.producer_pos, 16 + 24);
	memcpy(a, "hello", 5);
	memset(b, 'b', 16);
	/* b submitted before a: the consumer still stops at a, which is busy. */
	bpf_ringbuf_submit_proto.func((u64)(uintptr_t)b, 0, 0, 0, 0);
	assert_int_equal(*(u32 *)(b - 8), 16);
	assert_int_equal(ring_consume(&v, out, lens, 4), 0);
	bpf_ringbuf_submit_proto.func((u64)(uintptr_t)a, 0, 0, 0, 0);
	assert_int_equal(ring_consume(&v, out, lens, 4), 2);
	assert_int_equal(lens[0], 5);
	assert_memory_equal(out[0], "hello", 5);
	assert_int_equal(lens[1], 16);
	assert_int_equal(*v.consumer_pos, 40);
	/* A discarded record keeps its length, gains the discard bit, and is skipped. */
	c = rb_reserve(v.map, 3);
	bpf_ringbuf_discard_proto.func((u64)(uintptr_t)c, 0, 0, 0, 0);
	assert_int_equal(*(u32 *)(c - 8), 3 | BPF_RINGBUF_DISCARD_BIT);
	assert_int_equal(
	    bpf_ringbuf_output_proto.func(MAPPTR(v.map), (u64)(uintptr_t) "xyz", 3, 0, 0), 0);
	assert_int_equal(ring_consume(&v, out, lens, 4), 1);
	assert_memory_equal(out[0], "xyz", 3);
	/* Query. */
	assert_int_equal(bpf_ringbuf_query_proto.func(MAPPTR(v.map), BPF_RB_RING_SIZE, 0, 0, 0),
			 4096);
	assert_int_equal(bpf_ringbuf_query_proto.func(MAPPTR(v.map), BPF_RB_AVAIL_DATA, 0, 0, 0),
			 0);
	assert_int_equal(bpf_ringbuf_query_proto.func(MAPPTR(v.map), BPF_RB_PROD_POS, 0, 0, 0), 72);
	assert_int_equal(bpf_ringbuf_query_proto.func(MAPPTR(v.map), BPF_RB_CONS_POS, 0, 0, 0), 72);
	assert_int_equal(bpf_ringbuf_query_proto.func(MAPPTR(v.map), 99, 0, 0, 0), 0);
	/* Bad flags. */
	assert_null(bpf_ringbuf_reserve_proto.func(MAPPTR(v.map), 8, 1, 0, 0));
	assert_int_equal(
	    (s64)bpf_ringbuf_output_proto.func(MAPPTR(v.map), (u64)(uintptr_t) "x", 1, 4, 0),
	    -EINVAL);
}

static void test_ringbuf_full_and_wakeups(void **state)
{
	int fd = sys_map_create(BPF_MAP_TYPE_RINGBUF, 0, 0, 4096, 0);
	struct ring_view v;
	u8 out[4][64];
	u32 lens[4];
	u64 wakeups;
	void *rec;
	int n = 0;

	ring_view(fd, &v);
	/* 4096 bytes hold at most 4095: records of 1000 + 8 bytes, four fit. */
	while ((rec = rb_reserve(v.map, 1000)))
		bpf_ringbuf_submit_proto.func((u64)(uintptr_t)rec, BPF_RB_NO_WAKEUP, 0, 0, 0), n++;
	assert_int_equal(n, 4);
	assert_int_equal(
	    (s64)bpf_ringbuf_output_proto.func(MAPPTR(v.map), (u64)(uintptr_t)out, 64, 0, 0),
	    -EAGAIN);
	assert_null(rb_reserve(v.map, 4096)); /* can never fit */
	assert_int_equal(ring_consume(&v, out, lens, 4), 4);
	/* Wake-up: by default when the consumer waits at this record; forced; or never. */
	wakeups = host_ringbuf_wakeups;
	rec = rb_reserve(v.map, 8);
	bpf_ringbuf_submit_proto.func((u64)(uintptr_t)rec, 0, 0, 0, 0);
	assert_int_equal(host_ringbuf_wakeups, wakeups + 1);
	rec = rb_reserve(v.map, 8);
	bpf_ringbuf_submit_proto.func((u64)(uintptr_t)rec, 0, 0, 0, 0); /* consumer is behind */
	assert_int_equal(host_ringbuf_wakeups, wakeups + 1);
	rec = rb_reserve(v.map, 8);
	bpf_ringbuf_submit_proto.func((u64)(uintptr_t)rec, BPF_RB_FORCE_WAKEUP, 0, 0, 0);
	assert_int_equal(host_ringbuf_wakeups, wakeups + 2);
}

/* A record that runs past the end of the data continues at its start, unsplit. */
static void test_ringbuf_double_mapping(void **state)
{
	int fd = sys_map_create(BPF_MAP_TYPE_RINGBUF, 0, 0, 8192, 0);
	struct ring_view v;
	u8 out[4][64], pattern[200];
	u32 lens[4];
	void *rec, *page_a, *page_b;

	ring_view(fd, &v);
	/* Move the positions to 8192 - 48 (records of 8064 and 72 bytes, consumed). */
	rec = rb_reserve(v.map, 8064 - 8);
	bpf_ringbuf_submit_proto.func((u64)(uintptr_t)rec, 0, 0, 0, 0);
	rec = rb_reserve(v.map, 72 - 8);
	bpf_ringbuf_submit_proto.func((u64)(uintptr_t)rec, 0, 0, 0, 0);
	assert_int_equal(ring_consume(&v, out, lens, 4), 2);
	assert_int_equal(*v.consumer_pos, 8192 - 56);
	/* This record starts 56 bytes before the end and runs 144 bytes past it. */
	for (u32 i = 0; i < sizeof(pattern); i++)
		pattern[i] = (u8)(i * 13 + 5);
	rec = rb_reserve(v.map, sizeof(pattern));
	assert_ptr_equal(rec, v.data + 8192 - 56 + 8);
	memcpy(rec, pattern, sizeof(pattern));
	bpf_ringbuf_submit_proto.func((u64)(uintptr_t)rec, 0, 0, 0, 0);
	/* Its tail is visible at the start of the data: the same memory, mapped twice. */
	assert_memory_equal(v.data, pattern + 48, sizeof(pattern) - 48);
	for (u32 i = 0; i < 8192; i += 64)
		assert_int_equal(v.data[i], v.data[8192 + i]);
	assert_int_equal(ring_consume(&v, out, lens, 4), 1);
	assert_int_equal(lens[0], sizeof(pattern));
	assert_memory_equal(out[0], pattern, 64);
	/* The mapping hook gives the same page for both copies of a data page. */
	assert_int_equal(v.map->ops->map_mmap_page(v.map, 2 * BPF_PAGE_SIZE, false, &page_a), 0);
	assert_int_equal(v.map->ops->map_mmap_page(v.map, 2 * BPF_PAGE_SIZE + 8192, false, &page_b),
			 0);
	assert_ptr_equal(page_a, page_b);
	assert_int_equal(
	    v.map->ops->map_mmap_page(v.map, 2 * BPF_PAGE_SIZE + 16384, false, &page_b), -EINVAL);
}

static void test_ringbuf_create_and_commands(void **state)
{
	int fd;
	u32 key = 0, value = 0;

	assert_int_equal(sys_map_create(BPF_MAP_TYPE_RINGBUF, 0, 0, 4096 + 1, 0), -EINVAL);
	assert_int_equal(sys_map_create(BPF_MAP_TYPE_RINGBUF, 0, 0, 2048, 0), -EINVAL);
	assert_int_equal(sys_map_create(BPF_MAP_TYPE_RINGBUF, 4, 0, 4096, 0), -EINVAL);
	assert_int_equal(sys_map_create(BPF_MAP_TYPE_RINGBUF, 0, 4, 4096, 0), -EINVAL);
	assert_int_equal(sys_map_create(BPF_MAP_TYPE_RINGBUF, 0, 0, 4096, BPF_F_NO_PREALLOC),
			 -EINVAL);
	assert_int_equal(sys_map_create(BPF_MAP_TYPE_RINGBUF, 0, 0, 1u << 31, 0), -E2BIG);
	fd = sys_map_create(BPF_MAP_TYPE_RINGBUF, 0, 0, 4096, 0);
	assert_true(fd >= 0);
	assert_int_equal(sys_map_lookup(fd, &key, &value), -ENOTSUPP);
	assert_int_equal(sys_map_update(fd, &key, &value, 0), -ENOTSUPP);
	assert_int_equal(sys_map_delete(fd, &key), -ENOTSUPP);
	assert_int_equal(sys_map_get_next_key(fd, NULL, &key), -ENOTSUPP);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    TEST(test_ringbuf_records_and_header_bits),
	    TEST(test_ringbuf_full_and_wakeups),
	    TEST(test_ringbuf_double_mapping),
	    TEST(test_ringbuf_create_and_commands),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
