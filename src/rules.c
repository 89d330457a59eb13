/*
 * rules.c - the red-flag rules of issues 4 and 13, one function each,
 * evaluated over the loaded entries and procedures.
 *
 * Reading of the table (see mendlog(5), ALERT RULES):
 *  - Thresholds are inclusive; day 0 is the procedure day.
 *  - A value that is empty or invalid is "not answered" and never fires.
 *  - "Entered days" of a multi-day rule are days whose entry answers the
 *    fields the rule reads (back_pain for worsening_pain and chronic_pain,
 *    numbness or tingling for nerve_symptoms); other days are skipped, not
 *    counted as symptom-free.
 *  - severe_pain counts calendar days: a missing day breaks the run.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diary.h"
#include "rules.h"
#include "timeline.h"

#define EMERGENCY_CALL \
	" Call your local emergency number now, or go straight to the nearest " \
	"emergency department. Do not wait to see if it passes."
/* Issue 4: every fever and headache message carries this sentence. */
#define MENINGITIS_SIGNS \
	" With a stiff neck, a rash, confusion, drowsiness or a change in " \
	"vision, call your local emergency number now."
#define NERVE_EMERGENCY \
	" If a leg becomes weak, or bladder or bowel control changes, call " \
	"your local emergency number."

static const char *const tier_names[ML_NTIERS] = {
	"emergency", "urgent", "contact", "watch"
};

static const char *const tier_advice[ML_NTIERS] = {
	"get emergency care now",
	"contact your clinician or out-of-hours service today",
	"tell your clinician or physiotherapist soon",
	"keep an eye on it",
};

const char *const rules_ids[] = {
	"leg_weakness", "bladder_bowel", "saddle_numbness", "fever",
	"fever_back_pain", "site_problem", "severe_headache",
	"post_puncture_headache", "injection_back_pain", "nerve_symptoms",
	"worsening_pain", "severe_pain", "pain_beyond_window", "chronic_pain",
	/* issue 13 */
	"chest_breathless", "headache_neuro", "fever_neck_stiffness",
	"both_legs", "post_block_deficit", "back_pain_deficit", "calf_pain",
	"pain_uncontrolled", "fall_after_surgery", "site_leaking",
	"no_bowel_movement", "puncture_headache_persisting", "pain_jump",
	"neck_stiffness",
	NULL
};

struct message {
	const char *rule;
	enum ml_tier tier;
	const char *text;
};

