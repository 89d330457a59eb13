/*
 * cli.h - the command line: the command table, each command's options as
 * data, one parser for all of them, and the printing helpers commands
 * share.  Core code: no curses here.
 *
 * A command is one const struct cli_command in its cmd-*.c: its name, a
 * one-line summary, its synopsis, a paragraph of help, a table of its
 * options and the function that does the work.  cli.c adds the options
 * every command takes (-d, -c, -h), parses argv against the table, handles
 * --help and usage errors the same way for every command, and only then
 * calls exec with the parsed struct cli_args.  --help text and
 * --list-options are generated from the same table, so they cannot drift.
 *
 * Commands print results to stdout and errors to stderr as
 * "mendlog: FILE:LINE: field: reason", and return an enum ml_exit.
 */
#ifndef ML_CLI_H
#define ML_CLI_H

#include <stdbool.h>

#include "app.h"
#include "csvio.h"
#include "notices.h"
#include "date.h"

/* One option of a command.  Tables end with an entry whose name is NULL. */
struct cli_option {
	const char *name;		/* long name, without "--" */
	char letter;			/* short form, or 0 for none */
	const char *arg;		/* argument's name in help ("D"), or NULL
					 * for a flag that takes none */
	const char *help;		/* one line for --help */
	const char *const *choices;	/* NULL-terminated allowed values, or
					 * NULL for any; checked by the parser */
};

/* Most options a command may declare (its own, without the common ones). */
#define CLI_MAX_OPTIONS 12

struct cli_command;

/* What the parser found in a command's argv.  Read it through the getters;
 * the values and operands point into argv (not owned, never freed). */
struct cli_args {
	const struct cli_command *cmd;
	const char *value[CLI_MAX_OPTIONS];	/* by table slot; a flag given
						 * is "", an option absent NULL */
	int argc;				/* positional arguments, in order */
	char **argv;
};

struct cli_command {
	const char *name;		/* "log"; a subcommand's is "plan import" */
	const char *summary;		/* one line for `mendlog --help` */
	const char *usage;		/* synopsis line(s), "usage: mendlog ..." */
	const char *about;		/* help text between synopsis and options */
	const struct cli_option *options;	/* its own, or NULL */
	/* Positional arguments allowed (max -1: any number), and what to say
	 * when there are too few or too many (NULL: "unexpected argument"). */
	int min_args, max_args;
	const char *args_error;
	int (*exec)(struct ml_app *app, const struct cli_args *args);
	/* A command made of subcommands ("plan import", "plan list") has no
	 * exec; the first argument picks one of these (NULL-terminated). */
	const struct cli_command *const *subcommands;
};

/* Every command, NULL-terminated, in `mendlog --help` order.  Shell
 * completion and --list-commands walk this. */
extern const struct cli_command *const cli_commands[];

/* The options every command takes (-d, -c, -h), NULL-name terminated:
 * for shell completion. */
extern const struct cli_option *const cli_common_options;

/* True when option @name was given. */
bool cli_args_has(const struct cli_args *args, const char *name);
/* The value of option @name ("" for a flag), or NULL when not given. */
const char *cli_args_get(const struct cli_args *args, const char *name);
/* Option @name as a day (YYYY-MM-DD, today, yesterday) into @day, which is
 * left alone when the option is absent.  A bad date prints the usage error
 * and returns -1. */
int cli_args_day(const struct cli_args *args, const char *name, ml_day *day);
/* The same for a day to be recorded: also refuses a day after today, or
 * before 1990 unless the command's --force was given (ml_day_recordable). */
int cli_args_record_day(const struct cli_args *args, const char *name,
    ml_day *day);
/* The --force option of the commands that record a day. */
#define CLI_FORCE_OPTION \
	{ "force", 0, NULL, "record a day before 1990 (most likely a typo)", \
	    NULL }
/* Index of option @name's value in its choices, or -1 when absent. */
int cli_args_choice(const struct cli_args *args, const char *name);

/*
 * Parse the global options of argv and find the command.  Returns true to
 * go on (then *cmd is the command, or NULL for the screen, and *first its
 * index in argv), or false with *status the exit status to return now
 * (--help, --version, --list-commands, a usage error).
 */
bool cli_parse_global(struct ml_app *app, int argc, char **argv,
    const struct cli_command **cmd, int *first, int *status);

/* Parse @cmd's own argv (argv[0] = its name), then run it; returns the
 * exit status. */
