/*
 * kernel/proc/syscalls.c - the process system calls: fork, execve, exit, wait4, kill, and the
 * memory ones: brk, mmap (anonymous and private, or a BPF map's pages, shared), munmap.
 */
#include "kernel/syscall.h"
#include "kernel/proc/task.h"
#include "kernel/proc/uvm.h"
#include "kernel/mm/mm.h"
#include "kernel/uaccess.h"
#include "kernel/lib/string.h"

#define EXEC_ARG_MAX 64
#define EXEC_STR_MAX 4096

SYSCALL_DEFINE(fork)
{
	return do_fork(current_pt_regs());
}

/* Copy a NULL-terminated user array of strings into kernel memory (freed with free_strings). */
static int copy_strings(u64 uarray, char **out, int max)
{
	int n = 0;

	if (!uarray) {
		out[0] = NULL;
		return 0;
	}
	for (;;) {
		u64 uptr;
		long len;

		if (n >= max - 1)
			return -E2BIG;
		if (copy_from_user(&uptr, (void *)(uarray + n * 8), 8))
			return -EFAULT;
		if (!uptr)
			break;
		out[n] = kmalloc(EXEC_STR_MAX);
		if (!out[n])
			return -ENOMEM;
		out[n + 1] = NULL;
		len = strncpy_from_user(out[n], (const char *)uptr, EXEC_STR_MAX);
		n++;
		if (len < 0)
			return len == -ENAMETOOLONG ? -E2BIG : (int)len;
	}
	out[n] = NULL;
	return 0;
}

static void free_strings(char **s)
{
	for (int i = 0; s[i]; i++)
		kfree(s[i]);
}

SYSCALL_DEFINE(execve)
{
	char *path = kmalloc(256);
	char *argv[EXEC_ARG_MAX] = { NULL }, *envp[EXEC_ARG_MAX] = { NULL };
	long err;

	if (!path)
		return -ENOMEM;
	err = strncpy_from_user(path, (const char *)a0, 256);
	if (err >= 0)
		err = copy_strings(a1, argv, EXEC_ARG_MAX);
	if (err >= 0)
		err = copy_strings(a2, envp, EXEC_ARG_MAX);
	if (err >= 0)
		err = exec_kernel(path, (const char *const *)argv, (const char *const *)envp,
				  current_pt_regs());
	free_strings(argv);
	free_strings(envp);
	kfree(path);
	/* on success, rax of the new image starts at 0 (exec_kernel cleared the frame) */
	return err < 0 ? err : 0;
}

SYSCALL_DEFINE(exit)
{
	do_exit(((int)a0 & 0xff) << 8);
}

SYSCALL_DEFINE(exit_group)
{
	do_exit(((int)a0 & 0xff) << 8);
}

SYSCALL_DEFINE(wait4)
{
	if (a2 & ~1ull) /* only WNOHANG */
		return -EINVAL;
	if (a1 && !access_ok((void *)a1, sizeof(int)))
		return -EFAULT;
	return do_wait4((int)a0, (int *)a1, (int)a2);
}

SYSCALL_DEFINE(kill)
{
	return do_kill((int)a0, (int)a1);
}

SYSCALL_DEFINE(brk)
{
	u64 want = a0, old = ALIGN_UP(current->brk, PAGE_SIZE), new;

	if (want == 0 || want < current->brk_start)
		return current->brk;
	if (want >= USER_MMAP_BASE)
		return current->brk;
	new = ALIGN_UP(want, PAGE_SIZE);
	if (new > old && (new - old) / PAGE_SIZE > USER_MEM_LIMIT / PAGE_SIZE - current->user_pages)
		return current->brk; /* more than the process may have: fail before any work */
	if (new > old) {
		if (uvm_range_mapped(current, old, (new - old) / PAGE_SIZE))
			return current->brk;
		if (uvm_map_anon(current, old, (new - old) / PAGE_SIZE, PTE_W | PTE_NX))
			return current->brk; /* Linux's brk reports failure by not moving */
	} else if (new < old) {
		uvm_unmap(current, new, (old - new) / PAGE_SIZE);
	}
	current->brk = want;
	return want;
}

#define PROT_READ 1
#define PROT_WRITE 2
#define PROT_EXEC 4
#define MAP_SHARED 0x01
#define MAP_PRIVATE 0x02
#define MAP_FIXED 0x10
#define MAP_ANONYMOUS 0x20

SYSCALL_DEFINE(mmap)
{
	u64 len = ALIGN_UP(a1, PAGE_SIZE), prot = a2, flags = a3, va;
	int err;

	if (a1 == 0 || len < a1 || (prot & ~7ull))
		return -EINVAL;
	/* Anonymous memory, private; or the pages of a BPF map, shared, through its fd. */
	if ((flags & (MAP_SHARED | MAP_PRIVATE)) != ((flags & MAP_ANONYMOUS) ? MAP_PRIVATE : MAP_SHARED))
		return -EINVAL;
	if (!(flags & MAP_ANONYMOUS) && (prot & PROT_EXEC))
		return -EPERM;
	if (flags & MAP_FIXED) {
		va = a0;
		if (va & (PAGE_SIZE - 1) || !access_ok((void *)va, len) || va < PAGE_SIZE)
			return -EINVAL;
		uvm_unmap(current, va, len / PAGE_SIZE);
	} else {
		va = current->mmap_next;
		if (len > USER_STACK_TOP - USER_STACK_PAGES * PAGE_SIZE - va)
			return -ENOMEM;
	}
	if (flags & MAP_ANONYMOUS)
		err = uvm_map_anon(current, va, len / PAGE_SIZE,
				   ((prot & PROT_WRITE) ? PTE_W : 0) | ((prot & PROT_EXEC) ? 0 : PTE_NX));
	else
		err = bpf_map_mmap(va, len / PAGE_SIZE, ((prot & PROT_WRITE) ? PTE_W : 0) | PTE_NX,
				   (int)a4, a5);
	if (err)
		return err;
	if (!(flags & MAP_FIXED))
		current->mmap_next = va + len + PAGE_SIZE; /* a hole between mappings */
	return va;
}

SYSCALL_DEFINE(munmap)
{
	u64 len = ALIGN_UP(a1, PAGE_SIZE);

	if ((a0 & (PAGE_SIZE - 1)) || a1 == 0 || !access_ok((void *)a0, len))
		return -EINVAL;
	uvm_unmap(current, a0, len / PAGE_SIZE);
	return 0;
}
