/*
 * kernel/arch/x86/insn.c - decoding x86-64 instructions for kprobes: how long an instruction is,
 * where its ModRM, SIB, displacement and immediates sit, and how a probe may execute it.
 *
 * Decoding is one pass from left to right, reading no byte past insn->max_len:
 *   1. legacy prefixes (66 67 F0 F2 F3 and the segment overrides) and REX; a REX counts only
 *      when the opcode follows it directly;
 *   2. the opcode: one byte, 0F xx, 0F 38 xx or 0F 3A xx, or behind VEX (C4/C5), EVEX (62) or
 *      XOP (8F with a map number of 8 or more), which carry their own map number;
 *   3. the map's attribute table says whether a ModRM byte follows and what immediate ends the
 *      instruction; ModRM decides SIB and displacement (mod=00 rm=101 is RIP-relative);
 *   4. the immediate, whose size may depend on the operand size (66, REX.W) or, for F6/F7, on
 *      ModRM.reg.
 * The tables cover the whole one-byte and 0F maps as the 64-bit mode defines them; the 0F 38 and
 * 0F 3A maps are uniform (ModRM, and for 0F 3A an imm8), and so are the vector encodings.
 *
 * insn_classify then sorts instructions for kprobes (see enum insn_class): a few are emulated in
 * the int3 handler, most run from a slot with a jump back, and those whose effect depends on
 * where they run or that change privilege, stacks or the interrupt shadow are refused.
 * The reference is the Intel SDM volume 2, chapter 2 (encoding) and appendix A (opcode maps).
 * Where Intel and AMD differ, the decoder follows Intel: a 66 prefix on a near branch is ignored
 * in 64-bit mode (AMD, and objdump by default, read a rel16); gcc never emits that form, and
 * insn_classify refuses it.
 *
 * The file is about 1000 lines, a quarter of them the two opcode tables. The classification
 * stays here with the decoder because it reads exactly the fields the decoder fills; splitting
 * it would leave two halves that each make sense only with the other open.
 */
#include "kernel/arch/x86/insn.h"
#include "kernel/lib/string.h"

/*
 * Attribute of an opcode: bit 0 says a ModRM byte follows, bits 1-4 the kind of immediate,
 * and two flags mark encodings invalid in 64-bit mode and the mov to/from CRn/DRn forms.
 */
#define M	0x01	 /* ModRM follows */
#define I_B	(1 << 1) /* imm8 (also rel8) */
#define I_W	(2 << 1) /* imm16 */
#define I_Z	(3 << 1) /* imm16 with 66, else imm32 */
#define I_V	(4 << 1) /* imm16, imm32 or imm64 by operand size: mov r, imm */
#define I_J	(5 << 1) /* rel32 of a near branch (66 ignored in 64-bit mode, as on Intel) */
#define I_ENTER (6 << 1) /* imm16 then imm8 */
#define I_MOFFS (7 << 1) /* an absolute address: 8 bytes, 4 with 67 */
#define I_GRP3	(8 << 1) /* F6/F7: /0 and /1 (test) take an imm8 or imm16/32, the rest none */
#define I_D	(9 << 1) /* imm32 whatever the operand size (XOP map 0A) */
#define I_MASK	(15 << 1)
#define CRX	0x20 /* 0F 20-23: mod is ignored, the operand is always a register */
#define BAD	0x80 /* undefined, or invalid in 64-bit mode */

/* The one-byte map. Prefixes (26 2E 36 3E 40-4F 64-67 F0 F2 F3) and the escapes 0F, 62, C4, C5
 * never reach this table. */
