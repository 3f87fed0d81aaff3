/*
 * kernel/proc/task.h - processes: struct task, the scheduler, sleeping and waking.
 *
 * Every process is a task with its own address space (a PML4 whose upper half is the kernel's),
 * its own 16 KiB kernel stack (in the vmap area, with a guard page below it), a file-descriptor
 * table and a parent. Task 0 is the boot thread, which becomes the idle task. There is one CPU:
 * the kernel is not preempted; a task gives the CPU up when it blocks, and a task running in
 * user mode is preempted on the timer tick when its time slice is over.
 *
 * Read in this order: task.c (creation, fork, exit, wait), sched.c, exec.c (ELF loading),
 * uvm.c (user address spaces).
 */
#ifndef KERNEL_PROC_TASK_H
#define KERNEL_PROC_TASK_H

#include "kernel/types.h"
#include "kernel/arch/x86/ptrace.h"
#include "kernel/arch/x86/percpu.h"

#define MAX_TASKS 64
#define MAX_FDS 64
#define KSTACK_PAGES 4
#define TASK_COMM_LEN 16
#define TIME_SLICE_TICKS 10

/* User address space: everything below USER_TOP. */
#define USER_TOP 0x0000800000000000ull
#define USER_STACK_TOP 0x00007ffffffff000ull
#define USER_STACK_PAGES 32 /* 128 KiB */
#define USER_MMAP_BASE 0x0000100000000000ull
#define USER_MEM_LIMIT (256ull << 20) /* per process: beyond it, brk and mmap give ENOMEM */

enum task_state {
	TASK_UNUSED = 0,
	TASK_RUNNABLE,
	TASK_BLOCKED,
	TASK_ZOMBIE,
};

struct file;

struct task {
	int pid;
	int ppid;
	enum task_state state;
	char comm[TASK_COMM_LEN];
	u32 uid, gid;
	u64 *pml4;            /* the address space (kernel_pml4 for task 0) */
	void *kstack;         /* bottom of the kernel stack (vmap) */
	u64 ctx_rsp;          /* saved kernel rsp while switched out */
	const void *wchan;    /* what a blocked task waits for */
	u64 wake_at_ns;       /* for nanosleep: 0 = no timeout */
	int exit_status;      /* wait4 status word, valid when a zombie */
	int killed;           /* a signal is pending: the task exits on its way to user mode */
	u64 brk_start, brk;   /* the heap */
	u64 mmap_next;        /* where the next anonymous mmap goes */
	u64 user_pages;       /* pages mapped in user space, against USER_MEM_LIMIT */
	struct uvm_object_range *obj_ranges; /* pages lent by kernel objects (uvm.h) */
	u64 start_ns;         /* when it was created */
	u64 ticks;            /* timer ticks spent running */
	struct file *files[MAX_FDS];
	struct inode *cwd;
};

static inline struct task *current_task(void) { return percpu.cur_task; }
#define current (percpu.cur_task)

extern struct task tasks[MAX_TASKS];
extern volatile bool need_resched;

void task_init(void);
/* Start the first user process from a path (pid 1). 0 or a negative errno. */
int task_start_init(const char *path, const char *const argv[]);
struct task *task_find(int pid);

/* System-call level operations. */
long do_fork(struct pt_regs *regs);
void do_exit(int status) __noreturn;
long do_wait4(int pid, int *ustatus, int options);
long do_kill(int pid, int sig);

/* The scheduler (sched.c). */
void schedule(void);
/* Block until wakeup(chan), or until ktime reaches wake_at_ns if it is non-zero. Interrupts
 * must be off on entry (so no wakeup is lost between the caller's check and the sleep). */
void sleep_on(const void *chan);
void wakeup(const void *chan);
/* Timer tick accounting and preemption decision. Interrupt context. */
void sched_tick(struct pt_regs *regs);
/* The idle loop of task 0, once the first process runs. */
void cpu_idle(void) __noreturn;
/* On the way back to user mode: reschedule, and exit if killed. Interrupts off. */
void exit_to_user_mode(struct pt_regs *regs);

/* Load a static ELF program into the current task (exec.c); on success regs start it. */
int exec_kernel(const char *path, const char *const argv[], const char *const envp[],
		struct pt_regs *regs);
/* The user registers saved at the top of t's kernel stack. */
struct pt_regs *task_pt_regs(struct task *t);
void task_register_fault_handlers(void);

/* Kill the current task after a fault in user mode, with a message naming it. */
void task_fault_kill(int vector, struct pt_regs *regs, const char *what);

/* Low-level (switch.S). */
void switch_to(u64 *prev_rsp, u64 next_rsp);
void ret_from_fork(void);

/* Signals glass knows (only their termination effect). */
#define SIGINT 2
#define SIGKILL 9
#define SIGSEGV 11
#define SIGTERM 15
#define SIGILL 4
#define SIGFPE 8
#define SIGTRAP 5
#define SIGBUS 7

#endif
