/*
 * checked.c - a digest per day of entries.csv (see checked.h).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checked.h"
#include "csvio.h"

/* One day's digest. */
struct day_digest {
	ml_day day;
	uint64_t digest;
};

/* FNV-1a over every column of every row of the day, in file order. */
static uint64_t
fnv(uint64_t h, const char *p)
{
	for (; *p; p++) {
		h ^= (unsigned char)*p;
		h *= 1099511628211ULL;
	}
	/* A separator, so "1","23" and "12","3" differ. */
	h ^= 0x1f;
	return h * 1099511628211ULL;
}

static int
cmp_digest(const void *a, const void *b)
{
	const struct day_digest *x = a, *y = b;

	return x->day < y->day ? -1 : x->day > y->day;
}

/* The digests of the loaded entries, one per day, ascending. */
static size_t
digests(const struct ml_store *s, struct day_digest **out)
{
	size_t n = store_nrows(s, ML_ENTRIES), k = 0;
	struct day_digest *v = xcalloc(n + 1, sizeof *v);

	for (size_t r = 0; r < n; r++) {
		ml_day d;
		uint64_t h = 14695981039346656037ULL;

		if (!ml_date_parse(store_get(s, ML_ENTRIES, r, EC_DATE), &d))
			continue;
		for (size_t c = 0; c < EC_NCOLS; c++)
			h = fnv(h, store_get(s, ML_ENTRIES, r, c));
		v[k].day = d;
		v[k++].digest = h;
	}
	qsort(v, k, sizeof *v, cmp_digest);
	/* A day written twice (a damaged file) is one digest of both rows. */
	size_t m = 0;

	for (size_t i = 0; i < k; i++) {
		if (m > 0 && v[m - 1].day == v[i].day)
			v[m - 1].digest = v[m - 1].digest * 31 + v[i].digest;
		else
			v[m++] = v[i];
	}
	*out = v;
	return m;
}

static char *
checked_path(const struct ml_store *s)
{
	return xasprintf("%s/%s", s->dir, ML_CHECKED_FILE);
}

int
checked_compare(const struct ml_store *s, struct ml_changed *out,
    struct ml_error *err)
{
	struct ml_table t;
	struct day_digest *now, *seen;
	size_t nnow, nseen = 0, j = 0;
	char *path = checked_path(s);
	int rc;

	memset(out, 0, sizeof *out);
	rc = csvio_read_file(path, &t, err);
	free(path);
	if (rc < 0) {
		ml_table_free(&t);
		return -1;
	}
	nnow = digests(s, &now);
	if (rc == 1) {
		/* Never compared: today's rows are the baseline. */
		out->baseline = true;
		out->dirty = true;
		ml_table_free(&t);
		free(now);
		return 0;
	}
	seen = xcalloc(t.nrows + 1, sizeof *seen);
	for (size_t r = 0; r < t.nrows; r++) {
		char *end;

		if (!ml_date_parse(ml_row_get(&t.rows[r], 0), &seen[nseen].day))
			continue;
		errno = 0;
		seen[nseen].digest = strtoull(ml_row_get(&t.rows[r], 1), &end, 16);
		if (errno == 0 && *end == '\0' && end != ml_row_get(&t.rows[r], 1))
			nseen++;
	}
	ml_table_free(&t);
	qsort(seen, nseen, sizeof *seen, cmp_digest);
	out->days = xcalloc(nnow + 1, sizeof *out->days);
	for (size_t i = 0; i < nnow; i++) {
		while (j < nseen && seen[j].day < now[i].day)
			j++;	/* a day no longer in the file */
		if (j < nseen && seen[j].day == now[i].day &&
		    seen[j].digest == now[i].digest)
			continue;
		out->days[out->n++] = now[i].day;
	}
	out->dirty = out->n > 0 || nseen != nnow;
	free(now);
	free(seen);
	return 0;
}

struct write_ctx {
	const struct day_digest *v;
	size_t n;
};

static int
write_digests(FILE *fp, void *ctx, struct ml_error *err)
{
	const struct write_ctx *w = ctx;
	const char *head[2] = { "date", "digest" };
	const struct csv_style style = { 0 };

	(void)err;
	if (csvio_write_row(fp, head, 2, &style) != 0)
		return -1;
	for (size_t i = 0; i < w->n; i++) {
		char date[ML_DATE_LEN], hex[24];
		const char *row[2] = { date, hex };

		ml_date_format(w->v[i].day, date);
		snprintf(hex, sizeof hex, "%016" PRIx64, w->v[i].digest);
		if (csvio_write_row(fp, row, 2, &style) != 0)
			return -1;
	}
	return 0;
}

int
checked_save(const struct ml_store *s, struct ml_error *err)
{
	struct write_ctx w;
	struct day_digest *v;
	char *path = checked_path(s);
	int rc;

	w.n = digests(s, &v);
	w.v = v;
	rc = csvio_save_atomic(path, write_digests, &w, false, err);
	free(v);
	free(path);
	return rc;
}

void
checked_free(struct ml_changed *c)
{
	free(c->days);
	memset(c, 0, sizeof *c);
}
