/*
 * config.c - option table and INI parsing through inih.
 *
 * Debian's inih is built without INI_HANDLER_LINENO, so the handler cannot
 * ask for the line number.  We feed inih through ini_parse_stream() with our
 * own line reader, which counts lines; the handler runs right after the
 * reader returns the line it concerns, so the count is that line's number.
 */
#include <errno.h>
#include <ini.h>
#include <pwd.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "config.h"
#include "schema.h"

enum opt_type { OPT_INT, OPT_DOUBLE, OPT_BOOL, OPT_STRING, OPT_MINUTES,
	OPT_WEEKDAY, OPT_WINDOWS, OPT_DATE_ORDER };

/* OPT_DATE_ORDER's words, in enum ml_date_order order. */
static const char *const date_orders[] = { "ymd", "dmy", "mdy", NULL };

struct option_def {
	const char *section;
	const char *key;
	enum opt_type type;
	size_t offset;
	double min, max;
	const char *def;
	const char *help;
};

#define OFF(field) offsetof(struct ml_config, field)

static const struct option_def options[] = {
	{ "storage", "data_dir", OPT_STRING, OFF(data_dir), 0, 0, "",
	    "directory of the diary files (default $XDG_DATA_HOME/mendlog)" },

	{ "alerts", "fever_c", OPT_DOUBLE, OFF(fever_c), 37.0, 42.0, "38.0",
	    "temperature (C) from which fever alerts fire and History marks F" },
	{ "alerts", "fever_back_pain", OPT_INT, OFF(fever_back_pain), 0, 10, "5",
	    "back pain that, with a fever, raises fever_back_pain" },
	{ "alerts", "severe_headache", OPT_INT, OFF(severe_headache), 1, 10, "8",
	    "headache score that raises severe_headache" },
	{ "alerts", "post_puncture_headache", OPT_INT, OFF(post_puncture_headache),
	    1, 10, "1", "headache score that raises post_puncture_headache" },
	{ "alerts", "post_puncture_days", OPT_INT, OFF(post_puncture_days), 0, 60,
	    "5", "days after a puncture or epidural that headaches are watched" },
	{ "alerts", "injection_back_pain_worst", OPT_INT,
	    OFF(injection_back_pain_worst), 1, 10, "8",
	    "worst back pain that raises injection_back_pain" },
	{ "alerts", "injection_days", OPT_INT, OFF(injection_days), 0, 60, "7",
	    "days after a puncture or epidural that injection_back_pain applies" },
	{ "alerts", "nerve_consecutive_days", OPT_INT, OFF(nerve_consecutive_days),
	    2, 60, "7", "consecutive days of numbness or tingling that escalate" },
	{ "alerts", "nerve_leg_pain", OPT_INT, OFF(nerve_leg_pain), 1, 10, "6",
	    "leg pain that, with numbness or tingling, escalates" },
	{ "alerts", "worsening_delta", OPT_DOUBLE, OFF(worsening_delta), 0.5, 10,
	    "2.0", "rise in mean back pain that raises worsening_pain" },
	{ "alerts", "worsening_recent_days", OPT_INT, OFF(worsening_recent_days),
	    1, 30, "3", "recent days averaged for worsening_pain" },
	{ "alerts", "worsening_baseline_days", OPT_INT,
	    OFF(worsening_baseline_days), 1, 60, "7",
	    "earlier days averaged as the baseline" },
	{ "alerts", "worsening_min_baseline", OPT_INT, OFF(worsening_min_baseline),
	    1, 60, "4", "baseline days needed before worsening_pain can fire" },
	{ "alerts", "severe_pain_worst", OPT_INT, OFF(severe_pain_worst), 1, 10,
	    "9", "worst back pain that counts towards severe_pain" },
	{ "alerts", "severe_pain_days", OPT_INT, OFF(severe_pain_days), 1, 30, "2",
	    "consecutive days of it that raise severe_pain" },
	{ "alerts", "beyond_window_pain", OPT_INT, OFF(beyond_window_pain), 1, 10,
	    "3", "back pain that, past the expected window, raises pain_beyond_window" },
	/* window_<kind> for each row of the procedure-kind table, with the
	 * table's default: expanded here by all_options(). */
	{ "alerts", NULL, OPT_WINDOWS, OFF(window_days), 1, 3650, NULL, NULL },
	{ "alerts", "chronic_pain", OPT_INT, OFF(chronic_pain), 1, 10, "3",
	    "back pain that counts towards chronic_pain" },
	{ "alerts", "chronic_days", OPT_INT, OFF(chronic_days), 1, 365, "10",
	    "days with it, among the last chronic_of_days entered days" },
	{ "alerts", "chronic_of_days", OPT_INT, OFF(chronic_of_days), 1, 365, "14",
	    "entered days looked at for chronic_pain" },
	{ "alerts", "chronic_from_day", OPT_INT, OFF(chronic_from_day), 1, 3650,
	    "91", "day after the procedure from which chronic_pain can fire" },
	{ "alerts", "startup_days", OPT_INT, OFF(startup_days), 0, 3650, "30",
	    "days the rules re-check at start-up" },
	{ "alerts", "episode_gap_days", OPT_INT, OFF(episode_gap_days), 1, 30,
	    "2", "entered days without a sign after which it is a new alert" },
	{ "alerts", "renotify_urgent_days", OPT_INT, OFF(renotify_urgent_days),
	    1, 30, "2",
	    "days after acknowledging an urgent sign that it is raised again if it persists" },
	{ "alerts", "renotify_contact_days", OPT_INT, OFF(renotify_contact_days),
	    1, 90, "7",
	    "days after acknowledging a contact sign that it is raised again if it persists" },
	{ "alerts", "post_block_days", OPT_INT, OFF(post_block_days), 1, 30, "7",
	    "last day after an epidural or lumbar puncture that numb legs are an emergency" },
	{ "alerts", "back_pain_deficit_worst", OPT_INT,
	    OFF(back_pain_deficit_worst), 1, 10, "8",
	    "worst back pain that, with numb or weak legs after a block, is an emergency" },
	{ "alerts", "fall_days", OPT_INT, OFF(fall_days), 1, 365, "42",
	    "days after surgery that a fall raises fall_after_surgery" },
	{ "alerts", "site_leaking_watch_days", OPT_INT,
	    OFF(site_leaking_watch_days), 0, 30, "5",
	    "last day after surgery that a leaking wound is expected (watch only)" },
	{ "alerts", "no_bowel_days", OPT_INT, OFF(no_bowel_days), 1, 30, "4",
	    "days without a bowel movement after surgery that raise no_bowel_movement" },
	{ "alerts", "no_bowel_window_days", OPT_INT, OFF(no_bowel_window_days),
	    1, 365, "30", "days after surgery that no_bowel_movement applies" },
	{ "alerts", "puncture_headache_persisting", OPT_INT,
	    OFF(puncture_headache_persisting), 1, 10, "4",
	    "headache after post_puncture_days that raises puncture_headache_persisting" },
	{ "alerts", "puncture_headache_until_day", OPT_INT,
	    OFF(puncture_headache_until_day), 1, 60, "14",
	    "last day after a puncture that puncture_headache_persisting applies" },
	{ "alerts", "puncture_headache_rising_days", OPT_INT,
	    OFF(puncture_headache_rising_days), 2, 14, "3",
	    "entered days in a row of a rising headache that raise it at any score" },
	{ "alerts", "pain_jump_points", OPT_INT, OFF(pain_jump_points), 1, 10, "4",
	    "rise of back pain over the mean of the days before that raises pain_jump" },
	{ "alerts", "pain_jump_days", OPT_INT, OFF(pain_jump_days), 1, 30, "3",
	    "entered days before it that pain_jump averages" },

	{ "reminders", "overdue_after", OPT_MINUTES, OFF(overdue_after_min), 1,
	    1440, "2h", "a due slot becomes overdue after this long (30m, 2h)" },
	{ "reminders", "snooze_minutes", OPT_INT, OFF(snooze_minutes), 1, 1440,
	    "15", "how long z snoozes a reminder" },
	{ "reminders", "bell", OPT_BOOL, OFF(bell), 0, 0, "yes",
	    "ring the terminal bell once when a slot comes due" },

	{ "plan", "date_order", OPT_DATE_ORDER, OFF(date_order), 0, 0, "ymd",
	    "dates in imported plans: ymd (year first only), dmy or mdy" },

	{ "ui", "color", OPT_BOOL, OFF(color), 0, 0, "yes",
	    "use colour when the terminal has it (NO_COLOR and --no-color win)" },
	{ "ui", "refresh_seconds", OPT_INT, OFF(refresh_seconds), 1, 60, "2",
	    "how often the screen looks for changes made by other mendlogs" },

	{ "psfs", "week_start", OPT_WEEKDAY, OFF(psfs_week_start), 0, 6,
	    "monday", "first day of a PSFS week (monday ... sunday)" },
	{ "psfs", "due_day", OPT_WEEKDAY, OFF(psfs_due_day), 0, 6, "monday",
	    "weekday the weekly PSFS check-in is due (the screen says so from "
	    "then)" },
	{ "psfs", "meaningful_change", OPT_DOUBLE, OFF(psfs_meaningful_change),
	    0.5, 10, "2.0",
	    "change in the PSFS mean since the first week that is labelled meaningful" },

	{ "patient", "name", OPT_STRING, OFF(patient_name), 0, 0, "",
	    "patient's name for the report's first line (default none)" },
	{ "patient", "id", OPT_STRING, OFF(patient_id), 0, 0, "",
	    "patient's identifier (hospital number) for the report (default none)" },
};

