/*
 * bpf/trace_helpers.c - formatted output from programs: bpf_trace_printk (to the trace
 * buffer, read through trace_pipe) and bpf_snprintf (into a buffer of the program), with
 * Linux's rules for the format; and bpf_get_func_ip.
 *
 * The format: printable ASCII and white space, NUL-terminated within its size, with these
 * conversions: %d %i %u %x %X with an optional l or ll (a plain one takes the low 32 bits of
 * its argument), %c, %s (a string read with a probe read, empty if unreadable), %p %px %pK
 * (the pointer as 16 hex digits), %ps %pS (an address, as 0x...), %pks %pus (a string read
 * from kernel or user memory), and %%. Flags 0 - + and space and a width may precede the
 * conversion; a precision may not. trace_printk takes at most 3 arguments, snprintf 12.
 * Anything else is -EINVAL, before anything is printed.
 *
 * The format is checked and printed in one pass over it: fmt_check stops at the first fault,
 * and only then does fmt_print run, so a bad format never prints half a line.
 *
 * Read next: bpf/maps/perf_event_array.c (bpf_perf_event_output).
 */
#include "bpf/helpers.h"

#define PTR(x)		 ((void *)(uintptr_t)(x))
#define BPRINTF_BUF_SIZE 1024 /* Linux's MAX_BPRINTF_BUF */
#define BPRINTF_STR_SIZE 128  /* longest string a %s copies */

/* One conversion, as parsed. */
struct fmt_spec {
	bool left;  /* '-' */
	bool zero;  /* '0' */
	bool plus;  /* '+' */
	bool space; /* ' ' */
	u32 width;
	char conv;  /* d u x X c s p (i is d) */
	char ptype; /* after p: 0, 'x', 'K', 's', 'S', or 'k'/'u' for %pks/%pus */
	u32 length; /* bytes of the argument: 4 or 8 */
};

static inline bool is_print_or_space(char c)
{
	return (c >= 0x20 && c < 0x7f) || (c >= '\t' && c <= '\r');
}

/*
 * Parse the conversion starting after a '%' at fmt[*i]; on success *i is past it.
 * 0, or -EINVAL for anything Linux refuses.
 */
static int parse_spec(const char *fmt, u32 *i, struct fmt_spec *spec)
{
	u32 k = *i;

	memset(spec, 0, sizeof(*spec));
	for (;; k++) {
		if (fmt[k] == '-')
			spec->left = true;
		else if (fmt[k] == '0')
			spec->zero = true;
		else if (fmt[k] == '+')
			spec->plus = true;
		else if (fmt[k] == ' ')
			spec->space = true;
		else
			break;
	}
	while (fmt[k] >= '0' && fmt[k] <= '9') {
		spec->width = spec->width * 10 + (u32)(fmt[k] - '0');
		if (spec->width > 256)
			return -EINVAL;
		k++;
	}
	spec->length = 8;
	switch (fmt[k]) {
	case 'c':
	case 's':
		spec->conv = fmt[k++];
		*i = k;
		return 0;
	case 'p':
		spec->conv = 'p';
		k++;
		if ((fmt[k] == 'k' || fmt[k] == 'u') && fmt[k + 1] == 's') {
			spec->ptype = fmt[k];
			k += 2;
		} else if (fmt[k] == 'x' || fmt[k] == 'K' || fmt[k] == 's' || fmt[k] == 'S') {
			spec->ptype = fmt[k++];
		} else if ((fmt[k] >= 'a' && fmt[k] <= 'z') || (fmt[k] >= 'A' && fmt[k] <= 'Z') ||
			   (fmt[k] >= '0' && fmt[k] <= '9')) {
			return -EINVAL; /* %pB, %pI4 and the other extensions glass lacks */
		}
		*i = k;
		return 0;
	}
	spec->length = 4;
	if (fmt[k] == 'l') {
		spec->length = 8;
		k++;
		if (fmt[k] == 'l')
			k++;
	}
	switch (fmt[k]) {
	case 'd':
	case 'i':
		spec->conv = 'd';
		break;
	case 'u':
	case 'x':
	case 'X':
		spec->conv = fmt[k];
		break;
	default:
		return -EINVAL;
	}
	*i = k + 1;
	return 0;
}

