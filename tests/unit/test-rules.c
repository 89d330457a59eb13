/*
 * test-rules.c - the red-flag rules (rules.c) and their recording
 * (alerts.c): every rule at its threshold and just below, the first and
 * last day of the multi-day rules, no duplicates on re-save or restart,
 * escalation, acknowledgement, config overrides and config errors.
 */
#include "rulesfix.h"

#include <math.h>
#include <time.h>

#include "alerts.h"
#include "config.h"
#include "diary.h"
#include "rules.h"

/* Rows of alerts.csv (reloaded) with @rule, optionally at @severity. */
static int
rows_of(struct fx *f, const char *rule, const char *severity)
{
	struct ml_error err;
	int n = 0;

	assert_int_equal(store_load(&f->s, ML_ALERTS, NULL, &err), 0);
	for (size_t r = 0; r < store_nrows(&f->s, ML_ALERTS); r++)
		if (strcmp(store_get(&f->s, ML_ALERTS, r, AC_RULE), rule) == 0 &&
		    (severity == NULL || strcmp(store_get(&f->s, ML_ALERTS, r,
		    AC_SEVERITY), severity) == 0))
			n++;
	return n;
}

static size_t
save(struct fx *f, ml_day day)
{
	struct alerts_raised r = { NULL, 0 };
	struct ml_error err;
	size_t n;

	assert_int_equal(alerts_after_save(&f->s, &f->cfg, day, &r, &err), 0);
	n = r.n;
	alerts_raised_free(&r);
	return n;
}

/* Close and reopen the store, as a new mendlog process would. */
static void
restart(struct fx *f)
{
	struct ml_error err;

	store_close(&f->s);
	assert_int_equal(store_open(&f->s, f->dir, &err), 0);
}

/* --- emergencies ------------------------------------------------------ */

static void
test_emergencies(void **state)
{
	static const char *const rules[] = { "leg_weakness", "bladder_bowel",
	    "saddle_numbness" };
	struct fx *f = *state;

	for (int i = 0; i < 3; i++) {
		char *yes = xasprintf("%s=yes", rules[i]);
		char *no = xasprintf("%s=no", rules[i]);
		ml_day d = D0 + i * 2;

		LOG(f, d, no);
		assert_int_equal(tier_of(f, d, rules[i]), -1);
		LOG(f, d + 1, yes);
		assert_int_equal(tier_of(f, d + 1, rules[i]), ML_TIER_EMERGENCY);
		free(yes);
		free(no);
	}
	/* Unanswered fires nothing, and emergencies come first. */
	LOG(f, D0 + 10, "back_pain=2");
	assert_int_equal(tier_of(f, D0 + 10, "leg_weakness"), -1);
}

static void
test_order_most_severe_first(void **state)
{
	struct fx *f = *state;
	struct ml_alert a[RULES_MAX];
	size_t n;

	LOG(f, D0, "numbness=yes", "temperature_c=38.2", "leg_weakness=yes");
	n = rules_eval(&f->s, &f->cfg, D0, a);
	assert_int_equal(n, 3);
	assert_string_equal(a[0].rule, "leg_weakness");
	assert_string_equal(a[1].rule, "fever");
	assert_string_equal(a[2].rule, "nerve_symptoms");
	assert_int_equal(a[2].tier, ML_TIER_WATCH);
}

/* --- fever ------------------------------------------------------------ */

static void
test_fever_threshold(void **state)
{
	struct fx *f = *state;

	LOG(f, D0, "temperature_c=37.9");
	assert_int_equal(tier_of(f, D0, "fever"), -1);
	LOG(f, D0 + 1, "temperature_c=38.0");
	assert_int_equal(tier_of(f, D0 + 1, "fever"), ML_TIER_URGENT);
	assert_int_equal(tier_of(f, D0 + 1, "fever_back_pain"), -1);
}

static void
test_fever_back_pain_threshold(void **state)
{
	struct fx *f = *state;

	/* back pain 4: fever only */
	LOG(f, D0, "temperature_c=38.0", "back_pain=4");
	assert_int_equal(tier_of(f, D0, "fever"), ML_TIER_URGENT);
	assert_int_equal(tier_of(f, D0, "fever_back_pain"), -1);
	/* back pain 5: fever_back_pain supersedes fever */
	LOG(f, D0 + 1, "temperature_c=38.0", "back_pain=5");
	assert_int_equal(tier_of(f, D0 + 1, "fever_back_pain"), ML_TIER_URGENT);
	assert_int_equal(tier_of(f, D0 + 1, "fever"), -1);
	/* a site problem counts as well */
	LOG(f, D0 + 2, "temperature_c=38.1", "site_problem=yes");
	assert_int_equal(tier_of(f, D0 + 2, "fever_back_pain"), ML_TIER_URGENT);
	assert_int_equal(tier_of(f, D0 + 2, "site_problem"), ML_TIER_URGENT);
	/* no fever, no fever_back_pain */
	LOG(f, D0 + 3, "temperature_c=37.9", "back_pain=9", "site_problem=yes");
	assert_int_equal(tier_of(f, D0 + 3, "fever_back_pain"), -1);
	assert_int_equal(tier_of(f, D0 + 3, "site_problem"), ML_TIER_URGENT);
	/* the message names the spine and carries the meningitis sentence */
	assert_non_null(strstr(rules_message("fever_back_pain", ML_TIER_URGENT),
	    "spine or its coverings"));
}

