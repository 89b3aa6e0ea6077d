/*
 * ocr_pdf.c - PDF pages through MuPDF.
 *
 * A page that paints exactly one image covering it (a scan wrapped in
 * a PDF) gives that image's own pixels, decoded at their native size:
 * no resampling, and the pixel limit is checked on the image's declared
 * size before it is decoded.  Any other page is rendered at 300 dpi,
 * its size checked before the pixmap is allocated.  A page's text layer
 * (typed text, or the invisible text of an earlier OCR) comes with the
 * image as an ocr_result whose word boxes are in the image's pixels.
 *
 * Encrypted documents and documents MuPDF had to repair (truncated, or
 * a broken cross-reference table) are refused: a repaired document may
 * silently lose pages or image data.
 *
 * MuPDF reports errors by longjmp (fz_try / fz_catch); every call that
 * may throw is inside one, and nothing escapes this file.  One context
 * per call: contexts are not shared between threads.
 */
#include "ocr_pdftext.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <mupdf/pdf.h>

#define OCR_PDF_RENDER_DPI 300
/* MuPDF's cache of decoded objects, per call (one page at a time). */
#define OCR_PDF_STORE (64u << 20)
/* An image is the page when it covers it to within this share of a side. */
#define OCR_PDF_COVER 0.02
/* Pixel aspect: x and y resolutions this close are one resolution. */
#define OCR_PDF_ASPECT 0.02

/* Everything one call holds; released in one place. */
typedef struct ocr_pdf {
	fz_context *ctx;
	FILE *fp;
	fz_stream *stm;
	pdf_document *doc;
	fz_page *page;
	char warning[CORE_DETAIL_MAX]; /* the first warning MuPDF gave */
	char damage[CORE_DETAIL_MAX];  /* the first sign of damage since the mark */
	int n_warnings, n_damage;
} ocr_pdf;

/*
 * MuPDF's warnings that mean an image's data is short or broken, so
 * that what it decodes is padded or garbled.  Others (a zlib checksum
 * over whole data, a misplaced JPX box, font substitutions) leave the
 * pixels whole.
 */
static const char *const ocr_pdf_damage[] = {"truncated", "premature end", "read error", "padding",
                                             "corrupt", "too short", "not enough data",
                                             /* openjpeg's, for a short JPEG 2000 stream */
                                             "does not end with EOC",
                                             "inconsistent with stream length", "loss of data"};

static void ocr_pdf_warn(void *user, const char *msg)
{
	ocr_pdf *p = user;

	if (p->n_warnings++ == 0)
		core_strlcpy(p->warning, msg, sizeof(p->warning));
	for (size_t i = 0; i < sizeof(ocr_pdf_damage) / sizeof(ocr_pdf_damage[0]); i++)
		if (strcasestr(msg, ocr_pdf_damage[i])) {
			if (p->n_damage++ == 0)
				core_strlcpy(p->damage, msg, sizeof(p->damage));
			break;
		}
}

/*
 * From here on, p->damage holds the first sign of damage in the object
 * decoded next.  MuPDF holds back a warning equal to the one before it
 * (to say "repeated N times" later): flushed here, so a second image
 * broken like the first is still heard of.
 */
static void ocr_pdf_mark(ocr_pdf *p)
{
	fz_flush_warnings(p->ctx);
	p->n_damage = 0;
	p->damage[0] = '\0';
}

/* Errors come back through fz_caught_message; silence the print. */
static void ocr_pdf_error(void *user, const char *msg)
{
	(void)user;
	(void)msg;
}

static void ocr_pdf_close(ocr_pdf *p)
{
	if (p->ctx) {
		fz_drop_page(p->ctx, p->page);
		pdf_drop_document(p->ctx, p->doc);
		fz_drop_stream(p->ctx, p->stm);
		fz_drop_context(p->ctx);
	}
	if (p->fp)
		fclose(p->fp);
	memset(p, 0, sizeof(*p));
}

static int ocr_pdf_fail(ocr_pdf *p, const char *path, const char *what, core_err *err)
{
	core_err_set(err, CORE_EFORMAT, "%s", what);
	core_err_detail(err, "%s: %s", path, fz_caught_message(p->ctx));
	return CORE_EFORMAT;
}

