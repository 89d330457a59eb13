/*
 * cmd-report.c - `mendlog report`: the one-page text summary.
 */
#include <getopt.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "csvio.h"
#include "report-html.h"
#include "report.h"

static int run_report(struct cli_ctx *, int, char **);

const struct cli_command cmd_report = {
	"report", "a one-page text summary for a clinician (80 columns)",
	"usage: mendlog report [--from D] [--to D] [--html -o FILE]\n"
	"\n"
	"Print a plain-text summary at most 80 columns wide: the procedure and\n"
	"day count, a week-by-week table, a chart of daily back pain, the\n"
	"alerts and the last five notes.  The range defaults to the first\n"
	"recorded day through today.  Example: mendlog report | lp\n"
	"  --html -o FILE  write the visual report instead: one self-contained\n"
	"                  HTML page (charts, tables, alerts, notes of urgent\n"
	"                  days) that prints on A4 and reads on a phone\n"
	"Example: mendlog report --html -o report.html\n",
	run_report,
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

/* True when @target is in the data directory and named like one of its
 * files: the report must never replace the records it reads. */
static bool
in_data_dir(const struct ml_store *s, const char *target)
{
	char *copy = xstrdup(target), *base = xstrdup(target);
	char dir[PATH_MAX], data[PATH_MAX];
	const char *b = basename(base);
	bool hit = false;

	if (realpath(dirname(copy), dir) != NULL &&
	    realpath(s->dir, data) != NULL && strcmp(dir, data) == 0)
		for (int f = 0; f < ML_NFILES && !hit; f++)
			hit = strncmp(b, ml_schema((enum ml_file)f)->filename,
			    strlen(ml_schema((enum ml_file)f)->filename)) == 0 ||
			    strcmp(b, ".lock") == 0;
	free(copy);
	free(base);
	return hit;
}

static int
run_report(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		CLI_RANGE_LONG,
		{ "html", no_argument, NULL, 'H' },
		{ "output", required_argument, NULL, 'o' },
		CLI_COMMON_LONG,
		{ NULL, 0, NULL, 0 }
	};
	struct cli_range range = { 0 };
	struct ml_error err;
	const char *out = NULL;
	bool html = false;
	int c, rc;

	while ((c = getopt_long(argc, argv, CLI_COMMON_SHORT "o:", opts,
	    NULL)) != -1) {
		if (c == 'H') {
			html = true;
			continue;
		}
		if (c == 'o') {
			out = optarg;
			continue;
		}
		if ((rc = cli_range_option(&cmd_report, &range, c, optarg)) == -1)
			rc = cli_common_option(ctx, &cmd_report, c, optarg);
		if (rc != -2)
			return rc == -1 ? ML_EXIT_USAGE : rc;
	}
	if (optind < argc)
		return cli_usage_error(&cmd_report, "unexpected argument '%s'",
		    argv[optind]);
	if (html != (out != NULL))
		return cli_usage_error(&cmd_report, html ? "--html needs -o FILE" :
		    "-o FILE is for --html (the text report goes to standard "
		    "output)");
	if ((rc = cli_range_resolve(ctx, &cmd_report, &range)) != -1)
		return rc;
	if (html) {
		struct html_job job = { &ctx->store, &ctx->cfg, range.from,
		    range.to, ml_now() };

		if (in_data_dir(&ctx->store, out)) {
			cli_errorf("%s: refusing to overwrite the diary's own "
			    "file; write the report somewhere else", out);
			return ML_EXIT_FAIL;
		}
		if (csvio_save_atomic(out, write_html, &job, false, &err) != 0) {
			cli_print_error(&err);
			return ML_EXIT_FAIL;
		}
		return ML_EXIT_OK;
	}
	if (report_write(stdout, &ctx->store, &ctx->cfg, range.from, range.to,
	    ml_now()) != 0 ||
	    fflush(stdout) != 0) {
		cli_errorf("standard output: write error");
		return ML_EXIT_FAIL;
	}
	return ML_EXIT_OK;
}
