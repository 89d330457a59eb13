/*
 * rulesfix.h - what the red-flag rule tests (test-rules.c,
 * test-rules-signs.c) share on top of diaryfix.h: their setup (a "today"
 * after every logged day) and teardown, logging diary fields and
 * procedures straight through diary.c, and the tier a rule fires at,
 * checked against a fresh load of the same files.  Failures abort the
 * test (cmocka).
 */
#ifndef ML_RULESFIX_H
#define ML_RULESFIX_H

#include "diaryfix.h"

#include "diary.h"
#include "rules.h"

/* Day 0 of most tests: a Sunday in November 2026. */
#define D0 ml_date_from_ymd(2026, 11, 1)

static inline int
setup(void **state)
{
	/* "Today" is well after every day the tests log. */
	setenv("MENDLOG_NOW", "2027-06-30T12:00:00", 1);
	return fx_setup(state);
}

static inline int
teardown(void **state)
{
	return fx_teardown(state);
}

/* Set fields of @day from "field=value" strings (NULL-terminated). */
static inline void
logv(struct fx *f, ml_day day, ...)
{
	struct ml_set sets[EC_NCOLS];
	char *fields[EC_NCOLS], *values[EC_NCOLS];
	struct ml_error err;
	const char *arg;
	size_t n = 0;
	va_list ap;

	va_start(ap, day);
	while ((arg = va_arg(ap, const char *)) != NULL) {
		if (diary_parse_assignment(arg, &fields[n], &values[n], &err) != 0)
			fail_msg("bad test assignment %s: %s", arg, err.msg);
		sets[n].column = fields[n];
		sets[n].value = values[n];
		n++;
	}
	va_end(ap);
	if (diary_set(&f->s, day, sets, n, &err) != 0)
		fail_msg("diary_set: %s", err.msg);
	for (size_t i = 0; i < n; i++) {
		free(fields[i]);
		free(values[i]);
	}
}
#define LOG(f, day, ...) logv(f, day, __VA_ARGS__, (const char *)NULL)

static inline void
procedure(struct fx *f, ml_day day, const char *kind)
{
	struct ml_error err;

	assert_int_equal(diary_add_procedure(&f->s, day, kind, "", &err), 0);
	assert_int_equal(store_load(&f->s, ML_PROCEDURES, NULL, &err), 0);
}

/* The tier @rule fires at on @day, or -1 when it does not fire. */
static inline int
tier_of(struct fx *f, ml_day day, const char *rule)
{
	struct ml_alert a[RULES_MAX], b[RULES_MAX];
	struct ml_store fresh;
	struct ml_error err;
	size_t n;
	int found = -1;

	assert_int_equal(store_load(&f->s, ML_ENTRIES, NULL, &err), 0);
	assert_int_equal(store_load(&f->s, ML_PROCEDURES, NULL, &err), 0);
	n = rules_eval(&f->s, &f->cfg, day, a);
	assert_true(n <= RULES_MAX);
	/* The key index the saves kept up to date (tx_add_row) and one
	 * built from scratch on a fresh load give exactly the same. */
	assert_int_equal(store_open(&fresh, f->dir, &err), 0);
	assert_int_equal(store_load(&fresh, ML_ENTRIES, NULL, &err), 0);
	assert_int_equal(store_load(&fresh, ML_PROCEDURES, NULL, &err), 0);
	assert_int_equal(rules_eval(&fresh, &f->cfg, day, b), n);
	store_close(&fresh);
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(a[i].rule, b[i].rule);
		assert_int_equal(a[i].tier, b[i].tier);
		assert_int_equal(a[i].day, b[i].day);
		assert_non_null(a[i].message);
		assert_int_equal(a[i].day, day);
		if (strcmp(a[i].rule, rule) == 0) {
			assert_int_equal(found, -1);	/* one tier per rule */
			found = (int)a[i].tier;
		}
	}
	return found;
}

static inline void
set(struct fx *f, const char *key, const char *value)
{
	struct ml_error err;

	assert_int_equal(config_set(&f->cfg, "alerts", key, value, &err), 0);
}

#endif
