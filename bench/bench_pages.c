/*
 * bench_pages.c - renders one page of a document: picks the font and
 * styles, runs the document's template (bench_cards.c, bench_civil.c,
 * bench_land.c, bench_forms.c, bench_prose.c) and collects the drawn
 * lines and the fields as truth.  Also the drawing helpers the
 * templates share (labelled rows, national header, signature block).
 */
#include "bench_priv.h"

#include <stdlib.h>
#include <string.h>

/* A template that overflows the page is drawn again with smaller type
 * and margins: the content (its own rng) never changes, so the pages
 * of a two-page document always agree. */
#define BENCH_ATTEMPTS 4

static const char *const bench_fonts[] = {"Liberation Serif", "DejaVu Sans", "Liberation Sans",
                                          "DejaVu Serif", "FreeSerif"};

static const struct {
	const char *type, *kind;
	int pages;
} bench_types[BENCH_DOC_N] = {
    [BENCH_DOC_CCCD] = {"cccd", "cccd", 1},
    [BENCH_DOC_CMND] = {"cmnd", "cmnd", 1},
    [BENCH_DOC_BIRTH] = {"birth_certificate", "birth_certificate", 1},
    [BENCH_DOC_MARRIAGE] = {"marriage_certificate", "marriage_certificate", 1},
    [BENCH_DOC_MARITAL] = {"marital_status_certificate", "marital_status_certificate", 1},
    [BENCH_DOC_BUSINESS] = {"business_registration", "business_registration", 1},
    [BENCH_DOC_LAND] = {"land_use_certificate", "land_use_certificate", 2},
    [BENCH_DOC_DECISION] = {"decision", "decision", 1},
    [BENCH_DOC_FORM] = {"application_form", "application_form", 1},
    [BENCH_DOC_OTHER] = {"other", "prose", 1},
    [BENCH_DOC_BLANK] = {"blank", "blank", 1},
};

const char *bench_doc_type_name(bench_doc_type t)
{
	return (unsigned)t < BENCH_DOC_N ? bench_types[t].type : "unknown";
}

const char *bench_doc_kind_name(bench_doc_type t)
{
	return (unsigned)t < BENCH_DOC_N ? bench_types[t].kind : "unknown";
}

int bench_doc_page_count(bench_doc_type t)
{
	return (unsigned)t < BENCH_DOC_N ? bench_types[t].pages : 1;
}

/* ---- shared drawing helpers ---------------------------------------- */

int bench_field(bench_ctx *x, const char *key, const char *value)
{
	json_t *v = json_string(value);

	if (!v || json_object_set_new(x->fields, key, v) != 0)
		return core_err_set(x->err, CORE_ENOMEM, "cannot build the truth fields");
	return 0;
}

int bench_fields(bench_ctx *x, const bench_kv *kv, size_t n)
{
	int rc = 0;

	for (size_t i = 0; rc == 0 && i < n; i++)
		rc = bench_field(x, kv[i].key, kv[i].value);
	return rc;
}

int bench_labelled(bench_ctx *x, const char *label, const char *value)
{
	char line[2 * BENCH_TEXT_MAX];

	bench_fmt(line, sizeof(line), "%s %s", label, value);
	return bench_canvas_text(x->c, &x->body, 0, x->hang, line, x->err);
}

int bench_rows(bench_ctx *x, const bench_kv *rows, size_t n)
{
	int rc = 0;

	for (size_t i = 0; rc == 0 && i < n; i++) {
		if (!rows[i].key)
			bench_canvas_skip(x->c, 6);
		else
			rc = bench_labelled(x, rows[i].key, rows[i].value);
	}
	return rc;
}

