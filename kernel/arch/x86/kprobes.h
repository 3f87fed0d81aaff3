/*
 * kernel/arch/x86/kprobes.h - the x86-64 half of kprobes (kprobes.c in this directory): what a
 * probed instruction becomes, and the calls the generic code (kernel/trace/kprobes.c) makes.
 *
 * A slot is 32 bytes of an executable page in the vmap area (within 2 GiB of the kernel text,
 * so rel32 jumps and RIP-relative operands reach): the probed instruction, re-aimed if it is
 * RIP-relative, then `jmp` back to the instruction after it:
 *
 *	slot:     <copy of the instruction, 1-15 bytes>
 *	          e9 <rel32>          jmp addr + length
 *	          cc cc ...           int3 padding
 */
#ifndef ARCH_X86_KPROBES_H
#define ARCH_X86_KPROBES_H

#include "kernel/types.h"
#include "kernel/arch/x86/ptrace.h"
#include "kernel/arch/x86/insn.h"

/* Linux's errno for "not on an instruction boundary" (bpf/uapi/errno.h lists only what bpf/
 * returns). */
#ifndef EILSEQ
#define EILSEQ 84
#endif

#define INT3_INSN_OPCODE 0xcc
#define INT3_INSN_SIZE 1
#define KPROBE_SLOT_SIZE 32

struct kprobe_site;

struct arch_specific_insn {
	struct insn insn;      /* decoded from the original bytes; kaddr: the probed address */
	enum insn_class class; /* emulated, or boostable (runs from the slot) */
	u8 *slot;	       /* copy + jmp back; NULL for relative branches (always emulated) */
	u8 opcode;	       /* the byte int3 replaced */
};

/* Decode the instruction at site->addr from orig (the bytes as they are without any int3 of
 * kprobes, avail of them readable), classify it and fill a slot. 0, or -EINVAL with *why. */
int arch_prepare_kprobe(struct kprobe_site *site, const u8 *orig, size_t avail, const char **why);
/* Give back the slot. */
void arch_remove_kprobe(struct kprobe_site *site);
/* Write int3 over the first byte / put the saved byte back (text_poke). 0 or -errno. */
int arch_arm_kprobe(struct kprobe_site *site);
int arch_disarm_kprobe(struct kprobe_site *site);

enum kprobe_exec {
	KPROBE_EXEC_DONE,	/* emulated: regs hold the state after the instruction */
	KPROBE_EXEC_BOOSTED,	/* regs->ip is the slot: the copy runs and jumps back */
	KPROBE_EXEC_SINGLESTEP, /* regs->ip is the slot with TF set: a debug trap follows */
};

/*
 * Execute the displaced instruction for a hit at site (regs->ip = site->addr + 1): emulate it
 * when its class allows and single_step is false, else point regs at the slot, boosted or with
 * TF (saving the flags TF and IF had in *saved_flags). int3 handler, interrupts off.
 */
enum kprobe_exec arch_kprobe_execute(struct kprobe_site *site, struct pt_regs *regs,
				     bool single_step, u64 *saved_flags);
/* The debug trap after a single-step: is it the step of site? If so, move regs back to the
 * original code (ip, pushed flags) and restore TF and IF from saved_flags. */
bool arch_kprobe_singlestep_done(struct kprobe_site *site, struct pt_regs *regs, u64 saved_flags);

/* kretprobes: swap the return address at regs->sp (a function's entry) for the trampoline;
 * the real one goes to *ret_addr. */
void arch_prepare_kretprobe(struct pt_regs *regs, u64 *ret_addr);
extern char kretprobe_trampoline[], kretprobe_trampoline_end[];

/* Claim #BP and #DB for kprobes. */
void arch_kprobes_init(void);

#endif
