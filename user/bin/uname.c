/*
 * bin/uname.c - print system information: uname [-asnrvm] (no option: -s).
 *
 * The fields come from the uname system call in the order Linux's uname prints them.
 */
#include <stdio.h>
#include <unistd.h>
#include <sys/utsname.h>

int main(int argc, char **argv)
{
	static const char flags[] = "snrvm";
	struct utsname u;
	const char *fields[5];
	int want = 0, opt, i, first = 1;

	while ((opt = getopt(argc, argv, "asnrvm")) != -1) {
		if (opt == '?') {
			fprintf(stderr, "usage: uname [-asnrvm]\n");
			return 2;
		}
		for (i = 0; i < 5; i++)
			if (opt == 'a' || opt == flags[i])
				want |= 1 << i;
	}
	if (optind < argc) {
		fprintf(stderr, "uname: extra operand '%s'\n", argv[optind]);
		return 2;
	}
	if (!want)
		want = 1;
	if (uname(&u) < 0) {
		perror("uname");
		return 1;
	}
	fields[0] = u.sysname;
	fields[1] = u.nodename;
	fields[2] = u.release;
	fields[3] = u.version;
	fields[4] = u.machine;
	for (i = 0; i < 5; i++) {
		if (want & (1 << i)) {
			printf("%s%s", first ? "" : " ", fields[i]);
			first = 0;
		}
	}
	putchar('\n');
	return 0;
}
