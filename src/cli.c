/*
 * cli.c - global options, the command table, the one option parser every
 * command goes through, and shared command plumbing.
 *
 * The parser turns a command's option table (plus the common options)
 * into getopt_long's arrays, so every command accepts the same spellings:
 * --date=D or --date D, unique prefixes of long names, options before or
 * after operands, "--" to end options.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <libgen.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "record.h"
#include "complete.h"
#include "csvio.h"
#include "export.h"
#include "text.h"
#include "date.h"

/* Every subcommand.  A new command is one line here and one cmd-*.c. */
const struct cli_command *const cli_commands[] = {
	&cmd_log,
	&cmd_show,
	&cmd_procedure,
	&cmd_check,
	&cmd_alerts,
	&cmd_ack,
	&cmd_export,
	&cmd_report,
	&cmd_plan,
	&cmd_done,
	&cmd_due,
	&cmd_psfs,
	&cmd_note,
	NULL
};

/* What every command takes besides its own options. */
static const struct cli_option common_options[] = {
	{ "data-dir", 'd', "DIR", "diary directory (as for mendlog)", NULL },
	{ "config", 'c', "FILE", "config file (as for mendlog)", NULL },
	{ "help", 'h', NULL, "this help", NULL },
	{ NULL, 0, NULL, NULL, NULL }
};
const struct cli_option *const cli_common_options = common_options;

/* getopt_long values of options without a letter, and of the hidden
 * --list-options, sit above every char. */
#define OPT_BASE 256
#define OPT_LIST_OPTIONS (OPT_BASE + 2 * CLI_MAX_OPTIONS)

static const char global_usage[] =
    "usage: mendlog [-d DIR] [-c FILE] [--no-color] [COMMAND [ARGS...]]\n"
    "       mendlog -h | --help | -V | --version\n";

static void
print_help(void)
{
	printf("%s\n", global_usage);
	printf("A recovery diary for back pain after a lumbar puncture, an "
	    "epidural or spine\nsurgery.  With no command, opens the diary "
	    "screen.  It does not replace a clinician.\n\n");
	printf("Commands:\n");
	for (size_t i = 0; cli_commands[i] != NULL; i++)
		printf("  %-10s %s\n", cli_commands[i]->name,
		    cli_commands[i]->summary);
	printf("\nOptions:\n"
	    "  -d, --data-dir DIR  diary directory (default $MENDLOG_DIR, config "
	    "data_dir,\n"
	    "                      $XDG_DATA_HOME/mendlog, ~/.local/share/mendlog)\n"
	    "  -c, --config FILE   config file (default $MENDLOG_CONFIG,\n"
	    "                      $XDG_CONFIG_HOME/mendlog/config)\n"
	    "      --no-color      no colour on the screen (so does NO_COLOR)\n"
	    "  -h, --help          this help; COMMAND --help for a command's\n"
	    "  -V, --version       print the version\n\n"
	    "See mendlog(1) and mendlog(5).\n");
}

/* One command name a line, subcommands by their full name: for shell
 * completion. */
static void
list_commands(void)
{
	for (size_t i = 0; cli_commands[i] != NULL; i++) {
		const struct cli_command *const *sub = cli_commands[i]->subcommands;

		printf("%s\n", cli_commands[i]->name);
		for (; sub != NULL && *sub != NULL; sub++)
			printf("%s\n", (*sub)->name);
	}
}

void
cli_print_error(const struct ml_error *err)
{
	text_print_error(stderr, err, NULL);
}

/*
 * "mendlog: MESSAGE" on stderr, the whole message through the output
 * gate: an error often echoes an argument or a value from a file, and
 * either may hold an escape sequence.
 */
static void
print_gated(const char *fmt, va_list ap)
{
	char buf[4096];

	vsnprintf(buf, sizeof buf, fmt, ap);
	fputs("mendlog: ", stderr);
	text_fputs(buf, -1, 0, stderr);
	fputc('\n', stderr);
}

void
cli_errorf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	print_gated(fmt, ap);
	va_end(ap);
}

/* True when @base is one of the diary's file names, its backup, a save's
 * temporary file (csvio.c's NAME.tmp.XXXXXX) or the lock. */
