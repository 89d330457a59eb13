/*
 * store.c - one engine for every CSV file of the data directory.
 *
 * Invariant: a file's in-memory table is either exactly what is on disk as
 * identified by files[f].st (device, inode, size, mtime, ctime), or (for a
 * file with a window, marked partial) exactly the rows of it in the
 * window, or marked not loaded.  A partial table is never written.  Every write goes through store_transact(), which holds the
 * directory lock from the reload to the rename, so a change is always
 * applied to the newest version of the file.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "date.h"
#include "store.h"

struct ml_tx {
	struct ml_store *s;
	enum ml_file file;
	struct ml_store_file *sf;
	const struct ml_schema *schema;
};

static int
mkdir_p(const char *dir, struct ml_error *err)
{
	char *copy = xstrdup(dir);
	struct stat st;

	/* Create missing parents 0700 too: they often are ~/.local/share. */
	for (char *p = copy + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(copy, 0700) != 0 && errno != EEXIST) {
			ml_error_set(err, copy, 0, NULL, "cannot create directory: %s",
			    strerror(errno));
			free(copy);
			return -1;
		}
		*p = '/';
	}
	free(copy);
	if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
		ml_error_set(err, dir, 0, NULL, "cannot create directory: %s",
		    strerror(errno));
		return -1;
	}
	if (stat(dir, &st) != 0) {
		ml_error_set(err, dir, 0, NULL, "%s", strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		ml_error_set(err, dir, 0, NULL, "not a directory");
		return -1;
	}
	if (st.st_uid != geteuid()) {
		ml_error_set(err, dir, 0, NULL,
		    "owned by another user (uid %ld); refusing to keep health "
		    "records there", (long)st.st_uid);
		return -1;
	}
	/* Health records: owner only, whatever the umask or the old mode. */
	if ((st.st_mode & 07777) != 0700 && chmod(dir, 0700) != 0) {
		ml_error_set(err, dir, 0, NULL, "chmod 0700: %s", strerror(errno));
		return -1;
	}
	return 0;
}

int
store_open(struct ml_store *s, const char *dir, struct ml_error *err)
{
	memset(s, 0, sizeof *s);
	if (mkdir_p(dir, err) != 0)
		return -1;
	s->dir = xstrdup(dir);
	s->lock_timeout_ms = 10000;
	for (int f = 0; f < ML_NFILES; f++) {
		const struct ml_schema *sc = ml_schema((enum ml_file)f);

		s->paths[f] = xasprintf("%s/%s", dir, sc->filename);
		s->files[f].colmap = xcalloc(sc->ncols, sizeof(int));
		for (size_t c = 0; c < sc->ncols; c++)
			s->files[f].colmap[c] = -1;
	}
	return 0;
}

void
store_close(struct ml_store *s)
{
	for (int f = 0; f < ML_NFILES; f++) {
		ml_table_free(&s->files[f].table);
		free(s->files[f].colmap);
		free(s->paths[f]);
	}
	free(s->dir);
	memset(s, 0, sizeof *s);
}

const char *
store_path(const struct ml_store *s, enum ml_file file)
{
	return s->paths[file];
}

static bool
same_file(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino &&
	    a->st_size == b->st_size &&
	    a->st_mtim.tv_sec == b->st_mtim.tv_sec &&
	    a->st_mtim.tv_nsec == b->st_mtim.tv_nsec &&
	    a->st_ctim.tv_sec == b->st_ctim.tv_sec &&
	    a->st_ctim.tv_nsec == b->st_ctim.tv_nsec;
}

/* Schema column -> index in @header (of @n names), or -1. */
static void
map_header(int *colmap, const struct ml_schema *sc, const char *const *header,
    size_t n)
{
	for (size_t c = 0; c < sc->ncols; c++) {
		colmap[c] = -1;
		for (size_t i = 0; i < n; i++)
			if (strcmp(header[i], sc->cols[c].name) == 0) {
				colmap[c] = (int)i;
				break;
			}
	}
}

static void
map_columns(struct ml_store_file *sf, const struct ml_schema *sc)
{
	map_header(sf->colmap, sc, (const char *const *)sf->table.header,
	    sf->table.ncols);
}

/* A new file gets the canonical header. */
static void
canonical_header(struct ml_table *t, const struct ml_schema *sc)
{
	for (size_t c = 0; c < sc->ncols; c++)
		ml_table_add_col(t, sc->cols[c].name);
}

void
store_window(struct ml_store *s, enum ml_file file, size_t col, ml_day from)
{
	struct ml_store_file *sf = &s->files[file];
	char date[ML_DATE_LEN];

	ml_date_format(from, date);
	if (sf->window_from[0] != '\0' && (col != sf->window_col ||
	    strcmp(date, sf->window_from) >= 0))
		return;
	/* A table already loaded whole holds the window: keep it. */
	if (sf->window_from[0] != '\0' && sf->partial)
		sf->loaded = false;
	sf->window_col = col;
	snprintf(sf->window_from, sizeof sf->window_from, "%s", date);
}

