/*
 * cli.c - global options, the command table and shared command plumbing.
 */
#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "csvio.h"
#include "export.h"
#include "date.h"

/* Every subcommand.  A new command is one line here and one cmd-*.c. */
static const struct cli_command *const commands[] = {
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
	&cmd_note,
};

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
	for (size_t i = 0; i < ML_NELEM(commands); i++)
		printf("  %-10s %s\n", commands[i]->name, commands[i]->summary);
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

void
cli_print_error(const struct ml_error *err)
{
	char buf[2048];

	ml_error_format(err, buf, sizeof buf);
	fprintf(stderr, "mendlog: %s\n", buf);
}

void
cli_errorf(const char *fmt, ...)
{
	va_list ap;

	fputs("mendlog: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int
cli_usage_error(const struct cli_command *cmd, const char *fmt, ...)
{
	va_list ap;

	fputs("mendlog: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
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

bool
cli_parse_day(const char *s, ml_day *day)
{
	ml_day d;

	if (strcmp(s, "today") == 0) {
		*day = ml_today();
		return true;
	}
	if (strcmp(s, "yesterday") == 0) {
		*day = ml_today() - 1;
		return true;
	}
	if (!ml_date_parse(s, &d))
		return false;
	*day = d;
	return true;
}

int
cli_common_option(struct cli_ctx *ctx, const struct cli_command *cmd, int c,
    const char *arg)
{
	switch (c) {
	case 'd':
		ctx->data_flag = arg;
		return -2;
	case 'c':
		ctx->config_flag = arg;
		return -2;
	case 'h':
		fputs(cmd->usage, stdout);
		return ML_EXIT_OK;
	case '?':
	case ':':
		/* getopt already said what was wrong. */
		return cli_usage_error(cmd, "bad option");
	default:
		return -1;
	}
}

static void
config_report(void *ctx, enum ml_config_level level, const struct ml_error *e)
{
	char buf[2048];

	(void)ctx;
	ml_error_format(e, buf, sizeof buf);
	fprintf(stderr, "mendlog: %s%s\n", buf,
	    level == ML_CONFIG_WARNING ? " (warning)" : "");
}

int
cli_load_config(struct cli_ctx *ctx)
{
	struct ml_error err;
	bool explicit;
	char *path;
	int rc = 0;

	if (ctx->cfg_loaded)
		return 0;
	config_defaults(&ctx->cfg);
	ctx->cfg_loaded = true;
	path = config_path(ctx->config_flag, &explicit);
	if (path != NULL) {
		rc = config_load(&ctx->cfg, path, explicit, config_report, NULL,
		    &err);
		/* Errors inside the file were already reported line by line. */
		if (rc != 0 && err.line == 0 && err.field[0] == '\0')
			cli_print_error(&err);
		free(path);
	}
	return rc;
}

int
cli_open_store(struct cli_ctx *ctx)
{
	struct ml_error err;

	if (ctx->store_open)
		return 0;
	if (cli_load_config(ctx) != 0)
		return -1;
	ctx->data_dir = config_data_dir(ctx->data_flag, &ctx->cfg);
	if (ctx->data_dir == NULL) {
		cli_errorf("cannot find a home directory; use --data-dir");
		return -1;
	}
	if (store_open(&ctx->store, ctx->data_dir, &err) != 0) {
		cli_print_error(&err);
		return -1;
	}
	ctx->store_open = true;
	return 0;
}

int
cli_load(struct cli_ctx *ctx, enum ml_file file)
{
	struct ml_error err;

	if (store_load(&ctx->store, file, NULL, &err) != 0) {
		cli_print_error(&err);
		return -1;
	}
	return 0;
}

int
cli_range_option(const struct cli_command *cmd, struct cli_range *r, int c,
    const char *arg)
{
	if (c != 'F' && c != 'T')
		return -1;
	if (!cli_parse_day(arg, c == 'F' ? &r->from : &r->to))
		return cli_usage_error(cmd, "--%s: invalid date '%s': expected "
		    "YYYY-MM-DD", c == 'F' ? "from" : "to", arg);
	*(c == 'F' ? &r->have_from : &r->have_to) = true;
	return -2;
}

int
cli_range_resolve(struct cli_ctx *ctx, const struct cli_command *cmd,
    struct cli_range *r)
{
	ml_day from, to;

	if (cli_open_store(ctx) != 0)
		return ML_EXIT_FAIL;
	for (int f = 0; f < ML_NFILES; f++)
		if (cli_load(ctx, (enum ml_file)f) != 0)
			return ML_EXIT_FAIL;
	export_default_range(&ctx->store, &from, &to);
	if (!r->have_from)
		r->from = from;
	if (!r->have_to)
		r->to = to;
	if (r->from > r->to)
		return cli_usage_error(cmd, "--from is after --to");
	return -1;
}

int
cli_parse_global(struct cli_ctx *ctx, int argc, char **argv,
    const struct cli_command **cmd, int *first)
{
	static const struct option longopts[] = {
		{ "data-dir", required_argument, NULL, 'd' },
		{ "config", required_argument, NULL, 'c' },
		{ "no-color", no_argument, NULL, 'C' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	*cmd = NULL;
	optind = 1;
	/* '+': stop at the command name; its options are its own. */
	while ((c = getopt_long(argc, argv, "+d:c:hV", longopts, NULL)) != -1) {
		switch (c) {
		case 'd': ctx->data_flag = optarg; break;
		case 'c': ctx->config_flag = optarg; break;
		case 'C': ctx->no_color = true; break;
		case 'h': print_help(); return ML_EXIT_OK;
		case 'V': printf("mendlog %s\n", MENDLOG_VERSION); return ML_EXIT_OK;
		default: return cli_usage_error(NULL, "bad option");
		}
	}
	*first = optind;
	if (optind >= argc)
		return -1;
	for (size_t i = 0; i < ML_NELEM(commands); i++)
		if (strcmp(argv[optind], commands[i]->name) == 0) {
			*cmd = commands[i];
			return -1;
		}
	if (strcmp(argv[optind], "help") == 0) {
		print_help();
		return ML_EXIT_OK;
	}
	return cli_usage_error(NULL, "unknown command '%s'", argv[optind]);
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
cli_run(struct cli_ctx *ctx, const struct cli_command *cmd, int argc,
    char **argv)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_fatal_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGPIPE, &sa, NULL);
	/* 0, not 1: glibc then forgets the '+' (stop at the first operand)
	 * of the global scan, so options may follow a command's operands. */
	optind = 0;
	return cmd->run(ctx, argc, argv);
}

void
cli_ctx_free(struct cli_ctx *ctx)
{
	if (ctx->store_open)
		store_close(&ctx->store);
	if (ctx->cfg_loaded)
		config_free(&ctx->cfg);
	free(ctx->data_dir);
	memset(ctx, 0, sizeof *ctx);
}
