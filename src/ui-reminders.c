/*
 * ui-reminders.c - the reminders service: beside every screen, its tick
 * (after each key and at every input timeout, cfg.refresh_seconds) puts
 * the first due exercise slot on the notice line and rings the bell once
 * per newly due slot.  z on the Exercises tab snoozes it.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "plan.h"
#include "state.h"
#include "text.h"
#include "ui-exercises.h"

static struct {
	time_t snooze_until;
	time_t rung_upto;	/* slots due at or before this have rung */
} rem;

void
reminders_snooze(struct ui *ui)
{
	time_t until = ml_now() + (time_t)ui->cfg->snooze_minutes * 60;
	struct tm tm;
	char hhmm[8];
	struct ml_error err;

	rem.snooze_until = until;
	/* When the snooze ends, the bell rings again for what is still due. */
	rem.rung_upto = 0;
	ui->reminder[0] = '\0';
	localtime_r(&until, &tm);
	strftime(hhmm, sizeof hhmm, "%H:%M", &tm);
	/* Stored, so `mendlog due` (cron, a login) holds back too. */
	if (state_set_snooze(ui->store->dir, until, &err) != 0)
		ui_message(ui, "Reminders snoozed here until %s (not saved "
		    "for mendlog due: %s)", hhmm, err.msg);
	else
		ui_message(ui, "Reminders snoozed until %s", hhmm);
	ui_dirty_frame(ui);
}

static void reminders_tick(struct ui *ui);

/* After the first frame: the plan and log are not needed to draw it. */
static void
reminders_started(struct ui *ui)
{
	exercises_load(ui);
	/* Only slots that come due from now on ring; those already due are
	 * shown at once, without a bell. */
	rem.rung_upto = ml_now();
	reminders_tick(ui);
}

static void
reminders_tick(struct ui *ui)
{
	static unsigned long last_sig;
	struct plan_slot first;
	time_t now = ml_now(), newest;
	unsigned long sig;
	size_t due;
	bool quiet;
	char line[sizeof ui->reminder] = "";

	if (!ui->store->files[ML_EXERCISES].loaded)
		exercises_load(ui);
	due = plan_due_now(ui->store, ui->cfg, now, &first, &newest);
	/* A fresh message (saved, not saved: why) has the notice line for a
	 * few seconds; the reminder comes back at a later tick. */
	quiet = ui->message[0] != '\0' && now - ui->message_at < 4;
	if (due > 0 && now >= rem.snooze_until) {
		char more[32] = "";

		if (due > 1)
			snprintf(more, sizeof more, " (+%zu more)", due - 1);
		if (!quiet) {
			char name[64];

			/* At most 60 bytes, never inside a character. */
			text_safe(name, 61, store_get(ui->store, ML_EXERCISES,
			    first.exercise_row, XC_NAME), -1, 0);
			snprintf(line, sizeof line, "Exercise %s %02d:%02d: %s%s - "
			    "F4, then d when done, z to snooze",
			    first.status == PLAN_OVERDUE ? "overdue since" : "due",
			    first.minutes / 60, first.minutes % 60, name, more);
		}
		if (newest > rem.rung_upto) {
			rem.rung_upto = newest;
			if (ui->cfg->bell)
				ui->bell = true;
		}
	}
	/* Statuses change with the clock (later -> due -> overdue): redraw
	 * the today list when the minute or the count changes. */
	sig = (unsigned long)(now / 60) * 31u + due;
	if (sig != last_sig && ui->screen == &ui_exercises)
		ui_dirty(ui);
	last_sig = sig;
	if (strcmp(line, ui->reminder) != 0) {
		snprintf(ui->reminder, sizeof ui->reminder, "%s", line);
		ui_dirty_frame(ui);
		if (ui->screen == &ui_exercises)
			ui_dirty(ui);
	}
}

static void
reminders_changed(struct ui *ui, enum ml_file file)
{
	if (file == ML_EXERCISES || file == ML_EXERCISE_LOG ||
	    file == ML_PLAN_HISTORY || file == ML_PLAN_PAUSES)
		reminders_tick(ui);
}

static void
reminders_saved(struct ui *ui, enum ml_file file, ml_day day)
{
	(void)day;
	reminders_changed(ui, file);
}

const struct ui_service ui_reminders = {
	.name = "reminders",
	.started = reminders_started,
	.tick = reminders_tick,
	.saved = reminders_saved,
	.reloaded = reminders_changed,
};
