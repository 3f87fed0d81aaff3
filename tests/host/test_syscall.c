/*
 * tests/host/test_syscall.c - the bpf() command layer through __sys_bpf, as user space calls
 * it: the attr size and tail rules, each command's unused-field check, bad and wrong-kind
 * fds, map permissions and freezing, map ids and info, links to a test attach target, and
 * reference counts (after every fd is closed nothing is left, checked by the teardown of
 * every test). Programs as objects (PROG_LOAD, info, tags, PROG_TEST_RUN, statistics) are in
 * test_prog.c.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#include "bpf/asm.h"
#include "bpf/link.h"
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
    {BPF_MAP_CREATE, offsetof(union bpf_attr, map_extra) + 8},
    {BPF_MAP_LOOKUP_ELEM, offsetof(union bpf_attr, flags) + 8},
    {BPF_MAP_UPDATE_ELEM, offsetof(union bpf_attr, flags) + 8},
    {BPF_MAP_DELETE_ELEM, offsetof(union bpf_attr, key) + 8},
    {BPF_MAP_GET_NEXT_KEY, offsetof(union bpf_attr, next_key) + 8},
    {BPF_MAP_LOOKUP_AND_DELETE_ELEM, offsetof(union bpf_attr, flags) + 8},
    {BPF_MAP_FREEZE, offsetof(union bpf_attr, map_fd) + 4},
    {BPF_PROG_TEST_RUN, offsetof(union bpf_attr, test.batch_size) + 4},
    {BPF_PROG_GET_NEXT_ID, offsetof(union bpf_attr, next_id) + 4},
    {BPF_MAP_GET_NEXT_ID, offsetof(union bpf_attr, next_id) + 4},
    {BPF_LINK_GET_NEXT_ID, offsetof(union bpf_attr, next_id) + 4},
    {BPF_PROG_GET_FD_BY_ID, offsetof(union bpf_attr, prog_id) + 4},
    {BPF_MAP_GET_FD_BY_ID, offsetof(union bpf_attr, open_flags) + 4},
    {BPF_LINK_GET_FD_BY_ID, offsetof(union bpf_attr, link_id) + 4},
    {BPF_OBJ_GET_INFO_BY_FD, offsetof(union bpf_attr, info.info) + 8},
    {BPF_RAW_TRACEPOINT_OPEN, offsetof(union bpf_attr, raw_tracepoint.prog_fd) + 4},
    {BPF_LINK_CREATE, offsetof(union bpf_attr, link_create.kprobe_multi.cookies) + 8},
    {BPF_ENABLE_STATS, offsetof(union bpf_attr, enable_stats.type) + 4},
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

#define LINK_TEST(fn)                                                                              \
	cmocka_unit_test_setup_teardown(fn, register_test_targets, unregister_test_targets)

/* Build an attr that cmd accepts; objects it needs are created here. */
static void valid_attr(int cmd, union bpf_attr *attr, u32 *key, u32 *value, u8 *ctx)
{
	int map = sys_map_create(BPF_MAP_TYPE_HASH, 4, 4, 8, 0);
	int prog = load_ret7(BPF_PROG_TYPE_KPROBE);
	union bpf_attr id_attr = {0};

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
	    .map_type = BPF_MAP_TYPE_ARRAY,
	    .key_size = 4,
	    .value_size = 4,
	    .max_entries = 1,
	};
	union bpf_attr a;

	assert_int_equal(sys_map_create(0, 4, 4, 1, 0), -EINVAL);
	assert_int_equal(sys_map_create(999, 4, 4, 1, 0), -EINVAL);
	assert_int_equal(sys_map_create(BPF_MAP_TYPE_LPM_TRIE, 8, 4, 1, BPF_F_NO_PREALLOC),
			 -EINVAL);
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
	attr = (union bpf_attr){.map_fd = (u32)rw, .key = U64(&k), .value = U64(&v), .flags = 8};
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
	attr = (union bpf_attr){.map_fd = (u32)rw};
	assert_int_equal(sys_bpf(BPF_MAP_FREEZE, &attr), 0);
	assert_int_equal(sys_map_update(rw, &k, &v, 0), -EPERM);
	assert_int_equal(sys_map_delete(rw, &k), -EPERM);
	assert_int_equal(sys_map_lookup(rw, &k, &v), 0);
	assert_int_equal(sys_bpf(BPF_MAP_FREEZE, &attr), -EBUSY);
	attr.map_fd = (u32)ro; /* a read-only fd may freeze too */
	assert_int_equal(sys_bpf(BPF_MAP_FREEZE, &attr), 0);
	assert_int_equal(sys_map_lookup(ro, &k, &v), -ENOENT);
	attr.map_fd = 77;
	assert_int_equal(sys_bpf(BPF_MAP_FREEZE, &attr), -EBADF);
}

/* Wrong key or value sizes cannot be expressed through pointers: the sizes come from the map.
 * What can be wrong is the pointer: a key the size of the map's key must be readable. */
