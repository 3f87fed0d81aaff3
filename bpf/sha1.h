/*
 * bpf/sha1.h - SHA-1 (FIPS 180-4), used for one thing: the tag of a program, the first
 * BPF_TAG_SIZE bytes of the digest of its instructions (bpf/prog.c, bpf_prog_calc_tag), as
 * Linux computes it and bpftool shows it. Not for security.
 */
#ifndef BPF_SHA1_H
#define BPF_SHA1_H

#include "bpf/env.h"

#define SHA1_DIGEST_SIZE 20

/* The SHA-1 digest of len bytes at data, big-endian as the standard prints it. */
void bpf_sha1(const void *data, size_t len, u8 digest[SHA1_DIGEST_SIZE]);

#endif /* BPF_SHA1_H */
