/*
 * bpf/syscall.c - the bpf() system call: __sys_bpf and the commands on maps, ids, info and
 * statistics. Programs are loaded in bpf/prog.c, test-run in bpf/test_run.c, attached in
 * bpf/link.c.
 *
 * __sys_bpf, as Linux's:
 *   1. size: at most a page; bytes past the union glass knows must be zero (-E2BIG), so a
 *      newer libbpf setting a field glass would ignore gets an error, not silence;
 *   2. copy min(size, sizeof(union bpf_attr)) bytes in, the rest zero (an older, shorter
 *      union from user space is fine);
 *   3. dispatch through bpf_cmds[], indexed by enum bpf_cmd. Each command first checks that
 *      the attr bytes after its last field are zero (CHECK_ATTR), then does its work.
 * Unknown commands give -EINVAL.
 *
 * File descriptors come from the environment (bpf_env_fd_install); when the last one of an
 * object closes, the environment calls bpf_fd_release, which drops that fd's reference.
 * A map fd carries read and write permission (BPF_F_RDONLY / BPF_F_WRONLY at creation, or
 * open_flags of MAP_GET_FD_BY_ID); a frozen map is read-only from here for everyone.
 *
 * Read next: bpf/map.c, bpf/prog.c.
 */
#include "bpf/ids.h"
#include "bpf/link.h"
#include "bpf/map.h"
#include "bpf/prog_aux.h"
#include "bpf/syscall.h"

/*
 * Is any byte of attr after field non-zero? Each command's last field, as in Linux 6.1
 * (BPF_*_LAST_FIELD): what lies after it belongs to other commands or to the future.
 */
#define CHECK_ATTR(attr, field)                                                                    \
	attr_tail_nonzero(attr, offsetof(union bpf_attr, field) + sizeof((attr)->field))

static bool attr_tail_nonzero(const union bpf_attr *attr, size_t end)
{
	const u8 *bytes = (const u8 *)attr;

	for (size_t i = end; i < sizeof(*attr); i++)
		if (bytes[i])
			return true;
	return false;
}

int bpf_check_uarg_tail_zero(const void *uaddr, size_t expected, size_t actual)
{
	const u8 *tail = (const u8 *)uaddr + expected;
	u8 chunk[64];

	if (actual > BPF_PAGE_SIZE)
		return -E2BIG;
	if (actual <= expected)
		return 0;
	for (size_t done = 0, rest = actual - expected; rest;) {
		size_t n = rest < sizeof(chunk) ? rest : sizeof(chunk);

		if (bpf_env_copy_from_user(chunk, tail + done, n))
			return -EFAULT;
		for (size_t i = 0; i < n; i++)
			if (chunk[i])
				return -E2BIG;
		done += n;
		rest -= n;
	}
	return 0;
}

static inline void *u64_to_ptr(u64 value)
{
	return (void *)(uintptr_t)value;
}

/* ---- file descriptors ---- */

/* The object behind a BPF_ENABLE_STATS fd: only its kind matters. */
static int stats_object;

void bpf_fd_release(enum bpf_fd_kind kind, void *object)
{
	switch (kind) {
	case BPF_FD_MAP:
		bpf_map_put_with_uref(object);
		break;
	case BPF_FD_PROG:
		bpf_prog_put(object);
		break;
	case BPF_FD_LINK:
		bpf_link_put(object);
		break;
	case BPF_FD_STATS:
		bpf_stats_enabled--;
		break;
	default:
		break;
	}
}

/* fd permissions of a map from BPF_F_RDONLY / BPF_F_WRONLY flags; -EINVAL for both. */
static int map_fd_mode(u32 flags)
{
	if ((flags & BPF_F_RDONLY) && (flags & BPF_F_WRONLY))
		return -EINVAL;
	if (flags & BPF_F_RDONLY)
		return BPF_FD_READ;
	if (flags & BPF_F_WRONLY)
		return BPF_FD_WRITE;
	return BPF_FD_READ | BPF_FD_WRITE;
}

/* A new fd for map, holding a new user reference. */
static int map_new_fd(struct bpf_map *map, u32 mode)
{
	int fd;

	bpf_map_inc_with_uref(map);
	fd = bpf_env_fd_install(BPF_FD_MAP, map, mode);
	if (fd < 0)
		bpf_map_put_with_uref(map);
	return fd;
}

