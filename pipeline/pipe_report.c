/* pipe_report.c - the end-of-batch summary: text on stdout, JSON report. */
#include "pipe_int.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static double per_page(double s, int64_t n)
{
	return n > 0 ? s / (double)n : 0;
}

static json_t *stage_json(const pipe_stats *st)
{
	int64_t n = st->done + st->failed + st->blank;

	return json_pack("{s:f, s:f, s:f, s:f, s:f, s:f, s:{s:f, s:f, s:f, s:f, s:f}}", "load_s",
	                 st->load_s, "preprocess_s", st->preprocess_s, "clean_s", st->clean_s,
	                 "ocr_s", st->ocr_s, "store_s", st->store_s, "recognize_s", st->recognize_s,
	                 "per_page_ms", "load", 1000 * per_page(st->load_s, n), "preprocess",
	                 1000 * per_page(st->preprocess_s, n), "clean",
	                 1000 * per_page(st->clean_s, n), "ocr", 1000 * per_page(st->ocr_s, n),
	                 "store", 1000 * per_page(st->store_s, n));
}

static json_t *kinds_json(const pipe_accuracy *a)
{
	json_t *o = json_object();

	for (int k = 0; k < a->n_kinds; k++)
		json_object_set_new(
		    o, a->by_kind[k].kind,
		    json_pack("{s:i, s:f}", "pages", a->by_kind[k].pages, "cer",
		              a->by_kind[k].ref_len
		                  ? (double)a->by_kind[k].edits / (double)a->by_kind[k].ref_len
		                  : 0.0));
	return o;
}

static json_t *accuracy_json(const pipe_accuracy *a)
{
	double cer = a->ref_len ? (double)a->edits / (double)a->ref_len : 0;
	double cerf = a->ref_len ? (double)a->edits_fold / (double)a->ref_len : 0;
	double wer = a->words_ref ? (double)a->words_edits / (double)a->words_ref : 0;
	double cc = a->clean_ref ? (double)a->clean_edits / (double)a->clean_ref : 0;

	return json_pack(
	    "{s:i, s:i, s:f, s:f, s:f, s:f, s:o, s:I, s:I, s:{s:i, s:i, s:i, s:i}, s:i}", "pages",
	    a->pages, "pages_clean_300dpi", a->pages_clean, "cer", cer, "cer_accent_folded", cerf,
	    "wer", wer, "cer_clean_300dpi", cc, "cer_clean_300dpi_by_kind", kinds_json(a), "edits",
	    (json_int_t)a->edits, "reference_chars", (json_int_t)a->ref_len, "blank", "expected",
	    a->blank_expected, "found", a->blank_found, "missed", a->blank_missed, "false",
	    a->blank_false, "dossiers_without_truth", a->missing_truth);
}

