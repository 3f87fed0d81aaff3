/*
 * kernel/proc/task.c - creating, forking, ending and reaping processes.
 *
 * A new task's kernel stack is laid out so that the first switch_to into it "returns" into
 * ret_from_fork, which leaves for user mode with the pt_regs at the top of the stack:
 *
 *   kstack top -> +------------------+
 *                 | struct pt_regs   |  the user registers it starts with
 *                 +------------------+
 *                 | ret_from_fork    |  switch_to's return address
 *                 | rflags, rbp, rbx |
 *   ctx_rsp    -> | r12 .. r15       |  what switch_to pops
 *                 +------------------+
 *
 * A task that exits becomes a zombie holding its exit status; its parent's wait4 frees the rest.
 * Orphans are handed to pid 1. When pid 1 itself exits, the machine powers off (under QEMU,
 * with a pass status if it exited with 0), which is how a scripted test run ends.
 */
#include "kernel/proc/task.h"
#include "kernel/proc/uvm.h"
#include "kernel/fs/vfs.h"
#include "kernel/mm/mm.h"
#include "kernel/uaccess.h"
#include "kernel/printk.h"
#include "kernel/time.h"
#include "kernel/lib/string.h"
#include "kernel/arch/x86/cpu.h"
#include "kernel/arch/x86/gdt.h"
#include "kernel/arch/x86/trap.h"
#include "drivers/qemu_exit.h"
#include "kernel/trace/events/sched.h"

struct task tasks[MAX_TASKS];
struct percpu percpu;
static int next_pid = 1;

struct task *task_find(int pid)
{
	for (int i = 1; i < MAX_TASKS; i++)
		if (tasks[i].state != TASK_UNUSED && tasks[i].pid == pid)
			return &tasks[i];
	return NULL;
}

static struct task *task_alloc(void)
{
	for (int i = 1; i < MAX_TASKS; i++) {
		struct task *t = &tasks[i];

		if (t->state != TASK_UNUSED)
			continue;
		memset(t, 0, sizeof(*t));
		t->kstack = vmap_alloc(KSTACK_PAGES, PROT_KERNEL_RW);
		if (!t->kstack)
			return NULL;
		t->pml4 = uvm_create();
		if (!t->pml4) {
			vmap_free(t->kstack, KSTACK_PAGES);
			t->kstack = NULL;
			return NULL;
		}
		t->pid = next_pid++;
		t->start_ns = ktime_get_ns();
		t->mmap_next = USER_MMAP_BASE;
		t->state = TASK_BLOCKED; /* not runnable until it is complete */
		return t;
	}
	return NULL;
}

static void task_release(struct task *t)
{
	if (t->pml4 && t->pml4 != kernel_pml4)
		uvm_free(t->pml4);
	uvm_release_objects(t);
	t->pml4 = NULL;
	if (t->kstack)
		vmap_free(t->kstack, KSTACK_PAGES);
	t->kstack = NULL;
	t->state = TASK_UNUSED;
}

/* The user registers of a task: the top of its kernel stack. */
struct pt_regs *task_pt_regs(struct task *t)
{
	return (struct pt_regs *)((u64)t->kstack + KSTACK_PAGES * PAGE_SIZE) - 1;
}

/* Make t's first switch_to land in ret_from_fork with *regs as its user state. */
static void prepare_stack(struct task *t, const struct pt_regs *regs)
{
	struct pt_regs *top = task_pt_regs(t);
	u64 *sp = (u64 *)top;

	*top = *regs;
	*--sp = (u64)ret_from_fork;
	*--sp = 0x2; /* rflags: interrupts off until trap_return's iretq */
	for (int i = 0; i < 6; i++)
		*--sp = 0; /* rbp rbx r12 r13 r14 r15 */
	t->ctx_rsp = (u64)sp;
}

void task_init(void)
{
	struct task *idle = &tasks[0];

	idle->pid = 0;
	idle->state = TASK_RUNNABLE;
	idle->pml4 = kernel_pml4;
	strlcpy(idle->comm, "swapper", sizeof(idle->comm));
	percpu.cur_task = idle;
	wrmsr(MSR_GS_BASE, (u64)&percpu);
	wrmsr(MSR_KERNEL_GS_BASE, 0);
}

int task_start_init(const char *path, const char *const argv[])
{
	static const char *const init_envp[] = { "PATH=/bin", "HOME=/", "TERM=vt100", NULL };
	struct task *t = task_alloc();
	struct pt_regs regs = { 0 };
	struct file *con;
	int err;

	if (!t)
		return -ENOMEM;
	t->ppid = 0;
	t->cwd = vfs_root;
	/* Run exec in the new task's context: it loads into current's address space. */
	struct task *saved = current;

	percpu.cur_task = t;
	write_cr3(virt_to_phys(t->pml4));
	err = vfs_open(NULL, "/dev/console", O_RDWR, 0, &con);
	if (!err) {
		t->files[0] = con;
		file_get(con);
		t->files[1] = con;
		file_get(con);
		t->files[2] = con;
		err = exec_kernel(path, argv, init_envp, &regs);
	}
	percpu.cur_task = saved;
	write_cr3(virt_to_phys(saved->pml4));
	if (err) {
		for (int fd = 0; fd < MAX_FDS; fd++)
			if (t->files[fd])
				file_put(t->files[fd]);
		task_release(t);
		return err;
	}
	prepare_stack(t, &regs);
	t->state = TASK_RUNNABLE;
	return 0;
}