int cli_run(struct ml_app *app, const struct cli_command *cmd, int argc,
    char **argv);

/* Load the config and open the store, printing what went wrong; -1 on
 * error. */
int cli_open_store(struct ml_app *app);
/* Load @file into the open store, printing the error on failure. */
int cli_load(struct ml_app *app, enum ml_file file);

/*
 * True, after printing "mendlog: TARGET: refusing to overwrite the diary's
 * own file; @advice", when @target is in the store's directory and named
 * as one of its files, their .bak or a save's temporary file, or the lock:
 * what a command writes (export -o, report --html -o) must never replace
 * the records it reads.
 */
bool cli_refuse_diary_file(const struct ml_store *s, const char *target,
    const char *advice);

/*
 * Write what @writer produces to the -o target @out, as the user meant:
 * "-" is standard output; a FIFO or a character device (a pipe's reader,
 * /dev/null, a terminal) is opened and written directly; a regular file
 * or a new path is replaced atomically (csvio_save_atomic, 0600); a
 * symbolic link (even one to a diary file, or /dev/stdout) and a directory
 * are refused with the reason, untouched.  0, or -1 after printing the
 * error.  Call cli_refuse_diary_file first.
 */
int cli_write_output(const char *out, csvio_writer writer, void *ctx);

/*
 * A text value given as "-" is read from standard input: a note on the
 * command line is visible to every user through `ps`.  Reads up to
 * CLI_STDIN_MAX bytes, drops one final line end (LF or CRLF) and returns
 * a new string (caller frees); NULL after printing the error (too long,
 * a read error, a second "-" in one command: stdin can be read once).
 */
#define CLI_STDIN_MAX (1024 * 1024)
char *cli_read_stdin_value(const char *what);

/* Print "mendlog: <formatted error>" to stderr. */
/*
 * Print every notice (notices.h) for @today to @fp, one "mendlog: ..."
 * line each, through the output gate: what a command that a patient
 * reads (show, due, alerts, report, log) must never leave out.  Returns
 * how many were printed.
 */
size_t cli_print_notices(struct ml_app *app, ml_day today, FILE *fp);
/* The same for the notices of one level only (export prints the data
 * notices: rows it had to leave out).  Returns how many were printed. */
size_t cli_print_notices_level(struct ml_app *app, ml_day today,
    enum ml_notice_level level, FILE *fp);
/* The same, only the notices that a rule cannot check something (ids
 * "unchecked_"): what log and due add to their short output.  @fp NULL:
 * only count them. */
size_t cli_print_unchecked(struct ml_app *app, ml_day today, FILE *fp);
void cli_print_error(const struct ml_error *err);
/* Print "mendlog: msg" to stderr. */
void cli_errorf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Print a usage error and the command's synopsis; returns ML_EXIT_USAGE. */
int cli_usage_error(const struct cli_command *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* --from / --to of the commands that read a period (export, report). */
#define CLI_RANGE_OPTIONS \
	{ "from", 0, "D", "first day (default: the first recorded day)", NULL }, \
	{ "to", 0, "D", "last day (default: today)", NULL }

struct cli_range {
	bool have_from, have_to;
	ml_day from, to;
};

/* Read --from and --to from @args into @r; a bad date prints the usage
 * error and returns -1. */
int cli_range_get(const struct cli_args *args, struct cli_range *r);

/*
 * Open the store, load every file, and fill the range's missing ends with
 * the default (the first recorded day through today).  Returns 0, or the
 * exit status to return now (load failure, --from after --to).
 */
int cli_range_resolve(struct ml_app *app, const struct cli_command *cmd,
    struct cli_range *r);

/* The commands, defined in their cmd-*.c. */
extern const struct cli_command cmd_log, cmd_show, cmd_procedure, cmd_check;
extern const struct cli_command cmd_export, cmd_report;
extern const struct cli_command cmd_plan, cmd_done, cmd_due;
extern const struct cli_command cmd_alerts, cmd_ack;
extern const struct cli_command cmd_psfs;
extern const struct cli_command cmd_note;

struct alerts_raised;
/* Print alerts just raised to stderr: tier, rule, day, advice, message. */
void cli_print_raised(const struct alerts_raised *r);
/* What a change raised (record.h), on stderr; a failure to record the
 * alerts first, as an error. */
struct record_result;
void cli_print_recorded(const struct record_result *res);

#endif
