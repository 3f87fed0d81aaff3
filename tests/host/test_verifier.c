/*
 * tests/host/test_verifier.c - the verifier's table of cases: every accepting and refusing
 * path, each pinned by the log it writes.
 *
 * Each file tests/host/verifier/TOPIC.test holds cases, one after the other:
 *
 *     # a comment
 *     == name of the case
 *     prog-type: kprobe             optional (kprobe); a Linux program type name
 *     license: Dual MIT/GPL         optional (GPL)
 *     map: array 4 16 4             optional, repeated: type, key size, value size, entries,
 *                                   then words among rdonly_prog, freeze, value=HEX (written
 *                                   at key 0 before freezing); map[fd:N] in the program is
 *                                   the N-th map: line
 *     log-level: 2                  optional (1)
 *     log-size: 300                 optional (1 MiB)
 *     expect: accept                or the errno the load must fail with: EACCES, EINVAL, ...
 *     -- asm
 *     r0 = 0                        the program (bpf/asm.h), or "-- raw" and its bytes in
 *     exit                          hex, 8 to an instruction (for what asm cannot write);
 *                                   "r2 = func LABEL" loads a subprogram (BPF_PSEUDO_FUNC)
 *     -- log
 *     R0=0                          lines the log must contain, in this order, as substrings;
 *     !from 2 to 5                  a line starting with ! must not appear anywhere
 *
 * Every case loads through BPF_PROG_LOAD (bpf/prog.c) as user space would; it must give the
 * expected result, write every log line in order, and leave nothing allocated. A case that
 * fails prints its whole log.
 *
 * Beside the table, a few tests check what a table cannot: the log's truncation at every
 * buffer size, the fields bpf_check sets, bpfvm --verify (run after `make host`), and bad
 * input: random bytes and random instructions, the largest program, pathological branching,
 * deep nesting, each of which must get a verdict within the budget.
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "bpf/asm.h"
#include "bpf/insn.h"
#include "bpf/map.h"
#include "bpf/prog_aux.h"
#include "tests/host/lib/leak_check.h"
#include "tests/host/lib/sys_bpf.h"

#define CASE_DIR "tests/host/verifier"
#define MAX_MAPS 8
#define MAX_LINES 32
#define DEFAULT_LOG_SIZE (1u << 20)

struct map_spec {
	u32 type, key_size, value_size, max_entries, flags;
	bool freeze;
	u8 value[256];
	u32 value_len;
};

struct vcase {
	char name[160];
	const char *file;
	u32 line; /* where the case starts */
	u32 prog_type;
	char license[64];
	struct map_spec maps[MAX_MAPS];
	u32 nr_maps;
	u32 log_level, log_size;
	int expect; /* 0: accept, or a negative errno */
	char *asm_text;
	bool raw;
	char *log_lines[MAX_LINES];
	u32 nr_lines;
	char *absent[MAX_LINES];
	u32 nr_absent;
};

static const struct {
	const char *name;
	int err;
} errnos[] = {
	{ "EINVAL", -EINVAL }, { "EACCES", -EACCES }, { "E2BIG", -E2BIG },
	{ "ENOSPC", -ENOSPC }, { "EFAULT", -EFAULT }, { "EPERM", -EPERM }, { "EBADF", -EBADF },
};

static char *read_file(const char *path)
{
	FILE *f = fopen(path, "r");
	char *text;
	long size;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	fseek(f, 0, SEEK_SET);
	text = malloc((size_t)size + 1);
	if (fread(text, 1, (size_t)size, f) != (size_t)size)
		size = 0;
	text[size] = '\0';
	fclose(f);
	return text;
}

static void die(const char *file, u32 line, const char *what)
{
	fprintf(stderr, "test_verifier: %s:%u: %s\n", file, line, what);
	exit(2);
}

static int parse_hex(const char *s, u8 *out, u32 max)
{
	u32 n = 0;

	while (*s && *s != ' ') {
		unsigned int byte;

		if (n == max || sscanf(s, "%2x", &byte) != 1)
			return -1;
		out[n++] = (u8)byte;
		s += 2;
	}
	return (int)n;
}

