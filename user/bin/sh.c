/*
 * bin/sh.c - the shell: reads command lines, runs programs, connects them with pipes.
 *
 *	sh [-i] [-c command [name [arg...]]] [script [arg...]]
 *
 * With no script and no -c it reads commands from standard input; when that is a terminal (a
 * character device) or with -i, it prompts with "$ " and edits lines itself (lib/lineedit.c).
 * The language, a small subset of POSIX sh:
 *
 *	list        pipeline { ; | & | && | || pipeline }      newline works as ;
 *	pipeline    command { | command }
 *	command     [NAME=value...] word... with redirections anywhere among the words:
 *	            < file   > file   >> file   n> file   n>> file   n< file   n>&m   >&m
 *	words       'single quotes' keep everything; "double quotes" expand $; \c quotes c
 *	expansions  $? (last status) $$ (the shell's pid) $! (last background pid) $# $0..$9
 *	            $NAME ${NAME} (the environment); an expansion is never split into words
 *	comments    # to the end of the line, at the start of a word
 *	built-ins   cd [dir], pwd, exit [n], wait [pid], NAME=value (sets an environment variable)
 *
 * Programs are looked up in $PATH (default /bin) unless the name has a '/'. A command that
 * cannot be found prints "sh: name: command not found" and has status 127; one found but not
 * runnable has 126; one killed by signal N has 128+N. A file that is not an executable but is
 * readable runs as a script of this shell. A command ending in & runs in the background; the
 * shell reaps it later (its status is kept for `wait`). Built-ins run in the shell itself unless
 * they are part of a pipeline, in the background or redirected: then they run in a child.
 *
 * The flow for one line: tokenize (cut into words and operators) -> run_list, which checks the
 * syntax and cuts the tokens into pipelines -> parse_command (expands each word just before its
 * command runs) -> run_pipeline: pipe, fork, dup2, execve, wait4.
 *
 * Past 800 lines, in one file because each program of user/bin is one source file (user.mk
 * builds one executable per file); the sections marked "---" are its chapters.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <lineedit.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

#define LINE_MAX 4096
#define ARENA_SIZE 32768 /* the words of one line, and of one pipeline after expansion */
#define MAX_TOKENS 512
#define MAX_ARGS 64
#define MAX_ASSIGN 16
#define MAX_REDIRS 8
#define MAX_PIPE 16
#define MAX_JOBS 32

enum token_type { T_WORD, T_PIPE, T_SEMI, T_AMP, T_AND, T_OR, T_REDIR, T_END };
enum redir_kind { R_IN, R_OUT, R_APPEND, R_DUP };

struct token {
	enum token_type type;
	char *text;           /* T_WORD: the word as written, quotes included */
	enum redir_kind kind; /* T_REDIR */
	int fd;               /* T_REDIR: the descriptor it sets up */
};

struct redir {
	enum redir_kind kind;
	int fd;
	char *target; /* a file name, or for R_DUP the descriptor to copy, in digits */
};

struct command {
	char *argv[MAX_ARGS + 1];
	int argc;
	char *assign[MAX_ASSIGN];
	int nassign;
	struct redir redirs[MAX_REDIRS];
	int nredirs;
};

struct job {
	int pid;
	int status; /* -1 while it runs */
};

static int interactive;
static int last_status;
static int last_bg_pid;
static char **params; /* $0, $1, ... */
static int nparams;
static const char *shell_path = "/bin/sh"; /* to run scripts that are not executables */
static struct job jobs[MAX_JOBS];
static const char *script_name; /* errors in a script file name it and the line */
static int line_no;

/* A line's tokens keep their words as written (quotes included) in raw[]; a command's words
 * are expanded into words[] just before it runs, so `false; echo $?` prints 1. */
static char raw[ARENA_SIZE], words[ARENA_SIZE];
static size_t raw_len, words_len;
static struct token tokens[MAX_TOKENS];
static int ntokens;

