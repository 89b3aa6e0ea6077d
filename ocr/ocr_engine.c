/*
 * ocr_engine.c - Tesseract through its C API.
 *
 * One handle per worker thread; a handle is never shared, so no lock.
 * Text comes back NFC-normalized: Tesseract may emit Vietnamese tone
 * marks as combining sequences, and the store and the classifier
 * compare strings byte for byte.
 */
#include "ocr_priv.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <tesseract/capi.h>
#include <utf8proc.h>

struct ocr_engine {
	TessBaseAPI *api;
	ocr_mrz *mrz;
	/* Tesseract's orientation model, loaded on the first page that
	 * Leptonica cannot orient; osd_failed: it could not be loaded. */
	TessBaseAPI *osd;
	bool osd_failed;
	bool reduce; /* large letters read at 2/3 (ocr_reduce.c) */
	char *datapath;
};

/*
 * OSD's confidence for a turn it proposes.  Measured on generated
 * pages that Leptonica left undecided: the right turn scored 8.4 to
 * 13.8.  OCRmyPDF asks 14 before turning a page; below that it keeps
 * pages as they are.  Here OSD runs only where Leptonica found too
 * little evidence, on text pages, so a lower bar is taken: 5.
 */
#define OCR_OSD_MIN_CONF 5.0f

static pthread_once_t ocr_tess_once = PTHREAD_ONCE_INIT;

static void ocr_tess_quiet(void)
{
	TessBaseAPI *api = TessBaseAPICreate();

	/*
	 * debug_file is one of Tesseract's process-wide parameters: set it
	 * once here rather than racing on it from every engine.  tprintf
	 * output (init failures, "Empty page!!") then goes nowhere.
	 */
	if (api) {
		TessBaseAPISetVariable(api, "debug_file", "/dev/null");
		TessBaseAPIDelete(api);
	}
}

void ocr_options_default(ocr_options *o)
{
	if (!o)
		return;
	o->lang = "vie";
	o->datapath = NULL;
	o->psm = PSM_AUTO;
	o->bare = false;
	o->reduce = true;
}

const char *ocr_tesseract_version(void)
{
	return TessVersion();
}

int ocr_engine_create(const ocr_options *opt, ocr_engine **out, core_err *err)
{
	ocr_options def;
	ocr_engine *eng = NULL;
	int rc = 0;

	if (!out)
		return core_err_set(err, CORE_EARG, "no engine result");
	*out = NULL;
	if (!opt) {
		ocr_options_default(&def);
		opt = &def;
	}
	if (!opt->lang || !opt->lang[0]) {
		rc = core_err_set(err, CORE_EARG, "no ocr language");
		goto out;
	}
	if (opt->psm < 0 || opt->psm >= PSM_COUNT) {
		rc = core_err_set(err, CORE_EARG, "bad page segmentation mode");
		core_err_detail(err, "psm %d, expected 0 to %d", opt->psm, PSM_COUNT - 1);
		goto out;
	}
	ocr_global_init();
	pthread_once(&ocr_tess_once, ocr_tess_quiet);
	eng = calloc(1, sizeof(*eng));
	if (!eng || !(eng->api = TessBaseAPICreate())) {
		rc = core_err_set(err, CORE_ENOMEM, "out of memory");
		goto out;
	}
	if (TessBaseAPIInit3(eng->api, opt->datapath, opt->lang) != 0) {
		rc = core_err_set(err, CORE_EOCR, "cannot load language");
		core_err_detail(err, "lang %s, datapath %s", opt->lang,
		                opt->datapath ? opt->datapath : "(tesseract default)");
		goto out;
	}
	/* The API's default is PSM_SINGLE_BLOCK, far worse on noisy pages. */
	TessBaseAPISetPageSegMode(eng->api, (TessPageSegMode)opt->psm);
	if (!opt->bare && ((rc = ocr_tone_setup(eng->api, err)) ||
	                   (rc = ocr_mrz_create(opt->datapath, &eng->mrz, err))))
		goto out;
	eng->reduce = opt->reduce && !opt->bare;
	if (opt->datapath && !(eng->datapath = strdup(opt->datapath))) {
		rc = core_err_set(err, CORE_ENOMEM, "out of memory");
		goto out;
	}
	*out = eng;
	eng = NULL;
out:
	ocr_engine_destroy(&eng);
	return rc;
}

void ocr_engine_destroy(ocr_engine **eng)
{
	if (!eng || !*eng)
		return;
	if ((*eng)->api) {
		TessBaseAPIEnd((*eng)->api);
		TessBaseAPIDelete((*eng)->api);
	}
	ocr_mrz_destroy(&(*eng)->mrz);
	if ((*eng)->osd) {
		TessBaseAPIEnd((*eng)->osd);
		TessBaseAPIDelete((*eng)->osd);
	}
	free((*eng)->datapath);
	free(*eng);
	*eng = NULL;
}

