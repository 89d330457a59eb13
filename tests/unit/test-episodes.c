/*
 * test-episodes.c - alert episodes (alerts.c through record.c, the save
 * use case every front end calls): a sign that persists is one row whose
 * last_date moves on; re-notifying after an acknowledgement by tier;
 * "seen" silencing a known sign; entered in error; ack --all sparing
 * emergencies; watch logged only; an old alerts.csv upgraded in place.
 * Each course is lived day by day: MENDLOG_NOW is the evening of the day
 * being logged.
 */
#include "diaryfix.h"

#include "alerts.h"
#include "config.h"
#include "diary.h"
#include "record.h"

/* Day 0: the procedure, 1 November 2026. */
#define D0 ml_date_from_ymd(2026, 11, 1)

static int
setup(void **state)
{
	setenv("MENDLOG_NOW", "2026-11-01T20:00:00", 1);
	return fx_setup(state);
}

/* Make "now" the evening of @day. */
static void
live(ml_day day)
{
	char date[ML_DATE_LEN], *now;

	ml_date_format(day, date);
	now = xasprintf("%sT20:00:00", date);
	setenv("MENDLOG_NOW", now, 1);
	free(now);
}

static void
procedure(struct fx *f, ml_day day, const char *kind)
{
	struct record_result res;
	struct ml_error err;

	live(day);
	assert_int_equal(record_procedure(&f->s, &f->cfg, day, kind, "", &res,
	    &err), 0);
	record_result_free(&res);
}

/* Save "field=value" on @day as the patient would, on that day; returns
 * how many alerts the save raised (what a front end shows). */
static size_t
logv(struct fx *f, ml_day day, size_t nsets, const char *const *asg,
    struct record_result *out)
{
	struct ml_set sets[8];
	char *fields[8], *values[8];
	struct record_result res;
	struct ml_error err;
	size_t n;

	live(day);
	for (size_t i = 0; i < nsets; i++) {
		assert_int_equal(diary_parse_assignment(asg[i], &fields[i],
		    &values[i], &err), 0);
		sets[i].column = fields[i];
		sets[i].value = values[i];
	}
	assert_int_equal(record_day(&f->s, &f->cfg, day, sets, nsets, &res,
	    &err), 0);
	assert_false(res.unrecorded);
	for (size_t i = 0; i < nsets; i++) {
		free(fields[i]);
		free(values[i]);
	}
	n = res.raised.n;
	if (out != NULL)
		*out = res;
	else
		record_result_free(&res);
	return n;
}
#define LOG1(f, day, a) logv(f, day, 1, (const char *const[]){ a }, NULL)

/* Rows of alerts.csv with @rule (and @severity unless NULL). */
static int
rows_of(struct fx *f, const char *rule, const char *severity)
{
	struct ml_error err;
	int n = 0;

	assert_int_equal(store_load(&f->s, ML_ALERTS, NULL, &err), 0);
	for (size_t r = 0; r < store_nrows(&f->s, ML_ALERTS); r++) {
		struct alert_row a;

		alert_row_get(&f->s, r, &a);
		if (strcmp(a.rule, rule) == 0 &&
		    (severity == NULL || strcmp(a.severity, severity) == 0))
			n++;
	}
	return n;
}

/* Answer every open alert of @rule with @mark, as `a`/`s` would. */
static size_t
answer(struct fx *f, const char *rule, enum alert_mark mark)
{
	struct alert_row *open;
	struct ml_error err;
	size_t n, done = 0;
	char **keys;

	assert_int_equal(store_load(&f->s, ML_ALERTS, NULL, &err), 0);
	n = alerts_open(&f->s, &open);
	keys = xcalloc(n + 1, sizeof *keys);
	for (size_t i = 0; i < n; i++)
		keys[i] = strcmp(open[i].rule, rule) == 0 ?
		    alert_row_key(&open[i]) : NULL;
	free(open);
	for (size_t i = 0; i < n; i++) {
		long row;
		size_t c;

		if (keys[i] == NULL)
			continue;
		row = alerts_find(&f->s, keys[i]);
		assert_true(row >= 0);
		assert_int_equal(alerts_mark(&f->s, (size_t)row, mark, true, &c,
		    &err), 0);
		done += c;
		free(keys[i]);
	}
	free(keys);
	return done;
}

