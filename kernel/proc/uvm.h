/*
 * kernel/proc/uvm.h - user address spaces (see uvm.c).
 */
#ifndef KERNEL_PROC_UVM_H
#define KERNEL_PROC_UVM_H

#include "kernel/types.h"

struct task;

/* A new address space with the kernel's upper half and an empty lower half; NULL if no memory. */
u64 *uvm_create(void);
/* Free every user page and page table of pml4, and pml4 itself. */
void uvm_free(u64 *pml4);
/* Copy every user page of parent into child's (empty) address space. 0 or -ENOMEM. */
int uvm_copy(struct task *child, struct task *parent);
/* Map npages zeroed pages at va in t's address space, user-accessible, with prot (PTE_*). */
int uvm_map_anon(struct task *t, u64 va, u64 npages, u64 prot);
/* Unmap (and free) whatever is mapped in [va, va + npages pages). */
void uvm_unmap(struct task *t, u64 va, u64 npages);
/* Is any page of the range mapped? */
bool uvm_range_mapped(struct task *t, u64 va, u64 npages);

/*
 * Pages a kernel object lends to a process (a BPF map's pages, mmap'ed through its fd). Their
 * PTEs carry PTE_OBJ: the frames are the object's, so unmapping, exit and exec never free
 * them, fork maps the same frames in the child, and they do not count against the process's
 * memory limit. A range holds one reference to the object, dropped when its last page goes.
 */
#define PTE_OBJ (1ull << 9) /* a software bit of the PTE */
struct uvm_object_range {
	u64 va, npages;
	u64 mapped; /* pages of the range still mapped */
	u64 *pas;   /* the frame of each page: after a MAP_FIXED over part of a range, ranges may
		     * overlap in addresses, and the frame tells which one a page came from */
	void *obj;
	void (*get)(void *obj);
	void (*put)(void *obj);
	struct uvm_object_range *next;
};
/*
 * Map the frames pas[0..npages) at va with prot (PTE_W, PTE_NX), lent by obj: on success the
 * range takes over the caller's reference to obj. 0, -EINVAL or -ENOMEM.
 */
int uvm_map_object(struct task *t, u64 va, u64 npages, const u64 *pas, u64 prot, void *obj,
		   void (*get)(void *obj), void (*put)(void *obj));
/* Drop every object range of t (its address space is gone). */
void uvm_release_objects(struct task *t);

#endif