static void parse_map(struct vcase *c, const char *spec, u32 line)
{
	struct map_spec *m = &c->maps[c->nr_maps];
	char type[32], words[4][300];
	int n, t;

	if (c->nr_maps == MAX_MAPS)
		die(c->file, line, "too many maps");
	memset(words, 0, sizeof(words));
	n = sscanf(spec, "%31s %u %u %u %299s %299s %299s %299s", type, &m->key_size,
		   &m->value_size, &m->max_entries, words[0], words[1], words[2], words[3]);
	if (n < 4)
		die(c->file, line, "map: TYPE KEY_SIZE VALUE_SIZE MAX_ENTRIES [flags]");
	t = bpf_map_type_from_name(type);
	if (t < 0)
		die(c->file, line, "unknown map type");
	m->type = (u32)t;
	for (int i = 0; i < n - 4; i++) {
		if (!strcmp(words[i], "rdonly_prog"))
			m->flags |= BPF_F_RDONLY_PROG;
		else if (!strcmp(words[i], "freeze"))
			m->freeze = true;
		else if (!strncmp(words[i], "value=", 6)) {
			int len = parse_hex(words[i] + 6, m->value, sizeof(m->value));

			if (len < 0)
				die(c->file, line, "bad value= hex");
			m->value_len = (u32)len;
		} else {
			die(c->file, line, "unknown map word");
		}
	}
	c->nr_maps++;
}

static int parse_errno(const char *s)
{
	if (!strcmp(s, "accept"))
		return 0;
	for (size_t i = 0; i < ARRAY_SIZE(errnos); i++)
		if (!strcmp(s, errnos[i].name))
			return errnos[i].err;
	return 1;
}

/* Parse every case of one file; appends to *cases. */
static void parse_file(const char *file, char *text, struct vcase **cases, size_t *n,
		       size_t *cap)
{
	enum { HEADER, ASM, LOG } part = HEADER;
	struct vcase *c = NULL;
	size_t asm_len = 0, asm_cap = 0;
	u32 lineno = 0;
	char *line = text, *next;

	for (; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		lineno++;
		if (!strncmp(line, "== ", 3)) {
			if (*n == *cap)
				*cases = realloc(*cases, (*cap *= 2) * sizeof(**cases));
			c = &(*cases)[(*n)++];
			memset(c, 0, sizeof(*c));
			snprintf(c->name, sizeof(c->name), "%s", line + 3);
			c->file = file;
			c->line = lineno;
			c->prog_type = BPF_PROG_TYPE_KPROBE;
			strcpy(c->license, "GPL");
			c->log_level = 1;
			c->log_size = DEFAULT_LOG_SIZE;
			c->expect = 1; /* unset */
			part = HEADER;
			asm_len = asm_cap = 0;
			continue;
		}
		if (!c) {
			if (line[0] && line[0] != '#')
				die(file, lineno, "text before the first case");
			continue;
		}
		if (part == HEADER && line[0] == '#')
			continue;
		if (!strcmp(line, "-- asm") || !strcmp(line, "-- raw")) {
			c->raw = line[3] == 'r';
			part = ASM;
			continue;
		}
		if (!strcmp(line, "-- log")) {
			part = LOG;
			continue;
		}
		if (part == ASM) {
			size_t len = strlen(line);

			if (asm_len + len + 2 > asm_cap) {
				asm_cap = (asm_len + len + 2) * 2;
				c->asm_text = realloc(c->asm_text, asm_cap);
			}
			memcpy(c->asm_text + asm_len, line, len);
			asm_len += len;
			c->asm_text[asm_len++] = '\n';
			c->asm_text[asm_len] = '\0';
			continue;
		}
		if (part == LOG) {
			if (!line[0] || line[0] == '#')
				continue;
			if (c->nr_lines == MAX_LINES || c->nr_absent == MAX_LINES)
				die(file, lineno, "too many log lines");
			if (line[0] == '!')
				c->absent[c->nr_absent++] = strdup(line + 1);
			else
				c->log_lines[c->nr_lines++] = strdup(line);
			continue;
		}
		if (!line[0])
			continue;
		if (!strncmp(line, "prog-type: ", 11)) {
			int t = bpf_prog_type_from_name(line + 11);

			if (t < 0)
				die(file, lineno, "unknown program type");
			c->prog_type = (u32)t;
		} else if (!strncmp(line, "license: ", 9)) {
			snprintf(c->license, sizeof(c->license), "%s", line + 9);
		} else if (!strncmp(line, "map: ", 5)) {
			parse_map(c, line + 5, lineno);
		} else if (!strncmp(line, "log-level: ", 11)) {
			c->log_level = (u32)strtoul(line + 11, NULL, 0);
		} else if (!strncmp(line, "log-size: ", 10)) {
			c->log_size = (u32)strtoul(line + 10, NULL, 0);
		} else if (!strncmp(line, "expect: ", 8)) {
			c->expect = parse_errno(line + 8);
			if (c->expect == 1)
				die(file, lineno, "expect: accept or an errno name");
		} else {
			die(file, lineno, "unknown header line");
		}
	}
	for (size_t i = 0; i < *n; i++) {
		c = &(*cases)[i];
		if (c->file != file)
			continue;
		if (!c->asm_text || c->expect == 1 || !(c->nr_lines + c->nr_absent))
			die(file, c->line, "a case needs expect:, -- asm and -- log");
	}
}

