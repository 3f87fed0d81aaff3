/*
 * bpf/jit/x86_64.c - the x86-64 JIT: bpf_int_jit_compile turns a program into machine code,
 * the way Linux's arch/x86/net/bpf_jit_comp.c does. bpf_prog_select_runtime (core.c) calls
 * it after the verifier; when it refuses, the program runs in the interpreter.
 *
 * Registers. Each BPF register lives in one x86 register for the whole program, chosen so
 * that BPF's calling convention is System V's: r1 to r5 are already the argument registers
 * of a helper call, r0 its return register, r6 to r9 callee-saved.
 *
 *	BPF  r0  r1  r2  r3  r4  r5  r6  r7  r8  r9  r10          scratch
 *	x86  rax rdi rsi rdx rcx r8  rbx r13 r14 r15 rbp (frame)  r9 r10 r11
 *
 * Frame. The image is called as a bpf_func_t (rdi = r1, rsi = r2, rdx = the program, which
 * BPF sees as r3). The main program and every BPF-to-BPF subprogram build a frame like this
 * one, holding only what they use (as Linux sizes frames from the verifier's stack depth and
 * saves only the callee-saved registers a function touches):
 *
 *	        +--------------------------+
 *	rbp + 8 | return address           |
 *	rbp     | caller's rbp             |  <- BPF r10 points here
 *	        | BPF stack, 512 bytes     |  rbp - 512 .. rbp - 1: if the code names r10
 *	        | [tail-call count]        |  rbp - 520: main program, if it tail-calls
 *	        | [call depth]             |  rbp - 528: if depth is checked
 *	        | [8 bytes of padding]     |  if needed for alignment
 *	        | rbx  (BPF r6)            |  each of the four pushed only if the code
 *	        | r13  (BPF r7)            |  names its BPF register
 *	        | r14  (BPF r8)            |
 *	        | r15  (BPF r9)            |  <- rsp, 16-byte aligned for helper calls
 *	        +--------------------------+
 *
 * When the call depth is checked at run time (see below), every frame reserves the full
 * 528 bytes, so that the depth is at rbp - 528 in all of them, and the main program saves all
 * four registers.
 *
 * Tail calls. bpf_tail_call(ctx, map, index) goes on in the program in slot index of a
 * PROG_ARRAY, in this same frame, and never comes back; when the slot is empty or out of
 * range, or the run already made MAX_TAIL_CALL_CNT of them, it does nothing. As in Linux,
 * the count lives in the frame and travels in rax: the main program's prologue starts with
 * two bytes that set rax to 0 (xor eax, eax) or, when it makes no tail calls, do nothing
 * (a two-byte nop), and a program that tail-calls stores rax at rbp - 520. A tail call
 * checks the index and the count, restores the registers its frame saved, drops its stack
 * (mov rsp, rbp) and jumps with the count plus one in rax to JIT_TAIL_CALL_OFFSET bytes into
 * the next program's image, past its first two bytes and push rbp; mov rbp, rsp: the next
 * program builds its frame on this one's rbp. Every program in an array runs the same way as
 * those that call through it (prog_array.c), so the next one is a JIT image too. BPF r6-r9
 * do not carry over, nor r0 and r3-r5, which the next prologue clears: a program starts with
 * only r1 (the context) readable. Like the interpreter, a subprogram's tail call does nothing.
 *
 * A BPF-to-BPF call is a call rel32 to the callee's prologue; arguments are already in
 * place, and the callee's pushes preserve r6 to r9. BPF_EXIT is the epilogue, inline.
 * A helper call is call rel32 when the helper is within 2 GiB of the image, movabs rax and
 * call rax otherwise. r1 to r5 do not survive a call, as the BPF calling convention says
 * (the interpreter happens to keep them; a verified program never reads them).
 * Each prologue clears the registers the interpreter clears in a new frame (r0, the r6-r9
 * it uses, and r3-r5 in the main program), so the engines agree even on unverified programs.
 *
 * Passes. x86 jumps have a short form (rel8) and a long one (rel32), so the size of a jump
 * depends on the code between it and its target. The first pass gives every jump its long
 * form; each later pass takes the short form where it reaches, aiming forward jumps with the
 * offsets of the pass before it (backward targets are already placed in the current pass).
 * Sizes can only shrink from pass to pass, so the layout settles; the pass whose offsets
 * equal the previous pass's has written the final code.
 * The image is allocated after the first pass (whose size bounds every later one), written
 * while it is writable, then sealed read-only and executable; an image whose compilation
 * fails is freed, never handed out.
 *
 * Before the passes, bpf_jit_check_program (check.c) refuses what the JIT cannot run
 * safely, marks subprograms, and decides whether the call depth is checked at run time:
 * when calls can recurse or nest deeper than BPF_MAX_CALL_DEPTH frames (the verifier
 * refuses such programs, bpfvm runs them), every frame records its depth and a call too
 * deep stops the program with r0 = 0, as the interpreter does. Otherwise calls cost nothing.
 *
 * Read first: jit.h and check.c, x86_64_emit.h (encoding), x86_64_emit.c (families).
 */
