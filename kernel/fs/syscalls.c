/*
 * kernel/fs/syscalls.c - the file system calls: open, read, write, close, lseek, fstat,
 * getdents64, pipe, dup, dup2, getcwd, chdir, unlink, ioctl.
 *
 * Data moves through a kernel buffer of at most one page per call to the file's ops, so a file
 * implementation never touches user memory; a read may return fewer bytes than asked, as
 * read(2) allows.
 */
#include "kernel/syscall.h"
#include "kernel/fs/vfs.h"
#include "kernel/proc/task.h"
#include "kernel/uaccess.h"
#include "kernel/mm/mm.h"
#include "kernel/lib/string.h"

#define PATH_MAX 256
#define IO_CHUNK 4096

static int get_path(char *buf, u64 upath)
{
	long n = strncpy_from_user(buf, (const char *)upath, PATH_MAX);

	if (n < 0)
		return (int)n;
	return n == 0 ? -ENOENT : 0;
}

SYSCALL_DEFINE(openat)
{
	char path[PATH_MAX];
	struct file *f;
	int err, fd;

	err = get_path(path, a1);
	if (err)
		return err;
	if ((int)a0 != AT_FDCWD && path[0] != '/') /* directory fds are not supported */
		return -EINVAL;
	err = vfs_open(current->cwd, path, (u32)a2, (u32)a3, &f);
	if (err)
		return err;
	fd = fd_install(f);
	if (fd < 0)
		file_put(f);
	return fd;
}

SYSCALL_DEFINE(open)
{
	return sys_openat((u64)(s64)AT_FDCWD, a0, a1, a2, 0, 0);
}

SYSCALL_DEFINE(close)
{
	return fd_close((int)a0);
}

SYSCALL_DEFINE(read)
{
	struct file *f = fd_get((int)a0);
	char *buf;
	long n;

	if (!f)
		return -EBADF;
	if (!access_ok((void *)a1, a2))
		return -EFAULT;
	if (a2 == 0)
		return 0;
	buf = kmalloc(IO_CHUNK);
	if (!buf)
		return -ENOMEM;
	n = file_read(f, buf, MIN(a2, (u64)IO_CHUNK));
	if (n > 0 && copy_to_user((void *)a1, buf, n))
		n = -EFAULT;
	kfree(buf);
	return n;
}

SYSCALL_DEFINE(write)
{
	struct file *f = fd_get((int)a0);
	u64 done = 0;
	char *buf;

	if (!f)
		return -EBADF;
	if (!access_ok((void *)a1, a2))
		return -EFAULT;
	buf = kmalloc(IO_CHUNK);
	if (!buf)
		return -ENOMEM;
	while (done < a2) {
		u64 chunk = MIN(a2 - done, (u64)IO_CHUNK);
		long n;

		if (copy_from_user(buf, (char *)a1 + done, chunk)) {
			kfree(buf);
			return done ? (long)done : -EFAULT;
		}
		n = file_write(f, buf, chunk);
		if (n < 0) {
			kfree(buf);
			return done ? (long)done : n;
		}
		done += n;
		if ((u64)n < chunk)
			break;
	}
	kfree(buf);
	return done;
}

SYSCALL_DEFINE(lseek)
{
	struct file *f = fd_get((int)a0);
	s64 off = (s64)a1, base;

	if (!f)
		return -EBADF;
	if (!f->inode || f->ops)
		return -ESPIPE;
	switch (a2) {
	case 0: /* SEEK_SET */
		base = 0;
		break;
	case 1: /* SEEK_CUR */
		base = f->pos;
		break;
	case 2: /* SEEK_END */
		base = f->inode->size;
		break;
	default:
		return -EINVAL;
	}
	if (base + off < 0)
		return -EINVAL;
	f->pos = base + off;
	return f->pos;
}

struct linux_stat {
	u64 st_dev, st_ino, st_nlink;
	u32 st_mode, st_uid, st_gid, pad0;
	u64 st_rdev;
	s64 st_size, st_blksize, st_blocks;
	u64 st_atime, st_atime_nsec, st_mtime, st_mtime_nsec, st_ctime, st_ctime_nsec;
	s64 reserved[3];
};

static int fill_stat(struct inode *ino, struct file *f, u64 ustat)
{
	struct linux_stat st;

	memset(&st, 0, sizeof(st));
	st.st_dev = 1;
	st.st_nlink = 1;
	st.st_blksize = 4096;
	if (ino) {
		st.st_ino = ino->ino;
		st.st_mode = ino->mode;
		st.st_size = ino->size;
		st.st_blocks = (ino->size + 511) / 512;
		if ((ino->mode & S_IFMT) == S_IFCHR)
			st.st_rdev = ino->ino;
	} else {
		st.st_mode = S_IFIFO | 0600; /* pipes and anonymous files */
		(void)f;
	}
	return copy_to_user((void *)ustat, &st, sizeof(st));
}

SYSCALL_DEFINE(fstat)
{
	struct file *f = fd_get((int)a0);

	if (!f)
		return -EBADF;
	return fill_stat(f->inode, f, a1);
}

SYSCALL_DEFINE(stat)
{
	char path[PATH_MAX];
	struct inode *ino;
	int err = get_path(path, a0);

	if (err)
		return err;
	ino = vfs_lookup(current->cwd, path, &err);
	if (!ino)
		return err;
	return fill_stat(ino, NULL, a1);
}

