/*
 * diary.c - entries and procedures semantics over the generic store.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "diary.h"
#include "timeline.h"

long
diary_find(const struct ml_store *s, ml_day day)
{
	char date[ML_DATE_LEN];
	const char *key[1] = { date };

	ml_date_format(day, date);
	return store_find(s, ML_ENTRIES, key);
}

struct entry_ctx {
	ml_day day;
	const char *const *key;
	const struct ml_set *sets;
	size_t nsets;
	const char *path;
};

/*
 * Set the day's fields, adding its row if it has none - unless a row
 * whose date cannot be read might be that day (a spreadsheet turned
 * "2026-11-03" into "03/11/2026"): a second row for one day would split
 * the diary, so the save is refused and the row named.
 */
static int
apply_entry(struct ml_tx *tx, void *vctx, struct ml_error *err)
{
	struct entry_ctx *e = vctx;
	const struct ml_schema *sc = ml_schema(ML_ENTRIES);
	long row = tx_find(tx, e->key);

	if (row < 0) {
		for (size_t r = 0; r < tx_nrows(tx); r++) {
			const char *d = tx_get(tx, r, EC_DATE);
			char shown[64];

			if (ml_date_parse(d, NULL) || !ml_date_might_be(d, e->day))
				continue;
			ml_error_set(err, e->path, tx_table(tx)->rows[r].line,
			    "date", "'%s' cannot be read and may be %s, so a "
			    "second row for that day is not added; nothing "
			    "saved.  Write that date as YYYY-MM-DD (see "
			    "mendlog check)", ml_printable(d, 20, shown,
			    sizeof shown), e->key[0]);
			return -1;
		}
		row = (long)tx_add_row(tx, e->key);
	}
	for (size_t i = 0; i < e->nsets; i++)
		tx_set(tx, (size_t)row,
		    (size_t)ml_schema_col(sc, e->sets[i].column),
		    e->sets[i].value);
	return 0;
}

int
diary_set(struct ml_store *s, ml_day day, const struct ml_set *sets,
    size_t nsets, struct ml_error *err)
{
	char date[ML_DATE_LEN], stamp[ML_TIMESTAMP_LEN];
	const char *key[1] = { date };
	struct ml_set *all = xcalloc(nsets + 1, sizeof *all);
	size_t n = 0;
	int rc;

	ml_date_format(day, date);
	ml_timestamp_format(ml_now(), stamp);
	for (size_t i = 0; i < nsets; i++) {
		/* updated_at is ours to keep; a date cannot be moved here. */
		if (strcmp(sets[i].column, "updated_at") == 0 ||
		    strcmp(sets[i].column, "date") == 0) {
			ml_error_set(err, NULL, 0, sets[i].column,
			    "set by mendlog, not by hand");
			free(all);
			return -1;
		}
		all[n++] = sets[i];
	}
	all[n].column = "updated_at";
	all[n++].value = stamp;
	rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++)
		rc = store_check_value(ML_ENTRIES, all[i].column, all[i].value,
		    err);
	if (rc == 0) {
		struct entry_ctx e = { day, key, all, n,
		    store_path(s, ML_ENTRIES) };

		rc = store_transact(s, ML_ENTRIES, apply_entry, &e, err);
	}
	free(all);
	return rc;
}

const char *
diary_text(const struct ml_store *s, long row, enum ml_entry_col col)
{
	return row < 0 ? "" : store_get(s, ML_ENTRIES, (size_t)row, col);
}

/* The column's type in the entries schema. */
static enum ml_type
entry_type(enum ml_entry_col col)
{
	return ml_schema(ML_ENTRIES)->cols[col].type;
}

int
diary_score(const struct ml_store *s, long row, enum ml_entry_col col)
{
	double v = ml_read_number(entry_type(col), diary_text(s, row, col));

	return isnan(v) ? -1 : (int)v;
}

int
diary_yesno(const struct ml_store *s, long row, enum ml_entry_col col)
{
	return ml_parse_yesno(diary_text(s, row, col));
}

double
diary_decimal(const struct ml_store *s, long row, enum ml_entry_col col)
{
	return ml_read_number(entry_type(col), diary_text(s, row, col));
}

bool
diary_procedure_for(const struct ml_store *s, ml_day day,
    struct ml_procedure *out)
{
	size_t n = store_nrows(s, ML_PROCEDURES);
	bool found = false;

	for (size_t r = 0; r < n; r++) {
		const char *kind = store_get(s, ML_PROCEDURES, r, PC_KIND);
		ml_day d;

		if (!ml_date_parse(store_get(s, ML_PROCEDURES, r, PC_DATE), &d) ||
		    !ml_value_check(ML_T_PROC_KIND, kind, NULL) || *kind == '\0')
			continue;
		/* Newest on or before @day; a later row wins a tie. */
		if (d > day || (found && d < out->date))
			continue;
		found = true;
		out->date = d;
		out->kind = kind;
		out->description = store_get(s, ML_PROCEDURES, r, PC_DESCRIPTION);
		out->row = (long)r;
	}
	return found;
}

