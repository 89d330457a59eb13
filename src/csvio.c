/*
 * csvio.c - the one CSV parser, through libcsv: whole, filtered and
 * streaming reads (csvio.h).  The writer is csvwrite.c, the atomic save
 * save.c, the table table.c.
 *
 * libcsv does not count lines, so the parser tracks them itself: it asks
 * libcsv to report every unquoted line end (CSV_REPALL_NL) and adds the
 * newlines found inside quoted fields.  That keeps FILE:LINE right for
 * quoted multi-line notes, blank lines and CRLF files alike.
 *
 * Rows read into a table are packed into its arena (table.h); a row the
 * filter drops gives its cells back at once.
 */
#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csvio.h"

struct parse_state {
	struct ml_table *t;
	char **cells;		/* the row being built (scratch) */
	size_t ncells, cap;
	long line;		/* line the next record starts on */
	long row_line;		/* line the current record started on */
	long pending_nl;	/* newlines inside the current record's fields */
	long header_line;	/* line the header started on */
	bool cr_pending;	/* last line end was a CR: maybe CRLF */
	bool have_header;
	/* A filtered read (csvio_read_file_filtered): */
	const struct csvio_filter *filter;
	long filter_col;	/* its column in the header, -1 = none */
	bool drop_row;		/* the current row fails the filter */
	struct ml_table_mark mark; /* arena as the current row began, so a
				 * dropped row gives its cells back */
	/* Streaming mode (csvio_stream_file) only: */
	bool stream;
	bool stop;		/* header refused: parse on, report no rows */
	char *sbuf;		/* the record's cells, NUL-terminated */
	size_t sused, scap;
	size_t *offs;		/* cell offsets into sbuf */
	csvio_row_fn fn;
	csvio_cell_fn cell_fn;	/* cell mode: cells as parsed, then end_fn */
	csvio_end_fn end_fn;
	void *fn_ctx;
	void (*stream_header)(struct parse_state *);
	csvio_row_fn header_fn;
	const char *filename;
	struct ml_error dup;	/* duplicate column, reported at the end */
	bool dup_found;
};


/* Does the value @s (@len bytes) sort before the filter's minimum? */
static bool
before_min(const struct csvio_filter *f, const char *s, size_t len)
{
	size_t mlen = strlen(f->min);
	int c = memcmp(s, f->min, len < mlen ? len : mlen);

	return c < 0 || (c == 0 && len < mlen);
}

static void
field_cb(void *data, size_t len, void *ctx)
{
	struct parse_state *ps = ctx;
	const char *s = data ? data : "";

	if (ps->ncells == 0) {
		if (ps->cr_pending) {	/* a bare CR ended the last line */
			ps->line++;
			ps->cr_pending = false;
		}
		ps->row_line = ps->line;
		ps->drop_row = false;
		ml_table_mark(ps->t, &ps->mark);
	}
	for (const char *nl = memchr(s, '\n', len); nl != NULL;
	    nl = memchr(nl + 1, '\n', len - (size_t)(nl + 1 - s)))
		ps->pending_nl++;
	if (ps->ncells == ps->cap) {
		ps->cap = ps->cap ? ps->cap * 2 : 32;
		ps->cells = xreallocarray(ps->cells, ps->cap, sizeof *ps->cells);
	}
	if (ps->have_header && !ps->drop_row && ps->filter_col ==
	    (long)ps->ncells && before_min(ps->filter, s, len)) {
		/* Out of the filter: keep counting lines, store nothing. */
		ps->drop_row = true;
		ml_table_rewind(ps->t, &ps->mark);
	}
	if (ps->drop_row) {
		ps->cells[ps->ncells++] = NULL;
	} else if (ps->have_header) {
		char *cell = ml_table_alloc(ps->t, len + 1);

		memcpy(cell, s, len);
		cell[len] = '\0';
		ps->cells[ps->ncells++] = cell;
	} else {
		ps->cells[ps->ncells++] = xstrndup(s, len);
	}
}

/* Line bookkeeping at the end of each record. */
static inline void
track_row_end(struct parse_state *ps, int c)
{
	if (ps->ncells > 0) {
		ps->ncells = 0;
		ps->line += ps->pending_nl;
		ps->pending_nl = 0;
	}
	if (c == '\n') {
		ps->line++;
		ps->cr_pending = false;
	} else if (c == '\r') {
		if (ps->cr_pending)
			ps->line++;
		ps->cr_pending = true;
	}
}

