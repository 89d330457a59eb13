/*
 * test-rules-signs.c - the rules of issue 13 (rules.c): each new sign at
 * its threshold and just below, and on the first and last day of its
 * window, with the config keys that move them.  The fixture is
 * rulesfix.h, shared with test-rules.c.
 */
#include "rulesfix.h"

#include <math.h>
#include <time.h>

#include "alerts.h"
#include "config.h"
#include "diary.h"
#include "rules.h"

static void
test_new_emergency_signs(void **state)
{
	struct fx *f = *state;
	static const char *const signs[] = {
		"chest_breathless", "headache_neuro", "both_legs"
	};

	for (size_t i = 0; i < ML_NELEM(signs); i++) {
		char *yes = xasprintf("%s=yes", signs[i]);
		char *no = xasprintf("%s=no", signs[i]);

		LOG(f, D0 + (ml_day)i, no);
		assert_int_equal(tier_of(f, D0 + (ml_day)i, signs[i]), -1);
		LOG(f, D0 + (ml_day)i, yes);
		assert_int_equal(tier_of(f, D0 + (ml_day)i, signs[i]),
		    ML_TIER_EMERGENCY);
		free(yes);
		free(no);
	}
}

static void
test_fever_neck_stiffness(void **state)
{
	struct fx *f = *state;

	LOG(f, D0, "temperature_c=38.0", "neck_stiffness=yes");
	assert_int_equal(tier_of(f, D0, "fever_neck_stiffness"),
	    ML_TIER_EMERGENCY);
	/* The emergency says it all: no urgent fever, no watch. */
	assert_int_equal(tier_of(f, D0, "fever"), -1);
	assert_int_equal(tier_of(f, D0, "neck_stiffness"), -1);
	LOG(f, D0 + 1, "temperature_c=37.9", "neck_stiffness=yes");
	assert_int_equal(tier_of(f, D0 + 1, "fever_neck_stiffness"), -1);
	assert_int_equal(tier_of(f, D0 + 1, "neck_stiffness"), ML_TIER_WATCH);
	LOG(f, D0 + 2, "temperature_c=39.0", "neck_stiffness=no");
	assert_int_equal(tier_of(f, D0 + 2, "fever_neck_stiffness"), -1);
	assert_int_equal(tier_of(f, D0 + 2, "fever"), ML_TIER_URGENT);
	/* With back pain, fever_back_pain is still raised beside it. */
	LOG(f, D0 + 3, "temperature_c=38.5", "neck_stiffness=yes",
	    "back_pain=6");
	assert_int_equal(tier_of(f, D0 + 3, "fever_neck_stiffness"),
	    ML_TIER_EMERGENCY);
	assert_int_equal(tier_of(f, D0 + 3, "fever_back_pain"), ML_TIER_URGENT);
	set(f, "fever_c", "38.6");
	assert_int_equal(tier_of(f, D0 + 3, "fever_neck_stiffness"), -1);
	assert_int_equal(tier_of(f, D0 + 3, "neck_stiffness"), ML_TIER_WATCH);
}

static void
test_neck_stiffness_watch(void **state)
{
	struct fx *f = *state;

	LOG(f, D0 - 2, "neck_stiffness=yes");
	assert_int_equal(tier_of(f, D0 - 2, "neck_stiffness"), ML_TIER_WATCH);
	LOG(f, D0 - 1, "neck_stiffness=no");
	assert_int_equal(tier_of(f, D0 - 1, "neck_stiffness"), -1);
	/* With a headache after a puncture: post_puncture_headache, as before. */
	procedure(f, D0, "lumbar_puncture");
	LOG(f, D0 + 5, "neck_stiffness=yes", "headache=3");
	assert_int_equal(tier_of(f, D0 + 5, "neck_stiffness"), -1);
	assert_int_equal(tier_of(f, D0 + 5, "post_puncture_headache"),
	    ML_TIER_CONTACT);
	LOG(f, D0 + 6, "neck_stiffness=yes", "headache=3");
	assert_int_equal(tier_of(f, D0 + 6, "neck_stiffness"), ML_TIER_WATCH);
}

