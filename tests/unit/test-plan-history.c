/*
 * test-plan-history.c - issue 14: plan changes that never rewrite the
 * past (plan_transact / plan_upsert and the scheduler reading
 * plan_history.csv), whole-plan pauses, logged sessions that outlive their
 * slot, and the diary's files after a spreadsheet re-saved them
 * (YYYY/MM/DD dates, unreadable dates, spreadsheet error values).
 */
#include "diaryfix.h"

#include <math.h>
#include <time.h>

#include "config.h"
#include "diary.h"
#include "plan.h"
#include "store.h"

#define HEADER "id,name,instructions,sets,reps,hold_s,days,times," \
	"start_date,end_date,active\n"
#define LOG_HEADER "date,slot,exercise_id,status,logged_at,sets_done," \
	"pain_during,note\n"

static int
setup(void **state)
{
	setenv("TZ", "UTC", 1);
	tzset();
	setenv("MENDLOG_NOW", "2026-11-10T12:00:00+00:00", 1);
	return fx_setup(state);
}

static int
teardown(void **state)
{
	fx_teardown(state);
	unsetenv("MENDLOG_NOW");
	return 0;
}

static ml_day
D(const char *s)
{
	ml_day d;

	if (!ml_date_parse(s, &d))
		fail_msg("bad date %s", s);
	return d;
}

static time_t
utc(const char *s, int h)
{
	return (time_t)D(s) * 86400 + h * 3600;
}

static void
write_file(struct fx *f, const char *name, const char *body)
{
	char *p = xasprintf("%s/%s", f->dir, name);

	tu_write_str(p, body);
	free(p);
}

static void
load_plan(struct fx *f)
{
	struct ml_error err;

	if (plan_load(&f->s, &err) != 0)
		fail_msg("load: %s", err.msg);
}

/* The slots of @day as "HH:MM status" joined by spaces, into @buf. */
static const char *
slots_of(struct fx *f, const char *day, time_t now, char *buf,
    size_t size)
{
	struct plan_slot *v;
	size_t n = plan_slots(&f->s, &f->cfg, D(day), now, &v), len = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < n; i++)
		len += (size_t)snprintf(buf + len, size - len, "%s%02d:%02d %s",
		    i ? " " : "", v[i].minutes / 60, v[i].minutes % 60,
		    plan_status_name(v[i].status));
	free(v);
	return buf;
}

static void
set_times(struct fx *f, const char *day, const char *times)
{
	const char *key[1] = { "walk" };
	struct ml_set set = { "times", times };
	struct ml_error err;

	if (plan_upsert(&f->s, D(day), key, &set, 1, &err) != 0)
		fail_msg("plan_upsert: %s", err.msg);
	load_plan(f);
}

/* The walking-times scenario in the core: 3 walks a day, logged on three
 * days; the times change; the past stays as it was. */