static bool
is_diary_name(const char *base)
{
	if (strcmp(base, ".lock") == 0)
		return true;
	for (int f = 0; f < ML_NFILES; f++) {
		const char *name = ml_schema((enum ml_file)f)->filename;
		size_t n = strlen(name);

		if (strncmp(base, name, n) == 0 && (base[n] == '\0' ||
		    strcmp(base + n, ".bak") == 0 ||
		    strncmp(base + n, ".tmp.", 5) == 0))
			return true;
	}
	return false;
}

char *
cli_read_stdin_value(const char *what)
{
	static bool used;
	size_t len = 0, cap = 4096;
	char *buf, shown[128];

	ml_printable(what, 60, shown, sizeof shown);
	if (used) {
		cli_errorf("%s: only one value can be read from standard input "
		    "(-)", shown);
		return NULL;
	}
	used = true;
	if (isatty(STDIN_FILENO))
		fprintf(stderr, "mendlog: type the %s, then press Ctrl-D on a "
		    "line of its own\n", shown);
	buf = xmalloc(cap);
	for (;;) {
		size_t n;

		if (len + 1 >= cap)
			buf = xrealloc(buf, cap *= 2);
		n = fread(buf + len, 1, cap - len - 1, stdin);
		len += n;
		if (len > CLI_STDIN_MAX) {
			cli_errorf("%s: standard input is longer than %d bytes",
			    shown, CLI_STDIN_MAX);
			free(buf);
			return NULL;
		}
		if (n == 0)
			break;
	}
	if (ferror(stdin)) {
		cli_errorf("%s: standard input: %s", shown, strerror(errno));
		free(buf);
		return NULL;
	}
	if (len > 0 && buf[len - 1] == '\n')
		len--;
	if (len > 0 && buf[len - 1] == '\r')
		len--;
	buf[len] = '\0';
	if (strlen(buf) != len) {
		cli_errorf("%s: standard input holds a NUL byte (not text)",
		    shown);
		free(buf);
		return NULL;
	}
	return buf;
}

/* Write @writer's output to the open descriptor @fd (closed here). */
static int
write_direct(const char *out, int fd, csvio_writer writer, void *ctx)
{
	struct ml_error err;
	FILE *fp = fdopen(fd, "w");
	char shown[256];
	int rc;

	if (fp == NULL) {
		close(fd);
		cli_errorf("%s: %s", ml_printable(out, 160, shown, sizeof shown),
		    strerror(errno));
		return -1;
	}
	ml_error_set(&err, out, 0, NULL, "write error");
	rc = writer(fp, ctx, &err);
	if (fflush(fp) != 0 || ferror(fp)) {
		ml_error_set(&err, out, 0, NULL, "%s", strerror(errno));
		rc = -1;
	}
	if (fclose(fp) != 0 && rc == 0) {
		ml_error_set(&err, out, 0, NULL, "%s", strerror(errno));
		rc = -1;
	}
	if (rc != 0)
		cli_print_error(&err);
	return rc != 0 ? -1 : 0;
}

int
cli_write_output(const char *out, csvio_writer writer, void *ctx)
{
	struct ml_error err;
	struct stat st;
	char shown[256];
	size_t len = strlen(out);
	int fd;

	ml_printable(out, 160, shown, sizeof shown);
	if (strcmp(out, "-") == 0)
		return write_direct("standard output", dup(STDOUT_FILENO), writer,
		    ctx);
	if (lstat(out, &st) != 0) {
		if (errno == ENOENT && len > 0 && out[len - 1] == '/') {
			cli_errorf("%s: no such directory; give a file name",
			    shown);
			return -1;
		}
		/* A new path (or one we cannot see: the save says why). */
	} else if (S_ISLNK(st.st_mode)) {
		cli_errorf("%s: a symbolic link; refusing to write through it "
		    "(give the file it points to, or - for standard output)",
		    shown);
		return -1;
	} else if (S_ISDIR(st.st_mode)) {
		cli_errorf("%s: is a directory; give a file name", shown);
		return -1;
	} else if (S_ISFIFO(st.st_mode) || S_ISCHR(st.st_mode)) {
		/* A reader waits on the other end: replacing the node with a
		 * file would leave it with nothing. */
		fd = open(out, O_WRONLY | O_NOCTTY | O_NOFOLLOW | O_CLOEXEC);
		if (fd < 0) {
			cli_errorf("%s: %s", shown, strerror(errno));
			return -1;
		}
		return write_direct(out, fd, writer, ctx);
	} else if (!S_ISREG(st.st_mode)) {
		cli_errorf("%s: not a regular file, FIFO or character device; "
		    "refusing to replace it", shown);
		return -1;
	}
	if (csvio_save_atomic(out, writer, ctx, false, &err) != 0) {
		cli_print_error(&err);
		return -1;
	}
	return 0;
}