/* NFC copy of a Tesseract string (NULL taken as empty); NULL only on ENOMEM. */
static char *ocr_nfc(const char *s)
{
	char *n;

	if (!s)
		s = "";
	n = (char *)utf8proc_NFC((const utf8proc_uint8_t *)s);
	/* utf8proc refuses invalid UTF-8: keep Tesseract's bytes then. */
	return n ? n : core_strdup(s);
}

static int ocr_words_push(ocr_result *r, int *cap, const ocr_word *w, core_err *err)
{
	ocr_word *grown;
	int ncap;

	if (r->n_words == *cap) {
		ncap = *cap ? *cap * 2 : 256;
		grown = realloc(r->words, (size_t)ncap * sizeof(*grown));
		if (!grown)
			return core_err_set(err, CORE_ENOMEM, "out of memory");
		r->words = grown;
		*cap = ncap;
	}
	r->words[r->n_words++] = *w;
	return 0;
}

/* Block kinds whose words TessBaseAPIGetUTF8Text leaves out of the
 * page's text (images and rules). */
static bool ocr_block_has_text(TessPolyBlockType t)
{
	switch (t) {
	case PT_FLOWING_IMAGE:
	case PT_HEADING_IMAGE:
	case PT_PULLOUT_IMAGE:
	case PT_HORZ_LINE:
	case PT_VERT_LINE:
		return false;
	default:
		return true;
	}
}

/* core_buf_puts for the page text, its failure told as a page's. */
static int ocr_text_put(core_buf *text, const char *s, core_err *err)
{
	if (core_buf_puts(text, s, err) == 0)
		return 0;
	if (!err)
		return CORE_ELIMIT;
	if (err->code == CORE_ELIMIT)
		core_err_detail(err, "page text over %u bytes", (unsigned)OCR_TEXT_MAX);
	return (int)err->code;
}

/*
 * Words, boxes and the page's text in one walk of the result iterator.
 * The text is laid out as TessBaseAPIGetUTF8Text lays it out: words
 * joined by a space, each line ended by a newline, a paragraph followed
 * by another paragraph by one more, words of pictures and rules left
 * out.  Asking Tesseract for it cost a second walk, whose paragraph
 * restarts go back to the block's first row each time (about 3 ms a
 * page); test_ocr_accuracy checks both give the same bytes.
 */
int ocr_result_collect(TessBaseAPI *api, ocr_result *r, core_err *err)
{
	TessResultIterator *it = NULL;
	TessPageIterator *pi;
	core_buf text;
	ocr_word w;
	char *raw = NULL;
	int rc = 0, cap = 0, block = -1, line = -1;
	/* The word before was laid out in the text (not in a picture). */
	bool in_text = false;

	core_buf_init(&text, OCR_TEXT_MAX);
	if (!api || !r) {
		rc = core_err_set(err, CORE_EARG, "no tesseract handle or result");
		goto out;
	}
	/* No iterator: nothing was laid out on the page. */
	if ((it = TessBaseAPIGetIterator(api))) {
		pi = TessResultIteratorGetPageIterator(it);
		do {
			/* Blocks and paragraphs start with a line.  Asked only
			 * there: the result iterator answers by going back to
			 * the start of the row. */
			bool new_line = TessPageIteratorIsAtBeginningOf(pi, RIL_TEXTLINE);
			bool new_para = new_line && TessPageIteratorIsAtBeginningOf(pi, RIL_PARA);

			memset(&w, 0, sizeof(w));
			if (new_line && TessPageIteratorIsAtBeginningOf(pi, RIL_BLOCK))
				block++;
			if (new_line)
				line++;
			/* NULL: the iterator stands on no word (an empty page). */
			if (!(raw = TessResultIteratorGetUTF8Text(it, RIL_WORD)))
				continue;
			/* The line before ends here, and its paragraph if this
			 * word starts one, whatever block this word is in. */
			if (in_text && new_line &&
			    (rc = ocr_text_put(&text, new_para ? "\n\n" : "\n", err)))
				goto out;
			in_text = ocr_block_has_text(TessPageIteratorBlockType(pi));
			if (in_text && ((!new_line && (rc = ocr_text_put(&text, " ", err))) ||
			                (rc = ocr_text_put(&text, raw, err))))
				goto out;
			if (!raw[0] || !TessPageIteratorBoundingBox(pi, RIL_WORD, &w.x0, &w.y0,
			                                            &w.x1, &w.y1)) {
				TessDeleteText(raw);
				raw = NULL;
				continue;
			}
			w.text = ocr_nfc(raw);
			TessDeleteText(raw);
			raw = NULL;
			if (!w.text) {
				rc = core_err_set(err, CORE_ENOMEM, "out of memory");
				goto out;
			}
			w.conf = TessResultIteratorConfidence(it, RIL_WORD);
			ocr_tone_word(it, &w);
			w.block = block < 0 ? 0 : block;
			w.line = line < 0 ? 0 : line;
			rc = ocr_words_push(r, &cap, &w, err);
			if (rc) {
				free(w.text);
				goto out;
			}
		} while (TessResultIteratorNext(it, RIL_WORD));
	}
	/* The last line's end.  No paragraph break follows the page's last
	 * word; a picture after the last text line (an empty word of its
	 * own) has already put one. */
	if (in_text && (rc = ocr_text_put(&text, "\n", err)))
		goto out;
	free(r->text);
	if (!(r->text = ocr_nfc(text.data)))
		rc = core_err_set(err, CORE_ENOMEM, "out of memory");
out:
	TessDeleteText(raw);
	if (it)
		TessResultIteratorDelete(it);
	core_buf_free(&text);
	return rc;
}

