/*
 * bpf/uapi/bpf.h - the user-visible eBPF ABI, with Linux's numbering and layout
 * (<linux/bpf.h>): instruction encoding, bpf() commands and their attributes, map, program,
 * attach and link types, helper ids. Shared by the kernel, the host tools and user space;
 * tests/host/test_uapi.c checks every value and offset against the system's <linux/bpf.h>.
 */
#ifndef BPF_UAPI_BPF_H
#define BPF_UAPI_BPF_H

#include "bpf/uapi/types.h"
#include "bpf/uapi/bpf_common.h"

/* Extended instruction set on top of the classic fields. */
#define BPF_JMP32 0x06 /* class: jumps that compare 32-bit operands */
#define BPF_ALU64 0x07 /* class: 64-bit arithmetic */

#define BPF_DW 0x18     /* size: 64 bits */
#define BPF_MEMSX 0x80  /* mode: sign-extending load */
#define BPF_ATOMIC 0xc0 /* mode: atomic read-modify-write */
#define BPF_XADD 0xc0   /* old name of BPF_ATOMIC */

#define BPF_MOV 0xb0  /* op: move */
#define BPF_ARSH 0xc0 /* op: arithmetic shift right */
#define BPF_END 0xd0  /* op: byte swap / endian conversion */
#define BPF_TO_LE 0x00 /* with BPF_END in class ALU: to little endian */
#define BPF_TO_BE 0x08 /* with BPF_END in class ALU: to big endian */
#define BPF_FROM_LE BPF_TO_LE
#define BPF_FROM_BE BPF_TO_BE

#define BPF_JNE 0x50
#define BPF_JLT 0xa0
#define BPF_JLE 0xb0
#define BPF_JSGT 0x60
#define BPF_JSGE 0x70
#define BPF_JSLT 0xc0
#define BPF_JSLE 0xd0
#define BPF_JCOND 0xe0
#define BPF_CALL 0x80
#define BPF_EXIT 0x90

/* Atomic operations, in imm of a BPF_STX | BPF_ATOMIC instruction. */
#define BPF_FETCH 0x01
#define BPF_XCHG (0xe0 | BPF_FETCH)
#define BPF_CMPXCHG (0xf0 | BPF_FETCH)

#define MAX_BPF_REG 11
#define MAX_BPF_STACK 512

enum {
	BPF_REG_0 = 0,
	BPF_REG_1,
	BPF_REG_2,
	BPF_REG_3,
	BPF_REG_4,
	BPF_REG_5,
	BPF_REG_6,
	BPF_REG_7,
	BPF_REG_8,
	BPF_REG_9,
	BPF_REG_10,
	__MAX_BPF_REG,
};

struct bpf_insn {
	__u8 code;      /* opcode */
	__u8 dst_reg:4; /* destination register */
	__u8 src_reg:4; /* source register */
	__s16 off;      /* signed offset */
	__s32 imm;      /* signed immediate constant */
};

/* src_reg of a BPF_LD | BPF_DW | BPF_IMM (the two-slot 64-bit immediate load). */
#define BPF_PSEUDO_MAP_FD 1
#define BPF_PSEUDO_MAP_IDX 5
#define BPF_PSEUDO_MAP_VALUE 2
#define BPF_PSEUDO_MAP_IDX_VALUE 6
#define BPF_PSEUDO_BTF_ID 3
#define BPF_PSEUDO_FUNC 4

/* src_reg of a BPF_JMP | BPF_CALL. */
#define BPF_PSEUDO_CALL 1
#define BPF_PSEUDO_KFUNC_CALL 2

/* Flags of BPF_MAP_UPDATE_ELEM. */
#define BPF_ANY 0
#define BPF_NOEXIST 1
#define BPF_EXIST 2
#define BPF_F_LOCK 4

/* Flags of BPF_MAP_CREATE, in map_flags. */
enum {
	BPF_F_NO_PREALLOC = (1U << 0),    /* hash: allocate elements on update, not at create */
	BPF_F_NO_COMMON_LRU = (1U << 1),  /* LRU hash: one LRU list per CPU */
	BPF_F_NUMA_NODE = (1U << 2),      /* numa_node is valid */
	BPF_F_RDONLY = (1U << 3),         /* user space (the syscall side) may only read */
	BPF_F_WRONLY = (1U << 4),         /* user space may only write */
	BPF_F_STACK_BUILD_ID = (1U << 5), /* stack trace map stores build ids */
	BPF_F_ZERO_SEED = (1U << 6),      /* hash seed 0, for tests */
	BPF_F_RDONLY_PROG = (1U << 7),    /* programs may only read (.rodata) */
	BPF_F_WRONLY_PROG = (1U << 8),    /* programs may only write */
	BPF_F_CLONE = (1U << 9),
	BPF_F_MMAPABLE = (1U << 10),      /* array: user space may mmap the values */
	BPF_F_PRESERVE_ELEMS = (1U << 11),
	BPF_F_INNER_MAP = (1U << 12),
};

/* Flags of BPF_PROG_ATTACH (cgroup programs). */
#define BPF_F_ALLOW_OVERRIDE (1U << 0)
#define BPF_F_ALLOW_MULTI (1U << 1)
#define BPF_F_REPLACE (1U << 2)

/* Flags of BPF_PROG_LOAD, in prog_flags. */
#define BPF_F_STRICT_ALIGNMENT (1U << 0)
#define BPF_F_ANY_ALIGNMENT (1U << 1)
#define BPF_F_TEST_RND_HI32 (1U << 2)
#define BPF_F_TEST_STATE_FREQ (1U << 3)
#define BPF_F_SLEEPABLE (1U << 4)
#define BPF_F_XDP_HAS_FRAGS (1U << 5)

/* Flags of BPF_LINK_CREATE for kprobe_multi. */
#define BPF_F_KPROBE_MULTI_RETURN (1U << 0)

