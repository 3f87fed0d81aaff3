/*
 * tests/host/lib/uapi_list.h - the names test_uapi.c compares between glass's bpf/uapi/bpf.h and
 * the system's <linux/bpf.h> (linux-libc-dev). Included twice, by two translation units that
 * each see only one of the headers: uapi_linux.c (Linux's) and test_uapi.c (glass's). Each
 * expands these lists with an X of its own:
 *   UAPI_VALUES(X): X(name), an enum value or constant
 *   UAPI_FIELDS(X): X(type, member), a field: its offset and size
 *   UAPI_SIZES(X):  X(type), the size of a whole struct or union
 * Names glass has and this Linux lacks (those Linux added after 6.1) are not listed.
 */
#ifndef TESTS_HOST_UAPI_LIST_H
#define TESTS_HOST_UAPI_LIST_H

#include <stddef.h>

struct uapi_value {
	const char *name;
	unsigned long long value;
};

struct uapi_field {
	const char *type;
	const char *member;
	size_t offset;
	size_t size;
};

struct uapi_size {
	const char *type;
	size_t size;
};

/* Linux's side, from uapi_linux.c: the lists below evaluated against <linux/bpf.h>. */
extern const struct uapi_value uapi_linux_values[];
extern const size_t uapi_linux_nr_values;
extern const struct uapi_field uapi_linux_fields[];
extern const size_t uapi_linux_nr_fields;
extern const struct uapi_size uapi_linux_sizes[];
extern const size_t uapi_linux_nr_sizes;
/* Every helper of Linux's __BPF_FUNC_MAPPER, by name, and __BPF_FUNC_MAX_ID. */
extern const struct uapi_value uapi_linux_helpers[];
extern const size_t uapi_linux_nr_helpers;
extern const unsigned long long uapi_linux_func_max_id;
/* Bytes of a zeroed struct bpf_prog_info with only gpl_compatible set (a bit field). */
void uapi_linux_gpl_compatible_image(unsigned char *out, size_t size);

