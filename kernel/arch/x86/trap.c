/*
 * kernel/arch/x86/trap.c - what happens after trap_entry.S: the IDT and trap_dispatch.
 *
 * For an exception, trap_dispatch tries in order:
 *   1. the handlers registered for the vector (kprobes claim their int3 and debug traps, the
 *      process layer claims faults from ring 3),
 *   2. the exception table: a fault at an instruction that has a fix-up (copy_from_user)
 *      resumes at the fix-up,
 *   3. an armed fault catch (a test that faults on purpose),
 * and if nobody claims it, prints a report (name, error code, registers, CR2, a symbolized
 * backtrace) and panics. Interrupts (vectors 32-47) go to their IRQ handler and get an EOI.
 *
 * Runs with interrupts off (every gate is an interrupt gate).
 */
#include "kernel/arch/x86/trap.h"
#include "kernel/arch/x86/gdt.h"
#include "kernel/arch/x86/cpu.h"
#include "kernel/printk.h"
#include "kernel/kallsyms.h"
#include "kernel/mm/mm.h"
#include "drivers/pic.h"
#include "kernel/proc/task.h"
#include "kernel/trace/events/irq.h"
#include "kernel/trace/kprobes.h"

#define NR_VECTORS 48
#define MAX_HANDLERS 4

struct idt_gate {
	u16 offset_lo;
	u16 selector;
	u8 ist;
	u8 type_attr;
	u16 offset_mid;
	u32 offset_hi;
	u32 reserved;
} __packed;

static struct idt_gate idt[256] __aligned(16);
extern const u64 trap_stubs[NR_VECTORS];
static trap_handler_t handlers[NR_EXCEPTIONS][MAX_HANDLERS];
static irq_handler_t irq_handlers[16];
static const char *irq_names[16];
static struct fault_catch *armed_catch;

static const char *const exception_names[NR_EXCEPTIONS] = {
	[0] = "divide error",
	[1] = "debug",
	[2] = "non-maskable interrupt",
	[3] = "breakpoint",
	[4] = "overflow",
	[5] = "bound range exceeded",
	[6] = "invalid opcode",
	[7] = "device not available",
	[8] = "double fault",
	[9] = "coprocessor segment overrun",
	[10] = "invalid TSS",
	[11] = "segment not present",
	[12] = "stack-segment fault",
	[13] = "general protection fault",
	[14] = "page fault",
	[16] = "x87 floating-point exception",
	[17] = "alignment check",
	[18] = "machine check",
	[19] = "SIMD floating-point exception",
	[20] = "virtualization exception",
	[21] = "control protection exception",
	[28] = "hypervisor injection exception",
	[29] = "VMM communication exception",
	[30] = "security exception",
};

const char *trap_name(int vector)
{
	if (vector < NR_EXCEPTIONS)
		return exception_names[vector] ? exception_names[vector] : "reserved exception";
	return "interrupt";
}

static void set_gate(int vector, u64 handler, int ist)
{
	struct idt_gate *g = &idt[vector];

	g->offset_lo = handler & 0xffff;
	g->selector = KERNEL_CS;
	g->ist = ist;
	g->type_attr = 0x8e; /* present, DPL 0, 64-bit interrupt gate */
	g->offset_mid = (handler >> 16) & 0xffff;
	g->offset_hi = handler >> 32;
}

void trap_init(void)
{
	struct {
		u16 limit;
		u64 base;
	} __packed ptr = { sizeof(idt) - 1, (u64)idt };

	for (int v = 0; v < NR_VECTORS; v++)
		set_gate(v, trap_stubs[v], 0);
	set_gate(X86_TRAP_DF, trap_stubs[X86_TRAP_DF], IST_DOUBLE_FAULT);
	set_gate(X86_TRAP_NMI, trap_stubs[X86_TRAP_NMI], IST_NMI);
	set_gate(X86_TRAP_DB, trap_stubs[X86_TRAP_DB], IST_DEBUG);
	set_gate(X86_TRAP_BP, trap_stubs[X86_TRAP_BP], IST_BREAKPOINT);
	/* int3 may be executed from ring 3 (a debugger's breakpoint): DPL 3 */
	idt[X86_TRAP_BP].type_attr = 0xee;
	asm volatile("lidt %0" : : "m"(ptr));
}

int trap_register_handler(int vector, trap_handler_t fn)
{
	if (vector < 0 || vector >= NR_EXCEPTIONS)
		return -EINVAL;
	for (int i = 0; i < MAX_HANDLERS; i++) {
		if (!handlers[vector][i]) {
			handlers[vector][i] = fn;
			return 0;
		}
	}
	return -ENOSPC;
}

void trap_register_irq(int irq, irq_handler_t fn, const char *name)
{
	irq_handlers[irq] = fn;
	irq_names[irq] = name;
	pic_unmask(irq);
}

extern const struct { u64 insn, fixup; } __ex_table_start[], __ex_table_end[];

u64 search_exception_tables(u64 ip)
{
	for (typeof(&__ex_table_start[0]) e = __ex_table_start; e < __ex_table_end; e++)
		if (e->insn == ip)
			return e->fixup;
	return 0;
}

void fault_catch_arm(struct fault_catch *fc)
{
	fc->vector = -1;
	armed_catch = fc;
}

void fault_catch_end(struct fault_catch *fc)
{
	if (armed_catch == fc)
		armed_catch = NULL;
}

