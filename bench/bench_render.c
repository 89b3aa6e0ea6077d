/*
 * bench_render.c - pango/cairo page canvas.  Lines are never wrapped by
 * pango: the canvas breaks text itself by measuring, so the recorded
 * truth lines are exactly the drawn lines.
 */
#include "bench_priv.h"

#include <fontconfig/fontconfig.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define BENCH_MIN_DPI 50
#define BENCH_MAX_DPI 1200
/* Generous leading: stacked Vietnamese diacritics (Ấ, Ệ) rise above the
 * ascent and must not touch the previous line's descenders. */
#define BENCH_LINE_PITCH 1.5
#define BENCH_MARGIN_CM  2.0

/* Families verified as installed, so a page switching between its text
 * and the MRZ font checks each once. */
#define BENCH_CHECKED_MAX 8

/* A line of truth and where it sits, so that text placed later on the
 * same row joins it (as Tesseract joins it). */
typedef struct bench_line {
	char *text;
	int x, y, h;
} bench_line;

struct bench_canvas {
	int dpi, width, height;
	int margin_l, margin_r, margin_top, margin_bottom;
	int x0, x1, bottom; /* the current column and its lower limit */
	int y;
	int mark_x, mark_y;
	cairo_surface_t *surface;
	cairo_t *cr;
	PangoLayout *layout;
	char *checked[BENCH_CHECKED_MAX];
	int n_checked;
	bench_line *lines; /* the truth, in reading order */
	int n_lines, cap_lines;
};

void bench_raster_free(bench_raster *r)
{
	if (!r)
		return;
	free(r->pixels);
	r->pixels = NULL;
	r->width = r->height = 0;
}

void bench_a4_size(int dpi, int *width, int *height)
{
	*width = (int)lround(BENCH_A4_W_IN * dpi);
	*height = (int)lround(BENCH_A4_H_IN * dpi);
}

int bench_canvas_px(const bench_canvas *c, double pt)
{
	return (int)lround(pt * c->dpi / 72.0);
}

int bench_canvas_text_width(const bench_canvas *c)
{
	return c->x1 - c->x0;
}

void bench_canvas_margins(bench_canvas *c, double left, double right, double top, double bottom)
{
	c->margin_l = (int)lround(left / 2.54 * c->dpi);
	c->margin_r = (int)lround(right / 2.54 * c->dpi);
	c->margin_top = (int)lround(top / 2.54 * c->dpi);
	c->margin_bottom = (int)lround(bottom / 2.54 * c->dpi);
	c->x0 = c->margin_l;
	c->x1 = c->width - c->margin_r;
	c->bottom = c->height - c->margin_bottom;
	c->y = c->margin_top;
}

void bench_canvas_area(bench_canvas *c, int x0, int y0, int x1, int y1)
{
	c->x0 = x0;
	c->x1 = x1 > x0 ? x1 : x0 + 1;
	c->y = y0;
	c->bottom = y1;
}

void bench_canvas_area_reset(bench_canvas *c)
{
	c->x0 = c->margin_l;
	c->x1 = c->width - c->margin_r;
	c->bottom = c->height - c->margin_bottom;
}

int bench_canvas_y(const bench_canvas *c)
{
	return c->y;
}

void bench_canvas_set_y(bench_canvas *c, int y)
{
	c->y = y;
}

int bench_canvas_x(const bench_canvas *c)
{
	return c->x0;
}

void bench_canvas_size(const bench_canvas *c, int *width, int *height)
{
	*width = c->width;
	*height = c->height;
}

int bench_canvas_dpi(const bench_canvas *c)
{
	return c->dpi;
}

cairo_t *bench_canvas_cr(bench_canvas *c)
{
	return c->cr;
}

void bench_canvas_mark(bench_canvas *c, int x, int y)
{
	c->mark_x = x;
	c->mark_y = y;
}

void bench_canvas_get_mark(const bench_canvas *c, int *x, int *y)
{
	*x = c->mark_x;
	*y = c->mark_y;
}

void bench_canvas_free(bench_canvas *c)
{
	if (!c)
		return;
	for (int i = 0; i < c->n_lines; i++)
		free(c->lines[i].text);
	free(c->lines);
	for (int i = 0; i < c->n_checked; i++)
		free(c->checked[i]);
	if (c->layout)
		g_object_unref(c->layout);
	if (c->cr)
		cairo_destroy(c->cr);
	if (c->surface)
		cairo_surface_destroy(c->surface);
	free(c);
}

