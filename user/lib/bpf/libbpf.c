/*
 * user/lib/bpf/libbpf.c - bpf_object__open_file and bpf_object__load, as libbpf does them.
 *
 * Opening reads the whole file and checks it as an ELF64 relocatable object for EM_BPF whose
 * every header, section and string lies inside the file. Then it collects (libbpf's
 * bpf_object__elf_collect):
 *   - "license" and "version";
 *   - programs: every global function in an executable section other than .text, its type
 *     from the section name (SEC("kprobe/sys_openat") is a kprobe program);
 *   - maps: those SEC(".maps") defines, described by the .BTF section (btf.c), and one array
 *     map of one value for each global data section (.data, .rodata, .bss);
 *   - functions in .text (BPF-to-BPF calls, bpf_loop callbacks): .text is appended to each
 *     program that refers to it;
 *   - relocations (.rel<section>), checked now and applied at load: a 64-bit load of a map
 *     gets the map's fd (BPF_PSEUDO_MAP_FD); of a global variable, the data map's fd and the
 *     variable's offset (BPF_PSEUDO_MAP_VALUE); a call into .text or a function's address,
 *     the distance to it (BPF_PSEUDO_CALL, BPF_PSEUDO_FUNC).
 * Loading creates the maps (a data map gets the section's bytes; .rodata is then frozen and
 * read-only for programs), relocates and loads each program. When the verifier refuses one,
 * the load is retried with a log, and the log is printed.
 *
 * Read next: reloc.c, btf.c, then attach.c.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "user/lib/bpf/libbpf_internal.h"

#define MAX_OBJECT_SIZE (16 << 20)
#define LOG_SIZE (256 << 10)

void pr_warn(const char *fmt, ...)
{
	va_list ap;

	fputs("libbpf: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* ---- the ELF file ---- */

static int read_file(struct bpf_object *obj, const char *path)
{
	struct stat st;
	size_t done = 0;
	int fd = open(path, O_RDONLY), err = 0;

	if (fd < 0) {
		err = -errno;
		pr_warn("%s: cannot open: %s", path, strerror(errno));
		return err;
	}
	if (fstat(fd, &st) < 0 || st.st_size > MAX_OBJECT_SIZE) {
		err = -EFBIG;
		pr_warn("%s: not a file of at most %d bytes", path, MAX_OBJECT_SIZE);
		goto out;
	}
	obj->size = (size_t)st.st_size;
	obj->data = malloc(obj->size ? obj->size : 1);
	if (!obj->data) {
		err = -ENOMEM;
		goto out;
	}
	while (done < obj->size) {
		ssize_t n = read(fd, obj->data + done, obj->size - done);

		if (n <= 0) {
			err = n < 0 ? -errno : -EIO;
			pr_warn("%s: read failed after %zu bytes", path, done);
			goto out;
		}
		done += (size_t)n;
	}
out:
	close(fd);
	return err;
}

static bool in_file(const struct bpf_object *obj, __u64 off, __u64 len)
{
	return off <= obj->size && len <= obj->size - off;
}

