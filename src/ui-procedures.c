/*
 * ui-procedures.c - the Procedures view (`p` from any screen that does not
 * use the key, and listed in Help): the procedures recorded, each with its
 * own day count, and a form to add, edit or remove one.  The same form is
 * the first-start form of an empty diary: what was done and when, with
 * "none yet" for a patient still waiting for a procedure.
 *
 * Every change is one record.c use case (record_procedure,
 * record_procedure_edit, record_procedure_remove): the store's locked
 * transaction, then the rules over the days from the procedure's date to
 * today, whose alerts are shown as for a day form save.  Everything shown
 * is read from the store at draw time, so another mendlog's change shows
 * at the next reload.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diary.h"
#include "record.h"
#include "text.h"
#include "timeline.h"
#include "ui-edit.h"
#include "ui.h"

extern const struct ui_screen ui_today;

#define DESC_CHARS 200
#define DATE_CHARS 24

enum form_field { F_KIND, F_DATE, F_DESC, F_NFIELDS };

static struct {
	bool form;		/* the form is shown, not the list */
	bool first_start;	/* the form of an empty diary */
	bool confirm;		/* `d` asked: y removes the selected one */
	int sel, top;		/* the list's selected and first row */

	long row;		/* row being edited, -1 for a new one */
	int field;		/* enum form_field */
	int kind;		/* index into the kind table; nkinds = "none" */
	char *date, *desc;	/* owned: as typed */
	struct ui_edit ed;	/* open while typing into date or desc */
	int cx, cy;		/* where ui_edit_draw() put the cursor */
} pv;

static const char *const field_labels[F_NFIELDS] = {
	"What was done", "When", "Description",
};

/* The kinds the form offers: the table, and "none yet" on first start. */
static int
choices(void)
{
	size_t n;

	ml_proc_kinds(&n);
	return (int)n + (pv.first_start ? 1 : 0);
}

static const char *
choice_label(int i)
{
	size_t n;
	const struct ml_proc_kind *k = ml_proc_kinds(&n);

	if (i >= (int)n)
		return "none yet: waiting for a procedure";
	/* "other" reads as "procedure" in sentences; here it is a choice. */
	return strcmp(k[i].id, "other") == 0 ? "other procedure" : k[i].label;
}

static void
form_open(struct ui *ui, long row, bool first_start)
{
	ui_edit_close(&pv.ed);
	free(pv.date);
	free(pv.desc);
	pv.form = true;
	pv.first_start = first_start;
	pv.confirm = false;
	pv.row = row;
	pv.field = F_KIND;
	pv.kind = 0;
	pv.date = xstrdup("today");
	pv.desc = xstrdup("");
	if (row >= 0) {
		int k = ml_proc_kind_index(store_get(ui->store, ML_PROCEDURES,
		    (size_t)row, PC_KIND));
		size_t n;

		ml_proc_kinds(&n);
		pv.kind = k >= 0 ? k : (int)n - 1;
		free(pv.date);
		free(pv.desc);
		pv.date = xstrdup(store_get(ui->store, ML_PROCEDURES, (size_t)row,
		    PC_DATE));
		pv.desc = xstrdup(store_get(ui->store, ML_PROCEDURES, (size_t)row,
		    PC_DESCRIPTION));
	}
	ui_dirty(ui);
	ui_dirty_frame(ui);
}

static void
form_close(struct ui *ui)
{
	ui_edit_close(&pv.ed);
	pv.form = false;
	if (pv.first_start) {
		pv.first_start = false;
		ui_switch(ui, &ui_today);
	}
	ui_dirty(ui);
	ui_dirty_frame(ui);
}

void
ui_procedures_first_start(struct ui *ui)
{
	ui_switch(ui, &ui_procedures);
	form_open(ui, -1, true);
}

/* --- the list --------------------------------------------------------- */