/* Flags of BPF_PROG_QUERY and BPF_PROG_TEST_RUN. */
#define BPF_F_QUERY_EFFECTIVE (1U << 0)
#define BPF_F_TEST_RUN_ON_CPU (1U << 0)
#define BPF_F_TEST_XDP_LIVE_FRAMES (1U << 1)
#define BPF_F_TEST_SKB_CHECKSUM_COMPLETE (1U << 2)

/* Size of the program and map names of BPF_PROG_LOAD and BPF_MAP_CREATE, NUL included. */
#define BPF_OBJ_NAME_LEN 16U
/* Size of a program tag: the first bytes of a SHA-1 over the instructions. */
#define BPF_TAG_SIZE 8

/*
 * The bpf() commands, in Linux's order: the value is the first argument of the system call.
 * glass implements the map commands, PROG_LOAD, PROG_TEST_RUN, the id and info commands,
 * RAW_TRACEPOINT_OPEN, LINK_CREATE and ENABLE_STATS; the others answer -EINVAL.
 */
enum bpf_cmd {
	BPF_MAP_CREATE,                  /* 0 */
	BPF_MAP_LOOKUP_ELEM,
	BPF_MAP_UPDATE_ELEM,
	BPF_MAP_DELETE_ELEM,
	BPF_MAP_GET_NEXT_KEY,
	BPF_PROG_LOAD,                   /* 5 */
	BPF_OBJ_PIN,
	BPF_OBJ_GET,
	BPF_PROG_ATTACH,
	BPF_PROG_DETACH,
	BPF_PROG_TEST_RUN,               /* 10 */
	BPF_PROG_RUN = BPF_PROG_TEST_RUN,
	BPF_PROG_GET_NEXT_ID,
	BPF_MAP_GET_NEXT_ID,
	BPF_PROG_GET_FD_BY_ID,
	BPF_MAP_GET_FD_BY_ID,
	BPF_OBJ_GET_INFO_BY_FD,          /* 15 */
	BPF_PROG_QUERY,
	BPF_RAW_TRACEPOINT_OPEN,
	BPF_BTF_LOAD,
	BPF_BTF_GET_FD_BY_ID,
	BPF_TASK_FD_QUERY,               /* 20 */
	BPF_MAP_LOOKUP_AND_DELETE_ELEM,
	BPF_MAP_FREEZE,
	BPF_BTF_GET_NEXT_ID,
	BPF_MAP_LOOKUP_BATCH,
	BPF_MAP_LOOKUP_AND_DELETE_BATCH, /* 25 */
	BPF_MAP_UPDATE_BATCH,
	BPF_MAP_DELETE_BATCH,
	BPF_LINK_CREATE,
	BPF_LINK_UPDATE,
	BPF_LINK_GET_FD_BY_ID,           /* 30 */
	BPF_LINK_GET_NEXT_ID,
	BPF_ENABLE_STATS,
	BPF_ITER_CREATE,
	BPF_LINK_DETACH,
	BPF_PROG_BIND_MAP,               /* 35 */
	BPF_TOKEN_CREATE,                /* 36: Linux 6.9 */
	__MAX_BPF_CMD,
};

/* Map types. glass implements HASH, ARRAY, PROG_ARRAY, PERF_EVENT_ARRAY, PERCPU_HASH,
 * PERCPU_ARRAY, STACK_TRACE, LRU_HASH and RINGBUF (bpf/maps/). */
enum bpf_map_type {
	BPF_MAP_TYPE_UNSPEC,                /* 0 */
	BPF_MAP_TYPE_HASH,
	BPF_MAP_TYPE_ARRAY,
	BPF_MAP_TYPE_PROG_ARRAY,
	BPF_MAP_TYPE_PERF_EVENT_ARRAY,
	BPF_MAP_TYPE_PERCPU_HASH,           /* 5 */
	BPF_MAP_TYPE_PERCPU_ARRAY,
	BPF_MAP_TYPE_STACK_TRACE,
	BPF_MAP_TYPE_CGROUP_ARRAY,
	BPF_MAP_TYPE_LRU_HASH,
	BPF_MAP_TYPE_LRU_PERCPU_HASH,       /* 10 */
	BPF_MAP_TYPE_LPM_TRIE,
	BPF_MAP_TYPE_ARRAY_OF_MAPS,
	BPF_MAP_TYPE_HASH_OF_MAPS,
	BPF_MAP_TYPE_DEVMAP,
	BPF_MAP_TYPE_SOCKMAP,               /* 15 */
	BPF_MAP_TYPE_CPUMAP,
	BPF_MAP_TYPE_XSKMAP,
	BPF_MAP_TYPE_SOCKHASH,
	BPF_MAP_TYPE_CGROUP_STORAGE,
	BPF_MAP_TYPE_REUSEPORT_SOCKARRAY,   /* 20 */
	BPF_MAP_TYPE_PERCPU_CGROUP_STORAGE,
	BPF_MAP_TYPE_QUEUE,
	BPF_MAP_TYPE_STACK,
	BPF_MAP_TYPE_SK_STORAGE,
	BPF_MAP_TYPE_DEVMAP_HASH,           /* 25 */
	BPF_MAP_TYPE_STRUCT_OPS,
	BPF_MAP_TYPE_RINGBUF,
	BPF_MAP_TYPE_INODE_STORAGE,
	BPF_MAP_TYPE_TASK_STORAGE,
	BPF_MAP_TYPE_BLOOM_FILTER,          /* 30 */
	BPF_MAP_TYPE_USER_RINGBUF,
	BPF_MAP_TYPE_CGRP_STORAGE,          /* 32: Linux 6.2 */
	BPF_MAP_TYPE_ARENA,                 /* 33: Linux 6.9 */
	__MAX_BPF_MAP_TYPE,
};

