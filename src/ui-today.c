/*
 * ui-today.c - the day form (screen 1): every field of entries.csv on one
 * 80x24 screen, in the file's column order, each change saved at once.
 *
 * Keys (a contract other screens' tests rely on): the cursor starts on
 * back_pain when the screen opens; j/k and Down/Up move; on a score digits
 * set it (1 then 0 = 10) and +/- adjust; on yes/no Space toggles, y and n
 * answer; x or Delete clears; Enter opens the inline editor on numbers and
 * text, and Enter there saves.  [ ] PgUp PgDn change day, t is today, g
 * asks for a date, u undoes the last change.
 *
 * Every change goes through ui_save_entry() (one store transaction setting
 * only that field), so a `mendlog log` from another shell is never undone.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diary.h"
#include "ui-edit.h"
#include "ui.h"

enum kind { K_SCORE, K_YESNO, K_NUMBER, K_TEXT };

struct field {
	enum ml_entry_col col;
	enum kind kind;
	const char *label;
	const char *unit;	/* shown after a number */
};

/* entries.csv column order, without date and updated_at. */
static const struct field fields[] = {
	{ EC_BACK_PAIN, K_SCORE, "Back pain (average)", "/10" },
	{ EC_BACK_PAIN_WORST, K_SCORE, "Back pain (worst)", "/10" },
	{ EC_LEG_PAIN, K_SCORE, "Leg pain", "/10" },
	{ EC_HEADACHE, K_SCORE, "Headache", "/10" },
	{ EC_HEADACHE_UPRIGHT, K_YESNO, "Headache worse upright", NULL },
	{ EC_NUMBNESS, K_YESNO, "Numbness in legs or feet", NULL },
	{ EC_TINGLING, K_YESNO, "Pins and needles", NULL },
	{ EC_LEG_WEAKNESS, K_YESNO, "New leg weakness", NULL },
	{ EC_BLADDER_BOWEL, K_YESNO, "Bladder or bowel trouble", NULL },
	{ EC_SADDLE_NUMBNESS, K_YESNO, "Numbness between the legs", NULL },
	{ EC_TEMPERATURE_C, K_NUMBER, "Highest temperature", " C" },
	{ EC_SITE_PROBLEM, K_YESNO, "Wound or puncture site", NULL },
	{ EC_SLEEP_HOURS, K_NUMBER, "Sleep last night", " hours" },
	{ EC_MEDICATION, K_TEXT, "Medication", NULL },
	{ EC_THERAPIES, K_TEXT, "Therapies", NULL },
	{ EC_ACTIVITY_MIN, K_NUMBER, "Activity", " minutes" },
	{ EC_MOOD, K_SCORE, "Mood", "/10" },
	{ EC_NOTES, K_TEXT, "Notes", NULL },
};
#define NFIELDS ML_NELEM(fields)

#define FIRST_ROW 1		/* body row of the first field */
#define LABEL_X 2
#define VALUE_X 30
#define DOC_ROW (FIRST_ROW + (int)NFIELDS)	/* the last body row at 80x24 */
#define TEXT_MAX 4000		/* characters in one field */

enum mode { M_FORM, M_EDIT, M_GOTO };

static struct {
	size_t cur;		/* index into fields */
	enum mode mode;
	struct ui_edit ed;
	ml_day ed_day;		/* the day the editor writes to */
	size_t ed_field;
	int pending;		/* last digit typed on this score, or -1 */
	int cy, cx;		/* terminal cursor while editing */
	bool complained;	/* the notice line holds our refusal */
	/* One level of undo. */
	bool undo_ok;
	ml_day undo_day;
	size_t undo_field;
	char *undo_value;
} st = { .pending = -1 };

static const char *
column_name(size_t f)
{
	return ml_schema(ML_ENTRIES)->cols[fields[f].col].name;
}

static const char *
value_of(struct ui *ui, ml_day day, size_t f)
{
	return diary_text(ui->store, diary_find(ui->store, day), fields[f].col);
}

/* Save one field of @day; remember the old value for undo. */
static int
save(struct ui *ui, ml_day day, size_t f, const char *value)
{
	struct ml_set set = { column_name(f), value };
	char *old = xstrdup(value_of(ui, day, f));

	if (strcmp(old, value) == 0) {
		free(old);
		return 0;
	}
	if (ui_save_entry(ui, day, &set, 1) != 0) {
		free(old);
		return -1;
	}
	free(st.undo_value);
	st.undo_value = old;
	st.undo_day = day;
	st.undo_field = f;
	st.undo_ok = true;
	return 0;
}

