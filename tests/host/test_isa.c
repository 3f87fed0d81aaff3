/*
 * tests/host/test_isa.c - the data-driven instruction set suite, and the structural check's
 * refusals.
 *
 * Every file tests/host/isa/NAME.test holds one program and what it must give:
 *
 *     # what the file checks (comment lines start with #)
 *     -- asm                    the program, in bpf/asm.h syntax (or -- raw: hex bytes)
 *     r0 = 1
 *     exit
 *     -- mem                    optional: input memory, hex; r1 = its address, r2 = its length
 *     00 01 02 03
 *     -- result                 the expected r0 ...
 *     0x1
 *     -- mem-out                ... optional: the expected memory afterwards, hex
 *     00 01 02 03
 *     -- error                  or: a substring of the error that must refuse the program
 *     out-of-bounds
 *
 * Each file becomes one cmocka test per execution engine: the checked interpreter, the plain
 * interpreter, and the JIT (only when the JIT accepts a trivial program; until then its tests
 * are not registered and a line says so). Every engine must give the expected r0, and leave
 * memory exactly as the checked interpreter left it (and as -- mem-out says). A program
 * expected to be refused runs through the checked interpreter only: the other engines trust
 * the verifier and would fault. Helper id 5 returns its first argument, as in bpfvm.
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "bpf/asm.h"
#include "bpf/insn.h"
#include "bpf/prog.h"

extern long bpf_env_live_allocs;

#define ISA_DIR "tests/host/isa"

enum engine { ENGINE_CHECKED, ENGINE_PLAIN, ENGINE_JIT };
static const char *const engine_names[] = {
	[ENGINE_CHECKED] = "checked",
	[ENGINE_PLAIN] = "interp",
	[ENGINE_JIT] = "jit",
};

struct isa_case {
	char name[128];
	char *asm_text;
	u8 *raw;
	size_t raw_len;
	bool has_raw;
	u8 *mem;
	size_t mem_len;
	u8 *mem_out;
	size_t mem_out_len;
	bool has_mem_out;
	bool has_result;
	u64 result;
	char *error;
	char parse_error[160]; /* a malformed .test file fails its tests with this */
};

struct isa_test {
	struct isa_case *c;
	enum engine engine;
};

static u64 helper_return_arg(u64 r1, u64 r2, u64 r3, u64 r4, u64 r5)
{
	return r1;
}

static const bpf_helper_fn helpers[] = {
	[5] = helper_return_arg,
};

/* --- reading .test files ------------------------------------------------------------------ */

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

/* Hex text ('#' starts a comment) to bytes; false on bad hex. */
static bool parse_hex(const char *text, u8 **out, size_t *len)
{
	u8 *bytes = malloc(strlen(text) / 2 + 1);
	size_t n = 0;
	int high = -1;

	for (const char *p = text; *p; p++) {
		if (*p == '#') {
			while (p[1] && p[1] != '\n')
				p++;
			continue;
		}
		if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
			if (high >= 0)
				goto bad;
			continue;
		}
		if (hex_digit(*p) < 0)
			goto bad;
		if (high < 0) {
			high = hex_digit(*p);
		} else {
			bytes[n++] = (u8)(high << 4 | hex_digit(*p));
			high = -1;
		}
	}
	if (high >= 0)
		goto bad;
	*out = bytes;
	*len = n;
	return true;
bad:
	free(bytes);
	return false;
}