/* The map of a syscall command and what this fd may do with it (a frozen map: no writes). */
static int map_from_fd(u32 ufd, struct bpf_map **map, u32 *perms)
{
	int err = bpf_map_fd_lookup((int)ufd, map, perms);

	if (!err && (*map)->frozen)
		*perms &= ~BPF_FD_WRITE;
	return err;
}

/* ---- BPF_MAP_CREATE ---- */

static int map_create(union bpf_attr *attr, union bpf_attr *uattr)
{
	const struct bpf_map_ops *ops;
	struct bpf_map *map;
	int mode, err, fd;

	if (CHECK_ATTR(attr, map_extra))
		return -EINVAL;
	if (attr->btf_vmlinux_value_type_id || attr->btf_key_type_id || attr->btf_value_type_id)
		return -EINVAL; /* glass has no BTF */
	if (attr->map_type != BPF_MAP_TYPE_BLOOM_FILTER && attr->map_extra)
		return -EINVAL;
	mode = map_fd_mode(attr->map_flags);
	if (mode < 0)
		return mode;
	if (attr->map_flags & BPF_F_NUMA_NODE && attr->numa_node)
		return -EINVAL; /* one memory node, number 0 */
	if (attr->map_ifindex)
		return -EINVAL; /* no device offload */

	ops = bpf_map_type_ops(attr->map_type);
	if (!ops)
		return -EINVAL;
	if (ops->map_alloc_check) {
		err = ops->map_alloc_check(attr);
		if (err)
			return err;
	}
	err = ops->map_alloc(attr, &map);
	if (err)
		return err;
	map->ops = ops;
	map->refcnt = 1;
	map->usercnt = 1;
	err = bpf_obj_name_cpy(map->name, attr->map_name, sizeof(attr->map_name));
	if (err < 0)
		goto fail;
	err = bpf_map_alloc_id(map);
	if (err)
		goto fail;
	fd = bpf_env_fd_install(BPF_FD_MAP, map, (u32)mode);
	if (fd < 0) {
		err = fd;
		goto fail;
	}
	return fd;
fail:
	bpf_map_put_with_uref(map);
	return err;
}

/* ---- element commands ---- */

/* A kernel copy of a user key (NULL for a NULL pointer). 0, -EFAULT, or -ENOMEM. */
static int copy_key(u64 ukey, u32 key_size, void **key)
{
	*key = NULL;
	if (!ukey)
		return 0;
	*key = bpf_env_alloc(key_size);
	if (!*key)
		return -ENOMEM;
	if (bpf_env_copy_from_user(*key, u64_to_ptr(ukey), key_size)) {
		bpf_env_free(*key);
		*key = NULL;
		return -EFAULT;
	}
	return 0;
}

static int map_lookup_elem(union bpf_attr *attr, union bpf_attr *uattr)
{
	struct bpf_map *map;
	void *key = NULL, *value = NULL;
	u32 perms, value_size;
	int err;

	if (CHECK_ATTR(attr, flags))
		return -EINVAL;
	if (attr->flags & ~(u64)BPF_F_LOCK)
		return -EINVAL;
	err = map_from_fd(attr->map_fd, &map, &perms);
	if (err)
		return err;
	if (!(perms & BPF_FD_READ))
		return -EPERM;
	if (attr->flags & BPF_F_LOCK)
		return -EINVAL; /* no bpf_spin_lock in any glass map value */
	err = copy_key(attr->key, map->key_size, &key);
	if (err)
		return err;
	value_size = bpf_map_value_size(map);
	value = bpf_env_alloc(value_size ? value_size : 1);
	if (!value) {
		err = -ENOMEM;
		goto out;
	}
	err = key ? bpf_map_copy_value(map, key, value) : -EFAULT;
	if (!err && bpf_env_copy_to_user(u64_to_ptr(attr->value), value, value_size))
		err = -EFAULT;
out:
	bpf_env_free(value);
	bpf_env_free(key);
	return err;
}

static int map_update_elem(union bpf_attr *attr, union bpf_attr *uattr)
{
	struct bpf_map *map;
	void *key = NULL, *value = NULL;
	u32 perms, value_size;
	int err;

	if (CHECK_ATTR(attr, flags))
		return -EINVAL;
	err = map_from_fd(attr->map_fd, &map, &perms);
	if (err)
		return err;
	if (!(perms & BPF_FD_WRITE))
		return -EPERM;
	if (attr->flags & BPF_F_LOCK)
		return -EINVAL;
	err = copy_key(attr->key, map->key_size, &key);
	if (err)
		return err;
	if (!key) {
		err = -EFAULT;
		goto out;
	}
	value_size = bpf_map_value_size(map);
	value = bpf_env_alloc(value_size ? value_size : 1);
	if (!value) {
		err = -ENOMEM;
		goto out;
	}
	if (bpf_env_copy_from_user(value, u64_to_ptr(attr->value), value_size)) {
		err = -EFAULT;
		goto out;
	}
	err = bpf_map_update_value(map, key, value, attr->flags);
out:
	bpf_env_free(value);
	bpf_env_free(key);
	return err;
}

