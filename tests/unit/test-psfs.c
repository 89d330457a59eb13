/*
 * test-psfs.c - the PSFS weekly mean, the change since the first week and
 * its label on a hand-computed fixture; renames keep history; a week with
 * no rating is a gap, not a zero; the same figures in the daily export's
 * psfs_mean column and the text report's PSFS lines.
 */
#include "diaryfix.h"

#include <math.h>
#include <sys/stat.h>

#include "config.h"
#include "export.h"
#include "psfs.h"
#include "report.h"

static ml_day
day(const char *iso)
{
	ml_day d;

	assert_true(ml_date_parse(iso, &d));
	return d;
}

static void
rate(struct fx *f, const char *when, const struct psfs_rating *v,
    size_t n)
{
	struct ml_error err;

	if (psfs_rate(&f->s, &f->cfg, day(when), v, n, 1795000000, &err) != 0)
		fail_msg("psfs_rate: %s: %s", err.field, err.msg);
}

static void
load(struct fx *f)
{
	struct ml_error err;

	assert_int_equal(store_load(&f->s, ML_PSFS_ACTIVITIES, NULL, &err), 0);
	assert_int_equal(store_load(&f->s, ML_PSFS_RATINGS, NULL, &err), 0);
}

/*
 * The fixture, weeks from Monday:
 *   week of 2026-11-02: socks 2, sitting 3, lifting 4   mean 9/3  = 3.0
 *   week of 2026-11-09: nothing                         gap
 *   week of 2026-11-16: socks 4, sitting 5              mean 9/2  = 4.5
 *   week of 2026-11-23: socks 5, sitting 5, lifting 5   mean 15/3 = 5.0
 * Change since week 1: 5.0 - 3.0 = +2.0, meaningful at the default 2.0.
 */
static void
add_fixture(struct fx *f)
{
	const struct psfs_rating w1[] = { { "socks", 2 }, { "sitting", 3 },
	    { "lifting", 4 } };
	const struct psfs_rating w3[] = { { "socks", 4 }, { "sitting", 5 } };
	const struct psfs_rating w4[] = { { "socks", 5 }, { "sitting", 5 },
	    { "lifting", 5 } };
	struct ml_error err;

	assert_int_equal(psfs_add(&f->s, "socks", day("2026-11-02"), &err), 0);
	assert_int_equal(psfs_add(&f->s, "sitting", day("2026-11-02"), &err), 0);
	assert_int_equal(psfs_add(&f->s, "lifting", day("2026-11-02"), &err), 0);
	rate(f, "2026-11-04", w1, 3);		/* a Wednesday: week of 11-02 */
	rate(f, "2026-11-22", w3, 2);		/* a Sunday: week of 11-16 */
	rate(f, "2026-11-23", w4, 3);
	load(f);
}

static void
test_week_of(void **state)
{
	struct fx *f = *state;

	assert_int_equal(psfs_week_of(&f->cfg, day("2026-11-27")),
	    day("2026-11-23"));
	assert_int_equal(psfs_week_of(&f->cfg, day("2026-11-23")),
	    day("2026-11-23"));
	assert_int_equal(psfs_week_of(&f->cfg, day("2026-11-29")),
	    day("2026-11-23"));
	f->cfg.psfs_week_start = 6;		/* Sunday */
	assert_int_equal(psfs_week_of(&f->cfg, day("2026-11-27")),
	    day("2026-11-22"));
	assert_int_equal(psfs_week_of(&f->cfg, day("2026-11-22")),
	    day("2026-11-22"));
}

static void
test_mean_and_gap(void **state)
{
	struct fx *f = *state;
	struct psfs_week *w;
	size_t n;

	add_fixture(f);
	n = psfs_weeks(&f->s, &f->cfg, day("2026-11-02"), day("2026-11-29"), &w);
	assert_int_equal(n, 4);
	assert_int_equal(w[0].start, day("2026-11-02"));
	assert_int_equal(w[0].rated, 3);
	assert_float_equal(w[0].mean, 3.0, 1e-9);
	/* The week with no rating is a gap, not a zero. */
	assert_int_equal(w[1].start, day("2026-11-09"));
	assert_int_equal(w[1].rated, 0);
	assert_true(isnan(w[1].mean));
	assert_float_equal(w[2].mean, 4.5, 1e-9);
	assert_int_equal(w[2].rated, 2);
	assert_float_equal(w[3].mean, 5.0, 1e-9);
	free(w);
	assert_int_equal(psfs_rating_of(&f->s, &f->cfg, "lifting",
	    day("2026-11-16")), -1);
	assert_int_equal(psfs_rating_of(&f->s, &f->cfg, "lifting",
	    day("2026-11-05")), 4);
}

