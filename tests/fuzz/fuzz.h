/*
 * fuzz.h - the libFuzzer entry points every target in this folder
 * defines.  Built with clang and -fsanitize=fuzzer (SOHOA_FUZZ=ON) they
 * are fuzzers; built otherwise they are linked with fuzz_replay.c and
 * replay the saved inputs under tests/fuzz/corpus as ordinary tests.
 */
#ifndef SOHOA_FUZZ_H
#define SOHOA_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
