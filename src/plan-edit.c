/*
 * plan-edit.c - saving the plan form: a three-way merge of one exercises
 * row under the store's lock.  See plan-edit.h.
 *
 * For each field: unchanged by the user -> the file's value stays; changed
 * by the user only -> the user's value; changed by both to different
 * values -> the file's value stays and is reported (the user is told, and
 * can edit again on the fresh value).  The schedule is checked on the row
 * as it will be saved, not on the form's copy.
 */
#include <string.h>

#include "plan-edit.h"
#include "plan.h"

struct ctx {
	const struct plan_edit *e;
	struct plan_edit_result *res;
};

/* The merged row's schedule and required fields, before anything is set. */
static int
check_merged(const char *const *v, struct ml_error *err)
{
	const struct ml_schema *sc = ml_schema(ML_EXERCISES);
	struct plan_schedule sched;

	for (int c = 0; c < XC_NCOLS; c++) {
		if (sc->cols[c].required && v[c][0] == '\0') {
			ml_error_set(err, NULL, 0, sc->cols[c].name,
			    "empty, but required");
			return -1;
		}
		if (store_check_value(ML_EXERCISES, sc->cols[c].name, v[c],
		    err) != 0)
			return -1;
	}
	if (plan_schedule_parse(v[XC_DAYS], v[XC_TIMES], v[XC_START_DATE],
	    v[XC_END_DATE], v[XC_ACTIVE], &sched, err) != 0)
		return -1;
	if (sched.kind == PLAN_EVERY && !sched.has_start) {
		ml_error_set(err, NULL, 0, "start_date", "'every N days' counts "
		    "from the start date: give one");
		return -1;
	}
	return 0;
}

static int
apply(struct ml_tx *tx, void *vctx, struct ml_error *err)
{
	struct ctx *cx = vctx;
	const struct plan_edit *e = cx->e;
	const char *key[1] = { e->id };
	const char *merged[XC_NCOLS];
	bool write[XC_NCOLS] = { false };
	long row = tx_find(tx, key);
	size_t n = 0;

	cx->res->nsaved = cx->res->nkept = 0;
	if (e->create && row >= 0) {
		ml_error_set(err, NULL, 0, "id", "'%s' is already in the plan",
		    e->id);
		return -1;
	}
	if (!e->create && row < 0) {
		/* Removed meanwhile (plan import --replace drops an exercise
		 * that had not started): saving would bring it back. */
		ml_error_set(err, NULL, 0, "id", "'%s' was removed from the plan "
		    "while the form was open (another mendlog or a plan import); "
		    "not saved", e->id);
		return -1;
	}
	merged[XC_ID] = e->id;
	for (int c = 1; c < XC_NCOLS; c++) {
		const char *disk = e->create ? "" : tx_get(tx, (size_t)row,
		    (size_t)c);

		merged[c] = disk;
		if (e->create) {
			merged[c] = e->vals[c];
			write[c] = e->vals[c][0] != '\0';
		} else if (strcmp(e->vals[c], e->orig[c]) == 0 ||
		    strcmp(e->vals[c], disk) == 0) {
			continue;	/* not the user's change, or the same */
		} else if (strcmp(disk, e->orig[c]) != 0) {
			cx->res->kept[cx->res->nkept++] = c;
		} else {
			merged[c] = e->vals[c];
			write[c] = true;
		}
	}
	if (check_merged(merged, err) != 0)
		return -1;
	for (int c = 1; c < XC_NCOLS; c++)
		n += write[c];
	if (n == 0 && !e->create)
		return 1;	/* nothing of the user's to write */
	if (e->create)
		row = (long)tx_add_row(tx, key);
	for (int c = 1; c < XC_NCOLS; c++)
		if (write[c])
			tx_set(tx, (size_t)row, (size_t)c, merged[c]);
	cx->res->nsaved = n;
	return 0;
}

int
plan_edit_save(struct ml_store *s, const struct plan_edit *e,
    struct plan_edit_result *res, struct ml_error *err)
{
	struct ctx cx = { e, res };

	memset(res, 0, sizeof *res);
	if (store_check_value(ML_EXERCISES, "id", e->id, err) != 0)
		return -1;
	return plan_transact(s, e->effective, apply, &cx, err);
}