static int map_delete_elem(union bpf_attr *attr, union bpf_attr *uattr)
{
	struct bpf_map *map;
	void *key;
	u32 perms;
	int err;

	if (CHECK_ATTR(attr, key))
		return -EINVAL;
	err = map_from_fd(attr->map_fd, &map, &perms);
	if (err)
		return err;
	if (!(perms & BPF_FD_WRITE))
		return -EPERM;
	err = copy_key(attr->key, map->key_size, &key);
	if (err)
		return err;
	err = key ? (int)map->ops->map_delete_elem(map, key) : -EFAULT;
	bpf_env_free(key);
	return err;
}

static int map_get_next_key(union bpf_attr *attr, union bpf_attr *uattr)
{
	struct bpf_map *map;
	void *key, *next_key;
	u32 perms;
	int err;

	if (CHECK_ATTR(attr, next_key))
		return -EINVAL;
	err = map_from_fd(attr->map_fd, &map, &perms);
	if (err)
		return err;
	if (!(perms & BPF_FD_READ))
		return -EPERM;
	err = copy_key(attr->key, map->key_size, &key);
	if (err)
		return err;
	next_key = bpf_env_alloc(map->key_size ? map->key_size : 1);
	if (!next_key) {
		bpf_env_free(key);
		return -ENOMEM;
	}
	err = map->ops->map_get_next_key(map, key, next_key);
	if (!err && bpf_env_copy_to_user(u64_to_ptr(attr->next_key), next_key, map->key_size))
		err = -EFAULT;
	bpf_env_free(next_key);
	bpf_env_free(key);
	return err;
}

static int map_lookup_and_delete_elem(union bpf_attr *attr, union bpf_attr *uattr)
{
	struct bpf_map *map;
	void *key = NULL, *value = NULL;
	u32 perms, value_size;
	int err;

	if (CHECK_ATTR(attr, flags))
		return -EINVAL;
	if (attr->flags & ~(u64)BPF_F_LOCK)
		return -EINVAL;
	err = map_from_fd(attr->map_fd, &map, &perms);
	if (err)
		return err;
	if (!(perms & BPF_FD_READ) || !(perms & BPF_FD_WRITE))
		return -EPERM;
	if (attr->flags & BPF_F_LOCK)
		return -EINVAL;
	if (!map->ops->map_lookup_and_delete)
		return -ENOTSUPP;
	err = copy_key(attr->key, map->key_size, &key);
	if (err)
		return err;
	value_size = bpf_map_value_size(map);
	value = bpf_env_alloc(value_size ? value_size : 1);
	if (!value) {
		err = -ENOMEM;
		goto out;
	}
	err = key ? map->ops->map_lookup_and_delete(map, key, value) : -EFAULT;
	if (!err && bpf_env_copy_to_user(u64_to_ptr(attr->value), value, value_size))
		err = -EFAULT;
out:
	bpf_env_free(value);
	bpf_env_free(key);
	return err;
}

/*
 * Freeze: from now on user space may only read the map (programs are not affected). As in
 * Linux, any fd of the map may freeze it, once: a second freeze is -EBUSY.
 */
static int map_freeze(union bpf_attr *attr, union bpf_attr *uattr)
{
	struct bpf_map *map;
	u32 perms;
	int err;

	if (CHECK_ATTR(attr, map_fd))
		return -EINVAL;
	err = map_from_fd(attr->map_fd, &map, &perms);
	if (err)
		return err;
	/* The verifier takes a frozen read-only map's values as constants: nobody may still
	 * be able to write them through a mapping. */
	if (map->frozen || map->writecnt)
		return -EBUSY;
	map->frozen = true;
	return 0;
}

/* ---- programs and links ---- */

static int prog_load(union bpf_attr *attr, union bpf_attr *uattr)
{
	if (CHECK_ATTR(attr, core_relo_rec_size))
		return -EINVAL;
	return bpf_prog_load(attr, uattr);
}

