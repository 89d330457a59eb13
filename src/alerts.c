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
		enum ml_tier tier;
		ml_day day;

		if (!ml_date_parse(view_get(v, r, AC_DATE), &day) ||
		    !rules_tier_parse(view_get(v, r, AC_SEVERITY), &tier))
			continue;
		if (already_raised(a, view_get(v, r, AC_RULE), day, tier))
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

struct sort_item {
	time_t t;
	enum ml_tier tier;
	size_t row;
};

static int
cmp_item(const void *a, const void *b)
{
	const struct sort_item *x = a, *y = b;

	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	/* Raised together: the most severe first. */
	if (x->tier != y->tier)
		return x->tier < y->tier ? -1 : 1;
	return x->row < y->row ? -1 : x->row > y->row;
}

size_t
alerts_list(const struct ml_store *s, struct alerts_item **items)
{
	size_t n = store_nrows(s, ML_ALERTS);
	struct sort_item *si = xcalloc(n + 1, sizeof *si);

	for (size_t r = 0; r < n; r++) {
		si[r].row = r;
		if (!rules_tier_parse(store_get(s, ML_ALERTS, r, AC_SEVERITY),
		    &si[r].tier))
			si[r].tier = ML_NTIERS;
		/* An unreadable time sorts first rather than vanishing. */
		if (!ml_timestamp_parse(store_get(s, ML_ALERTS, r, AC_RAISED_AT),
		    &si[r].t))
			si[r].t = 0;
	}
	qsort(si, n, sizeof *si, cmp_item);
	*items = xcalloc(n + 1, sizeof **items);
	for (size_t i = 0; i < n; i++) {
		struct alerts_item *it = &(*items)[i];

		it->row = si[i].row;
		it->number = (unsigned)(i + 1);
		it->tier = si[i].tier;
		it->acknowledged = *store_get(s, ML_ALERTS, it->row,
		    AC_ACKNOWLEDGED_AT) != '\0';
	}
	free(si);
	return n;
}

struct ack_ctx {
	bool all;
	char *key[3];
	char stamp[ML_TIMESTAMP_LEN];
	size_t count;
};

static int
apply_ack(struct ml_tx *tx, void *ctx, struct ml_error *err)
{
	struct ack_ctx *ac = ctx;
	size_t n = tx_nrows(tx);

	for (size_t r = 0; r < n; r++) {
		if (*tx_get(tx, r, AC_ACKNOWLEDGED_AT) != '\0')
			continue;
		if (!ac->all && (strcmp(tx_get(tx, r, AC_DATE), ac->key[0]) != 0 ||
		    strcmp(tx_get(tx, r, AC_RULE), ac->key[1]) != 0 ||
		    strcmp(tx_get(tx, r, AC_SEVERITY), ac->key[2]) != 0))
			continue;
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
	ac.all = row == ALERTS_ALL;
	if (!ac.all) {
		if (row >= store_nrows(s, ML_ALERTS)) {
			ml_error_set(err, store_path(s, ML_ALERTS), 0, NULL,
			    "no such alert");
			return -1;
		}
		/* The row may move under the lock; its key does not. */
		ac.key[0] = xstrdup(store_get(s, ML_ALERTS, row, AC_DATE));
		ac.key[1] = xstrdup(store_get(s, ML_ALERTS, row, AC_RULE));
		ac.key[2] = xstrdup(store_get(s, ML_ALERTS, row, AC_SEVERITY));
	}
	ml_timestamp_format(ml_now(), ac.stamp);
	rc = store_transact(s, ML_ALERTS, apply_ack, &ac, err);
	for (int i = 0; i < 3; i++)
		free(ac.key[i]);
	if (count != NULL)
		*count = rc == 0 ? ac.count : 0;
	return rc;
}

static char *
key_of(const struct ml_store *s, size_t row)
{
	return xasprintf("%s,%s,%s", store_get(s, ML_ALERTS, row, AC_DATE),
	    store_get(s, ML_ALERTS, row, AC_RULE),
	    store_get(s, ML_ALERTS, row, AC_SEVERITY));
}

void
alerts_keys_take(const struct ml_store *s, struct alerts_keys *k)
{
	size_t n = store_nrows(s, ML_ALERTS);

	k->v = xcalloc(n + 1, sizeof *k->v);
	for (k->n = 0; k->n < n; k->n++)
		k->v[k->n] = key_of(s, k->n);
}

void
alerts_keys_free(struct alerts_keys *k)
{
	for (size_t i = 0; i < k->n; i++)
		free(k->v[i]);
	ML_FREE(&k->v);
	k->n = 0;
}

void
alerts_new_since(const struct ml_store *s, const struct alerts_keys *before,
    ml_day from, struct alerts_raised *out)
{
	size_t first = out->n;

	for (size_t r = 0; r < store_nrows(s, ML_ALERTS); r++) {
		struct ml_alert a;
		char *key;
		bool seen = false;

		memset(&a, 0, sizeof a);
		if (!ml_date_parse(store_get(s, ML_ALERTS, r, AC_DATE), &a.day) ||
		    a.day < from ||
		    !rules_tier_parse(store_get(s, ML_ALERTS, r, AC_SEVERITY),
		    &a.tier))
			continue;
		key = key_of(s, r);
		for (size_t i = 0; i < before->n && !seen; i++)
			seen = strcmp(before->v[i], key) == 0;
		free(key);
		if (seen)
			continue;
		a.rule = store_get(s, ML_ALERTS, r, AC_RULE);
		a.message = store_get(s, ML_ALERTS, r, AC_MESSAGE);
		a.scope_from = a.scope_to = a.day;
		raised_add(out, &a);
	}
	/* Most severe first, file order within a tier (a stable sort). */
	for (size_t i = first + 1; i < out->n; i++)
		for (size_t j = i; j > first && out->v[j - 1].tier > out->v[j].tier;
		    j--) {
			struct ml_alert t = out->v[j];

			out->v[j] = out->v[j - 1];
			out->v[j - 1] = t;
		}
}
