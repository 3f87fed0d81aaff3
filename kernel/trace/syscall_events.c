/*
 * kernel/trace/syscall_events.c - syscalls/sys_enter_<name> and sys_exit_<name>, one pair per
 * implemented system call, made at boot from the table below (Linux makes them from
 * SYSCALL_DEFINE's metadata).
 *
 * All of them share two call sites in syscall_dispatch, behind one static key that is on while
 * any of them has a listener. A sys_enter record holds the call number and each argument in an
 * 8-byte slot named as in the system call's prototype; a sys_exit record, the return value.
 */
#include "kernel/trace/trace_event.h"
#include "kernel/trace/syscall_events.h"
#include "kernel/syscall.h"
#include "kernel/mm/mm.h"
#include "kernel/printk.h"
#include "kernel/lib/string.h"
#include "kernel/lib/vsprintf.h"

struct static_key syscall_events_key = STATIC_KEY_INIT;

struct syscall_meta {
	int nr;
	const char *name;
	int nargs;
	const char *types[6];
	const char *args[6];
};

#define META(n, nm, k, ...) { n, #nm, k, __VA_ARGS__ }
static const struct syscall_meta metas[] = {
	META(__NR_read, read, 3, { "unsigned int", "char *", "size_t" }, { "fd", "buf", "count" }),
	META(__NR_write, write, 3, { "unsigned int", "const char *", "size_t" },
	     { "fd", "buf", "count" }),
	META(__NR_open, open, 3, { "const char *", "int", "umode_t" },
	     { "filename", "flags", "mode" }),
	META(__NR_close, close, 1, { "unsigned int" }, { "fd" }),
	META(__NR_stat, newstat, 2, { "const char *", "struct stat *" }, { "filename", "statbuf" }),
	META(__NR_fstat, newfstat, 2, { "unsigned int", "struct stat *" }, { "fd", "statbuf" }),
	META(__NR_lseek, lseek, 3, { "unsigned int", "off_t", "unsigned int" },
	     { "fd", "offset", "whence" }),
	META(__NR_mmap, mmap, 6,
	     { "unsigned long", "unsigned long", "unsigned long", "unsigned long", "unsigned long",
	       "unsigned long" },
	     { "addr", "len", "prot", "flags", "fd", "off" }),
	META(__NR_munmap, munmap, 2, { "unsigned long", "size_t" }, { "addr", "len" }),
	META(__NR_brk, brk, 1, { "unsigned long" }, { "brk" }),
	META(__NR_ioctl, ioctl, 3, { "unsigned int", "unsigned int", "unsigned long" },
	     { "fd", "cmd", "arg" }),
	META(__NR_pipe, pipe, 1, { "int *" }, { "fildes" }),
	META(__NR_sched_yield, sched_yield, 0, { 0 }, { 0 }),
	META(__NR_dup, dup, 1, { "unsigned int" }, { "fildes" }),
	META(__NR_dup2, dup2, 2, { "unsigned int", "unsigned int" }, { "oldfd", "newfd" }),
	META(__NR_nanosleep, nanosleep, 2, { "struct timespec *", "struct timespec *" },
	     { "rqtp", "rmtp" }),
	META(__NR_getpid, getpid, 0, { 0 }, { 0 }),
	META(__NR_fork, fork, 0, { 0 }, { 0 }),
	META(__NR_execve, execve, 3, { "const char *", "const char *const *",
	     "const char *const *" }, { "filename", "argv", "envp" }),
	META(__NR_exit, exit, 1, { "int" }, { "error_code" }),
	META(__NR_wait4, wait4, 4, { "pid_t", "int *", "int", "struct rusage *" },
	     { "upid", "stat_addr", "options", "ru" }),
	META(__NR_kill, kill, 2, { "pid_t", "int" }, { "pid", "sig" }),
	META(__NR_uname, newuname, 1, { "struct new_utsname *" }, { "name" }),
	META(__NR_getcwd, getcwd, 2, { "char *", "unsigned long" }, { "buf", "size" }),
	META(__NR_chdir, chdir, 1, { "const char *" }, { "filename" }),
	META(__NR_unlink, unlink, 1, { "const char *" }, { "pathname" }),
	META(__NR_getuid, getuid, 0, { 0 }, { 0 }),
	META(__NR_getgid, getgid, 0, { 0 }, { 0 }),
	META(__NR_setuid, setuid, 1, { "uid_t" }, { "uid" }),
	META(__NR_geteuid, geteuid, 0, { 0 }, { 0 }),
	META(__NR_getegid, getegid, 0, { 0 }, { 0 }),
	META(__NR_getppid, getppid, 0, { 0 }, { 0 }),
	META(__NR_getdents64, getdents64, 3, { "unsigned int", "struct linux_dirent64 *",
	     "unsigned int" }, { "fd", "dirent", "count" }),
	META(__NR_clock_gettime, clock_gettime, 2, { "clockid_t", "struct timespec *" },
	     { "which_clock", "tp" }),
	META(__NR_exit_group, exit_group, 1, { "int" }, { "error_code" }),
	META(__NR_openat, openat, 4, { "int", "const char *", "int", "umode_t" },
	     { "dfd", "filename", "flags", "mode" }),
	META(__NR_pipe2, pipe2, 2, { "int *", "int" }, { "fildes", "flags" }),
	META(__NR_perf_event_open, perf_event_open, 5,
	     { "struct perf_event_attr *", "pid_t", "int", "int", "unsigned long" },
	     { "attr_uptr", "pid", "cpu", "group_fd", "flags" }),
	META(__NR_bpf, bpf, 3, { "int", "union bpf_attr *", "unsigned int" },
	     { "cmd", "uattr", "size" }),
};

