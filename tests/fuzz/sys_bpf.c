/*
 * tests/fuzz/sys_bpf.c - fuzzing the bpf() command layer (libFuzzer).
 *
 * An input is a script of bpf() calls: each step takes a command and a union bpf_attr from
 * the input bytes, then repairs what cannot be fuzzed on the host (the pointers, which would
 * point anywhere: each pointer field of the command is replaced by a pointer into a scratch
 * buffer large enough for any size the command could copy, or by NULL) and bounds what would
 * only exhaust memory (map sizes). fd fields keep small values, so they name the fds earlier
 * steps opened, of every kind. Commands that would run a program (PROG_TEST_RUN) are left
 * out: until the verifier exists, a loaded program is not known to be safe.
 *
 * After each input every fd is closed, and the allocation counter of the environment must be
 * back where it started: a leak aborts, as a crash does.
 *
 *	build/host/fuzz_sys_bpf -max_total_time=60 build/fuzz-corpus/fuzz_sys_bpf
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/host/lib/env_host_bpf.h"
#include "tests/host/lib/sys_bpf.h"

#define SCRATCH_SIZE (1 << 16)
#define MAX_STEPS    32

static u8 scratch[SCRATCH_SIZE];

/* A pointer into scratch with room for size bytes, or NULL, chosen by sel. */
static u64 fuzz_ptr(u64 sel, u64 size)
{
	if (!(sel & 7) || size > SCRATCH_SIZE)
		return 0;
	return (u64)(uintptr_t)(scratch + (sel >> 3) % (SCRATCH_SIZE - size + 1));
}

static void fix_attr(int cmd, union bpf_attr *attr)
{
	switch (cmd) {
	case BPF_MAP_CREATE:
		attr->key_size %= 65;
		attr->value_size %= 257;
		attr->max_entries %= 65;
		if (attr->map_type == BPF_MAP_TYPE_RINGBUF)
			attr->max_entries = 4096u << (attr->max_entries & 1);
		break;
	case BPF_MAP_LOOKUP_ELEM:
	case BPF_MAP_UPDATE_ELEM:
	case BPF_MAP_DELETE_ELEM:
	case BPF_MAP_GET_NEXT_KEY:
	case BPF_MAP_LOOKUP_AND_DELETE_ELEM:
		/* Keys of at most 64 bytes, values of at most 256 per CPU (one CPU). */
		attr->key = fuzz_ptr(attr->key, 64);
		attr->value = fuzz_ptr(attr->value, 256);
		break;
	case BPF_PROG_LOAD:
		attr->insn_cnt %= 64;
		attr->insns = fuzz_ptr(attr->insns, 64 * 8);
		attr->license = fuzz_ptr(attr->license, 128);
		attr->log_buf = fuzz_ptr(attr->log_buf, attr->log_size);
		break;
	case BPF_OBJ_GET_INFO_BY_FD: {
		struct bpf_prog_info info; /* a copy: the fuzzed pointer may be misaligned */
		void *where;

		attr->info.info_len %= 512;
		attr->info.info = fuzz_ptr(attr->info.info, 512);
		/* The arrays an info names are fuzzed too: point them at scratch as well. */
		where = (void *)(uintptr_t)attr->info.info;
		if (where && attr->info.info_len >= sizeof(info)) {
			memcpy(&info, where, sizeof(info));
			info.nr_map_ids %= 64;
			info.map_ids = fuzz_ptr(info.map_ids, 64 * 4);
			info.xlated_prog_len %= 64 * 8 + 1;
			info.xlated_prog_insns = fuzz_ptr(info.xlated_prog_insns, 64 * 8);
			info.jited_prog_len %= 4096;
			info.jited_prog_insns = fuzz_ptr(info.jited_prog_insns, 4096);
			info.nr_jited_ksyms %= 4;
			info.jited_ksyms = fuzz_ptr(info.jited_ksyms, 32);
			info.nr_jited_func_lens %= 4;
			info.jited_func_lens = fuzz_ptr(info.jited_func_lens, 16);
			memcpy(where, &info, sizeof(info));
		}
		break;
	}
	case BPF_RAW_TRACEPOINT_OPEN:
		attr->raw_tracepoint.name = fuzz_ptr(attr->raw_tracepoint.name, 128);
		break;
	case BPF_PROG_TEST_RUN:
		break;
	}
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);
int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	long allocs = bpf_env_live_allocs;
	size_t step = 1 + sizeof(union bpf_attr);

	memset(scratch, 0, sizeof(scratch));
	/* The input's tail, after the steps, seeds the scratch buffer (keys, programs, names). */
	if (size > MAX_STEPS * step)
		memcpy(scratch, data + MAX_STEPS * step,
		       size - MAX_STEPS * step < SCRATCH_SIZE ? size - MAX_STEPS * step
							      : SCRATCH_SIZE);
	for (size_t off = 0; off + step <= size && off < MAX_STEPS * step; off += step) {
		union bpf_attr attr;
		int cmd = data[off] % (__MAX_BPF_CMD + 2);

		memcpy(&attr, data + off + 1, sizeof(attr));
		if (cmd == BPF_PROG_TEST_RUN)
			continue;
		fix_attr(cmd, &attr);
		__sys_bpf(cmd, &attr, sizeof(attr));
	}
	host_fd_close_all();
	if (bpf_env_live_allocs != allocs || host_perf_events_live) {
		fprintf(stderr, "sys_bpf: %ld allocations left after closing every fd\n",
			bpf_env_live_allocs - allocs);
		abort();
	}
	return 0;
}
