/*
 * user/lib/bpf/reloc.c - relocations: where a program's 64-bit loads and calls get the fds and
 * distances that only exist once the object is loaded (libbpf's bpf_object__relocate).
 *
 * clang leaves, for each section of code, a .rel<section> list of (offset, symbol, type):
 *   - R_BPF_64_64 on a 64-bit load: the symbol is a map in .maps (the load becomes
 *     BPF_PSEUDO_MAP_FD with the map's fd), a global variable in .data/.rodata/.bss
 *     (BPF_PSEUDO_MAP_VALUE: the data map's fd, the variable's offset) or a function in .text
 *     (BPF_PSEUDO_FUNC: its distance, for bpf_loop callbacks);
 *   - R_BPF_64_32 on a call into .text (BPF_PSEUDO_CALL: its distance).
 * bpf_object__open_file checks every relocation (reloc_apply with apply false); bpf_object__load
 * applies them once the maps have fds.
 *
 * Read next: btf.c.
 */
#include <errno.h>
#include <string.h>
#include <stdlib.h>

#include "user/lib/bpf/libbpf_internal.h"

/*
 * Functions in .text (a __noinline function, a bpf_loop callback) go with every program that
 * uses them: the whole of .text is appended after the program's own code (text_off), so calls
 * inside .text keep their distances, and relocations in .text apply to each copy.
 */
static int text_shndx(const struct bpf_object *obj)
{
	for (__u32 i = 1; i < obj->shnum; i++)
		if (elf_is_code_sec(obj, i) && !strcmp(elf_sec_name(obj, i), ".text") &&
		    obj->shdrs[i].sh_size)
			return (int)i;
	return 0;
}

static const struct elf64_rel *elf_rels(const struct bpf_object *obj, __u32 i, __u64 *nr)
{
	const struct elf64_shdr *rel = &obj->shdrs[i];

	if (rel->sh_type != SHT_REL || rel->sh_info >= obj->shnum || !elf_is_code_sec(obj, rel->sh_info))
		return NULL; /* debug information's relocations: nothing to load */
	*nr = rel->sh_size / sizeof(struct elf64_rel);
	return (const struct elf64_rel *)(obj->data + rel->sh_offset);
}

/* Append .text to the programs whose code refers to it. */
int reloc_append_text(struct bpf_object *obj)
{
	int text = text_shndx(obj);
	__u64 text_cnt = text ? obj->shdrs[text].sh_size / sizeof(struct bpf_insn) : 0;

	for (__u32 i = 1; text && i < obj->shnum; i++) {
		__u64 nr = 0;
		const struct elf64_rel *r = elf_rels(obj, i, &nr);

		for (__u64 k = 0; r && k < nr; k++, r++) {
			const char *name;
			struct bpf_program *p = NULL;
			struct bpf_insn *insns;

			if ((r->r_info >> 32) >= elf_nr_syms(obj) ||
			    elf_sym(obj, r->r_info >> 32, &name)->st_shndx != text)
				continue;
			for (size_t j = 0; j < obj->nr_progs && !p; j++) {
				struct bpf_program *q = &obj->progs[j];

				if (q->shndx == (int)obj->shdrs[i].sh_info && !q->text_off &&
				    r->r_offset >= q->sec_off &&
				    r->r_offset < q->sec_off + q->insn_cnt * sizeof(struct bpf_insn))
					p = q;
			}
			if (!p)
				continue; /* checked by relocate() */
			insns = realloc(p->insns, (p->insn_cnt + text_cnt) * sizeof(*insns));
			if (!insns)
				return -ENOMEM;
			memcpy(insns + p->insn_cnt, elf_sec_data(obj, text),
			       text_cnt * sizeof(*insns));
			p->insns = insns;
			p->text_off = p->insn_cnt;
			p->insn_cnt += text_cnt;
		}
	}
	return 0;
}

static struct bpf_map *map_for_sym(struct bpf_object *obj, const struct elf64_sym *sym)
{
	for (size_t i = 0; i < obj->nr_maps; i++) {
		struct bpf_map *m = &obj->maps[i];

		if (m->shndx == (int)sym->st_shndx && (m->is_data || m->offset == sym->st_value))
			return m;
	}
	return NULL;
}

/*
 * Relocation r at instruction idx of prog: checked, and applied when apply (the maps have
 * fds by then). A call or a function's address into .text becomes a distance to the copy of
 * .text after the program (BPF_PSEUDO_CALL, BPF_PSEUDO_FUNC); a map load gets the map's fd.
 */