static int prog_test_run(union bpf_attr *attr, union bpf_attr *uattr)
{
	if (CHECK_ATTR(attr, test.batch_size))
		return -EINVAL;
	return bpf_prog_test_run(attr, uattr);
}

static int raw_tracepoint_open(union bpf_attr *attr, union bpf_attr *uattr)
{
	if (CHECK_ATTR(attr, raw_tracepoint.prog_fd))
		return -EINVAL;
	return bpf_raw_tracepoint_open(attr);
}

static int link_create(union bpf_attr *attr, union bpf_attr *uattr)
{
	if (CHECK_ATTR(attr, link_create.kprobe_multi.cookies))
		return -EINVAL;
	return bpf_link_create(attr);
}

/* ---- ids ---- */

enum obj_kind { OBJ_PROG, OBJ_MAP, OBJ_LINK };

static int obj_get_next_id(union bpf_attr *attr, union bpf_attr *uattr, enum obj_kind kind)
{
	u32 next_id = attr->start_id;
	void *obj;
	unsigned long flags;

	if (CHECK_ATTR(attr, next_id) || next_id >= 0x7fffffff)
		return -EINVAL;
	flags = bpf_env_irq_save();
	if (kind == OBJ_PROG)
		obj = bpf_prog_get_next_by_id(&next_id);
	else if (kind == OBJ_MAP)
		obj = bpf_map_get_next_by_id(&next_id);
	else
		obj = bpf_link_get_next_by_id(&next_id);
	bpf_env_irq_restore(flags);
	if (!obj)
		return -ENOENT;
	return bpf_env_copy_to_user(&uattr->next_id, &next_id, sizeof(next_id)) ? -EFAULT : 0;
}

static int prog_get_next_id(union bpf_attr *attr, union bpf_attr *uattr)
{
	return obj_get_next_id(attr, uattr, OBJ_PROG);
}

static int map_get_next_id(union bpf_attr *attr, union bpf_attr *uattr)
{
	return obj_get_next_id(attr, uattr, OBJ_MAP);
}

static int link_get_next_id(union bpf_attr *attr, union bpf_attr *uattr)
{
	return obj_get_next_id(attr, uattr, OBJ_LINK);
}

static int prog_get_fd_by_id(union bpf_attr *attr, union bpf_attr *uattr)
{
	struct bpf_prog *prog;
	int fd;

	if (CHECK_ATTR(attr, prog_id))
		return -EINVAL;
	prog = bpf_prog_find_by_id(attr->prog_id);
	if (!prog)
		return -ENOENT;
	bpf_prog_inc(prog);
	fd = bpf_env_fd_install(BPF_FD_PROG, prog, BPF_FD_READ | BPF_FD_WRITE);
	if (fd < 0)
		bpf_prog_put(prog);
	return fd;
}

static int map_get_fd_by_id(union bpf_attr *attr, union bpf_attr *uattr)
{
	struct bpf_map *map;
	int mode;

	if (CHECK_ATTR(attr, open_flags) || attr->open_flags & ~(BPF_F_RDONLY | BPF_F_WRONLY))
		return -EINVAL;
	mode = map_fd_mode(attr->open_flags);
	if (mode < 0)
		return mode;
	map = bpf_map_find_by_id(attr->map_id);
	if (!map)
		return -ENOENT;
	return map_new_fd(map, (u32)mode);
}

static int link_get_fd_by_id(union bpf_attr *attr, union bpf_attr *uattr)
{
	struct bpf_link *link;
	int fd;

	if (CHECK_ATTR(attr, link_id))
		return -EINVAL;
	link = bpf_link_find_by_id(attr->link_id);
	if (!link)
		return -ENOENT;
	bpf_link_inc(link);
	fd = bpf_env_fd_install(BPF_FD_LINK, link, BPF_FD_READ | BPF_FD_WRITE);
	if (fd < 0)
		bpf_link_put(link);
	return fd;
}

/* ---- BPF_OBJ_GET_INFO_BY_FD ---- */

static int map_get_info_by_fd(struct bpf_map *map, const union bpf_attr *attr,
			      union bpf_attr *uattr)
{
	struct bpf_map_info info;
	void *uinfo = u64_to_ptr(attr->info.info);
	u32 info_len = attr->info.info_len;
	int err;

