/*
 * test-faults.c - a save on a failing disk.
 *
 * Built with -Wl,--wrap for the C library calls a save makes (see the
 * Makefile's FAULT_WRAP), so each test can make one of them fail, as a full
 * disk, a dying USB stick or a read-only remount would.  For every step of
 * csvio_save_atomic() the test proves what issue 7 asks:
 *  - the save fails and the error reads "FILE: reason";
 *  - the diary file is byte-identical to before;
 *  - no temporary file is left in the data directory;
 *  - the next save, with the disk healthy again, works.
 * After the rename only durability can fail (the directory fsync): then the
 * new file is in place and complete, and FILE.bak holds the old one.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "date.h"
#include "diary.h"
#include "store.h"

/* --- the wrapped calls --------------------------------------------- */

/* Up to two armed faults: fail the nth call of function fn with errno. */
struct fault {
	const char *fn;
	int nth;
	int err;
	int seen;
	bool fired;
};
static struct fault faults[2];

static bool
should_fail(const char *fn)
{
	for (size_t i = 0; i < ML_NELEM(faults); i++) {
		struct fault *f = &faults[i];

		if (f->fn == NULL || strcmp(f->fn, fn) != 0)
			continue;
		if (++f->seen == f->nth) {
			f->fired = true;
			errno = f->err;
			return true;
		}
	}
	return false;
}

static void
arm(int slot, const char *fn, int nth, int err)
{
	faults[slot] = (struct fault){ fn, nth, err, 0, false };
}

static void
disarm(void)
{
	memset(faults, 0, sizeof faults);
}

ssize_t __real_write(int, const void *, size_t);
int __real_fsync(int);
int __real_fflush(FILE *);
int __real_fclose(FILE *);
FILE *__real_fdopen(int, const char *);
size_t __real_fwrite(const void *, size_t, size_t, FILE *);
int __real_rename(const char *, const char *);
int __real_link(const char *, const char *);
int __real_mkstemp(char *);
int __real_fchmod(int, mode_t);

ssize_t __wrap_write(int, const void *, size_t);
int __wrap_fsync(int);
int __wrap_fflush(FILE *);
int __wrap_fclose(FILE *);
FILE *__wrap_fdopen(int, const char *);
size_t __wrap_fwrite(const void *, size_t, size_t, FILE *);
int __wrap_rename(const char *, const char *);
int __wrap_link(const char *, const char *);
int __wrap_mkstemp(char *);
int __wrap_fchmod(int, mode_t);

ssize_t
__wrap_write(int fd, const void *buf, size_t n)
{
	return should_fail("write") ? -1 : __real_write(fd, buf, n);
}

int
__wrap_fsync(int fd)
{
	return should_fail("fsync") ? -1 : __real_fsync(fd);
}

int
__wrap_fflush(FILE *fp)
{
	return should_fail("fflush") ? EOF : __real_fflush(fp);
}

/* A failing fclose still releases the stream, as the real one does. */
int
__wrap_fclose(FILE *fp)
{
	if (should_fail("fclose")) {
		int e = errno;

		__real_fclose(fp);
		errno = e;
		return EOF;
	}
	return __real_fclose(fp);
}

FILE *
__wrap_fdopen(int fd, const char *mode)
{
	return should_fail("fdopen") ? NULL : __real_fdopen(fd, mode);
}

size_t
__wrap_fwrite(const void *p, size_t size, size_t n, FILE *fp)
{
	return should_fail("fwrite") ? 0 : __real_fwrite(p, size, n, fp);
}

int
__wrap_rename(const char *a, const char *b)
{
	return should_fail("rename") ? -1 : __real_rename(a, b);
}

int
__wrap_link(const char *a, const char *b)
{
	return should_fail("link") ? -1 : __real_link(a, b);
}

int
__wrap_mkstemp(char *tmpl)
{
	return should_fail("mkstemp") ? -1 : __real_mkstemp(tmpl);
}

int
__wrap_fchmod(int fd, mode_t mode)
{
	return should_fail("fchmod") ? -1 : __real_fchmod(fd, mode);
}

/* --- fixture ----------------------------------------------------------- */

struct fx {
	char dir[64];
	char path[128];
	char bak[128];
	struct ml_store store;
	char *before;		/* entries.csv before the failing save */
	size_t before_len;
};

