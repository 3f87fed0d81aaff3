/*
 * kernel/bpf_syscall.c - the bpf(2) system call: straight into the portable command layer
 * (bpf/syscall.c), which copies the attributes in through copy_from_user and checks them.
 * Loading tracing programs needs uid 0, as Linux without CAP_BPF and CAP_PERFMON.
 * perf_event_open(2) is in kernel/trace/perf_event.c.
 */
#include "kernel/syscall.h"
#include "kernel/proc/task.h"
#include "bpf/syscall.h"

SYSCALL_DEFINE(bpf)
{
	if (current->uid != 0)
		return -EPERM;
	return __sys_bpf((int)a0, (void *)a1, (u32)a2);
}