/* The row of @rule dated @day (-1 if none). */
static long
row_of(struct fx *f, const char *rule, ml_day day, struct alert_row *out)
{
	struct ml_error err;

	assert_int_equal(store_load(&f->s, ML_ALERTS, NULL, &err), 0);
	for (size_t r = 0; r < store_nrows(&f->s, ML_ALERTS); r++) {
		alert_row_get(&f->s, r, out);
		if (strcmp(out->rule, rule) == 0 && out->day_ok &&
		    out->day == day)
			return (long)r;
	}
	return -1;
}

/* A numb foot for 21 days after a discectomy, never acknowledged: one
 * watch row (logged only) and one contact row, not 21. */
static void
test_numb_foot_21_days_unacknowledged(void **state)
{
	struct fx *f = *state;
	struct alert_row a;
	size_t shown = 0;

	procedure(f, D0, "discectomy");
	for (int d = 1; d <= 21; d++)
		shown += LOG1(f, D0 + d, "numbness=yes");
	assert_int_equal(rows_of(f, "nerve_symptoms", "contact"), 1);
	assert_int_equal(rows_of(f, "nerve_symptoms", "watch"), 1);
	assert_int_equal(store_nrows(&f->s, ML_ALERTS), 2);
	/* Watch is never shown: the one alert shown is the contact one. */
	assert_int_equal(shown, 1);
	assert_true(row_of(f, "nerve_symptoms", D0 + 7, &a) >= 0);
	assert_string_equal(a.severity, "contact");
	assert_string_equal(a.last_date, "2026-11-22");
	assert_true(a.open);
	assert_true(row_of(f, "nerve_symptoms", D0 + 1, &a) >= 0);
	assert_string_equal(a.last_date, "2026-11-07");	/* day 6 */
	assert_false(a.open);	/* watch: never to acknowledge */
}

/* The same course, acknowledged each time it is raised: a reminder at
 * most every renotify_contact_days (7). */
static void
test_numb_foot_acknowledged_reminds_weekly(void **state)
{
	struct fx *f = *state;
	int contact;

	procedure(f, D0, "discectomy");
	for (int d = 1; d <= 21; d++) {
		(void)LOG1(f, D0 + d, "numbness=yes");
		(void)answer(f, "nerve_symptoms", ALERT_READ);
	}
	contact = rows_of(f, "nerve_symptoms", "contact");
	/* Raised day 7, reminded day 14 and 21: 3 rows in 3 weeks. */
	assert_int_equal(contact, 3);
	assert_true(contact <= 1 + (21 - 7) / 7);
}

/* A cauda equina presentation on day 12, logged on days 12 and 13: one
 * save raises all three signs together; acknowledged, day 13 brings one
 * "still present" block; not acknowledged, nothing new. */
static void
test_cauda_equina_one_block_then_still_present(void **state)
{
	static const char *const signs[] = { "leg_weakness=yes",
	    "bladder_bowel=yes", "saddle_numbness=yes" };
	struct fx *f = *state;
	struct record_result res;

	procedure(f, D0, "discectomy");
	assert_int_equal(logv(f, D0 + 12, 3, signs, &res), 3);
	for (size_t i = 0; i < res.raised.n; i++)
		assert_int_equal(res.raised.v[i].tier, ML_TIER_EMERGENCY);
	record_result_free(&res);
	/* Saved again the same day (a note): nothing new. */
	assert_int_equal(LOG1(f, D0 + 12, "notes=called 999"), 0);
	assert_int_equal(answer(f, "leg_weakness", ALERT_READ), 1);
	assert_int_equal(answer(f, "bladder_bowel", ALERT_READ), 1);
	assert_int_equal(answer(f, "saddle_numbness", ALERT_READ), 1);
	assert_int_equal(logv(f, D0 + 13, 3, signs, &res), 3);
	for (size_t i = 0; i < res.raised.n; i++) {
		assert_int_equal(res.raised.v[i].tier, ML_TIER_EMERGENCY);
		assert_true(strncmp(res.raised.v[i].message, "Still present: if "
		    "you have not been seen, call", 41) == 0);
	}
	record_result_free(&res);
	assert_int_equal(store_nrows(&f->s, ML_ALERTS), 6);
}

