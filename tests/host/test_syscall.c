/*
 * tests/host/test_syscall.c - the bpf() command layer through __sys_bpf, as user space calls
 * it: the attr size and tail rules, each command's unused-field check, bad and wrong-kind
 * fds, map permissions and freezing, PROG_LOAD's refusals, ids and fds by id, object info,
 * PROG_TEST_RUN, statistics, links to a test attach target, and reference counts (after
 * every fd is closed nothing is left, checked by the teardown of every test).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#include "bpf/asm.h"
#include "bpf/link.h"
#include "bpf/sha1.h"
#include "tests/host/lib/leak_check.h"
#include "tests/host/lib/sys_bpf.h"

#define U64(p) ((u64)(uintptr_t)(p))

static const struct bpf_insn ret7[] = {
	{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = 0, .imm = 7 },
	{ .code = BPF_JMP | BPF_EXIT },
};

static int load_ret7(u32 type)
{
	return sys_prog_load(type, ret7, 2, "GPL", NULL, 0);
}

/* ---- attr size and tail ---- */

static void test_attr_size_and_tail(void **state)
{
	u8 buf[BPF_PAGE_SIZE + 8];
	union bpf_attr *attr = (void *)buf;

	memset(buf, 0, sizeof(buf));
	attr->map_type = BPF_MAP_TYPE_ARRAY;
	attr->key_size = 4;
	attr->value_size = 4;
	attr->max_entries = 1;
	/* Larger than the union, zero tail: fine. Non-zero tail: -E2BIG. Over a page: -E2BIG. */
	assert_true(__sys_bpf(BPF_MAP_CREATE, buf, 512) >= 0);
	buf[300] = 1;
	assert_int_equal(__sys_bpf(BPF_MAP_CREATE, buf, 512), -E2BIG);
	assert_true(__sys_bpf(BPF_MAP_CREATE, buf, 300) >= 0); /* the byte is past size */
	buf[300] = 0;
	assert_int_equal(__sys_bpf(BPF_MAP_CREATE, buf, BPF_PAGE_SIZE + 1), -E2BIG);
	/* Smaller: the rest reads as zero. 16 bytes hold the four fields above. */
	assert_true(__sys_bpf(BPF_MAP_CREATE, buf, 16) >= 0);
	assert_int_equal(__sys_bpf(BPF_MAP_CREATE, buf, 12), -EINVAL); /* max_entries 0 */
	assert_int_equal(__sys_bpf(BPF_MAP_CREATE, buf, 0), -EINVAL);
	/* Bad pointers. */
	assert_int_equal(__sys_bpf(BPF_MAP_CREATE, NULL, 16), -EFAULT);
	assert_int_equal(__sys_bpf(BPF_MAP_CREATE, NULL, 0), -EINVAL); /* all zero: no type */
	/* Unknown and unimplemented commands. */
	assert_int_equal(__sys_bpf(-1, buf, 16), -EINVAL);
	assert_int_equal(__sys_bpf(__MAX_BPF_CMD, buf, 16), -EINVAL);
	assert_int_equal(__sys_bpf(1000, buf, 16), -EINVAL);
	assert_int_equal(__sys_bpf(BPF_OBJ_PIN, buf, 16), -EINVAL);
	assert_int_equal(__sys_bpf(BPF_BTF_LOAD, buf, 16), -EINVAL);
}

/*
 * Each command refuses a non-zero byte after its last field. Each case builds an attr the
 * command accepts, checks that it is accepted, then sets one byte past the last field.
 */
struct tail_case {
	int cmd;
	size_t end; /* offset just past the command's last field */
};

static const struct tail_case tail_cases[] = {
	{ BPF_MAP_CREATE, offsetof(union bpf_attr, map_extra) + 8 },
	{ BPF_MAP_LOOKUP_ELEM, offsetof(union bpf_attr, flags) + 8 },
	{ BPF_MAP_UPDATE_ELEM, offsetof(union bpf_attr, flags) + 8 },
	{ BPF_MAP_DELETE_ELEM, offsetof(union bpf_attr, key) + 8 },
	{ BPF_MAP_GET_NEXT_KEY, offsetof(union bpf_attr, next_key) + 8 },
	{ BPF_MAP_LOOKUP_AND_DELETE_ELEM, offsetof(union bpf_attr, flags) + 8 },
	{ BPF_MAP_FREEZE, offsetof(union bpf_attr, map_fd) + 4 },
	{ BPF_PROG_TEST_RUN, offsetof(union bpf_attr, test.batch_size) + 4 },
	{ BPF_PROG_GET_NEXT_ID, offsetof(union bpf_attr, next_id) + 4 },
	{ BPF_MAP_GET_NEXT_ID, offsetof(union bpf_attr, next_id) + 4 },
	{ BPF_LINK_GET_NEXT_ID, offsetof(union bpf_attr, next_id) + 4 },
	{ BPF_PROG_GET_FD_BY_ID, offsetof(union bpf_attr, prog_id) + 4 },
	{ BPF_MAP_GET_FD_BY_ID, offsetof(union bpf_attr, open_flags) + 4 },
	{ BPF_LINK_GET_FD_BY_ID, offsetof(union bpf_attr, link_id) + 4 },
	{ BPF_OBJ_GET_INFO_BY_FD, offsetof(union bpf_attr, info.info) + 8 },
	{ BPF_RAW_TRACEPOINT_OPEN, offsetof(union bpf_attr, raw_tracepoint.prog_fd) + 4 },
	{ BPF_LINK_CREATE, offsetof(union bpf_attr, link_create.kprobe_multi.cookies) + 8 },
	{ BPF_ENABLE_STATS, offsetof(union bpf_attr, enable_stats.type) + 4 },
};

