/*
 * kernel/trace/trace_kprobe.c - kprobe events: a kprobe defined by a line of text becomes a
 * trace event, with an id, a format file, an enable switch, lines in trace_pipe, and BPF
 * programs attached through perf events. Linux's syntax (Documentation/trace/kprobetrace.rst):
 *
 *   p[:[GRP/]EVENT] SYM[+offs]|ADDR [FETCHARGS]      a probe on an instruction
 *   r[MAXACTIVE][:[GRP/]EVENT] SYM[+0] [FETCHARGS]   a probe on a function's return
 *   -:[GRP/]EVENT                                    remove it
 *
 * The fetch arguments ("$arg2:string", "+8(%di):u32", "$retval") and the records they fill are
 * trace_probe.c's.
 *
 * Where it sits: the probe is a kprobe or kretprobe (kernel/trace/kprobes.c), registered
 * disabled when the line is written, so every error (unknown symbol, mid-instruction offset,
 * blacklisted function) is reported then, and armed only while the event has a listener
 * (trace_event.c calls listen_changed): tracefs enable, or a BPF program. On a hit the
 * dispatcher calls trace_event_commit, which runs the programs with the pt_regs as context;
 * when the event is enabled, it first fills a record as the format file describes it, and the
 * trace buffer gets the line
 *   myprobe: (sys_openat+0x0/0xd0) arg1="/tmp/x"
 * (for a return probe: "(caller+0x1b/0x40 <- sys_openat)").
 *
 * Also here: kprobe_profile ("EVENT hits misses"), available_filter_functions (functions a
 * probe can go on), and the kprobe PMU hook of perf_event_open, which makes events of the same
 * kind that tracefs does not list.
 *
 * Read next: kernel/trace/perf_event.c (attaching programs), docs/kprobes.md.
 */
#include "kernel/trace/trace_kprobe.h"
#include "kernel/trace/trace_probe.h"
#include "kernel/trace/kprobes.h"
#include "kernel/trace/trace_event.h"
#include "kernel/trace/tracefs.h"
#include "kernel/trace/perf_event.h"
#include "kernel/proc/task.h"
#include "kernel/arch/x86/cpu.h"
#include "kernel/kallsyms.h"
#include "kernel/printk.h"
#include "kernel/mm/mm.h"
#include "kernel/lib/string.h"
#include "kernel/lib/vsprintf.h"

#define KPROBE_EVENT_SYSTEM "kprobes"
#define MAX_NAME 64
#define MAX_LINE 512
#define TRACEFS "/sys/kernel/tracing"

struct trace_kprobe {
	struct trace_event event; /* event.priv points back here */
	struct kretprobe rp;	  /* rp.kp is the probe of a `p` event too */
	struct trace_probe tp;	  /* the arguments and the record; tp.is_return for `r` */
	bool perf_local;	  /* made by perf_event_open: not in tracefs, not in the list */
	int maxactive;		  /* as written after `r`, 0 if not */
	char group[MAX_NAME], name[MAX_NAME];
	char symbol[128]; /* empty for a probe on an address */
	struct trace_kprobe *next;
};

static struct trace_kprobe *trace_kprobes;
/* Handlers never run nested (kprobes counts a nested hit instead), so one buffer will do. */
static u8 record_buf[PROBE_RECORD_MAX] __aligned(8);

/* ---- parsing ---- */

static const char *parse_error; /* why the line being parsed is refused */

static int fail(const char *why)
{
	parse_error = why;
	return -EINVAL;
}

static int parse_number(const char *s, u64 *v)
{
	unsigned long long x;

	if (kstrtoull(s, 0, &x))
		return fail("bad number");
	*v = x;
	return 0;
}

/* ---- hits ---- */

/* Programs read the pt_regs: the record is made only when the trace buffer wants a line. */
static int kprobe_dispatcher(struct kprobe *kp, struct pt_regs *regs)
{
	struct trace_kprobe *tk = container_of(kp, struct trace_kprobe, rp.kp);
	u32 size = 0;

	if (tk->event.enabled)
		size = trace_probe_record(&tk->tp, &tk->event, regs, (u64)kp->addr, 0, record_buf);

	trace_event_commit(&tk->event, record_buf, size, (const u64 *)regs);
	return 0;
}
NOKPROBE_SYMBOL(kprobe_dispatcher);

