/*
 * state.h - what reminders remember between runs: a snooze set on the
 * screen (so `mendlog due` honours it too) and what `due --new` has
 * already printed (so cron mails each line once).
 *
 * Core code: no curses.  The state lives in DIR/state.csv, a two-column
 * CSV ("key,value") written atomically with mode 0600 like every diary
 * file.  It is not diary data: a row mendlog cannot read is dropped, and
 * a missing file is an empty state.  Two writers at once (the screen and
 * cron) keep the last one's state; at worst a line is printed again or a
 * snooze is forgotten, never a diary row.
 *
 * Errors: -1 with @err ("DIR/state.csv: reason") only when the file
 * cannot be read or written.
 */
#ifndef ML_STATE_H
#define ML_STATE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "date.h"
#include "mendlog.h"

#define ML_STATE_FILE "state.csv"

struct ml_state {
	time_t snooze_until;	/* 0 = not snoozed */
	char **printed;		/* owned: keys `due --new` has printed */
	size_t nprinted;
};

/* An empty state. */
void state_init(struct ml_state *st);
/* Free what @st owns. */
void state_free(struct ml_state *st);

/* Read @dir's state into @st (initialised here; free it either way). */
int state_load(struct ml_state *st, const char *dir, struct ml_error *err);
/*
 * Write @st to @dir atomically (0600).  Printed keys of days before
 * @today are left out (a key starts with its YYYY-MM-DD day), so the
 * file never grows beyond a day's reminders.
 */
int state_save(const struct ml_state *st, const char *dir, ml_day today,
    struct ml_error *err);

/* Whether reminders are snoozed at @now. */
bool state_snoozed(const struct ml_state *st, time_t now);
/* Load, set the snooze to end at @until (0 = none), save. */
int state_set_snooze(const char *dir, time_t until, struct ml_error *err);

/* Whether `due --new` printed @key ("YYYY-MM-DD ..."). */
bool state_printed(const struct ml_state *st, const char *key);
/* Remember that @key was printed (copied; once). */
void state_mark_printed(struct ml_state *st, const char *key);

#endif
