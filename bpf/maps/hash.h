/*
 * bpf/maps/hash.h - a view into the hash table of bpf/maps/hash.c for tests and dumps.
 */
#ifndef BPF_MAPS_HASH_H
#define BPF_MAPS_HASH_H

#include "bpf/map.h"

/* The bucket key falls in, of a HASH, PERCPU_HASH or LRU_HASH map (to build collisions). */
u32 bpf_htab_bucket_of(struct bpf_map *map, const void *key);
/* Number of buckets (a power of two) and of elements in the table now. */
u32 bpf_htab_nr_buckets(struct bpf_map *map);
u32 bpf_htab_count(struct bpf_map *map);

#endif /* BPF_MAPS_HASH_H */
