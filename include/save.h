/*
 * save.h - the one atomic save every file goes through (diary files via
 * store_transact, exports via -o): temp file, fsync, .bak, rename.
 */
#ifndef ML_SAVE_H
#define ML_SAVE_H

#include <stdbool.h>
#include <stdio.h>

#include "mendlog.h"

/*
 * Callback that writes a file's content to @fp; returns 0 or -1 (with
 * errno set or @err filled).
 */
typedef int (*csvio_writer)(FILE *fp, void *ctx, struct ml_error *err);

/*
 * Replace @path atomically: write through @writer into a 0600 temp file
 * created with O_EXCL in the same directory, fflush + fsync + fclose, keep
 * the old file as PATH.bak (when @keep_backup), rename over @path, fsync the
 * directory.  On any failure the temp file is removed, @path is untouched
 * and -1 is returned with @err set to "PATH: reason".
 */
int csvio_save_atomic(const char *path, csvio_writer writer, void *ctx,
    bool keep_backup, struct ml_error *err);

/*
 * Remove the temp file of a save in progress, if any.  Async-signal-safe:
 * for signal handlers of command-line writers, so an interrupted save or
 * export leaves neither a partial file nor a temp file behind.
 */
void csvio_abort_pending(void);

#endif
