/*
 * user/lib/bpf/attach.c - bpf_program__attach: from the section name to a link.
 *
 *   kprobe/FUNC[+OFF], kretprobe/FUNC   perf_event_open on the kprobe PMU (its type is in
 *                                       /sys/bus/event_source/devices/kprobe/type; config1
 *                                       points to the name, config2 is the offset, bit 0 of
 *                                       config asks for a return probe), then
 *                                       BPF_LINK_CREATE with BPF_PERF_EVENT;
 *   tracepoint/GROUP/NAME, tp/...       perf_event_open(PERF_TYPE_TRACEPOINT, config = the id
 *                                       in /sys/kernel/tracing/events/GROUP/NAME/id), then the
 *                                       same link;
 *   raw_tracepoint/NAME, raw_tp/NAME    BPF_RAW_TRACEPOINT_OPEN.
 * The link holds the perf event's fd too; bpf_link__destroy closes both, and the kernel
 * disarms the site when its last program leaves.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "user/lib/bpf/libbpf_internal.h"

#define PERF_TYPE_TRACEPOINT 2
#define TRACEFS "/sys/kernel/tracing"

/* The start of Linux's struct perf_event_attr, to config2 (PERF_ATTR_SIZE_VER1). */
struct perf_event_attr {
	__u32 type, size;
	__u64 config, sample_period, sample_type, read_format, flags;
	__u32 wakeup_events, bp_type;
	__u64 config1, config2;
};

struct bpf_link {
	int fd;
	int perf_fd; /* -1 for a raw tracepoint */
};

/* A small decimal file, such as a PMU type or an event id; -errno when it cannot be read. */
static int read_number(const char *path)
{
	char buf[32];
	int fd = open(path, O_RDONLY), n, err;

	if (fd < 0)
		return -errno;
	n = (int)read(fd, buf, sizeof(buf) - 1);
	err = n < 0 ? -errno : 0;
	close(fd);
	if (n <= 0)
		return err ? err : -EINVAL;
	buf[n] = '\0';
	return atoi(buf);
}

static int perf_open(struct perf_event_attr *attr)
{
	int fd = perf_event_open(attr, -1, 0, -1, 0);

	return fd < 0 ? -errno : fd;
}

/* kprobe/FUNC[+OFF] or kretprobe/FUNC: a perf event on the kprobe PMU. */
static int open_kprobe(const struct bpf_program *prog, const char *target, bool retprobe)
{
	struct perf_event_attr attr;
	char func[128];
	const char *plus = strchr(target, '+');
	size_t len = plus ? (size_t)(plus - target) : strlen(target);
	int type = read_number("/sys/bus/event_source/devices/kprobe/type"), fd;

	if (type < 0) {
		pr_warn("prog '%s': no kprobe PMU: %s", prog->name, strerror(-type));
		return type;
	}
	if (!len || len >= sizeof(func)) {
		pr_warn("prog '%s': section '%s' names no function", prog->name, prog->sec_name);
		return -EINVAL;
	}
	memcpy(func, target, len);
	func[len] = '\0';
	memset(&attr, 0, sizeof(attr));
	attr.type = (__u32)type;
	attr.size = sizeof(attr);
	attr.config = retprobe;
	attr.config1 = (unsigned long)func;
	attr.config2 = plus ? strtoul(plus + 1, NULL, 0) : 0;
	fd = perf_open(&attr);
	if (fd < 0)
		pr_warn("prog '%s': cannot create the %s on '%s': %s", prog->name,
			retprobe ? "kretprobe" : "kprobe", target, strerror(-fd));
	return fd;
}

/* tracepoint/GROUP/NAME: a perf event on the tracepoint's id. */
static int open_tracepoint(const struct bpf_program *prog, const char *target)
{
	struct perf_event_attr attr;
	char path[256];
	int id, fd;

	snprintf(path, sizeof(path), TRACEFS "/events/%s/id", target);
	id = read_number(path);
	if (id < 0) {
		pr_warn("prog '%s': no tracepoint '%s' (%s: %s)", prog->name, target, path,
			strerror(-id));
		return id;
	}
	memset(&attr, 0, sizeof(attr));
	attr.type = PERF_TYPE_TRACEPOINT;
	attr.size = sizeof(attr);
	attr.config = (__u64)id;
	fd = perf_open(&attr);
	if (fd < 0)
		pr_warn("prog '%s': cannot open tracepoint '%s': %s", prog->name, target,
			strerror(-fd));
	return fd;
}

/* What follows the section name's first '/'. */
static const char *sec_target(const struct bpf_program *prog)
{
	return strchr(prog->sec_name, '/') + 1; /* every known prefix ends in '/' */
}

static bool sec_is(const struct bpf_program *prog, const char *prefix)
{
	return !strncmp(prog->sec_name, prefix, strlen(prefix));
}

struct bpf_link *bpf_program__attach(const struct bpf_program *prog)
{
	const char *target = sec_target(prog);
	struct bpf_link *link;
	int err;

	if (prog->fd < 0) {
		pr_warn("prog '%s': not loaded", prog->name);
		errno = EINVAL;
		return NULL;
	}
	link = malloc(sizeof(*link));
	if (!link) {
		errno = ENOMEM;
		return NULL;
	}
	link->perf_fd = -1;
	if (prog->type == BPF_PROG_TYPE_RAW_TRACEPOINT) {
		link->fd = bpf_raw_tracepoint_open(target, prog->fd);
		if (link->fd < 0)
			pr_warn("prog '%s': cannot attach to raw tracepoint '%s': %s", prog->name,
				target, strerror(-link->fd));
	} else {
		link->perf_fd = prog->type == BPF_PROG_TYPE_TRACEPOINT
					? open_tracepoint(prog, target)
					: open_kprobe(prog, target, sec_is(prog, "kretprobe/"));
		link->fd = link->perf_fd < 0 ? link->perf_fd
					     : bpf_link_create(prog->fd, link->perf_fd, BPF_PERF_EVENT);
		if (link->perf_fd >= 0 && link->fd < 0)
			pr_warn("prog '%s': cannot link it to its perf event: %s", prog->name,
				strerror(-link->fd));
	}
	if (link->fd < 0) {
		err = link->fd;
		if (link->perf_fd >= 0)
			close(link->perf_fd);
		free(link);
		errno = -err;
		return NULL;
	}
	return link;
}

int bpf_link__destroy(struct bpf_link *link)
{
	int err = 0;

	if (!link)
		return 0;
	if (close(link->fd) < 0)
		err = -errno;
	if (link->perf_fd >= 0 && close(link->perf_fd) < 0 && !err)
		err = -errno;
	free(link);
	return err;
}