static void
test_fever_then_back_pain_escalates(void **state)
{
	struct fx *f = *state;

	LOG(f, D0, "temperature_c=38.5");
	assert_int_equal(save(f, D0), 1);
	assert_int_equal(rows_of(f, "fever", NULL), 1);
	LOG(f, D0, "back_pain=6");
	assert_int_equal(save(f, D0), 1);
	/* fever stays, fever_back_pain is added */
	assert_int_equal(rows_of(f, "fever", NULL), 1);
	assert_int_equal(rows_of(f, "fever_back_pain", "urgent"), 1);
	/* The next day continues the episode: no new row.  Back pain lowered
	 * again: fever is covered by that episode, nothing new. */
	LOG(f, D0 + 1, "temperature_c=38.5", "back_pain=6");
	assert_int_equal(save(f, D0 + 1), 0);
	LOG(f, D0 + 1, "back_pain=2");
	assert_int_equal(save(f, D0 + 1), 0);
	assert_int_equal(rows_of(f, "fever", NULL), 1);
	assert_int_equal(rows_of(f, "fever_back_pain", NULL), 1);
}

/* --- site and headaches ------------------------------------------------ */

static void
test_site_problem(void **state)
{
	struct fx *f = *state;

	LOG(f, D0, "site_problem=no");
	assert_int_equal(tier_of(f, D0, "site_problem"), -1);
	LOG(f, D0 + 1, "site_problem=yes");
	assert_int_equal(tier_of(f, D0 + 1, "site_problem"), ML_TIER_URGENT);
}

static void
test_severe_headache(void **state)
{
	struct fx *f = *state;

	LOG(f, D0, "headache=7");
	assert_int_equal(tier_of(f, D0, "severe_headache"), -1);
	LOG(f, D0 + 1, "headache=8");
	assert_int_equal(tier_of(f, D0 + 1, "severe_headache"), ML_TIER_URGENT);
	/* no procedure: no post-puncture headache */
	assert_int_equal(tier_of(f, D0 + 1, "post_puncture_headache"), -1);
}

static void
test_post_puncture_headache(void **state)
{
	struct fx *f = *state;

	procedure(f, D0, "lumbar_puncture");
	LOG(f, D0, "headache=1");			/* day 0 */
	assert_int_equal(tier_of(f, D0, "post_puncture_headache"),
	    ML_TIER_CONTACT);
	LOG(f, D0 + 1, "headache=0");
	assert_int_equal(tier_of(f, D0 + 1, "post_puncture_headache"), -1);
	LOG(f, D0 + 5, "headache=1");			/* day 5: last */
	assert_int_equal(tier_of(f, D0 + 5, "post_puncture_headache"),
	    ML_TIER_CONTACT);
	LOG(f, D0 + 6, "headache=6");			/* day 6: over */
	assert_int_equal(tier_of(f, D0 + 6, "post_puncture_headache"), -1);
	LOG(f, D0 - 1, "headache=5");			/* before it */
	assert_int_equal(tier_of(f, D0 - 1, "post_puncture_headache"), -1);
	LOG(f, D0 + 2, "headache=3", "headache_upright=yes");
	assert_int_equal(tier_of(f, D0 + 2, "post_puncture_headache"),
	    ML_TIER_URGENT);
	assert_non_null(strstr(rules_message("post_puncture_headache",
	    ML_TIER_CONTACT), "stiff neck, a rash, confusion, drowsiness"));
}

static void
test_post_puncture_kinds(void **state)
{
	struct fx *f = *state;

	procedure(f, D0, "discectomy");
	LOG(f, D0 + 1, "headache=4");
	assert_int_equal(tier_of(f, D0 + 1, "post_puncture_headache"), -1);
	procedure(f, D0 + 20, "epidural_labour");
	LOG(f, D0 + 21, "headache=4");
	assert_int_equal(tier_of(f, D0 + 21, "post_puncture_headache"),
	    ML_TIER_CONTACT);
	procedure(f, D0 + 40, "epidural_steroid");
	LOG(f, D0 + 43, "headache=4");
	assert_int_equal(tier_of(f, D0 + 43, "post_puncture_headache"),
	    ML_TIER_CONTACT);
}

static void
test_headache_escalation_one_new_row(void **state)
{
	struct fx *f = *state;

	procedure(f, D0, "lumbar_puncture");
	LOG(f, D0 + 1, "headache=4");
	assert_int_equal(save(f, D0 + 1), 1);
	assert_int_equal(rows_of(f, "post_puncture_headache", "contact"), 1);
	LOG(f, D0 + 1, "headache_upright=yes");
	assert_int_equal(save(f, D0 + 1), 1);
	assert_int_equal(rows_of(f, "post_puncture_headache", "contact"), 1);
	assert_int_equal(rows_of(f, "post_puncture_headache", "urgent"), 1);
	/* back down to contact the same day: nothing new */
	LOG(f, D0 + 1, "headache_upright=no");
	assert_int_equal(save(f, D0 + 1), 0);
	assert_int_equal(rows_of(f, "post_puncture_headache", NULL), 2);
}

