/*
 * ui-alerts.c - the Alerts screen (3) and the alerts service that runs
 * beside every screen.
 *
 * The service runs the rules at start-up, after every save and when
 * another mendlog changed the diary; keeps the top-line banner (tier and
 * rule in reverse video) while an emergency or urgent alert is
 * unacknowledged; and opens a dialog for each emergency that appears
 * during the session, which only `a` closes, acknowledging it.  Tiers are
 * always written out: nothing relies on colour.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alerts.h"
#include "text.h"
#include "ui.h"

#define KEY_SEP "\x1f"

static struct {
	char **known;		/* keys of the alert rows seen so far */
	size_t nknown;
	char **dialog;		/* keys of emergencies waiting for `a` */
	size_t ndialog;
	bool retry;		/* recording failed: try again on a tick */
	time_t tried;		/* when the last failed try was */
	char unrecorded[96];	/* banner for what fired but is not in the file */
	int unrecorded_role;
	size_t sel;		/* selection on the screen */
	bool show_all;		/* acknowledged ones too */
} st;

static char *
row_key(const struct ml_store *s, size_t row)
{
	return xasprintf("%s" KEY_SEP "%s" KEY_SEP "%s",
	    store_get(s, ML_ALERTS, row, AC_DATE),
	    store_get(s, ML_ALERTS, row, AC_RULE),
	    store_get(s, ML_ALERTS, row, AC_SEVERITY));
}

static long
find_key(const struct ml_store *s, const char *key)
{
	for (size_t r = 0; r < store_nrows(s, ML_ALERTS); r++) {
		char *k = row_key(s, r);
		bool same = strcmp(k, key) == 0;

		free(k);
		if (same)
			return (long)r;
	}
	return -1;
}

static bool
is_known(const char *key)
{
	for (size_t i = 0; i < st.nknown; i++)
		if (strcmp(st.known[i], key) == 0)
			return true;
	return false;
}

static void
dialog_pop(size_t i)
{
	free(st.dialog[i]);
	memmove(&st.dialog[i], &st.dialog[i + 1],
	    (st.ndialog - i - 1) * sizeof *st.dialog);
	st.ndialog--;
}

static void
set_banner(struct ui *ui)
{
	const struct ml_store *s = ui->store;
	const char *rule = NULL;
	enum ml_tier best = ML_NTIERS;
	int count = 0;
	char banner[sizeof ui->banner];

	for (size_t r = 0; r < store_nrows(s, ML_ALERTS); r++) {
		enum ml_tier t;

		if (*store_get(s, ML_ALERTS, r, AC_ACKNOWLEDGED_AT) != '\0' ||
		    !rules_tier_parse(store_get(s, ML_ALERTS, r, AC_SEVERITY),
		    &t) ||
		    t > ML_TIER_URGENT)
			continue;
		count++;
		if (t < best) {
			best = t;
			rule = store_get(s, ML_ALERTS, r, AC_RULE);
		}
	}
	if (st.unrecorded[0] != '\0') {
		snprintf(banner, sizeof banner, "%s", st.unrecorded);
		ui->banner_role = st.unrecorded_role;
	} else if (rule != NULL) {
		char more[32] = "";

		if (count > 1)
			snprintf(more, sizeof more, " (+%d more)", count - 1);
		snprintf(banner, sizeof banner, "%s: %s%s",
		    best == ML_TIER_EMERGENCY ? "EMERGENCY" : "URGENT", rule, more);
		ui->banner_role = best == ML_TIER_EMERGENCY ? UI_EMERGENCY :
		    UI_URGENT;
	} else {
		banner[0] = '\0';
	}
	if (strcmp(banner, ui->banner) != 0) {
		snprintf(ui->banner, sizeof ui->banner, "%s", banner);
		ui_dirty_frame(ui);
	}
}

/*
 * Look at alerts.csv as loaded: remember new rows, queue a dialog for each
 * unacknowledged emergency that appeared (unless @initial), drop dialogs
 * acknowledged elsewhere, and set the banner.
 */