/* Walk the format; -EINVAL at the first fault, else the number of conversions. */
static int fmt_check(const char *fmt, u32 fmt_size, u32 max_args)
{
	struct fmt_spec spec;
	u32 nr = 0, i;

	if (!fmt)
		return -EINVAL;
	for (i = 0; i < fmt_size && fmt[i]; i++)
		;
	if (i == fmt_size)
		return -EINVAL; /* no NUL within fmt_size */
	for (i = 0; fmt[i];) {
		if (!is_print_or_space(fmt[i]))
			return -EINVAL;
		if (fmt[i++] != '%')
			continue;
		if (fmt[i] == '%') {
			i++;
			continue;
		}
		if (nr >= max_args || parse_spec(fmt, &i, &spec))
			return -EINVAL;
		nr++;
	}
	return (int)nr;
}

/* Output with truncation: len counts every byte that would have been written. */
struct out {
	char *buf;
	u32 size;
	u32 len;
};

static void put(struct out *out, char c)
{
	if (out->len + 1 < out->size)
		out->buf[out->len] = c;
	out->len++;
}

static void put_padded(struct out *out, const struct fmt_spec *spec, const char *prefix,
		       const char *body, u32 body_len)
{
	u32 prefix_len = (u32)strlen(prefix), used = prefix_len + body_len, pad = 0;

	if (spec->width > used)
		pad = spec->width - used;
	if (!spec->left && !spec->zero)
		for (; pad; pad--)
			put(out, ' ');
	for (u32 k = 0; k < prefix_len; k++)
		put(out, prefix[k]);
	if (!spec->left && spec->zero)
		for (; pad; pad--)
			put(out, '0');
	for (u32 k = 0; k < body_len; k++)
		put(out, body[k]);
	for (; pad; pad--)
		put(out, ' ');
}

static u32 utoa(u64 v, unsigned int base, bool upper, char *buf)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	u32 n = 0, k;

	do {
		tmp[n++] = digits[v % base];
		v /= base;
	} while (v);
	for (k = 0; k < n; k++)
		buf[k] = tmp[n - 1 - k];
	return n;
}

static void print_number(struct out *out, const struct fmt_spec *spec, u64 arg)
{
	char body[24];
	const char *prefix = "";
	u32 n;

	if (spec->conv == 'd') {
		s64 v = spec->length == 4 ? (s64)(s32)(u32)arg : (s64)arg;
		u64 mag = v < 0 ? 0 - (u64)v : (u64)v;

		prefix = v < 0 ? "-" : spec->plus ? "+" : spec->space ? " " : "";
		n = utoa(mag, 10, false, body);
	} else {
		u64 v = spec->length == 4 ? (u64)(u32)arg : arg;

		n = utoa(v, spec->conv == 'u' ? 10 : 16, spec->conv == 'X', body);
	}
	put_padded(out, spec, prefix, body, n);
}

static void print_string(struct out *out, const struct fmt_spec *spec, u64 arg,
			 enum bpf_probe_space space)
{
	char str[BPRINTF_STR_SIZE];
	long n = bpf_env_probe_read_str(str, sizeof(str), PTR(arg), space);

	put_padded(out, spec, "", str, n > 0 ? (u32)n - 1 : 0);
}

static void print_pointer(struct out *out, const struct fmt_spec *spec, u64 arg)
{
	char body[24];
	u32 n;

	if (spec->ptype == 'k' || spec->ptype == 'u') {
		print_string(out, spec, arg,
			     spec->ptype == 'k' ? BPF_PROBE_KERNEL : BPF_PROBE_USER);
		return;
	}
	if (spec->ptype == 's' || spec->ptype == 'S') {
		n = utoa(arg, 16, false, body);
		put_padded(out, spec, "0x", body, n);
		return;
	}
	n = utoa(arg, 16, false, body);
	{
		char padded[16];
		u32 zeros = 16 - n;

		memset(padded, '0', zeros);
		memcpy(padded + zeros, body, n);
		put_padded(out, spec, "", padded, 16);
	}
}

