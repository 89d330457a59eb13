/*
 * export.c - daily, exercise and alert exports for spreadsheets, R and
 * pandas.
 *
 * Rows are written as they are computed, never held: the daily export
 * walks the calendar and looks each day up through the store's key
 * index, or meets entries.csv as it streams by (struct daily).
 */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csvio.h"
#include "diary.h"
#include "export.h"
#include "timeline.h"
#include "plan.h"
#include "psfs.h"

const char *
export_cell(const char *value, enum export_cell type, bool semicolon,
    char *buf, size_t size, char **owned)
{
	double d;
	bool number = false;
	size_t len = strlen(value);

	*owned = NULL;
	switch (type) {
	case CELL_INTEGER:
	case CELL_DECIMAL:
	case CELL_UNKNOWN:
		number = ml_parse_decimal(value, -1e300, 1e300, &d);
		if (type == CELL_INTEGER && strchr(value, '.') != NULL)
			number = false;
		break;
	case CELL_TEXT:
		break;
	}
	if (!number && len > 0 && strchr("=+-@\t\r", value[0]) != NULL) {
		char *out = len + 2 <= size ? buf : (*owned = xmalloc(len + 2));

		out[0] = '\'';
		memcpy(out + 1, value, len + 1);
		return out;
	}
	if (number && semicolon && type != CELL_INTEGER &&
	    strchr(value, '.') != NULL) {
		char *out = len + 1 <= size ? buf : (*owned = xmalloc(len + 1));

		memcpy(out, value, len + 1);
		*strchr(out, '.') = ',';
		return out;
	}
	return value;
}

/* The export kind of the schema's type row, as a cell type. */
static enum export_cell
cell_of_type(enum ml_type t)
{
	switch (ml_type_info(t)->export_kind) {
	case ML_X_INTEGER:
		return CELL_INTEGER;
	case ML_X_DECIMAL:
		return CELL_DECIMAL;
	default:
		return CELL_TEXT;
	}
}

/* A row being written: cells plus their types, and the scratch space
 * row_write needs (kept between rows: no allocation per row). */
struct out_row {
	const char **cells;
	enum export_cell *types;
	size_t n, cap;
	char (*bufs)[64];
	char **owned;
	const char **safe;
};

static void
row_add(struct out_row *r, const char *cell, enum export_cell type)
{
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 32;
		r->cells = xreallocarray(r->cells, r->cap, sizeof *r->cells);
		r->types = xreallocarray(r->types, r->cap, sizeof *r->types);
		r->bufs = xreallocarray(r->bufs, r->cap, sizeof *r->bufs);
		r->owned = xreallocarray(r->owned, r->cap, sizeof *r->owned);
		r->safe = xreallocarray(r->safe, r->cap, sizeof *r->safe);
	}
	r->cells[r->n] = cell;
	r->types[r->n++] = type;
}

static void
row_free(struct out_row *r)
{
	free(r->cells);
	free(r->types);
	free(r->bufs);
	free(r->owned);
	free(r->safe);
}

static int
row_write(FILE *fp, struct out_row *r, const struct export_opts *o)
{
	struct csv_style style = { o->semicolon ? ';' : ',', o->excel, false };
	int rc;

	for (size_t i = 0; i < r->n; i++)
		r->safe[i] = export_cell(r->cells[i], r->types[i], o->semicolon,
		    r->bufs[i], sizeof r->bufs[i], &r->owned[i]);
	rc = csvio_write_row(fp, r->safe, r->n, &style);
	for (size_t i = 0; i < r->n; i++)
		free(r->owned[i]);
	r->n = 0;
	return rc;
}

/* Write the header row @r holds, after the byte order mark Excel needs to
 * read the file as UTF-8. */
static int
header_write(FILE *fp, struct out_row *r, const struct export_opts *o)
{
	if (o->excel && fputs("\xef\xbb\xbf", fp) == EOF)
		return -1;
	return row_write(fp, r, o);
}

static bool
earliest(const struct ml_store *s, enum ml_file f, size_t col, ml_day *min)
{
	bool any = false;

	for (size_t r = 0; r < store_nrows(s, f); r++) {
		ml_day d;

		if (ml_date_parse(store_get(s, f, r, col), &d) && d < *min) {
			*min = d;
			any = true;
		}
	}
	return any;
}