/* Normalise what was typed for field @f: trim numbers, accept a comma as
 * the decimal point.  Returns a new string (caller frees). */
static char *
normalise(size_t f, const char *typed)
{
	char *v;
	size_t n;

	if (fields[f].kind == K_TEXT)
		return xstrdup(typed);
	while (*typed == ' ')
		typed++;
	v = xstrdup(typed);
	n = strlen(v);
	while (n > 0 && v[n - 1] == ' ')
		v[--n] = '\0';
	for (char *p = v; *p; p++)
		if (*p == ',')
			*p = '.';
	return v;
}

/* Try to save the editor's text; false (editor stays open) when invalid. */
static bool
commit_edit(struct ui *ui)
{
	char *typed = ui_edit_utf8(&st.ed);
	char *v = normalise(st.ed_field, typed);
	struct ml_error err;
	bool ok = false;

	if (store_check_value(ML_ENTRIES, column_name(st.ed_field), v, &err) != 0) {
		ui_message(ui, "%s: %s", fields[st.ed_field].label, err.msg);
		st.complained = true;
		beep();
	} else if (save(ui, st.ed_day, st.ed_field, v) == 0) {
		ok = true;
	}
	free(typed);
	free(v);
	return ok;
}

static void
close_editor(struct ui *ui)
{
	/* A refusal is stale once the editor closes. */
	if (st.complained) {
		ui->message[0] = '\0';
		st.complained = false;
	}
	ui_edit_close(&st.ed);
	st.mode = M_FORM;
	ui_dirty(ui);
	ui_dirty_frame(ui);
}

static void
open_editor(struct ui *ui, const char *initial)
{
	st.mode = M_EDIT;
	st.ed_day = ui->day;
	st.ed_field = st.cur;
	ui_edit_open(&st.ed, initial,
	    fields[st.cur].kind == K_TEXT ? TEXT_MAX : 8);
	ui_dirty(ui);
	ui_dirty_frame(ui);
}

static void
set_score(struct ui *ui, int v)
{
	char buf[8];

	snprintf(buf, sizeof buf, "%d", v);
	save(ui, ui->day, st.cur, buf);
}

static void
adjust(struct ui *ui, int dir)
{
	const struct field *fd = &fields[st.cur];
	const char *cur = value_of(ui, ui->day, st.cur);
	char buf[16];
	double v;

	switch (fd->col) {
	case EC_TEMPERATURE_C:
		v = *cur ? atof(cur) + 0.1 * dir : 37.0;
		if (v < 30.0 || v > 45.0)
			return;
		snprintf(buf, sizeof buf, "%.1f", v);
		break;
	case EC_SLEEP_HOURS:
		v = *cur ? atof(cur) + 0.5 * dir : 7.0;
		if (v < 0.0 || v > 24.0)
			return;
		snprintf(buf, sizeof buf, "%g", v);
		break;
	case EC_ACTIVITY_MIN:
		v = *cur ? atof(cur) + 5 * dir : 0;
		if (v < 0 || v > 1440)
			return;
		snprintf(buf, sizeof buf, "%d", (int)v);
		break;
	default:
		/* A score; an unanswered one starts from 0. */
		v = *cur ? atof(cur) + dir : (dir > 0 ? 1 : 0);
		if (v < 0 || v > 10)
			return;
		snprintf(buf, sizeof buf, "%d", (int)v);
		break;
	}
	save(ui, ui->day, st.cur, buf);
}

static void
undo(struct ui *ui)
{
	char *v;

	if (!st.undo_ok) {
		ui_message(ui, "nothing to undo");
		return;
	}
	v = st.undo_value;
	st.undo_value = NULL;
	st.undo_ok = false;
	if (st.undo_day != ui->day)
		ui_set_day(ui, st.undo_day);
	st.cur = st.undo_field;
	save(ui, st.undo_day, st.undo_field, v);
	ui_message(ui, "undone: %s", fields[st.undo_field].label);
	/* An undo is not itself undone by u. */
	ML_FREE(&st.undo_value);
	st.undo_ok = false;
	free(v);
	ui_dirty(ui);
}

static void
goto_day(struct ui *ui, ml_day day)
{
	st.pending = -1;
	if (day > ml_today()) {
		ui_message(ui, "the diary does not go past today");
		return;
	}
	ui_set_day(ui, day);
}

