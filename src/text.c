/*
 * text.c - display width, cutting, word wrap and the output gate.  See
 * text.h for what is escaped and why width comes from a table.
 *
 * Every function walks the text one "unit" at a time: a printable
 * character copied as it is, or the escape that stands for a control
 * character, a bidi control or an invalid byte.  A unit is never split,
 * which is what makes a cut safe.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "mendlog.h"
#include "text.h"

struct unit {
	char out[16];		/* what is printed, NUL-terminated */
	size_t outlen;
	size_t inlen;		/* bytes of the source it stands for */
	int width;
	bool space;		/* a place a line may break */
	bool newline;		/* a kept LF (TEXT_NEWLINES) */
};

struct range {
	unsigned long first, last;
};

/* Zero-width: combining marks and joiners (a subset of Unicode 15's Mn,
 * Me and Cf that text in a diary meets). */
static const struct range zero_width[] = {
	{ 0x0300, 0x036f }, { 0x0483, 0x0489 }, { 0x0591, 0x05bd },
	{ 0x05bf, 0x05bf }, { 0x05c1, 0x05c2 }, { 0x05c4, 0x05c5 },
	{ 0x05c7, 0x05c7 }, { 0x0610, 0x061a }, { 0x064b, 0x065f },
	{ 0x0670, 0x0670 }, { 0x06d6, 0x06dc }, { 0x06df, 0x06e4 },
	{ 0x06e7, 0x06e8 }, { 0x06ea, 0x06ed }, { 0x0900, 0x0902 },
	{ 0x093a, 0x093a }, { 0x093c, 0x093c }, { 0x0941, 0x0948 },
	{ 0x094d, 0x094d }, { 0x0951, 0x0957 }, { 0x0e31, 0x0e31 },
	{ 0x0e34, 0x0e3a }, { 0x0e47, 0x0e4e }, { 0x1ab0, 0x1aff },
	{ 0x1dc0, 0x1dff }, { 0x200b, 0x200d }, { 0x2060, 0x2064 },
	{ 0x20d0, 0x20ff }, { 0x302a, 0x302d }, { 0x3099, 0x309a },
	{ 0xfe00, 0xfe0f }, { 0xfe20, 0xfe2f }, { 0xe0100, 0xe01ef },
};

