/*
 * bpf/link.c - link objects and the dispatch of BPF_LINK_CREATE and BPF_RAW_TRACEPOINT_OPEN
 * to the attach targets registered for each attach type (see bpf/link.h).
 *
 * Order of a LINK_CREATE, as in Linux: check the attributes, take the program (a
 * reference), find the target, let it attach (it builds the link, which takes its own
 * program reference), give the link an id and an fd, drop the command's program reference.
 * If the fd cannot be made the link is put again, which detaches it: nothing stays attached
 * without an fd or a holder.
 *
 * Read next: bpf/syscall.c.
 */
#include "bpf/ids.h"
#include "bpf/link.h"
#include "bpf/syscall.h"

#define BPF_TRACEPOINT_NAME_MAX 128

static bpf_attach_fn attach_targets[__MAX_BPF_ATTACH_TYPE];
static struct bpf_idr link_idr;

int bpf_link_register_target(u32 attach_type, bpf_attach_fn attach)
{
	if (attach_type >= __MAX_BPF_ATTACH_TYPE)
		return -EINVAL;
	if (attach && attach_targets[attach_type])
		return -EBUSY;
	attach_targets[attach_type] = attach;
	return 0;
}

void bpf_link_init(struct bpf_link *link, u32 type, const struct bpf_link_ops *ops,
		   struct bpf_prog *prog)
{
	link->refcnt = 1;
	link->id = 0;
	link->type = type;
	link->ops = ops;
	link->prog = prog;
	bpf_prog_inc(prog);
}

void bpf_link_inc(struct bpf_link *link)
{
	link->refcnt++;
}

void bpf_link_put(struct bpf_link *link)
{
	struct bpf_prog *prog = link->prog;

	if (--link->refcnt)
		return;
	if (link->id) {
		unsigned long flags = bpf_env_irq_save();

		bpf_idr_remove(&link_idr, link->id);
		bpf_env_irq_restore(flags);
	}
	link->ops->release(link);
	link->ops->dealloc(link);
	bpf_prog_put(prog);
}

int bpf_link_get_from_fd(int ufd, struct bpf_link **link)
{
	void *object;
	int err = bpf_env_fd_lookup(ufd, BPF_FD_LINK, &object, NULL);

	if (err)
		return err;
	*link = object;
	bpf_link_inc(*link);
	return 0;
}

struct bpf_link *bpf_link_find_by_id(u32 id)
{
	return bpf_idr_find(&link_idr, id);
}

struct bpf_link *bpf_link_get_next_by_id(u32 *id)
{
	return bpf_idr_get_next(&link_idr, id);
}

/* Give a fresh link an id and an fd (Linux's bpf_link_prime and bpf_link_settle). */
static int link_settle(struct bpf_link *link)
{
	unsigned long flags = bpf_env_irq_save();
	int err = bpf_idr_alloc(&link_idr, link, &link->id);
	int fd;

	bpf_env_irq_restore(flags);
	if (err) {
		bpf_link_put(link);
		return err;
	}
	fd = bpf_env_fd_install(BPF_FD_LINK, link, BPF_FD_READ | BPF_FD_WRITE);
	if (fd < 0)
		bpf_link_put(link);
	return fd;
}

static int attach(int prog_fd, const struct bpf_attach_args *args)
{
	struct bpf_link *link = NULL;
	struct bpf_prog *prog;
	bpf_attach_fn fn;
	int err;

	err = bpf_prog_get(prog_fd, &prog);
	if (err)
		return err;
	fn = args->attach_type < __MAX_BPF_ATTACH_TYPE ? attach_targets[args->attach_type] : NULL;
	err = fn ? fn(prog, args, &link) : -EINVAL;
	bpf_prog_put(prog);
	if (err)
		return err;
	return link_settle(link);
}

int bpf_link_create(const union bpf_attr *attr)
{
	struct bpf_attach_args args = {
	    .attach_type = attr->link_create.attach_type,
	    .target_fd = attr->link_create.target_fd,
	    .flags = attr->link_create.flags,
	};

	if (args.attach_type == BPF_PERF_EVENT)
		args.cookie = attr->link_create.perf_event.bpf_cookie;
	return attach((int)attr->link_create.prog_fd, &args);
}

int bpf_raw_tracepoint_open(const union bpf_attr *attr)
{
	char name[BPF_TRACEPOINT_NAME_MAX];
	struct bpf_attach_args args = {.attach_type = BPF_TRACE_RAW_TP, .tp_name = name};
	long len;

	if (!attr->raw_tracepoint.name)
		return -EINVAL; /* glass has no BTF-based tracing programs to attach without one */
	len = bpf_env_strncpy_from_user(name, (const char *)(uintptr_t)attr->raw_tracepoint.name,
					sizeof(name) - 1);
	if (len < 0)
		return (int)len;
	name[len] = '\0';
	return attach((int)attr->raw_tracepoint.prog_fd, &args);
}

int bpf_link_get_info_by_fd(struct bpf_link *link, const union bpf_attr *attr,
			    union bpf_attr *uattr)
{
	struct bpf_link_info info;
	void *uinfo = (void *)(uintptr_t)attr->info.info;
	u32 info_len = attr->info.info_len;
	int err;

	err = bpf_check_uarg_tail_zero(uinfo, sizeof(info), info_len);
	if (err)
		return err;
	if (info_len > sizeof(info))
		info_len = sizeof(info);
	memset(&info, 0, sizeof(info));
	if (bpf_env_copy_from_user(&info, uinfo, info_len))
		return -EFAULT;
	info.type = link->type;
	info.id = link->id;
	info.prog_id = link->prog->aux->id;
	if (link->ops->fill_link_info) {
		err = link->ops->fill_link_info(link, &info);
		if (err)
			return err;
	}
	if (bpf_env_copy_to_user(uinfo, &info, info_len) ||
	    bpf_env_copy_to_user(&uattr->info.info_len, &info_len, sizeof(info_len)))
		return -EFAULT;
	return 0;
}
