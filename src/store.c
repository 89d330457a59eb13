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
#include "store-index.h"

struct ml_tx {
	struct ml_store *s;
	enum ml_file file;
	struct ml_store_file *sf;
	const struct ml_schema *schema;
};

/* Create the missing parents of @dir 0700: they often are ~/.local/share. */
static int
mkdir_parents(const char *dir, struct ml_error *err)
{
	char *copy = xstrdup(dir);

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
	return 0;
}

/*
 * Why the existing directory @st may not hold health records, or NULL.
 * Such a directory is refused, never "fixed" by a chmod: its mode belongs
 * to whoever shares it (`mendlog -d /tmp` as root must not turn /tmp
 * 0700, nor a group's 2775 project directory).
 */
static const char *
unsafe_dir(const struct stat *st)
{
	if (st->st_mode & S_ISVTX)
		return "a shared directory (sticky bit set, like /tmp); "
		    "refusing to keep health records there: use a directory "
		    "of your own";
	if (st->st_mode & S_IWOTH)
		return "writable by every user; refusing to keep health "
		    "records there: use a directory of your own (chmod 700)";
	if (st->st_mode & S_ISGID)
		return "a group's shared directory (setgid bit set); refusing "
		    "to keep health records there: use a directory of your own";
	return NULL;
}

