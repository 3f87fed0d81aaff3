/*
 * bpf/interp.c - the eBPF interpreter: every instruction of RFC 9669, run one by one.
 *
 * This is where a program runs when it is not JIT-compiled: bpf_prog_select_runtime leaves
 * prog->bpf_func at ___bpf_prog_run, and the attach points call it through bpf_prog_run.
 *
 * Dispatch, as in Linux's ___bpf_prog_run: a table of 256 label addresses indexed by the
 * opcode byte (GNU C's "labels as values"). Each handler does its work, advances insn and
 * jumps straight to the handler of the next opcode through the table; opcodes the ISA does not
 * define point to one default label. The registers live in a local array regs[11] and the
 * 512-byte stack in a local array; r10 holds the address of the stack's top.
 *
 * BPF-to-BPF calls recurse: the callee gets a fresh frame of this function (its own registers
 * and its own 512-byte stack), receives r1-r5, and its r0 comes back in the caller's r0. The
 * caller's r6-r9 are preserved because the callee never sees them; r10 is the new frame's top.
 * At most BPF_MAX_CALL_DEPTH frames: a deeper call stops the program.
 *
 * Arithmetic follows RFC 9669 to the letter and never traps on the host: division by zero
 * gives 0, modulo by zero leaves dst (its low 32 bits for ALU), signed division of INT_MIN by
 * -1 gives INT_MIN and the modulo 0, shift amounts are masked to 63 or 31, and every 32-bit
 * (ALU) result is zero-extended to 64 bits. All arithmetic is on unsigned types, so no signed
 * overflow happens in C either.
 *
 * Two builds of this one file:
 *  - plain (___bpf_prog_run): for verified programs. No checks on the hot path: the verifier
 *    (and bpf_insn_check before it) guarantee valid opcodes, registers, jumps and accesses.
 *  - checked (-DBPF_INTERP_CHECKED, bpf_interp_run_checked): for programs no verifier has seen
 *    (bpfvm, tests). Before each instruction it checks that pc is inside the program and that
 *    the instruction budget is not exhausted; every load, store and atomic is checked against
 *    the live frames' stacks and the caller's memory region, and reading a stack byte never
 *    written is refused. Any violation stops the program with a message naming the
 *    instruction ("insn 7: out-of-bounds store of 8 bytes at mem+60 (mem is 64 bytes)").
 * The semantics are written once; the checks are macros that the plain build compiles away.
 *
 * The file runs past 800 lines on purpose: it is one dispatch function with a handler per
 * opcode, which reads best whole, in the order of the instruction set.
 *
 * Read next: bpf/jit/x86_64.c, which emits machine code with these same semantics.
 */
#include "bpf/prog.h"

#ifndef likely
#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)
#endif

#ifdef BPF_INTERP_CHECKED
#define INTERP_CHECKED 1
#else
#define INTERP_CHECKED 0
#endif

/* Loads and stores of any alignment (BPF allows unaligned accesses). */
#define LOAD(type, addr)                                                               \
	({                                                                             \
		type __val;                                                            \
		__builtin_memcpy(&__val, (const void *)(uintptr_t)(addr), sizeof(__val)); \
		__val;                                                                 \
	})
#define STORE(type, addr, value)                                                       \
	do {                                                                           \
		type __val = (type)(value);                                            \
		__builtin_memcpy((void *)(uintptr_t)(addr), &__val, sizeof(__val));    \
	} while (0)

#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define HOST_TO_LE16(x) ((u16)(x))
#define HOST_TO_LE32(x) ((u32)(x))
#define HOST_TO_LE64(x) ((u64)(x))
#define HOST_TO_BE16(x) __builtin_bswap16((u16)(x))
#define HOST_TO_BE32(x) __builtin_bswap32((u32)(x))
#define HOST_TO_BE64(x) __builtin_bswap64((u64)(x))
#else
#define HOST_TO_LE16(x) __builtin_bswap16((u16)(x))
#define HOST_TO_LE32(x) __builtin_bswap32((u32)(x))
#define HOST_TO_LE64(x) __builtin_bswap64((u64)(x))
#define HOST_TO_BE16(x) ((u16)(x))
#define HOST_TO_BE32(x) ((u32)(x))
#define HOST_TO_BE64(x) ((u64)(x))
#endif

/* Division and modulo as RFC 9669 defines them; sign selects sdiv/smod (off == 1). */
static inline u64 div64(u64 a, u64 b, bool sign)
{
	if (!b)
		return 0;
	if (!sign)
		return a / b;
	if (b == (u64)-1)
		return -a; /* LLONG_MIN / -1 is LLONG_MIN: no trap */
	return (u64)((s64)a / (s64)b);
}