static void
test_injection_back_pain(void **state)
{
	struct fx *f = *state;

	procedure(f, D0, "epidural_steroid");
	LOG(f, D0 + 7, "back_pain_worst=7");
	assert_int_equal(tier_of(f, D0 + 7, "injection_back_pain"), -1);
	LOG(f, D0 + 7, "back_pain_worst=8");
	assert_int_equal(tier_of(f, D0 + 7, "injection_back_pain"),
	    ML_TIER_URGENT);
	LOG(f, D0, "back_pain_worst=8");
	assert_int_equal(tier_of(f, D0, "injection_back_pain"), ML_TIER_URGENT);
	LOG(f, D0 + 8, "back_pain_worst=10");
	assert_int_equal(tier_of(f, D0 + 8, "injection_back_pain"), -1);
}

/* --- nerve symptoms ---------------------------------------------------- */

static void
test_nerve_symptoms_leg_pain(void **state)
{
	struct fx *f = *state;

	LOG(f, D0, "numbness=no", "tingling=no", "leg_pain=9");
	assert_int_equal(tier_of(f, D0, "nerve_symptoms"), -1);
	LOG(f, D0 + 1, "tingling=yes", "leg_pain=5");
	assert_int_equal(tier_of(f, D0 + 1, "nerve_symptoms"), ML_TIER_WATCH);
	LOG(f, D0 + 3, "numbness=yes", "leg_pain=6");
	assert_int_equal(tier_of(f, D0 + 3, "nerve_symptoms"), ML_TIER_CONTACT);
}

static void
test_nerve_symptoms_consecutive(void **state)
{
	struct fx *f = *state;

	LOG(f, D0, "numbness=no", "tingling=no");
	for (int i = 1; i <= 6; i++) {
		LOG(f, D0 + i, "numbness=yes");
		assert_int_equal(tier_of(f, D0 + i, "nerve_symptoms"),
		    ML_TIER_WATCH);
	}
	/* A day that does not answer either question is skipped. */
	LOG(f, D0 + 7, "back_pain=3");
	assert_int_equal(tier_of(f, D0 + 7, "nerve_symptoms"), -1);
	LOG(f, D0 + 8, "tingling=yes");		/* the 7th: starts */
	assert_int_equal(tier_of(f, D0 + 8, "nerve_symptoms"), ML_TIER_CONTACT);
	LOG(f, D0 + 9, "numbness=yes");
	assert_int_equal(tier_of(f, D0 + 9, "nerve_symptoms"), ML_TIER_CONTACT);
	LOG(f, D0 + 10, "numbness=no", "tingling=no");	/* stops */
	assert_int_equal(tier_of(f, D0 + 10, "nerve_symptoms"), -1);
	LOG(f, D0 + 11, "numbness=yes");		/* a new run */
	assert_int_equal(tier_of(f, D0 + 11, "nerve_symptoms"), ML_TIER_WATCH);
}

static void
test_nerve_escalation_recorded(void **state)
{
	struct fx *f = *state;

	set(f, "nerve_consecutive_days", "2");
	LOG(f, D0, "numbness=yes");
	assert_int_equal(save(f, D0), 1);
	LOG(f, D0 + 1, "numbness=yes");
	assert_int_equal(save(f, D0 + 1), 1);
	assert_int_equal(rows_of(f, "nerve_symptoms", "watch"), 1);
	assert_int_equal(rows_of(f, "nerve_symptoms", "contact"), 1);
	/* leg pain escalates day 0 itself: one new row */
	LOG(f, D0, "leg_pain=7");
	assert_int_equal(save(f, D0), 1);
	assert_int_equal(rows_of(f, "nerve_symptoms", "contact"), 2);
	assert_int_equal(rows_of(f, "nerve_symptoms", "watch"), 1);
}

/* --- pain over time ---------------------------------------------------- */

static void
test_worsening_pain(void **state)
{
	struct fx *f = *state;

	/* Baseline of 4 days at 2 (days 0-3), then 3 days whose mean is 4. */
	for (int i = 0; i < 4; i++)
		LOG(f, D0 + i, "back_pain=2");
	LOG(f, D0 + 4, "back_pain=4");
	LOG(f, D0 + 5, "back_pain=4");
	LOG(f, D0 + 6, "back_pain=3");		/* mean 3.67: below 2 + 2 */
	assert_int_equal(tier_of(f, D0 + 6, "worsening_pain"), -1);
	LOG(f, D0 + 6, "back_pain=4");		/* mean 4.0: exactly 2 + 2 */
	assert_int_equal(tier_of(f, D0 + 6, "worsening_pain"), ML_TIER_CONTACT);
	/* Days without a back_pain value are not counted. */
	LOG(f, D0 + 7, "mood=5");
	assert_int_equal(tier_of(f, D0 + 7, "worsening_pain"), -1);
	/* The next day the baseline holds a 4: mean 2.4 + 2 > 4 stops it. */
	LOG(f, D0 + 8, "back_pain=4");
	assert_int_equal(tier_of(f, D0 + 8, "worsening_pain"), -1);
}

