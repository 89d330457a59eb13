/*
 * store-check.c - the store's validator: is a value valid for its column
 * (store_check_value), and every problem of a file, from the loaded table
 * (store_validate) or streamed from disk (store_check_file), reported as
 * FILE:LINE: field: reason through one set of rules.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"

int
store_check_value(enum ml_file file, const char *column, const char *value,
    struct ml_error *err)
{
	const struct ml_schema *sc = ml_schema(file);
	int c = ml_schema_col(sc, column);
	const char *why;

	if (c < 0) {
		ml_error_set(err, NULL, 0, column, "unknown field");
		return -1;
	}
	if (!ml_value_check(sc->cols[c].type, value, &why)) {
		char shown[256];

		ml_error_set(err, NULL, 0, column, "invalid value '%s': expected %s",
		    ml_printable(value, 40, shown, sizeof shown), why);
		return -1;
	}
	return 0;
}

bool
store_value_invalid(const struct ml_store *s, enum ml_file file, size_t row,
    size_t col)
{
	return !ml_value_check(ml_schema(file)->cols[col].type,
	    store_get(s, file, row, col), NULL);
}

/*
 * Validation: one set of rules for both ways of checking a file.  A
 * validator is given the header's column map, then each data row cell by
 * cell (validator_cell) and its end (validator_end).  store_validate()
 * feeds it the loaded table; store_check_file() the cells straight from
 * libcsv as it parses, keeping nothing but the rows' keys.  So the two
 * report the same problems, in the same order, by construction.
 */

/* The widest schema (entries has 20 columns). */
enum { VALIDATOR_MAX_COLS = 32 };

/* One row's key: the key columns joined by \x1f (the cell itself for a
 * one-column key), the length of the first column's value, the line. */
struct keyed_row {
	char *key;
	size_t k0len;
	long line;
	size_t row;
};

/* A row's key as kept while the file is read: packed one after the other
 * in large blocks (no per-row record while keys come in order). */
struct key_entry {
	long line;
	uint32_t k0len;
	uint32_t len;		/* of key, without the NUL */
	char key[];
};

/* Bytes a key entry of @len takes in a block (8-aligned). */
static size_t
key_entry_size(size_t len)
{
	return (sizeof(struct key_entry) + len + 1 + 7) & ~(size_t)7;
}

/* Key entries live in a few large blocks, freed together. */
struct key_block {
	struct key_block *next;
	size_t used, size;
	char data[];
};

/* A growable copy of one key cell of the current row. */
struct key_cell {
	char *s;
	size_t len, cap;
	bool set;
};

struct validator {
	const struct ml_schema *sc;
	const char *path;
	const int *colmap;	/* schema column -> row cell, or -1 */
	size_t ncols;		/* header width */
	int *inv;		/* row cell -> schema column, or -1 (ncols) */
	int keyidx[VALIDATOR_MAX_COLS];	/* schema column -> key position, or -1 */
	ml_problem_fn report;
	void *ctx;
	size_t problems;
	size_t nrows;
	/* The current row: its cells' problems by schema column (reported
	 * at its end, in schema order) and its key cells. */
	struct ml_error pending[VALIDATOR_MAX_COLS];
	bool has_pending[VALIDATOR_MAX_COLS];
	size_t npending;
	struct key_cell kc[VALIDATOR_MAX_COLS];
	/* exercises.csv: the row's start_date and end_date, for the rule
	 * across cells (ml_exercise_dates_check). */
	struct key_cell xdates[2];
	/* Every row's key, for duplicates. */
	size_t nkeys;
	const char *last_key;	/* the previous row's, while sorted */
	struct key_block *blocks;
	bool sorted;		/* every key so far after the one before */
};

/* (Re)build the cell -> schema column map for a header @ncols wide. */
static void
validator_columns(struct validator *v, size_t ncols)
{
	v->ncols = ncols;
	free(v->inv);
	v->inv = xcalloc(ncols ? ncols : 1, sizeof *v->inv);
	for (size_t i = 0; i < ncols; i++)
		v->inv[i] = -1;
	for (size_t c = 0; c < v->sc->ncols; c++)
		if (v->colmap[c] >= 0 && (size_t)v->colmap[c] < ncols)
			v->inv[v->colmap[c]] = (int)c;
}

static void
validator_init(struct validator *v, enum ml_file file, const char *path,
    const int *colmap, size_t ncols, ml_problem_fn report, void *ctx)
{
	memset(v, 0, sizeof *v);
	v->sc = ml_schema(file);
	if (v->sc->ncols > VALIDATOR_MAX_COLS)
		fatal("schema of %s: raise VALIDATOR_MAX_COLS", v->sc->filename);
	v->path = path;
	v->colmap = colmap;
	v->report = report;
	v->ctx = ctx;
	v->sorted = true;
	for (size_t c = 0; c < VALIDATOR_MAX_COLS; c++)
		v->keyidx[c] = -1;
	for (size_t k = 0; k < v->sc->nkey; k++)
		v->keyidx[v->sc->key[k]] = (int)k;
	validator_columns(v, ncols);
}

