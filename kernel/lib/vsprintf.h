/*
 * kernel/lib/vsprintf.h - snprintf and vsnprintf; they return the length the full output would
 * have, like C's, and always terminate buf when size > 0.
 */
#ifndef KERNEL_LIB_VSPRINTF_H
#define KERNEL_LIB_VSPRINTF_H

#include "kernel/types.h"

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
