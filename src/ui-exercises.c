/*
 * ui-exercises.c - the Exercises screen (tab 4) and the reminders service.
 *
 * Three views share the screen: today's slots (log them, snooze the
 * reminder, see adherence), the plan (pause, resume, choose one to edit),
 * and a form to add or edit an exercise.  Everything is read from the
 * store at draw time through plan.h; writes go through plan_log_write()
 * and store_upsert(), so other mendlogs' changes are never lost.
 *
 * The reminders service runs beside every screen: its tick (after each key
 * and at every input timeout, cfg.refresh_seconds) puts the first due slot
 * on the notice line and rings the bell once per newly due slot.
 */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "plan.h"
#include "record.h"
#include "ui.h"

enum view { V_TODAY, V_PLAN, V_FORM };

#define FIELD_MAX 512

static struct {
	enum view view;
	int sel;		/* selected row of the today or plan list */
	int top;		/* first row shown (scrolling) */

	/* The pain-during prompt after d, p or s. */
	bool asking;
	const char *ask_status;
	ml_day ask_day;		/* the slot's, kept if midnight passes */
	int ask_minutes;
	char ask_id[72];
	char ask_name[80];
	char pain[4];

	/* The add/edit form. */
	bool form_new;
	int field;		/* XC_* being looked at */
	bool editing;		/* typing into vals[field] */
	char vals[XC_NCOLS][FIELD_MAX];
	char before[FIELD_MAX];	/* the field's value when editing began */

	/* Reminders. */
	time_t snooze_until;
	time_t rung_upto;	/* slots due at or before this have rung */
} ex;

static const char *const field_labels[XC_NCOLS] = {
	"id", "name", "instructions", "sets", "reps", "hold (s)", "days",
	"times", "start date", "end date", "active",
};

/*
 * The plan, and the log of the days this screen and the reminders look at
 * (today's slots, adherence over the last 30 days): years of log are most
 * of a diary's size, and the screen need not hold them.  Saves still go to
 * the whole file (see store_window).
 */
static void
load_plan(struct ui *ui)
{
	struct ml_error err;
	char buf[600];

	store_window(ui->store, ML_EXERCISE_LOG, LC_DATE, ml_today() - 30);
	if (store_load(ui->store, ML_EXERCISES, NULL, &err) != 0 ||
	    store_load(ui->store, ML_EXERCISE_LOG, NULL, &err) != 0) {
		ml_error_format(&err, buf, sizeof buf);
		ui_message(ui, "%s", buf);
	}
}

static void
format_pct(double pct, char *buf, size_t size)
{
	if (isnan(pct))
		snprintf(buf, size, "-");
	else
		snprintf(buf, size, "%.0f%%", pct);
}

static enum ui_role
status_role(enum plan_status st)
{
	switch (st) {
	case PLAN_DUE: return UI_TITLE;
	case PLAN_OVERDUE: return UI_CONTACT;
	case PLAN_DONE: case PLAN_PARTIAL: return UI_OK;
	default: return UI_DIM;
	}
}

/* Print @s word-wrapped into rows y..y+maxrows-1; returns rows used. */
static int
wrap(WINDOW *win, int y, int x, int width, int maxrows, const char *s)
{
	int used = 0;
	char line[FIELD_MAX];

	while (*s && used < maxrows) {
		size_t fit = 0, lastsp = 0, len = strlen(s);

		/* Longest prefix that fits, preferring to break at a space. */
		while (fit < len && fit < sizeof line - 1) {
			size_t next = fit + 1;

			while (next < len && ((unsigned char)s[next] & 0xc0) == 0x80)
				next++;
			memcpy(line, s, next);
			line[next] = '\0';
			if (ui_strwidth(line) > width)
				break;
			if (s[fit] == ' ')
				lastsp = fit;
			fit = next;
		}
		if (fit < len && lastsp > 0)
			fit = lastsp;
		memcpy(line, s, fit);
		line[fit] = '\0';
		ui_put(win, y + used, x, width, line);
		used++;
		s += fit;
		while (*s == ' ')
			s++;
		if (fit == 0)
			break;
	}
	return used;
}