static void
validator_free(struct validator *v)
{
	while (v->blocks != NULL) {
		struct key_block *next = v->blocks->next;

		free(v->blocks);
		v->blocks = next;
	}
	for (size_t k = 0; k < VALIDATOR_MAX_COLS; k++)
		free(v->kc[k].s);
	free(v->xdates[0].s);
	free(v->xdates[1].s);
	free(v->inv);
	v->inv = NULL;
}

static void
problem(struct validator *v, struct ml_error *e)
{
	v->report(v->ctx, e);
	v->problems++;
}

static char *
key_alloc(struct validator *v, size_t len)
{
	struct key_block *b = v->blocks;

	if (b == NULL || b->size - b->used < len) {
		size_t size = len > 1024 * 1024 ? len : 1024 * 1024;

		b = xmalloc(sizeof *b + size);
		b->next = v->blocks;
		b->used = 0;
		b->size = size;
		v->blocks = b;
	}
	b->used += len;
	return b->data + b->used - len;
}

/* Keep the current row's key (absent key cells are "", as store_get). */
static void
validator_key(struct validator *v, long line)
{
	const size_t nkey = v->sc->nkey;
	struct key_entry *ke;
	size_t len = 0;
	char *p;

	for (size_t i = 0; i < nkey; i++)
		len += (v->kc[i].set ? v->kc[i].len : 0) + (nkey > 1);
	ke = (struct key_entry *)(void *)key_alloc(v, key_entry_size(len));
	ke->line = line;
	ke->len = (uint32_t)len;
	p = ke->key;
	for (size_t i = 0; i < nkey; i++) {
		size_t clen = v->kc[i].set ? v->kc[i].len : 0;

		if (clen > 0)
			memcpy(p, v->kc[i].s, clen);
		p += clen;
		if (i == 0)
			ke->k0len = (uint32_t)clen;
		if (nkey > 1)
			*p++ = '\x1f';
		v->kc[i].set = false;
	}
	*p = '\0';
	/* Files mendlog writes are in key order: then no key repeats and
	 * the sort at the end is skipped. */
	if (v->sorted && v->last_key != NULL && strcmp(v->last_key, ke->key) >= 0)
		v->sorted = false;
	v->last_key = ke->key;
	v->nkeys++;
}

/* Required columns the header lacks; reported when the file has rows. */
static void
validator_header(struct validator *v)
{
	struct ml_error e;

	for (size_t c = 0; c < v->sc->ncols; c++)
		if (v->sc->cols[c].required && v->colmap[c] < 0) {
			ml_error_set(&e, v->path, 1, v->sc->cols[c].name,
			    "required column missing from the header");
			problem(v, &e);
		}
}

/* Copy @val (@len bytes) into @kc, reusing its buffer. */
static void
keep_cell(struct key_cell *kc, const char *val, size_t len)
{
	if (len + 1 > kc->cap) {
		kc->cap = len + 1 > 32 ? len + 1 : 32;
		kc->s = xrealloc(kc->s, kc->cap);
	}
	memcpy(kc->s, val, len + 1);
	kc->len = len;
	kc->set = true;
}

/*
 * Whether @val is what a spreadsheet leaves when it took a cell for a
 * formula and saved the result: LibreOffice's Err:5xx, Excel's #NAME?,
 * #VALUE!, #REF!, #DIV/0!, #N/A, #NUM!, #NULL!, or a column too narrow
 * saved as ###.  Such a cell passes a text column's check, so it is named
 * here: the note it replaced is lost unless FILE.bak still has it.
 */
static bool
spreadsheet_damage(const char *val, size_t len)
{
	static const char *const errors[] = { "#NAME?", "#VALUE!", "#REF!",
		"#DIV/0!", "#N/A", "#NUM!", "#NULL!" };
	size_t hashes = 0;

	if (len == 7 && strncmp(val, "Err:5", 5) == 0 &&
	    (unsigned)(val[5] - '0') <= 9u && (unsigned)(val[6] - '0') <= 9u)
		return true;
	for (size_t i = 0; i < ML_NELEM(errors); i++)
		if (strcmp(val, errors[i]) == 0)
			return true;
	while (hashes < len && val[hashes] == '#')
		hashes++;
	return hashes >= 3 && hashes == len;
}

