/*
 * cmd-report.c - `mendlog report`: the one-page text summary.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
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
		CLI_RANGE_LONG,
		CLI_COMMON_LONG,
		{ NULL, 0, NULL, 0 }
	};
	struct cli_range range = { 0 };
	int c, rc;

	while ((c = getopt_long(argc, argv, CLI_COMMON_SHORT, opts, NULL)) != -1) {
		if ((rc = cli_range_option(&cmd_report, &range, c, optarg)) == -1)
			rc = cli_common_option(ctx, &cmd_report, c, optarg);
		if (rc != -2)
			return rc == -1 ? ML_EXIT_USAGE : rc;
	}
	if (optind < argc)
		return cli_usage_error(&cmd_report, "unexpected argument '%s'",
		    argv[optind]);
	if ((rc = cli_range_resolve(ctx, &cmd_report, &range)) != -1)
		return rc;
	if (report_write(stdout, &ctx->store, &ctx->cfg, range.from, range.to,
	    ml_now()) != 0 ||
	    fflush(stdout) != 0) {
		cli_errorf("standard output: write error");
		return ML_EXIT_FAIL;
	}
	return ML_EXIT_OK;
}
