/*
 * test-config.c - the config file: defaults, every error with FILE:LINE,
 * warnings for unknown keys, precedence of config and data paths, and
 * config.example staying true to the option table.
 */
#include "testutil.h"

#include "config.h"

struct reports {
	int warnings, errors;
	struct ml_error last_warning, last_error;
};

static void
collect(void *ctx, enum ml_config_level level, const struct ml_error *e)
{
	struct reports *r = ctx;

	if (level == ML_CONFIG_WARNING) {
		r->warnings++;
		r->last_warning = *e;
	} else {
		r->errors++;
		r->last_error = *e;
	}
}

static char *dir;

static int
setup(void **state)
{
	(void)state;
	dir = tu_tempdir();
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	tu_rmrf(dir);
	free(dir);
	return 0;
}

static int
load_text(struct ml_config *cfg, const char *text, struct reports *r,
    struct ml_error *err)
{
	char *path = xasprintf("%s/config", dir);
	int rc;

	tu_write_str(path, text);
	memset(r, 0, sizeof *r);
	config_defaults(cfg);
	rc = config_load(cfg, path, true, collect, r, err);
	free(path);
	return rc;
}

static void
test_defaults(void **state)
{
	struct ml_config cfg;

	(void)state;
	config_defaults(&cfg);
	assert_true(cfg.fever_c > 37.99 && cfg.fever_c < 38.01);
	assert_int_equal(cfg.severe_headache, 8);
	assert_int_equal(cfg.window_days[0], 7);	/* lumbar puncture */
	assert_int_equal(cfg.window_days[5], 90);	/* fusion */
	assert_int_equal(cfg.overdue_after_min, 120);
	assert_int_equal(cfg.snooze_minutes, 15);
	assert_true(cfg.bell);
	assert_null(cfg.data_dir);
	config_free(&cfg);
}

static void
test_values_and_line_numbers(void **state)
{
	struct ml_config cfg;
	struct reports r;
	struct ml_error err;

	(void)state;
	assert_int_equal(load_text(&cfg,
	    "# comment\n"
	    "[alerts]\n"
	    "fever_c = 38.5\n"
	    "severe_headache = 7\n"
	    "\n"
	    "[reminders]\n"
	    "overdue_after = 1h30m\n"
	    "bell = no\n"
	    "[storage]\n"
	    "data_dir = /srv/diary\n", &r, &err), 0);
	assert_int_equal(r.errors + r.warnings, 0);
	assert_true(cfg.fever_c > 38.49 && cfg.fever_c < 38.51);
	assert_int_equal(cfg.severe_headache, 7);
	assert_int_equal(cfg.overdue_after_min, 90);
	assert_false(cfg.bell);
	assert_string_equal(cfg.data_dir, "/srv/diary");
	config_free(&cfg);

	/* A bad value is an error naming file, line and key. */
	assert_int_equal(load_text(&cfg,
	    "[alerts]\n"
	    "\n"
	    "severe_headache = eleven\n", &r, &err), -1);
	assert_int_equal(r.errors, 1);
	assert_int_equal(err.line, 3);
	assert_string_equal(err.field, "severe_headache");
	assert_non_null(strstr(err.file, "/config"));
	assert_non_null(strstr(err.msg, "1 to 10"));
	config_free(&cfg);

	/* Out of range is an error too; the default stays. */
	assert_int_equal(load_text(&cfg, "[alerts]\nfever_c = 50\n", &r, &err), -1);
	assert_int_equal(err.line, 2);
	assert_true(cfg.fever_c > 37.99 && cfg.fever_c < 38.01);
	config_free(&cfg);

	/* Unknown keys and sections warn, with their line, and do not fail. */
	assert_int_equal(load_text(&cfg,
	    "[alerts]\n"
	    "fever = 38\n"
	    "[colours]\n"
	    "red = yes\n", &r, &err), 0);
	assert_int_equal(r.warnings, 2);
	assert_int_equal(r.last_warning.line, 4);
	assert_string_equal(r.last_warning.field, "red");
	config_free(&cfg);

	/* A line that is not key = value is a syntax error at its line. */
	assert_int_equal(load_text(&cfg, "[ui]\ncolor = no\nthis is not ini\n",
	    &r, &err), -1);
	assert_int_equal(err.line, 3);
	config_free(&cfg);

	/* Bad booleans and durations. */
	assert_int_equal(load_text(&cfg, "[reminders]\nbell = maybe\n", &r, &err), -1);
	assert_string_equal(err.field, "bell");
	config_free(&cfg);
	assert_int_equal(load_text(&cfg, "[reminders]\noverdue_after = 2x\n", &r,
	    &err), -1);
	assert_int_equal(err.line, 2);
	config_free(&cfg);
}

