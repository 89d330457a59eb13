/*
 * notices.c - one list of what the patient must be told (see notices.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "notices.h"
#include "psfs.h"
#include "timeline.h"

/* Table order is the order within a level. */
static const ml_notice_collector collectors[] = {
	notices_unchecked,
	notices_no_procedure,
	notices_unreadable_rows,
	notices_psfs_due,
};

void
notices_add(struct ml_notices *out, enum ml_notice_level level,
    const char *id, const char *short_text, const char *fmt, ...)
{
	struct ml_notice *n;
	va_list ap;

	if (out->n == out->cap) {
		out->cap = out->cap ? out->cap * 2 : 4;
		out->v = xreallocarray(out->v, out->cap, sizeof *out->v);
	}
	n = &out->v[out->n++];
	memset(n, 0, sizeof *n);
	n->level = level;
	n->id = id;
	snprintf(n->short_text, sizeof n->short_text, "%s", short_text);
	va_start(ap, fmt);
	vsnprintf(n->text, sizeof n->text, fmt, ap);
	va_end(ap);
}

void
notices_collect(struct ml_app *app, ml_day today, struct ml_notices *out)
{
	out->n = 0;
	for (size_t i = 0; i < ML_NELEM(collectors); i++)
		collectors[i](app, today, out);
	/* Stable sort by level: insertion sort keeps table order. */
	for (size_t i = 1; i < out->n; i++)
		for (size_t j = i; j > 0 && out->v[j - 1].level > out->v[j].level;
		    j--) {
			struct ml_notice t = out->v[j];

			out->v[j] = out->v[j - 1];
			out->v[j - 1] = t;
		}
}

void
notices_free(struct ml_notices *n)
{
	free(n->v);
	memset(n, 0, sizeof *n);
}

/*
 * Half the red-flag rules and every expected window hang on a procedure:
 * without one they are off, and the patient must know (issue 12).
 */
void
notices_no_procedure(struct ml_app *app, ml_day today,
    struct ml_notices *out)
{
	struct ml_error err;
	struct ml_timeline tl;
	size_t n;

	(void)today;
	if (app_load(app, ML_PROCEDURES, &err) != 0) {
		notices_add(out, ML_NOTICE_SAFETY, "procedures_unreadable",
		    "procedures.csv unreadable: procedure checks are off",
		    "%s cannot be read, so the checks tied to a procedure are "
		    "off - see mendlog check", store_path(&app->store,
		    ML_PROCEDURES));
		return;
	}
	/* Rows whose kind or date cannot be read count as none (the
	 * timeline leaves them out). */
	timeline_build(&tl, &app->store, NULL);
	n = tl.n;
	timeline_free(&tl);
	if (n == 0)
		notices_add(out, ML_NOTICE_SAFETY, "no_procedure",
		    "no procedure recorded: its checks are off - p to add",
		    "No procedure recorded: the checks tied to a procedure are "
		    "off. Add one with 'mendlog procedure add' (or p on the "
		    "screen).");
}

/*
 * The weekly function check-in (PSFS), from the configured due day until
 * every active activity has this week's rating (psfs_due()).  Unreadable
 * PSFS files say nothing here: `mendlog check` reports them, and a
 * reminder must not read as a safety notice.
 */
void
notices_psfs_due(struct ml_app *app, ml_day today, struct ml_notices *out)
{
	struct ml_error err;

	if (app_load(app, ML_PSFS_ACTIVITIES, &err) != 0 ||
	    app_load(app, ML_PSFS_RATINGS, &err) != 0)
		return;
	if (psfs_due(&app->store, &app->cfg, today))
		notices_add(out, ML_NOTICE_REMINDER, "psfs_due",
		    "weekly check-in due",
		    "This week's function check-in (PSFS) is due: rate each "
		    "activity from 0 (unable) to 10 (as before) with 'mendlog "
		    "psfs rate' (or w on the screen).");
}
