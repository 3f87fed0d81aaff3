/*
 * tests/host/test_user.c - the user programs (user/bin), run on the host and checked by output.
 *
 * glass's user programs are static Linux executables, so they run here unchanged. Each test
 * starts one (from build/user/bin, next to this binary's build/host), feeds it standard input,
 * and checks its standard output, standard error and exit status:
 *   - the C library through libctest: printf, strtol, getopt and strerror against what glibc
 *     answers for the same cases (user/bin/libctest.h), then its self-checks (strings, malloc
 *     under a random workload, stdio files and buffering, crt0's argv/envp/auxv);
 *   - the shell: pipes, redirections, $?, &, ;, && and ||, quoting, scripts from a file and
 *     from standard input, status 127 and its message, the line editor through -i;
 *   - the tools: echo, cat, ls, true, false, uname, ps, kill, sleep, dmesg, crash, memhog, and
 *     sysfuzz in its harmless mode.
 * Every child runs with PATH set to build/user/bin, in a fresh temporary directory, and is killed
 * by an alarm if it hangs. One file past 800 lines: one case per function, grouped by program.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <getopt.h>
#include <limits.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/personality.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>

#include <cmocka.h>

#include "user/bin/libctest.h"

/* The cases combine flags on purpose that GCC warns about; see libctest.h. */
#pragma GCC diagnostic ignored "-Wformat"
#pragma GCC diagnostic ignored "-Wformat-truncation"

static char bin_dir[PATH_MAX];
static char tmp_dir[PATH_MAX];

struct result {
	char *out, *err;
	int status; /* the exit status, or 128 + the signal that ended it */
};

static char *slurp(FILE *f)
{
	long n;
	char *buf;

	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = calloc(1, n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, n, f), (size_t)n);
	fclose(f);
	return buf;
}

static void result_free(struct result *r)
{
	free(r->out);
	free(r->err);
}

/* Run argv (argv[0] a program of build/user/bin, or a path) in tmp_dir with input on stdin,
 * extra environment entries env (may be NULL). */
static void run_env(struct result *r, const char *input, char *const env[], char *const argv[])
{
	char path[PATH_MAX * 2], path_var[PATH_MAX + 8];
	char *envp[16] = { path_var, "HOME=/" };
	FILE *in = tmpfile(), *out = tmpfile(), *err = tmpfile();
	int st, n = 2;
	pid_t pid;

	assert_true(in && out && err);
	snprintf(path_var, sizeof(path_var), "PATH=%s", bin_dir);
	for (; env && *env && n < 15; env++)
		envp[n++] = *env;
	envp[n] = NULL;
	if (strchr(argv[0], '/'))
		snprintf(path, sizeof(path), "%s", argv[0]);
	else
		snprintf(path, sizeof(path), "%s/%s", bin_dir, argv[0]);
	if (input)
		fputs(input, in);
	fflush(in);
	rewind(in);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		dup2(fileno(in), 0);
		dup2(fileno(out), 1);
		dup2(fileno(err), 2);
		if (chdir(tmp_dir) < 0)
			_exit(125);
		/* The same addresses every run (as on glass): sysfuzz's runs must repeat exactly. */
		personality(ADDR_NO_RANDOMIZE);
		alarm(60);
		execve(path, argv, envp);
		_exit(124);
	}
	assert_int_equal(waitpid(pid, &st, 0), pid);
	r->status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
	fclose(in);
	r->out = slurp(out);
	r->err = slurp(err);
}

#define RUN(r, input, ...) run_env(r, input, NULL, (char *const[]){ __VA_ARGS__, NULL })

/* The shell with a command string. */
static void sh(struct result *r, const char *script)
{
	RUN(r, NULL, "sh", "-c", (char *)script);
}

static void write_file(const char *name, const char *text, mode_t mode)
{
	char path[PATH_MAX * 2];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", tmp_dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	assert_int_equal(chmod(path, mode), 0);
}

