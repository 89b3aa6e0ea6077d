/*
 * bench_priv.h - internals shared by the bench module's files: a page
 * canvas that records every line it draws (so the truth is exactly
 * what is on the page), a streaming TIFF writer (so a long dossier
 * never holds all its pages in memory), the seeded values drawn on
 * the documents, the document templates and the degradations.  Not
 * part of the contract.
 */
#ifndef SOHOA_BENCH_PRIV_H
#define SOHOA_BENCH_PRIV_H

#include "bench.h"

#include <cairo.h>
#include <jansson.h>

/* A4 in inches, as scanners size it. */
#define BENCH_A4_W_IN 8.27
#define BENCH_A4_H_IN 11.69

#define N_(a)      ((uint32_t)(sizeof(a) / sizeof((a)[0])))
#define PICK(r, a) ((a)[bench_rng_below((r), N_(a))])

/* Longest text drawn as one paragraph (requests, subjects). */
#define BENCH_TEXT_MAX 512

/*
 * snprintf for values built from the tables.  Buffers are sized for
 * the longest combination; were one ever cut, truth and drawing would
 * still agree, since both use the same string.
 */
void bench_fmt(char *dst, size_t size, const char *fmt, ...) CORE_PRINTF(3, 4);
/* Appends s to the string in dst, truncating at size. */
void bench_cat(char *dst, size_t size, const char *s);

/* ---- canvas (bench_render.c) ----------------------------------------- */

typedef enum bench_align {
	BENCH_ALIGN_LEFT = 0,
	BENCH_ALIGN_CENTER,    /* centered on the text column */
	BENCH_ALIGN_RIGHT_HALF /* centered on the column's right half: signature blocks */
} bench_align;

typedef struct bench_style {
	const char *family;
	double size_pt;
	bool bold;
	bool italic;
	bench_align align;
	double leading; /* line pitch in ems; 0 is the default 1.5 */
} bench_style;

typedef struct bench_canvas bench_canvas;

int bench_canvas_new(int dpi, bench_canvas **out, core_err *err);
void bench_canvas_free(bench_canvas *c);
/* Page margins in cm; the column and y return to them. */
void bench_canvas_margins(bench_canvas *c, double left, double right, double top, double bottom);
/* Narrows flow drawing to a box in pixels (cards, header columns); y
 * moves to its top.  bench_canvas_area_reset returns to the margins
 * and keeps y. */
void bench_canvas_area(bench_canvas *c, int x0, int y0, int x1, int y1);
void bench_canvas_area_reset(bench_canvas *c);
int bench_canvas_y(const bench_canvas *c);
void bench_canvas_set_y(bench_canvas *c, int y);
/* Left edge of the current column in pixels. */
int bench_canvas_x(const bench_canvas *c);
void bench_canvas_size(const bench_canvas *c, int *width, int *height);
int bench_canvas_dpi(const bench_canvas *c);
/* For frames, photos and fingerprints: the source alpha is ink. */
cairo_t *bench_canvas_cr(bench_canvas *c);
/* Where a signature (and a stamp) belongs; -1, -1 when none was set. */
void bench_canvas_mark(bench_canvas *c, int x, int y);
void bench_canvas_get_mark(const bench_canvas *c, int *x, int *y);
/* Width in pixels available for text in the column. */
int bench_canvas_text_width(const bench_canvas *c);
/* Pixels for a length in points at the canvas resolution. */
int bench_canvas_px(const bench_canvas *c, double pt);
/* Line pitch of a style in pixels. */
int bench_canvas_pitch(const bench_canvas *c, const bench_style *s);
/* How many more lines of this style fit above the bottom of the column. */
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
/*
 * Two pieces on one line in two styles (a label and its value, or two
 * fields of a card row), recorded as one line "a b".  b starts at
 * b_px from the column's left edge, or right after a when b_px < 0.
 */
int bench_canvas_draw_pair(bench_canvas *c, const bench_style *sa, const char *a,
                           const bench_style *sb, const char *b, int b_px, core_err *err);
