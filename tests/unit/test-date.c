/*
 * test-date.c - calendar arithmetic, ISO 8601 parsing and formatting, and
 * local times across daylight-saving changes.
 */
#include "testutil.h"

#include <time.h>

#include "date.h"

static void
test_parse_and_format(void **state)
{
	char buf[ML_DATE_LEN];
	ml_day d;

	(void)state;
	assert_true(ml_date_parse("1970-01-01", &d));
	assert_int_equal(d, 0);
	assert_true(ml_date_parse("2026-11-21", &d));
	ml_date_format(d, buf);
	assert_string_equal(buf, "2026-11-21");
	assert_int_equal(ml_weekday(d), 5);	/* a Saturday */
	assert_true(ml_date_parse("2028-02-29", &d));	/* leap year */
	ml_date_format(d + 1, buf);
	assert_string_equal(buf, "2028-03-01");
	assert_false(ml_date_parse("2026-02-29", &d));
	assert_false(ml_date_parse("2100-02-29", &d));	/* not a leap year */
	assert_true(ml_date_parse("2000-02-29", &d));	/* but 2000 was */
	assert_false(ml_date_parse("2026-13-01", &d));
	assert_false(ml_date_parse("2026-11-31", &d));
	assert_false(ml_date_parse("2026-1-05", &d));
	assert_false(ml_date_parse("21/11/2026", &d));
	assert_false(ml_date_parse("2026-11-21x", &d));
	assert_false(ml_date_parse("", &d));
	ml_date_format(ml_date_from_ymd(2026, 12, 31) + 1, buf);
	assert_string_equal(buf, "2027-01-01");
	assert_int_equal(ml_days_in_month(2024, 2), 29);
	assert_int_equal(ml_days_in_month(2026, 4), 30);
}

/* What a person types for a day: the command line and go-to-date. */
static void
test_day_parse(void **state)
{
	ml_day today, d = 12345;

	(void)state;
	assert_true(ml_date_parse("2026-11-27", &today));
	assert_true(ml_day_parse("today", today, &d));
	assert_int_equal(d, today);
	assert_true(ml_day_parse("yesterday", today, &d));
	assert_int_equal(d, today - 1);
	assert_true(ml_day_parse("2026-02-28", today, &d));
	assert_int_equal(d, ml_date_from_ymd(2026, 2, 28));
	d = 12345;
	assert_false(ml_day_parse("2026-02-30", today, &d));
	assert_false(ml_day_parse("", today, &d));
	assert_false(ml_day_parse("someday", today, &d));
	assert_false(ml_day_parse("-", today, &d));
	assert_false(ml_day_parse("3 days", today, &d));
	assert_false(ml_day_parse("mo", today, &d));
	assert_int_equal(d, 12345);	/* untouched on failure */
	/* Relative days (issue 12), any case.  2026-11-27 is a Friday. */
	assert_true(ml_day_parse("Today", today, &d));
	assert_int_equal(d, today);
	assert_true(ml_day_parse("-3", today, &d));
	assert_int_equal(d, today - 3);
	assert_true(ml_day_parse(" 3 days ago ", today, &d));
	assert_int_equal(d, today - 3);
	assert_true(ml_day_parse("1 day ago", today, &d));
	assert_int_equal(d, today - 1);
	assert_true(ml_day_parse("monday", today, &d));
	assert_int_equal(d, ml_date_from_ymd(2026, 11, 23));
	assert_true(ml_day_parse("Fri", today, &d));
	assert_int_equal(d, today);
	assert_true(ml_day_parse("saturday", today, &d));
	assert_int_equal(d, ml_date_from_ymd(2026, 11, 21));
	/* Tomorrow parses, so that recording it can be refused with why. */
	assert_true(ml_day_parse("tomorrow", today, &d));
	assert_int_equal(d, today + 1);
}

static void
test_day_recordable(void **state)
{
	ml_day today = ml_date_from_ymd(2026, 11, 27);
	char why[160];

	(void)state;
	assert_true(ml_day_recordable(today, today, false, why, sizeof why));
	assert_true(ml_day_recordable(ml_date_from_ymd(1990, 1, 1), today,
	    false, why, sizeof why));
	assert_false(ml_day_recordable(today + 1, today, true, why, sizeof why));
	assert_non_null(strstr(why, "2026-11-28 is after today (2026-11-27)"));
	assert_false(ml_day_recordable(ml_date_from_ymd(1969, 12, 31), today,
	    false, why, sizeof why));
	assert_non_null(strstr(why, "before 1990"));
	assert_true(ml_day_recordable(ml_date_from_ymd(1969, 12, 31), today,
	    true, why, sizeof why));
}

