/*
 * app.h - the application context: the config, the store and the resolved
 * diary directory that every front end (command line, screen) works on.
 * Core code: no curses, no printing.
 *
 * The front end fills the overrides it parsed (-d, -c, --no-color), then
 * calls app_open_store() (or app_load_config() alone).  Both run at most
 * once per context and fill a struct ml_error on failure; problems inside
 * the config file go, line by line, to the report callback given.
 * app_free() releases everything; the context may then be reused.
 */
#ifndef ML_APP_H
#define ML_APP_H

#include <stdbool.h>

#include "config.h"
#include "store.h"

struct ml_app {
	const char *data_dir_flag;	/* -d, or NULL; not owned */
	const char *config_flag;	/* -c, or NULL; not owned */
	bool no_color;			/* --no-color */
	bool read_first;		/* open the store changing nothing
					 * (store_open_read): the command line,
					 * whose read-only commands must work on
					 * a read-only copy */

	struct ml_config cfg;		/* valid once cfg_loaded */
	bool cfg_loaded;
	struct ml_store store;		/* valid once store_open */
	bool store_open;
	char *data_dir;			/* resolved; owned */
};

/*
 * Load the config (once: later calls return 0 at once, even after a
 * failure, so a command reports a bad config a single time).  Problems inside the file are passed to @report as
 * they are found; on -1, @err says what failed.  When @err's line is 0 and
 * its field empty the failure is about the file as a whole (missing,
 * unreadable) and was not passed to @report.
 */
int app_load_config(struct ml_app *app, ml_config_report report, void *rctx,
    struct ml_error *err);

/* Load the config and open the store in the resolved directory (once).
 * -1 and @err on failure. */
int app_open_store(struct ml_app *app, ml_config_report report, void *rctx,
    struct ml_error *err);

/* Load @file into the open store.  -1 and @err on failure. */
int app_load(struct ml_app *app, enum ml_file file, struct ml_error *err);

/* True when app_load_config's failure @err was already passed to the
 * report callback, so showing it again would repeat it. */
bool app_config_error_reported(const struct ml_error *err);

/* Close the store and free the config and directory; zeroes @app. */
void app_free(struct ml_app *app);

#endif
