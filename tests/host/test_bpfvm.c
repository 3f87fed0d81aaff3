/*
 * tests/host/test_bpfvm.c - the runner build/host/bpfvm, driven as a user or a conformance
 * suite drives it: arguments, a program on stdin, r0 or an error on the way out.
 *
 * Each case runs the binary through popen and checks its exit status and a piece of its
 * output. Most cases are bad input, which must be refused with a message naming the
 * instruction, the line or the position, and never crash the runner. The ELF cases compile a
 * small C file with clang -target bpf when clang is installed, and are skipped otherwise.
 * Run from the top of the tree, after `make host` (which builds build/host/bpfvm).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#define BPFVM "build/host/bpfvm"

static char tmpdir[64];

/* Write data to a file of the scratch directory; returns its path (static buffer per name). */
static const char *scratch(const char *name, const void *data, size_t size)
{
	static char paths[8][128];
	static int next;
	char *path = paths[next++ % 8];
	FILE *f;

	snprintf(path, 128, "%s/%s", tmpdir, name);
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, size, f), size);
	fclose(f);
	return path;
}

/* Run bpfvm with args (shell words) and stdin; returns its exit status, output in out. */
static int run(const char *args, const char *input, char *out, size_t size)
{
	const char *in = scratch("stdin", input, strlen(input));
	char cmd[1024];
	size_t n = 0;
	FILE *p;
	int status;

	snprintf(cmd, sizeof(cmd), "%s %s < %s 2>&1", BPFVM, args, in);
	p = popen(cmd, "r");
	assert_non_null(p);
	while (n + 1 < size && fgets(out + n, (int)(size - n), p))
		n += strlen(out + n);
	out[n] = '\0';
	status = pclose(p);
	if (!WIFEXITED(status))
		fail_msg("bpfvm %s: did not exit normally (status 0x%x): %s", args, status, out);
	return WEXITSTATUS(status);
}

/* Expect an exit status and a substring of the output; name says which case failed. */
static void expect_named(const char *name, const char *args, const char *input, int status,
			 const char *want)
{
	char out[4096];
	int got = run(args, input, out, sizeof(out));

	if (got != status || !strstr(out, want))
		fail_msg("%s: bpfvm %s: exit %d, output \"%s\"; expected exit %d and \"%s\"", name,
			 args, got, out, status, want);
}

static void expect(const char *args, const char *input, int status, const char *want)
{
	expect_named("", args, input, status, want);
}

/* r0 = 42; exit */
#define PROG_42 "b7 00 00 00 2a 00 00 00 95 00 00 00 00 00 00 00\n"

struct bad_case {
	const char *name;
	const char *args;
	const char *input;
	const char *want;
};

static const struct bad_case bad_cases[] = {
	{ "bad hex", "", "b7 00 00 00 2a 00 00 00\n95 00 00 0x 00 00 00 00\n",
	  "program: bad hex at line 2, column 11: 'x'" },
	{ "odd hex digits", "", "b7 00 00 00 2a 00 00 00 95 00 00 00 00 00 00 0",
	  "odd number of hex digits" },
	{ "bad MEM", "'01 zz'", PROG_42, "MEM: bad hex at line 1, column 4: 'z'" },
	{ "length", "", "b7 00 00 00 2a 00 00 00 95 00 00 00",
	  "insn 1: truncated (program is 12 bytes, not a multiple of 8)" },
	{ "empty", "", "", "empty program" },
	{ "unknown opcode", "", "b7 00 00 00 00 00 00 00 ff 00 00 00 00 00 00 00 "
				 "95 00 00 00 00 00 00 00", "insn 1: unknown opcode 0xff" },
	{ "jump out of range", "", "05 00 07 00 00 00 00 00 95 00 00 00 00 00 00 00",
	  "insn 0: jump out of range (target 8, program has 2 insns)" },
	{ "jump into ld_imm64", "", "05 00 01 00 00 00 00 00 18 00 00 00 01 00 00 00 "
				    "00 00 00 00 00 00 00 00 95 00 00 00 00 00 00 00",
	  "insn 0: jump into the middle of the ld_imm64 at insn 1" },
	{ "truncated ld_imm64", "", "b7 00 00 00 00 00 00 00 18 00 00 00 01 00 00 00",
	  "insn 1: truncated ld_imm64" },
	{ "unknown helper", "", "85 00 00 00 06 00 00 00 95 00 00 00 00 00 00 00",
	  "insn 0: call to unknown helper id 6" },
	{ "out of bounds", "'00 11 22 33'", "61 10 02 00 00 00 00 00 95 00 00 00 00 00 00 00",
	  "insn 0: out-of-bounds load of 4 bytes at mem+2 (mem is 4 bytes)" },
	{ "runaway loop", "", "05 00 ff ff 00 00 00 00", "instruction budget" },
	{ "unknown option", "--frobnicate", PROG_42, "unknown option --frobnicate" },
	{ "two MEM", "'00' '11'", PROG_42, "more than one MEM argument" },
	{ "dump without jit", "--dump", PROG_42, "--dump needs --jit" },
	{ "raw without file", "--raw", PROG_42, "--raw needs a FILE" },
	{ "missing raw file", "--raw /nonexistent/prog.bin", "", "/nonexistent/prog.bin" },
	{ "elf not elf", "--elf", "00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f 10 11 12 13 14 "
				  "15 16 17 18 19 1a 1b 1c 1d 1e 1f 20 21 22 23 24 25 26 27 28 29 2a "
				  "2b 2c 2d 2e 2f 30 31 32 33 34 35 36 37 38 39 3a 3b 3c 3d 3e 3f",
	  "elf: not an ELF file (bad magic)" },
	{ "elf truncated header", "--elf", "7f 45 4c 46 02 01 01",
	  "elf: truncated ELF header (7 bytes, need 64)" },
};