void
export_default_range(const struct ml_store *s, ml_day *from, ml_day *to)
{
	ml_day min;

	*to = ml_today();
	min = *to;
	earliest(s, ML_ENTRIES, EC_DATE, &min);
	earliest(s, ML_PROCEDURES, PC_DATE, &min);
	earliest(s, ML_EXERCISE_LOG, LC_DATE, &min);
	earliest(s, ML_ALERTS, AC_DATE, &min);
	earliest(s, ML_PSFS_RATINGS, PR_WEEK, &min);
	*from = min;
}

/*
 * Each day's rule ids, joined by ';' in file order: the alerts with a
 * rule, sorted once by (date, row) and walked with the calendar (the
 * dates written are ISO, so string order is day order).
 */
struct day_alerts {
	const struct ml_store *s;
	size_t *rows;		/* alert rows with a rule, by (date, row) */
	size_t n, next;
	char *joined;		/* the current day's ids; owned */
	size_t cap;
};

static const struct ml_store *sort_store;	/* for alert_cmp */

static int
alert_cmp(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	int c = strcmp(store_get(sort_store, ML_ALERTS, x, AC_DATE),
	    store_get(sort_store, ML_ALERTS, y, AC_DATE));

	return c != 0 ? c : (x > y) - (x < y);
}

static void
day_alerts_init(struct day_alerts *da, const struct ml_store *s)
{
	size_t total = store_nrows(s, ML_ALERTS);

	memset(da, 0, sizeof *da);
	da->s = s;
	da->rows = xcalloc(total ? total : 1, sizeof *da->rows);
	/* An alert entered in error (status error) is no sign of the day. */
	for (size_t r = 0; r < total; r++)
		if (*store_get(s, ML_ALERTS, r, AC_RULE) != '\0' &&
		    strcmp(store_get(s, ML_ALERTS, r, AC_STATUS), "error") != 0)
			da->rows[da->n++] = r;
	sort_store = s;
	qsort(da->rows, da->n, sizeof *da->rows, alert_cmp);
	da->cap = 64;
	da->joined = xmalloc(da->cap);
}

/* The rule ids of @date (called with increasing dates).  Owned by @da. */
static const char *
day_alerts_of(struct day_alerts *da, const char *date)
{
	size_t len = 0;

	da->joined[0] = '\0';
	while (da->next < da->n && strcmp(store_get(da->s, ML_ALERTS,
	    da->rows[da->next], AC_DATE), date) < 0)
		da->next++;
	for (; da->next < da->n && strcmp(store_get(da->s, ML_ALERTS,
	    da->rows[da->next], AC_DATE), date) == 0; da->next++) {
		const char *rule = store_get(da->s, ML_ALERTS,
		    da->rows[da->next], AC_RULE);
		size_t rlen = strlen(rule);

		if (len + rlen + 2 > da->cap) {
			da->cap = (len + rlen + 2) * 2;
			da->joined = xrealloc(da->joined, da->cap);
		}
		if (len > 0)
			da->joined[len++] = ';';
		memcpy(da->joined + len, rule, rlen + 1);
		len += rlen;
	}
	return da->joined;
}

static void
day_alerts_free(struct day_alerts *da)
{
	free(da->rows);
	free(da->joined);
}

/*
 * The procedures before the newest one on @day that are still inside
 * their expected window, "lumbar_puncture day 6" each, joined by "; ":
 * every procedure keeps its own count (timeline.h).
 */
static void
earlier_procedures(const struct ml_timeline *tl, ml_day day, char *buf,
    size_t size)
{
	struct ml_timeline_day on[8];
	size_t n = timeline_on(tl, day, on, ML_NELEM(on)), off = 0;

	buf[0] = '\0';
	for (size_t i = 1; i < n && off < size; i++) {
		int w;

		if (!on[i].in_window)
			continue;
		w = snprintf(buf + off, size - off, "%s%s day %d",
		    off ? "; " : "", on[i].proc->info->id, on[i].dayno);
		if (w < 0)
			break;
		off += (size_t)w;
	}
}

