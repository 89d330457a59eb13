/*
 * cmd-report.c - `mendlog report`: the one-page text summary.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "export.h"
#include "report.h"

static int run_report(struct cli_ctx *, int, char **);

const struct cli_command cmd_report = {
	"report", "a one-page text summary for a clinician (80 columns)",
	"usage: mendlog report [--from D] [--to D]\n"
	"\n"
	"Print a plain-text summary at most 80 columns wide: the procedure and\n"
	"day count, a week-by-week table, a chart of daily back pain, the\n"
	"alerts and the last five notes.  The range defaults to the first\n"
	"recorded day through today.  Example: mendlog report | lp\n",
	run_report,
};

static int
run_report(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "from", required_argument, NULL, 'F' },
		{ "to", required_argument, NULL, 'T' },
		CLI_COMMON_LONG,
		{ NULL, 0, NULL, 0 }
	};
	bool have_from = false, have_to = false;
	ml_day from = 0, to = 0, dfrom, dto;
	int c, rc;

	while ((c = getopt_long(argc, argv, CLI_COMMON_SHORT, opts, NULL)) != -1) {
		switch (c) {
		case 'F':
		case 'T':
			if (!cli_parse_day(optarg, c == 'F' ? &from : &to))
				return cli_usage_error(&cmd_report, "--%s: invalid "
				    "date '%s'", c == 'F' ? "from" : "to", optarg);
			*(c == 'F' ? &have_from : &have_to) = true;
			break;
		default:
			if ((rc = cli_common_option(ctx, &cmd_report, c, optarg)) != -2)
				return rc == -1 ? ML_EXIT_USAGE : rc;
		}
	}
	if (optind < argc)
		return cli_usage_error(&cmd_report, "unexpected argument '%s'",
		    argv[optind]);
	if (cli_open_store(ctx) != 0)
		return ML_EXIT_FAIL;
	for (int f = 0; f < ML_NFILES; f++)
		if (cli_load(ctx, (enum ml_file)f) != 0)
			return ML_EXIT_FAIL;
	export_default_range(&ctx->store, &dfrom, &dto);
	if (!have_from)
		from = dfrom;
	if (!have_to)
		to = dto;
	if (from > to)
		return cli_usage_error(&cmd_report, "--from is after --to");
	if (report_write(stdout, &ctx->store, &ctx->cfg, from, to, ml_now()) != 0 ||
	    fflush(stdout) != 0) {
		cli_errorf("standard output: write error");
		return ML_EXIT_FAIL;
	}
	return ML_EXIT_OK;
}
