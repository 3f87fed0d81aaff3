/*
 * bpf/disasm.h - instructions to text, in the syntax llvm-objdump and bpftool's "xlated" dump
 * print: "r1 = *(u64 *)(r10 -8)", "if r1 > 0x5 goto pc+3", "call bpf_map_lookup_elem#1",
 * "r0 = 0x1234 ll". Used by the verifier log, bpfvm --disasm and the tools.
 */
#ifndef BPF_DISASM_H
#define BPF_DISASM_H

#include "bpf/env.h"
#include "bpf/uapi/bpf.h"

/*
 * Write the text of the instruction at insns[idx] (without its index) into buf, always
 * NUL-terminated. Returns the number of slots it occupies (2 for the 64-bit immediate load,
 * 1 otherwise), or a negative errno when idx is out of range.
 */
int bpf_disasm_insn(const struct bpf_insn *insns, u32 len, u32 idx, char *buf, size_t size);

/* The name of helper id ("bpf_map_lookup_elem"), or NULL for an unknown id. */
const char *bpf_helper_name(s32 id);

#endif /* BPF_DISASM_H */
