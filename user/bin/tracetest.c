/*
 * tracetest.c - BPF programs on tracepoints, attached the ways Linux offers, checked from
 * user space.
 *
 *     tracetest
 *
 * 1. A tracepoint program on sched:sched_process_exec counts into an array map; it is attached
 *    with perf_event_open(PERF_TYPE_TRACEPOINT, id) + bpf(BPF_LINK_CREATE, BPF_PERF_EVENT).
 *    Five execs must count exactly five; after the link is closed, more execs count nothing.
 * 2. The same through ioctl(PERF_EVENT_IOC_SET_BPF) and PERF_EVENT_IOC_ENABLE.
 * 3. A raw tracepoint program on sched_process_fork (BPF_RAW_TRACEPOINT_OPEN) counts forks.
 * 4. A program calling bpf_trace_printk writes a line to the trace buffer.
 * 5. Bad input: an unknown event id, a link to something that is not a perf event, the wrong
 *    program type, an unknown raw tracepoint.
 * Prints one "ok"/"FAIL" line per check; exit status 0 when all passed.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

#include "bpf/uapi/bpf.h"

#define PERF_TYPE_TRACEPOINT 2
#define PERF_EVENT_IOC_ENABLE 0x2400
#define PERF_EVENT_IOC_SET_BPF 0x40042408

struct perf_attr {
	unsigned int type, size;
	unsigned long long config, sample_period, sample_type, read_format, flags;
	unsigned int wakeup_events, bp_type;
	unsigned long long config1, config2;
};

static int failures;

/* The C library has no ioctl wrapper: the raw call (16). */
static long ioctl(int fd, unsigned long cmd, unsigned long arg)
{
	return syscall(16, fd, cmd, arg);
}

static void check(int ok, const char *what)
{
	printf("tracetest: %s ... %s\n", what, ok ? "ok" : "FAIL");
	if (!ok)
		failures++;
}

static int sys_bpf(int cmd, union bpf_attr *attr)
{
	return bpf(cmd, attr, sizeof(*attr));
}

static int event_id(const char *group, const char *name)
{
	char path[128], buf[16];
	int fd, n;

	snprintf(path, sizeof(path), "/sys/kernel/tracing/events/%s/%s/id", group, name);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	return atoi(buf);
}

static int perf_open(unsigned int type, unsigned long long config)
{
	struct perf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.type = type;
	attr.size = sizeof(attr);
	attr.config = config;
	return perf_event_open(&attr, -1, 0, -1, 0);
}

static int make_map(void)
{
	union bpf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.map_type = BPF_MAP_TYPE_ARRAY;
	attr.key_size = 4;
	attr.value_size = 8;
	attr.max_entries = 1;
	return sys_bpf(BPF_MAP_CREATE, &attr);
}

static unsigned long long map_value(int map_fd)
{
	union bpf_attr attr;
	unsigned int key = 0;
	unsigned long long value = ~0ull;

	memset(&attr, 0, sizeof(attr));
	attr.map_fd = map_fd;
	attr.key = (unsigned long)&key;
	attr.value = (unsigned long)&value;
	sys_bpf(BPF_MAP_LOOKUP_ELEM, &attr);
	return value;
}