/*
 * Make @fresh (just read, with result @rc) the table of @sf, loaded as of
 * @st.  A failed read keeps the last good copy for display and marks the
 * file broken, so it is never written.  Returns 0, or -1 with @err.
 */
static int
adopt_table(struct ml_store_file *sf, const struct ml_schema *sc, int rc,
    struct ml_table *fresh, const struct stat *st, bool partial,
    struct ml_error *err)
{
	if (rc < 0) {
		ml_table_free(fresh);
		sf->broken = true;
		if (err != NULL)
			*err = sf->load_error;
		return -1;
	}
	ml_table_free(&sf->table);
	sf->table = *fresh;
	if (sf->table.ncols == 0)
		canonical_header(&sf->table, sc);
	map_columns(sf, sc);
	sf->st = *st;
	sf->loaded = true;
	sf->broken = false;
	sf->partial = partial;
	return 0;
}

/* Load @file if it changed on disk; @whole: never just its window. */
static int
load(struct ml_store *s, enum ml_file file, bool whole, bool *changed,
    struct ml_error *err)
{
	struct ml_store_file *sf = &s->files[file];
	const struct ml_schema *sc = ml_schema(file);
	struct csvio_filter filter = { sc->cols[sf->window_col].name,
	    sf->window_from };
	bool windowed = !whole && sf->window_from[0] != '\0';
	struct ml_table fresh;
	struct stat st;
	int rc;

	if (changed != NULL)
		*changed = false;
	if (stat(s->paths[file], &st) != 0)
		memset(&st, 0, sizeof st);
	if (sf->loaded && !sf->broken && same_file(&st, &sf->st) &&
	    !(whole && sf->partial))
		return 0;
	rc = csvio_read_file_filtered(s->paths[file], windowed ? &filter : NULL,
	    &fresh, &sf->load_error);
	if (adopt_table(sf, sc, rc, &fresh, &st, windowed, err) != 0)
		return -1;
	if (changed != NULL)
		*changed = true;
	return 0;
}

struct filter_load {
	struct ml_table *t;
	int *colmap;
	const struct ml_schema *sc;
	store_keep_fn keep;
	void *ctx;
};

static void
filter_header_cb(void *ctx, const char *const *cells, size_t ncells, long line)
{
	struct filter_load *fl = ctx;

	(void)line;
	fl->t->header = xcalloc(ncells, sizeof *fl->t->header);
	for (size_t i = 0; i < ncells; i++)
		fl->t->header[i] = xstrdup(cells[i]);
	fl->t->ncols = ncells;
	map_header(fl->colmap, fl->sc, cells, ncells);
}

static void
filter_row_cb(void *ctx, const char *const *cells, size_t ncells, long line)
{
	struct filter_load *fl = ctx;

	if (fl->keep(fl->ctx, cells, ncells, fl->colmap))
		ml_table_append_packed(fl->t, cells, ncells, line);
}

int
store_load_filtered(struct ml_store *s, enum ml_file file, store_keep_fn keep,
    void *ctx, struct ml_error *err)
{
	struct ml_store_file *sf = &s->files[file];
	const struct ml_schema *sc = ml_schema(file);
	struct ml_table fresh;
	struct filter_load fl;
	struct stat st;
	int rc;

	if (stat(s->paths[file], &st) != 0)
		memset(&st, 0, sizeof st);
	ml_table_init(&fresh);
	fl.t = &fresh;
	fl.colmap = xcalloc(sc->ncols, sizeof *fl.colmap);
	for (size_t c = 0; c < sc->ncols; c++)
		fl.colmap[c] = -1;
	fl.sc = sc;
	fl.keep = keep;
	fl.ctx = ctx;
	rc = csvio_stream_file(s->paths[file], &(struct csvio_stream){
	    .header = filter_header_cb, .row = filter_row_cb, .ctx = &fl },
	    &sf->load_error);
	free(fl.colmap);
	if (adopt_table(sf, sc, rc, &fresh, &st, true, err) != 0)
		return -1;
	return 0;
}

int
store_load(struct ml_store *s, enum ml_file file, bool *changed,
    struct ml_error *err)
{
	return load(s, file, false, changed, err);
}

const struct ml_table *
store_table(const struct ml_store *s, enum ml_file file)
{
	return &s->files[file].table;
}

size_t
store_nrows(const struct ml_store *s, enum ml_file file)
{
	return s->files[file].table.nrows;
}