/* ---- a test attach target: records what is attached ---- */

struct test_link {
	struct bpf_link link;
	char tp_name[32];
};
static int test_links_attached;
static u64 test_link_last_cookie;

static void test_link_release(struct bpf_link *link)
{
	test_links_attached--;
}

static void test_link_dealloc(struct bpf_link *link)
{
	bpf_env_free(link);
}

static int test_link_fill_info(const struct bpf_link *link, struct bpf_link_info *info)
{
	const struct test_link *tl = (const void *)link;
	u32 len = (u32)strlen(tl->tp_name) + 1;

	if (link->type != BPF_LINK_TYPE_RAW_TRACEPOINT)
		return 0;
	if (info->raw_tracepoint.tp_name && info->raw_tracepoint.tp_name_len >= len)
		memcpy((void *)(uintptr_t)info->raw_tracepoint.tp_name, tl->tp_name, len);
	info->raw_tracepoint.tp_name_len = len;
	return 0;
}

static const struct bpf_link_ops test_link_ops = {
	.release = test_link_release,
	.dealloc = test_link_dealloc,
	.fill_link_info = test_link_fill_info,
};

static int test_attach(struct bpf_prog *prog, const struct bpf_attach_args *args,
		       struct bpf_link **linkp)
{
	struct test_link *tl;
	u32 type = BPF_LINK_TYPE_PERF_EVENT;

	if (args->attach_type == BPF_TRACE_RAW_TP) {
		if (strcmp(args->tp_name, "sched_switch"))
			return -ENOENT;
		if (prog->type != BPF_PROG_TYPE_RAW_TRACEPOINT)
			return -EINVAL;
		type = BPF_LINK_TYPE_RAW_TRACEPOINT;
	} else if (prog->type != BPF_PROG_TYPE_KPROBE || args->flags) {
		return -EINVAL;
	}
	tl = bpf_env_alloc(sizeof(*tl));
	if (!tl)
		return -ENOMEM;
	if (args->tp_name)
		snprintf(tl->tp_name, sizeof(tl->tp_name), "%s", args->tp_name);
	bpf_link_init(&tl->link, type, &test_link_ops, prog);
	test_links_attached++;
	test_link_last_cookie = args->cookie;
	*linkp = &tl->link;
	return 0;
}

static int register_test_targets(void **state)
{
	leak_check_setup(state);
	bpf_link_register_target(BPF_PERF_EVENT, test_attach);
	bpf_link_register_target(BPF_TRACE_RAW_TP, test_attach);
	return 0;
}

static int unregister_test_targets(void **state)
{
	int err = leak_check_teardown(state);

	bpf_link_register_target(BPF_PERF_EVENT, NULL);
	bpf_link_register_target(BPF_TRACE_RAW_TP, NULL);
	if (test_links_attached) {
		fprintf(stderr, "%d links still attached\n", test_links_attached);
		return -1;
	}
	return err;
}

#define LINK_TEST(fn) \
	cmocka_unit_test_setup_teardown(fn, register_test_targets, unregister_test_targets)

