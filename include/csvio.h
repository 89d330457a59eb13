/*
 * csvio.h - CSV tables in memory, read and written through libcsv, and the
 * one atomic-save routine every file goes through.
 *
 * A table keeps exactly what the file held: the header row, every data row
 * with as many cells as it had (ragged rows stay ragged), and the line each
 * row started on, so problems can be reported as FILE:LINE.  Cells are
 * NUL-terminated UTF-8 strings owned by the table.
 */
#ifndef ML_CSVIO_H
#define ML_CSVIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "mendlog.h"

struct ml_row {
	char **cells;		/* owned; ncells strings */
	size_t ncells;
	long line;		/* line the row starts on, 0 for new rows */
	bool packed;		/* cells live in the table's arena (as read);
				 * ml_row_set copies them out first */
};

struct ml_arena;

struct ml_table {
	char **header;		/* owned; ncols strings */
	size_t ncols;
	struct ml_row *rows;	/* owned */
	size_t nrows;
	size_t cap;
	struct ml_arena *arena;	/* owned: the packed rows' cells */
};

/* How rows are written.  Zero-initialised = comma, LF, no BOM. */
struct csv_style {
	char delim;		/* ',' when 0 */
	bool crlf;		/* CRLF line ends (Excel) */
	bool bom;		/* UTF-8 byte order mark first */
};

/*
 * Parse @len bytes of CSV.  A leading UTF-8 BOM and CRLF or CR line ends
 * are accepted; blank lines are skipped.  The first row is the header.  On
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
 * Append a data row holding copies of @cells, packed into @t's arena
 * like rows read from a file; @line is its line in the file.
 */
void ml_table_append_packed(struct ml_table *t, const char *const *cells,
    size_t ncells, long line);

/* Write one row of @n cells, quoting as RFC 4180 needs.  -1 on I/O error. */
int csvio_write_row(FILE *fp, const char *const *cells, size_t n,
    const struct csv_style *style);
/* Write header and rows.  -1 on I/O error. */
int csvio_write_table(FILE *fp, const struct ml_table *t,
    const struct csv_style *style);

/*
 * Callback that writes a file's content to @fp; returns 0 or -1 (with
 * errno set or @err filled).
 */
typedef int (*csvio_writer)(FILE *fp, void *ctx, struct ml_error *err);

/*
 * Replace @path atomically: write through @writer into a 0600 temp file
 * created with O_EXCL in the same directory, fflush + fsync + fclose, keep
 * the old file as PATH.bak (when @keep_backup), rename over @path, fsync the
 * directory.  On any failure the temp file is removed, @path is untouched
 * and -1 is returned with @err set to "PATH: reason".
 */
int csvio_save_atomic(const char *path, csvio_writer writer, void *ctx,
    bool keep_backup, struct ml_error *err);

/*
 * Remove the temp file of a save in progress, if any.  Async-signal-safe:
 * for signal handlers of command-line writers, so an interrupted save or
 * export leaves neither a partial file nor a temp file behind.
 */
void csvio_abort_pending(void);

/* Table helpers.  Strings passed in are copied. */
void ml_table_init(struct ml_table *t);
void ml_table_free(struct ml_table *t);
/* Insert an empty row of @ncells cells at @pos (<= nrows); return it. */
struct ml_row *ml_table_insert_row(struct ml_table *t, size_t pos, size_t ncells);
/* Remove row @pos (< nrows), keeping the order of the others. */
void ml_table_remove_row(struct ml_table *t, size_t pos);
/* Set cell @col of @row, growing the row with empty cells as needed. */
void ml_row_set(struct ml_row *row, size_t col, const char *value);
/* Cell @col of @row, or "" when the row is shorter. */
const char *ml_row_get(const struct ml_row *row, size_t col);
/* Append a column named @name after the widest row (never over a value
 * that has no column name) and pad every shorter row with empty cells.
 * Returns the new column's index. */
size_t ml_table_add_col(struct ml_table *t, const char *name);
/* Remove every row. */
void ml_table_clear_rows(struct ml_table *t);

#endif