int bench_canvas_new(int dpi, bench_canvas **out, core_err *err)
{
	cairo_font_options_t *fo = NULL;
	PangoContext *ctx;
	bench_canvas *c = NULL;
	int rc = 0;

	*out = NULL;
	if (dpi < BENCH_MIN_DPI || dpi > BENCH_MAX_DPI) {
		rc = core_err_set(err, CORE_EARG, "resolution out of range");
		core_err_detail(err, "dpi %d, allowed %d to %d", dpi, BENCH_MIN_DPI, BENCH_MAX_DPI);
		goto out;
	}
	c = calloc(1, sizeof(*c));
	if (!c) {
		rc = core_err_set(err, CORE_ENOMEM, "out of memory");
		goto out;
	}
	c->dpi = dpi;
	bench_a4_size(dpi, &c->width, &c->height);
	bench_canvas_margins(c, BENCH_MARGIN_CM, BENCH_MARGIN_CM, BENCH_MARGIN_CM, BENCH_MARGIN_CM);
	c->mark_x = c->mark_y = -1;
	/* A8 keeps one byte per pixel: coverage is ink, so gray = 255 - alpha. */
	c->surface = cairo_image_surface_create(CAIRO_FORMAT_A8, c->width, c->height);
	if (cairo_surface_status(c->surface) != CAIRO_STATUS_SUCCESS) {
		rc = core_err_set(err, CORE_ENOMEM, "cannot create the page surface");
		core_err_detail(err, "%dx%d: %s", c->width, c->height,
		                cairo_status_to_string(cairo_surface_status(c->surface)));
		goto out;
	}
	c->cr = cairo_create(c->surface);
	c->layout = pango_cairo_create_layout(c->cr);
	if (cairo_status(c->cr) != CAIRO_STATUS_SUCCESS || !c->layout) {
		rc = core_err_set(err, CORE_ENOMEM, "cannot create the drawing context");
		goto out;
	}
	cairo_set_source_rgba(c->cr, 0, 0, 0, 1);
	ctx = pango_layout_get_context(c->layout);
	pango_cairo_context_set_resolution(ctx, dpi);
	fo = cairo_font_options_create();
	cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
	/* Unhinted metrics keep line breaks the same at every dpi. */
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_SLIGHT);
	pango_cairo_context_set_font_options(ctx, fo);
	pango_layout_context_changed(c->layout);
	pango_layout_set_width(c->layout, -1);
	pango_layout_set_single_paragraph_mode(c->layout, TRUE);
out:
	if (fo)
		cairo_font_options_destroy(fo);
	if (rc) {
		bench_canvas_free(c);
		return rc;
	}
	*out = c;
	return 0;
}

int bench_canvas_pitch(const bench_canvas *c, const bench_style *s)
{
	return bench_canvas_px(c, s->size_pt * (s->leading > 0 ? s->leading : BENCH_LINE_PITCH));
}

int bench_canvas_room(const bench_canvas *c, const bench_style *s)
{
	int left = c->bottom - c->y;

	return left > 0 ? left / bench_canvas_pitch(c, s) : 0;
}

void bench_canvas_skip(bench_canvas *c, double pt)
{
	c->y += bench_canvas_px(c, pt);
}

int bench_canvas_n_lines(const bench_canvas *c)
{
	return c->n_lines;
}

const char *bench_canvas_line(const bench_canvas *c, int i)
{
	return i >= 0 && i < c->n_lines ? c->lines[i].text : NULL;
}

/* Pango silently substitutes a missing family; a corpus rendered in the
 * wrong font would be mislabelled, so refuse instead. */
