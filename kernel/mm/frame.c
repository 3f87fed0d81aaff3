/*
 * kernel/mm/frame.c - the physical frame allocator.
 *
 * One bit per 4 KiB frame of the first 4 GiB (set = in use). At boot every frame starts in use;
 * the usable ranges of the multiboot2 memory map are then freed, except the first megabyte, the
 * kernel image, the boot information and the modules. Allocation is next-fit over the bitmap;
 * contiguous runs (for the heap's large objects) are found by a linear scan. Frames are handed
 * out zeroed, through the direct map.
 *
 * Invariant: free_frames == the number of clear bits.
 */
#include "kernel/mm/mm.h"
#include "kernel/multiboot.h"
#include "kernel/printk.h"
#include "kernel/lib/string.h"
#include "kernel/arch/x86/cpu.h"

#define MAX_PHYS (4ull << 30)
#define MAX_FRAMES (MAX_PHYS / PAGE_SIZE)

static u64 bitmap[MAX_FRAMES / 64];
static u64 nr_frames;   /* frames below the highest usable address */
static u64 free_frames;
static u64 total_usable;
static u64 next_hint;
static u64 max_phys;

static bool test_frame(u64 n) { return bitmap[n / 64] & (1ull << (n % 64)); }
static void set_frame(u64 n) { bitmap[n / 64] |= 1ull << (n % 64); }
static void clear_frame(u64 n) { bitmap[n / 64] &= ~(1ull << (n % 64)); }

static void reserve_range(u64 start, u64 end)
{
	for (u64 n = start / PAGE_SIZE; n < ALIGN_UP(end, PAGE_SIZE) / PAGE_SIZE && n < nr_frames; n++)
		if (!test_frame(n)) {
			set_frame(n);
			free_frames--;
		}
}

void frame_init(const struct multiboot_info *mbi)
{
	memset(bitmap, 0xff, sizeof(bitmap));
	for (int i = 0; i < mbi->nr_mmap; i++) {
		const struct mb_mmap_entry *e = &mbi->mmap[i];
		u64 start = ALIGN_UP(e->base, PAGE_SIZE);
		u64 end = ALIGN_DOWN(e->base + e->len, PAGE_SIZE);

		if (e->type != MB_MEM_AVAILABLE)
			continue;
		if (end > MAX_PHYS)
			end = MAX_PHYS;
		for (u64 pa = start; pa < end; pa += PAGE_SIZE) {
			clear_frame(pa / PAGE_SIZE);
			free_frames++;
		}
		if (end > max_phys)
			max_phys = end;
	}
	if (free_frames == 0)
		panic("mm: the memory map has no usable RAM below 4 GiB");
	nr_frames = max_phys / PAGE_SIZE;
	total_usable = free_frames;

	reserve_range(0, 0x100000);
	reserve_range(0x100000, virt_to_phys(_end));
	reserve_range(mbi->info_phys, mbi->info_phys + mbi->info_size);
	for (int i = 0; i < mbi->nr_modules; i++)
		reserve_range(mbi->modules[i].start, mbi->modules[i].end);
	next_hint = 0x100000 / PAGE_SIZE;
}

u64 frame_alloc(void)
{
	u64 flags = irq_save();

	for (u64 i = 0; i < nr_frames; i++) {
		u64 n = (next_hint + i) % nr_frames;

		if (bitmap[n / 64] == ~0ull) { /* skip full words quickly */
			i += 63 - n % 64;
			continue;
		}
		if (!test_frame(n)) {
			set_frame(n);
			free_frames--;
			next_hint = n + 1;
			irq_restore(flags);
			memset(phys_to_virt(n * PAGE_SIZE), 0, PAGE_SIZE);
			return n * PAGE_SIZE;
		}
	}
	irq_restore(flags);
	return 0;
}

u64 frame_alloc_contig(u64 count)
{
	u64 flags = irq_save();
	u64 run = 0;

	if (count == 0) {
		irq_restore(flags);
		return 0;
	}
	for (u64 n = 0x100000 / PAGE_SIZE; n < nr_frames; n++) {
		run = test_frame(n) ? 0 : run + 1;
		if (run == count) {
			u64 first = n + 1 - count;

			for (u64 k = first; k <= n; k++)
				set_frame(k);
			free_frames -= count;
			irq_restore(flags);
			memset(phys_to_virt(first * PAGE_SIZE), 0, count * PAGE_SIZE);
			return first * PAGE_SIZE;
		}
	}
	irq_restore(flags);
	return 0;
}

void frame_free(u64 pa)
{
	u64 n = pa / PAGE_SIZE;
	u64 flags;

	if (pa % PAGE_SIZE || n >= nr_frames || !test_frame(n)) {
		WARN_ON(1);
		printk(KERN_ERR "mm: bad frame_free(%#llx)\n", pa);
		return;
	}
	flags = irq_save();
	clear_frame(n);
	free_frames++;
	irq_restore(flags);
}

void frame_free_contig(u64 pa, u64 count)
{
	for (u64 i = 0; i < count; i++)
		frame_free(pa + i * PAGE_SIZE);
}

u64 frame_free_count(void) { return free_frames; }
u64 frame_total_count(void) { return total_usable; }
u64 frame_max_phys(void) { return max_phys; }
