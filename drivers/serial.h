/*
 * drivers/serial.h - the 16550 UART on COM1, the system console.
 */
#ifndef DRIVERS_SERIAL_H
#define DRIVERS_SERIAL_H

#include "kernel/types.h"

/* Program COM1 for 115200 8N1 with FIFOs and the receive interrupt. */
void serial_init(void);
/* Write bytes, translating "\n" to "\r\n"; polls the transmitter, safe anywhere. */
void serial_write(const char *s, size_t len);
/* Next received byte, or -1 if none is waiting. Interrupts fill the queue; this never blocks. */
int serial_getc(void);
/* Interrupt handler for IRQ 4: move received bytes into the input queue. */
void serial_irq(void);

#endif
