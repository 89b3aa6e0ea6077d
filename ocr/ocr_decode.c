/*
 * ocr_decode.c - PNG and JPEG through libpng and libjpeg directly.
 *
 * Why not Leptonica's readers: they install libpng's and libjpeg's
 * default message handlers, which print to stderr ("libpng warning:
 * iCCP: known incorrect sRGB profile", "Premature end of JPEG file")
 * whatever Leptonica's own severity says, breaking one-JSON-object-per
 * line logs.  Here every library message lands in core_err instead.
 * Both readers decode row by row straight into the 8-bit gray PIX.
 */
#include "ocr_priv.h"

#include <limits.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>

#include <jerror.h>
#include <png.h>

/* pixDestroy for the volatile pointers that setjmp requires. */
static void ocr_pix_drop(PIX *pix)
{
	pixDestroy(&pix);
}

/* ITU-R 601 luma, the weights libjpeg uses for Y: JPEG, PNG and TIFF pages agree. */
static unsigned ocr_luma(unsigned r, unsigned g, unsigned b)
{
	return (299 * r + 587 * g + 114 * b + 500) / 1000;
}

/* Transparent areas of a scan are paper: composite on white, not black. */
static unsigned ocr_on_white(unsigned g, unsigned a)
{
	return (g * a + 255 * (255 - a) + 127) / 255;
}

/*
 * Leptonica keeps the first of a word's four 8 bpp pixels in its high
 * byte.  Whole words rather than SET_DATA_BYTE per pixel: on a dense
 * gray page that was a fifth of the decoding time.
 */
void ocr_line_put_gray(l_uint32 *line, const unsigned char *s, uint32_t w, bool invert)
{
	l_uint32 flip = invert ? 0xffffffffu : 0u;
	uint32_t x = 0;

	for (; x + 4 <= w; x += 4)
		line[x >> 2] = ((l_uint32)s[x] << 24 | (l_uint32)s[x + 1] << 16 |
		                (l_uint32)s[x + 2] << 8 | (l_uint32)s[x + 3]) ^
		               flip;
	for (; x < w; x++)
		SET_DATA_BYTE(line, x, s[x] ^ (flip & 0xffu));
}

/* Four pixels of a nibble, high bit first, as 0 or 255 bytes of a word. */
static l_uint32 ocr_nibble_word(unsigned n)
{
	return (n & 8u ? 0xff000000u : 0u) | (n & 4u ? 0xff0000u : 0u) | (n & 2u ? 0xff00u : 0u) |
	       (n & 1u ? 0xffu : 0u);
}

void ocr_line_put_bits(l_uint32 *line, const unsigned char *s, uint32_t w, bool invert)
{
	unsigned flip = invert ? 0xffu : 0u;
	uint32_t x = 0;

	for (; x + 8 <= w; x += 8) {
		unsigned b = s[x >> 3] ^ flip;

		line[x >> 2] = ocr_nibble_word(b >> 4);
		line[(x >> 2) + 1] = ocr_nibble_word(b & 15u);
	}
	for (; x < w; x++) {
		unsigned bit = ((s[x >> 3] ^ flip) >> (7 - (x & 7))) & 1u;

		SET_DATA_BYTE(line, x, bit ? 255u : 0u);
	}
}

/* One row of 8-bit gray, gray+alpha, RGB or RGBA samples into a PIX line. */
static void ocr_row_to_gray(const unsigned char *s, int channels, uint32_t w, l_uint32 *line)
{
	if (channels == 1) {
		ocr_line_put_gray(line, s, w, false);
		return;
	}
	for (uint32_t x = 0; x < w; x++, s += channels) {
		unsigned g;

		switch (channels) {
		case 2:
			g = ocr_on_white(s[0], s[1]);
			break;
		case 3:
			g = ocr_luma(s[0], s[1], s[2]);
			break;
		default:
			g = ocr_on_white(ocr_luma(s[0], s[1], s[2]), s[3]);
			break;
		}
		SET_DATA_BYTE(line, x, g);
	}
}

