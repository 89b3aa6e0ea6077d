/*
 * ocr_priv.h - what the ocr/ source files share and nobody else sees.
 *
 * Kept out of ocr.h so that the rest of sohoa never includes Leptonica.
 */
#ifndef SOHOA_OCR_PRIV_H
#define SOHOA_OCR_PRIV_H

#include "ocr.h"

#include <stdint.h>
#include <stdio.h>

#include <leptonica/allheaders.h>
#include <tesseract/capi.h>

/* Resolution outside this range is a broken tag, not a real scan. */
#define OCR_DPI_MIN     50
#define OCR_DPI_MAX     2400
#define OCR_DPI_DEFAULT 300

struct ocr_image {
	PIX *pix; /* 8 bpp, no colormap, resolution set */
	int dpi;
	bool dpi_assumed;
	int src_depth;
	/* A PDF page's own text, boxes in these pixels; NULL for others. */
	ocr_result *layer;
	/* Isolated specks were whitened (ocr_clean.c): more of them still
	 * sit beside the letters, where the cleaning cannot tell them from
	 * tone marks. */
	bool specked;
};

/*
 * Orientation by Leptonica alone (ocr_orient.c): *turns clockwise
 * quarter turns that make the text upright; *decided false when the
 * statistic could not tell (too little text, or scores too close);
 * *leans_up (may be NULL): undecided, but what evidence there is points
 * to upright.
 */
int ocr_orient_detect(const ocr_image *img, int *turns, double *confidence, bool *decided,
                      bool *leans_up, core_err *err);
/*
 * Leptonica's pixUpDownDetect(bin, conf, 0, 0, 0), the same counts and
 * confidence in one pass (ocr_updown.c); *nup, *ndown (may be NULL) the
 * ascender and descender counts.  -1 when bin is not 1 bpp or memory
 * ran out.
 */
int ocr_pix_updown(PIX *bin, float *conf, long *nup, long *ndown);
/*
 * Leptonica's pixThresholdToBinary (1 where the pixel is below thresh),
 * the same pixels, 32 at a time for 8-bit pages (ocr_binary.c).
 * ocr_row_above32: 32 pixels of an 8-bit row from a word boundary, the
 * bit of each pixel above t (0..254) set, first pixel high.
 */
PIX *ocr_pix_threshold(PIX *gray, int thresh);
uint32_t ocr_row_above32(const l_uint32 *src, int t);
/* Turns the page clockwise by quarter turns (any text layer is dropped). */
int ocr_image_turn(ocr_image *img, int turns, core_err *err);

/* The padded rectangle holding the page's ink (ocr_box.c) as its own
 * PIX: a clone of the page when the ink fills most of it or there is
 * none; NULL on allocation failure.  *at_x, *at_y (may be NULL): where
 * its top left corner lies in the page. */
PIX *ocr_image_content_pix(const ocr_image *img, int *at_x, int *at_y);
/* A row of w 8-bit samples, or of w 1-bit samples (1 white), into an
 * 8 bpp PIX line; invert: 0 is white in the file (ocr_decode.c). */
void ocr_line_put_gray(l_uint32 *line, const unsigned char *s, uint32_t w, bool invert);
void ocr_line_put_bits(l_uint32 *line, const unsigned char *s, uint32_t w, bool invert);
/* The paper's gray level of an 8 bpp PIX: the most common light level. */
int ocr_pix_paper_level(PIX *pix);

/*
 * The copy of the page Tesseract is given (ocr_reduce.c): at two thirds
 * of its size when reduce and its letters are large (*reduced true),
 * 1 bpp when scanned so and still black and white, else a clone.  NULL
 * on allocation failure.
 */
PIX *ocr_image_for_tesseract(const ocr_image *img, bool reduce, bool *reduced);
/* The commonest height of the letters of an 8 bpp page, 0 when it has
 * none; *letters: how many components share it. */
int ocr_pix_letter_height(PIX *pixs, int *letters);
/* An 8 bpp PIX at two thirds of its size (area mean); NULL on failure. */
PIX *ocr_pix_reduce_2_3(PIX *pixs);

