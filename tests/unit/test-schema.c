/*
 * test-schema.c - value types, and man/mendlog.5 staying true to the
 * column and option tables (the codebook a physiotherapist reads).
 */
#include "testutil.h"

#include "config.h"
#include "schema.h"

static void
test_value_types(void **state)
{
	const char *why;

	(void)state;
	assert_true(ml_value_check(ML_T_DAYS, "daily", &why));
	assert_true(ml_value_check(ML_T_DAYS, "mon;wed;fri", &why));
	assert_true(ml_value_check(ML_T_DAYS, "every 2 days", &why));
	assert_true(ml_value_check(ML_T_DAYS, "every 1 day", &why));
	assert_false(ml_value_check(ML_T_DAYS, "every 0 days", &why));
	assert_false(ml_value_check(ML_T_DAYS, "mon;wed;", &why));
	assert_false(ml_value_check(ML_T_DAYS, "monday", &why));
	assert_false(ml_value_check(ML_T_DAYS, "every two days", &why));
	assert_true(ml_value_check(ML_T_TIMES, "08:00;18:00", &why));
	assert_true(ml_value_check(ML_T_TIMES, "12:00", &why));
	assert_false(ml_value_check(ML_T_TIMES, "8:00", &why));
	assert_false(ml_value_check(ML_T_TIMES, "08:00,18:00", &why));
	assert_true(ml_value_check(ML_T_SLUG, "pelvic_tilt-2", &why));
	assert_false(ml_value_check(ML_T_SLUG, "Pelvic tilt", &why));
	assert_true(ml_value_check(ML_T_STATUS, "partial", &why));
	assert_false(ml_value_check(ML_T_STATUS, "missed", &why));
	assert_true(ml_value_check(ML_T_SEVERITY, "emergency", &why));
	assert_false(ml_value_check(ML_T_SEVERITY, "critical", &why));
	assert_true(ml_value_check(ML_T_COUNT, "0", &why));
	assert_false(ml_value_check(ML_T_COUNT, "-1", &why));
	assert_true(ml_value_check(ML_T_PROC_KIND, "epidural_steroid", &why));
	assert_false(ml_value_check(ML_T_PROC_KIND, "Epidural", &why));
	assert_string_equal(why, ml_type_describe(ML_T_PROC_KIND));
	/* Empty is always "not answered", never invalid. */
	for (int t = 0; t < ML_T_NTYPES; t++)
		assert_true(ml_value_check((enum ml_type)t, "", &why));
}

static void
test_man5_documents_every_column_and_key(void **state)
{
	char *man = tu_read("man/mendlog.5", NULL);
	const struct ml_option_doc *opts;
	size_t n;

	(void)state;
	assert_non_null(man);
	for (int f = 0; f < ML_NFILES; f++) {
		const struct ml_schema *sc = ml_schema((enum ml_file)f);
		char *section = xasprintf(".Sh %s", sc->filename);

		for (char *p = section + 4; *p; p++)
			if (*p >= 'a' && *p <= 'z')
				*p = (char)(*p - 'a' + 'A');
		if (strstr(man, section) == NULL)
			fail_msg("mendlog.5 has no section '%s'", section);
		for (size_t c = 0; c < sc->ncols; c++) {
			char *item = xasprintf("\n.It Cm %s\n", sc->cols[c].name);
			const char *start = strstr(man, section);
			const char *next = strstr(start + 1, "\n.Sh ");

			if (strstr(start, item) == NULL ||
			    (next != NULL && strstr(start, item) > next))
				fail_msg("mendlog.5 %s lacks column %s", section,
				    sc->cols[c].name);
			free(item);
		}
		free(section);
	}
	opts = config_options(&n);
	for (size_t i = 0; i < n; i++) {
		char *item = *opts[i].def ?
		    xasprintf(".It Cm %s No (%s%s)\n", opts[i].key,
		    strcmp(opts[i].key, "fever_c") == 0 ? "default " : "",
		    opts[i].def) :
		    xasprintf(".It Cm %s\n", opts[i].key);

		if (strstr(man, item) == NULL)
			fail_msg("mendlog.5 lacks '%s'", item);
		free(item);
	}
	free(man);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_value_types),
		cmocka_unit_test(test_man5_documents_every_column_and_key),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
