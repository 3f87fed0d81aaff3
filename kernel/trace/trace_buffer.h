/*
 * kernel/trace/trace_buffer.h - the trace buffer behind trace_pipe and trace.
 */
#ifndef KERNEL_TRACE_TRACE_BUFFER_H
#define KERNEL_TRACE_TRACE_BUFFER_H

#include "kernel/types.h"
#include "kernel/fs/vfs.h"

/*
 * Append one line "comm-pid [000] flags seconds.micros: event: text\n" for the current task.
 * Any context. When the buffer is full the oldest lines go, counted as lost.
 */
void trace_buffer_printf(const char *event, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void trace_buffer_write(const char *event, const char *text, u32 len);
/* The same, saying whether interrupts were off where the event fired (the 'd' flag). */
void trace_buffer_write_flags(const char *event, const char *text, u32 len, bool irqs_off);

/* The file operations of trace_pipe (consuming, blocking) and trace (a snapshot). */
extern const struct file_ops trace_pipe_fops;
extern const struct file_ops trace_fops;

/* Lines written, lines lost, lines waiting; and drop everything (a write to trace). */
void trace_buffer_stats(u64 *written, u64 *lost, u64 *waiting);
void trace_buffer_reset(void);

#endif
