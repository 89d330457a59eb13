/*
 * cmd-due.c - `mendlog due [--quiet]`: what needs doing now, in at most six
 * short lines, for ~/.profile (every ssh login) or cron.
 *
 * Unacknowledged emergency and urgent alerts come first: they matter more
 * than any exercise.  With --quiet nothing at all is printed when nothing
 * is due, so a login stays silent on a quiet day.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alerts.h"
#include "cli.h"
#include "plan.h"

#define MAX_LINES 6
#define MSG_BYTES 60

static int run_due(struct cli_ctx *, int, char **);

const struct cli_command cmd_due = {
	"due", "what is due now (exercises, urgent alerts); for ~/.profile",
	"usage: mendlog due [--quiet]\n"
	"\n"
	"Print, in at most six short lines, unacknowledged emergency and\n"
	"urgent alerts and the exercise slots due or overdue now.\n"
	"  -q, --quiet   print nothing at all when nothing is due\n"
	"\n"
	"To see it at every login, add to ~/.profile:\n"
	"  mendlog due --quiet\n",
	run_due,
};

/* @s on one line, cut at a UTF-8 boundary after at most @max bytes and
 * then marked "..."; @buf holds @max + 4 bytes. */
static void
short_text(const char *s, char *buf, size_t max)
{
	size_t n = 0;

	/* Files may hold anything (kept as written): no control characters
	 * reach the terminal. */
	for (; *s && n < max; s++)
		buf[n++] = (*s == '\n' || *s == '\r' || *s == '\t') ? ' ' :
		    ((unsigned char)*s < 0x20 || *s == 0x7f) ? '?' : *s;
	if (*s) {
		/* Cut inside a character: drop the part of it already copied. */
		if (((unsigned char)*s & 0xc0) == 0x80) {
			while (n > 0 && ((unsigned char)buf[n - 1] & 0xc0) == 0x80)
				n--;
			if (n > 0)
				n--;
		}
		memcpy(buf + n, "...", 4);
		return;
	}
	buf[n] = '\0';
}

static int
run_due(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "quiet", no_argument, NULL, 'q' },
		CLI_COMMON_LONG,
		{ NULL, 0, NULL, 0 }
	};
	struct ml_store *s = &ctx->store;
	char *lines[64];
	size_t nlines = 0, more = 0, n, nalerts;
	struct plan_slot *v = NULL;
	struct ml_error err;
	struct alert_row *open;
	time_t now = ml_now();
	bool quiet = false;
	int c, rc = ML_EXIT_OK;
	long next = -1;

	while ((c = getopt_long(argc, argv, "q" CLI_COMMON_SHORT, opts,
	    NULL)) != -1) {
		if (c == 'q') {
			quiet = true;
			continue;
		}
		if ((rc = cli_common_option(ctx, &cmd_due, c, optarg)) != -2)
			return rc == -1 ? ML_EXIT_USAGE : rc;
	}
	rc = ML_EXIT_OK;
	if (optind < argc)
		return cli_usage_error(&cmd_due, "unexpected argument '%s'",
		    argv[optind]);
	if (cli_open_store(ctx) != 0)
		return ML_EXIT_FAIL;
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
		if (nlines == ML_NELEM(lines)) {
			more++;
			continue;
		}
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
	n = plan_slots(s, &ctx->cfg, ml_day_of(now), now, &v);
	for (size_t i = 0; i < n; i++) {
		char name[MSG_BYTES + 4];

		if (v[i].status == PLAN_LATER && next < 0)
			next = (long)i;
		if (v[i].status != PLAN_DUE && v[i].status != PLAN_OVERDUE)
			continue;
		if (nlines == ML_NELEM(lines)) {
			more++;
			continue;
		}
		short_text(store_get(s, ML_EXERCISES, v[i].exercise_row, XC_NAME),
		    name, 40);
		lines[nlines++] = xasprintf("Exercise %s %02d:%02d: %s  "
		    "(mendlog done %s)", v[i].status == PLAN_OVERDUE ?
		    "overdue since" : "due", v[i].minutes / 60, v[i].minutes % 60,
		    name, plan_slot_id(s, &v[i]));
	}
	if (nlines == 0 && !quiet) {
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
		if (more == 0 || i < MAX_LINES - 1)
			printf("%s\n", lines[i]);
		free(lines[i]);
	}
	if (more > 0)
		printf("... and %zu more: open mendlog to see them all.\n", more);
	free(v);
	return rc;
}
