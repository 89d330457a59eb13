/*
 * main.c - choose the command line or the screen; nothing else.
 */
#include <locale.h>
#include <stdlib.h>

#include "cli.h"
#include "ui.h"

int
main(int argc, char **argv)
{
	struct ml_app app = { 0 };
	const struct cli_command *cmd;
	int first, rc;

	setlocale(LC_ALL, "");
	/* Files use '.' decimals whatever the locale: with a de_DE or fr_FR
	 * LC_NUMERIC, strtod and printf would refuse 36.8 and write 36,8. */
	setlocale(LC_NUMERIC, "C");
	if (cli_parse_global(&app, argc, argv, &cmd, &first, &rc)) {
		if (cmd != NULL)
			rc = cli_run(&app, cmd, argc - first, argv + first);
		else
			rc = ui_main(&app);
	}
	app_free(&app);
	return rc;
}
