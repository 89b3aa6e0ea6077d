/*
 * fuzz_classify.c - any bytes as the text of a dossier: pages split at
 * form feeds, words at white space, lines at line breaks and blocks at
 * blank lines, each word given a box and a confidence.  Runs what the
 * batch runs on recognized pages (classification with the shipped
 * definitions and model, separation, extraction, normalizers and
 * validators, subjects) and the result's JSON.  OCR text is untrusted:
 * invalid UTF-8, huge tokens or nonsense must never crash it.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "classify.h"
#include "fuzz.h"

#define FUZZ_CLASSIFY_MAX_PAGES 6
#define FUZZ_CLASSIFY_MAX_WORDS 2048

static classify_defs *fuzz_defs;
static classify_model *fuzz_model;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char path[4096];
	core_err err = {0};

	if (classify_defs_load(NULL, &fuzz_defs, &err) != 0) {
		fprintf(stderr, "fuzz_classify: %s: %s\n", err.msg, err.detail);
		abort();
	}
	snprintf(path, sizeof(path), "%s/../model/sohoa-nb.model", classify_defs_dir_default());
	core_err_clear(&err);
	if (classify_model_load(path, &fuzz_model, &err) != 0) {
		fprintf(stderr, "fuzz_classify: %s: %s\n", err.msg, err.detail);
		abort();
	}
	return 0;
}

/* Cuts one page's text into words in place; returns the word count. */
static int fuzz_words(char *text, classify_word *w, int max, uint32_t seed)
{
	int n = 0, line = 0, block = 0, col = 0;
	char *p = text;

	while (*p && n < max) {
		if (*p == '\n') {
			if (p[1] == '\n')
				block++;
			line++;
			col = 0;
			*p++ = '\0';
			continue;
		}
		if (*p == ' ' || *p == '\t' || *p == '\r') {
			*p++ = '\0';
			continue;
		}
		w[n].text = p;
		while (*p && *p != ' ' && *p != '\t' && *p != '\r' && *p != '\n')
			p++;
		seed = seed * 1103515245u + 12345u;
		w[n].conf = (float)(seed >> 16 & 127) * 100.0f / 127.0f;
		w[n].x0 = 40 + col * 90;
		w[n].y0 = 60 + line * 42;
		w[n].x1 = w[n].x0 + 80;
		w[n].y1 = w[n].y0 + 30;
		w[n].block = block;
		w[n].line = line;
		w[n].tone_rival = (seed >> 8 & 7) == 0;
		w[n].tone_gap = w[n].tone_rival ? (float)(seed >> 4 & 31) - 4.0f : 0.0f;
		col++;
		n++;
	}
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	classify_page pages[FUZZ_CLASSIFY_MAX_PAGES];
	classify_word *words = NULL;
	classify_result *res = NULL;
	char *text = NULL, *texts[FUZZ_CLASSIFY_MAX_PAGES];
	char *start;
	core_buf json;
	core_err err = {0};
	int n = 0, used = 0;
	bool with_words = size && (data[0] & 1);

	core_buf_init(&json, 1u << 22);
	if (!(text = malloc(size + 1)) ||
	    !(words = calloc(FUZZ_CLASSIFY_MAX_WORDS, sizeof(*words))))
		abort();
	memcpy(text, data, size);
	text[size] = '\0';
	memset(pages, 0, sizeof(pages));
	/* Pages at form feeds; the texts are copied before the words cut them. */
	start = text;
	while (n < FUZZ_CLASSIFY_MAX_PAGES) {
		char *ff = strchr(start, '\f');

		if (ff)
			*ff = '\0';
		texts[n] = start;
		pages[n].number = n + 1;
		pages[n].blank = start[0] == '\0';
		pages[n].width = 2480;
		pages[n].height = 3508;
		pages[n].specked = (strlen(start) & 3) == 1;
		n++;
		if (!ff)
			break;
		start = ff + 1;
	}
	for (int i = 0; i < n; i++) {
		char *copy = strdup(texts[i]);

		if (!copy)
			abort();
		pages[i].text = with_words ? NULL : texts[i];
		pages[i].words = words + used;
		pages[i].n_words = fuzz_words(copy, words + used, FUZZ_CLASSIFY_MAX_WORDS - used,
		                              (uint32_t)i * 2654435761u + (uint32_t)size);
		used += pages[i].n_words;
		/* Words point into copy; keep it with the page's text slot. */
		texts[i] = copy;
	}
	if (classify_dossier(fuzz_defs, fuzz_model, pages, n, NULL, &res, &err) == 0) {
		if (classify_result_json(res, &json, &err) != 0 && err.code == CORE_OK)
			abort();
		classify_result_destroy(&res);
	} else if (err.code == CORE_OK || !err.msg[0]) {
		abort(); /* an error must say what went wrong */
	}
	core_err_clear(&err);
	/* Extraction alone, with the type forced as the reuse service does. */
	if (n > 0 && classify_defs_n_types(fuzz_defs) > 0) {
		const char *type = classify_defs_type(
		    fuzz_defs, (int)(size % (size_t)classify_defs_n_types(fuzz_defs)));

		if (classify_extract(fuzz_defs, type, pages, n, NULL, &res, &err) == 0)
			classify_result_destroy(&res);
	}
	for (int i = 0; i < n; i++)
		free(texts[i]);
	core_buf_free(&json);
	free(words);
	free(text);
	return 0;
}
