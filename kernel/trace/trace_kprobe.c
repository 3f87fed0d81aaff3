/*
 * kernel/trace/trace_kprobe.c - kprobe events: a kprobe defined by a line of text becomes a
 * trace event, with an id, a format file, an enable switch, lines in trace_pipe, and BPF
 * programs attached through perf events. Linux's syntax (Documentation/trace/kprobetrace.rst):
 *
 *   p[:[GRP/]EVENT] SYM[+offs]|ADDR [FETCHARGS]      a probe on an instruction
 *   r[MAXACTIVE][:[GRP/]EVENT] SYM[+0] [FETCHARGS]   a probe on a function's return
 *   -:[GRP/]EVENT                                    remove it
 *
 *   FETCHARGS: [NAME=]FETCHARG[:TYPE]
 *     %REG          a register (%di, %rdi, %ax, %ip, %sp, %flags, %r8 ...)
 *     $argN         the Nth argument of the function (at its entry): di si dx cx r8 r9, stack
 *     $stackN $stack  the Nth word on the stack, the stack pointer
 *     $retval       the return value (return probes)      $comm   the current task's name
 *     @ADDR @SYM[+|-offs]   memory at an address or symbol        \IMM   a constant
 *     +|-OFFS(FETCHARG)     memory at FETCHARG + OFFS (they nest)
 *     TYPE: u8 u16 u32 u64 s8 s16 s32 s64 x8 x16 x32 x64 (default x64), string, ustring
 *   A string's address is the fetched value ($arg2:string, +0(%si):string).
 *
 * Where it sits: the probe is a kprobe or kretprobe (kernel/trace/kprobes.c), registered
 * disabled when the line is written, so every error (unknown symbol, mid-instruction offset,
 * blacklisted function) is reported then, and armed only while the event has a listener
 * (trace_event.c calls listen_changed): tracefs enable, or a BPF program. On a hit the
 * dispatcher fetches the arguments into a record laid out as the format file says and calls
 * trace_event_commit, which runs the programs with the pt_regs as context and writes the line
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
#include "bpf/env.h"

#define KPROBE_EVENT_SYSTEM "kprobes"
#define MAX_ARGS 16
#define MAX_DEREF 4
#define MAX_NAME 64
#define MAX_LINE 512
#define MAX_STRING 256
#define RECORD_MAX 2048
#define TRACEFS "/sys/kernel/tracing"

enum fetch_kind {
	FETCH_REG,    /* a pt_regs field */
	FETCH_ARG,    /* argument N (1-based) */
	FETCH_STACK,  /* word N on the stack */
	FETCH_STACKP, /* the stack pointer */
	FETCH_RETVAL,
	FETCH_COMM,
	FETCH_IMM, /* a constant; @ADDR is a constant then one dereference */
};

enum type_kind { TYPE_UNSIGNED, TYPE_SIGNED, TYPE_HEX, TYPE_STRING, TYPE_USTRING };

struct fetch_type {
	const char *name;
	u8 size;
	u8 kind;
	const char *c_type;    /* in the format file */
	const char *print_fmt; /* in the format file's print fmt, as Linux writes it */
};

static const struct fetch_type fetch_types[] = {
	{ "u8", 1, TYPE_UNSIGNED, "u8", "%u" },	    { "u16", 2, TYPE_UNSIGNED, "u16", "%u" },
	{ "u32", 4, TYPE_UNSIGNED, "u32", "%u" },   { "u64", 8, TYPE_UNSIGNED, "u64", "%Lu" },
	{ "s8", 1, TYPE_SIGNED, "s8", "%d" },	    { "s16", 2, TYPE_SIGNED, "s16", "%d" },
	{ "s32", 4, TYPE_SIGNED, "s32", "%d" },	    { "s64", 8, TYPE_SIGNED, "s64", "%Ld" },
	{ "x8", 1, TYPE_HEX, "u8", "0x%x" },	    { "x16", 2, TYPE_HEX, "u16", "0x%x" },
	{ "x32", 4, TYPE_HEX, "u32", "0x%x" },	    { "x64", 8, TYPE_HEX, "u64", "0x%Lx" },
	{ "string", 4, TYPE_STRING, "__data_loc char[]", "\\\"%s\\\"" },
	{ "ustring", 4, TYPE_USTRING, "__data_loc char[]", "\\\"%s\\\"" },
};
#define DEFAULT_TYPE (&fetch_types[11]) /* x64 */
#define STRING_TYPE (&fetch_types[12])

