/*
 * fuzz-config.c - the config parser: config_load on arbitrary bytes, read
 * from a memory file so the fuzzer never touches the disk.
 *
 * Promises checked beyond memory safety: every warning and error names the
 * file and a line that exists; the result of config_load agrees with the
 * errors reported; a load that fails still leaves a config that frees.
 */
#define _GNU_SOURCE 1
#include <stdbool.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "config.h"
#include "fuzz.h"

static int memfd = -1;
static char path[64];
static long max_line;

struct tally {
	int errors;
};

static void
on_report(void *ctx, enum ml_config_level level, const struct ml_error *e)
{
	struct tally *t = ctx;

	FUZZ_ASSERT(strcmp(e->file, path) == 0);
	FUZZ_ASSERT(e->line >= 0 && e->line <= max_line);
	FUZZ_ASSERT(e->msg[0] != '\0');
	if (level == ML_CONFIG_ERROR)
		t->errors++;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ml_config cfg;
	struct ml_error err;
	struct tally tally = { 0 };
	int rc;

	if (memfd < 0) {
		memfd = memfd_create("mendlog-fuzz-config", 0);
		FUZZ_ASSERT(memfd >= 0);
		snprintf(path, sizeof path, "/proc/self/fd/%d", memfd);
	}
	FUZZ_ASSERT(ftruncate(memfd, 0) == 0);
	FUZZ_ASSERT(pwrite(memfd, data, size, 0) == (ssize_t)size);
	max_line = 1;
	for (size_t i = 0; i < size; i++)
		if (data[i] == '\n')
			max_line++;
	config_defaults(&cfg);
	memset(&err, 0, sizeof err);
	rc = config_load(&cfg, path, true, on_report, &tally, &err);
	FUZZ_ASSERT((rc == 0) == (tally.errors == 0));
	if (rc != 0)
		FUZZ_ASSERT(strcmp(err.file, path) == 0 && err.msg[0] != '\0');
	config_free(&cfg);
	return 0;
}