static void test_map_wrong_sizes(void **state)
{
	int fd = sys_map_create(BPF_MAP_TYPE_HASH, 8, 16, 4, 0);
	u8 *key = bpf_env_alloc_pages(BPF_PAGE_SIZE), value[16] = {0};

	/* The key's last 4 bytes run past the end of a page that is followed by nothing. */
	assert_non_null(key);
	assert_int_equal(sys_map_update(fd, key + BPF_PAGE_SIZE - 8, value, 0), 0);
	assert_int_equal(sys_map_lookup(fd, key + BPF_PAGE_SIZE - 8, value), 0);
	bpf_env_free_pages(key, BPF_PAGE_SIZE);
}

static void test_map_ids_and_info(void **state)
{
	union bpf_attr attr = {
	    .map_type = BPF_MAP_TYPE_LRU_HASH,
	    .key_size = 8,
	    .value_size = 24,
	    .max_entries = 5,
	    .map_flags = BPF_F_NO_COMMON_LRU,
	};
	struct bpf_map_info info;
	u8 big[sizeof(info) + 8];
	u32 len, ids[2], n = 0;
	u64 k = 1, v[3] = {2};
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
	attr = (union bpf_attr){0};
	while (!sys_bpf(BPF_MAP_GET_NEXT_ID, &attr)) {
		if (attr.next_id == ids[0] || attr.next_id == ids[1])
			n++;
		attr.start_id = attr.next_id;
	}
	assert_int_equal(n, 2);
	attr = (union bpf_attr){.start_id = 0x7fffffff};
	assert_int_equal(sys_bpf(BPF_MAP_GET_NEXT_ID, &attr), -EINVAL);

	/* A second fd by id, read-only; flags it does not know; an id that is not there. */
	attr = (union bpf_attr){.map_id = ids[0], .open_flags = BPF_F_RDONLY};
	c = sys_bpf(BPF_MAP_GET_FD_BY_ID, &attr);
	assert_true(c >= 0 && c != a);
	assert_int_equal(sys_map_update(c, &k, v, 0), -EPERM);
	assert_int_equal(sys_map_update(a, &k, v, 0), 0);
	assert_int_equal(sys_map_lookup(c, &k, v), 0);
	attr.open_flags = BPF_F_MMAPABLE;
	assert_int_equal(sys_bpf(BPF_MAP_GET_FD_BY_ID, &attr), -EINVAL);
	attr.open_flags = BPF_F_RDONLY | BPF_F_WRONLY;
	assert_int_equal(sys_bpf(BPF_MAP_GET_FD_BY_ID, &attr), -EINVAL);
	attr = (union bpf_attr){.map_id = 0x7ffffff0};
	assert_int_equal(sys_bpf(BPF_MAP_GET_FD_BY_ID, &attr), -ENOENT);

	/* Closing one fd keeps the map; closing the other frees it and its id. */
	assert_int_equal(host_fd_close(a), 0);
	assert_int_equal(sys_map_lookup(c, &k, v), 0);
	assert_int_equal(host_fd_close(c), 0);
	attr = (union bpf_attr){.map_id = ids[0]};
	assert_int_equal(sys_bpf(BPF_MAP_GET_FD_BY_ID, &attr), -ENOENT);
	assert_int_equal(host_fd_close(c), -EBADF);
}

static void get_prog_info(int fd, struct bpf_prog_info *info)
{
	u32 len = sizeof(*info);

	assert_int_equal(sys_obj_get_info(fd, info, &len), 0);
}

/* ---- links ---- */

static void test_link_create(void **state)
{
	int prog = load_ret7(BPF_PROG_TYPE_KPROBE);
	int tp = load_ret7(BPF_PROG_TYPE_TRACEPOINT);
	union bpf_attr attr = {.link_create.prog_fd = (u32)prog,
			       .link_create.attach_type = BPF_PERF_EVENT,
			       .link_create.perf_event.bpf_cookie = 0x1234};
	struct bpf_link_info info;
	struct bpf_prog_info pinfo = {0};
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
	attr = (union bpf_attr){.start_id = link_id - 1};
	assert_int_equal(sys_bpf(BPF_LINK_GET_NEXT_ID, &attr), 0);
	assert_int_equal(attr.next_id, link_id);
	attr = (union bpf_attr){.link_id = link_id};
	again = sys_bpf(BPF_LINK_GET_FD_BY_ID, &attr);
	assert_true(again >= 0);
	attr = (union bpf_attr){.link_id = link_id + 100};
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
	union bpf_attr attr = {.raw_tracepoint.name = U64("sched_switch"),
			       .raw_tracepoint.prog_fd = (u32)prog};
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
	union bpf_attr attr = {.link_create.prog_fd = (u32)prog,
			       .link_create.attach_type = BPF_PERF_EVENT};

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
	struct bpf_prog_info info = {0};

	snprintf(text, sizeof(text), "r2 = map[fd:%d]\nr3 = 0\ncall bpf_tail_call\nr0 = 9\nexit",
		 array);
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
	    TEST(test_attr_size_and_tail),  LINK_TEST(test_unused_fields_must_be_zero),
	    TEST(test_map_create_refusals), TEST(test_map_fds_and_permissions),
	    TEST(test_map_wrong_sizes),	    TEST(test_map_ids_and_info),
	    LINK_TEST(test_link_create),    LINK_TEST(test_raw_tracepoint_open),
	    TEST(test_no_attach_target),    TEST(test_prog_array_cycle),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