/* ---- PNG ------------------------------------------------------------ */

typedef struct ocr_png_ctx {
	jmp_buf jb;
	char msg[192];
} ocr_png_ctx;

static void ocr_png_on_error(png_structp png, png_const_charp text)
{
	ocr_png_ctx *c = png_get_error_ptr(png);

	if (!c->msg[0])
		core_strlcpy(c->msg, text, sizeof(c->msg));
	longjmp(c->jb, 1);
}

static void ocr_png_on_warning(png_structp png, png_const_charp text)
{
	/* Colour-profile and text-chunk complaints: the pixels are fine. */
}

int ocr_png_read(const char *path, FILE *fp, const ocr_limits *lim, bool header_only,
                 ocr_raster *out, core_err *err)
{
	ocr_png_ctx ctx;
	png_structp png = NULL;
	png_infop info = NULL;
	unsigned char *volatile rows = NULL;
	PIX *volatile pix = NULL;
	png_uint_32 w, h, xppm = 0, yppm = 0;
	int rc = 0, bit_depth, color, unit = 0, channels, passes;
	size_t rowbytes;

	memset(&ctx, 0, sizeof(ctx));
	memset(out, 0, sizeof(*out));
	png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &ctx, ocr_png_on_error,
	                             ocr_png_on_warning);
	if (png)
		info = png_create_info_struct(png);
	if (!png || !info) {
		rc = core_err_set(err, CORE_ENOMEM, "out of memory");
		goto out;
	}
	if (setjmp(ctx.jb)) {
		rc = core_err_set(err, CORE_EFORMAT, "cannot decode image");
		core_err_detail(err, "%s: png: %s", path, ctx.msg);
		goto out;
	}
	png_init_io(png, fp);
	png_read_info(png, info);
	png_get_IHDR(png, info, &w, &h, &bit_depth, &color, NULL, NULL, NULL);
	out->depth =
	    color == PNG_COLOR_TYPE_PALETTE ? bit_depth : bit_depth * png_get_channels(png, info);
	if (png_get_pHYs(png, info, &xppm, &yppm, &unit) && unit == PNG_RESOLUTION_METER)
		out->dpi = xppm * 0.0254;
	rc = ocr_check_pixels(w, h, lim, err);
	if (rc || header_only)
		goto out;

	/* Whatever the layout, ask for 8-bit samples; gray comes from ocr_row_to_gray. */
	if (bit_depth == 16)
		png_set_strip_16(png);
	if (color == PNG_COLOR_TYPE_PALETTE)
		png_set_palette_to_rgb(png);
	if (color == PNG_COLOR_TYPE_GRAY && bit_depth < 8)
		png_set_expand_gray_1_2_4_to_8(png);
	if (png_get_valid(png, info, PNG_INFO_tRNS))
		png_set_tRNS_to_alpha(png);
	passes = png_set_interlace_handling(png);
	png_read_update_info(png, info);
	channels = png_get_channels(png, info);
	rowbytes = png_get_rowbytes(png, info);
	if (channels < 1 || channels > 4 || rowbytes < (size_t)w * channels) {
		rc = core_err_set(err, CORE_EFORMAT, "unsupported pixel format");
		core_err_detail(err, "%s: png, %d channels", path, channels);
		goto out;
	}
	/* Interlaced rows are refined pass after pass: only those need the whole page. */
	rows = malloc(rowbytes * (passes > 1 ? h : 1));
	pix = pixCreateNoInit((l_int32)w, (l_int32)h, 8);
	if (!rows || !pix) {
		rc = core_err_set(err, CORE_ENOMEM, "out of memory");
		core_err_detail(err, "%s: %ux%u png", path, w, h);
		goto out;
	}
	for (int p = 0; p < passes; p++) {
		for (png_uint_32 y = 0; y < h; y++) {
			unsigned char *row = rows + (passes > 1 ? rowbytes * y : 0);

			png_read_row(png, row, NULL);
			if (passes == 1)
				ocr_row_to_gray(row, channels, w,
				                pixGetData(pix) + (size_t)y * pixGetWpl(pix));
		}
	}
	if (passes > 1)
		for (png_uint_32 y = 0; y < h; y++)
			ocr_row_to_gray(rows + rowbytes * y, channels, w,
			                pixGetData(pix) + (size_t)y * pixGetWpl(pix));
	/* The trailing chunks carry nothing for OCR: no png_read_end. */
	out->pix = pix;
	pix = NULL;
