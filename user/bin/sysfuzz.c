/*
 * bin/sysfuzz.c - random system calls with random arguments, to show the kernel survives them.
 *
 *	sysfuzz [-n calls] [-s seed] [-u uid] [-v] [-H]
 *
 * Each step picks a system call from the table below and fills its arguments from generators
 * that know what kind of value goes where: descriptors (its own, or invalid ones), pointers
 * (NULL, kernel text and direct-map addresses, non-canonical and unmapped addresses, a pointer
 * whose object runs off the end of a mapping, its own read-only text, and a scratch mapping),
 * sizes (0, small, page-sized, huge), flags (valid bits and junk). bpf() gets either a random
 * union bpf_attr or a well-formed one (a real map, a small program, a test run), so that both
 * the argument checks and the paths behind them are reached.
 *
 * Kernel writes can only land in the scratch mapping or fail: sysfuzz passes no pointer to its
 * own data as an output. It never makes a call that would end or stop it: no exit, no kill of
 * itself, its parent or pid 1 with a real signal, no execve of a real program, no MAP_FIXED,
 * no munmap outside its own mappings, no read that could block (no pipes kept open, never fd 0),
 * no writes to fds 0-2, no O_CREAT (files would outlive it). It does not use malloc, so brk may
 * move freely. fork makes a child that exits at once. Everything it opened is closed at the end,
 * so the kernel's free memory is back where it was once it exits.
 *
 * -H (harmless) is for a Linux host: no bpf, perf_event_open, fork, execve, brk, unknown
 * numbers or real signals, and files are opened read-only. Without -H it runs only on glass.
 *
 * Past 800 lines, in one file because each program of user/bin is one source file (user.mk
 * builds one executable per file); the sections marked "---" are its chapters: state,
 * generators, the call table, bpf, running and counting.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>

#include "bpf/uapi/bpf.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define SCRATCH_SIZE (64 * 1024)
#define MAX_FDS 32
#define MAX_MAPS 16
#define MAX_ERRNO 600
#define PAGE 4096UL

/* --- state ------------------------------------------------------------------------------------ */

static unsigned long long rng_state;
static int harmless, verbose;
static char *scratch;          /* SCRATCH_SIZE bytes, the page after it unmapped */
static int fds[MAX_FDS], nfds; /* descriptors sysfuzz opened */
static struct {
	unsigned long addr, len;
} maps[MAX_MAPS];              /* mappings sysfuzz made */
static int nmaps;
static int self_pid, parent_pid;
static char long_path[PATH_MAX + 64];

static unsigned long long rnd(void)
{
	unsigned long long x = rng_state; /* xorshift64* */

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	rng_state = x;
	return x * 0x2545f4914f6cdd1dULL;
}

static unsigned long below(unsigned long n)
{
	return n ? rnd() % n : 0;
}

static int chance(int percent)
{
	return (int)below(100) < percent;
}

#define PICK(array) ((array)[below(ARRAY_SIZE(array))])

/* For a structured argument: the right value, or (one time in four, when it is not meant to be
 * entirely right) another one. */
static int exact;
#define V(right, other) (exact || chance(75) ? (right) : (other))

/* --- descriptors and mappings sysfuzz owns ---------------------------------------------------- */

static int fd_index(int fd)
{
	for (int i = 0; i < nfds; i++)
		if (fds[i] == fd)
			return i;
	return -1;
}

static void track_fd(int fd)
{
	if (fd < 3 || fd_index(fd) >= 0)
		return;
	if (nfds == MAX_FDS) {
		__syscall1(__NR_close, fd);
		return;
	}
	fds[nfds++] = fd;
}

static void untrack_fd(int fd)
{
	int i = fd_index(fd);

	if (i >= 0)
		fds[i] = fds[--nfds];
}

static void track_map(unsigned long addr, unsigned long len)
{
	if (nmaps == MAX_MAPS) {
		__syscall2(__NR_munmap, addr, len);
		return;
	}
	maps[nmaps].addr = addr;
	maps[nmaps].len = len;
	nmaps++;
}

/* --- argument generators ---------------------------------------------------------------------- */

static long bad_fd(void)
{
	/* the kernel reads fds as 32 bits: (1 << 32) | 77 is fd 77, never one of 0-2 */
	static const long bad[] = { -1, -100, 64, 1000, 0x7fffffff, 0x80000000L, (1L << 32) | 77 };

	return chance(80) ? PICK(bad) : (long)(3 + below(1 << 20));
}

static long any_fd(void)
{
	if (nfds && chance(75))
		return fds[below(nfds)];
	return bad_fd();
}

