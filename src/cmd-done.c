/*
 * cmd-done.c - `mendlog done ID`: log an exercise slot.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "plan.h"
#include "record.h"

static int run_done(struct ml_app *, const struct cli_args *);

static const char *const statuses[] = { "done", "partial", "skipped", NULL };

static const struct cli_option done_options[] = {
	{ "slot", 0, "HH:MM", "the slot of the plan this answers", NULL },
	{ "status", 0, "S", "how it went; default done", statuses },
	{ "sets", 0, "N", "sets done", NULL },
	{ "pain", 0, "N", "pain during the exercise, 0-10", NULL },
	{ "note", 0, "TEXT", "a note (- reads it from standard input)", NULL },
	{ "date", 0, "D", "the day (YYYY-MM-DD, today, yesterday, -3, "
	    "monday); default today, never after it", NULL },
	CLI_FORCE_OPTION,
	{ "quiet", 'q', NULL, "no confirmation line on success", NULL },
	{ NULL, 0, NULL, NULL, NULL }
};

const struct cli_command cmd_done = {
	.name = "done",
	.summary = "log an exercise: mendlog done pelvic_tilt --pain 3",
	.usage =
	"usage: mendlog done ID [--slot HH:MM] [--status done|partial|skipped]\n"
	"                    [--sets N] [--pain N] [--note TEXT] [--date D] [-q]\n",
	.about =
	"Log exercise ID (see mendlog plan list).  Without --slot, the slot\n"
	"meant is the latest one of today that has come and is not logged yet,\n"
	"or else the next one.  Logging a slot again replaces its log.\n"
	"Says in one line what was logged (-q: nothing; the exit status tells).\n",
	.options = done_options,
	.min_args = 1, .max_args = 1,
	.args_error = "expected one exercise ID",
	.exec = run_done,
};

static int
run_done(struct ml_app *app, const struct cli_args *args)
{
	struct plan_log log = { .sets_done = -1, .pain_during = -1,
	    .status = "done", .minutes = -1 };
	struct ml_store *s = &app->store;
	struct record_result res;
	struct ml_error err;
	struct plan_slot *v;
	time_t now = ml_now();
	char date[ML_DATE_LEN];
	size_t n;
	const char *opt;
	long val, row;
	bool in_plan = false;
	char *note_in = NULL;
	int rc = ML_EXIT_FAIL;

	log.day = ml_day_of(now);
	if (cli_args_record_day(args, "date", &log.day) != 0)
		return ML_EXIT_USAGE;
	if ((opt = cli_args_get(args, "slot")) != NULL &&
	    !ml_hhmm_parse(opt, &log.minutes))
		return cli_usage_error(&cmd_done, "--slot: expected HH:MM, not '%s'",
		    opt);
	if ((opt = cli_args_get(args, "status")) != NULL) {
		if (!ml_value_check(ML_T_STATUS, opt, NULL))
			return cli_usage_error(&cmd_done, "--status: expected "
			    "done, partial or skipped, not '%s'", opt);
		log.status = opt;
	}
	if ((opt = cli_args_get(args, "sets")) != NULL) {
		if (!ml_parse_int(opt, 0, 100000, &val))
			return cli_usage_error(&cmd_done, "--sets: expected a whole "
			    "number, not '%s'", opt);
		log.sets_done = val;
	}
	if ((opt = cli_args_get(args, "pain")) != NULL) {
		if (!ml_parse_int(opt, 0, 10, &val))
			return cli_usage_error(&cmd_done, "--pain: expected 0-10, "
			    "not '%s'", opt);
		log.pain_during = (int)val;
	}
	log.note = cli_args_get(args, "note");
	if (log.note != NULL && strcmp(log.note, "-") == 0) {
		/* --note - : from stdin, out of sight of ps. */
		if ((note_in = cli_read_stdin_value("note")) == NULL)
			return ML_EXIT_USAGE;
		log.note = note_in;
	}
	if (log.note != NULL && !ml_value_check(ML_T_TEXT, log.note, NULL)) {
		free(note_in);
		return cli_usage_error(&cmd_done, "--note: not UTF-8 text, or "
		    "holds a control character");
	}
	log.exercise_id = args->argv[0];
	if (cli_open_store(app) != 0 || cli_load(app, ML_EXERCISES) != 0 ||
	    cli_load(app, ML_EXERCISE_LOG) != 0 ||
	    cli_load(app, ML_PLAN_HISTORY) != 0 ||
	    cli_load(app, ML_PLAN_PAUSES) != 0)
		goto out;
	if ((row = plan_find(s, log.exercise_id)) < 0) {
		cli_errorf("no exercise '%s' in the plan (see mendlog plan list)",
		    log.exercise_id);
		goto out;
	}
	if (log.minutes < 0) {
		if (plan_default_slot(s, &app->cfg, log.exercise_id, log.day, now,
		    &log.minutes, &err) != 0) {
			cli_print_error(&err);
			goto out;
		}
	} else {
		/* Only a slot the plan has that day: a typo must not log a
		 * slot nobody will ever see. */
		n = plan_slots(s, &app->cfg, log.day, now, &v);
		for (size_t i = 0; i < n; i++)
			if (v[i].exercise_row == (size_t)row &&
			    v[i].minutes == log.minutes)
				in_plan = true;
		free(v);
		if (!in_plan) {
			ml_date_format(log.day, date);
			const char *times = store_get(s, ML_EXERCISES, (size_t)row,
			    XC_TIMES);

			/* Echo the times only when they are what they should be. */
			if (!ml_value_check(ML_T_TIMES, times, NULL))
				times = "not valid, see mendlog check";
			cli_errorf("'%s' has no %02d:%02d slot on %s (its times: %s)",
			    log.exercise_id, log.minutes / 60, log.minutes % 60,
			    date, *times ? times : "none");
			goto out;
		}
	}
	if (record_exercise(s, &app->cfg, &log, &res, &err) != 0) {
		cli_print_error(&err);
		goto out;
	}
	ml_date_format(log.day, date);
	if (!cli_args_has(args, "quiet"))
		printf("Logged %s %02d:%02d on %s as %s.\n", log.exercise_id,
		    log.minutes / 60, log.minutes % 60, date, log.status);
	cli_print_recorded(&res);
	record_result_free(&res);
	rc = ML_EXIT_OK;
out:
	free(note_in);
	return rc;
}