out:
	png_destroy_read_struct(&png, &info, NULL);
	free(rows);
	ocr_pix_drop(pix);
	return rc;
}

/* ---- JPEG ----------------------------------------------------------- */

typedef struct ocr_jpeg_err {
	struct jpeg_error_mgr mgr; /* first: libjpeg hands back a pointer to it */
	jmp_buf jb;
	char msg[JMSG_LENGTH_MAX];
	bool corrupt;
} ocr_jpeg_err;

static void ocr_jpeg_on_exit(j_common_ptr c)
{
	ocr_jpeg_err *e = (ocr_jpeg_err *)c->err;

	if (!e->msg[0])
		c->err->format_message(c, e->msg);
	longjmp(e->jb, 1);
}

static void ocr_jpeg_on_message(j_common_ptr c, int level)
{
	ocr_jpeg_err *e = (ocr_jpeg_err *)c->err;

	/* Levels >= 0 are traces.  Warnings mean damaged data, except these. */
	if (level >= 0)
		return;
	switch (c->err->msg_code) {
	case JWRN_EXTRANEOUS_DATA: /* junk between markers, pixels intact */
	case JWRN_JFIF_MAJOR:
	case JWRN_ADOBE_XFORM:
		return;
	default:
		break;
	}
	e->corrupt = true;
	if (!e->msg[0])
		c->err->format_message(c, e->msg);
}

static void ocr_jpeg_on_output(j_common_ptr c)
{
	/* Never print: messages are formatted into ocr_jpeg_err instead. */
}

/*
 * MuPDF, linked in statically, decodes a PDF's JPEG images with
 * libjpeg's default error manager, whose warnings ("Corrupt JPEG data:
 * ...") go to stderr, in the middle of the JSON log.  The link wraps
 * jpeg_std_error (-Wl,--wrap, ocr/CMakeLists.txt), so every error
 * manager made by code linked into this program prints nothing.  Damage
 * is found before MuPDF decodes (ocr_jpeg_check), and libjpeg's errors
 * still reach MuPDF through its own error_exit.  The names are the
 * linker's.
 */
struct jpeg_error_mgr *__real_jpeg_std_error(struct jpeg_error_mgr *err);
struct jpeg_error_mgr *__wrap_jpeg_std_error(struct jpeg_error_mgr *err);

struct jpeg_error_mgr *__wrap_jpeg_std_error(struct jpeg_error_mgr *err)
{
	struct jpeg_error_mgr *e = __real_jpeg_std_error(err);

	e->output_message = ocr_jpeg_on_output;
	return e;
}

/* CMYK as libjpeg hands it out; Adobe files store it inverted (each
 * value the paper left, 255 - ink), the form used below.  A plain file
 * holds the ink itself: all four inverted, K too, or no black ink would
 * read as black paper. */
static void ocr_cmyk_to_gray(const unsigned char *s, uint32_t w, bool adobe, l_uint32 *line)
{
	for (uint32_t x = 0; x < w; x++, s += 4) {
		unsigned c = s[0], m = s[1], y = s[2], k = s[3];

		if (!adobe) {
			c = 255 - c;
			m = 255 - m;
			y = 255 - y;
			k = 255 - k;
		}
		SET_DATA_BYTE(line, x, ocr_luma(k * c / 255, k * m / 255, k * y / 255));
	}
}

