/*
 * mendlog.h - things every module shares: the version, exit codes, the
 * error record core modules fill for their callers, and the never-NULL
 * allocators.
 *
 * Error convention: core functions return 0 on success and -1 on failure,
 * and on failure fill a caller-supplied struct ml_error (which may be NULL
 * when the caller does not care).  Core never prints; the front end (CLI or
 * screen) decides how to show the error.
 */
#ifndef MENDLOG_H
#define MENDLOG_H

#include <stdarg.h>
#include <stddef.h>

#define MENDLOG_VERSION "0.1.0"

/* Exit statuses of the mendlog command. */
enum ml_exit {
	ML_EXIT_OK = 0,		/* success */
	ML_EXIT_FAIL = 1,	/* I/O error, invalid data, lock failure */
	ML_EXIT_USAGE = 2	/* bad command line */
};

/* Where and why something failed.  Empty strings / zero line = unknown. */
struct ml_error {
	char file[512];		/* path of the file concerned, or "" */
	long line;		/* 1-based line in that file, or 0 */
	char field[64];		/* column or config key, or "" */
	char msg[512];		/* human readable reason */
};

/* Fill @err (if not NULL).  @file and @field may be NULL. */
void ml_error_set(struct ml_error *err, const char *file, long line,
    const char *field, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* Format as "FILE:LINE: field: msg" into @buf (parts left out when empty). */
void ml_error_format(const struct ml_error *err, char *buf, size_t size);

/*
 * Allocators that never return NULL: on exhaustion they run the registered
 * fatal hook (the screen uses it to restore the terminal) and exit(1).
 */
void *xmalloc(size_t size);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *ptr, size_t size);
void *xreallocarray(void *ptr, size_t nmemb, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* printf into a new string.  Caller frees. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Print "mendlog: msg" to stderr, run the fatal hook and exit(1). */
void fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
/* Called by fatal() before exiting; NULL for none. */
void ml_set_fatal_hook(void (*hook)(void));

/*
 * @v made safe to quote in a message, into @buf: at most @max columns,
 * through text.h's gate (control bytes, invalid UTF-8 and byte order marks
 * as \xHH, C1 and bidi controls as <U+XXXX>, so a file cannot send escape
 * sequences to the terminal, and what is wrong shows); "..." after @max
 * columns when cut.  Returns @buf.
 */
const char *ml_printable(const char *v, size_t max, char *buf, size_t size);

/* Free *pp and set it to NULL. */
#define ML_FREE(pp) do { free(*(pp)); *(pp) = NULL; } while (0)

#define ML_NELEM(a) (sizeof(a) / sizeof((a)[0]))

#endif
