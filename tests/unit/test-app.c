/*
 * test-app.c - the application context: config and store opened once,
 * failures reported through struct ml_error (never printed), and problems
 * inside the config told apart from a config that cannot be read.
 */
#include "testutil.h"

#include "app.h"

static int nreports;

static void
count_report(void *ctx, enum ml_config_level level, const struct ml_error *e)
{
	(void)ctx;
	(void)level;
	(void)e;
	nreports++;
}

/* -d's directory is used as given, the store opens there, and a second
 * call changes nothing. */
static void
test_open_store_in_flag_dir(void **state)
{
	struct ml_app app = { 0 };
	struct ml_error err;
	char *dir = tu_tempdir();
	char *data = xasprintf("%s/diary", dir);
	char *cfg = xasprintf("%s/config", dir);

	(void)state;
	tu_write_str(cfg, "[alerts]\nfever_c = 37.8\n");
	app.data_dir_flag = data;
	app.config_flag = cfg;
	nreports = 0;
	assert_int_equal(app_open_store(&app, count_report, NULL, &err), 0);
	assert_true(app.cfg_loaded);
	assert_true(app.store_open);
	assert_string_equal(app.data_dir, data);
	assert_true(app.cfg.fever_c > 37.7 && app.cfg.fever_c < 37.9);
	assert_int_equal(nreports, 0);
	assert_int_equal(app_open_store(&app, count_report, NULL, &err), 0);
	assert_int_equal(app_load(&app, ML_ENTRIES, &err), 0);
	assert_int_equal(store_nrows(&app.store, ML_ENTRIES), 0);
	app_free(&app);
	assert_false(app.store_open);
	assert_null(app.data_dir);
	tu_rmrf(dir);
	free(data);
	free(cfg);
	free(dir);
}

/* A named config that is missing: the error is about the file as a whole,
 * nothing was reported line by line, so the front end must show it. */
static void
test_missing_named_config(void **state)
{
	struct ml_app app = { 0 };
	struct ml_error err;
	char *dir = tu_tempdir();
	char *cfg = xasprintf("%s/no-such-config", dir);

	(void)state;
	app.data_dir_flag = dir;
	app.config_flag = cfg;
	nreports = 0;
	assert_int_equal(app_open_store(&app, count_report, NULL, &err), -1);
	assert_false(app.store_open);
	assert_int_equal(nreports, 0);
	assert_false(app_config_error_reported(&err));
	assert_non_null(strstr(err.file, "no-such-config"));
	app_free(&app);
	tu_rmrf(dir);
	free(cfg);
	free(dir);
}

/* A bad value inside the config goes to the report callback, and the
 * returned error says so (so it is not shown twice). */
static void
test_bad_config_value_reported(void **state)
{
	struct ml_app app = { 0 };
	struct ml_error err;
	char *dir = tu_tempdir();
	char *cfg = xasprintf("%s/config", dir);

	(void)state;
	tu_write_str(cfg, "[alerts]\nfever_c = hot\n");
	app.data_dir_flag = dir;
	app.config_flag = cfg;
	nreports = 0;
	assert_int_equal(app_load_config(&app, count_report, NULL, &err), -1);
	assert_true(nreports >= 1);
	assert_true(app_config_error_reported(&err));
	/* Once: a later call does not report the same problems again. */
	nreports = 0;
	assert_int_equal(app_load_config(&app, count_report, NULL, &err), 0);
	assert_int_equal(nreports, 0);
	app_free(&app);
	tu_rmrf(dir);
	free(cfg);
	free(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_open_store_in_flag_dir),
		cmocka_unit_test(test_missing_named_config),
		cmocka_unit_test(test_bad_config_value_reported),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