/*
 * The page into eng->api and TessBaseAPIRecognize on it; *seconds: that
 * call alone.  reduce: a page with large letters may go at two thirds
 * of its size (*reduced then true; ocr_reduce.c), its boxes then in
 * those pixels.
 */
static int ocr_engine_run(ocr_engine *eng, const ocr_image *img, bool reduce, bool *reduced,
                          double *seconds, core_err *err)
{
	PIX *pix = ocr_image_for_tesseract(img, reduce, reduced);
	double t0;
	int rc = 0;

	if (!pix)
		return core_err_set(err, CORE_ENOMEM, "out of memory");
	/* Tesseract copies the PIX and never writes to it. */
	TessBaseAPISetImage2(eng->api, pix);
	TessBaseAPISetSourceResolution(eng->api, *reduced ? (2 * img->dpi + 1) / 3 : img->dpi);
	t0 = core_now();
	if (TessBaseAPIRecognize(eng->api, NULL) != 0) {
		rc = core_err_set(err, CORE_EOCR, "recognition failed");
		core_err_detail(err, "%dx%d at %d dpi%s", pixGetWidth(pix), pixGetHeight(pix),
		                *reduced ? (2 * img->dpi + 1) / 3 : img->dpi,
		                *reduced ? " (reduced to 2/3)" : "");
		goto out;
	}
	*seconds = core_now() - t0;
out:
	pixDestroy(&pix);
	return rc;
}

int ocr_engine_recognize(ocr_engine *eng, const ocr_image *img, ocr_result **out, core_err *err)
{
	ocr_result *r = NULL;
	int rc = 0;

	if (!out)
		return core_err_set(err, CORE_EARG, "no ocr result");
	*out = NULL;
	if (!eng || !eng->api || !img || !img->pix)
		return core_err_set(err, CORE_EARG, "no engine or image");
	/* Every recognition below, the second readings too, takes the
	 * shortcuts of ocr_shortcut.c; the bare loop never does. */
	ocr_shortcut_enter();
	r = calloc(1, sizeof(*r));
	if (!r) {
		rc = core_err_set(err, CORE_ENOMEM, "out of memory");
		goto out;
	}
	/*
	 * The whole page, not only its inked part (ocr_box.c): recognizing
	 * the part saved about 8% of Recognize, but Tesseract's layout then
	 * ordered the blocks of some identity cards otherwise (on seed 99, a
	 * clean card 50 -> 236 edits; clean pages 0.92% -> 1.98% CER).  The
	 * inked rows across the whole width saved 0-9% and shifted the
	 * cards' layout less, but still enough to move field F1 on seed
	 * 99's clean documents from 0.966 to 0.948-0.957 (bench/RESULTS.md).
	 */
	if ((rc = ocr_engine_run(eng, img, eng->reduce, &r->reduced, &r->recognize_s, err)))
		goto out;
	r->mean_conf = (float)TessBaseAPIMeanTextConf(eng->api);
	rc = ocr_result_collect(eng->api, r, err);
	if (rc)
		goto out;
	/* From here on boxes are in the page's own pixels: the lead pass
	 * reads a reduced page again at full size, and the MRZ pass cuts
	 * its lines from it. */
	if (r->reduced) {
		int w3 = pixGetWidth(img->pix) / 3, h3 = pixGetHeight(img->pix) / 3;

		ocr_result_fit(r, 2 * w3, 2 * h3, 3 * w3, 3 * h3);
	}
	/* Reads parts of the page again: the last use of eng->api's results. */
	rc = ocr_lead_pass(eng->api, r, img, r->reduced, err);
	if (rc)
		goto out;
	/* After recognize_s: the pipeline counts this pass in ocr_s. */
	rc = ocr_mrz_pass(eng->mrz, img, r, err);
	if (rc)
		goto out;
	*out = r;
	r = NULL;
out:
	ocr_shortcut_leave();
	/* Drops the page and its results; the loaded language stays. */
	TessBaseAPIClear(eng->api);
	ocr_result_destroy(&r);
	return rc;
}

