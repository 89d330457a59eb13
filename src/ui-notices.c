/*
 * ui-notices.c - the notices service: keeps the core's list of what the
 * patient must be told (notices.h) current, for the top line of every
 * screen.  The list is rebuilt only when a file changes (this process's
 * save or another's), never per key.
 */
#include "notices.h"
#include "ui.h"

static void
notices_refresh(struct ui *ui)
{
	notices_collect(ui->app, ui->day, &ui->notices);
	ui_dirty_frame(ui);
}

static void
notices_start(struct ui *ui)
{
	notices_refresh(ui);
}

static void
notices_saved(struct ui *ui, enum ml_file file, ml_day day)
{
	(void)file;
	(void)day;
	notices_refresh(ui);
}

static void
notices_reloaded(struct ui *ui, enum ml_file file)
{
	(void)file;
	notices_refresh(ui);
}

const struct ui_service ui_notices_service = {
	.name = "notices",
	.start = notices_start,
	.saved = notices_saved,
	.reloaded = notices_reloaded,
};
