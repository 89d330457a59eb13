/*
 * cmd-alerts.c - `mendlog alerts [--all]`, `mendlog ack N|--all`, and the
 * stderr report `mendlog log` gives of the alerts a save raised.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alerts.h"
#include "cli.h"
#include "record.h"
#include "text.h"

static int run_alerts(struct ml_app *, const struct cli_args *);
static int run_ack(struct ml_app *, const struct cli_args *);

static const struct cli_option alerts_options[] = {
	{ "all", 0, NULL, "acknowledged alerts too", NULL },
	{ NULL, 0, NULL, NULL, NULL }
};

static const struct cli_option ack_options[] = {
	{ "all", 0, NULL, "every unacknowledged alert but emergencies", NULL },
	{ "emergency", 0, NULL, "with --all: emergencies too", NULL },
	{ "seen", 0, NULL, "my clinician knows: no reminder while it lasts",
	    NULL },
	{ "error", 0, NULL, "entered in error: left out of exports", NULL },
	{ NULL, 0, NULL, NULL, NULL }
};

const struct cli_command cmd_alerts = {
	.name = "alerts",
	.summary = "list red-flag alerts not yet acknowledged (--all: every one)",
	.usage = "usage: mendlog alerts [--all]\n",
	.about =
	"List the alerts mendlog raised from your diary that you have not\n"
	"acknowledged yet, oldest first, numbered for 'mendlog ack'.  With\n"
	"--all, acknowledged, watch and entered-in-error ones too.  A sign\n"
	"that goes on is one alert, with the days it lasted.  Tiers, most\n"
	"severe first:\n"
	"  EMERGENCY  get emergency care now\n"
	"  URGENT     contact your clinician or out-of-hours service today\n"
	"  CONTACT    tell your clinician or physiotherapist soon\n"
	"  WATCH      keep an eye on it\n"
	"The rules run on every save and for recent days first, so the list\n"
	"is up to date.  mendlog does not replace your clinician.\n",
	.options = alerts_options,
	.exec = run_alerts,
};

const struct cli_command cmd_ack = {
	.name = "ack",
	.summary = "acknowledge alert N (as numbered by 'alerts'), or --all",
	.usage =
	"usage: mendlog ack [--seen | --error] N...\n"
	"       mendlog ack --all [--emergency]\n",
	.about =
	"Acknowledge alerts by the numbers 'mendlog alerts' shows (\"I have\n"
	"read this\"), or every unacknowledged alert with --all; --all leaves\n"
	"emergencies unless --emergency is given too.  If the sign goes on,\n"
	"it is raised again: an emergency the next day, an urgent alert after\n"
	"renotify_urgent_days, a contact one after renotify_contact_days.\n"
	"--seen says your clinician knows about it: no reminder while it\n"
	"lasts, until it stops or gets more serious; shown in the report.\n"
	"--error marks a sign answered by mistake: kept in alerts.csv, left\n"
	"out of the export and listed apart in the report.\n",
	.options = ack_options,
	.max_args = -1,
	.exec = run_ack,
};

struct wrapped {
	FILE *fp;
	int indent;
};

static void
print_line(void *ctx, size_t i, const char *start, size_t len)
{
	struct wrapped *w = ctx;
	char *line = xstrndup(start, len);

	(void)i;
	fprintf(w->fp, "%*s", w->indent, "");
	text_fputs(line, -1, 0, w->fp);
	fputc('\n', w->fp);
	free(line);
}

/* Print untrusted @text wrapped at @width columns, every line indented by
 * @indent, through the output gate. */
static void
print_wrapped(FILE *fp, const char *text, int indent, int width)
{
	struct wrapped w = { fp, indent };

	text_wrap(text, width - indent, print_line, &w);
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
	size_t shown = 0;

	/* Watch is logged only.  What one save raised is one block, most
	 * severe first, under one heading. */
	for (size_t i = 0; i < r->n; i++)
		shown += r->v[i].tier < ML_TIER_WATCH;
	if (shown > 1)
		fprintf(stderr, "mendlog: this entry raised %zu alerts:\n", shown);
	for (size_t i = 0; i < r->n; i++) {
		const struct ml_alert *a = &r->v[i];
		char date[ML_DATE_LEN], tier[16];

		if (a->tier >= ML_TIER_WATCH)
			continue;
		ml_date_format(a->day, date);
		upper(tier, rules_tier_name(a->tier), sizeof tier);
		/* The rule may come from alerts.csv (raised by another
		 * mendlog): through the gate. */
		fprintf(stderr, "mendlog: %s alert (", tier);
		text_fputs(a->rule, -1, 0, stderr);
		fprintf(stderr, ", %s): %s\n", date, rules_tier_advice(a->tier));
		print_wrapped(stderr, a->message, 4, 76);
	}
	if (shown > 0)
		fprintf(stderr, "    See 'mendlog alerts'; acknowledge with "
		    "'mendlog ack N'.\n    mendlog does not replace your "
		    "clinician.\n");
}

