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
	out->last_date = view_get(v, row, AC_LAST_DATE);
	/* An older file has no last_date: the episode is its one day. */
	if (!ml_date_parse(out->last_date, &out->last_day) ||
	    (out->day_ok && out->last_day < out->day))
		out->last_day = out->day;
	if (*out->last_date == '\0')
		out->last_date = out->date;
	out->status = view_get(v, row, AC_STATUS);
	out->open = *out->acknowledged_at == '\0' && out->tier < ML_TIER_WATCH &&
	    strcmp(out->status, "error") != 0;
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

/*
 * Episodes.  A rule that keeps firing is one row whose last_date moves on;
 * the decisions are made on an array of episodes built from a view of
 * alerts.csv, so the same function plans on the loaded copy (to know what
 * to show if the write fails) and again under the lock (to write).
 */
enum ep_status { EP_NONE, EP_SEEN, EP_ERROR };

struct ep {
	const char *rule;
	enum ml_tier tier;
	ml_day first, last;
	bool acked;
	ml_day ack_day;		/* the day it was acknowledged */
	ml_day raised_day;	/* the day it was raised (0: unknown) */
	enum ep_status status;
	long row;		/* in the view; -1 for an episode planned now */
	/* What the plan does to it. */
	bool extended, renotify, to_error, reopen;
	const struct ml_alert *a;	/* the alert that opens a new one */
};

struct eps {
	struct ep *v;
	size_t n;
};

static enum ep_status
status_parse(const char *s)
{
	if (strcmp(s, "seen") == 0)
		return EP_SEEN;
	if (strcmp(s, "error") == 0)
		return EP_ERROR;
	return EP_NONE;
}

static void
eps_load(const struct view *v, struct eps *e)
{
	size_t n = view_nrows(v);

	e->v = xcalloc(n + 1, sizeof *e->v);
	e->n = 0;
	for (size_t r = 0; r < n; r++) {
		struct alert_row row;
		struct ep *p = &e->v[e->n];
		time_t t;

		view_row(v, r, &row);
		if (!row.day_ok || row.tier == ML_NTIERS)
			continue;
		memset(p, 0, sizeof *p);
		p->rule = row.rule;
		p->tier = row.tier;
		p->first = row.day;
		p->last = row.last_day;
		p->acked = *row.acknowledged_at != '\0';
		p->ack_day = p->acked && ml_timestamp_parse(row.acknowledged_at,
		    &t) ? ml_day_of(t) : p->last;
		p->raised_day = row.raised != 0 ? ml_day_of(row.raised) : 0;
		p->status = status_parse(row.status);
		p->row = (long)r;
		e->n++;
	}
}

static struct ep *
eps_add(struct eps *e, const struct ml_alert *a)
{
	struct ep *p;

	e->v = xreallocarray(e->v, e->n + 1, sizeof *e->v);
	p = &e->v[e->n++];
	memset(p, 0, sizeof *p);
	p->rule = a->rule;
	p->tier = a->tier;
	p->first = p->last = a->day;
	p->row = -1;
	p->a = a;
	return p;
}

/* Days after an acknowledgement before a sign that persists is raised
 * again; 0: never (watch is logged only). */
static int
renotify_days(const struct ml_config *cfg, enum ml_tier tier)
{
	switch (tier) {
	case ML_TIER_EMERGENCY:
		return 1;
	case ML_TIER_URGENT:
		return cfg->renotify_urgent_days;
	case ML_TIER_CONTACT:
		return cfg->renotify_contact_days;
	default:
		return 0;
	}
}

/* A week without any entry ends an episode whatever the gap count says:
 * a sign back after so long is news. */
#define EPISODE_MAX_SILENT_DAYS 7

/* Has the sign stopped between @last and @day: enough entered days
 * without it in between (the rules ran on them and it did not fire)? */
