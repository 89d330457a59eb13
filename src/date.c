/*
 * date.c - civil-day arithmetic (Howard Hinnant's days_from_civil
 * algorithm) and ISO 8601 formatting in local time.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "date.h"

ml_day
ml_date_from_ymd(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return (ml_day)(era * 146097 + doe - 719468);
}

void
ml_date_to_ymd(ml_day day, int *year, int *month, int *mday)
{
	int z = day + 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int y = yoe + era * 400;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;
	int d = doy - (153 * mp + 2) / 5 + 1;
	int m = mp + (mp < 10 ? 3 : -9);

	*year = y + (m <= 2);
	*month = m;
	*mday = d;
}

int
ml_days_in_month(int year, int month)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

	if (month < 1 || month > 12)
		return 0;
	return days[month - 1] + (month == 2 && leap);
}

int
ml_weekday(ml_day day)
{
	/* 1970-01-01 was a Thursday (3 when Monday is 0). */
	int w = (day + 3) % 7;

	return w < 0 ? w + 7 : w;
}

static bool
parse_digits(const char *s, int n, int *out)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		/* Not isdigit(): a call per byte, and locale-dependent. */
		if ((unsigned)(s[i] - '0') > 9u)
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

bool
ml_date_parse(const char *s, ml_day *out)
{
	int y, m, d;

	/* YYYY/MM/DD is what Gnumeric and some spreadsheets write back when
	 * they re-save a diary file: the same day, read the same way (the
	 * store writes it back as YYYY-MM-DD at the next save). */
	if (s == NULL || strlen(s) != 10 || (s[4] != '-' && s[4] != '/') ||
	    s[7] != s[4])
		return false;
	if (!parse_digits(s, 4, &y) || !parse_digits(s + 5, 2, &m) ||
	    !parse_digits(s + 8, 2, &d))
		return false;
	if (y < 1900 || m < 1 || m > 12 || d < 1 || d > ml_days_in_month(y, m))
		return false;
	if (out != NULL)
		*out = ml_date_from_ymd(y, m, d);
	return true;
}

bool
ml_date_might_be(const char *s, ml_day day)
{
	static const int order[6][3] = { { 0, 1, 2 }, { 0, 2, 1 }, { 1, 0, 2 },
		{ 1, 2, 0 }, { 2, 0, 1 }, { 2, 1, 0 } };
	long g[3];
	int n = 0, y, m, d;

	while (*s != '\0') {
		if ((unsigned)(*s - '0') > 9u) {
			s++;
			continue;
		}
		if (n == 3)
			return false;	/* more numbers than a date has */
		g[n] = 0;
		for (; (unsigned)(*s - '0') <= 9u; s++)
			g[n] = g[n] < 100000 ? g[n] * 10 + (*s - '0') : g[n];
		n++;
	}
	/* Too few numbers ("###", "Err:510", ""): no day in particular.
	 * Refusing every new day for it would stop the diary (and its
	 * red-flag checks); the unreadable-row notice tells the patient. */
	if (n < 3)
		return false;
	ml_date_to_ymd(day, &y, &m, &d);
	for (int i = 0; i < 6; i++) {
		long gy = g[order[i][0]], gm = g[order[i][1]], gd = g[order[i][2]];

		if ((gy == y || gy == y % 100) && gm == m && gd == d)
			return true;
	}
	return false;
}

void
ml_date_format(ml_day day, char *buf)
{
	int y, m, d;

	ml_date_to_ymd(day, &y, &m, &d);
	/* Unsigned modulos bound each field's width for the compiler. */
	snprintf(buf, ML_DATE_LEN, "%04u-%02u-%02u", (unsigned)y % 10000u,
	    (unsigned)m % 100u, (unsigned)d % 100u);
}

