/*
 * bench_marks.c - ink put on the paper after printing: the office's
 * round red stamp (a mid-gray ring in a gray scan) and a handwritten
 * signature, both over the signature block and the text around it.
 * Neither is in the truth lines: the truth is the printed document,
 * and what OCR makes of the marks is the defect being measured.
 */
#include "bench_priv.h"

#include <math.h>
#include <pango/pangocairo.h>
#include <stdlib.h>
#include <string.h>

/* A small A8 surface over part of the page: coverage is ink. */
typedef struct bench_ink {
	cairo_surface_t *s;
	cairo_t *cr;
	int x, y, w, h;
} bench_ink;

static int bench_ink_new(bench_ink *k, int x, int y, int w, int h, core_err *err)
{
	memset(k, 0, sizeof(*k));
	k->x = x;
	k->y = y;
	k->w = w;
	k->h = h;
	k->s = cairo_image_surface_create(CAIRO_FORMAT_A8, w, h);
	k->cr = cairo_create(k->s);
	if (cairo_status(k->cr) != CAIRO_STATUS_SUCCESS)
		return core_err_set(err, CORE_ENOMEM, "cannot create the ink surface");
	return 0;
}

static void bench_ink_free(bench_ink *k)
{
	if (k->cr)
		cairo_destroy(k->cr);
	if (k->s)
		cairo_surface_destroy(k->s);
	k->cr = NULL;
	k->s = NULL;
}

/* Ink darkens: where it covers, the page takes the ink's gray unless
 * the page is darker already (the printed text shows through). */
static void bench_ink_apply(bench_ink *k, bench_raster *pg, int gray)
{
	const unsigned char *data;
	int stride;

	cairo_surface_flush(k->s);
	data = cairo_image_surface_get_data(k->s);
	stride = cairo_image_surface_get_stride(k->s);
	for (int y = 0; y < k->h; y++) {
		int py = k->y + y;

		if (py < 0 || py >= pg->height)
			continue;
		for (int x = 0; x < k->w; x++) {
			int px = k->x + x, a = data[(size_t)y * (size_t)stride + (size_t)x];
			uint8_t *p;
			int v;

			if (a == 0 || px < 0 || px >= pg->width)
				continue;
			p = pg->pixels + (size_t)py * (size_t)pg->width + (size_t)px;
			v = 255 - a * (255 - gray) / 255;
			if (v < *p)
				*p = (uint8_t)v;
		}
	}
}

static json_t *bench_pair(int a, int b)
{
	return json_pack("[ii]", a, b);
}

/* Text set around a circle, each character turned to face outwards. */
static int bench_ring_text(cairo_t *cr, const char *text, double radius, double size_px,
                           core_err *err)
{
	PangoLayout *lay = pango_cairo_create_layout(cr);
	PangoFontDescription *d = pango_font_description_from_string("DejaVu Sans Bold");
	double total = 0, acc = 0;
	int rc = 0;

	if (!lay || !d) {
		rc = core_err_set(err, CORE_ENOMEM, "out of memory");
		goto out;
	}
	pango_font_description_set_absolute_size(d, size_px * PANGO_SCALE);
	pango_layout_set_font_description(lay, d);
	for (int pass = 0; pass < 2; pass++) {
		for (const char *p = text; *p; p = g_utf8_next_char(p)) {
			const char *q = g_utf8_next_char(p);
			int w, h;
			double a;

			pango_layout_set_text(lay, p, (int)(q - p));
			pango_layout_get_pixel_size(lay, &w, &h);
			if (pass == 0) {
				total += w;
				continue;
			}
			a = -M_PI / 2 + 2 * M_PI * (acc + w / 2.0) / total;
			acc += w;
			cairo_save(cr);
			cairo_rotate(cr, a + M_PI / 2);
			cairo_move_to(cr, -w / 2.0, -radius - h / 2.0);
			pango_cairo_show_layout(cr, lay);
			cairo_restore(cr);
		}
	}
out:
	if (d)
		pango_font_description_free(d);
	if (lay)
		g_object_unref(lay);
	return rc;
}

