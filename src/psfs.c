/*
 * psfs.c - PSFS activities, weekly ratings, the weekly mean and the change
 * since the first rated week.  The model is described in psfs.h.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "plan.h"
#include "psfs.h"

#define FORMER_SEP " | "

ml_day
psfs_week_of(const struct ml_config *cfg, ml_day day)
{
	int start = cfg != NULL ? cfg->psfs_week_start : 0;

	return day - (ml_day)((ml_weekday(day) - start + 7) % 7);
}

bool
psfs_retired(const struct ml_store *s, size_t row)
{
	return *store_get(s, ML_PSFS_ACTIVITIES, row, PA_RETIRED) != '\0';
}

long
psfs_find(const struct ml_store *s, const char *name)
{
	size_t n = store_nrows(s, ML_PSFS_ACTIVITIES);
	long retired = -1;

	/* By current name only: an old name or the id would let a rating
	 * land on an activity the patient no longer calls that.  An active
	 * activity wins over a retired one of the same name. */
	for (size_t r = 0; r < n; r++) {
		if (strcmp(store_get(s, ML_PSFS_ACTIVITIES, r, PA_NAME),
		    name) != 0)
			continue;
		if (!psfs_retired(s, r))
			return (long)r;
		if (retired < 0)
			retired = (long)r;
	}
	return retired;
}

size_t
psfs_active_count(const struct ml_store *s)
{
	size_t n = store_nrows(s, ML_PSFS_ACTIVITIES), active = 0;

	for (size_t r = 0; r < n; r++)
		if (!psfs_retired(s, r))
			active++;
	return active;
}

/* The same lookups inside a transaction on the activities file. */
static long
tx_find_active(const struct ml_tx *tx, const char *name)
{
	for (size_t r = 0; r < tx_nrows(tx); r++)
		if (*tx_get(tx, r, PA_RETIRED) == '\0' &&
		    strcmp(tx_get(tx, r, PA_NAME), name) == 0)
			return (long)r;
	return -1;
}

static size_t
tx_active_count(const struct ml_tx *tx)
{
	size_t active = 0;

	for (size_t r = 0; r < tx_nrows(tx); r++)
		if (*tx_get(tx, r, PA_RETIRED) == '\0')
			active++;
	return active;
}

/* A name must be valid text, not empty, and fit on a line. */
static int
check_name(const char *name, struct ml_error *err)
{
	if (store_check_value(ML_PSFS_ACTIVITIES, "name", name, err) != 0)
		return -1;
	if (*name == '\0' || strspn(name, " \t") == strlen(name)) {
		ml_error_set(err, NULL, 0, "name", "an activity needs a name");
		return -1;
	}
	if (strpbrk(name, "\r\n\t") != NULL || strlen(name) > 200) {
		ml_error_set(err, NULL, 0, "name", "an activity's name is one "
		    "line of at most 200 bytes");
		return -1;
	}
	return 0;
}

struct activity_change {
	const char *name;
	const char *new_name;
	ml_day day;
};

static int
apply_add(struct ml_tx *tx, void *ctx, struct ml_error *err)
{
	struct activity_change *c = ctx;
	char base[72], id[80], date[ML_DATE_LEN];
	const char *key[1] = { id };
	size_t row;

	if (tx_find_active(tx, c->name) >= 0) {
		ml_error_set(err, NULL, 0, "name", "there is already an "
		    "activity '%s'", c->name);
		return -1;
	}
	if (tx_active_count(tx) >= PSFS_MAX_ACTIVE) {
		ml_error_set(err, NULL, 0, "name", "there are already %d "
		    "activities; retire one first (mendlog psfs retire NAME)",
		    PSFS_MAX_ACTIVE);
		return -1;
	}
	/* The id is derived once and never changes; a clash (a retired
	 * activity of the same name, or a name with no ASCII) gets a
	 * number. */
	plan_slug(c->name, base, sizeof base);
	if (base[0] == '\0')
		snprintf(base, sizeof base, "activity");
	snprintf(id, sizeof id, "%s", base);
	for (int i = 2; tx_find(tx, key) >= 0; i++)
		snprintf(id, sizeof id, "%.60s-%d", base, i);
	row = tx_add_row(tx, key);
	ml_date_format(c->day, date);
	tx_set(tx, row, PA_NAME, c->name);
	tx_set(tx, row, PA_ADDED, date);
	return 0;
}

int
psfs_add(struct ml_store *s, const char *name, ml_day day,
    struct ml_error *err)
{
	struct activity_change c = { name, NULL, day };

	if (check_name(name, err) != 0)
		return -1;
	return store_transact(s, ML_PSFS_ACTIVITIES, apply_add, &c, err);
}

