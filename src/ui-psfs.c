/*
 * ui-psfs.c - the weekly function check-in (PSFS) form; see ui-psfs.h.
 *
 * Body rows: 0 title, 1 what the scale means, 3 the column header, then
 * one row per active activity (at most PSFS_MAX_ACTIVE; a hand-edited
 * file with more shows what fits), then "+ add an activity" while there
 * is room, then the week's mean and the change since the first week.
 *
 * Digits rate the selected activity as on Today ("1" then "0" is ten);
 * each rating is saved at once, so nothing is lost on a hang-up.  A name
 * half-typed for a new activity is dropped then: an activity is a promise
 * to rate it every week, not a scrap of text.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "psfs.h"
#include "ui-edit.h"
#include "ui-psfs.h"

#define NAME_X 4
#define NAME_W 40
#define THIS_X 48
#define LAST_X 60
#define HEADER_ROW 3
#define FIRST_ROW 4
#define MAX_ROWS 12

static struct {
	const struct ui_screen *back;	/* where w and Esc return */
	ml_day week;			/* first day of the week being rated */
	size_t cur;			/* selected row: an activity, or "add" */
	int pending;			/* last digit typed, for "1 0" = 10 */
	bool adding;			/* the name editor is open */
	struct ui_edit ed;
	int cx, cy;
} psfs_st = { .pending = -1 };

static const struct ml_store *sort_store;	/* for by_added */

/* Oldest first, then by name: the same order in every session, however
 * the file's rows are ordered. */
static int
by_added(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	int c = strcmp(store_get(sort_store, ML_PSFS_ACTIVITIES, x, PA_ADDED),
	    store_get(sort_store, ML_PSFS_ACTIVITIES, y, PA_ADDED));

	return c != 0 ? c : strcmp(store_get(sort_store, ML_PSFS_ACTIVITIES, x,
	    PA_NAME), store_get(sort_store, ML_PSFS_ACTIVITIES, y, PA_NAME));
}

/* The active activities' rows, oldest first; returns how many. */
static size_t
psfs_active_rows(const struct ml_store *s, size_t *rows, size_t max)
{
	size_t n = 0;

	for (size_t r = 0; r < store_nrows(s, ML_PSFS_ACTIVITIES) && n < max;
	    r++)
		if (!psfs_retired(s, r))
			rows[n++] = r;
	sort_store = s;
	qsort(rows, n, sizeof *rows, by_added);
	return n;
}

/* Rows the cursor can be on: the activities, plus "add" while there is
 * room for one more. */
static size_t
psfs_nrows(const struct ml_store *s, size_t nact)
{
	return nact + (psfs_active_count(s) < PSFS_MAX_ACTIVE ? 1 : 0);
}

static void
psfs_load(struct ui *ui)
{
	static const enum ml_file need[] = { ML_PSFS_ACTIVITIES,
	    ML_PSFS_RATINGS };
	struct ml_error err;

	for (size_t i = 0; i < ML_NELEM(need); i++)
		if (store_load(ui->store, need[i], NULL, &err) != 0) {
			char buf[600];

			ml_error_format(&err, buf, sizeof buf);
			ui_message(ui, "%s", buf);
		}
}

void
ui_psfs_open(struct ui *ui)
{
	if (ui->screen != &ui_psfs)
		psfs_st.back = ui->screen;
	psfs_st.week = psfs_week_of(ui->cfg, ml_today());
	ui_switch(ui, &ui_psfs);
}

static void
psfs_enter(struct ui *ui)
{
	size_t rows[MAX_ROWS];

	psfs_load(ui);
	psfs_st.cur = 0;
	psfs_st.pending = -1;
	/* With nothing to rate, the form starts on "add". */
	if (psfs_active_rows(ui->store, rows, MAX_ROWS) == 0)
		ui_message(ui, "No activities yet: name one you find hard "
		    "because of your back (a to add).");
}

static void
psfs_leave(struct ui *ui)
{
	(void)ui;
	ui_edit_close(&psfs_st.ed);
	psfs_st.adding = false;
}

static void
go_back(struct ui *ui)
{
	extern const struct ui_screen ui_today;

	ui_switch(ui, psfs_st.back != NULL ? psfs_st.back : &ui_today);
}