static const u8 onebyte_attr[256] = {
    [0x00 ... 0x03] = M,	  /* add Eb,Gb  Ev,Gv  Gb,Eb  Gv,Ev */
    [0x04] = I_B,		  /* add al,Ib */
    [0x05] = I_Z,		  /* add eAX,Iz */
    [0x06 ... 0x07] = BAD,	  /* push es, pop es */
    [0x08 ... 0x0b] = M,	  /* or */
    [0x0c] = I_B,		  /* or al,Ib */
    [0x0d] = I_Z,		  /* or eAX,Iz */
    [0x0e] = BAD,		  /* push cs */
    [0x10 ... 0x13] = M,	  /* adc */
    [0x14] = I_B,		  /* adc al,Ib */
    [0x15] = I_Z,		  /* adc eAX,Iz */
    [0x16 ... 0x17] = BAD,	  /* push ss, pop ss */
    [0x18 ... 0x1b] = M,	  /* sbb */
    [0x1c] = I_B,		  /* sbb al,Ib */
    [0x1d] = I_Z,		  /* sbb eAX,Iz */
    [0x1e ... 0x1f] = BAD,	  /* push ds, pop ds */
    [0x20 ... 0x23] = M,	  /* and */
    [0x24] = I_B,		  /* and al,Ib */
    [0x25] = I_Z,		  /* and eAX,Iz */
    [0x27] = BAD,		  /* daa */
    [0x28 ... 0x2b] = M,	  /* sub */
    [0x2c] = I_B,		  /* sub al,Ib */
    [0x2d] = I_Z,		  /* sub eAX,Iz */
    [0x2f] = BAD,		  /* das */
    [0x30 ... 0x33] = M,	  /* xor */
    [0x34] = I_B,		  /* xor al,Ib */
    [0x35] = I_Z,		  /* xor eAX,Iz */
    [0x37] = BAD,		  /* aaa */
    [0x38 ... 0x3b] = M,	  /* cmp */
    [0x3c] = I_B,		  /* cmp al,Ib */
    [0x3d] = I_Z,		  /* cmp eAX,Iz */
    [0x3f] = BAD,		  /* aas */
    [0x50 ... 0x5f] = 0,	  /* push r64, pop r64 */
    [0x60 ... 0x61] = BAD,	  /* pusha, popa */
    [0x63] = M,			  /* movsxd Gv,Ed */
    [0x68] = I_Z,		  /* push Iz */
    [0x69] = M | I_Z,		  /* imul Gv,Ev,Iz */
    [0x6a] = I_B,		  /* push Ib */
    [0x6b] = M | I_B,		  /* imul Gv,Ev,Ib */
    [0x6c ... 0x6f] = 0,	  /* ins, outs */
    [0x70 ... 0x7f] = I_B,	  /* jcc rel8 */
    [0x80] = M | I_B,		  /* group 1 Eb,Ib: add or adc sbb and sub xor cmp */
    [0x81] = M | I_Z,		  /* group 1 Ev,Iz */
    [0x82] = BAD,		  /* group 1 Eb,Ib alias (32-bit only) */
    [0x83] = M | I_B,		  /* group 1 Ev,Ib */
    [0x84 ... 0x85] = M,	  /* test */
    [0x86 ... 0x87] = M,	  /* xchg */
    [0x88 ... 0x8b] = M,	  /* mov */
    [0x8c] = M,			  /* mov Ev,Sw */
    [0x8d] = M,			  /* lea Gv,M */
    [0x8e] = M,			  /* mov Sw,Ew */
    [0x8f] = M,			  /* group 1A: pop Ev (XOP when the map field is 8 or more) */
    [0x90 ... 0x97] = 0,	  /* xchg eAX,r (90: nop, F3 90: pause) */
    [0x98 ... 0x99] = 0,	  /* cbw/cwde/cdqe, cwd/cdq/cqo */
    [0x9a] = BAD,		  /* call far ptr16:32 */
    [0x9b] = 0,			  /* fwait */
    [0x9c ... 0x9f] = 0,	  /* pushf, popf, sahf, lahf */
    [0xa0 ... 0xa3] = I_MOFFS,	  /* mov al/eAX <-> moffs */
    [0xa4 ... 0xa7] = 0,	  /* movs, cmps */
    [0xa8] = I_B,		  /* test al,Ib */
    [0xa9] = I_Z,		  /* test eAX,Iz */
    [0xaa ... 0xaf] = 0,	  /* stos, lods, scas */
    [0xb0 ... 0xb7] = I_B,	  /* mov r8,Ib */
    [0xb8 ... 0xbf] = I_V,	  /* mov r,Iv (movabs with REX.W) */
    [0xc0 ... 0xc1] = M | I_B,	  /* group 2 Eb/Ev,Ib: rol ror rcl rcr shl shr sal sar */
    [0xc2] = I_W,		  /* ret Iw */
    [0xc3] = 0,			  /* ret */
    [0xc6] = M | I_B,		  /* group 11: mov Eb,Ib; C6 F8 xabort Ib */
    [0xc7] = M | I_Z,		  /* group 11: mov Ev,Iz; C7 F8 xbegin Jz */
    [0xc8] = I_ENTER,		  /* enter Iw,Ib */
    [0xc9] = 0,			  /* leave */
    [0xca] = I_W,		  /* retf Iw */
    [0xcb] = 0,			  /* retf */
    [0xcc] = 0,			  /* int3 */
    [0xcd] = I_B,		  /* int Ib */
    [0xce] = BAD,		  /* into */
    [0xcf] = 0,			  /* iret */
    [0xd0 ... 0xd3] = M,	  /* group 2 by 1 and by cl */
    [0xd4 ... 0xd6] = BAD,	  /* aam, aad, salc */
    [0xd7] = 0,			  /* xlat */
    [0xd8 ... 0xdf] = M,	  /* x87 escapes */
    [0xe0 ... 0xe3] = I_B,	  /* loopne, loope, loop, jrcxz rel8 */
    [0xe4 ... 0xe7] = I_B,	  /* in al/eAX,Ib; out Ib,al/eAX */
    [0xe8] = I_J,		  /* call rel32 */
    [0xe9] = I_J,		  /* jmp rel32 */
    [0xea] = BAD,		  /* jmp far ptr16:32 */
    [0xeb] = I_B,		  /* jmp rel8 */
    [0xec ... 0xef] = 0,	  /* in/out with dx */
    [0xf1] = 0,			  /* int1 (icebp) */
    [0xf4] = 0,			  /* hlt */
    [0xf5] = 0,			  /* cmc */
    [0xf6 ... 0xf7] = M | I_GRP3, /* group 3: test not neg mul imul div idiv */
    [0xf8 ... 0xfd] = 0,	  /* clc stc cli sti cld std */
    [0xfe] = M,			  /* group 4: inc/dec Eb */
    [0xff] = M,			  /* group 5: inc dec call callf jmp jmpf push */
};

