/*
 * kernel/main.c - the boot order, from boot/boot.S's call to kmain to the prompt.
 *
 *   console (serial, VGA) -> boot information -> GDT/TSS and IDT -> command line
 *   -> physical frames -> the kernel's page tables (W^X) -> interrupt controller and timer
 *   -> banner -> ktest run (ktest=...) or the prompt
 *
 * Read next: kernel/arch/x86/trap.c (what happens on an exception), kernel/mm/.
 */
#include "kernel/printk.h"
#include "kernel/multiboot.h"
#include "kernel/cmdline.h"
#include "kernel/ktest.h"
#include "kernel/time.h"
#include "kernel/mm/mm.h"
#include "kernel/arch/x86/cpu.h"
#include "kernel/arch/x86/gdt.h"
#include "kernel/arch/x86/trap.h"
#include "drivers/serial.h"
#include "drivers/vga.h"
#include "drivers/pic.h"
#include "drivers/qemu_exit.h"

void monitor_loop(void) __noreturn;
void lkdtm_run(void);

static void timer_irq(int irq, struct pt_regs *regs)
{
	timer_tick();
}

static void serial_rx_irq(int irq, struct pt_regs *regs)
{
	serial_irq();
}

static void banner(void)
{
	printk("glass: an x86-64 kernel with an eBPF tracing path\n");
	printk("boot loader: %s\n", boot_info.bootloader);
	printk("command line: %s\n", boot_info.cmdline);
	printk("memory map:\n");
	for (int i = 0; i < boot_info.nr_mmap; i++) {
		const struct mb_mmap_entry *e = &boot_info.mmap[i];

		printk("  [mem %#018llx-%#018llx] %s\n", e->base, e->base + e->len - 1,
		       mb_mem_type_name(e->type));
	}
	printk("memory: %llu KiB usable, %llu KiB free\n", frame_total_count() * 4,
	       frame_free_count() * 4);
	printk("timer: %d Hz (PIT), TSC %llu.%03llu MHz\n", HZ, tsc_khz / 1000, tsc_khz % 1000);
}

void kmain(u32 magic, u64 info)
{
	serial_init();
	multiboot_parse(magic, info);
	vga_init();
	gdt_init();
	trap_init();
	cmdline_parse(boot_info.cmdline);
	frame_init(&boot_info);
	vmm_init();
	pic_init();
	time_init();
	trap_register_irq(IRQ_TIMER, timer_irq);
	trap_register_irq(IRQ_COM1, serial_rx_irq);
	sti();
	banner();
	lkdtm_run();

	if (ktest_cmdline_pattern) {
		int passed;
		int failed = ktest_run(ktest_cmdline_pattern, &passed);

		qemu_exit(failed == 0 ? QEMU_EXIT_PASS : QEMU_EXIT_FAIL);
	}
	monitor_loop();
}
