/*
 * tests/host/lib/sys_bpf.c - the wrappers of sys_bpf.h. On the host, "user memory" is this
 * process's memory, so the attr and every buffer are plain pointers.
 */
#include <stdio.h>

#include "bpf/asm.h"
#include "tests/host/lib/sys_bpf.h"

static inline u64 ptr_to_u64(const void *ptr)
{
	return (u64)(uintptr_t)ptr;
}

int sys_bpf(int cmd, union bpf_attr *attr)
{
	return __sys_bpf(cmd, attr, sizeof(*attr));
}

int sys_map_create(u32 type, u32 key_size, u32 value_size, u32 max_entries, u32 flags)
{
	union bpf_attr attr = {
	    .map_type = type,
	    .key_size = key_size,
	    .value_size = value_size,
	    .max_entries = max_entries,
	    .map_flags = flags,
	};

	return sys_bpf(BPF_MAP_CREATE, &attr);
}

int sys_map_lookup(int fd, const void *key, void *value)
{
	union bpf_attr attr = {
	    .map_fd = (u32)fd, .key = ptr_to_u64(key), .value = ptr_to_u64(value)};

	return sys_bpf(BPF_MAP_LOOKUP_ELEM, &attr);
}

int sys_map_update(int fd, const void *key, const void *value, u64 flags)
{
	union bpf_attr attr = {
	    .map_fd = (u32)fd,
	    .key = ptr_to_u64(key),
	    .value = ptr_to_u64(value),
	    .flags = flags,
	};

	return sys_bpf(BPF_MAP_UPDATE_ELEM, &attr);
}

int sys_map_delete(int fd, const void *key)
{
	union bpf_attr attr = {.map_fd = (u32)fd, .key = ptr_to_u64(key)};

	return sys_bpf(BPF_MAP_DELETE_ELEM, &attr);
}

int sys_map_get_next_key(int fd, const void *key, void *next_key)
{
	union bpf_attr attr = {
	    .map_fd = (u32)fd,
	    .key = ptr_to_u64(key),
	    .next_key = ptr_to_u64(next_key),
	};

	return sys_bpf(BPF_MAP_GET_NEXT_KEY, &attr);
}

int sys_map_lookup_and_delete(int fd, const void *key, void *value)
{
	union bpf_attr attr = {
	    .map_fd = (u32)fd, .key = ptr_to_u64(key), .value = ptr_to_u64(value)};

	return sys_bpf(BPF_MAP_LOOKUP_AND_DELETE_ELEM, &attr);
}

int sys_prog_load(u32 type, const struct bpf_insn *insns, u32 len, const char *license, char *log,
		  u32 log_size)
{
	union bpf_attr attr = {
	    .prog_type = type,
	    .insn_cnt = len,
	    .insns = ptr_to_u64(insns),
	    .license = ptr_to_u64(license),
	};

	if (log && log_size) {
		log[0] = '\0';
		attr.log_buf = ptr_to_u64(log);
		attr.log_size = log_size;
		attr.log_level = 1;
	}
	return sys_bpf(BPF_PROG_LOAD, &attr);
}

int sys_prog_load_asm(u32 type, const char *text)
{
	struct bpf_insn *insns;
	char err[256], log[1024];
	u32 len;
	int fd;

	fd = bpf_asm(text, &insns, &len, err, sizeof(err));
	if (fd) {
		fprintf(stderr, "assembler: %s\n", err);
		return fd;
	}
	/* As libbpf does: without a log first, then again with one to show why it failed (a
	 * level-1 log may not fit in the buffer, which alone would make the load fail). */
	fd = sys_prog_load(type, insns, len, "GPL", NULL, 0);
	if (fd < 0 && sys_prog_load(type, insns, len, "GPL", log, sizeof(log)) < 0 && log[0])
		fprintf(stderr, "load: %s", log);
	bpf_env_free(insns);
	return fd;
}

int sys_prog_test_run(int prog_fd, const void *ctx, u32 ctx_size, u32 repeat, u32 *retval,
		      u32 *duration)
{
	union bpf_attr attr = {
	    .test.prog_fd = (u32)prog_fd,
	    .test.ctx_in = ptr_to_u64(ctx),
	    .test.ctx_size_in = ctx_size,
	    .test.repeat = repeat,
	};
	int err = sys_bpf(BPF_PROG_TEST_RUN, &attr);

	if (!err) {
		if (retval)
			*retval = attr.test.retval;
		if (duration)
			*duration = attr.test.duration;
	}
	return err;
}

int sys_obj_get_info(int fd, void *info, u32 *info_len)
{
	union bpf_attr attr = {
	    .info.bpf_fd = (u32)fd,
	    .info.info_len = *info_len,
	    .info.info = ptr_to_u64(info),
	};
	int err = sys_bpf(BPF_OBJ_GET_INFO_BY_FD, &attr);

	if (!err)
		*info_len = attr.info.info_len;
	return err;
}
