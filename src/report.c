/*
 * report.c - a plain-text summary a clinician can read in a minute:
 * procedure and day count, a week-by-week table, a chart of daily back
 * pain, the weekly function score (PSFS), the alerts, the notes of days
 * with an urgent or emergency alert and the last notes.  Every line is at
 * most 80 display columns (wide characters count two; text from the files
 * is wrapped at word boundaries, through the output gate), so it can be
 * piped into lp or mail and printed as it is.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "alerts.h"
#include "diary.h"
#include "notices.h"
#include "plan.h"
#include "psfs.h"
#include "report.h"
#include "timeline.h"
#include "text.h"

#define CHART_WIDTH 70
#define REPORT_COLS 80

/* Sum and count of one score over days, for a mean. */
struct acc {
	double sum;
	int n;
};

static void
acc_add(struct acc *a, int v)
{
	if (v >= 0) {
		a->sum += v;
		a->n++;
	}
}

static double
acc_mean(const struct acc *a)
{
	return a->n > 0 ? a->sum / a->n : NAN;
}

static int
alerts_on(const struct ml_store *s, ml_day day)
{
	char date[ML_DATE_LEN];
	const size_t *rows;

	ml_date_format(day, date);
	/* alerts.csv is keyed by date first: one lookup in its index. */
	return (int)store_key_range(s, ML_ALERTS, date, date, &rows);
}

size_t
report_weeks(const struct ml_store *s, const struct ml_config *cfg,
    ml_day from, ml_day to, time_t now, struct report_week **out)
{
	size_t n = to >= from ? (size_t)((to - from) / 7 + 1) : 0;
	struct report_week *w = xcalloc(n ? n : 1, sizeof *w);

	for (size_t i = 0; i < n; i++) {
		struct plan_adherence adh;
		struct acc back = { 0, 0 }, leg = { 0, 0 }, head = { 0, 0 };

		w[i].start = from + (ml_day)(i * 7);
		w[i].end = w[i].start + 6 > to ? to : w[i].start + 6;
		w[i].back_worst = -1;
		for (ml_day d = w[i].start; d <= w[i].end; d++) {
			long r = diary_find(s, d);
			int b = diary_score(s, r, EC_BACK_PAIN);
			int worst = diary_score(s, r, EC_BACK_PAIN_WORST);
			int l = diary_score(s, r, EC_LEG_PAIN);
			int h = diary_score(s, r, EC_HEADACHE);

			if (worst < 0)
				worst = b;
			acc_add(&back, b);
			acc_add(&leg, l);
			acc_add(&head, h);
			if (worst > w[i].back_worst)
				w[i].back_worst = worst;
			if (b >= 0 || l >= 0 || h >= 0)
				w[i].days_logged++;
			w[i].alerts += alerts_on(s, d);
		}
		w[i].back_mean = acc_mean(&back);
		w[i].leg_mean = acc_mean(&leg);
		w[i].headache_mean = acc_mean(&head);
		plan_adherence(s, cfg, NULL, w[i].start, w[i].end, now, &adh);
		w[i].slots_due = adh.due;
		w[i].slots_done = adh.done;
		w[i].slots_partial = adh.partial;
		w[i].adherence_pct = adh.pct;
	}
	*out = w;
	return n;
}

/* One format for the header and the rows keeps the columns aligned. */
#define WEEK_FMT "%4s  %-10s  %5s %5s %5s %5s  %5s  %8s  %6s"

const char *
report_week_header(void)
{
	static char header[96];

	if (header[0] == '\0')
		snprintf(header, sizeof header, WEEK_FMT, "week", "from", "back",
		    "worst", "leg", "head", "days", "exercise", "alerts");
	return header;
}

static void
fmt_mean(double v, char *buf, size_t size)
{
	if (isnan(v))
		snprintf(buf, size, "-");
	else
		snprintf(buf, size, "%.1f", v);
}

