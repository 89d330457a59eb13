/*
 * plan.c - exercise schedules, slot status, logging and adherence.
 *
 * Nothing is cached: every call reads the store's current tables, so a
 * file reloaded after another mendlog wrote it is seen at once.  Slots are
 * (day, minutes) pairs; an instant is made only to compare with "now".
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan.h"

static const char *const weekday_names[] = {
	"mon", "tue", "wed", "thu", "fri", "sat", "sun"
};

static int
cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

int
plan_schedule_parse(const char *days, const char *times, const char *start,
    const char *end, const char *active, struct plan_schedule *out,
    struct ml_error *err)
{
	const char *why;
	char shown[200];	/* a value quoted in an error, made printable */

	memset(out, 0, sizeof *out);
	if (!ml_value_check(ML_T_DAYS, days, &why)) {
		ml_error_set(err, NULL, 0, "days", "invalid value '%s' "
		    "(expected %s)",
		    ml_printable(days, 40, shown, sizeof shown), why);
		return -1;
	}
	if (*days == '\0' || strcmp(days, "daily") == 0) {
		out->kind = PLAN_DAILY;
	} else if (strncmp(days, "every ", 6) == 0) {
		out->kind = PLAN_EVERY;
		out->every = atoi(days + 6);	/* checked 1-365 above */
	} else {
		out->kind = PLAN_WEEKDAYS;
		for (const char *p = days; *p; p += p[3] ? 4 : 3)
			for (unsigned w = 0; w < 7; w++)
				if (strncmp(p, weekday_names[w], 3) == 0)
					out->weekdays |= 1u << w;
	}
	if (!ml_value_check(ML_T_TIMES, times, &why)) {
		ml_error_set(err, NULL, 0, "times", "invalid value '%s' "
		    "(expected %s)",
		    ml_printable(times, 40, shown, sizeof shown), why);
		return -1;
	}
	/* Validated "HH:MM;HH:MM..." - every slot is 5 chars plus ';'. */
	for (const char *p = times; *p; p += p[5] ? 6 : 5) {
		char hhmm[6];
		int m;

		if (out->ntimes == PLAN_MAX_TIMES) {
			ml_error_set(err, NULL, 0, "times", "more than %d times",
			    PLAN_MAX_TIMES);
			return -1;
		}
		memcpy(hhmm, p, 5);
		hhmm[5] = '\0';
		(void)ml_hhmm_parse(hhmm, &m);
		out->times[out->ntimes++] = m;
	}
	qsort(out->times, out->ntimes, sizeof out->times[0], cmp_int);
	/* A time listed twice is one slot. */
	if (out->ntimes > 1) {
		size_t n = 1;

		for (size_t i = 1; i < out->ntimes; i++)
			if (out->times[i] != out->times[n - 1])
				out->times[n++] = out->times[i];
		out->ntimes = n;
	}
	if (*start != '\0') {
		if (!ml_date_parse(start, &out->start)) {
			ml_error_set(err, NULL, 0, "start_date", "invalid value "
			    "'%s' (expected a date YYYY-MM-DD)",
			    ml_printable(start, 40, shown, sizeof shown));
			return -1;
		}
		out->has_start = true;
	}
	if (*end != '\0') {
		if (!ml_date_parse(end, &out->end)) {
			ml_error_set(err, NULL, 0, "end_date", "invalid value "
			    "'%s' (expected a date YYYY-MM-DD)",
			    ml_printable(end, 40, shown, sizeof shown));
			return -1;
		}
		out->has_end = true;
	}
	if (ml_exercise_dates_check(start, end, err) != 0)
		return -1;
	if (*active == '\0') {
		out->active = true;
	} else if (ml_parse_yesno(active) < 0) {
		ml_error_set(err, NULL, 0, "active", "invalid value '%s' "
		    "(expected yes or no)",
		    ml_printable(active, 40, shown, sizeof shown));
		return -1;
	} else {
		out->active = ml_parse_yesno(active) == 1;
	}
	return 0;
}