static void error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void error(const char *fmt, ...)
{
	va_list ap;

	fputs("sh: ", stderr);
	if (script_name)
		fprintf(stderr, "%s: line %d: ", script_name, line_no);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* --- cutting a line into tokens --------------------------------------------------------------- */

static struct token *new_token(enum token_type type)
{
	if (ntokens == MAX_TOKENS - 1) {
		error("too many words");
		return NULL;
	}
	tokens[ntokens].type = type;
	return &tokens[ntokens++];
}

/* A redirection operator at *pp, with its optional descriptor number (2>); 1 if found. */
static int scan_redir(const char **pp, struct token **t)
{
	const char *p = *pp;
	int fd = -1;

	if (isdigit((unsigned char)p[0]) && (p[1] == '<' || p[1] == '>'))
		fd = *p++ - '0';
	if (*p != '<' && *p != '>')
		return 0;
	*t = new_token(T_REDIR);
	if (!*t)
		return 1;
	(*t)->kind = *p == '<' ? R_IN : R_OUT;
	(*t)->fd = fd >= 0 ? fd : *p == '<' ? 0 : 1;
	if (p[0] == '>' && p[1] == '>') {
		(*t)->kind = R_APPEND;
		p++;
	} else if (p[1] == '&') {
		(*t)->kind = R_DUP;
		p++;
	}
	*pp = p + 1;
	return 1;
}

/* One word as written, up to an unquoted blank or operator, copied into raw[]. */
static struct token *scan_word(const char **pp)
{
	const char *p = *pp, *from = p, *q;
	struct token *t;

	while (*p && !strchr(" \t\r\n|&;<>", *p)) {
		if (*p == '\'' || *p == '"') {
			for (q = p + 1; *q && *q != *p; q++)
				if (*p == '"' && *q == '\\' && q[1])
					q++;
			if (!*q) {
				error("unterminated quote");
				return NULL;
			}
			p = q + 1;
		} else {
			p += *p == '\\' && p[1] ? 2 : 1;
		}
	}
	if (raw_len + (p - from) + 1 > sizeof(raw)) {
		error("line too long");
		return NULL;
	}
	t = new_token(T_WORD);
	if (!t)
		return NULL;
	t->text = memcpy(raw + raw_len, from, p - from);
	raw_len += p - from;
	raw[raw_len++] = '\0';
	*pp = p;
	return t;
}

/* Cut a line into tokens; 0, or -1 after printing why not. */
static int tokenize(const char *p)
{
	enum token_type type;
	struct token *t;

	raw_len = 0;
	ntokens = 0;
	while (*p) {
		if (*p == ' ' || *p == '\t' || *p == '\r') {
			p++;
		} else if (*p == '#') { /* a comment: words never start here, they are cut below */
			while (*p && *p != '\n')
				p++;
		} else if (*p == '\n') { /* ends a command, unless there is nothing to end */
			p++;
			if (ntokens && tokens[ntokens - 1].type == T_WORD && !new_token(T_SEMI))
				return -1;
		} else if (scan_redir(&p, &t)) {
			if (!t)
				return -1;
		} else if (strchr("|&;", *p)) {
			if (p[0] != ';' && p[1] == p[0]) {
				type = *p == '|' ? T_OR : T_AND;
				p++;
			} else {
				type = *p == '|' ? T_PIPE : *p == '&' ? T_AMP : T_SEMI;
			}
			p++;
			if (!new_token(type))
				return -1;
		} else if (!scan_word(&p)) {
			return -1;
		}
	}
	tokens[ntokens].type = T_END;
	return 0;
}

/* --- expanding a word ------------------------------------------------------------------------- */

struct expander {
	const char *p;
	char *word;  /* the word being built, in words[] */
	int started; /* a word has begun (even an empty quoted one: '') */
	int plain;   /* no quotes, escapes or expansions: NAME=value may assign */
	int failed;
};

/* A word starts at the first character or quote that belongs to it ('' is an empty word). */
static void begin_word(struct expander *x)
{
	if (!x->started) {
		x->word = words + words_len;
		words[words_len] = '\0';
		x->started = 1;
	}
}

static void add_char(struct expander *x, char c)
{
	if (words_len + 2 >= sizeof(words)) {
		if (!x->failed)
			error("command too long");
		x->failed = 1;
		return;
	}
	begin_word(x);
	words[words_len++] = c;
	words[words_len] = '\0';
}

static void add_str(struct expander *x, const char *s)
{
	while (*s)
		add_char(x, *s++);
}

/* After '$': a parameter's value; an empty one outside quotes adds no word. */
static void expand_param(struct expander *x)
{
	char name[64], num[24];
	const char *value = NULL;
	size_t n = 0;
	int braces = *x->p == '{';

	x->p += braces;
	if (*x->p && strchr("?$!#", *x->p)) {
		char c = *x->p++;
		int v = c == '?' ? last_status : c == '!' ? last_bg_pid : nparams - 1;

		snprintf(num, sizeof(num), "%d", c == '$' ? getpid() : v);
		value = num;
	} else if (isdigit((unsigned char)*x->p)) {
		int i = *x->p++ - '0';

		value = i < nparams ? params[i] : "";
	} else {
		while ((isalnum((unsigned char)*x->p) || *x->p == '_') && n < sizeof(name) - 1)
			name[n++] = *x->p++;
		name[n] = '\0';
		if (!n && !braces) {
			add_char(x, '$'); /* a lone $ is itself */
			return;
		}
		value = getenv(name);
	}
	if (braces) {
		if (*x->p != '}') {
			error("bad substitution");
			x->failed = 1;
			return;
		}
		x->p++;
	}
	x->plain = 0;
	if (value)
		add_str(x, value);
}

/* The expanded word, or NULL when it vanished (an empty expansion); -1 in *failed on error. */
static char *expand_word(const char *rawword, int *plain, int *failed)
{
	struct expander x = { rawword, NULL, 0, 1, 0 };
	char q;

	while (*x.p && !x.failed) {
		if (*x.p == '\'' || *x.p == '"') {
			q = *x.p++;
			x.plain = 0;
			begin_word(&x);
			for (; *x.p != q; x.p++) { /* the scanner made sure the quote is closed */
				if (q == '"' && *x.p == '$') {
					x.p++;
					expand_param(&x);
					x.p--;
				} else if (q == '"' && *x.p == '\\' && strchr("\"\\$`", x.p[1])) {
					add_char(&x, *++x.p);
				} else {
					add_char(&x, *x.p);
				}
			}
			x.p++;
		} else if (*x.p == '\\' && x.p[1]) {
			x.plain = 0;
			add_char(&x, x.p[1]);
			x.p += 2;
		} else if (*x.p == '$') {
			x.p++;
			expand_param(&x);
		} else {
			add_char(&x, *x.p++);
		}
	}
	*failed = x.failed;
	*plain = x.plain;
	if (x.failed || !x.started)
		return NULL;
	words_len++; /* keep the terminating NUL */
	return x.word;
}

/* --- built-ins -------------------------------------------------------------------------------- */

static struct job *find_job(int pid)
{
	for (int i = 0; i < MAX_JOBS; i++)
		if (jobs[i].pid == pid)
			return &jobs[i];
	return NULL;
}

static int decode_status(int st, const char *name)
{
	int sig;

	if (WIFEXITED(st))
		return WEXITSTATUS(st);
	sig = WTERMSIG(st);
	if (sig != SIGINT && sig != SIGPIPE && name)
		error("%s: killed by signal %d (%s)", name, sig,
		      sig_name(sig) ? sig_name(sig) : "?");
	return 128 + sig;
}

/* Collect finished background jobs without waiting; print them when interactive. */
static void reap_jobs(void)
{
	struct job *j;
	int pid, st;

	while ((pid = wait4(-1, &st, WNOHANG, NULL)) > 0) {
		j = find_job(pid);
		if (!j)
			continue;
		j->status = decode_status(st, NULL);
		if (interactive)
			fprintf(stderr, "[%d] done, status %d\n", pid, j->status);
	}
}

static int builtin_wait(int argc, char **argv)
{
	struct job *j;
	int pid, st, status = 0, i;

	if (argc < 2) {
		for (i = 0; i < MAX_JOBS; i++) {
			if (jobs[i].pid && jobs[i].status < 0 &&
			    wait4(jobs[i].pid, &st, 0, NULL) > 0)
				decode_status(st, NULL);
			jobs[i].pid = 0;
		}
		return 0;
	}
	for (i = 1; i < argc; i++) {
		pid = atoi(argv[i]);
		j = find_job(pid);
		if (j && j->status >= 0) {
			status = j->status;
		} else if (pid > 0 && wait4(pid, &st, 0, NULL) == pid) {
			status = decode_status(st, NULL);
		} else {
			error("wait: pid %s is not a child of this shell", argv[i]);
			status = 127;
		}
		if (j)
			j->pid = 0;
	}
	return status;
}

static int builtin(int argc, char **argv)
{
	char cwd[LINE_MAX];

	if (!strcmp(argv[0], "exit")) {
		exit(argc > 1 ? atoi(argv[1]) & 0xff : last_status);
	} else if (!strcmp(argv[0], "cd")) {
		const char *dir = argc > 1 ? argv[1] : getenv("HOME") ? getenv("HOME") : "/";

		if (chdir(dir) < 0) {
			error("cd: %s: %s", dir, strerror(errno));
			return 1;
		}
		return 0;
	} else if (!strcmp(argv[0], "pwd")) {
		if (!getcwd(cwd, sizeof(cwd))) {
			error("pwd: %s", strerror(errno));
			return 1;
		}
		printf("%s\n", cwd);
		fflush(stdout);
		return 0;
	} else if (!strcmp(argv[0], "wait")) {
		return builtin_wait(argc, argv);
	}
	return -1;
}

static int is_builtin(const char *name)
{
	return !strcmp(name, "exit") || !strcmp(name, "cd") || !strcmp(name, "pwd") ||
	       !strcmp(name, "wait");
}

/* --- running commands ------------------------------------------------------------------------- */

static const int open_flags[] = {
	[R_IN] = O_RDONLY,
	[R_OUT] = O_WRONLY | O_CREAT | O_TRUNC,
	[R_APPEND] = O_WRONLY | O_CREAT | O_APPEND,
};

static int apply_redirs(struct command *c)
{
	struct redir *r;
	int i, fd;

	for (i = 0; i < c->nredirs; i++) {
		r = &c->redirs[i];
		if (r->kind == R_DUP) {
			fd = atoi(r->target);
			if (!isdigit((unsigned char)r->target[0]) || dup2(fd, r->fd) < 0) {
				error("%s: bad file descriptor", r->target);
				return -1;
			}
			continue;
		}
		fd = open(r->target, open_flags[r->kind], 0644);
		if (fd < 0) {
			error("%s: %s", r->target, strerror(errno));
			return -1;
		}
		if (fd != r->fd) {
			dup2(fd, r->fd);
			close(fd);
		}
	}
	return 0;
}

/* execve, and if the file is not an executable, run it as a script of this shell. */
static void try_exec(const char *path, char **argv)
{
	char *script_argv[MAX_ARGS + 2];
	int i;

	execve(path, argv, environ);
	if (errno != ENOEXEC)
		return;
	script_argv[0] = "sh";
	script_argv[1] = (char *)path;
	for (i = 1; argv[i] && i < MAX_ARGS; i++)
		script_argv[i + 1] = argv[i];
	script_argv[i + 1] = NULL;
	execve(shell_path, script_argv, environ);
	errno = ENOEXEC;
}

/* In the child: find the program and run it. Never returns. */
static void exec_command(struct command *c)
{
	const char *path = getenv("PATH"), *dir, *end;
	char full[LINE_MAX];
	int err = ENOENT, status, i;

	for (i = 0; i < c->nassign; i++) {
		char *eq = strchr(c->assign[i], '=');

		*eq = '\0';
		setenv(c->assign[i], eq + 1, 1);
	}
	if (apply_redirs(c) < 0)
		_exit(1);
	if (c->argc == 0)
		_exit(0);
	if (is_builtin(c->argv[0])) {
		status = builtin(c->argc, c->argv);
		exit(status);
	}
	if (strchr(c->argv[0], '/')) {
		try_exec(c->argv[0], c->argv);
		err = errno;
	} else {
		for (dir = path ? path : "/bin"; *dir; dir = *end ? end + 1 : end) {
			end = strchr(dir, ':');
			if (!end)
				end = dir + strlen(dir);
			snprintf(full, sizeof(full), "%.*s/%s", (int)(end - dir), dir, c->argv[0]);
			try_exec(full, c->argv);
			if (errno != ENOENT && errno != ENOTDIR)
				err = errno;
		}
	}
	if (err == ENOENT && !strchr(c->argv[0], '/')) {
		error("%s: command not found", c->argv[0]);
		_exit(127);
	}
	error("%s: %s", c->argv[0], strerror(err));
	_exit(err == ENOENT ? 127 : 126);
}

static int wait_for(int pid, const char *name)
{
	int st;

	for (;;) {
		if (wait4(pid, &st, 0, NULL) == pid)
			return decode_status(st, name);
		if (errno != EINTR)
			return 127;
	}
}

static void add_job(int pid)
{
	struct job *j = find_job(0);

	if (!j) { /* the table is full: forget the oldest finished job */
		for (int i = 0; i < MAX_JOBS && !j; i++)
			if (jobs[i].status >= 0)
				j = &jobs[i];
	}
	if (j) {
		j->pid = pid;
		j->status = -1;
	}
}

static int run_pipeline(struct command *cmds, int n, int background)
{
	int pids[MAX_PIPE], fds[2], prev_read = -1, status = 0, i;

	if (n == 1 && !background && !cmds[0].nredirs) {
		struct command *c = &cmds[0];

		if (c->argc == 0) { /* NAME=value: set it in the shell */
			for (i = 0; i < c->nassign; i++) {
				char *eq = strchr(c->assign[i], '=');

				*eq = '\0';
				setenv(c->assign[i], eq + 1, 1);
			}
			return 0;
		}
		if (is_builtin(c->argv[0]) && !c->nassign)
			return builtin(c->argc, c->argv);
	}
	fflush(NULL); /* nothing buffered may be written twice, by parent and child */
	for (i = 0; i < n; i++) {
		fds[0] = fds[1] = -1;
		if (i < n - 1 && pipe(fds) < 0) {
			error("pipe: %s", strerror(errno));
			break;
		}
		pids[i] = fork();
		if (pids[i] == 0) {
			if (prev_read >= 0) {
				dup2(prev_read, 0);
				close(prev_read);
			}
			if (fds[1] >= 0) {
				dup2(fds[1], 1);
				close(fds[1]);
				close(fds[0]);
			}
			exec_command(&cmds[i]);
		}
		if (prev_read >= 0)
			close(prev_read);
		if (fds[1] >= 0)
			close(fds[1]);
		prev_read = fds[0];
		if (pids[i] < 0) {
			error("fork: %s", strerror(errno));
			break;
		}
	}
	if (prev_read >= 0)
		close(prev_read);
	if (i < n) { /* something failed: collect what did start */
		while (i-- > 0)
			if (pids[i] > 0)
				wait_for(pids[i], NULL);
		return 1;
	}
	if (background) {
		last_bg_pid = pids[n - 1];
		for (i = 0; i < n; i++)
			add_job(pids[i]);
		if (interactive)
			fprintf(stderr, "[%d]\n", last_bg_pid);
		return 0;
	}
	for (i = 0; i < n; i++) {
		int st = wait_for(pids[i], cmds[i].argc ? cmds[i].argv[0] : NULL);

		if (i == n - 1)
			status = st;
	}
	return status;
}

static const char *const token_names[] = {
	[T_PIPE] = "|", [T_SEMI] = ";", [T_AMP] = "&", [T_AND] = "&&", [T_OR] = "||",
	[T_END] = "end of line",
};

/* Before anything runs: every operator has a command on its left, and on its right unless it
 * may end a line (; &); every redirection has a word. */
static int check_syntax(void)
{
	int empty = 1, i;

	for (i = 0; i < ntokens; i++) {
		if (tokens[i].type == T_WORD) {
			empty = 0;
		} else if (tokens[i].type == T_REDIR) {
			if (tokens[i + 1].type != T_WORD) {
				error("syntax error: a redirection needs a word after it");
				return -1;
			}
			empty = 0;
			i++;
		} else if (empty) {
			error("syntax error near '%s'", token_names[tokens[i].type]);
			return -1;
		} else {
			empty = 1;
		}
	}
	if (empty && ntokens && tokens[ntokens - 1].type != T_SEMI &&
	    tokens[ntokens - 1].type != T_AMP) {
		error("syntax error near '%s'", token_names[T_END]);
		return -1;
	}
	return 0;
}

/* Fill one command from tokens[*pos], expanding its words; stops at an operator. */
static int parse_command(int *pos, struct command *c)
{
	struct token *t;
	int plain, failed;
	char *w;

	c->argc = c->nassign = c->nredirs = 0;
	for (t = &tokens[*pos]; t->type == T_WORD || t->type == T_REDIR; t = &tokens[++*pos]) {
		if (t->type == T_REDIR) {
			++*pos;
			w = expand_word(t[1].text, &plain, &failed);
			if (failed)
				return -1;
			if (!w) {
				error("%s: ambiguous redirect", t[1].text);
				return -1;
			}
			if (c->nredirs == MAX_REDIRS) {
				error("too many redirections");
				return -1;
			}
			c->redirs[c->nredirs++] = (struct redir){ t->kind, t->fd, w };
			t++;
			continue;
		}
		w = expand_word(t->text, &plain, &failed);
		if (failed)
			return -1;
		if (!w)
			continue;
		if (c->argc == 0 && plain && w[0] != '=' && strchr(w, '=') &&
		    c->nassign < MAX_ASSIGN) {
			c->assign[c->nassign++] = w;
		} else if (c->argc == MAX_ARGS) {
			error("too many arguments");
			return -1;
		} else {
			c->argv[c->argc++] = w;
		}
	}
	c->argv[c->argc] = NULL;
	return 0;
}

/* Run the tokens of a line: pipelines joined by ; & && ||. */
static void run_list(void)
{
	static struct command cmds[MAX_PIPE];
	enum token_type after;
	int pos = 0, n, skip = 0;

	if (check_syntax() < 0) {
		last_status = 2;
		return;
	}
	while (tokens[pos].type != T_END) {
		words_len = 0;
		for (n = 0;; n++) {
			if (n == MAX_PIPE) {
				error("pipeline too long");
				last_status = 2;
				return;
			}
			if (parse_command(&pos, &cmds[n]) < 0) {
				last_status = 1;
				return;
			}
			if (tokens[pos].type != T_PIPE)
				break;
			pos++;
		}
		after = tokens[pos].type;
		if (after != T_END)
			pos++;
		if (!skip)
			last_status = run_pipeline(cmds, n + 1, after == T_AMP);
		skip = (after == T_AND && last_status != 0) || (after == T_OR && last_status == 0);
	}
}

static void run_line(const char *line)
{
	if (tokenize(line) < 0) {
		last_status = 2;
		return;
	}
	run_list();
}

/* --- input ------------------------------------------------------------------------------------ */

/* One line from fd, a byte at a time so that programs started from a script on standard input
 * find the rest of it where they expect; -1 at the end, -2 for a line longer than the buffer
 * (read to its end and dropped: running the start of it could do harm). */
static int read_line(int fd, char *buf, size_t size)
{
	size_t len = 0;
	int too_long = 0;
	char c = 0;

	for (;;) {
		ssize_t n = read(fd, &c, 1);

		if (n <= 0)
			break;
		if (c == '\n')
			break;
		if (len + 1 < size)
			buf[len++] = c;
		else
			too_long = 1;
	}
	buf[len] = '\0';
	if (too_long)
		return -2;
	return len || c == '\n' ? (int)len : -1;
}

static int run_file(int fd)
{
	static char line[LINE_MAX];
	int n;

	for (;;) {
		reap_jobs();
		if (interactive) {
			n = lineedit_read(fd, 1, "$ ", line, sizeof(line));
			if (n > 0)
				lineedit_history_add(line);
		} else {
			n = read_line(fd, line, sizeof(line));
		}
		line_no++;
		if (n == -2) {
			error("line too long (more than %d bytes): not run", LINE_MAX - 1);
			last_status = 2;
			continue;
		}
		if (n < 0)
			break;
		run_line(line);
	}
	return last_status;
}

int main(int argc, char **argv)
{
	const char *command = NULL;
	int force_interactive = 0, opt, fd;

	if (strchr(argv[0], '/'))
		shell_path = argv[0];
	while ((opt = getopt(argc, argv, "ic:")) != -1) {
		if (opt == 'i') {
			force_interactive = 1;
		} else if (opt == 'c') {
			command = optarg;
		} else {
			fprintf(stderr,
				"usage: sh [-i] [-c command [name [arg...]]] [script [arg...]]\n");
			return 2;
		}
	}
	params = argv + optind;
	nparams = argc - optind;
	if (command) {
		static char *name[] = { "sh", NULL };

		if (nparams == 0) {
			params = name;
			nparams = 1;
		}
		run_line(command);
		return last_status;
	}
	if (nparams > 0) {
		fd = open(params[0], O_RDONLY);
		if (fd < 0) {
			error("%s: %s", params[0], strerror(errno));
			return 127;
		}
		script_name = params[0];
		return run_file(fd);
	}
	params = argv;
	nparams = 1;
	interactive = force_interactive || isatty(0);
	return run_file(0);
}
