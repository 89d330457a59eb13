/*
 * test-plan-import.c - importing a physiotherapist's plan: the sample file
 * (with its BOM, CRLF and extra column), every kind of bad row reported
 * with its line and nothing written, --replace, ids made from names,
 * duplicate ids, unknown columns kept.
 */
#include "testutil.h"

#include "csvio.h"
#include "export.h"
#include "plan.h"
#include "store.h"

#define SAMPLE "tests/data/plan-physio.csv"
#define SHARED_SAMPLE "../shared/samples/plan-physio.csv"
#define HEADER "id,name,instructions,sets,reps,hold_s,days,times," \
	"start_date,end_date,active"

struct fixture {
	char *dir;
	struct ml_store s;
	struct ml_config cfgv;
	const struct ml_config *cfg;
	/* Problems reported, as "LINE:field" joined by spaces. */
	char problems[4096];
	size_t nproblems;
};

static int
setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);

	f->dir = tu_store_open(&f->s);
	config_defaults(&f->cfgv);
	f->cfg = &f->cfgv;
	/* Today is 2026-11-27: --replace ends exercises yesterday. */
	setenv("MENDLOG_NOW", "2026-11-27T12:00:00", 1);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	tu_store_close(f->dir, &f->s);
	config_free(&f->cfgv);
	free(f);
	return 0;
}

static void
collect(void *ctx, const struct ml_error *e)
{
	struct fixture *f = ctx;
	size_t len = strlen(f->problems);

	snprintf(f->problems + len, sizeof f->problems - len, "%s%ld:%s",
	    len ? " " : "", e->line, e->field);
	f->nproblems++;
}

/* Write @csv to a file in the fixture directory; caller frees the path. */
static char *
plan_file(struct fixture *f, const char *name, const char *csv)
{
	char *p = xasprintf("%s/%s", f->dir, name);

	tu_write_str(p, csv);
	return p;
}

static int
import(struct fixture *f, const char *path, bool replace,
    struct plan_import_result *res)
{
	struct ml_error err;
	int rc;

	f->problems[0] = '\0';
	f->nproblems = 0;
	if (res != NULL)
		plan_import_result_free(res);
	rc = plan_import(&f->s, f->cfg, path, replace, collect, f, res, &err);
	if (rc == 0 && store_load(&f->s, ML_EXERCISES, NULL, &err) != 0)
		fail_msg("reload: %s", err.msg);
	return rc;
}

static const char *
get(struct fixture *f, const char *id, size_t col)
{
	long row = plan_find(&f->s, id);

	assert_true(row >= 0);
	return store_get(&f->s, ML_EXERCISES, (size_t)row, col);
}

/* Value of the unknown column @name for @id, read from the raw table. */
static const char *
kept(struct fixture *f, const char *id, const char *name)
{
	const struct ml_table *t = store_table(&f->s, ML_EXERCISES);
	long row = plan_find(&f->s, id);

	assert_true(row >= 0);
	for (size_t c = 0; c < t->ncols; c++)
		if (strcmp(t->header[c], name) == 0)
			return ml_row_get(&t->rows[row], c);
	fail_msg("column %s not kept", name);
	return NULL;
}

static void
report_fail(void *ctx, const struct ml_error *e)
{
	(void)ctx;
	fail_msg("problem: %ld %s %s", e->line, e->field, e->msg);
}

static void
check_sample(struct fixture *f, const char *path)
{
	struct plan_import_result res = { 0 };

	assert_int_equal(import(f, path, false, &res), 0);
	assert_int_equal(res.rows, 5);
	assert_int_equal(res.added, 5);
	assert_int_equal(res.updated, 0);
	assert_int_equal(store_nrows(&f->s, ML_EXERCISES), 5);
	assert_string_equal(get(f, "pelvic_tilt", XC_NAME), "Pelvic tilts");
	assert_string_equal(get(f, "pelvic_tilt", XC_TIMES), "08:00;18:00");
	assert_string_equal(get(f, "bridge", XC_DAYS), "mon;wed;fri");
	assert_string_equal(get(f, "walk", XC_END_DATE), "2027-02-28");
	assert_string_equal(get(f, "walk", XC_HOLD_S), "");
	assert_string_equal(get(f, "bird_dog", XC_ACTIVE), "no");
	assert_non_null(strstr(get(f, "knee_to_chest", XC_INSTRUCTIONS),
	    "Bring one knee towards your chest, hold with both hands"));
	/* The therapist's own column is kept, row by row. */
	assert_string_equal(kept(f, "pelvic_tilt", "therapist_note"),
	    "Start gently");
	assert_string_equal(kept(f, "knee_to_chest", "therapist_note"), "");
	assert_string_equal(kept(f, "bird_dog", "therapist_note"),
	    "Begin after review on 24 Nov");
	/* What was written is a clean file by the store's own rules. */
	assert_int_equal(store_validate(&f->s, ML_EXERCISES, report_fail, NULL),
	    0);
	/* Importing the same file again changes nothing and says so. */
	assert_int_equal(import(f, path, false, &res), 0);
	assert_int_equal(res.added, 0);
	assert_int_equal(res.updated, 0);
	assert_int_equal(res.unchanged, 5);
	assert_int_equal(store_nrows(&f->s, ML_EXERCISES), 5);
	plan_import_result_free(&res);
}

