/*
 * bpf/insn.h - the structural check of an instruction array.
 *
 * Before anything runs or verifies a program, bpf_insn_check makes sure every instruction is
 * one the instruction set defines (RFC 9669): a known opcode, registers r0-r10, reserved fields
 * zero, every jump and BPF-to-BPF call landing on an instruction of the program (never on the
 * second slot of a 64-bit immediate load), every 64-bit immediate load complete, every helper
 * id present in the program's helper table. It knows nothing of types or values: that is the
 * verifier's work, which starts from a program this check accepted.
 *
 * Users: bpfvm (programs no verifier has seen, run by the checked interpreter), the tests, and
 * later the verifier. Read next: bpf/interp.c.
 */
#ifndef BPF_INSN_H
#define BPF_INSN_H

#include "bpf/env.h"
#include "bpf/prog.h"

/* Most instructions a program may have (Linux's BPF_COMPLEXITY_LIMIT_INSNS). */
#define BPF_INSN_MAX 1000000

/* The opcode of the two-slot 64-bit immediate load. */
#define BPF_LD_IMM64_CODE (BPF_LD | BPF_IMM | BPF_DW)

/* Flags of bpf_insn_check. */
#define BPF_INSN_ALLOW_PSEUDO_LD (1u << 0) /* ld_imm64 may name a map or a function (src_reg) */

/* Is insn the first slot of a 64-bit immediate load (the next slot holds the high half)? */
static inline bool bpf_insn_is_ld_imm64(const struct bpf_insn *insn)
{
	return insn->code == BPF_LD_IMM64_CODE;
}

/*
 * Check that a program of size bytes can be an instruction array: not empty, a multiple of
 * 8 bytes, at most BPF_INSN_MAX instructions. 0, or -EINVAL/-E2BIG with a message in msg.
 */
int bpf_insn_check_size(size_t size, char *msg, size_t msg_size);

/*
 * The structural check of prog->insnsi (see the top of this file). 0, or -EINVAL with a
 * message naming the instruction in msg: "insn 3: jump out of range (target 12, program has
 * 10 insns)". flags: BPF_INSN_ALLOW_PSEUDO_LD or 0.
 */
int bpf_insn_check(const struct bpf_prog *prog, u32 flags, char *msg, size_t msg_size);

/*
 * Where the jump or BPF-to-BPF call at insns[idx] goes: true and *target set for a JA, a
 * conditional jump, a gotol or a pseudo call; false for any other instruction.
 */
bool bpf_insn_jump_target(const struct bpf_insn *insns, u32 idx, s64 *target);

#endif /* BPF_INSN_H */
