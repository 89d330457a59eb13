/*
 * test-schema.c - value types, and man/mendlog.5 staying true to the
 * column and option tables (the codebook a physiotherapist reads).
 */
#include "testutil.h"

#include <math.h>

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

/* The one yes/no reader: every dialect, any case, blanks trimmed. */
static void
test_yesno_reader(void **state)
{
	static const char *const yes[] = { "yes", "Yes", "YES", "y", "Y",
	    "true", "TRUE", "True", "1", " yes ", "\tTRUE" };
	static const char *const no[] = { "no", "No", "NO", "n", "N", "false",
	    "FALSE", "0", " no\t" };
	static const char *const bad[] = { "", "yess", "ye", "2", "on", "off",
	    "-1", "yes no", "01", "t" };

	(void)state;
	for (size_t i = 0; i < ML_NELEM(yes); i++)
		if (ml_parse_yesno(yes[i]) != 1)
			fail_msg("'%s' should read as yes", yes[i]);
	for (size_t i = 0; i < ML_NELEM(no); i++)
		if (ml_parse_yesno(no[i]) != 0)
			fail_msg("'%s' should read as no", no[i]);
	for (size_t i = 0; i < ML_NELEM(bad); i++)
		if (ml_parse_yesno(bad[i]) != -1)
			fail_msg("'%s' should not read", bad[i]);
	assert_int_equal(ml_parse_yesno(NULL), -1);
	assert_true(ml_value_check(ML_T_YESNO, "TRUE", NULL));
	assert_false(ml_value_check(ML_T_YESNO, "maybe", NULL));
}

/* The one decimal reader: '.' or ',' and no rounding into range. */
static void
test_decimal_reader(void **state)
{
	double d;

	(void)state;
	assert_true(ml_parse_decimal("37,9", 30, 45, &d));
	assert_true(d == 37.9);
	assert_true(ml_parse_decimal(" 37.9 ", 30, 45, &d));
	assert_true(d == 37.9);
	assert_true(ml_parse_decimal("0,5", 0, 1, &d));
	assert_true(d == 0.5);
	assert_true(ml_parse_decimal("0.05", 0, 1, &d));
	assert_true(d == 0.05);
	assert_true(ml_parse_decimal("030.0", 30, 45, &d));
	assert_true(d == 30.0);
	assert_false(ml_parse_decimal("37,9,1", 30, 45, &d));
	assert_false(ml_parse_decimal("37.9,1", 30, 45, &d));
	assert_false(ml_parse_decimal("1e2", 0, 1000, &d));
	assert_false(ml_parse_decimal("nan", 0, 1000, &d));
	assert_false(ml_parse_decimal("3 7", 0, 1000, &d));
	assert_false(ml_parse_decimal("", 0, 1000, &d));
	/* Just below a bound stays below it, however many 9s. */
	assert_false(ml_parse_decimal("29.99999999999999999", 30, 45, &d));
	assert_false(ml_parse_decimal("29.9999999999999999999999999", 30, 45,
	    &d));
	assert_false(ml_parse_decimal("45.00000000000000001", 30, 45, &d));
	assert_true(ml_parse_decimal("45.00000000000000000", 30, 45, &d));
	assert_true(ml_parse_decimal("30.00000000000000001", 30, 45, &d));
	assert_false(ml_parse_decimal("-1.00000000000000001", -1, 1, &d));
	assert_true(ml_parse_decimal("123456789012345678", 0, 1e18, &d));
	assert_true(d > 1.2345678901234e17 && d < 1.2345678901235e17);
	assert_true(ml_value_check(ML_T_TEMP, "37,9", NULL));
	assert_false(ml_value_check(ML_T_TEMP, "29.99999999999999999", NULL));
	assert_true(ml_value_check(ML_T_HOURS, "7,5", NULL));
}

/* One normaliser: any accepted input to the stored form. */
static void
test_normalise(void **state)
{
	static const struct { enum ml_type t; const char *in, *out; } cases[] = {
		{ ML_T_YESNO, "Yes", "yes" }, { ML_T_YESNO, "TRUE", "yes" },
		{ ML_T_YESNO, "1", "yes" }, { ML_T_YESNO, " n ", "no" },
		{ ML_T_YESNO, "False", "no" }, { ML_T_TEMP, "37,9", "37.9" },
		{ ML_T_TEMP, " 37.9\t", "37.9" }, { ML_T_HOURS, "7,25", "7.25" },
		{ ML_T_SCORE, "07", "7" }, { ML_T_SCORE, " 3 ", "3" },
		{ ML_T_MINUTES, "0030", "30" },
		{ ML_T_PROC_KIND, "Lumbar puncture", "lumbar_puncture" },
		{ ML_T_PROC_KIND, "Discectomy", "discectomy" },
		{ ML_T_TEXT, " as typed ", " as typed " },
		{ ML_T_YESNO, "", "" },
	};
	char buf[64];

	(void)state;
	for (size_t i = 0; i < ML_NELEM(cases); i++) {
		if (ml_value_normalise(cases[i].t, cases[i].in, buf, sizeof buf) ==
		    NULL)
			fail_msg("'%s' refused", cases[i].in);
		assert_string_equal(buf, cases[i].out);
	}
	assert_null(ml_value_normalise(ML_T_YESNO, "maybe", buf, sizeof buf));
	assert_null(ml_value_normalise(ML_T_TEMP, "29,9", buf, sizeof buf));
	assert_null(ml_value_normalise(ML_T_SCORE, "11", buf, sizeof buf));
}