static int relocate_insn(struct bpf_object *obj, struct bpf_program *prog, __u64 idx,
			 const struct elf64_rel *r, bool apply)
{
	__u32 type = (__u32)r->r_info;
	const char *name = NULL;
	const struct elf64_sym *sym = elf_sym(obj, r->r_info >> 32, &name);
	struct bpf_insn *insn = &prog->insns[idx];
	bool ldimm64 = insn->code == (BPF_LD | BPF_IMM | BPF_DW) && idx + 1 < prog->insn_cnt;
	int text = text_shndx(obj);
	struct bpf_map *map;
	__s64 sub;

	if (!name)
		name = "?";
	if (text && sym->st_shndx == text) {
		__u64 text_cnt = obj->shdrs[text].sh_size / sizeof(struct bpf_insn);

		if (type == R_BPF_64_32 && insn->code == (BPF_JMP | BPF_CALL) &&
		    insn->src_reg == BPF_PSEUDO_CALL) /* call imm -1 to a function symbol */
			sub = (__s64)(sym->st_value / sizeof(*insn)) + insn->imm + 1;
		else if (type == R_BPF_64_64 && ldimm64) /* the address of .text + imm bytes */
			sub = ((__s64)sym->st_value + insn->imm) / (__s64)sizeof(*insn);
		else
			sub = -1;
		if (sub < 0 || (__u64)sub >= text_cnt) {
			pr_warn("%s: program '%s': the reference to '%s' at insn %llu is not a call "
				"or an address inside .text",
				obj->path, prog->name, name, (unsigned long long)idx);
			return -ENOEXEC;
		}
		if (apply) {
			insn->imm = (__s32)((__s64)prog->text_off + sub - (__s64)idx - 1);
			if (ldimm64) {
				insn->src_reg = BPF_PSEUDO_FUNC;
				insn[1].imm = 0;
			}
		}
		return 0;
	}
	if (type != R_BPF_64_64) {
		pr_warn("%s: relocation type %u against '%s' is not supported", obj->path, type,
			name);
		return -EOPNOTSUPP;
	}
	if (!ldimm64) {
		pr_warn("%s: program '%s': relocation against '%s' at insn %llu is not a 64-bit "
			"load",
			obj->path, prog->name, name, (unsigned long long)idx);
		return -ENOEXEC;
	}
	map = sym->st_shndx < obj->shnum ? map_for_sym(obj, sym) : NULL;
	if (!map) {
		pr_warn("%s: program '%s': '%s' is neither a map nor global data", obj->path,
			prog->name, name);
		return -ENOEXEC;
	}
	if (!apply)
		return 0;
	if (map->is_data) {
		/* Global data: the map's fd, and the offset into its one value. */
		insn[1].imm = insn[0].imm + (__s32)sym->st_value;
		insn[0].src_reg = BPF_PSEUDO_MAP_VALUE;
	} else {
		insn[0].src_reg = BPF_PSEUDO_MAP_FD;
	}
	insn[0].imm = map->fd;
	return 0;
}

/* Relocation r of a section whose code is target: on each program that holds that code. */
static int relocate_one(struct bpf_object *obj, __u32 target, const struct elf64_rel *r,
			bool apply)
{
	const char *sec = elf_sec_name(obj, target);
	bool in_text = (int)target == text_shndx(obj), found = false;

	if ((r->r_info >> 32) >= elf_nr_syms(obj) || r->r_offset % 8) {
		pr_warn("%s: a relocation in '%s' names symbol %llu or offset %#llx, which do not "
			"exist",
			obj->path, sec, (unsigned long long)(r->r_info >> 32),
			(unsigned long long)r->r_offset);
		return -ENOEXEC;
	}
	for (size_t i = 0; i < obj->nr_progs; i++) {
		struct bpf_program *p = &obj->progs[i];
		__u64 own = p->text_off ? p->text_off : p->insn_cnt, idx;
		int err;

		if (in_text && p->text_off)
			idx = p->text_off + r->r_offset / sizeof(struct bpf_insn);
		else if (p->shndx == (int)target && r->r_offset >= p->sec_off &&
			 r->r_offset < p->sec_off + own * sizeof(struct bpf_insn))
			idx = (r->r_offset - p->sec_off) / sizeof(struct bpf_insn);
		else
			continue;
		found = true;
		err = relocate_insn(obj, p, idx, r, apply);
		if (err)
			return err;
	}
	if (!found && !in_text) {
		pr_warn("%s: relocation at %#llx in '%s' is not on an instruction of a program",
			obj->path, (unsigned long long)r->r_offset, sec);
		return -ENOEXEC;
	}
	return 0;
}

int reloc_apply(struct bpf_object *obj, bool apply)
{
	for (__u32 i = 1; i < obj->shnum; i++) {
		const struct elf64_shdr *rel = &obj->shdrs[i];
		__u64 nr = 0;
		const struct elf64_rel *r = elf_rels(obj, i, &nr);

		if (!r)
			continue;
		if (rel->sh_entsize != sizeof(struct elf64_rel) || rel->sh_size % rel->sh_entsize ||
		    rel->sh_offset % 8) {
			pr_warn("%s: relocation section %u is malformed", obj->path, i);
			return -ENOEXEC;
		}
		for (__u64 k = 0; k < nr; k++) {
			int err = relocate_one(obj, rel->sh_info, &r[k], apply);

			if (err)
				return err;
		}
	}
	return 0;
}
