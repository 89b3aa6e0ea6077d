/*
 * pipe_truth.c - compares stored OCR text with ground truth written by
 * the corpus generator (truth/<dossier code>.json).
 */
#include "classify.h"
#include "pipe_int.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PIPE_MAX_TRUTH_BYTES (16u << 20)

static char *truth_page_text(json_t *page, core_err *err)
{
	json_t *lines = json_object_get(page, "lines");
	core_buf b;
	size_t i;
	json_t *v;

	core_buf_init(&b, PIPE_MAX_TRUTH_BYTES);
	json_array_foreach(lines, i, v)
	{
		if (!json_is_string(v))
			continue;
		if ((i && core_buf_puts(&b, "\n", err)) ||
		    core_buf_puts(&b, json_string_value(v), err)) {
			core_buf_free(&b);
			return NULL;
		}
	}
	return core_buf_steal(&b);
}

static int compare_page(store *s, int64_t dossier_id, json_t *page, pipe_accuracy *acc,
                        core_err *err)
{
	int number = (int)json_integer_value(json_object_get(page, "number"));
	bool blank = json_is_true(json_object_get(page, "blank"));
	const char *deg = json_string_value(json_object_get(page, "degradation"));
	int dpi = (int)json_integer_value(json_object_get(page, "dpi"));
	store_page_status st = STORE_PAGE_PENDING;
	classify_errcount c, cf, w;
	char *hyp = NULL, *ref = NULL;
	int rc = -1;

	if (store_page_text(s, dossier_id, number, &hyp, &st, err))
		goto out;
	if (blank) {
		acc->blank_expected++;
		if (st == STORE_PAGE_BLANK)
			acc->blank_found++;
		else
			acc->blank_missed++;
		rc = 0;
		goto out;
	}
	if (st == STORE_PAGE_BLANK)
		acc->blank_false++;
	if (st != STORE_PAGE_DONE && st != STORE_PAGE_BLANK) {
		rc = 0; /* failed or pending pages are reported as such, not as CER */
		goto out;
	}
	if (!(ref = truth_page_text(page, err)))
		goto out;
	if (classify_cer(ref, hyp ? hyp : "", false, &c, err) ||
	    classify_cer(ref, hyp ? hyp : "", true, &cf, err) ||
	    classify_wer(ref, hyp ? hyp : "", false, &w, err))
		goto out;
	acc->pages++;
	acc->edits += c.edits;
	acc->ref_len += c.ref_len;
	acc->edits_fold += cf.edits;
	acc->words_edits += w.edits;
	acc->words_ref += w.ref_len;
	if (deg && strcmp(deg, "clean") == 0 && dpi == 300) {
		const char *kind = json_string_value(json_object_get(page, "kind"));
		int k;

		acc->pages_clean++;
		acc->clean_edits += c.edits;
		acc->clean_ref += c.ref_len;
		kind = kind ? kind : "unknown";
		for (k = 0; k < acc->n_kinds; k++)
			if (strcmp(acc->by_kind[k].kind, kind) == 0)
				break;
		if (k == acc->n_kinds && k < PIPE_MAX_KINDS)
			core_strlcpy(acc->by_kind[acc->n_kinds++].kind, kind,
			             sizeof(acc->by_kind[0].kind));
		if (k < acc->n_kinds) {
			acc->by_kind[k].pages++;
			acc->by_kind[k].edits += c.edits;
			acc->by_kind[k].ref_len += c.ref_len;
		}
	}
	rc = 0;
out:
	free(hyp);
	free(ref);
	return rc;
}

int pipe_truth_compare(store *s, const pipe_plan *plan, const char *truth_dir, pipe_accuracy *acc,
                       core_err *err)
{
	memset(acc, 0, sizeof(*acc));
	for (int i = 0; i < plan->n; i++) {
		const pipe_dossier *d = &plan->d[i];
		char path[4096];
		json_error_t jerr;
		json_t *root, *pages, *page;
		size_t k;

		if (core_snprintf(path, sizeof(path), err, "%s/%s.json", truth_dir, d->code))
			return -1;
		root = json_load_file(path, 0, &jerr);
		if (!root) {
			acc->missing_truth++;
			continue;
		}
		pages = json_object_get(root, "pages");
		json_array_foreach(pages, k, page)
		{
			if (compare_page(s, d->id, page, acc, err)) {
				json_decref(root);
				return -1;
			}
		}
		json_decref(root);
	}
	return 0;
}
