/*
 * fuzz.h - shared by the libFuzzer targets in tests/fuzz/ and by replay.c,
 * the plain C driver that runs the same targets over their seed corpora
 * when clang is not installed.
 *
 * A target aborts (FUZZ_ASSERT) when a promise of the foundation breaks,
 * so libFuzzer records the input as a crash, not only on memory errors.
 */
#ifndef ML_FUZZ_H
#define ML_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_ASSERT(cond) do { \
	if (!(cond)) { \
		fprintf(stderr, "%s:%d: promise broken: %s\n", __FILE__, \
		    __LINE__, #cond); \
		abort(); \
	} \
} while (0)

#endif
