/*
 * ui-alerts.c - the Alerts screen (placeholder until its issue lands).
 */
#include "ui.h"

static void
draw(struct ui *ui, WINDOW *win)
{
	(void)ui;
	mvwaddstr(win, 1, 2, "The Alerts screen is not built yet.");
	mvwaddstr(win, 3, 2, "Use the command line for now: see mendlog --help.");
	mvwaddstr(win, 4, 2, "Press q to quit.");
}

static const char *
hints(struct ui *ui)
{
	(void)ui;
	return "Tab next screen  ? help  q quit";
}

const struct ui_screen ui_alerts = {
	.name = "Alerts",
	.tab_key = '3',
	.digits_are_input = false,
	.draw = draw,
	.hints = hints,
};
