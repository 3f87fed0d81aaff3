/*
 * kernel/arch/x86/insn.h - the x86-64 instruction decoder that kprobes use: lengths, prefixes,
 * ModRM/SIB/displacement, immediates, RIP-relative operands, and a verdict on how a probed
 * instruction can be executed out of line.
 *
 * Where it sits: register_kprobe (kernel/trace/) decodes the probed function from its start with
 * insn_check_boundary, so a probe never lands inside an instruction; it then decodes the probed
 * instruction once and asks insn_classify whether the int3 handler emulates it (push, mov, lea,
 * nop, jmp, call, jcc, ret), copies it to an executable slot followed by a jump back
 * ("boosting"; insn_fixup_rip_relative re-aims a RIP-relative operand for the slot's address),
 * or refuses the probe.
 *
 * An instruction, as this decoder splits it (at most 15 bytes):
 *
 *   [legacy prefixes] [REX | VEX | EVEX | XOP] [0F [38|3A]] opcode [ModRM [SIB] [disp]] [imm]
 *
 *   ModRM   7..6 mod  5..3 reg  2..0 rm       SIB  7..6 scale  5..3 index  2..0 base
 *   REX     0100 W R X B: W = 64-bit operand, R extends ModRM.reg, X SIB.index, B ModRM.rm,
 *           SIB.base or the register in the opcode's low bits
 *
 * The code is portable C: it builds in the freestanding kernel and on the host, where
 * tests/host/test_x86_insn.c checks it against objdump on a few hundred thousand instructions.
 * Read insn.c next.
 */
#ifndef ARCH_X86_INSN_H
#define ARCH_X86_INSN_H

#if !defined(__KERNEL__) && !defined(KERNEL_TYPES_H)
/* Host builds: glibc's <sys/cdefs.h> defines __always_inline too, and kernel/types.h defines it
 * again; let kernel/types.h's definition be the only one. */
#include <stdint.h>
#undef __always_inline
#endif
#include "kernel/types.h"

#define INSN_MAX_LEN 15 /* longer encodings raise #GP */

/* Encoding of the opcode byte: plain, or behind one of the vector-extension prefixes. */
enum insn_encoding {
	INSN_ENC_LEGACY = 0, /* optional REX, opcode in the one-byte, 0F, 0F 38 or 0F 3A map */
	INSN_ENC_VEX,	     /* C4 xx xx or C5 xx (AVX) */
	INSN_ENC_EVEX,	     /* 62 xx xx xx (AVX-512) */
	INSN_ENC_XOP,	     /* 8F xx xx with a map number of 8 or more (AMD) */
};

/* Opcode maps: legacy escapes, or the map number a VEX/EVEX/XOP prefix names. */
enum insn_map {
	INSN_MAP_ONEBYTE = 0, /* opcode alone */
	INSN_MAP_0F = 1,      /* 0F xx */
	INSN_MAP_0F38 = 2,    /* 0F 38 xx */
	INSN_MAP_0F3A = 3,    /* 0F 3A xx */
};

struct insn {
	const u8 *kaddr; /* where the bytes were read: RIP-relative and branch targets use it */
	size_t max_len;	 /* how many bytes at kaddr may be read (insn_init) */
	u8 length;	 /* 1..15 once decoded */

	/* legacy prefixes, every byte in order, and what they add up to */
	u8 nr_prefixes;
	u8 prefixes[INSN_MAX_LEN];
	u8 seg;		  /* the last segment override (26 2E 36 3E 64 65), or 0 */
	u8 rep;		  /* the last of F2 (repne) and F3 (rep), or 0 */
	bool lock;	  /* F0 */
	bool opsize_16;	  /* 66: 16-bit operands (or a mandatory SSE prefix) */
	bool addrsize_32; /* 67: 32-bit addresses */
	bool rex;	  /* a REX prefix is in effect (one followed by another prefix is not) */
	u8 rex_byte;	  /* 0100WRXB; for VEX/EVEX/XOP, their (inverted) W R X B bits; else 0 */

	enum insn_encoding encoding;
	u8 vex[3]; /* the bytes after C4/C5/62/8F, for VEX/EVEX/XOP */
	u8 map;	   /* enum insn_map, or the VEX/EVEX/XOP map number */
	u8 opcode_len;
	u8 opcode[3]; /* legacy: escape bytes and opcode as written (0F 38 xx); else the opcode */
	u8 op;	      /* the opcode byte proper (last byte of opcode[]) */

	bool has_modrm;
	u8 modrm;
	u8 modrm_offset;
	bool has_sib;
	u8 sib;
	u8 disp_size;	   /* 0, 1 or 4 */
	u8 disp_offset;	   /* where disp starts, from the first byte */
	s32 disp;	   /* sign-extended */
	bool rip_relative; /* mod=00 rm=101: disp is relative to the next instruction */

	u8 imm_size; /* 0, 1, 2, 4 or 8 */
	u8 imm_offset;
	s64 imm;      /* sign-extended; for A0-A3 (mov moffs) the absolute address */
	u8 imm2_size; /* a second immediate: ENTER's nesting level, EXTRQ/INSERTQ's index */
	s64 imm2;

	u8 opnd_bytes; /* operand size: 2, 4 or 8 (8 by default for push, pop, branches) */
	u8 addr_bytes; /* address size: 8, or 4 with 67 */

	const char *error; /* set when insn_get_length fails: what is wrong */
};

