/*
 * alerts.c - record what the rules raise in alerts.csv, list and
 * acknowledge.  The decision "is this alert new?" is made twice: once on
 * the loaded copy (so a failed write still tells the caller what to show)
 * and again under the lock on the fresh file (so two mendlogs never
 * record the same alert).
 */
#include <stdlib.h>
#include <string.h>

#include "alerts.h"
#include "diary.h"

void
alerts_raised_free(struct alerts_raised *r)
{
	ML_FREE(&r->v);
	r->n = 0;
}

static void
raised_add(struct alerts_raised *r, const struct ml_alert *a)
{
	r->v = xreallocarray(r->v, r->n + 1, sizeof *r->v);
	r->v[r->n++] = *a;
}

/* A view of alerts.csv rows: the loaded store or a transaction. */
struct view {
	const struct ml_store *s;	/* when not NULL */
	const struct ml_tx *tx;
};

static size_t
view_nrows(const struct view *v)
{
	return v->s ? store_nrows(v->s, ML_ALERTS) : tx_nrows(v->tx);
}

static const char *
view_get(const struct view *v, size_t row, size_t col)
{
	return v->s ? store_get(v->s, ML_ALERTS, row, col) :
	    tx_get(v->tx, row, col);
}

/* The one reader of alerts.csv's columns, for the store and a
 * transaction alike. */
static void
view_row(const struct view *v, size_t row, struct alert_row *out)
{
	memset(out, 0, sizeof *out);
	out->row = row;
	out->raised_at = view_get(v, row, AC_RAISED_AT);
	if (!ml_timestamp_parse(out->raised_at, &out->raised))
		out->raised = 0;
	out->date = view_get(v, row, AC_DATE);
	out->day_ok = ml_date_parse(out->date, &out->day);
	out->rule = view_get(v, row, AC_RULE);
	out->severity = view_get(v, row, AC_SEVERITY);
	if (!rules_tier_parse(out->severity, &out->tier))
		out->tier = ML_NTIERS;
	out->message = view_get(v, row, AC_MESSAGE);
	out->acknowledged_at = view_get(v, row, AC_ACKNOWLEDGED_AT);
}

void
alert_row_get(const struct ml_store *s, size_t row, struct alert_row *out)
{
	struct view v = { s, NULL };

	view_row(&v, row, out);
}

char *
alert_row_key(const struct alert_row *a)
{
	/* A unit separator: no comma in a hand-edited rule can fake a key. */
	return xasprintf("%s\x1f%s\x1f%s", a->date, a->rule, a->severity);
}

/* Does a recorded alert (or one accepted earlier in this run) make @a
 * redundant? */
static bool
already_raised(const struct ml_alert *a, const char *rule, ml_day day,
    enum ml_tier tier)
{
	if (a->covered_by != NULL && strcmp(rule, a->covered_by) == 0 &&
	    day == a->day)
		return true;
	return strcmp(rule, a->rule) == 0 && day >= a->scope_from &&
	    day <= a->scope_to && tier <= a->tier;
}

static bool
is_new(const struct view *v, const struct alerts_raised *accepted,
    const struct ml_alert *a)
{
	size_t n = view_nrows(v);

	for (size_t r = 0; r < n; r++) {
		struct alert_row row;

		view_row(v, r, &row);
		if (!row.day_ok || row.tier == ML_NTIERS)
			continue;
		if (already_raised(a, row.rule, row.day, row.tier))
			return false;
	}
	for (size_t i = 0; i < accepted->n; i++)
		if (already_raised(a, accepted->v[i].rule, accepted->v[i].day,
		    accepted->v[i].tier))
			return false;
	return true;
}

struct record_ctx {
	const struct alerts_raised *fired;
	struct alerts_raised added;
	char stamp[ML_TIMESTAMP_LEN];
};

static int
apply_record(struct ml_tx *tx, void *ctx, struct ml_error *err)
{
	struct record_ctx *rc = ctx;
	struct view v = { NULL, tx };

	(void)err;
	for (size_t i = 0; i < rc->fired->n; i++) {
		const struct ml_alert *a = &rc->fired->v[i];
		char date[ML_DATE_LEN];
		const char *key[3] = { date, a->rule, rules_tier_name(a->tier) };
		size_t row;

		if (!is_new(&v, &rc->added, a))
			continue;
		ml_date_format(a->day, date);
		row = tx_add_row(tx, key);
		tx_set(tx, row, AC_RAISED_AT, rc->stamp);
		tx_set(tx, row, AC_MESSAGE, a->message);
		raised_add(&rc->added, a);
	}
	return rc->added.n > 0 ? 0 : 1;
}