struct probe_arg {
	char name[32];
	char comm[64]; /* the fetch argument as written, for kprobe_events */
	const struct fetch_type *type;
	u8 kind;       /* enum fetch_kind */
	u16 reg_off;   /* FETCH_REG: offset in pt_regs */
	u64 n;	       /* FETCH_ARG, FETCH_STACK: N; FETCH_IMM: the value */
	int nr_deref;
	s64 deref[MAX_DEREF]; /* innermost first */
	u16 offset;	      /* in the record */
};

struct trace_kprobe {
	struct trace_event event; /* event.priv points back here */
	struct kretprobe rp;	  /* rp.kp is the probe of a `p` event too */
	bool is_return;
	bool perf_local; /* made by perf_event_open: not in tracefs, not in the list */
	int maxactive;	 /* as written after `r`, 0 if not */
	char group[MAX_NAME], name[MAX_NAME];
	char symbol[128]; /* empty for a probe on an address */
	int nr_args;
	struct probe_arg args[MAX_ARGS];
	struct trace_field fields[2 + MAX_ARGS];
	int nr_fields;
	char *print_fmt;
	u16 fixed_size; /* the record without its strings */
	struct trace_kprobe *next;
};

static struct trace_kprobe *trace_kprobes;
/* Handlers never run nested (kprobes counts a nested hit instead), so one buffer will do. */
static u8 record_buf[RECORD_MAX] __aligned(8);

/* ---- parsing ---- */

static const struct {
	const char *name;
	u16 offset;
} reg_names[] = {
	{ "ax", offsetof(struct pt_regs, ax) },	  { "bx", offsetof(struct pt_regs, bx) },
	{ "cx", offsetof(struct pt_regs, cx) },	  { "dx", offsetof(struct pt_regs, dx) },
	{ "si", offsetof(struct pt_regs, si) },	  { "di", offsetof(struct pt_regs, di) },
	{ "bp", offsetof(struct pt_regs, bp) },	  { "sp", offsetof(struct pt_regs, sp) },
	{ "ip", offsetof(struct pt_regs, ip) },	  { "flags", offsetof(struct pt_regs, flags) },
	{ "cs", offsetof(struct pt_regs, cs) },	  { "ss", offsetof(struct pt_regs, ss) },
	{ "orig_ax", offsetof(struct pt_regs, orig_ax) },
	{ "r8", offsetof(struct pt_regs, r8) },	  { "r9", offsetof(struct pt_regs, r9) },
	{ "r10", offsetof(struct pt_regs, r10) }, { "r11", offsetof(struct pt_regs, r11) },
	{ "r12", offsetof(struct pt_regs, r12) }, { "r13", offsetof(struct pt_regs, r13) },
	{ "r14", offsetof(struct pt_regs, r14) }, { "r15", offsetof(struct pt_regs, r15) },
};

/* The x86-64 argument registers, for $argN. */
static const u16 arg_regs[6] = {
	offsetof(struct pt_regs, di), offsetof(struct pt_regs, si), offsetof(struct pt_regs, dx),
	offsetof(struct pt_regs, cx), offsetof(struct pt_regs, r8), offsetof(struct pt_regs, r9),
};

static const char *parse_error; /* why the line being parsed is refused */

static int fail(const char *why)
{
	parse_error = why;
	return -EINVAL;
}

static bool valid_name(const char *s)
{
	if (!*s || strlen(s) >= 32 || !((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
					   *s == '_'))
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '_'))
			return false;
	return true;
}

static int parse_register(const char *s, struct probe_arg *a)
{
	if (s[0] == 'r' && s[1] && !(s[1] >= '0' && s[1] <= '9'))
		s++; /* %rax, %rdi, %rip: the same registers */
	for (size_t i = 0; i < ARRAY_SIZE(reg_names); i++) {
		if (!strcmp(s, reg_names[i].name)) {
			a->kind = FETCH_REG;
			a->reg_off = reg_names[i].offset;
			return 0;
		}
	}
	return fail("unknown register");
}

static int parse_number(const char *s, u64 *v)
{
	unsigned long long x;

	if (kstrtoull(s, 0, &x))
		return fail("bad number");
	*v = x;
	return 0;
}

static int add_deref(struct probe_arg *a, s64 off)
{
	if (a->nr_deref == MAX_DEREF)
		return fail("too many nested dereferences");
	a->deref[a->nr_deref++] = off;
	return 0;
}

