/*
 * ui-edit.c - the inline line editor: wide-character text, UTF-8 in and
 * out, sideways scrolling.  See ui-edit.h.
 */
#include <stdlib.h>
#include <string.h>

#include "mendlog.h"
#include "ui-edit.h"

#define CTRL(c) ((c) & 0x1f)

/* Decode UTF-8 by hand: the file is UTF-8 even when the locale is not. */
wchar_t *
ui_utf8_to_wide(const char *s, size_t *len)
{
	size_t n = strlen(s), o = 0;
	wchar_t *w = xcalloc(n + 1, sizeof *w);
	const unsigned char *p = (const unsigned char *)s;

	while (*p) {
		unsigned long c = *p;
		int more = 0;

		if (c < 0x80)
			more = 0;
		else if ((c & 0xe0) == 0xc0)
			more = 1, c &= 0x1f;
		else if ((c & 0xf0) == 0xe0)
			more = 2, c &= 0x0f;
		else if ((c & 0xf8) == 0xf0)
			more = 3, c &= 0x07;
		else
			more = -1;
		p++;
		for (int i = 0; i < more; i++) {
			if ((*p & 0xc0) != 0x80) {
				more = -1;
				break;
			}
			c = (c << 6) | (*p++ & 0x3f);
		}
		if (more < 0 || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
			c = 0xfffd;
		w[o++] = (wchar_t)c;
	}
	w[o] = L'\0';
	if (len != NULL)
		*len = o;
	return w;
}

char *
ui_wide_to_utf8(const wchar_t *w, size_t len)
{
	char *s = xmalloc(len * 4 + 1), *o = s;

	for (size_t i = 0; i < len; i++) {
		unsigned long c = (unsigned long)w[i];

		if (c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
			c = 0xfffd;
		if (c < 0x80) {
			*o++ = (char)c;
		} else if (c < 0x800) {
			*o++ = (char)(0xc0 | (c >> 6));
			*o++ = (char)(0x80 | (c & 0x3f));
		} else if (c < 0x10000) {
			*o++ = (char)(0xe0 | (c >> 12));
			*o++ = (char)(0x80 | ((c >> 6) & 0x3f));
			*o++ = (char)(0x80 | (c & 0x3f));
		} else {
			*o++ = (char)(0xf0 | (c >> 18));
			*o++ = (char)(0x80 | ((c >> 12) & 0x3f));
			*o++ = (char)(0x80 | ((c >> 6) & 0x3f));
			*o++ = (char)(0x80 | (c & 0x3f));
		}
	}
	*o = '\0';
	return s;
}

void
ui_edit_close(struct ui_edit *e)
{
	free(e->text);
	memset(e, 0, sizeof *e);
}

void
ui_edit_open(struct ui_edit *e, const char *utf8, size_t max)
{
	ui_edit_close(e);
	e->text = ui_utf8_to_wide(utf8, &e->len);
	e->cap = e->len + 1;
	e->pos = e->len;
	e->max = max;
	e->open = true;
}

char *
ui_edit_utf8(const struct ui_edit *e)
{
	return ui_wide_to_utf8(e->text != NULL ? e->text : L"", e->len);
}

static void
insert(struct ui_edit *e, wchar_t c)
{
	if (e->max != 0 && e->len >= e->max) {
		beep();
		return;
	}
	if (e->len + 2 > e->cap) {
		e->cap = e->cap * 2 + 16;
		e->text = xreallocarray(e->text, e->cap, sizeof *e->text);
	}
	memmove(e->text + e->pos + 1, e->text + e->pos,
	    (e->len - e->pos + 1) * sizeof *e->text);
	e->text[e->pos++] = c;
	e->len++;
}

/* Delete the characters [from, to). */
static void
delete(struct ui_edit *e, size_t from, size_t to)
{
	if (from >= to)
		return;
	memmove(e->text + from, e->text + to, (e->len - to + 1) * sizeof *e->text);
	e->len -= to - from;
	e->pos = from;
}

enum ui_edit_result
ui_edit_key(struct ui_edit *e, wint_t ch, bool is_key)
{
	if (is_key) {
		switch (ch) {
		case KEY_LEFT: if (e->pos > 0) e->pos--; break;
		case KEY_RIGHT: if (e->pos < e->len) e->pos++; break;
		case KEY_HOME: e->pos = 0; break;
		case KEY_END: e->pos = e->len; break;
		case KEY_BACKSPACE:
			if (e->pos > 0)
				delete(e, e->pos - 1, e->pos);
			break;
		case KEY_DC:
			if (e->pos < e->len)
				delete(e, e->pos, e->pos + 1);
			break;
		case KEY_ENTER: return UI_EDIT_DONE;
		default: break;
		}
		return UI_EDIT_MORE;
	}
	switch (ch) {
	case L'\r': case L'\n': return UI_EDIT_DONE;
	case 27: return UI_EDIT_CANCEL;
	case CTRL('a'): e->pos = 0; return UI_EDIT_MORE;
	case CTRL('e'): e->pos = e->len; return UI_EDIT_MORE;
	case CTRL('b'): if (e->pos > 0) e->pos--; return UI_EDIT_MORE;
	case CTRL('f'): if (e->pos < e->len) e->pos++; return UI_EDIT_MORE;
	case CTRL('u'): delete(e, 0, e->pos); return UI_EDIT_MORE;
	case CTRL('k'): delete(e, e->pos, e->len); e->pos = e->len;
		return UI_EDIT_MORE;
	case CTRL('h'): case 127:
		if (e->pos > 0)
			delete(e, e->pos - 1, e->pos);
		return UI_EDIT_MORE;
	case L'\t':
		insert(e, L' ');
		return UI_EDIT_MORE;
	default:
		/* Control characters never reach the file. */
		if (ch < 0x20 || ch == 0x7f || (ch >= 0x80 && ch < 0xa0))
			return UI_EDIT_MORE;
		insert(e, (wchar_t)ch);
		return UI_EDIT_MORE;
	}
}

static int
char_width(wchar_t c)
{
	int w = wcwidth(c);

	return w < 0 ? 1 : w;
}

void
ui_edit_draw(struct ui_edit *e, WINDOW *win, int y, int x, int width,
    int *cursor_x)
{
	int used = 0;
	size_t i;

	if (width < 2)
		return;
	/* Scroll so the cursor sits inside the window, with one column to
	 * spare at the right for the cursor past the end. */
	if (e->pos < e->first)
		e->first = e->pos;
	for (;;) {
		int w = 0;

		for (i = e->first; i < e->pos; i++)
			w += char_width(e->text[i]);
		if (w < width - 1 || e->first >= e->pos)
			break;
		e->first++;
	}
	mvwhline(win, y, x, ' ', width);
	wmove(win, y, x);
	if (e->first > 0) {
		waddch(win, '<');
		used = 1;
	}
	*cursor_x = x;
	for (i = e->first; i < e->len; i++) {
		wchar_t c = e->text[i];
		int w = wcwidth(c);

		if (i == e->pos)
			*cursor_x = x + used;
		if (w < 0) {
			c = L'?';
			w = 1;
		}
		if (used + w > width - 1) {
			if (i < e->len)
				mvwaddch(win, y, x + width - 1, '>');
			break;
		}
		wmove(win, y, x + used);
		waddnwstr(win, &c, 1);
		used += w;
	}
	if (e->pos >= i && e->pos == e->len)
		*cursor_x = x + used;
	if (e->first > 0 && *cursor_x == x)
		*cursor_x = x + 1;
}
