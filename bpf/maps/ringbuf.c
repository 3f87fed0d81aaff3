/*
 * bpf/maps/ringbuf.c - BPF_MAP_TYPE_RINGBUF: one buffer shared by every program and CPU,
 * read by user space through shared memory, with Linux's layout so libbpf's ring_buffer
 * code works unchanged.
 *
 * Memory (bpf_env_alloc_double_mapped), each part on its own pages:
 *
 *   page 0        struct ringbuf_meta: mask, pending position, the map (kernel only)
 *   page 1        consumer_pos: advanced by user space as it reads      (user: read-write)
 *   page 2        producer_pos: advanced by producers as they reserve   (user: read-only)
 *   page 3 ...    data, max_entries bytes (a power of two)              (user: read-only)
 *   then          the same data pages again
 *
 * Positions only grow; pos & mask is the offset in the data. Because the data appears twice
 * in a row, a record that starts near the end simply continues into the second copy: no
 * record is ever split, and the consumer reads it with one memcpy.
 *
 * A record is an 8-byte header and the payload, padded to a multiple of 8:
 *   u32 len     payload length, with BPF_RINGBUF_BUSY_BIT while reserved and not submitted,
 *               and BPF_RINGBUF_DISCARD_BIT if the producer threw it away
 *   u32 pg_off  pages from the start of the memory to this header: how submit finds the map
 *
 * Producers (programs) reserve space by advancing producer_pos with interrupts off, write
 * the payload, then clear the busy bit (submit) or set the discard bit (discard). The consumer
 * reads records from consumer_pos up to producer_pos and stops at the first busy one: records
 * become visible in the order they were reserved, whatever the order of the submits.
 * A reservation fails when it would run more than the data size ahead of the consumer, or of
 * the oldest record still busy (pending_pos), which would overwrite unread data.
 *
 * The user mapping, as Linux lays it out: offset 0 is the consumer page (one page, may be
 * writable), offset BPF_PAGE_SIZE the producer page followed by the data twice (read-only).
 * map_mmap_page gives the kernel address of each page of it; both copies of a data page are
 * the same page.
 *
 * Read next: bpf/maps/stackmap.c.
 */
#include "bpf/helpers.h"
#include "bpf/map.h"

#define RINGBUF_META_PAGES	3 /* meta, consumer, producer */
#define RINGBUF_META_SIZE	(RINGBUF_META_PAGES * BPF_PAGE_SIZE)
#define RINGBUF_MAX_DATA_SIZE	(1u << 30)
#define RINGBUF_MAX_RECORD_SIZE (0xffffffffu / 4)

struct ringbuf_meta {
	u64 mask;	 /* data size - 1 */
	u64 pending_pos; /* oldest record that may still be busy */
	struct bpf_map *map;
};

struct ringbuf_hdr {
	u32 len;
	u32 pg_off;
};

struct bpf_ringbuf_map {
	struct bpf_map map;
	u8 *area; /* start of the memory: the meta page */
	u64 data_size;
};

static inline struct bpf_ringbuf_map *to_rb(const struct bpf_map *map)
{
	return (struct bpf_ringbuf_map *)map;
}

static inline struct ringbuf_meta *rb_meta(u8 *area)
{
	return (struct ringbuf_meta *)area;
}

static inline u64 *rb_consumer_pos(u8 *area)
{
	return (u64 *)(area + BPF_PAGE_SIZE);
}

static inline u64 *rb_producer_pos(u8 *area)
{
	return (u64 *)(area + 2 * BPF_PAGE_SIZE);
}

static inline u8 *rb_data(u8 *area)
{
	return area + RINGBUF_META_SIZE;
}

static int ringbuf_map_alloc_check(const union bpf_attr *attr)
{
	u32 size = attr->max_entries;

	if (attr->map_flags & ~BPF_F_NUMA_NODE)
		return -EINVAL;
	if (attr->key_size || attr->value_size || !size || (size & (size - 1)) ||
	    size % BPF_PAGE_SIZE)
		return -EINVAL;
	if (size > RINGBUF_MAX_DATA_SIZE)
		return -E2BIG;
	return 0;
}

static int ringbuf_map_alloc(const union bpf_attr *attr, struct bpf_map **mapp)
{
	struct bpf_ringbuf_map *rb = bpf_env_alloc(sizeof(*rb));

	if (!rb)
		return -ENOMEM;
	rb->data_size = attr->max_entries;
	rb->area = bpf_env_alloc_double_mapped(RINGBUF_META_SIZE, rb->data_size);
	if (!rb->area) {
		bpf_env_free(rb);
		return -ENOMEM;
	}
	bpf_map_init_from_attr(&rb->map, attr);
	rb_meta(rb->area)->mask = rb->data_size - 1;
	rb_meta(rb->area)->map = &rb->map;
	*mapp = &rb->map;
	return 0;
}

static void ringbuf_map_free(struct bpf_map *map)
{
	struct bpf_ringbuf_map *rb = to_rb(map);

	bpf_env_free_double_mapped(rb->area, RINGBUF_META_SIZE, rb->data_size);
	bpf_env_free(rb);
}