/* Program types: what a program is attached to, which decides its context and its helpers. */
enum bpf_prog_type {
	BPF_PROG_TYPE_UNSPEC,                  /* 0 */
	BPF_PROG_TYPE_SOCKET_FILTER,
	BPF_PROG_TYPE_KPROBE,
	BPF_PROG_TYPE_SCHED_CLS,
	BPF_PROG_TYPE_SCHED_ACT,
	BPF_PROG_TYPE_TRACEPOINT,              /* 5 */
	BPF_PROG_TYPE_XDP,
	BPF_PROG_TYPE_PERF_EVENT,
	BPF_PROG_TYPE_CGROUP_SKB,
	BPF_PROG_TYPE_CGROUP_SOCK,
	BPF_PROG_TYPE_LWT_IN,                  /* 10 */
	BPF_PROG_TYPE_LWT_OUT,
	BPF_PROG_TYPE_LWT_XMIT,
	BPF_PROG_TYPE_SOCK_OPS,
	BPF_PROG_TYPE_SK_SKB,
	BPF_PROG_TYPE_CGROUP_DEVICE,           /* 15 */
	BPF_PROG_TYPE_SK_MSG,
	BPF_PROG_TYPE_RAW_TRACEPOINT,
	BPF_PROG_TYPE_CGROUP_SOCK_ADDR,
	BPF_PROG_TYPE_LWT_SEG6LOCAL,
	BPF_PROG_TYPE_LIRC_MODE2,              /* 20 */
	BPF_PROG_TYPE_SK_REUSEPORT,
	BPF_PROG_TYPE_FLOW_DISSECTOR,
	BPF_PROG_TYPE_CGROUP_SYSCTL,
	BPF_PROG_TYPE_RAW_TRACEPOINT_WRITABLE,
	BPF_PROG_TYPE_CGROUP_SOCKOPT,          /* 25 */
	BPF_PROG_TYPE_TRACING,
	BPF_PROG_TYPE_STRUCT_OPS,
	BPF_PROG_TYPE_EXT,
	BPF_PROG_TYPE_LSM,
	BPF_PROG_TYPE_SK_LOOKUP,               /* 30 */
	BPF_PROG_TYPE_SYSCALL,
	BPF_PROG_TYPE_NETFILTER,               /* 32: Linux 6.4 */
	__MAX_BPF_PROG_TYPE,
};

/* Attach types: expected_attach_type of PROG_LOAD, attach_type of LINK_CREATE. */
enum bpf_attach_type {
	BPF_CGROUP_INET_INGRESS,            /* 0 */
	BPF_CGROUP_INET_EGRESS,
	BPF_CGROUP_INET_SOCK_CREATE,
	BPF_CGROUP_SOCK_OPS,
	BPF_SK_SKB_STREAM_PARSER,
	BPF_SK_SKB_STREAM_VERDICT,          /* 5 */
	BPF_CGROUP_DEVICE,
	BPF_SK_MSG_VERDICT,
	BPF_CGROUP_INET4_BIND,
	BPF_CGROUP_INET6_BIND,
	BPF_CGROUP_INET4_CONNECT,           /* 10 */
	BPF_CGROUP_INET6_CONNECT,
	BPF_CGROUP_INET4_POST_BIND,
	BPF_CGROUP_INET6_POST_BIND,
	BPF_CGROUP_UDP4_SENDMSG,
	BPF_CGROUP_UDP6_SENDMSG,            /* 15 */
	BPF_LIRC_MODE2,
	BPF_FLOW_DISSECTOR,
	BPF_CGROUP_SYSCTL,
	BPF_CGROUP_UDP4_RECVMSG,
	BPF_CGROUP_UDP6_RECVMSG,            /* 20 */
	BPF_CGROUP_GETSOCKOPT,
	BPF_CGROUP_SETSOCKOPT,
	BPF_TRACE_RAW_TP,
	BPF_TRACE_FENTRY,
	BPF_TRACE_FEXIT,                    /* 25 */
	BPF_MODIFY_RETURN,
	BPF_LSM_MAC,
	BPF_TRACE_ITER,
	BPF_CGROUP_INET4_GETPEERNAME,
	BPF_CGROUP_INET6_GETPEERNAME,       /* 30 */
	BPF_CGROUP_INET4_GETSOCKNAME,
	BPF_CGROUP_INET6_GETSOCKNAME,
	BPF_XDP_DEVMAP,
	BPF_CGROUP_INET_SOCK_RELEASE,
	BPF_XDP_CPUMAP,                     /* 35 */
	BPF_SK_LOOKUP,
	BPF_XDP,
	BPF_SK_SKB_VERDICT,
	BPF_SK_REUSEPORT_SELECT,
	BPF_SK_REUSEPORT_SELECT_OR_MIGRATE, /* 40 */
	BPF_PERF_EVENT,
	BPF_TRACE_KPROBE_MULTI,
	BPF_LSM_CGROUP,
	BPF_STRUCT_OPS,                     /* 44: Linux 6.4 and later from here on */
	BPF_NETFILTER,                      /* 45 */
	BPF_TCX_INGRESS,
	BPF_TCX_EGRESS,
	BPF_TRACE_UPROBE_MULTI,
	BPF_CGROUP_UNIX_CONNECT,
	BPF_CGROUP_UNIX_SENDMSG,            /* 50 */
	BPF_CGROUP_UNIX_RECVMSG,
	BPF_CGROUP_UNIX_GETPEERNAME,
	BPF_CGROUP_UNIX_GETSOCKNAME,
	BPF_NETKIT_PRIMARY,
	BPF_NETKIT_PEER,                    /* 55 */
	BPF_TRACE_KPROBE_SESSION,
	BPF_TRACE_UPROBE_SESSION,
	__MAX_BPF_ATTACH_TYPE
};
#define MAX_BPF_ATTACH_TYPE __MAX_BPF_ATTACH_TYPE

/* Link types, reported by OBJ_GET_INFO_BY_FD on a link. */
enum bpf_link_type {
	BPF_LINK_TYPE_UNSPEC = 0,
	BPF_LINK_TYPE_RAW_TRACEPOINT = 1,
	BPF_LINK_TYPE_TRACING = 2,
	BPF_LINK_TYPE_CGROUP = 3,
	BPF_LINK_TYPE_ITER = 4,
	BPF_LINK_TYPE_NETNS = 5,
	BPF_LINK_TYPE_XDP = 6,
	BPF_LINK_TYPE_PERF_EVENT = 7,
	BPF_LINK_TYPE_KPROBE_MULTI = 8,
	BPF_LINK_TYPE_STRUCT_OPS = 9,
	BPF_LINK_TYPE_NETFILTER = 10,    /* Linux 6.4 and later from here on */
	BPF_LINK_TYPE_TCX = 11,
	BPF_LINK_TYPE_UPROBE_MULTI = 12,
	BPF_LINK_TYPE_NETKIT = 13,
	BPF_LINK_TYPE_SOCKMAP = 14,
	MAX_BPF_LINK_TYPE,
};

