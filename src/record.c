/*
 * record.c - a change, the rules on the days it touches, what was raised.
 *
 * Which files feed the rules is one table (rules_input): a change to any
 * other file (the exercise log, the plan) runs no rules and raises
 * nothing, so it costs nothing more than the save.  A rule that comes to
 * read one of them (a physiotherapist's red flag) is one row here.
 */
#include <stdlib.h>
#include <string.h>

#include "checked.h"
#include "diary.h"
#include "record.h"

static const bool rules_input[ML_NFILES] = {
	[ML_ENTRIES] = true,
	[ML_PROCEDURES] = true,
};

static void refresh_checked(struct ml_store *s, const struct ml_config *cfg);

static void
result_init(struct record_result *res)
{
	memset(res, 0, sizeof *res);
	res->from = 1;
	res->to = 0;
}

void
record_result_free(struct record_result *res)
{
	alerts_raised_free(&res->raised);
}

/* What alerts.csv holds before the change.  A broken file gives no keys:
 * recording will fail and say why. */
static void
keys_before(struct ml_store *s, struct alerts_keys *before)
{
	struct ml_error lerr;

	memset(before, 0, sizeof *before);
	if (store_load(s, ML_ALERTS, NULL, &lerr) == 0)
		alerts_keys_take(s, before);
}

/*
 * The rules on [@from, @to] after a change (or none), and what is new in
 * alerts.csv since @before.  -1 only when the rules could not run.
 */
static int
run_rules(struct ml_store *s, const struct ml_config *cfg, ml_day from,
    ml_day to, ml_day edited, const struct alerts_keys *before,
    struct record_result *res, struct ml_error *err)
{
	struct alerts_raised fired = { NULL, 0 };
	struct alert_row *rows;
	size_t n;

	/* Entries or procedures unreadable: the rules cannot run. */
	if (store_load(s, ML_ENTRIES, NULL, err) != 0 ||
	    store_load(s, ML_PROCEDURES, NULL, err) != 0)
		return -1;
	res->from = from;
	res->to = to;
	if (alerts_check_edit(s, cfg, from, to, edited, &fired,
	    &res->alerts_err) != 0) {
		res->unrecorded = true;
		res->raised = fired;
		return 0;
	}
	alerts_raised_free(&fired);
	if (store_load(s, ML_ALERTS, NULL, &res->alerts_err) != 0) {
		res->unrecorded = true;
		return 0;
	}
	n = alerts_new(s, before, from, &rows);
	for (size_t i = 0; i < n; i++) {
		struct ml_alert a;

		memset(&a, 0, sizeof a);
		a.rule = rows[i].rule;
		a.tier = rows[i].tier;
		a.message = rows[i].message;
		/* Watch is logged only: nothing to show. */
		if (a.tier == ML_TIER_WATCH)
			continue;
		a.day = a.scope_from = a.scope_to = rows[i].day;
		res->raised.v = xreallocarray(res->raised.v, res->raised.n + 1,
		    sizeof *res->raised.v);
		res->raised.v[res->raised.n++] = a;
	}
	free(rows);
	return 0;
}

/* @day and every day after it up to today: the multi-day rules look
 * back, so a change to one day can raise an alert on a later one. */
static ml_day
until_today(ml_day day)
{
	ml_day today = ml_today();

	return day > today ? day : today;
}

/*
 * After a saved change to @file: the rules from @from up to today (see
 * run_rules), when @file feeds them.  A failure to record is kept in @res
 * (the change itself stands).  Frees @before.
 */
static void
rules_after_change(struct ml_store *s, const struct ml_config *cfg,
    enum ml_file file, ml_day from, ml_day only, struct alerts_keys *before,
    struct record_result *res)
{
	struct ml_error rerr;

	if (rules_input[file] && run_rules(s, cfg, from, until_today(from), only,
	    before, res, &rerr) != 0) {
		res->unrecorded = true;
		res->alerts_err = rerr;
	}
	alerts_keys_free(before);
}

int
record_day(struct ml_store *s, const struct ml_config *cfg, ml_day day,
    const struct ml_set *sets, size_t nsets, struct record_result *res,
    struct ml_error *err)
{
	struct alerts_keys before;

