/*
 * tests/host/bpfvm.c - build/host/bpfvm, a runner for one BPF program on the host.
 *
 *   bpfvm [MEM] [--interpret | --jit] [--raw FILE | --asm FILE | --elf] [--disasm] [--dump] [-v]
 *
 * The program comes on stdin as hex text (two hex digits per byte, separated by white space),
 * or as raw bytes (--raw FILE), or as assembly (--asm FILE, bpf/asm.h), or as a hex-encoded
 * ELF object for EM_BPF whose function `main` in .text is run (--elf). MEM, one argument in
 * the same hex text, is copied into a writable buffer: r1 points to it and r2 holds its length
 * (both 0 without MEM). bpfvm prints r0 as 0x... and exits 0, or prints an error on stderr
 * and exits 1. These are the conventions of the bpf-conformance suite's plugins, so bpfvm can
 * be one. See docs/bpfvm.md.
 *
 * The program goes through the structural check (bpf/insn.c), with one helper: id 5 returns
 * its first argument. --interpret (the default) runs the checked interpreter, which refuses an
 * out-of-bounds access or a runaway loop with the instruction index. --jit runs the JIT image;
 * before that the checked interpreter runs the program once on a copy of MEM, so a program
 * that would fault is refused with its message instead of crashing the runner.
 *
 *   bpfvm --prog-type TYPE [--map TYPE:KEY_SIZE:VALUE_SIZE:MAX_ENTRIES]... [--ctx HEX]
 *         [--repeat N] [--dump-maps] [--interpret | --jit] [--asm FILE | --raw FILE]
 *
 * With --prog-type the program is loaded through the bpf() command layer as a program of that
 * Linux type (kprobe, tracepoint, raw_tracepoint, perf_event), with the maps created first (a
 * map load with imm N names the N-th --map) and Linux's helpers by id, and run through
 * BPF_PROG_TEST_RUN on the --ctx bytes (tests/host/lib/bpfvm_prog.c).
 *
 *   bpfvm --verify --prog-type TYPE [--map ...]... [--log-level N] [--asm FILE | --raw FILE |
 *         --elf]
 *
 * --verify only loads the program: it prints the verifier's log (level N, 1 by default) and
 * exits 0 when the program is accepted, 1 when it is refused.
 */
#include <elf.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bpf/asm.h"
#include "bpf/disasm.h"
#include "bpf/insn.h"
#include "bpf/prog.h"
#include "tests/host/lib/bpfvm_prog.h"

#ifndef EM_BPF
#define EM_BPF 247
#endif
#define R_BPF_64_32 10 /* BPF-to-BPF call: imm is the callee's insn index */

extern int bpf_env_verbose;

struct options {
	const char *mem_hex;
	const char *raw_file;
	const char *asm_file;
	bool elf;
	bool jit;
	bool disasm;
	bool dump;
	struct bpfvm_prog_opts prog; /* --prog-type mode */
	const char *ctx_hex;
	bool repeat_set;
};

static void usage(FILE *out)
{
	fprintf(out,
		"usage: bpfvm [MEM] [--interpret | --jit] [--raw FILE | --asm FILE | --elf]\n"
		"             [--disasm] [--dump] [-v]\n"
		"       bpfvm --prog-type TYPE [--map TYPE:KEY_SIZE:VALUE_SIZE:MAX_ENTRIES]...\n"
		"             [--ctx HEX] [--repeat N] [--dump-maps] [--interpret | --jit]\n"
		"             [--raw FILE | --asm FILE]\n"
		"  program on stdin as hex text (or --raw FILE bytes, --asm FILE text,\n"
		"  --elf: hex-encoded EM_BPF ELF object, function main of .text);\n"
		"  MEM: input memory as hex text, r1 = its address, r2 = its length.\n"
		"  prints r0 as 0x... (exit 0), or an error (exit 1).\n"
		"  --prog-type: load through bpf() as kprobe, tracepoint, raw_tracepoint or\n"
		"  perf_event with Linux's helpers; map loads with imm N use the N-th --map;\n"
		"  run through BPF_PROG_TEST_RUN on the --ctx bytes.\n"
		"       bpfvm --verify --prog-type TYPE [--map ...]... [--log-level N]\n"
		"  only verify: print the verifier's log; exit 0 if accepted, 1 if refused.\n");
}

