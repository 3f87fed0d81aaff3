/*
 * kprobetest.c - BPF programs on kprobes and kretprobes, attached the ways Linux offers, checked
 * from user space.
 *
 *     kprobetest              run the checks below
 *     kprobetest open PATH... openat(2) each PATH (something for a probe on sys_openat to see)
 *
 * 1. The kprobe PMU: its type from /sys/bus/event_source/devices/kprobe/type; perf_event_open
 *    with config1 = "sys_getpid" and a kprobe program counting this process's calls into an
 *    array map, attached with bpf(BPF_LINK_CREATE, BPF_PERF_EVENT). Seven getpid() calls must
 *    count exactly seven; after the link is closed, none.
 * 2. The same through ioctl(PERF_EVENT_IOC_SET_BPF) and PERF_EVENT_IOC_ENABLE.
 * 3. A return probe (bit 0 of config): the program stores ctx->ax, the return value, which must
 *    be getpid()'s; bpf_get_func_ip gives sys_getpid's address, as /proc/kallsyms lists it.
 * 4. A program cannot make its own probe re-enter: a kprobe event on ktime_get_ns (made through
 *    kprobe_events, opened by its id) runs a program that calls bpf_ktime_get_ns, which calls
 *    ktime_get_ns. Every run is a hit whose nested hit is skipped: kprobe_profile must show as
 *    many misses as hits, and the program must have run exactly once per hit.
 * 5. Bad input: an unknown symbol (-ENOENT), an offset inside an instruction (-EILSEQ), a
 *    blacklisted function (-EINVAL), a return probe at an offset (-EINVAL), a tracepoint
 *    program on a kprobe (-EINVAL); available_filter_functions lists sys_openat and not
 *    trap_dispatch.
 * Prints one "ok"/"FAIL" line per check; exit status 0 when all passed.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bpf/uapi/bpf.h"

#define PERF_TYPE_TRACEPOINT 2
#define PERF_EVENT_IOC_ENABLE 0x2400
#define PERF_EVENT_IOC_SET_BPF 0x40042408
#define PT_REGS_AX 80 /* offsetof(struct pt_regs, ax) */
#define TRACEFS "/sys/kernel/tracing"

struct perf_attr {
	unsigned int type, size;
	unsigned long long config, sample_period, sample_type, read_format, flags;
	unsigned int wakeup_events, bp_type;
	unsigned long long config1, config2;
};

static int failures;
static char text[262144];

static long ioctl(int fd, unsigned long cmd, unsigned long arg)
{
	return syscall(16, fd, cmd, arg);
}

static void check(int ok, const char *what)
{
	printf("kprobetest: %s ... %s\n", what, ok ? "ok" : "FAIL");
	if (!ok)
		failures++;
}

static int sys_bpf(int cmd, union bpf_attr *attr)
{
	return bpf(cmd, attr, sizeof(*attr));
}

/* The whole file into text[]; its length, or -1. */
static int read_text(const char *path)
{
	int fd = open(path, O_RDONLY), n, total = 0;

	if (fd < 0)
		return -1;
	while ((n = read(fd, text + total, sizeof(text) - 1 - total)) > 0)
		total += n;
	close(fd);
	text[total] = '\0';
	return total;
}

static int write_text(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY | O_APPEND), n;

	if (fd < 0)
		return -1;
	n = write(fd, s, strlen(s));
	close(fd);
	return n == (int)strlen(s) ? 0 : -1;
}

static int kprobe_pmu_type(void)
{
	return read_text("/sys/bus/event_source/devices/kprobe/type") > 0 ? atoi(text) : -1;
}

static int perf_kprobe(int type, const char *symbol, unsigned long long offset, int retprobe)
{
	struct perf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.type = type;
	attr.size = sizeof(attr);
	attr.config = retprobe ? 1 : 0;
	attr.config1 = (unsigned long)symbol;
	attr.config2 = offset;
	return perf_event_open(&attr, -1, 0, -1, 0);
}

static int perf_tracepoint(int id)
{
	struct perf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.type = PERF_TYPE_TRACEPOINT;
	attr.size = sizeof(attr);
	attr.config = id;
	return perf_event_open(&attr, -1, 0, -1, 0);
}