static long size_arg(void)
{
	static const long sizes[] = { 0, 1, 7, 8, 16, 64, 4095, 4096, 4097, 65536, 1 << 20,
				      0x7fffffff, 0xffffffffL, -1L, 1L << 40 };

	return chance(30) ? (long)below(256) : PICK(sizes);
}

static long int_arg(void)
{
	static const long ints[] = { 0, 1, 2, 3, -1, 0x7fffffff, -0x7fffffffL - 1, 0xffffffffL };

	if (chance(40))
		return PICK(ints);
	return chance(50) ? (long)below(64) : (long)rnd();
}

/* A pointer the kernel may read through: any kind, its own data included. */
static long bad_ptr(void)
{
	static const unsigned long kernel[] = {
		0xffffffff80000000UL, 0xffffffff80100000UL, 0xffffffff81000000UL,
		0xffff888000000000UL, 0xffff888000100000UL, 0xffffffffc0000000UL,
		0xfffffffffffff000UL, 0xffffffffffffffffUL, 0xffff800000000000UL,
	};
	static const unsigned long odd[] = {
		0, 1, 0xfff, 0x1000, 0x3ff000, 0x0000800000000000UL, 0x00007ffffffff000UL,
		0x8000000000000000UL, 0x00ff000000000000UL, 0x00007fffffffffffUL,
	};

	switch (below(4)) {
	case 0:
		return (long)(PICK(kernel) + (chance(50) ? below(PAGE) : 0));
	case 1:
		return (long)PICK(odd);
	case 2: /* lower half, far from everything sysfuzz has */
		return (long)((1UL << 32) + below(1UL << 45));
	default:
		return (long)(0x00010000000000000UL | rnd());
	}
}

static long scratch_ptr(void)
{
	if (chance(20)) /* an object that runs off the end of the mapping */
		return (long)(scratch + SCRATCH_SIZE - 1 - below(64));
	return (long)(scratch + (chance(50) ? below(SCRATCH_SIZE) & ~7UL : below(SCRATCH_SIZE)));
}

/* A pointer the kernel may write through: scratch, read-only text, or invalid. */
static long out_ptr(void)
{
	if (chance(5)) /* its own text: readable, not writable */
		return (long)(unsigned long)rnd;
	return chance(60) ? scratch_ptr() : bad_ptr();
}

static long in_ptr(void)
{
	return chance(10) ? (long)&rng_state : out_ptr();
}

static const char *const paths[] = {
	"/", "/bin", "/bin/sh", "/proc/kallsyms", "/proc/meminfo", "/proc/ps", "/proc/dmesg",
	"/dev/null", "/tmp", "/nonexistent", "", "/bin/sh/x", "//bin//./sh", "/tmp/../bin",
	"/proc", "/dev",
};
static const char *const host_paths[] = { "/", "/dev/null", "/nonexistent", "", "/tmp" };

static long path_ptr(void)
{
	char *p;

	if (chance(15))
		return bad_ptr();
	if (chance(5))
		return (long)long_path;
	if (chance(5)) { /* no NUL before the end of the mapping */
		p = scratch + SCRATCH_SIZE - 32;
		memset(p, 'a', 32);
		return (long)p;
	}
	return (long)(harmless ? PICK(host_paths) : PICK(paths));
}

static long open_flags(void)
{
	long flags = chance(50) ? (long)below(4) : (long)rnd() & 0x7fffffff;

	flags &= ~(long)(O_CREAT | O_TMPFILE); /* no new files: they would outlive the run */
	if (harmless)
		flags &= ~(long)(O_ACCMODE | O_TRUNC | O_APPEND);
	if (chance(10))
		flags |= O_DIRECTORY;
	return flags;
}

/* --- the calls -------------------------------------------------------------------------------- */

#define HOST_OK 1 /* also in the harmless mode */
#define RET_FD 2  /* a non-negative result is a new descriptor */

struct fuzz_call {
	const char *name;
	long nr;                            /* -1: custom does the call */
	int flags;
	int weight;                         /* how often, relative to the others */
	void (*gen)(long *a);
	long (*custom)(long *a);
	void (*after)(const long *a, long ret);
};

static void gen_rw_out(long *a)
{
	a[0] = any_fd();
	a[1] = out_ptr();
	a[2] = size_arg();
}

static void gen_write(long *a)
{
	a[0] = any_fd();
	a[1] = in_ptr();
	a[2] = size_arg();
}

static void gen_open(long *a)
{
	a[0] = path_ptr();
	a[1] = open_flags();
	a[2] = 0644;
}

static void gen_openat(long *a)
{
	a[0] = chance(60) ? AT_FDCWD : any_fd();
	gen_open(a + 1);
}

static void gen_fd_only(long *a)
{
	a[0] = any_fd();
}

