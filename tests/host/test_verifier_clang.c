/*
 * tests/host/test_verifier_clang.c - programs as clang writes them must pass the verifier.
 *
 * Each tests/host/verifier/clang/NAME.bpf.c is compiled at test time with
 * "clang -target bpf -O2", once for the default CPU and once for -mcpu=v3 (32-bit
 * subregisters, JMP32; alu32.bpf.c only so), against the system's <linux/bpf.h> and libbpf's <bpf/bpf_helpers.h>
 * and <bpf/bpf_tracing.h>. Every program section of the object (kprobe/, tracepoint/,
 * raw_tracepoint/) is loaded through BPF_PROG_LOAD and must be accepted; a refusal prints the
 * verifier's log.
 *
 * This file is its own small loader, in the manner of libbpf's: it reads the ELF object,
 * creates the maps (their shape is given in the source's comment, "map NAME: TYPE KEY VALUE
 * ENTRIES", so that no BTF needs parsing) and the global data maps (.rodata frozen and
 * read-only, .data, .bss), appends to each program the functions of .text it calls (and those
 * they call), and applies the relocations: a map load gets the map's fd, a global variable the
 * data map and its offset (BPF_PSEUDO_MAP_VALUE), a call or a function address its
 * subprogram.
 */
#include <elf.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "bpf/insn.h"
#include "bpf/map.h"
#include "bpf/prog_aux.h"
#include "tests/host/lib/leak_check.h"
#include "tests/host/lib/sys_bpf.h"

#define SRC_DIR "tests/host/verifier/clang"
#define OUT_DIR "build/host/clang"
#define MAX_MAPS 16

struct object {
	const char *source;
	u8 *data;
	size_t size;
	const Elf64_Ehdr *ehdr;
	const Elf64_Shdr *shdrs;
	const char *shstrtab;
	const Elf64_Sym *syms;
	u32 nsyms;
	const char *strtab;
	int text_idx;
	char license[128];
	/* Maps: from the source's comments, and one per global data section. */
	struct {
		char name[64];
		int fd;
		int shndx; /* a data section it stands for, or -1 */
	} maps[MAX_MAPS];
	u32 nr_maps;
};

static const Elf64_Shdr *shdr(const struct object *o, u32 i)
{
	return &o->shdrs[i];
}

static const char *sec_name(const struct object *o, u32 i)
{
	return o->shstrtab + shdr(o, i)->sh_name;
}

static const void *sec_data(const struct object *o, u32 i)
{
	return o->data + shdr(o, i)->sh_offset;
}

static u8 *read_all(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	u8 *buf;
	long n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	if (fread(buf, 1, (size_t)n, f) != (size_t)n)
		n = 0;
	buf[n] = 0;
	fclose(f);
	*size = (size_t)n;
	return buf;
}

/* The maps the source declares in its comment: "map NAME: TYPE KEY VALUE ENTRIES". */
static void create_source_maps(struct object *o)
{
	size_t size;
	char *text = (char *)read_all(o->source, &size);

	assert_non_null(text);
	for (char *p = strstr(text, "map "); p; p = strstr(p + 1, "map ")) {
		char name[64], type[32];
		unsigned int key, value, entries;
		int t;

		if (sscanf(p, "map %63[^:]: %31s %u %u %u", name, type, &key, &value, &entries) != 5)
			continue;
		t = bpf_map_type_from_name(type);
		assert_true(t >= 0);
		assert_true(o->nr_maps < MAX_MAPS);
		snprintf(o->maps[o->nr_maps].name, sizeof(o->maps[0].name), "%s", name);
		o->maps[o->nr_maps].fd = sys_map_create((u32)t, key, value, entries, 0);
		o->maps[o->nr_maps].shndx = -1;
		assert_true(o->maps[o->nr_maps].fd >= 0);
		o->nr_maps++;
	}
	free(text);
}

