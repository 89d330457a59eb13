/*
 * plan.h - the exercise plan: schedules, today's slots, their status,
 * logging a slot, adherence, and importing a physiotherapist's CSV.
 *
 * Core code: no curses.  Everything reads the store's loaded tables; the
 * caller loads ML_EXERCISES and ML_EXERCISE_LOG (and nothing is cached
 * here, so a reload is seen at the next call).
 *
 * Schedules are evaluated in local wall-clock time: a slot is a calendar
 * day plus minutes after local midnight, turned into an instant only with
 * ml_local_time(), so month ends, 29 February and daylight-saving changes
 * need no special cases.  A slot in a spring-forward gap falls at the next
 * valid time.
 *
 * Rows that cannot be used (invalid id, days, times or dates, a repeated
 * id) give no slots; `mendlog check` reports them.  Empty `days` means
 * daily, empty `active` means yes, an empty `times` gives no slots.
 * Plan history: each day is judged by the plan as it was that day.  A
 * change made through plan_transact() (import, the plan form, an ended
 * exercise) takes effect from a given day and keeps the schedule it
 * replaced in plan_history.csv for the days before; an exercise added on
 * day A has no slots before A.  Whole-plan pauses (plan_pauses.csv) turn
 * the slots of their days into PLAN_PAUSED unless they were logged.
 * Callers load ML_PLAN_HISTORY and ML_PLAN_PAUSES too (plan_load does all
 * four); a file not loaded reads as empty (no history, no pause).
 * Adherence counts neither paused slots nor the days before an exercise
 * was added; setting `active` to no takes the exercise out from the day
 * of the change on.
 */
#ifndef ML_PLAN_H
#define ML_PLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "config.h"
#include "date.h"
#include "store.h"

/* The most slots one exercise may have in a day. */
#define PLAN_MAX_TIMES 24

/* A parsed `days` + `times` + dates + `active`. */
struct plan_schedule {
	enum { PLAN_DAILY, PLAN_WEEKDAYS, PLAN_EVERY } kind;
	unsigned weekdays;		/* bit 0 = Monday ... bit 6 = Sunday */
	int every;			/* N of "every N days" */
	bool has_start, has_end;
	ml_day start, end;		/* inclusive */
	bool active;
	int times[PLAN_MAX_TIMES];	/* minutes after midnight, ascending */
	size_t ntimes;
};

/*
 * Parse the schedule columns of an exercise (empty strings allowed as
 * above).  Returns 0, or -1 with @err naming the column at fault.
 */
int plan_schedule_parse(const char *days, const char *times,
    const char *start_date, const char *end_date, const char *active,
    struct plan_schedule *out, struct ml_error *err);
/* True when the schedule has slots on @day (active, in range, right day).
 * "every N days" counts from start_date (from 1970-01-01 without one). */
bool plan_occurs(const struct plan_schedule *sc, ml_day day);
/* The schedule of exercises row @row; false when the row is unusable. */
bool plan_row_schedule(const struct ml_store *s, size_t row,
    struct plan_schedule *out);
/* The same, saying why a row is unusable: -1 with @err (field and reason;
 * no file or line). */
int plan_row_check(const struct ml_store *s, size_t row,
    struct plan_schedule *out, struct ml_error *err);

enum plan_status {
	PLAN_LATER,	/* its time has not come */
	PLAN_DUE,	/* from its time ... */
	PLAN_OVERDUE,	/* ... and overdue_after later, to the end of its day */
	PLAN_DONE,	/* settled by a log row */
	PLAN_PARTIAL,
	PLAN_SKIPPED,
	PLAN_MISSED,	/* its day ended with no log */
	PLAN_PAUSED	/* in a whole-plan pause, not logged */
};

/* "later", "due", "overdue", "done", "partial", "skipped", "missed",
 * "paused". */
const char *plan_status_name(enum plan_status st);
/* True for DONE, PARTIAL and SKIPPED. */
bool plan_status_settled(enum plan_status st);

/* exercise_row of a logged session whose exercise left the plan. */
#define PLAN_NO_ROW ((size_t)-1)

struct plan_slot {
	ml_day day;
	int minutes;		/* local time after midnight */
	size_t exercise_row;	/* row in the exercises table, or PLAN_NO_ROW */
	long log_row;		/* row in exercise_log settling it, or -1 */
	enum plan_status status;
};

/* When the slot falls (ml_local_time of its day and minutes). */
time_t plan_slot_time(const struct plan_slot *slot);
/* The exercise id of @slot; owned by the store, valid until reload. */
const char *plan_slot_id(const struct ml_store *s, const struct plan_slot *slot);

/* Status at @now of a slot (day, minutes) with log status @logged
 * ("" or invalid = not logged). */