static void
test_timestamps(void **state)
{
	char buf[ML_TIMESTAMP_LEN];
	time_t t;

	(void)state;
	setenv("TZ", "Europe/London", 1);
	tzset();
	/* 2026-07-01 12:00 UTC is 13:00 BST. */
	ml_timestamp_format(1782907200, buf);
	assert_string_equal(buf, "2026-07-01T13:00:00+01:00");
	assert_true(ml_timestamp_parse(buf, &t));
	assert_int_equal((long)t, 1782907200L);
	assert_true(ml_timestamp_parse("2026-07-01T12:00:00Z", &t));
	assert_int_equal((long)t, 1782907200L);
	assert_true(ml_timestamp_parse("2026-07-01T08:00:00-0400", &t));
	assert_int_equal((long)t, 1782907200L);
	assert_true(ml_timestamp_parse("2026-07-01T13:00", &t));	/* local */
	assert_int_equal((long)t, 1782907200L);
	assert_false(ml_timestamp_parse("2026-07-01T25:00:00Z", &t));
	assert_false(ml_timestamp_parse("2026-07-01 at noon", &t));
	setenv("TZ", "America/New_York", 1);
	tzset();
	ml_timestamp_format(1782907200, buf);
	assert_string_equal(buf, "2026-07-01T08:00:00-04:00");
	setenv("TZ", "UTC", 1);
	tzset();
}

static void
test_local_time_across_dst(void **state)
{
	ml_day d;
	time_t a, b;

	(void)state;
	setenv("TZ", "Europe/London", 1);
	tzset();
	/* Clocks go forward at 01:00 on 2026-03-29: 08:00 is 23 h after the
	 * day before's 08:00... */
	assert_true(ml_date_parse("2026-03-29", &d));
	a = ml_local_time(d - 1, 8 * 60);
	b = ml_local_time(d, 8 * 60);
	assert_int_equal((long)(b - a), 23 * 3600L);
	/* ... and 25 h across 2026-10-25. */
	assert_true(ml_date_parse("2026-10-25", &d));
	a = ml_local_time(d - 1, 8 * 60);
	b = ml_local_time(d, 8 * 60);
	assert_int_equal((long)(b - a), 25 * 3600L);
	assert_int_equal(ml_day_of(b), d);
	/* A slot in the gap happens as the clocks change, as mendlog(5)
	 * says ("the first valid time after it"), not the gap's length
	 * later: 01:30 on 2026-03-29 is 01:00 UTC (02:00 BST), not 02:30
	 * BST; 01:00 and 01:59 too. */
	assert_true(ml_date_parse("2026-03-29", &d));
	assert_int_equal((long)ml_local_time(d, 90), 1774746000L);
	assert_int_equal((long)ml_local_time(d, 60), 1774746000L);
	assert_int_equal((long)ml_local_time(d, 119), 1774746000L);
	assert_int_equal((long)ml_local_time(d, 120), 1774746000L);
	assert_int_equal((long)ml_local_time(d, 59), 1774746000L - 60);
	setenv("TZ", "America/New_York", 1);
	tzset();
	/* 02:30 on 2026-03-08 (02:00 becomes 03:00 EDT) is 07:00 UTC. */
	assert_true(ml_date_parse("2026-03-08", &d));
	assert_int_equal((long)ml_local_time(d, 150), 1772953200L);
	assert_int_equal((long)ml_local_time(d, 119), 1772953140L);
	setenv("TZ", "UTC", 1);
	tzset();
}

static void
test_hhmm_and_fake_now(void **state)
{
	int m;
	ml_day d;

	(void)state;
	assert_true(ml_hhmm_parse("08:00", &m));
	assert_int_equal(m, 480);
	assert_true(ml_hhmm_parse("23:59", &m));
	assert_false(ml_hhmm_parse("24:00", &m));
	assert_false(ml_hhmm_parse("8:00", &m));
	assert_false(ml_hhmm_parse("08:60", &m));
	setenv("MENDLOG_NOW", "2026-02-28", 1);
	assert_true(ml_date_parse("2026-02-28", &d));
	assert_int_equal(ml_today(), d);
	unsetenv("MENDLOG_NOW");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_and_format),
		cmocka_unit_test(test_day_parse),
		cmocka_unit_test(test_timestamps),
		cmocka_unit_test(test_local_time_across_dst),
		cmocka_unit_test(test_hhmm_and_fake_now),
		cmocka_unit_test(test_day_recordable),
	};

	setenv("TZ", "UTC", 1);
	tzset();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
