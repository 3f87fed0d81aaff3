/*
 * kernel/fs/procfs.c - /proc: text files generated when they are opened.
 *
 * Opening a procfs file runs its show() function into a buffer that grows until the text fits;
 * reads then come from that snapshot, so a reader sees one consistent state even across many
 * read() calls. The same machinery serves tracefs: a generated file may also take writes
 * (write(), and truncate() when opened with O_TRUNC), and carry a context pointer.
 * Files: kallsyms (Linux's format: "address type name", then the JIT images of loaded
 * programs: "address t bpf_prog_<tag>_<name>\t[bpf]"), meminfo, dmesg (the kernel log),
 * ps (one line per process: pid ppid state ticks name).
 */
#include "kernel/fs/vfs.h"
#include "kernel/proc/task.h"
#include "kernel/mm/mm.h"
#include "kernel/kallsyms.h"
#include "bpf/prog_aux.h"
#include "kernel/printk.h"
#include "kernel/time.h"
#include "kernel/lib/string.h"
#include "kernel/lib/vsprintf.h"

extern u64 kmalloc_slab_pages;

void seq_printf(struct seq_buf *s, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(s->buf + s->len, s->len < s->size ? s->size - s->len : 0, fmt, ap);
	va_end(ap);
	s->len += n; /* past size means "did not fit": the caller retries with more room */
}

struct snapshot {
	char *buf;
	size_t len;
};

static int proc_open(struct inode *ino, struct file *f)
{
	struct gen_file *gen = ino->priv;
	struct snapshot *snap;
	size_t size = 4096;

	if ((f->flags & O_ACCMODE) != O_RDONLY) {
		/* opened to write: `>` (O_TRUNC) first clears, `>>` (O_APPEND) adds */
		if ((f->flags & O_TRUNC) && gen->truncate)
			return gen->truncate(gen->ctx);
		return 0;
	}
	snap = kzalloc(sizeof(*snap));
	if (!snap)
		return -ENOMEM;
	for (;;) {
		struct seq_buf s = { kmalloc(size), size, 0 };

		if (!s.buf) {
			kfree(snap);
			return -ENOMEM;
		}
		if (gen->show_ctx)
			gen->show_ctx(&s, gen->ctx);
		else
			gen->show(&s);
		if (s.len < size) {
			snap->buf = s.buf;
			snap->len = s.len;
			break;
		}
		kfree(s.buf);
		size = ALIGN_UP(s.len + 1, 4096ul);
	}
	f->priv = snap;
	return 0;
}

static long proc_read(struct file *f, char *buf, size_t n)
{
	struct snapshot *snap = f->priv;

	if (!snap || f->pos >= snap->len)
		return 0;
	if (n > snap->len - f->pos)
		n = snap->len - f->pos;
	memcpy(buf, snap->buf + f->pos, n);
	f->pos += n;
	return n;
}

static long proc_write(struct file *f, const char *buf, size_t n)
{
	struct gen_file *gen = f->inode->priv;

	return gen->write(gen->ctx, buf, n);
}

static void proc_release(struct file *f)
{
	struct snapshot *snap = f->priv;

	if (snap) {
		kfree(snap->buf);
		kfree(snap);
	}
}

static const struct file_ops proc_fops = {
	.open = proc_open,
	.read = proc_read,
	.release = proc_release,
};

static const struct file_ops proc_rw_fops = {
	.open = proc_open,
	.read = proc_read,
	.write = proc_write,
	.release = proc_release,
};

struct inode *genfile_add(const char *path, const struct gen_file *tmpl)
{
	struct gen_file *gen = kmalloc(sizeof(*gen));
	struct inode *ino;

	if (!gen)
		return NULL;
	*gen = *tmpl;
	ino = vfs_add_file(path, NULL, 0, false);
	if (!ino) {
		kfree(gen);
		return NULL;
	}
	ino->mode = S_IFREG | (gen->write ? 0644 : 0444);
	ino->fops = gen->write ? &proc_rw_fops : &proc_fops;
	ino->priv = gen;
	ino->flags |= INODE_OWNS_PRIV;
	return ino;
}

struct inode *procfs_add(const char *path, void (*show)(struct seq_buf *s))
{
	struct gen_file gen = { .show = show };

	return genfile_add(path, &gen);
}

static void show_kallsyms(struct seq_buf *s)
{
	const struct bpf_prog *prog;

	for (u64 i = 0; i < kallsyms_count(); i++) {
		const char *name;
		u64 addr, size;
		char type;

		kallsyms_get(i, &name, &addr, &size, &type);
		seq_printf(s, "%016llx %c %s\n", addr, type, name);
	}
	/* Then the JIT images of loaded programs, as Linux lists them. */
	for (u32 id = 0; (prog = bpf_prog_get_next_by_id(&id));)
		if (prog->jited)
			seq_printf(s, "%016llx t %s\t[bpf]\n", (u64)prog->jit_image,
				   prog->aux->ksym_name);
}

static void show_meminfo(struct seq_buf *s)
{
	struct kmalloc_stats st;

	kmalloc_get_stats(&st);
	seq_printf(s, "MemTotal:       %8llu kB\n", frame_total_count() * 4);
	seq_printf(s, "MemFree:        %8llu kB\n", frame_free_count() * 4);
	seq_printf(s, "KmallocObjects: %8llu\n", st.live_objects);
	seq_printf(s, "KmallocBytes:   %8llu\n", st.live_bytes);
	seq_printf(s, "PageTables:     %8llu kB\n", vmm_table_pages * 4);
	seq_printf(s, "Slab:           %8llu kB\n", kmalloc_slab_pages * 4);
}

static void show_dmesg(struct seq_buf *s)
{
	size_t room = s->size - MIN(s->len, s->size);
	size_t n = printk_log_read(s->buf + s->len, room);

	if (n == room) /* the whole log did not fit: ask for a bigger buffer */
		n = 65536 + 1;
	s->len += n;
}

static const char *state_name(enum task_state st)
{
	return st == TASK_RUNNABLE ? "R" : st == TASK_BLOCKED ? "S" : st == TASK_ZOMBIE ? "Z" : "?";
}

static void show_ps(struct seq_buf *s)
{
	for (int i = 1; i < MAX_TASKS; i++) {
		struct task *t = &tasks[i];

		if (t->state == TASK_UNUSED)
			continue;
		seq_printf(s, "%d %d %s %llu %u %s\n", t->pid, t->ppid, state_name(t->state), t->ticks,
			   t->uid, t->comm);
	}
}

void procfs_init(void)
{
	vfs_mkdir_p("/proc", 0);
	procfs_add("/proc/kallsyms", show_kallsyms);
	procfs_add("/proc/meminfo", show_meminfo);
	procfs_add("/proc/dmesg", show_dmesg);
	procfs_add("/proc/ps", show_ps);
}
