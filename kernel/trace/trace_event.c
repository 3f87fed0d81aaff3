/*
 * kernel/trace/trace_event.c - numbering events, and what happens when one fires.
 *
 * trace_events_init gives every event of the .trace_events section an id (1, 2, ...), the
 * number perf_event_open's config and events/<group>/<name>/id use. Dynamic events (kprobe
 * events) get ids after them.
 *
 * trace_event_commit runs the listeners of a firing event with interrupts off: first the BPF
 * programs in the order they were attached (tracepoint programs get the record, raw tracepoint
 * programs the arguments), then the trace buffer if the event is enabled. While a program
 * runs, bpf_prog_active is set: an event that fires then (because the program's helper hit a
 * tracepoint or a probe) is counted in `missed` and skips its programs, so a program can never
 * make its own event re-enter it.
 */
#include "kernel/trace/trace_event.h"
#include "kernel/trace/trace_buffer.h"
#include "kernel/proc/task.h"
#include "kernel/printk.h"
#include "kernel/lib/string.h"
#include "kernel/lib/vsprintf.h"
#include "kernel/arch/x86/cpu.h"
#include "bpf/prog.h"

extern struct trace_event *const __trace_events_start[], *const __trace_events_end[];

int bpf_prog_active;
static u16 next_id = 1;
static struct trace_event *dynamic_events;

void trace_events_init(void)
{
	for (struct trace_event *const *e = __trace_events_start; e < __trace_events_end; e++)
		(*e)->id = next_id++;
}

struct trace_event *trace_event_next(struct trace_event *prev)
{
	struct trace_event *const *e = __trace_events_start;

	if (!prev)
		return e < __trace_events_end ? *e : dynamic_events;
	if (prev->priv || prev->next_dynamic || prev == dynamic_events) {
		for (struct trace_event *d = dynamic_events; d; d = d->next_dynamic)
			if (d == prev)
				return d->next_dynamic;
	}
	for (; e < __trace_events_end; e++)
		if (*e == prev)
			return e + 1 < __trace_events_end ? e[1] : dynamic_events;
	return NULL;
}

struct trace_event *trace_event_by_id(u32 id)
{
	for (struct trace_event *ev = trace_event_next(NULL); ev; ev = trace_event_next(ev))
		if (ev->id == id)
			return ev;
	return NULL;
}

struct trace_event *trace_event_by_name(const char *group, const char *name)
{
	for (struct trace_event *ev = trace_event_next(NULL); ev; ev = trace_event_next(ev))
		if ((!group || !strcmp(ev->group, group)) && !strcmp(ev->name, name))
			return ev;
	return NULL;
}

int trace_event_register_dynamic(struct trace_event *ev)
{
	struct trace_event **link = &dynamic_events;

	if (trace_event_by_name(ev->group, ev->name))
		return -EEXIST;
	ev->id = next_id++;
	ev->next_dynamic = NULL;
	while (*link)
		link = &(*link)->next_dynamic;
	*link = ev;
	return 0;
}

void trace_event_unregister_dynamic(struct trace_event *ev)
{
	for (struct trace_event **link = &dynamic_events; *link; link = &(*link)->next_dynamic) {
		if (*link == ev) {
			*link = ev->next_dynamic;
			return;
		}
	}
}

/* The static key is on while the buffer or any program listens. */
static void update_key(struct trace_event *ev, bool listened_before)
{
	bool listened_now = ev->enabled || ev->nr_progs > 0;

	if (listened_now == listened_before)
		return;
	if (ev->listen_changed)
		ev->listen_changed(ev, listened_now);
	else if (listened_now)
		static_key_enable(&ev->key);
	else
		static_key_disable(&ev->key);
}

void trace_event_set_enabled(struct trace_event *ev, bool on)
{
	bool before = ev->enabled || ev->nr_progs > 0;

	ev->enabled = on;
	update_key(ev, before);
}

