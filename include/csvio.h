/*
 * csvio.h - the CSV format: the one parser (libcsv; whole, filtered and
 * streaming reads) into tables (table.h), and the writer.  The atomic
 * save is save.h; both headers come with this one.
 */
#ifndef ML_CSVIO_H
#define ML_CSVIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "mendlog.h"
#include "save.h"
#include "table.h"

/* How rows are written.  Zero-initialised = comma, LF, no BOM. */
struct csv_style {
	char delim;		/* ',' when 0 */
	bool crlf;		/* CRLF line ends (Excel) */
	bool bom;		/* UTF-8 byte order mark first */
};

/*
 * Parse @len bytes of CSV.  A leading UTF-8 BOM and LF, CRLF or CR line
 * ends are accepted (CR only in a file with no LF; elsewhere a bare CR is
 * part of its field); blank lines are skipped.  The first row is the header.  On
 * failure (unterminated quote, stray quote, NUL byte, duplicate column
 * name) return -1 with @err naming @filename and the line.  @out is
 * initialised by this call; free it with ml_table_free() either way.
 */
int csvio_parse(const char *buf, size_t len, const char *filename,
    struct ml_table *out, struct ml_error *err);

/*
 * Read and parse @path.  A missing file is not an error: return 1 with an
 * empty table (no header).  Return 0 when read, -1 on error.
 */
int csvio_read_file(const char *path, struct ml_table *out, struct ml_error *err);

/*
 * A filtered read keeps only the data rows whose cell in @column sorts
 * (bytewise) at or after @min, e.g. the recent part of a date-keyed file:
 * ISO dates sort as strings.  Rows without that cell, and every row when
 * the header has no such column, are kept.  The whole file is still
 * parsed and checked as csvio_read_file does; the rows dropped never take
 * memory.
 */
struct csvio_filter {
	const char *column;
	const char *min;
};

/* csvio_read_file keeping only the rows that pass @filter. */
int csvio_read_file_filtered(const char *path, const struct csvio_filter *filter,
    struct ml_table *out, struct ml_error *err);

/*
 * Called with one record: @cells (@ncells NUL-terminated strings) are
 * valid only during the call; @line is the line the record starts on.
 */
typedef void (*csvio_row_fn)(void *ctx, const char *const *cells,
    size_t ncells, long line);
/* Cell @col (0-based) of the current data record, NUL-terminated, @len
 * bytes; valid only during the call. */
typedef void (*csvio_cell_fn)(void *ctx, size_t col, const char *value,
    size_t len);
/* The current data record ended after @ncells cells; it starts on @line. */
typedef void (*csvio_end_fn)(void *ctx, size_t ncells, long line);

/* What csvio_stream_file calls.  Data records go either to @row whole
 * (copied into one buffer), or, when @cell is set, cell by cell straight
 * from the parser and then to @end (nothing copied: the fastest). */
struct csvio_stream {
	csvio_row_fn header;	/* the header row; may be NULL */
	csvio_row_fn row;
	csvio_cell_fn cell;
	csvio_end_fn end;
	void *ctx;
};

/*
 * Parse @path as csvio_read_file does (same rules, same errors and lines)
 * but keep nothing: hand the header and then each data record to @cb,
 * reading the file a chunk at a time.  Records seen before an error were
 * already passed on: callers that must not act on a broken file hold
 * their results until this returns 0.  Returns 1 for a missing file, 0
 * when parsed, -1 with @err on error.
 */
int csvio_stream_file(const char *path, const struct csvio_stream *cb,
    struct ml_error *err);

/*
 * The one rule for line ends, for every parser of a CSV file (the store's
 * and the import's): a file with an LF after its leading blank lines ends
 * rows at LF (a CRLF's CR dropped) and keeps a bare CR inside its field;
 * a file with no LF is a CR-only file.  Call after csv_init() with the
 * first chunk of the file.
 */
struct csv_parser;
void csvio_set_line_ends(struct csv_parser *p, const char *buf, size_t len);

/* Write one row of @n cells, quoting as RFC 4180 needs.  -1 on I/O error. */
int csvio_write_row(FILE *fp, const char *const *cells, size_t n,
    const struct csv_style *style);
/* Write header and rows.  -1 on I/O error. */
int csvio_write_table(FILE *fp, const struct ml_table *t,
    const struct csv_style *style);

#endif