	result_init(res);
	keys_before(s, &before);
	if (diary_set(s, day, sets, nsets, err) != 0) {
		alerts_keys_free(&before);
		return -1;
	}
	/* The entry is saved whatever the rules do. */
	rules_after_change(s, cfg, ML_ENTRIES, day, day, &before, res);
	if (!res->unrecorded)
		refresh_checked(s, cfg);
	return 0;
}

int
record_procedure(struct ml_store *s, const struct ml_config *cfg, ml_day day,
    const char *kind, const char *description, struct record_result *res,
    struct ml_error *err)
{
	struct alerts_keys before;

	result_init(res);
	keys_before(s, &before);
	if (diary_add_procedure(s, day, kind, description, err) != 0) {
		alerts_keys_free(&before);
		return -1;
	}
	rules_after_change(s, cfg, ML_PROCEDURES, day, ML_NO_DAY, &before, res);
	return 0;
}

/* Edit (@remove false) or remove procedure @row; the rules run from the
 * earlier of its old and new day up to today. */
static int
change_procedure(struct ml_store *s, const struct ml_config *cfg, size_t row,
    bool remove, const ml_day *day, const char *kind, const char *description,
    struct record_result *res, struct ml_error *err)
{
	struct alerts_keys before;
	ml_day from;
	int rc;

	result_init(res);
	if (row >= store_nrows(s, ML_PROCEDURES) || !ml_date_parse(store_get(s,
	    ML_PROCEDURES, row, PC_DATE), &from))
		from = ml_today();
	if (day != NULL && *day < from)
		from = *day;
	keys_before(s, &before);
	rc = remove ? diary_remove_procedure(s, row, err) :
	    diary_edit_procedure(s, row, day, kind, description, err);
	if (rc != 0) {
		alerts_keys_free(&before);
		return -1;
	}
	rules_after_change(s, cfg, ML_PROCEDURES, from, ML_NO_DAY, &before, res);
	return 0;
}

int
record_procedure_edit(struct ml_store *s, const struct ml_config *cfg,
    size_t row, const ml_day *day, const char *kind, const char *description,
    struct record_result *res, struct ml_error *err)
{
	return change_procedure(s, cfg, row, false, day, kind, description, res,
	    err);
}

int
record_procedure_remove(struct ml_store *s, const struct ml_config *cfg,
    size_t row, struct record_result *res, struct ml_error *err)
{
	return change_procedure(s, cfg, row, true, NULL, NULL, NULL, res, err);
}

int
record_exercise(struct ml_store *s, const struct ml_config *cfg,
    const struct plan_log *log, struct record_result *res,
    struct ml_error *err)
{
	(void)cfg;
	result_init(res);
	if (plan_log_write(s, log, err) != 0)
		return -1;
	/* rules_input[ML_EXERCISE_LOG] is false: no rule reads the log. */
	return 0;
}

int
record_plan_import(struct ml_store *s, const struct ml_config *cfg,
    const char *path, bool replace, ml_problem_fn report, void *ctx,
    struct plan_import_result *out, struct record_result *res,
    struct ml_error *err)
{
	return record_plan_import_from(s, cfg, path, ml_today(), replace, report,
	    ctx, out, res, err);
}

int
record_plan_import_from(struct ml_store *s, const struct ml_config *cfg,
    const char *path, ml_day effective, bool replace, ml_problem_fn report,
    void *ctx, struct plan_import_result *out, struct record_result *res,
    struct ml_error *err)
{
	result_init(res);
	if (plan_import_from(s, cfg, path, effective, replace, report, ctx, out,
	    err) != 0)
		return -1;
	/* rules_input[ML_EXERCISES] is false: no rule reads the plan. */
	return 0;
}

int
record_acknowledge(struct ml_store *s, size_t row, size_t *count,
    struct record_result *res, struct ml_error *err)
{
	result_init(res);
	/* An acknowledgement changes no rule input: it raises nothing. */
	return alerts_acknowledge(s, row, count, err);
}

