/*
 * kernel/trace/tracepoint.h - TRACE_EVENT, as the headers in kernel/trace/events/ use it:
 *
 *	TRACE_EVENT(group, name,
 *		TP_PROTO(struct task *prev, struct task *next),   the call site's prototype
 *		TP_ARGS(prev, next),                              its arguments
 *		TP_STRUCT__entry(__array(char, prev_comm, 16)     the record, after the common
 *				 __field(int, prev_pid)),         header (struct trace_entry)
 *		TP_fast_assign(memcpy(__entry->prev_comm, ...);   filling it from the arguments
 *			       __entry->prev_pid = prev->pid;),
 *		TP_printk("prev_comm=%s prev_pid=%d", __entry->prev_comm, __entry->prev_pid))
 *
 * This file gives the first reading of those headers, the one every user of an event sees: a
 * declaration of the event and the inline trace_<name>() whose only cost while nobody listens
 * is a 5-byte NOP. kernel/trace/events.c reads the same headers twice more with other
 * definitions of TRACE_EVENT, to make the record struct, then the fields table, the print
 * function, the out-of-line __trace_<name>() and the struct trace_event (the way Linux's
 * define_trace.h does).
 */
#ifndef KERNEL_TRACE_TRACEPOINT_H
#define KERNEL_TRACE_TRACEPOINT_H

#include "kernel/trace/trace_event.h"

#define TP_PROTO(...) __VA_ARGS__
#define TP_ARGS(...) __VA_ARGS__

#endif

#ifndef TRACE_EVENT
#define TRACE_EVENT(_group, _name, _proto, _args, _tstruct, _assign, _print)               \
	extern struct trace_event event_##_name;                                           \
	void __trace_##_name(_proto);                                                      \
	static __always_inline void trace_##_name(_proto)                                  \
	{                                                                                  \
		if (static_branch_unlikely(&event_##_name.key))                            \
			__trace_##_name(_args);                                            \
	}
#endif
