/*
 * state.c - the reminders' state file (see state.h).
 *
 * Rows are "snooze_until,<ISO 8601 time>" and "printed,<key>"; any other
 * row is ignored, so a later mendlog can add keys without breaking this
 * one.  The file goes through csvio_save_atomic like the diary's files:
 * a crash mid-save leaves the old state, never half of one.
 */
#include <stdlib.h>
#include <string.h>

#include "csvio.h"
#include "state.h"

void
state_init(struct ml_state *st)
{
	memset(st, 0, sizeof *st);
}

void
state_free(struct ml_state *st)
{
	for (size_t i = 0; i < st->nprinted; i++)
		free(st->printed[i]);
	free(st->printed);
	state_init(st);
}

bool
state_printed(const struct ml_state *st, const char *key)
{
	for (size_t i = 0; i < st->nprinted; i++)
		if (strcmp(st->printed[i], key) == 0)
			return true;
	return false;
}

void
state_mark_printed(struct ml_state *st, const char *key)
{
	if (state_printed(st, key))
		return;
	st->printed = xreallocarray(st->printed, st->nprinted + 1,
	    sizeof *st->printed);
	st->printed[st->nprinted++] = xstrdup(key);
}

bool
state_snoozed(const struct ml_state *st, time_t now)
{
	return st->snooze_until != 0 && now < st->snooze_until;
}

/* Does @key start with a real YYYY-MM-DD day? */
static bool
starts_with_day(const char *key)
{
	char day[ML_DATE_LEN];

	if (strlen(key) < ML_DATE_LEN - 1)
		return false;
	memcpy(day, key, ML_DATE_LEN - 1);
	day[ML_DATE_LEN - 1] = '\0';
	return ml_date_parse(day, NULL);
}

int
state_load(struct ml_state *st, const char *dir, struct ml_error *err)
{
	char *path = xasprintf("%s/%s", dir, ML_STATE_FILE);
	struct ml_table t;
	struct ml_error perr;
	int rc;

	state_init(st);
	rc = csvio_read_file(path, &t, &perr);
	if (rc < 0 && perr.line == 0) {
		/* Cannot be read at all (permissions, a directory): say so. */
		*err = perr;
		ml_table_free(&t);
		free(path);
		return -1;
	}
	/* A damaged file is a forgotten state, not an error: it holds no
	 * diary data, and the next save writes a good one. */
	for (size_t r = 0; rc == 0 && r < t.nrows; r++) {
		const char *key = ml_row_get(&t.rows[r], 0);
		const char *value = ml_row_get(&t.rows[r], 1);
		time_t when;

		if (strcmp(key, "snooze_until") == 0 &&
		    ml_timestamp_parse(value, &when))
			st->snooze_until = when;
		else if (strcmp(key, "printed") == 0 && starts_with_day(value))
			state_mark_printed(st, value);
	}
	ml_table_free(&t);
	free(path);
	return 0;
}

struct save_ctx {
	const struct ml_state *st;
	char today[ML_DATE_LEN];
};

static int
write_state(FILE *fp, void *vctx, struct ml_error *err)
{
	struct save_ctx *sc = vctx;
	const struct csv_style style = { 0 };
	const char *row[2] = { "key", "value" };
	char ts[ML_TIMESTAMP_LEN];

	(void)err;
	if (csvio_write_row(fp, row, 2, &style) != 0)
		return -1;
	if (sc->st->snooze_until != 0) {
		ml_timestamp_format(sc->st->snooze_until, ts);
		row[0] = "snooze_until";
		row[1] = ts;
		if (csvio_write_row(fp, row, 2, &style) != 0)
			return -1;
	}
	for (size_t i = 0; i < sc->st->nprinted; i++) {
		/* Keys start with their day; older days are done with. */
		if (strncmp(sc->st->printed[i], sc->today, ML_DATE_LEN - 1) < 0)
			continue;
		row[0] = "printed";
		row[1] = sc->st->printed[i];
		if (csvio_write_row(fp, row, 2, &style) != 0)
			return -1;
	}
	return 0;
}

int
state_save(const struct ml_state *st, const char *dir, ml_day today,
    struct ml_error *err)
{
	char *path = xasprintf("%s/%s", dir, ML_STATE_FILE);
	struct save_ctx sc = { st, "" };
	int rc;

	ml_date_format(today, sc.today);
	rc = csvio_save_atomic(path, write_state, &sc, false, err);
	free(path);
	return rc;
}

int
state_set_snooze(const char *dir, time_t until, struct ml_error *err)
{
	struct ml_state st;
	int rc;

	if (state_load(&st, dir, err) != 0) {
		state_free(&st);
		return -1;
	}
	st.snooze_until = until;
	rc = state_save(&st, dir, ml_day_of(ml_now()), err);
	state_free(&st);
	return rc;
}
