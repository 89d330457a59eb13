/*
 * record.h - one use case for every change to the diary: apply the
 * change through the store's locked transaction, run the rules on the days
 * it touches, and return what was raised.  Every front end calls it
 * (`mendlog log`, `done`, `procedure add`, `plan import`, `ack`, and every
 * screen save) and presents the result its own way.  Core code: no
 * curses, never prints.
 *
 * Functions return 0 when the change is saved, whatever the rules did
 * (@res says what they raised, and whether recording the alerts failed),
 * or -1 with @err when it is not saved (nothing changed; @res is empty).
 * @res is always initialised; free it with record_result_free().
 */
#ifndef ML_RECORD_H
#define ML_RECORD_H

#include <stdbool.h>
#include <stddef.h>

#include "alerts.h"
#include "config.h"
#include "plan.h"
#include "store.h"

struct record_result {
	/*
	 * The alerts this change raised, most severe first: the rows it
	 * added to alerts.csv, and those another mendlog recorded for the
	 * same days meanwhile.  rule and message point into the store (valid
	 * until alerts.csv reloads) or are static.
	 */
	struct alerts_raised raised;
	/* The rules ran but the alerts could not be recorded: @raised then
	 * holds everything that fired and was not recorded before, which the
	 * front end must still show, and @alerts_err says why. */
	bool unrecorded;
	struct ml_error alerts_err;
	ml_day from, to;	/* the days the rules ran on (from > to: none) */
};

void record_result_free(struct record_result *res);

/* Set fields of @day's entry (diary_set); rules on @day up to today. */
int record_day(struct ml_store *s, const struct ml_config *cfg, ml_day day,
    const struct ml_set *sets, size_t nsets, struct record_result *res,
    struct ml_error *err);

/* Log one exercise slot (plan_log_write). */
int record_exercise(struct ml_store *s, const struct ml_config *cfg,
    const struct plan_log *log, struct record_result *res,
    struct ml_error *err);

/* Record a procedure (diary_add_procedure); rules on @day up to today,
 * whose "day N after" it changes. */
int record_procedure(struct ml_store *s, const struct ml_config *cfg,
    ml_day day, const char *kind, const char *description,
    struct record_result *res, struct ml_error *err);

/* Change procedure @row of the loaded procedures.csv (diary_edit_procedure;
 * NULL keeps a field) or remove it; rules from the earlier of its old and
 * new day up to today, whose timeline it changes. */
int record_procedure_edit(struct ml_store *s, const struct ml_config *cfg,
    size_t row, const ml_day *day, const char *kind, const char *description,
    struct record_result *res, struct ml_error *err);
int record_procedure_remove(struct ml_store *s, const struct ml_config *cfg,
    size_t row, struct record_result *res, struct ml_error *err);
/* Import a plan (plan_import: @report, @ctx and @out as there). */
int record_plan_import(struct ml_store *s, const struct ml_config *cfg,
    const char *path, bool replace, ml_problem_fn report, void *ctx,
    struct plan_import_result *out, struct record_result *res,
    struct ml_error *err);
/* The same, taking effect from @effective (plan_import_from). */
int record_plan_import_from(struct ml_store *s, const struct ml_config *cfg,
    const char *path, ml_day effective, bool replace, ml_problem_fn report,
    void *ctx, struct plan_import_result *out, struct record_result *res,
    struct ml_error *err);

/* Acknowledge an alert (alerts_acknowledge: @row and @count as there). */
int record_acknowledge(struct ml_store *s, size_t row, size_t *count,
    struct record_result *res, struct ml_error *err);

/* Answer an alert: read, seen or error (alerts_mark: @row, @mark,
 * @emergencies and @count as there). */
int record_mark(struct ml_store *s, size_t row, enum alert_mark mark,
    bool emergencies, size_t *count, struct record_result *res,
    struct ml_error *err);

/*
 * No change of this process: run the rules on [@from, @to] and record what
 * is new (start-up, a change made by another mendlog).  -1 only when the
 * rules could not run (entries or procedures unreadable); a failed
 * recording is res->unrecorded, as above.
 */
int record_rules(struct ml_store *s, const struct ml_config *cfg,
    ml_day from, ml_day to, struct record_result *res, struct ml_error *err);

/*
 * The rules on every day of entries.csv whose row changed since the rules
 * last saw it (checked.h), however old: a spreadsheet edit is checked at
 * the next run of any command and at the screen's next reload.  The first
 * run records the rows as they are (the start-up window checks the recent
 * days).  Only when @may_write is DIR/checked.csv written: a reading
 * command leaves the directory as it was (the next save brings it up to
 * date).  -1 only when entries or procedures cannot be read.
 */
int record_changes(struct ml_store *s, const struct ml_config *cfg,
    bool may_write, struct record_result *res, struct ml_error *err);
/* record_rules() over the last cfg->startup_days days up to today (none
 * when it is 0): the catch-up at start-up. */
int record_startup(struct ml_store *s, const struct ml_config *cfg,
    struct record_result *res, struct ml_error *err);

#endif
