/*
 * kernel/arch/x86/trap.h - exceptions and interrupts: the IDT, handlers that may claim an
 * exception (kprobes, user faults), exception-table fix-ups and caught faults for tests.
 */
#ifndef ARCH_X86_TRAP_H
#define ARCH_X86_TRAP_H

#include "kernel/types.h"
#include "kernel/arch/x86/ptrace.h"

enum {
	X86_TRAP_DE = 0,  /* divide error */
	X86_TRAP_DB = 1,  /* debug */
	X86_TRAP_NMI = 2,
	X86_TRAP_BP = 3,  /* breakpoint (int3) */
	X86_TRAP_OF = 4,
	X86_TRAP_BR = 5,
	X86_TRAP_UD = 6,  /* invalid opcode */
	X86_TRAP_NM = 7,
	X86_TRAP_DF = 8,  /* double fault */
	X86_TRAP_TS = 10,
	X86_TRAP_NP = 11,
	X86_TRAP_SS = 12,
	X86_TRAP_GP = 13, /* general protection */
	X86_TRAP_PF = 14, /* page fault */
	X86_TRAP_MF = 16,
	X86_TRAP_AC = 17,
	X86_TRAP_MC = 18,
	X86_TRAP_XF = 19,
	NR_EXCEPTIONS = 32,
};

/* Page-fault error code bits. */
#define PF_PROT (1 << 0)  /* the page was present: a protection violation */
#define PF_WRITE (1 << 1)
#define PF_USER (1 << 2)
#define PF_INSTR (1 << 4) /* instruction fetch */

void trap_init(void);

/*
 * A handler that may claim an exception: returns true when it dealt with it (regs may have been
 * changed), false to let the next one try. Called with interrupts off.
 */
typedef bool (*trap_handler_t)(int vector, struct pt_regs *regs);
/* Add a handler for an exception vector; handlers run in the order they were added. */
int trap_register_handler(int vector, trap_handler_t fn);

/* Interrupt handler for IRQ n (0-15); EOI is sent by the dispatcher. */
typedef void (*irq_handler_t)(int irq, struct pt_regs *regs);
void trap_register_irq(int irq, irq_handler_t fn, const char *name);

/* The name of an exception vector ("page fault"). */
const char *trap_name(int vector);

/* Print an exception report (name, error code, registers, CR2, backtrace). */
void trap_show(int vector, const struct pt_regs *regs);

/* Print a backtrace following the frame-pointer chain from (ip, bp). */
void dump_backtrace(u64 ip, u64 bp);

/*
 * Catching a fault, for tests that make one on purpose:
 *
 *	struct fault_catch fc;
 *	if (fault_catch_begin(&fc) == 0) {
 *		... code that should fault ...
 *		fault_catch_end(&fc);
 *	} else {
 *		... fc.vector, fc.error_code, fc.cr2 and fc.ip say what happened ...
 *	}
 * Between begin and end, the first exception of any kind returns from fault_catch_begin
 * a second time with 1, as setjmp/longjmp do.
 */
struct kernel_jmp_buf {
	u64 rbx, rbp, r12, r13, r14, r15, rsp, rip;
};
int kernel_setjmp(struct kernel_jmp_buf *jb) __attribute__((returns_twice));
void kernel_longjmp(struct kernel_jmp_buf *jb, int value) __noreturn;

struct fault_catch {
	struct kernel_jmp_buf jb;
	int vector;
	u64 error_code;
	u64 cr2;
	u64 ip;
};
void fault_catch_arm(struct fault_catch *fc);
void fault_catch_end(struct fault_catch *fc);
#define fault_catch_begin(fc) (fault_catch_arm(fc), kernel_setjmp(&(fc)->jb))

/* Exception-table lookup: the fix-up address for a faulting ip, or 0. */
u64 search_exception_tables(u64 ip);

#endif