static void
rate(struct ui *ui, size_t row, int value)
{
	struct psfs_rating r = { store_get(ui->store, ML_PSFS_ACTIVITIES, row,
	    PA_NAME), value };
	struct ml_error err;
	char *name = xstrdup(r.name);	/* psfs_rate reloads the table */
	char buf[600];

	r.name = name;
	if (psfs_rate(ui->store, ui->cfg, psfs_st.week, &r, 1, ml_now(),
	    &err) != 0) {
		ml_error_format(&err, buf, sizeof buf);
		ui_message(ui, "not saved: %s", buf);
		beep();
	} else {
		ui_message(ui, "%s: %d saved for the week", name, value);
		ui_notify_saved(ui, ML_PSFS_RATINGS, psfs_st.week);
	}
	free(name);
}

static void
add_activity(struct ui *ui)
{
	char *name = ui_edit_utf8(&psfs_st.ed);
	struct ml_error err;
	char buf[600];

	if (psfs_add(ui->store, name, ml_today(), &err) != 0) {
		ml_error_format(&err, buf, sizeof buf);
		ui_message(ui, "not added: %s", buf);
		beep();
	} else {
		ui_edit_close(&psfs_st.ed);
		psfs_st.adding = false;
		ui_message(ui, "added; rate it with 0-10");
		ui_notify_saved(ui, ML_PSFS_ACTIVITIES, ml_today());
	}
	free(name);
}

static enum ui_key_result
editor_key(struct ui *ui, wint_t ch, bool is_key)
{
	switch (ui_edit_key(&psfs_st.ed, ch, is_key)) {
	case UI_EDIT_CANCEL:
		ui_edit_close(&psfs_st.ed);
		psfs_st.adding = false;
		break;
	case UI_EDIT_DONE:
		add_activity(ui);
		break;
	case UI_EDIT_MORE:
		break;
	}
	ui_dirty(ui);
	ui_dirty_frame(ui);
	return UI_KEY_HANDLED;
}

static void
open_add(struct ui *ui)
{
	if (psfs_active_count(ui->store) >= PSFS_MAX_ACTIVE) {
		ui_message(ui, "already %d activities: retire one first "
		    "(mendlog psfs retire NAME)", PSFS_MAX_ACTIVE);
		return;
	}
	psfs_st.adding = true;
	ui_edit_open(&psfs_st.ed, "", 60);
}

/* Move the week by @weeks, never past this week. */
static void
shift_week(struct ui *ui, int weeks)
{
	ml_day w = psfs_st.week + (ml_day)(7 * weeks);
	ml_day now = psfs_week_of(ui->cfg, ml_today());

	psfs_st.week = w < now ? w : now;
	psfs_st.pending = -1;
}