static char *read_file(const char *name)
{
	char path[PATH_MAX * 2];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", tmp_dir, name);
	f = fopen(path, "r");
	assert_non_null(f);
	return slurp(f);
}

/* Compare two texts line by line and name the first line that differs. */
static void compare_lines(const char *what, const char *glass, const char *glibc)
{
	int line = 1;

	while (*glass || *glibc) {
		size_t a = strcspn(glass, "\n"), b = strcspn(glibc, "\n");

		if (a != b || memcmp(glass, glibc, a)) {
			printf("%s, case %d:\n  glass: %.*s\n  glibc: %.*s\n", what, line, (int)a,
			       glass, (int)b, glibc);
			fail();
		}
		glass += a + (glass[a] == '\n');
		glibc += b + (glibc[b] == '\n');
		line++;
	}
}

/* An appending snprintf for building what glibc answers. */
static void append(char *buf, size_t size, const char *fmt, ...)
{
	size_t len = strlen(buf);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf + len, size - len, fmt, ap);
	va_end(ap);
}

/* --- the C library against glibc -------------------------------------------------------------- */

static char expect[1 << 16];

static void test_printf_snprintf(void **state)
{
	char full[256], small[8];
	struct result r;
	int n, m;

	expect[0] = '\0';
#define PRINTF_CASE(...)                                                                   \
	n = snprintf(full, sizeof(full), __VA_ARGS__);                                         \
	m = snprintf(small, sizeof(small), __VA_ARGS__);                                       \
	append(expect, sizeof(expect), "%d:%s:%d:%s\n", n, full, m, small);
	LIBCTEST_PRINTF_CASES(PRINTF_CASE)
	RUN(&r, NULL, "libctest", "printf");
	assert_int_equal(r.status, 0);
	compare_lines("snprintf", r.out, expect);
	result_free(&r);
}

static void test_printf_streams(void **state)
{
	char full[256];
	struct result r;

	expect[0] = '\0';
#define FPRINTF_CASE(...)                                                                  \
	snprintf(full, sizeof(full), __VA_ARGS__);                                             \
	append(expect, sizeof(expect), "%s\n%s\n", full, full);
	LIBCTEST_PRINTF_CASES(FPRINTF_CASE)
	RUN(&r, NULL, "libctest", "fprintf");
	assert_int_equal(r.status, 0);
	compare_lines("printf and dprintf", r.out, expect);
	result_free(&r);
}

static void test_strtol(void **state)
{
	const char *s;
	struct result r;
	char *end;
	long v;
	unsigned long u;
	int e;

	expect[0] = '\0';
#define STRTOL_CASE(str, base)                                                             \
	s = str;                                                                               \
	errno = 0;                                                                             \
	v = strtol(s, &end, base);                                                             \
	e = errno;                                                                             \
	append(expect, sizeof(expect), "%ld %td %d|", v, end - s, e);                          \
	errno = 0;                                                                             \
	u = strtoul(s, &end, base);                                                            \
	e = errno;                                                                             \
	append(expect, sizeof(expect), "%lu %td %d\n", u, end - s, e);
	LIBCTEST_STRTOL_CASES(STRTOL_CASE)
	RUN(&r, NULL, "libctest", "strtol");
	assert_int_equal(r.status, 0);
	compare_lines("strtol|strtoul", r.out, expect);
	result_free(&r);
}

static void one_getopt(const char *optstring, int argc, char **argv)
{
	int c, i;

	optind = 0;
	opterr = 0;
	while ((c = getopt(argc, argv, optstring)) != -1) {
		if (c == '?' || c == ':')
			append(expect, sizeof(expect), "%c(%c) ", c, optopt);
		else if (optarg)
			append(expect, sizeof(expect), "%c=%s ", c, optarg);
		else
			append(expect, sizeof(expect), "%c ", c);
	}
	append(expect, sizeof(expect), "| %d", optind);
	for (i = optind; i < argc; i++)
		append(expect, sizeof(expect), " %s", argv[i]);
	append(expect, sizeof(expect), "\n");
}

