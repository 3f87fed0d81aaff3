/*
 * lib/lineedit.c - line editing with history, for a console that only moves bytes.
 *
 * glass's console is a serial line with no termios: the kernel neither echoes nor edits. This
 * reads one byte at a time and draws the line itself, using only what every terminal
 * understands: printable characters, '\b' (cursor left) and spaces. A change in the middle of
 * the line redraws from the cursor to the end, then backs up to the cursor.
 *
 *	keys                      bytes
 *	Enter                     \r or \n (\r\n counts once)
 *	Backspace                 0x7f or 0x08
 *	Left, Right, Home, End    ESC [ D, ESC [ C, ESC [ H or ESC [ 1 ~, ESC [ F or ESC [ 4 ~
 *	Up, Down (history)        ESC [ A, ESC [ B  (ESC O x works as ESC [ x)
 *	Delete                    ESC [ 3 ~
 *	Ctrl-A, Ctrl-E            start, end of line
 *	Ctrl-U, Ctrl-C, Ctrl-D    erase the line, drop it, end of input (on an empty line)
 * Read next: bin/sh.c, its user.
 */
#include <lineedit.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define HISTORY 32

static char *history[HISTORY]; /* a ring: the newest is history[(count - 1) % HISTORY] */
static unsigned int history_count;
static int swallow_lf;         /* the last Enter was \r: a \n right after it is the same Enter */

struct editor {
	int in, out;
	char *buf;
	size_t size, len, cur; /* capacity, line length, cursor position */
	char obuf[256];        /* output, written once per key */
	size_t olen;
};

static void flush(struct editor *e)
{
	if (e->olen)
		write(e->out, e->obuf, e->olen);
	e->olen = 0;
}

static void put(struct editor *e, const char *s, size_t n)
{
	while (n--) {
		if (e->olen == sizeof(e->obuf))
			flush(e);
		e->obuf[e->olen++] = *s++;
	}
}

static void repeat(struct editor *e, char c, size_t n)
{
	while (n--)
		put(e, &c, 1);
}

/* Redraw from the cursor to the end, blank out `erase` old characters past it, back up. */
static void redraw_tail(struct editor *e, size_t erase)
{
	put(e, e->buf + e->cur, e->len - e->cur);
	repeat(e, ' ', erase);
	repeat(e, '\b', e->len - e->cur + erase);
}

static void move_to(struct editor *e, size_t pos)
{
	if (pos < e->cur)
		repeat(e, '\b', e->cur - pos);
	else
		put(e, e->buf + e->cur, pos - e->cur);
	e->cur = pos;
}

static void replace_line(struct editor *e, const char *text)
{
	size_t old = e->len, n = strnlen(text, e->size - 1);

	move_to(e, 0);
	memcpy(e->buf, text, n);
	e->len = e->cur = n;
	put(e, e->buf, n);
	if (old > n) { /* blank out the rest of the old line */
		repeat(e, ' ', old - n);
		repeat(e, '\b', old - n);
	}
}

static void insert(struct editor *e, char c)
{
	if (e->len + 1 >= e->size)
		return;
	memmove(e->buf + e->cur + 1, e->buf + e->cur, e->len - e->cur);
	e->buf[e->cur] = c;
	e->len++;
	put(e, &c, 1);
	e->cur++;
	redraw_tail(e, 0);
}

static void delete_at_cursor(struct editor *e)
{
	if (e->cur == e->len)
		return;
	memmove(e->buf + e->cur, e->buf + e->cur + 1, e->len - e->cur - 1);
	e->len--;
	redraw_tail(e, 1);
}

static const char *history_get(unsigned int back)
{
	return history[(history_count - back) % HISTORY];
}