static void
row_cb(int c, void *ctx)
{
	struct parse_state *ps = ctx;
	struct ml_table *t = ps->t;

	if (ps->ncells > 0) {
		if (!ps->have_header) {
			t->header = ps->cells;	/* the header is never packed */
			ps->header_line = ps->row_line;
			t->ncols = ps->ncells;
			ps->have_header = true;
			ps->cells = NULL;
			ps->cap = 0;
			ps->filter_col = -1;
			for (size_t i = 0; ps->filter != NULL && i < t->ncols; i++)
				if (strcmp(t->header[i], ps->filter->column) == 0) {
					ps->filter_col = (long)i;
					break;
				}
		} else if (ps->drop_row) {
			ps->drop_row = false;
		} else {
			struct ml_row *row;

			if (t->nrows == t->cap) {
				t->cap = t->cap ? t->cap * 2 : 64;
				t->rows = xreallocarray(t->rows, t->cap,
				    sizeof *t->rows);
			}
			row = &t->rows[t->nrows++];
			row->cells = ml_table_alloc(t, ps->ncells * sizeof *row->cells);
			memcpy(row->cells, ps->cells, ps->ncells * sizeof *row->cells);
			row->ncells = ps->ncells;
			row->line = ps->row_line;
			row->packed = true;
		}
	}
	track_row_end(ps, c);
}

/* Newlines inside quoted fields: the next record starts that much lower. */
static inline void
count_newlines(struct parse_state *ps, const char *s, size_t len)
{
	for (const char *nl = memchr(s, '\n', len); nl != NULL;
	    nl = memchr(nl + 1, '\n', len - (size_t)(nl + 1 - s)))
		ps->pending_nl++;
}

/* Line bookkeeping at the start of each field when streaming (the same
 * as field_cb and row_cb do for a table). */
static inline void
track_field(struct parse_state *ps)
{
	if (ps->ncells == 0) {
		if (ps->cr_pending) {	/* a bare CR ended the last line */
			ps->line++;
			ps->cr_pending = false;
		}
		ps->row_line = ps->line;
	}
	if (ps->ncells == ps->cap) {
		ps->cap = ps->cap ? ps->cap * 2 : 32;
		ps->cells = xreallocarray(ps->cells, ps->cap, sizeof *ps->cells);
		if (ps->stream)
			ps->offs = xreallocarray(ps->offs, ps->cap,
			    sizeof *ps->offs);
	}
}


/*
 * Streaming mode: a record's cells are gathered in one reused scratch
 * buffer (offsets, since it may move) and handed to the caller's function
 * when the record ends; nothing is kept.
 */
static void
field_cb_stream(void *data, size_t len, void *ctx)
{
	struct parse_state *ps = ctx;
	const char *s = data ? data : "";

	if (ps->cell_fn != NULL && ps->have_header) {
		/* Cell mode: straight from libcsv's buffer, no copy. */
		if (ps->ncells == 0) {
			if (ps->cr_pending) {
				ps->line++;
				ps->cr_pending = false;
			}
			ps->row_line = ps->line;
		}
		/* Most cells are short: a plain loop beats a memchr call
		 * (which was a fifth of `check` in perf). */
		if (len < 64) {
			for (size_t i = 0; i < len; i++)
				ps->pending_nl += s[i] == '\n';
		} else {
			count_newlines(ps, s, len);
		}
		if (!ps->stop)
			ps->cell_fn(ps->fn_ctx, ps->ncells, s, len);
		ps->ncells++;
		return;
	}
	track_field(ps);
	if (ps->sused + len + 1 > ps->scap) {
		ps->scap = (ps->sused + len + 1) * 2;
		ps->sbuf = xrealloc(ps->sbuf, ps->scap);
	}
	memcpy(ps->sbuf + ps->sused, s, len);
	ps->sbuf[ps->sused + len] = '\0';
	ps->offs[ps->ncells++] = ps->sused;
	ps->sused += len + 1;
}

