/*
 * test-state.c - the reminders' state file: a snooze survives a reload,
 * printed keys are remembered once and forgotten after their day, the file
 * is private and a damaged one is an empty state.
 */
#include "testutil.h"

#include <sys/stat.h>

#include "state.h"

static void
test_missing_file_is_empty(void **state)
{
	char *dir = tu_tempdir();
	struct ml_state st;
	struct ml_error err;

	(void)state;
	assert_int_equal(state_load(&st, dir, &err), 0);
	assert_int_equal(st.snooze_until, 0);
	assert_int_equal(st.nprinted, 0);
	assert_false(state_snoozed(&st, 1000));
	state_free(&st);
	tu_rmrf(dir);
	free(dir);
}

static void
test_snooze_round_trip(void **state)
{
	char *dir = tu_tempdir();
	char *path = xasprintf("%s/%s", dir, ML_STATE_FILE);
	time_t until = ml_local_time(ml_date_from_ymd(2026, 11, 27), 8 * 60 + 15);
	struct ml_state st;
	struct ml_error err;
	struct stat sb;

	(void)state;
	assert_int_equal(state_set_snooze(dir, until, &err), 0);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_int_equal(state_load(&st, dir, &err), 0);
	assert_int_equal(st.snooze_until, until);
	assert_true(state_snoozed(&st, until - 60));
	assert_false(state_snoozed(&st, until));
	state_free(&st);
	/* Clearing it. */
	assert_int_equal(state_set_snooze(dir, 0, &err), 0);
	assert_int_equal(state_load(&st, dir, &err), 0);
	assert_false(state_snoozed(&st, until - 60));
	state_free(&st);
	tu_rmrf(dir);
	free(path);
	free(dir);
}

static void
test_printed_keys(void **state)
{
	char *dir = tu_tempdir();
	ml_day today = ml_date_from_ymd(2026, 11, 27);
	struct ml_state st;
	struct ml_error err;

	(void)state;
	state_init(&st);
	state_mark_printed(&st, "2026-11-26 08:00 walk");
	state_mark_printed(&st, "2026-11-27 08:00 walk");
	state_mark_printed(&st, "2026-11-27 08:00 walk");
	state_mark_printed(&st, "2026-11-27 alert fever urgent");
	assert_int_equal(st.nprinted, 3);
	assert_int_equal(state_save(&st, dir, today, &err), 0);
	state_free(&st);
	assert_int_equal(state_load(&st, dir, &err), 0);
	/* Yesterday's key was left out; today's kept, each once. */
	assert_int_equal(st.nprinted, 2);
	assert_false(state_printed(&st, "2026-11-26 08:00 walk"));
	assert_true(state_printed(&st, "2026-11-27 08:00 walk"));
	assert_true(state_printed(&st, "2026-11-27 alert fever urgent"));
	assert_false(state_printed(&st, "2026-11-27 18:00 walk"));
	state_free(&st);
	tu_rmrf(dir);
	free(dir);
}

static void
test_damaged_file(void **state)
{
	char *dir = tu_tempdir();
	char *path = xasprintf("%s/%s", dir, ML_STATE_FILE);
	struct ml_state st;
	struct ml_error err;

	(void)state;
	/* Unknown and unreadable rows are dropped, good ones kept. */
	tu_write_str(path, "key,value\nsnooze_until,soon\nprinted,yesterday\n"
	    "printed,2026-11-27 08:00 walk\nfuture_key,1\n");
	assert_int_equal(state_load(&st, dir, &err), 0);
	assert_int_equal(st.snooze_until, 0);
	assert_int_equal(st.nprinted, 1);
	state_free(&st);
	/* A file that is not CSV at all is an empty state. */
	tu_write_str(path, "key,value\n\"never closed\n");
	assert_int_equal(state_load(&st, dir, &err), 0);
	assert_int_equal(st.nprinted, 0);
	state_free(&st);
	tu_rmrf(dir);
	free(path);
	free(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_missing_file_is_empty),
		cmocka_unit_test(test_snooze_round_trip),
		cmocka_unit_test(test_printed_keys),
		cmocka_unit_test(test_damaged_file),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