bool
plan_occurs(const struct plan_schedule *sc, ml_day day)
{
	long d;

	if (!sc->active || (sc->has_start && day < sc->start) ||
	    (sc->has_end && day > sc->end))
		return false;
	switch (sc->kind) {
	case PLAN_DAILY:
		return true;
	case PLAN_WEEKDAYS:
		return (sc->weekdays >> ml_weekday(day)) & 1u;
	case PLAN_EVERY:
		d = (long)day - (sc->has_start ? sc->start : 0);
		/* Before the start is excluded above; without one, keep the
		 * modulo non-negative for days before 1970. */
		return ((d % sc->every) + sc->every) % sc->every == 0;
	}
	return false;
}

/* The first earlier row with the same id as @row, or -1.  store_find is
 * the first row with a key (the store's sorted index): a linear scan here
 * made every schedule walk quadratic in the plan's size. */
static long
earlier_with_id(const struct ml_store *s, size_t row)
{
	const char *key[1] = { store_get(s, ML_EXERCISES, row, XC_ID) };
	long first = store_find(s, ML_EXERCISES, key);

	return first >= 0 && (size_t)first < row ? first : -1;
}

int
plan_row_check(const struct ml_store *s, size_t row, struct plan_schedule *out,
    struct ml_error *err)
{
	const char *id = store_get(s, ML_EXERCISES, row, XC_ID);

	if (*id == '\0' || !ml_value_check(ML_T_SLUG, id, NULL)) {
		ml_error_set(err, NULL, 0, "id", "%s", *id ? "not a valid id" :
		    "empty");
		return -1;
	}
	if (earlier_with_id(s, row) >= 0) {
		ml_error_set(err, NULL, 0, "id", "'%s' is used by an earlier row",
		    id);
		return -1;
	}
	return plan_schedule_parse(store_get(s, ML_EXERCISES, row, XC_DAYS),
	    store_get(s, ML_EXERCISES, row, XC_TIMES),
	    store_get(s, ML_EXERCISES, row, XC_START_DATE),
	    store_get(s, ML_EXERCISES, row, XC_END_DATE),
	    store_get(s, ML_EXERCISES, row, XC_ACTIVE), out, err);
}

bool
plan_row_schedule(const struct ml_store *s, size_t row,
    struct plan_schedule *out)
{
	return plan_row_check(s, row, out, NULL) == 0;
}

const char *
plan_status_name(enum plan_status st)
{
	static const char *const names[] = {
		[PLAN_LATER] = "later", [PLAN_DUE] = "due",
		[PLAN_OVERDUE] = "overdue", [PLAN_DONE] = "done",
		[PLAN_PARTIAL] = "partial", [PLAN_SKIPPED] = "skipped",
		[PLAN_MISSED] = "missed", [PLAN_PAUSED] = "paused",
	};

	return (unsigned)st < ML_NELEM(names) ? names[st] : "?";
}

bool
plan_status_settled(enum plan_status st)
{
	return st == PLAN_DONE || st == PLAN_PARTIAL || st == PLAN_SKIPPED;
}

time_t
plan_slot_time(const struct plan_slot *slot)
{
	return ml_local_time(slot->day, slot->minutes);
}

const char *
plan_slot_id(const struct ml_store *s, const struct plan_slot *slot)
{
	if (slot->exercise_row == PLAN_NO_ROW && slot->log_row >= 0)
		return store_get(s, ML_EXERCISE_LOG, (size_t)slot->log_row,
		    LC_EXERCISE_ID);
	return store_get(s, ML_EXERCISES, slot->exercise_row, XC_ID);
}

