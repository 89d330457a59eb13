/*
 * ui-edit.h - the inline line editor of the screens: keys and drawing
 * around a struct ml_line (lineedit.h, which holds the text and edits).
 *
 * The editor never saves anything: the screen that opened it decides what
 * Enter and Esc mean, and its flush hook saves an open editor on SIGHUP,
 * SIGTERM and Ctrl-C.
 *
 * Keys: Left/Right (Ctrl-B/Ctrl-F), Home/End (Ctrl-A/Ctrl-E), Backspace,
 * Delete, Ctrl-U (delete to the start), Ctrl-K (delete to the end), Esc
 * (cancel), Enter (keep).  Every other printable character is text, 'q'
 * and digits included; Tab types a space.  A line longer than its window
 * scrolls sideways, with '<' and '>' showing there is more.
 *
 * A bracketed paste (the frame reads it whole, ui.c) arrives through
 * ui_edit_paste(): it is text, never keys, so a pasted Enter, Esc or 'q'
 * cannot save, cancel or quit.  The editor holds one line: each line
 * break in a paste (CR, LF or CR LF) becomes one space, as does a tab.
 */
#ifndef ML_UI_EDIT_H
#define ML_UI_EDIT_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>

#include "lineedit.h"

struct ui_edit {
	struct ml_line line;	/* owned */
	size_t first;		/* first character shown (sideways scroll) */
	bool open;
};

enum ui_edit_result {
	UI_EDIT_MORE,		/* key used (or ignored); keep editing */
	UI_EDIT_DONE,		/* Enter: keep the text */
	UI_EDIT_CANCEL		/* Esc: drop the text */
};

/* Open @e on UTF-8 @utf8 with the cursor at the end, accepting at most
 * @max characters (0 = no limit).  Frees what @e held. */
void ui_edit_open(struct ui_edit *e, const char *utf8, size_t max);
/* Close @e and free its text.  Safe on a zeroed or closed editor. */
void ui_edit_close(struct ui_edit *e);
/* Handle one key (as from wget_wch). */
enum ui_edit_result ui_edit_key(struct ui_edit *e, wint_t ch, bool is_key);
/*
 * The form fields' editor: give it @ch.  Enter replaces *@val (freed) with
 * the text and moves *@field to the next of @nfields; Esc closes it and
 * keeps *@val.  Every form (plan, procedures) edits a field this way.
 */
void ui_edit_field_key(struct ui_edit *e, wint_t ch, bool is_key, char **val,
    int *field, int nfields);
/* Up/Down (@up) moves *@field, kept within 0..@nfields-1. */
void ui_edit_field_move(int *field, bool up, int nfields);
/*
 * Insert @n characters of pasted @text at the cursor: line breaks and tabs
 * become spaces, other control characters are dropped, and what does not
 * fit the field's maximum is dropped too.  If @accept is not NULL, only the
 * characters it returns true for are kept (digits for a score).  Returns
 * the number of characters dropped.
 */
size_t ui_edit_paste(struct ui_edit *e, const wchar_t *text, size_t n,
    bool (*accept)(wchar_t c));
/* The text as a new UTF-8 string.  Caller frees. */
char *ui_edit_utf8(const struct ui_edit *e);
/*
 * Draw the text into @win at (y, x), @width columns, scrolling so the
 * cursor is visible; the rest of the width is blanked.  *cursor_x receives
 * the column of the cursor.
 */
void ui_edit_draw(struct ui_edit *e, WINDOW *win, int y, int x, int width,
    int *cursor_x);

#endif