/* A global data section as an array map of one value; .rodata frozen and read-only. */
static int data_map(struct object *o, u32 shndx)
{
	const Elf64_Shdr *s = shdr(o, shndx);
	bool rodata = !strncmp(sec_name(o, shndx), ".rodata", 7);
	u32 size = s->sh_size ? (u32)s->sh_size : 1, key = 0;
	union bpf_attr attr;
	u8 *value;
	int fd;

	for (u32 i = 0; i < o->nr_maps; i++)
		if (o->maps[i].shndx == (int)shndx)
			return o->maps[i].fd;
	fd = sys_map_create(BPF_MAP_TYPE_ARRAY, 4, size, 1, rodata ? BPF_F_RDONLY_PROG : 0);
	assert_true(fd >= 0);
	value = calloc(1, size);
	if (s->sh_type == SHT_PROGBITS)
		memcpy(value, sec_data(o, shndx), s->sh_size);
	assert_int_equal(sys_map_update(fd, &key, value, BPF_ANY), 0);
	free(value);
	if (rodata) {
		memset(&attr, 0, sizeof(attr));
		attr.map_fd = (u32)fd;
		assert_int_equal(sys_bpf(BPF_MAP_FREEZE, &attr), 0);
	}
	assert_true(o->nr_maps < MAX_MAPS);
	o->maps[o->nr_maps].fd = fd;
	o->maps[o->nr_maps].shndx = (int)shndx;
	snprintf(o->maps[o->nr_maps].name, sizeof(o->maps[0].name), "%s", sec_name(o, shndx));
	o->nr_maps++;
	return fd;
}

static int map_fd_by_name(const struct object *o, const char *name)
{
	for (u32 i = 0; i < o->nr_maps; i++)
		if (o->maps[i].shndx < 0 && !strcmp(o->maps[i].name, name))
			return o->maps[i].fd;
	fprintf(stderr, "%s: map %s has no \"map %s: ...\" line\n", o->source, name, name);
	fail();
	return -1;
}

static void open_object(struct object *o, const char *source, const char *obj_path)
{
	memset(o, 0, sizeof(*o));
	o->source = source;
	o->data = read_all(obj_path, &o->size);
	assert_non_null(o->data);
	o->ehdr = (const Elf64_Ehdr *)o->data;
	assert_int_equal(o->ehdr->e_machine, EM_BPF);
	o->shdrs = (const Elf64_Shdr *)(o->data + o->ehdr->e_shoff);
	o->shstrtab = (const char *)sec_data(o, o->ehdr->e_shstrndx);
	o->text_idx = -1;
	for (u32 i = 0; i < o->ehdr->e_shnum; i++) {
		if (shdr(o, i)->sh_type == SHT_SYMTAB) {
			o->syms = sec_data(o, i);
			o->nsyms = (u32)(shdr(o, i)->sh_size / sizeof(Elf64_Sym));
			o->strtab = sec_data(o, shdr(o, i)->sh_link);
		}
		if (!strcmp(sec_name(o, i), ".text"))
			o->text_idx = (int)i;
		if (!strcmp(sec_name(o, i), "license"))
			snprintf(o->license, sizeof(o->license), "%s", (const char *)sec_data(o, i));
	}
	assert_non_null(o->syms);
	create_source_maps(o);
}

static void close_object(struct object *o)
{
	for (u32 i = 0; i < o->nr_maps; i++)
		host_fd_close(o->maps[i].fd);
	free(o->data);
}

/* The functions of .text a program uses, and where each lands after the program. */
#define MAX_FUNCS 32
struct layout {
	u32 nr;
	u32 start[MAX_FUNCS], end[MAX_FUNCS]; /* in .text, in instructions */
	u32 at[MAX_FUNCS];                    /* in the program */
	u32 len;                              /* the program with its functions */
};

/* The .text instruction a relocation of a call or a function load points to. */
static u32 text_target(const Elf64_Sym *sym, const struct bpf_insn *insn)
{
	if (insn->code == (BPF_JMP | BPF_CALL))
		return (u32)(sym->st_value / 8) + (u32)(insn->imm + 1);
	return (u32)(sym->st_value / 8) + (u32)(insn->imm / 8);
}

/* Add the .text function holding instruction t, once. */
static void layout_add(const struct object *o, struct layout *l, u32 t)
{
	for (u32 f = 0; f < l->nr; f++)
		if (t >= l->start[f] && t < l->end[f])
			return;
	for (u32 i = 0; i < o->nsyms; i++) {
		const Elf64_Sym *sym = &o->syms[i];
		u32 start = (u32)(sym->st_value / 8), end = start + (u32)(sym->st_size / 8);

		if ((int)sym->st_shndx != o->text_idx || ELF64_ST_TYPE(sym->st_info) != STT_FUNC ||
		    t < start || t >= end)
			continue;
		assert_true(l->nr < MAX_FUNCS);
		l->start[l->nr] = start;
		l->end[l->nr] = end;
		l->at[l->nr] = l->len;
		l->len += end - start;
		l->nr++;
		return;
	}
	fprintf(stderr, "%s: no function of .text holds instruction %u\n", o->source, t);
	fail();
}