char *pipe_summary_json(const pipe_summary *sum, core_err *err)
{
	const store_counts *c = &sum->counts;
	const pipe_stats *st = sum->stats;
	int64_t n = c->done + c->failed + c->blank;
	double ppm = sum->elapsed_s > 0 ? (double)n * 60.0 / sum->elapsed_s : 0;
	json_t *root, *fails, *opts;
	json_error_t jerr;
	char *out = NULL;

	opts = json_loads(sum->options_json ? sum->options_json : "{}", 0, &jerr);
	fails = json_array();
	for (int i = 0; i < sum->failures->n; i++) {
		const pipe_failure *f = &sum->failures->v[i];
		json_array_append_new(
		    fails, json_pack("{s:s, s:i, s:s, s:s, s:b}", "dossier",
		                     f->dossier ? f->dossier : "", "page", f->page, "code", f->code,
		                     "reason", f->reason ? f->reason : "", "earlier", f->earlier));
	}
	root = json_pack(
	    "{s:I, s:s, s:s, s:i, s:f, s:f, s:f, s:f, s:o*, s:{s:I, s:I, s:I, "
	    "s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I}, s:o, s:o, s:I}",
	    "run_id", (json_int_t)sum->run_id, "started", sum->started, "finished", sum->finished,
	    "jobs", sum->jobs, "elapsed_s", sum->elapsed_s, "cpu_s", sum->cpu_s, "pages_per_min",
	    ppm, "cpu_s_per_page", per_page(sum->cpu_s, n), "options", opts, "pages", "total",
	    (json_int_t)c->total, "done", (json_int_t)c->done, "failed", (json_int_t)c->failed,
	    "blank", (json_int_t)c->blank, "earlier", (json_int_t)c->earlier, "failed_earlier",
	    (json_int_t)(c->failed_all - c->failed), "pending", (json_int_t)c->pending, "reused",
	    (json_int_t)st->reused, "rotated", (json_int_t)st->rotated, "deskewed",
	    (json_int_t)st->deskewed, "text_layer", (json_int_t)st->text_layer, "stages",
	    stage_json(st), "failures", fails, "failures_not_listed",
	    (json_int_t)sum->failures->dropped);
	if (!root) {
		core_err_set(err, CORE_EINTERNAL, "cannot build the report");
		return NULL;
	}
	json_object_set_new(root, "cleaned", json_integer((json_int_t)st->cleaned));
	json_object_set_new(root, "accuracy", sum->acc ? accuracy_json(sum->acc) : json_null());
	json_object_set_new(root, "classification",
	                    sum->classify_on
	                        ? json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:f}", "dossiers",
	                                    (json_int_t)st->cls.dossiers, "documents",
	                                    (json_int_t)st->cls.documents, "fields",
	                                    (json_int_t)st->cls.fields, "fields_auto_accepted",
	                                    (json_int_t)st->cls.fields_auto, "subject_links",
	                                    (json_int_t)st->cls.subjects, "failed",
	                                    (json_int_t)st->cls.failed, "seconds", st->cls.seconds)
	                        : json_null());
	json_object_set_new(root, "outputs",
	                    sum->output_on
	                        ? json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:f}", "dossiers",
	                                    (json_int_t)st->out.dossiers, "files_written",
	                                    (json_int_t)st->out.written, "files_unchanged",
	                                    (json_int_t)st->out.kept, "bytes_written",
	                                    (json_int_t)st->out.bytes, "pdf_pages",
	                                    (json_int_t)st->out.pages, "held_back",
	                                    (json_int_t)st->out.held, "failed",
	                                    (json_int_t)st->out.failed, "seconds", st->out.seconds)
	                        : json_null());
	out = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(root);
	if (!out)
		core_err_set(err, CORE_ENOMEM, "out of memory");
	return out;
}

