/*
 * report-html.c - the visual report: one HTML page with inline CSS and
 * SVG, built from the same data as the text report (report.h, plan.h,
 * psfs.h, alerts.csv).  No script, no link, no font or image fetched:
 * the file is complete on its own, so it can be mailed, filed and
 * printed years later.
 *
 * Layout, top to bottom: header (patient, period, every procedure with
 * its day count), pain chart, weekly adherence bars, PSFS trend, the
 * weekly table, the alerts, and the notes of days with urgent or
 * emergency alerts.  Charts never rely on colour alone: each series has
 * its own dash pattern and marker shape and a legend in words.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "diary.h"
#include "plan.h"
#include "psfs.h"
#include "report-html.h"
#include "report.h"
#include "rules.h"

/* The pain chart shows at most this many points: longer periods are
 * averaged into groups of days, as the text chart does. */
#define PAIN_POINTS 120

/* Chart geometry, in SVG user units (the SVG scales to the page). */
#define CW 720
#define PL 44.0			/* plot left */
#define PR 704.0		/* plot right */

void
report_html_escape(FILE *fp, const char *text)
{
	const unsigned char *p = (const unsigned char *)text;

	while (*p) {
		int n;

		switch (*p) {
		case '&': fputs("&amp;", fp); p++; continue;
		case '<': fputs("&lt;", fp); p++; continue;
		case '>': fputs("&gt;", fp); p++; continue;
		case '"': fputs("&quot;", fp); p++; continue;
		case '\'': fputs("&#39;", fp); p++; continue;
		default: break;
		}
		if (*p < 0x80) {
			/* No control characters reach the page. */
			fputc(*p < 0x20 && *p != '\n' && *p != '\t' ? ' ' : *p,
			    fp);
			p++;
			continue;
		}
		n = (*p & 0xe0) == 0xc0 ? 1 : (*p & 0xf0) == 0xe0 ? 2 :
		    (*p & 0xf8) == 0xf0 ? 3 : -1;
		if (n > 0 && *p != 0xc0 && *p != 0xc1 && *p <= 0xf4) {
			int i;

			for (i = 1; i <= n && (p[i] & 0xc0) == 0x80; i++)
				;
			if (i > n) {
				fwrite(p, 1, (size_t)n + 1, fp);
				p += n + 1;
				continue;
			}
		}
		fputs("\xef\xbf\xbd", fp);	/* U+FFFD for a bad byte */
		p++;
	}
}

static const char style[] =
    "<style>\n"
    "@page { size: A4; margin: 14mm 12mm; }\n"
    ":root { color: #111; background: #fff; }\n"
    "body { font: 15px/1.45 system-ui, -apple-system, \"Segoe UI\", "
    "Roboto, \"DejaVu Sans\", sans-serif; margin: 0 auto; padding: 0 12px; "
    "max-width: 60rem; }\n"
    "h1 { font-size: 1.5em; margin: .6em 0 .2em; }\n"
    "h2 { font-size: 1.15em; margin: 1.4em 0 .4em; border-bottom: 1px solid "
    "#888; break-after: avoid; page-break-after: avoid; }\n"
    "p { margin: .3em 0; }\n"
    ".meta { color: #333; }\n"
    ".caution { font-size: .9em; color: #333; }\n"
    "figure { margin: .5em 0; break-inside: avoid; page-break-inside: "
    "avoid; }\n"
    "figcaption { font-size: .9em; color: #333; }\n"
    "svg { width: 100%; height: auto; display: block; }\n"
    "svg text { font-family: inherit; font-size: 11px; fill: #111; }\n"
    ".scroll { overflow-x: auto; }\n"
    "table { border-collapse: collapse; font-size: .9em; margin: .4em 0; }\n"
    "th, td { border: 1px solid #999; padding: 2px 6px; text-align: right; "
    "vertical-align: top; }\n"
    "th { background: #eee; }\n"
    "td.text, th.text { text-align: left; }\n"
    "td:first-child, td:nth-child(2) { white-space: nowrap; }\n"
    "tr { break-inside: avoid; page-break-inside: avoid; }\n"
    "thead { display: table-header-group; }\n"
    ".tier { font-weight: bold; text-transform: uppercase; }\n"
    ".note { white-space: pre-wrap; overflow-wrap: anywhere; border-left: "
    "3px solid #666; padding-left: .6em; margin: .2em 0 .8em; }\n"
    "@media print {\n"
    "  body { font-size: 10pt; max-width: none; padding: 0; }\n"
    "  .scroll { overflow: visible; }\n"
    "  th { background: #eee; -webkit-print-color-adjust: exact; "
    "print-color-adjust: exact; }\n"
    "}\n"
    "@media (max-width: 40rem) {\n"
    "  body { font-size: 14px; padding: 0 6px; }\n"
    "  th, td { padding: 2px 3px; }\n"
    "}\n"
    "</style>\n";

