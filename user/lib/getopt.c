/*
 * lib/getopt.c - POSIX getopt: single-letter options, grouped (-al) or apart (-a -l).
 *
 * Parsing stops at the first argument that is not an option, or after "--"; arguments are never
 * reordered. An option followed by ':' in optstring takes an argument, either the rest of its
 * word (-n10) or the next word (-n 10). Errors print "prog: invalid option -- 'x'" or
 * "prog: option requires an argument -- 'x'" unless opterr is 0 or optstring starts with ':'.
 * Setting optind to 0 (or 1) starts over. Read next: dirent.c.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

char *optarg;
int optind = 1, opterr = 1, optopt;
static int next_char; /* where we are inside argv[optind], 0 when between words */

static void next_word(void)
{
	optind++;
	next_char = 0;
}

int getopt(int argc, char *const argv[], const char *optstring)
{
	const char *word, *spec;
	int quiet, c;

	if (optind == 0) {
		optind = 1;
		next_char = 0;
	}
	if (*optstring == '+')
		optstring++;
	quiet = *optstring == ':';
	optarg = NULL;
	if (next_char == 0) {
		if (optind >= argc || !argv[optind] || argv[optind][0] != '-' || !argv[optind][1])
			return -1;
		if (!strcmp(argv[optind], "--")) {
			optind++;
			return -1;
		}
		next_char = 1;
	}
	word = argv[optind];
	c = (unsigned char)word[next_char++];
	spec = c == ':' ? NULL : strchr(optstring + quiet, c);
	if (!spec) {
		optopt = c;
		if (opterr && !quiet)
			fprintf(stderr, "%s: invalid option -- '%c'\n", argv[0], c);
		if (!word[next_char])
			next_word();
		return '?';
	}
	if (spec[1] != ':') {
		if (!word[next_char])
			next_word();
		return c;
	}
	if (word[next_char]) {
		optarg = (char *)word + next_char;
	} else if (optind + 1 < argc) {
		optarg = argv[optind + 1];
		optind++;
	} else {
		optopt = c;
		next_word();
		if (quiet)
			return ':';
		if (opterr)
			fprintf(stderr, "%s: option requires an argument -- '%c'\n", argv[0], c);
		return '?';
	}
	next_word();
	return c;
}