static void after_close(const long *a, long ret)
{
	if (ret == 0)
		untrack_fd((int)a[0]);
}

static void gen_fd_out(long *a)
{
	a[0] = any_fd();
	a[1] = out_ptr();
}

static void gen_lseek(long *a)
{
	static const long offs[] = { 0, 1, -1, 4096, 1L << 40, -(1L << 62), 0x7fffffffffffffffL };

	a[0] = any_fd();
	a[1] = chance(50) ? PICK(offs) : (long)rnd();
	a[2] = chance(80) ? (long)below(5) : int_arg();
}

static void gen_mmap(long *a)
{
	a[0] = chance(70) ? 0 : bad_ptr() & ~(long)(PAGE - 1);
	a[1] = chance(50) ? (long)(PAGE * (1 + below(16))) : size_arg();
	a[2] = chance(80) ? (long)below(8) : int_arg();
	/*
	 * Mostly anonymous memory; on glass sometimes a shared mapping of an fd (a BPF map's
	 * pages). Not in the harmless mode: on Linux a shared mapping of a file past its end
	 * kills the fuzzer with SIGBUS when it uses the memory.
	 */
	a[3] = chance(70) ? MAP_PRIVATE | MAP_ANONYMOUS : !harmless && chance(50) ? MAP_SHARED
										  : int_arg();
	a[3] &= ~(long)(MAP_FIXED | MAP_FIXED_NOREPLACE);
	a[4] = a[3] & MAP_ANONYMOUS && chance(70) ? -1 : any_fd();
	a[5] = chance(70) ? 0 : chance(50) ? (long)(PAGE * below(4)) : (long)rnd();
}

static void after_mmap(const long *a, long ret)
{
	if ((unsigned long)ret < -4095UL)
		track_map(ret, (a[1] + PAGE - 1) & ~(PAGE - 1));
}

/* Only its own mappings (whole or a part) or addresses where nothing of sysfuzz can be. */
static void gen_munmap(long *a)
{
	int i;

	if (nmaps && chance(70)) {
		i = (int)below(nmaps);
		a[0] = (long)maps[i].addr;
		a[1] = (long)maps[i].len;
		if (chance(30)) { /* a part of it */
			a[1] = (long)(PAGE * below(maps[i].len / PAGE + 1));
			a[0] += (long)(PAGE * below((maps[i].len - a[1]) / PAGE + 1));
		}
		return;
	}
	a[0] = chance(50) ? bad_ptr() | 1 : (long)(0xffffffff80000000UL + PAGE * below(1024));
	a[1] = size_arg();
}

/* What munmap took out of a mapping of ours; what is left of it (a piece below, a piece above)
 * stays on the list, so the mappings never pile up unseen (every fork would copy them). */
static void after_munmap(const long *a, long ret)
{
	unsigned long lo = a[0], hi = a[0] + ((a[1] + PAGE - 1) & ~(PAGE - 1));
	unsigned long start, end;
	int i;

	if (ret != 0)
		return;
	for (i = 0; i < nmaps; i++) {
		start = maps[i].addr;
		end = start + maps[i].len;
		if (lo >= end || hi <= start)
			continue;
		maps[i] = maps[--nmaps];
		i--;
		if (start < lo)
			track_map(start, lo - start);
		if (hi < end)
			track_map(hi, end - hi);
	}
}

static long start_brk;

/* Within 4 MiB above where the break started, or far off: a heap that crept up to the memory
 * limit would make every fork copy all of it. */
static void gen_brk(long *a)
{
	switch (below(4)) {
	case 0:
	case 1:
		a[0] = start_brk + (long)(PAGE * below(1024)) + (chance(10) ? (long)below(PAGE) : 0);
		break;
	case 2:
		a[0] = bad_ptr();
		break;
	default:
		a[0] = start_brk + (chance(50) ? size_arg() : -size_arg());
		break;
	}
}

static void gen_pipe(long *a)
{
	a[0] = out_ptr();
}

/* A pipe kept open could block a later read or write: close both ends now. */
static void after_pipe(const long *a, long ret)
{
	int *p = (int *)a[0];

	if (ret == 0 && (char *)p >= scratch && (char *)(p + 2) <= scratch + SCRATCH_SIZE) {
		__syscall1(__NR_close, p[0]);
		__syscall1(__NR_close, p[1]);
	}
}

static void gen_dup2(long *a)
{
	a[0] = any_fd();
	if (nfds && chance(50))
		a[1] = fds[below(nfds)];
	else
		a[1] = chance(50) ? (long)(3 + below(64)) : bad_fd();
}

static void after_dup2(const long *a, long ret)
{
	if (ret >= 0)
		track_fd((int)ret);
}

