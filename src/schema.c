/*
 * schema.c - column tables and value validation for every file.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "mendlog.h"
#include "schema.h"

static const struct ml_column entry_cols[EC_NCOLS] = {
	{ "date", ML_T_DATE, true, "the day this row describes" },
	{ "back_pain", ML_T_SCORE, false, "average back pain today, 0 (none) to 10 (worst imaginable)" },
	{ "back_pain_worst", ML_T_SCORE, false, "worst back pain today, 0-10" },
	{ "leg_pain", ML_T_SCORE, false, "leg pain (sciatica), 0-10" },
	{ "headache", ML_T_SCORE, false, "headache, 0-10" },
	{ "headache_upright", ML_T_YESNO, false, "headache worse sitting or standing, easing lying down" },
	{ "numbness", ML_T_YESNO, false, "numbness in the legs or feet" },
	{ "tingling", ML_T_YESNO, false, "pins and needles in the legs or feet" },
	{ "leg_weakness", ML_T_YESNO, false, "new weakness in a leg or foot" },
	{ "bladder_bowel", ML_T_YESNO, false, "new trouble controlling or emptying bladder or bowel" },
	{ "saddle_numbness", ML_T_YESNO, false, "numbness between the legs or around the bottom" },
	{ "temperature_c", ML_T_TEMP, false, "highest temperature today, degrees Celsius" },
	{ "site_problem", ML_T_YESNO, false, "wound or puncture site red, swollen, hot or discharging" },
	{ "sleep_hours", ML_T_HOURS, false, "hours slept last night" },
	{ "medication", ML_T_TEXT, false, "medicines taken (free text)" },
	{ "therapies", ML_T_TEXT, false, "therapies: heat, ice, massage, TENS... (free text)" },
	{ "activity_min", ML_T_MINUTES, false, "minutes of walking or activity" },
	{ "mood", ML_T_SCORE, false, "mood, 0 (very low) to 10 (very good)" },
	{ "notes", ML_T_TEXT, false, "anything else (free text)" },
	{ "updated_at", ML_T_TIMESTAMP, false, "when mendlog last changed this row" },
};

static const struct ml_column procedure_cols[PC_NCOLS] = {
	{ "date", ML_T_DATE, true, "the day of the procedure (day 0)" },
	{ "kind", ML_T_PROC_KIND, true, "what was done" },
	{ "description", ML_T_TEXT, false, "free text: hospital, level, surgeon..." },
};

static const struct ml_column exercise_cols[XC_NCOLS] = {
	{ "id", ML_T_SLUG, true, "unique short name: lower-case letters, digits, _ and -" },
	{ "name", ML_T_TEXT, true, "the exercise's name" },
	{ "instructions", ML_T_TEXT, false, "how to do it" },
	{ "sets", ML_T_COUNT, false, "number of sets" },
	{ "reps", ML_T_COUNT, false, "repetitions per set" },
	{ "hold_s", ML_T_COUNT, false, "seconds to hold each repetition" },
	{ "days", ML_T_DAYS, false, "daily, a ;-list of mon..sun, or every N days (default daily)" },
	{ "times", ML_T_TIMES, false, "a ;-list of local HH:MM slots" },
	{ "start_date", ML_T_DATE, false, "first day of the plan (inclusive)" },
	{ "end_date", ML_T_DATE, false, "last day of the plan (inclusive); empty = open" },
	{ "active", ML_T_YESNO, false, "no pauses the exercise (default yes)" },
};

static const struct ml_column exercise_log_cols[LC_NCOLS] = {
	{ "date", ML_T_DATE, true, "the day of the slot" },
	{ "slot", ML_T_HHMM, true, "the HH:MM slot this answers" },
	{ "exercise_id", ML_T_SLUG, true, "the exercise's id" },
	{ "status", ML_T_STATUS, true, "done, partial or skipped" },
	{ "logged_at", ML_T_TIMESTAMP, false, "when it was logged" },
	{ "sets_done", ML_T_COUNT, false, "sets done" },
	{ "pain_during", ML_T_SCORE, false, "pain during the exercise, 0-10" },
	{ "note", ML_T_TEXT, false, "free text" },
};

static const struct ml_column alert_cols[AC_NCOLS] = {
	{ "raised_at", ML_T_TIMESTAMP, true, "when the alert was raised" },
	{ "date", ML_T_DATE, true, "the diary day that raised it" },
	{ "rule", ML_T_SLUG, true, "the rule's id" },
	{ "severity", ML_T_SEVERITY, true, "emergency, urgent, contact or watch" },
	{ "message", ML_T_TEXT, false, "the advice shown" },
	{ "acknowledged_at", ML_T_TIMESTAMP, false, "when the user acknowledged it; empty = not yet" },
};

static const struct ml_column psfs_activity_cols[PA_NCOLS] = {
	{ "id", ML_T_SLUG, true, "stable id of the activity; ratings refer to it, a rename keeps it" },
	{ "name", ML_T_TEXT, true, "the activity as the patient names it now" },
	{ "added", ML_T_DATE, false, "the day it was added" },
	{ "retired", ML_T_DATE, false, "the day it was retired; empty = active" },
	{ "former_names", ML_T_TEXT, false, "earlier names, oldest first, separated by \" | \"" },
};

static const struct ml_column psfs_rating_cols[PR_NCOLS] = {
	{ "week", ML_T_DATE, true, "first day of the rated week" },
	{ "activity_id", ML_T_SLUG, true, "the activity's id in psfs_activities.csv" },
	{ "rating", ML_T_SCORE, true, "0 (unable to do it) to 10 (as before the problem)" },
	{ "rated_at", ML_T_TIMESTAMP, false, "when the rating was saved" },
};

static const size_t entry_key[] = { EC_DATE };
static const size_t exercise_key[] = { XC_ID };
static const size_t log_key[] = { LC_DATE, LC_SLOT, LC_EXERCISE_ID };
static const size_t alert_key[] = { AC_DATE, AC_RULE, AC_SEVERITY };
static const size_t psfs_activity_key[] = { PA_ID };
static const size_t psfs_rating_key[] = { PR_WEEK, PR_ACTIVITY_ID };

static const struct ml_schema schemas[ML_NFILES] = {
	{ ML_ENTRIES, "entries.csv", entry_cols, EC_NCOLS, entry_key, 1 },
	{ ML_PROCEDURES, "procedures.csv", procedure_cols, PC_NCOLS, NULL, 0 },
	{ ML_EXERCISES, "exercises.csv", exercise_cols, XC_NCOLS, exercise_key, 1 },
	{ ML_EXERCISE_LOG, "exercise_log.csv", exercise_log_cols, LC_NCOLS, log_key, 3 },
	{ ML_ALERTS, "alerts.csv", alert_cols, AC_NCOLS, alert_key, 3 },
	{ ML_PSFS_ACTIVITIES, "psfs_activities.csv", psfs_activity_cols,
	    PA_NCOLS, psfs_activity_key, 1 },
	{ ML_PSFS_RATINGS, "psfs_ratings.csv", psfs_rating_cols, PR_NCOLS,
	    psfs_rating_key, 2 },
};

const char *const ml_proc_kinds[] = {
	"lumbar_puncture", "epidural_labour", "epidural_steroid", "discectomy",
	"laminectomy", "fusion", "other", NULL
};

static const char *const proc_labels[] = {
	"lumbar puncture", "labour epidural", "epidural steroid injection",
	"discectomy", "laminectomy", "spinal fusion", "procedure", NULL
};

const char *
ml_proc_kind_label(const char *kind)
{
	for (size_t i = 0; ml_proc_kinds[i] != NULL; i++)
		if (strcmp(kind, ml_proc_kinds[i]) == 0)
			return proc_labels[i];
	return kind;
}

const struct ml_schema *
ml_schema(enum ml_file file)
{
	if ((int)file < 0 || file >= ML_NFILES)
		return NULL;
	return &schemas[file];
}

int
ml_schema_col(const struct ml_schema *schema, const char *name)
{
	for (size_t i = 0; i < schema->ncols; i++)
		if (strcmp(schema->cols[i].name, name) == 0)
			return (int)i;
	return -1;
}

bool
ml_parse_int(const char *s, long min, long max, long *out)
{
	const char *p;
	long v = 0;

	if (s == NULL || *s == '\0')
		return false;
	/* [-]digits, accumulated here: strtol was most of `check`'s
	 * per-cell cost on large files. */
	p = s + (*s == '-');
	if (*p == '\0')
		return false;
	for (; *p; p++) {
		if ((unsigned)(*p - '0') > 9u || v > (LONG_MAX - 9) / 10)
			return false;
		v = v * 10 + (*p - '0');
	}
	if (*s == '-')
		v = -v;
	if (v < min || v > max)
		return false;
	if (out != NULL)
		*out = v;
	return true;
}