static int create_map(const struct map_spec *m)
{
	u32 key = 0;
	union bpf_attr attr;
	int fd = sys_map_create(m->type, m->key_size, m->value_size, m->max_entries, m->flags);

	if (fd < 0)
		return fd;
	if (m->value_len) {
		u8 value[256] = { 0 };

		memcpy(value, m->value, m->value_len);
		assert_int_equal(sys_map_update(fd, &key, value, BPF_ANY), 0);
	}
	if (m->freeze) {
		memset(&attr, 0, sizeof(attr));
		attr.map_fd = (u32)fd;
		assert_int_equal(sys_bpf(BPF_MAP_FREEZE, &attr), 0);
	}
	return fd;
}

static const char *errno_name(int err)
{
	static char buf[16];

	if (!err)
		return "accept";
	for (size_t i = 0; i < ARRAY_SIZE(errnos); i++)
		if (errnos[i].err == err)
			return errnos[i].name;
	snprintf(buf, sizeof(buf), "%d", err);
	return buf;
}

/*
 * "rN = func LABEL" (a BPF_PSEUDO_FUNC load, which the assembler does not write) becomes two
 * calls of LABEL, turned into the 64-bit load after assembly: a call and the load count their
 * target from the same place. regs[k] is the register of the k-th such line.
 */
static char *expand_func_loads(const char *text, u8 *regs, u32 *nr)
{
	char *out = malloc(strlen(text) * 2 + 1), *o = out;
	const char *line = text;

	*nr = 0;
	while (*line) {
		const char *end = strchr(line, '\n');
		unsigned int reg;
		char label[64];

		end = end ? end + 1 : line + strlen(line);
		if (sscanf(line, " r%u = func %63s", &reg, label) == 2 && *nr < 16) {
			regs[(*nr)++] = (u8)reg;
			o += sprintf(o, "call %s\ncall %s\n", label, label);
		} else {
			memcpy(o, line, (size_t)(end - line));
			o += end - line;
		}
		line = end;
	}
	*o = '\0';
	return out;
}

static void fix_func_loads(struct bpf_insn *insns, u32 len, const u8 *regs, u32 nr)
{
	u32 k = 0;

	for (u32 i = 0; i + 1 < len && k < nr; i++) {
		struct bpf_insn *a = &insns[i], *b = &insns[i + 1];

		if (a->code != (BPF_JMP | BPF_CALL) || a->src_reg != BPF_PSEUDO_CALL ||
		    b->code != a->code || b->src_reg != a->src_reg || b->imm != a->imm - 1)
			continue;
		*a = (struct bpf_insn){ .code = BPF_LD | BPF_IMM | BPF_DW, .dst_reg = regs[k++],
					.src_reg = BPF_PSEUDO_FUNC, .imm = a->imm };
		*b = (struct bpf_insn){ 0 };
		i++;
	}
}

static void run_case(void **state)
{
	const struct vcase *c = *state;
	int fds[MAX_MAPS];
	struct bpf_insn *insns;
	char err_text[256];
	union bpf_attr attr;
	char *log = calloc(1, c->log_size);
	const char *at;
	u32 len;
	int fd;

	for (u32 i = 0; i < c->nr_maps; i++) {
		fds[i] = create_map(&c->maps[i]);
		assert_true(fds[i] >= 0);
	}
	if (c->raw) {
		u8 *bytes = bpf_env_alloc(strlen(c->asm_text));
		u32 n = 0;

		for (const char *p = c->asm_text; *p;) {
			unsigned int byte;

			while (*p == ' ' || *p == '\n')
				p++;
			if (!*p)
				break;
			assert_int_equal(sscanf(p, "%2x", &byte), 1);
			bytes[n++] = (u8)byte;
			p += 2;
		}
		insns = (struct bpf_insn *)bytes;
		len = n / 8;
	} else {
		u8 func_regs[16];
		u32 nr_funcs;
		char *text = expand_func_loads(c->asm_text, func_regs, &nr_funcs);
		int err = bpf_asm(text, &insns, &len, err_text, sizeof(err_text));

		free(text);
		if (err) {
			fprintf(stderr, "%s:%u: assembler: %s\n", c->file, c->line, err_text);
			free(log);
			fail();
		}
		fix_func_loads(insns, len, func_regs, nr_funcs);
	}
	/* map[fd:N] names the N-th map: line. */
	for (u32 i = 0; i + 1 < len; i++) {
		if (!bpf_insn_is_ld_imm64(&insns[i]))
			continue;
		if ((insns[i].src_reg == BPF_PSEUDO_MAP_FD || insns[i].src_reg == BPF_PSEUDO_MAP_VALUE) &&
		    (u32)insns[i].imm < c->nr_maps)
			insns[i].imm = fds[insns[i].imm];
		i++;
	}
	memset(&attr, 0, sizeof(attr));
	attr.prog_type = c->prog_type;
	attr.insn_cnt = len;
	attr.insns = (u64)(uintptr_t)insns;
	attr.license = (u64)(uintptr_t)c->license;
	attr.log_level = c->log_level;
	attr.log_buf = (u64)(uintptr_t)log;
	attr.log_size = c->log_size;
	fd = sys_bpf(BPF_PROG_LOAD, &attr);
	bpf_env_free(insns);

	at = log;
	for (u32 i = 0; i < c->nr_lines; i++) {
		const char *found = strstr(at, c->log_lines[i]);

		if (!found) {
			fprintf(stderr, "%s:%u: %s: the log lacks (in order) \"%s\". The log:\n%s\n",
				c->file, c->line, c->name, c->log_lines[i], log);
			free(log);
			fail();
		}
		at = found + strlen(c->log_lines[i]);
	}
	for (u32 i = 0; i < c->nr_absent; i++) {
		if (strstr(log, c->absent[i])) {
			fprintf(stderr, "%s:%u: %s: the log has \"%s\", which it must not. The log:\n%s\n",
				c->file, c->line, c->name, c->absent[i], log);
			free(log);
			fail();
		}
	}
	if ((fd >= 0 ? 0 : fd) != c->expect) {
		fprintf(stderr, "%s:%u: %s: expected %s, got %s. The log:\n%s\n", c->file, c->line,
			c->name, errno_name(c->expect), errno_name(fd >= 0 ? 0 : fd), log);
		free(log);
		fail();
	}
	free(log);
}

