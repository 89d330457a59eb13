/*
 * checked.c - a digest per day of entries.csv (see checked.h).
 */
#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "checked.h"
#include "csvio.h"
#include "save.h"

#define FNV_OFFSET 14695981039346656037ULL
#define FNV_PRIME 1099511628211ULL

/* FNV-1a of @len bytes, then a separator so "1","23" and "12","3"
 * differ. */
static uint64_t
fnv(uint64_t h, const char *p, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)p[i];
		h *= FNV_PRIME;
	}
	h ^= 0x1f;
	return h * FNV_PRIME;
}

static int
cmp_digest(const void *a, const void *b)
{
	const struct ml_day_digest *x = a, *y = b;

	return x->day < y->day ? -1 : x->day > y->day;
}

/* Sort, and make a day written twice (a damaged file) one digest. */
static size_t
digests_finish(struct ml_day_digest *v, size_t n)
{
	size_t m = 0;

	if (n == 0)
		return 0;
	qsort(v, n, sizeof *v, cmp_digest);
	for (size_t i = 0; i < n; i++) {
		if (m > 0 && v[m - 1].day == v[i].day)
			v[m - 1].digest = v[m - 1].digest * 31 + v[i].digest;
		else
			v[m++] = v[i];
	}
	return m;
}

/* Streaming entries.csv: each row's cells hashed as libcsv hands them. */
struct scan {
	long date_col;		/* -1 until the header names it */
	uint64_t h;
	char date[ML_DATE_LEN];
	struct ml_day_digest *v;
	size_t n, cap;
};

static void
scan_header(void *ctx, const char *const *cells, size_t ncells, long line)
{
	struct scan *sc = ctx;

	(void)line;
	for (size_t i = 0; i < ncells && sc->date_col < 0; i++)
		if (strcmp(cells[i], "date") == 0)
			sc->date_col = (long)i;
}

static void
scan_cell(void *ctx, size_t col, const char *value, size_t len)
{
	struct scan *sc = ctx;

	sc->h = fnv(sc->h, value, len);
	if ((long)col == sc->date_col)
		snprintf(sc->date, sizeof sc->date, "%s", len < ML_DATE_LEN ?
		    value : "");
}

static void
scan_end(void *ctx, size_t ncells, long line)
{
	struct scan *sc = ctx;
	ml_day d;

	(void)ncells;
	(void)line;
	if (ml_date_parse(sc->date, &d)) {
		if (sc->n == sc->cap) {
			sc->cap = sc->cap ? sc->cap * 2 : 256;
			sc->v = xreallocarray(sc->v, sc->cap, sizeof *sc->v);
		}
		sc->v[sc->n].day = d;
		sc->v[sc->n++].digest = sc->h;
	}
	sc->h = FNV_OFFSET;
	sc->date[0] = '\0';
}

/* A row of checked.csv as it is streamed: "date,digest" (the stamp row
 * and anything that does not read is skipped, so that day is compared
 * again). */
static void
seen_row(void *ctx, const char *const *cells, size_t ncells, long line)
{
	struct scan *sc = ctx;
	char *end;
	ml_day d;
	uint64_t h;

	(void)line;
	if (ncells < 2 || !ml_date_parse(cells[0], &d))
		return;
	errno = 0;
	h = strtoull(cells[1], &end, 16);
	if (errno != 0 || *end != '\0' || end == cells[1])
		return;
	if (sc->n == sc->cap) {
		sc->cap = sc->cap ? sc->cap * 2 : 256;
		sc->v = xreallocarray(sc->v, sc->cap, sizeof *sc->v);
	}
	sc->v[sc->n].day = d;
	sc->v[sc->n++].digest = h;
}

/* The identity of @path as text, "none" when it does not exist. */
static void
file_stamp(const char *path, char *buf, size_t size)
{
	struct stat st;

	if (stat(path, &st) != 0) {
		snprintf(buf, size, "none");
		return;
	}
	snprintf(buf, size, "%ju:%ju:%jd:%jd.%09ld", (uintmax_t)st.st_dev,
	    (uintmax_t)st.st_ino, (intmax_t)st.st_size,
	    (intmax_t)st.st_mtim.tv_sec, (long)st.st_mtim.tv_nsec);
}

static char *
checked_path(const struct ml_store *s)
{
	return xasprintf("%s/%s", s->dir, ML_CHECKED_FILE);
}