/* The series of the pain chart: colour, dash pattern and marker, so a
 * black-and-white print or a colour-blind reader still tells them apart. */
struct series {
	const char *label;
	const char *colour;
	const char *dash;	/* stroke-dasharray, "" = solid */
	enum { MK_CIRCLE, MK_SQUARE, MK_TRIANGLE } marker;
};

static const struct series pain_series[3] = {
	{ "back pain", "#1f4e79", "", MK_CIRCLE },
	{ "leg pain", "#8b4513", "7 4", MK_SQUARE },
	{ "headache", "#2e6b30", "2 3", MK_TRIANGLE },
};

static void
marker(FILE *fp, const struct series *se, double x, double y)
{
	switch (se->marker) {
	case MK_CIRCLE:
		fprintf(fp, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>",
		    x, y, se->colour);
		break;
	case MK_SQUARE:
		fprintf(fp, "<rect x=\"%.1f\" y=\"%.1f\" width=\"6\" height=\"6\" "
		    "fill=\"#fff\" stroke=\"%s\" stroke-width=\"1.5\"/>", x - 3,
		    y - 3, se->colour);
		break;
	case MK_TRIANGLE:
		fprintf(fp, "<path d=\"M%.1f %.1fl4 7h-8z\" fill=\"#fff\" "
		    "stroke=\"%s\" stroke-width=\"1.5\"/>", x, y - 4, se->colour);
		break;
	}
}

/* A line through @v (NAN = gap: the line breaks there, never drops to 0). */
static void
polyline(FILE *fp, const struct series *se, const double *v, size_t n,
    double (*xof)(size_t, size_t), double top, double bottom, double max)
{
	bool pen = false;

	fprintf(fp, "<path fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s%s%s "
	    "d=\"", se->colour, *se->dash ? " stroke-dasharray=\"" : "",
	    se->dash, *se->dash ? "\"" : "");
	for (size_t i = 0; i < n; i++) {
		if (isnan(v[i])) {
			pen = false;
			continue;
		}
		fprintf(fp, "%s%.1f %.1f", pen ? " L" : " M", xof(i, n),
		    bottom - (bottom - top) * v[i] / max);
		pen = true;
	}
	fputs("\"/>\n", fp);
	for (size_t i = 0; i < n; i++)
		if (!isnan(v[i]))
			marker(fp, se, xof(i, n), bottom - (bottom - top) * v[i] /
			    max);
	fputc('\n', fp);
}

static double
x_spread(size_t i, size_t n)
{
	return n <= 1 ? (PL + PR) / 2 : PL + (PR - PL) * (double)i /
	    (double)(n - 1);
}

/* Horizontal grid lines and their labels for a 0-@max scale. */
static void
grid(FILE *fp, double top, double bottom, int max, int step,
    const char *suffix)
{
	for (int v = 0; v <= max; v += step) {
		double y = bottom - (bottom - top) * v / max;

		fprintf(fp, "<line x1=\"%.0f\" y1=\"%.1f\" x2=\"%.0f\" y2=\"%.1f\" "
		    "stroke=\"#bbb\" stroke-width=\"%s\"/>"
		    "<text x=\"%.0f\" y=\"%.1f\" text-anchor=\"end\">%d%s</text>\n",
		    PL, y, PR, y, v == 0 ? "1.2" : "0.6", PL - 6, y + 4, v, suffix);
	}
}

static void
date_label(FILE *fp, double x, double y, ml_day d, const char *anchor)
{
	char date[ML_DATE_LEN];

	ml_date_format(d, date);
	fprintf(fp, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">%s</text>\n",
	    x, y, anchor, date);
}

/* Five date labels along the x axis of @n points of @per days each. */
static void
x_dates(FILE *fp, size_t n, ml_day from, int per, double y,
    double (*xof)(size_t, size_t))
{
	size_t last = (size_t)-1;

	for (int k = 0; k <= 4; k++) {
		size_t i = n <= 1 ? 0 : (size_t)k * (n - 1) / 4;

		if (i == last)
			continue;
		last = i;
		date_label(fp, xof(i, n), y, from + (ml_day)i * per, n <= 1 ? "middle" :
		    k == 0 ? "start" : k == 4 ? "end" : "middle");
	}
}

/* The procedures in the loaded file on or before @to, oldest first. */
struct proc_list {
	struct ml_procedure *v;
	size_t n;
};

