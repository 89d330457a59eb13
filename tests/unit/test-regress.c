/*
 * test-regress.c - regression tests for the bugs the proof suite (issue 7:
 * fuzzing, bad input, benchmarks) found in core modules.  Each test names
 * what broke; the fuzz seeds in tests/fuzz/ keep the original inputs.
 */
#include <locale.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "config.h"
#include "csvio.h"
#include "schema.h"
#include "testutil.h"

/* Write @t and parse it back into @back. */
static void
round_trip(const struct ml_table *t, struct ml_table *back)
{
	struct ml_error err;
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	assert_non_null(fp);
	assert_int_equal(csvio_write_table(fp, t, NULL), 0);
	assert_int_equal(fclose(fp), 0);
	assert_int_equal(csvio_parse(buf, len, "x.csv", back, &err), 0);
	free(buf);
}

/* A row of one empty cell was written as a blank line, which the parser
 * skips: the row vanished (as a header, the next row became the header). */
static void
test_lone_empty_cell_survives(void **state)
{
	const char *in = "\"\"\nx\n\"\"\n";
	struct ml_table t, back;
	struct ml_error err;

	(void)state;
	assert_int_equal(csvio_parse(in, strlen(in), "x.csv", &t, &err), 0);
	assert_int_equal(t.ncols, 1);
	assert_int_equal(t.nrows, 2);
	round_trip(&t, &back);
	assert_int_equal(back.ncols, 1);
	assert_string_equal(back.header[0], "");
	assert_int_equal(back.nrows, 2);
	assert_string_equal(back.rows[0].cells[0], "x");
	assert_string_equal(back.rows[1].cells[0], "");
	ml_table_free(&t);
	ml_table_free(&back);
}

/* A cell starting with a BOM, written first in the file, was read back
 * as the file's own BOM and lost it. */
static void
test_leading_bom_cell_survives(void **state)
{
	const char *in = "\n\xef\xbb\xbf" "date,notes\n\xef\xbb\xbfx,y\n";
	struct ml_table t, back;
	struct ml_error err;

	(void)state;
	assert_int_equal(csvio_parse(in, strlen(in), "x.csv", &t, &err), 0);
	assert_string_equal(t.header[0], "\xef\xbb\xbf" "date");
	round_trip(&t, &back);
	assert_string_equal(back.header[0], "\xef\xbb\xbf" "date");
	assert_string_equal(back.rows[0].cells[0], "\xef\xbb\xbfx");
	ml_table_free(&t);
	ml_table_free(&back);
}

/* Rows read from a file are packed in an arena; changing one must copy
 * it out and leave every other value (and row) as read. */
static void
test_packed_rows_change_safely(void **state)
{
	const char *in = "a,b,c\n1,2,3\n4,5,6\n7,8\n";
	struct ml_table t;
	struct ml_error err;

	(void)state;
	assert_int_equal(csvio_parse(in, strlen(in), "x.csv", &t, &err), 0);
	assert_true(t.rows[0].packed);
	ml_row_set(&t.rows[1], 1, "five");
	ml_row_set(&t.rows[2], 4, "far");	/* grows a short row */
	assert_false(t.rows[1].packed);
	assert_string_equal(ml_row_get(&t.rows[0], 2), "3");
	assert_string_equal(ml_row_get(&t.rows[1], 0), "4");
	assert_string_equal(ml_row_get(&t.rows[1], 1), "five");
	assert_string_equal(ml_row_get(&t.rows[1], 2), "6");
	assert_int_equal(t.rows[2].ncells, 5);
	assert_string_equal(ml_row_get(&t.rows[2], 1), "8");
	assert_string_equal(ml_row_get(&t.rows[2], 4), "far");
	ml_table_insert_row(&t, 0, 3);
	assert_string_equal(ml_row_get(&t.rows[1], 0), "1");
	ml_table_clear_rows(&t);
	assert_null(t.arena);
	ml_table_insert_row(&t, 0, 3);
	ml_row_set(&t.rows[0], 0, "new");
	assert_string_equal(ml_row_get(&t.rows[0], 0), "new");
	ml_table_free(&t);	/* ASan run: no leak, no double free */
}