static int make_map(void)
{
	union bpf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.map_type = BPF_MAP_TYPE_ARRAY;
	attr.key_size = 4;
	attr.value_size = 8;
	attr.max_entries = 2;
	return sys_bpf(BPF_MAP_CREATE, &attr);
}

static unsigned long long map_value(int map_fd, unsigned int key)
{
	union bpf_attr attr;
	unsigned long long value = ~0ull;

	memset(&attr, 0, sizeof(attr));
	attr.map_fd = map_fd;
	attr.key = (unsigned long)&key;
	attr.value = (unsigned long)&value;
	sys_bpf(BPF_MAP_LOOKUP_ELEM, &attr);
	return value;
}

static int load(const struct bpf_insn *insns, unsigned int n, unsigned int type)
{
	static char log[8192];
	union bpf_attr attr;
	int fd;

	memset(&attr, 0, sizeof(attr));
	attr.prog_type = type;
	attr.insns = (unsigned long)insns;
	attr.insn_cnt = n;
	attr.license = (unsigned long)"GPL";
	attr.log_buf = (unsigned long)log;
	attr.log_size = sizeof(log);
	attr.log_level = 1;
	fd = sys_bpf(BPF_PROG_LOAD, &attr);
	if (fd < 0)
		printf("kprobetest: load failed (%s):\n%s\n", strerror(errno), log);
	return fd;
}

#define INSN(code, dst, src, off, imm) ((struct bpf_insn){ code, dst, src, off, imm })
#define MAP_FD(reg, fd) \
	INSN(BPF_LD | BPF_DW | BPF_IMM, reg, BPF_PSEUDO_MAP_FD, 0, fd), INSN(0, 0, 0, 0, 0)

/*
 * if (pid of the caller == pid) { map[0] += 1; map[1] = value } where value is
 *   what == 0: nothing, 1: ctx->ax (the return value), 2: bpf_get_func_ip(ctx)
 */
static int load_counter(int map_fd, int pid, int what)
{
	struct bpf_insn insns[] = {
		INSN(BPF_ALU64 | BPF_MOV | BPF_X, BPF_REG_6, BPF_REG_1, 0, 0), /* r6 = ctx */
		INSN(BPF_ALU64 | BPF_MOV | BPF_K, BPF_REG_7, 0, 0, 0),		/* r7 = 0 */
		what == 1 ? INSN(BPF_LDX | BPF_MEM | BPF_DW, BPF_REG_7, BPF_REG_6, PT_REGS_AX, 0) :
			    INSN(BPF_ALU64 | BPF_MOV | BPF_K, BPF_REG_7, 0, 0, 0),
		INSN(BPF_JMP | BPF_CALL, 0, 0, 0, BPF_FUNC_get_current_pid_tgid),
		INSN(BPF_ALU | BPF_MOV | BPF_X, BPF_REG_0, BPF_REG_0, 0, 0), /* w0 = pid */
		INSN(BPF_JMP | BPF_JNE | BPF_K, BPF_REG_0, 0, 20, pid), /* to r0 = 0 */
		what == 2 ? INSN(BPF_ALU64 | BPF_MOV | BPF_X, BPF_REG_1, BPF_REG_6, 0, 0) :
			    INSN(BPF_ALU64 | BPF_MOV | BPF_K, BPF_REG_1, 0, 0, 0),
		what == 2 ? INSN(BPF_JMP | BPF_CALL, 0, 0, 0, BPF_FUNC_get_func_ip) :
			    INSN(BPF_ALU64 | BPF_MOV | BPF_K, BPF_REG_0, 0, 0, 0),
		what == 2 ? INSN(BPF_ALU64 | BPF_MOV | BPF_X, BPF_REG_7, BPF_REG_0, 0, 0) :
			    INSN(BPF_ALU64 | BPF_MOV | BPF_K, BPF_REG_0, 0, 0, 0),
		INSN(BPF_ST | BPF_MEM | BPF_W, BPF_REG_10, 0, -4, 0), /* key 0 */
		MAP_FD(BPF_REG_1, map_fd),
		INSN(BPF_ALU64 | BPF_MOV | BPF_X, BPF_REG_2, BPF_REG_10, 0, 0),
		INSN(BPF_ALU64 | BPF_ADD | BPF_K, BPF_REG_2, 0, 0, -4),
		INSN(BPF_JMP | BPF_CALL, 0, 0, 0, BPF_FUNC_map_lookup_elem),
		INSN(BPF_JMP | BPF_JEQ | BPF_K, BPF_REG_0, 0, 2, 0),
		INSN(BPF_ALU64 | BPF_MOV | BPF_K, BPF_REG_1, 0, 0, 1),
		INSN(BPF_STX | BPF_ATOMIC | BPF_DW, BPF_REG_0, BPF_REG_1, 0, BPF_ADD),
		INSN(BPF_ST | BPF_MEM | BPF_W, BPF_REG_10, 0, -4, 1), /* key 1 */
		MAP_FD(BPF_REG_1, map_fd),
		INSN(BPF_ALU64 | BPF_MOV | BPF_X, BPF_REG_2, BPF_REG_10, 0, 0),
		INSN(BPF_ALU64 | BPF_ADD | BPF_K, BPF_REG_2, 0, 0, -4),
		INSN(BPF_JMP | BPF_CALL, 0, 0, 0, BPF_FUNC_map_lookup_elem),
		INSN(BPF_JMP | BPF_JEQ | BPF_K, BPF_REG_0, 0, 1, 0),
		INSN(BPF_STX | BPF_MEM | BPF_DW, BPF_REG_0, BPF_REG_7, 0, 0),
		INSN(BPF_ALU64 | BPF_MOV | BPF_K, BPF_REG_0, 0, 0, 0),
		INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0),
	};

	return load(insns, sizeof(insns) / sizeof(insns[0]), BPF_PROG_TYPE_KPROBE);
}

