/*
 * bpf/asm.h - the assembler: text in the disassembler's syntax back to instructions, with
 * labels ("loop:" defines one; "goto loop" and "if r1 > 2 goto loop" use one) and comments.
 * disasm(asm(text)) gives back the text. Tests and teaching material are written with it.
 */
#ifndef BPF_ASM_H
#define BPF_ASM_H

#include "bpf/env.h"
#include "bpf/uapi/bpf.h"

/*
 * Assemble text. On success *insns is a new array (free with bpf_env_free) of *len
 * instructions and 0 is returned. On error a negative errno is returned and err holds a
 * message naming the line: "line 4: unknown mnemonic 'mvo'".
 */
int bpf_asm(const char *text, struct bpf_insn **insns, u32 *len, char *err, size_t err_size);

#endif /* BPF_ASM_H */
