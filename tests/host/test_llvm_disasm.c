/*
 * tests/host/test_llvm_disasm.c - our disassembler's LLVM spelling (bpf/disasm.c) against the
 * real LLVM tools, character for character.
 *
 * 1. The programs in tests/host/llvm/, the .bpf.c files, are compiled with clang -target bpf -O2
 *    (-mcpu=v4 where clang has it, v3 otherwise), dumped with llvm-objdump -d, and every code
 *    section is extracted with llvm-objcopy and disassembled by us from the same bytes. The
 *    object is not linked: map loads read "r1 = 0x0 ll" and calls "call -0x1" until relocated,
 *    in both dumps, since both read the same unrelocated bytes.
 * 2. Every valid encoding of every opcode (tests/host/llvm/variants.h) goes through llvm-mc
 *    --disassemble in one run; each one LLVM decodes must print as we print it. Instructions
 *    this LLVM does not know (before LLVM 18: the v4 ones, JSET, MOD, stores of an immediate)
 *    are counted, not compared. Before LLVM 18, LLVM also ignores the offset field of ALU
 *    instructions and so reads v4's signed division and sign-extending moves as plain division
 *    and moves; with such an LLVM those encodings are counted as unknown too.
 * llvm-objdump is asked for hex immediates and alu32 decoding: LLVM 16 and later print hex by
 * default; --mattr=+alu32 names 32-bit loads and stores by their w register, as programs built
 * for -mcpu=v3 and later mean them. The test runs from the repository root and writes its files
 * to build/host/llvm/. It fails when the tools are missing: CI installs clang and llvm.
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <cmocka.h>

#include "bpf/disasm.h"
#include "tests/host/llvm/variants.h"

#define WORK	      "build/host/llvm"
#define SRC_DIR	      "tests/host/llvm"
#define OBJDUMP_FLAGS "-d --no-show-raw-insn --print-imm-hex --mattr=+alu32"

static int run(const char *cmd)
{
	int ret = system(cmd);

	return ret == -1 ? -1 : WEXITSTATUS(ret);
}

static void need_tool(const char *tool)
{
	char cmd[256];

	snprintf(cmd, sizeof(cmd), "command -v %s >/dev/null 2>&1", tool);
	if (run(cmd))
		fail_msg("%s not found: install clang and llvm (tests/deps.sh)", tool);
}

static void need_tools(void)
{
	need_tool("clang");
	need_tool("llvm-objdump");
	need_tool("llvm-objcopy");
	need_tool("llvm-mc");
	if (run("mkdir -p " WORK))
		fail_msg("cannot create " WORK);
}

/* Read a whole file; NULL if it cannot be read. *size gets its length. */
static char *read_file(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	if (buf) {
		buf[n] = '\0';
		*size = (size_t)n;
	}
	return buf;
}

/* Compile src to obj: -mcpu=v4 if this clang knows it, else v3. Returns the cpu used. */
static const char *compile(const char *src, const char *obj)
{
	static const char *const cpus[] = {"v4", "v3"};
	char cmd[2048];
	unsigned int i;

	for (i = 0; i < 2; i++) {
		snprintf(cmd, sizeof(cmd),
			 "clang -target bpf -D__TARGET_ARCH_x86 -O2 -mcpu=%s -c %s -o %s 2>%s.log",
			 cpus[i], src, obj, obj);
		if (!run(cmd))
			return cpus[i];
	}
	snprintf(cmd, sizeof(cmd), "cat %s.log", obj);
	run(cmd);
	fail_msg("clang could not compile %s", src);
	return NULL;
}

struct section_check {
	unsigned int compared;
	unsigned int mismatches;
};

/*
 * Compare one code section: lines of llvm-objdump ("   12:\tr1 = 0x0 ll <sym>") against our
 * disassembly of the section's bytes. lines points at the first line after the section header.
 */
static void check_section(const char *obj, const char *section, const char *lines,
			  struct section_check *c)
{
	char cmd[2048], bin[256], ours[BPF_DISASM_LINE_MAX], copy[256];
	struct bpf_insn *insns;
	size_t size, n;
	unsigned int idx, next_idx = 0, count;
	const char *line, *end;
	char *text, *name;
	int slots;

	snprintf(bin, sizeof(bin), WORK "/section.bin");
	snprintf(cmd, sizeof(cmd), "llvm-objcopy -O binary --only-section='%s' %s %s", section, obj,
		 bin);
	if (run(cmd))
		fail_msg("llvm-objcopy failed on %s section %s", obj, section);
	insns = (struct bpf_insn *)read_file(bin, &size);
	assert_non_null(insns);
	assert_int_equal(size % sizeof(*insns), 0);
	count = (unsigned int)(size / sizeof(*insns));