int trace_event_attach_prog(struct trace_event *ev, struct bpf_prog *prog, bool raw, u64 cookie)
{
	bool before = ev->enabled || ev->nr_progs > 0;
	u64 flags;

	for (int i = 0; i < ev->nr_progs; i++)
		if (ev->progs[i].prog == prog && ev->progs[i].raw == raw)
			return -EEXIST;
	if (ev->nr_progs == TRACE_MAX_PROGS)
		return -E2BIG;
	flags = irq_save();
	ev->progs[ev->nr_progs++] = (struct trace_prog){ prog, raw, cookie };
	irq_restore(flags);
	update_key(ev, before);
	return 0;
}

int trace_event_detach_prog(struct trace_event *ev, struct bpf_prog *prog)
{
	bool before = ev->enabled || ev->nr_progs > 0;
	u64 flags;

	for (int i = 0; i < ev->nr_progs; i++) {
		if (ev->progs[i].prog != prog)
			continue;
		flags = irq_save();
		memmove(&ev->progs[i], &ev->progs[i + 1], (ev->nr_progs - i - 1) * sizeof(ev->progs[0]));
		ev->nr_progs--;
		irq_restore(flags);
		update_key(ev, before);
		return 0;
	}
	return -ENOENT;
}

void trace_event_fill_entry(struct trace_event *ev, struct trace_entry *ent)
{
	u64 f = read_rflags();

	ent->type = ev->id;
	ent->flags = (f & X86_EFLAGS_IF) ? 0 : TRACE_FLAG_IRQS_OFF;
	ent->preempt_count = 0;
	ent->pid = current ? current->pid : 0;
}

void trace_event_commit(struct trace_event *ev, void *record, u32 size, const u64 *args)
{
	u64 flags = irq_save();

	ev->hits++;
	if (ev->nr_progs) {
		if (bpf_prog_active) {
			ev->missed++;
		} else {
			bpf_prog_active++;
			for (int i = 0; i < ev->nr_progs; i++) {
				const struct trace_prog *tp = &ev->progs[i];

				/* a kprobe event passes its pt_regs as args: the kprobe
				 * programs' context */
				bpf_prog_run(tp->prog, tp->raw || ev->is_kprobe ? (const void *)args :
										 record);
			}
			bpf_prog_active--;
		}
	}
	if (ev->enabled) {
		char text[384];
		struct seq_buf s = { text, sizeof(text), 0 };

		ev->print(&s, record);
		trace_buffer_write_flags(ev->name, text, MIN(s.len, sizeof(text) - 1),
					 ((struct trace_entry *)record)->flags & TRACE_FLAG_IRQS_OFF);
	}
	irq_restore(flags);
}

/* "TP_printk(\"fmt\", __entry->a)" as written becomes "\"fmt\", REC->a", as Linux shows it. */
static void show_print_fmt(struct seq_buf *s, const char *p)
{
	const char *start = strchr(p, '(');
	const char *end = strrchr(p, ')');

	if (!start || !end || end < start) {
		seq_printf(s, "%s", p);
		return;
	}
	for (p = start + 1; p < end; p++) {
		if (!strncmp(p, "__entry->", 9)) {
			seq_printf(s, "REC->");
			p += 8;
		} else {
			seq_printf(s, "%c", *p);
		}
	}
}

void trace_event_show_format(struct seq_buf *s, struct trace_event *ev)
{
	int nr = 0;
	const struct trace_field *f = ev->fields(ev, &nr);

	seq_printf(s, "name: %s\nID: %u\nformat:\n", ev->name, ev->id);
	seq_printf(s, "\tfield:unsigned short common_type;\toffset:0;\tsize:2;\tsigned:0;\n");
	seq_printf(s, "\tfield:unsigned char common_flags;\toffset:2;\tsize:1;\tsigned:0;\n");
	seq_printf(s, "\tfield:unsigned char common_preempt_count;\toffset:3;\tsize:1;\tsigned:0;\n");
	seq_printf(s, "\tfield:int common_pid;\toffset:4;\tsize:4;\tsigned:1;\n\n");
	for (int i = 0; i < nr; i++)
		seq_printf(s, "\tfield:%s %s;\toffset:%u;\tsize:%u;\tsigned:%d;\n", f[i].type,
			   f[i].name, f[i].offset, f[i].size, f[i].is_signed);
	seq_printf(s, "\nprint fmt: ");
	show_print_fmt(s, ev->print_fmt);
	seq_printf(s, "\n");
}