/* BPF_ENABLE_STATS: which statistics to switch on while the returned fd stays open. */
enum bpf_stats_type {
	BPF_STATS_RUN_TIME = 0, /* run_cnt and run_time_ns of every program */
};

/*
 * The attributes of a bpf() command: one struct per group of commands, overlaid. User space
 * passes a pointer and a size; the kernel reads min(size, sizeof(union bpf_attr)) bytes and
 * requires every byte past the last field of the command to be zero, so that a field added
 * later is never silently ignored. Offsets and sizes are Linux's (checked by test_uapi.c).
 */
union bpf_attr {
	struct { /* BPF_MAP_CREATE */
		__u32 map_type;                  /* enum bpf_map_type */
		__u32 key_size;                  /* bytes */
		__u32 value_size;                /* bytes */
		__u32 max_entries;               /* elements; bytes of data for a ring buffer */
		__u32 map_flags;                 /* BPF_F_NO_PREALLOC, BPF_F_RDONLY_PROG, ... */
		__u32 inner_map_fd;              /* maps of maps */
		__u32 numa_node;                 /* with BPF_F_NUMA_NODE */
		char map_name[BPF_OBJ_NAME_LEN]; /* NUL-terminated, [A-Za-z0-9_.] */
		__u32 map_ifindex;
		__u32 btf_fd;
		__u32 btf_key_type_id;
		__u32 btf_value_type_id;
		__u32 btf_vmlinux_value_type_id;
		__u64 map_extra;                 /* bloom filter: number of hash functions */
	};

	struct { /* BPF_MAP_*_ELEM and BPF_MAP_GET_NEXT_KEY */
		__u32 map_fd;
		__aligned_u64 key;               /* user pointer to key_size bytes */
		union {
			__aligned_u64 value;     /* user pointer to value_size bytes */
			__aligned_u64 next_key;  /* GET_NEXT_KEY: where the next key goes */
		};
		__u64 flags;                     /* BPF_ANY, BPF_NOEXIST, BPF_EXIST */
	};

	struct { /* BPF_MAP_*_BATCH */
		__aligned_u64 in_batch;
		__aligned_u64 out_batch;
		__aligned_u64 keys;
		__aligned_u64 values;
		__u32 count;
		__u32 map_fd;
		__u64 elem_flags;
		__u64 flags;
	} batch;

	struct { /* BPF_PROG_LOAD */
		__u32 prog_type;                 /* enum bpf_prog_type */
		__u32 insn_cnt;                  /* instructions, a 64-bit load counting two */
		__aligned_u64 insns;             /* user pointer to struct bpf_insn[insn_cnt] */
		__aligned_u64 license;           /* user pointer to a NUL-terminated string */
		__u32 log_level;                 /* 0: no log; 1, 2: verifier log detail */
		__u32 log_size;                  /* bytes of log_buf */
		__aligned_u64 log_buf;           /* user buffer for the verifier log */
		__u32 kern_version;
		__u32 prog_flags;                /* BPF_F_STRICT_ALIGNMENT, BPF_F_SLEEPABLE, ... */
		char prog_name[BPF_OBJ_NAME_LEN];
		__u32 prog_ifindex;
		__u32 expected_attach_type;      /* enum bpf_attach_type */
		__u32 prog_btf_fd;
		__u32 func_info_rec_size;
		__aligned_u64 func_info;
		__u32 func_info_cnt;
		__u32 line_info_rec_size;
		__aligned_u64 line_info;
		__u32 line_info_cnt;
		__u32 attach_btf_id;
		union {
			__u32 attach_prog_fd;
			__u32 attach_btf_obj_fd;
		};
		__u32 core_relo_cnt;
		__aligned_u64 fd_array;
		__aligned_u64 core_relos;
		__u32 core_relo_rec_size;
	};

	struct { /* BPF_OBJ_PIN, BPF_OBJ_GET */
		__aligned_u64 pathname;
		__u32 bpf_fd;
		__u32 file_flags;
	};

	struct { /* BPF_PROG_ATTACH, BPF_PROG_DETACH */
		__u32 target_fd;
		__u32 attach_bpf_fd;
		__u32 attach_type;
		__u32 attach_flags;
		__u32 replace_bpf_fd;
	};

	struct { /* BPF_PROG_TEST_RUN */
		__u32 prog_fd;
		__u32 retval;                    /* out: r0 of the last run */
		__u32 data_size_in;
		__u32 data_size_out;             /* in: size of data_out; out: bytes written */
		__aligned_u64 data_in;
		__aligned_u64 data_out;
		__u32 repeat;                    /* runs; 0 means 1 */
		__u32 duration;                  /* out: average ns per run */
		__u32 ctx_size_in;
		__u32 ctx_size_out;              /* in: size of ctx_out; out: bytes written */
		__aligned_u64 ctx_in;
		__aligned_u64 ctx_out;
		__u32 flags;
		__u32 cpu;
		__u32 batch_size;
	} test;

	struct { /* BPF_*_GET_*_ID */
		union {
			__u32 start_id;
			__u32 prog_id;
			__u32 map_id;
			__u32 btf_id;
			__u32 link_id;
		};
		__u32 next_id;
		__u32 open_flags;
	};

	struct { /* BPF_OBJ_GET_INFO_BY_FD */
		__u32 bpf_fd;
		__u32 info_len;                  /* in: size of info; out: bytes written */
		__aligned_u64 info;              /* user pointer to bpf_{prog,map,link}_info */
	} info;

	struct { /* BPF_PROG_QUERY */
		__u32 target_fd;
		__u32 attach_type;
		__u32 query_flags;
		__u32 attach_flags;
		__aligned_u64 prog_ids;
		__u32 prog_cnt;
		__aligned_u64 prog_attach_flags;
	} query;

