/*
 * drivers/vga.c - the VGA text mirror of the console: 80x25 cells of (character, attribute) at
 * physical 0xb8000, reached through the direct map. Handles newline, carriage return, backspace
 * and scrolling; other control characters (escape sequences from the shell) are skipped.
 */
#include "drivers/vga.h"
#include "kernel/lib/string.h"
#include "kernel/mm/mm.h"
#include "kernel/arch/x86/cpu.h"

#define COLS 80
#define ROWS 25
#define ATTR 0x07 /* light grey on black */

static u16 *screen;
static int row, col;
static bool in_escape;

static void move_cursor(void)
{
	u16 pos = row * COLS + col;

	outb(0x3d4, 0x0f);
	outb(0x3d5, pos & 0xff);
	outb(0x3d4, 0x0e);
	outb(0x3d5, pos >> 8);
}

void vga_init(void)
{
	screen = phys_to_virt(0xb8000);
	for (int i = 0; i < COLS * ROWS; i++)
		screen[i] = ATTR << 8 | ' ';
	row = col = 0;
	move_cursor();
}

static void newline(void)
{
	col = 0;
	if (++row < ROWS)
		return;
	memmove(screen, screen + COLS, (ROWS - 1) * COLS * 2);
	for (int i = 0; i < COLS; i++)
		screen[(ROWS - 1) * COLS + i] = ATTR << 8 | ' ';
	row = ROWS - 1;
}

void vga_write(const char *s, size_t len)
{
	if (!screen)
		return;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];

		if (in_escape) { /* CSI sequences end with a letter */
			if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '~')
				in_escape = false;
			continue;
		}
		if (c == '\033') {
			in_escape = true;
		} else if (c == '\n') {
			newline();
		} else if (c == '\r') {
			col = 0;
		} else if (c == '\b') {
			if (col > 0)
				col--;
		} else if ((unsigned char)c >= ' ') {
			screen[row * COLS + col] = ATTR << 8 | (unsigned char)c;
			if (++col == COLS)
				newline();
		}
	}
	move_cursor();
}