static void
test_cauda_equina_unacknowledged_no_copies(void **state)
{
	static const char *const signs[] = { "leg_weakness=yes",
	    "bladder_bowel=yes", "saddle_numbness=yes" };
	struct fx *f = *state;
	struct alert_row a;

	procedure(f, D0, "discectomy");
	assert_int_equal(logv(f, D0 + 12, 3, signs, NULL), 3);
	/* Still open: the dialog and the lists already show it. */
	assert_int_equal(logv(f, D0 + 13, 3, signs, NULL), 0);
	assert_int_equal(store_nrows(&f->s, ML_ALERTS), 3);
	assert_true(row_of(f, "leg_weakness", D0 + 12, &a) >= 0);
	assert_string_equal(a.last_date, "2026-11-14");
}

/* Numbness of the thigh on days 1-21 after a labour epidural (the
 * emergency stand-in: leg_weakness), answered "my clinician knows" on day
 * 1: one emergency row and nothing more. */
static void
test_epidural_seen_silences_while_it_lasts(void **state)
{
	struct fx *f = *state;
	size_t shown = 0;
	struct alert_row a;

	procedure(f, D0, "labour epidural");
	assert_int_equal(LOG1(f, D0 + 1, "leg_weakness=yes"), 1);
	assert_int_equal(answer(f, "leg_weakness", ALERT_SEEN), 1);
	for (int d = 2; d <= 21; d++)
		shown += LOG1(f, D0 + d, "leg_weakness=yes");
	assert_int_equal(shown, 0);
	assert_int_equal(rows_of(f, "leg_weakness", NULL), 1);
	assert_true(row_of(f, "leg_weakness", D0 + 1, &a) >= 0);
	assert_string_equal(a.status, "seen");
	assert_string_equal(a.last_date, "2026-11-22");
	assert_false(a.open);
	/* The sign stops for two entered days and comes back: news. */
	(void)LOG1(f, D0 + 22, "leg_weakness=no");
	(void)LOG1(f, D0 + 23, "leg_weakness=no");
	assert_int_equal(LOG1(f, D0 + 24, "leg_weakness=yes"), 1);
}

/* The same course acknowledged with `a` only: a "still present"
 * emergency each following day. */
static void
test_epidural_read_only_reminds_daily(void **state)
{
	struct fx *f = *state;

	procedure(f, D0, "labour epidural");
	for (int d = 1; d <= 21; d++) {
		struct record_result res;

		assert_int_equal(logv(f, D0 + d, 1,
		    (const char *const[]){ "leg_weakness=yes" }, &res), 1);
		assert_int_equal(res.raised.v[0].tier, ML_TIER_EMERGENCY);
		if (d > 1)
			assert_non_null(strstr(res.raised.v[0].message,
			    "Still present"));
		record_result_free(&res);
		assert_int_equal(answer(f, "leg_weakness", ALERT_READ), 1);
	}
	assert_int_equal(rows_of(f, "leg_weakness", "emergency"), 21);
}

/* Acknowledged once, never again: the reminder row stays open, so it is
 * in every list, and is not copied daily. */
static void
test_reminder_stays_open_not_copied(void **state)
{
	struct fx *f = *state;

	procedure(f, D0, "labour epidural");
	(void)LOG1(f, D0 + 1, "leg_weakness=yes");
	(void)answer(f, "leg_weakness", ALERT_READ);
	assert_int_equal(LOG1(f, D0 + 2, "leg_weakness=yes"), 1);
	for (int d = 3; d <= 10; d++)
		assert_int_equal(LOG1(f, D0 + d, "leg_weakness=yes"), 0);
	assert_int_equal(rows_of(f, "leg_weakness", NULL), 2);
}