/* map[0] += 1 after a call to bpf_ktime_get_ns (every caller) */
static int load_ktime_counter(int map_fd)
{
	struct bpf_insn insns[] = {
		INSN(BPF_JMP | BPF_CALL, 0, 0, 0, BPF_FUNC_ktime_get_ns),
		INSN(BPF_ST | BPF_MEM | BPF_W, BPF_REG_10, 0, -4, 0),
		MAP_FD(BPF_REG_1, map_fd),
		INSN(BPF_ALU64 | BPF_MOV | BPF_X, BPF_REG_2, BPF_REG_10, 0, 0),
		INSN(BPF_ALU64 | BPF_ADD | BPF_K, BPF_REG_2, 0, 0, -4),
		INSN(BPF_JMP | BPF_CALL, 0, 0, 0, BPF_FUNC_map_lookup_elem),
		INSN(BPF_JMP | BPF_JEQ | BPF_K, BPF_REG_0, 0, 2, 0),
		INSN(BPF_ALU64 | BPF_MOV | BPF_K, BPF_REG_1, 0, 0, 1),
		INSN(BPF_STX | BPF_ATOMIC | BPF_DW, BPF_REG_0, BPF_REG_1, 0, BPF_ADD),
		INSN(BPF_ALU64 | BPF_MOV | BPF_K, BPF_REG_0, 0, 0, 0),
		INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0),
	};

	return load(insns, sizeof(insns) / sizeof(insns[0]), BPF_PROG_TYPE_KPROBE);
}

static int load_empty(unsigned int type)
{
	struct bpf_insn insns[] = {
		INSN(BPF_ALU64 | BPF_MOV | BPF_K, BPF_REG_0, 0, 0, 0),
		INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0),
	};

	return load(insns, 2, type);
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

static void call_getpid(int times)
{
	for (int i = 0; i < times; i++)
		getpid();
}

/* The address /proc/kallsyms gives symbol, or 0. */
static unsigned long long kallsyms_addr(const char *symbol)
{
	if (read_text("/proc/kallsyms") <= 0)
		return 0;
	for (char *line = text; *line;) { /* "ffffffff80115b90 T sys_getpid" */
		char *end = strchr(line, '\n'), *name;

		if (end)
			*end = '\0';
		name = strrchr(line, ' ');
		if (name && !strcmp(name + 1, symbol))
			return strtoull(line, NULL, 16);
		if (!end)
			break;
		line = end + 1;
	}
	return 0;
}

