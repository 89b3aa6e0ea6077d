/*
 * fuzz_replay.c - runs a fuzz target once on every file given, or on
 * every file of every folder given, so that the inputs the fuzzers kept
 * (and every input that once crashed one) stay tests in the ordinary
 * builds, sanitized or not.  Exit 0 when every input ran; a crash is
 * the sanitizer's report and a non-zero exit.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

#define FUZZ_REPLAY_MAX (16u << 20) /* no saved input is near this */

static int replay_file(const char *path)
{
	FILE *f = NULL;
	uint8_t *data = NULL;
	long size;
	int rc = -1;

	if (!(f = fopen(path, "rb")) || fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 ||
	    (unsigned long)size > FUZZ_REPLAY_MAX || fseek(f, 0, SEEK_SET) != 0) {
		fprintf(stderr, "fuzz_replay: cannot read %s\n", path);
		goto out;
	}
	/* One byte more so that an empty file still gets a real buffer. */
	if (!(data = malloc((size_t)size + 1)) || fread(data, 1, (size_t)size, f) != (size_t)size) {
		fprintf(stderr, "fuzz_replay: cannot read %s\n", path);
		goto out;
	}
	LLVMFuzzerTestOneInput(data, (size_t)size);
	rc = 0;
out:
	free(data);
	if (f)
		fclose(f);
	return rc;
}

static int replay_dir(const char *dir, int *count)
{
	struct dirent **names = NULL;
	char path[4096];
	int n, rc = 0;

	if ((n = scandir(dir, &names, NULL, alphasort)) < 0) {
		fprintf(stderr, "fuzz_replay: cannot list %s\n", dir);
		return -1;
	}
	for (int i = 0; i < n; i++) {
		struct stat st;

		if (names[i]->d_name[0] != '.' &&
		    snprintf(path, sizeof(path), "%s/%s", dir, names[i]->d_name) <
		        (int)sizeof(path) &&
		    stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
			if (replay_file(path) != 0)
				rc = -1;
			else
				(*count)++;
		}
		free(names[i]);
	}
	free(names);
	return rc;
}

int main(int argc, char **argv)
{
	int count = 0, rc = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: %s FILE_OR_DIR...\n", argv[0]);
		return 2;
	}
	LLVMFuzzerInitialize(&argc, &argv);
	for (int i = 1; i < argc; i++) {
		struct stat st;

		if (stat(argv[i], &st) != 0) {
			fprintf(stderr, "fuzz_replay: no such input %s\n", argv[i]);
			rc = 1;
		} else if (S_ISDIR(st.st_mode)) {
			if (replay_dir(argv[i], &count) != 0)
				rc = 1;
		} else if (replay_file(argv[i]) != 0) {
			rc = 1;
		} else {
			count++;
		}
	}
	/* A folder that lost its inputs would otherwise pass silently. */
	if (count == 0) {
		fprintf(stderr, "fuzz_replay: no inputs\n");
		rc = 1;
	}
	printf("%d inputs replayed\n", count);
	return rc;
}
