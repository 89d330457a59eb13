/*
 * test-csvio.c - libcsv parsing and writing: quoting round trips, BOM and
 * CRLF input, line numbers, refusal of unparseable input, atomic save.
 */
#include "testutil.h"

#include "csvio.h"

static char *
write_to_string(const struct ml_table *t, const struct csv_style *style)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	assert_non_null(fp);
	assert_int_equal(csvio_write_table(fp, t, style), 0);
	fclose(fp);
	return buf;
}

static void
roundtrip_value(const char *value)
{
	struct ml_table t, back;
	struct ml_error err;
	char *csv;

	ml_table_init(&t);
	ml_table_add_col(&t, "date");
	ml_table_add_col(&t, "notes");
	ml_table_add_col(&t, "mood");
	ml_table_insert_row(&t, 0, 3);
	ml_row_set(&t.rows[0], 0, "2026-11-21");
	ml_row_set(&t.rows[0], 1, value);
	ml_row_set(&t.rows[0], 2, "");
	csv = write_to_string(&t, NULL);
	assert_int_equal(csvio_parse(csv, strlen(csv), "x.csv", &back, &err), 0);
	assert_int_equal(back.nrows, 1);
	assert_int_equal(back.rows[0].ncells, 3);
	assert_string_equal(back.rows[0].cells[1], value);
	assert_string_equal(back.rows[0].cells[2], "");
	free(csv);
	ml_table_free(&t);
	ml_table_free(&back);
}

static void
test_roundtrip_tricky_text(void **state)
{
	(void)state;
	roundtrip_value("plain");
	roundtrip_value("stiff, after the drive");
	roundtrip_value("she said \"rest\"");
	roundtrip_value("\"");
	roundtrip_value("line one\nline two");
	roundtrip_value("crlf\r\ninside");
	roundtrip_value("lone\rcr");
	roundtrip_value("  leading and trailing spaces  ");
	roundtrip_value("\ttab first");
	roundtrip_value("Müdigkeit, Schmerz — 痛み 🙂");
	roundtrip_value("=SUM(A1:A2)");
	roundtrip_value(",");
	roundtrip_value("");
}

static void
test_roundtrip_64k_note(void **state)
{
	char *big = xmalloc(65537);

	(void)state;
	for (size_t i = 0; i < 65536; i++)
		big[i] = "abc, \"de\"\nfgé"[i % 13];
	/* Do not end inside a multi-byte sequence. */
	big[65535] = 'z';
	big[65536] = '\0';
	roundtrip_value(big);
	free(big);
}

static void
test_empty_vs_missing(void **state)
{
	struct ml_table t;
	struct ml_error err;
	const char *csv = "a,b,c\n1,,\n2\n";

	(void)state;
	assert_int_equal(csvio_parse(csv, strlen(csv), "x.csv", &t, &err), 0);
	assert_int_equal(t.nrows, 2);
	assert_int_equal(t.rows[0].ncells, 3);	/* empty cells are present */
	assert_int_equal(t.rows[1].ncells, 1);	/* missing cells are not */
	assert_string_equal(ml_row_get(&t.rows[1], 2), "");
	ml_table_free(&t);
}

static void
test_bom_crlf_and_line_numbers(void **state)
{
	struct ml_table t;
	struct ml_error err;
	const char *csv = "\xef\xbb\xbf" "date,notes\r\n"
	    "2026-11-01,one\r\n"
	    "\r\n"				/* blank line 3 */
	    "2026-11-02,\"two\r\nlines\"\r\n"	/* lines 4-5 */
	    "2026-11-03,three\r\n";		/* line 6 */

	(void)state;
	assert_int_equal(csvio_parse(csv, strlen(csv), "x.csv", &t, &err), 0);
	assert_int_equal(t.ncols, 2);
	assert_string_equal(t.header[0], "date");	/* BOM stripped */
	assert_int_equal(t.nrows, 3);
	assert_int_equal(t.rows[0].line, 2);
	assert_int_equal(t.rows[1].line, 4);
	assert_string_equal(t.rows[1].cells[1], "two\r\nlines");
	assert_int_equal(t.rows[2].line, 6);
	assert_string_equal(t.rows[2].cells[1], "three");
	ml_table_free(&t);
}

/* A bare CR in an unquoted field of an LF or CRLF file is data: one row,
 * the note whole, the next row on the right line.  A file with no LF at
 * all still reads its CRs as line ends. */
static void
test_bare_cr_stays_in_field(void **state)
{
	struct ml_table t;
	struct ml_error err;
	const char *lf = "date,notes\n2026-11-01,first\rsecond\n2026-11-02,x\n";
	const char *crlf = "date,notes\r\n2026-11-01,a\rb\r\n2026-11-02,\"q\"\r\n";
	const char *cr = "date,notes\r2026-11-01,one\r2026-11-02,two\r";

	(void)state;
	assert_int_equal(csvio_parse(lf, strlen(lf), "x.csv", &t, &err), 0);
	assert_int_equal(t.nrows, 2);
	assert_string_equal(t.rows[0].cells[1], "first\rsecond");
	assert_int_equal(t.rows[1].line, 3);
	ml_table_free(&t);
	assert_int_equal(csvio_parse(crlf, strlen(crlf), "x.csv", &t, &err), 0);
	assert_int_equal(t.nrows, 2);
	assert_string_equal(t.rows[0].cells[1], "a\rb");
	assert_string_equal(t.rows[1].cells[1], "q");
	assert_int_equal(t.rows[1].line, 3);
	ml_table_free(&t);
	assert_int_equal(csvio_parse(cr, strlen(cr), "x.csv", &t, &err), 0);
	assert_int_equal(t.nrows, 2);
	assert_string_equal(t.rows[1].cells[1], "two");
	ml_table_free(&t);
}