static void
scan(struct ui *ui, bool initial)
{
	const struct ml_store *s = ui->store;
	size_t before = st.ndialog;

	for (size_t r = 0; r < store_nrows(s, ML_ALERTS); r++) {
		char *key = row_key(s, r);

		if (is_known(key)) {
			free(key);
			continue;
		}
		st.known = xreallocarray(st.known, st.nknown + 1, sizeof *st.known);
		st.known[st.nknown++] = key;
		if (!initial && *store_get(s, ML_ALERTS, r, AC_ACKNOWLEDGED_AT) ==
		    '\0' && strcmp(store_get(s, ML_ALERTS, r, AC_SEVERITY),
		    "emergency") == 0) {
			st.dialog = xreallocarray(st.dialog, st.ndialog + 1,
			    sizeof *st.dialog);
			st.dialog[st.ndialog++] = xstrdup(key);
		}
	}
	for (size_t i = st.ndialog; i-- > 0;) {
		long row = find_key(s, st.dialog[i]);

		if (row < 0 || *store_get(s, ML_ALERTS, (size_t)row,
		    AC_ACKNOWLEDGED_AT) != '\0')
			dialog_pop(i);
	}
	if (st.ndialog > before)
		ui->bell = true;
	set_banner(ui);
	ui_dirty(ui);
}

static void
load_alerts(struct ui *ui)
{
	struct ml_error err;
	char buf[600];

	if (store_load(ui->store, ML_ALERTS, NULL, &err) != 0) {
		ml_error_format(&err, buf, sizeof buf);
		ui_message(ui, "%s", buf);
	}
}

/* Run the rules over [from, to] and show what came of it. */
static void
check(struct ui *ui, ml_day from, ml_day to)
{
	struct alerts_raised raised = { NULL, 0 };
	struct ml_error err;
	char buf[600];

	if (alerts_check_days(ui->store, ui->cfg, from, to, &raised, &err) != 0) {
		/* Not recorded: say so, and still show the worst of it. */
		bool first = !st.retry;

		ml_error_format(&err, buf, sizeof buf);
		st.retry = true;
		st.tried = ml_now();
		st.unrecorded[0] = '\0';
		if (raised.n > 0) {
			/* The list is most severe first. */
			const struct ml_alert *a = &raised.v[0];

			ui_message(ui, "%s alert %s NOT SAVED: %s",
			    rules_tier_name(a->tier), a->rule, buf);
			if (a->tier <= ML_TIER_URGENT) {
				snprintf(st.unrecorded, sizeof st.unrecorded,
				    "%s: %s (not saved)",
				    a->tier == ML_TIER_EMERGENCY ? "EMERGENCY" :
				    "URGENT", a->rule);
				st.unrecorded_role = a->tier == ML_TIER_EMERGENCY ?
				    UI_EMERGENCY : UI_URGENT;
			}
			/* Ring once, not on every retry. */
			if (first)
				ui->bell = true;
		} else {
			ui_message(ui, "alerts not checked: %s", buf);
		}
	} else {
		st.retry = false;
		st.unrecorded[0] = '\0';
		if (raised.n > 0)
			ui_message(ui, "new %s alert: %s - see the Alerts "
			    "screen (F3)", rules_tier_name(raised.v[0].tier),
			    raised.v[0].rule);
	}
	alerts_raised_free(&raised);
	load_alerts(ui);
	scan(ui, false);
	/* The check may have reloaded procedures: the top line shows them. */
	ui_dirty_frame(ui);
}

static void
check_recent(struct ui *ui)
{
	ml_day today = ml_today();
	int n = ui->cfg->startup_days > 0 ? ui->cfg->startup_days : 1;

	check(ui, today - (n - 1), today);
}

static void
svc_start(struct ui *ui)
{
	/* What is already in the file is not "raised during the session".
	 * The banner of the first frame comes from the file as it is. */
	load_alerts(ui);
	scan(ui, true);
}

/* The rules over the last days run once the first frame is shown: a new
 * alert updates the banner and opens its dialog a moment later. */