static char *trim(char *s)
{
	char *end;

	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	end = s + strlen(s);
	while (end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\n' || end[-1] == '\r'))
		*--end = '\0';
	return s;
}

static void set_section(struct isa_case *c, const char *section, char *body)
{
	char *text = trim(body), *end;

	if (!strcmp(section, "asm")) {
		c->asm_text = strdup(body);
	} else if (!strcmp(section, "raw")) {
		c->has_raw = true;
		if (!parse_hex(text, &c->raw, &c->raw_len))
			snprintf(c->parse_error, sizeof(c->parse_error), "bad hex in -- raw");
	} else if (!strcmp(section, "mem")) {
		if (!parse_hex(text, &c->mem, &c->mem_len))
			snprintf(c->parse_error, sizeof(c->parse_error), "bad hex in -- mem");
	} else if (!strcmp(section, "mem-out")) {
		c->has_mem_out = true;
		if (!parse_hex(text, &c->mem_out, &c->mem_out_len))
			snprintf(c->parse_error, sizeof(c->parse_error), "bad hex in -- mem-out");
	} else if (!strcmp(section, "result")) {
		c->has_result = true;
		c->result = text[0] == '-' ? (u64)strtoll(text, &end, 0) : strtoull(text, &end, 0);
		if (!*text || *end)
			snprintf(c->parse_error, sizeof(c->parse_error),
				 "bad number '%s' in -- result", text);
	} else if (!strcmp(section, "error")) {
		c->error = strdup(text);
		if (!*text)
			snprintf(c->parse_error, sizeof(c->parse_error), "empty -- error");
	} else {
		snprintf(c->parse_error, sizeof(c->parse_error), "unknown section -- %s", section);
	}
}

static struct isa_case *load_case(const char *dir, const char *file)
{
	struct isa_case *c = calloc(1, sizeof(*c));
	char path[512], line[1024], section[32] = "";
	size_t body_cap = 4096, body_len = 0;
	char *body = malloc(body_cap);
	FILE *f;

	snprintf(c->name, sizeof(c->name), "%.*s", (int)(strlen(file) - 5), file);
	snprintf(path, sizeof(path), "%s/%s", dir, file);
	f = fopen(path, "r");
	if (!f) {
		snprintf(c->parse_error, sizeof(c->parse_error), "cannot open %.100s", path);
		free(body);
		return c;
	}
	body[0] = '\0';
	while (fgets(line, sizeof(line), f)) {
		if (!strncmp(line, "-- ", 3)) {
			if (section[0])
				set_section(c, section, body);
			snprintf(section, sizeof(section), "%s", trim(line + 3));
			body_len = 0;
			body[0] = '\0';
			continue;
		}
		if (!section[0]) /* the description before the first section */
			continue;
		if (body_len + strlen(line) + 1 > body_cap) {
			body_cap = 2 * (body_len + strlen(line) + 1);
			body = realloc(body, body_cap);
		}
		memcpy(body + body_len, line, strlen(line) + 1);
		body_len += strlen(line);
	}
	if (section[0])
		set_section(c, section, body);
	fclose(f);
	free(body);
	if (!c->parse_error[0] && !!c->asm_text + c->has_raw != 1)
		snprintf(c->parse_error, sizeof(c->parse_error), "needs one of -- asm and -- raw");
	if (!c->parse_error[0] && c->has_result + !!c->error != 1)
		snprintf(c->parse_error, sizeof(c->parse_error),
			 "needs one of -- result and -- error");
	if (!c->parse_error[0] && c->has_mem_out && c->mem_out_len != c->mem_len)
		snprintf(c->parse_error, sizeof(c->parse_error),
			 "-- mem-out has %zu bytes, -- mem %zu", c->mem_out_len, c->mem_len);
	return c;
}

/* --- running ------------------------------------------------------------------------------ */

/*
 * The program of a case, checked: 0 and *prog, or an error with msg (assembler or structural
 * check).
 */
static int build_prog(const struct isa_case *c, struct bpf_prog **prog, char *msg, size_t size)
{
	struct bpf_insn *insns = NULL;
	u32 len;
	int err;

	if (c->asm_text) {
		err = bpf_asm(c->asm_text, &insns, &len, msg, size);
		if (err)
			return err;
	} else {
		err = bpf_insn_check_size(c->raw_len, msg, size);
		if (err)
			return err;
		len = (u32)(c->raw_len / sizeof(struct bpf_insn));
	}
	*prog = bpf_prog_alloc(insns ? insns : (const struct bpf_insn *)c->raw, len);
	bpf_env_free(insns);
	if (!*prog) {
		snprintf(msg, size, "out of memory");
		return -ENOMEM;
	}
	(*prog)->helpers = helpers;
	(*prog)->nr_helpers = ARRAY_SIZE(helpers);
	err = bpf_insn_check(*prog, 0, msg, size);
	if (err) {
		bpf_prog_free(*prog);
		*prog = NULL;
	}
	return err;
}

static u8 *copy_mem(const struct isa_case *c)
{
	u8 *mem = c->mem_len ? malloc(c->mem_len) : NULL;

	if (mem)
		memcpy(mem, c->mem, c->mem_len);
	return mem;
}

/* The first byte where got differs from want, or -1. */
static long mem_diff(const struct isa_case *c, const u8 *got, const u8 *want)
{
	for (size_t i = 0; i < c->mem_len; i++)
		if (got[i] != want[i])
			return (long)i;
	return -1;
}

/*
 * Run one case on one engine. NULL when it behaves as the file says, else why not (in a
 * static buffer). Everything it allocates is freed before it returns.
 */
static const char *check_case(const struct isa_case *c, enum engine engine)
{
	static char why[512];
	const char *name = engine_names[engine];
	struct bpf_interp_check chk = { 0 };
	struct bpf_prog *prog = NULL;
	u8 *ref_mem = NULL, *mem = NULL;
	char msg[256];
	long at;
	u64 r0 = 0;
	int err;

	why[0] = '\0';
	/* Build, check and run through the checked interpreter: the reference for all engines. */
	err = build_prog(c, &prog, msg, sizeof(msg));
	if (!err) {
		ref_mem = copy_mem(c);
		chk.mem = ref_mem;
		chk.mem_len = c->mem_len;
		err = bpf_interp_run_checked(prog, (u64)(uintptr_t)ref_mem, c->mem_len, &chk);
		if (err)
			snprintf(msg, sizeof(msg), "%s", chk.msg);
	}
	if (c->error) {
		if (!err)
			snprintf(why, sizeof(why),
				 "expected an error containing \"%s\", got r0 = 0x%llx", c->error,
				 (unsigned long long)chk.r0);
		else if (!strstr(msg, c->error))
			snprintf(why, sizeof(why), "expected an error containing \"%s\", got \"%s\"",
				 c->error, msg);
		goto out;
	}
	if (err) {
		snprintf(why, sizeof(why), "refused: %s", msg);
		goto out;
	}
	if (c->has_mem_out && (at = mem_diff(c, ref_mem, c->mem_out)) >= 0) {
		snprintf(why, sizeof(why),
			 "[checked] memory byte %ld is 0x%02x, -- mem-out has 0x%02x", at,
			 ref_mem[at], c->mem_out[at]);
		goto out;
	}

	switch (engine) {
	case ENGINE_CHECKED:
		r0 = chk.r0;
		break;
	case ENGINE_PLAIN:
		mem = copy_mem(c);
		r0 = ___bpf_prog_run((u64)(uintptr_t)mem, c->mem_len, prog);
		break;
	case ENGINE_JIT:
		err = bpf_int_jit_compile(prog);
		if (err || !prog->jited) {
			snprintf(why, sizeof(why), "the JIT refused the program (%d)", err);
			goto out;
		}
		mem = copy_mem(c);
		r0 = prog->bpf_func((u64)(uintptr_t)mem, c->mem_len, prog);
		break;
	}
	if (r0 != c->result)
		snprintf(why, sizeof(why), "[%s] r0 = 0x%llx, expected 0x%llx", name,
			 (unsigned long long)r0, (unsigned long long)c->result);
	else if (engine != ENGINE_CHECKED && (at = mem_diff(c, mem, ref_mem)) >= 0)
		snprintf(why, sizeof(why), "[%s] memory byte %ld is 0x%02x, the checked interpreter "
			 "left 0x%02x", name, at, mem[at], ref_mem[at]);
out:
	free(mem);
	free(ref_mem);
	bpf_prog_free(prog);
	return why[0] ? why : NULL;
}

static void run_case(void **state)
{
	const struct isa_test *t = *state;
	long allocs = bpf_env_live_allocs;
	const char *why;

	if (t->c->parse_error[0])
		fail_msg("%s.test: %s", t->c->name, t->c->parse_error);
	why = check_case(t->c, t->engine);
	if (why)
		fail_msg("%s: %s", t->c->name, why);
	assert_int_equal(bpf_env_live_allocs, allocs);
}

/* --- the structural check's refusals, called directly ------------------------------------- */

#define INSN(c, d, s, o, i) { .code = (c), .dst_reg = (d), .src_reg = (s), .off = (o), .imm = (i) }
#define EXIT_INSN INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0)
#define MOV0 INSN(BPF_ALU64 | BPF_MOV | BPF_K, 0, 0, 0, 0)

struct bad_prog {
	const char *name;
	struct bpf_insn insns[6];
	u32 len;
	const char *msg; /* the whole expected message */
};

static const struct bad_prog bad_progs[] = {
	{ "unknown opcode", { MOV0, INSN(0xff, 0, 0, 0, 0), EXIT_INSN }, 3,
	  "insn 1: unknown opcode 0xff" },
	{ "legacy packet load", { INSN(BPF_LD | BPF_ABS | BPF_W, 0, 0, 0, 0), EXIT_INSN }, 2,
	  "insn 0: unknown opcode 0x20" },
	{ "jump out of range", { MOV0, INSN(BPF_JMP | BPF_JA, 0, 0, 10, 0), EXIT_INSN }, 3,
	  "insn 1: jump out of range (target 12, program has 3 insns)" },
	{ "jump backwards out of range", { INSN(BPF_JMP | BPF_JEQ | BPF_K, 1, 0, -3, 0), MOV0,
	  EXIT_INSN }, 3, "insn 0: jump out of range (target -2, program has 3 insns)" },
	{ "gotol out of range", { MOV0, INSN(BPF_JMP32 | BPF_JA, 0, 0, 0, 100000), EXIT_INSN }, 3,
	  "insn 1: jump out of range (target 100002, program has 3 insns)" },
	{ "jump into ld_imm64", { INSN(BPF_JMP | BPF_JA, 0, 0, 1, 0),
	  INSN(BPF_LD | BPF_IMM | BPF_DW, 0, 0, 0, 1), INSN(0, 0, 0, 0, 0), EXIT_INSN }, 4,
	  "insn 0: jump into the middle of the ld_imm64 at insn 1" },
	{ "call into ld_imm64", { INSN(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, 2), EXIT_INSN,
	  INSN(BPF_LD | BPF_IMM | BPF_DW, 0, 0, 0, 1), INSN(0, 0, 0, 0, 0), EXIT_INSN }, 5,
	  "insn 0: call into the middle of the ld_imm64 at insn 2" },
	{ "call out of range", { INSN(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, 7), EXIT_INSN },
	  2, "insn 0: call out of range (target 8, program has 2 insns)" },
	{ "truncated ld_imm64", { MOV0, INSN(BPF_LD | BPF_IMM | BPF_DW, 0, 0, 0, 1) }, 2,
	  "insn 1: truncated ld_imm64 (its second slot is missing)" },
	{ "malformed ld_imm64", { INSN(BPF_LD | BPF_IMM | BPF_DW, 0, 0, 0, 1),
	  INSN(BPF_ALU64 | BPF_MOV | BPF_K, 0, 0, 0, 0), EXIT_INSN }, 3,
	  "insn 0: malformed ld_imm64 (its second slot, insn 1, must hold only imm)" },
	{ "ld_imm64 map fd", { INSN(BPF_LD | BPF_IMM | BPF_DW, 1, BPF_PSEUDO_MAP_FD, 0, 3),
	  INSN(0, 0, 0, 0, 0), EXIT_INSN }, 3,
	  "insn 0: ld_imm64 with pseudo source 1 (map or function reference) needs a loader" },
	{ "unknown helper", { INSN(BPF_JMP | BPF_CALL, 0, 0, 0, 1), EXIT_INSN }, 2,
	  "insn 0: call to unknown helper id 1" },
	{ "negative helper id", { INSN(BPF_JMP | BPF_CALL, 0, 0, 0, -5), EXIT_INSN }, 2,
	  "insn 0: call to unknown helper id -5" },
	{ "kfunc call", { INSN(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_KFUNC_CALL, 0, 1), EXIT_INSN }, 2,
	  "insn 0: kernel function calls are not supported" },
	{ "register out of range", { INSN(BPF_ALU64 | BPF_MOV | BPF_X, 0, 11, 0, 0), EXIT_INSN },
	  2, "insn 0: invalid register r11" },
	{ "write to r10", { INSN(BPF_ALU64 | BPF_ADD | BPF_K, 10, 0, 0, 8), MOV0, EXIT_INSN }, 3,
	  "insn 0: r10 is the read-only frame pointer" },
	{ "load into r10", { INSN(BPF_LDX | BPF_MEM | BPF_DW, 10, 1, 0, 0), EXIT_INSN }, 2,
	  "insn 0: r10 is the read-only frame pointer" },
	{ "reserved off", { INSN(BPF_ALU64 | BPF_ADD | BPF_X, 0, 1, 4, 0), EXIT_INSN }, 2,
	  "insn 0: opcode 0x0f with invalid off 4" },
	{ "reserved imm", { INSN(BPF_ALU64 | BPF_ADD | BPF_X, 0, 1, 0, 4), EXIT_INSN }, 2,
	  "insn 0: opcode 0x0f uses reserved field imm (4, must be 0)" },
	{ "movsx 32 in ALU", { INSN(BPF_ALU | BPF_MOV | BPF_X, 0, 1, 32, 0), EXIT_INSN }, 2,
	  "insn 0: opcode 0xbc with invalid off 32" },
	{ "bad byte swap width", { INSN(BPF_ALU | BPF_END | BPF_TO_BE, 0, 0, 0, 24), EXIT_INSN }, 2,
	  "insn 0: byte swap of 24 bits (must be 16, 32 or 64)" },
	{ "unknown atomic", { INSN(BPF_STX | BPF_ATOMIC | BPF_DW, 10, 1, -8, 0x10), EXIT_INSN }, 2,
	  "insn 0: unknown atomic operation 0x10" },
	{ "atomic of a byte", { INSN(BPF_STX | BPF_ATOMIC | BPF_B, 10, 1, -8, 0), EXIT_INSN }, 2,
	  "insn 0: unknown opcode 0xd3" },
	{ "falls off the end", { MOV0 }, 1, "insn 0: last instruction is not an exit or jump" },
	{ "exit in JMP32", { MOV0, INSN(BPF_JMP32 | BPF_EXIT, 0, 0, 0, 0), EXIT_INSN }, 3,
	  "insn 1: unknown opcode 0x96" },
};

static void test_bad_progs(void **state)
{
	char msg[160];

	for (size_t i = 0; i < ARRAY_SIZE(bad_progs); i++) {
		const struct bad_prog *b = &bad_progs[i];
		struct bpf_prog *prog = bpf_prog_alloc(b->insns, b->len);
		int err;

		assert_non_null(prog);
		prog->helpers = helpers;
		prog->nr_helpers = ARRAY_SIZE(helpers);
		err = bpf_insn_check(prog, 0, msg, sizeof(msg));
		bpf_prog_free(prog);
		if (err != -EINVAL || strcmp(msg, b->msg))
			fail_msg("%s: got %d \"%s\", expected -EINVAL \"%s\"", b->name, err, msg,
				 b->msg);
	}
}

/*
 * The checked interpreter on programs the structural check never saw: it must stop each one
 * with a message, not fault. (bpfvm always runs the check first; other users may not.)
 */
static const struct bad_prog unchecked_progs[] = {
	{ "unknown opcode", { MOV0, INSN(0xff, 0, 0, 0, 0), EXIT_INSN }, 3,
	  "insn 1: unknown opcode 0xff" },
	{ "unknown atomic", { INSN(BPF_STX | BPF_ATOMIC | BPF_DW, 10, 1, -8, 0x10), EXIT_INSN }, 2,
	  "insn 0: unknown atomic operation 0x10" },
	{ "jump out of range", { INSN(BPF_JMP | BPF_JA, 0, 0, 5, 0), EXIT_INSN }, 2,
	  "insn 0: jump out of range (target 6, program has 2 insns)" },
	{ "jump before the start", { INSN(BPF_JMP | BPF_JEQ | BPF_K, 0, 0, -3, 0), EXIT_INSN }, 2,
	  "insn 0: jump out of range (target -2, program has 2 insns)" },
	{ "gotol out of range", { INSN(BPF_JMP32 | BPF_JA, 0, 0, 0, -100), EXIT_INSN }, 2,
	  "insn 0: jump out of range (target -99, program has 2 insns)" },
	{ "call out of range", { INSN(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, 100), EXIT_INSN },
	  2, "insn 0: call out of range (target 101, program has 2 insns)" },
	{ "falls off the end", { MOV0 }, 1, "insn 0: execution ran past the last instruction" },
	{ "truncated ld_imm64", { MOV0, INSN(BPF_LD | BPF_IMM | BPF_DW, 0, 0, 0, 1) }, 2,
	  "insn 1: truncated ld_imm64 (its second slot is missing)" },
	{ "unknown helper", { INSN(BPF_JMP | BPF_CALL, 0, 0, 0, 4), EXIT_INSN }, 2,
	  "insn 0: call to unknown helper id 4" },
	{ "kfunc call", { INSN(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_KFUNC_CALL, 0, 1), EXIT_INSN }, 2,
	  "insn 0: call with unknown src_reg 2" },
};

static void test_checked_unchecked_progs(void **state)
{
	for (size_t i = 0; i < ARRAY_SIZE(unchecked_progs); i++) {
		const struct bad_prog *b = &unchecked_progs[i];
		struct bpf_prog *prog = bpf_prog_alloc(b->insns, b->len);
		struct bpf_interp_check chk = { 0 };
		int err;

		assert_non_null(prog);
		prog->helpers = helpers;
		prog->nr_helpers = ARRAY_SIZE(helpers);
		err = bpf_interp_run_checked(prog, 0, 0, &chk);
		bpf_prog_free(prog);
		if (err >= 0 || strcmp(chk.msg, b->msg))
			fail_msg("%s: got %d \"%s\", expected an error \"%s\"", b->name, err,
				 chk.msg, b->msg);
	}
}

/* The instruction budget counts executed instructions and stops at its limit. */
static void test_checked_budget(void **state)
{
	const struct bpf_insn loop[] = {
		MOV0,
		INSN(BPF_ALU64 | BPF_ADD | BPF_K, 0, 0, 0, 1),
		INSN(BPF_JMP | BPF_JLT | BPF_K, 0, 0, -2, 1000),
		EXIT_INSN,
	};
	struct bpf_prog *prog = bpf_prog_alloc(loop, ARRAY_SIZE(loop));
	struct bpf_interp_check chk = { .insn_limit = 2002 };

	assert_non_null(prog);
	/* 1 + 1000 * 2 + 1 instructions: exactly the budget */
	assert_int_equal(bpf_interp_run_checked(prog, 0, 0, &chk), 0);
	assert_int_equal(chk.r0, 1000);
	assert_int_equal(chk.insns, 2002);
	chk.insn_limit = 2001;
	assert_int_equal(bpf_interp_run_checked(prog, 0, 0, &chk), -ELOOP);
	assert_string_equal(chk.msg, "insn 3: instruction budget of 2001 exhausted (runaway loop?)");
	bpf_prog_free(prog);
}

static void test_bad_sizes(void **state)
{
	char msg[160];

	assert_int_equal(bpf_insn_check_size(0, msg, sizeof(msg)), -EINVAL);
	assert_string_equal(msg, "empty program");
	assert_int_equal(bpf_insn_check_size(21, msg, sizeof(msg)), -EINVAL);
	assert_string_equal(msg, "insn 2: truncated (program is 21 bytes, not a multiple of 8)");
	assert_int_equal(bpf_insn_check_size((size_t)BPF_INSN_MAX * 8 + 8, msg, sizeof(msg)),
			 -E2BIG);
	assert_int_equal(bpf_insn_check_size(16, msg, sizeof(msg)), 0);
}

/* A program the check accepts, with the pseudo ld_imm64 allowed by the flag. */
static void test_pseudo_ld_flag(void **state)
{
	const struct bpf_insn insns[] = {
		INSN(BPF_LD | BPF_IMM | BPF_DW, 1, BPF_PSEUDO_MAP_VALUE, 0, 3),
		INSN(0, 0, 0, 0, 16),
		MOV0,
		EXIT_INSN,
	};
	struct bpf_prog *prog = bpf_prog_alloc(insns, ARRAY_SIZE(insns));
	char msg[160];

	assert_non_null(prog);
	assert_int_equal(bpf_insn_check(prog, 0, msg, sizeof(msg)), -EINVAL);
	assert_int_equal(bpf_insn_check(prog, BPF_INSN_ALLOW_PSEUDO_LD, msg, sizeof(msg)), 0);
	bpf_prog_free(prog);
}

/* --- coverage: every instruction form the check accepts appears in some .test file ------- */

static struct isa_case **all_cases;
static size_t nr_cases;

static const s32 atomic_ops[] = {
	BPF_ADD, BPF_ADD | BPF_FETCH, BPF_OR, BPF_OR | BPF_FETCH, BPF_AND, BPF_AND | BPF_FETCH,
	BPF_XOR, BPF_XOR | BPF_FETCH, BPF_XCHG, BPF_CMPXCHG,
};
#define NR_VARIANTS ARRAY_SIZE(atomic_ops) /* the most variants one opcode has */

/*
 * The form of an instruction: its opcode, and for the opcodes whose meaning depends on
 * another field, which variant it is (sdiv/smod, the movsx widths, the byte swap widths, the
 * atomic operations, helper or BPF-to-BPF call). -1 for a field value that is not a variant.
 */
static int variant_of(const struct bpf_insn *insn)
{
	u8 class = BPF_CLASS(insn->code), op = BPF_OP(insn->code);

	if (class == BPF_ALU || class == BPF_ALU64) {
		if (op == BPF_DIV || op == BPF_MOD)
			return insn->off == 0 ? 0 : insn->off == 1 ? 1 : -1;
		if (op == BPF_MOV && BPF_SRC(insn->code) == BPF_X)
			return insn->off == 0 ? 0 : insn->off == 8 ? 1 : insn->off == 16 ? 2 :
			       insn->off == 32 ? 3 : -1;
		if (op == BPF_END)
			return insn->imm == 16 ? 0 : insn->imm == 32 ? 1 : insn->imm == 64 ? 2 : -1;
	}
	if (class == BPF_STX && BPF_MODE(insn->code) == BPF_ATOMIC) {
		for (size_t i = 0; i < ARRAY_SIZE(atomic_ops); i++)
			if (insn->imm == atomic_ops[i])
				return (int)i;
		return -1;
	}
	if (insn->code == (BPF_JMP | BPF_CALL))
		return insn->src_reg <= 1 ? insn->src_reg : -1;
	return 0;
}

/* An instruction of opcode code in the given variant, with plausible operands. */
static void make_form(u8 code, int variant, struct bpf_insn *insn)
{
	u8 class = BPF_CLASS(code), op = BPF_OP(code);
	bool x = BPF_SRC(code) == BPF_X;
	static const s16 movsx_off[] = { 0, 8, 16, 32 };
	static const s32 end_imm[] = { 16, 32, 64 };

	*insn = (struct bpf_insn){ .code = code, .dst_reg = 1 };
	switch (class) {
	case BPF_ALU:
	case BPF_ALU64:
		if (x)
			insn->src_reg = 2;
		else if (op != BPF_NEG)
			insn->imm = 1;
		if (op == BPF_DIV || op == BPF_MOD)
			insn->off = (s16)variant;
		if (op == BPF_MOV && x && variant < 4)
			insn->off = movsx_off[variant];
		if (op == BPF_END && variant < 3)
			insn->imm = end_imm[variant];
		break;
	case BPF_LDX:
		insn->src_reg = 2;
		break;
	case BPF_ST:
		insn->imm = 1;
		break;
	case BPF_STX:
		insn->src_reg = 2;
		if (BPF_MODE(code) == BPF_ATOMIC && variant < (int)NR_VARIANTS)
			insn->imm = atomic_ops[variant];
		break;
	case BPF_JMP:
	case BPF_JMP32:
		if (op == BPF_JA || op == BPF_EXIT || op == BPF_CALL)
			insn->dst_reg = 0;
		if (op == BPF_CALL) {
			insn->src_reg = (u8)variant;
			insn->imm = variant ? 0 : 5;
		} else if (x) {
			insn->src_reg = 2;
		}
		break;
	}
}

static void test_coverage(void **state)
{
	static bool seen[256][NR_VARIANTS];
	char missing[2048] = "", msg[256];
	size_t nr_missing = 0;

	for (size_t i = 0; i < nr_cases; i++) {
		struct bpf_insn *insns = NULL;
		const struct bpf_insn *p;
		u32 len;

		if (all_cases[i]->asm_text) {
			if (bpf_asm(all_cases[i]->asm_text, &insns, &len, msg, sizeof(msg)))
				continue;
			p = insns;
		} else {
			p = (const struct bpf_insn *)all_cases[i]->raw;
			len = (u32)(all_cases[i]->raw_len / sizeof(*p));
		}
		for (u32 idx = 0; idx < len; idx++) {
			int v = variant_of(&p[idx]);

			if (v >= 0)
				seen[p[idx].code][v] = true;
			if (bpf_insn_is_ld_imm64(&p[idx]))
				idx++;
		}
		bpf_env_free(insns);
	}
	for (int code = 0; code < 256; code++) {
		for (int v = 0; v < (int)NR_VARIANTS; v++) {
			struct bpf_insn insns[3] = { { 0 } };
			struct bpf_prog *prog;
			int err;

			make_form((u8)code, v, &insns[0]);
			if (variant_of(&insns[0]) != v)
				continue;
			insns[bpf_insn_is_ld_imm64(&insns[0]) ? 2 : 1].code = BPF_JMP | BPF_EXIT;
			prog = bpf_prog_alloc(insns, bpf_insn_is_ld_imm64(&insns[0]) ? 3 : 2);
			assert_non_null(prog);
			prog->helpers = helpers;
			prog->nr_helpers = ARRAY_SIZE(helpers);
			err = bpf_insn_check(prog, 0, msg, sizeof(msg));
			bpf_prog_free(prog);
			if (err || seen[code][v])
				continue;
			nr_missing++;
			snprintf(missing + strlen(missing), sizeof(missing) - strlen(missing),
				 " 0x%02x/%d", code, v);
		}
	}
	if (nr_missing)
		fail_msg("%zu instruction forms (opcode/variant) in no .test file:%s", nr_missing,
			 missing);
}

/* --- registration ------------------------------------------------------------------------- */

static bool jit_present(void)
{
	const struct bpf_insn trivial[] = { MOV0, EXIT_INSN };
	struct bpf_prog *prog = bpf_prog_alloc(trivial, ARRAY_SIZE(trivial));
	int err;

	if (!prog)
		return false;
	err = bpf_int_jit_compile(prog);
	bpf_prog_free(prog);
	return !err;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* File scope, so that the registered tests stay reachable for the leak checker. */
static struct CMUnitTest *tests;
static struct isa_test *cases;

int main(void)
{
	static const struct CMUnitTest fixed[] = {
		cmocka_unit_test(test_bad_progs),
		cmocka_unit_test(test_bad_sizes),
		cmocka_unit_test(test_pseudo_ld_flag),
		cmocka_unit_test(test_coverage),
		cmocka_unit_test(test_checked_unchecked_progs),
		cmocka_unit_test(test_checked_budget),
	};
	bool jit = jit_present();
	size_t nfiles = 0, cap = 256, ntests = 0;
	char **files = malloc(cap * sizeof(*files));
	struct dirent *de;
	DIR *dir = opendir(ISA_DIR);
	int failed;

	if (!dir) {
		fprintf(stderr, "test_isa: cannot open %s (run from the top of the tree)\n",
			ISA_DIR);
		return 1;
	}
	while ((de = readdir(dir))) {
		size_t n = strlen(de->d_name);

		if (n <= 5 || strcmp(de->d_name + n - 5, ".test"))
			continue;
		if (nfiles == cap)
			files = realloc(files, (cap *= 2) * sizeof(*files));
		files[nfiles++] = strdup(de->d_name);
	}
	closedir(dir);
	qsort(files, nfiles, sizeof(*files), by_name);
	if (!jit)
		printf("test_isa: the JIT refuses a trivial program (not written yet?): "
		       "no JIT cases registered\n");

	tests = calloc(ARRAY_SIZE(fixed) + 3 * nfiles, sizeof(*tests));
	cases = calloc(3 * nfiles, sizeof(*cases));
	all_cases = calloc(nfiles, sizeof(*all_cases));
	for (size_t i = 0; i < ARRAY_SIZE(fixed); i++)
		tests[ntests++] = fixed[i];
	for (size_t i = 0; i < nfiles; i++) {
		struct isa_case *c = load_case(ISA_DIR, files[i]);

		all_cases[nr_cases++] = c;
		enum engine last = c->error ? ENGINE_CHECKED : jit ? ENGINE_JIT : ENGINE_PLAIN;


		for (enum engine e = ENGINE_CHECKED; e <= last; e++) {
			struct isa_test *t = &cases[ntests - ARRAY_SIZE(fixed)];
			char *name = malloc(strlen(c->name) + 16);

			sprintf(name, "%s/%s", engine_names[e], c->name);
			t->c = c;
			t->engine = e;
			tests[ntests++] = (struct CMUnitTest){ .name = name, .test_func = run_case,
							       .initial_state = t };
		}
		free(files[i]);
	}
	free(files);
	failed = _cmocka_run_group_tests("isa", tests, ntests, NULL, NULL);
	return failed;
}