/*
 * Safe ranges of the red-flag thresholds.  A value outside is allowed (a
 * clinician may want it) but named wherever the patient looks
 * (notices.h), since a rule may then stay silent: fever_c = 42 silences a
 * 40.5 C fever.
 */
static const struct safe_range {
	const char *key;	/* in [alerts] */
	double min, max;
} safe_ranges[] = {
	{ "fever_c", 37.5, 39.0 },
	{ "fever_back_pain", 0, 7 },
	{ "severe_headache", 5, 9 },
	{ "post_puncture_headache", 1, 4 },
	{ "post_puncture_days", 3, 60 },
	{ "injection_back_pain_worst", 5, 9 },
	{ "injection_days", 3, 60 },
	{ "nerve_consecutive_days", 2, 14 },
	{ "nerve_leg_pain", 1, 8 },
	{ "severe_pain_worst", 6, 9 },
	{ "severe_pain_days", 1, 3 },
	{ "startup_days", 1, 3650 },
	{ "episode_gap_days", 1, 7 },
	{ "renotify_urgent_days", 1, 3 },
	{ "renotify_contact_days", 1, 14 },
};

#define NALL (ML_NELEM(options) + ML_PROC_KINDS_MAX)

static struct option_def all[NALL];
static size_t nall;
static struct ml_option_doc option_docs[NALL];

