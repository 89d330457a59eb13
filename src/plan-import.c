/*
 * plan-import.c - import a physiotherapist's plan (CSV, usually from a
 * spreadsheet) into exercises.csv.
 *
 * All or nothing: the whole file is checked first and every problem is
 * reported as FILE:LINE: column: problem; only a clean file is written, in
 * one store transaction.
 *
 * Spreadsheet habits are forgiven where the meaning is plain: a BOM, CRLF,
 * ',' ';' or tab between cells (import-sniff.c), title rows above the
 * header, natural header names (one synonym table, below), Excel times
 * (7:30, 07:30:00), TRUE/FALSE, "Mon, Wed", 3,0 for 3, the export's
 * formula guard ('=...), year-first dates with '-' '/' or '.'.  Dates
 * that do not start with the year are read only when the config says
 * which order they are in ([plan] date_order): 02/12/2026 is 2 December
 * in Europe and 12 February in the USA, and a wrong guess would move a
 * whole plan.  Even 25/12/2026, which can only be day-first, needs the
 * setting: a sheet that has it also has 02/12/2026 in some row, and one
 * rule for the whole file is easier to trust than a guess per cell.
 *
 * Rows are matched to the plan by id, or, when a row has no id, by name
 * (ignoring case and spacing), so a revised sheet without ids updates the
 * exercises instead of adding copies.  With --replace the exercises the
 * file leaves out are ended (end_date yesterday), not deleted: their past
 * slots and logs stay true.  One that has not started yet is removed.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "import-sniff.h"
#include "plan.h"
#include "text.h"

/*
 * Header names a spreadsheet may use, per column; compared after
 * dropping case and everything but letters and digits ("Hold (secs)" is
 * "holdsecs").  The first of each column is its own name, the second the
 * one quoted when no header is found.
 */
static const struct header_word {
	const char *word;
	int col;
} header_words[] = {
	{ "name", XC_NAME }, { "Exercise", XC_NAME },
	{ "Exercise name", XC_NAME }, { "Exercises", XC_NAME },
	{ "id", XC_ID }, { "Exercise id", XC_ID }, { "Code", XC_ID },
	{ "instructions", XC_INSTRUCTIONS },
	{ "Notes for patient", XC_INSTRUCTIONS },
	{ "Patient notes", XC_INSTRUCTIONS }, { "Notes", XC_INSTRUCTIONS },
	{ "Instruction", XC_INSTRUCTIONS }, { "How to", XC_INSTRUCTIONS },
	{ "Description", XC_INSTRUCTIONS },
	{ "sets", XC_SETS }, { "Set", XC_SETS }, { "Number of sets", XC_SETS },
	{ "No. of sets", XC_SETS },
	{ "reps", XC_REPS }, { "Repetitions", XC_REPS }, { "Rep", XC_REPS },
	{ "Repeats", XC_REPS },
	{ "hold_s", XC_HOLD_S }, { "Hold (secs)", XC_HOLD_S },
	{ "Hold", XC_HOLD_S }, { "Hold (seconds)", XC_HOLD_S },
	{ "Hold (sec)", XC_HOLD_S }, { "Hold time", XC_HOLD_S },
	{ "days", XC_DAYS }, { "Day", XC_DAYS }, { "Frequency", XC_DAYS },
	{ "Weekdays", XC_DAYS },
	{ "times", XC_TIMES }, { "Time", XC_TIMES }, { "Time of day", XC_TIMES },
	{ "Times of day", XC_TIMES },
	{ "start_date", XC_START_DATE }, { "Start (date)", XC_START_DATE },
	{ "Start", XC_START_DATE }, { "From", XC_START_DATE },
	{ "end_date", XC_END_DATE }, { "End (date)", XC_END_DATE },
	{ "End", XC_END_DATE }, { "Until", XC_END_DATE }, { "To", XC_END_DATE },
	{ "active", XC_ACTIVE }, { "Active?", XC_ACTIVE },
	{ "Enabled", XC_ACTIVE }, { "In use", XC_ACTIVE },
};

struct import_col {
	char *name;		/* as in the file, trimmed */
	int schema_col;		/* XC_*, or -1 for a column kept as is */
};

struct import_row {
	char id[72];		/* given, matched by name, or made from it */
	char **vals;		/* one per import column, normalised */
	long line;
	bool id_given;
};

struct import {
	const char *path;
	int date_order;		/* enum ml_date_order */
	struct import_col *cols;
	size_t ncols;
	struct import_row *rows;
	size_t nrows;
	bool replace;
	char yesterday[ML_DATE_LEN];
	ml_day today;
	struct plan_import_result res;
	ml_problem_fn report;
	void *ctx;
	size_t problems;
};

void
plan_slug(const char *name, char *buf, size_t size)
{
	size_t n = 0;
	bool gap = false;

	for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
		if (isalnum(*p) && *p < 0x80) {
			if (gap && n > 0 && n + 1 < size && n < 63)
				buf[n++] = '_';
			gap = false;
			if (n + 1 < size && n < 64)
				buf[n++] = (char)tolower(*p);
		} else {
			gap = true;
		}
	}
	buf[n < size ? n : size - 1] = '\0';
}