int bench_national_header(bench_ctx *x)
{
	int rc =
	    bench_canvas_draw(x->c, &x->header, 0, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", x->err);

	if (rc == 0)
		rc = bench_canvas_draw(x->c, &x->header, 0, "Độc lập - Tự do - Hạnh phúc", x->err);
	bench_canvas_skip(x->c, 12);
	return rc;
}

int bench_signature(bench_ctx *x, const char *date_line, const char *role, const char *hint,
                    const char *name)
{
	int rc = 0, top;

	bench_canvas_skip(x->c, 10);
	if (date_line)
		rc = bench_canvas_draw(x->c, &x->sig_italic, 0, date_line, x->err);
	top = bench_canvas_y(x->c);
	/* A role of several lines ("TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH") is
	 * given with newlines. */
	for (const char *p = role; rc == 0 && *p;) {
		size_t n = strcspn(p, "\n");
		char line[BENCH_TEXT_MAX];

		core_strlcpy(line, p, n + 1 < sizeof(line) ? n + 1 : sizeof(line));
		rc = bench_canvas_text(x->c, &x->sig_bold, 0, 0, line, x->err);
		p += n + (p[n] == '\n');
	}
	if (rc == 0 && hint)
		rc = bench_canvas_draw(x->c, &x->sig_italic, 0, hint, x->err);
	bench_canvas_skip(x->c, 40);
	if (rc == 0)
		rc = bench_canvas_draw(x->c, &x->sig_bold, 0, name, x->err);
	/* Signatures and stamps land on the role and the room below it. */
	bench_canvas_mark(x->c, bench_canvas_x(x->c) + bench_canvas_text_width(x->c) * 3 / 4,
	                  (top + bench_canvas_y(x->c)) / 2);
	return rc;
}

int bench_two_column_header(bench_ctx *x, const char *const *left, int n_left, unsigned left_bold,
                            const char *const *right, int n_right, const char *date_line)
{
	bench_canvas *c = x->c;
	bench_style rs = x->header, ds = x->italic;
	int x0 = bench_canvas_x(c), col = bench_canvas_text_width(c);
	int rows = n_left > n_right + (date_line ? 1 : 0) ? n_left : n_right + (date_line ? 1 : 0);
	int widest = 0, split, w, rc = 0;

	rs.align = ds.align = BENCH_ALIGN_CENTER;
	/* The motto decides the split: its column is as wide as its
	 * widest line, and the issuing body gets the rest. */
	for (int i = 0; rc == 0 && i < n_right; i++) {
		rc = bench_canvas_measure(c, &rs, right[i], &w, x->err);
		if (w > widest)
			widest = w;
	}
	if (rc == 0 && date_line) {
		rc = bench_canvas_measure(c, &ds, date_line, &w, x->err);
		if (w > widest)
			widest = w;
	}
	widest += bench_canvas_px(c, 8);
	split = x0 + col - (widest > col / 2 ? widest : col / 2);
	if (split < x0 + col / 3)
		split = x0 + col / 3;
	/* Row by row: "Số:" shares its row with the date line, as printed. */
	for (int i = 0; rc == 0 && i < rows; i++) {
		bench_style ls = x->header;
		bench_cell cells[2] = {
		    {&ls, i < n_left ? left[i] : NULL, x0, split - bench_canvas_px(c, 6), 0},
		    {i < n_right ? &rs : &ds,
		     i < n_right    ? right[i]
		     : i == n_right ? date_line
		                    : NULL,
		     split, x0 + col, 0},
		};

		ls.align = BENCH_ALIGN_CENTER;
		ls.bold = (left_bold >> i) & 1;
		rc = bench_canvas_row(c, cells, 2, x->err);
	}
	bench_canvas_skip(c, 14);
	return rc;
}

/* ---- pages ---------------------------------------------------------- */

void bench_page_out_free(bench_page_out *p)
{
	if (!p)
		return;
	bench_raster_free(&p->raster);
	json_decref(p->lines);
	json_decref(p->fields);
	p->lines = p->fields = NULL;
}

static bench_style bench_mk_style(const char *family, double pt, bool bold, bool italic,
                                  bench_align align)
{
	bench_style s = {
	    .family = family, .size_pt = pt, .bold = bold, .italic = italic, .align = align};

	return s;
}

static bool bench_is_wide(const char *family)
{
	return strncmp(family, "DejaVu", 6) == 0;
}

/* One attempt at the page: styles from srng, content from the doc. */
static int bench_doc_try(const bench_doc *d, int page, int dpi, int attempt, bench_page_out *out,
                         core_err *err)
{
	bench_rng rng, srng;
	bench_ctx x = {.rng = &rng, .doc = d, .page = page, .attempt = attempt, .err = err};
	const char *family = bench_fonts[(unsigned)d->font % N_(bench_fonts)];
	double body, left, right;
	int rc;

	bench_rng_seed(&rng, d->seed);
	bench_rng_seed(&srng, bench_seed_mix(d->seed, 0x5717e, (uint64_t)attempt));
	/* DejaVu is wide: 13 pt would wrap most field lines. */
	body = bench_is_wide(family) ? 12 : 12 + bench_rng_below(&srng, 2);
	body -= 0.5 * attempt;
	/* Decree 30/2020: left 30-35 mm, right 15-20 mm; older papers 20 mm. */
	left = (bench_rng_below(&srng, 2) ? 3.0 : 2.0) - 0.25 * attempt;
	right = 1.5 + 0.5 * bench_rng_below(&srng, 2) - 0.1 * attempt;
	x.family = family;
	x.body_pt = body;
	x.font_size = body;
	x.body = bench_mk_style(family, body, false, false, BENCH_ALIGN_LEFT);
	x.bold = bench_mk_style(family, body, true, false, BENCH_ALIGN_LEFT);
	x.italic = bench_mk_style(family, body, false, true, BENCH_ALIGN_LEFT);
	x.center = bench_mk_style(family, body, false, true, BENCH_ALIGN_CENTER);
	x.header = bench_mk_style(family, bench_is_wide(family) ? body - 1.5 : body - 0.5, true,
	                          false, BENCH_ALIGN_CENTER);
	x.title = bench_mk_style(family, 14 + bench_rng_below(&srng, 3) - attempt, true, false,
	                         BENCH_ALIGN_CENTER);
	x.sig_bold = bench_mk_style(family, body, true, false, BENCH_ALIGN_RIGHT_HALF);
	x.sig_italic = bench_mk_style(family, body, false, true, BENCH_ALIGN_RIGHT_HALF);
	x.layout = "default";
	memset(out, 0, sizeof(*out));
	out->mark_x = out->mark_y = -1;
	out->font = family;
	out->size_pt = body;
	out->lines = json_array();
	x.fields = out->fields = json_object();
	if (!out->lines || !out->fields) {
		rc = core_err_set(err, CORE_ENOMEM, "out of memory");
		goto out;
	}
	rc = bench_canvas_new(dpi, &x.c, err);
	if (rc)
		goto out;
	bench_canvas_margins(x.c, left, right, 2.0, 2.0 - 0.25 * attempt);
	x.hang = bench_canvas_px(x.c, 24);
	switch (d->type) {
	case BENCH_DOC_CCCD:
	case BENCH_DOC_CMND:
		rc = bench_card_page(&x);
		break;
	case BENCH_DOC_BIRTH:
		rc = bench_birth_page(&x);
		break;
	case BENCH_DOC_MARRIAGE:
		rc = bench_marriage_page(&x);
		break;
	case BENCH_DOC_MARITAL:
		rc = bench_marital_page(&x);
		break;
	case BENCH_DOC_BUSINESS:
		rc = bench_business_page(&x);
		break;
	case BENCH_DOC_LAND:
		rc = bench_land_page(&x);
		break;
	case BENCH_DOC_DECISION:
		rc = bench_decision_page(&x);
		break;
	case BENCH_DOC_FORM:
		rc = bench_form_page(&x);
		break;
	case BENCH_DOC_OTHER:
		rc = bench_prose_draw(x.c, &rng, &x.body, &x.title, &x.header, &x.layout, err);
		break;
	case BENCH_DOC_BLANK:
		x.layout = "blank";
		break;
	default:
		rc = core_err_set(err, CORE_EINTERNAL, "unknown document type %d", (int)d->type);
		break;
	}
	if (rc)
		goto out;
	out->layout = x.layout;
	out->font = x.family;
	out->size_pt = x.font_size;
	for (int i = 0; i < bench_canvas_n_lines(x.c); i++) {
		json_t *s = json_string(bench_canvas_line(x.c, i));

		if (!s || json_array_append_new(out->lines, s) != 0) {
			rc = core_err_set(err, CORE_ENOMEM, "cannot build the truth lines");
			goto out;
		}
	}
	bench_canvas_get_mark(x.c, &out->mark_x, &out->mark_y);
	rc = bench_canvas_finish(x.c, &out->raster, err);
out:
	bench_canvas_free(x.c);
	if (rc)
		bench_page_out_free(out);
	return rc;
}

int bench_doc_render(const bench_doc *d, int page, int dpi, bench_page_out *out, core_err *err)
{
	core_err e1;
	int rc = CORE_ELIMIT;

	for (int attempt = 0; rc == CORE_ELIMIT && attempt < BENCH_ATTEMPTS; attempt++) {
		/* Only the last attempt's error is the caller's. */
		core_err_clear(&e1);
		rc = bench_doc_try(d, page, dpi, attempt, out,
		                   attempt + 1 < BENCH_ATTEMPTS ? &e1 : err);
	}
	return rc;
}
