/*
 * bpf/jit/jit.h - what the parts of the JIT share: the compilation context (per-instruction
 * offsets of the passes, subprogram marks, the image) and small instruction predicates.
 *
 * check.c fills the marks (bpf_jit_check_program); x86_64.c runs the passes with them.
 * Read next: check.c.
 */
#ifndef BPF_JIT_JIT_H
#define BPF_JIT_JIT_H

#include "bpf/prog.h"

/* Per-instruction flags. */
#define INSN_SUBPROG_START 0x01 /* a subprogram begins here: a prologue precedes its code */
#define INSN_LDIMM64_HI	   0x02 /* second half of a 64-bit immediate load, not an instruction */

/* What a subprogram's frame holds: bits 0-3 say it uses r6-r9 (saved, cleared). */
#define FRAME_USES_R6_R9 0x0f
#define FRAME_USES_R10	 0x10 /* it uses r10: the 512-byte BPF stack */

struct jit_ctx {
	const struct bpf_prog *prog;
	u32 *addrs;	  /* this pass: where each instruction's code starts; [len] = the end */
	u32 *prev_addrs;  /* the previous pass's addrs: jumps and calls aim with these */
	u32 *subprog;	  /* per instruction: the index where its subprogram starts */
	u8 *flags;	  /* per instruction: INSN_* */
	u8 *height;	  /* per subprogram start: height of its call tree (check.c) */
	u8 *frame;	  /* per subprogram start: FRAME_* (what its frame must hold) */
	u8 *prologue_len; /* per subprogram start: bytes of its prologue (calls aim before it) */
	u8 *image;	  /* where the code goes; NULL during the first pass */
	u32 image_size;	  /* bytes allocated at image */
	bool long_jumps;  /* first pass: every jump in its long form */
	bool check_depth; /* calls may nest too deep: count frames at run time */
	bool tail_calls;  /* bpf_tail_call in the main program: its frame keeps the count */
	u32 insn_at;	  /* image offset of the instruction being emitted */
	u8 *insn_buf;	  /* where its code starts in the buffer it is emitted into */
};

static inline bool is_ldimm64(const struct bpf_insn *insn)
{
	return insn->code == (BPF_LD | BPF_IMM | BPF_DW);
}

static inline bool is_pseudo_call(const struct bpf_insn *insn)
{
	return insn->code == (BPF_JMP | BPF_CALL) && insn->src_reg == BPF_PSEUDO_CALL;
}

/* Whether insn is a jump with a target: JA, gotol and the conditional jumps. */
static inline bool has_jump_target(const struct bpf_insn *insn)
{
	u8 cls = BPF_CLASS(insn->code), op = BPF_OP(insn->code);

	return (cls == BPF_JMP || cls == BPF_JMP32) && op != BPF_CALL && op != BPF_EXIT &&
	       op != BPF_JCOND;
}

static inline s64 jump_target(const struct bpf_insn *insn, u32 i)
{
	if (insn->code == (BPF_JMP32 | BPF_JA))
		return (s64)i + insn->imm + 1; /* gotol: 32-bit offset in imm */
	return (s64)i + insn->off + 1;
}

/*
 * Check that the JIT can translate prog safely and mark its 64-bit loads and subprograms
 * in ctx->flags and ctx->subprog, and the registers each subprogram uses in ctx->frame; set
 * ctx->check_depth when calls may nest too deep.
 * 0, or -EINVAL / -ENOTSUPP with a log line naming the instruction.
 */
int bpf_jit_check_program(struct jit_ctx *ctx);

#endif /* BPF_JIT_JIT_H */
