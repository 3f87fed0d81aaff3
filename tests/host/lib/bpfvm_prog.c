/*
 * tests/host/lib/bpfvm_prog.c - bpfvm --prog-type: run a program the way the kernel would
 * load it, through __sys_bpf (see bpfvm_prog.h and docs/bpfvm.md).
 *
 * Steps: create each --map (BPF_MAP_CREATE), rewrite the program's map loads (src_reg
 * BPF_PSEUDO_MAP_FD or BPF_PSEUDO_MAP_VALUE, imm N: the N-th --map) to carry the maps' fds,
 * BPF_PROG_LOAD with a log buffer, BPF_PROG_TEST_RUN on the --ctx bytes --repeat times, print
 * r0 as 0x..., then with --dump-maps each map's entries (hash and array maps by key, ring
 * buffers as the records a consumer would read now). With --verify, the load alone: the
 * verifier's log at --log-level on stdout, exit 0 when it accepts, 1 when it refuses.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bpf/insn.h"
#include "bpf/map.h"
#include "bpf/prog_aux.h"
#include "tests/host/lib/bpfvm_prog.h"
#include "tests/host/lib/sys_bpf.h"

struct map_spec {
	u32 type;
	u32 key_size;
	u32 value_size;
	u32 max_entries;
	int fd;
};

static int fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int fail(const char *fmt, ...)
{
	va_list ap;

	fputs("bpfvm: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return 1;
}

/* "hash:4:8:1024" */
static int parse_map_spec(const char *text, struct map_spec *spec)
{
	char name[32];
	const char *colon = strchr(text, ':');
	unsigned long vals[3];
	const char *p;
	int type;

	if (!colon || (size_t)(colon - text) >= sizeof(name))
		return fail("--map %s: expected TYPE:KEY_SIZE:VALUE_SIZE:MAX_ENTRIES", text);
	memcpy(name, text, (size_t)(colon - text));
	name[colon - text] = '\0';
	type = bpf_map_type_from_name(name);
	if (type < 0)
		return fail("--map %s: unknown map type '%s' (array, hash, lru_hash, percpu_array, "
			    "percpu_hash, ringbuf, stack_trace, prog_array, perf_event_array)",
			    text, name);
	p = colon + 1;
	for (int i = 0; i < 3; i++) {
		char *end;

		if (*p < '0' || *p > '9')
			return fail("--map %s: expected a number at '%s'", text, p);
		vals[i] = strtoul(p, &end, 0);
		if (vals[i] > 0xffffffffUL || (i < 2 && *end != ':') || (i == 2 && *end))
			return fail("--map %s: expected TYPE:KEY_SIZE:VALUE_SIZE:MAX_ENTRIES",
				    text);
		p = end + 1;
	}
	spec->type = (u32)type;
	spec->key_size = (u32)vals[0];
	spec->value_size = (u32)vals[1];
	spec->max_entries = (u32)vals[2];
	return 0;
}

static const char *errno_text(int err)
{
	switch (-err) {
	case EINVAL:
		return "EINVAL";
	case E2BIG:
		return "E2BIG";
	case ENOMEM:
		return "ENOMEM";
	case EFAULT:
		return "EFAULT";
	case EBADF:
		return "EBADF";
	case EPERM:
		return "EPERM";
	case EACCES:
		return "EACCES";
	case ENOENT:
		return "ENOENT";
	case ENOTSUPP:
		return "ENOTSUPP";
	default:
		return "error";
	}
}

/* Point each map load at its map's fd. */
static int patch_map_loads(struct bpf_insn *insns, u32 len, const struct map_spec *maps,
			   u32 nr_maps)
{
	for (u32 i = 0; i + 1 < len; i++) {
		struct bpf_insn *insn = &insns[i];

		if (!bpf_insn_is_ld_imm64(insn))
			continue;
		if (insn->src_reg == BPF_PSEUDO_MAP_FD || insn->src_reg == BPF_PSEUDO_MAP_VALUE) {
			if (insn->imm < 0 || (u32)insn->imm >= nr_maps)
				return fail("insn %u: map %d, but there %s %u --map option%s", i,
					    insn->imm, nr_maps == 1 ? "is" : "are", nr_maps,
					    nr_maps == 1 ? "" : "s");
			insn->imm = maps[insn->imm].fd;
		}
		i++;
	}
	return 0;
}

static void print_hex(const u8 *bytes, u32 len)
{
	for (u32 i = 0; i < len; i++)
		printf("%s%02x", i ? " " : "", bytes[i]);
}

static void dump_ringbuf(int fd)
{
	struct bpf_map *map;
	void *page;
	const u8 *data;
	u64 cons, prod, mask;
	u32 n = 0;

	if (bpf_map_fd_lookup(fd, &map, NULL) || map->ops->map_mmap_page(map, 0, false, &page))
		return;
	cons = *(const u64 *)page;
	map->ops->map_mmap_page(map, BPF_PAGE_SIZE, false, &page);
	prod = *(const u64 *)page;
	map->ops->map_mmap_page(map, 2 * BPF_PAGE_SIZE, false, &page);
	data = page;
	mask = map->max_entries - 1;
	while (cons < prod) {
		const u8 *hdr = data + (cons & mask);
		u32 hdr_len = *(const u32 *)hdr, size = hdr_len & ~(u32)BPF_RINGBUF_DISCARD_BIT;

		if (hdr_len & BPF_RINGBUF_BUSY_BIT) {
			printf("  record %u: busy\n", n);
			break;
		}
		printf("  record %u%s: ", n++,
		       hdr_len & BPF_RINGBUF_DISCARD_BIT ? " (discarded)" : "");
		print_hex(hdr + BPF_RINGBUF_HDR_SZ, size);
		printf("\n");
		cons += (size + BPF_RINGBUF_HDR_SZ + 7) & ~7ull;
	}
}