int
diary_day_label(const struct ml_store *s, ml_day day, char *buf, size_t size)
{
	struct ml_timeline tl;
	int n;

	/* The timeline's wording, with the kind table's windows. */
	timeline_build(&tl, s, NULL);
	n = timeline_label(&tl, day, buf, size);
	timeline_free(&tl);
	return n;
}

struct proc_ctx {
	const char *date, *kind, *desc;
};

static int
apply_add_procedure(struct ml_tx *tx, void *ctx, struct ml_error *err)
{
	struct proc_ctx *p = ctx;
	size_t row;

	(void)err;
	/* The same procedure recorded twice is one procedure: a second
	 * description replaces the first rather than adding a row. */
	for (size_t r = 0; r < tx_nrows(tx); r++)
		if (strcmp(tx_get(tx, r, PC_DATE), p->date) == 0 &&
		    ml_proc_kind_index(tx_get(tx, r, PC_KIND)) ==
		    ml_proc_kind_index(p->kind)) {
			if (*p->desc == '\0' ||
			    strcmp(tx_get(tx, r, PC_DESCRIPTION), p->desc) == 0)
				return 1;
			tx_set(tx, r, PC_DESCRIPTION, p->desc);
			return 0;
		}
	row = tx_nrows(tx);
	while (row > 0 && strcmp(tx_get(tx, row - 1, PC_DATE), p->date) > 0)
		row--;
	ml_table_insert_row(tx_table(tx), row, tx_table(tx)->ncols);
	tx_set(tx, row, PC_DATE, p->date);
	tx_set(tx, row, PC_KIND, p->kind);
	tx_set(tx, row, PC_DESCRIPTION, p->desc);
	return 0;
}

int
diary_add_procedure(struct ml_store *s, ml_day day, const char *kind,
    const char *description, struct ml_error *err)
{
	char date[ML_DATE_LEN];
	struct proc_ctx p = { date, kind, description ? description : "" };

	ml_date_format(day, date);
	if (store_check_value(ML_PROCEDURES, "kind", kind, err) != 0 ||
	    store_check_value(ML_PROCEDURES, "description", p.desc, err) != 0)
		return -1;
	if (*kind == '\0') {
		ml_error_set(err, NULL, 0, "kind", "required");
		return -1;
	}
	/* "Discectomy" or "LP" is stored as the kind's id. */
	p.kind = ml_proc_kind_match(kind)->id;
	return store_transact(s, ML_PROCEDURES, apply_add_procedure, &p, err);
}

/* A procedure row to change, as loaded, and what to change it to. */
struct proc_edit {
	size_t row;
	char old_date[ML_DATE_LEN];
	char *old_kind, *old_desc;
	char date[ML_DATE_LEN];
	const char *kind, *desc;	/* NULL: keep */
	bool remove;
};

/* The row under the lock: the same index if it still holds the same
 * procedure, else the first that does; -1 when another mendlog removed
 * or changed it. */
static long
proc_edit_find(struct ml_tx *tx, const struct proc_edit *e)
{
	size_t n = tx_nrows(tx);

	for (size_t k = 0; k <= n; k++) {
		size_t r = k == 0 ? e->row : k - 1;

		if (r < n && strcmp(tx_get(tx, r, PC_DATE), e->old_date) == 0 &&
		    strcmp(tx_get(tx, r, PC_KIND), e->old_kind) == 0 &&
		    strcmp(tx_get(tx, r, PC_DESCRIPTION), e->old_desc) == 0)
			return (long)r;
	}
	return -1;
}

static int
apply_edit_procedure(struct ml_tx *tx, void *ctx, struct ml_error *err)
{
	struct proc_edit *e = ctx;
	struct ml_row saved;
	long r = proc_edit_find(tx, e);
	size_t to;

	if (r < 0) {
		ml_error_set(err, NULL, 0, NULL, "procedure %zu was changed by "
		    "another mendlog; list the procedures again", e->row + 1);
		return -1;
	}
	if (e->remove) {
		tx_remove_row(tx, (size_t)r);
		return 0;
	}
	if (e->kind != NULL)
		tx_set(tx, (size_t)r, PC_KIND, e->kind);
	if (e->desc != NULL)
		tx_set(tx, (size_t)r, PC_DESCRIPTION, e->desc);
	if (strcmp(e->date, e->old_date) == 0)
		return 0;
	tx_set(tx, (size_t)r, PC_DATE, e->date);
	/* Keep the file in date order: move the row to its new place. */
	saved = tx_table(tx)->rows[r];
	memmove(&tx_table(tx)->rows[r], &tx_table(tx)->rows[r + 1],
	    (tx_nrows(tx) - (size_t)r - 1) * sizeof saved);
	to = 0;
	while (to < tx_nrows(tx) - 1 &&
	    strcmp(ml_row_get(&tx_table(tx)->rows[to], tx_column(tx, PC_DATE)),
	    e->date) <= 0)
		to++;
	memmove(&tx_table(tx)->rows[to + 1], &tx_table(tx)->rows[to],
	    (tx_nrows(tx) - 1 - to) * sizeof saved);
	tx_table(tx)->rows[to] = saved;
	return 0;
}

