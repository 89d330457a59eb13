/*
 * test-notices.c - the one list of what the patient must be told: the
 * no-procedure notice comes and goes with procedures.csv, first in the
 * list as a safety notice; notices_add formats the full text.
 */
#include "testutil.h"

#include "notices.h"

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
		cmocka_unit_test(test_add_formats_text),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
