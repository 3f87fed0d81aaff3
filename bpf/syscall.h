/*
 * bpf/syscall.h - the bpf() command layer (bpf/syscall.c): the entry point the kernel's
 * sys_bpf calls, and the checks every command shares.
 */
#ifndef BPF_SYSCALL_H
#define BPF_SYSCALL_H

#include "bpf/env.h"
#include "bpf/uapi/bpf.h"

/*
 * The bpf() system call: cmd, a user pointer to size bytes of union bpf_attr. The result
 * (an fd, 0, or a negative Linux errno) goes back to user space unchanged. Process context.
 */
int __sys_bpf(int cmd, void *uattr, u32 size);

/*
 * A user struct of actual bytes read by a kernel that knows expected bytes of it: the bytes
 * past expected must be zero (a newer field the kernel would ignore). 0, -E2BIG (non-zero
 * tail, or actual larger than a page), or -EFAULT.
 */
int bpf_check_uarg_tail_zero(const void *uaddr, size_t expected, size_t actual);

#endif /* BPF_SYSCALL_H */