/* The option table with the OPT_WINDOWS row expanded, one int option per
 * procedure kind, so a kind added to the schema's table is configurable
 * without an edit here.  Built once; static, never freed. */
static const struct option_def *
all_options(size_t *n)
{
	static char keys[ML_PROC_KINDS_MAX][48], defs[ML_PROC_KINDS_MAX][12];
	const struct ml_proc_kind *kinds;
	size_t nk;

	if (nall == 0) {
		kinds = ml_proc_kinds(&nk);
		for (size_t i = 0; i < ML_NELEM(options); i++) {
			if (options[i].type != OPT_WINDOWS) {
				all[nall++] = options[i];
				continue;
			}
			for (size_t k = 0; k < nk; k++) {
				struct option_def *o = &all[nall++];

				*o = options[i];
				snprintf(keys[k], sizeof keys[k], "window_%s",
				    kinds[k].id);
				snprintf(defs[k], sizeof defs[k], "%d",
				    kinds[k].window_days);
				o->type = OPT_INT;
				o->key = keys[k];
				o->def = defs[k];
				o->help = kinds[k].window_help;
				o->offset += k * sizeof(int);
			}
		}
	}
	*n = nall;
	return all;
}

const struct ml_option_doc *
config_options(size_t *n)
{
	const struct option_def *o = all_options(n);

	for (size_t i = 0; i < *n; i++) {
		option_docs[i].section = o[i].section;
		option_docs[i].key = o[i].key;
		option_docs[i].def = o[i].def;
		option_docs[i].help = o[i].help;
	}
	return option_docs;
}

