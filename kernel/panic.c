/*
 * kernel/panic.c - panic() and warnings.
 *
 * panic prints the message and a backtrace, then ends a QEMU run with status 5 (isa-debug-exit
 * value 2), so an automated run never waits for its timeout after a crash. Without that device
 * it halts with interrupts off. A panic inside a panic only halts.
 */
#include "kernel/printk.h"
#include "kernel/arch/x86/cpu.h"
#include "kernel/arch/x86/trap.h"
#include "drivers/qemu_exit.h"

#define QEMU_EXIT_PANIC 2

static bool in_panic;

void panic(const char *fmt, ...)
{
	va_list ap;
	char msg[256];
	extern int vsnprintf(char *, size_t, const char *, va_list);

	cli();
	if (in_panic)
		for (;;)
			hlt();
	in_panic = true;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	printk(KERN_EMERG "Kernel panic - not syncing: %s\n", msg);
	dump_backtrace((u64)__builtin_return_address(0) - 1, (u64)__builtin_frame_address(0));
	printk(KERN_EMERG "---[ end Kernel panic - not syncing: %s ]---\n", msg);
	qemu_exit(QEMU_EXIT_PANIC);
}

void warn_at(const char *file, int line, const char *what)
{
	printk(KERN_WARNING "WARNING: at %s:%d: %s\n", file, line, what);
	dump_backtrace((u64)__builtin_return_address(0) - 1, (u64)__builtin_frame_address(0));
}
