/*
 * boot/boot.S - from GRUB to kmain.
 *
 * GRUB (multiboot2) enters _start in 32-bit protected mode, paging off, with eax = the multiboot2
 * magic and ebx = the physical address of the boot information. This file:
 *   1. checks the magic and that the CPU has long mode,
 *   2. builds early page tables (2 MiB pages):
 *        PML4[0]   -> identity map of the first 1 GiB   (so this code keeps running)
 *        PML4[273] -> direct map of the first 4 GiB at 0xffff888000000000
 *        PML4[511] -> the kernel at 0xffffffff80000000 (PDPT[510] -> the first 1 GiB)
 *   3. enables PAE, long mode (EFER.LME), NX (EFER.NXE) and paging, loads a 64-bit GDT,
 *   4. jumps to the higher half, sets the boot stack and calls kmain(magic, info).
 * kmain then replaces these tables with ones that give each section its own permissions
 * (kernel/mm/vmm.c) and drops the identity map.
 *
 * Read next: kernel/main.c.
 */
#define KERNEL_VMA 0xffffffff80000000
#define PHYS(x) ((x) - KERNEL_VMA)
#define MB2_MAGIC 0xe85250d6
#define MB2_BOOT_MAGIC 0x36d76289
#define PTE_P 0x1
#define PTE_W 0x2
#define PTE_PS 0x80

	.section .multiboot2, "a"
	.align 8
mb2_header:
	.long MB2_MAGIC
	.long 0					/* architecture: i386 protected mode */
	.long mb2_header_end - mb2_header
	.long -(MB2_MAGIC + 0 + (mb2_header_end - mb2_header))
	.align 8				/* end tag */
	.short 0
	.short 0
	.long 8
mb2_header_end:

	.section .boot.text, "ax"
	.code32
	.globl _start
_start:
	cli
	mov	$PHYS(boot_stack_top), %esp
	mov	%eax, %edi			/* keep magic and info for kmain */
	mov	%ebx, %esi

	cmp	$MB2_BOOT_MAGIC, %eax
	jne	no_multiboot

	/* Long mode? CPUID 0x80000001, EDX bit 29. */
	mov	$0x80000000, %eax
	cpuid
	cmp	$0x80000001, %eax
	jb	no_long_mode
	mov	$0x80000001, %eax
	cpuid
	test	$(1 << 29), %edx
	jz	no_long_mode

	/* PD: 512 entries of 2 MiB covering the first 1 GiB. */
	mov	$PHYS(boot_pd), %ebx
	xor	%ecx, %ecx
1:	mov	%ecx, %eax
	shl	$21, %eax
	or	$(PTE_P | PTE_W | PTE_PS), %eax
	mov	%eax, (%ebx, %ecx, 8)
	movl	$0, 4(%ebx, %ecx, 8)
	inc	%ecx
	cmp	$512, %ecx
	jne	1b

	/* Direct-map PDs: 4 x 512 entries of 2 MiB covering 4 GiB. */
	mov	$PHYS(boot_dm_pd), %ebx
	xor	%ecx, %ecx
1:	mov	%ecx, %eax
	shl	$21, %eax
	or	$(PTE_P | PTE_W | PTE_PS), %eax
	mov	%eax, (%ebx, %ecx, 8)
	mov	%ecx, %eax
	shr	$11, %eax			/* bits 32+ of the physical address */
	mov	%eax, 4(%ebx, %ecx, 8)
	inc	%ecx
	cmp	$2048, %ecx
	jne	1b

	/* Identity PDPT[0] and kernel PDPT[510] -> boot_pd. */
	movl	$(PHYS(boot_pd) + PTE_P + PTE_W), PHYS(boot_pdpt_low)
	movl	$(PHYS(boot_pd) + PTE_P + PTE_W), PHYS(boot_pdpt_high) + 510 * 8
	/* Direct-map PDPT[0..3] -> the four direct-map PDs. */
	mov	$PHYS(boot_pdpt_dm), %ebx
	mov	$(PHYS(boot_dm_pd) + PTE_P + PTE_W), %eax
	xor	%ecx, %ecx
