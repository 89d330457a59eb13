/*
 * plan-history.c - changes to the plan that never rewrite the past, and
 * whole-plan pauses.
 *
 * Every writer of exercises.csv (plan import, the plan form) goes through
 * plan_transact(): it snapshots the schedule columns of every exercise
 * inside the exercises.csv transaction, runs the caller's change, and,
 * once that is saved, records in plan_history.csv the schedule each
 * changed exercise had up to the day before the change.  plan.c reads
 * that file to judge each past day by the plan of that day.
 *
 * The two files are two transactions (the store locks one file at a
 * time).  Should mendlog die between them, the change stands and the
 * days before it are judged by the new plan, as before history was kept;
 * no data is lost, and the logs still appear in every export.
 */
#include <stdlib.h>
#include <string.h>

#include "plan.h"

/* The schedule columns of exercises.csv and their history columns. */
static const size_t sched_xc[] = { XC_DAYS, XC_TIMES, XC_START_DATE,
	XC_END_DATE, XC_ACTIVE };
static const size_t sched_hc[] = { HC_DAYS, HC_TIMES, HC_START_DATE,
	HC_END_DATE, HC_ACTIVE };
#define NSCHED (sizeof sched_xc / sizeof sched_xc[0])

/* One exercise's id and schedule cells, copied. */
struct sched_copy {
	char *id;
	char *cells[NSCHED];
};

struct snapshot {
	struct sched_copy *v;
	size_t n;
};

static void
snapshot_take(struct ml_tx *tx, struct snapshot *sn)
{
	size_t n = tx_nrows(tx);

	sn->v = xcalloc(n ? n : 1, sizeof *sn->v);
	sn->n = 0;
	for (size_t r = 0; r < n; r++) {
		struct sched_copy *c = &sn->v[sn->n++];

		c->id = xstrdup(tx_get(tx, r, XC_ID));
		for (size_t i = 0; i < NSCHED; i++)
			c->cells[i] = xstrdup(tx_get(tx, r, sched_xc[i]));
	}
}

static void
snapshot_free(struct snapshot *sn)
{
	for (size_t r = 0; r < sn->n; r++) {
		free(sn->v[r].id);
		for (size_t i = 0; i < NSCHED; i++)
			free(sn->v[r].cells[i]);
	}
	free(sn->v);
	memset(sn, 0, sizeof *sn);
}

static const struct sched_copy *
snapshot_find(const struct snapshot *sn, const char *id)
{
	for (size_t r = 0; r < sn->n; r++)
		if (strcmp(sn->v[r].id, id) == 0)
			return &sn->v[r];
	return NULL;
}

/* What one plan_transact records: the versions to keep. */
struct history_ctx {
	ml_tx_apply apply;	/* the caller's change */
	void *ctx;
	struct snapshot before;
	struct snapshot changed;	/* the versions replaced; "" cells
					 * with active "no" for new ones */
	char until[ML_DATE_LEN];	/* effective - 1 */
	ml_day last;			/* effective - 1 */
	char changed_at[ML_TIMESTAMP_LEN];
};

static bool
same_schedule(const struct sched_copy *a, struct ml_tx *tx, size_t row)
{
	for (size_t i = 0; i < NSCHED; i++)
		if (strcmp(a->cells[i], tx_get(tx, row, sched_xc[i])) != 0)
			return false;
	return true;
}

static int
apply_tracked(struct ml_tx *tx, void *vctx, struct ml_error *err)
{
	struct history_ctx *h = vctx;
	size_t n;
	int rc;

	snapshot_free(&h->before);
	snapshot_free(&h->changed);
	snapshot_take(tx, &h->before);
	if ((rc = h->apply(tx, h->ctx, err)) != 0)
		return rc;
	n = tx_nrows(tx);
	h->changed.v = xcalloc(n ? n : 1, sizeof *h->changed.v);
	for (size_t r = 0; r < n; r++) {
		const char *id = tx_get(tx, r, XC_ID);
		const struct sched_copy *old = snapshot_find(&h->before, id);
		struct sched_copy *c;

		if (*id == '\0' || (old != NULL && same_schedule(old, tx, r)))
			continue;
		c = &h->changed.v[h->changed.n++];
		c->id = xstrdup(id);
		for (size_t i = 0; i < NSCHED; i++)
			c->cells[i] = xstrdup(old != NULL ? old->cells[i] :
			    sched_xc[i] == XC_ACTIVE ? "no" : "");
	}
	return 0;
}

/* The history rows of @id, by `until`: the row whose until is the first
 * on or after @day, or -1. */
static long
covering(struct ml_tx *tx, const char *id, ml_day day)
{
	long best = -1;
	ml_day best_until = 0;

	for (size_t r = 0; r < tx_nrows(tx); r++) {
		ml_day u;

		if (strcmp(tx_get(tx, r, HC_ID), id) != 0 ||
		    !ml_date_parse(tx_get(tx, r, HC_UNTIL), &u) || u < day)
			continue;
		if (best < 0 || u < best_until) {
			best = (long)r;
			best_until = u;
		}
	}
	return best;
}

