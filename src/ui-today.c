/*
 * ui-today.c - the day form (screen 1): every field of entries.csv on one
 * 80x24 screen, in the file's column order, each change saved at once.
 *
 * Keys (a contract other screens' tests rely on): the cursor starts on
 * back_pain when the screen opens; j/k and Down/Up move; on a score digits
 * set it (1 then 0 = 10) and +/- adjust; on yes/no Space toggles, y and n
 * answer; x or Delete clears; Enter opens the inline editor on numbers and
 * text, and Enter there saves.  [ ] PgUp PgDn change day, t is today, g
 * asks for a date, u undoes the last change.  E on a text field (Notes)
 * opens it in $VISUAL/$EDITOR with curses suspended (note-edit.c, shared
 * with `mendlog note`).
 *
 * Every change goes through ui_save_entry() (one store transaction setting
 * only that field), so a `mendlog log` from another shell is never undone.
 * Two places could still write over another mendlog's value, and both
 * check first: the editor, when the field changed on disk while it was
 * open (the first Enter says so and keeps the other value; a second Enter
 * saves the typed text), and undo, when the field no longer holds what
 * this screen saved (the other value is kept).
 *
 * Undo walks back through every change made since the screen was opened
 * (a stack); a two-digit score (1 then 0) is one change.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diary.h"
#include "note-edit.h"
#include "ui-edit.h"
#include "ui-psfs.h"
#include "ui.h"

enum kind { K_SCORE, K_YESNO, K_NUMBER, K_TEXT };

/*
 * A form field: the column, its wording and where it sits.  How it is
 * edited follows from the column's type in the schema (field_kind).  Most
 * fields have a row of their own; short ones (the yes/no signs, a few
 * numbers) share a row as a two-column checklist, so every field of
 * entries.csv fits one 80x24 screen.  j/k move in this array's order,
 * which is the file's column order and the reading order on screen.
 */
enum side { WHOLE, LEFT, RIGHT };

struct field {
	enum ml_entry_col col;
	const char *label;
	const char *unit;	/* shown after a number */
	enum side side;		/* RIGHT shares the row of the LEFT before it */
};

/* entries.csv column order, without date and updated_at. */
static const struct field fields[] = {
	{ EC_BACK_PAIN, "Back pain (average)", "/10", WHOLE },
	{ EC_BACK_PAIN_WORST, "Back pain (worst)", "/10", WHOLE },
	{ EC_LEG_PAIN, "Leg pain", "/10", WHOLE },
	{ EC_HEADACHE, "Headache", "/10", WHOLE },
	{ EC_HEADACHE_UPRIGHT, "Headache worse upright", NULL, LEFT },
	{ EC_NUMBNESS, "Numbness in legs or feet", NULL, RIGHT },
	{ EC_TINGLING, "Pins and needles", NULL, LEFT },
	{ EC_LEG_WEAKNESS, "New leg weakness", NULL, RIGHT },
	{ EC_BLADDER_BOWEL, "Lost bladder/bowel control", NULL, LEFT },
	{ EC_SADDLE_NUMBNESS, "Numbness between the legs", NULL, RIGHT },
	{ EC_TEMPERATURE_C, "Highest temperature", " C", WHOLE },
	{ EC_SITE_PROBLEM, "Site red/hot/swollen/pus", NULL, LEFT },
	{ EC_SLEEP_HOURS, "Sleep last night", " hours", RIGHT },
	{ EC_MEDICATION, "Medication", NULL, WHOLE },
	{ EC_THERAPIES, "Therapies", NULL, WHOLE },
	{ EC_ACTIVITY_MIN, "Activity", " minutes", LEFT },
	{ EC_MOOD, "Mood", "/10", RIGHT },
	{ EC_NOTES, "Notes", NULL, WHOLE },
	{ EC_NECK_STIFFNESS, "Stiff neck", NULL, LEFT },
	{ EC_HEADACHE_NEURO, "Headache, confused/vision", NULL, RIGHT },
	{ EC_CHEST_BREATHLESS, "Chest pain/breathless", NULL, LEFT },
	{ EC_CANNOT_WALK, "Cannot stand or walk", NULL, RIGHT },
	{ EC_BOTH_LEGS, "Symptoms in both legs", NULL, LEFT },
	{ EC_CALF_PAIN, "Calf pain or swelling", NULL, RIGHT },
	{ EC_FALL, "Had a fall", NULL, LEFT },
	{ EC_PAIN_UNCONTROLLED, "Pain not eased by meds", NULL, RIGHT },
	{ EC_DAYS_NO_BOWEL, "Days without bowel motion", " days", LEFT },
	{ EC_SITE_LEAKING, "Wound/site leaking fluid", NULL, RIGHT },
};
#define NFIELDS ML_NELEM(fields)