/* The header and the section table: everything later code reads is inside the file. */
static int elf_check(struct bpf_object *obj)
{
	const struct elf64_ehdr *eh = (const void *)obj->data;
	const struct elf64_shdr *strsec;
	const char *path = obj->path;

	if (obj->size < sizeof(*eh)) {
		pr_warn("%s: too small for an ELF header (%zu bytes)", path, obj->size);
		return -ENOEXEC;
	}
	if (memcmp(eh->e_ident, "\177ELF", 4)) {
		pr_warn("%s: not an ELF file (no \\177ELF magic)", path);
		return -ENOEXEC;
	}
	if (eh->e_ident[4] != ELFCLASS64 || eh->e_ident[5] != ELFDATA2LSB) {
		pr_warn("%s: not a 64-bit little-endian ELF file", path);
		return -ENOEXEC;
	}
	if (eh->e_type != ET_REL || eh->e_machine != EM_BPF) {
		pr_warn("%s: not a BPF object file (e_type %u, e_machine %u: want %u and %u)",
			path, eh->e_type, eh->e_machine, ET_REL, EM_BPF);
		return -ENOEXEC;
	}
	if (eh->e_shentsize != sizeof(struct elf64_shdr) || eh->e_shoff % 8 ||
	    !in_file(obj, eh->e_shoff, (__u64)eh->e_shnum * sizeof(struct elf64_shdr))) {
		pr_warn("%s: the section header table (%u entries of %u bytes at %#llx) is not "
			"inside the file (%zu bytes)",
			path, eh->e_shnum, eh->e_shentsize, (unsigned long long)eh->e_shoff,
			obj->size);
		return -ENOEXEC;
	}
	obj->shdrs = (const void *)(obj->data + eh->e_shoff);
	obj->shnum = eh->e_shnum;
	for (__u32 i = 0; i < obj->shnum; i++) {
		const struct elf64_shdr *sh = &obj->shdrs[i];

		if (sh->sh_type != SHT_NOBITS && !in_file(obj, sh->sh_offset, sh->sh_size)) {
			pr_warn("%s: section %u (%llu bytes at %#llx) runs past the end of the file "
				"(%zu bytes)",
				path, i, (unsigned long long)sh->sh_size,
				(unsigned long long)sh->sh_offset, obj->size);
			return -ENOEXEC;
		}
	}
	strsec = eh->e_shstrndx < obj->shnum ? &obj->shdrs[eh->e_shstrndx] : NULL;
	if (!strsec || strsec->sh_type != SHT_STRTAB || !strsec->sh_size ||
	    obj->data[strsec->sh_offset + strsec->sh_size - 1]) {
		pr_warn("%s: no section name table, or one that does not end in NUL", path);
		return -ENOEXEC;
	}
	obj->shstrtab = (const char *)obj->data + strsec->sh_offset;
	obj->shstrtab_size = strsec->sh_size;
	for (__u32 i = 0; i < obj->shnum; i++) {
		if (obj->shdrs[i].sh_name >= obj->shstrtab_size) {
			pr_warn("%s: section %u: its name is outside the name table", path, i);
			return -ENOEXEC;
		}
	}
	return 0;
}

const char *elf_sec_name(const struct bpf_object *obj, __u32 shndx)
{
	return obj->shstrtab + obj->shdrs[shndx].sh_name;
}

const void *elf_sec_data(const struct bpf_object *obj, __u32 shndx)
{
	const struct elf64_shdr *sh = &obj->shdrs[shndx];

	return sh->sh_type == SHT_NOBITS ? NULL : obj->data + sh->sh_offset;
}

/* Symbol i of .symtab and its name (NULL when the name is outside .strtab). */
const struct elf64_sym *elf_sym(const struct bpf_object *obj, __u64 i, const char **name)
{
	const struct elf64_shdr *symsec = &obj->shdrs[obj->symtab];
	const struct elf64_shdr *strsec = &obj->shdrs[symsec->sh_link];
	const struct elf64_sym *sym = (const struct elf64_sym *)(obj->data + symsec->sh_offset) + i;

	*name = sym->st_name < strsec->sh_size ? (const char *)obj->data + strsec->sh_offset +
							 sym->st_name
					       : NULL;
	return sym;
}

__u64 elf_nr_syms(const struct bpf_object *obj)
{
	return obj->shdrs[obj->symtab].sh_size / sizeof(struct elf64_sym);
}

int elf_find_sym(const struct bpf_object *obj, __u32 shndx, const char *name, __u64 *value)
{
	for (__u64 i = 1; i < elf_nr_syms(obj); i++) {
		const char *sym_name;
		const struct elf64_sym *sym = elf_sym(obj, i, &sym_name);

		if (sym->st_shndx == shndx && sym_name && !strcmp(sym_name, name)) {
			*value = sym->st_value;
			return 0;
		}
	}
	return -ENOENT;
}