/* One side of a row of side-by-side text: a header column, a form's
 * left or right half.  x0/x1 in pixels from the page's left edge. */
typedef struct bench_cell {
	const bench_style *s; /* LEFT or CENTER within [x0, x1] */
	const char *text;     /* NULL or "" for an empty side */
	int x0, x1;
	int hang; /* indent of wrapped lines of a left-aligned cell */
} bench_cell;

/*
 * Side-by-side cells, each wrapped to its width, their lines set on
 * shared baselines.  Each visual row is one truth line, the cells'
 * pieces joined left to right by a space: Tesseract reads such blocks
 * row by row, not column by column (measured on the Decree 30 header).
 */
int bench_canvas_row(bench_canvas *c, const bench_cell *cells, int n, core_err *err);
/* Wraps and draws; CORE_ELIMIT if the column is full. */
int bench_canvas_text(bench_canvas *c, const bench_style *s, int first_px, int rest_px,
                      const char *text, core_err *err);
/*
 * Draws one line of text with its top-left at (x, y) and records it on
 * its row: joined to the truth line already drawn at that height (left
 * or right of it, by position), else a line of its own in top-to-bottom
 * order.  For labels beside a block of text (fingerprints on a card).
 */
int bench_canvas_place(bench_canvas *c, const bench_style *s, int x, int y, const char *text,
                       core_err *err);
void bench_canvas_skip(bench_canvas *c, double pt);
int bench_canvas_n_lines(const bench_canvas *c);
const char *bench_canvas_line(const bench_canvas *c, int i);
/* Converts the drawing to an 8-bit gray raster (0 black, 255 white). */
int bench_canvas_finish(bench_canvas *c, bench_raster *out, core_err *err);

void bench_a4_size(int dpi, int *width, int *height);

/* ---- files (bench_tiff.c) -------------------------------------------- */

/* ".<name>.tmp" beside path (malloc'd), and its atomic rename into place;
 * the temp file is removed if the rename fails. */
char *bench_tmp_name(const char *path);
int bench_commit_file(const char *tmp, const char *path, core_err *err);

/* Streaming multi-page TIFF writer: temp file, renamed on close. */
typedef struct bench_tiff bench_tiff;

int bench_tiff_open(const char *path, const char *compression, int bits, bool write_resolution,
                    int n_pages, bench_tiff **out, core_err *err);
int bench_tiff_add(bench_tiff *t, const bench_raster *page, core_err *err);
/* Adds a page stored bilevel G4 whatever the file's compression. */
int bench_tiff_add_g4(bench_tiff *t, const bench_raster *page, core_err *err);
/* Renames into place only if every page was written; always frees t. */
int bench_tiff_close(bench_tiff *t, bool commit, core_err *err);

/* ---- seeded generator and values (bench_values.c) -------------------- */

/* xoshiro256** seeded through splitmix64: fast, and the same stream on
 * every platform (rand() is neither). */
typedef struct bench_rng {
	uint64_t s[4];
} bench_rng;

void bench_rng_seed(bench_rng *r, uint64_t seed);
uint64_t bench_rng_next(bench_rng *r);
/* Uniform in [0, n); n > 0. */
uint32_t bench_rng_below(bench_rng *r, uint32_t n);
/* Uniform in [0, 1). */
double bench_rng_unit(bench_rng *r);
/* Mixes a seed with a sequence of numbers into an independent seed. */
uint64_t bench_seed_mix(uint64_t seed, uint64_t a, uint64_t b);

typedef struct bench_date {
	int y, m, d;
} bench_date;

typedef enum bench_date_style {
	BENCH_DATE_ISO = 0, /* 1990-03-05 */
	BENCH_DATE_SLASH,   /* 05/03/1990: cards */
	BENCH_DATE_DASH,    /* 05-03-1990: the old CMND */
	BENCH_DATE_WORDS,   /* ngày 05 tháng 3 năm 1990 */
	BENCH_DATE_SPELLED, /* Ngày năm, tháng ba, năm một nghìn chín trăm chín mươi */
	BENCH_DATE_YYMMDD   /* 900305: MRZ */
} bench_date_style;

