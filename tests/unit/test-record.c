/*
 * test-record.c - the one use case for a change (record.c) and the typed
 * alert rows (alerts.c): a change is saved and what it raised returned;
 * nothing saved and nothing raised on a refused change; what another
 * mendlog recorded first still reported; a broken alerts.csv still shows
 * what fired; changes that feed no rule raise nothing; "which are open"
 * and "which are new".
 */
#include "diaryfix.h"

#include "alerts.h"
#include "config.h"
#include "diary.h"
#include "record.h"

#define D0 ml_date_from_ymd(2026, 11, 1)

static int
setup(void **state)
{
	setenv("MENDLOG_NOW", "2026-11-03T12:00:00", 1);
	return fx_setup(state);
}

static int
day(struct fx *f, ml_day d, const char *field, const char *value,
    struct record_result *res)
{
	struct ml_set set = { field, value };
	struct ml_error err;

	return record_day(&f->s, &f->cfg, d, &set, 1, res, &err);
}

/* @field of @d as the file holds it now (reloaded). */
static const char *
saved(struct fx *f, ml_day d, enum ml_entry_col col)
{
	struct ml_error err;

	assert_int_equal(store_load(&f->s, ML_ENTRIES, NULL, &err), 0);
	return diary_text(&f->s, diary_find(&f->s, d), col);
}

static void
test_day_saved_and_raised(void **state)
{
	struct fx *f = *state;
	struct record_result res;

	assert_int_equal(day(f, D0, "leg_weakness", "yes", &res), 0);
	assert_false(res.unrecorded);
	assert_int_equal(res.from, D0);
	assert_int_equal(res.to, ml_today());
	assert_int_equal(res.raised.n, 1);
	assert_string_equal(res.raised.v[0].rule, "leg_weakness");
	assert_int_equal(res.raised.v[0].tier, ML_TIER_EMERGENCY);
	assert_int_equal(res.raised.v[0].day, D0);
	record_result_free(&res);
	/* Saved: the entry is in the file. */
	assert_string_equal(saved(f, D0, EC_LEG_WEAKNESS), "yes");
	/* The same again raises nothing new. */
	assert_int_equal(day(f, D0, "notes", "again", &res), 0);
	assert_int_equal(res.raised.n, 0);
	record_result_free(&res);
}

static void
test_refused_change_saves_and_raises_nothing(void **state)
{
	struct fx *f = *state;
	struct record_result res;
	struct ml_error err;

	assert_int_equal(day(f, D0, "back_pain", "11", &res), -1);
	assert_int_equal(res.raised.n, 0);
	record_result_free(&res);
	assert_int_equal(store_load(&f->s, ML_ENTRIES, NULL, &err), 0);
	assert_int_equal(store_nrows(&f->s, ML_ENTRIES), 0);
	assert_int_equal(store_load(&f->s, ML_ALERTS, NULL, &err), 0);
	assert_int_equal(store_nrows(&f->s, ML_ALERTS), 0);
}

static void
test_recorded_before_the_change_is_not_its_doing(void **state)
{
	struct fx *f = *state;
	struct record_result res;
	struct ml_store s2;
	struct ml_set set = { "saddle_numbness", "yes" };
	struct ml_error err;

	/* A second mendlog writes the entry and records its alert... */
	assert_int_equal(store_open(&s2, f->dir, &err), 0);
	assert_int_equal(record_day(&s2, &f->cfg, D0, &set, 1, &res, &err), 0);
	assert_int_equal(res.raised.n, 1);
	record_result_free(&res);
	store_close(&s2);
	/* ...before this one changes the same day: that alert is not this
	 * change's doing, so it is not reported again. */
	assert_int_equal(store_load(&f->s, ML_ALERTS, NULL, &err), 0);
	assert_int_equal(day(f, D0, "notes", "x", &res), 0);
	assert_int_equal(res.raised.n, 0);
	record_result_free(&res);
}

static void
test_broken_alerts_file_still_shows(void **state)
{
	struct fx *f = *state;
	struct record_result res;
	char *path = xasprintf("%s/alerts.csv", f->dir);

	tu_write_str(path, "raised_at,date,rule,severity,message,acknowledged_at\n"
	    "\"unterminated\n");
	assert_int_equal(day(f, D0, "leg_weakness", "yes", &res), 0);
	assert_true(res.unrecorded);
	assert_non_null(strstr(res.alerts_err.file, "alerts.csv"));
	assert_int_equal(res.raised.n, 1);
	assert_string_equal(res.raised.v[0].rule, "leg_weakness");
	record_result_free(&res);
	/* The entry is saved all the same. */
	assert_string_equal(saved(f, D0, EC_LEG_WEAKNESS), "yes");
	free(path);
}

