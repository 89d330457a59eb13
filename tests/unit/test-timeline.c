/*
 * test-timeline.c - the recovery timeline (timeline.c): every procedure
 * with its own day count and window, the questions the rules ask ("within
 * days a..b of a block"), follow-ups, and the top line's label.
 */
#include "testutil.h"

#include "config.h"
#include "diary.h"
#include "timeline.h"

struct fx {
	char *dir;
	struct ml_store s;
	struct ml_timeline tl;
};

#define D0 ml_date_from_ymd(2026, 11, 1)

static int
setup(void **state)
{
	struct fx *f = xcalloc(1, sizeof *f);

	setenv("MENDLOG_NOW", "2027-06-30T12:00:00", 1);
	f->dir = tu_store_open(&f->s);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *f = *state;

	timeline_free(&f->tl);
	tu_store_close(f->dir, &f->s);
	free(f);
	return 0;
}

/* Write procedures.csv by hand (as a spreadsheet would) and build. */
static void
procedures(struct fx *f, const char *csv)
{
	char *path = xasprintf("%s/procedures.csv", f->dir);
	struct ml_error err;

	tu_write_str(path, csv);
	free(path);
	assert_int_equal(store_load(&f->s, ML_PROCEDURES, NULL, &err), 0);
	timeline_free(&f->tl);
	timeline_build(&f->tl, &f->s, NULL);
}

static void
test_every_procedure_keeps_its_count(void **state)
{
	struct fx *f = *state;
	struct ml_timeline_day on[4];
	char label[160];

	/* Hand-typed kinds match through the table; rows out of order. */
	procedures(f, "date,kind,description\n"
	    "2026-11-04,Blood patch,\n"
	    "2026-11-01,Lumbar puncture,clinic\n"
	    "not a date,fusion,\n");
	assert_int_equal(f->tl.n, 2);
	assert_string_equal(f->tl.v[0].info->id, "lumbar_puncture");
	assert_string_equal(f->tl.v[1].info->id, "epidural_blood_patch");
	assert_int_equal(timeline_on(&f->tl, D0 + 5, on, 4), 2);
	assert_int_equal(on[0].dayno, 2);	/* newest first */
	assert_int_equal(on[1].dayno, 5);
	assert_true(on[1].in_window);
	assert_int_equal(timeline_on(&f->tl, D0 - 1, on, 4), 0);
	/* Day 5 of the LP: both counts. */
	assert_int_equal(timeline_label(&f->tl, D0 + 5, label, sizeof label), 2);
	assert_string_equal(label, "day 2 after epidural blood patch \xc2\xb7 "
	    "day 5 after lumbar puncture");
	/* Past the LP's 7 days, only the newest. */
	assert_int_equal(timeline_label(&f->tl, D0 + 8, label, sizeof label), 5);
	assert_string_equal(label, "day 5 after epidural blood patch");
	assert_int_equal(timeline_label(&f->tl, D0 - 1, label, sizeof label), -1);
	assert_string_equal(label, "");
}

static void
test_within_category(void **state)
{
	struct fx *f = *state;
	const unsigned block = ML_CAT_MASK(ML_PROC_BLOCK);
	const unsigned surgery = ML_CAT_MASK(ML_PROC_SURGICAL);

	procedures(f, "date,kind,description\n"
	    "2026-11-01,discectomy,\n"
	    "2026-11-20,ESI,\n");
	assert_null(timeline_within(&f->tl, D0 + 18, block, 0, 7));
	assert_non_null(timeline_within(&f->tl, D0 + 19, block, 0, 7));
	assert_non_null(timeline_within(&f->tl, D0 + 26, block, 0, 7));
	assert_null(timeline_within(&f->tl, D0 + 27, block, 0, 7));
	assert_non_null(timeline_within(&f->tl, D0 + 26, surgery, 0, 42));
	assert_null(timeline_within(&f->tl, D0 + 26, surgery, 0, 20));
	assert_true(timeline_store_within(&f->s, D0 + 20, ML_CAT_ANY, 1, 1));
	assert_false(timeline_store_within(&f->s, D0 + 20, surgery, 0, 7));
	assert_int_equal(ml_proc_kind_match("EBP")->category, ML_PROC_BLOCK);
	assert_int_equal(ml_proc_kind_match("fusion")->category,
	    ML_PROC_SURGICAL);
	assert_int_equal(ml_proc_kind_match("other")->category, ML_PROC_OTHER);
}

static void
test_follow_up_and_beyond_window(void **state)
{
	struct fx *f = *state;

	/* A blood patch continues the puncture's timeline. */
	procedures(f, "date,kind,description\n"
	    "2026-11-01,lumbar_puncture,\n"
	    "2026-11-04,epidural_blood_patch,\n"
	    "2026-12-20,discectomy,\n");
	assert_true(timeline_follows_up(&f->tl.v[0], &f->tl.v[1]));
	assert_false(timeline_follows_up(&f->tl.v[1], &f->tl.v[2]));
	assert_int_equal(timeline_end(&f->tl, &f->tl.v[0]),
	    ml_date_from_ymd(2026, 12, 19));
	assert_null(timeline_beyond_window(&f->tl, D0 + 7));
	assert_ptr_equal(timeline_beyond_window(&f->tl, D0 + 8), &f->tl.v[0]);
	/* After the discectomy, within its 42 days: not beyond. */
	assert_null(timeline_beyond_window(&f->tl, ml_date_from_ymd(2026, 12, 25)));
	/* A fusion's window covers an LP done during it. */
	procedures(f, "date,kind,description\n"
	    "2026-11-01,fusion,\n"
	    "2026-11-21,lumbar_puncture,\n");
	assert_null(timeline_beyond_window(&f->tl, D0 + 28));
	assert_non_null(timeline_beyond_window(&f->tl, D0 + 91));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_every_procedure_keeps_its_count,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_within_category, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_follow_up_and_beyond_window,
		    setup, teardown),
	};

	setenv("TZ", "UTC", 1);
	tzset();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
