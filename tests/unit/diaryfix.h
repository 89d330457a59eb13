/*
 * diaryfix.h - the fixture the core unit tests share: a store on a fresh
 * temporary directory and the default configuration.  A test's own setup
 * pins what it needs (MENDLOG_NOW, TZ) and then calls fx_setup; its
 * teardown calls fx_teardown.  Failures abort the test (cmocka).
 */
#ifndef ML_DIARYFIX_H
#define ML_DIARYFIX_H

#include "testutil.h"

#include "config.h"

struct fx {
	char *dir;
	struct ml_store s;
	struct ml_config cfg;
};

static inline int
fx_setup(void **state)
{
	struct fx *f = xcalloc(1, sizeof *f);

	f->dir = tu_store_open(&f->s);
	config_defaults(&f->cfg);
	*state = f;
	return 0;
}

static inline int
fx_teardown(void **state)
{
	struct fx *f = *state;

	config_free(&f->cfg);
	tu_store_close(f->dir, &f->s);
	free(f);
	return 0;
}

#endif