static int kretprobe_dispatcher(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	struct trace_kprobe *tk = container_of(ri->rp, struct trace_kprobe, rp);
	u32 size = 0;

	if (tk->event.enabled)
		size = trace_probe_record(&tk->tp, &tk->event, regs, ri->func, ri->ret_addr,
					  record_buf);

	trace_event_commit(&tk->event, record_buf, size, (const u64 *)regs);
	return 0;
}
NOKPROBE_SYMBOL(kretprobe_dispatcher);

/* ---- the event's faces: format fields, the trace line, arming ---- */

static const struct trace_field *kprobe_fields(struct trace_event *ev, int *nr)
{
	struct trace_kprobe *tk = ev->priv;

	*nr = tk->tp.nr_fields;
	return tk->tp.fields;
}

/* "(sys_openat+0x0/0xd0) arg1="/tmp/x"", or "(caller+0x1b/0x40 <- sys_openat) arg1=0x3". */
static void print_kprobe_event(struct seq_buf *s, const void *record)
{
	const struct trace_entry *ent = record;
	const u64 *head = (const u64 *)((const u8 *)record + sizeof(*ent));
	struct trace_event *ev = trace_event_by_id(ent->type);
	struct trace_kprobe *tk;
	char where[128];

	if (!ev || !ev->is_kprobe)
		return;
	tk = ev->priv;
	if (tk->tp.is_return) {
		const char *func = kallsyms_lookup(head[0], NULL, NULL);

		kallsyms_format(head[1], where, sizeof(where));
		if (func)
			seq_printf(s, "(%s <- %s)", where, func);
		else
			seq_printf(s, "(%s <- %#llx)", where, head[0]);
	} else {
		kallsyms_format(head[0], where, sizeof(where));
		seq_printf(s, "(%s)", where);
	}
	trace_probe_print_args(s, &tk->tp, record);
}

/* The first listener arms the probe, the last one leaving disarms it. */
static void kprobe_listen_changed(struct trace_event *ev, bool on)
{
	struct trace_kprobe *tk = ev->priv;
	int err = on ? enable_kprobe(&tk->rp.kp) : disable_kprobe(&tk->rp.kp);

	if (err)
		printk(KERN_ERR "kprobe_events: cannot %s %s/%s (error %d)\n",
		       on ? "arm" : "disarm", tk->group, tk->name, err);
}

/* ---- making and removing events ---- */

static int register_probe(struct trace_kprobe *tk)
{
	tk->rp.kp.flags = KPROBE_FLAG_DISABLED;
	if (tk->tp.is_return) {
		tk->rp.handler = kretprobe_dispatcher;
		tk->rp.maxactive = tk->maxactive;
		return register_kretprobe(&tk->rp);
	}
	tk->rp.kp.pre_handler = kprobe_dispatcher;
	return register_kprobe(&tk->rp.kp);
}

static void unregister_probe(struct trace_kprobe *tk)
{
	if (tk->tp.is_return)
		unregister_kretprobe(&tk->rp);
	else
		unregister_kprobe(&tk->rp.kp);
}

static void setup_event(struct trace_kprobe *tk)
{
	struct trace_event *ev = &tk->event;

	ev->group = tk->group;
	ev->name = tk->name;
	ev->fields = kprobe_fields;
	ev->size = tk->tp.fixed_size;
	ev->is_kprobe = true;
	ev->print = print_kprobe_event;
	ev->print_fmt = tk->tp.print_fmt;
	ev->listen_changed = kprobe_listen_changed;
	ev->priv = tk;
}

static void free_trace_kprobe(struct trace_kprobe *tk)
{
	if (tk) {
		trace_probe_free(&tk->tp);
		kfree(tk);
	}
}

