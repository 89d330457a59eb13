/*
 * config.h - the config file: an INI file parsed by inih, checked against
 * one option table (section, key, type, range, default, help), the same
 * table config.example and man/mendlog.5 document.
 *
 * Unknown keys are warnings; bad values are errors; both carry FILE:LINE.
 * A missing config file means defaults.
 */
#ifndef ML_CONFIG_H
#define ML_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "mendlog.h"
#include "schema.h"

/* How a plan import reads dates that do not start with the year. */
enum ml_date_order {
	ML_DATE_ORDER_YMD,	/* year first only: 2026-12-02, 2026/12/02 */
	ML_DATE_ORDER_DMY,	/* also 02/12/2026 = 2 December */
	ML_DATE_ORDER_MDY	/* also 12/02/2026 = 2 December */
};

struct ml_config {
	/* [storage] */
	char *data_dir;			/* owned; NULL = default */

	/* [alerts]: thresholds of the red-flag rules */
	double fever_c;
	int fever_back_pain;
	int severe_headache;
	int post_puncture_headache;
	int post_puncture_days;
	int injection_back_pain_worst;
	int injection_days;
	int nerve_consecutive_days;
	int nerve_leg_pain;
	double worsening_delta;
	int worsening_recent_days;
	int worsening_baseline_days;
	int worsening_min_baseline;
	int severe_pain_worst;
	int severe_pain_days;
	int beyond_window_pain;
	int window_days[ML_PROC_KINDS_MAX];	/* by ml_proc_kinds() index */
	int chronic_pain;
	int chronic_days;
	int chronic_of_days;
	int chronic_from_day;
	int startup_days;
	int episode_gap_days;		/* entered days without a sign that end its episode */
	int renotify_urgent_days;	/* an acknowledged urgent sign reminds again after */
	int renotify_contact_days;	/* ... a contact one */
	/* issue 13: the signs the sources name */
	int post_block_days;		/* post_block_deficit, back_pain_deficit */
	int back_pain_deficit_worst;
	int fall_days;			/* fall_after_surgery */
	int site_leaking_watch_days;
	int no_bowel_days;
	int no_bowel_window_days;
	int puncture_headache_persisting;
	int puncture_headache_until_day;
	int puncture_headache_rising_days;
	int pain_jump_points;
	int pain_jump_days;

	/* [reminders] */
	int overdue_after_min;
	int snooze_minutes;
	bool bell;

	/* [plan] */
	int date_order;			/* enum ml_date_order */

	/* [ui] */
	bool color;
	int refresh_seconds;

	/* [psfs]: the weekly function score (psfs.h) */
	int psfs_week_start;		/* 0 = Monday ... 6 = Sunday */
	int psfs_due_day;		/* weekday the weekly rating is due */
	double psfs_meaningful_change;	/* |change| of the mean that matters */

	/* [patient]: for the report's first line; owned, NULL = not set */
	char *patient_name;
	char *patient_id;
};

/* Severity of a config message. */
enum ml_config_level { ML_CONFIG_WARNING, ML_CONFIG_ERROR };

/* Receives each warning or error (err has file, line, field, msg). */
typedef void (*ml_config_report)(void *ctx, enum ml_config_level level,
    const struct ml_error *err);

/* Fill @cfg with every default. */
void config_defaults(struct ml_config *cfg);
/* Free what @cfg owns. */
void config_free(struct ml_config *cfg);

/*
 * Read @path over the current values of @cfg.  A missing file is fine
 * unless @must_exist.  Every problem goes to @report (may be NULL).
 * Returns 0 when there were no errors (warnings allowed), -1 otherwise,
 * with @err holding the first error.
 */
int config_load(struct ml_config *cfg, const char *path, bool must_exist,
    ml_config_report report, void *ctx, struct ml_error *err);

/* Set one option from text (as if read from the file); for tests. */
int config_set(struct ml_config *cfg, const char *section, const char *key,
    const char *value, struct ml_error *err);

/*
 * The red-flag thresholds set outside their safe range (allowed, but a
 * rule may then stay silent: fever_c = 42 silences a 40.5 C fever).  @fn
 * (may be NULL) gets each one: its section and key, the value and the
 * safe range.  Returns how many.
 */
typedef void (*ml_config_unsafe_fn)(void *ctx, const char *section,
    const char *key, double value, double safe_min, double safe_max);
size_t config_unsafe(const struct ml_config *cfg, ml_config_unsafe_fn fn,
    void *ctx);

/* One option of the table, for docs and `mendlog --help`. */
struct ml_option_doc {
	const char *section, *key, *def, *help;
};
/* The option table; *n receives its length. */
const struct ml_option_doc *config_options(size_t *n);

/*
 * Where files live.  Each returns a new string (caller frees):
 *  config: @flag, $MENDLOG_CONFIG, $XDG_CONFIG_HOME/mendlog/config,
 *          ~/.config/mendlog/config.  *explicit says whether the user named
 *          it (then it must exist).
 *  data:   @flag, $MENDLOG_DIR, cfg->data_dir, $XDG_DATA_HOME/mendlog,
 *          ~/.local/share/mendlog.
 * NULL when no home directory can be found.
 */
char *config_path(const char *flag, bool *explicit);
char *config_data_dir(const char *flag, const struct ml_config *cfg);

#endif
