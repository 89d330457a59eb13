/*
 * ui-alerts-service.c - the alerts service that runs beside every screen
 * (the Alerts screen itself is ui-alerts.c).
 *
 * The service runs the rules at start-up and when another mendlog changed
 * the diary (a save of this process runs them itself, record.h, and hands
 * the result to ui_alerts_show); keeps the top-line banner (tier and rule
 * in reverse video) while an emergency or urgent alert is unacknowledged;
 * and opens one dialog for the emergencies that appear during the session
 * (the signs one save raised come together), which only `a` (read) or `s`
 * (my clinician knows) closes, answering all of them.  Tiers are always written out:
 * nothing relies on colour.
 *
 * A dialog cannot be closed unseen: when it first shows, the keys already
 * typed are thrown away (flushinp) and every key is ignored for its first
 * second (DIALOG_GUARD_MS), so an `a` typed into a note while another
 * mendlog raised the emergency does not acknowledge it.  Until then the
 * dialog asks the user to read it; the answers (a, s) show once keys
 * count again, and only a key read after they were drawn counts.  A sign
 * added to an open dialog starts the guard again.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "alerts.h"
#include "record.h"
#include "text.h"
#include "ui.h"

static struct {
	char **known;		/* keys (alert_row_key) of the rows seen so far */
	size_t nknown;
	char **dialog;		/* keys of emergencies waiting for `a` */
	size_t ndialog;
	bool retry;		/* recording failed: try again on a tick */
	time_t tried;		/* when the last failed try was */
	char unrecorded[96];	/* banner for what fired but is not in the file */
	int unrecorded_role;
	bool shown;		/* dialog[0] is on screen ... */
	struct timespec shown_at;	/* ... since then (CLOCK_MONOTONIC) */
	bool armed;		/* ... and its answers with it: keys count */
} st;

/* Keys are ignored for this long after a dialog first shows. */
#define DIALOG_GUARD_MS 1000

static long
ms_since(const struct timespec *t)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (long)(now.tv_sec - t->tv_sec) * 1000 +
	    (now.tv_nsec - t->tv_nsec) / 1000000;
}

bool
ui_alerts_dialog_open(void)
{
	return st.ndialog > 0;
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
	if (i == 0)
		st.shown = st.armed = false;	/* the next one: its own guard */
	free(st.dialog[i]);
	memmove(&st.dialog[i], &st.dialog[i + 1],
	    (st.ndialog - i - 1) * sizeof *st.dialog);
	st.ndialog--;
}