/* nanosleep reads its request: write a short (or invalid) one, never a long one. */
static void gen_nanosleep(long *a)
{
	struct timespec *ts = (struct timespec *)(scratch + 64);

	if (chance(70)) {
		ts->tv_sec = chance(90) ? 0 : -1;
		ts->tv_nsec = chance(90) ? (long)below(100000) : 1000000000L + (long)below(1000);
		a[0] = (long)ts;
	} else {
		a[0] = bad_ptr();
	}
	a[1] = out_ptr();
}

static void gen_junk(long *a)
{
	for (int i = 0; i < 6; i++)
		a[i] = int_arg();
}

/* The child exits at once; the parent collects it. */
static long do_fork(long *a)
{
	long pid = __syscall0(__NR_fork);

	if (pid == 0)
		for (;;)
			__syscall1(__NR_exit_group, 0);
	if (pid > 0)
		__syscall4(__NR_wait4, pid, 0, 0, 0);
	return pid;
}

/* Paths that are never a program, and argument vectors that are garbage. */
static void gen_execve(long *a)
{
	static const char *const not_programs[] = { "/", "/dev/null", "/proc/meminfo",
						      "/nonexistent", "" };
	long *vec = (long *)(scratch + 128);

	a[0] = chance(50) ? (long)PICK(not_programs) : bad_ptr();
	for (int i = 0; i < 4; i++)
		vec[i] = chance(75) ? bad_ptr() : 0;
	a[1] = chance(50) ? (long)vec : bad_ptr();
	a[2] = chance(50) ? (long)vec : bad_ptr();
}

static void gen_wait4(long *a)
{
	static const long pids[] = { -1, 0, 1, 0x7fffffff, -0x7fffffffL - 1 };

	a[0] = chance(70) ? PICK(pids) : (long)rnd();
	a[1] = chance(30) ? 0 : out_ptr();
	a[2] = int_arg() | WNOHANG; /* nothing to wait for may block */
	a[3] = chance(50) ? 0 : out_ptr();
}

/* Real signals only to pids that cannot exist; to itself, its parent, 1, 0 and -1 only
 * signal 0 or an invalid number. */
static void gen_kill(long *a)
{
	static const long bad_sigs[] = { 0, 65, 1000, -1, 0x7fffffff };
	long near[] = { self_pid, parent_pid, 1, 0, -1 };

	if (harmless || chance(50)) {
		a[0] = PICK(near);
		a[1] = PICK(bad_sigs);
	} else {
		a[0] = (long)((1 << 24) + below(1 << 30)) * (chance(20) ? -1 : 1);
		a[1] = (long)below(70);
	}
}

static void gen_uname(long *a)
{
	a[0] = out_ptr();
}

static void gen_path_only(long *a)
{
	a[0] = path_ptr();
}

static void gen_getcwd(long *a)
{
	a[0] = out_ptr();
	a[1] = size_arg();
}

static uid_t start_uid;
static int may_drop_uid; /* -u, second half: the run has gone unprivileged */

/* No change, or with -u also invalid ids (Linux refuses -1; a kernel that took it would leave
 * sysfuzz without privileges for the rest of the run). */
static void gen_setuid(long *a)
{
	a[0] = !may_drop_uid || chance(50) ? (long)start_uid : chance(50) ? -1L : int_arg();
}

static void gen_getdents(long *a)
{
	a[0] = any_fd();
	a[1] = out_ptr();
	a[2] = size_arg();
}

static void gen_clock(long *a)
{
	a[0] = chance(70) ? (long)below(12) : int_arg();
	a[1] = out_ptr();
}

static void fill_random(void *p, size_t n)
{
	unsigned char *b = p;

	for (size_t i = 0; i < n; i++)
		b[i] = chance(60) ? 0 : (unsigned char)rnd();
}

/* perf_event_attr: type at 0, size at 4, config at 8, config1 at 56, config2 at 64. glass has
 * tracepoints (type 2, config an event id, numbered from 1) and kprobes (type 6, config1 a
 * symbol's name). */
