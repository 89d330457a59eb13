/*
 * ui-exercises.c - the Exercises tab (4) and its first view, today's
 * slots: log them (d, p, s, then the pain during it), snooze the reminder,
 * see adherence.  P shows the plan view (ui-plan.c); the reminders
 * service is ui-reminders.c.  See ui-exercises.h.
 *
 * Everything is read from the store at draw time through plan.h; a log is
 * written with plan_log_write(), so other mendlogs' changes are never lost.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan.h"
#include "record.h"
#include "text.h"
#include "ui-edit.h"
#include "ui-exercises.h"

static struct {
	bool in_plan;		/* the plan view (ui-plan.c) is shown */
	int sel;		/* selected slot */
	int top;		/* first row shown (scrolling) */

	/* The pain-during prompt after d, p or s. */
	bool asking;
	const char *ask_status;
	ml_day ask_day;		/* the slot's, kept if midnight passes */
	int ask_minutes;
	char ask_id[72];
	char ask_name[80];
	struct ui_edit pain;	/* open while asking: 0-10, two digits */
	int pain_x;		/* where ui_edit_draw() put the cursor */
} tab;

/*
 * The plan, and the log of the days this screen and the reminders look at
 * (today's slots, adherence over the last 30 days): years of log are most
 * of a diary's size, and the screen need not hold them.  Saves still go to
 * the whole file (see store_window).
 */
