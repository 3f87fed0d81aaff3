/*
 * kernel/trace/events/sched.h - scheduler and process events.
 */
#if !defined(KERNEL_TRACE_EVENTS_SCHED_H) || defined(TRACE_HEADER_MULTI_READ)
#define KERNEL_TRACE_EVENTS_SCHED_H

#include "kernel/trace/tracepoint.h"
#include "kernel/proc/task.h"

TRACE_EVENT(sched, sched_switch,
	TP_PROTO(struct task *prev, struct task *next),
	TP_ARGS(prev, next),
	TP_STRUCT__entry(
		__array(char, prev_comm, 16)
		__field(int, prev_pid)
		__field(long, prev_state)
		__array(char, next_comm, 16)
		__field(int, next_pid)
	),
	TP_fast_assign(
		memcpy(__entry->prev_comm, prev->comm, 16);
		__entry->prev_pid = prev->pid;
		__entry->prev_state = prev->state == TASK_RUNNABLE ? 0 : 1;
		memcpy(__entry->next_comm, next->comm, 16);
		__entry->next_pid = next->pid;
	),
	TP_printk("prev_comm=%s prev_pid=%d prev_state=%s ==> next_comm=%s next_pid=%d",
		  __entry->prev_comm, __entry->prev_pid, __entry->prev_state ? "S" : "R",
		  __entry->next_comm, __entry->next_pid))

TRACE_EVENT(sched, sched_process_fork,
	TP_PROTO(struct task *parent, struct task *child),
	TP_ARGS(parent, child),
	TP_STRUCT__entry(
		__array(char, parent_comm, 16)
		__field(int, parent_pid)
		__array(char, child_comm, 16)
		__field(int, child_pid)
	),
	TP_fast_assign(
		memcpy(__entry->parent_comm, parent->comm, 16);
		__entry->parent_pid = parent->pid;
		memcpy(__entry->child_comm, child->comm, 16);
		__entry->child_pid = child->pid;
	),
	TP_printk("comm=%s pid=%d child_comm=%s child_pid=%d", __entry->parent_comm,
		  __entry->parent_pid, __entry->child_comm, __entry->child_pid))

TRACE_EVENT(sched, sched_process_exec,
	TP_PROTO(struct task *t, const char *filename),
	TP_ARGS(t, filename),
	TP_STRUCT__entry(
		__array(char, filename, 64)
		__field(int, pid)
		__field(int, old_pid)
	),
	TP_fast_assign(
		strlcpy(__entry->filename, filename, 64);
		__entry->pid = t->pid;
		__entry->old_pid = t->pid;
	),
	TP_printk("filename=%s pid=%d old_pid=%d", __entry->filename, __entry->pid,
		  __entry->old_pid))

TRACE_EVENT(sched, sched_process_exit,
	TP_PROTO(struct task *t),
	TP_ARGS(t),
	TP_STRUCT__entry(
		__array(char, comm, 16)
		__field(int, pid)
		__field(int, status)
	),
	TP_fast_assign(
		memcpy(__entry->comm, t->comm, 16);
		__entry->pid = t->pid;
		__entry->status = t->exit_status;
	),
	TP_printk("comm=%s pid=%d status=%d", __entry->comm, __entry->pid, __entry->status))

#endif
