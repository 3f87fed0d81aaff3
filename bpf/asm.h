/*
 * bpf/asm.h - the assembler: text in the disassembler's syntax back to instructions, with
 * labels ("loop:" defines one; "goto loop" and "if r1 > 2 goto loop" use one) and comments.
 * It reads both of the disassembler's spellings, Linux's and llvm-objdump's, and the index
 * and opcode prefixes of dumps ("12: (bf) r1 = r2"); bpf/asm.c has the whole syntax.
 * disasm(asm(text)) gives back the text. Tests and teaching material are written with it.
 */
#ifndef BPF_ASM_H
#define BPF_ASM_H

#include "bpf/env.h"
#include "bpf/uapi/bpf.h"

/*
 * Assemble text. On success *insns is a new array (free with bpf_env_free) of *len
 * instructions and 0 is returned. On error a negative errno is returned (-EINVAL, or -ENOMEM),
 * *insns is NULL, and err (if not NULL) holds a message naming the line:
 * "line 4: unknown mnemonic 'mvo'".
 */
int bpf_asm(const char *text, struct bpf_insn **insns, u32 *len, char *err, size_t err_size);

#endif /* BPF_ASM_H */
