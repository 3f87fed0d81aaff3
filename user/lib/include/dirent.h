/*
 * dirent.h - reading directories: getdents64() and struct linux_dirent64 as Linux lays them out,
 * and opendir/readdir/closedir on top of them (lib/dirent.c).
 */
#ifndef _DIRENT_H
#define _DIRENT_H

#include <sys/types.h>

struct linux_dirent64 {
	uint64_t d_ino;
	int64_t d_off;
	unsigned short d_reclen; /* size of this record, name and padding included */
	unsigned char d_type;
	char d_name[];           /* NUL-terminated */
};

#define DT_UNKNOWN 0
#define DT_FIFO 1
#define DT_CHR 2
#define DT_DIR 4
#define DT_BLK 6
#define DT_REG 8
#define DT_LNK 10
#define DT_SOCK 12

/* readdir's view of an entry. */
struct dirent {
	ino_t d_ino;
	unsigned char d_type;
	char d_name[256];
};

typedef struct __dir DIR;

ssize_t getdents64(int fd, void *buf, size_t size);
DIR *opendir(const char *path);
struct dirent *readdir(DIR *dir);
int closedir(DIR *dir);

#endif /* _DIRENT_H */
