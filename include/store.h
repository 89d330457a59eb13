/*
 * store.h - the data directory: every CSV file, loaded on demand, changed
 * only through short locked transactions.
 *
 * Promises (see man/mendlog.5):
 *  - The directory is 0700 and every file 0600, whatever the umask.
 *  - A transaction takes an exclusive lock on DIR/.lock, reloads the file if
 *    it changed on disk since it was read, applies only the caller's change
 *    to that fresh copy, and saves it atomically (csvio_save_atomic), keeping
 *    FILE.bak.  Two processes writing at once never lose each other's rows.
 *  - Columns the schema does not know are kept in place; invalid values are
 *    kept as written (store_validate reports them); a file that cannot be
 *    parsed is never written.
 *
 * All functions return 0 on success and -1 with @err filled on failure,
 * unless stated otherwise.
 */
#ifndef ML_STORE_H
#define ML_STORE_H

#include <stdbool.h>
#include <sys/stat.h>

#include "csvio.h"
#include "date.h"
#include "schema.h"

struct ml_key_index;

struct ml_store_file {
	struct ml_table table;
	/* owned: the key index (store-index.h), rebuilt lazily, so a const
	 * store can still bring it up to date in store_find. */
	struct ml_key_index *index;
	int *colmap;		/* schema column -> table column, or -1 */
	bool loaded;
	bool broken;		/* last load failed: never written */
	struct ml_error load_error;
	struct stat st;		/* identity when loaded; st_ino 0 = no file */
	/* A window (store_window): loads keep only the rows whose column
	 * window_col is on or after window_from; "" = the whole file. */
	size_t window_col;
	char window_from[16];
	bool partial;		/* the table holds only some rows (the
				 * window's, or store_load_filtered's) */
};

struct ml_store {
	char *dir;		/* owned */
	char *paths[ML_NFILES];	/* owned: DIR/FILE.csv */
	struct ml_store_file files[ML_NFILES];
	int lock_timeout_ms;	/* how long a transaction waits for the lock */
	bool dir_ready;		/* store_prepare_dir succeeded */
};

/*
 * Open the data directory @dir to write in it: store_prepare_dir at once.
 * Loads nothing.
 */
int store_open(struct ml_store *s, const char *dir, struct ml_error *err);
/*
 * Open @dir changing nothing: no directory is created, no mode changed, so
 * a read-only command works on a read-only copy (a 0500 directory, a
 * read-only mount) and on a directory it may not write in.  The first
 * transaction prepares the directory (store_prepare_dir).  Fails only when
 * @dir exists and is not a directory.
 */
int store_open_read(struct ml_store *s, const char *dir, struct ml_error *err);
/*
 * Make the store's directory fit for health records before a write:
 * create it (and missing parents) 0700, or take an existing one only when
 * it is owned by the user, not sticky, not world-writable and not setgid
 * (refused with the reason, its mode untouched), tightening a directory of
 * one's own to 0700.  Once per store; -1 and @err on refusal.
 */
int store_prepare_dir(struct ml_store *s, struct ml_error *err);
/* Free everything the store holds.  Safe on a zeroed store. */
void store_close(struct ml_store *s);

/* Full path of @file.  Owned by the store. */
const char *store_path(const struct ml_store *s, enum ml_file file);

/*
 * Make sure @file is loaded and current: (re)read it when it was never
 * loaded or changed on disk.  *changed (may be NULL) says whether it was
 * (re)read.  A missing file loads as empty.
 */
int store_load(struct ml_store *s, enum ml_file file, bool *changed,
    struct ml_error *err);

/* Fill @colmap (one int per schema column of @sc) with each column's
 * index in @header (@n names), or -1 when the header lacks it. */
void store_map_header(int *colmap, const struct ml_schema *sc,
    const char *const *header, size_t n);

/* Whether store_load_filtered keeps a row: @colmap maps schema columns to
 * @cells (-1 = the file lacks the column). */
typedef bool (*store_keep_fn)(void *ctx, const char *const *cells,
    size_t ncells, const int *colmap);

/*
 * Load only the rows of @file that @keep accepts, streaming the file (the
 * rest is never held): for read-only commands on a large file.  The table
 * is marked partial; store_load() keeps it while the file is unchanged,
 * and a transaction always rereads the whole file before changing it.
 */
int store_load_filtered(struct ml_store *s, enum ml_file file,
    store_keep_fn keep, void *ctx, struct ml_error *err);

