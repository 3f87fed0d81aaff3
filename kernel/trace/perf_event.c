/*
 * kernel/trace/perf_event.c - perf_event_open(2) for tracepoints and kprobes, and the bpf()
 * attach targets that use it.
 *
 * perf_event_open(attr) with attr.type PERF_TYPE_TRACEPOINT and attr.config an event id (from
 * events/<group>/<name>/id), or with the kprobe PMU's type (read from
 * /sys/bus/event_source/devices/kprobe/type), config1 a pointer to a symbol name, config2 an
 * offset, and bit 0 of config for a return probe, gives an fd. A BPF program is attached to it
 * either by bpf(BPF_LINK_CREATE, attach_type BPF_PERF_EVENT, target_fd = that fd), which makes a
 * link, or by ioctl(PERF_EVENT_IOC_SET_BPF) and ioctl(PERF_EVENT_IOC_ENABLE), as older libbpf
 * does. BPF_RAW_TRACEPOINT_OPEN attaches a raw tracepoint program by the tracepoint's name.
 * Closing the link (or the perf fd) detaches; the event's site goes quiet when the last listener
 * leaves (trace_event.c).
 */
#include "kernel/trace/perf_event.h"
#include "kernel/trace/tracefs.h"
#include "kernel/syscall.h"
#include "kernel/fs/vfs.h"
#include "kernel/proc/task.h"
#include "kernel/uaccess.h"
#include "kernel/mm/mm.h"
#include "kernel/lib/string.h"
#include "kernel/printk.h"
#include "bpf/link.h"

int (*perf_kprobe_create)(const char *symbol, u64 offset, bool retprobe,
			  struct trace_event **ev);
void (*perf_kprobe_destroy)(struct trace_event *ev);

static void perf_release(struct file *f)
{
	struct perf_event *pe = f->priv;

	if (pe->prog_attached)
		trace_event_detach_prog(pe->event, pe->prog);
	if (pe->prog)
		bpf_prog_put(pe->prog);
	if (pe->owns_event && perf_kprobe_destroy)
		perf_kprobe_destroy(pe->event);
	else if (pe->event)
		pe->event->perf_refs--;
	kfree(pe);
}

/* Does a program of this type fit this event? kprobe events take kprobe programs. */
static bool prog_fits(const struct bpf_prog *prog, const struct perf_event *pe)
{
	if (pe->event->is_kprobe)
		return prog->type == BPF_PROG_TYPE_KPROBE;
	/* a tracepoint program reads the record: no further than its end */
	return prog->type == BPF_PROG_TYPE_TRACEPOINT &&
	       (!prog->aux || prog->aux->max_ctx_offset <= pe->event->size);
}

static int attach_ioctl_prog(struct perf_event *pe)
{
	int err;

	if (!pe->prog || pe->prog_attached || !pe->enabled)
		return 0;
	err = trace_event_attach_prog(pe->event, pe->prog, false, 0);
	if (!err)
		pe->prog_attached = true;
	return err;
}

static long perf_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct perf_event *pe = f->priv;
	struct bpf_prog *prog;
	int err;

	switch (cmd) {
	case PERF_EVENT_IOC_ENABLE:
		pe->enabled = true;
		return attach_ioctl_prog(pe);
	case PERF_EVENT_IOC_DISABLE:
		pe->enabled = false;
		if (pe->prog_attached) {
			trace_event_detach_prog(pe->event, pe->prog);
			pe->prog_attached = false;
		}
		return 0;
	case PERF_EVENT_IOC_SET_BPF:
		if (pe->prog)
			return -EEXIST;
		err = bpf_prog_get((int)arg, &prog);
		if (err)
			return err;
		if (!prog_fits(prog, pe)) {
			bpf_prog_put(prog);
			return -EINVAL;
		}
		pe->prog = prog;
		return attach_ioctl_prog(pe);
	default:
		return -ENOTTY;
	}
}

static const struct file_ops perf_fops = { .ioctl = perf_ioctl, .release = perf_release };

static struct perf_event *perf_event_from_fd(int fd)
{
	struct file *f = fd_get(fd);

	return f && f->ops == &perf_fops ? f->priv : NULL;
}