/* Cell @col (of @len bytes) of the current row: check it against its
 * column; a problem waits for the row's end. */
static void
validator_cell(struct validator *v, size_t col, const char *val, size_t len)
{
	const struct ml_column *sc;
	const char *why;
	int c, k;

	if (col >= v->ncols || (c = v->inv[col]) < 0)
		return;		/* a column the schema does not know */
	if ((k = v->keyidx[c]) >= 0) {
		keep_cell(&v->kc[k], val, len);
	}
	if (v->sc->file == ML_EXERCISES &&
	    (c == XC_START_DATE || c == XC_END_DATE))
		keep_cell(&v->xdates[c == XC_END_DATE], val, len);
	sc = &v->sc->cols[c];
	if (*val == '\0') {
		if (!sc->required)
			return;	/* not answered: always valid */
		ml_error_set(&v->pending[c], v->path, 0, sc->name,
		    "empty, but required");
	} else if (spreadsheet_damage(val, len)) {
		char shown[64];

		ml_error_set(&v->pending[c], v->path, 0, sc->name,
		    "'%s' looks like a spreadsheet's error value: the cell was "
		    "taken for a formula when the file went through a "
		    "spreadsheet; retype it, or find it in %s.bak (see "
		    "mendlog(5) on opening the files as text)",
		    ml_printable(val, 20, shown, sizeof shown), v->sc->filename);
	} else if (!ml_value_check(sc->type, val, &why)) {
		char shown[256];

		ml_error_set(&v->pending[c], v->path, 0, sc->name,
		    "invalid value '%s' (expected %s)%s",
		    ml_printable(val, 40, shown, sizeof shown), why,
		    strstr(val, "\xef\xbb\xbf") != NULL ?
		    "; \\xEF\\xBB\\xBF is an invisible byte order "
		    "mark, often left by pasting two files together" : "");
	} else {
		return;
	}
	v->has_pending[c] = true;
	v->npending++;
}

/* The current row, which started on @line, ended after @ncells cells:
 * report its problems (the width first, then by schema column). */
static void
validator_end(struct validator *v, size_t ncells, long line)
{
	const struct ml_schema *sc = v->sc;
	struct ml_error e;

	if (v->nrows++ == 0)
		validator_header(v);
	if (ncells != v->ncols) {
		ml_error_set(&e, v->path, line, NULL,
		    "row has %zu fields, the header has %zu", ncells, v->ncols);
		problem(v, &e);
	}
	/* A short row lacks some cells: they are empty. */
	if (ncells < v->ncols || v->npending > 0)
		for (size_t c = 0; c < sc->ncols; c++) {
			if (v->has_pending[c]) {
				v->pending[c].line = line;
				problem(v, &v->pending[c]);
				v->has_pending[c] = false;
			} else if (v->colmap[c] >= 0 &&
			    (size_t)v->colmap[c] >= ncells &&
			    sc->cols[c].required) {
				ml_error_set(&e, v->path, line, sc->cols[c].name,
				    "empty, but required");
				problem(v, &e);
			}
		}
	v->npending = 0;
	if (sc->file == ML_EXERCISES) {
		if (v->xdates[0].set && v->xdates[1].set &&
		    ml_exercise_dates_check(v->xdates[0].s, v->xdates[1].s,
		    &e) != 0) {
			char msg[sizeof e.msg];

			snprintf(msg, sizeof msg, "%s", e.msg);
			ml_error_set(&e, v->path, line, "end_date", "%s", msg);
			problem(v, &e);
		}
		v->xdates[0].set = v->xdates[1].set = false;
	}
	if (sc->nkey > 0)
		validator_key(v, line);
}

static int
keyed_cmp(const void *a, const void *b)
{
	const struct keyed_row *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	if (c != 0)
		return c;
	return x->row < y->row ? -1 : x->row > y->row;
}

/* Duplicate keys, in key order; each names the line it repeats. */
static void
validator_finish(struct validator *v)
{
	struct key_block **blocks;
	struct keyed_row *kr;
	struct ml_error e;
	size_t nblocks = 0, n = 0;

	if (v->nkeys < 2 || v->sorted)
		return;
	/* Out of order: list the keys, oldest block first, and sort. */
	for (struct key_block *b = v->blocks; b != NULL; b = b->next)
		nblocks++;
	blocks = xcalloc(nblocks, sizeof *blocks);
	for (struct key_block *b = v->blocks; b != NULL; b = b->next)
		blocks[--nblocks] = b;
	kr = xcalloc(v->nkeys, sizeof *kr);
	for (struct key_block **b = blocks; n < v->nkeys; b++)
		for (size_t at = 0; at < (*b)->used && n < v->nkeys; n++) {
			struct key_entry *ke = (struct key_entry *)(void *)
			    ((*b)->data + at);

			kr[n].key = ke->key;
			kr[n].k0len = ke->k0len;
			kr[n].line = ke->line;
			kr[n].row = n;
			at += key_entry_size(ke->len);
		}
	free(blocks);
	qsort(kr, v->nkeys, sizeof *kr, keyed_cmp);
	for (size_t i = 1; i < v->nkeys; i++) {
		if (strcmp(kr[i].key, kr[i - 1].key) != 0)
			continue;
		ml_error_set(&e, v->path, kr[i].line,
		    v->sc->cols[v->sc->key[0]].name,
		    "duplicate row for '%.*s', also on line %ld",
		    (int)kr[i].k0len, kr[i].key, kr[i - 1].line);
		problem(v, &e);
	}
	free(kr);
}