/* Build an attr that cmd accepts; objects it needs are created here. */
static void valid_attr(int cmd, union bpf_attr *attr, u32 *key, u32 *value, u8 *ctx)
{
	int map = sys_map_create(BPF_MAP_TYPE_HASH, 4, 4, 8, 0);
	int prog = load_ret7(BPF_PROG_TYPE_KPROBE);
	union bpf_attr id_attr = { 0 };

	assert_true(map >= 0 && prog >= 0);
	*key = 1;
	*value = 2;
	assert_int_equal(sys_map_update(map, key, value, BPF_ANY), 0);
	memset(attr, 0, sizeof(*attr));
	switch (cmd) {
	case BPF_MAP_CREATE:
		attr->map_type = BPF_MAP_TYPE_ARRAY;
		attr->key_size = 4;
		attr->value_size = 4;
		attr->max_entries = 1;
		break;
	case BPF_MAP_LOOKUP_ELEM:
	case BPF_MAP_UPDATE_ELEM:
	case BPF_MAP_DELETE_ELEM:
	case BPF_MAP_GET_NEXT_KEY:
	case BPF_MAP_LOOKUP_AND_DELETE_ELEM:
	case BPF_MAP_FREEZE:
		attr->map_fd = (u32)map;
		if (cmd != BPF_MAP_FREEZE && cmd != BPF_MAP_GET_NEXT_KEY)
			attr->key = U64(key);
		if (cmd != BPF_MAP_DELETE_ELEM && cmd != BPF_MAP_FREEZE)
			attr->value = U64(value); /* also next_key */
		break;
	case BPF_PROG_TEST_RUN:
		attr->test.prog_fd = (u32)prog;
		attr->test.ctx_in = U64(ctx);
		attr->test.ctx_size_in = 8;
		break;
	case BPF_PROG_GET_NEXT_ID:
	case BPF_MAP_GET_NEXT_ID:
		break;
	case BPF_LINK_GET_NEXT_ID:
	case BPF_LINK_GET_FD_BY_ID:
	case BPF_LINK_CREATE:
		attr->link_create.prog_fd = (u32)prog;
		attr->link_create.attach_type = BPF_PERF_EVENT;
		if (cmd == BPF_LINK_CREATE)
			break;
		assert_true(sys_bpf(BPF_LINK_CREATE, attr) >= 0);
		memset(attr, 0, sizeof(*attr));
		if (cmd == BPF_LINK_GET_FD_BY_ID) {
			assert_int_equal(sys_bpf(BPF_LINK_GET_NEXT_ID, &id_attr), 0);
			attr->link_id = id_attr.next_id;
		}
		break;
	case BPF_PROG_GET_FD_BY_ID:
		assert_int_equal(sys_bpf(BPF_PROG_GET_NEXT_ID, &id_attr), 0);
		attr->prog_id = id_attr.next_id;
		break;
	case BPF_MAP_GET_FD_BY_ID:
		assert_int_equal(sys_bpf(BPF_MAP_GET_NEXT_ID, &id_attr), 0);
		attr->map_id = id_attr.next_id;
		break;
	case BPF_OBJ_GET_INFO_BY_FD:
		attr->info.bpf_fd = (u32)map;
		attr->info.info_len = sizeof(struct bpf_map_info);
		attr->info.info = U64(ctx);
		break;
	case BPF_RAW_TRACEPOINT_OPEN:
		host_fd_close(prog);
		prog = load_ret7(BPF_PROG_TYPE_RAW_TRACEPOINT);
		attr->raw_tracepoint.name = U64("sched_switch");
		attr->raw_tracepoint.prog_fd = (u32)prog;
		break;
	case BPF_ENABLE_STATS:
		attr->enable_stats.type = BPF_STATS_RUN_TIME;
		break;
	}
}

static void test_unused_fields_must_be_zero(void **state)
{
	union bpf_attr attr, copy;
	u8 ctx[256];
	u32 key, value;

	for (size_t i = 0; i < ARRAY_SIZE(tail_cases); i++) {
		const struct tail_case *c = &tail_cases[i];

		valid_attr(c->cmd, &attr, &key, &value, ctx);
		copy = attr;
		((u8 *)&copy)[c->end] = 1;
		if (sys_bpf(c->cmd, &copy) != -EINVAL)
			fail_msg("command %d accepted a non-zero byte at %zu", c->cmd, c->end);
		copy = attr;
		if (sys_bpf(c->cmd, &copy) < 0)
			fail_msg("command %d refused its valid attr", c->cmd);
		host_fd_close_all();
	}
}

/* ---- maps ---- */

static void test_map_create_refusals(void **state)
{
	union bpf_attr attr = {
		.map_type = BPF_MAP_TYPE_ARRAY, .key_size = 4, .value_size = 4, .max_entries = 1,
	};
	union bpf_attr a;

	assert_int_equal(sys_map_create(0, 4, 4, 1, 0), -EINVAL);
	assert_int_equal(sys_map_create(999, 4, 4, 1, 0), -EINVAL);
	assert_int_equal(sys_map_create(BPF_MAP_TYPE_LPM_TRIE, 8, 4, 1, BPF_F_NO_PREALLOC), -EINVAL);
	assert_int_equal(sys_map_create(BPF_MAP_TYPE_ARRAY, 4, 4, 1, BPF_F_RDONLY | BPF_F_WRONLY),
			 -EINVAL);
	a = attr;
	memcpy(a.map_name, "good_name.1", 12);
	assert_true(sys_bpf(BPF_MAP_CREATE, &a) >= 0);
	a = attr;
	memcpy(a.map_name, "bad-name", 9);
	assert_int_equal(sys_bpf(BPF_MAP_CREATE, &a), -EINVAL);
	a = attr;
	memset(a.map_name, 'x', sizeof(a.map_name)); /* no NUL within 16 bytes */
	assert_int_equal(sys_bpf(BPF_MAP_CREATE, &a), -EINVAL);
	a = attr;
	a.btf_key_type_id = 1;
	a.btf_value_type_id = 2;
	assert_int_equal(sys_bpf(BPF_MAP_CREATE, &a), -EINVAL);
	a = attr;
	a.map_extra = 3;
	assert_int_equal(sys_bpf(BPF_MAP_CREATE, &a), -EINVAL);
	a = attr;
	a.map_flags = BPF_F_NUMA_NODE;
	a.numa_node = 1;
	assert_int_equal(sys_bpf(BPF_MAP_CREATE, &a), -EINVAL);
	a.numa_node = 0;
	assert_true(sys_bpf(BPF_MAP_CREATE, &a) >= 0);
	a = attr;
	a.map_ifindex = 1;
	assert_int_equal(sys_bpf(BPF_MAP_CREATE, &a), -EINVAL);
}

