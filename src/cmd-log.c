/*
 * cmd-log.c - `mendlog log` (set fields of a day) and `mendlog show`.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "diary.h"
#include "record.h"
#include "text.h"
#include "timeline.h"

static int run_log(struct ml_app *, const struct cli_args *);
static int run_show(struct ml_app *, const struct cli_args *);

static const struct cli_option date_options[] = {
	{ "date", 0, "D", "the day (YYYY-MM-DD, today, yesterday, -3, "
	    "3 days ago, monday); default today", NULL },
	{ NULL, 0, NULL, NULL, NULL }
};

static const struct cli_option log_options[] = {
	{ "date", 0, "D", "the day (YYYY-MM-DD, today, yesterday, -3, "
	    "3 days ago, monday); default today, never after it", NULL },
	CLI_FORCE_OPTION,
	{ "quiet", 'q', NULL, "no confirmation line on success", NULL },
	{ NULL, 0, NULL, NULL, NULL }
};

const struct cli_command cmd_log = {
	.name = "log",
	.summary = "set fields of a day's entry: mendlog log back_pain=4 ...",
	.usage = "usage: mendlog log [-q] [--date D] [--force] FIELD=VALUE...\n",
	.about =
	"Set fields of a day's entry (default today), creating it if needed,\n"
	"and say in one line what was saved (-q: nothing; the exit status\n"
	"tells).  FIELD= (empty) clears a field.  Examples:\n"
	"  mendlog log back_pain=4 leg_weakness=no\n"
	"  mendlog log --date 2026-11-20 notes=\"stiff after the drive\"\n"
	"  mendlog log notes=- <note.txt\n"
	"A text field given as - (notes=-) is read from standard input: other\n"
	"users can see command lines (ps), not what you pipe in.\n"
	"\n"
	"Fields:\n"
	"  back_pain back_pain_worst leg_pain headache mood   0-10\n"
	"  headache_upright numbness tingling leg_weakness\n"
	"  bladder_bowel saddle_numbness site_problem\n"
	"  neck_stiffness headache_neuro chest_breathless\n"
	"  cannot_walk both_legs calf_pain fall\n"
	"  pain_uncontrolled site_leaking                     yes or no\n"
	"  days_no_bowel                                      0-30\n"
	"  temperature_c                                      30.0-45.0\n"
	"  sleep_hours                                        0-24\n"
	"  activity_min                                       0-1440\n"
	"  medication therapies notes                         text\n",
	.options = log_options,
	.min_args = 1, .max_args = -1,
	.args_error = "nothing to log: give FIELD=VALUE",
	.exec = run_log,
};

const struct cli_command cmd_show = {
	.name = "show",
	.summary = "print a day's entry",
	.usage = "usage: mendlog show [--date YYYY-MM-DD]\n",
	.about = "Print a day's entry (default today) as field: value lines.\n",
	.options = date_options,
	.exec = run_show,
};

/* Whether the first @len bytes of @name are a free-text field of a day. */
static bool
is_text_field(const char *name, size_t len)
{
	const struct ml_schema *sc = ml_schema(ML_ENTRIES);
	char *f = xstrndup(name, len);
	int c = ml_schema_col(sc, f);

	free(f);
	return c >= 0 && sc->cols[c].type == ML_T_TEXT;
}

/*
 * "Logged back_pain=4, leg_weakness=no for 2026-11-27 (day 3 after lumbar
 * puncture)." on stdout: the values as saved (normalised), read back from
 * the store, through the output gate.
 */
static void
confirm_log(struct ml_app *app, ml_day day, const struct ml_set *sets,
    size_t n)
{
	const struct ml_schema *sc = ml_schema(ML_ENTRIES);
	struct ml_error err;
	char date[ML_DATE_LEN], label[128] = "";
	long row = diary_find(&app->store, day);

	/* The label needs the procedures; without them the line goes on. */
	if (app_load(app, ML_PROCEDURES, &err) == 0)
		diary_day_label(&app->store, day, label, sizeof label);
	fputs("Logged ", stdout);
	for (size_t i = 0; i < n; i++) {
		int col = ml_schema_col(sc, sets[i].column);
		const char *v = row >= 0 && col >= 0 ?
		    store_get(&app->store, ML_ENTRIES, (size_t)row, (size_t)col) :
		    sets[i].value;

		if (i > 0)
			fputs(", ", stdout);
		text_fputs(sets[i].column, -1, 0, stdout);
		if (*v == '\0') {
			fputs(" (cleared)", stdout);
		} else {
			putchar('=');
			/* A long note is shown by its start. */
			text_fputs(v, 30, TEXT_ELLIPSIS, stdout);
		}
	}
	ml_date_format(day, date);
	printf(" for %s", date);
	if (*label) {
		fputs(" (", stdout);
		text_fputs(label, -1, 0, stdout);
		putchar(')');
	}
	fputs(".\n", stdout);
}

