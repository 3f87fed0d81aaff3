/*
 * bpf/asm.c - the assembler: text in the disassembler's syntax back to instructions.
 *
 * It reads both spellings bpf/disasm.c writes, Linux's ("r1 = *(u64 *)(r10 -8)",
 * "if r1 > 0x5 goto pc+3", "call bpf_map_lookup_elem#1") and llvm-objdump's
 * ("r1 = *(u64 *)(r10 - 0x8)", "goto +0x3 <LBB0_2>", "call 0x1"), even mixed, so that
 * asm(disasm(insns)) == insns and disasm(asm(text)) == text for text as disasm writes it.
 *
 * A line holds at most one instruction:
 *
 *     [index:] [(opcode)] [label: ...] [instruction] [comment]
 *
 *   index:     "12:" as dumps print it; ignored (jumps are relative, the index adds nothing).
 *   (opcode)   "(bf)" as the verifier log and bpftool print it; checked against the encoding.
 *   label:     names the next instruction: "loop:". goto, gotol, "if ... goto" and call take a
 *              label where they take "pc+N" or "+N"; "call name" calls a label if one has that
 *              name, else the helper ("call bpf_ktime_get_ns" or "call ktime_get_ns").
 *   comment:   from ";" or "//", or from "#" at the start of a line or after a space
 *              ("call foo#5" is a helper id, not a comment).
 * Numbers are decimal or 0x hex, with a sign where it makes sense. A 32-bit immediate also
 * takes 0x80000000 to 0xffffffff where the operation is 32 bits wide (w registers, stores of
 * 32 bits or less) or a comparison (Linux prints "if r1 > 0xffffffff" for -1), never for a
 * 64-bit operation, where it would silently mean a negative number: "r1 = 0xffffffff" is an
 * error, "r1 = 0xffffffff ll" is the 64-bit load that was meant.
 *
 * How: one pass over the lines encodes each instruction, remembering each label's index and
 * each use of a label; a second pass patches the uses. Every instruction made goes through
 * bpf_disasm_insn once, so the assembler never emits anything the disassembler calls invalid.
 * Errors stop at the first one and name the line: "line 4: unknown mnemonic 'mvo'".
 *
 * The file is longer than STYLE.md likes, and stays whole on purpose: the lexer, the number
 * rules and the instruction parsers share one parser state and one error path, and split
 * apart each part would have to export the other's insides. Its sections, in order: errors,
 * growing arrays, the lexer, token helpers, registers and numbers, output, jump targets,
 * instructions, lines and labels.
 *
 * Read next: bpf/interp.c, which runs what this produces.
 */
#include "bpf/asm.h"
#include "bpf/disasm.h"

#define MAX_TOKENS 40 /* the longest instruction has about 20 */

enum token_kind { TOK_END, TOK_IDENT, TOK_NUM, TOK_PUNCT };

struct token {
	enum token_kind kind;
	const char *text; /* in the source; not NUL-terminated */
	u32 len;
	u64 num;       /* TOK_NUM: the value */
	bool overflow; /* TOK_NUM: more than 64 bits */
};

struct label {
	const char *name;
	u32 len;
	u32 idx;  /* the instruction it names */
	u32 line; /* where it is defined */
};

/* A use of a label, patched once every label is known. */
enum fixup_kind {
	FIX_JUMP,  /* insn.off, 16 bits: goto and conditional jumps */
	FIX_GOTOL, /* insn.imm, 32 bits */
	FIX_CALL,  /* insn.imm: a label (BPF-to-BPF call) or else a helper name */
};

struct fixup {
	enum fixup_kind kind;
	const char *name;
	u32 len;
	u32 idx;
	u32 line;
};

struct parser {
	struct bpf_insn *insns;
	u32 len, cap;
	struct label *labels;
	u32 nr_labels, labels_cap;
	struct fixup *fixups;
	u32 nr_fixups, fixups_cap;

	char *err;
	size_t err_size, err_len;
	bool failed;
	bool nomem; /* the error is an allocation failure: -ENOMEM */

	u32 line; /* current line, from 1 */
	struct token tok[MAX_TOKENS];
	u32 ntok, pos;
};

/* ---- errors ---- */

static void err_char(struct parser *p, char c)
{
	if (p->err_len + 1 < p->err_size) {
		p->err[p->err_len] = c;
		p->err[p->err_len + 1] = '\0';
	}
	p->err_len++;
}

static void err_str(struct parser *p, const char *s, size_t n)
{
	while (n-- && *s)
		err_char(p, *s++);
}

