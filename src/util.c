/*
 * util.c - allocation and error helpers shared by every module.
 */
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mendlog.h"
#include "text.h"

static void (*fatal_hook)(void);

void
ml_set_fatal_hook(void (*hook)(void))
{
	fatal_hook = hook;
}

void
fatal(const char *fmt, ...)
{
	va_list ap;

	/* Restore the terminal first, or the message is lost in curses mode. */
	if (fatal_hook != NULL)
		fatal_hook();
	fputs("mendlog: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(ML_EXIT_FAIL);
}

void *
xmalloc(size_t size)
{
	void *p = malloc(size == 0 ? 1 : size);

	if (p == NULL)
		fatal("out of memory (%zu bytes)", size);
	return p;
}

void *
xcalloc(size_t nmemb, size_t size)
{
	void *p = calloc(nmemb == 0 ? 1 : nmemb, size == 0 ? 1 : size);

	if (p == NULL)
		fatal("out of memory (%zu x %zu bytes)", nmemb, size);
	return p;
}

void *
xrealloc(void *ptr, size_t size)
{
	void *p = realloc(ptr, size == 0 ? 1 : size);

	if (p == NULL)
		fatal("out of memory (%zu bytes)", size);
	return p;
}

void *
xreallocarray(void *ptr, size_t nmemb, size_t size)
{
	if (size != 0 && nmemb > SIZE_MAX / size)
		fatal("allocation overflow (%zu x %zu)", nmemb, size);
	return xrealloc(ptr, nmemb * size);
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list ap, ap2;
	int n;
	char *p;

	va_start(ap, fmt);
	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		fatal("xasprintf: bad format");
	p = xmalloc((size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap2);
	va_end(ap2);
	return p;
}

void
ml_error_set(struct ml_error *err, const char *file, long line,
    const char *field, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL)
		return;
	snprintf(err->file, sizeof err->file, "%s", file ? file : "");
	err->line = line;
	snprintf(err->field, sizeof err->field, "%s", field ? field : "");
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	va_end(ap);
}

void
ml_error_format(const struct ml_error *err, char *buf, size_t size)
{
	size_t off = 0;
	int n;

	buf[0] = '\0';
#define APPEND(...) do { \
	n = snprintf(buf + off, size - off, __VA_ARGS__); \
	if (n < 0 || (size_t)n >= size - off) return; \
	off += (size_t)n; \
} while (0)
	if (err->file[0] != '\0') {
		if (err->line > 0)
			APPEND("%s:%ld: ", err->file, err->line);
		else
			APPEND("%s: ", err->file);
	}
	if (err->field[0] != '\0')
		APPEND("%s: ", err->field);
	APPEND("%s", err->msg);
#undef APPEND
}

const char *
ml_printable(const char *v, size_t max, char *buf, size_t size)
{
	int cols = max > INT_MAX ? -1 : (int)max, width;
	size_t fit = text_fit(v, cols, &width);

	/* "..." after @max columns of text, as the quoted value's own
	 * width is what a reader compares. */
	if (v[fit] == '\0' || size < 4) {
		text_safe(buf, size, v, -1, TEXT_ELLIPSIS);
		return buf;
	}
	text_safe(buf, size - 3, v, width, 0);
	strcat(buf, "...");
	return buf;
}
