/*
 * tests/host/test_libbpf.c - the libbpf-style loader (user/lib/bpf) on good and bad object files.
 *
 * The loader is part of glass's user space, whose programs also run unchanged on Linux; so each
 * case runs build/user/bin/bpfobj here on a file and checks its exit status and what it says.
 * bpfobj only opens the file (no -l): the ELF checks, the map definitions from BTF and the
 * relocation checks all happen at open, and none needs the kernel. The good object is
 * build/user/bpf/tracex1.bpf.o, as clang made it; each bad one is a copy with one thing
 * broken, and the message must name that thing. (Loading it for real is the QEMU scenario
 * libbpf_tracex1.)
 */
#define _GNU_SOURCE
#include <elf.h>
#include <fcntl.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

#include <cmocka.h>

static char root[PATH_MAX / 2]; /* the build directory: build/ */
static char good[PATH_MAX];
static unsigned char *obj;  /* the good object's bytes */
static size_t obj_size;

/* Run bpfobj on path; its exit status, and stdout + stderr in out. */
static int bpfobj(const char *path, char *out, size_t size)
{
	char cmd[PATH_MAX * 3];
	FILE *p;
	size_t n;

	snprintf(cmd, sizeof(cmd), "%s/user/bin/bpfobj '%s' 2>&1", root, path);
	p = popen(cmd, "r");
	assert_non_null(p);
	n = fread(out, 1, size - 1, p);
	out[n] = '\0';
	return WEXITSTATUS(pclose(p));
}

