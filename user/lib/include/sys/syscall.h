/*
 * sys/syscall.h - system call numbers (Linux x86-64) and the raw `syscall` instruction.
 *
 * The convention is Linux's: rax holds the number, rdi, rsi, rdx, r10, r8, r9 the arguments;
 * the kernel returns a value or -errno in rax and clobbers rcx (the return rip) and r11 (the
 * saved rflags). __syscall6 returns that raw value; lib/sys.c turns it into -1 plus errno.
 * Read next: lib/sys.c.
 */
#ifndef _SYS_SYSCALL_H
#define _SYS_SYSCALL_H

#define __NR_read 0
#define __NR_write 1
#define __NR_open 2
#define __NR_close 3
#define __NR_fstat 5
#define __NR_lseek 8
#define __NR_mmap 9
#define __NR_munmap 11
#define __NR_brk 12
#define __NR_pipe 22
#define __NR_dup2 33
#define __NR_nanosleep 35
#define __NR_getpid 39
#define __NR_fork 57
#define __NR_execve 59
#define __NR_exit 60
#define __NR_wait4 61
#define __NR_kill 62
#define __NR_uname 63
#define __NR_getcwd 79
#define __NR_chdir 80
#define __NR_getuid 102
#define __NR_setuid 105
#define __NR_getppid 110
#define __NR_getdents64 217
#define __NR_clock_gettime 228
#define __NR_exit_group 231
#define __NR_openat 257
#define __NR_perf_event_open 298
#define __NR_bpf 321

static inline long __syscall6(long nr, long a1, long a2, long a3, long a4, long a5, long a6)
{
	register long r10 __asm__("r10") = a4;
	register long r8 __asm__("r8") = a5;
	register long r9 __asm__("r9") = a6;
	long ret;

	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "a"(nr), "D"(a1), "S"(a2), "d"(a3), "r"(r10), "r"(r8), "r"(r9)
			 : "rcx", "r11", "memory");
	return ret;
}

#define __syscall0(n) __syscall6(n, 0, 0, 0, 0, 0, 0)
#define __syscall1(n, a) __syscall6(n, (long)(a), 0, 0, 0, 0, 0)
#define __syscall2(n, a, b) __syscall6(n, (long)(a), (long)(b), 0, 0, 0, 0)
#define __syscall3(n, a, b, c) __syscall6(n, (long)(a), (long)(b), (long)(c), 0, 0, 0)
#define __syscall4(n, a, b, c, d) __syscall6(n, (long)(a), (long)(b), (long)(c), (long)(d), 0, 0)

#endif /* _SYS_SYSCALL_H */
