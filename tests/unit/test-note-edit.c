/*
 * test-note-edit.c - note_edit(): which editor runs, what comes back
 * (trailing newlines dropped, inner ones kept), refusals, and that the
 * temp file never stays.  The "editors" are small sh scripts.
 */
#include "testutil.h"

#include "note-edit.h"

static char *dir;

static int
setup(void **state)
{
	(void)state;
	dir = tu_tempdir();
	unsetenv("VISUAL");
	unsetenv("EDITOR");
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	tu_rmrf(dir);
	ML_FREE(&dir);
	return 0;
}

/* Files in dir whose name starts with @prefix. */
static int
count_files(const char *prefix)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int n = 0;

	assert_non_null(d);
	while ((de = readdir(d)) != NULL)
		if (strncmp(de->d_name, prefix, strlen(prefix)) == 0)
			n++;
	closedir(d);
	return n;
}

/* An editor: a script in dir running @body with the file as $1. */
static char *
editor(const char *name, const char *body)
{
	char *path = xasprintf("%s/%s", dir, name);
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fprintf(f, "#!/bin/sh\n%s\n", body);
	assert_int_equal(fclose(f), 0);
	assert_int_equal(chmod(path, 0700), 0);
	return path;
}

static void
test_trim_end(void **state)
{
	char a[] = "one\ntwo\n\n", b[] = "crlf\r\n\r\n", c[] = "\n\n", d[] = "x";

	(void)state;
	assert_string_equal(note_trim_end(a), "one\ntwo");
	assert_string_equal(note_trim_end(b), "crlf");
	assert_string_equal(note_trim_end(c), "");
	assert_string_equal(note_trim_end(d), "x");
}

static void
test_editor_order(void **state)
{
	(void)state;
	assert_string_equal(note_editor(), "vi");
	setenv("EDITOR", "nano", 1);
	assert_string_equal(note_editor(), "nano");
	setenv("VISUAL", "", 1);		/* empty counts as unset */
	assert_string_equal(note_editor(), "nano");
	setenv("VISUAL", "emacs -nw", 1);
	assert_string_equal(note_editor(), "emacs -nw");
}

static void
test_changed(void **state)
{
	struct ml_error err;
	char *out, *ed;

	(void)state;
	/* Also: the file is 0600, and its name starts with the label. */
	ed = editor("append", "[ \"$(stat -c %a \"$1\")\" = 600 ] || exit 3\n"
	    "case \"$1\" in */notes-x.*.txt) ;; *) exit 4 ;; esac\n"
	    "printf 'line two\\n\\n' >>\"$1\"");
	setenv("EDITOR", ed, 1);
	assert_int_equal(note_edit(dir, "notes-x", "line one", &out, &err),
	    NOTE_EDIT_CHANGED);
	assert_string_equal(out, "line one\nline two");
	assert_int_equal(count_files("notes-x"), 0);
	free(out);
	free(ed);
}

static void
test_unchanged_and_empty(void **state)
{
	struct ml_error err;
	char *out = (char *)"x", *ed = editor("same", "exit 0");

	(void)state;
	setenv("VISUAL", ed, 1);
	assert_int_equal(note_edit(dir, "notes-x", "same\n", &out, &err),
	    NOTE_EDIT_UNCHANGED);
	assert_null(out);
	assert_int_equal(note_edit(dir, "notes-x", "", &out, &err),
	    NOTE_EDIT_UNCHANGED);
	assert_int_equal(count_files("notes-x"), 0);
	free(ed);
}

static void
test_refused(void **state)
{
	struct ml_error err;
	char *out, *ed = editor("fail", "echo changed >>\"$1\"; exit 1");

	(void)state;
	setenv("EDITOR", ed, 1);
	assert_int_equal(note_edit(dir, "notes-x", "kept", &out, &err),
	    NOTE_EDIT_REFUSED);
	assert_null(out);
	assert_non_null(strstr(err.msg, "nothing saved: the editor exited "
	    "with status 1"));
	assert_int_equal(count_files("notes-x"), 0);
	free(ed);

	/* The shell running the editor command killed by a signal ($$ is
	 * that shell: a script's own death would be reported as status 137). */
	setenv("EDITOR", "kill -KILL $$;", 1);
	assert_int_equal(note_edit(dir, "notes-x", "kept", &out, &err),
	    NOTE_EDIT_REFUSED);
	assert_non_null(strstr(err.msg, "stopped by signal 9"));
	assert_int_equal(count_files("notes-x"), 0);
}

static void
test_errors(void **state)
{
	struct ml_error err;
	char *out, *missing, *ed;

	(void)state;
	missing = xasprintf("%s/no-such-editor", dir);
	setenv("EDITOR", missing, 1);
	assert_int_equal(note_edit(dir, "notes-x", "kept", &out, &err),
	    NOTE_EDIT_ERROR);
	assert_non_null(strstr(err.msg, "cannot run the editor"));
	assert_int_equal(count_files("notes-x"), 0);
	free(missing);

	/* A NUL byte would silently cut the note: refused. */
	ed = editor("nul", "printf 'a\\000b' >\"$1\"");
	setenv("EDITOR", ed, 1);
	assert_int_equal(note_edit(dir, "notes-x", "kept", &out, &err),
	    NOTE_EDIT_ERROR);
	assert_non_null(strstr(err.msg, "NUL"));
	assert_int_equal(count_files("notes-x"), 0);
	free(ed);

	/* No directory to write the file in. */
	ed = editor("same", "exit 0");
	setenv("EDITOR", ed, 1);
	missing = xasprintf("%s/gone", dir);
	assert_int_equal(note_edit(missing, "notes-x", "kept", &out, &err),
	    NOTE_EDIT_ERROR);
	assert_non_null(strstr(err.msg, "cannot create the note file"));
	free(missing);
	free(ed);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_trim_end),
		cmocka_unit_test_setup_teardown(test_editor_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_changed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unchanged_and_empty, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_errors, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