/* Urgent reminds after renotify_urgent_days (2), at its edge and not
 * before. */
static void
test_urgent_reminds_after_two_days(void **state)
{
	struct fx *f = *state;

	procedure(f, D0, "discectomy");
	assert_int_equal(LOG1(f, D0 + 3, "temperature_c=38.6"), 1);
	assert_int_equal(answer(f, "fever", ALERT_READ), 1);
	assert_int_equal(LOG1(f, D0 + 4, "temperature_c=38.4"), 0);
	assert_int_equal(LOG1(f, D0 + 5, "temperature_c=38.4"), 1);
	assert_int_equal(rows_of(f, "fever", "urgent"), 2);
}

/* One entered day without the sign continues the episode; two end it. */
static void
test_gap_ends_episode(void **state)
{
	struct fx *f = *state;

	(void)LOG1(f, D0 + 1, "temperature_c=38.6");
	(void)LOG1(f, D0 + 2, "temperature_c=37.0");
	assert_int_equal(LOG1(f, D0 + 3, "temperature_c=38.6"), 0);
	assert_int_equal(rows_of(f, "fever", NULL), 1);
	(void)LOG1(f, D0 + 4, "temperature_c=37.0");
	(void)LOG1(f, D0 + 5, "temperature_c=37.0");
	assert_int_equal(LOG1(f, D0 + 6, "temperature_c=38.6"), 1);
	assert_int_equal(rows_of(f, "fever", NULL), 2);
}

/* A tier that rises is a new row; a lower one continues the higher. */
static void
test_tier_rise_is_new(void **state)
{
	struct fx *f = *state;

	procedure(f, D0, "lumbar puncture");
	/* headache 3: contact; worse upright: urgent. */
	assert_int_equal(LOG1(f, D0 + 1, "headache=3"), 1);
	assert_int_equal(logv(f, D0 + 2, 2, (const char *const[]){
	    "headache=3", "headache_upright=yes" }, NULL), 1);
	assert_int_equal(rows_of(f, "post_puncture_headache", "urgent"), 1);
	assert_int_equal(logv(f, D0 + 3, 2, (const char *const[]){
	    "headache=3", "headache_upright=no" }, NULL), 0);
	assert_int_equal(rows_of(f, "post_puncture_headache", NULL), 2);
}

/* Yes by mistake and undone the same day: status error, not open, and
 * the row stays.  Yes again: the row is right after all. */
static void
test_entered_in_error(void **state)
{
	struct fx *f = *state;
	struct alert_row a;
	struct alert_row *open;

	assert_int_equal(LOG1(f, D0 + 2, "bladder_bowel=yes"), 1);
	assert_int_equal(LOG1(f, D0 + 2, "bladder_bowel=no"), 0);
	assert_true(row_of(f, "bladder_bowel", D0 + 2, &a) >= 0);
	assert_string_equal(a.status, "error");
	assert_false(a.open);
	assert_int_equal(alerts_open(&f->s, &open), 0);
	free(open);
	/* Shown again: a real emergency after all. */
	assert_int_equal(LOG1(f, D0 + 2, "bladder_bowel=yes"), 1);
	assert_true(row_of(f, "bladder_bowel", D0 + 2, &a) >= 0);
	assert_string_equal(a.status, "");
	assert_true(a.open);
	assert_int_equal(rows_of(f, "bladder_bowel", NULL), 1);
}

