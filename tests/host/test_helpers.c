/*
 * tests/host/test_helpers.c - the helpers, end to end: programs written in assembly, loaded
 * through __sys_bpf and run through PROG_TEST_RUN with maps, on every engine there is (the
 * JIT, then the interpreter: both must give the same results; the setup of each test puts
 * bpf_jit_enable back to 1). The formatting helpers and a
 * few edge cases are also called directly, where a program would only add noise. The host
 * environment plays the kernel: its current task, CPU, stack and trace buffer are set by the
 * tests (tests/host/lib/env_host_bpf.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>

#include <cmocka.h>

#include "bpf/asm.h"
#include "bpf/helpers.h"
#include "bpf/prog_aux.h"
#include "tests/host/lib/leak_check.h"
#include "tests/host/lib/sys_bpf.h"

#define U64(p) ((u64)(uintptr_t)(p))

static int load_fmt(u32 type, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Assemble a printf-formatted program and load it. */
static int load_fmt(u32 type, const char *fmt, ...)
{
	char text[2048];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	return sys_prog_load_asm(type, text);
}

static u32 run(int prog, const void *ctx, u32 ctx_size)
{
	u32 retval = 0xdeadbeef;

	assert_int_equal(sys_prog_test_run(prog, ctx, ctx_size, 1, &retval, NULL), 0);
	return retval;
}

static bool prog_is_jited(int fd)
{
	struct bpf_prog *prog;
	bool jited;

	assert_int_equal(bpf_prog_get(fd, &prog), 0);
	jited = prog->jited;
	bpf_prog_put(prog);
	return jited;
}

/* ---- maps ---- */

/* A counter in a hash map: created on the first run, incremented atomically after. */
static void test_map_helpers_counter(void **state)
{
	for (int jit = 1; jit >= 0; jit--) { /* the JIT, then the interpreter */
		bpf_jit_enable = jit;
		int map = sys_map_create(BPF_MAP_TYPE_HASH, 4, 8, 16, 0);
		int prog = load_fmt(BPF_PROG_TYPE_KPROBE,
				    "r1 = 7\n"
				    "*(u32 *)(r10 -4) = r1\n"
				    "r1 = map[fd:%d]\n"
				    "r2 = r10\n"
				    "r2 += -4\n"
				    "call bpf_map_lookup_elem\n"
				    "if r0 == 0 goto create\n"
				    "r1 = 1\n"
				    "lock *(u64 *)(r0 +0) += r1\n"
				    "r0 = 2\n"
				    "exit\n"
				    "create:\n"
				    "r1 = 1\n"
				    "*(u64 *)(r10 -16) = r1\n"
				    "r1 = map[fd:%d]\n"
				    "r2 = r10\n"
				    "r2 += -4\n"
				    "r3 = r10\n"
				    "r3 += -16\n"
				    "r4 = 1\n" /* BPF_NOEXIST */
				    "call bpf_map_update_elem\n"
				    "exit\n",
				    map, map);
		u32 key = 7, retval;
		u64 value;

		assert_true(prog >= 0);
		assert_int_equal(prog_is_jited(prog), jit == 1);
		assert_int_equal(run(prog, NULL, 0), 0); /* created */
		assert_int_equal(sys_prog_test_run(prog, NULL, 0, 9, &retval, NULL), 0);
		assert_int_equal(retval, 2);
		assert_int_equal(sys_map_lookup(map, &key, &value), 0);
		assert_int_equal(value, 10);
		/* Delete from user space; the program recreates it. */
		assert_int_equal(sys_map_delete(map, &key), 0);
		assert_int_equal(run(prog, NULL, 0), 0);
		assert_int_equal(sys_map_lookup(map, &key, &value), 0);
		assert_int_equal(value, 1);
		host_fd_close_all();
	}
}

/* A program deletes a key; the return value says whether it was there. */
static void test_map_delete_helper(void **state)
{
	for (int jit = 1; jit >= 0; jit--) { /* the JIT, then the interpreter */
		bpf_jit_enable = jit;
		int map = sys_map_create(BPF_MAP_TYPE_HASH, 4, 4, 4, 0);
		int prog = load_fmt(BPF_PROG_TYPE_KPROBE,
				    "r1 = 3\n*(u32 *)(r10 -4) = r1\nr1 = map[fd:%d]\nr2 = r10\n"
				    "r2 += -4\ncall bpf_map_delete_elem\nexit\n",
				    map);
		u32 key = 3, value = 1;

		assert_int_equal(sys_map_update(map, &key, &value, 0), 0);
		assert_int_equal(run(prog, NULL, 0), 0);
		assert_int_equal(run(prog, NULL, 0), (u32)-ENOENT);
		host_fd_close_all();
	}
}