static void
test_worsening_needs_baseline(void **state)
{
	struct fx *f = *state;

	/* Only 3 baseline days: never fires, however high. */
	for (int i = 0; i < 3; i++)
		LOG(f, D0 + i, "back_pain=0");
	for (int i = 3; i < 6; i++)
		LOG(f, D0 + i, "back_pain=9");
	assert_int_equal(tier_of(f, D0 + 5, "worsening_pain"), -1);
	/* One more earlier day makes 4: it fires. */
	LOG(f, D0 - 10, "back_pain=0");
	assert_int_equal(tier_of(f, D0 + 5, "worsening_pain"), ML_TIER_CONTACT);
}

static void
test_worsening_baseline_is_nearest_seven(void **state)
{
	struct fx *f = *state;

	/* One old day at 9, then 7 days at 2, then 3 days at 4: the baseline
	 * is the 7 nearest (mean 2), so 4 >= 2 + 2 fires; were the old day
	 * counted, the baseline mean would be 2.875 and nothing would fire. */
	LOG(f, D0, "back_pain=9");
	for (int i = 1; i <= 7; i++)
		LOG(f, D0 + i, "back_pain=2");
	for (int i = 8; i <= 10; i++)
		LOG(f, D0 + i, "back_pain=4");
	assert_int_equal(tier_of(f, D0 + 10, "worsening_pain"), ML_TIER_CONTACT);
	set(f, "worsening_baseline_days", "8");
	assert_int_equal(tier_of(f, D0 + 10, "worsening_pain"), -1);
	set(f, "worsening_baseline_days", "7");
	set(f, "worsening_delta", "2.5");
	assert_int_equal(tier_of(f, D0 + 10, "worsening_pain"), -1);
}

static void
test_severe_pain(void **state)
{
	struct fx *f = *state;

	LOG(f, D0, "back_pain_worst=9");
	assert_int_equal(tier_of(f, D0, "severe_pain"), -1);	/* one day */
	LOG(f, D0 + 1, "back_pain_worst=8");
	assert_int_equal(tier_of(f, D0 + 1, "severe_pain"), -1);
	LOG(f, D0 + 1, "back_pain_worst=9");			/* starts */
	assert_int_equal(tier_of(f, D0 + 1, "severe_pain"), ML_TIER_CONTACT);
	LOG(f, D0 + 2, "back_pain_worst=10");
	assert_int_equal(tier_of(f, D0 + 2, "severe_pain"), ML_TIER_CONTACT);
	LOG(f, D0 + 3, "back_pain_worst=8");			/* stops */
	assert_int_equal(tier_of(f, D0 + 3, "severe_pain"), -1);
	/* A missing day breaks the run. */
	LOG(f, D0 + 5, "back_pain_worst=9");
	assert_int_equal(tier_of(f, D0 + 5, "severe_pain"), -1);
}

static void
test_pain_beyond_window(void **state)
{
	struct fx *f = *state;

	procedure(f, D0, "lumbar_puncture");
	LOG(f, D0 + 7, "back_pain=5");				/* day 7 */
	assert_int_equal(tier_of(f, D0 + 7, "pain_beyond_window"), -1);
	LOG(f, D0 + 8, "back_pain=2");				/* day 8 */
	assert_int_equal(tier_of(f, D0 + 8, "pain_beyond_window"), -1);
	LOG(f, D0 + 8, "back_pain=3");
	assert_int_equal(tier_of(f, D0 + 8, "pain_beyond_window"),
	    ML_TIER_CONTACT);
	/* Other kinds have their own window. */
	procedure(f, D0 + 100, "fusion");
	LOG(f, D0 + 190, "back_pain=3");			/* day 90 */
	assert_int_equal(tier_of(f, D0 + 190, "pain_beyond_window"), -1);
	LOG(f, D0 + 191, "back_pain=3");			/* day 91 */
	assert_int_equal(tier_of(f, D0 + 191, "pain_beyond_window"),
	    ML_TIER_CONTACT);
}

static void
test_pain_beyond_window_once_per_procedure(void **state)
{
	struct fx *f = *state;

	procedure(f, D0, "lumbar_puncture");
	for (int i = 8; i <= 12; i++)
		LOG(f, D0 + i, "back_pain=4");
	assert_int_equal(save(f, D0 + 8), 1);
	assert_int_equal(rows_of(f, "pain_beyond_window", NULL), 1);
	LOG(f, D0 + 13, "back_pain=6");
	assert_int_equal(save(f, D0 + 13), 0);
	/* A new procedure starts a new window, and a new once. */
	procedure(f, D0 + 20, "lumbar_puncture");
	LOG(f, D0 + 28, "back_pain=4");
	assert_int_equal(save(f, D0 + 28), 1);
	assert_int_equal(rows_of(f, "pain_beyond_window", NULL), 2);
}

