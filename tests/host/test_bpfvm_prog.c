/*
 * tests/host/test_bpfvm_prog.c - bpfvm --prog-type, driven as a person drives it: a program
 * in assembly on stdin, maps and a context on the command line, r0 and the maps' contents on
 * the way out, and every kind of bad option refused with a message and exit status 1.
 * Run from the top of the tree after `make host`.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#define BPFVM "build/host/bpfvm"

/* Run bpfvm with args and the program text on stdin: exit status, output (both streams). */
static int run(const char *args, const char *program, char *out, size_t size)
{
	char path[] = "/tmp/bpfvm_prog_XXXXXX", cmd[2048];
	int fd = mkstemp(path), status;
	size_t n = 0;
	FILE *p;

	assert_true(fd >= 0);
	assert_int_equal(write(fd, program, strlen(program)), (ssize_t)strlen(program));
	close(fd);
	snprintf(cmd, sizeof(cmd), "%s %s --asm - < %s 2>&1", BPFVM, args, path);
	p = popen(cmd, "r");
	assert_non_null(p);
	while (n + 1 < size && fgets(out + n, (int)(size - n), p))
		n += strlen(out + n);
	out[n] = '\0';
	status = pclose(p);
	unlink(path);
	assert_true(WIFEXITED(status));
	return WEXITSTATUS(status);
}

static void expect(const char *args, const char *program, int status, const char *want)
{
	char out[8192];
	int got = run(args, program, out, sizeof(out));

	if (got != status || !strstr(out, want))
		fail_msg("bpfvm %s: exit %d, output \"%s\"; expected exit %d and \"%s\"", args, got,
			 out, status, want);
}

/* Count key 7 in map 0; each run also writes the count to the ring buffer, map 1. */
static const char counter[] =
    "r1 = 7\n*(u32 *)(r10 -4) = r1\n"
    "r1 = map[fd:0]\nr2 = r10\nr2 += -4\ncall bpf_map_lookup_elem\n"
    "if r0 == 0 goto create\n"
    "r1 = 1\nlock *(u64 *)(r0 +0) += r1\nr1 = *(u64 *)(r0 +0)\ngoto out\n"
    "create:\n"
    "r1 = 1\n*(u64 *)(r10 -16) = r1\n"
    "r1 = map[fd:0]\nr2 = r10\nr2 += -4\nr3 = r10\nr3 += -16\nr4 = 0\n"
    "call bpf_map_update_elem\nr1 = 1\n"
    "out:\n"
    "*(u64 *)(r10 -16) = r1\n"
    "r1 = map[fd:1]\nr2 = r10\nr2 += -16\nr3 = 8\nr4 = 0\ncall bpf_ringbuf_output\n"
    "r0 = 0x2a\nexit\n";

static void test_maps_and_dump(void **state)
{
	expect("--prog-type kprobe --map hash:4:8:16 --map ringbuf:0:0:4096 --repeat 3 --dump-maps",
	       counter, 0,
	       "0x2a\n"
	       "map 0: hash key 4 value 8 max_entries 16\n"
	       "  07 00 00 00: 03 00 00 00 00 00 00 00\n"
	       "map 1: ringbuf key 0 value 0 max_entries 4096\n"
	       "  record 0: 01 00 00 00 00 00 00 00\n"
	       "  record 1: 02 00 00 00 00 00 00 00\n"
	       "  record 2: 03 00 00 00 00 00 00 00\n");
	expect("--prog-type kprobe --jit --map hash:4:8:16 --map ringbuf:0:0:4096 --dump-maps",
	       counter, 0, "  07 00 00 00: 01 00 00 00 00 00 00 00\n");
	expect("--prog-type kprobe --map hash:4:8:16 --map ringbuf:0:0:4096 --repeat 4", counter, 0,
	       "4 runs");
}