/* Global data: a value of a one-entry array reached by address, no lookup. */
static void test_global_data(void **state)
{
	for (int jit = 1; jit >= 0; jit--) { /* the JIT, then the interpreter */
		bpf_jit_enable = jit;
		int rodata = sys_map_create(BPF_MAP_TYPE_ARRAY, 4, 16, 1, BPF_F_RDONLY_PROG);
		int bss = sys_map_create(BPF_MAP_TYPE_ARRAY, 4, 8, 1, 0);
		u32 key = 0, consts[4] = {1, 20, 300, 4000};
		u64 counter;
		int prog;

		assert_int_equal(sys_map_update(rodata, &key, consts, 0), 0);
		prog = load_fmt(BPF_PROG_TYPE_KPROBE,
				"r1 = map[fd:%d][0]+8\n"
				"r0 = *(u32 *)(r1 +0)\n" /* 300 */
				"r1 = map[fd:%d][0]+0\n"
				"r2 = *(u64 *)(r1 +0)\n"
				"r2 += r0\n"
				"*(u64 *)(r1 +0) = r2\n"
				"exit\n",
				rodata, bss);
		assert_true(prog >= 0);
		assert_int_equal(run(prog, NULL, 0), 300);
		assert_int_equal(run(prog, NULL, 0), 300);
		assert_int_equal(sys_map_lookup(bss, &key, &counter), 0);
		assert_int_equal(counter, 600);
		host_fd_close_all();
	}
}

/* ---- probe reads ---- */