/* --- today ------------------------------------------------------------ */

static void
draw_today(struct ui *ui, WINDOW *win)
{
	struct plan_slot *v;
	struct plan_adherence a7, a30;
	time_t now = ml_now();
	ml_day today = ml_day_of(now);
	char p7[8], p30[8], line[256], dose[64];
	int rows = getmaxy(win), cols = getmaxx(win), list_rows, y;
	size_t n = plan_slots(ui->store, ui->cfg, today, now, &v);

	plan_adherence_last(ui->store, ui->cfg, NULL, 7, now, &a7);
	plan_adherence_last(ui->store, ui->cfg, NULL, 30, now, &a30);
	format_pct(a7.pct, p7, sizeof p7);
	format_pct(a30.pct, p30, sizeof p30);
	wattron(win, ui_attr(ui, UI_TITLE));
	ui_put(win, 0, 1, cols - 2, "Today's exercises");
	wattroff(win, ui_attr(ui, UI_TITLE));
	snprintf(line, sizeof line, "Adherence 7 days %s  30 days %s", p7, p30);
	ui_put(win, 0, cols - ui_strwidth(line) - 1, ui_strwidth(line), line);
	if (n == 0) {
		ui_put(win, 2, 2, cols - 4, store_nrows(ui->store, ML_EXERCISES) ?
		    "No exercises are planned for today." :
		    "No exercise plan yet. Press P to add exercises, or run");
		if (store_nrows(ui->store, ML_EXERCISES) == 0)
			ui_put(win, 3, 2, cols - 4,
			    "'mendlog plan import FILE' with your physiotherapist's plan.");
		free(v);
		return;
	}
	if (ex.sel >= (int)n)
		ex.sel = (int)n - 1;
	if (ex.sel < 0)
		ex.sel = 0;
	/* The list, then the selected exercise's details below it. */
	list_rows = rows - 9;
	if (ex.sel < ex.top)
		ex.top = ex.sel;
	if (ex.sel >= ex.top + list_rows)
		ex.top = ex.sel - list_rows + 1;
	for (int i = ex.top; i < (int)n && i < ex.top + list_rows; i++) {
		const char *name = store_get(ui->store, ML_EXERCISES,
		    v[i].exercise_row, XC_NAME);

		y = 2 + i - ex.top;
		plan_dose(ui->store, v[i].exercise_row, dose, sizeof dose);
		if (i == ex.sel)
			wattron(win, ui_attr(ui, UI_SELECTED));
		snprintf(line, sizeof line, "%c %02d:%02d  ", i == ex.sel ? '>' : ' ',
		    v[i].minutes / 60, v[i].minutes % 60);
		ui_put(win, y, 1, 10, line);
		if (i != ex.sel)
			wattron(win, ui_attr(ui, status_role(v[i].status)));
		ui_put(win, y, 11, 9, plan_status_name(v[i].status));
		if (i != ex.sel)
			wattroff(win, ui_attr(ui, status_role(v[i].status)));
		ui_put(win, y, 20, 30, name);
		ui_put(win, y, 51, cols - 52, dose);
		if (i == ex.sel)
			wattroff(win, ui_attr(ui, UI_SELECTED));
	}
	/* Details of the selected slot's exercise. */
	{
		size_t r = v[ex.sel].exercise_row;
		const char *id = plan_slot_id(ui->store, &v[ex.sel]);
		long lr = v[ex.sel].log_row;

		y = rows - 6;
		mvwhline(win, y - 1, 1, ACS_HLINE, cols - 2);
		plan_adherence_last(ui->store, ui->cfg, id, 7, now, &a7);
		plan_adherence_last(ui->store, ui->cfg, id, 30, now, &a30);
		format_pct(a7.pct, p7, sizeof p7);
		format_pct(a30.pct, p30, sizeof p30);
		plan_dose(ui->store, r, dose, sizeof dose);
		snprintf(line, sizeof line, "%s%s%s",
		    store_get(ui->store, ML_EXERCISES, r, XC_NAME), *dose ? ": " : "",
		    dose);
		wattron(win, A_BOLD);
		ui_put(win, y, 2, cols - 4, line);
		wattroff(win, A_BOLD);
		snprintf(line, sizeof line, "Adherence 7 days %s  30 days %s", p7, p30);
		if (lr >= 0) {
			const char *pain = store_get(ui->store, ML_EXERCISE_LOG,
			    (size_t)lr, LC_PAIN_DURING);
			size_t len = strlen(line);

			snprintf(line + len, sizeof line - len, "   logged %s%s%s",
			    store_get(ui->store, ML_EXERCISE_LOG, (size_t)lr, LC_STATUS),
			    *pain ? ", pain during " : "", pain);
		}
		ui_put(win, y + 1, 2, cols - 4, line);
		wrap(win, y + 2, 2, cols - 4, 3, store_get(ui->store, ML_EXERCISES,
		    r, XC_INSTRUCTIONS));
	}
	free(v);
	if (ex.asking) {
		snprintf(line, sizeof line, "%s %02d:%02d %s. Pain during it "
		    "(0-10, Enter to skip): %s", ex.ask_name, ex.ask_minutes / 60,
		    ex.ask_minutes % 60, ex.ask_status, ex.pain);
		wattron(win, A_BOLD);
		mvwhline(win, rows - 1, 0, ' ', cols);
		ui_put(win, rows - 1, 1, cols - 2, line);
		wattroff(win, A_BOLD);
	}
}

