/*
 * note-edit.c - a text through the user's editor and back (note-edit.h).
 *
 * The temp file lives in the diary directory (0700, the user's own), not
 * /tmp, so a note is never readable by others and never crosses a file
 * system boundary; mkstemps() creates it 0600.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "note-edit.h"

/* A note longer than this is refused rather than stored. */
#define NOTE_MAX (1024 * 1024)

static volatile sig_atomic_t note_signal;

static void
on_note_signal(int sig)
{
	note_signal = sig;
}

const char *
note_editor(void)
{
	const char *e = getenv("VISUAL");

	if (e == NULL || *e == '\0')
		e = getenv("EDITOR");
	if (e == NULL || *e == '\0')
		e = "vi";
	return e;
}

char *
note_trim_end(char *s)
{
	size_t n = strlen(s);

	while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r'))
		s[--n] = '\0';
	return s;
}

static int
write_all(int fd, const char *s, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, s, n);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		s += w;
		n -= (size_t)w;
	}
	return 0;
}

/* The whole file at @path as a string.  NULL with @err on failure. */
static char *
read_back(const char *path, struct ml_error *err)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	size_t n;

	if (f == NULL) {
		ml_error_set(err, path, 0, NULL, "cannot read the edited note: %s",
		    strerror(errno));
		return NULL;
	}
	buf = xmalloc(NOTE_MAX + 1);
	n = fread(buf, 1, NOTE_MAX + 1, f);
	if (ferror(f)) {
		ml_error_set(err, path, 0, NULL, "cannot read the edited note: %s",
		    strerror(errno));
		goto fail;
	}
	if (n > NOTE_MAX) {
		ml_error_set(err, path, 0, NULL, "the note is longer than %d bytes",
		    NOTE_MAX);
		goto fail;
	}
	buf[n] = '\0';
	if (strlen(buf) != n) {
		ml_error_set(err, path, 0, NULL, "the note holds a NUL byte");
		goto fail;
	}
	fclose(f);
	return buf;
fail:
	fclose(f);
	free(buf);
	return NULL;
}

/*
 * Run the editor on @path and wait.  The command goes through sh -c, as
 * git and crontab do, so "emacs -nw" or "code --wait" work; the path is
 * passed as $1, never pasted into the command.  Returns the wait status,
 * or -1 when the editor could not be started.
 */
static int
run_editor(const char *path, struct ml_error *err)
{
	char *cmd = xasprintf("%s \"$1\"", note_editor());
	int status;
	pid_t pid;

	pid = fork();
	if (pid < 0) {
		ml_error_set(err, NULL, 0, NULL, "cannot start the editor: %s",
		    strerror(errno));
		free(cmd);
		return -1;
	}
	if (pid == 0) {
		/* Ignored signals stay ignored across exec: undo ours. */
		signal(SIGINT, SIG_DFL);
		signal(SIGQUIT, SIG_DFL);
		execl("/bin/sh", "sh", "-c", cmd, "sh", path, (char *)NULL);
		_exit(127);
	}
	free(cmd);
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			ml_error_set(err, NULL, 0, NULL, "cannot wait for the "
			    "editor: %s", strerror(errno));
			return -1;
		}
		/* Told to go: ask the editor to go too (a hang-up usually
		 * reached it already), then clean up once it has. */
		if (note_signal != 0)
			kill(pid, SIGTERM);
	}
	return status;
}

enum note_edit_status
note_edit(const char *dir, const char *label, const char *text, char **out,
    struct ml_error *err)
{
	static const int caught[] = { SIGHUP, SIGTERM };
	static const int ignored[] = { SIGINT, SIGQUIT };
	struct sigaction sa, old_caught[2], old_ignored[2];
	enum note_edit_status st = NOTE_EDIT_ERROR;
	char *path, *got = NULL, *was;
	int fd, status;

	*out = NULL;
	/* Handlers first, so no signal can come between creating the file
	 * and being ready to remove it. */
	note_signal = 0;
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_note_signal;		/* no SA_RESTART: wake waitpid */
	for (size_t i = 0; i < ML_NELEM(caught); i++)
		sigaction(caught[i], &sa, &old_caught[i]);
	sa.sa_handler = SIG_IGN;
	for (size_t i = 0; i < ML_NELEM(ignored); i++)
		sigaction(ignored[i], &sa, &old_ignored[i]);

	path = xasprintf("%s/%s.XXXXXX.txt", dir, label);
	fd = mkstemps(path, 4);
	if (fd < 0) {
		ml_error_set(err, path, 0, NULL, "cannot create the note file: %s",
		    strerror(errno));
		ML_FREE(&path);
		goto done;
	}
	/* From here on the file is removed on every path out. */
	if (fchmod(fd, 0600) != 0 ||
	    write_all(fd, text, strlen(text)) != 0 ||
	    (*text != '\0' && write_all(fd, "\n", 1) != 0)) {
		ml_error_set(err, path, 0, NULL, "cannot write the note file: %s",
		    strerror(errno));
		close(fd);
		goto done;
	}
	if (close(fd) != 0) {
		ml_error_set(err, path, 0, NULL, "cannot write the note file: %s",
		    strerror(errno));
		goto done;
	}
	status = run_editor(path, err);
	if (status == -1)
		goto done;
	if (note_signal != 0) {
		ml_error_set(err, NULL, 0, NULL, "interrupted; nothing saved");
		st = NOTE_EDIT_REFUSED;
		goto done;
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 127) {
		ml_error_set(err, NULL, 0, NULL, "cannot run the editor '%s' "
		    "(set VISUAL or EDITOR)", note_editor());
		goto done;
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		/* What matters first: a long editor path may be cut off on
		 * the screen's notice line. */
		if (WIFEXITED(status))
			ml_error_set(err, NULL, 0, NULL, "nothing saved: the "
			    "editor exited with status %d (%s)",
			    WEXITSTATUS(status), note_editor());
		else
			ml_error_set(err, NULL, 0, NULL, "nothing saved: the "
			    "editor was stopped by signal %d (%s)",
			    WTERMSIG(status), note_editor());
		st = NOTE_EDIT_REFUSED;
		goto done;
	}
	if ((got = read_back(path, err)) == NULL)
		goto done;
	note_trim_end(got);
	was = note_trim_end(xstrdup(text));
	if (strcmp(got, was) == 0) {
		st = NOTE_EDIT_UNCHANGED;
	} else {
		st = NOTE_EDIT_CHANGED;
		*out = got;
		got = NULL;
	}
	free(was);
done:
	if (path != NULL)
		unlink(path);
	free(path);
	free(got);
	for (size_t i = 0; i < ML_NELEM(caught); i++)
		sigaction(caught[i], &old_caught[i], NULL);
	for (size_t i = 0; i < ML_NELEM(ignored); i++)
		sigaction(ignored[i], &old_ignored[i], NULL);
	/* The file is gone: now the caller's own handling of the signal. */
	if (note_signal != 0)
		raise(note_signal);
	return st;
}
