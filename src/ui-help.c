/*
 * ui-help.c - the Help screen: every key of every screen, and the notice
 * that mendlog does not replace a clinician.  Two columns so it fits 80x24.
 */
#include "ui.h"

static const char *const left[] = {
	"Everywhere",
	"  Tab Shift-Tab  next/previous screen",
	"  F1-F5          Today History Alerts",
	"                 Exercises Trends",
	"  1-5            the same, but not in",
	"                 Today: there they are scores",
	"  ?  help    Ctrl-L  repaint",
	"  q  quit (text inside an editor)",
	"",
	"1 Today: the day form",
	"  Up/Down j/k    move between fields",
	"  0-9            score (1 then 0 = 10)",
	"  + -            raise/lower the value",
	"  Space y n      answer yes/no",
	"  x Delete       clear the field",
	"  Enter          type a number or text",
	"  u              undo the last change",
	"  [ ] PgUp PgDn  previous/next day",
	"  t  today   g  go to a date",
};

static const char *const right[] = {
	"Inline editor",
	"  Left Right Home End  move",
	"  Backspace Delete     delete",
	"  Ctrl-U  clear to the start",
	"  Enter  save     Esc  cancel",
	"",
	"2 History",
	"  Left/Right h/l  a day",
	"  Up/Down k/j     a week",
	"  [ ] PgUp PgDn   a month",
	"  t  today    Enter  open the day",
	"",
	"5 Trends",
	"  r  30 or 90 days",
	"  s  next series; b l h a",
	"     back, leg, headache, all",
	"",
	"Every change is saved at once.",
};

static void
draw(struct ui *ui, WINDOW *win)
{
	int rows = getmaxy(win), half = getmaxx(win) / 2;

	wattron(win, ui_attr(ui, UI_TITLE));
	ui_put(win, 0, 2, getmaxx(win) - 4, "mendlog is a diary and does not "
	    "replace your clinician. If you are worried,");
	ui_put(win, 1, 2, getmaxx(win) - 4, "contact your care team; in an "
	    "emergency call your local emergency number.");
	wattroff(win, ui_attr(ui, UI_TITLE));
	for (size_t i = 0; i < ML_NELEM(left) && (int)i + 2 < rows; i++)
		ui_put(win, (int)i + 2, 1, half - 2, left[i]);
	for (size_t i = 0; i < ML_NELEM(right) && (int)i + 2 < rows; i++)
		ui_put(win, (int)i + 2, half + 1, half - 2, right[i]);
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
