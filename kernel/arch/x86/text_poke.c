/*
 * kernel/arch/x86/text_poke.c - patching live kernel text.
 *
 * Kernel text is mapped read-only and executable, and its direct-map alias is read-only too, so
 * nothing can write it by accident. To patch it on purpose, text_poke maps the physical page a
 * second time, writable and not executable, in the vmap area, copies the new bytes through
 * that alias and removes it. With one CPU and interrupts off, no instruction can run the site
 * while it is half written; `cpuid` then serializes the CPU, which discards any prefetched copy
 * of the old bytes (Intel SDM vol. 3, "Handling Self- and Cross-Modifying Code").
 *
 * Static keys (kernel/trace/static_key.c) and kprobes use it; both mark their sites' bytes
 * through it only. Read next: kernel/trace/static_key.c.
 */
#include "kernel/arch/x86/text_poke.h"
#include "kernel/arch/x86/cpu.h"
#include "kernel/mm/mm.h"
#include "kernel/lib/string.h"

const u8 x86_nop5[5] = { 0x0f, 0x1f, 0x44, 0x00, 0x00 }; /* nopl 0x0(%rax,%rax,1) */

static void sync_core(void)
{
	u32 a, b, c, d;

	cpuid(0, 0, &a, &b, &c, &d);
}

int text_poke(void *addr, const void *src, size_t len)
{
	u64 va = (u64)addr;
	const u8 *s = src;
	u64 flags;

	if (va < (u64)_text || va + len > (u64)_etext || va + len < va)
		return -EFAULT;
	flags = irq_save();
	while (len) {
		u64 page = ALIGN_DOWN(va, PAGE_SIZE), off = va - page;
		u64 chunk = MIN(len, PAGE_SIZE - off);
		u64 pa = vmm_virt_to_phys(kernel_pml4, page);
		u8 *alias = pa ? vmap_pages(&pa, 1, PROT_KERNEL_RW) : NULL;

		if (!alias) {
			irq_restore(flags);
			return -ENOMEM;
		}
		memcpy(alias + off, s, chunk);
		vunmap(alias, 1);
		va += chunk;
		s += chunk;
		len -= chunk;
	}
	sync_core();
	irq_restore(flags);
	return 0;
}