	for (line = lines; *line && strncmp(line, "Disassembly of section", 22);
	     line = *end ? end + 1 : end) {
		end = strchr(line, '\n');
		if (!end)
			end = line + strlen(line);
		n = (size_t)(end - line) < sizeof(copy) ? (size_t)(end - line) : sizeof(copy) - 1;
		memcpy(copy, line, n);
		copy[n] = '\0';
		/* Instruction lines are "<spaces><index>:\t<text>"; others are symbols, blanks. */
		if (sscanf(copy, " %u:", &idx) != 1 || !(text = strchr(copy, '\t')))
			continue;
		text++;
		/* objdump names a jump's target after it: " <LBB0_2>". We do not. */
		name = strrchr(text, '<');
		if (name && name > text && name[-1] == ' ' && text[strlen(text) - 1] == '>')
			name[-1] = '\0';
		if (idx != next_idx)
			fail_msg("%s %s: objdump has insn %u where we expect %u", obj, section, idx,
				 next_idx);
		slots =
		    bpf_disasm_insn_syntax(insns, count, idx, ours, sizeof(ours), BPF_DISASM_LLVM);
		assert_true(slots > 0);
		next_idx = idx + (unsigned int)slots;
		c->compared++;
		if (strcmp(ours, text)) {
			print_message("%s %s insn %u: llvm-objdump \"%s\", ours \"%s\"\n", obj,
				      section, idx, text, ours);
			c->mismatches++;
		}
	}
	if (next_idx != count)
		fail_msg("%s %s: objdump listed %u of %u slots", obj, section, next_idx, count);
	free(insns);
}

static void test_compiled_programs(void **state)
{
	struct section_check c = {0};
	unsigned int sources = 0, sections = 0;
	char src[512], obj[512], dump_path[520], cmd[2048], section[128];
	struct dirent *de;
	char *dump, *p, *nl;
	const char *cpu;
	size_t size, n;
	DIR *dir;

	(void)state;
	need_tools();
	dir = opendir(SRC_DIR);
	assert_non_null(dir);
	while ((de = readdir(dir))) {
		n = strlen(de->d_name);
		if (n < 7 || strcmp(de->d_name + n - 6, ".bpf.c"))
			continue;
		snprintf(src, sizeof(src), SRC_DIR "/%s", de->d_name);
		snprintf(obj, sizeof(obj), WORK "/%.*s.o", (int)(n - 6), de->d_name);
		snprintf(dump_path, sizeof(dump_path), "%s.dump", obj);
		cpu = compile(src, obj);
		snprintf(cmd, sizeof(cmd), "llvm-objdump " OBJDUMP_FLAGS " %s > %s", obj,
			 dump_path);
		if (run(cmd))
			fail_msg("llvm-objdump failed on %s", obj);
		dump = read_file(dump_path, &size);
		assert_non_null(dump);
		print_message("%s: -mcpu=%s\n", src, cpu);
		sources++;

		for (p = strstr(dump, "Disassembly of section "); p;
		     p = strstr(p, "Disassembly of section ")) {
			p += strlen("Disassembly of section ");
			nl = strchr(p, '\n');
			assert_non_null(nl);
			n = (size_t)(nl - p);
			assert_true(n > 1 && n < sizeof(section) && p[n - 1] == ':');
			memcpy(section, p, n - 1);
			section[n - 1] = '\0';
			check_section(obj, section, nl + 1, &c);
			sections++;
		}
		free(dump);
	}
	closedir(dir);
	print_message("%u sources, %u code sections, %u instructions compared, %u differ\n",
		      sources, sections, c.compared, c.mismatches);
	assert_true(sources >= 2);
	assert_true(c.compared > 100);
	assert_int_equal(c.mismatches, 0);
}

/* The major version of the LLVM tools, from "LLVM version 14.0.6"; 0 if not found. */
static int llvm_version(void)
{
	char *text, *p;
	size_t size;
	int major = 0;

	if (run("llvm-mc --version > " WORK "/version.txt 2>&1"))
		return 0;
	text = read_file(WORK "/version.txt", &size);
	if (text && (p = strstr(text, "LLVM version ")))
		major = atoi(p + strlen("LLVM version "));
	free(text);
	return major;
}

/* An ALU encoding whose offset field selects a v4 instruction (sdiv, smod, movsx). */
static bool v4_alu_offset(const struct bpf_insn *insn)
{
	u8 class = BPF_CLASS(insn->code);

	return (class == BPF_ALU || class == BPF_ALU64) && insn->off != 0;
}

