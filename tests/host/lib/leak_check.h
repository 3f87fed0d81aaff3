/*
 * tests/host/lib/leak_check.h - setup and teardown for the cmocka tests of the bpf() layer:
 * every test starts with no fd open, the host environment reset and the JIT enabled, and must
 * end with every object freed. The teardown
 * closes every fd the test left open, then checks that the allocation counters of the
 * environment are back where they started. Header-only; include it in one test file.
 */
#ifndef TESTS_HOST_LEAK_CHECK_H
#define TESTS_HOST_LEAK_CHECK_H

#include <stdio.h>

#include "bpf/prog.h"
#include "tests/host/lib/env_host_bpf.h"

static long leak_check_allocs;

static int leak_check_setup(void **state)
{
	(void)state;
	host_fd_close_all();
	host_trace_clear();
	host_nr_cpus = 1;
	host_cpu = 0;
	host_task_valid = true;
	host_stack_len = 0;
	host_stack_err = 0;
	bpf_jit_enable = 1;
	leak_check_allocs = bpf_env_live_allocs;
	return 0;
}

static int leak_check_teardown(void **state)
{
	(void)state;
	host_fd_close_all();
	if (bpf_env_live_allocs != leak_check_allocs || host_perf_events_live) {
		fprintf(stderr, "leak: %ld allocations and %d perf events remain\n",
			bpf_env_live_allocs - leak_check_allocs, host_perf_events_live);
		return -1;
	}
	return 0;
}

#define TEST(fn) cmocka_unit_test_setup_teardown(fn, leak_check_setup, leak_check_teardown)

#endif /* TESTS_HOST_LEAK_CHECK_H */
