/*
 * cmd-psfs.c - `mendlog psfs add|rename|retire|list|rate`: the weekly
 * function score (psfs.h) from the command line.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "psfs.h"
#include "text.h"

static int psfs_add_cmd(struct ml_app *, const struct cli_args *);
static int psfs_rename_cmd(struct ml_app *, const struct cli_args *);
static int psfs_retire_cmd(struct ml_app *, const struct cli_args *);
static int psfs_list_cmd(struct ml_app *, const struct cli_args *);
static int psfs_rate_cmd(struct ml_app *, const struct cli_args *);

static const char psfs_usage[] =
    "usage: mendlog psfs add ACTIVITY\n"
    "       mendlog psfs rename OLD NEW\n"
    "       mendlog psfs retire ACTIVITY\n"
    "       mendlog psfs list [--weeks N]\n"
    "       mendlog psfs rate [--week D] ACTIVITY=N ...\n";

static const char psfs_about[] =
    "The Patient-Specific Functional Scale: name up to five activities you\n"
    "find hard because of your back, and rate each once a week from 0\n"
    "(unable to do it) to 10 (as well as before the problem).  The week's\n"
    "score is the mean of its ratings; a change of about 2 points is the\n"
    "smallest that matters to patients ([psfs] meaningful_change).\n"
    "  add        add an activity (at most five active)\n"
    "  rename     rename it; its earlier ratings stay with it\n"
    "  retire     stop rating it; its ratings are kept\n"
    "  list       the activities, the last N weeks (default 8) and the change\n"
    "  rate       rate this week, or the week containing --week's day\n"
    "Example: mendlog psfs rate \"putting on socks\"=4 \"sitting through a meal\"=6\n";

static const struct cli_option list_options[] = {
	{ "weeks", 0, "N", "how many weeks to show, 1 to 520 (default 8)",
	    NULL },
	{ NULL, 0, NULL, NULL, NULL }
};

static const struct cli_option rate_options[] = {
	{ "week", 0, "D", "rate the week containing day D (default this week)",
	    NULL },
	{ NULL, 0, NULL, NULL, NULL }
};

static const struct cli_command psfs_add_entry = {
	.name = "psfs add",
	.summary = "add a PSFS activity (at most five active)",
	.usage = "usage: mendlog psfs add ACTIVITY\n",
	.about = psfs_about,
	.min_args = 1, .max_args = 1,
	.args_error = "psfs add: expected one activity's name (quote a name "
	    "with spaces)",
	.exec = psfs_add_cmd,
};

static const struct cli_command psfs_rename_entry = {
	.name = "psfs rename",
	.summary = "rename a PSFS activity; its ratings stay with it",
	.usage = "usage: mendlog psfs rename OLD NEW\n",
	.about = psfs_about,
	.min_args = 2, .max_args = 2,
	.args_error = "psfs rename: expected OLD and NEW names (quote a name "
	    "with spaces)",
	.exec = psfs_rename_cmd,
};

static const struct cli_command psfs_retire_entry = {
	.name = "psfs retire",
	.summary = "stop rating a PSFS activity; its ratings are kept",
	.usage = "usage: mendlog psfs retire ACTIVITY\n",
	.about = psfs_about,
	.min_args = 1, .max_args = 1,
	.args_error = "psfs retire: expected one activity's name (quote a "
	    "name with spaces)",
	.exec = psfs_retire_cmd,
};

static const struct cli_command psfs_list_entry = {
	.name = "psfs list",
	.summary = "the activities, the last weeks and the change",
	.usage = "usage: mendlog psfs list [--weeks N]\n",
	.about = psfs_about,
	.options = list_options,
	.exec = psfs_list_cmd,
};

static const struct cli_command psfs_rate_entry = {
	.name = "psfs rate",
	.summary = "rate this week's (or --week's) activities 0 to 10",
	.usage = "usage: mendlog psfs rate [--week D] ACTIVITY=N ...\n",
	.about = psfs_about,
	.options = rate_options,
	.min_args = 1, .max_args = -1,
	.args_error = "psfs rate: expected ACTIVITY=N",
	.exec = psfs_rate_cmd,
};

static const struct cli_command *const psfs_subcommands[] = {
	&psfs_add_entry, &psfs_rename_entry, &psfs_retire_entry,
	&psfs_list_entry, &psfs_rate_entry, NULL
};

const struct cli_command cmd_psfs = {
	.name = "psfs",
	.summary = "weekly function score: activities rated 0 (unable) to 10",
	.usage = psfs_usage,
	.about = psfs_about,
	.max_args = -1,
	.args_error = "expected add, rename, retire, list or rate",
	.subcommands = psfs_subcommands,
};

static int
psfs_done(int rc, const struct ml_error *err)
{
	if (rc != 0) {
		cli_print_error(err);
		return ML_EXIT_FAIL;
	}
	return ML_EXIT_OK;
}

static int
psfs_add_cmd(struct ml_app *app, const struct cli_args *args)
{
	struct ml_error err;

	if (cli_open_store(app) != 0)
		return ML_EXIT_FAIL;
	return psfs_done(psfs_add(&app->store, args->argv[0], ml_today(), &err),
	    &err);
}

static int
psfs_rename_cmd(struct ml_app *app, const struct cli_args *args)
{
	struct ml_error err;

	if (cli_open_store(app) != 0)
		return ML_EXIT_FAIL;
	return psfs_done(psfs_rename(&app->store, args->argv[0], args->argv[1],
	    &err), &err);
}

static int
psfs_retire_cmd(struct ml_app *app, const struct cli_args *args)
{
	struct ml_error err;

	if (cli_open_store(app) != 0)
		return ML_EXIT_FAIL;
	return psfs_done(psfs_retire(&app->store, args->argv[0], ml_today(),
	    &err), &err);
}

static int
psfs_rate_cmd(struct ml_app *app, const struct cli_args *args)
{
	struct psfs_rating *v;
	struct ml_error err;
	ml_day day = ml_today();
	size_t n = 0;
	int rc;

	if (cli_args_day(args, "week", &day) != 0)
		return ML_EXIT_USAGE;
	if (cli_open_store(app) != 0 || cli_load(app, ML_PSFS_ACTIVITIES) != 0)
		return ML_EXIT_FAIL;
	v = xcalloc((size_t)args->argc, sizeof *v);
	rc = ML_EXIT_OK;
	for (int i = 0; i < args->argc && rc == ML_EXIT_OK; i++) {
		char *arg = args->argv[i];
		/* The last '=' splits, so a name may itself hold one. */
		char *eq = strrchr(arg, '=');
		char name[128], value_shown[64];
		long value;
		long row;

		if (eq == NULL || eq == arg) {
			rc = cli_usage_error(&psfs_rate_entry, "rate: expected "
			    "ACTIVITY=N, not '%s'", ml_printable(arg, 60, name,
			    sizeof name));
			break;
		}
		*eq = '\0';
		ml_printable(arg, 60, name, sizeof name);
		if (!ml_parse_int(eq + 1, 0, 10, &value)) {
			rc = cli_usage_error(&psfs_rate_entry, "%s: '%s' is not a "
			    "rating; expected a whole number from 0 (unable) to "
			    "10 (as before)", name, ml_printable(eq + 1, 20,
			    value_shown, sizeof value_shown));
			break;
		}
		row = psfs_find(&app->store, arg);
		if (row < 0 || psfs_retired(&app->store, (size_t)row)) {
			rc = cli_usage_error(&psfs_rate_entry, "%s: %s", name,
			    row < 0 ? "no such activity (mendlog psfs list shows "
			    "them; mendlog psfs add adds one)" : "this activity "
			    "was retired and takes no new ratings");
			break;
		}
		v[n].name = arg;
		v[n++].value = (int)value;
	}
	if (rc == ML_EXIT_OK && psfs_rate(&app->store, &app->cfg, day, v, n,
	    ml_now(), &err) != 0) {
		cli_print_error(&err);
		rc = ML_EXIT_FAIL;
	}
	free(v);
	return rc;
}

