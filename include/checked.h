/*
 * checked.h - which entry rows the rules have seen, so that a row changed
 * outside mendlog (a spreadsheet, an editor) is checked however old it
 * is.  Core code: no curses, never prints.
 *
 * DIR/checked.csv holds one digest per day of entries.csv ("date,digest",
 * 0600, written atomically, no .bak).  It is not diary data: a line that
 * cannot be read is a day to check again, and a missing file means the
 * diary has never been compared, so its rows become the baseline (the
 * start-up window still checks the recent days).  Two mendlogs at once
 * keep the last one's file; at worst a day is checked twice, and the
 * recording of alerts (alerts.h) never records one twice.
 */
#ifndef ML_CHECKED_H
#define ML_CHECKED_H

#include <stdbool.h>
#include <stddef.h>

#include "date.h"
#include "store.h"

#define ML_CHECKED_FILE "checked.csv"

/* The days of entries.csv (loaded, whole) whose rows differ from what the
 * rules last saw. */
struct ml_changed {
	ml_day *days;		/* owned, ascending */
	size_t n;
	bool baseline;		/* no checked.csv yet: nothing compared */
	bool dirty;		/* checked.csv differs from the entries */
};

/*
 * Compare the loaded entries with DIR/checked.csv into @out (free with
 * checked_free).  -1 with @err when checked.csv exists but cannot be read.
 */
int checked_compare(const struct ml_store *s, struct ml_changed *out,
    struct ml_error *err);
/* Write the digests of the loaded entries to DIR/checked.csv. */
int checked_save(const struct ml_store *s, struct ml_error *err);
void checked_free(struct ml_changed *c);

#endif
