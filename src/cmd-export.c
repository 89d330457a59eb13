/*
 * cmd-export.c - `mendlog export`: the diary as one CSV for a clinician.
 */
#include <errno.h>
#include <getopt.h>
#include <libgen.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "csvio.h"
#include "export.h"

static int run_export(struct cli_ctx *, int, char **);

const struct cli_command cmd_export = {
	"export", "one CSV for the physiotherapist (spreadsheet-safe)",
	"usage: mendlog export [--from D] [--to D] [-o FILE]\n"
	"                      [--kind daily|exercises|alerts] [--excel] [--semicolon]\n"
	"\n"
	"Write the diary as one CSV to standard output or FILE.\n"
	"  --kind daily      one row per calendar day, empty days included (default)\n"
	"  --kind exercises  one row per exercise slot that was due\n"
	"  --kind alerts     the alert log\n"
	"  --from, --to D    the range (default: first recorded day to today)\n"
	"  -o FILE           write FILE atomically (never a diary file)\n"
	"  --excel           UTF-8 byte order mark and CRLF line ends for Excel\n"
	"  --semicolon       ';' separators and decimal commas\n"
	"Cells that a spreadsheet could run as a formula get a leading '.\n",
	run_export,
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

/* True when @target names one of the diary's own files (or their backups
 * or the lock): an export must never replace the records it reads. */
static bool
is_diary_file(const struct ml_store *s, const char *target)
{
	char *copy1 = xstrdup(target), *copy2 = xstrdup(target);
	char dir[PATH_MAX], data[PATH_MAX];
	const char *base = basename(copy2);
	bool hit = false;

	if (realpath(dirname(copy1), dir) != NULL &&
	    realpath(s->dir, data) != NULL && strcmp(dir, data) == 0) {
		if (strcmp(base, ".lock") == 0)
			hit = true;
		for (int f = 0; f < ML_NFILES && !hit; f++) {
			const char *name = ml_schema((enum ml_file)f)->filename;
			size_t n = strlen(name);

			if (strncmp(base, name, n) == 0 && (base[n] == '\0' ||
			    strcmp(base + n, ".bak") == 0))
				hit = true;
		}
	}
	free(copy1);
	free(copy2);
	return hit;
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

/* Entry rows the export can use: a date inside the window.  A row whose
 * date does not parse never matches a day, so it is not needed either. */
static bool
keep_in_window(void *ctx, const char *const *cells, size_t ncells,
    const int *colmap)
{
	struct window *w = ctx;
	int c = colmap[EC_DATE];
	ml_day d;

	if (c < 0 || (size_t)c >= ncells || !ml_date_parse(cells[c], &d) ||
	    d < w->lo || d > w->hi)
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
 * -1 to go on, or an exit status.
 */
static int
load_entries_in_range(struct cli_ctx *ctx, const struct cli_range *r,
    struct export_opts *o)
{
	struct window w = { r->have_from ? r->from : INT32_MIN,
	    r->have_to ? r->to : ml_today(), HOLD_MAX, true, 0, 0 };
	struct ml_error err;
	int rc;

	if (cli_open_store(ctx) != 0)
		return ML_EXIT_FAIL;
	rc = store_load_filtered(&ctx->store, ML_ENTRIES, keep_in_window, &w,
	    &err);
	if (rc == 0 && w.seen > HOLD_MAX && w.sorted) {
		o->entries_path = store_path(&ctx->store, ML_ENTRIES);
	} else if (rc == 0 && w.seen > HOLD_MAX) {
		w.limit = SIZE_MAX;
		rc = store_load_filtered(&ctx->store, ML_ENTRIES, keep_in_window,
		    &w, &err);
	}
	if (rc != 0) {
		cli_print_error(&err);
		return ML_EXIT_FAIL;
	}
	return -1;
}

static int
run_export(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		CLI_RANGE_LONG,
		{ "output", required_argument, NULL, 'o' },
		{ "kind", required_argument, NULL, 'k' },
		{ "excel", no_argument, NULL, 'x' },
		{ "semicolon", no_argument, NULL, 's' },
		CLI_COMMON_LONG,
		{ NULL, 0, NULL, 0 }
	};
	struct export_job job;
	struct ml_error err;
	struct cli_range range = { 0 };
	const char *out = NULL;
	int c, rc;

	memset(&job, 0, sizeof job);
	job.opts.kind = EXPORT_DAILY;
	while ((c = getopt_long(argc, argv, CLI_COMMON_SHORT "o:", opts,
	    NULL)) != -1) {
		if ((rc = cli_range_option(&cmd_export, &range, c, optarg)) != -1) {
			if (rc != -2)
				return rc;
			continue;
		}
		switch (c) {
		case 'o': out = optarg; break;
		case 'x': job.opts.excel = true; break;
		case 's': job.opts.semicolon = true; break;
		case 'k':
			if (strcmp(optarg, "daily") == 0)
				job.opts.kind = EXPORT_DAILY;
			else if (strcmp(optarg, "exercises") == 0)
				job.opts.kind = EXPORT_EXERCISES;
			else if (strcmp(optarg, "alerts") == 0)
				job.opts.kind = EXPORT_ALERTS;
			else
				return cli_usage_error(&cmd_export, "--kind: expected "
				    "daily, exercises or alerts, not '%s'", optarg);
			break;
		default:
			if ((rc = cli_common_option(ctx, &cmd_export, c, optarg)) != -2)
				return rc == -1 ? ML_EXIT_USAGE : rc;
		}
	}
	if (optind < argc)
		return cli_usage_error(&cmd_export, "unexpected argument '%s'",
		    argv[optind]);
	if ((rc = load_entries_in_range(ctx, &range, &job.opts)) != -1 ||
	    (rc = cli_range_resolve(ctx, &cmd_export, &range)) != -1)
		return rc;
	job.opts.from = range.from;
	job.opts.to = range.to;
	job.opts.now = ml_now();
	job.s = &ctx->store;
	job.cfg = &ctx->cfg;
	if (out == NULL || strcmp(out, "-") == 0) {
		if (export_write(stdout, job.s, job.cfg, &job.opts) != 0 ||
		    fflush(stdout) != 0) {
			cli_errorf("standard output: %s", strerror(errno));
			return ML_EXIT_FAIL;
		}
		return ML_EXIT_OK;
	}
	if (is_diary_file(&ctx->store, out)) {
		cli_errorf("%s: refusing to overwrite the diary's own file; "
		    "export somewhere else", out);
		return ML_EXIT_FAIL;
	}
	if (csvio_save_atomic(out, write_job, &job, false, &err) != 0) {
		cli_print_error(&err);
		return ML_EXIT_FAIL;
	}
	return ML_EXIT_OK;
}