/* All valid encodings, in the order they are written to llvm-mc. */
struct encodings {
	struct bpf_insn (*insns)[2];
	unsigned int *slots;
	unsigned int count, cap;
};

static void collect(const struct bpf_insn *insns, unsigned int slots, void *ctx)
{
	struct encodings *e = ctx;
	char text[BPF_DISASM_LINE_MAX];

	bpf_disasm_insn_syntax(insns, slots, 0, text, sizeof(text), BPF_DISASM_LLVM);
	if (!strncmp(text, "invalid", 7))
		return;
	if (e->count == e->cap) {
		e->cap = e->cap ? 2 * e->cap : 4096;
		e->insns = realloc(e->insns, e->cap * sizeof(*e->insns));
		e->slots = realloc(e->slots, e->cap * sizeof(*e->slots));
		assert_non_null(e->insns);
		assert_non_null(e->slots);
	}
	memcpy(e->insns[e->count], insns, slots * sizeof(*insns));
	e->slots[e->count++] = slots;
}

static void test_every_encoding_llvm_mc(void **state)
{
	struct encodings e = {0};
	unsigned int i, b, line_no, compared = 0, unknown = 0, mismatches = 0;
	int version;
	char ours[BPF_DISASM_LINE_MAX], *out, *err, *p, *line, *end;
	bool *invalid, skip;
	size_t size;
	FILE *f;

	(void)state;
	need_tools();
	for (i = 0; i < 256; i++)
		for_each_variant((u8)i, collect, &e);
	assert_true(e.count > 10000);

	f = fopen(WORK "/encodings.txt", "w");
	assert_non_null(f);
	for (i = 0; i < e.count; i++) {
		const u8 *bytes = (const u8 *)e.insns[i];

		for (b = 0; b < e.slots[i] * 8; b++)
			fprintf(f, "%s0x%02x", b ? " " : "", bytes[b]);
		fputc('\n', f);
	}
	fclose(f);
	if (run("llvm-mc --disassemble -triple=bpfel --print-imm-hex -mattr=+alu32 < " WORK
		"/encodings.txt > " WORK "/encodings.out 2> " WORK "/encodings.err"))
		fail_msg("llvm-mc failed: see " WORK "/encodings.err");

	/* stderr: "<stdin>:N:C: warning: invalid instruction encoding" for each unknown one */
	invalid = calloc(e.count + 1, sizeof(*invalid));
	err = read_file(WORK "/encodings.err", &size);
	assert_non_null(invalid);
	assert_non_null(err);
	version = llvm_version();
	for (p = err; (p = strstr(p, "<stdin>:")); p++)
		if (sscanf(p, "<stdin>:%u:", &line_no) == 1 && line_no >= 1 && line_no <= e.count)
			invalid[line_no - 1] = true;

	/* stdout: ".text", then one "\t<text>" line per decoded instruction, in order */
	out = read_file(WORK "/encodings.out", &size);
	assert_non_null(out);
	line = out;
	for (i = 0; i < e.count; i++) {
		if (invalid[i]) {
			unknown++;
			continue;
		}
		/* Older LLVM decodes these, but as other instructions: skip its line too. */
		skip = version < 18 && v4_alu_offset(e.insns[i]);
		for (;;) {
			assert_true(line && *line);
			end = strchr(line, '\n');
			if (end)
				*end = '\0';
			if (line[0] == '\t' && strcmp(line, "\t.text"))
				break;
			line = end ? end + 1 : NULL;
		}
		if (skip) {
			unknown++;
			line = end ? end + 1 : NULL;
			continue;
		}
		bpf_disasm_insn_syntax(e.insns[i], e.slots[i], 0, ours, sizeof(ours),
				       BPF_DISASM_LLVM);
		compared++;
		if (strcmp(line + 1, ours) && mismatches++ < 20)
			print_message("encoding %u (%02x): llvm-mc \"%s\", ours \"%s\"\n", i + 1,
				      e.insns[i][0].code, line + 1, ours);
		line = end ? end + 1 : NULL;
	}
	print_message("LLVM %d, %u valid encodings: %u compared with llvm-mc, %u unknown to "
		      "this LLVM, %u differ\n",
		      version, e.count, compared, unknown, mismatches);
	assert_true(compared > e.count / 2);
	assert_int_equal(mismatches, 0);
	free(out);
	free(err);
	free(invalid);
	free(e.insns);
	free(e.slots);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_compiled_programs),
	    cmocka_unit_test(test_every_encoding_llvm_mc),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
