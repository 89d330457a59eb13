/*
 * ui-edit.c - the inline line editor: keys to lineedit calls, and drawing
 * with sideways scrolling.  See ui-edit.h.
 */
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "ui-edit.h"

#define CTRL(c) ((c) & 0x1f)

void
ui_edit_close(struct ui_edit *e)
{
	lineedit_free(&e->line);
	memset(e, 0, sizeof *e);
}

void
ui_edit_open(struct ui_edit *e, const char *utf8, size_t max)
{
	ui_edit_close(e);
	lineedit_set(&e->line, utf8, max);
	e->open = true;
}

char *
ui_edit_utf8(const struct ui_edit *e)
{
	return lineedit_utf8(&e->line);
}

enum ui_edit_result
ui_edit_key(struct ui_edit *e, wint_t ch, bool is_key)
{
	struct ml_line *l = &e->line;

	if (is_key) {
		switch (ch) {
		case KEY_LEFT: lineedit_move(l, -1); break;
		case KEY_RIGHT: lineedit_move(l, 1); break;
		case KEY_HOME: lineedit_home(l); break;
		case KEY_END: lineedit_end(l); break;
		case KEY_BACKSPACE: lineedit_backspace(l); break;
		case KEY_DC: lineedit_delete(l); break;
		case KEY_ENTER: return UI_EDIT_DONE;
		default: break;
		}
		return UI_EDIT_MORE;
	}
	switch (ch) {
	case L'\r': case L'\n': return UI_EDIT_DONE;
	case 27: return UI_EDIT_CANCEL;
	case CTRL('a'): lineedit_home(l); break;
	case CTRL('e'): lineedit_end(l); break;
	case CTRL('b'): lineedit_move(l, -1); break;
	case CTRL('f'): lineedit_move(l, 1); break;
	case CTRL('u'): lineedit_kill_start(l); break;
	case CTRL('k'): lineedit_kill_end(l); break;
	case CTRL('h'): case 127: lineedit_backspace(l); break;
	case L'\t': lineedit_insert(l, L' '); break;
	default:
		if (!lineedit_insert(l, (wchar_t)ch) && ch >= 0x20 && ch != 0x7f)
			beep();		/* the field is full */
		break;
	}
	return UI_EDIT_MORE;
}

size_t
ui_edit_paste(struct ui_edit *e, const wchar_t *text, size_t n,
    bool (*accept)(wchar_t c))
{
	size_t dropped = 0;

	for (size_t i = 0; i < n; i++) {
		wchar_t c = text[i];

		if (c == L'\r' || c == L'\n') {
			/* CR LF is one line break: one space. */
			if (c == L'\r' && i + 1 < n && text[i + 1] == L'\n')
				i++;
			c = L' ';
		} else if (c == L'\t') {
			c = L' ';
		}
		if ((accept != NULL && !accept(c)) ||
		    !lineedit_insert(&e->line, c))
			dropped++;
	}
	return dropped;
}

/*
 * Columns of @c on screen, from text.c's table like every other width.
 * What the output gate would escape (controls, C1, bidi controls, a BOM)
 * is drawn as one '?': a value loaded from a file may hold them, and none
 * may reach the terminal.
 */
static int
char_width(wchar_t c, wchar_t *shown)
{
	int w = text_cp_width((unsigned long)c);

	*shown = w > 2 ? L'?' : c;	/* wider than 2: an escape */
	return w > 2 ? 1 : w;
}

void
ui_edit_draw(struct ui_edit *e, WINDOW *win, int y, int x, int width,
    int *cursor_x)
{
	const struct ml_line *l = &e->line;
	int used = 0, avail;
	size_t i;

	*cursor_x = x;
	if (width < 4)
		return;
	/* Scroll so the cursor fits, keeping a column for the '<' mark and
	 * one for the cursor past the end. */
	if (l->pos < e->first)
		e->first = l->pos;
	for (;;) {
		int w = e->first > 0 ? 1 : 0;

		for (i = e->first; i < l->pos; i++)
			w += char_width(l->text[i], &(wchar_t){ 0 });
		if (w < width - 1 || e->first >= l->pos)
			break;
		e->first++;
	}
	mvwhline(win, y, x, ' ', width);
	if (e->first > 0) {
		mvwaddch(win, y, x, '<');
		used = 1;
	}
	avail = width - 1;	/* the last column: '>' or the cursor */
	for (i = e->first; i < l->len; i++) {
		wchar_t c;
		int w = char_width(l->text[i], &c);

		if (used + w > avail)
			break;
		if (i == l->pos)
			*cursor_x = x + used;
		mvwaddnwstr(win, y, x + used, &c, 1);
		used += w;
	}
	if (i < l->len)
		mvwaddch(win, y, x + width - 1, '>');
	if (l->pos >= i)
		*cursor_x = x + used;
}

void
ui_edit_field_key(struct ui_edit *e, wint_t ch, bool is_key, char **val,
    int *field, int nfields)
{
	switch (ui_edit_key(e, ch, is_key)) {
	case UI_EDIT_DONE:
		free(*val);
		*val = ui_edit_utf8(e);
		ui_edit_close(e);
		if (*field < nfields - 1)
			(*field)++;
		break;
	case UI_EDIT_CANCEL:
		ui_edit_close(e);	/* the value is kept */
		break;
	case UI_EDIT_MORE:
		break;
	}
}

void
ui_edit_field_move(int *field, bool up, int nfields)
{
	*field += up ? -1 : 1;
	*field = *field < 0 ? 0 : *field >= nfields ? nfields - 1 : *field;
}
