/*
 * sohoa-cer - CER and WER of plain-text OCR outputs against the corpus
 * ground truth, so peers (the tesseract CLI) are scored like sohoa.
 *
 *   sohoa-cer [--per-page] TRUTH_DIR TEXT_DIR
 *
 * --per-page also prints one line per page (code, page, edits,
 * reference length, CER), to find which pages a difference comes from;
 * dossiers come in directory order: sort the lines to compare runs.
 * TEXT_DIR/<code>/page-<n>.txt holds the text of page n of dossier code.
 * Pages that are blank in the truth are skipped; a missing output
 * counts as an empty text, and "missing" says how many there were.
 */
#include "classify.h"
#include "core.h"

#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CER_MAX_TEXT (16u << 20)

/* The file's text; an empty text when it is missing (*missing set). */
static char *read_text(const char *path, bool *missing)
{
	FILE *f = fopen(path, "rb");
	core_buf b;
	char chunk[8192];
	size_t n;

	core_buf_init(&b, CER_MAX_TEXT);
	*missing = !f;
	if (!f)
		return core_buf_steal(&b);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if (core_buf_append(&b, chunk, n, NULL))
			break;
	fclose(f);
	return core_buf_steal(&b);
}

static char *truth_text(json_t *page)
{
	json_t *lines = json_object_get(page, "lines"), *v;
	core_buf b;
	size_t i;

	core_buf_init(&b, CER_MAX_TEXT);
	json_array_foreach(lines, i, v)
	{
		if (i)
			core_buf_puts(&b, "\n", NULL);
		core_buf_puts(&b, json_string_value(v) ? json_string_value(v) : "", NULL);
	}
	return core_buf_steal(&b);
}

int main(int argc, char **argv)
{
	int64_t e = 0, ef = 0, n = 0, we = 0, wn = 0;
	int pages = 0, missing = 0;
	struct dirent *de;
	DIR *dir;

	bool per_page = argc == 4 && strcmp(argv[1], "--per-page") == 0;

	if (per_page) {
		argv++;
		argc--;
	}
	if (argc == 2 && strcmp(argv[1], "--help") == 0) {
		printf("usage: sohoa-cer [--per-page] TRUTH_DIR TEXT_DIR\n");
		return 0;
	}
	if (argc != 3) {
		fprintf(stderr, "usage: sohoa-cer [--per-page] TRUTH_DIR TEXT_DIR\n");
		return 2;
	}
	/* A mistyped TEXT_DIR would read as every page empty: 100% CER. */
	if (!(dir = opendir(argv[2]))) {
		fprintf(stderr, "sohoa-cer: error: cannot open %s\n", argv[2]);
		return 1;
	}
	closedir(dir);
	dir = opendir(argv[1]);
	if (!dir) {
		fprintf(stderr, "sohoa-cer: error: cannot open %s\n", argv[1]);
		return 1;
	}
	while ((de = readdir(dir)) != NULL) {
		char path[4096], code[512];
		json_t *root, *page;
		json_error_t jerr;
		size_t k;

		if (!core_str_endswith_ci(de->d_name, ".json"))
			continue;
		core_strlcpy(code, de->d_name, sizeof(code));
		code[strlen(code) - 5] = '\0';
		snprintf(path, sizeof(path), "%s/%s", argv[1], de->d_name);
		if (!(root = json_load_file(path, 0, &jerr))) {
			fprintf(stderr, "sohoa-cer: error: %s: %s\n", path, jerr.text);
			closedir(dir);
			return 1;
		}
		json_array_foreach(json_object_get(root, "pages"), k, page)
		{
			classify_errcount c, cf, w;
			char *ref, *hyp;
			bool gone = false;

			if (json_is_true(json_object_get(page, "blank")))
				continue;
			snprintf(path, sizeof(path), "%s/%s/page-%d.txt", argv[2], code,
			         (int)json_integer_value(json_object_get(page, "number")));
			ref = truth_text(page);
			hyp = read_text(path, &gone);
			missing += gone;
			if (classify_cer(ref, hyp, false, &c, NULL) == 0 &&
			    classify_cer(ref, hyp, true, &cf, NULL) == 0 &&
			    classify_wer(ref, hyp, false, &w, NULL) == 0) {
				if (per_page)
					printf("%s\t%d\t%lld\t%lld\t%.4f\n", code,
					       (int)json_integer_value(
					           json_object_get(page, "number")),
					       (long long)c.edits, (long long)c.ref_len,
					       c.ref_len ? (double)c.edits / (double)c.ref_len
					                 : 0.0);
				e += c.edits;
				n += c.ref_len;
				ef += cf.edits;
				we += w.edits;
				wn += w.ref_len;
				pages++;
			}
			free(ref);
			free(hyp);
		}
		json_decref(root);
	}
	closedir(dir);
	printf("{\"pages\": %d, \"missing\": %d, \"cer\": %.6f, \"cer_accent_folded\": %.6f, "
	       "\"wer\": %.6f}\n",
	       pages, missing, n ? (double)e / (double)n : 0, n ? (double)ef / (double)n : 0,
	       wn ? (double)we / (double)wn : 0);
	return 0;
}