static void
test_sample_file(void **state)
{
	check_sample(*state, SAMPLE);
}

static void
test_shared_sample_when_present(void **state)
{
	if (access(SHARED_SAMPLE, R_OK) != 0)
		skip();
	check_sample(*state, SHARED_SAMPLE);
}

static void
test_every_bad_row_reported_nothing_written(void **state)
{
	struct fixture *f = *state;
	char *p = plan_file(f, "bad.csv", HEADER "\n"
	    "good,Good,,2,10,5,daily,08:00,2026-11-10,,yes\n"		/* 2 */
	    "Bad Id,Bad id,,,,,daily,08:00,,,\n"			/* 3 */
	    "noname,,,,,,daily,08:00,,,\n"				/* 4 */
	    "sets,Sets,,two,10,,daily,08:00,,,\n"			/* 5 */
	    "days,Days,,,,,mon;funday,08:00,,,\n"			/* 6 */
	    "times,Times,,,,,daily,8am,,,\n"				/* 7 */
	    "date,Date,,,,,daily,08:00,2026-02-30,,\n"		/* 8 */
	    "order,Order,,,,,daily,08:00,2026-11-10,2026-11-01,\n"	/* 9 */
	    "active,Active,,,,,daily,08:00,,,perhaps\n"		/* 10 */
	    "every,Every,,,,,every 2 days,08:00,,,\n"			/* 11 */
	    "short,Short,,,,\n"						/* 12 */
	    "\"multi\",\"Multi\nline\",,,,,daily,08:00,,,\n"		/* 13-14 */
	    "good,Good again,,,,,daily,09:00,,,\n");			/* 15 */
	char *target = xasprintf("%s/exercises.csv", f->dir);

	assert_int_equal(import(f, p, false, NULL), -1);
	assert_string_equal(f->problems, "3:id 4:name 5:sets 6:days 7:times "
	    "8:start_date 9:end_date 10:active 11:start_date 12: 15:id");
	/* Nothing at all was written. */
	assert_int_equal(access(target, F_OK), -1);
	free(target);
	free(p);
}

static void
test_bad_row_keeps_existing_plan(void **state)
{
	struct fixture *f = *state;
	char *ok = plan_file(f, "ok.csv", HEADER "\nwalk,Walk,,,,,daily,10:30,,,\n");
	char *bad = plan_file(f, "bad.csv", HEADER "\n"
	    "walk,Walk,,,,,daily,11:30,,,\nnew,New,,,,,daily,25:00,,,\n");
	char *target = xasprintf("%s/exercises.csv", f->dir);
	char *before, *after;

	assert_int_equal(import(f, ok, false, NULL), 0);
	before = tu_read(target, NULL);
	assert_int_equal(import(f, bad, true, NULL), -1);
	assert_string_equal(f->problems, "3:times");
	after = tu_read(target, NULL);
	assert_string_equal(before, after);
	free(before);
	free(after);
	free(target);
	free(ok);
	free(bad);
}

static void
test_update_and_add_without_replace(void **state)
{
	struct fixture *f = *state;
	struct plan_import_result res = { 0 };
	char *first = plan_file(f, "a.csv", HEADER ",room\n"
	    "walk,Walk,,,,,daily,10:30,,,,garden\n"
	    "tilt,Tilt,,2,10,5,daily,08:00,,,,bedroom\n");
	/* Columns in another order, some left out. */
	char *second = plan_file(f, "b.csv", "times,id,name\n"
	    "11:00,walk,Walk outside\n"
	    "19:00,stretch,Stretch\n");

	assert_int_equal(import(f, first, false, &res), 0);
	assert_int_equal(import(f, second, false, &res), 0);
	assert_int_equal(res.added, 1);
	assert_int_equal(res.updated, 1);
	assert_int_equal(store_nrows(&f->s, ML_EXERCISES), 3);
	assert_string_equal(get(f, "walk", XC_TIMES), "11:00");
	assert_string_equal(get(f, "walk", XC_NAME), "Walk outside");
	/* Columns the import did not have are left as they were. */
	assert_string_equal(kept(f, "walk", "room"), "garden");
	assert_string_equal(get(f, "tilt", XC_SETS), "2");
	assert_string_equal(get(f, "stretch", XC_TIMES), "19:00");
	plan_import_result_free(&res);
	free(first);
	free(second);
}

