/*
 * notices-rows.c - the notice for rows that cannot be read.
 *
 * A row whose key (a date, an id) cannot be read belongs to no day: the
 * screen, show, the report and the export would quietly leave it out,
 * which after a spreadsheet re-save can be the whole diary.  So every
 * file mendlog has loaded is counted here, and the patient is told how
 * many rows are unreadable and to run `mendlog check`.
 */
#include <stdio.h>
#include <string.h>

#include "notices.h"

/* True when a key cell of @row is empty or not of its column's type. */
static bool
row_unreadable(const struct ml_store *s, enum ml_file file, size_t row)
{
	const struct ml_schema *sc = ml_schema(file);

	for (size_t k = 0; k < sc->nkey; k++) {
		const char *v = store_get(s, file, row, sc->key[k]);

		if (*v == '\0' || !ml_value_check(sc->cols[sc->key[k]].type, v,
		    NULL))
			return true;
	}
	return false;
}

size_t
notices_unreadable_count(const struct ml_store *s, enum ml_file file)
{
	size_t bad = 0;

	for (size_t r = 0; r < store_nrows(s, file); r++)
		bad += row_unreadable(s, file, r);
	return bad;
}

void
notices_unreadable_rows(struct ml_app *app, ml_day today,
    struct ml_notices *out)
{
	struct ml_error err;

	(void)today;
	/* The diary itself always; the other files when something loaded
	 * them (a screen or command that reads them). */
	(void)app_load(app, ML_ENTRIES, &err);
	for (int f = 0; f < ML_NFILES; f++) {
		const struct ml_store *s = &app->store;
		size_t bad = 0;
		char brief[ML_NOTICE_SHORT];
		const char *name = ml_schema((enum ml_file)f)->filename;

		if (!s->files[f].loaded || ml_schema((enum ml_file)f)->nkey == 0)
			continue;
		if ((bad = notices_unreadable_count(s, (enum ml_file)f)) == 0)
			continue;
		snprintf(brief, sizeof brief, "%s: %zu row%s unreadable - see "
		    "mendlog check", name, bad, bad == 1 ? "" : "s");
		notices_add(out, ML_NOTICE_DATA, "unreadable_rows", brief,
		    "%s: %zu row%s cannot be read (a date or id that is not "
		    "valid, often left by a spreadsheet) and %s left out; run "
		    "'mendlog check' to see %s", store_path(s, (enum ml_file)f),
		    bad, bad == 1 ? "" : "s", bad == 1 ? "is" : "are",
		    bad == 1 ? "it" : "them");
	}
}
