/*
 * kernel/arch/x86/ptrace.h - struct pt_regs, the saved register frame, in Linux's x86-64 layout
 * (so BPF programs compiled against Linux headers read the same offsets: PT_REGS_PARM1(ctx) is
 * di). Trap entry (trap_entry.S) builds exactly this on the stack:
 *
 *   high  ss, sp, flags, cs, ip      pushed by the CPU
 *         orig_ax                    error code (0 when the exception has none)
 *         di si dx cx ax r8 .. r11   caller-saved, pushed by the entry stub
 *   low   bx bp r12 .. r15           callee-saved               <- struct pt_regs *
 */
#ifndef ARCH_X86_PTRACE_H
#define ARCH_X86_PTRACE_H

#include "kernel/types.h"

struct pt_regs {
	u64 r15;
	u64 r14;
	u64 r13;
	u64 r12;
	u64 bp;
	u64 bx;
	u64 r11;
	u64 r10;
	u64 r9;
	u64 r8;
	u64 ax;
	u64 cx;
	u64 dx;
	u64 si;
	u64 di;
	u64 orig_ax;
	u64 ip;
	u64 cs;
	u64 flags;
	u64 sp;
	u64 ss;
};

static inline bool user_mode(const struct pt_regs *regs) { return (regs->cs & 3) == 3; }

#endif