static void test_probe_read(void **state)
{
	static const u64 secret = 0x11223344;
	static const char greeting[] = "hello";
	/* A page that is reserved but unreadable, so nothing else can be mapped there. */
	u8 *unmapped = mmap(NULL, BPF_PAGE_SIZE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	u64 regs[21] = {0};

	assert_true(unmapped != MAP_FAILED);
	for (int jit = 1; jit >= 0; jit--) { /* the JIT, then the interpreter */
		bpf_jit_enable = jit;
		/* r0 = helper(dst = fp-16, 8 or 16, src = regs[0]); then the low word of dst. */
		static const char *const helpers[] = {"bpf_probe_read_kernel",
						      "bpf_probe_read_user", "bpf_probe_read"};

		for (size_t h = 0; h < ARRAY_SIZE(helpers); h++) {
			int prog = load_fmt(BPF_PROG_TYPE_KPROBE,
					    "r3 = *(u64 *)(r1 +0)\n"
					    "r1 = -1\n*(u64 *)(r10 -8) = r1\n"
					    "r1 = r10\nr1 += -8\nr2 = 8\n"
					    "call %s\n"
					    "if r0 != 0 goto out\n"
					    "r0 = *(u32 *)(r10 -8)\nexit\n"
					    "out:\n"
					    "r1 = *(u64 *)(r10 -8)\n" /* zeroed on failure */
					    "if r1 != 0 goto bad\nexit\n"
					    "bad:\nr0 = 1\nexit\n",
					    helpers[h]);
			assert_true(prog >= 0);
			regs[0] = U64(&secret);
			assert_int_equal(run(prog, regs, sizeof(regs)), 0x11223344);
			regs[0] = U64(unmapped);
			assert_int_equal(run(prog, regs, sizeof(regs)), (u32)-EFAULT);
			regs[0] = 0;
			assert_int_equal(run(prog, regs, sizeof(regs)), (u32)-EFAULT);
			host_fd_close(prog);
		}
		/* The string forms return the length with the NUL. */
		int prog = load_fmt(BPF_PROG_TYPE_KPROBE, "r3 = *(u64 *)(r1 +0)\n"
							  "r1 = r10\nr1 += -16\nr2 = 16\n"
							  "call bpf_probe_read_kernel_str\n"
							  "exit\n");

		regs[0] = U64(greeting);
		assert_int_equal(run(prog, regs, sizeof(regs)), 6);
		regs[0] = U64(unmapped);
		assert_int_equal(run(prog, regs, sizeof(regs)), (u32)-EFAULT);
		host_fd_close_all();
	}
	munmap(unmapped, BPF_PAGE_SIZE);
}

static void test_probe_read_str_direct(void **state)
{
	char buf[8];
	const char *s = "abcdefghijk";

	memset(buf, 'x', sizeof(buf));
	/* Truncated: 7 bytes and a NUL. */
	assert_int_equal(bpf_probe_read_user_str_proto.func(U64(buf), sizeof(buf), U64(s), 0, 0),
			 8);
	assert_string_equal(buf, "abcdefg");
	assert_int_equal(bpf_probe_read_compat_str_proto.func(U64(buf), 3, U64(s), 0, 0), 3);
	assert_string_equal(buf, "ab");
	assert_int_equal(bpf_probe_read_kernel_str_proto.func(U64(buf), 0, U64(s), 0, 0), 0);
	memset(buf, 'x', sizeof(buf));
	assert_int_equal((s64)bpf_probe_read_kernel_str_proto.func(U64(buf), sizeof(buf), 8, 0, 0),
			 -EFAULT);
	for (size_t i = 0; i < sizeof(buf); i++)
		assert_int_equal(buf[i], 0);
}

/* ---- time, CPU, task ---- */

static void test_time_cpu_random(void **state)
{
	for (int jit = 1; jit >= 0; jit--) { /* the JIT, then the interpreter */
		bpf_jit_enable = jit;
		/* 1 if the clock did not go back, 0 if it did. */
		int clock =
		    load_fmt(BPF_PROG_TYPE_KPROBE, "call bpf_ktime_get_ns\nr6 = r0\n"
						   "call bpf_ktime_get_boot_ns\nr7 = r0\n"
						   "call bpf_ktime_get_ns\n"
						   "r1 = 1\nif r0 >= r6 goto ok\nr1 = 0\nok:\n"
						   "if r7 != 0 goto ok2\nr1 = 0\nok2:\n"
						   "r0 = r1\nexit\n");
		int cpu = load_fmt(BPF_PROG_TYPE_KPROBE, "call bpf_get_smp_processor_id\nexit\n");
		int rnd = load_fmt(BPF_PROG_TYPE_KPROBE,
				   "call bpf_get_prandom_u32\nr6 = r0\ncall bpf_get_prandom_u32\n"
				   "r0 ^= r6\nexit\n");

		assert_int_equal(run(clock, NULL, 0), 1);
		host_cpu = 0;
		assert_int_equal(run(cpu, NULL, 0), 0);
		assert_int_not_equal(run(rnd, NULL, 0), 0); /* two draws differ */
		host_fd_close_all();
	}
}

static void test_current_task(void **state)
{
	for (int jit = 1; jit >= 0; jit--) { /* the JIT, then the interpreter */
		bpf_jit_enable = jit;
		int pid = load_fmt(BPF_PROG_TYPE_TRACEPOINT,
				   "call bpf_get_current_pid_tgid\nr6 = r0\nr6 >>= 32\n"
				   "r0 &= 0xffff\nr6 <<= 16\nr0 |= r6\nexit\n");
		int uid = load_fmt(BPF_PROG_TYPE_TRACEPOINT,
				   "call bpf_get_current_uid_gid\nr6 = r0\nr6 >>= 32\n"
				   "r0 &= 0xffff\nr6 <<= 16\nr0 |= r6\nexit\n");
		/* Copy comm into 16 bytes and return its first 4 bytes. */
		int comm = load_fmt(BPF_PROG_TYPE_TRACEPOINT,
				    "r1 = r10\nr1 += -16\nr2 = 16\ncall bpf_get_current_comm\n"
				    "if r0 != 0 goto out\nr0 = *(u32 *)(r10 -16)\nout:\nexit\n");

		host_task.pid = 0x1234;
		host_task.tgid = 0x1200;
		host_task.uid = 1000;
		host_task.gid = 100;
		assert_int_equal(run(pid, NULL, 0), 0x12001234);
		assert_int_equal(run(uid, NULL, 0), (100u << 16) | 1000);
		assert_int_equal(run(comm, NULL, 0), 0x74736f68); /* "host" */
		host_task_valid = false;
		assert_int_equal(run(pid, NULL, 0), (u32)-EINVAL);
		assert_int_equal(run(comm, NULL, 0), (u32)-EINVAL);
		host_task_valid = true;
		host_fd_close_all();
	}
}

static void test_current_comm_direct(void **state)
{
	char buf[16];

	memset(buf, 'x', sizeof(buf));
	assert_int_equal(bpf_get_current_comm_proto.func(U64(buf), 4, 0, 0, 0), 0);
	assert_string_equal(buf, "hos");
	assert_int_equal(buf[4], 'x'); /* nothing written past size */
	assert_int_equal(bpf_get_current_comm_proto.func(U64(buf), sizeof(buf), 0, 0, 0), 0);
	assert_string_equal(buf, host_task.comm);
	for (size_t i = strlen(host_task.comm); i < sizeof(buf); i++)
		assert_int_equal(buf[i], 0);
	host_task_valid = false;
	memset(buf, 'x', sizeof(buf));
	assert_int_equal((s64)bpf_get_current_comm_proto.func(U64(buf), 8, 0, 0, 0), -EINVAL);
	for (int i = 0; i < 8; i++)
		assert_int_equal(buf[i], 0);
}

/* ---- bpf_trace_printk and bpf_snprintf ---- */

static s64 printk(const char *fmt, u64 a, u64 b, u64 c)
{
	return (s64)bpf_trace_printk_proto.func(U64(fmt), strlen(fmt) + 1, a, b, c);
}

static void expect_printk(const char *fmt, u64 a, u64 b, u64 c, const char *want)
{
	host_trace_clear();
	assert_int_equal(printk(fmt, a, b, c), (s64)strlen(want));
	assert_string_equal(host_trace_text(), want);
}

static void test_trace_printk_formats(void **state)
{
	static const char str[] = "str";

	expect_printk("plain\n", 0, 0, 0, "plain\n");
	expect_printk("%d %i %u", (u64)-5, 7, (u64)-1, "-5 7 4294967295");
	expect_printk("%d", 0x1ffffffffull, 0, 0, "-1"); /* %d takes 32 bits */
	expect_printk("%ld %lld %lu", (u64)-5, (u64)-6, (u64)-1, "-5 -6 18446744073709551615");
	expect_printk("%x %X %llx", 0xabcull, 0xabcull, 0x123456789abcull, "abc ABC 123456789abc");
	expect_printk("[%5d][%-5d][%05d]", 42, 42, 42, "[   42][42   ][00042]");
	expect_printk("[%+d][% d][%+d]", 3, 3, (u64)-3, "[+3][ 3][-3]");
	expect_printk("%c%c%%", 'o', 'k', 0, "ok%");
	expect_printk("%s!", U64(str), 0, 0, "str!");
	expect_printk("[%6s]", U64(str), 0, 0, "[   str]");
	expect_printk("%s", 8, 0, 0, ""); /* unreadable: empty */
	expect_printk("%pks-%pus", U64(str), U64(str), 0, "str-str");
	expect_printk("%p", 0x1234, 0, 0, "0000000000001234");
	expect_printk("%px %pK", 0xffffffff81000000ull, 1, 0, "ffffffff81000000 0000000000000001");
	expect_printk("%pS", 0xffffffff81000000ull, 0, 0, "0xffffffff81000000");
	expect_printk("tab\there", 0, 0, 0, "tab\there");
}

static void test_trace_printk_refusals(void **state)
{
	char no_nul[4] = {'a', 'b', 'c', 'd'};

	host_trace_clear();
	assert_int_equal(printk("%d %d %d %d", 1, 2, 3), -EINVAL); /* four arguments */
	assert_int_equal(printk("%q", 0, 0, 0), -EINVAL);
	assert_int_equal(printk("%.2d", 1, 0, 0), -EINVAL); /* no precision */
	assert_int_equal(printk("%hd", 1, 0, 0), -EINVAL);
	assert_int_equal(printk("%lc", 1, 0, 0), -EINVAL);
	assert_int_equal(printk("%lls", 1, 0, 0), -EINVAL);
	assert_int_equal(printk("%pB", 1, 0, 0), -EINVAL);
	assert_int_equal(printk("%pi4", 1, 0, 0), -EINVAL);
	assert_int_equal(printk("bell\a", 0, 0, 0), -EINVAL);	/* not printable */
	assert_int_equal(printk("\xc3\xa9", 0, 0, 0), -EINVAL); /* not ASCII */
	assert_int_equal(printk("%", 0, 0, 0), -EINVAL);
	assert_int_equal((s64)bpf_trace_printk_proto.func(U64(no_nul), sizeof(no_nul), 0, 0, 0),
			 -EINVAL);
	assert_int_equal((s64)bpf_trace_printk_proto.func(U64("ab"), 0, 0, 0, 0), -EINVAL);
	assert_string_equal(host_trace_text(), ""); /* nothing printed by a refused call */
}

static void test_trace_printk_program(void **state)
{
	for (int jit = 1; jit >= 0; jit--) { /* the JIT, then the interpreter */
		bpf_jit_enable = jit;
		/* .rodata: the format at 0, a string at 32. */
		int rodata = sys_map_create(BPF_MAP_TYPE_ARRAY, 4, 48, 1, BPF_F_RDONLY_PROG);
		char data[48] = "pid %d comm %s x=%llx\n";
		u32 key = 0;
		int prog;

		memcpy(data + 32, "swapper", 8);
		assert_int_equal(sys_map_update(rodata, &key, data, 0), 0);
		prog = load_fmt(BPF_PROG_TYPE_TRACEPOINT,
				"r1 = map[fd:%d][0]+0\n"
				"r2 = 23\n"
				"r3 = 42\n"
				"r4 = map[fd:%d][0]+32\n"
				"r5 = 0xabc\n"
				"call bpf_trace_printk\n"
				"exit\n",
				rodata, rodata);
		assert_true(prog >= 0);
		host_trace_clear();
		assert_int_equal(run(prog, NULL, 0), strlen("pid 42 comm swapper x=abc\n"));
		assert_string_equal(host_trace_text(), "pid 42 comm swapper x=abc\n");
		host_fd_close_all();
	}
}

static s64 snprintf_helper(char *buf, u32 size, const char *fmt, const u64 *data, u32 data_len)
{
	return (s64)bpf_snprintf_proto.func(U64(buf), size, U64(fmt), U64(data), data_len);
}

static void test_snprintf(void **state)
{
	u64 args[13] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13};
	char buf[64];

	assert_int_equal(snprintf_helper(buf, sizeof(buf), "%d-%d-%d-%d", args, 32), 8);
	assert_string_equal(buf, "1-2-3-4");
	assert_int_equal(snprintf_helper(buf, 4, "%d%d%d%d%d%d", args, 48), 7); /* would be 6+1 */
	assert_string_equal(buf, "123");
	assert_int_equal(snprintf_helper(NULL, 0, "abc", NULL, 0), 4);
	assert_int_equal(
	    snprintf_helper(buf, sizeof(buf), "%d %d %d %d %d %d %d %d %d %d %d %d", args, 96), 27);
	assert_string_equal(buf, "1 2 3 4 5 6 7 8 9 10 11 12");
	assert_int_equal(snprintf_helper(buf, sizeof(buf), "%d", args, 104), -EINVAL); /* 13 */
	assert_int_equal(snprintf_helper(buf, sizeof(buf), "%d", args, 12), -EINVAL);  /* not /8 */
	assert_int_equal(snprintf_helper(buf, sizeof(buf), "%d", NULL, 8), -EINVAL);
	assert_int_equal(snprintf_helper(buf, sizeof(buf), "%d %d", args, 8), -EINVAL);
	assert_int_equal(snprintf_helper(buf, sizeof(buf), "%d", args, 16), 2); /* extra unused */
}

