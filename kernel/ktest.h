/*
 * kernel/ktest.h - in-kernel tests.
 *
 *	KTEST(mm_frame_alloc)
 *	{
 *		u64 pa = frame_alloc();
 *		KT_ASSERT(pa != 0, "frame_alloc returned 0");
 *		frame_free(pa);
 *	}
 *
 * Each KTEST lands in the .ktest section. `ktest=<pattern>` on the kernel command line (or
 * `ktest <pattern>` at the kernel prompt) runs the tests whose names match the glob pattern
 * (several patterns separated by commas), prints "ktest: <name> ... ok" or "... FAIL: <reason>",
 * checks that the test gave back every frame and kmalloc object it took, and ends with a
 * summary line. A test stops at its first failed assertion.
 */
#ifndef KERNEL_KTEST_H
#define KERNEL_KTEST_H

#include "kernel/types.h"

struct ktest_ctx {
	bool failed;
	char reason[160];
};

/* 16 bytes, 16-aligned: the entries of all files then lie back to back in .ktest, with no
 * padding the compiler's own alignment choices could otherwise put between them. */
struct ktest {
	const char *name;
	void (*fn)(struct ktest_ctx *kt);
};

#define KTEST(name)                                                                        \
	static void ktest_fn_##name(struct ktest_ctx *kt);                                  \
	static const struct ktest ktest_##name __section(".ktest") __used __aligned(16) = {  \
		#name, ktest_fn_##name };                                                  \
	static void ktest_fn_##name(struct ktest_ctx *kt)

void ktest_fail(struct ktest_ctx *kt, const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Fail the test with a message and return from it when cond is false. */
#define KT_ASSERT(cond, fmt, ...)                                                          \
	do {                                                                               \
		if (!(cond)) {                                                             \
			ktest_fail(kt, __FILE__, __LINE__, fmt, ##__VA_ARGS__);            \
			return;                                                            \
		}                                                                          \
	} while (0)

#define KT_ASSERT_EQ(a, b)                                                                 \
	KT_ASSERT((a) == (b), "%s == %s: %#llx != %#llx", #a, #b, (unsigned long long)(a),  \
		  (unsigned long long)(b))

/* Run the tests matching pattern: the number that failed (0: all passed), -1 if none matched. */
int ktest_run(const char *pattern, int *passed);
/* Does name match the glob (with * and ?)? */
bool glob_match(const char *pattern, const char *name);

/* The pattern given with ktest= on the command line, or NULL. */
extern const char *ktest_cmdline_pattern;

#endif