static const struct message messages[] = {
	{ "leg_weakness", ML_TIER_EMERGENCY,
	    "New weakness in a leg or foot after a spinal procedure can mean "
	    "pressure on the nerves in the spine, which needs checking at once."
	    EMERGENCY_CALL },
	{ "bladder_bowel", ML_TIER_EMERGENCY,
	    "New trouble controlling or emptying your bladder or bowel can mean "
	    "pressure on the nerves at the base of the spine, which needs "
	    "checking at once." EMERGENCY_CALL },
	{ "saddle_numbness", ML_TIER_EMERGENCY,
	    "Numbness between the legs or around the bottom can mean pressure "
	    "on the nerves at the base of the spine, which needs checking at "
	    "once." EMERGENCY_CALL },
	{ "fever", ML_TIER_URGENT,
	    "A raised temperature after a procedure can be a sign of infection. "
	    "Contact your clinician or out-of-hours service today and tell them "
	    "about the procedure." MENINGITIS_SIGNS },
	{ "fever_back_pain", ML_TIER_URGENT,
	    "A raised temperature together with back pain or a problem at the "
	    "procedure site can be a sign of an infection of the spine or its "
	    "coverings, which needs prompt care. Contact your clinician or "
	    "out-of-hours service today, as soon as you can." MENINGITIS_SIGNS },
	{ "site_problem", ML_TIER_URGENT,
	    "A wound or puncture site that is red, swollen, hot or leaking can "
	    "be a sign of infection. Contact your clinician or out-of-hours "
	    "service today." },
	{ "severe_headache", ML_TIER_URGENT,
	    "A severe headache after a procedure on the spine needs a "
	    "clinician's advice. Contact your clinician or out-of-hours service "
	    "today." MENINGITIS_SIGNS },
	{ "post_puncture_headache", ML_TIER_URGENT,
	    "A headache that is worse sitting or standing and eases lying down, "
	    "in the days after a lumbar puncture or epidural, can mean spinal "
	    "fluid is leaking from the puncture. It can be treated. Contact the "
	    "team that did the procedure, or your out-of-hours service, today."
	    MENINGITIS_SIGNS },
	{ "post_puncture_headache", ML_TIER_CONTACT,
	    "A headache in the days after a lumbar puncture or epidural is "
	    "common and can be treated. Tell the team that did the procedure or "
	    "your clinician soon, within a day or two, and say if it is worse "
	    "sitting or standing." MENINGITIS_SIGNS },
	{ "injection_back_pain", ML_TIER_URGENT,
	    "Severe back pain in the week after a lumbar puncture or epidural "
	    "is not expected and can mean bleeding or infection near the spine. "
	    "Contact your clinician or out-of-hours service today."
	    NERVE_EMERGENCY },
	{ "nerve_symptoms", ML_TIER_CONTACT,
	    "Numbness or tingling that goes on for days, or comes with strong "
	    "leg pain, can mean a nerve is still irritated or pressed. Tell your "
	    "clinician or physiotherapist soon, within a few days."
	    NERVE_EMERGENCY },
	{ "nerve_symptoms", ML_TIER_WATCH,
	    "Numbness or tingling can come from irritated nerves and often "
	    "settles as you recover. Keep noting it; tell your clinician if it "
	    "spreads or gets worse." NERVE_EMERGENCY },
	{ "worsening_pain", ML_TIER_CONTACT,
	    "Your back pain over the last few days is clearly higher than "
	    "before. Pain that keeps rising should be checked. Tell your "
	    "clinician or physiotherapist soon, within a few days." },
	{ "severe_pain", ML_TIER_CONTACT,
	    "Your worst back pain has been very high on consecutive days. Tell "
	    "your clinician or physiotherapist soon, within a day or two, so "
	    "your pain relief and plan can be reviewed." },
	{ "pain_beyond_window", ML_TIER_CONTACT,
	    "Your back pain is lasting longer than usually expected after this "
	    "procedure. This is not always a problem, but it should be checked. "
	    "Tell your clinician or physiotherapist soon, within a week or so." },
	{ "chronic_pain", ML_TIER_CONTACT,
	    "You have had back pain on most of the days you logged, months "
	    "after your procedure. Long-lasting pain deserves a review and a "
	    "plan. Tell your clinician or physiotherapist soon." },
	/* Issue 13: the signs NICE CKS, BMJ Best Practice, ICHD-3 7.2.1 and
	 * the epidural and discharge leaflets name. */
	{ "chest_breathless", ML_TIER_EMERGENCY,
	    "Chest pain or breathlessness after a procedure can be a sign of a "
	    "blood clot in the lungs or a heart problem, which needs checking "
	    "at once." EMERGENCY_CALL },
	{ "headache_neuro", ML_TIER_EMERGENCY,
	    "A headache with a change in vision, confusion or unusual "
	    "drowsiness can be a sign of bleeding, infection or pressure around "
	    "the brain, which needs checking at once." EMERGENCY_CALL },
	{ "fever_neck_stiffness", ML_TIER_EMERGENCY,
	    "A raised temperature with a stiff neck can be a sign of an "
	    "infection of the coverings of the brain and spine (meningitis), "
	    "which needs treatment at once." EMERGENCY_CALL },
	{ "both_legs", ML_TIER_EMERGENCY,
	    "Pain, numbness or weakness in both legs can mean pressure on the "
	    "nerves at the base of the spine, which needs checking at once."
	    EMERGENCY_CALL },
	{ "post_block_deficit", ML_TIER_EMERGENCY,
	    "Numb legs, or not being able to stand or walk, in the days after an "
	    "epidural or lumbar puncture, once the numbing medicine has worn "
	    "off, can mean bleeding or infection pressing on the nerves in the "
	    "spine, which needs checking at once." EMERGENCY_CALL },
	{ "post_block_deficit", ML_TIER_URGENT,
	    "Numb legs, or not being able to stand or walk, on the day of an "
	    "epidural or lumbar puncture is usually the numbing medicine wearing "
	    "off. If it has not clearly eased a few hours after the last dose, "
	    "tell the team that did the procedure now, or contact your "
	    "out-of-hours service today. If it comes back after it had worn "
	    "off, call your local emergency number." },
	{ "back_pain_deficit", ML_TIER_EMERGENCY,
	    "Severe back pain together with numb or weak legs, or not being able "
	    "to walk, in the days after an epidural or lumbar puncture can mean "
	    "bleeding or infection near the spine, which needs checking at "
	    "once." EMERGENCY_CALL },
	{ "back_pain_deficit", ML_TIER_URGENT,
	    "Severe back pain with numb or weak legs on the day of an epidural "
	    "or lumbar puncture needs a clinician's advice today. Tell the team "
	    "that did the procedure now, or contact your out-of-hours service."
	    NERVE_EMERGENCY },
	{ "calf_pain", ML_TIER_URGENT,
	    "Pain or swelling in a calf can be a sign of a blood clot in the "
	    "leg, more likely after a procedure or days of resting. Contact your "
	    "clinician or out-of-hours service today, within a few hours. With "
	    "chest pain or breathlessness, call your local emergency number "
	    "now." },
	{ "pain_uncontrolled", ML_TIER_URGENT,
	    "Pain that your pain medicine does not ease needs a clinician's "
	    "review within 24 hours. Contact your clinician or out-of-hours "
	    "service today; do not take more than you were prescribed."
	    NERVE_EMERGENCY },
	{ "fall_after_surgery", ML_TIER_URGENT,
	    "A fall in the weeks after spinal surgery can strain the repair, "
	    "even when it seems minor. Contact your surgical team or "
	    "out-of-hours service today and tell them about the fall."
	    NERVE_EMERGENCY },
	{ "site_leaking", ML_TIER_URGENT,
	    "A wound or puncture site that keeps leaking fluid after the first "
	    "days can be a sign of infection or of spinal fluid leaking. "
	    "Contact your clinician or out-of-hours service today." },
	{ "site_leaking", ML_TIER_WATCH,
	    "Some leaking from a wound is expected in the first days after "
	    "surgery. Keep the dressing clean and note it each day; tell your "
	    "clinician if it soaks the dressing, smells, or goes on after the "
	    "first days." },
	{ "no_bowel_movement", ML_TIER_URGENT,
	    "Several days without a bowel movement after surgery is common with "
	    "pain medicines, but it needs advice before it causes more trouble. "
	    "Contact your clinician, pharmacist or out-of-hours service today. "
	    "If you cannot pass urine or have lost bladder or bowel control, "
	    "call your local emergency number now." },
	{ "puncture_headache_persisting", ML_TIER_URGENT,
	    "A headache that is still there, or keeps getting worse, well after "
	    "a lumbar puncture or epidural can mean spinal fluid is still "
	    "leaking, and it can be treated. Contact the team that did the "
	    "procedure, or your out-of-hours service, today." MENINGITIS_SIGNS },
	{ "pain_jump", ML_TIER_URGENT,
	    "Your back pain today is much higher than on the days before. A "
	    "sudden rise should be checked. Contact your clinician or "
	    "out-of-hours service today." NERVE_EMERGENCY },
	{ "neck_stiffness", ML_TIER_WATCH,
	    "A stiff neck on its own is often from the muscles. Keep noting it "
	    "and take your temperature. With a fever, a bad headache, a rash, "
	    "confusion or drowsiness, call your local emergency number now." },
};