static inline u64 mod64(u64 a, u64 b, bool sign)
{
	if (!b)
		return a;
	if (!sign)
		return a % b;
	if (b == (u64)-1)
		return 0; /* LLONG_MIN % -1 is 0: no trap */
	return (u64)((s64)a % (s64)b);
}

static inline u32 div32(u32 a, u32 b, bool sign)
{
	if (!b)
		return 0;
	if (!sign)
		return a / b;
	if (b == (u32)-1)
		return -a;
	return (u32)((s32)a / (s32)b);
}

static inline u32 mod32(u32 a, u32 b, bool sign)
{
	if (!b)
		return a;
	if (!sign)
		return a % b;
	if (b == (u32)-1)
		return 0;
	return (u32)((s32)a % (s32)b);
}

/* The operations of BPF_STX | BPF_ATOMIC, in imm (checked by the checked build only). */
static inline __attribute__((unused)) bool atomic_op_known(s32 imm)
{
	switch (imm) {
	case BPF_ADD:
	case BPF_ADD | BPF_FETCH:
	case BPF_OR:
	case BPF_OR | BPF_FETCH:
	case BPF_AND:
	case BPF_AND | BPF_FETCH:
	case BPF_XOR:
	case BPF_XOR | BPF_FETCH:
	case BPF_XCHG:
	case BPF_CMPXCHG:
		return true;
	default:
		return false;
	}
}

/* movsx: the low off bits of v, sign-extended to 64 bits. */
static inline u64 sign_extend(u64 v, s16 off)
{
	switch (off) {
	case 8:
		return (u64)(s64)(s8)v;
	case 16:
		return (u64)(s64)(s16)v;
	default:
		return (u64)(s64)(s32)v;
	}
}

/* Checked build: one live frame, where its stack is and which of its bytes were written. */
struct interp_frame {
	u64 stack_lo;
	u64 *written; /* MAX_BPF_STACK bits */
};

/* What one run of a program shares across its frames. */
struct interp_run {
	const struct bpf_prog *prog;  /* the running program: a tail call replaces it */
	u32 tail_call_cnt;            /* tail calls so far, at most MAX_TAIL_CALL_CNT */
	bool stopped; /* a frame stopped the program: every frame returns at once */
#if INTERP_CHECKED
	struct bpf_interp_check *chk;
	int err;
	u64 budget; /* instructions left */
	struct interp_frame frames[BPF_MAX_CALL_DEPTH];
#endif
};

#if INTERP_CHECKED

enum access { ACCESS_LOAD, ACCESS_STORE, ACCESS_ATOMIC };
static const char *const access_names[] = {
	[ACCESS_LOAD] = "load",
	[ACCESS_STORE] = "store",
	[ACCESS_ATOMIC] = "atomic access",
};

static void __attribute__((format(printf, 4, 5)))
stop(struct interp_run *run, const struct bpf_insn *insn, int err, const char *fmt, ...)
{
	struct bpf_interp_check *chk = run->chk;
	va_list ap;
	int n;

	run->stopped = true;
	run->err = err;
	n = snprintf(chk->msg, sizeof(chk->msg), "insn %ld: ", (long)(insn - run->prog->insnsi));
	if (n >= 0 && (size_t)n < sizeof(chk->msg)) {
		va_start(ap, fmt);
		vsnprintf(chk->msg + n, sizeof(chk->msg) - n, fmt, ap);
		va_end(ap);
	}
}

/*
 * Name an address for a message: relative to a frame pointer (the current frame's, or a
 * caller's when it lies in that stack) or to mem when it is near one, with the size of that
 * region when sized is set.
 */
static void describe(const struct interp_run *run, u32 depth, u64 addr, bool sized, char *buf,
		     size_t size)
{
	const u64 near = 4096;
	u64 mem = (u64)(uintptr_t)run->chk->mem;
	u64 mem_len = run->chk->mem_len;
	u64 top = run->frames[depth].stack_lo + MAX_BPF_STACK;

	for (u32 d = 0; d < depth; d++) {
		u64 lo = run->frames[d].stack_lo;

		if (addr >= lo && addr - lo < MAX_BPF_STACK) {
			snprintf(buf, size, "fp%+lld of frame %u (a caller's)",
				 (long long)(addr - lo - MAX_BPF_STACK), d);
			return;
		}
	}
	if (addr + near >= top && addr <= top + near)
		snprintf(buf, size, sized ? "fp%+lld (the stack is %d bytes)" : "fp%+lld",
			 (long long)(addr - top), MAX_BPF_STACK);
	else if (mem && addr + near >= mem && addr <= mem + mem_len + near)
		snprintf(buf, size, sized ? "mem%+lld (mem is %llu bytes)" : "mem%+lld",
			 (long long)(addr - mem), (unsigned long long)mem_len);
	else
		snprintf(buf, size, "0x%llx", (unsigned long long)addr);
}