static void test_getopt(void **state)
{
	struct result r;

	expect[0] = '\0';
#define GETOPT_CASE(optstring, ...)                                                        \
	{                                                                                      \
		char *argv[] = { "prog", __VA_ARGS__, NULL };                                  \
		one_getopt(optstring, sizeof(argv) / sizeof(argv[0]) - 1, argv);               \
	}
	LIBCTEST_GETOPT_CASES(GETOPT_CASE)
	RUN(&r, NULL, "libctest", "getopt");
	assert_int_equal(r.status, 0);
	compare_lines("getopt", r.out, expect);
	result_free(&r);
}

static void test_getopt_messages(void **state)
{
	struct result r;

	RUN(&r, NULL, "ls", "-z");
	assert_int_equal(r.status, 2);
	assert_non_null(strstr(r.err, "invalid option -- 'z'"));
	result_free(&r);
	RUN(&r, NULL, "dmesg", "-f");
	assert_int_equal(r.status, 2);
	assert_non_null(strstr(r.err, "option requires an argument -- 'f'"));
	result_free(&r);
}

static void test_strerror(void **state)
{
	struct result r;

	expect[0] = '\0';
	for (int i = 0; i <= LIBCTEST_STRERROR_MAX; i++)
		append(expect, sizeof(expect), "%d %s\n", i, strerror(i));
	RUN(&r, NULL, "libctest", "strerror");
	assert_int_equal(r.status, 0);
	compare_lines("strerror", r.out, expect);
	result_free(&r);
}

/* --- the C library's self-checks -------------------------------------------------------------- */

static void test_string_functions(void **state)
{
	struct result r;

	RUN(&r, NULL, "libctest", "string");
	assert_string_equal(r.out, "string: ok\n");
	assert_int_equal(r.status, 0);
	result_free(&r);
}

static void test_malloc_stress(void **state)
{
	struct result r;

	RUN(&r, NULL, "libctest", "malloc", "200000", "12345");
	printf("%s", r.out);
	assert_non_null(strstr(r.out, "malloc: 200000 operations"));
	assert_non_null(strstr(r.out, "malloc: ok\n"));
	assert_int_equal(r.status, 0);
	result_free(&r);
}

static void test_malloc_out_of_memory(void **state)
{
	struct result r;
	const char *p;
	int n = 0;

	/* Under a 48 MiB address-space limit (set by the host's shell: ours has no ulimit), every
	 * way of asking for memory must end in ENOMEM, and memhog must give it all back. */
	RUN(&r, NULL, "/bin/sh", "-c", "ulimit -v 49152 && memhog && memhog -k && memhog -b");
	assert_int_equal(r.status, 0);
	for (p = r.out; (p = strstr(p, "then Cannot allocate memory\nmemhog: given back\n")); p++)
		n++;
	assert_int_equal(n, 3);
	result_free(&r);
}

static void test_stdio_files(void **state)
{
	struct result r;

	RUN(&r, NULL, "libctest", "stdio", tmp_dir);
	assert_string_equal(r.out, "stdio: ok\n");
	assert_int_equal(r.status, 0);
	result_free(&r);
}

static void test_stdio_buffering(void **state)
{
	struct result r;

	/* Not a terminal: stdout is fully buffered, so the direct write comes first; the last
	 * line has no newline and must still be written at exit. */
	RUN(&r, NULL, "libctest", "buffering");
	assert_string_equal(r.out, "B\nac\nend without newline");
	assert_string_equal(r.err, "to stderr\n");
	result_free(&r);
}

static void test_stdin_fgets(void **state)
{
	struct result r;

	RUN(&r, "short\na much longer line here\n\nlast", "libctest", "stdin");
	assert_string_equal(r.out, "0:short\n|\n1:a much longer l|\n2:ine here\n|\n3:\n|\n4:last|\n"
				   "lines 5 eof 1\n");
	result_free(&r);
}

