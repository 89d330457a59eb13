/*
 * complete.c - `mendlog __complete WORD...`: the candidates for the word
 * under the cursor, from the same tables the parser, the schema and the
 * store use (see complete.h).  The shells' scripts only pass the words in
 * and hand the lines back, so nothing here can drift from the CLI.
 *
 * The walk mirrors cli_parse_global() and parse_args(): global options,
 * the command, a subcommand, then the command's options (an option that
 * takes an argument swallows the next word unless written --opt=VALUE)
 * and its operands.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "alerts.h"
#include "cli.h"
#include "complete.h"
#include "diary.h"
#include "schema.h"

struct completion {
	FILE *out;
	const char *cur;		/* the word under the cursor */
	struct ml_app *app;
	char data_dir[PATH_MAX];	/* -d's value, ~ expanded */
	char config[PATH_MAX];		/* -c's value, ~ expanded */
};

/* Options the global scan takes besides the common ones (cli.c's
 * cli_parse_global). */
static const struct cli_option global_only[] = {
	{ "no-color", 0, NULL, "no colour on the screen", NULL },
	{ "version", 'V', NULL, "print the version", NULL },
	{ NULL, 0, NULL, NULL, NULL }
};

/* Print @prefix@cand when it starts with the word being completed. */
static void
emit2(struct completion *c, const char *prefix, const char *cand)
{
	size_t np = strlen(prefix), nc = strlen(c->cur);

	if (np >= nc ? strncmp(prefix, c->cur, nc) != 0 :
	    strncmp(prefix, c->cur, np) != 0 ||
	    strncmp(cand, c->cur + np, nc - np) != 0)
		return;
	fprintf(c->out, "%s%s\n", prefix, cand);
}

static void
emit(struct completion *c, const char *cand)
{
	emit2(c, "", cand);
}

/* A path as the shell would have expanded ~/ in it. */
static void
expand_tilde(const char *word, char *buf, size_t size)
{
	const char *home = getenv("HOME");

	if (word[0] == '~' && (word[1] == '/' || word[1] == '\0') &&
	    home != NULL)
		snprintf(buf, size, "%s%s", home, word + 1);
	else
		snprintf(buf, size, "%s", word);
}

/* Option @word ("--name", "--name=v", "-x", "-xVALUE") in @opts, or NULL;
 * *inline_value says whether the word carries the option's value. */
static const struct cli_option *
match_option(const struct cli_option *opts, const char *word,
    bool *inline_value)
{
	for (size_t i = 0; opts != NULL && opts[i].name != NULL; i++) {
		const struct cli_option *o = &opts[i];

		if (word[1] == '-') {
			size_t n = strcspn(word + 2, "=");

			if (strlen(o->name) == n &&
			    strncmp(o->name, word + 2, n) == 0) {
				*inline_value = word[2 + n] == '=';
				return o;
			}
		} else if (o->letter != 0 && word[1] == o->letter) {
			*inline_value = word[2] != '\0';
			return o;
		}
	}
	return NULL;
}

static const struct cli_option *
find_option(const struct cli_command *cmd, const char *word,
    bool *inline_value)
{
	const struct cli_option *o = NULL;

	if (cmd != NULL)
		o = match_option(cmd->options, word, inline_value);
	if (o == NULL)
		o = match_option(cli_common_options, word, inline_value);
	if (o == NULL && cmd == NULL)
		o = match_option(global_only, word, inline_value);
	return o;
}

/* Remember -d and -c, so the diary completed from is the one the
 * command will use. */
static void
note_value(struct completion *c, const struct cli_option *o, const char *v)
{
	if (o->letter == 'd') {
		expand_tilde(v, c->data_dir, sizeof c->data_dir);
		c->app->data_dir_flag = c->data_dir;
	} else if (o->letter == 'c') {
		expand_tilde(v, c->config, sizeof c->config);
		c->app->config_flag = c->config;
	}
}

static void
quiet_report(void *ctx, enum ml_config_level level, const struct ml_error *e)
{
	(void)ctx;
	(void)level;
	(void)e;
}

/* Open the diary to read from, only when its directory exists: completing
 * must not create one.  Nothing is said on failure. */