static void
row_cb_stream(int c, void *ctx)
{
	struct parse_state *ps = ctx;

	if (ps->ncells > 0 && ps->cell_fn != NULL && ps->have_header) {
		if (!ps->stop)
			ps->end_fn(ps->fn_ctx, ps->ncells, ps->row_line);
	} else if (ps->ncells > 0) {
		for (size_t i = 0; i < ps->ncells; i++)
			ps->cells[i] = ps->sbuf + ps->offs[i];
		if (!ps->have_header) {
			ps->header_line = ps->row_line;
			ps->have_header = true;
			ps->stream_header(ps);
		} else if (!ps->stop) {
			ps->fn(ps->fn_ctx, (const char *const *)ps->cells,
			    ps->ncells, ps->row_line);
		}
		/* All the record's cells in one buffer: one scan, not one
		 * per cell (after the callbacks: row_line is already set). */
		count_newlines(ps, ps->sbuf, ps->sused);
		ps->sused = 0;
	}
	track_row_end(ps, c);
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

/* Compare header slots by name, then by position. */
static int
slot_cmp(const void *a, const void *b)
{
	char **x = *(char **const *)a;
	char **y = *(char **const *)b;
	int c = strcmp(*x, *y);

	return c != 0 ? c : (x < y ? -1 : x > y);
}

/*
 * Two columns with the same name would make every value ambiguous.  Find
 * the first column (*i) whose name repeats and its first repeat (*j),
 * empty names aside.  Sorting keeps a 100,000-column header (a spreadsheet
 * accident) from taking minutes.
 */
static bool
first_duplicate(const struct ml_table *t, size_t *i, size_t *j)
{
	char ***slots;
	bool found = false;

	if (t->ncols < 2)
		return false;
	slots = xcalloc(t->ncols, sizeof *slots);
	for (size_t k = 0; k < t->ncols; k++)
		slots[k] = &t->header[k];
	qsort(slots, t->ncols, sizeof *slots, slot_cmp);
	for (size_t k = 1; k < t->ncols; k++) {
		const char *name = *slots[k];
		size_t a, b;

		/* Only the first two of each run of equal names matter. */
		if (*name == '\0' || strcmp(*slots[k - 1], name) != 0 ||
		    (k >= 2 && strcmp(*slots[k - 2], name) == 0))
			continue;
		a = (size_t)(slots[k - 1] - t->header);
		b = (size_t)(slots[k] - t->header);
		if (!found || a < *i) {
			*i = a;
			*j = b;
			found = true;
		}
	}
	free(slots);
	return found;
}

static int
never_space(unsigned char c)
{
	(void)c;
	return 0;	/* keep leading/trailing spaces: they are user data */
}

static int
lf_only(unsigned char c)
{
	return c == '\n';
}

static int
cr_only_space(unsigned char c)
{
	return c == '\r';
}

/*
 * Line ends.  A file with an LF past its leading blank lines ends its lines
 * with LF or CRLF: a bare CR is then data (a note pasted from an old Mac
 * program, a spreadsheet's line break in a cell that was never quoted)
 * and must stay in its field, never start a row that the next save would
 * make permanent.  libcsv breaks rows at CR too by default, so only LF is
 * a terminator here and CR counts as "space": the CR of a CRLF (and any CR
 * at either end of an unquoted field) is dropped, a CR inside a field
 * kept.  A file with no LF there is a CR-only file (classic Mac "CSV"),
 * read with CR as the line end as before.  Streaming decides on the first
 * chunk (256 KiB).
 */
void
csvio_set_line_ends(struct csv_parser *p, const char *buf, size_t len)
{
	size_t i = 0;

	while (i < len && (buf[i] == '\n' || buf[i] == '\r'))
		i++;			/* blank lines before the header */
	if (memchr(buf + i, '\n', len - i) == NULL)
		return;
	csv_set_term_func(p, lf_only);
	csv_set_space_func(p, cr_only_space);
}

static int
parse(const char *buf, size_t len, const char *filename,
    const struct csvio_filter *filter, struct ml_table *out,
    struct ml_error *err)
{
	struct csv_parser p;
	struct parse_state ps;
	const char *nul;
	size_t done, skip = 0, dup_i = 0, dup_j = 0;
	int rc = -1;

	ml_table_init(out);
	if ((nul = memchr(buf, '\0', len)) != NULL) {
		ml_error_set(err, filename, line_at(buf, (size_t)(nul - buf)),
		    NULL, "NUL byte in file (not a text CSV file)");
		return -1;
	}
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		skip = 3;
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL |
	    CSV_REPALL_NL) != 0) {
		ml_error_set(err, filename, 0, NULL, "cannot start CSV parser");
		return -1;
	}
	csv_set_space_func(&p, never_space);
	csvio_set_line_ends(&p, buf, len);
	memset(&ps, 0, sizeof ps);
	ps.t = out;
	ps.line = 1;
	ps.filter = filter;
	ps.filter_col = -1;
	done = csv_parse(&p, buf + skip, len - skip, field_cb, row_cb, &ps);
	if (done != len - skip) {
		ml_error_set(err, filename, line_at(buf, skip + done), NULL,
		    "CSV syntax error (%s): a quote inside an unquoted field, "
		    "or text after a closing quote", csv_strerror(csv_error(&p)));
		goto out;
	}
	if (csv_fini(&p, field_cb, row_cb, &ps) != 0) {
		/* With no completed field in the open row, row_line is the last
		 * row's; the open row starts where the last one ended. */
		long line = ps.ncells > 0 ? ps.row_line :
		    ps.line + (ps.cr_pending ? 1 : 0);

		ml_error_set(err, filename, line, NULL,
		    "unterminated quoted field (a \" is never closed)");
		goto out;
	}
	if (first_duplicate(out, &dup_i, &dup_j)) {
		ml_error_set(err, filename, ps.header_line, out->header[dup_i],
		    "duplicate column name (columns %zu and %zu)", dup_i + 1,
		    dup_j + 1);
		goto out;
	}
	rc = 0;
