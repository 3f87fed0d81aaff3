/*
 * kernel/trace/trace_kprobe.h - kprobe events: kprobes defined in text through
 * /sys/kernel/tracing/kprobe_events, which become trace events (trace_kprobe.c).
 */
#ifndef KERNEL_TRACE_TRACE_KPROBE_H
#define KERNEL_TRACE_TRACE_KPROBE_H

#include "kernel/types.h"

/* The tracefs files (kprobe_events, kprobe_profile, available_filter_functions) and the kprobe
 * PMU hook of perf_event_open. After tracefs_init. */
void trace_kprobe_init(void);

/* One kprobe_events line ("p:myprobe sys_openat $arg2:string", "-:myprobe", ...): 0, or
 * -EINVAL (malformed, or a place kprobes refuses), -EEXIST, -ENOENT, -EBUSY, -ENOMEM, with a
 * message saying why. Nothing is left half made. */
int trace_kprobe_run_command(const char *line);
/* Remove every kprobe event (`>` on kprobe_events): 0, or -EBUSY and none removed when one is
 * in use (enabled, or with programs attached). */
int trace_kprobe_release_all(void);

/* /proc/tracebench: the cost of tracepoints, kprobes and kretprobes (trace_bench.c). */
void trace_bench_init(void);

#endif
