/*
 * floor-curses.c - the floor for the screen's first frame and memory: a
 * minimal ncurses program that draws one 80x24 screen of text, shows it,
 * and quits on the first key (or at once with -n).  The screen benchmarks
 * (first frame, max RSS) compare mendlog against this.
 */
#include <curses.h>
#include <locale.h>
#include <string.h>

int
main(int argc, char **argv)
{
	int now = argc > 1 && strcmp(argv[1], "-n") == 0;

	setlocale(LC_ALL, "");
	initscr();
	cbreak();
	noecho();
	keypad(stdscr, TRUE);
	mvprintw(0, 0, "Today  History  Alerts  Exercises  Trends  Help");
	for (int y = 2; y < LINES - 1; y++)
		mvprintw(y, 2, "%-20s %2d/10  ###########", "back pain", y % 11);
	mvprintw(LINES - 1, 0, "floor: one frame drawn");
	refresh();
	if (!now)
		getch();
	endwin();
	return 0;
}