/* The two-byte map, 0F xx (0F 38 and 0F 3A are the three-byte escapes). */
static const u8 twobyte_attr[256] = {
    [0x00] = M,		 /* group 6: sldt str lldt ltr verr verw */
    [0x01] = M,		 /* group 7: sgdt sidt lgdt lidt smsw lmsw invlpg; swapgs... */
    [0x02 ... 0x03] = M, /* lar, lsl */
    [0x04] = BAD,
    [0x05 ... 0x09] = 0, /* syscall clts sysret invd wbinvd */
    [0x0a] = BAD,
    [0x0b] = 0, /* ud2 */
    [0x0c] = BAD,
    [0x0d] = M,		       /* prefetch/prefetchw */
    [0x0e] = 0,		       /* femms */
    [0x0f] = M | I_B,	       /* 3DNow!: the imm8 is the operation */
    [0x10 ... 0x17] = M,       /* movups/movss/movupd/movsd, movlps, unpck, movhps */
    [0x18 ... 0x1f] = M,       /* prefetch hints, reserved NOPs, endbr (F3 0F 1E), nopl (1F) */
    [0x20 ... 0x23] = M | CRX, /* mov r64, crN/drN and back */
    [0x24 ... 0x27] = BAD,     /* mov to/from test registers (386) */
    [0x28 ... 0x2f] = M,       /* movaps, cvt*, movntps, ucomis, comis */
    [0x30 ... 0x35] = 0,       /* wrmsr rdtsc rdmsr rdpmc sysenter sysexit */
    [0x36] = BAD,
    [0x37] = 0, /* getsec */
    [0x39] = BAD,
    [0x3b ... 0x3f] = BAD,
    [0x40 ... 0x4f] = M,       /* cmovcc */
    [0x50 ... 0x6f] = M,       /* SSE and MMX arithmetic, unpacks, movd/movq */
    [0x70 ... 0x73] = M | I_B, /* pshuf*, groups 12-14: shifts by Ib */
    [0x74 ... 0x76] = M,       /* pcmpeq */
    [0x77] = 0,		       /* emms */
    [0x78 ... 0x79] = M,       /* vmread, vmwrite (66/F2 0F 78: extrq/insertq Ib,Ib) */
    [0x7a ... 0x7b] = BAD,
    [0x7c ... 0x7f] = M,   /* haddp, hsubp, movd/movq/movdq* */
    [0x80 ... 0x8f] = I_J, /* jcc rel32 */
    [0x90 ... 0x9f] = M,   /* setcc */
    [0xa0 ... 0xa2] = 0,   /* push fs, pop fs, cpuid */
    [0xa3] = M,		   /* bt */
    [0xa4] = M | I_B,	   /* shld Ev,Gv,Ib */
    [0xa5] = M,		   /* shld Ev,Gv,cl */
    [0xa6 ... 0xa7] = BAD,
    [0xa8 ... 0xaa] = 0,       /* push gs, pop gs, rsm */
    [0xab] = M,		       /* bts */
    [0xac] = M | I_B,	       /* shrd Ev,Gv,Ib */
    [0xad] = M,		       /* shrd Ev,Gv,cl */
    [0xae] = M,		       /* group 15: fxsave.. xsave, lfence mfence sfence, rdfsbase.. */
    [0xaf] = M,		       /* imul Gv,Ev */
    [0xb0 ... 0xb7] = M,       /* cmpxchg, lss, btr, lfs, lgs, movzx */
    [0xb8] = M,		       /* popcnt (F3) */
    [0xb9] = M,		       /* ud1 */
    [0xba] = M | I_B,	       /* group 8: bt bts btr btc Ev,Ib */
    [0xbb ... 0xbf] = M,       /* btc, bsf/tzcnt, bsr/lzcnt, movsx */
    [0xc0 ... 0xc1] = M,       /* xadd */
    [0xc2] = M | I_B,	       /* cmpps/cmpss/cmppd/cmpsd Ib */
    [0xc3] = M,		       /* movnti */
    [0xc4 ... 0xc6] = M | I_B, /* pinsrw, pextrw, shufps/shufpd */
    [0xc7] = M,		       /* group 9: cmpxchg8b/16b, rdrand, rdseed, xsaves... */
    [0xc8 ... 0xcf] = 0,       /* bswap r */
    [0xd0 ... 0xfe] = M,       /* SSE and MMX */
    [0xff] = M,		       /* ud0 */
};

/* Bytes that are legacy prefixes. */
static bool is_legacy_prefix(u8 b)
{
	switch (b) {
	case 0x26: /* es */
	case 0x2e: /* cs */
	case 0x36: /* ss */
	case 0x3e: /* ds */
	case 0x64: /* fs */
	case 0x65: /* gs */
	case 0x66: /* operand size */
	case 0x67: /* address size */
	case 0xf0: /* lock */
	case 0xf2: /* repne */
	case 0xf3: /* rep */
		return true;
	default:
		return false;
	}
}

/*
 * Byte readers. pos is an offset from the first byte; every read goes through fetch, which
 * refuses a byte at or past max_len (truncated) or at offset 15 and beyond (too long).
 */
static int fetch(struct insn *insn, unsigned int pos, u8 *out)
{
	if (pos >= INSN_MAX_LEN) {
		insn->error = "longer than 15 bytes";
		return -EINVAL;
	}
	if (pos >= insn->max_len) {
		insn->error = "truncated: the instruction runs past the end of the bytes given";
		return -EINVAL;
	}
	*out = insn->kaddr[pos];
	return 0;
}

/* Little-endian value of size bytes at pos, sign-extended from its top bit. */
static int fetch_signed(struct insn *insn, unsigned int pos, unsigned int size, s64 *out)
{
	u64 v = 0;
	unsigned int i;
	u8 b;

	for (i = 0; i < size; i++) {
		if (fetch(insn, pos + i, &b))
			return -EINVAL;
		v |= (u64)b << (8 * i);
	}
	if (size < 8 && (v >> (8 * size - 1)) & 1)
		v |= ~0ull << (8 * size);
	*out = (s64)v;
	return 0;
}

static int fail(struct insn *insn, const char *why)
{
	insn->error = why;
	return -EINVAL;
}

/* Step 1: legacy prefixes and REX; *pos ends on the first byte after them. */
static int decode_prefixes(struct insn *insn, unsigned int *pos)
{
	u8 b;

	for (;;) {
		if (fetch(insn, *pos, &b))
			return -EINVAL;
		if (is_legacy_prefix(b)) {
			insn->prefixes[insn->nr_prefixes++] = b;
			if (b == 0x66)
				insn->opsize_16 = true;
			else if (b == 0x67)
				insn->addrsize_32 = true;
			else if (b == 0xf0)
				insn->lock = true;
			else if (b == 0xf2 || b == 0xf3)
				insn->rep = b;
			else
				insn->seg = b;
			/* a REX that another prefix follows is ignored by the CPU */
			insn->rex = false;
			insn->rex_byte = 0;
		} else if ((b & 0xf0) == 0x40) {
			insn->rex = true; /* of several REX bytes in a row, the last counts */
			insn->rex_byte = b;
		} else {
			return 0;
		}
		(*pos)++;
	}
}