/* ---- what the table cannot say ---- */

/* A refused program's log truncated to every size: the reason survives, -ENOSPC is returned. */
static void test_log_truncation(void **state)
{
	static const char *text = "r1 = 0\n"
				  "r2 = 1\n"
				  "r3 = 2\n"
				  "r4 = 3\n"
				  "r5 = 4\n"
				  "r0 = *(u64 *)(r10 -8)\n"
				  "exit\n";
	struct bpf_insn *insns;
	char err[128], full[8192], small[8192];
	union bpf_attr attr;
	u32 len, full_len;

	assert_int_equal(bpf_asm(text, &insns, &len, err, sizeof(err)), 0);
	memset(&attr, 0, sizeof(attr));
	attr.prog_type = BPF_PROG_TYPE_KPROBE;
	attr.insn_cnt = len;
	attr.insns = (u64)(uintptr_t)insns;
	attr.license = (u64)(uintptr_t)"GPL";
	attr.log_level = 1;
	attr.log_buf = (u64)(uintptr_t)full;
	attr.log_size = sizeof(full);
	assert_int_equal(sys_bpf(BPF_PROG_LOAD, &attr), -EACCES);
	full_len = (u32)strlen(full);
	assert_non_null(strstr(full, "invalid read from stack off -8+0 size 8"));

	for (u32 size = 128; size <= full_len + 1; size++) {
		for (u32 fixed = 0; fixed <= 1; fixed++) {
			memset(small, 'X', sizeof(small));
			attr.log_level = 1 | (fixed ? 8 : 0);
			attr.log_buf = (u64)(uintptr_t)small;
			attr.log_size = size;
			assert_int_equal(sys_bpf(BPF_PROG_LOAD, &attr),
					 size > full_len ? -EACCES : -ENOSPC);
			/* Terminated inside the buffer, nothing written past it. */
			assert_true(strlen(small) < size);
			assert_int_equal(small[size], 'X');
			/* The reason, whenever it can fit. */
			if (size > 100)
				assert_non_null(strstr(small, "invalid read from stack off -8+0 size 8"));
			if (size > full_len)
				assert_string_equal(small, full);
		}
	}
	bpf_env_free(insns);
}

/* A log too small for an accepted program refuses it with -ENOSPC, as Linux does. */
static void test_log_enospc_on_success(void **state)
{
	struct bpf_insn insns[] = {
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = 0, .imm = 0 },
		{ .code = BPF_JMP | BPF_EXIT },
	};
	char log[512];

	assert_int_equal(sys_prog_load(BPF_PROG_TYPE_KPROBE, insns, 2, "GPL", log, 128), -ENOSPC);
	assert_true(strlen(log) < 128);
	assert_non_null(strstr(log, "processed 2 insns"));
	assert_true(sys_prog_load(BPF_PROG_TYPE_KPROBE, insns, 2, "GPL", log, sizeof(log)) >= 0);
	assert_non_null(strstr(log, "0: (b7) r0 = 0"));
}

