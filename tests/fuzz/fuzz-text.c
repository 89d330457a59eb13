/*
 * fuzz-text.c - the output gate, cutting and word wrap (text.c) on
 * arbitrary bytes.  The first byte picks the column limit.
 *
 * Promises checked beyond memory safety: what the gate lets out is strict
 * UTF-8 (checked apart from text.c) with no C0 control, ESC, DEL, C1
 * control or bidi control, also when written to a FILE (text_fputs) and
 * in a wrapped line; it fits the
 * columns it was given and says how many it used; gating it again changes
 * nothing; every wrapped line fits its columns.
 */
#include <string.h>

#include "fuzz.h"
#include "mendlog.h"
#include "text.h"

/* Strict UTF-8 (no overlong form, surrogate or code point above
 * U+10FFFF; written apart from text.c's decoder) with nothing the gate
 * must stop: no C0 control, ESC, DEL, C1 control or bidi control. */
static int
is_inert(const unsigned char *p)
{
	static const unsigned long min[] = { 0, 0x80, 0x800, 0x10000 };

	while (*p) {
		unsigned long c;
		int n;

		if (*p < 0x80) {
			if (*p < 0x20 || *p == 0x7f)
				return 0;
			p++;
			continue;
		}
		n = *p >= 0xf8 ? -1 : *p >= 0xf0 ? 3 : *p >= 0xe0 ? 2 :
		    *p >= 0xc0 ? 1 : -1;
		if (n < 0)
			return 0;
		c = *p & (0x3fu >> n);
		for (int i = 1; i <= n; i++) {
			if ((p[i] & 0xc0) != 0x80)
				return 0;
			c = (c << 6) | (p[i] & 0x3fu);
		}
		if (c < min[n] || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
			return 0;
		if ((c >= 0x80 && c < 0xa0) || c == 0x061c || c == 0x200e ||
		    c == 0x200f || (c >= 0x202a && c <= 0x202e) ||
		    (c >= 0x2066 && c <= 0x2069))
			return 0;
		p += n + 1;
	}
	return 1;
}

struct wrap_check {
	int cols;
};

static void
check_line(void *ctx, size_t i, const char *start, size_t len)
{
	struct wrap_check *w = ctx;
	char *line = xstrndup(start, len), *shown;

	(void)i;
	shown = text_safe_dup(line, w->cols, 0);
	FUZZ_ASSERT(is_inert((const unsigned char *)shown));
	free(shown);
	/* A single unit wider than the line is the only overflow. */
	FUZZ_ASSERT(text_width(line) <= w->cols ||
	    text_fit(line, w->cols, NULL) == 0);
	free(line);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char buf[256], *s, *out, *again;
	int cols, w;

	if (size == 0)
		return 0;
	cols = data[0] == 0xff ? -1 : data[0] % 90;
	s = xstrndup((const char *)data + 1, size - 1);

	w = text_safe(buf, sizeof buf, s, cols, TEXT_ELLIPSIS);
	FUZZ_ASSERT(is_inert((const unsigned char *)buf));
	FUZZ_ASSERT(text_width(buf) == w);
	FUZZ_ASSERT(cols < 0 || w <= cols);

	out = text_safe_dup(s, -1, 0);
	FUZZ_ASSERT(is_inert((const unsigned char *)out));
	FUZZ_ASSERT(text_width(out) == text_width(s));
	again = text_safe_dup(out, -1, 0);
	FUZZ_ASSERT(strcmp(again, out) == 0);
	free(again);
	free(out);

	/* The FILE path of the gate: the same bytes as the buffer path. */
	{
		char *mem = NULL;
		size_t memlen = 0;
		FILE *fp = open_memstream(&mem, &memlen);

		FUZZ_ASSERT(fp != NULL);
		FUZZ_ASSERT(text_fputs(s, cols, TEXT_ELLIPSIS, fp) == 0);
		fclose(fp);
		FUZZ_ASSERT(is_inert((const unsigned char *)mem));
		out = text_safe_dup(s, cols, TEXT_ELLIPSIS);
		FUZZ_ASSERT(strcmp(mem, out) == 0);
		free(out);
		free(mem);
	}

	/* A padded cell: gated whole, at least @cols wide. */
	text_pad(buf, sizeof buf, s, cols);
	FUZZ_ASSERT(is_inert((const unsigned char *)buf));
	FUZZ_ASSERT(strlen(buf) + 1 == sizeof buf || text_width(buf) >= cols);

	FUZZ_ASSERT(text_fit(s, cols, &w) <= strlen(s));
	FUZZ_ASSERT(cols < 0 || w <= cols);
	if (cols > 0)
		text_wrap(s, cols, check_line, &(struct wrap_check){ cols });
	free(s);
	return 0;
}