	struct { /* BPF_RAW_TRACEPOINT_OPEN */
		__u64 name;                      /* user pointer to the tracepoint's name */
		__u32 prog_fd;
	} raw_tracepoint;

	struct { /* BPF_BTF_LOAD */
		__aligned_u64 btf;
		__aligned_u64 btf_log_buf;
		__u32 btf_size;
		__u32 btf_log_size;
		__u32 btf_log_level;
	};

	struct { /* BPF_TASK_FD_QUERY */
		__u32 pid;
		__u32 fd;
		__u32 flags;
		__u32 buf_len;
		__aligned_u64 buf;
		__u32 prog_id;
		__u32 fd_type;
		__u64 probe_offset;
		__u64 probe_addr;
	} task_fd_query;

	struct { /* BPF_LINK_CREATE */
		__u32 prog_fd;
		union {
			__u32 target_fd;         /* perf event fd, cgroup fd, ... */
			__u32 target_ifindex;
		};
		__u32 attach_type;               /* enum bpf_attach_type */
		__u32 flags;
		union {
			__u32 target_btf_id;
			struct {
				__aligned_u64 iter_info;
				__u32 iter_info_len;
			};
			struct {
				__u64 bpf_cookie; /* read by bpf_get_attach_cookie */
			} perf_event;
			struct {
				__u32 flags;
				__u32 cnt;
				__aligned_u64 syms;
				__aligned_u64 addrs;
				__aligned_u64 cookies;
			} kprobe_multi;
			struct {
				__u32 target_btf_id;
				__u64 cookie;
			} tracing;
		};
	} link_create;

	struct { /* BPF_LINK_UPDATE */
		__u32 link_fd;
		__u32 new_prog_fd;
		__u32 flags;
		__u32 old_prog_fd;
	} link_update;

	struct { /* BPF_LINK_DETACH */
		__u32 link_fd;
	} link_detach;

	struct { /* BPF_ENABLE_STATS */
		__u32 type;                      /* enum bpf_stats_type */
	} enable_stats;

	struct { /* BPF_ITER_CREATE */
		__u32 link_fd;
		__u32 flags;
	} iter_create;

	struct { /* BPF_PROG_BIND_MAP */
		__u32 prog_fd;
		__u32 map_fd;
		__u32 flags;
	} prog_bind_map;
} __attribute__((aligned(8)));

/*
 * Helper functions, by id: the imm of a BPF_JMP | BPF_CALL with src_reg 0. The list is
 * Linux's, in Linux's order; an id never changes meaning. ___BPF_FUNC_MAPPER(FN, ctx...)
 * calls FN(name, id, ctx...) for each; __BPF_FUNC_MAPPER(FN) calls FN(name), the older form.
 * The disassembler takes its "call bpf_map_lookup_elem#1" names from here; bpf/helpers.c has
 * the ones glass implements.
 */
