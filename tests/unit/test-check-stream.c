/*
 * test-check-stream.c - `mendlog check` streams each file
 * (store_check_file) instead of loading it (store_load + store_validate).
 * Both must report exactly the same problems, in the same order, with the
 * same FILE:LINE: every case here runs both and compares the full output:
 * the bad inputs of tests/e2e/test-bad-input.sh, the fixtures in
 * tests/data, files larger than the stream's read chunk, and a few
 * thousand random mutations of a small diary.
 */
#include "testutil.h"

#include "date.h"
#include "store.h"

#ifndef TEST_DATA
#define TEST_DATA "tests/data"
#endif

struct out {
	char *text;
	size_t len;
};

static void
collect(void *ctx, const struct ml_error *e)
{
	struct out *o = ctx;
	char buf[2048];
	size_t n;

	ml_error_format(e, buf, sizeof buf);
	n = strlen(buf);
	o->text = xrealloc(o->text, o->len + n + 2);
	memcpy(o->text + o->len, buf, n);
	o->text[o->len + n] = '\n';
	o->len += n + 1;
	o->text[o->len] = '\0';
}

/* Both checks of @file in @dir; asserts they agree.  Returns the number
 * of problems; *report (may be NULL) gets the text.  Caller frees. */
static size_t
both(const char *dir, enum ml_file file, char **report)
{
	struct ml_store s;
	struct ml_error err;
	struct out table = { xstrdup(""), 0 }, stream = { xstrdup(""), 0 };
	size_t pt, ps, rows = 0;

	assert_int_equal(store_open(&s, dir, &err), 0);
	(void)store_load(&s, file, NULL, NULL);
	pt = store_validate(&s, file, collect, &table);
	ps = store_check_file(&s, file, collect, &stream, &rows);
	assert_string_equal(stream.text, table.text);
	assert_int_equal(ps, pt);
	if (!s.files[file].broken)
		assert_int_equal(rows, store_nrows(&s, file));
	store_close(&s);
	free(table.text);
	if (report != NULL)
		*report = stream.text;
	else
		free(stream.text);
	return ps;
}

static const char HEADER[] = "date,back_pain,back_pain_worst,leg_pain,"
    "headache,headache_upright,numbness,tingling,leg_weakness,bladder_bowel,"
    "saddle_numbness,temperature_c,site_problem,sleep_hours,medication,"
    "therapies,activity_min,mood,notes,updated_at\n";
static const char GOOD[] = "2026-11-01,3,,,,,,,,,,,,,,,,,first,"
    "2026-11-01T10:00:00+00:00\n2026-11-02,4,,,,,,,,,,,,,,,,,,"
    "2026-11-02T10:00:00+00:00\n";

/* Write HEADER GOOD @tail as entries.csv and compare; returns problems
 * and the first line of the report in @first. */
static size_t
entries_case(const char *tail, size_t tail_len, char *first, size_t size)
{
	char *dir = tu_tempdir(), *path = xasprintf("%s/entries.csv", dir);
	char *all = xasprintf("%s%s", HEADER, GOOD), *buf, *report;
	size_t hl = strlen(all), n;

	buf = xmalloc(hl + tail_len + 1);
	memcpy(buf, all, hl);
	memcpy(buf + hl, tail, tail_len);
	tu_write(path, buf, hl + tail_len);
	n = both(dir, ML_ENTRIES, &report);
	if (first != NULL && n == 0) {
		first[0] = '\0';
	} else if (first != NULL) {
		snprintf(first, size, "%s", report + strlen(dir) + 1);
		if (strchr(first, '\n'))
			*strchr(first, '\n') = '\0';
	}
	free(report);
	free(buf);
	free(all);
	free(path);
	tu_rmrf(dir);
	free(dir);
	return n;
}

#define CASE(tail) entries_case(tail, sizeof tail - 1, first, sizeof first)