/* Remove the rows marked in @drop (tx_nrows + 1 entries), keeping the
 * others in order. */
static void
drop_marked(struct ml_tx *tx, const bool *drop)
{
	size_t n = tx_nrows(tx), kept = 0;
	char *(*copy)[HC_NCOLS] = xcalloc(n ? n : 1, sizeof *copy);

	for (size_t r = 0; r < n; r++) {
		if (drop[r])
			continue;
		for (size_t c = 0; c < HC_NCOLS; c++)
			copy[kept][c] = xstrdup(tx_get(tx, r, c));
		kept++;
	}
	tx_clear_rows(tx);
	for (size_t r = 0; r < kept; r++) {
		const char *key[2] = { copy[r][HC_ID], copy[r][HC_UNTIL] };
		size_t row = tx_add_row(tx, key);

		for (size_t c = 0; c < HC_NCOLS; c++) {
			if (c != HC_ID && c != HC_UNTIL)
				tx_set(tx, row, c, copy[r][c]);
			free(copy[r][c]);
		}
	}
	free(copy);
}

static int
apply_history(struct ml_tx *tx, void *vctx, struct ml_error *err)
{
	struct history_ctx *h = vctx;

	(void)err;
	for (size_t i = 0; i < h->changed.n; i++) {
		const struct sched_copy *c = &h->changed.v[i];
		long cover = covering(tx, c->id, h->last);
		size_t n = tx_nrows(tx);
		bool *drop;
		size_t row;

		if (cover >= 0) {
			/* The day before the change already has its version
			 * (a second change the same day, or a change dated
			 * back): it now ends there, and versions of later days
			 * give way to this change. */
			drop = xcalloc(n + 1, sizeof *drop);
			for (size_t r = 0; r < n; r++) {
				ml_day u;

				drop[r] = (long)r != cover &&
				    strcmp(tx_get(tx, r, HC_ID), c->id) == 0 &&
				    ml_date_parse(tx_get(tx, r, HC_UNTIL), &u) &&
				    u > h->last;
			}
			tx_set(tx, (size_t)cover, HC_UNTIL, h->until);
			drop_marked(tx, drop);
			free(drop);
			continue;
		}
		row = tx_add_row(tx, (const char *const[]){ c->id, h->until });
		for (size_t k = 0; k < NSCHED; k++)
			tx_set(tx, row, sched_hc[k], c->cells[k]);
		tx_set(tx, row, HC_CHANGED_AT, h->changed_at);
	}
	return 0;
}

int
plan_transact(struct ml_store *s, ml_day effective, ml_tx_apply apply,
    void *ctx, struct ml_error *err)
{
	struct history_ctx h;
	int rc;

	memset(&h, 0, sizeof h);
	h.apply = apply;
	h.ctx = ctx;
	h.last = effective - 1;
	ml_date_format(h.last, h.until);
	ml_timestamp_format(ml_now(), h.changed_at);
	rc = store_transact(s, ML_EXERCISES, apply_tracked, &h, err);
	if (rc == 0 && h.changed.n > 0)
		rc = store_transact(s, ML_PLAN_HISTORY, apply_history, &h, err);
	snapshot_free(&h.before);
	snapshot_free(&h.changed);
	return rc;
}

struct upsert {
	const char *const *key;
	const struct ml_set *sets;
	size_t nsets;
};

static int
apply_upsert(struct ml_tx *tx, void *vctx, struct ml_error *err)
{
	struct upsert *u = vctx;
	const struct ml_schema *sc = ml_schema(ML_EXERCISES);
	long row = tx_find(tx, u->key);

	(void)err;
	if (row < 0)
		row = (long)tx_add_row(tx, u->key);
	for (size_t i = 0; i < u->nsets; i++)
		tx_set(tx, (size_t)row,
		    (size_t)ml_schema_col(sc, u->sets[i].column),
		    u->sets[i].value);
	return 0;
}

int
plan_upsert(struct ml_store *s, ml_day effective, const char *const *key,
    const struct ml_set *sets, size_t nsets, struct ml_error *err)
{
	struct upsert u = { key, sets, nsets };

	if (store_check_value(ML_EXERCISES, "id", key[0], err) != 0)
		return -1;
	for (size_t i = 0; i < nsets; i++)
		if (store_check_value(ML_EXERCISES, sets[i].column,
		    sets[i].value, err) != 0)
			return -1;
	return plan_transact(s, effective, apply_upsert, &u, err);
}

int
plan_load(struct ml_store *s, struct ml_error *err)
{
	static const enum ml_file files[] = { ML_EXERCISES, ML_EXERCISE_LOG,
		ML_PLAN_HISTORY, ML_PLAN_PAUSES };

	for (size_t i = 0; i < ML_NELEM(files); i++)
		if (store_load(s, files[i], NULL, err) != 0)
			return -1;
	return 0;
}

