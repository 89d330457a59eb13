/*
 * ui-help.c - the Help screen: the notice that mendlog does not replace a
 * clinician, the keys that work everywhere, then each screen's own keys
 * (its `help` lines, so a new screen documents itself without touching
 * this file).  Blocks flow into two columns; when they do not fit, PgDn
 * and PgUp turn pages.
 */
#include <stdio.h>

#include "ui-psfs.h"
#include "ui.h"

#define NOTICE_ROWS 2
#define MAX_BLOCKS 64

static const char *const everywhere[] = {
	"Everywhere",
	"  Tab Shift-Tab  next/previous screen",
	"  F1-F5          Today History Alerts",
	"                 Exercises Trends",
	"  1-5            same, except in Today",
	"  ? help   Ctrl-L repaint   q quit",
	"  p              procedures",
	"  Every change is saved at once.",
	NULL,
};

static const char *const help_keys[] = {
	"This help",
	"  PgDn Space j  next page",
	"  PgUp k        previous page",
	NULL,
};

struct block {
	const char *const *lines;
	int n;
};

static int page;

/* Split @lines at empty lines into blocks appended to @b. */
static void
add_blocks(const char *const *lines, struct block *b, int *nb)
{
	while (*lines != NULL && *nb < MAX_BLOCKS) {
		int n = 0;

		while (lines[n] != NULL && lines[n][0] != '\0')
			n++;
		if (n > 0) {
			b[*nb].lines = lines;
			b[*nb].n = n;
			(*nb)++;
		}
		lines += n;
		if (*lines != NULL)
			lines++;	/* the empty line */
	}
}

/*
 * Lay the blocks out in columns of @height rows and draw those of page
 * @pg (two columns a page) when @win is not NULL.  Returns the number of
 * pages.
 */
static int
layout(WINDOW *win, const struct block *b, int nb, int height, int colw,
    int pg)
{
	int col = 0, y = 0;

	for (int i = 0; i < nb; i++) {
		/* A block moves to the next column unless it fills one alone. */
		if (y > 0 && y + 1 + b[i].n > height) {
			col++;
			y = 0;
		}
		if (y > 0)
			y++;
		for (int l = 0; l < b[i].n; l++, y++) {
			if (y >= height) {
				col++;
				y = 0;
			}
			if (win == NULL || col / 2 != pg)
				continue;
			if (l == 0)
				wattron(win, A_BOLD);
			ui_put(win, NOTICE_ROWS + y, 1 + (col % 2) * (colw + 1), colw,
			    b[i].lines[l]);
			if (l == 0)
				wattroff(win, A_BOLD);
		}
	}
	return col / 2 + 1;
}

/* Every block; the paging keys only when @paged. */
static int
collect(struct block *b, bool paged)
{
	int nb = 0;
	const struct ui_screen *s;

	add_blocks(everywhere, b, &nb);
	for (size_t i = 0; (s = ui_screen_at(i)) != NULL; i++)
		if (s->help != NULL)
			add_blocks(s->help, b, &nb);
	/* Not a tab, but reached with p from the other screens. */
	add_blocks(ui_procedures.help, b, &nb);
	/* Forms without a tab, opened from a screen. */
	add_blocks(ui_psfs.help, b, &nb);
	if (paged)
		add_blocks(help_keys, b, &nb);
	return nb;
}

/* Gather the blocks and lay them out for a body of @rows x @cols: the
 * number of pages; *height and *colw receive the column size. */
static int
paginate(int rows, int cols, struct block *b, int *nb, int *height, int *colw)
{
	int pages;

	*nb = collect(b, false);
	*height = rows - NOTICE_ROWS;
	*colw = cols / 2 - 1;
	pages = layout(NULL, b, *nb, *height, *colw, 0);
	if (pages > 1) {
		/* Room for the page number and the paging keys. */
		(*height)--;
		*nb = collect(b, true);
		pages = layout(NULL, b, *nb, *height, *colw, 0);
	}
	return pages;
}

static void
help_draw(struct ui *ui, WINDOW *win)
{
	struct block b[MAX_BLOCKS];
	int nb, height, colw;
	int pages = paginate(getmaxy(win), getmaxx(win), b, &nb, &height, &colw);

	if (page >= pages)
		page = pages - 1;
	wattron(win, ui_attr(ui, UI_TITLE));
	ui_put(win, 0, 2, getmaxx(win) - 4, "mendlog is a diary and does not "
	    "replace your clinician. If you are worried,");
	ui_put(win, 1, 2, getmaxx(win) - 4, "contact your care team; in an "
	    "emergency call your local emergency number.");
	wattroff(win, ui_attr(ui, UI_TITLE));
	layout(win, b, nb, height, colw, page);
	if (pages > 1) {
		char more[32];

		snprintf(more, sizeof more, " page %d/%d ", page + 1, pages);
		wattron(win, A_REVERSE);
		ui_put(win, getmaxy(win) - 1, getmaxx(win) - 12, 11, more);
		wattroff(win, A_REVERSE);
	}
}

static enum ui_key_result
help_key(struct ui *ui, wint_t ch, bool is_key)
{
	int delta;

	if ((is_key && ch == KEY_NPAGE) || (!is_key && (ch == L' ' || ch == L'j')))
		delta = 1;
	else if ((is_key && ch == KEY_PPAGE) || (!is_key && ch == L'k'))
		delta = -1;
	else
		return UI_KEY_UNHANDLED;
	if (page + delta >= 0) {
		page += delta;		/* help_draw() clamps at the last page */
		ui_dirty(ui);
	}
	return UI_KEY_HANDLED;
}

static void
help_enter(struct ui *ui)
{
	(void)ui;
	page = 0;
}

static const char *
help_hints(struct ui *ui)
{
	struct block b[MAX_BLOCKS];
	int nb, height, colw;

	return paginate(getmaxy(ui->body), getmaxx(ui->body), b, &nb, &height,
	    &colw) > 1 ? "PgDn/PgUp page  Tab next screen  F1 Today  q quit" :
	    "Tab next screen  F1 or 1 Today  q quit";
}

const struct ui_screen ui_help = {
	.name = "Help",
	.tab_key = '?',
	.enter = help_enter,
	.draw = help_draw,
	.key = help_key,
	.hints = help_hints,
};
