/*
 * bin/crash.c - fault on purpose, for the tests of what the kernel does with a faulting process.
 *
 *	crash null | kread | kwrite | exec | ud2 | div0 | stack | abort
 *
 * Each kind prints its name, then does one thing a user program must not do: write to address
 * 0, read or write the kernel's text (0xffffffff80100000), jump into a data page (NX), execute
 * ud2, divide by zero, recurse until the stack runs out, abort. The kernel should kill the
 * process with a message and its parent should see the signal; if the process survives, it says
 * so and exits with status 1.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define KERNEL_TEXT 0xffffffff80100000UL

static unsigned char data_page[64] = { 0xc3 }; /* ret: harmless if it were executable */
static volatile int zero, seven = 7; /* volatile: the division must really happen */

/* Deeper and deeper; the test on depth is never false, but the compiler cannot know that. */
static int recurse(volatile int depth)
{
	volatile char pad[256];

	pad[0] = (char)depth;
	if (depth >= 0)
		return recurse(depth + 1) + pad[0];
	return 0;
}

int main(int argc, char **argv)
{
	const char *kind = argc > 1 ? argv[1] : "";

	printf("crash: %s\n", kind);
	fflush(stdout);
	if (!strcmp(kind, "null")) {
		*(volatile int *)0 = 1;
	} else if (!strcmp(kind, "kread")) {
		printf("read %lx\n", *(volatile unsigned long *)KERNEL_TEXT);
	} else if (!strcmp(kind, "kwrite")) {
		*(volatile unsigned long *)KERNEL_TEXT = 0;
	} else if (!strcmp(kind, "exec")) {
		((void (*)(void))(void *)data_page)();
	} else if (!strcmp(kind, "ud2")) {
		__builtin_trap();
	} else if (!strcmp(kind, "div0")) {
		printf("%d\n", seven / zero);
	} else if (!strcmp(kind, "stack")) {
		recurse(0);
	} else if (!strcmp(kind, "abort")) {
		abort();
	} else {
		fprintf(stderr, "usage: crash null|kread|kwrite|exec|ud2|div0|stack|abort\n");
		return 2;
	}
	printf("crash: %s: survived\n", kind);
	return 1;
}
