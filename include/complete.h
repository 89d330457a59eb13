/*
 * complete.h - shell completion computed from the tables the command line
 * itself uses: cli_commands[] and their option tables, the schema's fields
 * and yes/no type, the procedure-kind table, and the diary (exercise ids,
 * open alert numbers).  The bash, zsh and fish scripts in completion/ are
 * thin wrappers around the hidden `mendlog __complete WORD...`, so a new
 * command, option, field or kind completes without touching them.
 *
 * Core code: no curses.  Completion only reads: it never creates the diary
 * directory, takes no write lock and prints nothing on stderr (a broken
 * config or diary simply offers fewer candidates).
 */
#ifndef ML_COMPLETE_H
#define ML_COMPLETE_H

#include <stdio.h>

#include "app.h"

/*
 * The candidates for the last of @words (the words of the command line
 * after "mendlog", the last one being the word under the cursor, possibly
 * empty), one a line on @out, each starting with that word.  -d/--data-dir
 * and -c/--config among @words are honoured, like MENDLOG_DIR in the
 * environment.  Where a file or directory name is wanted the one line is
 * ":files" or ":dirs", for the shell to complete itself.  Returns 0.
 */
int complete_words(struct ml_app *app, int nwords, char **words, FILE *out);

#endif
