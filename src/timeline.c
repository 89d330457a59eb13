/*
 * timeline.c - every procedure with its own day count and window (see
 * timeline.h and mendlog(5), THE RECOVERY TIMELINE).
 *
 * A diary holds a handful of procedures, so every question is a linear
 * walk over the sorted list; nothing here is cached beyond the snapshot.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "timeline.h"

static int
cmp_proc(const void *a, const void *b)
{
	const struct ml_timeline_proc *x = a, *y = b;

	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	return x->row < y->row ? -1 : x->row > y->row;
}

void
timeline_build(struct ml_timeline *tl, const struct ml_store *s,
    const struct ml_config *cfg)
{
	size_t n = store_nrows(s, ML_PROCEDURES), nkinds;
	const struct ml_proc_kind *kinds = ml_proc_kinds(&nkinds);

	tl->v = xcalloc(n + 1, sizeof *tl->v);
	tl->n = 0;
	for (size_t r = 0; r < n; r++) {
		struct ml_timeline_proc *p = &tl->v[tl->n];
		int k = ml_proc_kind_index(store_get(s, ML_PROCEDURES, r,
		    PC_KIND));

		if (k < 0 || !ml_date_parse(store_get(s, ML_PROCEDURES, r,
		    PC_DATE), &p->date))
			continue;
		p->kind = k;
		p->info = &kinds[k];
		p->description = store_get(s, ML_PROCEDURES, r, PC_DESCRIPTION);
		p->row = (long)r;
		p->window_days = cfg != NULL ? cfg->window_days[k] :
		    kinds[k].window_days;
		tl->n++;
	}
	qsort(tl->v, tl->n, sizeof *tl->v, cmp_proc);
}

void
timeline_free(struct ml_timeline *tl)
{
	free(tl->v);
	tl->v = NULL;
	tl->n = 0;
}

size_t
timeline_on(const struct ml_timeline *tl, ml_day day,
    struct ml_timeline_day *out, size_t max)
{
	size_t k = 0;

	for (size_t i = tl->n; i-- > 0 && k < max;) {
		const struct ml_timeline_proc *p = &tl->v[i];

		if (p->date > day)
			continue;
		out[k].proc = p;
		out[k].dayno = (int)(day - p->date);
		out[k].in_window = out[k].dayno <= p->window_days;
		k++;
	}
	return k;
}

const struct ml_timeline_proc *
timeline_newest(const struct ml_timeline *tl, ml_day day)
{
	/* Sorted oldest first; a later row wins a tie, as in the file. */
	for (size_t i = tl->n; i-- > 0;)
		if (tl->v[i].date <= day)
			return &tl->v[i];
	return NULL;
}

const struct ml_timeline_proc *
timeline_within(const struct ml_timeline *tl, ml_day day, unsigned cats,
    int from, int to)
{
	for (size_t i = tl->n; i-- > 0;) {
		const struct ml_timeline_proc *p = &tl->v[i];
		long d = (long)day - (long)p->date;

		if ((cats & ML_CAT_MASK(p->info->category)) && d >= from &&
		    d <= to)
			return p;
	}
	return NULL;
}

bool
timeline_store_within(const struct ml_store *s, ml_day day, unsigned cats,
    int from, int to)
{
	struct ml_timeline tl;
	bool found;

	timeline_build(&tl, s, NULL);
	found = timeline_within(&tl, day, cats, from, to) != NULL;
	timeline_free(&tl);
	return found;
}

bool
timeline_follows_up(const struct ml_timeline_proc *earlier,
    const struct ml_timeline_proc *later)
{
	/* A blood patch seals a dural leak: the puncture's recovery goes on. */
	return strcmp(later->info->id, "epidural_blood_patch") == 0 &&
	    earlier->info->dural && earlier->date <= later->date &&
	    earlier != later;
}

ml_day
timeline_end(const struct ml_timeline *tl, const struct ml_timeline_proc *p)
{
	for (size_t i = (size_t)(p - tl->v) + 1; i < tl->n; i++) {
		const struct ml_timeline_proc *q = &tl->v[i];

		if (q->date > p->date && !timeline_follows_up(p, q))
			return q->date - 1;
	}
	return INT32_MAX;
}

const struct ml_timeline_proc *
timeline_beyond_window(const struct ml_timeline *tl, ml_day day)
{
	/* Oldest first: the procedure whose pain has lasted longest. */
	for (size_t i = 0; i < tl->n; i++) {
		const struct ml_timeline_proc *p = &tl->v[i];
		bool covered = false;

		if (p->date > day || day - p->date <= p->window_days ||
		    timeline_end(tl, p) < day)
			continue;
		/* An earlier (or same-day) procedure still in its window
		 * explains the pain: day 8 of an LP on day 28 of a fusion. */
		for (size_t j = 0; j < tl->n && tl->v[j].date <= p->date; j++)
			if (j != i && day - tl->v[j].date <= tl->v[j].window_days)
				covered = true;
		if (!covered)
			return p;
	}
	return NULL;
}

int
timeline_label(const struct ml_timeline *tl, ml_day day, char *buf,
    size_t size)
{
	struct ml_timeline_day on[8];
	size_t n = timeline_on(tl, day, on, ML_NELEM(on)), off = 0;

	if (size > 0)
		buf[0] = '\0';
	if (n == 0)
		return -1;
	for (size_t i = 0; i < n && off < size; i++) {
		int w;

		/* The newest always; an earlier one while still expected. */
		if (i > 0 && !on[i].in_window)
			continue;
		w = snprintf(buf + off, size - off, "%sday %d after %s",
		    i > 0 ? " \xc2\xb7 " : "", on[i].dayno,
		    on[i].proc->info->label);
		if (w < 0)
			break;
		off += (size_t)w;
	}
	return on[0].dayno;
}
