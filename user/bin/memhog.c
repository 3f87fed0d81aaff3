/*
 * bin/memhog.c - take memory until the kernel says no, then give it all back.
 *
 *	memhog [-m | -b | -k] [-c chunk-KiB] [-l limit-MiB]
 *
 * -m (the default) uses malloc, -b moves the break with sbrk, -k maps anonymous memory with
 * mmap; each chunk (1 MiB unless -c) is touched on every page, so the memory is really there.
 * It stops at the first failure, which must be ENOMEM, or at the limit, prints how much it got,
 * frees everything and exits 0; any other error exits 1. For the scenario "a program that
 * exhausts memory gets ENOMEM" and, run twice, for "the memory came back".
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>

struct chunk {
	struct chunk *next; /* the chunks are a list threaded through themselves */
};

static void *take(int mode, size_t size)
{
	void *p;

	if (mode == 'b') {
		p = sbrk((long)size);
		return p == (void *)-1 ? NULL : p;
	}
	if (mode == 'k') {
		p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		return p == MAP_FAILED ? NULL : p;
	}
	return malloc(size);
}

int main(int argc, char **argv)
{
	size_t chunk = 1024 * 1024, limit = 0, got = 0, off;
	struct chunk *list = NULL, *c;
	int mode = 'm', opt, err = 0;
	char *p;

	while ((opt = getopt(argc, argv, "mbkc:l:")) != -1) {
		if (opt == 'm' || opt == 'b' || opt == 'k') {
			mode = opt;
		} else if (opt == 'c') {
			chunk = strtoul(optarg, NULL, 10) * 1024;
		} else if (opt == 'l') {
			limit = strtoul(optarg, NULL, 10) * 1024 * 1024;
		} else {
			fprintf(stderr,
				"usage: memhog [-m | -b | -k] [-c chunk-KiB] [-l limit-MiB]\n");
			return 2;
		}
	}
	if (chunk < sizeof(struct chunk)) {
		fprintf(stderr, "memhog: chunk too small\n");
		return 2;
	}
	while (!limit || got + chunk <= limit) {
		errno = 0;
		p = take(mode, chunk);
		if (!p) {
			err = errno;
			break;
		}
		for (off = 0; off < chunk; off += 4096)
			p[off] = 1;
		c = (struct chunk *)p;
		c->next = list;
		list = c;
		got += chunk;
	}
	if (err)
		printf("memhog: %zu KiB, then %s\n", got / 1024, strerror(err));
	else
		printf("memhog: %zu KiB, the limit\n", got / 1024);
	while (list) {
		c = list;
		list = c->next;
		if (mode == 'm')
			free(c);
		else if (mode == 'k')
			munmap(c, chunk);
	}
	if (mode == 'b' && got)
		sbrk(-(long)got);
	printf("memhog: given back\n");
	return err && err != ENOMEM ? 1 : 0;
}
