/*
 * kernel/trace/kprobes.h - kprobes and kretprobes: a breakpoint on (almost) any instruction of
 * the kernel, with handlers that see the registers.
 *
 *	static int count_opens(struct kprobe *p, struct pt_regs *regs)
 *	{
 *		opens++;
 *		return 0;
 *	}
 *	static struct kprobe kp = { .symbol_name = "sys_openat", .pre_handler = count_opens };
 *	register_kprobe(&kp);   ...   unregister_kprobe(&kp);
 *
 * register_kprobe resolves symbol_name+offset (or takes addr), checks that the address is on an
 * instruction boundary of a function that may be probed, decodes the instruction there and
 * writes int3 (0xcc) over its first byte through text_poke. When the CPU reaches the int3,
 * kprobe_int3_handler runs the pre-handlers of every probe at that address in the order they
 * were registered, executes the displaced instruction (emulated, or copied to an executable
 * slot followed by a jump back, or single-stepped there with TF), runs the post-handlers and
 * resumes. A kretprobe is a kprobe on a function's entry that swaps the return address for
 * kretprobe_trampoline, whose handler sees the return value in regs->ax.
 *
 * Handlers run with interrupts off. A probe hit while a handler runs (the handler, or a BPF
 * program it runs, called a probed function) runs no handler: its nmissed counts it.
 *
 * Read kernel/trace/kprobes.c (registration, the int3 and debug handlers, kretprobes), then
 * kernel/arch/x86/kprobes.c (decoding, slots, emulation, single-step), then
 * kernel/trace/trace_kprobe.c (kprobe_events). docs/kprobes.md draws the int3 path.
 */
#ifndef KERNEL_TRACE_KPROBES_H
#define KERNEL_TRACE_KPROBES_H

#include "kernel/types.h"

/*
 * NOKPROBE_SYMBOL(fn): fn may never be probed. The address goes into the .nokprobe section
 * (linker.ld); at boot kprobes turns each into the function's whole range (kallsyms). Mark the
 * code the int3 path runs before it can tell a nested hit, and the kprobe machinery itself.
 */
#define NOKPROBE_SYMBOL(fname)                                                                     \
	static const void *const __nokprobe_##fname __used __section(".nokprobe")                  \
		__aligned(8) = (const void *)&fname

#ifndef __ASSEMBLER__

#include "kernel/arch/x86/ptrace.h"
#include "kernel/arch/x86/kprobes.h"

struct kprobe;
struct kretprobe;
struct kretprobe_instance;

/* Runs before the probed instruction, regs->ip one past the probed address (as after int3 on
 * Linux). A non-zero return means "I set regs->ip: resume there, skip the instruction". */
typedef int (*kprobe_pre_handler_t)(struct kprobe *p, struct pt_regs *regs);
/* Runs after the probed instruction, regs->ip at the next instruction to run. */
typedef void (*kprobe_post_handler_t)(struct kprobe *p, struct pt_regs *regs, unsigned long flags);
/* Runs when a probed function returns: regs->ax is the return value, regs->ip the caller. */
typedef int (*kretprobe_handler_t)(struct kretprobe_instance *ri, struct pt_regs *regs);

#define KPROBE_FLAG_DISABLED 1	 /* registered, not armed until enable_kprobe */
#define KPROBE_FLAG_SINGLESTEP 2 /* never emulate or boost: single-step with TF (tests, figures) */

struct kprobe {
	/* Filled in by the caller: symbol_name (+ offset), or addr. */
	const char *symbol_name;
	unsigned int offset;
	u8 *addr; /* set by register_kprobe when symbol_name is given */
	kprobe_pre_handler_t pre_handler;
	kprobe_post_handler_t post_handler;
	u32 flags; /* KPROBE_FLAG_* */

	u64 nmissed; /* hits that ran no handler: a handler was already running */

	/* kprobes' own */
	struct kprobe_site *site; /* the probed address, shared by every probe on it */
	struct kprobe *next;	  /* the next probe on the same address, registered later */
};

