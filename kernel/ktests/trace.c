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

#include "kernel/trace/trace_event.h"
#include "kernel/trace/events/irq.h"
#include "kernel/trace/trace_buffer.h"
#include "kernel/time.h"
#include "kernel/arch/x86/cpu.h"

KTEST(tracepoint_disabled_site_is_a_nop)
{
	u64 sites[4];
	int n = static_key_sites(&event_tick.key, sites, 4);

	KT_ASSERT(n >= 1, "trace_tick has no static key site");
	for (int i = 0; i < n; i++)
		KT_ASSERT(!memcmp((void *)sites[i], x86_nop5, 5), "site %d of timer:tick is not a NOP",
			  i);
	KT_ASSERT(!static_key_enabled(&event_tick.key), "timer:tick on with nobody listening");
}

KTEST(tracepoint_counts_hits_while_enabled)
{
	u64 sites[4], before, t0;

	KT_ASSERT(static_key_sites(&event_tick.key, sites, 4) >= 1, "no site");
	before = event_tick.hits;
	t0 = ktime_get_ns();
	while (ktime_get_ns() - t0 < 20000000ull) /* ticks while disabled are not counted */
		hlt();
	KT_ASSERT_EQ(event_tick.hits, before);
	trace_event_set_enabled(&event_tick, true);
	KT_ASSERT(((u8 *)sites[0])[0] == 0xe9, "enabling did not patch the site to a jmp");
	t0 = ktime_get_ns();
	while (event_tick.hits < before + 5 && ktime_get_ns() - t0 < 5000000000ull)
		hlt();
	trace_event_set_enabled(&event_tick, false);
	KT_ASSERT(event_tick.hits >= before + 5, "only %llu hits", event_tick.hits - before);
	KT_ASSERT(!memcmp((void *)sites[0], x86_nop5, 5), "disabling did not restore the NOP");
	before = event_tick.hits;
	t0 = ktime_get_ns();
	while (ktime_get_ns() - t0 < 20000000ull)
		hlt();
	KT_ASSERT_EQ(event_tick.hits, before);
	trace_buffer_reset();
}

KTEST(trace_event_lookup)
{
	struct trace_event *ev = trace_event_by_name("timer", "tick");

	KT_ASSERT(ev == &event_tick, "timer:tick not found by name");
	KT_ASSERT(trace_event_by_id(ev->id) == ev, "not found by id %u", ev->id);
	KT_ASSERT(trace_event_by_id(0) == NULL && trace_event_by_id(60000) == NULL, "bad ids");
	KT_ASSERT(trace_event_by_name("syscalls", "sys_enter_openat"), "syscall event missing");
	KT_ASSERT(trace_event_by_name("nosuch", "event") == NULL, "unknown event found");
}
