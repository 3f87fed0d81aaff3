/*
 * lib/stdio.c - FILE streams over file descriptors: stdin, stdout, stderr and fopen's.
 *
 * A stream has one buffer, used for reading or for writing (switching flushes or drops it).
 * Buffering modes, decided for stdout the first time it is written to:
 *	_IOLBF  line buffered: written out at each '\n' (stdout on a terminal)
 *	_IOFBF  fully buffered: written out when the buffer is full (stdout to a pipe or file)
 *	_IONBF  written out at the end of every call (stderr), so a message is one write()
 * Reading from any stream first flushes a line-buffered stdout, so a prompt shows before input
 * is awaited. exit() calls libc_stdio_flush_all. Read next: malloc.c.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "user/lib/libc.h"

#define F_READ 1      /* open for reading */
#define F_WRITE 2     /* open for writing */
#define F_EOF 4
#define F_ERR 8
#define F_AUTO 16     /* decide line or full buffering at the first write (isatty) */
#define F_STATIC 32   /* one of the three standard streams: never freed */

struct __file {
	int fd;
	int flags;
	int mode;             /* _IOFBF, _IOLBF or _IONBF */
	unsigned char *buf;
	size_t size;
	size_t wlen;          /* bytes written into buf, not yet to fd */
	size_t rpos, rlen;    /* buffered input: next byte, end of valid bytes */
	int unget;            /* a byte pushed back by ungetc, or EOF */
};

#define MAX_FILES 20

static unsigned char buf_in[BUFSIZ], buf_out[BUFSIZ], buf_err[BUFSIZ];
static FILE std_files[3] = {
	{ 0, F_READ | F_STATIC, _IOFBF, buf_in, BUFSIZ, 0, 0, 0, EOF },
	{ 1, F_WRITE | F_STATIC | F_AUTO, _IOFBF, buf_out, BUFSIZ, 0, 0, 0, EOF },
	{ 2, F_WRITE | F_STATIC, _IONBF, buf_err, BUFSIZ, 0, 0, 0, EOF },
};
FILE *stdin = &std_files[0], *stdout = &std_files[1], *stderr = &std_files[2];
static FILE *open_files[MAX_FILES] = { &std_files[0], &std_files[1], &std_files[2] };

/* --- writing ----------------------------------------------------------------------------- */

static int write_all(FILE *f, const unsigned char *p, size_t n)
{
	ssize_t k;

	while (n) {
		k = write(f->fd, p, n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			f->flags |= F_ERR;
			return EOF;
		}
		p += k;
		n -= k;
	}
	return 0;
}

int fflush(FILE *f)
{
	int err;

	if (!f) {
		libc_stdio_flush_all();
		return 0;
	}
	if (!f->wlen)
		return 0;
	err = write_all(f, f->buf, f->wlen);
	f->wlen = 0;
	return err;
}

void libc_stdio_flush_all(void)
{
	int i;

	for (i = 0; i < MAX_FILES; i++)
		if (open_files[i])
			fflush(open_files[i]);
}

/* Get the stream ready for output: mode decided, read-ahead given back to the file. */
static int start_write(FILE *f)
{
	if (!(f->flags & F_WRITE)) {
		f->flags |= F_ERR;
		errno = EBADF;
		return EOF;
	}
	if (f->flags & F_AUTO) {
		f->mode = isatty(f->fd) ? _IOLBF : _IOFBF;
		f->flags &= ~F_AUTO;
	}
	if (f->rlen > f->rpos)
		lseek(f->fd, -(off_t)(f->rlen - f->rpos), SEEK_CUR);
	f->rpos = f->rlen = 0;
	return 0;
}

