/*
 * lib/strerror.c - names and messages of errors and signals.
 *
 * One table per kind, indexed by number; the messages are the usual Linux ones, so what a glass
 * tool prints reads like what its Linux counterpart would. Read next: stdlib.c.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

struct err_text {
	const char *name;
	const char *msg;
};

#define E(num, text) [num] = { #num, text }
static const struct err_text errors[] = {
	[0] = { "0", "Success" },
	E(EPERM, "Operation not permitted"),
	E(ENOENT, "No such file or directory"),
	E(ESRCH, "No such process"),
	E(EINTR, "Interrupted system call"),
	E(EIO, "Input/output error"),
	E(ENXIO, "No such device or address"),
	E(E2BIG, "Argument list too long"),
	E(ENOEXEC, "Exec format error"),
	E(EBADF, "Bad file descriptor"),
	E(ECHILD, "No child processes"),
	E(EAGAIN, "Resource temporarily unavailable"),
	E(ENOMEM, "Cannot allocate memory"),
	E(EACCES, "Permission denied"),
	E(EFAULT, "Bad address"),
	E(ENOTBLK, "Block device required"),
	E(EBUSY, "Device or resource busy"),
	E(EEXIST, "File exists"),
	E(EXDEV, "Invalid cross-device link"),
	E(ENODEV, "No such device"),
	E(ENOTDIR, "Not a directory"),
	E(EISDIR, "Is a directory"),
	E(EINVAL, "Invalid argument"),
	E(ENFILE, "Too many open files in system"),
	E(EMFILE, "Too many open files"),
	E(ENOTTY, "Inappropriate ioctl for device"),
	E(ETXTBSY, "Text file busy"),
	E(EFBIG, "File too large"),
	E(ENOSPC, "No space left on device"),
	E(ESPIPE, "Illegal seek"),
	E(EROFS, "Read-only file system"),
	E(EMLINK, "Too many links"),
	E(EPIPE, "Broken pipe"),
	E(EDOM, "Numerical argument out of domain"),
	E(ERANGE, "Numerical result out of range"),
	E(EDEADLK, "Resource deadlock avoided"),
	E(ENAMETOOLONG, "File name too long"),
	E(ENOLCK, "No locks available"),
	E(ENOSYS, "Function not implemented"),
	E(ENOTEMPTY, "Directory not empty"),
	E(ELOOP, "Too many levels of symbolic links"),
	E(ENOMSG, "No message of desired type"),
	E(ENODATA, "No data available"),
	E(EOVERFLOW, "Value too large for defined data type"),
	E(EILSEQ, "Invalid or incomplete multibyte or wide character"),
	E(EOPNOTSUPP, "Operation not supported"),
	E(ETIMEDOUT, "Connection timed out"),
};

/* 524 is a kernel-internal number that bpf() returns; it would make the table sparse. */
static const struct err_text enotsupp = { "ENOTSUPP", "Not supported" };

static const struct err_text *lookup(int err)
{
	if (err == ENOTSUPP)
		return &enotsupp;
	if (err >= 0 && (size_t)err < ARRAY_SIZE(errors) && errors[err].name)
		return &errors[err];
	return NULL;
}

char *strerror(int err)
{
	static char unknown[32];
	const struct err_text *t = lookup(err);

	if (t)
		return (char *)t->msg;
	snprintf(unknown, sizeof(unknown), "Unknown error %d", err);
	return unknown;
}

const char *strerrorname_np(int err)
{
	const struct err_text *t = lookup(err);

	return t && err ? t->name : NULL;
}

static const char *const signals[] = {
	[SIGHUP] = "HUP",   [SIGINT] = "INT",       [SIGQUIT] = "QUIT",     [SIGILL] = "ILL",
	[SIGTRAP] = "TRAP", [SIGABRT] = "ABRT",     [SIGBUS] = "BUS",       [SIGFPE] = "FPE",
	[SIGKILL] = "KILL", [SIGUSR1] = "USR1",     [SIGSEGV] = "SEGV",     [SIGUSR2] = "USR2",
	[SIGPIPE] = "PIPE", [SIGALRM] = "ALRM",     [SIGTERM] = "TERM",     [SIGSTKFLT] = "STKFLT",
	[SIGCHLD] = "CHLD", [SIGCONT] = "CONT",     [SIGSTOP] = "STOP",     [SIGTSTP] = "TSTP",
	[SIGTTIN] = "TTIN", [SIGTTOU] = "TTOU",     [SIGURG] = "URG",       [SIGXCPU] = "XCPU",
	[SIGXFSZ] = "XFSZ", [SIGVTALRM] = "VTALRM", [SIGPROF] = "PROF",     [SIGWINCH] = "WINCH",
	[SIGIO] = "IO",     [SIGPWR] = "PWR",       [SIGSYS] = "SYS",
};

const char *sig_name(int sig)
{
	if (sig > 0 && (size_t)sig < ARRAY_SIZE(signals))
		return signals[sig];
	return NULL;
}

int sig_number(const char *name)
{
	size_t i;

	if (!strncmp(name, "SIG", 3))
		name += 3;
	for (i = 1; i < ARRAY_SIZE(signals); i++)
		if (signals[i] && !strcmp(signals[i], name))
			return (int)i;
	return 0;
}