const char *
rules_tier_name(enum ml_tier tier)
{
	return tier < ML_NTIERS ? tier_names[tier] : "?";
}

const char *
rules_tier_advice(enum ml_tier tier)
{
	return tier < ML_NTIERS ? tier_advice[tier] : "?";
}

bool
rules_tier_parse(const char *s, enum ml_tier *tier)
{
	for (int t = 0; t < ML_NTIERS; t++)
		if (strcmp(s, tier_names[t]) == 0) {
			*tier = (enum ml_tier)t;
			return true;
		}
	return false;
}

const char *
rules_message(const char *rule, enum ml_tier tier)
{
	for (size_t i = 0; i < ML_NELEM(messages); i++)
		if (messages[i].tier == tier && strcmp(messages[i].rule, rule) == 0)
			return messages[i].text;
	return NULL;
}

/*
 * The entered days up to e->day, for the multi-day rules: a stretch of
 * the store's key index of entries.csv (in date order, the first row of a
 * date first), walked back from e->day.  Nothing is copied or sorted, so
 * a rule costs the days it looks at, not the length of the diary.
 */
struct days {
	const size_t *rows;	/* entries rows in date order (store-owned) */
	size_t n;
};

static void
days_upto(const struct ml_store *s, ml_day upto, struct days *d)
{
	char date[ML_DATE_LEN];

	ml_date_format(upto, date);
	d->n = store_key_range(s, ML_ENTRIES, "", date, &d->rows);
}