/* The record of both kinds of event: the call number, then the arguments or the result. */
struct syscall_record {
	struct trace_entry ent;
	int nr;
	u32 pad;
	u64 args[6]; /* sys_exit: args[0] is the return value */
};

struct syscall_event {
	struct trace_event ev;
	const struct syscall_meta *meta;
	bool exit;
	struct trace_field fields[7];
	char print_fmt[512];
};

static struct trace_event *enter_events[NR_SYSCALLS], *exit_events[NR_SYSCALLS];
static int listening; /* events with listeners */

static const struct trace_field *sc_fields(struct trace_event *ev, int *nr)
{
	struct syscall_event *se = container_of(ev, struct syscall_event, ev);

	*nr = se->exit ? 2 : 1 + se->meta->nargs;
	return se->fields;
}

static void enter_print(struct seq_buf *s, const void *record)
{
	const struct syscall_record *r = record;
	const struct syscall_meta *m = NULL;

	for (size_t i = 0; i < ARRAY_SIZE(metas); i++)
		if (metas[i].nr == r->nr)
			m = &metas[i];
	if (!m) {
		seq_printf(s, "NR %d", r->nr);
		return;
	}
	for (int i = 0; i < m->nargs; i++)
		seq_printf(s, "%s%s: 0x%08llx", i ? ", " : "", m->args[i], r->args[i]);
}

static void exit_print(struct seq_buf *s, const void *record)
{
	const struct syscall_record *r = record;

	seq_printf(s, "0x%llx", r->args[0]);
}

static void listen_changed(struct trace_event *ev, bool on)
{
	if (on && listening++ == 0)
		static_key_enable(&syscall_events_key);
	else if (!on && --listening == 0)
		static_key_disable(&syscall_events_key);
}

static struct trace_event *make_event(const struct syscall_meta *m, bool exit)
{
	struct syscall_event *se = kzalloc(sizeof(*se));
	static char names[2 * ARRAY_SIZE(metas)][40];
	static int used;
	char *name;
	int n = 0;

	if (!se || used >= (int)ARRAY_SIZE(names))
		return NULL;
	name = names[used++];
	snprintf(name, 40, "sys_%s_%s", exit ? "exit" : "enter", m->name);
	se->meta = m;
	se->exit = exit;
	se->ev.group = "syscalls";
	se->ev.name = name;
	se->ev.fields = sc_fields;
	se->ev.size = sizeof(struct syscall_record);
	se->ev.nr_args = 2;
	se->ev.print = exit ? exit_print : enter_print;
	se->ev.listen_changed = listen_changed;
	se->ev.priv = se;
	se->fields[n++] = (struct trace_field){ "int", "__syscall_nr", 8, 4, true };
	if (exit) {
		se->fields[n++] = (struct trace_field){ "long", "ret", 16, 8, true };
		snprintf(se->print_fmt, sizeof(se->print_fmt), "(\"0x%%lx\", REC->ret)");
	} else {
		for (int i = 0; i < m->nargs; i++)
			se->fields[n++] = (struct trace_field){ m->types[i], m->args[i],
								(u16)(16 + 8 * i), 8, false };
		size_t len = 0;

		len += snprintf(se->print_fmt + len, sizeof(se->print_fmt) - len, "(\"");
		for (int i = 0; i < m->nargs; i++)
			len += snprintf(se->print_fmt + len, sizeof(se->print_fmt) - len,
					"%s%s: 0x%%08lx", i ? ", " : "", m->args[i]);
		len += snprintf(se->print_fmt + len, sizeof(se->print_fmt) - len, "\"");
		for (int i = 0; i < m->nargs; i++)
			len += snprintf(se->print_fmt + len, sizeof(se->print_fmt) - len,
					", ((unsigned long)(REC->%s))", m->args[i]);
		snprintf(se->print_fmt + len, sizeof(se->print_fmt) - len, ")");
	}
	se->ev.print_fmt = se->print_fmt;
	if (trace_event_register_dynamic(&se->ev)) {
		kfree(se);
		return NULL;
	}
	return &se->ev;
}

void syscall_events_init(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(metas); i++) {
		enter_events[metas[i].nr] = make_event(&metas[i], false);
		exit_events[metas[i].nr] = make_event(&metas[i], true);
		if (!enter_events[metas[i].nr] || !exit_events[metas[i].nr])
			panic("trace: cannot make the events of %s", metas[i].name);
	}
}

void syscall_trace_enter(struct pt_regs *regs)
{
	u64 nr = regs->orig_ax;
	struct trace_event *ev = nr < NR_SYSCALLS ? enter_events[nr] : NULL;
	struct syscall_record r;
	u64 args[2] = { (u64)regs, nr };

	if (!ev || (!ev->enabled && !ev->nr_progs))
		return;
	memset(&r, 0, sizeof(r));
	trace_event_fill_entry(ev, &r.ent);
	r.nr = (int)nr;
	r.args[0] = regs->di;
	r.args[1] = regs->si;
	r.args[2] = regs->dx;
	r.args[3] = regs->r10;
	r.args[4] = regs->r8;
	r.args[5] = regs->r9;
	trace_event_commit(ev, &r, sizeof(r), args);
}

void syscall_trace_exit(struct pt_regs *regs)
{
	u64 nr = regs->orig_ax;
	struct trace_event *ev = nr < NR_SYSCALLS ? exit_events[nr] : NULL;
	struct syscall_record r;
	u64 args[2] = { (u64)regs, regs->ax };

	if (!ev || (!ev->enabled && !ev->nr_progs))
		return;
	memset(&r, 0, sizeof(r));
	trace_event_fill_entry(ev, &r.ent);
	r.nr = (int)nr;
	r.args[0] = regs->ax;
	trace_event_commit(ev, &r, sizeof(r), args);
}
