/*
 * kernel/trace/events/syscalls.h - raw_syscalls: every system call's entry and exit.
 * (The per-call syscalls/sys_enter_<name> events are made from a table: syscall_events.c.)
 */
#if !defined(KERNEL_TRACE_EVENTS_SYSCALLS_H) || defined(TRACE_HEADER_MULTI_READ)
#define KERNEL_TRACE_EVENTS_SYSCALLS_H

#include "kernel/trace/tracepoint.h"
#include "kernel/arch/x86/ptrace.h"

TRACE_EVENT(raw_syscalls, sys_enter,
	TP_PROTO(struct pt_regs *regs, long id),
	TP_ARGS(regs, id),
	TP_STRUCT__entry(
		__field(long, id)
		__array(unsigned long, args, 6)
	),
	TP_fast_assign(
		__entry->id = id;
		__entry->args[0] = regs->di;
		__entry->args[1] = regs->si;
		__entry->args[2] = regs->dx;
		__entry->args[3] = regs->r10;
		__entry->args[4] = regs->r8;
		__entry->args[5] = regs->r9;
	),
	TP_printk("NR %ld (%lx, %lx, %lx, %lx, %lx, %lx)", __entry->id, __entry->args[0],
		  __entry->args[1], __entry->args[2], __entry->args[3], __entry->args[4],
		  __entry->args[5]))

TRACE_EVENT(raw_syscalls, sys_exit,
	TP_PROTO(struct pt_regs *regs, long ret),
	TP_ARGS(regs, ret),
	TP_STRUCT__entry(
		__field(long, id)
		__field(long, ret)
	),
	TP_fast_assign(
		__entry->id = regs->orig_ax;
		__entry->ret = ret;
	),
	TP_printk("NR %ld = %ld", __entry->id, __entry->ret))

#endif
