/*
 * user/lib/bpf/btf.c - the maps of SEC(".maps"), read from BTF as libbpf reads them.
 *
 * A map definition in BPF C is a variable of an anonymous struct whose members carry numbers
 * in their types (bpf_helpers.h):
 *
 *	struct {
 *		__uint(type, BPF_MAP_TYPE_HASH);	int (*type)[1];       an array of 1
 *		__uint(max_entries, 64);		int (*max_entries)[64];
 *		__type(key, __u32);			__u32 *key;           its size: 4
 *		__type(value, __u64);			__u64 *value;
 *	} opens SEC(".maps");
 *
 * The variable holds nothing (the section is all zeros); clang's BTF describes it. So: find the
 * DATASEC type named ".maps", and for each variable in it, walk its struct's members: a __uint
 * is a pointer to an array whose length is the number, a __type a pointer whose target's size
 * is the key or value size. clang leaves the variables' offsets in the DATASEC at 0 (libbpf
 * fills them in before it hands the BTF to the kernel); the ELF symbol of the same name gives
 * the offset, which is also where relocations point.
 *
 * Every offset and type id is checked before use; bad BTF is an error naming what is wrong.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "user/lib/bpf/libbpf_internal.h"

#define BTF_MAX_DEPTH 32

struct btf {
	const unsigned char *types;
	__u32 types_len;
	const char *strs;
	__u32 strs_len;
	const struct btf_type **by_id; /* by_id[1..nr]; 0 is void */
	__u32 nr;
	const char *path;
};

static __u32 btf_kind(const struct btf_type *t) { return (t->info >> 24) & 0x1f; }
static __u32 btf_vlen(const struct btf_type *t) { return t->info & 0xffff; }

/* Bytes that follow a type of this kind, or -1 for a kind this loader does not know. */
static long btf_extra(const struct btf_type *t)
{
	switch (btf_kind(t)) {
	case BTF_KIND_INT:
	case BTF_KIND_VAR:
	case BTF_KIND_DECL_TAG:
		return 4;
	case BTF_KIND_ARRAY:
		return sizeof(struct btf_array);
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		return (long)btf_vlen(t) * sizeof(struct btf_member);
	case BTF_KIND_ENUM:
	case BTF_KIND_FUNC_PROTO:
		return (long)btf_vlen(t) * 8;
	case BTF_KIND_DATASEC:
		return (long)btf_vlen(t) * sizeof(struct btf_var_secinfo);
	case BTF_KIND_ENUM64:
		return (long)btf_vlen(t) * 12;
	case BTF_KIND_PTR:
	case BTF_KIND_FWD:
	case BTF_KIND_TYPEDEF:
	case BTF_KIND_VOLATILE:
	case BTF_KIND_CONST:
	case BTF_KIND_RESTRICT:
	case BTF_KIND_FUNC:
	case BTF_KIND_FLOAT:
	case BTF_KIND_TYPE_TAG:
		return 0;
	default:
		return -1;
	}
}

static int btf_parse(struct btf *btf, const unsigned char *data, __u64 size)
{
	const struct btf_header *h = (const void *)data;
	__u32 off = 0;

	if (size < sizeof(*h) || h->magic != BTF_MAGIC || h->version != 1 ||
	    h->hdr_len < sizeof(*h) || h->hdr_len > size) {
		pr_warn("%s: .BTF: not BTF (bad magic, version or header)", btf->path);
		return -ENOEXEC;
	}
	size -= h->hdr_len;
	if (h->type_off > size || h->type_len > size - h->type_off || h->type_off % 4 ||
	    h->str_off > size || h->str_len > size - h->str_off || !h->str_len ||
	    data[h->hdr_len + h->str_off + h->str_len - 1]) {
		pr_warn("%s: .BTF: its type or string section is outside it", btf->path);
		return -ENOEXEC;
	}
	btf->types = data + h->hdr_len + h->type_off;
	btf->types_len = h->type_len;
	btf->strs = (const char *)data + h->hdr_len + h->str_off;
	btf->strs_len = h->str_len;
	while (off < btf->types_len) {
		const struct btf_type *t = (const void *)(btf->types + off);
		const struct btf_type **by_id;
		long extra;

		if (btf->types_len - off < sizeof(*t) ||
		    (extra = btf_extra(t)) < 0 ||
		    (__u64)extra > btf->types_len - off - sizeof(*t)) {
			pr_warn("%s: .BTF: type %u is truncated or of an unknown kind", btf->path,
				btf->nr + 1);
			return -ENOEXEC;
		}
		by_id = realloc(btf->by_id, (btf->nr + 2) * sizeof(*by_id));
		if (!by_id)
			return -ENOMEM;
		btf->by_id = by_id;
		by_id[0] = NULL;
		by_id[++btf->nr] = t;
		off += (__u32)(sizeof(*t) + extra);
	}
	return 0;
}