const char *
store_get(const struct ml_store *s, enum ml_file file, size_t row, size_t col)
{
	const struct ml_store_file *sf = &s->files[file];

	if (row >= sf->table.nrows || sf->colmap[col] < 0)
		return "";
	return ml_row_get(&sf->table.rows[row], (size_t)sf->colmap[col]);
}

static bool
row_has_key(const struct ml_store_file *sf, const struct ml_schema *sc,
    size_t row, const char *const *key)
{
	for (size_t k = 0; k < sc->nkey; k++) {
		int tc = sf->colmap[sc->key[k]];
		const char *v = tc < 0 ? "" : ml_row_get(&sf->table.rows[row],
		    (size_t)tc);

		if (strcmp(v, key[k]) != 0)
			return false;
	}
	return true;
}

long
store_find(const struct ml_store *s, enum ml_file file, const char *const *key)
{
	const struct ml_store_file *sf = &s->files[file];
	const struct ml_schema *sc = ml_schema(file);

	if (sc->nkey == 0)
		return -1;
	for (size_t r = 0; r < sf->table.nrows; r++)
		if (row_has_key(sf, sc, r, key))
			return (long)r;
	return -1;
}

/* Take the directory lock, waiting up to s->lock_timeout_ms.  Returns the
 * lock descriptor; closing it releases the lock. */
static int
lock_dir(struct ml_store *s, struct ml_error *err)
{
	char *path = xasprintf("%s/.lock", s->dir);
	struct timespec pause = { 0, 5 * 1000 * 1000 };
	int fd, waited = 0;

	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0) {
		ml_error_set(err, path, 0, NULL, "cannot open lock file: %s",
		    strerror(errno));
		free(path);
		return -1;
	}
	(void)fchmod(fd, 0600);
	while (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		if ((errno != EWOULDBLOCK && errno != EINTR) ||
		    waited >= s->lock_timeout_ms) {
			ml_error_set(err, path, 0, NULL,
			    "data directory is locked by another mendlog "
			    "(waited %d ms): %s", waited, strerror(errno));
			close(fd);
			free(path);
			return -1;
		}
		nanosleep(&pause, NULL);
		waited += 5;
	}
	free(path);
	return fd;
}

/*
 * Under the directory lock no save of any diary file is in progress, so
 * a temp file of one is a leftover of a crash (a `mendlog log` killed
 * while its rules saved alerts.csv, say): remove them all.  Only the
 * diary files' own temps: an export into this directory takes no lock.
 */
static void
remove_stale_temps(const struct ml_store *s)
{
	DIR *d = opendir(s->dir);
	struct dirent *de;

	if (d == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		for (int f = 0; f < ML_NFILES; f++) {
			const char *name = ml_schema((enum ml_file)f)->filename;
			size_t len = strlen(name);
			char *p;

			if (strncmp(de->d_name, name, len) != 0 ||
			    strncmp(de->d_name + len, ".tmp.", 5) != 0)
				continue;
			p = xasprintf("%s/%s", s->dir, de->d_name);
			unlink(p);
			free(p);
			break;
		}
	}
	closedir(d);
}

static int
write_table_cb(FILE *fp, void *ctx, struct ml_error *err)
{
	(void)err;
	return csvio_write_table(fp, ctx, NULL);
}

/*
 * After a save of a file with a window (the lock still held, so the file
 * is as saved): hold only the window's rows again.  If that read fails,
 * the whole table stays: it is exactly the file, just larger.
 */
static void
keep_window(struct ml_store *s, enum ml_file file)
{
	struct ml_store_file *sf = &s->files[file];
	struct csvio_filter filter = {
		ml_schema(file)->cols[sf->window_col].name, sf->window_from };
	struct ml_table fresh;
	struct ml_error e;

	if (csvio_read_file_filtered(s->paths[file], &filter, &fresh, &e) != 0) {
		ml_table_free(&fresh);
		return;
	}
	ml_table_free(&sf->table);
	sf->table = fresh;
	if (sf->table.ncols == 0)
		canonical_header(&sf->table, ml_schema(file));
	map_columns(sf, ml_schema(file));
	sf->partial = true;
}

