/*
 * plan-import.c - import a physiotherapist's plan (CSV, often from a
 * spreadsheet) into exercises.csv.
 *
 * All or nothing: the whole file is checked first and every problem is
 * reported as FILE:LINE: column: problem; only a clean file is written, in
 * one store transaction.  Spreadsheet habits are forgiven where the meaning
 * is plain (a BOM, CRLF, "Daily", "Yes", spaces around ';' and around
 * values); anything else is reported, not guessed.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan.h"

struct import_col {
	char *name;		/* as in the file, trimmed */
	int schema_col;		/* XC_*, or -1 for a column kept as is */
};

struct import_row {
	char id[72];
	char **vals;		/* one per import column, normalised */
	long line;
};

struct import {
	const char *path;
	struct import_col *cols;
	size_t ncols;
	struct import_row *rows;
	size_t nrows;
	bool replace;
	struct plan_import_result res;
	ml_problem_fn report;
	void *ctx;
	size_t problems;
};

void
plan_slug(const char *name, char *buf, size_t size)
{
	size_t n = 0;
	bool gap = false;

	for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
		if (isalnum(*p) && *p < 0x80) {
			if (gap && n > 0 && n + 1 < size && n < 63)
				buf[n++] = '_';
			gap = false;
			if (n + 1 < size && n < 64)
				buf[n++] = (char)tolower(*p);
		} else {
			gap = true;
		}
	}
	buf[n < size ? n : size - 1] = '\0';
}