enum plan_status
plan_status_at(const struct ml_config *cfg, ml_day day, int minutes,
    const char *logged, time_t now)
{
	time_t at;

	if (logged != NULL) {
		if (strcmp(logged, "done") == 0)
			return PLAN_DONE;
		if (strcmp(logged, "partial") == 0)
			return PLAN_PARTIAL;
		if (strcmp(logged, "skipped") == 0)
			return PLAN_SKIPPED;
	}
	at = ml_local_time(day, minutes);
	if (now < at)
		return PLAN_LATER;
	/* Due until local midnight: the next day's 00:00, DST included. */
	if (now >= ml_local_time(day + 1, 0))
		return PLAN_MISSED;
	if (now >= at + (time_t)cfg->overdue_after_min * 60)
		return PLAN_OVERDUE;
	return PLAN_DUE;
}

long
plan_log_find(const struct ml_store *s, ml_day day, int minutes,
    const char *exercise_id)
{
	char date[ML_DATE_LEN], slot[8];
	const char *key[3] = { date, slot, exercise_id };

	ml_date_format(day, date);
	snprintf(slot, sizeof slot, "%02d:%02d", (minutes / 60) % 24, minutes % 60);
	return store_find(s, ML_EXERCISE_LOG, key);
}

static int
cmp_slot(const void *a, const void *b)
{
	const struct plan_slot *x = a, *y = b;

	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	if (x->minutes != y->minutes)
		return x->minutes < y->minutes ? -1 : 1;
	return (x->exercise_row > y->exercise_row) -
	    (x->exercise_row < y->exercise_row);
}

/*
 * The plan as it was on each day.  An exercise's current schedule is its
 * exercises.csv row; plan_history.csv holds the versions it replaced,
 * each with the last day it applied (`until`).  A day is judged by the
 * first version whose `until` is on or after it, else by the current row.
 * So a change never rewrites the days before it, and an exercise added
 * on day A has a version "not in the plan" until A - 1.
 */
struct plan_version {
	size_t row;		/* the exercise's row in exercises.csv */
	ml_day until;
	size_t hrow;		/* its row in plan_history.csv */
	bool parsed, ok;	/* sc is parsed when first needed */
	struct plan_schedule sc;
};

struct plan_pause {
	ml_day from, to;
};

/* Every exercise row's schedules, parsed once; ok[r] false = no slots. */
struct plan_rows {
	struct plan_schedule *sc;	/* current, per row */
	bool *ok;
	size_t n;
	struct plan_version *ver;	/* sorted by row, then until */
	size_t nver;
	size_t *first, *count;		/* per row: its run in ver */
	struct plan_pause *pause;
	size_t npause;
	const struct ml_store *s;	/* for the versions parsed late */
};

static int
cmp_version(const void *a, const void *b)
{
	const struct plan_version *x = a, *y = b;

	if (x->row != y->row)
		return x->row < y->row ? -1 : 1;
	return (x->until > y->until) - (x->until < y->until);
}

/*
 * Parse what the days from @from on need: every exercise's schedule, the
 * history versions that end on or after @from (an earlier one never
 * judges those days; its schedule is parsed only when a day asks for it),
 * and the pauses.
 */
