/*
 * lineedit.h - the text of a one-line editor, without any terminal: a
 * buffer of wide characters (UCS-4, as wchar_t is on every platform
 * mendlog builds on), a cursor, and the edits the inline editor offers.
 * UTF-8 goes in and out by hand, so the diary stays UTF-8 whatever the
 * locale.  The screen's ui-edit.c maps keys to these calls and draws.
 *
 * A struct ml_line owns its text; lineedit_free() releases it.  Positions
 * count characters, not bytes.
 */
#ifndef ML_LINEEDIT_H
#define ML_LINEEDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

struct ml_line {
	wchar_t *text;		/* owned; NUL-terminated */
	size_t len, cap;
	size_t pos;		/* cursor: 0..len */
	size_t max;		/* most characters accepted; 0 = no limit */
};

/* Replace the text with UTF-8 @utf8 (invalid bytes become U+FFFD); the
 * cursor goes to the end. */
void lineedit_set(struct ml_line *l, const char *utf8, size_t max);
/* Free the text; the line is empty again.  Safe on a zeroed line. */
void lineedit_free(struct ml_line *l);
/* The text as a new UTF-8 string.  Caller frees. */
char *lineedit_utf8(const struct ml_line *l);

/* Insert @c at the cursor.  False (nothing changed) when the line is full
 * or @c is a control character. */
bool lineedit_insert(struct ml_line *l, wchar_t c);
/* Delete the character before / under the cursor. */
void lineedit_backspace(struct ml_line *l);
void lineedit_delete(struct ml_line *l);
/* Delete from the start to the cursor (Ctrl-U) / from the cursor to the
 * end (Ctrl-K). */
void lineedit_kill_start(struct ml_line *l);
void lineedit_kill_end(struct ml_line *l);
/* Move the cursor by @delta characters, clamped to the text. */
void lineedit_move(struct ml_line *l, long delta);
void lineedit_home(struct ml_line *l);
void lineedit_end(struct ml_line *l);

/* UTF-8 <-> wide.  Both return new strings (caller frees); *len (may be
 * NULL) receives the number of characters decoded. */
wchar_t *ml_utf8_to_wide(const char *s, size_t *len);
char *ml_wide_to_utf8(const wchar_t *w, size_t len);

#endif
