/*
 * ui-help.c - the Help screen: every key, and the clinician notice.
 */
#include "ui.h"

static const char *const help_lines[] = {
	"mendlog is a diary. It does not replace your clinician: if you are",
	"worried, contact your care team, and in an emergency call your local",
	"emergency number.",
	"",
	"Everywhere",
	"  Tab / Shift-Tab   next / previous screen",
	"  F1..F5, 1..5      Today, History, Alerts, Exercises, Trends",
	"  ?                 this help",
	"  Ctrl-L            repaint the screen",
	"  q                 quit (in a text editor, q is just text)",
};

static void
draw(struct ui *ui, WINDOW *win)
{
	int rows = getmaxy(win);

	for (size_t i = 0; i < ML_NELEM(help_lines) && (int)i + 1 < rows; i++) {
		if (i < 3)
			wattron(win, ui_attr(ui, UI_TITLE));
		ui_put(win, (int)i + 1, 2, getmaxx(win) - 4, help_lines[i]);
		if (i < 3)
			wattroff(win, ui_attr(ui, UI_TITLE));
	}
}

static const char *
hints(struct ui *ui)
{
	(void)ui;
	return "Tab next screen  1 Today  q quit";
}

const struct ui_screen ui_help = {
	.name = "Help",
	.tab_key = '?',
	.draw = draw,
	.hints = hints,
};
