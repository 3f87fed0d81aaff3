/*
 * unistd.h - the system call wrappers (lib/sys.c) and getopt (lib/getopt.c).
 *
 * Every wrapper returns what the kernel returned, except that a failure (-errno) becomes -1 with
 * errno set. bpf() and perf_event_open() have no libc wrapper on Linux; glass's library gives them
 * one so that user/lib/bpf/ and sysfuzz read like ordinary C.
 */
#ifndef _UNISTD_H
#define _UNISTD_H

#include <sys/types.h>

#define STDIN_FILENO 0
#define STDOUT_FILENO 1
#define STDERR_FILENO 2

#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2

extern char **environ;

ssize_t read(int fd, void *buf, size_t n);
ssize_t write(int fd, const void *buf, size_t n);
int close(int fd);
off_t lseek(int fd, off_t off, int whence);
int pipe(int fds[2]);
int dup2(int oldfd, int newfd);
pid_t getpid(void);
pid_t getppid(void);
uid_t getuid(void);
int setuid(uid_t uid);
pid_t fork(void);
int execve(const char *path, char *const argv[], char *const envp[]);
__attribute__((noreturn)) void _exit(int status);
int chdir(const char *path);
char *getcwd(char *buf, size_t size);
int brk(void *addr);
void *sbrk(long increment);
int isatty(int fd);
unsigned int sleep(unsigned int seconds);

/* The raw call: number and up to six arguments, the kernel's answer as -1 plus errno. */
long syscall(long nr, ...);

int bpf(int cmd, void *attr, unsigned int size);
int perf_event_open(void *attr, pid_t pid, int cpu, int group_fd, unsigned long flags);

/* POSIX getopt: no argument permutation; a leading ':' in optstring reports a missing argument
 * as ':' instead of '?' and prints nothing. */
extern char *optarg;
extern int optind, opterr, optopt;
int getopt(int argc, char *const argv[], const char *optstring);

#endif /* _UNISTD_H */
