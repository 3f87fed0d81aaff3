/*
 * kernel/trace/trace_event.h - trace events: the static tracepoints of glass, what they record
 * and who listens.
 *
 * An event is defined once with TRACE_EVENT (kernel/trace/tracepoint.h, events in
 * kernel/trace/events/<group>.h): its prototype, its record layout and its print format. That gives
 *   - trace_<name>(args): an inline call site costing one 5-byte NOP while nobody listens
 *     (a static key, kernel/trace/static_key.h);
 *   - the record struct, whose layout the events/<group>/<name>/format file describes and
 *     which tracepoint BPF programs read as their context;
 *   - a struct trace_event, found by tracefs and by perf_event_open through its id.
 * Listeners: the trace buffer (tracefs `enable`), BPF programs attached through perf events
 * (context: the record) and raw tracepoint programs (context: the prototype's arguments as
 * u64 args[]). Several programs run in the order they were attached.
 *
 * Read next: kernel/trace/trace_event.c, kernel/trace/tracefs.c.
 */
#ifndef KERNEL_TRACE_TRACE_EVENT_H
#define KERNEL_TRACE_TRACE_EVENT_H

#include "kernel/types.h"
#include "kernel/trace/static_key.h"
#include "kernel/fs/vfs.h"

struct bpf_prog;

/* The common header of every record (Linux's struct trace_entry). */
struct trace_entry {
	u16 type;         /* the event id */
	u8 flags;         /* TRACE_FLAG_*: interrupts off, in an interrupt */
	u8 preempt_count;
	s32 pid;
};

#define TRACE_FLAG_IRQS_OFF 0x01
#define TRACE_FLAG_HARDIRQ 0x08

struct trace_field {
	const char *type; /* C type as the format file prints it */
	const char *name; /* with [N] for arrays */
	u16 offset, size;
	bool is_signed;
};

#define TRACE_MAX_PROGS 8

struct trace_prog {
	struct bpf_prog *prog;
	bool raw;   /* raw tracepoint: ctx is u64 args[] instead of the record */
	u64 cookie;
};

struct trace_event {
	const char *group, *name;
	u16 id;
	struct static_key key;  /* on while anyone listens */
	const struct trace_field *(*fields)(struct trace_event *ev, int *nr);
	u16 size;               /* bytes of the record */
	u8 nr_args;             /* of the prototype, for raw tracepoint programs */
	bool is_kprobe;         /* a kprobe event: its programs are kprobe programs (pt_regs) */
	void (*print)(struct seq_buf *s, const void *record);
	const char *print_fmt;  /* TP_printk(...) as written */
	bool enabled;           /* tracefs: write to the trace buffer */
	int nr_progs;
	int perf_refs;          /* perf events opened on it (by id): a kprobe event stays while any */
	struct trace_prog progs[TRACE_MAX_PROGS];
	u64 hits, missed;
	/* Optional: told when the event starts or stops having listeners (events that share
	 * one call site, like the per-call syscall events, switch their site's key here). */
	void (*listen_changed)(struct trace_event *ev, bool on);
	/* kprobe and syscall events keep their state here */
	void *priv;
	struct trace_event *next_dynamic;
};

/* All events: the static ones (section .trace_events) and the dynamic ones (kprobe events). */
void trace_events_init(void);
struct trace_event *trace_event_by_id(u32 id);
struct trace_event *trace_event_by_name(const char *group, const char *name);
struct trace_event *trace_event_next(struct trace_event *prev); /* NULL: the first */
int trace_event_register_dynamic(struct trace_event *ev);   /* gives it an id */
void trace_event_unregister_dynamic(struct trace_event *ev);

/* Turn trace-buffer output on or off (tracefs enable). */
void trace_event_set_enabled(struct trace_event *ev, bool on);
/* Attach (order kept) or detach a BPF program. 0, -ENOSPC, -EEXIST or -ENOENT. */
int trace_event_attach_prog(struct trace_event *ev, struct bpf_prog *prog, bool raw, u64 cookie);
int trace_event_detach_prog(struct trace_event *ev, struct bpf_prog *prog);

/* The format file text of an event. */
void trace_event_show_format(struct seq_buf *s, struct trace_event *ev);

/*
 * Called by a firing event: fill the common header. Then trace_event_commit runs the listeners
 * with the record and the raw arguments (for a kprobe event, args is the struct pt_regs, which
 * its programs get as context). Any context; interrupts are turned off around it.
 */
void trace_event_fill_entry(struct trace_event *ev, struct trace_entry *ent);
void trace_event_commit(struct trace_event *ev, void *record, u32 size, const u64 *args);

/* Set while a BPF program runs for an event: an event firing then is counted and skipped. */
extern int bpf_prog_active;

#endif
