/*
 * test-diary.c - `mendlog log` FIELD=VALUE parsing for every field (what
 * is accepted, how it is normalised, what is rejected and why), entries
 * and procedures: updated_at, typed reads, "day N after".
 */
#include "diaryfix.h"

#include <math.h>

#include "diary.h"

/* Expect @arg to parse into @field = @value. */
static void
accepts(const char *arg, const char *field, const char *value)
{
	struct ml_error err;
	char *f, *v;

	if (diary_parse_assignment(arg, &f, &v, &err) != 0)
		fail_msg("'%s' rejected: %s: %s", arg, err.field, err.msg);
	assert_string_equal(f, field);
	assert_string_equal(v, value);
	free(f);
	free(v);
}

/* Expect @arg to be rejected naming @field, with @hint in the message. */
static void
rejects(const char *arg, const char *field, const char *hint)
{
	struct ml_error err;
	char *f = NULL, *v = NULL;

	if (diary_parse_assignment(arg, &f, &v, &err) == 0)
		fail_msg("'%s' accepted as %s=%s", arg, f, v);
	assert_string_equal(err.field, field);
	if (strstr(err.msg, hint) == NULL)
		fail_msg("'%s': message '%s' lacks '%s'", arg, err.msg, hint);
}

static void
test_scores(void **state)
{
	static const char *const scores[] = { "back_pain", "back_pain_worst",
	    "leg_pain", "headache", "mood" };

	(void)state;
	for (size_t i = 0; i < ML_NELEM(scores); i++) {
		char a[64];

		snprintf(a, sizeof a, "%s=0", scores[i]);
		accepts(a, scores[i], "0");
		snprintf(a, sizeof a, "%s=10", scores[i]);
		accepts(a, scores[i], "10");
		snprintf(a, sizeof a, "%s=07", scores[i]);
		accepts(a, scores[i], "7");		/* normalised */
		snprintf(a, sizeof a, "%s=", scores[i]);
		accepts(a, scores[i], "");		/* clears */
		snprintf(a, sizeof a, "%s=11", scores[i]);
		rejects(a, scores[i], "0-10");
		snprintf(a, sizeof a, "%s=-1", scores[i]);
		rejects(a, scores[i], "0-10");
		snprintf(a, sizeof a, "%s=7/10", scores[i]);
		rejects(a, scores[i], "0-10");
		snprintf(a, sizeof a, "%s=4.5", scores[i]);
		rejects(a, scores[i], "integer");
		/* Issue 10: the one reader trims blanks. */
		snprintf(a, sizeof a, "%s= 4", scores[i]);
		accepts(a, scores[i], "4");
		snprintf(a, sizeof a, "%s=4 4", scores[i]);
		rejects(a, scores[i], "integer");
	}
}

static void
test_yes_no(void **state)
{
	static const char *const yn[] = { "headache_upright", "numbness",
	    "tingling", "leg_weakness", "bladder_bowel", "saddle_numbness",
	    "site_problem" };

	(void)state;
	for (size_t i = 0; i < ML_NELEM(yn); i++) {
		char a[64];

		snprintf(a, sizeof a, "%s=yes", yn[i]);
		accepts(a, yn[i], "yes");
		snprintf(a, sizeof a, "%s=No", yn[i]);
		accepts(a, yn[i], "no");
		snprintf(a, sizeof a, "%s=y", yn[i]);
		accepts(a, yn[i], "yes");
		snprintf(a, sizeof a, "%s=N", yn[i]);
		accepts(a, yn[i], "no");
		snprintf(a, sizeof a, "%s=", yn[i]);
		accepts(a, yn[i], "");
		/* Issue 10: one yes/no reader for every path. */
		snprintf(a, sizeof a, "%s=TRUE", yn[i]);
		accepts(a, yn[i], "yes");
		snprintf(a, sizeof a, "%s=1", yn[i]);
		accepts(a, yn[i], "yes");
		snprintf(a, sizeof a, "%s=false", yn[i]);
		accepts(a, yn[i], "no");
		snprintf(a, sizeof a, "%s= Yes ", yn[i]);
		accepts(a, yn[i], "yes");
		snprintf(a, sizeof a, "%s=maybe", yn[i]);
		rejects(a, yn[i], "yes or no");
		snprintf(a, sizeof a, "%s=2", yn[i]);
		rejects(a, yn[i], "yes or no");
	}
}