static void
list_draw(struct ui *ui, WINDOW *win)
{
	size_t n = store_nrows(ui->store, ML_PROCEDURES);
	int rows = getmaxy(win), cols = getmaxx(win), list_rows = rows - 5;
	ml_day today = ml_today();
	char line[600], kind[96], desc[160], count[48];

	wattron(win, ui_attr(ui, UI_TITLE));
	ui_put(win, 0, 1, cols - 2, "Procedures (each keeps its own day count)");
	wattroff(win, ui_attr(ui, UI_TITLE));
	if (n == 0) {
		ui_put(win, 2, 2, cols - 4, "No procedure recorded: the checks "
		    "tied to a procedure are off.");
		ui_put(win, 3, 2, cols - 4, "Press a to add one.");
		return;
	}
	if (pv.sel >= (int)n)
		pv.sel = (int)n - 1;
	if (pv.sel < pv.top)
		pv.top = pv.sel;
	if (pv.sel >= pv.top + list_rows)
		pv.top = pv.sel - list_rows + 1;
	for (int i = pv.top; i < (int)n && i < pv.top + list_rows; i++) {
		const char *ds = store_get(ui->store, ML_PROCEDURES, (size_t)i,
		    PC_DATE);
		const char *k = store_get(ui->store, ML_PROCEDURES, (size_t)i,
		    PC_KIND);
		ml_day d;

		/* A kind typed by hand reads as its label; one that matches
		 * nothing is shown as written (the gate makes it safe). */
		text_cell(kind, sizeof kind, ml_proc_kind_label(k), 28);
		text_cell(desc, sizeof desc, store_get(ui->store, ML_PROCEDURES,
		    (size_t)i, PC_DESCRIPTION), 20);
		if (ml_date_parse(ds, &d) && d <= today)
			snprintf(count, sizeof count, "day %d", (int)(today - d));
		else
			snprintf(count, sizeof count, "%s",
			    ml_proc_kind_match(k) == NULL ? "kind not known" :
			    "date not valid");
		snprintf(line, sizeof line, "%c %2d  %-10.10s  %s %s %s",
		    i == pv.sel ? '>' : ' ', i + 1, ds, kind, desc, count);
		if (i == pv.sel)
			wattron(win, ui_attr(ui, UI_SELECTED));
		ui_put(win, 2 + i - pv.top, 1, cols - 2, line);
		wattroff(win, ui_attr(ui, UI_SELECTED));
	}
	if (pv.confirm) {
		snprintf(line, sizeof line, "Remove procedure %d? y removes it "
		    "(kept in procedures.csv.bak); any other key keeps it.",
		    pv.sel + 1);
		wattron(win, ui_attr(ui, UI_URGENT));
		ui_put(win, rows - 2, 1, cols - 2, line);
		wattroff(win, ui_attr(ui, UI_URGENT));
	} else {
		wattron(win, ui_attr(ui, UI_DIM));
		ui_put(win, rows - 2, 1, cols - 2, "Alerts already raised stay "
		    "listed when a procedure is changed or removed.");
		wattroff(win, ui_attr(ui, UI_DIM));
	}
}

static void
list_remove(struct ui *ui)
{
	struct record_result res;
	struct ml_error err;
	char buf[600];

	pv.confirm = false;
	if (record_procedure_remove(ui->store, ui->cfg, (size_t)pv.sel, &res,
	    &err) != 0) {
		ml_error_format(&err, buf, sizeof buf);
		ui_message(ui, "not removed: %s", buf);
		beep();
		return;
	}
	ui_message(ui, "procedure %d removed (kept in procedures.csv.bak)",
	    pv.sel + 1);
	ui_notify_saved(ui, ML_PROCEDURES, ml_today());
	ui_alerts_show(ui, &res);
	record_result_free(&res);
}

static enum ui_key_result
list_key(struct ui *ui, wint_t ch, bool is_key)
{
	size_t n = store_nrows(ui->store, ML_PROCEDURES);

	if (pv.confirm) {
		if (!is_key && ch == L'y' && (size_t)pv.sel < n)
			list_remove(ui);
		else
			ui_message(ui, "kept");
		pv.confirm = false;
		ui_dirty(ui);
		return UI_KEY_HANDLED;
	}
	if (is_key && (ch == KEY_UP || ch == KEY_DOWN)) {
		pv.sel += ch == KEY_UP ? -1 : 1;
		if (pv.sel < 0)
			pv.sel = 0;
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
		form_open(ui, -1, false);
		return UI_KEY_HANDLED;
	case L'e':
	case L'\r':
	case L'\n':
		if ((size_t)pv.sel < n)
			form_open(ui, pv.sel, false);
		return UI_KEY_HANDLED;
	case L'd':
		if ((size_t)pv.sel < n) {
			pv.confirm = true;
			ui_dirty(ui);
		}
		return UI_KEY_HANDLED;
	case 27:
		ui_switch(ui, &ui_today);
		return UI_KEY_HANDLED;
	default:
		return UI_KEY_UNHANDLED;
	}
}

