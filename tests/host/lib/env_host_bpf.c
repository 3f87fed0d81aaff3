/*
 * tests/host/lib/env_host_bpf.c - the object layer of bpf/env.h on the host: a file descriptor
 * table, test perf events, the current task, probe reads, the trace buffer, page allocations
 * and double-mapped ring buffer memory.
 *
 * Probe reads use process_vm_readv on this process, which fails with EFAULT on an unmapped
 * address instead of crashing, so helpers can be tested with bad pointers. The double mapping
 * is the real thing: a memfd mapped twice in a row, as the kernel maps the same physical pages
 * twice. See env_host_bpf.h for the knobs tests turn.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/uio.h>
#include <unistd.h>

#include "tests/host/lib/env_host_bpf.h"

/* ---- interrupts: the host runs everything on one thread ---- */

unsigned long bpf_env_irq_save(void)
{
	return 0;
}

void bpf_env_irq_restore(unsigned long flags)
{
	(void)flags;
}

/* ---- the fd table ---- */

#define HOST_NR_FDS   4096
#define HOST_FIRST_FD 3 /* as in a process: 0, 1 and 2 are taken */

/*
 * An open object, as a struct file is in the kernel: it holds one reference to the object,
 * and every fd that refers to it (dup) shares it. The last close releases the reference.
 */
struct host_file {
	enum bpf_fd_kind kind;
	void *object;
	u32 mode;
	int count; /* fds referring to this file */
};
static struct host_file *fd_table[HOST_NR_FDS];

struct host_perf_event {
	int refcnt;
	u8 *buf;
	u32 size;
	u32 head;
	u64 lost;
};
int host_perf_events_live;

static void perf_event_put(struct host_perf_event *event)
{
	if (--event->refcnt)
		return;
	free(event->buf);
	free(event);
	host_perf_events_live--;
}

static int fd_alloc(struct host_file *file)
{
	for (int fd = HOST_FIRST_FD; fd < HOST_NR_FDS; fd++) {
		if (!fd_table[fd]) {
			fd_table[fd] = file;
			file->count++;
			return fd;
		}
	}
	return -EMFILE;
}

int bpf_env_fd_install(enum bpf_fd_kind kind, void *object, u32 mode)
{
	struct host_file *file = calloc(1, sizeof(*file));
	int fd;

	if (!file)
		return -ENOMEM;
	*file = (struct host_file){kind, object, mode, 0};
	fd = fd_alloc(file);
	if (fd < 0)
		free(file);
	return fd;
}

static struct host_file *fd_file(int fd)
{
	return fd < HOST_FIRST_FD || fd >= HOST_NR_FDS ? NULL : fd_table[fd];
}

int bpf_env_fd_lookup(int fd, enum bpf_fd_kind kind, void **object, u32 *mode)
{
	struct host_file *file = fd_file(fd);

	if (!file)
		return -EBADF;
	if (file->kind != kind)
		return -EINVAL;
	*object = file->object;
	if (mode)
		*mode = file->mode;
	return 0;
}

int host_fd_close(int fd)
{
	struct host_file *file = fd_file(fd);

	if (!file)
		return -EBADF;
	fd_table[fd] = NULL;
	if (--file->count)
		return 0;
	if (file->kind == BPF_FD_PERF_EVENT)
		perf_event_put(file->object);
	else
		bpf_fd_release(file->kind, file->object);
	free(file);
	return 0;
}

int host_fd_dup(int fd)
{
	struct host_file *file = fd_file(fd);

	return file ? fd_alloc(file) : -EBADF;
}

int host_fd_close_all(void)
{
	int n = 0;

	for (int fd = HOST_FIRST_FD; fd < HOST_NR_FDS; fd++)
		if (fd_table[fd] && !host_fd_close(fd))
			n++;
	return n;
}

int host_fd_count(void)
{
	int n = 0;

	for (int fd = HOST_FIRST_FD; fd < HOST_NR_FDS; fd++)
		n += fd_table[fd] != NULL;
	return n;
}

