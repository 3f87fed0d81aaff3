/*
 * kernel/bpf_env.c - the kernel's side of bpf/env.h: what the portable eBPF code needs from
 * glass (memory, time, user copies, file descriptors, the current task, safe probe reads,
 * stacks, pages user space can map).
 *
 * JIT images live in the vmap area (within 2 GiB of the kernel text, so calls to helpers are
 * rel32): written while read-write and not executable, then sealed read-only and executable.
 * bpf objects (maps, programs, links) are open files whose release hook calls bpf_fd_release.
 */
#include "bpf/env.h"
#include "bpf/prog.h"
#include "kernel/cmdline.h"
#include "kernel/trace/trace_buffer.h"
#include "kernel/trace/kprobes.h"
#include "kernel/printk.h"
#include "kernel/time.h"
#include "kernel/uaccess.h"
#include "kernel/mm/mm.h"
#include "kernel/fs/vfs.h"
#include "kernel/proc/task.h"
#include "kernel/lib/vsprintf.h"
#include "kernel/arch/x86/cpu.h"
#include "kernel/arch/x86/asm.h"

void *bpf_env_alloc(size_t size)
{
	return kzalloc(size ? size : 1);
}

void bpf_env_free(void *ptr)
{
	kfree(ptr);
}

u64 bpf_env_time_ns(void)
{
	return ktime_get_ns();
}

