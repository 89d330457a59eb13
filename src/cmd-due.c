/*
 * cmd-due.c - `mendlog due [--quiet]`: what needs doing now, in at most six
 * short lines, for ~/.profile (every ssh login) or cron.
 *
 * Unacknowledged emergency and urgent alerts come first: they matter more
 * than any exercise.  With --quiet nothing at all is printed when nothing
 * is due, so a login stays silent on a quiet day.  A snooze set on the
 * screen holds back exercise lines (never alerts) until it ends; --new
 * prints only lines it has not printed before (state.h), for cron.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alerts.h"
#include "cli.h"
#include "plan.h"
#include "state.h"
#include "text.h"

#define MAX_LINES 6
#define MSG_BYTES 60

static int run_due(struct ml_app *, const struct cli_args *);

static const struct cli_option due_options[] = {
	{ "quiet", 'q', NULL, "print nothing at all when nothing is due", NULL },
	{ "new", 'n', NULL, "only lines not printed before; implies --quiet",
	    NULL },
	{ NULL, 0, NULL, NULL, NULL }
};

const struct cli_command cmd_due = {
	.name = "due",
	.summary = "what is due now (exercises, urgent alerts); for ~/.profile",
	.usage = "usage: mendlog due [--quiet] [--new]\n",
	.about =
	"Print, in at most six short lines, unacknowledged emergency and\n"
	"urgent alerts and the exercise slots due or overdue now.  A snooze\n"
	"set on the screen holds back the exercise lines until it ends.\n"
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

static int
run_due(struct ml_app *app, const struct cli_args *args)
{
	struct ml_store *s = &app->store;
	char *lines[64], *keys[64];
	size_t nlines = 0, more = 0, n, nalerts;
	struct ml_state st;
	char today[ML_DATE_LEN];
	char *key;
	struct plan_slot *v = NULL;
	struct ml_error err;
	struct alert_row *open;
	time_t now = ml_now();
	bool only_new = cli_args_has(args, "new");
	bool quiet = only_new || cli_args_has(args, "quiet");
	bool snoozed;
	int rc = ML_EXIT_OK;
	long next = -1;

	if (cli_open_store(app) != 0)
		return ML_EXIT_FAIL;
	/* Checks that are off (no procedure); cron's --new mails only what
	 * is new, and these are not. */
	if (!only_new)
		cli_print_notices(app, ml_day_of(now), stderr);
	ml_date_format(ml_day_of(now), today);
	if (state_load(&st, s->dir, &err) != 0) {
		cli_print_error(&err);
		rc = ML_EXIT_FAIL;
	}
	snoozed = state_snoozed(&st, now);
	/* A broken file is reported but does not hide the rest. */
	if (store_load(s, ML_ALERTS, NULL, &err) != 0) {
		cli_print_error(&err);
		rc = ML_EXIT_FAIL;
	}
	nalerts = alerts_open(s, &open);
	for (size_t i = 0; i < nalerts; i++) {
		const struct alert_row *a = &open[i];
		char msg[MSG_BYTES + 4];

		if (a->tier > ML_TIER_URGENT)
			continue;
		/* Keyed by today: an alert still unacknowledged tomorrow is
		 * printed again then. */
		key = xasprintf("%s alert %s %s %s", today, a->date, a->rule,
		    rules_tier_name(a->tier));
		if ((only_new && state_printed(&st, key)) ||
		    nlines == ML_NELEM(lines)) {
			more += !(only_new && state_printed(&st, key));
			free(key);
			continue;
		}
		keys[nlines] = key;
		short_text(a->message, msg, MSG_BYTES);
		lines[nlines++] = xasprintf("%s alert (%s): %s",
		    a->tier == ML_TIER_EMERGENCY ? "EMERGENCY" : "Urgent",
		    a->date, *msg ? msg : a->rule);
	}
	free(open);
	if (store_load(s, ML_EXERCISES, NULL, &err) != 0 ||
	    store_load(s, ML_EXERCISE_LOG, NULL, &err) != 0) {
		cli_print_error(&err);
		rc = ML_EXIT_FAIL;
	}
	n = plan_slots(s, &app->cfg, ml_day_of(now), now, &v);
	for (size_t i = 0; i < n; i++) {
		char name[MSG_BYTES + 4];

		if (v[i].status == PLAN_LATER && next < 0)
			next = (long)i;
		if (v[i].status != PLAN_DUE && v[i].status != PLAN_OVERDUE)
			continue;
		if (snoozed)
			continue;
		if (nlines == ML_NELEM(lines)) {
			more++;
			continue;
		}
		keys[nlines] = xasprintf("%s %02d:%02d %s", today,
		    v[i].minutes / 60, v[i].minutes % 60, plan_slot_id(s, &v[i]));
		if (only_new && state_printed(&st, keys[nlines])) {
			free(keys[nlines]);
			continue;
		}
		short_text(store_get(s, ML_EXERCISES, v[i].exercise_row, XC_NAME),
		    name, 40);
		lines[nlines++] = xasprintf("Exercise %s %02d:%02d: %s  "
		    "(mendlog done %s)", v[i].status == PLAN_OVERDUE ?
		    "overdue since" : "due", v[i].minutes / 60, v[i].minutes % 60,
		    name, plan_slot_id(s, &v[i]));
	}
	if (nlines == 0 && !quiet && snoozed) {
		char hhmm[8];
		struct tm tm;

		localtime_r(&st.snooze_until, &tm);
		strftime(hhmm, sizeof hhmm, "%H:%M", &tm);
		printf("Exercise reminders snoozed until %s.\n", hhmm);
	} else if (nlines == 0 && !quiet) {
		printf("Nothing due now.\n");
		if (next >= 0) {
			char name[MSG_BYTES + 4];

			short_text(store_get(s, ML_EXERCISES, v[next].exercise_row,
			    XC_NAME), name, 40);
			printf("Next: %02d:%02d %s\n", v[next].minutes / 60,
			    v[next].minutes % 60, name);
		}
	}
	/* Six lines at most: the last one says how many more there are. */
	more += nlines > MAX_LINES ? nlines - (MAX_LINES - 1) : 0;
	for (size_t i = 0; i < nlines; i++) {
		if (more == 0 || i < MAX_LINES - 1) {
			printf("%s\n", lines[i]);
			state_mark_printed(&st, keys[i]);
		}
		free(lines[i]);
		free(keys[i]);
	}
	if (more > 0)
		printf("... and %zu more: open mendlog to see them all.\n", more);
	/* Remembered only once printed: a line cut by the six-line limit
	 * comes at the next run. */
	if (only_new && nlines > 0 && fflush(stdout) == 0 &&
	    state_save(&st, s->dir, ml_day_of(now), &err) != 0) {
		cli_print_error(&err);
		rc = ML_EXIT_FAIL;
	}
	state_free(&st);
	free(v);
	return rc;
}