/* A name or date from psfs_activities.csv, through the output gate. */
static void
put_cell(const struct ml_store *s, size_t row, int col)
{
	text_fputs(store_get(s, ML_PSFS_ACTIVITIES, row, col), -1, 0, stdout);
}

static void
print_week(const struct ml_store *s, const struct ml_config *cfg,
    const struct psfs_week *w)
{
	size_t nact = store_nrows(s, ML_PSFS_ACTIVITIES);
	char date[ML_DATE_LEN];
	const char *sep = "";

	ml_date_format(w->start, date);
	if (isnan(w->mean)) {
		printf("  %s  no rating\n", date);
		return;
	}
	printf("  %s  mean %4.1f  ", date, w->mean);
	for (size_t a = 0; a < nact; a++) {
		int v = psfs_rating_of(s, cfg, store_get(s, ML_PSFS_ACTIVITIES, a,
		    PA_ID), w->start);

		if (v < 0)
			continue;
		fputs(sep, stdout);
		put_cell(s, a, PA_NAME);
		printf(" %d", v);
		sep = "; ";
	}
	putchar('\n');
}

static int
psfs_list_cmd(struct ml_app *app, const struct cli_args *args)
{
	static const char *const wdays[] = { "Monday", "Tuesday", "Wednesday",
	    "Thursday", "Friday", "Saturday", "Sunday" };
	const struct ml_store *s = &app->store;
	const char *weeks_arg = cli_args_get(args, "weeks");
	struct psfs_change ch;
	struct psfs_week *weeks;
	size_t nact, nweeks;
	long nshow = 8;
	ml_day today = ml_today();

	if (weeks_arg != NULL && !ml_parse_int(weeks_arg, 1, 520, &nshow)) {
		char shown[64];

		return cli_usage_error(&psfs_list_entry, "--weeks: expected a "
		    "whole number from 1 to 520, not '%s'", ml_printable(
		    weeks_arg, 20, shown, sizeof shown));
	}
	if (cli_open_store(app) != 0 || cli_load(app, ML_PSFS_ACTIVITIES) != 0 ||
	    cli_load(app, ML_PSFS_RATINGS) != 0)
		return ML_EXIT_FAIL;
	nact = store_nrows(s, ML_PSFS_ACTIVITIES);
	if (nact == 0) {
		printf("No PSFS activities yet.  Add up to %d that your back makes "
		    "hard:\n  mendlog psfs add \"putting on socks\"\n",
		    PSFS_MAX_ACTIVE);
		return ML_EXIT_OK;
	}
	printf("Activities (%zu of %d active; 0 = unable, 10 = as before):\n",
	    psfs_active_count(s), PSFS_MAX_ACTIVE);
	for (size_t a = 0; a < nact; a++) {
		bool former = *store_get(s, ML_PSFS_ACTIVITIES, a,
		    PA_FORMER_NAMES) != '\0';
		bool retired = *store_get(s, ML_PSFS_ACTIVITIES, a,
		    PA_RETIRED) != '\0';

		fputs("  ", stdout);
		put_cell(s, a, PA_NAME);
		if (former) {
			fputs("  (formerly ", stdout);
			put_cell(s, a, PA_FORMER_NAMES);
			putchar(')');
		}
		if (retired) {
			fputs("  retired ", stdout);
			put_cell(s, a, PA_RETIRED);
		}
		putchar('\n');
	}
	nweeks = psfs_weeks(s, &app->cfg, today - (ml_day)(7 * (nshow - 1)),
	    today, &weeks);
	printf("Weeks from %s, the last %ld:\n",
	    wdays[app->cfg.psfs_week_start % 7], nshow);
	for (size_t w = 0; w < nweeks; w++)
		print_week(s, &app->cfg, &weeks[w]);
	free(weeks);
	psfs_change(s, &app->cfg, today, &ch);
	if (ch.known) {
		char first[ML_DATE_LEN];

		ml_date_format(ch.first_week, first);
		printf("Change since the week of %s: %+.1f (%s; threshold %.1f).\n",
		    first, ch.change, psfs_change_label(&ch),
		    app->cfg.psfs_meaningful_change);
	}
	return ML_EXIT_OK;
}
