/*
 * test-lineedit.c - the inline editor's text: UTF-8 in and out, edits at
 * the cursor over multi-byte characters, limits, control characters.
 */
#include "testutil.h"

#include "lineedit.h"

static char *
text(const struct ml_line *l)
{
	static char buf[256];
	char *s = lineedit_utf8(l);

	snprintf(buf, sizeof buf, "%s", s);
	free(s);
	return buf;
}

static void
test_utf8_round_trip(void **state)
{
	const char *samples[] = { "", "plain", "café, \"quoted\"", "señora Müller",
	    "日本語", "emoji \xf0\x9f\x98\x80 ok" };
	size_t n;
	wchar_t *w;

	(void)state;
	for (size_t i = 0; i < ML_NELEM(samples); i++) {
		char *back;

		w = ml_utf8_to_wide(samples[i], &n);
		back = ml_wide_to_utf8(w, n);
		assert_string_equal(back, samples[i]);
		free(back);
		free(w);
	}
	w = ml_utf8_to_wide("é日\xf0\x9f\x98\x80", &n);
	assert_int_equal(n, 3);
	assert_int_equal(w[0], 0xe9);
	assert_int_equal(w[1], 0x65e5);
	assert_int_equal(w[2], 0x1f600);
	free(w);
}

static void
test_invalid_utf8(void **state)
{
	size_t n;
	wchar_t *w;

	(void)state;
	/* A stray continuation byte, a truncated sequence, an overlong '/',
	 * an encoded surrogate: each is one U+FFFD and nothing is skipped. */
	w = ml_utf8_to_wide("a\x80" "b\xc3" "c\xc0\xaf" "d\xed\xa0\x80", &n);
	assert_int_equal(n, 8);
	assert_int_equal(w[0], 'a');
	assert_int_equal(w[1], 0xfffd);
	assert_int_equal(w[2], 'b');
	assert_int_equal(w[3], 0xfffd);
	assert_int_equal(w[4], 'c');
	assert_int_equal(w[5], 0xfffd);
	assert_int_equal(w[6], 'd');
	assert_int_equal(w[7], 0xfffd);
	free(w);
}

static void
test_edits_at_cursor(void **state)
{
	struct ml_line l = { 0 };

	(void)state;
	lineedit_set(&l, "café", 0);
	assert_int_equal(l.len, 4);
	assert_int_equal(l.pos, 4);
	lineedit_backspace(&l);		/* removes the whole é */
	assert_string_equal(text(&l), "caf");
	assert_true(lineedit_insert(&l, 0xe9));
	lineedit_home(&l);
	assert_true(lineedit_insert(&l, 'q'));
	assert_string_equal(text(&l), "qcafé");
	lineedit_move(&l, 2);
	lineedit_delete(&l);
	assert_string_equal(text(&l), "qcaé");
	lineedit_move(&l, -100);
	assert_int_equal(l.pos, 0);
	lineedit_move(&l, 100);
	assert_int_equal(l.pos, l.len);
	lineedit_move(&l, -2);
	lineedit_kill_end(&l);
	assert_string_equal(text(&l), "qc");
	lineedit_set(&l, "hello world", 0);
	lineedit_move(&l, -5);
	lineedit_kill_start(&l);	/* Ctrl-U */
	assert_string_equal(text(&l), "world");
	assert_int_equal(l.pos, 0);
	lineedit_backspace(&l);		/* nothing before the cursor */
	assert_string_equal(text(&l), "world");
	lineedit_end(&l);
	lineedit_delete(&l);		/* nothing under the cursor */
	assert_string_equal(text(&l), "world");
	lineedit_free(&l);
	lineedit_free(&l);		/* twice is safe */
}

static void
test_limits_and_controls(void **state)
{
	struct ml_line l = { 0 };

	(void)state;
	lineedit_set(&l, "", 3);
	assert_true(lineedit_insert(&l, '3'));
	assert_true(lineedit_insert(&l, '7'));
	assert_true(lineedit_insert(&l, '.'));
	assert_false(lineedit_insert(&l, '5'));	/* full */
	assert_string_equal(text(&l), "37.");
	lineedit_set(&l, "", 0);
	assert_false(lineedit_insert(&l, '\n'));
	assert_false(lineedit_insert(&l, 0x1b));
	assert_false(lineedit_insert(&l, 0x7f));
	assert_false(lineedit_insert(&l, 0x85));
	assert_int_equal(l.len, 0);
	/* Growing well past the first allocation. */
	for (int i = 0; i < 1000; i++)
		assert_true(lineedit_insert(&l, (wchar_t)('a' + i % 26)));
	assert_int_equal(l.len, 1000);
	assert_int_equal(strlen(text(&l)), 255);	/* text() truncates to its buffer */
	{
		char *s = lineedit_utf8(&l);

		assert_int_equal(strlen(s), 1000);
		free(s);
	}
	lineedit_free(&l);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utf8_round_trip),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_edits_at_cursor),
		cmocka_unit_test(test_limits_and_controls),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