/* @ADDR or @SYM[+|-offs]: the memory there. */
static int parse_memory(char *s, struct probe_arg *a)
{
	char *sign = s;
	u64 v, off = 0;
	char c;

	if (*s >= '0' && *s <= '9') {
		if (parse_number(s, &v))
			return -EINVAL;
	} else {
		while (*sign && *sign != '+' && *sign != '-')
			sign++;
		c = *sign;
		*sign = '\0';
		v = kallsyms_lookup_name(s);
		if (!v)
			return fail("unknown symbol after @");
		if (c && parse_number(sign + 1, &off))
			return -EINVAL;
		v = c == '-' ? v - off : v + off;
	}
	a->kind = FETCH_IMM;
	a->n = v;
	return add_deref(a, 0);
}

/* "+8(+0(%di))", "$arg2", "@jiffies+8" ... into a; depth counts the dereferences. */
static int parse_fetch(char *s, struct probe_arg *a, bool is_return, int depth)
{
	u64 v;

	if (depth > MAX_DEREF)
		return fail("too many nested dereferences");
	if (*s == '+' || *s == '-') {
		char *open = strchr(s, '('), *close = strrchr(s, ')');
		bool minus = *s == '-';
		int err;

		if (!open || !close || close < open || close[1])
			return fail("a dereference is +|-OFFS(FETCHARG)");
		*open = *close = '\0';
		if (parse_number(s + 1, &v))
			return -EINVAL;
		err = parse_fetch(open + 1, a, is_return, depth + 1);
		if (err)
			return err;
		if (a->kind == FETCH_COMM)
			return fail("$comm cannot be dereferenced");
		return add_deref(a, minus ? -(s64)v : (s64)v);
	}
	if (*s == '%')
		return parse_register(s + 1, a);
	if (*s == '\\') {
		a->kind = FETCH_IMM;
		return parse_number(s + 1, &a->n);
	}
	if (*s == '@')
		return parse_memory(s + 1, a);
	if (!strcmp(s, "$retval")) {
		if (!is_return)
			return fail("$retval is only for return probes");
		a->kind = FETCH_RETVAL;
		return 0;
	}
	if (!strcmp(s, "$comm") || !strcmp(s, "$COMM")) {
		a->kind = FETCH_COMM;
		return 0;
	}
	if (!strcmp(s, "$stack")) {
		a->kind = FETCH_STACKP;
		return 0;
	}
	if (!strncmp(s, "$stack", 6) || !strncmp(s, "$arg", 4)) {
		bool arg = s[1] == 'a';

		if (parse_number(s + (arg ? 4 : 6), &a->n) || (arg && (a->n < 1 || a->n > 64)) ||
		    a->n > 1024)
			return fail(arg ? "$argN needs N from 1 to 64" : "bad $stackN");
		if (arg && is_return)
			return fail("$argN is not known at a function's return");
		a->kind = arg ? FETCH_ARG : FETCH_STACK;
		return 0;
	}
	return fail("unknown fetch argument");
}

/* "[NAME=]FETCHARG[:TYPE]", the index-th argument (1-based). */
static int parse_arg(struct trace_kprobe *tk, char *text, int index)
{
	struct probe_arg *a = &tk->args[tk->nr_args];
	char *eq = strchr(text, '='), *colon, *fetch = text;
	int err;

	memset(a, 0, sizeof(*a));
	if (eq) { /* a fetch argument itself never holds '=' */
		*eq = '\0';
		fetch = eq + 1;
		if (!valid_name(text))
			return fail("bad argument name");
		if (!strncmp(text, "common_", 7) || !strncmp(text, "__probe_", 8))
			return fail("argument name taken by a common field");
		strlcpy(a->name, text, sizeof(a->name));
	} else {
		snprintf(a->name, sizeof(a->name), "arg%d", index);
	}
	for (int i = 0; i < tk->nr_args; i++)
		if (!strcmp(tk->args[i].name, a->name))
			return fail("two arguments with the same name");
	if (strlen(fetch) >= sizeof(a->comm))
		return fail("fetch argument too long");
	colon = strchr(fetch, ':');
	a->type = DEFAULT_TYPE;
	if (colon) {
		*colon = '\0';
		a->type = NULL;
		for (size_t i = 0; i < ARRAY_SIZE(fetch_types); i++)
			if (!strcmp(colon + 1, fetch_types[i].name))
				a->type = &fetch_types[i];
		if (!a->type)
			return fail("unknown type");
	}
	strlcpy(a->comm, fetch, sizeof(a->comm));
	if (colon)
		snprintf(a->comm + strlen(a->comm), sizeof(a->comm) - strlen(a->comm), ":%s",
			 colon + 1);
	err = parse_fetch(fetch, a, tk->is_return, 0);
	if (err)
		return err;
	if (a->kind == FETCH_COMM && !colon)
		a->type = STRING_TYPE;
	if (a->kind == FETCH_COMM && a->type->kind != TYPE_STRING)
		return fail("$comm is a string");
	tk->nr_args++;
	return 0;
}

