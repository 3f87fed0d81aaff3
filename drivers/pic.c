/*
 * drivers/pic.c - the legacy 8259 pair. They start mapped over the CPU exception vectors, so the
 * initialization words move IRQ 0-7 to vectors 32-39 and IRQ 8-15 to 40-47; every line starts
 * masked and drivers unmask the ones they handle.
 */
#include "drivers/pic.h"
#include "kernel/arch/x86/cpu.h"

#define PIC1_CMD 0x20
#define PIC1_DATA 0x21
#define PIC2_CMD 0xa0
#define PIC2_DATA 0xa1

static u16 mask = 0xffff;

void pic_init(void)
{
	outb(PIC1_CMD, 0x11); /* ICW1: initialize, ICW4 follows */
	outb(PIC2_CMD, 0x11);
	outb(PIC1_DATA, IRQ_BASE);     /* ICW2: vector base */
	outb(PIC2_DATA, IRQ_BASE + 8);
	outb(PIC1_DATA, 0x04); /* ICW3: slave on IRQ 2 */
	outb(PIC2_DATA, 0x02);
	outb(PIC1_DATA, 0x01); /* ICW4: 8086 mode */
	outb(PIC2_DATA, 0x01);
	mask = 0xffff & ~(1 << 2); /* the cascade line stays open */
	outb(PIC1_DATA, mask & 0xff);
	outb(PIC2_DATA, mask >> 8);
}

void pic_unmask(int irq)
{
	mask &= ~(1 << irq);
	outb(PIC1_DATA, mask & 0xff);
	outb(PIC2_DATA, mask >> 8);
}

void pic_eoi(int irq)
{
	if (irq >= 8)
		outb(PIC2_CMD, 0x20);
	outb(PIC1_CMD, 0x20);
}