/*
 * The daily export, one calendar day per row, written as each row is
 * computed.  The entries come either from the loaded table (looked up
 * by the key index) or, on a large diary, straight from entries.csv as
 * libcsv reads it (o->entries_path): rows in date order meet the
 * calendar walking forward, so nothing of the file is held.
 */
struct daily {
	FILE *fp;
	const struct ml_store *s;
	const struct ml_config *cfg;
	const struct export_opts *o;
	struct out_row row;
	size_t *cols;		/* entries columns written, in file order;
				 * SIZE_MAX: a column the file lacks */
	const char **names;	/* each one's name (daily_begin only) */
	enum export_cell *types;
	int *mtypes;		/* schema type of each, or -1 */
	char (*norm)[64];	/* each column's value as the rules read it */
	size_t ncols;
	int date_col;		/* the entries' date column, or -1 */
	struct day_alerts da;
	struct ml_timeline tl;	/* every procedure, for earlier_procedures */
	struct psfs_week *psfs;	/* the range's PSFS weeks (psfs_weeks()) */
	size_t npsfs;
	ml_day next;		/* the next calendar day to write */
	int rc;
};

/* Set up @d for an entries header of @n names and write the header row. */
static void
daily_begin(struct daily *d, const char *const *header, size_t n)
{
	const struct ml_schema *sc = ml_schema(ML_ENTRIES);

	size_t room = n + sc->ncols;

	d->cols = xcalloc(room, sizeof *d->cols);
	d->names = xcalloc(room, sizeof *d->names);
	d->types = xcalloc(room, sizeof *d->types);
	d->mtypes = xcalloc(room, sizeof *d->mtypes);
	d->norm = xcalloc(room, sizeof *d->norm);
	d->date_col = -1;
	/* The file's own column order, without date and updated_at. */
	for (size_t i = 0; i < n; i++) {
		int c = ml_schema_col(sc, header[i]);

		if (c == EC_DATE && d->date_col < 0)
			d->date_col = (int)i;
		if (c == EC_DATE || c == EC_UPDATED_AT)
			continue;
		d->cols[d->ncols] = i;
		d->names[d->ncols] = header[i];
		d->mtypes[d->ncols] = c >= 0 ? (int)sc->cols[c].type : -1;
		d->types[d->ncols++] = c >= 0 ? cell_of_type(sc->cols[c].type) :
		    CELL_UNKNOWN;
	}
	/* Columns a file written before they existed lacks (it gains them as
	 * they are answered) go out empty after its own, so every export of
	 * the same answers has the same columns. */
	for (size_t c = 0; c < sc->ncols; c++) {
		bool found = c == EC_DATE || c == EC_UPDATED_AT;

		for (size_t i = 0; !found && i < n; i++)
			found = strcmp(header[i], sc->cols[c].name) == 0;
		if (found)
			continue;
		d->cols[d->ncols] = SIZE_MAX;
		d->names[d->ncols] = sc->cols[c].name;
		d->mtypes[d->ncols] = (int)sc->cols[c].type;
		d->types[d->ncols++] = cell_of_type(sc->cols[c].type);
	}
	row_add(&d->row, "date", CELL_TEXT);
	row_add(&d->row, "day_after_procedure", CELL_TEXT);
	row_add(&d->row, "procedure", CELL_TEXT);
	row_add(&d->row, "earlier_procedures", CELL_TEXT);
	for (size_t i = 0; i < d->ncols; i++)
		row_add(&d->row, d->names[i], CELL_TEXT);
	row_add(&d->row, "exercise_slots_due", CELL_TEXT);
	row_add(&d->row, "exercise_slots_done", CELL_TEXT);
	row_add(&d->row, "adherence_pct", CELL_TEXT);
	row_add(&d->row, "alerts", CELL_TEXT);
	row_add(&d->row, "psfs_mean", CELL_TEXT);
	if (d->rc == 0)
		d->rc = header_write(d->fp, &d->row, d->o);
}

