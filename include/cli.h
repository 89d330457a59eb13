/*
 * cli.h - the command line: global options, the command table, and what a
 * command needs (config, store).  Core code: no curses here.
 *
 * Commands print results to stdout and errors to stderr as
 * "mendlog: FILE:LINE: field: reason", and return an enum ml_exit.
 */
#ifndef ML_CLI_H
#define ML_CLI_H

#include <stdbool.h>

#include "config.h"
#include "date.h"
#include "store.h"

struct cli_ctx {
	const char *data_flag;		/* -d, or NULL */
	const char *config_flag;	/* -c, or NULL */
	bool no_color;			/* --no-color */
	struct ml_config cfg;
	bool cfg_loaded;
	struct ml_store store;
	bool store_open;
	char *data_dir;			/* owned, resolved */
};

struct cli_command {
	const char *name;
	const char *summary;		/* one line for `mendlog --help` */
	const char *usage;		/* full usage text for `CMD --help` */
	int (*run)(struct cli_ctx *ctx, int argc, char **argv);
};

/* Long options every command accepts, and their short forms. */
#define CLI_COMMON_SHORT "d:c:h"
#define CLI_COMMON_LONG \
	{ "data-dir", required_argument, NULL, 'd' }, \
	{ "config", required_argument, NULL, 'c' }, \
	{ "help", no_argument, NULL, 'h' }

/*
 * Handle a common option returned by getopt_long (@c): -d, -c, -h, '?'.
 * Returns -1 when @c is not common, otherwise the exit status to return
 * now (-2 meaning "handled, carry on").
 */
int cli_common_option(struct cli_ctx *ctx, const struct cli_command *cmd, int c,
    const char *arg);

/* Load the config (once).  Prints problems; -1 on error. */
int cli_load_config(struct cli_ctx *ctx);
/* Load the config and open the store (once).  Prints errors; -1 on error. */
int cli_open_store(struct cli_ctx *ctx);
/* Load @file into the store, printing the error on failure. */
int cli_load(struct cli_ctx *ctx, enum ml_file file);

/* Print "mendlog: <formatted error>" to stderr. */
void cli_print_error(const struct ml_error *err);
/* Print "mendlog: msg" to stderr. */
void cli_errorf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Print usage error and the command's usage line; returns ML_EXIT_USAGE. */
int cli_usage_error(const struct cli_command *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Parse --date's argument (YYYY-MM-DD, "today", "yesterday"). */
bool cli_parse_day(const char *s, ml_day *day);

/*
 * Parse the global options of argv and find the command.  Returns -1 to go
 * on (then *cmd is the command, or NULL for the screen, and *first its
 * index in argv), or an exit status to return now (--help, --version, a
 * usage error).
 */
int cli_parse_global(struct cli_ctx *ctx, int argc, char **argv,
    const struct cli_command **cmd, int *first);

/* Run @cmd with its own argv (argv[0] = command name). */
int cli_run(struct cli_ctx *ctx, const struct cli_command *cmd, int argc,
    char **argv);

/* --from / --to of the commands that read a period (export, report). */
struct cli_range {
	bool have_from, have_to;
	ml_day from, to;
};
#define CLI_RANGE_LONG \
	{ "from", required_argument, NULL, 'F' }, \
	{ "to", required_argument, NULL, 'T' }

/* Handle option @c if it is --from/--to: -2 when handled, -1 when not
 * ours, or an exit status for a bad date. */
int cli_range_option(const struct cli_command *cmd, struct cli_range *r,
    int c, const char *arg);

/*
 * Open the store, load every file, and fill the range's missing ends with
 * the default (the first recorded day through today).  Returns -1 to go
 * on, or an exit status (load failure, --from after --to).
 */
int cli_range_resolve(struct cli_ctx *ctx, const struct cli_command *cmd,
    struct cli_range *r);

/* Free everything @ctx holds. */
void cli_ctx_free(struct cli_ctx *ctx);

/* The commands, in cli.c's table. */
extern const struct cli_command cmd_log, cmd_show, cmd_procedure, cmd_check;
extern const struct cli_command cmd_export, cmd_report;
extern const struct cli_command cmd_plan, cmd_done, cmd_due;
extern const struct cli_command cmd_alerts, cmd_ack;
extern const struct cli_command cmd_note;

struct alerts_raised;
/* Print alerts just raised to stderr: tier, rule, day, advice, message. */
void cli_print_raised(const struct alerts_raised *r);

#endif