/* The fate of item @i of @res as "fate:id". */
static const char *
fate(const struct plan_import_result *res, size_t i)
{
	static char buf[128];

	assert_true(i < res->nitems);
	snprintf(buf, sizeof buf, "%s:%s",
	    plan_import_fate_name(res->items[i].fate), res->items[i].id);
	return buf;
}

static void
test_replace(void **state)
{
	struct fixture *f = *state;
	struct plan_import_result res = { 0 };
	char *first = plan_file(f, "a.csv", HEADER "\n"
	    "walk,Walk,,,,,daily,10:30,2026-11-01,,\n"
	    "tilt,Tilt,,,,,daily,08:00,2026-11-01,,\n"
	    "old,Old,,,,,daily,09:00,2026-11-01,2026-11-20,\n"
	    "soon,Soon,,,,,daily,09:00,2026-11-27,,\n");
	char *second = plan_file(f, "b.csv", HEADER "\n"
	    "walk,Walk,,,,,daily,12:00,2026-11-01,,\n"
	    "bridge,Bridge,,,,,mon,12:00,,,\n");

	assert_int_equal(import(f, first, false, &res), 0);
	assert_int_equal(import(f, second, true, &res), 0);
	assert_int_equal(res.added, 1);
	assert_int_equal(res.updated, 1);
	assert_int_equal(res.unchanged, 0);
	/* tilt ends from today (its past stays), soon had not started and
	 * goes, old had ended already and is left alone. */
	assert_int_equal(res.ended, 1);
	assert_int_equal(res.removed, 1);
	assert_int_equal(res.nitems, 4);
	assert_string_equal(fate(&res, 0), "updated:walk");
	assert_string_equal(fate(&res, 1), "new:bridge");
	/* Then the plan's others, in the plan's order. */
	assert_string_equal(fate(&res, 2), "removed:soon");
	assert_string_equal(fate(&res, 3), "ended:tilt");
	assert_string_equal(res.items[3].name, "Tilt");
	assert_int_equal(store_nrows(&f->s, ML_EXERCISES), 4);
	assert_true(plan_find(&f->s, "soon") < 0);
	assert_string_equal(get(f, "tilt", XC_END_DATE), "2026-11-26");
	assert_string_equal(get(f, "tilt", XC_START_DATE), "2026-11-01");
	assert_string_equal(get(f, "old", XC_END_DATE), "2026-11-20");
	assert_string_equal(get(f, "walk", XC_TIMES), "12:00");
	assert_string_equal(get(f, "walk", XC_END_DATE), "");
	assert_int_equal(store_validate(&f->s, ML_EXERCISES, report_fail, NULL),
	    0);
	plan_import_result_free(&res);
	free(first);
	free(second);
}

static void
test_missing_and_derived_ids(void **state)
{
	struct fixture *f = *state;
	/* No id column at all; spreadsheet spelling of values and header. */
	char *noid = plan_file(f, "noid.csv", " Name ,Days,TIMES,Active\r\n"
	    "Pelvic tilts,Daily, 08:00 ; 18:00 ,Yes\r\n"
	    "Knee-to-chest (left & right),mon; WED,12:00,no\r\n");
	/* An id column with one empty cell. */
	char *someid = plan_file(f, "some.csv", HEADER "\n"
	    ",Bridges!,,,,,daily,12:00,,,\n"
	    "walk2,Walking,,,,,daily,10:30,,,\n");
	char *clash = plan_file(f, "clash.csv", "name,times\n"
	    "Pelvic tilt,08:00\nPelvic  tilt!,09:00\n\"***\",10:00\n");

	assert_int_equal(import(f, noid, false, NULL), 0);
	assert_string_equal(get(f, "pelvic_tilts", XC_TIMES), "08:00;18:00");
	assert_string_equal(get(f, "pelvic_tilts", XC_DAYS), "daily");
	assert_string_equal(get(f, "pelvic_tilts", XC_ACTIVE), "yes");
	assert_string_equal(get(f, "knee_to_chest_left_right", XC_DAYS),
	    "mon;wed");
	assert_int_equal(import(f, someid, false, NULL), 0);
	assert_string_equal(get(f, "bridges", XC_NAME), "Bridges!");
	assert_string_equal(get(f, "walk2", XC_NAME), "Walking");
	/* Two names giving one id, and a name giving none. */
	assert_int_equal(import(f, clash, false, NULL), -1);
	assert_string_equal(f->problems, "4:id 3:id");
	free(noid);
	free(someid);
	free(clash);
}

