/*
 * bpf/verifier/log.c - the verifier log: the text user space reads from attr->log_buf.
 *
 * The verifier writes the log as it goes (verbose()); with log_level 1 it also rewinds it:
 * when a path ends well, the lines of that path are taken back (bpf_vlog_reset), so what
 * remains is the path that failed, ending with the reason. log_level 2 keeps every line.
 *
 * Text is kept here in a ring buffer of our own and copied to user space once, at the end
 * (bpf_vlog_finalize). The ring grows as needed up to the larger of the user's buffer and
 * LOG_MIN_RING bytes, after which the oldest bytes are dropped. When the whole log does not
 * fit in the user's buffer, the result is -ENOSPC and the part kept is chosen so that the
 * reason is never what is lost:
 *   - by default (Linux's "rotating" log) the end of the log, cut at a line boundary;
 *   - with BPF_LOG_FIXED, the start of the log, shortened so that the reason still fits
 *     after it;
 *   - if even the reason is longer than the buffer, its beginning (the error line first).
 * The reason is everything written after bpf_vlog_mark_reason(): the failing instruction,
 * the error, the plain-words explanation and the statistics.
 *
 * Read next: bpf/verifier/print.c (how states become text).
 */
#include "bpf/verifier/verifier.h"

#define LOG_MIN_RING (64 * 1024) /* room for the reason even when the user's buffer is tiny */
#define NO_POS (~0ull)

int bpf_vlog_init(struct bpf_verifier_log *log, u32 level, u64 ubuf, u32 size)
{
	memset(log, 0, sizeof(*log));
	log->reason_pos = NO_POS;
	if (!level || !ubuf || !size)
		return 0;
	log->level = level;
	log->ubuf = ubuf;
	log->len_total = size;
	log->cap_max = size > LOG_MIN_RING ? size : LOG_MIN_RING;
	return 0;
}

void bpf_vlog_free(struct bpf_verifier_log *log)
{
	bpf_env_free(log->buf);
	log->buf = NULL;
	log->cap = 0;
}

/* Make room for n more bytes: grow the ring (keeping positions) or let it wrap. */
static void vlog_reserve(struct bpf_verifier_log *log, u64 n)
{
	u64 used = log->end_pos - log->start_pos;
	u64 want;
	char *nbuf;
	u32 ncap;

	if (used + n <= log->cap || log->cap >= log->cap_max || log->nomem)
		return;
	want = used + n;
	if (want < 2ull * log->cap)
		want = 2ull * log->cap;
	if (want < 4096)
		want = 4096;
	ncap = want > log->cap_max ? log->cap_max : (u32)want;
	nbuf = bpf_env_alloc(ncap);
	if (!nbuf) {
		log->nomem = true;
		return;
	}
	for (u64 pos = log->start_pos; pos < log->end_pos; pos++)
		nbuf[pos % ncap] = log->buf[pos % log->cap];
	bpf_env_free(log->buf);
	log->buf = nbuf;
	log->cap = ncap;
}

static void vlog_append(struct bpf_verifier_log *log, const char *s, u64 n)
{
	vlog_reserve(log, n);
	if (!log->cap) {
		log->end_pos += n;
		log->start_pos = log->end_pos;
	} else {
		/* Only the last cap bytes can be kept. */
		if (n > log->cap) {
			log->end_pos += n - log->cap;
			s += n - log->cap;
			n = log->cap;
		}
		for (u64 i = 0; i < n;) {
			u32 at = (u32)((log->end_pos + i) % log->cap);
			u64 chunk = log->cap - at;

			if (chunk > n - i)
				chunk = n - i;
			memcpy(log->buf + at, s + i, chunk);
			i += chunk;
		}
		log->end_pos += n;
		if (log->end_pos - log->start_pos > log->cap)
			log->start_pos = log->end_pos - log->cap;
	}
	if (log->end_pos > log->len_max)
		log->len_max = log->end_pos;
}

void verbose(struct bpf_verifier_env *env, const char *fmt, ...)
{
	struct bpf_verifier_log *log = &env->log;
	char local[512], *text = local;
	va_list ap;
	int n;

	if (!log->level)
		return;
	va_start(ap, fmt);
	n = vsnprintf(local, sizeof(local), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof(local)) {
		text = bpf_env_alloc((size_t)n + 1);
		if (!text) {
			text = local;
			n = sizeof(local) - 1;
		} else {
			va_start(ap, fmt);
			vsnprintf(text, (size_t)n + 1, fmt, ap);
			va_end(ap);
		}
	}
	vlog_append(log, text, (u64)n);
	if (text != local)
		bpf_env_free(text);
}

