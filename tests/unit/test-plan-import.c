/*
 * test-plan-import.c - importing a physiotherapist's plan: the sample file
 * (with its BOM, CRLF and extra column), every kind of bad row reported
 * with its line and nothing written, --replace, ids made from names,
 * duplicate ids, unknown columns kept.
 */
#include "testutil.h"

#include "plan.h"
#include "store.h"

#define SAMPLE "tests/data/plan-physio.csv"
#define SHARED_SAMPLE "../shared/samples/plan-physio.csv"
#define HEADER "id,name,instructions,sets,reps,hold_s,days,times," \
	"start_date,end_date,active"

struct fixture {
	char *dir;
	struct ml_store s;
	/* Problems reported, as "LINE:field" joined by spaces. */
	char problems[4096];
	size_t nproblems;
};

static int
setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);

	f->dir = tu_store_open(&f->s);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	tu_store_close(f->dir, &f->s);
	free(f);
	return 0;
}

static void
collect(void *ctx, const struct ml_error *e)
{
	struct fixture *f = ctx;
	size_t len = strlen(f->problems);

	snprintf(f->problems + len, sizeof f->problems - len, "%s%ld:%s",
	    len ? " " : "", e->line, e->field);
	f->nproblems++;
}

/* Write @csv to a file in the fixture directory; caller frees the path. */
static char *
plan_file(struct fixture *f, const char *name, const char *csv)
{
	char *p = xasprintf("%s/%s", f->dir, name);

	tu_write_str(p, csv);
	return p;
}

static int
import(struct fixture *f, const char *path, bool replace,
    struct plan_import_result *res)
{
	struct ml_error err;
	int rc;

	f->problems[0] = '\0';
	f->nproblems = 0;
	rc = plan_import(&f->s, path, replace, collect, f, res, &err);
	if (rc == 0 && store_load(&f->s, ML_EXERCISES, NULL, &err) != 0)
		fail_msg("reload: %s", err.msg);
	return rc;
}

static const char *
get(struct fixture *f, const char *id, size_t col)
{
	long row = plan_find(&f->s, id);

	assert_true(row >= 0);
	return store_get(&f->s, ML_EXERCISES, (size_t)row, col);
}

/* Value of the unknown column @name for @id, read from the raw table. */
static const char *
kept(struct fixture *f, const char *id, const char *name)
{
	const struct ml_table *t = store_table(&f->s, ML_EXERCISES);
	long row = plan_find(&f->s, id);

	assert_true(row >= 0);
	for (size_t c = 0; c < t->ncols; c++)
		if (strcmp(t->header[c], name) == 0)
			return ml_row_get(&t->rows[row], c);
	fail_msg("column %s not kept", name);
	return NULL;
}

static void
report_fail(void *ctx, const struct ml_error *e)
{
	(void)ctx;
	fail_msg("problem: %ld %s %s", e->line, e->field, e->msg);
}

static void
check_sample(struct fixture *f, const char *path)
{
	struct plan_import_result res;

	assert_int_equal(import(f, path, false, &res), 0);
	assert_int_equal(res.rows, 5);
	assert_int_equal(res.added, 5);
	assert_int_equal(res.updated, 0);
	assert_int_equal(store_nrows(&f->s, ML_EXERCISES), 5);
	assert_string_equal(get(f, "pelvic_tilt", XC_NAME), "Pelvic tilts");
	assert_string_equal(get(f, "pelvic_tilt", XC_TIMES), "08:00;18:00");
	assert_string_equal(get(f, "bridge", XC_DAYS), "mon;wed;fri");
	assert_string_equal(get(f, "walk", XC_END_DATE), "2027-02-28");
	assert_string_equal(get(f, "walk", XC_HOLD_S), "");
	assert_string_equal(get(f, "bird_dog", XC_ACTIVE), "no");
	assert_non_null(strstr(get(f, "knee_to_chest", XC_INSTRUCTIONS),
	    "Bring one knee towards your chest, hold with both hands"));
	/* The therapist's own column is kept, row by row. */
	assert_string_equal(kept(f, "pelvic_tilt", "therapist_note"),
	    "Start gently");
	assert_string_equal(kept(f, "knee_to_chest", "therapist_note"), "");
	assert_string_equal(kept(f, "bird_dog", "therapist_note"),
	    "Begin after review on 24 Nov");
	/* What was written is a clean file by the store's own rules. */
	assert_int_equal(store_validate(&f->s, ML_EXERCISES, report_fail, NULL),
	    0);
	/* Importing the same file again changes nothing but says so. */
	assert_int_equal(import(f, path, false, &res), 0);
	assert_int_equal(res.added, 0);
	assert_int_equal(res.updated, 5);
	assert_int_equal(store_nrows(&f->s, ML_EXERCISES), 5);
}