#include "bpf/helpers.h"
#include "bpf/jit/jit.h"
#include "bpf/jit/x86_64_emit.h"
#include "bpf/maps/fd_array.h"
#include "bpf/prog_aux.h"

#define JIT_STACK_SIZE	 528	/* with check_depth: the BPF stack, a tail-call slot, the depth */
#define JIT_DEPTH_OFF	 (-528) /* rbp-relative: this frame's call depth, when depth is checked */
#define JIT_TAIL_CNT_SIZE 520	/* a main program that tail-calls: the BPF stack and the count */
#define JIT_TAIL_CNT_OFF (-520) /* rbp-relative: the tail calls made so far in this run */
#define JIT_TAIL_CALL_OFFSET 6	/* where a tail call enters an image: past 2 + 1 + 3 bytes */
#define JIT_MAX_INSN_LEN 128	/* more than the longest code of one instruction (with prologue) */
#define JIT_MAX_PASSES	 20

/* clang-format off */
static const u8 reg_map[MAX_BPF_REG] = {
	[BPF_REG_0] = X86_RAX,  [BPF_REG_1] = X86_RDI, [BPF_REG_2] = X86_RSI,
	[BPF_REG_3] = X86_RDX,  [BPF_REG_4] = X86_RCX, [BPF_REG_5] = X86_R8,
	[BPF_REG_6] = X86_RBX,  [BPF_REG_7] = X86_R13, [BPF_REG_8] = X86_R14,
	[BPF_REG_9] = X86_R15,  [BPF_REG_10] = X86_RBP,
};
/* clang-format on */

/* Jump operation -> x86 condition, after cmp dst, src (or test for BPF_JSET). */
/* clang-format off */
static const u8 jump_cond[16] = {
	[BPF_JEQ >> 4] = X86_CC_E,   [BPF_JNE >> 4] = X86_CC_NE,  [BPF_JSET >> 4] = X86_CC_NE,
	[BPF_JGT >> 4] = X86_CC_A,   [BPF_JGE >> 4] = X86_CC_AE,  [BPF_JLT >> 4] = X86_CC_B,
	[BPF_JLE >> 4] = X86_CC_BE,  [BPF_JSGT >> 4] = X86_CC_G,  [BPF_JSGE >> 4] = X86_CC_GE,
	[BPF_JSLT >> 4] = X86_CC_L,  [BPF_JSLE >> 4] = X86_CC_LE,
};
/* clang-format on */

/* BPF r6-r9: the callee-saved registers a frame saves when it uses them. */
static const u8 callee_saved[4] = {X86_RBX, X86_R13, X86_R14, X86_R15};

static u32 nr_saved(u8 frame)
{
	u32 n = 0;

	for (u32 r = 0; r < 4; r++)
		n += (frame >> r) & 1;
	return n;
}

/*
 * Bytes the frame of the subprogram at start reserves below rbp: the BPF stack when it uses
 * r10; with check_depth, every frame the full JIT_STACK_SIZE, so that the depth slot is at
 * the same place in all; plus 8 when needed to keep rsp 16-byte aligned after the pushes.
 */
static u32 frame_stack(const struct jit_ctx *ctx, u32 start)
{
	u8 frame = ctx->frame[start];
	u32 size = 0;

	if (ctx->check_depth)
		size = JIT_STACK_SIZE;
	else if (start == 0 && ctx->tail_calls)
		size = JIT_TAIL_CNT_SIZE;
	else if (frame & FRAME_USES_R10)
		size = MAX_BPF_STACK;
	if ((size + 8 * nr_saved(frame)) % 16)
		size += 8;
	return size;
}

/* Pop the callee-saved registers the prologue of the subprogram at start pushed. */
static void emit_pop_saved(struct jit_ctx *ctx, u8 **pp, u32 start)
{
	for (int r = 3; r >= 0; r--)
		if (ctx->frame[start] & (1u << r))
			emit_pop(pp, callee_saved[r]); /* pop rbx | r13 | r14 | r15 */
}

/* Restore what the prologue of the subprogram at start saved, and return. */
static void emit_epilogue(struct jit_ctx *ctx, u8 **pp, u32 start)
{
	emit_pop_saved(ctx, pp, start);
	emit1(pp, 0xc9); /* leave */
	emit1(pp, 0xc3); /* ret */
}

