/*
 * tests/host/lib/sys_bpf.h - thin wrappers over __sys_bpf for the host tests, the benchmarks
 * and bpfvm, in the spirit of libbpf's bpf.h: each fills a union bpf_attr and makes one call.
 * They return what bpf() returns: an fd, 0, or a negative errno.
 */
#ifndef TESTS_HOST_SYS_BPF_H
#define TESTS_HOST_SYS_BPF_H

#include "bpf/syscall.h"

int sys_bpf(int cmd, union bpf_attr *attr);
int sys_map_create(u32 type, u32 key_size, u32 value_size, u32 max_entries, u32 flags);
int sys_map_lookup(int fd, const void *key, void *value);
int sys_map_update(int fd, const void *key, const void *value, u64 flags);
int sys_map_delete(int fd, const void *key);
int sys_map_get_next_key(int fd, const void *key, void *next_key);
int sys_map_lookup_and_delete(int fd, const void *key, void *value);

/* Load a program of type from instructions; log (may be NULL) receives the verifier's log. */
int sys_prog_load(u32 type, const struct bpf_insn *insns, u32 len, const char *license, char *log,
		  u32 log_size);
/*
 * Assemble text (bpf/asm.h) and load it as a GPL program of type. A negative errno on
 * failure; an assembler error is printed with its line.
 */
int sys_prog_load_asm(u32 type, const char *text);
/* Run a program once per repeat on ctx (ctx_size bytes, may be 0): r0 (32 bits) in *retval. */
int sys_prog_test_run(int prog_fd, const void *ctx, u32 ctx_size, u32 repeat, u32 *retval,
		      u32 *duration);
int sys_obj_get_info(int fd, void *info, u32 *info_len);

#endif /* TESTS_HOST_SYS_BPF_H */
