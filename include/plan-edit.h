/*
 * plan-edit.h - saving the screen's plan form (add or edit one exercise):
 * only the fields the user changed are written, through one locked
 * transaction on exercises.csv, so another mendlog's change made while the
 * form was open (a `plan import --replace`, an edit in a spreadsheet) is
 * never reverted.
 *
 * The change goes through plan_transact() (plan.h), so the plan history
 * keeps what each day's schedule was.
 *
 * Core code: no curses, never prints.  Returns 0 when the change is saved
 * or there was nothing to save (@res says which), -1 with @err when nothing
 * was written: an invalid value, a schedule that does not parse with the
 * values as they will be, an exercise removed meanwhile (never brought
 * back), or a new id already taken.
 */
#ifndef ML_PLAN_EDIT_H
#define ML_PLAN_EDIT_H

#include <stdbool.h>
#include <stddef.h>

#include "date.h"
#include "schema.h"
#include "store.h"

struct plan_edit {
	const char *id;			/* the exercise's key */
	bool create;			/* a new exercise: @id must be free */
	/* XC_NCOLS values each.  @orig: as the form showed them when it
	 * opened (ignored when @create); @vals: as the user left them. */
	const char *const *orig;
	const char *const *vals;
	/* The first day the change applies to: days before it keep the
	 * schedule they had (plan_transact, the plan history). */
	ml_day effective;
};

struct plan_edit_result {
	size_t nsaved;			/* fields written (0: nothing to save) */
	/* Fields the user changed that another writer changed too while
	 * the form was open: the other value was kept. */
	int kept[XC_NCOLS];
	size_t nkept;
};

/* Save @e into exercises.csv (see above). */
int plan_edit_save(struct ml_store *s, const struct plan_edit *e,
    struct plan_edit_result *res, struct ml_error *err);

#endif