static int
proc_cmp(const void *a, const void *b)
{
	const struct ml_procedure *x = a, *y = b;

	return x->date < y->date ? -1 : x->date > y->date ? 1 :
	    x->row < y->row ? -1 : x->row > y->row;
}

static void
procedures(const struct ml_store *s, ml_day to, struct proc_list *out)
{
	size_t n = store_nrows(s, ML_PROCEDURES);

	out->v = xcalloc(n ? n : 1, sizeof *out->v);
	out->n = 0;
	for (size_t r = 0; r < n; r++) {
		struct ml_procedure *p = &out->v[out->n];

		if (!ml_date_parse(store_get(s, ML_PROCEDURES, r, PC_DATE),
		    &p->date) || p->date > to)
			continue;
		p->kind = store_get(s, ML_PROCEDURES, r, PC_KIND);
		p->description = store_get(s, ML_PROCEDURES, r, PC_DESCRIPTION);
		p->row = (long)r;
		out->n++;
	}
	qsort(out->v, out->n, sizeof *out->v, proc_cmp);
}

/* The most severe tier recorded on each day of [@from, @to]
 * (ML_NTIERS = none), as a new array of to - from + 1 items. */
static enum ml_tier *
alert_days(const struct ml_store *s, ml_day from, ml_day to)
{
	size_t ndays = (size_t)(to - from + 1);
	enum ml_tier *t = xcalloc(ndays, sizeof *t);

	for (size_t i = 0; i < ndays; i++)
		t[i] = ML_NTIERS;
	for (size_t r = 0; r < store_nrows(s, ML_ALERTS); r++) {
		enum ml_tier tier;
		ml_day d;

		if (!ml_date_parse(store_get(s, ML_ALERTS, r, AC_DATE), &d) ||
		    d < from || d > to ||
		    !rules_tier_parse(store_get(s, ML_ALERTS, r, AC_SEVERITY),
		    &tier))
			continue;
		if (tier < t[d - from])
			t[d - from] = tier;
	}
	return t;
}

static bool
serious(enum ml_tier t)
{
	return t == ML_TIER_EMERGENCY || t == ML_TIER_URGENT;
}

static void
write_header(FILE *fp, const struct ml_store *s, const struct ml_config *cfg,
    ml_day from, ml_day to, const struct proc_list *procs)
{
	char dfrom[ML_DATE_LEN], dto[ML_DATE_LEN];

	ml_date_format(from, dfrom);
	ml_date_format(to, dto);
	fputs("<header>\n<h1>Recovery report</h1>\n<p class=\"meta\">", fp);
	if (cfg->patient_name != NULL || cfg->patient_id != NULL) {
		fputs("Patient: <strong>", fp);
		report_html_escape(fp, cfg->patient_name != NULL ?
		    cfg->patient_name : "(name not set)");
		fputs("</strong>", fp);
		if (cfg->patient_id != NULL) {
			fputs(" &middot; ID: <strong>", fp);
			report_html_escape(fp, cfg->patient_id);
			fputs("</strong>", fp);
		}
		fputs("<br>\n", fp);
	}
	fprintf(fp, "Period: <strong>%s</strong> to <strong>%s</strong> "
	    "(%d days)</p>\n", dfrom, dto, (int)(to - from + 1));
	fputs("<p>Procedures:</p>\n", fp);
	if (procs->n == 0)
		fputs("<p>None recorded.</p>\n", fp);
	else
		fputs("<ul>\n", fp);
	for (size_t i = 0; i < procs->n; i++) {
		const struct ml_procedure *p = &procs->v[i];
		char pd[ML_DATE_LEN];

		ml_date_format(p->date, pd);
		fprintf(fp, "<li><strong>P%zu</strong> %s on %s", i + 1,
		    ml_proc_kind_label(p->kind), pd);
		if (*p->description) {
			fputs(" (", fp);
			report_html_escape(fp, p->description);
			fputc(')', fp);
		}
		fprintf(fp, ": %s is day %d after it</li>\n", dto,
		    (int)(to - p->date));
	}
	if (procs->n > 0)
		fputs("</ul>\n", fp);
	(void)s;
	fputs("<p class=\"caution\">Kept by the patient in mendlog; not a "
	    "clinical record.  It does not replace your clinician's "
	    "assessment.</p>\n</header>\n", fp);
}

