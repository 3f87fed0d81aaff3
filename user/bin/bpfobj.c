/*
 * bpfobj.c - what a BPF object file holds, as the loader (user/lib/bpf) sees it.
 *
 *     bpfobj [-l | -r] FILE...
 *
 * For each FILE: its programs (name, type, section, instructions: with the functions of .text
 * they call) and its maps (name, type, key and value sizes, entries; global data sections are
 * maps too). With -l it also loads the object: the kernel creates the maps and verifies the
 * programs, and a program the verifier refuses gets its log printed. -r loads, then runs each
 * program once with BPF_PROG_TEST_RUN on a context of zeros and prints what it returned.
 * Bad files get the loader's message naming what is wrong. Exit status 0 when every FILE
 * could be opened (and with -l or -r, loaded and run).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "user/lib/bpf/libbpf.h"

static const char *prog_type_name(enum bpf_prog_type type)
{
	switch (type) {
	case BPF_PROG_TYPE_KPROBE:
		return "kprobe";
	case BPF_PROG_TYPE_TRACEPOINT:
		return "tracepoint";
	case BPF_PROG_TYPE_RAW_TRACEPOINT:
		return "raw_tracepoint";
	default:
		return "?";
	}
}

static const char *map_type_name(enum bpf_map_type type)
{
	static const char *const names[] = {
		[BPF_MAP_TYPE_HASH] = "hash",
		[BPF_MAP_TYPE_ARRAY] = "array",
		[BPF_MAP_TYPE_PROG_ARRAY] = "prog_array",
		[BPF_MAP_TYPE_PERF_EVENT_ARRAY] = "perf_event_array",
		[BPF_MAP_TYPE_PERCPU_HASH] = "percpu_hash",
		[BPF_MAP_TYPE_PERCPU_ARRAY] = "percpu_array",
		[BPF_MAP_TYPE_STACK_TRACE] = "stack_trace",
		[BPF_MAP_TYPE_LRU_HASH] = "lru_hash",
		[BPF_MAP_TYPE_RINGBUF] = "ringbuf",
	};

	return type < sizeof(names) / sizeof(names[0]) && names[type] ? names[type] : "?";
}

static int show(const char *path, int load)
{
	struct bpf_object *obj = bpf_object__open_file(path, NULL);
	struct bpf_program *prog;
	struct bpf_map *map;
	int err = 0;

	if (!obj) {
		printf("%s: cannot open: %s\n", path, strerror(errno));
		return 1;
	}
	if (load) {
		err = bpf_object__load(obj);
		printf("%s: %s\n", path, err ? strerror(-err) : "loaded");
	}
	bpf_object__for_each_program(prog, obj) {
		printf("%s: program %s: %s, section %s, %zu insns", path, bpf_program__name(prog),
		       prog_type_name(bpf_program__type(prog)), bpf_program__section_name(prog),
		       bpf_program__insn_cnt(prog));
		if (bpf_program__fd(prog) >= 0)
			printf(", fd %d", bpf_program__fd(prog));
		printf("\n");
		if (load > 1 && !err) {
			static const unsigned char zeros[256];
			struct bpf_test_run_opts run = { .sz = sizeof(run), .ctx_in = zeros,
							 .ctx_size_in = sizeof(zeros) };

			err = bpf_prog_test_run_opts(bpf_program__fd(prog), &run);
			if (err)
				printf("%s: program %s: test run: %s\n", path,
				       bpf_program__name(prog), strerror(-err));
			else
				printf("%s: program %s: test run: returned %u\n", path,
				       bpf_program__name(prog), run.retval);
		}
	}
	bpf_object__for_each_map(map, obj) {
		printf("%s: map %s: %s, key %u, value %u, max_entries %u", path, bpf_map__name(map),
		       map_type_name(bpf_map__type(map)), bpf_map__key_size(map),
		       bpf_map__value_size(map), bpf_map__max_entries(map));
		if (bpf_map__fd(map) >= 0)
			printf(", fd %d", bpf_map__fd(map));
		printf("\n");
	}
	bpf_object__close(obj);
	return err ? 1 : 0;
}

int main(int argc, char **argv)
{
	int load = 0, status = 0, opt;

	while ((opt = getopt(argc, argv, "lr")) != -1) {
		if (opt != 'l' && opt != 'r') {
			fprintf(stderr, "usage: bpfobj [-l | -r] FILE...\n");
			return 1;
		}
		load = opt == 'r' ? 2 : 1;
	}
	if (optind == argc) {
		fprintf(stderr, "usage: bpfobj [-l | -r] FILE...\n");
		return 1;
	}
	for (int i = optind; i < argc; i++)
		status |= show(argv[i], load);
	return status;
}