/* Record offsets, the format file's fields, and its print fmt (in parentheses, the way
 * trace_event_show_format expects a TP_printk). */
static int layout_event(struct trace_kprobe *tk)
{
	static char fmt[1024], args[1024];
	struct trace_field *f = tk->fields;
	u16 off = sizeof(struct trace_entry);
	size_t nf = 0, na = 0;

	if (tk->is_return) {
		f[0] = (struct trace_field){ "unsigned long", "__probe_func", off, 8, false };
		f[1] = (struct trace_field){ "unsigned long", "__probe_ret_ip", off + 8, 8, false };
		off += 16;
		tk->nr_fields = 2;
		nf = snprintf(fmt, sizeof(fmt), "(%%lx <- %%lx)");
		na = snprintf(args, sizeof(args), ", REC->__probe_func, REC->__probe_ret_ip");
	} else {
		f[0] = (struct trace_field){ "unsigned long", "__probe_ip", off, 8, false };
		off += 8;
		tk->nr_fields = 1;
		nf = snprintf(fmt, sizeof(fmt), "(%%lx)");
		na = snprintf(args, sizeof(args), ", REC->__probe_ip");
	}
	for (int i = 0; i < tk->nr_args; i++) {
		struct probe_arg *a = &tk->args[i];
		bool str = a->type->kind >= TYPE_STRING;

		off = ALIGN_UP(off, (u16)a->type->size);
		a->offset = off;
		f[tk->nr_fields++] = (struct trace_field){ a->type->c_type, a->name, off,
							   a->type->size,
							   str || a->type->kind == TYPE_SIGNED };
		off += a->type->size;
		if (nf < sizeof(fmt))
			nf += snprintf(fmt + nf, sizeof(fmt) - nf, " %s=%s", a->name,
				       a->type->print_fmt);
		if (na < sizeof(args))
			na += snprintf(args + na, sizeof(args) - na,
				       str ? ", __get_str(%s)" : ", REC->%s", a->name);
	}
	tk->fixed_size = off;
	if (nf >= sizeof(fmt) || na >= sizeof(args))
		return fail("too many arguments for the format");
	tk->print_fmt = kmalloc(nf + na + 5);
	if (!tk->print_fmt)
		return -ENOMEM;
	snprintf(tk->print_fmt, nf + na + 5, "(\"%s\"%s)", fmt, args);
	return 0;
}

/* ---- hits ---- */

static u64 read_reg(const struct pt_regs *regs, u16 off)
{
	return *(const u64 *)((const u8 *)regs + off);
}
NOKPROBE_SYMBOL(read_reg);

static int fetch_mem(u64 addr, void *dst, u32 size)
{
	return bpf_env_probe_read(dst, size, (const void *)addr, BPF_PROBE_ANY) ? -EFAULT : 0;
}
NOKPROBE_SYMBOL(fetch_mem);

/* The value of a (for a string, its address); -EFAULT if memory on the way faulted. */
static int fetch_value(const struct probe_arg *a, const struct pt_regs *regs, u64 *val)
{
	bool is_string = a->type->kind >= TYPE_STRING;
	u64 v = 0;

	switch (a->kind) {
	case FETCH_REG:
		v = read_reg(regs, a->reg_off);
		break;
	case FETCH_ARG: /* at the entry the return address is at sp: argument 7 is at sp + 8 */
		if (a->n <= 6)
			v = read_reg(regs, arg_regs[a->n - 1]);
		else if (fetch_mem(regs->sp + 8 * (a->n - 6), &v, 8))
			return -EFAULT;
		break;
	case FETCH_STACK:
		if (fetch_mem(regs->sp + 8 * a->n, &v, 8))
			return -EFAULT;
		break;
	case FETCH_STACKP:
		v = regs->sp;
		break;
	case FETCH_RETVAL:
		v = regs->ax;
		break;
	case FETCH_IMM:
		v = a->n;
		break;
	}
	for (int i = 0; i < a->nr_deref; i++) {
		u64 addr = v + (u64)a->deref[i];
		bool last = i == a->nr_deref - 1;

		if (last && is_string) {
			v = addr; /* the string is there */
			break;
		}
		v = 0;
		if (fetch_mem(addr, &v, last ? a->type->size : 8))
			return -EFAULT;
	}
	*val = v;
	return 0;
}
NOKPROBE_SYMBOL(fetch_value);

