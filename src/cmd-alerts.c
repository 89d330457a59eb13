/*
 * cmd-alerts.c - `mendlog alerts [--all]`, `mendlog ack N|--all`, and the
 * stderr report `mendlog log` gives of the alerts a save raised.
 */
#include <ctype.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alerts.h"
#include "cli.h"
#include "record.h"

static int run_alerts(struct cli_ctx *, int, char **);
static int run_ack(struct cli_ctx *, int, char **);

const struct cli_command cmd_alerts = {
	"alerts", "list red-flag alerts not yet acknowledged (--all: every one)",
	"usage: mendlog alerts [--all]\n"
	"\n"
	"List the alerts mendlog raised from your diary that you have not\n"
	"acknowledged yet, oldest first, numbered for 'mendlog ack'.  With\n"
	"--all, acknowledged ones too.  Tiers, most severe first:\n"
	"  EMERGENCY  get emergency care now\n"
	"  URGENT     contact your clinician or out-of-hours service today\n"
	"  CONTACT    tell your clinician or physiotherapist soon\n"
	"  WATCH      keep an eye on it\n"
	"The rules run on every save and for recent days first, so the list\n"
	"is up to date.\n",
	run_alerts,
};

const struct cli_command cmd_ack = {
	"ack", "acknowledge alert N (as numbered by 'alerts'), or --all",
	"usage: mendlog ack N...\n"
	"       mendlog ack --all\n"
	"\n"
	"Acknowledge alerts by the numbers 'mendlog alerts' shows, or every\n"
	"unacknowledged alert with --all.  The alert stays in alerts.csv with\n"
	"the time you acknowledged it.\n",
	run_ack,
};

/* Print @text wrapped at @width columns, every line indented by @indent. */
static void
print_wrapped(FILE *fp, const char *text, int indent, int width)
{
	const char *p = text;

	while (*p) {
		const char *end = p, *brk = NULL;
		int col = indent;

		while (*p == ' ')
			p++;
		end = p;
		/* Count bytes, not columns: messages are ASCII; a long UTF-8
		 * word only wraps a little early. */
		while (*end && *end != '\n' && col < width) {
			if (*end == ' ')
				brk = end;
			end++;
			col++;
		}
		if (*end && *end != '\n' && *end != ' ' && brk != NULL)
			end = brk;
		fprintf(fp, "%*s%.*s\n", indent, "", (int)(end - p), p);
		p = *end == '\n' ? end + 1 : end;
	}
}

static void
upper(char *dst, const char *src, size_t size)
{
	size_t i;

	for (i = 0; i + 1 < size && src[i]; i++)
		dst[i] = (char)toupper((unsigned char)src[i]);
	dst[i] = '\0';
}

void
cli_print_recorded(const struct record_result *res)
{
	/* The change itself is saved whatever happens here: the command
	 * still exits 0, but shows what fired even if it was not recorded. */
	if (res->unrecorded) {
		cli_print_error(&res->alerts_err);
		if (res->raised.n > 0)
			cli_errorf("these alerts could not be recorded:");
	}
	cli_print_raised(&res->raised);
}

void
cli_print_raised(const struct alerts_raised *r)
{
	for (size_t i = 0; i < r->n; i++) {
		const struct ml_alert *a = &r->v[i];
		char date[ML_DATE_LEN], tier[16];

		ml_date_format(a->day, date);
		upper(tier, rules_tier_name(a->tier), sizeof tier);
		fprintf(stderr, "mendlog: %s alert (%s, %s): %s\n", tier, a->rule,
		    date, rules_tier_advice(a->tier));
		print_wrapped(stderr, a->message, 4, 76);
	}
	if (r->n > 0)
		fprintf(stderr, "    See 'mendlog alerts'; acknowledge with "
		    "'mendlog ack N'.\n");
}

/* "YYYY-MM-DD HH:MM" local, or the stored text when it does not parse. */
static void
local_time(const char *stamp, char *buf, size_t size)
{
	time_t t;
	struct tm tm;

	if (!ml_timestamp_parse(stamp, &t) || localtime_r(&t, &tm) == NULL) {
		snprintf(buf, size, "%s", stamp);
		return;
	}
	strftime(buf, size, "%Y-%m-%d %H:%M", &tm);
}

