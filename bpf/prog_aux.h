/*
 * bpf/prog_aux.h - the program as an object of the bpf() layer: struct bpf_prog_aux (what
 * a loaded program carries besides its instructions), reference counts, ids, file
 * descriptors, the load path and the program types.
 *
 * Life of a program (bpf/prog.c): BPF_PROG_LOAD copies the instructions in, resolves its map
 * loads (taking a reference on each map), builds its helper table from its program type,
 * runs the structural check and the verifier (bpf_check), chooses interpreter or JIT,
 * computes its tag, gives it an id and an fd. Holders: fds, links, PROG_ARRAY slots. When
 * the last reference goes, the id is released, the maps are put, and the program is freed.
 *
 * Read next: bpf/prog_types.c (what each program type allows), bpf/syscall.c.
 */
#ifndef BPF_PROG_AUX_H
#define BPF_PROG_AUX_H

#include "bpf/helpers.h"
#include "bpf/map.h"
#include "bpf/prog.h"

/* Linux's kallsyms name of a program's image: "bpf_prog_" + 16 hex digits + "_" + name. */
#define BPF_PROG_KSYM_LEN (9 + 2 * BPF_TAG_SIZE + 1 + BPF_OBJ_NAME_LEN)

struct bpf_prog_aux {
	u32 refcnt;
	u32 id; /* 0 until published */
	char name[BPF_OBJ_NAME_LEN];
	char ksym_name[BPF_PROG_KSYM_LEN]; /* bpf_prog_<tag>_<name>: the JIT image's symbol */
	const struct bpf_prog_type_ops *ops;
	struct bpf_map **used_maps; /* maps the program's loads name, one reference each */
	u32 used_map_cnt;
	struct bpf_callback **callbacks; /* BPF_PSEUDO_FUNC loads (bpf_loop callbacks) */
	u32 nr_callbacks;
	bpf_helper_fn *helper_table; /* prog->helpers, owned */
	u64 load_time;		     /* ns, bpf_env_time_ns at load */
	u32 created_by_uid;
	u32 verified_insns; /* set by the verifier */
	u32 max_ctx_offset; /* set by the verifier: bytes of context it reads */
	u64 run_cnt;	    /* statistics, while bpf_stats_enabled */
	u64 run_time_ns;
};

/* Reading or writing the context, for is_valid_access. */
enum bpf_access_type {
	BPF_READ = 1,
	BPF_WRITE = 2,
};

/*
 * A program type (Linux's bpf_verifier_ops and bpf_prog_ops in one): its name, the size of
 * its context, the helpers it may call and the context accesses it may make (both for the
 * verifier), and how PROG_TEST_RUN runs it. The table is in bpf/prog_types.c.
 */
struct bpf_prog_type_ops {
	const char *name; /* lower-case Linux name without prefix: "kprobe" */
	u32 ctx_size;	  /* bytes of context a program may read; PROG_TEST_RUN's buffer */
	const struct bpf_func_proto *(*get_func_proto)(u32 func_id, const struct bpf_prog *prog);
	/* May the program access size bytes at off of its context? */
	bool (*is_valid_access)(int off, int size, enum bpf_access_type type,
				const struct bpf_prog *prog);
};

/* The ops of a program type, or NULL when glass does not support it. */
const struct bpf_prog_type_ops *bpf_prog_type_ops(u32 prog_type);
/* Program type by name ("kprobe") and back. -EINVAL / NULL when unknown. */
int bpf_prog_type_from_name(const char *name);
const char *bpf_prog_type_name(u32 prog_type);

/* References. put frees the program when the last one goes. */
void bpf_prog_inc(struct bpf_prog *prog);
void bpf_prog_put(struct bpf_prog *prog);
/* The program behind fd, with a new reference. 0, -EBADF, or -EINVAL when not a program. */
int bpf_prog_get(int ufd, struct bpf_prog **prog);
/* By id (no reference taken), and the next id after *id. */
struct bpf_prog *bpf_prog_find_by_id(u32 id);
struct bpf_prog *bpf_prog_get_next_by_id(u32 *id);
/*
 * The loaded program whose JIT image holds addr, or NULL: its symbol is aux->ksym_name
 * (bpf_prog_<tag>_<name>), as Linux names JIT images in kallsyms and backtraces.
 */
const struct bpf_prog *bpf_prog_ksym_find(u64 addr);

/* The tag: SHA-1 of the instructions with the map fds and offsets of 64-bit loads cleared. */
void bpf_prog_calc_tag(struct bpf_prog *prog);

/* BPF_PROG_LOAD: a new fd, or a negative errno (the verifier's reason in the log). */
int bpf_prog_load(const union bpf_attr *attr, union bpf_attr *uattr);
/* BPF_PROG_TEST_RUN (bpf/test_run.c): 0 with retval and duration written to uattr, or -errno. */
int bpf_prog_test_run(const union bpf_attr *attr, union bpf_attr *uattr);
/* BPF_OBJ_GET_INFO_BY_FD on a program: fill the user's struct bpf_prog_info. */
int bpf_prog_get_info_by_fd(struct bpf_prog *prog, const union bpf_attr *attr,
			    union bpf_attr *uattr);

/* The verifier (bpf/verifier/): 0 when the program is safe to run, else -EINVAL/-EACCES. */
int bpf_check(struct bpf_prog *prog, const union bpf_attr *attr, union bpf_attr *uattr);

/* May prog use or join this PROG_ARRAY (same type and runtime as its owner)? Sets the owner. */
bool bpf_prog_array_compatible(struct bpf_map *map, const struct bpf_prog *prog);

/* The map a 64-bit load at insn refers to after loading (for the verifier), and its offset. */
struct bpf_map *bpf_prog_insn_map(const struct bpf_prog *prog, const struct bpf_insn *insn,
				  u32 *off);

#endif /* BPF_PROG_AUX_H */