static const struct option_def *
find_option(const char *section, const char *key)
{
	size_t n;
	const struct option_def *o = all_options(&n);

	for (size_t i = 0; i < n; i++)
		if (strcmp(o[i].section, section) == 0 &&
		    strcmp(o[i].key, key) == 0)
			return &o[i];
	return NULL;
}

/* Parse "90", "90m", "2h", "1h30m" into minutes. */
static bool
parse_minutes(const char *s, long *out)
{
	long total = 0, n = 0;
	bool digits = false, any = false;

	for (const char *p = s; *p; p++) {
		if (*p >= '0' && *p <= '9') {
			if (n > 100000)
				return false;
			n = n * 10 + (*p - '0');
			digits = true;
		} else if ((*p == 'h' || *p == 'm') && digits) {
			total += *p == 'h' ? n * 60 : n;
			n = 0;
			digits = false;
			any = true;
		} else {
			return false;
		}
	}
	if (digits)
		total += n;
	else if (!any)
		return false;
	*out = total;
	return true;
}

/* "monday".."sunday" (or "mon".."sun") to 0..6; -1 otherwise. */
static int
weekday_parse(const char *s)
{
	static const char *const names[] = { "monday", "tuesday", "wednesday",
	    "thursday", "friday", "saturday", "sunday" };

	for (int i = 0; i < 7; i++)
		if (strcmp(s, names[i]) == 0 || (strlen(s) == 3 &&
		    strncmp(s, names[i], 3) == 0))
			return i;
	return -1;
}

static int
apply_option(struct ml_config *cfg, const struct option_def *o,
    const char *value, struct ml_error *err)
{
	char *base = (char *)cfg + o->offset;
	char shown[256];
	long n;
	double d;
	int b;

	switch (o->type) {
	case OPT_INT:
		if (!ml_parse_int(value, (long)o->min, (long)o->max, &n))
			goto bad;
		*(int *)(void *)base = (int)n;
		return 0;
	case OPT_MINUTES:
		if (!parse_minutes(value, &n) || n < (long)o->min || n > (long)o->max)
			goto bad;
		*(int *)(void *)base = (int)n;
		return 0;
	case OPT_DOUBLE:
		if (!ml_parse_decimal(value, o->min, o->max, &d))
			goto bad;
		*(double *)(void *)base = d;
		return 0;
	case OPT_BOOL:
		/* The schema's yes/no reader, plus on/off for a config. */
		b = strcasecmp(value, "on") == 0 ? 1 :
		    strcasecmp(value, "off") == 0 ? 0 : ml_parse_yesno(value);
		if (b < 0)
			goto bad;
		*(bool *)(void *)base = b == 1;
		return 0;
	case OPT_WEEKDAY:
		if ((b = weekday_parse(value)) < 0)
			goto bad;
		*(int *)(void *)base = b;
		return 0;
	case OPT_DATE_ORDER:
		for (int i = 0; date_orders[i] != NULL; i++)
			if (strcmp(value, date_orders[i]) == 0) {
				*(int *)(void *)base = i;
				return 0;
			}
		goto bad;
	case OPT_STRING:
		free(*(char **)(void *)base);
		*(char **)(void *)base = *value ? xstrdup(value) : NULL;
		return 0;
	case OPT_WINDOWS:	/* expanded by all_options(), never applied */
		break;
	}
bad:
	ml_printable(value, 40, shown, sizeof shown);
	switch (o->type) {
	case OPT_BOOL:
		ml_error_set(err, NULL, 0, o->key,
		    "invalid value '%s': expected yes or no", shown);
		break;
	case OPT_WEEKDAY:
		ml_error_set(err, NULL, 0, o->key, "invalid value '%s': expected "
		    "a weekday, monday ... sunday", shown);
		break;
	case OPT_DATE_ORDER:
		ml_error_set(err, NULL, 0, o->key, "invalid value '%s': expected "
		    "ymd, dmy (day first: 02/12/2026 is 2 December) or mdy", shown);
		break;
	case OPT_MINUTES:
		ml_error_set(err, NULL, 0, o->key, "invalid value '%s': expected "
		    "a duration from %gm to %gm, such as 30m or 2h", shown,
		    o->min, o->max);
		break;
	default:
		ml_error_set(err, NULL, 0, o->key,
		    "invalid value '%s': expected a %s from %g to %g", shown,
		    o->type == OPT_INT ? "whole number" : "number", o->min, o->max);
		break;
	}
	return -1;
}