static void test_pmu(int type, int pid)
{
	int map = make_map(), prog = load_counter(map, pid, 0), pfd, link;

	check(map >= 0 && prog >= 0, "load a kprobe program and its map");
	pfd = perf_kprobe(type, "sys_getpid", 0, 0);
	check(pfd >= 0, "perf_event_open on the kprobe PMU (sys_getpid)");
	link = link_create(prog, pfd);
	check(link >= 0, "BPF_LINK_CREATE with BPF_PERF_EVENT");
	call_getpid(7);
	check(map_value(map, 0) == 7, "seven getpid() calls counted exactly");
	close(link);
	call_getpid(3);
	check(map_value(map, 0) == 7, "nothing counted after the link is closed");
	close(pfd);
	close(prog);
	close(map);

	map = make_map();
	prog = load_counter(map, pid, 0);
	pfd = perf_kprobe(type, "sys_getpid", 0, 0);
	check(pfd >= 0 && ioctl(pfd, PERF_EVENT_IOC_SET_BPF, prog) == 0 &&
		      ioctl(pfd, PERF_EVENT_IOC_ENABLE, 0) == 0,
	      "PERF_EVENT_IOC_SET_BPF and PERF_EVENT_IOC_ENABLE");
	call_getpid(4);
	check(map_value(map, 0) == 4, "four calls counted through the ioctl path");
	close(pfd);
	call_getpid(2);
	check(map_value(map, 0) == 4, "closing the perf fd detached the program");
	close(prog);
	close(map);

	/* The link holds the perf event: closing the perf fd first changes nothing. */
	map = make_map();
	prog = load_counter(map, pid, 0);
	pfd = perf_kprobe(type, "sys_getpid", 0, 0);
	link = link_create(prog, pfd);
	close(pfd);
	call_getpid(6);
	check(link >= 0 && map_value(map, 0) == 6, "the perf fd closed before the link: still counted");
	close(link);
	call_getpid(2);
	check(map_value(map, 0) == 6, "then the link closed: detached");
	close(prog);
	close(map);
}

static void test_retprobe(int type, int pid)
{
	int map = make_map(), prog = load_counter(map, pid, 1), pfd, link;
	unsigned long long func = kallsyms_addr("sys_getpid");

	pfd = perf_kprobe(type, "sys_getpid", 0, 1);
	check(pfd >= 0, "perf_event_open for a return probe (config bit 0)");
	link = link_create(prog, pfd);
	call_getpid(5);
	check(map_value(map, 0) == 5, "five returns counted");
	check(map_value(map, 1) == (unsigned long long)pid, "ctx->ax is getpid()'s return value");
	close(link);
	close(prog);
	prog = load_counter(map, pid, 2);
	link = link_create(prog, pfd);
	call_getpid(1);
	check(func && map_value(map, 1) == func,
	      "bpf_get_func_ip in a return probe: sys_getpid's address");
	close(link);
	close(pfd);
	close(prog);
	pfd = perf_kprobe(type, "sys_getpid", 0, 0);
	prog = load_counter(map, pid, 2);
	link = link_create(prog, pfd);
	map_value(map, 1);
	call_getpid(1);
	check(func && map_value(map, 1) == func, "bpf_get_func_ip in a kprobe: the same");
	close(link);
	close(pfd);
	close(prog);
	close(map);
}

/* "  EVENT hits misses" from kprobe_profile. */
static int profile(const char *event, unsigned long long *hits, unsigned long long *misses)
{
	char *line;

	if (read_text(TRACEFS "/kprobe_profile") < 0)
		return -1;
	for (line = text; line && *line; line = strchr(line + 1, '\n')) {
		char *p = line;

		while (*p == ' ' || *p == '\n')
			p++;
		if (strncmp(p, event, strlen(event)) || p[strlen(event)] != ' ')
			continue;
		p += strlen(event);
		*hits = strtoull(p, &p, 10);
		*misses = strtoull(p, &p, 10);
		return 0;
	}
	return -1;
}

