/*
 * kernel/fs/devfs.c - /dev: the console and the null device.
 *
 * /dev/console reads raw bytes from the serial port (no echo, no line editing: the shell does
 * both, since there is no terminal layer) and writes to the serial port and the VGA mirror. A
 * read blocks until at least one byte has arrived, then returns what is there.
 */
#include "kernel/fs/vfs.h"
#include "kernel/proc/task.h"
#include "kernel/printk.h"
#include "kernel/arch/x86/cpu.h"
#include "drivers/serial.h"

/* The serial interrupt wakes readers sleeping on this. */
int console_input_wait;

static long console_read(struct file *f, char *buf, size_t n)
{
	u64 flags = irq_save();
	size_t got = 0;
	int c;

	while ((c = serial_getc()) < 0) {
		if (current->killed) {
			irq_restore(flags);
			return -EINTR;
		}
		sleep_on(&console_input_wait);
	}
	do {
		buf[got++] = (char)c;
	} while (got < n && (c = serial_getc()) >= 0);
	irq_restore(flags);
	return got;
}

static long console_write_op(struct file *f, const char *buf, size_t n)
{
	console_write(buf, n);
	return n;
}

static long null_read(struct file *f, char *buf, size_t n)
{
	return 0;
}

static long null_write(struct file *f, const char *buf, size_t n)
{
	return n;
}

static const struct file_ops console_fops = { .read = console_read, .write = console_write_op };
static const struct file_ops null_fops = { .read = null_read, .write = null_write };

void devfs_init(void)
{
	struct inode *dev = vfs_mkdir_p("/dev", 0);
	struct inode *con = vfs_create(dev, "console", S_IFCHR | 0620);
	struct inode *null = vfs_create(dev, "null", S_IFCHR | 0666);

	if (!con || !null)
		panic("devfs: out of memory");
	con->fops = &console_fops;
	null->fops = &null_fops;
}