static int find_symtab(struct bpf_object *obj)
{
	for (__u32 i = 1; i < obj->shnum; i++) {
		const struct elf64_shdr *sh = &obj->shdrs[i], *str;

		if (sh->sh_type != SHT_SYMTAB)
			continue;
		str = sh->sh_link < obj->shnum ? &obj->shdrs[sh->sh_link] : NULL;
		if (sh->sh_entsize != sizeof(struct elf64_sym) || sh->sh_size % sh->sh_entsize ||
		    sh->sh_offset % 8 || !str || str->sh_type != SHT_STRTAB || !str->sh_size ||
		    obj->data[str->sh_offset + str->sh_size - 1]) {
			pr_warn("%s: a malformed symbol table or string table", obj->path);
			return -ENOEXEC;
		}
		obj->symtab = (int)i;
		return 0;
	}
	pr_warn("%s: no symbol table", obj->path);
	return -ENOEXEC;
}

/* ---- programs ---- */

/* libbpf's section names for the program types glass runs, and how each attaches. */
static const struct sec_def {
	const char *prefix;
	enum bpf_prog_type type;
} sec_defs[] = {
	{"kprobe/", BPF_PROG_TYPE_KPROBE},
	{"kretprobe/", BPF_PROG_TYPE_KPROBE},
	{"tracepoint/", BPF_PROG_TYPE_TRACEPOINT},
	{"tp/", BPF_PROG_TYPE_TRACEPOINT},
	{"raw_tracepoint/", BPF_PROG_TYPE_RAW_TRACEPOINT},
	{"raw_tp/", BPF_PROG_TYPE_RAW_TRACEPOINT},
};

static const struct sec_def *find_sec_def(const char *sec_name)
{
	for (size_t i = 0; i < sizeof(sec_defs) / sizeof(sec_defs[0]); i++)
		if (!strncmp(sec_name, sec_defs[i].prefix, strlen(sec_defs[i].prefix)))
			return &sec_defs[i];
	return NULL;
}

bool elf_is_code_sec(const struct bpf_object *obj, __u32 shndx)
{
	const struct elf64_shdr *sh = &obj->shdrs[shndx];

	return sh->sh_type == SHT_PROGBITS && (sh->sh_flags & SHF_EXECINSTR);
}

static int add_program(struct bpf_object *obj, const struct elf64_sym *sym, const char *name)
{
	const char *sec_name = elf_sec_name(obj, sym->st_shndx);
	const struct elf64_shdr *sh = &obj->shdrs[sym->st_shndx];
	const struct sec_def *def = find_sec_def(sec_name);
	struct bpf_program *progs, *prog;

	if (!def) {
		pr_warn("%s: program '%s': section '%s' names no program type (kprobe/, "
			"kretprobe/, tracepoint/, tp/, raw_tracepoint/, raw_tp/)",
			obj->path, name, sec_name);
		return -EINVAL;
	}
	if (!sym->st_size || sym->st_value % 8 || sym->st_size % 8 ||
	    sym->st_value > sh->sh_size || sym->st_size > sh->sh_size - sym->st_value) {
		pr_warn("%s: program '%s': its code (%llu bytes at %llu) is not whole instructions "
			"inside section '%s'",
			obj->path, name, (unsigned long long)sym->st_size,
			(unsigned long long)sym->st_value, sec_name);
		return -ENOEXEC;
	}
	progs = realloc(obj->progs, (obj->nr_progs + 1) * sizeof(*progs));
	if (!progs)
		return -ENOMEM;
	obj->progs = progs;
	prog = &progs[obj->nr_progs];
	memset(prog, 0, sizeof(*prog));
	snprintf(prog->name, sizeof(prog->name), "%s", name);
	snprintf(prog->sec_name, sizeof(prog->sec_name), "%s", sec_name);
	prog->type = def->type;
	prog->shndx = sym->st_shndx;
	prog->sec_off = sym->st_value;
	prog->insn_cnt = sym->st_size / sizeof(struct bpf_insn);
	prog->fd = -1;
	prog->insns = malloc(sym->st_size);
	if (!prog->insns)
		return -ENOMEM;
	memcpy(prog->insns, obj->data + sh->sh_offset + sym->st_value, sym->st_size);
	obj->nr_progs++;
	return 0;
}