static void gen_perf_event_open(long *a)
{
	static const char *const symbols[] = { "sys_getpid", "sys_uname", "sys_close",
					       "no_such_symbol", "" };
	unsigned char *attr = (unsigned char *)(scratch + 1024);
	unsigned int type = chance(60) ? 2 : 6, size = 128;
	unsigned long config = below(64), config1 = (unsigned long)PICK(symbols), config2 = 0;

	exact = chance(60);
	memset(attr, 0, 256);
	if (!exact && chance(30))
		fill_random(attr, 256);
	type = V(type, (unsigned int)below(16));
	size = V(size, chance(50) ? (unsigned int)size_arg() : 64 + 8 * (unsigned int)below(16));
	config = V(config, rnd());
	config1 = V(config1, (unsigned long)path_ptr());
	config2 = V(config2, below(64));
	memcpy(attr, &type, 4);
	memcpy(attr + 4, &size, 4);
	memcpy(attr + 8, &config, 8);
	memcpy(attr + 56, &config1, 8);
	memcpy(attr + 64, &config2, 8);
	a[0] = chance(90) ? (long)attr : bad_ptr();
	a[1] = V(-1, chance(50) ? 0 : int_arg());
	a[2] = V(chance(50) ? 0 : -1, int_arg());
	a[3] = V(-1, any_fd());
	a[4] = V(chance(50) ? 0 : 8, int_arg());
}

static void after_fd(const long *a, long ret)
{
	if (ret >= 0)
		track_fd((int)ret);
}

/* --- bpf -------------------------------------------------------------------------------------- */

static const struct bpf_insn tiny_prog[] = {
	{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_0, .imm = 0 },
	{ .code = BPF_JMP | BPF_EXIT },
};

static int bpf_returns_fd(long cmd)
{
	switch (cmd) {
	case BPF_MAP_CREATE:
	case BPF_PROG_LOAD:
	case BPF_OBJ_GET:
	case BPF_PROG_GET_FD_BY_ID:
	case BPF_MAP_GET_FD_BY_ID:
	case BPF_RAW_TRACEPOINT_OPEN:
	case BPF_BTF_LOAD:
	case BPF_BTF_GET_FD_BY_ID:
	case BPF_LINK_CREATE:
	case BPF_LINK_GET_FD_BY_ID:
	case BPF_ENABLE_STATS:
	case BPF_ITER_CREATE:
	case BPF_TOKEN_CREATE:
		return 1;
	}
	return 0;
}

static long ptr_or_zero(void)
{
	return chance(20) ? 0 : chance(70) ? scratch_ptr() : bad_ptr();
}

/* A well-formed attr for a command: entirely right 60% of the time, else with odd fields. */
static void structured_attr(long cmd, union bpf_attr *attr)
{
	exact = chance(60);
	memset(attr, 0, sizeof(*attr));
	switch (cmd) {
	case BPF_MAP_CREATE:
		attr->map_type = V(chance(70) ? BPF_MAP_TYPE_ARRAY : BPF_MAP_TYPE_HASH,
				   (unsigned int)below(40));
		attr->key_size = V(4, (unsigned int)size_arg());
		attr->value_size = V(8, (unsigned int)size_arg());
		attr->max_entries = V(1 + (unsigned int)below(64), (unsigned int)rnd());
		attr->map_flags = V(0, (unsigned int)rnd());
		break;
	case BPF_MAP_LOOKUP_ELEM:
	case BPF_MAP_UPDATE_ELEM:
	case BPF_MAP_DELETE_ELEM:
	case BPF_MAP_GET_NEXT_KEY:
	case BPF_MAP_LOOKUP_AND_DELETE_ELEM:
		attr->map_fd = (unsigned int)any_fd();
		attr->key = V((unsigned long)(scratch + 512), (unsigned long)ptr_or_zero());
		*(unsigned int *)(scratch + 512) = (unsigned int)below(8); /* a key, mostly in range */
		attr->value = V((unsigned long)(scratch + 576), (unsigned long)ptr_or_zero());
		attr->flags = V(below(3), rnd());
		break;
	case BPF_PROG_LOAD: {
		static const unsigned int prog_types[] = {
			BPF_PROG_TYPE_KPROBE, BPF_PROG_TYPE_TRACEPOINT, BPF_PROG_TYPE_RAW_TRACEPOINT,
			BPF_PROG_TYPE_PERF_EVENT, BPF_PROG_TYPE_SOCKET_FILTER,
		};
		struct bpf_insn *insns = (struct bpf_insn *)(scratch + 4096);
		unsigned int n = V(ARRAY_SIZE(tiny_prog), (unsigned int)below(64));

		if (n == ARRAY_SIZE(tiny_prog) && V(1, 0))
			memcpy(insns, tiny_prog, sizeof(tiny_prog));
		else
			fill_random(insns, n * sizeof(*insns));
		attr->prog_type = V(PICK(prog_types), (unsigned int)below(40));
		attr->insn_cnt = V(n, (unsigned int)rnd());
		attr->insns = V((unsigned long)insns, (unsigned long)bad_ptr());
		attr->license = V((unsigned long)"GPL", (unsigned long)path_ptr());
		attr->log_level = V(1, (unsigned int)below(8));
		attr->log_size = V(4096, (unsigned int)size_arg());
		attr->log_buf = V((unsigned long)(scratch + 8192), (unsigned long)out_ptr());
		break;
	}
	case BPF_PROG_TEST_RUN:
		attr->test.prog_fd = (unsigned int)any_fd();
		attr->test.data_in = V((unsigned long)(scratch + 16384), (unsigned long)ptr_or_zero());
		attr->test.data_size_in = V(14 + (unsigned int)below(128), (unsigned int)rnd());
		attr->test.data_out = V((unsigned long)(scratch + 20480), (unsigned long)ptr_or_zero());
		attr->test.data_size_out = V(256, (unsigned int)below(256));
		attr->test.repeat = (unsigned int)below(4);
		break;
	case BPF_OBJ_GET_INFO_BY_FD:
		attr->info.bpf_fd = (unsigned int)any_fd();
		attr->info.info_len = V(256, (unsigned int)size_arg());
		attr->info.info = V((unsigned long)(scratch + 24576), (unsigned long)out_ptr());
		break;
	case BPF_LINK_CREATE:
		attr->link_create.prog_fd = (unsigned int)any_fd();
		attr->link_create.target_fd = (unsigned int)any_fd();
		attr->link_create.attach_type = V(BPF_PERF_EVENT, (unsigned int)below(64));
		break;
	default:
		fill_random(attr, sizeof(*attr));
		break;
	}
}