static void
problem(struct import *im, long line, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
problem(struct import *im, long line, const char *field, const char *fmt, ...)
{
	struct ml_error e;
	va_list ap;

	memset(&e, 0, sizeof e);
	va_start(ap, fmt);
	ml_error_set(&e, im->path, line, field, "%s", "");
	vsnprintf(e.msg, sizeof e.msg, fmt, ap);
	va_end(ap);
	if (im->report != NULL)
		im->report(im->ctx, &e);
	im->problems++;
}

/* Trim surrounding white space into a new string. */
static char *
trimmed(const char *s)
{
	const char *end;

	while (isspace((unsigned char)*s))
		s++;
	end = s + strlen(s);
	while (end > s && isspace((unsigned char)end[-1]))
		end--;
	return xstrndup(s, (size_t)(end - s));
}

/* What a spreadsheet may have done to a value of @type, undone. */
static char *
normalise(const char *v, enum ml_type type)
{
	char *s, *out, *q;

	if (type == ML_T_TEXT)
		return xstrdup(v);
	s = trimmed(v);
	if (type == ML_T_DAYS || type == ML_T_YESNO)
		for (char *p = s; *p; p++)
			*p = (char)tolower((unsigned char)*p);
	if (type != ML_T_DAYS && type != ML_T_TIMES)
		return s;
	/* "mon; wed ;fri" -> "mon;wed;fri" */
	out = q = xmalloc(strlen(s) + 1);
	for (const char *p = s; *p; p++) {
		if (isspace((unsigned char)*p)) {
			const char *r = p;

			while (isspace((unsigned char)*r))
				r++;
			if (*r == ';' || (q > out && q[-1] == ';'))
				continue;
		}
		*q++ = *p;
	}
	*q = '\0';
	free(s);
	return out;
}


static void
free_import(struct import *im)
{
	for (size_t r = 0; r < im->nrows; r++) {
		for (size_t c = 0; c < im->ncols; c++)
			free(im->rows[r].vals[c]);
		free(im->rows[r].vals);
	}
	free(im->rows);
	for (size_t c = 0; c < im->ncols; c++)
		free(im->cols[c].name);
	free(im->cols);
}

static int
map_header(struct import *im, const struct ml_table *t)
{
	const struct ml_schema *sc = ml_schema(ML_EXERCISES);

	im->ncols = t->ncols;
	im->cols = xcalloc(t->ncols, sizeof *im->cols);
	for (size_t c = 0; c < t->ncols; c++) {
		char *name = trimmed(t->header[c]);
		char *lower = xstrdup(name);

		for (char *p = lower; *p; p++)
			*p = (char)tolower((unsigned char)*p);
		im->cols[c].name = name;
		im->cols[c].schema_col = ml_schema_col(sc, lower);
		free(lower);
		for (size_t d = 0; d < c; d++)
			if (im->cols[c].schema_col >= 0 &&
			    im->cols[d].schema_col == im->cols[c].schema_col)
				problem(im, 1, name, "column given twice");
		if (*name == '\0') {
			/* A spreadsheet's trailing empty column is harmless. */
			bool empty = true;

			for (size_t r = 0; r < t->nrows; r++)
				if (*ml_row_get(&t->rows[r], c) != '\0')
					empty = false;
			if (!empty)
				problem(im, 1, NULL, "column %zu has values but no "
				    "name", c + 1);
		}
	}
	for (size_t k = 0; k < XC_NCOLS; k++) {
		bool have = false;

		if (!sc->cols[k].required || k == XC_ID)
			continue;
		for (size_t c = 0; c < im->ncols; c++)
			have |= im->cols[c].schema_col == (int)k;
		if (!have)
			problem(im, 1, sc->cols[k].name,
			    "required column missing from the header");
	}
	return im->problems == 0 ? 0 : -1;
}

/* The normalised value of schema column @k in @row, or "". */
static const char *
value_of(const struct import *im, const struct import_row *row, int k)
{
	for (size_t c = 0; c < im->ncols; c++)
		if (im->cols[c].schema_col == k)
			return row->vals[c];
	return "";
}

static void
check_row(struct import *im, const struct ml_table *t, size_t r)
{
	const struct ml_schema *sc = ml_schema(ML_EXERCISES);
	const struct ml_row *src = &t->rows[r];
	struct import_row *row = &im->rows[r];
	size_t before = im->problems;
	struct plan_schedule sched;
	struct ml_error e;
	const char *id, *days;

	row->line = src->line;
	row->vals = xcalloc(im->ncols, sizeof *row->vals);
	if (src->ncells != t->ncols)
		problem(im, src->line, NULL, "row has %zu fields, the header has "
		    "%zu", src->ncells, t->ncols);
	for (size_t c = 0; c < im->ncols; c++) {
		int k = im->cols[c].schema_col;
		const char *why;

		row->vals[c] = k < 0 ? xstrdup(ml_row_get(src, c)) :
		    normalise(ml_row_get(src, c), sc->cols[k].type);
		if (k < 0)
			continue;
		/* An empty id is made from the name below. */
		if (*row->vals[c] == '\0' && sc->cols[k].required && k != XC_ID)
			problem(im, src->line, sc->cols[k].name, "empty, but "
			    "required");
		else if (sc->cols[k].type == ML_T_TEXT &&
		    !ml_value_check(ML_T_TEXT, row->vals[c], NULL))
			/* Not echoed: the bytes may not be text at all. */
			problem(im, src->line, sc->cols[k].name, "not UTF-8 text "
			    "(in a spreadsheet, save as \"CSV UTF-8\")");
		else if (!ml_value_check(sc->cols[k].type, row->vals[c], &why)) {
			char shown[64];

			ml_printable(row->vals[c], 40, shown, sizeof shown);
			problem(im, src->line, sc->cols[k].name, "invalid value "
			    "'%s' (expected %s)", shown, why);
		}
	}
	id = value_of(im, row, XC_ID);
	if (*id != '\0') {
		snprintf(row->id, sizeof row->id, "%s", id);
	} else {
		plan_slug(value_of(im, row, XC_NAME), row->id, sizeof row->id);
		if (row->id[0] == '\0' && *value_of(im, row, XC_NAME) != '\0')
			problem(im, src->line, "id", "empty, and none can be made "
			    "from the name: give one (a-z, 0-9, _ and -)");
	}
	if (im->problems != before)
		return;
	/* Values are fine one by one; now the schedule as a whole. */
	days = value_of(im, row, XC_DAYS);
	if (plan_schedule_parse(days, value_of(im, row, XC_TIMES),
	    value_of(im, row, XC_START_DATE), value_of(im, row, XC_END_DATE),
	    value_of(im, row, XC_ACTIVE), &sched, &e) != 0)
		problem(im, src->line, e.field, "%s", e.msg);
	else if (sched.kind == PLAN_EVERY && !sched.has_start)
		problem(im, src->line, "start_date", "empty, but '%s' counts from "
		    "it", days);
}

static void
check_duplicates(struct import *im)
{
	for (size_t r = 1; r < im->nrows; r++)
		for (size_t q = 0; q < r; q++)
			if (im->rows[r].id[0] != '\0' &&
			    strcmp(im->rows[r].id, im->rows[q].id) == 0) {
				problem(im, im->rows[r].line, "id", "duplicate id "
				    "'%s', also on line %ld%s", im->rows[r].id,
				    im->rows[q].line, *value_of(im, &im->rows[r],
				    XC_ID) ? "" : " (made from the name; give "
				    "each an id)");
				break;
			}
}

/* Table column named @name, added when missing. */
static size_t
kept_column(struct ml_table *t, const char *name)
{
	for (size_t c = 0; c < t->ncols; c++)
		if (strcmp(t->header[c], name) == 0)
			return c;
	return ml_table_add_col(t, name);
}

static int
apply_import(struct ml_tx *tx, void *vctx, struct ml_error *err)
{
	struct import *im = vctx;
	size_t old = tx_nrows(tx), found = 0;

	(void)err;
	for (size_t r = 0; r < im->nrows; r++) {
		const char *key[1] = { im->rows[r].id };

		if (tx_find(tx, key) >= 0)
			found++;
	}
	im->res.updated = found;
	im->res.added = im->nrows - found;
	if (im->replace) {
		im->res.removed = old - found;
		tx_clear_rows(tx);
	}
	for (size_t r = 0; r < im->nrows; r++) {
		const char *key[1] = { im->rows[r].id };
		long row = tx_find(tx, key);

		if (row < 0)
			row = (long)tx_add_row(tx, key);
		for (size_t c = 0; c < im->ncols; c++) {
			int k = im->cols[c].schema_col;

			if (k == XC_ID || (k < 0 && im->cols[c].name[0] == '\0'))
				continue;
			if (k >= 0) {
				tx_set(tx, (size_t)row, (size_t)k, im->rows[r].vals[c]);
			} else {
				struct ml_table *t = tx_table(tx);
				size_t col = kept_column(t, im->cols[c].name);

				ml_row_set(&t->rows[row], col, im->rows[r].vals[c]);
			}
		}
	}
	return 0;
}

int
plan_import(struct ml_store *s, const char *path, bool replace,
    ml_problem_fn report, void *ctx, struct plan_import_result *res,
    struct ml_error *err)
{
	struct import im;
	struct ml_table t;
	int rc;

	memset(&im, 0, sizeof im);
	im.path = path;
	im.replace = replace;
	im.report = report;
	im.ctx = ctx;
	rc = csvio_read_file(path, &t, err);
	if (rc != 0) {
		if (rc > 0)
			ml_error_set(err, path, 0, NULL, "no such file");
		ml_table_free(&t);
		return -1;
	}
	if (t.ncols == 0 || t.nrows == 0) {
		ml_error_set(err, path, t.ncols ? 1 : 0, NULL, "no exercises in "
		    "the file; nothing imported");
		ml_table_free(&t);
		return -1;
	}
	if (map_header(&im, &t) == 0) {
		im.rows = xcalloc(t.nrows, sizeof *im.rows);
		im.nrows = t.nrows;
		for (size_t r = 0; r < t.nrows; r++)
			check_row(&im, &t, r);
		check_duplicates(&im);
	}
	ml_table_free(&t);
	im.res.rows = im.nrows;
	if (im.problems > 0) {
		ml_error_set(err, path, 0, NULL, "%zu problem%s found; nothing "
		    "imported", im.problems, im.problems == 1 ? "" : "s");
		rc = -1;
	} else {
		rc = store_transact(s, ML_EXERCISES, apply_import, &im, err);
	}
	if (rc == 0 && res != NULL)
		*res = im.res;
	free_import(&im);
	return rc;
}
