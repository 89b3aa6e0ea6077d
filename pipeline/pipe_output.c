/*
 * pipe_output.c - archival outputs of a dossier (sohoa run --output).
 *
 * Written once every page of the dossier is terminal, by the worker
 * that stored its last page (right after classification) and by the
 * end-of-run sweep, inside a transaction that holds the dossier's row
 * lock: concurrent workers and processes skip a dossier another one is
 * writing, a killed process leaves at worst a stray temporary file, and
 * the next run writes whatever is missing or stale.  Up to date means:
 * every expected file has a row with the dossier's current fingerprint
 * and is on disk with that row's size and SHA-256; then nothing is
 * read or written.
 *
 * A dossier with failed pages gets no outputs until they are retried
 * (--retry-failed): an archival copy with holes would pass for the
 * whole dossier.  Blank pages are kept, image only.
 */
#include "output.h"
#include "pipe_int.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Part of the fingerprint: bump when the files' bytes would change. */
#define PIPE_OUT_WRITER       "sohoa-out-1"
#define PIPE_OUT_JPEG_QUALITY 85
#define PIPE_OUT_MIN_DPI      200
#define PIPE_OUT_TEXT_MAX     (64u << 20)

int pipe_outputs_setup(pipe_outputs *po, const char *dir, const char *tessdata,
                       const ocr_limits *lim, core_err *err)
{
	char real[PATH_MAX];

	memset(po, 0, sizeof(*po));
	if (out_mkdir(dir, err))
		return -1;
	/* Rows name files by absolute path: a relative one would mean
	 * something else from another working folder. */
	if (!realpath(dir, real)) {
		core_err_set(err, CORE_EIO, "cannot resolve the output folder");
		core_err_detail(err, "%s: %s", dir, strerror(errno));
		return -1;
	}
	if (core_snprintf(po->dir, sizeof(po->dir), err, "%s", real) ||
	    out_assets_load(tessdata, &po->assets, err))
		return -1;
	po->lim = *lim;
	return 0;
}

void pipe_outputs_clear(pipe_outputs *po)
{
	out_assets_destroy(&po->assets);
}

static int cmp_row_path(const void *key, const void *row)
{
	return strcmp(key, ((const store_output_row *)row)->path);
}

/* Is every file of the dossier there, recorded with this fingerprint? */
static int up_to_date(const pipe_outputs *po, store *st, int64_t id, const store_output_state *s,
                      bool *fresh, int64_t *files, core_err *err)
{
	store_output_row *rows = NULL;
	char path[PATH_MAX];
	int n = 0, rc = -1;

	*fresh = false;
	*files = 0;
	if (store_outputs_list(st, id, &rows, &n, err))
		goto out;
	for (int k = 0; k <= 2 * s->pages; k++) {
		const store_output_row *r;
		bool same = false;

		/* Page numbers run 1..pages (pipe_plan numbers them so). */
		if (k == 0 ? core_snprintf(path, sizeof(path), err, "%s/%s.pdf", po->dir, s->code)
		           : core_snprintf(path, sizeof(path), err, "%s/%s/page-%d.%s", po->dir,
		                           s->code, (k + 1) / 2, k % 2 ? "hocr" : "txt"))
			goto out;
		r = bsearch(path, rows, (size_t)n, sizeof(*rows), cmp_row_path);
		if (!r || strcmp(r->fingerprint, s->fingerprint) != 0)
			goto done;
		if (out_file_check(path, r->size, r->sha256, &same, err))
			goto out;
		if (!same)
			goto done;
	}
	*fresh = true;
	*files = 1 + 2 * (int64_t)s->pages;
done:
	rc = 0;
out:
	store_output_rows_free(rows, n);
	return rc;
}

static void count_file(pipe_output_counts *cnt, const out_file_info *fi)
{
	if (fi->written) {
		cnt->written++;
		cnt->bytes += fi->size;
	} else {
		cnt->kept++;
	}
}

static out_word *page_words(const store_page_words *pw, core_err *err)
{
	out_word *w = calloc((size_t)pw->n_words + 1, sizeof(*w));

	if (!w) {
		core_err_set(err, CORE_ENOMEM, "out of memory");
		return NULL;
	}
	for (int i = 0; i < pw->n_words; i++) {
		const store_word *s = &pw->words[i];
		w[i] = (out_word){s->text, s->conf, s->x0, s->y0, s->x1, s->y1, s->block, s->line};
	}
	return w;
}

