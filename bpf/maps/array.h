/*
 * bpf/maps/array.h - what the array-shaped map types share: the attribute check and the key
 * walk of bpf/maps/array.c, used by the fd arrays (prog_array.c, perf_event_array.c).
 */
#ifndef BPF_MAPS_ARRAY_H
#define BPF_MAPS_ARRAY_H

#include "bpf/map.h"

/* MAP_CREATE checks of every array type: 4-byte keys, values, entries, flags. */
int bpf_array_alloc_check(const union bpf_attr *attr);
/* Keys of an array are the indexes 0 .. max_entries-1; after an invalid key comes 0. */
int bpf_array_get_next_key(struct bpf_map *map, const void *key, void *next_key);

#endif /* BPF_MAPS_ARRAY_H */