int
record_mark(struct ml_store *s, size_t row, enum alert_mark mark,
    bool emergencies, size_t *count, struct record_result *res,
    struct ml_error *err)
{
	result_init(res);
	return alerts_mark(s, row, mark, emergencies, count, err);
}

int
record_rules(struct ml_store *s, const struct ml_config *cfg, ml_day from,
    ml_day to, struct record_result *res, struct ml_error *err)
{
	struct alerts_keys before;
	int rc;

	result_init(res);
	keys_before(s, &before);
	rc = run_rules(s, cfg, from, to, ML_NO_DAY, &before, res, err);
	alerts_keys_free(&before);
	return rc;
}

int
record_startup(struct ml_store *s, const struct ml_config *cfg,
    struct record_result *res, struct ml_error *err)
{
	ml_day today = ml_today();

	if (cfg->startup_days <= 0) {
		result_init(res);
		return 0;
	}
	return record_rules(s, cfg, today - (cfg->startup_days - 1), today, res,
	    err);
}

int
record_changes(struct ml_store *s, const struct ml_config *cfg,
    bool may_write, struct record_result *res, struct ml_error *err)
{
	struct ml_changed ch;
	struct alerts_keys before;
	struct alerts_raised fired = { NULL, 0 };
	struct alert_row *rows;
	struct ml_error cerr;
	size_t n;

	result_init(res);
	/* Streams entries.csv only when it changed since the last look;
	 * loads nothing. */
	if (checked_compare(s, &ch, err) != 0)
		return -1;
	if (ch.n == 0) {
		if (ch.dirty && may_write)
			(void)checked_save(s, &ch, &cerr);
		checked_free(&ch);
		return 0;
	}
	if (store_load(s, ML_ENTRIES, NULL, err) != 0 ||
	    store_load(s, ML_PROCEDURES, NULL, err) != 0) {
		checked_free(&ch);
		return -1;
	}
	keys_before(s, &before);
	res->from = ch.days[0];
	res->to = ch.days[ch.n - 1];
	/* Each run of consecutive changed days is one check. */
	for (size_t i = 0; i < ch.n;) {
		size_t j = i;

		while (j + 1 < ch.n && ch.days[j + 1] == ch.days[j] + 1)
			j++;
		if (alerts_check_days(s, cfg, ch.days[i], ch.days[j], &fired,
		    &res->alerts_err) != 0)
			res->unrecorded = true;
		i = j + 1;
	}
	if (res->unrecorded) {
		/* Not recorded: checked.csv is left as it was, so the next
		 * run checks these days again. */
		res->raised = fired;
		alerts_keys_free(&before);
		checked_free(&ch);
		return 0;
	}
	alerts_raised_free(&fired);
	if (store_load(s, ML_ALERTS, NULL, &res->alerts_err) != 0) {
		res->unrecorded = true;
	} else {
		n = alerts_new(s, &before, res->from, &rows);
		for (size_t i = 0; i < n; i++) {
			struct ml_alert a;

			memset(&a, 0, sizeof a);
			a.rule = rows[i].rule;
			a.tier = rows[i].tier;
			a.message = rows[i].message;
			/* Watch is logged only: nothing to show. */
			if (a.tier == ML_TIER_WATCH)
				continue;
			a.day = a.scope_from = a.scope_to = rows[i].day;
			res->raised.v = xreallocarray(res->raised.v,
			    res->raised.n + 1, sizeof *res->raised.v);
			res->raised.v[res->raised.n++] = a;
		}
		free(rows);
		if (may_write)
			(void)checked_save(s, &ch, &cerr);
	}
	alerts_keys_free(&before);
	checked_free(&ch);
	return 0;
}

/*
 * After a save of this process: what the rules have seen now includes
 * the saved day (its rules just ran), so checked.csv is brought up to
 * date, checking first any other day changed meanwhile.  A reading
 * command never writes checked.csv (the directory stays as it was).
 */
static void
refresh_checked(struct ml_store *s, const struct ml_config *cfg)
{
	struct record_result res;
	struct ml_error err;

	(void)record_changes(s, cfg, true, &res, &err);
	record_result_free(&res);
}
