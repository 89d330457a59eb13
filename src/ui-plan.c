/*
 * ui-plan.c - the plan view of the Exercises tab (pause, resume, choose
 * one to edit) and the form to add or edit an exercise.
 *
 * Everything is read from the store at draw time.  The form remembers
 * the values it opened with, and saves with plan_edit_save() only the
 * fields the user changed, checked on the row as it will be: a `plan
 * import --replace` or another mendlog's edit made while the form was
 * open stays, and an exercise removed meanwhile is not brought back.
 * Fields are edited with the inline editor (ui-edit.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan-edit.h"
#include "plan.h"
#include "text.h"
#include "ui-edit.h"
#include "ui-exercises.h"

/* Longest field the form takes, in characters. */
#define FIELD_CHARS 500

static struct {
	bool form;		/* the form is shown, not the list */
	int sel;		/* selected row of the list */
	int top;		/* first row shown (scrolling) */

	bool form_new;
	int field;		/* XC_* being looked at */
	char *vals[XC_NCOLS];	/* owned */
	char *orig[XC_NCOLS];	/* owned: the values the form opened with */
	struct ui_edit ed;	/* open while typing into vals[field] */
	int cursor_x;		/* where ui_edit_draw() put the cursor */
} plan;

static const char *const field_labels[XC_NCOLS] = {
	"id", "name", "instructions", "sets", "reps", "hold (s)", "days",
	"times", "start date", "end date", "active",
};

void
plan_view_open(struct ui *ui)
{
	plan.form = false;
	plan.sel = plan.top = 0;
	ui_dirty(ui);
	ui_dirty_frame(ui);
}

void
plan_view_leave(void)
{
	ui_edit_close(&plan.ed);
	plan_pause_leave();
}

/* --- the list --------------------------------------------------------- */

static void
list_draw(struct ui *ui, WINDOW *win)
{
	size_t n = store_nrows(ui->store, ML_EXERCISES);
	int rows = getmaxy(win), cols = getmaxx(win), list_rows = rows - 3;
	char line[1024], name[160], days[96], times[80];

	wattron(win, ui_attr(ui, UI_TITLE));
	ui_put(win, 0, 1, cols - 2, "Exercise plan");
	wattroff(win, ui_attr(ui, UI_TITLE));
	if (n == 0) {
		ui_put(win, 2, 2, cols - 4, "No exercises yet. Press a to add one.");
		return;
	}
	if (plan.sel >= (int)n)
		plan.sel = (int)n - 1;
	if (plan.sel < plan.top)
		plan.top = plan.sel;
	if (plan.sel >= plan.top + list_rows)
		plan.top = plan.sel - list_rows + 1;
	for (int i = plan.top; i < (int)n && i < plan.top + list_rows; i++) {
		struct plan_schedule sc;
		const char *d = store_get(ui->store, ML_EXERCISES, (size_t)i,
		    XC_DAYS);
		bool ok = plan_row_schedule(ui->store, (size_t)i, &sc);

		/* Cells by columns, so a name with accents or CJK keeps the
		 * columns after it in line. */
		text_cell(name, sizeof name, store_get(ui->store, ML_EXERCISES,
		    (size_t)i, XC_NAME), 26);
		text_cell(days, sizeof days, *d ? d : "daily", 14);
		text_cell(times, sizeof times, store_get(ui->store, ML_EXERCISES,
		    (size_t)i, XC_TIMES), 12);
		snprintf(line, sizeof line, "%c %s %s %s %s",
		    i == plan.sel ? '>' : ' ', name, days, times,
		    !ok ? "needs fixing" : sc.active ? "active" : "paused");
		if (i == plan.sel)
			wattron(win, ui_attr(ui, UI_SELECTED));
		else if (ok && !sc.active)
			wattron(win, ui_attr(ui, UI_DIM));
		ui_put(win, 2 + i - plan.top, 1, cols - 2, line);
		wattroff(win, ui_attr(ui, UI_SELECTED) | ui_attr(ui, UI_DIM));
	}
	/* Why the selected exercise gets no slots, if it does not. */
	{
		struct plan_schedule sc;
		struct ml_error why;

		if (plan_row_check(ui->store, (size_t)plan.sel, &sc, &why) != 0) {
			snprintf(line, sizeof line, "Not scheduled: %s: %.160s "
			    "(e to edit)", why.field, why.msg);
			ui_put(win, rows - 1, 1, cols - 2, line);
		}
	}
}

static void say_saved(struct ui *ui, const char *id,
    const struct plan_edit_result *res);

