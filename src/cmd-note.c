/*
 * cmd-note.c - `mendlog note`: write a day's notes in the user's editor.
 *
 * The editing is note-edit.c's (the screen's E key uses the same); the
 * save is diary_set(), the transaction `mendlog log notes=...` uses, so a
 * note never travels on a command line where `ps` would show it.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "diary.h"
#include "note-edit.h"

static int run_note(struct cli_ctx *, int, char **);

const struct cli_command cmd_note = {
	"note", "write a day's notes in your editor ($VISUAL, $EDITOR)",
	"usage: mendlog note [--date YYYY-MM-DD]\n"
	"\n"
	"Open the day's notes (default today) in $VISUAL, else $EDITOR, else\n"
	"vi, and save them when the editor exits with status 0.  Quit the\n"
	"editor with an error (in vi, :cq) to leave the notes unchanged.\n"
	"Trailing empty lines are dropped; the other line breaks are kept.\n"
	"\n"
	"Options:\n"
	"  --date D   the day (YYYY-MM-DD, today, yesterday); default today\n"
	"  -d DIR, -c FILE, -h   as for mendlog\n",
	run_note,
};

static int
run_note(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "date", required_argument, NULL, 'D' },
		CLI_COMMON_LONG,
		{ NULL, 0, NULL, 0 }
	};
	char date[ML_DATE_LEN], label[32];
	struct ml_error err;
	struct ml_set set;
	char *was, *now;
	ml_day day = ml_today();
	int c, rc;

	while ((c = getopt_long(argc, argv, CLI_COMMON_SHORT, opts, NULL)) != -1) {
		if (c == 'D') {
			if (!cli_parse_day(optarg, &day))
				return cli_usage_error(&cmd_note, "--date: invalid "
				    "date '%s': expected YYYY-MM-DD", optarg);
			continue;
		}
		if ((rc = cli_common_option(ctx, &cmd_note, c, optarg)) != -2)
			return rc == -1 ? cli_usage_error(&cmd_note, "bad option") : rc;
	}
	if (optind < argc)
		return cli_usage_error(&cmd_note, "unexpected argument '%s'",
		    argv[optind]);
	if (cli_open_store(ctx) != 0 || cli_load(ctx, ML_ENTRIES) != 0)
		return ML_EXIT_FAIL;
	ml_date_format(day, date);
	snprintf(label, sizeof label, "notes-%s", date);
	/* A copy: the editor may run for an hour, and diary_set reloads. */
	was = xstrdup(diary_text(&ctx->store, diary_find(&ctx->store, day),
	    EC_NOTES));
	switch (note_edit(ctx->data_dir, label, was, &now, &err)) {
	case NOTE_EDIT_CHANGED:
		set.column = "notes";
		set.value = now;
		rc = ML_EXIT_OK;
		/* Checked (UTF-8, no control bytes) and saved in one
		 * transaction; only the notes column changes. */
		if (diary_set(&ctx->store, day, &set, 1, &err) != 0) {
			cli_print_error(&err);
			rc = ML_EXIT_FAIL;
		} else {
			printf("notes of %s saved\n", date);
		}
		free(now);
		break;
	case NOTE_EDIT_UNCHANGED:
		printf("notes of %s unchanged\n", date);
		rc = ML_EXIT_OK;
		break;
	default:
		cli_print_error(&err);
		rc = ML_EXIT_FAIL;
		break;
	}
	free(was);
	return rc;
}