/*
 * Step 2 for the vector encodings: C5 (2-byte VEX, map 0F), C4 (3-byte VEX), 62 (EVEX), 8F
 * (XOP). Their payload bytes carry R, X, B inverted and W, which land in rex_byte so the
 * register accessors work the same way.
 */
static int decode_vector_prefix(struct insn *insn, unsigned int *pos, u8 escape)
{
	unsigned int i, n = escape == 0xc5 ? 1 : escape == 0x62 ? 3 : 2;
	u8 map, w;

	if (insn->rex || insn->opsize_16 || insn->rep || insn->lock)
		return fail(insn, "VEX/EVEX/XOP after a REX, 66, F0, F2 or F3 prefix (#UD)");
	for (i = 0; i < n; i++)
		if (fetch(insn, *pos + 1 + i, &insn->vex[i]))
			return -EINVAL;
	if (escape == 0xc5) {
		map = INSN_MAP_0F;
		w = 0;
		insn->encoding = INSN_ENC_VEX;
		insn->rex_byte = 0x40 | (~insn->vex[0] & 0x80) >> 5; /* R */
	} else {
		insn->rex_byte = 0x40 | (~insn->vex[0] & 0xe0) >> 5; /* R X B */
		w = insn->vex[1] >> 7;
		if (escape == 0x62) {
			insn->encoding = INSN_ENC_EVEX;
			map = insn->vex[0] & 7;
			if (map == 0 || map == 4 || map == 7)
				return fail(insn, "EVEX with an undefined opcode map");
		} else {
			insn->encoding = escape == 0xc4 ? INSN_ENC_VEX : INSN_ENC_XOP;
			map = insn->vex[0] & 0x1f;
			if (escape == 0xc4 && (map < 1 || map > 3))
				return fail(insn, "VEX with an undefined opcode map");
			if (escape == 0x8f && map > 10)
				return fail(insn, "XOP with an undefined opcode map");
		}
	}
	insn->rex_byte |= w << 3;
	insn->map = map;
	*pos += 1 + n;
	return 0;
}

/* Attribute of a vector-encoded opcode: all take ModRM (but vzeroupper/vzeroall), and the
 * immediate follows the map. */
static u8 vector_attr(const struct insn *insn)
{
	u8 op = insn->op;

	if (insn->encoding == INSN_ENC_XOP)
		return insn->map == 8 ? M | I_B : insn->map == 10 ? M | I_D : M;
	switch (insn->map) {
	case INSN_MAP_0F:
		if (op == 0x77 && insn->encoding == INSN_ENC_VEX)
			return 0; /* vzeroupper, vzeroall */
		if ((op >= 0x70 && op <= 0x73) || op == 0xc2 || (op >= 0xc4 && op <= 0xc6))
			return M | I_B; /* the same Ib opcodes as the legacy 0F map */
		return M;
	case INSN_MAP_0F3A:
		return M | I_B;
	default:
		return M; /* 0F 38, EVEX maps 5 and 6 */
	}
}

/* Step 2: the opcode bytes, and the attribute for them. */
static int decode_opcode(struct insn *insn, unsigned int *pos, u8 *attr)
{
	u8 b, next;

	if (fetch(insn, *pos, &b))
		return -EINVAL;
	if (b == 0xc4 || b == 0xc5 || b == 0x62 ||
	    (b == 0x8f && !fetch(insn, *pos + 1, &next) && (next & 0x1f) >= 8)) {
		if (decode_vector_prefix(insn, pos, b))
			return -EINVAL;
		if (fetch(insn, *pos, &insn->op))
			return -EINVAL;
		insn->opcode[insn->opcode_len++] = insn->op;
		(*pos)++;
		*attr = vector_attr(insn);
		return 0;
	}

	insn->opcode[insn->opcode_len++] = b;
	(*pos)++;
	if (b != 0x0f) {
		insn->map = INSN_MAP_ONEBYTE;
		insn->op = b;
		*attr = onebyte_attr[b];
		return 0;
	}
	if (fetch(insn, *pos, &b))
		return -EINVAL;
	insn->opcode[insn->opcode_len++] = b;
	(*pos)++;
	if (b == 0x38 || b == 0x3a) {
		insn->map = b == 0x38 ? INSN_MAP_0F38 : INSN_MAP_0F3A;
		if (fetch(insn, *pos, &insn->op))
			return -EINVAL;
		insn->opcode[insn->opcode_len++] = insn->op;
		(*pos)++;
		*attr = insn->map == INSN_MAP_0F38 ? M : M | I_B;
		return 0;
	}
	insn->map = INSN_MAP_0F;
	insn->op = b;
	*attr = twobyte_attr[b];
	return 0;
}

/* Instructions whose operand size is 64 bits without REX.W (16 with 66): stack operations and
 * near branches. */
