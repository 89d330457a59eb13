/*
 * date.h - calendar days and local times.
 *
 * A day is a count of days since 1970-01-01 (proleptic Gregorian), so date
 * arithmetic never touches time zones.  Only "today" and timestamps consult
 * the local time zone.  Files use ISO 8601; everything shown is local time.
 */
#ifndef ML_DATE_H
#define ML_DATE_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

typedef int32_t ml_day;

#define ML_DATE_LEN 11		/* "YYYY-MM-DD" + NUL */
#define ML_TIMESTAMP_LEN 32	/* "YYYY-MM-DDTHH:MM:SS+HH:MM" + NUL, padded */

/* YYYY-MM-DD (or YYYY/MM/DD, as a spreadsheet re-saves it), years
 * 1900-9999, a real calendar day. */
bool ml_date_parse(const char *s, ml_day *out);	/* @out may be NULL */
/* Write YYYY-MM-DD into @buf (at least ML_DATE_LEN bytes). */
void ml_date_format(ml_day day, char *buf);
/*
 * Whether @s, a date cell ml_date_parse cannot read ("03/11/2026",
 * "19.11.26"), might stand for @day: its three numbers are @day's year
 * (or its last two digits), month and day in some order.  A cell with
 * fewer numbers ("###", "") stands for no day in particular.  For
 * refusing to add a second row for a day.
 */
bool ml_date_might_be(const char *s, ml_day day);
ml_day ml_date_from_ymd(int year, int month, int mday);
void ml_date_to_ymd(ml_day day, int *year, int *month, int *mday);
/* 0 = Monday ... 6 = Sunday. */
int ml_weekday(ml_day day);
int ml_days_in_month(int year, int month);

/*
 * A day as a person types it, relative to @today: YYYY-MM-DD, "today",
 * "yesterday", "-3" or "3 days ago" (three days before today), a weekday
 * "monday" or "mon" (the latest one, today included); any case.  The
 * command line and the screen both use it, so a date means the same thing
 * everywhere.  @out is untouched on failure.
 */
bool ml_day_parse(const char *s, ml_day today, ml_day *out);

/* Days before this year are refused unless forced: most likely a typo. */
#define ML_DAY_EARLIEST_YEAR 1990

/*
 * May @day be recorded (an entry, a procedure, an exercise)?  Not after
 * @today, and not before ML_DAY_EARLIEST_YEAR unless @force.  On false,
 * @why holds the reason with both dates.
 */
bool ml_day_recordable(ml_day day, ml_day today, bool force, char *why,
    size_t size);

/* The local calendar day of @t. */
ml_day ml_day_of(time_t t);
/* Today in local time (honours $MENDLOG_NOW, see ml_now()). */
ml_day ml_today(void);
/*
 * The current time.  $MENDLOG_NOW (an ISO 8601 timestamp or YYYY-MM-DD)
 * overrides the clock for tests and demonstrations.
 */
time_t ml_now(void);

/* ISO 8601 local time with offset, e.g. 2026-11-21T08:15:00+01:00. */
void ml_timestamp_format(time_t t, char *buf);
/*
 * Parse an ISO 8601 timestamp as written by ml_timestamp_format (the offset
 * may be "Z", "+HH:MM", "+HHMM"; without one it is local time).
 */
bool ml_timestamp_parse(const char *s, time_t *out);	/* @out may be NULL */

/* Parse "HH:MM" (00:00-23:59) into minutes after midnight. */
bool ml_hhmm_parse(const char *s, int *minutes);	/* may be NULL */

/*
 * The time_t of local wall-clock @minutes after midnight on @day.  On a
 * daylight-saving gap the next valid time is used; on an overlap the first.
 */
time_t ml_local_time(ml_day day, int minutes);

#endif
