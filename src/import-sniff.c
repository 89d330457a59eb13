/*
 * import-sniff.c - read an imported CSV whatever its delimiter, and find
 * its header row.
 *
 * Guessing the delimiter from character counts goes wrong on exactly the
 * files people import: a title row "Plan for J. Smith, week 1" above a
 * ';' table, or instructions full of commas.  So the whole file is parsed
 * once per candidate and the header decides: a delimiter that splits the
 * header into known column names is the right one.  Plans are small, so
 * three parses cost nothing worth saving.
 *
 * Line numbers follow csvio.c's rules (CRLF, bare CR, newlines inside
 * quotes), so problems point at the same lines a text editor shows.
 */
#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csvio.h"
#include "import-sniff.h"

static const char candidates[] = { ',', ';', '\t' };

struct sniff_state {
	struct import_sheet *sheet;
	char **cells;		/* the record being read */
	size_t ncells, cap;
	long line, row_line, pending_nl;
	bool cr_pending;
	size_t rows_cap;
};

static void
free_cells(char **cells, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(cells[i]);
	free(cells);
}

void
import_sheet_free(struct import_sheet *sheet)
{
	for (size_t r = 0; r < sheet->nrows; r++)
		free_cells(sheet->rows[r].cells, sheet->rows[r].ncells);
	free(sheet->rows);
	sheet->rows = NULL;
	sheet->nrows = 0;
	sheet->header = -1;
}

const char *
import_delim_name(char delim)
{
	return delim == ';' ? "';'" : delim == '\t' ? "tab" : "','";
}

static void
field_cb(void *data, size_t len, void *vctx)
{
	struct sniff_state *st = vctx;
	const char *s = data != NULL ? data : "";

	if (st->ncells == 0) {
		if (st->cr_pending) {	/* a bare CR ended the last line */
			st->line++;
			st->cr_pending = false;
		}
		st->row_line = st->line;
	}
	for (const char *nl = memchr(s, '\n', len); nl != NULL;
	    nl = memchr(nl + 1, '\n', len - (size_t)(nl + 1 - s)))
		st->pending_nl++;
	if (st->ncells == st->cap) {
		st->cap = st->cap ? st->cap * 2 : 16;
		st->cells = xreallocarray(st->cells, st->cap, sizeof *st->cells);
	}
	st->cells[st->ncells++] = xstrndup(s, len);
}

static void
row_cb(int c, void *vctx)
{
	struct sniff_state *st = vctx;
	struct import_sheet *sh = st->sheet;

	if (st->ncells > 0) {
		if (sh->nrows == st->rows_cap) {
			st->rows_cap = st->rows_cap ? st->rows_cap * 2 : 32;
			sh->rows = xreallocarray(sh->rows, st->rows_cap,
			    sizeof *sh->rows);
		}
		sh->rows[sh->nrows].cells = st->cells;
		sh->rows[sh->nrows].ncells = st->ncells;
		sh->rows[sh->nrows].line = st->row_line;
		sh->nrows++;
		st->cells = NULL;
		st->ncells = st->cap = 0;
		st->line += st->pending_nl;
		st->pending_nl = 0;
	}
	if (c == '\n') {
		st->line++;
		st->cr_pending = false;
	} else if (c == '\r') {
		if (st->cr_pending)
			st->line++;
		st->cr_pending = true;
	}
}

static int
never_space(unsigned char c)
{
	(void)c;
	return 0;	/* spaces (and tabs) are data; the importer trims */
}

static long
line_at(const char *buf, size_t pos)
{
	long line = 1;

	for (size_t i = 0; i < pos; i++)
		if (buf[i] == '\n')
			line++;
	return line;
}

/* Parse @buf (@len bytes, BOM already skipped; @skip bytes before it in
 * the file) with @delim into @out.  -1 with @err on a syntax error. */
static int
parse_with(const char *buf, size_t len, size_t skip, char delim,
    const char *path, struct import_sheet *out, struct ml_error *err)
{
	struct csv_parser p;
	struct sniff_state st;
	size_t done;
	int rc = -1;

	memset(out, 0, sizeof *out);
	out->delim = delim;
	out->header = -1;
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL |
	    CSV_REPALL_NL) != 0) {
		ml_error_set(err, path, 0, NULL, "cannot start CSV parser");
		return -1;
	}
	csv_set_delim(&p, (unsigned char)delim);
	csv_set_space_func(&p, never_space);
	/* A bare CR inside a cell is data, as in the diary's own files. */
	csvio_set_line_ends(&p, buf, len);
	memset(&st, 0, sizeof st);
	st.sheet = out;
	st.line = 1;
	done = csv_parse(&p, buf, len, field_cb, row_cb, &st);
	if (done != len) {
		ml_error_set(err, path, line_at(buf - skip, skip + done), NULL,
		    "CSV syntax error (%s): a quote inside an unquoted field, "
		    "or text after a closing quote", csv_strerror(csv_error(&p)));
	} else if (csv_fini(&p, field_cb, row_cb, &st) != 0) {
		ml_error_set(err, path, st.ncells > 0 ? st.row_line : st.line +
		    (st.cr_pending ? 1 : 0), NULL,
		    "unterminated quoted field (a \" is never closed)");
	} else {
		rc = 0;
	}
	free_cells(st.cells, st.ncells);
	csv_free(&p);
	if (rc != 0)
		import_sheet_free(out);
	return rc;
}

