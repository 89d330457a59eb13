/*
 * notices-unchecked.c - never silent: what makes a red-flag rule unable
 * to check, named wherever the patient looks (notices.h).
 *
 *  - a value a rule reads that cannot be read ("leg_weakness 'si'"): the
 *    rules treat it as not answered, so it raises nothing;
 *  - a day with two rows: the rules read only the first;
 *  - a threshold set outside its safe range (config.c), which can keep a
 *    rule quiet (fever_c = 42 and a 40.5 C fever).
 *
 * The file is checked by the same validator as `mendlog check`
 * (store_check_file), so the line numbers are the file's own.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "notices.h"

/*
 * The entries columns a rule reads.  By name, so a sign added to the
 * schema by another change is covered as soon as it is listed here.
 */
static const char *const rule_fields[] = {
	"back_pain", "back_pain_worst", "leg_pain", "numbness", "tingling",
	"leg_weakness", "bladder_bowel", "saddle_numbness", "temperature_c",
	"headache", "headache_upright", "site_problem",
	/* the signs of issue 13 part A */
	"neck_stiffness", "headache_neuro", "chest_breathless", "cannot_walk",
	"both_legs", "calf_pain", "fall", "pain_uncontrolled", "days_no_bowel",
	"site_leaking",
	NULL
};

/* At most this many cells are named one by one; the rest are counted. */
#define UNCHECKED_MAX 5

struct unchecked {
	struct ml_notices *out;
	const char *name;	/* "entries.csv" */
	size_t shown, more;
};

static bool
rule_field(const char *field)
{
	for (size_t i = 0; rule_fields[i] != NULL; i++)
		if (strcmp(rule_fields[i], field) == 0)
			return true;
	return false;
}

/* The value quoted in "invalid value '...' (expected ...)", or "". */
static void
quoted_value(const char *msg, char *buf, size_t size)
{
	const char *start = strchr(msg, '\'');
	const char *end = strstr(msg, "' (expected");

	buf[0] = '\0';
	if (start != NULL && end != NULL && end > start)
		snprintf(buf, size, "%.*s", (int)(end - start - 1), start + 1);
}

static void
one_problem(void *ctx, const struct ml_error *e)
{
	struct unchecked *u = ctx;
	char value[96], short_text[256];

	if (strncmp(e->msg, "duplicate row", 13) == 0) {
		if (u->shown++ >= UNCHECKED_MAX) {
			u->more++;
			return;
		}
		snprintf(short_text, sizeof short_text,
		    "%s:%ld: a day with two rows - see mendlog check", u->name,
		    e->line);
		notices_add(u->out, ML_NOTICE_SAFETY, "unchecked_duplicate",
		    short_text, "%s:%ld: %s: %s; only the first row is "
		    "checked - see mendlog check", u->name, e->line, e->field,
		    e->msg);
		return;
	}
	if (strncmp(e->msg, "invalid value", 13) != 0 || !rule_field(e->field))
		return;
	if (u->shown++ >= UNCHECKED_MAX) {
		u->more++;
		return;
	}
	quoted_value(e->msg, value, sizeof value);
	/* The top line beside the date and an alert banner: short. */
	snprintf(short_text, sizeof short_text, "%s:%ld: %s '%.8s' cannot be "
	    "read", u->name, e->line, e->field, value);
	notices_add(u->out, ML_NOTICE_SAFETY, "unchecked_value", short_text,
	    "%s:%ld: %s '%s' cannot be read, so it is not checked - see "
	    "mendlog check", u->name, e->line, e->field, value);
}

static void
one_unsafe(void *ctx, const char *section, const char *key, double value,
    double safe_min, double safe_max)
{
	struct ml_notices *out = ctx;
	char short_text[256];	/* cut to ML_NOTICE_SHORT by notices_add */

	snprintf(short_text, sizeof short_text, "config: %s = %g is outside "
	    "its safe range", key, value);
	notices_add(out, ML_NOTICE_SAFETY, "unchecked_threshold", short_text,
	    "config [%s] %s = %g is outside its safe range (%g to %g), so its "
	    "alert may not be raised when it should - see mendlog(5)",
	    section, key, value, safe_min, safe_max);
}

void
notices_unchecked(struct ml_app *app, ml_day today, struct ml_notices *out)
{
	struct unchecked u;
	const char *path = store_path(&app->store, ML_ENTRIES);
	const char *slash = strrchr(path, '/');
	size_t nrows;

	(void)today;
	memset(&u, 0, sizeof u);
	u.out = out;
	u.name = slash != NULL ? slash + 1 : path;
	(void)store_check_file(&app->store, ML_ENTRIES, one_problem, &u, &nrows);
	if (u.more > 0)
		notices_add(out, ML_NOTICE_SAFETY, "unchecked_more",
		    "more values cannot be read - see mendlog check",
		    "%zu more values in %s cannot be read, so they are not "
		    "checked - see mendlog check", u.more, u.name);
	(void)config_unsafe(&app->cfg, one_unsafe, out);
}
