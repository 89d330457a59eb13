/*
 * ui-edit.h - a one-line text editor for the screens (curses side).
 *
 * The text is held as wide characters (UCS-4, as wchar_t is on every
 * platform mendlog builds on) and converted to and from UTF-8 here, so the
 * file stays UTF-8 whatever the locale.  The editor never saves anything:
 * the screen that opened it decides what Enter and Esc mean.
 *
 * Keys: Left/Right, Home/End (also Ctrl-A/Ctrl-E), Backspace, Delete,
 * Ctrl-U (delete to the start), Ctrl-K (delete to the end), Esc (cancel),
 * Enter (keep).  Every other printable character is text, 'q' and digits
 * included.  A line longer than its window scrolls sideways.
 */
#ifndef ML_UI_EDIT_H
#define ML_UI_EDIT_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

struct ui_edit {
	wchar_t *text;		/* owned; NUL-terminated */
	size_t len, cap;
	size_t pos;		/* cursor, in characters */
	size_t first;		/* first character shown (sideways scroll) */
	size_t max;		/* most characters accepted; 0 = no limit */
	bool open;
};

enum ui_edit_result {
	UI_EDIT_MORE,		/* key used (or ignored); keep editing */
	UI_EDIT_DONE,		/* Enter: keep the text */
	UI_EDIT_CANCEL		/* Esc: drop the text */
};

/* Open @e on the UTF-8 text @utf8 (invalid bytes become U+FFFD) with the
 * cursor at the end.  Frees what @e held. */
void ui_edit_open(struct ui_edit *e, const char *utf8, size_t max);
/* Close @e and free its text.  Safe on a zeroed or closed editor. */
void ui_edit_close(struct ui_edit *e);
/* Handle one key (as from wget_wch). */
enum ui_edit_result ui_edit_key(struct ui_edit *e, wint_t ch, bool is_key);
/* The text as a new UTF-8 string.  Caller frees. */
char *ui_edit_utf8(const struct ui_edit *e);
/*
 * Draw the text into @win at (y, x), @width columns, scrolling so the
 * cursor is visible; the rest of the width is blanked.  *cursor_x receives
 * the column of the cursor.
 */
void ui_edit_draw(struct ui_edit *e, WINDOW *win, int y, int x, int width,
    int *cursor_x);

/* UTF-8 <-> wide helpers shared by the screens.  Both return new strings
 * (caller frees). */
wchar_t *ui_utf8_to_wide(const char *s, size_t *len);
char *ui_wide_to_utf8(const wchar_t *w, size_t len);

#endif