#define UAPI_VALUES(X) \
	X(BPF_MAP_CREATE) \
	X(BPF_MAP_LOOKUP_ELEM) \
	X(BPF_MAP_UPDATE_ELEM) \
	X(BPF_MAP_DELETE_ELEM) \
	X(BPF_MAP_GET_NEXT_KEY) \
	X(BPF_PROG_LOAD) \
	X(BPF_OBJ_PIN) \
	X(BPF_OBJ_GET) \
	X(BPF_PROG_ATTACH) \
	X(BPF_PROG_DETACH) \
	X(BPF_PROG_TEST_RUN) \
	X(BPF_PROG_RUN) \
	X(BPF_PROG_GET_NEXT_ID) \
	X(BPF_MAP_GET_NEXT_ID) \
	X(BPF_PROG_GET_FD_BY_ID) \
	X(BPF_MAP_GET_FD_BY_ID) \
	X(BPF_OBJ_GET_INFO_BY_FD) \
	X(BPF_PROG_QUERY) \
	X(BPF_RAW_TRACEPOINT_OPEN) \
	X(BPF_BTF_LOAD) \
	X(BPF_BTF_GET_FD_BY_ID) \
	X(BPF_TASK_FD_QUERY) \
	X(BPF_MAP_LOOKUP_AND_DELETE_ELEM) \
	X(BPF_MAP_FREEZE) \
	X(BPF_BTF_GET_NEXT_ID) \
	X(BPF_MAP_LOOKUP_BATCH) \
	X(BPF_MAP_LOOKUP_AND_DELETE_BATCH) \
	X(BPF_MAP_UPDATE_BATCH) \
	X(BPF_MAP_DELETE_BATCH) \
	X(BPF_LINK_CREATE) \
	X(BPF_LINK_UPDATE) \
	X(BPF_LINK_GET_FD_BY_ID) \
	X(BPF_LINK_GET_NEXT_ID) \
	X(BPF_ENABLE_STATS) \
	X(BPF_ITER_CREATE) \
	X(BPF_LINK_DETACH) \
	X(BPF_PROG_BIND_MAP) \
	X(BPF_MAP_TYPE_UNSPEC) \
	X(BPF_MAP_TYPE_HASH) \
	X(BPF_MAP_TYPE_ARRAY) \
	X(BPF_MAP_TYPE_PROG_ARRAY) \
	X(BPF_MAP_TYPE_PERF_EVENT_ARRAY) \
	X(BPF_MAP_TYPE_PERCPU_HASH) \
	X(BPF_MAP_TYPE_PERCPU_ARRAY) \
	X(BPF_MAP_TYPE_STACK_TRACE) \
	X(BPF_MAP_TYPE_CGROUP_ARRAY) \
	X(BPF_MAP_TYPE_LRU_HASH) \
	X(BPF_MAP_TYPE_LRU_PERCPU_HASH) \
	X(BPF_MAP_TYPE_LPM_TRIE) \
	X(BPF_MAP_TYPE_ARRAY_OF_MAPS) \
	X(BPF_MAP_TYPE_HASH_OF_MAPS) \
	X(BPF_MAP_TYPE_DEVMAP) \
	X(BPF_MAP_TYPE_SOCKMAP) \
	X(BPF_MAP_TYPE_CPUMAP) \
	X(BPF_MAP_TYPE_XSKMAP) \
	X(BPF_MAP_TYPE_SOCKHASH) \
	X(BPF_MAP_TYPE_CGROUP_STORAGE) \
	X(BPF_MAP_TYPE_REUSEPORT_SOCKARRAY) \
	X(BPF_MAP_TYPE_PERCPU_CGROUP_STORAGE) \
	X(BPF_MAP_TYPE_QUEUE) \
	X(BPF_MAP_TYPE_STACK) \
	X(BPF_MAP_TYPE_SK_STORAGE) \
	X(BPF_MAP_TYPE_DEVMAP_HASH) \
	X(BPF_MAP_TYPE_STRUCT_OPS) \
	X(BPF_MAP_TYPE_RINGBUF) \
	X(BPF_MAP_TYPE_INODE_STORAGE) \
	X(BPF_MAP_TYPE_TASK_STORAGE) \
	X(BPF_MAP_TYPE_BLOOM_FILTER) \
	X(BPF_MAP_TYPE_USER_RINGBUF) \
	X(BPF_PROG_TYPE_UNSPEC) \
	X(BPF_PROG_TYPE_SOCKET_FILTER) \
	X(BPF_PROG_TYPE_KPROBE) \
	X(BPF_PROG_TYPE_SCHED_CLS) \
	X(BPF_PROG_TYPE_SCHED_ACT) \
	X(BPF_PROG_TYPE_TRACEPOINT) \
	X(BPF_PROG_TYPE_XDP) \
	X(BPF_PROG_TYPE_PERF_EVENT) \
	X(BPF_PROG_TYPE_CGROUP_SKB) \
	X(BPF_PROG_TYPE_CGROUP_SOCK) \
	X(BPF_PROG_TYPE_LWT_IN) \
	X(BPF_PROG_TYPE_LWT_OUT) \
	X(BPF_PROG_TYPE_LWT_XMIT) \
	X(BPF_PROG_TYPE_SOCK_OPS) \
	X(BPF_PROG_TYPE_SK_SKB) \
	X(BPF_PROG_TYPE_CGROUP_DEVICE) \
	X(BPF_PROG_TYPE_SK_MSG) \
	X(BPF_PROG_TYPE_RAW_TRACEPOINT) \
	X(BPF_PROG_TYPE_CGROUP_SOCK_ADDR) \
	X(BPF_PROG_TYPE_LWT_SEG6LOCAL) \
	X(BPF_PROG_TYPE_LIRC_MODE2) \
	X(BPF_PROG_TYPE_SK_REUSEPORT) \
	X(BPF_PROG_TYPE_FLOW_DISSECTOR) \
	X(BPF_PROG_TYPE_CGROUP_SYSCTL) \
	X(BPF_PROG_TYPE_RAW_TRACEPOINT_WRITABLE) \
	X(BPF_PROG_TYPE_CGROUP_SOCKOPT) \
	X(BPF_PROG_TYPE_TRACING) \
	X(BPF_PROG_TYPE_STRUCT_OPS) \
	X(BPF_PROG_TYPE_EXT) \
	X(BPF_PROG_TYPE_LSM) \
	X(BPF_PROG_TYPE_SK_LOOKUP) \
	X(BPF_PROG_TYPE_SYSCALL) \
	X(BPF_CGROUP_INET_INGRESS) \
	X(BPF_CGROUP_INET_EGRESS) \
	X(BPF_CGROUP_INET_SOCK_CREATE) \
	X(BPF_CGROUP_SOCK_OPS) \
	X(BPF_SK_SKB_STREAM_PARSER) \
	X(BPF_SK_SKB_STREAM_VERDICT) \
	X(BPF_CGROUP_DEVICE) \
	X(BPF_SK_MSG_VERDICT) \
	X(BPF_CGROUP_INET4_BIND) \
	X(BPF_CGROUP_INET6_BIND) \
	X(BPF_CGROUP_INET4_CONNECT) \
	X(BPF_CGROUP_INET6_CONNECT) \
	X(BPF_CGROUP_INET4_POST_BIND) \
	X(BPF_CGROUP_INET6_POST_BIND) \
	X(BPF_CGROUP_UDP4_SENDMSG) \
	X(BPF_CGROUP_UDP6_SENDMSG) \
	X(BPF_LIRC_MODE2) \
	X(BPF_FLOW_DISSECTOR) \
	X(BPF_CGROUP_SYSCTL) \
	X(BPF_CGROUP_UDP4_RECVMSG) \
	X(BPF_CGROUP_UDP6_RECVMSG) \
	X(BPF_CGROUP_GETSOCKOPT) \
	X(BPF_CGROUP_SETSOCKOPT) \
	X(BPF_TRACE_RAW_TP) \
	X(BPF_TRACE_FENTRY) \
	X(BPF_TRACE_FEXIT) \
	X(BPF_MODIFY_RETURN) \
	X(BPF_LSM_MAC) \
	X(BPF_TRACE_ITER) \
	X(BPF_CGROUP_INET4_GETPEERNAME) \
	X(BPF_CGROUP_INET6_GETPEERNAME) \
	X(BPF_CGROUP_INET4_GETSOCKNAME) \
	X(BPF_CGROUP_INET6_GETSOCKNAME) \
	X(BPF_XDP_DEVMAP) \
	X(BPF_CGROUP_INET_SOCK_RELEASE) \
	X(BPF_XDP_CPUMAP) \
	X(BPF_SK_LOOKUP) \
	X(BPF_XDP) \
	X(BPF_SK_SKB_VERDICT) \
	X(BPF_SK_REUSEPORT_SELECT) \
	X(BPF_SK_REUSEPORT_SELECT_OR_MIGRATE) \
	X(BPF_PERF_EVENT) \
	X(BPF_TRACE_KPROBE_MULTI) \
	X(BPF_LSM_CGROUP) \
	X(BPF_LINK_TYPE_UNSPEC) \
	X(BPF_LINK_TYPE_RAW_TRACEPOINT) \
	X(BPF_LINK_TYPE_TRACING) \
	X(BPF_LINK_TYPE_CGROUP) \
	X(BPF_LINK_TYPE_ITER) \
	X(BPF_LINK_TYPE_NETNS) \
	X(BPF_LINK_TYPE_XDP) \
	X(BPF_LINK_TYPE_PERF_EVENT) \
	X(BPF_LINK_TYPE_KPROBE_MULTI) \
	X(BPF_LINK_TYPE_STRUCT_OPS) \
	X(BPF_STATS_RUN_TIME) \
	X(BPF_LD) \
	X(BPF_LDX) \
	X(BPF_ST) \
	X(BPF_STX) \
	X(BPF_ALU) \
	X(BPF_JMP) \
	X(BPF_RET) \
	X(BPF_MISC) \
	X(BPF_JMP32) \
	X(BPF_ALU64) \
	X(BPF_W) \
	X(BPF_H) \
	X(BPF_B) \
	X(BPF_DW) \
	X(BPF_IMM) \
	X(BPF_ABS) \
	X(BPF_IND) \
	X(BPF_MEM) \
	X(BPF_LEN) \
	X(BPF_MSH) \
	X(BPF_ATOMIC) \
	X(BPF_XADD) \
	X(BPF_ADD) \
	X(BPF_SUB) \
	X(BPF_MUL) \
	X(BPF_DIV) \
	X(BPF_OR) \
	X(BPF_AND) \
	X(BPF_LSH) \
	X(BPF_RSH) \
	X(BPF_NEG) \
	X(BPF_MOD) \
	X(BPF_XOR) \
	X(BPF_MOV) \
	X(BPF_ARSH) \
	X(BPF_END) \
	X(BPF_TO_LE) \
	X(BPF_TO_BE) \
	X(BPF_FROM_LE) \
	X(BPF_FROM_BE) \
	X(BPF_K) \
	X(BPF_X) \
	X(BPF_JA) \
	X(BPF_JEQ) \
	X(BPF_JGT) \
	X(BPF_JGE) \
	X(BPF_JSET) \
	X(BPF_JNE) \
	X(BPF_JLT) \
	X(BPF_JLE) \
	X(BPF_JSGT) \
	X(BPF_JSGE) \
	X(BPF_JSLT) \
	X(BPF_JSLE) \
	X(BPF_CALL) \
	X(BPF_EXIT) \
	X(BPF_FETCH) \
	X(BPF_XCHG) \
	X(BPF_CMPXCHG) \
	X(MAX_BPF_REG) \
	X(BPF_MAXINSNS) \
	X(BPF_REG_0) \
	X(BPF_REG_1) \
	X(BPF_REG_2) \
	X(BPF_REG_3) \
	X(BPF_REG_4) \
	X(BPF_REG_5) \
	X(BPF_REG_6) \
	X(BPF_REG_7) \
	X(BPF_REG_8) \
	X(BPF_REG_9) \
	X(BPF_REG_10) \
	X(BPF_PSEUDO_MAP_FD) \
	X(BPF_PSEUDO_MAP_IDX) \
	X(BPF_PSEUDO_MAP_VALUE) \
	X(BPF_PSEUDO_MAP_IDX_VALUE) \
	X(BPF_PSEUDO_BTF_ID) \
	X(BPF_PSEUDO_FUNC) \
	X(BPF_PSEUDO_CALL) \
	X(BPF_PSEUDO_KFUNC_CALL) \
	X(BPF_ANY) \
	X(BPF_NOEXIST) \
	X(BPF_EXIST) \
	X(BPF_F_LOCK) \
	X(BPF_F_NO_PREALLOC) \
	X(BPF_F_NO_COMMON_LRU) \
	X(BPF_F_NUMA_NODE) \
	X(BPF_F_RDONLY) \
	X(BPF_F_WRONLY) \
	X(BPF_F_STACK_BUILD_ID) \
	X(BPF_F_ZERO_SEED) \
	X(BPF_F_RDONLY_PROG) \
	X(BPF_F_WRONLY_PROG) \
	X(BPF_F_CLONE) \
	X(BPF_F_MMAPABLE) \
	X(BPF_F_PRESERVE_ELEMS) \
	X(BPF_F_INNER_MAP) \
	X(BPF_F_ALLOW_OVERRIDE) \
	X(BPF_F_ALLOW_MULTI) \
	X(BPF_F_REPLACE) \
	X(BPF_F_STRICT_ALIGNMENT) \
	X(BPF_F_ANY_ALIGNMENT) \
	X(BPF_F_TEST_RND_HI32) \
	X(BPF_F_TEST_STATE_FREQ) \
	X(BPF_F_SLEEPABLE) \
	X(BPF_F_XDP_HAS_FRAGS) \
	X(BPF_F_KPROBE_MULTI_RETURN) \
	X(BPF_F_QUERY_EFFECTIVE) \
	X(BPF_F_TEST_RUN_ON_CPU) \
	X(BPF_F_TEST_XDP_LIVE_FRAMES) \
	X(BPF_F_TEST_SKB_CHECKSUM_COMPLETE) \
	X(BPF_OBJ_NAME_LEN) \
	X(BPF_TAG_SIZE) \
	X(BPF_BUILD_ID_SIZE) \
	X(BPF_STACK_BUILD_ID_EMPTY) \
	X(BPF_STACK_BUILD_ID_VALID) \
	X(BPF_STACK_BUILD_ID_IP) \
	X(BPF_F_SKIP_FIELD_MASK) \
	X(BPF_F_USER_STACK) \
	X(BPF_F_FAST_STACK_CMP) \
	X(BPF_F_REUSE_STACKID) \
	X(BPF_F_USER_BUILD_ID) \
	X(BPF_F_INDEX_MASK) \
	X(BPF_F_CURRENT_CPU) \
	X(BPF_F_CTXLEN_MASK) \
	X(BPF_RB_NO_WAKEUP) \
	X(BPF_RB_FORCE_WAKEUP) \
	X(BPF_RB_AVAIL_DATA) \
	X(BPF_RB_RING_SIZE) \
	X(BPF_RB_CONS_POS) \
	X(BPF_RB_PROD_POS) \
	X(BPF_RINGBUF_BUSY_BIT) \
	X(BPF_RINGBUF_DISCARD_BIT) \
	X(BPF_RINGBUF_HDR_SZ) \
	/* end of values */