static void
test_procedure_runs_the_rules(void **state)
{
	struct fx *f = *state;
	struct record_result res;
	struct ml_error err;

	/* A headache on day 0 means nothing until the puncture is recorded. */
	assert_int_equal(day(f, D0, "headache", "1", &res), 0);
	assert_int_equal(res.raised.n, 0);
	record_result_free(&res);
	assert_int_equal(record_procedure(&f->s, &f->cfg, D0, "lumbar_puncture",
	    "", &res, &err), 0);
	assert_int_equal(res.raised.n, 1);
	assert_string_equal(res.raised.v[0].rule, "post_puncture_headache");
	record_result_free(&res);
	/* A bad kind: nothing saved. */
	assert_int_equal(record_procedure(&f->s, &f->cfg, D0, "nonsense", "",
	    &res, &err), -1);
	record_result_free(&res);
}

static void
test_exercise_and_ack_raise_nothing(void **state)
{
	struct fx *f = *state;
	struct record_result res;
	struct plan_log log = { .day = D0, .minutes = 480,
	    .exercise_id = "walk", .status = "done", .sets_done = -1,
	    .pain_during = -1 };
	struct ml_error err;
	size_t count;

	assert_int_equal(day(f, D0, "leg_weakness", "yes", &res), 0);
	record_result_free(&res);
	assert_int_equal(record_exercise(&f->s, &f->cfg, &log, &res, &err), 0);
	assert_false(res.unrecorded);
	assert_true(res.from > res.to);	/* no rule reads the log */
	assert_int_equal(res.raised.n, 0);
	record_result_free(&res);
	assert_int_equal(store_load(&f->s, ML_ALERTS, NULL, &err), 0);
	assert_int_equal(record_acknowledge(&f->s, ALERTS_ALL, &count, &res,
	    &err), 0);
	assert_int_equal(count, 1);
	assert_int_equal(res.raised.n, 0);
	record_result_free(&res);
}

static void
test_open_and_new(void **state)
{
	struct fx *f = *state;
	struct record_result res;
	struct alerts_keys before;
	struct alert_row *rows;
	struct ml_error err;
	size_t count;
	long row;
	char *key;

	assert_int_equal(day(f, D0, "leg_weakness", "yes", &res), 0);
	record_result_free(&res);
	assert_int_equal(store_load(&f->s, ML_ALERTS, NULL, &err), 0);
	alerts_keys_take(&f->s, &before);
	assert_int_equal(before.n, 1);
	assert_int_equal(day(f, D0 + 1, "temperature_c", "39.5", &res), 0);
	record_result_free(&res);
	assert_int_equal(store_load(&f->s, ML_ALERTS, NULL, &err), 0);
	/* Which are new: only the fever. */
	assert_int_equal(alerts_new(&f->s, &before, D0, &rows), 1);
	assert_string_equal(rows[0].rule, "fever");
	assert_string_equal(rows[0].date, "2026-11-02");
	assert_true(rows[0].day_ok);
	assert_int_equal(rows[0].day, D0 + 1);
	free(rows);
	alerts_keys_free(&before);
	/* Which are open: both, until one is acknowledged. */
	assert_int_equal(alerts_open(&f->s, &rows), 2);
	key = alert_row_key(&rows[0]);
	free(rows);
	row = alerts_find(&f->s, key);
	assert_true(row >= 0);
	assert_int_equal(alerts_acknowledge(&f->s, (size_t)row, &count, &err), 0);
	assert_int_equal(count, 1);
	assert_int_equal(store_load(&f->s, ML_ALERTS, NULL, &err), 0);
	assert_int_equal(alerts_open(&f->s, &rows), 1);
	assert_string_equal(rows[0].rule, "fever");
	assert_int_equal(rows[0].tier, ML_TIER_URGENT);
	assert_string_equal(rows[0].acknowledged_at, "");
	free(rows);
	/* The key finds its row again, and no other. */
	assert_int_equal(alerts_find(&f->s, key), row);
	free(key);
	assert_int_equal(alerts_find(&f->s, "2026-11-01\x1f" "fever\x1f" "urgent"),
	    -1);
}