static bool default_64(const struct insn *insn)
{
	u8 op = insn->op, reg = (insn->modrm >> 3) & 7;

	if (insn->encoding != INSN_ENC_LEGACY)
		return false;
	if (insn->map == INSN_MAP_0F)
		return (op >= 0x80 && op <= 0x8f) || op == 0xa0 || op == 0xa1 || op == 0xa8 ||
		       op == 0xa9;
	if (insn->map != INSN_MAP_ONEBYTE)
		return false;
	switch (op) {
	case 0x50 ... 0x5f: /* push, pop */
	case 0x68:	    /* push Iz */
	case 0x6a:	    /* push Ib */
	case 0x70 ... 0x7f: /* jcc */
	case 0x8f:	    /* pop Ev */
	case 0x9c ... 0x9d: /* pushf, popf */
	case 0xc2 ... 0xc3: /* ret */
	case 0xc8 ... 0xc9: /* enter, leave */
	case 0xe0 ... 0xe3: /* loop, jrcxz */
	case 0xe8 ... 0xe9: /* call, jmp */
	case 0xeb:	    /* jmp rel8 */
		return true;
	case 0xff: /* call, jmp, push Ev */
		return reg == 2 || reg == 4 || reg == 6;
	default:
		return false;
	}
}

/* Encodings that raise #UD although the tables give them a length: undefined members of groups,
 * and lea of a register. */
static int check_group(struct insn *insn)
{
	u8 reg = (insn->modrm >> 3) & 7;

	if (insn->encoding != INSN_ENC_LEGACY || insn->map != INSN_MAP_ONEBYTE)
		return 0;
	switch (insn->op) {
	case 0x8d:
		if (insn->modrm >> 6 == 3)
			return fail(insn, "lea with a register operand (#UD)");
		break;
	case 0x8f:
		if (reg != 0)
			return fail(insn, "8F /1../7: undefined in group 1A");
		break;
	case 0xc6:
	case 0xc7:
		if (reg != 0 && insn->modrm != 0xf8)
			return fail(insn, "C6/C7: undefined in group 11");
		break;
	case 0xfe:
		if (reg > 1)
			return fail(insn, "FE /2../7: undefined in group 4");
		break;
	case 0xff:
		if (reg == 7)
			return fail(insn, "FF /7: undefined in group 5");
		break;
	}
	return 0;
}

/* Step 3: ModRM, then SIB and displacement as mod and rm call for them (32/64-bit forms; 67
 * changes the address width, never the layout). */
static int decode_modrm(struct insn *insn, unsigned int *pos, u8 attr)
{
	u8 mod, rm, base;
	s64 disp;

	insn->has_modrm = true;
	insn->modrm_offset = *pos;
	if (fetch(insn, (*pos)++, &insn->modrm))
		return -EINVAL;
	if (check_group(insn))
		return -EINVAL;
	mod = insn->modrm >> 6;
	rm = insn->modrm & 7;
	if (mod == 3 || (attr & CRX))
		return 0;
	if (rm == 4) { /* SIB follows */
		insn->has_sib = true;
		if (fetch(insn, (*pos)++, &insn->sib))
			return -EINVAL;
		base = insn->sib & 7;
		if (mod == 0 && base == 5)
			insn->disp_size = 4; /* no base register, disp32 */
	} else if (mod == 0 && rm == 5) {
		insn->disp_size = 4;
		insn->rip_relative = true; /* [rip + disp32] ([eip + disp32] with 67) */
	}
	if (mod == 1)
		insn->disp_size = 1;
	else if (mod == 2)
		insn->disp_size = 4;
	if (insn->disp_size) {
		insn->disp_offset = *pos;
		if (fetch_signed(insn, *pos, insn->disp_size, &disp))
			return -EINVAL;
		insn->disp = (s32)disp;
		*pos += insn->disp_size;
	}
	return 0;
}

/* The size of the immediate an attribute asks for, given the decoded prefixes and ModRM. */
static unsigned int imm_bytes(const struct insn *insn, u8 attr)
{
	switch (attr & I_MASK) {
	case I_B:
		return 1;
	case I_W:
		return 2;
	case I_Z:
		return insn->opnd_bytes == 2 ? 2 : 4;
	case I_V:
		return insn->opnd_bytes;
	case I_J:
	case I_D:
		return 4;
	case I_ENTER:
		return 2;
	case I_MOFFS:
		return insn->addr_bytes;
	case I_GRP3:
		if (((insn->modrm >> 3) & 7) > 1)
			return 0; /* not, neg, mul, imul, div, idiv */
		return insn->op == 0xf6 ? 1 : insn->opnd_bytes == 2 ? 2 : 4;
	default:
		return 0;
	}
}

/* Step 4: immediates. */
static int decode_imm(struct insn *insn, unsigned int *pos, u8 attr)
{
	unsigned int size = imm_bytes(insn, attr);

	if (size) {
		insn->imm_offset = *pos;
		insn->imm_size = size;
		if (fetch_signed(insn, *pos, size, &insn->imm))
			return -EINVAL;
		if ((attr & I_MASK) == I_MOFFS && size == 4)
			insn->imm = (u32)insn->imm; /* a 32-bit address is zero-extended */
		*pos += size;
	}
	/* the second immediate: enter's level; extrq/insertq (66/F2 0F 78) take two Ib */
	if ((attr & I_MASK) == I_ENTER)
		size = 1;
	else if (insn->encoding == INSN_ENC_LEGACY && insn->map == INSN_MAP_0F &&
		 insn->op == 0x78 && (insn->opsize_16 || insn->rep == 0xf2))
		size = insn->imm_size ? 1 : 2;
	else
		size = 0;
	if (size == 2) { /* extrq/insertq: the length byte then the index byte */
		insn->imm_offset = *pos;
		insn->imm_size = 1;
		if (fetch_signed(insn, (*pos)++, 1, &insn->imm))
			return -EINVAL;
		size = 1;
	}
	if (size) {
		insn->imm2_size = 1;
		if (fetch_signed(insn, *pos, 1, &insn->imm2))
			return -EINVAL;
		*pos += 1;
	}
	return 0;
}

void insn_init(struct insn *insn, const u8 *code, size_t max_len)
{
	memset(insn, 0, sizeof(*insn));
	insn->kaddr = code;
	insn->max_len = max_len;
}