static void err_num(struct parser *p, u64 v)
{
	char digits[24];
	int n = 0;

	do {
		digits[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n)
		err_char(p, digits[--n]);
}

static void err_hex(struct parser *p, unsigned int v)
{
	if (v >> 4)
		err_hex(p, v >> 4);
	err_char(p, "0123456789abcdef"[v & 0xf]);
}

/*
 * Record the error (the first one only) as "line N: " and fmt, which knows %s (a string),
 * %t (a token, as written), %u (an unsigned int), %d (an int) and %x (an unsigned int in
 * two or more hex digits). Returns -EINVAL.
 */
static int fail(struct parser *p, const char *fmt, ...)
{
	const struct token *t;
	va_list ap;
	int d;

	if (p->failed)
		return -EINVAL;
	p->failed = true;
	if (p->line) {
		err_str(p, "line ", 5);
		err_num(p, p->line);
		err_str(p, ": ", 2);
	}
	va_start(ap, fmt);
	for (; *fmt; fmt++) {
		if (*fmt != '%' || !fmt[1]) {
			err_char(p, *fmt);
			continue;
		}
		switch (*++fmt) {
		case 's':
			err_str(p, va_arg(ap, const char *), (size_t)-1);
			break;
		case 't':
			t = va_arg(ap, const struct token *);
			if (t->kind == TOK_END)
				err_str(p, "end of line", (size_t)-1);
			else
				err_str(p, t->text, t->len);
			break;
		case 'u':
			err_num(p, va_arg(ap, unsigned int));
			break;
		case 'x':
			d = (int)va_arg(ap, unsigned int);
			if ((unsigned int)d < 0x10)
				err_char(p, '0');
			err_hex(p, (unsigned int)d);
			break;
		case 'd':
			d = va_arg(ap, int);
			if (d < 0)
				err_char(p, '-');
			err_num(p, d < 0 ? 0 - (u64)(s64)d : (u64)d);
			break;
		default:
			err_char(p, *fmt);
		}
	}
	va_end(ap);
	return -EINVAL;
}

/* ---- growing arrays ---- */

/*
 * Room for need elements of elem bytes in array (of *cap): the array, moved if it had to
 * grow, or NULL with the error recorded in p (the old array is then still the caller's).
 */
static void *grow(struct parser *p, void *array, u32 *cap, u32 need, size_t elem)
{
	u32 new_cap = *cap ? *cap : 16;
	void *bigger;

	if (need <= *cap)
		return array;
	while (new_cap < need) {
		if (new_cap > 0x7fffffff / 2) {
			fail(p, "program too large");
			return NULL;
		}
		new_cap *= 2;
	}
	bigger = bpf_env_alloc((size_t)new_cap * elem);
	if (!bigger) {
		fail(p, "out of memory");
		p->nomem = true;
		return NULL;
	}
	if (array)
		memcpy(bigger, array, (size_t)*cap * elem);
	bpf_env_free(array);
	*cap = new_cap;
	return bigger;
}

/* The errno of a failed grow. */
static int grow_error(struct parser *p)
{
	return p->nomem ? -ENOMEM : -EINVAL;
}

/* ---- the lexer ---- */

static bool is_ident_start(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '.';
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_ident_char(char c)
{
	return is_ident_start(c) || is_digit(c);
}

static int hex_value(char c)
{
	if (is_digit(c))
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

/* Operators and punctuation, longest first where one is a prefix of another. */
static const char *const puncts[] = {
    "s>>=", "<<=", ">>=", "s/=", "s%=", "s>=", "s<=", "+=", "-=", "*=", "/=", "%=",
    "|=",   "&=",  "^=",  "==",	 "!=",	">=",  "<=",  "s>", "s<", "=",	">",  "<",
    "&",    "*",   "(",	  ")",	 ",",	":",   "#",   "+",  "-",  "[",	"]",
};

/* The length of the punctuation at s, or 0. Never reads past the end of s. */
static u32 match_punct(const char *s)
{
	const char *q;
	u32 i, n;

	for (i = 0; i < ARRAY_SIZE(puncts); i++) {
		q = puncts[i];
		for (n = 0; q[n] && s[n] == q[n]; n++)
			;
		if (!q[n])
			return n;
	}
	return 0;
}

static int lex_number(struct parser *p, const char *s, struct token *t)
{
	const char *start = s;
	u64 v = 0;
	int digit;
	bool hex = s[0] == '0' && (s[1] == 'x' || s[1] == 'X');

	t->kind = TOK_NUM;
	t->overflow = false;
	if (hex) {
		s += 2;
		if (hex_value(*s) < 0)
			return fail(p, "bad number '%s'", "0x");
		for (; (digit = hex_value(*s)) >= 0; s++) {
			if (v >> 60)
				t->overflow = true;
			v = v << 4 | (u64)digit;
		}
	} else {
		for (; is_digit(*s); s++) {
			digit = *s - '0';
			if (v > (~0ull - (u64)digit) / 10)
				t->overflow = true;
			v = v * 10 + (u64)digit;
		}
	}
	t->text = start;
	t->len = (u32)(s - start);
	t->num = v;
	if (is_ident_char(*s)) {
		while (is_ident_char(*s))
			s++;
		t->len = (u32)(s - start);
		return fail(p, "bad number '%t'", t);
	}
	return 0;
}

/* Split the line at s (up to '\n' or NUL) into p->tok. */
static int lex_line(struct parser *p, const char *s, bool at_line_start)
{
	struct token *t;
	const char *start;
	u32 n;
	int err;

	p->ntok = 0;
	p->pos = 0;
	for (;;) {
		bool after_space = at_line_start;

		while (is_space(*s)) {
			s++;
			after_space = true;
		}
		at_line_start = false;
		if (p->ntok == MAX_TOKENS - 1)
			return fail(p, "line too long");
		t = &p->tok[p->ntok];
		if (!*s || *s == '\n' || *s == ';' || (s[0] == '/' && s[1] == '/') ||
		    (*s == '#' && after_space)) {
			t->kind = TOK_END;
			t->text = s;
			t->len = 0;
			p->ntok++;
			return 0;
		}
		start = s;
		if (is_ident_start(*s)) {
			while (is_ident_char(*s))
				s++;
			t->kind = TOK_IDENT;
			/* "s" right before an operator makes its signed form: "s>>=", "s<". */
			if (s - start == 1 && *start == 's' && (n = match_punct(start)) > 1) {
				t->kind = TOK_PUNCT;
				s = start + n;
			}
		} else if (is_digit(*s)) {
			err = lex_number(p, s, t);
			if (err)
				return err;
			s += t->len;
			p->ntok++;
			continue;
		} else if ((n = match_punct(s))) {
			t->kind = TOK_PUNCT;
			s += n;
		} else {
			t->kind = TOK_PUNCT;
			t->text = s;
			t->len = 1;
			return fail(p, "unexpected character '%t'", t);
		}
		t->text = start;
		t->len = (u32)(s - start);
		p->ntok++;
	}
}

/* ---- token helpers ---- */

static struct token *peek(struct parser *p)
{
	return &p->tok[p->pos];
}

static struct token *peek2(struct parser *p)
{
	return &p->tok[p->pos + 1 < p->ntok ? p->pos + 1 : p->pos];
}

static struct token *next(struct parser *p)
{
	struct token *t = &p->tok[p->pos];

	if (t->kind != TOK_END)
		p->pos++;
	return t;
}

static bool tok_is(const struct token *t, enum token_kind kind, const char *text)
{
	return t->kind == kind && strlen(text) == t->len && !memcmp(t->text, text, t->len);
}

static bool is_punct(const struct token *t, const char *text)
{
	return tok_is(t, TOK_PUNCT, text);
}

static bool is_word(const struct token *t, const char *text)
{
	return tok_is(t, TOK_IDENT, text);
}

/* Consume punctuation text, or fail naming what came instead. */
static int expect(struct parser *p, const char *text)
{
	struct token *t = peek(p);

	if (!is_punct(t, text))
		return fail(p, "expected '%s', found '%t'", text, t);
	next(p);
	return 0;
}

static int expect_word(struct parser *p, const char *text)
{
	struct token *t = peek(p);

	if (!is_word(t, text))
		return fail(p, "expected '%s', found '%t'", text, t);
	next(p);
	return 0;
}

/* ---- registers and numbers ---- */

/* r0-r99 or w0-w99 in form: a register name, good or bad. */
static bool looks_like_reg(const struct token *t)
{
	u32 i;

	if (t->kind != TOK_IDENT || t->len < 2 || (t->text[0] != 'r' && t->text[0] != 'w'))
		return false;
	for (i = 1; i < t->len; i++)
		if (!is_digit(t->text[i]))
			return false;
	return true;
}

struct reg {
	u8 num;
	bool w; /* written wN: the 32-bit view */
};

static int get_reg(struct parser *p, struct reg *r)
{
	struct token *t = peek(p);
	u32 i, num = 0;

	r->num = 0;
	r->w = false;
	if (!looks_like_reg(t))
		return fail(p, "expected a register, found '%t'", t);
	for (i = 1; i < t->len && num <= BPF_REG_10; i++)
		num = num * 10 + (u32)(t->text[i] - '0');
	if (num > BPF_REG_10)
		return fail(p, "bad register '%t'", t);
	r->num = (u8)num;
	r->w = t->text[0] == 'w';
	next(p);
	return 0;
}

/* A 64-bit register where only one makes sense: memory bases, byte swaps, 64-bit loads. */
static int get_reg64(struct parser *p, u8 *num, const char *what)
{
	struct token *t = peek(p);
	struct reg r;
	int err = get_reg(p, &r);

	*num = r.num;
	if (err)
		return err;
	if (r.w)
		return fail(p, "%s takes a 64-bit register, found '%t'", what, t);
	*num = r.num;
	return 0;
}

/* A number with an optional sign in front: its magnitude, its sign and how it was written. */
struct number {
	u64 mag;
	bool neg;
	bool overflow;
	const struct token *sign; /* the '-' or '+', or NULL */
	const struct token *tok;
};

static int get_number(struct parser *p, struct number *n)
{
	struct token *t = peek(p);

	*n = (struct number){.tok = t};
	if (is_punct(t, "-") || is_punct(t, "+")) {
		n->sign = t;
		n->neg = is_punct(t, "-");
		next(p);
		t = peek(p);
	}
	if (t->kind != TOK_NUM)
		return fail(p, "expected a number, found '%t'", t);
	n->tok = t;
	n->mag = t->num;
	n->overflow = t->overflow;
	next(p);
	return 0;
}

/* "immediate out of range: '0x80000000' (signed 32 bits)" */
static int out_of_range(struct parser *p, const char *what, const struct number *n,
			const char *range)
{
	return fail(p, "%s out of range: '%s%t' (%s)", what, n->neg ? "-" : "", n->tok, range);
}

/* Whether n is within [lo, hi], lo <= 0 <= hi. */
static bool in_range(const struct number *n, s64 lo, u64 hi)
{
	if (n->overflow)
		return false;
	if (n->neg)
		return n->mag <= 0 - (u64)lo;
	return n->mag <= hi;
}

static s64 number_value(const struct number *n)
{
	return n->neg ? (s64)(0 - n->mag) : (s64)n->mag;
}

/*
 * A 32-bit immediate. wide: the field is read as 32 bits (a 32-bit operation or a comparison),
 * so 0x80000000 to 0xffffffff are accepted as the same bits.
 */
static int get_imm32(struct parser *p, bool wide, s32 *imm)
{
	struct number n;
	int err = get_number(p, &n);

	if (err)
		return err;
	if (!in_range(&n, -0x80000000ll, wide ? 0xffffffffull : 0x7fffffffull))
		return out_of_range(p, "immediate", &n, wide ? "32 bits" : "signed 32 bits");
	*imm = (s32)(u32)number_value(&n);
	return 0;
}

/* A memory offset: "+8", "-8", "+ 0x8", "- 0x8", or nothing for 0. */
static int get_mem_off(struct parser *p, s16 *off)
{
	struct number n;
	int err;

	*off = 0;
	if (!is_punct(peek(p), "+") && !is_punct(peek(p), "-"))
		return 0;
	err = get_number(p, &n);
	if (err)
		return err;
	if (!in_range(&n, -0x8000, 0x7fff))
		return out_of_range(p, "offset", &n, "signed 16 bits");
	*off = (s16)number_value(&n);
	return 0;
}

/* "r10 -8" (LLVM's xchg and cmpxchg take it without parentheses). */
static int get_base_off(struct parser *p, u8 *base, s16 *off)
{
	int err = get_reg64(p, base, "a memory operand");

	return err ? err : get_mem_off(p, off);
}

/* "(r10 -8)" */
static int get_mem(struct parser *p, u8 *base, s16 *off)
{
	int err = expect(p, "(");

	if (!err)
		err = get_base_off(p, base, off);
	if (!err)
		err = expect(p, ")");
	return err;
}

/* "(u32 *)" or, with sx, also "(s16 *)". */
static int get_size_cast(struct parser *p, bool allow_sx, u8 *size, bool *sx)
{
	static const struct {
		const char *name;
		u8 size;
		bool sx;
	} casts[] = {
	    {"u8", BPF_B, false},   {"u16", BPF_H, false}, {"u32", BPF_W, false},
	    {"u64", BPF_DW, false}, {"s8", BPF_B, true},   {"s16", BPF_H, true},
	    {"s32", BPF_W, true},
	};
	struct token *t;
	u32 i;
	int err = expect(p, "(");

	if (err)
		return err;
	t = peek(p);
	for (i = 0; i < ARRAY_SIZE(casts); i++)
		if (is_word(t, casts[i].name) && (allow_sx || !casts[i].sx))
			break;
	if (i == ARRAY_SIZE(casts))
		return fail(p, "expected a type (u8, u16, u32, u64%s), found '%t'",
			    allow_sx ? ", s8, s16, s32" : "", t);
	next(p);
	*size = casts[i].size;
	if (sx)
		*sx = casts[i].sx;
	err = expect(p, "*");
	return err ? err : expect(p, ")");
}

/* ---- output ---- */

/* Append insn to the program; 0 or -errno. */
static int emit(struct parser *p, const struct bpf_insn *insn)
{
	struct bpf_insn *insns = grow(p, p->insns, &p->cap, p->len + 1, sizeof(*insn));

	if (!insns)
		return grow_error(p);
	p->insns = insns;
	p->insns[p->len++] = *insn;
	return 0;
}

static int add_fixup(struct parser *p, enum fixup_kind kind, const struct token *name)
{
	struct fixup *fixups =
	    grow(p, p->fixups, &p->fixups_cap, p->nr_fixups + 1, sizeof(*fixups));

	if (!fixups)
		return grow_error(p);
	p->fixups = fixups;
	p->fixups[p->nr_fixups++] = (struct fixup){
	    .kind = kind,
	    .name = name->text,
	    .len = name->len,
	    .idx = p->len,
	    .line = p->line,
	};
	return 0;
}

static struct label *find_label(struct parser *p, const char *name, u32 len)
{
	u32 i;

	for (i = 0; i < p->nr_labels; i++)
		if (p->labels[i].len == len && !memcmp(p->labels[i].name, name, len))
			return &p->labels[i];
	return NULL;
}

static int define_label(struct parser *p, const struct token *name)
{
	struct label *old = find_label(p, name->text, name->len);
	struct label *labels;

	if (looks_like_reg(name) || is_word(name, "pc"))
		return fail(p, "'%t' cannot be a label: it is a register name", name);
	if (old)
		return fail(p, "duplicate label '%t' (first defined on line %u)", name, old->line);
	labels = grow(p, p->labels, &p->labels_cap, p->nr_labels + 1, sizeof(*labels));
	if (!labels)
		return grow_error(p);
	p->labels = labels;
	p->labels[p->nr_labels++] = (struct label){
	    .name = name->text,
	    .len = name->len,
	    .idx = p->len,
	    .line = p->line,
	};
	return 0;
}

/* ---- jump targets ---- */

/* LLVM's objdump names the target after it: "goto +0x3 <LBB0_2>". Skip that. */
static void skip_target_name(struct parser *p)
{
	if (is_punct(peek(p), "<") && peek2(p)->kind == TOK_IDENT &&
	    is_punct(&p->tok[p->pos + 2 < p->ntok ? p->pos + 2 : p->pos], ">"))
		p->pos += 3;
}

/*
 * A jump target: "pc+3", "+0x3", "-2" or a label. *value is the distance (0 for a label,
 * patched later); bits is the width of the field that holds it.
 */
static int get_target(struct parser *p, enum fixup_kind kind, int bits, s32 *value)
{
	struct token *t = peek(p);
	struct number n;
	int err;

	*value = 0;
	if (is_word(t, "pc") && (is_punct(peek2(p), "+") || is_punct(peek2(p), "-"))) {
		next(p);
		t = peek(p);
	}
	if (is_punct(t, "+") || is_punct(t, "-")) {
		err = get_number(p, &n);
		if (err)
			return err;
		if (!in_range(&n, -(1ll << (bits - 1)), (1ull << (bits - 1)) - 1))
			return out_of_range(p, "jump offset", &n,
					    bits == 16 ? "signed 16 bits" : "signed 32 bits");
		*value = (s32)number_value(&n);
	} else if (t->kind == TOK_IDENT && !looks_like_reg(t)) {
		err = add_fixup(p, kind, t);
		if (err)
			return err;
		next(p);
	} else {
		return fail(p, "expected a jump target (pc+N, +N or a label), found '%t'", t);
	}
	skip_target_name(p);
	return 0;
}

/* ---- instructions ---- */

/* "goto TARGET", "gotol TARGET" */
static int parse_goto(struct parser *p, struct bpf_insn *insn, bool gotol)
{
	s32 value;
	int err = get_target(p, gotol ? FIX_GOTOL : FIX_JUMP, gotol ? 32 : 16, &value);

	if (err)
		return err;
	if (gotol) {
		insn->code = BPF_JMP32 | BPF_JA;
		insn->imm = value;
	} else {
		insn->code = BPF_JMP | BPF_JA;
		insn->off = (s16)value;
	}
	return 0;
}

static const struct {
	const char *name;
	u8 op;
} jmp_ops[] = {
    {"==", BPF_JEQ},  {"!=", BPF_JNE},	 {">", BPF_JGT},   {">=", BPF_JGE},
    {"<", BPF_JLT},   {"<=", BPF_JLE},	 {"s>", BPF_JSGT}, {"s>=", BPF_JSGE},
    {"s<", BPF_JSLT}, {"s<=", BPF_JSLE}, {"&", BPF_JSET},
};

/* "if r1 > 0x5 goto pc+3", "if w1 s< w2 goto +0x3" */
static int parse_if(struct parser *p, struct bpf_insn *insn)
{
	struct reg dst, src;
	struct token *t;
	s32 value = 0;
	u32 i;
	int err = get_reg(p, &dst);

	if (err)
		return err;
	t = peek(p);
	for (i = 0; i < ARRAY_SIZE(jmp_ops); i++)
		if (is_punct(t, jmp_ops[i].name))
			break;
	if (i == ARRAY_SIZE(jmp_ops))
		return fail(p,
			    "expected a comparison (==, !=, >, >=, <, <=, s>, s>=, s<, s<=, &), "
			    "found '%t'",
			    t);
	next(p);
	insn->code = (dst.w ? BPF_JMP32 : BPF_JMP) | jmp_ops[i].op;
	insn->dst_reg = dst.num;
	t = peek(p);
	if (looks_like_reg(t)) {
		err = get_reg(p, &src);
		if (err)
			return err;
		if (src.w != dst.w)
			return fail(p, "'%t' and the first operand differ in width", t);
		insn->code |= BPF_X;
		insn->src_reg = src.num;
	} else {
		err = get_imm32(p, true, &insn->imm);
		if (err)
			return err;
	}
	err = expect_word(p, "goto");
	if (!err)
		err = get_target(p, FIX_JUMP, 16, &value);
	insn->off = (s16)value;
	return err;
}

/* Look a helper up by name, with or without its "bpf_" prefix; -1 if there is none. */
static s32 helper_by_name(const char *name, u32 len)
{
	const char *h;
	s32 id;

	for (id = 0; id < __BPF_FUNC_MAX_ID; id++) {
		h = bpf_helper_name(id);
		if (!h)
			continue;
		if (strlen(h) == len && !memcmp(h, name, len))
			return id;
		if (strlen(h) == len + 4 && !memcmp(h + 4, name, len))
			return id;
	}
	return -1;
}

/*
 * "call bpf_map_lookup_elem#1", "call unknown#200", "call pc+5", LLVM's "call 0x1",
 * "call label", "call bpf_ktime_get_ns".
 */
static int parse_call(struct parser *p, struct bpf_insn *insn)
{
	struct token *t = peek(p), *name;
	const char *known;
	s32 value;
	int err;

	insn->code = BPF_JMP | BPF_CALL;
	if (is_word(t, "pc")) {
		insn->src_reg = BPF_PSEUDO_CALL;
		return get_target(p, FIX_CALL, 32, &insn->imm);
	}
	if (t->kind == TOK_NUM || is_punct(t, "-") || is_punct(t, "+")) {
		err = get_imm32(p, false, &insn->imm);
		skip_target_name(p);
		return err;
	}
	if (t->kind != TOK_IDENT)
		return fail(p, "expected a helper or a label after 'call', found '%t'", t);
	if (!is_punct(peek2(p), "#")) {
		/* A label or a helper name: which one is known at the end. */
		insn->src_reg = BPF_PSEUDO_CALL;
		return get_target(p, FIX_CALL, 32, &value);
	}
	name = next(p);
	next(p);
	err = get_imm32(p, false, &insn->imm);
	if (err)
		return err;
	known = bpf_helper_name(insn->imm);
	if (is_word(name, "unknown") ? known != NULL : !known || !tok_is(name, TOK_IDENT, known))
		return fail(p, "helper %d is %s, not '%t'", insn->imm, known ? known : "unknown",
			    name);
	return 0;
}

static const struct {
	const char *name;
	s32 op;
} lock_ops[] = {
    {"+=", BPF_ADD},
    {"&=", BPF_AND},
    {"|=", BPF_OR},
    {"^=", BPF_XOR},
};

/* "lock *(u64 *)(r1 +0) += r2" */
static int parse_lock(struct parser *p, struct bpf_insn *insn)
{
	struct token *t;
	struct reg src;
	u8 size, base;
	u32 i;
	int err = expect(p, "*");

	if (!err)
		err = get_size_cast(p, false, &size, NULL);
	if (!err)
		err = get_mem(p, &base, &insn->off);
	if (err)
		return err;
	insn->dst_reg = base;
	if (size != BPF_W && size != BPF_DW)
		return fail(p, "atomic operations are 32 or 64 bits wide");
	t = peek(p);
	for (i = 0; i < ARRAY_SIZE(lock_ops); i++)
		if (is_punct(t, lock_ops[i].name))
			break;
	if (i == ARRAY_SIZE(lock_ops))
		return fail(p, "expected an atomic operation (+=, &=, |=, ^=), found '%t'", t);
	next(p);
	t = peek(p);
	err = get_reg(p, &src);
	if (err)
		return err;
	if (src.w && size == BPF_DW)
		return fail(p, "a 64-bit atomic takes a 64-bit register, found '%t'", t);
	insn->code = BPF_STX | BPF_ATOMIC | size;
	insn->src_reg = src.num;
	insn->imm = lock_ops[i].op;
	return 0;
}

/* "*(u32 *)(r10 -4) = r1" or "= 7" */
static int parse_store(struct parser *p, struct bpf_insn *insn)
{
	struct token *t;
	struct reg src;
	u8 size, base;
	int err = get_size_cast(p, false, &size, NULL);

	if (!err)
		err = get_mem(p, &base, &insn->off);
	if (!err)
		err = expect(p, "=");
	if (err)
		return err;
	insn->dst_reg = base;
	t = peek(p);
	if (!looks_like_reg(t)) {
		insn->code = BPF_ST | BPF_MEM | size;
		return get_imm32(p, size != BPF_DW, &insn->imm);
	}
	err = get_reg(p, &src);
	if (err)
		return err;
	if (src.w && size == BPF_DW)
		return fail(p, "a 64-bit store takes a 64-bit register, found '%t'", t);
	insn->code = BPF_STX | BPF_MEM | size;
	insn->src_reg = src.num;
	return 0;
}

/* LLVM's "ld_pseudo r1, 0x1, 0x5": a 64-bit load with a pseudo source. */
static int parse_ld_pseudo(struct parser *p, struct bpf_insn *insn)
{
	struct number n;
	u8 dst;
	int err = get_reg64(p, &dst, "ld_pseudo");

	insn->dst_reg = dst;
	if (!err)
		err = expect(p, ",");
	if (!err)
		err = get_number(p, &n);
	if (err)
		return err;
	if (!in_range(&n, 0, 15))
		return out_of_range(p, "pseudo source", &n, "0 to 15");
	insn->code = BPF_LD | BPF_IMM | BPF_DW;
	insn->src_reg = (u8)n.mag;
	err = expect(p, ",");
	return err ? err : get_imm32(p, true, &insn->imm);
}

/* "r1 = map[fd:5]", "r1 = map[fd:5][0]+16", "r1 = map[idx:2]", "r1 = map[idx:2][0]+8" */
static int parse_map(struct parser *p, struct bpf_insn *insn)
{
	struct token *t;
	struct number n;
	bool by_idx;
	int err = expect(p, "[");

	if (err)
		return err;
	t = next(p);
	if (!is_word(t, "fd") && !is_word(t, "idx"))
		return fail(p, "expected 'fd' or 'idx' in map[...], found '%t'", t);
	by_idx = is_word(t, "idx");
	err = expect(p, ":");
	if (!err)
		err = get_number(p, &n);
	if (err)
		return err;
	if (!in_range(&n, 0, 0xffffffff))
		return out_of_range(p, "map fd or index", &n, "unsigned 32 bits");
	insn[0].imm = (s32)(u32)n.mag;
	err = expect(p, "]");
	if (err)
		return err;
	insn[0].src_reg = by_idx ? BPF_PSEUDO_MAP_IDX : BPF_PSEUDO_MAP_FD;
	if (!is_punct(peek(p), "["))
		return 0;
	/* A value of the map: "[0]+OFF", the offset into element 0 (an array map's value). */
	next(p);
	t = peek(p);
	if (t->kind != TOK_NUM || t->num != 0)
		return fail(p, "expected '0' in map[...][0], found '%t'", t);
	next(p);
	err = expect(p, "]");
	if (!err)
		err = expect(p, "+");
	if (!err)
		err = get_number(p, &n);
	if (err)
		return err;
	if (!in_range(&n, 0, 0xffffffff))
		return out_of_range(p, "map value offset", &n, "unsigned 32 bits");
	insn[1].imm = (s32)(u32)n.mag;
	insn[0].src_reg = by_idx ? BPF_PSEUDO_MAP_IDX_VALUE : BPF_PSEUDO_MAP_VALUE;
	return 0;
}

/* The atomic read-modify-writes written as a call, in both spellings. */
enum atomic_form {
	ATOMIC_LINUX,	/* atomic_OP((u32 *)(r1 +0), ...): 32 or 64 bits */
	ATOMIC_LINUX64, /* atomic64_OP((u64 *)(r1 +0), ...) */
	ATOMIC_LLVM32,	/* xchg32_32(r1 + 0x0, ...), cmpxchg32_32 */
	ATOMIC_LLVM64,	/* xchg_64(r1 + 0x0, ...), cmpxchg_64 */
};

static const struct {
	const char *name;
	s32 imm;
	enum atomic_form form;
} atomic_calls[] = {
    {"atomic_fetch_add", BPF_ADD | BPF_FETCH, ATOMIC_LINUX},
    {"atomic_fetch_and", BPF_AND | BPF_FETCH, ATOMIC_LINUX},
    {"atomic_fetch_or", BPF_OR | BPF_FETCH, ATOMIC_LINUX},
    {"atomic_fetch_xor", BPF_XOR | BPF_FETCH, ATOMIC_LINUX},
    {"atomic_xchg", BPF_XCHG, ATOMIC_LINUX},
    {"atomic_cmpxchg", BPF_CMPXCHG, ATOMIC_LINUX},
    {"atomic64_fetch_add", BPF_ADD | BPF_FETCH, ATOMIC_LINUX64},
    {"atomic64_fetch_and", BPF_AND | BPF_FETCH, ATOMIC_LINUX64},
    {"atomic64_fetch_or", BPF_OR | BPF_FETCH, ATOMIC_LINUX64},
    {"atomic64_fetch_xor", BPF_XOR | BPF_FETCH, ATOMIC_LINUX64},
    {"atomic64_xchg", BPF_XCHG, ATOMIC_LINUX64},
    {"atomic64_cmpxchg", BPF_CMPXCHG, ATOMIC_LINUX64},
    {"xchg32_32", BPF_XCHG, ATOMIC_LLVM32},
    {"cmpxchg32_32", BPF_CMPXCHG, ATOMIC_LLVM32},
    {"xchg_64", BPF_XCHG, ATOMIC_LLVM64},
    {"cmpxchg_64", BPF_CMPXCHG, ATOMIC_LLVM64},
};

static int find_atomic_call(const struct token *t)
{
	u32 i;

	for (i = 0; i < ARRAY_SIZE(atomic_calls); i++)
		if (is_word(t, atomic_calls[i].name))
			return (int)i;
	return -1;
}

/*
 * "r2 = atomic64_fetch_add((u64 *)(r1 +0), r2)", "r0 = cmpxchg_64(r1 + 0x0, r0, r2)", ...
 * The result lands in the source register (r0 for cmpxchg), so the text names it twice.
 */
static int parse_atomic_call(struct parser *p, struct bpf_insn *insn, struct reg dst, int which)
{
	enum atomic_form form = atomic_calls[which].form;
	bool cmpxchg = atomic_calls[which].imm == BPF_CMPXCHG;
	struct token *t;
	struct reg src, r0 = {0};
	u8 size = form == ATOMIC_LLVM32 ? BPF_W : BPF_DW;
	u8 base = 0;
	int err;

	next(p);
	err = expect(p, "(");
	if (err)
		return err;
	if (form == ATOMIC_LINUX || form == ATOMIC_LINUX64) {
		err = get_size_cast(p, false, &size, NULL);
		if (!err)
			err = get_mem(p, &base, &insn->off);
		if (!err && size != BPF_DW && (form == ATOMIC_LINUX64 || size != BPF_W))
			err = fail(p, "%s works on %s", atomic_calls[which].name,
				   form == ATOMIC_LINUX64 ? "u64" : "u32 or u64");
	} else {
		err = get_base_off(p, &base, &insn->off);
	}
	if (!err && cmpxchg) {
		err = expect(p, ",");
		t = peek(p);
		if (!err)
			err = get_reg(p, &r0);
		if (!err && r0.num != BPF_REG_0)
			err = fail(p, "cmpxchg compares with r0, found '%t'", t);
	}
	if (!err)
		err = expect(p, ",");
	t = peek(p);
	if (!err)
		err = get_reg(p, &src);
	if (!err)
		err = expect(p, ")");
	if (err)
		return err;
	if (size == BPF_DW && (src.w || dst.w || (cmpxchg && r0.w)))
		return fail(p, "a 64-bit atomic takes 64-bit registers");
	if (cmpxchg ? dst.num != BPF_REG_0 : dst.num != src.num)
		return fail(p, "the result of %s goes to %s, not to r%u", atomic_calls[which].name,
			    cmpxchg ? "r0" : "its source register", dst.num);
	insn->code = BPF_STX | BPF_ATOMIC | size;
	insn->dst_reg = base;
	insn->src_reg = src.num;
	insn->imm = atomic_calls[which].imm;
	return 0;
}

/* "r1 = be16 r1", "r1 = le64 r1", "r1 = bswap32 r1" */
static int parse_byte_swap(struct parser *p, struct bpf_insn *insn, struct reg dst)
{
	static const struct {
		const char *name;
		u8 code;
		s32 width;
	} swaps[] = {
	    {"be16", BPF_ALU | BPF_END | BPF_TO_BE, 16},
	    {"be32", BPF_ALU | BPF_END | BPF_TO_BE, 32},
	    {"be64", BPF_ALU | BPF_END | BPF_TO_BE, 64},
	    {"le16", BPF_ALU | BPF_END | BPF_TO_LE, 16},
	    {"le32", BPF_ALU | BPF_END | BPF_TO_LE, 32},
	    {"le64", BPF_ALU | BPF_END | BPF_TO_LE, 64},
	    {"bswap16", BPF_ALU64 | BPF_END | BPF_TO_LE, 16},
	    {"bswap32", BPF_ALU64 | BPF_END | BPF_TO_LE, 32},
	    {"bswap64", BPF_ALU64 | BPF_END | BPF_TO_LE, 64},
	};
	struct token *t = peek(p);
	u8 src;
	u32 i;
	int err;

	for (i = 0; i < ARRAY_SIZE(swaps); i++)
		if (is_word(t, swaps[i].name))
			break;
	if (i == ARRAY_SIZE(swaps))
		return 1; /* not a byte swap */
	next(p);
	if (dst.w)
		return fail(p, "%s takes a 64-bit register", swaps[i].name);
	t = peek(p);
	err = get_reg64(p, &src, swaps[i].name);
	if (err)
		return err;
	if (src != dst.num)
		return fail(p, "%s works in place: expected 'r%u', found '%t'", swaps[i].name,
			    dst.num, t);
	insn->code = swaps[i].code;
	insn->imm = swaps[i].width;
	return 0;
}

/* "r1 = (s8)r2", "w1 = (s16)w2" */
static int parse_movsx(struct parser *p, struct bpf_insn *insn, struct reg dst)
{
	struct token *t;
	struct reg src;
	s16 width;
	int err = expect(p, "(");

	if (err)
		return err;
	t = next(p);
	if (is_word(t, "s8"))
		width = 8;
	else if (is_word(t, "s16"))
		width = 16;
	else if (is_word(t, "s32") && !dst.w)
		width = 32;
	else
		return fail(p, "expected (s8), (s16)%s, found '%t'", dst.w ? "" : " or (s32)", t);
	err = expect(p, ")");
	t = peek(p);
	if (!err)
		err = get_reg(p, &src);
	if (err)
		return err;
	if (src.w != dst.w)
		return fail(p, "'%t' and the destination differ in width", t);
	insn->code = (dst.w ? BPF_ALU : BPF_ALU64) | BPF_MOV | BPF_X;
	insn->src_reg = src.num;
	insn->off = width;
	return 0;
}

/* "r1 = *(u64 *)(r2 +8)", "w1 = *(u32 *)(r2 + 0x8)", "r1 = *(s8 *)(r2 +0)" */
static int parse_load(struct parser *p, struct bpf_insn *insn, struct reg dst,
		      const struct token *dst_tok)
{
	u8 size, base;
	bool sx;
	int err = get_size_cast(p, true, &size, &sx);

	if (!err)
		err = get_mem(p, &base, &insn->off);
	if (err)
		return err;
	insn->src_reg = base;
	if (dst.w && (sx || size == BPF_DW))
		return fail(p, "this load takes a 64-bit register, found '%t'", dst_tok);
	insn->code = BPF_LDX | (sx ? BPF_MEMSX : BPF_MEM) | size;
	return 0;
}

/* "r1 = 5", "w1 = -0x1", and with " ll" the 64-bit "r1 = 0x1234 ll" (two slots). */
static int parse_constant(struct parser *p, struct bpf_insn *insn, struct reg dst)
{
	u32 start = p->pos;
	struct number n;
	u64 v;
	int err = get_number(p, &n);

	if (err)
		return err;
	if (!is_word(peek(p), "ll")) {
		p->pos = start;
		insn->code = (dst.w ? BPF_ALU : BPF_ALU64) | BPF_MOV | BPF_K;
		return get_imm32(p, dst.w, &insn->imm);
	}
	next(p);
	if (dst.w)
		return fail(p, "a 64-bit load takes a 64-bit register");
	if (!in_range(&n, -0x7fffffffffffffffll - 1, ~0ull))
		return out_of_range(p, "immediate", &n, "64 bits");
	v = (u64)number_value(&n);
	insn[0].code = BPF_LD | BPF_IMM | BPF_DW;
	insn[0].imm = (s32)(u32)v;
	insn[1].imm = (s32)(u32)(v >> 32);
	return 0;
}

static const struct {
	const char *name;
	u8 op;
	s16 off;
} alu_ops[] = {
    {"+=", BPF_ADD, 0},	 {"-=", BPF_SUB, 0},  {"*=", BPF_MUL, 0},    {"/=", BPF_DIV, 0},
    {"%=", BPF_MOD, 0},	 {"|=", BPF_OR, 0},   {"&=", BPF_AND, 0},    {"^=", BPF_XOR, 0},
    {"<<=", BPF_LSH, 0}, {">>=", BPF_RSH, 0}, {"s>>=", BPF_ARSH, 0}, {"s/=", BPF_DIV, 1},
    {"s%=", BPF_MOD, 1}, {"=", BPF_MOV, 0},
};

/* Everything after "r1 = ". */
static int parse_assign(struct parser *p, struct bpf_insn *insn, struct reg dst,
			const struct token *dst_tok)
{
	struct token *t = peek(p);
	struct reg src;
	int which, err;

	if (is_punct(t, "-") && looks_like_reg(peek2(p))) {
		next(p);
		t = peek(p);
		err = get_reg(p, &src);
		if (err)
			return err;
		if (src.num != dst.num || src.w != dst.w)
			return fail(p, "negation works in place: expected '%s%u', found '%t'",
				    dst.w ? "w" : "r", dst.num, t);
		insn->code = (dst.w ? BPF_ALU : BPF_ALU64) | BPF_NEG;
		return 0;
	}
	if (is_punct(t, "*")) {
		next(p);
		return parse_load(p, insn, dst, dst_tok);
	}
	if (is_punct(t, "("))
		return parse_movsx(p, insn, dst);
	if (t->kind == TOK_NUM || is_punct(t, "-") || is_punct(t, "+"))
		return parse_constant(p, insn, dst);
	if (is_word(t, "map")) {
		next(p);
		if (dst.w)
			return fail(p, "a 64-bit load takes a 64-bit register");
		insn[0].code = BPF_LD | BPF_IMM | BPF_DW;
		return parse_map(p, insn);
	}
	which = find_atomic_call(t);
	if (which >= 0)
		return parse_atomic_call(p, insn, dst, which);
	err = parse_byte_swap(p, insn, dst);
	if (err <= 0)
		return err;
	if (!looks_like_reg(t))
		return fail(p, "unexpected '%t' after '='", t);
	err = get_reg(p, &src);
	if (err)
		return err;
	if (src.w != dst.w)
		return fail(p, "'%t' and the destination differ in width", t);
	insn->code = (dst.w ? BPF_ALU : BPF_ALU64) | BPF_MOV | BPF_X;
	insn->src_reg = src.num;
	return 0;
}

/* An instruction that starts with its destination register: ALU, loads, atomics as calls. */
static int parse_reg_first(struct parser *p, struct bpf_insn *insn)
{
	struct token *dst_tok = peek(p), *t;
	struct reg dst, src;
	u32 i;
	int err = get_reg(p, &dst);

	if (err)
		return err;
	insn->dst_reg = dst.num;
	t = peek(p);
	for (i = 0; i < ARRAY_SIZE(alu_ops); i++)
		if (is_punct(t, alu_ops[i].name))
			break;
	if (i == ARRAY_SIZE(alu_ops))
		return fail(p, "expected an operator after '%t', found '%t'", dst_tok, t);
	next(p);
	if (alu_ops[i].op == BPF_MOV)
		return parse_assign(p, insn, dst, dst_tok);

	insn->code = (dst.w ? BPF_ALU : BPF_ALU64) | alu_ops[i].op;
	insn->off = alu_ops[i].off;
	t = peek(p);
	if (!looks_like_reg(t))
		return get_imm32(p, dst.w, &insn->imm);
	err = get_reg(p, &src);
	if (err)
		return err;
	if (src.w != dst.w)
		return fail(p, "'%t' and the destination differ in width", t);
	insn->code |= BPF_X;
	insn->src_reg = src.num;
	return 0;
}

/* One instruction from the tokens at p->pos into insn[0] (and insn[1] for ld_imm64). */
static int parse_insn(struct parser *p, struct bpf_insn *insn)
{
	struct token *t = peek(p);

	if (is_punct(t, "*")) {
		next(p);
		return parse_store(p, insn);
	}
	if (looks_like_reg(t))
		return parse_reg_first(p, insn);
	if (t->kind != TOK_IDENT)
		return fail(p, "expected an instruction, found '%t'", t);
	next(p);
	if (is_word(t, "if"))
		return parse_if(p, insn);
	if (is_word(t, "goto") || is_word(t, "gotol"))
		return parse_goto(p, insn, is_word(t, "gotol"));
	if (is_word(t, "call"))
		return parse_call(p, insn);
	if (is_word(t, "lock"))
		return parse_lock(p, insn);
	if (is_word(t, "ld_pseudo"))
		return parse_ld_pseudo(p, insn);
	if (is_word(t, "exit")) {
		insn->code = BPF_JMP | BPF_EXIT;
		return 0;
	}
	return fail(p, "unknown mnemonic '%t'", t);
}

/* ---- lines and labels ---- */

/*
 * The prefix dumps put before an instruction: an index "12:" (ignored) and the opcode in
 * parentheses "(bf)" (returned in *code, -1 if absent). Returns where the rest starts.
 */
static const char *skip_dump_prefix(const char *s, int *code)
{
	const char *q = s;

	*code = -1;
	while (is_space(*q))
		q++;
	if (is_digit(*q)) {
		while (is_digit(*q))
			q++;
		if (*q != ':')
			return s;
		q++;
		s = q;
		while (is_space(*q))
			q++;
	}
	if (q[0] == '(' && hex_value(q[1]) >= 0 && hex_value(q[2]) >= 0 && q[3] == ')') {
		*code = hex_value(q[1]) << 4 | hex_value(q[2]);
		s = q + 4;
	}
	return s;
}

/* Whether the disassembler accepts insns[0..]: a last guard against encoding mistakes. */
static int check_encoding(struct parser *p, const struct bpf_insn *insns, u32 slots)
{
	char text[BPF_DISASM_LINE_MAX];
	int n = bpf_disasm_insn(insns, slots, 0, text, sizeof(text));

	if (n != (int)slots || !memcmp(text, "invalid", 7))
		return fail(p, "not a valid instruction (%s)", text);
	return 0;
}

static int parse_line(struct parser *p, const char *s)
{
	struct bpf_insn insn[2];
	int code, err;
	u32 slots;

	s = skip_dump_prefix(s, &code);
	err = lex_line(p, s, true);
	if (err)
		return err;
	while (peek(p)->kind == TOK_IDENT && is_punct(peek2(p), ":")) {
		err = define_label(p, peek(p));
		if (err)
			return err;
		p->pos += 2;
	}
	if (peek(p)->kind == TOK_END) {
		if (code >= 0)
			return fail(p, "opcode (%x) without an instruction", code);
		return 0;
	}
	memset(insn, 0, sizeof(insn));
	err = parse_insn(p, insn);
	if (err)
		return err;
	if (peek(p)->kind != TOK_END)
		return fail(p, "unexpected '%t' after the instruction", peek(p));
	if (code >= 0 && code != insn[0].code)
		return fail(p, "opcode (%x) does not match the instruction, whose opcode is (%x)",
			    code, insn[0].code);
	slots = insn[0].code == (BPF_LD | BPF_IMM | BPF_DW) ? 2 : 1;
	err = check_encoding(p, insn, slots);
	if (!err)
		err = emit(p, &insn[0]);
	if (!err && slots == 2)
		err = emit(p, &insn[1]);
	return err;
}

/* Patch every use of a label; "call name" falls back to the helper of that name. */
static int resolve_fixups(struct parser *p)
{
	struct token name;
	struct fixup *f;
	struct label *l;
	struct bpf_insn *insn;
	s64 dist;
	s32 id;
	u32 i;

	for (i = 0; i < p->nr_fixups; i++) {
		f = &p->fixups[i];
		insn = &p->insns[f->idx];
		p->line = f->line;
		name = (struct token){.kind = TOK_IDENT, .text = f->name, .len = f->len};
		l = find_label(p, f->name, f->len);
		if (!l && f->kind == FIX_CALL) {
			id = helper_by_name(f->name, f->len);
			if (id < 0)
				return fail(p, "unknown label or helper '%t'", &name);
			insn->src_reg = 0;
			insn->imm = id;
			continue;
		}
		if (!l)
			return fail(p, "unknown label '%t'", &name);
		dist = (s64)l->idx - (s64)f->idx - 1;
		if (f->kind == FIX_JUMP) {
			if (dist < -0x8000 || dist > 0x7fff)
				return fail(p, "jump to '%t' out of range (%d instructions away)",
					    &name, (int)dist);
			insn->off = (s16)dist;
		} else {
			insn->imm = (s32)dist;
		}
	}
	return 0;
}

int bpf_asm(const char *text, struct bpf_insn **insns, u32 *len, char *err, size_t err_size)
{
	struct parser p = {.err = err, .err_size = err_size};
	const char *s = text;
	int ret = 0;

	*insns = NULL;
	*len = 0;
	if (err && err_size)
		err[0] = '\0';
	if (!err)
		p.err_size = 0;
	if (!text)
		return fail(&p, "no text");

	for (p.line = 1; !ret; p.line++) {
		ret = parse_line(&p, s);
		while (*s && *s != '\n')
			s++;
		if (!*s)
			break;
		s++;
	}
	if (!ret)
		ret = resolve_fixups(&p);
	if (!ret && !p.len) {
		p.line = 0;
		ret = fail(&p, "no instructions");
	}
	bpf_env_free(p.labels);
	bpf_env_free(p.fixups);
	if (ret) {
		bpf_env_free(p.insns);
		return ret;
	}
	*insns = p.insns;
	*len = p.len;
	return 0;
}