/* Daily pain, averaged per group of @per days. */
static void
pain_chart(FILE *fp, const struct ml_store *s, ml_day from, ml_day to,
    const struct proc_list *procs, const enum ml_tier *tiers)
{
	static const enum ml_entry_col cols[3] = { EC_BACK_PAIN, EC_LEG_PAIN,
	    EC_HEADACHE };
	const double top = 30, bottom = 230;
	int ndays = to - from + 1;
	int per = (ndays + PAIN_POINTS - 1) / PAIN_POINTS;
	size_t n = (size_t)((ndays + per - 1) / per);
	double *v[3];
	enum ml_tier *bin_tier = xcalloc(n, sizeof *bin_tier);
	double sum[3] = { 0, 0, 0 };
	int cnt[3] = { 0, 0, 0 }, nalert = 0, nserious = 0, nproc = 0;

	for (int k = 0; k < 3; k++)
		v[k] = xcalloc(n, sizeof *v[k]);
	for (size_t i = 0; i < n; i++) {
		double bs[3] = { 0, 0, 0 };
		int bn[3] = { 0, 0, 0 };

		bin_tier[i] = ML_NTIERS;
		for (int j = 0; j < per; j++) {
			ml_day d = from + (ml_day)i * per + j;
			long row;

			if (d > to)
				break;
			row = diary_find(s, d);
			for (int k = 0; k < 3; k++) {
				int sc = diary_score(s, row, cols[k]);

				if (sc >= 0) {
					bs[k] += sc;
					bn[k]++;
					sum[k] += sc;
					cnt[k]++;
				}
			}
			if (tiers[d - from] < bin_tier[i])
				bin_tier[i] = tiers[d - from];
			if (tiers[d - from] < ML_NTIERS) {
				nalert++;
				nserious += serious(tiers[d - from]);
			}
		}
		for (int k = 0; k < 3; k++)
			v[k][i] = bn[k] ? bs[k] / bn[k] : NAN;
	}
	for (size_t i = 0; i < procs->n; i++)
		nproc += procs->v[i].date >= from && procs->v[i].date <= to;

	fputs("<section>\n<h2>Pain</h2>\n<figure>\n", fp);
	fprintf(fp, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d "
	    "300\" role=\"img\" aria-labelledby=\"pain-t pain-d\">\n", CW);
	fputs("<title id=\"pain-t\">Daily back, leg and headache pain, 0 to "
	    "10</title>\n<desc id=\"pain-d\">", fp);
	fprintf(fp, "Pain scores from 0 (none) to 10 (worst imaginable)%s. ",
	    per > 1 ? ", each point the mean of a group of days" : "");
	for (int k = 0; k < 3; k++) {
		if (cnt[k])
			fprintf(fp, "Mean %s %.1f over %d days. ",
			    pain_series[k].label, sum[k] / cnt[k], cnt[k]);
		else
			fprintf(fp, "No %s scores. ", pain_series[k].label);
	}
	fprintf(fp, "%d procedure day%s and %d alert day%s (%d urgent or "
	    "emergency) are marked.  The weekly table below has the numbers."
	    "</desc>\n", nproc, nproc == 1 ? "" : "s", nalert,
	    nalert == 1 ? "" : "s", nserious);
	grid(fp, top, bottom, 10, 2, "");
	/* Procedure days: a vertical rule labelled P1, P2 ... */
	for (size_t i = 0; i < procs->n; i++) {
		ml_day d = procs->v[i].date;
		double x;

		if (d < from || d > to)
			continue;
		x = x_spread((size_t)((d - from) / per), n);
		fprintf(fp, "<line x1=\"%.1f\" y1=\"%.0f\" x2=\"%.1f\" y2=\"%.0f\" "
		    "stroke=\"#444\" stroke-width=\"1.5\" stroke-dasharray=\"6 2 1 2\"/>"
		    "<text x=\"%.1f\" y=\"%.0f\" text-anchor=\"middle\" "
		    "font-weight=\"bold\">P%zu</text>\n", x, top - 6, x, bottom, x,
		    top - 10, i + 1);
	}
	for (int k = 0; k < 3; k++)
		polyline(fp, &pain_series[k], v[k], n, x_spread, top, bottom, 10);
	/* Alert days under the axis: a filled triangle for urgent or
	 * emergency, a hollow one for the others. */
	for (size_t i = 0; i < n; i++)
		if (bin_tier[i] < ML_NTIERS)
			fprintf(fp, "<path d=\"M%.1f %.0fl5 9h-10z\" fill=\"%s\" "
			    "stroke=\"#b00\" stroke-width=\"1.5\"/>\n",
			    x_spread(i, n), bottom + 4,
			    serious(bin_tier[i]) ? "#b00" : "#fff");
	x_dates(fp, n, from, per, bottom + 28, x_spread);
	/* Legend: words beside each line style and marker. */
	for (int k = 0; k < 3; k++) {
		double x = PL + 150.0 * k;
		const struct series *se = &pain_series[k];

		fprintf(fp, "<line x1=\"%.0f\" y1=\"284\" x2=\"%.0f\" y2=\"284\" "
		    "stroke=\"%s\" stroke-width=\"2\"%s%s%s/>", x, x + 30,
		    se->colour, *se->dash ? " stroke-dasharray=\"" : "", se->dash,
		    *se->dash ? "\"" : "");
		marker(fp, se, x + 15, 284);
		fprintf(fp, "<text x=\"%.0f\" y=\"288\">%s</text>\n", x + 36,
		    se->label);
	}
	fprintf(fp, "<path d=\"M%.0f 279l5 9h-10z\" fill=\"#b00\"/>"
	    "<text x=\"%.0f\" y=\"288\">urgent/emergency</text>"
	    "<path d=\"M%.0f 279l5 9h-10z\" fill=\"#fff\" stroke=\"#b00\"/>"
	    "<text x=\"%.0f\" y=\"288\">other alert</text>\n",
	    PL + 455, PL + 464, PL + 580, PL + 589);
	fputs("</svg>\n<figcaption>", fp);
	if (per > 1)
		fprintf(fp, "Each point is the mean of %d days.  ", per);
	fputs("Lines break where nothing was logged.  P marks a procedure "
	    "day; triangles under the axis mark days with alerts.</figcaption>"
	    "\n</figure>\n</section>\n", fp);
	for (int k = 0; k < 3; k++)
		free(v[k]);
	free(bin_tier);
}

