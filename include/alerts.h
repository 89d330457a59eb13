/*
 * alerts.h - raised alerts in alerts.csv: run the rules, record what is
 * new, list and acknowledge.  Core code: no curses, never prints.
 *
 * Recording promises (see mendlog(5)):
 *  - One transaction per run: under the directory lock the fresh
 *    alerts.csv is compared with what fired, so two mendlogs never record
 *    the same alert twice.
 *  - Episodes, not daily copies: a rule that fires on consecutive entered
 *    days is one row whose last_date moves on.  A new row only when the
 *    tier rises, when the sign comes back after episode_gap_days entered
 *    days without it, or when it persists after an acknowledgement
 *    (emergency the next day, urgent after renotify_urgent_days, contact
 *    after renotify_contact_days; never when the status is "seen", never
 *    for watch).  "Once per procedure" rules are recorded once for each
 *    procedure.  fever is not recorded on a day that has fever_back_pain.
 *  - A one-day episode raised today whose sign is undone the same day
 *    (alerts_check_edit on that day) gets status "error".
 *  - Rows are never deleted.  Changes: last_date grows, acknowledging
 *    fills acknowledged_at (and status), status becomes error.
 *  - Watch rows are logged only: never open, never to acknowledge.
 *
 * Functions return 0 or -1 with @err filled, unless stated otherwise.
 */
#ifndef ML_ALERTS_H
#define ML_ALERTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "config.h"
#include "rules.h"
#include "store.h"

/* Alerts raised by one run (the strings are static, see rules.h). */
struct alerts_raised {
	struct ml_alert *v;	/* owned; free with alerts_raised_free */
	size_t n;
};

void alerts_raised_free(struct alerts_raised *r);

/*
 * Run the rules on every entered day in [@from, @to] and record the alerts
 * that are new, appending them to @out (may be NULL).  Loads entries,
 * procedures and alerts as needed.  When recording fails, @out still
 * receives what fired and was not recorded before, and -1 is returned: the
 * caller must still show them.
 */
int alerts_check_days(struct ml_store *s, const struct ml_config *cfg,
    ml_day from, ml_day to, struct alerts_raised *out, struct ml_error *err);

/* No edited day (alerts_check_edit). */
#define ML_NO_DAY INT32_MIN

/*
 * The same after the entry of @edited changed (or ML_NO_DAY): an episode
 * raised today on @edited whose rule no longer fires there was entered in
 * error and gets status "error".
 */
int alerts_check_edit(struct ml_store *s, const struct ml_config *cfg,
    ml_day from, ml_day to, ml_day edited, struct alerts_raised *out,
    struct ml_error *err);

/* After a save of @day: @day and the days after it up to today (the
 * multi-day rules look back). */
int alerts_after_save(struct ml_store *s, const struct ml_config *cfg,
    ml_day day, struct alerts_raised *out, struct ml_error *err);

/* At start-up: the last cfg->startup_days days up to today. */
int alerts_startup(struct ml_store *s, const struct ml_config *cfg,
    struct alerts_raised *out, struct ml_error *err);

/*
 * One row of alerts.csv, typed.  The one place that reads the columns: a
 * column added later (last_date, status) is one field here and one line
 * in alert_row_get().  The strings point into the loaded store: valid
 * until it reloads alerts.csv.
 */
struct alert_row {
	const char *raised_at;		/* as stored */
	time_t raised;			/* 0 when raised_at does not parse */
	const char *date;		/* as stored */
	ml_day day;			/* valid only when day_ok */
	bool day_ok;
	const char *rule;
	const char *severity;		/* as stored */
	enum ml_tier tier;		/* ML_NTIERS when severity is none */
	const char *message;
	const char *acknowledged_at;	/* "" while not acknowledged */
	const char *last_date;		/* as stored; date when empty */
	ml_day last_day;		/* day when it does not parse */
	const char *status;		/* "", "seen" or "error" */
	bool open;		/* to acknowledge: not yet, not watch, not error */
	size_t row;			/* row in the loaded table */
};

/* One recorded alert, as listed. */
struct alerts_item {
	struct alert_row a;
	unsigned number;	/* 1-based, stable: oldest raised first */
};

/*
 * Every row of the loaded alerts.csv, numbered by the time raised (file
 * order breaks ties), in that order.  Caller frees *items.  Returns the
 * count.
 */
size_t alerts_list(const struct ml_store *s, struct alerts_item **items);

/* How an alert is answered (the status column). */
enum alert_mark {
	ALERT_READ,	/* `a`: I have read this (status stays empty) */
	ALERT_SEEN,	/* `s`: my clinician knows (status seen) */
	ALERT_ERROR,	/* entered in error (status error) */
};

/*
 * Answer the alert in row @row of the loaded alerts.csv (found again by
 * its key under the lock): fill acknowledged_at if empty and set the
 * status of @mark.  With @row ALERTS_ALL, every open alert (alert_row.open)
 * is acknowledged, emergencies only when @emergencies.  *count (may be
 * NULL) receives how many changed now; 0 when already done.
 */
int alerts_mark(struct ml_store *s, size_t row, enum alert_mark mark,
    bool emergencies, size_t *count, struct ml_error *err);

/*
 * Acknowledge the alert in row @row of the loaded alerts.csv (found again
 * by its key under the lock), or every unacknowledged alert when @row is
 * (size_t)-1.  *count (may be NULL) receives how many were acknowledged
 * now; 0 when already done.
 */
int alerts_acknowledge(struct ml_store *s, size_t row, size_t *count,
    struct ml_error *err);
#define ALERTS_ALL ((size_t)-1)

/* Row @row of the loaded alerts.csv. */
void alert_row_get(const struct ml_store *s, size_t row, struct alert_row *out);

/*
 * The identity of an alert row (date, rule, severity): the same alert in
 * two copies of the file, e.g. before and after a save, or found again
 * under the lock.  The only key format.  Caller frees.
 */
char *alert_row_key(const struct alert_row *a);

/* Row of the loaded alerts.csv with key @key (alert_row_key), or -1. */
long alerts_find(const struct ml_store *s, const char *key);

/*
 * Which are open: the rows of the loaded alerts.csv still to acknowledge
 * (not acknowledged, not watch, not entered in error), in file order, into *rows (caller frees).  Returns the count.
 */
size_t alerts_open(const struct ml_store *s, struct alert_row **rows);

/* The keys of every row of alerts.csv at one moment (owned copies). */
struct alerts_keys {
	char **v;
	size_t n;
};
/* Keys of every row of the loaded alerts.csv but those entered in error. */
void alerts_keys_take(const struct ml_store *s, struct alerts_keys *k);
void alerts_keys_free(struct alerts_keys *k);

/*
 * Which are new: the rows of the loaded alerts.csv dated @from or later,
 * not entered in error, whose key is not in @before, most severe first (file order within a
 * tier), into *rows (caller frees).  What a change raised, even when
 * another mendlog recorded it first.  Returns the count.
 */
size_t alerts_new(const struct ml_store *s, const struct alerts_keys *before,
    ml_day from, struct alert_row **rows);

/* The sign of @rule in plain words ("new weakness in a leg or foot"); an
 * unknown rule gives the id itself.  Static. */
const char *alerts_rule_label(const char *rule);
/* What the tier asks, in full: "call your local emergency number now". */
const char *alerts_tier_action(enum ml_tier tier);

#endif
