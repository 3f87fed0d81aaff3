/*
 * tests/host/test_prog.c - programs as objects of the bpf() layer, through __sys_bpf:
 * PROG_LOAD and each of its refusals (attributes, log buffer, malformed programs, map and
 * callback loads), the tag (SHA-1, with its test vectors), program info (ids, names, maps,
 * the instructions as dumped, machine code), ids and fds by id, PROG_TEST_RUN with its
 * context rules, and run statistics. Every test ends with nothing left allocated.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#include "bpf/asm.h"
#include "bpf/prog_aux.h"
#include "bpf/sha1.h"
#include "tests/host/lib/leak_check.h"
#include "tests/host/lib/sys_bpf.h"

#define U64(p) ((u64)(uintptr_t)(p))

static const struct bpf_insn ret7[] = {
    {.code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = 0, .imm = 7},
    {.code = BPF_JMP | BPF_EXIT},
};

static int load_ret7(u32 type)
{
	return sys_prog_load(type, ret7, 2, "GPL", NULL, 0);
}

static void test_prog_load_refusals(void **state)
{
	union bpf_attr attr = {
	    .prog_type = BPF_PROG_TYPE_KPROBE,
	    .insn_cnt = 2,
	    .insns = U64(ret7),
	    .license = U64("GPL"),
	};
	union bpf_attr a;
	char log[256];

	a = attr;
	assert_true(sys_bpf(BPF_PROG_LOAD, &a) >= 0);
	a = attr;
	a.insn_cnt = 0;
	assert_int_equal(sys_bpf(BPF_PROG_LOAD, &a), -E2BIG);
	a.insn_cnt = 1000001;
	assert_int_equal(sys_bpf(BPF_PROG_LOAD, &a), -E2BIG);
	a = attr;
	a.prog_type = BPF_PROG_TYPE_XDP; /* not a type glass runs */
	assert_int_equal(sys_bpf(BPF_PROG_LOAD, &a), -EINVAL);
	a.prog_type = 5000;
	assert_int_equal(sys_bpf(BPF_PROG_LOAD, &a), -EINVAL);
	a = attr;
	a.prog_flags = 1u << 30;
	assert_int_equal(sys_bpf(BPF_PROG_LOAD, &a), -EINVAL);
	a = attr;
	a.insns = 0;
	assert_int_equal(sys_bpf(BPF_PROG_LOAD, &a), -EFAULT);
	a = attr;
	a.license = 0;
	assert_int_equal(sys_bpf(BPF_PROG_LOAD, &a), -EFAULT);
	a = attr;
	memcpy(a.prog_name, "no spaces", 10);
	assert_int_equal(sys_bpf(BPF_PROG_LOAD, &a), -EINVAL);
	/* The log: at least 128 bytes, a level and a buffer together, known level bits. */
	a = attr;
	a.log_level = 1;
	a.log_size = 64;
	a.log_buf = U64(log);
	assert_int_equal(sys_bpf(BPF_PROG_LOAD, &a), -EINVAL);
	a.log_size = sizeof(log);
	a.log_buf = 0;
	assert_int_equal(sys_bpf(BPF_PROG_LOAD, &a), -EINVAL);
	a.log_buf = U64(log);
	a.log_level = 0;
	assert_int_equal(sys_bpf(BPF_PROG_LOAD, &a), -EINVAL);
	a.log_level = 16;
	assert_int_equal(sys_bpf(BPF_PROG_LOAD, &a), -EINVAL);
	a.log_level = 1;
	assert_true(sys_bpf(BPF_PROG_LOAD, &a) >= 0);
}

/* Load text; expect err and, when given, a log naming the problem. */
static void expect_load_error(const char *text, int err, const char *log_part, const char *license)
{
	struct bpf_insn *insns;
	char msg[128], log[512];
	u32 len;

	assert_int_equal(bpf_asm(text, &insns, &len, msg, sizeof(msg)), 0);
	assert_int_equal(sys_prog_load(BPF_PROG_TYPE_KPROBE, insns, len, license, log, sizeof(log)),
			 err);
	if (log_part && !strstr(log, log_part))
		fail_msg("log \"%s\" does not mention \"%s\"", log, log_part);
	bpf_env_free(insns);
}

