/*
 * kernel/arch/x86/text_poke.h - changing the kernel's own code while it runs.
 */
#ifndef ARCH_X86_TEXT_POKE_H
#define ARCH_X86_TEXT_POKE_H

#include "kernel/types.h"

/*
 * Write len bytes over kernel text at addr, through a temporary writable alias: the text itself
 * stays read-only and executable. Interrupts are off during the write, and the CPU is
 * serialized afterwards so it executes the new bytes. 0, or -ENOMEM / -EFAULT.
 */
int text_poke(void *addr, const void *src, size_t len);

/* The 5-byte NOP static keys and tracepoints start with: nopl 0x0(%rax,%rax,1). */
extern const u8 x86_nop5[5];

#endif