static void test_crt0_arguments(void **state)
{
	struct result r;

	run_env(&r, NULL, (char *[]){ "LIBCTEST_VAR=from the environment", NULL },
		(char *[]){ "libctest", "args", "one", "two words", "", NULL });
	assert_string_equal(r.out, "argc 4\nargv[0] args\nargv[1] one\nargv[2] two words\n"
				   "argv[3] \nLIBCTEST_VAR from the environment\npagesize 4096\n"
				   "args: ok\n");
	assert_int_equal(r.status, 0);
	result_free(&r);
}

/* --- the shell -------------------------------------------------------------------------------- */

static void test_sh_pipes(void **state)
{
	struct result r;

	sh(&r, "echo hello | cat; echo a b c | cat | cat | cat | cat");
	assert_string_equal(r.out, "hello\na b c\n");
	assert_int_equal(r.status, 0);
	result_free(&r);
	sh(&r, "ls /nonexistent 2>&1 | cat; echo err >&2 | cat");
	assert_string_equal(r.out, "ls: /nonexistent: No such file or directory\n");
	assert_string_equal(r.err, "err\n");
	result_free(&r);
	sh(&r, "true | false");
	assert_int_equal(r.status, 1);
	result_free(&r);
}

static void test_sh_redirection(void **state)
{
	struct result r;
	char *f;

	sh(&r,
	   "echo one > out; echo two >> out; cat < out; cat out | cat > copy; echo x 2>/dev/null");
	assert_string_equal(r.out, "one\ntwo\nx\n");
	result_free(&r);
	f = read_file("copy");
	assert_string_equal(f, "one\ntwo\n");
	free(f);
	sh(&r, "ls /nonexistent 2> errors; cat errors; echo > empty; < missing cat; echo $?");
	assert_string_equal(r.out, "ls: /nonexistent: No such file or directory\n1\n");
	assert_string_equal(r.err, "sh: missing: No such file or directory\n");
	result_free(&r);
	sh(&r, "echo to-err 1>&2 2>/dev/null");
	assert_string_equal(r.err, "to-err\n");
	result_free(&r);
}

static void test_sh_status(void **state)
{
	struct result r;

	sh(&r, "false; echo $?; true; echo $?; nosuch-command a b; echo $?");
	assert_string_equal(r.out, "1\n0\n127\n");
	assert_string_equal(r.err, "sh: nosuch-command: command not found\n");
	result_free(&r);
	sh(&r, "exit 3");
	assert_int_equal(r.status, 3);
	result_free(&r);
	sh(&r, "nosuch");
	assert_int_equal(r.status, 127);
	result_free(&r);
	sh(&r, "./missing; echo $?");
	assert_string_equal(r.out, "127\n");
	assert_string_equal(r.err, "sh: ./missing: No such file or directory\n");
	result_free(&r);
	write_file("notexec", "echo hi\n", 0644);
	sh(&r, "./notexec; echo $?");
	assert_string_equal(r.out, "126\n");
	assert_string_equal(r.err, "sh: ./notexec: Permission denied\n");
	result_free(&r);
	sh(&r, "crash null; echo $?");
	assert_string_equal(r.out, "crash: null\n139\n");
	assert_string_equal(r.err, "sh: crash: killed by signal 11 (SEGV)\n");
	result_free(&r);
}

static void test_sh_lists(void **state)
{
	struct result r;

	sh(&r, "true && echo and; false && echo never; false || echo or; true || echo never; "
	       "false && echo no || echo yes; echo a; echo b;");
	assert_string_equal(r.out, "and\nor\nyes\na\nb\n");
	result_free(&r);
	sh(&r, "echo line1\n\n  # a comment\necho line2 # another\n");
	assert_string_equal(r.out, "line1\nline2\n");
	result_free(&r);
}

static void test_sh_background(void **state)
{
	struct result r;
	char *f;

	sh(&r, "echo bg > f & wait; cat f; sleep 5 & kill $!; wait $!; echo $?");
	assert_string_equal(r.out, "bg\n143\n");
	result_free(&r);
	sh(&r, "sleep 0.2 & echo $?; wait");
	assert_string_equal(r.out, "0\n");
	result_free(&r);
	sh(&r, "sleep 0.1 & P=$!; wait $P; echo waited $?");
	assert_string_equal(r.out, "waited 0\n");
	result_free(&r);
	f = read_file("f");
	assert_string_equal(f, "bg\n");
	free(f);
}