/* ---- perf events, stacks, function ips ---- */

static void test_perf_event_output_program(void **state)
{
	for (int jit = 1; jit >= 0; jit--) { /* the JIT, then the interpreter */
		bpf_jit_enable = jit;
		int array = sys_map_create(BPF_MAP_TYPE_PERF_EVENT_ARRAY, 4, 4, 1, 0);
		int ev = host_perf_event_open(1024);
		u32 key = 0, value = (u32)ev, len;
		u64 lost;
		const u8 *buf;
		int prog;

		assert_int_equal(sys_map_update(array, &key, &value, 0), 0);
		prog = load_fmt(BPF_PROG_TYPE_KPROBE,
				"r2 = 0x0807060504030201 ll\n"
				"*(u64 *)(r10 -8) = r2\n"
				"r2 = map[fd:%d]\n"
				"r3 = 0xffffffff ll\n" /* BPF_F_CURRENT_CPU */
				"r4 = r10\nr4 += -8\nr5 = 8\n"
				"call bpf_perf_event_output\nexit\n",
				array);
		assert_true(prog >= 0);
		assert_int_equal(run(prog, NULL, 0), 0);
		assert_int_equal(run(prog, NULL, 0), 0);
		buf = host_perf_event_buffer(ev, &len, &lost);
		assert_int_equal(len, 2 * 24);
		assert_int_equal(buf[24 + 12], 1);
		assert_int_equal(buf[24 + 19], 8);
		assert_int_equal(lost, 0);
		host_fd_close_all();
	}
}