/* *(u32 *)(fp-4) = 0; r0 = lookup(map, fp-4); if r0: lock *(u64 *)r0 += 1; r0 = 0 */
static int load_counter(int map_fd, unsigned int prog_type)
{
	struct bpf_insn insns[] = {
		{ BPF_ST | BPF_MEM | BPF_W, BPF_REG_10, 0, -4, 0 },
		{ BPF_LD | BPF_DW | BPF_IMM, BPF_REG_1, BPF_PSEUDO_MAP_FD, 0, map_fd },
		{ 0, 0, 0, 0, 0 },
		{ BPF_ALU64 | BPF_MOV | BPF_X, BPF_REG_2, BPF_REG_10, 0, 0 },
		{ BPF_ALU64 | BPF_ADD | BPF_K, BPF_REG_2, 0, 0, -4 },
		{ BPF_JMP | BPF_CALL, 0, 0, 0, BPF_FUNC_map_lookup_elem },
		{ BPF_JMP | BPF_JEQ | BPF_K, BPF_REG_0, 0, 2, 0 },
		{ BPF_ALU64 | BPF_MOV | BPF_K, BPF_REG_1, 0, 0, 1 },
		{ BPF_STX | BPF_ATOMIC | BPF_DW, BPF_REG_0, BPF_REG_1, 0, BPF_ADD },
		{ BPF_ALU64 | BPF_MOV | BPF_K, BPF_REG_0, 0, 0, 0 },
		{ BPF_JMP | BPF_EXIT, 0, 0, 0, 0 },
	};
	union bpf_attr attr;
	static char log[4096];

	memset(&attr, 0, sizeof(attr));
	attr.prog_type = prog_type;
	attr.insns = (unsigned long)insns;
	attr.insn_cnt = sizeof(insns) / sizeof(insns[0]);
	attr.license = (unsigned long)"GPL";
	attr.log_buf = (unsigned long)log;
	attr.log_size = sizeof(log);
	attr.log_level = 1;
	int fd = sys_bpf(BPF_PROG_LOAD, &attr);

	if (fd < 0)
		printf("tracetest: load failed (%s):\n%s\n", strerror(errno), log);
	return fd;
}

/* bpf_trace_printk("hello from bpf\n", 16); r0 = 0 */
static int load_printk(void)
{
	struct bpf_insn insns[] = {
		{ BPF_LD | BPF_DW | BPF_IMM, BPF_REG_1, 0, 0, 0x6c6c6568 },  /* "hell" */
		{ 0, 0, 0, 0, 0x7266206f },                                 /* "o fr" */
		{ BPF_STX | BPF_MEM | BPF_DW, BPF_REG_10, BPF_REG_1, -16, 0 },
		{ BPF_LD | BPF_DW | BPF_IMM, BPF_REG_1, 0, 0, 0x62206d6f },  /* "om b" */
		{ 0, 0, 0, 0, 0x000a6670 },                                 /* "pf\n\0" */
		{ BPF_STX | BPF_MEM | BPF_DW, BPF_REG_10, BPF_REG_1, -8, 0 },
		{ BPF_ALU64 | BPF_MOV | BPF_X, BPF_REG_1, BPF_REG_10, 0, 0 },
		{ BPF_ALU64 | BPF_ADD | BPF_K, BPF_REG_1, 0, 0, -16 },
		{ BPF_ALU64 | BPF_MOV | BPF_K, BPF_REG_2, 0, 0, 16 },
		{ BPF_JMP | BPF_CALL, 0, 0, 0, BPF_FUNC_trace_printk },
		{ BPF_ALU64 | BPF_MOV | BPF_K, BPF_REG_0, 0, 0, 0 },
		{ BPF_JMP | BPF_EXIT, 0, 0, 0, 0 },
	};
	union bpf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.prog_type = BPF_PROG_TYPE_TRACEPOINT;
	attr.insns = (unsigned long)insns;
	attr.insn_cnt = sizeof(insns) / sizeof(insns[0]);
	attr.license = (unsigned long)"GPL";
	return sys_bpf(BPF_PROG_LOAD, &attr);
}

static int link_create(int prog_fd, int target_fd)
{
	union bpf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.link_create.prog_fd = prog_fd;
	attr.link_create.target_fd = target_fd;
	attr.link_create.attach_type = BPF_PERF_EVENT;
	return sys_bpf(BPF_LINK_CREATE, &attr);
}

static int raw_tp_open(int prog_fd, const char *name)
{
	union bpf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.raw_tracepoint.name = (unsigned long)name;
	attr.raw_tracepoint.prog_fd = prog_fd;
	return sys_bpf(BPF_RAW_TRACEPOINT_OPEN, &attr);
}

static void run_true(int times)
{
	for (int i = 0; i < times; i++) {
		pid_t pid = fork();
		char *argv[] = { "true", NULL };

		if (pid == 0) {
			execve("/bin/true", argv, environ);
			_exit(127);
		}
		waitpid(pid, NULL, 0);
	}
}