/* The damage tests/e2e/test-bad-input.sh does to entries.csv. */
static void
test_bad_input_cases(void **state)
{
	char first[1024];
	char *wide;
	size_t len;

	(void)state;
	assert_int_equal(CASE(""), 0);
	assert_int_equal(CASE("2026-11-04,2,,,,,,,,,,,,,,,,,bad\0note,\n"), 1);
	assert_string_equal(first,
	    "entries.csv:4: NUL byte in file (not a text CSV file)");
	assert_int_equal(CASE("2026-11-04,2,,,,,,,,,,,,,,,,,caf\xe9 au lait,\n"), 1);
	assert_string_equal(first, "entries.csv:4: notes: invalid value "
	    "'caf\\xE9 au lait' (expected UTF-8 text)");
	assert_int_equal(CASE("\xef\xbb\xbf" "2026-11-04,2,,,,,,,,,,,,,,,,,,\n"), 1);
	assert_int_equal(CASE("2026-11-04,\"open quote,,,\n"), 1);
	assert_string_equal(first, "entries.csv:4: unterminated quoted field "
	    "(a \" is never closed)");
	assert_int_equal(CASE("2026-11-04,2,,,,,,,,,,,,,,,,,a\"b,\n"
	    "2026-11-05,x,,\n"), 1);
	/* Ragged rows, bad values, empty required, duplicates out of order. */
	assert_int_equal(CASE("2026-11-05,11,yes,,,maybe,,,,,,29.9,,25,,,"
	    "1441,,,not-a-time\n,,\n2026-11-01,1\r\n\r\n2026-11-02,\"7/10\","
	    "\"multi\nline\"\n2026-11-01,,,,,,,,,,,,,,,,,,,\n"), 16);
	assert_string_equal(first, "entries.csv:4: back_pain: invalid value "
	    "'11' (expected an integer 0-10)");
	/* A 10,000-column row. */
	len = 11 + 2 * 9999;
	wide = xmalloc(len + 2);
	memcpy(wide, "2026-11-05,", 11);
	for (size_t i = 0; i < 9999; i++) {
		wide[11 + 2 * i] = (char)('0' + i % 10);
		wide[12 + 2 * i] = ',';
	}
	wide[len - 1] = '\n';
	/* site_problem's "1" reads as yes (issue 10): 9 errors, not 10. */
	assert_int_equal(entries_case(wide, len, first, sizeof first), 9);
	assert_string_equal(first,
	    "entries.csv:4: row has 10000 fields, the header has 20");
	free(wide);
}

/* Header damage: duplicate names (after a syntax error too), a missing
 * required column, BOM and CRLF, header only, an empty file. */
static void
test_header_cases(void **state)
{
	static const struct {
		const char *text;
		size_t problems;
	} cases[] = {
		{ "date,mood,mood\n2026-11-01,1,2\n", 1 },
		{ "date,mood,mood\n2026-11-01,1,\"2\"x\n", 1 },
		{ "mood,notes\n3,x\n4,y\n", 2 },
		{ "mood,notes\n", 0 },
		{ "", 0 },
		{ "\xef\xbb\xbf" "date,mood\r\n2026-11-01,3\r\n2026-11-01,4\r\n", 1 },
		{ "\n\ndate,mood\r\r2026-11-02,3\r2026-11-01,44\r", 1 },
		{ "date,mood\n\"2026-11-02\n\",3\n2026-11-02\n", 2 },
	};
	(void)state;
	for (size_t i = 0; i < ML_NELEM(cases); i++) {
		char *dir = tu_tempdir(), *path = xasprintf("%s/entries.csv", dir);

		tu_write_str(path, cases[i].text);
		assert_int_equal(both(dir, ML_ENTRIES, NULL), cases[i].problems);
		free(path);
		tu_rmrf(dir);
		free(dir);
	}
}

/* Not a file, a dangling link, no file at all. */
static void
test_unreadable(void **state)
{
	char *dir = tu_tempdir(), *path = xasprintf("%s/entries.csv", dir);

	(void)state;
	assert_int_equal(both(dir, ML_ENTRIES, NULL), 0);
	assert_int_equal(mkdir(path, 0700), 0);
	assert_int_equal(both(dir, ML_ENTRIES, NULL), 1);
	assert_int_equal(rmdir(path), 0);
	assert_int_equal(symlink("/nonexistent/x.csv", path), 0);
	assert_int_equal(both(dir, ML_ENTRIES, NULL), 1);
	free(path);
	tu_rmrf(dir);
	free(dir);
}

