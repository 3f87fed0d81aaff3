/*
 * lib/start.c - from the initial stack to main, and from main's return to exit_group.
 *
 * crt0.S passes the stack pointer the kernel started the program with; argc, argv, envp and the
 * auxiliary vector are read off it (the layout is drawn in crt0.S). exit() flushes the stdio
 * streams before the process ends. Read next: sys.c.
 */
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/syscall.h>

#include "user/lib/libc.h"

char **environ;
unsigned long *libc_auxv;

int main(int argc, char **argv, char **envp);
__attribute__((noreturn, used)) void __libc_start_main(long *sp);

/* Called by _start with the initial stack; never returns. */
void __libc_start_main(long *sp)
{
	int argc = (int)sp[0];
	char **argv = (char **)(sp + 1);
	char **envp = argv + argc + 1;
	char **p = envp;

	while (*p)
		p++;
	libc_auxv = (unsigned long *)(p + 1);
	environ = envp;
	exit(main(argc, argv, envp));
}

unsigned long getauxval(unsigned long type)
{
	unsigned long *a;

	for (a = libc_auxv; a && a[0] != AT_NULL; a += 2)
		if (a[0] == type)
			return a[1];
	return 0;
}

void exit(int status)
{
	libc_stdio_flush_all();
	_exit(status);
}

void _Exit(int status)
{
	_exit(status);
}

void _exit(int status)
{
	for (;;)
		__syscall1(__NR_exit_group, status);
}

void abort(void)
{
	libc_stdio_flush_all();
	kill(getpid(), SIGABRT);
	_exit(128 + SIGABRT);
}