/*
 * How kprobes can execute the probed instruction (insn_classify). The emulated classes are
 * exactly these forms; but for the NOPs none has a 66 prefix (operands are 4 or 8 bytes), and
 * no memory operand has an fs/gs override:
 *   NOP            90, 66 90, 0F 1F /0 (nopl/nopw, any 66/segment prefixes), endbr64/endbr32
 *   PUSH, POP      50+r, 58+r: register insn_opcode_reg, 8 bytes
 *   MOV            89 (r/m <- reg), 8B (reg <- r/m), C7 /0 (r/m <- imm32, sign-extended to 8
 *                  bytes with REX.W), B8+r (reg <- imm32 or imm64); a 4-byte register write
 *                  clears the upper half, as the CPU does
 *   LEA            8D: reg <- insn_effective_addr, truncated to opnd_bytes
 *   JMP, CALL, JCC EB, E9, E8, 70-7F, 0F 80-8F: insn_rel_target, insn_cond_true (cond = op & 15)
 *   CALL_INDIRECT  FF /2: target from the register or from memory at insn_effective_addr; from
 *                  a slot the call would push the slot's return address, so it is emulated
 *   RET            C3, C2 iw (then (u16)imm more bytes are popped), F3 C3
 * BOOSTABLE instructions run from a slot followed by a jmp back; RIP-relative ones need
 * insn_fixup_rip_relative first.
 */
enum insn_class {
	INSN_CLASS_UNPROBEABLE = 0, /* refused: insn_classify says why */
	INSN_CLASS_BOOSTABLE,
	INSN_CLASS_EMULATE_NOP,
	INSN_CLASS_EMULATE_PUSH,
	INSN_CLASS_EMULATE_POP,
	INSN_CLASS_EMULATE_MOV,
	INSN_CLASS_EMULATE_LEA,
	INSN_CLASS_EMULATE_JMP,
	INSN_CLASS_EMULATE_CALL,
	INSN_CLASS_EMULATE_CALL_INDIRECT,
	INSN_CLASS_EMULATE_JCC,
	INSN_CLASS_EMULATE_RET,
	NR_INSN_CLASSES,
};

/* Prepare insn to decode the bytes at code, of which at most max_len may be read. */
void insn_init(struct insn *insn, const u8 *code, size_t max_len);

/* Decode the whole instruction insn_init pointed at: 0, or -EINVAL with insn->error set
 * (invalid in 64-bit mode, longer than 15 bytes, or needing more than max_len bytes). */
int insn_get_length(struct insn *insn);

/* insn_init + insn_get_length. */
int insn_decode(struct insn *insn, const u8 *code, size_t max_len);

/* Decode from start (a function of size bytes) up to offset: 0 if an instruction begins exactly
 * there, -EINVAL if offset falls inside one or the decode fails first. *why (if not NULL) says
 * which, *insn_start (if not NULL) gets the offset of the instruction that covers or failed. */
int insn_check_boundary(const u8 *start, size_t size, size_t offset, const char **why,
			size_t *insn_start);

/* How kprobes may run this instruction; for INSN_CLASS_UNPROBEABLE, *reason (if not NULL) gets
 * a one-line explanation, otherwise NULL. */
enum insn_class insn_classify(const struct insn *insn, const char **reason);

/* The name of a class, for messages and tests ("emulate-jcc"). */
const char *insn_class_name(enum insn_class class);

/* The effective address of the ModRM memory operand, given the 16 general registers in
 * encoding order (ax cx dx bx sp bp si di r8..r15): 0, or -EINVAL without a memory operand,
 * -EOPNOTSUPP with an fs/gs override (the segment base is not known here). */
int insn_effective_addr(const struct insn *insn, const u64 regs[16], u64 *addr);

/* copy holds insn's bytes, to be executed at new_ip: rewrite its RIP-relative displacement so it
 * reaches the same address. 0, -EINVAL if insn is not RIP-relative, -ERANGE if out of reach. */
int insn_fixup_rip_relative(const struct insn *insn, u8 *copy, u64 new_ip);

/* Whether condition code cond (the low 4 bits of a jcc/setcc/cmovcc opcode) holds for flags. */
bool insn_cond_true(unsigned int cond, u64 flags);

/* A relative jmp, call, jcc, loop or jrcxz: its operand is an offset from the next instruction. */
bool insn_is_rel_branch(const struct insn *insn);

/* Field accessors; register numbers are 0..15 in encoding order, REX bits included. */
static inline u64 insn_next_ip(const struct insn *insn)
{
	return (u64)(uintptr_t)insn->kaddr + insn->length;
}

static inline u64 insn_rel_target(const struct insn *insn)
{
	return insn_next_ip(insn) + (u64)insn->imm;
}

static inline bool insn_is_rip_relative(const struct insn *insn)
{
	return insn->rip_relative;
}

static inline u8 insn_modrm_mod(const struct insn *insn)
{
	return insn->modrm >> 6;
}

static inline int insn_modrm_reg(const struct insn *insn)
{
	return ((insn->modrm >> 3) & 7) | ((insn->rex_byte & 4) << 1);
}

static inline int insn_modrm_rm(const struct insn *insn)
{
	return (insn->modrm & 7) | ((insn->rex_byte & 1) << 3);
}

static inline int insn_opcode_reg(const struct insn *insn)
{
	return (insn->op & 7) | ((insn->rex_byte & 1) << 3);
}

#endif /* ARCH_X86_INSN_H */