void
report_week_line(const struct report_week *w, int number, char *buf,
    size_t size)
{
	char date[ML_DATE_LEN], back[16], worst[16], leg[16], head[16], adh[16];
	char num[16], days[32], alerts[16];

	ml_date_format(w->start, date);
	fmt_mean(w->back_mean, back, sizeof back);
	fmt_mean(w->leg_mean, leg, sizeof leg);
	fmt_mean(w->headache_mean, head, sizeof head);
	if (w->back_worst >= 0)
		snprintf(worst, sizeof worst, "%d", w->back_worst);
	else
		snprintf(worst, sizeof worst, "-");
	if (isnan(w->adherence_pct))
		snprintf(adh, sizeof adh, "-");
	else
		snprintf(adh, sizeof adh, "%.0f%%", w->adherence_pct);
	snprintf(num, sizeof num, "%d", number);
	snprintf(days, sizeof days, "%d/%d", w->days_logged,
	    (int)(w->end - w->start + 1));
	snprintf(alerts, sizeof alerts, "%d", w->alerts);
	snprintf(buf, size, WEEK_FMT, num, date, back, worst, leg, head, days,
	    adh, alerts);
}

static void
fmt_pct(const struct plan_adherence *a, char *buf, size_t size)
{
	if (isnan(a->pct))
		snprintf(buf, size, "-");
	else
		snprintf(buf, size, "%.0f%%", a->pct);
}

/* report_adherence_line, with the whole period's figures already
 * counted in @whole (NULL: count them here). */
static void
adherence_line(const struct ml_store *s, const struct ml_config *cfg,
    ml_day from, ml_day to, time_t now, const struct plan_adherence *whole,
    char *buf, size_t size)
{
	struct plan_adherence a7, a30, all;
	char p7[32], p30[32], pall[32];

	if (store_nrows(s, ML_EXERCISES) == 0) {
		snprintf(buf, size, "Exercise adherence: no exercise plan.");
		return;
	}
	/* The last 7 and 30 days up to @to, as the Exercises screen counts. */
	plan_adherence(s, cfg, NULL, to - 6, to, now, &a7);
	plan_adherence(s, cfg, NULL, to - 29, to, now, &a30);
	fmt_pct(&a7, p7, sizeof p7);
	fmt_pct(&a30, p30, sizeof p30);
	if (from < to - 29) {
		if (whole != NULL)
			all = *whole;
		else
			plan_adherence(s, cfg, NULL, from, to, now, &all);
		fmt_pct(&all, pall, sizeof pall);
		snprintf(buf, size, "Exercise adherence: last 7 days %s, last 30 "
		    "days %s, whole period %s.", p7, p30, pall);
	} else {
		snprintf(buf, size, "Exercise adherence: last 7 days %s, last 30 "
		    "days %s.", p7, p30);
	}
}

void
report_adherence_line(const struct ml_store *s, const struct ml_config *cfg,
    ml_day from, ml_day to, time_t now, char *buf, size_t size)
{
	adherence_line(s, cfg, from, to, now, NULL, buf, size);
}

/* The whole period's adherence: the sum of its weeks, which cover it
 * day for day (a log row only settles a slot of its own day). */
static void
weeks_adherence(const struct report_week *w, size_t n,
    struct plan_adherence *out)
{
	memset(out, 0, sizeof *out);
	for (size_t i = 0; i < n; i++) {
		out->due += w[i].slots_due;
		out->done += w[i].slots_done;
		out->partial += w[i].slots_partial;
	}
	out->pct = out->due > 0 ?
	    100.0 * (out->done + 0.5 * out->partial) / out->due : NAN;
}

/* Five rows of bars, two score points per row; one column per day, or per
 * group of days (their mean) when the range is wider than the chart. */
static int
write_chart(FILE *fp, const struct ml_store *s, ml_day from, ml_day to)
{
	int days = to - from + 1;
	int per = (days + CHART_WIDTH - 1) / CHART_WIDTH;
	int cols = (days + per - 1) / per;
	double v[CHART_WIDTH];

	for (int c = 0; c < cols; c++) {
		struct acc a = { 0, 0 };

		for (int k = 0; k < per; k++) {
			ml_day d = from + c * per + k;

			if (d <= to)
				acc_add(&a, diary_score(s, diary_find(s, d),
				    EC_BACK_PAIN));
		}
		v[c] = acc_mean(&a);
	}
	fprintf(fp, "Daily back pain (0-10%s; '.' = not logged)\n",
	    per > 1 ? ", mean per column" : "");
	for (int level = 10; level >= 2; level -= 2) {
		char bar[CHART_WIDTH + 1];
		int len = 0;

		/* A column reaches this row when its score, rounded to the
		 * nearest point, does: a 3 stops at the 2 row, a 3.5 mean
		 * reaches the 4 row. */
		for (int c = 0; c < cols; c++) {
			bar[c] = !isnan(v[c]) && lround(v[c]) >= level ? '#' : ' ';
			if (bar[c] == '#')
				len = c + 1;
		}
		bar[len] = '\0';
		fprintf(fp, "%3d |%s\n", level, bar);
	}
	fprintf(fp, "  0 +");
	for (int c = 0; c < cols; c++)
		fputc(isnan(v[c]) ? '.' : '-', fp);
	fputc('\n', fp);
	if (per > 1)
		fprintf(fp, "     one column = %d days\n", per);
	return ferror(fp) ? -1 : 0;
}