int ocr_jpeg_read(const char *path, FILE *fp, const ocr_limits *lim, bool header_only,
                  ocr_raster *out, core_err *err)
{
	struct jpeg_decompress_struct cinfo;
	ocr_jpeg_err jerr;
	unsigned char *volatile row = NULL;
	PIX *volatile pix = NULL;
	volatile bool created = false;
	double max_mem;
	JSAMPROW rp;
	uint32_t y;
	int rc = 0;

	memset(&jerr, 0, sizeof(jerr));
	memset(out, 0, sizeof(*out));
	cinfo.err = jpeg_std_error(&jerr.mgr);
	jerr.mgr.error_exit = ocr_jpeg_on_exit;
	jerr.mgr.emit_message = ocr_jpeg_on_message;
	jerr.mgr.output_message = ocr_jpeg_on_output;
	if (setjmp(jerr.jb)) {
		rc = core_err_set(err, CORE_EFORMAT, "cannot decode image");
		core_err_detail(err, "%s: jpeg: %s", path, jerr.msg);
		goto out;
	}
	jpeg_create_decompress(&cinfo);
	created = true;
	jpeg_stdio_src(&cinfo, fp);
	jpeg_read_header(&cinfo, TRUE);
	out->depth = 8 * cinfo.num_components;
	if (cinfo.density_unit == 1)
		out->dpi = cinfo.X_density;
	else if (cinfo.density_unit == 2)
		out->dpi = cinfo.X_density * 2.54;
	rc = ocr_check_pixels(cinfo.image_width, cinfo.image_height, lim, err);
	if (rc || header_only)
		goto out;
	/*
	 * Progressive files keep coefficients for the whole page; past this
	 * libjpeg fails cleanly (no backing store) instead of eating memory.
	 */
	max_mem = lim->max_megapixels * 1e6 * 8 + (64 << 20);
	cinfo.mem->max_memory_to_use = max_mem < (double)LONG_MAX ? (long)max_mem : LONG_MAX;
	if (cinfo.jpeg_color_space == JCS_CMYK || cinfo.jpeg_color_space == JCS_YCCK)
		cinfo.out_color_space = JCS_CMYK;
	else
		cinfo.out_color_space = JCS_GRAYSCALE; /* libjpeg's Y is the same luma */
	jpeg_start_decompress(&cinfo);
	row = malloc((size_t)cinfo.output_width * (size_t)cinfo.output_components);
	pix = pixCreateNoInit((l_int32)cinfo.output_width, (l_int32)cinfo.output_height, 8);
	if (!row || !pix) {
		rc = core_err_set(err, CORE_ENOMEM, "out of memory");
		core_err_detail(err, "%s: %ux%u jpeg", path, cinfo.output_width,
		                cinfo.output_height);
		goto out;
	}
	rp = row;
	while (!jerr.corrupt && cinfo.output_scanline < cinfo.output_height) {
		y = cinfo.output_scanline;
		if (jpeg_read_scanlines(&cinfo, &rp, 1) != 1)
			break;
		if (cinfo.output_components == 4)
			ocr_cmyk_to_gray(row, cinfo.output_width, cinfo.saw_Adobe_marker,
			                 pixGetData(pix) + (size_t)y * pixGetWpl(pix));
		else
			ocr_row_to_gray(row, 1, cinfo.output_width,
			                pixGetData(pix) + (size_t)y * pixGetWpl(pix));
	}
	/* A truncated file decodes to the end with gray fill: refuse it, do not OCR half a page. */
	if (jerr.corrupt || cinfo.output_scanline < cinfo.output_height) {
		rc = core_err_set(err, CORE_EFORMAT, "cannot decode image");
		core_err_detail(err, "%s: jpeg: %s", path, jerr.msg[0] ? jerr.msg : "short data");
		goto out;
	}
	jpeg_finish_decompress(&cinfo);
	out->pix = pix;
	pix = NULL;
out:
	if (created)
		jpeg_destroy_decompress(&cinfo);
	free(row);
	ocr_pix_drop(pix);
	return rc;
}

