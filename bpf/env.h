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

/*
 * ---- The object layer of bpf(): file descriptors, the current task, tracing output ----
 * Declared here, implemented by the kernel (kernel/bpf_env.c) and by the host harness
 * (tests/host/lib/env_host_bpf.c). Programs may run in interrupt context: the functions a
 * helper calls (marked "program context") must not sleep.
 */

#define BPF_PAGE_SIZE 4096

/* Interrupts off on this (the only) CPU: the lock of the data programs and bpf() share. */
unsigned long bpf_env_irq_save(void);
void bpf_env_irq_restore(unsigned long flags);

/* What a file descriptor of the bpf() layer refers to. */
enum bpf_fd_kind {
	BPF_FD_MAP = 1,   /* struct bpf_map */
	BPF_FD_PROG,      /* struct bpf_prog */
	BPF_FD_LINK,      /* struct bpf_link */
	BPF_FD_STATS,     /* BPF_ENABLE_STATS: statistics stay on while it is open */
	BPF_FD_PERF_EVENT, /* a perf event of the environment (perf_event_open) */
};
#define BPF_FD_READ 1u  /* the fd may read the object (map lookups) */
#define BPF_FD_WRITE 2u /* the fd may change it (map updates) */

/*
 * A new file descriptor for object in the current process. The fd takes over one reference
 * of the caller's; when the process closes it, the environment calls bpf_fd_release. The fd
 * number, or -EMFILE / -ENOMEM.
 */
int bpf_env_fd_install(enum bpf_fd_kind kind, void *object, u32 mode);
/*
 * The object behind fd, without taking a reference: it stays valid until the bpf() call
 * returns. 0; -EBADF when fd is not open; -EINVAL when it is open but of another kind.
 * mode (may be NULL) receives the BPF_FD_READ/BPF_FD_WRITE bits.
 */
int bpf_env_fd_lookup(int fd, enum bpf_fd_kind kind, void **object, u32 *mode);
/* Called by the environment when the last fd of a map, program, link or stats object closes. */
void bpf_fd_release(enum bpf_fd_kind kind, void *object);

/* Perf events (PERF_EVENT_ARRAY values): a counted reference by fd, and raw sample output. */
int bpf_env_perf_event_get(int fd, void **event); /* 0, or -EBADF (also: not a perf event) */
void bpf_env_perf_event_put(void *event);
/* Append a PERF_RECORD_SAMPLE holding size raw bytes to the event's buffer. Program context.
 * 0, or -ENOSPC when the buffer is full (the record is counted as lost). */
int bpf_env_perf_event_output(void *event, const void *data, u32 size);

/* The task running now. 0, or -EINVAL when there is none (early boot). Program context. */
struct bpf_env_task {
	u32 pid;  /* thread id, Linux's task->pid */
	u32 tgid; /* process id */
	u32 uid;
	u32 gid;
	char comm[16]; /* NUL-terminated name of the program */
};
int bpf_env_current_task(struct bpf_env_task *task);

/* This CPU's number and the number of possible CPUs (per-CPU maps keep one value each). */
u32 bpf_env_smp_processor_id(void);
u32 bpf_env_nr_cpus(void);
/* A pseudo-random number (bpf_get_prandom_u32). Program context. */
u32 bpf_env_prandom_u32(void);

/*
 * Read size bytes at an address a program names, which may be bad: 0, or -EFAULT with dst
 * zeroed. The _str form copies up to size-1 bytes and a NUL, returning the length including
 * the NUL, or -EFAULT with dst zeroed. Program context.
 */
enum bpf_probe_space {
	BPF_PROBE_KERNEL, /* kernel memory: bpf_probe_read_kernel */
	BPF_PROBE_USER,   /* the current process's memory: bpf_probe_read_user */
	BPF_PROBE_ANY,    /* whichever the address belongs to (the old bpf_probe_read) */
};
long bpf_env_probe_read(void *dst, u32 size, const void *unsafe, enum bpf_probe_space space);
long bpf_env_probe_read_str(void *dst, u32 size, const void *unsafe, enum bpf_probe_space space);

/* The text of one bpf_trace_printk call (len bytes, no NUL) to the trace buffer (trace_pipe). */
void bpf_env_trace_printk(const char *text, u32 len);

/*
 * The call stack at the event a program runs for (ctx is its context, a struct pt_regs for
 * kprobes): up to max return addresses into ips, innermost first, after skipping skip frames;
 * user selects the user stack. The number stored, or a negative errno. Program context.
 */
int bpf_env_get_stack(const void *ctx, u64 *ips, u32 max, u32 skip, bool user);
/* The address of the probed function for a kprobe context (bpf_get_func_ip), or 0. */
u64 bpf_env_get_func_ip(const void *ctx);

/*
 * Memory a user process can map: page-aligned, zeroed. The double-mapped form (ring
 * buffers) has meta_size bytes followed by data_size bytes that appear twice in a row, so
 * that area[meta_size + data_size + i] is area[meta_size + i]: a record that runs past the end
 * of the data continues at its start without being split. Sizes are multiples of BPF_PAGE_SIZE.
 * NULL when out of memory.
 */
void *bpf_env_alloc_pages(size_t size);
void bpf_env_free_pages(void *area, size_t size);
void *bpf_env_alloc_double_mapped(size_t meta_size, size_t data_size);
void bpf_env_free_double_mapped(void *area, size_t meta_size, size_t data_size);

/* Wake up the readers waiting on a ring buffer map (poll/epoll). Program context. */
struct bpf_map;
void bpf_env_ringbuf_wakeup(struct bpf_map *map);

#endif /* BPF_ENV_H */
