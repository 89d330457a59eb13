/*
 * test-complete.c - `mendlog __complete`: every command, option, settable
 * field and procedure kind the tables hold is offered (so completion
 * cannot drift from the parser), exercise ids come from the diary named
 * with -d, and completing never creates a diary.
 */
#include "testutil.h"

#include "cli.h"
#include "complete.h"
#include "diary.h"
#include "schema.h"

/* The candidates for @words (the last one being completed), as one
 * string of lines.  Caller frees. */
static char *
candidates(int n, const char **words)
{
	struct ml_app app = { 0 };
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	assert_non_null(fp);
	assert_int_equal(complete_words(&app, n, (char **)words, fp), 0);
	fclose(fp);
	app_free(&app);
	return buf;
}

/* True when @line is one of the lines of @lines. */
static bool
has_line(const char *lines, const char *line)
{
	size_t n = strlen(line);

	for (const char *p = lines; *p; p = strchr(p, '\n') + 1) {
		if (strncmp(p, line, n) == 0 && p[n] == '\n')
			return true;
		if (strchr(p, '\n') == NULL)
			break;
	}
	return false;
}

static void
test_every_command_and_option(void **state)
{
	(void)state;
	for (size_t i = 0; cli_commands[i] != NULL; i++) {
		const struct cli_command *cmd = cli_commands[i];
		const struct cli_command *one[] = { cmd, NULL };
		const struct cli_command *const *list = cmd->subcommands ?
		    cmd->subcommands : one;
		const char *w1[] = { "" };
		char *out = candidates(1, w1);

		assert_true(has_line(out, cmd->name));
		free(out);
		for (; *list != NULL; list++) {
			const struct cli_option *o = (*list)->options;
			char *name = xstrdup((*list)->name), *sub = strchr(name, ' ');
			const char *w3[] = { name, sub ? sub + 1 : "--", "--" };
			char opt[64];

			if (sub != NULL)
				*sub = '\0';
			out = candidates(sub ? 3 : 2, sub ? w3 : (const char *[]){
			    name, "--" });
			for (; o != NULL && o->name != NULL; o++) {
				snprintf(opt, sizeof opt, "--%s", o->name);
				if (!has_line(out, opt))
					fail_msg("%s: %s not offered", (*list)->name, opt);
			}
			assert_true(has_line(out, "--data-dir"));
			free(out);
			free(name);
		}
	}
}

static void
test_log_fields(void **state)
{
	const struct ml_schema *sc = ml_schema(ML_ENTRIES);
	const char *w[] = { "log", "" };
	const char *yn[] = { "log", "back_pain=7", "leg_weakness=" };
	char *out = candidates(2, w), field[64];

	(void)state;
	for (size_t c = 0; c < sc->ncols; c++) {
		snprintf(field, sizeof field, "%s=", sc->cols[c].name);
		assert_int_equal(has_line(out, field), diary_field_settable((int)c));
	}
	free(out);
	out = candidates(3, yn);
	assert_string_equal(out, "leg_weakness=yes\nleg_weakness=no\n");
	free(out);
}

static void
test_procedure_kinds(void **state)
{
	const char *w[] = { "procedure", "add", "--kind", "" };
	size_t n;
	const struct ml_proc_kind *k = ml_proc_kinds(&n);
	char *out = candidates(4, w);

	(void)state;
	assert_true(n > 0);
	for (size_t i = 0; i < n; i++)
		assert_true(has_line(out, k[i].id));
	free(out);
}

/* exercises.csv with the schema's header and the ids given. */
static void
write_plan(const char *dir, const char *const *ids, size_t nids)
{
	const struct ml_schema *sc = ml_schema(ML_EXERCISES);
	char *path = xasprintf("%s/%s", dir, sc->filename);
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	for (size_t c = 0; c < sc->ncols; c++)
		fprintf(fp, "%s%s", c ? "," : "", sc->cols[c].name);
	fputc('\n', fp);
	for (size_t i = 0; i < nids; i++) {
		fputs(ids[i], fp);
		for (size_t c = 1; c < sc->ncols; c++)
			fputc(',', fp);
		fputc('\n', fp);
	}
	fclose(fp);
	free(path);
}

static void
test_exercise_ids_from_the_diary(void **state)
{
	static const char *const ids[] = { "pelvic_tilt", "bridge", "pelvic_tilt" };
	char *dir = tu_tempdir(), *opt = xasprintf("--data-dir=%s", dir);
	const char *w[] = { "-d", dir, "done", "" };
	const char *w2[] = { opt, "done", "p" };
	char *out;

	(void)state;
	write_plan(dir, ids, 3);
	out = candidates(4, w);
	assert_string_equal(out, "pelvic_tilt\nbridge\n");
	free(out);
	out = candidates(3, w2);
	assert_string_equal(out, "pelvic_tilt\n");
	free(out);
	free(opt);
	tu_rmrf(dir);
	free(dir);
}

static void
test_no_diary_is_created(void **state)
{
	char *dir = tu_tempdir(), *missing = xasprintf("%s/none", dir);
	const char *w[] = { "-d", missing, "done", "" };
	const char *a[] = { "-d", missing, "ack", "" };
	struct stat st;
	char *out;

	(void)state;
	out = candidates(4, w);
	assert_string_equal(out, "");
	free(out);
	out = candidates(4, a);
	assert_string_equal(out, "");
	free(out);
	assert_int_not_equal(stat(missing, &st), 0);
	free(missing);
	tu_rmrf(dir);
	free(dir);
}

static void
test_files_and_dirs(void **state)
{
	const char *d[] = { "-d", "" };
	const char *f[] = { "plan", "import", "" };
	const char *o[] = { "export", "-o", "" };
	char *out;

	(void)state;
	out = candidates(2, d);
	assert_string_equal(out, ":dirs\n");
	free(out);
	out = candidates(3, f);
	assert_string_equal(out, ":files\n");
	free(out);
	out = candidates(3, o);
	assert_string_equal(out, ":files\n");
	free(out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_command_and_option),
		cmocka_unit_test(test_log_fields),
		cmocka_unit_test(test_procedure_kinds),
		cmocka_unit_test(test_exercise_ids_from_the_diary),
		cmocka_unit_test(test_no_diary_is_created),
		cmocka_unit_test(test_files_and_dirs),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
