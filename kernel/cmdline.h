/*
 * kernel/cmdline.h - kernel command-line options.
 *
 * A subsystem declares an option with __setup("name=", handler): the handler receives the text
 * after '=' and returns 0, or a negative errno when the value is malformed. Options without '='
 * are declared as __setup("name", handler) and receive "". Unknown or malformed options are
 * reported and ignored; the boot goes on.
 */
#ifndef KERNEL_CMDLINE_H
#define KERNEL_CMDLINE_H

#include "kernel/types.h"

struct setup_param {
	const char *str;
	int (*fn)(const char *value);
};

#define __setup(option, handler)                                                           \
	static const struct setup_param __setup_##handler __section(".setup") __used         \
		__aligned(16) = {                                                          \
		option, handler }

/* Parse the command line, calling each option's handler in order. Returns the errors seen. */
int cmdline_parse(const char *cmdline);

#endif
