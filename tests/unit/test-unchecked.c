/*
 * test-unchecked.c - never silent (notices-unchecked.c, config_unsafe):
 * a value a rule reads that cannot be read, a day with two rows and a
 * threshold outside its safe range are safety notices naming file, line
 * and field; a field no rule reads, or a threshold at its safe edge, is
 * not.
 */
#include "testutil.h"

#include "config.h"
#include "notices.h"

struct fx {
	char *dir, *data, *cfg;
	struct ml_app app;
	struct ml_notices n;
};

/* A diary whose entries.csv is @entries and whose config is @config. */
static void
open_with(struct fx *f, const char *entries, const char *config)
{
	struct ml_error err;
	char *path;

	memset(f, 0, sizeof *f);
	f->dir = tu_tempdir();
	f->data = xasprintf("%s/diary", f->dir);
	f->cfg = xasprintf("%s/config", f->dir);
	tu_write_str(f->cfg, config);
	assert_int_equal(mkdir(f->data, 0700), 0);
	path = xasprintf("%s/entries.csv", f->data);
	tu_write_str(path, entries);
	free(path);
	f->app.data_dir_flag = f->data;
	f->app.config_flag = f->cfg;
	assert_int_equal(app_open_store(&f->app, NULL, NULL, &err), 0);
	notices_collect(&f->app, ml_date_from_ymd(2026, 11, 27), &f->n);
}

static void
close_fx(struct fx *f)
{
	notices_free(&f->n);
	app_free(&f->app);
	tu_rmrf(f->dir);
	free(f->data);
	free(f->cfg);
	free(f->dir);
}

static const struct ml_notice *
find(const struct fx *f, const char *id)
{
	for (size_t i = 0; i < f->n.n; i++)
		if (strcmp(f->n.v[i].id, id) == 0)
			return &f->n.v[i];
	return NULL;
}

static void
test_unreadable_rule_value_named(void **state)
{
	struct fx f;
	const struct ml_notice *n;

	(void)state;
	open_with(&f, "date,back_pain,leg_weakness,sleep_hours\n"
	    "2026-11-26,3,no,7\n"
	    "2026-11-27,3,si,lots\n", "");
	n = find(&f, "unchecked_value");
	assert_non_null(n);
	assert_int_equal(n->level, ML_NOTICE_SAFETY);
	assert_string_equal(n->text, "entries.csv:3: leg_weakness 'si' cannot "
	    "be read, so it is not checked - see mendlog check");
	assert_string_equal(n->short_text,
	    "entries.csv:3: leg_weakness 'si' cannot be read");
	/* First on the top line: before "no procedure". */
	assert_string_equal(f.n.v[0].id, "unchecked_value");
	/* sleep_hours 'lots' is no rule's: mendlog check says so, not this. */
	for (size_t i = 0; i < f.n.n; i++)
		assert_null(strstr(f.n.v[i].text, "sleep_hours"));
	close_fx(&f);
}

static void
test_readable_values_say_nothing(void **state)
{
	struct fx f;

	(void)state;
	open_with(&f, "date,leg_weakness,temperature_c\n"
	    "2026-11-27,Yes,\"38,5\"\n", "");
	assert_null(find(&f, "unchecked_value"));
	assert_null(find(&f, "unchecked_duplicate"));
	assert_null(find(&f, "unchecked_threshold"));
	close_fx(&f);
}

static void
test_duplicate_day_named(void **state)
{
	struct fx f;
	const struct ml_notice *n;

	(void)state;
	open_with(&f, "date,back_pain\n2026-11-26,3\n2026-11-27,3\n"
	    "2026-11-27,8\n", "");
	n = find(&f, "unchecked_duplicate");
	assert_non_null(n);
	assert_non_null(strstr(n->text, "entries.csv:4: date: duplicate row"));
	assert_non_null(strstr(n->text, "only the first row is checked"));
	close_fx(&f);
}

static void
test_many_values_counted(void **state)
{
	struct fx f;
	const struct ml_notice *n;
	char *csv = xstrdup("date,numbness\n");

	(void)state;
	for (int d = 1; d <= 8; d++) {
		char *t = xasprintf("%s2026-11-%02d,maybe\n", csv, d);

		free(csv);
		csv = t;
	}
	open_with(&f, csv, "");
	n = find(&f, "unchecked_more");
	assert_non_null(n);
	assert_non_null(strstr(n->text, "3 more values"));
	free(csv);
	close_fx(&f);
}

static void
test_threshold_outside_safe_range(void **state)
{
	struct fx f;
	const struct ml_notice *n;

	(void)state;
	open_with(&f, "date\n", "[alerts]\nfever_c = 42.0\n");
	n = find(&f, "unchecked_threshold");
	assert_non_null(n);
	assert_non_null(strstr(n->text, "fever_c = 42 is outside its safe "
	    "range (37.5 to 39)"));
	close_fx(&f);
	/* At the edge: safe. */
	open_with(&f, "date\n", "[alerts]\nfever_c = 39.0\n");
	assert_null(find(&f, "unchecked_threshold"));
	close_fx(&f);
	open_with(&f, "date\n", "[alerts]\nfever_c = 39.1\n");
	assert_non_null(find(&f, "unchecked_threshold"));
	close_fx(&f);
	/* Turning the start-up check off is named too. */
	open_with(&f, "date\n", "[alerts]\nstartup_days = 0\n");
	assert_non_null(find(&f, "unchecked_threshold"));
	close_fx(&f);
}

static void
test_config_unsafe_defaults_are_safe(void **state)
{
	struct ml_config cfg;

	(void)state;
	config_defaults(&cfg);
	assert_int_equal(config_unsafe(&cfg, NULL, NULL), 0);
	cfg.severe_pain_worst = 10;
	assert_int_equal(config_unsafe(&cfg, NULL, NULL), 1);
	config_free(&cfg);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_unreadable_rule_value_named),
		cmocka_unit_test(test_readable_values_say_nothing),
		cmocka_unit_test(test_duplicate_day_named),
		cmocka_unit_test(test_many_values_counted),
		cmocka_unit_test(test_threshold_outside_safe_range),
		cmocka_unit_test(test_config_unsafe_defaults_are_safe),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