static int put_bytes(FILE *f, const void *data, size_t n)
{
	const unsigned char *p = data;
	size_t k;
	int newline = 0;

	if (start_write(f))
		return EOF;
	if (f->mode == _IOLBF)
		newline = memchr(p, '\n', n) != NULL;
	if (n >= f->size) { /* bigger than the buffer: straight to the file */
		if (fflush(f))
			return EOF;
		return write_all(f, p, n);
	}
	while (n) {
		if (f->wlen == f->size && fflush(f))
			return EOF;
		k = f->size - f->wlen < n ? f->size - f->wlen : n;
		memcpy(f->buf + f->wlen, p, k);
		f->wlen += k;
		p += k;
		n -= k;
	}
	if (newline)
		return fflush(f);
	return 0;
}

/* Every public output call ends here: an unbuffered stream is written out now. */
static int end_call(FILE *f, int err)
{
	if (f->mode == _IONBF && fflush(f))
		err = EOF;
	return err;
}

size_t fwrite(const void *buf, size_t size, size_t n, FILE *f)
{
	if (!size || !n)
		return 0;
	if (end_call(f, put_bytes(f, buf, size * n)))
		return 0;
	return n;
}

int fputc(int c, FILE *f)
{
	unsigned char ch = (unsigned char)c;

	return end_call(f, put_bytes(f, &ch, 1)) ? EOF : ch;
}

int putc(int c, FILE *f)
{
	return fputc(c, f);
}

int putchar(int c)
{
	return fputc(c, stdout);
}

int fputs(const char *s, FILE *f)
{
	return end_call(f, put_bytes(f, s, strlen(s))) ? EOF : 0;
}

int puts(const char *s)
{
	int err = put_bytes(stdout, s, strlen(s));

	if (!err)
		err = put_bytes(stdout, "\n", 1);
	return end_call(stdout, err) ? EOF : 0;
}

struct file_sink {
	struct libc_sink sink;
	FILE *f;
	int err;
};

static void file_put(struct libc_sink *sink, const char *s, size_t n)
{
	struct file_sink *fs = (struct file_sink *)sink;

	if (!fs->err)
		fs->err = put_bytes(fs->f, s, n);
}

int vfprintf(FILE *f, const char *fmt, va_list ap)
{
	struct file_sink fs = { { file_put }, f, 0 };
	int n = libc_vformat(&fs.sink, fmt, ap);

	return end_call(f, fs.err) ? -1 : n;
}

int fprintf(FILE *f, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vfprintf(f, fmt, ap);
	va_end(ap);
	return n;
}

int vprintf(const char *fmt, va_list ap)
{
	return vfprintf(stdout, fmt, ap);
}

int printf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vfprintf(stdout, fmt, ap);
	va_end(ap);
	return n;
}

void perror(const char *s)
{
	if (s && *s)
		fprintf(stderr, "%s: %s\n", s, strerror(errno));
	else
		fprintf(stderr, "%s\n", strerror(errno));
}

/* --- reading ----------------------------------------------------------------------------- */

static int refill(FILE *f)
{
	ssize_t n;

	if (!(f->flags & F_READ)) {
		f->flags |= F_ERR;
		errno = EBADF;
		return EOF;
	}
	if (stdout->mode == _IOLBF || (stdout->flags & F_AUTO))
		fflush(stdout);
	if (fflush(f))
		return EOF;
	do
		n = read(f->fd, f->buf, f->size);
	while (n < 0 && errno == EINTR);
	if (n <= 0) {
		f->flags |= n == 0 ? F_EOF : F_ERR;
		return EOF;
	}
	f->rpos = 0;
	f->rlen = n;
	return 0;
}

int fgetc(FILE *f)
{
	int c;

	if (f->unget != EOF) {
		c = f->unget;
		f->unget = EOF;
		return c;
	}
	if (f->rpos == f->rlen && refill(f))
		return EOF;
	return f->buf[f->rpos++];
}

int getc(FILE *f)
{
	return fgetc(f);
}

int getchar(void)
{
	return fgetc(stdin);
}

int ungetc(int c, FILE *f)
{
	if (c == EOF || f->unget != EOF)
		return EOF;
	f->unget = (unsigned char)c;
	f->flags &= ~F_EOF;
	return f->unget;
}