int bench_days_in(int year, int month);
void bench_date_random(bench_rng *r, int y0, int y1, bench_date *d);
void bench_date_add(bench_date *d, int days);
/* Negative, zero or positive as a is before, on or after b. */
int bench_date_cmp(const bench_date *a, const bench_date *b);
void bench_date_fmt(const bench_date *d, bench_date_style st, char *out, size_t size);
/* Vietnamese number words ("một trăm linh năm"). */
void bench_number_words(uint64_t n, char *out, size_t size);
/* 8000000000 -> "8.000.000.000". */
void bench_group_digits(uint64_t n, char *out, size_t size);

uint32_t bench_n_provinces(void);
const char *bench_province_code(uint32_t p); /* "001" */
bool bench_province_city(uint32_t p);
/* "tỉnh Long An", "thành phố Hà Nội" (capital: "Tỉnh", "Thành phố"). */
void bench_province_name(uint32_t p, bool capital, char *out, size_t size);
const char *bench_province_short(uint32_t p); /* "Long An" */

/* An address: a house or village part, then commune, district, province. */
typedef struct bench_addr {
	char head[64]; /* "Số 12 đường Lê Lợi", "Thôn 3" or "" */
	const char *commune, *district;
	uint32_t prov;
} bench_addr;

typedef enum bench_addr_style {
	BENCH_ADDR_FULL = 0, /* Thôn 3, xã Tân Phú, huyện Đức Hòa, tỉnh Long An */
	BENCH_ADDR_CARD,     /* Thôn 3, Tân Phú, Đức Hòa, Long An */
	BENCH_ADDR_UNIT      /* xã Tân Phú, huyện Đức Hòa, tỉnh Long An */
} bench_addr_style;

void bench_make_addr(bench_rng *r, uint32_t prov, bool with_head, bench_addr *a);
void bench_addr_fmt(const bench_addr *a, bench_addr_style st, char *out, size_t size);
/* "xã Tân Phú" / "phường Tân Phú". */
void bench_addr_commune(const bench_addr *a, char *out, size_t size);

typedef struct bench_person {
	char name[96]; /* title case: Nguyễn Thị Thanh Hương */
	bool female;
	bench_date dob;
	char id[13]; /* personal identification number */
	uint32_t prov;
	const char *ethnic;
	bench_addr origin, home;
} bench_person;

void bench_make_name(bench_rng *r, bool female, const char *family, char *out, size_t size);
/* A person born between y0 and y1 whose birth was registered in prov. */
void bench_make_person(bench_rng *r, bool female, const char *family, int y0, int y1, uint32_t prov,
                       bench_person *p);
/* The family name (first word) of a full name. */
void bench_family_of(const char *name, char *out, size_t size);
/* PPP G YY NNNNNN for a person's province, sex and birth year. */
void bench_make_id(bench_rng *r, uint32_t prov, bool female, int year, char out[13]);
/* Nine digits starting with the province's two-digit code. */
void bench_make_cmnd(bench_rng *r, uint32_t prov, char out[10]);
void bench_make_enterprise_code(bench_rng *r, char out[11]);
/* Upper case through Unicode case mapping ("NGUYỄN VĂN AN"). */
void bench_upper(const char *s, char *out, size_t size);
/* Vietnamese letters folded to ASCII capitals (Đ -> D, Ễ -> E). */
void bench_ascii_upper(const char *s, char *out, size_t size);
/* Capitalises a leading ASCII letter ("xã" -> "Xã"). */
void bench_cap(char *s);

/* ---- documents (bench_pages.c and the template files) ---------------- */

typedef enum bench_doc_type {
	BENCH_DOC_CCCD = 0,
	BENCH_DOC_CMND,
	BENCH_DOC_BIRTH,
	BENCH_DOC_MARRIAGE,
	BENCH_DOC_MARITAL,
	BENCH_DOC_BUSINESS,
	BENCH_DOC_LAND,
	BENCH_DOC_DECISION,
	BENCH_DOC_FORM,
	BENCH_DOC_OTHER, /* prose */
	BENCH_DOC_BLANK, /* separator sheet, no document */
	BENCH_DOC_N
} bench_doc_type;

