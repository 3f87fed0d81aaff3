/*
 * bpfsmoke.c - bpf() from user space, end to end, the way a loader uses it.
 *
 *     bpfsmoke
 *
 * Creates an array map, updates and looks up an element, reads it back through a loaded
 * program run with BPF_PROG_TEST_RUN, checks the bad-input answers (bad fd, bad key size,
 * unknown command, non-zero attr tail, bad pointer, a process that is not root), closes
 * everything, and prints one "ok" or
 * "FAIL" line per check. Exit status 0 only when every check passed.
 */
#include <errno.h>
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

int main(void)
{
	union bpf_attr attr;
	unsigned int key = 3;
	unsigned long long value = 0x1234, out = 0;
	int map_fd, prog_fd, err;
	static char log[16384];

	memset(&attr, 0, sizeof(attr));
	attr.map_type = BPF_MAP_TYPE_ARRAY;
	attr.key_size = 4;
	attr.value_size = 8;
	attr.max_entries = 8;
	map_fd = sys_bpf(BPF_MAP_CREATE, &attr);
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
	{
		/* a process with another uid may not use bpf(), as on Linux without CAP_BPF */
		int status = -1;
		pid_t pid = fork();

		if (pid == 0) {
			if (setuid(1000))
				_exit(2);
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
