/*
 * kernel/trace/trace_probe.h - the fetch arguments of probe events (trace_probe.c): what a line
 * of kprobe_events asks to record ("$arg2:string", "+8(%di):u32", "$retval"), the record
 * layout that results, and filling and printing records on a hit.
 */
#ifndef KERNEL_TRACE_TRACE_PROBE_H
#define KERNEL_TRACE_TRACE_PROBE_H

#include "kernel/types.h"
#include "kernel/arch/x86/ptrace.h"
#include "kernel/trace/trace_event.h"

#define PROBE_MAX_ARGS 16
#define PROBE_MAX_DEREF 4
#define PROBE_RECORD_MAX 2048 /* a record, its strings included */

struct fetch_type;

struct probe_arg {
	char name[32];
	char comm[64]; /* the fetch argument as written, for kprobe_events */
	const struct fetch_type *type;
	u8 kind;     /* enum fetch_kind (trace_probe.c) */
	u16 reg_off; /* a register: its offset in pt_regs */
	u64 n;	     /* $argN, $stackN: N; a constant or @ADDR: the value */
	int nr_deref;
	s64 deref[PROBE_MAX_DEREF]; /* innermost first */
	u16 offset;		    /* in the record */
};

/* A probe event's arguments and record (Linux's struct trace_probe). */
struct trace_probe {
	bool is_return;
	int nr_args;
	struct probe_arg args[PROBE_MAX_ARGS];
	struct trace_field fields[2 + PROBE_MAX_ARGS]; /* the format file's, after the header */
	int nr_fields;
	char *print_fmt; /* kmalloc'ed: "(\"(%lx) arg1=...\", REC->__probe_ip, ...)" */
	u16 fixed_size;	 /* the record without its strings */
	const char *error; /* why parsing or laying out failed */
};

/* Add "[NAME=]FETCHARG[:TYPE]" as argument index (1-based): 0, or -EINVAL with tp->error. */
int trace_probe_parse_arg(struct trace_probe *tp, char *text, int index);
/* After the arguments: offsets, the format fields and the print fmt. 0, -EINVAL or -ENOMEM. */
int trace_probe_layout(struct trace_probe *tp);
void trace_probe_free(struct trace_probe *tp);

/* Fill buf (PROBE_RECORD_MAX bytes) for a hit with regs: the header for ev, the probed
 * address (or the function and the return address), the arguments. Its size. Handler context. */
u32 trace_probe_record(const struct trace_probe *tp, struct trace_event *ev,
		       const struct pt_regs *regs, u64 ip, u64 ret_ip, u8 *buf);
/* " name=value" for each argument of a record. */
void trace_probe_print_args(struct seq_buf *s, const struct trace_probe *tp, const void *record);
/* " name=fetcharg" for each argument, as kprobe_events shows the definition. */
void trace_probe_show_args(struct seq_buf *s, const struct trace_probe *tp);

/* A name for an event, a group or an argument: [A-Za-z_][A-Za-z0-9_]*, under 32 bytes. */
bool trace_probe_valid_name(const char *s);

#endif