/* Most bytes of text taken from one page: a dense A4 page holds about
 * 5 KB, the largest page allowed (250 megapixels) under 1 MB. */
#define OCR_TEXT_MAX (8u << 20)
/*
 * After TessBaseAPIRecognize: appends the page's words to r and sets
 * r->text, laid out byte for byte as Tesseract 5.3's
 * TessBaseAPIGetUTF8Text would give it (then NFC), in one walk of the
 * results (ocr_engine.c).  Not with preserve_interword_spaces, which
 * sohoa never sets: words are joined by one space.
 */
int ocr_result_collect(TessBaseAPI *api, ocr_result *r, core_err *err);

/* Process-wide library set-up (message silencing), idempotent. */
void ocr_global_init(void);

/* CORE_ELIMIT when a w x h page may not be decoded under lim. */
int ocr_check_pixels(uint64_t w, uint64_t h, const ocr_limits *lim, core_err *err);

/* Validated resolution: out-of-range or missing gives 300 and *assumed. */
int ocr_resolve_dpi(double dpi, bool *assumed);

/* Takes ownership of pix (destroyed on failure). */
int ocr_image_wrap(PIX *pix, int dpi, bool dpi_assumed, int src_depth, ocr_image **out,
                   core_err *err);

/* A decoded single-page file, before it becomes an ocr_image. */
typedef struct ocr_raster {
	PIX *pix;   /* 8 bpp gray; NULL after a header-only read */
	double dpi; /* as the file says, 0 when it says nothing */
	int depth;  /* bits per pixel in the file */
} ocr_raster;

/*
 * PNG and JPEG (ocr_decode.c): the header is checked against lim
 * before any pixel buffer exists; header_only stops there.
 */
int ocr_png_read(const char *path, FILE *fp, const ocr_limits *lim, bool header_only,
                 ocr_raster *out, core_err *err);
int ocr_jpeg_read(const char *path, FILE *fp, const ocr_limits *lim, bool header_only,
                  ocr_raster *out, core_err *err);
/*
 * Decodes a JPEG held in memory at an eighth of its size only to see
 * whether libjpeg finds it damaged (a PDF's image that MuPDF would
 * draw with gray fill, its complaint printed on stderr).
 */
int ocr_jpeg_check(const char *path, const unsigned char *data, size_t n, const ocr_limits *lim,
                   core_err *err);
/* Where a PDF's JPEG data starts: MuPDF, unlike libjpeg, skips stray
 * line ends before the start-of-image marker. */
size_t ocr_jpeg_lead(const unsigned char *d, size_t n);

/*
 * TIFF side (ocr_tiff.c).  Both take ownership of fd, an open
 * descriptor on path, and close it whatever happens.
 */
int ocr_tiff_count_pages(const char *path, int fd, const ocr_limits *lim, int *pages,
                         core_err *err);
int ocr_tiff_load(const char *path, int fd, int index, const ocr_limits *lim, ocr_image **out,
                  core_err *err);

/*
 * PDF side (ocr_pdf.c, MuPDF).  Both take ownership of fd, like the
 * TIFF pair.  Encrypted, truncated or damaged documents are
 * CORE_EFORMAT; the pixel limit is checked before anything is decoded
 * or rendered.
 */
int ocr_pdf_count_pages(const char *path, int fd, const ocr_limits *lim, int *pages, core_err *err);
int ocr_pdf_load(const char *path, int fd, int index, const ocr_limits *lim, ocr_image **out,
                 core_err *err);

/*
 * Second reading of identity card MRZ lines (ocr_mrz.c), owned by one
 * engine and so by one thread.  The eng model is loaded on the first
 * page that seems to hold an MRZ; without it the pass does nothing.
 */
typedef struct ocr_mrz ocr_mrz;

int ocr_mrz_create(const char *datapath, ocr_mrz **out, core_err *err);
void ocr_mrz_destroy(ocr_mrz **m);
/* Rewrites MRZ lines of r in place (text and words); fails only on ENOMEM. */
int ocr_mrz_pass(ocr_mrz *m, const ocr_image *img, ocr_result *r, core_err *err);

