/*
 * kernel/main.c - the boot order, from boot/boot.S's call to kmain to the prompt.
 *
 *   console (serial, VGA) -> boot information -> GDT/TSS and IDT -> command line
 *   -> physical frames -> the kernel's page tables (W^X) -> interrupt controller and timer
 *   -> tasks, system calls, SMEP/SMAP, kprobes -> file systems (initrd, /dev, /proc, tracefs)
 *   -> banner
 *   -> ktest run (ktest=...), or the first process (init=, default /bin/sh) and the idle loop;
 *      without one, the kernel prompt
 *
 * Read next: kernel/arch/x86/trap.c (what happens on an exception), kernel/mm/.
 */
#include "kernel/printk.h"
#include "kernel/multiboot.h"
#include "kernel/cmdline.h"
#include "kernel/ktest.h"
#include "kernel/time.h"
#include "kernel/syscall.h"
#include "kernel/uaccess.h"
#include "kernel/mm/mm.h"
#include "kernel/fs/vfs.h"
#include "kernel/proc/task.h"
#include "kernel/lib/string.h"
#include "kernel/trace/events/irq.h"
#include "kernel/trace/trace_event.h"
#include "kernel/trace/syscall_events.h"
#include "kernel/trace/tracefs.h"
#include "kernel/trace/perf_event.h"
#include "kernel/trace/kprobes.h"
#include "kernel/trace/trace_kprobe.h"
#include "kernel/arch/x86/cpu.h"
#include "kernel/arch/x86/gdt.h"
#include "kernel/arch/x86/trap.h"
#include "drivers/serial.h"
#include "drivers/vga.h"
#include "drivers/pic.h"
#include "drivers/qemu_exit.h"

void monitor_loop(void) __noreturn;
void lkdtm_run(void);

extern int console_input_wait;

static char init_path[64] = "/bin/sh";

static int set_init(const char *value)
{
	if (value[0] != '/' || strlen(value) >= sizeof(init_path))
		return -EINVAL;
	strlcpy(init_path, value, sizeof(init_path));
	return 0;
}
__setup("init=", set_init);

static void timer_irq(int irq, struct pt_regs *regs)
{
	timer_tick();
	trace_tick(jiffies);
	sched_tick(regs);
}

static void serial_rx_irq(int irq, struct pt_regs *regs)
{
	serial_irq();
	wakeup(&console_input_wait);
}

/* SMEP: the kernel never executes user pages; SMAP: it reads them only in uaccess.c. */
static void enable_smep_smap(void)
{
	u32 a, b, c, d;

	cpuid(0, 0, &a, &b, &c, &d);
	if (a < 7)
		return;
	cpuid(7, 0, &a, &b, &c, &d);
	if (b & (1u << 7))
		write_cr4(read_cr4() | CR4_SMEP);
	if (b & (1u << 20)) {
		write_cr4(read_cr4() | CR4_SMAP);
		smap_enabled = true;
	}
	printk("cpu: SMEP %s, SMAP %s\n", (b & (1u << 7)) ? "on" : "not available",
	       (b & (1u << 20)) ? "on" : "not available");
}

static void mount_filesystems(void)
{
	vfs_init();
	for (int i = 0; i < boot_info.nr_modules; i++) {
		const struct mb_module *m = &boot_info.modules[i];

		if (initrd_unpack(phys_to_virt(m->start), m->end - m->start))
			printk(KERN_ERR "initrd: module %d (%s) is not a valid cpio archive\n", i,
			       m->cmdline);
	}
	devfs_init();
	procfs_init();
	trace_events_init();
	syscall_events_init();
	tracefs_init();
	perf_event_init();
	trace_kprobe_init();
	trace_bench_init();
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
	trap_register_irq(IRQ_TIMER, timer_irq, "timer");
	trap_register_irq(IRQ_COM1, serial_rx_irq, "serial");
	task_init();
	syscall_init();
	enable_smep_smap();
	kprobes_init(); /* its #BP handler goes first: a probe hit must not run other code first */
	task_register_fault_handlers();
	mount_filesystems();
	sti();
	banner();
	lkdtm_run();

	if (ktest_cmdline_pattern) {
		int passed;
		int failed = ktest_run(ktest_cmdline_pattern, &passed);

		qemu_exit(failed == 0 ? QEMU_EXIT_PASS : QEMU_EXIT_FAIL);
	}
	{
		const char *argv[] = { init_path, NULL };
		int err = task_start_init(init_path, argv);

		if (!err)
			cpu_idle();
		printk(KERN_WARNING "init: cannot start %s (error %d); kernel prompt instead\n",
		       init_path, err);
	}
	monitor_loop();
}
