/*
 * text.h - display width, cutting, word wrap and the output gate for UTF-8
 * text; no curses, no locale.
 *
 * Everything mendlog prints that came from a file or the user (notes,
 * names, alert messages, values echoed in errors) may hold bytes that move
 * the cursor, clear the screen or reverse the text.  The gate turns each
 * such thing into visible, inert ASCII:
 *
 *   C0 controls and DEL      \x1B   (tab, and CR/LF on one line, a space)
 *   invalid UTF-8 bytes      \xE9   (one escape per byte)
 *   a byte order mark        \xEF\xBB\xBF
 *   C1 controls              <U+009B>
 *   bidi controls            <U+202E>  (U+200E/F, U+061C, U+202A-E, U+2066-9)
 *
 * Width is counted on that gated form, by a small built-in table (East
 * Asian wide and combining marks) rather than the C library's wcwidth():
 * the CLI runs in whatever locale the shell has (often "C", where wcwidth
 * knows nothing), and unit tests must give one answer on every machine.
 * The table covers what a diary holds (Latin, Greek, Cyrillic, CJK, emoji);
 * a rare mark it misses is drawn one column wide.
 *
 * A cut never splits a character or an escape.  Widths are columns (int);
 * a negative @cols means "no limit".
 */
#ifndef ML_TEXT_H
#define ML_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include "mendlog.h"

enum {
	TEXT_ELLIPSIS = 1 << 0,	/* end a cut text with "..." (within @cols) */
	TEXT_NEWLINES = 1 << 1,	/* keep LF as a line break (else a space) */
};

/*
 * Strict UTF-8 (RFC 3629): the sequence at @s decoded into *cp; its length
 * (1-4), or 0 for a byte that does not start a valid sequence: a stray
 * continuation byte, a truncated sequence, an overlong form (C0 80,
 * E0 80 80, F0 80 80 80), a surrogate (ED A0 80-ED BF BF, so CESU-8 too)
 * or a code point above U+10FFFF.  The NUL at the end decodes to 0 with
 * length 1.  The one decoder behind the gate and the files' validator.
 */
size_t text_utf8_decode(const char *s, unsigned long *cp);
/* Whether all of @s is strict UTF-8 as above. */
bool text_utf8_valid(const char *s);

/* Columns @s takes once gated. */
int text_width(const char *s);
/* Columns of one code point: 0 (combining), 1 or 2.  For a control or
 * bidi code point, the width of its escape. */
int text_cp_width(unsigned long cp);

/* Bytes of the longest start of @s whose gated form fits @cols columns;
 * *width (may be NULL) receives its width. */
size_t text_fit(const char *s, int cols, int *width);

/*
 * @s gated into @buf (@size bytes, always NUL-terminated when @size > 0),
 * cut to @cols columns and to what @buf holds.  Returns the columns used.
 */
int text_safe(char *buf, size_t size, const char *s, int cols,
    unsigned flags);
/* text_safe() cut to @cols columns and padded with spaces to exactly
 * @cols: a table cell (printf's "%-26s" pads by bytes). */
void text_cell(char *buf, size_t size, const char *s, int cols);
/* @s gated whole (as far as @buf holds) and padded with spaces to at
 * least @cols columns: a table cell that must never be cut (an id the
 * user types back, a list of times). */
void text_pad(char *buf, size_t size, const char *s, int cols);
/* text_safe() into a new string of the right size.  Caller frees. */
char *text_safe_dup(const char *s, int cols, unsigned flags);
/* Write @s gated, cut to @cols, to @fp.  0, or EOF on a write error. */
int text_fputs(const char *s, int cols, unsigned flags, FILE *fp);

/*
 * Word-wrap @s into lines of at most @cols columns (gated widths): breaks
 * at the last space that fits, inside a word only when one word is wider
 * than @cols, and at every LF.  Spaces at the start of a line are skipped.
 * @line (may be NULL, to count) gets each line as a byte range of @s,
 * to be printed through the gate.  Returns the number of lines.
 */
typedef void text_line_fn(void *ctx, size_t index, const char *start,
    size_t len);
size_t text_wrap(const char *s, int cols, text_line_fn *line, void *ctx);

/*
 * "mendlog: FILE:LINE: field: reason@suffix" and a newline on @fp, the
 * message through the output gate (it may quote a file).  The one printer
 * of errors for every front end, before and outside the screen.
 */
void text_print_error(FILE *fp, const struct ml_error *err, const char *suffix);

#endif