static void
test_change_keeps_the_past(void **state)
{
	struct fx *f = *state;
	struct plan_adherence before, after;
	char buf[256];

	write_file(f, "exercises.csv", HEADER
	    "walk,Walk,,,,,daily,08:00;12:00;17:00,2026-11-01,,\n");
	write_file(f, "exercise_log.csv", LOG_HEADER
	    "2026-11-02,08:00,walk,done,,,,\n2026-11-02,12:00,walk,done,,,,\n"
	    "2026-11-02,17:00,walk,done,,,,\n2026-11-03,08:00,walk,done,,,,\n"
	    "2026-11-03,12:00,walk,done,,,,\n2026-11-03,17:00,walk,done,,,,\n"
	    "2026-11-04,08:00,walk,done,,,,\n2026-11-04,12:00,walk,done,,,,\n"
	    "2026-11-04,17:00,walk,done,,,,\n");
	load_plan(f);
	plan_adherence(&f->s, &f->cfg, NULL, D("2026-11-01"), D("2026-11-07"),
	    utc("2026-11-06", 7), &before);
	assert_int_equal(before.due, 15);	/* 1-5 Nov, 6 Nov not yet */
	assert_int_equal(before.done, 9);

	set_times(f, "2026-11-06", "09:00;13:00;18:00");
	assert_string_equal(slots_of(f, "2026-11-03", utc("2026-11-06", 14), buf,
	    sizeof buf), "08:00 done 12:00 done 17:00 done");
	assert_string_equal(slots_of(f, "2026-11-06", utc("2026-11-06", 14), buf,
	    sizeof buf), "09:00 overdue 13:00 due 18:00 later");
	plan_adherence(&f->s, &f->cfg, NULL, D("2026-11-01"), D("2026-11-07"),
	    utc("2026-11-06", 7), &after);
	assert_int_equal(after.due, before.due);
	assert_int_equal(after.done, before.done);
	assert_true(after.pct == before.pct);
	/* The range and day-by-day views agree across the change. */
	{
		struct plan_slot *v;
		size_t n = plan_slots_range(&f->s, &f->cfg, D("2026-11-05"),
		    D("2026-11-06"), utc("2026-11-06", 14), &v);

		assert_int_equal(n, 6);
		assert_int_equal(v[0].minutes, 8 * 60);
		assert_int_equal(v[3].minutes, 9 * 60);
		free(v);
	}
}

/* A second change the same day keeps the first version; a change dated
 * back replaces what it covers and no more. */
static void
test_same_day_and_backdated_changes(void **state)
{
	struct fx *f = *state;
	time_t now = utc("2026-11-10", 12);
	char buf[256];

	write_file(f, "exercises.csv", HEADER
	    "walk,Walk,,,,,daily,08:00,2026-11-01,,\n");
	load_plan(f);
	set_times(f, "2026-11-05", "09:00");
	set_times(f, "2026-11-05", "09:30");
	assert_int_equal(store_nrows(&f->s, ML_PLAN_HISTORY), 1);
	assert_string_equal(slots_of(f, "2026-11-04", now, buf, sizeof buf),
	    "08:00 missed");
	assert_string_equal(slots_of(f, "2026-11-05", now, buf, sizeof buf),
	    "09:30 missed");
	/* Dated back to 3 Nov: 3 and 4 Nov take the new times, 2 Nov not. */
	set_times(f, "2026-11-03", "10:00");
	assert_string_equal(slots_of(f, "2026-11-02", now, buf, sizeof buf),
	    "08:00 missed");
	assert_string_equal(slots_of(f, "2026-11-04", now, buf, sizeof buf),
	    "10:00 missed");
	assert_string_equal(slots_of(f, "2026-11-09", now, buf, sizeof buf),
	    "10:00 missed");
	assert_int_equal(store_nrows(&f->s, ML_PLAN_HISTORY), 1);
	/* A change that leaves the schedule as it is records nothing. */
	{
		const char *key[1] = { "walk" };
		struct ml_set set = { "name", "Brisk walk" };
		struct ml_error err;

		assert_int_equal(plan_upsert(&f->s, D("2026-11-10"), key, &set, 1,
		    &err), 0);
		load_plan(f);
		assert_int_equal(store_nrows(&f->s, ML_PLAN_HISTORY), 1);
	}
}

/* Slots before an exercise was added are not due, whatever its
 * start_date says. */
static void
test_new_exercise_not_due_before_added(void **state)
{
	struct fx *f = *state;
	const char *key[1] = { "walk" };
	struct ml_set sets[3] = { { "name", "Walk" }, { "times", "08:00" },
		{ "start_date", "2026-11-01" } };
	struct ml_error err;
	struct plan_adherence a;
	char buf[128];

	load_plan(f);
	assert_int_equal(plan_upsert(&f->s, D("2026-11-05"), key, sets, 3, &err),
	    0);
	load_plan(f);
	assert_string_equal(slots_of(f, "2026-11-04", utc("2026-11-10", 12), buf,
	    sizeof buf), "");
	assert_string_equal(slots_of(f, "2026-11-05", utc("2026-11-10", 12), buf,
	    sizeof buf), "08:00 missed");
	plan_adherence(&f->s, &f->cfg, NULL, D("2026-11-01"), D("2026-11-07"),
	    utc("2026-11-10", 12), &a);
	assert_int_equal(a.due, 3);
}