/*
 * From now on, keep in memory only the rows of @file whose schema column
 * @col (a date) is @from or later: a read-only view for a screen that
 * shows recent days of a file that grows for years (exercise_log.csv).
 * A window only widens: an earlier @from than the current one rereads
 * the file at the next store_load, a later one changes nothing.
 * Writes are not limited by it: store_transact always applies its change
 * to the whole, freshly read file under the lock, saves that, and then
 * keeps only the window again.
 */
void store_window(struct ml_store *s, enum ml_file file, size_t col,
    ml_day from);

/* The loaded table of @file (empty if never loaded).  Owned by the store. */
const struct ml_table *store_table(const struct ml_store *s, enum ml_file file);
/* Number of data rows of the loaded @file. */
size_t store_nrows(const struct ml_store *s, enum ml_file file);
/* Value of schema column @col in row @row of @file; "" when absent. */
const char *store_get(const struct ml_store *s, enum ml_file file,
    size_t row, size_t col);
/* Index of the first row whose key columns equal @key (schema key order),
 * or -1.  O(log n) through the file's key index. */
long store_find(const struct ml_store *s, enum ml_file file,
    const char *const *key);

/*
 * The rows of @file whose first key column lies in @lo..@hi (bytewise,
 * inclusive; ISO dates sort as strings), in key order: *rows points into
 * the store's key index and is valid until the next load or change of
 * @file.  Returns their number (0 for a file without a key).
 */
size_t store_key_range(const struct ml_store *s, enum ml_file file,
    const char *lo, const char *hi, const size_t **rows);

/* A transaction's view of one file, valid only inside the apply callback. */
struct ml_tx;

/* Apply a change to the freshly loaded file; return 0 to save, -1 to abort
 * (fill @err), 1 to finish without saving (nothing to change). */
typedef int (*ml_tx_apply)(struct ml_tx *tx, void *ctx, struct ml_error *err);

/* Run @apply on @file under the lock and save the result atomically. */
int store_transact(struct ml_store *s, enum ml_file file, ml_tx_apply apply,
    void *ctx, struct ml_error *err);

/* Inside a transaction: */
size_t tx_nrows(const struct ml_tx *tx);
const char *tx_get(const struct ml_tx *tx, size_t row, size_t col);
long tx_find(const struct ml_tx *tx, const char *const *key);
/* Set schema column @col of @row (adding the column to the file if it
 * lacks it).  The value is copied and must already be valid. */
void tx_set(struct ml_tx *tx, size_t row, size_t col, const char *value);
/* Add a row with @key set, in key order; return its index. */
size_t tx_add_row(struct ml_tx *tx, const char *const *key);
/* Append an empty row at the end; return its index. */
size_t tx_append_row(struct ml_tx *tx);
/* Remove data row @row; the rows after it move up. */
void tx_remove_row(struct ml_tx *tx, size_t row);
/* Remove every data row (header and unknown columns stay). */
void tx_clear_rows(struct ml_tx *tx);
/* The underlying table, for callers that copy whole rows. */
struct ml_table *tx_table(struct ml_tx *tx);
/* Table column of schema column @col, adding it if missing. */
size_t tx_column(struct ml_tx *tx, size_t col);

/* One assignment "column = value"; an empty value clears the field. */
struct ml_set {
	const char *column;
	const char *value;
};

/*
 * Set fields of the row with key @key, creating the row if it is missing.
 * Every column must exist in the schema and every value must be valid
 * (checked before anything is written).
 */
int store_upsert(struct ml_store *s, enum ml_file file, const char *const *key,
    const struct ml_set *sets, size_t nsets, struct ml_error *err);

/* Check a value for schema column @column of @file; -1 with @err (field and
 * what is accepted) when invalid or unknown. */
int store_check_value(enum ml_file file, const char *column, const char *value,
    struct ml_error *err);

/* Called once per problem found by store_validate. */
typedef void (*ml_problem_fn)(void *ctx, const struct ml_error *problem);

/*
 * Report every problem in the loaded @file: rows with the wrong number of
 * fields, invalid values, empty required fields, duplicate keys, missing
 * required columns.  Returns the number of problems.
 */
size_t store_validate(const struct ml_store *s, enum ml_file file,
    ml_problem_fn report, void *ctx);

/*
 * Validate @file on disk without loading it: the rows are checked as
 * libcsv parses them and only their keys are kept, so memory stays small
 * on a large file.  Reports exactly what store_load() + store_validate()
 * would (the same rules: one implementation); *nrows gets the number of
 * data rows.  Returns the number of problems.
 */
size_t store_check_file(const struct ml_store *s, enum ml_file file,
    ml_problem_fn report, void *ctx, size_t *nrows);

/* True when schema column @col of @row holds a value its type rejects. */
bool store_value_invalid(const struct ml_store *s, enum ml_file file,
    size_t row, size_t col);

#endif