/* bpf_check records the processed count and the context bytes a program reads. */
static void test_aux_fields(void **state)
{
	int fd = sys_prog_load_asm(BPF_PROG_TYPE_KPROBE, "r0 = *(u64 *)(r1 +32)\n"
							 "r0 = *(u32 *)(r1 +80)\n"
							 "exit\n");
	struct bpf_prog *prog;

	assert_true(fd >= 0);
	assert_int_equal(bpf_prog_get(fd, &prog), 0);
	assert_int_equal(prog->aux->verified_insns, 3);
	assert_int_equal(prog->aux->max_ctx_offset, 84);
	bpf_prog_put(prog);
}

/* ---- bad input: every program gets a verdict, within the budget, without a crash ---- */

/* Verify insns directly (no loader, so nothing is refused before the verifier sees it). */
static int verify_bare(struct bpf_insn *insns, u32 len, char *log, u32 log_size)
{
	static bpf_helper_fn table[__BPF_FUNC_MAX_ID];
	static struct bpf_prog_aux aux;
	const struct bpf_prog_type_ops *ops = bpf_prog_type_ops(BPF_PROG_TYPE_KPROBE);
	struct bpf_prog prog = { 0 };
	union bpf_attr attr = { 0 };

	aux.ops = ops;
	for (u32 id = 0; id < __BPF_FUNC_MAX_ID; id++) {
		const struct bpf_func_proto *fn = ops->get_func_proto(id, &prog);

		table[id] = fn ? fn->func : NULL;
	}
	prog.insnsi = insns;
	prog.len = len;
	prog.helpers = table;
	prog.nr_helpers = __BPF_FUNC_MAX_ID;
	prog.type = BPF_PROG_TYPE_KPROBE;
	prog.gpl_compatible = true;
	prog.aux = &aux;
	if (log) {
		attr.log_level = 1;
		attr.log_buf = (u64)(uintptr_t)log;
		attr.log_size = log_size;
	}
	return bpf_check(&prog, &attr, NULL);
}

static u64 rng_state = 88172645463325252ull;

static u64 rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static bool is_verdict(int err)
{
	return err == 0 || err == -EINVAL || err == -EACCES || err == -E2BIG;
}

/* Random bytes, and random instructions with valid opcodes and wild operands. */
static void test_bad_input_random(void **state)
{
	static const u8 codes[] = {
		0x07, 0x0f, 0x17, 0x1f, 0x27, 0x2f, 0x37, 0x3f, 0x47, 0x4f, 0x57, 0x5f, 0x67, 0x6f,
		0x77, 0x7f, 0x87, 0x97, 0x9f, 0xa7, 0xaf, 0xb7, 0xbf, 0xc7, 0xcf, 0xd4, 0xdc, 0x04,
		0x0c, 0x14, 0x24, 0x34, 0x44, 0x54, 0x64, 0x74, 0x84, 0x94, 0xa4, 0xb4, 0xbc, 0xc4,
		0x05, 0x06, 0x15, 0x1d, 0x25, 0x2d, 0x35, 0x45, 0x55, 0x5d, 0x65, 0x6d, 0x75, 0xa5,
		0xad, 0xb5, 0xc5, 0xd5, 0x16, 0x26, 0x56, 0xa6, 0x85, 0x95, 0x18, 0x61, 0x69, 0x71,
		0x79, 0x81, 0x89, 0x91, 0x62, 0x6a, 0x72, 0x7a, 0x63, 0x6b, 0x73, 0x7b, 0xc3, 0xdb,
	};
	struct bpf_insn insns[64];
	u32 explored = 0;

	for (u32 n = 0; n < 3000; n++) {
		u32 len = (u32)(rnd() % 63) + 1;

		for (u32 i = 0; i < len; i++) {
			u64 r = rnd();

			memcpy(&insns[i], &r, sizeof(r));
			if (n % 2) {
				struct bpf_insn *in = &insns[i];
				u8 class;

				*in = (struct bpf_insn){ .code = codes[rnd() % ARRAY_SIZE(codes)] };
				class = BPF_CLASS(in->code);
				in->dst_reg = (u8)(rnd() % 10);
				if (class == BPF_ALU || class == BPF_ALU64) {
					if (BPF_OP(in->code) == BPF_END)
						in->imm = 16 << (rnd() % 3);
					else if (BPF_SRC(in->code) == BPF_X)
						in->src_reg = (u8)(rnd() % 11);
					else if (BPF_OP(in->code) != BPF_NEG)
						in->imm = rnd() % 2 ? (s32)(rnd() % 9) - 4 : (s32)rnd();
				} else if (class == BPF_JMP || class == BPF_JMP32) {
					if (in->code == (BPF_JMP | BPF_CALL)) {
						in->dst_reg = 0;
						in->imm = (s32)(rnd() % 200);
					} else if (in->code == (BPF_JMP | BPF_EXIT)) {
						in->dst_reg = 0;
					} else if (BPF_OP(in->code) == BPF_JA) {
						in->dst_reg = 0;
						in->off = (s16)((s64)(rnd() % 9) - 4);
					} else {
						in->off = (s16)((s64)(rnd() % 9) - 4);
						if (BPF_SRC(in->code) == BPF_X)
							in->src_reg = (u8)(rnd() % 11);
						else
							in->imm = (s32)(rnd() % 9) - 4;
					}
				} else {
					/* Loads and stores around the stack, the context, anything. */
					in->src_reg = class == BPF_ST ? 0 : (u8)(rnd() % 11);
					in->off = (s16)((s64)(rnd() % 33) - 24);
					if (class == BPF_ST)
						in->imm = (s32)(rnd() % 5);
					if (in->code == 0xc3 || in->code == 0xdb)
						in->imm = rnd() % 2 ? BPF_ADD : BPF_XCHG;
					if (class == BPF_LDX && in->dst_reg == 10)
						in->dst_reg = 0;
				}
			}
		}
		insns[len - 1] = (struct bpf_insn){ .code = BPF_JMP | BPF_EXIT };
		int err = verify_bare(insns, len, NULL, 0);

		if (!is_verdict(err)) {
			fprintf(stderr, "random program %u: verdict %d\n", n, err);
			fail();
		}
		explored += err != -EINVAL; /* past the structural checks, into do_check */
	}
	assert_true(explored > 150);
}