static bool
open_diary(struct completion *c, enum ml_file file)
{
	struct ml_error err;
	struct stat st;
	char *dir;

	if (!c->app->store_open) {
		if (app_load_config(c->app, quiet_report, NULL, &err) != 0)
			return false;
		dir = config_data_dir(c->app->data_dir_flag, &c->app->cfg);
		if (dir == NULL || stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
			free(dir);
			return false;
		}
		free(dir);
		if (app_open_store(c->app, quiet_report, NULL, &err) != 0)
			return false;
	}
	return app_load(c->app, file, &err) == 0;
}

/* The value of option @o, each candidate after @prefix ("--kind=" when
 * the value is in the same word). */
static void
complete_value(struct completion *c, const struct cli_option *o,
    const char *prefix)
{
	if (o->choices != NULL) {
		for (size_t i = 0; o->choices[i] != NULL; i++)
			emit2(c, prefix, o->choices[i]);
	} else if (strcmp(o->arg, "D") == 0) {
		/* What ml_day_parse takes besides a typed date. */
		char today[ML_DATE_LEN];

		emit2(c, prefix, "today");
		emit2(c, prefix, "yesterday");
		ml_date_format(ml_today(), today);
		emit2(c, prefix, today);
	} else if (strcmp(o->arg, "KIND") == 0) {
		size_t n;
		const struct ml_proc_kind *k = ml_proc_kinds(&n);

		for (size_t i = 0; i < n; i++)
			emit2(c, prefix, k[i].id);
	} else if (strcmp(o->arg, "DIR") == 0 && *prefix == '\0') {
		fputs(":dirs\n", c->out);
	} else if (strcmp(o->arg, "FILE") == 0 && *prefix == '\0') {
		fputs(":files\n", c->out);
	}
}

/* `log FIELD=VALUE...`: "field=" for each settable field, and once the
 * field is typed, a yes/no field's values. */
static void
complete_fields(struct completion *c)
{
	const struct ml_schema *sc = ml_schema(ML_ENTRIES);
	const char *eq = strchr(c->cur, '=');

	if (eq != NULL) {
		char field[64];
		int col;

		snprintf(field, sizeof field, "%.*s", (int)(eq - c->cur), c->cur);
		col = ml_schema_col(sc, field);
		if (col >= 0 && diary_field_settable(col) &&
		    sc->cols[col].type == ML_T_YESNO) {
			char prefix[80];

			snprintf(prefix, sizeof prefix, "%s=", field);
			emit2(c, prefix, "yes");
			emit2(c, prefix, "no");
		}
		return;
	}
	for (size_t col = 0; col < sc->ncols; col++)
		if (diary_field_settable((int)col))
			emit2(c, sc->cols[col].name, "=");
}

/* `done ID`: the plan's exercise ids, each once. */
static void
complete_exercises(struct completion *c)
{
	struct ml_store *s = &c->app->store;
	size_t n;

	if (!open_diary(c, ML_EXERCISES))
		return;
	n = store_nrows(s, ML_EXERCISES);
	for (size_t r = 0; r < n; r++) {
		const char *id = store_get(s, ML_EXERCISES, r, XC_ID);
		bool seen = *id == '\0' || !ml_value_check(ML_T_SLUG, id, NULL);

		for (size_t q = 0; q < r && !seen; q++)
			seen = strcmp(store_get(s, ML_EXERCISES, q, XC_ID), id) == 0;
		if (!seen)
			emit(c, id);
	}
}

/* `ack N...`: the numbers `mendlog alerts` gives the open alerts. */
static void
complete_open_alerts(struct completion *c)
{
	struct alerts_item *items;
	size_t n;

	if (!open_diary(c, ML_ALERTS))
		return;
	n = alerts_list(&c->app->store, &items);
	for (size_t i = 0; i < n; i++) {
		char num[24];

		if (*items[i].a.acknowledged_at != '\0')
			continue;
		snprintf(num, sizeof num, "%u", items[i].number);
		emit(c, num);
	}
	free(items);
}