static void
problem(struct import *im, long line, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
problem(struct import *im, long line, const char *field, const char *fmt, ...)
{
	struct ml_error e;
	va_list ap;

	memset(&e, 0, sizeof e);
	va_start(ap, fmt);
	ml_error_set(&e, im->path, line, field, "%s", "");
	vsnprintf(e.msg, sizeof e.msg, fmt, ap);
	va_end(ap);
	if (im->report != NULL)
		im->report(im->ctx, &e);
	im->problems++;
}

/* Trim surrounding white space into a new string. */
static char *
trimmed(const char *s)
{
	const char *end;

	while (isspace((unsigned char)*s))
		s++;
	end = s + strlen(s);
	while (end > s && isspace((unsigned char)end[-1]))
		end--;
	return xstrndup(s, (size_t)(end - s));
}

/* @s lower-cased, ASCII letters and digits only: how header names and
 * names for matching are compared.  @keep_spaces keeps one space per run
 * of white space (names), else everything else goes (headers). */
static void
squeeze(const char *s, char *buf, size_t size, bool keep_spaces)
{
	size_t n = 0;
	bool gap = false;

	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (keep_spaces && isspace(*p)) {
			gap = n > 0;
			continue;
		}
		if (!keep_spaces && !(*p < 0x80 && isalnum(*p)))
			continue;
		if (gap && n + 1 < size)
			buf[n++] = ' ';
		gap = false;
		if (n + 1 < size)
			buf[n++] = *p < 0x80 ? (char)tolower(*p) : (char)*p;
	}
	buf[n] = '\0';
}

/* The exercises column header cell @cell names, or -1. */
static int
header_col(const char *cell)
{
	char want[64], word[64];

	squeeze(cell, want, sizeof want, false);
	if (*want == '\0')
		return -1;
	for (size_t i = 0; i < ML_NELEM(header_words); i++) {
		squeeze(header_words[i].word, word, sizeof word, false);
		if (strcmp(want, word) == 0)
			return header_words[i].col;
	}
	return -1;
}

/* import_score_fn: the number of distinct columns a row names; a row that
 * names only one must name `name` (a plan of names alone). */
static int
header_score(void *ctx, const char *const *cells, size_t ncells)
{
	unsigned seen = 0;
	int n = 0;

	(void)ctx;
	for (size_t c = 0; c < ncells; c++) {
		int k = header_col(cells[c]);

		if (k >= 0 && !(seen & (1u << k))) {
			seen |= 1u << k;
			n++;
		}
	}
	return n >= 2 || (seen & (1u << XC_NAME)) ? n : 0;
}

/* "name (Exercise), id, ...": what a header row may hold, for the error
 * when none is found. */
static void
expected_headers(char *buf, size_t size)
{
	const struct ml_schema *sc = ml_schema(ML_EXERCISES);
	static const int order[] = { XC_NAME, XC_ID, XC_INSTRUCTIONS, XC_SETS,
	    XC_REPS, XC_HOLD_S, XC_DAYS, XC_TIMES, XC_START_DATE, XC_END_DATE,
	    XC_ACTIVE };
	size_t n = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < ML_NELEM(order) && n < size; i++) {
		const char *alt = NULL;

		for (size_t w = 0; w < ML_NELEM(header_words); w++)
			if (header_words[w].col == order[i] &&
			    strcmp(header_words[w].word, sc->cols[order[i]].name) != 0) {
				alt = header_words[w].word;
				break;
			}
		n += (size_t)snprintf(buf + n, size - n, "%s%s%s%s%s", i ? ", " : "",
		    sc->cols[order[i]].name, alt ? " (or " : "", alt ? alt : "",
		    alt ? ")" : "");
	}
}

/* --- values ------------------------------------------------------------ */

/*
 * yes/no as spreadsheets write them: 1 yes, 0 no, -1 neither.  The
 * schema's reader (yes/y/true/1, no/n/false/0, any case), plus on/off as
 * the config accepts them: a sheet's "Active: On" is not a typo.
 */
static int
import_yesno(const char *s)
{
	return strcasecmp(s, "on") == 0 ? 1 : strcasecmp(s, "off") == 0 ? 0 :
	    ml_parse_yesno(s);
}

/* "3", "3.0", "3,00" -> "3" (a count typed into a number cell); else @s. */
static void
count_value(char *s)
{
	char *sep = s + strspn(s, "0123456789");

	if (sep > s && (*sep == '.' || *sep == ',') && sep[1] != '\0' &&
	    sep[1 + strspn(sep + 1, "0")] == '\0')
		*sep = '\0';
}

/* One weekday word ("mon", "Monday", "tues") as its three letters, or
 * NULL. */
static const char *
weekday_word(const char *w, size_t len)
{
	static const char *const full[] = { "monday", "tuesday", "wednesday",
	    "thursday", "friday", "saturday", "sunday" };

	if (len < 3)
		return NULL;
	for (size_t d = 0; d < ML_NELEM(full); d++)
		if (len <= strlen(full[d]) && strncasecmp(w, full[d], len) == 0)
			return full[d];
	return NULL;
}

/* "Mon, Wed / Friday" -> "mon;wed;fri"; "Every day" -> "daily"; anything
 * else lower-cased with its spacing tidied, for the check to judge. */