static void test_sh_quoting_and_variables(void **state)
{
	struct result r;

	sh(&r, "echo 'a  b' \"c $? d\" e\\ f \"\" x '$HOME' \"$HOME\" \\$HOME $UNSET end");
	assert_string_equal(r.out, "a  b c 0 d e f  x $HOME / $HOME end\n");
	result_free(&r);
	sh(&r, "X=hello; echo $X ${X}s \"$X\"; Y=1 sh -c 'echo in child $Y'; echo \"[$Y]\"");
	assert_string_equal(r.out, "hello hellos hello\nin child 1\n[]\n");
	result_free(&r);
	sh(&r, "echo \"unterminated");
	assert_int_equal(r.status, 2);
	assert_string_equal(r.err, "sh: unterminated quote\n");
	result_free(&r);
	sh(&r, "echo a | ; echo b");
	assert_int_equal(r.status, 2);
	assert_string_equal(r.out, "");
	assert_string_equal(r.err, "sh: syntax error near ';'\n");
	result_free(&r);
	sh(&r, "echo $$ > pid; echo ${");
	assert_string_equal(r.err, "sh: bad substitution\n");
	result_free(&r);
}

static void test_sh_script_file(void **state)
{
	struct result r;

	write_file("script", "# a script\n"
			     "echo \"name $0, $# arguments: $1 $2\"\n"
			     "cat # reads the rest of our standard input\n"
			     "false\n",
		   0644);
	RUN(&r, "piped input\n", "sh", "script", "first", "second");
	assert_string_equal(r.out, "name script, 2 arguments: first second\npiped input\n");
	assert_int_equal(r.status, 1);
	result_free(&r);
	/* An executable file that is not ELF and has no #! runs as a script of this shell. */
	write_file("plain", "echo plain script $1\n", 0755);
	sh(&r, "./plain arg");
	assert_string_equal(r.out, "plain script arg\n");
	result_free(&r);
	write_file("broken", "echo one\n\nnosuch\necho 'unterminated\necho last $?\n", 0644);
	RUN(&r, NULL, "sh", "broken");
	assert_string_equal(r.out, "one\nlast 2\n");
	assert_string_equal(r.err, "sh: broken: line 3: nosuch: command not found\n"
				   "sh: broken: line 4: unterminated quote\n");
	result_free(&r);
	RUN(&r, NULL, "sh", "nosuchscript");
	assert_int_equal(r.status, 127);
	assert_string_equal(r.err, "sh: nosuchscript: No such file or directory\n");
	result_free(&r);
}

static void test_sh_commands_on_stdin(void **state)
{
	struct result r;

	/* The shell reads one byte at a time: cat must get exactly the line after its own. */
	RUN(&r, "echo first\ncat\nthis line is cat's\n", "sh");
	assert_string_equal(r.out, "first\nthis line is cat's\n");
	result_free(&r);
	/* A line longer than the shell's buffer is refused whole, never run in part. */
	static char input[8192];

	strcpy(input, "echo ");
	memset(input + 5, 'x', 5000);
	strcpy(input + 5005, "\necho after $?\n");
	RUN(&r, input, "sh");
	assert_string_equal(r.out, "after 2\n");
	assert_string_equal(r.err, "sh: line too long (more than 4095 bytes): not run\n");
	result_free(&r);
	RUN(&r, "echo a\nexit 4\necho never\n", "sh");
	assert_string_equal(r.out, "a\n");
	assert_int_equal(r.status, 4);
	result_free(&r);
}

static void test_sh_cd_pwd(void **state)
{
	struct result r;
	char want[PATH_MAX + 8];

	sh(&r, "pwd; cd /; pwd; cd /nonexistent; echo $?");
	snprintf(want, sizeof(want), "%s\n/\n1\n", tmp_dir);
	assert_string_equal(r.out, want);
	assert_string_equal(r.err, "sh: cd: /nonexistent: No such file or directory\n");
	result_free(&r);
}

