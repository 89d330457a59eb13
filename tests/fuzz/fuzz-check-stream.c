/*
 * fuzz-check-stream.c - differential fuzzing of `mendlog check`'s two
 * paths: the streaming check (store_check_file, which never builds the
 * table) must report exactly what loading the file and validating the
 * table (store_load + store_validate) reports, problem for problem, for
 * any bytes, read as any of the five files.
 */
#include <stdbool.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"
#include "store.h"

struct problems {
	char *text;		/* "FILE:LINE: field: msg\n" for each, in order */
	size_t len;
	FILE *fp;
};

static void
collect(void *ctx, const struct ml_error *e)
{
	struct problems *p = ctx;
	char buf[2048];

	ml_error_format(e, buf, sizeof buf);
	fprintf(p->fp, "%s\n", buf);
}

static char dir[] = "/tmp/mendlog-fuzz-check.XXXXXX";

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool ready;
	struct problems table = { 0 }, stream = { 0 };
	struct ml_store s;
	struct ml_error err;
	enum ml_file file;
	size_t nt = 0, ns, rows;
	FILE *fp;

	if (!ready) {
		FUZZ_ASSERT(mkdtemp(dir) != NULL);
		ready = true;
	}
	if (size == 0)
		return 0;
	/* The first byte picks which file the rest is read as. */
	file = (enum ml_file)(data[0] % ML_NFILES);
	FUZZ_ASSERT(store_open(&s, dir, &err) == 0);
	fp = fopen(store_path(&s, file), "wb");
	FUZZ_ASSERT(fp != NULL);
	FUZZ_ASSERT(fwrite(data + 1, 1, size - 1, fp) == size - 1);
	FUZZ_ASSERT(fclose(fp) == 0);

	table.fp = open_memstream(&table.text, &table.len);
	stream.fp = open_memstream(&stream.text, &stream.len);
	FUZZ_ASSERT(table.fp != NULL && stream.fp != NULL);
	(void)store_load(&s, file, NULL, NULL);
	nt = store_validate(&s, file, collect, &table);
	ns = store_check_file(&s, file, collect, &stream, &rows);
	fclose(table.fp);
	fclose(stream.fp);
	if (nt != ns || strcmp(table.text, stream.text) != 0) {
		fprintf(stderr, "check paths differ (%zu vs %zu problems):\n"
		    "--- table\n%s--- stream\n%s", nt, ns, table.text, stream.text);
		abort();
	}
	free(table.text);
	free(stream.text);
	unlink(store_path(&s, file));
	store_close(&s);
	return 0;
}