/* Pause or resume: the one field, and only if the row is still there. */
static void
list_set_active(struct ui *ui, size_t row)
{
	const char *id = store_get(ui->store, ML_EXERCISES, row, XC_ID);
	bool paused = ml_parse_yesno(store_get(ui->store, ML_EXERCISES, row,
	    XC_ACTIVE)) == 0;
	char *orig[XC_NCOLS], *vals[XC_NCOLS];
	struct plan_edit e = { NULL, false, (const char *const *)orig,
	    (const char *const *)vals, ml_today() };
	struct plan_edit_result res;
	struct ml_error err;
	char buf[600], copy[72];
	int rc;

	snprintf(copy, sizeof copy, "%s", id);
	e.id = copy;
	for (size_t c = 0; c < XC_NCOLS; c++) {
		orig[c] = xstrdup(store_get(ui->store, ML_EXERCISES, row, c));
		vals[c] = xstrdup(c == XC_ACTIVE ? paused ? "yes" : "no" :
		    orig[c]);
	}
	rc = plan_edit_save(ui->store, &e, &res, &err);
	for (size_t c = 0; c < XC_NCOLS; c++) {
		free(orig[c]);
		free(vals[c]);
	}
	if (rc != 0) {
		ml_error_format(&err, buf, sizeof buf);
		ui_message(ui, "not saved: %s", buf);
		beep();
		return;
	}
	if (res.nsaved == 0) {
		say_saved(ui, copy, &res);	/* changed elsewhere meanwhile */
		return;
	}
	ui_message(ui, "%s %s", copy, paused ? "resumed" : "paused");
	ui_notify_saved(ui, ML_EXERCISES, ml_today());
}

static void
form_open(struct ui *ui, long row)
{
	ui_edit_close(&plan.ed);
	for (size_t c = 0; c < XC_NCOLS; c++) {
		free(plan.vals[c]);
		free(plan.orig[c]);
		plan.vals[c] = xstrdup(row >= 0 ? store_get(ui->store,
		    ML_EXERCISES, (size_t)row, c) : c == XC_ACTIVE ? "yes" : "");
		plan.orig[c] = xstrdup(plan.vals[c]);
	}
	plan.form_new = row < 0;
	plan.field = row < 0 ? XC_ID : XC_NAME;
	plan.form = true;
	ui_dirty(ui);
	ui_dirty_frame(ui);
}

static enum ui_key_result
list_key(struct ui *ui, wint_t ch, bool is_key)
{
	size_t n = store_nrows(ui->store, ML_EXERCISES);

	if (plan_pause_prompting())
		return plan_pause_key(ui, ch, is_key);
	if (is_key && (ch == KEY_UP || ch == KEY_DOWN)) {
		plan.sel += ch == KEY_UP ? -1 : 1;
		if (plan.sel < 0)
			plan.sel = 0;
		ui_dirty(ui);
		return UI_KEY_HANDLED;
	}
	if (is_key && ch == KEY_ENTER)
		return list_key(ui, L'e', false);
	if (is_key)
		return UI_KEY_UNHANDLED;
	switch (ch) {
	case L'k':
	case L'j':
		return list_key(ui, ch == L'k' ? KEY_UP : KEY_DOWN, true);
	case L'a':
		form_open(ui, -1);
		return UI_KEY_HANDLED;
	case L'e':
	case L'\r':
	case L'\n':
		if (n > 0 && (size_t)plan.sel < n)
			form_open(ui, plan.sel);
		return UI_KEY_HANDLED;
	case L' ':
		if (n > 0 && (size_t)plan.sel < n)
			list_set_active(ui, (size_t)plan.sel);
		return UI_KEY_HANDLED;
	case L'Z':
		plan_pause_start(ui);
		return UI_KEY_HANDLED;
	case 27:
	case L'P':
		exercises_show_today(ui);
		return UI_KEY_HANDLED;
	default:
		return UI_KEY_UNHANDLED;
	}
}

/* --- the form --------------------------------------------------------- */

static void
form_draw(struct ui *ui, WINDOW *win)
{
	int cols = getmaxx(win);

	wattron(win, ui_attr(ui, UI_TITLE));
	ui_put(win, 0, 1, cols - 2, plan.form_new ? "New exercise" :
	    "Edit exercise");
	wattroff(win, ui_attr(ui, UI_TITLE));
	for (int c = 0; c < XC_NCOLS; c++) {
		bool ro = c == XC_ID && !plan.form_new;

		if (c == plan.field)
			wattron(win, ui_attr(ui, UI_SELECTED));
		ui_put(win, 2 + c, 2, 14, field_labels[c]);
		if (c == plan.field)
			wattroff(win, ui_attr(ui, UI_SELECTED));
		if (c == plan.field && plan.ed.open) {
			ui_edit_draw(&plan.ed, win, 2 + c, 17, cols - 19,
			    &plan.cursor_x);
			continue;
		}
		if (ro)
			wattron(win, ui_attr(ui, UI_DIM));
		ui_put(win, 2 + c, 17, cols - 19, plan.vals[c]);
		if (ro)
			wattroff(win, ui_attr(ui, UI_DIM));
	}
	ui_put(win, 3 + XC_NCOLS, 2, cols - 4, "days: daily, mon;wed;fri or "
	    "every 2 days.  times: 08:00;18:00.  active: yes or no.");
	ui_put(win, 4 + XC_NCOLS, 2, cols - 4, "An empty id is made from the "
	    "name.  Dates are YYYY-MM-DD.");
}