size_t ocr_jpeg_lead(const unsigned char *d, size_t n)
{
	size_t i = 0;

	while (i + 1 < n && (d[i] == '\r' || d[i] == '\n'))
		i++;
	return i + 1 < n && d[i] == 0xff && d[i + 1] == 0xd8 ? i : 0;
}

int ocr_jpeg_check(const char *path, const unsigned char *data, size_t n, const ocr_limits *lim,
                   core_err *err)
{
	struct jpeg_decompress_struct cinfo;
	ocr_jpeg_err jerr;
	unsigned char *volatile row = NULL;
	volatile bool created = false;
	double max_mem;
	JSAMPROW rp;
	size_t lead;
	volatile int rc = 0;

	memset(&jerr, 0, sizeof(jerr));
	cinfo.err = jpeg_std_error(&jerr.mgr);
	jerr.mgr.error_exit = ocr_jpeg_on_exit;
	jerr.mgr.emit_message = ocr_jpeg_on_message;
	jerr.mgr.output_message = ocr_jpeg_on_output;
	if (setjmp(jerr.jb)) {
		rc = core_err_set(err, CORE_EFORMAT, "cannot decode pdf image");
		core_err_detail(err, "%s: jpeg: %s", path, jerr.msg);
		goto out;
	}
	jpeg_create_decompress(&cinfo);
	created = true;
	lead = ocr_jpeg_lead(data, n);
	jpeg_mem_src(&cinfo, data + lead, (unsigned long)(n - lead));
	jpeg_read_header(&cinfo, TRUE);
	max_mem = lim->max_megapixels * 1e6 * 8 + (64 << 20);
	/*
	 * A progressive file keeps its coefficients for the whole image (2
	 * bytes each): past the memory bound libjpeg would fail, and the
	 * image is left to MuPDF, as one over the pixel limit would be.
	 */
	if (cinfo.progressive_mode && (double)cinfo.image_width * (double)cinfo.image_height *
	                                      (double)cinfo.num_components * 2.0 >
	                                  max_mem)
		goto out;
	cinfo.mem->max_memory_to_use = max_mem < (double)LONG_MAX ? (long)max_mem : LONG_MAX;
	/*
	 * Every coefficient is still entropy-decoded, which is where damage
	 * shows, but an eighth of the size in each direction leaves out
	 * almost all of the inverse DCT and colour work.
	 */
	cinfo.scale_num = 1;
	cinfo.scale_denom = 8;
	cinfo.dct_method = JDCT_IFAST;
	cinfo.do_fancy_upsampling = FALSE;
	jpeg_start_decompress(&cinfo);
	row = malloc((size_t)cinfo.output_width * (size_t)cinfo.output_components);
	if (!row) {
		rc = core_err_set(err, CORE_ENOMEM, "out of memory");
		goto out;
	}
	rp = row;
	while (!jerr.corrupt && cinfo.output_scanline < cinfo.output_height)
		if (jpeg_read_scanlines(&cinfo, &rp, 1) != 1)
			break;
	if (jerr.corrupt || cinfo.output_scanline < cinfo.output_height) {
		rc = core_err_set(err, CORE_EFORMAT, "cannot decode pdf image");
		core_err_detail(err, "%s: jpeg: %s", path, jerr.msg[0] ? jerr.msg : "short data");
		goto out;
	}
	/* As in ocr_jpeg_read: a missing end marker after whole pixels is no damage. */
	jpeg_finish_decompress(&cinfo);
out:
	if (created)
		jpeg_destroy_decompress(&cinfo);
	free(row);
	return rc;
}