static void gen_bpf(long *a)
{
	static const long deep[] = { BPF_MAP_CREATE, BPF_MAP_LOOKUP_ELEM, BPF_MAP_UPDATE_ELEM,
				     BPF_MAP_DELETE_ELEM, BPF_MAP_GET_NEXT_KEY, BPF_PROG_LOAD,
				     BPF_PROG_TEST_RUN, BPF_OBJ_GET_INFO_BY_FD, BPF_LINK_CREATE };
	union bpf_attr *attr = (union bpf_attr *)(scratch + 2048);

	/* Half the time a command whose well-formed attr gets past the first checks. */
	if (chance(50))
		a[0] = PICK(deep);
	else
		a[0] = chance(90) ? (long)below(__MAX_BPF_CMD + 2) : int_arg();
	if (chance(70))
		structured_attr(a[0], attr);
	else
		fill_random(attr, sizeof(*attr));
	if (a[0] == BPF_PROG_TEST_RUN && attr->test.repeat > 16)
		attr->test.repeat = 16; /* a billion runs is not a crash, only a very long wait */
	if (a[0] == BPF_OBJ_PIN) /* a pinned object would outlive the run */
		attr->pathname = (unsigned long)bad_ptr();
	a[1] = chance(90) ? (long)attr : bad_ptr();
	a[2] = chance(85) ? (long)sizeof(*attr) : size_arg();
}

static unsigned long bpf_calls[__MAX_BPF_CMD], bpf_ok[__MAX_BPF_CMD]; /* by command */

static void after_bpf(const long *a, long ret)
{
	if (a[0] >= 0 && a[0] < __MAX_BPF_CMD) {
		bpf_calls[a[0]]++;
		bpf_ok[a[0]] += ret >= 0;
	}
	if (ret >= 0 && bpf_returns_fd(a[0]))
		track_fd((int)ret);
}

