/*
 * bin/libctest.c - exercise glass's C library and print what it does.
 *
 *	libctest printf | fprintf | strtol | getopt | strerror
 *	    print the result of every case in libctest.h, one line each; tests/host/test_user.c
 *	    compares them with what glibc gives for the same cases
 *	libctest string | malloc [ops [seed]] | stdio DIR | buffering | stdin | args [arg...]
 *	    self-checking: print "<name>: ok" (exit 0) or what went wrong (exit 1)
 *	libctest
 *	    string, malloc and stdio in /tmp: what a QEMU scenario runs on glass
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "user/bin/libctest.h"

/* Some cases combine flags on purpose that C defines and GCC warns about (0 with -, 0 with a
 * precision): they are what is being tested. */
#pragma GCC diagnostic ignored "-Wformat"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static int failures, failures_before; /* all of them, and when the current section began */

#define CHECK(cond)                                                                   \
	do {                                                                              \
		if (!(cond)) {                                                            \
			printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond);            \
			failures++;                                                       \
		}                                                                         \
	} while (0)

static void begin(void)
{
	failures_before = failures;
}

static int report(const char *name)
{
	int n = failures - failures_before;

	if (n)
		printf("%s: %d failed\n", name, n);
	else
		printf("%s: ok\n", name);
	return n ? 1 : 0;
}

/* --- cases compared with glibc ---------------------------------------------------------------- */

static int run_printf(void)
{
	char full[256], small[8];
	int n, m;

#define PRINTF_CASE(...)                                                                   \
	n = snprintf(full, sizeof(full), __VA_ARGS__);                                         \
	m = snprintf(small, sizeof(small), __VA_ARGS__);                                       \
	printf("%d:%s:%d:%s\n", n, full, m, small);
	LIBCTEST_PRINTF_CASES(PRINTF_CASE)
	return 0;
}

static int run_fprintf(void)
{
#define FPRINTF_CASE(...)                                                                  \
	printf(__VA_ARGS__);                                                                   \
	putchar('\n');                                                                         \
	fflush(stdout);                                                                        \
	dprintf(1, __VA_ARGS__);                                                               \
	dprintf(1, "\n");
	LIBCTEST_PRINTF_CASES(FPRINTF_CASE)
	return 0;
}

static int run_strtol(void)
{
	char *end;
	long v;
	unsigned long u;
	int e1, e2;
	const char *s;

#define STRTOL_CASE(str, base)                                                             \
	s = str;                                                                               \
	errno = 0;                                                                             \
	v = strtol(s, &end, base);                                                             \
	e1 = errno;                                                                            \
	printf("%ld %td %d|", v, end - s, e1);                                                 \
	errno = 0;                                                                             \
	u = strtoul(s, &end, base);                                                            \
	e2 = errno;                                                                            \
	printf("%lu %td %d\n", u, end - s, e2);
	LIBCTEST_STRTOL_CASES(STRTOL_CASE)
	return 0;
}

static void one_getopt(const char *optstring, int argc, char **argv)
{
	int c, i;

	optind = 0;
	opterr = 0;
	while ((c = getopt(argc, argv, optstring)) != -1) {
		if (c == '?' || c == ':')
			printf("%c(%c) ", c, optopt);
		else if (optarg)
			printf("%c=%s ", c, optarg);
		else
			printf("%c ", c);
	}
	printf("| %d", optind);
	for (i = optind; i < argc; i++)
		printf(" %s", argv[i]);
	putchar('\n');
}

static int run_getopt(void)
{
#define GETOPT_CASE(optstring, ...)                                                        \
	{                                                                                      \
		char *argv[] = { "prog", __VA_ARGS__, NULL };                                  \
		one_getopt(optstring, ARRAY_SIZE(argv) - 1, argv);                             \
	}
	LIBCTEST_GETOPT_CASES(GETOPT_CASE)
	return 0;
}

static int run_strerror(void)
{
	for (int i = 0; i <= LIBCTEST_STRERROR_MAX; i++)
		printf("%d %s\n", i, strerror(i));
	return 0;
}

/* --- self-checking ---------------------------------------------------------------------------- */

static unsigned long long rng_state = 88172645463325252ULL;

