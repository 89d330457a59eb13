/*
 * ui.c - the frame: terminal set-up, layout, the input loop, signals, the
 * tab and status lines, and watching the diary for other writers.
 *
 * Signal handlers only set flags; the loop wakes from wget_wch() (EINTR or
 * the timeout), asks the current screen to flush any open editor, and
 * leaves curses in order.
 *
 * Bracketed paste: the frame asks the terminal to mark pastes (mode 2004)
 * and reads a marked paste whole, so pasted text never acts as keys: an
 * open editor takes it as text (struct ui_screen's paste), anywhere else it
 * is dropped with a notice.  The mode is switched off whenever the
 * terminal goes back to the shell (quit, fatal error, Ctrl-Z), so a paste
 * there is not wrapped in markers the shell does not expect.
 */
#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#include "diary.h"
#include "timeline.h"
#include "record.h"
#include "text.h"
#include "ui.h"

#define MIN_COLS 80
#define MIN_ROWS 24

/* Key codes for the paste markers ESC [ 200 ~ and ESC [ 201 ~, above every
 * code curses defines (define_key). */
#define KEY_PASTE_BEGIN (KEY_MAX + 100)
#define KEY_PASTE_END (KEY_MAX + 101)
#define PASTE_MODE_ON "\033[?2004h"
#define PASTE_MODE_OFF "\033[?2004l"
/* A paste longer than this is cut (the longest field holds 4000). */
#define PASTE_MAX 65536
/* A paste whose end marker does not come within this is taken as ended. */
#define PASTE_WAIT_MS 1000

extern const struct ui_screen ui_today, ui_history, ui_alerts, ui_exercises,
    ui_trends, ui_help;
extern const struct ui_service ui_reminders;

/* Tab order.  A screen is one line here and one ui-*.c file. */
static const struct ui_screen *const screens[] = {
	&ui_today, &ui_history, &ui_alerts, &ui_exercises, &ui_trends, &ui_help,
};

extern const struct ui_service ui_alerts_service;
extern const struct ui_service ui_notices_service;

/* Services that run beside every screen (alerts, reminders). */
static const struct ui_service *const services[] = {
	&ui_notices_service,
	&ui_alerts_service,
	&ui_reminders,
};

static volatile sig_atomic_t got_hup, got_term, got_int;
static bool curses_up;
static struct sigaction curses_tstp;	/* curses' own Ctrl-Z handler */

static void
on_signal(int sig)
{
	int saved = errno;

	if (sig == SIGHUP)
		got_hup = 1;
	else if (sig == SIGTERM)
		got_term = 1;
	else
		got_int = 1;
	errno = saved;
}

void
ui_paste_mode(bool on)
{
	const char *seq = on ? PASTE_MODE_ON : PASTE_MODE_OFF;

	/* write(2): also called from the Ctrl-Z handler. */
	(void)!write(STDOUT_FILENO, seq, strlen(seq));
}

static void
restore_terminal(void)
{
	if (curses_up) {
		endwin();
		ui_paste_mode(false);
		curses_up = false;
	}
}

/*
 * Ctrl-Z: curses' handler leaves and restores the screen; around it, the
 * paste mode goes off for the shell and on again.  Not just a flag like the
 * other handlers: the process stops inside curses' handler, and the shell
 * must see the mode off before that.  write(2) is async-signal-safe.
 */
static void
on_tstp(int sig)
{
	int saved = errno;

	ui_paste_mode(false);
	curses_tstp.sa_handler(sig);
	ui_paste_mode(true);
	errno = saved;
}

#define EACH_SERVICE(svc) \
	for (size_t svc_i_ = 0; svc_i_ < ML_NELEM(services); svc_i_++) \
		for (const struct ui_service *svc = services[svc_i_]; svc != NULL; \
		    svc = NULL)

void
ui_dirty(struct ui *ui)
{
	ui->dirty_body = true;
}

void
ui_dirty_frame(struct ui *ui)
{
	ui->dirty_frame = true;
}

void
ui_message(struct ui *ui, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ui->message, sizeof ui->message, fmt, ap);
	va_end(ap);
	ui->message_at = ml_now();
	ui->dirty_frame = true;
}

void
ui_switch(struct ui *ui, const struct ui_screen *screen)
{
	if (screen == ui->screen)
		return;
	if (ui->screen != NULL && ui->screen->leave != NULL)
		ui->screen->leave(ui);
	ui->screen = screen;
	if (screen->enter != NULL)
		screen->enter(ui);
	ui->dirty_body = ui->dirty_frame = true;
}

void
ui_switch_tab(struct ui *ui, int tab_key)
{
	for (size_t i = 0; i < ML_NELEM(screens); i++)
		if (screens[i]->tab_key == tab_key)
			ui_switch(ui, screens[i]);
}

const struct ui_screen *
ui_screen_at(size_t i)
{
	return i < ML_NELEM(screens) ? screens[i] : NULL;
}

void
ui_set_day(struct ui *ui, ml_day day)
{
	if (day == ui->day)
		return;
	ui->day = day;
	ui->dirty_body = ui->dirty_frame = true;
}

void
ui_notify_saved(struct ui *ui, enum ml_file file, ml_day day)
{
	ui->last_save = ml_now();
	ui->dirty_frame = ui->dirty_body = true;
	EACH_SERVICE(svc)
		if (svc->saved != NULL)
			svc->saved(ui, file, day);
}

int
ui_save_entry(struct ui *ui, ml_day day, const struct ml_set *sets,
    size_t nsets)
{
	struct record_result res;
	struct ml_error err;
	char buf[600];

	if (record_day(ui->store, ui->cfg, day, sets, nsets, &res, &err) != 0) {
		ml_error_format(&err, buf, sizeof buf);
		ui_message(ui, "not saved: %s", buf);
		beep();
		return -1;
	}
	ui_notify_saved(ui, ML_ENTRIES, day);
	ui_alerts_show(ui, &res);
	record_result_free(&res);
	return 0;
}

attr_t
ui_attr(const struct ui *ui, enum ui_role role)
{
	/* Monochrome first: every role reads without colour. */
	static const attr_t mono[UI_NROLES] = {
		[UI_NORMAL] = A_NORMAL, [UI_TITLE] = A_BOLD,
		[UI_TAB] = A_NORMAL, [UI_TAB_ACTIVE] = A_REVERSE,
		[UI_SELECTED] = A_REVERSE, [UI_DIM] = A_DIM,
		[UI_EMERGENCY] = A_REVERSE | A_BOLD, [UI_URGENT] = A_REVERSE,
		[UI_CONTACT] = A_BOLD, [UI_WATCH] = A_NORMAL, [UI_OK] = A_NORMAL,
		[UI_INVALID] = A_UNDERLINE,
	};
	attr_t a = mono[role];

	if (ui->color) {
		switch (role) {
		case UI_EMERGENCY: a |= COLOR_PAIR(1); break;
		case UI_URGENT: a |= COLOR_PAIR(2); break;
		case UI_CONTACT: a |= COLOR_PAIR(3); break;
		case UI_OK: a |= COLOR_PAIR(4); break;
		case UI_TITLE: a |= COLOR_PAIR(5); break;
		default: break;
		}
	}
	return a;
}

int
ui_strwidth(const char *s)
{
	return text_width(s);
}

/*
 * Through the gate first (text.h), so a file's escape sequences or bidi
 * controls show as inert text; then character by character, so a locale
 * that cannot decode UTF-8 shows '?' rather than raw bytes.
 */
void
ui_put(WINDOW *win, int y, int x, int width, const char *s)
{
	char *safe = text_safe_dup(s, width, 0);
	const char *p = safe;
	mbstate_t st;
	int used = 0;

	memset(&st, 0, sizeof st);
	wmove(win, y, x);
	while (*p && used < width) {
		wchar_t wc;
		size_t n = mbrtowc(&wc, p, MB_CUR_MAX, &st);
		int w;

		if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
			memset(&st, 0, sizeof st);
			waddch(win, '?');
			p++;
			used++;
			continue;
		}
		/* Columns from text.c's table, like the cut above; what this
		 * locale cannot print is one '?'. */
		w = text_cp_width((unsigned long)wc);
		if (wcwidth(wc) < 0) {
			wc = L'?';
			w = 1;
		}
		if (used + w > width)
			break;
		waddnwstr(win, &wc, 1);
		used += w;
		p += n;
	}
	free(safe);
}

struct wrap_rows {
	WINDOW *win;
	int y, x, width, max;
};

static void
put_wrapped_line(void *ctx, size_t i, const char *start, size_t len)
{
	struct wrap_rows *w = ctx;
	char *line;

	if (i >= (size_t)w->max)
		return;
	line = xstrndup(start, len);
	ui_put(w->win, w->y + (int)i, w->x, w->width, line);
	free(line);
}

int
ui_put_wrapped(WINDOW *win, int y, int x, int width, int maxrows,
    const char *s)
{
	struct wrap_rows w = { win, y, x, width, maxrows };
	size_t n;

	if (maxrows <= 0)
		return 0;
	n = text_wrap(s, width, put_wrapped_line, &w);
	return n < (size_t)maxrows ? (int)n : maxrows;
}

static void
delete_windows(struct ui *ui)
{
	WINDOW **w[] = { &ui->top, &ui->tabs, &ui->body, &ui->notice, &ui->status };

	for (size_t i = 0; i < ML_NELEM(w); i++)
		if (*w[i] != NULL) {
			delwin(*w[i]);
			*w[i] = NULL;
		}
}

static void
layout(struct ui *ui)
{
	delete_windows(ui);
	getmaxyx(stdscr, ui->rows, ui->cols);
	ui->too_small = ui->rows < MIN_ROWS || ui->cols < MIN_COLS;
	werase(stdscr);
	wnoutrefresh(stdscr);
	if (ui->too_small)
		return;
	ui->top = newwin(1, ui->cols, 0, 0);
	ui->tabs = newwin(1, ui->cols, 1, 0);
	ui->body = newwin(ui->rows - 4, ui->cols, 2, 0);
	ui->notice = newwin(1, ui->cols, ui->rows - 2, 0);
	ui->status = newwin(1, ui->cols, ui->rows - 1, 0);
	if (!ui->top || !ui->tabs || !ui->body || !ui->notice || !ui->status)
		fatal("cannot create windows");
	keypad(ui->body, TRUE);
	/* A new window forgets the input timeout: set it again, or a resize
	 * would stop the wake-ups that notice other writers. */
	wtimeout(ui->body, ui->cfg->refresh_seconds * 1000);
	ui->dirty_body = ui->dirty_frame = true;
}

static void
draw_too_small(struct ui *ui)
{
	char msg[80];

	werase(stdscr);
	snprintf(msg, sizeof msg, "terminal too small (need %dx%d)", MIN_COLS,
	    MIN_ROWS);
	mvaddnstr(ui->rows / 2, 0, msg, ui->cols);
	snprintf(msg, sizeof msg, "now %dx%d: enlarge it, or press q to quit",
	    ui->cols, ui->rows);
	if (ui->rows > 1)
		mvaddnstr(ui->rows / 2 + 1, 0, msg, ui->cols);
	wnoutrefresh(stdscr);
}

/*
 * The most pressing notice (a check that is off, a value not read) after
 * the date and "day N after", in the columns [@from, @to): never silent,
 * but never over the date, the day count or an alert banner.
 */
static void
draw_top_notice(struct ui *ui, int from, int to)
{
	char text[ML_NOTICE_SHORT + 8];
	int room = to - from - 2;

	if (ui->notices.n == 0 || room < 12)
		return;
	snprintf(text, sizeof text, "! %s", ui->notices.v[0].short_text);
	wattron(ui->top, ui_attr(ui, UI_URGENT));
	ui_put(ui->top, 0, from + 2, room, text);
	wattroff(ui->top, ui_attr(ui, UI_URGENT));
}

/* The day count of ui->day: the newest procedure, and an earlier one
 * still inside its window (timeline.h). */
static void
top_label(struct ui *ui, char *buf, size_t size)
{
	struct ml_timeline tl;

	timeline_build(&tl, ui->store, ui->cfg);
	timeline_label(&tl, ui->day, buf, size);
	timeline_free(&tl);
}

static void
draw_top(struct ui *ui)
{
	char date[ML_DATE_LEN], label[160], left[240];
	int y, m, d, x;
	static const char *const wd[] = { "Mon", "Tue", "Wed", "Thu", "Fri",
	    "Sat", "Sun" };
	const char *today;

	werase(ui->top);
	ml_date_format(ui->day, date);
	ml_date_to_ymd(ui->day, &y, &m, &d);
	top_label(ui, label, sizeof label);
	today = ui->day == ml_today() ? " (today)" : "";
	/* An alert banner wins over everything but the date and "day N
	 * after ...": the program name goes first, then the end of the label
	 * is cut, never the tier and rule. */
	x = ui->cols;
	if (ui->banner[0] != '\0') {
		int w = ui_strwidth(ui->banner) + 2;

		x = w > ui->cols - 12 ? 12 : ui->cols - w;
	}
	snprintf(left, sizeof left, " mendlog  %s %s%s%s%s", wd[ml_weekday(ui->day)],
	    date, today, *label ? " - " : "", label);
	/* The name gives way to an alert banner or a notice. */
	if (ui_strwidth(left) > x - 1 || ui->notices.n > 0)
		snprintf(left, sizeof left, " %s %s%s%s%s", wd[ml_weekday(ui->day)],
		    date, today, *label ? " - " : "", label);
	/* Then "(today)", when that makes two day counts fit whole at 80
	 * columns; otherwise the end of the label is cut, as before. */
	if (ui_strwidth(left) > x - 1) {
		char shorter[sizeof left];

		snprintf(shorter, sizeof shorter, " %s %s%s%s",
		    wd[ml_weekday(ui->day)], date, *label ? ": " : "", label);
		if (ui_strwidth(shorter) <= x - 1)
			memcpy(left, shorter, sizeof left);
	}
	/* A notice that does not fit beside the label takes its place: a
	 * data notice (rows left out) must be read whole. */
	if (ui->notices.n > 0 && ui->notices.v[0].level == ML_NOTICE_DATA &&
	    ui_strwidth(left) + 4 + ui_strwidth(ui->notices.v[0].short_text) >
	    x - 1)
		snprintf(left, sizeof left, " %s %s%s", wd[ml_weekday(ui->day)],
		    date, today);
	wattron(ui->top, ui_attr(ui, UI_TITLE));
	ui_put(ui->top, 0, 0, x - 1, left);
	wattroff(ui->top, ui_attr(ui, UI_TITLE));
	draw_top_notice(ui, ui_strwidth(left), x - 1);
	if (ui->banner[0] != '\0') {
		wattron(ui->top, ui_attr(ui, (enum ui_role)ui->banner_role));
		mvwaddch(ui->top, 0, x, ' ');
		ui_put(ui->top, 0, x + 1, ui->cols - x - 2, ui->banner);
		waddch(ui->top, ' ');
		wattroff(ui->top, ui_attr(ui, (enum ui_role)ui->banner_role));
	}
	wnoutrefresh(ui->top);
}

/*
 * The tabs, each with the key that switches to it: a digit, or where
 * digits are input (the day form's scores) F1-F5, so pressing what the
 * line shows never changes a value; there Tab is named too.
 */
static void
draw_tabs(struct ui *ui)
{
	bool fkeys = ui->screen->digits_are_input;
	int x = 1, gap = fkeys ? 0 : 1;

	werase(ui->tabs);
	for (size_t i = 0; i < ML_NELEM(screens); i++) {
		char label[40];
		int k = screens[i]->tab_key;
		enum ui_role r = screens[i] == ui->screen ? UI_TAB_ACTIVE : UI_TAB;

		if (fkeys && k >= '1' && k <= '5')
			snprintf(label, sizeof label, " F%c %s ", k,
			    screens[i]->name);
		else
			snprintf(label, sizeof label, " %c %s ", k,
			    screens[i]->name);
		wattron(ui->tabs, ui_attr(ui, r));
		ui_put(ui->tabs, 0, x, ui->cols - x, label);
		wattroff(ui->tabs, ui_attr(ui, r));
		x += ui_strwidth(label) + gap;
	}
	if (fkeys && x + 11 <= ui->cols)
		ui_put(ui->tabs, 0, x + 1, ui->cols - x - 1, " Tab next");
	wnoutrefresh(ui->tabs);
}

static void
draw_notice(struct ui *ui)
{
	werase(ui->notice);
	if (ui->reminder[0] != '\0') {
		wattron(ui->notice, A_BOLD);
		ui_put(ui->notice, 0, 1, ui->cols - 2, ui->reminder);
		wattroff(ui->notice, A_BOLD);
	} else if (ui->message[0] != '\0') {
		ui_put(ui->notice, 0, 1, ui->cols - 2, ui->message);
	}
	wnoutrefresh(ui->notice);
}

static void
draw_status(struct ui *ui)
{
	const char *hints = ui->screen->hints ? ui->screen->hints(ui) : "";
	char saved[32] = "";
	int w;

	werase(ui->status);
	wattron(ui->status, A_REVERSE);
	mvwhline(ui->status, 0, 0, ' ', ui->cols);
	ui_put(ui->status, 0, 1, ui->cols - 16, hints);
	if (ui->last_save != 0) {
		struct tm tm;

		localtime_r(&ui->last_save, &tm);
		strftime(saved, sizeof saved, "saved %H:%M", &tm);
	}
	w = ui_strwidth(saved);
	ui_put(ui->status, 0, ui->cols - w - 1, w, saved);
	wattroff(ui->status, A_REVERSE);
	wnoutrefresh(ui->status);
}

static void
update_screen(struct ui *ui)
{
	int y, x;
	bool show = false;

	if (ui->too_small) {
		draw_too_small(ui);
		doupdate();
		return;
	}
	if (ui->dirty_frame) {
		draw_top(ui);
		draw_tabs(ui);
		draw_notice(ui);
		draw_status(ui);
		ui->dirty_frame = false;
	}
	if (ui->dirty_body) {
		werase(ui->body);
		ui->screen->draw(ui, ui->body);
		EACH_SERVICE(svc)
			if (svc->draw_modal != NULL)
				svc->draw_modal(ui, ui->body);
		wnoutrefresh(ui->body);
		ui->dirty_body = false;
	}
	if (ui->screen->cursor != NULL && ui->screen->cursor(ui, &y, &x)) {
		show = true;
		wmove(ui->body, y, x);
	}
	/* A hidden cursor stays wherever the update left it: moving it to the
	 * body's last drawing position cost ~8 bytes per key for nothing. */
	leaveok(ui->body, !show);
	wnoutrefresh(ui->body);
	curs_set(show ? 1 : 0);
	if (ui->bell) {
		beep();
		ui->bell = false;
	}
	doupdate();
}

/* Reload files another mendlog changed; tell services and redraw. */
static void
watch_files(struct ui *ui)
{
	for (int f = 0; f < ML_NFILES; f++) {
		bool changed = false;
		struct ml_error err;

		if (!ui->store->files[f].loaded)
			continue;
		if (store_load(ui->store, (enum ml_file)f, &changed, &err) != 0) {
			char buf[600];

			ml_error_format(&err, buf, sizeof buf);
			ui_message(ui, "%s", buf);
			continue;
		}
		if (!changed)
			continue;
		ui->dirty_body = ui->dirty_frame = true;
		EACH_SERVICE(svc)
			if (svc->reloaded != NULL)
				svc->reloaded(ui, (enum ml_file)f);
	}
}

static bool
frame_key(struct ui *ui, wint_t ch, bool is_key)
{
	if (is_key) {
		switch (ch) {
		case KEY_F(1): ui_switch_tab(ui, '1'); return true;
		case KEY_F(2): ui_switch_tab(ui, '2'); return true;
		case KEY_F(3): ui_switch_tab(ui, '3'); return true;
		case KEY_F(4): ui_switch_tab(ui, '4'); return true;
		case KEY_F(5): ui_switch_tab(ui, '5'); return true;
		case KEY_BTAB:
			for (size_t i = 0; i < ML_NELEM(screens); i++)
				if (screens[i] == ui->screen) {
					ui_switch(ui, screens[(i + ML_NELEM(screens) - 1) %
					    ML_NELEM(screens)]);
					return true;
				}
			return false;
		default:
			return false;
		}
	}
	switch (ch) {
	case L'\t':
		for (size_t i = 0; i < ML_NELEM(screens); i++)
			if (screens[i] == ui->screen) {
				ui_switch(ui, screens[(i + 1) % ML_NELEM(screens)]);
				return true;
			}
		return false;
	case L'q':
		ui->quit = true;
		return true;
	case L'?':
		ui_switch_tab(ui, '?');
		return true;
	case L'p':
		/* The top line's "no procedure ... p to add" works anywhere
		 * the screen does not take the key itself. */
		ui_switch(ui, &ui_procedures);
		return true;
	case L'1': case L'2': case L'3': case L'4': case L'5':
		if (ui->screen->digits_are_input)
			return false;
		ui_switch_tab(ui, (int)ch);
		return true;
	case 12:	/* Ctrl-L: the user asks for a full repaint */
		clearok(curscr, TRUE);
		ui->dirty_body = ui->dirty_frame = true;
		return true;
	default:
		return false;
	}
}

/*
 * After ESC [ 200 ~: read the paste up to its end marker from @win (or
 * until nothing comes for PASTE_WAIT_MS: a lost marker must not swallow
 * the keys that follow for ever), then hand it to the screen as text.
 * Keys inside a paste (a pasted arrow sequence) are dropped.
 */
static void
handle_paste(struct ui *ui, WINDOW *win)
{
	wchar_t *text = xreallocarray(NULL, PASTE_MAX + 1, sizeof *text);
	size_t n = 0;
	bool cut = false, resized = false, taken = false;

	wtimeout(win, PASTE_WAIT_MS);
	for (;;) {
		wint_t ch;
		int r = wget_wch(win, &ch);

		if (r == ERR) {
			if (got_hup || got_term || got_int || errno != EINTR)
				break;
			continue;
		}
		if (r == KEY_CODE_YES) {
			if (ch == KEY_PASTE_END)
				break;
			if (ch == KEY_RESIZE)
				resized = true;
			continue;
		}
		if (n < PASTE_MAX)
			text[n++] = (wchar_t)ch;
		else
			cut = true;
	}
	text[n] = L'\0';
	wtimeout(win, ui->cfg->refresh_seconds * 1000);
	if (resized)
		layout(ui);
	if (ui->too_small || n == 0) {
		taken = true;	/* nothing pasted, or nowhere to say so */
	} else if (ui_alerts_dialog_open()) {
		ui_message(ui, "paste ignored: acknowledge the alert first");
	} else if (ui->screen->paste != NULL &&
	    ui->screen->paste(ui, text, n)) {
		taken = true;
		if (cut)
			ui_message(ui, "pasted the first %d characters only",
			    PASTE_MAX);
		ui->dirty_body = ui->dirty_frame = true;
	} else {
		ui_message(ui, "paste ignored: open a text field (Enter) first, "
		    "then paste");
	}
	if (!taken)
		beep();
	free(text);
}

static void
handle_key(struct ui *ui, wint_t ch, bool is_key)
{
	if (is_key && ch == KEY_RESIZE) {
		layout(ui);
		return;
	}
	if (ui->too_small) {
		if (!is_key && ch == L'q')
			ui->quit = true;
		return;
	}
	EACH_SERVICE(svc)
		if (svc->modal_key != NULL && svc->modal_key(ui, ch, is_key))
			return;
	/* The screen first: in an editor, 'q' and digits are text. */
	if (ui->screen->key != NULL && ui->screen->key(ui, ch, is_key) ==
	    UI_KEY_HANDLED)
		return;
	frame_key(ui, ch, is_key);
}

static bool
want_color(const struct ui *ui)
{
	const char *nc = getenv("NO_COLOR");

	if (ui->app->no_color || !ui->cfg->color || (nc != NULL && *nc != '\0'))
		return false;
	return has_colors();
}

/*
 * Where the screen cannot draw at all: no terminal, TERM unset, empty or
 * "dumb".  Says so, and what works instead, before anything is drawn.
 */
static bool
cannot_draw(void)
{
	const char *term = getenv("TERM");
	const char *why;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		why = "the diary screen needs a terminal";
	else if (term == NULL || *term == '\0')
		why = "the diary screen needs TERM set to your terminal's type";
	else if (strcmp(term, "dumb") == 0)
		why = "the diary screen cannot draw on a dumb terminal (TERM=dumb)";
	else
		return false;
	fprintf(stderr, "mendlog: %s\n", why);
	fputs("mendlog: the commands work anywhere: mendlog log, show, alerts; "
	    "mendlog --help\n", stderr);
	return true;
}

/* $TERM as it may be shown: it comes from the environment, so through the
 * output gate, and cut (a notice line has room for a name, not a page). */
static void
term_shown(char *buf, size_t size)
{
	const char *term = getenv("TERM");

	text_safe(buf, size, term != NULL ? term : "", 32, TEXT_ELLIPSIS);
}

/*
 * Open the terminal named by $TERM; when terminfo does not know it (kitty,
 * foot, wezterm... on a server), the nearest common types in turn, with a
 * notice saying which and what to install.  Returns the screen or NULL.
 */
static SCREEN *
open_terminal(struct ui *ui)
{
	static const char *const fallbacks[] = { "xterm-256color", "xterm",
	    "vt100" };
	/* The package that has the terminfo entry, by TERM prefix. */
	static const struct { const char *prefix, *package; } terminfo_pkgs[] = {
		{ "xterm-kitty", "kitty-terminfo" },
		{ "foot", "foot-terminfo" },
		{ "", "ncurses-term" },
	};
	const char *term = getenv("TERM");
	const char *pkg = "ncurses-term";
	char shown[160];
	SCREEN *scr;

	if ((scr = newterm(NULL, stdout, stdin)) != NULL)
		return scr;
	for (size_t i = 0; i < ML_NELEM(terminfo_pkgs); i++)
		if (strncmp(term, terminfo_pkgs[i].prefix,
		    strlen(terminfo_pkgs[i].prefix)) == 0) {
			pkg = terminfo_pkgs[i].package;
			break;
		}
	term_shown(shown, sizeof shown);
	for (size_t i = 0; i < ML_NELEM(fallbacks); i++) {
		if ((scr = newterm(fallbacks[i], stdout, stdin)) == NULL)
			continue;
		/* On the notice line, and on stderr to read after quitting. */
		ui_message(ui, "TERM=%s unknown: using %s (apt install %s)", shown,
		    fallbacks[i], pkg);
		fprintf(stderr, "mendlog: terminal type '%s' is not in terminfo "
		    "here; drawing as '%s'.  To fix: apt install %s\n", shown,
		    fallbacks[i], pkg);
		return scr;
	}
	return NULL;
}

static void
start_curses(struct ui *ui)
{
	if (open_terminal(ui) == NULL) {
		char shown[160];

		term_shown(shown, sizeof shown);
		fatal("cannot open the terminal '%s', nor xterm-256color, xterm "
		    "or vt100 in its place; the commands still work (mendlog "
		    "--help)", shown);
	}
	curses_up = true;
	ml_set_fatal_hook(restore_terminal);
	cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	define_key("\033[200~", KEY_PASTE_BEGIN);
	define_key("\033[201~", KEY_PASTE_END);
	/* Nothing is drawn yet: the mode goes straight to the terminal. */
	fflush(stdout);
	ui_paste_mode(true);
	/* stdscr takes input while the terminal is too small. */
	wtimeout(stdscr, ui->cfg->refresh_seconds * 1000);
	/* Esc must feel quick, yet an arrow key split by a slow ssh link must
	 * not read as Esc (which cancels an editor): 100 ms unless the user
	 * set $ESCDELAY. */
	if (getenv("ESCDELAY") == NULL)
		set_escdelay(100);
	ui->color = want_color(ui);
	if (ui->color) {
		start_color();
		use_default_colors();
		init_pair(1, COLOR_WHITE, COLOR_RED);
		init_pair(2, COLOR_BLACK, COLOR_YELLOW);
		init_pair(3, COLOR_YELLOW, -1);
		init_pair(4, COLOR_GREEN, -1);
		init_pair(5, COLOR_CYAN, -1);
	}
	layout(ui);
}

static void
install_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: a signal must interrupt the wait for input. */
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
}

/* After initscr(): wrap curses' Ctrl-Z handler, if it installed one. */
static void
install_tstp(void)
{
	struct sigaction sa;

	if (sigaction(SIGTSTP, NULL, &curses_tstp) != 0 ||
	    (curses_tstp.sa_flags & SA_SIGINFO) ||
	    curses_tstp.sa_handler == SIG_DFL || curses_tstp.sa_handler == SIG_IGN)
		return;
	sa = curses_tstp;
	sa.sa_handler = on_tstp;
	sigaction(SIGTSTP, &sa, NULL);
}

static bool
any_file_exists(const struct ml_store *s)
{
	for (int f = 0; f < ML_NFILES; f++)
		if (access(store_path(s, (enum ml_file)f), F_OK) == 0)
			return true;
	return false;
}

/* A procedure the timeline can read (a kind and a date). */
static bool
any_procedure(const struct ml_store *s)
{
	struct ml_timeline tl;
	bool any;

	timeline_build(&tl, s, NULL);
	any = tl.n > 0;
	timeline_free(&tl);
	return any;
}

/* Before the screen starts, errors go to stderr as the CLI's do. */
static void
print_error(const struct ml_error *err)
{
	text_print_error(stderr, err, NULL);
}

static void
config_report(void *ctx, enum ml_config_level level, const struct ml_error *e)
{
	(void)ctx;
	text_print_error(stderr, e, level == ML_CONFIG_WARNING ? " (warning)" :
	    NULL);
}

int
ui_main(struct ml_app *app)
{
	struct ui ui;
	struct ml_error err;
	const char *cs;
	bool started = false;

	if (cannot_draw())
		return ML_EXIT_FAIL;
	if (app_open_store(app, config_report, NULL, &err) != 0) {
		/* Errors inside the config were already reported line by line. */
		if (!app_config_error_reported(&err))
			print_error(&err);
		return ML_EXIT_FAIL;
	}
	memset(&ui, 0, sizeof ui);
	ui.app = app;
	ui.store = &app->store;
	ui.cfg = &app->cfg;
	ui.day = ml_today();
	ui.first_run = !any_file_exists(ui.store);
	cs = nl_langinfo(CODESET);
	ui.utf8 = cs != NULL && strcmp(cs, "UTF-8") == 0;
	/* Load what the frame and first screen need; the rest on demand. */
	if (store_load(ui.store, ML_ENTRIES, NULL, &err) != 0 ||
	    store_load(ui.store, ML_PROCEDURES, NULL, &err) != 0) {
		print_error(&err);
		return ML_EXIT_FAIL;
	}
	install_signals();
	start_curses(&ui);
	install_tstp();
	/* A terminal fallback's notice comes first: it explains the look. */
	if (ui.first_run && ui.message[0] == '\0')
		ui_message(&ui, "mendlog is a diary: it does not replace your "
		    "clinician. Press ? for help.");
	ui_switch(&ui, screens[0]);
	/* An empty diary starts with what was done and when: half the
	 * checks hang on it.  The form can be skipped. */
	if (store_nrows(ui.store, ML_ENTRIES) == 0 && !any_procedure(ui.store))
		ui_procedures_first_start(&ui);
	EACH_SERVICE(svc)
		if (svc->start != NULL)
			svc->start(&ui);
	while (!ui.quit && !got_hup && !got_term && !got_int) {
		int wait_ms = ui.cfg->refresh_seconds * 1000;
		WINDOW *win;
		wint_t ch;
		int r;

		update_screen(&ui);
		if (!started) {
			/* The first frame is out: now the slower rest, and show
			 * what it changed before waiting for a key. */
			started = true;
			EACH_SERVICE(svc)
				if (svc->started != NULL)
					svc->started(&ui);
			continue;
		}
		win = ui.too_small ? stdscr : ui.body;
		wtimeout(win, ui.wake_ms > 0 && ui.wake_ms < wait_ms ? ui.wake_ms :
		    wait_ms);
		ui.wake_ms = 0;
		r = wget_wch(win, &ch);
		if (got_hup || got_term || got_int)
			break;
		if (r == KEY_CODE_YES && ch == KEY_PASTE_BEGIN)
			handle_paste(&ui, win);
		else if (r == KEY_CODE_YES && ch == KEY_PASTE_END)
			;	/* a stray end marker: nothing to do */
		else if (r != ERR)
			handle_key(&ui, ch, r == KEY_CODE_YES);
		watch_files(&ui);
		EACH_SERVICE(svc)
			if (svc->tick != NULL)
				svc->tick(&ui);
	}
	/* Whatever is being typed is saved before the terminal goes. */
	if (ui.screen != NULL && ui.screen->flush != NULL)
		ui.screen->flush(&ui);
	delete_windows(&ui);
	restore_terminal();
	ml_set_fatal_hook(NULL);
	notices_free(&ui.notices);
	return ML_EXIT_OK;
}