/* The slot selected on the today view; false when there is none. */
static bool
selected_slot(struct ui *ui, struct plan_slot *out)
{
	struct plan_slot *v;
	time_t now = ml_now();
	size_t n = plan_slots(ui->store, ui->cfg, ml_day_of(now), now, &v);
	bool ok = ex.sel >= 0 && (size_t)ex.sel < n;

	if (ok)
		*out = v[ex.sel];
	free(v);
	return ok;
}

static void
log_selected(struct ui *ui)
{
	struct plan_log log = { .sets_done = -1, .pain_during = -1 };
	struct record_result res;
	struct ml_error err;
	char buf[600];
	long pain;

	if (ex.pain[0] != '\0') {
		if (!ml_parse_int(ex.pain, 0, 10, &pain)) {
			ui_message(ui, "pain during is 0-10");
			beep();
			return;
		}
		log.pain_during = (int)pain;
	}
	log.day = ex.ask_day;
	log.minutes = ex.ask_minutes;
	log.exercise_id = ex.ask_id;
	log.status = ex.ask_status;
	ex.asking = false;
	if (record_exercise(ui->store, ui->cfg, &log, &res, &err) != 0) {
		ml_error_format(&err, buf, sizeof buf);
		ui_message(ui, "not saved: %s", buf);
		beep();
		return;
	}
	ui_message(ui, "%s %02d:%02d logged as %s", ex.ask_id, log.minutes / 60,
	    log.minutes % 60, log.status);
	ui_notify_saved(ui, ML_EXERCISE_LOG, log.day);
	ui_alerts_show(ui, &res);
	record_result_free(&res);
	ex.sel++;	/* on to the next slot; clamped when drawn */
}

static enum ui_key_result
key_asking(struct ui *ui, wint_t ch, bool is_key)
{
	size_t len = strlen(ex.pain);

	if (!is_key && ch >= L'0' && ch <= L'9') {
		if (len < 2) {
			ex.pain[len] = (char)ch;
			ex.pain[len + 1] = '\0';
		}
	} else if ((is_key && ch == KEY_BACKSPACE) || ch == 127 || ch == 8) {
		if (len > 0)
			ex.pain[len - 1] = '\0';
	} else if ((!is_key && (ch == L'\r' || ch == L'\n')) ||
	    (is_key && ch == KEY_ENTER)) {
		log_selected(ui);
	} else if (!is_key && ch == 27) {
		ex.asking = false;
		ui_message(ui, "not logged");
	} else if (is_key && ch == KEY_RESIZE) {
		return UI_KEY_UNHANDLED;
	}
	ui_dirty(ui);
	return UI_KEY_HANDLED;
}

