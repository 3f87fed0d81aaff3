/*
 * bpf/disasm.h - instructions to text, in the syntax of Linux's verifier log and bpftool's
 * "xlated" dump: "r1 = *(u64 *)(r10 -8)", "if r1 > 0x5 goto pc+3", "call bpf_map_lookup_elem#1",
 * "r0 = 0x1234 ll"; or, on request, exactly as llvm-objdump -d prints the same bytes. Used by
 * the verifier log, bpfvm --disasm and the tools; bpf/asm.c reads both spellings back.
 */
#ifndef BPF_DISASM_H
#define BPF_DISASM_H

#include "bpf/env.h"
#include "bpf/uapi/bpf.h"

/*
 * Write the text of the instruction at insns[idx] (without its index) into buf, always
 * NUL-terminated. Returns the number of slots it occupies (2 for the 64-bit immediate load,
 * 1 otherwise), or a negative errno when idx is out of range. An instruction the instruction
 * set does not define prints as "invalid insn (0x18): truncated ld_imm64" and takes 1 slot.
 */
int bpf_disasm_insn(const struct bpf_insn *insns, u32 len, u32 idx, char *buf, size_t size);

/* The two spellings of the syntax; bpf/disasm.c lists how they differ. */
enum bpf_disasm_syntax {
	BPF_DISASM_LINUX, /* Linux's verifier log and bpftool: "r1 = *(u64 *)(r10 -8)" */
	BPF_DISASM_LLVM,  /* llvm-objdump -d: "r1 = *(u64 *)(r10 - 0x8)" */
};

/* bpf_disasm_insn in a chosen syntax (bpf_disasm_insn itself uses BPF_DISASM_LINUX). */
int bpf_disasm_insn_syntax(const struct bpf_insn *insns, u32 len, u32 idx, char *buf,
			   size_t size, enum bpf_disasm_syntax syntax);

/* A buffer of this size holds the text of any instruction. */
#define BPF_DISASM_LINE_MAX 128

/* The name of helper id ("bpf_map_lookup_elem"), or NULL for an unknown id. */
const char *bpf_helper_name(s32 id);

#endif /* BPF_DISASM_H */
