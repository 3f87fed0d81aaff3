/*
 * bpf/link.h - links: a program attached to an event, as an object with an fd. Closing the
 * last fd of a link detaches the program. Linux's struct bpf_link.
 *
 * glass's bpf/ knows no events itself: attach targets register with bpf_link_register_target
 * for an attach type (the tracing code registers BPF_PERF_EVENT for kprobes and tracepoints
 * and BPF_TRACE_RAW_TP for raw tracepoints; the host tests register a test target).
 * BPF_LINK_CREATE dispatches by attr->link_create.attach_type, BPF_RAW_TRACEPOINT_OPEN to
 * BPF_TRACE_RAW_TP with the tracepoint's name. A target allocates its own link structure
 * with a struct bpf_link inside, initialises it with bpf_link_init and returns it; the
 * command layer gives it an id and an fd.
 */
#ifndef BPF_LINK_H
#define BPF_LINK_H

#include "bpf/prog_aux.h"

struct bpf_link;

struct bpf_link_ops {
	/* Detach: after it returns the program no longer runs for the event. */
	void (*release)(struct bpf_link *link);
	/* Free the target's link structure. */
	void (*dealloc)(struct bpf_link *link);
	/* Optional: fill the type-specific part of OBJ_GET_INFO_BY_FD. 0 or -errno. */
	int (*fill_link_info)(const struct bpf_link *link, struct bpf_link_info *info);
};

struct bpf_link {
	u32 refcnt;
	u32 id;
	u32 type; /* enum bpf_link_type */
	const struct bpf_link_ops *ops;
	struct bpf_prog *prog; /* a reference, dropped when the link goes */
};

/* What a target gets to attach with. */
struct bpf_attach_args {
	u32 attach_type;     /* enum bpf_attach_type */
	u32 target_fd;	     /* LINK_CREATE: the perf event (or other) fd */
	u32 flags;	     /* LINK_CREATE: link_create.flags */
	u64 cookie;	     /* LINK_CREATE for BPF_PERF_EVENT: bpf_cookie */
	const char *tp_name; /* RAW_TRACEPOINT_OPEN: the tracepoint, a kernel copy */
};

/*
 * An attach target: attach prog as args say and return a new link (*link, initialised with
 * bpf_link_init). 0 or a negative errno (-ENOENT: no such tracepoint; -EINVAL: the program
 * type does not fit; ...). Called from bpf(), process context.
 */
typedef int (*bpf_attach_fn)(struct bpf_prog *prog, const struct bpf_attach_args *args,
			     struct bpf_link **link);

/* Register (or with NULL, remove) the target of an attach type. 0, or -EINVAL / -EBUSY. */
int bpf_link_register_target(u32 attach_type, bpf_attach_fn attach);

/* Initialise a target's link: takes its own reference on prog. */
void bpf_link_init(struct bpf_link *link, u32 type, const struct bpf_link_ops *ops,
		   struct bpf_prog *prog);

void bpf_link_inc(struct bpf_link *link);
/* Drop a reference; the last one detaches, drops the program and frees the link. */
void bpf_link_put(struct bpf_link *link);
/* The link behind fd, with a new reference. 0, -EBADF, or -EINVAL when not a link. */
int bpf_link_get_from_fd(int ufd, struct bpf_link **link);
struct bpf_link *bpf_link_find_by_id(u32 id);
struct bpf_link *bpf_link_get_next_by_id(u32 *id);

/* BPF_LINK_CREATE and BPF_RAW_TRACEPOINT_OPEN: a new link fd, or a negative errno. */
int bpf_link_create(const union bpf_attr *attr);
int bpf_raw_tracepoint_open(const union bpf_attr *attr);
/* BPF_OBJ_GET_INFO_BY_FD on a link. */
int bpf_link_get_info_by_fd(struct bpf_link *link, const union bpf_attr *attr,
			    union bpf_attr *uattr);

#endif /* BPF_LINK_H */
