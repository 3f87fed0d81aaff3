/*
 * kernel/lkdtm.c - crashes on purpose, to test that nothing goes silent (after Linux's
 * Kernel Dump Test Module). `lkdtm=<type>` on the command line performs the action right after
 * the banner; the scenario tests check the report it produces and QEMU's exit status.
 *   null_deref   read through a NULL pointer         write_text  write to kernel text
 *   exec_nx      call into a non-executable page     ud2         execute an invalid opcode
 *   divide       divide by zero                      panic       call panic()
 */
#include "kernel/cmdline.h"
#include "kernel/printk.h"
#include "kernel/lib/string.h"
#include "kernel/mm/mm.h"

static char action[16];

static int set_lkdtm(const char *value)
{
	static const char *const known[] = { "null_deref", "write_text", "exec_nx",
					     "ud2",        "divide",     "panic" };

	for (size_t i = 0; i < ARRAY_SIZE(known); i++) {
		if (!strcmp(value, known[i])) {
			strlcpy(action, value, sizeof(action));
			return 0;
		}
	}
	return -EINVAL;
}
__setup("lkdtm=", set_lkdtm);

static u8 nx_buffer[16] = { 0xc3 }; /* ret, in .data: never executable */

/* Run the action chosen on the command line, if any. */
void lkdtm_run(void)
{
	volatile u64 zero = 0;
	volatile u64 *null = NULL;

	if (!action[0])
		return;
	printk(KERN_WARNING "lkdtm: performing %s\n", action);
	asm volatile("" : "+r"(null));
	if (!strcmp(action, "null_deref"))
		printk("lkdtm: read %llu\n", *null);
	else if (!strcmp(action, "write_text"))
		*(volatile u8 *)lkdtm_run = 0x90;
	else if (!strcmp(action, "exec_nx"))
		((void (*)(void))nx_buffer)();
	else if (!strcmp(action, "ud2"))
		asm volatile("ud2");
	else if (!strcmp(action, "divide"))
		asm volatile("xor %%edx, %%edx\n\tdivq %0" : : "r"(zero), "a"(1ull) : "rdx");
	else if (!strcmp(action, "panic"))
		panic("lkdtm: panic requested on the command line");
	printk(KERN_ERR "lkdtm: %s did not crash\n", action);
}