int
store_transact(struct ml_store *s, enum ml_file file, ml_tx_apply apply,
    void *ctx, struct ml_error *err)
{
	struct ml_store_file *sf = &s->files[file];
	struct ml_tx tx = { s, file, sf, ml_schema(file) };
	struct stat lst;
	int lockfd, rc;

	if ((lockfd = lock_dir(s, err)) < 0)
		return -1;
	remove_stale_temps(s);
	/* The change applies to the whole file, never to a window of it. */
	if (load(s, file, true, NULL, err) != 0) {
		close(lockfd);
		return -1;
	}
	/* A save replaces the file: through a symbolic link (into a sync
	 * folder, say) it would silently cut the link and leave the target
	 * behind.  Say so instead. */
	if (lstat(s->paths[file], &lst) == 0 && S_ISLNK(lst.st_mode)) {
		ml_error_set(err, s->paths[file], 0, NULL,
		    "is a symbolic link; mendlog saves by replacing the file, "
		    "which would cut the link: keep the file itself in the data "
		    "directory (or link the directory instead)");
		close(lockfd);
		return -1;
	}
	rc = apply(&tx, ctx, err);
	if (rc == 0) {
		rc = csvio_save_atomic(s->paths[file], write_table_cb,
		    &sf->table, true, err);
		if (rc == 0 && stat(s->paths[file], &sf->st) != 0)
			rc = -1;
		if (rc != 0)
			sf->loaded = false;	/* memory no longer matches disk */
		else if (sf->window_from[0] != '\0')
			keep_window(s, file);
	} else if (rc < 0) {
		sf->loaded = false;		/* drop a half-applied change */
	} else {
		rc = 0;
	}
	close(lockfd);
	return rc;
}

size_t
tx_nrows(const struct ml_tx *tx)
{
	return tx->sf->table.nrows;
}

const char *
tx_get(const struct ml_tx *tx, size_t row, size_t col)
{
	return store_get(tx->s, tx->file, row, col);
}

long
tx_find(const struct ml_tx *tx, const char *const *key)
{
	return store_find(tx->s, tx->file, key);
}

struct ml_table *
tx_table(struct ml_tx *tx)
{
	return &tx->sf->table;
}

size_t
tx_column(struct ml_tx *tx, size_t col)
{
	if (tx->sf->colmap[col] < 0)
		tx->sf->colmap[col] = (int)ml_table_add_col(&tx->sf->table,
		    tx->schema->cols[col].name);
	return (size_t)tx->sf->colmap[col];
}

void
tx_set(struct ml_tx *tx, size_t row, size_t col, const char *value)
{
	ml_row_set(&tx->sf->table.rows[row], tx_column(tx, col), value);
}

static int
key_cmp(const struct ml_tx *tx, size_t row, const char *const *key)
{
	for (size_t k = 0; k < tx->schema->nkey; k++) {
		int c = strcmp(tx_get(tx, row, tx->schema->key[k]), key[k]);

		if (c != 0)
			return c;
	}
	return 0;
}

size_t
tx_add_row(struct ml_tx *tx, const char *const *key)
{
	size_t pos = tx->sf->table.nrows;

	/* Keep files sorted by key when they are: insert before the last row
	 * that sorts after the key (files are mostly appended to). */
	while (pos > 0 && key_cmp(tx, pos - 1, key) > 0)
		pos--;
	ml_table_insert_row(&tx->sf->table, pos, tx->sf->table.ncols);
	for (size_t k = 0; k < tx->schema->nkey; k++)
		tx_set(tx, pos, tx->schema->key[k], key[k]);
	return pos;
}

size_t
tx_append_row(struct ml_tx *tx)
{
	size_t pos = tx->sf->table.nrows;

	ml_table_insert_row(&tx->sf->table, pos, tx->sf->table.ncols);
	return pos;
}

void
tx_remove_row(struct ml_tx *tx, size_t row)
{
	ml_table_remove_row(&tx->sf->table, row);
}

void
tx_clear_rows(struct ml_tx *tx)
{
	ml_table_clear_rows(&tx->sf->table);
}

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

struct upsert_ctx {
	const char *const *key;
	const struct ml_set *sets;
	size_t nsets;
};

static int
apply_upsert(struct ml_tx *tx, void *ctx, struct ml_error *err)
{
	struct upsert_ctx *u = ctx;
	long row = tx_find(tx, u->key);

	(void)err;
	if (row < 0)
		row = (long)tx_add_row(tx, u->key);
	for (size_t i = 0; i < u->nsets; i++)
		tx_set(tx, (size_t)row,
		    (size_t)ml_schema_col(tx->schema, u->sets[i].column),
		    u->sets[i].value);
	return 0;
}

int
store_upsert(struct ml_store *s, enum ml_file file, const char *const *key,
    const struct ml_set *sets, size_t nsets, struct ml_error *err)
{
	const struct ml_schema *sc = ml_schema(file);
	struct upsert_ctx u = { key, sets, nsets };

	for (size_t k = 0; k < sc->nkey; k++)
		if (store_check_value(file, sc->cols[sc->key[k]].name, key[k],
		    err) != 0)
			return -1;
	for (size_t i = 0; i < nsets; i++)
		if (store_check_value(file, sets[i].column, sets[i].value, err) != 0)
			return -1;
	return store_transact(s, file, apply_upsert, &u, err);
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
	map_header(sc->colmap, sc->v.sc, cells, ncells);
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
