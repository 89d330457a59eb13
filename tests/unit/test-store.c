/*
 * test-store.c - the store's promises: unknown columns kept in place,
 * invalid values kept and reported, unparseable files never written,
 * changes from another process merged, permissions, locking.
 */
#include "diaryfix.h"

#include <fcntl.h>
#include <sys/file.h>

#include "diary.h"
#include "store.h"

static char *
entries_path(struct fx *f)
{
	return xasprintf("%s/entries.csv", f->dir);
}

static void
set_one(struct ml_store *s, const char *date, const char *col, const char *val)
{
	struct ml_set set = { col, val };
	struct ml_error err;
	ml_day day;

	assert_true(ml_date_parse(date, &day));
	if (diary_set(s, day, &set, 1, &err) != 0)
		fail_msg("diary_set: %s", err.msg);
}

static void
test_unknown_columns_kept_in_place(void **state)
{
	struct fx *f = *state;
	char *path = entries_path(f);
	char *after;

	tu_write_str(path, "date,weight_kg,back_pain,notes,updated_at\n"
	    "2026-11-01,80.5,3,hello,\n");
	set_one(&f->s, "2026-11-01", "back_pain", "4");
	set_one(&f->s, "2026-11-02", "notes", "new day");
	after = tu_read(path, NULL);
	/* The user's column stays second, its value untouched. */
	assert_non_null(strstr(after, "date,weight_kg,back_pain,notes,updated_at"));
	assert_non_null(strstr(after, "\n2026-11-01,80.5,4,hello,20"));
	assert_non_null(strstr(after, "\n2026-11-02,,,new day,20"));
	free(after);
	free(path);
}

struct problems {
	int n;
	struct ml_error last[8];
};

static void
collect(void *ctx, const struct ml_error *e)
{
	struct problems *p = ctx;

	if (p->n < 8)
		p->last[p->n] = *e;
	p->n++;
}

static void
test_invalid_values_kept_and_reported(void **state)
{
	struct fx *f = *state;
	char *path = entries_path(f);
	struct problems p = { 0 };
	struct ml_error err;
	char *after;

	tu_write_str(path, "date,back_pain,leg_pain,temperature_c\n"
	    "2026-11-01,7/10,2,38,5\n");
	assert_int_equal(store_load(&f->s, ML_ENTRIES, NULL, &err), 0);
	assert_int_equal(store_validate(&f->s, ML_ENTRIES, collect, &p), 2);
	/* "7/10" is invalid; "38,5" became two fields: a ragged row. */
	assert_int_equal(p.last[0].line, 2);
	assert_non_null(strstr(p.last[0].msg, "5 fields"));
	assert_string_equal(p.last[1].field, "back_pain");
	assert_non_null(strstr(p.last[1].msg, "7/10"));
	assert_true(store_value_invalid(&f->s, ML_ENTRIES, 0, EC_BACK_PAIN));
	assert_int_equal(diary_score(&f->s, 0, EC_BACK_PAIN), -1);
	/* Saving another field keeps the invalid value as written, and the
	 * new updated_at column goes after the stray fifth value. */
	set_one(&f->s, "2026-11-01", "leg_pain", "5");
	after = tu_read(path, NULL);
	assert_non_null(strstr(after, "date,back_pain,leg_pain,temperature_c,,updated_at\n"));
	assert_non_null(strstr(after, "\n2026-11-01,7/10,5,38,5,20"));
	free(after);
	free(path);
}

static void
test_unparseable_file_never_written(void **state)
{
	struct fx *f = *state;
	char *path = entries_path(f);
	const char *bad = "date,notes\n2026-11-01,\"unterminated\n";
	struct ml_set set = { "notes", "x" };
	struct ml_error err;
	char *after;
	size_t len;

	tu_write(path, bad, strlen(bad));
	assert_int_equal(diary_set(&f->s, 20000, &set, 1, &err), -1);
	assert_string_equal(err.file, path);
	assert_int_equal(err.line, 2);
	after = tu_read(path, &len);
	assert_int_equal(len, strlen(bad));
	assert_memory_equal(after, bad, len);
	free(after);
	assert_int_equal(tu_count_entries(f->dir, ".tmp."), 0);
	assert_int_equal(tu_count_entries(f->dir, ".bak"), 0);
	free(path);
}