static int fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int fail(const char *fmt, ...)
{
	va_list ap;

	fputs("bpfvm: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return 1;
}

static const char *errno_name(int err)
{
	switch (-err) {
	case ENOTSUPP:
		return "ENOTSUPP";
	case EINVAL:
		return "EINVAL";
	case E2BIG:
		return "E2BIG";
	case ENOMEM:
		return "ENOMEM";
	case EFAULT:
		return "EFAULT";
	case EACCES:
		return "EACCES";
	case ELOOP:
		return "ELOOP";
	case ENOSPC:
		return "ENOSPC";
	default:
		return "error";
	}
}

/* The helper table of bpfvm: id 5 returns its first argument. */
static u64 helper_return_arg(u64 r1, u64 r2, u64 r3, u64 r4, u64 r5)
{
	return r1;
}

static const bpf_helper_fn helpers[] = {
	[5] = helper_return_arg,
};

static int hex_digit(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * Hex text to bytes: pairs of hex digits, white space between bytes allowed anywhere but
 * inside a pair. On error, the message names the line and column. Returns 0 or 1.
 */
static int parse_hex(const char *what, const char *text, size_t size, u8 **out, size_t *len)
{
	u8 *bytes = malloc(size / 2 + 1);
	size_t n = 0, line = 1, column = 1;
	int high = -1;

	if (!bytes)
		return fail("out of memory");
	for (size_t i = 0; i < size; i++, column++) {
		int c = (unsigned char)text[i];
		int digit = hex_digit(c);

		if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
			if (high >= 0)
				goto odd;
			if (c == '\n')
				line++, column = 0;
			continue;
		}
		if (digit < 0) {
			free(bytes);
			if (c < 0x20 || c > 0x7e)
				return fail("%s: bad hex at line %zu, column %zu: byte 0x%02x", what,
					    line, column, c);
			return fail("%s: bad hex at line %zu, column %zu: '%c'", what, line, column,
				    c);
		}
		if (high < 0) {
			high = digit;
		} else {
			bytes[n++] = (u8)(high << 4 | digit);
			high = -1;
		}
	}
	if (high >= 0)
		goto odd;
	*out = bytes;
	*len = n;
	return 0;
odd:
	free(bytes);
	return fail("%s: bad hex at line %zu, column %zu: odd number of hex digits", what, line,
		    column);
}

/* The whole of a file ("-" is stdin), NUL-terminated. Returns 0 or 1. */
static int read_file(const char *path, char **data, size_t *size)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	size_t cap = 4096, n = 0;
	char *buf = NULL, *bigger;
	bool error;

	if (!f)
		return fail("%s: %s", path, strerror(errno));
	for (;;) {
		bigger = realloc(buf, cap);
		if (!bigger)
			break;
		buf = bigger;
		n += fread(buf + n, 1, cap - n - 1, f);
		if (n < cap - 1)
			break;
		cap *= 2;
	}
	error = ferror(f);
	if (f != stdin)
		fclose(f);
	if (!bigger || error) {
		free(buf);
		return bigger ? fail("%s: read error", path) : fail("out of memory");
	}
	buf[n] = '\0';
	*data = buf;
	*size = n;
	return 0;
}

/* Raw bytes to a fresh instruction array, after the size check. Returns 0 or 1. */
static int bytes_to_insns(const u8 *bytes, size_t size, struct bpf_insn **insns, u32 *len)
{
	char msg[160];

	if (bpf_insn_check_size(size, msg, sizeof(msg)))
		return fail("%s", msg);
	*insns = malloc(size);
	if (!*insns)
		return fail("out of memory");
	memcpy(*insns, bytes, size);
	*len = (u32)(size / sizeof(struct bpf_insn));
	return 0;
}