/* Duplicate column names were found by comparing every pair: a
 * 100,000-column header took 9 s of CPU.  Also: the header's own line. */
static void
test_wide_header_duplicates(void **state)
{
	size_t n = 100000, len = 0;
	char *buf = xmalloc(n * 8 + 16);
	struct ml_table t;
	struct ml_error err;
	clock_t start;

	(void)state;
	for (size_t i = 0; i < n; i++)
		len += (size_t)sprintf(buf + len, "%sc%zu", i ? "," : "", i);
	buf[len++] = '\n';
	start = clock();
	assert_int_equal(csvio_parse(buf, len, "w.csv", &t, &err), 0);
	assert_true(clock() - start < 3 * CLOCKS_PER_SEC);
	assert_int_equal(t.ncols, n);
	ml_table_free(&t);
	/* c0..c69999 then c0..c29999 again: first repeat is c0 at 70001. */
	len = 0;
	for (size_t i = 0; i < n; i++)
		len += (size_t)sprintf(buf + len, "%sc%zu", i ? "," : "",
		    i % 70000);
	buf[len++] = '\n';
	assert_int_equal(csvio_parse(buf, len, "w.csv", &t, &err), -1);
	assert_string_equal(err.field, "c0");
	assert_string_equal(err.msg, "duplicate column name (columns 1 and 70001)");
	ml_table_free(&t);
	free(buf);

	/* The earliest column that repeats, with its first repeat; empty
	 * names are not duplicates; the header may follow blank lines. */
	assert_int_equal(csvio_parse("\n\nx,a,,c,a,,a,c\n", 16, "d.csv", &t,
	    &err), -1);
	assert_int_equal(err.line, 3);
	assert_string_equal(err.field, "a");
	assert_string_equal(err.msg, "duplicate column name (columns 2 and 5)");
	ml_table_free(&t);
}

struct lines {
	long line[8];
	int level[8];
	int n;
};

static void
collect(void *ctx, enum ml_config_level level, const struct ml_error *e)
{
	struct lines *l = ctx;

	if (l->n < 8) {
		l->line[l->n] = e->line;
		l->level[l->n++] = (int)level;
	}
}

/* inih reads 200-byte pieces: a longer line was split and its tail parsed
 * as a line of its own, and every later line number was off by one. */
static void
test_config_long_lines(void **state)
{
	char *dir = tu_tempdir(), *path, text[1024];
	struct ml_config cfg;
	struct ml_error err;
	struct lines l = { .n = 0 };
	int off;

	(void)state;
	path = xasprintf("%s/config", dir);
	off = snprintf(text, sizeof text, "# ");
	memset(text + off, 'x', 300);
	off += 300;
	off += snprintf(text + off, sizeof text - (size_t)off,
	    " refresh_seconds = 99\n[reminders]\nbell = maybe\n");
	tu_write_str(path, text);
	config_defaults(&cfg);
	assert_int_equal(config_load(&cfg, path, true, collect, &l, &err), -1);
	/* One problem only: the bad value, on line 3, not a phantom key. */
	assert_int_equal(l.n, 1);
	assert_int_equal(l.line[0], 3);
	assert_string_equal(err.field, "bell");
	config_free(&cfg);

	/* A long setting is an error on its own line, not a truncated value. */
	off = snprintf(text, sizeof text, "[storage]\ndata_dir = /");
	memset(text + off, 'd', 300);
	snprintf(text + off + 300, sizeof text - (size_t)off - 300, "\n");
	tu_write_str(path, text);
	config_defaults(&cfg);
	l.n = 0;
	assert_int_equal(config_load(&cfg, path, true, collect, &l, &err), -1);
	assert_int_equal(err.line, 2);
	assert_non_null(strstr(err.msg, "longer than"));
	assert_null(cfg.data_dir);
	config_free(&cfg);

	/* A NUL byte hid the line end. */
	tu_write(path, "[reminders]\nbell = y\0es\nbad line\n", 33);
	config_defaults(&cfg);
	l.n = 0;
	assert_int_equal(config_load(&cfg, path, true, collect, &l, &err), -1);
	assert_int_equal(l.n, 2);
	assert_int_equal(l.line[0], 2);
	assert_int_equal(l.line[1], 3);
	config_free(&cfg);
	free(path);
	tu_rmrf(dir);
	free(dir);
}

