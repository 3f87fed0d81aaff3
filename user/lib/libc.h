/*
 * lib/libc.h - what the files of the C library share and programs do not see.
 *
 * The printf family has one formatter, libc_vformat (printf.c), that hands its output in pieces
 * to a sink: a string for snprintf, a FILE for fprintf (stdio.c), a file descriptor for dprintf.
 */
#ifndef USER_LIB_LIBC_H
#define USER_LIB_LIBC_H

#include <stdarg.h>
#include <stddef.h>

struct libc_sink {
	void (*put)(struct libc_sink *sink, const char *s, size_t n);
};

/* Format into sink; returns the number of characters produced. */
int libc_vformat(struct libc_sink *sink, const char *fmt, va_list ap);

/* Flush every stdio stream (exit calls this). */
void libc_stdio_flush_all(void);

/* The auxiliary vector crt0 found past the environment (start.c). */
extern unsigned long *libc_auxv;

#endif /* USER_LIB_LIBC_H */