static void test_map_fds_and_permissions(void **state)
{
	int rw = sys_map_create(BPF_MAP_TYPE_HASH, 4, 4, 4, 0);
	int ro = sys_map_create(BPF_MAP_TYPE_HASH, 4, 4, 4, BPF_F_RDONLY);
	int wo = sys_map_create(BPF_MAP_TYPE_HASH, 4, 4, 4, BPF_F_WRONLY);
	int prog = load_ret7(BPF_PROG_TYPE_KPROBE);
	u32 k = 1, v = 2;
	union bpf_attr attr;

	/* Bad fds, and fds of another kind. */
	assert_int_equal(sys_map_lookup(99, &k, &v), -EBADF);
	assert_int_equal(sys_map_lookup(-1, &k, &v), -EBADF);
	assert_int_equal(sys_map_update(prog, &k, &v, 0), -EINVAL);
	assert_int_equal(sys_map_delete(prog, &k), -EINVAL);
	assert_int_equal(sys_map_get_next_key(prog, &k, &v), -EINVAL);
	/* Read-only and write-only fds. */
	assert_int_equal(sys_map_update(ro, &k, &v, 0), -EPERM);
	assert_int_equal(sys_map_delete(ro, &k), -EPERM);
	assert_int_equal(sys_map_lookup(ro, &k, &v), -ENOENT);
	assert_int_equal(sys_map_update(wo, &k, &v, 0), 0);
	assert_int_equal(sys_map_lookup(wo, &k, &v), -EPERM);
	assert_int_equal(sys_map_get_next_key(wo, NULL, &v), -EPERM);
	assert_int_equal(sys_map_lookup_and_delete(wo, &k, &v), -EPERM);
	assert_int_equal(sys_map_delete(wo, &k), 0);
	/* Flags of lookup; bad key and value pointers. */
	attr = (union bpf_attr){ .map_fd = (u32)rw, .key = U64(&k), .value = U64(&v), .flags = 8 };
	assert_int_equal(sys_bpf(BPF_MAP_LOOKUP_ELEM, &attr), -EINVAL);
	attr.flags = BPF_F_LOCK;
	assert_int_equal(sys_bpf(BPF_MAP_LOOKUP_ELEM, &attr), -EINVAL);
	assert_int_equal(sys_map_update(rw, &k, &v, BPF_F_LOCK), -EINVAL);
	assert_int_equal(sys_map_update(rw, NULL, &v, 0), -EFAULT);
	assert_int_equal(sys_map_update(rw, &k, NULL, 0), -EFAULT);
	assert_int_equal(sys_map_update(rw, &k, &v, 0), 0);
	assert_int_equal(sys_map_lookup(rw, NULL, &v), -EFAULT);
	assert_int_equal(sys_map_lookup(rw, &k, NULL), -EFAULT);
	assert_int_equal(sys_map_delete(rw, NULL), -EFAULT);
	assert_int_equal(sys_map_get_next_key(rw, NULL, NULL), -EFAULT);
	/* Freeze: writes from user space end; a second freeze is refused. */
	attr = (union bpf_attr){ .map_fd = (u32)rw };
	assert_int_equal(sys_bpf(BPF_MAP_FREEZE, &attr), 0);
	assert_int_equal(sys_map_update(rw, &k, &v, 0), -EPERM);
	assert_int_equal(sys_map_delete(rw, &k), -EPERM);
	assert_int_equal(sys_map_lookup(rw, &k, &v), 0);
	assert_int_equal(sys_bpf(BPF_MAP_FREEZE, &attr), -EPERM);
	attr.map_fd = (u32)ro;
	assert_int_equal(sys_bpf(BPF_MAP_FREEZE, &attr), -EPERM);
	attr.map_fd = 77;
	assert_int_equal(sys_bpf(BPF_MAP_FREEZE, &attr), -EBADF);
}

/* Wrong key or value sizes cannot be expressed through pointers: the sizes come from the map.
 * What can be wrong is the pointer: a key the size of the map's key must be readable. */
static void test_map_wrong_sizes(void **state)
{
	int fd = sys_map_create(BPF_MAP_TYPE_HASH, 8, 16, 4, 0);
	u8 *key = bpf_env_alloc_pages(BPF_PAGE_SIZE), value[16] = { 0 };

	/* The key's last 4 bytes run past the end of a page that is followed by nothing. */
	assert_non_null(key);
	assert_int_equal(sys_map_update(fd, key + BPF_PAGE_SIZE - 8, value, 0), 0);
	assert_int_equal(sys_map_lookup(fd, key + BPF_PAGE_SIZE - 8, value), 0);
	bpf_env_free_pages(key, BPF_PAGE_SIZE);
}

