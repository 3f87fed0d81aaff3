/*
 * user/lib/bpf/libbpf_internal.h - what the loader's files share: the ELF64 and BTF layouts
 * it reads (from the ELF specification and the kernel's Documentation/bpf/btf.rst), and the
 * objects behind libbpf.h's handles.
 */
#ifndef USER_LIB_BPF_LIBBPF_INTERNAL_H
#define USER_LIB_BPF_LIBBPF_INTERNAL_H

#include <stdbool.h>

#include "user/lib/bpf/libbpf.h"

/* ---- ELF64 (only what a relocatable BPF object uses) ---- */

#define EI_NIDENT 16
#define ELFCLASS64 2
#define ELFDATA2LSB 1
#define ET_REL 1
#define EM_BPF 247

#define SHT_PROGBITS 1
#define SHT_SYMTAB 2
#define SHT_STRTAB 3
#define SHT_NOBITS 8
#define SHT_REL 9
#define SHF_EXECINSTR 0x4

#define STT_FUNC 2
#define STT_SECTION 3
#define SHN_UNDEF 0

#define R_BPF_64_64 1  /* a 64-bit immediate load of a map or of global data */
#define R_BPF_64_32 10 /* a BPF-to-BPF call into .text */

struct elf64_ehdr {
	unsigned char e_ident[EI_NIDENT];
	__u16 e_type, e_machine;
	__u32 e_version;
	__u64 e_entry, e_phoff, e_shoff;
	__u32 e_flags;
	__u16 e_ehsize, e_phentsize, e_phnum, e_shentsize, e_shnum, e_shstrndx;
};

struct elf64_shdr {
	__u32 sh_name, sh_type;
	__u64 sh_flags, sh_addr, sh_offset, sh_size;
	__u32 sh_link, sh_info;
	__u64 sh_addralign, sh_entsize;
};

struct elf64_sym {
	__u32 st_name;
	unsigned char st_info, st_other;
	__u16 st_shndx;
	__u64 st_value, st_size;
};

struct elf64_rel {
	__u64 r_offset, r_info; /* r_info: symbol index << 32 | type */
};

/* ---- BTF (the .BTF section: types, then strings) ---- */

#define BTF_MAGIC 0xeB9F
#define BTF_KIND_INT 1
#define BTF_KIND_PTR 2
#define BTF_KIND_ARRAY 3
#define BTF_KIND_STRUCT 4
#define BTF_KIND_UNION 5
#define BTF_KIND_ENUM 6
#define BTF_KIND_FWD 7
#define BTF_KIND_TYPEDEF 8
#define BTF_KIND_VOLATILE 9
#define BTF_KIND_CONST 10
#define BTF_KIND_RESTRICT 11
#define BTF_KIND_FUNC 12
#define BTF_KIND_FUNC_PROTO 13
#define BTF_KIND_VAR 14
#define BTF_KIND_DATASEC 15
#define BTF_KIND_FLOAT 16
#define BTF_KIND_DECL_TAG 17
#define BTF_KIND_TYPE_TAG 18
#define BTF_KIND_ENUM64 19

struct btf_header {
	__u16 magic;
	__u8 version, flags;
	__u32 hdr_len, type_off, type_len, str_off, str_len;
};

struct btf_type {
	__u32 name_off;
	__u32 info; /* vlen in bits 0-15, kind in bits 24-28 */
	__u32 size_or_type;
};

struct btf_array {
	__u32 type, index_type, nelems;
};

struct btf_member {
	__u32 name_off, type, offset;
};

struct btf_var_secinfo {
	__u32 type, offset, size;
};

/* ---- the objects ---- */

struct bpf_map {
	char name[64];
	enum bpf_map_type type;
	__u32 key_size, value_size, max_entries, map_flags;
	int shndx;		 /* the ELF section it comes from: .maps, or a data section */
	__u64 offset;		 /* in .maps: where its definition starts (symbols point there) */
	bool is_data;		 /* .data, .rodata or .bss: one value, the section's bytes */
	const void *init;	 /* the initial value of a data map (NULL for .bss: zeros) */
	int fd;
};

struct bpf_program {
	char name[64];
	char sec_name[128];
	enum bpf_prog_type type;
	int shndx;		/* its section */
	__u64 sec_off;		/* where its code starts in the section */
	struct bpf_insn *insns; /* a copy, relocated by bpf_object__load */
	size_t insn_cnt;
	size_t text_off;	/* where the copy of .text starts in insns, 0 if none */
	int fd;
	struct bpf_object *obj;
};

struct bpf_object {
	char path[128];
	char name[64];		/* the file name without .bpf.o or .o */
	unsigned char *data;	/* the whole file */
	size_t size;
	const struct elf64_shdr *shdrs;
	__u32 shnum;
	const char *shstrtab;
	__u64 shstrtab_size;
	int symtab;		/* section index of .symtab, 0 if none */
	char license[128];
	__u32 kern_version;
	struct bpf_program *progs;
	size_t nr_progs;
	struct bpf_map *maps;
	size_t nr_maps;
	bool loaded;
};

/* libbpf.c */
void pr_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
const char *elf_sec_name(const struct bpf_object *obj, __u32 shndx);
/* The bytes of section shndx, or NULL if it has none in the file (SHT_NOBITS). */
const void *elf_sec_data(const struct bpf_object *obj, __u32 shndx);
/* The value of the symbol called name in section shndx: 0, or -ENOENT. */
int elf_find_sym(const struct bpf_object *obj, __u32 shndx, const char *name, __u64 *value);
/* Symbol i of .symtab and its name (NULL when the name is outside .strtab); their number. */
const struct elf64_sym *elf_sym(const struct bpf_object *obj, __u64 i, const char **name);
__u64 elf_nr_syms(const struct bpf_object *obj);
/* Is section shndx code (PROGBITS and executable)? */
bool elf_is_code_sec(const struct bpf_object *obj, __u32 shndx);
/* A new map at the end of obj->maps, named name, from section shndx, no fd yet; NULL if no
 * memory. */
struct bpf_map *obj_add_map(struct bpf_object *obj, const char *name, int shndx);

/* reloc.c: append .text to the programs that use it; check (or apply) every relocation. */
int reloc_append_text(struct bpf_object *obj);
int reloc_apply(struct bpf_object *obj, bool apply);

/* btf.c: the maps that the .maps section at shndx defines, described by .BTF. 0 or -errno. */
int btf_collect_maps(struct bpf_object *obj, __u32 maps_shndx, __u32 btf_shndx);

#endif
