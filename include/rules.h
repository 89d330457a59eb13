/*
 * rules.h - the red-flag rules: from a day's entry (and the days before
 * it, and the procedures) to the alerts that fire, each with a tier and a
 * plain message.  Core code: no curses, no writing.
 *
 * rules_eval() is a pure function of the loaded entries and procedures,
 * the config thresholds and the day.  It does not know what was already
 * recorded: each alert carries the scope within which one record of its
 * rule is enough (the day itself, or the whole procedure for "once per
 * procedure" rules), and alerts.c decides what is new.
 *
 * Every string an alert points to is static: nothing to free.
 */
#ifndef ML_RULES_H
#define ML_RULES_H

#include <stdbool.h>
#include <stddef.h>

#include "config.h"
#include "date.h"
#include "store.h"

/* Tiers, most severe first: a lower value is more severe. */
enum ml_tier {
	ML_TIER_EMERGENCY,	/* get emergency care now */
	ML_TIER_URGENT,		/* contact a clinician or out-of-hours today */
	ML_TIER_CONTACT,	/* tell a clinician or physiotherapist soon */
	ML_TIER_WATCH,		/* keep an eye on it; logged only */
	ML_NTIERS
};

/* "emergency", "urgent", "contact", "watch" (the alerts.csv severity). */
const char *rules_tier_name(enum ml_tier tier);
/* Parse a severity; false when @s is none of the four. */
bool rules_tier_parse(const char *s, enum ml_tier *tier);
/* One line of what the tier asks, e.g. "get emergency care now". */
const char *rules_tier_advice(enum ml_tier tier);

/* One alert that fires on a day. */
struct ml_alert {
	const char *rule;	/* rule id, e.g. "fever" */
	enum ml_tier tier;
	const char *message;	/* plain advice, stored in alerts.csv */
	ml_day day;		/* the diary day that raised it */
	/*
	 * A record of the same rule dated in [scope_from, scope_to] at this
	 * tier or a more severe one means this alert was already raised.
	 */
	ml_day scope_from, scope_to;
	/* A rule whose record on the same day makes this one redundant
	 * (fever under fever_back_pain), or NULL. */
	const char *covered_by;
};

/* No day fires more alerts than there are rules. */
#define RULES_MAX 28

/* The rule ids in table order; NULL-terminated. */
extern const char *const rules_ids[];

/*
 * The alerts that fire on @day, most severe first, into @out (room for
 * RULES_MAX).  Needs entries and procedures loaded in @s.  A day with no
 * entry fires nothing.  Returns how many.  Costs O(log n) plus the days
 * the multi-day rules look back at (the store's key index), so a check
 * over many days needs no shared copy.
 */
size_t rules_eval(const struct ml_store *s, const struct ml_config *cfg,
    ml_day day, struct ml_alert *out);

/* The message of @rule at @tier (the same text rules_eval gives), or NULL
 * when that rule has no such tier. */
const char *rules_message(const char *rule, enum ml_tier tier);

#endif