SYSCALL_DEFINE(perf_event_open)
{
	struct perf_event_attr attr;
	struct perf_event *pe;
	struct file *f;
	u32 size;
	int fd, err;

	if (current->uid != 0)
		return -EACCES; /* as Linux with perf_event_paranoid > 1 for tracepoints */
	if (copy_from_user(&size, (char *)a0 + 4, sizeof(size)))
		return -EFAULT;
	if (size == 0)
		size = PERF_ATTR_SIZE_VER0;
	if (size < PERF_ATTR_SIZE_VER0 || size > 4096)
		return -E2BIG;
	memset(&attr, 0, sizeof(attr));
	if (copy_from_user(&attr, (void *)a0, MIN((size_t)size, sizeof(attr))))
		return -EFAULT;
	if ((int)a1 != -1 && (int)a1 != 0 && (int)a1 != current->pid)
		return -ESRCH; /* per-task events: only "any task" and the caller itself */
	if ((int)a2 > 0 || (s32)a3 != -1 || (a4 & ~8ull))
		return -EINVAL; /* one CPU (0 or -1), no groups, only PERF_FLAG_FD_CLOEXEC */
	pe = kzalloc(sizeof(*pe));
	if (!pe)
		return -ENOMEM;
	if (attr.type == PERF_TYPE_TRACEPOINT) {
		pe->event = attr.config <= 0xffff ? trace_event_by_id((u32)attr.config) : NULL;
		err = pe->event ? 0 : -ENOENT;
		if (err)
			printk(KERN_WARNING "perf_event_open: no event has id %llu\n", attr.config);
		else
			pe->event->perf_refs++; /* kprobe_events cannot remove it under us */
	} else if (attr.type == PERF_TYPE_KPROBE) {
		char symbol[128];
		long n = size >= PERF_ATTR_SIZE_VER1 ?
				 strncpy_from_user(symbol, (const char *)attr.config1, sizeof(symbol)) :
				 -EINVAL;

		err = n < 0 ? (int)n : !perf_kprobe_create ? -EOPNOTSUPP :
		      perf_kprobe_create(symbol, attr.config2, attr.config & 1, &pe->event);
		pe->owns_event = !err;
	} else {
		err = -ENOENT;
	}
	if (err) {
		kfree(pe);
		return err;
	}
	pe->enabled = !(attr.flags & 1);
	f = file_alloc(&perf_fops, pe, O_RDWR);
	if (!f) {
		perf_release(&(struct file){ .priv = pe });
		return -ENOMEM;
	}
	fd = fd_install(f);
	if (fd < 0)
		file_put(f);
	return fd;
}

/* ---- bpf() attach targets ---- */

struct trace_link {
	struct bpf_link link;
	struct trace_event *event;
	/*
	 * A link to a perf event holds the event's file, as Linux's bpf_perf_link does: closing
	 * the perf fd first must not destroy a kprobe event that the link's program is still on.
	 */
	struct file *perf_file;
};

static void trace_link_release(struct bpf_link *link)
{
	struct trace_link *tl = container_of(link, struct trace_link, link);

	trace_event_detach_prog(tl->event, link->prog);
	if (tl->perf_file)
		file_put(tl->perf_file); /* the last reference destroys its kprobe event */
	tl->perf_file = NULL;
}

static void trace_link_dealloc(struct bpf_link *link)
{
	kfree(container_of(link, struct trace_link, link));
}

static const struct bpf_link_ops trace_link_ops = {
	.release = trace_link_release,
	.dealloc = trace_link_dealloc,
};

static int link_to(struct trace_event *ev, struct bpf_prog *prog, bool raw, u64 cookie,
		   u32 link_type, struct bpf_link **out)
{
	struct trace_link *tl = kzalloc(sizeof(*tl));
	int err;

	if (!tl)
		return -ENOMEM;
	err = trace_event_attach_prog(ev, prog, raw, cookie);
	if (err) {
		kfree(tl);
		return err;
	}
	tl->event = ev;
	bpf_link_init(&tl->link, link_type, &trace_link_ops, prog);
	*out = &tl->link;
	return 0;
}

static int attach_perf_event(struct bpf_prog *prog, const struct bpf_attach_args *args,
			     struct bpf_link **link)
{
	struct perf_event *pe = perf_event_from_fd((int)args->target_fd);
	int err;

	if (!pe)
		return fd_get((int)args->target_fd) ? -EINVAL : -EBADF;
	if (!prog_fits(prog, pe))
		return -EINVAL;
	err = link_to(pe->event, prog, false, args->cookie, BPF_LINK_TYPE_PERF_EVENT, link);
	if (!err) {
		struct trace_link *tl = container_of(*link, struct trace_link, link);

		tl->perf_file = fd_get((int)args->target_fd);
		file_get(tl->perf_file);
	}
	return err;
}

static int attach_raw_tp(struct bpf_prog *prog, const struct bpf_attach_args *args,
			 struct bpf_link **link)
{
	struct trace_event *ev;

	if (prog->type != BPF_PROG_TYPE_RAW_TRACEPOINT)
		return -EINVAL;
	if (!args->tp_name)
		return -EINVAL;
	ev = trace_event_by_name(NULL, args->tp_name);
	if (!ev || ev->listen_changed) /* per-call syscall events are not raw tracepoints */
		return -ENOENT;
	if (prog->aux && prog->aux->max_ctx_offset > ev->nr_args * 8u)
		return -EINVAL; /* reads arguments the tracepoint does not have */
	return link_to(ev, prog, true, 0, BPF_LINK_TYPE_RAW_TRACEPOINT, link);
}

void perf_event_init(void)
{
	bpf_link_register_target(BPF_PERF_EVENT, attach_perf_event);
	bpf_link_register_target(BPF_TRACE_RAW_TP, attach_raw_tp);
}