enum plan_status plan_status_at(const struct ml_config *cfg, ml_day day,
    int minutes, const char *logged, time_t now);

/*
 * Every slot of @day, sorted by time then by plan order, with its status
 * at @now.  Returns the count; *out is a new array (NULL when 0).  Caller
 * frees *out.
 */
size_t plan_slots(const struct ml_store *s, const struct ml_config *cfg,
    ml_day day, time_t now, struct plan_slot **out);

/*
 * Every slot of the days @from..@to, day by day, each day as plan_slots()
 * gives it (for exports: a LATER slot's time has not come).  Returns the
 * count; caller frees *out.
 */
size_t plan_slots_range(const struct ml_store *s, const struct ml_config *cfg,
    ml_day from, ml_day to, time_t now, struct plan_slot **out);
/* plan_slots_range plus every session logged in the range that meets no
 * slot of the plan as it was (its exercise_row PLAN_NO_ROW when the
 * exercise left the plan): no logged session ever drops out of an
 * export.  Caller frees *out. */
size_t plan_sessions_range(const struct ml_store *s,
    const struct ml_config *cfg, ml_day from, ml_day to, time_t now,
    struct plan_slot **out);

/*
 * What a reminder shows at @now: the number of today's slots that are due
 * or overdue, the first of them in *first (may be NULL), and in *newest
 * (may be NULL) the latest time among them, so a caller can ring once per
 * newly due slot.  0 when nothing is due.
 */
size_t plan_due_now(const struct ml_store *s, const struct ml_config *cfg,
    time_t now, struct plan_slot *first, time_t *newest);

/* Row of the log for (day, minutes, exercise id), or -1. */
long plan_log_find(const struct ml_store *s, ml_day day, int minutes,
    const char *exercise_id);

/* Adherence over a period.  pct is NAN when nothing was due. */
struct plan_adherence {
	int due;		/* slots whose time has come, or that were logged */
	int done, partial, skipped;
	double pct;		/* 100 * (done + 0.5 * partial) / due */
};

/*
 * Adherence of exercise @exercise_id (NULL = all) over the days @from..@to
 * inclusive, at @now.  A slot counts as due once its time has come (a past
 * slot with no log is missed) or once it is logged, even early.  Reads
 * only the log rows of those days (the log's key index), so a week costs
 * a week whatever the length of the log.
 */
void plan_adherence(const struct ml_store *s, const struct ml_config *cfg,
    const char *exercise_id, ml_day from, ml_day to, time_t now,
    struct plan_adherence *out);
/*
 * plan_adherence() of every exercise row over @from..@to in one pass: out[r]
 * for the id of row r (a later row repeating an id has no slots, so 0 due).
 * @out has store_nrows(ML_EXERCISES) items.  For listings: asking
 * exercise by exercise costs the whole plan once per exercise.
 */
void plan_adherence_rows(const struct ml_store *s, const struct ml_config *cfg,
    ml_day from, ml_day to, time_t now, struct plan_adherence *out);
/* The usual periods: the last @days days up to and including today(@now). */
void plan_adherence_last(const struct ml_store *s, const struct ml_config *cfg,
    const char *exercise_id, int days, time_t now, struct plan_adherence *out);

/* A log for a slot.  Empty strings / -1 leave a field empty. */
struct plan_log {
	ml_day day;
	int minutes;
	const char *exercise_id;
	const char *status;	/* done, partial or skipped */
	long sets_done;		/* -1 = not given */
	int pain_during;	/* 0-10, -1 = not given */
	const char *note;	/* NULL or "" = none */
};

/*
 * Record (or replace) the log of one slot, keyed date+slot+exercise_id,
 * stamping logged_at with ml_now(), in one store transaction.  Values are
 * checked before anything is written.
 */
int plan_log_write(struct ml_store *s, const struct plan_log *log,
    struct ml_error *err);

/*
 * The slot of exercise @id on @day that "done" means by default: the
 * latest unsettled slot whose time has come, else the next unsettled one.
 * Returns 0 with *minutes set, or -1 with @err (no such exercise, no slot
 * that day, all logged).  Needs exercises and the log loaded.
 */
int plan_default_slot(const struct ml_store *s, const struct ml_config *cfg,
    const char *id, ml_day day, time_t now, int *minutes,
    struct ml_error *err);

/* Load what the scheduler reads: exercises, the log, the plan history
 * and the pauses. */
int plan_load(struct ml_store *s, struct ml_error *err);

/*
 * Change exercises.csv through the plan history: run @apply on it in one
 * store transaction (as store_transact), then record, for each exercise
 * whose schedule (days, times, dates, active) changed, the schedule it
 * had until @effective - 1 in plan_history.csv, and for each new exercise
 * that it had no slots before @effective.  Days before @effective keep
 * the plan they had; a version recorded for days on or after @effective
 * is dropped (the change replaces it).
 */