#define ___BPF_FUNC_MAPPER(FN, ctx...)                          \
	FN(unspec, 0, ##ctx)                            \
	FN(map_lookup_elem, 1, ##ctx)                   \
	FN(map_update_elem, 2, ##ctx)                   \
	FN(map_delete_elem, 3, ##ctx)                   \
	FN(probe_read, 4, ##ctx)                        \
	FN(ktime_get_ns, 5, ##ctx)                      \
	FN(trace_printk, 6, ##ctx)                      \
	FN(get_prandom_u32, 7, ##ctx)                   \
	FN(get_smp_processor_id, 8, ##ctx)              \
	FN(skb_store_bytes, 9, ##ctx)                   \
	FN(l3_csum_replace, 10, ##ctx)                  \
	FN(l4_csum_replace, 11, ##ctx)                  \
	FN(tail_call, 12, ##ctx)                        \
	FN(clone_redirect, 13, ##ctx)                   \
	FN(get_current_pid_tgid, 14, ##ctx)             \
	FN(get_current_uid_gid, 15, ##ctx)              \
	FN(get_current_comm, 16, ##ctx)                 \
	FN(get_cgroup_classid, 17, ##ctx)               \
	FN(skb_vlan_push, 18, ##ctx)                    \
	FN(skb_vlan_pop, 19, ##ctx)                     \
	FN(skb_get_tunnel_key, 20, ##ctx)               \
	FN(skb_set_tunnel_key, 21, ##ctx)               \
	FN(perf_event_read, 22, ##ctx)                  \
	FN(redirect, 23, ##ctx)                         \
	FN(get_route_realm, 24, ##ctx)                  \
	FN(perf_event_output, 25, ##ctx)                \
	FN(skb_load_bytes, 26, ##ctx)                   \
	FN(get_stackid, 27, ##ctx)                      \
	FN(csum_diff, 28, ##ctx)                        \
	FN(skb_get_tunnel_opt, 29, ##ctx)               \
	FN(skb_set_tunnel_opt, 30, ##ctx)               \
	FN(skb_change_proto, 31, ##ctx)                 \
	FN(skb_change_type, 32, ##ctx)                  \
	FN(skb_under_cgroup, 33, ##ctx)                 \
	FN(get_hash_recalc, 34, ##ctx)                  \
	FN(get_current_task, 35, ##ctx)                 \
	FN(probe_write_user, 36, ##ctx)                 \
	FN(current_task_under_cgroup, 37, ##ctx)        \
	FN(skb_change_tail, 38, ##ctx)                  \
	FN(skb_pull_data, 39, ##ctx)                    \
	FN(csum_update, 40, ##ctx)                      \
	FN(set_hash_invalid, 41, ##ctx)                 \
	FN(get_numa_node_id, 42, ##ctx)                 \
	FN(skb_change_head, 43, ##ctx)                  \
	FN(xdp_adjust_head, 44, ##ctx)                  \
	FN(probe_read_str, 45, ##ctx)                   \
	FN(get_socket_cookie, 46, ##ctx)                \
	FN(get_socket_uid, 47, ##ctx)                   \
	FN(set_hash, 48, ##ctx)                         \
	FN(setsockopt, 49, ##ctx)                       \
	FN(skb_adjust_room, 50, ##ctx)                  \
	FN(redirect_map, 51, ##ctx)                     \
	FN(sk_redirect_map, 52, ##ctx)                  \
	FN(sock_map_update, 53, ##ctx)                  \
	FN(xdp_adjust_meta, 54, ##ctx)                  \
	FN(perf_event_read_value, 55, ##ctx)            \
	FN(perf_prog_read_value, 56, ##ctx)             \
	FN(getsockopt, 57, ##ctx)                       \
	FN(override_return, 58, ##ctx)                  \
	FN(sock_ops_cb_flags_set, 59, ##ctx)            \
	FN(msg_redirect_map, 60, ##ctx)                 \
	FN(msg_apply_bytes, 61, ##ctx)                  \
	FN(msg_cork_bytes, 62, ##ctx)                   \
	FN(msg_pull_data, 63, ##ctx)                    \
	FN(bind, 64, ##ctx)                             \
	FN(xdp_adjust_tail, 65, ##ctx)                  \
	FN(skb_get_xfrm_state, 66, ##ctx)               \
	FN(get_stack, 67, ##ctx)                        \
	FN(skb_load_bytes_relative, 68, ##ctx)          \
	FN(fib_lookup, 69, ##ctx)                       \
	FN(sock_hash_update, 70, ##ctx)                 \
	FN(msg_redirect_hash, 71, ##ctx)                \
	FN(sk_redirect_hash, 72, ##ctx)                 \
	FN(lwt_push_encap, 73, ##ctx)                   \
	FN(lwt_seg6_store_bytes, 74, ##ctx)             \
	FN(lwt_seg6_adjust_srh, 75, ##ctx)              \
	FN(lwt_seg6_action, 76, ##ctx)                  \
	FN(rc_repeat, 77, ##ctx)                        \
	FN(rc_keydown, 78, ##ctx)                       \
	FN(skb_cgroup_id, 79, ##ctx)                    \
	FN(get_current_cgroup_id, 80, ##ctx)            \
	FN(get_local_storage, 81, ##ctx)                \
	FN(sk_select_reuseport, 82, ##ctx)              \
	FN(skb_ancestor_cgroup_id, 83, ##ctx)           \
	FN(sk_lookup_tcp, 84, ##ctx)                    \
	FN(sk_lookup_udp, 85, ##ctx)                    \
	FN(sk_release, 86, ##ctx)                       \
	FN(map_push_elem, 87, ##ctx)                    \
	FN(map_pop_elem, 88, ##ctx)                     \
	FN(map_peek_elem, 89, ##ctx)                    \
	FN(msg_push_data, 90, ##ctx)                    \
	FN(msg_pop_data, 91, ##ctx)                     \
	FN(rc_pointer_rel, 92, ##ctx)                   \
	FN(spin_lock, 93, ##ctx)                        \
	FN(spin_unlock, 94, ##ctx)                      \
	FN(sk_fullsock, 95, ##ctx)                      \
	FN(tcp_sock, 96, ##ctx)                         \
	FN(skb_ecn_set_ce, 97, ##ctx)                   \
	FN(get_listener_sock, 98, ##ctx)                \
	FN(skc_lookup_tcp, 99, ##ctx)                   \
	FN(tcp_check_syncookie, 100, ##ctx)             \
	FN(sysctl_get_name, 101, ##ctx)                 \
	FN(sysctl_get_current_value, 102, ##ctx)        \
	FN(sysctl_get_new_value, 103, ##ctx)            \
	FN(sysctl_set_new_value, 104, ##ctx)            \
	FN(strtol, 105, ##ctx)                          \
	FN(strtoul, 106, ##ctx)                         \
	FN(sk_storage_get, 107, ##ctx)                  \
	FN(sk_storage_delete, 108, ##ctx)               \
	FN(send_signal, 109, ##ctx)                     \
	FN(tcp_gen_syncookie, 110, ##ctx)               \
	FN(skb_output, 111, ##ctx)                      \
	FN(probe_read_user, 112, ##ctx)                 \
	FN(probe_read_kernel, 113, ##ctx)               \
	FN(probe_read_user_str, 114, ##ctx)             \
	FN(probe_read_kernel_str, 115, ##ctx)           \
	FN(tcp_send_ack, 116, ##ctx)                    \
	FN(send_signal_thread, 117, ##ctx)              \
	FN(jiffies64, 118, ##ctx)                       \
	FN(read_branch_records, 119, ##ctx)             \
	FN(get_ns_current_pid_tgid, 120, ##ctx)         \
	FN(xdp_output, 121, ##ctx)                      \
	FN(get_netns_cookie, 122, ##ctx)                \
	FN(get_current_ancestor_cgroup_id, 123, ##ctx)  \
	FN(sk_assign, 124, ##ctx)                       \
	FN(ktime_get_boot_ns, 125, ##ctx)               \
	FN(seq_printf, 126, ##ctx)                      \
	FN(seq_write, 127, ##ctx)                       \
	FN(sk_cgroup_id, 128, ##ctx)                    \
	FN(sk_ancestor_cgroup_id, 129, ##ctx)           \
	FN(ringbuf_output, 130, ##ctx)                  \
	FN(ringbuf_reserve, 131, ##ctx)                 \
	FN(ringbuf_submit, 132, ##ctx)                  \
	FN(ringbuf_discard, 133, ##ctx)                 \
	FN(ringbuf_query, 134, ##ctx)                   \
	FN(csum_level, 135, ##ctx)                      \
	FN(skc_to_tcp6_sock, 136, ##ctx)                \
	FN(skc_to_tcp_sock, 137, ##ctx)                 \
	FN(skc_to_tcp_timewait_sock, 138, ##ctx)        \
	FN(skc_to_tcp_request_sock, 139, ##ctx)         \
	FN(skc_to_udp6_sock, 140, ##ctx)                \
	FN(get_task_stack, 141, ##ctx)                  \
	FN(load_hdr_opt, 142, ##ctx)                    \
	FN(store_hdr_opt, 143, ##ctx)                   \
	FN(reserve_hdr_opt, 144, ##ctx)                 \
	FN(inode_storage_get, 145, ##ctx)               \
	FN(inode_storage_delete, 146, ##ctx)            \
	FN(d_path, 147, ##ctx)                          \
	FN(copy_from_user, 148, ##ctx)                  \
	FN(snprintf_btf, 149, ##ctx)                    \
	FN(seq_printf_btf, 150, ##ctx)                  \
	FN(skb_cgroup_classid, 151, ##ctx)              \
	FN(redirect_neigh, 152, ##ctx)                  \
	FN(per_cpu_ptr, 153, ##ctx)                     \
	FN(this_cpu_ptr, 154, ##ctx)                    \
	FN(redirect_peer, 155, ##ctx)                   \
	FN(task_storage_get, 156, ##ctx)                \
	FN(task_storage_delete, 157, ##ctx)             \
	FN(get_current_task_btf, 158, ##ctx)            \
	FN(bprm_opts_set, 159, ##ctx)                   \
	FN(ktime_get_coarse_ns, 160, ##ctx)             \
	FN(ima_inode_hash, 161, ##ctx)                  \
	FN(sock_from_file, 162, ##ctx)                  \
	FN(check_mtu, 163, ##ctx)                       \
	FN(for_each_map_elem, 164, ##ctx)               \
	FN(snprintf, 165, ##ctx)                        \
	FN(sys_bpf, 166, ##ctx)                         \
	FN(btf_find_by_name_kind, 167, ##ctx)           \
	FN(sys_close, 168, ##ctx)                       \
	FN(timer_init, 169, ##ctx)                      \
	FN(timer_set_callback, 170, ##ctx)              \
	FN(timer_start, 171, ##ctx)                     \
	FN(timer_cancel, 172, ##ctx)                    \
	FN(get_func_ip, 173, ##ctx)                     \
	FN(get_attach_cookie, 174, ##ctx)               \
	FN(task_pt_regs, 175, ##ctx)                    \
	FN(get_branch_snapshot, 176, ##ctx)             \
	FN(trace_vprintk, 177, ##ctx)                   \
	FN(skc_to_unix_sock, 178, ##ctx)                \
	FN(kallsyms_lookup_name, 179, ##ctx)            \
	FN(find_vma, 180, ##ctx)                        \
	FN(loop, 181, ##ctx)                            \
	FN(strncmp, 182, ##ctx)                         \
	FN(get_func_arg, 183, ##ctx)                    \
	FN(get_func_ret, 184, ##ctx)                    \
	FN(get_func_arg_cnt, 185, ##ctx)                \
	FN(get_retval, 186, ##ctx)                      \
	FN(set_retval, 187, ##ctx)                      \
	FN(xdp_get_buff_len, 188, ##ctx)                \
	FN(xdp_load_bytes, 189, ##ctx)                  \
	FN(xdp_store_bytes, 190, ##ctx)                 \
	FN(copy_from_user_task, 191, ##ctx)             \
	FN(skb_set_tstamp, 192, ##ctx)                  \
	FN(ima_file_hash, 193, ##ctx)                   \
	FN(kptr_xchg, 194, ##ctx)                       \
	FN(map_lookup_percpu_elem, 195, ##ctx)          \
	FN(skc_to_mptcp_sock, 196, ##ctx)               \
	FN(dynptr_from_mem, 197, ##ctx)                 \
	FN(ringbuf_reserve_dynptr, 198, ##ctx)          \
	FN(ringbuf_submit_dynptr, 199, ##ctx)           \
	FN(ringbuf_discard_dynptr, 200, ##ctx)          \
	FN(dynptr_read, 201, ##ctx)                     \
	FN(dynptr_write, 202, ##ctx)                    \
	FN(dynptr_data, 203, ##ctx)                     \
	FN(tcp_raw_gen_syncookie_ipv4, 204, ##ctx)      \
	FN(tcp_raw_gen_syncookie_ipv6, 205, ##ctx)      \
	FN(tcp_raw_check_syncookie_ipv4, 206, ##ctx)    \
	FN(tcp_raw_check_syncookie_ipv6, 207, ##ctx)    \
	FN(ktime_get_tai_ns, 208, ##ctx)                \
	FN(user_ringbuf_drain, 209, ##ctx)              \
	FN(cgrp_storage_get, 210, ##ctx)                \
	FN(cgrp_storage_delete, 211, ##ctx)             \
	/* end of list */

#define __BPF_FUNC_MAPPER_APPLY(name, value, FN) FN(name),
#define __BPF_FUNC_MAPPER(FN) ___BPF_FUNC_MAPPER(__BPF_FUNC_MAPPER_APPLY, FN)

#define __BPF_ENUM_FN(x, y) BPF_FUNC_##x = y,
enum bpf_func_id {
	___BPF_FUNC_MAPPER(__BPF_ENUM_FN)
	__BPF_FUNC_MAX_ID,
};
#undef __BPF_ENUM_FN

/* bpf_get_stackid and bpf_get_stack: flags. */
enum {
	BPF_F_SKIP_FIELD_MASK = 0xffULL,   /* frames to skip, 0 to 255 */
	BPF_F_USER_STACK = (1ULL << 8),    /* the user stack, not the kernel's */
	BPF_F_FAST_STACK_CMP = (1ULL << 9), /* compare stacks by hash only */
	BPF_F_REUSE_STACKID = (1ULL << 10), /* on a hash collision, replace the old stack */
	BPF_F_USER_BUILD_ID = (1ULL << 11),
};

/* bpf_perf_event_output and bpf_perf_event_read: which CPU's entry of the array. */
enum {
	BPF_F_INDEX_MASK = 0xffffffffULL,
	BPF_F_CURRENT_CPU = BPF_F_INDEX_MASK,
	BPF_F_CTXLEN_MASK = (0xfffffULL << 32), /* skb programs: bytes of packet to append */
};

/* bpf_ringbuf_output, _submit, _discard: wake-up of the consumer. */
enum {
	BPF_RB_NO_WAKEUP = (1ULL << 0),
	BPF_RB_FORCE_WAKEUP = (1ULL << 1),
};

/* bpf_ringbuf_query: what to report. */
enum {
	BPF_RB_AVAIL_DATA = 0, /* bytes produced and not yet consumed */
	BPF_RB_RING_SIZE = 1,  /* bytes of the data area */
	BPF_RB_CONS_POS = 2,   /* consumer position (grows without wrapping) */
	BPF_RB_PROD_POS = 3,   /* producer position */
};

/*
 * A ring buffer record starts with an 8-byte header: a u32 length whose two top bits are
 * flags, then a u32 page offset the kernel uses to find the map from the record. BUSY: the
 * producer has reserved the record and not yet submitted it (the consumer stops there);
 * DISCARD: submitted but to be skipped. Records are padded to multiples of 8 bytes.
 */
enum {
	BPF_RINGBUF_BUSY_BIT = (1U << 31),
	BPF_RINGBUF_DISCARD_BIT = (1U << 30),
	BPF_RINGBUF_HDR_SZ = 8,
};

/* A stack trace map with BPF_F_STACK_BUILD_ID stores these instead of addresses. */
#define BPF_BUILD_ID_SIZE 20
enum bpf_stack_build_id_status {
	BPF_STACK_BUILD_ID_EMPTY = 0, /* no data */
	BPF_STACK_BUILD_ID_VALID = 1, /* build_id and offset */
	BPF_STACK_BUILD_ID_IP = 2,    /* only the address */
};

struct bpf_stack_build_id {
	__s32 status;
	unsigned char build_id[BPF_BUILD_ID_SIZE];
	union {
		__u64 offset;
		__u64 ip;
	};
};

/* bpf_perf_event_read_value: a counter and how long it was enabled and running. */
struct bpf_perf_event_value {
	__u64 counter;
	__u64 enabled;
	__u64 running;
};

/* OBJ_GET_INFO_BY_FD on a program. glass fills the fields commented "filled". */
struct bpf_prog_info {
	__u32 type;                    /* filled: enum bpf_prog_type */
	__u32 id;                      /* filled */
	__u8 tag[BPF_TAG_SIZE];        /* filled: SHA-1 of the instructions, map fds cleared */
	__u32 jited_prog_len;          /* filled: bytes of machine code */
	__u32 xlated_prog_len;         /* filled: bytes of instructions as run */
	__aligned_u64 jited_prog_insns;  /* in: user buffer; filled up to jited_prog_len */
	__aligned_u64 xlated_prog_insns; /* in: user buffer; filled up to xlated_prog_len */
	__u64 load_time;               /* filled: ns since boot */
	__u32 created_by_uid;          /* filled */
	__u32 nr_map_ids;              /* in: room in map_ids; out: maps used */
	__aligned_u64 map_ids;         /* in: user buffer of u32 */
	char name[BPF_OBJ_NAME_LEN];   /* filled */
	__u32 ifindex;
	__u32 gpl_compatible : 1;      /* filled */
	__u32 : 31;
	__u64 netns_dev;
	__u64 netns_ino;
	__u32 nr_jited_ksyms;
	__u32 nr_jited_func_lens;
	__aligned_u64 jited_ksyms;
	__aligned_u64 jited_func_lens;
	__u32 btf_id;
	__u32 func_info_rec_size;
	__aligned_u64 func_info;
	__u32 nr_func_info;
	__u32 nr_line_info;
	__aligned_u64 line_info;
	__aligned_u64 jited_line_info;
	__u32 nr_jited_line_info;
	__u32 line_info_rec_size;
	__u32 jited_line_info_rec_size;
	__u32 nr_prog_tags;
	__aligned_u64 prog_tags;
	__u64 run_time_ns;             /* filled: total while stats were enabled */
	__u64 run_cnt;                 /* filled */
	__u64 recursion_misses;
	__u32 verified_insns;          /* filled by the verifier */
	__u32 attach_btf_obj_id;
	__u32 attach_btf_id;
	__u32 : 32;
} __attribute__((aligned(8)));

/* OBJ_GET_INFO_BY_FD on a map. */
struct bpf_map_info {
	__u32 type;                    /* filled: enum bpf_map_type */
	__u32 id;                      /* filled */
	__u32 key_size;                /* filled */
	__u32 value_size;              /* filled */
	__u32 max_entries;             /* filled */
	__u32 map_flags;               /* filled */
	char name[BPF_OBJ_NAME_LEN];   /* filled */
	__u32 ifindex;
	__u32 btf_vmlinux_value_type_id;
	__u64 netns_dev;
	__u64 netns_ino;
	__u32 btf_id;
	__u32 btf_key_type_id;
	__u32 btf_value_type_id;
	__u32 : 32;
	__u64 map_extra;               /* filled */
} __attribute__((aligned(8)));

/* OBJ_GET_INFO_BY_FD on a link. */
struct bpf_link_info {
	__u32 type;                    /* filled: enum bpf_link_type */
	__u32 id;                      /* filled */
	__u32 prog_id;                 /* filled */
	union {
		struct {
			__aligned_u64 tp_name; /* in: user buffer; filled */
			__u32 tp_name_len;     /* in: its size; out: length with the NUL */
		} raw_tracepoint;
		struct {
			__u32 attach_type;
			__u32 target_obj_id;
			__u32 target_btf_id;
		} tracing;
		struct {
			__u64 cgroup_id;
			__u32 attach_type;
		} cgroup;
		struct {
			__aligned_u64 target_name;
			__u32 target_name_len;
			union {
				struct {
					__u32 map_id;
				} map;
			};
			union {
				struct {
					__u64 cgroup_id;
					__u32 order;
				} cgroup;
				struct {
					__u32 tid;
					__u32 pid;
				} task;
			};
		} iter;
		struct {
			__u32 netns_ino;
			__u32 attach_type;
		} netns;
		struct {
			__u32 ifindex;
		} xdp;
	};
} __attribute__((aligned(8)));

#endif /* BPF_UAPI_BPF_H */
