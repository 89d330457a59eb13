/*
 * alerts.h - raised alerts in alerts.csv: run the rules, record what is
 * new, list and acknowledge.  Core code: no curses, never prints.
 *
 * Recording promises (see mendlog(5)):
 *  - One transaction per run: under the directory lock the fresh
 *    alerts.csv is compared with what fired, so two mendlogs never record
 *    the same alert twice.
 *  - The same rule on the same day is recorded once; a more severe tier
 *    later that day (contact -> urgent) is a new row; a less severe one is
 *    not recorded.  "Once per procedure" rules are recorded once for each
 *    procedure.  fever is not recorded on a day that has fever_back_pain.
 *  - Rows are never deleted or changed, except that acknowledging fills an
 *    empty acknowledged_at.
 *
 * Functions return 0 or -1 with @err filled, unless stated otherwise.
 */
#ifndef ML_ALERTS_H
#define ML_ALERTS_H

#include <stddef.h>

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

/* After a save of @day: @day and the days after it up to today (the
 * multi-day rules look back). */
int alerts_after_save(struct ml_store *s, const struct ml_config *cfg,
    ml_day day, struct alerts_raised *out, struct ml_error *err);

/* At start-up: the last cfg->startup_days days up to today. */
int alerts_startup(struct ml_store *s, const struct ml_config *cfg,
    struct alerts_raised *out, struct ml_error *err);

/* One recorded alert, as listed. */
struct alerts_item {
	size_t row;		/* row in the loaded alerts table */
	unsigned number;	/* 1-based, stable: oldest raised first */
	enum ml_tier tier;	/* ML_NTIERS when the file has a bad value */
	bool acknowledged;
};

/*
 * Every row of the loaded alerts.csv, numbered by the time raised (file
 * order breaks ties), in that order.  Caller frees *items.  Returns the
 * count.
 */
size_t alerts_list(const struct ml_store *s, struct alerts_item **items);

/*
 * Acknowledge the alert in row @row of the loaded alerts.csv (found again
 * by its key under the lock), or every unacknowledged alert when @row is
 * (size_t)-1.  *count (may be NULL) receives how many were acknowledged
 * now; 0 when already done.
 */
int alerts_acknowledge(struct ml_store *s, size_t row, size_t *count,
    struct ml_error *err);
#define ALERTS_ALL ((size_t)-1)

/*
 * What a command raised, even when another mendlog recorded it first: take
 * the keys of alerts.csv before the save, and after it list the rows dated
 * @from or later that were not there.
 */
struct alerts_keys {
	char **v;		/* owned */
	size_t n;
};
/* Keys (date, rule, severity) of every row of the loaded alerts.csv. */
void alerts_keys_take(const struct ml_store *s, struct alerts_keys *k);
void alerts_keys_free(struct alerts_keys *k);
/* Rows of the loaded alerts.csv dated @from or later whose key is not in
 * @before, most severe first, appended to @out.  rule and message point
 * into the store: valid until it reloads alerts.csv. */
void alerts_new_since(const struct ml_store *s,
    const struct alerts_keys *before, ml_day from, struct alerts_raised *out);

#endif
