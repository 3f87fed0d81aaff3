/*
 * kernel/ktests/traps.c - exceptions that are caught and resumed: a claimed int3 (on its own
 * IST stack), a #UD and a divide error through the fault catch, and exception-table fix-ups.
 */
#include "kernel/ktest.h"
#include "kernel/arch/x86/trap.h"
#include "kernel/arch/x86/gdt.h"
#include "kernel/arch/x86/asm.h"

static volatile int int3_expected, int3_hits;
static volatile u64 int3_rsp, int3_ip;

static bool test_int3_handler(int vector, struct pt_regs *regs)
{
	u64 rsp;

	if (!int3_expected)
		return false;
	asm volatile("mov %%rsp, %0" : "=r"(rsp));
	int3_rsp = rsp;
	int3_ip = regs->ip;
	int3_hits++;
	return true; /* int3 is a trap: ip is already past it, so returning resumes */
}

KTEST(traps_int3_caught_and_resumed)
{
	static bool registered;
	u64 lo, hi, after;

	if (!registered) {
		KT_ASSERT(trap_register_handler(X86_TRAP_BP, test_int3_handler) == 0, "register");
		registered = true;
	}
	int3_hits = 0;
	int3_expected = 1;
	asm volatile("int3\n\t"
		     "1: lea 1b(%%rip), %0"
		     : "=r"(after));
	int3_expected = 0;
	KT_ASSERT_EQ(int3_hits, 1);
	KT_ASSERT_EQ(int3_ip, after);
	ist_stack_bounds(IST_BREAKPOINT, &lo, &hi);
	KT_ASSERT(int3_rsp >= lo && int3_rsp < hi, "int3 did not run on its IST stack (rsp %#llx)",
		  int3_rsp);
}

KTEST(traps_invalid_opcode_caught)
{
	struct fault_catch fc;
	u64 ud_ip;

	asm volatile("lea 1f(%%rip), %0\n\t"
		     "jmp 2f\n"
		     "1: ud2\n"
		     "2:"
		     : "=r"(ud_ip));
	if (fault_catch_begin(&fc) == 0) {
		((void (*)(void))ud_ip)();
		fault_catch_end(&fc);
		KT_ASSERT(0, "ud2 did not fault");
	}
	KT_ASSERT_EQ(fc.vector, X86_TRAP_UD);
	KT_ASSERT_EQ(fc.ip, ud_ip);
}

KTEST(traps_divide_error_caught)
{
	struct fault_catch fc;
	volatile u64 zero = 0;
	volatile u64 result = 0;

	if (fault_catch_begin(&fc) == 0) {
		u64 q;

		asm volatile("xor %%edx, %%edx\n\tdivq %2" : "=a"(q) : "a"(100ull), "r"(zero) : "rdx");
		result = q;
		fault_catch_end(&fc);
		KT_ASSERT(0, "division by zero did not fault (%llu)", result);
	}
	KT_ASSERT_EQ(fc.vector, X86_TRAP_DE);
}

/* Read *addr; -EFAULT instead of a crash when it faults, through an exception-table entry. */
static int read_with_fixup(const u64 *addr, u64 *val)
{
	int err = 0;
	u64 v = 0;

	asm volatile("1: movq (%2), %1\n"
		     "2:\n"
		     ".pushsection .text.fixup, \"ax\"\n"
		     "3: movl %3, %0\n"
		     "   jmp 2b\n"
		     ".popsection\n" _ASM_EXTABLE(1b, 3b)
		     : "+r"(err), "+r"(v)
		     : "r"(addr), "i"(-EFAULT));
	*val = v;
	return err;
}

KTEST(traps_exception_table_fixup)
{
	u64 good = 77, v;

	KT_ASSERT(read_with_fixup(&good, &v) == 0 && v == 77, "good read failed");
	KT_ASSERT(read_with_fixup((const u64 *)0x10, &v) == -EFAULT, "bad read not fixed up");
	KT_ASSERT(read_with_fixup((const u64 *)0xdead000000000000ull, &v) == -EFAULT,
		  "non-canonical read not fixed up");
	KT_ASSERT(search_exception_tables((u64)read_with_fixup) == 0, "spurious table entry");
}

KTEST(traps_register_handler_bad_vector)
{
	KT_ASSERT(trap_register_handler(-1, test_int3_handler) == -EINVAL, "vector -1 accepted");
	KT_ASSERT(trap_register_handler(40, test_int3_handler) == -EINVAL, "vector 40 accepted");
}
