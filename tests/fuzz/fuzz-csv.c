/*
 * fuzz-csv.c - the CSV store's loader: csvio_parse on arbitrary bytes, then
 * what the store does with a table it accepted.
 *
 * Promises checked beyond memory safety:
 *  - a refused file is reported with the file name and a line >= 1;
 *  - an accepted table written back (csvio_write_table) parses again to the
 *    same header and rows: a save never changes or drops what it read;
 *  - store_validate runs on the table as each of the five files, and every
 *    problem names the file and a line that exists.
 */
#include <stdbool.h>
#include <string.h>
#include <unistd.h>

#include "csvio.h"
#include "fuzz.h"
#include "store.h"

static struct ml_store store;
static long max_line;

static void
init_store(void)
{
	static bool done;
	char dir[] = "/tmp/mendlog-fuzz.XXXXXX";
	struct ml_error err;

	if (done)
		return;
	done = true;
	/* store_validate needs an open store (paths); it reads nothing. */
	FUZZ_ASSERT(mkdtemp(dir) != NULL);
	FUZZ_ASSERT(store_open(&store, dir, &err) == 0);
	rmdir(dir);
}

static void
on_problem(void *ctx, const struct ml_error *e)
{
	(void)ctx;
	FUZZ_ASSERT(e->file[0] != '\0');
	FUZZ_ASSERT(e->line >= 1 && e->line <= max_line);
	FUZZ_ASSERT(e->msg[0] != '\0');
}

static bool
same_row(char **a, size_t na, char **b, size_t nb)
{
	if (na != nb)
		return false;
	for (size_t i = 0; i < na; i++)
		if (strcmp(a[i], b[i]) != 0)
			return false;
	return true;
}

/* Write @t and parse it back: it must come back unchanged. */
static void
round_trip(const struct ml_table *t)
{
	struct ml_table back;
	struct ml_error err;
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	FUZZ_ASSERT(fp != NULL);
	FUZZ_ASSERT(csvio_write_table(fp, t, NULL) == 0);
	FUZZ_ASSERT(fclose(fp) == 0);
	if (csvio_parse(buf, len, "back.csv", &back, &err) != 0) {
		fprintf(stderr, "written table does not parse: %s:%ld: %s\n",
		    err.file, err.line, err.msg);
		abort();
	}
	FUZZ_ASSERT(same_row(t->header, t->ncols, back.header, back.ncols));
	FUZZ_ASSERT(t->nrows == back.nrows);
	for (size_t r = 0; r < t->nrows; r++)
		FUZZ_ASSERT(same_row(t->rows[r].cells, t->rows[r].ncells,
		    back.rows[r].cells, back.rows[r].ncells));
	ml_table_free(&back);
	free(buf);
}

/* Validate @t as if it were @file, then hand the table back. */
static void
validate_as(struct ml_table *t, enum ml_file file)
{
	struct ml_store_file *sf = &store.files[file];
	const struct ml_schema *sc = ml_schema(file);

	sf->table = *t;
	for (size_t c = 0; c < sc->ncols; c++) {
		sf->colmap[c] = -1;
		for (size_t i = 0; i < t->ncols; i++)
			if (strcmp(t->header[i], sc->cols[c].name) == 0) {
				sf->colmap[c] = (int)i;
				break;
			}
	}
	sf->loaded = true;
	sf->broken = false;
	(void)store_validate(&store, file, on_problem, NULL);
	*t = sf->table;
	ml_table_init(&sf->table);
	sf->loaded = false;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ml_table t;
	struct ml_error err;

	init_store();
	max_line = 1;
	for (size_t i = 0; i < size; i++)
		if (data[i] == '\n' || data[i] == '\r')
			max_line++;
	memset(&err, 0, sizeof err);
	if (csvio_parse((const char *)data, size, "fuzz.csv", &t, &err) != 0) {
		FUZZ_ASSERT(strcmp(err.file, "fuzz.csv") == 0);
		FUZZ_ASSERT(err.line >= 1 && err.line <= max_line);
		FUZZ_ASSERT(err.msg[0] != '\0');
		ml_table_free(&t);
		return 0;
	}
	if (t.ncols > 0) {
		round_trip(&t);
		for (int f = 0; f < ML_NFILES; f++)
			validate_as(&t, (enum ml_file)f);
	}
	ml_table_free(&t);
	return 0;
}