bool
ml_parse_decimal(const char *s, double min, double max, double *out)
{
	const char *p = s;
	int digits = 0;
	char *end;
	double v;

	if (s == NULL || *s == '\0')
		return false;
	/* Only [-]digits[.digits]: no exponents, no locale commas, no "nan". */
	if (*p == '-')
		p++;
	for (; (unsigned)(*p - '0') <= 9u; p++)
		digits++;
	if (*p == '.') {
		p++;
		for (; (unsigned)(*p - '0') <= 9u; p++)
			digits++;
	}
	if (*p != '\0' || digits == 0)
		return false;
	if (digits <= 15) {
		/* Exact: an integer over a power of ten, one rounding; no
		 * strtod, so no locale, and 5x faster on large files. */
		long long m = 0, scale = 1;
		bool frac = false;

		for (p = s + (*s == '-'); *p; p++) {
			if (*p == '.') {
				frac = true;
				continue;
			}
			m = m * 10 + (*p - '0');
			if (frac)
				scale *= 10;
		}
		v = (double)m / (double)scale;
		if (*s == '-')
			v = -v;
	} else {
		v = strtod(s, &end);
		if (*end != '\0')
			return false;
	}
	if (!isfinite(v) || v < min || v > max)
		return false;
	if (out != NULL)
		*out = v;
	return true;
}

