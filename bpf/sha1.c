/*
 * bpf/sha1.c - SHA-1 over a buffer in memory, straight from FIPS 180-4 section 6.1.
 *
 * The message is processed in 64-byte blocks; the last one or two blocks are built on the
 * stack with the padding: a 1 bit, zeros, and the message length in bits as a big-endian
 * 64-bit number in the last 8 bytes. Each block expands to 80 words and runs 80 rounds in
 * four groups of 20, each group with its own function and constant.
 */
#include "bpf/sha1.h"

static inline u32 rol32(u32 x, unsigned int n)
{
	return (x << n) | (x >> (32 - n));
}

static inline u32 load_be32(const u8 *p)
{
	return (u32)p[0] << 24 | (u32)p[1] << 16 | (u32)p[2] << 8 | p[3];
}

static void sha1_block(u32 h[5], const u8 block[64])
{
	u32 w[80], a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];

	for (int t = 0; t < 16; t++)
		w[t] = load_be32(block + 4 * t);
	for (int t = 16; t < 80; t++)
		w[t] = rol32(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1);

	for (int t = 0; t < 80; t++) {
		u32 f, k, temp;

		if (t < 20) {
			f = (b & c) | (~b & d); /* Ch */
			k = 0x5a827999;
		} else if (t < 40) {
			f = b ^ c ^ d; /* Parity */
			k = 0x6ed9eba1;
		} else if (t < 60) {
			f = (b & c) | (b & d) | (c & d); /* Maj */
			k = 0x8f1bbcdc;
		} else {
			f = b ^ c ^ d;
			k = 0xca62c1d6;
		}
		temp = rol32(a, 5) + f + e + k + w[t];
		e = d;
		d = c;
		c = rol32(b, 30);
		b = a;
		a = temp;
	}
	h[0] += a;
	h[1] += b;
	h[2] += c;
	h[3] += d;
	h[4] += e;
}

void bpf_sha1(const void *data, size_t len, u8 digest[SHA1_DIGEST_SIZE])
{
	u32 h[5] = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0};
	const u8 *p = data;
	size_t rest = len;
	u8 tail[128];
	u64 bits = (u64)len * 8;
	size_t tail_len;

	for (; rest >= 64; rest -= 64, p += 64)
		sha1_block(h, p);

	/* Padding: the leftover bytes, 0x80, zeros, then the length: one block or two. */
	memset(tail, 0, sizeof(tail));
	if (rest)
		memcpy(tail, p, rest);
	tail[rest] = 0x80;
	tail_len = rest + 1 + 8 <= 64 ? 64 : 128;
	for (int i = 0; i < 8; i++)
		tail[tail_len - 1 - i] = (u8)(bits >> (8 * i));
	sha1_block(h, tail);
	if (tail_len == 128)
		sha1_block(h, tail + 64);

	for (int i = 0; i < 5; i++) {
		digest[4 * i] = (u8)(h[i] >> 24);
		digest[4 * i + 1] = (u8)(h[i] >> 16);
		digest[4 * i + 2] = (u8)(h[i] >> 8);
		digest[4 * i + 3] = (u8)h[i];
	}
}