static void
test_two_processes_merge(void **state)
{
	struct fx *f = *state;
	struct ml_store other;
	struct ml_error err;
	char *path = entries_path(f), *after;

	assert_int_equal(store_open(&other, f->dir, &err), 0);
	set_one(&f->s, "2026-11-01", "back_pain", "2");
	assert_int_equal(store_load(&other, ML_ENTRIES, NULL, &err), 0);
	/* Both now hold the file; each changes a different field and day. */
	set_one(&other, "2026-11-01", "mood", "7");
	set_one(&f->s, "2026-11-01", "leg_pain", "1");
	set_one(&other, "2026-11-02", "back_pain", "5");
	set_one(&f->s, "2026-11-03", "back_pain", "6");
	assert_int_equal(store_load(&f->s, ML_ENTRIES, NULL, &err), 0);
	assert_int_equal(store_nrows(&f->s, ML_ENTRIES), 3);
	assert_int_equal(diary_score(&f->s, 0, EC_BACK_PAIN), 2);
	assert_int_equal(diary_score(&f->s, 0, EC_MOOD), 7);
	assert_int_equal(diary_score(&f->s, 0, EC_LEG_PAIN), 1);
	assert_int_equal(diary_score(&f->s, 1, EC_BACK_PAIN), 5);
	assert_int_equal(diary_score(&f->s, 2, EC_BACK_PAIN), 6);
	after = tu_read(path, NULL);
	/* Rows stay in date order. */
	assert_true(strstr(after, "2026-11-01") < strstr(after, "2026-11-02"));
	assert_true(strstr(after, "2026-11-02") < strstr(after, "2026-11-03"));
	free(after);
	store_close(&other);
	free(path);
}