static void
test_missing_file(void **state)
{
	struct ml_config cfg;
	struct ml_error err;
	char *path = xasprintf("%s/nope", dir);

	(void)state;
	config_defaults(&cfg);
	assert_int_equal(config_load(&cfg, path, false, NULL, NULL, &err), 0);
	assert_int_equal(config_load(&cfg, path, true, NULL, NULL, &err), -1);
	assert_non_null(strstr(err.file, "nope"));
	config_free(&cfg);
	free(path);
}

static void
test_config_path_precedence(void **state)
{
	bool explicit;
	char *p;

	(void)state;
	setenv("HOME", "/home/pat", 1);
	unsetenv("XDG_CONFIG_HOME");
	unsetenv("MENDLOG_CONFIG");
	p = config_path(NULL, &explicit);
	assert_string_equal(p, "/home/pat/.config/mendlog/config");
	assert_false(explicit);
	free(p);
	setenv("XDG_CONFIG_HOME", "/xdg", 1);
	p = config_path(NULL, &explicit);
	assert_string_equal(p, "/xdg/mendlog/config");
	free(p);
	setenv("XDG_CONFIG_HOME", "relative", 1);	/* ignored, per XDG */
	p = config_path(NULL, &explicit);
	assert_string_equal(p, "/home/pat/.config/mendlog/config");
	free(p);
	setenv("MENDLOG_CONFIG", "/env/cfg", 1);
	p = config_path(NULL, &explicit);
	assert_string_equal(p, "/env/cfg");
	assert_true(explicit);
	free(p);
	p = config_path("/flag/cfg", &explicit);
	assert_string_equal(p, "/flag/cfg");
	assert_true(explicit);
	free(p);
	unsetenv("MENDLOG_CONFIG");
	unsetenv("XDG_CONFIG_HOME");
}

static void
test_data_dir_precedence(void **state)
{
	struct ml_config cfg;
	char *p;

	(void)state;
	config_defaults(&cfg);
	setenv("HOME", "/home/pat", 1);
	unsetenv("XDG_DATA_HOME");
	unsetenv("MENDLOG_DIR");
	p = config_data_dir(NULL, &cfg);
	assert_string_equal(p, "/home/pat/.local/share/mendlog");
	free(p);
	setenv("XDG_DATA_HOME", "/xdgdata", 1);
	p = config_data_dir(NULL, &cfg);
	assert_string_equal(p, "/xdgdata/mendlog");
	free(p);
	cfg.data_dir = xstrdup("~/diary");
	p = config_data_dir(NULL, &cfg);
	assert_string_equal(p, "/home/pat/diary");
	free(p);
	setenv("MENDLOG_DIR", "/env/dir", 1);
	p = config_data_dir(NULL, &cfg);
	assert_string_equal(p, "/env/dir");
	free(p);
	p = config_data_dir("/flag/dir", &cfg);
	assert_string_equal(p, "/flag/dir");
	free(p);
	unsetenv("MENDLOG_DIR");
	unsetenv("XDG_DATA_HOME");
	config_free(&cfg);
}

/* config.example must list every key with its real default, and load
 * without a warning. */
static void
test_config_example_is_true(void **state)
{
	const struct ml_option_doc *opts;
	struct ml_config cfg;
	struct reports r = { 0 };
	struct ml_error err;
	char *text;
	size_t n;

	(void)state;
	text = tu_read("config.example", NULL);
	assert_non_null(text);
	opts = config_options(&n);
	for (size_t i = 0; i < n; i++) {
		char *line = *opts[i].def ?
		    xasprintf("\n%s = %s\n", opts[i].key, opts[i].def) :
		    xasprintf("\n#%s = ", opts[i].key);

		if (strstr(text, line) == NULL)
			fail_msg("config.example lacks '%s'", line + 1);
		free(line);
	}
	free(text);
	config_defaults(&cfg);
	assert_int_equal(config_load(&cfg, "config.example", true, collect, &r,
	    &err), 0);
	assert_int_equal(r.warnings, 0);
	config_free(&cfg);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test_setup_teardown(test_values_and_line_numbers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_missing_file, setup, teardown),
		cmocka_unit_test(test_config_path_precedence),
		cmocka_unit_test(test_data_dir_precedence),
		cmocka_unit_test(test_config_example_is_true),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
