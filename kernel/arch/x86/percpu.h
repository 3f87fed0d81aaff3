/*
 * kernel/arch/x86/percpu.h - the per-CPU area, reached through the GS base while in the kernel.
 *
 * glass runs on one CPU, but the system call entry still needs a place it can reach with no free
 * register: `swapgs` switches to the kernel's GS base, and %gs:offset then reads this structure.
 * The offsets are fixed because syscall_entry.S uses them.
 */
#ifndef ARCH_X86_PERCPU_H
#define ARCH_X86_PERCPU_H

#define PERCPU_KERNEL_RSP 0 /* top of the current task's kernel stack */
#define PERCPU_USER_RSP 8   /* the user rsp, saved by the syscall entry */
#define PERCPU_CURRENT 16   /* struct task *cur_task: the running task ("current") */

#ifndef __ASSEMBLER__
#include "kernel/types.h"

struct task;

struct percpu {
	u64 kernel_rsp;
	u64 user_rsp;
	struct task *cur_task;
};

extern struct percpu percpu;

void percpu_init(void);

#endif
#endif
