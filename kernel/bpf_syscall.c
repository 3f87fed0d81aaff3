/*
 * kernel/bpf_syscall.c - bpf(2) and perf_event_open(2) (not wired to bpf/ yet).
 */
#include "kernel/syscall.h"

SYSCALL_DEFINE(bpf)
{
	return -ENOSYS;
}

SYSCALL_DEFINE(perf_event_open)
{
	return -ENOSYS;
}