static void
test_latin1_file(void **state)
{
	struct fixture *f = *state;
	/* "Étirement" saved as Latin-1 by a spreadsheet. */
	char *p = plan_file(f, "latin1.csv", "name,times\n\xc9tirement,08:00\n");
	struct ml_error err;

	assert_int_equal(plan_import(&f->s, f->cfg, p, false, collect, f, NULL, &err), -1);
	assert_string_equal(f->problems, "2:name");
	free(p);
}

static char last_msg[512];

static void
keep_msg(void *ctx, const struct ml_error *e)
{
	(void)ctx;
	snprintf(last_msg, sizeof last_msg, "%s", e->msg);
}

static void
test_bad_values_echoed_safely(void **state)
{
	struct fixture *f = *state;
	/* An escape sequence and a Latin-1 byte in a days cell. */
	char *p = plan_file(f, "esc.csv", "name,days\nWalk,\x1b[2J\xe9t\xc3\xa9\n");
	struct ml_error err;

	assert_int_equal(plan_import(&f->s, f->cfg, p, false, keep_msg, NULL,
	    NULL, &err), -1);
	/* Through the output gate: each byte named, none sent raw. */
	assert_non_null(strstr(last_msg,
	    "invalid value '\\x1B[2j\\xE9t\xc3\xa9'"));
	free(p);
}

/* The summary names each exercise through the output gate (the check lets
 * C1 and bidi controls through: they are valid UTF-8). */
static void
test_summary_gated(void **state)
{
	struct fixture *f = *state;
	char *p = plan_file(f, "g.csv", "id,name,times\n"
	    "walk,Walk \xc2\x9b" "2J \xe2\x80\xae,10:30\n");
	struct plan_import_result res;
	char out[512];
	FILE *fp;
	size_t n;

	memset(&res, 0, sizeof res);
	if (import(f, p, false, &res) != 0)
		fail_msg("problems: %s", f->problems);
	fp = tmpfile();
	assert_non_null(fp);
	plan_import_summary(&res, fp);
	rewind(fp);
	n = fread(out, 1, sizeof out - 1, fp);
	out[n] = '\0';
	fclose(fp);
	/* A file's C1 CSI and right-to-left override, named, not sent. */
	assert_null(strstr(out, "\xc2\x9b"));
	assert_null(strstr(out, "\xe2\x80\xae"));
	assert_non_null(strstr(out, "Walk <U+009B>2J <U+202E> (walk)"));
	plan_import_result_free(&res);
	free(p);
}

static void
test_duplicate_ids(void **state)
{
	struct fixture *f = *state;
	char *p = plan_file(f, "dup.csv", HEADER "\n"
	    "walk,Walk,,,,,daily,10:30,,,\n"
	    "tilt,Tilt,,,,,daily,08:00,,,\n"
	    "walk,Walk again,,,,,daily,18:00,,,\n");

	assert_int_equal(import(f, p, false, NULL), -1);
	assert_int_equal(f->nproblems, 1);
	assert_string_equal(f->problems, "4:id");
	free(p);
}

static void
test_header_problems(void **state)
{
	struct fixture *f = *state;
	char *noname = plan_file(f, "a.csv", "id,times\nwalk,10:30\n");
	char *twice = plan_file(f, "b.csv", "id,name,Name\nwalk,Walk,Walk\n");
	char *empty = plan_file(f, "c.csv", HEADER "\n");
	char *trailing = plan_file(f, "d.csv", "id,name,times,\n"
	    "walk,Walk,10:30,\n");
	struct ml_error err;

	assert_int_equal(import(f, noname, false, NULL), -1);
	assert_string_equal(f->problems, "1:name");
	assert_int_equal(import(f, twice, false, NULL), -1);
	assert_string_equal(f->problems, "1:Name");
	assert_int_equal(plan_import(&f->s, f->cfg, empty, true, collect, f, NULL, &err),
	    -1);
	assert_non_null(strstr(err.msg, "no exercises"));
	assert_int_equal(plan_import(&f->s, f->cfg, "/nonexistent/plan.csv", false,
	    collect, f, NULL, &err), -1);
	/* A spreadsheet's empty trailing column is ignored. */
	assert_int_equal(import(f, trailing, false, NULL), 0);
	assert_string_equal(get(f, "walk", XC_TIMES), "10:30");
	free(noname);
	free(twice);
	free(empty);
	free(trailing);
}

