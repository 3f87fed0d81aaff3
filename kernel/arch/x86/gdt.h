/*
 * kernel/arch/x86/gdt.h - segments and the task state segment.
 */
#ifndef ARCH_X86_GDT_H
#define ARCH_X86_GDT_H

#include "kernel/types.h"

#define KERNEL_CS 0x08
#define KERNEL_DS 0x10
#define USER_DS (0x20 | 3)
#define USER_CS (0x28 | 3)
#define TSS_SEL 0x30

/* Interrupt stack table slots (1-based, as the IDT gate's IST field). */
#define IST_DOUBLE_FAULT 1
#define IST_NMI 2
#define IST_DEBUG 3
#define IST_BREAKPOINT 4
#define IST_STACK_SIZE 16384

void gdt_init(void);
/* The stack the CPU switches to on an interrupt from ring 3 (TSS.rsp0). */
void tss_set_kernel_stack(u64 rsp0);
/* Bounds of IST stack n, for backtraces and tests. */
void ist_stack_bounds(int n, u64 *lo, u64 *hi);
/*
 * Move the entry point of IST stack n down by bytes while a handler runs on it and may trap
 * again (a kprobe handler hitting another probe): the nested trap then starts below the running
 * frame instead of on top of it. ist_unshift undoes it. Interrupts off.
 */
void ist_shift(int n, u64 bytes);
void ist_unshift(int n, u64 bytes);

#endif