static void test_get_stackid_program(void **state)
{
	for (int jit = 1; jit >= 0; jit--) { /* the JIT, then the interpreter */
		bpf_jit_enable = jit;
		int stacks = sys_map_create(BPF_MAP_TYPE_STACK_TRACE, 4, 8 * 8, 16, 0);
		int prog =
		    load_fmt(BPF_PROG_TYPE_KPROBE,
			     "r2 = map[fd:%d]\nr3 = 0\ncall bpf_get_stackid\nexit\n", stacks);
		u64 ips[8];
		u32 id;

		host_stack_len = 2;
		host_stack[0] = 0xffffffff81001000ull;
		host_stack[1] = 0xffffffff81002000ull;
		id = run(prog, NULL, 0);
		assert_true(id < 16);
		assert_int_equal(run(prog, NULL, 0), id);
		assert_int_equal(sys_map_lookup(stacks, &id, ips), 0);
		assert_int_equal(ips[1], 0xffffffff81002000ull);
		host_stack_err = -EFAULT;
		assert_int_equal(run(prog, NULL, 0), (u32)-EFAULT);
		host_stack_err = 0;
		host_fd_close_all();
	}
}

static void test_get_func_ip(void **state)
{
	int kprobe = load_fmt(BPF_PROG_TYPE_KPROBE, "call bpf_get_func_ip\nexit\n");

	host_func_ip = 0x81234567;
	assert_int_equal(run(kprobe, NULL, 0), 0x81234567);
	/* Only kprobes know which function they probe. */
	assert_int_equal(load_fmt(BPF_PROG_TYPE_TRACEPOINT, "call bpf_get_func_ip\nexit\n"),
			 -EINVAL);
}

/* ---- ring buffer from a program ---- */