void
config_defaults(struct ml_config *cfg)
{
	size_t n;
	const struct option_def *o = all_options(&n);

	memset(cfg, 0, sizeof *cfg);
	for (size_t i = 0; i < n; i++)
		if (apply_option(cfg, &o[i], o[i].def, NULL) != 0)
			fatal("bad default for %s.%s", o[i].section, o[i].key);
}

void
config_free(struct ml_config *cfg)
{
	ML_FREE(&cfg->data_dir);
	ML_FREE(&cfg->patient_name);
	ML_FREE(&cfg->patient_id);
}

int
config_set(struct ml_config *cfg, const char *section, const char *key,
    const char *value, struct ml_error *err)
{
	const struct option_def *o = find_option(section, key);

	if (o == NULL) {
		ml_error_set(err, NULL, 0, key, "unknown key in [%s]", section);
		return -1;
	}
	return apply_option(cfg, o, value, err);
}

struct parse_ctx {
	struct ml_config *cfg;
	const char *path;
	FILE *fp;
	long line;
	int errors;
	struct ml_error first;
	ml_config_report report;
	void *rctx;
};

static void problem(struct parse_ctx *, enum ml_config_level,
    struct ml_error *, long);

/*
 * Hand inih one whole line per call, so its line count is ours.  fgets()
 * would split a line longer than inih's buffer and inih would parse the
 * tail as a line of its own (a long comment could set a key); a NUL byte
 * would hide the newline.  Such lines are errors, reported here.
 */
static char *
counting_reader(char *str, int num, void *stream)
{
	struct parse_ctx *pc = stream;
	struct ml_error e;
	size_t n = 0;
	bool too_long = false, nul = false;
	int c;

	while ((c = getc(pc->fp)) != EOF) {
		if (c == '\0') {
			nul = true;
			c = ' ';
		}
		if (n + 2 < (size_t)num || c == '\n')
			str[n++] = (char)c;
		else
			too_long = true;
		if (c == '\n')
			break;
	}
	if (n == 0 && c == EOF)
		return NULL;
	str[n] = '\0';
	pc->line++;
	c = str[strspn(str, " \t")];
	if (c == '#' || c == ';')
		too_long = false;	/* the rest of a long comment is dropped */
	if (too_long || nul) {
		ml_error_set(&e, NULL, 0, NULL, too_long ?
		    "line longer than %d characters" : "NUL byte in line",
		    num - 2);
		problem(pc, ML_CONFIG_ERROR, &e, pc->line);
		str[0] = '\0';		/* inih sees a blank line */
	}
	return str;
}

static void
problem(struct parse_ctx *pc, enum ml_config_level level, struct ml_error *e,
    long line)
{
	char field[sizeof e->field], msg[sizeof e->msg];

	snprintf(field, sizeof field, "%s", e->field);
	snprintf(msg, sizeof msg, "%s", e->msg);
	ml_error_set(e, pc->path, line, field, "%s", msg);
	if (level == ML_CONFIG_ERROR && pc->errors++ == 0)
		pc->first = *e;
	if (pc->report != NULL)
		pc->report(pc->rctx, level, e);
}

static int
ini_cb(void *user, const char *section, const char *name, const char *value)
{
	struct parse_ctx *pc = user;
	const struct option_def *o = find_option(section, name);
	struct ml_error e;

	if (o == NULL) {
		bool known_section = false;

		for (size_t i = 0; i < ML_NELEM(options); i++)
			if (strcmp(options[i].section, section) == 0)
				known_section = true;
		ml_error_set(&e, NULL, 0, name, known_section ?
		    "unknown key in [%s], ignored" :
		    "unknown key (section [%s] is not one of mendlog's), ignored",
		    section);
		problem(pc, ML_CONFIG_WARNING, &e, pc->line);
		return 1;
	}
	if (apply_option(pc->cfg, o, value, &e) != 0)
		problem(pc, ML_CONFIG_ERROR, &e, pc->line);
	return 1;
}

