/*
 * test-text.c - display width, cutting, word wrap and the output gate.
 */
#include "testutil.h"

#include "schema.h"
#include "text.h"

static void
test_width(void **state)
{
	(void)state;
	assert_int_equal(text_width(""), 0);
	assert_int_equal(text_width("back pain"), 9);
	assert_int_equal(text_width("caf\xc3\xa9"), 4);		/* café */
	assert_int_equal(text_width("cafe\xcc\x81"), 4);	/* e + combining acute */
	assert_int_equal(text_width("\xe7\x97\x9b"), 2);	/* 痛, wide */
	assert_int_equal(text_width("\xf0\x9f\x98\x80"), 2);	/* emoji */
	assert_int_equal(text_width("a\tb"), 3);		/* tab: a space */
	assert_int_equal(text_width("\x1b[2J"), 7);		/* \x1B[2J */
	assert_int_equal(text_width("\xe9"), 4);		/* \xE9 */
	assert_int_equal(text_width("\xe2\x80\xae"), 8);	/* <U+202E> */
	assert_int_equal(text_cp_width(0x4e00), 2);
	assert_int_equal(text_cp_width(0x0301), 0);
	assert_int_equal(text_cp_width('A'), 1);
}

static void
test_gate(void **state)
{
	char buf[128];

	(void)state;
	text_safe(buf, sizeof buf, "a\x1b[2Jb", -1, 0);
	assert_string_equal(buf, "a\\x1B[2Jb");
	text_safe(buf, sizeof buf, "x\x7fy", -1, 0);
	assert_string_equal(buf, "x\\x7Fy");
	text_safe(buf, sizeof buf, "caf\xe9", -1, 0);
	assert_string_equal(buf, "caf\\xE9");
	/* Overlong and surrogate encodings are invalid bytes, one by one. */
	text_safe(buf, sizeof buf, "\xc0\xaf", -1, 0);
	assert_string_equal(buf, "\\xC0\\xAF");
	text_safe(buf, sizeof buf, "\xed\xa0\x80", -1, 0);
	assert_string_equal(buf, "\\xED\\xA0\\x80");
	/* C1 CSI, and a right-to-left override. */
	text_safe(buf, sizeof buf, "a\xc2\x9b" "31mb", -1, 0);
	assert_string_equal(buf, "a<U+009B>31mb");
	text_safe(buf, sizeof buf, "x\xe2\x80\xaey\xe2\x81\xa6z\xe2\x80\x8f", -1, 0);
	assert_string_equal(buf, "x<U+202E>y<U+2066>z<U+200F>");
	text_safe(buf, sizeof buf, "\xd8\x9c", -1, 0);
	assert_string_equal(buf, "<U+061C>");
	text_safe(buf, sizeof buf, "\xef\xbb\xbf" "2026", -1, 0);
	assert_string_equal(buf, "\\xEF\\xBB\\xBF2026");
	/* Tab, CR and LF become spaces on one line; LF is kept on request. */
	text_safe(buf, sizeof buf, "a\tb\r\nc", -1, 0);
	assert_string_equal(buf, "a b  c");
	text_safe(buf, sizeof buf, "a\r\nc", -1, TEXT_NEWLINES);
	assert_string_equal(buf, "a \nc");
	/* UTF-8 text passes untouched. */
	text_safe(buf, sizeof buf, "\xc3\xa9t\xc3\xa9 \xe7\x97\x9b", -1, 0);
	assert_string_equal(buf, "\xc3\xa9t\xc3\xa9 \xe7\x97\x9b");
}

static void
test_cut(void **state)
{
	char buf[64];
	int w;

	(void)state;
	assert_int_equal(text_safe(buf, sizeof buf, "abcdef", 3, 0), 3);
	assert_string_equal(buf, "abc");
	assert_int_equal(text_safe(buf, sizeof buf, "abcdef", 5,
	    TEXT_ELLIPSIS), 5);
	assert_string_equal(buf, "ab...");
	/* What fits is not marked. */
	text_safe(buf, sizeof buf, "abc", 3, TEXT_ELLIPSIS);
	assert_string_equal(buf, "abc");
	/* Never half a wide character ... */
	assert_int_equal(text_safe(buf, sizeof buf, "\xe7\x97\x9b\xe7\x97\x9b",
	    3, 0), 2);
	assert_string_equal(buf, "\xe7\x97\x9b");
	/* ... nor half an escape, nor a character without its mark. */
	text_safe(buf, sizeof buf, "ab\x1b" "c", 4, 0);
	assert_string_equal(buf, "ab");
	text_safe(buf, sizeof buf, "e\xcc\x81x", 1, 0);
	assert_string_equal(buf, "e\xcc\x81");
	/* The buffer is a limit too; the result is always terminated. */
	text_safe(buf, 12, "\x01\x02\x03\x04", -1, TEXT_ELLIPSIS);
	assert_string_equal(buf, "\\x01\\x02...");
	text_safe(buf, 4, "\xc3\xa9\xc3\xa9", -1, 0);
	assert_string_equal(buf, "\xc3\xa9");
	text_safe(buf, 1, "abc", -1, 0);
	assert_string_equal(buf, "");
	assert_int_equal(text_fit("\xc3\xa9t\xc3\xa9", 2, &w), 3);
	assert_int_equal(w, 2);
	assert_int_equal(text_fit("a\x1b", 3, &w), 1);
}