static unsigned long long rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static int by_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

static int run_string(void)
{
	char buf[64], big[32];
	static int numbers[1000];
	char *p;
	size_t i;

	begin();
	CHECK(strlen("") == 0 && strlen("abc") == 3);
	CHECK(strnlen("abcdef", 3) == 3 && strnlen("ab", 10) == 2);
	CHECK(strcmp("abc", "abc") == 0 && strcmp("abc", "abd") < 0 && strcmp("b", "a") > 0);
	CHECK(strcmp("ab", "abc") < 0 && strcmp("\xff", "a") > 0);
	CHECK(strncmp("abcx", "abcy", 3) == 0 && strncmp("abcx", "abcy", 4) < 0);
	CHECK(strncmp("a", "a", 100) == 0);
	strcpy(buf, "hello");
	CHECK(!strcmp(buf, "hello"));
	strcat(buf, ", world");
	CHECK(!strcmp(buf, "hello, world"));
	strncat(buf, "!!!", 1);
	CHECK(!strcmp(buf, "hello, world!"));
	memset(big, 'x', sizeof(big));
	strncpy(big, "ab", 5);
	CHECK(!memcmp(big, "ab\0\0\0x", 6));
	strncpy(big, "abcdef", 3);
	CHECK(!memcmp(big, "abc\0", 4));
	p = "abcabc";
	CHECK(strchr(p, 'c') == p + 2 && strrchr(p, 'c') == p + 5 && !strchr(p, 'z'));
	CHECK(strchr(p, '\0') == p + 6 && strrchr(p, '\0') == p + 6);
	CHECK(strstr(p, "ca") == p + 2 && strstr(p, "") == p && !strstr(p, "cb"));
	CHECK(strspn("aabbc", "ab") == 4 && strcspn("hello world", " ") == 5);
	memcpy(buf, "0123456789", 11);
	memmove(buf + 2, buf, 5);
	CHECK(!strcmp(buf, "0101234789"));
	memcpy(buf, "0123456789", 11);
	memmove(buf, buf + 3, 5);
	CHECK(!strcmp(buf, "3456756789"));
	memset(buf, 0, sizeof(buf));
	memset(buf + 1, 0xab, 10);
	CHECK(buf[0] == 0 && (unsigned char)buf[10] == 0xab && buf[11] == 0);
	CHECK(memcmp("abc", "abd", 3) < 0 && memcmp("abc", "abc", 3) == 0);
	CHECK(memchr("abc", 'c', 3) != NULL && memchr("abc", 'c', 2) == NULL);
	p = strdup("copy");
	CHECK(p && !strcmp(p, "copy"));
	free(p);
	p = strndup("copy", 2);
	CHECK(p && !strcmp(p, "co"));
	free(p);
	CHECK(atoi("123") == 123 && atoi("-9") == -9 && atoi("x") == 0);
	CHECK(snprintf(NULL, 0, "%d", 12345) == 5);
	CHECK(abs(-5) == 5 && labs(-7L) == 7);

	for (i = 0; i < ARRAY_SIZE(numbers); i++)
		numbers[i] = (int)(rng() % 2001) - 1000;
	qsort(numbers, ARRAY_SIZE(numbers), sizeof(numbers[0]), by_int);
	for (i = 1; i < ARRAY_SIZE(numbers); i++)
		CHECK(numbers[i - 1] <= numbers[i]);

	CHECK(setenv("LIBCTEST_A", "one", 1) == 0 && !strcmp(getenv("LIBCTEST_A"), "one"));
	CHECK(setenv("LIBCTEST_A", "two", 0) == 0 && !strcmp(getenv("LIBCTEST_A"), "one"));
	CHECK(setenv("LIBCTEST_A", "two", 1) == 0 && !strcmp(getenv("LIBCTEST_A"), "two"));
	CHECK(unsetenv("LIBCTEST_A") == 0 && getenv("LIBCTEST_A") == NULL);
	CHECK(setenv("BAD=NAME", "x", 1) == -1 && errno == EINVAL);

	CHECK(sig_number("KILL") == SIGKILL && sig_number("SIGTERM") == SIGTERM);
	CHECK(!strcmp(sig_name(SIGSEGV), "SEGV") && sig_name(0) == NULL && sig_number("NOPE") == 0);
	CHECK(!strcmp(strerrorname_np(ENOENT), "ENOENT") &&
	      !strcmp(strerror(ENOTSUPP), "Not supported"));
	CHECK(!strcmp(strerror(9999), "Unknown error 9999"));
	CHECK(open("/nonexistent/file", O_RDONLY) == -1 && errno == ENOENT);
	CHECK(close(-1) == -1 && errno == EBADF);
	return report("string");
}

