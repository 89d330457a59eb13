/*
 * ui-history.c - the History screen (placeholder until its issue lands).
 */
#include "ui.h"

static void
draw(struct ui *ui, WINDOW *win)
{
	(void)ui;
	mvwaddstr(win, 1, 2, "The History screen is not built yet.");
	mvwaddstr(win, 3, 2, "Use the command line for now: see mendlog --help.");
	mvwaddstr(win, 4, 2, "Press q to quit.");
}

static const char *
hints(struct ui *ui)
{
	(void)ui;
	return "Tab next screen  ? help  q quit";
}

const struct ui_screen ui_history = {
	.name = "History",
	.tab_key = '2',
	.digits_are_input = false,
	.draw = draw,
	.hints = hints,
};
