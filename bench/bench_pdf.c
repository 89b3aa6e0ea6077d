/*
 * bench_pdf.c - PDF inputs for the tests, written with cairo: pages
 * that are one scanned image each (as a scanner's "save as PDF" does)
 * and pages of typed text with a real text layer.
 */
#include "bench_priv.h"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <stdlib.h>
#include <string.h>

#define BENCH_PDF_MARGIN_PT 56.7 /* 2 cm */

static int bench_pdf_status(cairo_surface_t *s, const char *path, core_err *err)
{
	cairo_status_t st = cairo_surface_status(s);

	if (st == CAIRO_STATUS_SUCCESS)
		return 0;
	core_err_set(err, CORE_EIO, "cannot write pdf");
	core_err_detail(err, "%s: %s", path, cairo_status_to_string(st));
	return CORE_EIO;
}

/* A gray raster as an opaque cairo image (no alpha, so no soft mask). */
static cairo_surface_t *bench_pdf_image(const bench_raster *r)
{
	cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, r->width, r->height);
	unsigned char *data;
	int stride;

	if (cairo_surface_status(img) != CAIRO_STATUS_SUCCESS)
		return img;
	cairo_surface_flush(img);
	data = cairo_image_surface_get_data(img);
	stride = cairo_image_surface_get_stride(img);
	for (int y = 0; y < r->height; y++) {
		uint32_t *row = (uint32_t *)(void *)(data + (size_t)y * (size_t)stride);
		const uint8_t *src = r->pixels + (size_t)y * (size_t)r->width;

		for (int x = 0; x < r->width; x++)
			row[x] = (uint32_t)src[x] * 0x010101u;
	}
	cairo_surface_mark_dirty(img);
	return img;
}

int bench_write_pdf(const char *path, const bench_raster *pages, int n_pages, core_err *err)
{
	cairo_surface_t *pdf = NULL, *img = NULL;
	cairo_t *cr = NULL;
	int rc = 0;

	if (!path || !pages || n_pages < 1)
		return core_err_set(err, CORE_EARG, "bad arguments to bench_write_pdf");
	/* The first page's size; each page sets its own below. */
	pdf = cairo_pdf_surface_create(path, pages[0].width * 72.0 / pages[0].dpi,
	                               pages[0].height * 72.0 / pages[0].dpi);
	if ((rc = bench_pdf_status(pdf, path, err)))
		goto out;
	for (int i = 0; i < n_pages; i++) {
		const bench_raster *r = &pages[i];
		double k = 72.0 / r->dpi;

		cairo_pdf_surface_set_size(pdf, r->width * k, r->height * k);
		cr = cairo_create(pdf);
		img = bench_pdf_image(r);
		if (cairo_surface_status(img) != CAIRO_STATUS_SUCCESS) {
			rc = core_err_set(err, CORE_ENOMEM, "out of memory");
			goto out;
		}
		/* The image's pixels fill the page: its resolution is r->dpi. */
		cairo_scale(cr, k, k);
		cairo_set_source_surface(cr, img, 0, 0);
		cairo_paint(cr);
		cairo_show_page(cr);
		cairo_destroy(cr);
		cr = NULL;
		cairo_surface_destroy(img);
		img = NULL;
	}
	cairo_surface_finish(pdf);
	rc = bench_pdf_status(pdf, path, err);
out:
	if (cr)
		cairo_destroy(cr);
	if (img)
		cairo_surface_destroy(img);
	if (pdf)
		cairo_surface_destroy(pdf);
	return rc;
}

int bench_write_text_pdf(const char *path, const char *const *lines, int n_lines, const char *font,
                         double size_pt, double page_w_pt, double page_h_pt, core_err *err)
{
	cairo_surface_t *pdf = NULL;
	cairo_t *cr = NULL;
	PangoLayout *lay = NULL;
	PangoFontDescription *fd = NULL;
	double y = BENCH_PDF_MARGIN_PT;
	int rc = 0;

	if (!path || !lines || n_lines < 1 || !font)
		return core_err_set(err, CORE_EARG, "bad arguments to bench_write_text_pdf");
	pdf = cairo_pdf_surface_create(path, page_w_pt, page_h_pt);
	if ((rc = bench_pdf_status(pdf, path, err)))
		goto out;
	cr = cairo_create(pdf);
	lay = pango_cairo_create_layout(cr);
	fd = pango_font_description_from_string(font);
	pango_font_description_set_absolute_size(fd, size_pt * PANGO_SCALE);
	pango_layout_set_font_description(lay, fd);
	cairo_set_source_rgb(cr, 0, 0, 0);
	/* Glyphs with their Unicode (ToUnicode maps): a real text layer. */
	for (int i = 0; i < n_lines; i++) {
		cairo_move_to(cr, BENCH_PDF_MARGIN_PT, y);
		pango_layout_set_text(lay, lines[i] ? lines[i] : "", -1);
		pango_cairo_show_layout(cr, lay);
		y += size_pt * 1.5;
	}
	cairo_show_page(cr);
	cairo_surface_finish(pdf);
	rc = bench_pdf_status(pdf, path, err);
out:
	if (fd)
		pango_font_description_free(fd);
	if (lay)
		g_object_unref(lay);
	if (cr)
		cairo_destroy(cr);
	if (pdf)
		cairo_surface_destroy(pdf);
	return rc;
}
