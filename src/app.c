/*
 * app.c - the application context: config, store and diary directory.
 * Shared by the command line and the screen; reports, never prints.
 */
#include <stdlib.h>
#include <string.h>

#include "app.h"

int
app_load_config(struct ml_app *app, ml_config_report report, void *rctx,
    struct ml_error *err)
{
	bool explicit;
	char *path;
	int rc = 0;

	if (app->cfg_loaded)
		return 0;
	config_defaults(&app->cfg);
	app->cfg_loaded = true;
	path = config_path(app->config_flag, &explicit);
	if (path != NULL) {
		rc = config_load(&app->cfg, path, explicit, report, rctx, err);
		free(path);
	}
	return rc;
}

bool
app_config_error_reported(const struct ml_error *err)
{
	return err->line != 0 || err->field[0] != '\0';
}

int
app_open_store(struct ml_app *app, ml_config_report report, void *rctx,
    struct ml_error *err)
{
	if (app->store_open)
		return 0;
	if (app_load_config(app, report, rctx, err) != 0)
		return -1;
	if (app->data_dir == NULL)
		app->data_dir = config_data_dir(app->data_dir_flag, &app->cfg);
	if (app->data_dir == NULL) {
		ml_error_set(err, NULL, 0, NULL,
		    "cannot find a home directory; use --data-dir");
		return -1;
	}
	if ((app->read_first ? store_open_read(&app->store, app->data_dir,
	    err) : store_open(&app->store, app->data_dir, err)) != 0)
		return -1;
	app->store_open = true;
	return 0;
}

int
app_load(struct ml_app *app, enum ml_file file, struct ml_error *err)
{
	return store_load(&app->store, file, NULL, err);
}

void
app_free(struct ml_app *app)
{
	if (app->store_open)
		store_close(&app->store);
	if (app->cfg_loaded)
		config_free(&app->cfg);
	free(app->data_dir);
	memset(app, 0, sizeof *app);
}