/* The throwing part of opening: parse the file, count pages. */
static int ocr_pdf_parse(ocr_pdf *p, const char *path, int *n, core_err *err)
{
	fz_try(p->ctx)
	{
		p->stm = fz_open_file_ptr_no_close(p->ctx, p->fp);
		p->doc = pdf_open_document_with_stream(p->ctx, p->stm);
		if (!pdf_needs_password(p->ctx, p->doc))
			*n = pdf_count_pages(p->ctx, p->doc);
	}
	fz_catch(p->ctx)
	{
		return ocr_pdf_fail(p, path, "cannot read pdf", err);
	}
	return 0;
}

/* Opens the document on fd (taken) and refuses encrypted or repaired ones. */
static int ocr_pdf_open(ocr_pdf *p, const char *path, int fd, int *pages, core_err *err)
{
	int n = 0, rc;

	memset(p, 0, sizeof(*p));
	p->fp = fdopen(fd, "rb");
	if (!p->fp) {
		close(fd);
		return core_err_set(err, CORE_ENOMEM, "out of memory");
	}
	p->ctx = fz_new_context(NULL, NULL, OCR_PDF_STORE);
	if (!p->ctx)
		return core_err_set(err, CORE_ENOMEM, "out of memory");
	fz_set_warning_callback(p->ctx, ocr_pdf_warn, p);
	fz_set_error_callback(p->ctx, ocr_pdf_error, p);
	rc = ocr_pdf_parse(p, path, &n, err);
	if (rc)
		return rc;
	if (pdf_needs_password(p->ctx, p->doc)) {
		core_err_set(err, CORE_EFORMAT, "encrypted pdf");
		core_err_detail(err, "%s: a password is needed to open it", path);
		return CORE_EFORMAT;
	}
	if (pdf_was_repaired(p->ctx, p->doc)) {
		core_err_set(err, CORE_EFORMAT, "broken pdf");
		core_err_detail(err, "%s: truncated or damaged (%s)", path,
		                p->warning[0] ? p->warning : "cross-reference table unreadable");
		return CORE_EFORMAT;
	}
	if (n <= 0) {
		core_err_set(err, CORE_EFORMAT, "pdf has no pages");
		core_err_detail(err, "%s", path);
		return CORE_EFORMAT;
	}
	*pages = n;
	return 0;
}

int ocr_pdf_count_pages(const char *path, int fd, const ocr_limits *lim, int *pages, core_err *err)
{
	ocr_pdf p;
	int rc;

	(void)lim; /* page sizes are checked page by page, at load */
	*pages = 0;
	rc = ocr_pdf_open(&p, path, fd, pages, err);
	ocr_pdf_close(&p);
	return rc;
}

/* ---- what a page paints ------------------------------------------- */

/*
 * Images of a drawn page checked for damage, at most; more are left to
 * MuPDF.  A scanned page holds one, a form a logo or two.
 */
#define OCR_PDF_IMAGE_CHECKS 16

/* A device that only counts: images apart from every other painting. */
typedef struct ocr_survey {
	fz_device super;
	int paints; /* paths, visible text, shadings, stencil masks */
	int images;
	fz_image *image; /* the first image, kept */
	fz_matrix ctm;
	fz_image *kept[OCR_PDF_IMAGE_CHECKS];     /* distinct images and masks */
	fz_matrix kept_ctm[OCR_PDF_IMAGE_CHECKS]; /* each drawn largest */
	int n_kept;
} ocr_survey;

static void sv_keep(fz_context *ctx, ocr_survey *s, fz_image *im, fz_matrix ctm)
{
	float area = fabsf(ctm.a * ctm.d - ctm.b * ctm.c);

	if (!im)
		return;
	for (int i = 0; i < s->n_kept; i++)
		if (s->kept[i] == im) {
			fz_matrix k = s->kept_ctm[i];

			if (area > fabsf(k.a * k.d - k.b * k.c))
				s->kept_ctm[i] = ctm;
			return;
		}
	if (s->n_kept == OCR_PDF_IMAGE_CHECKS)
		return;
	s->kept_ctm[s->n_kept] = ctm;
	s->kept[s->n_kept++] = fz_keep_image(ctx, im);
}