/* --- the form --------------------------------------------------------- */

static void
form_draw(struct ui *ui, WINDOW *win)
{
	int cols = getmaxx(win), y = 0;
	char value[160];

	wattron(win, ui_attr(ui, UI_TITLE));
	ui_put(win, y, 1, cols - 2, pv.first_start ?
	    "Welcome. What was done, and when?" : pv.row >= 0 ?
	    "Edit procedure" : "Record a procedure");
	wattroff(win, ui_attr(ui, UI_TITLE));
	y = 2;
	if (pv.first_start) {
		ui_put(win, 1, 1, cols - 2, "mendlog counts \"day N after\" the "
		    "procedure; half its checks depend on it.");
	}
	for (int f = 0; f < F_NFIELDS; f++) {
		int fy = y + f;

		if (f == pv.field)
			wattron(win, ui_attr(ui, UI_SELECTED));
		ui_put(win, fy, 2, 15, field_labels[f]);
		if (f == pv.field)
			wattroff(win, ui_attr(ui, UI_SELECTED));
		if (f != F_KIND && f == pv.field && pv.ed.open) {
			ui_edit_draw(&pv.ed, win, fy, 18, cols - 20, &pv.cx);
			pv.cy = fy;
			continue;
		}
		if (f == F_KIND)
			snprintf(value, sizeof value, "< %s >",
			    choice_label(pv.kind));
		else
			snprintf(value, sizeof value, "%s",
			    f == F_DATE ? pv.date : pv.desc);
		ui_put(win, fy, 18, cols - 20, value);
	}
	/* The kinds, so the choice is never a guess. */
	y += F_NFIELDS + 1;
	for (int i = 0; i < choices() && y < getmaxy(win) - 2; i++, y++) {
		snprintf(value, sizeof value, "%c %s", i == pv.kind ? '*' : ' ',
		    choice_label(i));
		if (i == pv.kind)
			wattron(win, A_BOLD);
		ui_put(win, y, 4, cols - 6, value);
		if (i == pv.kind)
			wattroff(win, A_BOLD);
	}
	wattron(win, ui_attr(ui, UI_DIM));
	ui_put(win, getmaxy(win) - 1, 1, cols - 2, pv.first_start ?
	    "Left/Right choose  Enter type the date  w save  Esc skip for now" :
	    "When: 2026-11-24, today, yesterday, -3, 3 days ago or monday.");
	wattroff(win, ui_attr(ui, UI_DIM));
}

static void
form_save(struct ui *ui)
{
	struct record_result res;
	struct ml_error err;
	size_t nkinds;
	const struct ml_proc_kind *kinds = ml_proc_kinds(&nkinds);
	ml_day day;
	char why[160], buf[600];
	int rc;

	if (pv.kind >= (int)nkinds) {
		/* "None yet": nothing to record; the top line keeps saying
		 * that the procedure checks are off. */
		ui_message(ui, "no procedure recorded: checks tied to a procedure "
		    "are off - p to add");
		form_close(ui);
		return;
	}
	if (!ml_day_parse(pv.date, ml_today(), &day)) {
		ui_message(ui, "When: type a date as YYYY-MM-DD, today, "
		    "yesterday, -3, 3 days ago or monday");
		pv.field = F_DATE;
		beep();
		ui_dirty(ui);
		return;
	}
	if (!ml_day_recordable(day, ml_today(), false, why, sizeof why)) {
		ui_message(ui, "When: %s", why);
		pv.field = F_DATE;
		beep();
		ui_dirty(ui);
		return;
	}
	if (pv.row >= 0)
		rc = record_procedure_edit(ui->store, ui->cfg, (size_t)pv.row,
		    &day, kinds[pv.kind].id, pv.desc, &res, &err);
	else
		rc = record_procedure(ui->store, ui->cfg, day, kinds[pv.kind].id,
		    pv.desc, &res, &err);
	if (rc != 0) {
		ml_error_format(&err, buf, sizeof buf);
		ui_message(ui, "not saved: %s", buf);
		beep();
		ui_dirty(ui);
		return;
	}
	ui_message(ui, "%s saved", kinds[pv.kind].label);
	ui_notify_saved(ui, ML_PROCEDURES, day);
	form_close(ui);
	/* After the message: a raised alert's wording wins the notice line. */
	ui_alerts_show(ui, &res);
	record_result_free(&res);
}

