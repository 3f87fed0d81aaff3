/*
 * kernel/ktests/trace.c - in-kernel tests of text_poke and static keys.
 */
#include "kernel/ktest.h"
#include "kernel/trace/static_key.h"
#include "kernel/arch/x86/text_poke.h"
#include "kernel/arch/x86/trap.h"
#include "kernel/lib/string.h"

static struct static_key test_key = STATIC_KEY_INIT;
static int slow_path_runs;

static __attribute__((noinline)) int keyed_function(int x)
{
	if (static_branch_unlikely(&test_key)) {
		slow_path_runs++;
		return x * 2;
	}
	return x;
}

KTEST(static_key_patches_sites)
{
	u64 site;
	u8 bytes[5];

	KT_ASSERT_EQ(static_key_sites(&test_key, &site, 1), 1);
	memcpy(bytes, (void *)site, 5);
	KT_ASSERT(!memcmp(bytes, x86_nop5, 5), "disabled site is not the 5-byte NOP");
	slow_path_runs = 0;
	KT_ASSERT_EQ(keyed_function(21), 21);
	KT_ASSERT_EQ(slow_path_runs, 0);

	static_key_enable(&test_key);
	memcpy(bytes, (void *)site, 5);
	KT_ASSERT(bytes[0] == 0xe9, "enabled site starts with %#x, not jmp (0xe9)", bytes[0]);
	KT_ASSERT_EQ(keyed_function(21), 42);
	KT_ASSERT_EQ(slow_path_runs, 1);
	static_key_enable(&test_key); /* nested: stays enabled after one disable */
	static_key_disable(&test_key);
	KT_ASSERT_EQ(keyed_function(1), 2);

	static_key_disable(&test_key);
	memcpy(bytes, (void *)site, 5);
	KT_ASSERT(!memcmp(bytes, x86_nop5, 5), "the NOP was not restored");
	KT_ASSERT_EQ(keyed_function(21), 21);
	KT_ASSERT_EQ(slow_path_runs, 2);
}

static __attribute__((noinline, aligned(16))) int poke_target(void)
{
	asm volatile("");
	return 1;
}

KTEST(text_poke_writes_through_an_alias)
{
	u8 *code = (u8 *)poke_target;
	u8 saved[5], patch[5] = { 0xb8, 7, 0, 0, 0 }; /* mov $7, %eax */
	struct fault_catch fc;

	KT_ASSERT_EQ(poke_target(), 1);
	/* find "mov $1, %eax" (b8 01 00 00 00) in the function and change the constant */
	for (int i = 0; i < 16; i++) {
		if (code[i] == 0xb8 && code[i + 1] == 1) {
			memcpy(saved, code + i, 5);
			KT_ASSERT(text_poke(code + i, patch, 5) == 0, "text_poke failed");
			KT_ASSERT_EQ(poke_target(), 7);
			KT_ASSERT(text_poke(code + i, saved, 5) == 0, "text_poke back failed");
			KT_ASSERT_EQ(poke_target(), 1);
			/* the text is still read-only in place */
			if (fault_catch_begin(&fc) == 0) {
				code[i] = 0x90;
				fault_catch_end(&fc);
				KT_ASSERT(0, "kernel text became writable");
			}
			KT_ASSERT_EQ(fc.vector, X86_TRAP_PF);
			KT_ASSERT(text_poke((void *)0x1000, patch, 1) == -EFAULT, "poked outside text");
			return;
		}
	}
	KT_ASSERT(0, "no mov $1, %%eax in poke_target");
}