/* The first line of @note through the output gate, at most @cols columns
 * and "..." when cut or when more lines follow.  @buf holds @size bytes. */
static void
note_line(const char *note, int cols, char *buf, size_t size)
{
	size_t n = strcspn(note, "\r\n");
	char *first = xstrndup(note, n);

	/* The "..." counts in @cols too (ml_printable adds it after them:
	 * 83 columns with wide characters). */
	if (note[n] == '\0' || size < 4) {
		text_safe(buf, size, first, cols, TEXT_ELLIPSIS);
	} else {
		text_safe(buf, size - 3, first, cols - 3, 0);
		strcat(buf, "...");
	}
	free(first);
}

struct wrap_out {
	FILE *fp;
	const char *lead;	/* before the first line */
	const char *indent;	/* before every other line */
};

static void
wrap_line(void *ctx, size_t index, const char *start, size_t len)
{
	struct wrap_out *w = ctx;
	char *piece = xstrndup(start, len);

	fputs(index > 0 ? w->indent : w->lead, w->fp);
	text_fputs(piece, -1, 0, w->fp);
	fputc('\n', w->fp);
	free(piece);
}

/* @s (text from the files, gated here) word-wrapped to @cols columns,
 * the first line behind @lead, the others behind @indent (both ASCII, of
 * the same width). */
static void
write_wrapped(FILE *fp, const char *s, int cols, const char *lead,
    const char *indent)
{
	struct wrap_out w = { fp, lead, indent };
	char *flat = xstrdup(s);

	/* One paragraph: line breaks in a note become spaces. */
	for (char *c = flat; *c; c++)
		if (*c == '\n' || *c == '\r' || *c == '\t')
			*c = ' ';
	text_wrap(flat, cols - (int)strlen(indent), wrap_line, &w);
	free(flat);
}

/* The first line of the report: whose diary it is (name and id from the
 * config's [patient], for the printed page), within 80 columns; then the
 * period.  Without either, the period alone. */
static void
write_title(FILE *fp, const struct ml_config *cfg, const char *dfrom,
    const char *dto)
{
	const char *name = cfg->patient_name ? cfg->patient_name : "";
	const char *id = cfg->patient_id ? cfg->patient_id : "";

	if (*name != '\0' || *id != '\0') {
		char safe_id[REPORT_COLS * 4], safe_name[REPORT_COLS * 4];
		/* "Patient: " 9, "  id: " 6; the id is never cut below 24. */
		int idw = *id ? text_safe(safe_id, sizeof safe_id, id, 24, 0) : 0;
		int room = REPORT_COLS - 9 - (*id ? 6 + idw : 0);

		text_safe(safe_name, sizeof safe_name, name, room, 0);
		fprintf(fp, "Patient: %s%s%s\n", *name ? safe_name : "-",
		    *id ? "  id: " : "", *id ? safe_id : "");
	}
	fprintf(fp, "mendlog recovery report, %s to %s\n", dfrom, dto);
}

/* Notes of the days of @from..@to with an urgent or emergency alert, in
 * full: what the patient wrote on such a day is what a clinician needs. */