struct eval {
	const struct ml_store *s;
	const struct ml_config *cfg;
	ml_day day;
	long row;
	struct days days;	/* entered days up to and including day */
	const struct ml_timeline *tl;	/* every procedure */
	struct ml_alert *out;
	size_t n;
};

/* Row of the @i-th entered day of e->days, or -1 when that row is not a
 * day of its own: an invalid date, or a repeated date (a damaged file),
 * which counts once, by its first row, as diary_find() reads it. */
static long
day_row(const struct eval *e, size_t i)
{
	const char *date = store_get(e->s, ML_ENTRIES, e->days.rows[i], EC_DATE);

	if (!ml_date_parse(date, NULL))
		return -1;
	if (i > 0 && strcmp(date, store_get(e->s, ML_ENTRIES,
	    e->days.rows[i - 1], EC_DATE)) == 0)
		return -1;
	return (long)e->days.rows[i];
}

static void
fire(struct eval *e, const char *rule, enum ml_tier tier)
{
	struct ml_alert *a;

	/* Each rule fires at most once a day, so RULES_MAX is never passed. */
	if (e->n >= RULES_MAX)
		fatal("rules: more than %d alerts on one day", RULES_MAX);
	a = &e->out[e->n++];
	a->rule = rule;
	a->tier = tier;
	a->message = rules_message(rule, tier);
	a->day = e->day;
	a->scope_from = a->scope_to = e->day;
	a->covered_by = NULL;
}

static bool
yes(const struct eval *e, enum ml_entry_col col)
{
	return diary_yesno(e->s, e->row, col) == 1;
}

static int
score(const struct eval *e, enum ml_entry_col col)
{
	return diary_score(e->s, e->row, col);
}

/* A kind marked dural (a lumbar puncture or either epidural) whose day 0..@days contains the
 * evaluated day (any such procedure, not only the newest). */
static bool
after_puncture(const struct eval *e, int days)
{
	size_t n = store_nrows(e->s, ML_PROCEDURES);

	for (size_t r = 0; r < n; r++) {
		const struct ml_proc_kind *k = ml_proc_kind_match(
		    store_get(e->s, ML_PROCEDURES, r, PC_KIND));
		ml_day d;

		if (k == NULL || !k->dural)
			continue;
		if (!ml_date_parse(store_get(e->s, ML_PROCEDURES, r, PC_DATE), &d))
			continue;
		if (e->day >= d && e->day - d <= days)
			return true;
	}
	return false;
}

static void
rule_emergencies(struct eval *e)
{
	if (yes(e, EC_LEG_WEAKNESS))
		fire(e, "leg_weakness", ML_TIER_EMERGENCY);
	if (yes(e, EC_BLADDER_BOWEL))
		fire(e, "bladder_bowel", ML_TIER_EMERGENCY);
	if (yes(e, EC_SADDLE_NUMBNESS))
		fire(e, "saddle_numbness", ML_TIER_EMERGENCY);
}

