/*
 * kernel/trace/trace_probe.c - fetch arguments: what a probe event records on each hit.
 *
 * A kprobe_events line ends with arguments in Linux's syntax (Documentation/trace/
 * kprobetrace.rst), each "[NAME=]FETCHARG[:TYPE]":
 *
 *   %REG          a register (%di, %rdi, %ax, %ip, %sp, %flags, %r8 ...)
 *   $argN         the Nth argument of the function (at its entry): di si dx cx r8 r9, stack
 *   $stackN $stack  the Nth word on the stack, the stack pointer
 *   $retval       the return value (return probes)      $comm   the current task's name
 *   @ADDR @SYM[+|-offs]   memory at an address or symbol        \IMM   a constant
 *   +|-OFFS(FETCHARG)     memory at FETCHARG + OFFS (they nest)
 *   TYPE: u8 u16 u32 u64 s8 s16 s32 s64 x8 x16 x32 x64 (default x64), string, ustring
 * A string's address is the fetched value: $arg2:string and +0(%si):string read the same.
 *
 * Parsing turns each argument into a base (register, argument, stack word, constant ...) and a
 * chain of dereferences; trace_probe_layout gives each a place in the record, after the common
 * header and the probed address, as the format file then shows:
 *
 *   0  struct trace_entry       8  __probe_ip (or __probe_func, __probe_ret_ip)
 *   then each argument at its natural alignment; a string is a __data_loc (length << 16 |
 *   offset) whose text follows the fixed part
 *
 * On a hit trace_probe_record fills a record; memory is read with bpf_env_probe_read, so a bad
 * pointer gives 0 (or "(fault)" for a string), never a fault in the handler.
 *
 * Read next: kernel/trace/trace_kprobe.c, which makes events of these.
 */
#include "kernel/trace/trace_probe.h"
#include "kernel/trace/kprobes.h"
#include "kernel/proc/task.h"
#include "kernel/arch/x86/cpu.h"
#include "kernel/kallsyms.h"
#include "kernel/mm/mm.h"
#include "kernel/lib/string.h"
#include "kernel/lib/vsprintf.h"
#include "bpf/env.h"

#define MAX_STRING 256 /* bytes of one string argument, its NUL included */

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

static const struct {
	const char *name;
	u16 offset;
} reg_names[] = {
	{ "ax", offsetof(struct pt_regs, ax) },	  { "bx", offsetof(struct pt_regs, bx) },
	{ "cx", offsetof(struct pt_regs, cx) },	  { "dx", offsetof(struct pt_regs, dx) },
	{ "si", offsetof(struct pt_regs, si) },	  { "di", offsetof(struct pt_regs, di) },
	{ "bp", offsetof(struct pt_regs, bp) },	  { "sp", offsetof(struct pt_regs, sp) },
	{ "ip", offsetof(struct pt_regs, ip) },
	{ "flags", offsetof(struct pt_regs, flags) },
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

static int fail(struct trace_probe *tp, const char *why)
{
	tp->error = why;
	return -EINVAL;
}

bool trace_probe_valid_name(const char *s)
{
	if (!*s || strlen(s) >= 64 || !((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
					   *s == '_'))
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '_'))
			return false;
	return true;
}

static int parse_register(struct trace_probe *tp, const char *s, struct probe_arg *a)
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
	return fail(tp, "unknown register");
}

static int parse_number(struct trace_probe *tp, const char *s, u64 *v)
{
	unsigned long long x;

	if (kstrtoull(s, 0, &x))
		return fail(tp, "bad number");
	*v = x;
	return 0;
}

static int add_deref(struct trace_probe *tp, struct probe_arg *a, s64 off)
{
	if (a->nr_deref == PROBE_MAX_DEREF)
		return fail(tp, "too many nested dereferences");
	a->deref[a->nr_deref++] = off;
	return 0;
}

/* @ADDR or @SYM[+|-offs]: the memory there. */
static int parse_memory(struct trace_probe *tp, char *s, struct probe_arg *a)
{
	char *sign = s;
	u64 v, off = 0;
	char c;

	if (*s >= '0' && *s <= '9') {
		if (parse_number(tp, s, &v))
			return -EINVAL;
	} else {
		while (*sign && *sign != '+' && *sign != '-')
			sign++;
		c = *sign;
		*sign = '\0';
		v = kallsyms_lookup_name(s);
		if (!v)
			return fail(tp, "unknown symbol after @");
		if (c && parse_number(tp, sign + 1, &off))
			return -EINVAL;
		v = c == '-' ? v - off : v + off;
	}
	a->kind = FETCH_IMM;
	a->n = v;
	return add_deref(tp, a, 0);
}