static void test_context(void **state)
{
	/* A kprobe reads pt_regs; a raw tracepoint its argument array. */
	expect("--prog-type kprobe --ctx '00 00 00 00 00 00 00 00 29 00 00 00 00 00 00 00'",
	       "r0 = *(u64 *)(r1 +8)\nr0 += 1\nexit\n", 0, "0x2a\n");
	expect("--prog-type raw_tracepoint --ctx '05 00 00 00 00 00 00 00'",
	       "r0 = *(u64 *)(r1 +0)\nexit\n", 0, "0x5\n");
	expect("--prog-type tracepoint", "r0 = 0\nexit\n", 0, "0x0\n");
	expect("--prog-type perf_event --jit", "r0 = 3\nexit\n", 0, "0x3\n");
	/* Helpers by Linux id: 5 is bpf_ktime_get_ns here, not the raw mode's test helper. */
	expect("--prog-type kprobe",
	       "r1 = 9\ncall 5\nr1 = 0\nif r0 > r1 goto ok\nr0 = 0\nexit\n"
	       "ok:\nr0 = 1\nexit\n",
	       0, "0x1\n");
}

static void test_global_data(void **state)
{
	expect("--prog-type kprobe --map array:4:16:1 --dump-maps",
	       "r1 = map[fd:0][0]+8\nr2 = 0x55\n*(u64 *)(r1 +0) = r2\nr0 = 0\nexit\n", 0,
	       "  00 00 00 00: 00 00 00 00 00 00 00 00 55 00 00 00 00 00 00 00\n");
}

static void test_refusals(void **state)
{
	const char *prog = "r0 = 0\nexit\n";

	expect("--prog-type xdp", prog, 1, "unknown program type 'xdp'");
	expect("--prog-type kprobe --map hsh:4:4:4", prog, 1, "unknown map type 'hsh'");
	expect("--prog-type kprobe --map hash:4:4", prog, 1,
	       "TYPE:KEY_SIZE:VALUE_SIZE:MAX_ENTRIES");
	expect("--prog-type kprobe --map hash:4:x:4", prog, 1, "expected a number at 'x:4'");
	expect("--prog-type kprobe --map hash:0:4:4", prog, 1, "BPF_MAP_CREATE: EINVAL");
	expect("--prog-type kprobe --map ringbuf:0:0:100", prog, 1, "BPF_MAP_CREATE: EINVAL");
	expect("--prog-type kprobe --map array:4:4:1", "r1 = map[fd:1]\nr0 = 0\nexit\n", 1,
	       "insn 0: map 1, but there is 1 --map option");
	expect("--prog-type kprobe", "call 999\nexit\n", 1, "0: unknown func #999");
	expect("--prog-type kprobe", "call 999\nexit\n", 1, "BPF_PROG_LOAD: EINVAL");
	expect("--prog-type kprobe --ctx 'zz'", prog, 1, "--ctx: bad hex");
	expect("--prog-type kprobe --ctx '01 02'", prog, 0, "0x0");
	expect(
	    "--prog-type raw_tracepoint --ctx '"
	    "01 01 01 01 01 01 01 01 01 01 01 01 01 01 01 01 "
	    "01 01 01 01 01 01 01 01 01 01 01 01 01 01 01 01 01 01 01 01 01 01 01 01 01 01 01 01 "
	    "01 01 01 01 01 01 01 01 01 01 01 01 01 01 01 01 01 01 01 01 01 01 01 01 01 01 01 01 "
	    "01 01 01 01 01 01 01 01 01 01 01 01 01 01 01 01 01 01 01 01 01 01 01 01 01'",
	    prog, 1, "BPF_PROG_TEST_RUN: E2BIG");
	expect("--prog-type kprobe --repeat x", prog, 1, "--repeat x: expected a number");
	expect("--map hash:4:4:4", prog, 1, "need --prog-type");
	expect("--dump-maps", prog, 1, "need --prog-type");
	expect("--prog-type kprobe '00 11'", prog, 1, "no MEM");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_maps_and_dump),
	    cmocka_unit_test(test_context),
	    cmocka_unit_test(test_global_data),
	    cmocka_unit_test(test_refusals),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
