/*
 * rules.c - the red-flag rules of issue 4, one function each, evaluated
 * over the loaded entries and procedures.
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
	if ((bp >= 0 && bp >= e->cfg->fever_back_pain) || yes(e, EC_SITE_PROBLEM)) {
		fire(e, "fever_back_pain", ML_TIER_URGENT);
		return;
	}
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