static void test_sh_line_editor(void **state)
{
	struct result r;

	RUN(&r, "echo hi\n", "sh", "-i");
	assert_string_equal(r.out, "$ echo hi\nhi\n$ \n");
	result_free(&r);
	RUN(&r, "echo hx\x7fi\n", "sh", "-i"); /* backspace */
	assert_string_equal(r.out, "$ echo hx\b \bi\nhi\n$ \n");
	result_free(&r);
	RUN(&r, "echo one\n\x1b[A\n", "sh", "-i"); /* up arrow: the last line again */
	assert_string_equal(r.out, "$ echo one\none\n$ echo one\none\n$ \n");
	result_free(&r);
	RUN(&r, "echo ac\x1b[Db\n", "sh", "-i"); /* left arrow, then insert */
	assert_string_equal(r.out, "$ echo ac\bbc\bc\nabc\n$ \n");
	result_free(&r);
	RUN(&r, "abc\x03" "echo after\n", "sh", "-i"); /* Ctrl-C drops the line */
	assert_string_equal(r.out, "$ abc^C\n$ echo after\nafter\n$ \n");
	result_free(&r);
	RUN(&r, "echo a\r\necho b\r\x04", "sh", "-i"); /* \r\n is one Enter; Ctrl-D ends */
	assert_string_equal(r.out, "$ echo a\na\n$ echo b\nb\n$ \n");
	result_free(&r);
	RUN(&r, "false\nxyz\x15true\n\x1b[A\x1b[A\x1b[B\x1b[B\n", "sh", "-i"); /* Ctrl-U */
	assert_non_null(strstr(r.out, "$ false\n$ xyz\b\b\b   \b\b\btrue\n$ "));
	assert_int_equal(r.status, 0);
	result_free(&r);
}

/* --- the tools -------------------------------------------------------------------------------- */

static void test_echo_true_false(void **state)
{
	struct result r;

	RUN(&r, NULL, "echo", "-n", "a", "b");
	assert_string_equal(r.out, "a b");
	result_free(&r);
	RUN(&r, NULL, "echo");
	assert_string_equal(r.out, "\n");
	result_free(&r);
	RUN(&r, NULL, "true");
	assert_int_equal(r.status, 0);
	result_free(&r);
	RUN(&r, NULL, "false");
	assert_int_equal(r.status, 1);
	result_free(&r);
}

static void test_cat(void **state)
{
	struct result r;

	write_file("a", "file a\n", 0644);
	write_file("b", "file b\n", 0644);
	RUN(&r, "from stdin\n", "cat", "a", "-", "b");
	assert_string_equal(r.out, "file a\nfrom stdin\nfile b\n");
	assert_int_equal(r.status, 0);
	result_free(&r);
	RUN(&r, NULL, "cat", "a", "missing", "b");
	assert_string_equal(r.out, "file a\nfile b\n");
	assert_string_equal(r.err, "cat: missing: No such file or directory\n");
	assert_int_equal(r.status, 1);
	result_free(&r);
	RUN(&r, NULL, "cat", ".");
	assert_string_equal(r.err, "cat: .: Is a directory\n");
	result_free(&r);
}

