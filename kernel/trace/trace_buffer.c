/*
 * kernel/trace/trace_buffer.c - the ring buffer of trace lines.
 *
 * One 128 KiB byte ring holds lines, each stored as a 2-byte length and its text. Writers
 * (events, bpf_trace_printk) format a line and append it; when there is no room the oldest
 * lines are dropped and counted, and a reader of trace_pipe then sees
 * "CPU:0 [LOST N EVENTS]" before the next line, as on Linux. trace_pipe consumes what it
 * reads and blocks while the buffer is empty; trace shows a snapshot and consumes nothing.
 * Interrupts are off while the ring changes: events fire in interrupt handlers too.
 */
#include "kernel/trace/trace_buffer.h"
#include "kernel/proc/task.h"
#include "kernel/time.h"
#include "kernel/mm/mm.h"
#include "kernel/lib/string.h"
#include "kernel/lib/vsprintf.h"
#include "kernel/arch/x86/cpu.h"

#define RING_SIZE (128 * 1024)
#define LINE_MAX 512

static char ring[RING_SIZE];
static u64 head, tail;         /* byte positions ever written / consumed */
static u64 lines_written, lines_lost, lost_unreported;
int trace_buffer_readers_wait; /* trace_pipe readers sleep on this */

static void ring_put(u64 pos, const void *src, u32 n)
{
	for (u32 i = 0; i < n; i++)
		ring[(pos + i) % RING_SIZE] = ((const char *)src)[i];
}

static void ring_get(u64 pos, void *dst, u32 n)
{
	for (u32 i = 0; i < n; i++)
		((char *)dst)[i] = ring[(pos + i) % RING_SIZE];
}

static void drop_oldest(void)
{
	u16 len;

	ring_get(tail, &len, 2);
	tail += 2 + len;
	lines_lost++;
	lost_unreported++;
}

void trace_buffer_write(const char *event, const char *text, u32 len)
{
	trace_buffer_write_flags(event, text, len, !(read_rflags() & X86_EFLAGS_IF));
}

void trace_buffer_write_flags(const char *event, const char *text, u32 len, bool irqs_off)
{
	char line[LINE_MAX];
	struct task *t = current;
	u64 ns = ktime_get_ns(), flags = irq_save();
	u16 n;
	int w;

	w = snprintf(line, sizeof(line), "%16s-%-5d [000] %c... %5llu.%06llu: %s: ",
		     t ? t->comm : "<idle>", t ? t->pid : 0, irqs_off ? 'd' : '.',
		     ns / 1000000000ull, (ns / 1000) % 1000000, event);
	if (w >= (int)sizeof(line) - 2)
		w = sizeof(line) - 2;
	while (len && (text[len - 1] == '\n'))
		len--;
	if (len > sizeof(line) - 2 - w)
		len = sizeof(line) - 2 - w;
	memcpy(line + w, text, len);
	n = w + len;
	line[n++] = '\n';
	while (head + 2 + n - tail > RING_SIZE)
		drop_oldest();
	ring_put(head, &n, 2);
	ring_put(head + 2, line, n);
	head += 2 + n;
	lines_written++;
	irq_restore(flags);
	wakeup(&trace_buffer_readers_wait);
}

void trace_buffer_printf(const char *event, const char *fmt, ...)
{
	char text[LINE_MAX];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	trace_buffer_write(event, text, MIN(n, (int)sizeof(text) - 1));
}

void trace_buffer_stats(u64 *written, u64 *lost, u64 *waiting)
{
	u64 flags = irq_save(), n = 0;

	for (u64 pos = tail; pos < head; n++) {
		u16 len;

		ring_get(pos, &len, 2);
		pos += 2 + len;
	}
	*written = lines_written;
	*lost = lines_lost;
	*waiting = n;
	irq_restore(flags);
}

void trace_buffer_reset(void)
{
	u64 flags = irq_save();

	tail = head;
	lost_unreported = 0;
	irq_restore(flags);
}

/* trace_pipe: consuming reads of whole lines; blocks while empty. */
static long trace_pipe_read(struct file *f, char *buf, size_t size)
{
	u64 flags = irq_save();
	size_t done = 0;

	while (tail == head && !lost_unreported) {
		if (current->killed) {
			irq_restore(flags);
			return -EINTR;
		}
		if (f->flags & O_NONBLOCK) {
			irq_restore(flags);
			return -EAGAIN;
		}
		sleep_on(&trace_buffer_readers_wait);
	}
	if (lost_unreported) {
		char msg[48];
		int n = snprintf(msg, sizeof(msg), "CPU:0 [LOST %llu EVENTS]\n", lost_unreported);

		if ((size_t)n <= size) {
			memcpy(buf, msg, n);
			done = n;
			lost_unreported = 0;
		}
	}
	while (tail < head) {
		u16 len;

		ring_get(tail, &len, 2);
		if (done + len > size)
			break;
		ring_get(tail + 2, buf + done, len);
		tail += 2 + len;
		done += len;
	}
	irq_restore(flags);
	return done ? (long)done : -EINVAL; /* a buffer too small for one line */
}

static const char *const trace_header =
	"# tracer: nop\n"
	"#\n"
	"# entries-in-buffer/entries-written: %llu/%llu   #P:1\n"
	"#\n"
	"#                            _-----=> irqs-off\n"
	"#                           / _----=> need-resched\n"
	"#                          | / _---=> hardirq/softirq\n"
	"#                          || / _--=> preempt-depth\n"
	"#                          ||| /     delay\n"
	"#           TASK-PID  CPU# ||||   TIMESTAMP  FUNCTION\n"
	"#              | |      |  ||||      |         |\n";

struct trace_snapshot {
	char *buf;
	size_t len;
};

/* trace: a snapshot of every line in the buffer, under a header, taken at open. */
static int trace_open(struct inode *ino, struct file *f)
{
	struct trace_snapshot *snap = kzalloc(sizeof(*snap));
	u64 written, lost, waiting, flags;
	size_t hdr;

	if (!snap)
		return -ENOMEM;
	snap->buf = kmalloc(RING_SIZE + 1024);
	if (!snap->buf) {
		kfree(snap);
		return -ENOMEM;
	}
	trace_buffer_stats(&written, &lost, &waiting);
	hdr = snprintf(snap->buf, 1024, trace_header, waiting, written);
	flags = irq_save();
	snap->len = hdr;
	for (u64 pos = tail; pos < head;) {
		u16 len;

		ring_get(pos, &len, 2);
		ring_get(pos + 2, snap->buf + snap->len, len);
		snap->len += len;
		pos += 2 + len;
	}
	irq_restore(flags);
	f->priv = snap;
	return 0;
}

static long trace_read(struct file *f, char *buf, size_t n)
{
	struct trace_snapshot *snap = f->priv;

	if (!snap) /* opened for writing only */
		return 0;
	if (f->pos >= snap->len)
		return 0;
	n = MIN(n, snap->len - f->pos);
	memcpy(buf, snap->buf + f->pos, n);
	f->pos += n;
	return n;
}

/* Writing anything to trace (`echo > trace`) empties the buffer, as on Linux. */
static long trace_write(struct file *f, const char *buf, size_t n)
{
	trace_buffer_reset();
	return n;
}

static void trace_release(struct file *f)
{
	struct trace_snapshot *snap = f->priv;

	if (snap) {
		kfree(snap->buf);
		kfree(snap);
	}
}

const struct file_ops trace_pipe_fops = { .read = trace_pipe_read };
const struct file_ops trace_fops = {
	.open = trace_open,
	.read = trace_read,
	.write = trace_write,
	.release = trace_release,
};
