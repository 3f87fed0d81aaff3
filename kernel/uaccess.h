/*
 * kernel/uaccess.h - the only ways the kernel touches user memory.
 *
 * Each checks that the whole range lies in the user half, then copies with an exception-table
 * fix-up: a pointer to an unmapped page, a kernel address or a non-canonical one gives -EFAULT,
 * never a crash. With SMAP on, user pages are reachable only between stac and clac, inside
 * these functions.
 */
#ifndef KERNEL_UACCESS_H
#define KERNEL_UACCESS_H

#include "kernel/types.h"

/* 0, or -EFAULT. */
int copy_from_user(void *dst, const void *usrc, size_t n);
int copy_to_user(void *udst, const void *src, size_t n);
/* Copy a NUL-terminated string of at most size-1 characters: its length, -EFAULT, or
 * -ENAMETOOLONG when no NUL was found within size bytes. */
long strncpy_from_user(char *dst, const char *usrc, long size);
/* Is [uaddr, uaddr + n) entirely below the user/kernel boundary? */
bool access_ok(const void *uaddr, size_t n);

extern bool smap_enabled;

#endif
