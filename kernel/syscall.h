/*
 * kernel/syscall.h - the system call table: Linux's x86-64 numbers, and the handlers.
 *
 * Every handler takes the six argument registers as u64 (rdi, rsi, rdx, r10, r8, r9) and
 * returns a value or a negative errno, which lands in rax unchanged.
 */
#ifndef KERNEL_SYSCALL_H
#define KERNEL_SYSCALL_H

#include "kernel/types.h"
#include "kernel/arch/x86/ptrace.h"

#define __NR_read 0
#define __NR_write 1
#define __NR_open 2
#define __NR_close 3
#define __NR_stat 4
#define __NR_fstat 5
#define __NR_lseek 8
#define __NR_mmap 9
#define __NR_munmap 11
#define __NR_brk 12
#define __NR_ioctl 16
#define __NR_pipe 22
#define __NR_sched_yield 24
#define __NR_dup 32
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
#define __NR_unlink 87
#define __NR_getuid 102
#define __NR_getgid 104
#define __NR_setuid 105
#define __NR_geteuid 107
#define __NR_getegid 108
#define __NR_getppid 110
#define __NR_getdents64 217
#define __NR_clock_gettime 228
#define __NR_exit_group 231
#define __NR_openat 257
#define __NR_pipe2 293
#define __NR_perf_event_open 298
#define __NR_bpf 321
#define NR_SYSCALLS 336

typedef long (*syscall_fn_t)(u64 a0, u64 a1, u64 a2, u64 a3, u64 a4, u64 a5);

#define SYSCALL_DEFINE(name) long sys_##name(u64 a0, u64 a1, u64 a2, u64 a3, u64 a4, u64 a5)

/* The registers of the system call in progress (for fork and execve). */
struct pt_regs *current_pt_regs(void);

void syscall_init(void);

SYSCALL_DEFINE(read);
SYSCALL_DEFINE(write);
SYSCALL_DEFINE(open);
SYSCALL_DEFINE(openat);
SYSCALL_DEFINE(close);
SYSCALL_DEFINE(stat);
SYSCALL_DEFINE(fstat);
SYSCALL_DEFINE(lseek);
SYSCALL_DEFINE(ioctl);
SYSCALL_DEFINE(pipe);
SYSCALL_DEFINE(pipe2);
SYSCALL_DEFINE(dup);
SYSCALL_DEFINE(dup2);
SYSCALL_DEFINE(getdents64);
SYSCALL_DEFINE(getcwd);
SYSCALL_DEFINE(chdir);
SYSCALL_DEFINE(unlink);
SYSCALL_DEFINE(mmap);
SYSCALL_DEFINE(munmap);
SYSCALL_DEFINE(brk);
SYSCALL_DEFINE(fork);
SYSCALL_DEFINE(execve);
SYSCALL_DEFINE(exit);
SYSCALL_DEFINE(exit_group);
SYSCALL_DEFINE(wait4);
SYSCALL_DEFINE(kill);
SYSCALL_DEFINE(bpf);
SYSCALL_DEFINE(perf_event_open);

/*
 * mmap(2) of a BPF map's fd (kernel/bpf_syscall.c): npages pages of the map's mapping from
 * byte off, at va in the current process, with prot (PTE_W, PTE_NX). 0, -EBADF, -ENODEV (not
 * a map, or one that cannot be mapped), -EINVAL (past its end), -EPERM (writing a read-only
 * page), -ENOMEM.
 */
long bpf_map_mmap(u64 va, u64 npages, u64 prot, int fd, u64 off);

#endif