static void
test_dup_and_fputs(void **state)
{
	char *s, *path, *dir = tu_tempdir();
	FILE *fp;
	char got[64] = "";

	(void)state;
	s = text_safe_dup("\xef\xbb\xbf\xef\xbb\xbf\x01", -1, 0);
	assert_string_equal(s, "\\xEF\\xBB\\xBF\\xEF\\xBB\\xBF\\x01");
	free(s);
	path = xasprintf("%s/out", dir);
	fp = fopen(path, "w+");
	assert_non_null(fp);
	assert_int_equal(text_fputs("ok\x1b]0;x\x07 long text", 12,
	    TEXT_ELLIPSIS, fp), 0);
	rewind(fp);
	assert_non_null(fgets(got, sizeof got, fp));
	assert_string_equal(got, "ok\\x1B]0;...");
	fclose(fp);
	free(path);
	tu_rmrf(dir);
	free(dir);
}

struct lines {
	char text[8][64];
	size_t n;
};

static void
collect(void *ctx, size_t i, const char *start, size_t len)
{
	struct lines *l = ctx;

	assert_int_equal(i, l->n);
	if (l->n < 8)
		snprintf(l->text[l->n++], 64, "%.*s", (int)len, start);
}

/* Strict UTF-8: what Python's decoder refuses, the validator refuses,
 * and the files' text check with it. */
static void
test_strict_utf8(void **state)
{
	static const char *const bad[] = {
		"\xed\xa0\x80",			/* lone high surrogate */
		"\xed\xbf\xbf",			/* lone low surrogate */
		"\xed\xa0\xbd\xed\xb8\x80",	/* CESU-8 U+1F600 */
		"\xc0\x80", "\xc1\xbf",		/* overlong 2 bytes */
		"\xe0\x80\xaf", "\xe0\x9f\xbf",	/* overlong 3 bytes */
		"\xf0\x80\x80\xaf", "\xf0\x8f\xbf\xbf", /* overlong 4 */
		"\xf4\x90\x80\x80", "\xf5\x80\x80\x80", /* > U+10FFFF */
		"\xf8\x88\x80\x80\x80",		/* 5-byte form */
		"caf\xc3", "\x80", "\xe2\x82",	/* cut, stray */
	};
	static const char *const good[] = {
		"", "plain", "caf\xc3\xa9", "\xed\x9f\xbf", "\xee\x80\x80",
		"\xf0\x9f\x98\x80", "\xf4\x8f\xbf\xbf", "\xc2\x9b",
		"\xe2\x80\xae",
	};
	unsigned long cp;

	(void)state;
	for (size_t i = 0; i < ML_NELEM(bad); i++) {
		assert_false(text_utf8_valid(bad[i]));
		assert_false(ml_value_check(ML_T_TEXT, bad[i], NULL));
	}
	for (size_t i = 0; i < ML_NELEM(good); i++) {
		assert_true(text_utf8_valid(good[i]));
		assert_true(ml_value_check(ML_T_TEXT, good[i], NULL));
	}
	assert_int_equal(text_utf8_decode("\xf4\x8f\xbf\xbf", &cp), 4);
	assert_int_equal(cp, 0x10ffff);
	assert_int_equal(text_utf8_decode("\xed\xa0\x80", &cp), 0);
}

static void
test_wrap(void **state)
{
	struct lines l = { .n = 0 };

	(void)state;
	assert_int_equal(text_wrap("", 10, collect, &l), 0);
	assert_int_equal(text_wrap("the quick brown fox", 9, collect, &l), 2);
	assert_string_equal(l.text[0], "the quick");
	assert_string_equal(l.text[1], "brown fox");
	l.n = 0;
	assert_int_equal(text_wrap("the quick brown fox", 8, collect, &l), 4);
	assert_string_equal(l.text[0], "the");
	assert_string_equal(l.text[1], "quick");
	assert_string_equal(l.text[3], "fox");
	l.n = 0;
	/* Widths, not bytes: four wide characters take eight columns. */
	assert_int_equal(text_wrap("\xe7\x97\x9b\xe7\x97\x9b \xe7\x97\x9b"
	    "\xe7\x97\x9b", 5, collect, &l), 2);
	assert_string_equal(l.text[0], "\xe7\x97\x9b\xe7\x97\x9b");
	l.n = 0;
	/* A word wider than the line is cut between characters. */
	assert_int_equal(text_wrap("abcdefg", 3, collect, &l), 3);
	assert_string_equal(l.text[2], "g");
	l.n = 0;
	/* LF breaks the line; an empty line is kept. */
	assert_int_equal(text_wrap("a\n\nb c", 10, collect, &l), 3);
	assert_string_equal(l.text[1], "");
	assert_string_equal(l.text[2], "b c");
	assert_int_equal(text_wrap("caf\xc3\xa9 au lait", 4, NULL, NULL), 3);
	/* A C1 control wider than the line is never split from its byte
	 * pair, and a CR starts no line (fuzz-text found both). */
	l.n = 0;
	assert_int_equal(text_wrap("\r\xc2\x9b" "ab", 3, collect, &l), 2);
	assert_string_equal(l.text[0], "\xc2\x9b");
	assert_string_equal(l.text[1], "ab");
	/* A wide character in a 1-column line still moves on. */
	assert_int_equal(text_wrap("\xe7\x97\x9b\xe7\x97\x9b", 1, NULL, NULL),
	    2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_gate),
		cmocka_unit_test(test_cut),
		cmocka_unit_test(test_dup_and_fputs),
		cmocka_unit_test(test_wrap),
		cmocka_unit_test(test_strict_utf8),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
