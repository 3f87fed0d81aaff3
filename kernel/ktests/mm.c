/*
 * kernel/ktests/mm.c - in-kernel tests of the frame allocator, the page tables (W^X and NX
 * enforced by the CPU, caught through controlled faults), the vmap area and kmalloc.
 */
#include "kernel/ktest.h"
#include "kernel/mm/mm.h"
#include "kernel/arch/x86/trap.h"
#include "kernel/lib/string.h"

KTEST(mm_frame_alloc_free)
{
	u64 before = frame_free_count();
	u64 a = frame_alloc(), b = frame_alloc();

	KT_ASSERT(a && b, "frame_alloc failed");
	KT_ASSERT(a != b, "the same frame twice: %#llx", a);
	KT_ASSERT(a % PAGE_SIZE == 0 && b % PAGE_SIZE == 0, "unaligned frame");
	KT_ASSERT(a >= 0x100000 && b >= 0x100000, "frame below 1 MiB");
	KT_ASSERT(frame_free_count() == before - 2, "free count did not drop by 2");
	/* frames come zeroed */
	for (u64 i = 0; i < PAGE_SIZE / 8; i++)
		KT_ASSERT(((u64 *)phys_to_virt(a))[i] == 0, "frame not zeroed at word %llu", i);
	memset(phys_to_virt(a), 0xab, PAGE_SIZE);
	frame_free(a);
	frame_free(b);
	KT_ASSERT_EQ(frame_free_count(), before);
}

KTEST(mm_frame_not_in_kernel_image)
{
	u64 lo = virt_to_phys(_text), hi = virt_to_phys(_end);
	u64 pas[64];

	for (int i = 0; i < 64; i++) {
		pas[i] = frame_alloc();
		KT_ASSERT(pas[i], "frame_alloc failed at %d", i);
		KT_ASSERT(pas[i] + PAGE_SIZE <= lo || pas[i] >= hi,
			  "frame %#llx lies inside the kernel image", pas[i]);
	}
	for (int i = 0; i < 64; i++)
		frame_free(pas[i]);
}

KTEST(mm_frame_contig)
{
	u64 pa = frame_alloc_contig(16);

	KT_ASSERT(pa, "no 16 contiguous frames");
	for (u64 i = 0; i < 16; i++)
		KT_ASSERT(vmm_virt_to_phys(kernel_pml4, (u64)phys_to_virt(pa + i * PAGE_SIZE)) ==
				  pa + i * PAGE_SIZE,
			  "direct map broken at frame %llu", i);
	frame_free_contig(pa, 16);
	KT_ASSERT(frame_alloc_contig(0) == 0, "a run of 0 frames was handed out");
	KT_ASSERT(frame_alloc_contig(1ull << 40) == 0, "an impossible run was handed out");
}

KTEST(mm_kernel_text_is_not_writable)
{
	struct fault_catch fc;
	volatile u8 *text = (volatile u8 *)_text;
	u8 before = *text;

	if (fault_catch_begin(&fc) == 0) {
		*text = 0xcc;
		fault_catch_end(&fc);
		KT_ASSERT(0, "a write to kernel text did not fault");
	}
	KT_ASSERT_EQ(fc.vector, X86_TRAP_PF);
	KT_ASSERT(fc.error_code & PF_WRITE, "fault was not a write: %#llx", fc.error_code);
	KT_ASSERT(fc.error_code & PF_PROT, "fault was not a protection fault");
	KT_ASSERT_EQ(fc.cr2, (u64)_text);
	KT_ASSERT_EQ(*text, before);
}

KTEST(mm_rodata_is_not_writable)
{
	static const u64 constant = 42;
	struct fault_catch fc;

	if (fault_catch_begin(&fc) == 0) {
		*(volatile u64 *)&constant = 7;
		fault_catch_end(&fc);
		KT_ASSERT(0, "a write to .rodata did not fault");
	}
	KT_ASSERT_EQ(fc.vector, X86_TRAP_PF);
	KT_ASSERT_EQ(fc.cr2, (u64)&constant);
}