/* Two columns: East Asian Wide and Fullwidth, and emoji. */
static const struct range wide[] = {
	{ 0x1100, 0x115f }, { 0x231a, 0x231b }, { 0x2329, 0x232a },
	{ 0x23e9, 0x23ec }, { 0x23f0, 0x23f0 }, { 0x23f3, 0x23f3 },
	{ 0x25fd, 0x25fe }, { 0x2614, 0x2615 }, { 0x2648, 0x2653 },
	{ 0x267f, 0x267f }, { 0x2693, 0x2693 }, { 0x26a1, 0x26a1 },
	{ 0x26aa, 0x26ab }, { 0x26bd, 0x26be }, { 0x26c4, 0x26c5 },
	{ 0x26ce, 0x26ce }, { 0x26d4, 0x26d4 }, { 0x26ea, 0x26ea },
	{ 0x26f2, 0x26f3 }, { 0x26f5, 0x26f5 }, { 0x26fa, 0x26fa },
	{ 0x26fd, 0x26fd }, { 0x2705, 0x2705 }, { 0x270a, 0x270b },
	{ 0x2728, 0x2728 }, { 0x274c, 0x274c }, { 0x274e, 0x274e },
	{ 0x2753, 0x2755 }, { 0x2757, 0x2757 }, { 0x2795, 0x2797 },
	{ 0x27b0, 0x27b0 }, { 0x27bf, 0x27bf }, { 0x2b1b, 0x2b1c },
	{ 0x2b50, 0x2b50 }, { 0x2b55, 0x2b55 }, { 0x2e80, 0x303e },
	{ 0x3041, 0x33ff }, { 0x3400, 0x4dbf }, { 0x4e00, 0x9fff },
	{ 0xa000, 0xa4cf }, { 0xa960, 0xa97f }, { 0xac00, 0xd7a3 },
	{ 0xf900, 0xfaff }, { 0xfe10, 0xfe19 }, { 0xfe30, 0xfe6f },
	{ 0xff00, 0xff60 }, { 0xffe0, 0xffe6 }, { 0x16fe0, 0x16fe4 },
	{ 0x17000, 0x18cff }, { 0x1b000, 0x1b2ff }, { 0x1f004, 0x1f004 },
	{ 0x1f0cf, 0x1f0cf }, { 0x1f18e, 0x1f18e }, { 0x1f191, 0x1f19a },
	{ 0x1f200, 0x1f251 }, { 0x1f300, 0x1f320 }, { 0x1f32d, 0x1f335 },
	{ 0x1f337, 0x1f37c }, { 0x1f37e, 0x1f393 }, { 0x1f3a0, 0x1f3ca },
	{ 0x1f3cf, 0x1f3d3 }, { 0x1f3e0, 0x1f3f0 }, { 0x1f3f4, 0x1f3f4 },
	{ 0x1f3f8, 0x1f43e }, { 0x1f440, 0x1f440 }, { 0x1f442, 0x1f4fc },
	{ 0x1f4ff, 0x1f53d }, { 0x1f54b, 0x1f54e }, { 0x1f550, 0x1f567 },
	{ 0x1f57a, 0x1f57a }, { 0x1f595, 0x1f596 }, { 0x1f5a4, 0x1f5a4 },
	{ 0x1f5fb, 0x1f64f }, { 0x1f680, 0x1f6c5 }, { 0x1f6cc, 0x1f6cc },
	{ 0x1f6d0, 0x1f6d2 }, { 0x1f6d5, 0x1f6d7 }, { 0x1f6eb, 0x1f6ec },
	{ 0x1f6f4, 0x1f6fc }, { 0x1f7e0, 0x1f7eb }, { 0x1f90c, 0x1f93a },
	{ 0x1f93c, 0x1f945 }, { 0x1f947, 0x1f9ff }, { 0x1fa70, 0x1faff },
	{ 0x20000, 0x2fffd }, { 0x30000, 0x3fffd },
};

static bool
in_table(unsigned long cp, const struct range *t, size_t n)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (cp < t[mid].first)
			hi = mid;
		else if (cp > t[mid].last)
			lo = mid + 1;
		else
			return true;
	}
	return false;
}

