/*
 * notices.h - what the patient must be told wherever they look: a safety
 * check that is off, a value that cannot be read and so is not checked, a
 * threshold set outside its safe range, a weekly check-in that is due.
 * Core code: no curses, never prints.
 *
 * One list, built by one function, so the screen's top line and the
 * commands that a patient reads (show, due, alerts, report, log) can
 * never disagree about what is wrong.  Each concern adds one collector to
 * the table in notices.c; the front ends only choose how much to show:
 * the screen shows the first notice's short text on the top line, the
 * command line prints every notice's full text.
 *
 * Collectors load what they need through the app (a file that cannot be
 * loaded is itself a notice); they never fail.
 */
#ifndef ML_NOTICES_H
#define ML_NOTICES_H

#include <stddef.h>

#include "app.h"
#include "date.h"

/* Most pressing first: the list is sorted by level, then table order. */
enum ml_notice_level {
	ML_NOTICE_SAFETY,	/* a red-flag check is off or cannot read a value */
	ML_NOTICE_DATA,		/* rows or cells that cannot be read */
	ML_NOTICE_REMINDER,	/* something due (a weekly check-in) */
};

#define ML_NOTICE_SHORT 72	/* fits the top line beside the date */
#define ML_NOTICE_TEXT 320

struct ml_notice {
	enum ml_notice_level level;
	const char *id;			/* static, e.g. "no_procedure" */
	char short_text[ML_NOTICE_SHORT];	/* for the top line */
	char text[ML_NOTICE_TEXT];	/* full sentence for the CLI */
};

struct ml_notices {
	struct ml_notice *v;		/* owned */
	size_t n, cap;
};

/*
 * Run every collector for @today and fill @out (emptied first), most
 * pressing first.  Free with notices_free().  Text may hold bytes from
 * the diary files: print it through the output gate (text.h).
 */
void notices_collect(struct ml_app *app, ml_day today, struct ml_notices *out);
void notices_free(struct ml_notices *n);

/* For collectors: append one notice. */
void notices_add(struct ml_notices *out, enum ml_notice_level level,
    const char *id, const char *short_text, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* A collector: adds zero or more notices. */
typedef void (*ml_notice_collector)(struct ml_app *app, ml_day today,
    struct ml_notices *out);

/* The collectors (one per concern; defined where the concern lives). */
void notices_no_procedure(struct ml_app *app, ml_day today,
    struct ml_notices *out);
/* How many rows of the loaded @file have a key that cannot be read. */
size_t notices_unreadable_count(const struct ml_store *s, enum ml_file file);
/* Rows of a loaded file (entries.csv always) whose key cannot be read. */
void notices_unreadable_rows(struct ml_app *app, ml_day today,
    struct ml_notices *out);
/* The weekly PSFS check-in is due (psfs_due()): a reminder. */
void notices_psfs_due(struct ml_app *app, ml_day today,
    struct ml_notices *out);
/* A value a rule reads that cannot be read, a day with two rows, a
 * threshold outside its safe range (notices-unchecked.c); ids start with
 * "unchecked_". */
void notices_unchecked(struct ml_app *app, ml_day today,
    struct ml_notices *out);

#endif