/* The stamp row of checked.csv (its second line), or "" . */
static void
saved_stamp(const char *path, char *buf, size_t size)
{
	char line[160];
	FILE *fp = fopen(path, "r");

	buf[0] = '\0';
	if (fp == NULL)
		return;
	if (fgets(line, sizeof line, fp) != NULL &&
	    fgets(line, sizeof line, fp) != NULL &&
	    strncmp(line, "stamp,", 6) == 0) {
		line[strcspn(line, "\r\n")] = '\0';
		/* A stamp longer than ours never matches: left empty. */
		if (strlen(line + 6) < size)
			memcpy(buf, line + 6, strlen(line + 6) + 1);
	}
	fclose(fp);
}

int
checked_compare(const struct ml_store *s, struct ml_changed *out,
    struct ml_error *err)
{
	struct scan sc = { .date_col = -1, .h = FNV_OFFSET };
	struct scan prev = { .date_col = -1 };
	struct ml_error terr;
	struct ml_day_digest *seen;
	size_t nseen = 0, j = 0;
	char *path = checked_path(s), old[96];
	const char *entries = store_path(s, ML_ENTRIES);
	int rc;

	memset(out, 0, sizeof *out);
	file_stamp(entries, out->stamp, sizeof out->stamp);
	saved_stamp(path, old, sizeof old);
	if (strcmp(old, out->stamp) == 0) {
		/* entries.csv is as it was when last compared. */
		free(path);
		return 0;
	}
	rc = csvio_stream_file(entries, &(struct csvio_stream){
	    .header = scan_header, .cell = scan_cell, .end = scan_end,
	    .ctx = &sc }, err);
	if (rc < 0) {
		free(sc.v);
		free(path);
		return -1;
	}
	out->now = sc.v;
	out->nnow = digests_finish(sc.v, sc.n);
	out->dirty = true;
	rc = csvio_stream_file(path, &(struct csvio_stream){
	    .row = seen_row, .ctx = &prev }, &terr);
	free(path);
	if (rc != 0) {
		/* Never compared (or unreadable): the rows are the baseline. */
		out->baseline = true;
		free(prev.v);
		return 0;
	}
	seen = prev.v;
	nseen = digests_finish(seen, prev.n);
	out->days = xcalloc(out->nnow + 1, sizeof *out->days);
	for (size_t i = 0; i < out->nnow; i++) {
		while (j < nseen && seen[j].day < out->now[i].day)
			j++;	/* a day no longer in the file */
		if (j < nseen && seen[j].day == out->now[i].day &&
		    seen[j].digest == out->now[i].digest)
			continue;
		out->days[out->n++] = out->now[i].day;
	}
	free(seen);
	return 0;
}

static int
write_digests(FILE *fp, void *ctx, struct ml_error *err)
{
	const struct ml_changed *c = ctx;
	const char *head[2] = { "date", "digest" };
	const char *stamp[2] = { "stamp", c->stamp };
	const struct csv_style style = { 0 };

	(void)err;
	if (csvio_write_row(fp, head, 2, &style) != 0 ||
	    csvio_write_row(fp, stamp, 2, &style) != 0)
		return -1;
	for (size_t i = 0; i < c->nnow; i++) {
		char date[ML_DATE_LEN], hex[24];
		const char *row[2] = { date, hex };

		ml_date_format(c->now[i].day, date);
		snprintf(hex, sizeof hex, "%016" PRIx64, c->now[i].digest);
		if (csvio_write_row(fp, row, 2, &style) != 0)
			return -1;
	}
	return 0;
}

/*
 * A temp file of checked.csv left by a mendlog killed while saving it.
 * checked.csv is saved without the directory lock (it is not diary
 * data), so a save running now in another mendlog may lose its temp: it
 * then fails, and its days are compared again at the next run.
 */
static void
remove_stale_temps(const struct ml_store *s)
{
	static const char prefix[] = ML_CHECKED_FILE ".tmp.";
	DIR *d = opendir(s->dir);
	struct dirent *de;

	if (d == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		char *p;

		if (strncmp(de->d_name, prefix, sizeof prefix - 1) != 0)
			continue;
		p = xasprintf("%s/%s", s->dir, de->d_name);
		unlink(p);
		free(p);
	}
	closedir(d);
}

int
checked_save(const struct ml_store *s, const struct ml_changed *c,
    struct ml_error *err)
{
	char *path = checked_path(s);
	int rc;

	remove_stale_temps(s);
	rc = csvio_save_atomic(path, write_digests, (void *)c, false, err);
	free(path);
	return rc;
}

void
checked_free(struct ml_changed *c)
{
	free(c->days);
	free(c->now);
	memset(c, 0, sizeof *c);
}