static void
snooze(struct ui *ui)
{
	time_t until = ml_now() + (time_t)ui->cfg->snooze_minutes * 60;
	struct tm tm;
	char hhmm[8];

	ex.snooze_until = until;
	/* When the snooze ends, the bell rings again for what is still due. */
	ex.rung_upto = 0;
	ui->reminder[0] = '\0';
	localtime_r(&until, &tm);
	strftime(hhmm, sizeof hhmm, "%H:%M", &tm);
	ui_message(ui, "Reminders snoozed until %s", hhmm);
	ui_dirty_frame(ui);
}

static enum ui_key_result
key_today(struct ui *ui, wint_t ch, bool is_key)
{
	struct plan_slot slot;

	if (ex.asking)
		return key_asking(ui, ch, is_key);
	if (is_key) {
		if (ch == KEY_UP || ch == KEY_DOWN) {
			ex.sel += ch == KEY_UP ? -1 : 1;
			if (ex.sel < 0)
				ex.sel = 0;
			ui_dirty(ui);
			return UI_KEY_HANDLED;
		}
		return UI_KEY_UNHANDLED;
	}
	switch (ch) {
	case L'k':
	case L'j':
		return key_today(ui, ch == L'k' ? KEY_UP : KEY_DOWN, true);
	case L'd':
	case L'p':
	case L's':
		if (!selected_slot(ui, &slot)) {
			ui_message(ui, "no exercise slot today");
			return UI_KEY_HANDLED;
		}
		ex.asking = true;
		ex.ask_status = ch == L'd' ? "done" : ch == L'p' ? "partial" :
		    "skipped";
		ex.ask_day = slot.day;
		ex.ask_minutes = slot.minutes;
		snprintf(ex.ask_id, sizeof ex.ask_id, "%s",
		    plan_slot_id(ui->store, &slot));
		snprintf(ex.ask_name, sizeof ex.ask_name, "%s", store_get(ui->store,
		    ML_EXERCISES, slot.exercise_row, XC_NAME));
		ex.pain[0] = '\0';
		ui_dirty(ui);
		return UI_KEY_HANDLED;
	case L'z':
		snooze(ui);
		return UI_KEY_HANDLED;
	case L'P':
		ex.view = V_PLAN;
		ex.sel = ex.top = 0;
		ui_dirty(ui);
		ui_dirty_frame(ui);
		return UI_KEY_HANDLED;
	default:
		return UI_KEY_UNHANDLED;
	}
}

/* --- plan ------------------------------------------------------------- */

static void
draw_plan(struct ui *ui, WINDOW *win)
{
	size_t n = store_nrows(ui->store, ML_EXERCISES);
	int rows = getmaxy(win), cols = getmaxx(win), list_rows = rows - 3;
	char line[256];

	wattron(win, ui_attr(ui, UI_TITLE));
	ui_put(win, 0, 1, cols - 2, "Exercise plan");
	wattroff(win, ui_attr(ui, UI_TITLE));
	if (n == 0) {
		ui_put(win, 2, 2, cols - 4, "No exercises yet. Press a to add one.");
		return;
	}
	if (ex.sel >= (int)n)
		ex.sel = (int)n - 1;
	if (ex.sel < ex.top)
		ex.top = ex.sel;
	if (ex.sel >= ex.top + list_rows)
		ex.top = ex.sel - list_rows + 1;
	for (int i = ex.top; i < (int)n && i < ex.top + list_rows; i++) {
		struct plan_schedule sc;
		const char *days = store_get(ui->store, ML_EXERCISES, (size_t)i,
		    XC_DAYS);
		bool ok = plan_row_schedule(ui->store, (size_t)i, &sc);

		snprintf(line, sizeof line, "%c %-26.26s %-14.14s %-12.12s %s",
		    i == ex.sel ? '>' : ' ',
		    store_get(ui->store, ML_EXERCISES, (size_t)i, XC_NAME),
		    *days ? days : "daily",
		    store_get(ui->store, ML_EXERCISES, (size_t)i, XC_TIMES),
		    !ok ? "needs fixing" : sc.active ? "active" : "paused");
		if (i == ex.sel)
			wattron(win, ui_attr(ui, UI_SELECTED));
		else if (ok && !sc.active)
			wattron(win, ui_attr(ui, UI_DIM));
		ui_put(win, 2 + i - ex.top, 1, cols - 2, line);
		wattroff(win, ui_attr(ui, UI_SELECTED) | ui_attr(ui, UI_DIM));
	}
	/* Why the selected exercise gets no slots, if it does not. */
	{
		struct plan_schedule sc;
		struct ml_error why;

		if (plan_row_check(ui->store, (size_t)ex.sel, &sc, &why) != 0) {
			snprintf(line, sizeof line, "Not scheduled: %s: %.160s "
			    "(e to edit)", why.field, why.msg);
			ui_put(win, rows - 1, 1, cols - 2, line);
		}
	}
}

