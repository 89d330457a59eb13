/*
 * test-plan.c - schedules (daily, weekdays, every N days, start/end, month
 * ends, 29 February, both daylight-saving changes in two zones), slot
 * order, due/overdue boundaries, logging and adherence on a fixture whose
 * figures were worked out by hand.
 *
 * Expected instants are written as UTC arithmetic (day * 86400 + hours),
 * independent of mktime, so a wrong zone conversion shows.
 */
#include "diaryfix.h"

#include <math.h>
#include <time.h>

#include "config.h"
#include "plan.h"
#include "store.h"

#define HEADER "id,name,instructions,sets,reps,hold_s,days,times," \
	"start_date,end_date,active\n"
#define LOG_HEADER "date,slot,exercise_id,status,logged_at,sets_done," \
	"pain_during,note\n"

static void
use_tz(const char *tz)
{
	setenv("TZ", tz, 1);
	tzset();
}

static int
setup(void **state)
{
	use_tz("UTC");
	return fx_setup(state);
}

static int
teardown(void **state)
{
	fx_teardown(state);
	use_tz("UTC");
	return 0;
}

/* Write exercises.csv (and exercise_log.csv when @log) and load both. */
static void
load(struct fx *f, const char *plan, const char *log)
{
	struct ml_error err;
	char *p = xasprintf("%s/exercises.csv", f->dir);
	char *body = xasprintf(HEADER "%s", plan);

	tu_write_str(p, body);
	free(p);
	free(body);
	p = xasprintf("%s/exercise_log.csv", f->dir);
	body = xasprintf(LOG_HEADER "%s", log ? log : "");
	tu_write_str(p, body);
	free(p);
	free(body);
	if (store_load(&f->s, ML_EXERCISES, NULL, &err) != 0 ||
	    store_load(&f->s, ML_EXERCISE_LOG, NULL, &err) != 0)
		fail_msg("load: %s", err.msg);
}

/* cmocka's float assertion narrows to float; compare doubles here. */
#define assert_pct(a, b, eps) assert_true(fabs((a) - (b)) < (eps))

static ml_day
D(const char *s)
{
	ml_day d;

	if (!ml_date_parse(s, &d))
		fail_msg("bad date %s", s);
	return d;
}

/* A UTC instant: day @s at @h:@m UTC. */
static time_t
utc(const char *s, int h, int m)
{
	return (time_t)D(s) * 86400 + h * 3600 + m * 60;
}

/* Number of slots on @day (status ignored). */
static size_t
count(struct fx *f, const char *day)
{
	struct plan_slot *v;
	size_t n = plan_slots(&f->s, &f->cfg, D(day), utc(day, 0, 0), &v);

	free(v);
	return n;
}

static bool
occurs(const char *days, const char *start, const char *end, const char *day)
{
	struct plan_schedule sc;
	struct ml_error err;

	if (plan_schedule_parse(days, "08:00", start, end, "", &sc, &err) != 0)
		fail_msg("parse %s: %s: %s", days, err.field, err.msg);
	return plan_occurs(&sc, D(day));
}

static void
test_daily_and_empty_days(void **state)
{
	struct fx *f = *state;

	load(f, "a,A,,,,,daily,08:00;18:00,,,yes\n"
	    "b,B,,,,,,12:00,,,\n", NULL);
	assert_int_equal(count(f, "2026-11-21"), 3);
	assert_int_equal(count(f, "1999-01-01"), 3);
	assert_true(occurs("", "", "", "2026-02-03"));
}

static void
test_weekdays(void **state)
{
	const char *week[] = { "2026-11-16", "2026-11-17", "2026-11-18",
	    "2026-11-19", "2026-11-20", "2026-11-21", "2026-11-22" };
	/* 2026-11-16 is a Monday. */
	const bool mwf[] = { true, false, true, false, true, false, false };
	const bool sun[] = { false, false, false, false, false, false, true };

	(void)state;
	for (int i = 0; i < 7; i++) {
		assert_int_equal(occurs("mon;wed;fri", "", "", week[i]), mwf[i]);
		assert_int_equal(occurs("sun", "", "", week[i]), sun[i]);
	}
	/* Order in the list does not matter. */
	assert_true(occurs("fri;mon", "", "", "2026-11-20"));
}

static void
test_every_n_days_and_start_end(void **state)
{
	(void)state;
	/* Counted from the start date; nothing before it. */
	assert_false(occurs("every 2 days", "2026-11-24", "", "2026-11-22"));
	assert_false(occurs("every 2 days", "2026-11-24", "", "2026-11-23"));
	assert_true(occurs("every 2 days", "2026-11-24", "", "2026-11-24"));
	assert_false(occurs("every 2 days", "2026-11-24", "", "2026-11-25"));
	assert_true(occurs("every 2 days", "2026-11-24", "", "2026-11-26"));
	/* Month end: 29 Nov, 2 Dec, 5 Dec. */
	assert_true(occurs("every 3 days", "2026-11-29", "", "2026-12-02"));
	assert_false(occurs("every 3 days", "2026-11-29", "", "2026-12-01"));
	assert_true(occurs("every 3 days", "2026-11-29", "", "2026-12-05"));
	/* Year end. */
	assert_true(occurs("every 7 days", "2026-12-28", "", "2027-01-04"));
	/* Start and end are inclusive. */
	assert_false(occurs("daily", "2026-11-10", "2026-11-12", "2026-11-09"));
	assert_true(occurs("daily", "2026-11-10", "2026-11-12", "2026-11-10"));
	assert_true(occurs("daily", "2026-11-10", "2026-11-12", "2026-11-12"));
	assert_false(occurs("daily", "2026-11-10", "2026-11-12", "2026-11-13"));
	assert_true(occurs("daily", "", "2026-01-31", "2026-01-31"));
	assert_false(occurs("daily", "", "2026-01-31", "2026-02-01"));
	/* Weekdays and a range together. */
	assert_false(occurs("mon", "2026-11-17", "", "2026-11-16"));
	assert_true(occurs("mon", "2026-11-17", "", "2026-11-23"));
}

static void
test_leap_day(void **state)
{
	(void)state;
	/* 2028 is a leap year: 27 Feb, 29 Feb, 2 Mar. */
	assert_true(occurs("every 2 days", "2028-02-27", "", "2028-02-29"));
	assert_false(occurs("every 2 days", "2028-02-27", "", "2028-03-01"));
	assert_true(occurs("every 2 days", "2028-02-27", "", "2028-03-02"));
	/* 2027 is not: 27 Feb, 1 Mar. */
	assert_true(occurs("every 2 days", "2027-02-27", "", "2027-03-01"));
	/* 29 Feb 2028 is a Tuesday; an end date on it is inclusive. */
	assert_true(occurs("tue", "", "2028-02-29", "2028-02-29"));
	assert_false(occurs("wed", "", "", "2028-02-29"));
	assert_false(occurs("daily", "", "2028-02-29", "2028-03-01"));
}

static void
test_paused_and_unusable_rows(void **state)
{
	struct fx *f = *state;

	load(f, "a,A,,,,,daily,08:00,,,no\n"
	    "b,B,,,,,daily,25:00,,,yes\n"
	    "c,C,,,,,daily,09:00,,,yes\n"
	    "c,C again,,,,,daily,10:00,,,yes\n"
	    "d,D,,,,,daily,,,,yes\n", NULL);
	/* Only c's first row: a is paused, b's time is invalid, the second c
	 * repeats an id, d has no times. */
	assert_int_equal(count(f, "2026-11-21"), 1);
	/* Each says why. */
	{
		struct plan_schedule sc;
		struct ml_error err;

		assert_int_equal(plan_row_check(&f->s, 0, &sc, &err), 0);
		assert_false(sc.active);
		assert_int_equal(plan_row_check(&f->s, 1, &sc, &err), -1);
		assert_string_equal(err.field, "times");
		assert_int_equal(plan_row_check(&f->s, 3, &sc, &err), -1);
		assert_string_equal(err.field, "id");
		assert_int_equal(plan_row_check(&f->s, 4, &sc, &err), 0);
		assert_int_equal(sc.ntimes, 0);
	}
}

static void
test_several_slots_in_time_order(void **state)
{
	struct fx *f = *state;
	struct plan_slot *v;
	size_t n;

	load(f, "walk,Walk,,,,,daily,10:30,,,yes\n"
	    "tilt,Tilt,,,,,daily,18:00;08:00,,,yes\n"
	    "knee,Knee,,,,,daily,08:00;08:00,,,yes\n", NULL);
	n = plan_slots(&f->s, &f->cfg, D("2026-11-21"), utc("2026-11-21", 9, 0),
	    &v);
	assert_int_equal(n, 4);
	/* By time, then by plan order; a repeated time is one slot. */
	assert_string_equal(plan_slot_id(&f->s, &v[0]), "tilt");
	assert_int_equal(v[0].minutes, 8 * 60);
	assert_string_equal(plan_slot_id(&f->s, &v[1]), "knee");
	assert_string_equal(plan_slot_id(&f->s, &v[2]), "walk");
	assert_int_equal(v[2].minutes, 10 * 60 + 30);
	assert_string_equal(plan_slot_id(&f->s, &v[3]), "tilt");
	assert_int_equal(v[3].minutes, 18 * 60);
	assert_int_equal(v[0].status, PLAN_DUE);
	assert_int_equal(v[2].status, PLAN_LATER);
	free(v);
}

static void
test_due_overdue_boundaries(void **state)
{
	struct fx *f = *state;
	ml_day d = D("2026-11-21");
	time_t at = utc("2026-11-21", 8, 0);

	assert_int_equal(f->cfg.overdue_after_min, 120);
	assert_int_equal(plan_status_at(&f->cfg, d, 480, "", at - 1), PLAN_LATER);
	assert_int_equal(plan_status_at(&f->cfg, d, 480, "", at), PLAN_DUE);
	assert_int_equal(plan_status_at(&f->cfg, d, 480, "", at + 7199), PLAN_DUE);
	assert_int_equal(plan_status_at(&f->cfg, d, 480, "", at + 7200),
	    PLAN_OVERDUE);
	assert_int_equal(plan_status_at(&f->cfg, d, 480, "",
	    utc("2026-11-22", 0, 0) - 1), PLAN_OVERDUE);
	assert_int_equal(plan_status_at(&f->cfg, d, 480, "",
	    utc("2026-11-22", 0, 0)), PLAN_MISSED);
	/* A log settles it whatever the time; junk settles nothing. */
	assert_int_equal(plan_status_at(&f->cfg, d, 480, "done", at - 60),
	    PLAN_DONE);
	assert_int_equal(plan_status_at(&f->cfg, d, 480, "partial", at + 9000),
	    PLAN_PARTIAL);
	assert_int_equal(plan_status_at(&f->cfg, d, 480, "skipped", at),
	    PLAN_SKIPPED);
	assert_int_equal(plan_status_at(&f->cfg, d, 480, "Done", at), PLAN_DUE);
	/* A shorter overdue_after from the config. */
	f->cfg.overdue_after_min = 30;
	assert_int_equal(plan_status_at(&f->cfg, d, 480, "", at + 1799), PLAN_DUE);
	assert_int_equal(plan_status_at(&f->cfg, d, 480, "", at + 1800),
	    PLAN_OVERDUE);
}

/* The 08:00 slot of @day falls at UTC @h:00 in the current zone. */
static void
check_0800(struct fx *f, const char *day, int h)
{
	struct plan_slot *v;
	size_t n = plan_slots(&f->s, &f->cfg, D(day), utc(day, h, 0), &v);
	size_t i = n - 1;

	assert_true(n >= 1);
	assert_int_equal(v[i].minutes, 480);
	assert_int_equal(plan_slot_time(&v[i]), utc(day, h, 0));
	assert_int_equal(v[i].status, PLAN_DUE);
	free(v);
	n = plan_slots(&f->s, &f->cfg, D(day), utc(day, h, 0) - 1, &v);
	assert_int_equal(v[i].status, PLAN_LATER);
	free(v);
}

static void
test_dst_london(void **state)
{
	struct fx *f = *state;

	use_tz("Europe/London");
	load(f, "a,A,,,,,daily,08:00,,,yes\n", NULL);
	/* Spring forward 29 Mar 2026: 08:00 GMT the day before, BST on it. */
	check_0800(f, "2026-03-28", 8);
	check_0800(f, "2026-03-29", 7);
	/* Fall back 25 Oct 2026. */
	check_0800(f, "2026-10-24", 7);
	check_0800(f, "2026-10-25", 8);
	/* On the 25-hour day the slot stays due until local midnight, which
	 * is 00:00 UTC (GMT) - not 23:00 UTC. */
	assert_int_equal(plan_status_at(&f->cfg, D("2026-10-25"), 480, "",
	    utc("2026-10-25", 23, 30)), PLAN_OVERDUE);
	assert_int_equal(plan_status_at(&f->cfg, D("2026-10-25"), 480, "",
	    utc("2026-10-26", 0, 0)), PLAN_MISSED);
	/* On the 23-hour day midnight is 23:00 UTC the day before. */
	assert_int_equal(plan_status_at(&f->cfg, D("2026-03-29"), 480, "",
	    utc("2026-03-29", 22, 59)), PLAN_OVERDUE);
	assert_int_equal(plan_status_at(&f->cfg, D("2026-03-29"), 480, "",
	    utc("2026-03-29", 23, 0)), PLAN_MISSED);
	/* 01:30 does not exist on 29 Mar: the slot happens as the clocks
	 * change, 02:00 BST = 01:00 UTC, as mendlog(5) says ("the first
	 * valid time after it"; issue 11: it used to fire at 02:30 BST),
	 * and is not lost. */
	assert_int_equal(ml_local_time(D("2026-03-29"), 90),
	    utc("2026-03-29", 1, 0));
	assert_int_equal(plan_status_at(&f->cfg, D("2026-03-29"), 90, "",
	    utc("2026-03-29", 0, 59)), PLAN_LATER);
	assert_int_equal(plan_status_at(&f->cfg, D("2026-03-29"), 90, "",
	    utc("2026-03-29", 1, 0)), PLAN_DUE);
}

static void
test_dst_new_york(void **state)
{
	struct fx *f = *state;
	struct plan_slot *v;
	time_t t;

	use_tz("America/New_York");
	load(f, "a,A,,,,,daily,08:00,,,yes\n"
	    "b,B,,,,,daily,01:30,,,yes\n", NULL);
	/* Spring forward 8 Mar 2026: EST (-5) before, EDT (-4) after. */
	assert_int_equal(plan_slots(&f->s, &f->cfg, D("2026-03-07"),
	    utc("2026-03-07", 13, 0), &v), 2);
	assert_int_equal(plan_slot_time(&v[1]), utc("2026-03-07", 13, 0));
	free(v);
	assert_int_equal(plan_slots(&f->s, &f->cfg, D("2026-03-08"),
	    utc("2026-03-08", 12, 0), &v), 2);
	assert_int_equal(plan_slot_time(&v[1]), utc("2026-03-08", 12, 0));
	assert_int_equal(v[1].status, PLAN_DUE);
	free(v);
	/* Fall back 1 Nov 2026: 01:30 happens twice but is one slot, at one
	 * of the two instants. */
	assert_int_equal(plan_slots(&f->s, &f->cfg, D("2026-11-01"),
	    utc("2026-11-01", 14, 0), &v), 2);
	assert_int_equal(v[0].minutes, 90);
	t = plan_slot_time(&v[0]);
	assert_true(t == utc("2026-11-01", 5, 30) || t == utc("2026-11-01", 6, 30));
	assert_int_equal(plan_slot_time(&v[1]), utc("2026-11-01", 13, 0));
	assert_int_equal(v[1].status, PLAN_DUE);
	free(v);
	check_0800(f, "2026-10-31", 12);
	/* The first of November's slots are both counted once each. */
	assert_int_equal(count(f, "2026-11-01"), 2);
}

/*
 * The adherence fixture, worked out by hand (now = Sat 2026-11-21 13:00):
 *  tilt  daily 08:00;18:00 from 15 Nov: 15-20 Nov = 12 slots, 21 Nov 08:00
 *        has come = 13, and 21 Nov 18:00 logged early = 14 due.
 *        Logged done 15a 15b 17a 18a 21a 21b = 6, partial 16a, skipped 16b.
 *        7 days: (6 + 0.5) / 14 = 46.43 %.
 *  bridge mon;wed;fri 12:00 from 1 Nov: 7 days 16, 18, 20 = 3 due, done
 *        16, partial 18: 1.5 / 3 = 50 %.  30 days: 2 4 6 9 11 13 16 18 20 =
 *        9 due: 1.5 / 9 = 16.67 %.
 *  All, 7 days: due 17, done 7, partial 2, skipped 1: 8 / 17 = 47.06 %.
 *  All, 30 days: due 23: 8 / 23 = 34.78 %.
 *  Ignored: a log at 09:00 (no such slot), one before the plan started, an
 *  invalid status.
 */
static const char adherence_plan[] =
    "tilt,Tilt,,2,10,5,daily,08:00;18:00,2026-11-15,,yes\n"
    "bridge,Bridge,,3,8,,mon;wed;fri,12:00,2026-11-01,,yes\n"
    "later,Later,,,,,daily,08:00,2026-11-25,,yes\n";
static const char adherence_log[] =
    "2026-11-10,08:00,tilt,done,,,,\n"
    "2026-11-15,08:00,tilt,done,,,,\n"
    "2026-11-15,18:00,tilt,done,,,,\n"
    "2026-11-16,08:00,tilt,partial,,,,\n"
    "2026-11-16,12:00,bridge,done,,,,\n"
    "2026-11-16,18:00,tilt,skipped,,,,\n"
    "2026-11-17,08:00,tilt,done,,,,\n"
    "2026-11-18,08:00,tilt,done,,,,\n"
    "2026-11-18,12:00,bridge,partial,,,,\n"
    "2026-11-19,09:00,tilt,done,,,,\n"
    "2026-11-19,18:00,tilt,maybe,,,,\n"
    "2026-11-21,08:00,tilt,done,,,,\n"
    "2026-11-21,18:00,tilt,done,,,,\n";

static void
test_adherence_fixture(void **state)
{
	struct fx *f = *state;
	time_t now = utc("2026-11-21", 13, 0);
	struct plan_adherence a;

	load(f, adherence_plan, adherence_log);
	plan_adherence_last(&f->s, &f->cfg, "tilt", 7, now, &a);
	assert_int_equal(a.due, 14);
	assert_int_equal(a.done, 6);
	assert_int_equal(a.partial, 1);
	assert_int_equal(a.skipped, 1);
	assert_pct(a.pct, 100.0 * 6.5 / 14, 1e-9);

	plan_adherence_last(&f->s, &f->cfg, "bridge", 7, now, &a);
	assert_int_equal(a.due, 3);
	assert_pct(a.pct, 50.0, 1e-9);
	plan_adherence_last(&f->s, &f->cfg, "bridge", 30, now, &a);
	assert_int_equal(a.due, 9);
	assert_pct(a.pct, 100.0 * 1.5 / 9, 1e-9);

	plan_adherence_last(&f->s, &f->cfg, NULL, 7, now, &a);
	assert_int_equal(a.due, 17);
	assert_int_equal(a.done, 7);
	assert_int_equal(a.partial, 2);
	assert_int_equal(a.skipped, 1);
	assert_pct(a.pct, 100.0 * 8 / 17, 1e-9);
	plan_adherence_last(&f->s, &f->cfg, NULL, 30, now, &a);
	assert_int_equal(a.due, 23);
	assert_pct(a.pct, 100.0 * 8 / 23, 1e-9);

	/* The same slots one by one, as an export lists them. */
	{
		struct plan_slot *v;
		size_t n = plan_slots_range(&f->s, &f->cfg, D("2026-11-15"),
		    D("2026-11-21"), now, &v);
		int due = 0, later = 0, missed = 0;

		for (size_t i = 0; i < n; i++) {
			due += v[i].status != PLAN_LATER;
			later += v[i].status == PLAN_LATER;
			missed += v[i].status == PLAN_MISSED;
			if (i > 0)
				assert_true(v[i - 1].day <= v[i].day);
		}
		/* 17 due; none to come (21 Nov 18:00 was logged early). */
		assert_int_equal(due, 17);
		assert_int_equal(later, 0);
		/* Missed: tilt 17b 18b 19a 19b 20a 20b, bridge 20. */
		assert_int_equal(missed, 7);
		free(v);
	}
	/* Nothing due yet: no figure rather than 0 %. */
	plan_adherence_last(&f->s, &f->cfg, "later", 7, now, &a);
	assert_int_equal(a.due, 0);
	assert_true(isnan(a.pct));
	/* An explicit range. */
	plan_adherence(&f->s, &f->cfg, "tilt", D("2026-11-16"), D("2026-11-16"),
	    now, &a);
	assert_int_equal(a.due, 2);
	assert_pct(a.pct, 25.0, 1e-9);
}

/*
 * The range forms (plan_slots_range, plan_adherence over many days, as
 * report and export use them) give exactly what asking day by day gives,
 * on a log with repeated, unsorted, early, invalid and unknown rows: the
 * log's key index finds the same rows a walk of the whole log would.
 */
static void
test_ranges_equal_day_by_day(void **state)
{
	static const char log[] =
	    "2026-11-18,08:00,tilt,done,,,,\n"
	    "2026-11-16,08:00,tilt,maybe,,,,\n"
	    "2026-11-16,08:00,tilt,partial,,,,\n"
	    "2026-11-16,08:00,tilt,done,,,,\n"
	    "2026-11-17,8:00,tilt,done,,,,\n"
	    "2026-11-21,18:00,tilt,skipped,,,,\n"
	    "2026-11-20,12:00,bridge,done,,,,\n"
	    "2026-11-20,12:00,nosuch,done,,,,\n"
	    "2026-11-19,18:00,tilt,done,,,,\n";
	struct fx *f = *state;
	time_t now = utc("2026-11-21", 13, 0);
	ml_day from = D("2026-11-10"), to = D("2026-11-24");
	struct plan_adherence whole, sum = { 0, 0, 0, 0, 0.0 };
	struct plan_slot *all;
	size_t n, at = 0, settled = 0;

	load(f, adherence_plan, log);
	plan_adherence(&f->s, &f->cfg, NULL, from, to, now, &whole);
	n = plan_slots_range(&f->s, &f->cfg, from, to, now, &all);
	for (ml_day d = from; d <= to; d++) {
		struct plan_adherence a;
		struct plan_slot *v;
		size_t k = plan_slots(&f->s, &f->cfg, d, now, &v);

		plan_adherence(&f->s, &f->cfg, NULL, d, d, now, &a);
		sum.due += a.due;
		sum.done += a.done;
		sum.partial += a.partial;
		sum.skipped += a.skipped;
		for (size_t i = 0; i < k; i++, at++) {
			assert_true(at < n);
			assert_int_equal(all[at].day, v[i].day);
			assert_int_equal(all[at].minutes, v[i].minutes);
			assert_int_equal(all[at].exercise_row, v[i].exercise_row);
			assert_int_equal(all[at].log_row, v[i].log_row);
			assert_int_equal(all[at].status, v[i].status);
			settled += v[i].log_row >= 0;
		}
		free(v);
	}
	assert_int_equal(at, n);
	assert_int_equal(whole.due, sum.due);
	assert_int_equal(whole.done, sum.done);
	assert_int_equal(whole.partial, sum.partial);
	assert_int_equal(whole.skipped, sum.skipped);
	assert_true(whole.done > 0 && whole.partial > 0 && whole.skipped > 0);
	/* The log did settle slots: the comparison saw real matches. */
	assert_true(settled >= 4);
	free(all);
}

static void
test_log_write_and_default_slot(void **state)
{
	struct fx *f = *state;
	struct plan_log log = { 0 };
	struct plan_adherence a;
	struct ml_error err;
	struct plan_slot *v;
	time_t now = utc("2026-11-21", 19, 0);
	int m;

	setenv("MENDLOG_NOW", "2026-11-21T19:00:00Z", 1);
	load(f, "tilt,Tilt,,,,,daily,08:00;18:00;21:00,,,yes\n", NULL);
	/* The latest slot that has come. */
	assert_int_equal(plan_default_slot(&f->s, &f->cfg, "tilt",
	    D("2026-11-21"), now, &m, &err), 0);
	assert_int_equal(m, 18 * 60);
	log.day = D("2026-11-21");
	log.minutes = m;
	log.exercise_id = "tilt";
	log.status = "done";
	log.sets_done = 2;
	log.pain_during = 3;
	log.note = "a bit stiff, \"ok\"";
	assert_int_equal(plan_log_write(&f->s, &log, &err), 0);
	/* Then the earlier one, then the one still to come. */
	assert_int_equal(plan_default_slot(&f->s, &f->cfg, "tilt",
	    D("2026-11-21"), now, &m, &err), 0);
	assert_int_equal(m, 8 * 60);
	log.minutes = m;
	log.status = "partial";
	log.sets_done = -1;
	log.pain_during = -1;
	log.note = NULL;
	assert_int_equal(plan_log_write(&f->s, &log, &err), 0);
	assert_int_equal(plan_default_slot(&f->s, &f->cfg, "tilt",
	    D("2026-11-21"), now, &m, &err), 0);
	assert_int_equal(m, 21 * 60);
	log.minutes = m;
	log.status = "skipped";
	assert_int_equal(plan_log_write(&f->s, &log, &err), 0);
	assert_int_equal(plan_default_slot(&f->s, &f->cfg, "tilt",
	    D("2026-11-21"), now, &m, &err), -1);
	assert_non_null(strstr(err.msg, "already logged"));
	assert_int_equal(plan_default_slot(&f->s, &f->cfg, "nope",
	    D("2026-11-21"), now, &m, &err), -1);

	/* Re-logging a slot replaces its row. */
	log.minutes = 18 * 60;
	log.status = "partial";
	log.pain_during = 5;
	assert_int_equal(plan_log_write(&f->s, &log, &err), 0);
	assert_int_equal(store_nrows(&f->s, ML_EXERCISE_LOG), 3);
	plan_slots(&f->s, &f->cfg, D("2026-11-21"), now, &v);
	assert_int_equal(v[1].status, PLAN_PARTIAL);
	assert_string_equal(store_get(&f->s, ML_EXERCISE_LOG,
	    (size_t)v[1].log_row, LC_PAIN_DURING), "5");
	assert_string_equal(store_get(&f->s, ML_EXERCISE_LOG,
	    (size_t)v[1].log_row, LC_LOGGED_AT), "2026-11-21T19:00:00+00:00");
	free(v);
	plan_adherence(&f->s, &f->cfg, NULL, D("2026-11-21"), D("2026-11-21"),
	    now, &a);
	assert_int_equal(a.due, 3);
	assert_pct(a.pct, 100.0 / 3, 1e-9);

	/* Bad values are refused before anything is written. */
	log.pain_during = 11;
	assert_int_equal(plan_log_write(&f->s, &log, &err), -1);
	assert_string_equal(err.field, "pain_during");
	log.pain_during = -1;
	log.status = "finished";
	assert_int_equal(plan_log_write(&f->s, &log, &err), -1);
	assert_string_equal(err.field, "status");
	unsetenv("MENDLOG_NOW");
}

static void
test_due_now_for_reminders(void **state)
{
	struct fx *f = *state;
	struct plan_slot first;
	struct plan_log log = { 0 };
	struct ml_error err;
	time_t newest;

	setenv("MENDLOG_NOW", "2026-11-21T08:30:00Z", 1);
	load(f, "tilt,Tilt,,,,,daily,08:00;18:00,,,yes\n"
	    "knee,Knee,,,,,daily,08:00;18:00,,,yes\n"
	    "walk,Walk,,,,,daily,10:30,,,no\n", NULL);
	assert_int_equal(plan_due_now(&f->s, &f->cfg, utc("2026-11-21", 7, 59) + 59,
	    &first, &newest), 0);
	assert_int_equal(newest, 0);
	assert_int_equal(plan_due_now(&f->s, &f->cfg, utc("2026-11-21", 8, 0),
	    &first, &newest), 2);
	assert_string_equal(plan_slot_id(&f->s, &first), "tilt");
	assert_int_equal(first.status, PLAN_DUE);
	assert_int_equal(newest, utc("2026-11-21", 8, 0));
	/* Settling one leaves the other. */
	log.day = D("2026-11-21");
	log.minutes = 480;
	log.exercise_id = "tilt";
	log.status = "skipped";
	log.sets_done = -1;
	log.pain_during = -1;
	assert_int_equal(plan_log_write(&f->s, &log, &err), 0);
	assert_int_equal(plan_due_now(&f->s, &f->cfg, utc("2026-11-21", 8, 30),
	    &first, NULL), 1);
	assert_string_equal(plan_slot_id(&f->s, &first), "knee");
	/* At 18:00 the 08:00 knee is overdue and two more are due; the
	 * newest time moves on, so a caller rings again. */
	assert_int_equal(plan_due_now(&f->s, &f->cfg, utc("2026-11-21", 18, 0),
	    &first, &newest), 3);
	assert_int_equal(first.status, PLAN_OVERDUE);
	assert_int_equal(newest, utc("2026-11-21", 18, 0));
	/* The paused walk never counts; at midnight the day's unsettled
	 * slots are missed and the new day's not due yet. */
	assert_int_equal(plan_due_now(&f->s, &f->cfg, utc("2026-11-22", 0, 0),
	    NULL, NULL), 0);
	unsetenv("MENDLOG_NOW");
}

static void
test_schedule_parse_errors(void **state)
{
	struct plan_schedule sc;
	struct ml_error err;

	(void)state;
	assert_int_equal(plan_schedule_parse("mon;funday", "", "", "", "", &sc,
	    &err), -1);
	assert_string_equal(err.field, "days");
	assert_int_equal(plan_schedule_parse("", "8:00", "", "", "", &sc, &err),
	    -1);
	assert_string_equal(err.field, "times");
	assert_int_equal(plan_schedule_parse("", "", "2026-02-30", "", "", &sc,
	    &err), -1);
	assert_string_equal(err.field, "start_date");
	assert_int_equal(plan_schedule_parse("", "", "2026-03-02", "2026-03-01",
	    "", &sc, &err), -1);
	assert_string_equal(err.field, "end_date");
	assert_int_equal(plan_schedule_parse("", "", "", "", "paused", &sc, &err),
	    -1);
	assert_string_equal(err.field, "active");
	assert_int_equal(plan_schedule_parse("every 10 days", "23:59;00:00", "",
	    "", "no", &sc, &err), 0);
	assert_int_equal(sc.every, 10);
	assert_int_equal(sc.ntimes, 2);
	assert_int_equal(sc.times[0], 0);
	assert_false(sc.active);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_daily_and_empty_days, setup, teardown),
		cmocka_unit_test(test_weekdays),
		cmocka_unit_test(test_every_n_days_and_start_end),
		cmocka_unit_test(test_leap_day),
		cmocka_unit_test_setup_teardown(test_paused_and_unusable_rows, setup, teardown),
		cmocka_unit_test_setup_teardown(test_several_slots_in_time_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_due_overdue_boundaries, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dst_london, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dst_new_york, setup, teardown),
		cmocka_unit_test_setup_teardown(test_adherence_fixture, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ranges_equal_day_by_day, setup, teardown),
		cmocka_unit_test_setup_teardown(test_log_write_and_default_slot, setup, teardown),
		cmocka_unit_test_setup_teardown(test_due_now_for_reminders, setup, teardown),
		cmocka_unit_test(test_schedule_parse_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