ml_day
ml_day_of(time_t t)
{
	struct tm tm;

	localtime_r(&t, &tm);
	return ml_date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

time_t
ml_now(void)
{
	const char *fake = getenv("MENDLOG_NOW");
	time_t t;
	ml_day day;

	if (fake != NULL && *fake != '\0') {
		if (ml_timestamp_parse(fake, &t))
			return t;
		if (ml_date_parse(fake, &day))
			return ml_local_time(day, 12 * 60);
	}
	return time(NULL);
}

ml_day
ml_today(void)
{
	return ml_day_of(ml_now());
}

/* "monday" or "mon" (any case): 0-6, or -1. */
static int
weekday_name(const char *s)
{
	static const char *const names[7] = { "monday", "tuesday",
	    "wednesday", "thursday", "friday", "saturday", "sunday" };
	size_t len = strlen(s);

	if (len < 3)
		return -1;
	for (int i = 0; i < 7; i++)
		if (strncasecmp(s, names[i], len) == 0 &&
		    (len == 3 || len == strlen(names[i])))
			return i;
	return -1;
}

/* "3", with nothing else but blanks around it: 0-36500, or -1. */
static long
day_count(const char *s, const char **end)
{
	long n = 0;
	const char *p = s;

	if (*p < '0' || *p > '9')
		return -1;
	while (*p >= '0' && *p <= '9' && n <= 36500)
		n = n * 10 + (*p++ - '0');
	*end = p;
	return n > 36500 ? -1 : n;
}

bool
ml_day_parse(const char *s, ml_day today, ml_day *out)
{
	char buf[64];
	const char *end;
	size_t len;
	long n;
	int wd;
	ml_day d;

	/* Trim blanks: a day typed in the screen's field keeps its spaces. */
	while (*s == ' ' || *s == '\t')
		s++;
	len = strlen(s);
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	if (len == 0 || len >= sizeof buf)
		return false;
	memcpy(buf, s, len);
	buf[len] = '\0';
	if (strcasecmp(buf, "today") == 0)
		d = today;
	else if (strcasecmp(buf, "yesterday") == 0)
		d = today - 1;
	else if (strcasecmp(buf, "tomorrow") == 0)
		d = today + 1;	/* parsed so that a refusal can say why */
	else if (buf[0] == '-' && (n = day_count(buf + 1, &end)) >= 0 &&
	    *end == '\0')
		d = today - (ml_day)n;		/* -3: three days ago */
	else if ((n = day_count(buf, &end)) >= 0 && end != buf &&
	    (strcasecmp(end, " days ago") == 0 ||
	    strcasecmp(end, " day ago") == 0))
		d = today - (ml_day)n;
	else if ((wd = weekday_name(buf)) >= 0)
		/* The latest such weekday, today included. */
		d = today - (ml_day)((ml_weekday(today) - wd + 7) % 7);
	else if (!ml_date_parse(buf, &d))
		return false;
	*out = d;
	return true;
}

bool
ml_day_recordable(ml_day day, ml_day today, bool force, char *why,
    size_t size)
{
	char t[ML_DATE_LEN], d[ML_DATE_LEN];

	ml_date_format(today, t);
	ml_date_format(day, d);
	if (day > today) {
		snprintf(why, size, "%s is after today (%s): a diary records "
		    "days that have happened", d, t);
		return false;
	}
	if (day < ml_date_from_ymd(ML_DAY_EARLIEST_YEAR, 1, 1) && !force) {
		snprintf(why, size, "%s is before %d: is the year a typo? "
		    "(--force records it)", d, ML_DAY_EARLIEST_YEAR);
		return false;
	}
	return true;
}

void
ml_timestamp_format(time_t t, char *buf)
{
	struct tm tm;
	long off;
	char sign;

	localtime_r(&t, &tm);
	off = tm.tm_gmtoff;
	sign = off < 0 ? '-' : '+';
	if (off < 0)
		off = -off;
	/* The ranges are those of struct tm; unsigned modulos only tell the
	 * compiler that every field has at most two (four) digits. */
	snprintf(buf, ML_TIMESTAMP_LEN, "%04u-%02u-%02uT%02u:%02u:%02u%c%02u:%02u",
	    (unsigned)(tm.tm_year + 1900) % 10000u, (unsigned)(tm.tm_mon + 1) % 100u,
	    (unsigned)tm.tm_mday % 100u, (unsigned)tm.tm_hour % 100u,
	    (unsigned)tm.tm_min % 100u, (unsigned)tm.tm_sec % 100u, sign,
	    (unsigned)(off / 3600) % 100u, (unsigned)((off % 3600) / 60) % 100u);
}

bool
ml_timestamp_parse(const char *s, time_t *out)
{
	int h, mi, sec = 0, oh, om;
	const char *p;
	ml_day day;
	char date[ML_DATE_LEN];

	if (s == NULL || strlen(s) < 16)
		return false;
	memcpy(date, s, 10);
	date[10] = '\0';
	/* Validating only (@out NULL): the day number is not needed. */
	if (!ml_date_parse(date, out != NULL ? &day : NULL) ||
	    (s[10] != 'T' && s[10] != ' '))
		return false;
	if (!parse_digits(s + 11, 2, &h) || s[13] != ':' ||
	    !parse_digits(s + 14, 2, &mi) || h > 23 || mi > 59)
		return false;
	p = s + 16;
	if (*p == ':') {
		if (!parse_digits(p + 1, 2, &sec) || sec > 60)
			return false;
		p += 3;
	}
	if (*p == '\0') {
		/* No offset: local wall-clock time. */
		if (out != NULL)
			*out = ml_local_time(day, h * 60 + mi) + sec;
		return true;
	}
	if (*p == 'Z' && p[1] == '\0') {
		oh = om = 0;
	} else if ((*p == '+' || *p == '-') && parse_digits(p + 1, 2, &oh)) {
		const char *q = p + 3;

		if (*q == ':')
			q++;
		if (!parse_digits(q, 2, &om) || q[2] != '\0' || oh > 23 || om > 59)
			return false;
		if (*p == '-') {
			oh = -oh;
			om = -om;
		}
	} else {
		return false;
	}
	if (out != NULL)
		*out = (time_t)day * 86400 + h * 3600 + mi * 60 + sec -
		    (oh * 3600 + om * 60);
	return true;
}

bool
ml_hhmm_parse(const char *s, int *minutes)
{
	int h, m;

	if (s == NULL || strlen(s) != 5 || s[2] != ':' ||
	    !parse_digits(s, 2, &h) || !parse_digits(s + 3, 2, &m) ||
	    h > 23 || m > 59)
		return false;
	if (minutes != NULL)
		*minutes = h * 60 + m;
	return true;
}

/* Local wall-clock reading of @t, in seconds since 1970-01-01 00:00 of the
 * local calendar (not an instant: the same reading can occur twice). */
static long long
wall_seconds(time_t t)
{
	struct tm tm;

	localtime_r(&t, &tm);
	return (long long)ml_date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1,
	    tm.tm_mday) * 86400 + tm.tm_hour * 3600 + tm.tm_min * 60 +
	    tm.tm_sec;
}

static time_t local_time(ml_day day, int minutes);

/*
 * A schedule asks for the same few (day, time) pairs again and again (a
 * 10,000-exercise plan over 30 days: 1.5 million calls, 2 times a day),
 * and glibc's mktime re-reads the zone file's status on every call when
 * TZ is unset.  A small cache of answers, dropped whenever TZ changes
 * (tests switch zones), made `plan list` linear in practice.
 */
time_t
ml_local_time(ml_day day, int minutes)
{
	enum { NCACHE = 256 };
	static struct {
		ml_day day;
		int minutes;
		time_t t;
		bool used;
	} cache[NCACHE];
	static char cache_tz[256];
	const char *tz = getenv("TZ");
	size_t i = ((size_t)day * 31u + (size_t)minutes) % NCACHE;

	if (tz == NULL)
		tz = "";
	if (strncmp(tz, cache_tz, sizeof cache_tz) != 0) {
		memset(cache, 0, sizeof cache);
		snprintf(cache_tz, sizeof cache_tz, "%s", tz);
	}
	if (!cache[i].used || cache[i].day != day ||
	    cache[i].minutes != minutes) {
		cache[i].day = day;
		cache[i].minutes = minutes;
		cache[i].t = local_time(day, minutes);
		cache[i].used = true;
	}
	return cache[i].t;
}

static time_t
local_time(ml_day day, int minutes)
{
	struct tm tm;
	int y, m, d;
	time_t t, lo, hi;
	long long want = (long long)day * 86400 + minutes * 60;

	ml_date_to_ymd(day, &y, &m, &d);
	memset(&tm, 0, sizeof tm);
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_hour = minutes / 60;
	tm.tm_min = minutes % 60;
	/* Let mktime decide whether DST applies; in a fall-back overlap it
	 * picks one of the two instants, which is all a schedule needs. */
	tm.tm_isdst = -1;
	t = mktime(&tm);
	if (t == (time_t)-1 || wall_seconds(t) == want)
		return t;
	/*
	 * A time in the spring-forward gap (02:30 when 02:00 becomes 03:00)
	 * never shows on the clock.  glibc moves it forward by the gap
	 * (03:30); mendlog(5) promises the first valid time after it: the
	 * instant the clocks change (03:00).  That is the first instant whose
	 * reading is past the wanted one: a binary search below mktime's
	 * answer (no zone moves its clocks by more than a few hours).
	 */
	lo = t - 4 * 3600;
	hi = t;
	if (wall_seconds(lo) >= want)
		return t;
	while (hi - lo > 1) {
		time_t mid = lo + (hi - lo) / 2;

		if (wall_seconds(mid) >= want)
			hi = mid;
		else
			lo = mid;
	}
	return hi;
}
