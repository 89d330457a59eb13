/*
 * save.c - the atomic save (save.h): mkstemp-style temp file in the same
 * directory, 0600, checked fflush + fsync + fclose, FILE.bak, rename,
 * fsync of the directory; the temp file is removed on any failure and by
 * csvio_abort_pending() from a signal handler.
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "save.h"

/* The temp file of the save in progress, for csvio_abort_pending(). */
static char pending_tmp[4096];
static volatile sig_atomic_t pending_set;

/* Hard-link the current file as PATH.bak; copy when links are refused. */
static int
keep_backup(const char *path, struct ml_error *err)
{
	char *bak = xasprintf("%s.bak", path);
	char buf[65536];
	ssize_t n;
	int in = -1, out = -1, rc = -1;

	if (unlink(bak) != 0 && errno != ENOENT)
		goto fail;
	if (link(path, bak) == 0) {
		struct stat st;

		/* The link shares the old file's mode: a spreadsheet that
		 * saved it 0644 would leave a 0644 .bak behind the new 0600
		 * file. */
		if (lstat(bak, &st) == 0 && S_ISREG(st.st_mode) &&
		    (st.st_mode & 07777) != 0600 && chmod(bak, 0600) != 0)
			goto fail;
		rc = 0;
		goto done;
	}
	if (errno == ENOENT) {		/* nothing to back up */
		rc = 0;
		goto done;
	}
	if ((in = open(path, O_RDONLY | O_CLOEXEC)) < 0 ||
	    (out = open(bak, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)) < 0)
		goto fail;
	while ((n = read(in, buf, sizeof buf)) > 0)
		if (write(out, buf, (size_t)n) != n)
			goto fail;
	if (n < 0 || fsync(out) != 0)
		goto fail;
	rc = 0;
	goto done;
fail:
	ml_error_set(err, bak, 0, NULL, "cannot keep backup: %s", strerror(errno));
	if (out >= 0) {
		/* A half-copied backup is worse than none: remove it. */
		close(out);
		out = -1;
		unlink(bak);
	}
done:
	if (in >= 0)
		close(in);
	if (out >= 0 && close(out) != 0 && rc == 0) {
		ml_error_set(err, bak, 0, NULL, "close: %s", strerror(errno));
		rc = -1;
	}
	free(bak);
	return rc;
}

static int
fsync_dir_of(const char *path)
{
	char *copy = xstrdup(path);
	int fd, rc;

	fd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	free(copy);
	if (fd < 0)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

int
csvio_save_atomic(const char *path, csvio_writer writer, void *ctx,
    bool backup, struct ml_error *err)
{
	char *tmp = xasprintf("%s.tmp.XXXXXX", path);
	FILE *fp = NULL;
	sigset_t all, old;
	int fd, saved;

	err->msg[0] = '\0';
	pending_set = 0;
	/* A signal between creating the temp file and registering it would
	 * leave it behind (make stress caught one under valgrind). */
	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, &old);
	fd = mkstemp(tmp);	/* O_CREAT | O_EXCL, mode 0600 */
	saved = errno;
	if (fd >= 0 && strlen(tmp) < sizeof pending_tmp) {
		memcpy(pending_tmp, tmp, strlen(tmp) + 1);
		pending_set = 1;
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (fd < 0) {
		ml_error_set(err, path, 0, NULL, "cannot create temporary file: %s",
		    strerror(saved));
		free(tmp);
		return -1;
	}
	if (fchmod(fd, 0600) != 0 || (fp = fdopen(fd, "w")) == NULL)
		goto fail;
	if (writer(fp, ctx, err) != 0 || fflush(fp) != 0 || ferror(fp))
		goto fail;
	if (fsync(fileno(fp)) != 0)
		goto fail;
	if (fclose(fp) != 0) {
		fp = NULL;
		fd = -1;
		goto fail;
	}
	fp = NULL;
	fd = -1;
	if (backup && keep_backup(path, err) != 0)
		goto fail_kept;
	if (rename(tmp, path) != 0)
		goto fail;
	pending_set = 0;
	if (fsync_dir_of(path) != 0) {
		/* The new file is in place; only durability is in doubt. */
		ml_error_set(err, path, 0, NULL, "fsync of directory: %s",
		    strerror(errno));
		free(tmp);
		return -1;
	}
	free(tmp);
	return 0;
fail:
	saved = errno;
	if (err->msg[0] == '\0')
		ml_error_set(err, path, 0, NULL, "cannot save: %s",
		    strerror(saved ? saved : EIO));
fail_kept:
	pending_set = 0;
	if (fp != NULL)
		fclose(fp);
	else if (fd >= 0)
		close(fd);
	unlink(tmp);
	free(tmp);
	return -1;
}

void
csvio_abort_pending(void)
{
	if (pending_set) {
		pending_set = 0;
		unlink(pending_tmp);
	}
}