static int collect_programs(struct bpf_object *obj)
{
	for (__u64 i = 1; i < elf_nr_syms(obj); i++) {
		const char *name;
		const struct elf64_sym *sym = elf_sym(obj, i, &name);
		int err;

		if ((sym->st_info & 0xf) != STT_FUNC || (sym->st_info >> 4) != 1 /* GLOBAL */ ||
		    sym->st_shndx == SHN_UNDEF || sym->st_shndx >= obj->shnum ||
		    !elf_is_code_sec(obj, sym->st_shndx) ||
		    !strcmp(elf_sec_name(obj, sym->st_shndx), ".text"))
			continue;
		if (!name) {
			pr_warn("%s: symbol %llu: its name is outside the string table", obj->path,
				(unsigned long long)i);
			return -ENOEXEC;
		}
		err = add_program(obj, sym, name);
		if (err)
			return err;
	}
	return 0;
}

/* ---- sections: license, version, maps, global data ---- */

static bool is_data_sec(const char *name)
{
	return !strcmp(name, ".data") || !strcmp(name, ".rodata") || !strcmp(name, ".bss") ||
	       !strncmp(name, ".data.", 6) || !strncmp(name, ".rodata.", 8);
}

struct bpf_map *obj_add_map(struct bpf_object *obj, const char *name, int shndx)
{
	struct bpf_map *maps = realloc(obj->maps, (obj->nr_maps + 1) * sizeof(*maps)), *map;

	if (!maps)
		return NULL;
	obj->maps = maps;
	map = &maps[obj->nr_maps++];
	memset(map, 0, sizeof(*map));
	snprintf(map->name, sizeof(map->name), "%s", name);
	map->shndx = shndx;
	map->fd = -1;
	return map;
}

static int add_data_map(struct bpf_object *obj, __u32 shndx)
{
	const char *sec = elf_sec_name(obj, shndx);
	size_t sfx = strlen(sec), pfx = strlen(obj->name);
	char name[BPF_OBJ_NAME_LEN];
	struct bpf_map *map;

	if (!obj->shdrs[shndx].sh_size)
		return 0;
	/* libbpf's name: a few letters of the object, then the section: "tracex1.rodata". */
	if (sfx > BPF_OBJ_NAME_LEN - 1)
		sfx = BPF_OBJ_NAME_LEN - 1;
	if (pfx > 8)
		pfx = 8;
	if (pfx > BPF_OBJ_NAME_LEN - 1 - sfx)
		pfx = BPF_OBJ_NAME_LEN - 1 - sfx;
	snprintf(name, sizeof(name), "%.*s%.*s", (int)pfx, obj->name, (int)sfx, sec);
	map = obj_add_map(obj, name, (int)shndx);
	if (!map)
		return -ENOMEM;
	map->type = BPF_MAP_TYPE_ARRAY;
	map->key_size = 4;
	map->value_size = (__u32)obj->shdrs[shndx].sh_size;
	map->max_entries = 1;
	map->map_flags = !strncmp(sec, ".rodata", 7) ? BPF_F_RDONLY_PROG : 0;
	map->is_data = true;
	map->init = elf_sec_data(obj, shndx);
	return 0;
}