static void
test_chronic_pain(void **state)
{
	struct fx *f = *state;

	procedure(f, D0, "discectomy");
	/* 14 entered days, days 78-91: 9 of them at 3, so not yet. */
	for (int i = 78; i <= 91; i++)
		LOG(f, D0 + i, i <= 86 ? "back_pain=3" : "back_pain=2");
	assert_int_equal(tier_of(f, D0 + 91, "chronic_pain"), -1);
	/* The 10th painful day, on day 91: fires. */
	LOG(f, D0 + 87, "back_pain=3");
	assert_int_equal(tier_of(f, D0 + 91, "chronic_pain"), ML_TIER_CONTACT);
	/* Day 90 has as many painful days but is before day 91. */
	LOG(f, D0 + 77, "back_pain=3");
	assert_int_equal(tier_of(f, D0 + 90, "chronic_pain"), -1);
	/* Later days that dilute the count stop it. */
	for (int i = 92; i <= 95; i++)
		LOG(f, D0 + i, "back_pain=1");
	assert_int_equal(tier_of(f, D0 + 95, "chronic_pain"), -1);
	/* Once per procedure. */
	(void)save(f, D0 + 80);
	assert_int_equal(rows_of(f, "chronic_pain", NULL), 1);
	set(f, "chronic_days", "2");
	LOG(f, D0 + 96, "back_pain=9");
	assert_int_equal(tier_of(f, D0 + 96, "chronic_pain"), ML_TIER_CONTACT);
	(void)save(f, D0 + 96);
	assert_int_equal(rows_of(f, "chronic_pain", NULL), 1);
}

/* --- recording ---------------------------------------------------------- */

static void
test_no_duplicates_resave_restart(void **state)
{
	struct fx *f = *state;
	struct alerts_raised r = { NULL, 0 };
	struct ml_error err;

	setenv("MENDLOG_NOW", "2026-11-03T08:00:00", 1);
	LOG(f, D0, "leg_weakness=yes", "temperature_c=39.0");
	assert_int_equal(save(f, D0), 2);
	LOG(f, D0, "notes=again");
	assert_int_equal(save(f, D0), 0);
	restart(f);
	assert_int_equal(alerts_startup(&f->s, &f->cfg, &r, &err), 0);
	assert_int_equal(r.n, 0);
	assert_int_equal(rows_of(f, "leg_weakness", "emergency"), 1);
	assert_int_equal(rows_of(f, "fever", "urgent"), 1);
	assert_int_equal(store_nrows(&f->s, ML_ALERTS), 2);
	alerts_raised_free(&r);
}

static void
test_startup_window(void **state)
{
	struct fx *f = *state;
	struct alerts_raised r = { NULL, 0 };
	struct ml_error err;
	ml_day today = ml_today();

	LOG(f, today - 30, "leg_weakness=yes");	/* 31 days back: outside */
	LOG(f, today - 29, "saddle_numbness=yes");	/* the 30th day: inside */
	assert_int_equal(alerts_startup(&f->s, &f->cfg, &r, &err), 0);
	assert_int_equal(r.n, 1);
	assert_string_equal(r.v[0].rule, "saddle_numbness");
	alerts_raised_free(&r);
	set(f, "startup_days", "31");
	assert_int_equal(alerts_startup(&f->s, &f->cfg, &r, &err), 0);
	assert_int_equal(r.n, 1);
	assert_string_equal(r.v[0].rule, "leg_weakness");
	alerts_raised_free(&r);
}

static void
test_after_save_rechecks_later_days(void **state)
{
	struct fx *f = *state;

	/* Day 1 is logged first; back-filling day 0 makes day 1 a run. */
	LOG(f, D0 + 1, "back_pain_worst=9");
	assert_int_equal(save(f, D0 + 1), 0);
	LOG(f, D0, "back_pain_worst=9");
	assert_int_equal(save(f, D0), 1);
	assert_int_equal(rows_of(f, "severe_pain", NULL), 1);
	assert_int_equal(strcmp(store_get(&f->s, ML_ALERTS, 0, AC_DATE),
	    "2026-11-02"), 0);
}