static void
test_sample_file(void **state)
{
	check_sample(*state, SAMPLE);
}

static void
test_shared_sample_when_present(void **state)
{
	if (access(SHARED_SAMPLE, R_OK) != 0)
		skip();
	check_sample(*state, SHARED_SAMPLE);
}

static void
test_every_bad_row_reported_nothing_written(void **state)
{
	struct fixture *f = *state;
	char *p = plan_file(f, "bad.csv", HEADER "\n"
	    "good,Good,,2,10,5,daily,08:00,2026-11-10,,yes\n"		/* 2 */
	    "Bad Id,Bad id,,,,,daily,08:00,,,\n"			/* 3 */
	    "noname,,,,,,daily,08:00,,,\n"				/* 4 */
	    "sets,Sets,,two,10,,daily,08:00,,,\n"			/* 5 */
	    "days,Days,,,,,mon;funday,08:00,,,\n"			/* 6 */
	    "times,Times,,,,,daily,8am,,,\n"				/* 7 */
	    "date,Date,,,,,daily,08:00,2026-02-30,,\n"		/* 8 */
	    "order,Order,,,,,daily,08:00,2026-11-10,2026-11-01,\n"	/* 9 */
	    "active,Active,,,,,daily,08:00,,,perhaps\n"		/* 10 */
	    "every,Every,,,,,every 2 days,08:00,,,\n"			/* 11 */
	    "short,Short,,,,\n"						/* 12 */
	    "\"multi\",\"Multi\nline\",,,,,daily,08:00,,,\n"		/* 13-14 */
	    "good,Good again,,,,,daily,09:00,,,\n");			/* 15 */
	char *target = xasprintf("%s/exercises.csv", f->dir);

	assert_int_equal(import(f, p, false, NULL), -1);
	assert_string_equal(f->problems, "3:id 4:name 5:sets 6:days 7:times "
	    "8:start_date 9:end_date 10:active 11:start_date 12: 15:id");
	/* Nothing at all was written. */
	assert_int_equal(access(target, F_OK), -1);
	free(target);
	free(p);
}

static void
test_bad_row_keeps_existing_plan(void **state)
{
	struct fixture *f = *state;
	char *ok = plan_file(f, "ok.csv", HEADER "\nwalk,Walk,,,,,daily,10:30,,,\n");
	char *bad = plan_file(f, "bad.csv", HEADER "\n"
	    "walk,Walk,,,,,daily,11:30,,,\nnew,New,,,,,daily,25:00,,,\n");
	char *target = xasprintf("%s/exercises.csv", f->dir);
	char *before, *after;

	assert_int_equal(import(f, ok, false, NULL), 0);
	before = tu_read(target, NULL);
	assert_int_equal(import(f, bad, true, NULL), -1);
	assert_string_equal(f->problems, "3:times");
	after = tu_read(target, NULL);
	assert_string_equal(before, after);
	free(before);
	free(after);
	free(target);
	free(ok);
	free(bad);
}

