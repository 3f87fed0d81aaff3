/*
 * user/lib/bpf/bpf.h - one function per bpf() command that a loader or a tool needs, named as
 * in libbpf's <bpf/bpf.h>. Each fills the part of union bpf_attr its command reads and returns
 * what the kernel answers: an fd or 0, or -errno (errno is set too).
 */
#ifndef USER_LIB_BPF_BPF_H
#define USER_LIB_BPF_BPF_H

#include <stddef.h>

#include "bpf/uapi/bpf.h"

int bpf_map_create(enum bpf_map_type map_type, const char *map_name, __u32 key_size,
		   __u32 value_size, __u32 max_entries, __u32 map_flags);
int bpf_map_lookup_elem(int fd, const void *key, void *value);
int bpf_map_update_elem(int fd, const void *key, const void *value, __u64 flags);
int bpf_map_delete_elem(int fd, const void *key);
int bpf_map_get_next_key(int fd, const void *key, void *next_key);
int bpf_map_freeze(int fd);
/* BPF_OBJ_GET_INFO_BY_FD: *info_len bytes of struct bpf_{prog,map,link}_info into info. */
int bpf_obj_get_info_by_fd(int fd, void *info, __u32 *info_len);

/* BPF_PROG_LOAD; with log_size > 0 the verifier writes its log (level log_level) to log. */
int bpf_prog_load(enum bpf_prog_type prog_type, const char *prog_name, const char *license,
		  const struct bpf_insn *insns, size_t insn_cnt, __u32 kern_version, char *log,
		  __u32 log_size, __u32 log_level);

/* BPF_PROG_TEST_RUN: run the program repeat times (0: once) on a copy of ctx_in. */
struct bpf_test_run_opts {
	size_t sz; /* sizeof(struct bpf_test_run_opts) */
	const void *ctx_in;
	__u32 ctx_size_in;
	__u32 repeat;
	__u32 retval;	/* filled: r0 of the last run */
	__u32 duration; /* filled: ns per run */
};
int bpf_prog_test_run_opts(int prog_fd, struct bpf_test_run_opts *opts);

/* BPF_LINK_CREATE: the program on target_fd (a perf event fd for BPF_PERF_EVENT). */
int bpf_link_create(int prog_fd, int target_fd, enum bpf_attach_type attach_type);
/* BPF_RAW_TRACEPOINT_OPEN: the program on the raw tracepoint name; the link's fd. */
int bpf_raw_tracepoint_open(const char *name, int prog_fd);

#endif