/* "SYM[+offs]" or an address into tk. */
static int parse_probe_point(struct trace_kprobe *tk, char *s)
{
	char *plus;
	u64 v = 0;

	if (*s >= '0' && *s <= '9') {
		if (parse_number(s, &v))
			return -EINVAL;
		if (tk->tp.is_return)
			return fail("a return probe takes a symbol");
		tk->rp.kp.addr = (u8 *)v;
		return 0;
	}
	plus = strchr(s, '+');
	if (plus) {
		*plus = '\0';
		if (parse_number(plus + 1, &v) || v > 0xffffffffull)
			return fail("bad offset after the symbol");
	}
	if (!*s || strlen(s) >= sizeof(tk->symbol))
		return fail("bad symbol");
	if (tk->tp.is_return && v)
		return fail("a return probe goes on a function's entry (SYM or SYM+0)");
	strlcpy(tk->symbol, s, sizeof(tk->symbol));
	tk->rp.kp.symbol_name = tk->symbol;
	tk->rp.kp.offset = (unsigned int)v;
	return 0;
}

/* "[GRP/]EVENT" after the ':' */
static int parse_event_name(char *s, char *group, char *name)
{
	char *slash = strchr(s, '/');

	if (slash) {
		*slash = '\0';
		if (!trace_probe_valid_name(s))
			return fail("bad group name");
		strlcpy(group, s, MAX_NAME);
		s = slash + 1;
	}
	if (!trace_probe_valid_name(s))
		return fail("bad event name");
	strlcpy(name, s, MAX_NAME);
	return 0;
}

/* Linux's default name: p_<symbol>_<offset> (or p_0x<address>), other characters as '_'. */
static void default_event_name(struct trace_kprobe *tk)
{
	if (tk->symbol[0])
		snprintf(tk->name, sizeof(tk->name), "%c_%s_%u", tk->tp.is_return ? 'r' : 'p',
			 tk->symbol, tk->rp.kp.offset);
	else
		snprintf(tk->name, sizeof(tk->name), "%c_0x%llx", tk->tp.is_return ? 'r' : 'p',
			 (unsigned long long)tk->rp.kp.addr);
	for (char *c = tk->name; *c; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
		      (*c >= '0' && *c <= '9')))
			*c = '_';
}

static struct trace_kprobe *find_trace_kprobe(const char *group, const char *name)
{
	for (struct trace_kprobe *tk = trace_kprobes; tk; tk = tk->next)
		if (!strcmp(tk->group, group) && !strcmp(tk->name, name))
			return tk;
	return NULL;
}

/* The parts of a definition that need no probe: type, name, probe point, arguments. */
static int parse_definition(struct trace_kprobe *tk, int argc, char **argv)
{
	char *p = argv[0] + 1;
	int err;

	tk->tp.is_return = argv[0][0] == 'r';
	if (*p >= '0' && *p <= '9') {
		u64 max = 0;
		char *colon = strchr(p, ':');

		if (!tk->tp.is_return)
			return fail("only a return probe takes MAXACTIVE");
		if (colon)
			*colon = '\0';
		if (parse_number(p, &max) || max < 1 || max > 4096)
			return fail("MAXACTIVE must be 1 to 4096");
		tk->maxactive = (int)max;
		p = colon ? colon : p + strlen(p);
		if (colon)
			*p = ':';
	}
	strlcpy(tk->group, KPROBE_EVENT_SYSTEM, sizeof(tk->group));
	if (*p == ':') {
		err = parse_event_name(p + 1, tk->group, tk->name);
		if (err)
			return err;
	} else if (*p) {
		return fail("expected ':' after p or r");
	}
	if (argc < 2)
		return fail("no probe point");
	err = parse_probe_point(tk, argv[1]);
	if (err)
		return err;
	if (!tk->name[0])
		default_event_name(tk);
	for (int i = 2; i < argc; i++) {
		err = trace_probe_parse_arg(&tk->tp, argv[i], i - 1);
		if (err) {
			parse_error = tk->tp.error;
			return err;
		}
	}
	err = trace_probe_layout(&tk->tp);
	if (err)
		parse_error = tk->tp.error;
	return err;
}