struct slot {
	unsigned char *p;
	size_t size;
	unsigned char tag;
};

static int pattern_ok(const struct slot *s, size_t n)
{
	for (size_t k = 0; k < n; k++)
		if (s->p[k] != (unsigned char)(s->tag ^ k))
			return 0;
	return 1;
}

static void fill(struct slot *s)
{
	for (size_t k = 0; k < s->size; k++)
		s->p[k] = (unsigned char)(s->tag ^ k);
}

static size_t random_size(void)
{
	unsigned long long r = rng();

	if (r % 64 == 0)
		return 256 * 1024 + rng() % (768 * 1024); /* a mapping of its own */
	if (r % 4 == 0)
		return rng() % 65536;
	return rng() % 512;
}

static int run_malloc(int ops, unsigned long long seed)
{
	static struct slot slots[512];
	size_t blocks, bytes, start_blocks = 0, live = 0, peak = 0;
	struct slot *s;
	unsigned char *q;
	int op, i;

	begin();
	rng_state = seed ? seed : 1;
	CHECK(malloc_check(&start_blocks, &bytes) == 0); /* what others still hold: setenv's */
	for (op = 0; op < ops && !failures; op++) {
		s = &slots[rng() % ARRAY_SIZE(slots)];
		if (!s->p) {
			s->size = random_size();
			s->tag = (unsigned char)op;
			if (rng() % 4 == 0) {
				s->p = calloc(1, s->size);
				for (size_t k = 0; s->p && k < s->size; k++)
					CHECK(s->p[k] == 0);
			} else {
				s->p = malloc(s->size);
			}
			CHECK(s->p != NULL && ((unsigned long)s->p & 15) == 0);
			if (!s->p)
				break;
			fill(s);
			live += s->size;
		} else if (rng() % 3 == 0) {
			size_t size = random_size();

			CHECK(pattern_ok(s, s->size));
			q = realloc(s->p, size);
			CHECK(q != NULL || size == 0);
			s->p = q;
			CHECK(!q || pattern_ok(s, size < s->size ? size : s->size));
			live += size - s->size;
			s->size = size;
			if (s->p)
				fill(s);
		} else {
			CHECK(pattern_ok(s, s->size));
			free(s->p);
			s->p = NULL;
			live -= s->size;
		}
		peak = live > peak ? live : peak;
		if (op % 997 == 0)
			CHECK(malloc_check(&blocks, &bytes) == 0);
	}
	for (i = 0; i < (int)ARRAY_SIZE(slots); i++) {
		if (slots[i].p)
			CHECK(pattern_ok(&slots[i], slots[i].size));
		free(slots[i].p);
		slots[i].p = NULL;
	}
	CHECK(malloc_check(&blocks, &bytes) == 0 && blocks == start_blocks);
	errno = 0;
	CHECK(malloc((size_t)-1 / 2) == NULL && errno == ENOMEM);
	CHECK(calloc((size_t)1 << 40, (size_t)1 << 40) == NULL);
	q = realloc(NULL, 10);
	CHECK(q != NULL);
	CHECK(realloc(q, 0) == NULL);
	printf("malloc: %d operations, peak %zu bytes live\n", op, peak);
	return report("malloc");
}