static enum ui_key_result
psfs_key(struct ui *ui, wint_t ch, bool is_key)
{
	size_t rows[MAX_ROWS];
	size_t nact = psfs_active_rows(ui->store, rows, MAX_ROWS);
	size_t nrows = psfs_nrows(ui->store, nact);
	int pending = psfs_st.pending;
	bool on_activity = psfs_st.cur < nact;

	if (psfs_st.adding)
		return editor_key(ui, ch, is_key);
	psfs_st.pending = -1;
	if (!is_key && ch >= L'0' && ch <= L'9') {
		int d = (int)(ch - L'0');

		if (!on_activity)
			return UI_KEY_HANDLED;
		if (pending >= 0 && pending * 10 + d <= 10) {
			rate(ui, rows[psfs_st.cur], pending * 10 + d);
		} else {
			rate(ui, rows[psfs_st.cur], d);
			psfs_st.pending = d;
		}
		return UI_KEY_HANDLED;
	}
	/* Tab and Shift-Tab move on from the screen the form was opened
	 * from, as if it had never left it: back there, then the frame. */
	if ((!is_key && ch == L'\t') || (is_key && ch == KEY_BTAB)) {
		go_back(ui);
		return UI_KEY_UNHANDLED;
	}
	if (is_key) {
		switch (ch) {
		case KEY_DOWN: ch = L'j'; break;
		case KEY_UP: ch = L'k'; break;
		case KEY_PPAGE: ch = L'['; break;
		case KEY_NPAGE: ch = L']'; break;
		case KEY_ENTER: ch = L'\r'; break;
		default: return UI_KEY_UNHANDLED;
		}
	}
	switch (ch) {
	case L'j':
		if (psfs_st.cur + 1 < nrows)
			psfs_st.cur++;
		break;
	case L'k':
		if (psfs_st.cur > 0)
			psfs_st.cur--;
		break;
	case L'+': case L'=': case L'-':
		if (on_activity) {
			int v = psfs_rating_of(ui->store, ui->cfg, store_get(
			    ui->store, ML_PSFS_ACTIVITIES, rows[psfs_st.cur],
			    PA_ID), psfs_st.week);

			v = v < 0 ? 5 : v + (ch == L'-' ? -1 : 1);
			if (v >= 0 && v <= 10)
				rate(ui, rows[psfs_st.cur], v);
		}
		break;
	case L'a':
		open_add(ui);
		break;
	case L'\r': case L'\n':
		if (!on_activity)
			open_add(ui);
		else
			ui_message(ui, "type 0-10 to rate; 1 then 0 is 10");
		break;
	case L'[': shift_week(ui, -1); break;
	case L']': shift_week(ui, 1); break;
	case L'w': case 27:	/* Esc */
		go_back(ui);
		return UI_KEY_HANDLED;
	default:
		return UI_KEY_UNHANDLED;
	}
	ui_dirty(ui);
	ui_dirty_frame(ui);
	return UI_KEY_HANDLED;
}

/* "7" or "-" for activity @row in the week from @week. */
static void
rating_text(struct ui *ui, size_t row, ml_day week, char *buf, size_t size)
{
	int v = psfs_rating_of(ui->store, ui->cfg, store_get(ui->store,
	    ML_PSFS_ACTIVITIES, row, PA_ID), week);

	if (v < 0)
		snprintf(buf, size, "-");
	else
		snprintf(buf, size, "%d", v);
}

/* The week's mean and the change since the first rated week. */
static void
draw_summary(struct ui *ui, WINDOW *win, int y)
{
	int width = getmaxx(win) - 4;
	struct psfs_week *w;
	struct psfs_change ch;
	char line[200], first[ML_DATE_LEN];

	if (psfs_weeks(ui->store, ui->cfg, psfs_st.week, psfs_st.week, &w) > 0 &&
	    w[0].rated > 0)
		snprintf(line, sizeof line, "Mean for the week: %.1f (%d rated)",
		    w[0].mean, w[0].rated);
	else
		snprintf(line, sizeof line, "Mean for the week: no rating yet "
		    "(a gap, not a zero)");
	free(w);
	ui_put(win, y, 2, width, line);
	psfs_change(ui->store, ui->cfg, psfs_st.week + 6, &ch);
	if (!ch.known)
		return;
	ml_date_format(ch.first_week, first);
	snprintf(line, sizeof line, "Since the week of %s: %+.1f (%s; "
	    "threshold %.1f)", first, ch.change, psfs_change_label(&ch),
	    ui->cfg->psfs_meaningful_change);
	ui_put(win, y + 1, 2, width, line);
}

