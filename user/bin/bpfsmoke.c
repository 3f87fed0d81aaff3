/*
 * bpfsmoke.c - bpf() from user space, end to end, the way a loader uses it.
 *
 *     bpfsmoke
 *
 * Creates an array map, updates and looks up an element, reads it back through a loaded
 * program run with BPF_PROG_TEST_RUN, makes a tail call through a program array, checks
 * the bad-input answers (bad fd, bad key size,
 * unknown command, non-zero attr tail, bad pointer, a process that is not root), closes
 * everything, and prints one "ok" or
 * "FAIL" line per check. Exit status 0 only when every check passed.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

#include "bpf/uapi/bpf.h"

static int failures;

static void check(int ok, const char *what)
{
	printf("bpfsmoke: %s ... %s\n", what, ok ? "ok" : "FAIL");
	if (!ok)
		failures++;
}

static int sys_bpf(int cmd, union bpf_attr *attr)
{
	return bpf(cmd, attr, sizeof(*attr));
}

/* BPF_MAP_CREATE; the fd, or -1. */
static int map_create(unsigned int type, unsigned int value_size, unsigned int max_entries)
{
	union bpf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.map_type = type;
	attr.key_size = 4;
	attr.value_size = value_size;
	attr.max_entries = max_entries;
	return sys_bpf(BPF_MAP_CREATE, &attr);
}

/* Load a raw tracepoint program; the fd, or -1. */
static int load(const struct bpf_insn *insns, unsigned int cnt)
{
	union bpf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.prog_type = BPF_PROG_TYPE_RAW_TRACEPOINT;
	attr.insns = (unsigned long)insns;
	attr.insn_cnt = cnt;
	attr.license = (unsigned long)"GPL";
	return sys_bpf(BPF_PROG_LOAD, &attr);
}

/* BPF_PROG_TEST_RUN with args[1] = arg; the program's r0, or -1. */
static long long test_run(int prog_fd, unsigned long long arg)
{
	unsigned long long ctx[4] = { 0, arg };
	union bpf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.test.prog_fd = prog_fd;
	attr.test.ctx_in = (unsigned long)ctx;
	attr.test.ctx_size_in = sizeof(ctx);
	return sys_bpf(BPF_PROG_TEST_RUN, &attr) ? -1 : (long long)attr.test.retval;
}

/* Whether /proc/kallsyms has a line holding text (read in overlapping pieces). */
static int kallsyms_has(const char *text)
{
	static char buf[4096 + 1];
	size_t keep = 0, len = strlen(text);
	int fd = open("/proc/kallsyms", O_RDONLY), found = 0;
	ssize_t n;

	if (fd < 0)
		return 0;
	while (!found && (n = read(fd, buf + keep, sizeof(buf) - 1 - keep)) > 0) {
		size_t have = keep + (size_t)n;

		buf[have] = '\0';
		found = strstr(buf, text) != NULL;
		keep = have < len ? have : len; /* a match may straddle two pieces */
		memmove(buf, buf + have - keep, keep);
	}
	close(fd);
	return found;
}

/*
 * bpf_tail_call through a PROG_ARRAY: an empty slot goes on (r0 = 99), a filled one runs
 * its program instead, with the same context. Both programs are JIT-compiled (the default).
 */
