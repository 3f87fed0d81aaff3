/*
 * kernel/trace/events/irq.h - interrupts, the timer tick and page faults.
 */
#if !defined(KERNEL_TRACE_EVENTS_IRQ_H) || defined(TRACE_HEADER_MULTI_READ)
#define KERNEL_TRACE_EVENTS_IRQ_H

#include "kernel/trace/tracepoint.h"
#include "kernel/arch/x86/ptrace.h"

TRACE_EVENT(irq, irq_handler_entry,
	TP_PROTO(int irq, const char *handler),
	TP_ARGS(irq, handler),
	TP_STRUCT__entry(
		__field(int, irq)
		__array(char, name, 16)
	),
	TP_fast_assign(
		__entry->irq = irq;
		strlcpy(__entry->name, handler, 16);
	),
	TP_printk("irq=%d name=%s", __entry->irq, __entry->name))

TRACE_EVENT(irq, irq_handler_exit,
	TP_PROTO(int irq, int ret),
	TP_ARGS(irq, ret),
	TP_STRUCT__entry(
		__field(int, irq)
		__field(int, ret)
	),
	TP_fast_assign(
		__entry->irq = irq;
		__entry->ret = ret;
	),
	TP_printk("irq=%d ret=%s", __entry->irq, __entry->ret ? "handled" : "unhandled"))

TRACE_EVENT(timer, tick,
	TP_PROTO(u64 jiffies_now),
	TP_ARGS(jiffies_now),
	TP_STRUCT__entry(
		__field(unsigned long, jiffies)
	),
	TP_fast_assign(
		__entry->jiffies = jiffies_now;
	),
	TP_printk("jiffies=%lu", __entry->jiffies))

TRACE_EVENT(exceptions, page_fault_user,
	TP_PROTO(unsigned long address, struct pt_regs *regs, unsigned long error_code),
	TP_ARGS(address, regs, error_code),
	TP_STRUCT__entry(
		__field(unsigned long, address)
		__field(unsigned long, ip)
		__field(unsigned long, error_code)
	),
	TP_fast_assign(
		__entry->address = address;
		__entry->ip = regs->ip;
		__entry->error_code = error_code;
	),
	TP_printk("address=0x%lx ip=0x%lx error_code=0x%lx", __entry->address, __entry->ip,
		  __entry->error_code))

TRACE_EVENT(exceptions, page_fault_kernel,
	TP_PROTO(unsigned long address, struct pt_regs *regs, unsigned long error_code),
	TP_ARGS(address, regs, error_code),
	TP_STRUCT__entry(
		__field(unsigned long, address)
		__field(unsigned long, ip)
		__field(unsigned long, error_code)
	),
	TP_fast_assign(
		__entry->address = address;
		__entry->ip = regs->ip;
		__entry->error_code = error_code;
	),
	TP_printk("address=0x%lx ip=0x%lx error_code=0x%lx", __entry->address, __entry->ip,
		  __entry->error_code))

#endif