	err = bpf_check_uarg_tail_zero(uinfo, sizeof(info), info_len);
	if (err)
		return err;
	if (info_len > sizeof(info))
		info_len = sizeof(info);
	memset(&info, 0, sizeof(info));
	info.type = map->map_type;
	info.id = map->id;
	info.key_size = map->key_size;
	info.value_size = map->value_size;
	info.max_entries = map->max_entries;
	info.map_flags = map->map_flags;
	info.map_extra = map->map_extra;
	memcpy(info.name, map->name, sizeof(info.name));
	if (bpf_env_copy_to_user(uinfo, &info, info_len) ||
	    bpf_env_copy_to_user(&uattr->info.info_len, &info_len, sizeof(info_len)))
		return -EFAULT;
	return 0;
}

static int obj_get_info_by_fd(union bpf_attr *attr, union bpf_attr *uattr)
{
	int ufd = (int)attr->info.bpf_fd;
	void *object;
	int err;

	if (CHECK_ATTR(attr, info.info))
		return -EINVAL;
	err = bpf_env_fd_lookup(ufd, BPF_FD_PROG, &object, NULL);
	if (err == -EBADF)
		return -EBADFD; /* Linux's answer for an fd that is not open */
	if (!err)
		return bpf_prog_get_info_by_fd(object, attr, uattr);
	if (!bpf_env_fd_lookup(ufd, BPF_FD_MAP, &object, NULL))
		return map_get_info_by_fd(object, attr, uattr);
	if (!bpf_env_fd_lookup(ufd, BPF_FD_LINK, &object, NULL))
		return bpf_link_get_info_by_fd(object, attr, uattr);
	return -EINVAL;
}

/* ---- BPF_ENABLE_STATS ---- */

static int enable_stats(union bpf_attr *attr, union bpf_attr *uattr)
{
	int fd;

	if (CHECK_ATTR(attr, enable_stats.type))
		return -EINVAL;
	if (attr->enable_stats.type != BPF_STATS_RUN_TIME)
		return -EINVAL;
	fd = bpf_env_fd_install(BPF_FD_STATS, &stats_object, BPF_FD_READ);
	if (fd >= 0)
		bpf_stats_enabled++;
	return fd;
}

/* ---- the dispatch ---- */

typedef int (*bpf_cmd_fn)(union bpf_attr *attr, union bpf_attr *uattr);

static const bpf_cmd_fn bpf_cmds[__MAX_BPF_CMD] = {
    [BPF_MAP_CREATE] = map_create,
    [BPF_MAP_LOOKUP_ELEM] = map_lookup_elem,
    [BPF_MAP_UPDATE_ELEM] = map_update_elem,
    [BPF_MAP_DELETE_ELEM] = map_delete_elem,
    [BPF_MAP_GET_NEXT_KEY] = map_get_next_key,
    [BPF_PROG_LOAD] = prog_load,
    [BPF_PROG_TEST_RUN] = prog_test_run,
    [BPF_PROG_GET_NEXT_ID] = prog_get_next_id,
    [BPF_MAP_GET_NEXT_ID] = map_get_next_id,
    [BPF_PROG_GET_FD_BY_ID] = prog_get_fd_by_id,
    [BPF_MAP_GET_FD_BY_ID] = map_get_fd_by_id,
    [BPF_OBJ_GET_INFO_BY_FD] = obj_get_info_by_fd,
    [BPF_RAW_TRACEPOINT_OPEN] = raw_tracepoint_open,
    [BPF_MAP_LOOKUP_AND_DELETE_ELEM] = map_lookup_and_delete_elem,
    [BPF_MAP_FREEZE] = map_freeze,
    [BPF_LINK_CREATE] = link_create,
    [BPF_LINK_GET_FD_BY_ID] = link_get_fd_by_id,
    [BPF_LINK_GET_NEXT_ID] = link_get_next_id,
    [BPF_ENABLE_STATS] = enable_stats,
};

int __sys_bpf(int cmd, void *uattr, u32 size)
{
	union bpf_attr attr;
	int err;

	err = bpf_check_uarg_tail_zero(uattr, sizeof(attr), size);
	if (err)
		return err;
	if (size > sizeof(attr))
		size = sizeof(attr);
	memset(&attr, 0, sizeof(attr));
	if (bpf_env_copy_from_user(&attr, uattr, size))
		return -EFAULT;
	if (cmd < 0 || cmd >= (int)ARRAY_SIZE(bpf_cmds) || !bpf_cmds[cmd])
		return -EINVAL;
	return bpf_cmds[cmd](&attr, uattr);
}