static void sv_fill_path(fz_context *ctx, fz_device *dev, const fz_path *path, int even_odd,
                         fz_matrix ctm, fz_colorspace *cs, const float *color, float alpha,
                         fz_color_params cp)
{
	((ocr_survey *)dev)->paints++;
}

static void sv_stroke_path(fz_context *ctx, fz_device *dev, const fz_path *path,
                           const fz_stroke_state *ss, fz_matrix ctm, fz_colorspace *cs,
                           const float *color, float alpha, fz_color_params cp)
{
	((ocr_survey *)dev)->paints++;
}

static void sv_fill_text(fz_context *ctx, fz_device *dev, const fz_text *text, fz_matrix ctm,
                         fz_colorspace *cs, const float *color, float alpha, fz_color_params cp)
{
	((ocr_survey *)dev)->paints++;
}

static void sv_stroke_text(fz_context *ctx, fz_device *dev, const fz_text *text,
                           const fz_stroke_state *ss, fz_matrix ctm, fz_colorspace *cs,
                           const float *color, float alpha, fz_color_params cp)
{
	((ocr_survey *)dev)->paints++;
}

static void sv_fill_shade(fz_context *ctx, fz_device *dev, fz_shade *shd, fz_matrix ctm,
                          float alpha, fz_color_params cp)
{
	((ocr_survey *)dev)->paints++;
}

static void sv_fill_image_mask(fz_context *ctx, fz_device *dev, fz_image *img, fz_matrix ctm,
                               fz_colorspace *cs, const float *color, float alpha,
                               fz_color_params cp)
{
	((ocr_survey *)dev)->paints++;
	sv_keep(ctx, (ocr_survey *)dev, img, ctm);
}

static void sv_fill_image(fz_context *ctx, fz_device *dev, fz_image *img, fz_matrix ctm,
                          float alpha, fz_color_params cp)
{
	ocr_survey *s = (ocr_survey *)dev;

	/* A translucent image shows what is under it: not the page alone. */
	if (alpha < 1.0f)
		s->paints++;
	if (s->images++ == 0) {
		s->image = fz_keep_image(ctx, img);
		s->ctm = ctm;
	}
	sv_keep(ctx, s, img, ctm);
	sv_keep(ctx, s, img->mask, ctm);
}

static void sv_drop(fz_context *ctx, fz_device *dev)
{
	ocr_survey *s = (ocr_survey *)dev;

	fz_drop_image(ctx, s->image);
	s->image = NULL;
	for (int i = 0; i < s->n_kept; i++)
		fz_drop_image(ctx, s->kept[i]);
	s->n_kept = 0;
}

/*
 * When the page is one upright, unmasked image covering it, *dpi is its
 * native resolution and *area the rectangle it fills; else 0.
 */
static double ocr_pdf_native_dpi(const ocr_survey *s, fz_rect page)
{
	const fz_image *im = s->image;
	double pw = page.x1 - page.x0, ph = page.y1 - page.y0, dx, dy;
	fz_rect area;

	if (s->images != 1 || s->paints != 0 || !im || im->mask || im->imagemask ||
	    im->use_colorkey || im->orientation > 1 || im->w <= 0 || im->h <= 0)
		return 0;
	/* Upright and unflipped: anything else is drawn, not copied. */
	if (s->ctm.b != 0 || s->ctm.c != 0 || s->ctm.a <= 0 || s->ctm.d <= 0)
		return 0;
	area = fz_transform_rect(fz_unit_rect, s->ctm);
	if (fabs(area.x0 - page.x0) > pw * OCR_PDF_COVER ||
	    fabs(area.x1 - page.x1) > pw * OCR_PDF_COVER ||
	    fabs(area.y0 - page.y0) > ph * OCR_PDF_COVER ||
	    fabs(area.y1 - page.y1) > ph * OCR_PDF_COVER)
		return 0;
	dx = im->w * 72.0 / s->ctm.a;
	dy = im->h * 72.0 / s->ctm.d;
	if (fabs(dx - dy) > OCR_PDF_ASPECT * dx || dx < OCR_DPI_MIN || dx > OCR_DPI_MAX)
		return 0;
	return dx;
}

/* ---- pixels ------------------------------------------------------- */