static int trace_has(const char *needle)
{
	static char buf[65536];
	int fd = open("/sys/kernel/tracing/trace", O_RDONLY), n, total = 0;

	if (fd < 0)
		return 0;
	while ((n = read(fd, buf + total, sizeof(buf) - 1 - total)) > 0)
		total += n;
	close(fd);
	buf[total] = '\0';
	return strstr(buf, needle) != NULL;
}

int main(void)
{
	int exec_id = event_id("sched", "sched_process_exec");
	int map_fd = make_map(), map2_fd = make_map(), map3_fd = make_map();
	int prog_fd, prog2_fd, raw_fd, printk_fd, pfd, pfd2, link_fd, raw_link;

	check(exec_id > 0, "read events/sched/sched_process_exec/id");
	prog_fd = load_counter(map_fd, BPF_PROG_TYPE_TRACEPOINT);
	check(map_fd >= 0 && prog_fd >= 0, "load a tracepoint program and its map");

	pfd = perf_open(PERF_TYPE_TRACEPOINT, exec_id);
	check(pfd >= 0, "perf_event_open on the tracepoint");
	link_fd = link_create(prog_fd, pfd);
	check(link_fd >= 0, "BPF_LINK_CREATE with BPF_PERF_EVENT");
	run_true(5);
	check(map_value(map_fd) == 5, "five execs counted exactly");
	close(link_fd);
	run_true(3);
	check(map_value(map_fd) == 5, "nothing counted after the link is closed");

	prog2_fd = load_counter(map2_fd, BPF_PROG_TYPE_TRACEPOINT);
	pfd2 = perf_open(PERF_TYPE_TRACEPOINT, exec_id);
	check(ioctl(pfd2, PERF_EVENT_IOC_SET_BPF, prog2_fd) == 0 &&
		      ioctl(pfd2, PERF_EVENT_IOC_ENABLE, 0) == 0,
	      "PERF_EVENT_IOC_SET_BPF and PERF_EVENT_IOC_ENABLE");
	run_true(2);
	check(map_value(map2_fd) == 2, "two execs counted through the ioctl path");
	close(pfd2);
	run_true(1);
	check(map_value(map2_fd) == 2, "closing the perf fd detached the program");

	raw_fd = load_counter(map3_fd, BPF_PROG_TYPE_RAW_TRACEPOINT);
	raw_link = raw_tp_open(raw_fd, "sched_process_fork");
	check(raw_link >= 0, "BPF_RAW_TRACEPOINT_OPEN on sched_process_fork");
	run_true(4);
	check(map_value(map3_fd) == 4, "four forks counted by the raw tracepoint program");
	close(raw_link);

	printk_fd = load_printk();
	pfd2 = perf_open(PERF_TYPE_TRACEPOINT, exec_id);
	link_fd = link_create(printk_fd, pfd2);
	check(printk_fd >= 0 && link_fd >= 0, "attach a bpf_trace_printk program");
	run_true(1);
	check(trace_has("bpf_trace_printk: hello from bpf"), "its line is in the trace buffer");
	close(link_fd);
	close(pfd2);

	check(perf_open(PERF_TYPE_TRACEPOINT, 65000) == -1 && errno == ENOENT,
	      "an unknown event id: -ENOENT");
	check(perf_open(77, 1) == -1 && errno == ENOENT, "an unknown perf type: -ENOENT");
	check(link_create(prog_fd, map_fd) == -1 && errno == EINVAL,
	      "BPF_LINK_CREATE on a map fd: -EINVAL");
	check(link_create(raw_fd, pfd) == -1 && errno == EINVAL,
	      "a raw tracepoint program on a perf event: -EINVAL");
	check(raw_tp_open(raw_fd, "no_such_tracepoint") == -1 && errno == ENOENT,
	      "an unknown raw tracepoint: -ENOENT");
	close(pfd);
	close(prog_fd);
	close(prog2_fd);
	close(raw_fd);
	close(printk_fd);
	close(map_fd);
	close(map2_fd);
	close(map3_fd);
	printf("tracetest: %s\n", failures ? "FAILED" : "all passed");
	return failures ? 1 : 0;
}