/* Multi-column keys (exercise_log: date, slot, exercise_id) and alerts. */
static void
test_multi_key(void **state)
{
	char *dir = tu_tempdir(), *log = xasprintf("%s/exercise_log.csv", dir);
	char *alerts = xasprintf("%s/alerts.csv", dir), *report;

	(void)state;
	tu_write_str(log, "date,slot,exercise_id,status\n"
	    "2026-11-02,08:00,bridge,done\n2026-11-01,08:00,bridge,done\n"
	    "2026-11-02,08:00,bridge,partial\n2026-11-02,08:00,walk,done\n"
	    "2026-11-02,8:00,Walk,dunno\n2026-11-02,08:00,bridge,skipped\n");
	assert_int_equal(both(dir, ML_EXERCISE_LOG, &report), 5);
	assert_non_null(strstr(report, "exercise_log.csv:7: date: duplicate "
	    "row for '2026-11-02', also on line 4"));
	free(report);
	tu_write_str(alerts, "raised_at,date,rule,severity\n"
	    "2026-11-02T07:00:00+00:00,2026-11-02,fever,urgent\n"
	    "2026-11-02T08:00:00+00:00,2026-11-02,fever,urgent\n");
	assert_int_equal(both(dir, ML_ALERTS, NULL), 1);
	free(log);
	free(alerts);
	tu_rmrf(dir);
	free(dir);
}

/* The exercises rule across cells (issue 10: one function for plan,
 * import and check): an end_date before its start_date, in both checks. */
static void
test_exercise_dates(void **state)
{
	char *dir = tu_tempdir(), *path = xasprintf("%s/exercises.csv", dir);
	char *report;

	(void)state;
	tu_write_str(path, "id,name,days,start_date,end_date\n"
	    "bridge,Bridge,daily,2026-03-02,2026-03-01\n"
	    "tilt,Tilt,daily,2026-03-01,2026-03-01\n"
	    "walk,Walk,daily,,2026-03-01\n"
	    "curl,Curl,daily,2026-13-01,2026-03-01\n");
	/* One rule problem, and the bad date once, as a cell problem. */
	assert_int_equal(both(dir, ML_EXERCISES, &report), 2);
	assert_non_null(strstr(report, "exercises.csv:2: end_date: 2026-03-01 "
	    "is before start_date 2026-03-02"));
	assert_non_null(strstr(report, "exercises.csv:5: start_date: invalid"));
	free(report);
	free(path);
	tu_rmrf(dir);
	free(dir);
}

/* Files past the stream's 256 KiB read chunk: errors found late must
 * still name the right line, and a NUL after a syntax error still wins. */
static void
test_large_files(void **state)
{
	size_t big = 700 * 1024, n;
	char *tail = xmalloc(big + 256), *p = tail;
	char first[1024];

	(void)state;
	for (int i = 0; p < tail + big; i++)
		p += sprintf(p, "%04d-01-01,%d,,,,,,,,,,,,,,,,,\"n\nx\",\n",
		    3000 + i, i % 12);
	n = (size_t)(p - tail);
	assert_true(entries_case(tail, n, first, sizeof first) > 1000);
	strcpy(p, "2999-01-01,1,\"a\"b,\n");
	assert_int_equal(entries_case(tail, strlen(tail), first, sizeof first), 1);
	assert_non_null(strstr(first, "CSV syntax error"));
	strcpy(p, "2999-01-01,1,\"a\"b,\n" "2998-01-01,\0,\n");
	assert_int_equal(entries_case(tail, n + 33, first, sizeof first), 1);
	assert_non_null(strstr(first, "NUL byte"));
	tail[100] = '"';
	assert_int_equal(entries_case(tail, n, first, sizeof first), 1);
	free(tail);
}

/* Keys out of order over several of the validator's 1 MiB key blocks:
 * the duplicate is found and named the same way by both checks. */
static void
test_many_keys_unsorted(void **state)
{
	char *dir = tu_tempdir(), *path = xasprintf("%s/entries.csv", dir);
	size_t n = 70000, cap = 16 + 12 * (n + 1), len;
	char *buf = xmalloc(cap), *report, date[ML_DATE_LEN];
	ml_day first;

	(void)state;
	assert_true(ml_date_parse("1900-01-01", &first));
	len = (size_t)sprintf(buf, "date\n");
	for (size_t i = 0; i < n; i++) {
		ml_date_format(first + (ml_day)(n - 1 - i), date);
		len += (size_t)sprintf(buf + len, "%s\n", date);
	}
	ml_date_format(first + 5, date);
	len += (size_t)sprintf(buf + len, "%s\n", date);
	tu_write(path, buf, len);
	assert_int_equal(both(dir, ML_ENTRIES, &report), 1);
	assert_non_null(strstr(report, "entries.csv:70002: date: duplicate row "
	    "for '1900-01-06', also on line 69996"));
	free(report);
	free(buf);
	free(path);
	tu_rmrf(dir);
	free(dir);
}

