/*
 * lineedit.c - one line of editable text and UTF-8 conversion; no curses
 * here, so the unit tests can drive every edit.  See lineedit.h.
 */
#include <stdlib.h>
#include <string.h>

#include "lineedit.h"
#include "mendlog.h"

wchar_t *
ml_utf8_to_wide(const char *s, size_t *len)
{
	size_t n = strlen(s), o = 0;
	wchar_t *w = xcalloc(n + 1, sizeof *w);
	const unsigned char *p = (const unsigned char *)s;

	while (*p) {
		unsigned long c = *p++;
		int more;
		unsigned long min;

		if (c < 0x80)
			more = 0, min = 0;
		else if ((c & 0xe0) == 0xc0)
			more = 1, c &= 0x1f, min = 0x80;
		else if ((c & 0xf0) == 0xe0)
			more = 2, c &= 0x0f, min = 0x800;
		else if ((c & 0xf8) == 0xf0)
			more = 3, c &= 0x07, min = 0x10000;
		else
			more = -1, min = 0;
		for (int i = 0; i < more; i++) {
			/* A truncated sequence: stop before the next lead byte. */
			if ((*p & 0xc0) != 0x80) {
				more = -1;
				break;
			}
			c = (c << 6) | (*p++ & 0x3f);
		}
		/* Overlong forms and surrogates are as invalid as stray bytes. */
		if (more < 0 || c < min || c > 0x10ffff ||
		    (c >= 0xd800 && c <= 0xdfff))
			c = 0xfffd;
		w[o++] = (wchar_t)c;
	}
	w[o] = L'\0';
	if (len != NULL)
		*len = o;
	return w;
}

char *
ml_wide_to_utf8(const wchar_t *w, size_t len)
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
lineedit_free(struct ml_line *l)
{
	free(l->text);
	memset(l, 0, sizeof *l);
}

void
lineedit_set(struct ml_line *l, const char *utf8, size_t max)
{
	lineedit_free(l);
	l->text = ml_utf8_to_wide(utf8, &l->len);
	l->cap = l->len + 1;
	l->pos = l->len;
	l->max = max;
}

char *
lineedit_utf8(const struct ml_line *l)
{
	return ml_wide_to_utf8(l->text != NULL ? l->text : L"", l->len);
}

bool
lineedit_insert(struct ml_line *l, wchar_t c)
{
	/* Control characters never reach the file (C0, DEL, C1). */
	if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0))
		return false;
	if (l->max != 0 && l->len >= l->max)
		return false;
	if (l->len + 2 > l->cap) {
		l->cap = l->cap * 2 + 16;
		l->text = xreallocarray(l->text, l->cap, sizeof *l->text);
	}
	memmove(l->text + l->pos + 1, l->text + l->pos,
	    (l->len - l->pos + 1) * sizeof *l->text);
	l->text[l->pos++] = c;
	l->len++;
	return true;
}

/* Delete the characters [from, to) and leave the cursor at @from. */
static void
cut(struct ml_line *l, size_t from, size_t to)
{
	if (l->text == NULL || from >= to)
		return;
	memmove(l->text + from, l->text + to, (l->len - to + 1) * sizeof *l->text);
	l->len -= to - from;
	l->pos = from;
}

void
lineedit_backspace(struct ml_line *l)
{
	if (l->pos > 0)
		cut(l, l->pos - 1, l->pos);
}

void
lineedit_delete(struct ml_line *l)
{
	if (l->pos < l->len)
		cut(l, l->pos, l->pos + 1);
}

void
lineedit_kill_start(struct ml_line *l)
{
	cut(l, 0, l->pos);
}

void
lineedit_kill_end(struct ml_line *l)
{
	cut(l, l->pos, l->len);
}

void
lineedit_move(struct ml_line *l, long delta)
{
	if (delta < 0 && (size_t)-delta > l->pos)
		l->pos = 0;
	else if (delta > 0 && l->pos + (size_t)delta > l->len)
		l->pos = l->len;
	else
		l->pos = (size_t)((long)l->pos + delta);
}

void
lineedit_home(struct ml_line *l)
{
	l->pos = 0;
}

void
lineedit_end(struct ml_line *l)
{
	l->pos = l->len;
}
