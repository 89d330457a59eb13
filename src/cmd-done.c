/*
 * cmd-done.c - `mendlog done ID`: log an exercise slot.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "plan.h"
#include "record.h"

static int run_done(struct cli_ctx *, int, char **);

const struct cli_command cmd_done = {
	"done", "log an exercise: mendlog done pelvic_tilt --pain 3",
	"usage: mendlog done ID [--slot HH:MM] [--status done|partial|skipped]\n"
	"                    [--sets N] [--pain N] [--note TEXT] [--date D]\n"
	"\n"
	"Log exercise ID (see mendlog plan list).  Without --slot, the slot\n"
	"meant is the latest one of today that has come and is not logged yet,\n"
	"or else the next one.  Logging a slot again replaces its log.\n"
	"\n"
	"Options:\n"
	"  --slot HH:MM     the slot of the plan this answers\n"
	"  --status S       done (default), partial or skipped\n"
	"  --sets N         sets done\n"
	"  --pain N         pain during the exercise, 0-10\n"
	"  --note TEXT      a note\n"
	"  --date D         the day (YYYY-MM-DD, today, yesterday); default today\n",
	run_done,
};

static int
run_done(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "slot", required_argument, NULL, 'S' },
		{ "status", required_argument, NULL, 's' },
		{ "sets", required_argument, NULL, 'n' },
		{ "pain", required_argument, NULL, 'p' },
		{ "note", required_argument, NULL, 'm' },
		{ "date", required_argument, NULL, 'D' },
		CLI_COMMON_LONG,
		{ NULL, 0, NULL, 0 }
	};
	struct plan_log log = { .sets_done = -1, .pain_during = -1,
	    .status = "done", .minutes = -1 };
	struct ml_store *s = &ctx->store;
	struct record_result res;
	struct ml_error err;
	struct plan_slot *v;
	time_t now = ml_now();
	char date[ML_DATE_LEN];
	size_t n;
	long val, row;
	bool in_plan = false;
	int c, rc;

	log.day = ml_day_of(now);
	while ((c = getopt_long(argc, argv, CLI_COMMON_SHORT, opts, NULL)) != -1) {
		switch (c) {
		case 'S':
			if (!ml_hhmm_parse(optarg, &log.minutes))
				return cli_usage_error(&cmd_done, "--slot: expected "
				    "HH:MM, not '%s'", optarg);
			break;
		case 's':
			if (strcmp(optarg, "done") != 0 &&
			    strcmp(optarg, "partial") != 0 &&
			    strcmp(optarg, "skipped") != 0)
				return cli_usage_error(&cmd_done, "--status: expected "
				    "done, partial or skipped, not '%s'", optarg);
			log.status = optarg;
			break;
		case 'n':
			if (!ml_parse_int(optarg, 0, 100000, &val))
				return cli_usage_error(&cmd_done, "--sets: expected a "
				    "whole number, not '%s'", optarg);
			log.sets_done = val;
			break;
		case 'p':
			if (!ml_parse_int(optarg, 0, 10, &val))
				return cli_usage_error(&cmd_done, "--pain: expected "
				    "0-10, not '%s'", optarg);
			log.pain_during = (int)val;
			break;
		case 'm':
			log.note = optarg;
			break;
		case 'D':
			if (!cli_parse_day(optarg, &log.day))
				return cli_usage_error(&cmd_done, "--date: invalid "
				    "date '%s'", optarg);
			break;
		default:
			if ((rc = cli_common_option(ctx, &cmd_done, c, optarg)) != -2)
				return rc == -1 ? ML_EXIT_USAGE : rc;
		}
	}
	if (optind != argc - 1)
		return cli_usage_error(&cmd_done, "expected one exercise ID");
	log.exercise_id = argv[optind];
	if (cli_open_store(ctx) != 0 || cli_load(ctx, ML_EXERCISES) != 0 ||
	    cli_load(ctx, ML_EXERCISE_LOG) != 0)
		return ML_EXIT_FAIL;
	if ((row = plan_find(s, log.exercise_id)) < 0) {
		cli_errorf("no exercise '%s' in the plan (see mendlog plan list)",
		    log.exercise_id);
		return ML_EXIT_FAIL;
	}
	if (log.minutes < 0) {
		if (plan_default_slot(s, &ctx->cfg, log.exercise_id, log.day, now,
		    &log.minutes, &err) != 0) {
			cli_print_error(&err);
			return ML_EXIT_FAIL;
		}
	} else {
		/* Only a slot the plan has that day: a typo must not log a
		 * slot nobody will ever see. */
		n = plan_slots(s, &ctx->cfg, log.day, now, &v);
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
			return ML_EXIT_FAIL;
		}
	}
	if (record_exercise(s, &ctx->cfg, &log, &res, &err) != 0) {
		cli_print_error(&err);
		return ML_EXIT_FAIL;
	}
	ml_date_format(log.day, date);
	printf("Logged %s %02d:%02d on %s as %s.\n", log.exercise_id,
	    log.minutes / 60, log.minutes % 60, date, log.status);
	cli_print_recorded(&res);
	record_result_free(&res);
	return ML_EXIT_OK;
}
