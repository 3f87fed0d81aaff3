/*
 * bin/sleep.c - wait for a number of seconds, a decimal fraction allowed: sleep 1, sleep 0.25.
 *
 * Parsed by hand into seconds and nanoseconds (there is no floating point in user space).
 */
#include <ctype.h>
#include <stdio.h>
#include <time.h>

/* "1.5" -> {1, 500000000}; 0 on success, -1 when s is not a non-negative decimal number. */
static int parse_seconds(const char *s, struct timespec *ts)
{
	long sec = 0, nsec = 0, scale = 100000000;
	const char *p = s;

	for (; isdigit((unsigned char)*p); p++) {
		if (sec > 100000000) /* more than three years: surely a mistake */
			return -1;
		sec = sec * 10 + (*p - '0');
	}
	if (*p == '.') {
		for (p++; isdigit((unsigned char)*p); p++, scale /= 10)
			nsec += (*p - '0') * scale;
	}
	if (*p || p == s || (p == s + 1 && *s == '.'))
		return -1;
	ts->tv_sec = sec;
	ts->tv_nsec = nsec;
	return 0;
}

int main(int argc, char **argv)
{
	struct timespec ts;

	if (argc != 2) {
		fprintf(stderr, "usage: sleep SECONDS\n");
		return 2;
	}
	if (parse_seconds(argv[1], &ts) < 0) {
		fprintf(stderr, "sleep: invalid time interval '%s'\n", argv[1]);
		return 1;
	}
	while (nanosleep(&ts, &ts) < 0)
		; /* interrupted: sleep what is left */
	return 0;
}