#define FIRST_ROW 1		/* body row of the first field */
#define LABEL_X 2
#define VALUE_X 30
#define RIGHT_LABEL_X 41	/* the checklist's second column */
#define RIGHT_VALUE_X 68
#define TEXT_MAX 4000		/* characters in one field */

/* Where field @f sits: its row, label and value columns, and the room its
 * value has on a screen @cols wide. */
struct place {
	int y, label_x, value_x, value_w;
};

static struct place
field_place(size_t f, int cols)
{
	struct place p = { FIRST_ROW, LABEL_X, VALUE_X, cols - VALUE_X - 1 };

	for (size_t i = 1; i <= f; i++)
		if (fields[i].side != RIGHT)
			p.y++;
	if (fields[f].side == LEFT) {
		p.value_w = RIGHT_LABEL_X - VALUE_X - 1;
	} else if (fields[f].side == RIGHT) {
		p.label_x = RIGHT_LABEL_X;
		p.value_x = RIGHT_VALUE_X;
		p.value_w = cols - RIGHT_VALUE_X - 1;
	}
	return p;
}

/* The row below the last field: the field's description or a prompt. */
#define DOC_ROW (field_place(NFIELDS - 1, 80).y + 1)

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
	char *ed_orig;		/* the field's value when the editor opened */
	/* Undo: every change of this session, the last on top. */
	struct undo {
		ml_day day;
		size_t field;
		char *old;	/* the value before the change */
		char *new;	/* the value the change saved */
	} *undo;
	size_t nundo;
	bool merge;		/* the next save completes the top change */
	bool pushed;		/* the last save() added an undo step */
	bool pending_pushed;	/* ... and so did the pending first digit */
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

static enum kind field_kind(size_t f);

static void
undo_free_all(void)
{
	for (size_t i = 0; i < st.nundo; i++) {
		free(st.undo[i].old);
		free(st.undo[i].new);
	}
	ML_FREE(&st.undo);
	st.nundo = 0;
}

/* What a change did, and how to take it back: "Back pain (average) 7 → 2
 * · u undoes" (ASCII arrows outside a UTF-8 locale). */
static void
say_change(struct ui *ui, size_t f, const char *old, const char *value)
{
	const char *arrow = ui->utf8 ? "\u2192" : "->";
	const char *dot = ui->utf8 ? "\u00b7" : "-";

	if (field_kind(f) == K_TEXT)
		ui_message(ui, "%s saved %s u undoes", fields[f].label, dot);
	else
		ui_message(ui, "%s %s %s %s %s u undoes", fields[f].label,
		    *old ? old : "-", arrow, *value ? value : "-", dot);
}

/*
 * Save one field of @day and, unless @undoing, say what changed and
 * remember it for undo: a new step, or with st.merge the top step's new
 * value (the second digit of a score).
 */
static int
save_field(struct ui *ui, ml_day day, size_t f, const char *value,
    bool undoing)
{
	struct ml_set set = { column_name(f), value };
	char *old = xstrdup(value_of(ui, day, f));
	bool merge = st.merge && st.nundo > 0 &&
	    st.undo[st.nundo - 1].day == day && st.undo[st.nundo - 1].field == f;
	struct undo *u;

	st.merge = false;
	st.pushed = false;
	if (strcmp(old, value) == 0) {
		free(old);
		return 0;
	}
	/* Said first: what the save raised (an alert) then takes the line. */
	if (!undoing)
		say_change(ui, f, merge ? st.undo[st.nundo - 1].old : old, value);
	if (ui_save_entry(ui, day, &set, 1) != 0) {
		free(old);
		return -1;
	}
	if (undoing) {
		free(old);
		return 0;
	}
	if (merge) {
		u = &st.undo[st.nundo - 1];
		free(old);
	} else {
		st.undo = xreallocarray(st.undo, st.nundo + 1, sizeof *st.undo);
		u = &st.undo[st.nundo++];
		u->day = day;
		u->field = f;
		u->old = old;
		u->new = NULL;
		st.pushed = true;
	}
	free(u->new);
	u->new = xstrdup(value);
	return 0;
}