/* "cccd", ..., "other"; "blank" for separators. */
const char *bench_doc_type_name(bench_doc_type t);
/* Page kind in the truth: the type, "prose" or "blank". */
const char *bench_doc_kind_name(bench_doc_type t);
int bench_doc_page_count(bench_doc_type t);

typedef struct bench_doc {
	bench_doc_type type;
	uint64_t seed;        /* everything drawn on the document */
	bench_person subject; /* the dossier's applicant, shared by its papers */
	int font;             /* index into the font list */
	int topic;            /* what the dossier asks for (form titles), -1: any */
} bench_doc;

typedef struct bench_page_out {
	bench_raster raster;
	const char *font;
	double size_pt;
	const char *layout;
	json_t *lines;      /* array of the drawn lines, reading order */
	json_t *fields;     /* object; empty for prose and blank pages */
	int mark_x, mark_y; /* signature block, -1 when none */
} bench_page_out;

/* Renders page `page` (0-based) of a document. */
int bench_doc_render(const bench_doc *d, int page, int dpi, bench_page_out *out, core_err *err);
void bench_page_out_free(bench_page_out *p);

/* What a template draws with: the canvas, styles in the page's font,
 * its rng and the truth fields. */
typedef struct bench_ctx {
	bench_canvas *c;
	bench_rng *rng;
	const bench_doc *doc;
	int page;
	int attempt; /* 0, or how many times the page overflowed */
	const char *family;
	double body_pt;
	double font_size; /* reported in the truth: body_pt, or the card's type */
	bench_style body, bold, center, title, header, italic;
	bench_style sig_bold, sig_italic;
	int hang; /* continuation indent of wrapped field values */
	const char *layout;
	json_t *fields;
	core_err *err;
} bench_ctx;

typedef struct bench_kv {
	const char *key, *value;
} bench_kv;

/* Shared drawing helpers (bench_pages.c). */
int bench_field(bench_ctx *x, const char *key, const char *value);
int bench_fields(bench_ctx *x, const bench_kv *kv, size_t n);
/* "Label: value" as one truth line, wrapped with a hanging indent. */
int bench_labelled(bench_ctx *x, const char *label, const char *value);
/* Labelled rows; a NULL key is a small gap between sections. */
int bench_rows(bench_ctx *x, const bench_kv *rows, size_t n);
int bench_national_header(bench_ctx *x);
/* The right-hand block: date line, role, hint, room to sign, name. */
int bench_signature(bench_ctx *x, const char *date_line, const char *role, const char *hint,
                    const char *name);
/*
 * Decree 30/2020 header: the issuing body (and number) on the left, the
 * national motto (and date line) on the right; truth has the left
 * block first, then the right one, as Tesseract reads two columns.
 * Bit i of left_bold sets left[i] in bold.
 */
int bench_two_column_header(bench_ctx *x, const char *const *left, int n_left, unsigned left_bold,
                            const char *const *right, int n_right, const char *date_line);

/* Templates, one per file by concern. */
int bench_card_page(bench_ctx *x);     /* bench_cards.c: cccd, cmnd */
int bench_birth_page(bench_ctx *x);    /* bench_civil.c */
int bench_marriage_page(bench_ctx *x); /* bench_civil.c */
int bench_marital_page(bench_ctx *x);  /* bench_civil.c */
int bench_business_page(bench_ctx *x); /* bench_land.c */
int bench_land_page(bench_ctx *x);     /* bench_land.c */
int bench_decision_page(bench_ctx *x); /* bench_forms.c */
int bench_form_page(bench_ctx *x);     /* bench_forms.c */

/* bench_cards.c: the three TD1 MRZ lines of a card (31 bytes each). */
void bench_mrz_make(const char *id, const bench_date *dob, bool female, const bench_date *expiry,
                    const char *name, char lines[3][31]);

