/*
 * user/lib/bpf/bpf.c - the bpf() commands, one function each (bpf.h).
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "user/lib/bpf/bpf.h"

/* bpf(cmd, attr) with -errno for an error, as libbpf 1.0 returns it. */
static int sys_bpf(enum bpf_cmd cmd, union bpf_attr *attr)
{
	int ret = bpf(cmd, attr, sizeof(*attr));

	return ret < 0 ? -errno : ret;
}

/* Copy a name into a BPF_OBJ_NAME_LEN field, cut short where it would not fit. */
static void set_name(char *field, const char *name)
{
	if (name)
		strncpy(field, name, BPF_OBJ_NAME_LEN - 1);
}

int bpf_map_create(enum bpf_map_type map_type, const char *map_name, __u32 key_size,
		   __u32 value_size, __u32 max_entries, __u32 map_flags)
{
	union bpf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.map_type = map_type;
	attr.key_size = key_size;
	attr.value_size = value_size;
	attr.max_entries = max_entries;
	attr.map_flags = map_flags;
	set_name(attr.map_name, map_name);
	return sys_bpf(BPF_MAP_CREATE, &attr);
}

/* The commands on one element: lookup, update, delete, next key. */
static int map_elem(enum bpf_cmd cmd, int fd, const void *key, const void *value, __u64 flags)
{
	union bpf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.map_fd = fd;
	attr.key = (unsigned long)key;
	attr.value = (unsigned long)value; /* next_key for BPF_MAP_GET_NEXT_KEY */
	attr.flags = flags;
	return sys_bpf(cmd, &attr);
}

int bpf_map_lookup_elem(int fd, const void *key, void *value)
{
	return map_elem(BPF_MAP_LOOKUP_ELEM, fd, key, value, 0);
}

int bpf_map_update_elem(int fd, const void *key, const void *value, __u64 flags)
{
	return map_elem(BPF_MAP_UPDATE_ELEM, fd, key, value, flags);
}

int bpf_map_delete_elem(int fd, const void *key)
{
	return map_elem(BPF_MAP_DELETE_ELEM, fd, key, NULL, 0);
}

int bpf_map_get_next_key(int fd, const void *key, void *next_key)
{
	return map_elem(BPF_MAP_GET_NEXT_KEY, fd, key, next_key, 0);
}

int bpf_map_freeze(int fd)
{
	union bpf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.map_fd = fd;
	return sys_bpf(BPF_MAP_FREEZE, &attr);
}

int bpf_obj_get_info_by_fd(int fd, void *info, __u32 *info_len)
{
	union bpf_attr attr;
	int err;

	memset(&attr, 0, sizeof(attr));
	attr.info.bpf_fd = fd;
	attr.info.info_len = *info_len;
	attr.info.info = (unsigned long)info;
	err = sys_bpf(BPF_OBJ_GET_INFO_BY_FD, &attr);
	if (!err)
		*info_len = attr.info.info_len;
	return err;
}

int bpf_prog_load(enum bpf_prog_type prog_type, const char *prog_name, const char *license,
		  const struct bpf_insn *insns, size_t insn_cnt, __u32 kern_version, char *log,
		  __u32 log_size, __u32 log_level)
{
	union bpf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.prog_type = prog_type;
	attr.insns = (unsigned long)insns;
	attr.insn_cnt = (__u32)insn_cnt;
	attr.license = (unsigned long)license;
	attr.kern_version = kern_version;
	set_name(attr.prog_name, prog_name);
	if (log && log_size) {
		log[0] = '\0';
		attr.log_buf = (unsigned long)log;
		attr.log_size = log_size;
		attr.log_level = log_level;
	}
	return sys_bpf(BPF_PROG_LOAD, &attr);
}

int bpf_prog_test_run_opts(int prog_fd, struct bpf_test_run_opts *opts)
{
	union bpf_attr attr;
	int err;

	if (!opts || opts->sz != sizeof(*opts))
		return -EINVAL;
	memset(&attr, 0, sizeof(attr));
	attr.test.prog_fd = prog_fd;
	attr.test.ctx_in = (unsigned long)opts->ctx_in;
	attr.test.ctx_size_in = opts->ctx_size_in;
	attr.test.repeat = opts->repeat;
	err = sys_bpf(BPF_PROG_TEST_RUN, &attr);
	if (!err) {
		opts->retval = attr.test.retval;
		opts->duration = attr.test.duration;
	}
	return err;
}

int bpf_link_create(int prog_fd, int target_fd, enum bpf_attach_type attach_type)
{
	union bpf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.link_create.prog_fd = prog_fd;
	attr.link_create.target_fd = target_fd;
	attr.link_create.attach_type = attach_type;
	return sys_bpf(BPF_LINK_CREATE, &attr);
}

int bpf_raw_tracepoint_open(const char *name, int prog_fd)
{
	union bpf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.raw_tracepoint.name = (unsigned long)name;
	attr.raw_tracepoint.prog_fd = prog_fd;
	return sys_bpf(BPF_RAW_TRACEPOINT_OPEN, &attr);
}