bool
cli_refuse_diary_file(const struct ml_store *s, const char *target,
    const char *advice)
{
	char *copy1 = xstrdup(target), *copy2 = xstrdup(target);
	char dir[PATH_MAX], data[PATH_MAX], shown[256];
	bool hit = realpath(dirname(copy1), dir) != NULL &&
	    realpath(s->dir, data) != NULL && strcmp(dir, data) == 0 &&
	    is_diary_name(basename(copy2));

	free(copy1);
	free(copy2);
	if (hit)
		cli_errorf("%s: refusing to overwrite the diary's own file; %s",
		    ml_printable(target, 160, shown, sizeof shown), advice);
	return hit;
}

int
cli_usage_error(const struct cli_command *cmd, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	print_gated(fmt, ap);
	va_end(ap);
	if (cmd != NULL) {
		/* The first line of the usage text is the synopsis. */
		const char *nl = strchr(cmd->usage, '\n');
		int len = nl ? (int)(nl - cmd->usage) : (int)strlen(cmd->usage);

		fprintf(stderr, "%.*s\n", len, cmd->usage);
		fprintf(stderr, "Try 'mendlog %s --help'.\n", cmd->name);
	} else {
		fputs(global_usage, stderr);
	}
	return ML_EXIT_USAGE;
}

/* ---- the option table ---- */

static size_t
count_options(const struct cli_option *opts)
{
	size_t n = 0;

	while (opts != NULL && opts[n].name != NULL)
		n++;
	return n;
}

/* Slot of option @name in @cmd's table; a misspelt name is a bug. */
static size_t
option_slot(const struct cli_command *cmd, const char *name)
{
	for (size_t i = 0; i < count_options(cmd->options); i++)
		if (strcmp(cmd->options[i].name, name) == 0)
			return i;
	fatal("%s: no option --%s in its table", cmd->name, name);
}

bool
cli_args_has(const struct cli_args *args, const char *name)
{
	return args->value[option_slot(args->cmd, name)] != NULL;
}

const char *
cli_args_get(const struct cli_args *args, const char *name)
{
	return args->value[option_slot(args->cmd, name)];
}

int
cli_args_day(const struct cli_args *args, const char *name, ml_day *day)
{
	const char *v = cli_args_get(args, name);

	if (v != NULL && !ml_day_parse(v, ml_today(), day)) {
		cli_usage_error(args->cmd, "--%s: invalid date '%s': expected "
		    "YYYY-MM-DD, today, yesterday, -3, 3 days ago or a weekday",
		    name, v);
		return -1;
	}
	return 0;
}

int
cli_args_record_day(const struct cli_args *args, const char *name,
    ml_day *day)
{
	char why[160];

	if (cli_args_day(args, name, day) != 0)
		return -1;
	if (!ml_day_recordable(*day, ml_today(), cli_args_has(args, "force"),
	    why, sizeof why)) {
		cli_usage_error(args->cmd, "--%s: %s", name, why);
		return -1;
	}
	return 0;
}

int
cli_args_choice(const struct cli_args *args, const char *name)
{
	size_t slot = option_slot(args->cmd, name);
	const char *const *c = args->cmd->options[slot].choices;
	const char *v = args->value[slot];

	for (int i = 0; v != NULL && c != NULL && c[i] != NULL; i++)
		if (strcmp(c[i], v) == 0)
			return i;
	return -1;	/* absent: the parser let no other value through */
}

/* "--kind: expected daily, exercises or alerts, not 'x'" */
static int
bad_choice(const struct cli_command *cmd, const struct cli_option *o,
    const char *v)
{
	char list[256] = "";
	size_t n = 0, len = 0;

	while (o->choices[n] != NULL)
		n++;
	for (size_t i = 0; i < n && len < sizeof list; i++)
		len += (size_t)snprintf(list + len, sizeof list - len, "%s%s",
		    i == 0 ? "" : i + 1 == n ? " or " : ", ", o->choices[i]);
	return cli_usage_error(cmd, "--%s: expected %s, not '%s'", o->name, list,
	    v);
}