static void test_map_ids_and_info(void **state)
{
	union bpf_attr attr = {
		.map_type = BPF_MAP_TYPE_LRU_HASH, .key_size = 8, .value_size = 24, .max_entries = 5,
		.map_flags = BPF_F_NO_COMMON_LRU,
	};
	struct bpf_map_info info;
	u8 big[sizeof(info) + 8];
	u32 len, ids[2], n = 0;
	u64 k = 1, v[3] = { 2 };
	int a, b, c;

	memcpy(attr.map_name, "counts", 7);
	a = sys_bpf(BPF_MAP_CREATE, &attr);
	b = sys_map_create(BPF_MAP_TYPE_ARRAY, 4, 4, 2, 0);
	assert_true(a >= 0 && b >= 0);

	len = sizeof(info);
	memset(&info, 0, sizeof(info));
	assert_int_equal(sys_obj_get_info(a, &info, &len), 0);
	assert_int_equal(len, sizeof(info));
	assert_int_equal(info.type, BPF_MAP_TYPE_LRU_HASH);
	assert_int_equal(info.key_size, 8);
	assert_int_equal(info.value_size, 24);
	assert_int_equal(info.max_entries, 5);
	assert_int_equal(info.map_flags, BPF_F_NO_COMMON_LRU);
	assert_string_equal(info.name, "counts");
	assert_true(info.id > 0);
	ids[0] = info.id;
	/* A shorter info: only what fits. A longer one with a non-zero tail: -E2BIG. */
	len = 8;
	memset(&info, 0, sizeof(info));
	assert_int_equal(sys_obj_get_info(b, &info, &len), 0);
	assert_int_equal(len, 8);
	assert_int_equal(info.type, BPF_MAP_TYPE_ARRAY);
	assert_int_equal(info.key_size, 0);
	ids[1] = info.id;
	memset(big, 0, sizeof(big));
	len = sizeof(big);
	assert_int_equal(sys_obj_get_info(b, big, &len), 0);
	assert_int_equal(len, sizeof(info));
	big[sizeof(info) + 3] = 1;
	len = sizeof(big);
	assert_int_equal(sys_obj_get_info(b, big, &len), -E2BIG);
	len = sizeof(info);
	assert_int_equal(sys_obj_get_info(99, &info, &len), -EBADFD);

	/* Walk the ids: both maps appear, in increasing order. */
	attr = (union bpf_attr){ 0 };
	while (!sys_bpf(BPF_MAP_GET_NEXT_ID, &attr)) {
		if (attr.next_id == ids[0] || attr.next_id == ids[1])
			n++;
		attr.start_id = attr.next_id;
	}
	assert_int_equal(n, 2);
	attr = (union bpf_attr){ .start_id = 0x7fffffff };
	assert_int_equal(sys_bpf(BPF_MAP_GET_NEXT_ID, &attr), -EINVAL);

	/* A second fd by id, read-only; flags it does not know; an id that is not there. */
	attr = (union bpf_attr){ .map_id = ids[0], .open_flags = BPF_F_RDONLY };
	c = sys_bpf(BPF_MAP_GET_FD_BY_ID, &attr);
	assert_true(c >= 0 && c != a);
	assert_int_equal(sys_map_update(c, &k, v, 0), -EPERM);
	assert_int_equal(sys_map_update(a, &k, v, 0), 0);
	assert_int_equal(sys_map_lookup(c, &k, v), 0);
	attr.open_flags = BPF_F_MMAPABLE;
	assert_int_equal(sys_bpf(BPF_MAP_GET_FD_BY_ID, &attr), -EINVAL);
	attr.open_flags = BPF_F_RDONLY | BPF_F_WRONLY;
	assert_int_equal(sys_bpf(BPF_MAP_GET_FD_BY_ID, &attr), -EINVAL);
	attr = (union bpf_attr){ .map_id = 0x7ffffff0 };
	assert_int_equal(sys_bpf(BPF_MAP_GET_FD_BY_ID, &attr), -ENOENT);

	/* Closing one fd keeps the map; closing the other frees it and its id. */
	assert_int_equal(host_fd_close(a), 0);
	assert_int_equal(sys_map_lookup(c, &k, v), 0);
	assert_int_equal(host_fd_close(c), 0);
	attr = (union bpf_attr){ .map_id = ids[0] };
	assert_int_equal(sys_bpf(BPF_MAP_GET_FD_BY_ID, &attr), -ENOENT);
	assert_int_equal(host_fd_close(c), -EBADF);
}

/* ---- programs ---- */