static void
test_row_contents_and_ack_survives_restart(void **state)
{
	struct fx *f = *state;
	struct alerts_item *items;
	struct ml_error err;
	size_t n, count;
	time_t t;

	setenv("MENDLOG_NOW", "2026-11-01T09:30:00", 1);
	LOG(f, D0, "bladder_bowel=yes", "headache=9");
	assert_int_equal(save(f, D0), 2);
	n = alerts_list(&f->s, &items);
	assert_int_equal(n, 2);
	/* Raised together: the most severe is number 1. */
	assert_int_equal(items[0].number, 1);
	assert_int_equal(items[0].a.tier, ML_TIER_EMERGENCY);
	assert_string_equal(items[0].a.acknowledged_at, "");
	assert_string_equal(items[0].a.rule, "bladder_bowel");
	assert_string_equal(items[0].a.message,
	    rules_message("bladder_bowel", ML_TIER_EMERGENCY));
	assert_true(ml_timestamp_parse(items[0].a.raised_at, &t));
	assert_int_equal(items[0].a.raised, t);
	assert_int_equal(alerts_acknowledge(&f->s, items[0].a.row, &count, &err), 0);
	assert_int_equal(count, 1);
	free(items);
	/* Twice is harmless. */
	n = alerts_list(&f->s, &items);
	assert_int_equal(alerts_acknowledge(&f->s, items[0].a.row, &count, &err), 0);
	assert_int_equal(count, 0);
	free(items);
	restart(f);
	setenv("MENDLOG_NOW", "2026-11-02T10:00:00", 1);
	assert_int_equal(save(f, D0), 0);	/* not raised again */
	n = alerts_list(&f->s, &items);
	assert_int_equal(n, 2);
	assert_string_equal(items[0].a.acknowledged_at,
	    "2026-11-01T09:30:00+00:00");
	assert_string_equal(items[1].a.acknowledged_at, "");
	free(items);
	assert_int_equal(alerts_acknowledge(&f->s, ALERTS_ALL, &count, &err), 0);
	assert_int_equal(count, 1);
	restart(f);
	assert_int_equal(store_load(&f->s, ML_ALERTS, NULL, &err), 0);
	for (size_t r = 0; r < store_nrows(&f->s, ML_ALERTS); r++)
		assert_true(*store_get(&f->s, ML_ALERTS, r, AC_ACKNOWLEDGED_AT));
}

static void
test_broken_alerts_file_still_reports(void **state)
{
	struct fx *f = *state;
	struct alerts_raised r = { NULL, 0 };
	struct ml_error err;
	char *path = xasprintf("%s/alerts.csv", f->dir);
	char *before;

	tu_write_str(path, "raised_at,date,rule,severity,message,acknowledged_at\n"
	    "\"unterminated\n");
	LOG(f, D0, "leg_weakness=yes");
	assert_int_equal(alerts_after_save(&f->s, &f->cfg, D0, &r, &err), -1);
	assert_int_equal(r.n, 1);
	assert_string_equal(r.v[0].rule, "leg_weakness");
	assert_non_null(strstr(err.file, "alerts.csv"));
	before = tu_read(path, NULL);
	assert_non_null(strstr(before, "unterminated"));	/* untouched */
	free(before);
	alerts_raised_free(&r);
	free(path);
}

static void
test_two_processes_record_once(void **state)
{
	struct fx *f = *state;
	struct ml_store s2;
	struct alerts_raised r = { NULL, 0 };
	struct alerts_keys before;
	struct alert_row *rows;
	struct ml_error err;

	setenv("MENDLOG_NOW", "2026-11-01T10:00:00", 1);
	/* A second mendlog with a stale copy of alerts.csv (empty). */
	assert_int_equal(store_open(&s2, f->dir, &err), 0);
	assert_int_equal(store_load(&s2, ML_ALERTS, NULL, &err), 0);
	alerts_keys_take(&s2, &before);
	assert_int_equal(before.n, 0);
	LOG(f, D0, "saddle_numbness=yes");
	assert_int_equal(save(f, D0), 1);
	/* Its own check finds, under the lock, that the alert is recorded. */
	assert_int_equal(alerts_after_save(&s2, &f->cfg, D0, &r, &err), 0);
	assert_int_equal(r.n, 0);
	assert_int_equal(rows_of(f, "saddle_numbness", NULL), 1);
	/* ...but it can still tell its user what appeared since its save. */
	assert_int_equal(store_load(&s2, ML_ALERTS, NULL, &err), 0);
	assert_int_equal(alerts_new(&s2, &before, D0, &rows), 1);
	assert_string_equal(rows[0].rule, "saddle_numbness");
	assert_int_equal(rows[0].tier, ML_TIER_EMERGENCY);
	assert_string_equal(rows[0].message,
	    rules_message("saddle_numbness", ML_TIER_EMERGENCY));
	free(rows);
	/* Rows dated before the save's day are not its doing. */
	assert_int_equal(alerts_new(&s2, &before, D0 + 1, &rows), 0);
	free(rows);
	alerts_keys_free(&before);
	store_close(&s2);
}

/* --- config ----------------------------------------------------------- */

static void
test_config_overrides(void **state)
{
	struct fx *f = *state;

	procedure(f, D0, "lumbar_puncture");
	LOG(f, D0 + 2, "temperature_c=38.2", "headache=6");
	LOG(f, D0 + 8, "back_pain=3");
	assert_int_equal(tier_of(f, D0 + 2, "fever"), ML_TIER_URGENT);
	assert_int_equal(tier_of(f, D0 + 8, "pain_beyond_window"),
	    ML_TIER_CONTACT);
	assert_int_equal(tier_of(f, D0 + 2, "post_puncture_headache"),
	    ML_TIER_CONTACT);
	set(f, "fever_c", "38.5");
	set(f, "window_lumbar_puncture", "10");
	set(f, "post_puncture_days", "1");
	set(f, "severe_headache", "6");
	assert_int_equal(tier_of(f, D0 + 2, "fever"), -1);
	assert_int_equal(tier_of(f, D0 + 8, "pain_beyond_window"), -1);
	assert_int_equal(tier_of(f, D0 + 2, "post_puncture_headache"), -1);
	assert_int_equal(tier_of(f, D0 + 2, "severe_headache"), ML_TIER_URGENT);
	set(f, "beyond_window_pain", "4");
	set(f, "window_lumbar_puncture", "7");
	assert_int_equal(tier_of(f, D0 + 8, "pain_beyond_window"), -1);
}