/* --- pauses ----------------------------------------------------------- */

static int
cmp_pause(const void *a, const void *b)
{
	const struct plan_pause_info *x = a, *y = b;

	return (x->from > y->from) - (x->from < y->from);
}

size_t
plan_pauses(const struct ml_store *s, struct plan_pause_info **out)
{
	size_t n = store_nrows(s, ML_PLAN_PAUSES), k = 0;
	struct plan_pause_info *v = xcalloc(n ? n : 1, sizeof *v);

	for (size_t r = 0; r < n; r++)
		if (ml_date_parse(store_get(s, ML_PLAN_PAUSES, r, PP_FROM),
		    &v[k].from) && ml_date_parse(store_get(s, ML_PLAN_PAUSES, r,
		    PP_TO), &v[k].to) && v[k].from <= v[k].to)
			k++;
	if (k > 1)
		qsort(v, k, sizeof *v, cmp_pause);
	*out = v;
	return k;
}

bool
plan_paused_on(const struct ml_store *s, ml_day day)
{
	struct plan_pause_info *v;
	size_t n = plan_pauses(s, &v);
	bool in = false;

	for (size_t i = 0; i < n && !in; i++)
		in = day >= v[i].from && day <= v[i].to;
	free(v);
	return in;
}

struct pause_ctx {
	ml_day from, to;
	bool cancel;
	char dfrom[ML_DATE_LEN], dto[ML_DATE_LEN];
	char created_at[ML_TIMESTAMP_LEN];
};

static int
apply_pause(struct ml_tx *tx, void *vctx, struct ml_error *err)
{
	struct pause_ctx *p = vctx;
	const char *key[1] = { p->dfrom };
	long row = tx_find(tx, key);

	if (p->cancel) {
		size_t n = tx_nrows(tx);
		bool *drop;

		if (row < 0) {
			ml_error_set(err, NULL, 0, NULL, "no pause starts on %s "
			    "(see mendlog plan pause --list)", p->dfrom);
			return -1;
		}
		drop = xcalloc(n + 1, sizeof *drop);
		drop[row] = true;
		/* Rebuild without the row (pauses have three columns). */
		{
			size_t kept = 0;
			char *(*copy)[PP_NCOLS] = xcalloc(n ? n : 1, sizeof *copy);

			for (size_t r = 0; r < n; r++) {
				if (drop[r])
					continue;
				for (size_t c = 0; c < PP_NCOLS; c++)
					copy[kept][c] = xstrdup(tx_get(tx, r, c));
				kept++;
			}
			tx_clear_rows(tx);
			for (size_t r = 0; r < kept; r++) {
				size_t nr = tx_add_row(tx,
				    (const char *const[]){ copy[r][PP_FROM] });

				for (size_t c = 0; c < PP_NCOLS; c++) {
					if (c != PP_FROM)
						tx_set(tx, nr, c, copy[r][c]);
					free(copy[r][c]);
				}
			}
			free(copy);
		}
		free(drop);
		return 0;
	}
	for (size_t r = 0; r < tx_nrows(tx); r++) {
		ml_day f, t;

		if ((long)r == row || !ml_date_parse(tx_get(tx, r, PP_FROM), &f) ||
		    !ml_date_parse(tx_get(tx, r, PP_TO), &t))
			continue;
		if (p->from <= t && f <= p->to) {
			ml_error_set(err, NULL, 0, NULL, "overlaps the pause "
			    "%s to %s; cancel it first (mendlog plan pause "
			    "--cancel %s)", tx_get(tx, r, PP_FROM),
			    tx_get(tx, r, PP_TO), tx_get(tx, r, PP_FROM));
			return -1;
		}
	}
	if (row < 0)
		row = (long)tx_add_row(tx, key);
	tx_set(tx, (size_t)row, PP_TO, p->dto);
	tx_set(tx, (size_t)row, PP_CREATED_AT, p->created_at);
	return 0;
}

int
plan_pause_add(struct ml_store *s, ml_day from, ml_day to,
    struct ml_error *err)
{
	struct pause_ctx p;

	memset(&p, 0, sizeof p);
	if (to < from) {
		ml_error_set(err, NULL, 0, "to", "the pause ends before it "
		    "starts");
		return -1;
	}
	p.from = from;
	p.to = to;
	ml_date_format(from, p.dfrom);
	ml_date_format(to, p.dto);
	ml_timestamp_format(ml_now(), p.created_at);
	return store_transact(s, ML_PLAN_PAUSES, apply_pause, &p, err);
}

int
plan_pause_cancel(struct ml_store *s, ml_day from, struct ml_error *err)
{
	struct pause_ctx p;

	memset(&p, 0, sizeof p);
	p.cancel = true;
	p.from = from;
	ml_date_format(from, p.dfrom);
	return store_transact(s, ML_PLAN_PAUSES, apply_pause, &p, err);
}