static void tail_calls(void)
{
	struct bpf_insn target[] = {
		{ BPF_LDX | BPF_MEM | BPF_DW, BPF_REG_0, BPF_REG_1, 8, 0 }, /* r0 = args[1] */
		{ BPF_JMP | BPF_EXIT, 0, 0, 0, 0 },
	};
	struct bpf_insn caller[] = {
		{ BPF_LD | BPF_DW | BPF_IMM, BPF_REG_2, BPF_PSEUDO_MAP_FD, 0, 0 }, /* r2 = array */
		{ 0, 0, 0, 0, 0 },
		{ BPF_ALU64 | BPF_MOV | BPF_K, BPF_REG_3, 0, 0, 0 },		    /* r3 = 0 */
		{ BPF_JMP | BPF_CALL, 0, 0, 0, BPF_FUNC_tail_call },
		{ BPF_ALU64 | BPF_MOV | BPF_K, BPF_REG_0, 0, 0, 99 },		    /* r0 = 99 */
		{ BPF_JMP | BPF_EXIT, 0, 0, 0, 0 },
	};
	struct bpf_prog_info info;
	union bpf_attr attr;
	unsigned int key = 0;
	int array, target_fd, caller_fd;
	char sym[64];

	array = map_create(BPF_MAP_TYPE_PROG_ARRAY, 4, 4);
	caller[0].imm = array;
	target_fd = load(target, 2);
	caller_fd = load(caller, 6);
	check(array >= 0 && target_fd >= 0 && caller_fd >= 0, "load a tail-calling program");
	memset(&info, 0, sizeof(info));
	memset(&attr, 0, sizeof(attr));
	attr.info.bpf_fd = caller_fd;
	attr.info.info_len = sizeof(info);
	attr.info.info = (unsigned long)&info;
	check(sys_bpf(BPF_OBJ_GET_INFO_BY_FD, &attr) == 0 && info.jited_prog_len > 0,
	      "the tail-calling program is JIT-compiled");
	/* Its image is a symbol: "<address> t bpf_prog_<tag>\t[bpf]" (it has no name). */
	strcpy(sym, " t bpf_prog_");
	for (int i = 0; i < 8; i++)
		sprintf(sym + strlen(sym), "%02x", info.tag[i]);
	strcat(sym, "\t[bpf]\n");
	check(kallsyms_has(sym), "its image is in /proc/kallsyms");
	check(test_run(caller_fd, 42) == 99, "tail call into an empty slot goes on");
	memset(&attr, 0, sizeof(attr));
	attr.map_fd = array;
	attr.key = (unsigned long)&key;
	attr.value = (unsigned long)&target_fd;
	check(sys_bpf(BPF_MAP_UPDATE_ELEM, &attr) == 0, "put the target in slot 0");
	check(test_run(caller_fd, 42) == 42, "tail call runs the target with the same context");
	close(caller_fd);
	check(!kallsyms_has(sym), "gone from /proc/kallsyms once closed");
	close(target_fd);
	close(array);
}

