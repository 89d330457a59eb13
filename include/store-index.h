/*
 * store-index.h - the one key index of a loaded file (store.c's helper).
 *
 * The index lists a file's row numbers sorted by the file's key columns
 * (schema order), ties by row number, so the first of equal rows comes
 * first: store_find answers in O(log n) and a range of dates is one
 * binary search.  It is rebuilt lazily after a load or a change that may
 * move keys, and kept up to date by tx_add_row.  Files are written in
 * key order, so a rebuild is usually one linear "already sorted" pass.
 *
 * Only store.c calls these; everything else uses store_find and
 * store_key_range (store.h).
 */
#ifndef ML_STORE_INDEX_H
#define ML_STORE_INDEX_H

#include <stdbool.h>
#include <stddef.h>

#include "csvio.h"
#include "schema.h"

struct ml_key_index {
	size_t *rows;		/* owned: row numbers in key order */
	size_t n, cap;
	bool valid;		/* false: rebuild before use */
};

/* The key cell @k (0..nkey-1) of @row; "" when the file lacks it. */
const char *key_index_cell(const struct ml_table *t, const int *colmap,
    const struct ml_schema *sc, size_t row, size_t k);
/* Make @ix current for @t (rebuild when invalid). */
void key_index_build(struct ml_key_index *ix, const struct ml_table *t,
    const int *colmap, const struct ml_schema *sc);
/* Position in @ix of the first row whose key is >= @key, comparing only
 * the first @nk key columns (ties at row 0). */
size_t key_index_lower(const struct ml_key_index *ix, const struct ml_table *t,
    const int *colmap, const struct ml_schema *sc, const char *const *key,
    size_t nk);
/* A row was inserted at @pos with key @key: shift and insert it. */
void key_index_insert(struct ml_key_index *ix, const struct ml_table *t,
    const int *colmap, const struct ml_schema *sc, size_t pos);
void key_index_free(struct ml_key_index *ix);

#endif
