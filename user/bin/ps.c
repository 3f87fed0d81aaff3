/*
 * bin/ps.c - list processes: ps [-f file].
 *
 * glass describes its processes in /proc/ps, one line each, fields separated by spaces:
 *	pid ppid state ticks uid name
 * (state R runnable, S sleeping, Z zombie; ticks of 1 ms spent running). ps prints them as a
 * table with a header; a line it cannot read is shown as it is. -f reads another file.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Split line into at most max fields at spaces; the last field keeps any spaces it has. */
static int split(char *line, char **fields, int max)
{
	int n = 0;

	while (*line && n < max) {
		while (*line == ' ')
			line++;
		if (!*line)
			break;
		fields[n++] = line;
		if (n == max)
			break;
		line = strchr(line, ' ');
		if (!line)
			break;
		*line++ = '\0';
	}
	return n;
}

int main(int argc, char **argv)
{
	const char *path = "/proc/ps";
	char line[512], raw[512], *f[6], *end;
	unsigned long ticks = 0;
	FILE *in;
	int opt;

	while ((opt = getopt(argc, argv, "f:")) != -1) {
		if (opt != 'f') {
			fprintf(stderr, "usage: ps [-f file]\n");
			return 2;
		}
		path = optarg;
	}
	in = fopen(path, "r");
	if (!in) {
		fprintf(stderr, "ps: %s: %s\n", path, strerror(errno));
		return 1;
	}
	printf("%5s %5s %s %5s %8s %s\n", "PID", "PPID", "S", "UID", "TIME", "CMD");
	while (fgets(line, sizeof(line), in)) {
		line[strcspn(line, "\n")] = '\0';
		strcpy(raw, line);
		end = "x";
		if (split(line, f, 6) == 6)
			ticks = strtoul(f[3], &end, 10);
		if (*end) {
			printf("%s\n", raw);
			continue;
		}
		printf("%5s %5s %s %5s %4lu.%03lu %s\n", f[0], f[1], f[2], f[4], ticks / 1000,
		       ticks % 1000, f[5]);
	}
	fclose(in);
	return 0;
}
