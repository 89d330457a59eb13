/*
 * fuzz-utf8.c - the strict UTF-8 validator (text_utf8_valid, and the
 * files' text check ml_value_check(ML_T_TEXT) built on it) against a
 * reference written from a different description: the table of
 * well-formed byte sequences in the Unicode Standard (Table 3-7).
 *
 * Promises checked: both agree with the reference on every input (no
 * surrogate, overlong form, CESU-8 pair or code point above U+10FFFF gets
 * through, nothing valid is refused); text that passes and holds nothing
 * the gate stops leaves the gate unchanged; the gate's output is always
 * valid by the reference.
 */
#include <stdbool.h>
#include <string.h>

#include "fuzz.h"
#include "mendlog.h"
#include "schema.h"
#include "text.h"

/* Table 3-7: for each lead byte range, the allowed range of the second
 * byte; later bytes are 80..BF. */
static const struct {
	unsigned char lo, hi, len, b2lo, b2hi;
} wellformed[] = {
	{ 0x00, 0x7f, 1, 0, 0 },
	{ 0xc2, 0xdf, 2, 0x80, 0xbf },
	{ 0xe0, 0xe0, 3, 0xa0, 0xbf },
	{ 0xe1, 0xec, 3, 0x80, 0xbf },
	{ 0xed, 0xed, 3, 0x80, 0x9f },
	{ 0xee, 0xef, 3, 0x80, 0xbf },
	{ 0xf0, 0xf0, 4, 0x90, 0xbf },
	{ 0xf1, 0xf3, 4, 0x80, 0xbf },
	{ 0xf4, 0xf4, 4, 0x80, 0x8f },
};

/* Length of the well-formed sequence at @p, or 0. */
static size_t
ref_seq(const unsigned char *p)
{
	for (size_t i = 0; i < sizeof wellformed / sizeof wellformed[0]; i++) {
		if (*p < wellformed[i].lo || *p > wellformed[i].hi)
			continue;
		if (wellformed[i].len == 1)
			return 1;
		if (p[1] < wellformed[i].b2lo || p[1] > wellformed[i].b2hi)
			return 0;
		for (size_t k = 2; k < wellformed[i].len; k++)
			if (p[k] < 0x80 || p[k] > 0xbf)
				return 0;
		return wellformed[i].len;
	}
	return 0;
}

static bool
ref_valid(const char *s, bool *controls)
{
	const unsigned char *p = (const unsigned char *)s;

	*controls = false;
	while (*p) {
		size_t n = ref_seq(p);

		if (n == 0)
			return false;
		if (n == 1 && (*p < 0x20 || *p == 0x7f))
			*controls = true;
		if (n == 2 && p[0] == 0xc2 && p[1] < 0xa0)
			*controls = true;		/* C1 */
		if (n == 3 && ((p[0] == 0xe2 && p[1] == 0x80 &&
		    (p[2] == 0x8e || p[2] == 0x8f ||
		    (p[2] >= 0xaa && p[2] <= 0xae))) ||
		    (p[0] == 0xe2 && p[1] == 0x81 && p[2] >= 0xa6 &&
		    p[2] <= 0xa9) || (p[0] == 0xef && p[1] == 0xbb &&
		    p[2] == 0xbf)))
			*controls = true;		/* bidi, BOM */
		if (n == 2 && p[0] == 0xd8 && p[1] == 0x9c)
			*controls = true;		/* U+061C */
		p += n;
	}
	return true;
}

/* The file check allows tab, LF and CR among the C0 controls, and DEL
 * (harmless in a file; the gate shows it as \x7F). */
static bool
file_controls_ok(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
			return false;
	return true;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = xstrndup((const char *)data, size);
	bool controls, valid = ref_valid(s, &controls);
	char *out;

	FUZZ_ASSERT(text_utf8_valid(s) == valid);
	FUZZ_ASSERT(ml_value_check(ML_T_TEXT, s, NULL) ==
	    (valid && file_controls_ok(s)));

	/* Valid text with nothing to stop passes the gate unchanged. */
	out = text_safe_dup(s, -1, 0);
	if (valid && !controls)
		FUZZ_ASSERT(strcmp(out, s) == 0);
	FUZZ_ASSERT(ref_valid(out, &controls) && !controls);
	free(out);
	free(s);
	return 0;
}