/* A string argument: the text goes after the fixed part, a __data_loc (length << 16 | offset)
 * in the argument's place. Returns the new end of the record. */
static u32 store_string(const struct probe_arg *a, const struct pt_regs *regs, u32 end)
{
	char *dst = (char *)record_buf + end;
	u32 room = MIN((u32)MAX_STRING, (u32)RECORD_MAX - end), loc;
	long n = -EFAULT;
	u64 addr;

	if (a->kind == FETCH_COMM) {
		n = strlcpy(dst, current ? current->comm : "<idle>", room) + 1;
	} else if (!fetch_value(a, regs, &addr)) {
		n = bpf_env_probe_read_str(dst, room, (const void *)addr,
					   a->type->kind == TYPE_USTRING ? BPF_PROBE_USER :
									   BPF_PROBE_ANY);
	}
	if (n <= 0)
		n = strlcpy(dst, "(fault)", room) + 1;
	n = MIN((u32)n, room);
	loc = ((u32)n << 16) | end;
	memcpy(record_buf + a->offset, &loc, 4);
	return end + (u32)n;
}
NOKPROBE_SYMBOL(store_string);

static u32 build_record(struct trace_kprobe *tk, const struct pt_regs *regs, u64 ip, u64 ret_ip)
{
	struct trace_entry *ent = (struct trace_entry *)record_buf;
	u64 *head = (u64 *)(record_buf + sizeof(*ent));
	u32 end = tk->fixed_size;

	trace_event_fill_entry(&tk->event, ent);
	/* the flags of the probed code, not of the int3 handler (which always has IF clear) */
	ent->flags = (regs->flags & X86_EFLAGS_IF) ? 0 : TRACE_FLAG_IRQS_OFF;
	head[0] = ip;
	if (tk->is_return)
		head[1] = ret_ip;
	for (int i = 0; i < tk->nr_args; i++) {
		const struct probe_arg *a = &tk->args[i];
		u64 v = 0;

		if (a->type->kind >= TYPE_STRING) {
			end = store_string(a, regs, end);
			continue;
		}
		if (fetch_value(a, regs, &v))
			v = 0;
		memcpy(record_buf + a->offset, &v, a->type->size);
	}
	return end;
}
NOKPROBE_SYMBOL(build_record);

/* Programs read the pt_regs: the record is made only when the trace buffer wants a line. */
static int kprobe_dispatcher(struct kprobe *kp, struct pt_regs *regs)
{
	struct trace_kprobe *tk = container_of(kp, struct trace_kprobe, rp.kp);
	u32 size = tk->event.enabled ? build_record(tk, regs, (u64)kp->addr, 0) : 0;

	trace_event_commit(&tk->event, record_buf, size, (const u64 *)regs);
	return 0;
}
NOKPROBE_SYMBOL(kprobe_dispatcher);

static int kretprobe_dispatcher(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	struct trace_kprobe *tk = container_of(ri->rp, struct trace_kprobe, rp);
	u32 size = tk->event.enabled ? build_record(tk, regs, ri->func, ri->ret_addr) : 0;

	trace_event_commit(&tk->event, record_buf, size, (const u64 *)regs);
	return 0;
}
NOKPROBE_SYMBOL(kretprobe_dispatcher);

/* ---- the event's faces: format fields, the trace line, arming ---- */

static const struct trace_field *kprobe_fields(struct trace_event *ev, int *nr)
{
	struct trace_kprobe *tk = ev->priv;

	*nr = tk->nr_fields;
	return tk->fields;
}