/* One registered test per bad case: the case is the test's state. */
static void test_bad_input(void **state)
{
	const struct bad_case *c = *state;

	expect_named(c->name, c->args, c->input, 1, c->want);
}

static void test_run(void **state)
{
	expect("", PROG_42, 0, "0x2a\n");
	expect("--interpret", PROG_42, 0, "0x2a\n");
	/* r0 = r2 (the length of MEM), then r0 += *(u8 *)(r1 +2) */
	expect("'01 02 03'", "bf 20 00 00 00 00 00 00 71 13 02 00 00 00 00 00 "
			     "0f 30 00 00 00 00 00 00 95 00 00 00 00 00 00 00", 0, "0x6\n");
	/* without MEM, r1 and r2 are 0: r0 = r1 | r2 */
	expect("", "bf 10 00 00 00 00 00 00 4f 20 00 00 00 00 00 00 95 00 00 00 00 00 00 00", 0,
	       "0x0\n");
	/* helper 5 returns its argument: r1 = -1; call 5; exit */
	expect("", "b7 01 00 00 ff ff ff ff 85 00 00 00 05 00 00 00 95 00 00 00 00 00 00 00", 0,
	       "0xffffffffffffffff\n");
	/* the program writes MEM; it is a copy, and the store is in bounds */
	expect("'00 00'", "72 01 01 00 07 00 00 00 71 10 01 00 00 00 00 00 "
			  "95 00 00 00 00 00 00 00", 0, "0x7\n");
}

static void test_raw_and_asm(void **state)
{
	static const unsigned char raw[] = { 0xb7, 0x00, 0, 0, 0x07, 0, 0, 0,
					     0x95, 0, 0, 0, 0, 0, 0, 0 };
	static const char text[] = "r0 = 3\nloop: r0 += 2\nif r0 < 10 goto loop\nexit\n";
	static const char bad_text[] = "r0 = 1\nr0 += \nexit\n";
	char args[256];

	snprintf(args, sizeof(args), "--raw %s", scratch("prog.bin", raw, sizeof(raw)));
	expect(args, "", 0, "0x7\n");
	snprintf(args, sizeof(args), "--raw %s", scratch("short.bin", raw, 12));
	expect(args, "", 1, "insn 1: truncated (program is 12 bytes, not a multiple of 8)");
	snprintf(args, sizeof(args), "--asm %s", scratch("prog.s", text, strlen(text)));
	expect(args, "", 0, "0xb\n");
	snprintf(args, sizeof(args), "--asm %s", scratch("bad.s", bad_text, strlen(bad_text)));
	expect(args, "", 1, "line 2");
}

static void test_disasm(void **state)
{
	expect("--disasm", "b7 00 00 00 2a 00 00 00 18 01 00 00 01 00 00 00 00 00 00 00 02 00 00 00 "
			   "95 00 00 00 00 00 00 00", 0,
	       "   0: r0 = 42\n   1: r1 = 0x200000001 ll\n   3: exit\n");
}

/* --jit gives the interpreter's answer when there is a JIT, and a clear message when not. */
static void test_jit(void **state)
{
	char out[4096];
	int status = run("--jit", PROG_42, out, sizeof(out));

	if (status) {
		if (!strstr(out, "no JIT in this build"))
			fail_msg("bpfvm --jit: exit %d, \"%s\"", status, out);
		return;
	}
	assert_string_equal(out, "0x2a\n");
	/* A program that would fault is refused by the checked run before the JIT runs it. */
	expect("--jit '00 11'", "79 10 00 00 00 00 00 00 95 00 00 00 00 00 00 00", 1,
	       "insn 0: out-of-bounds load of 8 bytes at mem+0 (mem is 2 bytes)");
	/* --dump prints the image (a two-byte nop, then push %rbp: 0x55) and then r0. */
	assert_int_equal(run("--jit --dump", PROG_42, out, sizeof(out)), 0);
	if (strncmp(out, "66 90 55 ", 9) || !strstr(out, "\n0x2a\n"))
		fail_msg("bpfvm --jit --dump: \"%s\"", out);
}

