/*
 * tests/host/lib/env_host_bpf.h - the host's side of the bpf() object layer (bpf/env.h), and
 * the knobs tests use to play the kernel: a per-test fd table, test perf events with readable
 * buffers, a settable current task, CPU count and stack, and the trace buffer that
 * bpf_trace_printk writes to. Implemented in env_host_bpf.c.
 */
#ifndef TESTS_HOST_ENV_HOST_BPF_H
#define TESTS_HOST_ENV_HOST_BPF_H

#include "bpf/env.h"

/* Live allocations of bpf_env_alloc and the page allocators (env_host.c). */
extern long bpf_env_live_allocs;

/* close(2) for the test fd table: 0 or -EBADF. Releases the object when it was the last fd. */
int host_fd_close(int fd);
/* Close every open fd; returns how many were open. */
int host_fd_close_all(void);
/* Number of open fds. */
int host_fd_count(void);
/* Duplicate an fd (dup(2)): the new fd shares the object. New fd or negative errno. */
int host_fd_dup(int fd);

/* A test perf event with a buffer of buf_size bytes: its fd, or a negative errno. */
int host_perf_event_open(u32 buf_size);
/*
 * The bytes written so far to the event's buffer (PERF_RECORD_SAMPLE records: struct
 * perf_event_header, u32 raw size, raw bytes padded so the record is a multiple of 8) and
 * the number of records lost because it was full. NULL for a bad fd.
 */
const u8 *host_perf_event_buffer(int fd, u32 *len, u64 *lost);
/* Open perf event objects (not fds): tests check it returns to 0. */
extern int host_perf_events_live;

/* The current task the helpers see; host_task_valid = false means "no task" (-EINVAL). */
extern struct bpf_env_task host_task;
extern bool host_task_valid;

/* CPUs: how many there are (per-CPU value layout) and which one runs now. Default 1 and 0. */
extern u32 host_nr_cpus;
extern u32 host_cpu;

/* The stack bpf_env_get_stack reports (innermost first), or an error when host_stack_err. */
extern u64 host_stack[128];
extern u32 host_stack_len;
extern int host_stack_err;
/* What bpf_env_get_func_ip returns. */
extern u64 host_func_ip;

/* Everything bpf_trace_printk wrote since the last host_trace_clear, each call's text in order. */
const char *host_trace_text(void);
void host_trace_clear(void);

/* bpf_env_ringbuf_wakeup calls so far. */
extern u64 host_ringbuf_wakeups;

#endif /* TESTS_HOST_ENV_HOST_BPF_H */