static int run_stdio(const char *dir)
{
	char path[256], line[64];
	FILE *f;
	int i, n;
	size_t len;

	begin();
	snprintf(path, sizeof(path), "%s/libctest.%d", dir, getpid());
	f = fopen(path, "w");
	CHECK(f != NULL);
	if (!f)
		return report("stdio");
	for (i = 0; i < 200; i++)
		CHECK(fprintf(f, "line %d\n", i) > 0);
	CHECK(fclose(f) == 0);

	f = fopen(path, "r");
	CHECK(f != NULL);
	for (i = 0; f && fgets(line, sizeof(line), f); i++) {
		char want[32];

		snprintf(want, sizeof(want), "line %d\n", i);
		CHECK(!strcmp(line, want));
	}
	CHECK(i == 200 && f && feof(f) && !ferror(f));
	if (f)
		fclose(f);

	f = fopen(path, "a");
	CHECK(f && fputs("tail\n", f) == 0 && fclose(f) == 0);
	f = fopen(path, "r");
	CHECK(f != NULL);
	if (f) {
		static char all[8192];

		len = fread(all, 1, sizeof(all) - 1, f);
		all[len] = '\0';
		CHECK(len > 5 && !strcmp(all + len - 5, "tail\n") && !strncmp(all, "line 0\n", 7));
		fclose(f);
	}

	f = fopen(path, "r");
	CHECK(f && fgets(line, 4, f) && !strcmp(line, "lin"));
	CHECK(f && fgetc(f) == 'e' && ungetc('E', f) == 'E' && fgetc(f) == 'E');
	if (f)
		fclose(f);

	errno = 0;
	CHECK(fopen("/nonexistent/dir/file", "r") == NULL && errno == ENOENT);
	n = snprintf(line, sizeof(line), "%s", path);
	CHECK(n == (int)strlen(path));
	f = fopen(path, "w"); /* there is no unlink: leave an empty file behind, not 1.5 KiB */
	CHECK(f && fclose(f) == 0);
	return report("stdio");
}

/* Standard output to a pipe or file is fully buffered: the direct write comes out first. */
static int run_buffering(void)
{
	printf("a");
	write(1, "B\n", 2);
	printf("c\n");
	fprintf(stderr, "to stderr\n");
	printf("end without newline");
	return 0;
}

static int run_stdin(void)
{
	char line[16];
	int n = 0;

	while (fgets(line, sizeof(line), stdin))
		printf("%d:%s|\n", n++, line);
	printf("lines %d eof %d\n", n, feof(stdin));
	return 0;
}

static int run_args(int argc, char **argv)
{
	const char *v = getenv("LIBCTEST_VAR");
	int i;

	begin();
	printf("argc %d\n", argc);
	for (i = 0; i < argc; i++)
		printf("argv[%d] %s\n", i, argv[i]);
	CHECK(argv[argc] == NULL);
	printf("LIBCTEST_VAR %s\n", v ? v : "(unset)");
	printf("pagesize %lu\n", getauxval(AT_PAGESZ));
	CHECK(getauxval(AT_RANDOM) != 0);
	CHECK(getauxval(12345) == 0);
	return report("args");
}

int main(int argc, char **argv)
{
	const char *what = argc > 1 ? argv[1] : "";

	if (!strcmp(what, "printf"))
		return run_printf();
	if (!strcmp(what, "fprintf"))
		return run_fprintf();
	if (!strcmp(what, "strtol"))
		return run_strtol();
	if (!strcmp(what, "getopt"))
		return run_getopt();
	if (!strcmp(what, "strerror"))
		return run_strerror();
	if (!strcmp(what, "string"))
		return run_string();
	if (!strcmp(what, "malloc"))
		return run_malloc(argc > 2 ? atoi(argv[2]) : 20000,
				  argc > 3 ? strtoull(argv[3], NULL, 0) : 1);
	if (!strcmp(what, "stdio"))
		return run_stdio(argc > 2 ? argv[2] : "/tmp");
	if (!strcmp(what, "buffering"))
		return run_buffering();
	if (!strcmp(what, "stdin"))
		return run_stdin();
	if (!strcmp(what, "args"))
		return run_args(argc - 1, argv + 1);
	if (argc == 1) {
		run_string();
		run_malloc(20000, 1);
		run_stdio("/tmp");
		printf("libctest: %s\n", failures ? "FAILED" : "all ok");
		return failures ? 1 : 0;
	}
	fprintf(stderr, "usage: libctest [printf|fprintf|strtol|getopt|strerror|string|malloc|"
			"stdio|buffering|stdin|args]\n");
	return 2;
}