out:
	/* A half-read row: its cells are in the arena once past the header. */
	if (ps.have_header)
		free(ps.cells);
	else
		ml_cells_free(ps.cells, ps.ncells);
	csv_free(&p);
	return rc;
}

int
csvio_parse(const char *buf, size_t len, const char *filename,
    struct ml_table *out, struct ml_error *err)
{
	return parse(buf, len, filename, NULL, out, err);
}

/*
 * Open @path for reading, with its size in @st.  Returns 0 with *fd set,
 * 1 when there is no file (not even a dangling link), -1 with @err.
 */
static int
open_regular(const char *path, int *fd, struct stat *st, struct ml_error *err)
{
	*fd = open(path, O_RDONLY | O_NOCTTY | O_CLOEXEC);
	if (*fd < 0) {
		if (errno == ENOENT && lstat(path, st) != 0)
			return 1;
		ml_error_set(err, path, 0, NULL, "%s%s", strerror(errno),
		    errno == ENOENT ? " (dangling symbolic link)" : "");
		return -1;
	}
	if (fstat(*fd, st) != 0 || !S_ISREG(st->st_mode)) {
		ml_error_set(err, path, 0, NULL, "not a regular file");
		close(*fd);
		return -1;
	}
	return 0;
}

static int
read_file(const char *path, const struct csvio_filter *filter,
    struct ml_table *out, struct ml_error *err)
{
	struct stat st;
	char *buf;
	size_t len = 0, cap;
	ssize_t n;
	int fd, rc;

