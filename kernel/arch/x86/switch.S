/*
 * kernel/arch/x86/switch.S - switching from one task's kernel stack to another's.
 *
 * switch_to(&prev->ctx_rsp, next->ctx_rsp) pushes the callee-saved registers and rflags on the
 * current stack, saves rsp in prev, loads next's rsp and pops the same set: the call returns in
 * the other task, where it called switch_to. A new task's stack is laid out (kernel/proc/task.c)
 * so that this "return" lands in ret_from_fork, which leaves to user space with the task's
 * pt_regs through trap_return.
 */
	.section .text
	.globl switch_to
switch_to:
	pushfq
	pushq	%rbp
	pushq	%rbx
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	movq	%rsp, (%rdi)
	movq	%rsi, %rsp
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbx
	popq	%rbp
	popfq
	ret

	.globl ret_from_fork
ret_from_fork:
	/* interrupts are off (the frame's rflags had IF clear); rsp points at the new pt_regs */
	movq	%rsp, %rdi
	call	exit_to_user_mode
	jmp	trap_return