static void
write_alert_day_notes(FILE *fp, const struct ml_store *s, ml_day from,
    ml_day to)
{
	size_t n = store_nrows(s, ML_ALERTS), shown = 0;
	ml_day *days = xcalloc(n ? n : 1, sizeof *days);
	size_t ndays = 0;

	for (size_t r = 0; r < n; r++) {
		struct alert_row a;
		bool seen = false;

		alert_row_get(s, r, &a);
		if (!a.day_ok || a.day < from || a.day > to ||
		    (a.tier != ML_TIER_EMERGENCY && a.tier != ML_TIER_URGENT))
			continue;
		for (size_t i = 0; i < ndays && !seen; i++)
			seen = days[i] == a.day;
		if (!seen)
			days[ndays++] = a.day;
	}
	/* Oldest first, like the alerts above. */
	for (size_t i = 1; i < ndays; i++)
		for (size_t j = i; j > 0 && days[j - 1] > days[j]; j--) {
			ml_day t = days[j];

			days[j] = days[j - 1];
			days[j - 1] = t;
		}
	fprintf(fp, "\nNotes of days with an urgent or emergency alert\n");
	for (size_t i = 0; i < ndays; i++) {
		const char *note = diary_text(s, diary_find(s, days[i]),
		    EC_NOTES);
		char date[ML_DATE_LEN], *line;

		ml_date_format(days[i], date);
		line = xasprintf("  %s  ", date);
		write_wrapped(fp, *note ? note : "(no note)", REPORT_COLS, line,
		    "              ");
		free(line);
		shown++;
	}
	if (shown == 0)
		fprintf(fp, "  none\n");
	free(days);
}

/*
 * "Procedure: <kind> on <date>, <description>; <to> is day N." for every
 * procedure in [@from, @to] and the one in effect at @from, each with its
 * own day count (timeline.h).  Returns how many.
 */
static size_t
report_procedures(FILE *fp, const struct ml_store *s,
    const struct ml_config *cfg, ml_day from, ml_day to)
{
	struct ml_timeline tl;
	const struct ml_timeline_proc *first;
	char dto[ML_DATE_LEN];
	size_t n = 0;

	ml_date_format(to, dto);
	timeline_build(&tl, s, cfg);
	first = timeline_newest(&tl, from);
	for (size_t i = 0; i < tl.n; i++) {
		const struct ml_timeline_proc *p = &tl.v[i];
		char pd[ML_DATE_LEN], *text;

		if (p->date > to || (p->date < from && p != first))
			continue;
		ml_date_format(p->date, pd);
		/* The description whole, wrapped at word boundaries (gated
		 * by write_wrapped). */
		text = xasprintf("Procedure: %s on %s%s%s; %s is day %d.",
		    p->info->label, pd, *p->description ? ", " : "",
		    p->description, dto, (int)(to - p->date));
		write_wrapped(fp, text, REPORT_COLS, "", "");
		free(text);
		n++;
	}
	timeline_free(&tl);
	return n;
}

/*
 * The PSFS: one line per week from the first rated week in the range to
 * the week of @to (a week with no rating says so: a gap, not a zero),
 * then the change since the first rated week, labelled meaningful when
 * it reaches cfg->psfs_meaningful_change.
 */
static void
write_psfs(FILE *fp, const struct ml_store *s, const struct ml_config *cfg,
    ml_day from, ml_day to)
{
	struct psfs_change ch;
	struct psfs_week *w;
	size_t n = psfs_weeks(s, cfg, from, to, &w), first = n;
	char date[ML_DATE_LEN];

	fprintf(fp, "\nFunction (PSFS): activities rated 0 (unable) to 10 (as "
	    "before); weekly mean\n");
	for (size_t i = 0; i < n && first == n; i++)
		if (w[i].rated > 0)
			first = i;
	if (first == n)
		fprintf(fp, "  no weekly rating in this period\n");
	for (size_t i = first; i < n; i++) {
		ml_date_format(w[i].start, date);
		if (w[i].rated > 0)
			fprintf(fp, "  week of %s  mean %4.1f  (%d rated)\n", date,
			    w[i].mean, w[i].rated);
		else
			fprintf(fp, "  week of %s  no rating\n", date);
	}
	free(w);
	psfs_change(s, cfg, to, &ch);
	if (!ch.known || first == n)
		return;
	ml_date_format(ch.first_week, date);
	fprintf(fp, "  Change since %s: %+.1f (%s; threshold "
	    "%.1f).\n", date, ch.change, psfs_change_label(&ch),
	    cfg->psfs_meaningful_change);
}