	ml_table_init(out);
	if ((rc = open_regular(path, &fd, &st, err)) != 0)
		return rc;
	cap = (size_t)st.st_size + 1;
	buf = xmalloc(cap);
	for (;;) {
		if (len == cap) {
			/* The file grew since fstat: keep reading. */
			cap *= 2;
			buf = xrealloc(buf, cap);
		}
		n = read(fd, buf + len, cap - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			ml_error_set(err, path, 0, NULL, "read: %s", strerror(errno));
			free(buf);
			close(fd);
			return -1;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	close(fd);
	rc = parse(buf, len, path, filter, out, err);
	free(buf);
	return rc;
}

int
csvio_read_file(const char *path, struct ml_table *out, struct ml_error *err)
{
	return read_file(path, NULL, out, err);
}

int
csvio_read_file_filtered(const char *path, const struct csvio_filter *filter,
    struct ml_table *out, struct ml_error *err)
{
	return read_file(path, filter, out, err);
}

/* The header arrived in streaming mode: refuse duplicate names (as
 * csvio_parse does, reported once the whole file parsed), else pass it on. */
static void
stream_header(struct parse_state *ps)
{
	struct ml_table view;
	size_t i = 0, j = 0;

	ml_table_init(&view);
	view.header = ps->cells;
	view.ncols = ps->ncells;
	if (first_duplicate(&view, &i, &j)) {
		ml_error_set(&ps->dup, ps->filename, ps->header_line,
		    ps->cells[i], "duplicate column name (columns %zu and %zu)",
		    i + 1, j + 1);
		ps->dup_found = true;
		ps->stop = true;
		return;
	}
	if (ps->header_fn != NULL)
		ps->header_fn(ps->fn_ctx, (const char *const *)ps->cells,
		    ps->ncells, ps->header_line);
}

/* Line of byte @pos of the open file @fd: errors only, so read it again. */
static long
line_at_fd(int fd, off_t pos)
{
	char buf[65536];
	long line = 1;
	off_t at = 0;
	ssize_t n;

	while (at < pos && (n = pread(fd, buf, sizeof buf, at)) > 0) {
		size_t m = (size_t)n;

		if ((off_t)m > pos - at)
			m = (size_t)(pos - at);
		line += line_at(buf, m) - 1;
		at += n;
	}
	return line;
}

/* Fill @buf from @fd as far as it goes; bytes read, or -1. */
static ssize_t
read_full(int fd, char *buf, size_t size)
{
	size_t got = 0;

	while (got < size) {
		ssize_t n = read(fd, buf + got, size - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0)
			break;
		got += (size_t)n;
	}
	return (ssize_t)got;
}

/* A parse state that hands @path's records to @cb (streaming mode). */
static void
stream_state_init(struct parse_state *ps, const char *path,
    const struct csvio_stream *cb)
{
	memset(ps, 0, sizeof *ps);
	ps->line = 1;
	ps->stream = true;
	ps->filename = path;
	ps->fn = cb->row;
	ps->cell_fn = cb->cell;
	ps->end_fn = cb->end;
	ps->header_fn = cb->header;
	ps->fn_ctx = cb->ctx;
	ps->stream_header = stream_header;
}

int
csvio_stream_file(const char *path, const struct csvio_stream *cb,
    struct ml_error *err)
{
	enum { CHUNK = 256 * 1024 };
	struct csv_parser p;
	struct parse_state ps;
	struct stat st;
	char *buf;
	const char *nul;
	off_t at = 0, bad = -1;
	ssize_t n;
	int fd, rc;
	bool first = true;

	if ((rc = open_regular(path, &fd, &st, err)) != 0)
		return rc;
	rc = -1;	/* every "goto out" below is a failure until the end */
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL |
	    CSV_REPALL_NL) != 0) {
		ml_error_set(err, path, 0, NULL, "cannot start CSV parser");
		close(fd);
		return -1;
	}
	csv_set_space_func(&p, never_space);
	stream_state_init(&ps, path, cb);
	buf = xmalloc(CHUNK);
	/* The same verdicts in the same order as csvio_read_file: a NUL byte
	 * anywhere first, then a syntax error, an open quote, a duplicate
	 * column; so after a syntax error only NULs are looked for. */
	while ((n = read_full(fd, buf, CHUNK)) > 0) {
		size_t len = (size_t)n, skip = 0, done;

		if ((nul = memchr(buf, '\0', len)) != NULL) {
			ml_error_set(err, path, line_at_fd(fd, at + (nul - buf)),
			    NULL, "NUL byte in file (not a text CSV file)");
			goto out;
		}
		if (first && len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
			skip = 3;
		if (first)
			csvio_set_line_ends(&p, buf, len);
		first = false;
		if (bad < 0) {
			done = csv_parse(&p, buf + skip, len - skip,
			    field_cb_stream, row_cb_stream, &ps);
			if (done != len - skip)
				bad = at + (off_t)(skip + done);
		}
		at += n;
	}
	if (n < 0) {
		ml_error_set(err, path, 0, NULL, "read: %s", strerror(errno));
		goto out;
	}
	if (bad >= 0) {
		ml_error_set(err, path, line_at_fd(fd, bad), NULL,
		    "CSV syntax error (%s): a quote inside an unquoted field, "
		    "or text after a closing quote", csv_strerror(csv_error(&p)));
		goto out;
	}
	if (csv_fini(&p, field_cb_stream, row_cb_stream, &ps) != 0) {
		long line = ps.ncells > 0 ? ps.row_line :
		    ps.line + (ps.cr_pending ? 1 : 0);

		ml_error_set(err, path, line, NULL,
		    "unterminated quoted field (a \" is never closed)");
		goto out;
	}
	if (ps.dup_found) {
		*err = ps.dup;
		goto out;
	}
	rc = 0;
out:
	free(buf);
	free(ps.cells);
	free(ps.offs);
	free(ps.sbuf);
	csv_free(&p);
	close(fd);
	return rc;
}