void pipe_summary_print(const pipe_summary *sum)
{
	const store_counts *c = &sum->counts;
	const pipe_stats *st = sum->stats;
	int64_t n = c->done + c->failed + c->blank;
	double ppm = sum->elapsed_s > 0 ? (double)n * 60.0 / sum->elapsed_s : 0;
	int64_t np = st->done + st->failed + st->blank;

	printf("run %lld finished: %lld pages in %.1f s with %d jobs (%.1f pages/min)\n",
	       (long long)sum->run_id, (long long)c->total, sum->elapsed_s, sum->jobs, ppm);
	printf("  done %lld, failed %lld, blank %lld, already done %lld", (long long)c->done,
	       (long long)c->failed, (long long)c->blank, (long long)c->earlier);
	if (c->failed_all > c->failed)
		printf(" (%lld of them failed)", (long long)(c->failed_all - c->failed));
	printf(", pending %lld", (long long)c->pending);
	if (st->reused)
		printf(", reused by pixel hash %lld", (long long)st->reused);
	if (st->rotated)
		printf(", turned upright %lld (%lld by tesseract osd)", (long long)st->rotated,
		       (long long)st->rotated_osd);
	if (st->deskewed)
		printf(", straightened %lld", (long long)st->deskewed);
	if (st->cleaned)
		printf(", cleaned %lld", (long long)st->cleaned);
	if (st->text_layer)
		printf(", pdf text layer kept %lld", (long long)st->text_layer);
	printf("\n");
	if (np > 0)
		printf("  per page: load %.0f ms, preprocess %.0f ms, ocr %.0f ms, store %.0f ms; "
		       "cpu %.2f s\n",
		       1000 * per_page(st->load_s, np), 1000 * per_page(st->preprocess_s, np),
		       1000 * per_page(st->ocr_s, np), 1000 * per_page(st->store_s, np),
		       per_page(sum->cpu_s, np));
	if (sum->classify_on && (st->cls.dossiers || st->cls.failed))
		printf("  classified %lld dossiers in %.1f s: %lld documents, %lld fields "
		       "(%lld auto-accepted, %lld to review), %lld subject links%s\n",
		       (long long)st->cls.dossiers, st->cls.seconds, (long long)st->cls.documents,
		       (long long)st->cls.fields, (long long)st->cls.fields_auto,
		       (long long)(st->cls.fields - st->cls.fields_auto),
		       (long long)st->cls.subjects,
		       st->cls.failed ? "; some failed, see the log" : "");
	if (sum->output_on)
		printf("  outputs: %lld dossiers made, %lld files written (%lld bytes), "
		       "%lld files found up to date, %lld pdf pages in %.1f s%s%s\n",
		       (long long)st->out.dossiers, (long long)st->out.written,
		       (long long)st->out.bytes, (long long)st->out.kept, (long long)st->out.pages,
		       st->out.seconds,
		       st->out.held ? "; held back by failed pages: see the log" : "",
		       st->out.failed ? "; some could not be written: see the log" : "");
	if (sum->acc) {
		const pipe_accuracy *a = sum->acc;
		printf(
		    "  accuracy on %d pages with ground truth: CER %.2f%% (accents folded %.2f%%), "
		    "WER %.2f%%\n",
		    a->pages, a->ref_len ? 100.0 * (double)a->edits / (double)a->ref_len : 0,
		    a->ref_len ? 100.0 * (double)a->edits_fold / (double)a->ref_len : 0,
		    a->words_ref ? 100.0 * (double)a->words_edits / (double)a->words_ref : 0);
		printf(
		    "  CER on clean 300 dpi pages: %.2f%% over %d pages; blank pages %d/%d found, "
		    "%d false\n",
		    a->clean_ref ? 100.0 * (double)a->clean_edits / (double)a->clean_ref : 0,
		    a->pages_clean, a->blank_found, a->blank_expected, a->blank_false);
		if (a->n_kinds > 1) {
			printf("  CER on clean 300 dpi pages by kind:");
			for (int k = 0; k < a->n_kinds; k++)
				printf("%s %s %.2f%% (%d)", k ? "," : "", a->by_kind[k].kind,
				       a->by_kind[k].ref_len ? 100.0 * (double)a->by_kind[k].edits /
				                                   (double)a->by_kind[k].ref_len
				                             : 0.0,
				       a->by_kind[k].pages);
			printf("\n");
		}
	}
	for (int i = 0; i < sum->failures->n && i < 20; i++)
		printf("  failed%s: %s page %d: %s\n",
		       sum->failures->v[i].earlier ? " earlier" : "", sum->failures->v[i].dossier,
		       sum->failures->v[i].page, sum->failures->v[i].reason);
	if (sum->failures->n > 20)
		printf("  ... %d more failures in the report\n", sum->failures->n - 20);
	if (sum->failures->dropped)
		printf("  ... %lld more failures not listed (pages.failure_reason has them)\n",
		       (long long)sum->failures->dropped);
	fflush(stdout);
}

int pipe_report_write(const char *path, const char *json, core_err *err)
{
	char tmp[4096];
	FILE *f;
	bool bad;

	/* Written aside then renamed: a reader never sees half a report. */
	if (core_snprintf(tmp, sizeof(tmp), err, "%s.tmp", path))
		return -1;
	f = fopen(tmp, "w");
	if (!f) {
		core_err_set(err, CORE_EIO, "cannot write the report");
		core_err_detail(err, "%s: %s", tmp, strerror(errno));
		return -1;
	}
	/* A full disk shows in fputs, ferror or fclose: no half report then. */
	bad = fputs(json, f) == EOF || fputc('\n', f) == EOF || ferror(f);
	if (fclose(f) != 0 || bad || rename(tmp, path) != 0) {
		core_err_set(err, CORE_EIO, "cannot write the report");
		core_err_detail(err, "%s: %s", path, errno ? strerror(errno) : "write failed");
		unlink(tmp);
		return -1;
	}
	return 0;
}