static void
test_slug(void **state)
{
	char buf[72];

	(void)state;
	plan_slug("Knee-to-chest stretch", buf, sizeof buf);
	assert_string_equal(buf, "knee_to_chest_stretch");
	plan_slug("  Étirement (Level 2) ", buf, sizeof buf);
	assert_string_equal(buf, "tirement_level_2");
	plan_slug("!!!", buf, sizeof buf);
	assert_string_equal(buf, "");
	plan_slug("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
	    buf, sizeof buf);
	assert_int_equal(strlen(buf), 64);
}

/* The physiotherapist's sheet: BOM, CRLF, ';', a title row with commas
 * above natural headers, Excel times and booleans, day-first dates. */
#define PHYSIO_SHEET "\xef\xbb\xbf" \
	"Home exercise plan, J. Smith, from 2 Dec;;;;;;;;;\r\n" \
	";;;;;;;;;\r\n" \
	"Exercise;Sets;Reps;Hold (secs);Days;Times;Start (date);End (date);" \
	"Active;Notes for patient\r\n" \
	"Pelvic tilts;2;10;5;Daily;7:30;02/12/2026;;TRUE;\"Lie on your back; " \
	"knees bent\"\r\n" \
	"Bridges;3;8;3;Mon, Wed, Fri;\"07:30:00; 18:00\";02/12/2026;" \
	"31/01/2027;TRUE;Squeeze, then lift\r\n" \
	"Bird dog;2;6;5;every 2 days;19:00;03/12/2026;;FALSE;\r\n" \
	";;;;;;;;;\r\n"

static void
test_physio_sheet(void **state)
{
	struct fixture *f = *state;
	struct plan_import_result res = { 0 };
	char *p = plan_file(f, "sheet.csv", PHYSIO_SHEET);
	struct ml_error err;

	assert_int_equal(config_set(&f->cfgv, "plan", "date_order", "dmy", &err),
	    0);
	assert_int_equal(import(f, p, false, &res), 0);
	assert_int_equal(res.rows, 3);
	assert_int_equal(res.added, 3);
	assert_string_equal(get(f, "pelvic_tilts", XC_TIMES), "07:30");
	assert_string_equal(get(f, "pelvic_tilts", XC_START_DATE), "2026-12-02");
	assert_string_equal(get(f, "pelvic_tilts", XC_ACTIVE), "yes");
	assert_string_equal(get(f, "pelvic_tilts", XC_HOLD_S), "5");
	assert_string_equal(get(f, "pelvic_tilts", XC_INSTRUCTIONS),
	    "Lie on your back; knees bent");
	assert_string_equal(get(f, "bridges", XC_DAYS), "mon;wed;fri");
	assert_string_equal(get(f, "bridges", XC_TIMES), "07:30;18:00");
	assert_string_equal(get(f, "bridges", XC_END_DATE), "2027-01-31");
	assert_string_equal(get(f, "bridges", XC_SETS), "3");
	assert_string_equal(get(f, "bird_dog", XC_ACTIVE), "no");
	assert_string_equal(get(f, "bird_dog", XC_START_DATE), "2026-12-03");
	assert_int_equal(store_validate(&f->s, ML_EXERCISES, report_fail, NULL),
	    0);
	plan_import_result_free(&res);
	free(p);
}

/* Tab and comma files, and a ',' title above a ';' table. */
static void
test_delimiters(void **state)
{
	struct fixture *f = *state;
	char *tab = plan_file(f, "tab.tsv", "Plan\nExercise\tTimes\tDays\n"
	    "Walk\t10:30\tmon tue\n");
	char *semi = plan_file(f, "semi.csv", "For J. Smith, week 1, rev. 2\n"
	    "Name;Times\nStretch;08:00\n");
	/* Under ',' the header would be one cell; with ';' it is two. */
	char *comma = plan_file(f, "comma.csv", "Name,Times,Notes\n"
	    "Tilt,\"08:00;09:00\",\"a; b\"\n");
	/* A patient line naming one known column loses to the real header. */
	char *patient = plan_file(f, "patient.csv", "Name;J. Smith\n"
	    "Exercise;Times;Days\nLunge;10:30;Weekdays\nSquat;11:00;weekends\n");

	assert_int_equal(import(f, tab, false, NULL), 0);
	assert_string_equal(get(f, "walk", XC_TIMES), "10:30");
	assert_string_equal(get(f, "walk", XC_DAYS), "mon;tue");
	assert_int_equal(import(f, semi, false, NULL), 0);
	assert_string_equal(get(f, "stretch", XC_TIMES), "08:00");
	assert_int_equal(import(f, comma, false, NULL), 0);
	assert_string_equal(get(f, "tilt", XC_TIMES), "08:00;09:00");
	assert_string_equal(get(f, "tilt", XC_INSTRUCTIONS), "a; b");
	assert_int_equal(import(f, patient, false, NULL), 0);
	assert_string_equal(get(f, "lunge", XC_DAYS), "mon;tue;wed;thu;fri");
	assert_string_equal(get(f, "squat", XC_DAYS), "sat;sun");
	assert_true(plan_find(&f->s, "j_smith") < 0);
	free(patient);
	free(tab);
	free(semi);
	free(comma);
}