/* Write the row of d->next with entry cells @cells (NULL: no entry). */
static void
daily_day(struct daily *d, const char *const *cells, size_t ncells)
{
	char date[ML_DATE_LEN], nday[16] = "";
	char due[16] = "", done[16] = "", pct[16] = "", psfs[16] = "";
	struct plan_adherence a;
	struct ml_procedure p;
	char earlier[256];
	ml_day day = d->next++;

	if (d->rc != 0)
		return;
	ml_date_format(day, date);
	row_add(&d->row, date, CELL_TEXT);
	if (diary_procedure_for(d->s, day, &p)) {
		snprintf(nday, sizeof nday, "%d", (int)(day - p.date));
		row_add(&d->row, nday, CELL_INTEGER);
		row_add(&d->row, ml_proc_kind_match(p.kind)->id, CELL_TEXT);
	} else {
		row_add(&d->row, "", CELL_INTEGER);
		row_add(&d->row, "", CELL_TEXT);
	}
	earlier_procedures(&d->tl, day, earlier, sizeof earlier);
	row_add(&d->row, earlier, CELL_TEXT);
	for (size_t i = 0; i < d->ncols; i++) {
		const char *v = cells != NULL && d->cols[i] < ncells ?
		    cells[d->cols[i]] : "";

		/* A hand-typed Yes or 37,9 goes out as yes and 37.9, as the
		 * rules read it; invalid values as they are. */
		if (d->mtypes[i] >= 0 && d->mtypes[i] != ML_T_TEXT && *v &&
		    strlen(v) < sizeof d->norm[i] &&
		    ml_value_normalise((enum ml_type)d->mtypes[i], v, d->norm[i],
		    sizeof d->norm[i]) != NULL)
			v = d->norm[i];
		row_add(&d->row, v, d->types[i]);
	}
	/* Slots whose time had come by o->now; empty without a plan. */
	plan_adherence(d->s, d->cfg, NULL, day, day, d->o->now, &a);
	if (a.due > 0 || store_nrows(d->s, ML_EXERCISES) > 0) {
		snprintf(due, sizeof due, "%d", a.due);
		snprintf(done, sizeof done, "%d", a.done);
	}
	if (!isnan(a.pct))
		snprintf(pct, sizeof pct, "%.1f", a.pct);
	row_add(&d->row, due, CELL_INTEGER);
	row_add(&d->row, done, CELL_INTEGER);
	row_add(&d->row, pct, CELL_DECIMAL);
	row_add(&d->row, day_alerts_of(&d->da, date), CELL_TEXT);
	/* The week's PSFS mean on each of its days; empty for a week with
	 * no rating (a gap, never a zero). */
	if (d->npsfs > 0) {
		size_t k = (size_t)(psfs_week_of(d->cfg, day) - d->psfs[0].start) / 7;

		if (k < d->npsfs && !isnan(d->psfs[k].mean))
			snprintf(psfs, sizeof psfs, "%.2f", d->psfs[k].mean);
	}
	row_add(&d->row, psfs, CELL_DECIMAL);
	d->rc = row_write(d->fp, &d->row, d->o);
}

/* Write the days without an entry up to (not including) @day. */
static void
daily_until(struct daily *d, ml_day day)
{
	while (d->rc == 0 && d->next < day)
		daily_day(d, NULL, 0);
}

static void
daily_header_cb(void *ctx, const char *const *cells, size_t ncells, long line)
{
	(void)line;
	daily_begin(ctx, cells, ncells);
}

/* One entries row from the file: its day, unless before the next one to
 * write (out of range, or a repeated date: the first row counts, as
 * diary_find() reads it). */
static void
daily_row_cb(void *ctx, const char *const *cells, size_t ncells, long line)
{
	struct daily *d = ctx;
	ml_day day;

	(void)line;
	if (d->date_col < 0 || (size_t)d->date_col >= ncells ||
	    !ml_date_parse(cells[d->date_col], &day) || day < d->next ||
	    day > d->o->to)
		return;
	daily_until(d, day);
	daily_day(d, cells, ncells);
}