static void
rule_fever(struct eval *e)
{
	double t = diary_decimal(e->s, e->row, EC_TEMPERATURE_C);
	int bp = score(e, EC_BACK_PAIN);

	/* The value is stored with at most a few decimals: compare exactly. */
	if (isnan(t) || t < e->cfg->fever_c)
		return;
	if (yes(e, EC_NECK_STIFFNESS))
		fire(e, "fever_neck_stiffness", ML_TIER_EMERGENCY);
	if ((bp >= 0 && bp >= e->cfg->fever_back_pain) || yes(e, EC_SITE_PROBLEM)) {
		fire(e, "fever_back_pain", ML_TIER_URGENT);
		return;
	}
	/* With a stiff neck the emergency says it all. */
	if (yes(e, EC_NECK_STIFFNESS))
		return;
	fire(e, "fever", ML_TIER_URGENT);
	e->out[e->n - 1].covered_by = "fever_back_pain";
}

static void
rule_site_and_headaches(struct eval *e)
{
	int h = score(e, EC_HEADACHE);

	if (yes(e, EC_SITE_PROBLEM))
		fire(e, "site_problem", ML_TIER_URGENT);
	if (h >= 0 && h >= e->cfg->severe_headache)
		fire(e, "severe_headache", ML_TIER_URGENT);
	if (h >= 0 && h >= e->cfg->post_puncture_headache &&
	    after_puncture(e, e->cfg->post_puncture_days))
		fire(e, "post_puncture_headache", yes(e, EC_HEADACHE_UPRIGHT) ?
		    ML_TIER_URGENT : ML_TIER_CONTACT);
}

static void
rule_injection_back_pain(struct eval *e)
{
	int w = score(e, EC_BACK_PAIN_WORST);

	if (w >= 0 && w >= e->cfg->injection_back_pain_worst &&
	    after_puncture(e, e->cfg->injection_days))
		fire(e, "injection_back_pain", ML_TIER_URGENT);
}

static void
rule_nerve_symptoms(struct eval *e)
{
	int lp = score(e, EC_LEG_PAIN);
	int run = 0;

	if (!yes(e, EC_NUMBNESS) && !yes(e, EC_TINGLING))
		return;
	if (lp >= 0 && lp >= e->cfg->nerve_leg_pain) {
		fire(e, "nerve_symptoms", ML_TIER_CONTACT);
		return;
	}
	/* Walk back over the entered days that answer either question. */
	for (size_t i = e->days.n;
	    i-- > 0 && run < e->cfg->nerve_consecutive_days;) {
		long r = day_row(e, i);
		int n = diary_yesno(e->s, r, EC_NUMBNESS);
		int t = diary_yesno(e->s, r, EC_TINGLING);

		if (n < 0 && t < 0)
			continue;
		if (n != 1 && t != 1)
			break;
		run++;
	}
	fire(e, "nerve_symptoms", run >= e->cfg->nerve_consecutive_days ?
	    ML_TIER_CONTACT : ML_TIER_WATCH);
}

static void
rule_worsening_pain(struct eval *e)
{
	int nrecent = e->cfg->worsening_recent_days;
	int nbase = e->cfg->worsening_baseline_days;
	int recent = 0, base = 0;
	long sum_recent = 0, sum_base = 0;

	if (score(e, EC_BACK_PAIN) < 0)
		return;
	for (size_t i = e->days.n; i-- > 0 && base < nbase;) {
		int v = diary_score(e->s, day_row(e, i), EC_BACK_PAIN);

		if (v < 0)
			continue;
		if (recent < nrecent) {
			recent++;
			sum_recent += v;
		} else {
			base++;
			sum_base += v;
		}
	}
	if (recent < nrecent || base < e->cfg->worsening_min_baseline)
		return;
	/* mean_recent >= delta + mean_base, without dividing:
	 * sum_recent * base >= delta * recent * base + sum_base * recent.
	 * The small tolerance keeps a delta like 2.0 exact. */
	if ((double)sum_recent * base + 1e-9 >=
	    e->cfg->worsening_delta * recent * base + (double)sum_base * recent)
		fire(e, "worsening_pain", ML_TIER_CONTACT);
}

static void
rule_severe_pain(struct eval *e)
{
	int need = e->cfg->severe_pain_days;

	/* Calendar days: each of the last @need days must reach the level. */
	for (int k = 0; k < need; k++) {
		long r = k == 0 ? e->row : diary_find(e->s, e->day - k);
		int w = diary_score(e->s, r, EC_BACK_PAIN_WORST);

		if (w < 0 || w < e->cfg->severe_pain_worst)
			return;
	}
	fire(e, "severe_pain", ML_TIER_CONTACT);
}

