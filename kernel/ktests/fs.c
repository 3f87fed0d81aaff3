/*
 * kernel/ktests/fs.c - in-kernel tests of the VFS (lookup, tmpfs, read-only files), pipes, the
 * initrd parser, user copies and the ELF checks of exec.
 */
#include "kernel/ktest.h"
#include "kernel/fs/vfs.h"
#include "kernel/proc/task.h"
#include "kernel/uaccess.h"
#include "kernel/mm/mm.h"
#include "kernel/lib/string.h"

KTEST(fs_lookup)
{
	int err;
	struct inode *tmp = vfs_lookup(NULL, "/tmp", &err);

	KT_ASSERT(tmp && S_ISDIR(tmp->mode), "/tmp missing (%d)", err);
	KT_ASSERT(vfs_lookup(NULL, "/tmp/../tmp/./", &err) == tmp, "dot components");
	KT_ASSERT(vfs_lookup(NULL, "/", &err) == vfs_root, "root");
	KT_ASSERT(vfs_lookup(NULL, "/no/such/file", &err) == NULL && err == -ENOENT, "ENOENT");
	KT_ASSERT(vfs_lookup(NULL, "", &err) == NULL && err == -ENOENT, "empty path");
	KT_ASSERT(vfs_lookup(NULL, "/dev/null/x", &err) == NULL && err == -ENOTDIR, "ENOTDIR");
}

KTEST(fs_tmpfs_write_read)
{
	struct file *f;
	char buf[32];
	int err = vfs_open(NULL, "/tmp/ktest_file", O_RDWR | O_CREAT | O_EXCL, 0644, &f);

	KT_ASSERT(err == 0, "create failed: %d", err);
	KT_ASSERT(file_write(f, "hello, ", 7) == 7, "write");
	KT_ASSERT(file_write(f, "tmpfs", 5) == 5, "second write");
	f->pos = 0;
	memset(buf, 0, sizeof(buf));
	KT_ASSERT(file_read(f, buf, sizeof(buf)) == 12, "read length");
	KT_ASSERT(!memcmp(buf, "hello, tmpfs", 12), "read back '%s'", buf);
	KT_ASSERT(file_read(f, buf, sizeof(buf)) == 0, "no EOF");
	file_put(f);
	KT_ASSERT(vfs_open(NULL, "/tmp/ktest_file", O_RDWR | O_CREAT | O_EXCL, 0644, &f) == -EEXIST,
		  "O_EXCL on an existing file");
	err = vfs_open(NULL, "/tmp/ktest_file", O_WRONLY | O_TRUNC, 0, &f);
	KT_ASSERT(err == 0, "reopen: %d", err);
	KT_ASSERT(f->inode->size == 0, "O_TRUNC kept %llu bytes", f->inode->size);
	KT_ASSERT(vfs_unlink(NULL, "/tmp/ktest_file") == 0, "unlink while open");
	KT_ASSERT(vfs_lookup(NULL, "/tmp/ktest_file", &err) == NULL, "still there after unlink");
	KT_ASSERT(file_write(f, "x", 1) == 1, "write to an unlinked open file");
	file_put(f);
	KT_ASSERT(vfs_unlink(NULL, "/tmp/ktest_file") == -ENOENT, "unlinked twice");
	KT_ASSERT(vfs_unlink(NULL, "/dev/null") == -EROFS, "unlinked a device");
	KT_ASSERT(vfs_unlink(NULL, "/tmp") == -EISDIR, "unlinked a directory");
}

KTEST(fs_read_only_places)
{
	struct file *f;

	KT_ASSERT(vfs_open(NULL, "/newfile", O_WRONLY | O_CREAT, 0644, &f) == -EROFS,
		  "created a file outside /tmp");
	KT_ASSERT(vfs_open(NULL, "/proc/meminfo", O_WRONLY, 0, &f) == -EACCES,
		  "proc file opened for writing");
	KT_ASSERT(vfs_open(NULL, "/tmp", O_WRONLY, 0, &f) == -EISDIR, "wrote a directory");
	KT_ASSERT(vfs_open(NULL, "/dev/null", O_RDONLY | O_DIRECTORY, 0, &f) == -ENOTDIR,
		  "O_DIRECTORY on a device");
}

