/*
 * note-edit.h - edit a text in the user's own editor: write it to a 0600
 * temp file in the diary directory, run $VISUAL, else $EDITOR, else vi on
 * it, wait, and read it back.  Core code: no curses; the screen suspends
 * curses around note_edit() and `mendlog note` calls it directly, so both
 * behave the same.  Saving the result is the caller's (diary_set).
 *
 * The temp file is removed in every case: editor success or failure, read
 * errors, and SIGHUP/SIGTERM while the editor runs.  While waiting,
 * SIGINT and SIGQUIT are ignored (as system(3) does): Ctrl-C belongs to the
 * editor.
 */
#ifndef ML_NOTE_EDIT_H
#define ML_NOTE_EDIT_H

#include "mendlog.h"

enum note_edit_status {
	NOTE_EDIT_CHANGED,	/* editor exited 0, text differs: *out set */
	NOTE_EDIT_UNCHANGED,	/* editor exited 0, same text */
	NOTE_EDIT_REFUSED,	/* editor exited non-zero or was killed */
	NOTE_EDIT_ERROR		/* temp file, editor start or read failed */
};

/*
 * Edit @text (may be "") in the user's editor, from a temp file named
 * "@label.XXXXXX.txt" in @dir.  Trailing newlines of what comes back are
 * dropped; inner newlines are kept as they are.  On NOTE_EDIT_CHANGED *out
 * is the new text (caller frees); otherwise *out is NULL.  On
 * NOTE_EDIT_REFUSED and NOTE_EDIT_ERROR @err says why.  A SIGHUP or
 * SIGTERM during the edit removes the file, then is raised again with the
 * caller's handlers back in place.
 */
enum note_edit_status note_edit(const char *dir, const char *label,
    const char *text, char **out, struct ml_error *err);

/* The editor command note_edit() runs: $VISUAL, else $EDITOR, else "vi". */
const char *note_editor(void);

/* Drop trailing "\n" and "\r\n" from @s in place.  Returns @s. */
char *note_trim_end(char *s);

#endif
