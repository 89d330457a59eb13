/*
 * schema.h - the columns of every mendlog file, as data.
 *
 * One table per file names each column, its value type and one line of
 * documentation.  The store validates with it, the CLI parses `log`
 * arguments with it, export walks it, and man/mendlog.5 documents it; so a
 * column is added in one place.  The tables are static and never freed.
 */
#ifndef ML_SCHEMA_H
#define ML_SCHEMA_H

#include <stdbool.h>
#include <stddef.h>

struct ml_error;

enum ml_file {
	ML_ENTRIES,
	ML_PROCEDURES,
	ML_EXERCISES,
	ML_EXERCISE_LOG,
	ML_ALERTS,
	ML_PSFS_ACTIVITIES,
	ML_PSFS_RATINGS,
	ML_PLAN_HISTORY,	/* earlier versions of exercise schedules */
	ML_PLAN_PAUSES,		/* the whole plan paused from a day to a day */
	ML_NFILES
};

enum ml_type {
	ML_T_DATE,		/* YYYY-MM-DD */
	ML_T_SCORE,		/* integer 0-10 */
	ML_T_YESNO,		/* yes / no (also y, true, 1 / n, false, 0) */
	ML_T_TEMP,		/* decimal 30.0-45.0, '.' or ',' point */
	ML_T_HOURS,		/* decimal 0-24 */
	ML_T_MINUTES,		/* integer 0-1440 */
	ML_T_TEXT,		/* any UTF-8 text */
	ML_T_TIMESTAMP,		/* ISO 8601 with offset */
	ML_T_PROC_KIND,		/* lumbar_puncture ... other */
	ML_T_SLUG,		/* [a-z0-9_-]+ */
	ML_T_COUNT,		/* integer >= 0 */
	ML_T_DAYS,		/* daily | mon;wed;fri | every N days */
	ML_T_TIMES,		/* HH:MM;HH:MM... */
	ML_T_HHMM,		/* HH:MM */
	ML_T_STATUS,		/* done | partial | skipped */
	ML_T_SEVERITY,		/* emergency | urgent | contact | watch */
	ML_T_DAYCOUNT,		/* integer 0-30: days without something */
	ML_T_NTYPES
};

struct ml_column {
	const char *name;
	enum ml_type type;
	bool required;		/* must not be empty */
	const char *doc;	/* one line for help and the man page */
};

struct ml_schema {
	enum ml_file file;
	const char *filename;		/* e.g. "entries.csv" */
	const struct ml_column *cols;	/* canonical column order */
	size_t ncols;
	const size_t *key;		/* indexes into cols forming the row key */
	size_t nkey;			/* 0 = rows have no key (append only) */
};

/* The schema of @file.  Never NULL for a valid file. */
const struct ml_schema *ml_schema(enum ml_file file);
/* Index of column @name in @schema, or -1. */
int ml_schema_col(const struct ml_schema *schema, const char *name);

/* How a spreadsheet or export should treat a type's values. */
enum ml_export_kind {
	ML_X_TEXT,		/* quoted, guarded against formula injection */
	ML_X_INTEGER,		/* a whole number */
	ML_X_DECIMAL,		/* a number; the decimal mark may be localised */
	ML_X_YESNO,		/* yes or no */
	ML_X_DATE,		/* YYYY-MM-DD */
	ML_X_TIME,		/* a timestamp or HH:MM */
};

/*
 * One row per value type: everything mendlog knows about a type lives
 * here, so the CLI, the day form, the store's check, the rules, export
 * and the man page read the same range and the same wording.
 */
struct ml_type_info {
	enum ml_type type;
	const char *name;		/* short name, e.g. "score" */
	double min, max;		/* inclusive range of numeric types */
	enum ml_export_kind export_kind;
	const char *desc;		/* what is accepted, for help and errors */
};

/* The row of @type; never NULL for a valid type. */
const struct ml_type_info *ml_type_info(enum ml_type type);

/*
 * Check @value against @type.  Empty values are always accepted here (the
 * caller checks `required`).  Every form the readers below accept passes
 * (`Yes`, `TRUE`, `37,9`), so a hand-edited file is not an error.  On
 * failure, return false and set *why to a static description of what is
 * accepted.
 */
bool ml_value_check(enum ml_type type, const char *value, const char **why);
/* A short description of what @type accepts, e.g. "an integer 0-10". */
const char *ml_type_describe(enum ml_type type);

/*
 * The canonical stored form of @value for @type into @buf: "yes"/"no",
 * "37.9" ('.' mark, no blanks), integers without leading zeros, a kind's
 * id; anything else unchanged.  Returns @buf, or NULL when @value is not
 * valid for @type (then @buf holds a copy of @value).  Empty stays empty.
 */
char *ml_value_normalise(enum ml_type type, const char *value, char *buf,
    size_t size);

/*
 * The readers.  Each trims surrounding blanks and is locale independent;
 * false (or -1) when @s is empty or invalid.  @out may be NULL.
 */
bool ml_parse_int(const char *s, long min, long max, long *out);
/* [-]digits[(.|,)digits]: '.' and ',' are both a decimal mark; no
 * exponents.  Digits past the 15th significant one are not rounded into
 * range: 29.99999999999999999 is below a 30.0 minimum. */
bool ml_parse_decimal(const char *s, double min, double max, double *out);
/* 1 for yes, y, true, 1; 0 for no, n, false, 0 (any case); -1 otherwise. */
int ml_parse_yesno(const char *s);
/* Read a numeric value of @type within the type's range (score, minutes,
 * count, temperature, hours).  NAN when empty or invalid. */