KTEST(fs_pipe_buffering)
{
	struct file *rd, *wr;
	char buf[16];

	KT_ASSERT(pipe_create(&rd, &wr) == 0, "pipe_create");
	KT_ASSERT(file_write(wr, "abc", 3) == 3, "write");
	KT_ASSERT(file_read(rd, buf, 2) == 2 && !memcmp(buf, "ab", 2), "first read");
	KT_ASSERT(file_read(rd, buf, 16) == 1 && buf[0] == 'c', "second read");
	file_put(wr);
	KT_ASSERT(file_read(rd, buf, 16) == 0, "no EOF after the writer closed");
	file_put(rd);
	KT_ASSERT(pipe_create(&rd, &wr) == 0, "pipe_create");
	file_put(rd);
	KT_ASSERT(file_write(wr, "x", 1) == -EPIPE, "write with no reader");
	file_put(wr);
}

KTEST(fs_initrd_refuses_garbage)
{
	static const u8 junk[200] = "070701zzzzzzzz";
	static u8 truncated[120];

	KT_ASSERT(initrd_unpack(junk, sizeof(junk)) == -EINVAL, "bad header accepted");
	memcpy(truncated, "070701", 6);
	memset(truncated + 6, '0', 104);
	memcpy(truncated + 94, "000000ff", 8); /* a name longer than the archive */
	KT_ASSERT(initrd_unpack(truncated, sizeof(truncated)) == -EINVAL, "truncated accepted");
}

KTEST(uaccess_bad_pointers)
{
	char buf[8];
	u64 kernel_addr = (u64)_text;

	KT_ASSERT(copy_from_user(buf, (void *)kernel_addr, 8) == -EFAULT, "kernel text");
	KT_ASSERT(copy_from_user(buf, (void *)0x1000, 8) == -EFAULT, "unmapped user page");
	KT_ASSERT(copy_from_user(buf, (void *)(USER_TOP - 4), 8) == -EFAULT, "straddles the top");
	KT_ASSERT(copy_to_user((void *)0xdead000000000000ull, buf, 1) == -EFAULT, "non-canonical");
	KT_ASSERT(copy_to_user((void *)~0ull, buf, 2) == -EFAULT, "wrap-around");
	KT_ASSERT(strncpy_from_user(buf, (void *)kernel_addr, 8) == -EFAULT, "strncpy kernel");
	KT_ASSERT(copy_from_user(buf, (void *)0x1000, 0) == 0, "zero bytes");
}

KTEST(exec_refuses_bad_elf)
{
	static const u8 not_elf[64] = "#!/bin/sh\necho this is a script\n";
	static u8 elf32[64] = { 0x7f, 'E', 'L', 'F', 1, 1, 1 };
	struct pt_regs regs;
	const char *argv[] = { "x", NULL };

	struct inode *a = vfs_add_file("/tmp/ktest_not_elf", not_elf, sizeof(not_elf), false);
	struct inode *b = vfs_add_file("/tmp/ktest_elf32", elf32, sizeof(elf32), false);

	KT_ASSERT(a && b, "vfs_add_file");
	a->flags = b->flags = INODE_TMPFS; /* so that unlink may remove them */
	KT_ASSERT(exec_kernel("/tmp/ktest_not_elf", argv, NULL, &regs) == -ENOEXEC, "a script");
	KT_ASSERT(exec_kernel("/tmp/ktest_elf32", argv, NULL, &regs) == -ENOEXEC, "ELF32");
	KT_ASSERT(exec_kernel("/tmp/nonexistent", argv, NULL, &regs) == -ENOENT, "missing");
	KT_ASSERT(exec_kernel("/tmp", argv, NULL, &regs) == -EACCES, "a directory");
	KT_ASSERT(vfs_unlink(NULL, "/tmp/ktest_not_elf") == 0, "unlink");
	KT_ASSERT(vfs_unlink(NULL, "/tmp/ktest_elf32") == 0, "unlink");
}