static bool
is_bidi_control(unsigned long cp)
{
	return cp == 0x061c || cp == 0x200e || cp == 0x200f ||
	    (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

int
text_cp_width(unsigned long cp)
{
	if (cp < 0x20 || cp == 0x7f)
		return 4;			/* \xHH */
	if ((cp >= 0x80 && cp < 0xa0) || is_bidi_control(cp))
		return 8;			/* <U+HHHH> */
	if (cp == 0xfeff)
		return 12;			/* \xEF\xBB\xBF */
	if (in_table(cp, zero_width, ML_NELEM(zero_width)))
		return 0;
	if (in_table(cp, wide, ML_NELEM(wide)))
		return 2;
	return 1;
}

/* Decode the valid UTF-8 sequence at @p into *cp; its length, or 0. */
static size_t
decode(const unsigned char *p, unsigned long *cp)
{
	return text_utf8_decode((const char *)p, cp);
}

size_t
text_utf8_decode(const char *s, unsigned long *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n;
	unsigned long c, min;

	if (*p < 0x80) {
		*cp = *p;
		return 1;
	}
	if (*p >= 0xc2 && *p <= 0xdf)
		n = 2, c = *p & 0x1fu, min = 0x80;
	else if (*p >= 0xe0 && *p <= 0xef)
		n = 3, c = *p & 0x0fu, min = 0x800;
	else if (*p >= 0xf0 && *p <= 0xf4)
		n = 4, c = *p & 0x07u, min = 0x10000;
	else
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (p[i] & 0x3fu);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n;
}

static void
byte_escape(struct unit *u, const unsigned char *p, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	char *o = u->out;

	for (size_t i = 0; i < n; i++) {
		*o++ = '\\';
		*o++ = 'x';
		*o++ = hex[p[i] >> 4];
		*o++ = hex[p[i] & 0xf];
	}
	*o = '\0';
	u->outlen = 4 * n;
	u->width = (int)u->outlen;
}

/* The unit at @p (not at the NUL). */
static void
next_unit(const char *s, unsigned flags, struct unit *u)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned long cp;
	size_t n = decode(p, &cp);

	memset(u, 0, sizeof *u);
	u->inlen = n > 0 ? n : 1;
	if (n == 0) {
		byte_escape(u, p, 1);
		return;
	}
	if (cp == '\n' && (flags & TEXT_NEWLINES)) {
		u->newline = u->space = true;
		memcpy(u->out, "\n", 2);
		u->outlen = 1;
		return;
	}
	if (cp == '\t' || cp == '\n' || cp == '\r' || cp == ' ') {
		/* A tab's width depends on the column it starts at; one space
		 * keeps every count here exact. */
		memcpy(u->out, " ", 2);
		u->outlen = 1;
		u->width = 1;
		u->space = true;
		return;
	}
	if (cp < 0x20 || cp == 0x7f || cp == 0xfeff) {
		byte_escape(u, p, n);
		return;
	}
	if ((cp >= 0x80 && cp < 0xa0) || is_bidi_control(cp)) {
		u->outlen = (size_t)snprintf(u->out, sizeof u->out, "<U+%04lX>",
		    cp);
		u->width = (int)u->outlen;
		return;
	}
	memcpy(u->out, s, n);
	u->out[n] = '\0';
	u->outlen = n;
	u->width = text_cp_width(cp);
}

bool
text_utf8_valid(const char *s)
{
	unsigned long cp;

	while (*s) {
		size_t n = text_utf8_decode(s, &cp);

		if (n == 0)
			return false;
		s += n;
	}
	return true;
}

int
text_width(const char *s)
{
	struct unit u;
	int w = 0;

	for (; *s; s += u.inlen) {
		next_unit(s, 0, &u);
		w += u.width;
	}
	return w;
}

size_t
text_fit(const char *s, int cols, int *width)
{
	const char *p = s;
	struct unit u;
	int w = 0;

	for (; *p; p += u.inlen) {
		next_unit(p, 0, &u);
		if (cols >= 0 && w + u.width > cols)
			break;
		w += u.width;
	}
	if (width != NULL)
		*width = w;
	return (size_t)(p - s);
}

/* Where the gated output goes: a buffer of @size bytes (room for the NUL
 * kept), or a FILE. */
struct sink {
	char *buf;
	size_t size, off;
	FILE *fp;
	bool failed;
};

static bool
sink_room(const struct sink *k, size_t n)
{
	return k->fp != NULL || k->off + n < k->size;
}

static void
sink_put(struct sink *k, const char *s, size_t n)
{
	if (k->fp != NULL) {
		if (fwrite(s, 1, n, k->fp) != n)
			k->failed = true;
		return;
	}
	memcpy(k->buf + k->off, s, n);
	k->off += n;
	k->buf[k->off] = '\0';
}

/*
 * The gate proper.  A first pass asks whether all of @s fits (columns and
 * sink); if not, the text is cut at the last unit after which "..." still
 * fits.
 */
static int
gate(struct sink *k, const char *s, int cols, unsigned flags)
{
	bool ellipsis = (flags & TEXT_ELLIPSIS) != 0;
	struct unit u;
	const char *p;
	int w = 0, limit = cols;
	size_t bytes = 0;
	bool fits = true;

	for (p = s; *p; p += u.inlen) {
		next_unit(p, flags, &u);
		if ((cols >= 0 && w + u.width > cols) ||
		    !sink_room(k, bytes + u.outlen)) {
			fits = false;
			break;
		}
		w += u.width;
		bytes += u.outlen;
	}
	if (!fits && ellipsis && (cols < 0 || cols >= 3))
		limit = cols < 0 ? -1 : cols - 3;
	else
		ellipsis = false;

	w = 0;
	for (p = s; *p; p += u.inlen) {
		next_unit(p, flags, &u);
		if (!fits) {
			if (limit >= 0 && w + u.width > limit)
				break;
			if (!sink_room(k, u.outlen + (ellipsis ? 3 : 0)))
				break;
		}
		sink_put(k, u.out, u.outlen);
		w += u.width;
	}
	if (ellipsis && sink_room(k, 3)) {
		sink_put(k, "...", 3);
		w += 3;
	}
	return w;
}

int
text_safe(char *buf, size_t size, const char *s, int cols, unsigned flags)
{
	struct sink k = { .buf = buf, .size = size };

	if (size == 0)
		return 0;
	buf[0] = '\0';
	return gate(&k, s, cols, flags);
}

void
text_cell(char *buf, size_t size, const char *s, int cols)
{
	int w;
	size_t off;

	if (size == 0 || cols < 0)
		return;
	/* Keep room for the padding: at most @cols spaces. */
	w = text_safe(buf, size > (size_t)cols ? size - (size_t)cols : 1, s,
	    cols, 0);
	off = strlen(buf);
	for (; w < cols && off + 1 < size; w++)
		buf[off++] = ' ';
	buf[off] = '\0';
}

void
text_pad(char *buf, size_t size, const char *s, int cols)
{
	int w;
	size_t off;

	if (size == 0)
		return;
	w = text_safe(buf, size, s, -1, 0);
	off = strlen(buf);
	for (; w < cols && off + 1 < size; w++)
		buf[off++] = ' ';
	buf[off] = '\0';
}

char *
text_safe_dup(const char *s, int cols, unsigned flags)
{
	/* No unit is more than 4 bytes out per byte in ("\xHH" from one
	 * byte, "<U+009B>" from two). */
	size_t size = strlen(s) * 4 + 16;
	char *buf = xmalloc(size);

	text_safe(buf, size, s, cols, flags);
	return buf;
}

int
text_fputs(const char *s, int cols, unsigned flags, FILE *fp)
{
	struct sink k = { .fp = fp };

	gate(&k, s, cols, flags);
	return k.failed || ferror(fp) ? EOF : 0;
}

size_t
text_wrap(const char *s, int cols, text_line_fn *line, void *ctx)
{
	size_t nlines = 0;
	struct unit u;

	if (cols < 1)
		cols = 1;
	while (*s) {
		const char *p, *brk = NULL;
		int w = 0;

		while (*s == ' ' || *s == '\t' || *s == '\r')
			s++;
		if (*s == '\0')
			break;
		for (p = s; *p && *p != '\n'; p += u.inlen) {
			next_unit(p, 0, &u);
			if (w + u.width > cols)
				break;
			if (u.space)
				brk = p;
			w += u.width;
		}
		/* Break at the last space, unless the line ends anyway. */
		if (*p && *p != '\n' && !(u.space) && brk != NULL)
			p = brk;
		if (p == s && *p && *p != '\n') {
			/* One unit wider than @cols: alone on its line. */
			next_unit(s, 0, &u);
			p += u.inlen;
		}
		if (line != NULL)
			line(ctx, nlines, s, (size_t)(p - s));
		nlines++;
		s = *p == '\n' ? p + 1 : p;
	}
	return nlines;
}

void
text_print_error(FILE *fp, const struct ml_error *err, const char *suffix)
{
	char buf[2048];

	ml_error_format(err, buf, sizeof buf);
	fputs("mendlog: ", fp);
	text_fputs(buf, -1, TEXT_NEWLINES, fp);
	fprintf(fp, "%s\n", suffix != NULL ? suffix : "");
}