/* --- ELF ------------------------------------------------------------------------------- */

struct elf {
	const u8 *data;
	size_t size;
	const Elf64_Ehdr *ehdr;
	const Elf64_Shdr *shdrs;
	const char *shstrtab;
	size_t shstrtab_size;
};

static bool in_bounds(const struct elf *elf, u64 off, u64 size)
{
	return off <= elf->size && size <= elf->size - off;
}

/* The NUL-terminated string at off of a string table, or NULL. */
static const char *elf_string(const char *table, size_t table_size, u64 off)
{
	if (off >= table_size || !memchr(table + off, '\0', table_size - off))
		return NULL;
	return table + off;
}

static int elf_open(struct elf *elf, const u8 *data, size_t size)
{
	const Elf64_Ehdr *ehdr = (const Elf64_Ehdr *)data;
	const Elf64_Shdr *strsec;

	elf->data = data;
	elf->size = size;
	if (size < sizeof(*ehdr))
		return fail("elf: truncated ELF header (%zu bytes, need %zu)", size, sizeof(*ehdr));
	if (memcmp(ehdr->e_ident, ELFMAG, SELFMAG))
		return fail("elf: not an ELF file (bad magic)");
	if (ehdr->e_ident[EI_CLASS] != ELFCLASS64)
		return fail("elf: not a 64-bit ELF object (class %u)", ehdr->e_ident[EI_CLASS]);
	if (ehdr->e_ident[EI_DATA] != ELFDATA2LSB)
		return fail("elf: not a little-endian ELF object");
	if (ehdr->e_machine != EM_BPF)
		return fail("elf: e_machine is %u, not EM_BPF (247)", ehdr->e_machine);
	if (ehdr->e_type != ET_REL)
		return fail("elf: e_type is %u, not a relocatable object (ET_REL)", ehdr->e_type);
	if (ehdr->e_shentsize != sizeof(Elf64_Shdr))
		return fail("elf: e_shentsize is %u, not %zu", ehdr->e_shentsize,
			    sizeof(Elf64_Shdr));
	if (!ehdr->e_shnum ||
	    !in_bounds(elf, ehdr->e_shoff, (u64)ehdr->e_shnum * sizeof(Elf64_Shdr)))
		return fail("elf: section header table (%u entries at offset %llu) is outside the "
			    "file (%zu bytes)",
			    ehdr->e_shnum, (unsigned long long)ehdr->e_shoff, size);
	if (ehdr->e_shoff % 8)
		return fail("elf: misaligned section header table");
	elf->ehdr = ehdr;
	elf->shdrs = (const Elf64_Shdr *)(data + ehdr->e_shoff);
	for (unsigned i = 0; i < ehdr->e_shnum; i++) {
		const Elf64_Shdr *sh = &elf->shdrs[i];

		if (sh->sh_type != SHT_NOBITS && sh->sh_type != SHT_NULL &&
		    !in_bounds(elf, sh->sh_offset, sh->sh_size))
			return fail("elf: section %u (offset %llu, %llu bytes) is outside the file "
				    "(%zu bytes)", i, (unsigned long long)sh->sh_offset,
				    (unsigned long long)sh->sh_size, size);
	}
	if (ehdr->e_shstrndx >= ehdr->e_shnum)
		return fail("elf: e_shstrndx %u is not a section", ehdr->e_shstrndx);
	strsec = &elf->shdrs[ehdr->e_shstrndx];
	if (strsec->sh_type != SHT_STRTAB)
		return fail("elf: section %u (e_shstrndx) is not a string table", ehdr->e_shstrndx);
	elf->shstrtab = (const char *)data + strsec->sh_offset;
	elf->shstrtab_size = strsec->sh_size;
	return 0;
}

static const char *section_name(const struct elf *elf, unsigned idx)
{
	return elf_string(elf->shstrtab, elf->shstrtab_size, elf->shdrs[idx].sh_name);
}

