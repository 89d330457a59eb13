/*
 * cmd-due.c - `mendlog due [--quiet]`: what needs doing now, for
 * ~/.profile (every ssh login) or cron.
 *
 * It first runs the rules over the recent days (startup_days), so an
 * entry made by hand or by another program is checked before anyone reads
 * this.  Then, in this order: every unacknowledged emergency, every
 * unacknowledged urgent alert (newest first within a tier), what keeps a
 * rule from checking (notices-unchecked.c), and the exercise slots due.
 * An alert is never hidden behind "and N more" and never cut: each gives
 * its tier, day, the sign in plain words and the action in full, wrapped
 * at 80 columns onto indented lines.  Only exercise lines are limited.
 * With --quiet nothing at all is printed when nothing is due, so a login
 * stays silent on a quiet day.  A snooze set on the screen holds back
 * exercise lines (never alerts) until it ends; --new prints only lines it
 * has not printed before (state.h), for cron.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alerts.h"
#include "cli.h"
#include "notices.h"
#include "plan.h"
#include "record.h"
#include "state.h"
#include "text.h"

#define MAX_EXERCISE_LINES 5
#define MSG_BYTES 60
#define DUE_COLS 80

static int run_due(struct ml_app *, const struct cli_args *);

static const struct cli_option due_options[] = {
	{ "quiet", 'q', NULL, "print nothing at all when nothing is due", NULL },
	{ "new", 'n', NULL, "only lines not printed before; implies --quiet",
	    NULL },
	{ NULL, 0, NULL, NULL, NULL }
};

const struct cli_command cmd_due = {
	.name = "due",
	.summary = "what is due now (urgent alerts, exercises); for ~/.profile",
	.usage = "usage: mendlog due [--quiet] [--new]\n",
	.about =
	"Check the recent days, then print every unacknowledged emergency,\n"
	"then every urgent alert, each with what to do in full, then the\n"
	"exercise slots due or overdue now (at most five lines).  A value\n"
	"the rules cannot read is named.  A snooze set on the screen holds\n"
	"back the exercise lines until it ends.\n"
	"\n"
	"To see it at every login, add to ~/.profile:\n"
	"  mendlog due --quiet\n"
	"From cron, --new prints each line once.\n",
	.options = due_options,
	.exec = run_due,
};

/* @s on one line, through the output gate, cut after at most @max bytes
 * and then marked "..."; @buf holds @max + 4 bytes.  Bytes, not columns:
 * a login line stays short in any terminal. */
static void
short_text(const char *s, char *buf, size_t max)
{
	text_safe(buf, max + 4, s, -1, TEXT_ELLIPSIS);
}

/* One printed item: its lines (a wrapped alert is two) and its key for
 * --new. */
struct due_line {
	char *text;
	char *key;
};

struct due_out {
	struct due_line *v;
	size_t n;
};

static void
out_add(struct due_out *o, char *text, char *key)
{
	o->v = xreallocarray(o->v, o->n + 1, sizeof *o->v);
	o->v[o->n].text = text;
	o->v[o->n++].key = key;
}

struct wrap_ctx {
	char *buf;
	size_t len;
};

static void
wrap_line(void *ctx, size_t i, const char *start, size_t len)
{
	struct wrap_ctx *w = ctx;
	char *line = xasprintf("%s%s%.*s\n", w->buf ? w->buf : "",
	    i > 0 ? "  " : "", (int)len, start);

	free(w->buf);
	w->buf = line;
}

/* @text (already through the gate) wrapped within DUE_COLS: continuation
 * lines indented by two.  Caller frees. */
static char *
wrapped(const char *text)
{
	struct wrap_ctx w = { NULL, 0 };

	text_wrap(text, DUE_COLS - 2, wrap_line, &w);
	return w.buf != NULL ? w.buf : xstrdup("\n");
}

static int
cmp_due_alert(const void *a, const void *b)
{
	const struct alert_row *x = a, *y = b;

	/* Emergencies first, then urgent; the newest first in a tier. */
	if (x->tier != y->tier)
		return x->tier < y->tier ? -1 : 1;
	if (x->last_day != y->last_day)
		return x->last_day > y->last_day ? -1 : 1;
	return x->row > y->row ? -1 : x->row < y->row;
}