static bool
episode_ended(const struct ml_store *s, const struct ml_config *cfg,
    ml_day last, ml_day day)
{
	int without = 0;

	if (day - last > EPISODE_MAX_SILENT_DAYS)
		return true;
	for (ml_day d = last + 1; d < day; d++)
		if (diary_find(s, d) >= 0)
			without++;
	return without >= cfg->episode_gap_days;
}

/*
 * Plan one fired alert @a against the episodes: nothing, extend the one it
 * continues, or open a new one (a first, a tier that rises, a sign back
 * after it stopped, a reminder after an acknowledgement).  Returns true
 * when it opens a new one.
 */
static bool
plan_one(const struct ml_store *s, const struct ml_config *cfg,
    struct eps *e, const struct ml_alert *a)
{
	struct ep *best = NULL, *p;
	bool wide = a->scope_from != a->day || a->scope_to != a->day;

	for (size_t i = 0; i < e->n; i++) {
		p = &e->v[i];
		if (p->status == EP_ERROR)
			continue;
		/* fever under a fever_back_pain episode that covers the day */
		if (a->covered_by != NULL && strcmp(p->rule, a->covered_by) == 0 &&
		    p->first <= a->day && a->day <= p->last)
			return false;
	}
	for (size_t i = 0; i < e->n; i++) {
		p = &e->v[i];
		if (p->status == EP_ERROR || strcmp(p->rule, a->rule) != 0)
			continue;
		/* "Once per procedure": one record in the scope is enough. */
		if (wide) {
			if (p->first >= a->scope_from && p->first <= a->scope_to &&
			    p->tier <= a->tier) {
				if (a->day > p->last) {
					p->last = a->day;
					p->extended = true;
				}
				return false;
			}
			continue;
		}
		/* Already recorded for this day at this tier or above. */
		if (p->first <= a->day && a->day <= p->last && p->tier <= a->tier)
			return false;
		if (p->first <= a->day && (best == NULL || p->last > best->last ||
		    (p->last == best->last && p->first > best->first)))
			best = p;
	}
	if (wide || best == NULL || a->tier < best->tier ||
	    episode_ended(s, cfg, best->last, a->day))
		goto open;
	if (a->day <= best->last)
		return false;
	/* It persists.  An acknowledged sign reminds again after a while,
	 * unless the clinician knows (seen). */
	if (best->acked && best->status != EP_SEEN &&
	    renotify_days(cfg, best->tier) > 0 &&
	    a->day >= best->ack_day + renotify_days(cfg, best->tier)) {
		p = eps_add(e, a);
		p->renotify = true;
		return true;
	}
	best->last = a->day;
	best->extended = true;
	return false;
open:
	/* The same key as a row entered in error: that row was right
	 * after all. */
	for (size_t i = 0; i < e->n; i++) {
		p = &e->v[i];
		if (p->status == EP_ERROR && p->row >= 0 && p->first == a->day &&
		    p->tier == a->tier && strcmp(p->rule, a->rule) == 0) {
			p->status = EP_NONE;
			p->reopen = true;
			return true;
		}
	}
	(void)eps_add(e, a);
	return true;
}

/* Does @by firing on the day make @rule redundant (fever under
 * fever_back_pain, see rules.c)?  Then @rule did not go away: it grew. */
static bool
superseded(const char *rule, const char *by)
{
	return strcmp(rule, "fever") == 0 && strcmp(by, "fever_back_pain") == 0;
}

/*
 * An episode raised today on @edited, one day long, whose rule no longer
 * fires on that day: the sign was answered yes by mistake and undone.
 */
static void
plan_errors(struct eps *e, const struct alerts_raised *fired, ml_day edited)
{
	ml_day today = ml_today();

	for (size_t i = 0; i < e->n; i++) {
		struct ep *p = &e->v[i];
		bool fires = false;

		if (p->row < 0 || p->status != EP_NONE || p->first != edited ||
		    p->last != edited || p->raised_day != today)
			continue;
		for (size_t j = 0; j < fired->n && !fires; j++)
			fires = fired->v[j].day == edited &&
			    (strcmp(fired->v[j].rule, p->rule) == 0 ||
			    superseded(p->rule, fired->v[j].rule));
		if (!fires) {
			p->status = EP_ERROR;
			p->to_error = true;
		}
	}
}

