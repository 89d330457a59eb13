/*
 * cmd-log.c - `mendlog log` (set fields of a day) and `mendlog show`.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "diary.h"
#include "record.h"

static int run_log(struct cli_ctx *, int, char **);
static int run_show(struct cli_ctx *, int, char **);

const struct cli_command cmd_log = {
	"log", "set fields of a day's entry: mendlog log back_pain=4 ...",
	"usage: mendlog log [--date YYYY-MM-DD] FIELD=VALUE...\n"
	"\n"
	"Set fields of a day's entry (default today), creating it if needed.\n"
	"FIELD= (empty) clears a field.  Examples:\n"
	"  mendlog log back_pain=4 leg_weakness=no\n"
	"  mendlog log --date 2026-11-20 notes=\"stiff after the drive\"\n"
	"\n"
	"Fields:\n"
	"  back_pain back_pain_worst leg_pain headache mood   0-10\n"
	"  headache_upright numbness tingling leg_weakness\n"
	"  bladder_bowel saddle_numbness site_problem         yes or no\n"
	"  temperature_c                                      30.0-45.0\n"
	"  sleep_hours                                        0-24\n"
	"  activity_min                                       0-1440\n"
	"  medication therapies notes                         text\n"
	"\n"
	"Options:\n"
	"  --date D   the day (YYYY-MM-DD, today, yesterday); default today\n"
	"  -d DIR, -c FILE, -h   as for mendlog\n",
	run_log,
};

const struct cli_command cmd_show = {
	"show", "print a day's entry",
	"usage: mendlog show [--date YYYY-MM-DD]\n"
	"\n"
	"Print a day's entry (default today) as field: value lines.\n",
	run_show,
};

static const struct option date_opts[] = {
	{ "date", required_argument, NULL, 'D' },
	CLI_COMMON_LONG,
	{ NULL, 0, NULL, 0 }
};

/* Parse --date and the common options; returns -1 to go on. */
static int
parse_date_opts(struct cli_ctx *ctx, const struct cli_command *cmd, int argc,
    char **argv, ml_day *day)
{
	int c, rc;

	*day = ml_today();
	while ((c = getopt_long(argc, argv, CLI_COMMON_SHORT, date_opts,
	    NULL)) != -1) {
		if (c == 'D') {
			if (!cli_parse_day(optarg, day))
				return cli_usage_error(cmd, "--date: invalid date "
				    "'%s': expected YYYY-MM-DD", optarg);
			continue;
		}
		if ((rc = cli_common_option(ctx, cmd, c, optarg)) != -2)
			return rc == -1 ? cli_usage_error(cmd, "bad option") : rc;
	}
	return -1;
}

static int
run_log(struct cli_ctx *ctx, int argc, char **argv)
{
	struct ml_error err;
	struct ml_set *sets;
	size_t n = 0;
	ml_day day;
	int rc;

	if ((rc = parse_date_opts(ctx, &cmd_log, argc, argv, &day)) != -1)
		return rc;
	if (optind >= argc)
		return cli_usage_error(&cmd_log, "nothing to log: give FIELD=VALUE");
	sets = xcalloc((size_t)(argc - optind), sizeof *sets);
	rc = ML_EXIT_OK;
	/* Check every argument before anything is written. */
	for (int i = optind; i < argc; i++) {
		char *field, *value;

		if (diary_parse_assignment(argv[i], &field, &value, &err) != 0) {
			cli_print_error(&err);
			rc = ML_EXIT_USAGE;
			break;
		}
		sets[n].column = field;
		sets[n++].value = value;
	}
	if (rc == ML_EXIT_OK && cli_open_store(ctx) != 0)
		rc = ML_EXIT_FAIL;
	if (rc == ML_EXIT_OK) {
		struct record_result res;

		if (record_day(&ctx->store, &ctx->cfg, day, sets, n, &res,
		    &err) != 0) {
			cli_print_error(&err);
			rc = ML_EXIT_FAIL;
		}
		cli_print_recorded(&res);
		record_result_free(&res);
	}
	for (size_t i = 0; i < n; i++) {
		free((char *)sets[i].column);
		free((char *)sets[i].value);
	}
	free(sets);
	return rc;
}

/* Print a possibly multi-line value, indenting continuation lines. */
static void
print_value(const char *v)
{
	for (; *v; v++) {
		if (*v == '\r' && v[1] == '\n')
			continue;
		putchar(*v);
		if (*v == '\n')
			fputs("    ", stdout);
	}
}

static int
run_show(struct cli_ctx *ctx, int argc, char **argv)
{
	const struct ml_schema *sc = ml_schema(ML_ENTRIES);
	const struct ml_table *t;
	char date[ML_DATE_LEN], label[128];
	const char *why;
	ml_day day;
	long row;
	int rc;

	if ((rc = parse_date_opts(ctx, &cmd_show, argc, argv, &day)) != -1)
		return rc;
	if (optind < argc)
		return cli_usage_error(&cmd_show, "unexpected argument '%s'",
		    argv[optind]);
	if (cli_open_store(ctx) != 0 || cli_load(ctx, ML_ENTRIES) != 0 ||
	    cli_load(ctx, ML_PROCEDURES) != 0)
		return ML_EXIT_FAIL;
	ml_date_format(day, date);
	diary_day_label(&ctx->store, day, label, sizeof label);
	row = diary_find(&ctx->store, day);
	if (row < 0) {
		cli_errorf("no entry for %s%s%s%s", date, *label ? " (" : "", label,
		    *label ? ")" : "");
		return ML_EXIT_FAIL;
	}
	t = store_table(&ctx->store, ML_ENTRIES);
	/* Every column of the file in its order, unknown ones included. */
	for (size_t i = 0; i < t->ncols; i++) {
		const char *name = t->header[i];
		const char *v = ml_row_get(&t->rows[row], i);
		int c = ml_schema_col(sc, name);

		printf("%s: ", name);
		print_value(v);
		if (c == EC_DATE && *label)
			printf(" (%s)", label);
		if (c >= 0 && !ml_value_check(sc->cols[c].type, v, &why))
			printf("  [invalid: expected %s]", why);
		putchar('\n');
	}
	return ML_EXIT_OK;
}
