/*
 * checked.h - which entry rows the rules have seen, so that a row changed
 * outside mendlog (a spreadsheet, an editor) is checked however old it
 * is.  Core code: no curses, never prints.
 *
 * DIR/checked.csv holds the identity of entries.csv when it was last
 * compared (device, inode, size, modification time) and one digest per
 * day of it ("date,digest"; 0600, written atomically, no .bak).  While
 * entries.csv keeps that identity nothing is read but the file's first
 * lines, so a command on a large diary pays nothing; otherwise entries.csv
 * is streamed once (never loaded) and compared day by day.
 *
 * It is not diary data: a line that cannot be read is a day to check
 * again, and a missing file means the diary has never been compared, so
 * its rows become the baseline (the start-up window still checks the
 * recent days).  Two mendlogs at once keep the last one's file; at worst
 * a day is checked twice, and alerts.c never records an alert twice.
 */
#ifndef ML_CHECKED_H
#define ML_CHECKED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "date.h"
#include "store.h"

#define ML_CHECKED_FILE "checked.csv"

/* One day's digest. */
struct ml_day_digest {
	ml_day day;
	uint64_t digest;
};

/* What checked_compare() found. */
struct ml_changed {
	ml_day *days;		/* owned, ascending: rows that differ */
	size_t n;
	bool baseline;		/* no checked.csv yet: nothing compared */
	bool dirty;		/* checked.csv should be written again */
	/* For checked_save(): the digests and identity compared. */
	struct ml_day_digest *now;	/* owned */
	size_t nnow;
	char stamp[96];
};

/*
 * Compare entries.csv of @s's directory with DIR/checked.csv into @out
 * (free with checked_free).  -1 with @err when entries.csv cannot be
 * parsed; a checked.csv that cannot be read is a baseline.
 */
int checked_compare(const struct ml_store *s, struct ml_changed *out,
    struct ml_error *err);
/* Write what @c compared to DIR/checked.csv. */
int checked_save(const struct ml_store *s, const struct ml_changed *c,
    struct ml_error *err);
void checked_free(struct ml_changed *c);

#endif