/* Plan every fired alert (oldest day first); the new episodes' alerts go
 * to @opened (may be NULL).  Returns whether anything changes. */
static bool
plan_all(const struct ml_store *s, const struct ml_config *cfg,
    struct eps *e, const struct alerts_raised *fired, ml_day edited,
    struct alerts_raised *opened)
{
	bool change = false;

	for (size_t i = 0; i < fired->n; i++)
		if (plan_one(s, cfg, e, &fired->v[i])) {
			change = true;
			if (opened != NULL)
				raised_add(opened, &fired->v[i]);
		}
	if (edited != ML_NO_DAY)
		plan_errors(e, fired, edited);
	for (size_t i = 0; i < e->n; i++)
		change |= e->v[i].extended || e->v[i].to_error;
	return change;
}

/* The first words of a reminder, by tier: what to do if nothing was done. */
static const char *
still_present(enum ml_tier tier)
{
	switch (tier) {
	case ML_TIER_EMERGENCY:
		return "Still present: if you have not been seen, call your "
		    "local emergency number now.";
	case ML_TIER_URGENT:
		return "Still present: if you have not spoken to your clinician "
		    "or out-of-hours service about it, do so today.";
	default:
		return "Still present: if you have not told your clinician or "
		    "physiotherapist, tell them soon.";
	}
}

struct record_ctx {
	const struct ml_store *s;	/* the entries, for gaps */
	const struct ml_config *cfg;
	const struct alerts_raised *fired;
	ml_day edited;
	struct alerts_raised added;
	char stamp[ML_TIMESTAMP_LEN];
};

static int
apply_record(struct ml_tx *tx, void *ctx, struct ml_error *err)
{
	struct record_ctx *rc = ctx;
	struct view v = { NULL, tx };
	struct eps e;
	bool change;

	(void)err;
	/* An older file gains both columns at its first write, whole. */
	(void)tx_column(tx, AC_LAST_DATE);
	(void)tx_column(tx, AC_STATUS);
	eps_load(&v, &e);
	change = plan_all(rc->s, rc->cfg, &e, rc->fired, rc->edited,
	    &rc->added);
	/* The file's rows come first in e.v and are changed before any row
	 * is inserted (tx_add_row keeps the key order, so it may move the
	 * rows after it): no row index goes stale. */
	for (size_t i = 0; i < e.n; i++) {
		struct ep *p = &e.v[i];
		char date[ML_DATE_LEN];

		if (p->row >= 0) {
			if (p->extended) {
				ml_date_format(p->last, date);
				tx_set(tx, (size_t)p->row, AC_LAST_DATE, date);
			}
			if (p->to_error)
				tx_set(tx, (size_t)p->row, AC_STATUS, "error");
			if (p->reopen) {
				tx_set(tx, (size_t)p->row, AC_STATUS, "");
				tx_set(tx, (size_t)p->row, AC_ACKNOWLEDGED_AT, "");
			}
			continue;
		}
		{
			const char *key[3] = { date, p->a->rule,
			    rules_tier_name(p->a->tier) };
			size_t row;

			ml_date_format(p->a->day, date);
			row = tx_add_row(tx, key);
			tx_set(tx, row, AC_RAISED_AT, rc->stamp);
			if (p->renotify) {
				char *msg = xasprintf("%s %s",
				    still_present(p->a->tier), p->a->message);

				tx_set(tx, row, AC_MESSAGE, msg);
				free(msg);
			} else {
				tx_set(tx, row, AC_MESSAGE, p->a->message);
			}
			tx_set(tx, row, AC_LAST_DATE, date);
		}
	}
	free(e.v);
	return change ? 0 : 1;
}

