/*
 * cmd-check.c - `mendlog check`: validate every file of the diary.
 */
#include <stdio.h>

#include "cli.h"
#include "text.h"

static int run_check(struct ml_app *, const struct cli_args *);

const struct cli_command cmd_check = {
	.name = "check",
	.summary = "validate every file; print FILE:LINE: column: problem",
	.usage = "usage: mendlog check\n",
	.about =
	"Validate every diary file and print each problem as\n"
	"FILE:LINE: column: problem.  Exit 0 when clean, 1 otherwise.\n"
	"Nothing is changed.\n",
	.exec = run_check,
};

static void
print_problem(void *ctx, const struct ml_error *e)
{
	char buf[2048];

	(void)ctx;
	ml_error_format(e, buf, sizeof buf);
	/* A problem quotes the file: through the output gate. */
	text_fputs(buf, -1, 0, stdout);
	putchar('\n');
}

static int
run_check(struct ml_app *app, const struct cli_args *args)
{
	size_t problems = 0, rows = 0;

	(void)args;
	if (cli_open_store(app) != 0)
		return ML_EXIT_FAIL;
	for (int f = 0; f < ML_NFILES; f++) {
		size_t n;

		/* Streamed: a million-row file is checked without holding it
		 * (store_check_file reports what store_validate would). */
		problems += store_check_file(&app->store, (enum ml_file)f,
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
