/*
 * ui-history.c - the History screen (screen 2): a month calendar and,
 * beside it, a list of days with back, leg and headache scores and marks
 * for the symptoms answered yes.  The selected day is ui->day, so the top
 * line follows it and Enter opens it in the day form.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "diary.h"
#include "ui.h"

#define CAL_X 2
#define LIST_X 33
#define CELL_W 4

static const char *const month_names[] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December",
};
static const char *const wd_short[] = { "Mon", "Tue", "Wed", "Thu", "Fri",
	"Sat", "Sun" };

/* One letter per yes/no symptom, in entries.csv order. */
static const struct { enum ml_entry_col col; char mark; } marks[] = {
	{ EC_HEADACHE_UPRIGHT, 'U' }, { EC_NUMBNESS, 'N' }, { EC_TINGLING, 'T' },
	{ EC_LEG_WEAKNESS, 'W' }, { EC_BLADDER_BOWEL, 'B' },
	{ EC_SADDLE_NUMBNESS, 'S' }, { EC_SITE_PROBLEM, 'P' },
};

/* Marks of @row into @buf; true when a red-flag symptom is among them. */
static bool
day_marks(const struct ui *ui, long row, char *buf, size_t size)
{
	size_t n = 0;
	double t;
	bool red = false;

	for (size_t i = 0; i < ML_NELEM(marks) && n + 1 < size; i++)
		if (diary_yesno(ui->store, row, marks[i].col) == 1) {
			buf[n++] = marks[i].mark;
			if (marks[i].col == EC_LEG_WEAKNESS ||
			    marks[i].col == EC_BLADDER_BOWEL ||
			    marks[i].col == EC_SADDLE_NUMBNESS)
				red = true;
		}
	/* Issue 13: the emergency signs added later share one letter. */
	if ((diary_yesno(ui->store, row, EC_CHEST_BREATHLESS) == 1 ||
	    diary_yesno(ui->store, row, EC_HEADACHE_NEURO) == 1 ||
	    diary_yesno(ui->store, row, EC_BOTH_LEGS) == 1 ||
	    diary_yesno(ui->store, row, EC_CANNOT_WALK) == 1) && n + 1 < size) {
		buf[n++] = 'R';
		red = true;
	}
	t = diary_decimal(ui->store, row, EC_TEMPERATURE_C);
	/* The rules' threshold, so History and Alerts agree. */
	if (!isnan(t) && t >= ui->cfg->fever_c && n + 1 < size) {
		buf[n++] = 'F';
		red = true;
	}
	buf[n] = '\0';
	return red;
}

static void
score_cell(const struct ui *ui, long row, enum ml_entry_col col, char *buf,
    size_t size)
{
	int v = diary_score(ui->store, row, col);

	if (v < 0)
		snprintf(buf, size, "-");
	else
		snprintf(buf, size, "%d", v);
}

static void
draw_calendar(struct ui *ui, WINDOW *win)
{
	int y, m, d, first_wd, ndays;
	char title[40];
	ml_day first, today = ml_today();

	ml_date_to_ymd(ui->day, &y, &m, &d);
	first = ml_date_from_ymd(y, m, 1);
	first_wd = ml_weekday(first);
	ndays = ml_days_in_month(y, m);
	snprintf(title, sizeof title, "%s %d", month_names[m - 1], y);
	wattron(win, ui_attr(ui, UI_TITLE));
	ui_put(win, 1, CAL_X + (7 * CELL_W - (int)strlen(title)) / 2, 30, title);
	wattroff(win, ui_attr(ui, UI_TITLE));
	ui_put(win, 2, CAL_X, 30, " Mo  Tu  We  Th  Fr  Sa  Su");
	for (int i = 0; i < ndays; i++) {
		ml_day day = first + i;
		int cell = first_wd + i;
		int cy = 3 + cell / 7, cx = CAL_X + (cell % 7) * CELL_W;
		long row = diary_find(ui->store, day);
		char num[12], mk[12];
		attr_t a = A_NORMAL;

		snprintf(num, sizeof num, "%2d", i + 1);
		if (day == ui->day)
			a = ui_attr(ui, UI_SELECTED);
		else if (day == today)
			a = A_UNDERLINE;
		if (row >= 0)
			a |= A_BOLD;
		wattron(win, a);
		mvwaddstr(win, cy, cx + 1, num);
		wattroff(win, a);
		if (row >= 0)
			mvwaddch(win, cy, cx + 3,
			    day_marks(ui, row, mk, sizeof mk) ? '!' : '*');
	}
	ui_put(win, 10, CAL_X, 30, "* entry   ! red-flag symptom");
	ui_put(win, 12, CAL_X, 30, "Marks: U headache upright");
	ui_put(win, 13, CAL_X, 30, "N numbness  T pins/needles");
	ui_put(win, 14, CAL_X, 30, "W weakness  B bladder/bowel");
	ui_put(win, 15, CAL_X, 30, "S saddle  P wound site");
	ui_put(win, 16, CAL_X, 30, "F temperature 38 C or more");
	ui_put(win, 17, CAL_X, 30, "R chest, both legs, confusion");
	ui_put(win, 18, CAL_X, 30, "Enter opens the day in Today");
}