/*
 * The frame of the diagram above, then the registers a new frame of the interpreter starts
 * with: r0 and the r6-r9 it uses zero, and in the main program r3-r5 too (r1 and r2 are the
 * arguments). With check_depth, the main program's depth is 1 and a subprogram's is its
 * caller's plus one; past BPF_MAX_CALL_DEPTH it jumps to the stub of emit_too_deep, which
 * stops the program. That jump is the last instruction, so it ends where the subprogram's
 * code starts. ctx->prologue_len[start] holds the length, which calls need.
 */
static void emit_prologue(struct jit_ctx *ctx, u8 **pp, u32 start)
{
	u8 frame = ctx->frame[start];
	u32 stack = frame_stack(ctx, start);

	if (start == 0) {
		if (ctx->tail_calls)
			emit_alu_reg(pp, false, X86_OP_XOR, X86_RAX, X86_RAX); /* xor eax, eax */
		else
			emit2(pp, 0x66, 0x90); /* xchg ax, ax (nop): keeps JIT_TAIL_CALL_OFFSET */
	}
	emit1(pp, 0x55);	     /* push rbp */
	emit3(pp, 0x48, 0x89, 0xe5); /* mov rbp, rsp */
	/* A tail call enters the main program here, with its count in rax. */
	if (stack)
		emit_alu_imm(pp, true, X86_EXT_SUB, X86_RSP, (s32)stack); /* sub rsp, stack */
	if (start == 0 && ctx->tail_calls)
		bpf_jit_emit_stx(pp, BPF_DW, X86_RBP, X86_RAX, JIT_TAIL_CNT_OFF); /* mov [rbp-520], rax */
	for (u32 r = 0; r < 4; r++)
		if (frame & (1u << r))
			emit_push(pp, callee_saved[r]);	       /* push rbx | r13 | r14 | r15 */
	emit_alu_reg(pp, false, X86_OP_XOR, X86_RAX, X86_RAX); /* xor eax, eax */
	for (u32 r = 0; r < 4; r++)
		if (frame & (1u << r)) /* xor ebx, ebx | r13d, r13d | r14d, r14d | r15d, r15d */
			emit_alu_reg(pp, false, X86_OP_XOR, callee_saved[r], callee_saved[r]);
	if (start == 0) {
		emit_alu_reg(pp, false, X86_OP_XOR, X86_RDX, X86_RDX); /* xor edx, edx */
		emit_alu_reg(pp, false, X86_OP_XOR, X86_RCX, X86_RCX); /* xor ecx, ecx */
		emit_alu_reg(pp, false, X86_OP_XOR, X86_R8, X86_R8);   /* xor r8d, r8d */
	}
	if (!ctx->check_depth)
		return;
	if (start == 0) {
		bpf_jit_emit_st_imm(pp, BPF_DW, X86_RBP, JIT_DEPTH_OFF, 1); /* mov [rbp-528], 1 */
		return;
	}
	bpf_jit_emit_ldx(pp, BPF_DW, false, JIT_AUX, X86_RBP, 0); /* mov r11, [rbp]: caller's rbp */
	bpf_jit_emit_ldx(pp, BPF_DW, false, JIT_AUX, JIT_AUX,
			 JIT_DEPTH_OFF);				  /* mov r11, [r11-528] */
	emit_alu_imm(pp, true, X86_EXT_ADD, JIT_AUX, 1);		  /* add r11, 1 */
	bpf_jit_emit_stx(pp, BPF_DW, X86_RBP, JIT_AUX, JIT_DEPTH_OFF);	  /* mov [rbp-528], r11 */
	emit_alu_imm(pp, true, X86_EXT_CMP, JIT_AUX, BPF_MAX_CALL_DEPTH); /* cmp r11, 8 */
	emit2(pp, 0x0f, 0x80 | X86_CC_A);				  /* ja rel32 (too_deep) */
	emit_imm32(pp, ctx->prev_addrs[ctx->prog->len] - ctx->prev_addrs[start]);
}

/*
 * The stub a subprogram's prologue jumps to when a call would nest too deep: like the plain
 * interpreter, stop the whole program with r0 = 0. It follows the saved rbp chain down to
 * the main program's frame (depth 1) and runs that frame's epilogue.
 *
 *	mov r11, rbp
 *   next: cmp qword [r11-528], 1; je found; mov r11, [r11]; jmp next
 *   found: mov rbp, r11; lea rsp, [rbp - main's frame]; xor eax, eax; <main's epilogue>
 */