int insn_get_length(struct insn *insn)
{
	unsigned int pos = 0;
	u8 attr;

	if (decode_prefixes(insn, &pos) || decode_opcode(insn, &pos, &attr))
		return -EINVAL;
	if (attr & BAD)
		return fail(insn, "opcode undefined or invalid in 64-bit mode");
	insn->addr_bytes = insn->addrsize_32 ? 4 : 8;
	if (insn->rex_byte & 8)
		insn->opnd_bytes = 8; /* REX.W, or VEX/EVEX/XOP.W */
	else if (insn->opsize_16)
		insn->opnd_bytes = 2;
	else
		insn->opnd_bytes = 4;
	if ((attr & M) && decode_modrm(insn, &pos, attr))
		return -EINVAL;
	if (insn->opnd_bytes == 4 && default_64(insn))
		insn->opnd_bytes = 8;
	if (decode_imm(insn, &pos, attr))
		return -EINVAL;
	insn->length = pos;
	return 0;
}

int insn_decode(struct insn *insn, const u8 *code, size_t max_len)
{
	insn_init(insn, code, max_len);
	return insn_get_length(insn);
}

int insn_check_boundary(const u8 *start, size_t size, size_t offset, const char **why,
			size_t *insn_start)
{
	struct insn insn;
	size_t pos = 0;
	const char *dummy;

	if (!why)
		why = &dummy;
	*why = NULL;
	if (offset >= size) {
		*why = "offset is past the end of the function";
		return -EINVAL;
	}
	while (pos < offset) {
		if (insn_start)
			*insn_start = pos;
		if (insn_decode(&insn, start + pos, size - pos)) {
			*why = insn.error;
			return -EINVAL;
		}
		if (pos + insn.length > offset) {
			*why = "offset is inside an instruction";
			return -EINVAL;
		}
		pos += insn.length;
	}
	if (insn_start)
		*insn_start = pos;
	return 0;
}

bool insn_is_rel_branch(const struct insn *insn)
{
	u8 op = insn->op;

	if (insn->encoding != INSN_ENC_LEGACY)
		return false;
	if (insn->map == INSN_MAP_0F)
		return op >= 0x80 && op <= 0x8f; /* jcc rel32 */
	if (insn->map != INSN_MAP_ONEBYTE)
		return false;
	return (op >= 0x70 && op <= 0x7f) || (op >= 0xe0 && op <= 0xe3) || op == 0xe8 ||
	       op == 0xe9 || op == 0xeb || (op == 0xc7 && insn->modrm == 0xf8); /* xbegin */
}

bool insn_cond_true(unsigned int cond, u64 flags)
{
	bool cf = flags & (1 << 0), pf = flags & (1 << 2), zf = flags & (1 << 6);
	bool sf = flags & (1 << 7), of = flags & (1 << 11);
	bool r;

	switch ((cond >> 1) & 7) {
	case 0: /* o, no */
		r = of;
		break;
	case 1: /* b, ae */
		r = cf;
		break;
	case 2: /* e, ne */
		r = zf;
		break;
	case 3: /* be, a */
		r = cf || zf;
		break;
	case 4: /* s, ns */
		r = sf;
		break;
	case 5: /* p, np */
		r = pf;
		break;
	case 6: /* l, ge */
		r = sf != of;
		break;
	default: /* le, g */
		r = zf || sf != of;
		break;
	}
	return (cond & 1) ? !r : r; /* odd codes are the negations */
}

int insn_effective_addr(const struct insn *insn, const u64 regs[16], u64 *addr)
{
	u8 mod = insn->modrm >> 6, rex = insn->rex_byte;
	u64 ea = (u64)(s64)insn->disp;
	int base, index;

	if (!insn->has_modrm || mod == 3)
		return -EINVAL;
	if (insn->seg == 0x64 || insn->seg == 0x65)
		return -EOPNOTSUPP;
	if (insn->rip_relative) {
		ea += insn_next_ip(insn);
	} else if (insn->has_sib) {
		base = (insn->sib & 7) | (rex & 1) << 3;
		index = ((insn->sib >> 3) & 7) | (rex & 2) << 2;
		if (!(mod == 0 && (insn->sib & 7) == 5))
			ea += regs[base];
		if (index != 4) /* index 100 without REX.X: no index */
			ea += regs[index] << (insn->sib >> 6);
	} else {
		ea += regs[(insn->modrm & 7) | (rex & 1) << 3];
	}
	*addr = insn->addr_bytes == 4 ? (u32)ea : ea;
	return 0;
}

int insn_fixup_rip_relative(const struct insn *insn, u8 *copy, u64 new_ip)
{
	u64 target;
	s64 disp;
	int i;

	if (!insn->rip_relative || insn->addrsize_32 || insn->disp_size != 4)
		return -EINVAL;
	target = insn_next_ip(insn) + (u64)(s64)insn->disp;
	disp = (s64)(target - (new_ip + insn->length));
	if (disp < -0x80000000ll || disp > 0x7fffffffll)
		return -ERANGE;
	for (i = 0; i < 4; i++)
		copy[insn->disp_offset + i] = (u8)((u64)disp >> (8 * i));
	return 0;
}

/*
 * Classification for kprobes.
 *
 * An int3 handler can emulate an instruction (update pt_regs and memory as the instruction would),
 * or run a copy of it from an executable slot followed by a jmp back to the next original
 * instruction ("boosting"). The copy runs at another address, so it must not depend on its own
 * address: relative branches and calls are emulated instead, RIP-relative operands are re-aimed
 * (insn_fixup_rip_relative), and a call through a register or memory is emulated because from
 * the slot it would push the slot's return address. Refused outright: the int3 byte itself,
 * software interrupts, far transfers, privilege changes (syscall/sysret/iret), segment and
 * descriptor-table loads, writes to control/debug registers and MSRs, swapgs, and sti, mov ss
 * and hlt, whose one-instruction interrupt shadow (or sti;hlt pairing) a trap in between breaks.
 * Whether the address has an exception-table fix-up is the caller's question, not the decoder's.
 */

