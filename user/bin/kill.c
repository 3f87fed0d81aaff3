/*
 * bin/kill.c - send a signal to processes: kill [-SIG | -s SIG | -N] pid..., kill -l.
 *
 * The default signal is TERM. A signal is a name with or without "SIG" (KILL, SIGKILL) or a
 * number. glass has no signal handlers, so any signal but 0 ends the process it reaches.
 */
#include <ctype.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int parse_signal(const char *s)
{
	char *end;
	long n;

	if (isdigit((unsigned char)*s)) {
		n = strtol(s, &end, 10);
		return *end || n >= NSIG ? -1 : (int)n;
	}
	n = sig_number(s);
	return n ? (int)n : -1;
}

static void list(void)
{
	for (int i = 1; i < NSIG; i++)
		if (sig_name(i))
			printf("%2d) SIG%s\n", i, sig_name(i));
}

int main(int argc, char **argv)
{
	int sig = SIGTERM, status = 0, i = 1;
	const char *spec = NULL;
	char *end;
	long pid;

	if (argc > 1 && !strcmp(argv[1], "-l")) {
		list();
		return 0;
	}
	if (argc > 2 && !strcmp(argv[1], "-s")) {
		spec = argv[2];
		i = 3;
	} else if (argc > 1 && argv[1][0] == '-' && argv[1][1]) {
		spec = argv[1] + 1;
		i = 2;
	}
	if (spec && (sig = parse_signal(spec)) < 0) {
		fprintf(stderr, "kill: %s: invalid signal\n", spec);
		return 2;
	}
	if (i >= argc) {
		fprintf(stderr, "usage: kill [-SIG | -s SIG | -N] pid...  or  kill -l\n");
		return 2;
	}
	for (; i < argc; i++) {
		pid = strtol(argv[i], &end, 10);
		if (*end || end == argv[i]) {
			fprintf(stderr, "kill: %s: not a process id\n", argv[i]);
			status = 1;
		} else if (kill((int)pid, sig) < 0) {
			fprintf(stderr, "kill: (%ld): %s\n", pid, strerror(errno));
			status = 1;
		}
	}
	return status;
}
