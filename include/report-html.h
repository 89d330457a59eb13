/*
 * report-html.h - the visual report: one self-contained HTML page (inline
 * CSS and SVG, no script, nothing fetched) a physiotherapist can file,
 * print on A4 or read on a phone.  Core code: no curses, never prints
 * except to the stream it is given.
 *
 * Every chart marks its series by dash pattern and marker shape as well
 * as colour, carries an SVG <title> and <desc>, and has a table with the
 * same numbers beside it.  All text from the diary is HTML-escaped.
 */
#ifndef ML_REPORT_HTML_H
#define ML_REPORT_HTML_H

#include <stdio.h>
#include <time.h>

#include "config.h"
#include "date.h"
#include "store.h"

/*
 * Write the report of [@from, @to] to @fp.  Every file must be loaded
 * (entries, procedures, exercises, exercise log, alerts, PSFS).  Returns
 * 0, or -1 on a write error (ferror on @fp).
 */
int report_html_write(FILE *fp, const struct ml_store *s,
    const struct ml_config *cfg, ml_day from, ml_day to, time_t now);

/* Write @text to @fp with & < > " ' escaped, control characters but
 * newline and tab as spaces, and invalid UTF-8 as U+FFFD. */
void report_html_escape(FILE *fp, const char *text);

#endif