static void
test_permissions_under_umask_000(void **state)
{
	struct fx *f = *state;
	char *sub = xasprintf("%s/a/b/data", f->dir);
	char *file = xasprintf("%s/entries.csv", sub);
	struct ml_store s2;
	struct ml_error err;
	struct stat st;
	mode_t old = umask(0);

	assert_int_equal(store_open(&s2, sub, &err), 0);
	set_one(&s2, "2026-11-01", "back_pain", "1");
	set_one(&s2, "2026-11-01", "back_pain", "2");
	assert_int_equal(stat(sub, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0700);
	assert_int_equal(stat(file, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	free(file);
	file = xasprintf("%s/entries.csv.bak", sub);
	assert_int_equal(stat(file, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	free(file);
	file = xasprintf("%s/.lock", sub);
	assert_int_equal(stat(file, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	umask(old);
	store_close(&s2);
	free(file);
	free(sub);
}

static void
test_existing_loose_directory_tightened(void **state)
{
	struct fx *f = *state;
	char *sub = xasprintf("%s/loose", f->dir);
	struct ml_store s2;
	struct ml_error err;
	struct stat st;

	assert_int_equal(mkdir(sub, 0755), 0);
	assert_int_equal(chmod(sub, 0755), 0);
	assert_int_equal(store_open(&s2, sub, &err), 0);
	assert_int_equal(stat(sub, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0700);
	store_close(&s2);
	free(sub);
}

/* A shared directory is refused, its mode untouched; opening to read
 * changes nothing, not even a directory of one's own. */
static void
test_shared_directory_refused(void **state)
{
	static const mode_t modes[] = { 01777, 0777, 02775, 01700 };
	struct fx *f = *state;
	struct ml_store s2;
	struct ml_error err;
	struct stat st;

	for (size_t i = 0; i < ML_NELEM(modes); i++) {
		char *sub = xasprintf("%s/shared%zu", f->dir, i);

		assert_int_equal(mkdir(sub, 0700), 0);
		assert_int_equal(chmod(sub, modes[i]), 0);
		assert_int_equal(store_open(&s2, sub, &err), -1);
		assert_non_null(strstr(err.msg, "refusing"));
		assert_int_equal(stat(sub, &st), 0);
		assert_int_equal(st.st_mode & 07777, modes[i]);
		assert_int_equal(store_open_read(&s2, sub, &err), 0);
		assert_int_equal(store_load(&s2, ML_ENTRIES, NULL, &err), 0);
		store_close(&s2);
		assert_int_equal(stat(sub, &st), 0);
		assert_int_equal(st.st_mode & 07777, modes[i]);
		free(sub);
	}
	{
		char *sub = xasprintf("%s/mine", f->dir);
		char *missing = xasprintf("%s/missing", f->dir);

		assert_int_equal(mkdir(sub, 0755), 0);
		assert_int_equal(chmod(sub, 0755), 0);
		assert_int_equal(store_open_read(&s2, sub, &err), 0);
		store_close(&s2);
		assert_int_equal(stat(sub, &st), 0);
		assert_int_equal(st.st_mode & 07777, 0755);
		assert_int_equal(store_open_read(&s2, missing, &err), 0);
		assert_int_equal(store_load(&s2, ML_ENTRIES, NULL, &err), 0);
		store_close(&s2);
		assert_int_equal(stat(missing, &st), -1);
		free(missing);
		free(sub);
	}
}

static void
test_not_a_directory(void **state)
{
	struct fx *f = *state;
	char *file = xasprintf("%s/plainfile", f->dir);
	struct ml_store s2;
	struct ml_error err;

	tu_write_str(file, "x");
	assert_int_equal(store_open(&s2, file, &err), -1);
	assert_non_null(strstr(err.msg, "not a directory"));
	free(file);
}

static void
test_lock_timeout(void **state)
{
	struct fx *f = *state;
	char *lock = xasprintf("%s/.lock", f->dir);
	struct ml_set set = { "mood", "3" };
	struct ml_error err;
	int fd;

	fd = open(lock, O_RDWR | O_CREAT, 0600);
	assert_true(fd >= 0);
	/* flock locks belong to the open file description: a second open()
	 * in this process contends like another process would. */
	assert_int_equal(flock(fd, LOCK_EX), 0);
	f->s.lock_timeout_ms = 50;
	assert_int_equal(diary_set(&f->s, 20000, &set, 1, &err), -1);
	assert_non_null(strstr(err.msg, "locked"));
	flock(fd, LOCK_UN);
	assert_int_equal(diary_set(&f->s, 20000, &set, 1, &err), 0);
	close(fd);
	free(lock);
}

static void
test_stale_temp_removed_and_backup_kept(void **state)
{
	struct fx *f = *state;
	char *stale = xasprintf("%s/entries.csv.tmp.AbC123", f->dir);
	char *bak = xasprintf("%s/entries.csv.bak", f->dir);
	char *s;

	tu_write_str(stale, "half");
	free(stale);
	/* Another file's leftover goes too (a killed save of alerts.csv);
	 * an export's temp in the directory is not the store's to remove. */
	stale = xasprintf("%s/alerts.csv.tmp.Zz9", f->dir);
	tu_write_str(stale, "half");
	free(stale);
	stale = xasprintf("%s/my-export.csv.tmp.Q1", f->dir);
	tu_write_str(stale, "partial export");
	set_one(&f->s, "2026-11-01", "mood", "3");
	assert_int_equal(tu_count_entries(f->dir, ".tmp."), 1);
	assert_int_equal(tu_count_entries(f->dir, "my-export.csv.tmp."), 1);
	unlink(stale);
	set_one(&f->s, "2026-11-01", "mood", "4");
	s = tu_read(bak, NULL);
	assert_non_null(s);
	assert_non_null(strstr(s, "2026-11-01,,,,,,,,,,,,,,,,,3,"));
	free(s);
	free(bak);
	free(stale);
}

static void
test_upsert_rejects_bad_values_before_writing(void **state)
{
	struct fx *f = *state;
	struct ml_set sets[] = { { "mood", "5" }, { "back_pain", "11" } };
	struct ml_error err;
	char *path = entries_path(f);
	const char *key[] = { "2026-11-01" };

	assert_int_equal(store_upsert(&f->s, ML_ENTRIES, key, sets, 2, &err), -1);
	assert_string_equal(err.field, "back_pain");
	assert_null(tu_read(path, NULL));	/* nothing was written */
	free(path);
}

static void
test_duplicate_keys_and_missing_required_column(void **state)
{
	struct fx *f = *state;
	char *path = entries_path(f);
	struct problems p = { 0 };
	struct ml_error err;

	tu_write_str(path, "back_pain,notes\n3,a\n");
	assert_int_equal(store_load(&f->s, ML_ENTRIES, NULL, &err), 0);
	assert_int_equal(store_validate(&f->s, ML_ENTRIES, collect, &p), 1);
	assert_string_equal(p.last[0].field, "date");
	tu_write_str(path, "date\n2026-11-01\n2026-11-02\n2026-11-01\n");
	p.n = 0;
	assert_int_equal(store_load(&f->s, ML_ENTRIES, NULL, &err), 0);
	assert_int_equal(store_validate(&f->s, ML_ENTRIES, collect, &p), 1);
	assert_int_equal(p.last[0].line, 4);
	assert_non_null(strstr(p.last[0].msg, "line 2"));
	free(path);
}

/* A window holds only recent rows, yet every save applies to the whole,
 * fresh file, and widening it brings older rows back. */
static void
test_window_reads_recent_rows_saves_whole_file(void **state)
{
	struct fx *f = *state;
	char *path = xasprintf("%s/exercise_log.csv", f->dir);
	const char *key[] = { "2026-11-21", "08:00", "walk" };
	struct ml_set set = { "status", "done" };
	struct ml_error err;
	ml_day from;
	char *text;

	tu_write_str(path, "date,slot,exercise_id,status,logged_at,sets_done,"
	    "pain_during,note\n"
	    "2020-01-01,08:00,walk,done,,,,\"old, two\nlines\"\n"
	    "2026-11-01,08:00,walk,done,,,,\n"
	    ",08:00,walk,done,,,,no date\n"
	    "2026-11-20,08:00,walk,skipped,,,,recent\n");
	assert_true(ml_date_parse("2026-11-10", &from));
	store_window(&f->s, ML_EXERCISE_LOG, LC_DATE, from);
	assert_int_equal(store_load(&f->s, ML_EXERCISE_LOG, NULL, &err), 0);
	assert_int_equal(store_nrows(&f->s, ML_EXERCISE_LOG), 1);
	assert_string_equal(store_get(&f->s, ML_EXERCISE_LOG, 0, LC_NOTE), "recent");
	/* Lines are still counted through the rows left out. */
	assert_int_equal(store_table(&f->s, ML_EXERCISE_LOG)->rows[0].line, 6);

	assert_int_equal(store_upsert(&f->s, ML_EXERCISE_LOG, key, &set, 1,
	    &err), 0);
	text = tu_read(path, NULL);
	assert_non_null(strstr(text, "\"old, two\nlines\""));
	assert_non_null(strstr(text, "2026-11-01,08:00"));
	assert_non_null(strstr(text, "no date"));
	assert_non_null(strstr(text, "2026-11-21,08:00,walk,done"));
	free(text);
	/* After the save, the window again. */
	assert_int_equal(store_nrows(&f->s, ML_EXERCISE_LOG), 2);

	/* A narrower window changes nothing; a wider one rereads. */
	assert_true(ml_date_parse("2026-11-20", &from));
	store_window(&f->s, ML_EXERCISE_LOG, LC_DATE, from);
	assert_int_equal(store_load(&f->s, ML_EXERCISE_LOG, NULL, &err), 0);
	assert_int_equal(store_nrows(&f->s, ML_EXERCISE_LOG), 2);
	assert_true(ml_date_parse("2019-01-01", &from));
	store_window(&f->s, ML_EXERCISE_LOG, LC_DATE, from);
	assert_int_equal(store_load(&f->s, ML_EXERCISE_LOG, NULL, &err), 0);
	assert_int_equal(store_nrows(&f->s, ML_EXERCISE_LOG), 4);
	free(path);
}

/* Row of the first entry dated @date by a plain walk of the table: what
 * the key index must answer. */
static long
find_by_walk(const struct ml_store *s, const char *date)
{
	for (size_t r = 0; r < store_nrows(s, ML_ENTRIES); r++)
		if (strcmp(store_get(s, ML_ENTRIES, r, EC_DATE), date) == 0)
			return (long)r;
	return -1;
}

/*
 * The key index: on a hand-edited file out of order with a repeated date,
 * store_find gives the first row of a key and store_key_range the rows of
 * a date range in key order; a save that adds a row keeps the index right
 * (the same answers as a fresh load and as a walk of the table).
 */
static void
test_key_index_finds_first_row_in_any_order(void **state)
{
	static const char *const dates[] = { "2026-11-01", "2026-11-02",
	    "2026-11-03", "2026-11-05", "2026-11-04", "bad", "" };
	struct fx *f = *state;
	char *path = entries_path(f);
	struct ml_store fresh;
	struct ml_error err;
	const size_t *rows;

	tu_write_str(path, "date,back_pain\n2026-11-05,5\n2026-11-01,1\n"
	    "2026-11-03,3\n2026-11-01,9\nbad,7\n");
	assert_int_equal(store_load(&f->s, ML_ENTRIES, NULL, &err), 0);
	assert_int_equal(store_find(&f->s, ML_ENTRIES,
	    (const char *const[]){ "2026-11-01" }), 1);
	assert_int_equal(store_find(&f->s, ML_ENTRIES,
	    (const char *const[]){ "2026-11-02" }), -1);
	assert_int_equal(store_key_range(&f->s, ML_ENTRIES, "2026-11-01",
	    "2026-11-03", &rows), 3);
	assert_int_equal(rows[0], 1);	/* the repeated date: by row */
	assert_int_equal(rows[1], 3);
	assert_int_equal(rows[2], 2);
	assert_int_equal(store_key_range(&f->s, ML_ENTRIES, "2026-11-06",
	    "2026-11-30", &rows), 0);

	set_one(&f->s, "2026-11-02", "back_pain", "2");
	set_one(&f->s, "2026-11-04", "back_pain", "4");
	set_one(&f->s, "2026-11-01", "back_pain", "0");
	assert_int_equal(store_open(&fresh, f->dir, &err), 0);
	assert_int_equal(store_load(&fresh, ML_ENTRIES, NULL, &err), 0);
	for (size_t i = 0; i < ML_NELEM(dates); i++) {
		const char *key[1] = { dates[i] };
		long want = find_by_walk(&f->s, dates[i]);

		assert_int_equal(store_find(&f->s, ML_ENTRIES, key), want);
		assert_int_equal(store_find(&fresh, ML_ENTRIES, key),
		    find_by_walk(&fresh, dates[i]));
	}
	/* The change went to the first of the repeated rows. */
	assert_string_equal(store_get(&f->s, ML_ENTRIES, (size_t)store_find(
	    &f->s, ML_ENTRIES, (const char *const[]){ "2026-11-01" }),
	    EC_BACK_PAIN), "0");
	assert_int_equal(store_key_range(&f->s, ML_ENTRIES, "2026-11-01",
	    "2026-11-05", &rows), 6);
	store_close(&fresh);
	free(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_unknown_columns_kept_in_place, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_invalid_values_kept_and_reported, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_unparseable_file_never_written, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_two_processes_merge, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_permissions_under_umask_000, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_existing_loose_directory_tightened, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_shared_directory_refused,
		    fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_not_a_directory, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_lock_timeout, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_stale_temp_removed_and_backup_kept, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_upsert_rejects_bad_values_before_writing, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_duplicate_keys_and_missing_required_column, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_window_reads_recent_rows_saves_whole_file, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_key_index_finds_first_row_in_any_order, fx_setup, fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