static void test_prog_load_bad_programs(void **state)
{
	int hash = sys_map_create(BPF_MAP_TYPE_HASH, 4, 4, 4, 0);
	int prog = load_ret7(BPF_PROG_TYPE_KPROBE);
	struct bpf_insn bad[2] = {{.code = 0xff}, {.code = BPF_JMP | BPF_EXIT}};
	char text[256], log[512];

	assert_int_equal(hash, 3);
	assert_int_equal(sys_prog_load(BPF_PROG_TYPE_KPROBE, bad, 2, "GPL", log, sizeof(log)),
			 -EINVAL);
	assert_non_null(strstr(log, "insn 0"));
	expect_load_error("r0 = 0\nif r0 > 1 goto +5\nexit", -EINVAL, "insn 1", "GPL");
	expect_load_error("call 999\nexit", -EINVAL, "0: unknown func #999", "GPL");
	/* A helper the program type does not offer, and a gpl_only one without GPL. */
	expect_load_error("call bpf_xdp_adjust_head\nexit", -EINVAL,
			  "0: unknown func bpf_xdp_adjust_head#44", "GPL");
	expect_load_error("call bpf_trace_printk\nexit", -EINVAL,
			  "0: cannot call GPL-restricted function from non-GPL compatible program",
			  "MIT");
	expect_load_error("call bpf_ktime_get_ns\nexit", prog + 1, NULL, "MIT");
	host_fd_close(prog + 1);
	/* Map loads: a closed fd, an fd that is no map, a value offset too far, a hash value. */
	expect_load_error("r1 = map[fd:40]\nr0 = 0\nexit", -EBADF, "fd 40", "GPL");
	snprintf(text, sizeof(text), "r1 = map[fd:%d]\nr0 = 0\nexit", prog);
	expect_load_error(text, -EINVAL, "not pointing to valid bpf_map", "GPL");
	snprintf(text, sizeof(text), "r1 = map[fd:%d][0]+0\nr0 = 0\nexit", hash);
	expect_load_error(text, -EINVAL, "map value", "GPL");
	int arr = sys_map_create(BPF_MAP_TYPE_ARRAY, 4, 8, 1, 0);

	snprintf(text, sizeof(text), "r1 = map[fd:%d][0]+8\nr0 = 0\nexit", arr);
	expect_load_error(text, -EINVAL, "off=8", "GPL");
	snprintf(text, sizeof(text), "r1 = map[fd:%d][0]+7\nr0 = 0\nexit", arr);
	expect_load_error(text, arr + 1, NULL, "GPL");
	/* map[idx:N] needs an fd_array, which glass does not take. */
	expect_load_error("r1 = map[idx:0]\nr0 = 0\nexit", -EINVAL, "source 5", "GPL");
}

/* A callback load whose target is outside the program. */
static void test_prog_load_bad_callback(void **state)
{
	struct bpf_insn insns[6] = {
	    {.code = BPF_LD | BPF_IMM | BPF_DW, .dst_reg = 2, .src_reg = BPF_PSEUDO_FUNC, .imm = 5},
	    {0},
	    {.code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = 0},
	    {.code = BPF_JMP | BPF_EXIT},
	    {.code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = 0}, /* the callback */
	    {.code = BPF_JMP | BPF_EXIT},
	};

	assert_int_equal(sys_prog_load(BPF_PROG_TYPE_KPROBE, insns, 6, "GPL", NULL, 0), -EINVAL);
	insns[0].imm = 0; /* its own second slot */
	assert_int_equal(sys_prog_load(BPF_PROG_TYPE_KPROBE, insns, 6, "GPL", NULL, 0), -EINVAL);
	insns[0].imm = 3; /* a subprogram after the exit */
	assert_true(sys_prog_load(BPF_PROG_TYPE_KPROBE, insns, 6, "GPL", NULL, 0) >= 0);
}

