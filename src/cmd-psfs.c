/*
 * cmd-psfs.c - `mendlog psfs add|rename|retire|list|rate`: the weekly
 * function score (psfs.h) from the command line.
 */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "psfs.h"

static int run_psfs(struct cli_ctx *, int, char **);

const struct cli_command cmd_psfs = {
	"psfs", "weekly function score: activities rated 0 (unable) to 10",
	"usage: mendlog psfs add ACTIVITY\n"
	"       mendlog psfs rename OLD NEW\n"
	"       mendlog psfs retire ACTIVITY\n"
	"       mendlog psfs list [--weeks N]\n"
	"       mendlog psfs rate [--week YYYY-MM-DD] ACTIVITY=N ...\n"
	"\n"
	"The Patient-Specific Functional Scale: name up to five activities you\n"
	"find hard because of your back, and rate each once a week from 0\n"
	"(unable to do it) to 10 (as well as before the problem).  The week's\n"
	"score is the mean of its ratings; a change of about 2 points is the\n"
	"smallest that matters to patients ([psfs] meaningful_change).\n"
	"  add        add an activity (at most five active)\n"
	"  rename     rename it; its earlier ratings stay with it\n"
	"  retire     stop rating it; its ratings are kept\n"
	"  list       the activities, the last N weeks (default 8) and the change\n"
	"  rate       rate this week, or the week containing --week's day\n"
	"Example: mendlog psfs rate \"putting on socks\"=4 \"sitting through a meal\"=6\n",
	run_psfs,
};

/* Parse the common options of a subcommand that takes @min..@max
 * positional arguments.  Returns -1 to go on, or an exit status. */
static int
plain_args(struct cli_ctx *ctx, int argc, char **argv, int min, int max)
{
	static const struct option opts[] = { CLI_COMMON_LONG, { NULL, 0, NULL, 0 } };
	int c, rc;

	while ((c = getopt_long(argc, argv, CLI_COMMON_SHORT, opts, NULL)) != -1)
		if ((rc = cli_common_option(ctx, &cmd_psfs, c, optarg)) != -2)
			return rc == -1 ? ML_EXIT_USAGE : rc;
	if (argc - optind < min)
		return cli_usage_error(&cmd_psfs, "%s: expected %s", argv[0],
		    min == 2 ? "OLD and NEW names" : "an activity's name");
	if (argc - optind > max)
		return cli_usage_error(&cmd_psfs, "unexpected argument '%s' "
		    "(quote a name with spaces)", argv[optind + max]);
	return -1;
}

static int
psfs_done(struct cli_ctx *ctx, int rc, const struct ml_error *err)
{
	(void)ctx;
	if (rc != 0) {
		cli_print_error(err);
		return ML_EXIT_FAIL;
	}
	return ML_EXIT_OK;
}

static int
psfs_add_cmd(struct cli_ctx *ctx, int argc, char **argv)
{
	struct ml_error err;
	int rc;

	if ((rc = plain_args(ctx, argc, argv, 1, 1)) != -1)
		return rc;
	if (cli_open_store(ctx) != 0)
		return ML_EXIT_FAIL;
	return psfs_done(ctx, psfs_add(&ctx->store, argv[optind], ml_today(),
	    &err), &err);
}

static int
psfs_rename_cmd(struct cli_ctx *ctx, int argc, char **argv)
{
	struct ml_error err;
	int rc;

	if ((rc = plain_args(ctx, argc, argv, 2, 2)) != -1)
		return rc;
	if (cli_open_store(ctx) != 0)
		return ML_EXIT_FAIL;
	return psfs_done(ctx, psfs_rename(&ctx->store, argv[optind],
	    argv[optind + 1], &err), &err);
}

static int
psfs_retire_cmd(struct cli_ctx *ctx, int argc, char **argv)
{
	struct ml_error err;
	int rc;

	if ((rc = plain_args(ctx, argc, argv, 1, 1)) != -1)
		return rc;
	if (cli_open_store(ctx) != 0)
		return ML_EXIT_FAIL;
	return psfs_done(ctx, psfs_retire(&ctx->store, argv[optind],
	    ml_today(), &err), &err);
}