static void test_prog_load_refusals(void **state)
{
	union bpf_attr attr = {
		.prog_type = BPF_PROG_TYPE_KPROBE, .insn_cnt = 2, .insns = U64(ret7),
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
	struct bpf_insn bad[2] = { { .code = 0xff }, { .code = BPF_JMP | BPF_EXIT } };
	char text[256], log[512];

	assert_int_equal(hash, 3);
	assert_int_equal(sys_prog_load(BPF_PROG_TYPE_KPROBE, bad, 2, "GPL", log, sizeof(log)),
			 -EINVAL);
	assert_non_null(strstr(log, "insn 0"));
	expect_load_error("r0 = 0\nif r0 > 1 goto +5\nexit", -EINVAL, "insn 1", "GPL");
	expect_load_error("call 999\nexit", -EINVAL, "999", "GPL");
	/* A helper the program type does not offer, and a gpl_only one without GPL. */
	expect_load_error("call bpf_xdp_adjust_head\nexit", -EINVAL, "insn 0", "GPL");
	expect_load_error("call bpf_trace_printk\nexit", -EINVAL, "insn 0", "MIT");
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
	struct bpf_insn insns[4] = {
		{ .code = BPF_LD | BPF_IMM | BPF_DW, .dst_reg = 2, .src_reg = BPF_PSEUDO_FUNC, .imm = 5 },
		{ 0 },
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = 0 },
		{ .code = BPF_JMP | BPF_EXIT },
	};

	assert_int_equal(sys_prog_load(BPF_PROG_TYPE_KPROBE, insns, 4, "GPL", NULL, 0), -EINVAL);
	insns[0].imm = 0; /* its own second slot */
	assert_int_equal(sys_prog_load(BPF_PROG_TYPE_KPROBE, insns, 4, "GPL", NULL, 0), -EINVAL);
	insns[0].imm = 1;
	assert_true(sys_prog_load(BPF_PROG_TYPE_KPROBE, insns, 4, "GPL", NULL, 0) >= 0);
}

static void test_sha1_vectors(void **state)
{
	static const struct {
		const char *msg;
		const char *hex;
	} vectors[] = {
		{ "", "da39a3ee5e6b4b0d3255bfef95601890afd80709" },
		{ "abc", "a9993e364706816aba3e25717850c26c9cd0d89d" },
		{ "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
		  "84983e441c3bd26ebaae4aa1f95129e5e54670f1" },
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
	union bpf_attr attr = { .prog_type = BPF_PROG_TYPE_KPROBE, .license = U64(license) };
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
		struct bpf_prog_info ij = { .jited_prog_len = sizeof(code), .jited_prog_insns = U64(code) };

		get_prog_info(p1, &ij);
		assert_memory_equal(code, prog->jit_image, prog->jited_len);
	}
	bpf_prog_put(prog);
	/* Info of a stats fd: no such object kind. */
	union bpf_attr attr = { .enable_stats.type = BPF_STATS_RUN_TIME };
	int stats = sys_bpf(BPF_ENABLE_STATS, &attr);

	len = sizeof(mi);
	assert_int_equal(sys_obj_get_info(stats, &mi, &len), -EINVAL);
}