static void emit_too_deep(struct jit_ctx *ctx, u8 **pp)
{
	u32 main_frame = frame_stack(ctx, 0) + 8 * nr_saved(ctx->frame[0]);
	u8 *next, *to_found;

	emit_mov_reg(pp, true, JIT_AUX, X86_RBP); /* mov r11, rbp */
	next = *pp;
	emit_rex(pp, true, 0, JIT_AUX);
	emit1(pp, 0x83); /* cmp qword [r11 + disp32], imm8 */
	emit_mem(pp, X86_EXT_CMP, JIT_AUX, JIT_DEPTH_OFF);
	emit1(pp, 1);
	to_found = emit_jcc8_fwd(pp, X86_CC_E);			  /* je found */
	bpf_jit_emit_ldx(pp, BPF_DW, false, JIT_AUX, JIT_AUX, 0); /* mov r11, [r11] */
	emit2(pp, 0xeb, (u8)(next - (*pp + 2)));		  /* jmp next */
	patch_rel8(to_found, *pp);
	emit_mov_reg(pp, true, X86_RBP, JIT_AUX); /* mov rbp, r11 */
	emit_rex(pp, true, X86_RSP, X86_RBP);
	emit1(pp, 0x8d); /* lea rsp, [rbp + disp32] */
	emit_mem(pp, X86_RSP, X86_RBP, -(s32)main_frame);
	emit_alu_reg(pp, false, X86_OP_XOR, X86_RAX, X86_RAX); /* xor eax, eax */
	emit_epilogue(ctx, pp, 0);
}

/* The length of each subprogram's prologue, which calls and jumps need before it is emitted. */
static void measure_prologues(struct jit_ctx *ctx)
{
	for (u32 i = 0; i < ctx->prog->len; i++) {
		u8 temp[JIT_MAX_INSN_LEN], *p = temp;

		if (!(ctx->flags[i] & INSN_SUBPROG_START))
			continue;
		emit_prologue(ctx, &p, i);
		ctx->prologue_len[i] = (u8)(p - temp);
	}
}

/* Where the code of instruction i ended in the pass that wrote addrs. */
static u32 insn_end(const struct jit_ctx *ctx, const u32 *addrs, u32 i)
{
	u32 end = addrs[i + 1];

	if (ctx->flags[i + 1] & INSN_SUBPROG_START)
		end -= ctx->prologue_len[i + 1];
	return end;
}

/* The image offset *pp will be written at, in this pass. */
static u32 cur_offset(const struct jit_ctx *ctx, u8 *const *pp)
{
	return ctx->insn_at + (u32)(*pp - ctx->insn_buf);
}

/*
 * A jump from instruction i (its last bytes) to instruction target: jmp when cond < 0,
 * jcc cond otherwise. A backward target already has its place in this pass, so the jump is
 * aimed exactly, its own length included. A forward one is aimed with the previous pass's
 * offsets, exact once they settle. Either way no jump grows from one pass to the next.
 */
static void emit_jump(struct jit_ctx *ctx, u8 **pp, u32 i, u32 target, int cond)
{
	s64 disp;

	if (target <= i) {
		s64 from = cur_offset(ctx, pp);

		disp = (s64)ctx->addrs[target] - (from + 2);
		if (ctx->long_jumps || !is_imm8(disp))
			disp = (s64)ctx->addrs[target] - (from + (cond < 0 ? 5 : 6));
	} else {
		disp = (s64)ctx->prev_addrs[target] - insn_end(ctx, ctx->prev_addrs, i);
	}
	if (!ctx->long_jumps && is_imm8(disp)) {
		if (cond < 0)
			emit1(pp, 0xeb); /* jmp rel8 */
		else
			emit1(pp, 0x70 | cond); /* jcc rel8 */
		emit1(pp, (u8)disp);
	} else {
		if (cond < 0)
			emit1(pp, 0xe9); /* jmp rel32 */
		else
			emit2(pp, 0x0f, 0x80 | cond); /* jcc rel32 */
		emit_imm32(pp, (u32)disp);
	}
}

/*
 * A helper call: call rel32 when the helper is within reach of the whole image,
 * movabs rax, addr; call rax otherwise (and while the image has no address).
 */
static void emit_helper_call(struct jit_ctx *ctx, u8 **pp, u64 addr)
{
	u64 base = (u64)(uintptr_t)ctx->image;
	u32 at = cur_offset(ctx, pp);

	if (base && is_simm32((s64)(addr - base)) &&
	    is_simm32((s64)(addr - (base + ctx->image_size)))) {
		emit1(pp, 0xe8); /* call rel32 */
		emit_imm32(pp, (u32)(addr - (base + at + 5)));
	} else {
		emit2(pp, 0x48, 0xb8); /* movabs rax, imm64 */
		emit_imm64(pp, addr);
		emit2(pp, 0xff, 0xd0); /* call rax */
	}
}

