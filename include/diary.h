/*
 * diary.h - daily entries and procedures on top of the store: find a day,
 * set its fields (stamping updated_at), typed reads, "day N after ...".
 *
 * Typed getters treat an empty or invalid value as "not answered", so
 * screens and rules never act on a value the user did not give.  Invalid
 * values stay in the file untouched (see store_validate).
 */
#ifndef ML_DIARY_H
#define ML_DIARY_H

#include <stdbool.h>

#include "date.h"
#include "store.h"

/* Row of @day in the loaded entries, or -1. */
long diary_find(const struct ml_store *s, ml_day day);

/*
 * Set fields of @day's entry (creating it) and stamp updated_at, in one
 * transaction.  Values are checked first; nothing is written on error.
 */
int diary_set(struct ml_store *s, ml_day day, const struct ml_set *sets,
    size_t nsets, struct ml_error *err);

/* Typed reads of entries column @col for @row (-1 row allowed: absent),
 * through the schema's readers and the column type's range, so a
 * hand-typed Yes or 37,9 reads as yes or 37.9. */
int diary_score(const struct ml_store *s, long row, enum ml_entry_col col);
int diary_yesno(const struct ml_store *s, long row, enum ml_entry_col col);
/* NAN when not answered. */
double diary_decimal(const struct ml_store *s, long row, enum ml_entry_col col);
/* "" when absent. */
const char *diary_text(const struct ml_store *s, long row, enum ml_entry_col col);

/* A procedure that applies to a day. */
struct ml_procedure {
	ml_day date;
	const char *kind;	/* owned by the store; valid until reload */
	const char *description;
	long row;
};

/*
 * The newest procedure on or before @day (the loaded procedures file).
 * Returns false when none applies.
 */
bool diary_procedure_for(const struct ml_store *s, ml_day day,
    struct ml_procedure *out);

/*
 * "day N after lumbar puncture" for @day into @buf (timeline_label with
 * the default windows: an earlier procedure still in its window is named
 * too), or "" when no procedure applies.  Returns N, or -1.
 */
int diary_day_label(const struct ml_store *s, ml_day day, char *buf,
    size_t size);

/* Record a procedure.  -1 with @err on invalid kind/date or I/O error. */
int diary_add_procedure(struct ml_store *s, ml_day day, const char *kind,
    const char *description, struct ml_error *err);

/*
 * Change row @row (0-based, as loaded; `procedure list` numbers it
 * @row + 1) of procedures.csv: @day, @kind, @description (each NULL to
 * keep).  The row is found again under the lock; -1 with @err when it is
 * gone, or on an invalid value or I/O error.
 */
int diary_edit_procedure(struct ml_store *s, size_t row, const ml_day *day,
    const char *kind, const char *description, struct ml_error *err);
/* Remove row @row of procedures.csv; the save's procedures.csv.bak keeps
 * it, and alerts already raised stay in alerts.csv. */
int diary_remove_procedure(struct ml_store *s, size_t row,
    struct ml_error *err);

/*
 * Parse one `mendlog log` argument "FIELD=VALUE" for the entries file.
 * The value is checked and stored in the schema's canonical form
 * (ml_value_normalise: Yes/TRUE/1 -> yes, 37,9 -> 37.9, 07 -> 7).  On success *field and *value are new strings the
 * caller frees.  On failure -1 with @err naming the field and what it
 * accepts.
 */
int diary_parse_assignment(const char *arg, char **field, char **value,
    struct ml_error *err);

/* True when entries column @col may be set by `log` (not the date, not
 * updated_at, which mendlog sets): log and its completion both ask. */
bool diary_field_settable(int col);
/* The entries columns a user may set, as one comma-separated line. */
const char *diary_settable_fields(void);

#endif