static int
save(struct ui *ui, ml_day day, size_t f, const char *value)
{
	return save_field(ui, day, f, value, false);
}

/* How field @f is edited, from its schema type. */
static enum kind
field_kind(size_t f)
{
	switch (ml_schema(ML_ENTRIES)->cols[fields[f].col].type) {
	case ML_T_SCORE:	return K_SCORE;
	case ML_T_YESNO:	return K_YESNO;
	case ML_T_TEXT:		return K_TEXT;
	default:		return K_NUMBER;
	}
}

/* What was typed for field @f in its stored form (the schema's one
 * normaliser: 37,9 -> 37.9, Yes -> yes); an invalid value comes back
 * trimmed, for the error message.  Returns a new string (caller frees). */
static char *
normalise(size_t f, const char *typed)
{
	enum ml_type type = ml_schema(ML_ENTRIES)->cols[fields[f].col].type;
	size_t size = strlen(typed) + 8;
	char *v = xmalloc(size);
	size_t n;

	if (type == ML_T_TEXT)
		snprintf(v, size, "%s", typed);
	if (type == ML_T_TEXT ||
	    ml_value_normalise(type, typed, v, size) != NULL)
		return v;
	while (*typed == ' ')
		typed++;
	snprintf(v, size, "%s", typed);
	n = strlen(v);
	while (n > 0 && v[n - 1] == ' ')
		v[--n] = '\0';
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

	const char *now;

	/* Fresh from the file: another mendlog may have changed this field
	 * while the editor was open (watch_files reloads only between keys,
	 * and the save's transaction would write over it). */
	(void)store_load(ui->store, ML_ENTRIES, NULL, &err);
	now = value_of(ui, st.ed_day, st.ed_field);
	if (store_check_value(ML_ENTRIES, column_name(st.ed_field), v, &err) != 0) {
		ui_message(ui, "%s: %s", fields[st.ed_field].label, err.msg);
		st.complained = true;
		beep();
	} else if (st.ed_orig != NULL && strcmp(now, st.ed_orig) != 0 &&
	    strcmp(now, v) != 0) {
		/* Kept until the user, told, saves over it. */
		ui_message(ui, "%s was changed elsewhere while you typed; it is "
		    "kept. Enter again saves yours, Esc keeps it.",
		    fields[st.ed_field].label);
		free(st.ed_orig);
		st.ed_orig = xstrdup(now);
		st.complained = true;
		ui_dirty(ui);
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
	ML_FREE(&st.ed_orig);
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
	free(st.ed_orig);
	st.ed_orig = xstrdup(value_of(ui, ui->day, st.cur));
	ui_edit_open(&st.ed, initial,
	    field_kind(st.cur) == K_TEXT ? TEXT_MAX : 8);
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

/* +/-: step a number; an unanswered one starts from a usual value. */
static void
adjust(struct ui *ui, int dir)
{
	static const struct {
		enum ml_entry_col col;
		double step, start;
		const char *fmt;
	} steps[] = {
		{ EC_TEMPERATURE_C, 0.1, 37.0, "%.1f" },
		{ EC_SLEEP_HOURS, 0.5, 7.0, "%g" },
		{ EC_ACTIVITY_MIN, 5.0, 0.0, "%.0f" },
	};
	const struct ml_type_info *t = ml_type_info(
	    ml_schema(ML_ENTRIES)->cols[fields[st.cur].col].type);
	const char *cur = value_of(ui, ui->day, st.cur);
	double step = 1.0, start = dir > 0 ? 1.0 : 0.0;
	double min = t->min, max = t->max;	/* the schema's range */
	const char *fmt = "%.0f";
	char buf[32];
	double v;

	for (size_t i = 0; i < ML_NELEM(steps); i++)
		if (steps[i].col == fields[st.cur].col) {
			step = steps[i].step;
			start = steps[i].start;
			fmt = steps[i].fmt;
		}
	if (*cur == '\0') {
		v = start;
	} else if (ml_parse_decimal(cur, min, max, &v)) {
		v += step * dir;
	} else {
		ui_message(ui, "%s: '%s' is not valid; press Enter to correct it",
		    fields[st.cur].label, cur);
		return;
	}
	if (v < min - 1e-9 || v > max + 1e-9)
		return;
	snprintf(buf, sizeof buf, fmt, v);
	save(ui, ui->day, st.cur, buf);
}

/* Take back the last change still on the stack; u again, the one before. */
static void
undo(struct ui *ui)
{
	struct undo u;
	const char *arrow = ui->utf8 ? "\u2192" : "->";
	size_t n;

	if (st.nundo == 0) {
		ui_message(ui, "nothing to undo");
		return;
	}
	u = st.undo[--st.nundo];
	n = st.nundo;
	if (u.day != ui->day)
		ui_set_day(ui, u.day);
	st.cur = u.field;
	if (strcmp(value_of(ui, u.day, u.field), u.new) != 0) {
		/* Another mendlog changed it since: its value stands. */
		ui_message(ui, "not undone: %s was changed elsewhere since; "
		    "that value is kept", fields[u.field].label);
	} else if (save_field(ui, u.day, u.field, u.old, true) == 0) {
		ui_message(ui, "undone: %s %s %s%s", fields[u.field].label,
		    arrow, *u.old ? u.old : "-", n > 0 ? "; u again for the "
		    "change before" : "");
	} else {
		st.nundo++;	/* not saved: still to undo */
		ui_dirty(ui);
		return;
	}
	free(u.old);
	free(u.new);
	ui_dirty(ui);
}

static void
goto_day(struct ui *ui, ml_day day)
{
	char why[160];

	st.pending = -1;
	if (day > ml_today()) {
		char t[ML_DATE_LEN];

		ml_date_format(ml_today(), t);
		ui_message(ui, "the diary does not go past today (%s): it "
		    "records days that have happened", t);
		return;
	}
	/* The same refusal as log --date: a year before 1990 is a typo. */
	if (!ml_day_recordable(day, ml_today(), false, why, sizeof why)) {
		ui_message(ui, "%s", why);
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
		char *t = normalise(0, typed);	/* trimmed like a number */
		ml_day d;

		if (ml_day_parse(t, ml_today(), &d)) {
			close_editor(ui);
			goto_day(ui, d);
		} else {
			ui_message(ui, "type a date as YYYY-MM-DD, today, "
			    "yesterday, -3, 3 days ago or monday");
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

/* E: the text field in the user's editor; curses is suspended meanwhile
 * and the save is the same one-field transaction as any other change. */
static void
edit_external(struct ui *ui)
{
	char date[ML_DATE_LEN], label[64], buf[1024];
	struct ml_error err, reload_err;
	enum note_edit_status r;
	char *now, *before;

	if (field_kind(st.cur) != K_TEXT) {
		ui_message(ui, "E opens your editor on a text field, like Notes");
		return;
	}
	ml_date_format(ui->day, date);
	snprintf(label, sizeof label, "%s-%s", column_name(st.cur), date);
	def_prog_mode();
	endwin();
	ui_paste_mode(false);	/* the editor's own terminal, as the shell's */
	before = xstrdup(value_of(ui, ui->day, st.cur));
	r = note_edit(ui->app->data_dir, label, before, &now, &err);
	ui_paste_mode(true);
	reset_prog_mode();
	clearok(curscr, TRUE);
	refresh();
	ui_dirty(ui);
	ui_dirty_frame(ui);
	/* Fresh from the file: another mendlog may have changed the field
	 * while the editor ran (the save's transaction would write over it). */
	(void)store_load(ui->store, ML_ENTRIES, NULL, &reload_err);
	if (r == NOTE_EDIT_CHANGED && strcmp(value_of(ui, ui->day, st.cur),
	    before) != 0 && strcmp(value_of(ui, ui->day, st.cur), now) != 0) {
		/* Kept, and the text shown in the inline editor (line breaks
		 * as spaces): Enter saves it over the other, Esc keeps that. */
		size_t len, cut;
		wchar_t *w = ml_utf8_to_wide(now, &len);

		open_editor(ui, "");
		cut = ui_edit_paste(&st.ed, w, len, NULL);
		free(w);
		free(now);
		ui_message(ui, "%s was changed elsewhere meanwhile; it is kept. "
		    "Enter saves yours%s, Esc keeps it.", fields[st.cur].label,
		    cut > 0 ? " (cut to fit)" : "");
		st.complained = true;
	} else if (r == NOTE_EDIT_CHANGED) {
		if (save(ui, ui->day, st.cur, now) == 0)
			ui_message(ui, "%s saved from your editor; u undoes it",
			    fields[st.cur].label);
		free(now);
	} else if (r == NOTE_EDIT_UNCHANGED) {
		ui_message(ui, "%s unchanged", fields[st.cur].label);
	} else {
		ml_error_format(&err, buf, sizeof buf);
		ui_message(ui, "%s", buf);
	}
	free(before);
}

/* What a key does on the form (digits are handled before the table). */
enum action {
	A_DOWN, A_UP, A_FIRST, A_LAST, A_INC, A_DEC, A_YES, A_NO, A_TOGGLE,
	A_CLEAR, A_ENTER, A_PREV_DAY, A_NEXT_DAY, A_TODAY, A_GOTO, A_UNDO,
	A_EXTERNAL, A_CHECKIN,
};

/* The form's keymap: a key not listed here goes to the frame (q, Tab,
 * F1-F5, ?, Ctrl-L). */
static const struct binding {
	wint_t ch;
	bool is_key;		/* a KEY_* code rather than a character */
	enum action action;
} bindings[] = {
	{ L'j', false, A_DOWN }, { KEY_DOWN, true, A_DOWN },
	{ L'k', false, A_UP }, { KEY_UP, true, A_UP },
	{ KEY_HOME, true, A_FIRST }, { KEY_END, true, A_LAST },
	{ L'+', false, A_INC }, { L'=', false, A_INC }, { L'-', false, A_DEC },
	{ L'y', false, A_YES }, { L'n', false, A_NO }, { L' ', false, A_TOGGLE },
	{ L'x', false, A_CLEAR }, { KEY_DC, true, A_CLEAR },
	{ L'\r', false, A_ENTER }, { L'\n', false, A_ENTER },
	{ KEY_ENTER, true, A_ENTER },
	{ L'[', false, A_PREV_DAY }, { KEY_PPAGE, true, A_PREV_DAY },
	{ L']', false, A_NEXT_DAY }, { KEY_NPAGE, true, A_NEXT_DAY },
	{ L't', false, A_TODAY }, { L'g', false, A_GOTO }, { L'u', false, A_UNDO },
	{ L'E', false, A_EXTERNAL }, { L'w', false, A_CHECKIN },
};

/* A digit: a score directly ("1" then "0" is ten), or the start of a
 * typed number. */
static void
digit(struct ui *ui, int d, int pending)
{
	if (field_kind(st.cur) == K_SCORE) {
		if (pending >= 0 && pending * 10 + d <= 10) {
			/* The second digit: the same change as the first. */
			st.merge = st.pending_pushed;
			set_score(ui, pending * 10 + d);
		} else {
			set_score(ui, d);
			st.pending = d;
			st.pending_pushed = st.pushed;
		}
	} else if (field_kind(st.cur) == K_NUMBER) {
		char first[2] = { (char)('0' + d), '\0' };

		open_editor(ui, first);
	}
}

static void
toggle(struct ui *ui)
{
	save(ui, ui->day, st.cur,
	    ml_parse_yesno(value_of(ui, ui->day, st.cur)) == 1 ? "no" : "yes");
}

static enum ui_key_result
today_key(struct ui *ui, wint_t ch, bool is_key)
{
	enum kind kind = field_kind(st.cur);
	int pending = st.pending;
	size_t i;

	if (st.mode != M_FORM)
		return editor_key(ui, ch, is_key);
	st.pending = -1;
	if (!is_key && ch >= L'0' && ch <= L'9') {
		digit(ui, (int)(ch - L'0'), pending);
		return UI_KEY_HANDLED;
	}
	for (i = 0; i < ML_NELEM(bindings); i++)
		if (bindings[i].ch == ch && bindings[i].is_key == is_key)
			break;
	if (i == ML_NELEM(bindings))
		return UI_KEY_UNHANDLED;
	switch (bindings[i].action) {
	case A_DOWN: if (st.cur + 1 < NFIELDS) st.cur++; break;
	case A_UP: if (st.cur > 0) st.cur--; break;
	case A_FIRST: st.cur = 0; break;
	case A_LAST: st.cur = NFIELDS - 1; break;
	case A_INC: case A_DEC:
		if (kind == K_SCORE || kind == K_NUMBER)
			adjust(ui, bindings[i].action == A_INC ? 1 : -1);
		return UI_KEY_HANDLED;
	case A_YES: case A_NO:
		if (kind == K_YESNO)
			save(ui, ui->day, st.cur,
			    bindings[i].action == A_YES ? "yes" : "no");
		return UI_KEY_HANDLED;
	case A_TOGGLE:
		if (kind == K_YESNO)
			toggle(ui);
		return UI_KEY_HANDLED;
	case A_CLEAR:
		if (*value_of(ui, ui->day, st.cur) != '\0' &&
		    save(ui, ui->day, st.cur, "") == 0)
			ui_message(ui, "%s cleared; u brings it back",
			    fields[st.cur].label);
		return UI_KEY_HANDLED;
	case A_ENTER:
		if (kind == K_YESNO)
			toggle(ui);
		else
			open_editor(ui, value_of(ui, ui->day, st.cur));
		return UI_KEY_HANDLED;
	case A_PREV_DAY: goto_day(ui, ui->day - 1); return UI_KEY_HANDLED;
	case A_NEXT_DAY: goto_day(ui, ui->day + 1); return UI_KEY_HANDLED;
	case A_TODAY: goto_day(ui, ml_today()); return UI_KEY_HANDLED;
	case A_UNDO: undo(ui); return UI_KEY_HANDLED;
	case A_EXTERNAL: edit_external(ui); return UI_KEY_HANDLED;
	case A_CHECKIN: ui_psfs_open(ui); return UI_KEY_HANDLED;
	case A_GOTO:
		st.mode = M_GOTO;
		ui_edit_open(&st.ed, "", 16);
		break;
	}
	/* The cursor moved or a prompt opened: the key hints follow. */
	ui_dirty(ui);
	ui_dirty_frame(ui);
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
today_draw(struct ui *ui, WINDOW *win)
{
	long row = diary_find(ui->store, ui->day);
	const struct ml_schema *sc = ml_schema(ML_ENTRIES);

	for (size_t f = 0; f < NFIELDS; f++) {
		struct place p = field_place(f, getmaxx(win));
		const char *v = diary_text(ui->store, row, fields[f].col);
		bool invalid = row >= 0 && store_value_invalid(ui->store,
		    ML_ENTRIES, (size_t)row, fields[f].col);
		char buf[TEXT_MAX + 16];
		attr_t a = f == st.cur ? ui_attr(ui, UI_SELECTED) : A_NORMAL;

		if (p.value_w < 1)
			p.value_w = 1;
		wattron(win, a);
		mvwhline(win, p.y, p.label_x - 1, ' ', p.value_x - p.label_x);
		ui_put(win, p.y, p.label_x, p.value_x - p.label_x - 2,
		    fields[f].label);
		wattroff(win, a);
		if (st.mode == M_EDIT && f == st.cur) {
			ui_edit_draw(&st.ed, win, p.y, p.value_x, p.value_w,
			    &st.cx);
			st.cy = p.y;
			continue;
		}
		format_value(&fields[f], v, buf, sizeof buf);
		a = *v == '\0' ? ui_attr(ui, UI_DIM) :
		    invalid ? ui_attr(ui, UI_INVALID) : A_NORMAL;
		wattron(win, a);
		ui_put(win, p.y, p.value_x, p.value_w, buf);
		wattroff(win, a);
	}
	if (st.mode == M_GOTO) {
		static const char prompt[] = "Go to day (YYYY-MM-DD, -3, monday): ";
		int px = LABEL_X + (int)sizeof prompt - 1;

		ui_put(win, DOC_ROW, LABEL_X, px, prompt);
		ui_edit_draw(&st.ed, win, DOC_ROW, px, 18, &st.cx);
		st.cy = DOC_ROW;
	} else if (row >= 0 && store_value_invalid(ui->store, ML_ENTRIES,
	    (size_t)row, fields[st.cur].col)) {
		/* Written by hand elsewhere: say what is accepted; the value
		 * stays in the file until the user corrects it. */
		const struct ml_column *c = &sc->cols[fields[st.cur].col];
		char why[200];

		snprintf(why, sizeof why, "not valid here: expected %s",
		    ml_type_describe(c->type));
		wattron(win, ui_attr(ui, UI_INVALID));
		ui_put(win, DOC_ROW, LABEL_X, getmaxx(win) - LABEL_X - 1, why);
		wattroff(win, ui_attr(ui, UI_INVALID));
	} else {
		wattron(win, ui_attr(ui, UI_DIM));
		ui_put(win, DOC_ROW, LABEL_X, getmaxx(win) - LABEL_X - 1,
		    sc->cols[fields[st.cur].col].doc);
		wattroff(win, ui_attr(ui, UI_DIM));
	}
}

static const char *
today_hints(struct ui *ui)
{
	(void)ui;
	if (st.mode == M_GOTO)
		return "Enter go  Esc cancel";
	if (st.mode == M_EDIT)
		return "Enter save  Esc cancel  Left/Right Home End  ^U clear";
	switch (field_kind(st.cur)) {
	case K_SCORE:
		return "0-10 score  +/- adjust  x clear  [ ] day  g date  w check-in";
	case K_YESNO:
		return "y/n/Space answer  x clear  [ ] day  t today  w check-in";
	default:
		return field_kind(st.cur) == K_TEXT ?
		    "Enter edit  E editor  x clear  [ ] day  g date  w check-in" :
		    "Enter edit  +/- adjust  x clear  [ ] day  g date  w check-in";
	}
}

/* A paste is text for the open editor (ui_edit_paste: line breaks become
 * spaces); on the form itself it would be keys, so the frame drops it. */
static bool
today_paste(struct ui *ui, const wchar_t *text, size_t n)
{
	size_t dropped;

	if (st.mode == M_FORM)
		return false;
	dropped = ui_edit_paste(&st.ed, text, n, NULL);
	if (dropped > 0)
		ui_message(ui, "%zu pasted characters left out (control "
		    "characters, or the field is full)", dropped);
	ui_dirty(ui);
	return true;
}

static bool
today_cursor(struct ui *ui, int *y, int *x)
{
	(void)ui;
	if (st.mode == M_FORM)
		return false;
	*y = st.cy;
	*x = st.cx;
	return true;
}

static void
today_enter(struct ui *ui)
{
	(void)ui;
	st.cur = 0;		/* back_pain: a contract the tests rely on */
	st.pending = -1;
}

static void
today_leave(struct ui *ui)
{
	if (st.mode == M_EDIT)
		commit_edit(ui);
	ui_edit_close(&st.ed);
	st.mode = M_FORM;
}

/* SIGHUP, SIGTERM, Ctrl-C: keep what is being typed. */
static void
today_flush(struct ui *ui)
{
	/* Text always saves; a half-typed invalid number cannot be stored. */
	if (st.mode == M_EDIT)
		(void)commit_edit(ui);
	ui_edit_close(&st.ed);
	ML_FREE(&st.ed_orig);
	st.mode = M_FORM;
	undo_free_all();
}

static const char *const today_help[] = {
	"1 Today: the day form",
	"  Up/Down j/k    move between fields",
	"  0-9            score (1 then 0 = 10)",
	"  + -            raise/lower the value",
	"  Space y n      answer yes/no",
	"  x Delete       clear the field",
	"  Enter  E       type here, E: in $EDITOR",
	"  u              undo; again: the one before",
	"  [ ] PgUp PgDn  previous/next day",
	"  t  today   g  go to a date",
	"  w  weekly check-in (PSFS)",
	"",
	"Inline editor",
	"  Left Right Home End  move",
	"  Backspace Delete     delete",
	"  Ctrl-U / Ctrl-K  clear to start/end",
	"  Enter  save     Esc  cancel",
	"  q and digits are text here",
	NULL,
};

const struct ui_screen ui_today = {
	.name = "Today",
	.tab_key = '1',
	.digits_are_input = true,
	.enter = today_enter,
	.leave = today_leave,
	.draw = today_draw,
	.key = today_key,
	.hints = today_hints,
	.flush = today_flush,
	.paste = today_paste,
	.cursor = today_cursor,
	.help = today_help,
};