static enum ui_key_result
editor_key(struct ui *ui, wint_t ch, bool is_key)
{
	enum ui_edit_result r = ui_edit_key(&st.ed, ch, is_key);

	if (r == UI_EDIT_CANCEL) {
		close_editor(ui);
	} else if (r == UI_EDIT_DONE && st.mode == M_EDIT) {
		if (commit_edit(ui))
			close_editor(ui);
	} else if (r == UI_EDIT_DONE) {
		char *typed = ui_edit_utf8(&st.ed);
		char *t = normalise(0, typed);
		ml_day d;

		if (ml_date_parse(t, &d)) {
			close_editor(ui);
			goto_day(ui, d);
		} else {
			ui_message(ui, "type a date as YYYY-MM-DD");
			st.complained = true;
			beep();
		}
		free(typed);
		free(t);
	}
	ui_dirty(ui);
	/* Every key belongs to the editor: q and digits are text here. */
	return UI_KEY_HANDLED;
}

static enum ui_key_result
key(struct ui *ui, wint_t ch, bool is_key)
{
	const struct field *fd;
	int pending = st.pending;

	if (st.mode != M_FORM)
		return editor_key(ui, ch, is_key);
	fd = &fields[st.cur];
	st.pending = -1;
	if (is_key) {
		switch (ch) {
		case KEY_DOWN: goto down;
		case KEY_UP: goto up;
		case KEY_HOME: st.cur = 0; break;
		case KEY_END: st.cur = NFIELDS - 1; break;
		case KEY_DC: goto clear;
		case KEY_ENTER: goto enter;
		case KEY_PPAGE: goto_day(ui, ui->day - 1); return UI_KEY_HANDLED;
		case KEY_NPAGE: goto_day(ui, ui->day + 1); return UI_KEY_HANDLED;
		default: return UI_KEY_UNHANDLED;
		}
		ui_dirty(ui);
		ui_dirty_frame(ui);
		return UI_KEY_HANDLED;
	}
	if (ch >= L'0' && ch <= L'9') {
		int d = (int)(ch - L'0');

		if (fd->kind == K_SCORE) {
			/* "1" then "0" is ten; any other pair starts over. */
			if (pending >= 0 && pending * 10 + d <= 10) {
				set_score(ui, pending * 10 + d);
			} else {
				set_score(ui, d);
				st.pending = d;
			}
		} else if (fd->kind == K_NUMBER) {
			char first[2] = { (char)ch, '\0' };

			open_editor(ui, first);
		}
		return UI_KEY_HANDLED;
	}
	switch (ch) {
	case L'j':
	down:
		if (st.cur + 1 < NFIELDS)
			st.cur++;
		break;
	case L'k':
	up:
		if (st.cur > 0)
			st.cur--;
		break;
	case L'+': case L'=':
		if (fd->kind == K_SCORE || fd->kind == K_NUMBER)
			adjust(ui, 1);
		return UI_KEY_HANDLED;
	case L'-':
		if (fd->kind == K_SCORE || fd->kind == K_NUMBER)
			adjust(ui, -1);
		return UI_KEY_HANDLED;
	case L'y': case L'n':
		if (fd->kind == K_YESNO)
			save(ui, ui->day, st.cur, ch == L'y' ? "yes" : "no");
		return UI_KEY_HANDLED;
	case L' ':
		if (fd->kind == K_YESNO)
			save(ui, ui->day, st.cur,
			    ml_parse_yesno(value_of(ui, ui->day, st.cur)) == 1 ?
			    "no" : "yes");
		return UI_KEY_HANDLED;
	case L'x':
	clear:
		save(ui, ui->day, st.cur, "");
		return UI_KEY_HANDLED;
	case L'\r': case L'\n':
	enter:
		if (fd->kind == K_YESNO)
			save(ui, ui->day, st.cur,
			    ml_parse_yesno(value_of(ui, ui->day, st.cur)) == 1 ?
			    "no" : "yes");
		else
			open_editor(ui, value_of(ui, ui->day, st.cur));
		return UI_KEY_HANDLED;
	case L'[': goto_day(ui, ui->day - 1); return UI_KEY_HANDLED;
	case L']': goto_day(ui, ui->day + 1); return UI_KEY_HANDLED;
	case L't': goto_day(ui, ml_today()); return UI_KEY_HANDLED;
	case L'u': undo(ui); return UI_KEY_HANDLED;
	case L'g':
		st.mode = M_GOTO;
		ui_edit_open(&st.ed, "", ML_DATE_LEN - 1);
		ui_dirty(ui);
		ui_dirty_frame(ui);
		return UI_KEY_HANDLED;
	default:
		return UI_KEY_UNHANDLED;
	}
	ui_dirty(ui);
	ui_dirty_frame(ui);	/* the key hints follow the field's kind */
	return UI_KEY_HANDLED;
}