/*
 * Back pain of chronic_pain or more on at least chronic_days of the last
 * chronic_of_days entered days up to @upto (which may be after e->day:
 * a later procedure's day, for where a stretch ends).
 */
static bool
pain_persists(const struct eval *e, ml_day upto)
{
	struct days d;
	int seen = 0, painful = 0;

	days_upto(e->s, upto, &d);
	for (size_t i = d.n; i-- > 0 && seen < e->cfg->chronic_of_days;) {
		const char *date = store_get(e->s, ML_ENTRIES, d.rows[i], EC_DATE);
		int v;

		/* A repeated date counts once, by its first row (day_row). */
		if (i > 0 && strcmp(date, store_get(e->s, ML_ENTRIES,
		    d.rows[i - 1], EC_DATE)) == 0)
			continue;
		if (!ml_date_parse(date, NULL) ||
		    (v = diary_score(e->s, (long)d.rows[i], EC_BACK_PAIN)) < 0)
			continue;
		seen++;
		if (v >= e->cfg->chronic_pain)
			painful++;
	}
	return painful >= e->cfg->chronic_days;
}

/*
 * Pain past a procedure's own expected window, once per procedure
 * timeline (timeline_beyond_window: a blood patch does not end the
 * puncture's timeline; a fusion's window covers an LP done within it).
 */
static void
rule_pain_beyond_window(struct eval *e, int bp)
{
	const struct ml_timeline_proc *p;

	if (bp < e->cfg->beyond_window_pain ||
	    (p = timeline_beyond_window(e->tl, e->day)) == NULL)
		return;
	fire(e, "pain_beyond_window", ML_TIER_CONTACT);
	e->out[e->n - 1].scope_from = p->date;
	e->out[e->n - 1].scope_to = timeline_end(e->tl, p);
}

/*
 * chronic_pain measures how long the pain has lasted: from the first
 * procedure of a stretch in which the pain persisted, so an injection
 * repeated while the pain goes on does not restart the count.  A
 * procedure continues the stretch when the pain persisted up to its day.
 */
static void
rule_chronic_pain(struct eval *e)
{
	const struct ml_timeline_proc *newest = timeline_newest(e->tl, e->day);
	size_t first, last;
	ml_day end = INT32_MAX;

	if (newest == NULL || !pain_persists(e, e->day))
		return;
	first = last = (size_t)(newest - e->tl->v);
	while (first > 0 && e->tl->v[first].date > e->tl->v[first - 1].date &&
	    pain_persists(e, e->tl->v[first].date))
		first--;
	if (e->day - e->tl->v[first].date < e->cfg->chronic_from_day)
		return;
	/* The stretch ends before a later procedure it does not reach. */
	for (size_t i = last + 1; i < e->tl->n; i++)
		if (!pain_persists(e, e->tl->v[i].date)) {
			end = e->tl->v[i].date - 1;
			break;
		}
	fire(e, "chronic_pain", ML_TIER_CONTACT);
	e->out[e->n - 1].scope_from = e->tl->v[first].date;
	e->out[e->n - 1].scope_to = end;
}

static void
rule_procedure_windows(struct eval *e)
{
	int bp = score(e, EC_BACK_PAIN);

	if (bp < 0)
		return;
	rule_pain_beyond_window(e, bp);
	rule_chronic_pain(e);
}

/*
 * What a procedure kind is, for the rules of issue 13: a block (a needle
 * near the dura: lumbar puncture, epidurals, a blood patch), surgery, or
 * other.  A local stand-in for the timeline's categories (issue 12): once
 * include/timeline.h is on main, procedure_in(e, cat, from, to) is
 * timeline_store_within(e->s, e->day, ML_CAT_MASK(<cat>), from, to) and
 * these two go.
 */
enum proc_category { PROC_BLOCK, PROC_SURGICAL, PROC_OTHER };

static enum proc_category
kind_category(const struct ml_proc_kind *k)
{
	if (k->dural)
		return PROC_BLOCK;
	return strcmp(k->id, "other") == 0 ? PROC_OTHER : PROC_SURGICAL;
}

