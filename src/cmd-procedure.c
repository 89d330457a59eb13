/*
 * cmd-procedure.c - `mendlog procedure add|list|edit N|remove N`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "diary.h"
#include "record.h"
#include "text.h"

static int procedure_add(struct ml_app *, const struct cli_args *);
static int procedure_list(struct ml_app *, const struct cli_args *);
static int procedure_edit(struct ml_app *, const struct cli_args *);
static int procedure_remove(struct ml_app *, const struct cli_args *);

static const char procedure_usage[] =
    "usage: mendlog procedure add [-q] [--date D] [--force] --kind KIND "
    "[--description TEXT]\n"
    "       mendlog procedure list\n"
    "       mendlog procedure edit N [--date D] [--force] [--kind KIND] "
    "[--description TEXT]\n"
    "       mendlog procedure remove N\n";

static const char procedure_about[] =
    "KIND is a kind's id, name or another name for it, in any case:\n"
    "lumbar_puncture or \"Lumbar puncture\" or LP, epidural_blood_patch or\n"
    "\"blood patch\", discectomy, fusion, other... (a wrong one lists them\n"
    "all; see mendlog(5)).  The date defaults to today; it may not be after\n"
    "today.  N is the number `procedure list` shows.  Each procedure keeps\n"
    "its own \"day N after\" (the procedure day is day 0) and its own\n"
    "expected window: see THE RECOVERY TIMELINE in mendlog(5).  Removing\n"
    "keeps the row only in procedures.csv.bak; alerts already raised stay.\n"
    "procedure add says in one line what it recorded (-q: nothing).\n";

static const struct cli_option add_options[] = {
	{ "date", 0, "D", "the day of the procedure; default today", NULL },
	{ "kind", 0, "KIND", "what was done (required; see above)", NULL },
	{ "description", 0, "TEXT", "a few words about it (- reads them from standard input)",
	    NULL },
	{ "quiet", 'q', NULL, "no confirmation line on success", NULL },
	CLI_FORCE_OPTION,
	{ NULL, 0, NULL, NULL, NULL }
};

static const struct cli_option edit_options[] = {
	{ "date", 0, "D", "the new day of the procedure", NULL },
	{ "kind", 0, "KIND", "the new kind (see above)", NULL },
	{ "description", 0, "TEXT", "the new description", NULL },
	CLI_FORCE_OPTION,
	{ NULL, 0, NULL, NULL, NULL }
};

static const struct cli_command procedure_add_cmd = {
	.name = "procedure add",
	.summary = "record a procedure",
	.usage = procedure_usage,
	.about = procedure_about,
	.options = add_options,
	.exec = procedure_add,
};

static const struct cli_command procedure_list_cmd = {
	.name = "procedure list",
	.summary = "list the procedures recorded",
	.usage = "usage: mendlog procedure list\n",
	.exec = procedure_list,
};

static const struct cli_command procedure_edit_cmd = {
	.name = "procedure edit",
	.summary = "change a procedure: its date, kind or description",
	.usage = "usage: mendlog procedure edit N [--date D] [--force] "
	    "[--kind KIND] [--description TEXT]\n",
	.about = procedure_about,
	.options = edit_options,
	.min_args = 1, .max_args = 1,
	.args_error = "expected N, the procedure's number in procedure list",
	.exec = procedure_edit,
};

static const struct cli_command procedure_remove_cmd = {
	.name = "procedure remove",
	.summary = "remove a procedure recorded by mistake",
	.usage = "usage: mendlog procedure remove N\n",
	.about = procedure_about,
	.min_args = 1, .max_args = 1,
	.args_error = "expected N, the procedure's number in procedure list",
	.exec = procedure_remove,
};

static const struct cli_command *const procedure_subcommands[] = {
	&procedure_add_cmd, &procedure_list_cmd, &procedure_edit_cmd,
	&procedure_remove_cmd, NULL
};

const struct cli_command cmd_procedure = {
	.name = "procedure",
	.summary = "record, list, edit or remove procedures (day 0 of 'day N "
	    "after')",
	.usage = procedure_usage,
	.about = procedure_about,
	.max_args = -1,
	.args_error = "expected add, list, edit or remove",
	.subcommands = procedure_subcommands,
};

static int
procedure_add(struct ml_app *app, const struct cli_args *args)
{
	const char *kind = cli_args_get(args, "kind");
	const char *desc = cli_args_get(args, "description");
	char *desc_in = NULL;
	struct record_result res;
	struct ml_error err;
	ml_day day = ml_today();

	if (cli_args_record_day(args, "date", &day) != 0)
		return ML_EXIT_USAGE;
	if (desc == NULL)
		desc = "";
	if (kind == NULL)
		return cli_usage_error(&procedure_add_cmd, "--kind is required");
	if (strcmp(desc, "-") == 0) {
		/* --description - : from stdin, out of sight of ps. */
		if ((desc_in = cli_read_stdin_value("description")) == NULL)
			return ML_EXIT_USAGE;
		desc = desc_in;
	}
	if (store_check_value(ML_PROCEDURES, "kind", kind, &err) != 0 ||
	    store_check_value(ML_PROCEDURES, "description", desc, &err) != 0) {
		cli_print_error(&err);
		free(desc_in);
		return ML_EXIT_USAGE;
	}
	if (cli_open_store(app) != 0 ||
	    record_procedure(&app->store, &app->cfg, day, kind, desc, &res,
	    &err) != 0) {
		if (app->store_open)
			cli_print_error(&err);
		free(desc_in);
		return ML_EXIT_FAIL;
	}
	free(desc_in);
	if (!cli_args_has(args, "quiet")) {
		const struct ml_proc_kind *k = ml_proc_kind_match(kind);
		char date[ML_DATE_LEN];

		ml_date_format(day, date);
		printf("Recorded %s on %s: days after it count from there "
		    "(day 0).\n", k != NULL ? k->label : kind, date);
	}
	/* A new day 0 changes "day N after": what the rules raise now. */
	cli_print_recorded(&res);
	record_result_free(&res);
	return ML_EXIT_OK;
}

