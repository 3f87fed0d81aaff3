/*
 * lib/printf.c - the formatter behind printf, fprintf, dprintf and snprintf.
 *
 * libc_vformat walks the format once. Each conversion is read as
 *	% [flags -+ #0] [width or *] [.precision or .*] [size hh h l ll z j t] conversion
 * and becomes up to four parts, written in this order:
 *	padding spaces | prefix (sign, 0x, 0) | zeros (precision or the 0 flag) | digits or text
 * (the spaces go after the text instead with '-'). Output goes to a sink (libc.h), so the same
 * code fills a string or a stream. The results match C99 and glibc for everything listed in
 * stdio.h, "(null)" for a NULL %s and "(nil)" for a NULL %p included; test_user compares them.
 * Read next: stdio.c.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "user/lib/libc.h"

#define F_LEFT 1  /* '-': pad on the right */
#define F_PLUS 2  /* '+': a sign even for positive numbers */
#define F_SPACE 4 /* ' ': a space where the sign would be */
#define F_ALT 8   /* '#': 0x for hex, a leading 0 for octal */
#define F_ZERO 16 /* '0': pad numbers with zeros */

struct spec {
	int flags;
	int width;
	int prec; /* -1: none given */
	char conv;
};

struct counter {
	struct libc_sink *sink;
	int count;
};

static void out(struct counter *c, const char *s, size_t n)
{
	if (n) {
		c->sink->put(c->sink, s, n);
		c->count += (int)n;
	}
}

static void pad(struct counter *c, char ch, int n)
{
	char fill[16];

	memset(fill, ch, sizeof(fill));
	for (; n > 0; n -= 16)
		out(c, fill, n < 16 ? (size_t)n : 16);
}

static void emit_text(struct counter *c, const struct spec *sp, const char *s, size_t len)
{
	int spaces = sp->width > (int)len ? sp->width - (int)len : 0;

	if (!(sp->flags & F_LEFT))
		pad(c, ' ', spaces);
	out(c, s, len);
	if (sp->flags & F_LEFT)
		pad(c, ' ', spaces);
}

static void emit_number(struct counter *c, const struct spec *sp, unsigned long long v, int neg)
{
	const char *set = sp->conv == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
	unsigned base = sp->conv == 'o' ? 8 : sp->conv == 'u' || sp->conv == 'd' ? 10 : 16;
	char digits[24], prefix[2];
	int nd = 0, np = 0, zeros = 0, len, spaces;
	int is_zero = v == 0;

	for (; v; v /= base)
		digits[nd++] = set[v % base];
	if (sp->prec > nd)
		zeros = sp->prec - nd;
	else if (sp->prec < 0 && nd == 0)
		zeros = 1; /* plain 0; an explicit precision of 0 prints no digits for it */

	if (neg)
		prefix[np++] = '-';
	else if (sp->conv == 'd' && (sp->flags & F_PLUS))
		prefix[np++] = '+';
	else if (sp->conv == 'd' && (sp->flags & F_SPACE))
		prefix[np++] = ' ';
	if (base == 16 && ((sp->flags & F_ALT) || sp->conv == 'p') && !is_zero) {
		prefix[np++] = '0';
		prefix[np++] = sp->conv == 'X' ? 'X' : 'x';
	}
	if (base == 8 && (sp->flags & F_ALT) && zeros == 0 && (nd == 0 || digits[nd - 1] != '0'))
		zeros = 1;

	len = np + zeros + nd;
	if ((sp->flags & (F_ZERO | F_LEFT)) == F_ZERO && sp->prec < 0 && sp->width > len) {
		zeros += sp->width - len;
		len = sp->width;
	}
	spaces = sp->width > len ? sp->width - len : 0;
	if (!(sp->flags & F_LEFT))
		pad(c, ' ', spaces);
	out(c, prefix, np);
	pad(c, '0', zeros);
	while (nd > 0)
		out(c, &digits[--nd], 1);
	if (sp->flags & F_LEFT)
		pad(c, ' ', spaces);
}

/* Flags, width, precision; returns the format just past them. */
static const char *parse_spec(const char *f, struct spec *sp, va_list *ap)
{
	sp->flags = 0;
	sp->width = 0;
	sp->prec = -1;
	for (;; f++) {
		if (*f == '-')
			sp->flags |= F_LEFT;
		else if (*f == '+')
			sp->flags |= F_PLUS;
		else if (*f == ' ')
			sp->flags |= F_SPACE;
		else if (*f == '#')
			sp->flags |= F_ALT;
		else if (*f == '0')
			sp->flags |= F_ZERO;
		else
			break;
	}
	if (*f == '*') {
		sp->width = va_arg(*ap, int);
		if (sp->width < 0) { /* a negative width is a '-' flag */
			sp->flags |= F_LEFT;
			sp->width = -sp->width;
		}
		f++;
	} else {
		for (; *f >= '0' && *f <= '9'; f++)
			sp->width = sp->width * 10 + (*f - '0');
	}
	if (*f == '.') {
		f++;
		sp->prec = 0;
		if (*f == '*') {
			sp->prec = va_arg(*ap, int);
			if (sp->prec < 0)
				sp->prec = -1; /* a negative precision is no precision */
			f++;
		} else {
			for (; *f >= '0' && *f <= '9'; f++)
				sp->prec = sp->prec * 10 + (*f - '0');
		}
	}
	return f;
}

