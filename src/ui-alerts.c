/*
 * ui-alerts.c - the Alerts screen (3): the recorded alerts by tier, the
 * selected one's message, acknowledging.  The banner, the emergency
 * dialog and the rules' runs are the alerts service's
 * (ui-alerts-service.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alerts.h"
#include "ui.h"

/* Selection and filter of the screen. */
static struct {
	size_t sel;		/* selection on the screen */
	bool show_all;		/* acknowledged, watch and error ones too */
	char *confirm;		/* key of an emergency waiting for a second a/s */
	wint_t confirm_ch;	/* which: L'a' or L's' */
} st;

static const enum ui_role tier_role[ML_NTIERS + 1] = {
	UI_EMERGENCY, UI_URGENT, UI_CONTACT, UI_WATCH, UI_INVALID
};

static int
cmp_shown(const void *a, const void *b)
{
	const struct alerts_item *x = a, *y = b;

	/* By tier, most severe first; within a tier the newest first. */
	if (x->a.tier != y->a.tier)
		return (int)x->a.tier - (int)y->a.tier;
	return x->number < y->number ? 1 : x->number > y->number ? -1 : 0;
}

/* The alerts the screen shows, in order.  Caller frees. */
static size_t
shown(struct ui *ui, struct alerts_item **out)
{
	struct alerts_item *items;
	size_t n = alerts_list(ui->store, &items), k = 0;

	for (size_t i = 0; i < n; i++)
		if (st.show_all || items[i].a.open)
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
		const struct alert_row *a = &it->a;
		char raised[32], acked[32] = "";

		if ((int)a->tier != last_tier) {
			last_tier = (int)a->tier;
			snprintf(line, sizeof line, "%s - %s",
			    a->tier < ML_NTIERS ? rules_tier_name(a->tier) :
			    a->severity, a->tier < ML_NTIERS ?
			    rules_tier_advice(a->tier) : "unknown severity");
			for (char *c = line; *c && *c != ' '; c++)
				*c = (char)(*c >= 'a' && *c <= 'z' ? *c - 32 : *c);
			wattron(win, ui_attr(ui, tier_role[a->tier]));
			ui_put(win, y++, 1, cols - 2, line);
			wattroff(win, ui_attr(ui, tier_role[a->tier]));
			if (y >= 2 + list_rows)
				break;
		}
		short_time(a->raised_at, raised, sizeof raised);
		if (strcmp(a->status, "error") == 0)
			snprintf(acked, sizeof acked, "entered in error");
		else if (strcmp(a->status, "seen") == 0)
			snprintf(acked, sizeof acked, "clinician knows");
		else if (*a->acknowledged_at != '\0')
			short_time(a->acknowledged_at, acked, sizeof acked);
		else if (a->tier == ML_TIER_WATCH)
			snprintf(acked, sizeof acked, "logged only");
		snprintf(line, sizeof line, "%c %3u  %s  %-22s  %-11s  %s",
		    i == st.sel ? '>' : ' ', it->number, a->date, a->rule, raised,
		    acked);
		if (i == st.sel)
			wattron(win, ui_attr(ui, UI_SELECTED));
		ui_put(win, y++, 1, cols - 2, line);
		if (i == st.sel)
			wattroff(win, ui_attr(ui, UI_SELECTED));
	}
	/* The selected alert's full message, its days, and the line every
	 * alert carries. */
	mvwhline(win, rows - detail, 1, ACS_HLINE, cols - 2);
	{
		const struct alert_row *a = &items[st.sel].a;

		ui_put_wrapped(win, rows - detail + 1, 2, cols - 4, detail - 3,
		    a->message);
		if (strcmp(a->last_date, a->date) != 0) {
			snprintf(line, sizeof line, "Every entered day from %s to "
			    "%s.", a->date, a->last_date);
			ui_put(win, rows - 2, 2, cols - 4, line);
		}
		wattron(win, A_BOLD);
		ui_put(win, rows - 1, 2, cols - 4, "mendlog does not replace your "
		    "clinician: if you are worried, contact your care team.");
		wattroff(win, A_BOLD);
	}
	free(items);
}

/* a or s on the selected alert; an emergency asks first. */
static void
answer_selected(struct ui *ui, const struct alert_row *a, wint_t ch)
{
	enum alert_mark mark = ch == L'a' ? ALERT_READ : ALERT_SEEN;
	char *k;

	if (!a->open && (mark == ALERT_READ || strcmp(a->status, "seen") == 0)) {
		ui_message(ui, a->tier == ML_TIER_WATCH ? "watch is logged only: "
		    "nothing to acknowledge" : "already acknowledged");
		return;
	}
	k = alert_row_key(a);
	if (a->tier == ML_TIER_EMERGENCY && (st.confirm == NULL ||
	    strcmp(st.confirm, k) != 0 || st.confirm_ch != ch)) {
		free(st.confirm);
		st.confirm = k;
		st.confirm_ch = ch;
		/* One status line (80 columns): the action first. */
		ui_message(ui, "EMERGENCY: not seen yet? Call your local emergency "
		    "number now. %c again: %s", (int)ch, mark == ALERT_READ ?
		    "read" : "known");
		return;
	}
	ML_FREE(&st.confirm);
	ui_alerts_mark(ui, k, mark);
	free(k);
}

static enum ui_key_result
alerts_key(struct ui *ui, wint_t ch, bool is_key)
{
	struct alerts_item *items;
	size_t n = shown(ui, &items);
	enum ui_key_result r = UI_KEY_HANDLED;

	/* Any other key cancels a question about an emergency. */
	if (is_key || (ch != L'a' && ch != L's'))
		ML_FREE(&st.confirm);
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
	} else if (!is_key && (ch == L'a' || ch == L's') && n > 0) {
		answer_selected(ui, &items[st.sel].a, ch);
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
	ui_alerts_load(ui);
	st.sel = 0;
}

static const char *
alerts_hints(struct ui *ui)
{
	(void)ui;
	return st.show_all ? "j/k move  a read  s clinician knows  v open only  "
	    "Tab next  q quit" : "j/k move  a read  s clinician knows  v show all  "
	    "Tab next  q quit";
}

/* For the Help screen (see struct ui_screen's help). */
static const char *const alerts_help[] = {
	"3 Alerts",
	"  Up/Down j/k  select an alert",
	"  a            acknowledge it (I have read it)",
	"  s            my clinician knows: no reminder",
	"               while it lasts",
	"  v            all, or unacknowledged only",
	"  An emergency asks first (a or s again).",
	"  A new emergency opens a dialog on",
	"  any screen; only a or s closes it.",
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