static void
test_post_block_deficit(void **state)
{
	struct fx *f = *state;

	procedure(f, D0, "lumbar_puncture");
	LOG(f, D0 - 1, "numbness=yes");
	assert_int_equal(tier_of(f, D0 - 1, "post_block_deficit"), -1);
	LOG(f, D0, "numbness=yes");			/* the block wears off */
	assert_int_equal(tier_of(f, D0, "post_block_deficit"), ML_TIER_URGENT);
	LOG(f, D0 + 1, "numbness=yes");
	assert_int_equal(tier_of(f, D0 + 1, "post_block_deficit"),
	    ML_TIER_EMERGENCY);
	LOG(f, D0 + 7, "cannot_walk=yes");		/* last day */
	assert_int_equal(tier_of(f, D0 + 7, "post_block_deficit"),
	    ML_TIER_EMERGENCY);
	LOG(f, D0 + 8, "numbness=yes", "cannot_walk=yes");
	assert_int_equal(tier_of(f, D0 + 8, "post_block_deficit"), -1);
	LOG(f, D0 + 3, "numbness=no", "cannot_walk=no", "tingling=yes");
	assert_int_equal(tier_of(f, D0 + 3, "post_block_deficit"), -1);
	set(f, "post_block_days", "6");
	assert_int_equal(tier_of(f, D0 + 7, "post_block_deficit"), -1);
	/* Both epidurals are blocks; surgery is not. */
	procedure(f, D0 + 20, "epidural_labour");
	LOG(f, D0 + 21, "numbness=yes");
	assert_int_equal(tier_of(f, D0 + 21, "post_block_deficit"),
	    ML_TIER_EMERGENCY);
	procedure(f, D0 + 40, "epidural_steroid");
	LOG(f, D0 + 42, "cannot_walk=yes");
	assert_int_equal(tier_of(f, D0 + 42, "post_block_deficit"),
	    ML_TIER_EMERGENCY);
	procedure(f, D0 + 60, "discectomy");
	LOG(f, D0 + 61, "numbness=yes");
	assert_int_equal(tier_of(f, D0 + 61, "post_block_deficit"), -1);
}

static void
test_back_pain_deficit(void **state)
{
	struct fx *f = *state;

	procedure(f, D0, "epidural_labour");
	LOG(f, D0 + 2, "back_pain_worst=8", "leg_weakness=yes");
	assert_int_equal(tier_of(f, D0 + 2, "back_pain_deficit"),
	    ML_TIER_EMERGENCY);
	LOG(f, D0 + 3, "back_pain_worst=7", "leg_weakness=yes");
	assert_int_equal(tier_of(f, D0 + 3, "back_pain_deficit"), -1);
	LOG(f, D0 + 4, "back_pain_worst=9");
	assert_int_equal(tier_of(f, D0 + 4, "back_pain_deficit"), -1);
	LOG(f, D0 + 5, "back_pain_worst=9", "cannot_walk=yes");
	assert_int_equal(tier_of(f, D0 + 5, "back_pain_deficit"),
	    ML_TIER_EMERGENCY);
	LOG(f, D0, "back_pain_worst=8", "numbness=yes");
	assert_int_equal(tier_of(f, D0, "back_pain_deficit"), ML_TIER_URGENT);
	LOG(f, D0 + 7, "back_pain_worst=10", "numbness=yes");
	assert_int_equal(tier_of(f, D0 + 7, "back_pain_deficit"),
	    ML_TIER_EMERGENCY);
	LOG(f, D0 + 8, "back_pain_worst=10", "numbness=yes");
	assert_int_equal(tier_of(f, D0 + 8, "back_pain_deficit"), -1);
	set(f, "back_pain_deficit_worst", "9");
	assert_int_equal(tier_of(f, D0 + 2, "back_pain_deficit"), -1);
}

static void
test_calf_pain_and_uncontrolled_pain(void **state)
{
	struct fx *f = *state;

	LOG(f, D0, "calf_pain=yes", "pain_uncontrolled=no");
	assert_int_equal(tier_of(f, D0, "calf_pain"), ML_TIER_URGENT);
	assert_int_equal(tier_of(f, D0, "pain_uncontrolled"), -1);
	LOG(f, D0 + 1, "calf_pain=no", "pain_uncontrolled=yes");
	assert_int_equal(tier_of(f, D0 + 1, "calf_pain"), -1);
	assert_int_equal(tier_of(f, D0 + 1, "pain_uncontrolled"),
	    ML_TIER_URGENT);
	assert_non_null(strstr(rules_message("pain_uncontrolled",
	    ML_TIER_URGENT), "within 24 hours"));
}

static void
test_fall_after_surgery(void **state)
{
	struct fx *f = *state;

	LOG(f, D0 - 1, "fall=yes");			/* no surgery yet */
	assert_int_equal(tier_of(f, D0 - 1, "fall_after_surgery"), -1);
	procedure(f, D0, "laminectomy");
	LOG(f, D0, "fall=yes");
	assert_int_equal(tier_of(f, D0, "fall_after_surgery"), ML_TIER_URGENT);
	LOG(f, D0 + 42, "fall=yes");
	assert_int_equal(tier_of(f, D0 + 42, "fall_after_surgery"),
	    ML_TIER_URGENT);
	LOG(f, D0 + 43, "fall=yes");
	assert_int_equal(tier_of(f, D0 + 43, "fall_after_surgery"), -1);
	LOG(f, D0 + 10, "fall=no");
	assert_int_equal(tier_of(f, D0 + 10, "fall_after_surgery"), -1);
	set(f, "fall_days", "43");
	assert_int_equal(tier_of(f, D0 + 43, "fall_after_surgery"),
	    ML_TIER_URGENT);
	procedure(f, D0 + 100, "lumbar_puncture");	/* not surgery */
	LOG(f, D0 + 101, "fall=yes");
	assert_int_equal(tier_of(f, D0 + 101, "fall_after_surgery"), -1);
}

