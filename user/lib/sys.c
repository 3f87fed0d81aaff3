/*
 * lib/sys.c - the system call wrappers.
 *
 * Each one is the `syscall` instruction (sys/syscall.h) with Linux's number, plus the libc
 * convention on the way out: a result in [-4095, -1] is -errno, so the wrapper stores errno and
 * returns -1. The list of calls is the one in user/README.md, which is what the kernel provides.
 * Read next: printf.c.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <time.h>
#include <unistd.h>
#include <dirent.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>

int errno;

static long ret(long r)
{
	if ((unsigned long)r >= -4095UL) {
		errno = (int)-r;
		return -1;
	}
	return r;
}

ssize_t read(int fd, void *buf, size_t n)
{
	return ret(__syscall3(__NR_read, fd, buf, n));
}

ssize_t write(int fd, const void *buf, size_t n)
{
	return ret(__syscall3(__NR_write, fd, buf, n));
}

int open(const char *path, int flags, ...)
{
	unsigned int mode = 0;
	va_list ap;

	if (flags & (O_CREAT | O_TMPFILE)) {
		va_start(ap, flags);
		mode = va_arg(ap, unsigned int);
		va_end(ap);
	}
	return ret(__syscall3(__NR_open, path, flags, mode));
}

int openat(int dirfd, const char *path, int flags, ...)
{
	unsigned int mode = 0;
	va_list ap;

	if (flags & (O_CREAT | O_TMPFILE)) {
		va_start(ap, flags);
		mode = va_arg(ap, unsigned int);
		va_end(ap);
	}
	return ret(__syscall4(__NR_openat, dirfd, path, flags, mode));
}

int close(int fd)
{
	return ret(__syscall1(__NR_close, fd));
}

int fstat(int fd, struct stat *st)
{
	return ret(__syscall2(__NR_fstat, fd, st));
}

off_t lseek(int fd, off_t off, int whence)
{
	return ret(__syscall3(__NR_lseek, fd, off, whence));
}

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
	return (void *)ret(__syscall6(__NR_mmap, (long)addr, len, prot, flags, fd, off));
}

int munmap(void *addr, size_t len)
{
	return ret(__syscall2(__NR_munmap, addr, len));
}

/* Linux's brk returns the new break, or the old one when it cannot move it. */
int brk(void *addr)
{
	long now = __syscall1(__NR_brk, addr);

	if (now != (long)addr) {
		errno = ENOMEM;
		return -1;
	}
	return 0;
}

void *sbrk(long increment)
{
	static long cur;
	long old;

	if (!cur)
		cur = __syscall1(__NR_brk, 0);
	old = cur;
	if (increment == 0)
		return (void *)old;
	if (brk((void *)(old + increment)) < 0)
		return (void *)-1;
	cur = old + increment;
	return (void *)old;
}

int pipe(int fds[2])
{
	return ret(__syscall1(__NR_pipe, fds));
}

int dup2(int oldfd, int newfd)
{
	return ret(__syscall2(__NR_dup2, oldfd, newfd));
}

int nanosleep(const struct timespec *req, struct timespec *rem)
{
	return ret(__syscall2(__NR_nanosleep, req, rem));
}

unsigned int sleep(unsigned int seconds)
{
	struct timespec ts = { seconds, 0 };

	return nanosleep(&ts, &ts) < 0 ? (unsigned int)ts.tv_sec : 0;
}

pid_t getpid(void)
{
	return __syscall0(__NR_getpid);
}

pid_t getppid(void)
{
	return __syscall0(__NR_getppid);
}

uid_t getuid(void)
{
	return __syscall0(__NR_getuid);
}

int setuid(uid_t uid)
{
	return ret(__syscall1(__NR_setuid, uid));
}

pid_t fork(void)
{
	return ret(__syscall0(__NR_fork));
}

int execve(const char *path, char *const argv[], char *const envp[])
{
	return ret(__syscall3(__NR_execve, path, argv, envp));
}

pid_t wait4(pid_t pid, int *status, int options, struct rusage *rusage)
{
	return ret(__syscall4(__NR_wait4, pid, status, options, rusage));
}

pid_t waitpid(pid_t pid, int *status, int options)
{
	return wait4(pid, status, options, NULL);
}

pid_t wait(int *status)
{
	return wait4(-1, status, 0, NULL);
}

int kill(pid_t pid, int sig)
{
	return ret(__syscall2(__NR_kill, pid, sig));
}

int uname(struct utsname *buf)
{
	return ret(__syscall1(__NR_uname, buf));
}

int chdir(const char *path)
{
	return ret(__syscall1(__NR_chdir, path));
}

/* The system call returns the length; the libc function returns the buffer. */
char *getcwd(char *buf, size_t size)
{
	return ret(__syscall2(__NR_getcwd, buf, size)) < 0 ? NULL : buf;
}

ssize_t getdents64(int fd, void *buf, size_t size)
{
	return ret(__syscall3(__NR_getdents64, fd, buf, size));
}

int clock_gettime(clockid_t clock, struct timespec *ts)
{
	return ret(__syscall2(__NR_clock_gettime, clock, ts));
}

int bpf(int cmd, void *attr, unsigned int size)
{
	return ret(__syscall3(__NR_bpf, cmd, attr, size));
}

int perf_event_open(void *attr, pid_t pid, int cpu, int group_fd, unsigned long flags)
{
	return ret(__syscall6(__NR_perf_event_open, (long)attr, pid, cpu, group_fd, flags, 0));
}

/* Reads six arguments whatever the caller passed, as every libc's syscall() does on x86-64. */
long syscall(long nr, ...)
{
	long a[6];
	va_list ap;
	int i;

	va_start(ap, nr);
	for (i = 0; i < 6; i++)
		a[i] = va_arg(ap, long);
	va_end(ap);
	return ret(__syscall6(nr, a[0], a[1], a[2], a[3], a[4], a[5]));
}

int isatty(int fd)
{
	struct stat st;

	if (fstat(fd, &st) < 0)
		return 0;
	if (!S_ISCHR(st.st_mode)) {
		errno = ENOTTY;
		return 0;
	}
	return 1;
}
