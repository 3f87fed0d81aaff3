/*
 * kernel/trace/tracefs.c - /sys/kernel/tracing, Linux's tracing interface in files:
 *
 *   trace_pipe            the trace buffer, consumed as it is read (blocks while empty)
 *   trace                 the same lines, not consumed; writing to it empties the buffer
 *   available_events      group:name of every event
 *   events/<group>/<event>/id      the number perf_event_open takes as config
 *   events/<group>/<event>/format  the record layout tracepoint programs read
 *   events/<group>/<event>/enable  0 or 1: write the event's lines to the trace buffer
 * and /sys/bus/event_source/devices/{tracepoint,kprobe}/type, the perf event types.
 * kprobe_events, kprobe_profile and available_filter_functions come with kprobes
 * (kernel/trace/trace_kprobe.c), which calls tracefs_add_event for each probe event.
 */
#include "kernel/trace/trace_event.h"
#include "kernel/trace/trace_buffer.h"
#include "kernel/trace/tracefs.h"
#include "kernel/fs/vfs.h"
#include "kernel/printk.h"
#include "kernel/lib/string.h"
#include "kernel/lib/vsprintf.h"

#define TRACEFS "/sys/kernel/tracing"

static void show_available_events(struct seq_buf *s)
{
	for (struct trace_event *ev = trace_event_next(NULL); ev; ev = trace_event_next(ev))
		seq_printf(s, "%s:%s\n", ev->group, ev->name);
}

static void show_id(struct seq_buf *s, void *ctx)
{
	seq_printf(s, "%u\n", ((struct trace_event *)ctx)->id);
}

static void show_format(struct seq_buf *s, void *ctx)
{
	trace_event_show_format(s, ctx);
}

static void show_enable(struct seq_buf *s, void *ctx)
{
	seq_printf(s, "%d\n", ((struct trace_event *)ctx)->enabled ? 1 : 0);
}

static long write_enable(void *ctx, const char *buf, size_t n)
{
	size_t len = n;

	while (len && (buf[len - 1] == '\n' || buf[len - 1] == ' '))
		len--;
	if (len != 1 || (buf[0] != '0' && buf[0] != '1'))
		return -EINVAL;
	trace_event_set_enabled(ctx, buf[0] == '1');
	return n;
}

static void show_number(struct seq_buf *s, void *ctx)
{
	seq_printf(s, "%lu\n", (unsigned long)ctx);
}

int tracefs_add_event(struct trace_event *ev)
{
	char path[160];
	struct gen_file id = { .show_ctx = show_id, .ctx = ev };
	struct gen_file format = { .show_ctx = show_format, .ctx = ev };
	struct gen_file enable = { .show_ctx = show_enable, .write = write_enable, .ctx = ev };

	snprintf(path, sizeof(path), TRACEFS "/events/%s/%s/id", ev->group, ev->name);
	if (!genfile_add(path, &id))
		return -ENOMEM;
	snprintf(path, sizeof(path), TRACEFS "/events/%s/%s/format", ev->group, ev->name);
	if (!genfile_add(path, &format))
		return -ENOMEM;
	snprintf(path, sizeof(path), TRACEFS "/events/%s/%s/enable", ev->group, ev->name);
	if (!genfile_add(path, &enable))
		return -ENOMEM;
	return 0;
}

void tracefs_remove_event(struct trace_event *ev)
{
	char path[160];
	static const char *const files[] = { "id", "format", "enable" };

	for (size_t i = 0; i < ARRAY_SIZE(files); i++) {
		snprintf(path, sizeof(path), TRACEFS "/events/%s/%s/%s", ev->group, ev->name,
			 files[i]);
		vfs_remove_generated(path);
	}
	snprintf(path, sizeof(path), TRACEFS "/events/%s/%s", ev->group, ev->name);
	vfs_rmdir_empty(path);
	snprintf(path, sizeof(path), TRACEFS "/events/%s", ev->group);
	vfs_rmdir_empty(path);
}

static struct inode *add_special(const char *path, const struct file_ops *fops, u32 mode)
{
	struct inode *ino = vfs_add_file(path, NULL, 0, false);

	if (!ino)
		panic("tracefs: cannot create %s", path);
	ino->fops = fops;
	ino->mode = S_IFREG | mode;
	return ino;
}

void tracefs_init(void)
{
	struct gen_file tp_type = { .show_ctx = show_number, .ctx = (void *)PERF_TYPE_TRACEPOINT };
	struct gen_file kp_type = { .show_ctx = show_number, .ctx = (void *)PERF_TYPE_KPROBE };

	vfs_mkdir_p(TRACEFS "/events", 0);
	add_special(TRACEFS "/trace_pipe", &trace_pipe_fops, 0444);
	add_special(TRACEFS "/trace", &trace_fops, 0644);
	procfs_add(TRACEFS "/available_events", show_available_events);
	for (struct trace_event *ev = trace_event_next(NULL); ev; ev = trace_event_next(ev))
		if (tracefs_add_event(ev))
			panic("tracefs: out of memory");
	genfile_add("/sys/bus/event_source/devices/tracepoint/type", &tp_type);
	genfile_add("/sys/bus/event_source/devices/kprobe/type", &kp_type);
}