size_t
cli_print_unchecked(struct ml_app *app, ml_day today, FILE *fp)
{
	struct ml_notices n = { 0 };
	size_t count = 0;

	notices_collect(app, today, &n);
	for (size_t i = 0; i < n.n; i++) {
		if (strncmp(n.v[i].id, "unchecked_", 10) != 0)
			continue;
		count++;
		if (fp == NULL)
			continue;
		fputs("mendlog: ", fp);
		text_fputs(n.v[i].text, -1, 0, fp);
		fputc('\n', fp);
	}
	notices_free(&n);
	return count;
}

/* "YYYY-MM-DD HH:MM" local, or the stored text when it does not parse. */
static void
local_time(const char *stamp, char *buf, size_t size)
{
	time_t t;
	struct tm tm;

	if (!ml_timestamp_parse(stamp, &t) || localtime_r(&t, &tm) == NULL) {
		text_safe(buf, size, stamp, -1, 0);	/* from the file */
		return;
	}
	strftime(buf, size, "%Y-%m-%d %H:%M", &tm);
}

static int
run_alerts(struct ml_app *app, const struct cli_args *args)
{
	struct alerts_item *items;
	struct record_result res;
	struct ml_error err;
	bool all = cli_args_has(args, "all");
	size_t n, shown = 0, open = 0, unchecked;

	if (cli_open_store(app) != 0)
		return ML_EXIT_FAIL;
	/* Catch up first, so the list is current even if nothing ran since
	 * the last edit; a failure to record is reported, the list still
	 * shown. */
	if (record_startup(&app->store, &app->cfg, &res, &err) != 0)
		cli_print_error(&err);
	else if (res.unrecorded)
		cli_print_error(&res.alerts_err);
	record_result_free(&res);
	if (cli_load(app, ML_ALERTS) != 0)
		return ML_EXIT_FAIL;
	/* Never silent: what the patient must be told is said first; a
	 * value the rules cannot read qualifies "no alerts". */
	(void)cli_print_notices(app, ml_today(), stderr);
	unchecked = cli_print_unchecked(app, ml_today(), NULL);
	n = alerts_list(&app->store, &items);
	for (size_t i = 0; i < n; i++) {
		const struct alert_row *a = &items[i].a;
		char tier[16], tcell[64], raised[40], acked[40];
		bool acknowledged = *a->acknowledged_at != '\0';

		if (!a->open && !all)
			continue;
		upper(tier, a->severity, sizeof tier);
		local_time(a->raised_at, raised, sizeof raised);
		/* From the file: gated and padded by columns, not bytes. */
		text_cell(tcell, sizeof tcell, tier, 9);
		printf("%3u  %s  ", items[i].number, tcell);
		text_fputs(a->date, 10, 0, stdout);
		if (strcmp(a->last_date, a->date) != 0) {
			fputs(" to ", stdout);
			text_fputs(a->last_date, 10, 0, stdout);
		}
		fputs("  ", stdout);
		text_fputs(a->rule, -1, 0, stdout);
		putchar('\n');
		print_wrapped(stdout, a->message, 5, 78);
		if (strcmp(a->status, "error") == 0) {
			printf("     raised %s, entered in error\n", raised);
		} else if (strcmp(a->status, "seen") == 0) {
			local_time(a->acknowledged_at, acked, sizeof acked);
			printf("     raised %s, clinician knows (%s)\n", raised,
			    acked);
		} else if (acknowledged) {
			local_time(a->acknowledged_at, acked, sizeof acked);
			printf("     raised %s, acknowledged %s\n", raised, acked);
		} else if (a->tier == ML_TIER_WATCH) {
			printf("     raised %s, logged only\n", raised);
		} else {
			printf("     raised %s, not acknowledged\n", raised);
		}
		shown++;
		open += a->open;
	}
	free(items);
	if (shown == 0)
		printf(all ? "No alerts.\n" : unchecked > 0 ?
		    "No unacknowledged alerts, but some values are not checked "
		    "(see above).\n" :
		    "No unacknowledged alerts.\n");
	else if (open > 0)
		printf("\nAcknowledge with 'mendlog ack N' (read), 'mendlog ack "
		    "--seen N' (my\nclinician knows) or 'mendlog ack --all'.\n");
	if (shown > 0)
		printf("mendlog does not replace your clinician.\n");
	return ML_EXIT_OK;
}