/* The largest program: a million instructions in a line. */
static void test_bad_input_huge(void **state)
{
	u32 len = 1000000;
	struct bpf_insn *insns = calloc(len + 1, sizeof(*insns));
	char log[512];

	for (u32 i = 0; i < len; i++)
		insns[i] = (struct bpf_insn){ .code = BPF_ALU64 | BPF_MOV | BPF_K, .imm = (s32)i };
	insns[len - 1] = (struct bpf_insn){ .code = BPF_JMP | BPF_EXIT };
	assert_int_equal(verify_bare(insns, len, log, sizeof(log)), -ENOSPC);
	assert_non_null(strstr(log, "processed 1000000 insns"));
	assert_int_equal(verify_bare(insns, len, NULL, 0), 0);
	/* One more is refused by the loader, before the verifier. */
	assert_int_equal(sys_prog_load(BPF_PROG_TYPE_KPROBE, insns, len + 1, "GPL", NULL, 0),
			 -E2BIG);
	free(insns);
}

/*
 * 40 branches in a row on unknown numbers. Written registers that nothing reads afterwards
 * make the paths equal again, and pruning keeps the work linear; a register that remembers
 * every choice makes 2^40 different paths, and the budget ends them.
 */
static void test_bad_input_branching(void **state)
{
	char text[8192], log[4096];
	size_t n = 0;
	struct bpf_insn *insns;
	char err[128];
	u32 len;

	for (int remember = 0; remember <= 1; remember++) {
		n = 0;
		n += (size_t)snprintf(text + n, sizeof(text) - n, "r6 = r1\nr7 = 0\nr0 = 0\n");
		for (int i = 0; i < 40; i++)
			n += (size_t)snprintf(text + n, sizeof(text) - n,
					      "r2 = *(u8 *)(r6 +%d)\nif r2 == 0 goto l%d\n"
					      "r3 = %d\nr7 += %d\nl%d:\n", i % 160, i, i,
					      remember ? 1 << (i % 20) : 0, i);
		n += (size_t)snprintf(text + n, sizeof(text) - n, "r0 = r7\nexit\n");
		assert_int_equal(bpf_asm(text, &insns, &len, err, sizeof(err)), 0);
		if (!remember) {
			assert_int_equal(verify_bare(insns, len, log, sizeof(log)), 0);
		} else {
			/* Different numbers everywhere: the budget, not the machine, gives out. */
			int ret = verify_bare(insns, len, log, sizeof(log));

			assert_true(ret == 0 || ret == -E2BIG);
		}
		bpf_env_free(insns);
	}
}

/*
 * More undecided jumps in a row than paths may wait (8192): each leaves one path behind, and
 * the verifier stops before exploring any of them, with its explanation.
 */
static void test_bad_input_jump_sequence(void **state)
{
	u32 jumps = 8200, len = jumps + 3;
	struct bpf_insn *insns = calloc(len, sizeof(*insns));
	char log[4096];

	insns[0] = (struct bpf_insn){ .code = BPF_LDX | BPF_MEM | BPF_DW, .dst_reg = 2,
				      .src_reg = 1 };
	for (u32 i = 1; i <= jumps; i++)
		insns[i] = (struct bpf_insn){ .code = BPF_JMP | BPF_JEQ | BPF_K, .dst_reg = 2,
					      .imm = (s32)i };
	insns[len - 2] = (struct bpf_insn){ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = 0 };
	insns[len - 1] = (struct bpf_insn){ .code = BPF_JMP | BPF_EXIT };
	assert_int_equal(verify_bare(insns, len, NULL, 0), -E2BIG);
	/* The trace does not fit the log, but the reason at its end is kept. */
	assert_int_equal(verify_bare(insns, len, log, sizeof(log)), -ENOSPC);
	assert_non_null(strstr(log, "The sequence of 8193 jumps is too complex."));
	assert_non_null(strstr(log, "paths waiting to be explored (the limit is 8192)"));
	/* Fewer than the limit: every path is short and ends at the same exit. */
	insns[8000] = (struct bpf_insn){ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = 0 };
	insns[8001] = (struct bpf_insn){ .code = BPF_JMP | BPF_EXIT };
	assert_int_equal(verify_bare(insns, 8002, NULL, 0), 0);
	free(insns);
}