static void
format_value(const struct field *fd, const char *v, char *buf, size_t size)
{
	if (*v == '\0')
		snprintf(buf, size, "-");
	else if (fd->unit != NULL)
		snprintf(buf, size, "%s%s", v, fd->unit);
	else
		snprintf(buf, size, "%s", v);
}

static void
draw(struct ui *ui, WINDOW *win)
{
	long row = diary_find(ui->store, ui->day);
	int width = getmaxx(win) - VALUE_X - 1;
	const struct ml_schema *sc = ml_schema(ML_ENTRIES);

	for (size_t f = 0; f < NFIELDS; f++) {
		int y = FIRST_ROW + (int)f;
		const char *v = diary_text(ui->store, row, fields[f].col);
		bool invalid = row >= 0 && store_value_invalid(ui->store,
		    ML_ENTRIES, (size_t)row, fields[f].col);
		char buf[TEXT_MAX + 16];
		attr_t a = f == st.cur ? ui_attr(ui, UI_SELECTED) : A_NORMAL;

		wattron(win, a);
		mvwhline(win, y, LABEL_X - 1, ' ', VALUE_X - LABEL_X);
		ui_put(win, y, LABEL_X, VALUE_X - LABEL_X - 2, fields[f].label);
		wattroff(win, a);
		if (st.mode == M_EDIT && f == st.cur) {
			ui_edit_draw(&st.ed, win, y, VALUE_X, width, &st.cx);
			st.cy = y;
			continue;
		}
		format_value(&fields[f], v, buf, sizeof buf);
		a = *v == '\0' ? ui_attr(ui, UI_DIM) :
		    invalid ? ui_attr(ui, UI_INVALID) : A_NORMAL;
		wattron(win, a);
		ui_put(win, y, VALUE_X, width, buf);
		wattroff(win, a);
	}
	if (st.mode == M_GOTO) {
		static const char prompt[] = "Go to day (YYYY-MM-DD): ";
		int px = LABEL_X + (int)sizeof prompt - 1;

		ui_put(win, DOC_ROW, LABEL_X, px, prompt);
		ui_edit_draw(&st.ed, win, DOC_ROW, px, 12, &st.cx);
		st.cy = DOC_ROW;
	} else {
		wattron(win, ui_attr(ui, UI_DIM));
		ui_put(win, DOC_ROW, LABEL_X, getmaxx(win) - LABEL_X - 1,
		    sc->cols[fields[st.cur].col].doc);
		wattroff(win, ui_attr(ui, UI_DIM));
	}
}

static const char *
hints(struct ui *ui)
{
	(void)ui;
	if (st.mode == M_GOTO)
		return "Enter go  Esc cancel";
	if (st.mode == M_EDIT)
		return "Enter save  Esc cancel  Left/Right Home End  ^U clear";
	switch (fields[st.cur].kind) {
	case K_SCORE:
		return "0-10 score  +/- adjust  x clear  [ ] day  g date  ? help";
	case K_YESNO:
		return "y/n/Space answer  x clear  [ ] day  t today  ? help";
	default:
		return "Enter edit  +/- adjust  x clear  [ ] day  g date  ? help";
	}
}

static bool
cursor(struct ui *ui, int *y, int *x)
{
	(void)ui;
	if (st.mode == M_FORM)
		return false;
	*y = st.cy;
	*x = st.cx;
	return true;
}

static void
enter(struct ui *ui)
{
	(void)ui;
	st.cur = 0;		/* back_pain: a contract the tests rely on */
	st.pending = -1;
}

static void
leave(struct ui *ui)
{
	if (st.mode == M_EDIT)
		commit_edit(ui);
	ui_edit_close(&st.ed);
	st.mode = M_FORM;
}

/* SIGHUP, SIGTERM, Ctrl-C: keep what is being typed. */
static void
flush(struct ui *ui)
{
	/* Text always saves; a half-typed invalid number cannot be stored. */
	if (st.mode == M_EDIT)
		(void)commit_edit(ui);
	ui_edit_close(&st.ed);
	st.mode = M_FORM;
	ML_FREE(&st.undo_value);
	st.undo_ok = false;
}

const struct ui_screen ui_today = {
	.name = "Today",
	.tab_key = '1',
	.digits_are_input = true,
	.enter = enter,
	.leave = leave,
	.draw = draw,
	.key = key,
	.hints = hints,
	.flush = flush,
	.cursor = cursor,
};
