/*
 * testutil.h - small helpers shared by the cmocka unit tests: temporary
 * directories and whole-file reads and writes.
 */
#ifndef ML_TESTUTIL_H
#define ML_TESTUTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mendlog.h"
#include "store.h"

/* A fresh directory under $TMPDIR.  Caller frees (and removes it with
 * tu_rmrf). */
static inline char *
tu_tempdir(void)
{
	const char *base = getenv("TMPDIR");
	char *p = xasprintf("%s/mendlog-unit.XXXXXX", base ? base : "/tmp");

	if (mkdtemp(p) == NULL)
		fail_msg("mkdtemp: %s", p);
	return p;
}

static inline void
tu_rmrf(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;

	if (d == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		char *p;
		struct stat st;

		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		p = xasprintf("%s/%s", dir, de->d_name);
		if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode))
			tu_rmrf(p);
		else
			unlink(p);
		free(p);
	}
	closedir(d);
	rmdir(dir);
}

/* A store on a fresh temporary directory; returns the directory (free it
 * with tu_store_close). */
static inline char *
tu_store_open(struct ml_store *s)
{
	struct ml_error err;
	char *dir = tu_tempdir();

	if (store_open(s, dir, &err) != 0)
		fail_msg("store_open %s: %s", dir, err.msg);
	return dir;
}

/* Close the store, remove its directory and free @dir. */
static inline void
tu_store_close(char *dir, struct ml_store *s)
{
	store_close(s);
	tu_rmrf(dir);
	free(dir);
}

static inline void
tu_write(const char *path, const char *data, size_t len)
{
	FILE *fp = fopen(path, "wb");

	assert_non_null(fp);
	assert_int_equal(fwrite(data, 1, len, fp), len);
	assert_int_equal(fclose(fp), 0);
}

static inline void
tu_write_str(const char *path, const char *data)
{
	tu_write(path, data, strlen(data));
}

/* Whole file as a NUL-terminated string; *len (may be NULL) its length.
 * Caller frees.  NULL when missing. */
static inline char *
tu_read(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *buf;
	long n;

	if (fp == NULL)
		return NULL;
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	fseek(fp, 0, SEEK_SET);
	buf = xmalloc((size_t)n + 1);
	assert_int_equal(fread(buf, 1, (size_t)n, fp), (size_t)n);
	buf[n] = '\0';
	fclose(fp);
	if (len != NULL)
		*len = (size_t)n;
	return buf;
}

/* Count directory entries whose name contains @needle. */
static inline int
tu_count_entries(const char *dir, const char *needle)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int n = 0;

	if (d == NULL)
		return -1;
	while ((de = readdir(d)) != NULL)
		if (strstr(de->d_name, needle) != NULL)
			n++;
	closedir(d);
	return n;
}

#endif
