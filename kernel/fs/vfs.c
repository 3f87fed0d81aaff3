/*
 * kernel/fs/vfs.c - inodes, path lookup, open files and descriptor tables.
 *
 * All inodes live in one tree in memory. Path lookup walks it from the root or the current
 * directory, one component at a time ("." and ".." included). Regular files keep their bytes
 * in inode->data: read-only for the initrd (the data stays in the GRUB module), growable for
 * tmpfs (/tmp). An open file (struct file) is shared by every descriptor that dup2 or fork made
 * of it, with a reference count; the file's ops decide what read and write mean.
 */
#include "kernel/fs/vfs.h"
#include "kernel/proc/task.h"
#include "kernel/mm/mm.h"
#include "kernel/lib/string.h"
#include "kernel/printk.h"
#include "kernel/arch/x86/cpu.h"

struct inode *vfs_root;
static u64 next_ino = 1;

struct inode *vfs_create(struct inode *dir, const char *name, u32 mode)
{
	struct inode *ino = kzalloc(sizeof(*ino));
	struct inode **tail;

	if (!ino)
		return NULL;
	ino->mode = mode;
	ino->ino = next_ino++;
	strlcpy(ino->name, name, sizeof(ino->name));
	ino->parent = dir ? dir : ino;
	if (dir) { /* keep directory order stable: append */
		for (tail = &dir->children; *tail; tail = &(*tail)->next)
			;
		*tail = ino;
	}
	return ino;
}

static struct inode *find_child(struct inode *dir, const char *name, size_t len)
{
	for (struct inode *c = dir->children; c; c = c->next)
		if (strlen(c->name) == len && !strncmp(c->name, name, len))
			return c;
	return NULL;
}

struct inode *vfs_child_at(struct inode *dir, u64 index)
{
	struct inode *c = dir->children;

	while (c && index--)
		c = c->next;
	return c;
}

/* Walk path up to (not including) its last component when want_parent is set. */
static struct inode *walk(struct inode *cwd, const char *path, bool want_parent,
			  const char **last, int *err)
{
	struct inode *ino = (path[0] == '/' || !cwd) ? vfs_root : cwd;

	*err = 0;
	if (!path[0]) {
		*err = -ENOENT;
		return NULL;
	}
	for (;;) {
		const char *end;
		size_t len;

		while (*path == '/')
			path++;
		end = strchr(path, '/');
		len = end ? (size_t)(end - path) : strlen(path);
		if (want_parent) {
			const char *rest = path + len;

			while (*rest == '/')
				rest++;
			if (!*rest) {
				*last = path;
				return ino;
			}
		}
		if (!len)
			return ino;
		if (!S_ISDIR(ino->mode)) {
			*err = -ENOTDIR;
			return NULL;
		}
		if (len == 1 && path[0] == '.') {
			/* stay */
		} else if (len == 2 && path[0] == '.' && path[1] == '.') {
			ino = ino->parent;
		} else {
			if (len >= sizeof(ino->name)) {
				*err = -ENAMETOOLONG;
				return NULL;
			}
			ino = find_child(ino, path, len);
			if (!ino) {
				*err = -ENOENT;
				return NULL;
			}
		}
		path += len;
	}
}

struct inode *vfs_lookup(struct inode *cwd, const char *path, int *err)
{
	return walk(cwd, path, false, NULL, err);
}

struct inode *vfs_lookup_parent(struct inode *cwd, const char *path, const char **last, int *err)
{
	return walk(cwd, path, true, last, err);
}

struct inode *vfs_mkdir_p(const char *path, u32 flags)
{
	struct inode *dir = vfs_root;

	while (*path) {
		const char *end;
		size_t len;
		struct inode *c;
		char name[64];

		while (*path == '/')
			path++;
		if (!*path)
			break;
		end = strchr(path, '/');
		len = end ? (size_t)(end - path) : strlen(path);
		c = find_child(dir, path, len);
		if (!c) {
			if (len >= sizeof(name))
				return NULL;
			memcpy(name, path, len);
			name[len] = '\0';
			c = vfs_create(dir, name, S_IFDIR | 0755);
			if (!c)
				return NULL;
			c->flags = flags;
		}
		dir = c;
		path += len;
	}
	return dir;
}

