/*
 * kernel/ktest.c - the in-kernel test runner.
 *
 * Before each test it records the free frames, the live kmalloc objects, the heap's slab pages
 * and the page-table pages; after it, any difference is a leak and fails the test (a slab page or
 * a page table taken during the test is the kernel growing a structure it keeps, not a leak). Tests run with interrupts on, in the kernel's own thread.
 */
#include "kernel/ktest.h"
#include "kernel/cmdline.h"
#include "kernel/printk.h"
#include "kernel/lib/string.h"
#include "kernel/lib/vsprintf.h"
#include "kernel/mm/mm.h"

extern const struct ktest __ktest_start[], __ktest_end[];
extern u64 kmalloc_slab_pages;

const char *ktest_cmdline_pattern;
static char cmdline_pattern[128];

static int set_ktest(const char *value)
{
	if (!*value || strlen(value) >= sizeof(cmdline_pattern))
		return -EINVAL;
	strlcpy(cmdline_pattern, value, sizeof(cmdline_pattern));
	ktest_cmdline_pattern = cmdline_pattern;
	return 0;
}
__setup("ktest=", set_ktest);

void ktest_fail(struct ktest_ctx *kt, const char *file, int line, const char *fmt, ...)
{
	va_list ap;
	int n;
	const char *base = strrchr(file, '/');

	if (kt->failed)
		return;
	kt->failed = true;
	va_start(ap, fmt);
	n = vsnprintf(kt->reason, sizeof(kt->reason), fmt, ap);
	va_end(ap);
	if (n < (int)sizeof(kt->reason))
		snprintf(kt->reason + n, sizeof(kt->reason) - n, " (%s:%d)", base ? base + 1 : file,
			 line);
}

bool glob_match(const char *p, const char *s)
{
	if (!*p)
		return !*s;
	if (*p == '*')
		return glob_match(p + 1, s) || (*s && glob_match(p, s + 1));
	if (*s && (*p == '?' || *p == *s))
		return glob_match(p + 1, s + 1);
	return false;
}

/* Does name match one of the comma-separated globs in patterns? */
static bool matches(const char *patterns, const char *name)
{
	char one[128];

	while (*patterns) {
		size_t n = strchr(patterns, ',') ? (size_t)(strchr(patterns, ',') - patterns) :
						   strlen(patterns);

		if (n < sizeof(one)) {
			memcpy(one, patterns, n);
			one[n] = '\0';
			if (glob_match(one, name))
				return true;
		}
		patterns += n;
		if (*patterns == ',')
			patterns++;
	}
	return false;
}

static void run_one(const struct ktest *t, struct ktest_ctx *kt)
{
	struct kmalloc_stats before, after;
	u64 frames_before, slab_before, frames_after, slab_after;

	kmalloc_get_stats(&before);
	frames_before = frame_free_count();
	slab_before = kmalloc_slab_pages + vmm_table_pages;
	t->fn(kt);
	kmalloc_get_stats(&after);
	frames_after = frame_free_count();
	slab_after = kmalloc_slab_pages + vmm_table_pages;
	if (kt->failed)
		return;
	if (after.live_objects != before.live_objects)
		ktest_fail(kt, __FILE__, __LINE__, "leak: %lld kmalloc objects not freed",
			   (long long)(after.live_objects - before.live_objects));
	else if (frames_before - frames_after != slab_after - slab_before)
		ktest_fail(kt, __FILE__, __LINE__, "leak: %lld page frames not freed",
			   (long long)(frames_before - frames_after - (slab_after - slab_before)));
}

int ktest_run(const char *pattern, int *passed)
{
	int failed = 0, ran = 0;

	*passed = 0;
	for (const struct ktest *t = __ktest_start; t < __ktest_end; t++) {
		struct ktest_ctx kt = { 0 };

		if (!matches(pattern, t->name))
			continue;
		ran++;
		run_one(t, &kt);
		if (kt.failed) {
			printk("ktest: %s ... FAIL: %s\n", t->name, kt.reason);
			failed++;
		} else {
			printk("ktest: %s ... ok\n", t->name);
			(*passed)++;
		}
	}
	printk("ktest: summary: %d passed, %d failed\n", *passed, failed);
	if (!ran) {
		printk("ktest: no test matches '%s'\n", pattern);
		return -1;
	}
	return failed;
}
