/*
 * kernel/mm/vmm.c - page tables.
 *
 * vmm_init replaces the boot page tables (boot/boot.S) with the kernel's own:
 *   - the direct map of the first 4 GiB at DIRECT_MAP_BASE: 2 MiB pages, read-write, never
 *     executable; where it covers the kernel image, 4 KiB pages that are read-only for the
 *     text and read-only data (so no writable alias of kernel code exists);
 *   - the kernel image at KERNEL_VMA: 4 KiB pages, each section with its own permissions:
 *       .text RX, .rodata R, .data/.bss RW+NX, .kallsyms R (W^X: nothing is W and X);
 *   - no identity map: a NULL pointer dereference faults.
 * The other functions walk the four levels (PML4, PDPT, PD, PT) of any address space,
 * allocating intermediate tables on demand.
 */
#include "kernel/mm/mm.h"
#include "kernel/printk.h"
#include "kernel/arch/x86/cpu.h"

u64 *kernel_pml4;
u64 vmm_table_pages; /* page-table pages in use; the kernel keeps its own once made */

#define LARGE_PAGE (2ull << 20)

static u64 *table(u64 entry) { return phys_to_virt(entry & PTE_ADDR_MASK); }
static unsigned int index_at(u64 va, int level) { return (va >> (12 + 9 * level)) & 511; }

/* Entry of level `level` (3 = PML4 ... 0 = PT) for va; creates missing tables when asked. */
static u64 *walk(u64 *pml4, u64 va, int level, bool create)
{
	u64 *t = pml4;

	for (int l = 3; l > level; l--) {
		u64 *e = &t[index_at(va, l)];

		if (!(*e & PTE_P)) {
			u64 pa;

			if (!create || !(pa = frame_alloc()))
				return NULL;
			vmm_table_pages++;
			*e = pa | PTE_P | PTE_W | (va < DIRECT_MAP_BASE ? PTE_U : 0);
		} else if (*e & PTE_PS) {
			return NULL; /* a large page: no table below */
		}
		t = table(*e);
	}
	return &t[index_at(va, level)];
}

int vmm_map(u64 *pml4, u64 va, u64 pa, u64 flags)
{
	u64 *pte = walk(pml4, va, 0, true);

	if (!pte)
		return -ENOMEM;
	if (*pte & PTE_P)
		return -EEXIST;
	*pte = (pa & PTE_ADDR_MASK) | flags | PTE_P;
	invlpg(va);
	return 0;
}

u64 vmm_unmap(u64 *pml4, u64 va)
{
	u64 *pte = walk(pml4, va, 0, false);
	u64 pa;

	if (!pte || !(*pte & PTE_P))
		return 0;
	pa = *pte & PTE_ADDR_MASK;
	*pte = 0;
	invlpg(va);
	return pa;
}

int vmm_protect(u64 *pml4, u64 va, u64 flags)
{
	u64 *pte = walk(pml4, va, 0, false);

	if (!pte || !(*pte & PTE_P))
		return -ENOENT;
	*pte = (*pte & PTE_ADDR_MASK) | flags | PTE_P;
	invlpg(va);
	return 0;
}

u64 *vmm_pte(u64 *pml4, u64 va)
{
	u64 *pte = walk(pml4, va, 0, false);

	return pte && (*pte & PTE_P) ? pte : NULL;
}

u64 vmm_virt_to_phys(u64 *pml4, u64 va)
{
	u64 *t = pml4;

	for (int l = 3; l >= 0; l--) {
		u64 e = t[index_at(va, l)];

		if (!(e & PTE_P))
			return 0;
		if (l == 0 || (e & PTE_PS)) {
			u64 page = l == 0 ? PAGE_SIZE : 1ull << (12 + 9 * l);

			return (e & PTE_ADDR_MASK & ~(page - 1)) | (va & (page - 1));
		}
		t = table(e);
	}
	return 0;
}

/* Permissions of the kernel image page at virtual address va. */
static u64 image_prot(u64 va)
{
	if (va >= (u64)_text && va < (u64)_etext)
		return PROT_KERNEL_RX;
	if (va >= (u64)_rodata && va < (u64)_erodata)
		return PROT_KERNEL_RO;
	if (va >= (u64)_data && va < (u64)_edata)
		return PROT_KERNEL_RW;
	return PROT_KERNEL_RO; /* .kallsyms */
}

static void map_direct(void)
{
	u64 img_start = ALIGN_DOWN(virt_to_phys(_text), LARGE_PAGE);
	u64 img_end = ALIGN_UP(virt_to_phys(_end), LARGE_PAGE);
	u64 limit = MAX(4ull << 30, ALIGN_UP(frame_max_phys(), LARGE_PAGE));

	for (u64 pa = 0; pa < limit; pa += LARGE_PAGE) {
		u64 va = DIRECT_MAP_BASE + pa;

		if (pa >= img_start && pa < img_end) {
			for (u64 p = pa; p < pa + LARGE_PAGE; p += PAGE_SIZE) {
				u64 kva = p + KERNEL_VMA;
				bool in_image = kva >= (u64)_text && kva < (u64)_end;
				u64 prot = in_image && image_prot(kva) != PROT_KERNEL_RW ?
						   PROT_KERNEL_RO : PROT_KERNEL_RW;

				if (vmm_map(kernel_pml4, DIRECT_MAP_BASE + p, p, prot))
					panic("vmm: out of memory building the direct map");
			}
			continue;
		}
		u64 *pde = walk(kernel_pml4, va, 1, true);

		if (!pde)
			panic("vmm: out of memory building the direct map");
		*pde = pa | PTE_P | PTE_W | PTE_PS | PTE_NX;
	}
}

void vmm_init(void)
{
	u64 pa = frame_alloc();

	if (!pa)
		panic("vmm: no memory for the kernel page tables");
	kernel_pml4 = phys_to_virt(pa);
	map_direct();
	for (u64 va = (u64)_text; va < (u64)_end; va += PAGE_SIZE)
		if (vmm_map(kernel_pml4, va, va - KERNEL_VMA, image_prot(va)))
			panic("vmm: cannot map the kernel image at %#llx", va);
	write_cr3(pa);
}
