/*
 * lib/stdlib.c - number parsing, the environment, qsort, abs.
 *
 * strtoull is the one parser: optional spaces and sign, a base prefix (0x, 0) when base is 0 or
 * 16, digits until the first that does not belong; on overflow it saturates and sets ERANGE.
 * The signed versions check the range of the result. Read next: getopt.c.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int digit_value(int c)
{
	if (isdigit(c))
		return c - '0';
	if (isalpha(c))
		return tolower(c) - 'a' + 10;
	return 99;
}

/* The magnitude, with *neg set for a leading '-' and *overflow when it does not fit in 64 bits;
 * *end is s when there are no digits. */
static unsigned long long parse(const char *s, char **end, int base, int *neg, int *overflow)
{
	const char *p = s, *digits;
	unsigned long long v = 0;
	int d;

	*neg = *overflow = 0;
	if (end)
		*end = (char *)s;
	if (base < 0 || base == 1 || base > 36) {
		errno = EINVAL;
		return 0;
	}
	while (isspace((unsigned char)*p))
		p++;
	if (*p == '-' || *p == '+')
		*neg = *p++ == '-';
	if ((base == 0 || base == 16) && p[0] == '0' && (p[1] | 0x20) == 'x' &&
	    digit_value((unsigned char)p[2]) < 16) {
		p += 2;
		base = 16;
	} else if (base == 0) {
		base = *p == '0' ? 8 : 10;
	}
	for (digits = p; (d = digit_value((unsigned char)*p)) < base; p++) {
		if (v > (ULLONG_MAX - d) / base)
			*overflow = 1;
		v = v * base + d;
	}
	if (end && p != digits)
		*end = (char *)p;
	return v;
}

unsigned long long strtoull(const char *s, char **end, int base)
{
	int neg, overflow;
	unsigned long long v = parse(s, end, base, &neg, &overflow);

	if (overflow) {
		errno = ERANGE;
		return ULLONG_MAX;
	}
	return neg ? -v : v;
}

unsigned long strtoul(const char *s, char **end, int base)
{
	return strtoull(s, end, base);
}

long long strtoll(const char *s, char **end, int base)
{
	int neg, overflow;
	unsigned long long v = parse(s, end, base, &neg, &overflow);

	if (overflow || v > (unsigned long long)LLONG_MAX + neg) {
		errno = ERANGE;
		return neg ? LLONG_MIN : LLONG_MAX;
	}
	return neg ? (long long)-v : (long long)v;
}

long strtol(const char *s, char **end, int base)
{
	return strtoll(s, end, base);
}

int atoi(const char *s)
{
	return (int)strtol(s, NULL, 10);
}

long atol(const char *s)
{
	return strtol(s, NULL, 10);
}

int abs(int x)
{
	return x < 0 ? -x : x;
}

long labs(long x)
{
	return x < 0 ? -x : x;
}

/* Shell sort with the gaps 1, 4, 13, 40, ...: short, and quick enough for a directory. */
void qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
	char *a = base, tmp;
	size_t gap = 1, i, j, k;

	while (gap < n / 3)
		gap = gap * 3 + 1;
	for (; gap > 0; gap /= 3) {
		for (i = gap; i < n; i++) {
			for (j = i; j >= gap && cmp(a + (j - gap) * size, a + j * size) > 0;
			     j -= gap) {
				for (k = 0; k < size; k++) {
					tmp = a[(j - gap) * size + k];
					a[(j - gap) * size + k] = a[j * size + k];
					a[j * size + k] = tmp;
				}
			}
		}
	}
}

/* --- the environment: environ is the array crt0 found, copied the first time it changes ---- */

static char **env_owned; /* environ once it is ours (malloc'ed), else NULL */

static char **env_find(const char *name, size_t len)
{
	char **e;

	for (e = environ; e && *e; e++)
		if (!strncmp(*e, name, len) && (*e)[len] == '=')
			return e;
	return NULL;
}

char *getenv(const char *name)
{
	size_t len = strlen(name);
	char **e = env_find(name, len);

	return e ? *e + len + 1 : NULL;
}

static int env_count(void)
{
	int n = 0;

	while (environ && environ[n])
		n++;
	return n;
}

int setenv(const char *name, const char *value, int overwrite)
{
	size_t len = strlen(name);
	char **e, *entry, **grown;
	int n;

	if (!len || strchr(name, '=')) {
		errno = EINVAL;
		return -1;
	}
	e = env_find(name, len);
	if (e && !overwrite)
		return 0;
	entry = malloc(len + strlen(value) + 2);
	if (!entry)
		return -1;
	strcpy(entry, name);
	entry[len] = '=';
	strcpy(entry + len + 1, value);
	if (e) {
		*e = entry; /* the old string may be crt0's: it is not freed */
		return 0;
	}
	n = env_count();
	grown = malloc((n + 2) * sizeof(char *));
	if (!grown) {
		free(entry);
		return -1;
	}
	if (n)
		memcpy(grown, environ, n * sizeof(char *));
	grown[n] = entry;
	grown[n + 1] = NULL;
	free(env_owned);
	environ = env_owned = grown;
	return 0;
}

int unsetenv(const char *name)
{
	size_t len = strlen(name);
	char **e = env_find(name, len);

	if (!e)
		return 0;
	do
		e[0] = e[1];
	while (*++e);
	return 0;
}