static double
x_bar(size_t i, size_t n)
{
	return PL + (PR - PL) * ((double)i + 0.5) / (double)(n ? n : 1);
}

/* The adherence chart shows at most this many bars: longer periods are
 * grouped, each bar the mean of its group's measured weeks. */
#define ADH_BARS 60

static void
adherence_chart(FILE *fp, const struct ml_store *s,
    const struct report_week *w, size_t nweeks)
{
	const double top = 20, bottom = 170;
	size_t per = (nweeks + ADH_BARS - 1) / ADH_BARS, nbars;
	double *bar;
	double bw;
	int measured = 0;
	double sum = 0;

	fputs("<section>\n<h2>Exercise adherence by week</h2>\n", fp);
	if (store_nrows(s, ML_EXERCISES) == 0) {
		fputs("<p>No exercise plan.</p>\n</section>\n", fp);
		return;
	}
	if (per == 0)
		per = 1;
	nbars = (nweeks + per - 1) / per;
	bar = xcalloc(nbars ? nbars : 1, sizeof *bar);
	for (size_t i = 0; i < nbars; i++) {
		double bs = 0;
		int bn = 0;

		for (size_t k = i * per; k < (i + 1) * per && k < nweeks; k++)
			if (!isnan(w[k].adherence_pct)) {
				bs += w[k].adherence_pct;
				bn++;
				measured++;
				sum += w[k].adherence_pct;
			}
		bar[i] = bn ? bs / bn : NAN;
	}
	bw = (PR - PL) / (double)(nbars ? nbars : 1) * 0.7;
	fprintf(fp, "<figure>\n<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "viewBox=\"0 0 %d 200\" role=\"img\" aria-labelledby=\"adh-t "
	    "adh-d\">\n<title id=\"adh-t\">Exercise adherence per week, per "
	    "cent of the slots due</title>\n<desc id=\"adh-d\">", CW);
	if (measured)
		fprintf(fp, "%d weeks with exercises due; mean adherence %.0f%%. ",
		    measured, sum / measured);
	if (per > 1)
		fprintf(fp, "One bar per %zu weeks (their mean)", per);
	else
		fputs("One bar per week", fp);
	fputs(", from 0 to 100 per cent; with nothing due there is no bar.  "
	    "The weekly table below has the numbers.</desc>\n", fp);
	grid(fp, top, bottom, 100, 25, "%");
	for (size_t i = 0; i < nbars; i++) {
		double x = x_bar(i, nbars), h;

		if (isnan(bar[i])) {
			if (nbars <= 30)
				fprintf(fp, "<text x=\"%.1f\" y=\"%.0f\" text-anchor="
				    "\"middle\">n/a</text>\n", x, bottom - 4);
			continue;
		}
		h = (bottom - top) * bar[i] / 100;
		fprintf(fp, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
		    "height=\"%.1f\" fill=\"#5b7fa6\" stroke=\"#1f3b5a\"/>",
		    x - bw / 2, bottom - h, bw, h);
		if (nbars <= 30)
			fprintf(fp, "<text x=\"%.1f\" y=\"%.1f\" text-anchor="
			    "\"middle\">%.0f</text>", x, bottom - h - 3, bar[i]);
		fputc('\n', fp);
	}
	/* Week numbers along the axis (at most about 13 labels). */
	for (size_t i = 0; i < nbars; i += nbars / 13 + 1)
		fprintf(fp, "<text x=\"%.1f\" y=\"%.0f\" text-anchor=\"middle\">"
		    "%zu</text>\n", x_bar(i, nbars), bottom + 16, i * per + 1);
	fprintf(fp, "<text x=\"%.0f\" y=\"196\" text-anchor=\"end\">week of "
	    "the period</text>\n</svg>\n<figcaption>Bars: per cent of exercise "
	    "slots done (a partial counts half)", PR);
	if (per > 1)
		fprintf(fp, "; each bar is the mean of %zu weeks", per);
	fputs(".</figcaption>\n</figure>\n</section>\n", fp);
	free(bar);
}

