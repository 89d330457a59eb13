/*
 * ui-trends.c - the Trends screen (screen 5): back pain, leg pain and
 * headache over the last 30 or 90 days, one series as a bar chart or all
 * three stacked, with procedure days marked on the axis.
 *
 * The chart ends on ui->day (so History's selected day carries over);
 * [ and ] move it by a whole period.
 *
 * Glyphs are picked once from the locale (htop's way): Unicode eighth
 * blocks in UTF-8, plain ASCII otherwise.  Thirty buckets of two columns
 * each: one day per bucket over 30 days, three over 90 (their mean).
 *
 * The fourth series is function: the weekly PSFS mean (psfs.h), drawn on
 * every day of its week (as the daily export writes it), so a week with
 * no rating is a gap.  "All" stays the three pain scores.
 *
 * Body rows 0-12 are the chart; rows TRENDS_FREE_ROW and below hold the
 * report's weekly table and adherence line (see draw_below()).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diary.h"
#include "psfs.h"
#include "report.h"
#include "ui-psfs.h"
#include "ui.h"

#define NBUCKETS 30
#define BUCKET_W 2
#define CHART_X 8
#define AXIS_ROW 10
#define TRENDS_FREE_ROW 14

static const struct {
	enum ml_entry_col col;
	const char *name, *short_name;
} series[] = {
	{ EC_BACK_PAIN, "Back pain", "Back" },
	{ EC_LEG_PAIN, "Leg pain", "Leg" },
	{ EC_HEADACHE, "Headache", "Head" },
	{ EC_NCOLS, "Function (PSFS weekly mean)", "PSFS" },
};
#define NSERIES ((int)ML_NELEM(series))
#define NPAIN 3			/* the series "all" shows */
#define PSFS_SERIES 3

/* The PSFS weeks of the chart being drawn (psfs_weeks()); owned. */
static struct {
	struct psfs_week *w;
	size_t n;
} trends_psfs;

static struct {
	int span;		/* 30 or 90 days */
	int which;		/* index into series, or NSERIES for all */
} st = { 30, NSERIES };

/* Eighths of a cell, empty to full. */
static const char *const blocks_utf8[9] = {
	" ", "\u2581", "\u2582", "\u2583", "\u2584", "\u2585", "\u2586",
	"\u2587", "\u2588",
};
static const char *const blocks_ascii[9] = {
	" ", "_", "_", ".", ".", ":", ":", "#", "#",
};

/* Mean score of bucket @b of series @s, or NAN when nothing answered. */
static double
bucket_value(struct ui *ui, int s, ml_day start, int per, int b)
{
	double sum = 0;
	int n = 0;

	if (s == PSFS_SERIES) {
		/* The mean of the bucket's days, each carrying its week's. */
		for (int i = 0; i < per && trends_psfs.n > 0; i++) {
			ml_day d = psfs_week_of(ui->cfg, start + b * per + i);
			size_t k = (size_t)(d - trends_psfs.w[0].start) / 7;

			if (k < trends_psfs.n && !isnan(trends_psfs.w[k].mean)) {
				sum += trends_psfs.w[k].mean;
				n++;
			}
		}
		return n > 0 ? sum / n : NAN;
	}
	for (int i = 0; i < per; i++) {
		int v = diary_score(ui->store, diary_find(ui->store,
		    start + b * per + i), series[s].col);

		if (v >= 0) {
			sum += v;
			n++;
		}
	}
	return n > 0 ? sum / n : NAN;
}

/* Bars of series @s in rows y0..y0+height-1, 0 at the bottom, 10 at the
 * top.  Returns the number of buckets with a value. */
static int
draw_bars(struct ui *ui, WINDOW *win, int s, int y0, int height,
    ml_day start, int per)
{
	const char *const *g = ui->utf8 ? blocks_utf8 : blocks_ascii;
	int answered = 0;

	for (int b = 0; b < NBUCKETS; b++) {
		double v = bucket_value(ui, s, start, per, b);
		/* Eighths of the whole height; a 0 still shows one eighth. */
		int e;

		if (isnan(v))
			continue;
		answered++;
		e = (int)lround(v / 10.0 * height * 8);
		if (e < 1)
			e = 1;
		for (int r = 0; r < height; r++) {
			int here = e - (height - 1 - r) * 8;
			int x = CHART_X + b * BUCKET_W;

			if (here <= 0)
				continue;
			if (here > 8)
				here = 8;
			for (int c = 0; c < BUCKET_W - 1; c++)
				mvwaddstr(win, y0 + r, x + c, g[here]);
		}
	}
	return answered;
}

static bool
cell_is_blank(WINDOW *win, int y, int x)
{
	cchar_t cc;
	wchar_t wch[CCHARW_MAX + 1];
	attr_t attr;
	short pair;

	if (mvwin_wch(win, y, x, &cc) == ERR ||
	    getcchar(&cc, wch, &attr, &pair, NULL) == ERR)
		return false;
	return wch[0] == L' ';
}

