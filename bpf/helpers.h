/*
 * bpf/helpers.h - helper functions: what a program can call with "call <id>", and the
 * prototype the verifier checks each call against.
 *
 * A helper is a C function taking BPF r1-r5 as u64 and returning r0 (bpf_helper_fn in
 * bpf/prog.h). Its struct bpf_func_proto says what each argument must be and what the result
 * is, in Linux's vocabulary (include/linux/bpf.h), so the verifier can read, for example,
 * that bpf_map_lookup_elem takes a map pointer and a pointer to a key of that map's key_size,
 * and returns a pointer to a value or NULL.
 *
 * Which helpers a program may call depends on its type: the program type's get_func_proto
 * (bpf/prog_types.c) answers per helper id, and the load path builds the program's helper
 * table from those answers (bpf_prog_fill_helpers). gpl_only helpers are offered only to
 * programs whose license is GPL-compatible.
 *
 * Implementations: bpf/helpers.c (maps, time, task, randomness, probes, tail calls, loops),
 * bpf/trace_helpers.c (trace_printk, snprintf, perf_event_output, get_stackid, get_func_ip),
 * bpf/maps/ringbuf.c (the ring buffer helpers).
 */
#ifndef BPF_HELPERS_H
#define BPF_HELPERS_H

#include "bpf/prog.h"

/* What a helper returns (r0), for the verifier. */
enum bpf_return_type {
	RET_INTEGER,			/* a scalar */
	RET_VOID,			/* nothing: r0 is unknown afterwards */
	RET_PTR_TO_MAP_VALUE_OR_NULL,	/* a value of the map in the ARG_CONST_MAP_PTR argument */
	RET_PTR_TO_RINGBUF_MEM_OR_NULL, /* a record of ARG_CONST_ALLOC_SIZE_OR_ZERO bytes */
};

/* What an argument (r1-r5) must be. */
enum bpf_arg_type {
	ARG_DONTCARE = 0,	      /* unused argument */
	ARG_CONST_MAP_PTR,	      /* a map, from a BPF_PSEUDO_MAP_FD load */
	ARG_PTR_TO_MAP_KEY,	      /* readable memory of the map's key_size */
	ARG_PTR_TO_MAP_VALUE,	      /* readable memory of the map's value_size */
	ARG_PTR_TO_MEM,		      /* readable memory of the size in the next argument */
	ARG_PTR_TO_MEM_OR_NULL,	      /* the same, or NULL */
	ARG_PTR_TO_UNINIT_MEM,	      /* writable memory of the size in the next argument */
	ARG_CONST_SIZE,		      /* the size of the previous argument, > 0 */
	ARG_CONST_SIZE_OR_ZERO,	      /* the size of the previous argument, >= 0 */
	ARG_CONST_ALLOC_SIZE_OR_ZERO, /* a constant size the helper allocates (ringbuf_reserve) */
	ARG_PTR_TO_CTX,		      /* the program's context, unmodified */
	ARG_PTR_TO_RINGBUF_MEM,	      /* a record from bpf_ringbuf_reserve, to submit or discard */
	ARG_PTR_TO_CONST_STR,	      /* a NUL-terminated string in a read-only map value */
	ARG_PTR_TO_FUNC,	      /* a subprogram, from a BPF_PSEUDO_FUNC load (callbacks) */
	ARG_PTR_TO_STACK_OR_NULL,     /* a pointer to the stack, or NULL (callback context) */
	ARG_ANYTHING,		      /* any value */
};

struct bpf_func_proto {
	bpf_helper_fn func;
	const char *name; /* "bpf_map_lookup_elem", for the verifier's messages */
	bool gpl_only;	  /* only for programs with a GPL-compatible license */
	enum bpf_return_type ret_type;
	enum bpf_arg_type arg_type[5]; /* r1 .. r5 */
};

/*
 * What a BPF_PSEUDO_FUNC 64-bit load puts in its register: a callback that a helper (bpf_loop)
 * can call with two arguments. The load path makes one per such load (bpf/prog.c). The
 * subprogram starts at instruction insn_off of owner; it runs in the interpreter as a program
 * of its own (whose first instruction is the subprogram's), unless a JIT sets jit_func to its
 * compiled entry. Whoever moves instructions (the verifier's rewrites) keeps insn_off right.
 */
struct bpf_callback {
	const struct bpf_prog *owner;
	u32 insn_off;
	bpf_func_t jit_func; /* NULL: interpret */
};

/* Call a callback with r1 and r2 (the subprogram sees them in r1, r2); returns its r0. */
u64 bpf_callback_call(const struct bpf_callback *cb, u64 r1, u64 r2);

/* Prototypes of the helpers glass implements, by Linux id. */
extern const struct bpf_func_proto bpf_map_lookup_elem_proto;
extern const struct bpf_func_proto bpf_map_update_elem_proto;
extern const struct bpf_func_proto bpf_map_delete_elem_proto;
extern const struct bpf_func_proto bpf_probe_read_compat_proto;
extern const struct bpf_func_proto bpf_probe_read_compat_str_proto;
extern const struct bpf_func_proto bpf_probe_read_kernel_proto;
extern const struct bpf_func_proto bpf_probe_read_user_proto;
extern const struct bpf_func_proto bpf_probe_read_kernel_str_proto;
extern const struct bpf_func_proto bpf_probe_read_user_str_proto;
extern const struct bpf_func_proto bpf_ktime_get_ns_proto;
extern const struct bpf_func_proto bpf_ktime_get_boot_ns_proto;
extern const struct bpf_func_proto bpf_get_prandom_u32_proto;
extern const struct bpf_func_proto bpf_get_smp_processor_id_proto;
extern const struct bpf_func_proto bpf_get_current_pid_tgid_proto;
extern const struct bpf_func_proto bpf_get_current_uid_gid_proto;
extern const struct bpf_func_proto bpf_get_current_comm_proto;
extern const struct bpf_func_proto bpf_tail_call_proto;
extern const struct bpf_func_proto bpf_loop_proto;
extern const struct bpf_func_proto bpf_trace_printk_proto;
extern const struct bpf_func_proto bpf_snprintf_proto;
extern const struct bpf_func_proto bpf_perf_event_output_proto;
extern const struct bpf_func_proto bpf_get_stackid_proto;
extern const struct bpf_func_proto bpf_get_func_ip_proto;
extern const struct bpf_func_proto bpf_ringbuf_output_proto;
extern const struct bpf_func_proto bpf_ringbuf_reserve_proto;
extern const struct bpf_func_proto bpf_ringbuf_submit_proto;
extern const struct bpf_func_proto bpf_ringbuf_discard_proto;
extern const struct bpf_func_proto bpf_ringbuf_query_proto;

/*
 * The helpers every tracing program type may call (kprobe, tracepoint, raw_tracepoint,
 * perf_event): the proto for func_id, or NULL. Program types add their own on top.
 */
const struct bpf_func_proto *bpf_tracing_func_proto(u32 func_id, const struct bpf_prog *prog);

/* Format of bpf_trace_printk and bpf_snprintf: see bpf/trace_helpers.c. Most arguments: */
#define MAX_TRACE_PRINTK_VARARGS 3
#define MAX_BPF_FUNC_VARARGS	 12
/* Most iterations of bpf_loop (Linux's BPF_MAX_LOOPS). */
#define BPF_MAX_LOOPS (8 * 1024 * 1024)

#endif /* BPF_HELPERS_H */