/* "+8(+0(%di))", "$arg2", "@jiffies+8" ... into a; depth counts the dereferences. */
static int parse_fetch(struct trace_probe *tp, char *s, struct probe_arg *a, int depth)
{
	u64 v;

	if (depth > PROBE_MAX_DEREF)
		return fail(tp, "too many nested dereferences");
	if (*s == '+' || *s == '-') {
		char *open = strchr(s, '('), *close = strrchr(s, ')');
		bool minus = *s == '-';
		int err;

		if (!open || !close || close < open || close[1])
			return fail(tp, "a dereference is +|-OFFS(FETCHARG)");
		*open = *close = '\0';
		if (parse_number(tp, s + 1, &v))
			return -EINVAL;
		err = parse_fetch(tp, open + 1, a, depth + 1);
		if (err)
			return err;
		if (a->kind == FETCH_COMM)
			return fail(tp, "$comm cannot be dereferenced");
		return add_deref(tp, a, minus ? -(s64)v : (s64)v);
	}
	if (*s == '%')
		return parse_register(tp, s + 1, a);
	if (*s == '\\') {
		a->kind = FETCH_IMM;
		return parse_number(tp, s + 1, &a->n);
	}
	if (*s == '@')
		return parse_memory(tp, s + 1, a);
	if (!strcmp(s, "$retval")) {
		if (!tp->is_return)
			return fail(tp, "$retval is only for return probes");
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

		if (parse_number(tp, s + (arg ? 4 : 6), &a->n) ||
		    (arg && (a->n < 1 || a->n > 64)) || a->n > 1024)
			return fail(tp, arg ? "$argN needs N from 1 to 64" : "bad $stackN");
		if (arg && tp->is_return)
			return fail(tp, "$argN is not known at a function's return");
		a->kind = arg ? FETCH_ARG : FETCH_STACK;
		return 0;
	}
	return fail(tp, "unknown fetch argument");
}

int trace_probe_parse_arg(struct trace_probe *tp, char *text, int index)
{
	struct probe_arg *a = &tp->args[tp->nr_args];
	char *eq = strchr(text, '='), *colon, *fetch = text;
	int err;

	memset(a, 0, sizeof(*a));
	if (eq) { /* a fetch argument itself never holds '=' */
		*eq = '\0';
		fetch = eq + 1;
		if (!trace_probe_valid_name(text) || strlen(text) >= sizeof(a->name))
			return fail(tp, "bad argument name");
		if (!strncmp(text, "common_", 7) || !strncmp(text, "__probe_", 8))
			return fail(tp, "argument name taken by a common field");
		strlcpy(a->name, text, sizeof(a->name));
	} else {
		snprintf(a->name, sizeof(a->name), "arg%d", index);
	}
	if (tp->nr_args == PROBE_MAX_ARGS)
		return fail(tp, "too many arguments");
	for (int i = 0; i < tp->nr_args; i++)
		if (!strcmp(tp->args[i].name, a->name))
			return fail(tp, "two arguments with the same name");
	if (strlen(fetch) >= sizeof(a->comm))
		return fail(tp, "fetch argument too long");
	colon = strchr(fetch, ':');
	a->type = DEFAULT_TYPE;
	if (colon) {
		*colon = '\0';
		a->type = NULL;
		for (size_t i = 0; i < ARRAY_SIZE(fetch_types); i++)
			if (!strcmp(colon + 1, fetch_types[i].name))
				a->type = &fetch_types[i];
		if (!a->type)
			return fail(tp, "unknown type");
	}
	strlcpy(a->comm, fetch, sizeof(a->comm));
	if (colon)
		snprintf(a->comm + strlen(a->comm), sizeof(a->comm) - strlen(a->comm), ":%s",
			 colon + 1);
	err = parse_fetch(tp, fetch, a, 0);
	if (err)
		return err;
	if (a->kind == FETCH_COMM && !colon)
		a->type = STRING_TYPE;
	if (a->kind == FETCH_COMM && a->type->kind != TYPE_STRING)
		return fail(tp, "$comm is a string");
	tp->nr_args++;
	return 0;
}