static void
set_banner(struct ui *ui)
{
	struct alert_row *open;
	size_t n = alerts_open(ui->store, &open);
	const char *rule = NULL;
	enum ml_tier best = ML_NTIERS;
	int count = 0;
	char banner[sizeof ui->banner];

	for (size_t i = 0; i < n; i++) {
		if (open[i].tier > ML_TIER_URGENT)
			continue;
		count++;
		if (open[i].tier < best) {
			best = open[i].tier;
			rule = open[i].rule;
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
	free(open);
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
		struct alert_row a;
		char *key;

		alert_row_get(s, r, &a);
		key = alert_row_key(&a);
		if (is_known(key)) {
			free(key);
			continue;
		}
		st.known = xreallocarray(st.known, st.nknown + 1, sizeof *st.known);
		st.known[st.nknown++] = key;
		if (!initial && a.open && a.tier == ML_TIER_EMERGENCY) {
			st.dialog = xreallocarray(st.dialog, st.ndialog + 1,
			    sizeof *st.dialog);
			st.dialog[st.ndialog++] = xstrdup(key);
		}
	}
	for (size_t i = st.ndialog; i-- > 0;) {
		long row = alerts_find(s, st.dialog[i]);

		struct alert_row a;

		if (row >= 0)
			alert_row_get(s, (size_t)row, &a);
		if (row < 0 || !a.open)
			dialog_pop(i);
	}
	if (st.ndialog > before) {
		ui->bell = true;
		/* A sign added to an open dialog: read it before answering. */
		st.shown = st.armed = false;
	}
	set_banner(ui);
	ui_dirty(ui);
}

void
ui_alerts_load(struct ui *ui)
{
	struct ml_error err;
	char buf[600];

	if (store_load(ui->store, ML_ALERTS, NULL, &err) != 0) {
		ml_error_format(&err, buf, sizeof buf);
		ui_message(ui, "%s", buf);
	}
}

void
ui_alerts_show(struct ui *ui, const struct record_result *res)
{
	char buf[600];

	if (res->unrecorded) {
		/* Not recorded: say so, and still show the worst of it. */
		bool first = !st.retry;

		ml_error_format(&res->alerts_err, buf, sizeof buf);
		st.retry = true;
		st.tried = ml_now();
		st.unrecorded[0] = '\0';
		if (res->raised.n > 0) {
			/* The list is most severe first. */
			const struct ml_alert *a = &res->raised.v[0];

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
	} else if (res->from <= res->to) {
		/* The rules ran and recorded: a retry is no longer due. */
		st.retry = false;
		st.unrecorded[0] = '\0';
		if (res->raised.n > 0)
			ui_message(ui, "new %s alert: %s - see the Alerts "
			    "screen (F3)", rules_tier_name(res->raised.v[0].tier),
			    res->raised.v[0].rule);
	}
	ui_alerts_load(ui);
	scan(ui, false);
	/* An emergency this save raised again under a key already seen (a
	 * sign marked entered in error, then answered yes again) gets its
	 * dialog too. */
	for (size_t i = 0; !res->unrecorded && i < res->raised.n; i++) {
		const struct ml_alert *a = &res->raised.v[i];
		struct alert_row row;
		char date[ML_DATE_LEN], *key;
		bool queued = false;
		long r;

		if (a->tier != ML_TIER_EMERGENCY)
			continue;
		memset(&row, 0, sizeof row);
		ml_date_format(a->day, date);
		row.date = date;
		row.rule = a->rule;
		row.severity = rules_tier_name(a->tier);
		key = alert_row_key(&row);
		for (size_t j = 0; j < st.ndialog && !queued; j++)
			queued = strcmp(st.dialog[j], key) == 0;
		r = alerts_find(ui->store, key);
		if (!queued && r >= 0) {
			alert_row_get(ui->store, (size_t)r, &row);
			if (row.open) {
				st.dialog = xreallocarray(st.dialog,
				    st.ndialog + 1, sizeof *st.dialog);
				st.dialog[st.ndialog++] = key;
				key = NULL;
				ui->bell = true;
			}
		}
		free(key);
	}
	/* The rules may have reloaded procedures: the top line shows them. */
	ui_dirty_frame(ui);
}

/* Run the rules over [from, to] (no change of ours) and show what came of
 * it. */
static void
check(struct ui *ui, ml_day from, ml_day to)
{
	struct record_result res;
	struct ml_error err;
	char buf[600];

	if (record_rules(ui->store, ui->cfg, from, to, &res, &err) != 0) {
		ml_error_format(&err, buf, sizeof buf);
		st.retry = true;
		st.tried = ml_now();
		ui_message(ui, "alerts not checked: %s", buf);
	}
	ui_alerts_show(ui, &res);
	record_result_free(&res);
}

static void
check_recent(struct ui *ui)
{
	ml_day today = ml_today();
	int n = ui->cfg->startup_days > 0 ? ui->cfg->startup_days : 1;
	struct record_result res;
	struct ml_error err;

	/* Rows changed outside mendlog, however old (issue 12). */
	if (record_changes(ui->store, ui->cfg, true, &res, &err) == 0 &&
	    (res.raised.n > 0 || res.unrecorded))
		ui_alerts_show(ui, &res);
	record_result_free(&res);
	check(ui, today - (n - 1), today);
}

static void
svc_start(struct ui *ui)
{
	/* What is already in the file is not "raised during the session".
	 * The banner of the first frame comes from the file as it is. */
	ui_alerts_load(ui);
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
	/* A save of this process ran the rules itself (record.h) and shows
	 * what they raised through ui_alerts_show(). */
	(void)day;
	if (file == ML_ALERTS)
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

/* The dialog's guard: wake when it ends, then show the answers. */
static void
guard_tick(struct ui *ui)
{
	long left;

	if (st.ndialog == 0 || !st.shown || st.armed)
		return;
	left = DIALOG_GUARD_MS - ms_since(&st.shown_at);
	if (left > 0) {
		ui->wake_ms = (int)left + 5;
		return;
	}
	st.armed = true;
	ui_dirty(ui);
}

static void
svc_tick(struct ui *ui)
{
	guard_tick(ui);
	if (st.retry && ml_now() - st.tried >= RETRY_SECONDS)
		check_recent(ui);
}

void
ui_alerts_mark(struct ui *ui, const char *key, enum alert_mark mark)
{
	static const char *const done[] = {
		[ALERT_READ] = "acknowledged",
		[ALERT_SEEN] = "noted: your clinician knows - no reminder while "
		    "it lasts",
		[ALERT_ERROR] = "marked as entered in error",
	};
	struct record_result res;
	struct ml_error err;
	long row = alerts_find(ui->store, key);
	char buf[600];
	int rc;

	if (row < 0) {
		/* Gone from the file: nothing left to acknowledge. */
		scan(ui, false);
		return;
	}
	rc = record_mark(ui->store, (size_t)row, mark, true, NULL, &res, &err);
	record_result_free(&res);
	if (rc != 0) {
		ml_error_format(&err, buf, sizeof buf);
		ui_message(ui, "not acknowledged: %s", buf);
		beep();
		return;
	}
	ui_message(ui, "%s", done[mark]);
	scan(ui, false);
}

void
ui_alerts_acknowledge(struct ui *ui, const char *key)
{
	ui_alerts_mark(ui, key, ALERT_READ);
}

static bool
svc_modal_key(struct ui *ui, wint_t ch, bool is_key)
{
	if (st.ndialog == 0)
		return false;
	/* Typed before the dialog could be read: not an answer to it. */
	if (!st.armed)
		return true;
	/* One dialog for every emergency waiting: one answer for all.
	 * Every other key is swallowed: only a or s closes it. */
	if (!is_key && (ch == L'a' || ch == L's')) {
		size_t n = st.ndialog;
		char **keys = xcalloc(n, sizeof *keys);

		for (size_t i = 0; i < n; i++)
			keys[i] = xstrdup(st.dialog[i]);
		for (size_t i = 0; i < n; i++) {
			ui_alerts_mark(ui, keys[i], ch == L'a' ? ALERT_READ :
			    ALERT_SEEN);
			free(keys[i]);
		}
		free(keys);
	}
	return true;
}

static void
svc_draw_modal(struct ui *ui, WINDOW *body)
{
	static const char clinician[] =
	    "mendlog does not replace your clinician.";
	const struct ml_store *s = ui->store;
	int rows = getmaxy(body), cols = getmaxx(body);
	int w = cols - 8 < 72 ? cols - 8 : 72, h, y0, x0, nlines, y;
	struct alert_row first;
	size_t nshown = 0;
	long row;
	char title[160], *text = NULL;

	if (st.ndialog == 0)
		return;
	row = alerts_find(s, st.dialog[0]);
	if (row < 0)
		return;
	if (!st.shown) {
		/* It shows now: what was typed before it was not meant for it. */
		flushinp();
		clock_gettime(CLOCK_MONOTONIC, &st.shown_at);
		st.shown = true;
		ui->wake_ms = DIALOG_GUARD_MS + 5;
	}
	alert_row_get(s, (size_t)row, &first);
	/* One emergency: its message.  Several raised together: each sign in
	 * plain words, then what to do, once. */
	for (size_t i = 0; i < st.ndialog; i++) {
		struct alert_row a;
		long r = alerts_find(s, st.dialog[i]);
		char *t;

		if (r < 0)
			continue;
		alert_row_get(s, (size_t)r, &a);
		t = xasprintf("%s- %s (%s)%s\n", text ? text : "",
		    alerts_rule_label(a.rule), a.last_date,
		    strncmp(a.message, "Still present", 13) == 0 ?
		    ", still present" : "");
		free(text);
		text = t;
		nshown++;
	}
	if (nshown <= 1) {
		free(text);
		text = xstrdup(first.message);
	} else {
		char *t = xasprintf("%s\nCall your local emergency number now, or "
		    "go straight to the nearest emergency department. Do not "
		    "wait to see if it passes.", text);

		free(text);
		text = t;
	}
	nlines = (int)text_wrap(text, w - 4, NULL, NULL);
	h = nlines + 8;
	if (h > rows)
		h = rows;
	y0 = (rows - h) / 2;
	x0 = (cols - w) / 2;
	for (y = y0; y < y0 + h; y++)
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
	if (nshown <= 1)
		snprintf(title, sizeof title, " EMERGENCY: %s (%s) ", first.rule,
		    first.date);
	else
		snprintf(title, sizeof title, " EMERGENCY: %zu signs together ",
		    nshown);
	wattron(body, ui_attr(ui, UI_EMERGENCY));
	ui_put(body, y0 + 1, x0 + 2, w - 4, title);
	wattroff(body, ui_attr(ui, UI_EMERGENCY));
	ui_put_wrapped(body, y0 + 3, x0 + 2, w - 4, h - 8, text);
	free(text);
	ui_put(body, y0 + h - 4, x0 + 2, w - 4, clinician);
	wattron(body, A_BOLD);
	if (st.armed) {
		ui_put(body, y0 + h - 3, x0 + 2, w - 4,
		    "a: I have read this (close)");
		ui_put(body, y0 + h - 2, x0 + 2, w - 4,
		    "s: my clinician knows (no reminder while it lasts)");
	} else {
		/* The answers show once keys count (the guard, above). */
		ui_put(body, y0 + h - 3, x0 + 2, w - 4,
		    "Please read this first; keys work again in a moment.");
	}
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
