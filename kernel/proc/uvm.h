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

#endif