int
report_write(FILE *fp, const struct ml_store *s, const struct ml_config *cfg,
    ml_day from, ml_day to, time_t now)
{
	struct report_week *weeks;
	struct plan_adherence whole;
	struct plan_pause_info *pauses;
	char dfrom[ML_DATE_LEN], dto[ML_DATE_LEN], line[160];
	size_t nweeks, npauses, shown = 0;
	int notes = 0;

	ml_date_format(from, dfrom);
	ml_date_format(to, dto);
	write_title(fp, cfg, dfrom, dto);
	if (report_procedures(fp, s, cfg, from, to) == 0)
		fprintf(fp, "Procedure: none recorded; the checks tied to a "
		    "procedure are off.\n");
	fprintf(fp, "Patient diary; not a clinical record.\n");
	/* Rows that cannot be read are in none of the figures below. */
	for (int f = 0; f < ML_NFILES; f++) {
		size_t bad = notices_unreadable_count(s, (enum ml_file)f);

		if (bad > 0)
			fprintf(fp, "Left out: %zu row%s of %s that cannot be read "
			    "(see mendlog check).\n", bad, bad == 1 ? "" : "s",
			    ml_schema((enum ml_file)f)->filename);
	}
	fputc('\n', fp);

	nweeks = report_weeks(s, cfg, from, to, now, &weeks);
	fprintf(fp, "%s\n", report_week_header());
	for (size_t i = 0; i < nweeks; i++) {
		report_week_line(&weeks[i], (int)i + 1, line, sizeof line);
		fprintf(fp, "%s\n", line);
	}
	weeks_adherence(weeks, nweeks, &whole);
	free(weeks);
	fprintf(fp, "back, leg, head: mean score 0-10; worst: worst back pain; "
	    "days: days logged;\nexercise: adherence to the plan.\n");
	adherence_line(s, cfg, from, to, now, &whole, line, sizeof line);
	fprintf(fp, "%s\n", line);
	/* Paused slots are neither due nor missed: say when, so a gap in the
	 * figures reads right. */
	npauses = plan_pauses(s, &pauses);
	for (size_t i = 0; i < npauses; i++) {
		char pf[ML_DATE_LEN], pt[ML_DATE_LEN];

		if (pauses[i].to < from || pauses[i].from > to)
			continue;
		ml_date_format(pauses[i].from, pf);
		ml_date_format(pauses[i].to, pt);
		fprintf(fp, "Plan paused %s to %s: those slots are not counted.\n",
		    pf, pt);
	}
	free(pauses);
	fputc('\n', fp);
	if (write_chart(fp, s, from, to) != 0)
		return -1;
	write_psfs(fp, s, cfg, from, to);

	fprintf(fp, "\nAlerts\n");
	/* One line per episode; "entered in error" apart, below. */
	for (int pass = 0; pass < 2; pass++) {
		size_t npass = 0;

		for (size_t r = 0; r < store_nrows(s, ML_ALERTS); r++) {
			struct alert_row a;
			char sev[64], rule[128], last[ML_DATE_LEN + 4] = "";
			bool error;

			alert_row_get(s, r, &a);
			error = strcmp(a.status, "error") == 0;
			if (!a.day_ok || a.day < from || a.day > to ||
			    error != (pass == 1))
				continue;
			if (pass == 1 && npass == 0)
				fprintf(fp, "Entered in error (not counted)\n");
			text_cell(sev, sizeof sev, a.severity, 9);
			text_cell(rule, sizeof rule, a.rule, 24);
			if (a.last_day != a.day)
				text_cell(last, sizeof last, a.last_date, 10);
			fprintf(fp, "  %s%s%s  %s  %s %s\n", a.date, *last ? " to " :
			    "", last, sev, rule, error ? "entered in error" :
			    strcmp(a.status, "seen") == 0 ? "seen: clinician knows" :
			    *a.acknowledged_at ? "acknowledged" :
			    a.tier == ML_TIER_WATCH ? "logged only" :
			    "NOT acknowledged");
			npass++;
			shown += pass == 0;
		}
		if (pass == 0 && shown == 0)
			fprintf(fp, "  none\n");
	}

	write_alert_day_notes(fp, s, from, to);

	fprintf(fp, "\nLast notes\n");
	for (ml_day d = to; d >= from && notes < 5; d--) {
		const char *note = diary_text(s, diary_find(s, d), EC_NOTES);
		char date[ML_DATE_LEN], text[300];

		if (*note == '\0')
			continue;
		ml_date_format(d, date);
		note_line(note, 66, text, sizeof text);
		fprintf(fp, "  %s  %s\n", date, text);
		notes++;
	}
	if (notes == 0)
		fprintf(fp, "  none\n");
	return ferror(fp) ? -1 : 0;
}