static void
test_pause(void **state)
{
	struct fx *f = *state;
	time_t now = utc("2026-11-10", 12);
	struct plan_adherence a;
	struct plan_pause_info *v;
	struct ml_error err;
	char buf[128];

	write_file(f, "exercises.csv", HEADER
	    "walk,Walk,,,,,daily,08:00,2026-11-01,,\n");
	write_file(f, "exercise_log.csv", LOG_HEADER
	    "2026-11-04,08:00,walk,done,,,,\n");
	load_plan(f);
	assert_int_equal(plan_pause_add(&f->s, D("2026-11-03"), D("2026-11-05"),
	    &err), 0);
	load_plan(f);
	assert_true(plan_paused_on(&f->s, D("2026-11-03")));
	assert_false(plan_paused_on(&f->s, D("2026-11-06")));
	assert_string_equal(slots_of(f, "2026-11-03", now, buf, sizeof buf),
	    "08:00 paused");
	/* A session logged in a pause still counts. */
	assert_string_equal(slots_of(f, "2026-11-04", now, buf, sizeof buf),
	    "08:00 done");
	plan_adherence(&f->s, &f->cfg, NULL, D("2026-11-01"), D("2026-11-07"),
	    now, &a);
	assert_int_equal(a.due, 5);
	assert_int_equal(a.done, 1);
	/* Overlaps and backwards pauses are refused. */
	assert_int_equal(plan_pause_add(&f->s, D("2026-11-05"), D("2026-11-08"),
	    &err), -1);
	assert_non_null(strstr(err.msg, "overlaps"));
	assert_int_equal(plan_pause_add(&f->s, D("2026-11-09"), D("2026-11-08"),
	    &err), -1);
	assert_int_equal(plan_pause_add(&f->s, D("2026-11-20"), D("2026-11-21"),
	    &err), 0);
	load_plan(f);
	assert_int_equal(plan_pauses(&f->s, &v), 2);
	assert_int_equal(v[0].from, D("2026-11-03"));
	free(v);
	assert_int_equal(plan_pause_cancel(&f->s, D("2026-11-03"), &err), 0);
	assert_int_equal(plan_pause_cancel(&f->s, D("2026-11-03"), &err), -1);
	load_plan(f);
	assert_string_equal(slots_of(f, "2026-11-03", now, buf, sizeof buf),
	    "08:00 missed");
	assert_int_equal(plan_pauses(&f->s, &v), 1);
	free(v);
}

/* A session logged for a slot the plan (as it was) does not have, or for
 * an exercise no longer in the plan, stays in the sessions view. */
static void
test_sessions_outlive_their_slot(void **state)
{
	struct fx *f = *state;
	struct plan_slot *v;
	size_t n;

	write_file(f, "exercises.csv", HEADER
	    "walk,Walk,,,,,daily,08:00,2026-11-01,,\n");
	write_file(f, "exercise_log.csv", LOG_HEADER
	    "2026-11-02,07:15,walk,done,,,,\n2026-11-02,08:00,walk,partial,,,,\n"
	    "2026-11-02,09:00,gone,skipped,,,,\n2026-11-02,10:00,walk,maybe,,,,\n");
	load_plan(f);
	n = plan_slots_range(&f->s, &f->cfg, D("2026-11-02"), D("2026-11-02"),
	    utc("2026-11-10", 12), &v);
	assert_int_equal(n, 1);
	free(v);
	n = plan_sessions_range(&f->s, &f->cfg, D("2026-11-02"), D("2026-11-02"),
	    utc("2026-11-10", 12), &v);
	assert_int_equal(n, 3);	/* the invalid status settles nothing */
	assert_int_equal(v[0].minutes, 7 * 60 + 15);
	assert_int_equal(v[0].status, PLAN_DONE);
	assert_int_equal(v[1].status, PLAN_PARTIAL);
	assert_int_equal(v[2].exercise_row, PLAN_NO_ROW);
	assert_string_equal(plan_slot_id(&f->s, &v[2]), "gone");
	assert_int_equal(v[2].status, PLAN_SKIPPED);
	free(v);
}