static void
test_change_and_label(void **state)
{
	struct fx *f = *state;
	struct psfs_change c;

	add_fixture(f);
	psfs_change(&f->s, &f->cfg, day("2026-11-27"), &c);
	assert_true(c.known);
	assert_int_equal(c.first_week, day("2026-11-02"));
	assert_int_equal(c.last_week, day("2026-11-23"));
	assert_float_equal(c.first_mean, 3.0, 1e-9);
	assert_float_equal(c.last_mean, 5.0, 1e-9);
	assert_float_equal(c.change, 2.0, 1e-9);
	assert_true(c.meaningful);
	assert_string_equal(psfs_change_label(&c), "meaningful improvement");

	/* Up to the third week: +1.5, below the threshold; the gap week
	 * does not pull it towards zero. */
	psfs_change(&f->s, &f->cfg, day("2026-11-20"), &c);
	assert_float_equal(c.change, 1.5, 1e-9);
	assert_false(c.meaningful);
	assert_string_equal(psfs_change_label(&c), "not yet a meaningful change");

	/* A higher threshold from the config. */
	f->cfg.psfs_meaningful_change = 2.5;
	psfs_change(&f->s, &f->cfg, day("2026-11-27"), &c);
	assert_false(c.meaningful);

	/* A fall of 2 is a meaningful worsening. */
	f->cfg.psfs_meaningful_change = 2.0;
	{
		const struct psfs_rating w5[] = { { "socks", 1 }, { "sitting", 1 },
		    { "lifting", 1 } };

		rate(f, "2026-11-30", w5, 3);
		load(f);
	}
	psfs_change(&f->s, &f->cfg, day("2026-12-06"), &c);
	assert_float_equal(c.change, -2.0, 1e-9);
	assert_string_equal(psfs_change_label(&c), "meaningful worsening");

	/* Nothing rated: unknown. */
	psfs_change(&f->s, &f->cfg, day("2026-10-01"), &c);
	assert_false(c.known);
}

static void
test_rename_keeps_history(void **state)
{
	struct fx *f = *state;
	const struct psfs_rating again[] = { { "putting on socks", 7 } };
	const struct psfs_rating old[] = { { "socks", 7 } };
	struct ml_error err;
	struct psfs_week *w;
	long row;

	add_fixture(f);
	assert_int_equal(psfs_rename(&f->s, "socks", "putting on socks", &err), 0);
	load(f);
	row = psfs_find(&f->s, "putting on socks");
	assert_true(row >= 0);
	assert_string_equal(store_get(&f->s, ML_PSFS_ACTIVITIES, (size_t)row,
	    PA_ID), "socks");
	assert_string_equal(store_get(&f->s, ML_PSFS_ACTIVITIES, (size_t)row,
	    PA_FORMER_NAMES), "socks");
	/* Every earlier rating is still the activity's. */
	assert_int_equal(psfs_rating_of(&f->s, &f->cfg, "socks",
	    day("2026-11-02")), 2);
	assert_int_equal(psfs_rating_of(&f->s, &f->cfg, "socks",
	    day("2026-11-23")), 5);
	/* New ratings go under the new name, to the same id... */
	rate(f, "2026-11-30", again, 1);
	load(f);
	assert_int_equal(psfs_rating_of(&f->s, &f->cfg, "socks",
	    day("2026-11-30")), 7);
	/* ... and the weekly means did not move. */
	assert_int_equal(psfs_weeks(&f->s, &f->cfg, day("2026-11-02"),
	    day("2026-11-02"), &w), 1);
	assert_float_equal(w[0].mean, 3.0, 1e-9);
	free(w);
	/* The old name no longer rates; a second rename adds to the history. */
	assert_int_equal(psfs_rate(&f->s, &f->cfg, day("2026-11-30"), old, 1,
	    1795000000, &err), -1);
	assert_int_equal(psfs_rename(&f->s, "putting on socks", "socks on",
	    &err), 0);
	load(f);
	row = psfs_find(&f->s, "socks on");
	assert_string_equal(store_get(&f->s, ML_PSFS_ACTIVITIES, (size_t)row,
	    PA_FORMER_NAMES), "socks | putting on socks");
	assert_int_equal(psfs_rename(&f->s, "nothing", "x", &err), -1);
	assert_int_equal(psfs_rename(&f->s, "socks on", "sitting", &err), -1);
}

