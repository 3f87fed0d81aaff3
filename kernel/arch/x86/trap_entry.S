/*
 * kernel/arch/x86/trap_entry.S - the first instructions of every exception and interrupt.
 *
 * One stub per vector (0-47) makes the frame uniform: vectors without a CPU error code push a 0
 * in its place, then every stub saves rdi, puts its vector number in edi and jumps to
 * trap_common, which saves the other registers so that rsp points at a struct pt_regs
 * (kernel/arch/x86/ptrace.h) and calls trap_dispatch(vector, regs). Whatever the handler left
 * in pt_regs (a new ip for a fix-up, changed registers) is what iretq resumes with.
 *
 * Read next: kernel/arch/x86/trap.c.
 */
#include "kernel/arch/x86/asm.h"

	.section .text
	.p2align 4

.macro TRAP_STUB vec, has_error
	.p2align 4
trap_stub_\vec:
	.if \has_error == 0
	pushq	$0
	.endif
	pushq	%rdi
	movl	$\vec, %edi
	jmp	trap_common
.endm

	/* The exceptions that push an error code: #DF #TS #NP #SS #GP #PF #AC #CP #VC #SX. */
	.irp v, 8,10,11,12,13,14,17,21,29,30
	TRAP_STUB \v, 1
	.endr
	/* The other exceptions, then IRQ 0-15. */
	.irp v, 0,1,2,3,4,5,6,7,9,15,16,18,19,20,22,23,24,25,26,27,28,31
	TRAP_STUB \v, 0
	.endr
	.irp v, 32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47
	TRAP_STUB \v, 0
	.endr

	.p2align 4
	.globl trap_common
trap_common:
	pushq	%rsi
	pushq	%rdx
	pushq	%rcx
	pushq	%rax
	pushq	%r8
	pushq	%r9
	pushq	%r10
	pushq	%r11
	pushq	%rbx
	pushq	%rbp
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	testb	$3, PT_CS(%rsp)		/* from ring 3: switch to the kernel's gs base */
	jz	1f
	swapgs
1:	cld
	movq	%rsp, %rsi
	movq	%rsp, %rbx		/* callee-saved: the frame, for after the call */
	andq	$-16, %rsp		/* the C ABI wants a 16-byte aligned stack */
	call	trap_dispatch
	movq	%rbx, %rsp
	.globl trap_return
trap_return:
	testb	$3, PT_CS(%rsp)
	jz	2f
	swapgs
2:	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbp
	popq	%rbx
	popq	%r11
	popq	%r10
	popq	%r9
	popq	%r8
	popq	%rax
	popq	%rcx
	popq	%rdx
	popq	%rsi
	popq	%rdi
	addq	$8, %rsp		/* error code */
	iretq

	.section .rodata
	.p2align 3
	.globl trap_stubs
trap_stubs:
	.irp v, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	.quad trap_stub_\v
	.endr
	.irp v, 32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47
	.quad trap_stub_\v
	.endr
