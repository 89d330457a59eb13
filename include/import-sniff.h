/*
 * import-sniff.h - read a CSV file as a spreadsheet wrote it, for imports:
 * the delimiter (',' ';' or tab) is not known beforehand and the header
 * need not be the first row (a title may sit above it).
 *
 * Core code: no curses.  The file is parsed whole with each candidate
 * delimiter; the caller's @score function says how much a row looks like
 * its header.  The header is the first of the best-scoring rows among the
 * first IMPORT_HEADER_ROWS (so a "Name: J. Smith" line above the real
 * header loses to it), and the delimiter whose header scores best wins
 * (',' then ';' then tab on a tie).  Every row keeps the line it starts on, for
 * FILE:LINE problems.  Blank lines are dropped; cells are kept exactly
 * as written (no trimming).
 */
#ifndef ML_IMPORT_SNIFF_H
#define ML_IMPORT_SNIFF_H

#include <stddef.h>

#include "mendlog.h"

/* How far down a header is looked for. */
#define IMPORT_HEADER_ROWS 50

struct import_sheet_row {
	char **cells;		/* owned; ncells NUL-terminated strings */
	size_t ncells;
	long line;		/* line the row starts on */
};

struct import_sheet {
	struct import_sheet_row *rows;	/* owned; every non-blank row */
	size_t nrows;
	char delim;			/* ',' ';' or '\t' */
	long header;			/* index into rows, -1 when none found */
};

/*
 * How much the row @cells (@ncells) looks like the header: 0 for not at
 * all, more for a better match.
 */
typedef int (*import_score_fn)(void *ctx, const char *const *cells,
    size_t ncells);

/*
 * Read @path into @out, choosing the delimiter as above.  Returns 0 (with
 * out->header -1 when no row scored), or -1 with @err (no such file, not
 * a regular file, a NUL byte, or a CSV syntax error under every
 * delimiter: the one reported is that of the delimiter most used on the
 * first line).  Free @out with import_sheet_free() either way.
 */
int import_sheet_read(const char *path, import_score_fn score, void *ctx,
    struct import_sheet *out, struct ml_error *err);
/* Free what @sheet owns. */
void import_sheet_free(struct import_sheet *sheet);

/* "','", "';'" or "tab": the delimiter as a person would name it. */
const char *import_delim_name(char delim);

#endif
