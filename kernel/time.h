/*
 * kernel/time.h - time since boot: the timer tick count (jiffies, HZ per second) and a
 * nanosecond clock from the TSC, calibrated against the PIT at boot.
 */
#ifndef KERNEL_TIME_H
#define KERNEL_TIME_H

#include "kernel/types.h"

#define HZ 1000

extern volatile u64 jiffies;
extern u64 tsc_khz; /* TSC frequency in kHz; 0 until calibrated */

/* Nanoseconds since boot (0 until the TSC is calibrated). Any context. */
u64 ktime_get_ns(void);
/* Convert TSC cycles to nanoseconds. */
u64 tsc_cycles_to_ns(u64 cycles);

/* Calibrate the TSC with PIT channel 2, then start the periodic tick on channel 0. */
void time_init(void);
/* The tick: called from IRQ 0. */
void timer_tick(void);
/* Busy-wait for about us microseconds (TSC). */
void udelay(u64 us);

#endif