double ml_read_number(enum ml_type type, const char *s);

/*
 * Procedure kinds: one row each.  A kind typed by hand matches by id,
 * label or synonym, in any case ("Lumbar puncture", "LP", "spinal tap").
 * To add a kind, add a row before "other" (which stays last: it is the
 * fallback); its config key window_<id> follows from the row.
 */
/* What kind of procedure a kind is: the rules ask "within days a..b of a
 * block" or "of surgery" (timeline_within). */
enum ml_proc_category {
	ML_PROC_BLOCK,		/* a needle: puncture, epidural, blood patch */
	ML_PROC_SURGICAL,	/* an operation on the spine */
	ML_PROC_OTHER,
	ML_PROC_NCATEGORIES
};

/* "block", "surgical", "other". */
const char *ml_proc_category_name(enum ml_proc_category cat);

struct ml_proc_kind {
	const char *id;			/* stored form, e.g. "lumbar_puncture" */
	const char *label;		/* human wording, "lumbar puncture" */
	const char *const *synonyms;	/* NULL-terminated, may be NULL */
	int window_days;		/* default expected days of back pain */
	bool dural;			/* a needle near the dura: puncture rules */
	const char *window_help;	/* config help for window_<id> */
	enum ml_proc_category category;
};

#define ML_PROC_KINDS_MAX 16

/* The kind table and its length. */
const struct ml_proc_kind *ml_proc_kinds(size_t *n);
/* Index of the kind @s names (id, label or synonym), or -1. */
int ml_proc_kind_index(const char *s);
/* The kind @s names, or NULL. */
const struct ml_proc_kind *ml_proc_kind_match(const char *s);
/* Human wording of a kind, e.g. "lumbar puncture"; @kind itself if unknown. */
const char *ml_proc_kind_label(const char *kind);

/*
 * The exercises.csv rule across cells: end_date not before start_date.
 * A date that does not parse is the cell check's to report, not this.
 * One function for the plan (plan_schedule_parse, so also plan import and
 * the Exercises editor) and `mendlog check`.  0, or -1 with @err.
 */
int ml_exercise_dates_check(const char *start, const char *end,
    struct ml_error *err);

/* Entries columns, in canonical order (indexes into the entries schema). */
enum ml_entry_col {
	EC_DATE, EC_BACK_PAIN, EC_BACK_PAIN_WORST, EC_LEG_PAIN, EC_HEADACHE,
	EC_HEADACHE_UPRIGHT, EC_NUMBNESS, EC_TINGLING, EC_LEG_WEAKNESS,
	EC_BLADDER_BOWEL, EC_SADDLE_NUMBNESS, EC_TEMPERATURE_C,
	EC_SITE_PROBLEM, EC_SLEEP_HOURS, EC_MEDICATION, EC_THERAPIES,
	EC_ACTIVITY_MIN, EC_MOOD, EC_NOTES,
	/* Issue 13: signs added after the original columns (an old file
	 * gains each, after its own columns, when it is first answered). */
	EC_NECK_STIFFNESS, EC_HEADACHE_NEURO, EC_CHEST_BREATHLESS,
	EC_CANNOT_WALK, EC_BOTH_LEGS, EC_CALF_PAIN, EC_FALL,
	EC_PAIN_UNCONTROLLED, EC_DAYS_NO_BOWEL, EC_SITE_LEAKING,
	EC_UPDATED_AT, EC_NCOLS
};

enum ml_procedure_col { PC_DATE, PC_KIND, PC_DESCRIPTION, PC_NCOLS };

enum ml_exercise_col {
	XC_ID, XC_NAME, XC_INSTRUCTIONS, XC_SETS, XC_REPS, XC_HOLD_S, XC_DAYS,
	XC_TIMES, XC_START_DATE, XC_END_DATE, XC_ACTIVE, XC_NCOLS
};

enum ml_exercise_log_col {
	LC_DATE, LC_SLOT, LC_EXERCISE_ID, LC_STATUS, LC_LOGGED_AT,
	LC_SETS_DONE, LC_PAIN_DURING, LC_NOTE, LC_NCOLS
};

enum ml_alert_col {
	AC_RAISED_AT, AC_DATE, AC_RULE, AC_SEVERITY, AC_MESSAGE,
	AC_ACKNOWLEDGED_AT, AC_LAST_DATE, AC_STATUS, AC_NCOLS
};

/* PSFS (psfs.h): the activities, and one rating per activity per week. */
enum ml_psfs_activity_col {
	PA_ID, PA_NAME, PA_ADDED, PA_RETIRED, PA_FORMER_NAMES, PA_NCOLS
};

enum ml_psfs_rating_col {
	PR_WEEK, PR_ACTIVITY_ID, PR_RATING, PR_RATED_AT, PR_NCOLS
};

/* Plan history (plan.h): the schedule an exercise had up to and
 * including `until`; the current one is the exercises.csv row. */
enum ml_plan_history_col {
	HC_ID, HC_UNTIL, HC_DAYS, HC_TIMES, HC_START_DATE, HC_END_DATE,
	HC_ACTIVE, HC_CHANGED_AT, HC_NCOLS
};

/* Plan pauses (plan.h): no slot is due from `from` to `to`. */
enum ml_plan_pause_col { PP_FROM, PP_TO, PP_CREATED_AT, PP_NCOLS };

#endif