KTEST(mm_direct_map_alias_of_text_is_read_only)
{
	struct fault_catch fc;
	volatile u8 *alias = phys_to_virt(virt_to_phys(_text));

	if (fault_catch_begin(&fc) == 0) {
		*alias = *alias;
		fault_catch_end(&fc);
		KT_ASSERT(0, "kernel text is writable through the direct map");
	}
	KT_ASSERT_EQ(fc.vector, X86_TRAP_PF);
	KT_ASSERT(fc.error_code & PF_WRITE, "not a write fault");
}

KTEST(mm_nx_page_cannot_execute)
{
	struct fault_catch fc;
	u8 *page = vmap_alloc(1, PROT_KERNEL_RW);
	u64 (*fn)(void) = (u64(*)(void))page;

	KT_ASSERT(page, "vmap_alloc failed");
	page[0] = 0xb8; /* mov $0x2a, %eax */
	page[1] = 0x2a;
	page[2] = page[3] = page[4] = 0;
	page[5] = 0xc3; /* ret */
	if (fault_catch_begin(&fc) == 0) {
		fn();
		fault_catch_end(&fc);
		vmap_free(page, 1);
		KT_ASSERT(0, "executing an NX page did not fault");
	}
	KT_ASSERT_EQ(fc.vector, X86_TRAP_PF);
	KT_ASSERT(fc.error_code & PF_INSTR, "not an instruction-fetch fault: %#llx", fc.error_code);
	KT_ASSERT_EQ(fc.ip, (u64)page);

	/* Sealed read-only and executable, the same bytes run, and can no longer be written. */
	KT_ASSERT(vmap_protect(page, 1, PROT_KERNEL_RX) == 0, "vmap_protect failed");
	KT_ASSERT_EQ(fn(), 42);
	if (fault_catch_begin(&fc) == 0) {
		page[0] = 0x90;
		fault_catch_end(&fc);
		vmap_free(page, 1);
		KT_ASSERT(0, "an executable page was writable");
	}
	KT_ASSERT(fc.vector == X86_TRAP_PF && (fc.error_code & PF_WRITE), "wrong fault");
	vmap_free(page, 1);
}

KTEST(mm_map_unmap)
{
	u64 pa = frame_alloc();
	u64 va = VMAP_BASE + VMAP_SIZE - 16 * PAGE_SIZE; /* a spot the vmap allocator reaches last */
	struct fault_catch fc;

	KT_ASSERT(pa, "frame_alloc failed");
	KT_ASSERT(vmm_map(kernel_pml4, va, pa, PROT_KERNEL_RW) == 0, "vmm_map failed");
	KT_ASSERT(vmm_map(kernel_pml4, va, pa, PROT_KERNEL_RW) == -EEXIST, "double map accepted");
	*(volatile u64 *)va = 0x1234;
	KT_ASSERT_EQ(*(u64 *)phys_to_virt(pa), 0x1234);
	KT_ASSERT_EQ(vmm_virt_to_phys(kernel_pml4, va + 8), pa + 8);
	KT_ASSERT(vmm_protect(kernel_pml4, va, PROT_KERNEL_RO) == 0, "vmm_protect failed");
	if (fault_catch_begin(&fc) == 0) {
		*(volatile u64 *)va = 1;
		fault_catch_end(&fc);
		vmm_unmap(kernel_pml4, va);
		frame_free(pa);
		KT_ASSERT(0, "write to a read-only page did not fault");
	}
	KT_ASSERT_EQ(vmm_unmap(kernel_pml4, va), pa);
	KT_ASSERT_EQ(vmm_unmap(kernel_pml4, va), 0);
	if (fault_catch_begin(&fc) == 0) {
		(void)*(volatile u64 *)va;
		fault_catch_end(&fc);
		frame_free(pa);
		KT_ASSERT(0, "read of an unmapped page did not fault");
	}
	KT_ASSERT(!(fc.error_code & PF_PROT), "unmapped page reported as a protection fault");
	frame_free(pa);
}

KTEST(mm_vmap_guard_page)
{
	struct fault_catch fc;
	u8 *p = vmap_alloc(2, PROT_KERNEL_RW);

	KT_ASSERT(p, "vmap_alloc failed");
	p[0] = 1;
	p[2 * PAGE_SIZE - 1] = 2;
	if (fault_catch_begin(&fc) == 0) {
		p[2 * PAGE_SIZE] = 3;
		fault_catch_end(&fc);
		vmap_free(p, 2);
		KT_ASSERT(0, "writing past a vmap allocation did not fault");
	}
	KT_ASSERT_EQ(fc.cr2, (u64)p + 2 * PAGE_SIZE);
	vmap_free(p, 2);
}

