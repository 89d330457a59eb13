/*
 * ui-plan-pause.c - pausing the whole plan from the plan view (Z): a
 * one-line prompt for "FROM TO", or "cancel FROM", saved with
 * plan_pause_add() / plan_pause_cancel(); and the line under the plan
 * that says which pauses there are.  Slots in a pause are "paused", not
 * "missed" (plan.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan.h"
#include "ui-edit.h"
#include "ui-exercises.h"

static struct {
	struct ui_edit ed;	/* open while the prompt is shown */
	int y, cursor_x;
} pz;

bool
plan_pause_prompting(void)
{
	return pz.ed.open;
}

void
plan_pause_start(struct ui *ui)
{
	ui_edit_open(&pz.ed, "", 40);
	ui_dirty(ui);
}

void
plan_pause_leave(void)
{
	ui_edit_close(&pz.ed);
}

/* The pauses that have not ended (and the prompt) on the last rows. */
void
plan_pause_draw(struct ui *ui, WINDOW *win)
{
	int rows = getmaxy(win), cols = getmaxx(win);
	struct plan_pause_info *v;
	size_t n = plan_pauses(ui->store, &v);
	ml_day today = ml_today();
	char line[200];

	line[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		char f[ML_DATE_LEN], t[ML_DATE_LEN];

		if (v[i].to < today)
			continue;
		ml_date_format(v[i].from, f);
		ml_date_format(v[i].to, t);
		snprintf(line, sizeof line, "Whole plan paused %s to %s%s", f, t,
		    n > 1 ? " (and more: mendlog plan pause --list)" : "");
		break;
	}
	free(v);
	if (line[0] != '\0') {
		wattron(win, ui_attr(ui, UI_CONTACT));
		ui_put(win, rows - 2, 1, cols - 2, line);
		wattroff(win, ui_attr(ui, UI_CONTACT));
	}
	if (!pz.ed.open)
		return;
	pz.y = rows - 1;
	ui_put(win, rows - 1, 1, 36, "Pause plan FROM TO, or cancel FROM:");
	ui_edit_draw(&pz.ed, win, rows - 1, 38, cols - 39, &pz.cursor_x);
}

bool
plan_pause_cursor(int *y, int *x)
{
	if (!pz.ed.open)
		return false;
	*y = pz.y;
	*x = pz.cursor_x;
	return true;
}

/* Save what was typed: "FROM TO" pauses, "cancel FROM" cancels. */
static void
pause_save(struct ui *ui, char *text)
{
	char *a = strtok(text, " \t"), *b = a ? strtok(NULL, " \t") : NULL;
	ml_day today = ml_today(), from, to;
	struct ml_error err;
	char buf[600];
	int rc;

	if (a != NULL && strcmp(a, "cancel") == 0) {
		if (b == NULL || !ml_day_parse(b, today, &from)) {
			ui_message(ui, "type cancel and the pause's first day, "
			    "YYYY-MM-DD");
			beep();
			return;
		}
		rc = plan_pause_cancel(ui->store, from, &err);
	} else {
		if (a == NULL || b == NULL || strtok(NULL, " \t") != NULL ||
		    !ml_day_parse(a, today, &from) ||
		    !ml_day_parse(b, today, &to)) {
			ui_message(ui, "type two days: FROM TO, as YYYY-MM-DD");
			beep();
			return;
		}
		rc = plan_pause_add(ui->store, from, to, &err);
	}
	if (rc != 0) {
		ml_error_format(&err, buf, sizeof buf);
		ui_message(ui, "not saved: %s", buf);
		beep();
		return;
	}
	ui_message(ui, a != NULL && strcmp(a, "cancel") == 0 ?
	    "pause cancelled" : "plan paused: those days are not missed");
	ui_notify_saved(ui, ML_PLAN_PAUSES, today);
}

enum ui_key_result
plan_pause_key(struct ui *ui, wint_t ch, bool is_key)
{
	char *text;

	if (is_key && ch == KEY_RESIZE)
		return UI_KEY_UNHANDLED;
	switch (ui_edit_key(&pz.ed, ch, is_key)) {
	case UI_EDIT_DONE:
		text = ui_edit_utf8(&pz.ed);
		ui_edit_close(&pz.ed);
		pause_save(ui, text);
		free(text);
		break;
	case UI_EDIT_CANCEL:
		ui_edit_close(&pz.ed);
		ui_message(ui, "not paused");
		break;
	case UI_EDIT_MORE:
		break;
	}
	ui_dirty(ui);
	return UI_KEY_HANDLED;
}
