/*
 * export.h - the physiotherapist's CSV: one row per calendar day (or per
 * exercise slot, per alert, or per PSFS activity and week), safe to open in a spreadsheet.
 *
 * Every cell that is not a valid number for its column and begins with
 * '=', '+', '-', '@', a tab or a CR gets a leading "'" so a spreadsheet
 * shows it as text instead of running it as a formula (OWASP CSV
 * injection); valid numbers, negative ones included, are never altered.
 */
#ifndef ML_EXPORT_H
#define ML_EXPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "config.h"
#include "date.h"
#include "store.h"

enum export_kind { EXPORT_DAILY, EXPORT_EXERCISES, EXPORT_ALERTS, EXPORT_PSFS };

struct export_opts {
	enum export_kind kind;
	ml_day from, to;	/* inclusive */
	bool excel;		/* UTF-8 BOM and CRLF */
	bool semicolon;		/* ';' separators and decimal commas */
	time_t now;		/* for slot status (missed, due) */
	/* Daily: read the entries from this file as it streams by instead
	 * of the loaded table, for a file whose dates in the range are in
	 * order (the caller checks; cmd-export.c).  Rows out of order or
	 * repeating a date already written are skipped.  NULL = the loaded
	 * table. */
	const char *entries_path;
};

/* What a cell holds, for neutralising and decimal commas. */
enum export_cell { CELL_TEXT, CELL_INTEGER, CELL_DECIMAL, CELL_UNKNOWN };

/*
 * Return @value as it must be written: "'" + value when it could run as a
 * formula, decimal comma when @semicolon and @type is decimal.  Returns
 * @value itself or a string in @buf (of @size bytes; longer results are
 * allocated and *owned is set: caller frees).
 */
const char *export_cell(const char *value, enum export_cell type,
    bool semicolon, char *buf, size_t size, char **owned);

/*
 * The default range: the first recorded day (entries, procedures,
 * exercise log, alerts, PSFS ratings) through today.  Files must be loaded.
 */
void export_default_range(const struct ml_store *s, ml_day *from, ml_day *to);

/*
 * Write the export to @fp.  The files it needs must be loaded.  Returns 0,
 * or -1 with errno set on a write error.
 */
int export_write(FILE *fp, const struct ml_store *s,
    const struct ml_config *cfg, const struct export_opts *o);

#endif