static void test_ringbuf_program(void **state)
{
	for (int jit = 1; jit >= 0; jit--) { /* the JIT, then the interpreter */
		bpf_jit_enable = jit;
		int rb = sys_map_create(BPF_MAP_TYPE_RINGBUF, 0, 0, 4096, 0);
		/* Reserve 12 bytes, fill them, submit; then output 4 more from the stack. */
		int prog = load_fmt(BPF_PROG_TYPE_TRACEPOINT,
				    "r1 = map[fd:%d]\nr2 = 12\nr3 = 0\n"
				    "call bpf_ringbuf_reserve\n"
				    "if r0 == 0 goto fail\n"
				    "r1 = 0x61616161\n*(u32 *)(r0 +0) = r1\n"
				    "r1 = 0x62626262\n*(u32 *)(r0 +4) = r1\n*(u32 *)(r0 +8) = r1\n"
				    "r1 = r0\nr2 = 0\ncall bpf_ringbuf_submit\n"
				    "r1 = 0x7a7a7a7a\n*(u32 *)(r10 -4) = r1\n"
				    "r1 = map[fd:%d]\nr2 = r10\nr2 += -4\nr3 = 4\nr4 = 0\n"
				    "call bpf_ringbuf_output\n"
				    "if r0 != 0 goto fail\n"
				    "r1 = map[fd:%d]\nr2 = 0\ncall bpf_ringbuf_query\n" /* avail */
				    "exit\n"
				    "fail:\nr0 = 1\nexit\n",
				    rb, rb, rb);
		struct bpf_map *map;
		void *page;
		const u8 *data;
		u64 *cons;

		assert_true(prog >= 0);
		assert_int_equal(run(prog, NULL, 0), 24 + 16);
		assert_int_equal(bpf_map_fd_lookup(rb, &map, NULL), 0);
		assert_int_equal(map->ops->map_mmap_page(map, 2 * BPF_PAGE_SIZE, false, &page), 0);
		data = page;
		assert_int_equal(*(const u32 *)data, 12);
		assert_memory_equal(data + 8, "aaaabbbbbbbb", 12);
		assert_int_equal(*(const u32 *)(data + 24), 4);
		assert_memory_equal(data + 32, "zzzz", 4);
		/* A consumer that read it all makes room again. */
		assert_int_equal(map->ops->map_mmap_page(map, 0, true, &page), 0);
		cons = page;
		*cons = 40;
		assert_int_equal(run(prog, NULL, 0), 40);
		host_fd_close_all();
	}
}

/* ---- tail calls (the interpreter and the JIT) ---- */

static bool prog_jited(int fd)
{
	struct bpf_prog_info info = {0};
	u32 len = sizeof(info);

	assert_int_equal(sys_obj_get_info(fd, &info, &len), 0);
	return info.jited_prog_len > 0;
}

/* The tail-call rules, with programs that all run in one engine (jit 0 or 1). */
static void tail_calls_with(int jit)
{
	int array, counter, entry, target, looper, spiller;
	u32 key = 0, value;
	u64 count;

	bpf_jit_enable = jit;
	array = sys_map_create(BPF_MAP_TYPE_PROG_ARRAY, 4, 4, 4, 0);
	counter = sys_map_create(BPF_MAP_TYPE_ARRAY, 4, 8, 1, 0);
	entry = load_fmt(BPF_PROG_TYPE_KPROBE,
			 "r6 = r1\nr2 = map[fd:%d]\nr3 = *(u64 *)(r1 +0)\n"
			 "call bpf_tail_call\nr0 = 9\nexit\n",
			 array);
	/* The target sees the same context: returns regs[1]. */
	target = load_fmt(BPF_PROG_TYPE_KPROBE, "r0 = *(u64 *)(r1 +8)\nexit\n");
	/* Counts its runs, then tail-calls slot 1 (itself) forever. */
	looper = load_fmt(BPF_PROG_TYPE_KPROBE,
			  "r6 = r1\n"
			  "r1 = map[fd:%d][0]+0\nr2 = 1\nlock *(u64 *)(r1 +0) += r2\n"
			  "r1 = r6\nr2 = map[fd:%d]\nr3 = 1\ncall bpf_tail_call\nr0 = 77\nexit\n",
			  counter, array);
	/* Uses r6-r9 and the stack, then tail-calls slot 0 with them all live. */
	spiller = load_fmt(BPF_PROG_TYPE_KPROBE,
			   "r6 = 6\nr7 = 7\nr8 = 8\nr9 = 9\n*(u64 *)(r10 -8) = r9\n"
			   "r2 = map[fd:%d]\nr3 = 0\ncall bpf_tail_call\n"
			   "r0 = r6\nr0 += r7\nr0 += r8\nr0 += r9\nexit\n",
			   array);
	assert_true(entry >= 0 && target >= 0 && looper >= 0 && spiller >= 0);
	assert_int_equal(prog_jited(entry), jit);
	assert_int_equal(prog_jited(looper), jit);
	u64 regs[21] = {0, 5};

	assert_int_equal(run(entry, regs, sizeof(regs)), 9); /* empty slot: goes on */
	assert_int_equal(run(spiller, regs, sizeof(regs)), 30);
	value = (u32)target;
	assert_int_equal(sys_map_update(array, &key, &value, 0), 0);
	assert_int_equal(run(entry, regs, sizeof(regs)), 5);
	assert_int_equal(run(spiller, regs, sizeof(regs)), 5); /* gone, and the frame is fine */
	regs[0] = 4; /* out of range */
	assert_int_equal(run(entry, regs, sizeof(regs)), 9);
	regs[0] = 0x100000000ull; /* the index is 32 bits: slot 0 */
	assert_int_equal(run(entry, regs, sizeof(regs)), 5);
	/* A chain stops after MAX_TAIL_CALL_CNT tail calls: the first run and 33 more. */
	key = 1;
	value = (u32)looper;
	assert_int_equal(sys_map_update(array, &key, &value, 0), 0);
	assert_int_equal(run(looper, regs, sizeof(regs)), 77);
	key = 0;
	assert_int_equal(sys_map_lookup(counter, &key, &count), 0);
	assert_int_equal(count, 1 + MAX_TAIL_CALL_CNT);
	/* The count belongs to one run: the next run makes its 33 again. */
	assert_int_equal(run(looper, regs, sizeof(regs)), 77);
	assert_int_equal(sys_map_lookup(counter, &key, &count), 0);
	assert_int_equal(count, 2 * (1 + MAX_TAIL_CALL_CNT));
	host_fd_close_all();
}