int plan_transact(struct ml_store *s, ml_day effective, ml_tx_apply apply,
    void *ctx, struct ml_error *err);
/* store_upsert on exercises.csv through plan_transact. */
int plan_upsert(struct ml_store *s, ml_day effective, const char *const *key,
    const struct ml_set *sets, size_t nsets, struct ml_error *err);

/* Whole-plan pauses (plan_pauses.csv). */
struct plan_pause_info {
	ml_day from, to;
};
/* Pause the whole plan from @from to @to inclusive (replacing a pause
 * that starts the same day).  -1 with @err when @to is before @from or
 * the pause overlaps another one. */
int plan_pause_add(struct ml_store *s, ml_day from, ml_day to,
    struct ml_error *err);
/* Cancel the pause that starts on @from; -1 with @err if there is none. */
int plan_pause_cancel(struct ml_store *s, ml_day from, struct ml_error *err);
/* The pauses, sorted by start; returns the count, caller frees *out. */
size_t plan_pauses(const struct ml_store *s, struct plan_pause_info **out);
/* True when @day is in a pause. */
bool plan_paused_on(const struct ml_store *s, ml_day day);

/* Row of exercise @id (first one), or -1. */
long plan_find(const struct ml_store *s, const char *id);

/* Format "2 x 10, hold 5 s" (parts left out when empty) into @buf. */
void plan_dose(const struct ml_store *s, size_t row, char *buf, size_t size);

/* --- import (plan-import.c) ------------------------------------------ */

/* What an import did to one exercise. */
enum plan_import_fate {
	PLAN_IMPORT_NEW,	/* added */
	PLAN_IMPORT_UPDATED,	/* found by id or name; values changed */
	PLAN_IMPORT_UNCHANGED,	/* found; every value already so */
	PLAN_IMPORT_ENDED,	/* --replace, not in the file: ended yesterday */
	PLAN_IMPORT_REMOVED	/* --replace, not in the file, not started yet */
};

struct plan_import_item {
	enum plan_import_fate fate;
	char id[72];
	char *name;		/* owned; as in the file or the plan */
};

struct plan_import_result {
	size_t rows;		/* exercise rows in the file */
	size_t added, updated, unchanged;	/* the file's rows */
	size_t ended, removed;	/* --replace: the plan's rows it left out */
	struct plan_import_item *items;	/* owned: file rows in order, then
					 * the ended and removed ones */
	size_t nitems;
};

/* "new", "updated", "unchanged", "ended", "removed". */
const char *plan_import_fate_name(enum plan_import_fate fate);
/* Free what @res owns (its items). */
void plan_import_result_free(struct plan_import_result *res);
/* Print the counts on one line, then one line per exercise: its fate, name
 * (made safe for a terminal) and id. */
void plan_import_summary(const struct plan_import_result *res, FILE *fp);

/*
 * Derive an id from a name: lower-case ASCII letters and digits, any
 * other run becomes one '_', trimmed, at most 64 bytes.  Writes "" when
 * nothing is left.  @size must be at least 65.
 */
void plan_slug(const char *name, char *buf, size_t size);

/*
 * Import the plan in CSV file @path as a spreadsheet writes it (see
 * plan-import.c and mendlog(5)): ',' ';' or tab between cells, title rows
 * above the header, header synonyms ("Exercise", "Hold (secs)"), Excel
 * times and booleans, dates as @cfg's date_order says (@cfg NULL = the
 * defaults).  A row without an id updates the plan's exercise of the same
 * name, else gets an id made from its name; other columns are kept.
 * Every problem is passed to @report as FILE:LINE: column: problem, and
 * when there is any, nothing is written and -1 returned with @err holding
 * a summary.  Otherwise, in one transaction on exercises.csv, exercises
 * are updated and new ones added; with @replace the plan's exercises the
 * file leaves out are ended from today.  @res (may be NULL) receives what
 * happened to each; the caller frees it with plan_import_result_free().
 */
int plan_import(struct ml_store *s, const struct ml_config *cfg,
    const char *path, bool replace, ml_problem_fn report, void *ctx,
    struct plan_import_result *res, struct ml_error *err);
/* plan_import() taking effect from @effective instead of today: the days
 * before it keep the plan they had (plan_transact); with @replace the
 * exercises left out end the day before it. */
int plan_import_from(struct ml_store *s, const struct ml_config *cfg,
    const char *path, ml_day effective, bool replace, ml_problem_fn report,
    void *ctx, struct plan_import_result *res, struct ml_error *err);

#endif
