/*
 * kernel/mm/kmalloc.c - the kernel heap.
 *
 * Small objects (up to 2 KiB with their header) come from per-size-class free lists; a class
 * that runs dry takes one frame (through the direct map) and cuts it into objects. Larger objects
 * get their own run of contiguous frames, given back on kfree. Every object starts with a
 * 16-byte header recording its class and requested size, checked on kfree so that a double free
 * or a wild pointer is reported instead of corrupting the heap.
 *
 * The counters (live objects, live bytes) are what ktest's leak check compares before and after
 * each test. Slab pages are kept once taken; slab_pages counts them so a leak check can tell
 * them from leaked frames.
 */
#include "kernel/mm/mm.h"
#include "kernel/printk.h"
#include "kernel/lib/string.h"
#include "kernel/arch/x86/cpu.h"

#define KMALLOC_MAGIC 0x6b6d616c
#define KMALLOC_FREED 0x66726565
#define NR_CLASSES 8 /* 32, 64, ..., 4096 bytes with the header */
#define LARGE_CLASS 0xff

struct header {
	u32 magic;
	u32 class;
	union {
		u64 size;            /* in use: bytes requested */
		struct header *next; /* free: next free object of the class */
	};
};

static struct header *free_lists[NR_CLASSES];
static struct kmalloc_stats stats;
u64 kmalloc_slab_pages;

static size_t class_size(int class) { return 32u << class; }

static int size_class(size_t total)
{
	for (int c = 0; c < NR_CLASSES - 1; c++) /* the 4096 class would waste a whole frame */
		if (total <= class_size(c))
			return c;
	return -1;
}

static bool grow(int class)
{
	u64 pa = frame_alloc();
	char *page;
	size_t sz = class_size(class);

	if (!pa)
		return false;
	kmalloc_slab_pages++;
	page = phys_to_virt(pa);
	for (size_t off = 0; off + sz <= PAGE_SIZE; off += sz) {
		struct header *h = (struct header *)(page + off);

		h->magic = KMALLOC_FREED;
		h->class = class;
		h->next = free_lists[class];
		free_lists[class] = h;
	}
	return true;
}

void *kmalloc(size_t size)
{
	size_t total = size + sizeof(struct header);
	int class = size_class(total);
	struct header *h;
	u64 flags;

	if (size > (1ull << 30))
		return NULL;
	flags = irq_save();
	if (class >= 0) {
		if (!free_lists[class] && !grow(class)) {
			irq_restore(flags);
			return NULL;
		}
		h = free_lists[class];
		free_lists[class] = h->next;
	} else {
		u64 pa = frame_alloc_contig(ALIGN_UP(total, PAGE_SIZE) / PAGE_SIZE);

		if (!pa) {
			irq_restore(flags);
			return NULL;
		}
		h = phys_to_virt(pa);
	}
	h->magic = KMALLOC_MAGIC;
	h->class = class >= 0 ? (u32)class : LARGE_CLASS;
	h->size = size;
	stats.live_objects++;
	stats.live_bytes += size;
	stats.total_allocs++;
	irq_restore(flags);
	return h + 1;
}

void *kzalloc(size_t size)
{
	void *p = kmalloc(size);

	if (p)
		memset(p, 0, size);
	return p;
}

void kfree(void *ptr)
{
	struct header *h;
	u64 flags;

	if (!ptr)
		return;
	h = (struct header *)ptr - 1;
	if (h->magic != KMALLOC_MAGIC) {
		printk(KERN_ERR "kmalloc: kfree(%p) of %s\n", ptr,
		       h->magic == KMALLOC_FREED ? "an object already freed" : "a bad pointer");
		WARN_ON(1);
		return;
	}
	flags = irq_save();
	h->magic = KMALLOC_FREED;
	stats.live_objects--;
	stats.live_bytes -= h->size;
	if (h->class == LARGE_CLASS) {
		u64 pages = ALIGN_UP(h->size + sizeof(*h), PAGE_SIZE) / PAGE_SIZE;

		frame_free_contig(virt_to_phys(h), pages);
	} else {
		h->next = free_lists[h->class];
		free_lists[h->class] = h;
	}
	irq_restore(flags);
}

void kmalloc_get_stats(struct kmalloc_stats *st)
{
	u64 flags = irq_save();

	*st = stats;
	irq_restore(flags);
}