/* For each relocation of section sec into .text (within [lo, hi) of it), the target. */
static void scan_text_refs(const struct object *o, u32 sec, u32 lo, u32 hi, struct layout *l)
{
	const struct bpf_insn *insns = sec_data(o, sec);

	for (u32 r = 0; r < o->ehdr->e_shnum; r++) {
		const Elf64_Shdr *rs = shdr(o, r);
		const Elf64_Rel *rels = sec_data(o, r);

		if (rs->sh_type != SHT_REL || rs->sh_info != sec)
			continue;
		for (u32 k = 0; k < rs->sh_size / sizeof(Elf64_Rel); k++) {
			const Elf64_Sym *sym = &o->syms[ELF64_R_SYM(rels[k].r_info)];
			u32 idx = (u32)(rels[k].r_offset / 8);

			if ((int)sym->st_shndx == o->text_idx && idx >= lo && idx < hi)
				layout_add(o, l, text_target(sym, &insns[idx]));
		}
	}
}

/* The program's index of .text instruction t. */
static u32 layout_map(const struct layout *l, u32 t)
{
	for (u32 f = 0; f < l->nr; f++)
		if (t >= l->start[f] && t < l->end[f])
			return l->at[f] + (t - l->start[f]);
	fail();
	return 0;
}

/*
 * Apply the relocations of section sec (the program, or .text) that fall in [lo, hi) of it;
 * its instruction i is the program's instruction base + i - lo.
 */
static void relocate(struct object *o, u32 sec, struct bpf_insn *insns, u32 lo, u32 hi, u32 base,
		     const struct layout *l)
{
	for (u32 r = 0; r < o->ehdr->e_shnum; r++) {
		const Elf64_Shdr *rs = shdr(o, r);
		const Elf64_Rel *rels = sec_data(o, r);

		if (rs->sh_type != SHT_REL || rs->sh_info != sec)
			continue;
		for (u32 k = 0; k < rs->sh_size / sizeof(Elf64_Rel); k++) {
			const Elf64_Sym *sym = &o->syms[ELF64_R_SYM(rels[k].r_info)];
			u32 at = (u32)(rels[k].r_offset / sizeof(struct bpf_insn)), idx;
			struct bpf_insn *insn;
			const char *sname = sym->st_shndx < o->ehdr->e_shnum ?
						    sec_name(o, sym->st_shndx) : "";

			if (at < lo || at >= hi)
				continue;
			idx = base + at - lo;
			insn = &insns[idx];
			if ((int)sym->st_shndx == o->text_idx) {
				/* A subprogram: called, or its address loaded for a callback. */
				u32 target = layout_map(l, text_target(sym, insn));

				if (insn->code == (BPF_JMP | BPF_CALL)) {
					insn->src_reg = BPF_PSEUDO_CALL;
				} else {
					insn->src_reg = BPF_PSEUDO_FUNC;
					insn[1].imm = 0;
				}
				insn->imm = (s32)(target - idx - 1);
			} else if (!strcmp(sname, ".maps")) {
				insn->src_reg = BPF_PSEUDO_MAP_FD;
				insn->imm = map_fd_by_name(o, o->strtab + sym->st_name);
			} else {
				/* Global data: the section's map, at the variable's offset. */
				u32 off = (u32)sym->st_value + (u32)insn->imm;

				insn->src_reg = BPF_PSEUDO_MAP_VALUE;
				insn->imm = data_map(o, sym->st_shndx);
				insn[1].imm = (s32)off;
			}
		}
	}
}

static u32 prog_type_of(const char *sec)
{
	if (!strncmp(sec, "kprobe/", 7) || !strncmp(sec, "kretprobe/", 10))
		return BPF_PROG_TYPE_KPROBE;
	if (!strncmp(sec, "tracepoint/", 11))
		return BPF_PROG_TYPE_TRACEPOINT;
	if (!strncmp(sec, "raw_tracepoint/", 15))
		return BPF_PROG_TYPE_RAW_TRACEPOINT;
	return 0;
}

