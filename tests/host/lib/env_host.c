/*
 * tests/host/lib/env_host.c - bpf/env.h for the host: libc allocation, clock_gettime, stderr,
 * and mmap/mprotect for JIT images. User copies are plain copies (there is no user space on the
 * host), except that a NULL source or destination gives -EFAULT so the error paths can be tested.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <time.h>

#include "bpf/env.h"

/* Live allocations, read by tests to prove that nothing leaks. */
long bpf_env_live_allocs;
/* Set to 1 to print bpf_env_log lines (bpfvm -v). */
int bpf_env_verbose;

void *bpf_env_alloc(size_t size)
{
	void *ptr = calloc(1, size ? size : 1);

	if (ptr)
		bpf_env_live_allocs++;
	return ptr;
}

void bpf_env_free(void *ptr)
{
	if (!ptr)
		return;
	bpf_env_live_allocs--;
	free(ptr);
}

u64 bpf_env_time_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (u64)ts.tv_sec * 1000000000ull + (u64)ts.tv_nsec;
}

void bpf_env_log(const char *fmt, ...)
{
	va_list ap;

	if (!bpf_env_verbose)
		return;
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
}

int bpf_env_copy_from_user(void *dst, const void *usrc, size_t size)
{
	if (!usrc && size)
		return -EFAULT;
	if (size)
		memcpy(dst, usrc, size);
	return 0;
}

int bpf_env_copy_to_user(void *udst, const void *src, size_t size)
{
	if (!udst && size)
		return -EFAULT;
	if (size)
		memcpy(udst, src, size);
	return 0;
}

long bpf_env_strncpy_from_user(char *dst, const char *usrc, long size)
{
	long i;

	if (!usrc)
		return -EFAULT;
	for (i = 0; i < size; i++) {
		dst[i] = usrc[i];
		if (!usrc[i])
			return i;
	}
	return size;
}

void *bpf_env_jit_alloc(size_t size)
{
	void *image = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	return image == MAP_FAILED ? NULL : image;
}

int bpf_env_jit_seal(void *image, size_t size)
{
	return mprotect(image, size, PROT_READ | PROT_EXEC) ? -ENOMEM : 0;
}

void bpf_env_jit_free(void *image, size_t size)
{
	if (image)
		munmap(image, size);
}