static void
rows_parse(const struct ml_store *s, struct plan_rows *pr, ml_day from)
{
	size_t nh = store_nrows(s, ML_PLAN_HISTORY);
	size_t np = store_nrows(s, ML_PLAN_PAUSES);

	memset(pr, 0, sizeof *pr);
	pr->n = store_nrows(s, ML_EXERCISES);
	pr->sc = xcalloc(pr->n ? pr->n : 1, sizeof *pr->sc);
	pr->ok = xcalloc(pr->n ? pr->n : 1, sizeof *pr->ok);
	pr->first = xcalloc(pr->n ? pr->n : 1, sizeof *pr->first);
	pr->count = xcalloc(pr->n ? pr->n : 1, sizeof *pr->count);
	for (size_t r = 0; r < pr->n; r++)
		pr->ok[r] = plan_row_schedule(s, r, &pr->sc[r]);
	pr->ver = xcalloc(nh ? nh : 1, sizeof *pr->ver);
	for (size_t h = 0; h < nh; h++) {
		struct plan_version *pv = &pr->ver[pr->nver];
		long row;

		/* A version of an unknown exercise, or with an unreadable
		 * day, is left out (mendlog check names it). */
		if (!ml_date_parse(store_get(s, ML_PLAN_HISTORY, h, HC_UNTIL),
		    &pv->until) || pv->until < from ||
		    (row = plan_find(s, store_get(s, ML_PLAN_HISTORY, h,
		    HC_ID))) < 0)
			continue;
		pv->row = (size_t)row;
		pv->hrow = h;
		pv->parsed = false;
		pr->nver++;
	}
	if (pr->nver > 1)
		qsort(pr->ver, pr->nver, sizeof *pr->ver, cmp_version);
	for (size_t i = pr->nver; i-- > 0;) {
		pr->first[pr->ver[i].row] = i;
		pr->count[pr->ver[i].row]++;
	}
	pr->s = s;
	pr->pause = xcalloc(np ? np : 1, sizeof *pr->pause);
	for (size_t p = 0; p < np; p++) {
		struct plan_pause *pp = &pr->pause[pr->npause];

		if (ml_date_parse(store_get(s, ML_PLAN_PAUSES, p, PP_FROM),
		    &pp->from) && ml_date_parse(store_get(s, ML_PLAN_PAUSES, p,
		    PP_TO), &pp->to) && pp->from <= pp->to)
			pr->npause++;
	}
}

static void
rows_free(struct plan_rows *pr)
{
	free(pr->sc);
	free(pr->ok);
	free(pr->ver);
	free(pr->first);
	free(pr->count);
	free(pr->pause);
}

/* The schedule exercise row @r had on @day, or NULL (no slots). */
static const struct plan_schedule *
rows_on(struct plan_rows *pr, size_t r, ml_day day)
{
	if (!pr->ok[r])
		return NULL;	/* a row with a bad id has no history either */
	for (size_t i = pr->first[r]; i < pr->first[r] + pr->count[r]; i++) {
		struct plan_version *pv = &pr->ver[i];
		const struct ml_store *s = pr->s;

		if (day > pv->until)
			continue;
		if (!pv->parsed) {
			pv->ok = plan_schedule_parse(
			    store_get(s, ML_PLAN_HISTORY, pv->hrow, HC_DAYS),
			    store_get(s, ML_PLAN_HISTORY, pv->hrow, HC_TIMES),
			    store_get(s, ML_PLAN_HISTORY, pv->hrow, HC_START_DATE),
			    store_get(s, ML_PLAN_HISTORY, pv->hrow, HC_END_DATE),
			    store_get(s, ML_PLAN_HISTORY, pv->hrow, HC_ACTIVE),
			    &pv->sc, NULL) == 0;
			pv->parsed = true;
		}
		return pv->ok ? &pv->sc : NULL;
	}
	return &pr->sc[r];
}

static bool
rows_paused(const struct plan_rows *pr, ml_day day)
{
	for (size_t i = 0; i < pr->npause; i++)
		if (day >= pr->pause[i].from && day <= pr->pause[i].to)
			return true;
	return false;
}

/* The slots of the days @from..@to (log_row -1), appended to *v and
 * sorted by cmp_slot: each day's few slots are sorted as the day is done
 * (days come in order), so a long range never sorts the whole array. */
static void
collect_days(struct plan_rows *pr, ml_day from, ml_day to,
    struct plan_slot **v, size_t *n, size_t *cap)
{
	for (ml_day day = from; day <= to; day++) {
		size_t first = *n;

		for (size_t r = 0; r < pr->n; r++) {
			const struct plan_schedule *sc = rows_on(pr, r, day);

			if (sc == NULL || !plan_occurs(sc, day))
				continue;
			for (size_t i = 0; i < sc->ntimes; i++) {
				if (*n == *cap) {
					*cap = *cap ? *cap * 2 : 16;
					*v = xreallocarray(*v, *cap, sizeof **v);
				}
				(*v)[(*n)++] = (struct plan_slot){ day,
				    sc->times[i], r, -1, PLAN_LATER };
			}
		}
		if (*n - first > 1)
			qsort(*v + first, *n - first, sizeof **v, cmp_slot);
	}
}

