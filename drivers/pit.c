/*
 * drivers/pit.c - the 8253/8254 programmable interval timer: a periodic tick and TSC calibration.
 *
 * Channel 2 (gated by port 0x61) runs once for 10 ms while the TSC counts; that gives the TSC
 * frequency, which ktime_get_ns uses from then on. Channel 0 then ticks HZ times a second on
 * IRQ 0. Both count a 1.193182 MHz input clock down.
 */
#include "kernel/time.h"
#include "kernel/printk.h"
#include "kernel/arch/x86/cpu.h"

#define PIT_HZ 1193182
#define PIT_CH0 0x40
#define PIT_CH2 0x42
#define PIT_CMD 0x43
#define PORT_B 0x61 /* bit 0: channel 2 gate, bit 5: channel 2 output */

volatile u64 jiffies;
u64 tsc_khz;
static u64 tsc_at_boot;

static u64 calibrate_once(void)
{
	u16 count = PIT_HZ / 100; /* 10 ms */
	u64 t0, t1;

	outb(PORT_B, (inb(PORT_B) & ~0x02) | 0x01); /* gate on, speaker off */
	outb(PIT_CMD, 0xb0);                         /* channel 2, lobyte/hibyte, mode 0 */
	outb(PIT_CH2, count & 0xff);
	outb(PIT_CH2, count >> 8);
	t0 = rdtsc();
	while (!(inb(PORT_B) & 0x20))
		;
	t1 = rdtsc();
	return (t1 - t0) / 10; /* cycles per millisecond = kHz */
}

void time_init(void)
{
	u64 best = ~0ull;
	u16 divisor = PIT_HZ / HZ;

	tsc_at_boot = rdtsc();
	/* The smallest of a few runs is the one least disturbed by the emulator. */
	for (int i = 0; i < 3; i++) {
		u64 khz = calibrate_once();

		if (khz && khz < best)
			best = khz;
	}
	tsc_khz = best;

	outb(PIT_CMD, 0x34); /* channel 0, lobyte/hibyte, mode 2 (rate generator) */
	outb(PIT_CH0, divisor & 0xff);
	outb(PIT_CH0, divisor >> 8);
}

u64 tsc_cycles_to_ns(u64 cycles)
{
	if (!tsc_khz)
		return 0;
	/* cycles * 1e6 / khz without overflowing for years of uptime */
	return cycles / tsc_khz * 1000000ull + (cycles % tsc_khz) * 1000000ull / tsc_khz;
}

u64 ktime_get_ns(void)
{
	return tsc_cycles_to_ns(rdtsc() - tsc_at_boot);
}

void timer_tick(void)
{
	jiffies++;
}

void udelay(u64 us)
{
	u64 end = rdtsc() + us * tsc_khz / 1000;

	while (rdtsc() < end)
		asm volatile("pause");
}