static void
test_config_file_changes_outcome(void **state)
{
	struct fx *f = *state;
	char *path = xasprintf("%s/config", f->dir);
	struct ml_error err;

	LOG(f, D0, "back_pain_worst=8");
	LOG(f, D0 + 1, "back_pain_worst=8");
	assert_int_equal(tier_of(f, D0 + 1, "severe_pain"), -1);
	tu_write_str(path, "[alerts]\nsevere_pain_worst = 8\n");
	assert_int_equal(config_load(&f->cfg, path, true, NULL, NULL, &err), 0);
	assert_int_equal(tier_of(f, D0 + 1, "severe_pain"), ML_TIER_CONTACT);
	free(path);
}

static void
test_config_bad_value_file_line(void **state)
{
	struct fx *f = *state;
	char *path = xasprintf("%s/config", f->dir);
	struct ml_error err;
	char buf[2048], *want;

	tu_write_str(path, "[alerts]\n# comment\nfever_c = 38.0\n"
	    "nerve_consecutive_days = 1\n");
	assert_int_equal(config_load(&f->cfg, path, true, NULL, NULL, &err), -1);
	assert_int_equal(err.line, 4);
	assert_string_equal(err.field, "nerve_consecutive_days");
	ml_error_format(&err, buf, sizeof buf);
	want = xasprintf("%s:4: nerve_consecutive_days:", path);
	assert_non_null(strstr(buf, want));
	free(want);
	tu_write_str(path, "[alerts]\nworsening_delta = lots\n");
	assert_int_equal(config_load(&f->cfg, path, true, NULL, NULL, &err), -1);
	assert_int_equal(err.line, 2);
	assert_string_equal(err.file, path);
	free(path);
}

static void
test_every_rule_has_messages(void **state)
{
	(void)state;
	for (size_t i = 0; rules_ids[i] != NULL; i++) {
		bool any = false;

		for (int t = 0; t < ML_NTIERS; t++) {
			const char *m = rules_message(rules_ids[i], (enum ml_tier)t);

			if (m == NULL)
				continue;
			any = true;
			/* Plain advice, never a dose. */
			assert_null(strstr(m, " mg"));
			if (t == ML_TIER_EMERGENCY)
				assert_non_null(strstr(m, "local emergency number"));
			/* An emergency already says call now (above). */
			if ((strstr(rules_ids[i], "fever") ||
			    strstr(rules_ids[i], "headache")) &&
			    t != ML_TIER_EMERGENCY)
				assert_non_null(strstr(m, "With a stiff neck, a rash, "
				    "confusion, drowsiness or a change in vision"));
		}
		assert_true(any);
	}
}

/* --- the timeline (issue 12) ------------------------------------------ */

/* Run the rules over [@from, @to] and record, as a command would. */
static void
check_days(struct fx *f, ml_day from, ml_day to)
{
	struct alerts_raised r = { NULL, 0 };
	struct ml_error err;

	assert_int_equal(alerts_check_days(&f->s, &f->cfg, from, to, &r, &err),
	    0);
	alerts_raised_free(&r);
}

/* The days alerts.csv records @rule on, into @days (room for @max). */
static int
days_of(struct fx *f, const char *rule, ml_day *days, int max)
{
	struct ml_error err;
	int n = 0;

	assert_int_equal(store_load(&f->s, ML_ALERTS, NULL, &err), 0);
	for (size_t r = 0; r < store_nrows(&f->s, ML_ALERTS); r++)
		if (strcmp(store_get(&f->s, ML_ALERTS, r, AC_RULE), rule) == 0 &&
		    n < max)
			assert_true(ml_date_parse(store_get(&f->s, ML_ALERTS, r,
			    AC_DATE), &days[n++]));
	return n;
}

static void
test_blood_patch_keeps_puncture_window(void **state)
{
	struct fx *f = *state;
	ml_day when[4];

	/* LP on day 0, a blood patch on day 3, back pain 4 on days 0-10. */
	procedure(f, D0, "lumbar_puncture");
	procedure(f, D0 + 3, "Blood patch");
	for (int i = 0; i <= 10; i++)
		LOG(f, D0 + i, "back_pain=4");
	assert_int_equal(tier_of(f, D0 + 7, "pain_beyond_window"), -1);
	assert_int_equal(tier_of(f, D0 + 8, "pain_beyond_window"),
	    ML_TIER_CONTACT);
	check_days(f, D0, D0 + 10);
	/* Once, on day 8 of the puncture. */
	assert_int_equal(days_of(f, "pain_beyond_window", when, 4), 1);
	assert_int_equal(when[0], D0 + 8);
}