static void
test_unterminated_quote_is_error(void **state)
{
	struct ml_table t;
	struct ml_error err;
	const char *csv = "date,notes\n2026-11-01,ok\n2026-11-02,\"never closed\n";

	(void)state;
	assert_int_equal(csvio_parse(csv, strlen(csv), "e.csv", &t, &err), -1);
	assert_string_equal(err.file, "e.csv");
	assert_int_equal(err.line, 3);
	assert_non_null(strstr(err.msg, "unterminated"));
	ml_table_free(&t);
}

/* The quote opens the first field of its row: no field of that row was
 * ever completed, so the line must come from the row's own start. */
static void
test_unterminated_quote_at_row_start(void **state)
{
	struct ml_table t;
	struct ml_error err;
	const char *lf = "date,notes\n2026-11-01,ok\n\"2026-11-02,never closed\n";
	const char *crlf = "a\r\n1\r\n\r\n\"x\r\n";

	(void)state;
	assert_int_equal(csvio_parse(lf, strlen(lf), "e.csv", &t, &err), -1);
	assert_int_equal(err.line, 3);
	ml_table_free(&t);
	assert_int_equal(csvio_parse(crlf, strlen(crlf), "e.csv", &t, &err), -1);
	assert_int_equal(err.line, 4);
	ml_table_free(&t);
}

static void
test_stray_quote_is_error(void **state)
{
	struct ml_table t;
	struct ml_error err;
	const char *csv = "a,b\n1,2\n3,4\"x\n";

	(void)state;
	assert_int_equal(csvio_parse(csv, strlen(csv), "e.csv", &t, &err), -1);
	assert_int_equal(err.line, 3);
	ml_table_free(&t);
}

static void
test_nul_and_duplicate_header_are_errors(void **state)
{
	struct ml_table t;
	struct ml_error err;
	const char nul[] = "a,b\n1,2\n3,\0\n";
	const char *dup = "date,notes,date\n";

	(void)state;
	assert_int_equal(csvio_parse(nul, sizeof nul - 1, "n.csv", &t, &err), -1);
	assert_int_equal(err.line, 3);
	assert_non_null(strstr(err.msg, "NUL"));
	ml_table_free(&t);
	assert_int_equal(csvio_parse(dup, strlen(dup), "d.csv", &t, &err), -1);
	assert_string_equal(err.field, "date");
	ml_table_free(&t);
}

static int
write_hello(FILE *fp, void *ctx, struct ml_error *err)
{
	(void)err;
	return fputs(ctx, fp) == EOF ? -1 : 0;
}

static int
write_fail(FILE *fp, void *ctx, struct ml_error *err)
{
	(void)fp;
	(void)ctx;
	ml_error_set(err, "f.csv", 0, NULL, "writer refused");
	return -1;
}

static void
test_save_atomic_keeps_backup_and_mode(void **state)
{
	char *dir = tu_tempdir();
	char *path = xasprintf("%s/f.csv", dir);
	char *bak = xasprintf("%s/f.csv.bak", dir);
	struct ml_error err;
	struct stat st;
	char *s;

	(void)state;
	umask(0);
	assert_int_equal(csvio_save_atomic(path, write_hello, "one\n", true, &err), 0);
	assert_int_equal(csvio_save_atomic(path, write_hello, "two\n", true, &err), 0);
	s = tu_read(path, NULL);
	assert_string_equal(s, "two\n");
	free(s);
	s = tu_read(bak, NULL);
	assert_string_equal(s, "one\n");
	free(s);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	/* A failing writer leaves the old file and no temp file. */
	assert_int_equal(csvio_save_atomic(path, write_fail, NULL, true, &err), -1);
	s = tu_read(path, NULL);
	assert_string_equal(s, "two\n");
	free(s);
	assert_int_equal(tu_count_entries(dir, ".tmp."), 0);
	umask(022);
	tu_rmrf(dir);
	free(path);
	free(bak);
	free(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_roundtrip_tricky_text),
		cmocka_unit_test(test_roundtrip_64k_note),
		cmocka_unit_test(test_empty_vs_missing),
		cmocka_unit_test(test_bom_crlf_and_line_numbers),
		cmocka_unit_test(test_bare_cr_stays_in_field),
		cmocka_unit_test(test_unterminated_quote_is_error),
		cmocka_unit_test(test_unterminated_quote_at_row_start),
		cmocka_unit_test(test_stray_quote_is_error),
		cmocka_unit_test(test_nul_and_duplicate_header_are_errors),
		cmocka_unit_test(test_save_atomic_keeps_backup_and_mode),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