static int
psfs_rate_cmd(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "week", required_argument, NULL, 'w' },
		CLI_COMMON_LONG,
		{ NULL, 0, NULL, 0 }
	};
	struct psfs_rating *v;
	struct ml_error err;
	ml_day day = ml_today();
	size_t n = 0;
	int c, rc;

	while ((c = getopt_long(argc, argv, CLI_COMMON_SHORT, opts, NULL)) != -1) {
		if (c == 'w') {
			if (!cli_parse_day(optarg, &day))
				return cli_usage_error(&cmd_psfs,
				    "--week: invalid date '%s'", optarg);
			continue;
		}
		if ((rc = cli_common_option(ctx, &cmd_psfs, c, optarg)) != -2)
			return rc == -1 ? ML_EXIT_USAGE : rc;
	}
	if (optind >= argc)
		return cli_usage_error(&cmd_psfs, "rate: expected ACTIVITY=N");
	if (cli_open_store(ctx) != 0 || cli_load(ctx, ML_PSFS_ACTIVITIES) != 0)
		return ML_EXIT_FAIL;
	v = xcalloc((size_t)(argc - optind), sizeof *v);
	rc = ML_EXIT_OK;
	for (int i = optind; i < argc && rc == ML_EXIT_OK; i++) {
		/* The last '=' splits, so a name may itself hold one. */
		char *eq = strrchr(argv[i], '=');
		long value;
		long row;

		if (eq == NULL || eq == argv[i]) {
			rc = cli_usage_error(&cmd_psfs, "rate: expected "
			    "ACTIVITY=N, not '%s'", argv[i]);
			break;
		}
		*eq = '\0';
		if (!ml_parse_int(eq + 1, 0, 10, &value)) {
			rc = cli_usage_error(&cmd_psfs, "%s: '%s' is not a rating; "
			    "expected a whole number from 0 (unable) to 10 (as "
			    "before)", argv[i], eq + 1);
			break;
		}
		row = psfs_find(&ctx->store, argv[i]);
		if (row < 0 || psfs_retired(&ctx->store, (size_t)row)) {
			rc = cli_usage_error(&cmd_psfs, "%s: %s", argv[i],
			    row < 0 ? "no such activity (mendlog psfs list shows "
			    "them; mendlog psfs add adds one)" : "this activity "
			    "was retired and takes no new ratings");
			break;
		}
		v[n].name = argv[i];
		v[n++].value = (int)value;
	}
	if (rc == ML_EXIT_OK && psfs_rate(&ctx->store, &ctx->cfg, day, v, n,
	    ml_now(), &err) != 0) {
		cli_print_error(&err);
		rc = ML_EXIT_FAIL;
	}
	free(v);
	return rc;
}

static void
print_week(const struct ml_store *s, const struct ml_config *cfg,
    const struct psfs_week *w)
{
	size_t nact = store_nrows(s, ML_PSFS_ACTIVITIES);
	char date[ML_DATE_LEN];
	const char *sep = "";

	ml_date_format(w->start, date);
	if (isnan(w->mean)) {
		printf("  %s  no rating\n", date);
		return;
	}
	printf("  %s  mean %4.1f  ", date, w->mean);
	for (size_t a = 0; a < nact; a++) {
		int v = psfs_rating_of(s, cfg, store_get(s, ML_PSFS_ACTIVITIES, a,
		    PA_ID), w->start);

		if (v < 0)
			continue;
		printf("%s%s %d", sep, store_get(s, ML_PSFS_ACTIVITIES, a,
		    PA_NAME), v);
		sep = "; ";
	}
	putchar('\n');
}

