/*
 * memcheck.c - run a command and check that the kernel gave back the memory it used.
 *
 *     memcheck COMMAND [ARG...]
 *
 * Reads /proc/meminfo, runs the command (from /bin when the name has no '/'), waits for it and
 * reads /proc/meminfo again. The kernel keeps two things once it has made them: heap slab pages
 * and its own page tables; any other difference in free memory, or any kmalloc object still
 * alive, is a leak. Prints the figures and "memcheck: ok" (exit 0) or "memcheck: LEAK" (exit 1).
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

struct meminfo {
	long long free_kb, slab_kb, pagetables_kb, objects;
};

static long long field(const char *text, const char *name)
{
	const char *p = strstr(text, name);

	return p ? strtoll(p + strlen(name), NULL, 10) : -1;
}

static int read_meminfo(struct meminfo *m)
{
	char buf[1024];
	int fd = open("/proc/meminfo", O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	m->free_kb = field(buf, "MemFree:");
	m->slab_kb = field(buf, "Slab:");
	m->pagetables_kb = field(buf, "PageTables:");
	m->objects = field(buf, "KmallocObjects:");
	return m->free_kb < 0 || m->slab_kb < 0 || m->pagetables_kb < 0 || m->objects < 0 ? -1 : 0;
}

int main(int argc, char **argv)
{
	struct meminfo before, after;
	char path[256];
	int status = 0;
	long long kept, lost;
	pid_t pid;

	if (argc < 2) {
		fprintf(stderr, "usage: memcheck COMMAND [ARG...]\n");
		return 2;
	}
	snprintf(path, sizeof(path), "%s%s", strchr(argv[1], '/') ? "" : "/bin/", argv[1]);
	if (read_meminfo(&before)) {
		fprintf(stderr, "memcheck: cannot read /proc/meminfo\n");
		return 2;
	}
	pid = fork();
	if (pid == 0) {
		execve(path, argv + 1, environ);
		perror("memcheck: execve");
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid) {
		perror("memcheck: fork/wait");
		return 2;
	}
	if (read_meminfo(&after)) {
		fprintf(stderr, "memcheck: cannot read /proc/meminfo\n");
		return 2;
	}
	kept = (after.slab_kb - before.slab_kb) + (after.pagetables_kb - before.pagetables_kb);
	lost = before.free_kb - after.free_kb - kept;
	printf("memcheck: %s exited with status %d\n", argv[1], status);
	printf("memcheck: free %lld kB -> %lld kB; slab and kernel page tables grew by %lld kB; "
	       "kmalloc objects %lld -> %lld\n",
	       before.free_kb, after.free_kb, kept, before.objects, after.objects);
	if (lost != 0 || after.objects != before.objects) {
		printf("memcheck: LEAK: %lld kB and %lld objects not given back\n", lost,
		       after.objects - before.objects);
		return 1;
	}
	printf("memcheck: ok, free memory is back to where it was\n");
	return 0;
}