/* Operand number @pos (0-based) of @cmd. */
static void
complete_operand(struct completion *c, const struct cli_command *cmd,
    int pos)
{
	if (strcmp(cmd->name, "log") == 0)
		complete_fields(c);
	else if (strcmp(cmd->name, "done") == 0 && pos == 0)
		complete_exercises(c);
	else if (strcmp(cmd->name, "ack") == 0)
		complete_open_alerts(c);
	else if (strcmp(cmd->name, "plan import") == 0 && pos == 0)
		fputs(":files\n", c->out);
}

/* Every option of @cmd (NULL: the global ones) as --name. */
static void
complete_options(struct completion *c, const struct cli_command *cmd)
{
	const struct cli_option *tables[] = {
		cmd != NULL ? cmd->options : global_only, cli_common_options
	};

	for (size_t t = 0; t < 2; t++)
		for (size_t i = 0; tables[t] != NULL && tables[t][i].name; i++)
			emit2(c, "--", tables[t][i].name);
}

/*
 * The value of option @o, named by words[*i]: noted when given (in the same
 * word, or the next one, which *i then moves past); offered when the next
 * word is the one being completed, and then true: completion is done.
 */
static bool
take_value(struct completion *c, const struct cli_option *o,
    bool inline_value, char **words, int *i, int last)
{
	if (inline_value) {
		note_value(c, o, words[*i] + (words[*i][1] == '-' ?
		    strlen(o->name) + 3 : 2));
	} else if (*i + 1 == last) {
		complete_value(c, o, "");
		return true;
	} else {
		note_value(c, o, words[++*i]);
	}
	return false;
}

int
complete_words(struct ml_app *app, int nwords, char **words, FILE *out)
{
	struct completion c = { .out = out, .app = app };
	const struct cli_command *cmd = NULL;
	const struct cli_option *o;
	bool inline_value, options_done = false;
	int i, last = nwords - 1, pos = 0;

	if (nwords < 1)
		return 0;
	c.cur = words[last];
	/* Global options, then the command name. */
	for (i = 0; i < last && words[i][0] == '-' && words[i][1] != '\0'; i++) {
		if ((o = find_option(NULL, words[i], &inline_value)) == NULL ||
		    o->arg == NULL)
			continue;
		if (take_value(&c, o, inline_value, words, &i, last))
			return 0;
	}
	if (i == last) {
		if (c.cur[0] == '-') {
			complete_options(&c, NULL);
			return 0;
		}
		for (size_t k = 0; cli_commands[k] != NULL; k++)
			emit(&c, cli_commands[k]->name);
		return 0;
	}
	for (size_t k = 0; cli_commands[k] != NULL && cmd == NULL; k++)
		if (strcmp(words[i], cli_commands[k]->name) == 0)
			cmd = cli_commands[k];
	if (cmd == NULL)
		return 0;
	i++;
	if (cmd->subcommands != NULL) {
		const struct cli_command *sub = NULL;
		size_t len = strlen(cmd->name) + 1;

		for (const struct cli_command *const *s = cmd->subcommands; *s; s++)
			if (i == last)
				emit(&c, (*s)->name + len);
			else if (strcmp((*s)->name + len, words[i]) == 0)
				sub = *s;
		if (sub == NULL)
			return 0;
		cmd = sub;
		i++;
	}
	/* The command's own options and operands, as parse_args reads them. */
	for (; i < last; i++) {
		if (!options_done && strcmp(words[i], "--") == 0) {
			options_done = true;
		} else if (!options_done && words[i][0] == '-' &&
		    words[i][1] != '\0') {
			o = find_option(cmd, words[i], &inline_value);
			if (o == NULL || o->arg == NULL)
				continue;
			if (take_value(&c, o, inline_value, words, &i, last))
				return 0;
		} else {
			pos++;
		}
	}
	if (!options_done && strncmp(c.cur, "--", 2) == 0 &&
	    strchr(c.cur, '=') != NULL) {
		char prefix[64];

		o = find_option(cmd, c.cur, &inline_value);
		if (o != NULL && o->arg != NULL) {
			snprintf(prefix, sizeof prefix, "--%s=", o->name);
			complete_value(&c, o, prefix);
		}
	} else if (!options_done && c.cur[0] == '-') {
		complete_options(&c, cmd);
	} else {
		complete_operand(&c, cmd, pos);
	}
	return 0;
}