/* Patch the BPF-to-BPF calls of .text that the compiler left to relocations. */
static int elf_relocate(const struct elf *elf, unsigned text, unsigned symtab,
			struct bpf_insn *insns, u32 len)
{
	const Elf64_Shdr *symsec = &elf->shdrs[symtab];
	const Elf64_Sym *syms = (const Elf64_Sym *)(elf->data + symsec->sh_offset);
	size_t nsyms = symsec->sh_size / sizeof(Elf64_Sym);

	for (unsigned i = 0; i < elf->ehdr->e_shnum; i++) {
		const Elf64_Shdr *sh = &elf->shdrs[i];
		const Elf64_Rel *rels = (const Elf64_Rel *)(elf->data + sh->sh_offset);

		if (sh->sh_type == SHT_RELA && sh->sh_info == text)
			return fail("elf: RELA relocations of .text are not supported");
		if (sh->sh_type != SHT_REL || sh->sh_info != text)
			continue;
		if (sh->sh_entsize != sizeof(Elf64_Rel) || sh->sh_offset % 8)
			return fail("elf: section %u: malformed relocation section", i);
		for (size_t r = 0; r < sh->sh_size / sizeof(Elf64_Rel); r++) {
			u64 off = rels[r].r_offset;
			size_t sym = ELF64_R_SYM(rels[r].r_info);
			u32 type = ELF64_R_TYPE(rels[r].r_info);
			struct bpf_insn *insn;
			s64 callee;

			if (off % 8 || off / 8 >= len)
				return fail("elf: relocation %zu: offset %llu is not an instruction "
					    "of .text", r, (unsigned long long)off);
			if (sym >= nsyms)
				return fail("elf: relocation %zu: symbol %zu out of range", r, sym);
			insn = &insns[off / 8];
			if (type != R_BPF_64_32 || insn->code != (BPF_JMP | BPF_CALL) ||
			    insn->src_reg != BPF_PSEUDO_CALL)
				return fail("elf: insn %llu: relocation type %u is not supported "
					    "(only BPF-to-BPF calls; no maps or global data)",
					    (unsigned long long)off / 8, type);
			if (syms[sym].st_shndx != text || syms[sym].st_value % 8)
				return fail("elf: insn %llu: call to a function outside .text",
					    (unsigned long long)off / 8);
			/* As libbpf: callee = the symbol's insn + imm + 1 (imm: -1 for a func). */
			callee = (s64)(syms[sym].st_value / 8) + insn->imm + 1;
			insn->imm = (s32)(callee - (s64)(off / 8) - 1);
		}
	}
	return 0;
}

/*
 * The function main of .text as a program. When main is not the first function, two
 * instructions go in front: "call main; exit", so the other functions stay callable.
 */
