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

typedef struct bench_gen_options {
	const char *out_dir; /* creates out_dir/dossiers and out_dir/truth */
	uint64_t seed;
	int dossiers;       /* number of dossiers */
	int pages;          /* total pages wanted (0: 2..4 per dossier) */
	int dpi;            /* default 300 */
	const char *format; /* "tiff", "png" or "mixed" (default) */
} bench_gen_options;

void bench_gen_options_default(bench_gen_options *o);

/*
 * Generates the corpus.  Each dossier is HS-<year>-<nnnn>: a multi-page
 * TIFF (gray LZW or bilevel G4) or a folder of PNG pages; its truth is
 * out_dir/truth/<code>.json:
 *   {"dossier": code, "seed": n, "pages": [{"number": 1, "kind": "...",
 *     "blank": false, "degradation": "clean", "dpi": 300,
 *     "lines": ["...", ...]}, ...],
 *    "documents": [{"type": "...", "first_page": 1, "last_page": 1,
 *     "fields": {"full_name": "...", ...}}]}
 * The same options always produce byte-identical files.
 */
int bench_gen_corpus(const bench_gen_options *o, int *pages_written, core_err *err);

/*
 * Releases pango's default font map and fontconfig's caches, which
 * otherwise live until exit and show up as leaks under sanitizers.
 * Call once, last, when no rendering is in progress or will follow.
 */
void bench_shutdown(void);

#endif