static void
test_site_leaking(void **state)
{
	struct fx *f = *state;

	LOG(f, D0 - 1, "site_leaking=yes");		/* no procedure */
	assert_int_equal(tier_of(f, D0 - 1, "site_leaking"), ML_TIER_URGENT);
	procedure(f, D0, "fusion");
	LOG(f, D0, "site_leaking=yes");
	assert_int_equal(tier_of(f, D0, "site_leaking"), ML_TIER_WATCH);
	LOG(f, D0 + 5, "site_leaking=yes");		/* last expected day */
	assert_int_equal(tier_of(f, D0 + 5, "site_leaking"), ML_TIER_WATCH);
	LOG(f, D0 + 6, "site_leaking=yes");
	assert_int_equal(tier_of(f, D0 + 6, "site_leaking"), ML_TIER_URGENT);
	LOG(f, D0 + 7, "site_leaking=no");
	assert_int_equal(tier_of(f, D0 + 7, "site_leaking"), -1);
	set(f, "site_leaking_watch_days", "4");
	assert_int_equal(tier_of(f, D0 + 5, "site_leaking"), ML_TIER_URGENT);
	procedure(f, D0 + 50, "lumbar_puncture");	/* a puncture: urgent */
	LOG(f, D0 + 51, "site_leaking=yes");
	assert_int_equal(tier_of(f, D0 + 51, "site_leaking"), ML_TIER_URGENT);
}

static void
test_no_bowel_movement(void **state)
{
	struct fx *f = *state;

	LOG(f, D0 - 1, "days_no_bowel=6");		/* no surgery */
	assert_int_equal(tier_of(f, D0 - 1, "no_bowel_movement"), -1);
	procedure(f, D0, "discectomy");
	LOG(f, D0 + 3, "days_no_bowel=3");
	assert_int_equal(tier_of(f, D0 + 3, "no_bowel_movement"), -1);
	LOG(f, D0 + 4, "days_no_bowel=4");
	assert_int_equal(tier_of(f, D0 + 4, "no_bowel_movement"),
	    ML_TIER_URGENT);
	LOG(f, D0 + 30, "days_no_bowel=30");		/* last day */
	assert_int_equal(tier_of(f, D0 + 30, "no_bowel_movement"),
	    ML_TIER_URGENT);
	LOG(f, D0 + 31, "days_no_bowel=30");
	assert_int_equal(tier_of(f, D0 + 31, "no_bowel_movement"), -1);
	set(f, "no_bowel_days", "5");
	assert_int_equal(tier_of(f, D0 + 4, "no_bowel_movement"), -1);
	set(f, "no_bowel_window_days", "31");
	assert_int_equal(tier_of(f, D0 + 31, "no_bowel_movement"),
	    ML_TIER_URGENT);
	/* Constipation is not the bladder_bowel emergency. */
	assert_int_equal(tier_of(f, D0 + 31, "bladder_bowel"), -1);
}

static void
test_puncture_headache_persisting(void **state)
{
	struct fx *f = *state;

	procedure(f, D0, "lumbar_puncture");
	LOG(f, D0 + 5, "headache=6");		/* still post_puncture_days */
	assert_int_equal(tier_of(f, D0 + 5, "puncture_headache_persisting"), -1);
	LOG(f, D0 + 6, "headache=4");
	assert_int_equal(tier_of(f, D0 + 6, "puncture_headache_persisting"),
	    ML_TIER_URGENT);
	LOG(f, D0 + 6, "headache=3");		/* below, and not rising */
	assert_int_equal(tier_of(f, D0 + 6, "puncture_headache_persisting"), -1);
	LOG(f, D0 + 14, "headache=4");		/* last day */
	assert_int_equal(tier_of(f, D0 + 14, "puncture_headache_persisting"),
	    ML_TIER_URGENT);
	LOG(f, D0 + 15, "headache=9");
	assert_int_equal(tier_of(f, D0 + 15, "puncture_headache_persisting"), -1);
	/* Rising on entered days: 3 (day 6), then 1, 2, 3. */
	LOG(f, D0 + 7, "headache=1");
	assert_int_equal(tier_of(f, D0 + 7, "puncture_headache_persisting"), -1);
	LOG(f, D0 + 8, "headache=2");		/* two rising days: below */
	assert_int_equal(tier_of(f, D0 + 8, "puncture_headache_persisting"), -1);
	LOG(f, D0 + 9, "back_pain=2");		/* answers no headache: skipped */
	LOG(f, D0 + 10, "headache=3");
	assert_int_equal(tier_of(f, D0 + 10, "puncture_headache_persisting"),
	    ML_TIER_URGENT);
	LOG(f, D0 + 11, "headache=3");		/* flat is not rising */
	assert_int_equal(tier_of(f, D0 + 11, "puncture_headache_persisting"), -1);
	set(f, "puncture_headache_rising_days", "4");
	assert_int_equal(tier_of(f, D0 + 10, "puncture_headache_persisting"), -1);
	set(f, "puncture_headache_persisting", "3");
	assert_int_equal(tier_of(f, D0 + 11, "puncture_headache_persisting"),
	    ML_TIER_URGENT);
	set(f, "puncture_headache_until_day", "10");
	assert_int_equal(tier_of(f, D0 + 11, "puncture_headache_persisting"), -1);
}