static int load_elf(const u8 *data, size_t size, struct bpf_insn **insns, u32 *len)
{
	struct elf elf = { 0 };
	unsigned text = 0, symtab = 0;
	const Elf64_Sym *syms, *main_sym = NULL;
	const char *strtab;
	size_t nsyms, strtab_size;
	u32 text_len, skip;
	struct bpf_insn *out;

	if (elf_open(&elf, data, size))
		return 1;
	for (unsigned i = 1; i < elf.ehdr->e_shnum; i++) {
		const char *name = section_name(&elf, i);

		if (!name)
			return fail("elf: section %u has a bad name offset", i);
		if (!strcmp(name, ".text") && elf.shdrs[i].sh_type == SHT_PROGBITS)
			text = i;
		if (elf.shdrs[i].sh_type == SHT_SYMTAB)
			symtab = i;
	}
	if (!text)
		return fail("elf: no .text section");
	if (!symtab)
		return fail("elf: no symbol table");
	if (elf.shdrs[text].sh_size % 8 || elf.shdrs[text].sh_offset % 8 ||
	    !elf.shdrs[text].sh_size)
		return fail("elf: .text is %llu bytes, not a whole number of instructions",
			    (unsigned long long)elf.shdrs[text].sh_size);
	if (elf.shdrs[symtab].sh_entsize != sizeof(Elf64_Sym) || elf.shdrs[symtab].sh_offset % 8 ||
	    elf.shdrs[symtab].sh_link >= elf.ehdr->e_shnum ||
	    elf.shdrs[elf.shdrs[symtab].sh_link].sh_type != SHT_STRTAB)
		return fail("elf: malformed symbol table");
	syms = (const Elf64_Sym *)(data + elf.shdrs[symtab].sh_offset);
	nsyms = elf.shdrs[symtab].sh_size / sizeof(Elf64_Sym);
	strtab = (const char *)data + elf.shdrs[elf.shdrs[symtab].sh_link].sh_offset;
	strtab_size = elf.shdrs[elf.shdrs[symtab].sh_link].sh_size;
	for (size_t i = 0; i < nsyms; i++) {
		const char *name = elf_string(strtab, strtab_size, syms[i].st_name);

		if (name && !strcmp(name, "main") && syms[i].st_shndx == text &&
		    ELF64_ST_TYPE(syms[i].st_info) == STT_FUNC)
			main_sym = &syms[i];
	}
	if (!main_sym)
		return fail("elf: no function main in .text");
	text_len = (u32)(elf.shdrs[text].sh_size / 8);
	if (main_sym->st_value % 8 || main_sym->st_value / 8 >= text_len)
		return fail("elf: main is at offset %llu, not an instruction of .text",
			    (unsigned long long)main_sym->st_value);
	skip = main_sym->st_value ? 2 : 0;
	out = calloc(text_len + skip, sizeof(*out));
	if (!out)
		return fail("out of memory");
	memcpy(out + skip, data + elf.shdrs[text].sh_offset, text_len * 8);
	if (elf_relocate(&elf, text, symtab, out + skip, text_len)) {
		free(out);
		return 1;
	}
	if (skip) {
		out[0] = (struct bpf_insn){ .code = BPF_JMP | BPF_CALL, .src_reg = BPF_PSEUDO_CALL,
					    .imm = (s32)(main_sym->st_value / 8) + 1 };
		out[1] = (struct bpf_insn){ .code = BPF_JMP | BPF_EXIT };
	}
	*insns = out;
	*len = text_len + skip;
	return 0;
}

/* --- running ---------------------------------------------------------------------------- */

static int load_program(const struct options *opt, struct bpf_insn **insns, u32 *len)
{
	char *text;
	size_t size, nbytes;
	u8 *bytes;
	int err;

	if (opt->asm_file) {
		struct bpf_insn *asm_insns;
		char msg[256];

		if (read_file(opt->asm_file, &text, &size))
			return 1;
		err = bpf_asm(text, &asm_insns, len, msg, sizeof(msg));
		free(text);
		if (err)
			return fail("%s: %s", strcmp(opt->asm_file, "-") ? opt->asm_file : "stdin",
				    msg);
		err = bytes_to_insns((const u8 *)asm_insns, (size_t)*len * sizeof(**insns), insns,
				     len);
		bpf_env_free(asm_insns);
		return err;
	}
	if (read_file(opt->raw_file ? opt->raw_file : "-", &text, &size))
		return 1;
	if (opt->raw_file) {
		err = bytes_to_insns((const u8 *)text, size, insns, len);
		free(text);
		return err;
	}
	err = parse_hex(opt->elf ? "ELF" : "program", text, size, &bytes, &nbytes);
	free(text);
	if (err)
		return 1;
	if (opt->elf)
		err = load_elf(bytes, nbytes, insns, len);
	else
		err = bytes_to_insns(bytes, nbytes, insns, len);
	free(bytes);
	return err;
}

static int disassemble(const struct bpf_prog *prog)
{
	char line[128];

	for (u32 idx = 0; idx < prog->len;) {
		int n = bpf_disasm_insn(prog->insnsi, prog->len, idx, line, sizeof(line));

		if (n <= 0)
			return fail("insn %u: cannot disassemble", idx);
		printf("%4u: %s\n", idx, line);
		idx += (u32)n;
	}
	return 0;
}

