/*
 * report.h - the clinician's one-page summary, and the weekly figures it
 * is built from (shared with the Trends screen).
 *
 * Weeks are 7-day blocks counted from the first day of the range, so
 * "week 1" of a range starting on the procedure day is days 0-6.
 */
#ifndef ML_REPORT_H
#define ML_REPORT_H

#include <stdio.h>
#include <time.h>

#include "config.h"
#include "date.h"
#include "store.h"

struct report_week {
	ml_day start, end;	/* inclusive; end may be cut by the range */
	int days_logged;	/* entries with any back/leg/headache score */
	double back_mean;	/* NAN when no value */
	int back_worst;		/* max of back_pain_worst (else back_pain); -1 */
	double leg_mean;
	double headache_mean;
	int slots_due;		/* exercise slots due in the week (so far) */
	int slots_done, slots_partial;	/* of those, done and partly done */
	double adherence_pct;	/* NAN when nothing was due */
	int alerts;		/* alerts raised on days of the week */
};

/*
 * Weekly figures for [@from, @to].  *out is a new array (caller frees) of
 * the returned length.  The files must be loaded.
 */
size_t report_weeks(const struct ml_store *s, const struct ml_config *cfg,
    ml_day from, ml_day to, time_t now, struct report_week **out);

/* Format one week as a table line (at most 80 columns) into @buf. */
void report_week_line(const struct report_week *w, int number, char *buf,
    size_t size);
/* The table's header line. */
const char *report_week_header(void);

/*
 * "Exercise adherence: last 7 days 80%, last 30 days 75%." (with the
 * whole range when @from is before the last 30 days) into @buf, or a line
 * saying there is no plan.  Needs the exercise files loaded.
 */
void report_adherence_line(const struct ml_store *s,
    const struct ml_config *cfg, ml_day from, ml_day to, time_t now,
    char *buf, size_t size);

/* Write the whole report (at most 80 columns wide) to @fp; -1 on error. */
int report_write(FILE *fp, const struct ml_store *s,
    const struct ml_config *cfg, ml_day from, ml_day to, time_t now);

#endif