static int bench_check_family(bench_canvas *c, const PangoFontDescription *want, const char *family,
                              core_err *err)
{
	PangoFontDescription *got = NULL;
	PangoFont *font;
	const char *got_family;
	int rc = 0;

	for (int i = 0; i < c->n_checked; i++)
		if (strcmp(c->checked[i], family) == 0)
			return 0;
	font = pango_context_load_font(pango_layout_get_context(c->layout), want);
	if (font)
		got = pango_font_describe(font);
	got_family = got ? pango_font_description_get_family(got) : NULL;
	if (!got_family || strcasecmp(got_family, family) != 0) {
		rc = core_err_set(err, CORE_EARG, "font not installed");
		core_err_detail(err, "wanted \"%s\", fontconfig offers \"%s\"", family,
		                got_family ? got_family : "nothing");
		goto out;
	}
	if (c->n_checked == BENCH_CHECKED_MAX) {
		free(c->checked[0]);
		memmove(c->checked, c->checked + 1, (BENCH_CHECKED_MAX - 1) * sizeof(char *));
		c->n_checked--;
	}
	c->checked[c->n_checked] = core_strdup(family);
	if (!c->checked[c->n_checked])
		rc = core_err_set(err, CORE_ENOMEM, "out of memory");
	else
		c->n_checked++;
out:
	if (got)
		pango_font_description_free(got);
	if (font)
		g_object_unref(font);
	return rc;
}