static void
test_decimals_and_minutes(void **state)
{
	(void)state;
	accepts("temperature_c=38.5", "temperature_c", "38.5");
	accepts("temperature_c=30.0", "temperature_c", "30.0");
	accepts("temperature_c=45", "temperature_c", "45");
	accepts("temperature_c=", "temperature_c", "");
	rejects("temperature_c=29.9", "temperature_c", "30.0-45.0");
	rejects("temperature_c=45.1", "temperature_c", "30.0-45.0");
	accepts("temperature_c=38,5", "temperature_c", "38.5");
	accepts("sleep_hours=7,5", "sleep_hours", "7.5");
	rejects("temperature_c=38,5,1", "temperature_c", "30.0-45.0");
	rejects("temperature_c=29.99999999999999999", "temperature_c",
	    "30.0-45.0");
	rejects("temperature_c=101.3", "temperature_c", "30.0-45.0");
	rejects("temperature_c=nan", "temperature_c", "30.0");
	rejects("temperature_c=3.8e1", "temperature_c", "30.0");
	accepts("sleep_hours=7.5", "sleep_hours", "7.5");
	accepts("sleep_hours=0", "sleep_hours", "0");
	accepts("sleep_hours=24", "sleep_hours", "24");
	rejects("sleep_hours=24.5", "sleep_hours", "0-24");
	rejects("sleep_hours=-1", "sleep_hours", "0-24");
	accepts("activity_min=0", "activity_min", "0");
	accepts("activity_min=1440", "activity_min", "1440");
	accepts("activity_min=030", "activity_min", "30");
	rejects("activity_min=1441", "activity_min", "0-1440");
	rejects("activity_min=20 min", "activity_min", "0-1440");
}

static void
test_text_fields(void **state)
{
	(void)state;
	accepts("notes=stiff after the drive, 20 min walk", "notes",
	    "stiff after the drive, 20 min walk");
	accepts("notes=a=b", "notes", "a=b");	/* split at the first '=' */
	accepts("medication=\"paracetamol\"", "medication", "\"paracetamol\"");
	accepts("therapies=heat;\nice", "therapies", "heat;\nice");
	accepts("notes=Rücken — 腰痛", "notes", "Rücken — 腰痛");
	accepts("notes=", "notes", "");
	rejects("notes=bad \xff byte", "notes", "UTF-8");
	rejects("notes=bell\a", "notes", "UTF-8");
}

static void
test_bad_fields(void **state)
{
	(void)state;
	rejects("weight=80", "weight", "unknown field");
	rejects("date=2026-11-01", "date", "not by hand");
	rejects("updated_at=x", "updated_at", "not by hand");
	rejects("Back_Pain=3", "Back_Pain", "unknown field");
	rejects("back_pain", "", "FIELD=VALUE");
	rejects("=3", "", "FIELD=VALUE");
}