SYSCALL_DEFINE(getdents64)
{
	struct file *f = fd_get((int)a0);
	char *buf;
	u64 used = 0;
	long ret;

	if (!f)
		return -EBADF;
	if (!f->inode || !S_ISDIR(f->inode->mode))
		return -ENOTDIR;
	if (!access_ok((void *)a1, a2))
		return -EFAULT;
	buf = kmalloc(IO_CHUNK);
	if (!buf)
		return -ENOMEM;
	for (;;) {
		struct inode *c = vfs_child_at(f->inode, f->pos);
		size_t namelen, reclen;

		if (!c)
			break;
		namelen = strlen(c->name);
		reclen = ALIGN_UP(19 + namelen + 1, 8ul); /* ino, off, reclen, type, name, NUL */
		if (used + reclen > MIN(a2, (u64)IO_CHUNK))
			break;
		*(u64 *)(buf + used) = c->ino;
		*(s64 *)(buf + used + 8) = f->pos + 1;
		*(u16 *)(buf + used + 16) = reclen;
		buf[used + 18] = S_ISDIR(c->mode) ? 4 : (c->mode & S_IFMT) == S_IFCHR ? 2 : 8;
		memcpy(buf + used + 19, c->name, namelen + 1);
		used += reclen;
		f->pos++;
	}
	if (used == 0 && vfs_child_at(f->inode, f->pos))
		ret = -EINVAL; /* the buffer cannot hold even one entry */
	else
		ret = copy_to_user((void *)a1, buf, used) ? -EFAULT : (long)used;
	kfree(buf);
	return ret;
}

SYSCALL_DEFINE(pipe2)
{
	struct file *rd, *wr;
	int fds[2], err;

	if (a1 & ~(u64)(O_CLOEXEC | O_NONBLOCK))
		return -EINVAL;
	err = pipe_create(&rd, &wr);
	if (err)
		return err;
	fds[0] = fd_install(rd);
	if (fds[0] < 0) {
		file_put(rd);
		file_put(wr);
		return fds[0];
	}
	fds[1] = fd_install(wr);
	if (fds[1] < 0) {
		fd_close(fds[0]);
		file_put(wr);
		return fds[1];
	}
	if (copy_to_user((void *)a0, fds, sizeof(fds))) {
		fd_close(fds[0]);
		fd_close(fds[1]);
		return -EFAULT;
	}
	return 0;
}

SYSCALL_DEFINE(pipe)
{
	return sys_pipe2(a0, 0, 0, 0, 0, 0);
}

SYSCALL_DEFINE(dup)
{
	struct file *f = fd_get((int)a0);
	int fd;

	if (!f)
		return -EBADF;
	fd = fd_install(f);
	if (fd >= 0)
		file_get(f);
	return fd;
}

SYSCALL_DEFINE(dup2)
{
	struct file *f = fd_get((int)a0);
	int newfd = (int)a1;

	if (!f || newfd < 0 || newfd >= MAX_FDS)
		return -EBADF;
	if ((int)a0 == newfd)
		return newfd;
	file_get(f);
	if (current->files[newfd])
		fd_close(newfd);
	current->files[newfd] = f;
	return newfd;
}

/* Build the absolute path of ino into buf (size bytes). Length, or -ERANGE. */
static long path_of(struct inode *ino, char *buf, size_t size)
{
	char tmp[PATH_MAX];
	size_t len = 0;

	if (ino == vfs_root) {
		if (size < 2)
			return -ERANGE;
		strlcpy(buf, "/", size);
		return 1;
	}
	tmp[0] = '\0';
	for (; ino != vfs_root; ino = ino->parent) {
		size_t n = strlen(ino->name);

		if (len + n + 1 >= sizeof(tmp))
			return -ERANGE;
		memmove(tmp + n + 1, tmp, len + 1);
		tmp[0] = '/';
		memcpy(tmp + 1, ino->name, n);
		len += n + 1;
	}
	if (len + 1 > size)
		return -ERANGE;
	memcpy(buf, tmp, len + 1);
	return len;
}

SYSCALL_DEFINE(getcwd)
{
	char buf[PATH_MAX];
	long len = path_of(current->cwd ? current->cwd : vfs_root, buf, MIN(a1, (u64)PATH_MAX));

	if (len < 0)
		return len;
	if (copy_to_user((void *)a0, buf, len + 1))
		return -EFAULT;
	return len + 1;
}

SYSCALL_DEFINE(chdir)
{
	char path[PATH_MAX];
	struct inode *ino;
	int err = get_path(path, a0);

	if (err)
		return err;
	ino = vfs_lookup(current->cwd, path, &err);
	if (!ino)
		return err;
	if (!S_ISDIR(ino->mode))
		return -ENOTDIR;
	current->cwd = ino;
	return 0;
}

SYSCALL_DEFINE(unlink)
{
	char path[PATH_MAX];
	int err = get_path(path, a0);

	return err ? err : vfs_unlink(current->cwd, path);
}

SYSCALL_DEFINE(ioctl)
{
	struct file *f = fd_get((int)a0);

	if (!f)
		return -EBADF;
	if (!f->ops || !f->ops->ioctl)
		return -ENOTTY;
	return f->ops->ioctl(f, (unsigned int)a1, a2);
}
