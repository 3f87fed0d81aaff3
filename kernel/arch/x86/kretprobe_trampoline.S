/*
 * kernel/arch/x86/kretprobe_trampoline.S - where a function watched by a kretprobe returns to.
 *
 * On entry to the function, pre_handler_kretprobe (kernel/trace/kprobes.c) replaced its return
 * address with kretprobe_trampoline. So the function's `ret` lands here with rsp just above the
 * stack slot that held the return address, and rax holding the return value. The trampoline
 * pushes a placeholder into that slot, builds a struct pt_regs below it, and calls
 * kretprobe_trampoline_handler(regs), which finds the call's instance, writes the real return
 * address into the placeholder, runs the handler (regs->ax is the return value) and returns.
 * Then the registers come back (the handler may have changed them), and `ret` takes the
 * placeholder: the caller resumes as if nothing had happened.
 *
 *   slot + 8   the caller's stack, as it was after the function returned   (regs->sp)
 *   slot       placeholder -> the real return address
 *   slot - 8   ss  \
 *              sp   |
 *              flags|  struct pt_regs (kernel/arch/x86/ptrace.h)
 *              ...  |
 *              r15 /   <- rsp, regs
 *
 * The flags are saved before anything changes them and restored by popfq, so interrupts are
 * off only while the handler runs.
 */
#include "kernel/arch/x86/asm.h"

#define KERNEL_CS 0x08
#define KERNEL_DS 0x10

	.section .text
	.p2align 4
	.globl kretprobe_trampoline
kretprobe_trampoline:
	pushq	$0			/* the placeholder for the real return address */
	pushq	$KERNEL_DS		/* ss */
	pushq	$0			/* sp, set below */
	pushfq				/* flags */
	pushq	$KERNEL_CS		/* cs */
	pushq	$kretprobe_trampoline	/* ip: the handler sets the real return address */
	pushq	$-1			/* orig_ax */
	pushq	%rdi
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
	cli
	leaq	PT_SIZE+8(%rsp), %rax	/* the caller's rsp after the return */
	movq	%rax, PT_SP(%rsp)
	movq	%rsp, %rdi
	movq	%rsp, %rbx		/* callee-saved: the frame, for after the call */
	andq	$-16, %rsp
	call	kretprobe_trampoline_handler
	movq	%rbx, %rsp
	popq	%r15
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
	leaq	24(%rsp), %rsp		/* orig_ax, ip, cs: lea leaves the flags alone */
	popfq
	leaq	16(%rsp), %rsp		/* sp, ss */
	ret				/* to the placeholder: the real return address */
	.globl kretprobe_trampoline_end
kretprobe_trampoline_end:
