/*
 * ui.h - the screen framework: the only part of mendlog that uses curses.
 *
 * The frame owns the terminal and the layout of an 80x24 (or larger)
 * screen:
 *
 *   row 0        top line: date, "day N after ...", alert banner
 *   row 1        tabs: 1 Today  2 History  3 Alerts  4 Exercises  5 Trends  ? Help
 *   rows 2..L-3  the body, drawn by the current screen
 *   row L-2      notice line: a reminder, or the last message
 *   row L-1      status line: the screen's keys and "saved HH:MM"
 *
 * A screen is a const struct ui_screen (one ui-*.c file each) listed in the
 * frame's table; a service (alerts, reminders) is a const struct ui_service
 * that runs beside every screen.  Neither touches another screen's state.
 *
 * Redrawing: call ui_dirty() when the body must be redrawn; the frame
 * redraws only dirty windows (wnoutrefresh + one doupdate) and never calls
 * clear() on a key.  Input blocks in wget_wch() with a timeout, so an idle
 * mendlog uses no CPU and sends no bytes.
 */
#ifndef ML_UI_H
#define ML_UI_H

#include <curses.h>
#include <stdbool.h>
#include <time.h>
#include <wchar.h>

#include "alerts.h"
#include "app.h"
#include "notices.h"
#include "date.h"

struct ui;

enum ui_key_result { UI_KEY_UNHANDLED, UI_KEY_HANDLED };

struct ui_screen {
	const char *name;		/* tab label */
	int tab_key;			/* '1'..'5' or '?' */
	bool digits_are_input;		/* digits do not switch tabs here */
	/* All hooks may be NULL except draw. */
	void (*enter)(struct ui *ui);
	void (*leave)(struct ui *ui);
	/* Draw the whole body into @win (already erased). */
	void (*draw)(struct ui *ui, WINDOW *win);
	/* A key: @ch is a character when !is_key, a KEY_* code otherwise. */
	enum ui_key_result (*key)(struct ui *ui, wint_t ch, bool is_key);
	/* Keys to show on the status line. */
	const char *(*hints)(struct ui *ui);
	/* Save whatever is being typed (SIGHUP, SIGTERM, quit). */
	void (*flush)(struct ui *ui);
	/*
	 * A bracketed paste of @n characters (line breaks as pasted): return
	 * true when an open editor took it as text.  NULL or false: the frame
	 * ignores the paste and says so.  A paste is never fed to key().
	 */
	bool (*paste)(struct ui *ui, const wchar_t *text, size_t n);
	/* Position the terminal cursor, or hide it (return false). */
	bool (*cursor)(struct ui *ui, int *y, int *x);
	/*
	 * This screen's keys for the Help screen, or NULL: lines of at most
	 * 38 columns, NULL-terminated; the first is the title, and an empty
	 * line starts a new block (blocks are kept whole in one column).
	 */
	const char *const *help;
};

struct ui_service {
	const char *name;
	/* Before the first frame: only what that frame shows. */
	void (*start)(struct ui *ui);
	/* Right after the first frame is on screen, before the first wait
	 * for input: the rest of starting (files the first frame does not
	 * need, checks whose result may change it), so the screen shows at
	 * once. */
	void (*started)(struct ui *ui);
	/* Every wake-up: after a key or the input timeout. */
	void (*tick)(struct ui *ui);
	/* After this process saved @file (@day for entries); the save ran
	 * the rules itself (record.h). */
	void (*saved)(struct ui *ui, enum ml_file file, ml_day day);
	/* After another process changed @file and it was reloaded. */
	void (*reloaded)(struct ui *ui, enum ml_file file);
	/* A modal dialog: return true when it took the key. */
	bool (*modal_key)(struct ui *ui, wint_t ch, bool is_key);
	/* Draw the dialog, if one is open, over the body. */
	void (*draw_modal)(struct ui *ui, WINDOW *body);
};

/* Semantic attributes: colour when allowed, reverse/bold otherwise. */
enum ui_role {
	UI_NORMAL, UI_TITLE, UI_TAB, UI_TAB_ACTIVE, UI_SELECTED, UI_DIM,
	UI_EMERGENCY, UI_URGENT, UI_CONTACT, UI_WATCH, UI_OK, UI_INVALID,
	UI_NROLES
};

struct ui {
	struct ml_app *app;
	struct ml_store *store;
	const struct ml_config *cfg;

