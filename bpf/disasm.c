/*
 * bpf/disasm.c - the disassembler: the instruction at one index to one line of text.
 *
 * Every eBPF tool writes instructions in the same C-like syntax. It comes in two spellings,
 * which differ only in how numbers and a few operands are written:
 *
 *                     BPF_DISASM_LINUX (the default)     BPF_DISASM_LLVM
 *   memory operand    r1 = *(u64 *)(r10 -8)              r1 = *(u64 *)(r10 - 0x8)
 *   ALU, store imm    r2 += -4                           r2 += -0x4
 *   jumps             if r1 > 0x5 goto pc+3              if r1 > 0x5 goto +0x3
 *   helper call       call bpf_map_lookup_elem#1         call 0x1
 *   BPF-to-BPF call   call pc+5                          call 0x5
 *   64-bit load       r1 = 0xffffffffffffffff ll         r1 = -0x1 ll
 *   map load          r1 = map[fd:5]                     ld_pseudo<TAB>r1, 0x1, 0x5
 *   32-bit ld/st      r1 = *(u32 *)(r2 +0)               w1 = *(u32 *)(r2 + 0x0)
 *   atomics (LINUX)   r2 = atomic64_fetch_add((u64 *)(r1 +0), r2)
 *                     r0 = atomic64_cmpxchg((u64 *)(r1 +0), r0, r2)
 *   atomics (LLVM)    r2 = atomic_fetch_add((u64 *)(r1 + 0x0), r2)
 *                     r0 = cmpxchg_64(r1 + 0x0, r0, r2)
 *
 * LINUX is what kernel/bpf/disasm.c writes into the verifier log and what bpftool prints for a
 * loaded program ("xlated"), with two deliberate changes. A 64-bit immediate load ends in " ll",
 * as in LLVM, so that it never reads like the 32-bit move "r1 = 5". A load of a map by fd or by
 * index reads map[fd:N], map[fd:N][0]+OFF, map[idx:N], map[idx:N][0]+OFF: bpftool's map[id:N]
 * form, for the stage before the loader has resolved the fd.
 *
 * LLVM is what llvm-objdump -d prints for the same bytes: immediates in hex (its default since
 * LLVM 16, --print-imm-hex before) and 32-bit loads, stores and atomics on w registers (alu32,
 * what -mcpu=v3 and later generate; --mattr=+alu32 for older llvm-objdump). Older LLVM has no
 * text for the v4 instructions (sign extensions, signed division, 64-bit byte swaps, gotol),
 * for stores of an immediate or for JSET: those print as newer LLVM prints them.
 * tests/host/test_llvm_disasm.c compares this spelling with the real tool, character for
 * character. Two things are lost in it, as in LLVM itself: a BPF-to-BPF call reads like a
 * helper call ("call 0x5"), and a map value load shows only its first immediate.
 *
 * Only the instructions RFC 9669 defines print as instructions, and only with their unused
 * fields zero. Anything else (the legacy packet loads, Linux's own may_goto or addr_space_cast,
 * a reserved field set, a 64-bit load cut off by the end of the program) prints as
 * "invalid insn (0xNN): reason". That strictness makes the assembler (bpf/asm.c) the exact
 * inverse: asm(disasm(insn)) == insn for every instruction printed.
 *
 * No printf: the same file runs in the kernel, so numbers are formatted by hand here.
 * Read next: bpf/asm.c, which parses both spellings back.
 */
#include "bpf/disasm.h"

/* The state of one call: the output line and the instruction being printed. */
struct disasm {
	char *buf;		     /* the line; writes past size are dropped */
	size_t size;		     /* of buf */
	size_t len;		     /* characters written so far (may pass size) */
	const struct bpf_insn *insn; /* the instruction */
	const struct bpf_insn *next; /* the slot after it, NULL at the end of the program */
	bool llvm;		     /* BPF_DISASM_LLVM */
	int slots;		     /* 2 for a 64-bit immediate load */
};

/* Why an instruction is not one: the text after "invalid insn (0xNN): ". */
#define BAD_OPCODE   "unknown opcode"
#define BAD_RESERVED "reserved field not zero"
#define BAD_REGISTER "bad register"

