/*
 * kernel/fs/vfs.h - the small virtual file system: inodes in one in-memory tree, open files,
 * and per-process file-descriptor tables.
 *
 *   /            the initrd (cpio newc from GRUB), read-only     kernel/fs/initrd.c
 *   /tmp         tmpfs: files in kmalloc'ed memory, writable     kernel/fs/vfs.c
 *   /dev         console, null                                   kernel/fs/devfs.c
 *   /proc        kallsyms, meminfo, ... generated when opened    kernel/fs/procfs.c
 *
 * A regular file's bytes are in inode->data (size bytes). Devices, pipes, procfs files and bpf
 * objects are files whose struct file_ops says what read and write do. System calls copy data
 * through a kernel buffer, so the ops only see kernel memory.
 */
#ifndef KERNEL_FS_VFS_H
#define KERNEL_FS_VFS_H

#include "kernel/types.h"

/* st_mode bits, as Linux. */
#define S_IFMT 0170000
#define S_IFIFO 0010000
#define S_IFCHR 0020000
#define S_IFDIR 0040000
#define S_IFREG 0100000
#define S_ISDIR(m) (((m) & S_IFMT) == S_IFDIR)
#define S_ISREG(m) (((m) & S_IFMT) == S_IFREG)

/* open flags, as Linux x86-64. */
#define O_ACCMODE 3
#define O_RDONLY 0
#define O_WRONLY 1
#define O_RDWR 2
#define O_CREAT 0100
#define O_EXCL 0200
#define O_TRUNC 01000
#define O_APPEND 02000
#define O_NONBLOCK 04000
#define O_DIRECTORY 0200000
#define O_CLOEXEC 02000000
#define AT_FDCWD (-100)

#define INODE_TMPFS 1    /* may be written, and (a directory) may get new files */
#define INODE_UNLINKED 2 /* removed from its directory; freed when the last open file goes */
#define INODE_OWNS_PRIV 4 /* priv was kmalloc'ed for this inode (generated files) */

struct file;
struct inode;

struct file_ops {
	/* Optional: set up file->priv when an inode with these ops is opened. 0 or -errno. */
	int (*open)(struct inode *inode, struct file *file);
	/* Read up to n bytes into buf (kernel memory); may block. Bytes read, 0 at EOF, or -errno. */
	long (*read)(struct file *file, char *buf, size_t n);
	long (*write)(struct file *file, const char *buf, size_t n);
	/* Optional: device-specific control (perf events). */
	long (*ioctl)(struct file *file, unsigned int cmd, unsigned long arg);
	/* Optional: map page pgoff of the object at user address va (bpf ring buffers). */
	int (*mmap_page)(struct file *file, u64 pgoff, bool writable, u64 *pa);
	/* Optional: the last reference to the open file is gone. */
	void (*release)(struct file *file);
};

struct inode {
	u32 mode;
	u32 flags; /* INODE_* */
	u64 ino;
	char name[64];
	struct inode *parent;
	struct inode *children; /* directories: first child */
	struct inode *next;     /* next sibling */
	u8 *data;               /* regular files */
	u64 size;
	u64 capacity;           /* tmpfs: bytes allocated at data */
	const struct file_ops *fops; /* devices and generated files; NULL for plain data */
	void *priv;
	int open_count; /* open files on this inode */
};

struct file {
	const struct file_ops *ops;
	struct inode *inode; /* NULL for pipes and bpf objects */
	int refcnt;
	u32 flags;
	u64 pos;
	void *priv;
};

extern struct inode *vfs_root;

void vfs_init(void);
/* A new inode named name in directory dir (which takes ownership). NULL if out of memory. */
struct inode *vfs_create(struct inode *dir, const char *name, u32 mode);
/* Resolve path (absolute, or relative to cwd). The inode, or NULL with *err set. */
struct inode *vfs_lookup(struct inode *cwd, const char *path, int *err);
/* Like vfs_lookup, but for the directory of the last component, which goes to *last. */
struct inode *vfs_lookup_parent(struct inode *cwd, const char *path, const char **last, int *err);

/* Remove a file of a tmpfs directory. 0, -ENOENT, -EISDIR or -EROFS. */
int vfs_unlink(struct inode *cwd, const char *path);

/* Remove a generated file (tracefs) or an empty directory, wherever it is. */
int vfs_remove_generated(const char *path);
int vfs_rmdir_empty(const char *path);

/* Open files. */
struct file *file_alloc(const struct file_ops *ops, void *priv, u32 flags);
int vfs_open(struct inode *cwd, const char *path, u32 flags, u32 mode, struct file **out);
void file_get(struct file *f);
void file_put(struct file *f);
long file_read(struct file *f, char *buf, size_t n);
long file_write(struct file *f, const char *buf, size_t n);

/* The current process's descriptor table. */
int fd_install(struct file *f);            /* lowest free fd, or -EMFILE */
struct file *fd_get(int fd);               /* no reference taken; NULL if not open */
int fd_close(int fd);

/* Data files: create (or replace) a read-only file with a copy of... or a pointer to data. */
struct inode *vfs_add_file(const char *path, const void *data, u64 size, bool copy);
struct inode *vfs_mkdir_p(const char *path, u32 flags);

/* Directory entries for getdents64: the index-th child of dir, or NULL. */
struct inode *vfs_child_at(struct inode *dir, u64 index);

/* Pipes (pipe.c): two files sharing a buffer. 0 or -ENOMEM. */
int pipe_create(struct file **rd, struct file **wr);

/* initrd.c: unpack a cpio newc archive under /. 0 or -EINVAL with a message. */
int initrd_unpack(const u8 *archive, u64 size);
/* devfs.c and procfs.c */
void devfs_init(void);
void procfs_init(void);
/* A /proc (or tracefs) file whose contents show() writes into a buffer when it is opened. */
struct seq_buf {
	char *buf;
	size_t size, len;
};
void seq_printf(struct seq_buf *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
struct inode *procfs_add(const char *path, void (*show)(struct seq_buf *s));
/* The general form: show with a context, and optionally writes. */
struct gen_file {
	void (*show)(struct seq_buf *s);
	void (*show_ctx)(struct seq_buf *s, void *ctx);
	long (*write)(void *ctx, const char *buf, size_t n); /* NULL: read-only */
	int (*truncate)(void *ctx);                          /* optional, for O_TRUNC */
	void *ctx;
};
struct inode *genfile_add(const char *path, const struct gen_file *gen);

#endif
