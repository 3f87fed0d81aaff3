/*
 * user/lib/bpf/ringbuf.c - reading a BPF ring buffer from user space (libbpf's ring_buffer__*).
 *
 * The kernel side (bpf/maps/ringbuf.c) lends three kinds of pages through mmap of the map's fd:
 *
 *	offset 0            the consumer page: consumer_pos, which only user space writes
 *	offset 4096         the producer page: producer_pos, read-only here
 *	offset 8192         the data, max_entries bytes, mapped twice in a row: a record that
 *	                    wraps around the end reads as one piece
 *
 * Each record starts with an 8-byte header: its length, with BPF_RINGBUF_BUSY_BIT while the
 * program is still writing it and BPF_RINGBUF_DISCARD_BIT if it was discarded; the next one
 * starts 8-byte aligned after it. Consuming: read producer_pos, walk the records from
 * consumer_pos, stop at a busy one, hand the others to the callback, publish the new
 * consumer_pos so the kernel can reuse the space.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>

#include "user/lib/bpf/libbpf_internal.h"

#define RB_PAGE 4096

struct ring_buffer {
	ring_buffer_sample_fn sample_cb;
	void *ctx;
	unsigned long mask; /* data size - 1 */
	volatile unsigned long *consumer_pos;
	volatile const unsigned long *producer_pos;
	const unsigned char *data;
	size_t data_map_len; /* producer page + two copies of the data */
};

struct ring_buffer *ring_buffer__new(int map_fd, ring_buffer_sample_fn sample_cb, void *ctx,
				     const void *opts)
{
	struct bpf_map_info info;
	__u32 len = sizeof(info);
	struct ring_buffer *rb;
	void *cons, *prod;
	int err;

	memset(&info, 0, sizeof(info));
	err = bpf_obj_get_info_by_fd(map_fd, &info, &len);
	if (!err && info.type != BPF_MAP_TYPE_RINGBUF)
		err = -EINVAL;
	if (err || opts || !sample_cb) {
		pr_warn("ringbuf: fd %d: not a ring buffer map", map_fd);
		errno = err ? -err : EINVAL;
		return NULL;
	}
	rb = calloc(1, sizeof(*rb));
	if (!rb) {
		errno = ENOMEM;
		return NULL;
	}
	rb->sample_cb = sample_cb;
	rb->ctx = ctx;
	rb->mask = info.max_entries - 1;
	rb->data_map_len = RB_PAGE + 2 * (size_t)info.max_entries;
	cons = mmap(NULL, RB_PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, map_fd, 0);
	prod = cons == MAP_FAILED ? MAP_FAILED
				  : mmap(NULL, rb->data_map_len, PROT_READ, MAP_SHARED, map_fd, RB_PAGE);
	if (prod == MAP_FAILED) {
		err = errno;
		pr_warn("ringbuf: fd %d: mmap failed: %s", map_fd, strerror(err));
		if (cons != MAP_FAILED)
			munmap(cons, RB_PAGE);
		free(rb);
		errno = err;
		return NULL;
	}
	rb->consumer_pos = cons;
	rb->producer_pos = prod;
	rb->data = (const unsigned char *)prod + RB_PAGE;
	return rb;
}

int ring_buffer__consume(struct ring_buffer *rb)
{
	unsigned long cons = *rb->consumer_pos, prod;
	int handled = 0;

	prod = __atomic_load_n(rb->producer_pos, __ATOMIC_ACQUIRE);
	while (cons < prod) {
		const __u32 *hdr = (const __u32 *)(rb->data + (cons & rb->mask));
		__u32 len = __atomic_load_n(hdr, __ATOMIC_ACQUIRE);
		__u32 size = len & ~(BPF_RINGBUF_BUSY_BIT | BPF_RINGBUF_DISCARD_BIT);

		if (len & BPF_RINGBUF_BUSY_BIT)
			break; /* still being written: later */
		cons += (BPF_RINGBUF_HDR_SZ + size + 7) & ~7ul;
		if (!(len & BPF_RINGBUF_DISCARD_BIT)) {
			int ret = rb->sample_cb(rb->ctx, (void *)(hdr + 2), size);

			if (ret) {
				__atomic_store_n(rb->consumer_pos, cons, __ATOMIC_RELEASE);
				return ret;
			}
			handled++;
		}
		__atomic_store_n(rb->consumer_pos, cons, __ATOMIC_RELEASE);
	}
	return handled;
}

int ring_buffer__poll(struct ring_buffer *rb, int timeout_ms)
{
	struct timespec ms = { 0, 1000000 };

	for (int waited = 0;; waited++) {
		int n = ring_buffer__consume(rb);

		if (n || waited >= timeout_ms)
			return n;
		nanosleep(&ms, NULL);
	}
}

void ring_buffer__free(struct ring_buffer *rb)
{
	if (!rb)
		return;
	munmap((void *)rb->consumer_pos, RB_PAGE);
	munmap((void *)rb->producer_pos, rb->data_map_len);
	free(rb);
}