static void
draw_list(struct ui *ui, WINDOW *win)
{
	int rows = getmaxy(win) - 2;
	ml_day today = ml_today();
	ml_day last = ui->day + rows / 2 < today ? ui->day + rows / 2 : today;
	ml_day first = last - (rows - 1);

	wattron(win, ui_attr(ui, UI_TITLE));
	ui_put(win, 0, LIST_X, getmaxx(win) - LIST_X,
	    "Day              Back  Leg  Head  Marks");
	wattroff(win, ui_attr(ui, UI_TITLE));
	for (int i = 0; i < rows; i++) {
		ml_day day = first + i;
		long row = diary_find(ui->store, day);
		int y, m, d;
		char line[160], b[12], l[12], h[12], mk[12] = "";
		attr_t a;

		if (day > last)
			break;
		ml_date_to_ymd(day, &y, &m, &d);
		score_cell(ui, row, EC_BACK_PAIN, b, sizeof b);
		score_cell(ui, row, EC_LEG_PAIN, l, sizeof l);
		score_cell(ui, row, EC_HEADACHE, h, sizeof h);
		if (row >= 0)
			day_marks(ui, row, mk, sizeof mk);
		snprintf(line, sizeof line, "%s %2d %.3s %d %4s %4s %5s  %-8s",
		    wd_short[ml_weekday(day)], d, month_names[m - 1], y,
		    row >= 0 ? b : "", row >= 0 ? l : "", row >= 0 ? h : "", mk);
		a = day == ui->day ? ui_attr(ui, UI_SELECTED) :
		    row < 0 ? ui_attr(ui, UI_DIM) : A_NORMAL;
		wattron(win, a);
		ui_put(win, 1 + i, LIST_X, getmaxx(win) - LIST_X - 1, line);
		wattroff(win, a);
	}
}

static void
history_draw(struct ui *ui, WINDOW *win)
{
	draw_calendar(ui, win);
	draw_list(ui, win);
}

static void
move_to(struct ui *ui, ml_day day)
{
	if (day > ml_today()) {
		ui_message(ui, "the diary does not go past today");
		day = ml_today();
	}
	ui_set_day(ui, day);
}

static void
move_months(struct ui *ui, int delta)
{
	int y, m, d, n;

	ml_date_to_ymd(ui->day, &y, &m, &d);
	m += delta;
	while (m < 1) { m += 12; y--; }
	while (m > 12) { m -= 12; y++; }
	n = ml_days_in_month(y, m);
	move_to(ui, ml_date_from_ymd(y, m, d > n ? n : d));
}

static enum ui_key_result
history_key(struct ui *ui, wint_t ch, bool is_key)
{
	if (is_key) {
		switch (ch) {
		case KEY_LEFT: move_to(ui, ui->day - 1); break;
		case KEY_RIGHT: move_to(ui, ui->day + 1); break;
		case KEY_UP: move_to(ui, ui->day - 7); break;
		case KEY_DOWN: move_to(ui, ui->day + 7); break;
		case KEY_PPAGE: move_months(ui, -1); break;
		case KEY_NPAGE: move_months(ui, 1); break;
		case KEY_HOME: move_to(ui, ml_today()); break;
		case KEY_ENTER: goto open;
		default: return UI_KEY_UNHANDLED;
		}
		return UI_KEY_HANDLED;
	}
	switch (ch) {
	case L'h': move_to(ui, ui->day - 1); break;
	case L'l': move_to(ui, ui->day + 1); break;
	case L'k': move_to(ui, ui->day - 7); break;
	case L'j': move_to(ui, ui->day + 7); break;
	case L'[': move_months(ui, -1); break;
	case L']': move_months(ui, 1); break;
	case L't': move_to(ui, ml_today()); break;
	case L'\r': case L'\n':
	open:
		ui_switch_tab(ui, '1');
		break;
	default:
		return UI_KEY_UNHANDLED;
	}
	return UI_KEY_HANDLED;
}

static const char *
history_hints(struct ui *ui)
{
	(void)ui;
	return "arrows/hjkl day/week  [ ] month  t today  Enter open  ? help";
}

static const char *const history_help[] = {
	"2 History",
	"  Left/Right h/l  a day",
	"  Up/Down k/j     a week",
	"  [ ] PgUp PgDn   a month",
	"  t  today    Enter  open the day",
	NULL,
};

const struct ui_screen ui_history = {
	.name = "History",
	.tab_key = '2',
	.draw = history_draw,
	.key = history_key,
	.hints = history_hints,
	.help = history_help,
};