static void
test_limits_and_retire(void **state)
{
	struct fx *f = *state;
	const struct psfs_rating bad[] = { { "sitting", 11 } };
	const struct psfs_rating retired[] = { { "lifting", 3 } };
	const struct psfs_rating twice[] = { { "sitting", 3 }, { "sitting", 4 } };
	struct ml_error err;
	struct stat st;
	char *path;

	add_fixture(f);
	assert_int_equal(psfs_add(&f->s, "socks", day("2026-11-27"), &err), -1);
	assert_int_equal(psfs_add(&f->s, "", day("2026-11-27"), &err), -1);
	assert_int_equal(psfs_add(&f->s, "stairs", day("2026-11-27"), &err), 0);
	assert_int_equal(psfs_add(&f->s, "walking", day("2026-11-27"), &err), 0);
	/* A sixth active activity is refused until one is retired. */
	assert_int_equal(psfs_add(&f->s, "running", day("2026-11-27"), &err), -1);
	assert_int_equal(psfs_retire(&f->s, "lifting", day("2026-11-27"), &err), 0);
	assert_int_equal(psfs_add(&f->s, "running", day("2026-11-27"), &err), 0);
	load(f);
	assert_int_equal(psfs_active_count(&f->s), 5);
	assert_int_equal(store_nrows(&f->s, ML_PSFS_ACTIVITIES), 6);
	/* A retired activity keeps its ratings and takes no new ones. */
	assert_int_equal(psfs_rating_of(&f->s, &f->cfg, "lifting",
	    day("2026-11-23")), 5);
	assert_int_equal(psfs_rate(&f->s, &f->cfg, day("2026-11-30"), retired,
	    1, 1795000000, &err), -1);
	assert_int_equal(psfs_rate(&f->s, &f->cfg, day("2026-11-30"), bad, 1,
	    1795000000, &err), -1);
	assert_int_equal(psfs_rate(&f->s, &f->cfg, day("2026-11-30"), twice, 2,
	    1795000000, &err), -1);
	/* Re-adding a retired name makes a new activity with a new id. */
	assert_int_equal(psfs_retire(&f->s, "walking", day("2026-11-27"), &err), 0);
	assert_int_equal(psfs_add(&f->s, "lifting", day("2026-11-28"), &err), 0);
	load(f);
	assert_string_equal(store_get(&f->s, ML_PSFS_ACTIVITIES,
	    (size_t)psfs_find(&f->s, "lifting"), PA_ID), "lifting-2");
	path = xasprintf("%s/psfs_ratings.csv", f->dir);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	free(path);
}

static void
load_all(struct fx *f)
{
	struct ml_error err;

	for (int i = 0; i < ML_NFILES; i++)
		assert_int_equal(store_load(&f->s, (enum ml_file)i, NULL, &err), 0);
}

/* The last cell of the daily export's line for @date, or NULL. */
static char *
last_cell(const char *csv, const char *date)
{
	char *key = xasprintf("\n%s,", date);
	const char *line = strstr(csv, key), *end, *comma;

	free(key);
	if (line == NULL)
		return NULL;
	end = strchr(line + 1, '\n');
	for (comma = end; comma > line && comma[-1] != ','; comma--)
		;
	return xstrndup(comma, (size_t)(end - comma));
}

/* The daily export: the week's mean on each of its days, two decimals;
 * empty outside rated weeks (a gap, not a zero). */
static void
test_daily_export_mean(void **state)
{
	struct fx *f = *state;
	struct export_opts o = { .kind = EXPORT_DAILY, .now = 1795000000 };
	static const struct {
		const char *date, *want;
	} days[] = {
		{ "2026-11-01", "" },		/* the Sunday before week 1 */
		{ "2026-11-02", "3.00" }, { "2026-11-08", "3.00" },
		{ "2026-11-09", "" }, { "2026-11-15", "" },	/* the gap */
		{ "2026-11-16", "4.50" }, { "2026-11-22", "4.50" },
		{ "2026-11-23", "5.00" }, { "2026-11-29", "5.00" },
	};
	char *buf = NULL, *first_nl;
	size_t len = 0;
	FILE *fp;

	add_fixture(f);
	load_all(f);
	o.from = day("2026-11-01");
	o.to = day("2026-11-29");
	fp = open_memstream(&buf, &len);
	assert_non_null(fp);
	assert_int_equal(export_write(fp, &f->s, &f->cfg, &o), 0);
	assert_int_equal(fclose(fp), 0);
	first_nl = strchr(buf, '\n');
	assert_non_null(first_nl);
	*first_nl = '\0';
	assert_non_null(strstr(buf, ",alerts,psfs_mean"));
	assert_string_equal(first_nl - strlen(",psfs_mean"), ",psfs_mean");
	*first_nl = '\n';
	for (size_t i = 0; i < sizeof days / sizeof days[0]; i++) {
		char *got = last_cell(buf, days[i].date);

		assert_non_null(got);
		assert_string_equal(got, days[i].want);
		free(got);
	}
	free(buf);
}