static void
psfs_section(FILE *fp, const struct ml_store *s, const struct ml_config *cfg,
    ml_day from, ml_day to)
{
	const double top = 20, bottom = 190;
	const struct series se = { "PSFS mean", "#1f4e79", "", MK_CIRCLE };
	size_t nact = store_nrows(s, ML_PSFS_ACTIVITIES);
	struct psfs_change ch;
	struct psfs_week *w;
	size_t n = psfs_weeks(s, cfg, from, to, &w);
	double *v = xcalloc(n ? n : 1, sizeof *v);
	size_t rated = 0;

	fputs("<section>\n<h2>Function: PSFS</h2>\n", fp);
	for (size_t i = 0; i < n; i++) {
		v[i] = w[i].mean;
		rated += !isnan(w[i].mean);
	}
	if (rated == 0) {
		fputs("<p>No Patient-Specific Functional Scale ratings in this "
		    "period.</p>\n</section>\n", fp);
		free(v);
		free(w);
		return;
	}
	psfs_change(s, cfg, to, &ch);
	fputs("<p>Patient-Specific Functional Scale: each activity rated "
	    "weekly from 0 (unable) to 10 (as before the problem); the "
	    "week's score is the mean.  ", fp);
	if (ch.known) {
		char first[ML_DATE_LEN];

		ml_date_format(ch.first_week, first);
		fprintf(fp, "Change since the week of %s: <strong>%+.1f</strong> "
		    "(%s; threshold %.1f).", first, ch.change,
		    psfs_change_label(&ch), cfg->psfs_meaningful_change);
	}
	fputs("</p>\n", fp);
	fprintf(fp, "<figure>\n<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "viewBox=\"0 0 %d 230\" role=\"img\" aria-labelledby=\"psfs-t "
	    "psfs-d\">\n<title id=\"psfs-t\">PSFS weekly mean, 0 to 10</title>\n"
	    "<desc id=\"psfs-d\">%zu of %zu weeks rated.", CW, rated, n);
	if (ch.known)
		fprintf(fp, "  First rated week mean %.1f, latest %.1f, change "
		    "%+.1f: %s.", ch.first_mean, ch.last_mean, ch.change,
		    psfs_change_label(&ch));
	fputs("  Weeks with no rating are gaps in the line.  The table "
	    "below has the ratings.</desc>\n", fp);
	grid(fp, top, bottom, 10, 2, "");
	if (ch.known) {
		/* Where the mean would have to reach for a meaningful gain. */
		double goal = ch.first_mean + cfg->psfs_meaningful_change;

		if (goal <= 10) {
			double y = bottom - (bottom - top) * goal / 10;

			fprintf(fp, "<line x1=\"%.0f\" y1=\"%.1f\" x2=\"%.0f\" "
			    "y2=\"%.1f\" stroke=\"#555\" stroke-dasharray=\"4 4\"/>"
			    "<text x=\"%.0f\" y=\"%.1f\" text-anchor=\"end\">first "
			    "week + %.1f</text>\n", PL, y, PR, y, PR, y - 4,
			    cfg->psfs_meaningful_change);
		}
	}
	polyline(fp, &se, v, n, x_spread, top, bottom, 10);
	x_dates(fp, n, w[0].start, 7, bottom + 20, x_spread);
	fputs("</svg>\n<figcaption>Circles: the weekly mean; the dashed line "
	    "marks a meaningful improvement on the first week.</figcaption>\n"
	    "</figure>\n", fp);

	/* The table beside it: rated weeks only, one column per activity. */
	fputs("<div class=\"scroll\"><table>\n<thead><tr><th class=\"text\">"
	    "week of</th><th>mean</th>", fp);
	for (size_t a = 0; a < nact; a++) {
		fputs("<th class=\"text\">", fp);
		report_html_escape(fp, store_get(s, ML_PSFS_ACTIVITIES, a,
		    PA_NAME));
		if (psfs_retired(s, a))
			fputs(" (retired)", fp);
		fputs("</th>", fp);
	}
	fputs("</tr></thead>\n<tbody>\n", fp);
	for (size_t i = 0; i < n; i++) {
		char date[ML_DATE_LEN];

		if (isnan(w[i].mean))
			continue;
		ml_date_format(w[i].start, date);
		fprintf(fp, "<tr><td class=\"text\">%s</td><td>%.1f</td>", date,
		    w[i].mean);
		for (size_t a = 0; a < nact; a++) {
			int r = psfs_rating_of(s, cfg, store_get(s,
			    ML_PSFS_ACTIVITIES, a, PA_ID), w[i].start);

			if (r < 0)
				fputs("<td>&ndash;</td>", fp);
			else
				fprintf(fp, "<td>%d</td>", r);
		}
		fputs("</tr>\n", fp);
	}
	fputs("</tbody>\n</table></div>\n</section>\n", fp);
	free(v);
	free(w);
}