/* A row edited outside mendlog, 60 days back, is checked at the next run
 * (record_changes); an unchanged diary checks nothing. */
static void
test_changes_outside_mendlog(void **state)
{
	struct fx *f = *state;
	struct record_result res;
	struct ml_error err;
	char *path = xasprintf("%s/entries.csv", f->dir);
	ml_day old = ml_today() - 60;
	char date[ML_DATE_LEN], *csv;

	ml_date_format(old, date);
	csv = xasprintf("date,back_pain,leg_weakness\n%s,2,no\n", date);
	tu_write_str(path, csv);
	free(csv);
	/* First run: the rows as they are are the baseline. */
	assert_int_equal(record_changes(&f->s, &f->cfg, true, &res, &err), 0);
	assert_int_equal(res.raised.n, 0);
	record_result_free(&res);
	assert_int_equal(record_changes(&f->s, &f->cfg, true, &res, &err), 0);
	assert_int_equal(res.raised.n, 0);
	assert_true(res.from > res.to);		/* nothing ran */
	record_result_free(&res);
	/* A spreadsheet edit of that old row. */
	csv = xasprintf("date,back_pain,leg_weakness\n%s,2,yes\n", date);
	tu_write_str(path, csv);
	free(csv);
	assert_int_equal(record_changes(&f->s, &f->cfg, true, &res, &err), 0);
	assert_int_equal(res.raised.n, 1);
	assert_string_equal(res.raised.v[0].rule, "leg_weakness");
	assert_int_equal(res.raised.v[0].day, old);
	record_result_free(&res);
	/* Checked once: the next run raises nothing more. */
	assert_int_equal(record_changes(&f->s, &f->cfg, true, &res, &err), 0);
	assert_int_equal(res.raised.n, 0);
	record_result_free(&res);
	free(path);
}

/* Edit moves a procedure and re-checks from the earlier date; remove
 * keeps the row only in the .bak; an out-of-range row changes nothing. */
static void
test_procedure_edit_remove(void **state)
{
	struct fx *f = *state;
	struct record_result res;
	struct ml_error err;
	ml_day when = D0 + 1;
	char *bak;

	assert_int_equal(day(f, D0, "headache", "2", &res), 0);
	record_result_free(&res);
	/* Recorded a day late: nothing fires on D0 yet. */
	assert_int_equal(record_procedure(&f->s, &f->cfg, D0 + 1, "other", "",
	    &res, &err), 0);
	assert_int_equal(res.raised.n, 0);
	record_result_free(&res);
	/* Corrected to a puncture on D0: the rules run from D0. */
	when = D0;
	assert_int_equal(record_procedure_edit(&f->s, &f->cfg, 0, &when,
	    "Lumbar Puncture", NULL, &res, &err), 0);
	assert_int_equal(res.from, D0);
	assert_int_equal(res.raised.n, 1);
	assert_string_equal(res.raised.v[0].rule, "post_puncture_headache");
	record_result_free(&res);
	assert_int_equal(store_load(&f->s, ML_PROCEDURES, NULL, &err), 0);
	assert_string_equal(store_get(&f->s, ML_PROCEDURES, 0, PC_KIND),
	    "lumbar_puncture");
	assert_int_equal(record_procedure_edit(&f->s, &f->cfg, 5, NULL, "LP",
	    NULL, &res, &err), -1);
	record_result_free(&res);
	assert_int_equal(record_procedure_remove(&f->s, &f->cfg, 0, &res, &err),
	    0);
	record_result_free(&res);
	assert_int_equal(store_load(&f->s, ML_PROCEDURES, NULL, &err), 0);
	assert_int_equal(store_nrows(&f->s, ML_PROCEDURES), 0);
	bak = xasprintf("%s/procedures.csv.bak", f->dir);
	{
		char *text = tu_read(bak, NULL);

		assert_non_null(text);
		assert_non_null(strstr(text, "lumbar_puncture"));
		free(text);
	}
	free(bak);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_day_saved_and_raised, setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(
		    test_refused_change_saves_and_raises_nothing, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(
		    test_recorded_before_the_change_is_not_its_doing, setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(test_broken_alerts_file_still_shows,
		    setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_procedure_runs_the_rules,
		    setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_exercise_and_ack_raise_nothing,
		    setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_open_and_new, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_changes_outside_mendlog, setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(test_procedure_edit_remove, setup,
		    fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