static bool
is_choice(const struct cli_option *o, const char *v)
{
	for (size_t i = 0; o->choices[i] != NULL; i++)
		if (strcmp(o->choices[i], v) == 0)
			return true;
	return false;
}

/* "  -o, --output FILE      help (a, b)" for --help. */
static void
print_option(const struct cli_option *o)
{
	char left[64];

	if (o->letter)
		snprintf(left, sizeof left, "-%c, --%s%s%s", o->letter, o->name,
		    o->arg ? " " : "", o->arg ? o->arg : "");
	else
		snprintf(left, sizeof left, "    --%s%s%s", o->name,
		    o->arg ? " " : "", o->arg ? o->arg : "");
	printf("  %-22s %s", left, o->help);
	if (o->choices != NULL) {
		fputs(" (", stdout);
		for (size_t i = 0; o->choices[i] != NULL; i++)
			printf("%s%s", i ? ", " : "", o->choices[i]);
		fputc(')', stdout);
	}
	putchar('\n');
}

/* Tab-separated "--long  -x  ARG  help  choice,choice" ("-" for none),
 * one option a line: for shell completion. */
static void
list_option(const struct cli_option *o)
{
	printf("--%s\t%s%c\t%s\t%s\t", o->name, o->letter ? "-" : "",
	    o->letter ? o->letter : '-', o->arg ? o->arg : "-", o->help);
	if (o->choices == NULL)
		fputs("-", stdout);
	for (size_t i = 0; o->choices != NULL && o->choices[i] != NULL; i++)
		printf("%s%s", i ? "," : "", o->choices[i]);
	putchar('\n');
}

static void
print_options(const struct cli_command *cmd, void (*print)(const struct
    cli_option *))
{
	for (size_t i = 0; i < count_options(cmd->options); i++)
		print(&cmd->options[i]);
	for (size_t i = 0; common_options[i].name != NULL; i++)
		print(&common_options[i]);
}

/* The whole --help of @cmd: synopsis, text, then options from the tables. */
static void
print_command_help(const struct cli_command *cmd)
{
	const struct cli_command *const *sub = cmd->subcommands;

	fputs(cmd->usage, stdout);
	if (cmd->about != NULL)
		printf("\n%s", cmd->about);
	if (sub == NULL) {
		printf("\nOptions:\n");
		print_options(cmd, print_option);
		return;
	}
	for (; *sub != NULL; sub++) {
		printf("\nOptions of %s:\n", (*sub)->name);
		print_options(*sub, print_option);
	}
}

/* ---- the parser ---- */

/*
 * Parse @cmd's argv into @args: its own options and the common ones, then
 * the count of operands.  Returns true to run the command, or false with
 * *status the exit status to return now (--help, --list-options, a usage
 * error, already printed).
 */
