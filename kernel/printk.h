/*
 * kernel/printk.h - the kernel log: printk with Linux's level prefixes, panic, and warnings.
 */
#ifndef KERNEL_PRINTK_H
#define KERNEL_PRINTK_H

#include "kernel/types.h"

#define KERN_SOH "\001"
#define KERN_EMERG KERN_SOH "0"
#define KERN_ALERT KERN_SOH "1"
#define KERN_CRIT KERN_SOH "2"
#define KERN_ERR KERN_SOH "3"
#define KERN_WARNING KERN_SOH "4"
#define KERN_NOTICE KERN_SOH "5"
#define KERN_INFO KERN_SOH "6"
#define KERN_DEBUG KERN_SOH "7"

#define LOGLEVEL_DEFAULT 6

/* Messages whose level is not below this are kept in the log buffer but not shown on the
 * console (7, the default, shows everything but debug; loglevel=8 shows all). */
extern int console_loglevel;

/*
 * Print a message: "[    1.234567] text". A leading KERN_<LEVEL> sets its level (default
 * info). Safe in any context, interrupts included; returns the characters written.
 */
int printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int vprintk(const char *fmt, va_list ap);

/* Raw console output with no prefix (the prompt, echo of typed characters). */
void console_write(const char *s, size_t len);
void console_puts(const char *s);

/* Copy up to size bytes of the log buffer (oldest first) into buf; returns the bytes copied. */
size_t printk_log_read(char *buf, size_t size);

/* Print a message and a backtrace, then stop the machine (or exit QEMU with a failure). */
void panic(const char *fmt, ...) __attribute__((format(printf, 1, 2))) __noreturn;

/* A bug the kernel survives: print it with a backtrace and go on. */
#define WARN_ON(cond)                                                                      \
	({                                                                                 \
		bool __c = !!(cond);                                                       \
		if (unlikely(__c))                                                         \
			warn_at(__FILE__, __LINE__, #cond);                                \
		__c;                                                                       \
	})
void warn_at(const char *file, int line, const char *what);

#define pr_err(fmt, ...) printk(KERN_ERR fmt, ##__VA_ARGS__)
#define pr_warn(fmt, ...) printk(KERN_WARNING fmt, ##__VA_ARGS__)
#define pr_info(fmt, ...) printk(KERN_INFO fmt, ##__VA_ARGS__)
#define pr_debug(fmt, ...) printk(KERN_DEBUG fmt, ##__VA_ARGS__)

#endif /* KERNEL_PRINTK_H */
