/*
 * bin/cat.c - copy files (or standard input, for "-" or no argument) to standard output.
 *
 * Straight read() and write() in 4 KiB pieces, no stdio. A file that cannot be read is reported
 * and skipped; the exit status is then 1.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static char buf[4096];

static int copy(int fd, const char *name)
{
	ssize_t n, done, k;

	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		for (done = 0; done < n; done += k) {
			k = write(1, buf + done, n - done);
			if (k <= 0) {
				fprintf(stderr, "cat: write error: %s\n", strerror(errno));
				return -1;
			}
		}
	}
	if (n < 0) {
		fprintf(stderr, "cat: %s: %s\n", name, strerror(errno));
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	int status = 0, i, fd;

	if (argc < 2)
		return copy(0, "-") ? 1 : 0;
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-")) {
			fd = 0;
		} else {
			fd = open(argv[i], O_RDONLY);
			if (fd < 0) {
				fprintf(stderr, "cat: %s: %s\n", argv[i], strerror(errno));
				status = 1;
				continue;
			}
		}
		if (copy(fd, argv[i]))
			status = 1;
		if (fd)
			close(fd);
	}
	return status;
}
