/*
 * kernel/trace/syscall_events.h - the per-call syscall events (syscall_events.c).
 */
#ifndef KERNEL_TRACE_SYSCALL_EVENTS_H
#define KERNEL_TRACE_SYSCALL_EVENTS_H

#include "kernel/trace/trace_event.h"
#include "kernel/arch/x86/ptrace.h"

extern struct static_key syscall_events_key;

void syscall_events_init(void);
void syscall_trace_enter(struct pt_regs *regs);
void syscall_trace_exit(struct pt_regs *regs);

#endif