void bpf_env_log(const char *fmt, ...)
{
	char line[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	printk(KERN_DEBUG "%s", line);
}

int bpf_env_copy_from_user(void *dst, const void *usrc, size_t size)
{
	return copy_from_user(dst, usrc, size);
}

int bpf_env_copy_to_user(void *udst, const void *src, size_t size)
{
	return copy_to_user(udst, src, size);
}

long bpf_env_strncpy_from_user(char *dst, const char *usrc, long size)
{
	long n = strncpy_from_user(dst, usrc, size);

	return n == -ENAMETOOLONG ? size : n;
}

static u64 pages_for(size_t size) { return ALIGN_UP((u64)size, PAGE_SIZE) / PAGE_SIZE; }

void *bpf_env_jit_alloc(size_t size)
{
	return vmap_alloc(pages_for(size), PROT_KERNEL_RW);
}

int bpf_env_jit_seal(void *image, size_t size)
{
	return vmap_protect(image, pages_for(size), PROT_KERNEL_RX);
}

void bpf_env_jit_free(void *image, size_t size)
{
	if (image)
		vmap_free(image, pages_for(size));
}

unsigned long bpf_env_irq_save(void)
{
	return irq_save();
}

void bpf_env_irq_restore(unsigned long flags)
{
	irq_restore(flags);
}

/* ---- file descriptors ---- */

struct bpf_fd_obj {
	enum bpf_fd_kind kind;
	void *object;
	u32 mode;
};

static void bpf_obj_release(struct file *f)
{
	struct bpf_fd_obj *o = f->priv;

	bpf_fd_release(o->kind, o->object);
	kfree(o);
}

static const struct file_ops bpf_obj_fops = { .release = bpf_obj_release };

int bpf_env_fd_install(enum bpf_fd_kind kind, void *object, u32 mode)
{
	struct bpf_fd_obj *o = kzalloc(sizeof(*o));
	struct file *f;
	int fd;

	if (!o)
		return -ENOMEM;
	o->kind = kind;
	o->object = object;
	o->mode = mode;
	f = file_alloc(&bpf_obj_fops, o, O_RDWR);
	if (!f) {
		kfree(o);
		return -ENOMEM;
	}
	fd = fd_install(f);
	if (fd < 0) {
		/* the caller keeps its reference: do not release the object */
		kfree(o);
		kfree(f);
	}
	return fd;
}

int bpf_env_fd_lookup(int fd, enum bpf_fd_kind kind, void **object, u32 *mode)
{
	struct file *f = fd_get(fd);
	struct bpf_fd_obj *o;

	if (!f)
		return -EBADF;
	if (f->ops != &bpf_obj_fops)
		return -EINVAL;
	o = f->priv;
	if (o->kind != kind)
		return -EINVAL;
	*object = o->object;
	if (mode)
		*mode = o->mode;
	return 0;
}

/* Perf events come with the tracing layer; until then no fd is one. */
int bpf_env_perf_event_get(int fd, void **event)
{
	return fd_get(fd) ? -EINVAL : -EBADF;
}

void bpf_env_perf_event_put(void *event)
{
}

int bpf_env_perf_event_output(void *event, const void *data, u32 size)
{
	return -ENOSPC;
}

/* ---- the current task, CPUs, randomness ---- */

int bpf_env_current_task(struct bpf_env_task *task)
{
	struct task *t = current;

	if (!t)
		return -EINVAL;
	task->pid = t->pid;
	task->tgid = t->pid;
	task->uid = t->uid;
	task->gid = t->gid;
	memcpy(task->comm, t->comm, sizeof(task->comm));
	task->comm[sizeof(task->comm) - 1] = '\0';
	return 0;
}

u32 bpf_env_smp_processor_id(void) { return 0; }
u32 bpf_env_nr_cpus(void) { return 1; }

u32 bpf_env_prandom_u32(void)
{
	static u64 state;

	if (!state)
		state = rdtsc() | 1;
	state ^= state << 13;
	state ^= state >> 7;
	state ^= state << 17;
	return (u32)(state >> 16);
}

/* ---- reads of memory a program names ---- */

/* Copy n bytes that may fault; returns the bytes left (0 on success). */
static size_t copy_nofault(void *dst, const void *src, size_t n)
{
	asm volatile("1: rep movsb\n"
		     "2:\n" _ASM_EXTABLE(1b, 2b)
		     : "+D"(dst), "+S"(src), "+c"(n)
		     :
		     : "memory");
	return n;
}

static bool is_user_addr(const void *p, u32 size)
{
	return access_ok(p, size);
}

static bool is_kernel_addr(const void *p, u32 size)
{
	u64 a = (u64)p;

	return a >= DIRECT_MAP_BASE && a + size >= a;
}

long bpf_env_probe_read(void *dst, u32 size, const void *unsafe, enum bpf_probe_space space)
{
	long err = -EFAULT;

	if (space == BPF_PROBE_ANY)
		space = is_user_addr(unsafe, size) ? BPF_PROBE_USER : BPF_PROBE_KERNEL;
	if (space == BPF_PROBE_USER && is_user_addr(unsafe, size))
		err = copy_from_user(dst, unsafe, size) ? -EFAULT : 0;
	else if (space == BPF_PROBE_KERNEL && is_kernel_addr(unsafe, size))
		err = copy_nofault(dst, unsafe, size) ? -EFAULT : 0;
	if (err)
		memset(dst, 0, size);
	return err;
}

long bpf_env_probe_read_str(void *dst, u32 size, const void *unsafe, enum bpf_probe_space space)
{
	char *d = dst;
	const char *s = unsafe;

	if (!size)
		return 0;
	for (u32 i = 0; i + 1 < size; i++) {
		if (bpf_env_probe_read(&d[i], 1, s + i, space)) {
			memset(dst, 0, size);
			return -EFAULT;
		}
		if (!d[i])
			return i + 1;
	}
	d[size - 1] = '\0';
	return size;
}

void bpf_env_trace_printk(const char *text, u32 len)
{
	trace_buffer_write("bpf_trace_printk", text, len);
}

/* ---- stacks ---- */

int bpf_env_get_stack(const void *ctx, u64 *ips, u32 max, u32 skip, bool user)
{
	const struct pt_regs *regs = ctx;
	u64 bp, ip;
	u32 n = 0;

	if (!regs)
		return -EINVAL;
	if (user != user_mode(regs))
		return -EFAULT; /* the other stack is not known here */
	ip = regs->ip;
	bp = regs->bp;
	for (u32 depth = 0; n < max && depth < 127; depth++) {
		u64 frame[2];

		if (depth >= skip)
			ips[n++] = ip;
		if (user ? copy_from_user(frame, (void *)bp, sizeof(frame)) :
			   (!is_kernel_addr((void *)bp, 16) || copy_nofault(frame, (void *)bp, 16)))
			break;
		if (!frame[1] || frame[0] <= bp)
			break;
		ip = user ? frame[1] : kretprobe_fixup_return(frame[1], bp + 8);
		bp = frame[0];
	}
	return n;
}

u64 bpf_env_get_func_ip(const void *ctx)
{
	return kprobe_func_ip(ctx);
}

/* ---- pages user space can map ---- */

void *bpf_env_alloc_pages(size_t size)
{
	return vmap_alloc(pages_for(size), PROT_KERNEL_RW);
}

void bpf_env_free_pages(void *area, size_t size)
{
	if (area)
		vmap_free(area, pages_for(size));
}

void *bpf_env_alloc_double_mapped(size_t meta_size, size_t data_size)
{
	u64 meta = pages_for(meta_size), data = pages_for(data_size);
	u64 *pas = kmalloc((meta + 2 * data) * sizeof(u64));
	void *area = NULL;
	u64 i;

	if (!pas)
		return NULL;
	for (i = 0; i < meta + data; i++) {
		pas[i] = frame_alloc();
		if (!pas[i])
			goto out;
	}
	for (u64 k = 0; k < data; k++)
		pas[meta + data + k] = pas[meta + k];
	area = vmap_pages(pas, meta + 2 * data, PROT_KERNEL_RW);
out:
	if (!area)
		while (i-- > 0)
			frame_free(pas[i]);
	kfree(pas);
	return area;
}

void bpf_env_free_double_mapped(void *area, size_t meta_size, size_t data_size)
{
	u64 meta = pages_for(meta_size), data = pages_for(data_size);

	if (!area)
		return;
	for (u64 i = 0; i < meta + data; i++)
		frame_free(vmm_virt_to_phys(kernel_pml4, (u64)area + i * PAGE_SIZE));
	vunmap(area, meta + 2 * data);
}

void bpf_env_ringbuf_wakeup(struct bpf_map *map)
{
	wakeup(map);
}

/* bpf_jit_enable=0|1|2 on the command line: interpret, JIT, JIT and dump each image. */
static int set_bpf_jit_enable(const char *value)
{
	if (value[1] || value[0] < '0' || value[0] > '2')
		return -EINVAL;
	bpf_jit_enable = value[0] - '0';
	return 0;
}
__setup("bpf_jit_enable=", set_bpf_jit_enable);