static void dump_map(u32 index, const struct map_spec *spec)
{
	struct bpf_map *map;
	u8 *key, *next, *value;
	u32 value_size;
	int err;

	printf("map %u: %s key %u value %u max_entries %u\n", index, bpf_map_type_name(spec->type),
	       spec->key_size, spec->value_size, spec->max_entries);
	if (spec->type == BPF_MAP_TYPE_RINGBUF) {
		dump_ringbuf(spec->fd);
		return;
	}
	if (bpf_map_fd_lookup(spec->fd, &map, NULL))
		return;
	value_size = bpf_map_value_size(map);
	key = calloc(1, spec->key_size + 1);
	next = calloc(1, spec->key_size + 1);
	value = calloc(1, value_size + 1);
	if (!key || !next || !value)
		goto out;
	for (err = sys_map_get_next_key(spec->fd, NULL, next); !err;
	     err = sys_map_get_next_key(spec->fd, key, next)) {
		memcpy(key, next, spec->key_size);
		printf("  ");
		print_hex(key, spec->key_size);
		err = sys_map_lookup(spec->fd, key, value);
		printf(": ");
		if (err)
			printf("(%s)", errno_text(err));
		else
			print_hex(value, value_size);
		printf("\n");
	}
out:
	free(key);
	free(next);
	free(value);
}

/* --verify: load with a log of the level asked for and print it; 0 if accepted, else 1. */
static int verify_only(u32 type, struct bpf_insn *insns, u32 len, u32 level)
{
	union bpf_attr attr = { 0 };
	u32 size = 64u << 20;
	char *log = calloc(1, size);
	int fd;

	if (!log)
		return fail("out of memory");
	attr.prog_type = type;
	attr.insn_cnt = len;
	attr.insns = (u64)(uintptr_t)insns;
	attr.license = (u64)(uintptr_t) "GPL";
	attr.log_level = level;
	attr.log_buf = (u64)(uintptr_t)log;
	attr.log_size = size;
	fd = sys_bpf(BPF_PROG_LOAD, &attr);
	fputs(log, stdout);
	free(log);
	if (fd < 0)
		return fail("BPF_PROG_LOAD: %s (%d)", errno_text(fd), fd);
	return 0;
}

int bpfvm_run_prog_type(const struct bpfvm_prog_opts *opts, struct bpf_insn *insns, u32 len)
{
	struct map_spec maps[BPFVM_MAX_MAPS];
	char *log = NULL;
	u32 retval, duration;
	int type, prog, err, ret = 1;

	type = bpf_prog_type_from_name(opts->prog_type);
	if (type < 0)
		return fail("unknown program type '%s' (kprobe, tracepoint, raw_tracepoint, "
			    "perf_event)",
			    opts->prog_type);
	bpf_jit_enable = opts->jit;
	for (u32 i = 0; i < opts->nr_maps; i++) {
		if (parse_map_spec(opts->maps[i], &maps[i]))
			goto out;
		maps[i].fd = sys_map_create(maps[i].type, maps[i].key_size, maps[i].value_size,
					    maps[i].max_entries, 0);
		if (maps[i].fd < 0) {
			fail("--map %s: BPF_MAP_CREATE: %s (%d)", opts->maps[i],
			     errno_text(maps[i].fd), maps[i].fd);
			goto out;
		}
	}
	if (patch_map_loads(insns, len, maps, opts->nr_maps))
		goto out;
	if (opts->verify) {
		ret = verify_only((u32)type, insns, len, opts->log_level ? opts->log_level : 1);
		goto out;
	}

	log = calloc(1, 1 << 16);
	if (!log) {
		fail("out of memory");
		goto out;
	}
	/* As libbpf: the log only when the load fails (a level-1 log may not fit 64 KiB). */
	prog = sys_prog_load((u32)type, insns, len, "GPL", NULL, 0);
	if (prog < 0)
		prog = sys_prog_load((u32)type, insns, len, "GPL", log, 1 << 16);
	if (prog < 0) {
		fputs(log, stderr);
		fail("BPF_PROG_LOAD: %s (%d)", errno_text(prog), prog);
		goto out;
	}
	err = sys_prog_test_run(prog, opts->ctx, (u32)opts->ctx_len, opts->repeat, &retval,
				&duration);
	if (err) {
		fail("BPF_PROG_TEST_RUN: %s (%d)", errno_text(err), err);
		goto out;
	}
	printf("0x%x\n", retval);
	if (opts->repeat > 1)
		fprintf(stderr, "bpfvm: %u runs, %u ns per run\n", opts->repeat, duration);
	if (opts->dump_maps)
		for (u32 i = 0; i < opts->nr_maps; i++)
			dump_map(i, &maps[i]);
	ret = 0;
out:
	free(log);
	return ret;
}
