/*
 * execsnoop.c - every exec on the system, as it happens, through a BPF ring buffer.
 *
 *     execsnoop [-n COUNT] [-t SECONDS] [COMMAND [ARG]...]
 *
 * Loads /bpf/execsnoop.bpf.o (user/bpf/execsnoop.bpf.c) and attaches its program to the
 * tracepoint sched/sched_process_exec, maps the ring buffer the program fills, and prints one
 * line per exec: the pid, the new program's name and the path it was run by. It stops after
 * COUNT execs or SECONDS seconds, whichever comes first (by default it runs until killed).
 * Given a COMMAND it runs it once it is tracing, waits for it, prints what was seen and exits:
 * status 0 if the command's own exec was among the records, 1 if not.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>

#include "user/lib/bpf/libbpf.h"
#include "user/bpf/execsnoop.h"

struct seen {
	int count;
	unsigned int pid; /* the command's, when there is one */
	int found;
};

static int handle_event(void *ctx, void *data, size_t size)
{
	const struct exec_event *e = data;
	struct seen *seen = ctx;

	if (size < sizeof(*e))
		return 0;
	printf("%-6u %-16.16s %.64s\n", e->pid, e->comm, e->filename);
	seen->count++;
	if (seen->pid && e->pid == seen->pid)
		seen->found = 1;
	return 0;
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* fork and exec argv; the child's pid, or -1. */
static int run_command(char **argv)
{
	int pid = fork();

	if (pid == 0) {
		execve(argv[0], argv, NULL);
		fprintf(stderr, "execsnoop: %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	return pid;
}

int main(int argc, char **argv)
{
	const char *path = "/bpf/execsnoop.bpf.o";
	struct seen seen = { 0, 0, 0 };
	struct bpf_object *obj;
	struct bpf_program *prog;
	struct bpf_map *events;
	struct bpf_link *link = NULL;
	struct ring_buffer *rb = NULL;
	long count = 0, seconds = 0, deadline;
	int opt, status = 1;

	while ((opt = getopt(argc, argv, "n:t:")) != -1) {
		if (opt == 'n')
			count = atol(optarg);
		else if (opt == 't')
			seconds = atol(optarg);
		else {
			fprintf(stderr, "usage: execsnoop [-n COUNT] [-t SECONDS] [COMMAND [ARG]...]\n");
			return 1;
		}
	}
	obj = bpf_object__open_file(path, NULL);
	if (!obj || bpf_object__load(obj)) {
		fprintf(stderr, "execsnoop: cannot load %s\n", path);
		goto out;
	}
	prog = bpf_object__find_program_by_name(obj, "handle_exec");
	events = bpf_object__find_map_by_name(obj, "events");
	link = prog ? bpf_program__attach(prog) : NULL;
	rb = events ? ring_buffer__new(bpf_map__fd(events), handle_event, &seen, NULL) : NULL;
	if (!link || !rb) {
		fprintf(stderr, "execsnoop: cannot attach or map the ring buffer: %s\n",
			strerror(errno));
		goto out;
	}
	printf("%-6s %-16s %s\n", "PID", "COMM", "FILENAME");
	if (optind < argc) {
		int child = run_command(&argv[optind]), child_status;

		seen.pid = child > 0 ? (unsigned int)child : 0;
		if (child > 0)
			waitpid(child, &child_status, 0);
		ring_buffer__poll(rb, 100); /* whatever is left */
		status = seen.found ? 0 : 1;
		if (!seen.found)
			printf("execsnoop: FAIL: the exec of pid %u was not seen\n", seen.pid);
		goto out;
	}
	deadline = seconds ? now_ms() + seconds * 1000 : 0;
	while ((!count || seen.count < count) && (!deadline || now_ms() < deadline)) {
		int n = ring_buffer__poll(rb, 100);

		if (n < 0) {
			fprintf(stderr, "execsnoop: reading the ring buffer: %s\n", strerror(-n));
			goto out;
		}
	}
	status = 0;
out:
	ring_buffer__free(rb);
	bpf_link__destroy(link);
	bpf_object__close(obj);
	return status;
}
