/*
 * kernel/mm/mm.h - memory management: physical frames, page tables, the kernel heap.
 *
 * Virtual layout (4-level paging, 4 KiB pages):
 *   0x0000000000000000 - 0x00007fffffffffff  user space (later: one address space per process)
 *   0xffff888000000000 - ...                  direct map of all physical memory (RW, NX)
 *   0xffffffff80000000 - 0xffffffffbfffffff  the kernel image (text RX, rodata R, data RW+NX)
 *   0xffffffffc0000000 - 0xffffffffefffffff  the vmap area: JIT images, kprobe slots, aliases
 *
 * Read in this order: frame.c (who owns which physical page), vmm.c (page tables), kmalloc.c.
 */
#ifndef KERNEL_MM_MM_H
#define KERNEL_MM_MM_H

#include "kernel/types.h"

#define PAGE_SIZE 4096ull
#define PAGE_SHIFT 12
#define KERNEL_VMA 0xffffffff80000000ull
#define DIRECT_MAP_BASE 0xffff888000000000ull
#define VMAP_BASE 0xffffffffc0000000ull
#define VMAP_SIZE 0x30000000ull

/* Page-table entry bits. */
#define PTE_P (1ull << 0)   /* present */
#define PTE_W (1ull << 1)   /* writable */
#define PTE_U (1ull << 2)   /* user */
#define PTE_PWT (1ull << 3)
#define PTE_PCD (1ull << 4)
#define PTE_A (1ull << 5)
#define PTE_D (1ull << 6)
#define PTE_PS (1ull << 7)  /* 2 MiB page (in a PD entry) */
#define PTE_G (1ull << 8)
#define PTE_NX (1ull << 63) /* not executable */
#define PTE_ADDR_MASK 0x000ffffffffff000ull

/* Common protections. */
#define PROT_KERNEL_RX (PTE_P)
#define PROT_KERNEL_RO (PTE_P | PTE_NX)
#define PROT_KERNEL_RW (PTE_P | PTE_W | PTE_NX)

static inline void *phys_to_virt(u64 pa) { return (void *)(uintptr_t)(pa + DIRECT_MAP_BASE); }
static inline u64 virt_to_phys(const void *va)
{
	u64 v = (u64)(uintptr_t)va;

	return v >= KERNEL_VMA ? v - KERNEL_VMA : v - DIRECT_MAP_BASE;
}

/* Kernel section boundaries from linker.ld. */
extern char _text[], _etext[], _rodata[], _erodata[], _data[], _edata[], _end[];

/* --- frame.c: physical page frames --- */
struct multiboot_info;
void frame_init(const struct multiboot_info *mbi);
/* One zeroed frame (physical address), or 0 when memory is exhausted. */
u64 frame_alloc(void);
/* count physically contiguous zeroed frames, or 0. */
u64 frame_alloc_contig(u64 count);
void frame_free(u64 pa);
void frame_free_contig(u64 pa, u64 count);
u64 frame_free_count(void);
u64 frame_total_count(void);
u64 frame_max_phys(void); /* end of the highest usable RAM */

/* --- vmm.c: page tables --- */
void vmm_init(void);
extern u64 *kernel_pml4;
extern u64 vmm_table_pages; /* page-table pages in use (kernel tables are kept once made) */
/* Map one 4 KiB page va -> pa with flags (PTE_*), allocating tables. 0 or -ENOMEM/-EEXIST. */
int vmm_map(u64 *pml4, u64 va, u64 pa, u64 flags);
/* Remove the mapping of va; returns the physical address it had, or 0. */
u64 vmm_unmap(u64 *pml4, u64 va);
/* Change the flags of a mapped 4 KiB page. 0 or -ENOENT. */
int vmm_protect(u64 *pml4, u64 va, u64 flags);
/* The page-table entry of va (NULL if not mapped by a 4 KiB page), and its physical address. */
u64 *vmm_pte(u64 *pml4, u64 va);
u64 vmm_virt_to_phys(u64 *pml4, u64 va);

/* --- vmap.c: the vmap area --- */
/* Map npages fresh zeroed frames at a new address of the vmap area with prot. NULL if none. */
void *vmap_alloc(u64 npages, u64 prot);
/* Unmap and free what vmap_alloc gave. */
void vmap_free(void *va, u64 npages);
/* Change the protection of npages pages from va. */
int vmap_protect(void *va, u64 npages, u64 prot);
/* Map the given physical pages (not owned) at a new vmap address; vunmap undoes it. */
void *vmap_pages(const u64 *pas, u64 npages, u64 prot);
void vunmap(void *va, u64 npages);

/* --- kmalloc.c: the kernel heap --- */
void *kmalloc(size_t size);
void *kzalloc(size_t size);
void kfree(void *ptr);
struct kmalloc_stats {
	u64 live_objects; /* allocations not yet freed */
	u64 live_bytes;   /* bytes requested by them */
	u64 total_allocs; /* allocations ever */
};
void kmalloc_get_stats(struct kmalloc_stats *st);

#endif /* KERNEL_MM_MM_H */