static void test_tail_calls(void **state)
{
	int saved = bpf_jit_enable;

	tail_calls_with(0);
	tail_calls_with(1);
	bpf_jit_enable = saved;
}

/* A program that runs the other way than the array's programs cannot use it, nor join. */
static void test_tail_call_engines_match(void **state)
{
	int saved = bpf_jit_enable;
	int array = sys_map_create(BPF_MAP_TYPE_PROG_ARRAY, 4, 4, 2, 0);
	int jited, interp, caller;
	u32 key = 0, value;

	bpf_jit_enable = 1;
	jited = load_fmt(BPF_PROG_TYPE_KPROBE, "r0 = 1\nexit\n");
	bpf_jit_enable = 0;
	interp = load_fmt(BPF_PROG_TYPE_KPROBE, "r0 = 2\nexit\n");
	assert_true(jited >= 0 && interp >= 0);
	value = (u32)jited;
	assert_int_equal(sys_map_update(array, &key, &value, 0), 0);
	key = 1;
	value = (u32)interp;
	assert_int_equal(sys_map_update(array, &key, &value, 0), -EINVAL);
	caller = load_fmt(BPF_PROG_TYPE_KPROBE,
			  "r2 = map[fd:%d]\nr3 = 0\ncall bpf_tail_call\nr0 = 0\nexit\n", array);
	assert_int_equal(caller, -EINVAL);
	bpf_jit_enable = saved;
	host_fd_close_all();
}

/* ---- bpf_loop ---- */

static int load_loop_prog(u32 nr_loops, u64 flags)
{
	char text[1024], err[128];
	struct bpf_insn *insns;
	u32 len;
	int fd;

	/*
	 * main: sum = 0 at fp-8; bpf_loop(nr, &cb, fp-8, flags); return sum * 1000 + r0.
	 * cb(index, ctx): *ctx += index; stop (return 1) when index == 6.
	 */
	snprintf(text, sizeof(text),
		 "r1 = 0\n*(u64 *)(r10 -8) = r1\n"
		 "r1 = %u\n"
		 "r2 = 0 ll\n" /* becomes the callback */
		 "r3 = r10\nr3 += -8\n"
		 "r4 = %llu ll\n"
		 "call bpf_loop\n"
		 "r1 = *(u64 *)(r10 -8)\nr1 *= 1000\nr0 += r1\nexit\n"
		 "cb:\n"
		 "r3 = *(u64 *)(r2 +0)\nr3 += r1\n*(u64 *)(r2 +0) = r3\n"
		 "r0 = 0\nif r1 != 6 goto out\nr0 = 1\nout:\nexit\n",
		 nr_loops, (unsigned long long)flags);
	assert_int_equal(bpf_asm(text, &insns, &len, err, sizeof(err)), 0);
	/* r2 = 0 ll is at index 3: point it at cb, instruction 14. */
	insns[3].src_reg = BPF_PSEUDO_FUNC;
	insns[3].imm = 14 - 3 - 1;
	fd = sys_prog_load(BPF_PROG_TYPE_KPROBE, insns, len, "GPL", NULL, 0);
	bpf_env_free(insns);
	return fd;
}