/* --- ELF ---------------------------------------------------------------------------------- */

static const char elf_source[] =
	"static __attribute__((noinline)) long twice(long x) { return 2 * x; }\n"
	"__attribute__((noinline)) long add(long a, long b) { return a + b; }\n"
	"long entry(unsigned char *mem, unsigned long len) __asm__(\"main\");\n"
	"long entry(unsigned char *mem, unsigned long len)\n"
	"{\n"
	"	long s = 0;\n"
	"	for (unsigned long i = 0; i < len; i++)\n"
	"		s += mem[i];\n"
	"	return add(twice(s), (long)len);\n"
	"}\n";

static unsigned char *elf;
static size_t elf_size;

/* Compile elf_source with clang -target bpf; false when clang is not there. */
static bool build_elf(void)
{
	const char *src = scratch("prog.c", elf_source, strlen(elf_source));
	char cmd[512], obj[128];
	FILE *f;
	long n;

	if (elf)
		return true;
	if (system("command -v clang >/dev/null 2>&1"))
		return false;
	snprintf(obj, sizeof(obj), "%s/prog.o", tmpdir);
	snprintf(cmd, sizeof(cmd), "clang -O2 -target bpf -c %s -o %s", src, obj);
	if (system(cmd))
		fail_msg("clang -target bpf failed on the test program");
	f = fopen(obj, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	elf = malloc(n);
	assert_int_equal(fread(elf, 1, n, f), n);
	fclose(f);
	elf_size = n;
	return true;
}

static char *to_hex(const unsigned char *data, size_t size)
{
	char *hex = malloc(size * 3 + 1);

	for (size_t i = 0; i < size; i++)
		sprintf(hex + 3 * i, "%02x ", data[i]);
	hex[size * 3] = '\0';
	return hex;
}

static void test_elf(void **state)
{
	unsigned char *copy;
	char *hex;

	if (!build_elf())
		skip();
	/* main sums MEM (1+2+3+4 = 10), doubles it and adds the length: 24 */
	hex = to_hex(elf, elf_size);
	expect("--elf '01 02 03 04'", hex, 0, "0x18\n");
	free(hex);

	/* Cut at the section headers: the table lies outside the file. */
	hex = to_hex(elf, elf_size - 10);
	expect("--elf", hex, 1, "elf: section header table");
	free(hex);

	/* Not EM_BPF. */
	copy = malloc(elf_size);
	memcpy(copy, elf, elf_size);
	copy[18] = 62; /* e_machine = EM_X86_64 */
	copy[19] = 0;
	hex = to_hex(copy, elf_size);
	expect("--elf", hex, 1, "elf: e_machine is 62, not EM_BPF (247)");
	free(hex);

	/* A section whose offset runs past the end of the file. */
	memcpy(copy, elf, elf_size);
	{
		unsigned long long shoff;
		unsigned char *sh;

		memcpy(&shoff, copy + 40, 8);
		sh = copy + shoff + 64; /* section 1 */
		memset(sh + 24, 0x7f, 7); /* sh_offset */
	}
	hex = to_hex(copy, elf_size);
	expect("--elf", hex, 1, "elf: section 1 (offset");
	free(hex);
	free(copy);
}

static int setup(void **state)
{
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/test_bpfvm.XXXXXX");
	if (!mkdtemp(tmpdir))
		return -1;
	if (access(BPFVM, X_OK)) {
		fprintf(stderr, "test_bpfvm: %s is missing (make host; run from the top of the "
				"tree)\n", BPFVM);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf %s", tmpdir);
	free(elf);
	return system(cmd);
}

#define NR_BAD (sizeof(bad_cases) / sizeof(bad_cases[0]))

int main(void)
{
	struct CMUnitTest tests[5 + NR_BAD] = {
		cmocka_unit_test(test_run),
		cmocka_unit_test(test_raw_and_asm),
		cmocka_unit_test(test_disasm),
		cmocka_unit_test(test_jit),
		cmocka_unit_test(test_elf),
	};

	for (size_t i = 0; i < NR_BAD; i++)
		tests[5 + i] = (struct CMUnitTest){ .name = bad_cases[i].name,
						    .test_func = test_bad_input,
						    .initial_state = (void *)&bad_cases[i] };
	return _cmocka_run_group_tests("bpfvm", tests, 5 + NR_BAD, setup, teardown);
}
