/*
 * schema.c - column tables and value validation for every file.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "date.h"
#include "mendlog.h"
#include "schema.h"
#include "text.h"

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
	{ "bladder_bowel", ML_T_YESNO, false, "lost control of bladder or bowel, or cannot pass urine" },
	{ "saddle_numbness", ML_T_YESNO, false, "numbness between the legs or around the bottom" },
	{ "temperature_c", ML_T_TEMP, false, "highest temperature today, degrees Celsius" },
	{ "site_problem", ML_T_YESNO, false, "wound or puncture site red, hot, swollen, pus or a bad smell" },
	{ "sleep_hours", ML_T_HOURS, false, "hours slept last night" },
	{ "medication", ML_T_TEXT, false, "medicines taken (free text)" },
	{ "therapies", ML_T_TEXT, false, "therapies: heat, ice, massage, TENS... (free text)" },
	{ "activity_min", ML_T_MINUTES, false, "minutes of walking or activity" },
	{ "mood", ML_T_SCORE, false, "mood, 0 (very low) to 10 (very good)" },
	{ "notes", ML_T_TEXT, false, "anything else (free text)" },
	{ "neck_stiffness", ML_T_YESNO, false, "stiff neck: hard to bend the chin to the chest" },
	{ "headache_neuro", ML_T_YESNO, false, "headache with a change in vision, confusion or unusual drowsiness" },
	{ "chest_breathless", ML_T_YESNO, false, "chest pain or breathlessness" },
	{ "cannot_walk", ML_T_YESNO, false, "cannot stand or walk" },
	{ "both_legs", ML_T_YESNO, false, "pain, numbness or weakness in both legs" },
	{ "calf_pain", ML_T_YESNO, false, "calf pain or swelling" },
	{ "fall", ML_T_YESNO, false, "a fall today" },
	{ "pain_uncontrolled", ML_T_YESNO, false, "pain not eased by pain medicine" },
	{ "days_no_bowel", ML_T_DAYCOUNT, false, "days without a bowel movement, 0-30" },
	{ "site_leaking", ML_T_YESNO, false, "wound or puncture site leaking fluid" },
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
	{ "last_date", ML_T_DATE, false, "the last day of the episode: the rule fired on every entered day from date to here; empty = date" },
	{ "status", ML_T_SLUG, false, "empty, seen (the clinician knows: no reminder while it lasts) or error (entered in error)" },
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

static const struct ml_column plan_history_cols[HC_NCOLS] = {
	{ "id", ML_T_SLUG, true, "the exercise's id in exercises.csv" },
	{ "until", ML_T_DATE, true, "last day this version of the schedule applied" },
	{ "days", ML_T_DAYS, false, "days as they were (see exercises.csv)" },
	{ "times", ML_T_TIMES, false, "times as they were" },
	{ "start_date", ML_T_DATE, false, "start_date as it was" },
	{ "end_date", ML_T_DATE, false, "end_date as it was" },
	{ "active", ML_T_YESNO, false, "active as it was; no = not in the plan yet" },
	{ "changed_at", ML_T_TIMESTAMP, false, "when the change was made" },
};

static const struct ml_column plan_pause_cols[PP_NCOLS] = {
	{ "from", ML_T_DATE, true, "first paused day (inclusive)" },
	{ "to", ML_T_DATE, true, "last paused day (inclusive)" },
	{ "created_at", ML_T_TIMESTAMP, false, "when the pause was set" },
};

static const size_t entry_key[] = { EC_DATE };
static const size_t exercise_key[] = { XC_ID };
static const size_t log_key[] = { LC_DATE, LC_SLOT, LC_EXERCISE_ID };
static const size_t alert_key[] = { AC_DATE, AC_RULE, AC_SEVERITY };
static const size_t psfs_activity_key[] = { PA_ID };
static const size_t psfs_rating_key[] = { PR_WEEK, PR_ACTIVITY_ID };
static const size_t plan_history_key[] = { HC_ID, HC_UNTIL };
static const size_t plan_pause_key[] = { PP_FROM };

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
	{ ML_PLAN_HISTORY, "plan_history.csv", plan_history_cols, HC_NCOLS,
	    plan_history_key, 2 },
	{ ML_PLAN_PAUSES, "plan_pauses.csv", plan_pause_cols, PP_NCOLS,
	    plan_pause_key, 1 },
};

static const char *const lp_syn[] = { "spinal tap", "LP", NULL };
static const char *const labour_syn[] = { "labor epidural",
	"epidural in labour", "epidural in labor", "epidural_labor", NULL };
static const char *const steroid_syn[] = { "epidural steroid", "ESI", NULL };
static const char *const discectomy_syn[] = { "microdiscectomy",
	"diskectomy", NULL };
static const char *const fusion_syn[] = { "fusion", NULL };
static const char *const ebp_syn[] = { "blood patch", "EBP", NULL };
static const char *const other_syn[] = { "other procedure", NULL };

/* "other" stays last: rules fall back to it for an unknown kind. */
static const struct ml_proc_kind proc_kinds[] = {
	{ "lumbar_puncture", "lumbar puncture", lp_syn, 7, true,
	    "expected days of back pain after a lumbar puncture", ML_PROC_BLOCK },
	{ "epidural_labour", "labour epidural", labour_syn, 14, true,
	    "... after a labour epidural", ML_PROC_BLOCK },
	{ "epidural_steroid", "epidural steroid injection", steroid_syn, 14, true,
	    "... after an epidural steroid injection", ML_PROC_BLOCK },
	{ "discectomy", "discectomy", discectomy_syn, 42, false,
	    "... after a discectomy", ML_PROC_SURGICAL },
	{ "laminectomy", "laminectomy", NULL, 42, false,
	    "... after a laminectomy", ML_PROC_SURGICAL },
	{ "fusion", "spinal fusion", fusion_syn, 90, false,
	    "... after a spinal fusion", ML_PROC_SURGICAL },
	{ "epidural_blood_patch", "epidural blood patch", ebp_syn, 7, true,
	    "... after an epidural blood patch", ML_PROC_BLOCK },
	{ "other", "procedure", other_syn, 42, false,
	    "... after another procedure", ML_PROC_OTHER },
};

