/*
 * cmd-report.c - `mendlog report`: the one-page text summary.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "report.h"

static int run_report(struct ml_app *, const struct cli_args *);

static const struct cli_option report_options[] = {
	CLI_RANGE_OPTIONS,
	{ NULL, 0, NULL, NULL, NULL }
};

const struct cli_command cmd_report = {
	.name = "report",
	.summary = "a one-page text summary for a clinician (80 columns)",
	.usage = "usage: mendlog report [--from D] [--to D]\n",
	.about =
	"Print a plain-text summary at most 80 columns wide: the procedure and\n"
	"day count, a week-by-week table, a chart of daily back pain, the\n"
	"alerts and the last five notes.  The range defaults to the first\n"
	"recorded day through today.  Example: mendlog report | lp\n",
	.options = report_options,
	.exec = run_report,
};

static int
run_report(struct ml_app *app, const struct cli_args *args)
{
	struct cli_range range;
	int rc;

	if (cli_range_get(args, &range) != 0)
		return ML_EXIT_USAGE;
	if ((rc = cli_range_resolve(app, &cmd_report, &range)) != ML_EXIT_OK)
		return rc;
	if (report_write(stdout, &app->store, &app->cfg, range.from, range.to,
	    ml_now()) != 0 ||
	    fflush(stdout) != 0) {
		cli_errorf("standard output: write error");
		return ML_EXIT_FAIL;
	}
	return ML_EXIT_OK;
}