static void
test_fusion_window_covers_later_lp(void **state)
{
	struct fx *f = *state;

	/* An LP 20 days after a fusion: day 28 of the fusion is day 8 of the
	 * LP, still inside the fusion's 90 days. */
	procedure(f, D0, "fusion");
	procedure(f, D0 + 20, "lumbar_puncture");
	LOG(f, D0 + 28, "back_pain=4");
	assert_int_equal(tier_of(f, D0 + 28, "pain_beyond_window"), -1);
	/* Past both windows it fires. */
	LOG(f, D0 + 91, "back_pain=4");
	assert_int_equal(tier_of(f, D0 + 91, "pain_beyond_window"),
	    ML_TIER_CONTACT);
}

static void
test_chronic_pain_repeated_injections(void **state)
{
	struct fx *f = *state;
	ml_day when[4];

	/* Steroid injections every 84 days, back pain 4 daily for 300 days. */
	for (int i = 0; i < 300; i += 84)
		procedure(f, D0 + i, "epidural_steroid");
	for (int i = 0; i < 300; i++)
		LOG(f, D0 + i, "back_pain=4");
	assert_int_equal(tier_of(f, D0 + 90, "chronic_pain"), -1);
	assert_int_equal(tier_of(f, D0 + 91, "chronic_pain"), ML_TIER_CONTACT);
	assert_int_equal(tier_of(f, D0 + 200, "chronic_pain"), ML_TIER_CONTACT);
	check_days(f, D0, D0 + 299);
	/* Fires once, on day 91 of the course. */
	assert_int_equal(days_of(f, "chronic_pain", when, 4), 1);
	assert_int_equal(when[0], D0 + 91);
}

static void
test_chronic_pain_new_stretch_after_relief(void **state)
{
	struct fx *f = *state;

	/* Pain eased before the second procedure: a new stretch starts. */
	procedure(f, D0, "discectomy");
	for (int i = 0; i < 60; i++)
		LOG(f, D0 + i, "back_pain=4");
	for (int i = 60; i < 80; i++)
		LOG(f, D0 + i, "back_pain=1");
	procedure(f, D0 + 80, "epidural_steroid");
	for (int i = 80; i < 200; i++)
		LOG(f, D0 + i, "back_pain=4");
	assert_int_equal(tier_of(f, D0 + 170, "chronic_pain"), -1);
	assert_int_equal(tier_of(f, D0 + 171, "chronic_pain"), ML_TIER_CONTACT);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_emergencies, setup, teardown),
		cmocka_unit_test_setup_teardown(test_order_most_severe_first, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fever_threshold, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fever_back_pain_threshold, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fever_then_back_pain_escalates, setup, teardown),
		cmocka_unit_test_setup_teardown(test_site_problem, setup, teardown),
		cmocka_unit_test_setup_teardown(test_severe_headache, setup, teardown),
		cmocka_unit_test_setup_teardown(test_post_puncture_headache, setup, teardown),
		cmocka_unit_test_setup_teardown(test_post_puncture_kinds, setup, teardown),
		cmocka_unit_test_setup_teardown(test_headache_escalation_one_new_row, setup, teardown),
		cmocka_unit_test_setup_teardown(test_injection_back_pain, setup, teardown),
		cmocka_unit_test_setup_teardown(test_nerve_symptoms_leg_pain, setup, teardown),
		cmocka_unit_test_setup_teardown(test_nerve_symptoms_consecutive, setup, teardown),
		cmocka_unit_test_setup_teardown(test_nerve_escalation_recorded, setup, teardown),
		cmocka_unit_test_setup_teardown(test_worsening_pain, setup, teardown),
		cmocka_unit_test_setup_teardown(test_worsening_needs_baseline, setup, teardown),
		cmocka_unit_test_setup_teardown(test_worsening_baseline_is_nearest_seven, setup, teardown),
		cmocka_unit_test_setup_teardown(test_severe_pain, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pain_beyond_window, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pain_beyond_window_once_per_procedure, setup, teardown),
		cmocka_unit_test_setup_teardown(test_chronic_pain, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_duplicates_resave_restart, setup, teardown),
		cmocka_unit_test_setup_teardown(test_startup_window, setup, teardown),
		cmocka_unit_test_setup_teardown(test_after_save_rechecks_later_days, setup, teardown),
		cmocka_unit_test_setup_teardown(test_row_contents_and_ack_survives_restart, setup, teardown),
		cmocka_unit_test_setup_teardown(test_broken_alerts_file_still_reports, setup, teardown),
		cmocka_unit_test_setup_teardown(test_two_processes_record_once, setup, teardown),
		cmocka_unit_test_setup_teardown(test_config_overrides, setup, teardown),
		cmocka_unit_test_setup_teardown(test_config_file_changes_outcome, setup, teardown),
		cmocka_unit_test_setup_teardown(test_config_bad_value_file_line, setup, teardown),
		cmocka_unit_test_setup_teardown(test_blood_patch_keeps_puncture_window, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fusion_window_covers_later_lp, setup, teardown),
		cmocka_unit_test_setup_teardown(test_chronic_pain_repeated_injections, setup, teardown),
		cmocka_unit_test_setup_teardown(test_chronic_pain_new_stretch_after_relief, setup, teardown),
		cmocka_unit_test(test_every_rule_has_messages),
	};

	setenv("TZ", "UTC", 1);
	tzset();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