/* Every fixture file under tests/data, as each file kind; each must be
 * there. */
static void
test_fixtures(void **state)
{
	static const char *const files[] = { "plan-physio.csv",
	    "report-90/entries.csv", "report-90/procedures.csv",
	    "report-90/exercises.csv", "report-90/exercise_log.csv",
	    "report-90/alerts.csv" };
	size_t checked = 0;

	(void)state;
	for (size_t i = 0; i < ML_NELEM(files); i++) {
		char *src = xasprintf("%s/%s", TEST_DATA, files[i]), *data;
		size_t len = 0;

		/* A fixture that went missing is a failure, not a pass with
		 * less checked. */
		if (access(src, R_OK) != 0)
			fail_msg("fixture missing: %s", src);
		data = tu_read(src, &len);
		for (int f = 0; f < ML_NFILES; f++) {
			char *dir = tu_tempdir();
			char *dst = xasprintf("%s/%s", dir,
			    ml_schema((enum ml_file)f)->filename);

			tu_write(dst, data, len);
			(void)both(dir, (enum ml_file)f, NULL);
			checked++;
			free(dst);
			tu_rmrf(dir);
			free(dir);
		}
		free(data);
		free(src);
	}
	assert_int_equal(checked, ML_NELEM(files) * ML_NFILES);
}

/* Random damage to a small diary: both checks agree on all of it. */
static void
test_random_mutations(void **state)
{
	static const char pieces[] = ",\"\n\r\0\x1f\xef\xbb\xbf\xe9x-9";
	char *dir = tu_tempdir(), *path = xasprintf("%s/entries.csv", dir);
	char *base = xasprintf("%s%s2026-11-03,5,6,,,no,,yes,,,,37.5,,7.5,"
	    "\"a, b\",,30,5,\"say \"\"hi\"\"\nok\",\n", HEADER, GOOD);
	size_t blen = strlen(base), problems = 0;
	unsigned seed = 7;

	(void)state;
	for (int round = 0; round < 3000; round++) {
		char buf[2048];
		size_t len = blen;
		int edits = 1 + (int)(rand_r(&seed) % 4);

		memcpy(buf, base, blen);
		for (int k = 0; k < edits; k++) {
			size_t at = (size_t)rand_r(&seed) % len;
			int op = rand_r(&seed) % 4;

			if (op == 0 && len + 1 < sizeof buf) {		/* insert */
				memmove(buf + at + 1, buf + at, len - at);
				buf[at] = pieces[(size_t)rand_r(&seed) %
				    (sizeof pieces - 1)];
				len++;
			} else if (op == 1 && len > 1) {		/* delete */
				memmove(buf + at, buf + at + 1, len - at - 1);
				len--;
			} else if (op == 2) {				/* replace */
				buf[at] = pieces[(size_t)rand_r(&seed) %
				    (sizeof pieces - 1)];
			} else if (len * 2 < sizeof buf) {		/* repeat a row */
				const char *nl = memchr(buf + at, '\n', len - at);
				size_t from = nl ? (size_t)(nl - buf) + 1 : len;

				memcpy(buf + len, buf + from, len - from);
				len += len - from;
			}
		}
		tu_write(path, buf, len);
		problems += both(dir, ML_ENTRIES, NULL);
	}
	/* The damage is real: most rounds found something. */
	assert_true(problems > 1000);
	free(base);
	free(path);
	tu_rmrf(dir);
	free(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bad_input_cases),
		cmocka_unit_test(test_header_cases),
		cmocka_unit_test(test_unreadable),
		cmocka_unit_test(test_multi_key),
		cmocka_unit_test(test_exercise_dates),
		cmocka_unit_test(test_large_files),
		cmocka_unit_test(test_many_keys_unsorted),
		cmocka_unit_test(test_fixtures),
		cmocka_unit_test(test_random_mutations),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