/* ---- perf events ---- */

int host_perf_event_open(u32 buf_size)
{
	struct host_perf_event *event = calloc(1, sizeof(*event));
	int fd;

	if (!event)
		return -ENOMEM;
	event->buf = calloc(1, buf_size ? buf_size : 1);
	if (!event->buf) {
		free(event);
		return -ENOMEM;
	}
	event->size = buf_size;
	event->refcnt = 1;
	host_perf_events_live++;
	fd = bpf_env_fd_install(BPF_FD_PERF_EVENT, event, BPF_FD_READ | BPF_FD_WRITE);
	if (fd < 0)
		perf_event_put(event);
	return fd;
}

const u8 *host_perf_event_buffer(int fd, u32 *len, u64 *lost)
{
	void *object;

	if (bpf_env_fd_lookup(fd, BPF_FD_PERF_EVENT, &object, NULL))
		return NULL;
	struct host_perf_event *event = object;
	*len = event->head;
	*lost = event->lost;
	return event->buf;
}

int bpf_env_perf_event_get(int fd, void **event)
{
	if (bpf_env_fd_lookup(fd, BPF_FD_PERF_EVENT, event, NULL))
		return -EBADF; /* Linux's perf_event_get: not open, or not a perf event */
	((struct host_perf_event *)*event)->refcnt++;
	return 0;
}

void bpf_env_perf_event_put(void *event)
{
	perf_event_put(event);
}

int bpf_env_perf_event_output(void *object, const void *data, u32 size)
{
	struct host_perf_event *event = object;
	/* struct perf_event_header (8 bytes), then the raw sample: u32 size, bytes, padding */
	u32 raw = ((size + 4 + 7) & ~7u) - 4;
	u32 total = 8 + 4 + raw;
	u8 *rec;

	if (total > event->size - event->head) {
		event->lost++;
		return -ENOSPC;
	}
	rec = event->buf + event->head;
	memset(rec, 0, total);
	*(u32 *)rec = 9;		/* type: PERF_RECORD_SAMPLE */
	*(u16 *)(rec + 6) = (u16)total; /* size of the whole record */
	*(u32 *)(rec + 8) = raw;	/* PERF_SAMPLE_RAW: size, then the bytes */
	memcpy(rec + 12, data, size);
	event->head += total;
	return 0;
}

/* ---- the current task, CPUs, randomness ---- */

struct bpf_env_task host_task = {1234, 1200, 1000, 100, "host-test"};
bool host_task_valid = true;
u32 host_nr_cpus = 1;
u32 host_cpu;

int bpf_env_current_task(struct bpf_env_task *task)
{
	if (!host_task_valid)
		return -EINVAL;
	*task = host_task;
	return 0;
}

u32 bpf_env_smp_processor_id(void)
{
	return host_cpu;
}

u32 bpf_env_nr_cpus(void)
{
	return host_nr_cpus;
}

u32 bpf_env_prandom_u32(void)
{
	static u64 state = 0x9e3779b97f4a7c15ull;

	state ^= state << 13;
	state ^= state >> 7;
	state ^= state << 17;
	return (u32)(state >> 16);
}

/* ---- probe reads ---- */

/* Copy size bytes from this process's own address src, or fail with -EFAULT. */
static long read_self(void *dst, const void *src, size_t size)
{
	struct iovec local = {dst, size}, remote = {(void *)src, size};

	if (!size)
		return 0;
	return process_vm_readv(getpid(), &local, 1, &remote, 1, 0) == (ssize_t)size ? 0 : -EFAULT;
}

long bpf_env_probe_read(void *dst, u32 size, const void *unsafe, enum bpf_probe_space space)
{
	long err = read_self(dst, unsafe, size);

	(void)space;
	if (err)
		memset(dst, 0, size);
	return err;
}