/* Undone on a later day is not "in error": the row stays as it was. */
static void
test_undone_next_day_is_not_error(void **state)
{
	struct fx *f = *state;
	struct alert_row a;

	(void)LOG1(f, D0 + 2, "bladder_bowel=yes");
	live(D0 + 3);
	(void)logv(f, D0 + 3, 1, (const char *const[]){ "back_pain=2" }, NULL);
	{
		struct record_result res;
		struct ml_error err;
		struct ml_set set = { "bladder_bowel", "no" };

		assert_int_equal(record_day(&f->s, &f->cfg, D0 + 2, &set, 1,
		    &res, &err), 0);
		record_result_free(&res);
	}
	assert_true(row_of(f, "bladder_bowel", D0 + 2, &a) >= 0);
	assert_string_equal(a.status, "");
	/* And by hand: mendlog ack N --error. */
	assert_int_equal(alerts_mark(&f->s, a.row, ALERT_ERROR, true, NULL,
	    &(struct ml_error){ 0 }), 0);
	assert_true(row_of(f, "bladder_bowel", D0 + 2, &a) >= 0);
	assert_string_equal(a.status, "error");
	assert_false(a.open);
}

/* ack --all spares emergencies unless asked. */
static void
test_ack_all_spares_emergencies(void **state)
{
	static const char *const signs[] = { "leg_weakness=yes",
	    "temperature_c=38.8" };
	struct fx *f = *state;
	struct alert_row *open;
	struct ml_error err;
	size_t count;

	assert_int_equal(logv(f, D0 + 1, 2, signs, NULL), 2);
	assert_int_equal(alerts_mark(&f->s, ALERTS_ALL, ALERT_READ, false,
	    &count, &err), 0);
	assert_int_equal(count, 1);
	assert_int_equal(alerts_open(&f->s, &open), 1);
	assert_string_equal(open[0].rule, "leg_weakness");
	free(open);
	assert_int_equal(alerts_mark(&f->s, ALERTS_ALL, ALERT_READ, true,
	    &count, &err), 0);
	assert_int_equal(count, 1);
	assert_int_equal(alerts_open(&f->s, &open), 0);
	free(open);
}

/* An alerts.csv written before last_date and status: read as one-day
 * episodes, continued, and upgraded in place with nothing lost. */
static void
test_old_file_upgraded_in_place(void **state)
{
	struct fx *f = *state;
	char *path = xasprintf("%s/alerts.csv", f->dir);
	char *text;
	struct alert_row a;
	struct ml_error err;

	tu_write_str(path,
	    "raised_at,date,rule,severity,message,acknowledged_at\n"
	    "2026-11-02T20:00:00+00:00,2026-11-02,fever,urgent,old words,\n"
	    "2026-11-01T20:00:00+00:00,2026-11-01,site_problem,urgent,kept,"
	    "2026-11-01T21:00:00+00:00\n");
	store_close(&f->s);
	assert_int_equal(store_open(&f->s, f->dir, &err), 0);
	assert_true(row_of(f, "fever", D0 + 1, &a) >= 0);
	assert_string_equal(a.last_date, "2026-11-02");
	(void)LOG1(f, D0 + 1, "temperature_c=38.5");
	assert_int_equal(LOG1(f, D0 + 2, "temperature_c=38.5"), 0);
	text = tu_read(path, NULL);
	assert_non_null(strstr(text, "acknowledged_at,last_date,status\n"));
	assert_non_null(strstr(text, "fever,urgent,old words,,2026-11-03,"));
	assert_non_null(strstr(text, "site_problem,urgent,kept,"
	    "2026-11-01T21:00:00+00:00,,"));
	free(text);
	free(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
		    test_numb_foot_21_days_unacknowledged, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(
		    test_numb_foot_acknowledged_reminds_weekly, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(
		    test_cauda_equina_one_block_then_still_present, setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(
		    test_cauda_equina_unacknowledged_no_copies, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(
		    test_epidural_seen_silences_while_it_lasts, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(
		    test_epidural_read_only_reminds_daily, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(
		    test_reminder_stays_open_not_copied, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(
		    test_urgent_reminds_after_two_days, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_gap_ends_episode, setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(test_tier_rise_is_new, setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(test_entered_in_error, setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(
		    test_undone_next_day_is_not_error, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(
		    test_ack_all_spares_emergencies, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(
		    test_old_file_upgraded_in_place, setup, fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
