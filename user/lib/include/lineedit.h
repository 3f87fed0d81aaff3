/*
 * lineedit.h - a line editor for a console that does not edit (lib/lineedit.c).
 */
#ifndef _LINEEDIT_H
#define _LINEEDIT_H

#include <stddef.h>

/* Print prompt on out, read a line from in byte by byte, echoing and editing it. Returns its
 * length (the line is in buf, NUL-terminated, without the newline), 0 for a line dropped with
 * Ctrl-C, or -1 at the end of input (Ctrl-D on an empty line, or read() returning 0 or -1). */
int lineedit_read(int in, int out, const char *prompt, char *buf, size_t size);

/* Remember a line for the up and down arrows (empty lines and repeats are skipped). */
void lineedit_history_add(const char *line);

#endif /* _LINEEDIT_H */