static void test_ls(void **state)
{
	struct result r;
	char dir[PATH_MAX + 8];

	snprintf(dir, sizeof(dir), "%s/d", tmp_dir);
	assert_int_equal(mkdir(dir, 0755), 0);
	write_file("d/beta", "12345", 0644);
	write_file("d/alpha", "", 0755);
	write_file("d/.hidden", "x", 0600);
	assert_int_equal(mkdir(strcat(dir, "/gamma"), 0700), 0);
	RUN(&r, NULL, "ls", "d");
	assert_string_equal(r.out, "alpha\nbeta\ngamma\n");
	result_free(&r);
	RUN(&r, NULL, "ls", "-a", "d");
	assert_string_equal(r.out, ".\n..\n.hidden\nalpha\nbeta\ngamma\n");
	result_free(&r);
	RUN(&r, NULL, "ls", "-l", "d");
	assert_non_null(strstr(r.out, "-rwxr-xr-x        0 alpha\n"));
	assert_non_null(strstr(r.out, "-rw-r--r--        5 beta\n"));
	assert_non_null(strstr(r.out, "drwx------ "));
	result_free(&r);
	RUN(&r, NULL, "ls", "d/beta", "nothere");
	assert_string_equal(r.out, "d/beta\n");
	assert_string_equal(r.err, "ls: nothere: No such file or directory\n");
	assert_int_equal(r.status, 1);
	result_free(&r);
}

static void test_uname(void **state)
{
	struct utsname u;
	struct result r;
	char want[sizeof(u) + 8];

	assert_int_equal(uname(&u), 0);
	RUN(&r, NULL, "uname");
	snprintf(want, sizeof(want), "%s\n", u.sysname);
	assert_string_equal(r.out, want);
	result_free(&r);
	RUN(&r, NULL, "uname", "-a");
	snprintf(want, sizeof(want), "%s %s %s %s %s\n", u.sysname, u.nodename, u.release,
		 u.version, u.machine);
	assert_string_equal(r.out, want);
	result_free(&r);
	RUN(&r, NULL, "uname", "-rm");
	snprintf(want, sizeof(want), "%s %s\n", u.release, u.machine);
	assert_string_equal(r.out, want);
	result_free(&r);
	RUN(&r, NULL, "uname", "-x");
	assert_int_equal(r.status, 2);
	result_free(&r);
}

static void test_ps_dmesg(void **state)
{
	struct result r;

	write_file("ps", "1 0 S 12 0 init\n7 1 R 1500 1000 sh\nnot a process line\n", 0644);
	RUN(&r, NULL, "ps", "-f", "ps");
	assert_string_equal(r.out, "  PID  PPID S   UID     TIME CMD\n"
				   "    1     0 S     0    0.012 init\n"
				   "    7     1 R  1000    1.500 sh\n"
				   "not a process line\n");
	result_free(&r);
	RUN(&r, NULL, "ps", "-f", "nothere");
	assert_string_equal(r.err, "ps: nothere: No such file or directory\n");
	assert_int_equal(r.status, 1);
	result_free(&r);
	write_file("log", "[    0.000000] glass\n[    0.100000] second line\n", 0644);
	RUN(&r, NULL, "dmesg", "-f", "log");
	assert_string_equal(r.out, "[    0.000000] glass\n[    0.100000] second line\n");
	result_free(&r);
	RUN(&r, NULL, "dmesg", "-f", "nothere");
	assert_int_equal(r.status, 1);
	result_free(&r);
}

static void test_kill_sleep(void **state)
{
	struct result r;

	sh(&r, "sleep 10 & kill -s KILL $!; wait $!; echo $?; sleep 10 & kill -9 $!; wait $!; "
	       "echo $?; sleep 10 & kill -INT $!; wait $!; echo $?; sleep 10 & kill $!; wait $!; "
	       "echo $?");
	assert_string_equal(r.out, "137\n137\n130\n143\n");
	result_free(&r);
	RUN(&r, NULL, "kill", "-l");
	assert_non_null(strstr(r.out, " 9) SIGKILL\n"));
	assert_non_null(strstr(r.out, "15) SIGTERM\n"));
	result_free(&r);
	RUN(&r, NULL, "kill", "-NOPE", "1");
	assert_int_equal(r.status, 2);
	assert_string_equal(r.err, "kill: NOPE: invalid signal\n");
	result_free(&r);
	RUN(&r, NULL, "kill", "-0", "2000000000");
	assert_int_equal(r.status, 1);
	assert_string_equal(r.err, "kill: (2000000000): No such process\n");
	result_free(&r);
	RUN(&r, NULL, "sleep", "0.05");
	assert_int_equal(r.status, 0);
	result_free(&r);
	RUN(&r, NULL, "sleep", "1.x");
	assert_int_equal(r.status, 1);
	assert_string_equal(r.err, "sleep: invalid time interval '1.x'\n");
	result_free(&r);
	RUN(&r, NULL, "sleep");
	assert_int_equal(r.status, 2);
	result_free(&r);
}

