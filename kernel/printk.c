/*
 * kernel/printk.c - the kernel log.
 *
 * Every message goes into a 64 KiB ring buffer (read by dmesg and /proc later) and, when its
 * level is at or below console_loglevel, to the consoles: the serial port (the main console) and
 * the VGA text mirror. Lines are prefixed with the time since boot, as Linux prints them.
 * Interrupts are disabled while a message is formatted and written, so a message from an
 * interrupt handler never interleaves with another.
 */
#include "kernel/printk.h"
#include "kernel/lib/string.h"
#include "kernel/lib/vsprintf.h"
#include "kernel/time.h"
#include "kernel/arch/x86/cpu.h"
#include "drivers/serial.h"
#include "drivers/vga.h"

/* As Linux: a message reaches the console when its level is below this. */
int console_loglevel = 7;

#define LOG_BUF_SIZE 65536
static char log_buf[LOG_BUF_SIZE];
static u64 log_head; /* total bytes ever written; the buffer holds the last LOG_BUF_SIZE */
static bool at_line_start = true;

static void log_store(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		log_buf[(log_head + i) % LOG_BUF_SIZE] = s[i];
	log_head += len;
}

void console_write(const char *s, size_t len)
{
	serial_write(s, len);
	vga_write(s, len);
}

void console_puts(const char *s)
{
	console_write(s, strlen(s));
}

size_t printk_log_read(char *buf, size_t size)
{
	u64 flags = irq_save();
	u64 start = log_head > LOG_BUF_SIZE ? log_head - LOG_BUF_SIZE : 0;
	size_t n = 0;

	if (log_head - start > size)
		start = log_head - size;
	for (u64 i = start; i < log_head; i++)
		buf[n++] = log_buf[i % LOG_BUF_SIZE];
	irq_restore(flags);
	return n;
}

int vprintk(const char *fmt, va_list ap)
{
	char msg[512], prefix[24];
	int level = LOGLEVEL_DEFAULT;
	u64 flags;
	int n;

	if (fmt[0] == KERN_SOH[0] && fmt[1] >= '0' && fmt[1] <= '7') {
		level = fmt[1] - '0';
		fmt += 2;
	}
	n = vsnprintf(msg, sizeof(msg), fmt, ap);
	if (n >= (int)sizeof(msg))
		n = sizeof(msg) - 1;

	flags = irq_save();
	for (int i = 0; i < n;) {
		int end = i;

		while (end < n && msg[end] != '\n')
			end++;
		if (end < n)
			end++; /* include the newline */
		if (at_line_start) {
			u64 ns = ktime_get_ns();
			int p = snprintf(prefix, sizeof(prefix), "[%5llu.%06llu] ", ns / 1000000000ull,
					 (ns / 1000) % 1000000);

			log_store(prefix, p);
			if (level < console_loglevel)
				console_write(prefix, p);
		}
		log_store(msg + i, end - i);
		if (level < console_loglevel)
			console_write(msg + i, end - i);
		at_line_start = msg[end - 1] == '\n';
		i = end;
	}
	irq_restore(flags);
	return n;
}

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}