static void test_prog_ids_and_lifetime(void **state)
{
	int map = sys_map_create(BPF_MAP_TYPE_HASH, 4, 4, 4, 0);
	int prog, again;
	char text[128];
	struct bpf_prog_info info = { 0 };
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

	attr = (union bpf_attr){ .start_id = id - 1 };
	assert_int_equal(sys_bpf(BPF_PROG_GET_NEXT_ID, &attr), 0);
	assert_int_equal(attr.next_id, id);
	attr = (union bpf_attr){ .start_id = id };
	assert_int_equal(sys_bpf(BPF_PROG_GET_NEXT_ID, &attr), -ENOENT);
	attr = (union bpf_attr){ .prog_id = id };
	again = sys_bpf(BPF_PROG_GET_FD_BY_ID, &attr);
	assert_true(again >= 0);

	/* The program holds its map: closing the map's fd leaves the map alive. */
	assert_int_equal(host_fd_close(map), 0);
	attr = (union bpf_attr){ .map_id = map_id };
	map = sys_bpf(BPF_MAP_GET_FD_BY_ID, &attr);
	assert_true(map >= 0);
	assert_int_equal(host_fd_close(map), 0);
	/* Two fds on the program: it lives until both are closed, and takes its map along. */
	assert_int_equal(host_fd_close(prog), 0);
	attr = (union bpf_attr){ .prog_id = id };
	prog = sys_bpf(BPF_PROG_GET_FD_BY_ID, &attr);
	assert_true(prog >= 0);
	assert_int_equal(host_fd_close(prog), 0);
	assert_int_equal(host_fd_close(again), 0);
	attr = (union bpf_attr){ .prog_id = id };
	assert_int_equal(sys_bpf(BPF_PROG_GET_FD_BY_ID, &attr), -ENOENT);
	attr = (union bpf_attr){ .map_id = map_id };
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
	int prog = sys_prog_load_asm(BPF_PROG_TYPE_KPROBE,
				     "r0 = *(u64 *)(r1 +0)\nr2 = *(u64 *)(r1 +152)\nr0 += r2\nexit");
	int map = sys_map_create(BPF_MAP_TYPE_ARRAY, 4, 4, 1, 0);
	u64 regs[21] = { 0 }, out[22];
	u8 big[200] = { 0 };
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
	attr = (union bpf_attr){ .test.prog_fd = (u32)prog, .test.data_in = U64(big),
				 .test.data_size_in = 14 };
	assert_int_equal(sys_bpf(BPF_PROG_TEST_RUN, &attr), -EINVAL);
	attr = (union bpf_attr){ .test.prog_fd = (u32)prog, .test.flags = 2 };
	assert_int_equal(sys_bpf(BPF_PROG_TEST_RUN, &attr), -EINVAL);
	attr = (union bpf_attr){ .test.prog_fd = (u32)prog, .test.cpu = 1 };
	assert_int_equal(sys_bpf(BPF_PROG_TEST_RUN, &attr), -EINVAL);
	attr.test.flags = BPF_F_TEST_RUN_ON_CPU;
	assert_int_equal(sys_bpf(BPF_PROG_TEST_RUN, &attr), -ENXIO);
	attr.test.cpu = 0;
	assert_int_equal(sys_bpf(BPF_PROG_TEST_RUN, &attr), 0);
	/* The context comes back in ctx_out, with its size; too small a buffer: -ENOSPC. */
	attr = (union bpf_attr){ .test.prog_fd = (u32)prog, .test.ctx_in = U64(regs),
				 .test.ctx_size_in = sizeof(regs), .test.ctx_out = U64(out),
				 .test.ctx_size_out = sizeof(out) };
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
	union bpf_attr attr = { .enable_stats.type = BPF_STATS_RUN_TIME };
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

/* ---- links ---- */

static void test_link_create(void **state)
{
	int prog = load_ret7(BPF_PROG_TYPE_KPROBE);
	int tp = load_ret7(BPF_PROG_TYPE_TRACEPOINT);
	union bpf_attr attr = { .link_create.prog_fd = (u32)prog,
				.link_create.attach_type = BPF_PERF_EVENT,
				.link_create.perf_event.bpf_cookie = 0x1234 };
	struct bpf_link_info info;
	struct bpf_prog_info pinfo = { 0 };
	u32 len = sizeof(info), link_id;
	int link, again;

	link = sys_bpf(BPF_LINK_CREATE, &attr);
	assert_true(link >= 0);
	assert_int_equal(test_links_attached, 1);
	assert_int_equal(test_link_last_cookie, 0x1234);
	memset(&info, 0, sizeof(info));
	assert_int_equal(sys_obj_get_info(link, &info, &len), 0);
	get_prog_info(prog, &pinfo);
	assert_int_equal(info.type, BPF_LINK_TYPE_PERF_EVENT);
	assert_int_equal(info.prog_id, pinfo.id);
	link_id = info.id;
	assert_true(link_id > 0);
	/* The target refuses what it does not take; nothing registered for other types. */
	attr.link_create.flags = 1;
	assert_int_equal(sys_bpf(BPF_LINK_CREATE, &attr), -EINVAL);
	attr.link_create.flags = 0;
	attr.link_create.prog_fd = (u32)tp;
	assert_int_equal(sys_bpf(BPF_LINK_CREATE, &attr), -EINVAL);
	attr.link_create.prog_fd = (u32)prog;
	attr.link_create.attach_type = BPF_TRACE_KPROBE_MULTI;
	assert_int_equal(sys_bpf(BPF_LINK_CREATE, &attr), -EINVAL);
	attr.link_create.attach_type = 10000;
	assert_int_equal(sys_bpf(BPF_LINK_CREATE, &attr), -EINVAL);
	attr.link_create.attach_type = BPF_PERF_EVENT;
	attr.link_create.prog_fd = 500;
	assert_int_equal(sys_bpf(BPF_LINK_CREATE, &attr), -EBADF);
	assert_int_equal(test_links_attached, 1);

	/* Ids and fds by id. */
	attr = (union bpf_attr){ .start_id = link_id - 1 };
	assert_int_equal(sys_bpf(BPF_LINK_GET_NEXT_ID, &attr), 0);
	assert_int_equal(attr.next_id, link_id);
	attr = (union bpf_attr){ .link_id = link_id };
	again = sys_bpf(BPF_LINK_GET_FD_BY_ID, &attr);
	assert_true(again >= 0);
	attr = (union bpf_attr){ .link_id = link_id + 100 };
	assert_int_equal(sys_bpf(BPF_LINK_GET_FD_BY_ID, &attr), -ENOENT);

	/* The link holds the program: closing the program's fd detaches nothing. */
	assert_int_equal(host_fd_close(prog), 0);
	assert_non_null(bpf_prog_find_by_id(pinfo.id));
	assert_int_equal(host_fd_close(link), 0);
	assert_int_equal(test_links_attached, 1);
	assert_int_equal(host_fd_close(again), 0);
	assert_int_equal(test_links_attached, 0);
	assert_null(bpf_prog_find_by_id(pinfo.id));
	assert_null(bpf_link_find_by_id(link_id));
}

static void test_raw_tracepoint_open(void **state)
{
	int prog = load_ret7(BPF_PROG_TYPE_RAW_TRACEPOINT);
	int kprobe = load_ret7(BPF_PROG_TYPE_KPROBE);
	union bpf_attr attr = { .raw_tracepoint.name = U64("sched_switch"),
				.raw_tracepoint.prog_fd = (u32)prog };
	struct bpf_link_info info;
	char name[32];
	u32 len = sizeof(info);
	int link;

	link = sys_bpf(BPF_RAW_TRACEPOINT_OPEN, &attr);
	assert_true(link >= 0);
	memset(&info, 0, sizeof(info));
	info.raw_tracepoint.tp_name = U64(name);
	info.raw_tracepoint.tp_name_len = sizeof(name);
	assert_int_equal(sys_obj_get_info(link, &info, &len), 0);
	assert_int_equal(info.type, BPF_LINK_TYPE_RAW_TRACEPOINT);
	assert_string_equal(name, "sched_switch");
	assert_int_equal(info.raw_tracepoint.tp_name_len, 13);
	attr.raw_tracepoint.name = U64("no_such_event");
	assert_int_equal(sys_bpf(BPF_RAW_TRACEPOINT_OPEN, &attr), -ENOENT);
	attr.raw_tracepoint.name = 0;
	assert_int_equal(sys_bpf(BPF_RAW_TRACEPOINT_OPEN, &attr), -EINVAL);
	attr.raw_tracepoint.name = U64("sched_switch");
	attr.raw_tracepoint.prog_fd = (u32)kprobe;
	assert_int_equal(sys_bpf(BPF_RAW_TRACEPOINT_OPEN, &attr), -EINVAL);
	assert_int_equal(test_links_attached, 1);
}

/* Without a target (none registered), LINK_CREATE and RAW_TRACEPOINT_OPEN refuse. */
static void test_no_attach_target(void **state)
{
	int prog = load_ret7(BPF_PROG_TYPE_KPROBE);
	union bpf_attr attr = { .link_create.prog_fd = (u32)prog,
				.link_create.attach_type = BPF_PERF_EVENT };

	assert_int_equal(sys_bpf(BPF_LINK_CREATE, &attr), -EINVAL);
	assert_int_equal(bpf_link_register_target(BPF_PERF_EVENT, test_attach), 0);
	assert_int_equal(bpf_link_register_target(BPF_PERF_EVENT, test_attach), -EBUSY);
	assert_int_equal(bpf_link_register_target(__MAX_BPF_ATTACH_TYPE, test_attach), -EINVAL);
	assert_int_equal(bpf_link_register_target(BPF_PERF_EVENT, NULL), 0);
}

/* A program that tail-calls itself through a PROG_ARRAY it uses: the cycle breaks when
 * the last fd of the array closes. */
static void test_prog_array_cycle(void **state)
{
	int array = sys_map_create(BPF_MAP_TYPE_PROG_ARRAY, 4, 4, 2, 0);
	int other = load_ret7(BPF_PROG_TYPE_TRACEPOINT);
	char text[256];
	u32 key = 0, value, id;
	int prog;
	struct bpf_prog_info info = { 0 };

	snprintf(text, sizeof(text),
		 "r2 = map[fd:%d]\nr3 = 0\ncall bpf_tail_call\nr0 = 9\nexit", array);
	prog = sys_prog_load_asm(BPF_PROG_TYPE_KPROBE, text);
	assert_true(prog >= 0);
	get_prog_info(prog, &info);
	id = info.id;
	value = (u32)prog;
	assert_int_equal(sys_map_update(array, &key, &value, BPF_ANY), 0);
	assert_int_equal(sys_map_update(array, &key, &value, BPF_NOEXIST), -EINVAL);
	assert_int_equal(sys_map_lookup(array, &key, &value), 0);
	assert_int_equal(value, id); /* user space reads the program's id back */
	/* Another program type cannot join; an fd that is not a program neither. */
	key = 1;
	value = (u32)other;
	assert_int_equal(sys_map_update(array, &key, &value, BPF_ANY), -EINVAL);
	value = (u32)array;
	assert_int_equal(sys_map_update(array, &key, &value, BPF_ANY), -EINVAL);
	assert_int_equal(sys_map_lookup(array, &key, &value), -ENOENT);
	assert_int_equal(sys_map_delete(array, &key), -ENOENT);
	key = 2;
	assert_int_equal(sys_map_delete(array, &key), -E2BIG);
	/* Close the program's fd: the array still holds it. Close the array's: both go. */
	assert_int_equal(host_fd_close(prog), 0);
	assert_non_null(bpf_prog_find_by_id(id));
	assert_int_equal(host_fd_close(array), 0);
	assert_null(bpf_prog_find_by_id(id));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(test_attr_size_and_tail),
		LINK_TEST(test_unused_fields_must_be_zero),
		TEST(test_map_create_refusals),
		TEST(test_map_fds_and_permissions),
		TEST(test_map_wrong_sizes),
		TEST(test_map_ids_and_info),
		TEST(test_prog_load_refusals),
		TEST(test_prog_load_bad_programs),
		TEST(test_prog_load_bad_callback),
		TEST(test_sha1_vectors),
		TEST(test_prog_info_and_tag),
		TEST(test_prog_ids_and_lifetime),
		TEST(test_prog_test_run),
		TEST(test_stats),
		LINK_TEST(test_link_create),
		LINK_TEST(test_raw_tracepoint_open),
		TEST(test_no_attach_target),
		TEST(test_prog_array_cycle),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
