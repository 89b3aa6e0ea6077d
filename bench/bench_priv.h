/*
 * bench_priv.h - internals shared by the bench module's files: a page
 * canvas that records every line it draws (so the truth is exactly
 * what is on the page) and a streaming TIFF writer (so a long dossier
 * never holds all its pages in memory).  Not part of the contract.
 */
#ifndef SOHOA_BENCH_PRIV_H
#define SOHOA_BENCH_PRIV_H

#include "bench.h"

/* A4 in inches, as scanners size it. */
#define BENCH_A4_W_IN 8.27
#define BENCH_A4_H_IN 11.69

typedef enum bench_align {
	BENCH_ALIGN_LEFT = 0,
	BENCH_ALIGN_CENTER,    /* centered on the text column */
	BENCH_ALIGN_RIGHT_HALF /* centered on the right half: signature blocks */
} bench_align;

typedef struct bench_style {
	const char *family;
	double size_pt;
	bool bold;
	bool italic;
	bench_align align;
} bench_style;

typedef struct bench_canvas bench_canvas;

int bench_canvas_new(int dpi, bench_canvas **out, core_err *err);
void bench_canvas_free(bench_canvas *c);
/* Width in pixels available for text between the margins. */
int bench_canvas_text_width(const bench_canvas *c);
/* Pixels for a length in points at the canvas resolution. */
int bench_canvas_px(const bench_canvas *c, double pt);
/* How many more lines of this style fit above the bottom margin. */
int bench_canvas_room(const bench_canvas *c, const bench_style *s);
/* Logical width of one line of text in pixels. */
int bench_canvas_measure(bench_canvas *c, const bench_style *s, const char *text, int *width,
                         core_err *err);
/*
 * Greedy word wrap: splits text into lines no wider than the column
 * (the first line indented by first_px, the others by rest_px).  The
 * caller frees each line and the array.
 */
int bench_canvas_wrap(bench_canvas *c, const bench_style *s, const char *text, int first_px,
                      int rest_px, char ***lines, int *n_lines, core_err *err);
/* Draws one unwrapped line and records it; CORE_ELIMIT if it does not fit. */
int bench_canvas_draw(bench_canvas *c, const bench_style *s, int indent_px, const char *text,
                      core_err *err);
/* Wraps and draws; CORE_ELIMIT if the page is full. */
int bench_canvas_text(bench_canvas *c, const bench_style *s, int first_px, int rest_px,
                      const char *text, core_err *err);
void bench_canvas_skip(bench_canvas *c, double pt);
int bench_canvas_n_lines(const bench_canvas *c);
const char *bench_canvas_line(const bench_canvas *c, int i);
/* Converts the drawing to an 8-bit gray raster (0 black, 255 white). */
int bench_canvas_finish(bench_canvas *c, bench_raster *out, core_err *err);

void bench_a4_size(int dpi, int *width, int *height);

/* ".<name>.tmp" beside path (malloc'd), and its atomic rename into place;
 * the temp file is removed if the rename fails. */
char *bench_tmp_name(const char *path);
int bench_commit_file(const char *tmp, const char *path, core_err *err);

/* Streaming multi-page TIFF writer: temp file, renamed on close. */
typedef struct bench_tiff bench_tiff;

int bench_tiff_open(const char *path, const char *compression, int bits, bool write_resolution,
                    int n_pages, bench_tiff **out, core_err *err);
int bench_tiff_add(bench_tiff *t, const bench_raster *page, core_err *err);
/* Renames into place only if every page was written; always frees t. */
int bench_tiff_close(bench_tiff *t, bool commit, core_err *err);

/* ---- seeded content (generator in bench_gen.c, pages in bench_pages.c) */

/* xoshiro256** seeded through splitmix64: fast, and the same stream on
 * every platform (rand() is neither). */
typedef struct bench_rng {
	uint64_t s[4];
} bench_rng;

void bench_rng_seed(bench_rng *r, uint64_t seed);
uint64_t bench_rng_next(bench_rng *r);
/* Uniform in [0, n); n > 0. */
uint32_t bench_rng_below(bench_rng *r, uint32_t n);
/* Mixes a seed with a sequence of numbers into an independent seed. */
uint64_t bench_seed_mix(uint64_t seed, uint64_t a, uint64_t b);

typedef enum bench_kind {
	BENCH_PAGE_PROSE = 0,
	BENCH_PAGE_BIRTH,
	BENCH_PAGE_FORM,
	BENCH_PAGE_BLANK
} bench_kind;

const char *bench_kind_name(bench_kind k);
/* Document type in the truth: "other", "birth_certificate", ... */
const char *bench_kind_doc_type(bench_kind k);

/* bench_prose.c: 20 to 35 lines of administrative prose, optionally
 * under a centered heading (title) and subject line (subtitle). */
int bench_prose_draw(bench_canvas *c, bench_rng *r, const bench_style *body,
                     const bench_style *title, const bench_style *subtitle, core_err *err);

typedef struct bench_page_out {
	bench_raster raster;
	const char *font;
	double size_pt;
	struct json_t *lines;  /* array of the drawn lines, reading order */
	struct json_t *fields; /* object; empty for prose and blank pages */
} bench_page_out;

/* Renders one page of `kind`, all choices drawn from `seed`. */
int bench_page_make(bench_kind kind, uint64_t seed, int dpi, int font_index, bench_page_out *out,
                    core_err *err);
void bench_page_out_free(bench_page_out *p);

#endif