static void
test_update_and_add_without_replace(void **state)
{
	struct fixture *f = *state;
	struct plan_import_result res;
	char *first = plan_file(f, "a.csv", HEADER ",room\n"
	    "walk,Walk,,,,,daily,10:30,,,,garden\n"
	    "tilt,Tilt,,2,10,5,daily,08:00,,,,bedroom\n");
	/* Columns in another order, some left out. */
	char *second = plan_file(f, "b.csv", "times,id,name\n"
	    "11:00,walk,Walk outside\n"
	    "19:00,stretch,Stretch\n");

	assert_int_equal(import(f, first, false, &res), 0);
	assert_int_equal(import(f, second, false, &res), 0);
	assert_int_equal(res.added, 1);
	assert_int_equal(res.updated, 1);
	assert_int_equal(store_nrows(&f->s, ML_EXERCISES), 3);
	assert_string_equal(get(f, "walk", XC_TIMES), "11:00");
	assert_string_equal(get(f, "walk", XC_NAME), "Walk outside");
	/* Columns the import did not have are left as they were. */
	assert_string_equal(kept(f, "walk", "room"), "garden");
	assert_string_equal(get(f, "tilt", XC_SETS), "2");
	assert_string_equal(get(f, "stretch", XC_TIMES), "19:00");
	free(first);
	free(second);
}

static void
test_replace(void **state)
{
	struct fixture *f = *state;
	struct plan_import_result res;
	char *first = plan_file(f, "a.csv", HEADER "\n"
	    "walk,Walk,,,,,daily,10:30,,,\n"
	    "tilt,Tilt,,,,,daily,08:00,,,\n"
	    "old,Old,,,,,daily,09:00,,,\n");
	char *second = plan_file(f, "b.csv", HEADER "\n"
	    "walk,Walk,,,,,daily,12:00,,,\n"
	    "bridge,Bridge,,,,,mon,12:00,,,\n");

	assert_int_equal(import(f, first, false, &res), 0);
	assert_int_equal(import(f, second, true, &res), 0);
	assert_int_equal(res.added, 1);
	assert_int_equal(res.updated, 1);
	assert_int_equal(res.removed, 2);
	assert_int_equal(store_nrows(&f->s, ML_EXERCISES), 2);
	assert_true(plan_find(&f->s, "old") < 0);
	assert_true(plan_find(&f->s, "tilt") < 0);
	assert_string_equal(get(f, "walk", XC_TIMES), "12:00");
	free(first);
	free(second);
}

static void
test_missing_and_derived_ids(void **state)
{
	struct fixture *f = *state;
	/* No id column at all; spreadsheet spelling of values and header. */
	char *noid = plan_file(f, "noid.csv", " Name ,Days,TIMES,Active\r\n"
	    "Pelvic tilts,Daily, 08:00 ; 18:00 ,Yes\r\n"
	    "Knee-to-chest (left & right),mon; WED,12:00,no\r\n");
	/* An id column with one empty cell. */
	char *someid = plan_file(f, "some.csv", HEADER "\n"
	    ",Bridges!,,,,,daily,12:00,,,\n"
	    "walk2,Walking,,,,,daily,10:30,,,\n");
	char *clash = plan_file(f, "clash.csv", "name,times\n"
	    "Pelvic tilt,08:00\nPelvic  tilt!,09:00\n\"***\",10:00\n");

	assert_int_equal(import(f, noid, false, NULL), 0);
	assert_string_equal(get(f, "pelvic_tilts", XC_TIMES), "08:00;18:00");
	assert_string_equal(get(f, "pelvic_tilts", XC_DAYS), "daily");
	assert_string_equal(get(f, "pelvic_tilts", XC_ACTIVE), "yes");
	assert_string_equal(get(f, "knee_to_chest_left_right", XC_DAYS),
	    "mon;wed");
	assert_int_equal(import(f, someid, false, NULL), 0);
	assert_string_equal(get(f, "bridges", XC_NAME), "Bridges!");
	assert_string_equal(get(f, "walk2", XC_NAME), "Walking");
	/* Two names giving one id, and a name giving none. */
	assert_int_equal(import(f, clash, false, NULL), -1);
	assert_string_equal(f->problems, "4:id 3:id");
	free(noid);
	free(someid);
	free(clash);
}

static void
test_latin1_file(void **state)
{
	struct fixture *f = *state;
	/* "Étirement" saved as Latin-1 by a spreadsheet. */
	char *p = plan_file(f, "latin1.csv", "name,times\n\xc9tirement,08:00\n");
	struct ml_error err;

	assert_int_equal(plan_import(&f->s, p, false, collect, f, NULL, &err), -1);
	assert_string_equal(f->problems, "2:name");
	free(p);
}