/* Is [addr, addr+8) readable kernel memory? Used before following a frame pointer. */
static bool kernel_readable(u64 addr)
{
	if (addr < DIRECT_MAP_BASE || (addr & 7))
		return false;
	return vmm_virt_to_phys(kernel_pml4 ? kernel_pml4 : phys_to_virt(read_cr3() & PTE_ADDR_MASK),
				addr) != 0;
}

void dump_backtrace(u64 ip, u64 bp)
{
	printk(KERN_EMERG "Call Trace:\n");
	printk(KERN_EMERG "  [<%016llx>] %pS\n", ip, (void *)ip);
	for (int depth = 0; depth < 16 && kernel_readable(bp) && kernel_readable(bp + 8); depth++) {
		u64 ret = kretprobe_fixup_return(((u64 *)bp)[1], bp + 8); /* not the trampoline */
		u64 next = ((u64 *)bp)[0];

		if (!ret)
			break;
		/* the return address points after the call: name the call itself */
		if (depth > 0 || ret - 1 != ip)
			printk(KERN_EMERG "  [<%016llx>] %pS\n", ret, (void *)(ret - 1));
		if (next <= bp)
			break;
		bp = next;
	}
}

void trap_show(int vector, const struct pt_regs *r)
{
	printk(KERN_EMERG "%s (vector %d), error code %#llx%s\n", trap_name(vector), vector,
	       r->orig_ax, user_mode(r) ? ", in user mode" : "");
	if (vector == X86_TRAP_PF)
		printk(KERN_EMERG "CR2: %016llx (%s %s, %s)\n", read_cr2(),
		       r->orig_ax & PF_INSTR ? "instruction fetch" :
		       r->orig_ax & PF_WRITE ? "write"             : "read",
		       r->orig_ax & PF_PROT ? "protection violation" : "page not present",
		       r->orig_ax & PF_USER ? "user" : "kernel");
	printk(KERN_EMERG "RIP: %04llx:%016llx %pS\n", r->cs, r->ip, (void *)r->ip);
	printk(KERN_EMERG "RSP: %04llx:%016llx EFLAGS: %08llx\n", r->ss, r->sp, r->flags);
	printk(KERN_EMERG "RAX: %016llx RBX: %016llx RCX: %016llx\n", r->ax, r->bx, r->cx);
	printk(KERN_EMERG "RDX: %016llx RSI: %016llx RDI: %016llx\n", r->dx, r->si, r->di);
	printk(KERN_EMERG "RBP: %016llx R08: %016llx R09: %016llx\n", r->bp, r->r8, r->r9);
	printk(KERN_EMERG "R10: %016llx R11: %016llx R12: %016llx\n", r->r10, r->r11, r->r12);
	printk(KERN_EMERG "R13: %016llx R14: %016llx R15: %016llx\n", r->r13, r->r14, r->r15);
	printk(KERN_EMERG "CR0: %016llx CR3: %016llx CR4: %016llx\n", read_cr0(), read_cr3(),
	       read_cr4());
	if (!user_mode(r))
		dump_backtrace(r->ip, r->bp);
}

static void handle_irq(int vector, struct pt_regs *regs)
{
	int irq = vector - 32;

	/* A spurious IRQ 7 or 15 has no in-service bit and must not get an EOI. */
	if (irq == 7 || irq == 15) {
		u8 isr;

		outb(irq == 7 ? 0x20 : 0xa0, 0x0b);
		isr = inb(irq == 7 ? 0x20 : 0xa0);
		if (!(isr & 0x80)) {
			if (irq == 15)
				pic_eoi(0); /* the master did see the cascade */
			return;
		}
	}
	trace_irq_handler_entry(irq, irq_names[irq] ? irq_names[irq] : "none");
	if (irq_handlers[irq])
		irq_handlers[irq](irq, regs);
	trace_irq_handler_exit(irq, irq_handlers[irq] != NULL);
	pic_eoi(irq);
}

void trap_dispatch(int vector, struct pt_regs *regs)
{
	u64 fixup;

	if (vector == X86_TRAP_PF) {
		if (user_mode(regs))
			trace_page_fault_user(read_cr2(), regs, regs->orig_ax);
		else
			trace_page_fault_kernel(read_cr2(), regs, regs->orig_ax);
	}
	if (vector >= 32) {
		handle_irq(vector, regs);
		if (user_mode(regs))
			exit_to_user_mode(regs);
		return;
	}
	for (int i = 0; i < MAX_HANDLERS && handlers[vector][i]; i++) {
		if (handlers[vector][i](vector, regs)) {
			if (user_mode(regs))
				exit_to_user_mode(regs);
			return;
		}
	}
	if (!user_mode(regs) && (fixup = search_exception_tables(regs->ip))) {
		regs->ip = fixup;
		return;
	}
	if (armed_catch && vector != X86_TRAP_NMI) {
		struct fault_catch *fc = armed_catch;

		armed_catch = NULL;
		fc->vector = vector;
		fc->error_code = regs->orig_ax;
		fc->cr2 = vector == X86_TRAP_PF ? read_cr2() : 0;
		fc->ip = regs->ip;
		/* resume in kernel_longjmp(&fc->jb, 1), on the stack fault_catch_begin ran on */
		regs->ip = (u64)kernel_longjmp;
		regs->di = (u64)&fc->jb;
		regs->si = 1;
		regs->cs = KERNEL_CS;
		return;
	}
	trap_show(vector, regs);
	panic("unhandled %s in %s mode", trap_name(vector), user_mode(regs) ? "user" : "kernel");
}
/* int3 reaches kprobe_int3_handler through here: a probe in it would trap forever. */
NOKPROBE_SYMBOL(trap_dispatch);