static bool
parse_args(struct ml_app *app, const struct cli_command *cmd, int argc,
    char **argv, struct cli_args *args, int *status)
{
	size_t nown = count_options(cmd->options);
	struct option longopts[CLI_MAX_OPTIONS + 8];
	char shortopts[3 * (CLI_MAX_OPTIONS + 8) + 2] = "";
	size_t nlong = 0, ns = 0;
	int c;

	if (nown > CLI_MAX_OPTIONS)
		fatal("%s: more than %d options", cmd->name, CLI_MAX_OPTIONS);
	memset(args, 0, sizeof *args);
	args->cmd = cmd;
	/* Own options take slots 0..nown-1, common ones nown and after. */
	for (size_t i = 0; i < nown + 3; i++) {
		const struct cli_option *o = i < nown ? &cmd->options[i] :
		    &common_options[i - nown];

		longopts[nlong++] = (struct option){ o->name, o->arg ?
		    required_argument : no_argument, NULL, (int)(OPT_BASE + i) };
		if (o->letter) {
			shortopts[ns++] = o->letter;
			if (o->arg)
				shortopts[ns++] = ':';
		}
	}
	longopts[nlong++] = (struct option){ "list-options", no_argument, NULL,
	    OPT_LIST_OPTIONS };
	longopts[nlong] = (struct option){ NULL, 0, NULL, 0 };
	shortopts[ns] = '\0';
	/* 0, not 1: glibc then forgets the '+' (stop at the first operand)
	 * of the global scan, so options may follow a command's operands. */
	optind = 0;
	while ((c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
		const struct cli_option *o = NULL;
		size_t slot = 0;

		if (c == OPT_LIST_OPTIONS) {
			print_options(cmd, list_option);
			*status = ML_EXIT_OK;
			return false;
		}
		for (size_t i = 0; i < nown + 3 && o == NULL; i++) {
			const struct cli_option *p = i < nown ? &cmd->options[i] :
			    &common_options[i - nown];

			if (c == (int)(OPT_BASE + i) || (p->letter && c == p->letter)) {
				o = p;
				slot = i;
			}
		}
		if (o == NULL) {
			/* getopt already said what was wrong. */
			*status = cli_usage_error(cmd, "bad option");
			return false;
		}
		if (o->choices != NULL && !is_choice(o, optarg)) {
			*status = bad_choice(cmd, o, optarg);
			return false;
		}
		if (slot < nown) {
			args->value[slot] = o->arg ? optarg : "";
		} else if (o->letter == 'd') {
			app->data_dir_flag = optarg;
		} else if (o->letter == 'c') {
			app->config_flag = optarg;
		} else {
			print_command_help(cmd);
			*status = ML_EXIT_OK;
			return false;
		}
	}
	args->argc = argc - optind;
	args->argv = argv + optind;
	if (args->argc < cmd->min_args ||
	    (cmd->max_args >= 0 && args->argc > cmd->max_args)) {
		*status = cmd->args_error != NULL ?
		    cli_usage_error(cmd, "%s", cmd->args_error) :
		    cli_usage_error(cmd, "unexpected argument '%s'",
		    args->argv[cmd->max_args]);
		return false;
	}
	return true;
}

/* The subcommand of @cmd that @word names, or NULL. */
static const struct cli_command *
find_subcommand(const struct cli_command *cmd, const char *word)
{
	size_t len = strlen(cmd->name);

	for (const struct cli_command *const *s = cmd->subcommands; *s; s++)
		if (strcmp((*s)->name + len + 1, word) == 0)
			return *s;
	return NULL;
}

/* A command killed mid-save leaves the old file (the rename is atomic);
 * this also removes the temp file, then dies of the same signal. */
static void
on_fatal_signal(int sig)
{
	csvio_abort_pending();
	signal(sig, SIG_DFL);
	raise(sig);
}

int
cli_run(struct ml_app *app, const struct cli_command *cmd, int argc,
    char **argv)
{
	struct cli_args args;
	struct sigaction sa;
	int status;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_fatal_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGPIPE, &sa, NULL);
	if (cmd->subcommands != NULL) {
		const struct cli_command *sub;

		if (argc < 2 || argv[1][0] == '-') {
			/* No subcommand yet: only the common options make sense. */
			if (!parse_args(app, cmd, argc, argv, &args, &status))
				return status;
			return cli_usage_error(cmd, "%s", cmd->args_error);
		}
		if ((sub = find_subcommand(cmd, argv[1])) == NULL)
			return cli_usage_error(cmd, "unknown subcommand '%s'",
			    argv[1]);
		cmd = sub;
		argc--;
		argv++;
	}
	if (!parse_args(app, cmd, argc, argv, &args, &status))
		return status;
	return cmd->exec(app, &args);
}