static char last_msg[512];

static void
keep_msg(void *ctx, const struct ml_error *e)
{
	(void)ctx;
	snprintf(last_msg, sizeof last_msg, "%s", e->msg);
}

static void
test_bad_values_echoed_safely(void **state)
{
	struct fixture *f = *state;
	/* An escape sequence and a Latin-1 byte in a days cell. */
	char *p = plan_file(f, "esc.csv", "name,days\nWalk,\x1b[2J\xe9t\xc3\xa9\n");
	struct ml_error err;

	assert_int_equal(plan_import(&f->s, p, false, keep_msg, NULL, NULL, &err),
	    -1);
	/* Through the output gate: each byte named, none sent raw. */
	assert_non_null(strstr(last_msg,
	    "invalid value '\\x1B[2j\\xE9t\xc3\xa9'"));
	free(p);
}

static void
test_duplicate_ids(void **state)
{
	struct fixture *f = *state;
	char *p = plan_file(f, "dup.csv", HEADER "\n"
	    "walk,Walk,,,,,daily,10:30,,,\n"
	    "tilt,Tilt,,,,,daily,08:00,,,\n"
	    "walk,Walk again,,,,,daily,18:00,,,\n");

	assert_int_equal(import(f, p, false, NULL), -1);
	assert_int_equal(f->nproblems, 1);
	assert_string_equal(f->problems, "4:id");
	free(p);
}

static void
test_header_problems(void **state)
{
	struct fixture *f = *state;
	char *noname = plan_file(f, "a.csv", "id,times\nwalk,10:30\n");
	char *twice = plan_file(f, "b.csv", "id,name,Name\nwalk,Walk,Walk\n");
	char *empty = plan_file(f, "c.csv", HEADER "\n");
	char *trailing = plan_file(f, "d.csv", "id,name,times,\n"
	    "walk,Walk,10:30,\n");
	struct ml_error err;

	assert_int_equal(import(f, noname, false, NULL), -1);
	assert_string_equal(f->problems, "1:name");
	assert_int_equal(import(f, twice, false, NULL), -1);
	assert_string_equal(f->problems, "1:Name");
	assert_int_equal(plan_import(&f->s, empty, true, collect, f, NULL, &err),
	    -1);
	assert_non_null(strstr(err.msg, "no exercises"));
	assert_int_equal(plan_import(&f->s, "/nonexistent/plan.csv", false,
	    collect, f, NULL, &err), -1);
	/* A spreadsheet's empty trailing column is ignored. */
	assert_int_equal(import(f, trailing, false, NULL), 0);
	assert_string_equal(get(f, "walk", XC_TIMES), "10:30");
	free(noname);
	free(twice);
	free(empty);
	free(trailing);
}

static void
test_slug(void **state)
{
	char buf[72];

	(void)state;
	plan_slug("Knee-to-chest stretch", buf, sizeof buf);
	assert_string_equal(buf, "knee_to_chest_stretch");
	plan_slug("  Étirement (Level 2) ", buf, sizeof buf);
	assert_string_equal(buf, "tirement_level_2");
	plan_slug("!!!", buf, sizeof buf);
	assert_string_equal(buf, "");
	plan_slug("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
	    buf, sizeof buf);
	assert_int_equal(strlen(buf), 64);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_sample_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_shared_sample_when_present, setup, teardown),
		cmocka_unit_test_setup_teardown(test_every_bad_row_reported_nothing_written, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_row_keeps_existing_plan, setup, teardown),
		cmocka_unit_test_setup_teardown(test_update_and_add_without_replace, setup, teardown),
		cmocka_unit_test_setup_teardown(test_replace, setup, teardown),
		cmocka_unit_test_setup_teardown(test_missing_and_derived_ids, setup, teardown),
		cmocka_unit_test_setup_teardown(test_latin1_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_values_echoed_safely, setup, teardown),
		cmocka_unit_test_setup_teardown(test_duplicate_ids, setup, teardown),
		cmocka_unit_test_setup_teardown(test_header_problems, setup, teardown),
		cmocka_unit_test(test_slug),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
