/*
 * table.h - a CSV file in memory: the header row, every data row with as
 * many cells as it had (ragged rows stay ragged), and the line each row
 * started on, so problems can be reported as FILE:LINE.  Cells are
 * NUL-terminated UTF-8 strings owned by the table.
 *
 * Rows read from a file are "packed": their cells sit in a few large
 * arena blocks the table owns (ml_table_alloc), not in one malloc each.
 * A row is unpacked (copied to the heap) the first time ml_row_set
 * changes it, so callers never see the difference.
 */
#ifndef ML_TABLE_H
#define ML_TABLE_H

#include <stdbool.h>
#include <stddef.h>

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

/*
 * Append a data row holding copies of @cells, packed into @t's arena
 * like rows read from a file; @line is its line in the file.
 */
void ml_table_append_packed(struct ml_table *t, const char *const *cells,
    size_t ncells, long line);

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

/* For the parser (csvio.c), which packs rows as it reads them: */
/* @size bytes from @t's arena, aligned for pointers; freed with the rows. */
void *ml_table_alloc(struct ml_table *t, size_t size);
/* Where @t's arena stands, so a row being read can be given back. */
struct ml_table_mark {
	struct ml_arena *block;
	size_t used;
};
void ml_table_mark(const struct ml_table *t, struct ml_table_mark *m);
/* Give back everything the arena handed out since @m (the last row's
 * cells: rows are allocated in order). */
void ml_table_rewind(struct ml_table *t, const struct ml_table_mark *m);
/* Free @n heap strings and the array holding them. */
void ml_cells_free(char **cells, size_t n);

#endif
