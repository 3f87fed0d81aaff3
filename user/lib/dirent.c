/*
 * lib/dirent.c - opendir, readdir, closedir on top of getdents64.
 *
 * A DIR holds the directory's descriptor and one buffer of raw linux_dirent64 records; readdir
 * hands them out one at a time and refills the buffer when it runs dry. Read next: bin/sh.c.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct __dir {
	int fd;
	size_t pos, len; /* next record in buf, bytes of records in buf */
	struct dirent entry;
	char buf[4096];
};

DIR *opendir(const char *path)
{
	DIR *d = malloc(sizeof(*d));

	if (!d)
		return NULL;
	d->fd = open(path, O_RDONLY | O_DIRECTORY);
	if (d->fd < 0) {
		free(d);
		return NULL;
	}
	d->pos = d->len = 0;
	return d;
}

/* The next entry, or NULL at the end (errno unchanged) or on an error (errno set). */
struct dirent *readdir(DIR *d)
{
	struct linux_dirent64 *rec;
	ssize_t n;

	if (d->pos >= d->len) {
		n = getdents64(d->fd, d->buf, sizeof(d->buf));
		if (n <= 0)
			return NULL;
		d->pos = 0;
		d->len = n;
	}
	rec = (struct linux_dirent64 *)(d->buf + d->pos);
	if (rec->d_reclen == 0 || d->pos + rec->d_reclen > d->len) {
		errno = EIO; /* a malformed record: stop rather than loop */
		d->pos = d->len;
		return NULL;
	}
	d->pos += rec->d_reclen;
	d->entry.d_ino = rec->d_ino;
	d->entry.d_type = rec->d_type;
	strncpy(d->entry.d_name, rec->d_name, sizeof(d->entry.d_name) - 1);
	d->entry.d_name[sizeof(d->entry.d_name) - 1] = '\0';
	return &d->entry;
}

int closedir(DIR *d)
{
	int err = close(d->fd);

	free(d);
	return err;
}
