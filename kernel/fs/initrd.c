/*
 * kernel/fs/initrd.c - unpack the initrd, a cpio archive in the "newc" format, into the tree.
 *
 * Each member is a 110-byte ASCII header ("070701" and thirteen 8-digit hex fields), the path
 * name (NUL-terminated, padded to 4 bytes), then the data (padded to 4 bytes). The archive ends
 * with a member named "TRAILER!!!". Regular files keep pointing into the archive (GRUB's module
 * memory, reserved by the frame allocator), so nothing is copied.
 */
#include "kernel/fs/vfs.h"
#include "kernel/printk.h"
#include "kernel/lib/string.h"
#include "kernel/lib/vsprintf.h"

static bool hex8(const u8 *p, u32 *out)
{
	u32 v = 0;

	for (int i = 0; i < 8; i++) {
		u8 c = p[i];

		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= c - '0';
		else if (c >= 'a' && c <= 'f')
			v |= c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			v |= c - 'A' + 10;
		else
			return false;
	}
	*out = v;
	return true;
}

int initrd_unpack(const u8 *archive, u64 size)
{
	u64 off = 0;
	int files = 0;

	while (off + 110 <= size) {
		const u8 *h = archive + off;
		u32 mode, filesize, namesize;
		const char *name;
		u64 data_off;
		char path[256];

		if (memcmp(h, "070701", 6) || !hex8(h + 14, &mode) || !hex8(h + 54, &filesize) ||
		    !hex8(h + 94, &namesize)) {
			printk(KERN_ERR "initrd: bad cpio header at offset %llu\n", off);
			return -EINVAL;
		}
		name = (const char *)h + 110;
		data_off = ALIGN_UP(off + 110 + namesize, 4);
		if (namesize == 0 || off + 110 + namesize > size || data_off + filesize > size ||
		    name[namesize - 1] != '\0') {
			printk(KERN_ERR "initrd: truncated member at offset %llu\n", off);
			return -EINVAL;
		}
		if (!strcmp(name, "TRAILER!!!"))
			break;
		while (name[0] == '.' && name[1] == '/')
			name += 2;
		if (strcmp(name, ".") && snprintf(path, sizeof(path), "/%s", name) < (int)sizeof(path)) {
			if (S_ISDIR(mode)) {
				vfs_mkdir_p(path, 0);
			} else if (S_ISREG(mode)) {
				struct inode *ino = vfs_add_file(path, archive + data_off, filesize, false);

				if (ino) {
					ino->mode = mode;
					files++;
				} else {
					printk(KERN_WARNING "initrd: cannot add %s\n", path);
				}
			}
		}
		off = ALIGN_UP(data_off + filesize, 4);
	}
	printk("initrd: %d files\n", files);
	return 0;
}