char *fgets(char *buf, int size, FILE *f)
{
	int i = 0, c = 0;

	if (size <= 0)
		return NULL;
	while (i < size - 1 && c != '\n') {
		c = fgetc(f);
		if (c == EOF)
			break;
		buf[i++] = (char)c;
	}
	buf[i] = '\0';
	return i ? buf : NULL;
}

size_t fread(void *buf, size_t size, size_t n, FILE *f)
{
	unsigned char *p = buf;
	size_t want = size * n, got = 0, k;
	int c;

	if (!size || !n)
		return 0;
	while (got < want) {
		if (f->unget != EOF || f->rpos == f->rlen) {
			c = fgetc(f);
			if (c == EOF)
				break;
			p[got++] = (unsigned char)c;
			continue;
		}
		k = f->rlen - f->rpos < want - got ? f->rlen - f->rpos : want - got;
		memcpy(p + got, f->buf + f->rpos, k);
		f->rpos += k;
		got += k;
	}
	return got / size;
}

/* --- opening and closing ------------------------------------------------------------------ */

static int mode_flags(const char *mode, int *stream_flags)
{
	int plus = strchr(mode, '+') != NULL;

	switch (mode[0]) {
	case 'r':
		*stream_flags = plus ? F_READ | F_WRITE : F_READ;
		return plus ? O_RDWR : O_RDONLY;
	case 'w':
		*stream_flags = plus ? F_READ | F_WRITE : F_WRITE;
		return (plus ? O_RDWR : O_WRONLY) | O_CREAT | O_TRUNC;
	case 'a':
		*stream_flags = plus ? F_READ | F_WRITE : F_WRITE;
		return (plus ? O_RDWR : O_WRONLY) | O_CREAT | O_APPEND;
	}
	return -1;
}

FILE *fdopen(int fd, const char *mode)
{
	FILE *f;
	int i, flags;

	if (mode_flags(mode, &flags) < 0) {
		errno = EINVAL;
		return NULL;
	}
	for (i = 0; i < MAX_FILES && open_files[i]; i++)
		;
	if (i == MAX_FILES) {
		errno = EMFILE;
		return NULL;
	}
	f = calloc(1, sizeof(*f) + BUFSIZ);
	if (!f)
		return NULL;
	f->fd = fd;
	f->flags = flags;
	f->mode = _IOFBF;
	f->buf = (unsigned char *)(f + 1);
	f->size = BUFSIZ;
	f->unget = EOF;
	open_files[i] = f;
	return f;
}

FILE *fopen(const char *path, const char *mode)
{
	int flags, oflags = mode_flags(mode, &flags);
	int fd;
	FILE *f;

	if (oflags < 0) {
		errno = EINVAL;
		return NULL;
	}
	fd = open(path, oflags, 0644);
	if (fd < 0)
		return NULL;
	f = fdopen(fd, mode);
	if (!f)
		close(fd);
	return f;
}

int fclose(FILE *f)
{
	int err = fflush(f), i;

	if (close(f->fd) < 0)
		err = EOF;
	for (i = 0; i < MAX_FILES; i++)
		if (open_files[i] == f)
			open_files[i] = NULL;
	if (!(f->flags & F_STATIC))
		free(f);
	return err;
}

int setvbuf(FILE *f, char *buf, int mode, size_t size)
{
	if (buf || mode < _IOFBF || mode > _IONBF) {
		errno = EINVAL;
		return -1;
	}
	fflush(f);
	f->mode = mode;
	f->flags &= ~F_AUTO;
	return 0;
}

int fileno(FILE *f)
{
	return f->fd;
}

int feof(FILE *f)
{
	return (f->flags & F_EOF) != 0;
}

int ferror(FILE *f)
{
	return (f->flags & F_ERR) != 0;
}

void clearerr(FILE *f)
{
	f->flags &= ~(F_EOF | F_ERR);
}