/* hOCR and text of one page. */
static int write_page_texts(const pipe_outputs *po, store *st, int64_t id,
                            const store_output_state *s, const out_page *pg,
                            pipe_output_counts *cnt, core_err *err)
{
	char path[PATH_MAX];
	out_file_info fi;
	core_buf b;
	const char *text = pg->text ? pg->text : "";
	int rc = -1;

	core_buf_init(&b, PIPE_OUT_TEXT_MAX);
	if (out_hocr(pg, s->code, &b, err) ||
	    core_snprintf(path, sizeof(path), err, "%s/%s/page-%d.hocr", po->dir, s->code,
	                  pg->number) ||
	    out_file_put(path, b.data, b.len, &fi, err) ||
	    store_output_record(st, id, "hocr", pg->number, path, fi.size, fi.sha256,
	                        s->fingerprint, fi.written, err))
		goto out;
	count_file(cnt, &fi);
	if (core_snprintf(path, sizeof(path), err, "%s/%s/page-%d.txt", po->dir, s->code,
	                  pg->number) ||
	    out_file_put(path, text, strlen(text), &fi, err) ||
	    store_output_record(st, id, "txt", pg->number, path, fi.size, fi.sha256, s->fingerprint,
	                        fi.written, err))
		goto out;
	count_file(cnt, &fi);
	rc = 0;
out:
	core_buf_free(&b);
	return rc;
}

/*
 * The page image as it was recognized: loaded from its source, turned
 * upright and straightened by the recorded angles, then encoded.
 * Failures here are the dossier's (a source moved or changed), not
 * the batch's: they go to perr.
 */
static int page_image(const pipe_outputs *po, const store_page_words *pw, ocr_encoded *enc,
                      core_err *perr)
{
	ocr_image *img = NULL;
	int rc = -1;

	if (ocr_image_load(pw->source_path, pw->source_index, &po->lim, &img, perr) ||
	    (pw->status == STORE_PAGE_DONE && (ocr_image_rotate(img, pw->rotation, perr) ||
	                                       ocr_image_skew(img, pw->skew_angle, perr))))
		goto out;
	if (ocr_image_encode(img, ocr_image_source_depth(img) == 1, PIPE_OUT_JPEG_QUALITY, enc,
	                     perr))
		goto out;
	if (enc->width != pw->width || enc->height != pw->height) {
		core_err_set(perr, CORE_EFORMAT,
		             "page source no longer matches what was recognized");
		core_err_detail(perr, "page %d: %dx%d now, %dx%d stored", pw->number, enc->width,
		                enc->height, pw->width, pw->height);
		goto out;
	}
	rc = 0;
out:
	ocr_image_destroy(&img);
	return rc;
}

static int write_all(const pipe_outputs *po, store *st, int64_t id, const store_output_state *s,
                     pipe_output_counts *cnt, core_err *perr, core_err *err)
{
	store_dossier_pages sp;
	out_meta meta = {s->code, s->date, "sohoa " SOHOA_VERSION};
	out_pdf *pdf = NULL;
	out_file_info fi;
	char path[PATH_MAX];
	int low_dpi = 0, rc = -1;

	memset(&sp, 0, sizeof(sp));
	if (store_dossier_pages_load(st, id, &sp, err))
		goto out;
	if (core_snprintf(path, sizeof(path), err, "%s/%s", po->dir, s->code) ||
	    out_mkdir(path, err) ||
	    core_snprintf(path, sizeof(path), err, "%s/%s.pdf", po->dir, s->code) ||
	    out_pdf_open(path, po->assets, &meta, &pdf, err))
		goto out;
	for (int i = 0; i < sp.n; i++) {
		const store_page_words *pw = &sp.pages[i];
		ocr_encoded enc;
		out_image im;
		out_word *words = NULL;
		out_page pg;
		int prc;

		memset(&enc, 0, sizeof(enc));
		if (pw->number != i + 1) {
			core_err_set(perr, CORE_EINTERNAL, "dossier pages are not numbered 1..n");
			goto out;
		}
		if (!(words = page_words(pw, err)))
			goto out;
		pg = (out_page){pw->number, pw->width, pw->height,  pw->dpi,
		                &im,        words,     pw->n_words, pw->text};
		if (pw->dpi < PIPE_OUT_MIN_DPI)
			low_dpi++;
		/* The page texts come after the PDF: a page whose source changed
		 * must leave no new hOCR beside an old PDF. */
		if (!(prc = page_image(po, pw, &enc, perr))) {
			im = (out_image){enc.codec == OCR_CODEC_G4 ? OUT_CODEC_G4 : OUT_CODEC_JPEG,
			                 enc.data,
			                 enc.size,
			                 enc.width,
			                 enc.height,
			                 enc.bits,
			                 enc.black_is_1};
			prc = out_pdf_page(pdf, &pg, err);
			cnt->pages++;
		}
		ocr_encoded_clear(&enc);
		free(words);
		if (prc)
			goto out;
	}
	if (low_dpi)
		core_log(CORE_LOG_WARN, "output_low_dpi", NULL,
		         "%s: %d pages under %d dpi (kept at their scanned resolution)", s->code,
		         low_dpi, PIPE_OUT_MIN_DPI);
	if (out_pdf_finish(&pdf, &fi, err) ||
	    store_output_record(st, id, "pdf", 0, path, fi.size, fi.sha256, s->fingerprint,
	                        fi.written, err))
		goto out;
	count_file(cnt, &fi);
	for (int i = 0; i < sp.n; i++) {
		const store_page_words *pw = &sp.pages[i];
		out_word *words = page_words(pw, err);
		out_page pg;
		int prc;

		if (!words)
			goto out;
		pg = (out_page){pw->number, pw->width, pw->height,  pw->dpi,
		                NULL,       words,     pw->n_words, pw->text};
		prc = write_page_texts(po, st, id, s, &pg, cnt, err);
		free(words);
		if (prc)
			goto out;
	}
	rc = 0;
out:
	out_pdf_destroy(&pdf);
	store_dossier_pages_clear(&sp);
	return rc;
}