static int create_trace_kprobe(int argc, char **argv)
{
	struct trace_kprobe *tk = kzalloc(sizeof(*tk));
	int err;

	if (!tk)
		return -ENOMEM;
	err = parse_definition(tk, argc, argv);
	if (err)
		goto free;
	if (find_trace_kprobe(tk->group, tk->name) || trace_event_by_name(tk->group, tk->name)) {
		err = -EEXIST;
		parse_error = "an event of that name exists";
		goto free;
	}
	err = register_probe(tk);
	if (err) {
		parse_error = "kprobes refused the probe point (see the message above)";
		err = err == -ENOMEM ? err : -EINVAL;
		goto free;
	}
	setup_event(tk);
	err = trace_event_register_dynamic(&tk->event);
	if (err) {
		parse_error = "an event of that name exists";
		goto unregister;
	}
	err = tracefs_add_event(&tk->event);
	if (err) {
		parse_error = "no memory for the tracefs files";
		goto unregister_event;
	}
	tk->next = trace_kprobes;
	trace_kprobes = tk;
	return 0;

unregister_event:
	tracefs_remove_event(&tk->event);
	trace_event_unregister_dynamic(&tk->event);
unregister:
	unregister_probe(tk);
free:
	free_trace_kprobe(tk);
	return err;
}

static bool trace_kprobe_busy(const struct trace_kprobe *tk)
{
	return tk->event.enabled || tk->event.nr_progs > 0 || tk->event.perf_refs > 0;
}

static void destroy_trace_kprobe(struct trace_kprobe *tk)
{
	for (struct trace_kprobe **l = &trace_kprobes; *l; l = &(*l)->next) {
		if (*l == tk) {
			*l = tk->next;
			break;
		}
	}
	tracefs_remove_event(&tk->event);
	trace_event_unregister_dynamic(&tk->event);
	unregister_probe(tk);
	free_trace_kprobe(tk);
}

static int delete_trace_kprobe(int argc, char **argv)
{
	char group[MAX_NAME] = KPROBE_EVENT_SYSTEM, name[MAX_NAME];
	struct trace_kprobe *tk;

	if (argv[0][1] != ':' || argc != 1)
		return fail("removing is -:[GRP/]EVENT");
	if (parse_event_name(argv[0] + 2, group, name))
		return -EINVAL;
	tk = find_trace_kprobe(group, name);
	if (!tk) {
		parse_error = "no such event";
		return -ENOENT;
	}
	if (trace_kprobe_busy(tk)) {
		parse_error = "the event is enabled or has programs attached";
		return -EBUSY;
	}
	destroy_trace_kprobe(tk);
	return 0;
}

int trace_kprobe_run_command(const char *line)
{
	char buf[MAX_LINE], *argv[2 + PROBE_MAX_ARGS + 1], *p = buf;
	int argc = 0, err;

	if (strlen(line) >= sizeof(buf)) {
		printk(KERN_WARNING "kprobe_events: line too long\n");
		return -EINVAL;
	}
	strlcpy(buf, line, sizeof(buf));
	if (strchr(buf, '#'))
		*strchr(buf, '#') = '\0'; /* a comment */
	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\r')
			p++;
		if (!*p)
			break;
		if (argc == (int)ARRAY_SIZE(argv)) {
			printk(KERN_WARNING "kprobe_events: too many words: '%s'\n", line);
			return -EINVAL;
		}
		argv[argc++] = p;
		while (*p && *p != ' ' && *p != '\t' && *p != '\r')
			p++;
		if (*p)
			*p++ = '\0';
	}
	if (!argc)
		return 0;
	parse_error = NULL;
	switch (argv[0][0]) {
	case 'p':
	case 'r':
		err = create_trace_kprobe(argc, argv);
		break;
	case '-':
		err = delete_trace_kprobe(argc, argv);
		break;
	default:
		err = fail("a definition starts with p, r or -");
		break;
	}
	if (err)
		printk(KERN_WARNING "kprobe_events: %s: '%s'\n",
		       parse_error ? parse_error : "error", line);
	return err;
}

int trace_kprobe_release_all(void)
{
	for (struct trace_kprobe *tk = trace_kprobes; tk; tk = tk->next) {
		if (trace_kprobe_busy(tk)) {
			printk(KERN_WARNING "kprobe_events: %s/%s is in use: nothing removed\n",
			       tk->group, tk->name);
			return -EBUSY;
		}
	}
	while (trace_kprobes)
		destroy_trace_kprobe(trace_kprobes);
	return 0;
}

/* ---- tracefs files ---- */