/* The pixel limit, with what was measured (an image, a page) in the detail. */
static int ocr_pdf_check(uint64_t w, uint64_t h, const ocr_limits *lim, const char *path,
                         const char *what, core_err *err)
{
	core_err e;
	int rc;

	core_err_clear(&e);
	rc = ocr_check_pixels(w, h, lim, &e);
	if (rc) {
		core_err_set(err, e.code, "%s", e.msg);
		core_err_detail(err, "%s: %s: %s", path, what, e.detail);
	}
	return rc;
}

/* An 8-bit gray pixmap without alpha into a PIX. */
static PIX *ocr_pdf_to_pix(fz_context *ctx, fz_pixmap *pm)
{
	int w = fz_pixmap_width(ctx, pm), h = fz_pixmap_height(ctx, pm);
	ptrdiff_t stride = fz_pixmap_stride(ctx, pm);
	const unsigned char *src = fz_pixmap_samples(ctx, pm);
	PIX *pix;
	l_uint32 *data;
	int wpl;

	if (fz_pixmap_components(ctx, pm) != 1)
		return NULL;
	pix = pixCreate(w, h, 8);
	if (!pix)
		return NULL;
	data = pixGetData(pix);
	wpl = pixGetWpl(pix);
	for (int y = 0; y < h; y++) {
		l_uint32 *line = data + (size_t)y * wpl;
		const unsigned char *row = src + (size_t)y * (size_t)stride;

		for (int x = 0; x < w; x++)
			SET_DATA_BYTE(line, x, row[x]);
	}
	return pix;
}

static bool ocr_pdf_is_jpeg(ocr_pdf *p, fz_image *im)
{
	fz_compressed_buffer *cb = fz_compressed_image_buffer(p->ctx, im);

	return cb && cb->params.type == FZ_IMAGE_JPEG && cb->buffer;
}

/* 0 when im is no JPEG or libjpeg finds its data whole (ocr_jpeg_check). */
static int ocr_pdf_jpeg_whole(ocr_pdf *p, const char *path, fz_image *im, const ocr_limits *lim,
                              core_err *err)
{
	unsigned char *data = NULL;
	size_t n;

	if (!ocr_pdf_is_jpeg(p, im))
		return 0;
	n = fz_buffer_storage(p->ctx, fz_compressed_image_buffer(p->ctx, im)->buffer, &data);
	return ocr_jpeg_check(path, data, n, lim, err);
}

/*
 * A plain gray or colour JPEG (a scanner's usual page) is decoded by
 * ocr_jpeg_read, as a .jpg file is: libjpeg's complaints about damaged
 * data then fail the page with their reason.  Through MuPDF they are
 * printed on stderr and the page decodes with gray fill, half a page
 * read as if whole.  1: not such an image (MuPDF decodes it).
 */
static int ocr_pdf_decode_jpeg(ocr_pdf *p, const char *path, fz_image *im, const ocr_limits *lim,
                               PIX **out, core_err *err)
{
	fz_compressed_buffer *cb = fz_compressed_image_buffer(p->ctx, im);
	unsigned char *data = NULL;
	ocr_raster r;
	size_t n;
	FILE *fp;
	int rc;

	if (!cb || cb->params.type != FZ_IMAGE_JPEG || !cb->buffer || im->imagemask ||
	    im->use_decode || im->use_colorkey || im->mask || im->bpc != 8 ||
	    (im->n != 1 && im->n != 3) || (im->n == 3 && cb->params.u.jpeg.color_transform == 0))
		return 1;
	/* Gray or RGB samples only: a /Separation or /DeviceN gray holds ink
	 * (0 is white), /Lab is no RGB; MuPDF converts those. */
	if (!im->colorspace || (im->n == 1 && !fz_colorspace_is_gray(p->ctx, im->colorspace)) ||
	    (im->n == 3 && !fz_colorspace_is_rgb(p->ctx, im->colorspace)))
		return 1;
	n = fz_buffer_storage(p->ctx, cb->buffer, &data);
	if (n && data) {
		size_t lead = ocr_jpeg_lead(data, n);

		data += lead;
		n -= lead;
	}
	if (!n || !data || !(fp = fmemopen(data, n, "rb")))
		return 1;
	rc = ocr_jpeg_read(path, fp, lim, false, &r, err);
	fclose(fp);
	if (rc)
		return rc;
	if (pixGetWidth(r.pix) != im->w || pixGetHeight(r.pix) != im->h) {
		core_err_set(err, CORE_EFORMAT, "cannot decode pdf image");
		core_err_detail(err, "%s: jpeg of %dx%d where the dictionary says %dx%d", path,
		                pixGetWidth(r.pix), pixGetHeight(r.pix), im->w, im->h);
		pixDestroy(&r.pix);
		return CORE_EFORMAT;
	}
	*out = r.pix;
	return 0;
}