static int
run_ack(struct ml_app *app, const struct cli_args *args)
{
	struct alerts_item *items;
	struct ml_error err;
	bool all = cli_args_has(args, "all");
	bool seen = cli_args_has(args, "seen");
	bool error = cli_args_has(args, "error");
	bool emergencies = cli_args_has(args, "emergency");
	enum alert_mark mark = seen ? ALERT_SEEN : error ? ALERT_ERROR :
	    ALERT_READ;
	size_t n, done;
	char **keys, **labels;
	int rc = ML_EXIT_OK, nargs = args->argc;

	if (all == (nargs > 0))
		return cli_usage_error(&cmd_ack, all ? "give numbers or --all, "
		    "not both" : "which alert? give its number or --all");
	if (seen && error)
		return cli_usage_error(&cmd_ack, "--seen or --error, not both");
	if (emergencies && !all)
		return cli_usage_error(&cmd_ack, "--emergency goes with --all");
	if (all && mark != ALERT_READ)
		return cli_usage_error(&cmd_ack, "--seen and --error take alert "
		    "numbers, not --all");
	if (cli_open_store(app) != 0 || cli_load(app, ML_ALERTS) != 0)
		return ML_EXIT_FAIL;
	if (all) {
		struct record_result res;
		struct alert_row *open;
		size_t left = 0;

		rc = record_mark(&app->store, ALERTS_ALL, ALERT_READ, emergencies,
		    &done, &res, &err);
		record_result_free(&res);
		if (rc != 0) {
			cli_print_error(&err);
			return ML_EXIT_FAIL;
		}
		printf("acknowledged %zu alert%s\n", done, done == 1 ? "" : "s");
		n = alerts_open(&app->store, &open);
		for (size_t i = 0; i < n; i++)
			left += open[i].tier == ML_TIER_EMERGENCY;
		free(open);
		/* An emergency is never cleared without its own answer. */
		if (left > 0)
			printf("%zu emergenc%s left: read %s with 'mendlog alerts', "
			    "then 'mendlog ack N' (or --all --emergency)\n", left,
			    left == 1 ? "y" : "ies", left == 1 ? "it" : "them");
		return ML_EXIT_OK;
	}
	n = alerts_list(&app->store, &items);
	keys = xcalloc((size_t)nargs, sizeof *keys);
	labels = xcalloc((size_t)nargs, sizeof *labels);
	/* Check every number before acknowledging any; remember keys, not
	 * rows, since each transaction may reload the file. */
	for (int i = 0; i < nargs && rc == ML_EXIT_OK; i++) {
		const struct alert_row *a;
		char *label;
		long k;

		if (!ml_parse_int(args->argv[i], 1, 1000000000L, &k) ||
		    (size_t)k > n) {
			cli_errorf("ack: no alert number '%s' (see 'mendlog alerts "
			    "--all')", args->argv[i]);
			rc = ML_EXIT_USAGE;
			break;
		}
		a = &items[k - 1].a;
		keys[i] = alert_row_key(a);
		/* From the file: gated once, printed below in either case. */
		label = xasprintf("%s %s %s", a->date, a->severity, a->rule);
		labels[i] = text_safe_dup(label, -1, 0);
		free(label);
	}
	free(items);
	for (int i = 0; i < nargs && rc == ML_EXIT_OK; i++) {
		static const char *const did[] = {
			[ALERT_READ] = "acknowledged",
			[ALERT_SEEN] = "noted that your clinician knows about",
			[ALERT_ERROR] = "marked as entered in error",
		};
		struct record_result res;
		long row = alerts_find(&app->store, keys[i]);

		if (row < 0) {
			cli_errorf("ack: alert %s (%s) is no longer in %s",
			    args->argv[i], labels[i],
			    store_path(&app->store, ML_ALERTS));
			rc = ML_EXIT_FAIL;
			continue;
		}
		if (record_mark(&app->store, (size_t)row, mark, true, &done, &res,
		    &err) != 0) {
			cli_print_error(&err);
			rc = ML_EXIT_FAIL;
		} else if (done) {
			printf("%s alert %s: %s\n", did[mark], args->argv[i],
			    labels[i]);
		} else {
			printf("already %s alert %s: %s\n", mark == ALERT_READ ?
			    "acknowledged" : "done:", args->argv[i], labels[i]);
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
