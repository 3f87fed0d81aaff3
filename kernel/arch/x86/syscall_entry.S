/*
 * kernel/arch/x86/syscall_entry.S - the `syscall` instruction lands here (MSR_LSTAR).
 *
 * The CPU has put the user rip in rcx and rflags in r11, cleared IF (MSR_FMASK) and switched to
 * ring 0, but left rsp pointing at the user stack. So: swapgs to reach the per-CPU area, save the
 * user rsp there, load the task's kernel stack, and build a struct pt_regs exactly as an
 * interrupt would (kernel/arch/x86/ptrace.h), with orig_ax = the system call number. Then
 * syscall_dispatch(regs) runs the handler (interrupts on) and stores its result in regs->ax.
 *
 * The way back is sysretq (rcx -> rip, r11 -> rflags) when the frame still looks like a plain
 * system call; otherwise (execve changed it, or rip is not a canonical user address, which would
 * make sysret fault in ring 0) it takes the iretq path of trap_entry.S.
 *
 * Linux convention: rax = number; rdi, rsi, rdx, r10, r8, r9 = arguments; rax = result.
 */
#include "kernel/arch/x86/asm.h"
#include "kernel/arch/x86/percpu.h"

#define USER_DS (0x20 | 3)
#define USER_CS (0x28 | 3)

	.section .text
	.globl syscall_entry
	.p2align 4
syscall_entry:
	swapgs
	movq	%rsp, %gs:PERCPU_USER_RSP
	movq	%gs:PERCPU_KERNEL_RSP, %rsp
	pushq	$USER_DS			/* ss */
	pushq	%gs:PERCPU_USER_RSP		/* sp */
	pushq	%r11				/* flags */
	pushq	$USER_CS			/* cs */
	pushq	%rcx				/* ip */
	pushq	%rax				/* orig_ax: the system call number */
	pushq	%rdi
	pushq	%rsi
	pushq	%rdx
	pushq	%rcx
	pushq	$-38				/* ax: -ENOSYS until a handler answers */
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
	movq	%rsp, %rdi
	call	syscall_dispatch		/* returns with interrupts off */

	/* sysret only when cs, ss, rip and rflags are what a system call return expects */
	cmpq	$USER_CS, PT_CS(%rsp)
	jne	1f
	cmpq	$USER_DS, PT_SS(%rsp)
	jne	1f
	movq	PT_IP(%rsp), %rcx
	movq	%rcx, %r11
	shrq	$47, %r11			/* canonical lower half: bits 63..47 clear */
	jnz	1f
	testq	$0x100, PT_FLAGS(%rsp)		/* TF set: let iretq deliver the trap properly */
	jnz	1f

	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbp
	popq	%rbx
	addq	$8, %rsp			/* r11: replaced by the flags below */
	popq	%r10
	popq	%r9
	popq	%r8
	popq	%rax
	addq	$8, %rsp			/* rcx: replaced by the ip below */
	popq	%rdx
	popq	%rsi
	popq	%rdi
	movq	8(%rsp), %rcx			/* ip (orig_ax is at 0, cs at 16) */
	movq	24(%rsp), %r11			/* flags */
	movq	32(%rsp), %rsp			/* the user stack; the kernel stack is empty now */
	swapgs
	sysretq

1:	jmp	trap_return			/* the general path: iretq */