/*
 * bpf_tail_call(r1 = ctx, r2 = map, r3 = index) in the main program (see the top of the
 * file); on every way out but the jump, only the scratch registers r10 and r11 change.
 *
 *	mov r11d, [rsi + max_entries]; cmp edx, r11d; jae out    the index is 32 bits
 *	mov r11, [rbp - 520]; cmp r11, 33; jae out               MAX_TAIL_CALL_CNT
 *	mov r10d, edx; shl r10, 3; add r10, rsi
 *	mov r10, [r10 + ptrs]; test r10, r10; je out             an empty slot
 *	mov r10, [r10 + bpf_func]; lea rax, [r11 + 1]
 *	pop r15 | r14 | r13 | rbx; mov rsp, rbp
 *	add r10, JIT_TAIL_CALL_OFFSET; jmp r10
 *   out:
 */
static void emit_tail_call(struct jit_ctx *ctx, u8 **pp)
{
	u8 *out[3];

	bpf_jit_emit_ldx(pp, BPF_W, false, JIT_AUX, X86_RSI,
			 offsetof(struct bpf_fd_array, map.max_entries)); /* mov r11d, [rsi+off] */
	emit_alu_reg(pp, false, X86_OP_CMP, X86_RDX, JIT_AUX);		  /* cmp edx, r11d */
	out[0] = emit_jcc8_fwd(pp, X86_CC_AE);				  /* jae out */
	bpf_jit_emit_ldx(pp, BPF_DW, false, JIT_AUX, X86_RBP, JIT_TAIL_CNT_OFF); /* mov r11, [rbp-520] */
	emit_alu_imm(pp, true, X86_EXT_CMP, JIT_AUX, MAX_TAIL_CALL_CNT);	 /* cmp r11, 33 */
	out[1] = emit_jcc8_fwd(pp, X86_CC_AE);					 /* jae out */
	emit_mov_reg(pp, false, JIT_TMP, X86_RDX);		      /* mov r10d, edx */
	bpf_jit_emit_shift(pp, true, BPF_LSH, JIT_TMP, 0, true, 3);   /* shl r10, 3 */
	emit_alu_reg(pp, true, X86_OP_ADD, JIT_TMP, X86_RSI);	      /* add r10, rsi */
	bpf_jit_emit_ldx(pp, BPF_DW, false, JIT_TMP, JIT_TMP,
			 offsetof(struct bpf_fd_array, ptrs));		      /* mov r10, [r10+off] */
	emit_alu_reg(pp, true, X86_OP_TEST, JIT_TMP, JIT_TMP);	      /* test r10, r10 */
	out[2] = emit_jcc8_fwd(pp, X86_CC_E);			      /* je out */
	bpf_jit_emit_ldx(pp, BPF_DW, false, JIT_TMP, JIT_TMP,
			 offsetof(struct bpf_prog, bpf_func));		      /* mov r10, [r10+off] */
	emit_rex(pp, true, X86_RAX, JIT_AUX);
	emit1(pp, 0x8d); /* lea rax, [r11 + 1] */
	emit_mem(pp, X86_RAX, JIT_AUX, 1);
	emit_pop_saved(ctx, pp, 0);
	emit3(pp, 0x48, 0x89, 0xec); /* mov rsp, rbp */
	emit_alu_imm(pp, true, X86_EXT_ADD, JIT_TMP, JIT_TAIL_CALL_OFFSET); /* add r10, 6 */
	emit3(pp, 0x41, 0xff, 0xe2);				      /* jmp r10 */
	for (int k = 0; k < 3; k++)
		patch_rel8(out[k], *pp);
}

/* Log and refuse instruction i. */
static int refuse(u32 i, const struct bpf_insn *insn, const char *why)
{
	bpf_env_log("jit: insn %u (code 0x%02x): %s\n", i, insn->code, why);
	return -ENOTSUPP;
}

