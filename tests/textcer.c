/* textcer REF HYP: edits and reference length (Unicode code points, on
 * white-space-normalized text) between two text files, for tests. */
#include "classify.h"

#include <stdio.h>
#include <stdlib.h>

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *s = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
	    (s = malloc((size_t)n + 1)) && fread(s, 1, (size_t)n, f) == (size_t)n)
		s[n] = '\0';
	else {
		free(s);
		s = NULL;
	}
	fclose(f);
	return s;
}

int main(int argc, char **argv)
{
	classify_errcount c;
	core_err err;
	char *ref, *hyp;
	int rc = 1;

	if (argc != 3) {
		fprintf(stderr, "usage: textcer REF HYP\n");
		return 2;
	}
	core_err_clear(&err);
	ref = slurp(argv[1]);
	hyp = slurp(argv[2]);
	if (ref && hyp && classify_cer(ref, hyp, false, &c, &err) == 0) {
		printf("%lld %lld\n", (long long)c.edits, (long long)c.ref_len);
		rc = 0;
	} else {
		fprintf(stderr, "textcer: cannot compare %s and %s\n", argv[1], argv[2]);
	}
	free(ref);
	free(hyp);
	return rc;
}