/* Problems point at the file's own lines, below the title rows. */
static void
test_title_rows_and_lines(void **state)
{
	struct fixture *f = *state;
	char *p = plan_file(f, "t.csv", "My plan\r\n\r\nName;Times;Sets\r\n"
	    "Walk;25:00;2\r\n\"Two\nlines\";08:00;x\r\nOk;08:00;3,0\r\n");

	assert_int_equal(import(f, p, false, NULL), -1);
	assert_string_equal(f->problems, "4:times 5:sets");
	free(p);
}

static void
test_no_header_lists_expected(void **state)
{
	struct fixture *f = *state;
	char *p = plan_file(f, "h.csv", "Übung;Zeit\nGehen;10:30\n");
	struct ml_error err;

	assert_int_equal(plan_import(&f->s, f->cfg, p, false, collect, f, NULL,
	    &err), -1);
	assert_int_equal(err.line, 1);
	assert_non_null(strstr(err.msg, "no header row found"));
	assert_non_null(strstr(err.msg, "name (or Exercise)"));
	assert_non_null(strstr(err.msg, "hold_s (or Hold (secs))"));
	assert_non_null(strstr(err.msg, "instructions (or Notes for patient)"));
	assert_non_null(strstr(err.msg, "start_date"));
	free(p);
}

static void
test_header_synonyms(void **state)
{
	struct fixture *f = *state;
	char *p = plan_file(f, "s.csv", "  EXERCISE NAME ,REPETITIONS,"
	    "hold (SECONDS),Number of sets,time,Start,End,Active?,Exercise ID\n"
	    "Walk,1,0,1,10:30,2026-12-01,2026-12-31,yes,w1\n");

	assert_int_equal(import(f, p, false, NULL), 0);
	assert_string_equal(get(f, "w1", XC_NAME), "Walk");
	assert_string_equal(get(f, "w1", XC_REPS), "1");
	assert_string_equal(get(f, "w1", XC_HOLD_S), "0");
	assert_string_equal(get(f, "w1", XC_SETS), "1");
	assert_string_equal(get(f, "w1", XC_END_DATE), "2026-12-31");
	free(p);
}

/* What a problem said about line @line, kept by keep_line. */
static char line_msg[8][600];

static void
keep_line(void *ctx, const struct ml_error *e)
{
	(void)ctx;
	if (e->line >= 0 && e->line < 8) {
		char *m = line_msg[e->line];
		size_t len = strlen(m);

		snprintf(m + len, sizeof line_msg[0] - len, "%s%s: %s",
		    len ? " | " : "", e->field, e->msg);
	}
}

/* A bare CR inside a cell of an LF file is data, as in the diary's own
 * files: it never starts a row of its own. */
static void
test_bare_cr_in_cell(void **state)
{
	struct fixture *f = *state;
	char *path = plan_file(f, "cr.csv", "name,instructions,times\n"
	    "A,slow\rand steady,08:00\nB,hold,09:00\n");

	assert_int_equal(import(f, path, false, NULL), 0);
	assert_string_equal(get(f, "a", XC_INSTRUCTIONS), "slow\rand steady");
	assert_string_equal(get(f, "b", XC_TIMES), "09:00");
	assert_int_equal(store_nrows(&f->s, ML_EXERCISES), 2);
	free(path);
}

static void
test_times_booleans_counts(void **state)
{
	struct fixture *f = *state;
	char *good = plan_file(f, "g.csv", "name,times,active,sets\n"
	    "A,\"7:30, 18:00:00\",True,\"2,0\"\nB,07:05,N,3.00\n"
	    "C,23:59,0,4\nD,00:00,yes,\nE,08:00,On,\nF,09:00,OFF,\n");
	char *bad = plan_file(f, "b.csv", "name,times,active,sets\n"
	    "A,7:3,TRUE,2\nB,07:30:15,FALSE,2\nC,24:00,maybe,2.5\n");
	struct ml_error err;

	assert_int_equal(import(f, good, false, NULL), 0);
	assert_string_equal(get(f, "a", XC_TIMES), "07:30;18:00");
	assert_string_equal(get(f, "a", XC_ACTIVE), "yes");
	assert_string_equal(get(f, "a", XC_SETS), "2");
	assert_string_equal(get(f, "b", XC_TIMES), "07:05");
	assert_string_equal(get(f, "b", XC_ACTIVE), "no");
	assert_string_equal(get(f, "b", XC_SETS), "3");
	assert_string_equal(get(f, "c", XC_ACTIVE), "no");
	assert_string_equal(get(f, "d", XC_ACTIVE), "yes");
	/* on/off, as the config reads them, beside the schema's words. */
	assert_string_equal(get(f, "e", XC_ACTIVE), "yes");
	assert_string_equal(get(f, "f", XC_ACTIVE), "no");
	assert_int_equal(import(f, bad, false, NULL), -1);
	assert_string_equal(f->problems, "2:times 3:times 4:times 4:active "
	    "4:sets");
	memset(line_msg, 0, sizeof line_msg);
	assert_int_equal(plan_import(&f->s, f->cfg, bad, false, keep_line, NULL,
	    NULL, &err), -1);
	assert_non_null(strstr(line_msg[4], "TRUE/FALSE"));
	free(good);
	free(bad);
}