/* Is there a JIT at all? It would accept "r0 = 0; exit". */
static bool have_jit(void)
{
	static const struct bpf_insn trivial[] = {
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K },
		{ .code = BPF_JMP | BPF_EXIT },
	};
	struct bpf_prog *prog = bpf_prog_alloc(trivial, ARRAY_SIZE(trivial));
	int err;

	if (!prog)
		return false;
	err = bpf_int_jit_compile(prog);
	bpf_prog_free(prog);
	return err != -ENOTSUPP;
}

static int run_jit(struct bpf_prog *prog, const struct options *opt, u8 *mem, size_t mem_len,
		   u64 *r0)
{
	int err;

	bpf_jit_enable = 1;
	err = bpf_prog_select_runtime(prog);
	if (err || !prog->jited) {
		if (!have_jit())
			return fail("--jit: no JIT in this build");
		if (!err)
			err = bpf_int_jit_compile(prog);
		return fail("the JIT refused this program: %s (%d); -v shows its log",
			    errno_name(err), err);
	}
	if (opt->dump) {
		const u8 *image = prog->jit_image;

		for (u32 i = 0; image && i < prog->jited_len; i++)
			printf("%02x%c", image[i], (i % 16 == 15 || i + 1 == prog->jited_len) ?
							   '\n' : ' ');
	}
	*r0 = prog->bpf_func((u64)(uintptr_t)mem, mem_len, prog);
	return 0;
}

static int parse_args(int argc, char **argv, struct options *opt)
{
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i];

		if (!strcmp(arg, "--interpret")) {
			opt->jit = false;
		} else if (!strcmp(arg, "--jit")) {
			opt->jit = true;
		} else if (!strcmp(arg, "--elf")) {
			opt->elf = true;
		} else if (!strcmp(arg, "--disasm")) {
			opt->disasm = true;
		} else if (!strcmp(arg, "--dump")) {
			opt->dump = true;
		} else if (!strcmp(arg, "-v")) {
			bpf_env_verbose = 1;
		} else if (!strcmp(arg, "--raw") || !strcmp(arg, "--asm")) {
			if (i + 1 >= argc)
				return fail("%s needs a FILE", arg);
			if (arg[2] == 'r')
				opt->raw_file = argv[++i];
			else
				opt->asm_file = argv[++i];
		} else if (!strcmp(arg, "--prog-type") || !strcmp(arg, "--map") ||
			   !strcmp(arg, "--ctx") || !strcmp(arg, "--repeat")) {
			char *end;

			if (i + 1 >= argc)
				return fail("%s needs an argument", arg);
			if (arg[2] == 'p') {
				opt->prog.prog_type = argv[++i];
			} else if (arg[2] == 'c') {
				opt->ctx_hex = argv[++i];
			} else if (arg[2] == 'm') {
				if (opt->prog.nr_maps == BPFVM_MAX_MAPS)
					return fail("more than %d --map options", BPFVM_MAX_MAPS);
				opt->prog.maps[opt->prog.nr_maps++] = argv[++i];
			} else {
				unsigned long n = strtoul(argv[++i], &end, 0);

				if (argv[i][0] < '0' || argv[i][0] > '9' || *end || n > 0xffffffffUL)
					return fail("--repeat %s: expected a number", argv[i]);
				opt->prog.repeat = (u32)n;
				opt->repeat_set = true;
			}
		} else if (!strcmp(arg, "--dump-maps")) {
			opt->prog.dump_maps = true;
		} else if (!strcmp(arg, "--verify")) {
			opt->prog.verify = true;
		} else if (!strcmp(arg, "--log-level")) {
			char *end;
			unsigned long n;

			if (i + 1 >= argc)
				return fail("--log-level needs an argument");
			n = strtoul(argv[++i], &end, 0);
			if (argv[i][0] < '0' || argv[i][0] > '9' || *end || n > 0xffffffffUL)
				return fail("--log-level %s: expected a number", argv[i]);
			opt->prog.log_level = (u32)n;
		} else if (!strcmp(arg, "-h") || !strcmp(arg, "--help")) {
			usage(stdout);
			exit(0);
		} else if (arg[0] == '-' && arg[1]) {
			usage(stderr);
			return fail("unknown option %s", arg);
		} else if (opt->mem_hex) {
			usage(stderr);
			return fail("more than one MEM argument");
		} else {
			opt->mem_hex = arg;
		}
	}
	if (!!opt->raw_file + !!opt->asm_file + opt->elf > 1)
		return fail("--raw, --asm and --elf exclude each other");
	if (opt->dump && !opt->jit)
		return fail("--dump needs --jit");
	if (!opt->prog.prog_type && (opt->prog.nr_maps || opt->ctx_hex || opt->repeat_set ||
				     opt->prog.dump_maps))
		return fail("--map, --ctx, --repeat and --dump-maps need --prog-type");
	if ((opt->prog.verify || opt->prog.log_level) && !opt->prog.prog_type)
		return fail("--verify and --log-level need --prog-type");
	if (opt->prog.log_level && !opt->prog.verify)
		return fail("--log-level needs --verify");
	if (opt->prog.prog_type &&
	    (opt->mem_hex || (opt->elf && !opt->prog.verify) || opt->disasm || opt->dump))
		return fail("--prog-type takes its input in --ctx, and no MEM, --elf, --disasm "
			    "or --dump");
	return 0;
}

