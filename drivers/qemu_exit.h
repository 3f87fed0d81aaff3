/*
 * drivers/qemu_exit.h - end the QEMU run with a status, through the isa-debug-exit device
 * (-device isa-debug-exit,iobase=0xf4,iosize=0x04). QEMU exits with (value << 1) | 1, so
 * QEMU_EXIT_PASS gives status 1 and QEMU_EXIT_FAIL status 3. Without the device, it halts.
 */
#ifndef DRIVERS_QEMU_EXIT_H
#define DRIVERS_QEMU_EXIT_H

#include "kernel/types.h"

#define QEMU_EXIT_PASS 0
#define QEMU_EXIT_FAIL 1

void qemu_exit(u32 value) __noreturn;

#endif
