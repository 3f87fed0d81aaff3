/*
 * kernel/syscall.c - from the syscall instruction to a handler.
 *
 * syscall_entry.S saves the user registers as a struct pt_regs and calls syscall_dispatch, which
 * looks the number up in syscall_table (indexed by Linux's numbers, as in
 * arch/x86/entry/syscall_64.c), runs the handler with interrupts on, and puts the result in
 * rax. Unknown numbers get -ENOSYS. This file also holds the small handlers that belong to no
 * subsystem: process identity, time, uname, sched_yield. File handlers are in kernel/fs/syscalls.c,
 * process ones in kernel/proc/syscalls.c.
 */
#include "kernel/syscall.h"
#include "kernel/proc/task.h"
#include "kernel/uaccess.h"
#include "kernel/time.h"
#include "kernel/lib/string.h"
#include "kernel/arch/x86/cpu.h"
#include "kernel/arch/x86/gdt.h"
#include "kernel/trace/events/syscalls.h"
#include "kernel/trace/syscall_events.h"

extern void syscall_entry(void);

struct pt_regs *current_pt_regs(void)
{
	return task_pt_regs(current);
}

static SYSCALL_DEFINE(getpid) { return current->pid; }
static SYSCALL_DEFINE(getppid) { return current->ppid; }
static SYSCALL_DEFINE(getuid) { return current->uid; }
static SYSCALL_DEFINE(getgid) { return current->gid; }

static SYSCALL_DEFINE(setuid)
{
	u32 uid = (u32)a0;

	if (uid == (u32)-1)
		return -EINVAL; /* (uid_t)-1 is no user: Linux's uid_valid() */
	if (current->uid != 0 && uid != current->uid)
		return -EPERM;
	current->uid = uid;
	return 0;
}

static SYSCALL_DEFINE(sched_yield)
{
	schedule();
	return 0;
}

struct utsname {
	char sysname[65], nodename[65], release[65], version[65], machine[65], domainname[65];
};

static SYSCALL_DEFINE(uname)
{
	struct utsname u;

	memset(&u, 0, sizeof(u));
	strlcpy(u.sysname, "glass", sizeof(u.sysname));
	strlcpy(u.nodename, "glass", sizeof(u.nodename));
	strlcpy(u.release, "0.1.0", sizeof(u.release));
	strlcpy(u.version, "#1 SMP-less", sizeof(u.version));
	strlcpy(u.machine, "x86_64", sizeof(u.machine));
	strlcpy(u.domainname, "(none)", sizeof(u.domainname));
	return copy_to_user((void *)a0, &u, sizeof(u));
}

struct timespec {
	s64 tv_sec;
	s64 tv_nsec;
};

static SYSCALL_DEFINE(clock_gettime)
{
	struct timespec ts;
	u64 ns = ktime_get_ns();

	if (a0 != 0 && a0 != 1 && a0 != 4 && a0 != 7) /* REALTIME, MONOTONIC, RAW, BOOTTIME */
		return -EINVAL;
	ts.tv_sec = ns / 1000000000ull;
	ts.tv_nsec = ns % 1000000000ull;
	return copy_to_user((void *)a1, &ts, sizeof(ts));
}

static SYSCALL_DEFINE(nanosleep)
{
	struct timespec req;
	u64 flags, wake;

	if (copy_from_user(&req, (void *)a0, sizeof(req)))
		return -EFAULT;
	if (req.tv_sec < 0 || req.tv_nsec < 0 || req.tv_nsec >= 1000000000)
		return -EINVAL;
	wake = ktime_get_ns() + (u64)req.tv_sec * 1000000000ull + (u64)req.tv_nsec;
	flags = irq_save();
	while (ktime_get_ns() < wake) {
		if (current->killed) {
			current->wake_at_ns = 0;
			irq_restore(flags);
			return -EINTR;
		}
		current->wake_at_ns = wake;
		sleep_on(&current->wake_at_ns);
	}
	current->wake_at_ns = 0;
	irq_restore(flags);
	return 0;
}

static const syscall_fn_t syscall_table[NR_SYSCALLS] = {
	[__NR_read] = sys_read,
	[__NR_write] = sys_write,
	[__NR_open] = sys_open,
	[__NR_close] = sys_close,
	[__NR_stat] = sys_stat,
	[__NR_fstat] = sys_fstat,
	[__NR_lseek] = sys_lseek,
	[__NR_mmap] = sys_mmap,
	[__NR_munmap] = sys_munmap,
	[__NR_brk] = sys_brk,
	[__NR_ioctl] = sys_ioctl,
	[__NR_pipe] = sys_pipe,
	[__NR_sched_yield] = sys_sched_yield,
	[__NR_dup] = sys_dup,
	[__NR_dup2] = sys_dup2,
	[__NR_nanosleep] = sys_nanosleep,
	[__NR_getpid] = sys_getpid,
	[__NR_fork] = sys_fork,
	[__NR_execve] = sys_execve,
	[__NR_exit] = sys_exit,
	[__NR_wait4] = sys_wait4,
	[__NR_kill] = sys_kill,
	[__NR_uname] = sys_uname,
	[__NR_getcwd] = sys_getcwd,
	[__NR_chdir] = sys_chdir,
	[__NR_unlink] = sys_unlink,
	[__NR_getuid] = sys_getuid,
	[__NR_getgid] = sys_getgid,
	[__NR_setuid] = sys_setuid,
	[__NR_geteuid] = sys_getuid,
	[__NR_getegid] = sys_getgid,
	[__NR_getppid] = sys_getppid,
	[__NR_getdents64] = sys_getdents64,
	[__NR_clock_gettime] = sys_clock_gettime,
	[__NR_exit_group] = sys_exit_group,
	[__NR_openat] = sys_openat,
	[__NR_pipe2] = sys_pipe2,
	[__NR_perf_event_open] = sys_perf_event_open,
	[__NR_bpf] = sys_bpf,
};

/* Called by syscall_entry.S with interrupts off; returns with interrupts off. */
void syscall_dispatch(struct pt_regs *regs)
{
	u64 nr = regs->orig_ax;

	sti();
	trace_sys_enter(regs, nr);
	if (static_branch_unlikely(&syscall_events_key))
		syscall_trace_enter(regs);
	if (nr < NR_SYSCALLS && syscall_table[nr])
		regs->ax = syscall_table[nr](regs->di, regs->si, regs->dx, regs->r10, regs->r8,
					     regs->r9);
	else
		regs->ax = -ENOSYS;
	if (static_branch_unlikely(&syscall_events_key))
		syscall_trace_exit(regs);
	trace_sys_exit(regs, regs->ax);
	cli();
	exit_to_user_mode(regs);
}

void syscall_init(void)
{
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
	/* syscall: CS = 0x08, SS = 0x10; sysret: CS = 0x18 + 16 | 3, SS = 0x18 + 8 | 3 */
	wrmsr(MSR_STAR, ((u64)(0x18 | 3) << 48) | ((u64)KERNEL_CS << 32));
	wrmsr(MSR_LSTAR, (u64)syscall_entry);
	/* clear IF, TF, DF, AC and NT on entry */
	wrmsr(MSR_FMASK, X86_EFLAGS_IF | X86_EFLAGS_TF | X86_EFLAGS_AC | (1 << 10) | (1 << 14));
}