static void
cell_mean(FILE *fp, double v)
{
	if (isnan(v))
		fputs("<td>&ndash;</td>", fp);
	else
		fprintf(fp, "<td>%.1f</td>", v);
}

static void
weekly_table(FILE *fp, const struct report_week *w, size_t n)
{
	fputs("<section>\n<h2>Week by week</h2>\n<div class=\"scroll\"><table>\n"
	    "<thead><tr><th>week</th><th class=\"text\">from</th><th>back</th>"
	    "<th>worst</th><th>leg</th><th>head</th><th>days logged</th>"
	    "<th>exercise</th><th>alerts</th></tr></thead>\n<tbody>\n", fp);
	for (size_t i = 0; i < n; i++) {
		char date[ML_DATE_LEN];

		ml_date_format(w[i].start, date);
		fprintf(fp, "<tr><td>%zu</td><td class=\"text\">%s</td>", i + 1,
		    date);
		cell_mean(fp, w[i].back_mean);
		if (w[i].back_worst >= 0)
			fprintf(fp, "<td>%d</td>", w[i].back_worst);
		else
			fputs("<td>&ndash;</td>", fp);
		cell_mean(fp, w[i].leg_mean);
		cell_mean(fp, w[i].headache_mean);
		fprintf(fp, "<td>%d/%d</td>", w[i].days_logged,
		    (int)(w[i].end - w[i].start + 1));
		if (isnan(w[i].adherence_pct))
			fputs("<td>&ndash;</td>", fp);
		else
			fprintf(fp, "<td>%.0f%%</td>", w[i].adherence_pct);
		fprintf(fp, "<td>%d</td></tr>\n", w[i].alerts);
	}
	fputs("</tbody>\n</table></div>\n<p class=\"caution\">back, leg, head: "
	    "mean score 0&ndash;10; worst: worst back pain; exercise: per cent "
	    "of the plan's slots done.</p>\n</section>\n", fp);
}