	ml_day day;			/* the day day-based screens show */
	const struct ui_screen *screen;

	WINDOW *top, *tabs, *body, *notice, *status;
	int rows, cols;
	bool too_small;
	bool dirty_body, dirty_frame;

	bool color;			/* colour in use */
	bool utf8;			/* the locale is UTF-8 */
	bool first_run;			/* no diary files existed at start */

	char banner[128];		/* alert banner, set by the alerts service */
	struct ml_notices notices;	/* set by the notices service */
	int banner_role;		/* UI_EMERGENCY / UI_URGENT */
	char reminder[160];		/* reminder line, set by the reminders service */
	bool bell;			/* ring the bell once at the next update */
	char message[160];		/* last message for the notice line */
	time_t message_at;
	time_t last_save;		/* for "saved HH:MM"; 0 = none yet */
	int wake_ms;			/* a service wants a wake-up this soon
					 * (0 = the usual input timeout); set
					 * again each time, reset by the loop */

	bool quit;
};

/* Entry point from main(): run the screen until the user quits. */
int ui_main(struct ml_app *app);

/* The body must be redrawn. */
void ui_dirty(struct ui *ui);
/* The top, tabs, notice and status lines must be redrawn. */
void ui_dirty_frame(struct ui *ui);
/* Show a message on the notice line. */
void ui_message(struct ui *ui, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Switch to @screen (calls leave/enter). */
void ui_switch(struct ui *ui, const struct ui_screen *screen);
/* Switch to the screen with tab key @tab_key ('1'..'5', '?'). */
void ui_switch_tab(struct ui *ui, int tab_key);
/* The @i-th screen in tab order, or NULL past the last. */
const struct ui_screen *ui_screen_at(size_t i);
/* Show @day on day-based screens. */
void ui_set_day(struct ui *ui, ml_day day);

/*
 * Save fields of @day (record_day: the store's transaction, then the rules
 * on its days), tell every service, and show what was raised.  On failure
 * the error is shown on the notice line and -1 returned; nothing is lost
 * from the file.
 */
int ui_save_entry(struct ui *ui, ml_day day, const struct ml_set *sets,
    size_t nsets);
/* Tell services that this process saved @file (for saves not through
 * ui_save_entry, e.g. exercise logs). */
void ui_notify_saved(struct ui *ui, enum ml_file file, ml_day day);

/*
 * The alerts service (ui-alerts-service.c), for the screens.
 */
struct record_result;
/* Show what a save of this process raised (record.h): the notice line,
 * the banner, a dialog for a new emergency; a failure to record them,
 * retried on a later tick. */
void ui_alerts_show(struct ui *ui, const struct record_result *res);
/* True while an emergency dialog is open (it takes every key). */
bool ui_alerts_dialog_open(void);
/* Acknowledge the alert with key @key (alert_row_key), and say so. */
void ui_alerts_acknowledge(struct ui *ui, const char *key);
/* Answer the alert of @key (alert_row_key): read, seen or error. */
void ui_alerts_mark(struct ui *ui, const char *key, enum alert_mark mark);
/* Reload alerts.csv if it changed; a failure goes to the notice line. */
void ui_alerts_load(struct ui *ui);

/* Ask the terminal to mark pastes (bracketed paste), or stop: off while
 * another program (the user's $EDITOR) has the terminal. */
void ui_paste_mode(bool on);

/*
 * The Procedures view (ui-procedures.c): not a tab; `p` opens it from any
 * screen that does not use the key.  ui_procedures_first_start() opens
 * its form as the first-start form of an empty diary.
 */
extern const struct ui_screen ui_procedures;
void ui_procedures_first_start(struct ui *ui);

/* Attribute for @role. */
attr_t ui_attr(const struct ui *ui, enum ui_role role);

/* Print untrusted @s into @win at (y, x), at most @width columns, through
 * text.h's output gate (controls, bidi, invalid bytes shown escaped). */
void ui_put(WINDOW *win, int y, int x, int width, const char *s);
/* Untrusted @s word-wrapped (text_wrap()) into rows y.. of @win, at most
 * @maxrows of them, each through ui_put().  Returns the rows drawn. */
int ui_put_wrapped(WINDOW *win, int y, int x, int width, int maxrows,
    const char *s);
/* Display width of @s as ui_put() shows it (text_width()). */
int ui_strwidth(const char *s);

#endif
