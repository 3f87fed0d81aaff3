/*
 * kernel/proc/exec.c - execve: replace the current process's image with a static ELF64 program.
 *
 * The new image is built in a fresh address space while the old one stays intact, so a failed
 * exec (bad ELF: -ENOEXEC; no memory: -ENOMEM) returns to the caller with nothing lost. Then:
 *   - each PT_LOAD segment is mapped page by page (writable if PF_W, executable only if PF_X),
 *     its file bytes copied and the rest zeroed;
 *   - the stack is laid out as Linux does it for a new program:
 *         high  strings of argv and envp, 16 random bytes (AT_RANDOM)
 *               auxv pairs (AT_PHDR, AT_PHENT, AT_PHNUM, AT_PAGESZ, AT_ENTRY, ..., AT_NULL)
 *               envp[] NULL
 *               argv[] NULL
 *         rsp-> argc
 *   - the old address space is freed and the registers are set to start at e_entry.
 */
#include "kernel/proc/task.h"
#include "kernel/proc/uvm.h"
#include "kernel/fs/vfs.h"
#include "kernel/mm/mm.h"
#include "kernel/lib/string.h"
#include "kernel/printk.h"
#include "kernel/time.h"
#include "kernel/arch/x86/cpu.h"
#include "kernel/arch/x86/gdt.h"
#include "kernel/trace/events/sched.h"

#define EXEC_MAX_ARGS 64
#define EXEC_MAX_STRINGS 8192 /* bytes of argv and envp strings */

struct elf64_ehdr {
	u8 e_ident[16];
	u16 e_type, e_machine;
	u32 e_version;
	u64 e_entry, e_phoff, e_shoff;
	u32 e_flags;
	u16 e_ehsize, e_phentsize, e_phnum, e_shentsize, e_shnum, e_shstrndx;
};

struct elf64_phdr {
	u32 p_type, p_flags;
	u64 p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_align;
};

#define PT_LOAD 1
#define PT_INTERP 3
#define PF_X 1
#define PF_W 2
#define ET_EXEC 2
#define EM_X86_64 62

/* Copy bytes into the (not yet active) address space pml4. */
static void copy_into(u64 *pml4, u64 va, const void *src, u64 n)
{
	const u8 *s = src;

	while (n) {
		u64 chunk = MIN(n, PAGE_SIZE - (va & (PAGE_SIZE - 1)));

		memcpy(phys_to_virt(vmm_virt_to_phys(pml4, va)), s, chunk);
		va += chunk;
		s += chunk;
		n -= chunk;
	}
}

/* Is the image a static x86-64 executable we can load? Checks every header against size. */
static int check_elf(const u8 *image, u64 size)
{
	const struct elf64_ehdr *eh = (const void *)image;
	const struct elf64_phdr *ph;

	if (size < sizeof(*eh) || memcmp(eh->e_ident, "\177ELF", 4))
		return -ENOEXEC;
	if (eh->e_ident[4] != 2 || eh->e_ident[5] != 1) /* ELFCLASS64, little-endian */
		return -ENOEXEC;
	if (eh->e_type != ET_EXEC || eh->e_machine != EM_X86_64)
		return -ENOEXEC;
	if (eh->e_phentsize != sizeof(*ph) || eh->e_phnum == 0 || eh->e_phnum > 64 ||
	    eh->e_phoff > size || eh->e_phnum * sizeof(*ph) > size - eh->e_phoff)
		return -ENOEXEC;
	ph = (const void *)(image + eh->e_phoff);
	for (int i = 0; i < eh->e_phnum; i++) {
		if (ph[i].p_type == PT_INTERP)
			return -ENOEXEC; /* dynamically linked */
		if (ph[i].p_type != PT_LOAD)
			continue;
		if (ph[i].p_offset > size || ph[i].p_filesz > size - ph[i].p_offset ||
		    ph[i].p_filesz > ph[i].p_memsz || ph[i].p_vaddr < PAGE_SIZE ||
		    ph[i].p_vaddr >= USER_STACK_TOP - USER_STACK_PAGES * PAGE_SIZE ||
		    ph[i].p_memsz > USER_MEM_LIMIT ||
		    ph[i].p_vaddr + ph[i].p_memsz > USER_STACK_TOP - USER_STACK_PAGES * PAGE_SIZE)
			return -ENOEXEC;
	}
	if (eh->e_entry < PAGE_SIZE || eh->e_entry >= USER_TOP)
		return -ENOEXEC;
	return 0;
}

static int load_segment(struct task *t, const u8 *image, const struct elf64_phdr *ph)
{
	u64 start = ALIGN_DOWN(ph->p_vaddr, PAGE_SIZE);
	u64 end = ALIGN_UP(ph->p_vaddr + ph->p_memsz, PAGE_SIZE);
	u64 prot = PTE_U | ((ph->p_flags & PF_W) ? PTE_W : 0) | ((ph->p_flags & PF_X) ? 0 : PTE_NX);

	for (u64 va = start; va < end; va += PAGE_SIZE) {
		u64 *pte = vmm_pte(t->pml4, va);
		int err;

		if (pte) { /* shared with the previous segment: widen its permissions */
			if (prot & PTE_W)
				*pte |= PTE_W;
			if (!(prot & PTE_NX))
				*pte &= ~PTE_NX;
			continue;
		}
		err = uvm_map_anon(t, va, 1, prot);
		if (err)
			return err;
	}
	copy_into(t->pml4, ph->p_vaddr, image + ph->p_offset, ph->p_filesz);
	return 0;
}

