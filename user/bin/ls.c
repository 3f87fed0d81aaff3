/*
 * bin/ls.c - list directories: ls [-a] [-l] [path...].
 *
 * Names come from getdents64 (through readdir), sorted by byte value; names starting with '.'
 * only with -a. A path that is not a directory is listed as itself. -l opens each entry and
 * fstats it (there is no stat system call in glass's list) to print its type, mode and size:
 *	drwxr-xr-x        0 bin
 *	-rwxr-xr-x    23952 cat
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

static int show_all, long_format;
static int printed; /* something is on the screen: a directory header needs a blank line */

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static char type_char(unsigned int mode)
{
	if (S_ISDIR(mode))
		return 'd';
	if (S_ISCHR(mode))
		return 'c';
	if (S_ISFIFO(mode))
		return 'p';
	if (S_ISLNK(mode))
		return 'l';
	if (S_ISBLK(mode))
		return 'b';
	return S_ISREG(mode) ? '-' : '?';
}

/* One line: the name alone, or with -l its type, mode and size. */
static void show(const char *path, const char *name)
{
	static const char rwx[] = "rwxrwxrwx";
	struct stat st;
	char mode[11];
	int fd, i;

	printed = 1;
	if (!long_format) {
		printf("%s\n", name);
		return;
	}
	fd = open(path, O_RDONLY);
	if (fd < 0 || fstat(fd, &st) < 0) {
		printf("?????????? %8s %s\n", "?", name);
		if (fd >= 0)
			close(fd);
		return;
	}
	close(fd);
	mode[0] = type_char(st.st_mode);
	for (i = 0; i < 9; i++)
		mode[i + 1] = st.st_mode & (0400 >> i) ? rwx[i] : '-';
	mode[10] = '\0';
	printf("%s %8ld %s\n", mode, (long)st.st_size, name);
}

static int list_dir(const char *path, DIR *d)
{
	char **names = NULL, full[4096];
	size_t n = 0, cap = 0, i;
	struct dirent *e;
	int status = 0;

	errno = 0;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.' && !show_all)
			continue;
		if (n == cap) {
			char **grown = realloc(names, (cap = cap ? cap * 2 : 64) * sizeof(*names));

			if (!grown)
				goto nomem;
			names = grown;
		}
		names[n] = strdup(e->d_name);
		if (!names[n])
			goto nomem;
		n++;
	}
	if (errno) {
		fprintf(stderr, "ls: %s: %s\n", path, strerror(errno));
		status = 1;
	}
	qsort(names, n, sizeof(*names), by_name);
	for (i = 0; i < n; i++) {
		snprintf(full, sizeof(full), "%s/%s", path, names[i]);
		show(full, names[i]);
	}
	goto out;
nomem:
	fprintf(stderr, "ls: %s: out of memory\n", path);
	status = 1;
out:
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return status;
}

static int list(const char *path, int with_header)
{
	DIR *d = opendir(path);
	int fd, status;

	if (!d) {
		if (errno != ENOTDIR) {
			fprintf(stderr, "ls: %s: %s\n", path, strerror(errno));
			return 1;
		}
		fd = open(path, O_RDONLY);
		if (fd < 0) {
			fprintf(stderr, "ls: %s: %s\n", path, strerror(errno));
			return 1;
		}
		close(fd);
		show(path, path);
		return 0;
	}
	if (with_header) {
		printf("%s%s:\n", printed ? "\n" : "", path);
		printed = 1;
	}
	status = list_dir(path, d);
	closedir(d);
	return status;
}

int main(int argc, char **argv)
{
	int opt, status = 0, i;

	while ((opt = getopt(argc, argv, "al")) != -1) {
		if (opt == 'a') {
			show_all = 1;
		} else if (opt == 'l') {
			long_format = 1;
		} else {
			fprintf(stderr, "usage: ls [-a] [-l] [path...]\n");
			return 2;
		}
	}
	if (optind == argc)
		return list(".", 0);
	for (i = optind; i < argc; i++)
		status |= list(argv[i], argc - optind > 1);
	return status;
}