static int collect_sections(struct bpf_object *obj)
{
	__u32 maps_shndx = 0, btf_shndx = 0;
	int err;

	for (__u32 i = 1; i < obj->shnum; i++) {
		const char *name = elf_sec_name(obj, i);
		const struct elf64_shdr *sh = &obj->shdrs[i];
		const char *data = elf_sec_data(obj, i);

		if (!strcmp(name, "license")) {
			if (!data || !sh->sh_size || !memchr(data, '\0', sh->sh_size) ||
			    strlen(data) >= sizeof(obj->license)) {
				pr_warn("%s: the license section is not a short NUL-terminated string",
					obj->path);
				return -ENOEXEC;
			}
			strcpy(obj->license, data);
		} else if (!strcmp(name, "version")) {
			if (!data || sh->sh_size != 4) {
				pr_warn("%s: the version section is not 4 bytes", obj->path);
				return -ENOEXEC;
			}
			memcpy(&obj->kern_version, data, 4);
		} else if (!strcmp(name, ".maps")) {
			maps_shndx = i;
		} else if (!strcmp(name, ".BTF")) {
			btf_shndx = i;
		} else if (is_data_sec(name) && !(sh->sh_flags & SHF_EXECINSTR)) {
			err = add_data_map(obj, i);
			if (err)
				return err;
		}
	}
	if (!maps_shndx)
		return 0;
	if (!btf_shndx) {
		pr_warn("%s: the .maps section needs .BTF to describe it (compile with clang -g)",
			obj->path);
		return -ENOEXEC;
	}
	return btf_collect_maps(obj, maps_shndx, btf_shndx);
}

/* ---- open, load, close ---- */

static void set_name(struct bpf_object *obj, const char *path)
{
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	size_t n = strcspn(base, ".");

	snprintf(obj->path, sizeof(obj->path), "%s", path);
	snprintf(obj->name, sizeof(obj->name), "%.*s", (int)n, base);
}

struct bpf_object *bpf_object__open_file(const char *path, const void *opts)
{
	struct bpf_object *obj;
	int err;

	if (!path || opts) {
		errno = EINVAL;
		return NULL;
	}
	obj = calloc(1, sizeof(*obj));
	if (!obj) {
		errno = ENOMEM;
		return NULL;
	}
	set_name(obj, path);
	err = read_file(obj, path);
	if (!err)
		err = elf_check(obj);
	if (!err)
		err = find_symtab(obj);
	if (!err)
		err = collect_programs(obj);
	if (!err)
		err = collect_sections(obj);
	if (!err)
		err = reloc_append_text(obj);
	if (!err)
		err = reloc_apply(obj, false);
	if (!err && !obj->nr_progs) {
		pr_warn("%s: no programs: no global function in a SEC()-named section", path);
		err = -ENOEXEC;
	}
	if (err) {
		bpf_object__close(obj);
		errno = -err;
		return NULL;
	}
	return obj;
}

static int create_map(struct bpf_object *obj, struct bpf_map *map)
{
	__u32 zero = 0;
	int err;

	map->fd = bpf_map_create(map->type, map->name, map->key_size, map->value_size,
				 map->max_entries, map->map_flags);
	if (map->fd < 0) {
		err = map->fd;
		pr_warn("%s: map '%s': cannot create it: %s", obj->path, map->name, strerror(-err));
		return err;
	}
	if (!map->is_data)
		return 0;
	err = map->init ? bpf_map_update_elem(map->fd, &zero, map->init, BPF_ANY) : 0;
	if (!err && (map->map_flags & BPF_F_RDONLY_PROG))
		err = bpf_map_freeze(map->fd);
	if (err)
		pr_warn("%s: map '%s': cannot set its contents: %s", obj->path, map->name,
			strerror(-err));
	return err;
}

