/*
 * kernel/mm/vmap.c - the vmap area: page-granular mappings at VMAP_BASE, within 2 GiB of the
 * kernel text so that JIT images and kprobe slots can reach kernel functions with a rel32 call.
 *
 * A bitmap tracks which pages of the area are taken. Each allocation is followed by one unmapped
 * guard page, so running off its end faults instead of corrupting a neighbour.
 */
#include "kernel/mm/mm.h"
#include "kernel/printk.h"
#include "kernel/arch/x86/cpu.h"

#define VMAP_PAGES (VMAP_SIZE / PAGE_SIZE)

static u64 used[VMAP_PAGES / 64];

static bool page_used(u64 i) { return used[i / 64] & (1ull << (i % 64)); }

/* Reserve npages + a guard page of address space; the index of the first, or -1. */
static s64 reserve(u64 npages)
{
	u64 flags = irq_save();
	u64 run = 0;

	for (u64 i = 0; i < VMAP_PAGES; i++) {
		run = page_used(i) ? 0 : run + 1;
		if (run == npages + 1) {
			u64 first = i + 1 - run;

			for (u64 k = first; k <= i; k++)
				used[k / 64] |= 1ull << (k % 64);
			irq_restore(flags);
			return first;
		}
	}
	irq_restore(flags);
	return -1;
}

static void release(u64 first, u64 npages)
{
	u64 flags = irq_save();

	for (u64 k = first; k <= first + npages; k++)
		used[k / 64] &= ~(1ull << (k % 64));
	irq_restore(flags);
}

void *vmap_pages(const u64 *pas, u64 npages, u64 prot)
{
	s64 first = reserve(npages);
	u64 base;

	if (first < 0)
		return NULL;
	base = VMAP_BASE + first * PAGE_SIZE;
	for (u64 i = 0; i < npages; i++) {
		if (vmm_map(kernel_pml4, base + i * PAGE_SIZE, pas[i], prot)) {
			for (u64 k = 0; k < i; k++)
				vmm_unmap(kernel_pml4, base + k * PAGE_SIZE);
			release(first, npages);
			return NULL;
		}
	}
	return (void *)base;
}

void vunmap(void *va, u64 npages)
{
	u64 base = (u64)va;

	for (u64 i = 0; i < npages; i++)
		vmm_unmap(kernel_pml4, base + i * PAGE_SIZE);
	release((base - VMAP_BASE) / PAGE_SIZE, npages);
}

void *vmap_alloc(u64 npages, u64 prot)
{
	s64 first = reserve(npages);
	u64 base;

	if (first < 0)
		return NULL;
	base = VMAP_BASE + first * PAGE_SIZE;
	for (u64 i = 0; i < npages; i++) {
		u64 pa = frame_alloc();

		if (!pa || vmm_map(kernel_pml4, base + i * PAGE_SIZE, pa, prot)) {
			if (pa)
				frame_free(pa);
			vmap_free((void *)base, i);
			/* vmap_free released only i pages of the reservation: release it whole */
			release(first, npages);
			return NULL;
		}
	}
	return (void *)base;
}

void vmap_free(void *va, u64 npages)
{
	u64 base = (u64)va;

	for (u64 i = 0; i < npages; i++) {
		u64 pa = vmm_unmap(kernel_pml4, base + i * PAGE_SIZE);

		if (pa)
			frame_free(pa);
	}
	release((base - VMAP_BASE) / PAGE_SIZE, npages);
}

int vmap_protect(void *va, u64 npages, u64 prot)
{
	for (u64 i = 0; i < npages; i++) {
		int err = vmm_protect(kernel_pml4, (u64)va + i * PAGE_SIZE, prot);

		if (err)
			return err;
	}
	return 0;
}