static void
set_active(struct ui *ui, size_t row)
{
	const char *id = store_get(ui->store, ML_EXERCISES, row, XC_ID);
	bool paused = ml_parse_yesno(store_get(ui->store, ML_EXERCISES, row,
	    XC_ACTIVE)) == 0;
	struct ml_set set = { "active", paused ? "yes" : "no" };
	const char *key[1];
	struct ml_error err;
	char buf[600], copy[72];

	snprintf(copy, sizeof copy, "%s", id);
	key[0] = copy;
	if (store_upsert(ui->store, ML_EXERCISES, key, &set, 1, &err) != 0) {
		ml_error_format(&err, buf, sizeof buf);
		ui_message(ui, "not saved: %s", buf);
		beep();
		return;
	}
	ui_message(ui, "%s %s", copy, paused ? "resumed" : "paused");
	ui_notify_saved(ui, ML_EXERCISES, ml_today());
}

static void
open_form(struct ui *ui, long row)
{
	memset(ex.vals, 0, sizeof ex.vals);
	ex.form_new = row < 0;
	ex.field = row < 0 ? XC_ID : XC_NAME;
	ex.editing = false;
	if (row >= 0)
		for (size_t c = 0; c < XC_NCOLS; c++)
			snprintf(ex.vals[c], FIELD_MAX, "%s", store_get(ui->store,
			    ML_EXERCISES, (size_t)row, c));
	else
		snprintf(ex.vals[XC_ACTIVE], FIELD_MAX, "yes");
	ex.view = V_FORM;
	ui_dirty(ui);
	ui_dirty_frame(ui);
}

static enum ui_key_result
key_plan(struct ui *ui, wint_t ch, bool is_key)
{
	size_t n = store_nrows(ui->store, ML_EXERCISES);

	if (is_key && (ch == KEY_UP || ch == KEY_DOWN)) {
		ex.sel += ch == KEY_UP ? -1 : 1;
		if (ex.sel < 0)
			ex.sel = 0;
		ui_dirty(ui);
		return UI_KEY_HANDLED;
	}
	if (is_key && ch == KEY_ENTER)
		return key_plan(ui, L'e', false);
	if (is_key)
		return UI_KEY_UNHANDLED;
	switch (ch) {
	case L'k':
	case L'j':
		return key_plan(ui, ch == L'k' ? KEY_UP : KEY_DOWN, true);
	case L'a':
		open_form(ui, -1);
		return UI_KEY_HANDLED;
	case L'e':
	case L'\r':
	case L'\n':
		if (n > 0 && (size_t)ex.sel < n)
			open_form(ui, ex.sel);
		return UI_KEY_HANDLED;
	case L' ':
		if (n > 0 && (size_t)ex.sel < n)
			set_active(ui, (size_t)ex.sel);
		return UI_KEY_HANDLED;
	case 27:
	case L'P':
		ex.view = V_TODAY;
		ex.sel = ex.top = 0;
		ui_dirty(ui);
		ui_dirty_frame(ui);
		return UI_KEY_HANDLED;
	default:
		return UI_KEY_UNHANDLED;
	}
}

/* --- form ------------------------------------------------------------- */