static int bench_set_text(bench_canvas *c, const bench_style *s, const char *text, core_err *err)
{
	PangoFontDescription *d;
	int rc;

	if (!s->family || !*s->family || !(s->size_pt > 0 && s->size_pt <= 200))
		return core_err_set(err, CORE_EARG, "bad font family or size");
	d = pango_font_description_new();
	if (!d)
		return core_err_set(err, CORE_ENOMEM, "out of memory");
	pango_font_description_set_family(d, s->family);
	pango_font_description_set_weight(d, s->bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_font_description_set_style(d, s->italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
	pango_font_description_set_size(d, (gint)lround(s->size_pt * PANGO_SCALE));
	rc = bench_check_family(c, d, s->family, err);
	if (rc == 0) {
		pango_layout_set_font_description(c->layout, d);
		pango_layout_set_text(c->layout, text, -1);
	}
	pango_font_description_free(d);
	return rc;
}

int bench_canvas_measure(bench_canvas *c, const bench_style *s, const char *text, int *width,
                         core_err *err)
{
	int rc = bench_set_text(c, s, text, err);

	if (rc)
		return rc;
	pango_layout_get_pixel_size(c->layout, width, NULL);
	return 0;
}

static int bench_push_line(char ***lines, int *n, int *cap, const char *s, size_t len,
                           core_err *err)
{
	char *copy;

	if (*n == *cap) {
		int ncap = *cap ? *cap * 2 : 16;
		char **nl = realloc(*lines, (size_t)ncap * sizeof(*nl));

		if (!nl)
			return core_err_set(err, CORE_ENOMEM, "out of memory");
		*lines = nl;
		*cap = ncap;
	}
	copy = strndup(s, len);
	if (!copy)
		return core_err_set(err, CORE_ENOMEM, "out of memory");
	(*lines)[(*n)++] = copy;
	return 0;
}

/* Appends a truth line at position at (0..n) with its place on the page. */
static int bench_record_at(bench_canvas *c, int at, const char *s, size_t len, int x, int y, int h,
                           core_err *err)
{
	char *copy;

	if (c->n_lines == c->cap_lines) {
		int ncap = c->cap_lines ? c->cap_lines * 2 : 32;
		bench_line *nl = realloc(c->lines, (size_t)ncap * sizeof(*nl));

		if (!nl)
			return core_err_set(err, CORE_ENOMEM, "out of memory");
		c->lines = nl;
		c->cap_lines = ncap;
	}
	copy = strndup(s, len);
	if (!copy)
		return core_err_set(err, CORE_ENOMEM, "out of memory");
	memmove(c->lines + at + 1, c->lines + at, (size_t)(c->n_lines - at) * sizeof(*c->lines));
	c->lines[at] = (bench_line){copy, x, y, h};
	c->n_lines++;
	return 0;
}

static int bench_record(bench_canvas *c, const char *s, size_t len, int x, int y, int h,
                        core_err *err)
{
	return bench_record_at(c, c->n_lines, s, len, x, y, h, err);
}

int bench_canvas_wrap(bench_canvas *c, const bench_style *s, const char *text, int first_px,
                      int rest_px, char ***lines, int *n_lines, core_err *err)
{
	char **out = NULL;
	char *cand = NULL;
	int n = 0, cap = 0, rc = 0;
	const char *start = text;

	*lines = NULL;
	*n_lines = 0;
	cand = malloc(strlen(text) + 1);
	if (!cand) {
		rc = core_err_set(err, CORE_ENOMEM, "out of memory");
		goto out;
	}
	while (*start == ' ')
		start++;
	while (*start) {
		int limit = bench_canvas_text_width(c) - (n == 0 ? first_px : rest_px);
		const char *fit_end = NULL, *p = start;

		/* Grow the line word by word until the next word overflows. */
		for (;;) {
			const char *end = p;
			int w;

			while (*end && *end != ' ')
				end++;
			memcpy(cand, start, (size_t)(end - start));
			cand[end - start] = '\0';
			rc = bench_canvas_measure(c, s, cand, &w, err);
			if (rc)
				goto out;
			if (w > limit && fit_end)
				break;
			fit_end = end;
			if (w > limit || !*end)
				break;
			p = end;
			while (*p == ' ')
				p++;
			if (!*p)
				break;
		}
		rc = bench_push_line(&out, &n, &cap, start, (size_t)(fit_end - start), err);
		if (rc)
			goto out;
		start = fit_end;
		while (*start == ' ')
			start++;
	}
out:
	free(cand);
	if (rc) {
		for (int i = 0; i < n; i++)
			free(out[i]);
		free(out);
		return rc;
	}
	*lines = out;
	*n_lines = n;
	return 0;
}

static int bench_show(bench_canvas *c, const bench_style *s, int x, int y, const char *text,
                      core_err *err)
{
	int rc = bench_set_text(c, s, text, err);

	if (rc)
		return rc;
	cairo_move_to(c->cr, x, y);
	pango_cairo_show_layout(c->cr, c->layout);
	return 0;
}

/* Distance from the top of a line of text to its baseline, in pixels. */
static int bench_baseline(bench_canvas *c, const bench_style *s, const char *text, int *px,
                          core_err *err)
{
	int rc = bench_set_text(c, s, text, err);

	if (rc == 0)
		*px = pango_layout_get_baseline(c->layout) / PANGO_SCALE;
	return rc;
}

static int bench_no_room(const bench_canvas *c, int pitch, const char *text, core_err *err)
{
	int rc;

	if (c->y + pitch <= c->bottom)
		return 0;
	rc = core_err_set(err, CORE_ELIMIT, "text does not fit on the page");
	core_err_detail(err, "no room left for \"%s\"", text);
	return rc;
}

static int bench_too_wide(const bench_canvas *c, int w, const char *text, core_err *err)
{
	int rc;

	if (w <= bench_canvas_text_width(c))
		return 0;
	rc = core_err_set(err, CORE_ELIMIT, "line wider than the page");
	core_err_detail(err, "%d px in a %d px column: \"%s\"", w, bench_canvas_text_width(c),
	                text);
	return rc;
}

int bench_canvas_draw(bench_canvas *c, const bench_style *s, int indent_px, const char *text,
                      core_err *err)
{
	int w, x, col = bench_canvas_text_width(c), pitch = bench_canvas_pitch(c, s), mid, rc;

	rc = bench_canvas_measure(c, s, text, &w, err);
	if (rc == 0)
		rc = bench_no_room(c, pitch, text, err);
	if (rc == 0)
		rc = bench_too_wide(c, indent_px + w, text, err);
	if (rc)
		return rc;
	switch (s->align) {
	case BENCH_ALIGN_CENTER:
		x = c->x0 + (col - w) / 2;
		break;
	case BENCH_ALIGN_RIGHT_HALF:
		mid = (c->x0 + c->x1) / 2;
		x = mid + (c->x1 - mid - w) / 2;
		if (x < c->x0)
			x = c->x0;
		break;
	default:
		x = c->x0 + indent_px;
		break;
	}
	rc = bench_record(c, text, strlen(text), x, c->y, pitch, err);
	if (rc)
		return rc;
	cairo_move_to(c->cr, x, c->y);
	pango_cairo_show_layout(c->cr, c->layout);
	c->y += pitch;
	return 0;
}

int bench_canvas_draw_pair(bench_canvas *c, const bench_style *sa, const char *a,
                           const bench_style *sb, const char *b, int b_px, core_err *err)
{
	int wa, wb, pa = bench_canvas_pitch(c, sa), pb = bench_canvas_pitch(c, sb);
	int pitch = pa > pb ? pa : pb, bx, ba, bb, rc;
	char *joined = NULL;
	size_t la = strlen(a), lb = strlen(b);

	joined = malloc(la + lb + 2);
	if (!joined) {
		rc = core_err_set(err, CORE_ENOMEM, "out of memory");
		goto out;
	}
	memcpy(joined, a, la);
	joined[la] = ' ';
	memcpy(joined + la + 1, b, lb + 1);
	rc = bench_canvas_measure(c, sa, a, &wa, err);
	if (rc == 0)
		rc = bench_canvas_measure(c, sb, b, &wb, err);
	if (rc)
		goto out;
	/* A third of an em: a space in most fonts. */
	bx = b_px >= 0 ? b_px : wa + bench_canvas_px(c, sa->size_pt / 3);
	rc = bench_no_room(c, pitch, joined, err);
	if (rc == 0)
		rc = bench_too_wide(c, bx + wb, joined, err);
	if (rc == 0)
		rc = bench_baseline(c, sa, a, &ba, err);
	if (rc == 0)
		rc = bench_baseline(c, sb, b, &bb, err);
	/* Both pieces on one baseline, as a typesetter would set them. */
	if (rc == 0)
		rc = bench_show(c, sa, c->x0, c->y + (ba > bb ? ba : bb) - ba, a, err);
	if (rc == 0)
		rc = bench_show(c, sb, c->x0 + bx, c->y + (ba > bb ? ba : bb) - bb, b, err);
	if (rc == 0)
		rc = bench_record(c, joined, strlen(joined), c->x0, c->y, pitch, err);
	if (rc == 0)
		c->y += pitch;
out:
	free(joined);
	return rc;
}

#define BENCH_ROW_CELLS 4

int bench_canvas_row(bench_canvas *c, const bench_cell *cells, int n, core_err *err)
{
	char **lines[BENCH_ROW_CELLS] = {0};
	int counts[BENCH_ROW_CELLS] = {0}, x0 = c->x0, x1 = c->x1, rows = 0, rc = 0;
	core_buf joined;

	core_buf_init(&joined, 4 * BENCH_TEXT_MAX);
	if (n < 1 || n > BENCH_ROW_CELLS) {
		rc = core_err_set(err, CORE_EINTERNAL, "bad cell count %d", n);
		goto out;
	}
	for (int i = 0; rc == 0 && i < n; i++) {
		if (!cells[i].text || !*cells[i].text)
			continue;
		c->x0 = cells[i].x0;
		c->x1 = cells[i].x1;
		rc = bench_canvas_wrap(c, cells[i].s, cells[i].text, 0, cells[i].hang, &lines[i],
		                       &counts[i], err);
		if (counts[i] > rows)
			rows = counts[i];
	}
	for (int r = 0; rc == 0 && r < rows; r++) {
		int pitch = 0, base = 0, b[BENCH_ROW_CELLS] = {0}, w;

		for (int i = 0; rc == 0 && i < n; i++) {
			if (r >= counts[i])
				continue;
			rc = bench_baseline(c, cells[i].s, lines[i][r], &b[i], err);
			if (b[i] > base)
				base = b[i];
			if (bench_canvas_pitch(c, cells[i].s) > pitch)
				pitch = bench_canvas_pitch(c, cells[i].s);
		}
		core_buf_reset(&joined);
		for (int i = 0; rc == 0 && i < n; i++)
			if (r < counts[i])
				rc = core_buf_printf(&joined, err, "%s%s", joined.len ? " " : "",
				                     lines[i][r]);
		rc = rc ? rc : bench_no_room(c, pitch, joined.data, err);
		for (int i = 0; rc == 0 && i < n; i++) {
			const bench_cell *k = &cells[i];
			int x;

			if (r >= counts[i])
				continue;
			c->x0 = k->x0;
			c->x1 = k->x1;
			rc = bench_canvas_measure(c, k->s, lines[i][r], &w, err);
			x = k->s->align == BENCH_ALIGN_CENTER ? k->x0 + (k->x1 - k->x0 - w) / 2
			                                      : k->x0 + (r ? k->hang : 0);
			rc = rc ? rc : bench_too_wide(c, x - k->x0 + w, lines[i][r], err);
			rc = rc ? rc : bench_show(c, k->s, x, c->y + base - b[i], lines[i][r], err);
		}
		if (rc == 0)
			rc =
			    bench_record(c, joined.data, joined.len, cells[0].x0, c->y, pitch, err);
		c->y += pitch;
	}
out:
	c->x0 = x0;
	c->x1 = x1;
	for (int i = 0; i < BENCH_ROW_CELLS; i++) {
		for (int k = 0; k < counts[i]; k++)
			free(lines[i][k]);
		free(lines[i]);
	}
	core_buf_free(&joined);
	return rc;
}

int bench_canvas_place(bench_canvas *c, const bench_style *s, int x, int y, const char *text,
                       core_err *err)
{
	int h = bench_canvas_pitch(c, s), mid = y + h / 2, at, rc;
	char *joined;

	rc = bench_show(c, s, x, y, text, err);
	if (rc)
		return rc;
	for (int i = c->n_lines - 1; i >= 0; i--) {
		bench_line *l = &c->lines[i];
		size_t la, lb;

		if (mid < l->y || mid >= l->y + l->h)
			continue;
		/* The same row: joined in left-to-right order. */
		la = strlen(l->text);
		lb = strlen(text);
		joined = malloc(la + lb + 2);
		if (!joined)
			return core_err_set(err, CORE_ENOMEM, "out of memory");
		if (x < l->x)
			bench_fmt(joined, la + lb + 2, "%s %s", text, l->text);
		else
			bench_fmt(joined, la + lb + 2, "%s %s", l->text, text);
		free(l->text);
		l->text = joined;
		if (x < l->x)
			l->x = x;
		return 0;
	}
	/* A row of its own, in top-to-bottom order. */
	for (at = c->n_lines; at > 0 && c->lines[at - 1].y > y; at--)
		;
	return bench_record_at(c, at, text, strlen(text), x, y, h, err);
}

int bench_canvas_text(bench_canvas *c, const bench_style *s, int first_px, int rest_px,
                      const char *text, core_err *err)
{
	char **lines = NULL;
	int n = 0, rc;

	rc = bench_canvas_wrap(c, s, text, first_px, rest_px, &lines, &n, err);
	for (int i = 0; rc == 0 && i < n; i++)
		rc = bench_canvas_draw(c, s, i == 0 ? first_px : rest_px, lines[i], err);
	for (int i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
	return rc;
}

int bench_canvas_finish(bench_canvas *c, bench_raster *out, core_err *err)
{
	const unsigned char *data;
	int stride;

	memset(out, 0, sizeof(*out));
	cairo_surface_flush(c->surface);
	if (cairo_status(c->cr) != CAIRO_STATUS_SUCCESS) {
		int rc = core_err_set(err, CORE_EINTERNAL, "drawing failed");

		core_err_detail(err, "%s", cairo_status_to_string(cairo_status(c->cr)));
		return rc;
	}
	out->pixels = malloc((size_t)c->width * (size_t)c->height);
	if (!out->pixels)
		return core_err_set(err, CORE_ENOMEM, "out of memory");
	data = cairo_image_surface_get_data(c->surface);
	stride = cairo_image_surface_get_stride(c->surface);
	for (int y = 0; y < c->height; y++) {
		const unsigned char *src = data + (size_t)y * (size_t)stride;
		uint8_t *dst = out->pixels + (size_t)y * (size_t)c->width;

		for (int x = 0; x < c->width; x++)
			dst[x] = (uint8_t)(255 - src[x]);
	}
	out->width = c->width;
	out->height = c->height;
	out->dpi = c->dpi;
	return 0;
}

int bench_render_lines(const char *const *lines, int n_lines, const char *font, double size_pt,
                       int dpi, bench_raster *out, core_err *err)
{
	bench_style st = {.family = font, .size_pt = size_pt, .align = BENCH_ALIGN_LEFT};
	bench_canvas *c = NULL;
	int rc;

	memset(out, 0, sizeof(*out));
	if (n_lines < 0 || (n_lines > 0 && !lines) || !font) {
		rc = core_err_set(err, CORE_EARG, "bad arguments to bench_render_lines");
		goto out;
	}
	rc = bench_canvas_new(dpi, &c, err);
	if (rc)
		goto out;
	for (int i = 0; i < n_lines; i++) {
		if (!lines[i] || !*lines[i]) {
			/* An empty line is vertical space, as in a text editor. */
			bench_canvas_skip(c, size_pt * BENCH_LINE_PITCH);
			continue;
		}
		rc = bench_canvas_draw(c, &st, 0, lines[i], err);
		if (rc)
			goto out;
	}
	rc = bench_canvas_finish(c, out, err);
out:
	bench_canvas_free(c);
	return rc;
}

void bench_shutdown(void)
{
	pango_cairo_font_map_set_default(NULL);
	cairo_debug_reset_static_data();
	FcFini();
}
