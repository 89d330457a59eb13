/*
 * fuzz-log-arg.c - `mendlog log` argument parsing: diary_parse_assignment
 * on an arbitrary FIELD=VALUE string.
 *
 * Promises checked beyond memory safety: an accepted argument yields a
 * settable field and a value the store accepts (store_check_value), and
 * parsing "FIELD=normalised value" again gives the same value (normalising
 * is stable); a refused argument says why.
 */
#include <string.h>

#include "diary.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ml_error err;
	char *arg, *field, *value, *again, *f2, *v2;

	/* argv strings end at the first NUL, as the kernel passes them. */
	arg = xstrndup((const char *)data, size);
	memset(&err, 0, sizeof err);
	if (diary_parse_assignment(arg, &field, &value, &err) != 0) {
		FUZZ_ASSERT(err.msg[0] != '\0');
		free(arg);
		return 0;
	}
	FUZZ_ASSERT(strcmp(field, "date") != 0 && strcmp(field, "updated_at") != 0);
	FUZZ_ASSERT(store_check_value(ML_ENTRIES, field, value, &err) == 0);
	again = xasprintf("%s=%s", field, value);
	FUZZ_ASSERT(diary_parse_assignment(again, &f2, &v2, &err) == 0);
	FUZZ_ASSERT(strcmp(f2, field) == 0 && strcmp(v2, value) == 0);
	free(f2);
	free(v2);
	free(again);
	free(field);
	free(value);
	free(arg);
	return 0;
}