static void
test_pain_jump(void **state)
{
	struct fx *f = *state;

	LOG(f, D0, "back_pain=3");
	LOG(f, D0 + 1, "back_pain=3");
	LOG(f, D0 + 2, "back_pain=9");		/* two days before: too few */
	assert_int_equal(tier_of(f, D0 + 2, "pain_jump"), -1);
	LOG(f, D0 + 2, "back_pain=3");
	LOG(f, D0 + 3, "leg_pain=2");		/* answers no back pain */
	LOG(f, D0 + 4, "back_pain=6");		/* mean 3: +3, below */
	assert_int_equal(tier_of(f, D0 + 4, "pain_jump"), -1);
	LOG(f, D0 + 4, "back_pain=7");		/* +4: at the threshold */
	assert_int_equal(tier_of(f, D0 + 4, "pain_jump"), ML_TIER_URGENT);
	set(f, "pain_jump_points", "5");
	assert_int_equal(tier_of(f, D0 + 4, "pain_jump"), -1);
	set(f, "pain_jump_points", "4");
	set(f, "pain_jump_days", "4");		/* needs a fourth day */
	assert_int_equal(tier_of(f, D0 + 4, "pain_jump"), -1);
}

/* Every sign on one day after a puncture: within RULES_MAX, most severe
 * first. */
static void
test_every_sign_one_day(void **state)
{
	struct fx *f = *state;
	struct ml_alert a[RULES_MAX];
	struct ml_error err;
	size_t n;

	procedure(f, D0, "epidural_steroid");
	for (int d = 1; d <= 4; d++)
		LOG(f, D0 + d, "back_pain=1", "headache=1");
	LOG(f, D0 + 6, "back_pain=10", "back_pain_worst=10", "leg_pain=10",
	    "headache=10", "headache_upright=yes", "numbness=yes",
	    "tingling=yes", "leg_weakness=yes", "bladder_bowel=yes",
	    "saddle_numbness=yes", "temperature_c=39", "site_problem=yes",
	    "neck_stiffness=yes", "headache_neuro=yes", "chest_breathless=yes",
	    "cannot_walk=yes", "both_legs=yes", "calf_pain=yes", "fall=yes",
	    "pain_uncontrolled=yes", "days_no_bowel=9", "site_leaking=yes");
	assert_int_equal(store_load(&f->s, ML_ENTRIES, NULL, &err), 0);
	n = rules_eval(&f->s, &f->cfg, D0 + 6, a);
	assert_true(n >= 15 && n <= RULES_MAX);
	for (size_t i = 1; i < n; i++)
		assert_true(a[i - 1].tier <= a[i].tier);
	assert_int_equal(tier_of(f, D0 + 6, "post_block_deficit"),
	    ML_TIER_EMERGENCY);
	assert_int_equal(tier_of(f, D0 + 6, "puncture_headache_persisting"),
	    ML_TIER_URGENT);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_new_emergency_signs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fever_neck_stiffness, setup, teardown),
		cmocka_unit_test_setup_teardown(test_neck_stiffness_watch, setup, teardown),
		cmocka_unit_test_setup_teardown(test_post_block_deficit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_back_pain_deficit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_calf_pain_and_uncontrolled_pain, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fall_after_surgery, setup, teardown),
		cmocka_unit_test_setup_teardown(test_site_leaking, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_bowel_movement, setup, teardown),
		cmocka_unit_test_setup_teardown(test_puncture_headache_persisting, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pain_jump, setup, teardown),
		cmocka_unit_test_setup_teardown(test_every_sign_one_day, setup, teardown),
	};

	setenv("TZ", "UTC", 1);
	tzset();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