int
ml_parse_yesno(const char *s)
{
	/* Byte compares: two strcmp calls per cell showed in `check`. */
	if (s == NULL)
		return -1;
	if (s[0] == 'y' && s[1] == 'e' && s[2] == 's' && s[3] == '\0')
		return 1;
	if (s[0] == 'n' && s[1] == 'o' && s[2] == '\0')
		return 0;
	return -1;
}

static bool
in_list(const char *s, const char *const *list)
{
	for (size_t i = 0; list[i] != NULL; i++)
		if (strcmp(s, list[i]) == 0)
			return true;
	return false;
}

static bool
check_days(const char *s)
{
	static const char *const wd[] = { "mon", "tue", "wed", "thu", "fri",
	    "sat", "sun", NULL };
	long n;

	if (strcmp(s, "daily") == 0)
		return true;
	if (strncmp(s, "every ", 6) == 0) {
		const char *num = s + 6;
		const char *sp = strchr(num, ' ');
		char buf[16];

		if (sp == NULL || (size_t)(sp - num) >= sizeof buf ||
		    (strcmp(sp, " days") != 0 && strcmp(sp, " day") != 0))
			return false;
		memcpy(buf, num, (size_t)(sp - num));
		buf[sp - num] = '\0';
		return ml_parse_int(buf, 1, 365, &n);
	}
	/* A ;-list of weekday names. */
	for (const char *p = s;;) {
		const char *semi = strchr(p, ';');
		size_t len = semi ? (size_t)(semi - p) : strlen(p);
		char buf[4];

		if (len != 3)
			return false;
		memcpy(buf, p, 3);
		buf[3] = '\0';
		if (!in_list(buf, wd))
			return false;
		if (semi == NULL)
			return true;
		p = semi + 1;
	}
}

static bool
check_times(const char *s)
{
	for (const char *p = s;;) {
		const char *semi = strchr(p, ';');
		size_t len = semi ? (size_t)(semi - p) : strlen(p);
		char buf[6];
		int m;

		if (len != 5)
			return false;
		memcpy(buf, p, 5);
		buf[5] = '\0';
		if (!ml_hhmm_parse(buf, &m))
			return false;
		if (semi == NULL)
			return true;
		p = semi + 1;
	}
}

