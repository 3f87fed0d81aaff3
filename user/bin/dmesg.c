/*
 * bin/dmesg.c - print the kernel log: dmesg [-f file].
 *
 * glass keeps its log in /proc/dmesg, plain text as the console showed it; dmesg copies it to
 * standard output. -f reads another file of the same kind (for tests on a host).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	const char *path = "/proc/dmesg";
	char buf[4096];
	ssize_t n;
	int opt, fd;

	while ((opt = getopt(argc, argv, "f:")) != -1) {
		if (opt != 'f') {
			fprintf(stderr, "usage: dmesg [-f file]\n");
			return 2;
		}
		path = optarg;
	}
	fd = open(path, O_RDONLY);
	if (fd < 0) {
		fprintf(stderr, "dmesg: %s: %s\n", path, strerror(errno));
		return 1;
	}
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		if (write(1, buf, n) != n)
			return 1;
	if (n < 0) {
		fprintf(stderr, "dmesg: %s: %s\n", path, strerror(errno));
		return 1;
	}
	return 0;
}
