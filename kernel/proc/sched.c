/*
 * kernel/proc/sched.c - round-robin scheduling on one CPU, sleeping and waking.
 *
 * A task runs until it blocks (sleep_on) or, in user mode, until its time slice of
 * TIME_SLICE_TICKS timer ticks is over: the tick sets need_resched, and the way back to user
 * mode (exit_to_user_mode) calls schedule(). The kernel itself is never preempted, so kernel
 * code needs no locks beyond turning interrupts off where an interrupt handler shares its data.
 * Task 0, the boot thread, is the idle task: it runs only when nothing else can, halting the
 * CPU until the next interrupt.
 */
#include "kernel/proc/task.h"
#include "kernel/arch/x86/cpu.h"
#include "kernel/arch/x86/gdt.h"
#include "kernel/mm/mm.h"
#include "kernel/time.h"
#include "kernel/printk.h"
#include "kernel/trace/events/sched.h"

volatile bool need_resched;
static int slice_left = TIME_SLICE_TICKS;

static struct task *pick_next(void)
{
	int start = current - tasks;

	for (int i = 1; i <= MAX_TASKS; i++) {
		struct task *t = &tasks[(start + i) % MAX_TASKS];

		if (t != &tasks[0] && t->state == TASK_RUNNABLE)
			return t;
	}
	return &tasks[0];
}

void schedule(void)
{
	u64 flags = irq_save();
	struct task *prev = current, *next = pick_next();

	need_resched = false;
	slice_left = TIME_SLICE_TICKS;
	if (next == prev) {
		irq_restore(flags);
		return;
	}
	if (next->kstack) {
		u64 top = (u64)next->kstack + KSTACK_PAGES * PAGE_SIZE;

		percpu.kernel_rsp = top;
		tss_set_kernel_stack(top);
	}
	if (next->pml4 != prev->pml4)
		write_cr3(virt_to_phys(next->pml4));
	trace_sched_switch(prev, next);
	percpu.cur_task = next;
	switch_to(&prev->ctx_rsp, next->ctx_rsp);
	/* back in prev, later */
	irq_restore(flags);
}

void sleep_on(const void *chan)
{
	current->wchan = chan;
	current->state = TASK_BLOCKED;
	schedule();
	current->wchan = NULL;
}

void wakeup(const void *chan)
{
	for (int i = 0; i < MAX_TASKS; i++)
		if (tasks[i].state == TASK_BLOCKED && tasks[i].wchan == chan)
			tasks[i].state = TASK_RUNNABLE;
}

void sched_tick(struct pt_regs *regs)
{
	u64 now = ktime_get_ns();

	current->ticks++;
	for (int i = 1; i < MAX_TASKS; i++) {
		struct task *t = &tasks[i];

		if (t->state == TASK_BLOCKED && t->wake_at_ns && t->wake_at_ns <= now)
			t->state = TASK_RUNNABLE;
	}
	if (current == &tasks[0] || --slice_left <= 0)
		need_resched = true;
}

void exit_to_user_mode(struct pt_regs *regs)
{
	for (;;) {
		if (current->killed)
			do_exit(current->killed & 0x7f);
		if (!need_resched)
			return;
		schedule();
	}
}

void cpu_idle(void)
{
	for (;;) {
		cli();
		schedule();
		/* sti takes effect after the next instruction, so no interrupt slips in before hlt */
		asm volatile("sti; hlt" : : : "memory");
	}
}