static void
draw_form(struct ui *ui, WINDOW *win)
{
	int cols = getmaxx(win);

	wattron(win, ui_attr(ui, UI_TITLE));
	ui_put(win, 0, 1, cols - 2, ex.form_new ? "New exercise" :
	    "Edit exercise");
	wattroff(win, ui_attr(ui, UI_TITLE));
	for (int c = 0; c < XC_NCOLS; c++) {
		bool ro = c == XC_ID && !ex.form_new;

		if (c == ex.field)
			wattron(win, ui_attr(ui, UI_SELECTED));
		ui_put(win, 2 + c, 2, 14, field_labels[c]);
		if (c == ex.field)
			wattroff(win, ui_attr(ui, UI_SELECTED));
		if (ro)
			wattron(win, ui_attr(ui, UI_DIM));
		ui_put(win, 2 + c, 17, cols - 19, ex.vals[c]);
		if (ro)
			wattroff(win, ui_attr(ui, UI_DIM));
	}
	ui_put(win, 3 + XC_NCOLS, 2, cols - 4, "days: daily, mon;wed;fri or "
	    "every 2 days.  times: 08:00;18:00.  active: yes or no.");
	ui_put(win, 4 + XC_NCOLS, 2, cols - 4, "An empty id is made from the "
	    "name.  Dates are YYYY-MM-DD.");
}

static bool
form_cursor(int *y, int *x)
{
	if (ex.view != V_FORM || !ex.editing)
		return false;
	*y = 2 + ex.field;
	*x = 17 + ui_strwidth(ex.vals[ex.field]);
	return true;
}

static void
save_form(struct ui *ui)
{
	const struct ml_schema *sc = ml_schema(ML_EXERCISES);
	struct ml_set sets[XC_NCOLS];
	struct plan_schedule sched;
	struct ml_error err;
	const char *key[1];
	const char *id = ex.vals[XC_ID];
	char buf[600];
	size_t n = 0;

	if (ex.vals[XC_ID][0] == '\0')
		plan_slug(ex.vals[XC_NAME], ex.vals[XC_ID], 72);
	key[0] = id;
	for (int c = 0; c < XC_NCOLS; c++) {
		if ((sc->cols[c].required && ex.vals[c][0] == '\0') ||
		    store_check_value(ML_EXERCISES, sc->cols[c].name, ex.vals[c],
		    &err) != 0) {
			if (ex.vals[c][0] == '\0')
				ml_error_set(&err, NULL, 0, sc->cols[c].name,
				    "empty, but required");
			goto bad;
		}
		if (c != XC_ID) {
			sets[n].column = sc->cols[c].name;
			sets[n++].value = ex.vals[c];
		}
	}
	if (plan_schedule_parse(ex.vals[XC_DAYS], ex.vals[XC_TIMES],
	    ex.vals[XC_START_DATE], ex.vals[XC_END_DATE], ex.vals[XC_ACTIVE],
	    &sched, &err) != 0)
		goto bad;
	if (sched.kind == PLAN_EVERY && !sched.has_start) {
		ml_error_set(&err, NULL, 0, "start_date", "'every N days' counts "
		    "from the start date: give one");
		goto bad;
	}
	if (ex.form_new && plan_find(ui->store, id) >= 0) {
		ml_error_set(&err, NULL, 0, "id", "'%s' is already in the plan", id);
		goto bad;
	}
	if (store_upsert(ui->store, ML_EXERCISES, key, sets, n, &err) != 0)
		goto bad;
	ui_message(ui, "%s saved", id);
	ui_notify_saved(ui, ML_EXERCISES, ml_today());
	ex.view = V_PLAN;
	ui_dirty(ui);
	ui_dirty_frame(ui);
	return;
bad:
	ml_error_format(&err, buf, sizeof buf);
	ui_message(ui, "not saved: %s", buf);
	for (int c = 0; c < XC_NCOLS; c++)
		if (strcmp(err.field, sc->cols[c].name) == 0)
			ex.field = c;
	beep();
	ui_dirty(ui);
}

