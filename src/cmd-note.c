/*
 * cmd-note.c - `mendlog note`: write a day's notes in the user's editor.
 *
 * The editing is note-edit.c's (the screen's E key uses the same); the
 * save is diary_set(), the transaction `mendlog log notes=...` uses, so a
 * note never travels on a command line where `ps` would show it.
 */
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "diary.h"
#include "note-edit.h"

static int run_note(struct ml_app *, const struct cli_args *);

static const struct cli_option note_options[] = {
	{ "date", 0, "D", "the day (YYYY-MM-DD, today, yesterday); default today",
	    NULL },
	{ NULL, 0, NULL, NULL, NULL }
};

const struct cli_command cmd_note = {
	.name = "note",
	.summary = "write a day's notes in your editor ($VISUAL, $EDITOR)",
	.usage = "usage: mendlog note [--date YYYY-MM-DD]\n",
	.about =
	"Open the day's notes (default today) in $VISUAL, else $EDITOR, else\n"
	"vi, and save them when the editor exits with status 0.  Quit the\n"
	"editor with an error (in vi, :cq) to leave the notes unchanged.\n"
	"Trailing empty lines are dropped; the other line breaks are kept.\n",
	.options = note_options,
	.exec = run_note,
};

static int
run_note(struct ml_app *app, const struct cli_args *args)
{
	char date[ML_DATE_LEN], label[32];
	struct ml_error err;
	struct ml_set set;
	char *was, *now;
	ml_day day = ml_today();
	int rc;

	if (cli_args_day(args, "date", &day) != 0)
		return ML_EXIT_USAGE;
	if (cli_open_store(app) != 0 || cli_load(app, ML_ENTRIES) != 0)
		return ML_EXIT_FAIL;
	/* The note's temporary file is written in the diary's directory:
	 * make it fit for that first (created 0700, a shared one refused). */
	if (store_prepare_dir(&app->store, &err) != 0) {
		cli_print_error(&err);
		return ML_EXIT_FAIL;
	}
	ml_date_format(day, date);
	snprintf(label, sizeof label, "notes-%s", date);
	/* A copy: the editor may run for an hour, and diary_set reloads. */
	was = xstrdup(diary_text(&app->store, diary_find(&app->store, day),
	    EC_NOTES));
	switch (note_edit(app->data_dir, label, was, &now, &err)) {
	case NOTE_EDIT_CHANGED:
		set.column = "notes";
		set.value = now;
		rc = ML_EXIT_OK;
		/* Checked (UTF-8, no control bytes) and saved in one
		 * transaction; only the notes column changes. */
		if (diary_set(&app->store, day, &set, 1, &err) != 0) {
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