static int
cmp_day(const void *a, const void *b)
{
	const ml_day *x = a, *y = b;

	return *x < *y ? -1 : *x > *y;
}

int
alerts_check_days(struct ml_store *s, const struct ml_config *cfg,
    ml_day from, ml_day to, struct alerts_raised *out, struct ml_error *err)
{
	struct alerts_raised fired = { NULL, 0 }, pre = { NULL, 0 };
	struct record_ctx rc;
	struct view v = { s, NULL };
	struct ml_error lerr;
	ml_day *days;
	size_t ndays = 0, n;
	int ret = 0;

	if (store_load(s, ML_ENTRIES, NULL, err) != 0 ||
	    store_load(s, ML_PROCEDURES, NULL, err) != 0)
		return -1;
	/* A broken alerts.csv still lets the rules run; recording will fail
	 * and say why. */
	(void)store_load(s, ML_ALERTS, NULL, &lerr);
	n = store_nrows(s, ML_ENTRIES);
	days = xcalloc(n + 1, sizeof *days);
	for (size_t r = 0; r < n; r++) {
		ml_day d;

		if (ml_date_parse(store_get(s, ML_ENTRIES, r, EC_DATE), &d) &&
		    d >= from && d <= to)
			days[ndays++] = d;
	}
	/* Oldest first, so a "once per procedure" alert is dated on the first
	 * day it fired. */
	qsort(days, ndays, sizeof *days, cmp_day);
	for (size_t i = 0; i < ndays; i++) {
		struct ml_alert a[RULES_MAX];
		size_t k;

		if (i > 0 && days[i] == days[i - 1])
			continue;
		k = rules_eval(s, cfg, days[i], a);
		for (size_t j = 0; j < k; j++) {
			raised_add(&fired, &a[j]);
			if (is_new(&v, &pre, &a[j]))
				raised_add(&pre, &a[j]);
		}
	}
	free(days);
	if (pre.n == 0)
		goto done;
	memset(&rc, 0, sizeof rc);
	rc.fired = &fired;
	ml_timestamp_format(ml_now(), rc.stamp);
	if (store_transact(s, ML_ALERTS, apply_record, &rc, err) != 0) {
		/* Not recorded: the caller still shows what fired. */
		for (size_t i = 0; out != NULL && i < pre.n; i++)
			raised_add(out, &pre.v[i]);
		alerts_raised_free(&rc.added);
		ret = -1;
		goto done;
	}
	for (size_t i = 0; out != NULL && i < rc.added.n; i++)
		raised_add(out, &rc.added.v[i]);
	alerts_raised_free(&rc.added);
done:
	alerts_raised_free(&fired);
	alerts_raised_free(&pre);
	return ret;
}

int
alerts_after_save(struct ml_store *s, const struct ml_config *cfg, ml_day day,
    struct alerts_raised *out, struct ml_error *err)
{
	ml_day today = ml_today();

	return alerts_check_days(s, cfg, day, day > today ? day : today, out, err);
}

int
alerts_startup(struct ml_store *s, const struct ml_config *cfg,
    struct alerts_raised *out, struct ml_error *err)
{
	ml_day today = ml_today();

	if (cfg->startup_days <= 0)
		return 0;
	return alerts_check_days(s, cfg, today - (cfg->startup_days - 1), today,
	    out, err);
}

static int
cmp_item(const void *a, const void *b)
{
	const struct alert_row *x = &((const struct alerts_item *)a)->a;
	const struct alert_row *y = &((const struct alerts_item *)b)->a;

	/* An unreadable time (0) sorts first rather than vanishing. */
	if (x->raised != y->raised)
		return x->raised < y->raised ? -1 : 1;
	/* Raised together: the most severe first. */
	if (x->tier != y->tier)
		return x->tier < y->tier ? -1 : 1;
	return x->row < y->row ? -1 : x->row > y->row;
}

size_t
alerts_list(const struct ml_store *s, struct alerts_item **items)
{
	size_t n = store_nrows(s, ML_ALERTS);

	*items = xcalloc(n + 1, sizeof **items);
	for (size_t r = 0; r < n; r++)
		alert_row_get(s, r, &(*items)[r].a);
	qsort(*items, n, sizeof **items, cmp_item);
	for (size_t i = 0; i < n; i++)
		(*items)[i].number = (unsigned)(i + 1);
	return n;
}

struct ack_ctx {
	char *key;		/* NULL: every open alert */
	char stamp[ML_TIMESTAMP_LEN];
	size_t count;
};