static void
draw_axis(struct ui *ui, WINDOW *win, ml_day start, int per, int top)
{
	size_t np = store_nrows(ui->store, ML_PROCEDURES);
	int width = NBUCKETS * BUCKET_W;
	ml_day end = start + NBUCKETS * per - 1;
	char a[ML_DATE_LEN], b[ML_DATE_LEN], line[120];
	int legend = AXIS_ROW + 2;

	mvwaddstr(win, AXIS_ROW, CHART_X - 2, "0 ");
	mvwhline(win, AXIS_ROW, CHART_X, ui->utf8 ? ACS_HLINE : '-', width);
	ml_date_format(start, a);
	ml_date_format(end, b);
	ui_put(win, AXIS_ROW + 1, CHART_X, 12, a);
	ui_put(win, AXIS_ROW + 1, CHART_X + width - 10, 12, b);
	/* Every procedure inside the range, marked under its bucket. */
	for (size_t r = 0; r < np; r++) {
		const char *ds = store_get(ui->store, ML_PROCEDURES, r, PC_DATE);
		const char *kind = store_get(ui->store, ML_PROCEDURES, r, PC_KIND);
		ml_day d;
		int x;

		if (!ml_date_parse(ds, &d) || d < start || d > end)
			continue;
		x = CHART_X + (int)((d - start) / per) * BUCKET_W;
		wattron(win, A_BOLD);
		mvwaddch(win, AXIS_ROW, x, '^');
		/* A line up through the empty cells of that column. */
		for (int y = top; y < AXIS_ROW; y++)
			if (cell_is_blank(win, y, x))
				mvwaddch(win, y, x, ui->utf8 ? ACS_VLINE : '|');
		wattroff(win, A_BOLD);
		if (legend < TRENDS_FREE_ROW - 1) {
			/* Its own day count at the chart's last day: a later
			 * procedure does not restart it. */
			snprintf(line, sizeof line, "^ %s  %s (day 0; day %d on "
			    "%s)", ds, ml_proc_kind_label(kind), (int)(end - d),
			    b);
			ui_put(win, legend++, CHART_X, width, line);
		}
	}
}

/*
 * Below the chart: the report's weekly table for the four weeks ending on
 * the chart's last day, and the adherence line (report.c, the same code
 * as `mendlog report`).
 */
static void
draw_below(struct ui *ui, WINDOW *win, ml_day end)
{
	static const enum ml_file need[] = { ML_EXERCISES, ML_EXERCISE_LOG,
	    ML_ALERTS, ML_PLAN_HISTORY, ML_PLAN_PAUSES };
	int rows = getmaxy(win), width = getmaxx(win) - 2;
	int nweeks = rows - TRENDS_FREE_ROW - 2;
	struct report_week *weeks;
	char line[160];
	size_t n;

	if (nweeks < 1)
		return;
	/* The log from the first week shown, or the 30 days of adherence: the
	 * screen holds only a recent window of it (see ui-exercises.c). */
	store_window(ui->store, ML_EXERCISE_LOG, LC_DATE,
	    end - 7 * nweeks + 1 < end - 29 ? end - 7 * nweeks + 1 : end - 29);
	/* Already loaded files cost a stat; a broken one keeps its last good
	 * copy and the status line of the Exercises screen says why. */
	for (size_t i = 0; i < ML_NELEM(need); i++)
		(void)store_load(ui->store, need[i], NULL, NULL);
	n = report_weeks(ui->store, ui->cfg, end - 7 * nweeks + 1, end, ml_now(),
	    &weeks);
	wattron(win, ui_attr(ui, UI_DIM));
	ui_put(win, TRENDS_FREE_ROW, 1, width, report_week_header());
	wattroff(win, ui_attr(ui, UI_DIM));
	for (size_t i = 0; i < n; i++) {
		report_week_line(&weeks[i], (int)i + 1, line, sizeof line);
		ui_put(win, TRENDS_FREE_ROW + 1 + (int)i, 1, width, line);
	}
	free(weeks);
	report_adherence_line(ui->store, ui->cfg, end, end, ml_now(), line,
	    sizeof line);
	ui_put(win, TRENDS_FREE_ROW + 1 + (int)n, 2, width - 1, line);
}

/* Under the PSFS chart: the change since the first rated week. */
static void
draw_psfs_change(struct ui *ui, WINDOW *win, ml_day end)
{
	struct psfs_change ch;
	char line[200], first[ML_DATE_LEN];

	psfs_change(ui->store, ui->cfg, end, &ch);
	if (!ch.known)
		return;
	ml_date_format(ch.first_week, first);
	snprintf(line, sizeof line, "PSFS %.1f, %+.1f since the week of %s (%s)",
	    ch.last_mean, ch.change, first, psfs_change_label(&ch));
	ui_put(win, TRENDS_FREE_ROW - 1, CHART_X, getmaxx(win) - CHART_X - 1,
	    line);
}

