/*
 * bpf/ids.h - how objects are named: ids of programs, maps and links, and the names user space
 * gives them. Ids are what Linux's idr_alloc_cyclic gives: small
 * positive numbers, handed out in increasing order and not reused until they wrap at INT_MAX,
 * so an id seen by bpftool names the same object for as long as it lives.
 *
 * An id table is a sorted array of (id, object) pairs: lookup by id and "the next id after n"
 * (BPF_*_GET_NEXT_ID) are binary searches. Callers hold interrupts off or run in bpf().
 */
#ifndef BPF_IDS_H
#define BPF_IDS_H

#include "bpf/env.h"

struct bpf_idr {
	u32 *ids;    /* sorted */
	void **objs; /* objs[i] has ids[i] */
	u32 nr;	     /* live entries */
	u32 cap;     /* room in both arrays */
	u32 next;    /* where the cyclic search for a free id starts */
};

#define BPF_ID_MAX 0x7fffffffu

/* Give object a new id, stored in *id. 0, or -ENOMEM / -ENOSPC. */
int bpf_idr_alloc(struct bpf_idr *idr, void *object, u32 *id);
/* Forget id. Frees the table's arrays when it becomes empty. */
void bpf_idr_remove(struct bpf_idr *idr, u32 id);
/* The object with this id, or NULL. */
void *bpf_idr_find(const struct bpf_idr *idr, u32 id);
/* The object with the smallest id greater than *id, which is updated; NULL when none. */
void *bpf_idr_get_next(const struct bpf_idr *idr, u32 *id);

/*
 * Copy an object name (prog_name, map_name) of at most size bytes: only letters, digits,
 * '_' and '.', NUL-terminated within size. The length, or -EINVAL.
 */
int bpf_obj_name_cpy(char *dst, const char *src, unsigned int size);

#endif /* BPF_IDS_H */