/* Lay out argc, argv, envp and auxv on the new stack; returns the initial rsp. */
static u64 build_stack(struct task *t, const char *const argv[], const char *const envp[],
		       const struct elf64_ehdr *eh, u64 phdr_va)
{
	u64 sp = USER_STACK_TOP, argv_va[EXEC_MAX_ARGS], envp_va[EXEC_MAX_ARGS];
	u64 words[2 * EXEC_MAX_ARGS + 40];
	int argc = 0, envc = 0, n = 0;
	u64 random[2] = { rdtsc() * 0x9e3779b97f4a7c15ull, ktime_get_ns() ^ 0x5bd1e995ull };

	sp -= sizeof(random);
	copy_into(t->pml4, sp, random, sizeof(random));
	u64 random_va = sp;

	for (; argv && argv[argc]; argc++) {
		u64 len = strlen(argv[argc]) + 1;

		sp -= len;
		copy_into(t->pml4, sp, argv[argc], len);
		argv_va[argc] = sp;
	}
	for (; envp && envp[envc]; envc++) {
		u64 len = strlen(envp[envc]) + 1;

		sp -= len;
		copy_into(t->pml4, sp, envp[envc], len);
		envp_va[envc] = sp;
	}
	words[n++] = argc;
	for (int i = 0; i < argc; i++)
		words[n++] = argv_va[i];
	words[n++] = 0;
	for (int i = 0; i < envc; i++)
		words[n++] = envp_va[i];
	words[n++] = 0;
#define AUX(type, value) (words[n++] = (type), words[n++] = (value))
	AUX(3, phdr_va);         /* AT_PHDR */
	AUX(4, sizeof(struct elf64_phdr)); /* AT_PHENT */
	AUX(5, eh->e_phnum);     /* AT_PHNUM */
	AUX(6, PAGE_SIZE);       /* AT_PAGESZ */
	AUX(9, eh->e_entry);     /* AT_ENTRY */
	AUX(11, t->uid);         /* AT_UID */
	AUX(12, t->uid);         /* AT_EUID */
	AUX(13, t->gid);         /* AT_GID */
	AUX(14, t->gid);         /* AT_EGID */
	AUX(25, random_va);      /* AT_RANDOM */
	AUX(0, 0);               /* AT_NULL */
#undef AUX
	sp = ALIGN_DOWN(sp - n * 8, 16ull);
	copy_into(t->pml4, sp, words, n * 8);
	return sp;
}

int exec_kernel(const char *path, const char *const argv[], const char *const envp[],
		struct pt_regs *regs)
{
	struct task *t = current;
	struct inode *ino;
	const struct elf64_ehdr *eh;
	const struct elf64_phdr *ph;
	u64 *old_pml4 = t->pml4, old_pages = t->user_pages, brk = 0, phdr_va = 0, sp;
	int err, argc = 0, envc = 0;
	const char *base;

	while (argv && argv[argc])
		argc++;
	while (envp && envp[envc])
		envc++;
	if (argc >= EXEC_MAX_ARGS || envc >= EXEC_MAX_ARGS)
		return -E2BIG;
	ino = vfs_lookup(t->cwd, path, &err);
	if (!ino)
		return err;
	if (!S_ISREG(ino->mode) || ino->fops)
		return -EACCES;
	err = check_elf(ino->data, ino->size);
	if (err)
		return err;
	eh = (const void *)ino->data;
	ph = (const void *)(ino->data + eh->e_phoff);

	t->pml4 = uvm_create();
	if (!t->pml4) {
		t->pml4 = old_pml4;
		return -ENOMEM;
	}
	t->user_pages = 0;
	for (int i = 0; i < eh->e_phnum; i++) {
		if (ph[i].p_type != PT_LOAD)
			continue;
		err = load_segment(t, ino->data, &ph[i]);
		if (err)
			goto fail;
		if (eh->e_phoff >= ph[i].p_offset && eh->e_phoff < ph[i].p_offset + ph[i].p_filesz)
			phdr_va = ph[i].p_vaddr + (eh->e_phoff - ph[i].p_offset);
		brk = MAX(brk, ALIGN_UP(ph[i].p_vaddr + ph[i].p_memsz, PAGE_SIZE));
	}
	err = uvm_map_anon(t, USER_STACK_TOP - USER_STACK_PAGES * PAGE_SIZE, USER_STACK_PAGES,
			   PTE_W | PTE_NX);
	if (err)
		goto fail;
	sp = build_stack(t, argv, envp, eh, phdr_va);

	/* Point of no return: switch to the new image. */
	write_cr3(virt_to_phys(t->pml4));
	if (old_pml4 && old_pml4 != kernel_pml4)
		uvm_free(old_pml4);
	uvm_release_objects(t); /* what objects lent went with the old image */
	t->brk_start = t->brk = brk;
	t->mmap_next = USER_MMAP_BASE;
	base = strrchr(path, '/');
	strlcpy(t->comm, base ? base + 1 : path, sizeof(t->comm));
	{
		u64 nr = regs->orig_ax; /* the system call in progress, for its exit event */

		memset(regs, 0, sizeof(*regs));
		regs->orig_ax = nr;
	}
	regs->ip = eh->e_entry;
	regs->sp = sp;
	regs->cs = USER_CS;
	regs->ss = USER_DS;
	regs->flags = X86_EFLAGS_IF | 0x2;
	trace_sched_process_exec(t, path);
	return 0;
fail:
	uvm_free(t->pml4);
	t->pml4 = old_pml4;
	t->user_pages = old_pages;
	return err;
}