int pipe_output_dossier(const pipe_outputs *po, store *st, int64_t id, bool report_held,
                        pipe_output_counts *cnt, core_err *err)
{
	store_output_state s;
	core_err perr;
	bool got = false, fresh = false;
	int64_t files = 0;
	double t0 = core_now();
	int rc = -1;

	core_err_clear(&perr);
	if (store_output_begin(st, id, PIPE_OUT_WRITER, &got, &s, err))
		return -1;
	if (!got)
		return 0;
	if (s.failed > 0) {
		if (report_held) {
			core_log(CORE_LOG_WARN, "output_held", NULL,
			         "%s: no archival outputs while %d pages are failed "
			         "(retry them with --retry-failed)",
			         s.code, s.failed);
			cnt->held++;
		}
		rc = 0;
		goto out;
	}
	/* Codes come from file names; never let one climb out of DIR. */
	if (s.code[0] == '.' || strchr(s.code, '/')) {
		core_err_set(&perr, CORE_EFORMAT, "unsafe dossier code");
		goto out;
	}
	/* "<code>.pdf" must be a file name: the dossier fails, not the run. */
	if (strlen(s.code) + sizeof(".pdf") - 1 > NAME_MAX ||
	    strlen(po->dir) + strlen(s.code) + 32 > PATH_MAX) {
		core_err_set(&perr, CORE_ELIMIT, "dossier code too long for a file name");
		core_err_detail(&perr, "%zu bytes", strlen(s.code));
		goto out;
	}
	if (up_to_date(po, st, id, &s, &fresh, &files, err))
		goto out;
	if (fresh) {
		cnt->kept += files;
		rc = 0;
		goto out;
	}
	if (write_all(po, st, id, &s, cnt, &perr, err) || store_output_end(st, true, err))
		goto out;
	got = false;
	cnt->dossiers++;
	rc = 0;
out:
	if (core_err_isset(&perr)) {
		core_log(CORE_LOG_WARN, "output_failed", NULL,
		         "%s: archival outputs not written: %s%s%s", s.code ? s.code : "?",
		         perr.msg, perr.detail[0] ? ": " : "", perr.detail);
		cnt->failed++;
		rc = core_err_isset(err) ? -1 : 0;
	}
	if (got)
		store_output_end(st, false, NULL);
	cnt->seconds += core_now() - t0;
	store_output_state_clear(&s);
	return rc;
}

int pipe_output_sweep(const pipe_outputs *po, store *st, const int64_t *ids, int n,
                      pipe_output_counts *cnt, core_err *err)
{
	/* A stop leaves the rest for the next run's sweep. */
	for (int i = 0; i < n && !pipe_stopping(); i++)
		if (pipe_output_dossier(po, st, ids[i], true, cnt, err))
			return -1;
	return 0;
}
