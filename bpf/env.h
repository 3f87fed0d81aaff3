/*
 * bpf/env.h - everything the eBPF subsystem needs from the world around it.
 *
 * bpf/ is portable C: the same files build inside the kernel and on the host (for unit tests,
 * fuzzers, benchmarks and the bpfvm runner). They reach outside bpf/ only through this header.
 * The kernel implements it in kernel/bpf_env.c; the host harness in tests/host/lib/env_host.c.
 *
 * Invariants: nothing in bpf/ includes a kernel or libc header directly; it includes this one.
 */
#ifndef BPF_ENV_H
#define BPF_ENV_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bpf/uapi/types.h"

#ifdef __KERNEL__
#include "kernel/lib/string.h"
#include "kernel/lib/vsprintf.h"
#else
#include <stdio.h> /* snprintf, vsnprintf */
#include <string.h>
#endif

typedef __u8 u8;
typedef __u16 u16;
typedef __u32 u32;
typedef __u64 u64;
typedef __s8 s8;
typedef __s16 s16;
typedef __s32 s32;
typedef __s64 s64;

/* Linux's errno numbers, the only error values bpf/ returns. */
#include "bpf/uapi/errno.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Zeroed memory for objects of the subsystem; NULL when exhausted. May sleep in neither. */
void *bpf_env_alloc(size_t size);
void bpf_env_free(void *ptr);

/* Monotonic time in nanoseconds. */
u64 bpf_env_time_ns(void);

/* Debug log of the subsystem (JIT passes, image sizes): the kernel's printk at debug level. */
void bpf_env_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* User memory. 0 or -EFAULT; a bad pointer never crashes. strncpy returns the length or -errno. */
int bpf_env_copy_from_user(void *dst, const void *usrc, size_t size);
int bpf_env_copy_to_user(void *udst, const void *src, size_t size);
long bpf_env_strncpy_from_user(char *dst, const char *usrc, long size);

/*
 * Executable memory for JIT images. jit_alloc gives writable, non-executable memory;
 * jit_seal makes it read-only and executable (never both writable and executable);
 * jit_free releases a sealed or unsealed image.
 */
void *bpf_env_jit_alloc(size_t size);
int bpf_env_jit_seal(void *image, size_t size);
void bpf_env_jit_free(void *image, size_t size);

#endif /* BPF_ENV_H */