KTEST(mm_null_is_unmapped)
{
	struct fault_catch fc;
	volatile u64 *p = (volatile u64 *)8;

	asm volatile("" : "+r"(p)); /* hide the constant address from the compiler's checks */
	if (fault_catch_begin(&fc) == 0) {
		(void)*p;
		fault_catch_end(&fc);
		KT_ASSERT(0, "reading address 8 did not fault");
	}
	KT_ASSERT_EQ(fc.vector, X86_TRAP_PF);
	KT_ASSERT_EQ(fc.cr2, 8);
}

KTEST(mm_kmalloc_sizes)
{
	static const size_t sizes[] = { 1, 8, 15, 16, 17, 100, 1000, 2000, 2032, 2048, 4096, 10000,
					100000 };
	void *ptrs[ARRAY_SIZE(sizes)];
	struct kmalloc_stats st0, st1;

	kmalloc_get_stats(&st0);
	for (size_t i = 0; i < ARRAY_SIZE(sizes); i++) {
		ptrs[i] = kmalloc(sizes[i]);
		KT_ASSERT(ptrs[i], "kmalloc(%zu) failed", sizes[i]);
		KT_ASSERT(((u64)ptrs[i] & 15) == 0, "kmalloc(%zu) not 16-byte aligned", sizes[i]);
		memset(ptrs[i], (int)i, sizes[i]);
	}
	for (size_t i = 0; i < ARRAY_SIZE(sizes); i++)
		for (size_t k = 0; k < sizes[i]; k++)
			KT_ASSERT(((u8 *)ptrs[i])[k] == (u8)i, "object %zu overwritten at %zu", i, k);
	kmalloc_get_stats(&st1);
	KT_ASSERT_EQ(st1.live_objects - st0.live_objects, ARRAY_SIZE(sizes));
	for (size_t i = 0; i < ARRAY_SIZE(sizes); i++)
		kfree(ptrs[i]);
	kmalloc_get_stats(&st1);
	KT_ASSERT_EQ(st1.live_objects, st0.live_objects);
	KT_ASSERT_EQ(st1.live_bytes, st0.live_bytes);
}

KTEST(mm_kmalloc_reuse_and_zero)
{
	u8 *a = kmalloc(64), *b;

	KT_ASSERT(a, "kmalloc failed");
	memset(a, 0xff, 64);
	kfree(a);
	b = kzalloc(64);
	KT_ASSERT(b == a, "a freed object of the same class was not reused");
	for (int i = 0; i < 64; i++)
		KT_ASSERT(b[i] == 0, "kzalloc byte %d is %#x", i, b[i]);
	kfree(b);
	KT_ASSERT(kmalloc(1ull << 40) == NULL, "an impossible allocation succeeded");
	kfree(NULL);
}

KTEST(mm_kmalloc_double_free_is_refused)
{
	struct kmalloc_stats st0, st1;
	void *p = kmalloc(32);

	KT_ASSERT(p, "kmalloc failed");
	kfree(p);
	kmalloc_get_stats(&st0);
	kfree(p); /* reported with a warning, and ignored */
	kmalloc_get_stats(&st1);
	KT_ASSERT_EQ(st1.live_objects, st0.live_objects);
	KT_ASSERT(kmalloc(32) == p, "free list corrupted by the double free");
	kfree(p);
}

KTEST(mm_kmalloc_many)
{
	static void *ptrs[2000];

	for (int i = 0; i < 2000; i++) {
		ptrs[i] = kmalloc(24 + i % 300);
		KT_ASSERT(ptrs[i], "kmalloc failed at %d", i);
		*(int *)ptrs[i] = i;
	}
	for (int i = 0; i < 2000; i++)
		KT_ASSERT(*(int *)ptrs[i] == i, "object %d overwritten", i);
	for (int i = 0; i < 2000; i += 2)
		kfree(ptrs[i]);
	for (int i = 1; i < 2000; i += 2)
		kfree(ptrs[i]);
}