int main(int argc, char **argv)
{
	struct options opt = { 0 };
	struct bpf_insn *insns = NULL;
	struct bpf_prog *prog = NULL;
	struct bpf_interp_check chk = { 0 };
	u8 *mem = NULL, *mem_copy = NULL;
	size_t mem_len = 0;
	char msg[256];
	u32 len;
	u64 r0;
	int ret = 1, err;

	if (parse_args(argc, argv, &opt))
		return 1;
	if (opt.mem_hex && parse_hex("MEM", opt.mem_hex, strlen(opt.mem_hex), &mem, &mem_len))
		return 1;
	if (load_program(&opt, &insns, &len))
		goto out;
	if (opt.prog.prog_type) {
		u8 *ctx = NULL;
		size_t ctx_len = 0;

		if (opt.ctx_hex && parse_hex("--ctx", opt.ctx_hex, strlen(opt.ctx_hex), &ctx, &ctx_len))
			goto out;
		opt.prog.ctx = ctx;
		opt.prog.ctx_len = ctx_len;
		opt.prog.jit = opt.jit;
		ret = bpfvm_run_prog_type(&opt.prog, insns, len);
		free(ctx);
		goto out;
	}
	prog = bpf_prog_alloc(insns, len);
	if (!prog) {
		fail("out of memory");
		goto out;
	}
	prog->helpers = helpers;
	prog->nr_helpers = ARRAY_SIZE(helpers);
	if (opt.disasm) {
		ret = disassemble(prog);
		if (!ret && bpf_insn_check(prog, 0, msg, sizeof(msg)))
			ret = fail("%s", msg);
		goto out;
	}
	err = bpf_insn_check(prog, 0, msg, sizeof(msg));
	if (err) {
		fail("%s", msg);
		goto out;
	}
	/* The checked run: the answer for --interpret, the safety pass for --jit. */
	mem_copy = mem_len ? malloc(mem_len) : NULL;
	if (mem_len && !mem_copy) {
		fail("out of memory");
		goto out;
	}
	if (mem_len)
		memcpy(mem_copy, mem, mem_len);
	chk.mem = mem_copy;
	chk.mem_len = mem_len;
	err = bpf_interp_run_checked(prog, (u64)(uintptr_t)mem_copy, mem_len, &chk);
	if (err) {
		fail("%s", chk.msg);
		goto out;
	}
	r0 = chk.r0;
	bpf_env_log("bpfvm: %llu instructions executed\n", (unsigned long long)chk.insns);
	if (opt.jit && run_jit(prog, &opt, mem, mem_len, &r0))
		goto out;
	printf("0x%llx\n", (unsigned long long)r0);
	ret = 0;
out:
	bpf_prog_free(prog);
	free(insns);
	free(mem);
	free(mem_copy);
	return ret;
}
