/*
 * lib/malloc.c - malloc, free, calloc and realloc: a heap on brk, large blocks on mmap.
 *
 * The heap is one run of blocks from heap_start up to an end marker, grown with brk:
 *
 *	| hdr | payload ... | hdr | payload ... | ... | end hdr |
 *	  ^ struct block: prev_size, size|flags        ^ size 0, USED; prev_size = the last block's
 *
 * Every block knows its own size and its lower neighbour's (prev_size), so free() can merge a
 * block with both neighbours in constant time; two free blocks are never adjacent. Free blocks
 * are on one doubly linked list kept in their payload; malloc takes the first that fits
 * (first fit) and splits off what it does not need. Blocks of MMAP_THRESHOLD and more get a
 * mapping of their own, given back by free(). When brk cannot grow, the heap grows by a mapping
 * instead (a new run with its own end marker). Payloads are 16-byte aligned.
 * malloc_check walks everything and checks these rules (libctest uses it). Read next: string.c.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>

struct block {
	size_t prev_size;          /* size of the block just below; 0 for a run's first block */
	size_t size;               /* this block, header included, | USED | MMAPPED */
	struct block *next, *prev; /* the free list; only while the block is free */
};

#define HDR 16                 /* the header: prev_size and size */
#define USED 1
#define MMAPPED 2
#define FLAGS 15
#define MIN_BLOCK 32           /* a header and the two list pointers */
#define MMAP_THRESHOLD (256 * 1024)
#define GROW_MIN (128 * 1024)
#define PAGE 4096
#define MAX_RUNS 64

static struct block free_list = { 0, 0, &free_list, &free_list };

/* Each run is [start, end marker]; the first is on brk, more come from mmap when brk fails. */
static struct {
	char *start;
	struct block *end;
} runs[MAX_RUNS];
static int nr_runs;
static size_t mapped_blocks; /* live MMAPPED blocks, for malloc_check */

static size_t block_size(const struct block *b)
{
	return b->size & ~(size_t)FLAGS;
}

static struct block *next_block(struct block *b)
{
	return (struct block *)((char *)b + block_size(b));
}

static struct block *prev_block(struct block *b)
{
	return (struct block *)((char *)b - b->prev_size);
}

static void list_add(struct block *b)
{
	b->next = free_list.next;
	b->prev = &free_list;
	free_list.next->prev = b;
	free_list.next = b;
}

static void list_del(struct block *b)
{
	b->prev->next = b->next;
	b->next->prev = b->prev;
}

static size_t round_up(size_t n, size_t to)
{
	return (n + to - 1) & ~(to - 1);
}

/* Mark b free, merge it with free neighbours, put the result on the list. */
static void release(struct block *b)
{
	struct block *n = next_block(b);

	b->size = block_size(b);
	if (!(n->size & USED)) {
		list_del(n);
		b->size += block_size(n);
	}
	if (b->prev_size && !(prev_block(b)->size & USED)) {
		struct block *p = prev_block(b);

		list_del(p);
		p->size += b->size;
		b = p;
	}
	next_block(b)->prev_size = b->size;
	list_add(b);
}

/* Cut b (in use) down to need bytes when the rest can be a block of its own. */
static void split(struct block *b, size_t need)
{
	size_t size = block_size(b);
	struct block *rest;

	if (size - need < MIN_BLOCK)
		return;
	b->size = need | USED;
	rest = next_block(b);
	rest->prev_size = need;
	rest->size = (size - need) | USED;
	next_block(rest)->prev_size = rest->size & ~(size_t)FLAGS;
	release(rest);
}

/* Add at least need bytes of free space: brk first, then a mapping. */
static int grow(size_t need)
{
	size_t len = round_up(need + HDR < GROW_MIN ? GROW_MIN : need + HDR, PAGE);
	struct block *b, *end;
	char *p;

	if (nr_runs && runs[0].start && (char *)runs[0].end + HDR == sbrk(0) &&
	    sbrk(len) != (void *)-1) {
		b = runs[0].end; /* the old end marker becomes the new block's header */
		b->size = len | USED;
		end = next_block(b);
		end->prev_size = len;
		end->size = USED;
		runs[0].end = end;
		release(b);
		return 0;
	}
	if (nr_runs == MAX_RUNS)
		return -1;
	if (nr_runs == 0 && (p = sbrk(0)) != (void *)-1) {
		size_t pad = round_up((uintptr_t)p, 16) - (uintptr_t)p;

		if (sbrk(pad + len) == (void *)-1)
			p = NULL;
		else
			p += pad;
	} else {
		p = NULL;
	}
	if (!p) {
		p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p == MAP_FAILED)
			return -1;
		if (nr_runs == 0)
			nr_runs = 1; /* keep runs[0] for brk, which did not work */
	}
	b = (struct block *)p;
	b->prev_size = 0;
	b->size = (len - HDR) | USED;
	end = next_block(b);
	end->prev_size = len - HDR;
	end->size = USED;
	runs[nr_runs].start = p;
	runs[nr_runs].end = end;
	nr_runs++;
	release(b);
	return 0;
}

