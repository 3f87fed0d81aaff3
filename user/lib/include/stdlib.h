/*
 * stdlib.h - memory (lib/malloc.c), number parsing, the environment, exit (lib/stdlib.c,
 * lib/start.c).
 */
#ifndef _STDLIB_H
#define _STDLIB_H

#include <stddef.h>

#define EXIT_SUCCESS 0
#define EXIT_FAILURE 1

void *malloc(size_t size);
void *calloc(size_t n, size_t size);
void *realloc(void *ptr, size_t size);
void free(void *ptr);
/* glass: check the heap's invariants; 0 if they hold, with the blocks in use and their bytes. */
int malloc_check(size_t *blocks, size_t *bytes);

long strtol(const char *s, char **end, int base);
unsigned long strtoul(const char *s, char **end, int base);
long long strtoll(const char *s, char **end, int base);
unsigned long long strtoull(const char *s, char **end, int base);
int atoi(const char *s);
long atol(const char *s);

int abs(int x);
long labs(long x);

void qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));

char *getenv(const char *name);
int setenv(const char *name, const char *value, int overwrite);
int unsetenv(const char *name);

/* exit flushes every stdio stream first; _Exit and _exit do not. */
__attribute__((noreturn)) void exit(int status);
__attribute__((noreturn)) void _Exit(int status);
__attribute__((noreturn)) void abort(void);

/* The value of an auxiliary vector entry (AT_PAGESZ = 6, AT_RANDOM = 25, ...), 0 if absent. */
unsigned long getauxval(unsigned long type);
#define AT_NULL 0
#define AT_PHDR 3
#define AT_PAGESZ 6
#define AT_ENTRY 9
#define AT_UID 11
#define AT_RANDOM 25
#define AT_EXECFN 31

#endif /* _STDLIB_H */