/* Append the wide character @ch to the field being edited. */
static void
field_append(wint_t ch)
{
	char mb[MB_LEN_MAX];
	mbstate_t st;
	size_t len = strlen(ex.vals[ex.field]), k;

	memset(&st, 0, sizeof st);
	k = wcrtomb(mb, (wchar_t)ch, &st);
	if (k == (size_t)-1 || len + k >= FIELD_MAX)
		return;
	memcpy(ex.vals[ex.field] + len, mb, k);
	ex.vals[ex.field][len + k] = '\0';
}

static enum ui_key_result
key_form(struct ui *ui, wint_t ch, bool is_key)
{
	bool enter = (!is_key && (ch == L'\r' || ch == L'\n')) ||
	    (is_key && ch == KEY_ENTER);
	char *v = ex.vals[ex.field];
	size_t len = strlen(v);

	if (is_key && ch == KEY_RESIZE)
		return UI_KEY_UNHANDLED;
	if (ex.editing) {
		if (enter) {
			ex.editing = false;
			if (ex.field < XC_NCOLS - 1)
				ex.field++;
		} else if (!is_key && ch == 27) {
			snprintf(v, FIELD_MAX, "%s", ex.before);
			ex.editing = false;
		} else if ((is_key && ch == KEY_BACKSPACE) || ch == 127 || ch == 8) {
			/* Remove one whole UTF-8 character. */
			while (len > 0 && ((unsigned char)v[len - 1] & 0xc0) == 0x80)
				len--;
			if (len > 0)
				len--;
			v[len] = '\0';
		} else if (!is_key && ch >= 0x20 && ch != 127) {
			field_append(ch);
		}
		ui_dirty(ui);
		return UI_KEY_HANDLED;
	}
	if (is_key && (ch == KEY_UP || ch == KEY_DOWN)) {
		ex.field += ch == KEY_UP ? -1 : 1;
		ex.field = ex.field < 0 ? 0 : ex.field >= XC_NCOLS ?
		    XC_NCOLS - 1 : ex.field;
	} else if (enter) {
		if (ex.field != XC_ID || ex.form_new) {
			snprintf(ex.before, sizeof ex.before, "%s", v);
			ex.editing = true;
		}
	} else if (!is_key && ch == L'w') {
		save_form(ui);
	} else if (!is_key && ch == 27) {
		ex.view = V_PLAN;
		ui_message(ui, "not saved");
		ui_dirty_frame(ui);
	} else if (!is_key && (ch == L'k' || ch == L'j')) {
		return key_form(ui, ch == L'k' ? KEY_UP : KEY_DOWN, true);
	} else {
		return UI_KEY_UNHANDLED;
	}
	ui_dirty(ui);
	return UI_KEY_HANDLED;
}

/* --- the screen ------------------------------------------------------- */

static void
enter(struct ui *ui)
{
	load_plan(ui);
}

static void
leave(struct ui *ui)
{
	(void)ui;
	ex.asking = false;
}

/* The connection dropped or mendlog was told to stop: a slot whose log
 * was begun (d, p or s pressed) is logged with what was typed.  A half
 * filled plan form is not saved: it may not be valid. */
static void
flush(struct ui *ui)
{
	if (ex.asking && ex.view == V_TODAY) {
		if (!ml_parse_int(ex.pain, 0, 10, &(long){ 0 }))
			ex.pain[0] = '\0';
		log_selected(ui);
	}
}

static void
draw(struct ui *ui, WINDOW *win)
{
	switch (ex.view) {
	case V_TODAY: draw_today(ui, win); break;
	case V_PLAN: draw_plan(ui, win); break;
	case V_FORM: draw_form(ui, win); break;
	}
}

static enum ui_key_result
key(struct ui *ui, wint_t ch, bool is_key)
{
	switch (ex.view) {
	case V_TODAY: return key_today(ui, ch, is_key);
	case V_PLAN: return key_plan(ui, ch, is_key);
	case V_FORM: return key_form(ui, ch, is_key);
	}
	return UI_KEY_UNHANDLED;
}

