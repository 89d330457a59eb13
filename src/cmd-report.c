/*
 * cmd-report.c - `mendlog report`: the one-page text summary, or with
 * --html -o FILE the visual report (report-html.h).
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "csvio.h"
#include "report-html.h"
#include "report.h"

static int run_report(struct ml_app *, const struct cli_args *);

static const struct cli_option report_options[] = {
	CLI_RANGE_OPTIONS,
	{ "html", 0, NULL, "write the visual HTML report to -o FILE instead",
	    NULL },
	{ "output", 'o', "FILE", "where --html writes (atomically; never a "
	    "diary file)", NULL },
	{ NULL, 0, NULL, NULL, NULL }
};

const struct cli_command cmd_report = {
	.name = "report",
	.summary = "a one-page text summary for a clinician (80 columns)",
	.usage = "usage: mendlog report [--from D] [--to D] [--html -o FILE]\n",
	.about =
	"Print a plain-text summary at most 80 columns wide: the procedure and\n"
	"day count, a week-by-week table, a chart of daily back pain, the\n"
	"alerts and the last five notes.  The range defaults to the first\n"
	"recorded day through today.  Example: mendlog report | lp\n"
	"With --html -o FILE, write the visual report instead: one\n"
	"self-contained HTML page (charts, tables, alerts, notes of urgent\n"
	"days) that prints on A4 and reads on a phone.\n"
	"Example: mendlog report --html -o report.html\n",
	.options = report_options,
	.exec = run_report,
};

struct html_job {
	const struct ml_store *s;
	const struct ml_config *cfg;
	ml_day from, to;
	time_t now;
};

static int
write_html(FILE *fp, void *ctx, struct ml_error *err)
{
	struct html_job *job = ctx;

	(void)err;
	return report_html_write(fp, job->s, job->cfg, job->from, job->to,
	    job->now);
}

static int
run_report(struct ml_app *app, const struct cli_args *args)
{
	struct cli_range range;
	const char *out = cli_args_get(args, "output");
	bool html = cli_args_has(args, "html");
	int rc;

	if (html != (out != NULL))
		return cli_usage_error(&cmd_report, html ? "--html needs -o FILE" :
		    "-o FILE is for --html (the text report goes to standard "
		    "output)");
	if (cli_range_get(args, &range) != 0)
		return ML_EXIT_USAGE;
	if ((rc = cli_range_resolve(app, &cmd_report, &range)) != ML_EXIT_OK)
		return rc;
	/* Checks that are off (no procedure) are part of what a clinician
	 * reads: said on standard error, the report itself names them too. */
	(void)cli_print_notices_level(app, ml_today(), ML_NOTICE_SAFETY,
	    stderr);
	if (html) {
		struct html_job job = { &app->store, &app->cfg, range.from,
		    range.to, ml_now() };

		if (cli_refuse_diary_file(&app->store, out, "write the report "
		    "somewhere else"))
			return ML_EXIT_FAIL;
		return cli_write_output(out, write_html, &job) == 0 ?
		    ML_EXIT_OK : ML_EXIT_FAIL;
	}
	(void)cli_print_notices_level(app, ml_today(), ML_NOTICE_DATA, stderr);
	if (report_write(stdout, &app->store, &app->cfg, range.from, range.to,
	    ml_now()) != 0 ||
	    fflush(stdout) != 0) {
		cli_errorf("standard output: write error");
		return ML_EXIT_FAIL;
	}
	return ML_EXIT_OK;
}
