/*
 * psfs.h - the Patient-Specific Functional Scale: up to five activities
 * the patient finds hard, each rated weekly from 0 (unable) to 10 (as
 * before the problem).  Core code: no curses, never prints.
 *
 * The model (see mendlog(5)):
 *  - An activity has a stable id (derived from its first name) and a
 *    current name.  Ratings refer to the id, so a rename keeps every
 *    earlier rating with the activity; the earlier names are kept in
 *    former_names.  Retiring sets the retired day: the activity keeps its
 *    ratings but takes no new ones and no longer counts towards the five.
 *  - A week is the 7 days from the configured week start (default
 *    Monday) that contain a day; ratings are stored under the week's
 *    first day, one per activity per week (rating again replaces it).
 *  - The week's score is the mean of that week's ratings.  A week with no
 *    rating is a gap (NAN), never a zero.
 *  - The change is the latest rated week's mean minus the first rated
 *    week's; it is "meaningful" when its size reaches
 *    cfg->psfs_meaningful_change (default 2.0).
 *
 * Readers need ML_PSFS_ACTIVITIES and ML_PSFS_RATINGS loaded.  Writers run
 * one store transaction each and return 0, or -1 with @err filled.
 */
#ifndef ML_PSFS_H
#define ML_PSFS_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "config.h"
#include "date.h"
#include "mendlog.h"
#include "store.h"

/* The most activities that can be active at once. */
#define PSFS_MAX_ACTIVE 5

/* The first day of the week that contains @day. */
ml_day psfs_week_of(const struct ml_config *cfg, ml_day day);

/* Row of the activity whose current name is @name (an active one before
 * a retired one); -1 when none. */
long psfs_find(const struct ml_store *s, const char *name);
/* True when activities row @row is retired. */
bool psfs_retired(const struct ml_store *s, size_t row);
/* Number of activities not retired. */
size_t psfs_active_count(const struct ml_store *s);

/* Add activity @name on @day (at most PSFS_MAX_ACTIVE active, names
 * unique among activities not retired). */
int psfs_add(struct ml_store *s, const char *name, ml_day day,
    struct ml_error *err);
/* Give activity @old_name the name @new_name; its ratings stay with it. */
int psfs_rename(struct ml_store *s, const char *old_name,
    const char *new_name, struct ml_error *err);
/* Retire activity @name from @day on. */
int psfs_retire(struct ml_store *s, const char *name, ml_day day,
    struct ml_error *err);

/* One rating to save: the activity's current name and 0-10. */
struct psfs_rating {
	const char *name;
	int value;
};

/*
 * Save @n ratings for the week that contains @day, in one transaction:
 * every name must be an active activity and every value 0-10 (all are
 * checked before anything is written).
 */
int psfs_rate(struct ml_store *s, const struct ml_config *cfg, ml_day day,
    const struct psfs_rating *v, size_t n, time_t now, struct ml_error *err);

/* The rating of activity @id in the week starting @week, or -1 (a gap). */
int psfs_rating_of(const struct ml_store *s, const struct ml_config *cfg,
    const char *id, ml_day week);

/* One week's score. */
struct psfs_week {
	ml_day start;		/* first day of the week */
	double mean;		/* NAN when nothing was rated: a gap */
	int rated;		/* ratings that week */
};

/*
 * Every week that overlaps [@from, @to], oldest first, rated or not.
 * *out is a new array (caller frees) of the returned length.
 */
size_t psfs_weeks(const struct ml_store *s, const struct ml_config *cfg,
    ml_day from, ml_day to, struct psfs_week **out);

/* The change since the first rated week. */
struct psfs_change {
	bool known;		/* at least one rated week up to @to */
	ml_day first_week, last_week;
	double first_mean, last_mean;
	double change;		/* last - first (0 with one rated week) */
	bool meaningful;	/* |change| >= cfg->psfs_meaningful_change */
};

/* The change from the first rated week to the last rated week on or
 * before @to. */
void psfs_change(const struct ml_store *s, const struct ml_config *cfg,
    ml_day to, struct psfs_change *out);

/*
 * Whether this week's rating is due on @today: there is an active
 * activity, @today is on or after cfg->psfs_due_day within its week, and
 * some active activity has no rating for the week yet.  For the top-line
 * notice.
 */
bool psfs_due(const struct ml_store *s, const struct ml_config *cfg,
    ml_day today);

/* "meaningful improvement", "meaningful worsening" or "not yet a
 * meaningful change" for @c (static). */
const char *psfs_change_label(const struct psfs_change *c);

#endif