static char *
days_value(const char *v)
{
	char *s = trimmed(v), *out;
	size_t n = 0, len = strlen(s);
	bool all = true;

	for (char *p = s; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	if (strcmp(s, "every day") == 0 || strcmp(s, "everyday") == 0) {
		free(s);
		return xstrdup("daily");
	}
	if (strcmp(s, "weekdays") == 0 || strcmp(s, "weekends") == 0) {
		out = xstrdup(*s == 'w' && s[4] == 'd' ? "mon;tue;wed;thu;fri" :
		    "sat;sun");
		free(s);
		return out;
	}
	if (strncmp(s, "every", 5) == 0 || strcmp(s, "daily") == 0 || *s == '\0')
		goto spaced;
	out = xmalloc(len + 1);
	for (const char *p = s; *p && all;) {
		size_t w;
		const char *day;

		p += strspn(p, ";,/ \t");
		if (*p == '\0')
			break;
		w = strcspn(p, ";,/ \t");
		if ((day = weekday_word(p, w)) == NULL) {
			all = false;
			break;
		}
		if (n > 0)
			out[n++] = ';';
		memcpy(out + n, day, 3);
		n += 3;
		p += w;
	}
	if (all && n > 0) {
		out[n] = '\0';
		free(s);
		return out;
	}
	free(out);
spaced:
	/* "mon; wed ;fri", "every  2 days": white space tidied only. */
	out = xmalloc(len + 1);
	n = 0;
	for (const char *p = s; *p; p++) {
		if (isspace((unsigned char)*p)) {
			const char *r = p + strspn(p, " \t\r\n");

			if (*r == ';' || (n > 0 && out[n - 1] == ';') ||
			    (n > 0 && out[n - 1] == ' '))
				continue;
			out[n++] = ' ';
			continue;
		}
		out[n++] = *p;
	}
	out[n] = '\0';
	free(s);
	return out;
}

/* One Excel time ("7:30", "07:30", "07:30:00") as HH:MM into @out (6
 * bytes); false when it is not one.  Minutes are always two digits:
 * "7:3" is a typo, not 07:03; seconds other than :00 are refused. */
static bool
time_word(const char *w, size_t len, char *out)
{
	size_t hd = 0;
	int h = 0, m;

	while (hd < len && hd < 3 && isdigit((unsigned char)w[hd]))
		h = h * 10 + (w[hd++] - '0');
	if (hd == 0 || hd > 2 || len < hd + 3 || w[hd] != ':' ||
	    !isdigit((unsigned char)w[hd + 1]) ||
	    !isdigit((unsigned char)w[hd + 2]))
		return false;
	m = (w[hd + 1] - '0') * 10 + (w[hd + 2] - '0');
	if (len != hd + 3 && (len != hd + 6 || strncmp(w + hd + 3, ":00", 3) != 0))
		return false;
	if (h > 23 || m > 59)
		return false;
	out[0] = (char)('0' + h / 10);
	out[1] = (char)('0' + h % 10);
	out[2] = ':';
	out[3] = (char)('0' + m / 10);
	out[4] = (char)('0' + m % 10);
	out[5] = '\0';
	return true;
}

/* "7:30; 18:00:00" -> "07:30;18:00"; unreadable parts kept for the
 * check to report. */
static char *
times_value(const char *v)
{
	char *out = xmalloc(strlen(v) * 2 + 1);
	size_t n = 0;

	for (const char *p = v;;) {
		size_t w;
		char hhmm[6];

		p += strspn(p, ";, \t\r\n");
		if (*p == '\0')
			break;
		w = strcspn(p, ";, \t\r\n");
		if (n > 0)
			out[n++] = ';';
		if (time_word(p, w, hhmm)) {
			memcpy(out + n, hhmm, 5);
			n += 5;
		} else {
			memcpy(out + n, p, w);
			n += w;
		}
		p += w;
	}
	out[n] = '\0';
	return out;
}

static const char *const month_names[] = { "January", "February", "March",
    "April", "May", "June", "July", "August", "September", "October",
    "November", "December" };

/*
 * A date as spreadsheets write it, into @iso (ML_DATE_LEN bytes): year
 * first with '-' '/' or '.', or with a 4-digit year last as date_order
 * says; a midnight time after it (Excel's "2026-12-02 00:00:00") is
 * dropped.  False with @why (@wsize bytes) saying what to do; @why is ""
 * when the value should simply be reported as invalid.
 */
static bool
date_value(const struct import *im, const char *v, char *iso, char *why,
    size_t wsize)
{
	char buf[40], sep;
	long part[3];
	size_t digits[3];
	const char *p;
	char *end;
	int y, m, d;

	static const char *const midnight[] = { " 00:00:00", "T00:00:00",
	    " 00:00" };

	why[0] = '\0';
	snprintf(buf, sizeof buf, "%s", v);
	for (size_t i = 0; i < ML_NELEM(midnight); i++) {
		size_t bl = strlen(buf), tl = strlen(midnight[i]);

		if (bl > tl && strcmp(buf + bl - tl, midnight[i]) == 0)
			buf[bl - tl] = '\0';
	}
	p = buf;
	sep = '\0';
	for (int i = 0; i < 3; i++) {
		if (!isdigit((unsigned char)*p))
			return false;
		part[i] = strtol(p, &end, 10);
		digits[i] = (size_t)(end - p);
		p = end;
		if (i < 2) {
			if (*p != '-' && *p != '/' && *p != '.')
				return false;
			if (sep != '\0' && *p != sep)
				return false;
			sep = *p++;
		}
	}
	if (*p != '\0' || digits[1] > 2)
		return false;
	if (digits[0] == 4 && digits[2] <= 2) {
		y = (int)part[0];
		m = (int)part[1];
		d = (int)part[2];
	} else if (digits[2] == 4 && digits[0] <= 2) {
		long a = part[0], b = part[1];

		if (im->date_order == ML_DATE_ORDER_DMY) {
			d = (int)a;
			m = (int)b;
		} else if (im->date_order == ML_DATE_ORDER_MDY) {
			m = (int)a;
			d = (int)b;
		} else {
			/* Which readings are real days says what to suggest. */
			bool dm = a <= 31 && b >= 1 && b <= 12 && a >= 1 &&
			    a <= ml_days_in_month((int)part[2], (int)b);
			bool md = b <= 31 && a >= 1 && a <= 12 && b >= 1 &&
			    b <= ml_days_in_month((int)part[2], (int)a);

			if (dm && md && a != b)
				snprintf(why, wsize, "could be %ld %s or %ld %s: set "
				    "date_order = dmy (day first) or mdy (month "
				    "first) in the [plan] section of the config, or "
				    "write YYYY-MM-DD", a, month_names[b - 1], b,
				    month_names[a - 1]);
			else if (dm && md)
				snprintf(why, wsize, "does not start with the year: "
				    "set date_order = dmy or mdy in the [plan] section "
				    "of the config, or write YYYY-MM-DD");
			else if (dm)
				snprintf(why, wsize, "reads day first: set date_order "
				    "= dmy in the [plan] section of the config, or "
				    "write %ld-%02ld-%02ld", part[2], b, a);
			else if (md)
				snprintf(why, wsize, "reads month first: set "
				    "date_order = mdy in the [plan] section of the "
				    "config, or write %ld-%02ld-%02ld", part[2], a, b);
			return false;
		}
		y = (int)part[2];
		if (m > 12 && d <= 12)
			snprintf(why, wsize, "not a %s date (date_order = %s in "
			    "the config)", im->date_order == ML_DATE_ORDER_DMY ?
			    "day-first" : "month-first",
			    im->date_order == ML_DATE_ORDER_DMY ? "dmy" : "mdy");
	} else {
		if (digits[2] == 2 && digits[0] <= 2)
			snprintf(why, wsize, "two-digit year: write the year in "
			    "full, or YYYY-MM-DD");
		return false;
	}
	if (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1 ||
	    d > ml_days_in_month(y, m))
		return false;
	ml_date_format(ml_date_from_ymd(y, m, d), iso);
	return true;
}

/*
 * What a spreadsheet may have done to a value of @type, undone.  Returns
 * a new string; sets @why (@wsize bytes) when the value is wrong in a way
 * worth explaining beyond "expected ...".
 */
static char *
normalise(const struct import *im, const char *v, enum ml_type type,
    char *why, size_t wsize)
{
	char *s, iso[ML_DATE_LEN];
	int yn;

	why[0] = '\0';
	if (type == ML_T_TEXT) {
		/* export's guard against formulas: '=1+1 was =1+1. */
		if (v[0] == '\'' && v[1] != '\0' && strchr("=+-@\t\r", v[1]))
			v++;
		return xstrdup(v);
	}
	if (type == ML_T_DAYS)
		return days_value(v);
	if (type == ML_T_TIMES)
		return times_value(v);
	s = trimmed(v);
	switch (type) {
	case ML_T_SLUG:
		for (char *p = s; *p; p++)
			*p = (char)tolower((unsigned char)*p);
		break;
	case ML_T_COUNT:
		count_value(s);
		break;
	case ML_T_YESNO:
		if (*s != '\0' && (yn = import_yesno(s)) >= 0) {
			free(s);
			return xstrdup(yn ? "yes" : "no");
		}
		break;
	case ML_T_DATE:
		if (*s != '\0' && date_value(im, s, iso, why, wsize)) {
			free(s);
			return xstrdup(iso);
		}
		break;
	default:
		break;
	}
	return s;
}

/* What an import accepts for @type, where it is more than the file's
 * own format. */
static const char *
import_expects(enum ml_type type)
{
	switch (type) {
	case ML_T_YESNO:
		return "yes or no (TRUE/FALSE, y/n, 1/0 and on/off are read too)";
	case ML_T_TIMES:
		return "times such as 08:00, 7:30 or 07:30:00, separated by ;";
	case ML_T_DAYS:
		return "daily, every N days, or weekdays such as Mon;Wed;Fri";
	case ML_T_COUNT:
		return "a whole number";
	case ML_T_DATE:
		return "a date such as 2026-12-02 or 2026/12/02";
	default:
		return ml_type_describe(type);
	}
}

/* --- the file ---------------------------------------------------------- */

static void
free_import(struct import *im)
{
	for (size_t r = 0; r < im->nrows; r++) {
		for (size_t c = 0; c < im->ncols; c++)
			free(im->rows[r].vals[c]);
		free(im->rows[r].vals);
	}
	free(im->rows);
	for (size_t c = 0; c < im->ncols; c++)
		free(im->cols[c].name);
	free(im->cols);
}

static bool
empty_cells(const struct import_sheet_row *row, size_t from)
{
	for (size_t c = from; c < row->ncells; c++)
		if (row->cells[c][strspn(row->cells[c], " \t\r\n")] != '\0')
			return false;
	return true;
}

/* Order column slots by name, then by position (for sorting). */
static int
col_cmp(const void *a, const void *b)
{
	const struct import_col *x = *(const struct import_col *const *)a;
	const struct import_col *y = *(const struct import_col *const *)b;
	int c = strcmp(x->name, y->name);

	return c != 0 ? c : (x < y ? -1 : x > y);
}

/* Two header cells naming one column make every value ambiguous.  Sorted,
 * not compared pairwise: a spreadsheet accident can make a header of
 * 100,000 cells. */
static void
check_repeated_columns(struct import *im, long line)
{
	struct import_col **slots = xcalloc(im->ncols + 1, sizeof *slots);
	int first[XC_NCOLS];
	size_t n = 0;

	for (size_t k = 0; k < XC_NCOLS; k++)
		first[k] = -1;
	for (size_t c = 0; c < im->ncols; c++) {
		int k = im->cols[c].schema_col;

		if (k >= 0 && first[k] < 0)
			first[k] = (int)c;
		else if (k >= 0)
			problem(im, line, im->cols[c].name, "column given twice "
			    "(also column %d, '%s')", first[k] + 1,
			    im->cols[first[k]].name);
		else if (im->cols[c].name[0] != '\0')
			slots[n++] = &im->cols[c];
	}
	qsort(slots, n, sizeof *slots, col_cmp);
	for (size_t i = 1; i < n; i++)
		if (strcmp(slots[i - 1]->name, slots[i]->name) == 0)
			problem(im, line, slots[i]->name, "column given twice (also "
			    "column %zu)", (size_t)(slots[i - 1] - im->cols) + 1);
	free(slots);
}

static int
map_header(struct import *im, const struct import_sheet *sh)
{
	const struct ml_schema *sc = ml_schema(ML_EXERCISES);
	const struct import_sheet_row *hdr = &sh->rows[sh->header];
	long line = hdr->line;
	bool *has_value = xcalloc(hdr->ncells + 1, sizeof *has_value);

	im->ncols = hdr->ncells;
	im->cols = xcalloc(hdr->ncells, sizeof *im->cols);
	for (size_t c = 0; c < hdr->ncells; c++) {
		im->cols[c].name = trimmed(hdr->cells[c]);
		im->cols[c].schema_col = header_col(im->cols[c].name);
	}
	check_repeated_columns(im, line);
	/* A spreadsheet's trailing empty column is harmless; values under
	 * no name are not (one pass over the cells). */
	for (size_t r = (size_t)sh->header + 1; r < sh->nrows; r++)
		for (size_t c = 0; c < sh->rows[r].ncells && c < im->ncols; c++)
			if (*sh->rows[r].cells[c] != '\0')
				has_value[c] = true;
	for (size_t c = 0; c < im->ncols; c++)
		if (im->cols[c].name[0] == '\0' && has_value[c])
			problem(im, line, NULL, "column %zu has values but no name",
			    c + 1);
	free(has_value);
	for (size_t k = 0; k < XC_NCOLS; k++) {
		bool have = false;
		char alts[128] = "";
		size_t n = 0;

		if (!sc->cols[k].required || k == XC_ID)
			continue;
		for (size_t c = 0; c < im->ncols; c++)
			have |= im->cols[c].schema_col == (int)k;
		if (have)
			continue;
		for (size_t w = 0; w < ML_NELEM(header_words); w++)
			if (header_words[w].col == (int)k &&
			    strcmp(header_words[w].word, sc->cols[k].name) != 0)
				n += (size_t)snprintf(alts + n, sizeof alts - n,
				    "%s%s", n ? ", " : "", header_words[w].word);
		problem(im, line, sc->cols[k].name, "required column missing from "
		    "the header (also read as: %s)", alts);
	}
	return im->problems == 0 ? 0 : -1;
}

/* The normalised value of schema column @k in @row, or "". */
static const char *
value_of(const struct import *im, const struct import_row *row, int k)
{
	for (size_t c = 0; c < im->ncols; c++)
		if (im->cols[c].schema_col == k)
			return row->vals[c];
	return "";
}

static void
check_row(struct import *im, const struct import_sheet_row *src,
    struct import_row *row)
{
	const struct ml_schema *sc = ml_schema(ML_EXERCISES);
	size_t before = im->problems;
	struct plan_schedule sched;
	struct ml_error e;
	const char *days;

	row->line = src->line;
	row->vals = xcalloc(im->ncols, sizeof *row->vals);
	/* Cells past the header that are empty are a spreadsheet's habit. */
	if (src->ncells < im->ncols ||
	    (src->ncells > im->ncols && !empty_cells(src, im->ncols)))
		problem(im, src->line, NULL, "row has %zu fields, the header has "
		    "%zu", src->ncells, im->ncols);
	for (size_t c = 0; c < im->ncols; c++) {
		int k = im->cols[c].schema_col;
		const char *cell = c < src->ncells ? src->cells[c] : "";
		const char *why;
		char explain[256];

		row->vals[c] = normalise(im, cell, k < 0 ? ML_T_TEXT :
		    sc->cols[k].type, explain, sizeof explain);
		if (k < 0)
			continue;
		/* An empty id is matched by name or made from it below. */
		if (*row->vals[c] == '\0' && sc->cols[k].required && k != XC_ID)
			problem(im, src->line, sc->cols[k].name, "empty, but "
			    "required");
		else if (sc->cols[k].type == ML_T_TEXT &&
		    !ml_value_check(ML_T_TEXT, row->vals[c], NULL))
			/* Not echoed: the bytes may not be text at all. */
			problem(im, src->line, sc->cols[k].name, "%s",
			    text_utf8_valid(row->vals[c]) ? "holds a control "
			    "character (an escape sequence?); only tab and "
			    "line breaks are allowed" : "not UTF-8 text (in a "
			    "spreadsheet, save as \"CSV UTF-8\")");
		else if (!ml_value_check(sc->cols[k].type, row->vals[c], &why)) {
			char shown[64];

			ml_printable(row->vals[c], 40, shown, sizeof shown);
			if (*explain != '\0')
				problem(im, src->line, sc->cols[k].name, "'%s' %s",
				    shown, explain);
			else
				problem(im, src->line, sc->cols[k].name, "invalid "
				    "value '%s' (expected %s)", shown,
				    import_expects(sc->cols[k].type));
		}
	}
	if (im->problems != before)
		return;
	/* Values are fine one by one; now the schedule as a whole. */
	days = value_of(im, row, XC_DAYS);
	if (plan_schedule_parse(days, value_of(im, row, XC_TIMES),
	    value_of(im, row, XC_START_DATE), value_of(im, row, XC_END_DATE),
	    value_of(im, row, XC_ACTIVE), &sched, &e) != 0)
		problem(im, src->line, e.field, "%s", e.msg);
	else if (sched.kind == PLAN_EVERY && !sched.has_start)
		problem(im, src->line, "start_date", "empty, but '%s' counts from "
		    "it", days);
}

/* --- matching rows to the plan ------------------------------------------ */

/* The plan as it is, seen through the store or a transaction. */
struct plan_view {
	size_t nrows;
	const char *(*get)(const void *src, size_t row, size_t col);
	const void *src;
};

static const char *
store_view_get(const void *src, size_t row, size_t col)
{
	return store_get(src, ML_EXERCISES, row, col);
}

static const char *
tx_view_get(const void *src, size_t row, size_t col)
{
	return tx_get(src, row, col);
}

/*
 * Give every row its id: the one in the file, else that of the one
 * exercise of the plan with the same name, else one made from the name.
 * With @report, problems are reported (a name two exercises share, no id
 * to be made, two rows on one exercise); returns their count.
 */
static size_t
resolve_ids(struct import *im, const struct plan_view *v, bool report)
{
	size_t before = im->problems;
	char want[512], have[512];

	for (size_t r = 0; r < im->nrows; r++) {
		struct import_row *row = &im->rows[r];
		const char *id = value_of(im, row, XC_ID);
		const char *name = value_of(im, row, XC_NAME);
		long match = -1;
		size_t nmatch = 0;

		row->id_given = *id != '\0';
		if (row->id_given) {
			snprintf(row->id, sizeof row->id, "%s", id);
			continue;
		}
		squeeze(name, want, sizeof want, true);
		for (size_t p = 0; p < v->nrows; p++) {
			squeeze(v->get(v->src, p, XC_NAME), have, sizeof have, true);
			if (*want != '\0' && strcmp(want, have) == 0 &&
			    (match < 0 || strcmp(v->get(v->src, (size_t)match,
			    XC_ID), v->get(v->src, p, XC_ID)) != 0)) {
				if (match < 0)
					match = (long)p;
				nmatch++;
			}
		}
		if (nmatch == 1) {
			snprintf(row->id, sizeof row->id, "%s",
			    v->get(v->src, (size_t)match, XC_ID));
			continue;
		}
		if (nmatch > 1 && report)
			problem(im, row->line, "name", "%zu exercises of the plan "
			    "have this name: add an id column to say which",
			    nmatch);
		plan_slug(name, row->id, sizeof row->id);
		if (row->id[0] == '\0' && *name != '\0' && report)
			problem(im, row->line, "id", "empty, and none can be made "
			    "from the name: give one (a-z, 0-9, _ and -)");
	}
	for (size_t r = 1; report && r < im->nrows; r++)
		for (size_t q = 0; q < r; q++)
			if (im->rows[r].id[0] != '\0' &&
			    strcmp(im->rows[r].id, im->rows[q].id) == 0) {
				problem(im, im->rows[r].line, "id", "duplicate id "
				    "'%s', also on line %ld%s", im->rows[r].id,
				    im->rows[q].line, im->rows[r].id_given ? "" :
				    " (found by the name; give each an id)");
				break;
			}
	return im->problems - before;
}

/* Table column named @name, added when missing. */
static size_t
kept_column(struct ml_table *t, const char *name)
{
	for (size_t c = 0; c < t->ncols; c++)
		if (strcmp(t->header[c], name) == 0)
			return c;
	return ml_table_add_col(t, name);
}

static void
add_item(struct import *im, enum plan_import_fate fate, const char *id,
    const char *name)
{
	struct plan_import_result *res = &im->res;

	res->items = xreallocarray(res->items, res->nitems + 1,
	    sizeof *res->items);
	res->items[res->nitems].fate = fate;
	snprintf(res->items[res->nitems].id, sizeof res->items[0].id, "%s", id);
	res->items[res->nitems].name = xstrdup(name);
	res->nitems++;
	switch (fate) {
	case PLAN_IMPORT_NEW:		res->added++; break;
	case PLAN_IMPORT_UPDATED:	res->updated++; break;
	case PLAN_IMPORT_UNCHANGED:	res->unchanged++; break;
	case PLAN_IMPORT_ENDED:		res->ended++; break;
	case PLAN_IMPORT_REMOVED:	res->removed++; break;
	}
}

/* Does exercise row @row already hold every value of import row @ir? */
static bool
same_values(struct import *im, struct ml_tx *tx, size_t row,
    const struct import_row *ir)
{
	struct ml_table *t = tx_table(tx);

	for (size_t c = 0; c < im->ncols; c++) {
		int k = im->cols[c].schema_col;
		const char *old = "";

		if (k == XC_ID || (k < 0 && im->cols[c].name[0] == '\0'))
			continue;
		if (k >= 0) {
			old = tx_get(tx, row, (size_t)k);
		} else {
			for (size_t tc = 0; tc < t->ncols; tc++)
				if (strcmp(t->header[tc], im->cols[c].name) == 0)
					old = ml_row_get(&t->rows[row], tc);
		}
		if (strcmp(old, ir->vals[c]) != 0)
			return false;
	}
	return true;
}

/* Is exercise @id one of the file's rows? */
static bool
in_file(const struct import *im, const char *id)
{
	for (size_t r = 0; r < im->nrows; r++)
		if (strcmp(im->rows[r].id, id) == 0)
			return true;
	return false;
}

/* Drop the rows @drop marks, keeping the others (and their order): the
 * transaction can only clear rows and append them, so the kept ones are
 * copied out and back. */
static void
drop_rows(struct ml_tx *tx, const bool *drop)
{
	struct ml_table *t = tx_table(tx);
	size_t n = t->nrows, ncols = t->ncols, kept = 0;
	char ***copy = xcalloc(n, sizeof *copy);

	for (size_t r = 0; r < n; r++) {
		if (drop[r])
			continue;
		copy[kept] = xcalloc(ncols, sizeof **copy);
		for (size_t c = 0; c < ncols; c++)
			copy[kept][c] = xstrdup(ml_row_get(&t->rows[r], c));
		kept++;
	}
	tx_clear_rows(tx);
	for (size_t r = 0; r < kept; r++) {
		size_t row = tx_append_row(tx);

		t = tx_table(tx);
		for (size_t c = 0; c < ncols; c++) {
			ml_row_set(&t->rows[row], c, copy[r][c]);
			free(copy[r][c]);
		}
		free(copy[r]);
	}
	free(copy);
}

/* --replace: end each exercise the file leaves out from today (end_date
 * yesterday), so its past stays as it was; remove one that has not
 * started yet, as it has no past. */
static void
end_the_rest(struct import *im, struct ml_tx *tx)
{
	size_t n = tx_nrows(tx);
	bool *drop = xcalloc(n + 1, sizeof *drop), any = false;

	for (size_t r = 0; r < n; r++) {
		const char *id = tx_get(tx, r, XC_ID);
		ml_day start, last;

		if (in_file(im, id))
			continue;
		if (ml_date_parse(tx_get(tx, r, XC_START_DATE), &start) &&
		    start >= im->today) {
			add_item(im, PLAN_IMPORT_REMOVED, id, tx_get(tx, r, XC_NAME));
			drop[r] = any = true;
			continue;
		}
		if (ml_date_parse(tx_get(tx, r, XC_END_DATE), &last) &&
		    last < im->today)
			continue;	/* ended already: its history stands */
		add_item(im, PLAN_IMPORT_ENDED, id, tx_get(tx, r, XC_NAME));
		tx_set(tx, r, XC_END_DATE, im->yesterday);
	}
	if (any)
		drop_rows(tx, drop);
	free(drop);
}

static int
apply_import(struct ml_tx *tx, void *vctx, struct ml_error *err)
{
	struct import *im = vctx;
	struct plan_view v = { tx_nrows(tx), tx_view_get, tx };
	char (*ids)[72] = xcalloc(im->nrows ? im->nrows : 1, sizeof *ids);

	/* Matched again under the lock: the plan may have changed since. */
	for (size_t r = 0; r < im->nrows; r++)
		memcpy(ids[r], im->rows[r].id, sizeof ids[r]);
	resolve_ids(im, &v, false);
	for (size_t r = 0; r < im->nrows; r++)
		if (strcmp(ids[r], im->rows[r].id) != 0) {
			free(ids);
			ml_error_set(err, im->path, 0, NULL, "the plan changed "
			    "while it was being imported; nothing imported (run "
			    "the import again)");
			return -1;
		}
	free(ids);
	for (size_t r = 0; r < im->nrows; r++) {
		const char *key[1] = { im->rows[r].id };
		long row = tx_find(tx, key);
		enum plan_import_fate fate;

		if (row < 0) {
			row = (long)tx_add_row(tx, key);
			fate = PLAN_IMPORT_NEW;
		} else {
			fate = same_values(im, tx, (size_t)row, &im->rows[r]) ?
			    PLAN_IMPORT_UNCHANGED : PLAN_IMPORT_UPDATED;
		}
		add_item(im, fate, im->rows[r].id, value_of(im, &im->rows[r],
		    XC_NAME));
		for (size_t c = 0; c < im->ncols; c++) {
			int k = im->cols[c].schema_col;

			if (k == XC_ID || (k < 0 && im->cols[c].name[0] == '\0'))
				continue;
			if (k >= 0) {
				tx_set(tx, (size_t)row, (size_t)k, im->rows[r].vals[c]);
			} else {
				struct ml_table *t = tx_table(tx);
				size_t col = kept_column(t, im->cols[c].name);

				ml_row_set(&t->rows[row], col, im->rows[r].vals[c]);
			}
		}
	}
	if (im->replace)
		end_the_rest(im, tx);
	return 0;
}

/* --- the result -------------------------------------------------------- */

const char *
plan_import_fate_name(enum plan_import_fate fate)
{
	static const char *const names[] = { "new", "updated", "unchanged",
	    "ended", "removed" };

	return (size_t)fate < ML_NELEM(names) ? names[fate] : "?";
}

void
plan_import_result_free(struct plan_import_result *res)
{
	for (size_t i = 0; i < res->nitems; i++)
		free(res->items[i].name);
	free(res->items);
	res->items = NULL;
	res->nitems = 0;
}

void
plan_import_summary(const struct plan_import_result *res, FILE *fp)
{
	fprintf(fp, "%zu exercise%s imported: %zu new, %zu updated, %zu "
	    "unchanged", res->rows, res->rows == 1 ? "" : "s", res->added,
	    res->updated, res->unchanged);
	if (res->ended > 0)
		fprintf(fp, "; %zu ended from today", res->ended);
	if (res->removed > 0)
		fprintf(fp, "; %zu not started yet, removed", res->removed);
	fprintf(fp, ".\n");
	for (size_t i = 0; i < res->nitems; i++) {
		char name[256], id[128];

		/* Both came from a file: through the output gate, so nothing
		 * in them may drive the terminal. */
		text_safe(name, sizeof name, res->items[i].name, 60,
		    TEXT_ELLIPSIS);
		text_safe(id, sizeof id, res->items[i].id, -1, 0);
		fprintf(fp, "  %-9s  %s (%s)\n",
		    plan_import_fate_name(res->items[i].fate), name, id);
	}
}

int
plan_import(struct ml_store *s, const struct ml_config *cfg, const char *path,
    bool replace, ml_problem_fn report, void *ctx,
    struct plan_import_result *res, struct ml_error *err)
{
	return plan_import_from(s, cfg, path, ml_today(), replace, report, ctx,
	    res, err);
}

int
plan_import_from(struct ml_store *s, const struct ml_config *cfg,
    const char *path, ml_day effective, bool replace, ml_problem_fn report,
    void *ctx, struct plan_import_result *res, struct ml_error *err)
{
	struct import im;
	struct import_sheet sh;
	struct plan_view v;
	size_t first, ndata = 0;
	int rc;

	memset(&im, 0, sizeof im);
	im.path = path;
	im.date_order = cfg != NULL ? cfg->date_order : ML_DATE_ORDER_YMD;
	im.replace = replace;
	im.report = report;
	im.ctx = ctx;
	/* The day the change takes effect: "today" for --replace's ends and
	 * for the plan history (plan_transact). */
	im.today = effective;
	ml_date_format(im.today - 1, im.yesterday);
	if (res != NULL)
		memset(res, 0, sizeof *res);
	if (import_sheet_read(path, header_score, NULL, &sh, err) != 0) {
		import_sheet_free(&sh);
		return -1;
	}
	if (sh.header < 0) {
		char expected[512];

		expected_headers(expected, sizeof expected);
		if (sh.nrows == 0)
			ml_error_set(err, path, 0, NULL, "empty file; nothing "
			    "imported");
		else
			ml_error_set(err, path, sh.rows[0].line, NULL, "no header "
			    "row found; nothing imported.  The header names the "
			    "columns: %s", expected);
		import_sheet_free(&sh);
		return -1;
	}
	first = (size_t)sh.header + 1;
	for (size_t r = first; r < sh.nrows; r++)
		ndata += !empty_cells(&sh.rows[r], 0);
	if (ndata == 0) {
		ml_error_set(err, path, sh.rows[sh.header].line, NULL, "no "
		    "exercises in the file; nothing imported");
		import_sheet_free(&sh);
		return -1;
	}
	if (map_header(&im, &sh) == 0) {
		im.rows = xcalloc(ndata, sizeof *im.rows);
		for (size_t r = first; r < sh.nrows; r++)
			if (!empty_cells(&sh.rows[r], 0))
				check_row(&im, &sh.rows[r], &im.rows[im.nrows++]);
		if (store_load(s, ML_EXERCISES, NULL, err) != 0) {
			import_sheet_free(&sh);
			free_import(&im);
			return -1;
		}
		v.nrows = store_nrows(s, ML_EXERCISES);
		v.get = store_view_get;
		v.src = s;
		resolve_ids(&im, &v, true);
	}
	import_sheet_free(&sh);
	im.res.rows = im.nrows;
	if (im.problems > 0) {
		ml_error_set(err, path, 0, NULL, "%zu problem%s found; nothing "
		    "imported", im.problems, im.problems == 1 ? "" : "s");
		rc = -1;
	} else {
		rc = plan_transact(s, im.today, apply_import, &im, err);
	}
	if (rc == 0 && res != NULL) {
		*res = im.res;
		memset(&im.res, 0, sizeof im.res);
	}
	plan_import_result_free(&im.res);
	free_import(&im);
	return rc;
}
