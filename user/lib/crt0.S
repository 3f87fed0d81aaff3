/*
 * lib/crt0.S - _start, where every user program begins.
 *
 * The kernel enters here (from execve) with nothing in registers that matters and the initial
 * stack laid out as Linux lays it out:
 *
 *	rsp ->	argc
 *		argv[0] ... argv[argc - 1], NULL
 *		envp[0] ... NULL
 *		auxv: (type, value) pairs ending with AT_NULL
 *		... the strings themselves, higher up
 *
 * _start hands that stack pointer to __libc_start_main (start.c), which finds the three arrays,
 * calls main and exits with its result. Read next: start.c.
 */
	.text
	.globl	_start
	.type	_start, @function
_start:
	xor	%ebp, %ebp		/* the outermost frame: a backtrace stops here */
	mov	%rsp, %rdi		/* argument 1: the initial stack */
	and	$-16, %rsp		/* the ABI wants 16-byte alignment at a call */
	call	__libc_start_main
	ud2				/* not reached: __libc_start_main exits */
	.size	_start, . - _start

	.section .note.GNU-stack, "", @progbits