size_t
store_validate(const struct ml_store *s, enum ml_file file,
    ml_problem_fn report, void *ctx)
{
	const struct ml_store_file *sf = &s->files[file];
	const struct ml_table *t = &sf->table;
	struct validator v;
	size_t problems;

	if (sf->broken) {
		report(ctx, &sf->load_error);
		return 1;
	}
	validator_init(&v, file, s->paths[file], sf->colmap, t->ncols, report,
	    ctx);
	for (size_t r = 0; r < t->nrows; r++) {
		const struct ml_row *row = &t->rows[r];

		for (size_t i = 0; i < row->ncells; i++)
			validator_cell(&v, i, row->cells[i],
			    strlen(row->cells[i]));
		validator_end(&v, row->ncells, row->line);
	}
	validator_finish(&v);
	problems = v.problems;
	validator_free(&v);
	return problems;
}

/* Problems of a file being streamed, held until it parsed: a broken file
 * reports only why it cannot be read, as store_validate does. */
struct held_problem {
	long line;
	char *field, *msg;
};

struct stream_check {
	struct validator v;
	int *colmap;
	struct held_problem *held;
	size_t nheld, capheld;
};

static void
hold_problem(void *ctx, const struct ml_error *e)
{
	struct stream_check *sc = ctx;
	struct held_problem *h;

	if (sc->nheld == sc->capheld) {
		sc->capheld = sc->capheld ? sc->capheld * 2 : 16;
		sc->held = xreallocarray(sc->held, sc->capheld, sizeof *sc->held);
	}
	h = &sc->held[sc->nheld++];
	h->line = e->line;
	h->field = xstrdup(e->field);
	h->msg = xstrdup(e->msg);
}

static void
stream_header_cb(void *ctx, const char *const *cells, size_t ncells, long line)
{
	struct stream_check *sc = ctx;

	(void)line;
	store_map_header(sc->colmap, sc->v.sc, cells, ncells);
	validator_columns(&sc->v, ncells);
}

static void
stream_cell_cb(void *ctx, size_t col, const char *value, size_t len)
{
	validator_cell(&((struct stream_check *)ctx)->v, col, value, len);
}

static void
stream_end_cb(void *ctx, size_t ncells, long line)
{
	validator_end(&((struct stream_check *)ctx)->v, ncells, line);
}

size_t
store_check_file(const struct ml_store *s, enum ml_file file,
    ml_problem_fn report, void *ctx, size_t *nrows)
{
	const struct ml_schema *sch = ml_schema(file);
	struct stream_check sc;
	struct ml_error e;
	size_t problems;
	int rc;

	memset(&sc, 0, sizeof sc);
	sc.colmap = xcalloc(sch->ncols, sizeof *sc.colmap);
	for (size_t c = 0; c < sch->ncols; c++)
		sc.colmap[c] = -1;
	validator_init(&sc.v, file, s->paths[file], sc.colmap, 0, hold_problem,
	    &sc);
	rc = csvio_stream_file(s->paths[file], &(struct csvio_stream){
	    .header = stream_header_cb, .cell = stream_cell_cb,
	    .end = stream_end_cb, .ctx = &sc }, &e);
	if (rc >= 0)
		validator_finish(&sc.v);
	*nrows = rc >= 0 ? sc.v.nrows : 0;
	if (rc < 0) {
		report(ctx, &e);
		problems = 1;
	} else {
		problems = sc.nheld;
	}
	for (size_t i = 0; i < sc.nheld; i++) {
		if (rc >= 0) {
			ml_error_set(&e, s->paths[file], sc.held[i].line,
			    sc.held[i].field[0] ? sc.held[i].field : NULL, "%s",
			    sc.held[i].msg);
			report(ctx, &e);
		}
		free(sc.held[i].field);
		free(sc.held[i].msg);
	}
	free(sc.held);
	free(sc.colmap);
	validator_free(&sc.v);
	return problems;
}