static int
procedure_list(struct ml_app *app, const struct cli_args *args)
{
	size_t n;

	(void)args;
	if (cli_open_store(app) != 0 || cli_load(app, ML_PROCEDURES) != 0)
		return ML_EXIT_FAIL;
	n = store_nrows(&app->store, ML_PROCEDURES);
	for (size_t r = 0; r < n; r++) {
		const char *d = store_get(&app->store, ML_PROCEDURES, r, PC_DESCRIPTION);
		char kind[160], date[160];

		/* From the file: through the output gate, padded by columns. */
		text_cell(kind, sizeof kind, store_get(&app->store, ML_PROCEDURES,
		    r, PC_KIND), 22);
		text_pad(date, sizeof date, store_get(&app->store, ML_PROCEDURES,
		    r, PC_DATE), 10);
		printf("%2zu  %s  %s%s", r + 1, date, kind, *d ? "  " : "");
		text_fputs(d, -1, 0, stdout);
		putchar('\n');
	}
	return ML_EXIT_OK;
}

/* N of `procedure list` as a row index; prints the usage error. */
static int
procedure_number(const struct cli_args *args, size_t *row)
{
	long n;

	if (!ml_parse_int(args->argv[0], 1, 100000, &n)) {
		cli_usage_error(args->cmd, "'%s': expected N, the procedure's "
		    "number in mendlog procedure list", args->argv[0]);
		return -1;
	}
	*row = (size_t)(n - 1);
	return 0;
}

static int
procedure_change(struct ml_app *app, const struct cli_args *args, bool remove)
{
	const char *kind = remove ? NULL : cli_args_get(args, "kind");
	const char *desc = remove ? NULL : cli_args_get(args, "description");
	struct record_result res;
	struct ml_error err;
	ml_day day = ml_today();
	bool have_day = !remove && cli_args_has(args, "date");
	size_t row;

	if (procedure_number(args, &row) != 0)
		return ML_EXIT_USAGE;
	if (have_day && cli_args_record_day(args, "date", &day) != 0)
		return ML_EXIT_USAGE;
	if (!remove && !have_day && kind == NULL && desc == NULL)
		return cli_usage_error(args->cmd, "nothing to change: give "
		    "--date, --kind or --description");
	if ((kind != NULL && store_check_value(ML_PROCEDURES, "kind", kind,
	    &err) != 0) || (desc != NULL && store_check_value(ML_PROCEDURES,
	    "description", desc, &err) != 0)) {
		cli_print_error(&err);
		return ML_EXIT_USAGE;
	}
	if (cli_open_store(app) != 0 || cli_load(app, ML_PROCEDURES) != 0)
		return ML_EXIT_FAIL;
	if (row >= store_nrows(&app->store, ML_PROCEDURES))
		return cli_usage_error(args->cmd, "no procedure %zu: mendlog "
		    "procedure list shows %zu", row + 1,
		    store_nrows(&app->store, ML_PROCEDURES));
	if ((remove ? record_procedure_remove(&app->store, &app->cfg, row, &res,
	    &err) : record_procedure_edit(&app->store, &app->cfg, row,
	    have_day ? &day : NULL, kind, desc, &res, &err)) != 0) {
		cli_print_error(&err);
		return ML_EXIT_FAIL;
	}
	if (remove)
		fprintf(stderr, "mendlog: procedure %zu removed (kept in "
		    "procedures.csv.bak until the next change); its alerts "
		    "stay in alerts.csv\n", row + 1);
	cli_print_recorded(&res);
	record_result_free(&res);
	return ML_EXIT_OK;
}

static int
procedure_edit(struct ml_app *app, const struct cli_args *args)
{
	return procedure_change(app, args, false);
}

static int
procedure_remove(struct ml_app *app, const struct cli_args *args)
{
	return procedure_change(app, args, true);
}