bool
cli_parse_global(struct ml_app *app, int argc, char **argv,
    const struct cli_command **cmd, int *first, int *status)
{
	enum { OPT_NO_COLOR = OPT_BASE, OPT_LIST_COMMANDS };
	static const struct option longopts[] = {
		{ "data-dir", required_argument, NULL, 'd' },
		{ "config", required_argument, NULL, 'c' },
		{ "no-color", no_argument, NULL, OPT_NO_COLOR },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ "list-commands", no_argument, NULL, OPT_LIST_COMMANDS },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	*cmd = NULL;
	*status = ML_EXIT_OK;
	/* Hidden: what the shell completion scripts call (complete.h). */
	if (argc >= 2 && strcmp(argv[1], "__complete") == 0) {
		*status = complete_words(app, argc - 2, argv + 2, stdout);
		return false;
	}
	optind = 1;
	/* '+': stop at the command name; its options are its own. */
	while ((c = getopt_long(argc, argv, "+d:c:hV", longopts, NULL)) != -1) {
		switch (c) {
		case 'd': app->data_dir_flag = optarg; break;
		case 'c': app->config_flag = optarg; break;
		case OPT_NO_COLOR: app->no_color = true; break;
		case 'h': print_help(); return false;
		case 'V': printf("mendlog %s\n", MENDLOG_VERSION); return false;
		case OPT_LIST_COMMANDS: list_commands(); return false;
		default:
			*status = cli_usage_error(NULL, "bad option");
			return false;
		}
	}
	*first = optind;
	if (optind >= argc)
		return true;
	for (size_t i = 0; cli_commands[i] != NULL; i++)
		if (strcmp(argv[optind], cli_commands[i]->name) == 0) {
			*cmd = cli_commands[i];
			return true;
		}
	if (strcmp(argv[optind], "help") == 0) {
		print_help();
		return false;
	}
	*status = cli_usage_error(NULL, "unknown command '%s'", argv[optind]);
	return false;
}

/* ---- what commands share ---- */

static void
config_report(void *ctx, enum ml_config_level level, const struct ml_error *e)
{
	(void)ctx;
	text_print_error(stderr, e, level == ML_CONFIG_WARNING ? " (warning)" :
	    NULL);
}

int
cli_open_store(struct ml_app *app)
{
	struct ml_error err;

	struct record_result res;

	/* A command changes the directory only when it first saves. */
	app->read_first = true;
	if (app_open_store(app, config_report, NULL, &err) != 0) {
		/* Errors inside the config were already reported line by line. */
		if (!app_config_error_reported(&err))
			cli_print_error(&err);
		return -1;
	}
	/* Every command's start: a row changed outside mendlog (a
	 * spreadsheet) is checked now, however old.  Files that cannot be
	 * read are the command's to report, not this. */
	if (record_changes(&app->store, &app->cfg, false, &res, &err) == 0)
		cli_print_recorded(&res);
	record_result_free(&res);
	return 0;
}

int
cli_load(struct ml_app *app, enum ml_file file)
{
	struct ml_error err;

	if (app_load(app, file, &err) != 0) {
		cli_print_error(&err);
		return -1;
	}
	return 0;
}

int
cli_range_get(const struct cli_args *args, struct cli_range *r)
{
	memset(r, 0, sizeof *r);
	if (cli_args_day(args, "from", &r->from) != 0 ||
	    cli_args_day(args, "to", &r->to) != 0)
		return -1;
	r->have_from = cli_args_has(args, "from");
	r->have_to = cli_args_has(args, "to");
	return 0;
}

int
cli_range_resolve(struct ml_app *app, const struct cli_command *cmd,
    struct cli_range *r)
{
	ml_day from, to;

	if (cli_open_store(app) != 0)
		return ML_EXIT_FAIL;
	for (int f = 0; f < ML_NFILES; f++)
		if (cli_load(app, (enum ml_file)f) != 0)
			return ML_EXIT_FAIL;
	export_default_range(&app->store, &from, &to);
	if (!r->have_from)
		r->from = from;
	if (!r->have_to)
		r->to = to;
	if (r->from > r->to)
		return cli_usage_error(cmd, "--from is after --to");
	return ML_EXIT_OK;
}

size_t
cli_print_notices_level(struct ml_app *app, ml_day today,
    enum ml_notice_level level, FILE *fp)
{
	struct ml_notices n = { 0 };
	size_t count = 0;

	notices_collect(app, today, &n);
	for (size_t i = 0; i < n.n; i++) {
		if (n.v[i].level != level)
			continue;
		fputs("mendlog: ", fp);
		text_fputs(n.v[i].text, -1, 0, fp);
		fputc('\n', fp);
		count++;
	}
	notices_free(&n);
	return count;
}

size_t
cli_print_notices(struct ml_app *app, ml_day today, FILE *fp)
{
	struct ml_notices n = { 0 };
	size_t count;

	notices_collect(app, today, &n);
	for (size_t i = 0; i < n.n; i++) {
		fputs("mendlog: ", fp);
		text_fputs(n.v[i].text, -1, 0, fp);
		fputc('\n', fp);
	}
	count = n.n;
	notices_free(&n);
	return count;
}