/* A procedure of @cat whose day number on the evaluated day is within
 * [@from, @to] (any such procedure, not only the newest). */
static bool
procedure_in(const struct eval *e, enum proc_category cat, int from, int to)
{
	size_t n = store_nrows(e->s, ML_PROCEDURES);

	for (size_t r = 0; r < n; r++) {
		const struct ml_proc_kind *k = ml_proc_kind_match(
		    store_get(e->s, ML_PROCEDURES, r, PC_KIND));
		ml_day d;

		if (k == NULL || kind_category(k) != cat ||
		    !ml_date_parse(store_get(e->s, ML_PROCEDURES, r, PC_DATE), &d))
			continue;
		if (e->day - d >= from && e->day - d <= to)
			return true;
	}
	return false;
}

/* Issue 13: signs that are an emergency on any day. */
static void
rule_new_emergencies(struct eval *e)
{
	if (yes(e, EC_CHEST_BREATHLESS))
		fire(e, "chest_breathless", ML_TIER_EMERGENCY);
	if (yes(e, EC_HEADACHE_NEURO))
		fire(e, "headache_neuro", ML_TIER_EMERGENCY);
	if (yes(e, EC_BOTH_LEGS))
		fire(e, "both_legs", ML_TIER_EMERGENCY);
}

/*
 * After a block (epidural, lumbar puncture): numb legs or cannot walk, and
 * severe back pain with a deficit.  Day 0 is while the block wears off, so
 * urgent then; days 1..post_block_days an emergency (a spinal haematoma or
 * abscess).
 */
static void
rule_post_block(struct eval *e)
{
	int w = score(e, EC_BACK_PAIN_WORST);
	bool numb_or_cannot = yes(e, EC_NUMBNESS) || yes(e, EC_CANNOT_WALK);
	enum ml_tier tier;

	if (procedure_in(e, PROC_BLOCK, 1, e->cfg->post_block_days))
		tier = ML_TIER_EMERGENCY;
	else if (procedure_in(e, PROC_BLOCK, 0, 0))
		tier = ML_TIER_URGENT;
	else
		return;
	if (numb_or_cannot)
		fire(e, "post_block_deficit", tier);
	if (w >= 0 && w >= e->cfg->back_pain_deficit_worst &&
	    (numb_or_cannot || yes(e, EC_LEG_WEAKNESS)))
		fire(e, "back_pain_deficit", tier);
}

/* Issue 13: urgent signs, and the leaking site (watch early after surgery). */
static void
rule_new_urgent(struct eval *e)
{
	double nb = diary_decimal(e->s, e->row, EC_DAYS_NO_BOWEL);

	if (yes(e, EC_CALF_PAIN))
		fire(e, "calf_pain", ML_TIER_URGENT);
	if (yes(e, EC_PAIN_UNCONTROLLED))
		fire(e, "pain_uncontrolled", ML_TIER_URGENT);
	if (yes(e, EC_FALL) &&
	    procedure_in(e, PROC_SURGICAL, 0, e->cfg->fall_days))
		fire(e, "fall_after_surgery", ML_TIER_URGENT);
	/* Early drainage after surgery is expected; later, or after a
	 * puncture, or with no procedure recorded, it needs a clinician. */
	if (yes(e, EC_SITE_LEAKING))
		fire(e, "site_leaking", procedure_in(e, PROC_SURGICAL, 0,
		    e->cfg->site_leaking_watch_days) ? ML_TIER_WATCH :
		    ML_TIER_URGENT);
	if (!isnan(nb) && nb >= e->cfg->no_bowel_days &&
	    procedure_in(e, PROC_SURGICAL, 0, e->cfg->no_bowel_window_days))
		fire(e, "no_bowel_movement", ML_TIER_URGENT);
}

/*
 * A post-puncture headache past post_puncture_days, up to
 * puncture_headache_until_day: still at or above the level, or higher on
 * each of the last puncture_headache_rising_days entered days than on the
 * one before.
 */