/* Up (older) or down (newer); *pos counts back from the line being typed (0), saved in saved. */
static void browse(struct editor *e, int older, unsigned int *pos, char *saved)
{
	unsigned int limit = history_count < HISTORY ? history_count : HISTORY;

	if (older && *pos < limit) {
		if (*pos == 0) {
			memcpy(saved, e->buf, e->len);
			saved[e->len] = '\0';
		}
		replace_line(e, history_get(++*pos));
	} else if (!older && *pos > 0) {
		--*pos;
		replace_line(e, *pos ? history_get(*pos) : saved);
	}
}

/* After ESC: the rest of a cursor-key sequence. */
static void escape(struct editor *e, unsigned int *pos, char *saved)
{
	char c[3];

	if (read(e->in, &c[0], 1) != 1 || (c[0] != '[' && c[0] != 'O'))
		return;
	if (read(e->in, &c[1], 1) != 1)
		return;
	if (c[1] >= '0' && c[1] <= '9') {
		if (read(e->in, &c[2], 1) != 1 || c[2] != '~')
			return;
		if (c[1] == '3')
			delete_at_cursor(e);
		else if (c[1] == '1' || c[1] == '7')
			move_to(e, 0);
		else if (c[1] == '4' || c[1] == '8')
			move_to(e, e->len);
		return;
	}
	switch (c[1]) {
	case 'A':
		browse(e, 1, pos, saved);
		break;
	case 'B':
		browse(e, 0, pos, saved);
		break;
	case 'C':
		if (e->cur < e->len)
			move_to(e, e->cur + 1);
		break;
	case 'D':
		if (e->cur > 0)
			move_to(e, e->cur - 1);
		break;
	case 'H':
		move_to(e, 0);
		break;
	case 'F':
		move_to(e, e->len);
		break;
	}
}

int lineedit_read(int in, int out, const char *prompt, char *buf, size_t size)
{
	struct editor e = { in, out, buf, size, 0, 0, { 0 }, 0 };
	unsigned int pos = 0;
	char *saved = malloc(size);
	int result = -2;
	char c;

	if (!saved || size < 2) {
		free(saved);
		return -1;
	}
	put(&e, prompt, strlen(prompt));
	while (result == -2) {
		flush(&e);
		if (read(in, &c, 1) != 1) {
			result = e.len ? (int)e.len : -1; /* end of input ends a half-typed line */
			put(&e, "\n", 1);
			break;
		}
		if (swallow_lf && c == '\n') {
			swallow_lf = 0;
			continue;
		}
		swallow_lf = c == '\r';
		switch (c) {
		case '\r':
		case '\n':
			move_to(&e, e.len);
			put(&e, "\n", 1);
			result = (int)e.len;
			break;
		case 0x7f: /* backspace */
		case '\b':
			if (e.cur > 0) {
				move_to(&e, e.cur - 1);
				delete_at_cursor(&e);
			}
			break;
		case 0x01: /* Ctrl-A */
			move_to(&e, 0);
			break;
		case 0x05: /* Ctrl-E */
			move_to(&e, e.len);
			break;
		case 0x15: /* Ctrl-U */
			replace_line(&e, "");
			break;
		case 0x03: /* Ctrl-C */
			move_to(&e, e.len);
			put(&e, "^C\n", 3);
			e.len = 0;
			result = 0;
			break;
		case 0x04: /* Ctrl-D */
			if (e.len == 0) {
				put(&e, "\n", 1);
				result = -1;
			} else {
				delete_at_cursor(&e);
			}
			break;
		case 0x1b:
			escape(&e, &pos, saved);
			break;
		default:
			if ((unsigned char)c >= 0x20)
				insert(&e, c);
			break;
		}
	}
	flush(&e);
	buf[e.len] = '\0';
	free(saved);
	return result;
}

void lineedit_history_add(const char *line)
{
	char *copy;

	if (!*line || (history_count && !strcmp(history_get(1), line)))
		return;
	copy = strdup(line);
	if (!copy)
		return;
	free(history[history_count % HISTORY]);
	history[history_count % HISTORY] = copy;
	history_count++;
}