_Static_assert(ML_NELEM(proc_kinds) <= ML_PROC_KINDS_MAX,
    "raise ML_PROC_KINDS_MAX");

const char *
ml_proc_category_name(enum ml_proc_category cat)
{
	static const char *const names[ML_PROC_NCATEGORIES] = {
		"block", "surgical", "other"
	};

	return cat < ML_PROC_NCATEGORIES ? names[cat] : "?";
}

const struct ml_proc_kind *
ml_proc_kinds(size_t *n)
{
	*n = ML_NELEM(proc_kinds);
	return proc_kinds;
}

/* Same name, ignoring case, surrounding blanks, and ' ', '_', '-' as one. */
static bool
kind_name_eq(const char *typed, const char *name)
{
	const char *end;

	while (*typed == ' ' || *typed == '\t')
		typed++;
	end = typed + strlen(typed);
	while (end > typed && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	for (; typed < end && *name; typed++, name++) {
		char a = (char)tolower((unsigned char)*typed);
		char b = (char)tolower((unsigned char)*name);

		if (a == '-' || a == ' ')
			a = '_';
		if (b == '-' || b == ' ')
			b = '_';
		if (a != b)
			return false;
	}
	return typed == end && *name == '\0';
}

int
ml_proc_kind_index(const char *s)
{
	if (s == NULL || *s == '\0')
		return -1;
	/* The stored form first: it is nearly every row. */
	for (size_t i = 0; i < ML_NELEM(proc_kinds); i++)
		if (strcmp(s, proc_kinds[i].id) == 0)
			return (int)i;
	for (size_t i = 0; i < ML_NELEM(proc_kinds); i++) {
		const struct ml_proc_kind *k = &proc_kinds[i];

		if (kind_name_eq(s, k->id) || kind_name_eq(s, k->label))
			return (int)i;
		for (size_t j = 0; k->synonyms && k->synonyms[j]; j++)
			if (kind_name_eq(s, k->synonyms[j]))
				return (int)i;
	}
	return -1;
}

const struct ml_proc_kind *
ml_proc_kind_match(const char *s)
{
	int i = ml_proc_kind_index(s);

	return i < 0 ? NULL : &proc_kinds[i];
}

const char *
ml_proc_kind_label(const char *kind)
{
	const struct ml_proc_kind *k = ml_proc_kind_match(kind);

	return k != NULL ? k->label : kind;
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

/* @s without surrounding blanks: *len bytes from the return value. */
static const char *
trim_blanks(const char *s, size_t *len)
{
	size_t n;

	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	*len = n;
	return s;
}

bool
ml_parse_int(const char *s, long min, long max, long *out)
{
	const char *p, *end;
	size_t len;
	long v = 0;

	if (s == NULL)
		return false;
	s = trim_blanks(s, &len);
	end = s + len;
	if (len == 0)
		return false;
	/* [-]digits, accumulated here: strtol was most of `check`'s
	 * per-cell cost on large files. */
	p = s + (*s == '-');
	if (p == end)
		return false;
	for (; p < end; p++) {
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
	const char *p, *end;
	size_t len;
	long long m = 0;
	double scale = 1.0, v;
	int sig = 0, digits = 0, dropped_int = 0;
	bool neg, frac = false, more = false;

	if (s == NULL)
		return false;
	s = trim_blanks(s, &len);
	end = s + len;
	neg = len > 0 && *s == '-';
	/*
	 * Only [-]digits[(.|,)digits]: no exponents, no "nan", no thousands
	 * separators.  The value is the first 15 significant digits as an
	 * integer over a power of ten (exact, one rounding, no strtod and so
	 * no locale); any non-zero digit after them is remembered in @more,
	 * so a value just below a bound is never rounded onto it.
	 */
	for (p = s + neg; p < end; p++) {
		unsigned d = (unsigned)(*p - '0');

		if (d > 9u) {
			if ((*p == '.' || *p == ',') && !frac) {
				frac = true;
				continue;
			}
			return false;
		}
		digits++;
		if (m == 0 && d == 0) {
			/* A leading zero: it only moves the point. */
			if (frac)
				scale *= 10.0;
		} else if (sig < 15) {
			m = m * 10 + (long long)d;
			sig++;
			if (frac)
				scale *= 10.0;
		} else {
			more = more || d > 0;
			if (!frac)
				dropped_int++;
		}
	}
	if (digits == 0)
		return false;
	v = (double)m / scale;
	for (; dropped_int > 0; dropped_int--)
		v *= 10.0;
	if (neg)
		v = -v;
	if (!isfinite(v) || v < min || v > max)
		return false;
	/* The true value lies beyond v, away from zero. */
	if (more && ((!neg && v == max) || (neg && v == min)))
		return false;
	if (out != NULL)
		*out = v;
	return true;
}

int
ml_parse_yesno(const char *s)
{
	static const char *const yes[] = { "yes", "y", "true", "1", NULL };
	static const char *const no[] = { "no", "n", "false", "0", NULL };
	size_t len;

	if (s == NULL)
		return -1;
	/* The stored forms first, by bytes: this runs for every cell of
	 * `check` and every rule. */
	if (s[0] == 'y' && s[1] == 'e' && s[2] == 's' && s[3] == '\0')
		return 1;
	if (s[0] == 'n' && s[1] == 'o' && s[2] == '\0')
		return 0;
	s = trim_blanks(s, &len);
	for (size_t i = 0; yes[i] != NULL; i++) {
		if (strlen(yes[i]) == len && strncasecmp(s, yes[i], len) == 0)
			return 1;
		if (strlen(no[i]) == len && strncasecmp(s, no[i], len) == 0)
			return 0;
	}
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

/* Strict UTF-8 (text.h: no overlong form, surrogate or code point above
 * U+10FFFF, so what passes here any UTF-8 reader can decode) with no
 * control characters but tab, CR and LF. */
static bool
check_text(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p) {
		unsigned long cp;
		size_t n;

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
		n = text_utf8_decode((const char *)p, &cp);
		if (n == 0)
			return false;
		p += n;
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

#define NO_RANGE 0.0, 0.0

/* Indexed by enum ml_type; the PROC_KIND description is built from the
 * kind table on first use. */
static const struct ml_type_info types[ML_T_NTYPES] = {
	{ ML_T_DATE, "date", NO_RANGE, ML_X_DATE, "a date YYYY-MM-DD" },
	{ ML_T_SCORE, "score", 0, 10, ML_X_INTEGER, "an integer 0-10" },
	{ ML_T_YESNO, "yes/no", NO_RANGE, ML_X_YESNO,
	    "yes or no (y, true, 1 / n, false, 0 in any case also read)" },
	{ ML_T_TEMP, "temperature", 30.0, 45.0, ML_X_DECIMAL,
	    "a temperature 30.0-45.0 (degrees C, '.' or ',' as decimal mark)" },
	{ ML_T_HOURS, "hours", 0.0, 24.0, ML_X_DECIMAL,
	    "hours 0-24 ('.' or ',' as decimal mark)" },
	{ ML_T_MINUTES, "minutes", 0, 1440, ML_X_INTEGER, "minutes 0-1440" },
	{ ML_T_TEXT, "text", NO_RANGE, ML_X_TEXT, "UTF-8 text" },
	{ ML_T_TIMESTAMP, "timestamp", NO_RANGE, ML_X_TIME,
	    "an ISO 8601 time such as 2026-11-21T08:15:00+00:00" },
	{ ML_T_PROC_KIND, "kind", NO_RANGE, ML_X_TEXT, NULL },
	{ ML_T_SLUG, "id", NO_RANGE, ML_X_TEXT,
	    "lower-case letters, digits, _ and - (at most 64)" },
	{ ML_T_COUNT, "count", 0, 100000, ML_X_INTEGER, "a whole number 0-100000" },
	{ ML_T_DAYS, "days", NO_RANGE, ML_X_TEXT,
	    "daily, a ;-list of mon tue wed thu fri sat sun, or every N days" },
	{ ML_T_TIMES, "times", NO_RANGE, ML_X_TEXT, "a ;-list of HH:MM times" },
	{ ML_T_HHMM, "time", NO_RANGE, ML_X_TIME, "a time HH:MM" },
	{ ML_T_STATUS, "status", NO_RANGE, ML_X_TEXT, "done, partial or skipped" },
	{ ML_T_SEVERITY, "severity", NO_RANGE, ML_X_TEXT,
	    "emergency, urgent, contact or watch" },
	{ ML_T_DAYCOUNT, "days", 0, 30, ML_X_INTEGER, "a whole number of days 0-30" },
};

const struct ml_type_info *
ml_type_info(enum ml_type type)
{
	return type < ML_T_NTYPES ? &types[type] : NULL;
}

/* "lumbar_puncture, ... or other": the kind table in words, made once. */
static const char *
kinds_describe(void)
{
	static char buf[512];
	size_t off = 0;

	if (buf[0] != '\0')
		return buf;
	for (size_t i = 0; i < ML_NELEM(proc_kinds); i++)
		off += (size_t)snprintf(buf + off, sizeof buf - off, "%s%s",
		    i == 0 ? "" : i + 1 == ML_NELEM(proc_kinds) ? " or " : ", ",
		    proc_kinds[i].id);
	snprintf(buf + off, sizeof buf - off, " (or its name, e.g. "
	    "\"Lumbar puncture\")");
	return buf;
}

const char *
ml_type_describe(enum ml_type type)
{
	if (type >= ML_T_NTYPES)
		return "?";
	return type == ML_T_PROC_KIND ? kinds_describe() : types[type].desc;
}

double
ml_read_number(enum ml_type type, const char *s)
{
	const struct ml_type_info *t = ml_type_info(type);
	double v;
	long n;

	if (t == NULL || s == NULL || *s == '\0')
		return NAN;
	if (t->export_kind == ML_X_INTEGER)
		return ml_parse_int(s, (long)t->min, (long)t->max, &n) ?
		    (double)n : NAN;
	if (t->export_kind == ML_X_DECIMAL)
		return ml_parse_decimal(s, t->min, t->max, &v) ? v : NAN;
	return NAN;
}

char *
ml_value_normalise(enum ml_type type, const char *value, char *buf,
    size_t size)
{
	const struct ml_type_info *t = ml_type_info(type);
	const char *p;
	size_t len;
	int yn;

	snprintf(buf, size, "%s", value);
	if (t == NULL || !ml_value_check(type, value, NULL))
		return NULL;
	if (*value == '\0' || type == ML_T_TEXT)
		return buf;
	switch (t->export_kind) {
	case ML_X_YESNO:
		yn = ml_parse_yesno(value);
		snprintf(buf, size, "%s", yn == 1 ? "yes" : "no");
		break;
	case ML_X_INTEGER:
		snprintf(buf, size, "%.0f", ml_read_number(type, value));
		break;
	case ML_X_DECIMAL:
		/* The user's digits, trimmed, with '.' as the mark: 37,90
		 * stays 37.90, not a binary float's printing of it. */
		p = trim_blanks(value, &len);
		snprintf(buf, size, "%.*s", (int)len, p);
		for (char *q = buf; *q; q++)
			if (*q == ',')
				*q = '.';
		break;
	default:
		if (type == ML_T_PROC_KIND)
			snprintf(buf, size, "%s", ml_proc_kind_match(value)->id);
		break;
	}
	return buf;
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
	case ML_T_YESNO:	ok = ml_parse_yesno(v) >= 0; break;
	case ML_T_SCORE:
	case ML_T_MINUTES:
	case ML_T_COUNT:
	case ML_T_DAYCOUNT:
		ok = ml_parse_int(v, (long)types[type].min,
		    (long)types[type].max, NULL);
		break;
	case ML_T_TEMP:
	case ML_T_HOURS:
		ok = ml_parse_decimal(v, types[type].min, types[type].max, NULL);
		break;
	case ML_T_TEXT:		ok = check_text(v); break;
	case ML_T_TIMESTAMP:	ok = ml_timestamp_parse(v, NULL); break;
	case ML_T_PROC_KIND:	ok = ml_proc_kind_index(v) >= 0; break;
	case ML_T_SLUG:		ok = check_slug(v); break;
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

int
ml_exercise_dates_check(const char *start, const char *end,
    struct ml_error *err)
{
	ml_day from, to;

	if (start == NULL || end == NULL || !ml_date_parse(start, &from) ||
	    !ml_date_parse(end, &to) || to >= from)
		return 0;
	ml_error_set(err, NULL, 0, "end_date", "%s is before start_date %s",
	    end, start);
	return -1;
}