static int
apply_ack(struct ml_tx *tx, void *ctx, struct ml_error *err)
{
	struct ack_ctx *ac = ctx;
	struct view v = { NULL, tx };
	size_t n = tx_nrows(tx);

	for (size_t r = 0; r < n; r++) {
		struct alert_row row;

		view_row(&v, r, &row);
		if (*row.acknowledged_at != '\0')
			continue;
		if (ac->key != NULL) {
			char *key = alert_row_key(&row);
			bool same = strcmp(key, ac->key) == 0;

			free(key);
			if (!same)
				continue;
		}
		tx_set(tx, r, AC_ACKNOWLEDGED_AT, ac->stamp);
		ac->count++;
	}
	(void)err;
	return ac->count > 0 ? 0 : 1;
}

int
alerts_acknowledge(struct ml_store *s, size_t row, size_t *count,
    struct ml_error *err)
{
	struct ack_ctx ac;
	int rc;

	memset(&ac, 0, sizeof ac);
	if (row != ALERTS_ALL) {
		struct alert_row a;

		if (row >= store_nrows(s, ML_ALERTS)) {
			ml_error_set(err, store_path(s, ML_ALERTS), 0, NULL,
			    "no such alert");
			return -1;
		}
		/* The row may move under the lock; its key does not. */
		alert_row_get(s, row, &a);
		ac.key = alert_row_key(&a);
	}
	ml_timestamp_format(ml_now(), ac.stamp);
	rc = store_transact(s, ML_ALERTS, apply_ack, &ac, err);
	free(ac.key);
	if (count != NULL)
		*count = rc == 0 ? ac.count : 0;
	return rc;
}

long
alerts_find(const struct ml_store *s, const char *key)
{
	for (size_t r = 0; r < store_nrows(s, ML_ALERTS); r++) {
		struct alert_row a;
		char *k;
		bool same;

		alert_row_get(s, r, &a);
		k = alert_row_key(&a);
		same = strcmp(k, key) == 0;
		free(k);
		if (same)
			return (long)r;
	}
	return -1;
}

size_t
alerts_open(const struct ml_store *s, struct alert_row **rows)
{
	size_t n = store_nrows(s, ML_ALERTS), k = 0;

	*rows = xcalloc(n + 1, sizeof **rows);
	for (size_t r = 0; r < n; r++) {
		alert_row_get(s, r, &(*rows)[k]);
		if (*(*rows)[k].acknowledged_at == '\0')
			k++;
	}
	return k;
}

void
alerts_keys_take(const struct ml_store *s, struct alerts_keys *k)
{
	size_t n = store_nrows(s, ML_ALERTS);

	k->v = xcalloc(n + 1, sizeof *k->v);
	for (k->n = 0; k->n < n; k->n++) {
		struct alert_row a;

		alert_row_get(s, k->n, &a);
		k->v[k->n] = alert_row_key(&a);
	}
}

void
alerts_keys_free(struct alerts_keys *k)
{
	for (size_t i = 0; i < k->n; i++)
		free(k->v[i]);
	ML_FREE(&k->v);
	k->n = 0;
}

static int
cmp_key(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

size_t
alerts_new(const struct ml_store *s, const struct alerts_keys *before,
    ml_day from, struct alert_row **rows)
{
	size_t n = store_nrows(s, ML_ALERTS), k = 0;
	char **sorted = xcalloc(before->n + 1, sizeof *sorted);

	/* Sorted once: a long alerts.csv costs n log n, not n squared. */
	memcpy(sorted, before->v, before->n * sizeof *sorted);
	qsort(sorted, before->n, sizeof *sorted, cmp_key);
	*rows = xcalloc(n + 1, sizeof **rows);
	for (size_t r = 0; r < n; r++) {
		struct alert_row *a = &(*rows)[k];
		char *key;
		bool seen;

		alert_row_get(s, r, a);
		if (!a->day_ok || a->day < from || a->tier == ML_NTIERS)
			continue;
		key = alert_row_key(a);
		seen = bsearch(&key, sorted, before->n, sizeof *sorted,
		    cmp_key) != NULL;
		free(key);
		if (!seen)
			k++;
	}
	free(sorted);
	/* Most severe first, file order within a tier (a stable sort). */
	for (size_t i = 1; i < k; i++)
		for (size_t j = i; j > 0 && (*rows)[j - 1].tier > (*rows)[j].tier;
		    j--) {
			struct alert_row t = (*rows)[j];

			(*rows)[j] = (*rows)[j - 1];
			(*rows)[j - 1] = t;
		}
	return k;
}
