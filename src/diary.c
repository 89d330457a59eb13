/*
 * diary.c - entries and procedures semantics over the generic store.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "diary.h"

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
	struct ml_procedure p;

	if (!diary_procedure_for(s, day, &p)) {
		if (size > 0)
			buf[0] = '\0';
		return -1;
	}
	snprintf(buf, size, "day %d after %s", (int)(day - p.date),
	    ml_proc_kind_label(p.kind));
	return (int)(day - p.date);
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
	/* The same procedure recorded twice is one procedure. */
	for (size_t r = 0; r < tx_nrows(tx); r++)
		if (strcmp(tx_get(tx, r, PC_DATE), p->date) == 0 &&
		    strcmp(tx_get(tx, r, PC_KIND), p->kind) == 0 &&
		    strcmp(tx_get(tx, r, PC_DESCRIPTION), p->desc) == 0)
			return 1;
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
