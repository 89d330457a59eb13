/*
 * test-notices.c - the one list of what the patient must be told: the
 * no-procedure notice comes and goes with procedures.csv, first in the
 * list as a safety notice; notices_add formats the full text.
 */
#include "testutil.h"

#include "notices.h"
#include "psfs.h"

static void
open_app(struct ml_app *app, char *dir, char **data, char **cfg)
{
	struct ml_error err;

	*data = xasprintf("%s/diary", dir);
	*cfg = xasprintf("%s/config", dir);
	tu_write_str(*cfg, "");
	app->data_dir_flag = *data;
	app->config_flag = *cfg;
	assert_int_equal(app_open_store(app, NULL, NULL, &err), 0);
}

static bool
has(const struct ml_notices *n, const char *id)
{
	for (size_t i = 0; i < n->n; i++)
		if (strcmp(n->v[i].id, id) == 0)
			return true;
	return false;
}

static void
test_no_procedure_comes_and_goes(void **state)
{
	struct ml_app app = { 0 };
	struct ml_notices n = { 0 };
	char *dir = tu_tempdir(), *data, *cfg, *path;

	(void)state;
	open_app(&app, dir, &data, &cfg);
	notices_collect(&app, ml_date_from_ymd(2026, 11, 27), &n);
	assert_true(has(&n, "no_procedure"));
	assert_int_equal(n.v[0].level, ML_NOTICE_SAFETY);
	assert_true(strlen(n.v[0].short_text) < ML_NOTICE_SHORT);
	assert_non_null(strstr(n.v[0].text, "procedure add"));
	app_free(&app);

	path = xasprintf("%s/procedures.csv", data);
	tu_write_str(path, "date,kind,description\n2026-11-24,lumbar_puncture,\n");
	free(data);
	free(cfg);
	open_app(&app, dir, &data, &cfg);
	notices_collect(&app, ml_date_from_ymd(2026, 11, 27), &n);
	assert_false(has(&n, "no_procedure"));
	notices_free(&n);
	assert_null(n.v);
	app_free(&app);
	tu_rmrf(dir);
	free(path);
	free(data);
	free(cfg);
	free(dir);
}

/* The weekly check-in notice: from the configured due day (here a
 * Wednesday) while an active activity lacks this week's rating; gone once
 * every one is rated; back the next week. */
static void
test_psfs_due_comes_and_goes(void **state)
{
	struct ml_app app = { 0 };
	struct ml_notices n = { 0 };
	struct ml_error err;
	char *dir = tu_tempdir(), *data, *cfg, *path;
	const struct psfs_rating r[] = { { "socks", 4 }, { "stairs", 6 } };

	(void)state;
	data = xasprintf("%s/diary", dir);
	cfg = xasprintf("%s/config", dir);
	tu_write_str(cfg, "[psfs]\ndue_day = wednesday\n");
	app.data_dir_flag = data;
	app.config_flag = cfg;
	assert_int_equal(app_open_store(&app, NULL, NULL, &err), 0);
	notices_collect(&app, ml_date_from_ymd(2026, 11, 25), &n);
	assert_false(has(&n, "psfs_due"));	/* no activity yet */
	assert_int_equal(psfs_add(&app.store, "socks",
	    ml_date_from_ymd(2026, 11, 23), &err), 0);
	assert_int_equal(psfs_add(&app.store, "stairs",
	    ml_date_from_ymd(2026, 11, 23), &err), 0);
	notices_collect(&app, ml_date_from_ymd(2026, 11, 24), &n);
	assert_false(has(&n, "psfs_due"));	/* Tuesday: not yet */
	notices_collect(&app, ml_date_from_ymd(2026, 11, 25), &n);
	assert_true(has(&n, "psfs_due"));	/* Wednesday: due */
	assert_int_equal(n.v[n.n - 1].level, ML_NOTICE_REMINDER);
	assert_true(strlen(n.v[n.n - 1].short_text) < ML_NOTICE_SHORT);
	assert_non_null(strstr(n.v[n.n - 1].text, "psfs rate"));
	assert_int_equal(psfs_rate(&app.store, &app.cfg,
	    ml_date_from_ymd(2026, 11, 25), r, 1, 1795000000, &err), 0);
	notices_collect(&app, ml_date_from_ymd(2026, 11, 27), &n);
	assert_true(has(&n, "psfs_due"));	/* one still unrated */
	assert_int_equal(psfs_rate(&app.store, &app.cfg,
	    ml_date_from_ymd(2026, 11, 25), r, 2, 1795000000, &err), 0);
	notices_collect(&app, ml_date_from_ymd(2026, 11, 29), &n);
	assert_false(has(&n, "psfs_due"));	/* all rated this week */
	notices_collect(&app, ml_date_from_ymd(2026, 12, 2), &n);
	assert_true(has(&n, "psfs_due"));	/* the next week's */
	notices_free(&n);
	app_free(&app);
	path = xasprintf("%s/psfs_ratings.csv", data);
	assert_int_equal(access(path, F_OK), 0);
	tu_rmrf(dir);
	free(path);
	free(data);
	free(cfg);
	free(dir);
}

static void
test_add_formats_text(void **state)
{
	struct ml_notices n = { 0 };

	(void)state;
	notices_add(&n, ML_NOTICE_REMINDER, "r", "r", "reminder %d", 1);
	notices_add(&n, ML_NOTICE_DATA, "d", "d", "data");
	notices_add(&n, ML_NOTICE_SAFETY, "s", "s", "safety");
	assert_int_equal(n.n, 3);
	assert_string_equal(n.v[0].text, "reminder 1");
	notices_free(&n);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_no_procedure_comes_and_goes),
		cmocka_unit_test(test_psfs_due_comes_and_goes),
		cmocka_unit_test(test_add_formats_text),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