static void
test_dates(void **state)
{
	struct fixture *f = *state;
	char *iso = plan_file(f, "iso.csv", "name,start_date,end_date\n"
	    "A,2026/12/02,2026.12.31\nB,2026-12-02 00:00:00,2027-1-5\n");
	char *slash = plan_file(f, "slash.csv", "name,start_date,end_date\n"
	    "A,02/12/2026,\n"		/* 2: ambiguous */
	    "B,25/12/2026,\n"		/* 3: day first, still needs it */
	    "C,12/25/2026,\n"		/* 4: month first */
	    "D,02/12/26,\n"		/* 5: two-digit year */
	    "E,31/02/2026,\n");		/* 6: no such day either way */
	char *order = plan_file(f, "order.csv", "name,start_date,end_date\n"
	    "A,02/12/2026,01/12/2026\n");
	char *mdy = plan_file(f, "mdy.csv", "name,start_date,end_date\n"
	    "A,12/25/2026,1/5/2027\n");
	struct ml_error err;

	assert_int_equal(import(f, iso, false, NULL), 0);
	assert_string_equal(get(f, "a", XC_START_DATE), "2026-12-02");
	assert_string_equal(get(f, "a", XC_END_DATE), "2026-12-31");
	assert_string_equal(get(f, "b", XC_START_DATE), "2026-12-02");
	assert_string_equal(get(f, "b", XC_END_DATE), "2027-01-05");

	memset(line_msg, 0, sizeof line_msg);
	assert_int_equal(plan_import(&f->s, f->cfg, slash, false, keep_line,
	    NULL, NULL, &err), -1);
	assert_non_null(strstr(line_msg[2], "could be 2 December or 12 "
	    "February"));
	assert_non_null(strstr(line_msg[2], "date_order = dmy"));
	assert_non_null(strstr(line_msg[2], "[plan]"));
	assert_non_null(strstr(line_msg[3], "date_order = dmy"));
	assert_non_null(strstr(line_msg[3], "2026-12-25"));
	assert_non_null(strstr(line_msg[4], "date_order = mdy"));
	assert_non_null(strstr(line_msg[5], "two-digit year"));
	assert_non_null(strstr(line_msg[6], "start_date: invalid value"));

	/* With the setting, day first is read, month first refused. */
	assert_int_equal(config_set(&f->cfgv, "plan", "date_order", "dmy", &err),
	    0);
	memset(line_msg, 0, sizeof line_msg);
	assert_int_equal(plan_import(&f->s, f->cfg, slash, false, keep_line,
	    NULL, NULL, &err), -1);
	assert_string_equal(line_msg[2], "");
	assert_string_equal(line_msg[3], "");
	assert_non_null(strstr(line_msg[4], "not a day-first date"));
	/* An end before the start is refused. */
	assert_int_equal(import(f, order, false, NULL), -1);
	assert_string_equal(f->problems, "2:end_date");

	assert_int_equal(config_set(&f->cfgv, "plan", "date_order", "mdy", &err),
	    0);
	assert_int_equal(import(f, mdy, false, NULL), 0);
	assert_string_equal(get(f, "a", XC_START_DATE), "2026-12-25");
	assert_string_equal(get(f, "a", XC_END_DATE), "2027-01-05");
	free(iso);
	free(slash);
	free(order);
	free(mdy);
}

