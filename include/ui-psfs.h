/*
 * ui-psfs.h - the weekly function check-in (PSFS) on the screen: a small
 * form, opened from Today and Trends with w, that rates each active
 * activity 0-10 for the week (psfs.h), adds an activity, and shows the
 * week's mean and the change since the first week.
 *
 * The form is a screen without a tab: w, Esc or Enter on the last row go
 * back to the screen it was opened from; the tab keys work as anywhere.
 * Every rating is saved at once through psfs_rate() (one store
 * transaction each).
 */
#ifndef ML_UI_PSFS_H
#define ML_UI_PSFS_H

#include "ui.h"

extern const struct ui_screen ui_psfs;

/* Open the check-in for this week; w, Esc go back to the current screen. */
void ui_psfs_open(struct ui *ui);

#endif