/* bench_prose.c: 20 to 35 lines of administrative prose, optionally
 * under a centered heading (title) and subject line (subtitle);
 * *layout names which ("prose_headed", "prose_plain"). */
int bench_prose_draw(bench_canvas *c, bench_rng *r, const bench_style *body,
                     const bench_style *title, const bench_style *subtitle, const char **layout,
                     core_err *err);

/* ---- dossier plan (bench_plan.c) -------------------------------------- */

typedef struct bench_plan_page {
	bench_doc_type type;
	int doc;  /* index of the document in the dossier, -1 for blank */
	int part; /* page of that document, 0-based */
} bench_plan_page;

/* Where the corpus-wide cycle of lead types stands between dossiers. */
typedef struct bench_plan_state {
	int pos;  /* next lead in the cycle */
	int owed; /* a lead that did not fit its dossier, tried first next; -1 none */
} bench_plan_state;

/*
 * Plans a dossier of n pages: documents in realistic mixes around lead
 * types taken in turn from the corpus-wide cycle, blank separators now
 * and then.  docs gets one entry per document (at most n), pages one
 * per page.
 */
void bench_plan_dossier(uint64_t seed, int index, int n, bench_plan_state *st, bench_doc *docs,
                        int *n_docs, bench_plan_page *pages);

/* ---- degradations (bench_degrade.c, bench_marks.c) -------------------- */

typedef enum bench_deg {
	BENCH_DEG_CLEAN = 0,
	BENCH_DEG_SKEW,
	BENCH_DEG_ROT90,
	BENCH_DEG_ROT180,
	BENCH_DEG_ROT270,
	BENCH_DEG_DPI200,
	BENCH_DEG_DPI400,
	BENCH_DEG_GAUSS,
	BENCH_DEG_SPECKLE,
	BENCH_DEG_BLUR,
	BENCH_DEG_JPEG,
	BENCH_DEG_G4,
	BENCH_DEG_LOWCONTRAST,
	BENCH_DEG_BORDER,
	BENCH_DEG_STAMP,
	BENCH_DEG_SIGNATURE,
	BENCH_DEG_N
} bench_deg;

const char *bench_deg_name(bench_deg d);
/* BENCH_DEG_N when unknown. */
bench_deg bench_deg_lookup(const char *name, size_t len);

/* A page's degradation: one name, or several joined by '+'. */
#define BENCH_DEG_MAX_OPS 4
typedef struct bench_deg_spec {
	bench_deg ops[BENCH_DEG_MAX_OPS];
	int n;
} bench_deg_spec;

/* A --degrade list: comma-separated specs, or "mixed" (every defect in
 * turn, a third of the pages clean).  The caller frees *out. */
int bench_deg_parse(const char *list, bench_deg_spec **out, int *n, core_err *err);
/* The resolution a spec renders at (dpi200 / dpi400), else base. */
int bench_deg_dpi(const bench_deg_spec *s, int base);
bool bench_deg_bilevel(const bench_deg_spec *s);
/* "clean", "skew", "skew+jpeg". */
void bench_deg_spec_name(const bench_deg_spec *s, char *out, size_t size);
/*
 * Applies the spec's image operations to page in order; params (a JSON
 * object) receives what was drawn (angle, sigma, quality, ...).
 * mark_x/mark_y place stamps and signatures (-1: lower right).
 */
int bench_deg_apply(const bench_deg_spec *s, uint64_t seed, int mark_x, int mark_y,
                    bench_raster *page, json_t *params, core_err *err);

/* bench_marks.c: ink drawn over the page. */
int bench_mark_stamp(bench_raster *page, bench_rng *r, int cx, int cy, json_t *params,
                     core_err *err);
int bench_mark_signature(bench_raster *page, bench_rng *r, int cx, int cy, json_t *params,
                         core_err *err);

/* Sets o[key] = v (stealing v); CORE_ENOMEM when v is NULL. */
int bench_json_set(json_t *o, const char *key, json_t *v, core_err *err);

#endif
