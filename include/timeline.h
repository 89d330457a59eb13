/*
 * timeline.h - the recovery timeline: every procedure recorded, each with
 * its own day count and its own expected window.  Core code: no curses,
 * no writing.
 *
 * "Day N after <procedure>" is not one newest procedure: a blood patch
 * three days after a lumbar puncture does not end the puncture's
 * timeline, and an earlier procedure still inside its expected window is
 * shown beside the newest one.  The rules (rules.c), the top line, the
 * export, the report and Trends all read procedures through this module,
 * so they agree on which procedures apply to a day.  The model is
 * documented in mendlog(5), THE RECOVERY TIMELINE.
 *
 * A timeline is a snapshot of the loaded procedures.csv: rows whose date
 * or kind cannot be read are left out (mendlog check reports them); kinds
 * match through the kind table (ml_proc_kind_match), so a hand-typed
 * "Lumbar puncture" is a lumbar_puncture.  Strings point into the store:
 * valid until procedures.csv is reloaded or changed.
 */
#ifndef ML_TIMELINE_H
#define ML_TIMELINE_H

#include <stdbool.h>
#include <stddef.h>

#include "config.h"
#include "date.h"
#include "schema.h"
#include "store.h"

/* Category masks for timeline_within(); see enum ml_proc_category. */
#define ML_CAT_MASK(cat)	(1u << (cat))
#define ML_CAT_ANY		0xffu

/* One procedure on the timeline. */
struct ml_timeline_proc {
	ml_day date;			/* day 0 */
	int kind;			/* index into ml_proc_kinds() */
	const struct ml_proc_kind *info;	/* that row; never NULL */
	const char *description;	/* owned by the store */
	long row;			/* its row in procedures.csv */
	int window_days;		/* expected days of back pain (config) */
};

/* Every readable procedure, oldest first (ties keep file order). */
struct ml_timeline {
	struct ml_timeline_proc *v;	/* owned */
	size_t n;
};

/*
 * Build the timeline of the loaded procedures in @s.  @cfg gives the
 * windows (window_<kind>); NULL means the kind table's defaults.  Free
 * with timeline_free().
 */
void timeline_build(struct ml_timeline *tl, const struct ml_store *s,
    const struct ml_config *cfg);
void timeline_free(struct ml_timeline *tl);

/* One procedure as seen from a day. */
struct ml_timeline_day {
	const struct ml_timeline_proc *proc;
	int dayno;			/* day - proc->date, >= 0 */
	bool in_window;			/* dayno <= proc->window_days */
};

/*
 * The procedures on or before @day, newest first, into @out (room for
 * @max).  Returns how many were written.
 */
size_t timeline_on(const struct ml_timeline *tl, ml_day day,
    struct ml_timeline_day *out, size_t max);

/* The newest procedure on or before @day, or NULL. */
const struct ml_timeline_proc *timeline_newest(const struct ml_timeline *tl,
    ml_day day);

/*
 * The newest procedure whose category is in @cats (ML_CAT_MASK bits) and
 * whose day @from..@to (inclusive) contains @day, or NULL.  "Is today
 * within days 0..7 after a block?" is
 * timeline_within(tl, today, ML_CAT_MASK(ML_PROC_BLOCK), 0, 7).
 */
const struct ml_timeline_proc *timeline_within(const struct ml_timeline *tl,
    ml_day day, unsigned cats, int from, int to);

/* The same question straight from the loaded store (no config needed). */
bool timeline_store_within(const struct ml_store *s, ml_day day,
    unsigned cats, int from, int to);

/*
 * Does @later continue @earlier's timeline rather than start a new one?
 * A blood patch after a dural procedure treats its complication.
 */
bool timeline_follows_up(const struct ml_timeline_proc *earlier,
    const struct ml_timeline_proc *later);

/*
 * The last day of @p's timeline: the day before the next procedure that
 * is not a follow-up of it, or INT32_MAX.
 */
ml_day timeline_end(const struct ml_timeline *tl,
    const struct ml_timeline_proc *p);

/*
 * The procedure whose expected window pain on @day has outlived, or NULL:
 * a procedure past its window whose timeline is still open on @day (only
 * follow-ups since), with no procedure on or before its date still inside
 * its own window (a fusion's 90 days cover an LP done during them).
 */
const struct ml_timeline_proc *timeline_beyond_window(
    const struct ml_timeline *tl, ml_day day);

/*
 * "day N after <kind>" for @day into @buf: the newest procedure, then
 * " · day M after <kind>" for each earlier one still inside its window.
 * "" when none applies.  Returns the newest procedure's N, or -1.
 */
int timeline_label(const struct ml_timeline *tl, ml_day day, char *buf,
    size_t size);

#endif
