/*
 * cmd-plan.c - `mendlog plan import FILE [--replace]` and `mendlog plan list`.
 */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "plan.h"
#include "record.h"

static int run_plan(struct cli_ctx *, int, char **);

const struct cli_command cmd_plan = {
	"plan", "import or list the exercise plan",
	"usage: mendlog plan import FILE [--replace]\n"
	"       mendlog plan list\n"
	"\n"
	"import  check a plan CSV from your physiotherapist (the columns of\n"
	"        exercises.csv, see mendlog(5); id may be left out and is then\n"
	"        made from the name; other columns are kept) and, if every row\n"
	"        is right, update exercises by id and add new ones.  Problems\n"
	"        are printed as FILE:LINE: column: problem and nothing is\n"
	"        imported.\n"
	"          --replace  the file becomes the whole plan\n"
	"list    the plan, with each exercise's schedule and adherence over\n"
	"        the last 7 and 30 days.\n",
	run_plan,
};

static void
print_problem(void *ctx, const struct ml_error *e)
{
	char buf[2048];

	(void)ctx;
	ml_error_format(e, buf, sizeof buf);
	fprintf(stderr, "mendlog: %s\n", buf);
}

static int
plan_import_cmd(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "replace", no_argument, NULL, 'r' },
		CLI_COMMON_LONG,
		{ NULL, 0, NULL, 0 }
	};
	struct plan_import_result res;
	struct record_result raised;
	struct ml_error err;
	bool replace = false;
	int c, rc;

	while ((c = getopt_long(argc, argv, CLI_COMMON_SHORT, opts, NULL)) != -1) {
		if (c == 'r') {
			replace = true;
			continue;
		}
		if ((rc = cli_common_option(ctx, &cmd_plan, c, optarg)) != -2)
			return rc == -1 ? ML_EXIT_USAGE : rc;
	}
	if (optind != argc - 1)
		return cli_usage_error(&cmd_plan, "plan import: expected one FILE");
	if (cli_open_store(ctx) != 0)
		return ML_EXIT_FAIL;
	if (record_plan_import(&ctx->store, &ctx->cfg, argv[optind], replace,
	    print_problem, NULL, &res, &raised, &err) != 0) {
		cli_print_error(&err);
		return ML_EXIT_FAIL;
	}
	printf("%zu exercise%s imported: %zu new, %zu updated", res.rows,
	    res.rows == 1 ? "" : "s", res.added, res.updated);
	if (replace)
		printf(", %zu removed", res.removed);
	printf(".\n");
	cli_print_recorded(&raised);
	record_result_free(&raised);
	return ML_EXIT_OK;
}

static void
format_pct(const struct plan_adherence *a, char *buf, size_t size)
{
	if (isnan(a->pct))
		snprintf(buf, size, "-");
	else
		snprintf(buf, size, "%.0f%%", a->pct);
}

/* Print @s with control characters shown as '?': the file may hold
 * anything, and none of it may drive the terminal. */
static void
put_safe(const char *s)
{
	for (; *s; s++)
		putchar((unsigned char)*s < 0x20 || *s == 0x7f ? '?' : *s);
}

/* @s cut to at most @max bytes, never inside a UTF-8 character. */
static const char *
cut(const char *s, char *buf, size_t max)
{
	size_t n = strlen(s);

	if (n > max) {
		n = max;
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
	}
	memcpy(buf, s, n);
	buf[n] = '\0';
	return buf;
}

static int
plan_list_cmd(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = { CLI_COMMON_LONG, { NULL, 0, NULL, 0 } };
	struct ml_store *s = &ctx->store;
	time_t now = ml_now();
	size_t n;
	int c, rc;

	while ((c = getopt_long(argc, argv, CLI_COMMON_SHORT, opts, NULL)) != -1)
		if ((rc = cli_common_option(ctx, &cmd_plan, c, optarg)) != -2)
			return rc == -1 ? ML_EXIT_USAGE : rc;
	if (optind < argc)
		return cli_usage_error(&cmd_plan, "unexpected argument '%s'",
		    argv[optind]);
	if (cli_open_store(ctx) != 0 || cli_load(ctx, ML_EXERCISES) != 0 ||
	    cli_load(ctx, ML_EXERCISE_LOG) != 0)
		return ML_EXIT_FAIL;
	n = store_nrows(s, ML_EXERCISES);
	if (n == 0) {
		printf("No exercises in the plan.  Import one with "
		    "'mendlog plan import FILE'.\n");
		return ML_EXIT_OK;
	}
	printf("%-16s %-26s %-14s %-12s %5s %5s\n", "ID", "NAME", "DAYS",
	    "TIMES", "7D", "30D");
	for (size_t r = 0; r < n; r++) {
		const char *id = store_get(s, ML_EXERCISES, r, XC_ID);
		const char *days = store_get(s, ML_EXERCISES, r, XC_DAYS);
		struct plan_schedule sc;
		struct plan_adherence a7, a30;
		struct ml_error why;
		char p7[8], p30[8], dose[64], name[32], line[1024];
		size_t len;
		bool ok = plan_row_check(s, r, &sc, &why) == 0;

		plan_adherence_last(s, &ctx->cfg, id, 7, now, &a7);
		plan_adherence_last(s, &ctx->cfg, id, 30, now, &a30);
		format_pct(&a7, p7, sizeof p7);
		format_pct(&a30, p30, sizeof p30);
		len = (size_t)snprintf(line, sizeof line, "%-16s %-26s %-14s %-12s "
		    "%5s %5s", id, cut(store_get(s, ML_EXERCISES, r, XC_NAME),
		    name, 26), *days ? days : "daily",
		    store_get(s, ML_EXERCISES, r, XC_TIMES), p7, p30);
		if (len >= sizeof line)
			len = sizeof line - 1;
		if (!ok)
			snprintf(line + len, sizeof line - len, "  (not scheduled: %s: %s)",
			    why.field, why.msg);
		else if (!sc.active)
			snprintf(line + len, sizeof line - len, "  (paused)");
		else if (sc.ntimes == 0)
			snprintf(line + len, sizeof line - len, "  (no times: never due)");
		put_safe(line);
		plan_dose(s, r, dose, sizeof dose);
		if (*dose) {
			printf("\n%-16s ", "");
			put_safe(dose);
		}
		putchar('\n');
	}
	return ML_EXIT_OK;
}

static int
run_plan(struct cli_ctx *ctx, int argc, char **argv)
{
	if (argc >= 2 && (strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "--help") == 0)) {
		fputs(cmd_plan.usage, stdout);
		return ML_EXIT_OK;
	}
	if (argc < 2)
		return cli_usage_error(&cmd_plan, "expected import or list");
	if (strcmp(argv[1], "import") == 0)
		return plan_import_cmd(ctx, argc - 1, argv + 1);
	if (strcmp(argv[1], "list") == 0)
		return plan_list_cmd(ctx, argc - 1, argv + 1);
	return cli_usage_error(&cmd_plan, "unknown subcommand '%s'", argv[1]);
}