/* Load every program of the object; returns how many were loaded. */
static u32 load_all(struct object *o, const char *variant)
{
	u32 loaded = 0;
	char *log = malloc(1 << 22);

	for (u32 s = 0; s < o->ehdr->e_shnum; s++) {
		const char *name = sec_name(o, s);
		u32 type = prog_type_of(name);
		struct bpf_insn *insns;
		struct layout l;
		u32 len;
		union bpf_attr attr;
		int fd;

		if (!type || !(shdr(o, s)->sh_flags & SHF_EXECINSTR))
			continue;
		len = (u32)(shdr(o, s)->sh_size / sizeof(struct bpf_insn));
		/* The functions it uses, and theirs, until no new one appears. */
		memset(&l, 0, sizeof(l));
		l.len = len;
		scan_text_refs(o, s, 0, len, &l);
		for (u32 f = 0; f < l.nr; f++)
			scan_text_refs(o, (u32)o->text_idx, l.start[f], l.end[f], &l);
		insns = calloc(l.len, sizeof(*insns));
		memcpy(insns, sec_data(o, s), len * sizeof(*insns));
		for (u32 f = 0; f < l.nr; f++)
			memcpy(insns + l.at[f],
			       (const struct bpf_insn *)sec_data(o, (u32)o->text_idx) + l.start[f],
			       (l.end[f] - l.start[f]) * sizeof(*insns));
		relocate(o, s, insns, 0, len, 0, &l);
		for (u32 f = 0; f < l.nr; f++)
			relocate(o, (u32)o->text_idx, insns, l.start[f], l.end[f], l.at[f], &l);

		memset(&attr, 0, sizeof(attr));
		attr.prog_type = type;
		attr.insn_cnt = l.len;
		attr.insns = (u64)(uintptr_t)insns;
		attr.license = (u64)(uintptr_t)o->license;
		attr.log_level = 1;
		attr.log_buf = (u64)(uintptr_t)log;
		attr.log_size = 1 << 22;
		log[0] = 0;
		fd = sys_bpf(BPF_PROG_LOAD, &attr);
		if (fd < 0) {
			fprintf(stderr, "%s (%s), section %s: refused (%d):\n%s\n", o->source, variant,
				name, fd, log);
			free(insns);
			free(log);
			fail();
		}
		host_fd_close(fd);
		free(insns);
		loaded++;
	}
	free(log);
	return loaded;
}

static void run_source(const char *name, const char *cpu_flag)
{
	char src[256], obj[256], cmd[1024];
	struct object o;

	snprintf(src, sizeof(src), "%s/%s.bpf.c", SRC_DIR, name);
	snprintf(obj, sizeof(obj), "%s/%s%s.bpf.o", OUT_DIR, name, cpu_flag[0] ? "-v3" : "");
	snprintf(cmd, sizeof(cmd),
		 "mkdir -p %s && clang -target bpf -O2 %s -D__TARGET_ARCH_x86 "
		 "-I/usr/include/$(gcc -print-multiarch 2>/dev/null) -c %s -o %s",
		 OUT_DIR, cpu_flag, src, obj);
	if (system(cmd)) {
		fprintf(stderr, "test_verifier_clang: cannot compile %s: %s\n", src, cmd);
		fail();
	}
	open_object(&o, src, obj);
	assert_true(load_all(&o, cpu_flag[0] ? "-mcpu=v3" : "default cpu") > 0);
	close_object(&o);
}

#define CLANG_CASE(name)                                   \
	static void test_##name(void **state)              \
	{                                                  \
		run_source(#name, "");                     \
	}                                                  \
	static void test_##name##_v3(void **state)         \
	{                                                  \
		run_source(#name, "-mcpu=v3");             \
	}

CLANG_CASE(kprobe_args)
CLANG_CASE(map_values)
CLANG_CASE(loops)
CLANG_CASE(spills)
CLANG_CASE(tracing)

static void test_alu32_v3(void **state)
{
	run_source("alu32", "-mcpu=v3");
}

#define REGISTER(name)                                                                    \
	cmocka_unit_test_setup_teardown(test_##name, leak_check_setup, leak_check_teardown), \
		cmocka_unit_test_setup_teardown(test_##name##_v3, leak_check_setup,          \
						leak_check_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		REGISTER(kprobe_args), REGISTER(map_values), REGISTER(loops),
		REGISTER(spills),      REGISTER(tracing),
		cmocka_unit_test_setup_teardown(test_alu32_v3, leak_check_setup, leak_check_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
