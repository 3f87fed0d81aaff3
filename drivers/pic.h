/*
 * drivers/pic.h - the two 8259 interrupt controllers, remapped to vectors 32-47.
 */
#ifndef DRIVERS_PIC_H
#define DRIVERS_PIC_H

#include "kernel/types.h"

#define IRQ_BASE 32
#define IRQ_TIMER 0
#define IRQ_COM1 4

void pic_init(void);
void pic_unmask(int irq);
void pic_eoi(int irq);

#endif
