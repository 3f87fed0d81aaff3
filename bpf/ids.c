/*
 * bpf/ids.c - the id tables of bpf/ids.h: sorted arrays searched by bisection.
 *
 * Allocation is cyclic like Linux's: the search starts after the last id given, so ids keep
 * growing and a freed id comes back only after wrapping past BPF_ID_MAX. Until then each new
 * id is the largest and lands at the end of the array; after a wrap it is inserted in order.
 */
#include "bpf/ids.h"

/* Index of the first entry whose id is >= id (nr when there is none). */
static u32 lower_bound(const struct bpf_idr *idr, u32 id)
{
	u32 lo = 0, hi = idr->nr;

	while (lo < hi) {
		u32 mid = lo + (hi - lo) / 2;

		if (idr->ids[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int grow(struct bpf_idr *idr)
{
	u32 cap = idr->cap ? idr->cap * 2 : 16;
	u32 *ids = bpf_env_alloc(cap * sizeof(*ids));
	void **objs = bpf_env_alloc(cap * sizeof(*objs));

	if (!ids || !objs) {
		bpf_env_free(ids);
		bpf_env_free(objs);
		return -ENOMEM;
	}
	if (idr->nr) {
		memcpy(ids, idr->ids, idr->nr * sizeof(*ids));
		memcpy(objs, idr->objs, idr->nr * sizeof(*objs));
	}
	bpf_env_free(idr->ids);
	bpf_env_free(idr->objs);
	idr->ids = ids;
	idr->objs = objs;
	idr->cap = cap;
	return 0;
}

int bpf_idr_alloc(struct bpf_idr *idr, void *object, u32 *id)
{
	u32 candidate, pos;
	int err;

	if (idr->nr >= BPF_ID_MAX)
		return -ENOSPC;
	if (idr->nr == idr->cap) {
		err = grow(idr);
		if (err)
			return err;
	}
	candidate = idr->next ? idr->next : 1;
	for (;;) {
		if (candidate > BPF_ID_MAX)
			candidate = 1;
		pos = lower_bound(idr, candidate);
		if (pos == idr->nr || idr->ids[pos] != candidate)
			break;
		candidate++;
	}
	memmove(&idr->ids[pos + 1], &idr->ids[pos], (idr->nr - pos) * sizeof(*idr->ids));
	memmove(&idr->objs[pos + 1], &idr->objs[pos], (idr->nr - pos) * sizeof(*idr->objs));
	idr->ids[pos] = candidate;
	idr->objs[pos] = object;
	idr->nr++;
	idr->next = candidate + 1;
	*id = candidate;
	return 0;
}

void bpf_idr_remove(struct bpf_idr *idr, u32 id)
{
	u32 pos = lower_bound(idr, id);

	if (pos == idr->nr || idr->ids[pos] != id)
		return;
	idr->nr--;
	memmove(&idr->ids[pos], &idr->ids[pos + 1], (idr->nr - pos) * sizeof(*idr->ids));
	memmove(&idr->objs[pos], &idr->objs[pos + 1], (idr->nr - pos) * sizeof(*idr->objs));
	if (!idr->nr) {
		bpf_env_free(idr->ids);
		bpf_env_free(idr->objs);
		idr->ids = NULL;
		idr->objs = NULL;
		idr->cap = 0;
	}
}

void *bpf_idr_find(const struct bpf_idr *idr, u32 id)
{
	u32 pos = lower_bound(idr, id);

	return pos < idr->nr && idr->ids[pos] == id ? idr->objs[pos] : NULL;
}

void *bpf_idr_get_next(const struct bpf_idr *idr, u32 *id)
{
	u32 pos;

	if (*id >= BPF_ID_MAX)
		return NULL;
	pos = lower_bound(idr, *id + 1);
	if (pos == idr->nr)
		return NULL;
	*id = idr->ids[pos];
	return idr->objs[pos];
}

int bpf_obj_name_cpy(char *dst, const char *src, unsigned int size)
{
	unsigned int i;

	memset(dst, 0, size);
	for (i = 0; i < size && src[i]; i++) {
		char c = src[i];

		if (!(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z') && !(c >= '0' && c <= '9') &&
		    c != '_' && c != '.')
			return -EINVAL;
		dst[i] = c;
	}
	if (i == size)
		return -EINVAL; /* no NUL within size bytes */
	return (int)i;
}