/* A ring buffer has no keys: every element operation is refused, as in Linux. */
static void *ringbuf_map_lookup_elem(struct bpf_map *map, const void *key)
{
	return NULL;
}

static int ringbuf_map_copy_value(struct bpf_map *map, const void *key, void *value)
{
	return -ENOTSUPP;
}

static long ringbuf_map_update_elem(struct bpf_map *map, const void *key, const void *value,
				    u64 flags)
{
	return -ENOTSUPP;
}

static long ringbuf_map_delete_elem(struct bpf_map *map, const void *key)
{
	return -ENOTSUPP;
}

static int ringbuf_map_get_next_key(struct bpf_map *map, const void *key, void *next_key)
{
	return -ENOTSUPP;
}

static int ringbuf_map_mmap_page(struct bpf_map *map, u64 pgoff, bool writable, void **page)
{
	struct bpf_ringbuf_map *rb = to_rb(map);
	u64 data_off;

	if (pgoff % BPF_PAGE_SIZE)
		return -EINVAL;
	if (pgoff == 0) {
		*page = rb_consumer_pos(rb->area);
		return 0;
	}
	if (writable)
		return -EPERM;
	if (pgoff == BPF_PAGE_SIZE) {
		*page = rb_producer_pos(rb->area);
		return 0;
	}
	data_off = pgoff - 2 * BPF_PAGE_SIZE;
	if (data_off >= 2 * rb->data_size)
		return -EINVAL;
	*page = rb_data(rb->area) + data_off % rb->data_size;
	return 0;
}

/* ---- producing records ---- */

static inline u32 record_size(u32 len)
{
	return BPF_ROUND_UP((len & ~(u32)BPF_RINGBUF_DISCARD_BIT) + BPF_RINGBUF_HDR_SZ, 8);
}

/* Reserve size bytes of payload: a pointer to it, or NULL when there is no room. */
static void *ringbuf_reserve(struct bpf_ringbuf_map *rb, u64 size)
{
	u8 *area = rb->area;
	struct ringbuf_meta *meta = rb_meta(area);
	u64 len, cons_pos, prod_pos, pend_pos, new_prod_pos;
	struct ringbuf_hdr *hdr;
	unsigned long flags;

	if (size > RINGBUF_MAX_RECORD_SIZE)
		return NULL;
	len = BPF_ROUND_UP(size + BPF_RINGBUF_HDR_SZ, 8);
	if (len > rb->data_size)
		return NULL;

	cons_pos = __atomic_load_n(rb_consumer_pos(area), __ATOMIC_ACQUIRE);
	flags = bpf_env_irq_save();
	prod_pos = *rb_producer_pos(area);
	new_prod_pos = prod_pos + len;

	/* Move pending_pos past the records that are no longer busy. */
	pend_pos = meta->pending_pos;
	while (pend_pos < prod_pos) {
		u32 hdr_len;

		hdr = (struct ringbuf_hdr *)(rb_data(area) + (pend_pos & meta->mask));
		hdr_len = __atomic_load_n(&hdr->len, __ATOMIC_ACQUIRE);
		if (hdr_len & BPF_RINGBUF_BUSY_BIT)
			break;
		pend_pos += record_size(hdr_len);
	}
	meta->pending_pos = pend_pos;

	/* Neither unread data nor a busy record may be overwritten. */
	if (new_prod_pos - cons_pos > meta->mask || new_prod_pos - pend_pos > meta->mask) {
		bpf_env_irq_restore(flags);
		return NULL;
	}
	hdr = (struct ringbuf_hdr *)(rb_data(area) + (prod_pos & meta->mask));
	hdr->len = (u32)size | BPF_RINGBUF_BUSY_BIT;
	hdr->pg_off = (u32)(((u8 *)hdr - area) / BPF_PAGE_SIZE);
	__atomic_store_n(rb_producer_pos(area), new_prod_pos, __ATOMIC_RELEASE);
	bpf_env_irq_restore(flags);
	return hdr + 1;
}

/* Finish a reserved record: visible to the consumer, or skipped by it when discard. */
static void ringbuf_commit(void *sample, u64 flags, bool discard)
{
	struct ringbuf_hdr *hdr = (struct ringbuf_hdr *)sample - 1;
	uintptr_t page = (uintptr_t)hdr & ~(uintptr_t)(BPF_PAGE_SIZE - 1);
	u8 *area = (u8 *)(page - (uintptr_t)hdr->pg_off * BPF_PAGE_SIZE);
	struct ringbuf_meta *meta = rb_meta(area);
	u32 new_len = hdr->len ^ BPF_RINGBUF_BUSY_BIT;
	u64 rec_pos, cons_pos;

	if (discard)
		new_len |= BPF_RINGBUF_DISCARD_BIT;
	__atomic_exchange_n(&hdr->len, new_len, __ATOMIC_ACQ_REL);

	/* Wake the consumer if asked to, or if it is waiting for exactly this record. */
	rec_pos = (u64)((u8 *)hdr - rb_data(area));
	cons_pos = __atomic_load_n(rb_consumer_pos(area), __ATOMIC_ACQUIRE) & meta->mask;
	if (flags & BPF_RB_FORCE_WAKEUP)
		bpf_env_ringbuf_wakeup(meta->map);
	else if (cons_pos == rec_pos && !(flags & BPF_RB_NO_WAKEUP))
		bpf_env_ringbuf_wakeup(meta->map);
}