static int
cmp_day(const void *a, const void *b)
{
	const ml_day *x = a, *y = b;

	return *x < *y ? -1 : *x > *y;
}

int
alerts_check_edit(struct ml_store *s, const struct ml_config *cfg,
    ml_day from, ml_day to, ml_day edited, struct alerts_raised *out,
    struct ml_error *err)
{
	struct alerts_raised fired = { NULL, 0 }, pre = { NULL, 0 };
	struct record_ctx rc;
	struct view v = { s, NULL };
	struct ml_error lerr;
	struct eps e;
	ml_day *days;
	size_t ndays = 0, n;
	bool change;
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
	/* Oldest first: an episode grows day by day, and a "once per
	 * procedure" alert is dated on the first day it fired. */
	qsort(days, ndays, sizeof *days, cmp_day);
	for (size_t i = 0; i < ndays; i++) {
		struct ml_alert a[RULES_MAX];
		size_t k;

		if (i > 0 && days[i] == days[i - 1])
			continue;
		k = rules_eval(s, cfg, days[i], a);
		for (size_t j = 0; j < k; j++)
			raised_add(&fired, &a[j]);
	}
	free(days);
	if (edited != ML_NO_DAY && (edited < from || edited > to))
		edited = ML_NO_DAY;
	eps_load(&v, &e);
	change = plan_all(s, cfg, &e, &fired, edited, &pre);
	free(e.v);
	if (!change)
		goto done;
	memset(&rc, 0, sizeof rc);
	rc.s = s;
	rc.cfg = cfg;
	rc.fired = &fired;
	rc.edited = edited;
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
alerts_check_days(struct ml_store *s, const struct ml_config *cfg,
    ml_day from, ml_day to, struct alerts_raised *out, struct ml_error *err)
{
	return alerts_check_edit(s, cfg, from, to, ML_NO_DAY, out, err);
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
	enum alert_mark mark;
	bool emergencies;	/* with key NULL: emergencies too */
	char stamp[ML_TIMESTAMP_LEN];
	size_t count;
};

static const char *const mark_status[] = {
	[ALERT_READ] = "", [ALERT_SEEN] = "seen", [ALERT_ERROR] = "error",
};

static int
apply_ack(struct ml_tx *tx, void *ctx, struct ml_error *err)
{
	struct ack_ctx *ac = ctx;
	struct view v = { NULL, tx };
	size_t n = tx_nrows(tx);

	(void)tx_column(tx, AC_LAST_DATE);
	(void)tx_column(tx, AC_STATUS);

	for (size_t r = 0; r < n; r++) {
		struct alert_row row;

		view_row(&v, r, &row);
		if (ac->key != NULL) {
			char *key = alert_row_key(&row);
			bool same = strcmp(key, ac->key) == 0;

			free(key);
			if (!same)
				continue;
			/* Done already: the same answer again changes nothing;
			 * seen or error may follow a plain acknowledgement. */
			if (*row.acknowledged_at != '\0' &&
			    strcmp(row.status, mark_status[ac->mark]) == 0)
				continue;
		} else if (!row.open ||
		    (row.tier == ML_TIER_EMERGENCY && !ac->emergencies)) {
			continue;
		}
		if (*row.acknowledged_at == '\0')
			tx_set(tx, r, AC_ACKNOWLEDGED_AT, ac->stamp);
		if (strcmp(row.status, mark_status[ac->mark]) != 0)
			tx_set(tx, r, AC_STATUS, mark_status[ac->mark]);
		ac->count++;
	}
	(void)err;
	return ac->count > 0 ? 0 : 1;
}

int
alerts_mark(struct ml_store *s, size_t row, enum alert_mark mark,
    bool emergencies, size_t *count, struct ml_error *err)
{
	struct ack_ctx ac;
	int rc;

	memset(&ac, 0, sizeof ac);
	ac.mark = mark;
	ac.emergencies = emergencies;
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

int
alerts_acknowledge(struct ml_store *s, size_t row, size_t *count,
    struct ml_error *err)
{
	return alerts_mark(s, row, ALERT_READ, true, count, err);
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
		if ((*rows)[k].open)
			k++;
	}
	return k;
}

void
alerts_keys_take(const struct ml_store *s, struct alerts_keys *k)
{
	size_t n = store_nrows(s, ML_ALERTS);

	k->v = xcalloc(n + 1, sizeof *k->v);
	k->n = 0;
	for (size_t r = 0; r < n; r++) {
		struct alert_row a;

		alert_row_get(s, r, &a);
		/* Entered in error is as good as not there: the same alert
		 * reopened by a save is new again. */
		if (strcmp(a.status, "error") != 0)
			k->v[k->n++] = alert_row_key(&a);
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
		if (!a->day_ok || a->day < from || a->tier == ML_NTIERS ||
		    strcmp(a->status, "error") == 0)
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

/* The signs in plain words, for the login line (cmd-due.c) and the
 * dialog.  Issue 13 part A's rules are listed too, so their alerts read
 * well the day they land. */
static const struct {
	const char *rule, *label;
} rule_labels[] = {
	{ "leg_weakness", "new weakness in a leg or foot" },
	{ "bladder_bowel", "lost control of bladder or bowel, or cannot pass "
	    "urine" },
	{ "saddle_numbness", "numbness between the legs or around the bottom" },
	{ "fever", "a raised temperature" },
	{ "fever_back_pain", "a raised temperature with back pain or a site "
	    "problem" },
	{ "site_problem", "a wound or site that is red, hot, swollen or "
	    "leaking" },
	{ "severe_headache", "a severe headache" },
	{ "post_puncture_headache", "a headache after a puncture or epidural" },
	{ "injection_back_pain", "severe back pain after a puncture or "
	    "epidural" },
	{ "nerve_symptoms", "numbness or tingling that goes on" },
	{ "worsening_pain", "back pain rising over several days" },
	{ "severe_pain", "very high back pain on consecutive days" },
	{ "pain_beyond_window", "back pain lasting longer than expected" },
	{ "chronic_pain", "back pain on most days, months after the "
	    "procedure" },
	{ "chest_breathless", "chest pain or breathlessness" },
	{ "headache_neuro", "a headache with a change in vision, confusion or "
	    "drowsiness" },
	{ "fever_neck_stiffness", "a raised temperature with a stiff neck" },
	{ "both_legs", "pain, numbness or weakness in both legs" },
	{ "post_block_deficit", "numb or weak legs, or cannot walk, after an "
	    "epidural, spinal or puncture" },
	{ "back_pain_deficit", "severe back pain with numbness or weakness" },
	{ "calf_pain", "calf pain or swelling" },
	{ "pain_uncontrolled", "pain not eased by pain medicine" },
	{ "fall_after_surgery", "a fall after surgery" },
	{ "site_leaking", "a wound or site leaking fluid" },
	{ "no_bowel_movement", "days without a bowel movement after surgery" },
	{ "puncture_headache_persisting", "a headache after a puncture that "
	    "goes on" },
	{ "pain_jump", "back pain jumping up in a day" },
	{ "neck_stiffness", "a stiff neck" },
};

const char *
alerts_rule_label(const char *rule)
{
	for (size_t i = 0; i < ML_NELEM(rule_labels); i++)
		if (strcmp(rule_labels[i].rule, rule) == 0)
			return rule_labels[i].label;
	return rule;
}

const char *
alerts_tier_action(enum ml_tier tier)
{
	switch (tier) {
	case ML_TIER_EMERGENCY:
		return "call your local emergency number now";
	case ML_TIER_URGENT:
		return "contact your clinician or out-of-hours service today";
	case ML_TIER_CONTACT:
		return "tell your clinician or physiotherapist soon";
	default:
		return "keep an eye on it";
	}
}