static int
run_log(struct ml_app *app, const struct cli_args *args)
{
	struct ml_error err;
	struct ml_set *sets;
	size_t n = 0;
	ml_day day = ml_today();
	int rc = ML_EXIT_OK;

	if (cli_args_record_day(args, "date", &day) != 0)
		return ML_EXIT_USAGE;
	sets = xcalloc((size_t)args->argc, sizeof *sets);
	/* Check every argument before anything is written. */
	for (int i = 0; i < args->argc; i++) {
		const char *arg = args->argv[i], *eq = strchr(arg, '=');
		char *field, *value, *joined = NULL;
		int prc;

		if (eq != NULL && strcmp(eq, "=-") == 0 && is_text_field(arg,
		    (size_t)(eq - arg))) {
			/* FIELD=- : the value from stdin, out of sight of ps. */
			char *name = xstrndup(arg, (size_t)(eq - arg));
			char *in = cli_read_stdin_value(name);

			if (in == NULL) {
				free(name);
				rc = ML_EXIT_USAGE;
				break;
			}
			joined = xasprintf("%s=%s", name, in);
			free(name);
			free(in);
			arg = joined;
		}
		prc = diary_parse_assignment(arg, &field, &value, &err);
		free(joined);
		if (prc != 0) {
			cli_print_error(&err);
			rc = ML_EXIT_USAGE;
			break;
		}
		sets[n].column = field;
		sets[n++].value = value;
	}
	if (rc == ML_EXIT_OK && cli_open_store(app) != 0)
		rc = ML_EXIT_FAIL;
	if (rc == ML_EXIT_OK) {
		struct record_result res;

		if (record_day(&app->store, &app->cfg, day, sets, n, &res,
		    &err) != 0) {
			cli_print_error(&err);
			rc = ML_EXIT_FAIL;
		} else if (!cli_args_has(args, "quiet")) {
			confirm_log(app, day, sets, n);
		}
		cli_print_recorded(&res);
		record_result_free(&res);
		/* Never silent: a value the rules cannot read is named. */
		(void)cli_print_unchecked(app, ml_today(), stderr);
	}
	for (size_t i = 0; i < n; i++) {
		free((char *)sets[i].column);
		free((char *)sets[i].value);
	}
	free(sets);
	return rc;
}

/* Print a possibly multi-line value from the file through the output
 * gate, indenting continuation lines. */
static void
print_value(const char *v)
{
	for (;;) {
		size_t n = strcspn(v, "\n");
		char *line = xstrndup(v, n > 0 && v[n - 1] == '\r' ? n - 1 : n);

		text_fputs(line, -1, 0, stdout);
		free(line);
		if (v[n] == '\0')
			break;
		fputs("\n    ", stdout);
		v += n + 1;
	}
}

static int
run_show(struct ml_app *app, const struct cli_args *args)
{
	const struct ml_schema *sc = ml_schema(ML_ENTRIES);
	const struct ml_table *t;
	char date[ML_DATE_LEN], label[160];
	const char *why;
	struct ml_timeline tl;
	ml_day day = ml_today();
	long row;

	if (cli_args_day(args, "date", &day) != 0)
		return ML_EXIT_USAGE;
	if (cli_open_store(app) != 0 || cli_load(app, ML_ENTRIES) != 0 ||
	    cli_load(app, ML_PROCEDURES) != 0)
		return ML_EXIT_FAIL;
	/* A row that cannot be read may be this very day: say so first. */
	(void)cli_print_notices_level(app, ml_today(), ML_NOTICE_DATA, stderr);
	/* No procedure: its checks are off, and the reader must know. */
	(void)cli_print_notices_level(app, ml_today(), ML_NOTICE_SAFETY,
	    stderr);
	ml_date_format(day, date);
	/* The top line's wording, with the config's windows. */
	timeline_build(&tl, &app->store, &app->cfg);
	timeline_label(&tl, day, label, sizeof label);
	timeline_free(&tl);
	row = diary_find(&app->store, day);
	if (row < 0) {
		cli_errorf("no entry for %s%s%s%s", date, *label ? " (" : "", label,
		    *label ? ")" : "");
		return ML_EXIT_FAIL;
	}
	t = store_table(&app->store, ML_ENTRIES);
	/* Every column of the file in its order, unknown ones included. */
	for (size_t i = 0; i < t->ncols; i++) {
		const char *name = t->header[i];
		const char *v = ml_row_get(&t->rows[row], i);
		int c = ml_schema_col(sc, name);

		text_fputs(name, -1, 0, stdout);
		fputs(": ", stdout);
		print_value(v);
		if (c == EC_DATE && *label) {
			fputs(" (", stdout);
			text_fputs(label, -1, 0, stdout);
			putchar(')');
		}
		if (c >= 0 && !ml_value_check(sc->cols[c].type, v, &why))
			printf("  [invalid: expected %s]", why);
		putchar('\n');
	}
	return ML_EXIT_OK;
}