struct inode *vfs_add_file(const char *path, const void *data, u64 size, bool copy)
{
	const char *slash = strrchr(path, '/');
	char dirpath[256];
	struct inode *dir, *ino;

	if (!slash || (size_t)(slash - path) >= sizeof(dirpath))
		return NULL;
	memcpy(dirpath, path, slash - path);
	dirpath[slash - path] = '\0';
	dir = vfs_mkdir_p(dirpath, 0);
	if (!dir || find_child(dir, slash + 1, strlen(slash + 1)))
		return NULL;
	ino = vfs_create(dir, slash + 1, S_IFREG | 0644);
	if (!ino)
		return NULL;
	if (copy && size) {
		ino->data = kmalloc(size);
		if (!ino->data)
			return NULL;
		memcpy(ino->data, data, size);
		ino->capacity = size;
	} else {
		ino->data = (u8 *)data;
	}
	ino->size = size;
	return ino;
}

void vfs_init(void)
{
	vfs_root = vfs_create(NULL, "", S_IFDIR | 0755);
	if (!vfs_root)
		panic("vfs: no memory for the root directory");
	vfs_mkdir_p("/tmp", INODE_TMPFS);
}

static void inode_free(struct inode *ino)
{
	if (ino->capacity)
		kfree(ino->data);
	if (ino->flags & INODE_OWNS_PRIV)
		kfree(ino->priv);
	kfree(ino);
}

int vfs_unlink(struct inode *cwd, const char *path)
{
	int err;
	struct inode *ino = vfs_lookup(cwd, path, &err), **link;

	if (!ino)
		return err;
	if (S_ISDIR(ino->mode))
		return -EISDIR;
	if (!(ino->parent->flags & INODE_TMPFS))
		return -EROFS;
	for (link = &ino->parent->children; *link != ino; link = &(*link)->next)
		;
	*link = ino->next;
	ino->next = NULL;
	ino->parent = ino;
	if (!ino->open_count)
		inode_free(ino); /* otherwise the last file_put frees it: open files can still use it */
	else
		ino->flags |= INODE_UNLINKED;
	return 0;
}

int vfs_remove_generated(const char *path)
{
	int err;
	struct inode *ino = vfs_lookup(NULL, path, &err), **link;

	if (!ino)
		return err;
	if (S_ISDIR(ino->mode))
		return -EISDIR;
	for (link = &ino->parent->children; *link != ino; link = &(*link)->next)
		;
	*link = ino->next;
	ino->next = NULL;
	ino->parent = ino;
	if (!ino->open_count)
		inode_free(ino);
	else
		ino->flags |= INODE_UNLINKED;
	return 0;
}

int vfs_rmdir_empty(const char *path)
{
	int err;
	struct inode *ino = vfs_lookup(NULL, path, &err), **link;

	if (!ino)
		return err;
	if (!S_ISDIR(ino->mode) || ino == vfs_root)
		return -ENOTDIR;
	if (ino->children)
		return -ENOTEMPTY;
	for (link = &ino->parent->children; *link != ino; link = &(*link)->next)
		;
	*link = ino->next;
	kfree(ino);
	return 0;
}

/* ---- open files ---- */

struct file *file_alloc(const struct file_ops *ops, void *priv, u32 flags)
{
	struct file *f = kzalloc(sizeof(*f));

	if (!f)
		return NULL;
	f->ops = ops;
	f->priv = priv;
	f->flags = flags;
	f->refcnt = 1;
	return f;
}

void file_get(struct file *f)
{
	f->refcnt++;
}

void file_put(struct file *f)
{
	if (--f->refcnt > 0)
		return;
	if (f->ops && f->ops->release)
		f->ops->release(f);
	if (f->inode && --f->inode->open_count == 0 && (f->inode->flags & INODE_UNLINKED))
		inode_free(f->inode);
	kfree(f);
}

/* tmpfs: make room for size bytes in a regular file. */
static int reserve(struct inode *ino, u64 size)
{
	u8 *data;
	u64 cap;

	if (size <= ino->capacity)
		return 0;
	if (size > (64ull << 20))
		return -EFBIG;
	cap = MAX(size, ino->capacity * 2);
	cap = MAX(cap, 256ull);
	data = kmalloc(cap);
	if (!data)
		return -ENOMEM;
	if (ino->size)
		memcpy(data, ino->data, ino->size);
	kfree(ino->capacity ? ino->data : NULL);
	ino->data = data;
	ino->capacity = cap;
	return 0;
}