1:	mov	%eax, (%ebx, %ecx, 8)
	add	$4096, %eax
	inc	%ecx
	cmp	$4, %ecx
	jne	1b
	/* PML4 */
	movl	$(PHYS(boot_pdpt_low) + PTE_P + PTE_W), PHYS(boot_pml4)
	movl	$(PHYS(boot_pdpt_dm) + PTE_P + PTE_W), PHYS(boot_pml4) + 273 * 8
	movl	$(PHYS(boot_pdpt_high) + PTE_P + PTE_W), PHYS(boot_pml4) + 511 * 8

	mov	$PHYS(boot_pml4), %eax
	mov	%eax, %cr3
	mov	%cr4, %eax
	or	$(1 << 5), %eax			/* CR4.PAE */
	mov	%eax, %cr4
	mov	$0xc0000080, %ecx		/* EFER */
	rdmsr
	or	$((1 << 8) | (1 << 11)), %eax	/* LME | NXE */
	wrmsr
	mov	%cr0, %eax
	or	$((1 << 31) | (1 << 16) | 1), %eax	/* PG | WP | PE */
	mov	%eax, %cr0

	lgdt	boot_gdt_ptr
	ljmp	$0x08, $start64

no_multiboot:
	mov	$boot_msg_magic_phys, %esi
	jmp	boot_fail
no_long_mode:
	mov	$boot_msg_lm_phys, %esi
	/* fall through */
/* Print the NUL-terminated string at esi on the VGA screen and on COM1, then halt. */
boot_fail:
	mov	$0xb8000, %edi
1:	lodsb
	test	%al, %al
	jz	2f
	mov	%al, %bl
	mov	$0x3fd, %dx			/* wait for the transmitter */
3:	in	%dx, %al
	test	$0x20, %al
	jz	3b
	mov	$0x3f8, %dx
	mov	%bl, %al
	out	%al, %dx
	mov	%bl, (%edi)
	movb	$0x4f, 1(%edi)
	add	$2, %edi
	jmp	1b
2:	hlt
	jmp	2b

	.code64
start64:
	mov	$0x10, %ax
	mov	%ax, %ds
	mov	%ax, %es
	mov	%ax, %ss
	xor	%ax, %ax
	mov	%ax, %fs
	mov	%ax, %gs
	movabs	$higher_half, %rax
	jmp	*%rax

	.section .boot.data, "aw"
	.align 8
boot_gdt:
	.quad 0
	.quad 0x00af9a000000ffff		/* 0x08: 64-bit code */
	.quad 0x00cf92000000ffff		/* 0x10: data */
boot_gdt_ptr:
	.short boot_gdt_ptr - boot_gdt - 1
	.long boot_gdt
boot_msg_magic_phys:
	.asciz "glass: not started by a multiboot2 loader"
boot_msg_lm_phys:
	.asciz "glass: this CPU has no 64-bit long mode"

	.section .text.entry, "ax"
	.code64
higher_half:
	movabs	$boot_stack_top, %rsp
	xor	%ebp, %ebp
	/* edi = magic, esi = info (physical), zero-extended by the 32-bit moves above */
	mov	%edi, %edi
	mov	%esi, %esi
	call	kmain
1:	cli
	hlt
	jmp	1b

	.section .bss
	.align 4096
	.globl boot_pml4
boot_pml4:	.skip 4096
boot_pdpt_low:	.skip 4096
boot_pdpt_high:	.skip 4096
boot_pdpt_dm:	.skip 4096
boot_pd:	.skip 4096
boot_dm_pd:	.skip 4096 * 4
	.globl boot_stack_top
boot_stack:	.skip 16384
boot_stack_top:
