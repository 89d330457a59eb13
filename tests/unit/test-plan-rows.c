/*
 * test-plan-rows.c - plan_adherence_rows(), the one-pass adherence of
 * every exercise that the Exercises screen shows, gives exactly what
 * plan_adherence() gives for each id, and their sums what it gives for
 * all, on a plan with every
 * kind of schedule, paused and ended rows, a repeated id, an invalid row,
 * and a log with done, partial, skipped, invalid and repeated rows; in UTC
 * and across a daylight-saving change, before, during and after a day's
 * slots.
 */
#include "testutil.h"

#include <math.h>
#include <time.h>

#include "config.h"
#include "plan.h"
#include "store.h"

#define HEADER "id,name,instructions,sets,reps,hold_s,days,times," \
	"start_date,end_date,active\n"
#define LOG_HEADER "date,slot,exercise_id,status,logged_at,sets_done," \
	"pain_during,note\n"

#define HEADER_PLAN HEADER PLAN_ROWS
#define PLAN_ROWS \
    "a,A,,1,1,,daily,08:00;18:00,2026-03-01,,yes\n" \
    "b,B,,1,1,,mon;wed;fri,07:30,2026-03-10,,yes\n" \
    "c,C,,1,1,,every 2 days,12:00;02:30,2026-03-05,,yes\n" \
    "d,D,,1,1,,daily,09:00,2026-03-01,2026-03-25,yes\n" \
    "e,E,,1,1,,daily,10:00,2026-03-01,,no\n" \
    "a,A again,,1,1,,daily,11:00,2026-03-01,,yes\n" \
    "f,F,,1,1,,daily,25:00,2026-03-01,,yes\n" \
    "g,G,,1,1,,tue;thu;sat,23:59;00:00,2026-03-20,,yes\n"

#define LOG_HEADER_ROWS LOG_HEADER LOG_ROWS
#define LOG_ROWS \
    "2026-03-28,08:00,a,done,,,,\n" \
    "2026-03-28,08:00,a,skipped,,,,\n" \
    "2026-03-28,18:00,a,partial,,,,\n" \
    "2026-03-29,08:00,a,done,,,,\n" \
    "2026-03-29,12:00,c,skipped,,,,\n" \
    "2026-03-27,07:30,b,done,,,,\n" \
    "2026-03-24,09:00,d,bogus,,,,\n" \
    "2026-03-24,09:00,d,done,,,,\n" \
    "2026-03-30,18:00,a,done,,,,\n" \
    "2026-03-30,10:00,e,done,,,,\n" \
    "2026-03-28,23:59,g,partial,,,,\n" \
    "2026-03-12,08:00,a,done,,,,\n"

static void
use_tz(const char *tz)
{
	setenv("TZ", tz, 1);
	tzset();
}

static void
same(const struct plan_adherence *x, const struct plan_adherence *y,
    const char *what)
{
	if (x->due != y->due || x->done != y->done || x->partial != y->partial ||
	    x->skipped != y->skipped || (isnan(x->pct) != isnan(y->pct)) ||
	    (!isnan(x->pct) && x->pct != y->pct))
		fail_msg("%s: rows %d/%d/%d/%d, per id %d/%d/%d/%d", what,
		    x->due, x->done, x->partial, x->skipped, y->due, y->done,
		    y->partial, y->skipped);
}

static void
compare_at(struct ml_store *s, const struct ml_config *cfg, const char *when)
{
	size_t n = store_nrows(s, ML_EXERCISES);
	struct plan_adherence one;
	char date[ML_DATE_LEN];
	ml_day day;
	time_t now;
	int h, m;

	snprintf(date, sizeof date, "%.10s", when);
	assert_true(ml_date_parse(date, &day));
	assert_int_equal(sscanf(when + 11, "%d:%d", &h, &m), 2);
	now = ml_local_time(day, h * 60 + m);
	/* Each row as plan_adherence() of its id; their sums as all. */
	for (int days = 1; days <= 30; days += 6) {
		struct plan_adherence *rows = xcalloc(n, sizeof *rows), all;

		plan_adherence_rows(s, cfg, day - days + 1, day, now, rows);
		memset(&all, 0, sizeof all);
		for (size_t r = 0; r < n; r++) {
			const char *id = store_get(s, ML_EXERCISES, r, XC_ID);

			all.due += rows[r].due;
			all.done += rows[r].done;
			all.partial += rows[r].partial;
			all.skipped += rows[r].skipped;
			/* A repeated id's slots are the first row's. */
			if (plan_find(s, id) != (long)r) {
				assert_int_equal(rows[r].due, 0);
				continue;
			}
			plan_adherence(s, cfg, id, day - days + 1, day, now, &one);
			same(&rows[r], &one, id);
		}
		plan_adherence(s, cfg, NULL, day - days + 1, day, now, &one);
		all.pct = all.due > 0 ?
		    100.0 * (all.done + 0.5 * all.partial) / all.due : NAN;
		same(&all, &one, "all");
		free(rows);
	}
}

static void
test_rows_match_per_id(void **state)
{
	static const char *const zones[] = { "UTC", "Europe/Berlin",
	    "America/New_York" };
	static const char *const times[] = { "2026-03-30T00:00",
	    "2026-03-30T08:00", "2026-03-30T12:30", "2026-03-30T23:59",
	    "2026-03-29T02:30", "2026-03-08T03:00", "2026-04-02T07:00" };
	struct ml_store s;
	struct ml_config cfg;
	struct ml_error err;
	char *dir, *p;

	(void)state;
	dir = tu_store_open(&s);
	config_defaults(&cfg);
	p = xasprintf("%s/exercises.csv", dir);
	tu_write_str(p, HEADER_PLAN);
	free(p);
	p = xasprintf("%s/exercise_log.csv", dir);
	tu_write_str(p, LOG_HEADER_ROWS);
	free(p);
	assert_int_equal(store_load(&s, ML_EXERCISES, NULL, &err), 0);
	assert_int_equal(store_load(&s, ML_EXERCISE_LOG, NULL, &err), 0);
	for (size_t z = 0; z < ML_NELEM(zones); z++) {
		use_tz(zones[z]);
		for (size_t t = 0; t < ML_NELEM(times); t++)
			compare_at(&s, &cfg, times[t]);
	}
	use_tz("UTC");
	config_free(&cfg);
	tu_store_close(dir, &s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rows_match_per_id),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