static char *
slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *buf;
	long n;

	if (fp == NULL)
		return NULL;
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	rewind(fp);
	buf = xmalloc((size_t)n + 1);
	*len = fread(buf, 1, (size_t)n, fp);
	buf[*len] = '\0';
	fclose(fp);
	return buf;
}

static int
log_day(struct ml_store *s, const char *date, const char *field,
    const char *value, struct ml_error *err)
{
	struct ml_set set = { field, value };
	ml_day day;

	assert_true(ml_date_parse(date, &day));
	return diary_set(s, day, &set, 1, err);
}

static int
setup(void **state)
{
	struct fx *fx = xcalloc(1, sizeof *fx);
	struct ml_error err;

	disarm();
	snprintf(fx->dir, sizeof fx->dir, "/tmp/mendlog-faults.XXXXXX");
	assert_non_null(mkdtemp(fx->dir));
	snprintf(fx->path, sizeof fx->path, "%s/entries.csv", fx->dir);
	snprintf(fx->bak, sizeof fx->bak, "%s/entries.csv.bak", fx->dir);
	assert_int_equal(store_open(&fx->store, fx->dir, &err), 0);
	/* Two saves, so the file has a .bak and a history worth losing. */
	assert_int_equal(log_day(&fx->store, "2026-11-01", "notes",
	    "first day, \"quoted\", ünïcode", &err), 0);
	assert_int_equal(log_day(&fx->store, "2026-11-02", "back_pain", "4",
	    &err), 0);
	fx->before = slurp(fx->path, &fx->before_len);
	assert_non_null(fx->before);
	*state = fx;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *fx = *state;
	char cmd[128];

	disarm();
	store_close(&fx->store);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", fx->dir);
	assert_int_equal(system(cmd), 0);
	free(fx->before);
	free(fx);
	return 0;
}

/* Number of entries.csv.tmp.* files in the data directory. */
static int
temp_files(const struct fx *fx)
{
	DIR *d = opendir(fx->dir);
	struct dirent *de;
	int n = 0;

	assert_non_null(d);
	while ((de = readdir(d)) != NULL)
		if (strstr(de->d_name, ".tmp.") != NULL)
			n++;
	closedir(d);
	return n;
}

static void
assert_unchanged(const struct fx *fx)
{
	size_t len;
	char *now = slurp(fx->path, &len);

	assert_non_null(now);
	assert_int_equal(len, fx->before_len);
	assert_memory_equal(now, fx->before, len);
	free(now);
}