static bool stack_bytes_written(const u64 *written, u64 off, u32 size)
{
	for (u64 i = off; i < off + size; i++)
		if (!(written[i / 64] & (1ull << (i % 64))))
			return false;
	return true;
}

static void mark_stack_written(u64 *written, u64 off, u32 size)
{
	for (u64 i = off; i < off + size; i++)
		written[i / 64] |= 1ull << (i % 64);
}

/*
 * May the instruction at insn access size bytes at addr? They must lie inside mem or inside
 * the stack of a live frame (a caller may pass a pointer to its stack down); stack bytes
 * must have been written before they are read; atomics must be naturally aligned.
 */
static bool access_ok(struct interp_run *run, u32 depth, const struct bpf_insn *insn, u64 addr,
		      u32 size, enum access kind)
{
	u64 mem = (u64)(uintptr_t)run->chk->mem;
	u64 mem_len = run->chk->mem_len;
	char where[96];

	if (kind == ACCESS_ATOMIC && (addr & (size - 1))) {
		describe(run, depth, addr, false, where, sizeof(where));
		stop(run, insn, -EFAULT, "misaligned atomic access of %u bytes at %s", size, where);
		return false;
	}
	if (mem_len >= size && addr >= mem && addr - mem <= mem_len - size)
		return true;
	for (u32 d = 0; d <= depth; d++) {
		struct interp_frame *frame = &run->frames[d];
		u64 off = addr - frame->stack_lo;

		if (addr < frame->stack_lo || off > MAX_BPF_STACK - size)
			continue;
		if (kind != ACCESS_STORE && !stack_bytes_written(frame->written, off, size)) {
			describe(run, depth, addr, false, where, sizeof(where));
			stop(run, insn, -EACCES, "%s of %u byte%s at %s reads uninitialised stack",
			     access_names[kind], size, size > 1 ? "s" : "", where);
			return false;
		}
		if (kind != ACCESS_LOAD)
			mark_stack_written(frame->written, off, size);
		return true;
	}
	describe(run, depth, addr, true, where, sizeof(where));
	stop(run, insn, -EFAULT, "out-of-bounds %s of %u byte%s at %s", access_names[kind], size,
	     size > 1 ? "s" : "", where);
	return false;
}

/*
 * Before each instruction: did execution run past the last instruction (prev, the one before,
 * was not an exit or a jump), and is there budget left?
 */
static bool fetch_ok(struct interp_run *run, const struct bpf_insn *insn,
		     const struct bpf_insn *prev)
{
	const struct bpf_prog *prog = run->prog;

	if (unlikely(insn == prog->insnsi + prog->len)) {
		stop(run, prev, -EINVAL, "execution ran past the last instruction");
		return false;
	}
	if (unlikely(!run->budget)) {
		stop(run, insn, -ELOOP, "instruction budget of %llu exhausted (runaway loop?)",
		     (unsigned long long)(run->chk->insn_limit ? run->chk->insn_limit :
								BPF_INTERP_INSN_LIMIT));
		return false;
	}
	run->budget--;
	return true;
}

/* Does a jump or call of delta from insn land inside the program? Checked before moving. */
static bool target_ok(struct interp_run *run, const struct bpf_insn *insn, s64 delta,
		      const char *what)
{
	s64 target = (s64)(insn - run->prog->insnsi) + 1 + delta;

	if (likely(target >= 0 && target < (s64)run->prog->len))
		return true;
	stop(run, insn, -EINVAL, "%s out of range (target %lld, program has %u insns)", what,
	     (long long)target, run->prog->len);
	return false;
}

static bool helper_ok(struct interp_run *run, const struct bpf_insn *insn)
{
	const struct bpf_prog *prog = run->prog;

	if (insn->imm >= 0 && (u32)insn->imm < prog->nr_helpers && prog->helpers[insn->imm])
		return true;
	stop(run, insn, -EINVAL, "call to unknown helper id %d", insn->imm);
	return false;
}

#define CHECK_FETCH()                                                  \
	do {                                                           \
		if (unlikely(!fetch_ok(run, insn, prev)))              \
			return 0;                                      \
		prev = insn;                                           \
	} while (0)
