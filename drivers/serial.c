/*
 * drivers/serial.c - the 16550 UART at 0x3f8 (COM1): the console.
 *
 * Output polls the "transmit holding register empty" bit, so it works before interrupts exist
 * and inside any handler. Input arrives by IRQ 4 into a small ring buffer that serial_getc
 * drains; a reader that finds it empty can hlt until the next interrupt.
 */
#include "drivers/serial.h"
#include "kernel/arch/x86/cpu.h"

#define COM1 0x3f8
#define REG_DATA 0
#define REG_IER 1 /* interrupt enable */
#define REG_FCR 2 /* FIFO control */
#define REG_LCR 3 /* line control */
#define REG_MCR 4 /* modem control */
#define REG_LSR 5 /* line status */
#define LSR_DATA_READY 0x01
#define LSR_THR_EMPTY 0x20

static char rx_buf[1024];
static volatile unsigned int rx_head, rx_tail;

void serial_init(void)
{
	outb(COM1 + REG_IER, 0x00);
	outb(COM1 + REG_LCR, 0x80); /* DLAB: divisor follows */
	outb(COM1 + REG_DATA, 1);   /* 115200 baud */
	outb(COM1 + REG_IER, 0);
	outb(COM1 + REG_LCR, 0x03); /* 8 bits, no parity, one stop bit */
	outb(COM1 + REG_FCR, 0xc5); /* enable FIFOs, clear the transmit one, 14-byte threshold */
	outb(COM1 + REG_MCR, 0x0b); /* DTR, RTS, OUT2 (routes the IRQ) */
	outb(COM1 + REG_IER, 0x01); /* interrupt on received data */
}

static void put_raw(char c)
{
	while (!(inb(COM1 + REG_LSR) & LSR_THR_EMPTY))
		;
	outb(COM1 + REG_DATA, c);
}

void serial_write(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\n')
			put_raw('\r');
		put_raw(s[i]);
	}
}

void serial_irq(void)
{
	while (inb(COM1 + REG_LSR) & LSR_DATA_READY) {
		char c = inb(COM1 + REG_DATA);
		unsigned int next = (rx_head + 1) % sizeof(rx_buf);

		if (next != rx_tail) { /* full: drop the byte */
			rx_buf[rx_head] = c;
			rx_head = next;
		}
	}
}

int serial_getc(void)
{
	int c;

	if (rx_tail == rx_head) {
		/* An interrupt may have been missed while they were off: poll once. */
		u64 flags = irq_save();

		serial_irq();
		irq_restore(flags);
		if (rx_tail == rx_head)
			return -1;
	}
	c = (unsigned char)rx_buf[rx_tail];
	rx_tail = (rx_tail + 1) % sizeof(rx_buf);
	return c;
}