static void
psfs_draw(struct ui *ui, WINDOW *win)
{
	size_t rows[MAX_ROWS];
	size_t nact = psfs_active_rows(ui->store, rows, MAX_ROWS);
	size_t nrows = psfs_nrows(ui->store, nact);
	ml_day this_week = psfs_week_of(ui->cfg, ml_today());
	char title[120], date[ML_DATE_LEN], now[16], last[16];
	int y = FIRST_ROW, width = getmaxx(win) - 4;

	if (psfs_st.cur >= nrows)
		psfs_st.cur = nrows > 0 ? nrows - 1 : 0;
	ml_date_format(psfs_st.week, date);
	snprintf(title, sizeof title, "Weekly check-in (PSFS): week of %s%s",
	    date, psfs_st.week == this_week ? " (this week)" : "");
	wattron(win, ui_attr(ui, UI_TITLE));
	ui_put(win, 0, 2, width, title);
	wattroff(win, ui_attr(ui, UI_TITLE));
	wattron(win, ui_attr(ui, UI_DIM));
	ui_put(win, 1, 2, width, "Rate each activity: 0 = unable to do it, "
	    "10 = as before the problem.");
	ui_put(win, HEADER_ROW, NAME_X, NAME_W, "Activity");
	ui_put(win, HEADER_ROW, THIS_X - 2, 10, "this week");
	ui_put(win, HEADER_ROW, LAST_X - 2, 12, "week before");
	wattroff(win, ui_attr(ui, UI_DIM));
	for (size_t i = 0; i < nact; i++, y++) {
		attr_t a = i == psfs_st.cur ? ui_attr(ui, UI_SELECTED) : A_NORMAL;

		rating_text(ui, rows[i], psfs_st.week, now, sizeof now);
		rating_text(ui, rows[i], psfs_st.week - 7, last, sizeof last);
		wattron(win, a);
		mvwhline(win, y, NAME_X - 2, ' ', NAME_W + 4);
		ui_put(win, y, NAME_X, NAME_W, store_get(ui->store,
		    ML_PSFS_ACTIVITIES, rows[i], PA_NAME));
		wattroff(win, a);
		ui_put(win, y, THIS_X + 1, 4, now);
		wattron(win, ui_attr(ui, UI_DIM));
		ui_put(win, y, LAST_X + 1, 4, last);
		wattroff(win, ui_attr(ui, UI_DIM));
	}
	if (nrows > nact) {
		attr_t a = psfs_st.cur == nact && !psfs_st.adding ?
		    ui_attr(ui, UI_SELECTED) : A_NORMAL;

		if (psfs_st.adding) {
			static const char prompt[] = "New activity: ";

			ui_put(win, y, NAME_X - 2, (int)sizeof prompt, prompt);
			ui_edit_draw(&psfs_st.ed, win, y, NAME_X - 2 +
			    (int)sizeof prompt - 1, width - NAME_X - 12,
			    &psfs_st.cx);
			psfs_st.cy = y;
		} else {
			wattron(win, a);
			mvwhline(win, y, NAME_X - 2, ' ', NAME_W + 4);
			ui_put(win, y, NAME_X, width - NAME_X, nact == 0 ?
			    "+ add an activity (e.g. putting on socks)" :
			    "+ add an activity");
			wattroff(win, a);
		}
		y++;
	}
	draw_summary(ui, win, y + 1);
	wattron(win, ui_attr(ui, UI_DIM));
	ui_put(win, y + 4, 2, width, "A diary of how you manage; it does not "
	    "replace your clinician.");
	wattroff(win, ui_attr(ui, UI_DIM));
}

static const char *
psfs_hints(struct ui *ui)
{
	(void)ui;
	if (psfs_st.adding)
		return "Enter add  Esc cancel  Left/Right Home End";
	return "0-10 rate  +/- adjust  a add  [ ] week  w/Esc back  ? help";
}

static bool
psfs_cursor(struct ui *ui, int *y, int *x)
{
	(void)ui;
	if (!psfs_st.adding)
		return false;
	*y = psfs_st.cy;
	*x = psfs_st.cx;
	return true;
}

/* SIGHUP, SIGTERM, Ctrl-C: ratings are already saved; a half-typed name
 * is dropped (see the top of this file). */
static void
psfs_flush(struct ui *ui)
{
	psfs_leave(ui);
}

static const char *const psfs_help[] = {
	"w Weekly check-in (PSFS)",
	"  from Today or Trends",
	"  Up/Down j/k  choose an activity",
	"  0-10         rate it (1 then 0 = 10)",
	"  + -          raise/lower the rating",
	"  a            add an activity",
	"  [ ] PgUp PgDn  week before/after",
	"  w Esc        back",
	NULL,
};

const struct ui_screen ui_psfs = {
	.name = "Check-in",
	.tab_key = 0,			/* no tab: opened from Today and Trends */
	.digits_are_input = true,
	.enter = psfs_enter,
	.leave = psfs_leave,
	.draw = psfs_draw,
	.key = psfs_key,
	.hints = psfs_hints,
	.flush = psfs_flush,
	.cursor = psfs_cursor,
	.help = psfs_help,
};