static int emit_alu(struct jit_ctx *ctx, u8 **pp, u32 i, const struct bpf_insn *insn)
{
	/* clang-format off */
	static const u8 reg_ops[16] = {
		[BPF_ADD >> 4] = X86_OP_ADD, [BPF_SUB >> 4] = X86_OP_SUB,
		[BPF_AND >> 4] = X86_OP_AND, [BPF_OR >> 4] = X86_OP_OR,
		[BPF_XOR >> 4] = X86_OP_XOR,
	};
	static const u8 imm_exts[16] = {
		[BPF_ADD >> 4] = X86_EXT_ADD, [BPF_SUB >> 4] = X86_EXT_SUB,
		[BPF_AND >> 4] = X86_EXT_AND, [BPF_OR >> 4] = X86_EXT_OR,
		[BPF_XOR >> 4] = X86_EXT_XOR,
	};
	/* clang-format on */
	bool is64 = BPF_CLASS(insn->code) == BPF_ALU64;
	bool is_imm = BPF_SRC(insn->code) == BPF_K;
	u8 op = BPF_OP(insn->code);
	u8 dst = reg_map[insn->dst_reg], src = reg_map[insn->src_reg];

	(void)ctx;
	if (insn->off && op != BPF_DIV && op != BPF_MOD && op != BPF_MOV)
		return refuse(i, insn, "non-zero offset");
	switch (op) {
	case BPF_ADD:
	case BPF_SUB:
	case BPF_AND:
	case BPF_OR:
	case BPF_XOR:
		if (is_imm)
			emit_alu_imm(pp, is64, imm_exts[op >> 4], dst, insn->imm);
		else
			emit_alu_reg(pp, is64, reg_ops[op >> 4], dst, src);
		return 0;
	case BPF_MOV:
		if (is_imm) {
			if (insn->off)
				return refuse(i, insn, "non-zero offset");
			emit_mov_imm32(pp, is64, dst, insn->imm);
		} else if (insn->off) {
			if (bpf_jit_emit_movsx(pp, is64, dst, src, insn->off))
				return refuse(i, insn, "bad sign-extension width");
		} else if (!is64 || dst != src) {
			emit_mov_reg(pp, is64, dst, src); /* mov dst, src */
		}
		return 0;
	case BPF_NEG:
		emit_rex(pp, is64, 0, dst);
		emit1(pp, 0xf7); /* neg r/m */
		emit_modrm_reg(pp, 3, dst);
		return 0;
	case BPF_MUL:
		bpf_jit_emit_mul(pp, is64, dst, src, is_imm, insn->imm);
		return 0;
	case BPF_DIV:
	case BPF_MOD:
		if (insn->off != 0 && insn->off != 1)
			return refuse(i, insn, "bad division offset");
		return bpf_jit_emit_div_mod(pp, is64, insn->off == 1, op == BPF_MOD, dst, src,
					    is_imm, insn->imm);
	case BPF_LSH:
	case BPF_RSH:
	case BPF_ARSH:
		bpf_jit_emit_shift(pp, is64, op, dst, src, is_imm, insn->imm);
		return 0;
	case BPF_END:
		if (is64 && !is_imm)
			return refuse(i, insn, "unknown opcode");
		if (bpf_jit_emit_end(pp, insn->code, dst, insn->imm))
			return refuse(i, insn, "byte swap width not 16, 32 or 64");
		return 0;
	default:
		return refuse(i, insn, "unknown opcode");
	}
}

static int emit_jmp(struct jit_ctx *ctx, u8 **pp, u32 i, const struct bpf_insn *insn)
{
	bool is64 = BPF_CLASS(insn->code) == BPF_JMP;
	bool is_imm = BPF_SRC(insn->code) == BPF_K;
	u8 op = BPF_OP(insn->code);
	u8 dst = reg_map[insn->dst_reg], src = reg_map[insn->src_reg];
	u32 target;

	switch (op) {
	case BPF_CALL:
		if (!is64)
			break;
		if (insn->src_reg == BPF_PSEUDO_CALL) {
			u32 target = i + insn->imm + 1;
			u32 callee = ctx->prev_addrs[target] - ctx->prologue_len[target];

			emit1(pp, 0xe8); /* call rel32 */
			emit_imm32(pp, callee - insn_end(ctx, ctx->prev_addrs, i));
		} else if (insn->imm == BPF_FUNC_tail_call) {
			if (ctx->subprog[i] == 0)
				emit_tail_call(ctx, pp);
		} else {
			emit_helper_call(ctx, pp, (u64)(uintptr_t)ctx->prog->helpers[insn->imm]);
		}
		return 0;
	case BPF_EXIT:
		if (!is64)
			break;
		emit_epilogue(ctx, pp, ctx->subprog[i]);
		return 0;
	case BPF_JA:
		target = (u32)jump_target(insn, i);
		if (target != i + 1)
			emit_jump(ctx, pp, i, target, -1);
		return 0;
	case BPF_JCOND:
		return refuse(i, insn, "may_goto not supported");
	default:
		if (!jump_cond[op >> 4])
			break;
		target = (u32)jump_target(insn, i);
		if (target == i + 1)
			return 0; /* both ways lead to the next instruction */
		if (op == BPF_JSET) {
			if (is_imm)
				emit_test_imm(pp, is64, dst, insn->imm);
			else
				emit_alu_reg(pp, is64, X86_OP_TEST, dst, src); /* test dst, src */
		} else if (!is_imm) {
			emit_alu_reg(pp, is64, X86_OP_CMP, dst, src); /* cmp dst, src */
		} else if (insn->imm == 0) {
			emit_alu_reg(pp, is64, X86_OP_TEST, dst, dst); /* test dst, dst */
		} else {
			emit_alu_imm(pp, is64, X86_EXT_CMP, dst, insn->imm); /* cmp dst, imm */
		}
		emit_jump(ctx, pp, i, target, jump_cond[op >> 4]);
		return 0;
	}
	return refuse(i, insn, "unknown opcode");
}

