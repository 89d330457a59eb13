/*
 * cmd-procedure.c - `mendlog procedure add|list`.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "diary.h"
#include "record.h"

static int run_procedure(struct cli_ctx *, int, char **);

const struct cli_command cmd_procedure = {
	"procedure", "record or list procedures (the day-0 of 'day N after')",
	"usage: mendlog procedure add [--date YYYY-MM-DD] --kind KIND "
	"[--description TEXT]\n"
	"       mendlog procedure list\n"
	"\n"
	"KIND is one of lumbar_puncture, epidural_labour, epidural_steroid,\n"
	"discectomy, laminectomy, fusion, other.  The date defaults to today.\n"
	"The newest procedure on or before a day gives that day's\n"
	"\"day N after ...\" (the procedure day is day 0).\n",
	run_procedure,
};

static int
procedure_add(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "date", required_argument, NULL, 'D' },
		{ "kind", required_argument, NULL, 'k' },
		{ "description", required_argument, NULL, 'm' },
		CLI_COMMON_LONG,
		{ NULL, 0, NULL, 0 }
	};
	const char *kind = NULL, *desc = "";
	struct record_result res;
	struct ml_error err;
	ml_day day = ml_today();
	int c, rc;

	while ((c = getopt_long(argc, argv, CLI_COMMON_SHORT, opts, NULL)) != -1) {
		switch (c) {
		case 'D':
			if (!cli_parse_day(optarg, &day))
				return cli_usage_error(&cmd_procedure,
				    "--date: invalid date '%s'", optarg);
			break;
		case 'k': kind = optarg; break;
		case 'm': desc = optarg; break;
		default:
			if ((rc = cli_common_option(ctx, &cmd_procedure, c,
			    optarg)) != -2)
				return rc == -1 ? ML_EXIT_USAGE : rc;
		}
	}
	if (optind < argc)
		return cli_usage_error(&cmd_procedure, "unexpected argument '%s'",
		    argv[optind]);
	if (kind == NULL)
		return cli_usage_error(&cmd_procedure, "--kind is required");
	if (store_check_value(ML_PROCEDURES, "kind", kind, &err) != 0 ||
	    store_check_value(ML_PROCEDURES, "description", desc, &err) != 0) {
		cli_print_error(&err);
		return ML_EXIT_USAGE;
	}
	if (cli_open_store(ctx) != 0)
		return ML_EXIT_FAIL;
	if (record_procedure(&ctx->store, &ctx->cfg, day, kind, desc, &res,
	    &err) != 0) {
		cli_print_error(&err);
		return ML_EXIT_FAIL;
	}
	/* A new day 0 changes "day N after": what the rules raise now. */
	cli_print_recorded(&res);
	record_result_free(&res);
	return ML_EXIT_OK;
}

static int
procedure_list(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = { CLI_COMMON_LONG, { NULL, 0, NULL, 0 } };
	size_t n;
	int c, rc;

	while ((c = getopt_long(argc, argv, CLI_COMMON_SHORT, opts, NULL)) != -1)
		if ((rc = cli_common_option(ctx, &cmd_procedure, c, optarg)) != -2)
			return rc == -1 ? ML_EXIT_USAGE : rc;
	if (optind < argc)
		return cli_usage_error(&cmd_procedure, "unexpected argument '%s'",
		    argv[optind]);
	if (cli_open_store(ctx) != 0 || cli_load(ctx, ML_PROCEDURES) != 0)
		return ML_EXIT_FAIL;
	n = store_nrows(&ctx->store, ML_PROCEDURES);
	for (size_t r = 0; r < n; r++) {
		const char *d = store_get(&ctx->store, ML_PROCEDURES, r, PC_DESCRIPTION);

		printf("%s  %-16s%s%s\n",
		    store_get(&ctx->store, ML_PROCEDURES, r, PC_DATE),
		    store_get(&ctx->store, ML_PROCEDURES, r, PC_KIND),
		    *d ? "  " : "", d);
	}
	return ML_EXIT_OK;
}

static int
run_procedure(struct cli_ctx *ctx, int argc, char **argv)
{
	if (argc >= 2 && (strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "--help") == 0)) {
		fputs(cmd_procedure.usage, stdout);
		return ML_EXIT_OK;
	}
	if (argc < 2)
		return cli_usage_error(&cmd_procedure, "expected add or list");
	/* Shift so the subcommand is argv[0] for getopt. */
	if (strcmp(argv[1], "add") == 0)
		return procedure_add(ctx, argc - 1, argv + 1);
	if (strcmp(argv[1], "list") == 0)
		return procedure_list(ctx, argc - 1, argv + 1);
	return cli_usage_error(&cmd_procedure, "unknown subcommand '%s'", argv[1]);
}