static void
set_status(const struct ml_store *s, const struct ml_config *cfg,
    const struct plan_rows *pr, struct plan_slot *slot, time_t now)
{
	const char *logged = NULL;

	if (slot->log_row >= 0)
		logged = store_get(s, ML_EXERCISE_LOG, (size_t)slot->log_row,
		    LC_STATUS);
	slot->status = plan_status_at(cfg, slot->day, slot->minutes, logged, now);
	/* An invalid status in the file settles nothing. */
	if (!plan_status_settled(slot->status))
		slot->log_row = -1;
	/* A log made during a pause still counts; nothing else is due. */
	if (!plan_status_settled(slot->status) && rows_paused(pr, slot->day))
		slot->status = PLAN_PAUSED;
}

size_t
plan_slots(const struct ml_store *s, const struct ml_config *cfg, ml_day day,
    time_t now, struct plan_slot **out)
{
	struct plan_slot *v = NULL;
	size_t n = 0, cap = 0;
	struct plan_rows pr;

	rows_parse(s, &pr, day);
	collect_days(&pr, day, day, &v, &n, &cap);
	for (size_t i = 0; i < n; i++) {
		v[i].log_row = plan_log_find(s, day, v[i].minutes,
		    plan_slot_id(s, &v[i]));
		set_status(s, cfg, &pr, &v[i], now);
	}
	rows_free(&pr);
	*out = v;
	return n;
}

size_t
plan_due_now(const struct ml_store *s, const struct ml_config *cfg, time_t now,
    struct plan_slot *first, time_t *newest)
{
	struct plan_slot *v;
	size_t n = plan_slots(s, cfg, ml_day_of(now), now, &v), due = 0;
	time_t latest = 0;

	for (size_t i = 0; i < n; i++) {
		time_t t;

		if (v[i].status != PLAN_DUE && v[i].status != PLAN_OVERDUE)
			continue;
		if (due++ == 0 && first != NULL)
			*first = v[i];
		t = plan_slot_time(&v[i]);
		if (t > latest)
			latest = t;
	}
	if (newest != NULL)
		*newest = latest;
	free(v);
	return due;
}

/*
 * The range version of plan_slots(): the log lookups go through the
 * store's key index either way; this one parses each schedule once for
 * the whole range instead of once per day.
 */

static size_t
slots_range(const struct ml_store *s, const struct ml_config *cfg,
    ml_day from, ml_day to, time_t now, bool sessions, struct plan_slot **out)
{
	size_t n = 0, cap = 0, nlog = store_nrows(s, ML_EXERCISE_LOG), nrange;
	struct plan_slot *v = NULL;
	struct plan_rows pr;
	bool *met = NULL, added = false;
	char lo[ML_DATE_LEN], hi[ML_DATE_LEN];
	const size_t *rows;

	rows_parse(s, &pr, from);
	collect_days(&pr, from, to, &v, &n, &cap);
	if (sessions)
		met = xcalloc(nlog ? nlog : 1, sizeof *met);
	/* As plan_slots(): the log's key index answers each slot. */
	for (size_t i = 0; i < n; i++) {
		v[i].log_row = plan_log_find(s, v[i].day, v[i].minutes,
		    plan_slot_id(s, &v[i]));
		set_status(s, cfg, &pr, &v[i], now);
		if (met != NULL && v[i].log_row >= 0)
			met[v[i].log_row] = true;
	}
	if (!sessions) {
		rows_free(&pr);
		*out = v;
		return n;
	}
	/* A session logged for a slot the plan (as it was) does not have -
	 * changed before history was kept, or logged with --slot - is still
	 * a session: it is kept, with its exercise's row when there is one. */
	ml_date_format(from, lo);
	ml_date_format(to, hi);
	nrange = store_key_range(s, ML_EXERCISE_LOG, lo, hi, &rows);
	for (size_t i = 0; i < nrange; i++) {
		size_t r = rows[i];
		struct plan_slot o = { 0, 0, PLAN_NO_ROW, (long)r, PLAN_LATER };
		long row;

		if (met[r] || !ml_date_parse(store_get(s, ML_EXERCISE_LOG, r,
		    LC_DATE), &o.day) || o.day < from || o.day > to ||
		    !ml_hhmm_parse(store_get(s, ML_EXERCISE_LOG, r, LC_SLOT),
		    &o.minutes))
			continue;
		row = plan_find(s, store_get(s, ML_EXERCISE_LOG, r,
		    LC_EXERCISE_ID));
		if (row >= 0)
			o.exercise_row = (size_t)row;
		set_status(s, cfg, &pr, &o, now);
		if (!plan_status_settled(o.status))
			continue;	/* an invalid status settles nothing */
		/* A second log of the same slot (a repeated key) is not. */
		if (row >= 0 && plan_log_find(s, o.day, o.minutes,
		    plan_slot_id(s, &o)) != (long)r)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			v = xreallocarray(v, cap, sizeof *v);
		}
		v[n++] = o;
		added = true;
	}
	if (added)
		qsort(v, n, sizeof *v, cmp_slot);
	rows_free(&pr);
	free(met);
	*out = v;
	return n;
}