/* ---- formatting ---- */

static void put_char(struct disasm *d, char c)
{
	if (d->len + 1 < d->size) {
		d->buf[d->len] = c;
		d->buf[d->len + 1] = '\0';
	}
	d->len++;
}

static void put_str(struct disasm *d, const char *s)
{
	while (*s)
		put_char(d, *s++);
}

static void put_udec(struct disasm *d, u64 v)
{
	char digits[24];
	int n = 0;

	do {
		digits[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n)
		put_char(d, digits[--n]);
}

static void put_dec(struct disasm *d, s64 v)
{
	if (v < 0) {
		put_char(d, '-');
		put_udec(d, 0 - (u64)v);
	} else {
		put_udec(d, (u64)v);
	}
}

/* "0x" and lower-case hex digits, no leading zeros. */
static void put_hex(struct disasm *d, u64 v)
{
	static const char hexdigits[] = "0123456789abcdef";
	int shift = 60;

	put_str(d, "0x");
	while (shift > 0 && !(v >> shift))
		shift -= 4;
	for (; shift >= 0; shift -= 4)
		put_char(d, hexdigits[(v >> shift) & 0xf]);
}

/* Signed hex, as LLVM's formatImm writes it: -0x8 rather than 0xfffffff8. */
static void put_shex(struct disasm *d, s64 v)
{
	if (v < 0) {
		put_char(d, '-');
		put_hex(d, 0 - (u64)v);
	} else {
		put_hex(d, (u64)v);
	}
}

/* "r3", or "w3" for a 32-bit operand. */
static void put_reg(struct disasm *d, bool w, u8 reg)
{
	put_char(d, w ? 'w' : 'r');
	put_udec(d, reg);
}

/* An immediate of an ALU instruction or a store: decimal for Linux, signed hex for LLVM. */
static void put_imm(struct disasm *d, s32 imm)
{
	if (d->llvm)
		put_shex(d, imm);
	else
		put_dec(d, imm);
}

/* Base and offset without parentheses: "r10 -8" or LLVM's "r10 - 0x8". */
static void put_base_off(struct disasm *d, u8 base, s16 off)
{
	put_reg(d, false, base);
	if (d->llvm) {
		put_str(d, off < 0 ? " - " : " + ");
		put_hex(d, off < 0 ? 0 - (s64)off : off);
	} else {
		put_str(d, off < 0 ? " -" : " +");
		put_udec(d, off < 0 ? 0 - (s64)off : off);
	}
}

/* A memory operand: "*(u64 *)(r10 -8)" without the star and type: "(r10 -8)". */
static void put_mem(struct disasm *d, u8 base, s16 off)
{
	put_char(d, '(');
	put_base_off(d, base, off);
	put_char(d, ')');
}

/* A jump or call distance: Linux's "pc+3", LLVM's "+0x3" / "-0x3". */
static void put_pc_off(struct disasm *d, s32 off)
{
	if (d->llvm) {
		if (off >= 0)
			put_char(d, '+');
		put_shex(d, off);
	} else {
		put_str(d, "pc");
		if (off >= 0)
			put_char(d, '+');
		put_dec(d, off);
	}
}

/* ---- helper names ---- */

#define HELPER_NAME(name, id) [id] = "bpf_" #name,
static const char *const helper_names[] = {___BPF_FUNC_MAPPER(HELPER_NAME)};
#undef HELPER_NAME

const char *bpf_helper_name(s32 id)
{
	if (id < 0 || (u32)id >= ARRAY_SIZE(helper_names))
		return NULL;
	return helper_names[id];
}

/* ---- one printer per instruction class ---- */

static const char *const size_names[4] = {
    [BPF_W >> 3] = "u32",
    [BPF_H >> 3] = "u16",
    [BPF_B >> 3] = "u8",
    [BPF_DW >> 3] = "u64",
};

static const char *const sx_size_names[4] = {
    [BPF_W >> 3] = "s32",
    [BPF_H >> 3] = "s16",
    [BPF_B >> 3] = "s8",
};

static const char *const alu_op_names[16] = {
    [BPF_ADD >> 4] = "+=", [BPF_SUB >> 4] = "-=", [BPF_MUL >> 4] = "*=",  [BPF_DIV >> 4] = "/=",
    [BPF_OR >> 4] = "|=",  [BPF_AND >> 4] = "&=", [BPF_LSH >> 4] = "<<=", [BPF_RSH >> 4] = ">>=",
    [BPF_MOD >> 4] = "%=", [BPF_XOR >> 4] = "^=", [BPF_MOV >> 4] = "=",	  [BPF_ARSH >> 4] = "s>>=",
};

static const char *const atomic_op_names[16] = {
    [BPF_ADD >> 4] = "add",
    [BPF_AND >> 4] = "and",
    [BPF_OR >> 4] = "or",
    [BPF_XOR >> 4] = "xor",
};

static const char *const jmp_op_names[16] = {
    [BPF_JEQ >> 4] = "==", [BPF_JGT >> 4] = ">",   [BPF_JGE >> 4] = ">=",   [BPF_JSET >> 4] = "&",
    [BPF_JNE >> 4] = "!=", [BPF_JSGT >> 4] = "s>", [BPF_JSGE >> 4] = "s>=", [BPF_JLT >> 4] = "<",
    [BPF_JLE >> 4] = "<=", [BPF_JSLT >> 4] = "s<", [BPF_JSLE >> 4] = "s<=",
};

/* Byte swaps: "r1 = be16 r1", "r1 = le64 r1" (class ALU), "r1 = bswap32 r1" (class ALU64). */
static const char *print_end(struct disasm *d, bool alu64)
{
	const struct bpf_insn *insn = d->insn;
	bool to_be = BPF_SRC(insn->code) == BPF_TO_BE;

	if (alu64 && to_be)
		return BAD_OPCODE;
	if (insn->src_reg || insn->off)
		return BAD_RESERVED;
	if (insn->imm != 16 && insn->imm != 32 && insn->imm != 64)
		return "byte swap width not 16, 32 or 64";
	put_reg(d, false, insn->dst_reg);
	put_str(d, alu64 ? " = bswap" : to_be ? " = be" : " = le");
	put_udec(d, (u32)insn->imm);
	put_char(d, ' ');
	put_reg(d, false, insn->dst_reg);
	return NULL;
}

/* Sign-extending moves: off is the source width, 8, 16 or 32 (32 only in ALU64). */
static bool is_movsx_width(s16 off, bool alu64)
{
	return off == 8 || off == 16 || (off == 32 && alu64);
}

/* BPF_ALU and BPF_ALU64: "r1 += r2", "w1 s/= 3", "r1 = (s8)r2", "w1 = -w1". */
static const char *print_alu(struct disasm *d)
{
	const struct bpf_insn *insn = d->insn;
	bool alu64 = BPF_CLASS(insn->code) == BPF_ALU64;
	bool x = BPF_SRC(insn->code) == BPF_X;
	u8 op = BPF_OP(insn->code);
	const char *name = alu_op_names[op >> 4];

	if (op == BPF_END)
		return print_end(d, alu64);
	if (op == BPF_NEG) {
		if (x)
			return BAD_OPCODE;
		if (insn->src_reg || insn->off || insn->imm)
			return BAD_RESERVED;
		put_reg(d, !alu64, insn->dst_reg);
		put_str(d, " = -");
		put_reg(d, !alu64, insn->dst_reg);
		return NULL;
	}
	if (!name)
		return BAD_OPCODE;
	if (insn->off) {
		if ((op == BPF_DIV || op == BPF_MOD) && insn->off == 1)
			name = op == BPF_DIV ? "s/=" : "s%=";
		else if (op != BPF_MOV || !x || !is_movsx_width(insn->off, alu64))
			return "bad offset";
	}
	if (x ? insn->imm != 0 : insn->src_reg != 0)
		return BAD_RESERVED;

	put_reg(d, !alu64, insn->dst_reg);
	put_char(d, ' ');
	put_str(d, name);
	put_char(d, ' ');
	if (!x) {
		put_imm(d, insn->imm);
		return NULL;
	}
	if (op == BPF_MOV && insn->off) {
		put_str(d, "(s");
		put_udec(d, (u16)insn->off);
		put_char(d, ')');
	}
	put_reg(d, !alu64, insn->src_reg);
	return NULL;
}

/* BPF_LDX: "r1 = *(u64 *)(r2 +8)", sign-extending "r1 = *(s16 *)(r2 +4)". */
static const char *print_ldx(struct disasm *d)
{
	const struct bpf_insn *insn = d->insn;
	u8 mode = BPF_MODE(insn->code);
	u8 size = BPF_SIZE(insn->code);

	if (mode != BPF_MEM && (mode != BPF_MEMSX || size == BPF_DW))
		return BAD_OPCODE;
	if (insn->imm)
		return BAD_RESERVED;
	/* LLVM's alu32 loads of 8, 16 and 32 bits name the 32-bit register. */
	put_reg(d, d->llvm && mode == BPF_MEM && size != BPF_DW, insn->dst_reg);
	put_str(d, " = *(");
	put_str(d, (mode == BPF_MEM ? size_names : sx_size_names)[size >> 3]);
	put_str(d, " *)");
	put_mem(d, insn->src_reg, insn->off);
	return NULL;
}

/* BPF_ST: "*(u32 *)(r10 -4) = 7". */
static const char *print_st(struct disasm *d)
{
	const struct bpf_insn *insn = d->insn;

	if (BPF_MODE(insn->code) != BPF_MEM)
		return BAD_OPCODE;
	if (insn->src_reg)
		return BAD_RESERVED;
	put_str(d, "*(");
	put_str(d, size_names[BPF_SIZE(insn->code) >> 3]);
	put_str(d, " *)");
	put_mem(d, insn->dst_reg, insn->off);
	put_str(d, " = ");
	put_imm(d, insn->imm);
	return NULL;
}

/* "r2 = atomic64_xchg((u64 *)(r1 +0), r2)" for Linux, "r2 = xchg_64(r1 + 0x0, r2)" for LLVM. */
static void put_atomic_call(struct disasm *d, const char *linux_name, const char *llvm_name,
			    bool dw)
{
	const struct bpf_insn *insn = d->insn;

	if (d->llvm) {
		put_str(d, llvm_name);
		put_char(d, '(');
		put_base_off(d, insn->dst_reg, insn->off);
	} else {
		put_str(d, dw ? "atomic64_" : "atomic_");
		put_str(d, linux_name);
		put_str(d, dw ? "((u64 *)" : "((u32 *)");
		put_mem(d, insn->dst_reg, insn->off);
	}
}

/* BPF_STX | BPF_ATOMIC: lock ops, fetch ops, xchg and cmpxchg, 32 and 64 bits. */
static const char *print_atomic(struct disasm *d)
{
	const struct bpf_insn *insn = d->insn;
	u8 size = BPF_SIZE(insn->code);
	bool dw = size == BPF_DW;
	bool w = d->llvm && !dw; /* LLVM names the 32-bit operands w */
	const char *sz = dw ? "u64" : "u32";

	if (size != BPF_W && size != BPF_DW)
		return BAD_OPCODE;
	switch (insn->imm) {
	case BPF_ADD:
	case BPF_AND:
	case BPF_OR:
	case BPF_XOR:
		put_str(d, "lock *(");
		put_str(d, sz);
		put_str(d, " *)");
		put_mem(d, insn->dst_reg, insn->off);
		put_char(d, ' ');
		put_str(d, alu_op_names[insn->imm >> 4]);
		put_char(d, ' ');
		put_reg(d, w, insn->src_reg);
		return NULL;
	case BPF_ADD | BPF_FETCH:
	case BPF_AND | BPF_FETCH:
	case BPF_OR | BPF_FETCH:
	case BPF_XOR | BPF_FETCH:
		put_reg(d, w, insn->src_reg);
		put_str(d, d->llvm || !dw ? " = atomic_fetch_" : " = atomic64_fetch_");
		put_str(d, atomic_op_names[insn->imm >> 4]);
		put_str(d, "((");
		put_str(d, sz);
		put_str(d, " *)");
		put_mem(d, insn->dst_reg, insn->off);
		break;
	case BPF_XCHG:
		put_reg(d, w, insn->src_reg);
		put_str(d, " = ");
		put_atomic_call(d, "xchg", dw ? "xchg_64" : "xchg32_32", dw);
		break;
	case BPF_CMPXCHG:
		put_reg(d, w, BPF_REG_0);
		put_str(d, " = ");
		put_atomic_call(d, "cmpxchg", dw ? "cmpxchg_64" : "cmpxchg32_32", dw);
		put_str(d, ", ");
		put_reg(d, w, BPF_REG_0);
		break;
	default:
		return "unknown atomic operation";
	}
	put_str(d, ", ");
	put_reg(d, w, insn->src_reg);
	put_char(d, ')');
	return NULL;
}

/* BPF_STX: "*(u64 *)(r10 -8) = r1", and the atomics. */
static const char *print_stx(struct disasm *d)
{
	const struct bpf_insn *insn = d->insn;
	u8 size = BPF_SIZE(insn->code);

	if (BPF_MODE(insn->code) == BPF_ATOMIC)
		return print_atomic(d);
	if (BPF_MODE(insn->code) != BPF_MEM)
		return BAD_OPCODE;
	if (insn->imm)
		return BAD_RESERVED;
	put_str(d, "*(");
	put_str(d, size_names[size >> 3]);
	put_str(d, " *)");
	put_mem(d, insn->dst_reg, insn->off);
	put_str(d, " = ");
	put_reg(d, d->llvm && size != BPF_DW, insn->src_reg);
	return NULL;
}

/* A load of a map (pseudo source): bpftool's form, or LLVM's ld_pseudo. */
static void put_map_load(struct disasm *d, bool by_idx, bool value)
{
	const struct bpf_insn *insn = d->insn;

	if (d->llvm) {
		put_str(d, "ld_pseudo\t");
		put_reg(d, false, insn->dst_reg);
		put_str(d, ", ");
		put_hex(d, insn->src_reg);
		put_str(d, ", ");
		put_hex(d, (u32)insn->imm);
		return;
	}
	put_reg(d, false, insn->dst_reg);
	put_str(d, by_idx ? " = map[idx:" : " = map[fd:");
	put_udec(d, (u32)insn->imm);
	put_char(d, ']');
	if (value) {
		put_str(d, "[0]+");
		put_udec(d, (u32)d->next->imm);
	}
}

/* BPF_LD: only the 64-bit immediate load, "r1 = 0x1234 ll", which takes two slots. */
static const char *print_ld(struct disasm *d)
{
	const struct bpf_insn *insn = d->insn;
	const struct bpf_insn *next = d->next;
	u64 imm64;

	if (insn->code != (BPF_LD | BPF_IMM | BPF_DW))
		return BAD_OPCODE;
	if (insn->off)
		return BAD_RESERVED;
	if (!next)
		return "truncated ld_imm64";
	if (next->code || next->dst_reg || next->src_reg || next->off)
		return "bad second slot of ld_imm64";

	switch (insn->src_reg) {
	case 0:
		imm64 = (u64)(u32)next->imm << 32 | (u32)insn->imm;
		put_reg(d, false, insn->dst_reg);
		put_str(d, " = ");
		if (d->llvm)
			put_shex(d, (s64)imm64);
		else
			put_hex(d, imm64);
		put_str(d, " ll");
		break;
	case BPF_PSEUDO_MAP_FD:
	case BPF_PSEUDO_MAP_IDX:
		if (next->imm)
			return BAD_RESERVED;
		put_map_load(d, insn->src_reg == BPF_PSEUDO_MAP_IDX, false);
		break;
	case BPF_PSEUDO_MAP_VALUE:
	case BPF_PSEUDO_MAP_IDX_VALUE:
		put_map_load(d, insn->src_reg == BPF_PSEUDO_MAP_IDX_VALUE, true);
		break;
	default:
		return "unknown ld_imm64 source";
	}
	d->slots = 2;
	return NULL;
}

/* "call bpf_map_lookup_elem#1", "call unknown#999", "call pc+5"; LLVM's "call 0x1". */
static const char *print_call(struct disasm *d)
{
	const struct bpf_insn *insn = d->insn;
	const char *name;

	if (insn->dst_reg || insn->off)
		return BAD_RESERVED;
	if (insn->src_reg != 0 && insn->src_reg != BPF_PSEUDO_CALL)
		return "unknown call kind";
	put_str(d, "call ");
	if (d->llvm) {
		put_shex(d, insn->imm);
	} else if (insn->src_reg == BPF_PSEUDO_CALL) {
		put_pc_off(d, insn->imm);
	} else {
		name = bpf_helper_name(insn->imm);
		put_str(d, name ? name : "unknown");
		put_char(d, '#');
		put_dec(d, insn->imm);
	}
	return NULL;
}

/* BPF_JMP and BPF_JMP32: goto, gotol, conditional jumps, call, exit. */
static const char *print_jmp(struct disasm *d)
{
	const struct bpf_insn *insn = d->insn;
	bool jmp32 = BPF_CLASS(insn->code) == BPF_JMP32;
	bool x = BPF_SRC(insn->code) == BPF_X;
	u8 op = BPF_OP(insn->code);
	const char *name = jmp_op_names[op >> 4];

	if (op == BPF_JA || op == BPF_CALL || op == BPF_EXIT) {
		if (x || (jmp32 && op != BPF_JA))
			return BAD_OPCODE;
		if (op == BPF_CALL)
			return print_call(d);
		if (insn->dst_reg || insn->src_reg || (jmp32 ? insn->off : insn->imm))
			return BAD_RESERVED;
		if (op == BPF_EXIT) {
			if (insn->off)
				return BAD_RESERVED;
			put_str(d, "exit");
		} else if (jmp32) {
			put_str(d, "gotol ");
			put_pc_off(d, insn->imm);
		} else {
			put_str(d, "goto ");
			put_pc_off(d, insn->off);
		}
		return NULL;
	}
	if (!name)
		return BAD_OPCODE;
	if (x ? insn->imm != 0 : insn->src_reg != 0)
		return BAD_RESERVED;
	put_str(d, "if ");
	put_reg(d, jmp32, insn->dst_reg);
	put_char(d, ' ');
	put_str(d, name);
	put_char(d, ' ');
	if (x)
		put_reg(d, jmp32, insn->src_reg);
	else if (d->llvm)
		put_shex(d, insn->imm);
	else
		put_hex(d, (u32)insn->imm); /* Linux prints the 32 bits as they are: 0xffffffff */
	put_str(d, " goto ");
	put_pc_off(d, insn->off);
	return NULL;
}

typedef const char *(*print_fn)(struct disasm *d);

static const print_fn printers[8] = {
    [BPF_LD] = print_ld,   [BPF_LDX] = print_ldx, [BPF_ST] = print_st,	   [BPF_STX] = print_stx,
    [BPF_ALU] = print_alu, [BPF_JMP] = print_jmp, [BPF_JMP32] = print_jmp, [BPF_ALU64] = print_alu,
};

int bpf_disasm_insn_syntax(const struct bpf_insn *insns, u32 len, u32 idx, char *buf, size_t size,
			   enum bpf_disasm_syntax syntax)
{
	struct disasm d = {.buf = buf, .size = size, .slots = 1};
	const char *bad;

	if (size)
		buf[0] = '\0';
	if (!insns || idx >= len)
		return -EINVAL;
	d.insn = &insns[idx];
	d.next = idx + 1 < len ? &insns[idx + 1] : NULL;
	d.llvm = syntax == BPF_DISASM_LLVM;

	if (d.insn->dst_reg > BPF_REG_10 || d.insn->src_reg > BPF_REG_10)
		bad = BAD_REGISTER;
	else
		bad = printers[BPF_CLASS(d.insn->code)](&d);
	if (bad) {
		d.len = 0;
		if (size)
			buf[0] = '\0';
		put_str(&d, "invalid insn (0x");
		put_char(&d, "0123456789abcdef"[d.insn->code >> 4]);
		put_char(&d, "0123456789abcdef"[d.insn->code & 0xf]);
		put_str(&d, "): ");
		put_str(&d, bad);
		return 1;
	}
	return d.slots;
}

int bpf_disasm_insn(const struct bpf_insn *insns, u32 len, u32 idx, char *buf, size_t size)
{
	return bpf_disasm_insn_syntax(insns, len, idx, buf, size, BPF_DISASM_LINUX);
}