static int load_program(struct bpf_object *obj, struct bpf_program *prog)
{
	char *log;
	int err;

	prog->fd = bpf_prog_load(prog->type, prog->name, obj->license, prog->insns,
				 prog->insn_cnt, obj->kern_version, NULL, 0, 0);
	if (prog->fd >= 0)
		return 0;
	err = prog->fd;
	pr_warn("prog '%s': BPF program load failed: %s", prog->name, strerror(-err));
	/* Again with a log, to show why. */
	log = malloc(LOG_SIZE);
	if (log && bpf_prog_load(prog->type, prog->name, obj->license, prog->insns, prog->insn_cnt,
				 obj->kern_version, log, LOG_SIZE, 1) < 0 && log[0]) {
		pr_warn("prog '%s': -- BEGIN PROG LOAD LOG --\n%s-- END PROG LOAD LOG --",
			prog->name, log);
	}
	free(log);
	return err;
}

int bpf_object__load(struct bpf_object *obj)
{
	int err;

	if (!obj)
		return -EINVAL;
	if (obj->loaded) {
		pr_warn("%s: already loaded", obj->path);
		return -EINVAL;
	}
	obj->loaded = true;
	for (size_t i = 0; i < obj->nr_maps; i++) {
		err = create_map(obj, &obj->maps[i]);
		if (err)
			return err;
	}
	err = reloc_apply(obj, true);
	if (err)
		return err;
	for (size_t i = 0; i < obj->nr_progs; i++) {
		err = load_program(obj, &obj->progs[i]);
		if (err)
			return err;
	}
	return 0;
}

void bpf_object__close(struct bpf_object *obj)
{
	if (!obj)
		return;
	for (size_t i = 0; i < obj->nr_progs; i++) {
		if (obj->progs[i].fd >= 0)
			close(obj->progs[i].fd);
		free(obj->progs[i].insns);
	}
	for (size_t i = 0; i < obj->nr_maps; i++)
		if (obj->maps[i].fd >= 0)
			close(obj->maps[i].fd);
	free(obj->progs);
	free(obj->maps);
	free(obj->data);
	free(obj);
}

/* ---- accessors ---- */

const char *bpf_object__name(const struct bpf_object *obj)
{
	return obj->name;
}

struct bpf_program *bpf_object__next_program(const struct bpf_object *obj,
					     struct bpf_program *prog)
{
	size_t next = prog ? (size_t)(prog - obj->progs) + 1 : 0;

	return next < obj->nr_progs ? &obj->progs[next] : NULL;
}

struct bpf_map *bpf_object__next_map(const struct bpf_object *obj, struct bpf_map *map)
{
	size_t next = map ? (size_t)(map - obj->maps) + 1 : 0;

	return next < obj->nr_maps ? &obj->maps[next] : NULL;
}

struct bpf_program *bpf_object__find_program_by_name(const struct bpf_object *obj,
						     const char *name)
{
	for (size_t i = 0; i < obj->nr_progs; i++)
		if (!strcmp(obj->progs[i].name, name))
			return &obj->progs[i];
	errno = ENOENT;
	return NULL;
}

struct bpf_map *bpf_object__find_map_by_name(const struct bpf_object *obj, const char *name)
{
	for (size_t i = 0; i < obj->nr_maps; i++)
		if (!strcmp(obj->maps[i].name, name))
			return &obj->maps[i];
	errno = ENOENT;
	return NULL;
}

const char *bpf_program__name(const struct bpf_program *prog) { return prog->name; }
const char *bpf_program__section_name(const struct bpf_program *prog) { return prog->sec_name; }
enum bpf_prog_type bpf_program__type(const struct bpf_program *prog) { return prog->type; }
size_t bpf_program__insn_cnt(const struct bpf_program *prog) { return prog->insn_cnt; }
int bpf_program__fd(const struct bpf_program *prog) { return prog->fd; }

const char *bpf_map__name(const struct bpf_map *map) { return map->name; }
enum bpf_map_type bpf_map__type(const struct bpf_map *map) { return map->type; }
__u32 bpf_map__key_size(const struct bpf_map *map) { return map->key_size; }
__u32 bpf_map__value_size(const struct bpf_map *map) { return map->value_size; }
__u32 bpf_map__max_entries(const struct bpf_map *map) { return map->max_entries; }
int bpf_map__fd(const struct bpf_map *map) { return map->fd; }
