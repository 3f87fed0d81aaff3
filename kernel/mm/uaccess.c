/*
 * kernel/mm/uaccess.c - copy_from_user, copy_to_user, strncpy_from_user.
 *
 * The copy is one `rep movsb`; if it faults, the exception table sends the CPU to the fix-up
 * label with rcx holding the bytes not yet copied, and the function returns -EFAULT.
 */
#include "kernel/uaccess.h"
#include "kernel/proc/task.h"
#include "kernel/arch/x86/asm.h"

bool smap_enabled;

static inline void stac(void)
{
	if (smap_enabled)
		asm volatile("stac" : : : "memory");
}

static inline void clac(void)
{
	if (smap_enabled)
		asm volatile("clac" : : : "memory");
}

bool access_ok(const void *uaddr, size_t n)
{
	u64 a = (u64)uaddr;

	return a < USER_TOP && n <= USER_TOP - a;
}

/* rep movsb with a fix-up: the number of bytes left uncopied (0 on success). */
static size_t copy_bytes(void *dst, const void *src, size_t n)
{
	stac();
	asm volatile("1: rep movsb\n"
		     "2:\n" _ASM_EXTABLE(1b, 2b)
		     : "+D"(dst), "+S"(src), "+c"(n)
		     :
		     : "memory");
	clac();
	return n;
}

int copy_from_user(void *dst, const void *usrc, size_t n)
{
	if (!access_ok(usrc, n))
		return -EFAULT;
	return copy_bytes(dst, usrc, n) ? -EFAULT : 0;
}

int copy_to_user(void *udst, const void *src, size_t n)
{
	if (!access_ok(udst, n))
		return -EFAULT;
	return copy_bytes(udst, src, n) ? -EFAULT : 0;
}

long strncpy_from_user(char *dst, const char *usrc, long size)
{
	for (long i = 0; i < size; i++) {
		char c;

		if (!access_ok(usrc + i, 1) || copy_bytes(&c, usrc + i, 1))
			return -EFAULT;
		dst[i] = c;
		if (!c)
			return i;
	}
	return -ENAMETOOLONG;
}