/* The text report: a line per week from the first rated one (the gap
 * says so), the change since week 1 and its label. */
static void
test_report_lines(void **state)
{
	struct fx *f = *state;
	char *buf = NULL;
	size_t len = 0;
	FILE *fp;

	add_fixture(f);
	load_all(f);
	fp = open_memstream(&buf, &len);
	assert_non_null(fp);
	assert_int_equal(report_write(fp, &f->s, &f->cfg, day("2026-10-26"),
	    day("2026-11-29"), 1795000000), 0);
	assert_int_equal(fclose(fp), 0);
	assert_null(strstr(buf, "week of 2026-10-26"));	/* before week 1 */
	assert_non_null(strstr(buf, "\n  week of 2026-11-02  mean  3.0  (3 rated)\n"
	    "  week of 2026-11-09  no rating\n"
	    "  week of 2026-11-16  mean  4.5  (2 rated)\n"
	    "  week of 2026-11-23  mean  5.0  (3 rated)\n"
	    "  Change since 2026-11-02: +2.0 (meaningful improvement; "
	    "threshold 2.0).\n"));
	free(buf);
	/* Up to week 3: +1.5 is not yet meaningful. */
	buf = NULL;
	fp = open_memstream(&buf, &len);
	assert_non_null(fp);
	assert_int_equal(report_write(fp, &f->s, &f->cfg, day("2026-11-02"),
	    day("2026-11-22"), 1795000000), 0);
	assert_int_equal(fclose(fp), 0);
	assert_non_null(strstr(buf, "  Change since 2026-11-02: +1.5 (not yet a "
	    "meaningful change; threshold 2.0).\n"));
	free(buf);
	/* No rating in the period: one line says so. */
	buf = NULL;
	fp = open_memstream(&buf, &len);
	assert_non_null(fp);
	assert_int_equal(report_write(fp, &f->s, &f->cfg, day("2026-10-01"),
	    day("2026-10-31"), 1795000000), 0);
	assert_int_equal(fclose(fp), 0);
	assert_non_null(strstr(buf, "  no weekly rating in this period\n"));
	assert_null(strstr(buf, "Change since"));
	free(buf);
}

/* Rating the same activity again in a week replaces its rating. */
static void
test_rerate_replaces(void **state)
{
	struct fx *f = *state;
	const struct psfs_rating again[] = { { "lifting", 8 } };

	add_fixture(f);
	rate(f, "2026-11-29", again, 1);
	load(f);
	assert_int_equal(psfs_rating_of(&f->s, &f->cfg, "lifting",
	    day("2026-11-23")), 8);
	assert_int_equal(store_nrows(&f->s, ML_PSFS_RATINGS), 8);
}

/* The weekly notice: from the due day on, until every active activity
 * has this week's rating. */
static void
test_due(void **state)
{
	struct fx *f = *state;
	const struct psfs_rating rest[] = { { "sitting", 6 }, { "lifting", 6 } };
	const struct psfs_rating socks[] = { { "socks", 6 } };

	load(f);
	assert_false(psfs_due(&f->s, &f->cfg, day("2026-11-30")));	/* none */
	add_fixture(f);
	f->cfg.psfs_due_day = 2;				/* Wednesday */
	assert_false(psfs_due(&f->s, &f->cfg, day("2026-11-30")));	/* Monday */
	assert_false(psfs_due(&f->s, &f->cfg, day("2026-12-01")));
	assert_true(psfs_due(&f->s, &f->cfg, day("2026-12-02")));
	assert_true(psfs_due(&f->s, &f->cfg, day("2026-12-06")));	/* Sunday */
	rate(f, "2026-12-02", socks, 1);
	load(f);
	assert_true(psfs_due(&f->s, &f->cfg, day("2026-12-03")));
	rate(f, "2026-12-03", rest, 2);
	load(f);
	assert_false(psfs_due(&f->s, &f->cfg, day("2026-12-03")));
	/* Week 2026-11-23 is fully rated in the fixture. */
	assert_false(psfs_due(&f->s, &f->cfg, day("2026-11-27")));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_week_of, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_mean_and_gap, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_change_and_label, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_rename_keeps_history, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_limits_and_retire, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_rerate_replaces, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_due, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_daily_export_mean, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(test_report_lines, fx_setup, fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