#define UAPI_FIELDS(X) \
	X(union bpf_attr, map_type) \
	X(union bpf_attr, key_size) \
	X(union bpf_attr, value_size) \
	X(union bpf_attr, max_entries) \
	X(union bpf_attr, map_flags) \
	X(union bpf_attr, inner_map_fd) \
	X(union bpf_attr, numa_node) \
	X(union bpf_attr, map_name) \
	X(union bpf_attr, map_ifindex) \
	X(union bpf_attr, btf_fd) \
	X(union bpf_attr, btf_key_type_id) \
	X(union bpf_attr, btf_value_type_id) \
	X(union bpf_attr, btf_vmlinux_value_type_id) \
	X(union bpf_attr, map_extra) \
	X(union bpf_attr, map_fd) \
	X(union bpf_attr, key) \
	X(union bpf_attr, value) \
	X(union bpf_attr, next_key) \
	X(union bpf_attr, flags) \
	X(union bpf_attr, batch.in_batch) \
	X(union bpf_attr, batch.out_batch) \
	X(union bpf_attr, batch.keys) \
	X(union bpf_attr, batch.values) \
	X(union bpf_attr, batch.count) \
	X(union bpf_attr, batch.map_fd) \
	X(union bpf_attr, batch.elem_flags) \
	X(union bpf_attr, batch.flags) \
	X(union bpf_attr, prog_type) \
	X(union bpf_attr, insn_cnt) \
	X(union bpf_attr, insns) \
	X(union bpf_attr, license) \
	X(union bpf_attr, log_level) \
	X(union bpf_attr, log_size) \
	X(union bpf_attr, log_buf) \
	X(union bpf_attr, kern_version) \
	X(union bpf_attr, prog_flags) \
	X(union bpf_attr, prog_name) \
	X(union bpf_attr, prog_ifindex) \
	X(union bpf_attr, expected_attach_type) \
	X(union bpf_attr, prog_btf_fd) \
	X(union bpf_attr, func_info_rec_size) \
	X(union bpf_attr, func_info) \
	X(union bpf_attr, func_info_cnt) \
	X(union bpf_attr, line_info_rec_size) \
	X(union bpf_attr, line_info) \
	X(union bpf_attr, line_info_cnt) \
	X(union bpf_attr, attach_btf_id) \
	X(union bpf_attr, attach_prog_fd) \
	X(union bpf_attr, attach_btf_obj_fd) \
	X(union bpf_attr, core_relo_cnt) \
	X(union bpf_attr, fd_array) \
	X(union bpf_attr, core_relos) \
	X(union bpf_attr, core_relo_rec_size) \
	X(union bpf_attr, pathname) \
	X(union bpf_attr, bpf_fd) \
	X(union bpf_attr, file_flags) \
	X(union bpf_attr, target_fd) \
	X(union bpf_attr, attach_bpf_fd) \
	X(union bpf_attr, attach_type) \
	X(union bpf_attr, attach_flags) \
	X(union bpf_attr, replace_bpf_fd) \
	X(union bpf_attr, test.prog_fd) \
	X(union bpf_attr, test.retval) \
	X(union bpf_attr, test.data_size_in) \
	X(union bpf_attr, test.data_size_out) \
	X(union bpf_attr, test.data_in) \
	X(union bpf_attr, test.data_out) \
	X(union bpf_attr, test.repeat) \
	X(union bpf_attr, test.duration) \
	X(union bpf_attr, test.ctx_size_in) \
	X(union bpf_attr, test.ctx_size_out) \
	X(union bpf_attr, test.ctx_in) \
	X(union bpf_attr, test.ctx_out) \
	X(union bpf_attr, test.flags) \
	X(union bpf_attr, test.cpu) \
	X(union bpf_attr, test.batch_size) \
	X(union bpf_attr, start_id) \
	X(union bpf_attr, prog_id) \
	X(union bpf_attr, map_id) \
	X(union bpf_attr, btf_id) \
	X(union bpf_attr, link_id) \
	X(union bpf_attr, next_id) \
	X(union bpf_attr, open_flags) \
	X(union bpf_attr, info.bpf_fd) \
	X(union bpf_attr, info.info_len) \
	X(union bpf_attr, info.info) \
	X(union bpf_attr, query.target_fd) \
	X(union bpf_attr, query.attach_type) \
	X(union bpf_attr, query.query_flags) \
	X(union bpf_attr, query.attach_flags) \
	X(union bpf_attr, query.prog_ids) \
	X(union bpf_attr, query.prog_cnt) \
	X(union bpf_attr, query.prog_attach_flags) \
	X(union bpf_attr, raw_tracepoint.name) \
	X(union bpf_attr, raw_tracepoint.prog_fd) \
	X(union bpf_attr, btf) \
	X(union bpf_attr, btf_log_buf) \
	X(union bpf_attr, btf_size) \
	X(union bpf_attr, btf_log_size) \
	X(union bpf_attr, btf_log_level) \
	X(union bpf_attr, task_fd_query.pid) \
	X(union bpf_attr, task_fd_query.fd) \
	X(union bpf_attr, task_fd_query.flags) \
	X(union bpf_attr, task_fd_query.buf_len) \
	X(union bpf_attr, task_fd_query.buf) \
	X(union bpf_attr, task_fd_query.prog_id) \
	X(union bpf_attr, task_fd_query.fd_type) \
	X(union bpf_attr, task_fd_query.probe_offset) \
	X(union bpf_attr, task_fd_query.probe_addr) \
	X(union bpf_attr, link_create.prog_fd) \
	X(union bpf_attr, link_create.target_fd) \
	X(union bpf_attr, link_create.target_ifindex) \
	X(union bpf_attr, link_create.attach_type) \
	X(union bpf_attr, link_create.flags) \
	X(union bpf_attr, link_create.target_btf_id) \
	X(union bpf_attr, link_create.iter_info) \
	X(union bpf_attr, link_create.iter_info_len) \
	X(union bpf_attr, link_create.perf_event.bpf_cookie) \
	X(union bpf_attr, link_create.kprobe_multi.flags) \
	X(union bpf_attr, link_create.kprobe_multi.cnt) \
	X(union bpf_attr, link_create.kprobe_multi.syms) \
	X(union bpf_attr, link_create.kprobe_multi.addrs) \
	X(union bpf_attr, link_create.kprobe_multi.cookies) \
	X(union bpf_attr, link_create.tracing.target_btf_id) \
	X(union bpf_attr, link_create.tracing.cookie) \
	X(union bpf_attr, link_update.link_fd) \
	X(union bpf_attr, link_update.new_prog_fd) \
	X(union bpf_attr, link_update.flags) \
	X(union bpf_attr, link_update.old_prog_fd) \
	X(union bpf_attr, link_detach.link_fd) \
	X(union bpf_attr, enable_stats.type) \
	X(union bpf_attr, iter_create.link_fd) \
	X(union bpf_attr, iter_create.flags) \
	X(union bpf_attr, prog_bind_map.prog_fd) \
	X(union bpf_attr, prog_bind_map.map_fd) \
	X(union bpf_attr, prog_bind_map.flags) \
	X(struct bpf_prog_info, type) \
	X(struct bpf_prog_info, id) \
	X(struct bpf_prog_info, tag) \
	X(struct bpf_prog_info, jited_prog_len) \
	X(struct bpf_prog_info, xlated_prog_len) \
	X(struct bpf_prog_info, jited_prog_insns) \
	X(struct bpf_prog_info, xlated_prog_insns) \
	X(struct bpf_prog_info, load_time) \
	X(struct bpf_prog_info, created_by_uid) \
	X(struct bpf_prog_info, nr_map_ids) \
	X(struct bpf_prog_info, map_ids) \
	X(struct bpf_prog_info, name) \
	X(struct bpf_prog_info, ifindex) \
	X(struct bpf_prog_info, netns_dev) \
	X(struct bpf_prog_info, netns_ino) \
	X(struct bpf_prog_info, nr_jited_ksyms) \
	X(struct bpf_prog_info, nr_jited_func_lens) \
	X(struct bpf_prog_info, jited_ksyms) \
	X(struct bpf_prog_info, jited_func_lens) \
	X(struct bpf_prog_info, btf_id) \
	X(struct bpf_prog_info, func_info_rec_size) \
	X(struct bpf_prog_info, func_info) \
	X(struct bpf_prog_info, nr_func_info) \
	X(struct bpf_prog_info, nr_line_info) \
	X(struct bpf_prog_info, line_info) \
	X(struct bpf_prog_info, jited_line_info) \
	X(struct bpf_prog_info, nr_jited_line_info) \
	X(struct bpf_prog_info, line_info_rec_size) \
	X(struct bpf_prog_info, jited_line_info_rec_size) \
	X(struct bpf_prog_info, nr_prog_tags) \
	X(struct bpf_prog_info, prog_tags) \
	X(struct bpf_prog_info, run_time_ns) \
	X(struct bpf_prog_info, run_cnt) \
	X(struct bpf_prog_info, recursion_misses) \
	X(struct bpf_prog_info, verified_insns) \
	X(struct bpf_prog_info, attach_btf_obj_id) \
	X(struct bpf_prog_info, attach_btf_id) \
	X(struct bpf_map_info, type) \
	X(struct bpf_map_info, id) \
	X(struct bpf_map_info, key_size) \
	X(struct bpf_map_info, value_size) \
	X(struct bpf_map_info, max_entries) \
	X(struct bpf_map_info, map_flags) \
	X(struct bpf_map_info, name) \
	X(struct bpf_map_info, ifindex) \
	X(struct bpf_map_info, btf_vmlinux_value_type_id) \
	X(struct bpf_map_info, netns_dev) \
	X(struct bpf_map_info, netns_ino) \
	X(struct bpf_map_info, btf_id) \
	X(struct bpf_map_info, btf_key_type_id) \
	X(struct bpf_map_info, btf_value_type_id) \
	X(struct bpf_map_info, map_extra) \
	X(struct bpf_link_info, type) \
	X(struct bpf_link_info, id) \
	X(struct bpf_link_info, prog_id) \
	X(struct bpf_link_info, raw_tracepoint.tp_name) \
	X(struct bpf_link_info, raw_tracepoint.tp_name_len) \
	X(struct bpf_link_info, tracing.attach_type) \
	X(struct bpf_link_info, tracing.target_obj_id) \
	X(struct bpf_link_info, tracing.target_btf_id) \
	X(struct bpf_link_info, cgroup.cgroup_id) \
	X(struct bpf_link_info, cgroup.attach_type) \
	X(struct bpf_link_info, iter.target_name) \
	X(struct bpf_link_info, iter.target_name_len) \
	X(struct bpf_link_info, iter.map.map_id) \
	X(struct bpf_link_info, iter.cgroup.cgroup_id) \
	X(struct bpf_link_info, iter.cgroup.order) \
	X(struct bpf_link_info, iter.task.tid) \
	X(struct bpf_link_info, iter.task.pid) \
	X(struct bpf_link_info, netns.netns_ino) \
	X(struct bpf_link_info, netns.attach_type) \
	X(struct bpf_link_info, xdp.ifindex) \
	X(struct bpf_insn, code) \
	X(struct bpf_insn, off) \
	X(struct bpf_insn, imm) \
	X(struct bpf_stack_build_id, status) \
	X(struct bpf_stack_build_id, build_id) \
	X(struct bpf_stack_build_id, offset) \
	X(struct bpf_stack_build_id, ip) \
	X(struct bpf_perf_event_value, counter) \
	X(struct bpf_perf_event_value, enabled) \
	X(struct bpf_perf_event_value, running) \
	/* end of fields */

#define UAPI_SIZES(X) \
	X(union bpf_attr) \
	X(struct bpf_prog_info) \
	X(struct bpf_map_info) \
	X(struct bpf_link_info) \
	X(struct bpf_insn) \
	X(struct bpf_stack_build_id) \
	X(struct bpf_perf_event_value) \
	/* end of sizes */

#endif /* TESTS_HOST_UAPI_LIST_H */