static void print_value(struct seq_buf *s, const struct probe_arg *a, const u8 *record)
{
	u64 v = 0;
	u32 loc;

	if (a->type->kind >= TYPE_STRING) {
		memcpy(&loc, record + a->offset, 4);
		seq_printf(s, "\"%s\"", (const char *)record + (loc & 0xffff));
		return;
	}
	memcpy(&v, record + a->offset, a->type->size);
	switch (a->type->kind) {
	case TYPE_SIGNED: {
		int shift = 64 - 8 * a->type->size;

		seq_printf(s, "%lld", (long long)(v << shift) >> shift);
		break;
	}
	case TYPE_HEX:
		seq_printf(s, "0x%llx", (unsigned long long)v);
		break;
	default:
		seq_printf(s, "%llu", (unsigned long long)v);
		break;
	}
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
	if (tk->is_return) {
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
	for (int i = 0; i < tk->nr_args; i++) {
		seq_printf(s, " %s=", tk->args[i].name);
		print_value(s, &tk->args[i], record);
	}
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
	if (tk->is_return) {
		tk->rp.handler = kretprobe_dispatcher;
		tk->rp.maxactive = tk->maxactive;
		return register_kretprobe(&tk->rp);
	}
	tk->rp.kp.pre_handler = kprobe_dispatcher;
	return register_kprobe(&tk->rp.kp);
}

static void unregister_probe(struct trace_kprobe *tk)
{
	if (tk->is_return)
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
	ev->size = tk->fixed_size;
	ev->is_kprobe = true;
	ev->print = print_kprobe_event;
	ev->print_fmt = tk->print_fmt;
	ev->listen_changed = kprobe_listen_changed;
	ev->priv = tk;
}

static void free_trace_kprobe(struct trace_kprobe *tk)
{
	if (tk) {
		kfree(tk->print_fmt);
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
		if (tk->is_return)
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
	if (tk->is_return && v)
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
		if (!valid_name(s))
			return fail("bad group name");
		strlcpy(group, s, MAX_NAME);
		s = slash + 1;
	}
	if (!valid_name(s))
		return fail("bad event name");
	strlcpy(name, s, MAX_NAME);
	return 0;
}

/* Linux's default name: p_<symbol>_<offset> (or p_0x<address>), other characters as '_'. */
static void default_event_name(struct trace_kprobe *tk)
{
	if (tk->symbol[0])
		snprintf(tk->name, sizeof(tk->name), "%c_%s_%u", tk->is_return ? 'r' : 'p',
			 tk->symbol, tk->rp.kp.offset);
	else
		snprintf(tk->name, sizeof(tk->name), "%c_0x%llx", tk->is_return ? 'r' : 'p',
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

	tk->is_return = argv[0][0] == 'r';
	if (*p >= '0' && *p <= '9') {
		u64 max = 0;
		char *colon = strchr(p, ':');

		if (!tk->is_return)
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
	if (argc - 2 > MAX_ARGS)
		return fail("too many arguments");
	for (int i = 2; i < argc; i++) {
		err = parse_arg(tk, argv[i], i - 1);
		if (err)
			return err;
	}
	return layout_event(tk);
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
	return tk->event.enabled || tk->event.nr_progs > 0;
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
	char buf[MAX_LINE], *argv[2 + MAX_ARGS + 1], *p = buf;
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
		seq_printf(s, "%c", tk->is_return ? 'r' : 'p');
		if (tk->maxactive)
			seq_printf(s, "%d", tk->maxactive);
		seq_printf(s, ":%s/%s", tk->group, tk->name);
		if (tk->symbol[0])
			seq_printf(s, tk->rp.kp.offset ? " %s+%u" : " %s", tk->symbol,
				   tk->rp.kp.offset);
		else
			seq_printf(s, " 0x%llx", (unsigned long long)tk->rp.kp.addr);
		for (int i = 0; i < tk->nr_args; i++)
			seq_printf(s, " %s=%s", tk->args[i].name, tk->args[i].comm);
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

		if (tk->is_return)
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
	tk->is_return = retprobe;
	if (!symbol[0] || strlen(symbol) >= sizeof(tk->symbol) || offset > 0xffffffffull) {
		printk(KERN_WARNING "kprobe PMU: bad symbol or offset\n");
		goto free;
	}
	strlcpy(tk->symbol, symbol, sizeof(tk->symbol));
	tk->rp.kp.symbol_name = tk->symbol;
	tk->rp.kp.offset = (unsigned int)offset;
	strlcpy(tk->group, KPROBE_EVENT_SYSTEM, sizeof(tk->group));
	default_event_name(tk);
	err = layout_event(tk);
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
