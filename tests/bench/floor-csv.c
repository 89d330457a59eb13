/*
 * floor-csv.c - the floor for `mendlog check` and export: read each file
 * named on the command line and parse it with bare libcsv, counting fields
 * and rows, nothing else.  mendlog's throughput is measured against this.
 */
#include <csv.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

struct counts {
	size_t fields, rows;
};

static void
on_field(void *s, size_t len, void *ctx)
{
	(void)s;
	(void)len;
	((struct counts *)ctx)->fields++;
}

static void
on_row(int c, void *ctx)
{
	(void)c;
	((struct counts *)ctx)->rows++;
}

int
main(int argc, char **argv)
{
	static char buf[1 << 16];
	struct counts n = { 0, 0 };

	for (int i = 1; i < argc; i++) {
		struct csv_parser p;
		ssize_t len;
		int fd = open(argv[i], O_RDONLY);

		if (fd < 0 || csv_init(&p, CSV_STRICT | CSV_APPEND_NULL) != 0) {
			perror(argv[i]);
			return 1;
		}
		while ((len = read(fd, buf, sizeof buf)) > 0)
			if (csv_parse(&p, buf, (size_t)len, on_field, on_row,
			    &n) != (size_t)len) {
				fprintf(stderr, "%s: %s\n", argv[i],
				    csv_strerror(csv_error(&p)));
				return 1;
			}
		csv_fini(&p, on_field, on_row, &n);
		csv_free(&p);
		close(fd);
	}
	printf("%zu rows, %zu fields\n", n.rows, n.fields);
	return 0;
}