/* Print a checked format. Returns the length of the whole output, as snprintf does. */
static u32 fmt_print(char *buf, u32 size, const char *fmt, const u64 *args)
{
	struct out out = {buf, size, 0};
	struct fmt_spec spec;
	u32 nr = 0, i;

	for (i = 0; fmt[i];) {
		if (fmt[i] != '%') {
			put(&out, fmt[i++]);
			continue;
		}
		i++;
		if (fmt[i] == '%') {
			put(&out, fmt[i++]);
			continue;
		}
		parse_spec(fmt, &i, &spec);
		switch (spec.conv) {
		case 'c': {
			char c = (char)args[nr];

			put_padded(&out, &spec, "", &c, 1);
			break;
		}
		case 's':
			print_string(&out, &spec, args[nr], BPF_PROBE_ANY);
			break;
		case 'p':
			print_pointer(&out, &spec, args[nr]);
			break;
		default:
			print_number(&out, &spec, args[nr]);
			break;
		}
		nr++;
	}
	if (size)
		buf[out.len < size ? out.len : size - 1] = '\0';
	return out.len;
}

/* ---- bpf_trace_printk(fmt, fmt_size, arg1, arg2, arg3) ---- */

static u64 bpf_trace_printk(u64 fmt, u64 fmt_size, u64 arg1, u64 arg2, u64 arg3)
{
	u64 args[MAX_TRACE_PRINTK_VARARGS] = {arg1, arg2, arg3};
	char buf[BPRINTF_BUF_SIZE];
	u32 len;
	int err;

	err = fmt_check(PTR(fmt), (u32)fmt_size, MAX_TRACE_PRINTK_VARARGS);
	if (err < 0)
		return (u64)(s64)err;
	len = fmt_print(buf, sizeof(buf), PTR(fmt), args);
	bpf_env_trace_printk(buf, len < sizeof(buf) ? len : sizeof(buf) - 1);
	return len;
}

const struct bpf_func_proto bpf_trace_printk_proto = {
    .func = bpf_trace_printk,
    .name = "bpf_trace_printk",
    .gpl_only = true,
    .ret_type = RET_INTEGER,
    .arg_type = {ARG_PTR_TO_MEM, ARG_CONST_SIZE},
};

/* ---- bpf_snprintf(str, str_size, fmt, data, data_len) ---- */

static u64 bpf_snprintf(u64 str, u64 str_size, u64 fmt, u64 data, u64 data_len)
{
	u64 args[MAX_BPF_FUNC_VARARGS];
	int err;

	if (data_len % 8 || data_len > sizeof(args) || (data_len && !data))
		return (u64)-EINVAL;
	err = fmt_check(PTR(fmt), 0xffffffffu, (u32)(data_len / 8));
	if (err < 0)
		return (u64)(s64)err;
	if (data_len)
		memcpy(args, PTR(data), data_len);
	return fmt_print(PTR(str), (u32)str_size, PTR(fmt), args) + 1;
}

const struct bpf_func_proto bpf_snprintf_proto = {
    .func = bpf_snprintf,
    .name = "bpf_snprintf",
    .ret_type = RET_INTEGER,
    .arg_type = {ARG_PTR_TO_MEM_OR_NULL, ARG_CONST_SIZE_OR_ZERO, ARG_PTR_TO_CONST_STR,
		 ARG_PTR_TO_MEM_OR_NULL, ARG_CONST_SIZE_OR_ZERO},
};

/* ---- bpf_get_func_ip(ctx): the probed function of a kprobe ---- */

static u64 bpf_get_func_ip(u64 ctx, u64 r2, u64 r3, u64 r4, u64 r5)
{
	return bpf_env_get_func_ip(PTR(ctx));
}

const struct bpf_func_proto bpf_get_func_ip_proto = {
    .func = bpf_get_func_ip,
    .name = "bpf_get_func_ip",
    .ret_type = RET_INTEGER,
    .arg_type = {ARG_PTR_TO_CTX},
};