bool
plan_view_paste(struct ui *ui, const wchar_t *text, size_t n)
{
	if (plan_pause_prompting())
		return plan_pause_paste(ui, text, n);
	if (!plan.form || !plan.ed.open)
		return false;
	if (ui_edit_paste(&plan.ed, text, n, NULL) > 0)
		ui_message(ui, "some pasted characters left out (control "
		    "characters, or the field is full)");
	ui_dirty(ui);
	return true;
}

bool
plan_view_cursor(int *y, int *x)
{
	if (!plan.form)
		return plan_pause_cursor(y, x);
	if (!plan.ed.open)
		return false;
	*y = 2 + plan.field;
	*x = plan.cursor_x;
	return true;
}

/* Say what a save did: saved, nothing to save, and which of the user's
 * changes gave way to another writer's. */
static void
say_saved(struct ui *ui, const char *id, const struct plan_edit_result *res)
{
	char kept[200] = "";
	size_t len = 0;

	for (size_t i = 0; i < res->nkept && len < sizeof kept; i++)
		len += (size_t)snprintf(kept + len, sizeof kept - len, "%s%s",
		    i > 0 ? ", " : "", field_labels[res->kept[i]]);
	if (res->nkept > 0 && res->nsaved > 0)
		ui_message(ui, "%s saved, but %s: changed elsewhere meanwhile, "
		    "that value kept", id, kept);
	else if (res->nkept > 0)
		ui_message(ui, "%s not saved: %s changed elsewhere meanwhile, "
		    "that value kept", id, kept);
	else if (res->nsaved == 0)
		ui_message(ui, "%s: nothing changed, nothing saved", id);
	else
		ui_message(ui, "%s saved", id);
}

static void
form_save(struct ui *ui)
{
	const struct ml_schema *sc = ml_schema(ML_EXERCISES);
	struct plan_edit e = { NULL, plan.form_new,
	    (const char *const *)plan.orig, (const char *const *)plan.vals,
	    ml_today() };
	struct plan_edit_result res;
	struct ml_error err;
	char buf[600];

	if (plan.vals[XC_ID][0] == '\0') {
		char slug[72];

		plan_slug(plan.vals[XC_NAME], slug, sizeof slug);
		free(plan.vals[XC_ID]);
		plan.vals[XC_ID] = xstrdup(slug);
	}
	e.id = plan.vals[XC_ID];
	if (plan_edit_save(ui->store, &e, &res, &err) != 0)
		goto bad;
	say_saved(ui, e.id, &res);
	if (res.nsaved > 0)
		ui_notify_saved(ui, ML_EXERCISES, ml_today());
	plan.form = false;
	ui_dirty(ui);
	ui_dirty_frame(ui);
	return;
bad:
	ml_error_format(&err, buf, sizeof buf);
	ui_message(ui, "not saved: %s", buf);
	for (int c = 0; c < XC_NCOLS; c++)
		if (strcmp(err.field, sc->cols[c].name) == 0)
			plan.field = c;
	beep();
	ui_dirty(ui);
}

static enum ui_key_result
form_key(struct ui *ui, wint_t ch, bool is_key)
{
	bool enter = (!is_key && (ch == L'\r' || ch == L'\n')) ||
	    (is_key && ch == KEY_ENTER);

	if (is_key && ch == KEY_RESIZE)
		return UI_KEY_UNHANDLED;
	if (plan.ed.open) {
		ui_edit_field_key(&plan.ed, ch, is_key, &plan.vals[plan.field],
		    &plan.field, XC_NCOLS);
		ui_dirty(ui);
		return UI_KEY_HANDLED;
	}
	if (is_key && (ch == KEY_UP || ch == KEY_DOWN)) {
		ui_edit_field_move(&plan.field, ch == KEY_UP, XC_NCOLS);
	} else if (enter) {
		if (plan.field != XC_ID || plan.form_new)
			ui_edit_open(&plan.ed, plan.vals[plan.field],
			    FIELD_CHARS);
	} else if (!is_key && ch == L'w') {
		form_save(ui);
	} else if (!is_key && ch == 27) {
		plan.form = false;
		ui_message(ui, "not saved");
		ui_dirty_frame(ui);
	} else if (!is_key && (ch == L'k' || ch == L'j')) {
		return form_key(ui, ch == L'k' ? KEY_UP : KEY_DOWN, true);
	} else {
		return UI_KEY_UNHANDLED;
	}
	ui_dirty(ui);
	return UI_KEY_HANDLED;
}

/* --- what the tab calls ----------------------------------------------- */

void
plan_view_draw(struct ui *ui, WINDOW *win)
{
	if (plan.form) {
		form_draw(ui, win);
	} else {
		list_draw(ui, win);
		plan_pause_draw(ui, win);
	}
}

enum ui_key_result
plan_view_key(struct ui *ui, wint_t ch, bool is_key)
{
	return plan.form ? form_key(ui, ch, is_key) : list_key(ui, ch, is_key);
}

const char *
plan_view_hints(void)
{
	if (plan.form)
		return plan.ed.open ? "type  Enter done  Esc undo" :
		    "Up/Down field  Enter edit  w save  Esc cancel";
	if (plan_pause_prompting())
		return "type FROM TO  Enter pause  Esc cancel";
	return "a add  e edit  Space pause/resume  Z pause plan  Esc back";
}
