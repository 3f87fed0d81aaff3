/*
 * kernel/trace/tracefs.h - /sys/kernel/tracing (tracefs.c).
 */
#ifndef KERNEL_TRACE_TRACEFS_H
#define KERNEL_TRACE_TRACEFS_H

#include "kernel/trace/trace_event.h"

/* perf_event_attr.type values: Linux's fixed tracepoint type, and glass's kprobe PMU. */
#define PERF_TYPE_TRACEPOINT 2
#define PERF_TYPE_KPROBE 6

void tracefs_init(void);
/* The events/<group>/<name>/ directory of an event, made and removed. */
int tracefs_add_event(struct trace_event *ev);
void tracefs_remove_event(struct trace_event *ev);

#endif