static int
write_daily(FILE *fp, const struct ml_store *s, const struct ml_config *cfg,
    const struct export_opts *o)
{
	struct daily d = { .fp = fp, .s = s, .cfg = cfg, .o = o,
	    .next = o->from };
	struct ml_error err;

	day_alerts_init(&d.da, s);
	timeline_build(&d.tl, s, cfg);
	d.npsfs = psfs_weeks(s, cfg, o->from, o->to, &d.psfs);
	if (o->entries_path != NULL) {
		if (csvio_stream_file(o->entries_path, &(struct csvio_stream){
		    .header = daily_header_cb, .row = daily_row_cb, .ctx = &d },
		    &err) != 0 && d.rc == 0) {
			errno = EIO;	/* changed since the caller checked it */
			d.rc = -1;
		}
	} else {
		const struct ml_table *t = store_table(s, ML_ENTRIES);

		daily_begin(&d, (const char *const *)t->header, t->ncols);
		for (ml_day day = o->from; d.rc == 0 && day <= o->to; day++) {
			long r = diary_find(s, day);

			daily_day(&d, r >= 0 ? (const char *const *)t->rows[r].cells :
			    NULL, r >= 0 ? t->rows[r].ncells : 0);
		}
	}
	daily_until(&d, o->to + 1);
	row_free(&d.row);
	day_alerts_free(&d.da);
	timeline_free(&d.tl);
	free(d.psfs);
	free(d.cols);
	free(d.names);
	free(d.types);
	free(d.mtypes);
	free(d.norm);
	return d.rc;
}

/* Days of slots computed at a time (bounds memory on long ranges). */
enum { SLOT_BLOCK = 1024 };

static int
write_alerts(FILE *fp, const struct ml_store *s, const struct export_opts *o)
{
	const struct ml_table *t = store_table(s, ML_ALERTS);
	struct out_row row = { 0 };
	int rc = 0;

	for (size_t i = 0; i < t->ncols; i++)
		row_add(&row, t->header[i], CELL_TEXT);
	rc = header_write(fp, &row, o);
	for (size_t r = 0; rc == 0 && r < t->nrows; r++) {
		ml_day d;

		if (!ml_date_parse(store_get(s, ML_ALERTS, r, AC_DATE), &d) ||
		    d < o->from || d > o->to)
			continue;
		for (size_t i = 0; i < t->ncols; i++)
			row_add(&row, ml_row_get(&t->rows[r], i), CELL_TEXT);
		rc = row_write(fp, &row, o);
	}
	row_free(&row);
	return rc;
}

/* One row per slot whose time had come (or that was logged early). */
static int
write_exercises(FILE *fp, const struct ml_store *s,
    const struct ml_config *cfg, const struct export_opts *o)
{
	static const char *const head[] = { "date", "slot", "exercise_id",
	    "exercise_name", "status", "sets_done", "pain_during", "note" };
	struct out_row row = { 0 };
	int rc = 0;

	for (size_t i = 0; i < ML_NELEM(head); i++)
		row_add(&row, head[i], CELL_TEXT);
	rc = header_write(fp, &row, o);
	/* A block of days at a time: the schedules are parsed once per
	 * block, and memory stays bounded. */
	for (ml_day day = o->from; rc == 0 && day <= o->to; day += SLOT_BLOCK) {
		ml_day last = day + SLOT_BLOCK - 1 < o->to ? day + SLOT_BLOCK - 1 :
		    o->to;
		struct plan_slot *slots;
		size_t n = plan_sessions_range(s, cfg, day, last, o->now,
		    &slots);

		for (size_t i = 0; rc == 0 && i < n; i++) {
			const struct plan_slot *sl = &slots[i];
			char hhmm[8], date[ML_DATE_LEN];
			long lr = sl->log_row;

			ml_date_format(sl->day, date);
			if (sl->status == PLAN_LATER)
				continue;
			snprintf(hhmm, sizeof hhmm, "%02u:%02u",
			    (unsigned)(sl->minutes / 60) % 100u,
			    (unsigned)(sl->minutes % 60));
			row_add(&row, date, CELL_TEXT);
			row_add(&row, hhmm, CELL_TEXT);
			row_add(&row, plan_slot_id(s, sl), CELL_TEXT);
			row_add(&row, store_get(s, ML_EXERCISES, sl->exercise_row,
			    XC_NAME), CELL_TEXT);
			row_add(&row, plan_status_name(sl->status), CELL_TEXT);
			row_add(&row, lr < 0 ? "" : store_get(s, ML_EXERCISE_LOG,
			    (size_t)lr, LC_SETS_DONE), CELL_INTEGER);
			row_add(&row, lr < 0 ? "" : store_get(s, ML_EXERCISE_LOG,
			    (size_t)lr, LC_PAIN_DURING), CELL_INTEGER);
			row_add(&row, lr < 0 ? "" : store_get(s, ML_EXERCISE_LOG,
			    (size_t)lr, LC_NOTE), CELL_TEXT);
			rc = row_write(fp, &row, o);
		}
		free(slots);
	}
	row_free(&row);
	return rc;
}

