/*
 * cmd-plan.c - `mendlog plan import FILE [--replace]` and `mendlog plan list`.
 * The import itself, and its summary, are plan-import.c's.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "plan.h"
#include "record.h"
#include "text.h"

static int plan_import_cmd(struct ml_app *, const struct cli_args *);
static int plan_list_cmd(struct ml_app *, const struct cli_args *);
static int plan_pause_cmd(struct ml_app *, const struct cli_args *);

static const char plan_about[] =
    "import  check a plan CSV from your physiotherapist (the columns of\n"
    "        exercises.csv, or a spreadsheet saved as CSV with ',' ';' or\n"
    "        tabs, a title row, headers such as Exercise; see mendlog(5))\n"
    "        and, if every row is right, update exercises by id, or by\n"
    "        name when a row has none, and add new ones.  Problems are\n"
    "        printed as FILE:LINE: column: problem and nothing is imported.\n"
    "        Day-first dates need date_order = dmy in the config's [plan].\n"
    "list    the plan, with each exercise's schedule and adherence over\n"
    "        the last 7 and 30 days.\n"
    "pause   pause the whole plan from a day to a day (a hospital stay):\n"
    "        its slots are 'paused', not 'missed', and count in no\n"
    "        adherence; --list shows the pauses, --cancel D removes one.\n"
    "A change to the plan takes effect from the day it is made; the days\n"
    "before keep the plan they had (plan_history.csv, see mendlog(5)).\n";

static const struct cli_option import_options[] = {
	{ "replace", 0, NULL, "the file is the whole plan; others end yesterday",
	    NULL },
	{ "from", 0, "D", "the changes take effect from day D (default today)",
	    NULL },
	{ NULL, 0, NULL, NULL, NULL }
};

static const struct cli_command plan_import_entry = {
	.name = "plan import",
	.summary = "import the physiotherapist's plan CSV",
	.usage = "usage: mendlog plan import FILE [--replace] [--from D]\n",
	.about = plan_about,
	.options = import_options,
	.min_args = 1, .max_args = 1,
	.args_error = "plan import: expected one FILE",
	.exec = plan_import_cmd,
};

static const struct cli_command plan_list_entry = {
	.name = "plan list",
	.summary = "the plan with adherence over 7 and 30 days",
	.usage = "usage: mendlog plan list\n",
	.about = plan_about,
	.exec = plan_list_cmd,
};

static const struct cli_option pause_options[] = {
	{ "from", 0, "D", "first paused day", NULL },
	{ "to", 0, "D", "last paused day", NULL },
	{ "list", 0, NULL, "list the pauses", NULL },
	{ "cancel", 0, "D", "cancel the pause that starts on D", NULL },
	{ NULL, 0, NULL, NULL, NULL }
};

static const struct cli_command plan_pause_entry = {
	.name = "plan pause",
	.summary = "pause the whole plan from a day to a day",
	.usage = "usage: mendlog plan pause --from D --to D\n"
	"       mendlog plan pause --list | --cancel D\n",
	.about = plan_about,
	.options = pause_options,
	.exec = plan_pause_cmd,
};

static const struct cli_command *const plan_subcommands[] = {
	&plan_import_entry, &plan_list_entry, &plan_pause_entry, NULL
};

const struct cli_command cmd_plan = {
	.name = "plan",
	.summary = "import or list the exercise plan",
	.usage =
	"usage: mendlog plan import FILE [--replace] [--from D]\n"
	"       mendlog plan list\n"
	"       mendlog plan pause --from D --to D | --list | --cancel D\n",
	.about = plan_about,
	.max_args = -1,
	.args_error = "expected import, list or pause",
	.subcommands = plan_subcommands,
};

static void
print_problem(void *ctx, const struct ml_error *e)
{
	(void)ctx;
	text_print_error(stderr, e, NULL);
}

static int
plan_import_cmd(struct ml_app *app, const struct cli_args *args)
{
	struct plan_import_result res;
	struct record_result raised;
	struct ml_error err;
	bool replace = cli_args_has(args, "replace");
	ml_day from = ml_today();

	if (cli_args_day(args, "from", &from) != 0)
		return ML_EXIT_USAGE;
	if (cli_open_store(app) != 0)
		return ML_EXIT_FAIL;
	if (record_plan_import_from(&app->store, &app->cfg, args->argv[0], from,
	    replace, print_problem, NULL, &res, &raised, &err) != 0) {
		cli_print_error(&err);
		return ML_EXIT_FAIL;
	}
	plan_import_summary(&res, stdout);
	plan_import_result_free(&res);
	cli_print_recorded(&raised);
	record_result_free(&raised);
	return ML_EXIT_OK;
}

static void
format_pct(const struct plan_adherence *a, char *buf, size_t size)
{
	if (isnan(a->pct))
		snprintf(buf, size, "-");
	else
		snprintf(buf, size, "%.0f%%", a->pct);
}


static int
plan_list_cmd(struct ml_app *app, const struct cli_args *args)
{
	struct ml_store *s = &app->store;
	time_t now = ml_now();
	struct plan_adherence *a7, *a30;
	size_t n;

	(void)args;
	if (cli_open_store(app) != 0 || cli_load(app, ML_EXERCISES) != 0 ||
	    cli_load(app, ML_EXERCISE_LOG) != 0 ||
	    cli_load(app, ML_PLAN_HISTORY) != 0 ||
	    cli_load(app, ML_PLAN_PAUSES) != 0)
		return ML_EXIT_FAIL;
	n = store_nrows(s, ML_EXERCISES);
	if (n == 0) {
		printf("No exercises in the plan.  Import one with "
		    "'mendlog plan import FILE'.\n");
		return ML_EXIT_OK;
	}
	/* Adherence of every row in two passes, not two per row: linear in
	 * the plan (10,000 exercises took minutes row by row). */
	a7 = xcalloc(n, sizeof *a7);
	a30 = xcalloc(n, sizeof *a30);
	plan_adherence_rows(s, &app->cfg, ml_day_of(now) - 6, ml_day_of(now),
	    now, a7);
	plan_adherence_rows(s, &app->cfg, ml_day_of(now) - 29, ml_day_of(now),
	    now, a30);
	printf("%-16s %-26s %-14s %-12s %5s %5s\n", "ID", "NAME", "DAYS",
	    "TIMES", "7D", "30D");
	for (size_t r = 0; r < n; r++) {
		const char *id = store_get(s, ML_EXERCISES, r, XC_ID);
		const char *days = store_get(s, ML_EXERCISES, r, XC_DAYS);
		struct plan_schedule sc;
		struct ml_error why;
		char p7[8], p30[8], dose[64], name[160], line[1024];
		char idc[320], daysc[320], timesc[320];
		size_t len;
		bool ok = plan_row_check(s, r, &sc, &why) == 0;

		format_pct(&a7[r], p7, sizeof p7);
		format_pct(&a30[r], p30, sizeof p30);
		text_cell(name, sizeof name, store_get(s, ML_EXERCISES, r,
		    XC_NAME), 26);
		/* Cells padded by display width, not bytes: a name, days or
		 * times with non-ASCII text stay in their columns. */
		text_pad(idc, sizeof idc, id, 16);
		text_pad(daysc, sizeof daysc, *days ? days : "daily", 14);
		text_pad(timesc, sizeof timesc, store_get(s, ML_EXERCISES, r,
		    XC_TIMES), 12);
		len = (size_t)snprintf(line, sizeof line, "%s %s %s %s %5s %5s",
		    idc, name, daysc, timesc, p7, p30);
		if (len >= sizeof line)
			len = sizeof line - 1;
		if (!ok)
			snprintf(line + len, sizeof line - len, "  (not scheduled: %s: %s)",
			    why.field, why.msg);
		else if (!sc.active)
			snprintf(line + len, sizeof line - len, "  (paused)");
		else if (sc.ntimes == 0)
			snprintf(line + len, sizeof line - len, "  (no times: never due)");
		text_fputs(line, -1, 0, stdout);
		plan_dose(s, r, dose, sizeof dose);
		if (*dose) {
			printf("\n%-16s ", "");
			text_fputs(dose, -1, 0, stdout);
		}
		putchar('\n');
	}
	free(a7);
	free(a30);
	return ML_EXIT_OK;
}