/* Numbers no kernel has: the table lookup must refuse them. */
static long do_unknown(long *a)
{
	static const long nrs[] = { 335, 449, 511, 512, 1000, 4096, 0x7fffffff, -1, 1L << 32,
				    0x8000000000000000L };
	long nr = chance(70) ? PICK(nrs) : (long)(600 + below(1 << 20));

	return __syscall6(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
}

static const struct fuzz_call calls[] = {
	{ "read", __NR_read, HOST_OK, 2, gen_rw_out, NULL, NULL },
	{ "write", __NR_write, HOST_OK, 2, gen_write, NULL, NULL },
	{ "open", __NR_open, HOST_OK | RET_FD, 2, gen_open, NULL, after_fd },
	{ "openat", __NR_openat, HOST_OK | RET_FD, 1, gen_openat, NULL, after_fd },
	{ "close", __NR_close, HOST_OK, 1, gen_fd_only, NULL, after_close },
	{ "fstat", __NR_fstat, HOST_OK, 1, gen_fd_out, NULL, NULL },
	{ "lseek", __NR_lseek, HOST_OK, 1, gen_lseek, NULL, NULL },
	{ "mmap", __NR_mmap, HOST_OK, 1, gen_mmap, NULL, after_mmap },
	{ "munmap", __NR_munmap, HOST_OK, 1, gen_munmap, NULL, after_munmap },
	{ "brk", __NR_brk, 0, 1, gen_brk, NULL, NULL },
	{ "pipe", __NR_pipe, HOST_OK, 1, gen_pipe, NULL, after_pipe },
	{ "dup2", __NR_dup2, HOST_OK, 1, gen_dup2, NULL, after_dup2 },
	{ "nanosleep", __NR_nanosleep, HOST_OK, 1, gen_nanosleep, NULL, NULL },
	{ "getpid", __NR_getpid, HOST_OK, 1, gen_junk, NULL, NULL },
	{ "getppid", __NR_getppid, HOST_OK, 1, gen_junk, NULL, NULL },
	{ "getuid", __NR_getuid, HOST_OK, 1, gen_junk, NULL, NULL },
	{ "setuid", __NR_setuid, 0, 1, gen_setuid, NULL, NULL },
	{ "fork", -1, 0, 1, gen_junk, do_fork, NULL },
	{ "execve", __NR_execve, 0, 1, gen_execve, NULL, NULL },
	{ "wait4", __NR_wait4, HOST_OK, 1, gen_wait4, NULL, NULL },
	{ "kill", __NR_kill, HOST_OK, 1, gen_kill, NULL, NULL },
	{ "uname", __NR_uname, HOST_OK, 1, gen_uname, NULL, NULL },
	{ "getcwd", __NR_getcwd, HOST_OK, 1, gen_getcwd, NULL, NULL },
	{ "chdir", __NR_chdir, HOST_OK, 1, gen_path_only, NULL, NULL },
	{ "getdents64", __NR_getdents64, HOST_OK, 1, gen_getdents, NULL, NULL },
	{ "clock_gettime", __NR_clock_gettime, HOST_OK, 1, gen_clock, NULL, NULL },
	{ "perf_event_open", __NR_perf_event_open, RET_FD, 2, gen_perf_event_open, NULL, after_fd },
	{ "bpf", __NR_bpf, RET_FD, 8, gen_bpf, NULL, after_bpf },
	{ "unknown", -1, 0, 1, gen_junk, do_unknown, NULL },
};

/* --- running and counting --------------------------------------------------------------------- */

static struct {
	unsigned long calls, ok;
	unsigned int errors[MAX_ERRNO];
} stats[ARRAY_SIZE(calls)];

static int total_weight(void)
{
	int sum = 0;

	for (size_t i = 0; i < ARRAY_SIZE(calls); i++)
		if (!harmless || (calls[i].flags & HOST_OK))
			sum += calls[i].weight;
	return sum;
}

static size_t pick_call(int total)
{
	int w = (int)below(total);
	size_t i;

	for (i = 0; i < ARRAY_SIZE(calls); i++) {
		if (harmless && !(calls[i].flags & HOST_OK))
			continue;
		if (w < calls[i].weight)
			break;
		w -= calls[i].weight;
	}
	return i;
}

static void one_call(unsigned long n, size_t i)
{
	const struct fuzz_call *c = &calls[i];
	long a[6] = { 0 }, ret;

	c->gen(a);
	if (verbose)
		dprintf(2, "%lu %s(%#lx, %#lx, %#lx, %#lx, %#lx, %#lx)\n", n, c->name, a[0], a[1],
			a[2], a[3], a[4], a[5]);
	if (c->custom)
		ret = c->custom(a);
	else
		ret = __syscall6(c->nr, a[0], a[1], a[2], a[3], a[4], a[5]);
	if (c->after)
		c->after(a, ret);
	stats[i].calls++;
	if ((unsigned long)ret < -4095UL)
		stats[i].ok++;
	else if (-ret < MAX_ERRNO)
		stats[i].errors[-ret]++;
}

static void print_summary(unsigned long long seed, unsigned long n, long ms)
{
	unsigned long ok = 0;
	size_t i;
	int e, k, best;

	printf("%-16s %8s %8s  most frequent errors\n", "call", "calls", "ok");
	for (i = 0; i < ARRAY_SIZE(calls); i++) {
		unsigned int shown[3] = { 0 };

		if (!stats[i].calls)
			continue;
		ok += stats[i].ok;
		printf("%-16s %8lu %8lu ", calls[i].name, stats[i].calls, stats[i].ok);
		for (k = 0; k < 3; k++) {
			best = 0;
			for (e = 1; e < MAX_ERRNO; e++)
				if (stats[i].errors[e] > stats[i].errors[best] &&
				    (!k || (unsigned int)e != shown[0]) &&
				    (k < 2 || (unsigned int)e != shown[1]))
					best = e;
			if (!best)
				break;
			shown[k] = best;
			printf(" %s %u", strerrorname_np(best) ? strerrorname_np(best) : "?",
			       stats[i].errors[best]);
		}
		putchar('\n');
	}
	if (!harmless) {
		printf("bpf commands that succeeded (command: ok/calls):");
		for (e = 0; e < __MAX_BPF_CMD; e++)
			if (bpf_ok[e])
				printf(" %d: %lu/%lu", e, bpf_ok[e], bpf_calls[e]);
		putchar('\n');
	}
	printf("sysfuzz: seed %llu, %lu calls, %lu succeeded, survived\n", seed, n, ok);
	/* on stderr: the same seed must give the same standard output */
	fprintf(stderr, "sysfuzz: %ld.%03ld s\n", ms / 1000, ms % 1000);
}

static int setup(void)
{
	static const char *const opens[] = { "/", "/bin", "/bin/sh", "/proc/kallsyms",
					     "/proc/meminfo", "/dev/null", "/tmp" };
	union bpf_attr attr;
	long r;
	size_t i;

	scratch = mmap(NULL, SCRATCH_SIZE + PAGE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (scratch == MAP_FAILED) {
		perror("sysfuzz: mmap");
		return -1;
	}
	munmap(scratch + SCRATCH_SIZE, PAGE); /* so that objects can run off the end */
	memset(long_path, 'a', sizeof(long_path) - 1);
	long_path[0] = '/';
	self_pid = getpid();
	parent_pid = getppid();
	start_uid = getuid();
	start_brk = __syscall1(__NR_brk, 0);
	for (i = 0; i < ARRAY_SIZE(opens); i++) {
		if (harmless && strcmp(opens[i], "/dev/null") && strcmp(opens[i], "/"))
			continue;
		r = __syscall3(__NR_open, opens[i], O_RDONLY, 0);
		if (r >= 0)
			track_fd((int)r);
	}
	if (!harmless) { /* a few real maps to start with */
		for (i = 0; i < 3; i++) {
			structured_attr(BPF_MAP_CREATE, &attr);
			attr.map_type = BPF_MAP_TYPE_ARRAY;
			attr.key_size = 4;
			attr.value_size = 8;
			attr.max_entries = 4;
			attr.map_flags = 0;
			r = __syscall3(__NR_bpf, BPF_MAP_CREATE, &attr, sizeof(attr));
			if (r >= 0)
				track_fd((int)r);
		}
	}
	return 0;
}

static void cleanup(void)
{
	while (nfds)
		__syscall1(__NR_close, fds[--nfds]);
	while (nmaps--)
		__syscall2(__NR_munmap, maps[nmaps].addr, maps[nmaps].len);
	nmaps = 0;
}

int main(int argc, char **argv)
{
	unsigned long n = 100000, i;
	unsigned long long seed = 0;
	long drop_uid = -1, ms;
	struct utsname u;
	struct timespec ts, end;
	int opt, have_seed = 0, total;

	while ((opt = getopt(argc, argv, "n:s:u:vH")) != -1) {
		switch (opt) {
		case 'n':
			n = strtoul(optarg, NULL, 0);
			break;
		case 's':
			seed = strtoull(optarg, NULL, 0);
			have_seed = 1;
			break;
		case 'u':
			drop_uid = strtol(optarg, NULL, 0);
			break;
		case 'v':
			verbose = 1;
			break;
		case 'H':
			harmless = 1;
			break;
		default:
			fprintf(stderr, "usage: sysfuzz [-n calls] [-s seed] [-u uid] [-v] [-H]\n");
			return 2;
		}
	}
	if (!harmless && (uname(&u) < 0 || strcmp(u.sysname, "glass"))) {
		fprintf(stderr, "sysfuzz: this is not glass: use -H for the harmless mode\n");
		return 1;
	}
	if (harmless && drop_uid >= 0) {
		fprintf(stderr, "sysfuzz: -u needs the full mode\n");
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &ts);
	if (!have_seed) {
		seed = (unsigned long long)ts.tv_sec * 1000000000ULL + ts.tv_nsec;
	}
	rng_state = seed ? seed : 1;
	printf("sysfuzz: seed %llu, %lu calls%s\n", seed, n, harmless ? ", harmless mode" : "");
	fflush(stdout);
	if (setup() < 0)
		return 1;
	total = total_weight();
	for (i = 0; i < n; i++) {
		if (drop_uid >= 0 && i == n / 2) {
			long r = __syscall1(__NR_setuid, drop_uid);

			printf("sysfuzz: setuid(%ld) = %ld at call %lu\n", drop_uid, r, i);
			start_uid = (uid_t)drop_uid;
			may_drop_uid = 1;
		}
		one_call(i, pick_call(total));
	}
	cleanup();
	clock_gettime(CLOCK_MONOTONIC, &end);
	ms = (end.tv_sec - ts.tv_sec) * 1000 + (end.tv_nsec - ts.tv_nsec) / 1000000;
	print_summary(seed, n, ms);
	return 0;
}
