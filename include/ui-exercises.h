/*
 * ui-exercises.h - the seams between the three files of the Exercises tab:
 *
 *   ui-exercises.c  the tab (struct ui_screen ui_exercises) and its first
 *                   view, today's slots: log them, see adherence
 *   ui-plan.c       the plan view (pause, resume, choose) and its form
 *   ui-reminders.c  the reminders service: the notice line, the bell, snooze
 *
 * Each file keeps its own state; these calls are the only way across.
 */
#ifndef ML_UI_EXERCISES_H
#define ML_UI_EXERCISES_H

#include "ui.h"

/* ui-exercises.c */
extern const struct ui_screen ui_exercises;
/* Load the plan and the last 30 days of its log (what the tab and the
 * reminders read); a failure goes to the notice line. */
void exercises_load(struct ui *ui);
/* Leave the plan view for today's slots, first slot selected. */
void exercises_show_today(struct ui *ui);

/* ui-plan.c: drawn and fed keys by the tab while it shows the plan. */
/* Show the plan list, first row selected. */
void plan_view_open(struct ui *ui);
void plan_view_draw(struct ui *ui, WINDOW *win);
enum ui_key_result plan_view_key(struct ui *ui, wint_t ch, bool is_key);
const char *plan_view_hints(void);
/* The cursor while a form field is being edited; false otherwise. */
bool plan_view_cursor(int *y, int *x);
/* Close the form's editor, if open, without saving (the tab is left). */
void plan_view_leave(void);

/* ui-plan-pause.c: Z on the plan view pauses the whole plan. */
bool plan_pause_prompting(void);
void plan_pause_start(struct ui *ui);
void plan_pause_leave(void);
/* The current pause, and the prompt while open, on the last two rows. */
void plan_pause_draw(struct ui *ui, WINDOW *win);
enum ui_key_result plan_pause_key(struct ui *ui, wint_t ch, bool is_key);
bool plan_pause_cursor(int *y, int *x);

/* ui-reminders.c */
extern const struct ui_service ui_reminders;
/* No reminder on the notice line for cfg.snooze_minutes; the bell rings
 * again, when they end, for what is still due. */
void reminders_snooze(struct ui *ui);

#endif
