// SPDX-License-Identifier: GPL-2.0
/*
 * tests/host/llvm/alu_jumps.bpf.c - arithmetic and comparisons of every kind, 32 and 64 bits,
 * with immediates and registers, each function a BPF-to-BPF call of its own, compiled by
 * test_llvm_disasm.c to compare our disassembler with llvm-objdump. With -mcpu=v4 it also holds
 * what only v4 emits: signed division and remainder, sign-extending moves and loads, byte swaps
 * without endianness. It is never loaded.
 */
#include <linux/bpf.h>
#include <linux/ptrace.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

#define NOINLINE __attribute__((noinline))

NOINLINE __u64 alu64(__u64 a, __u64 b, __s64 c)
{
	a += 5;
	a -= b;
	a *= 7;
	a |= b << 3;
	a &= 0xfffff0;
	a ^= b >> 7;
	a <<= b & 63;
	a >>= (b >> 8) & 63;
	c >>= 3;
	c >>= b & 31;
	a += (__u64)-c;
	a /= b | 1;
	a += b / 10;
	return a + (b % 1000003) * 0x7fffffffLL + 0x1122334455667788ULL;
}

NOINLINE __u32 alu32(__u32 a, __u32 b, __s32 c)
{
	a += 5;
	a -= b;
	a *= b | 3;
	a |= b << 3;
	a &= 0xfff0;
	a ^= b >> 7;
	a <<= b & 31;
	a >>= (b >> 8) & 31;
	c >>= 3;
	c >>= b & 31;
	a += (__u32)-c;
	a /= b | 1;
	return a + b / 10 + b % 7;
}

NOINLINE int compare64(__u64 a, __u64 b, __s64 c, __s64 d)
{
	int r = 0;

	if (a == b) r += 1;
	if (a != 17) r += 2;
	if (a > b) r += 3;
	if (a >= 100) r += 4;
	if (a < b) r += 5;
	if (a <= 200) r += 6;
	if (c > d) r += 7;
	if (c >= -5) r += 8;
	if (c < d) r += 9;
	if (c <= -1000) r += 10;
	return r;
}

NOINLINE int compare32(__u32 a, __u32 b, __s32 c, __s32 d)
{
	int r = 0;

	if (a == b) r += 1;
	if (a != 17) r += 2;
	if (a > b) r += 3;
	if (a >= 100) r += 4;
	if (a < b) r += 5;
	if (a <= 200) r += 6;
	if (c > d) r += 7;
	if (c >= -5) r += 8;
	if (c < d) r += 9;
	if (c <= -1000) r += 10;
	return r;
}

NOINLINE __s64 widen(const void *p, __s64 x, __s32 y)
{
	const __s8 *b = p;
	const __s16 *h = p;
	const __s32 *w = p;

	/* sign extensions: shifts before v4, movsx and ldsx from v4 */
	return (__s64)(__s8)x + (__s64)(__s16)y + (__s64)(__s32)x + b[1] + h[2] + w[3];
}

#if defined(__BPF_CPU_VERSION__) && __BPF_CPU_VERSION__ >= 4
NOINLINE __s64 signed_ops(__s64 a, __s64 b, __s32 c, __s32 d)
{
	return a / b + a % b + c / d + c % d + a / -3 + c % 5 + (__s64)__builtin_bswap64(a) +
	       __builtin_bswap32(c) + __builtin_bswap16(d);
}
#endif

SEC("kprobe/do_nanosleep")
int BPF_KPROBE(trace_sleep, void *t, int mode)
{
	__u64 a = PT_REGS_PARM3(ctx), b = PT_REGS_PARM4(ctx);
	char buf[16] = {};
	__s64 r;

	bpf_probe_read_kernel(buf, sizeof(buf), t);
	r = alu64(a, b, (__s64)a) + alu32((__u32)a, (__u32)b, mode);
	r += compare64(a, b, (__s64)a, (__s64)b) + compare32((__u32)a, (__u32)b, mode, -mode);
	r += widen(buf, r, mode);
#if defined(__BPF_CPU_VERSION__) && __BPF_CPU_VERSION__ >= 4
	r += signed_ops(r, a | 1, mode, mode | 1);
#endif
	return (int)r;
}

char LICENSE[] SEC("license") = "GPL";