static void
svc_started(struct ui *ui)
{
	if (ui->cfg->startup_days > 0)
		check_recent(ui);
}

static void
svc_saved(struct ui *ui, enum ml_file file, ml_day day)
{
	ml_day today = ml_today();

	if (file == ML_ENTRIES)
		check(ui, day, day > today ? day : today);
	else if (file == ML_PROCEDURES)
		check_recent(ui);
	else if (file == ML_ALERTS)
		scan(ui, false);
}

static void
svc_reloaded(struct ui *ui, enum ml_file file)
{
	if (file == ML_ENTRIES || file == ML_PROCEDURES)
		check_recent(ui);
	else if (file == ML_ALERTS)
		scan(ui, false);
}

/* Seconds between attempts to record alerts after a failure (a lock held
 * for long, a file that cannot be parsed until the user fixes it). */
#define RETRY_SECONDS 10

static void
svc_tick(struct ui *ui)
{
	if (st.retry && ml_now() - st.tried >= RETRY_SECONDS)
		check_recent(ui);
}

static void
acknowledge_key(struct ui *ui, const char *key)
{
	struct ml_error err;
	long row = find_key(ui->store, key);
	char buf[600];

	if (row < 0) {
		/* Gone from the file: nothing left to acknowledge. */
		scan(ui, false);
		return;
	}
	if (alerts_acknowledge(ui->store, (size_t)row, NULL, &err) != 0) {
		ml_error_format(&err, buf, sizeof buf);
		ui_message(ui, "not acknowledged: %s", buf);
		beep();
		return;
	}
	ui_message(ui, "acknowledged");
	scan(ui, false);
}

static bool
svc_modal_key(struct ui *ui, wint_t ch, bool is_key)
{
	if (st.ndialog == 0)
		return false;
	if (!is_key && ch == L'a')
		acknowledge_key(ui, st.dialog[0]);
	/* Every other key is swallowed: only `a` closes the dialog. */
	return true;
}

static void
svc_draw_modal(struct ui *ui, WINDOW *body)
{
	const struct ml_store *s = ui->store;
	int rows = getmaxy(body), cols = getmaxx(body);
	int w = cols - 8 < 72 ? cols - 8 : 72, h, y0, x0, nlines;
	long row;
	char title[160];
	const char *msg;

	if (st.ndialog == 0)
		return;
	row = find_key(s, st.dialog[0]);
	if (row < 0)
		return;
	msg = store_get(s, ML_ALERTS, (size_t)row, AC_MESSAGE);
	nlines = (int)text_wrap(msg, w - 4, NULL, NULL);
	h = nlines + 6;
	if (h > rows)
		h = rows;
	y0 = (rows - h) / 2;
	x0 = (cols - w) / 2;
	for (int y = y0; y < y0 + h; y++)
		mvwhline(body, y, x0, ' ', w);
	wattron(body, A_BOLD);
	mvwhline(body, y0, x0, ACS_HLINE, w);
	mvwhline(body, y0 + h - 1, x0, ACS_HLINE, w);
	mvwvline(body, y0, x0, ACS_VLINE, h);
	mvwvline(body, y0, x0 + w - 1, ACS_VLINE, h);
	mvwaddch(body, y0, x0, ACS_ULCORNER);
	mvwaddch(body, y0, x0 + w - 1, ACS_URCORNER);
	mvwaddch(body, y0 + h - 1, x0, ACS_LLCORNER);
	mvwaddch(body, y0 + h - 1, x0 + w - 1, ACS_LRCORNER);
	wattroff(body, A_BOLD);
	snprintf(title, sizeof title, " EMERGENCY: %s (%s) ",
	    store_get(s, ML_ALERTS, (size_t)row, AC_RULE),
	    store_get(s, ML_ALERTS, (size_t)row, AC_DATE));
	wattron(body, ui_attr(ui, UI_EMERGENCY));
	ui_put(body, y0 + 1, x0 + 2, w - 4, title);
	wattroff(body, ui_attr(ui, UI_EMERGENCY));
	ui_put_wrapped(body, y0 + 3, x0 + 2, w - 4, h - 6, msg);
	snprintf(title, sizeof title, "Press a to acknowledge and close.%s",
	    st.ndialog > 1 ? " More follow." : "");
	wattron(body, A_BOLD);
	ui_put(body, y0 + h - 2, x0 + 2, w - 4, title);
	wattroff(body, A_BOLD);
}

const struct ui_service ui_alerts_service = {
	.name = "alerts",
	.start = svc_start,
	.started = svc_started,
	.tick = svc_tick,
	.saved = svc_saved,
	.reloaded = svc_reloaded,
	.modal_key = svc_modal_key,
	.draw_modal = svc_draw_modal,
};

/* --- the screen ------------------------------------------------------ */

static const enum ui_role tier_role[ML_NTIERS + 1] = {
	UI_EMERGENCY, UI_URGENT, UI_CONTACT, UI_WATCH, UI_INVALID
};

static int
cmp_shown(const void *a, const void *b)
{
	const struct alerts_item *x = a, *y = b;

	/* By tier, most severe first; within a tier the newest first. */
	if (x->tier != y->tier)
		return (int)x->tier - (int)y->tier;
	return x->number < y->number ? 1 : x->number > y->number ? -1 : 0;
}

/* The alerts the screen shows, in order.  Caller frees. */
static size_t
shown(struct ui *ui, struct alerts_item **out)
{
	struct alerts_item *items;
	size_t n = alerts_list(ui->store, &items), k = 0;

	for (size_t i = 0; i < n; i++)
		if (st.show_all || !items[i].acknowledged)
			items[k++] = items[i];
	qsort(items, k, sizeof *items, cmp_shown);
	*out = items;
	if (k > 0 && st.sel >= k)
		st.sel = k - 1;
	return k;
}

static void
short_time(const char *stamp, char *buf, size_t size)
{
	time_t t;
	struct tm tm;

	if (!ml_timestamp_parse(stamp, &t) || localtime_r(&t, &tm) == NULL)
		snprintf(buf, size, "?");
	else
		strftime(buf, size, "%m-%d %H:%M", &tm);
}

static void
alerts_draw(struct ui *ui, WINDOW *win)
{
	const struct ml_store *s = ui->store;
	int rows = getmaxy(win), cols = getmaxx(win);
	int detail = 8, list_rows = rows - 2 - detail, top = 0, y = 2;
	struct alerts_item *items;
	size_t n = shown(ui, &items);
	char line[256];
	int last_tier = -1;

	snprintf(line, sizeof line, "%s (%zu)", st.show_all ? "All alerts" :
	    "Alerts not yet acknowledged", n);
	wattron(win, ui_attr(ui, UI_TITLE));
	ui_put(win, 0, 2, cols - 4, line);
	wattroff(win, ui_attr(ui, UI_TITLE));
	if (n > 0) {
		wattron(win, ui_attr(ui, UI_DIM));
		ui_put(win, 1, 1, cols - 2, "  No.  Day         Rule"
		    "                    Raised       Acknowledged");
		wattroff(win, ui_attr(ui, UI_DIM));
	}
	if (n == 0) {
		ui_put(win, 2, 2, cols - 4, st.show_all ? "No alerts." :
		    "No alerts waiting. The rules check your diary after every "
		    "save.");
		ui_put(win, 4, 2, cols - 4, "mendlog does not replace your "
		    "clinician: if you are worried, contact your care team.");
		free(items);
		return;
	}
	/* Keep the selection visible; each tier adds a heading line. */
	if ((int)st.sel >= list_rows / 2)
		top = (int)st.sel - list_rows / 2;
	for (size_t i = (size_t)top; i < n && y < 2 + list_rows; i++) {
		const struct alerts_item *it = &items[i];
		char raised[32], acked[32] = "";

		if ((int)it->tier != last_tier) {
			last_tier = (int)it->tier;
			snprintf(line, sizeof line, "%s - %s",
			    it->tier < ML_NTIERS ? rules_tier_name(it->tier) :
			    store_get(s, ML_ALERTS, it->row, AC_SEVERITY),
			    it->tier < ML_NTIERS ? rules_tier_advice(it->tier) :
			    "unknown severity");
			for (char *c = line; *c && *c != ' '; c++)
				*c = (char)(*c >= 'a' && *c <= 'z' ? *c - 32 : *c);
			wattron(win, ui_attr(ui, tier_role[it->tier]));
			ui_put(win, y++, 1, cols - 2, line);
			wattroff(win, ui_attr(ui, tier_role[it->tier]));
			if (y >= 2 + list_rows)
				break;
		}
		short_time(store_get(s, ML_ALERTS, it->row, AC_RAISED_AT), raised,
		    sizeof raised);
		if (it->acknowledged)
			short_time(store_get(s, ML_ALERTS, it->row,
			    AC_ACKNOWLEDGED_AT), acked, sizeof acked);
		snprintf(line, sizeof line, "%c %3u  %s  %-22s  %-11s  %s",
		    i == st.sel ? '>' : ' ', it->number,
		    store_get(s, ML_ALERTS, it->row, AC_DATE),
		    store_get(s, ML_ALERTS, it->row, AC_RULE), raised, acked);
		if (i == st.sel)
			wattron(win, ui_attr(ui, UI_SELECTED));
		ui_put(win, y++, 1, cols - 2, line);
		if (i == st.sel)
			wattroff(win, ui_attr(ui, UI_SELECTED));
	}
	/* The selected alert's full message. */
	mvwhline(win, rows - detail, 1, ACS_HLINE, cols - 2);
	{
		const struct alerts_item *it = &items[st.sel];

		ui_put_wrapped(win, rows - detail + 1, 2, cols - 4, detail - 1,
		    store_get(s, ML_ALERTS, it->row, AC_MESSAGE));
	}
	free(items);
}

static enum ui_key_result
alerts_key(struct ui *ui, wint_t ch, bool is_key)
{
	struct alerts_item *items;
	size_t n = shown(ui, &items);
	enum ui_key_result r = UI_KEY_HANDLED;

	if ((is_key && ch == KEY_DOWN) || (!is_key && ch == L'j')) {
		if (st.sel + 1 < n)
			st.sel++;
	} else if ((is_key && ch == KEY_UP) || (!is_key && ch == L'k')) {
		if (st.sel > 0)
			st.sel--;
	} else if (!is_key && ch == L'v') {
		st.show_all = !st.show_all;
		st.sel = 0;
		ui_dirty_frame(ui);	/* the hints change */
	} else if (!is_key && ch == L'a' && n > 0) {
		if (items[st.sel].acknowledged) {
			ui_message(ui, "already acknowledged");
		} else {
			char *k = row_key(ui->store, items[st.sel].row);

			acknowledge_key(ui, k);
			free(k);
		}
	} else {
		r = UI_KEY_UNHANDLED;
	}
	free(items);
	if (r == UI_KEY_HANDLED)
		ui_dirty(ui);
	return r;
}

static void
alerts_enter(struct ui *ui)
{
	load_alerts(ui);
	st.sel = 0;
}

static const char *
alerts_hints(struct ui *ui)
{
	(void)ui;
	return st.show_all ? "j/k move  a acknowledge  v unacknowledged only  "
	    "Tab next  q quit" : "j/k move  a acknowledge  v show all  Tab next  "
	    "q quit";
}

/* For the Help screen (see struct ui_screen's help). */
static const char *const alerts_help[] = {
	"3 Alerts",
	"  Up/Down j/k  select an alert",
	"  a            acknowledge it",
	"  v            all, or unacknowledged only",
	"  A new emergency opens a dialog on",
	"  any screen; only a closes it.",
	NULL,
};

const struct ui_screen ui_alerts = {
	.name = "Alerts",
	.tab_key = '3',
	.digits_are_input = false,
	.enter = alerts_enter,
	.draw = alerts_draw,
	.key = alerts_key,
	.hints = alerts_hints,
	.help = alerts_help,
};