size_t
plan_slots_range(const struct ml_store *s, const struct ml_config *cfg,
    ml_day from, ml_day to, time_t now, struct plan_slot **out)
{
	return slots_range(s, cfg, from, to, now, false, out);
}

size_t
plan_sessions_range(const struct ml_store *s, const struct ml_config *cfg,
    ml_day from, ml_day to, time_t now, struct plan_slot **out)
{
	return slots_range(s, cfg, from, to, now, true, out);
}

/*
 * The log rows of @from..@to (a stretch of the log's key index, which is
 * by date first) settle the slots they name: the first done/partial/
 * skipped row (lowest row number) for a slot sets its log_row.  @v (n
 * slots) must be sorted by cmp_slot.  A log names an exercise by id; its
 * slots carry the row of the first exercise with that id.
 */
static void
settle_slots(const struct ml_store *s, struct plan_slot *v, size_t n,
    ml_day from, ml_day to)
{
	char lo[ML_DATE_LEN], hi[ML_DATE_LEN];
	const size_t *rows;
	size_t logs;

	ml_date_format(from, lo);
	ml_date_format(to, hi);
	logs = store_key_range(s, ML_EXERCISE_LOG, lo, hi, &rows);
	for (size_t i = 0; i < logs; i++) {
		size_t r = rows[i];
		struct plan_slot key = { 0 };
		struct plan_slot *hit;
		const char *st = store_get(s, ML_EXERCISE_LOG, r, LC_STATUS);
		long row;

		if (!ml_date_parse(store_get(s, ML_EXERCISE_LOG, r, LC_DATE),
		    &key.day) || key.day < from || key.day > to ||
		    !ml_hhmm_parse(store_get(s, ML_EXERCISE_LOG, r, LC_SLOT),
		    &key.minutes))
			continue;
		if (strcmp(st, "done") != 0 && strcmp(st, "partial") != 0 &&
		    strcmp(st, "skipped") != 0)
			continue;
		row = plan_find(s, store_get(s, ML_EXERCISE_LOG, r,
		    LC_EXERCISE_ID));
		if (row < 0)
			continue;
		key.exercise_row = (size_t)row;
		hit = n > 0 ? bsearch(&key, v, n, sizeof *v, cmp_slot) : NULL;
		if (hit != NULL && (hit->log_row < 0 || (long)r < hit->log_row))
			hit->log_row = (long)r;
	}
}

void
plan_adherence(const struct ml_store *s, const struct ml_config *cfg,
    const char *exercise_id, ml_day from, ml_day to, time_t now,
    struct plan_adherence *out)
{
	struct plan_slot *v = NULL;
	size_t n = 0, cap = 0;
	struct plan_rows pr;