static void
test_set_and_read_back(void **state)
{
	struct fx *f = *state;
	struct ml_set sets[] = {
		{ "back_pain", "4" }, { "numbness", "yes" },
		{ "temperature_c", "37.2" }, { "notes", "a, \"b\"\nc" },
	};
	struct ml_error err;
	ml_day day = ml_date_from_ymd(2026, 11, 21);
	time_t t;
	long row;

	setenv("MENDLOG_NOW", "2026-11-21T08:15:00+00:00", 1);
	assert_int_equal(diary_set(&f->s, day, sets, ML_NELEM(sets), &err), 0);
	unsetenv("MENDLOG_NOW");
	row = diary_find(&f->s, day);
	assert_true(row >= 0);
	assert_int_equal(diary_score(&f->s, row, EC_BACK_PAIN), 4);
	assert_int_equal(diary_score(&f->s, row, EC_LEG_PAIN), -1);
	assert_int_equal(diary_yesno(&f->s, row, EC_NUMBNESS), 1);
	assert_int_equal(diary_yesno(&f->s, row, EC_TINGLING), -1);
	assert_true(fabs(diary_decimal(&f->s, row, EC_TEMPERATURE_C) - 37.2) < 1e-9);
	assert_true(isnan(diary_decimal(&f->s, row, EC_SLEEP_HOURS)));
	assert_string_equal(diary_text(&f->s, row, EC_NOTES), "a, \"b\"\nc");
	if (!ml_timestamp_parse(diary_text(&f->s, row, EC_UPDATED_AT), &t))
		fail_msg("updated_at '%s'", diary_text(&f->s, row, EC_UPDATED_AT));
	assert_int_equal((long)t, 1795248900L);	/* 2026-11-21 08:15 UTC */
	assert_int_equal(diary_find(&f->s, day + 1), -1);
	/* updated_at is not the user's to set. */
	sets[0].column = "updated_at";
	assert_int_equal(diary_set(&f->s, day, sets, 1, &err), -1);
}

static void
test_day_after_procedure(void **state)
{
	struct fx *f = *state;
	struct ml_error err;
	struct ml_procedure p;
	ml_day lp = ml_date_from_ymd(2026, 11, 18);
	ml_day disc = ml_date_from_ymd(2026, 11, 25);
	char label[80];

	assert_int_equal(diary_day_label(&f->s, lp, label, sizeof label), -1);
	assert_string_equal(label, "");
	assert_int_equal(diary_add_procedure(&f->s, disc, "discectomy", "L4/5",
	    &err), 0);
	assert_int_equal(diary_add_procedure(&f->s, lp, "lumbar_puncture", "",
	    &err), 0);
	/* Recording the same procedure twice keeps one row. */
	assert_int_equal(diary_add_procedure(&f->s, lp, "lumbar_puncture", "",
	    &err), 0);
	assert_int_equal(store_nrows(&f->s, ML_PROCEDURES), 2);
	/* A kind by its name is stored as its id: still one row. */
	assert_int_equal(diary_add_procedure(&f->s, lp, "Lumbar puncture", "",
	    &err), 0);
	assert_int_equal(store_nrows(&f->s, ML_PROCEDURES), 2);
	assert_int_equal(diary_add_procedure(&f->s, lp, "lumbar", "",
	    &err), -1);
	assert_string_equal(err.field, "kind");
	assert_int_equal(diary_day_label(&f->s, lp - 1, label, sizeof label), -1);
	assert_int_equal(diary_day_label(&f->s, lp, label, sizeof label), 0);
	assert_string_equal(label, "day 0 after lumbar puncture");
	assert_int_equal(diary_day_label(&f->s, lp + 3, label, sizeof label), 3);
	assert_string_equal(label, "day 3 after lumbar puncture");
	/* The newest procedure on or before the day wins. */
	assert_int_equal(diary_day_label(&f->s, disc + 2, label, sizeof label), 2);
	assert_string_equal(label, "day 2 after discectomy");
	assert_true(diary_procedure_for(&f->s, disc + 2, &p));
	assert_string_equal(p.description, "L4/5");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scores),
		cmocka_unit_test(test_yes_no),
		cmocka_unit_test(test_decimals_and_minutes),
		cmocka_unit_test(test_text_fields),
		cmocka_unit_test(test_bad_fields),
		cmocka_unit_test_setup_teardown(test_set_and_read_back, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_day_after_procedure, fx_setup, fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