int main(void)
{
	union bpf_attr attr;
	unsigned int key = 3;
	unsigned long long value = 0x1234, out = 0;
	int map_fd, prog_fd, err;
	static char log[16384];

	map_fd = map_create(BPF_MAP_TYPE_ARRAY, 8, 8);
	check(map_fd >= 0, "create an array map");

	memset(&attr, 0, sizeof(attr));
	attr.map_fd = map_fd;
	attr.key = (unsigned long)&key;
	attr.value = (unsigned long)&value;
	attr.flags = BPF_ANY;
	check(sys_bpf(BPF_MAP_UPDATE_ELEM, &attr) == 0, "update element 3");
	attr.value = (unsigned long)&out;
	check(sys_bpf(BPF_MAP_LOOKUP_ELEM, &attr) == 0 && out == 0x1234, "look up element 3");
	key = 8;
	attr.key = (unsigned long)&key;
	check(sys_bpf(BPF_MAP_LOOKUP_ELEM, &attr) == -1 && errno == ENOENT, "key 8 is -ENOENT");
	attr.key = 0xffffffff80100000ull; /* a kernel address */
	check(sys_bpf(BPF_MAP_LOOKUP_ELEM, &attr) == -1 && errno == EFAULT, "kernel key: -EFAULT");

	/* r1 = map; r2 = fp - 4; *(u32 *)(fp - 4) = 3; call lookup; if r0 == 0 goto out;
	 * r0 = *(u64 *)r0; exit; out: r0 = 0; exit */
	struct bpf_insn insns[] = {
		{ BPF_ST | BPF_MEM | BPF_W, BPF_REG_10, 0, -4, 3 },
		{ BPF_LD | BPF_DW | BPF_IMM, BPF_REG_1, BPF_PSEUDO_MAP_FD, 0, map_fd },
		{ 0, 0, 0, 0, 0 },
		{ BPF_ALU64 | BPF_MOV | BPF_X, BPF_REG_2, BPF_REG_10, 0, 0 },
		{ BPF_ALU64 | BPF_ADD | BPF_K, BPF_REG_2, 0, 0, -4 },
		{ BPF_JMP | BPF_CALL, 0, 0, 0, BPF_FUNC_map_lookup_elem },
		{ BPF_JMP | BPF_JEQ | BPF_K, BPF_REG_0, 0, 2, 0 },
		{ BPF_LDX | BPF_MEM | BPF_DW, BPF_REG_0, BPF_REG_0, 0, 0 },
		{ BPF_JMP | BPF_EXIT, 0, 0, 0, 0 },
		{ BPF_ALU64 | BPF_MOV | BPF_K, BPF_REG_0, 0, 0, 0 },
		{ BPF_JMP | BPF_EXIT, 0, 0, 0, 0 },
	};
	memset(&attr, 0, sizeof(attr));
	attr.prog_type = BPF_PROG_TYPE_RAW_TRACEPOINT;
	attr.insns = (unsigned long)insns;
	attr.insn_cnt = sizeof(insns) / sizeof(insns[0]);
	attr.license = (unsigned long)"GPL";
	attr.log_buf = (unsigned long)log;
	attr.log_size = sizeof(log);
	attr.log_level = 1;
	log[0] = '\0';
	prog_fd = sys_bpf(BPF_PROG_LOAD, &attr);
	check(prog_fd >= 0, "load a program that reads the map");
	if (prog_fd < 0)
		printf("bpfsmoke: load failed: %s\n%s\n", strerror(errno), log);

	unsigned long long ctx[4] = { 0 };

	memset(&attr, 0, sizeof(attr));
	attr.test.prog_fd = prog_fd;
	attr.test.ctx_in = (unsigned long)ctx;
	attr.test.ctx_size_in = sizeof(ctx);
	attr.test.repeat = 10;
	err = sys_bpf(BPF_PROG_TEST_RUN, &attr);
	check(err == 0 && attr.test.retval == 0x1234, "BPF_PROG_TEST_RUN returns the map value");

	tail_calls();

	/* bad input */
	memset(&attr, 0, sizeof(attr));
	attr.map_fd = 999;
	attr.key = (unsigned long)&key;
	attr.value = (unsigned long)&out;
	check(sys_bpf(BPF_MAP_LOOKUP_ELEM, &attr) == -1 && errno == EBADF, "bad fd: -EBADF");
	attr.map_fd = prog_fd;
	check(sys_bpf(BPF_MAP_LOOKUP_ELEM, &attr) == -1 && errno == EINVAL,
	      "a program fd as a map: -EINVAL");
	check(bpf(9999, &attr, sizeof(attr)) == -1 && errno == EINVAL, "unknown command: -EINVAL");
	check(bpf(BPF_MAP_CREATE, (void *)0x10, sizeof(attr)) == -1 && errno == EFAULT,
	      "attr at an unmapped address: -EFAULT");
	{
		char big[8192];

		memset(big, 0, sizeof(big));
		big[sizeof(big) - 1] = 1;
		check(bpf(BPF_MAP_CREATE, big, sizeof(big)) == -1 && errno == E2BIG,
		      "non-zero tail past the known attr: -E2BIG");
	}
	check(setuid((uid_t)-1) == -1 && errno == EINVAL && getuid() == 0,
	      "setuid(-1): -EINVAL, still uid 0");
	{
		/* a process with another uid may not use bpf(), as on Linux without CAP_BPF */
		int status = -1;
		pid_t pid = fork();

		if (pid == 0) {
			if (setuid(1000))
				_exit(2);
			if (setuid(0) != -1 || errno != EPERM)
				_exit(3); /* no way back to root */
			memset(&attr, 0, sizeof(attr));
			attr.prog_type = BPF_PROG_TYPE_KPROBE;
			attr.insns = (unsigned long)insns;
			attr.insn_cnt = sizeof(insns) / sizeof(insns[0]);
			attr.license = (unsigned long)"GPL";
			_exit(sys_bpf(BPF_PROG_LOAD, &attr) == -1 && errno == EPERM ? 0 : 1);
		}
		waitpid(pid, &status, 0);
		check(pid > 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0,
		      "uid 1000 loading a kprobe program: -EPERM");
	}
	check(close(prog_fd) == 0 && close(map_fd) == 0, "close both");
	check(close(map_fd) == -1 && errno == EBADF, "close twice: -EBADF");
	printf("bpfsmoke: %s\n", failures ? "FAILED" : "all passed");
	return failures ? 1 : 0;
}