	memset(out, 0, sizeof *out);
	rows_parse(s, &pr, from);	/* each schedule once, not per day */
	collect_days(&pr, from, to, &v, &n, &cap);
	settle_slots(s, v, n, from, to);
	for (size_t i = 0; i < n; i++) {
		if (exercise_id != NULL &&
		    strcmp(plan_slot_id(s, &v[i]), exercise_id) != 0)
			continue;
		set_status(s, cfg, &pr, &v[i], now);
		/* Paused slots are neither due nor missed. */
		if (v[i].status == PLAN_LATER || v[i].status == PLAN_PAUSED)
			continue;
		out->due++;
		out->done += v[i].status == PLAN_DONE;
		out->partial += v[i].status == PLAN_PARTIAL;
		out->skipped += v[i].status == PLAN_SKIPPED;
	}
	out->pct = out->due > 0 ?
	    100.0 * (out->done + 0.5 * out->partial) / out->due : NAN;
	rows_free(&pr);
	free(v);
}

void
plan_adherence_rows(const struct ml_store *s, const struct ml_config *cfg,
    ml_day from, ml_day to, time_t now, struct plan_adherence *out)
{
	struct plan_slot *v = NULL;
	size_t n = 0, cap = 0;
	struct plan_rows pr;

	/* plan_adherence() with the counts kept per exercise row, in one
	 * pass over the slots and the log instead of one per exercise. */
	rows_parse(s, &pr, from);
	memset(out, 0, pr.n * sizeof *out);
	collect_days(&pr, from, to, &v, &n, &cap);
	settle_slots(s, v, n, from, to);
	for (size_t i = 0; i < n; i++) {
		struct plan_adherence *o;

		/* A slot of an exercise no longer in the plan has no row. */
		if (v[i].exercise_row >= pr.n)
			continue;
		o = &out[v[i].exercise_row];
		set_status(s, cfg, &pr, &v[i], now);
		if (v[i].status == PLAN_LATER || v[i].status == PLAN_PAUSED)
			continue;
		o->due++;
		o->done += v[i].status == PLAN_DONE;
		o->partial += v[i].status == PLAN_PARTIAL;
		o->skipped += v[i].status == PLAN_SKIPPED;
	}
	for (size_t r = 0; r < pr.n; r++)
		out[r].pct = out[r].due > 0 ? 100.0 * (out[r].done +
		    0.5 * out[r].partial) / out[r].due : NAN;
	rows_free(&pr);
	free(v);
}

void
plan_adherence_last(const struct ml_store *s, const struct ml_config *cfg,
    const char *exercise_id, int days, time_t now, struct plan_adherence *out)
{
	ml_day today = ml_day_of(now);

	plan_adherence(s, cfg, exercise_id, today - days + 1, today, now, out);
}

long
plan_find(const struct ml_store *s, const char *id)
{
	const char *key[1] = { id };

	return store_find(s, ML_EXERCISES, key);
}

int
plan_default_slot(const struct ml_store *s, const struct ml_config *cfg,
    const char *id, ml_day day, time_t now, int *minutes,
    struct ml_error *err)
{
	struct plan_slot *v;
	size_t n;
	long row = plan_find(s, id), best = -1;
	int found = 0;

	if (row < 0) {
		ml_error_set(err, NULL, 0, NULL, "no exercise '%s' in the plan "
		    "(see mendlog plan list)", id);
		return -1;
	}
	n = plan_slots(s, cfg, day, now, &v);
	for (size_t i = 0; i < n; i++) {
		if (v[i].exercise_row != (size_t)row)
			continue;
		found++;
		if (plan_status_settled(v[i].status))
			continue;
		/* Slots are in time order: the last one that has come wins;
		 * failing that, the first one still to come. */
		if (v[i].status != PLAN_LATER || best < 0)
			best = (long)i;
	}
	if (best >= 0)
		*minutes = v[best].minutes;
	free(v);
	if (best >= 0)
		return 0;
	if (found == 0)
		ml_error_set(err, NULL, 0, NULL, "'%s' has no slot on that day", id);
	else
		ml_error_set(err, NULL, 0, NULL, "every slot of '%s' on that day "
		    "is already logged; use --slot HH:MM to change one", id);
	return -1;
}