long do_fork(struct pt_regs *regs)
{
	struct task *child = task_alloc();
	struct pt_regs child_regs = *regs;
	int err;

	if (!child)
		return -EAGAIN;
	err = uvm_copy(child, current);
	if (err) {
		task_release(child);
		return err;
	}
	child->ppid = current->pid;
	child->uid = current->uid;
	child->gid = current->gid;
	child->cwd = current->cwd;
	child->brk_start = current->brk_start;
	child->brk = current->brk;
	child->mmap_next = current->mmap_next;
	memcpy(child->comm, current->comm, sizeof(child->comm));
	for (int fd = 0; fd < MAX_FDS; fd++) {
		child->files[fd] = current->files[fd];
		if (child->files[fd])
			file_get(child->files[fd]);
	}
	child_regs.ax = 0; /* fork returns 0 in the child */
	prepare_stack(child, &child_regs);
	trace_sched_process_fork(current, child);
	child->state = TASK_RUNNABLE;
	return child->pid;
}

void do_exit(int status)
{
	struct task *t = current;

	cli();
	for (int fd = 0; fd < MAX_FDS; fd++) {
		if (t->files[fd]) {
			struct file *f = t->files[fd];

			t->files[fd] = NULL;
			sti(); /* release hooks may take time; nothing here can be interrupted badly */
			file_put(f);
			cli();
		}
	}
	write_cr3(virt_to_phys(kernel_pml4));
	uvm_free(t->pml4);
	uvm_release_objects(t);
	t->pml4 = kernel_pml4;
	if (t->pid == 1) {
		printk("init exited with status %#x; powering off\n", status);
		qemu_exit(status == 0 ? QEMU_EXIT_PASS : QEMU_EXIT_FAIL);
	}
	for (int i = 1; i < MAX_TASKS; i++) {
		if (tasks[i].state != TASK_UNUSED && tasks[i].ppid == t->pid) {
			tasks[i].ppid = 1;
			if (tasks[i].state == TASK_ZOMBIE)
				wakeup(task_find(1));
		}
	}
	t->exit_status = status;
	trace_sched_process_exit(t);
	t->state = TASK_ZOMBIE;
	wakeup(task_find(t->ppid));
	schedule();
	panic("a zombie ran again");
}

long do_wait4(int pid, int *ustatus, int options)
{
	u64 flags = irq_save();

	for (;;) {
		bool have_child = false;

		for (int i = 1; i < MAX_TASKS; i++) {
			struct task *c = &tasks[i];
			int cpid, status;

			if (c->state == TASK_UNUSED || c->ppid != current->pid)
				continue;
			if (pid > 0 && c->pid != pid)
				continue;
			have_child = true;
			if (c->state != TASK_ZOMBIE)
				continue;
			cpid = c->pid;
			status = c->exit_status;
			c->pml4 = NULL; /* already freed in do_exit */
			task_release(c);
			irq_restore(flags);
			if (ustatus && copy_to_user(ustatus, &status, sizeof(status)))
				return -EFAULT;
			return cpid;
		}
		if (!have_child) {
			irq_restore(flags);
			return -ECHILD;
		}
		if (options & 1) { /* WNOHANG */
			irq_restore(flags);
			return 0;
		}
		if (current->killed) {
			irq_restore(flags);
			return -EINTR;
		}
		sleep_on(current);
	}
}

long do_kill(int pid, int sig)
{
	struct task *t = task_find(pid);

	if (sig < 0 || sig > 64)
		return -EINVAL;
	if (!t || t->state == TASK_ZOMBIE)
		return -ESRCH;
	if (current->uid != 0 && current->uid != t->uid)
		return -EPERM;
	if (sig == 0)
		return 0;
	t->killed = sig;
	if (t->state == TASK_BLOCKED)
		t->state = TASK_RUNNABLE; /* its sleep loop sees killed and gives up */
	return 0;
}

void task_fault_kill(int vector, struct pt_regs *regs, const char *what)
{
	int sig = vector == X86_TRAP_PF || vector == X86_TRAP_GP ? SIGSEGV :
		  vector == X86_TRAP_DE ? SIGFPE : vector == X86_TRAP_UD ? SIGILL :
		  vector == X86_TRAP_BP || vector == X86_TRAP_DB ? SIGTRAP : SIGBUS;

	if (vector == X86_TRAP_PF)
		printk(KERN_ERR "%s[%d]: %s at %#llx ip %#llx\n", current->comm, current->pid, what,
		       read_cr2(), regs->ip);
	else
		printk(KERN_ERR "%s[%d]: %s ip %#llx\n", current->comm, current->pid, what, regs->ip);
	do_exit(sig);
}

/* Faults in user mode kill the process; the kernel goes on. */
static bool user_fault(int vector, struct pt_regs *regs)
{
	if (!user_mode(regs))
		return false;
	sti();
	task_fault_kill(vector, regs, trap_name(vector));
	return true;
}

void task_register_fault_handlers(void)
{
	static const int vectors[] = { X86_TRAP_DE, X86_TRAP_BP, X86_TRAP_OF, X86_TRAP_BR,
				       X86_TRAP_UD, X86_TRAP_NM, X86_TRAP_GP, X86_TRAP_PF,
				       X86_TRAP_MF, X86_TRAP_AC, X86_TRAP_XF, X86_TRAP_SS };

	for (size_t i = 0; i < ARRAY_SIZE(vectors); i++)
		trap_register_handler(vectors[i], user_fault);
}