static const char *
hints(struct ui *ui)
{
	(void)ui;
	if (ex.view == V_FORM)
		return ex.editing ? "type  Enter done  Esc undo" :
		    "Up/Down field  Enter edit  w save  Esc cancel";
	if (ex.view == V_PLAN)
		return "a add  e edit  Space pause/resume  Esc back  q quit";
	if (ex.asking)
		return "0-10 then Enter  Enter alone: no pain score  Esc cancel";
	return "d done  p partial  s skip  z snooze  P plan  Tab next  q quit";
}

static bool
cursor(struct ui *ui, int *y, int *x)
{
	(void)ui;
	return form_cursor(y, x);
}

/* For the Help screen (see struct ui_screen's help). */
static const char *const help[] = {
	"4 Exercises",
	"  Up/Down j/k  select a slot",
	"  d p s        done, partial, skipped;",
	"               then pain 0-10 and Enter",
	"  z            snooze the reminder",
	"  P            the plan: a add, e edit,",
	"               Space pause, Esc back",
	NULL,
};

const struct ui_screen ui_exercises = {
	.name = "Exercises",
	.tab_key = '4',
	.digits_are_input = false,
	.enter = enter,
	.leave = leave,
	.draw = draw,
	.key = key,
	.hints = hints,
	.flush = flush,
	.cursor = cursor,
	.help = help,
};

/* --- the reminders service -------------------------------------------- */

static void rem_tick(struct ui *ui);

/* After the first frame: the plan and log are not needed to draw it. */
static void
rem_start(struct ui *ui)
{
	load_plan(ui);
	/* Only slots that come due from now on ring; those already due are
	 * shown at once, without a bell. */
	ex.rung_upto = ml_now();
	rem_tick(ui);
}

static void
rem_tick(struct ui *ui)
{
	static unsigned long last_sig;
	struct plan_slot first;
	time_t now = ml_now(), newest;
	unsigned long sig;
	size_t due;
	bool quiet;
	char line[sizeof ui->reminder] = "";

	if (!ui->store->files[ML_EXERCISES].loaded)
		load_plan(ui);
	due = plan_due_now(ui->store, ui->cfg, now, &first, &newest);
	/* A fresh message (saved, not saved: why) has the notice line for a
	 * few seconds; the reminder comes back at a later tick. */
	quiet = ui->message[0] != '\0' && now - ui->message_at < 4;
	if (due > 0 && now >= ex.snooze_until) {
		char more[32] = "";

		if (due > 1)
			snprintf(more, sizeof more, " (+%zu more)", due - 1);
		if (!quiet)
			snprintf(line, sizeof line, "Exercise %s %02d:%02d: %.60s%s - "
			    "F4, then d when done, z to snooze",
			    first.status == PLAN_OVERDUE ? "overdue since" : "due",
			    first.minutes / 60, first.minutes % 60,
			    store_get(ui->store, ML_EXERCISES, first.exercise_row,
			    XC_NAME), more);
		if (newest > ex.rung_upto) {
			ex.rung_upto = newest;
			if (ui->cfg->bell)
				ui->bell = true;
		}
	}
	/* Statuses change with the clock (later -> due -> overdue): redraw
	 * the today list when the minute or the count changes. */
	sig = (unsigned long)(now / 60) * 31u + due;
	if (sig != last_sig && ui->screen == &ui_exercises)
		ui_dirty(ui);
	last_sig = sig;
	if (strcmp(line, ui->reminder) != 0) {
		snprintf(ui->reminder, sizeof ui->reminder, "%s", line);
		ui_dirty_frame(ui);
		if (ui->screen == &ui_exercises)
			ui_dirty(ui);
	}
}

static void
rem_changed(struct ui *ui, enum ml_file file)
{
	if (file == ML_EXERCISES || file == ML_EXERCISE_LOG)
		rem_tick(ui);
}

static void
rem_saved(struct ui *ui, enum ml_file file, ml_day day)
{
	(void)day;
	rem_changed(ui, file);
}

const struct ui_service ui_reminders = {
	.name = "reminders",
	.started = rem_start,
	.tick = rem_tick,
	.saved = rem_saved,
	.reloaded = rem_changed,
};
