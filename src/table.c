/*
 * table.c - CSV tables in memory (table.h): rows, cells, the arena that
 * holds the cells of rows read from a file.
 *
 * The arena exists for speed: on a large file the per-cell allocations
 * and frees were a third of `mendlog check`.
 */
#include <stdlib.h>
#include <string.h>

#include "table.h"

struct ml_arena {
	struct ml_arena *next;
	size_t used, size;
	char data[];
};

void
ml_table_init(struct ml_table *t)
{
	memset(t, 0, sizeof *t);
}

void
ml_cells_free(char **cells, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(cells[i]);
	free(cells);
}

void *
ml_table_alloc(struct ml_table *t, size_t size)
{
	struct ml_arena *a = t->arena;
	size_t at = a ? (a->used + sizeof(void *) - 1) & ~(sizeof(void *) - 1) : 0;

	if (a == NULL || at > a->size || size > a->size - at) {
		size_t bsize = a ? a->size * 2 : 64 * 1024;

		if (bsize > 16 * 1024 * 1024)
			bsize = 16 * 1024 * 1024;
		if (bsize < size)
			bsize = size;
		a = xmalloc(sizeof *a + bsize);
		a->next = t->arena;
		a->size = bsize;
		t->arena = a;
		at = 0;
	}
	a->used = at + size;
	return a->data + at;
}

static void
free_row(struct ml_row *row)
{
	if (!row->packed)
		ml_cells_free(row->cells, row->ncells);
}

/* Give @row cells of its own, so they can be changed and freed. */
static void
unpack_row(struct ml_row *row)
{
	char **cells = xcalloc(row->ncells ? row->ncells : 1, sizeof *cells);

	for (size_t i = 0; i < row->ncells; i++)
		cells[i] = xstrdup(row->cells[i]);
	row->cells = cells;
	row->packed = false;
}

void
ml_table_clear_rows(struct ml_table *t)
{
	for (size_t i = 0; i < t->nrows; i++)
		free_row(&t->rows[i]);
	t->nrows = 0;
	/* No row is left to point into the arena. */
	while (t->arena != NULL) {
		struct ml_arena *next = t->arena->next;

		free(t->arena);
		t->arena = next;
	}
}

void
ml_table_free(struct ml_table *t)
{
	ml_table_clear_rows(t);
	free(t->rows);
	ml_cells_free(t->header, t->ncols);
	ml_table_init(t);
}

void
ml_table_remove_row(struct ml_table *t, size_t pos)
{
	if (pos >= t->nrows)
		return;
	/* A packed row's cells stay in the arena until the table is freed. */
	free_row(&t->rows[pos]);
	memmove(&t->rows[pos], &t->rows[pos + 1],
	    (t->nrows - pos - 1) * sizeof *t->rows);
	t->nrows--;
}

struct ml_row *
ml_table_insert_row(struct ml_table *t, size_t pos, size_t ncells)
{
	struct ml_row *row;

	if (t->nrows == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 64;
		t->rows = xreallocarray(t->rows, t->cap, sizeof *t->rows);
	}
	if (pos > t->nrows)
		pos = t->nrows;
	memmove(&t->rows[pos + 1], &t->rows[pos],
	    (t->nrows - pos) * sizeof *t->rows);
	t->nrows++;
	row = &t->rows[pos];
	row->ncells = ncells;
	row->cells = xcalloc(ncells ? ncells : 1, sizeof *row->cells);
	for (size_t i = 0; i < ncells; i++)
		row->cells[i] = xstrdup("");
	row->line = 0;
	row->packed = false;
	return row;
}

void
ml_table_append_packed(struct ml_table *t, const char *const *cells,
    size_t ncells, long line)
{
	struct ml_row *row;
	size_t total = 0;
	char *p;

	for (size_t i = 0; i < ncells; i++)
		total += strlen(cells[i]) + 1;
	if (t->nrows == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 64;
		t->rows = xreallocarray(t->rows, t->cap, sizeof *t->rows);
	}
	row = &t->rows[t->nrows++];
	row->cells = ml_table_alloc(t, (ncells ? ncells : 1) * sizeof *row->cells);
	p = ml_table_alloc(t, total ? total : 1);
	for (size_t i = 0; i < ncells; i++) {
		size_t len = strlen(cells[i]) + 1;

		memcpy(p, cells[i], len);
		row->cells[i] = p;
		p += len;
	}
	row->ncells = ncells;
	row->line = line;
	row->packed = true;
}

void
ml_row_set(struct ml_row *row, size_t col, const char *value)
{
	if (row->packed)
		unpack_row(row);
	if (col >= row->ncells) {
		row->cells = xreallocarray(row->cells, col + 1, sizeof *row->cells);
		for (size_t i = row->ncells; i <= col; i++)
			row->cells[i] = xstrdup("");
		row->ncells = col + 1;
	}
	free(row->cells[col]);
	row->cells[col] = xstrdup(value ? value : "");
}

const char *
ml_row_get(const struct ml_row *row, size_t col)
{
	return col < row->ncells ? row->cells[col] : "";
}

size_t
ml_table_add_col(struct ml_table *t, const char *name)
{
	size_t width = t->ncols;

	/*
	 * A row longer than the header holds values under no column name.
	 * The new column goes after the widest row so it can never land on
	 * (and later overwrite) such a value; the gap gets empty names.
	 */
	for (size_t i = 0; i < t->nrows; i++)
		if (t->rows[i].ncells > width)
			width = t->rows[i].ncells;
	t->header = xreallocarray(t->header, width + 1, sizeof *t->header);
	for (size_t i = t->ncols; i < width; i++)
		t->header[i] = xstrdup("");
	t->header[width] = xstrdup(name);
	t->ncols = width + 1;
	/* Rows were either complete or short; pad so they line up. */
	for (size_t i = 0; i < t->nrows; i++)
		if (t->rows[i].ncells < t->ncols)
			ml_row_set(&t->rows[i], width, "");
	return width;
}

void
ml_table_mark(const struct ml_table *t, struct ml_table_mark *m)
{
	m->block = t->arena;
	m->used = m->block ? m->block->used : 0;
}

void
ml_table_rewind(struct ml_table *t, const struct ml_table_mark *m)
{
	while (t->arena != m->block) {
		struct ml_arena *next = t->arena->next;

		free(t->arena);
		t->arena = next;
	}
	if (t->arena != NULL)
		t->arena->used = m->used;
}
