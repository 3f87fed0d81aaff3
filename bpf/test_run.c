/*
 * bpf/test_run.c - BPF_PROG_TEST_RUN: run a loaded program on a context user space gives,
 * as many times as it asks, and report r0 and the average time of one run.
 *
 * This is how programs are tested without their event: the runner (bpfvm --prog-type) and
 * the host tests load a program through bpf() and run it here. The program gets a zeroed
 * context of its type's size (struct pt_regs for a kprobe, ...) with the ctx_in bytes copied
 * over its start; with ctx_out, the context is copied back afterwards (a program may not
 * change it, but Linux's interface allows it). Tracing programs have no packet, so data_in
 * and data_out must be empty. Runs go through bpf_prog_run, so statistics count them.
 *
 * Read next: bpf/link.c.
 */
#include "bpf/prog_aux.h"
#include "bpf/syscall.h"

static int copy_ctx_in(const union bpf_attr *attr, void *ctx, u32 ctx_size)
{
	const void *uctx = (const void *)(uintptr_t)attr->test.ctx_in;
	u32 size = attr->test.ctx_size_in;
	int err;

	if (!uctx)
		return size ? -EINVAL : 0;
	err = bpf_check_uarg_tail_zero(uctx, ctx_size, size);
	if (err)
		return err;
	if (size > ctx_size)
		size = ctx_size;
	return bpf_env_copy_from_user(ctx, uctx, size) ? -EFAULT : 0;
}

/* Copy the context back: as much as fits, and its full size in ctx_size_out. */
static int copy_ctx_out(const union bpf_attr *attr, union bpf_attr *uattr, const void *ctx,
			u32 ctx_size)
{
	void *uctx = (void *)(uintptr_t)attr->test.ctx_out;
	u32 room = attr->test.ctx_size_out, n = ctx_size;
	int err = 0;

	if (!uctx)
		return 0;
	if (n > room) {
		n = room;
		err = -ENOSPC;
	}
	if (bpf_env_copy_to_user(uctx, ctx, n) ||
	    bpf_env_copy_to_user(&uattr->test.ctx_size_out, &ctx_size, sizeof(ctx_size)))
		return -EFAULT;
	return err;
}

static int check_test_attr(const union bpf_attr *attr)
{
	if (attr->test.flags & ~BPF_F_TEST_RUN_ON_CPU)
		return -EINVAL;
	if (!(attr->test.flags & BPF_F_TEST_RUN_ON_CPU) && attr->test.cpu)
		return -EINVAL;
	if (attr->test.flags & BPF_F_TEST_RUN_ON_CPU &&
	    (attr->test.cpu >= bpf_env_nr_cpus() || attr->test.cpu != bpf_env_smp_processor_id()))
		return -ENXIO; /* glass runs the test on the CPU it is called on */
	if (attr->test.data_in || attr->test.data_out || attr->test.data_size_in ||
	    attr->test.data_size_out || attr->test.batch_size)
		return -EINVAL; /* tracing programs have no packet data */
	return 0;
}

int bpf_prog_test_run(const union bpf_attr *attr, union bpf_attr *uattr)
{
	struct bpf_prog *prog;
	u32 repeat = attr->test.repeat ? attr->test.repeat : 1, retval, duration, ctx_size;
	u64 start, elapsed, r0 = 0;
	void *ctx = NULL;
	int err;

	err = bpf_prog_get((int)attr->test.prog_fd, &prog);
	if (err)
		return err;
	err = check_test_attr(attr);
	if (err)
		goto out;
	ctx_size = prog->aux->ops->ctx_size;
	ctx = bpf_env_alloc(ctx_size);
	if (!ctx) {
		err = -ENOMEM;
		goto out;
	}
	err = copy_ctx_in(attr, ctx, ctx_size);
	if (err)
		goto out;

	start = bpf_env_time_ns();
	for (u32 i = 0; i < repeat; i++)
		r0 = bpf_prog_run(prog, ctx);
	elapsed = (bpf_env_time_ns() - start) / repeat;
	duration = elapsed > 0xffffffffu ? 0xffffffffu : (u32)elapsed;
	retval = (u32)r0;

	if (bpf_env_copy_to_user(&uattr->test.retval, &retval, sizeof(retval)) ||
	    bpf_env_copy_to_user(&uattr->test.duration, &duration, sizeof(duration))) {
		err = -EFAULT;
		goto out;
	}
	err = copy_ctx_out(attr, uattr, ctx, ctx_size);
out:
	bpf_env_free(ctx);
	bpf_prog_put(prog);
	return err;
}