/* Fill @e from row @row of the loaded procedures; -1 with @err. */
static int
proc_edit_init(const struct ml_store *s, size_t row, struct proc_edit *e,
    struct ml_error *err)
{
	memset(e, 0, sizeof *e);
	if (row >= store_nrows(s, ML_PROCEDURES)) {
		ml_error_set(err, NULL, 0, NULL, "no procedure %zu: there %s %zu "
		    "(see mendlog procedure list)", row + 1,
		    store_nrows(s, ML_PROCEDURES) == 1 ? "is" : "are",
		    store_nrows(s, ML_PROCEDURES));
		return -1;
	}
	e->row = row;
	snprintf(e->old_date, sizeof e->old_date, "%s",
	    store_get(s, ML_PROCEDURES, row, PC_DATE));
	memcpy(e->date, e->old_date, sizeof e->date);
	e->old_kind = xstrdup(store_get(s, ML_PROCEDURES, row, PC_KIND));
	e->old_desc = xstrdup(store_get(s, ML_PROCEDURES, row, PC_DESCRIPTION));
	return 0;
}

static void
proc_edit_free(struct proc_edit *e)
{
	free(e->old_kind);
	free(e->old_desc);
}

int
diary_edit_procedure(struct ml_store *s, size_t row, const ml_day *day,
    const char *kind, const char *description, struct ml_error *err)
{
	struct proc_edit e;
	int rc;

	if ((kind != NULL && (*kind == '\0' ||
	    store_check_value(ML_PROCEDURES, "kind", kind, err) != 0)) ||
	    (description != NULL && store_check_value(ML_PROCEDURES,
	    "description", description, err) != 0)) {
		if (kind != NULL && *kind == '\0')
			ml_error_set(err, NULL, 0, "kind", "required");
		return -1;
	}
	if (proc_edit_init(s, row, &e, err) != 0)
		return -1;
	if (day != NULL)
		ml_date_format(*day, e.date);
	e.kind = kind != NULL ? ml_proc_kind_match(kind)->id : NULL;
	e.desc = description;
	rc = store_transact(s, ML_PROCEDURES, apply_edit_procedure, &e, err);
	proc_edit_free(&e);
	return rc;
}

int
diary_remove_procedure(struct ml_store *s, size_t row, struct ml_error *err)
{
	struct proc_edit e;
	int rc;

	if (proc_edit_init(s, row, &e, err) != 0)
		return -1;
	e.remove = true;
	rc = store_transact(s, ML_PROCEDURES, apply_edit_procedure, &e, err);
	proc_edit_free(&e);
	return rc;
}

bool
diary_field_settable(int col)
{
	return col > EC_DATE && col != EC_UPDATED_AT &&
	    (size_t)col < ml_schema(ML_ENTRIES)->ncols;
}

const char *
diary_settable_fields(void)
{
	static char list[1024];
	const struct ml_schema *sc = ml_schema(ML_ENTRIES);
	size_t off = 0;

	if (list[0] != '\0')
		return list;
	for (size_t c = 1; c < sc->ncols; c++) {
		if (!diary_field_settable((int)c))
			continue;
		off += (size_t)snprintf(list + off, sizeof list - off, "%s%s",
		    off ? ", " : "", sc->cols[c].name);
	}
	return list;
}

int
diary_parse_assignment(const char *arg, char **field, char **value,
    struct ml_error *err)
{
	const struct ml_schema *sc = ml_schema(ML_ENTRIES);
	const char *eq = strchr(arg, '=');
	const char *why;
	char *f, *v, shown[256];
	int c;

	if (eq == NULL || eq == arg) {
		ml_error_set(err, NULL, 0, NULL,
		    "'%s': expected FIELD=VALUE (FIELD= clears a field)",
		    ml_printable(arg, 40, shown, sizeof shown));
		return -1;
	}
	f = xstrndup(arg, (size_t)(eq - arg));
	c = ml_schema_col(sc, f);
	if (!diary_field_settable(c)) {
		ml_error_set(err, NULL, 0, f, c < 0 ?
		    "unknown field; fields are: %s" :
		    "set by mendlog, not by hand; fields are: %s",
		    diary_settable_fields());
		free(f);
		return -1;
	}
	v = xstrdup(eq + 1);
	if (!ml_value_check(sc->cols[c].type, v, &why)) {
		ml_error_set(err, NULL, 0, f, "invalid value '%s': expected %s%s",
		    ml_printable(v, 40, shown, sizeof shown), why,
		    " (or empty to clear)");
		free(f);
		free(v);
		return -1;
	}
	if (sc->cols[c].type != ML_T_TEXT) {
		/* Stored in the one canonical form: Yes -> yes, 37,9 -> 37.9.
		 * The canonical form is never longer than the typed one. */
		size_t size = strlen(v) + 8;
		char *norm = xmalloc(size);

		ml_value_normalise(sc->cols[c].type, v, norm, size);
		free(v);
		v = norm;
	}
	*field = f;
	*value = v;
	return 0;
}
