/*
 * kernel/proc/uvm.c - user address spaces.
 *
 * A process's PML4 shares its upper half (entries 256-511: the direct map, the kernel, the vmap
 * area) with kernel_pml4, so the kernel is mapped in every process, for the supervisor only.
 * The lower half holds the process's pages, all present from the start (no demand paging):
 * fork copies every one of them. Each page counts against USER_MEM_LIMIT. The exception is a
 * page lent by a kernel object (PTE_OBJ, uvm.h): it is shared, never copied nor freed here.
 */
#include "kernel/proc/uvm.h"
#include "kernel/proc/task.h"
#include "kernel/mm/mm.h"
#include "kernel/lib/string.h"
#include "kernel/printk.h"

u64 *uvm_create(void)
{
	u64 pa = frame_alloc();
	u64 *pml4;

	if (!pa)
		return NULL;
	vmm_table_pages++;
	pml4 = phys_to_virt(pa);
	for (int i = 256; i < 512; i++)
		pml4[i] = kernel_pml4[i];
	return pml4;
}

static u64 *next_table(u64 entry) { return phys_to_virt(entry & PTE_ADDR_MASK); }

/*
 * Call fn for every present user page of pml4, in address order; stops at the first error.
 * fn gets the virtual address and the page-table entry.
 */
static int for_each_user_page(u64 *pml4, int (*fn)(u64 va, u64 *pte, void *arg), void *arg)
{
	for (u64 i = 0; i < 256; i++) {
		if (!(pml4[i] & PTE_P))
			continue;
		u64 *pdpt = next_table(pml4[i]);

		for (u64 j = 0; j < 512; j++) {
			if (!(pdpt[j] & PTE_P))
				continue;
			u64 *pd = next_table(pdpt[j]);

			for (u64 k = 0; k < 512; k++) {
				if (!(pd[k] & PTE_P))
					continue;
				u64 *pt = next_table(pd[k]);

				for (u64 l = 0; l < 512; l++) {
					int err;

					if (!(pt[l] & PTE_P))
						continue;
					err = fn(i << 39 | j << 30 | k << 21 | l << 12, &pt[l], arg);
					if (err)
						return err;
				}
			}
		}
	}
	return 0;
}

static int copy_one(u64 va, u64 *pte, void *arg)
{
	struct task *child = arg;
	u64 pa;
	int err;

	if (*pte & PTE_OBJ) /* the object's page: the child shares it */
		return vmm_map(child->pml4, va, *pte & PTE_ADDR_MASK,
			       *pte & ~PTE_ADDR_MASK & ~(PTE_A | PTE_D));
	pa = frame_alloc();
	if (!pa)
		return -ENOMEM;
	memcpy(phys_to_virt(pa), phys_to_virt(*pte & PTE_ADDR_MASK), PAGE_SIZE);
	err = vmm_map(child->pml4, va, pa, *pte & ~PTE_ADDR_MASK & ~(PTE_A | PTE_D));
	if (err) {
		frame_free(pa);
		return err;
	}
	child->user_pages++;
	return 0;
}

int uvm_copy(struct task *child, struct task *parent)
{
	int err = for_each_user_page(parent->pml4, copy_one, child);

	/* The child's shared pages hold their objects too. */
	for (struct uvm_object_range *r = parent->obj_ranges; !err && r; r = r->next) {
		struct uvm_object_range *copy = kmalloc(sizeof(*copy));
		u64 *pas = kmalloc(r->npages * sizeof(*pas));

		if (!copy || !pas) {
			kfree(copy);
			kfree(pas);
			return -ENOMEM;
		}
		*copy = *r;
		copy->pas = memcpy(pas, r->pas, r->npages * sizeof(*pas));
		r->get(r->obj);
		copy->next = child->obj_ranges;
		child->obj_ranges = copy;
	}
	return err;
}

static int free_one(u64 va, u64 *pte, void *arg)
{
	if (!(*pte & PTE_OBJ))
		frame_free(*pte & PTE_ADDR_MASK);
	*pte = 0;
	return 0;
}

void uvm_release_objects(struct task *t)
{
	while (t->obj_ranges) {
		struct uvm_object_range *r = t->obj_ranges;

		t->obj_ranges = r->next;
		r->put(r->obj);
		kfree(r->pas);
		kfree(r);
	}
}

/* The object page pa at va was unmapped: the range that lent it holds one page fewer. */
static void object_page_gone(struct task *t, u64 va, u64 pa)
{
	for (struct uvm_object_range **pr = &t->obj_ranges, *r; (r = *pr); pr = &r->next) {
		if (va < r->va || va - r->va >= r->npages * PAGE_SIZE ||
		    r->pas[(va - r->va) / PAGE_SIZE] != pa)
			continue;
		r->pas[(va - r->va) / PAGE_SIZE] = 0; /* gone: no other page can match it */
		if (--r->mapped == 0) {
			*pr = r->next;
			r->put(r->obj);
			kfree(r->pas);
			kfree(r);
		}
		return;
	}
}

