/*
 * cmd-procedure.c - `mendlog procedure add|list`.
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

static const char procedure_usage[] =
    "usage: mendlog procedure add [-q] [--date YYYY-MM-DD] --kind KIND "
    "[--description TEXT]\n"
    "       mendlog procedure list\n";

static const char procedure_about[] =
    "KIND is a kind's id or name, in any case: lumbar_puncture or \"Lumbar\n"
    "puncture\", discectomy, fusion, other... (a wrong one lists them all;\n"
    "see mendlog(5)).  The date defaults to today.\n"
    "The newest procedure on or before a day gives that day's\n"
    "\"day N after ...\" (the procedure day is day 0).\n"
    "procedure add says in one line what it recorded (-q: nothing).\n";

static const struct cli_option add_options[] = {
	{ "date", 0, "D", "the day of the procedure; default today", NULL },
	{ "kind", 0, "KIND", "what was done (required; see above)", NULL },
	{ "description", 0, "TEXT", "a few words about it (- reads them from standard input)",
	    NULL },
	{ "quiet", 'q', NULL, "no confirmation line on success", NULL },
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

static const struct cli_command *const procedure_subcommands[] = {
	&procedure_add_cmd, &procedure_list_cmd, NULL
};

const struct cli_command cmd_procedure = {
	.name = "procedure",
	.summary = "record or list procedures (the day-0 of 'day N after')",
	.usage = procedure_usage,
	.about = procedure_about,
	.max_args = -1,
	.args_error = "expected add or list",
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

	if (cli_args_day(args, "date", &day) != 0)
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
		    r, PC_KIND), 16);
		text_pad(date, sizeof date, store_get(&app->store, ML_PROCEDURES,
		    r, PC_DATE), 10);
		printf("%s  %s%s", date, kind, *d ? "  " : "");
		text_fputs(d, -1, 0, stdout);
		putchar('\n');
	}
	return ML_EXIT_OK;
}