/*
 * One probed address (Linux's aggregated probe): the saved byte, the decoded instruction and
 * its slot, and the probes on it. Armed (int3 in place) while at least one probe is enabled.
 */
struct kprobe_site {
	u64 addr;
	struct kprobe_site *hnext; /* hash chain */
	struct kprobe *probes;
	int nr_enabled;
	bool armed;
	bool single_step; /* a probe wants the post-handler after a real execution, or asked */
	struct arch_specific_insn ainsn;
};

struct kretprobe {
	struct kprobe kp; /* on the function's entry; its pre_handler is kprobes' own */
	kretprobe_handler_t handler;
	kretprobe_handler_t entry_handler; /* optional: non-zero return = do not watch this call */
	int maxactive;			   /* calls watched at once (0: 16) */
	size_t data_size;		   /* bytes of ri->data for the handlers */
	u64 nmissed;			   /* calls not watched: no instance free, or nested */

	struct kretprobe_instance *free_instances;
	int nr_instances;
};

/* One watched call: where its return address was, and what it was. */
struct kretprobe_instance {
	struct kretprobe *rp; /* NULL once the kretprobe is unregistered: freed at the return */
	u64 ret_addr;	      /* the real return address */
	u64 stack_slot;	      /* the stack address that held it (now: the trampoline's) */
	u64 func;	      /* the function's entry address */
	struct kretprobe_instance *next;
	char data[];
};

/* Register a probe: 0, or -ENOENT (unknown symbol), -EILSEQ (not an instruction boundary),
 * -EINVAL (blacklisted, outside kernel text, an instruction kprobes cannot run), -EBUSY (a
 * static-key site), -EEXIST (already registered), -ENOMEM. A message says why. Process context. */
int register_kprobe(struct kprobe *p);
void unregister_kprobe(struct kprobe *p);
/* Arm or disarm one registered probe (the site stays armed while any probe on it is enabled). */
int enable_kprobe(struct kprobe *p);
int disable_kprobe(struct kprobe *p);

/* kretprobes: kp.symbol_name (or kp.addr) must be a function's entry. Errors as register_kprobe,
 * and -EINVAL for an offset other than 0. */
int register_kretprobe(struct kretprobe *rp);
void unregister_kretprobe(struct kretprobe *rp);

/* The function of addr may not be probed (NOKPROBE_SYMBOL, entry code, the kprobe machinery). */
bool within_kprobe_blacklist(u64 addr);
/* Can a probe go at offset 0 of the function at addr? (available_filter_functions) */
bool kprobe_function_listed(u64 addr, u64 size, char type);
/* Check where a probe would go without registering it: 0 or the errno register_kprobe gives,
 * with *why (if not NULL) saying what is wrong. */
int kprobe_check_address(u64 addr, const char **why);

/* Boot: read the blacklist, claim #BP and #DB. Before any other #BP handler is registered. */
void kprobes_init(void);

/* The int3 and debug-trap handlers (registered with trap_register_handler). */
bool kprobe_int3_handler(int vector, struct pt_regs *regs);
bool kprobe_debug_handler(int vector, struct pt_regs *regs);

/* bpf_get_func_ip: the probed address (kprobe) or function (kretprobe) whose handler runs with
 * regs == ctx, else 0. */
u64 kprobe_func_ip(const void *ctx);

/* Unwinders: the return address a backtrace should show for ret, read from the stack at slot:
 * the real caller when ret is kretprobe_trampoline, ret otherwise. */
u64 kretprobe_fixup_return(u64 ret, u64 slot);

/* Called by kretprobe_trampoline (kernel/arch/x86/kretprobe_trampoline.S) with its pt_regs:
 * runs the handler and returns the real return address. */
u64 kretprobe_trampoline_handler(struct pt_regs *regs);

/* Probed addresses and armed sites right now (tests). */
int kprobe_nr_sites(void);
/* The byte int3 replaced at addr, if addr is armed: kernel text as it would be without kprobes
 * (tests, and decoding a function that holds other probes). */
void kprobe_read_original(u64 addr, u8 *buf, size_t len);

#endif /* __ASSEMBLER__ */
#endif /* KERNEL_TRACE_KPROBES_H */
