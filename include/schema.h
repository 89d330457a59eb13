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

enum ml_file {
	ML_ENTRIES,
	ML_PROCEDURES,
	ML_EXERCISES,
	ML_EXERCISE_LOG,
	ML_ALERTS,
	ML_PSFS_ACTIVITIES,
	ML_PSFS_RATINGS,
	ML_NFILES
};

enum ml_type {
	ML_T_DATE,		/* YYYY-MM-DD */
	ML_T_SCORE,		/* integer 0-10 */
	ML_T_YESNO,		/* yes / no */
	ML_T_TEMP,		/* decimal 30.0-45.0, '.' point */
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

/*
 * Check @value against @type.  Empty values are always accepted here (the
 * caller checks `required`).  On failure, return false and set *why to a
 * static description of what is accepted.
 */
bool ml_value_check(enum ml_type type, const char *value, const char **why);
/* A short description of what @type accepts, e.g. "an integer 0-10". */
const char *ml_type_describe(enum ml_type type);

/* Parse helpers; false when @s is empty or invalid.  @out may be NULL
 * (validation only). */
bool ml_parse_int(const char *s, long min, long max, long *out);
bool ml_parse_decimal(const char *s, double min, double max, double *out);
/* 1 for yes, 0 for no, -1 for empty or anything else. */
int ml_parse_yesno(const char *s);

/* Procedure kinds, in schema order; NULL-terminated. */
extern const char *const ml_proc_kinds[];
/* Human wording of a kind, e.g. "lumbar puncture"; @kind itself if unknown. */
const char *ml_proc_kind_label(const char *kind);

/* Entries columns, in canonical order (indexes into the entries schema). */
enum ml_entry_col {
	EC_DATE, EC_BACK_PAIN, EC_BACK_PAIN_WORST, EC_LEG_PAIN, EC_HEADACHE,
	EC_HEADACHE_UPRIGHT, EC_NUMBNESS, EC_TINGLING, EC_LEG_WEAKNESS,
	EC_BLADDER_BOWEL, EC_SADDLE_NUMBNESS, EC_TEMPERATURE_C,
	EC_SITE_PROBLEM, EC_SLEEP_HOURS, EC_MEDICATION, EC_THERAPIES,
	EC_ACTIVITY_MIN, EC_MOOD, EC_NOTES, EC_UPDATED_AT, EC_NCOLS
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
	AC_ACKNOWLEDGED_AT, AC_NCOLS
};

/* PSFS (psfs.h): the activities, and one rating per activity per week. */
enum ml_psfs_activity_col {
	PA_ID, PA_NAME, PA_ADDED, PA_RETIRED, PA_FORMER_NAMES, PA_NCOLS
};

enum ml_psfs_rating_col {
	PR_WEEK, PR_ACTIVITY_ID, PR_RATING, PR_RATED_AT, PR_NCOLS
};

#endif
