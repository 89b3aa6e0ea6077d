/*
 * output.h - archival outputs of a dossier: a searchable PDF/A-2b
 * (page images with an invisible text layer), hOCR and plain text per
 * page, each written atomically and only when its bytes change.
 *
 * Depends on core/ only (and zlib, LittleCMS): pages arrive already
 * encoded (G4 or JPEG, from ocr/) with their stored words, so no image
 * library and no database is needed here.
 */
#ifndef SOHOA_OUTPUT_H
#define SOHOA_OUTPUT_H

#include "core.h"

#include <stdint.h>

/* What one written (or kept) file is. */
typedef struct out_file_info {
	int64_t size;
	char sha256[CORE_SHA256_HEX];
	bool written; /* false: the file on disk already had these bytes */
} out_file_info;

/*
 * Puts data at path: if the file already holds exactly these bytes it
 * is left alone (same inode and times); otherwise a temporary file in
 * the same folder is written, flushed and renamed over it.
 */
int out_file_put(const char *path, const void *data, size_t len, out_file_info *info,
                 core_err *err);
/* *same when path exists with this size and SHA-256. */
int out_file_check(const char *path, int64_t size, const char *sha256, bool *same, core_err *err);
/* mkdir -p of one level below an existing folder; EEXIST is fine. */
int out_mkdir(const char *path, core_err *err);

/* Font program and colour profile, loaded once, shared read-only. */
typedef struct out_assets out_assets;

/*
 * Finds Tesseract's glyph-less font (pdf.ttf) in tessdata (NULL: the
 * environment's TESSDATA_PREFIX, then the packaged folders) and makes
 * the sRGB ICC profile of the output intent.
 */
int out_assets_load(const char *tessdata, out_assets **out, core_err *err);
void out_assets_destroy(out_assets **a);

typedef enum out_codec { OUT_CODEC_G4 = 1, OUT_CODEC_JPEG } out_codec;

typedef struct out_image {
	out_codec codec;
	const unsigned char *data;
	size_t size;
	int width, height, bits;
	bool black_is_1;
} out_image;

typedef struct out_word {
	const char *text;
	float conf;
	int x0, y0, x1, y1;
	int block, line;
} out_word;

/* One page: size in pixels of the image as OCR'd, words in its
 * coordinates, in reading order. */
typedef struct out_page {
	int number;
	int width, height, dpi;
	const out_image *image; /* NULL: no PDF page */
	const out_word *words;
	int n_words;
	const char *text; /* stored page text, NULL for none */
} out_page;

typedef struct out_meta {
	const char *title;   /* the dossier code */
	const char *date;    /* UTC, "YYYY-MM-DDTHH:MM:SSZ": when its pages were last stored */
	const char *creator; /* "sohoa 0.1.0" */
} out_meta;

typedef struct out_pdf out_pdf;

/*
 * Starts a PDF/A-2b for path, written as it goes to a temporary file
 * beside it: pages are streamed, never held together in memory.  The
 * bytes depend only on the inputs (no clock), so the same dossier
 * gives the same file.
 */
int out_pdf_open(const char *path, const out_assets *a, const out_meta *m, out_pdf **out,
                 core_err *err);
int out_pdf_page(out_pdf *p, const out_page *pg, core_err *err);
/* Trailer, then the file replaces path unless path already holds the
 * same bytes.  Destroys p whatever happens. */
int out_pdf_finish(out_pdf **p, out_file_info *info, core_err *err);
/* Abandons a PDF: the temporary file is removed. */
void out_pdf_destroy(out_pdf **p);

/* hOCR (XHTML) of one page from its words. */
int out_hocr(const out_page *pg, const char *title, core_buf *b, core_err *err);

#endif