long bpf_env_probe_read_str(void *dst, u32 size, const void *unsafe, enum bpf_probe_space space)
{
	char *out = dst;
	const char *src = unsafe;
	u32 done = 0;

	(void)space;
	if (!size)
		return 0;
	/* A chunk never crosses a page boundary: a page is readable as a whole or not at all. */
	while (done < size - 1) {
		uintptr_t addr = (uintptr_t)(src + done);
		u32 chunk = BPF_PAGE_SIZE - (addr & (BPF_PAGE_SIZE - 1));

		if (chunk > size - 1 - done)
			chunk = size - 1 - done;
		if (read_self(out + done, src + done, chunk)) {
			memset(dst, 0, size);
			return -EFAULT;
		}
		for (u32 i = 0; i < chunk; i++)
			if (!out[done + i])
				return done + i + 1;
		done += chunk;
	}
	out[done] = '\0';
	return done + 1;
}

/* ---- trace output ---- */

static char trace_buf[1 << 16];
static size_t trace_len;

void bpf_env_trace_printk(const char *text, u32 len)
{
	if (trace_len + len + 1 > sizeof(trace_buf))
		return;
	memcpy(trace_buf + trace_len, text, len);
	trace_len += len;
	trace_buf[trace_len] = '\0';
}

const char *host_trace_text(void)
{
	return trace_buf;
}

void host_trace_clear(void)
{
	trace_len = 0;
	trace_buf[0] = '\0';
}

/* ---- stacks and function addresses ---- */

u64 host_stack[128];
u32 host_stack_len;
int host_stack_err;
u64 host_func_ip;

int bpf_env_get_stack(const void *ctx, u64 *ips, u32 max, u32 skip, bool user)
{
	u32 n = 0;

	(void)ctx;
	(void)user;
	if (host_stack_err)
		return host_stack_err;
	for (u32 i = skip; i < host_stack_len && n < max; i++)
		ips[n++] = host_stack[i];
	return n;
}

u64 bpf_env_get_func_ip(const void *ctx)
{
	(void)ctx;
	return host_func_ip;
}

/* ---- pages ---- */

void *bpf_env_alloc_pages(size_t size)
{
	void *area = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (area == MAP_FAILED)
		return NULL;
	bpf_env_live_allocs++;
	return area;
}

void bpf_env_free_pages(void *area, size_t size)
{
	if (!area)
		return;
	munmap(area, size);
	bpf_env_live_allocs--;
}

void *bpf_env_alloc_double_mapped(size_t meta_size, size_t data_size)
{
	size_t total = meta_size + 2 * data_size;
	int fd = memfd_create("bpf-ringbuf", MFD_CLOEXEC);
	u8 *area, *first, *second;

	if (fd < 0)
		return NULL;
	if (ftruncate(fd, meta_size + data_size))
		goto fail_fd;
	/* Reserve the whole range, then put the file in it: once whole, then its data again. */
	area = mmap(NULL, total, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (area == MAP_FAILED)
		goto fail_fd;
	first = mmap(area, meta_size + data_size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED,
		     fd, 0);
	second = mmap(area + meta_size + data_size, data_size, PROT_READ | PROT_WRITE,
		      MAP_SHARED | MAP_FIXED, fd, (off_t)meta_size);
	if (first == MAP_FAILED || second == MAP_FAILED) {
		munmap(area, total);
		goto fail_fd;
	}
	close(fd);
	bpf_env_live_allocs++;
	return area;
fail_fd:
	close(fd);
	return NULL;
}

void bpf_env_free_double_mapped(void *area, size_t meta_size, size_t data_size)
{
	if (!area)
		return;
	munmap(area, meta_size + 2 * data_size);
	bpf_env_live_allocs--;
}

/* ---- ring buffer readers ---- */

u64 host_ringbuf_wakeups;

void bpf_env_ringbuf_wakeup(struct bpf_map *map)
{
	(void)map;
	host_ringbuf_wakeups++;
}