/* Write bytes to a temporary file; its path in path. */
static void write_tmp(char *path, const void *bytes, size_t size)
{
	int fd;

	strcpy(path, "/tmp/glass-libbpf-XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, bytes, size), (ssize_t)size);
	close(fd);
}

/* A copy of the good object, changed by fix, must be refused with a message holding want. */
static void expect_refused(const char *what, void (*fix)(unsigned char *, size_t *),
			   const char *want)
{
	unsigned char *copy = malloc(obj_size);
	size_t size = obj_size;
	char path[64], out[4096];
	int status;

	memcpy(copy, obj, obj_size);
	fix(copy, &size);
	write_tmp(path, copy, size);
	status = bpfobj(path, out, sizeof(out));
	unlink(path);
	free(copy);
	if (status != 1 || !strstr(out, want))
		fail_msg("%s: status %d, output:\n%s\n(wanted \"%s\")", what, status, out, want);
}

static Elf64_Shdr *shdr(unsigned char *b, unsigned i)
{
	Elf64_Ehdr *eh = (Elf64_Ehdr *)b;

	return (Elf64_Shdr *)(b + eh->e_shoff) + i;
}

/* The section called name, or NULL. */
static Elf64_Shdr *find_sec(unsigned char *b, const char *name)
{
	Elf64_Ehdr *eh = (Elf64_Ehdr *)b;
	const char *names = (const char *)b + shdr(b, eh->e_shstrndx)->sh_offset;

	for (unsigned i = 0; i < eh->e_shnum; i++)
		if (!strcmp(names + shdr(b, i)->sh_name, name))
			return shdr(b, i);
	return NULL;
}

/* Rename section from to a name of the same length. */
static void rename_sec(unsigned char *b, const char *from, const char *to)
{
	Elf64_Ehdr *eh = (Elf64_Ehdr *)b;
	Elf64_Shdr *sh = find_sec(b, from);

	assert_non_null(sh);
	assert_int_equal(strlen(from), strlen(to));
	memcpy(b + shdr(b, eh->e_shstrndx)->sh_offset + sh->sh_name, to, strlen(to));
}

/* The ways to break the object, one each. */
static void cut_to_ten(unsigned char *b, size_t *size) { *size = 10; }
static void cut_in_half(unsigned char *b, size_t *size) { *size /= 2; }
static void bad_magic(unsigned char *b, size_t *size) { b[1] = 'X'; }
static void no_btf(unsigned char *b, size_t *size) { rename_sec(b, ".BTF", ".XYZ"); }
static void no_maps(unsigned char *b, size_t *size) { rename_sec(b, ".maps", ".mapz"); }

static void x86_machine(unsigned char *b, size_t *size)
{
	((Elf64_Ehdr *)b)->e_machine = EM_X86_64;
}

static void huge_section(unsigned char *b, size_t *size)
{
	find_sec(b, ".BTF")->sh_size = 1u << 30;
}

static void bad_btf_magic(unsigned char *b, size_t *size)
{
	b[find_sec(b, ".BTF")->sh_offset] ^= 0xff;
}

static void unknown_type(unsigned char *b, size_t *size)
{
	rename_sec(b, "kprobe/sys_openat", "kprobX/sys_openat");
}

static void license_unterminated(unsigned char *b, size_t *size)
{
	Elf64_Shdr *sh = find_sec(b, "license");

	memset(b + sh->sh_offset, 'G', sh->sh_size);
}

/* A relocation of a map load moved onto an instruction that is not a 64-bit load. */
static void reloc_off_target(unsigned char *b, size_t *size)
{
	Elf64_Rel *rel = (Elf64_Rel *)(b + find_sec(b, ".relkprobe/sys_openat")->sh_offset);

	rel->r_offset += 8;
}

static void test_good_object(void **state)
{
	char out[4096];

	assert_int_equal(bpfobj(good, out, sizeof(out)), 0);
	assert_non_null(strstr(out, "program count_openat: kprobe, section kprobe/sys_openat, "));
	assert_non_null(strstr(out, "program trace_enter: tracepoint, section "
				    "tracepoint/syscalls/sys_enter_openat, "));
	/* From BTF: the key and value types' sizes, the numbers in __uint(). */
	assert_non_null(strstr(out, "map opens: hash, key 4, value 8, max_entries 64\n"));
	assert_non_null(strstr(out, "map enters: array, key 4, value 8, max_entries 1\n"));
	/* bpf_printk's format string: .rodata, an array of one value, named as libbpf names it. */
	assert_non_null(strstr(out, "map tracex1.rodata: array, key 4, value 26, max_entries 1\n"));
}

/* .text (a bpf_loop callback and the function it calls) goes after the program: 11 + 12. */
static void test_text_appended(void **state)
{
	char out[4096], path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/user/bpf/subprogs.bpf.o", root);
	assert_int_equal(bpfobj(path, out, sizeof(out)), 0);
	assert_non_null(strstr(out, "program sum_squares: raw_tracepoint, section "
				    "raw_tracepoint/sys_enter, 23 insns\n"));
}

static void test_bad_files(void **state)
{
	char out[4096], path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/user/no-such.bpf.o", root);
	assert_int_equal(bpfobj(path, out, sizeof(out)), 1);
	assert_non_null(strstr(out, "cannot open: No such file or directory"));
	snprintf(path, sizeof(path), "%s/user/bin/bpfobj", root); /* an executable, not BPF */
	assert_int_equal(bpfobj(path, out, sizeof(out)), 1);
	assert_non_null(strstr(out, "not a BPF object file (e_type 2, e_machine 62"));

	expect_refused("ten bytes", cut_to_ten, "too small for an ELF header (10 bytes)");
	expect_refused("half the file", cut_in_half, "the section header table");
	expect_refused("bad magic", bad_magic, "not an ELF file");
	expect_refused("x86 object", x86_machine, "not a BPF object file (e_type 1, e_machine 62");
	expect_refused("a section past the end", huge_section, "runs past the end of the file");
	expect_refused("bad BTF magic", bad_btf_magic, ".BTF: not BTF");
	expect_refused("no .BTF", no_btf, "the .maps section needs .BTF");
	expect_refused("no .maps", no_maps, "'opens' is neither a map nor global data");
	expect_refused("unknown section name", unknown_type,
		       "section 'kprobX/sys_openat' names no program type");
	expect_refused("license without NUL", license_unterminated,
		       "the license section is not a short NUL-terminated string");
	expect_refused("relocation off its load", reloc_off_target, "is not a 64-bit load");
}

static int setup(void **state)
{
	char self[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	FILE *f;

	if (n <= 0)
		return -1;
	self[n] = '\0';
	*strrchr(self, '/') = '\0'; /* build/host */
	*strrchr(self, '/') = '\0'; /* build */
	snprintf(root, sizeof(root), "%.*s", (int)sizeof(root) - 1, self);
	snprintf(good, sizeof(good), "%s/user/bpf/tracex1.bpf.o", root);
	f = fopen(good, "rb");
	if (!f) {
		fprintf(stderr, "test_libbpf: %s is missing: run make first\n", good);
		return -1;
	}
	fseek(f, 0, SEEK_END);
	obj_size = (size_t)ftell(f);
	rewind(f);
	obj = malloc(obj_size);
	if (fread(obj, 1, obj_size, f) != obj_size)
		return -1;
	fclose(f);
	return 0;
}

static int teardown(void **state)
{
	free(obj);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_object),
		cmocka_unit_test(test_text_appended),
		cmocka_unit_test(test_bad_files),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