/* The candidate used most on the first non-blank line, outside quotes. */
static char
likely_delim(const char *buf, size_t len)
{
	size_t count[sizeof candidates] = { 0 }, best = 0;
	bool quoted = false, seen = false;

	for (size_t i = 0; i < len; i++) {
		if (buf[i] == '"')
			quoted = !quoted;
		if (!quoted && (buf[i] == '\n' || buf[i] == '\r')) {
			if (seen)
				break;
			continue;
		}
		seen = true;
		for (size_t c = 0; c < sizeof candidates && !quoted; c++)
			if (buf[i] == candidates[c])
				count[c]++;
	}
	for (size_t c = 1; c < sizeof candidates; c++)
		if (count[c] > count[best])
			best = c;
	return candidates[best];
}

static char *
read_all(const char *path, size_t *len, struct ml_error *err)
{
	struct stat st;
	size_t cap = 4096;
	char *buf;
	int fd = open(path, O_RDONLY | O_NOCTTY | O_CLOEXEC);

	if (fd < 0) {
		ml_error_set(err, path, 0, NULL, "%s", errno == ENOENT ?
		    "no such file" : strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		ml_error_set(err, path, 0, NULL, "not a regular file");
		close(fd);
		return NULL;
	}
	buf = xmalloc(cap);
	*len = 0;
	for (;;) {
		ssize_t n;

		if (*len == cap) {
			cap *= 2;
			buf = xrealloc(buf, cap);
		}
		n = read(fd, buf + *len, cap - *len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			ml_error_set(err, path, 0, NULL, "read: %s", strerror(errno));
			free(buf);
			close(fd);
			return NULL;
		}
		if (n == 0)
			break;
		*len += (size_t)n;
	}
	close(fd);
	return buf;
}

int
import_sheet_read(const char *path, import_score_fn score, void *ctx,
    struct import_sheet *out, struct ml_error *err)
{
	struct import_sheet best, cand;
	struct ml_error first_err;
	const char *nul;
	char *buf, likely;
	size_t len, skip = 0;
	int best_score = -1;

	memset(out, 0, sizeof *out);
	out->header = -1;
	if ((buf = read_all(path, &len, err)) == NULL)
		return -1;
	if ((nul = memchr(buf, '\0', len)) != NULL) {
		ml_error_set(err, path, line_at(buf, (size_t)(nul - buf)), NULL,
		    "NUL byte in file (not a text CSV file)");
		free(buf);
		return -1;
	}
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		skip = 3;
	likely = likely_delim(buf + skip, len - skip);
	memset(&best, 0, sizeof best);
	memset(&first_err, 0, sizeof first_err);
	for (size_t c = 0; c < sizeof candidates; c++) {
		struct ml_error e;
		int sc = 0;

		if (parse_with(buf + skip, len - skip, skip, candidates[c], path,
		    &cand, &e) != 0) {
			if (candidates[c] == likely)
				first_err = e;
			continue;
		}
		for (size_t r = 0; r < cand.nrows && r < IMPORT_HEADER_ROWS;
		    r++) {
			int rs = score(ctx, (const char *const *)cand.rows[r].cells,
			    cand.rows[r].ncells);

			if (rs > sc) {
				sc = rs;
				cand.header = (long)r;
			}
		}
		/* With no header anywhere, keep the likely delimiter's parse,
		 * so the rows named in the error are split as the file meant. */
		if (sc > best_score || (sc == 0 && best_score == 0 &&
		    candidates[c] == likely)) {
			import_sheet_free(&best);
			best = cand;
			best_score = sc;
		} else {
			import_sheet_free(&cand);
		}
	}
	free(buf);
	if (best_score < 0) {
		if (first_err.msg[0] == '\0')
			ml_error_set(&first_err, path, 0, NULL, "CSV syntax error");
		*err = first_err;
		return -1;
	}
	*out = best;
	return 0;
}
