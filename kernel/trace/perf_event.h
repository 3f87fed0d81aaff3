/*
 * kernel/trace/perf_event.h - perf events: the handle user space opens on a tracepoint or a
 * kprobe, and to which it attaches a BPF program (perf_event.c).
 */
#ifndef KERNEL_TRACE_PERF_EVENT_H
#define KERNEL_TRACE_PERF_EVENT_H

#include "kernel/types.h"
#include "kernel/trace/trace_event.h"

/* The part of Linux's struct perf_event_attr that glass reads (its layout up to config2). */
struct perf_event_attr {
	u32 type;
	u32 size;
	u64 config;
	u64 sample_period;
	u64 sample_type;
	u64 read_format;
	u64 flags; /* bit 0: disabled */
	u32 wakeup_events;
	u32 bp_type;
	u64 config1; /* kprobe PMU: pointer to the symbol name */
	u64 config2; /* kprobe PMU: offset into the symbol */
};

#define PERF_ATTR_SIZE_VER0 64
#define PERF_ATTR_SIZE_VER1 72
#define PERF_EVENT_IOC_ENABLE 0x2400
#define PERF_EVENT_IOC_DISABLE 0x2401
#define PERF_EVENT_IOC_SET_BPF 0x40042408

struct perf_event {
	struct trace_event *event;  /* the tracepoint or kprobe event it watches */
	bool owns_event;            /* a kprobe made by perf_event_open, removed at close */
	struct bpf_prog *prog;      /* attached with PERF_EVENT_IOC_SET_BPF, or NULL */
	bool enabled;
	bool prog_attached;
};

/* Register the bpf() attach targets BPF_PERF_EVENT and BPF_TRACE_RAW_TP. */
void perf_event_init(void);

/*
 * The kprobe PMU's hook: make a probe event for symbol+offset (a return probe if retprobe), or
 * remove it. Set by the kprobes code; NULL until kprobes exist (perf_event_open then gives
 * -EOPNOTSUPP for the kprobe type).
 */
extern int (*perf_kprobe_create)(const char *symbol, u64 offset, bool retprobe,
				 struct trace_event **ev);
extern void (*perf_kprobe_destroy)(struct trace_event *ev);

#endif