#define CHECK_ACCESS(addr, size, kind)                                       \
	do {                                                                 \
		if (unlikely(!access_ok(run, depth, insn, addr, size, kind))) \
			return 0;                                            \
	} while (0)
#define CHECK_HELPER()                               \
	do {                                         \
		if (unlikely(!helper_ok(run, insn))) \
			return 0;                    \
	} while (0)
#define CHECK_TARGET(delta, what)                                 \
	do {                                                      \
		if (unlikely(!target_ok(run, insn, delta, what))) \
			return 0;                                 \
	} while (0)
#define CHECK(cond, err, ...)                               \
	do {                                                \
		if (unlikely(!(cond))) {                    \
			stop(run, insn, err, __VA_ARGS__);  \
			return 0;                           \
		}                                           \
	} while (0)

#else /* the plain interpreter trusts the verifier */

#define CHECK_FETCH() do { } while (0)
#define CHECK_ACCESS(addr, size, kind) do { } while (0)
#define CHECK_HELPER() do { } while (0)
#define CHECK_TARGET(delta, what) do { } while (0)
#define CHECK(cond, err, ...) do { } while (0)

#endif /* INTERP_CHECKED */

/* The handlers' shorthand, as in Linux: the instruction's registers and immediates. */
#define DST regs[insn->dst_reg]
#define SRC regs[insn->src_reg]
#define R0 regs[BPF_REG_0]
#define IMM64 ((u64)(s64)insn->imm) /* imm sign-extended, for ALU64 and JMP */
#define IMM32 ((u32)insn->imm)      /* imm as 32 bits, for ALU and JMP32 */
#define OFF ((u64)(s64)insn->off)   /* off sign-extended, for memory accesses */
#define CONT                      \
	({                        \
		insn++;           \
		goto select_insn; \
	})
#define JUMP(delta)                                 \
	({                                          \
		CHECK_TARGET(delta, "jump");        \
		insn += (s64)(delta) + 1;           \
		goto select_insn;                   \
	})

/*
 * Run one frame, from insn until its exit; args holds r1-r5. Returns r0. depth is the
 * number of frames below this one.
 */
