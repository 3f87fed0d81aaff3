/*
 * tracex1.c - the whole eBPF path in one program: who opens files.
 *
 *     tracex1 [-n COUNT] [OBJECT]
 *
 * OBJECT (default /bpf/tracex1.bpf.o) is what clang made of user/bpf/tracex1.bpf.c. tracex1
 *   1. opens it with the libbpf-style loader (user/lib/bpf): programs, maps, relocations;
 *   2. loads it: the kernel verifies both programs and JIT-compiles them;
 *   3. attaches them: a kprobe on sys_openat, the tracepoint syscalls/sys_enter_openat;
 *   4. calls openat() COUNT times itself (default 3);
 *   5. reads what the programs counted: opens[its pid] (the kprobe, per process) and
 *      enters[0] (the tracepoint, all processes); detaches;
 *   6. prints the lines the tracepoint program wrote to /sys/kernel/tracing/trace.
 * Exit status 0 when the kprobe counted exactly COUNT calls for this process and the
 * tracepoint at least COUNT; 1 otherwise, or when a step fails (its message says why).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "user/lib/bpf/libbpf.h"

#define MAX_LINKS 8

/* Count, and print, the lines of the trace buffer that end with text. */
static int trace_lines(const char *text)
{
	static char buf[65536];
	size_t keep = 0, len = strlen(text);
	int fd = open("/sys/kernel/tracing/trace", O_RDONLY), found = 0;
	ssize_t n;

	if (fd < 0)
		return 0;
	while ((n = read(fd, buf + keep, sizeof(buf) - 1 - keep)) > 0) {
		char *line = buf, *end;

		buf[keep + (size_t)n] = '\0';
		while ((end = strchr(line, '\n'))) {
			*end = '\0';
			if ((size_t)(end - line) >= len && !strcmp(end - len, text)) {
				printf("tracex1: trace: %s\n", line);
				found++;
			}
			line = end + 1;
		}
		keep = strlen(line); /* a line cut by the buffer: keep it for the next read */
		memmove(buf, line, keep);
		if (keep == sizeof(buf) - 1)
			keep = 0;
	}
	close(fd);
	return found;
}

int main(int argc, char **argv)
{
	const char *path = "/bpf/tracex1.bpf.o";
	struct bpf_link *links[MAX_LINKS];
	struct bpf_program *prog;
	struct bpf_object *obj;
	struct bpf_map *opens, *enters;
	unsigned long long mine = 0, all = 0;
	unsigned int pid = (unsigned int)getpid(), zero = 0;
	int count = 3, nr_links = 0, opt, err, lines;
	char text[64];

	while ((opt = getopt(argc, argv, "n:")) != -1) {
		if (opt != 'n' || (count = atoi(optarg)) < 1) {
			fprintf(stderr, "usage: tracex1 [-n COUNT] [OBJECT]\n");
			return 1;
		}
	}
	if (optind < argc)
		path = argv[optind];

	obj = bpf_object__open_file(path, NULL);
	if (!obj) {
		fprintf(stderr, "tracex1: cannot open %s: %s\n", path, strerror(errno));
		return 1;
	}
	opens = bpf_object__find_map_by_name(obj, "opens");
	enters = bpf_object__find_map_by_name(obj, "enters");
	if (!opens || !enters) {
		fprintf(stderr, "tracex1: %s has no maps 'opens' and 'enters'\n", path);
		goto fail;
	}
	err = bpf_object__load(obj);
	if (err) {
		fprintf(stderr, "tracex1: cannot load %s: %s\n", path, strerror(-err));
		goto fail;
	}
	printf("tracex1: loaded %s\n", path);
	bpf_object__for_each_program(prog, obj) {
		if (nr_links == MAX_LINKS)
			break;
		links[nr_links] = bpf_program__attach(prog);
		if (!links[nr_links]) {
			fprintf(stderr, "tracex1: cannot attach %s: %s\n", bpf_program__name(prog),
				strerror(errno));
			goto fail;
		}
		printf("tracex1: attached %s (%s, %zu instructions)\n", bpf_program__name(prog),
		       bpf_program__section_name(prog), bpf_program__insn_cnt(prog));
		nr_links++;
	}

	/* Attaching opened tracefs files, which the kprobe counted: start from zero. */
	bpf_map_delete_elem(bpf_map__fd(opens), &pid);
	for (int i = 0; i < count; i++) {
		int fd = openat(AT_FDCWD, "/bin/sh", O_RDONLY);

		if (fd >= 0)
			close(fd);
	}
	printf("tracex1: pid %u called openat %d times\n", pid, count);
	bpf_map_lookup_elem(bpf_map__fd(opens), &pid, &mine);
	bpf_map_lookup_elem(bpf_map__fd(enters), &zero, &all);
	printf("tracex1: opens[%u] = %llu (kprobe/sys_openat, this process)\n", pid, mine);
	printf("tracex1: enters[0] = %llu (tracepoint/syscalls/sys_enter_openat, everyone)\n",
	       all);
	while (nr_links)
		bpf_link__destroy(links[--nr_links]);

	snprintf(text, sizeof(text), "bpf_trace_printk: tracex1: openat by pid %u", pid);
	lines = trace_lines(text);
	bpf_object__close(obj);
	if (mine != (unsigned long long)count || all < (unsigned long long)count ||
	    lines < count) {
		printf("tracex1: FAIL: expected %d calls counted by each program and %d trace "
		       "lines, found %d\n",
		       count, count, lines);
		return 1;
	}
	printf("tracex1: ok\n");
	return 0;
fail:
	while (nr_links)
		bpf_link__destroy(links[--nr_links]);
	bpf_object__close(obj);
	return 1;
}
