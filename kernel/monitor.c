/*
 * kernel/monitor.c - a tiny prompt on the console, for a kernel that has no user space yet:
 * `help`, `mem`, `ticks`, `ktest <pattern>` and `poweroff`. Reads lines from the serial port with
 * backspace handling, sleeping (hlt) until the next interrupt while no input is waiting.
 */
#include "kernel/printk.h"
#include "kernel/ktest.h"
#include "kernel/time.h"
#include "kernel/lib/string.h"
#include "kernel/mm/mm.h"
#include "kernel/arch/x86/cpu.h"
#include "drivers/serial.h"
#include "drivers/qemu_exit.h"

static void read_line(char *buf, size_t size)
{
	size_t n = 0;

	for (;;) {
		int c = serial_getc();

		if (c < 0) {
			hlt(); /* interrupts are on: the next one (tick or input) wakes us */
			continue;
		}
		if (c == '\r' || c == '\n') {
			console_puts("\n");
			buf[n] = '\0';
			return;
		}
		if (c == 0x7f || c == '\b') {
			if (n > 0) {
				n--;
				console_puts("\b \b");
			}
			continue;
		}
		if (c >= ' ' && n + 1 < size) {
			char ch = (char)c;

			buf[n++] = ch;
			console_write(&ch, 1);
		}
	}
}

static void cmd_mem(void)
{
	struct kmalloc_stats st;

	kmalloc_get_stats(&st);
	printk("frames: %llu free of %llu (%llu KiB free)\n", frame_free_count(),
	       frame_total_count(), frame_free_count() * 4);
	printk("kmalloc: %llu live objects, %llu bytes, %llu allocations since boot\n",
	       st.live_objects, st.live_bytes, st.total_allocs);
}

void monitor_loop(void)
{
	char line[128];

	for (;;) {
		console_puts("glass> ");
		read_line(line, sizeof(line));
		if (!strcmp(line, "help")) {
			printk("commands: help, mem, ticks, ktest <pattern>, poweroff\n");
		} else if (!strcmp(line, "poweroff")) {
			printk("power off\n");
			qemu_exit(QEMU_EXIT_PASS);
		} else if (!strcmp(line, "mem")) {
			cmd_mem();
		} else if (!strcmp(line, "ticks")) {
			printk("%llu ticks (%d Hz), %llu ns since boot\n", jiffies, HZ, ktime_get_ns());
		} else if (!strncmp(line, "ktest ", 6) && line[6]) {
			int passed;

			ktest_run(line + 6, &passed);
		} else if (line[0]) {
			printk("unknown command '%s'; try help\n", line);
		}
	}
}