static void test_sha1_vectors(void **state)
{
	static const struct {
		const char *msg;
		const char *hex;
	} vectors[] = {
	    {"", "da39a3ee5e6b4b0d3255bfef95601890afd80709"},
	    {"abc", "a9993e364706816aba3e25717850c26c9cd0d89d"},
	    {"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
	     "84983e441c3bd26ebaae4aa1f95129e5e54670f1"},
	};
	u8 digest[SHA1_DIGEST_SIZE];
	char hex[41];
	static u8 million[1000000];

	for (size_t i = 0; i < ARRAY_SIZE(vectors); i++) {
		bpf_sha1(vectors[i].msg, strlen(vectors[i].msg), digest);
		for (int j = 0; j < SHA1_DIGEST_SIZE; j++)
			snprintf(hex + 2 * j, 3, "%02x", digest[j]);
		assert_string_equal(hex, vectors[i].hex);
	}
	memset(million, 'a', sizeof(million));
	bpf_sha1(million, sizeof(million), digest);
	for (int j = 0; j < SHA1_DIGEST_SIZE; j++)
		snprintf(hex + 2 * j, 3, "%02x", digest[j]);
	assert_string_equal(hex, "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
}

static int load_named(const char *text, const char *name, const char *license)
{
	struct bpf_insn *insns;
	char msg[128];
	u32 len;
	union bpf_attr attr = {.prog_type = BPF_PROG_TYPE_KPROBE, .license = U64(license)};
	int fd;

	assert_int_equal(bpf_asm(text, &insns, &len, msg, sizeof(msg)), 0);
	attr.insns = U64(insns);
	attr.insn_cnt = len;
	snprintf(attr.prog_name, sizeof(attr.prog_name), "%s", name);
	fd = sys_bpf(BPF_PROG_LOAD, &attr);
	bpf_env_free(insns);
	return fd;
}

static void get_prog_info(int fd, struct bpf_prog_info *info)
{
	u32 len = sizeof(*info);

	assert_int_equal(sys_obj_get_info(fd, info, &len), 0);
}

static void test_prog_info_and_tag(void **state)
{
	int m1 = sys_map_create(BPF_MAP_TYPE_ARRAY, 4, 8, 1, 0);
	int m2 = sys_map_create(BPF_MAP_TYPE_ARRAY, 4, 8, 1, 0);
	struct bpf_prog_info i1, i2, i3;
	struct bpf_map_info mi;
	struct bpf_insn xlated[8];
	u32 map_ids[4], len = sizeof(mi);
	char text[256];
	int p1, p2, p3;
	struct bpf_prog *prog;

	snprintf(text, sizeof(text), "r1 = map[fd:%d]\nr2 = map[fd:%d][0]+4\nr0 = 1\nexit", m1, m1);
	p1 = load_named(text, "first", "Dual BSD/GPL");
	snprintf(text, sizeof(text), "r1 = map[fd:%d]\nr2 = map[fd:%d][0]+4\nr0 = 1\nexit", m2, m2);
	p2 = load_named(text, "second", "Proprietary");
	snprintf(text, sizeof(text), "r1 = map[fd:%d]\nr2 = map[fd:%d][0]+4\nr0 = 2\nexit", m1, m1);
	p3 = load_named(text, "", "GPL");
	assert_true(p1 >= 0 && p2 >= 0 && p3 >= 0);

	memset(&i1, 0, sizeof(i1));
	i1.nr_map_ids = 4;
	i1.map_ids = U64(map_ids);
	i1.xlated_prog_len = sizeof(xlated);
	i1.xlated_prog_insns = U64(xlated);
	get_prog_info(p1, &i1);
	memset(&i2, 0, sizeof(i2));
	get_prog_info(p2, &i2);
	memset(&i3, 0, sizeof(i3));
	get_prog_info(p3, &i3);

	assert_int_equal(i1.type, BPF_PROG_TYPE_KPROBE);
	assert_string_equal(i1.name, "first");
	assert_true(i1.gpl_compatible);
	assert_false(i2.gpl_compatible);
	assert_true(i1.id > 0 && i2.id > i1.id);
	assert_int_equal(i1.created_by_uid, host_task.uid);
	assert_true(i1.load_time > 0);
	/* Same instructions, other map fds: same tag. Another instruction: another tag. */
	assert_memory_equal(i1.tag, i2.tag, BPF_TAG_SIZE);
	assert_memory_not_equal(i1.tag, i3.tag, BPF_TAG_SIZE);
	assert_int_equal(bpf_prog_get(p1, &prog), 0);
	/* The image's symbol: bpf_prog_, the tag in hex, _ and the name. */
	assert_memory_equal(prog->aux->ksym_name, "bpf_prog_", 9);
	for (int i = 0; i < BPF_TAG_SIZE; i++) {
		char hex[3];

		snprintf(hex, sizeof(hex), "%02x", i1.tag[i]);
		assert_memory_equal(prog->aux->ksym_name + 9 + 2 * i, hex, 2);
	}
	assert_string_equal(prog->aux->ksym_name + 9 + 16, "_first");
	bpf_prog_put(prog);
	/* The map it uses, and the instructions with map ids in place of addresses. */
	assert_int_equal(i1.nr_map_ids, 1);
	assert_int_equal(sys_obj_get_info(m1, &mi, &len), 0);
	assert_int_equal(map_ids[0], mi.id);
	assert_int_equal(i1.xlated_prog_len, 6 * sizeof(struct bpf_insn));
	assert_int_equal(xlated[0].src_reg, BPF_PSEUDO_MAP_FD);
	assert_int_equal(xlated[0].imm, (s32)mi.id);
	assert_int_equal(xlated[1].imm, 0);
	assert_int_equal(xlated[2].src_reg, BPF_PSEUDO_MAP_VALUE);
	assert_int_equal(xlated[2].imm, (s32)mi.id);
	assert_int_equal(xlated[3].imm, 4);
	/* Machine code when the JIT compiled it. */
	assert_int_equal(bpf_prog_get(p1, &prog), 0);
	assert_int_equal(i1.jited_prog_len, prog->jited ? prog->jited_len : 0);
	if (prog->jited) {
		u8 code[4096];
		struct bpf_prog_info ij = {.jited_prog_len = sizeof(code),
					   .jited_prog_insns = U64(code)};

		get_prog_info(p1, &ij);
		assert_memory_equal(code, prog->jit_image, prog->jited_len);
	}
	bpf_prog_put(prog);
	/* Info of a stats fd: no such object kind. */
	union bpf_attr attr = {.enable_stats.type = BPF_STATS_RUN_TIME};
	int stats = sys_bpf(BPF_ENABLE_STATS, &attr);

	len = sizeof(mi);
	assert_int_equal(sys_obj_get_info(stats, &mi, &len), -EINVAL);
}

static void test_prog_ids_and_lifetime(void **state)
{
	int map = sys_map_create(BPF_MAP_TYPE_HASH, 4, 4, 4, 0);
	int prog, again;
	char text[128];
	struct bpf_prog_info info = {0};
	union bpf_attr attr;
	u32 id, map_id, len;
	struct bpf_map_info mi;

	snprintf(text, sizeof(text), "r1 = map[fd:%d]\nr0 = 0\nexit", map);
	prog = sys_prog_load_asm(BPF_PROG_TYPE_KPROBE, text);
	assert_true(prog >= 0);
	get_prog_info(prog, &info);
	id = info.id;
	len = sizeof(mi);
	assert_int_equal(sys_obj_get_info(map, &mi, &len), 0);
	map_id = mi.id;

	attr = (union bpf_attr){.start_id = id - 1};
	assert_int_equal(sys_bpf(BPF_PROG_GET_NEXT_ID, &attr), 0);
	assert_int_equal(attr.next_id, id);
	attr = (union bpf_attr){.start_id = id};
	assert_int_equal(sys_bpf(BPF_PROG_GET_NEXT_ID, &attr), -ENOENT);
	attr = (union bpf_attr){.prog_id = id};
	again = sys_bpf(BPF_PROG_GET_FD_BY_ID, &attr);
	assert_true(again >= 0);

	/* The program holds its map: closing the map's fd leaves the map alive. */
	assert_int_equal(host_fd_close(map), 0);
	attr = (union bpf_attr){.map_id = map_id};
	map = sys_bpf(BPF_MAP_GET_FD_BY_ID, &attr);
	assert_true(map >= 0);
	assert_int_equal(host_fd_close(map), 0);
	/* Two fds on the program: it lives until both are closed, and takes its map along. */
	assert_int_equal(host_fd_close(prog), 0);
	attr = (union bpf_attr){.prog_id = id};
	prog = sys_bpf(BPF_PROG_GET_FD_BY_ID, &attr);
	assert_true(prog >= 0);
	assert_int_equal(host_fd_close(prog), 0);
	assert_int_equal(host_fd_close(again), 0);
	attr = (union bpf_attr){.prog_id = id};
	assert_int_equal(sys_bpf(BPF_PROG_GET_FD_BY_ID, &attr), -ENOENT);
	attr = (union bpf_attr){.map_id = map_id};
	assert_int_equal(sys_bpf(BPF_MAP_GET_FD_BY_ID, &attr), -ENOENT);
	/* A duplicated fd shares the reference of its original. */
	prog = load_ret7(BPF_PROG_TYPE_KPROBE);
	again = host_fd_dup(prog);
	assert_int_equal(host_fd_close(prog), 0);
	assert_int_equal(sys_prog_test_run(again, NULL, 0, 1, NULL, NULL), 0);
}

/* ---- PROG_TEST_RUN ---- */

static void test_prog_test_run(void **state)
{
	/* Returns the first register of pt_regs plus the 20th (offset 152). */
	int prog = sys_prog_load_asm(
	    BPF_PROG_TYPE_KPROBE, "r0 = *(u64 *)(r1 +0)\nr2 = *(u64 *)(r1 +152)\nr0 += r2\nexit");
	int map = sys_map_create(BPF_MAP_TYPE_ARRAY, 4, 4, 1, 0);
	u64 regs[21] = {0}, out[22];
	u8 big[200] = {0};
	u32 retval = 0;
	union bpf_attr attr;

	assert_true(prog >= 0);
	regs[0] = 40;
	regs[19] = 2;
	assert_int_equal(sys_prog_test_run(prog, regs, sizeof(regs), 1, &retval, NULL), 0);
	assert_int_equal(retval, 42);
	/* A short context is zero-filled; a long one must have a zero tail. */
	assert_int_equal(sys_prog_test_run(prog, regs, 8, 1, &retval, NULL), 0);
	assert_int_equal(retval, 40);
	memcpy(big, regs, sizeof(regs));
	assert_int_equal(sys_prog_test_run(prog, big, sizeof(big), 3, &retval, NULL), 0);
	assert_int_equal(retval, 42);
	big[190] = 1;
	assert_int_equal(sys_prog_test_run(prog, big, sizeof(big), 1, &retval, NULL), -E2BIG);
	assert_int_equal(sys_prog_test_run(prog, NULL, 8, 1, &retval, NULL), -EINVAL);
	assert_int_equal(sys_prog_test_run(prog, NULL, 0, 1, &retval, NULL), 0);
	assert_int_equal(retval, 0);
	/* Not a program; not an fd. */
	assert_int_equal(sys_prog_test_run(map, NULL, 0, 1, &retval, NULL), -EINVAL);
	assert_int_equal(sys_prog_test_run(1000, NULL, 0, 1, &retval, NULL), -EBADF);
	/* Packet data, flags, CPUs. */
	attr = (union bpf_attr){
	    .test.prog_fd = (u32)prog, .test.data_in = U64(big), .test.data_size_in = 14};
	assert_int_equal(sys_bpf(BPF_PROG_TEST_RUN, &attr), -EINVAL);
	attr = (union bpf_attr){.test.prog_fd = (u32)prog, .test.flags = 2};
	assert_int_equal(sys_bpf(BPF_PROG_TEST_RUN, &attr), -EINVAL);
	attr = (union bpf_attr){.test.prog_fd = (u32)prog, .test.cpu = 1};
	assert_int_equal(sys_bpf(BPF_PROG_TEST_RUN, &attr), -EINVAL);
	attr.test.flags = BPF_F_TEST_RUN_ON_CPU;
	assert_int_equal(sys_bpf(BPF_PROG_TEST_RUN, &attr), -ENXIO);
	attr.test.cpu = 0;
	assert_int_equal(sys_bpf(BPF_PROG_TEST_RUN, &attr), 0);
	/* The context comes back in ctx_out, with its size; too small a buffer: -ENOSPC. */
	attr = (union bpf_attr){.test.prog_fd = (u32)prog,
				.test.ctx_in = U64(regs),
				.test.ctx_size_in = sizeof(regs),
				.test.ctx_out = U64(out),
				.test.ctx_size_out = sizeof(out)};
	assert_int_equal(sys_bpf(BPF_PROG_TEST_RUN, &attr), 0);
	assert_int_equal(attr.test.ctx_size_out, sizeof(regs));
	assert_memory_equal(out, regs, sizeof(regs));
	attr.test.ctx_size_out = 16;
	assert_int_equal(sys_bpf(BPF_PROG_TEST_RUN, &attr), -ENOSPC);
	assert_int_equal(attr.test.ctx_size_out, sizeof(regs));
	assert_int_equal(attr.test.retval, 42);
}

static void test_stats(void **state)
{
	int prog = load_ret7(BPF_PROG_TYPE_RAW_TRACEPOINT);
	union bpf_attr attr = {.enable_stats.type = BPF_STATS_RUN_TIME};
	struct bpf_prog_info info;
	int stats;

	assert_int_equal(sys_prog_test_run(prog, NULL, 0, 5, NULL, NULL), 0);
	memset(&info, 0, sizeof(info));
	get_prog_info(prog, &info);
	assert_int_equal(info.run_cnt, 0); /* statistics are off */
	stats = sys_bpf(BPF_ENABLE_STATS, &attr);
	assert_true(stats >= 0);
	assert_int_equal(sys_prog_test_run(prog, NULL, 0, 5, NULL, NULL), 0);
	assert_int_equal(sys_prog_test_run(prog, NULL, 0, 0, NULL, NULL), 0); /* 0 runs once */
	memset(&info, 0, sizeof(info));
	get_prog_info(prog, &info);
	assert_int_equal(info.run_cnt, 6);
	assert_int_equal(host_fd_close(stats), 0);
	assert_int_equal(bpf_stats_enabled, 0);
	assert_int_equal(sys_prog_test_run(prog, NULL, 0, 5, NULL, NULL), 0);
	memset(&info, 0, sizeof(info));
	get_prog_info(prog, &info);
	assert_int_equal(info.run_cnt, 6);
	attr.enable_stats.type = 1;
	assert_int_equal(sys_bpf(BPF_ENABLE_STATS, &attr), -EINVAL);
}

/* An address in a JIT image finds its program (kallsyms, backtraces); nothing else does. */
static void test_ksym_find(void **state)
{
	int saved = bpf_jit_enable;
	int fd, interp;
	struct bpf_prog *prog, *other;
	u64 image;

	bpf_jit_enable = 1;
	fd = load_named("r0 = 1\nr0 += 2\nexit", "sym", "GPL");
	bpf_jit_enable = 0;
	interp = load_named("r0 = 1\nexit", "plain", "GPL");
	bpf_jit_enable = saved;
	assert_true(fd >= 0 && interp >= 0);
	assert_int_equal(bpf_prog_get(fd, &prog), 0);
	assert_int_equal(bpf_prog_get(interp, &other), 0);
	assert_true(prog->jited && !other->jited);
	image = (u64)(uintptr_t)prog->jit_image;
	assert_ptr_equal(bpf_prog_ksym_find(image), prog);
	assert_ptr_equal(bpf_prog_ksym_find(image + prog->jited_len - 1), prog);
	assert_null(bpf_prog_ksym_find(image + prog->jited_len));
	assert_null(bpf_prog_ksym_find(image - 1));
	assert_null(bpf_prog_ksym_find((u64)(uintptr_t)other->insnsi)); /* not an image */
	bpf_prog_put(other);
	bpf_prog_put(prog);
	/* Once the last reference goes, the address is nobody's. */
	assert_int_equal(host_fd_close(fd), 0);
	assert_null(bpf_prog_ksym_find(image));
	assert_int_equal(host_fd_close(interp), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    TEST(test_prog_load_refusals),     TEST(test_prog_load_bad_programs),
	    TEST(test_prog_load_bad_callback), TEST(test_sha1_vectors),
	    TEST(test_prog_info_and_tag),      TEST(test_prog_ids_and_lifetime),
	    TEST(test_prog_test_run),	       TEST(test_stats),
	    TEST(test_ksym_find),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