/* ---- the helpers ---- */

static u64 bpf_ringbuf_reserve(u64 map, u64 size, u64 flags, u64 r4, u64 r5)
{
	if (flags)
		return 0;
	return (u64)(uintptr_t)ringbuf_reserve(to_rb((struct bpf_map *)(uintptr_t)map), size);
}

static u64 bpf_ringbuf_submit(u64 sample, u64 flags, u64 r3, u64 r4, u64 r5)
{
	ringbuf_commit((void *)(uintptr_t)sample, flags, false);
	return 0;
}

static u64 bpf_ringbuf_discard(u64 sample, u64 flags, u64 r3, u64 r4, u64 r5)
{
	ringbuf_commit((void *)(uintptr_t)sample, flags, true);
	return 0;
}

static u64 bpf_ringbuf_output(u64 map, u64 data, u64 size, u64 flags, u64 r5)
{
	void *rec;

	if (flags & ~(u64)(BPF_RB_NO_WAKEUP | BPF_RB_FORCE_WAKEUP))
		return (u64)-EINVAL;
	rec = ringbuf_reserve(to_rb((struct bpf_map *)(uintptr_t)map), size);
	if (!rec)
		return (u64)-EAGAIN;
	memcpy(rec, (const void *)(uintptr_t)data, size);
	ringbuf_commit(rec, flags, false);
	return 0;
}

static u64 bpf_ringbuf_query(u64 map, u64 flags, u64 r3, u64 r4, u64 r5)
{
	u8 *area = to_rb((struct bpf_map *)(uintptr_t)map)->area;
	u64 cons = __atomic_load_n(rb_consumer_pos(area), __ATOMIC_ACQUIRE);
	u64 prod = __atomic_load_n(rb_producer_pos(area), __ATOMIC_ACQUIRE);

	switch (flags) {
	case BPF_RB_AVAIL_DATA:
		return prod - cons;
	case BPF_RB_RING_SIZE:
		return rb_meta(area)->mask + 1;
	case BPF_RB_CONS_POS:
		return cons;
	case BPF_RB_PROD_POS:
		return prod;
	default:
		return 0;
	}
}

const struct bpf_func_proto bpf_ringbuf_reserve_proto = {
    .func = bpf_ringbuf_reserve,
    .name = "bpf_ringbuf_reserve",
    .ret_type = RET_PTR_TO_RINGBUF_MEM_OR_NULL,
    .arg_type = {ARG_CONST_MAP_PTR, ARG_CONST_ALLOC_SIZE_OR_ZERO, ARG_ANYTHING},
};

const struct bpf_func_proto bpf_ringbuf_submit_proto = {
    .func = bpf_ringbuf_submit,
    .name = "bpf_ringbuf_submit",
    .ret_type = RET_VOID,
    .arg_type = {ARG_PTR_TO_RINGBUF_MEM, ARG_ANYTHING},
};

const struct bpf_func_proto bpf_ringbuf_discard_proto = {
    .func = bpf_ringbuf_discard,
    .name = "bpf_ringbuf_discard",
    .ret_type = RET_VOID,
    .arg_type = {ARG_PTR_TO_RINGBUF_MEM, ARG_ANYTHING},
};

const struct bpf_func_proto bpf_ringbuf_output_proto = {
    .func = bpf_ringbuf_output,
    .name = "bpf_ringbuf_output",
    .ret_type = RET_INTEGER,
    .arg_type = {ARG_CONST_MAP_PTR, ARG_PTR_TO_MEM, ARG_CONST_SIZE_OR_ZERO, ARG_ANYTHING},
};

const struct bpf_func_proto bpf_ringbuf_query_proto = {
    .func = bpf_ringbuf_query,
    .name = "bpf_ringbuf_query",
    .ret_type = RET_INTEGER,
    .arg_type = {ARG_CONST_MAP_PTR, ARG_ANYTHING},
};

const struct bpf_map_ops ringbuf_map_ops = {
    .map_alloc_check = ringbuf_map_alloc_check,
    .map_alloc = ringbuf_map_alloc,
    .map_free = ringbuf_map_free,
    .map_get_next_key = ringbuf_map_get_next_key,
    .map_lookup_elem = ringbuf_map_lookup_elem,
    .map_update_elem = ringbuf_map_update_elem,
    .map_delete_elem = ringbuf_map_delete_elem,
    .map_copy_value = ringbuf_map_copy_value,
    .map_mmap_page = ringbuf_map_mmap_page,
};
