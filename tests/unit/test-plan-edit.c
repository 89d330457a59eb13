/*
 * test-plan-edit.c - the plan form's save: only the user's changes are
 * written, a field both changed keeps the file's value and is reported, a
 * row removed meanwhile is never brought back, a new id must be free, and
 * the schedule is checked on the row as it will be saved.
 */
#include "diaryfix.h"

#include "plan-edit.h"
#include "store.h"

#define HEADER "id,name,instructions,sets,reps,hold_s,days,times," \
	"start_date,end_date,active\n"
/* As the form opened on "knee". */
#define KNEE "knee,Knee,Old words,2,5,20,daily,08:00,2026-11-10,,yes\n"

/* The day the changes apply from (plan_transact). */
#define DAY 20778	/* 2026-11-21 */

static const char *const orig[XC_NCOLS] = { "knee", "Knee", "Old words",
    "2", "5", "20", "daily", "08:00", "2026-11-10", "", "yes" };

/* Write exercises.csv as another process would, and load it. */
static void
write_plan(struct fx *f, const char *rows)
{
	char *text = xasprintf("%s%s", HEADER, rows);
	struct ml_error err;

	tu_write_str(store_path(&f->s, ML_EXERCISES), text);
	free(text);
	assert_int_equal(store_load(&f->s, ML_EXERCISES, NULL, &err), 0);
}

static const char *
get(struct fx *f, const char *id, int col)
{
	const char *key[1] = { id };
	long row = store_find(&f->s, ML_EXERCISES, key);

	assert_true(row >= 0);
	return store_get(&f->s, ML_EXERCISES, (size_t)row, (size_t)col);
}

static void
test_only_changed_fields(void **state)
{
	struct fx *f = *state;
	const char *vals[XC_NCOLS];
	struct plan_edit e = { "knee", false, orig, vals, DAY };
	struct plan_edit_result res;
	struct ml_error err;

	memcpy(vals, orig, sizeof vals);
	vals[XC_REPS] = "12";
	vals[XC_SETS] = "4";
	/* Meanwhile an import changed the words, sets and times. */
	write_plan(f, "knee,Knee,New words,3,5,20,daily,08:00;18:00,"
	    "2026-11-10,,yes\n");
	assert_int_equal(plan_edit_save(&f->s, &e, &res, &err), 0);
	assert_int_equal(res.nsaved, 1);
	assert_int_equal(res.nkept, 1);
	assert_int_equal(res.kept[0], XC_SETS);
	assert_int_equal(store_load(&f->s, ML_EXERCISES, NULL, &err), 0);
	assert_string_equal(get(f, "knee", XC_REPS), "12");
	assert_string_equal(get(f, "knee", XC_SETS), "3");
	assert_string_equal(get(f, "knee", XC_INSTRUCTIONS), "New words");
	assert_string_equal(get(f, "knee", XC_TIMES), "08:00;18:00");
}

static void
test_nothing_changed(void **state)
{
	struct fx *f = *state;
	struct plan_edit e = { "knee", false, orig, orig, DAY };
	struct plan_edit_result res;
	struct ml_error err;

	write_plan(f, "knee,Knee,New words,3,5,20,daily,08:00,2026-11-10,"
	    "2026-11-20,yes\n");
	assert_int_equal(plan_edit_save(&f->s, &e, &res, &err), 0);
	assert_int_equal(res.nsaved, 0);
	assert_string_equal(get(f, "knee", XC_END_DATE), "2026-11-20");
	assert_string_equal(get(f, "knee", XC_INSTRUCTIONS), "New words");
}

static void
test_removed_not_resurrected(void **state)
{
	struct fx *f = *state;
	const char *vals[XC_NCOLS];
	struct plan_edit e = { "knee", false, orig, vals, DAY };
	struct plan_edit_result res;
	struct ml_error err;

	memcpy(vals, orig, sizeof vals);
	write_plan(f, "walk,Walking,,1,1,,daily,10:30,2026-11-10,,yes\n");
	assert_int_equal(plan_edit_save(&f->s, &e, &res, &err), -1);
	assert_string_equal(err.field, "id");
	assert_non_null(strstr(err.msg, "removed"));
	vals[XC_NAME] = "Knee edited";
	assert_int_equal(plan_edit_save(&f->s, &e, &res, &err), -1);
	assert_int_equal(store_load(&f->s, ML_EXERCISES, NULL, &err), 0);
	assert_int_equal(store_nrows(&f->s, ML_EXERCISES), 1);
	assert_int_equal(store_find(&f->s, ML_EXERCISES,
	    (const char *[]){ "knee" }), -1);
}

static void
test_create(void **state)
{
	struct fx *f = *state;
	struct plan_edit e = { "knee", true, NULL, orig, DAY };
	struct plan_edit_result res;
	struct ml_error err;

	write_plan(f, "");
	assert_int_equal(plan_edit_save(&f->s, &e, &res, &err), 0);
	assert_int_equal(store_load(&f->s, ML_EXERCISES, NULL, &err), 0);
	assert_string_equal(get(f, "knee", XC_TIMES), "08:00");
	/* The same id again: refused, the row untouched. */
	assert_int_equal(plan_edit_save(&f->s, &e, &res, &err), -1);
	assert_string_equal(err.field, "id");
	assert_int_equal(store_nrows(&f->s, ML_EXERCISES), 1);
}

static void
test_merged_schedule_checked(void **state)
{
	struct fx *f = *state;
	const char *vals[XC_NCOLS];
	struct plan_edit e = { "knee", false, orig, vals, DAY };
	struct plan_edit_result res;
	struct ml_error err;

	memcpy(vals, orig, sizeof vals);
	/* The user's end date is before the start another writer set. */
	vals[XC_END_DATE] = "2026-11-15";
	write_plan(f, "knee,Knee,Old words,2,5,20,daily,08:00,2026-11-20,,yes\n");
	assert_int_equal(plan_edit_save(&f->s, &e, &res, &err), -1);
	assert_int_equal(store_load(&f->s, ML_EXERCISES, NULL, &err), 0);
	assert_string_equal(get(f, "knee", XC_END_DATE), "");
	/* An invalid value: nothing written. */
	write_plan(f, KNEE);
	vals[XC_END_DATE] = "";
	vals[XC_TIMES] = "25:00";
	assert_int_equal(plan_edit_save(&f->s, &e, &res, &err), -1);
	assert_string_equal(err.field, "times");
	assert_string_equal(get(f, "knee", XC_TIMES), "08:00");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_only_changed_fields, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_nothing_changed, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_removed_not_resurrected, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_create, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_merged_schedule_checked, fx_setup, fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
