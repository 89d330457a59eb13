/*
 * cmd-check.c - `mendlog check`: validate every file of the diary.
 */
#include <getopt.h>
#include <stdio.h>

#include "cli.h"

static int run_check(struct cli_ctx *, int, char **);

const struct cli_command cmd_check = {
	"check", "validate every file; print FILE:LINE: column: problem",
	"usage: mendlog check\n"
	"\n"
	"Validate every diary file and print each problem as\n"
	"FILE:LINE: column: problem.  Exit 0 when clean, 1 otherwise.\n"
	"Nothing is changed.\n",
	run_check,
};

static void
print_problem(void *ctx, const struct ml_error *e)
{
	char buf[2048];

	(void)ctx;
	ml_error_format(e, buf, sizeof buf);
	printf("%s\n", buf);
}

static int
run_check(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = { CLI_COMMON_LONG, { NULL, 0, NULL, 0 } };
	size_t problems = 0, rows = 0;
	int c, rc;

	while ((c = getopt_long(argc, argv, CLI_COMMON_SHORT, opts, NULL)) != -1)
		if ((rc = cli_common_option(ctx, &cmd_check, c, optarg)) != -2)
			return rc == -1 ? ML_EXIT_USAGE : rc;
	if (optind < argc)
		return cli_usage_error(&cmd_check, "unexpected argument '%s'",
		    argv[optind]);
	if (cli_open_store(ctx) != 0)
		return ML_EXIT_FAIL;
	for (int f = 0; f < ML_NFILES; f++) {
		size_t n;

		/* Streamed: a million-row file is checked without holding it
		 * (store_check_file reports what store_validate would). */
		problems += store_check_file(&ctx->store, (enum ml_file)f,
		    print_problem, NULL, &n);
		rows += n;
	}
	if (problems > 0) {
		fprintf(stderr, "mendlog: %zu problem%s found\n", problems,
		    problems == 1 ? "" : "s");
		return ML_EXIT_FAIL;
	}
	fprintf(stderr, "mendlog: %d files, %zu rows, no problems\n", ML_NFILES,
	    rows);
	return ML_EXIT_OK;
}