/* Loops nested five deep, and a call chain eight frames deep with a loop at the bottom. */
static void test_bad_input_nesting(void **state)
{
	char text[4096];
	size_t n = 0;
	struct bpf_insn *insns;
	char err[128];
	u32 len;

	n += (size_t)snprintf(text + n, sizeof(text) - n, "r0 = 0\n");
	for (int d = 0; d < 5; d++)
		n += (size_t)snprintf(text + n, sizeof(text) - n, "r%d = 0\nloop%d:\n", d + 1, d);
	n += (size_t)snprintf(text + n, sizeof(text) - n, "r0 += 1\n");
	for (int d = 4; d >= 0; d--)
		n += (size_t)snprintf(text + n, sizeof(text) - n,
				      "r%d += 1\nif r%d < 3 goto loop%d\n", d + 1, d + 1, d);
	n += (size_t)snprintf(text + n, sizeof(text) - n, "exit\n");
	assert_int_equal(bpf_asm(text, &insns, &len, err, sizeof(err)), 0);
	assert_int_equal(verify_bare(insns, len, NULL, 0), 0);
	bpf_env_free(insns);

	n = 0;
	for (int f = 0; f < 7; f++)
		n += (size_t)snprintf(text + n, sizeof(text) - n, "%s%scall f%d\nexit\n",
				      f ? "f" : "", f ? (char[8]){ (char)('0' + f), ':', '\n', 0 } : "",
				      f + 1);
	n += (size_t)snprintf(text + n, sizeof(text) - n,
			      "f7:\nr0 = 0\nr1 = 0\nl:\nr1 += 1\nif r1 < 50 goto l\nexit\n");
	assert_int_equal(bpf_asm(text, &insns, &len, err, sizeof(err)), 0);
	assert_int_equal(verify_bare(insns, len, NULL, 0), 0);
	bpf_env_free(insns);
}

