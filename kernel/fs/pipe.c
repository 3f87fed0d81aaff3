/*
 * kernel/fs/pipe.c - pipes: a 4 KiB ring buffer shared by a read end and a write end.
 *
 * A reader blocks while the pipe is empty and a writer still exists (then gets 0, end of file,
 * once none does); a writer blocks while it is full and a reader exists, and gets -EPIPE when
 * none does. Both ends wait on the pipe itself; interrupts are off between the check and the
 * sleep, so no wakeup is lost.
 */
#include "kernel/fs/vfs.h"
#include "kernel/proc/task.h"
#include "kernel/mm/mm.h"
#include "kernel/arch/x86/cpu.h"

#define PIPE_SIZE 4096

struct pipe {
	char buf[PIPE_SIZE];
	u64 head, tail; /* bytes written and read, ever */
	int readers, writers;
};

static long pipe_read(struct file *f, char *buf, size_t n)
{
	struct pipe *p = f->priv;
	u64 flags = irq_save();
	size_t got = 0;

	while (p->head == p->tail && p->writers > 0) {
		if (current->killed) {
			irq_restore(flags);
			return -EINTR;
		}
		sleep_on(p);
	}
	while (got < n && p->tail < p->head)
		buf[got++] = p->buf[p->tail++ % PIPE_SIZE];
	wakeup(p);
	irq_restore(flags);
	return got;
}

static long pipe_write(struct file *f, const char *buf, size_t n)
{
	struct pipe *p = f->priv;
	u64 flags = irq_save();
	size_t put = 0;

	while (put < n) {
		if (p->readers == 0) {
			irq_restore(flags);
			return put ? (long)put : -EPIPE;
		}
		if (current->killed) {
			irq_restore(flags);
			return put ? (long)put : -EINTR;
		}
		if (p->head - p->tail == PIPE_SIZE) {
			wakeup(p);
			sleep_on(p);
			continue;
		}
		p->buf[p->head++ % PIPE_SIZE] = buf[put++];
	}
	wakeup(p);
	irq_restore(flags);
	return put;
}

static void pipe_release(struct file *f)
{
	struct pipe *p = f->priv;

	if ((f->flags & O_ACCMODE) == O_RDONLY)
		p->readers--;
	else
		p->writers--;
	wakeup(p);
	if (p->readers == 0 && p->writers == 0)
		kfree(p);
}

static const struct file_ops pipe_fops = {
	.read = pipe_read,
	.write = pipe_write,
	.release = pipe_release,
};

int pipe_create(struct file **rd, struct file **wr)
{
	struct pipe *p = kzalloc(sizeof(*p));

	if (!p)
		return -ENOMEM;
	*rd = file_alloc(&pipe_fops, p, O_RDONLY);
	*wr = file_alloc(&pipe_fops, p, O_WRONLY);
	if (!*rd || !*wr) {
		kfree(*rd);
		kfree(*wr);
		kfree(p);
		return -ENOMEM;
	}
	p->readers = p->writers = 1;
	return 0;
}