static int
apply_rename(struct ml_tx *tx, void *ctx, struct ml_error *err)
{
	struct activity_change *c = ctx;
	long row = tx_find_active(tx, c->name);
	const char *former;
	char *joined;

	if (row < 0) {
		ml_error_set(err, NULL, 0, "name", "no active activity '%s' "
		    "(mendlog psfs list shows them)", c->name);
		return -1;
	}
	if (strcmp(c->name, c->new_name) == 0)
		return 1;
	if (tx_find_active(tx, c->new_name) >= 0) {
		ml_error_set(err, NULL, 0, "name", "there is already an "
		    "activity '%s'", c->new_name);
		return -1;
	}
	former = tx_get(tx, (size_t)row, PA_FORMER_NAMES);
	joined = *former ? xasprintf("%s" FORMER_SEP "%s", former, c->name) :
	    xstrdup(c->name);
	tx_set(tx, (size_t)row, PA_FORMER_NAMES, joined);
	tx_set(tx, (size_t)row, PA_NAME, c->new_name);
	free(joined);
	return 0;
}

int
psfs_rename(struct ml_store *s, const char *old_name, const char *new_name,
    struct ml_error *err)
{
	struct activity_change c = { old_name, new_name, 0 };

	if (check_name(new_name, err) != 0)
		return -1;
	return store_transact(s, ML_PSFS_ACTIVITIES, apply_rename, &c, err);
}

static int
apply_retire(struct ml_tx *tx, void *ctx, struct ml_error *err)
{
	struct activity_change *c = ctx;
	long row = tx_find_active(tx, c->name);
	char date[ML_DATE_LEN];

	if (row < 0) {
		ml_error_set(err, NULL, 0, "name", "no active activity '%s' "
		    "(mendlog psfs list shows them)", c->name);
		return -1;
	}
	ml_date_format(c->day, date);
	tx_set(tx, (size_t)row, PA_RETIRED, date);
	return 0;
}

int
psfs_retire(struct ml_store *s, const char *name, ml_day day,
    struct ml_error *err)
{
	struct activity_change c = { name, NULL, day };

	return store_transact(s, ML_PSFS_ACTIVITIES, apply_retire, &c, err);
}

struct rate_job {
	ml_day week;
	const char **ids;	/* resolved before the transaction */
	const struct psfs_rating *v;
	size_t n;
	time_t now;
};

static int
apply_rate(struct ml_tx *tx, void *ctx, struct ml_error *err)
{
	struct rate_job *j = ctx;
	char week[ML_DATE_LEN], stamp[ML_TIMESTAMP_LEN], value[8];

	(void)err;
	ml_date_format(j->week, week);
	ml_timestamp_format(j->now, stamp);
	for (size_t i = 0; i < j->n; i++) {
		const char *key[2] = { week, j->ids[i] };
		long row = tx_find(tx, key);

		if (row < 0)
			row = (long)tx_add_row(tx, key);
		snprintf(value, sizeof value, "%d", j->v[i].value);
		tx_set(tx, (size_t)row, PR_RATING, value);
		tx_set(tx, (size_t)row, PR_RATED_AT, stamp);
	}
	return 0;
}

int
psfs_rate(struct ml_store *s, const struct ml_config *cfg, ml_day day,
    const struct psfs_rating *v, size_t n, time_t now, struct ml_error *err)
{
	struct rate_job j = { psfs_week_of(cfg, day), NULL, v, n, now };
	int rc = -1;

	/* Names are resolved against a fresh activities file; a rename by
	 * another mendlog between here and the save only changes the name,
	 * never the id the rating is stored under. */
	if (store_load(s, ML_PSFS_ACTIVITIES, NULL, err) != 0)
		return -1;
	j.ids = xcalloc(n ? n : 1, sizeof *j.ids);
	for (size_t i = 0; i < n; i++) {
		long row = psfs_find(s, v[i].name);

		if (v[i].value < 0 || v[i].value > 10) {
			ml_error_set(err, NULL, 0, v[i].name, "a rating is a "
			    "whole number from 0 (unable) to 10 (as before)");
			goto out;
		}
		if (row < 0) {
			ml_error_set(err, NULL, 0, v[i].name, "no such activity "
			    "(mendlog psfs add NAME adds it)");
			goto out;
		}
		if (psfs_retired(s, (size_t)row)) {
			ml_error_set(err, NULL, 0, v[i].name, "this activity "
			    "was retired and takes no new ratings");
			goto out;
		}
		j.ids[i] = store_get(s, ML_PSFS_ACTIVITIES, (size_t)row, PA_ID);
		for (size_t k = 0; k < i; k++)
			if (strcmp(j.ids[k], j.ids[i]) == 0) {
				ml_error_set(err, NULL, 0, v[i].name, "rated twice "
				    "in one command");
				goto out;
			}
	}
	/* The ids point into the activities table, which the ratings
	 * transaction does not reload. */
	rc = store_transact(s, ML_PSFS_RATINGS, apply_rate, &j, err);
out:
	free(j.ids);
	return rc;
}