struct log_ctx {
	const struct plan_log *log;
	const char *key[3];
	char logged_at[ML_TIMESTAMP_LEN];
	char sets[24], pain[16];
};

static int
apply_log(struct ml_tx *tx, void *vctx, struct ml_error *err)
{
	struct log_ctx *c = vctx;
	long row = tx_find(tx, c->key);

	(void)err;
	if (row < 0)
		row = (long)tx_add_row(tx, c->key);
	tx_set(tx, (size_t)row, LC_STATUS, c->log->status);
	tx_set(tx, (size_t)row, LC_LOGGED_AT, c->logged_at);
	/* A new log of the slot replaces the old one whole. */
	tx_set(tx, (size_t)row, LC_SETS_DONE, c->sets);
	tx_set(tx, (size_t)row, LC_PAIN_DURING, c->pain);
	tx_set(tx, (size_t)row, LC_NOTE, c->log->note ? c->log->note : "");
	return 0;
}

int
plan_log_write(struct ml_store *s, const struct plan_log *log,
    struct ml_error *err)
{
	struct log_ctx c;
	char date[ML_DATE_LEN], slot[8];

	memset(&c, 0, sizeof c);
	c.log = log;
	ml_date_format(log->day, date);
	if (log->minutes < 0 || log->minutes >= 1440) {
		ml_error_set(err, NULL, 0, "slot", "not a time of day");
		return -1;
	}
	snprintf(slot, sizeof slot, "%02d:%02d", log->minutes / 60,
	    log->minutes % 60);
	c.key[0] = date;
	c.key[1] = slot;
	c.key[2] = log->exercise_id;
	if (log->sets_done >= 0)
		snprintf(c.sets, sizeof c.sets, "%ld", log->sets_done);
	if (log->pain_during >= 0)
		snprintf(c.pain, sizeof c.pain, "%d", log->pain_during);
	if (*log->exercise_id == '\0' || *log->status == '\0') {
		ml_error_set(err, NULL, 0, *log->status ? "exercise_id" : "status",
		    "empty, but required");
		return -1;
	}
	if (store_check_value(ML_EXERCISE_LOG, "exercise_id", log->exercise_id,
	    err) != 0 ||
	    store_check_value(ML_EXERCISE_LOG, "status", log->status, err) != 0 ||
	    store_check_value(ML_EXERCISE_LOG, "sets_done", c.sets, err) != 0 ||
	    store_check_value(ML_EXERCISE_LOG, "pain_during", c.pain, err) != 0 ||
	    store_check_value(ML_EXERCISE_LOG, "note", log->note ? log->note : "",
	    err) != 0)
		return -1;
	ml_timestamp_format(ml_now(), c.logged_at);
	return store_transact(s, ML_EXERCISE_LOG, apply_log, &c, err);
}

void
plan_dose(const struct ml_store *s, size_t row, char *buf, size_t size)
{
	const char *sets = store_get(s, ML_EXERCISES, row, XC_SETS);
	const char *reps = store_get(s, ML_EXERCISES, row, XC_REPS);
	const char *hold = store_get(s, ML_EXERCISES, row, XC_HOLD_S);
	size_t len;

	buf[0] = '\0';
	if (*sets && *reps)
		snprintf(buf, size, "%s x %s", sets, reps);
	else if (*sets)
		snprintf(buf, size, "%s sets", sets);
	else if (*reps)
		snprintf(buf, size, "%s reps", reps);
	len = strlen(buf);
	if (*hold && len < size)
		snprintf(buf + len, size - len, "%shold %s s", len ? ", " : "", hold);
}