static int
run_alerts(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "all", no_argument, NULL, 'a' },
		CLI_COMMON_LONG,
		{ NULL, 0, NULL, 0 }
	};
	struct alerts_item *items;
	struct record_result res;
	struct ml_error err;
	bool all = false;
	size_t n, shown = 0;
	int c, rc;

	while ((c = getopt_long(argc, argv, CLI_COMMON_SHORT, opts, NULL)) != -1) {
		if (c == 'a') {
			all = true;
			continue;
		}
		if ((rc = cli_common_option(ctx, &cmd_alerts, c, optarg)) != -2)
			return rc == -1 ? ML_EXIT_USAGE : rc;
	}
	if (optind < argc)
		return cli_usage_error(&cmd_alerts, "unexpected argument '%s'",
		    argv[optind]);
	if (cli_open_store(ctx) != 0)
		return ML_EXIT_FAIL;
	/* Catch up first, so the list is current even if nothing ran since
	 * the last edit; a failure to record is reported, the list still
	 * shown. */
	if (record_startup(&ctx->store, &ctx->cfg, &res, &err) != 0)
		cli_print_error(&err);
	else if (res.unrecorded)
		cli_print_error(&res.alerts_err);
	record_result_free(&res);
	if (cli_load(ctx, ML_ALERTS) != 0)
		return ML_EXIT_FAIL;
	n = alerts_list(&ctx->store, &items);
	for (size_t i = 0; i < n; i++) {
		const struct alert_row *a = &items[i].a;
		char tier[16], raised[40], acked[40];
		bool acknowledged = *a->acknowledged_at != '\0';

		if (acknowledged && !all)
			continue;
		upper(tier, a->severity, sizeof tier);
		local_time(a->raised_at, raised, sizeof raised);
		printf("%3u  %-9s  %s  %s\n", items[i].number, tier, a->date,
		    a->rule);
		print_wrapped(stdout, a->message, 5, 78);
		if (acknowledged) {
			local_time(a->acknowledged_at, acked, sizeof acked);
			printf("     raised %s, acknowledged %s\n", raised, acked);
		} else {
			printf("     raised %s, not acknowledged\n", raised);
		}
		shown++;
	}
	free(items);
	if (shown == 0)
		printf(all ? "No alerts.\n" : "No unacknowledged alerts.\n");
	else if (!all || shown < n)
		printf("\nAcknowledge with 'mendlog ack N' or 'mendlog ack "
		    "--all'.\n");
	return ML_EXIT_OK;
}

static int
run_ack(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "all", no_argument, NULL, 'a' },
		CLI_COMMON_LONG,
		{ NULL, 0, NULL, 0 }
	};
	struct alerts_item *items;
	struct ml_error err;
	bool all = false;
	size_t n, done;
	char **keys, **labels;
	int c, rc = ML_EXIT_OK, nargs;

	while ((c = getopt_long(argc, argv, CLI_COMMON_SHORT, opts, NULL)) != -1) {
		if (c == 'a') {
			all = true;
			continue;
		}
		if ((rc = cli_common_option(ctx, &cmd_ack, c, optarg)) != -2)
			return rc == -1 ? ML_EXIT_USAGE : rc;
	}
	nargs = argc - optind;
	if (all == (nargs > 0))
		return cli_usage_error(&cmd_ack, all ? "give numbers or --all, "
		    "not both" : "which alert? give its number or --all");
	if (cli_open_store(ctx) != 0 || cli_load(ctx, ML_ALERTS) != 0)
		return ML_EXIT_FAIL;
	if (all) {
		struct record_result res;

		rc = record_acknowledge(&ctx->store, ALERTS_ALL, &done, &res, &err);
		record_result_free(&res);
		if (rc != 0) {
			cli_print_error(&err);
			return ML_EXIT_FAIL;
		}
		printf("acknowledged %zu alert%s\n", done, done == 1 ? "" : "s");
		return ML_EXIT_OK;
	}
	n = alerts_list(&ctx->store, &items);
	keys = xcalloc((size_t)nargs, sizeof *keys);
	labels = xcalloc((size_t)nargs, sizeof *labels);
	/* Check every number before acknowledging any; remember keys, not
	 * rows, since each transaction may reload the file. */
	for (int i = 0; i < nargs && rc == ML_EXIT_OK; i++) {
		const struct alert_row *a;
		long k;

		if (!ml_parse_int(argv[optind + i], 1, 1000000000L, &k) ||
		    (size_t)k > n) {
			cli_errorf("ack: no alert number '%s' (see 'mendlog alerts "
			    "--all')", argv[optind + i]);
			rc = ML_EXIT_USAGE;
			break;
		}
		a = &items[k - 1].a;
		keys[i] = alert_row_key(a);
		labels[i] = xasprintf("%s %s %s", a->date, a->severity, a->rule);
	}
	free(items);
	for (int i = 0; i < nargs && rc == ML_EXIT_OK; i++) {
		struct record_result res;
		long row = alerts_find(&ctx->store, keys[i]);

		if (row < 0) {
			cli_errorf("ack: alert %s (%s) is no longer in %s",
			    argv[optind + i], labels[i],
			    store_path(&ctx->store, ML_ALERTS));
			rc = ML_EXIT_FAIL;
		} else if (record_acknowledge(&ctx->store, (size_t)row, &done,
		    &res, &err) != 0) {
			cli_print_error(&err);
			rc = ML_EXIT_FAIL;
		} else {
			printf("%s alert %s: %s\n", done ? "acknowledged" :
			    "already acknowledged", argv[optind + i], labels[i]);
		}
		record_result_free(&res);
	}
	for (int i = 0; i < nargs; i++) {
		free(keys[i]);
		free(labels[i]);
	}
	free(keys);
	free(labels);
	return rc;
}