/* Values quoted in messages came out raw: an invisible BOM, escape
 * sequences from a file sent to the terminal. */
static void
test_printable(void **state)
{
	char buf[256];

	(void)state;
	assert_string_equal(ml_printable("\xef\xbb\xbf" "2026-11-01", 40, buf,
	    sizeof buf), "\\xEF\\xBB\\xBF2026-11-01");
	assert_string_equal(ml_printable("a\x1b[2Jb", 40, buf, sizeof buf),
	    "a\\x1B[2Jb");
	assert_string_equal(ml_printable("caf\xe9", 40, buf, sizeof buf),
	    "caf\\xE9");
	assert_string_equal(ml_printable("\xc3\xa9t\xc3\xa9", 40, buf,
	    sizeof buf), "\xc3\xa9t\xc3\xa9");
	assert_string_equal(ml_printable("abcdef", 3, buf, sizeof buf), "abc...");
	assert_string_equal(ml_printable("\xc3\xa9\xc3\xa9\xc3\xa9", 2, buf,
	    sizeof buf), "\xc3\xa9\xc3\xa9...");
	assert_string_equal(ml_printable("", 3, buf, sizeof buf), "");
	/* Never overruns a small buffer. */
	assert_string_equal(ml_printable("\x01\x02\x03\x04", 40, buf, 12),
	    "\\x01\\x02...");
}

/* Decimals are parsed without strtod: exact, and whatever the locale
 * (under de_DE, strtod refused "36.8"). */
static void
test_decimal_and_int_parsing(void **state)
{
	double d;
	long n;

	(void)state;
	assert_true(ml_parse_decimal("36.8", 30, 45, &d));
	assert_true(d == strtod("36.8", NULL));
	assert_true(ml_parse_decimal("7.25", 0, 24, &d));
	assert_true(d == 7.25);
	assert_true(ml_parse_decimal("-0.5", -1, 1, &d));
	assert_true(d == -0.5);
	assert_true(ml_parse_decimal("37.", 30, 45, &d));
	assert_true(ml_parse_decimal(".5", 0, 1, &d));
	assert_true(ml_parse_decimal("1.0000000000000001", 0, 2, &d));
	/* Issue 10: ',' is a decimal mark too, as the day form took it. */
	assert_true(ml_parse_decimal("36,8", 30, 45, &d));
	assert_true(d == strtod("36.8", NULL));
	assert_false(ml_parse_decimal("3,6,8", 30, 45, &d));
	assert_false(ml_parse_decimal("3.7e1", 30, 45, &d));
	assert_false(ml_parse_decimal(".", 0, 1, &d));
	assert_false(ml_parse_decimal("-", 0, 1, &d));
	assert_false(ml_parse_decimal("45.01", 30, 45, &d));
	assert_true(ml_parse_int("007", 0, 10, &n));
	assert_int_equal(n, 7);
	assert_true(ml_parse_int("-3", -5, 5, &n));
	assert_int_equal(n, -3);
	assert_false(ml_parse_int("-", -5, 5, &n));
	assert_false(ml_parse_int("99999999999999999999", 0, 10, &n));
	assert_false(ml_parse_int("1-", 0, 10, &n));
	assert_false(ml_parse_int("11", 0, 10, &n));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lone_empty_cell_survives),
		cmocka_unit_test(test_leading_bom_cell_survives),
		cmocka_unit_test(test_packed_rows_change_safely),
		cmocka_unit_test(test_wide_header_duplicates),
		cmocka_unit_test(test_config_long_lines),
		cmocka_unit_test(test_printable),
		cmocka_unit_test(test_decimal_and_int_parsing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