static void test_bpf_loop(void **state)
{
	for (int jit = 1; jit >= 0; jit--) { /* the JIT, then the interpreter */
		bpf_jit_enable = jit;
		int full = load_loop_prog(5, 0);      /* 0+1+2+3+4, 5 iterations */
		int stopped = load_loop_prog(100, 0); /* stops at 6: 0+..+6, 7 iterations */
		int none = load_loop_prog(0, 0);
		int flags = load_loop_prog(3, 1);
		int huge = load_loop_prog((8u << 20) + 1, 0);

		assert_int_equal(run(full, NULL, 0), 10 * 1000 + 5);
		assert_int_equal(run(stopped, NULL, 0), 21 * 1000 + 7);
		assert_int_equal(run(none, NULL, 0), 0);
		assert_int_equal(run(flags, NULL, 0), (u32)-EINVAL);
		assert_int_equal(run(huge, NULL, 0), (u32)-E2BIG);
		host_fd_close_all();
	}
}

/* ---- which helpers a program type offers ---- */

static void test_helper_tables(void **state)
{
	const struct bpf_prog_type_ops *kprobe = bpf_prog_type_ops(BPF_PROG_TYPE_KPROBE);
	const struct bpf_prog_type_ops *tp = bpf_prog_type_ops(BPF_PROG_TYPE_TRACEPOINT);
	const struct bpf_func_proto *p;

	p = kprobe->get_func_proto(BPF_FUNC_map_lookup_elem, NULL);
	assert_non_null(p);
	assert_int_equal(p->ret_type, RET_PTR_TO_MAP_VALUE_OR_NULL);
	assert_int_equal(p->arg_type[0], ARG_CONST_MAP_PTR);
	assert_int_equal(p->arg_type[1], ARG_PTR_TO_MAP_KEY);
	assert_false(p->gpl_only);
	p = kprobe->get_func_proto(BPF_FUNC_trace_printk, NULL);
	assert_true(p->gpl_only);
	assert_int_equal(p->arg_type[1], ARG_CONST_SIZE);
	p = kprobe->get_func_proto(BPF_FUNC_ringbuf_reserve, NULL);
	assert_int_equal(p->ret_type, RET_PTR_TO_RINGBUF_MEM_OR_NULL);
	assert_non_null(kprobe->get_func_proto(BPF_FUNC_get_func_ip, NULL));
	assert_null(tp->get_func_proto(BPF_FUNC_get_func_ip, NULL));
	assert_null(kprobe->get_func_proto(BPF_FUNC_skb_load_bytes, NULL));
	assert_null(kprobe->get_func_proto(__BPF_FUNC_MAX_ID, NULL));
	/* Every proto names its helper as the disassembler does. */
	for (u32 id = 0; id < __BPF_FUNC_MAX_ID; id++) {
		p = kprobe->get_func_proto(id, NULL);
		if (p)
			assert_non_null(p->func);
	}
	/* Context access rules. */
	assert_true(kprobe->is_valid_access(0, 8, BPF_READ, NULL));
	assert_true(kprobe->is_valid_access(160, 8, BPF_READ, NULL));
	assert_false(kprobe->is_valid_access(168, 8, BPF_READ, NULL));
	assert_false(kprobe->is_valid_access(4, 8, BPF_READ, NULL));
	assert_false(kprobe->is_valid_access(0, 8, BPF_WRITE, NULL));
	assert_false(tp->is_valid_access(0, 8, BPF_READ, NULL));
	assert_true(tp->is_valid_access(8, 4, BPF_READ, NULL));
	assert_int_equal(bpf_prog_type_from_name("raw_tracepoint"), BPF_PROG_TYPE_RAW_TRACEPOINT);
	assert_int_equal(bpf_prog_type_from_name("xdp"), -EINVAL);
	assert_string_equal(bpf_prog_type_name(BPF_PROG_TYPE_PERF_EVENT), "perf_event");
	assert_int_equal(bpf_map_type_from_name("lru_hash"), BPF_MAP_TYPE_LRU_HASH);
	assert_int_equal(bpf_map_type_from_name("nope"), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    TEST(test_map_helpers_counter),
	    TEST(test_map_delete_helper),
	    TEST(test_global_data),
	    TEST(test_probe_read),
	    TEST(test_probe_read_str_direct),
	    TEST(test_time_cpu_random),
	    TEST(test_current_task),
	    TEST(test_current_comm_direct),
	    TEST(test_trace_printk_formats),
	    TEST(test_trace_printk_refusals),
	    TEST(test_trace_printk_program),
	    TEST(test_snprintf),
	    TEST(test_perf_event_output_program),
	    TEST(test_get_stackid_program),
	    TEST(test_get_func_ip),
	    TEST(test_ringbuf_program),
	    TEST(test_tail_calls),
	    TEST(test_tail_call_engines_match),
	    TEST(test_bpf_loop),
	    TEST(test_helper_tables),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
