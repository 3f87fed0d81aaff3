/*
 * user/lib/bpf/libbpf.h - BPF objects: open the ELF file clang made, create its maps, load its
 * programs and attach them, with libbpf's names and behaviour (libbpf 1.x: functions that
 * return a pointer give NULL and set errno; those that return int give -errno).
 *
 *	obj = bpf_object__open_file("/bpf/tracex1.bpf.o", NULL);   the ELF, the maps' BTF
 *	bpf_object__load(obj);                                      maps, relocations, programs
 *	link = bpf_program__attach(prog);                           by the program's SEC() name
 *	bpf_map_lookup_elem(bpf_map__fd(map), &key, &value);        (bpf.h)
 *	bpf_link__destroy(link); bpf_object__close(obj);
 *
 * Problems are printed on stderr as "libbpf: ...", naming the file and what is wrong, and a
 * program the verifier refuses has its log printed between "-- BEGIN PROG LOAD LOG --" and
 * "-- END PROG LOAD LOG --", as libbpf prints it.
 */
#ifndef USER_LIB_BPF_LIBBPF_H
#define USER_LIB_BPF_LIBBPF_H

#include <stddef.h>

#include "user/lib/bpf/bpf.h"

struct bpf_object;
struct bpf_program;
struct bpf_map;
struct bpf_link;

/* Parse path (opts must be NULL). NULL with errno: ENOENT, ENOEXEC (not a BPF object), ... */
struct bpf_object *bpf_object__open_file(const char *path, const void *opts);
/* Create the maps, apply the relocations, load every program. 0 or -errno. */
int bpf_object__load(struct bpf_object *obj);
/* Close every fd and free everything (links are separate: destroy them first). */
void bpf_object__close(struct bpf_object *obj);
const char *bpf_object__name(const struct bpf_object *obj);

struct bpf_program *bpf_object__next_program(const struct bpf_object *obj,
					     struct bpf_program *prog);
struct bpf_map *bpf_object__next_map(const struct bpf_object *obj, struct bpf_map *map);
#define bpf_object__for_each_program(pos, obj) \
	for ((pos) = bpf_object__next_program((obj), NULL); (pos); \
	     (pos) = bpf_object__next_program((obj), (pos)))
#define bpf_object__for_each_map(pos, obj) \
	for ((pos) = bpf_object__next_map((obj), NULL); (pos); (pos) = bpf_object__next_map((obj), (pos)))
struct bpf_program *bpf_object__find_program_by_name(const struct bpf_object *obj,
						     const char *name);
struct bpf_map *bpf_object__find_map_by_name(const struct bpf_object *obj, const char *name);

const char *bpf_program__name(const struct bpf_program *prog);
const char *bpf_program__section_name(const struct bpf_program *prog);
enum bpf_prog_type bpf_program__type(const struct bpf_program *prog);
size_t bpf_program__insn_cnt(const struct bpf_program *prog);
int bpf_program__fd(const struct bpf_program *prog); /* -1 before bpf_object__load */

const char *bpf_map__name(const struct bpf_map *map);
enum bpf_map_type bpf_map__type(const struct bpf_map *map);
__u32 bpf_map__key_size(const struct bpf_map *map);
__u32 bpf_map__value_size(const struct bpf_map *map);
__u32 bpf_map__max_entries(const struct bpf_map *map);
int bpf_map__fd(const struct bpf_map *map); /* -1 before bpf_object__load */

/*
 * Attach by the section name: kprobe/FUNC[+OFF], kretprobe/FUNC (the kprobe PMU), tracepoint/
 * GROUP/NAME or tp/GROUP/NAME (its id in tracefs), both through perf_event_open and
 * BPF_LINK_CREATE; raw_tracepoint/NAME or raw_tp/NAME (BPF_RAW_TRACEPOINT_OPEN).
 */
struct bpf_link *bpf_program__attach(const struct bpf_program *prog);
/* Detach (the kernel disarms the site when its last program goes) and free. 0 or -errno. */
int bpf_link__destroy(struct bpf_link *link);

/*
 * Ring buffers (BPF_MAP_TYPE_RINGBUF): user space maps the consumer page writable, and the
 * producer page and the data twice in a row read-only, as libbpf does; each record the
 * programs submitted is handed to sample_cb(ctx, data, size) in order (a callback that returns
 * non-zero stops the loop and its value is returned). glass has no epoll: poll checks, then
 * sleeps a millisecond at a time until a record comes or timeout_ms passes.
 */
struct ring_buffer;
typedef int (*ring_buffer_sample_fn)(void *ctx, void *data, size_t size);
struct ring_buffer *ring_buffer__new(int map_fd, ring_buffer_sample_fn sample_cb, void *ctx,
				     const void *opts);
/* Records handled (>= 0), or the callback's non-zero value, or -errno. */
int ring_buffer__consume(struct ring_buffer *rb);
int ring_buffer__poll(struct ring_buffer *rb, int timeout_ms);
void ring_buffer__free(struct ring_buffer *rb);

#endif