/* Valid UTF-8 with no control characters but tab, CR and LF. */
static bool
check_text(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p) {
		/* Runs of printable ASCII (0x20-0x7f) in a tight loop: the
		 * common case, and notes are most of a large file's bytes. */
		while ((unsigned char)(*p - 0x20) < 0x60)
			p++;
		if (*p == '\0')
			break;
		if (*p < 0x80) {
			if (*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
				return false;
			p++;
			continue;
		}
		int n = (*p & 0xe0) == 0xc0 ? 1 : (*p & 0xf0) == 0xe0 ? 2 :
		    (*p & 0xf8) == 0xf0 ? 3 : -1;
		if (n < 0 || *p == 0xc0 || *p == 0xc1 || *p > 0xf4)
			return false;
		for (int i = 1; i <= n; i++)
			if ((p[i] & 0xc0) != 0x80)
				return false;
		p += n + 1;
	}
	return true;
}

static bool
check_slug(const char *s)
{
	for (const char *p = s; *p; p++)
		if (!(islower((unsigned char)*p) || isdigit((unsigned char)*p) ||
		    *p == '_' || *p == '-') || (unsigned char)*p >= 0x80)
			return false;
	return strlen(s) <= 64;
}

static const char *const type_desc[ML_T_NTYPES] = {
	[ML_T_DATE] = "a date YYYY-MM-DD",
	[ML_T_SCORE] = "an integer 0-10",
	[ML_T_YESNO] = "yes or no",
	[ML_T_TEMP] = "a temperature 30.0-45.0 (degrees C, '.' as decimal point)",
	[ML_T_HOURS] = "hours 0-24 ('.' as decimal point)",
	[ML_T_MINUTES] = "minutes 0-1440",
	[ML_T_TEXT] = "UTF-8 text",
	[ML_T_TIMESTAMP] = "an ISO 8601 time such as 2026-11-21T08:15:00+00:00",
	[ML_T_PROC_KIND] = "lumbar_puncture, epidural_labour, epidural_steroid, "
	    "discectomy, laminectomy, fusion or other",
	[ML_T_SLUG] = "lower-case letters, digits, _ and - (at most 64)",
	[ML_T_COUNT] = "a whole number 0-100000",
	[ML_T_DAYS] = "daily, a ;-list of mon tue wed thu fri sat sun, or every N days",
	[ML_T_TIMES] = "a ;-list of HH:MM times",
	[ML_T_HHMM] = "a time HH:MM",
	[ML_T_STATUS] = "done, partial or skipped",
	[ML_T_SEVERITY] = "emergency, urgent, contact or watch",
};

const char *
ml_type_describe(enum ml_type type)
{
	return type < ML_T_NTYPES ? type_desc[type] : "?";
}

bool
ml_value_check(enum ml_type type, const char *v, const char **why)
{
	static const char *const status[] = { "done", "partial", "skipped", NULL };
	static const char *const sev[] = { "emergency", "urgent", "contact",
	    "watch", NULL };
	bool ok = false;

	/* No output locals (the parsers take NULL): this runs for every
	 * cell of `check`, and a frame with address-taken locals cost a
	 * tenth of it. */
	if (v == NULL || *v == '\0')
		return true;
	switch (type) {
	case ML_T_DATE:		ok = ml_date_parse(v, NULL); break;
	case ML_T_SCORE:	ok = ml_parse_int(v, 0, 10, NULL); break;
	case ML_T_YESNO:	ok = ml_parse_yesno(v) >= 0; break;
	case ML_T_TEMP:		ok = ml_parse_decimal(v, 30.0, 45.0, NULL); break;
	case ML_T_HOURS:	ok = ml_parse_decimal(v, 0.0, 24.0, NULL); break;
	case ML_T_MINUTES:	ok = ml_parse_int(v, 0, 1440, NULL); break;
	case ML_T_TEXT:		ok = check_text(v); break;
	case ML_T_TIMESTAMP:	ok = ml_timestamp_parse(v, NULL); break;
	case ML_T_PROC_KIND:	ok = in_list(v, ml_proc_kinds); break;
	case ML_T_SLUG:		ok = check_slug(v); break;
	case ML_T_COUNT:	ok = ml_parse_int(v, 0, 100000, NULL); break;
	case ML_T_DAYS:		ok = check_days(v); break;
	case ML_T_TIMES:	ok = check_times(v); break;
	case ML_T_HHMM:		ok = ml_hhmm_parse(v, NULL); break;
	case ML_T_STATUS:	ok = in_list(v, status); break;
	case ML_T_SEVERITY:	ok = in_list(v, sev); break;
	case ML_T_NTYPES:	break;
	}
	if (!ok && why != NULL)
		*why = ml_type_describe(type);
	return ok;
}