static void
test_dates_a_spreadsheet_wrote(void **state)
{
	(void)state;
	assert_true(ml_date_parse("2026/11/03", NULL));
	assert_int_equal(D("2026/11/03"), D("2026-11-03"));
	assert_false(ml_date_parse("2026/11-03", NULL));
	assert_false(ml_date_parse("2026/02/30", NULL));
	assert_true(ml_date_might_be("03/11/2026", D("2026-11-03")));
	assert_true(ml_date_might_be("11/03/26", D("2026-11-03")));
	assert_true(ml_date_might_be("19.11.2026", D("2026-11-19")));
	assert_false(ml_date_might_be("19.11.2026", D("2026-11-18")));
	assert_false(ml_date_might_be("Err:510", D("2026-11-18")));
	assert_false(ml_date_might_be("", D("2026-11-18")));
	assert_false(ml_date_might_be("1.2.3.4", D("2026-11-18")));
}

static void
count_problem(void *ctx, const struct ml_error *e)
{
	(void)e;
	(*(int *)ctx)++;
}

/* A Gnumeric re-save reads as the same diary and is written back ISO; an
 * unreadable date blocks a second row for its day; error values are
 * problems. */
static void
test_diary_resaved(void **state)
{
	struct fx *f = *state;
	struct ml_set set = { "back_pain", "6" };
	struct ml_error err;
	char *path = xasprintf("%s/entries.csv", f->dir), *text;
	int problems = 0;

	write_file(f, "entries.csv", "date,back_pain,notes\n"
	    "2026/11/03,4,fine\n19.11.2026,5,\n2026-11-04,3,Err:510\n"
	    "2026-11-05,3,###\n");
	assert_int_equal(store_load(&f->s, ML_ENTRIES, NULL, &err), 0);
	assert_true(diary_find(&f->s, D("2026-11-03")) >= 0);
	assert_int_equal(diary_score(&f->s, diary_find(&f->s, D("2026-11-03")),
	    EC_BACK_PAIN), 4);
	assert_int_equal(store_validate(&f->s, ML_ENTRIES, count_problem,
	    &problems), 3);	/* 19.11.2026, Err:510, ### */
	/* The day the unreadable row may be: refused, nothing written. */
	assert_int_equal(diary_set(&f->s, D("2026-11-19"), &set, 1, &err), -1);
	assert_int_equal(err.line, 3);
	assert_string_equal(err.field, "date");
	text = tu_read(path, NULL);
	assert_null(strstr(text, "2026-11-19"));
	free(text);
	/* Another day saves, and the re-saved date goes back to ISO. */
	assert_int_equal(diary_set(&f->s, D("2026-11-06"), &set, 1, &err), 0);
	text = tu_read(path, NULL);
	assert_non_null(strstr(text, "\n2026-11-03,4,fine"));
	assert_null(strstr(text, "2026/11/03"));
	assert_non_null(strstr(text, "\n19.11.2026,5,"));
	free(text);
	free(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_change_keeps_the_past, setup, teardown),
		cmocka_unit_test_setup_teardown(test_same_day_and_backdated_changes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_new_exercise_not_due_before_added, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pause, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sessions_outlive_their_slot, setup, teardown),
		cmocka_unit_test(test_dates_a_spreadsheet_wrote),
		cmocka_unit_test_setup_teardown(test_diary_resaved, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