int ocr_engine_recognize_bare(ocr_engine *eng, const ocr_image *img, char **text, double *seconds,
                              core_err *err)
{
	char *raw = NULL;
	double t = 0.0;
	bool reduced = false;
	int rc = 0;

	if (text)
		*text = NULL;
	if (seconds)
		*seconds = 0.0;
	if (!eng || !eng->api || !img || !img->pix)
		return core_err_set(err, CORE_EARG, "no engine or image");
	if ((rc = ocr_engine_run(eng, img, false, &reduced, &t, err)))
		goto out;
	if (seconds)
		*seconds = t;
	if (text) {
		raw = TessBaseAPIGetUTF8Text(eng->api);
		if (!(*text = ocr_nfc(raw)))
			rc = core_err_set(err, CORE_ENOMEM, "out of memory");
	}
out:
	TessDeleteText(raw);
	TessBaseAPIClear(eng->api);
	return rc;
}

void ocr_result_destroy(ocr_result **r)
{
	if (!r || !*r)
		return;
	for (int i = 0; i < (*r)->n_words; i++)
		free((*r)->words[i].text);
	free((*r)->words);
	free((*r)->text);
	free(*r);
	*r = NULL;
}

/* Tesseract's own orientation detection; *turns clockwise quarter turns
 * to upright, 0 when it is not sure or cannot run. */
static void ocr_engine_osd(ocr_engine *eng, const ocr_image *img, int *turns, double *conf)
{
	int deg = 0;
	float oconf = 0.0f, sconf = 0.0f;
	const char *script = NULL;
	PIX *clip;

	*turns = 0;
	*conf = 0.0;
	if (eng->osd_failed)
		return;
	if (!eng->osd) {
		eng->osd = TessBaseAPICreate();
		if (!eng->osd || TessBaseAPIInit3(eng->osd, eng->datapath, "osd") != 0) {
			/* Without osd.traineddata pages stay as Leptonica left them. */
			core_log(CORE_LOG_WARN, "osd_unavailable", NULL,
			         "tesseract orientation model not loaded: undecided pages stay as "
			         "scanned");
			if (eng->osd)
				TessBaseAPIDelete(eng->osd);
			eng->osd = NULL;
			eng->osd_failed = true;
			return;
		}
		TessBaseAPISetPageSegMode(eng->osd, PSM_OSD_ONLY);
	}
	/* The inked part only: the model's cost grows with the pixels it is
	 * given, and a card's photocopy is a quarter of its page. */
	clip = ocr_image_content_pix(img, NULL, NULL);
	if (!clip)
		return;
	TessBaseAPISetImage2(eng->osd, (struct Pix *)clip);
	TessBaseAPISetSourceResolution(eng->osd, img->dpi);
	/* orient_deg: clockwise degrees the page lies turned from upright. */
	if (TessBaseAPIDetectOrientationScript(eng->osd, &deg, &oconf, &script, &sconf)) {
		*conf = oconf;
		if (oconf >= OCR_OSD_MIN_CONF && deg % 90 == 0)
			*turns = ((360 - deg) / 90) % 4;
	}
	TessBaseAPIClear(eng->osd);
	pixDestroy(&clip);
}

int ocr_engine_orient(ocr_engine *eng, ocr_image *img, int *rotation, double *confidence,
                      bool *by_osd, core_err *err)
{
	bool decided = false, leans_up = false;
	int turns = 0, rc;
	double conf = 0.0;

	*rotation = 0;
	if (confidence)
		*confidence = 0.0;
	if (by_osd)
		*by_osd = false;
	rc = ocr_orient_detect(img, &turns, &conf, &decided, &leans_up, err);
	if (rc)
		return rc;
	/* The model costs about 0.3 s: not for pages whose weak evidence
	 * already points upright (most cards), which stay as they are. */
	if (!decided && !leans_up && eng) {
		ocr_engine_osd(eng, img, &turns, &conf);
		if (by_osd)
			*by_osd = turns != 0;
	}
	if (confidence)
		*confidence = conf;
	rc = ocr_image_turn(img, turns, err);
	if (!rc)
		*rotation = 90 * turns;
	return rc;
}