/* After the fault: the disk heals and the same change saves. */
static void
assert_recovers(struct fx *fx)
{
	struct ml_error err;
	struct stat st;

	disarm();
	assert_int_equal(log_day(&fx->store, "2026-11-03", "mood", "7", &err), 0);
	assert_int_equal(store_load(&fx->store, ML_ENTRIES, NULL, &err), 0);
	assert_int_equal(store_nrows(&fx->store, ML_ENTRIES), 3);
	assert_int_equal(stat(fx->path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(temp_files(fx), 0);
}

/*
 * Arm the faults, try a save, and check the failure: the error names the
 * file (@errfile: entries.csv or its .bak) and says @reason; the old file
 * is intact; no temp file is left; all armed faults fired.
 */
static void
fail_save(struct fx *fx, const char *errfile, const char *reason)
{
	struct ml_error err;
	char msg[2048], prefix[256];

	memset(&err, 0, sizeof err);
	assert_int_equal(log_day(&fx->store, "2026-11-03", "mood", "7", &err), -1);
	for (size_t i = 0; i < ML_NELEM(faults); i++)
		if (faults[i].fn != NULL)
			assert_true(faults[i].fired);
	disarm();
	ml_error_format(&err, msg, sizeof msg);
	snprintf(prefix, sizeof prefix, "%s: ", errfile);
	if (strncmp(msg, prefix, strlen(prefix)) != 0 ||
	    strstr(msg, reason) == NULL)
		fail_msg("error '%s' should start '%s' and say '%s'", msg,
		    prefix, reason);
	assert_unchanged(fx);
	assert_int_equal(temp_files(fx), 0);
}

/* --- one test per step of the save ------------------------------------- */

static void
test_create_temp(void **state)
{
	struct fx *fx = *state;

	arm(0, "mkstemp", 1, ENOSPC);
	fail_save(fx, fx->path, strerror(ENOSPC));
	assert_recovers(fx);
}

static void
test_chmod_temp(void **state)
{
	struct fx *fx = *state;

	/* The first fchmod is the lock file's (its result is ignored). */
	arm(0, "fchmod", 2, EPERM);
	fail_save(fx, fx->path, strerror(EPERM));
	assert_recovers(fx);
}

static void
test_open_stream(void **state)
{
	struct fx *fx = *state;

	arm(0, "fdopen", 1, ENOMEM);
	fail_save(fx, fx->path, strerror(ENOMEM));
	assert_recovers(fx);
}

static void
test_write(void **state)
{
	struct fx *fx = *state;

	arm(0, "fwrite", 1, ENOSPC);
	fail_save(fx, fx->path, strerror(ENOSPC));
	assert_recovers(fx);
}

/* A full disk usually shows at the flush of the buffered rows. */
static void
test_flush(void **state)
{
	struct fx *fx = *state;

	arm(0, "fflush", 1, ENOSPC);
	fail_save(fx, fx->path, strerror(ENOSPC));
	assert_recovers(fx);
}

static void
test_fsync_file(void **state)
{
	struct fx *fx = *state;

	arm(0, "fsync", 1, EIO);
	fail_save(fx, fx->path, strerror(EIO));
	assert_recovers(fx);
}

static void
test_close(void **state)
{
	struct fx *fx = *state;

	arm(0, "fclose", 1, EIO);
	fail_save(fx, fx->path, strerror(EIO));
	assert_recovers(fx);
}

/* No hard links (some file systems): the backup is copied instead. */
static void
test_backup_copy(void **state)
{
	struct fx *fx = *state;
	struct ml_error err;
	size_t len;
	char *bak;

	arm(0, "link", 1, EPERM);
	assert_int_equal(log_day(&fx->store, "2026-11-03", "mood", "7", &err), 0);
	assert_true(faults[0].fired);
	disarm();
	bak = slurp(fx->bak, &len);
	assert_non_null(bak);
	assert_int_equal(len, fx->before_len);
	assert_memory_equal(bak, fx->before, len);
	free(bak);
	assert_int_equal(temp_files(fx), 0);
}

/* Neither link nor copy works: the save stops before the rename, and no
 * half-written backup is left behind. */
static void
test_backup_fails(void **state)
{
	struct fx *fx = *state;

	arm(0, "link", 1, EPERM);
	arm(1, "write", 1, ENOSPC);
	fail_save(fx, fx->bak, strerror(ENOSPC));
	assert_int_equal(access(fx->bak, F_OK), -1);
	assert_recovers(fx);
}

static void
test_rename(void **state)
{
	struct fx *fx = *state;

	arm(0, "rename", 1, EIO);
	fail_save(fx, fx->path, strerror(EIO));
	assert_recovers(fx);
}

/* The rename happened; only the directory fsync failed.  The new file is
 * whole, the old one is FILE.bak, and the user is told. */
static void
test_fsync_dir(void **state)
{
	struct fx *fx = *state;
	struct ml_error err;
	char msg[2048], prefix[256];
	size_t len;
	char *bak;

	arm(0, "fsync", 2, EIO);
	assert_int_equal(log_day(&fx->store, "2026-11-03", "mood", "7", &err), -1);
	assert_true(faults[0].fired);
	disarm();
	ml_error_format(&err, msg, sizeof msg);
	snprintf(prefix, sizeof prefix, "%s: fsync of directory: %s", fx->path,
	    strerror(EIO));
	assert_string_equal(msg, prefix);
	bak = slurp(fx->bak, &len);
	assert_non_null(bak);
	assert_int_equal(len, fx->before_len);
	assert_memory_equal(bak, fx->before, len);
	free(bak);
	assert_int_equal(temp_files(fx), 0);
	assert_int_equal(store_load(&fx->store, ML_ENTRIES, NULL, &err), 0);
	assert_int_equal(store_nrows(&fx->store, ML_ENTRIES), 3);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_create_temp, setup, teardown),
		cmocka_unit_test_setup_teardown(test_chmod_temp, setup, teardown),
		cmocka_unit_test_setup_teardown(test_open_stream, setup, teardown),
		cmocka_unit_test_setup_teardown(test_write, setup, teardown),
		cmocka_unit_test_setup_teardown(test_flush, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fsync_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_close, setup, teardown),
		cmocka_unit_test_setup_teardown(test_backup_copy, setup, teardown),
		cmocka_unit_test_setup_teardown(test_backup_fails, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rename, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fsync_dir, setup, teardown),
	};

	setenv("TZ", "UTC", 1);
	umask(022);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
