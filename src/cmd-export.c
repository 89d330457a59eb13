/*
 * cmd-export.c - `mendlog export`: the diary as one CSV for a clinician.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "csvio.h"
#include "export.h"

static int run_export(struct ml_app *, const struct cli_args *);

/* In enum export_kind's order. */
static const char *const kinds[] = { "daily", "exercises", "alerts", "psfs",
    NULL };

static const struct cli_option export_options[] = {
	CLI_RANGE_OPTIONS,
	{ "output", 'o', "FILE", "write FILE atomically (never a diary file)",
	    NULL },
	{ "kind", 0, "K", "what to export; default daily", kinds },
	{ "excel", 0, NULL, "UTF-8 byte order mark and CRLF line ends for Excel",
	    NULL },
	{ "semicolon", 0, NULL, "';' separators and decimal commas", NULL },
	{ NULL, 0, NULL, NULL, NULL }
};

const struct cli_command cmd_export = {
	.name = "export",
	.summary = "one CSV for the physiotherapist (spreadsheet-safe)",
	.usage =
	"usage: mendlog export [--from D] [--to D] [-o FILE]\n"
	"                      [--kind daily|exercises|alerts|psfs] [--excel]\n"
	"                      [--semicolon]\n",
	.about =
	"Write the diary as one CSV to standard output or FILE.\n"
	"  --kind daily      one row per calendar day, empty days included (default)\n"
	"  --kind exercises  one row per exercise slot that was due\n"
	"  --kind alerts     the alert log\n"
	"  --kind psfs       one row per PSFS activity per week, with the week's mean\n"
	"Cells that a spreadsheet could run as a formula get a leading '.\n",
	.options = export_options,
	.exec = run_export,
};

struct export_job {
	const struct ml_store *s;
	const struct ml_config *cfg;
	struct export_opts opts;
};

static int
write_job(FILE *fp, void *ctx, struct ml_error *err)
{
	struct export_job *job = ctx;

	(void)err;
	return export_write(fp, job->s, job->cfg, &job->opts);
}

/* Entries in the window held in memory by the first (and, up to this
 * many, only) pass; a larger window is streamed from the file. */
enum { HOLD_MAX = 65536 };

struct window {
	ml_day lo, hi;
	size_t limit;		/* keep at most this many rows */
	bool sorted;		/* the window's dates came in order */
	ml_day last;
	size_t seen;		/* rows in the window */
};

/* Entry rows the export can use: a date inside the window; and the rows
 * whose date does not parse, which the data notice counts. */
static bool
keep_in_window(void *ctx, const char *const *cells, size_t ncells,
    const int *colmap)
{
	struct window *w = ctx;
	int c = colmap[EC_DATE];
	ml_day d;

	if (c < 0 || (size_t)c >= ncells)
		return false;
	/* A row whose date cannot be read is kept (it never matches a day),
	 * so the notice can count it. */
	if (!ml_date_parse(cells[c], &d))
		return true;
	if (d < w->lo || d > w->hi)
		return false;
	if (w->seen > 0 && d < w->last)
		w->sorted = false;
	w->last = d;
	return w->seen++ < w->limit;
}

/*
 * Read only the entries the export can need: those up to --to (default
 * today) and from --from (when given).  On a large diary that is a small
 * part of entries.csv, held in one pass.  A window of more than HOLD_MAX
 * rows in date order (as mendlog writes them) is not held: the daily
 * export streams it from the file (export_opts.entries_path), so memory
 * stays flat however many rows are written; the rows held from the first
 * pass start with the earliest date, for the default range.  Only a
 * large window out of order (a hand-edited file) is held whole.  Returns
 * ML_EXIT_OK to go on, or the exit status.
 */
static int
load_entries_in_range(struct ml_app *app, const struct cli_range *r,
    struct export_opts *o)
{
	struct window w = { r->have_from ? r->from : INT32_MIN,
	    r->have_to ? r->to : ml_today(), HOLD_MAX, true, 0, 0 };
	struct ml_error err;
	int rc;

	if (cli_open_store(app) != 0)
		return ML_EXIT_FAIL;
	rc = store_load_filtered(&app->store, ML_ENTRIES, keep_in_window, &w,
	    &err);
	if (rc == 0 && w.seen > HOLD_MAX && w.sorted) {
		o->entries_path = store_path(&app->store, ML_ENTRIES);
	} else if (rc == 0 && w.seen > HOLD_MAX) {
		w.limit = SIZE_MAX;
		rc = store_load_filtered(&app->store, ML_ENTRIES, keep_in_window,
		    &w, &err);
	}
	if (rc != 0) {
		cli_print_error(&err);
		return ML_EXIT_FAIL;
	}
	return ML_EXIT_OK;
}

static int
run_export(struct ml_app *app, const struct cli_args *args)
{
	struct export_job job;
	struct cli_range range;
	const char *out = cli_args_get(args, "output");
	int rc;

	memset(&job, 0, sizeof job);
	job.opts.kind = EXPORT_DAILY;
	if (cli_args_has(args, "kind"))
		job.opts.kind = (enum export_kind)cli_args_choice(args, "kind");
	job.opts.excel = cli_args_has(args, "excel");
	job.opts.semicolon = cli_args_has(args, "semicolon");
	if (cli_range_get(args, &range) != 0)
		return ML_EXIT_USAGE;
	if ((rc = load_entries_in_range(app, &range, &job.opts)) != ML_EXIT_OK ||
	    (rc = cli_range_resolve(app, &cmd_export, &range)) != ML_EXIT_OK)
		return rc;
	(void)cli_print_notices_level(app, ml_today(), ML_NOTICE_DATA, stderr);
	job.opts.from = range.from;
	job.opts.to = range.to;
	job.opts.now = ml_now();
	job.s = &app->store;
	job.cfg = &app->cfg;
	if (out == NULL)
		out = "-";
	if (strcmp(out, "-") != 0 &&
	    cli_refuse_diary_file(&app->store, out, "export somewhere else"))
		return ML_EXIT_FAIL;
	return cli_write_output(out, write_job, &job) == 0 ? ML_EXIT_OK :
	    ML_EXIT_FAIL;
}
