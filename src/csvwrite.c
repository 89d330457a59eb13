/*
 * csvwrite.c - writing CSV rows (csvio.h): RFC 4180 quoting, the
 * delimiter, CRLF and BOM of a struct csv_style.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvio.h"

static bool
needs_quotes(const char *s, size_t len, char delim)
{
	if (len == 0)
		return false;
	/* Unquoted, a leading BOM would be taken for the file's own BOM. */
	if (len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
		return true;
	if (s[0] == ' ' || s[0] == '\t' || s[len - 1] == ' ' || s[len - 1] == '\t')
		return true;
	for (size_t i = 0; i < len; i++)
		if (s[i] == delim || s[i] == '"' || s[i] == '\n' || s[i] == '\r')
			return true;
	return false;
}

/* Room for @more bytes in the row being built (on the stack at first). */
static void
row_reserve(char **buf, size_t *cap, size_t len, size_t more, char *stack)
{
	size_t want;

	if (more <= *cap - len)
		return;
	want = *cap * 2 > len + more ? *cap * 2 : len + more;
	if (*buf == stack) {
		*buf = xmalloc(want);
		memcpy(*buf, stack, len);
	} else {
		*buf = xrealloc(*buf, want);
	}
	*cap = want;
}

int
csvio_write_row(FILE *fp, const char *const *cells, size_t n,
    const struct csv_style *style)
{
	char delim = style && style->delim ? style->delim : ',';
	char stack[4096], *buf = stack;
	size_t len = 0, cap = sizeof stack;
	int rc;

	/* The row is built in memory and written with one fwrite: cell by
	 * cell through stdio was most of an export's writing time. */
	for (size_t i = 0; i < n; i++) {
		const char *s = cells[i] ? cells[i] : "";
		size_t slen = strlen(s);

		row_reserve(&buf, &cap, len, 2 * slen + 3, stack);
		if (i > 0)
			buf[len++] = delim;
		/* A lone empty cell would be a blank line, which the parser
		 * skips: quote it so the row (or header) survives. */
		if (needs_quotes(s, slen, delim) || (n == 1 && slen == 0)) {
			buf[len++] = '"';
			for (size_t k = 0; k < slen; k++) {
				if (s[k] == '"')
					buf[len++] = '"';
				buf[len++] = s[k];
			}
			buf[len++] = '"';
		} else {
			memcpy(buf + len, s, slen);
			len += slen;
		}
	}
	row_reserve(&buf, &cap, len, 2, stack);
	if (style && style->crlf)
		buf[len++] = '\r';
	buf[len++] = '\n';
	rc = fwrite(buf, 1, len, fp) == len ? 0 : -1;
	if (buf != stack)
		free(buf);
	return rc;
}

int
csvio_write_table(FILE *fp, const struct ml_table *t,
    const struct csv_style *style)
{
	if (style && style->bom && fputs("\xef\xbb\xbf", fp) == EOF)
		return -1;
	if (csvio_write_row(fp, (const char *const *)t->header, t->ncols,
	    style) != 0)
		return -1;
	for (size_t i = 0; i < t->nrows; i++)
		if (csvio_write_row(fp, (const char *const *)t->rows[i].cells,
		    t->rows[i].ncells, style) != 0)
			return -1;
	return 0;
}
