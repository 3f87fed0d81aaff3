/*
 * kernel/lib/vsprintf.c - formatted output for printk, panic and the kernel's text files.
 *
 * Conversions: %d %i %u %x %X %o %c %s %p %% with the l, ll, z and h length modifiers, a width,
 * '0', '-' and '#' flags and a precision for strings. %pS prints a kernel address as
 * symbol+0xoff/0xsize through kallsyms, as Linux does.
 */
#include "kernel/types.h"
#include "kernel/lib/string.h"
#include "kernel/lib/vsprintf.h"
#include "kernel/kallsyms.h"

struct out {
	char *buf;
	size_t size;
	size_t len; /* characters produced so far, even past size */
};

static void put(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void put_str(struct out *o, const char *s, int width, int precision, bool left)
{
	int n = (int)strnlen(s, precision < 0 ? (size_t)-1 : (size_t)precision);

	if (!left)
		for (; width > n; width--)
			put(o, ' ');
	for (int i = 0; i < n; i++)
		put(o, s[i]);
	for (; width > n; width--)
		put(o, ' ');
}

static void put_num(struct out *o, unsigned long long v, bool negative, unsigned int base,
		    bool upper, int width, bool zero, bool left, bool alt)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	const char *prefix = negative ? "-" : alt && base == 16 ? "0x" : "";
	char tmp[24];
	int n = 0;

	do {
		tmp[n++] = digits[v % base];
		v /= base;
	} while (v);
	width -= (int)strlen(prefix);
	if (zero)
		while (*prefix)
			put(o, *prefix++);
	if (!left)
		for (; width > n; width--)
			put(o, zero ? '0' : ' ');
	while (*prefix)
		put(o, *prefix++);
	while (n)
		put(o, tmp[--n]), width--;
	for (; width > 0; width--)
		put(o, ' ');
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = { buf, size, 0 };

	for (; *fmt; fmt++) {
		int width = 0, precision = -1, lng = 0;
		bool zero = false, left = false, alt = false, is_signed = false;
		unsigned long long v;
		unsigned int base = 10;

		if (*fmt != '%') {
			put(&o, *fmt);
			continue;
		}
		fmt++;
		for (;; fmt++) {
			if (*fmt == '0')
				zero = true;
			else if (*fmt == '-')
				left = true;
			else if (*fmt == '#')
				alt = true;
			else
				break;
		}
		if (*fmt == '*') {
			width = va_arg(ap, int);
			fmt++;
		}
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + (*fmt++ - '0');
		if (*fmt == '.') {
			precision = 0;
			fmt++;
			if (*fmt == '*') {
				precision = va_arg(ap, int);
				fmt++;
			}
			while (*fmt >= '0' && *fmt <= '9')
				precision = precision * 10 + (*fmt++ - '0');
		}
		while (*fmt == 'l' || *fmt == 'z' || *fmt == 'h') {
			if (*fmt != 'h')
				lng++;
			fmt++;
		}
		switch (*fmt) {
		case 'c':
			put(&o, (char)va_arg(ap, int));
			continue;
		case 's': {
			const char *s = va_arg(ap, const char *);

			put_str(&o, s ? s : "(null)", width, precision, left);
			continue;
		}
		case 'p': {
			void *p = va_arg(ap, void *);

			if (fmt[1] == 'S') {
				char sym[128];

				fmt++;
				kallsyms_format((u64)(uintptr_t)p, sym, sizeof(sym));
				put_str(&o, sym, width, -1, left);
				continue;
			}
			put(&o, '0');
			put(&o, 'x');
			put_num(&o, (uintptr_t)p, false, 16, false, 16, true, false, false);
			continue;
		}
		case 'd':
		case 'i':
			is_signed = true;
			break;
		case 'u':
			break;
		case 'x':
		case 'X':
			base = 16;
			break;
		case 'o':
			base = 8;
			break;
		case '%':
			put(&o, '%');
			continue;
		default:
			put(&o, '%');
			if (*fmt)
				put(&o, *fmt);
			else
				fmt--;
			continue;
		}
		if (is_signed) {
			long long s = lng >= 2 ? va_arg(ap, long long) : lng ? va_arg(ap, long) :
								  va_arg(ap, int);

			v = s < 0 ? 0ull - (unsigned long long)s : (unsigned long long)s;
			put_num(&o, v, s < 0, 10, false, width, zero, left, false);
		} else {
			v = lng >= 2 ? va_arg(ap, unsigned long long) :
			    lng	     ? va_arg(ap, unsigned long) :
				       va_arg(ap, unsigned int);
			put_num(&o, v, false, base, *fmt == 'X', width, zero, left, alt);
		}
	}
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return (int)o.len;
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
