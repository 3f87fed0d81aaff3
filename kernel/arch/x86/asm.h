/*
 * kernel/arch/x86/asm.h - constants shared by assembly and C: pt_regs offsets and the
 * exception-table macro.
 */
#ifndef ARCH_X86_ASM_H
#define ARCH_X86_ASM_H

/* Offsets into struct pt_regs (kernel/arch/x86/ptrace.h). */
#define PT_R15 0
#define PT_BP 32
#define PT_AX 80
#define PT_DI 112
#define PT_ORIG_AX 120
#define PT_IP 128
#define PT_CS 136
#define PT_FLAGS 144
#define PT_SP 152
#define PT_SS 160
#define PT_SIZE 168

/*
 * An exception-table entry: if the instruction at `from` faults, resume at `to` instead of
 * dying. copy_from_user and friends are built on it.
 */
#ifdef __ASSEMBLER__
#define _ASM_EXTABLE(from, to) \
	.pushsection __ex_table, "a"; .balign 8; .quad from, to; .popsection
#else
#define _ASM_EXTABLE(from, to) \
	".pushsection __ex_table, \"a\"\n\t.balign 8\n\t.quad " #from ", " #to "\n\t.popsection\n\t"
#endif

#endif