/* The one image of the page, decoded at its own size, as gray. */
static int ocr_pdf_decode_image(ocr_pdf *p, const char *path, fz_image *im, const ocr_limits *lim,
                                PIX **out, core_err *err)
{
	fz_pixmap *pm = NULL, *gray = NULL;
	int rc = 0, jrc;

	/* Before any fz_try: nothing here may change across its longjmp. */
	if ((jrc = ocr_pdf_decode_jpeg(p, path, im, lim, out, err)) != 1)
		return jrc;
	/* A CMYK, Separation or inverted JPEG: MuPDF decodes it, once whole. */
	if ((jrc = ocr_pdf_jpeg_whole(p, path, im, lim, err)) != 0)
		return jrc;

	ocr_pdf_mark(p);
	fz_var(pm);
	fz_var(gray);
	fz_try(p->ctx)
	{
		pm = fz_get_pixmap_from_image(p->ctx, im, NULL, NULL, NULL, NULL);
		if (fz_pixmap_colorspace(p->ctx, pm) != fz_device_gray(p->ctx) ||
		    fz_pixmap_alpha(p->ctx, pm))
			gray = fz_convert_pixmap(p->ctx, pm, fz_device_gray(p->ctx), NULL, NULL,
			                         fz_default_color_params, 0);
		else
			gray = fz_keep_pixmap(p->ctx, pm);
		*out = ocr_pdf_to_pix(p->ctx, gray);
	}
	fz_always(p->ctx)
	{
		fz_drop_pixmap(p->ctx, gray);
		fz_drop_pixmap(p->ctx, pm);
	}
	fz_catch(p->ctx)
	{
		return ocr_pdf_fail(p, path, "cannot decode pdf image", err);
	}
	/* MuPDF pads a short image stream and only warns: that is damage. */
	if (p->n_damage > 0) {
		pixDestroy(out);
		core_err_set(err, CORE_EFORMAT, "cannot decode pdf image");
		core_err_detail(err, "%s: %s", path, p->damage);
		return CORE_EFORMAT;
	}
	if (!*out)
		rc = core_err_set(err, CORE_ENOMEM, "out of memory");
	return rc;
}

/*
 * MuPDF draws a short or damaged image padded with gray, only warning
 * (libjpeg prints nothing: the link wraps it), and half a page would be
 * read as whole: the page fails with the complaint, as a one-image page
 * does.  JPEG goes to libjpeg at 1/8 size, the rest through MuPDF at
 * the size it is drawn (subsampled where MuPDF can); another image
 * over the pixel limit, or any past the first OCR_PDF_IMAGE_CHECKS, is
 * left to the drawing.
 */
static int ocr_pdf_check_images(ocr_pdf *p, const char *path, const ocr_survey *sv,
                                const ocr_limits *lim, core_err *err)
{
	const float k = OCR_PDF_RENDER_DPI / 72.0f;

	for (int i = 0; i < sv->n_kept; i++) {
		fz_image *im = sv->kept[i];
		fz_matrix m = fz_concat(sv->kept_ctm[i], fz_scale(k, k));
		fz_pixmap *pm = NULL;
		core_err e;
		int rc;

		/* JPEG at 1/8 scale costs little memory at any size. */
		if ((rc = ocr_pdf_jpeg_whole(p, path, im, lim, err)) != 0)
			return rc;
		core_err_clear(&e);
		if (ocr_pdf_is_jpeg(p, im) ||
		    ocr_check_pixels((uint64_t)(im->w > 0 ? im->w : 0),
		                     (uint64_t)(im->h > 0 ? im->h : 0), lim, &e))
			continue;
		ocr_pdf_mark(p);
		fz_var(pm);
		fz_try(p->ctx)
		{
			pm = fz_get_pixmap_from_image(p->ctx, im, NULL, &m, NULL, NULL);
		}
		fz_always(p->ctx)
		{
			fz_drop_pixmap(p->ctx, pm);
		}
		fz_catch(p->ctx)
		{
			return ocr_pdf_fail(p, path, "cannot decode pdf image", err);
		}
		fz_flush_warnings(p->ctx);
		if (p->n_damage > 0) {
			core_err_set(err, CORE_EFORMAT, "cannot decode pdf image");
			core_err_detail(err, "%s: %s", path, p->damage);
			return CORE_EFORMAT;
		}
	}
	return 0;
}