static u64 run_frame(struct interp_run *run, const struct bpf_insn *insn, const u64 *args,
		     u32 depth)
{
#define ALU_ENTRIES(OP)                                     \
	[BPF_ALU64 | BPF_##OP | BPF_X] = &&ALU64_##OP##_X, \
	[BPF_ALU64 | BPF_##OP | BPF_K] = &&ALU64_##OP##_K, \
	[BPF_ALU | BPF_##OP | BPF_X] = &&ALU_##OP##_X,     \
	[BPF_ALU | BPF_##OP | BPF_K] = &&ALU_##OP##_K
#define JMP_ENTRIES(OP)                                     \
	[BPF_JMP | BPF_##OP | BPF_X] = &&JMP_##OP##_X,     \
	[BPF_JMP | BPF_##OP | BPF_K] = &&JMP_##OP##_K,     \
	[BPF_JMP32 | BPF_##OP | BPF_X] = &&JMP32_##OP##_X, \
	[BPF_JMP32 | BPF_##OP | BPF_K] = &&JMP32_##OP##_K
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Woverride-init"
	static const void *const jumptable[256] = {
		[0 ... 255] = &&default_label,
		ALU_ENTRIES(ADD), ALU_ENTRIES(SUB), ALU_ENTRIES(MUL), ALU_ENTRIES(DIV),
		ALU_ENTRIES(OR), ALU_ENTRIES(AND), ALU_ENTRIES(LSH), ALU_ENTRIES(RSH),
		ALU_ENTRIES(MOD), ALU_ENTRIES(XOR), ALU_ENTRIES(MOV), ALU_ENTRIES(ARSH),
		[BPF_ALU64 | BPF_NEG] = &&ALU64_NEG,
		[BPF_ALU | BPF_NEG] = &&ALU_NEG,
		[BPF_ALU | BPF_END | BPF_TO_LE] = &&ALU_END_TO_LE,
		[BPF_ALU | BPF_END | BPF_TO_BE] = &&ALU_END_TO_BE,
		[BPF_ALU64 | BPF_END | BPF_TO_LE] = &&ALU64_END_BSWAP,
		JMP_ENTRIES(JEQ), JMP_ENTRIES(JGT), JMP_ENTRIES(JGE), JMP_ENTRIES(JSET),
		JMP_ENTRIES(JNE), JMP_ENTRIES(JSGT), JMP_ENTRIES(JSGE), JMP_ENTRIES(JLT),
		JMP_ENTRIES(JLE), JMP_ENTRIES(JSLT), JMP_ENTRIES(JSLE),
		[BPF_JMP | BPF_JA] = &&JMP_JA,
		[BPF_JMP32 | BPF_JA] = &&JMP32_JA,
		[BPF_JMP | BPF_CALL] = &&JMP_CALL,
		[BPF_JMP | BPF_EXIT] = &&JMP_EXIT,
		[BPF_LD | BPF_IMM | BPF_DW] = &&LD_IMM_DW,
		[BPF_LDX | BPF_MEM | BPF_B] = &&LDX_MEM_B,
		[BPF_LDX | BPF_MEM | BPF_H] = &&LDX_MEM_H,
		[BPF_LDX | BPF_MEM | BPF_W] = &&LDX_MEM_W,
		[BPF_LDX | BPF_MEM | BPF_DW] = &&LDX_MEM_DW,
		[BPF_LDX | BPF_MEMSX | BPF_B] = &&LDX_MEMSX_B,
		[BPF_LDX | BPF_MEMSX | BPF_H] = &&LDX_MEMSX_H,
		[BPF_LDX | BPF_MEMSX | BPF_W] = &&LDX_MEMSX_W,
		[BPF_ST | BPF_MEM | BPF_B] = &&ST_MEM_B,
		[BPF_ST | BPF_MEM | BPF_H] = &&ST_MEM_H,
		[BPF_ST | BPF_MEM | BPF_W] = &&ST_MEM_W,
		[BPF_ST | BPF_MEM | BPF_DW] = &&ST_MEM_DW,
		[BPF_STX | BPF_MEM | BPF_B] = &&STX_MEM_B,
		[BPF_STX | BPF_MEM | BPF_H] = &&STX_MEM_H,
		[BPF_STX | BPF_MEM | BPF_W] = &&STX_MEM_W,
		[BPF_STX | BPF_MEM | BPF_DW] = &&STX_MEM_DW,
		[BPF_STX | BPF_ATOMIC | BPF_W] = &&STX_ATOMIC_W,
		[BPF_STX | BPF_ATOMIC | BPF_DW] = &&STX_ATOMIC_DW,
	};
#pragma GCC diagnostic pop
#undef ALU_ENTRIES
#undef JMP_ENTRIES
	u64 regs[MAX_BPF_REG];
	u64 stack[MAX_BPF_STACK / sizeof(u64)];
	u64 addr;
#if INTERP_CHECKED
	u64 written[MAX_BPF_STACK / 64] = { 0 };
	const struct bpf_insn *prev = insn;

	run->frames[depth].stack_lo = (u64)(uintptr_t)stack;
	run->frames[depth].written = written;
#endif

	regs[BPF_REG_0] = 0;
	memcpy(&regs[BPF_REG_1], args, 5 * sizeof(u64));
	regs[BPF_REG_6] = regs[BPF_REG_7] = regs[BPF_REG_8] = regs[BPF_REG_9] = 0;
	regs[BPF_REG_10] = (u64)(uintptr_t)&stack[ARRAY_SIZE(stack)];
select_insn:
	CHECK_FETCH();
	goto *jumptable[insn->code];

	/* dst = dst op src: 64-bit, and 32-bit with the result zero-extended. */
#define ALU(OP, op)                             \
	ALU64_##OP##_X:                         \
		DST = DST op SRC;               \
		CONT;                           \
	ALU64_##OP##_K:                         \
		DST = DST op IMM64;             \
		CONT;                           \
	ALU_##OP##_X:                           \
		DST = (u32)DST op (u32)SRC;     \
		CONT;                           \
	ALU_##OP##_K:                           \
		DST = (u32)DST op IMM32;        \
		CONT;
	ALU(ADD, +)
	ALU(SUB, -)
	ALU(MUL, *)
	ALU(OR, |)
	ALU(AND, &)
	ALU(XOR, ^)
#undef ALU

	/* Shifts: the amount is masked to the operand width. */
#define SHIFT(OP, expr64, expr32)                       \
	ALU64_##OP##_X:                                 \
		DST = expr64(DST, SRC & 63);            \
		CONT;                                   \
	ALU64_##OP##_K:                                 \
		DST = expr64(DST, IMM64 & 63);          \
		CONT;                                   \
	ALU_##OP##_X:                                   \
		DST = expr32((u32)DST, SRC & 31);       \
		CONT;                                   \
	ALU_##OP##_K:                                   \
		DST = expr32((u32)DST, IMM32 & 31);     \
		CONT;
#define LSH(v, n) ((v) << (n))
#define RSH(v, n) ((v) >> (n))
#define ARSH64(v, n) ((u64)((s64)(v) >> (n)))
#define ARSH32(v, n) ((u32)((s32)(v) >> (n)))
	SHIFT(LSH, LSH, LSH)
	SHIFT(RSH, RSH, RSH)
	SHIFT(ARSH, ARSH64, ARSH32)
#undef SHIFT

	/* Division and modulo; off == 1 selects the signed forms. */
	ALU64_DIV_X:
		DST = div64(DST, SRC, insn->off);
		CONT;
	ALU64_DIV_K:
		DST = div64(DST, IMM64, insn->off);
		CONT;
	ALU_DIV_X:
		DST = div32(DST, SRC, insn->off);
		CONT;
	ALU_DIV_K:
		DST = div32(DST, IMM32, insn->off);
		CONT;
	ALU64_MOD_X:
		DST = mod64(DST, SRC, insn->off);
		CONT;
	ALU64_MOD_K:
		DST = mod64(DST, IMM64, insn->off);
		CONT;
	ALU_MOD_X:
		DST = mod32(DST, SRC, insn->off);
		CONT;
	ALU_MOD_K:
		DST = mod32(DST, IMM32, insn->off);
		CONT;

	/* mov, and movsx when off is 8, 16 or 32. */
	ALU64_MOV_X:
		DST = likely(!insn->off) ? SRC : sign_extend(SRC, insn->off);
		CONT;
	ALU64_MOV_K:
		DST = IMM64;
		CONT;
	ALU_MOV_X:
		DST = (u32)(likely(!insn->off) ? SRC : sign_extend(SRC, insn->off));
		CONT;
	ALU_MOV_K:
		DST = IMM32;
		CONT;

	ALU64_NEG:
		DST = -DST;
		CONT;
	ALU_NEG:
		DST = (u32) - (u32)DST;
		CONT;

	/* Byte order: imm is the width, 16, 32 or 64; narrower results are zero-extended. */
	ALU_END_TO_LE:
		switch (insn->imm) {
		case 16:
			DST = HOST_TO_LE16(DST);
			break;
		case 32:
			DST = HOST_TO_LE32(DST);
			break;
		default:
			DST = HOST_TO_LE64(DST);
			break;
		}
		CONT;
	ALU_END_TO_BE:
		switch (insn->imm) {
		case 16:
			DST = HOST_TO_BE16(DST);
			break;
		case 32:
			DST = HOST_TO_BE32(DST);
			break;
		default:
			DST = HOST_TO_BE64(DST);
			break;
		}
		CONT;
	ALU64_END_BSWAP:
		switch (insn->imm) {
		case 16:
			DST = __builtin_bswap16((u16)DST);
			break;
		case 32:
			DST = __builtin_bswap32((u32)DST);
			break;
		default:
			DST = __builtin_bswap64(DST);
			break;
		}
		CONT;

	/* The two-slot 64-bit immediate: low half in this imm, high half in the next. */
	LD_IMM_DW:
		CHECK(insn + 1 < run->prog->insnsi + run->prog->len, -EINVAL,
		      "truncated ld_imm64 (its second slot is missing)");
		DST = (u64)(u32)insn[0].imm | ((u64)(u32)insn[1].imm << 32);
		insn += 2;
		goto select_insn;

	/* Loads, zero-extending and sign-extending, and stores of a register or an imm. */
#define LDX(SIZE, type, ext)                                    \
	LDX_MEM##ext##_##SIZE:                                  \
		addr = SRC + OFF;                               \
		CHECK_ACCESS(addr, sizeof(type), ACCESS_LOAD);  \
		DST = (u64)(s64)LOAD(type, addr);               \
		CONT;
	LDX(B, u8, )
	LDX(H, u16, )
	LDX(W, u32, )
	LDX(DW, u64, )
	LDX(B, s8, SX)
	LDX(H, s16, SX)
	LDX(W, s32, SX)
#undef LDX
#define ST(SIZE, type)                                          \
	ST_MEM_##SIZE:                                          \
		addr = DST + OFF;                               \
		CHECK_ACCESS(addr, sizeof(type), ACCESS_STORE); \
		STORE(type, addr, IMM64);                       \
		CONT;                                           \
	STX_MEM_##SIZE:                                         \
		addr = DST + OFF;                               \
		CHECK_ACCESS(addr, sizeof(type), ACCESS_STORE); \
		STORE(type, addr, SRC);                         \
		CONT;
	ST(B, u8)
	ST(H, u16)
	ST(W, u32)
	ST(DW, u64)
#undef ST

	/*
	 * Atomics: imm names the operation; with BPF_FETCH the old value lands in src
	 * (zero-extended for W). cmpxchg compares with r0 and always leaves the old value
	 * in r0.
	 */
#define ATOMIC(SIZE, type)                                                              \
	STX_ATOMIC_##SIZE:                                                              \
		addr = DST + OFF;                                                       \
		CHECK(atomic_op_known(insn->imm), -EINVAL,                              \
		      "unknown atomic operation 0x%x", insn->imm);                      \
		CHECK_ACCESS(addr, sizeof(type), ACCESS_ATOMIC);                        \
		switch (insn->imm) {                                                    \
		case BPF_ADD:                                                           \
			__atomic_fetch_add((type *)(uintptr_t)addr, (type)SRC,          \
					   __ATOMIC_SEQ_CST);                           \
			break;                                                          \
		case BPF_ADD | BPF_FETCH:                                               \
			SRC = __atomic_fetch_add((type *)(uintptr_t)addr, (type)SRC,    \
						 __ATOMIC_SEQ_CST);                     \
			break;                                                          \
		case BPF_OR:                                                            \
			__atomic_fetch_or((type *)(uintptr_t)addr, (type)SRC,           \
					  __ATOMIC_SEQ_CST);                            \
			break;                                                          \
		case BPF_OR | BPF_FETCH:                                                \
			SRC = __atomic_fetch_or((type *)(uintptr_t)addr, (type)SRC,     \
						__ATOMIC_SEQ_CST);                      \
			break;                                                          \
		case BPF_AND:                                                           \
			__atomic_fetch_and((type *)(uintptr_t)addr, (type)SRC,          \
					   __ATOMIC_SEQ_CST);                           \
			break;                                                          \
		case BPF_AND | BPF_FETCH:                                               \
			SRC = __atomic_fetch_and((type *)(uintptr_t)addr, (type)SRC,    \
						 __ATOMIC_SEQ_CST);                     \
			break;                                                          \
		case BPF_XOR:                                                           \
			__atomic_fetch_xor((type *)(uintptr_t)addr, (type)SRC,          \
					   __ATOMIC_SEQ_CST);                           \
			break;                                                          \
		case BPF_XOR | BPF_FETCH:                                               \
			SRC = __atomic_fetch_xor((type *)(uintptr_t)addr, (type)SRC,    \
						 __ATOMIC_SEQ_CST);                     \
			break;                                                          \
		case BPF_XCHG:                                                          \
			SRC = __atomic_exchange_n((type *)(uintptr_t)addr, (type)SRC,   \
						  __ATOMIC_SEQ_CST);                    \
			break;                                                          \
		case BPF_CMPXCHG: {                                                     \
			type old = (type)R0;                                            \
			__atomic_compare_exchange_n((type *)(uintptr_t)addr, &old,      \
						    (type)SRC, false, __ATOMIC_SEQ_CST, \
						    __ATOMIC_SEQ_CST);                  \
			R0 = old;                                                       \
			break;                                                          \
		}                                                                       \
		default:                                                                \
			goto default_label;                                             \
		}                                                                       \
		CONT;
	ATOMIC(W, u32)
	ATOMIC(DW, u64)
#undef ATOMIC

	/* Conditional jumps: JMP compares 64 bits, JMP32 the low 32; off is the distance. */
#define COND_JMP(OP, cmp, t64, t32)                                   \
	JMP_##OP##_X:                                                 \
		if ((t64)DST cmp (t64)SRC)                            \
			JUMP(insn->off);                              \
		CONT;                                                 \
	JMP_##OP##_K:                                                 \
		if ((t64)DST cmp (t64)IMM64)                          \
			JUMP(insn->off);                              \
		CONT;                                                 \
	JMP32_##OP##_X:                                               \
		if ((t32)DST cmp (t32)SRC)                            \
			JUMP(insn->off);                              \
		CONT;                                                 \
	JMP32_##OP##_K:                                               \
		if ((t32)DST cmp (t32)IMM32)                          \
			JUMP(insn->off);                              \
		CONT;
	COND_JMP(JEQ, ==, u64, u32)
	COND_JMP(JNE, !=, u64, u32)
	COND_JMP(JGT, >, u64, u32)
	COND_JMP(JGE, >=, u64, u32)
	COND_JMP(JLT, <, u64, u32)
	COND_JMP(JLE, <=, u64, u32)
	COND_JMP(JSGT, >, s64, s32)
	COND_JMP(JSGE, >=, s64, s32)
	COND_JMP(JSLT, <, s64, s32)
	COND_JMP(JSLE, <=, s64, s32)
#undef COND_JMP
	JMP_JSET_X:
		if (DST & SRC)
			JUMP(insn->off);
		CONT;
	JMP_JSET_K:
		if (DST & IMM64)
			JUMP(insn->off);
		CONT;
	JMP32_JSET_X:
		if ((u32)DST & (u32)SRC)
			JUMP(insn->off);
		CONT;
	JMP32_JSET_K:
		if ((u32)DST & IMM32)
			JUMP(insn->off);
		CONT;
	JMP_JA:
		JUMP(insn->off);
	JMP32_JA: /* gotol: a 32-bit distance, in imm */
		JUMP(insn->imm);

	JMP_CALL:
		if (insn->src_reg == BPF_PSEUDO_CALL) {
			if (unlikely(depth + 1 >= BPF_MAX_CALL_DEPTH))
				goto too_deep;
			CHECK_TARGET(insn->imm, "call");
			R0 = run_frame(run, insn + insn->imm + 1, &regs[BPF_REG_1], depth + 1);
			if (unlikely(run->stopped))
				return 0;
			CONT;
		}
		CHECK(insn->src_reg == 0, -EINVAL, "call with unknown src_reg %u", insn->src_reg);
		CHECK_HELPER();
		if (insn->imm == BPF_FUNC_tail_call) {
			/*
			 * bpf_tail_call(ctx, map, index): go on with the first instruction of the
			 * program in the PROG_ARRAY slot, in this same frame, never to return. If
			 * there is none, or the chain is too long, or a BPF-to-BPF call is active
			 * (as in Linux, the interpreter does not mix the two), fall through.
			 */
			const struct bpf_prog *next = NULL;

			if (depth == 0 && run->tail_call_cnt < MAX_TAIL_CALL_CNT)
				next = bpf_tail_call_target(regs[BPF_REG_2], regs[BPF_REG_3]);
			if (!next)
				CONT;
			run->tail_call_cnt++;
			run->prog = next;
			insn = next->insnsi;
			goto select_insn;
		}
		R0 = run->prog->helpers[insn->imm](regs[BPF_REG_1], regs[BPF_REG_2],
						   regs[BPF_REG_3], regs[BPF_REG_4],
						   regs[BPF_REG_5]);
		CONT;
	JMP_EXIT:
		return R0;

too_deep:
#if INTERP_CHECKED
	stop(run, insn, -E2BIG, "call stack of more than %d frames", BPF_MAX_CALL_DEPTH);
#else
	bpf_env_log("bpf: insn %ld: call stack of more than %d frames, program stopped\n",
		    (long)(insn - run->prog->insnsi), BPF_MAX_CALL_DEPTH);
	run->stopped = true;
#endif
	return 0;

default_label:
	/* An unknown opcode (or, unchecked, atomic operation): bpf_insn_check refuses both. */
#if INTERP_CHECKED
	stop(run, insn, -EINVAL, "unknown opcode 0x%02x", insn->code);
#else
	bpf_env_log("bpf: insn %ld: unknown opcode 0x%02x, program stopped\n",
		    (long)(insn - run->prog->insnsi), insn->code);
	run->stopped = true;
#endif
	return 0;
}

#if INTERP_CHECKED

int bpf_interp_run_checked(const struct bpf_prog *prog, u64 r1, u64 r2,
			   struct bpf_interp_check *chk)
{
	struct interp_run run = { .prog = prog, .chk = chk };
	u64 args[5] = { r1, r2, 0, 0, 0 };
	u64 r0;

	run.budget = chk->insn_limit ? chk->insn_limit : BPF_INTERP_INSN_LIMIT;
	chk->msg[0] = '\0';
	chk->r0 = 0;
	r0 = run_frame(&run, prog->insnsi, args, 0);
	chk->insns = (chk->insn_limit ? chk->insn_limit : BPF_INTERP_INSN_LIMIT) - run.budget;
	if (run.stopped)
		return run.err;
	chk->r0 = r0;
	return 0;
}

#else

u64 ___bpf_prog_run(u64 r1, u64 r2, const struct bpf_prog *prog)
{
	struct interp_run run = { .prog = prog };
	u64 args[5] = { r1, r2, 0, 0, 0 };

	return run_frame(&run, prog->insnsi, args, 0);
}

#endif