int
config_load(struct ml_config *cfg, const char *path, bool must_exist,
    ml_config_report report, void *ctx, struct ml_error *err)
{
	struct parse_ctx pc;
	struct ml_error e;
	int rc;

	memset(&pc, 0, sizeof pc);
	pc.cfg = cfg;
	pc.path = path;
	pc.report = report;
	pc.rctx = ctx;
	pc.fp = fopen(path, "r");
	if (pc.fp == NULL) {
		if (errno == ENOENT && !must_exist)
			return 0;
		ml_error_set(err, path, 0, NULL, "%s", strerror(errno));
		return -1;
	}
	rc = ini_parse_stream(counting_reader, &pc, ini_cb, &pc);
	fclose(pc.fp);
	if (rc > 0) {
		/* inih: a line that is neither [section] nor key = value. */
		ml_error_set(&e, NULL, 0, NULL,
		    "syntax error: expected [section] or key = value");
		problem(&pc, ML_CONFIG_ERROR, &e, rc);
	} else if (rc < 0) {
		ml_error_set(&e, NULL, 0, NULL, "cannot parse (out of memory)");
		problem(&pc, ML_CONFIG_ERROR, &e, 0);
	}
	if (pc.errors > 0) {
		if (err != NULL)
			*err = pc.first;
		return -1;
	}
	return 0;
}

static const char *
home_dir(void)
{
	const char *home = getenv("HOME");
	struct passwd *pw;

	if (home != NULL && *home != '\0')
		return home;
	pw = getpwuid(getuid());
	return pw != NULL ? pw->pw_dir : NULL;
}

static char *
xdg_path(const char *var, const char *fallback, const char *leaf)
{
	const char *base = getenv(var), *home;

	/* XDG says relative values are invalid and must be ignored. */
	if (base != NULL && base[0] == '/')
		return xasprintf("%s/%s", base, leaf);
	if ((home = home_dir()) == NULL)
		return NULL;
	return xasprintf("%s/%s/%s", home, fallback, leaf);
}

char *
config_path(const char *flag, bool *explicit)
{
	const char *env = getenv("MENDLOG_CONFIG");

	*explicit = true;
	if (flag != NULL)
		return xstrdup(flag);
	if (env != NULL && *env != '\0')
		return xstrdup(env);
	*explicit = false;
	return xdg_path("XDG_CONFIG_HOME", ".config", "mendlog/config");
}

char *
config_data_dir(const char *flag, const struct ml_config *cfg)
{
	const char *env = getenv("MENDLOG_DIR");

	if (flag != NULL)
		return xstrdup(flag);
	if (env != NULL && *env != '\0')
		return xstrdup(env);
	if (cfg->data_dir != NULL) {
		const char *home;

		/* "~/x" is what people write in config files. */
		if (strncmp(cfg->data_dir, "~/", 2) == 0 &&
		    (home = home_dir()) != NULL)
			return xasprintf("%s/%s", home, cfg->data_dir + 2);
		return xstrdup(cfg->data_dir);
	}
	return xdg_path("XDG_DATA_HOME", ".local/share", "mendlog");
}

size_t
config_unsafe(const struct ml_config *cfg, ml_config_unsafe_fn fn, void *ctx)
{
	size_t count = 0;

	for (size_t i = 0; i < ML_NELEM(safe_ranges); i++) {
		const struct safe_range *r = &safe_ranges[i];
		const struct option_def *o = find_option("alerts", r->key);
		const char *base = (const char *)cfg + o->offset;
		double v = o->type == OPT_DOUBLE ?
		    *(const double *)(const void *)base :
		    *(const int *)(const void *)base;

		if (v >= r->min && v <= r->max)
			continue;
		count++;
		if (fn != NULL)
			fn(ctx, "alerts", r->key, v, r->min, r->max);
	}
	return count;
}