static void
rule_puncture_headache_persisting(struct eval *e)
{
	int h = score(e, EC_HEADACHE);
	int need = e->cfg->puncture_headache_rising_days;
	int run = 0, next = -1;

	if (h < 0 || !procedure_in(e, PROC_BLOCK, e->cfg->post_puncture_days + 1,
	    e->cfg->puncture_headache_until_day))
		return;
	if (h >= e->cfg->puncture_headache_persisting) {
		fire(e, "puncture_headache_persisting", ML_TIER_URGENT);
		return;
	}
	/* Walk back over the entered days that answer headache. */
	for (size_t i = e->days.n; i-- > 0 && run < need;) {
		int v = diary_score(e->s, day_row(e, i), EC_HEADACHE);

		if (v < 0)
			continue;
		if (next >= 0 && v >= next)
			break;
		next = v;
		run++;
	}
	if (run >= need)
		fire(e, "puncture_headache_persisting", ML_TIER_URGENT);
}

/* Back pain at least pain_jump_points above the mean of the
 * pain_jump_days entered days before. */
static void
rule_pain_jump(struct eval *e)
{
	int bp = score(e, EC_BACK_PAIN);
	int need = e->cfg->pain_jump_days;
	int seen = 0;
	long sum = 0;

	if (bp < 0)
		return;
	/* e->days ends with the evaluated day: skip it. */
	for (size_t i = e->days.n; i-- > 0 && seen < need;) {
		long r = day_row(e, i);
		int v = diary_score(e->s, r, EC_BACK_PAIN);

		if (r == e->row || v < 0)
			continue;
		seen++;
		sum += v;
	}
	/* bp >= sum / need + points, without dividing. */
	if (seen == need && (long)bp * need >= sum +
	    (long)e->cfg->pain_jump_points * need)
		fire(e, "pain_jump", ML_TIER_URGENT);
}

/* A stiff neck without a fever (fever_neck_stiffness) and without a
 * post-puncture headache (which already raises post_puncture_headache). */
static void
rule_neck_stiffness(struct eval *e)
{
	double t = diary_decimal(e->s, e->row, EC_TEMPERATURE_C);
	int h = score(e, EC_HEADACHE);

	if (!yes(e, EC_NECK_STIFFNESS) || (!isnan(t) && t >= e->cfg->fever_c))
		return;
	if (h >= 0 && h >= e->cfg->post_puncture_headache &&
	    after_puncture(e, e->cfg->post_puncture_days))
		return;
	fire(e, "neck_stiffness", ML_TIER_WATCH);
}

static int
cmp_alert(const void *a, const void *b)
{
	const struct ml_alert *x = a, *y = b;

	return (int)x->tier - (int)y->tier;
}

/* Every rule on e->day (e->row and e->days set); sorted most severe first. */
static size_t
eval_rules(struct eval *e, struct ml_alert *out)
{
	rule_emergencies(e);
	rule_fever(e);
	rule_site_and_headaches(e);
	rule_injection_back_pain(e);
	rule_nerve_symptoms(e);
	rule_worsening_pain(e);
	rule_severe_pain(e);
	rule_procedure_windows(e);
	rule_new_emergencies(e);
	rule_post_block(e);
	rule_new_urgent(e);
	rule_puncture_headache_persisting(e);
	rule_pain_jump(e);
	rule_neck_stiffness(e);
	/* Insertion sort keeps table order within a tier (qsort is unstable). */
	for (size_t i = 1; i < e->n; i++)
		for (size_t j = i; j > 0 && cmp_alert(&out[j - 1], &out[j]) > 0;
		    j--) {
			struct ml_alert t = out[j];

			out[j] = out[j - 1];
			out[j - 1] = t;
		}
	return e->n;
}

size_t
rules_eval(const struct ml_store *s, const struct ml_config *cfg, ml_day day,
    struct ml_alert *out)
{
	struct eval e;
	struct ml_timeline tl;
	size_t n;

	memset(&e, 0, sizeof e);
	e.s = s;
	e.cfg = cfg;
	e.day = day;
	e.out = out;
	if ((e.row = diary_find(s, day)) < 0)
		return 0;
	days_upto(s, day, &e.days);
	/* A handful of procedures: built per day, so the windows are the
	 * config's and the store may change between calls. */
	timeline_build(&tl, s, cfg);
	e.tl = &tl;
	n = eval_rules(&e, out);
	timeline_free(&tl);
	return n;
}