/* A revised sheet without ids updates the exercises by name. */
static void
test_match_by_name(void **state)
{
	struct fixture *f = *state;
	struct plan_import_result res = { 0 };
	char *first = plan_file(f, "a.csv", "id,name,times\n"
	    "pt1,Pelvic tilts,08:00\nwalk_x,Walking,10:30\n");
	char *revised = plan_file(f, "b.csv", "Exercise,Times\n"
	    "Pelvic tilts,08:00\n  WALKING ,11:00\nBridges,12:00\n");
	char *twice = plan_file(f, "c.csv", "id,name,times\n"
	    "other,walking,09:00\n");
	char *ambiguous = plan_file(f, "d.csv", "name,times\nWalking,12:00\n");

	assert_int_equal(import(f, first, false, &res), 0);
	assert_int_equal(import(f, revised, false, &res), 0);
	assert_int_equal(store_nrows(&f->s, ML_EXERCISES), 3);
	assert_int_equal(res.added, 1);
	assert_int_equal(res.updated, 1);
	assert_int_equal(res.unchanged, 1);
	assert_string_equal(fate(&res, 0), "unchanged:pt1");
	assert_string_equal(fate(&res, 1), "updated:walk_x");
	assert_string_equal(fate(&res, 2), "new:bridges");
	assert_string_equal(get(f, "walk_x", XC_TIMES), "11:00");
	/* Matched whatever the case and spacing; named as the sheet now
	 * writes it. */
	assert_string_equal(get(f, "walk_x", XC_NAME), "  WALKING ");
	/* Two exercises with one name: a row without id cannot choose. */
	assert_int_equal(import(f, twice, false, &res), 0);
	assert_int_equal(import(f, ambiguous, false, &res), -1);
	assert_string_equal(f->problems, "2:name");
	plan_import_result_free(&res);
	free(first);
	free(revised);
	free(twice);
	free(ambiguous);
}

/* A sheet in export --semicolon --excel's dialect imports back as it was. */
static void
test_export_dialect_round_trip(void **state)
{
	struct fixture *f = *state;
	static const char *const rows[][6] = {
		{ "id", "name", "instructions", "sets", "hold_s", "times" },
		{ "calc", "=1+1 stretch", "-lean; then +1", "3", "10",
		    "08:00;18:00" },
		{ "walk", "Walk, slowly", "@home \"flat\"", "1", "", "10:30" },
	};
	struct csv_style style = { ';', true, true };
	char *path = xasprintf("%s/export.csv", f->dir);
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	assert_true(fwrite("\xef\xbb\xbf", 1, 3, fp) == 3);
	style.bom = false;
	for (size_t r = 0; r < ML_NELEM(rows); r++) {
		const char *cells[6];
		char bufs[6][64], *owned[6];

		for (size_t c = 0; c < 6; c++)
			cells[c] = export_cell(rows[r][c], c == 3 || c == 4 ?
			    CELL_INTEGER : CELL_TEXT, true, bufs[c], sizeof bufs[c],
			    &owned[c]);
		assert_int_equal(csvio_write_row(fp, cells, 6, &style), 0);
		for (size_t c = 0; c < 6; c++)
			free(owned[c]);
	}
	assert_int_equal(fclose(fp), 0);
	assert_int_equal(import(f, path, false, NULL), 0);
	for (size_t r = 1; r < ML_NELEM(rows); r++)
		for (size_t c = 1; c < 6; c++)
			assert_string_equal(get(f, rows[r][0], c == 3 ? XC_SETS :
			    c == 4 ? XC_HOLD_S : c == 5 ? XC_TIMES : c), rows[r][c]);
	free(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_sample_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_shared_sample_when_present, setup, teardown),
		cmocka_unit_test_setup_teardown(test_every_bad_row_reported_nothing_written, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_row_keeps_existing_plan, setup, teardown),
		cmocka_unit_test_setup_teardown(test_update_and_add_without_replace, setup, teardown),
		cmocka_unit_test_setup_teardown(test_replace, setup, teardown),
		cmocka_unit_test_setup_teardown(test_missing_and_derived_ids, setup, teardown),
		cmocka_unit_test_setup_teardown(test_latin1_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_values_echoed_safely, setup, teardown),
		cmocka_unit_test_setup_teardown(test_summary_gated, setup, teardown),
		cmocka_unit_test_setup_teardown(test_duplicate_ids, setup, teardown),
		cmocka_unit_test_setup_teardown(test_header_problems, setup, teardown),
		cmocka_unit_test(test_slug),
		cmocka_unit_test_setup_teardown(test_physio_sheet, setup, teardown),
		cmocka_unit_test_setup_teardown(test_delimiters, setup, teardown),
		cmocka_unit_test_setup_teardown(test_title_rows_and_lines, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_header_lists_expected, setup, teardown),
		cmocka_unit_test_setup_teardown(test_header_synonyms, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bare_cr_in_cell, setup, teardown),
		cmocka_unit_test_setup_teardown(test_times_booleans_counts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dates, setup, teardown),
		cmocka_unit_test_setup_teardown(test_match_by_name, setup, teardown),
		cmocka_unit_test_setup_teardown(test_export_dialect_round_trip, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