#define REFUSE(why)                                                                                \
	do {                                                                                       \
		*reason = (why);                                                                   \
		return INSN_CLASS_UNPROBEABLE;                                                     \
	} while (0)

/* A lock prefix is allowed only on the read-modify-write forms with a memory destination. */
static bool lock_allowed(const struct insn *insn)
{
	u8 op = insn->op, reg = (insn->modrm >> 3) & 7;

	if (!insn->has_modrm || insn->modrm >> 6 == 3)
		return false;
	if (insn->map == INSN_MAP_ONEBYTE) {
		if (op < 0x40 && (op & 7) <= 1)
			return (op & 0x38) !=
			       0x38; /* add or adc sbb and sub xor Eb/Ev,G; not cmp */
		switch (op) {
		case 0x80:
		case 0x81:
		case 0x83:
			return reg != 7; /* group 1 but cmp */
		case 0x86:
		case 0x87:
			return true; /* xchg */
		case 0xf6:
		case 0xf7:
			return reg == 2 || reg == 3; /* not, neg */
		case 0xfe:
		case 0xff:
			return reg <= 1; /* inc, dec */
		}
		return false;
	}
	if (insn->map == INSN_MAP_0F) {
		switch (op) {
		case 0xab: /* bts */
		case 0xb3: /* btr */
		case 0xbb: /* btc */
		case 0xb0:
		case 0xb1: /* cmpxchg */
		case 0xc0:
		case 0xc1: /* xadd */
			return true;
		case 0xba:
			return reg >= 5; /* bts btr btc Ev,Ib */
		case 0xc7:
			return reg == 1; /* cmpxchg8b/16b */
		}
	}
	return false;
}

/* A 4- or 8-byte mov whose memory operand, if any, the emulator can address (no fs/gs). */
static bool plain_mov(const struct insn *insn)
{
	return (insn->opnd_bytes == 4 || insn->opnd_bytes == 8) && insn->seg != 0x64 &&
	       insn->seg != 0x65;
}

static enum insn_class classify_onebyte(const struct insn *insn, const char **reason)
{
	u8 op = insn->op, reg = (insn->modrm >> 3) & 7;
	bool near_16 = insn->opsize_16; /* 66 on a near branch: rel16 on AMD, ignored on Intel */

	switch (op) {
	case 0x50 ... 0x57: /* push r64 */
		return near_16 ? INSN_CLASS_BOOSTABLE : INSN_CLASS_EMULATE_PUSH;
	case 0x58 ... 0x5f: /* pop r64 */
		return near_16 ? INSN_CLASS_BOOSTABLE : INSN_CLASS_EMULATE_POP;
	case 0x70 ... 0x7f: /* jcc rel8 */
		if (near_16)
			REFUSE("jcc with a 66 prefix: Intel and AMD disagree on its target");
		return INSN_CLASS_EMULATE_JCC;
	case 0x89: /* mov Ev,Gv */
	case 0x8b: /* mov Gv,Ev */
		return plain_mov(insn) ? INSN_CLASS_EMULATE_MOV : INSN_CLASS_BOOSTABLE;
	case 0x8d: /* lea Gv,M (never mod=3: check_group refuses it) */
		return plain_mov(insn) ? INSN_CLASS_EMULATE_LEA : INSN_CLASS_BOOSTABLE;
	case 0x8e:
		REFUSE("mov to a segment register (mov ss also opens an interrupt shadow)");
	case 0x90: /* nop; xchg r8,rax with REX.B; pause with F3 */
		if ((insn->rex_byte & 1) || insn->rep == 0xf3)
			return INSN_CLASS_BOOSTABLE;
		return INSN_CLASS_EMULATE_NOP;
	case 0xb8 ... 0xbf: /* mov r,Iv */
		return plain_mov(insn) ? INSN_CLASS_EMULATE_MOV : INSN_CLASS_BOOSTABLE;
	case 0xc2: /* ret Iw */
	case 0xc3: /* ret */
		if (near_16)
			REFUSE("ret with a 66 prefix pops a 16-bit address");
		return INSN_CLASS_EMULATE_RET;
	case 0xc7: /* mov Ev,Iz; xbegin */
		if (reg == 7)
			REFUSE("xbegin: its abort address is relative to the instruction");
		return plain_mov(insn) ? INSN_CLASS_EMULATE_MOV : INSN_CLASS_BOOSTABLE;
	case 0xca:
	case 0xcb:
		REFUSE("far return");
	case 0xcc:
		REFUSE("int3: the byte is already a breakpoint");
	case 0xcd:
		REFUSE("int n: a software interrupt");
	case 0xcf:
		REFUSE("iret: returns through an interrupt frame (privilege and stack switch)");
	case 0xe0 ... 0xe3:
		REFUSE("loop/jrcxz: a relative branch that is not emulated");
	case 0xe8: /* call rel32 */
		if (near_16)
			REFUSE("call with a 66 prefix: Intel and AMD disagree on its target");
		return INSN_CLASS_EMULATE_CALL;
	case 0xe9: /* jmp rel32 */
	case 0xeb: /* jmp rel8 */
		if (near_16)
			REFUSE("jmp with a 66 prefix: Intel and AMD disagree on its target");
		return INSN_CLASS_EMULATE_JMP;
	case 0xf1:
		REFUSE("int1: a debug trap");
	case 0xf4:
		REFUSE("hlt: a trap between sti and hlt would lose the wake-up");
	case 0xfb:
		REFUSE("sti: its interrupt shadow would cover the jump back, not the next "
		       "instruction");
	case 0xff:
		if (reg == 3 || reg == 5)
			REFUSE("far call or jmp through memory");
		if ((reg == 2 || reg == 4) && near_16)
			REFUSE("indirect call/jmp with a 66 prefix: Intel and AMD disagree");
		if (reg == 2) {
			if (insn->seg == 0x64 || insn->seg == 0x65)
				REFUSE("indirect call through an fs/gs address");
			return INSN_CLASS_EMULATE_CALL_INDIRECT;
		}
		return INSN_CLASS_BOOSTABLE; /* jmp never reaches the jump back; inc, dec, push */
	default:
		return INSN_CLASS_BOOSTABLE;
	}
}