static void
trends_draw(struct ui *ui, WINDOW *win)
{
	ml_day today = ml_today();
	/* The chart ends on the day the other screens show. */
	ml_day end = ui->day < today ? ui->day : today;
	int per = st.span / NBUCKETS;
	ml_day start = end - NBUCKETS * per + 1;
	char title[160], period[40], date[ML_DATE_LEN];
	int answered = 0, top;

	/* The PSFS weeks are read once per frame, for every bucket. */
	if (st.which == PSFS_SERIES) {
		(void)store_load(ui->store, ML_PSFS_ACTIVITIES, NULL, NULL);
		(void)store_load(ui->store, ML_PSFS_RATINGS, NULL, NULL);
		trends_psfs.n = psfs_weeks(ui->store, ui->cfg, start, end,
		    &trends_psfs.w);
	}
	ml_date_format(end, date);
	if (end == today)
		snprintf(period, sizeof period, "last %d days", st.span);
	else
		snprintf(period, sizeof period, "%d days to %s", st.span, date);
	if (st.which == PSFS_SERIES)
		snprintf(title, sizeof title, "%s, %s", series[st.which].name,
		    period);
	else if (st.which < NSERIES)
		snprintf(title, sizeof title, "%s, %s%s", series[st.which].name,
		    period, per > 1 ? " (mean of every 3 days)" : "");
	else
		snprintf(title, sizeof title, "Back pain, leg pain and headache, "
		    "%s%s", period, per > 1 ? " (3-day means)" : "");
	wattron(win, ui_attr(ui, UI_TITLE));
	ui_put(win, 0, 2, getmaxx(win) - 4, title);
	wattroff(win, ui_attr(ui, UI_TITLE));
	if (st.which < NSERIES) {
		/* One series: 8 rows, 0 to 10. */
		top = 2;
		mvwaddstr(win, 2, CHART_X - 3, "10");
		mvwaddstr(win, 6, CHART_X - 2, "5");
		answered = draw_bars(ui, win, st.which, 2, 8, start, per);
	} else {
		/* All three: 2 rows each, with a blank row between. */
		top = 1;
		for (int s = 0; s < NPAIN; s++) {
			int y = 1 + s * 3;

			ui_put(win, y, 1, CHART_X - 2, series[s].short_name);
			answered += draw_bars(ui, win, s, y, 2, start, per);
		}
	}
	draw_axis(ui, win, start, per, top);
	if (answered == 0 && st.which == PSFS_SERIES)
		ui_put(win, 4, CHART_X + 4, NBUCKETS * BUCKET_W - 4,
		    "No weekly check-in in this period yet: press w.");
	else if (answered == 0)
		ui_put(win, 4, CHART_X + 4, NBUCKETS * BUCKET_W - 4,
		    "No scores in this period yet: fill in Today (1).");
	if (st.which == PSFS_SERIES)
		draw_psfs_change(ui, win, end);
	free(trends_psfs.w);
	trends_psfs.w = NULL;
	trends_psfs.n = 0;
	draw_below(ui, win, end);
}

/* Move the chart's last day by @days, never past today. */
static void
shift(struct ui *ui, int days)
{
	ml_day today = ml_today(), d = (ui->day < today ? ui->day : today) + days;

	ui_set_day(ui, d < today ? d : today);
}

static enum ui_key_result
trends_key(struct ui *ui, wint_t ch, bool is_key)
{
	if (is_key) {
		if (ch == KEY_PPAGE)
			shift(ui, -st.span);
		else if (ch == KEY_NPAGE)
			shift(ui, st.span);
		else
			return UI_KEY_UNHANDLED;
		return UI_KEY_HANDLED;
	}
	switch (ch) {
	case L'[': shift(ui, -st.span); return UI_KEY_HANDLED;
	case L']': shift(ui, st.span); return UI_KEY_HANDLED;
	case L't': ui_set_day(ui, ml_today()); return UI_KEY_HANDLED;
	case L'r': case L'd': st.span = st.span == 30 ? 90 : 30; break;
	case L's': st.which = (st.which + 1) % (NSERIES + 1); break;
	case L'b': st.which = 0; break;
	case L'l': st.which = 1; break;
	case L'h': st.which = 2; break;
	case L'f': st.which = PSFS_SERIES; break;
	case L'w': ui_psfs_open(ui); return UI_KEY_HANDLED;
	case L'a': st.which = NSERIES; break;
	default: return UI_KEY_UNHANDLED;
	}
	ui_dirty(ui);
	return UI_KEY_HANDLED;
}

static const char *
trends_hints(struct ui *ui)
{
	(void)ui;
	return "r 30/90  s b l h f a series  [ ] earlier/later  w check-in";
}

static const char *const trends_help[] = {
	"5 Trends",
	"  r  30 or 90 days",
	"  s  next series",
	"  b l h a  back, leg, headache, all",
	"  f  function: weekly PSFS mean",
	"  w  weekly check-in (PSFS)",
	"  [ ] PgUp PgDn t  earlier/later/now",
	NULL,
};

const struct ui_screen ui_trends = {
	.name = "Trends",
	.tab_key = '5',
	.draw = trends_draw,
	.key = trends_key,
	.hints = trends_hints,
	.help = trends_help,
};
