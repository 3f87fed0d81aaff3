/*
 * drivers/vga.h - the VGA text screen (80x25 at 0xb8000), a mirror of the console.
 */
#ifndef DRIVERS_VGA_H
#define DRIVERS_VGA_H

#include "kernel/types.h"

void vga_init(void);
void vga_write(const char *s, size_t len);

#endif