/* bpfvm --verify: the log on stdout, exit 0 when accepted, 1 when refused. */
static int run_bpfvm(const char *args, const char *program, char *out, size_t size)
{
	char path[] = "/tmp/verifier_bpfvm_XXXXXX", cmd[1024];
	int fd = mkstemp(path), status;
	size_t n = 0;
	FILE *p;

	assert_true(fd >= 0);
	assert_int_equal(write(fd, program, strlen(program)), (ssize_t)strlen(program));
	close(fd);
	snprintf(cmd, sizeof(cmd), "build/host/bpfvm %s --asm - < %s 2>&1", args, path);
	p = popen(cmd, "r");
	assert_non_null(p);
	while (n + 1 < size && fgets(out + n, (int)(size - n), p))
		n += strlen(out + n);
	out[n] = '\0';
	status = pclose(p);
	unlink(path);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void test_bpfvm_verify(void **state)
{
	static const char lookup[] = "r1 = 0\n*(u32 *)(r10 -4) = r1\nr2 = r10\nr2 += -4\n"
				     "r1 = map[fd:0]\ncall bpf_map_lookup_elem\n";
	char prog[512], out[8192];

	snprintf(prog, sizeof(prog), "%sif r0 == 0 goto out\nr0 = *(u64 *)(r0 +0)\nout:\n"
		 "r0 = 0\nexit\n", lookup);
	assert_int_equal(run_bpfvm("--verify --prog-type kprobe --map array:4:8:4", prog, out,
				   sizeof(out)), 0);
	assert_non_null(strstr(out, "processed 11 insns (limit 1000000)"));
	snprintf(prog, sizeof(prog), "%sr0 = *(u64 *)(r0 +0)\nexit\n", lookup);
	assert_int_equal(run_bpfvm("--verify --prog-type kprobe --map array:4:8:4", prog, out,
				   sizeof(out)), 1);
	assert_non_null(strstr(out, "R0 invalid mem access 'map_value_or_null'"));
	assert_non_null(strstr(out, "R0 may be NULL here: bpf_map_lookup_elem at insn 6"));
	assert_non_null(strstr(out, "BPF_PROG_LOAD: EACCES"));
	/* Level 2, another program type, and the options it refuses. */
	assert_int_equal(run_bpfvm("--verify --prog-type tracepoint --log-level 2",
				   "r0 = *(u64 *)(r1 +8)\nexit\n", out, sizeof(out)), 0);
	assert_non_null(strstr(out, "func#0 @0"));
	assert_non_null(strstr(out, "verification time"));
	assert_int_equal(run_bpfvm("--verify --prog-type tracepoint",
				   "r0 = *(u64 *)(r1 +0)\nexit\n", out, sizeof(out)), 1);
	assert_non_null(strstr(out, "invalid bpf_context access off=0 size=8"));
	assert_int_equal(run_bpfvm("--verify", "r0 = 0\nexit\n", out, sizeof(out)), 1);
	assert_non_null(strstr(out, "need --prog-type"));
	assert_int_equal(run_bpfvm("--prog-type kprobe --log-level 2", "r0 = 0\nexit\n", out,
				   sizeof(out)), 1);
	assert_non_null(strstr(out, "--log-level needs --verify"));
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(void)
{
	static const struct CMUnitTest fixed[] = {
		cmocka_unit_test_setup_teardown(test_log_truncation, leak_check_setup,
						leak_check_teardown),
		cmocka_unit_test_setup_teardown(test_log_enospc_on_success, leak_check_setup,
						leak_check_teardown),
		cmocka_unit_test_setup_teardown(test_aux_fields, leak_check_setup,
						leak_check_teardown),
		cmocka_unit_test(test_bpfvm_verify),
		cmocka_unit_test_setup_teardown(test_bad_input_random, leak_check_setup,
						leak_check_teardown),
		cmocka_unit_test_setup_teardown(test_bad_input_huge, leak_check_setup,
						leak_check_teardown),
		cmocka_unit_test_setup_teardown(test_bad_input_branching, leak_check_setup,
						leak_check_teardown),
		cmocka_unit_test_setup_teardown(test_bad_input_jump_sequence, leak_check_setup,
						leak_check_teardown),
		cmocka_unit_test_setup_teardown(test_bad_input_nesting, leak_check_setup,
						leak_check_teardown),
	};
	size_t nfiles = 0, ncases = 0, cap = 64;
	struct vcase *cases = malloc(cap * sizeof(*cases));
	struct CMUnitTest *tests;
	char **files = NULL;
	struct dirent *de;
	DIR *dir = opendir(CASE_DIR);
	int failed;

	if (!dir) {
		fprintf(stderr, "test_verifier: cannot open %s (run from the top of the tree)\n",
			CASE_DIR);
		return 1;
	}
	while ((de = readdir(dir))) {
		size_t n = strlen(de->d_name);

		if (n <= 5 || strcmp(de->d_name + n - 5, ".test"))
			continue;
		files = realloc(files, (nfiles + 1) * sizeof(*files));
		files[nfiles++] = strdup(de->d_name);
	}
	closedir(dir);
	qsort(files, nfiles, sizeof(*files), by_name);
	for (size_t i = 0; i < nfiles; i++) {
		char path[512];
		char *text;

		snprintf(path, sizeof(path), "%s/%s", CASE_DIR, files[i]);
		text = read_file(path);
		if (!text)
			die(path, 0, "cannot read");
		parse_file(files[i], text, &cases, &ncases, &cap);
		free(text);
	}
	tests = calloc(ARRAY_SIZE(fixed) + ncases, sizeof(*tests));
	for (size_t i = 0; i < ARRAY_SIZE(fixed); i++)
		tests[i] = fixed[i];
	for (size_t i = 0; i < ncases; i++) {
		char *name = malloc(strlen(cases[i].file) + strlen(cases[i].name) + 2);

		sprintf(name, "%.*s/%s", (int)(strlen(cases[i].file) - 5), cases[i].file,
			cases[i].name);
		tests[ARRAY_SIZE(fixed) + i] = (struct CMUnitTest){ .name = name,
								    .test_func = run_case,
								    .initial_state = &cases[i],
								    .setup_func = leak_check_setup,
								    .teardown_func = leak_check_teardown };
	}
	failed = _cmocka_run_group_tests("verifier", tests, ARRAY_SIZE(fixed) + ncases, NULL, NULL);
	for (size_t i = 0; i < ncases; i++) {
		free((char *)tests[ARRAY_SIZE(fixed) + i].name);
		free(cases[i].asm_text);
		for (u32 l = 0; l < cases[i].nr_lines; l++)
			free(cases[i].log_lines[l]);
		for (u32 l = 0; l < cases[i].nr_absent; l++)
			free(cases[i].absent[l]);
	}
	for (size_t i = 0; i < nfiles; i++)
		free(files[i]);
	free(files);
	free(cases);
	free(tests);
	return failed;
}
