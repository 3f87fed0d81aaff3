/*
 * kernel/cmdline.c - split the command line into words and hand each to its __setup handler.
 */
#include "kernel/cmdline.h"
#include "kernel/printk.h"
#include "kernel/lib/string.h"

extern const struct setup_param __setup_start[], __setup_end[];

static int apply(const char *word)
{
	const char *eq = strchr(word, '=');
	size_t key_len = eq ? (size_t)(eq - word + 1) : strlen(word);

	for (const struct setup_param *p = __setup_start; p < __setup_end; p++) {
		size_t n = strlen(p->str);

		if (n != key_len || strncmp(p->str, word, n))
			continue;
		if (p->fn(eq ? eq + 1 : "")) {
			printk(KERN_WARNING "cmdline: malformed option '%s', ignored\n", word);
			return -EINVAL;
		}
		return 0;
	}
	printk(KERN_WARNING "cmdline: unknown option '%s', ignored\n", word);
	return -ENOENT;
}

int cmdline_parse(const char *cmdline)
{
	char word[128];
	int errors = 0;

	while (*cmdline) {
		size_t n = 0;

		while (*cmdline == ' ')
			cmdline++;
		if (!*cmdline)
			break;
		while (cmdline[n] && cmdline[n] != ' ')
			n++;
		if (n >= sizeof(word)) {
			printk(KERN_WARNING "cmdline: option of %zu characters is too long, ignored\n", n);
			errors++;
		} else {
			memcpy(word, cmdline, n);
			word[n] = '\0';
			if (apply(word))
				errors++;
		}
		cmdline += n;
	}
	return errors;
}

static int set_loglevel(const char *value)
{
	unsigned long long v;

	if (kstrtoull(value, 10, &v) || v > 8)
		return -EINVAL;
	console_loglevel = (int)v;
	return 0;
}
__setup("loglevel=", set_loglevel);