/* The size modifier: 'H' for hh, 'h', 'l' (l, z, j, t: all 64 bits), 'L' for ll, or 0. */
static const char *parse_size(const char *f, char *size)
{
	*size = 0;
	if (f[0] == 'h' && f[1] == 'h') {
		*size = 'H';
		return f + 2;
	}
	if (f[0] == 'l' && f[1] == 'l') {
		*size = 'L';
		return f + 2;
	}
	if (*f == 'h') {
		*size = 'h';
		return f + 1;
	}
	if (*f == 'l' || *f == 'z' || *f == 'j' || *f == 't') {
		*size = 'l';
		return f + 1;
	}
	return f;
}

static long long signed_arg(char size, va_list *ap)
{
	if (size == 'l' || size == 'L')
		return va_arg(*ap, long long);
	if (size == 'h')
		return (short)va_arg(*ap, int);
	if (size == 'H')
		return (signed char)va_arg(*ap, int);
	return va_arg(*ap, int);
}

static unsigned long long unsigned_arg(char size, va_list *ap)
{
	if (size == 'l' || size == 'L')
		return va_arg(*ap, unsigned long long);
	if (size == 'h')
		return (unsigned short)va_arg(*ap, unsigned int);
	if (size == 'H')
		return (unsigned char)va_arg(*ap, unsigned int);
	return va_arg(*ap, unsigned int);
}

int libc_vformat(struct libc_sink *sink, const char *fmt, va_list ap0)
{
	struct counter c = { sink, 0 };
	struct spec sp;
	const char *f = fmt, *start;
	va_list ap;
	char size, ch;

	va_copy(ap, ap0);
	while (*f) {
		for (start = f; *f && *f != '%'; f++)
			;
		out(&c, start, f - start);
		if (!*f)
			break;
		start = f++;
		f = parse_spec(f, &sp, &ap);
		f = parse_size(f, &size);
		sp.conv = *f ? *f++ : 0;
		switch (sp.conv) {
		case 'd':
		case 'i': {
			long long v = signed_arg(size, &ap);

			sp.conv = 'd';
			emit_number(&c, &sp, v < 0 ? -(unsigned long long)v : (unsigned long long)v,
				    v < 0);
			break;
		}
		case 'u':
		case 'x':
		case 'X':
		case 'o':
			emit_number(&c, &sp, unsigned_arg(size, &ap), 0);
			break;
		case 'p': {
			void *p = va_arg(ap, void *);

			if (p)
				emit_number(&c, &sp, (unsigned long)p, 0);
			else
				emit_text(&c, &sp, "(nil)", 5);
			break;
		}
		case 's': {
			const char *s = va_arg(ap, const char *);

			if (!s)
				s = "(null)";
			emit_text(&c, &sp, s, sp.prec >= 0 ? strnlen(s, sp.prec) : strlen(s));
			break;
		}
		case 'c':
			ch = (char)va_arg(ap, int);
			emit_text(&c, &sp, &ch, 1);
			break;
		case '%':
			out(&c, "%", 1);
			break;
		default: /* unknown or truncated: print it as it was written */
			out(&c, start, f - start);
			break;
		}
	}
	va_end(ap);
	return c.count;
}

/* --- the string sink: snprintf ---------------------------------------------------------------- */

struct string_sink {
	struct libc_sink sink;
	char *buf;
	size_t size; /* room, the terminating NUL included */
	size_t len;
};

static void string_put(struct libc_sink *sink, const char *s, size_t n)
{
	struct string_sink *ss = (struct string_sink *)sink;
	size_t room = ss->size > ss->len + 1 ? ss->size - ss->len - 1 : 0;

	if (n > room)
		n = room;
	memcpy(ss->buf + ss->len, s, n);
	ss->len += n;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct string_sink ss = { { string_put }, buf, size, 0 };
	int n = libc_vformat(&ss.sink, fmt, ap);

	if (size)
		buf[ss.len] = '\0';
	return n;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

int vsprintf(char *buf, const char *fmt, va_list ap)
{
	return vsnprintf(buf, (size_t)-1 / 2, fmt, ap);
}

int sprintf(char *buf, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsprintf(buf, fmt, ap);
	va_end(ap);
	return n;
}

/* --- the descriptor sink: dprintf, in pieces of up to 256 bytes ------------------------------- */

struct fd_sink {
	struct libc_sink sink;
	int fd;
	size_t len;
	char buf[256];
};

static void fd_flush(struct fd_sink *fs)
{
	size_t done = 0;
	ssize_t n;

	while (done < fs->len) {
		n = write(fs->fd, fs->buf + done, fs->len - done);
		if (n <= 0)
			break;
		done += n;
	}
	fs->len = 0;
}

static void fd_put(struct libc_sink *sink, const char *s, size_t n)
{
	struct fd_sink *fs = (struct fd_sink *)sink;
	size_t k;

	while (n) {
		if (fs->len == sizeof(fs->buf))
			fd_flush(fs);
		k = sizeof(fs->buf) - fs->len;
		if (k > n)
			k = n;
		memcpy(fs->buf + fs->len, s, k);
		fs->len += k;
		s += k;
		n -= k;
	}
}

int vdprintf(int fd, const char *fmt, va_list ap)
{
	struct fd_sink fs = { { fd_put }, fd, 0, { 0 } };
	int n = libc_vformat(&fs.sink, fmt, ap);

	fd_flush(&fs);
	return n;
}

int dprintf(int fd, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vdprintf(fd, fmt, ap);
	va_end(ap);
	return n;
}