static void test_no_reentry(void)
{
	int map = make_map(), prog = load_ktime_counter(map), id = -1, pfd, link;
	unsigned long long hits = 0, misses = 0, runs;
	struct timespec ts;

	check(write_text(TRACEFS "/kprobe_events", "p:kprobetest_self ktime_get_ns\n") == 0,
	      "kprobe_events: p:kprobetest_self ktime_get_ns");
	if (read_text(TRACEFS "/events/kprobes/kprobetest_self/id") > 0)
		id = atoi(text);
	pfd = perf_tracepoint(id);
	link = link_create(prog, pfd);
	check(id > 0 && pfd >= 0 && link >= 0, "a kprobe program on the event, by its id");
	for (int i = 0; i < 50; i++)
		clock_gettime(CLOCK_MONOTONIC, &ts);
	close(link);
	runs = map_value(map, 0);
	check(profile("kprobetest_self", &hits, &misses) == 0, "kprobe_profile lists the event");
	printf("kprobetest: ktime_get_ns: %llu hits, %llu misses, %llu program runs\n", hits,
	       misses, runs);
	check(runs >= 50 && runs == hits, "the program ran once per hit");
	check(misses == hits, "its own call to ktime_get_ns was a miss every time, never a run");
	errno = 0;
	check(write_text(TRACEFS "/kprobe_events", "-:kprobetest_self\n") == -1 && errno == EBUSY,
	      "a perf fd still open on the event: removing it is -EBUSY");
	close(pfd);
	close(prog);
	close(map);
	check(write_text(TRACEFS "/kprobe_events", "-:kprobetest_self\n") == 0, "remove the event");
}

static int has_line(const char *name)
{
	size_t n = strlen(name);

	for (char *p = text; (p = strstr(p, name)); p += n)
		if ((p == text || p[-1] == '\n') && (p[n] == '\n' || !p[n]))
			return 1;
	return 0;
}

static void test_bad_input(int type)
{
	int tp_prog = load_empty(BPF_PROG_TYPE_TRACEPOINT), pfd;

	errno = 0;
	check(perf_kprobe(type, "no_such_function_here", 0, 0) == -1 && errno == ENOENT,
	      "an unknown symbol: -ENOENT");
	check(perf_kprobe(type, "sys_getpid", 2, 0) == -1 && errno == EILSEQ,
	      "an offset inside an instruction: -EILSEQ");
	check(perf_kprobe(type, "trap_dispatch", 0, 0) == -1 && errno == EINVAL,
	      "a blacklisted function: -EINVAL");
	check(perf_kprobe(type, "sys_getpid", 1, 1) == -1 && errno == EINVAL,
	      "a return probe at an offset: -EINVAL");
	pfd = perf_kprobe(type, "sys_getpid", 0, 0);
	check(pfd >= 0 && link_create(tp_prog, pfd) == -1 && errno == EINVAL,
	      "a tracepoint program on a kprobe: -EINVAL");
	close(pfd);
	close(tp_prog);
	check(read_text(TRACEFS "/available_filter_functions") > 0 && has_line("sys_openat") &&
		      has_line("sys_getpid") && !has_line("trap_dispatch") &&
		      !has_line("kprobe_int3_handler"),
	      "available_filter_functions: sys_openat, not trap_dispatch");
}

static int open_paths(int argc, char **argv)
{
	for (int i = 2; i < argc; i++) {
		int fd = openat(AT_FDCWD, argv[i], O_RDONLY);

		printf("kprobetest: openat %s: %s\n", argv[i], fd < 0 ? strerror(errno) : "ok");
		if (fd >= 0)
			close(fd);
	}
	return 0;
}

int main(int argc, char **argv)
{
	int type = kprobe_pmu_type(), pid = getpid();

	if (argc > 1 && !strcmp(argv[1], "open"))
		return open_paths(argc, argv);
	check(type > 0, "read /sys/bus/event_source/devices/kprobe/type");
	test_pmu(type, pid);
	test_retprobe(type, pid);
	test_no_reentry();
	test_bad_input(type);
	printf("kprobetest: %s\n", failures ? "FAILED" : "all passed");
	return failures ? 1 : 0;
}