int uvm_map_object(struct task *t, u64 va, u64 npages, const u64 *pas, u64 prot, void *obj,
		   void (*get)(void *obj), void (*put)(void *obj))
{
	struct uvm_object_range *r;
	u64 i;
	int err = 0;

	if (va >= USER_TOP || !npages || npages > (USER_TOP - va) / PAGE_SIZE)
		return -EINVAL;
	r = kmalloc(sizeof(*r));
	if (r)
		r->pas = kmalloc(npages * sizeof(*pas));
	if (!r || !r->pas) {
		kfree(r);
		return -ENOMEM;
	}
	for (i = 0; i < npages && !err; i++)
		err = vmm_map(t->pml4, va + i * PAGE_SIZE, pas[i], prot | PTE_U | PTE_OBJ);
	if (err) {
		while (i-- > 0)
			vmm_unmap(t->pml4, va + i * PAGE_SIZE); /* not ours to free */
		kfree(r->pas);
		kfree(r);
		return err;
	}
	memcpy(r->pas, pas, npages * sizeof(*pas));
	r->va = va;
	r->npages = npages;
	r->mapped = npages;
	r->obj = obj;
	r->get = get;
	r->put = put;
	r->next = t->obj_ranges;
	t->obj_ranges = r;
	return 0;
}

void uvm_free(u64 *pml4)
{
	for_each_user_page(pml4, free_one, NULL);
	/* now the tables of the lower half, then the PML4 itself */
	for (u64 i = 0; i < 256; i++) {
		if (!(pml4[i] & PTE_P))
			continue;
		u64 *pdpt = next_table(pml4[i]);

		for (u64 j = 0; j < 512; j++) {
			if (!(pdpt[j] & PTE_P))
				continue;
			u64 *pd = next_table(pdpt[j]);

			for (u64 k = 0; k < 512; k++) {
				if (pd[k] & PTE_P) {
					frame_free(pd[k] & PTE_ADDR_MASK);
					vmm_table_pages--;
				}
			}
			frame_free(pdpt[j] & PTE_ADDR_MASK);
			vmm_table_pages--;
		}
		frame_free(pml4[i] & PTE_ADDR_MASK);
		vmm_table_pages--;
	}
	frame_free(virt_to_phys(pml4));
	vmm_table_pages--;
}

int uvm_map_anon(struct task *t, u64 va, u64 npages, u64 prot)
{
	if (va >= USER_TOP || npages > (USER_TOP - va) / PAGE_SIZE)
		return -EINVAL;
	if (t->user_pages + npages > USER_MEM_LIMIT / PAGE_SIZE)
		return -ENOMEM;
	for (u64 i = 0; i < npages; i++) {
		u64 pa = frame_alloc();
		int err;

		if (!pa) {
			uvm_unmap(t, va, i);
			return -ENOMEM;
		}
		err = vmm_map(t->pml4, va + i * PAGE_SIZE, pa, prot | PTE_U);
		if (err) {
			frame_free(pa);
			uvm_unmap(t, va, i);
			return err;
		}
		t->user_pages++;
	}
	return 0;
}

/*
 * The first address at or after va that may have a mapping: skips whole tables that are absent,
 * so a range of terabytes costs a few steps, not billions (sysfuzz asks for such ranges).
 */
static u64 next_maybe_mapped(u64 *pml4, u64 va, u64 end)
{
	while (va < end) {
		u64 *t = pml4;
		int level;

		for (level = 3; level > 0; level--) {
			u64 e = t[(va >> (12 + 9 * level)) & 511];

			if (!(e & PTE_P))
				break;
			t = next_table(e);
		}
		if (level == 0)
			return va; /* a page table exists: check this page */
		/* no table at this level: jump to the start of the next region it would cover */
		va = (va | ((1ull << (12 + 9 * level)) - 1)) + 1;
	}
	return end;
}

void uvm_unmap(struct task *t, u64 va, u64 npages)
{
	u64 end = va + npages * PAGE_SIZE;

	if (end < va || end > USER_TOP)
		end = USER_TOP;
	for (va = next_maybe_mapped(t->pml4, va, end); va < end;
	     va = next_maybe_mapped(t->pml4, va + PAGE_SIZE, end)) {
		u64 *pte = vmm_pte(t->pml4, va);
		bool lent = pte && (*pte & PTE_OBJ);
		u64 pa = vmm_unmap(t->pml4, va);

		if (!pa)
			continue;
		if (lent) {
			object_page_gone(t, va, pa);
		} else {
			frame_free(pa);
			t->user_pages--;
		}
	}
}

bool uvm_range_mapped(struct task *t, u64 va, u64 npages)
{
	u64 end = va + npages * PAGE_SIZE;

	if (end < va || end > USER_TOP)
		end = USER_TOP;
	for (va = next_maybe_mapped(t->pml4, va, end); va < end;
	     va = next_maybe_mapped(t->pml4, va + PAGE_SIZE, end))
		if (vmm_pte(t->pml4, va))
			return true;
	return false;
}