static int
plan_pause_cmd(struct ml_app *app, const struct cli_args *args)
{
	struct plan_pause_info *v;
	struct ml_error err;
	ml_day from, to, cancel;
	size_t n;

	if (cli_args_day(args, "from", &from) != 0 ||
	    cli_args_day(args, "to", &to) != 0 ||
	    cli_args_day(args, "cancel", &cancel) != 0)
		return ML_EXIT_USAGE;
	if (cli_open_store(app) != 0)
		return ML_EXIT_FAIL;
	if (cli_args_has(args, "cancel")) {
		if (plan_pause_cancel(&app->store, cancel, &err) != 0) {
			cli_print_error(&err);
			return ML_EXIT_FAIL;
		}
		printf("Pause from %s cancelled.\n", cli_args_get(args,
		    "cancel"));
		return ML_EXIT_OK;
	}
	if (cli_args_has(args, "from") || cli_args_has(args, "to")) {
		char f[ML_DATE_LEN], t[ML_DATE_LEN];

		if (!cli_args_has(args, "from") || !cli_args_has(args, "to"))
			return cli_usage_error(&plan_pause_entry, "a pause "
			    "needs --from D and --to D");
		if (to < from)
			return cli_usage_error(&plan_pause_entry, "--to is "
			    "before --from");
		if (plan_pause_add(&app->store, from, to, &err) != 0) {
			cli_print_error(&err);
			return ML_EXIT_FAIL;
		}
		ml_date_format(from, f);
		ml_date_format(to, t);
		printf("Plan paused from %s to %s: no exercise is due on these "
		    "days.\n", f, t);
		return ML_EXIT_OK;
	}
	if (!cli_args_has(args, "list"))
		return cli_usage_error(&plan_pause_entry, "give --from D --to D, "
		    "--list or --cancel D");
	if (cli_load(app, ML_PLAN_PAUSES) != 0)
		return ML_EXIT_FAIL;
	n = plan_pauses(&app->store, &v);
	if (n == 0)
		printf("No pauses.\n");
	for (size_t i = 0; i < n; i++) {
		char f[ML_DATE_LEN], t[ML_DATE_LEN];

		ml_date_format(v[i].from, f);
		ml_date_format(v[i].to, t);
		printf("paused %s to %s (%d days)\n", f, t,
		    (int)(v[i].to - v[i].from) + 1);
	}
	free(v);
	return ML_EXIT_OK;
}