/* The print fmt goes in parentheses, the way trace_event_show_format expects a TP_printk. */
int trace_probe_layout(struct trace_probe *tp)
{
	static char fmt[1024], args[1024];
	struct trace_field *f = tp->fields;
	u16 off = sizeof(struct trace_entry);
	size_t nf = 0, na = 0;

	if (tp->is_return) {
		f[0] = (struct trace_field){ "unsigned long", "__probe_func", off, 8, false };
		f[1] = (struct trace_field){ "unsigned long", "__probe_ret_ip", off + 8, 8, false };
		off += 16;
		tp->nr_fields = 2;
		nf = snprintf(fmt, sizeof(fmt), "(%%lx <- %%lx)");
		na = snprintf(args, sizeof(args), ", REC->__probe_func, REC->__probe_ret_ip");
	} else {
		f[0] = (struct trace_field){ "unsigned long", "__probe_ip", off, 8, false };
		off += 8;
		tp->nr_fields = 1;
		nf = snprintf(fmt, sizeof(fmt), "(%%lx)");
		na = snprintf(args, sizeof(args), ", REC->__probe_ip");
	}
	for (int i = 0; i < tp->nr_args; i++) {
		struct probe_arg *a = &tp->args[i];
		bool str = a->type->kind >= TYPE_STRING;

		off = ALIGN_UP(off, (u16)a->type->size);
		a->offset = off;
		f[tp->nr_fields++] = (struct trace_field){ a->type->c_type, a->name, off,
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
	tp->fixed_size = off;
	if (nf >= sizeof(fmt) || na >= sizeof(args))
		return fail(tp, "too many arguments for the format");
	tp->print_fmt = kmalloc(nf + na + 5);
	if (!tp->print_fmt)
		return -ENOMEM;
	snprintf(tp->print_fmt, nf + na + 5, "(\"%s\"%s)", fmt, args);
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
static u32 store_string(const struct probe_arg *a, const struct pt_regs *regs, u8 *buf, u32 end)
{
	char *dst = (char *)buf + end;
	u32 room = MIN((u32)MAX_STRING, (u32)PROBE_RECORD_MAX - end), loc;
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
	memcpy(buf + a->offset, &loc, 4);
	return end + (u32)n;
}
NOKPROBE_SYMBOL(store_string);

u32 trace_probe_record(const struct trace_probe *tp, struct trace_event *ev,
		       const struct pt_regs *regs, u64 ip, u64 ret_ip, u8 *buf)
{
	struct trace_entry *ent = (struct trace_entry *)buf;
	u64 *head = (u64 *)(buf + sizeof(*ent));
	u32 end = tp->fixed_size;

	trace_event_fill_entry(ev, ent);
	/* the flags of the probed code, not of the int3 handler (which always has IF clear) */
	ent->flags = (regs->flags & X86_EFLAGS_IF) ? 0 : TRACE_FLAG_IRQS_OFF;
	head[0] = ip;
	if (tp->is_return)
		head[1] = ret_ip;
	for (int i = 0; i < tp->nr_args; i++) {
		const struct probe_arg *a = &tp->args[i];
		u64 v = 0;

		if (a->type->kind >= TYPE_STRING) {
			end = store_string(a, regs, buf, end);
			continue;
		}
		if (fetch_value(a, regs, &v))
			v = 0;
		memcpy(buf + a->offset, &v, a->type->size);
	}
	return end;
}
NOKPROBE_SYMBOL(trace_probe_record);

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

void trace_probe_print_args(struct seq_buf *s, const struct trace_probe *tp, const void *record)
{
	for (int i = 0; i < tp->nr_args; i++) {
		seq_printf(s, " %s=", tp->args[i].name);
		print_value(s, &tp->args[i], record);
	}
}

void trace_probe_show_args(struct seq_buf *s, const struct trace_probe *tp)
{
	for (int i = 0; i < tp->nr_args; i++)
		seq_printf(s, " %s=%s", tp->args[i].name, tp->args[i].comm);
}

void trace_probe_free(struct trace_probe *tp)
{
	kfree(tp->print_fmt);
	tp->print_fmt = NULL;
}
