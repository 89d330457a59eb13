/*
 * store-index.c - the sorted key index of one loaded file (store-index.h).
 */
#include <stdlib.h>
#include <string.h>

#include "store-index.h"

const char *
key_index_cell(const struct ml_table *t, const int *colmap,
    const struct ml_schema *sc, size_t row, size_t k)
{
	int tc = colmap[sc->key[k]];

	return tc < 0 ? "" : ml_row_get(&t->rows[row], (size_t)tc);
}

/* Compare rows @a and @b by key, then by row number. */
static int
row_cmp(const struct ml_table *t, const int *colmap,
    const struct ml_schema *sc, size_t a, size_t b)
{
	for (size_t k = 0; k < sc->nkey; k++) {
		int c = strcmp(key_index_cell(t, colmap, sc, a, k),
		    key_index_cell(t, colmap, sc, b, k));

		if (c != 0)
			return c;
	}
	return (a > b) - (a < b);
}

/* The key cells of every row, nkey per row, looked up once for a build
 * (ml_row_get and the column map are the slow part of a comparison). */
struct key_cache {
	const char **cells;
	size_t nkey;
};

/* Compare rows @a and @b by their cached keys, then by row number. */
static int
cached_cmp(const struct key_cache *kc, size_t a, size_t b)
{
	const char *const *x = kc->cells + a * kc->nkey;
	const char *const *y = kc->cells + b * kc->nkey;

	for (size_t k = 0; k < kc->nkey; k++) {
		int c = strcmp(x[k], y[k]);

		if (c != 0)
			return c;
	}
	return (a > b) - (a < b);
}

/* Stable bottom-up merge sort of @v (n rows) with @tmp as scratch: qsort
 * takes no context and qsort_r is not in C11. */
static void
sort_rows(size_t *v, size_t *tmp, size_t n, const struct key_cache *kc)
{
	for (size_t w = 1; w < n; w *= 2) {
		for (size_t lo = 0; lo < n; lo += 2 * w) {
			size_t mid = lo + w < n ? lo + w : n;
			size_t hi = lo + 2 * w < n ? lo + 2 * w : n;
			size_t i = lo, j = mid, o = lo;

			while (i < mid && j < hi)
				tmp[o++] = cached_cmp(kc, v[j], v[i]) < 0 ?
				    v[j++] : v[i++];
			while (i < mid)
				tmp[o++] = v[i++];
			while (j < hi)
				tmp[o++] = v[j++];
		}
		memcpy(v, tmp, n * sizeof *v);
	}
}

void
key_index_build(struct ml_key_index *ix, const struct ml_table *t,
    const int *colmap, const struct ml_schema *sc)
{
	struct key_cache kc = { NULL, sc->nkey };
	bool sorted = true;

	if (ix->valid)
		return;
	if (ix->cap < t->nrows + 1) {
		ix->cap = t->nrows + 1;
		ix->rows = xreallocarray(ix->rows, ix->cap, sizeof *ix->rows);
	}
	ix->n = t->nrows;
	kc.cells = xcalloc(ix->n * kc.nkey + 1, sizeof *kc.cells);
	for (size_t r = 0; r < ix->n; r++) {
		for (size_t k = 0; k < kc.nkey; k++)
			kc.cells[r * kc.nkey + k] = key_index_cell(t, colmap, sc,
			    r, k);
		ix->rows[r] = r;
		if (sorted && r > 0 && cached_cmp(&kc, r - 1, r) > 0)
			sorted = false;
	}
	if (!sorted) {
		size_t *tmp = xcalloc(ix->n, sizeof *tmp);

		sort_rows(ix->rows, tmp, ix->n, &kc);
		free(tmp);
	}
	free(kc.cells);
	ix->valid = true;
}

size_t
key_index_lower(const struct ml_key_index *ix, const struct ml_table *t,
    const int *colmap, const struct ml_schema *sc, const char *const *key,
    size_t nk)
{
	size_t lo = 0, hi = ix->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = 0;

		for (size_t k = 0; k < nk && c == 0; k++)
			c = strcmp(key_index_cell(t, colmap, sc, ix->rows[mid], k),
			    key[k]);
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

void
key_index_insert(struct ml_key_index *ix, const struct ml_table *t,
    const int *colmap, const struct ml_schema *sc, size_t pos)
{
	size_t lo = 0, hi;

	if (!ix->valid)
		return;
	for (size_t i = 0; i < ix->n; i++)
		if (ix->rows[i] >= pos)
			ix->rows[i]++;
	/* After every row sorting before (key, pos). */
	hi = ix->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (row_cmp(t, colmap, sc, ix->rows[mid], pos) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (ix->n == ix->cap) {
		ix->cap = ix->cap ? ix->cap * 2 : 16;
		ix->rows = xreallocarray(ix->rows, ix->cap, sizeof *ix->rows);
	}
	memmove(&ix->rows[lo + 1], &ix->rows[lo], (ix->n - lo) * sizeof *ix->rows);
	ix->rows[lo] = pos;
	ix->n++;
}

void
key_index_free(struct ml_key_index *ix)
{
	free(ix->rows);
	memset(ix, 0, sizeof *ix);
}