static enum ui_key_result
form_key(struct ui *ui, wint_t ch, bool is_key)
{
	bool enter = (!is_key && (ch == L'\r' || ch == L'\n')) ||
	    (is_key && ch == KEY_ENTER);
	int n = choices();

	if (is_key && ch == KEY_RESIZE)
		return UI_KEY_UNHANDLED;
	if (pv.ed.open) {
		char **val = pv.field == F_DATE ? &pv.date : &pv.desc;

		ui_edit_field_key(&pv.ed, ch, is_key, val, &pv.field, F_NFIELDS);
		ui_dirty(ui);
		ui_dirty_frame(ui);
		return UI_KEY_HANDLED;
	}
	if (is_key && (ch == KEY_UP || ch == KEY_DOWN)) {
		ui_edit_field_move(&pv.field, ch == KEY_UP, F_NFIELDS);
	} else if (pv.field == F_KIND && ((is_key && (ch == KEY_LEFT ||
	    ch == KEY_RIGHT)) || (!is_key && (ch == L' ' || ch == L'h' ||
	    ch == L'l')))) {
		bool back = ch == KEY_LEFT || (!is_key && ch == L'h');

		pv.kind = (pv.kind + (back ? n - 1 : 1)) % n;
	} else if (enter) {
		if (pv.field == F_KIND)
			pv.field = F_DATE;
		else
			ui_edit_open(&pv.ed, pv.field == F_DATE ? pv.date :
			    pv.desc, pv.field == F_DATE ? DATE_CHARS : DESC_CHARS);
	} else if (!is_key && ch == L'w') {
		form_save(ui);
		return UI_KEY_HANDLED;
	} else if (!is_key && ch == 27) {
		/* Skipping says nothing more: the top line keeps saying the
		 * checks are off, and the notice line keeps what the start
		 * put there (a terminal fallback, the first-run notice). */
		if (!pv.first_start)
			ui_message(ui, "not saved");
		form_close(ui);
		return UI_KEY_HANDLED;
	} else if (!is_key && (ch == L'k' || ch == L'j')) {
		return form_key(ui, ch == L'k' ? KEY_UP : KEY_DOWN, true);
	} else {
		/* q, Tab, ? and the tab keys work as everywhere. */
		return UI_KEY_UNHANDLED;
	}
	ui_dirty(ui);
	ui_dirty_frame(ui);
	return UI_KEY_HANDLED;
}

/* --- the screen ------------------------------------------------------- */

static void
procedures_draw(struct ui *ui, WINDOW *win)
{
	if (pv.form)
		form_draw(ui, win);
	else
		list_draw(ui, win);
}

static enum ui_key_result
procedures_key(struct ui *ui, wint_t ch, bool is_key)
{
	return pv.form ? form_key(ui, ch, is_key) : list_key(ui, ch, is_key);
}

static const char *
procedures_hints(struct ui *ui)
{
	(void)ui;
	if (pv.form && pv.ed.open)
		return "type  Enter done  Esc undo";
	if (pv.form)
		return pv.field == F_KIND ?
		    "Left/Right kind  Up/Down field  w save  Esc cancel" :
		    "Up/Down field  Enter edit  w save  Esc cancel";
	return "a add  e edit  d remove  Esc back  q quit";
}

static bool
procedures_cursor(struct ui *ui, int *y, int *x)
{
	(void)ui;
	if (!pv.form || !pv.ed.open)
		return false;
	*y = pv.cy;
	*x = pv.cx;
	return true;
}

static void
procedures_enter(struct ui *ui)
{
	(void)ui;
	/* Reached with p: the list.  The first start opens the form after. */
	pv.form = pv.first_start = pv.confirm = false;
	pv.sel = pv.top = 0;
}

static void
procedures_leave(struct ui *ui)
{
	(void)ui;
	ui_edit_close(&pv.ed);
	pv.form = pv.confirm = false;
}

static const char *const procedures_help[] = {
	"p Procedures (from any screen)",
	"  a  add   e Enter  edit",
	"  d  remove (y confirms)",
	"  form: Left/Right kind, Enter type,",
	"  w  save   Esc  back/cancel",
	NULL,
};

const struct ui_screen ui_procedures = {
	.name = "Procedures",
	.tab_key = 'p',
	.enter = procedures_enter,
	.leave = procedures_leave,
	.draw = procedures_draw,
	.key = procedures_key,
	.hints = procedures_hints,
	.cursor = procedures_cursor,
	.help = procedures_help,
};