static const struct btf_type *btf_type(const struct btf *btf, __u32 id)
{
	return id >= 1 && id <= btf->nr ? btf->by_id[id] : NULL;
}

static const char *btf_name(const struct btf *btf, __u32 off)
{
	return off < btf->strs_len ? btf->strs + off : "";
}

/* Through typedefs and qualifiers to the type that has a shape. */
static const struct btf_type *btf_skip_mods(const struct btf *btf, __u32 id)
{
	const struct btf_type *t = btf_type(btf, id);

	for (int depth = 0; t && depth < BTF_MAX_DEPTH; depth++) {
		switch (btf_kind(t)) {
		case BTF_KIND_TYPEDEF:
		case BTF_KIND_VOLATILE:
		case BTF_KIND_CONST:
		case BTF_KIND_RESTRICT:
		case BTF_KIND_TYPE_TAG:
			t = btf_type(btf, t->size_or_type);
			break;
		default:
			return t;
		}
	}
	return NULL;
}

/* The size in bytes of type id; -1 when it has none (void, a function, a loop). */
static long btf_size(const struct btf *btf, __u32 id, int depth)
{
	const struct btf_type *t = btf_skip_mods(btf, id);
	const struct btf_array *a;
	long elem;

	if (!t || depth > BTF_MAX_DEPTH)
		return -1;
	switch (btf_kind(t)) {
	case BTF_KIND_INT:
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
	case BTF_KIND_FLOAT:
		return t->size_or_type;
	case BTF_KIND_PTR:
		return 8;
	case BTF_KIND_ARRAY:
		a = (const void *)(t + 1);
		elem = btf_size(btf, a->type, depth + 1);
		return elem < 0 || (elem && a->nelems > 0x7fffffffL / elem) ? -1 : elem * a->nelems;
	default:
		return -1;
	}
}

/* A __uint(name, N) member: a pointer to an array of N. */
static int member_uint(const struct btf *btf, const struct btf_member *m, __u32 *value)
{
	const struct btf_type *ptr = btf_skip_mods(btf, m->type), *arr;

	if (!ptr || btf_kind(ptr) != BTF_KIND_PTR)
		return -1;
	arr = btf_skip_mods(btf, ptr->size_or_type);
	if (!arr || btf_kind(arr) != BTF_KIND_ARRAY)
		return -1;
	*value = ((const struct btf_array *)(arr + 1))->nelems;
	return 0;
}

/* A __type(name, T) member: a pointer to T, whose size is what counts. */
static int member_type_size(const struct btf *btf, const struct btf_member *m, __u32 *value)
{
	const struct btf_type *ptr = btf_skip_mods(btf, m->type);
	long size;

	if (!ptr || btf_kind(ptr) != BTF_KIND_PTR)
		return -1;
	size = btf_size(btf, ptr->size_or_type, 0);
	if (size < 0)
		return -1;
	*value = (__u32)size;
	return 0;
}