/* Registers a BPF instruction writes may not include r10, whose rbp holds the frame. */
static bool writes_r10(const struct bpf_insn *insn)
{
	u8 cls = BPF_CLASS(insn->code);

	if (cls == BPF_ALU || cls == BPF_ALU64 || cls == BPF_LDX || cls == BPF_LD)
		return insn->dst_reg == BPF_REG_10;
	if (cls == BPF_STX && BPF_MODE(insn->code) == BPF_ATOMIC && insn->imm & BPF_FETCH)
		return insn->src_reg == BPF_REG_10;
	return false;
}

/* The code of instruction i. */
static int emit_insn(struct jit_ctx *ctx, u8 **pp, u32 i)
{
	const struct bpf_insn *insn = &ctx->prog->insnsi[i];
	u8 cls = BPF_CLASS(insn->code), mode = BPF_MODE(insn->code), size = BPF_SIZE(insn->code);
	u8 dst, src;

	if (insn->dst_reg >= MAX_BPF_REG || insn->src_reg >= MAX_BPF_REG)
		return refuse(i, insn, "register number above r10");
	if (writes_r10(insn))
		return refuse(i, insn, "r10 is read-only");
	dst = reg_map[insn->dst_reg];
	src = reg_map[insn->src_reg];
	switch (cls) {
	case BPF_ALU:
	case BPF_ALU64:
		return emit_alu(ctx, pp, i, insn);
	case BPF_JMP:
	case BPF_JMP32:
		return emit_jmp(ctx, pp, i, insn);
	case BPF_LD:
		if (!is_ldimm64(insn))
			return refuse(i, insn, "legacy packet loads not supported");
		emit_mov_imm64(pp, dst, (u64)(u32)insn->imm | (u64)(u32)insn[1].imm << 32);
		return 0;
	case BPF_LDX:
		if (mode != BPF_MEM && (mode != BPF_MEMSX || size == BPF_DW))
			return refuse(i, insn, "unknown load mode");
		bpf_jit_emit_ldx(pp, size, mode == BPF_MEMSX, dst, src, insn->off);
		return 0;
	case BPF_ST:
		if (mode != BPF_MEM)
			return refuse(i, insn, "unknown store mode");
		bpf_jit_emit_st_imm(pp, size, dst, insn->off, insn->imm);
		return 0;
	case BPF_STX:
		if (mode == BPF_MEM) {
			bpf_jit_emit_stx(pp, size, dst, src, insn->off);
			return 0;
		}
		if (mode != BPF_ATOMIC || (size != BPF_W && size != BPF_DW))
			return refuse(i, insn, "unknown store mode");
		if (bpf_jit_emit_atomic(pp, size, dst, src, insn->off, insn->imm))
			return refuse(i, insn, "unknown atomic operation");
		return 0;
	}
	return refuse(i, insn, "unknown opcode");
}

/*
 * One pass over the program: fill ctx->addrs and, when ctx->image is set, write the code.
 * Returns the size of the code, or a negative errno.
 */
static int do_jit(struct jit_ctx *ctx)
{
	const struct bpf_prog *prog = ctx->prog;
	u8 temp[JIT_MAX_INSN_LEN];
	u32 i, at = 0;
	int err;

	for (i = 0; i < prog->len; i++) {
		u8 *p = temp;
		u32 n;

		if (ctx->flags[i] & INSN_SUBPROG_START)
			emit_prologue(ctx, &p, i);
		ctx->addrs[i] = at + (u32)(p - temp);
		ctx->insn_at = ctx->addrs[i];
		ctx->insn_buf = p;
		if (!(ctx->flags[i] & INSN_LDIMM64_HI)) {
			err = emit_insn(ctx, &p, i);
			if (err)
				return err;
		}
		n = (u32)(p - temp);
		if (ctx->image) {
			if (at + n > ctx->image_size)
				return -EFAULT;
			memcpy(ctx->image + at, temp, n);
		}
		at += n;
	}
	ctx->addrs[prog->len] = at;
	if (ctx->check_depth) {
		u8 *p = temp;

		emit_too_deep(ctx, &p);
		if (ctx->image) {
			if (at + (p - temp) > ctx->image_size)
				return -EFAULT;
			memcpy(ctx->image + at, temp, p - temp);
		}
		at += (u32)(p - temp);
	}
	return (int)at;
}

/*
 * Point the program's callbacks (bpf_loop) at their compiled subprograms, whose prologues
 * are ordinary function entries; ctx NULL points them back at the interpreter.
 */
static void set_callbacks(struct bpf_prog *prog, const struct jit_ctx *ctx)
{
	for (u32 i = 0; prog->aux && i < prog->aux->nr_callbacks; i++) {
		struct bpf_callback *cb = prog->aux->callbacks[i];
		u32 entry;

		if (cb->owner != prog)
			continue;
		if (!ctx) {
			cb->jit_func = NULL;
			continue;
		}
		entry = ctx->addrs[cb->insn_off] - ctx->prologue_len[cb->insn_off];
		cb->jit_func = (bpf_func_t)(uintptr_t)(ctx->image + entry);
	}
}