/* Each type's range is one row, read by the checks and the readers. */
static void
test_type_table(void **state)
{
	(void)state;
	for (int t = 0; t < ML_T_NTYPES; t++) {
		const struct ml_type_info *ti = ml_type_info((enum ml_type)t);

		assert_non_null(ti);
		assert_int_equal(ti->type, t);
		assert_non_null(ti->name);
		assert_non_null(ml_type_describe((enum ml_type)t));
	}
	assert_true(ml_type_info(ML_T_TEMP)->min == 30.0);
	assert_true(ml_type_info(ML_T_TEMP)->max == 45.0);
	assert_int_equal(ml_type_info(ML_T_TEMP)->export_kind, ML_X_DECIMAL);
	assert_int_equal(ml_type_info(ML_T_SCORE)->export_kind, ML_X_INTEGER);
	assert_true(ml_read_number(ML_T_SCORE, "10") == 10.0);
	assert_true(isnan(ml_read_number(ML_T_SCORE, "11")));
	assert_true(ml_read_number(ML_T_MINUTES, "1440") == 1440.0);
	assert_true(ml_read_number(ML_T_TEMP, "37,9") == 37.9);
	assert_true(isnan(ml_read_number(ML_T_TEMP, "")));
	assert_true(isnan(ml_read_number(ML_T_TEXT, "5")));
}

/* Procedure kinds: one table, matched by id, label or synonym. */
static void
test_proc_kinds(void **state)
{
	static const struct { const char *typed, *id; } cases[] = {
		{ "lumbar_puncture", "lumbar_puncture" },
		{ "Lumbar puncture", "lumbar_puncture" },
		{ "LUMBAR-PUNCTURE", "lumbar_puncture" },
		{ "spinal tap", "lumbar_puncture" }, { "LP", "lumbar_puncture" },
		{ " lp ", "lumbar_puncture" },
		{ "Discectomy", "discectomy" }, { "microdiscectomy", "discectomy" },
		{ "labour epidural", "epidural_labour" },
		{ "ESI", "epidural_steroid" }, { "Spinal fusion", "fusion" },
		{ "other", "other" },
	};
	size_t n;
	const struct ml_proc_kind *k = ml_proc_kinds(&n);

	(void)state;
	assert_true(n >= 7 && n <= ML_PROC_KINDS_MAX);
	assert_string_equal(k[n - 1].id, "other");
	for (size_t i = 0; i < ML_NELEM(cases); i++) {
		const struct ml_proc_kind *m = ml_proc_kind_match(cases[i].typed);

		if (m == NULL)
			fail_msg("'%s' matches no kind", cases[i].typed);
		assert_string_equal(m->id, cases[i].id);
		assert_true(ml_value_check(ML_T_PROC_KIND, cases[i].typed, NULL));
	}
	assert_null(ml_proc_kind_match("Epidural"));
	assert_null(ml_proc_kind_match("lumbar"));
	assert_null(ml_proc_kind_match(""));
	assert_int_equal(ml_proc_kind_index("fusion"), 5);
	assert_string_equal(ml_proc_kind_label("Lumbar puncture"),
	    "lumbar puncture");
	assert_string_equal(ml_proc_kind_label("spinal tap"), "lumbar puncture");
	assert_string_equal(ml_proc_kind_label("mystery"), "mystery");
	assert_true(ml_proc_kind_match("LP")->dural);
	assert_false(ml_proc_kind_match("discectomy")->dural);
	assert_int_equal(ml_proc_kind_match("lumbar_puncture")->window_days, 7);
}

/* The exercises rule across cells. */
static void
test_exercise_dates(void **state)
{
	struct ml_error err;

	(void)state;
	assert_int_equal(ml_exercise_dates_check("2026-03-01", "2026-03-01",
	    &err), 0);
	assert_int_equal(ml_exercise_dates_check("", "2026-03-01", &err), 0);
	assert_int_equal(ml_exercise_dates_check("2026-03-01", "", &err), 0);
	assert_int_equal(ml_exercise_dates_check("bad", "2026-03-01", &err), 0);
	assert_int_equal(ml_exercise_dates_check("2026-03-02", "2026-03-01",
	    &err), -1);
	assert_string_equal(err.field, "end_date");
	assert_string_equal(err.msg, "2026-03-01 is before start_date 2026-03-02");
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
		cmocka_unit_test(test_yesno_reader),
		cmocka_unit_test(test_decimal_reader),
		cmocka_unit_test(test_normalise),
		cmocka_unit_test(test_type_table),
		cmocka_unit_test(test_proc_kinds),
		cmocka_unit_test(test_exercise_dates),
		cmocka_unit_test(test_man5_documents_every_column_and_key),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