/* The definition of one map: the members of its struct. */
static int parse_map_def(const struct btf *btf, const struct btf_type *def, struct bpf_map *map)
{
	const struct btf_member *m = (const void *)(def + 1);

	for (__u32 i = 0; i < btf_vlen(def); i++, m++) {
		const char *name = btf_name(btf, m->name_off);
		int bad;

		if (!strcmp(name, "type"))
			bad = member_uint(btf, m, (__u32 *)&map->type);
		else if (!strcmp(name, "max_entries"))
			bad = member_uint(btf, m, &map->max_entries);
		else if (!strcmp(name, "map_flags"))
			bad = member_uint(btf, m, &map->map_flags);
		else if (!strcmp(name, "key_size"))
			bad = member_uint(btf, m, &map->key_size);
		else if (!strcmp(name, "value_size"))
			bad = member_uint(btf, m, &map->value_size);
		else if (!strcmp(name, "key"))
			bad = member_type_size(btf, m, &map->key_size);
		else if (!strcmp(name, "value"))
			bad = member_type_size(btf, m, &map->value_size);
		else {
			pr_warn("%s: map '%s': unknown field '%s' (type, max_entries, map_flags, "
				"key, value, key_size, value_size)",
				btf->path, map->name, name);
			return -EINVAL;
		}
		if (bad) {
			pr_warn("%s: map '%s': field '%s' is not of the __uint() or __type() form",
				btf->path, map->name, name);
			return -EINVAL;
		}
	}
	if (!map->type) {
		pr_warn("%s: map '%s': no type", btf->path, map->name);
		return -EINVAL;
	}
	return 0;
}

static int add_maps(struct bpf_object *obj, const struct btf *btf, const struct btf_type *sec,
		    __u32 maps_shndx)
{
	const struct btf_var_secinfo *vs = (const void *)(sec + 1);
	__u64 sec_size = obj->shdrs[maps_shndx].sh_size;

	for (__u32 i = 0; i < btf_vlen(sec); i++, vs++) {
		const struct btf_type *var = btf_type(btf, vs->type), *def;
		struct bpf_map *map;
		int err;

		if (!var || btf_kind(var) != BTF_KIND_VAR) {
			pr_warn("%s: .maps: entry %u is not a variable", obj->path, i);
			return -ENOEXEC;
		}
		map = obj_add_map(obj, btf_name(btf, var->name_off), (int)maps_shndx);
		if (!map)
			return -ENOMEM;
		if (elf_find_sym(obj, maps_shndx, map->name, &map->offset) ||
		    map->offset >= sec_size) {
			pr_warn("%s: map '%s': no symbol of that name inside .maps", obj->path,
				map->name);
			return -ENOEXEC;
		}
		def = btf_skip_mods(btf, var->size_or_type);
		if (!def || btf_kind(def) != BTF_KIND_STRUCT) {
			pr_warn("%s: map '%s': its definition is not a struct", obj->path, map->name);
			return -EINVAL;
		}
		err = parse_map_def(btf, def, map);
		if (err)
			return err;
	}
	return 0;
}

int btf_collect_maps(struct bpf_object *obj, __u32 maps_shndx, __u32 btf_shndx)
{
	struct btf btf = {.path = obj->path};
	const void *data = elf_sec_data(obj, btf_shndx);
	int err = data ? btf_parse(&btf, data, obj->shdrs[btf_shndx].sh_size) : -ENOEXEC;

	if (!data)
		pr_warn("%s: .BTF has no contents", obj->path);
	for (__u32 id = 1; !err && id <= btf.nr; id++) {
		const struct btf_type *t = btf.by_id[id];

		if (btf_kind(t) == BTF_KIND_DATASEC && !strcmp(btf_name(&btf, t->name_off), ".maps")) {
			err = add_maps(obj, &btf, t, maps_shndx);
			free(btf.by_id);
			return err;
		}
	}
	if (!err) {
		pr_warn("%s: .BTF does not describe the .maps section", obj->path);
		err = -ENOEXEC;
	}
	free(btf.by_id);
	return err;
}