void
exercises_load(struct ui *ui)
{
	struct ml_error err;
	char buf[600];

	store_window(ui->store, ML_EXERCISE_LOG, LC_DATE, ml_today() - 30);
	if (plan_load(ui->store, &err) != 0) {
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

/* --- today's slots --------------------------------------------------- */

/* The selected slot's exercise from row @y: name and dose, adherence,
 * what was logged, and its instructions. */
static void
today_draw_details(struct ui *ui, WINDOW *win, const struct plan_slot *slot,
    int y)
{
	struct plan_adherence a7, a30;
	size_t r = slot->exercise_row;
	const char *id = plan_slot_id(ui->store, slot);
	long lr = slot->log_row;
	time_t now = ml_now();
	int cols = getmaxx(win);
	char p7[8], p30[8], line[256], dose[64];

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
	ui_put_wrapped(win, y + 2, 2, cols - 4, 3, store_get(ui->store,
	    ML_EXERCISES, r, XC_INSTRUCTIONS));
}

/* The pain-during prompt on the last row, with its inline editor. */
static void
today_draw_prompt(WINDOW *win)
{
	int rows = getmaxy(win), cols = getmaxx(win), px;
	char line[256];

	snprintf(line, sizeof line, "%s %02d:%02d %s. Pain during it "
	    "(0-10, Enter to skip): ", tab.ask_name, tab.ask_minutes / 60,
	    tab.ask_minutes % 60, tab.ask_status);
	wattron(win, A_BOLD);
	mvwhline(win, rows - 1, 0, ' ', cols);
	ui_put(win, rows - 1, 1, cols - 6, line);
	px = 1 + ui_strwidth(line);
	if (px > cols - 5)
		px = cols - 5;
	ui_edit_draw(&tab.pain, win, rows - 1, px, 4, &tab.pain_x);
	wattroff(win, A_BOLD);
}

static void
today_draw(struct ui *ui, WINDOW *win)
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
	if (tab.sel >= (int)n)
		tab.sel = (int)n - 1;
	if (tab.sel < 0)
		tab.sel = 0;
	/* The list, then the selected exercise's details below it. */
	list_rows = rows - 9;
	if (tab.sel < tab.top)
		tab.top = tab.sel;
	if (tab.sel >= tab.top + list_rows)
		tab.top = tab.sel - list_rows + 1;
	for (int i = tab.top; i < (int)n && i < tab.top + list_rows; i++) {
		const char *name = store_get(ui->store, ML_EXERCISES,
		    v[i].exercise_row, XC_NAME);

		y = 2 + i - tab.top;
		plan_dose(ui->store, v[i].exercise_row, dose, sizeof dose);
		if (i == tab.sel)
			wattron(win, ui_attr(ui, UI_SELECTED));
		snprintf(line, sizeof line, "%c %02d:%02d  ", i == tab.sel ? '>' : ' ',
		    v[i].minutes / 60, v[i].minutes % 60);
		ui_put(win, y, 1, 10, line);
		if (i != tab.sel)
			wattron(win, ui_attr(ui, status_role(v[i].status)));
		ui_put(win, y, 11, 9, plan_status_name(v[i].status));
		if (i != tab.sel)
			wattroff(win, ui_attr(ui, status_role(v[i].status)));
		ui_put(win, y, 20, 30, name);
		ui_put(win, y, 51, cols - 52, dose);
		if (i == tab.sel)
			wattroff(win, ui_attr(ui, UI_SELECTED));
	}
	today_draw_details(ui, win, &v[tab.sel], rows - 6);
	free(v);
	if (tab.asking)
		today_draw_prompt(win);
}

/* The slot selected on the today view; false when there is none. */
static bool
today_selected_slot(struct ui *ui, struct plan_slot *out)
{
	struct plan_slot *v;
	time_t now = ml_now();
	size_t n = plan_slots(ui->store, ui->cfg, ml_day_of(now), now, &v);
	bool ok = tab.sel >= 0 && (size_t)tab.sel < n;

	if (ok)
		*out = v[tab.sel];
	free(v);
	return ok;
}

static void
today_log_selected(struct ui *ui)
{
	struct plan_log log = { .sets_done = -1, .pain_during = -1 };
	struct record_result res;
	struct ml_error err;
	char buf[600], *typed = ui_edit_utf8(&tab.pain);
	long pain;
	bool ok = typed[0] == '\0' || ml_parse_int(typed, 0, 10, &pain);

	if (ok && typed[0] != '\0')
		log.pain_during = (int)pain;
	free(typed);
	if (!ok) {
		ui_message(ui, "pain during is 0-10");
		beep();
		return;
	}
	log.day = tab.ask_day;
	log.minutes = tab.ask_minutes;
	log.exercise_id = tab.ask_id;
	log.status = tab.ask_status;
	tab.asking = false;
	ui_edit_close(&tab.pain);
	if (record_exercise(ui->store, ui->cfg, &log, &res, &err) != 0) {
		ml_error_format(&err, buf, sizeof buf);
		ui_message(ui, "not saved: %s", buf);
		beep();
		return;
	}
	ui_message(ui, "%s %02d:%02d logged as %s", tab.ask_id, log.minutes / 60,
	    log.minutes % 60, log.status);
	ui_notify_saved(ui, ML_EXERCISE_LOG, log.day);
	ui_alerts_show(ui, &res);
	record_result_free(&res);
	tab.sel++;	/* on to the next slot; clamped when drawn */
}

/* The pain prompt: digits and the editor's keys; Enter logs, Esc does
 * not. */
static enum ui_key_result
today_key_asking(struct ui *ui, wint_t ch, bool is_key)
{
	if (is_key && ch == KEY_RESIZE)
		return UI_KEY_UNHANDLED;
	if (!is_key && ch >= 0x20 && ch != 0x7f && !(ch >= L'0' && ch <= L'9'))
		return UI_KEY_HANDLED;		/* a score is digits only */
	switch (ui_edit_key(&tab.pain, ch, is_key)) {
	case UI_EDIT_DONE:
		today_log_selected(ui);
		break;
	case UI_EDIT_CANCEL:
		tab.asking = false;
		ui_edit_close(&tab.pain);
		ui_message(ui, "not logged");
		break;
	case UI_EDIT_MORE:
		break;
	}
	ui_dirty(ui);
	return UI_KEY_HANDLED;
}

static enum ui_key_result
today_key(struct ui *ui, wint_t ch, bool is_key)
{
	struct plan_slot slot;

	if (tab.asking)
		return today_key_asking(ui, ch, is_key);
	if (is_key) {
		if (ch == KEY_UP || ch == KEY_DOWN) {
			tab.sel += ch == KEY_UP ? -1 : 1;
			if (tab.sel < 0)
				tab.sel = 0;
			ui_dirty(ui);
			return UI_KEY_HANDLED;
		}
		return UI_KEY_UNHANDLED;
	}
	switch (ch) {
	case L'k':
	case L'j':
		return today_key(ui, ch == L'k' ? KEY_UP : KEY_DOWN, true);
	case L'd':
	case L'p':
	case L's':
		if (!today_selected_slot(ui, &slot)) {
			ui_message(ui, "no exercise slot today");
			return UI_KEY_HANDLED;
		}
		tab.asking = true;
		tab.ask_status = ch == L'd' ? "done" : ch == L'p' ? "partial" :
		    "skipped";
		tab.ask_day = slot.day;
		tab.ask_minutes = slot.minutes;
		snprintf(tab.ask_id, sizeof tab.ask_id, "%s",
		    plan_slot_id(ui->store, &slot));
		snprintf(tab.ask_name, sizeof tab.ask_name, "%s", store_get(ui->store,
		    ML_EXERCISES, slot.exercise_row, XC_NAME));
		ui_edit_open(&tab.pain, "", 2);
		ui_dirty(ui);
		return UI_KEY_HANDLED;
	case L'z':
		reminders_snooze(ui);
		return UI_KEY_HANDLED;
	case L'P':
		tab.in_plan = true;
		plan_view_open(ui);
		return UI_KEY_HANDLED;
	default:
		return UI_KEY_UNHANDLED;
	}
}

void
exercises_show_today(struct ui *ui)
{
	tab.in_plan = false;
	tab.sel = tab.top = 0;
	ui_dirty(ui);
	ui_dirty_frame(ui);
}

/* --- the tab ---------------------------------------------------------- */

static void
exercises_enter(struct ui *ui)
{
	exercises_load(ui);
}

static void
exercises_leave(struct ui *ui)
{
	(void)ui;
	tab.asking = false;
	ui_edit_close(&tab.pain);
	plan_view_leave();
}

/* The connection dropped or mendlog was told to stop: a slot whose log
 * was begun (d, p or s pressed) is logged with what was typed.  A half
 * filled plan form is not saved: it may not be valid. */
static void
exercises_flush(struct ui *ui)
{
	if (tab.asking && !tab.in_plan) {
		char *typed = ui_edit_utf8(&tab.pain);

		if (!ml_parse_int(typed, 0, 10, &(long){ 0 }))
			ui_edit_open(&tab.pain, "", 2);
		free(typed);
		today_log_selected(ui);
	}
}

static void
exercises_draw(struct ui *ui, WINDOW *win)
{
	if (tab.in_plan)
		plan_view_draw(ui, win);
	else
		today_draw(ui, win);
}

static enum ui_key_result
exercises_key(struct ui *ui, wint_t ch, bool is_key)
{
	return tab.in_plan ? plan_view_key(ui, ch, is_key) :
	    today_key(ui, ch, is_key);
}

static const char *
exercises_hints(struct ui *ui)
{
	(void)ui;
	if (tab.in_plan)
		return plan_view_hints();
	if (tab.asking)
		return "0-10 then Enter  Enter alone: no pain score  Esc cancel";
	return "d done  p partial  s skip  z snooze  P plan  Tab next  q quit";
}

static bool
exercises_cursor(struct ui *ui, int *y, int *x)
{
	if (tab.in_plan)
		return plan_view_cursor(y, x);
	if (!tab.asking)
		return false;
	*y = getmaxy(ui->body) - 1;
	*x = tab.pain_x;
	return true;
}

/* For the Help screen (see struct ui_screen's help). */
static const char *const exercises_help[] = {
	"4 Exercises",
	"  Up/Down j/k  select a slot",
	"  d p s        done, partial, skipped;",
	"               then pain 0-10 and Enter",
	"  z            snooze the reminder",
	"  P            the plan: a add, e edit,",
	"               Space pause, Esc back,",
	"               Z pause the whole plan",
	NULL,
};

const struct ui_screen ui_exercises = {
	.name = "Exercises",
	.tab_key = '4',
	.digits_are_input = false,
	.enter = exercises_enter,
	.leave = exercises_leave,
	.draw = exercises_draw,
	.key = exercises_key,
	.hints = exercises_hints,
	.flush = exercises_flush,
	.cursor = exercises_cursor,
	.help = exercises_help,
};