int
store_prepare_dir(struct ml_store *s, struct ml_error *err)
{
	const char *dir = s->dir, *why;
	struct stat st;
	int fd;

	if (s->dir_ready)
		return 0;
	if (mkdir_parents(dir, err) != 0)
		return -1;
	if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
		ml_error_set(err, dir, 0, NULL, "cannot create directory: %s",
		    strerror(errno));
		return -1;
	}
	/* Checked and changed through one descriptor: what is chmodded is
	 * what was checked, even if a symbolic link is swapped meanwhile. */
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) != 0) {
		ml_error_set(err, dir, 0, NULL, "%s", errno == ENOTDIR ?
		    "not a directory" : strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	if (st.st_uid != geteuid()) {
		ml_error_set(err, dir, 0, NULL,
		    "owned by another user (uid %ld); refusing to keep health "
		    "records there", (long)st.st_uid);
		close(fd);
		return -1;
	}
	if ((why = unsafe_dir(&st)) != NULL) {
		ml_error_set(err, dir, 0, NULL, "%s", why);
		close(fd);
		return -1;
	}
	/* Health records: owner only, whatever the umask or the old mode
	 * (a 0755 directory of one's own is tightened). */
	if ((st.st_mode & 07777) != 0700 && fchmod(fd, 0700) != 0) {
		ml_error_set(err, dir, 0, NULL, "chmod 0700: %s", strerror(errno));
		close(fd);
		return -1;
	}
	close(fd);
	s->dir_ready = true;
	return 0;
}

static void
store_init(struct ml_store *s, const char *dir)
{
	memset(s, 0, sizeof *s);
	s->dir = xstrdup(dir);
	s->lock_timeout_ms = 10000;
	for (int f = 0; f < ML_NFILES; f++) {
		const struct ml_schema *sc = ml_schema((enum ml_file)f);

		s->paths[f] = xasprintf("%s/%s", dir, sc->filename);
		s->files[f].colmap = xcalloc(sc->ncols, sizeof(int));
		s->files[f].index = xcalloc(1, sizeof *s->files[f].index);
		for (size_t c = 0; c < sc->ncols; c++)
			s->files[f].colmap[c] = -1;
	}
}

int
store_open(struct ml_store *s, const char *dir, struct ml_error *err)
{
	store_init(s, dir);
	if (store_prepare_dir(s, err) != 0) {
		store_close(s);
		return -1;
	}
	return 0;
}

int
store_open_read(struct ml_store *s, const char *dir, struct ml_error *err)
{
	struct stat st;
	int rc = stat(dir, &st);

	if (rc != 0 && errno != ENOENT) {
		ml_error_set(err, dir, 0, NULL, "%s", strerror(errno));
		return -1;
	}
	if (rc == 0 && !S_ISDIR(st.st_mode)) {
		ml_error_set(err, dir, 0, NULL, "not a directory");
		return -1;
	}
	store_init(s, dir);
	return 0;
}

void
store_close(struct ml_store *s)
{
	for (int f = 0; f < ML_NFILES; f++) {
		ml_table_free(&s->files[f].table);
		free(s->files[f].colmap);
		if (s->files[f].index != NULL) {
			key_index_free(s->files[f].index);
			free(s->files[f].index);
		}
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

void
store_map_header(int *colmap, const struct ml_schema *sc,
    const char *const *header, size_t n)
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

/* The rows or their keys changed: rebuild the index when next asked. */
static void
index_stale(struct ml_store_file *sf)
{
	if (sf->index != NULL)
		sf->index->valid = false;
}

static void
map_columns(struct ml_store_file *sf, const struct ml_schema *sc)
{
	index_stale(sf);
	store_map_header(sf->colmap, sc, (const char *const *)sf->table.header,
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
 * Dates a spreadsheet re-saved as YYYY/MM/DD are the same days: keep them
 * as YYYY-MM-DD in memory, so keys and ranges compare as strings, and the
 * next save of the file writes them back that way.
 */
static void
normalise_dates(struct ml_store_file *sf, const struct ml_schema *sc)
{
	for (size_t c = 0; c < sc->ncols; c++) {
		int tc = sf->colmap[c];

		if (sc->cols[c].type != ML_T_DATE || tc < 0)
			continue;
		for (size_t r = 0; r < sf->table.nrows; r++) {
			const char *v = ml_row_get(&sf->table.rows[r], (size_t)tc);
			char iso[ML_DATE_LEN];
			ml_day d;

			if (strlen(v) == 10 && v[4] == '/' && ml_date_parse(v, &d)) {
				ml_date_format(d, iso);
				ml_row_set(&sf->table.rows[r], (size_t)tc, iso);
			}
		}
	}
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
	normalise_dates(sf, sc);
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
	store_map_header(fl->colmap, fl->sc, cells, ncells);
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

/* The file's key index, current; NULL without one (a zeroed store). */
static const struct ml_key_index *
current_index(const struct ml_store_file *sf, const struct ml_schema *sc)
{
	if (sf->index == NULL || sc->nkey == 0)
		return NULL;
	key_index_build(sf->index, &sf->table, sf->colmap, sc);
	return sf->index;
}

long
store_find(const struct ml_store *s, enum ml_file file, const char *const *key)
{
	const struct ml_store_file *sf = &s->files[file];
	const struct ml_schema *sc = ml_schema(file);
	const struct ml_key_index *ix = current_index(sf, sc);
	size_t at;

	if (ix == NULL)
		return -1;
	at = key_index_lower(ix, &sf->table, sf->colmap, sc, key, sc->nkey);
	if (at == ix->n)
		return -1;
	for (size_t k = 0; k < sc->nkey; k++)
		if (strcmp(key_index_cell(&sf->table, sf->colmap, sc,
		    ix->rows[at], k), key[k]) != 0)
			return -1;
	return (long)ix->rows[at];
}

size_t
store_key_range(const struct ml_store *s, enum ml_file file, const char *lo,
    const char *hi, const size_t **rows)
{
	const struct ml_store_file *sf = &s->files[file];
	const struct ml_schema *sc = ml_schema(file);
	const struct ml_key_index *ix = current_index(sf, sc);
	size_t first, end;

	*rows = NULL;
	if (ix == NULL)
		return 0;
	first = key_index_lower(ix, &sf->table, sf->colmap, sc, &lo, 1);
	end = first;
	while (end < ix->n && strcmp(key_index_cell(&sf->table, sf->colmap, sc,
	    ix->rows[end], 0), hi) <= 0)
		end++;
	*rows = ix->rows + first;
	return end - first;
}

/* Take the directory lock, waiting up to s->lock_timeout_ms.  Returns the
 * lock descriptor; closing it releases the lock. */
static int
lock_dir(struct ml_store *s, struct ml_error *err)
{
	char *path = xasprintf("%s/.lock", s->dir);
	struct timespec pause = { 0, 5 * 1000 * 1000 };
	int fd, waited = 0;

	if (store_prepare_dir(s, err) != 0) {
		free(path);
		return -1;
	}
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
	index_stale(tx->sf);	/* the caller may move rows */
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

/* True when schema column @col is one of @tx's key columns. */
static bool
is_key_col(const struct ml_tx *tx, size_t col)
{
	for (size_t k = 0; k < tx->schema->nkey; k++)
		if (tx->schema->key[k] == col)
			return true;
	return false;
}

void
tx_set(struct ml_tx *tx, size_t row, size_t col, const char *value)
{
	if (is_key_col(tx, col))
		index_stale(tx->sf);
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
		ml_row_set(&tx->sf->table.rows[pos], tx_column(tx, tx->schema->key[k]),
		    key[k]);
	/* Keep the index: a file filled row by row stays O(n) per row. */
	if (tx->sf->index != NULL)
		key_index_insert(tx->sf->index, &tx->sf->table, tx->sf->colmap,
		    tx->schema, pos);
	return pos;
}

size_t
tx_append_row(struct ml_tx *tx)
{
	size_t pos = tx->sf->table.nrows;

	ml_table_insert_row(&tx->sf->table, pos, tx->sf->table.ncols);
	index_stale(tx->sf);
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
	index_stale(tx->sf);
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