static void show_kprobe_events(struct seq_buf *s)
{
	for (struct trace_kprobe *tk = trace_kprobes; tk; tk = tk->next) {
		seq_printf(s, "%c", tk->tp.is_return ? 'r' : 'p');
		if (tk->maxactive)
			seq_printf(s, "%d", tk->maxactive);
		seq_printf(s, ":%s/%s", tk->group, tk->name);
		if (tk->symbol[0])
			seq_printf(s, tk->rp.kp.offset ? " %s+%u" : " %s", tk->symbol,
				   tk->rp.kp.offset);
		else
			seq_printf(s, " 0x%llx", (unsigned long long)tk->rp.kp.addr);
		trace_probe_show_args(s, &tk->tp);
		seq_printf(s, "\n");
	}
}

static long write_kprobe_events(void *ctx, const char *buf, size_t n)
{
	char line[MAX_LINE];
	size_t i = 0;

	while (i < n) {
		size_t j = i;
		int err;

		while (j < n && buf[j] != '\n')
			j++;
		if (j - i >= sizeof(line)) {
			printk(KERN_WARNING "kprobe_events: line too long\n");
			return -EINVAL;
		}
		memcpy(line, buf + i, j - i);
		line[j - i] = '\0';
		err = trace_kprobe_run_command(line);
		if (err)
			return err;
		i = j + 1;
	}
	return n;
}

static int truncate_kprobe_events(void *ctx)
{
	return trace_kprobe_release_all();
}

/* Linux: "  EVENT hits misses". Misses: hits while a handler ran, kretprobe calls that found no
 * free instance, and hits while a BPF program ran (whose programs were skipped). */
static void show_kprobe_profile(struct seq_buf *s)
{
	for (struct trace_kprobe *tk = trace_kprobes; tk; tk = tk->next) {
		u64 missed = tk->rp.kp.nmissed + tk->event.missed;

		if (tk->tp.is_return)
			missed += tk->rp.nmissed;
		seq_printf(s, "  %-44s %15llu %15llu\n", tk->name,
			   (unsigned long long)tk->event.hits, (unsigned long long)missed);
	}
}

static void show_available_filter_functions(struct seq_buf *s)
{
	u64 n = kallsyms_count();

	for (u64 i = 0; i < n; i++) {
		const char *name;
		u64 addr, size;
		char type;

		kallsyms_get(i, &name, &addr, &size, &type);
		if (kprobe_function_listed(addr, size, type))
			seq_printf(s, "%s\n", name);
	}
}

/* ---- the kprobe PMU of perf_event_open ---- */

static int perf_create(const char *symbol, u64 offset, bool retprobe, struct trace_event **ev)
{
	struct trace_kprobe *tk = kzalloc(sizeof(*tk));
	int err = -EINVAL;

	if (!tk)
		return -ENOMEM;
	tk->perf_local = true;
	tk->tp.is_return = retprobe;
	if (!symbol[0] || strlen(symbol) >= sizeof(tk->symbol) || offset > 0xffffffffull) {
		printk(KERN_WARNING "kprobe PMU: bad symbol or offset\n");
		goto free;
	}
	strlcpy(tk->symbol, symbol, sizeof(tk->symbol));
	tk->rp.kp.symbol_name = tk->symbol;
	tk->rp.kp.offset = (unsigned int)offset;
	strlcpy(tk->group, KPROBE_EVENT_SYSTEM, sizeof(tk->group));
	default_event_name(tk);
	err = trace_probe_layout(&tk->tp);
	if (err)
		goto free;
	err = register_probe(tk); /* -ENOENT, -EILSEQ, -EINVAL as register_kprobe says */
	if (err)
		goto free;
	setup_event(tk);
	*ev = &tk->event;
	return 0;
free:
	free_trace_kprobe(tk);
	return err;
}

static void perf_destroy(struct trace_event *ev)
{
	struct trace_kprobe *tk = ev->priv;

	unregister_probe(tk);
	free_trace_kprobe(tk);
}

void trace_kprobe_init(void)
{
	struct gen_file events = { .show = show_kprobe_events,
				   .write = write_kprobe_events,
				   .truncate = truncate_kprobe_events };

	if (!genfile_add(TRACEFS "/kprobe_events", &events) ||
	    !procfs_add(TRACEFS "/kprobe_profile", show_kprobe_profile) ||
	    !procfs_add(TRACEFS "/available_filter_functions", show_available_filter_functions))
		panic("kprobe_events: cannot make the tracefs files");
	perf_kprobe_create = perf_create;
	perf_kprobe_destroy = perf_destroy;
}