static void *map_block(size_t need)
{
	size_t len = round_up(need, PAGE);
	struct block *b =
	    mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (b == MAP_FAILED)
		return NULL;
	b->prev_size = 0;
	b->size = len | USED | MMAPPED;
	mapped_blocks++;
	return (char *)b + HDR;
}

void *malloc(size_t size)
{
	size_t need;
	struct block *b;

	if (size > ((size_t)-1 >> 2)) {
		errno = ENOMEM;
		return NULL;
	}
	need = round_up(size + HDR, 16);
	if (need < MIN_BLOCK)
		need = MIN_BLOCK;
	if (need >= MMAP_THRESHOLD) {
		void *p = map_block(need);

		if (!p)
			errno = ENOMEM;
		return p;
	}
	for (;;) {
		for (b = free_list.next; b != &free_list; b = b->next) {
			if (block_size(b) >= need) {
				list_del(b);
				b->size |= USED;
				split(b, need);
				return (char *)b + HDR;
			}
		}
		if (grow(need) < 0) {
			errno = ENOMEM;
			return NULL;
		}
	}
}

static struct block *to_block(void *ptr, const char *who)
{
	struct block *b = (struct block *)((char *)ptr - HDR);

	if (((uintptr_t)ptr & 15) || !(b->size & USED) || block_size(b) < MIN_BLOCK) {
		fprintf(stderr, "%s(): invalid pointer or double free: %p\n", who, ptr);
		abort();
	}
	return b;
}

void free(void *ptr)
{
	struct block *b;

	if (!ptr)
		return;
	b = to_block(ptr, "free");
	if (b->size & MMAPPED) {
		mapped_blocks--;
		munmap(b, block_size(b));
		return;
	}
	release(b);
}

void *calloc(size_t n, size_t size)
{
	void *p;

	if (size && n > (size_t)-1 / size) {
		errno = ENOMEM;
		return NULL;
	}
	p = malloc(n * size);
	if (p)
		memset(p, 0, n * size);
	return p;
}

void *realloc(void *ptr, size_t size)
{
	struct block *b, *n;
	size_t need;
	void *p;

	if (!ptr)
		return malloc(size);
	if (!size) {
		free(ptr);
		return NULL;
	}
	b = to_block(ptr, "realloc");
	need = round_up(size + HDR, 16);
	if (need < MIN_BLOCK)
		need = MIN_BLOCK;
	if (need <= block_size(b) && !(b->size & MMAPPED)) {
		split(b, need);
		return ptr;
	}
	if (need <= block_size(b) && need * 2 > block_size(b))
		return ptr; /* a mapping that is still mostly used */
	n = next_block(b);
	if (!(b->size & MMAPPED) && size < MMAP_THRESHOLD && !(n->size & USED) &&
	    block_size(b) + block_size(n) >= need) {
		list_del(n);
		b->size += block_size(n);
		next_block(b)->prev_size = block_size(b);
		split(b, need);
		return ptr;
	}
	p = malloc(size);
	if (!p)
		return NULL;
	memcpy(p, ptr, block_size(b) - HDR < size ? block_size(b) - HDR : size);
	free(ptr);
	return p;
}

/* Walk every run and the free list; 0 when the heap keeps its rules, -1 (and a message) if not.
 * *blocks and *bytes get the blocks in use and their payload bytes, mapped ones included. */
int malloc_check(size_t *blocks, size_t *bytes)
{
	size_t used = 0, used_bytes = 0, free_blocks = 0, listed = 0, prev;
	struct block *b;
	int r;

	for (r = 0; r < nr_runs; r++) {
		if (!runs[r].start)
			continue;
		prev = 0;
		for (b = (struct block *)runs[r].start; b != runs[r].end; b = next_block(b)) {
			if (b->prev_size != prev || block_size(b) < MIN_BLOCK ||
			    (block_size(b) & 15) || (char *)next_block(b) > (char *)runs[r].end) {
				fprintf(stderr, "malloc_check: bad block at %p\n", (void *)b);
				return -1;
			}
			if (b->size & USED) {
				used++;
				used_bytes += block_size(b) - HDR;
			} else if (prev && !(prev_block(b)->size & USED)) {
				fprintf(stderr, "malloc_check: two free blocks at %p\n", (void *)b);
				return -1;
			} else {
				free_blocks++;
			}
			prev = block_size(b);
		}
		if (b->prev_size != prev) {
			fprintf(stderr, "malloc_check: bad end marker at %p\n", (void *)b);
			return -1;
		}
	}
	for (b = free_list.next; b != &free_list; b = b->next) {
		if ((b->size & USED) || b->next->prev != b) {
			fprintf(stderr, "malloc_check: bad free list entry %p\n", (void *)b);
			return -1;
		}
		listed++;
	}
	if (listed != free_blocks) {
		fprintf(stderr, "malloc_check: %zu free blocks, %zu listed\n", free_blocks, listed);
		return -1;
	}
	*blocks = used + mapped_blocks;
	*bytes = used_bytes;
	return 0;
}