/* The page's size at 300 dpi, checked against the pixel limit. */
static int ocr_pdf_page_box(const char *path, fz_rect bounds, const ocr_limits *lim, fz_irect *box,
                            core_err *err)
{
	const double scale = OCR_PDF_RENDER_DPI / 72.0;
	char what[96];

	*box = fz_round_rect(fz_transform_rect(bounds, fz_scale((float)scale, (float)scale)));
	snprintf(what, sizeof(what), "page of %.0f x %.0f pt at %d dpi", bounds.x1 - bounds.x0,
	         bounds.y1 - bounds.y0, OCR_PDF_RENDER_DPI);
	return ocr_pdf_check((uint64_t)(box->x1 > box->x0 ? box->x1 - box->x0 : 0),
	                     (uint64_t)(box->y1 > box->y0 ? box->y1 - box->y0 : 0), lim, path, what,
	                     err);
}

/* The page drawn at 300 dpi, its size checked before any allocation. */
static int ocr_pdf_render(ocr_pdf *p, const char *path, fz_rect bounds, const ocr_limits *lim,
                          PIX **out, core_err *err)
{
	const double scale = OCR_PDF_RENDER_DPI / 72.0;
	fz_matrix m = fz_scale((float)scale, (float)scale);
	fz_irect box;
	fz_pixmap *pm = NULL;
	fz_device *dev = NULL;
	int rc;

	if ((rc = ocr_pdf_page_box(path, bounds, lim, &box, err)) != 0)
		return rc;
	fz_var(pm);
	fz_var(dev);
	fz_try(p->ctx)
	{
		pm = fz_new_pixmap_with_bbox(p->ctx, fz_device_gray(p->ctx), box, NULL, 0);
		fz_clear_pixmap_with_value(p->ctx, pm, 255);
		dev = fz_new_draw_device(p->ctx, fz_identity, pm);
		fz_run_page(p->ctx, p->page, dev, m, NULL);
		fz_close_device(p->ctx, dev);
		*out = ocr_pdf_to_pix(p->ctx, pm);
	}
	fz_always(p->ctx)
	{
		fz_drop_device(p->ctx, dev);
		fz_drop_pixmap(p->ctx, pm);
	}
	fz_catch(p->ctx)
	{
		return ocr_pdf_fail(p, path, "cannot render pdf page", err);
	}
	return *out ? 0 : core_err_set(err, CORE_ENOMEM, "out of memory");
}

/* ---- the text layer ----------------------------------------------- */

static int ocr_pdf_layer(ocr_pdf *p, const ocr_pdf_map *m, ocr_result **out, core_err *err)
{
	fz_stext_page *sp = NULL;
	fz_stext_options opt;
	int rc = 0;

	*out = NULL;
	memset(&opt, 0, sizeof(opt));
	fz_var(sp);
	fz_try(p->ctx)
	{
		sp = fz_new_stext_page_from_page(p->ctx, p->page, &opt);
	}
	fz_catch(p->ctx)
	{
		/* The pixels are good; without its text the page is OCR'd. */
		return 0;
	}
	rc = ocr_pdf_layer_build(sp, m, out, err);
	fz_drop_stext_page(p->ctx, sp);
	return rc;
}

/* ---- a page --------------------------------------------------------- */