/* The week a ratings row belongs to, normalised to the configured week
 * start (a row written under another week_start still lands in the week
 * that contains its day); false for a row that cannot be used. */
static bool
row_week(const struct ml_store *s, const struct ml_config *cfg, size_t row,
    ml_day *week, long *value)
{
	ml_day d;

	if (!ml_date_parse(store_get(s, ML_PSFS_RATINGS, row, PR_WEEK), &d) ||
	    !ml_parse_int(store_get(s, ML_PSFS_RATINGS, row, PR_RATING), 0, 10,
	    value))
		return false;
	*week = psfs_week_of(cfg, d);
	return true;
}

int
psfs_rating_of(const struct ml_store *s, const struct ml_config *cfg,
    const char *id, ml_day week)
{
	size_t n = store_nrows(s, ML_PSFS_RATINGS);
	int found = -1;
	ml_day w;
	long v;

	week = psfs_week_of(cfg, week);
	for (size_t r = 0; r < n; r++)
		if (strcmp(store_get(s, ML_PSFS_RATINGS, r, PR_ACTIVITY_ID),
		    id) == 0 && row_week(s, cfg, r, &w, &v) && w == week)
			found = (int)v;		/* the last row wins */
	return found;
}

size_t
psfs_weeks(const struct ml_store *s, const struct ml_config *cfg,
    ml_day from, ml_day to, struct psfs_week **out)
{
	ml_day first = psfs_week_of(cfg, from), last = psfs_week_of(cfg, to);
	size_t nweeks = to >= from ? (size_t)((last - first) / 7 + 1) : 0;
	size_t n = store_nrows(s, ML_PSFS_RATINGS);
	struct psfs_week *w = xcalloc(nweeks ? nweeks : 1, sizeof *w);
	double *sum = xcalloc(nweeks ? nweeks : 1, sizeof *sum);

	for (size_t i = 0; i < nweeks; i++)
		w[i].start = first + (ml_day)(i * 7);
	for (size_t r = 0; r < n; r++) {
		ml_day week;
		long v;

		if (!row_week(s, cfg, r, &week, &v) || week < first ||
		    week > last)
			continue;
		sum[(week - first) / 7] += (double)v;
		w[(week - first) / 7].rated++;
	}
	for (size_t i = 0; i < nweeks; i++)
		w[i].mean = w[i].rated > 0 ? sum[i] / w[i].rated : NAN;
	free(sum);
	*out = w;
	return nweeks;
}

void
psfs_change(const struct ml_store *s, const struct ml_config *cfg,
    ml_day to, struct psfs_change *out)
{
	size_t n = store_nrows(s, ML_PSFS_RATINGS), nweeks;
	ml_day lo = 0, hi = 0, limit = psfs_week_of(cfg, to);
	struct psfs_week *w;
	bool any = false;

	memset(out, 0, sizeof *out);
	for (size_t r = 0; r < n; r++) {
		ml_day week;
		long v;

		if (!row_week(s, cfg, r, &week, &v) || week > limit)
			continue;
		if (!any || week < lo)
			lo = week;
		if (!any || week > hi)
			hi = week;
		any = true;
	}
	if (!any)
		return;
	nweeks = psfs_weeks(s, cfg, lo, hi, &w);
	/* The first and last weeks of [lo, hi] are rated by construction. */
	out->known = true;
	out->first_week = w[0].start;
	out->first_mean = w[0].mean;
	out->last_week = w[nweeks - 1].start;
	out->last_mean = w[nweeks - 1].mean;
	out->change = out->last_mean - out->first_mean;
	/* A small epsilon: 2.0 computed as a difference of means must count
	 * as reaching a threshold of 2.0. */
	out->meaningful = nweeks > 1 &&
	    fabs(out->change) + 1e-9 >= cfg->psfs_meaningful_change;
	free(w);
}

bool
psfs_due(const struct ml_store *s, const struct ml_config *cfg, ml_day today)
{
	ml_day week = psfs_week_of(cfg, today);
	int due_offset = (cfg->psfs_due_day - cfg->psfs_week_start + 7) % 7;
	size_t n = store_nrows(s, ML_PSFS_ACTIVITIES);

	if (today - week < due_offset)
		return false;
	for (size_t a = 0; a < n; a++)
		if (!psfs_retired(s, a) && psfs_rating_of(s, cfg,
		    store_get(s, ML_PSFS_ACTIVITIES, a, PA_ID), week) < 0)
			return true;
	return false;
}

const char *
psfs_change_label(const struct psfs_change *c)
{
	if (!c->known || !c->meaningful)
		return "not yet a meaningful change";
	return c->change > 0 ? "meaningful improvement" : "meaningful worsening";
}