static void
alerts_table(FILE *fp, const struct ml_store *s, ml_day from, ml_day to)
{
	size_t shown = 0;

	size_t errors = 0;

	fputs("<section>\n<h2>Alerts</h2>\n", fp);
	for (size_t r = 0; r < store_nrows(s, ML_ALERTS); r++) {
		const char *ack = store_get(s, ML_ALERTS, r, AC_ACKNOWLEDGED_AT);
		const char *status = store_get(s, ML_ALERTS, r, AC_STATUS);
		ml_day d;

		if (!ml_date_parse(store_get(s, ML_ALERTS, r, AC_DATE), &d) ||
		    d < from || d > to)
			continue;
		/* Entered in error: listed apart, below. */
		if (strcmp(status, "error") == 0) {
			errors++;
			continue;
		}
		if (shown++ == 0)
			fputs("<div class=\"scroll\"><table>\n<thead><tr>"
			    "<th class=\"text\">day</th><th class=\"text\">tier</th>"
			    "<th class=\"text\">rule</th><th class=\"text\">advice"
			    "</th><th class=\"text\">acknowledged</th></tr></thead>"
			    "\n<tbody>\n", fp);
		fputs("<tr><td class=\"text\">", fp);
		report_html_escape(fp, store_get(s, ML_ALERTS, r, AC_DATE));
		fputs("</td><td class=\"text tier\">", fp);
		report_html_escape(fp, store_get(s, ML_ALERTS, r, AC_SEVERITY));
		fputs("</td><td class=\"text\">", fp);
		report_html_escape(fp, store_get(s, ML_ALERTS, r, AC_RULE));
		fputs("</td><td class=\"text\">", fp);
		report_html_escape(fp, store_get(s, ML_ALERTS, r, AC_MESSAGE));
		fputs("</td><td class=\"text\">", fp);
		if (strcmp(status, "seen") == 0) {
			fputs("seen: clinician knows, ", fp);
			report_html_escape(fp, ack);
		} else if (*ack) {
			fputs("yes, ", fp);
			report_html_escape(fp, ack);
		} else {
			fputs("<strong>not acknowledged</strong>", fp);
		}
		fputs("</td></tr>\n", fp);
	}
	if (shown == 0)
		fputs("<p>None in this period.</p>\n", fp);
	else
		fputs("</tbody>\n</table></div>\n", fp);
	if (errors > 0) {
		fputs("<h3>Entered in error (not counted)</h3>\n<ul>\n", fp);
		for (size_t r = 0; r < store_nrows(s, ML_ALERTS); r++) {
			ml_day d;

			if (strcmp(store_get(s, ML_ALERTS, r, AC_STATUS),
			    "error") != 0 || !ml_date_parse(store_get(s, ML_ALERTS,
			    r, AC_DATE), &d) || d < from || d > to)
				continue;
			fputs("<li>", fp);
			report_html_escape(fp, store_get(s, ML_ALERTS, r, AC_DATE));
			fputs(" ", fp);
			report_html_escape(fp, store_get(s, ML_ALERTS, r,
			    AC_SEVERITY));
			fputs(" ", fp);
			report_html_escape(fp, store_get(s, ML_ALERTS, r, AC_RULE));
			fputs("</li>\n", fp);
		}
		fputs("</ul>\n", fp);
	}
	fputs("</section>\n", fp);
}

static void
serious_notes(FILE *fp, const struct ml_store *s, ml_day from, ml_day to,
    const enum ml_tier *tiers)
{
	size_t shown = 0;

	fputs("<section>\n<h2>Notes of days with urgent or emergency "
	    "alerts</h2>\n", fp);
	for (ml_day d = from; d <= to; d++) {
		const char *note;
		char date[ML_DATE_LEN];

		if (!serious(tiers[d - from]))
			continue;
		note = diary_text(s, diary_find(s, d), EC_NOTES);
		ml_date_format(d, date);
		fprintf(fp, "<p><strong>%s</strong> (%s)</p>\n", date,
		    rules_tier_name(tiers[d - from]));
		if (*note) {
			fputs("<div class=\"note\">", fp);
			report_html_escape(fp, note);
			fputs("</div>\n", fp);
		} else {
			fputs("<div class=\"note\">No note that day.</div>\n", fp);
		}
		shown++;
	}
	if (shown == 0)
		fputs("<p>None in this period.</p>\n", fp);
	fputs("</section>\n", fp);
}

int
report_html_write(FILE *fp, const struct ml_store *s,
    const struct ml_config *cfg, ml_day from, ml_day to, time_t now)
{
	char dfrom[ML_DATE_LEN], dto[ML_DATE_LEN];
	struct report_week *weeks;
	struct proc_list procs;
	enum ml_tier *tiers;
	size_t nweeks;

	if (to < from)
		to = from;
	ml_date_format(from, dfrom);
	ml_date_format(to, dto);
	procedures(s, to, &procs);
	tiers = alert_days(s, from, to);
	nweeks = report_weeks(s, cfg, from, to, now, &weeks);

	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
	    "content=\"width=device-width, initial-scale=1\">\n", fp);
	fprintf(fp, "<title>Recovery report %s to %s</title>\n", dfrom, dto);
	fputs(style, fp);
	fputs("</head>\n<body>\n", fp);
	write_header(fp, s, cfg, from, to, &procs);
	fputs("<main>\n", fp);
	pain_chart(fp, s, from, to, &procs, tiers);
	adherence_chart(fp, s, weeks, nweeks);
	psfs_section(fp, s, cfg, from, to);
	weekly_table(fp, weeks, nweeks);
	alerts_table(fp, s, from, to);
	serious_notes(fp, s, from, to, tiers);
	fputs("</main>\n<footer><p class=\"caution\">Made by mendlog "
	    MENDLOG_VERSION ".  Scores are the patient's own; alerts are "
	    "cautious prompts to seek advice, not a diagnosis.</p></footer>\n"
	    "</body>\n</html>\n", fp);
	free(weeks);
	free(tiers);
	free(procs.v);
	return ferror(fp) ? -1 : 0;
}