/* Loads the page and runs it through the survey device (*sv is the caller's). */
static int ocr_pdf_survey(ocr_pdf *p, const char *path, int index, fz_rect *bounds, ocr_survey **sv,
                          core_err *err)
{
	fz_try(p->ctx)
	{
		p->page = fz_load_page(p->ctx, &p->doc->super, index);
		*bounds = fz_bound_page(p->ctx, p->page);
		*sv = (ocr_survey *)fz_new_device_of_size(p->ctx, sizeof(**sv));
		(*sv)->super.fill_path = sv_fill_path;
		(*sv)->super.stroke_path = sv_stroke_path;
		(*sv)->super.fill_text = sv_fill_text;
		(*sv)->super.stroke_text = sv_stroke_text;
		(*sv)->super.fill_shade = sv_fill_shade;
		(*sv)->super.fill_image = sv_fill_image;
		(*sv)->super.fill_image_mask = sv_fill_image_mask;
		(*sv)->super.drop_device = sv_drop;
		fz_run_page(p->ctx, p->page, &(*sv)->super, fz_identity, NULL);
		fz_close_device(p->ctx, &(*sv)->super);
	}
	fz_catch(p->ctx)
	{
		return ocr_pdf_fail(p, path, "cannot read pdf page", err);
	}
	return 0;
}

int ocr_pdf_load(const char *path, int fd, int index, const ocr_limits *lim, ocr_image **out,
                 core_err *err)
{
	ocr_pdf p;
	ocr_survey *sv = NULL;
	ocr_result *layer = NULL;
	ocr_pdf_map map;
	fz_rect bounds = fz_empty_rect;
	PIX *pix = NULL;
	double dpi = 0;
	int pages = 0, rc, depth = 8;

	rc = ocr_pdf_open(&p, path, fd, &pages, err);
	if (rc)
		goto out;
	if (index >= pages) {
		rc = core_err_set(err, CORE_EARG, "page index out of range");
		core_err_detail(err, "%s: pdf of %d pages, page index %d", path, pages, index);
		goto out;
	}
	rc = ocr_pdf_survey(&p, path, index, &bounds, &sv, err);
	if (rc)
		goto out;
	/* Loading objects on demand may have repaired the file after all. */
	if (pdf_was_repaired(p.ctx, p.doc)) {
		rc = core_err_set(err, CORE_EFORMAT, "broken pdf");
		core_err_detail(err, "%s: truncated or damaged (%s)", path,
		                p.warning[0] ? p.warning : "cross-reference table unreadable");
		goto out;
	}
	if (fz_is_empty_rect(bounds)) {
		rc = core_err_set(err, CORE_EFORMAT, "pdf page has no size");
		core_err_detail(err, "%s: page %d", path, index + 1);
		goto out;
	}
	dpi = ocr_pdf_native_dpi(sv, bounds);
	if (dpi > 0) {
		fz_image *im = sv->image;
		fz_rect area = fz_transform_rect(fz_unit_rect, sv->ctm);

		/* From the image's dictionary, before a byte of it is decoded. */
		rc = ocr_pdf_check((uint64_t)im->w, (uint64_t)im->h, lim, path, "embedded image",
		                   err);
		if (rc)
			goto out;
		depth = im->n * im->bpc;
		rc = ocr_pdf_decode_image(&p, path, im, lim, &pix, err);
		map = (ocr_pdf_map){area.x0,
		                    area.y0,
		                    im->w / (double)(area.x1 - area.x0),
		                    im->h / (double)(area.y1 - area.y0),
		                    im->w,
		                    im->h};
	} else {
		dpi = OCR_PDF_RENDER_DPI;
		fz_irect box;

		/* The page's size first: a page over the limit decodes nothing. */
		rc = ocr_pdf_page_box(path, bounds, lim, &box, err);
		if (!rc)
			rc = ocr_pdf_check_images(&p, path, sv, lim, err);
		if (!rc)
			rc = ocr_pdf_render(&p, path, bounds, lim, &pix, err);
		map = (ocr_pdf_map){bounds.x0, bounds.y0, dpi / 72.0, dpi / 72.0, 0, 0};
	}
	if (rc)
		goto out;
	map.w = pixGetWidth(pix);
	map.h = pixGetHeight(pix);
	rc = ocr_pdf_layer(&p, &map, &layer, err);
	if (rc)
		goto out;
	rc = ocr_image_wrap(pix, (int)(dpi + 0.5), false, depth, out, err);
	pix = NULL;
	if (rc)
		goto out;
	(*out)->layer = layer;
	layer = NULL;
out:
	if (sv)
		fz_drop_device(p.ctx, &sv->super);
	ocr_result_destroy(&layer);
	pixDestroy(&pix);
	ocr_pdf_close(&p);
	return rc;
}