static enum insn_class classify_0f(const struct insn *insn, const char **reason)
{
	u8 op = insn->op, mod = insn->modrm >> 6, reg = (insn->modrm >> 3) & 7;

	switch (op) {
	case 0x00:
		REFUSE("group 6 (sldt, str, lldt, ltr, verr, verw): descriptor tables and the TSS");
	case 0x01:
		switch (insn->modrm) {
		case 0xca: /* clac */
		case 0xcb: /* stac */
		case 0xd0: /* xgetbv */
		case 0xf9: /* rdtscp */
			return INSN_CLASS_BOOSTABLE;
		case 0xf8:
			REFUSE("swapgs: switches the GS base (entry code)");
		}
		if (mod != 3 && reg == 7)
			return INSN_CLASS_BOOSTABLE; /* invlpg */
		REFUSE("group 7 system instruction (lgdt, lidt, lmsw, monitor/mwait, vmcall...)");
	case 0x05:
	case 0x07:
	case 0x34:
	case 0x35:
		REFUSE("syscall/sysret/sysenter/sysexit: changes privilege level");
	case 0x0b:
	case 0xb9:
	case 0xff:
		REFUSE("ud2/ud1/ud0: raises #UD on purpose (BUG and WARN sites)");
	case 0x1e:
		if (insn->rep == 0xf3 && (insn->modrm == 0xfa || insn->modrm == 0xfb))
			return INSN_CLASS_EMULATE_NOP; /* endbr64, endbr32 */
		return INSN_CLASS_BOOSTABLE;
	case 0x1f:
		if (reg == 0 && !insn->rep)
			return INSN_CLASS_EMULATE_NOP; /* nopw/nopl Ev */
		return INSN_CLASS_BOOSTABLE;
	case 0x22:
	case 0x23:
		REFUSE("mov to a control or debug register");
	case 0x30:
		REFUSE("wrmsr: writes a model-specific register (entry points, GS base)");
	case 0x37:
	case 0xaa:
		REFUSE("getsec/rsm: system-mode transitions");
	case 0x80 ... 0x8f: /* jcc rel32 */
		if (insn->opsize_16)
			REFUSE("jcc with a 66 prefix: Intel and AMD disagree on its target");
		return INSN_CLASS_EMULATE_JCC;
	case 0xa1:
	case 0xa9:
	case 0xb2:
	case 0xb4:
	case 0xb5:
		REFUSE("pop fs/gs, lss, lfs, lgs: loads a segment register");
	case 0xae:
		if (insn->rep == 0xf3 && mod == 3 && (reg == 2 || reg == 3))
			REFUSE("wrfsbase/wrgsbase: writes the FS/GS base");
		return INSN_CLASS_BOOSTABLE;
	default:
		return INSN_CLASS_BOOSTABLE;
	}
}

enum insn_class insn_classify(const struct insn *insn, const char **reason)
{
	const char *dummy;

	if (!reason)
		reason = &dummy;
	*reason = NULL;
	if (!insn->length)
		REFUSE("not decoded");
	if (insn->encoding != INSN_ENC_LEGACY)
		REFUSE("VEX/EVEX/XOP vector instruction: not used by the kernel, not probed");
	if (insn->lock && !lock_allowed(insn))
		REFUSE("lock prefix on an instruction that cannot be locked (#UD)");
	if (insn->rip_relative && insn->addrsize_32)
		REFUSE("EIP-relative operand (67 prefix): the slot cannot reach the same address");
	switch (insn->map) {
	case INSN_MAP_ONEBYTE:
		return classify_onebyte(insn, reason);
	case INSN_MAP_0F:
		return classify_0f(insn, reason);
	default:
		return INSN_CLASS_BOOSTABLE; /* 0F 38, 0F 3A: arithmetic on registers and memory */
	}
}

const char *insn_class_name(enum insn_class class)
{
	static const char *const names[NR_INSN_CLASSES] = {
	    [INSN_CLASS_UNPROBEABLE] = "unprobeable",
	    [INSN_CLASS_BOOSTABLE] = "boostable",
	    [INSN_CLASS_EMULATE_NOP] = "emulate-nop",
	    [INSN_CLASS_EMULATE_PUSH] = "emulate-push",
	    [INSN_CLASS_EMULATE_POP] = "emulate-pop",
	    [INSN_CLASS_EMULATE_MOV] = "emulate-mov",
	    [INSN_CLASS_EMULATE_LEA] = "emulate-lea",
	    [INSN_CLASS_EMULATE_JMP] = "emulate-jmp",
	    [INSN_CLASS_EMULATE_CALL] = "emulate-call",
	    [INSN_CLASS_EMULATE_CALL_INDIRECT] = "emulate-call-indirect",
	    [INSN_CLASS_EMULATE_JCC] = "emulate-jcc",
	    [INSN_CLASS_EMULATE_RET] = "emulate-ret",
	};

	if ((unsigned int)class >= NR_INSN_CLASSES)
		return "?";
	return names[class];
}