/* True when PSFS activity @row was on the list during the week from
 * @week (added by its end, not retired before it began). */
static bool
psfs_listed_in(const struct ml_store *s, size_t row, ml_day week)
{
	ml_day added, retired;

	if (ml_date_parse(store_get(s, ML_PSFS_ACTIVITIES, row, PA_ADDED),
	    &added) && added > week + 6)
		return false;
	return !(ml_date_parse(store_get(s, ML_PSFS_ACTIVITIES, row,
	    PA_RETIRED), &retired) && retired <= week);
}

/*
 * One row per PSFS activity per week in the range: every activity that
 * was on the list that week, and any other that was rated in it.  An
 * unrated activity's rating is empty, and so is the mean of a week with
 * no rating (a gap, never a zero).
 */
static int
write_psfs(FILE *fp, const struct ml_store *s, const struct ml_config *cfg,
    const struct export_opts *o)
{
	static const char *const head[] = { "week", "activity_id", "activity",
	    "rating", "week_mean", "week_ratings" };
	size_t nact = store_nrows(s, ML_PSFS_ACTIVITIES);
	struct out_row row = { 0 };
	struct psfs_week *weeks;
	size_t nweeks = psfs_weeks(s, cfg, o->from, o->to, &weeks);
	int rc = 0;

	for (size_t i = 0; i < ML_NELEM(head); i++)
		row_add(&row, head[i], CELL_TEXT);
	rc = header_write(fp, &row, o);
	for (size_t w = 0; rc == 0 && w < nweeks; w++) {
		char date[ML_DATE_LEN], mean[32], count[16], rating[16];

		ml_date_format(weeks[w].start, date);
		if (isnan(weeks[w].mean))
			mean[0] = '\0';
		else
			snprintf(mean, sizeof mean, "%.2f", weeks[w].mean);
		snprintf(count, sizeof count, "%d", weeks[w].rated);
		for (size_t a = 0; rc == 0 && a < nact; a++) {
			const char *id = store_get(s, ML_PSFS_ACTIVITIES, a, PA_ID);
			int v = psfs_rating_of(s, cfg, id, weeks[w].start);

			if (v < 0 && !psfs_listed_in(s, a, weeks[w].start))
				continue;
			if (v < 0)
				rating[0] = '\0';
			else
				snprintf(rating, sizeof rating, "%d", v);
			row_add(&row, date, CELL_TEXT);
			row_add(&row, id, CELL_TEXT);
			row_add(&row, store_get(s, ML_PSFS_ACTIVITIES, a, PA_NAME),
			    CELL_TEXT);
			row_add(&row, rating, CELL_INTEGER);
			row_add(&row, mean, CELL_DECIMAL);
			row_add(&row, count, CELL_INTEGER);
			rc = row_write(fp, &row, o);
		}
	}
	free(weeks);
	row_free(&row);
	return rc;
}

int
export_write(FILE *fp, const struct ml_store *s, const struct ml_config *cfg,
    const struct export_opts *o)
{
	switch (o->kind) {
	case EXPORT_DAILY:
		return write_daily(fp, s, cfg, o);
	case EXPORT_ALERTS:
		return write_alerts(fp, s, o);
	case EXPORT_EXERCISES:
		return write_exercises(fp, s, cfg, o);
	case EXPORT_PSFS:
		return write_psfs(fp, s, cfg, o);
	}
	return -1;
}
