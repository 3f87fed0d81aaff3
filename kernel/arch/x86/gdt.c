/*
 * kernel/arch/x86/gdt.c - the GDT and the TSS.
 *
 * Long mode ignores segment bases and limits, but a GDT is still needed for the privilege levels
 * of code and data, and for the TSS, which holds the stack pointers the CPU loads on an interrupt:
 * rsp0 (entry from ring 3) and the seven IST stacks. Four exceptions get IST stacks of their own,
 * so they run on a known-good stack even when the current one is broken (double fault) or when
 * they can arrive at any instruction (NMI, debug, breakpoint):
 *
 *   0x00 null   0x08 kernel code   0x10 kernel data   0x18 (unused 32-bit user code)
 *   0x20 user data   0x28 user code   0x30 TSS (two slots)
 * The user entries are laid out for sysret, which derives both selectors from STAR.
 */
#include "kernel/arch/x86/gdt.h"
#include "kernel/lib/string.h"
#include "kernel/trace/kprobes.h"

struct tss {
	u32 reserved0;
	u64 rsp[3];
	u64 reserved1;
	u64 ist[7];
	u64 reserved2;
	u16 reserved3;
	u16 iomap_base;
} __packed;

static struct tss tss;
static u8 ist_stacks[4][IST_STACK_SIZE] __aligned(16);
static u64 gdt[8];

struct gdt_ptr {
	u16 limit;
	u64 base;
} __packed;

void gdt_init(void)
{
	u64 base = (u64)&tss;
	u64 limit = sizeof(tss) - 1;
	struct gdt_ptr ptr = { sizeof(gdt) - 1, (u64)gdt };

	gdt[0] = 0;
	gdt[1] = 0x00af9a000000ffffull; /* kernel code: present, DPL 0, L=1 */
	gdt[2] = 0x00cf92000000ffffull; /* kernel data */
	gdt[3] = 0x00cffa000000ffffull; /* user 32-bit code (placeholder for the STAR layout) */
	gdt[4] = 0x00cff2000000ffffull; /* user data: DPL 3 */
	gdt[5] = 0x00affa000000ffffull; /* user code: DPL 3, L=1 */
	/* TSS descriptor: type 0x9 (available 64-bit TSS), present */
	gdt[6] = (limit & 0xffff) | ((base & 0xffffff) << 16) | (0x89ull << 40) |
		 (((limit >> 16) & 0xf) << 48) | (((base >> 24) & 0xff) << 56);
	gdt[7] = base >> 32;

	for (int i = 0; i < 4; i++)
		tss.ist[i] = (u64)&ist_stacks[i][IST_STACK_SIZE];
	tss.iomap_base = sizeof(tss);

	asm volatile("lgdt %0\n\t"
		     "pushq %1\n\t"
		     "leaq 1f(%%rip), %%rax\n\t"
		     "pushq %%rax\n\t"
		     "lretq\n"
		     "1:\n\t"
		     "movw %w2, %%ds\n\t"
		     "movw %w2, %%es\n\t"
		     "movw %w2, %%ss\n\t"
		     "ltr %w3"
		     :
		     : "m"(ptr), "i"(KERNEL_CS), "r"(KERNEL_DS), "r"(TSS_SEL)
		     : "rax", "memory");
}

void tss_set_kernel_stack(u64 rsp0)
{
	tss.rsp[0] = rsp0;
}

void ist_stack_bounds(int n, u64 *lo, u64 *hi)
{
	*lo = (u64)&ist_stacks[n - 1][0];
	*hi = (u64)&ist_stacks[n - 1][IST_STACK_SIZE];
}

/*
 * The CPU always enters an IST vector at the top of its stack, even when that stack is already
 * in use: Linux, when #BP and #DB still ran on IST stacks, lowered the TSS pointer around its
 * handlers for that reason. The int3 path calls these before a probe handler runs.
 */
void ist_shift(int n, u64 bytes)
{
	tss.ist[n - 1] -= bytes;
}
NOKPROBE_SYMBOL(ist_shift);

void ist_unshift(int n, u64 bytes)
{
	tss.ist[n - 1] += bytes;
}
NOKPROBE_SYMBOL(ist_unshift);