static void test_crash(void **state)
{
	static const struct {
		const char *kind;
		int status;
	} kinds[] = {
		{ "null", 128 + SIGSEGV }, { "kread", 128 + SIGSEGV }, { "kwrite", 128 + SIGSEGV },
		{ "exec", 128 + SIGSEGV }, { "ud2", 128 + SIGILL },    { "div0", 128 + SIGFPE },
		{ "stack", 128 + SIGSEGV }, { "abort", 128 + SIGABRT },
	};
	struct result r;

	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		RUN(&r, NULL, "crash", (char *)kinds[i].kind);
		assert_int_equal(r.status, kinds[i].status);
		assert_null(strstr(r.out, "survived"));
		result_free(&r);
	}
}

static void test_sysfuzz_harmless(void **state)
{
	struct result r1, r2;

	RUN(&r1, NULL, "sysfuzz", "-H", "-n", "5000", "-s", "42");
	RUN(&r2, NULL, "sysfuzz", "-H", "-n", "5000", "-s", "42");
	assert_int_equal(r1.status, 0);
	assert_non_null(strstr(r1.out, "sysfuzz: seed 42, 5000 calls, harmless mode\n"));
	assert_non_null(strstr(r1.out, "survived\n"));
	assert_string_equal(r1.out, r2.out); /* the same seed, the same run */
	result_free(&r1);
	result_free(&r2);
	RUN(&r1, NULL, "sysfuzz", "-n", "10");
	assert_int_equal(r1.status, 1);
	assert_string_equal(r1.err, "sysfuzz: this is not glass: use -H for the harmless mode\n");
	result_free(&r1);
}

/* --- setup ------------------------------------------------------------------------------------ */

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	return remove(path);
}

static int make_tmp_dir(void **state)
{
	snprintf(tmp_dir, sizeof(tmp_dir), "/tmp/glass_test_user.XXXXXX");
	return mkdtemp(tmp_dir) ? 0 : -1;
}

static int remove_tmp_dir(void **state)
{
	return nftw(tmp_dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* build/host/test_user -> build/user/bin */
static int find_programs(void)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	char *slash;

	if (n < 0)
		return -1;
	exe[n] = '\0';
	for (int i = 0; i < 2; i++) {
		slash = strrchr(exe, '/');
		if (!slash)
			return -1;
		*slash = '\0';
	}
	snprintf(bin_dir, sizeof(bin_dir), "%s/user/bin", exe);
	if (access(bin_dir, X_OK) < 0) {
		fprintf(stderr, "test_user: %s: %s (make host builds it)\n", bin_dir,
			strerror(errno));
		return -1;
	}
	return 0;
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, make_tmp_dir, remove_tmp_dir)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_printf_snprintf),   T(test_printf_streams),
		T(test_strtol),            T(test_getopt),
		T(test_getopt_messages),   T(test_strerror),
		T(test_string_functions),  T(test_malloc_stress),
		T(test_malloc_out_of_memory), T(test_stdio_files),
		T(test_stdio_buffering),   T(test_stdin_fgets),
		T(test_crt0_arguments),    T(test_sh_pipes),
		T(test_sh_redirection),    T(test_sh_status),
		T(test_sh_lists),          T(test_sh_background),
		T(test_sh_quoting_and_variables), T(test_sh_script_file),
		T(test_sh_commands_on_stdin), T(test_sh_cd_pwd),
		T(test_sh_line_editor),    T(test_echo_true_false),
		T(test_cat),               T(test_ls),
		T(test_uname),             T(test_ps_dmesg),
		T(test_kill_sleep),        T(test_crash),
		T(test_sysfuzz_harmless),
	};

	if (find_programs() < 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