static int
run_due(struct ml_app *app, const struct cli_args *args)
{
	struct ml_store *s = &app->store;
	struct due_out o = { NULL, 0 };
	size_t more = 0, n, nalerts, nexercise = 0;
	struct ml_state st;
	struct ml_notices notes = { 0 };
	struct record_result res;
	char today[ML_DATE_LEN];
	struct plan_slot *v = NULL;
	struct ml_error err;
	struct alert_row *open;
	time_t now = ml_now();
	bool only_new = cli_args_has(args, "new");
	bool quiet = only_new || cli_args_has(args, "quiet");
	bool snoozed, alert_printed = false;
	int rc = ML_EXIT_OK;
	long next = -1;

	if (cli_open_store(app) != 0)
		return ML_EXIT_FAIL;
	ml_date_format(ml_day_of(now), today);
	if (state_load(&st, s->dir, &err) != 0) {
		cli_print_error(&err);
		rc = ML_EXIT_FAIL;
	}
	snoozed = state_snoozed(&st, now);
	/* The rules first, so nothing entered since the last save of a
	 * mendlog goes unchecked.  A failure is said, the rest still shown. */
	if (record_startup(s, &app->cfg, &res, &err) != 0) {
		cli_print_error(&err);
		rc = ML_EXIT_FAIL;
	} else if (res.unrecorded) {
		cli_print_error(&res.alerts_err);
		rc = ML_EXIT_FAIL;
	}
	record_result_free(&res);
	/* A broken file is reported but does not hide the rest. */
	if (store_load(s, ML_ALERTS, NULL, &err) != 0) {
		cli_print_error(&err);
		rc = ML_EXIT_FAIL;
	}
	nalerts = alerts_open(s, &open);
	qsort(open, nalerts, sizeof *open, cmp_due_alert);
	for (size_t i = 0; i < nalerts; i++) {
		const struct alert_row *a = &open[i];
		char *line, *safe;
		bool still;
		char *key;

		if (a->tier > ML_TIER_URGENT)
			continue;
		/* Keyed by today: an alert still unacknowledged tomorrow is
		 * printed again then. */
		key = xasprintf("%s alert %s %s %s", today, a->date, a->rule,
		    rules_tier_name(a->tier));
		if (only_new && state_printed(&st, key)) {
			free(key);
			continue;
		}
		still = strncmp(a->message, "Still present", 13) == 0;
		line = xasprintf("%s %s%s %s: %s", a->tier == ML_TIER_EMERGENCY ?
		    "EMERGENCY" : "URGENT", a->last_date, still ?
		    " still present:" : "", alerts_rule_label(a->rule),
		    alerts_tier_action(a->tier));
		safe = text_safe_dup(line, -1, 0);
		free(line);
		out_add(&o, wrapped(safe), key);
		free(safe);
		alert_printed = true;
	}
	free(open);
	/* Never silent: what keeps a rule from checking. */
	notices_collect(app, ml_day_of(now), &notes);
	for (size_t i = 0; i < notes.n; i++) {
		char *key, *safe;

		/* No procedure (issue 12): the checks tied to one are off.
		 * Said on standard error, and not by --quiet or --new: it is
		 * not something due, and cron would mail it every day. */
		if (strcmp(notes.v[i].id, "no_procedure") == 0 ||
		    strcmp(notes.v[i].id, "procedures_unreadable") == 0) {
			if (!quiet) {
				char *txt = text_safe_dup(notes.v[i].text, -1, 0);
				char *w = wrapped(txt);

				fputs(w, stderr);
				free(w);
				free(txt);
			}
			continue;
		}
		if (strncmp(notes.v[i].id, "unchecked_", 10) != 0)
			continue;
		key = xasprintf("%s notice %s", today, notes.v[i].text);
		if (only_new && state_printed(&st, key)) {
			free(key);
			continue;
		}
		safe = text_safe_dup(notes.v[i].text, -1, 0);
		out_add(&o, wrapped(safe), key);
		free(safe);
	}
	notices_free(&notes);
	if (plan_load(s, &err) != 0) {
		cli_print_error(&err);
		rc = ML_EXIT_FAIL;
	}
	n = plan_slots(s, &app->cfg, ml_day_of(now), now, &v);
	for (size_t i = 0; i < n; i++) {
		char name[MSG_BYTES + 4], *key;

		if (v[i].status == PLAN_LATER && next < 0)
			next = (long)i;
		if (v[i].status != PLAN_DUE && v[i].status != PLAN_OVERDUE)
			continue;
		if (snoozed)
			continue;
		key = xasprintf("%s %02d:%02d %s", today,
		    v[i].minutes / 60, v[i].minutes % 60, plan_slot_id(s, &v[i]));
		if (only_new && state_printed(&st, key)) {
			free(key);
			continue;
		}
		/* Exercises only are limited; the last line says how many
		 * more (a line cut comes at the next run of --new). */
		if (nexercise == MAX_EXERCISE_LINES) {
			more++;
			free(key);
			continue;
		}
		nexercise++;
		short_text(store_get(s, ML_EXERCISES, v[i].exercise_row, XC_NAME),
		    name, 40);
		out_add(&o, xasprintf("Exercise %s %02d:%02d: %s  "
		    "(mendlog done %s)\n", v[i].status == PLAN_OVERDUE ?
		    "overdue since" : "due", v[i].minutes / 60, v[i].minutes % 60,
		    name, plan_slot_id(s, &v[i])), key);
	}
	if (o.n == 0 && !quiet && snoozed) {
		char hhmm[8];
		struct tm tm;

		localtime_r(&st.snooze_until, &tm);
		strftime(hhmm, sizeof hhmm, "%H:%M", &tm);
		printf("Exercise reminders snoozed until %s.\n", hhmm);
	} else if (o.n == 0 && !quiet) {
		printf("Nothing due now.\n");
		if (next >= 0) {
			char name[MSG_BYTES + 4];

			short_text(store_get(s, ML_EXERCISES, v[next].exercise_row,
			    XC_NAME), name, 40);
			printf("Next: %02d:%02d %s\n", v[next].minutes / 60,
			    v[next].minutes % 60, name);
		}
	}
	for (size_t i = 0; i < o.n; i++) {
		fputs(o.v[i].text, stdout);
		state_mark_printed(&st, o.v[i].key);
		free(o.v[i].text);
		free(o.v[i].key);
	}
	if (more > 0)
		printf("... and %zu more: open mendlog to see them all.\n",
		    more);
	if (alert_printed)
		printf("mendlog alerts for details; mendlog does not replace "
		    "your clinician\n");
	/* Remembered only once printed. */
	if (only_new && o.n > 0 && fflush(stdout) == 0 &&
	    (store_prepare_dir(s, &err) != 0 ||
	    state_save(&st, s->dir, ml_day_of(now), &err) != 0)) {
		cli_print_error(&err);
		rc = ML_EXIT_FAIL;
	}
	free(o.v);
	state_free(&st);
	free(v);
	return rc;
}