static int
psfs_list_cmd(struct cli_ctx *ctx, int argc, char **argv)
{
	static const char *const wdays[] = { "Monday", "Tuesday", "Wednesday",
	    "Thursday", "Friday", "Saturday", "Sunday" };
	static const struct option opts[] = {
		{ "weeks", required_argument, NULL, 'n' },
		CLI_COMMON_LONG,
		{ NULL, 0, NULL, 0 }
	};
	const struct ml_store *s = &ctx->store;
	struct psfs_change ch;
	struct psfs_week *weeks;
	size_t nact, nweeks;
	long nshow = 8;
	ml_day today = ml_today();
	int c, rc;

	while ((c = getopt_long(argc, argv, CLI_COMMON_SHORT, opts, NULL)) != -1) {
		if (c == 'n') {
			if (!ml_parse_int(optarg, 1, 520, &nshow))
				return cli_usage_error(&cmd_psfs, "--weeks: expected "
				    "a whole number from 1 to 520, not '%s'", optarg);
			continue;
		}
		if ((rc = cli_common_option(ctx, &cmd_psfs, c, optarg)) != -2)
			return rc == -1 ? ML_EXIT_USAGE : rc;
	}
	if (optind < argc)
		return cli_usage_error(&cmd_psfs, "unexpected argument '%s'",
		    argv[optind]);
	if (cli_open_store(ctx) != 0 || cli_load(ctx, ML_PSFS_ACTIVITIES) != 0 ||
	    cli_load(ctx, ML_PSFS_RATINGS) != 0)
		return ML_EXIT_FAIL;
	nact = store_nrows(s, ML_PSFS_ACTIVITIES);
	if (nact == 0) {
		printf("No PSFS activities yet.  Add up to %d that your back makes "
		    "hard:\n  mendlog psfs add \"putting on socks\"\n",
		    PSFS_MAX_ACTIVE);
		return ML_EXIT_OK;
	}
	printf("Activities (%zu of %d active; 0 = unable, 10 = as before):\n",
	    psfs_active_count(s), PSFS_MAX_ACTIVE);
	for (size_t a = 0; a < nact; a++) {
		const char *former = store_get(s, ML_PSFS_ACTIVITIES, a,
		    PA_FORMER_NAMES);
		const char *retired = store_get(s, ML_PSFS_ACTIVITIES, a,
		    PA_RETIRED);

		printf("  %s%s%s%s%s%s\n",
		    store_get(s, ML_PSFS_ACTIVITIES, a, PA_NAME),
		    *former ? "  (formerly " : "", former, *former ? ")" : "",
		    *retired ? "  retired " : "", retired);
	}
	nweeks = psfs_weeks(s, &ctx->cfg, today - (ml_day)(7 * (nshow - 1)),
	    today, &weeks);
	printf("Weeks from %s, the last %ld:\n",
	    wdays[ctx->cfg.psfs_week_start % 7], nshow);
	for (size_t w = 0; w < nweeks; w++)
		print_week(s, &ctx->cfg, &weeks[w]);
	free(weeks);
	psfs_change(s, &ctx->cfg, today, &ch);
	if (ch.known) {
		char first[ML_DATE_LEN];

		ml_date_format(ch.first_week, first);
		printf("Change since the week of %s: %+.1f (%s; threshold %.1f).\n",
		    first, ch.change, psfs_change_label(&ch),
		    ctx->cfg.psfs_meaningful_change);
	}
	return ML_EXIT_OK;
}

static int
run_psfs(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*run)(struct cli_ctx *, int, char **);
	} subs[] = {
		{ "add", psfs_add_cmd },
		{ "rename", psfs_rename_cmd },
		{ "retire", psfs_retire_cmd },
		{ "list", psfs_list_cmd },
		{ "rate", psfs_rate_cmd },
	};

	if (argc >= 2 && (strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "--help") == 0)) {
		fputs(cmd_psfs.usage, stdout);
		return ML_EXIT_OK;
	}
	if (argc < 2)
		return cli_usage_error(&cmd_psfs, "expected add, rename, retire, "
		    "list or rate");
	/* Shift so the subcommand is argv[0] for getopt. */
	for (size_t i = 0; i < ML_NELEM(subs); i++)
		if (strcmp(argv[1], subs[i].name) == 0)
			return subs[i].run(ctx, argc - 1, argv + 1);
	return cli_usage_error(&cmd_psfs, "unknown subcommand '%s'", argv[1]);
}
