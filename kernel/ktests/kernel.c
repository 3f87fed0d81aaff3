/*
 * kernel/ktests/kernel.c - in-kernel tests of kallsyms, the timer, the command line, and the
 * formatting functions everything else prints with.
 */
#include "kernel/ktest.h"
#include "kernel/kallsyms.h"
#include "kernel/cmdline.h"
#include "kernel/printk.h"
#include "kernel/time.h"
#include "kernel/lib/string.h"
#include "kernel/lib/vsprintf.h"
#include "kernel/arch/x86/cpu.h"

void kmain(u32 magic, u64 info);

KTEST(kallsyms_lookup_by_name)
{
	KT_ASSERT_EQ(kallsyms_lookup_name("kmain"), (u64)kmain);
	KT_ASSERT_EQ(kallsyms_lookup_name("printk"), (u64)printk);
	KT_ASSERT_EQ(kallsyms_lookup_name("no_such_symbol_anywhere"), 0);
	KT_ASSERT_EQ(kallsyms_lookup_name(""), 0);
	KT_ASSERT(kallsyms_count() > 100, "only %llu symbols", kallsyms_count());
}

KTEST(kallsyms_lookup_by_address)
{
	u64 size = 0, off = 0;
	const char *name = kallsyms_lookup((u64)printk + 5, &size, &off);
	char buf[64], want[64];

	KT_ASSERT(name && !strcmp(name, "printk"), "printk+5 resolved to %s", name ? name : "NULL");
	KT_ASSERT_EQ(off, 5);
	KT_ASSERT(size > 5 && size < 4096, "implausible size %llu", size);
	kallsyms_format((u64)printk + 0x1a, buf, sizeof(buf));
	snprintf(want, sizeof(want), "printk+0x1a/%#llx", size);
	KT_ASSERT(!strcmp(buf, want), "formatted '%s', expected '%s'", buf, want);
	KT_ASSERT(kallsyms_lookup(0x1000, NULL, NULL) == NULL, "address 0x1000 has a symbol");
	/* every symbol found by name resolves back to itself */
	for (u64 i = 0; i < kallsyms_count(); i += 7) {
		const char *n;
		u64 a, s;
		char t;

		kallsyms_get(i, &n, &a, &s, &t);
		if (!s || (t != 'T' && t != 't'))
			continue;
		name = kallsyms_lookup(a + s - 1, NULL, &off);
		KT_ASSERT(name && off == s - 1, "%s+%#llx does not resolve back", n, s - 1);
	}
}

KTEST(timer_ticks_advance)
{
	u64 j0 = jiffies, t0 = ktime_get_ns();

	KT_ASSERT(read_rflags() & X86_EFLAGS_IF, "interrupts are off in tests");
	KT_ASSERT(tsc_khz > 0, "the TSC was not calibrated");
	/* Wait for ticks with hlt; the TSC bounds the wait so a dead timer fails, not hangs. */
	while (jiffies < j0 + 5 && ktime_get_ns() - t0 < 5000000000ull)
		hlt();
	KT_ASSERT(jiffies >= j0 + 5, "the timer did not tick (jiffies %llu -> %llu)", j0, jiffies);
	KT_ASSERT(ktime_get_ns() > t0, "ktime_get_ns did not advance");
}

KTEST(timer_clock_monotonic)
{
	u64 prev = ktime_get_ns();

	for (int i = 0; i < 10000; i++) {
		u64 now = ktime_get_ns();

		KT_ASSERT(now >= prev, "ktime went back: %llu after %llu", now, prev);
		prev = now;
	}
	KT_ASSERT_EQ(tsc_cycles_to_ns(tsc_khz * 1000), 1000000000ull);
}

KTEST(cmdline_unknown_and_malformed_options)
{
	int saved = console_loglevel;

	KT_ASSERT_EQ(cmdline_parse("loglevel=x"), 1);
	KT_ASSERT_EQ(console_loglevel, saved);
	KT_ASSERT_EQ(cmdline_parse("  no_such_option=1   loglevel=99 "), 2);
	KT_ASSERT_EQ(console_loglevel, saved);
	KT_ASSERT_EQ(cmdline_parse("loglevel=5"), 0);
	KT_ASSERT_EQ(console_loglevel, 5);
	console_loglevel = saved;
	KT_ASSERT_EQ(cmdline_parse(""), 0);
}

KTEST(lib_snprintf_formats)
{
	char buf[64];

	snprintf(buf, sizeof(buf), "%d|%5d|%-4d|%05d|%u", -42, 7, 3, -12, 4000000000u);
	KT_ASSERT(!strcmp(buf, "-42|    7|3   |-0012|4000000000"), "got '%s'", buf);
	snprintf(buf, sizeof(buf), "%x|%#x|%#010llx|%lld", 255, 255, 0x1234ull, -5ll);
	KT_ASSERT(!strcmp(buf, "ff|0xff|0x00001234|-5"), "got '%s'", buf);
	snprintf(buf, sizeof(buf), "%s|%.3s|%6s|%c%%", "abc", "abcdef", "x", 'z');
	KT_ASSERT(!strcmp(buf, "abc|abc|     x|z%"), "got '%s'", buf);
	KT_ASSERT_EQ(snprintf(buf, 4, "%s", "truncated"), 9);
	KT_ASSERT(!strcmp(buf, "tru"), "truncation wrote '%s'", buf);
}

KTEST(lib_string_functions)
{
	char buf[16];
	unsigned long long v;

	KT_ASSERT_EQ(strlen("glass"), 5);
	KT_ASSERT(strcmp("a", "b") < 0 && strcmp("b", "a") > 0 && !strcmp("x", "x"), "strcmp");
	KT_ASSERT_EQ(strlcpy(buf, "0123456789abcdefXYZ", sizeof(buf)), 19);
	KT_ASSERT(!strcmp(buf, "0123456789abcde"), "strlcpy gave '%s'", buf);
	memmove(buf + 1, buf, 5);
	KT_ASSERT(!memcmp(buf, "001234", 6), "overlapping memmove");
	KT_ASSERT(kstrtoull("0x1f", 0, &v) == 0 && v == 31, "hex");
	KT_ASSERT(kstrtoull("123", 10, &v) == 0 && v == 123, "decimal");
	KT_ASSERT(kstrtoull("12a", 10, &v) == -EINVAL, "junk accepted");
	KT_ASSERT(kstrtoull("", 10, &v) == -EINVAL, "empty accepted");
	KT_ASSERT(kstrtoull("99999999999999999999", 10, &v) == -ERANGE, "overflow accepted");
	KT_ASSERT(glob_match("mm_*", "mm_frame") && !glob_match("mm_*", "kallsyms"), "glob");
	KT_ASSERT(glob_match("*", "") && glob_match("a?c", "abc") && !glob_match("a?c", "ac"),
		  "glob edge cases");
}