void bpf_vlog_reset(struct bpf_verifier_log *log, u64 new_pos)
{
	if (!log->level || new_pos > log->end_pos)
		return;
	log->end_pos = new_pos;
	if (log->end_pos < log->start_pos)
		log->start_pos = log->end_pos;
}

void bpf_vlog_end_line(struct bpf_verifier_log *log)
{
	/* A rewind may stop inside a line whose newline became padding (print.c). */
	if (log->level && log->cap && log->end_pos > log->start_pos &&
	    log->buf[(log->end_pos - 1) % log->cap] == ' ') {
		log->end_pos--;
		vlog_append(log, "\n", 1);
	}
}

void bpf_vlog_mark_reason(struct bpf_verifier_log *log)
{
	if (log->reason_pos == NO_POS)
		log->reason_pos = log->end_pos;
}

/* The byte at absolute position pos, which must be inside the ring. */
static char vlog_at(const struct bpf_verifier_log *log, u64 pos)
{
	return log->buf[pos % log->cap];
}

/* Copy [from, to) of the ring into out. */
static void vlog_copy(const struct bpf_verifier_log *log, char *out, u64 from, u64 to)
{
	for (u64 pos = from; pos < to; pos++)
		*out++ = vlog_at(log, pos);
}

/* The first line start at or after pos (or pos itself when it starts a line), before end. */
static u64 next_line_start(const struct bpf_verifier_log *log, u64 pos, u64 end)
{
	if (pos == 0 || pos <= log->start_pos || vlog_at(log, pos - 1) == '\n')
		return pos;
	while (pos < end && vlog_at(log, pos) != '\n')
		pos++;
	return pos < end ? pos + 1 : end;
}

/* The end of the last whole line in [from, to): the position after its newline. */
static u64 last_line_end(const struct bpf_verifier_log *log, u64 from, u64 to)
{
	u64 pos = to;

	while (pos > from && vlog_at(log, pos - 1) != '\n')
		pos--;
	return pos > from ? pos : to;
}

int bpf_vlog_finalize(struct bpf_verifier_log *log)
{
	u64 room, reason, from, head_end;
	u32 len = 0;
	char *out;
	int err = 0;

	if (!log->level)
		return 0;
	room = log->len_total - 1;
	out = bpf_env_alloc(log->len_total);
	if (!out)
		return -ENOMEM;
	reason = log->reason_pos;
	if (reason == NO_POS || reason > log->end_pos || reason < log->start_pos)
		reason = log->end_pos;

	if (log->start_pos == 0 && log->end_pos <= room) {
		vlog_copy(log, out, 0, log->end_pos);
		len = (u32)log->end_pos;
	} else if (log->end_pos - reason >= room) {
		/* Even the reason does not fit: keep its beginning. */
		vlog_copy(log, out, reason, reason + room);
		len = (u32)room;
		err = -ENOSPC;
	} else if (log->level & BPF_LOG_FIXED) {
		/* The start of the log, then the reason. The ring may have lost the start. */
		u64 tail = log->end_pos - reason;

		from = log->start_pos;
		head_end = from + (room - tail);
		if (head_end > reason)
			head_end = reason;
		head_end = last_line_end(log, from, head_end);
		vlog_copy(log, out, from, head_end);
		len = (u32)(head_end - from);
		vlog_copy(log, out + len, reason, log->end_pos);
		len += (u32)tail;
		err = -ENOSPC;
	} else {
		/* The end of the log, from a line boundary. */
		from = log->end_pos - room;
		if (from < log->start_pos)
			from = log->start_pos;
		from = next_line_start(log, from, reason);
		vlog_copy(log, out, from, log->end_pos);
		len = (u32)(log->end_pos - from);
		err = log->start_pos || log->end_pos > room ? -ENOSPC : 0;
	}
	out[len] = '\0';
	if (bpf_env_copy_to_user((void *)(uintptr_t)log->ubuf, out, len + 1))
		err = -EFAULT;
	bpf_env_free(out);
	return err;
}