/* Log the image as hex, 16 bytes a line (bpf_jit_enable = 2, as in Linux). */
static void dump_image(const u8 *image, u32 len)
{
	static const char hex[] = "0123456789abcdef";
	char line[16 * 3 + 1];
	u32 i, j;

	for (i = 0; i < len; i += 16) {
		for (j = 0; j < 16 && i + j < len; j++) {
			line[j * 3] = hex[image[i + j] >> 4];
			line[j * 3 + 1] = hex[image[i + j] & 0xf];
			line[j * 3 + 2] = ' ';
		}
		line[j * 3 - 1] = '\0';
		bpf_env_log("jit: %04x: %s\n", i, line);
	}
}

/* Arrays of the context, in one allocation. NULL when out of memory. */
static void *alloc_ctx_arrays(struct jit_ctx *ctx, u32 len)
{
	size_t words = (size_t)(len + 1) * 3, bytes = (size_t)(len + 1) * 4;
	u32 *block = bpf_env_alloc(words * sizeof(u32) + bytes);

	if (!block)
		return NULL;
	ctx->addrs = block;
	ctx->prev_addrs = block + (len + 1);
	ctx->subprog = block + 2 * (len + 1);
	ctx->flags = (u8 *)(block + words);
	ctx->height = ctx->flags + (len + 1);
	ctx->frame = ctx->height + (len + 1);
	ctx->prologue_len = ctx->frame + (len + 1);
	return block;
}

int bpf_int_jit_compile(struct bpf_prog *prog)
{
	struct jit_ctx ctx = {.prog = prog, .long_jumps = true};
	void *arrays;
	u32 *swap;
	int pass, size = 0, prev_size = -1, err;

	if (prog->jit_image)
		bpf_jit_free(prog);
	if (!prog->len) {
		bpf_env_log("jit: empty program\n");
		return -EINVAL;
	}
	arrays = alloc_ctx_arrays(&ctx, prog->len);
	if (!arrays)
		return -ENOMEM;
	err = bpf_jit_check_program(&ctx);
	if (err)
		goto out_free_arrays;
	measure_prologues(&ctx);

	for (pass = 1; pass <= JIT_MAX_PASSES; pass++) {
		size = do_jit(&ctx);
		if (size < 0) {
			err = size;
			goto out_free_image;
		}
		if (size == prev_size &&
		    !memcmp(ctx.addrs, ctx.prev_addrs, (prog->len + 1) * sizeof(u32)))
			break;
		if (!ctx.image) {
			/* No later pass is longer than this one, whose jumps are all long. */
			ctx.image = bpf_env_jit_alloc(size);
			if (!ctx.image) {
				err = -ENOMEM;
				goto out_free_arrays;
			}
			ctx.image_size = size;
			ctx.long_jumps = false;
		}
		prev_size = size;
		swap = ctx.prev_addrs;
		ctx.prev_addrs = ctx.addrs;
		ctx.addrs = swap;
	}
	if (pass > JIT_MAX_PASSES) {
		bpf_env_log("jit: image size did not settle in %d passes\n", JIT_MAX_PASSES);
		err = -EFAULT;
		goto out_free_image;
	}
	/* Earlier, longer passes left code past the end: int3 there, as Linux fills holes. */
	memset(ctx.image + size, 0xcc, ctx.image_size - size);
	err = bpf_env_jit_seal(ctx.image, ctx.image_size);
	if (err)
		goto out_free_image;

	bpf_env_log("jit: %u insns, %d passes, image %d bytes\n", prog->len, pass, size);
	if (bpf_jit_enable > 1)
		dump_image(ctx.image, size);
	prog->jit_image = ctx.image;
	prog->jit_image_size = ctx.image_size;
	prog->jited_len = size;
	prog->bpf_func = (bpf_func_t)(uintptr_t)ctx.image;
	prog->jited = true;
	set_callbacks(prog, &ctx);
	bpf_env_free(arrays);
	return 0;

out_free_image:
	if (ctx.image)
		bpf_env_jit_free(ctx.image, ctx.image_size);
out_free_arrays:
	bpf_env_free(arrays);
	return err;
}

void bpf_jit_free(struct bpf_prog *prog)
{
	if (!prog->jit_image)
		return;
	if (prog->bpf_func == (bpf_func_t)(uintptr_t)prog->jit_image)
		prog->bpf_func = ___bpf_prog_run;
	set_callbacks(prog, NULL);
	bpf_env_jit_free(prog->jit_image, prog->jit_image_size);
	prog->jit_image = NULL;
	prog->jit_image_size = 0;
	prog->jited_len = 0;
	prog->jited = false;
}