int vfs_open(struct inode *cwd, const char *path, u32 flags, u32 mode, struct file **out)
{
	const char *last;
	struct inode *ino, *dir;
	struct file *f;
	int err;

	ino = vfs_lookup(cwd, path, &err);
	if (!ino && err == -ENOENT && (flags & O_CREAT)) {
		dir = vfs_lookup_parent(cwd, path, &last, &err);
		if (!dir)
			return err;
		if (!S_ISDIR(dir->mode))
			return -ENOTDIR;
		if (!(dir->flags & INODE_TMPFS))
			return -EROFS;
		if (!*last || strchr(last, '/'))
			return -EISDIR;
		if (strlen(last) >= sizeof(ino->name))
			return -ENAMETOOLONG;
		ino = vfs_create(dir, last, S_IFREG | (mode & 0777));
		if (!ino)
			return -ENOMEM;
		ino->flags = INODE_TMPFS;
	} else if (!ino) {
		return err;
	} else if ((flags & O_CREAT) && (flags & O_EXCL)) {
		return -EEXIST;
	}
	if ((flags & O_DIRECTORY) && !S_ISDIR(ino->mode))
		return -ENOTDIR;
	if ((flags & O_ACCMODE) != O_RDONLY) {
		if (S_ISDIR(ino->mode))
			return -EISDIR;
		if (S_ISREG(ino->mode) && !(ino->flags & INODE_TMPFS) && !ino->fops)
			return -EROFS;
		if (ino->fops && !ino->fops->write)
			return -EACCES;
	}
	f = file_alloc(ino->fops, NULL, flags);
	if (!f)
		return -ENOMEM;
	f->inode = ino;
	ino->open_count++;
	if (f->ops && f->ops->open && (err = f->ops->open(ino, f))) {
		kfree(f);
		return err;
	}
	if ((flags & O_TRUNC) && S_ISREG(ino->mode) && (ino->flags & INODE_TMPFS))
		ino->size = 0;
	*out = f;
	return 0;
}

long file_read(struct file *f, char *buf, size_t n)
{
	struct inode *ino = f->inode;
	u64 avail;

	if ((f->flags & O_ACCMODE) == O_WRONLY)
		return -EBADF;
	if (f->ops && f->ops->read)
		return f->ops->read(f, buf, n);
	if (!ino || S_ISDIR(ino->mode))
		return -EISDIR;
	if (f->pos >= ino->size)
		return 0;
	avail = ino->size - f->pos;
	if (n > avail)
		n = avail;
	memcpy(buf, ino->data + f->pos, n);
	f->pos += n;
	return n;
}

long file_write(struct file *f, const char *buf, size_t n)
{
	struct inode *ino = f->inode;
	int err;

	if ((f->flags & O_ACCMODE) == O_RDONLY)
		return -EBADF;
	if (f->ops && f->ops->write)
		return f->ops->write(f, buf, n);
	if (!ino || !(ino->flags & INODE_TMPFS))
		return -EINVAL;
	if (f->flags & O_APPEND)
		f->pos = ino->size;
	err = reserve(ino, f->pos + n);
	if (err)
		return err;
	if (f->pos > ino->size) /* a hole left by lseek reads as zeros */
		memset(ino->data + ino->size, 0, f->pos - ino->size);
	memcpy(ino->data + f->pos, buf, n);
	f->pos += n;
	if (f->pos > ino->size)
		ino->size = f->pos;
	return n;
}

/* ---- descriptor tables ---- */

int fd_install(struct file *f)
{
	for (int fd = 0; fd < MAX_FDS; fd++) {
		if (!current->files[fd]) {
			current->files[fd] = f;
			return fd;
		}
	}
	return -EMFILE;
}

struct file *fd_get(int fd)
{
	if (fd < 0 || fd >= MAX_FDS)
		return NULL;
	return current->files[fd];
}

int fd_close(int fd)
{
	struct file *f = fd_get(fd);

	if (!f)
		return -EBADF;
	current->files[fd] = NULL;
	file_put(f);
	return 0;
}