/*
 * Replaces, in the page text at or after *cursor, the first line that
 * reads key once spaces are dropped, with `with`; *cursor moves past
 * it.  1 when no line matches (the text then stays as it is), -1 on
 * ENOMEM.  Used by the passes that read part of a page again.
 */
int ocr_text_replace_line(ocr_result *r, size_t *cursor, const char *key, const char *with);

/*
 * Item numbers set apart from their lines (ocr_lead.c): Tesseract's
 * layout analysis takes the column of "1." ... "7." at the start of a
 * numbered list for a column of vertical text, reads it as noise and
 * leaves the lines without their numbers.  Each stacked word is read
 * again together with the first word of the line it belongs to: on the
 * page already set in api (img's size), or when reload, on img (r's
 * boxes are in its pixels), set in api at the first second reading.
 * Every rectangle read stays inside img.  Fails only on ENOMEM.
 */
int ocr_lead_pass(TessBaseAPI *api, ocr_result *r, const ocr_image *img, bool reload,
                  core_err *err);

/*
 * Tone marks (ocr_tone.c).  ocr_tone_setup asks the engine for each
 * character's runner-up readings, once per engine; ocr_tone_word fills
 * w->tone_rival and w->tone_gap from the word the iterator is at.
 * ocr_tone_rivals: b is a with only its tone mark changed, added or
 * dropped ("ô" / "ồ", "ấ" / "ầ"; not "ô" / "o" nor "ố" / "Ố").
 */
int ocr_tone_setup(TessBaseAPI *api, core_err *err);
void ocr_tone_word(const TessResultIterator *it, ocr_word *w);
bool ocr_tone_rivals(const char *a, const char *b);

/*
 * Faster equivalents of calls Tesseract makes, the same results out
 * (ocr_shortcut*.c): between ocr_shortcut_enter and ocr_shortcut_leave,
 * on the calling thread, line images reach the LSTM without a PNG,
 * rule-line openings are composite, the LSTM's tensor index and step
 * writes take one call each, its first layer's tanh and its gates'
 * activations go several values at a time, and Otsu thresholding whole
 * words at a time.  Spans nest.  A span covers every
 * call on its thread, not only Tesseract's: code inside one must not
 * ask pixWriteMem for a PNG that anything but pixReadMem reads (the
 * bytes are Leptonica's serialized pix, without resolution or text).
 * Programs get them by linking sohoa_ocr_shortcuts (ocr/CMakeLists.txt).
 * ocr_shortcut_lines / _openings / _lstm_calls / _gates_calls: how
 * many of each this thread took (LSTM calls count the gates' steps too).  ocr_shortcut_lstm_on:
 * whether the LSTM's methods passed their checks against libtesseract's (else they all go to it).
 */
void ocr_shortcut_enter(void);
void ocr_shortcut_leave(void);
long ocr_shortcut_lines(void);
long ocr_shortcut_openings(void);
long ocr_shortcut_lstm_calls(void);
bool ocr_shortcut_lstm_on(void);
/* Internal to those files. */
extern _Thread_local int ocr_shortcut_depth;
extern _Thread_local long ocr_shortcut_lstm_n;
bool ocr_shortcut_tanh_on(void);
/* Tesseract's Tanh (logistic false) or Logistic over p[0..n), from its
 * table, eight or four values at a time (ocr_shortcut_tanh.c). */
void ocr_shortcut_act_run(const float *table, bool logistic, float *p, int n);
/* The start-up checks' inputs: OCR_ACT_SWEEP values across the tables'
 * range and past it, then the edges (infinities, NaN, denormals, the
 * table's end); returns how many, at most cap. */
#define OCR_ACT_SWEEP 8192
int ocr_shortcut_act_sweep(float *in, int cap);
/* Whether the LSTM's gates (ocr_shortcut_gates.c) passed their checks. */
bool ocr_shortcut_gates_on(void);
long ocr_shortcut_gates_calls(void);
/* Otsu thresholding (ocr_shortcut_otsu.c): calls taken on this thread,
 * and whether its check against libtesseract's passed. */
long ocr_shortcut_otsu_calls(void);
bool ocr_shortcut_otsu_on(void);

#endif
