/*
 * fuzz-plan-import.c - plan import (a physiotherapist's CSV, often from a
 * spreadsheet) on arbitrary bytes, into a real store on a temp directory.
 *
 * Promises checked beyond memory safety:
 *  - every problem reported names the imported file and a line that
 *    exists (or 0 for the file as a whole);
 *  - a refused import writes nothing: exercises.csv is byte-identical;
 *  - an accepted import leaves an exercises.csv that store_validate finds
 *    clean, with at least as many rows as the import added.
 * Each run starts from the same small exercises.csv, so runs are
 * independent; odd-sized inputs use --replace.
 */
#define _GNU_SOURCE 1
#include <fcntl.h>
#include <stdbool.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz.h"
#include "plan.h"

static const char start_plan[] =
    "id,name,instructions,sets,reps,hold_s,days,times,start_date,end_date,"
    "active\n"
    "pelvic_tilt,Pelvic tilt,\"Lie on your back, knees bent\",2,10,5,daily,"
    "08:00;18:00,2026-11-01,,yes\n";

static char dir[64], plan_path[128], import_path[64];
static int memfd = -1;
static long max_line;

static void
setup(void)
{
	const char *base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";

	snprintf(dir, sizeof dir, "%s/mendlog-fuzz-plan.XXXXXX", base);
	FUZZ_ASSERT(mkdtemp(dir) != NULL);
	snprintf(plan_path, sizeof plan_path, "%s/exercises.csv", dir);
	memfd = memfd_create("mendlog-fuzz-plan", 0);
	FUZZ_ASSERT(memfd >= 0);
	snprintf(import_path, sizeof import_path, "/proc/self/fd/%d", memfd);
}

static void
on_problem(void *ctx, const struct ml_error *e)
{
	(void)ctx;
	FUZZ_ASSERT(e->msg[0] != '\0');
	FUZZ_ASSERT(e->line >= 0 && e->line <= max_line);
}

static void
on_stored_problem(void *ctx, const struct ml_error *e)
{
	(void)ctx;
	fprintf(stderr, "imported plan not clean: %s:%ld: %s: %s\n", e->file,
	    e->line, e->field, e->msg);
	abort();
}

static char *
slurp(const char *path, size_t *len)
{
	int fd = open(path, O_RDONLY);
	struct stat st;
	char *buf;

	FUZZ_ASSERT(fd >= 0 && fstat(fd, &st) == 0);
	buf = xmalloc((size_t)st.st_size + 1);
	FUZZ_ASSERT(read(fd, buf, (size_t)st.st_size) == st.st_size);
	close(fd);
	*len = (size_t)st.st_size;
	return buf;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ml_store s;
	struct ml_error err;
	struct plan_import_result res;
	char *before, *after;
	size_t blen, alen;
	int fd, rc;

	if (memfd < 0)
		setup();
	fd = open(plan_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	FUZZ_ASSERT(fd >= 0);
	FUZZ_ASSERT(write(fd, start_plan, sizeof start_plan - 1) ==
	    (ssize_t)(sizeof start_plan - 1));
	close(fd);
	FUZZ_ASSERT(ftruncate(memfd, 0) == 0);
	FUZZ_ASSERT(pwrite(memfd, data, size, 0) == (ssize_t)size);
	max_line = 1;
	for (size_t i = 0; i < size; i++)
		if (data[i] == '\n' || data[i] == '\r')
			max_line++;
	before = slurp(plan_path, &blen);
	FUZZ_ASSERT(store_open(&s, dir, &err) == 0);
	memset(&res, 0, sizeof res);
	rc = plan_import(&s, NULL, import_path, size % 2 == 1, on_problem, NULL,
	    &res, &err);
	if (rc != 0) {
		FUZZ_ASSERT(err.msg[0] != '\0');
		after = slurp(plan_path, &alen);
		FUZZ_ASSERT(alen == blen && memcmp(before, after, blen) == 0);
		free(after);
	} else {
		FUZZ_ASSERT(store_load(&s, ML_EXERCISES, NULL, &err) == 0);
		FUZZ_ASSERT(store_validate(&s, ML_EXERCISES, on_stored_problem,
		    NULL) == 0);
		FUZZ_ASSERT(store_nrows(&s, ML_EXERCISES) >= res.added);
	}
	plan_import_result_free(&res);
	free(before);
	store_close(&s);
	return 0;
}
