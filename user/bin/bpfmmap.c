/*
 * bpfmmap.c - BPF maps mapped into a process: mmap(2) on a map's fd.
 *
 *     bpfmmap
 *
 * An array created with BPF_F_MMAPABLE is mapped: a value written through memory is what
 * bpf() reads, and the other way round; a forked child shares the pages (its write shows in
 * the parent); the mapping outlives the fd; a map mapped writable cannot be frozen (the
 * verifier trusts a frozen map's values), a frozen one maps read-only only; a map's page
 * mapped over part of another's mapping replaces it, and both go when unmapped. A ring
 * buffer's consumer page maps writable, its data only read-only. Bad requests get Linux's
 * errors: a map that cannot be mapped, a private mapping, an unaligned offset, a length past
 * the end, a write or exec mapping of read-only pages, a file that is not a map, a bad fd.
 * Prints one "ok"/"FAIL" line per check; exit status 0 when all passed. (Run it under
 * memcheck: every page and map goes back.)
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/wait.h>

#include "user/lib/bpf/bpf.h"

#define PAGE 4096
#define NR_VALUES 1024 /* two pages of u64 */

static int failures;

static void check(int ok, const char *what)
{
	printf("bpfmmap: %s ... %s\n", what, ok ? "ok" : "FAIL");
	if (!ok)
		failures++;
}

/* mmap that failed with errno want. */
static int refused(void *addr, int want)
{
	return addr == MAP_FAILED && errno == want;
}

static void shared_array(void)
{
	int fd = bpf_map_create(BPF_MAP_TYPE_ARRAY, "mmapped", 4, 8, NR_VALUES, BPF_F_MMAPABLE);
	unsigned long long *values, got = 0, v = 88;
	unsigned int key = 6;
	int status = -1;
	pid_t pid;

	check(fd >= 0, "create a BPF_F_MMAPABLE array");
	values = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	check(values != MAP_FAILED, "map its two pages");
	if (values == MAP_FAILED)
		return;
	values[5] = 77;
	key = 5;
	check(bpf_map_lookup_elem(fd, &key, &got) == 0 && got == 77,
	      "written through memory, read by bpf()");
	key = 6;
	check(bpf_map_update_elem(fd, &key, &v, BPF_ANY) == 0 && values[6] == 88,
	      "written by bpf(), read through memory");
	pid = fork();
	if (pid == 0) {
		values[7] = 99;
		_exit(0);
	}
	waitpid(pid, &status, 0);
	check(status == 0 && values[7] == 99, "a forked child shares the pages");
	check(bpf_map_freeze(fd) == -EBUSY, "no freezing while a writable mapping exists");
	close(fd);
	values[NR_VALUES - 1] = 5;
	check(values[NR_VALUES - 1] == 5, "the mapping outlives the fd");
	check(munmap(values, 2 * PAGE) == 0, "unmap it");
}

/* A map's page mapped (MAP_FIXED) over the second page of another map's mapping. */
static void fixed_over_part(void)
{
	int a = bpf_map_create(BPF_MAP_TYPE_ARRAY, "a", 4, 8, NR_VALUES, BPF_F_MMAPABLE);
	int b = bpf_map_create(BPF_MAP_TYPE_ARRAY, "b", 4, 8, NR_VALUES / 2, BPF_F_MMAPABLE);
	unsigned long long *p = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, a, 0), *q;
	unsigned long long got = 0;
	unsigned int key = 0;

	q = p == MAP_FAILED ? MAP_FAILED
			    : mmap((char *)p + PAGE, PAGE, PROT_READ | PROT_WRITE,
				   MAP_SHARED | MAP_FIXED, b, 0);
	check(q == (void *)((char *)p + PAGE), "map one page of a map over another's second page");
	if (q != MAP_FAILED) {
		q[0] = 42;
		check(bpf_map_lookup_elem(b, &key, &got) == 0 && got == 42, "it is the new map's page");
	}
	close(a);
	close(b);
	check(p != MAP_FAILED && munmap(p, 2 * PAGE) == 0, "unmap both at once");
}

static void bad_requests(void)
{
	int plain = bpf_map_create(BPF_MAP_TYPE_ARRAY, "plain", 4, 8, 4, 0);
	int hash = bpf_map_create(BPF_MAP_TYPE_HASH, "hash", 4, 8, 4, 0);
	int ro = bpf_map_create(BPF_MAP_TYPE_ARRAY, "mm", 4, 8, NR_VALUES, BPF_F_MMAPABLE);
	int ring = bpf_map_create(BPF_MAP_TYPE_RINGBUF, "ring", 0, 0, 4 * PAGE, 0);
	int file = open("/bin/sh", O_RDONLY);
	void *cons;

	check(refused(mmap(NULL, PAGE, PROT_READ, MAP_SHARED, plain, 0), EINVAL),
	      "an array without BPF_F_MMAPABLE: -EINVAL");
	check(refused(mmap(NULL, PAGE, PROT_READ, MAP_SHARED, hash, 0), ENODEV),
	      "a hash map: -ENODEV");
	check(refused(mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, ro, 0), EINVAL),
	      "MAP_PRIVATE: -EINVAL");
	check(refused(mmap(NULL, PAGE, PROT_READ, MAP_SHARED, ro, 100), EINVAL),
	      "an unaligned offset: -EINVAL");
	check(refused(mmap(NULL, 3 * PAGE, PROT_READ, MAP_SHARED, ro, 0), EINVAL),
	      "a length past the end: -EINVAL");
	check(refused(mmap(NULL, PAGE, PROT_READ | PROT_EXEC, MAP_SHARED, ro, 0), EPERM),
	      "PROT_EXEC: -EPERM");
	check(refused(mmap(NULL, PAGE, PROT_READ, MAP_SHARED, file, 0), ENODEV),
	      "a file that is not a map: -ENODEV");
	check(refused(mmap(NULL, PAGE, PROT_READ, MAP_SHARED, 999, 0), EBADF), "a bad fd: -EBADF");
	cons = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, ring, 0);
	check(cons != MAP_FAILED, "a ring buffer's consumer page maps writable");
	check(refused(mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, ring, PAGE), EPERM),
	      "its producer page does not: -EPERM");
	if (cons != MAP_FAILED)
		munmap(cons, PAGE);
	/* Once frozen, a map's pages map read-only only. */
	check(bpf_map_freeze(ro) == 0 &&
		      refused(mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, ro, 0), EPERM),
	      "a frozen map maps writable: -EPERM");
	close(plain);
	close(hash);
	close(ro);
	close(ring);
	close(file);
}

int main(void)
{
	shared_array();
	fixed_over_part();
	bad_requests();
	printf("bpfmmap: %s\n", failures ? "FAILED" : "all passed");
	return failures ? 1 : 0;
}