int bench_mark_stamp(bench_raster *pg, bench_rng *r, int cx, int cy, json_t *params, core_err *err)
{
	double mm = pg->dpi / 25.4, R = (17 + 4 * bench_rng_unit(r)) * mm;
	double angle = 360 * bench_rng_unit(r);
	int gray = 90 + (int)bench_rng_below(r, 40), size = (int)(2 * R) + 8, rc;
	char unit[96], district[96], text[320], up1[128], up2[128];
	bench_addr a;
	bench_ink k;

	/* Stamps sit on the left of the signature, over the signer's role. */
	cx += (int)((bench_rng_unit(r) - 0.9) * R);
	cy += (int)((bench_rng_unit(r) - 0.5) * R * 0.6);
	bench_make_addr(r, bench_rng_below(r, bench_n_provinces()), false, &a);
	bench_addr_commune(&a, unit, sizeof(unit));
	bench_upper(unit, up1, sizeof(up1));
	bench_fmt(district, sizeof(district), "%s %s",
	          bench_province_city(a.prov) ? "quận" : "huyện", a.district);
	bench_upper(district, up2, sizeof(up2));
	bench_fmt(text, sizeof(text), "ỦY BAN NHÂN DÂN %s * %s * ", up1, up2);
	rc = bench_ink_new(&k, cx - size / 2, cy - size / 2, size, size, err);
	if (rc)
		goto out;
	cairo_translate(k.cr, size / 2.0, size / 2.0);
	cairo_rotate(k.cr, angle * M_PI / 180);
	cairo_set_source_rgba(k.cr, 0, 0, 0, 0.9);
	cairo_set_line_width(k.cr, R * 0.05);
	cairo_arc(k.cr, 0, 0, R * 0.96, 0, 2 * M_PI);
	cairo_stroke(k.cr);
	cairo_set_line_width(k.cr, R * 0.025);
	cairo_arc(k.cr, 0, 0, R * 0.64, 0, 2 * M_PI);
	cairo_stroke(k.cr);
	for (int i = 0; i < 5; i++) {
		double t = -M_PI / 2 + i * 4 * M_PI / 5;

		if (i == 0)
			cairo_move_to(k.cr, R * 0.25 * cos(t), R * 0.25 * sin(t));
		else
			cairo_line_to(k.cr, R * 0.25 * cos(t), R * 0.25 * sin(t));
	}
	cairo_close_path(k.cr);
	cairo_fill(k.cr);
	rc = bench_ring_text(k.cr, text, R * 0.8, R * 0.15, err);
	if (rc)
		goto out;
	bench_ink_apply(&k, pg, gray);
	if (params) {
		rc = bench_json_set(params, "stamp_center", bench_pair(cx, cy), err);
		rc = rc ? rc : bench_json_set(params, "stamp_radius", json_integer((int)R), err);
		rc = rc ? rc : bench_json_set(params, "stamp_gray", json_integer(gray), err);
		rc = rc ? rc : bench_json_set(params, "stamp_text", json_string(text), err);
	}
out:
	bench_ink_free(&k);
	return rc;
}

int bench_mark_signature(bench_raster *pg, bench_rng *r, int cx, int cy, json_t *params,
                         core_err *err)
{
	double mm = pg->dpi / 25.4;
	int w = (int)((35 + 15 * bench_rng_unit(r)) * mm),
	    h = (int)((12 + 6 * bench_rng_unit(r)) * mm);
	int strokes = 2 + (int)bench_rng_below(r, 2), gray = 15 + (int)bench_rng_below(r, 50), rc;
	bench_ink k;

	/* Over the role line above the name, as people sign. */
	cx += (int)((bench_rng_unit(r) - 0.5) * w * 0.3);
	cy -= h / 3;
	rc = bench_ink_new(&k, cx - w / 2, cy - h / 2, w, h, err);
	if (rc)
		goto out;
	cairo_set_source_rgba(k.cr, 0, 0, 0, 0.95);
	cairo_set_line_cap(k.cr, CAIRO_LINE_CAP_ROUND);
	cairo_set_line_join(k.cr, CAIRO_LINE_JOIN_ROUND);
	cairo_set_line_width(k.cr, (0.35 + 0.3 * bench_rng_unit(r)) * mm);
	/* Loops drifting left to right, then a flourish underneath. */
	for (int s = 0; s < strokes; s++) {
		double x = w * (0.05 + 0.2 * bench_rng_unit(r)),
		       y = h * (0.3 + 0.4 * bench_rng_unit(r));
		int segs = 3 + (int)bench_rng_below(r, 3);

		cairo_move_to(k.cr, x, y);
		for (int i = 0; i < segs; i++) {
			double nx = x + w * (0.1 + 0.15 * bench_rng_unit(r));

			cairo_curve_to(
			    k.cr, x + w * 0.1 * bench_rng_unit(r), h * bench_rng_unit(r) * 0.2,
			    nx - w * 0.1 * bench_rng_unit(r), h * (0.8 + 0.2 * bench_rng_unit(r)),
			    nx, h * (0.2 + 0.6 * bench_rng_unit(r)));
			x = nx > w * 0.95 ? w * 0.95 : nx;
		}
		cairo_stroke(k.cr);
	}
	cairo_move_to(k.cr, w * 0.1, h * 0.85);
	cairo_curve_to(k.cr, w * 0.4, h * 0.6, w * 0.6, h * 1.0, w * 0.92, h * 0.7);
	cairo_stroke(k.cr);
	bench_ink_apply(&k, pg, gray);
	if (params) {
		rc = bench_json_set(params, "signature_center", bench_pair(cx, cy), err);
		rc = rc ? rc : bench_json_set(params, "signature_box", bench_pair(w, h), err);
		rc = rc ? rc : bench_json_set(params, "signature_gray", json_integer(gray), err);
	}
out:
	bench_ink_free(&k);
	return rc;
}
