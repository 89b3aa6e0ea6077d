/*
 * bench.h - the synthetic corpus: Vietnamese administrative pages
 * rendered with pango/cairo, deterministic from a seed, with ground
 * truth as JSON.  Used by the demo, the tests and the benchmarks.
 */
#ifndef SOHOA_BENCH_H
#define SOHOA_BENCH_H

#include "core.h"

/* An 8-bit gray page (0 = black, 255 = white), rows of `width` bytes. */
typedef struct bench_raster {
	int width, height;
	int dpi;
	uint8_t *pixels;
} bench_raster;

void bench_raster_free(bench_raster *r);

/*
 * Renders text lines on an A4 page at `dpi` with the given font family
 * ("Liberation Serif", "DejaVu Sans", ...) and size in points, top-left
 * aligned with realistic margins.  Used by tests that need an image
 * with known text.
 */
int bench_render_lines(const char *const *lines, int n_lines, const char *font, double size_pt,
                       int dpi, bench_raster *out, core_err *err);

/* Writes pages as one multi-page TIFF.  compression: "none", "lzw",
 * "deflate", "packbits", "jpeg", "g3", "g4"; g3/g4 and bits = 1 make
 * the page bilevel; bits is 1 or 8. */
int bench_write_tiff(const char *path, const bench_raster *pages, int n_pages,
                     const char *compression, int bits, bool write_resolution, core_err *err);
int bench_write_png(const char *path, const bench_raster *page, core_err *err);
/* Writes pages as a PDF whose every page is one image, its pixels at
 * the page's dpi (a scan saved as PDF). */
int bench_write_pdf(const char *path, const bench_raster *pages, int n_pages, core_err *err);
/* Writes one page of typed text (a real text layer) in the given font
 * and size, on a page of page_w_pt x page_h_pt points. */
int bench_write_text_pdf(const char *path, const char *const *lines, int n_lines, const char *font,
                         double size_pt, double page_w_pt, double page_h_pt, core_err *err);

typedef struct bench_gen_options {
	const char *out_dir; /* creates out_dir/dossiers and out_dir/truth */
	uint64_t seed;
	int dossiers;       /* number of dossiers */
	int pages;          /* total pages wanted (0: 2..4 per dossier) */
	int dpi;            /* default 300 (dpi200/dpi400 pages override it) */
	const char *format; /* "tiff", "png" or "mixed" (default) */
	/*
	 * Degradations, given to the pages in turn: comma-separated names
	 * from clean, skew, rot90, rot180, rot270, dpi200, dpi400, gauss,
	 * speckle, blur, jpeg, g4, lowcontrast, border, stamp, signature,
	 * several on one page joined by '+' ("skew+jpeg"); or "mixed" (each
	 * in turn, a third of the pages clean).  NULL or "clean": none.
	 */
	const char *degrade;
	bool images;   /* also out_dir/images/<code>/page-<n>.png (.tif if bilevel) */
	bool progress; /* a line on stderr every 1000 pages */
} bench_gen_options;

void bench_gen_options_default(bench_gen_options *o);

/*
 * Generates the corpus.  Each dossier is HS-<year>-<nnnn>: a multi-page
 * TIFF (gray LZW or bilevel G4; pages degraded with g4 are G4 in any
 * TIFF) or a folder of PNG pages (page-<n>.tif for g4 pages); its truth
 * is out_dir/truth/<code>.json:
 *   {"dossier": code, "seed": n, "format": "...", "file": "dossiers/...",
 *    "pages": [{"number": 1, "kind": "cccd", "blank": false,
 *      "document": 0, "degradation": "clean", "degradation_params": {},
 *      "dpi": 300, "width": w, "height": h, "bilevel": false,
 *      "font": "...", "font_size": 12, "layout": "...",
 *      "image": "images/<code>/page-1.png" (with images),
 *      "lines": ["...", ...]}, ...],
 *    "documents": [{"type": "cccd", "first_page": 1, "last_page": 1,
 *      "layout": "...", "fields": {"personal_id": "...", ...}}]}
 * Lines are in reading order, upright whatever the page's rotation.
 * Pages are rendered and written one at a time, so any page count
 * fits in memory.  The same options always produce byte-identical
 * files.
 */
int bench_gen_corpus(const bench_gen_options *o, int *pages_written, core_err *err);

/* CORE_EARG (with the offending name) unless list is a valid degrade list. */
int bench_degrade_check(const char *list, core_err *err);

/*
 * Applies one named degradation (not dpi200/dpi400, which are rendering
 * resolutions, nor "mixed") to a rendered page, deterministically from
 * seed; rot90/rot270 swap width and height.  Stamps and signatures go
 * to the lower right.
 */
int bench_degrade_page(bench_raster *page, const char *name, uint64_t seed, core_err *err);

/*
 * Identifier rules the generator follows, for validators to test
 * against.  Enterprise codes: the check digit of the first nine digits
 * (10 - sum(weights 31,29,23,19,17,13,7,5,3) mod 11), or -1 when the
 * remainder is 0 (no valid code starts so); valid = ten digits with
 * the right check digit.  MRZ: the ICAO 9303 check digit (weights
 * 7,3,1; A-Z = 10..35, '<' = 0) of the first n characters of s.
 */
int bench_enterprise_check_digit(const char *first9);
bool bench_enterprise_valid(const char *code);
int bench_mrz_check_digit(const char *s, size_t n);

/*
 * Releases pango's default font map and fontconfig's caches, which
 * otherwise live until exit and show up as leaks under sanitizers.
 * Call once, last, when no rendering is in progress or will follow.
 */
void bench_shutdown(void);

#endif
