/*
 * ocr_tiff.c - TIFF pages through libtiff, one directory at a time.
 *
 * Only the requested directory is decoded, so memory follows the
 * largest page, never the number of pages.  Bilevel and 8-bit gray
 * strips (the bulk of archive scans) are read scanline by scanline
 * straight into the gray PIX; everything else goes through libtiff's
 * RGBA interface in bands of rows.
 */
#include "ocr_priv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tiffio.h>
#include <unistd.h>

/* RGBA fallback band: 16 MB of RGBA whatever the page size. */
#define OCR_RGBA_BAND_PX (1u << 22)

/* libtiff's first error for one handle; handles never share one. */
typedef struct ocr_tiff_msg {
	const char *path; /* libtiff repeats it in messages; the detail has it already */
	char text[CORE_DETAIL_MAX / 2];
} ocr_tiff_msg;

/* Where we are, for error details. */
typedef struct ocr_tiff_page {
	const char *path;
	int index;
	TIFF *tif;
	ocr_tiff_msg *msg;
	uint32_t w, h;
} ocr_tiff_page;

/* libtiff's format string: checked as one, so clang's -Wformat-nonliteral stays quiet. */
static int ocr_tiff_on_error(TIFF *tif, void *user, const char *module, const char *fmt, va_list ap)
    CORE_PRINTF(4, 0);
static int ocr_tiff_on_error(TIFF *tif, void *user, const char *module, const char *fmt, va_list ap)
{
	ocr_tiff_msg *m = user;
	size_t plen;
	char *dup;
	int n;

	/* The first message is the root cause; later ones are its echoes. */
	if (!m || m->text[0] != '\0')
		return 1;
	n = snprintf(m->text, sizeof(m->text), "%s: ", module ? module : "libtiff");
	if (n < 0 || (size_t)n >= sizeof(m->text))
		n = 0;
	vsnprintf(m->text + n, sizeof(m->text) - (size_t)n, fmt, ap);
	plen = m->path ? strlen(m->path) : 0;
	dup = plen ? strstr(m->text, m->path) : NULL;
	if (dup && dup[plen] == ':' && dup[plen + 1] == ' ')
		memmove(dup, dup + plen + 2, strlen(dup + plen + 2) + 1);
	return 1;
}

static int ocr_tiff_on_warning(TIFF *tif, void *user, const char *module, const char *fmt,
                               va_list ap)
{
	/* Unknown tags and byte counts libtiff repairs itself are noise here. */
	return 1;
}

static const char *ocr_tiff_why(const ocr_tiff_msg *msg, const char *fallback)
{
	return msg->text[0] ? msg->text : fallback;
}

/* Takes fd.  The handlers send libtiff's messages to msg, nowhere else. */
static int ocr_tiff_open(const char *path, int fd, const ocr_limits *lim, ocr_tiff_msg *msg,
                         TIFF **out, core_err *err)
{
	TIFFOpenOptions *opts = NULL;
	double max_alloc;
	int rc = 0;

	*out = NULL;
	opts = TIFFOpenOptionsAlloc();
	if (!opts) {
		close(fd);
		rc = core_err_set(err, CORE_ENOMEM, "out of memory");
		goto out;
	}
	TIFFOpenOptionsSetErrorHandlerExtR(opts, ocr_tiff_on_error, msg);
	TIFFOpenOptionsSetWarningHandlerExtR(opts, ocr_tiff_on_warning, NULL);
	/*
	 * No single libtiff buffer needs more than a whole page at 8 bytes
	 * a pixel (16-bit RGBA strip); larger requests come from forged
	 * tag counts.
	 */
	max_alloc = lim->max_megapixels * 1e6 * 8 + (64 << 20);
	if (max_alloc < 9e18)
		TIFFOpenOptionsSetMaxSingleMemAlloc(opts, (tmsize_t)max_alloc);
	/* "m": plain reads, so a file truncated under us is an error, not SIGBUS. */
	*out = TIFFFdOpenExt(fd, path, "rm", opts);
	if (!*out) {
		/* libtiff closes the descriptor only once the open succeeded. */
		close(fd);
		rc = core_err_set(err, CORE_EFORMAT, "cannot read tiff");
		core_err_detail(err, "%s: %s", path, ocr_tiff_why(msg, "bad header"));
		goto out;
	}
out:
	TIFFOpenOptionsFree(opts);
	return rc;
}

int ocr_tiff_count_pages(const char *path, int fd, const ocr_limits *lim, int *pages, core_err *err)
{
	ocr_tiff_msg msg = {.path = path};
	TIFF *tif = NULL;
	int rc, n = 1;

	*pages = 0;
	rc = ocr_tiff_open(path, fd, lim, &msg, &tif, err);
	if (rc)
		goto out;
	while (n <= lim->max_pages && !TIFFLastDirectory(tif)) {
		n++;
		/*
		 * A chain broken after k good pages still counts page k+1: it
		 * gets attempted, fails and is recorded, instead of vanishing.
		 */
		if (!TIFFReadDirectory(tif))
			break;
	}
	if (n > lim->max_pages) {
		rc = core_err_set(err, CORE_ELIMIT, "too many pages");
		core_err_detail(err, "%s: more than %d pages", path, lim->max_pages);
		goto out;
	}
	*pages = n;
out:
	if (tif)
		TIFFClose(tif);
	return rc;
}

static int ocr_tiff_fail(const ocr_tiff_page *pg, core_err *err, const char *what,
                         const char *fallback)
{
	int rc = core_err_set(err, CORE_EFORMAT, "%s", what);

	core_err_detail(err, "%s: page index %d: %s", pg->path, pg->index,
	                ocr_tiff_why(pg->msg, fallback));
	return rc;
}

/* Whether the scanline fast path applies; *photo is set when it does. */
static bool ocr_tiff_fast_ok(TIFF *tif, uint16_t bps, uint16_t spp, uint16_t *photo)
{
	uint16_t fmt = SAMPLEFORMAT_UINT, orient = ORIENTATION_TOPLEFT;
	uint16_t comp = COMPRESSION_NONE;

	if (TIFFIsTiled(tif) || spp != 1 || (bps != 1 && bps != 8))
		return false;
	if (!TIFFGetField(tif, TIFFTAG_PHOTOMETRIC, photo))
		return false;
	if (*photo != PHOTOMETRIC_MINISBLACK && *photo != PHOTOMETRIC_MINISWHITE)
		return false;
	TIFFGetFieldDefaulted(tif, TIFFTAG_SAMPLEFORMAT, &fmt);
	TIFFGetFieldDefaulted(tif, TIFFTAG_ORIENTATION, &orient);
	TIFFGetFieldDefaulted(tif, TIFFTAG_COMPRESSION, &comp);
	/* Old-style JPEG has its own ideas about scanlines: leave it to RGBA. */
	return fmt == SAMPLEFORMAT_UINT && orient == ORIENTATION_TOPLEFT &&
	       comp != COMPRESSION_OJPEG;
}

static int ocr_tiff_read_gray(const ocr_tiff_page *pg, PIX *pix, uint16_t bps, uint16_t photo,
                              core_err *err)
{
	l_uint32 *data = pixGetData(pix), *line;
	int wpl = pixGetWpl(pix), rc = 0;
	/* Gray 0 is white in miniswhite files: flip so that 0 is always black. */
	bool inv = photo == PHOTOMETRIC_MINISWHITE;
	tmsize_t need = bps == 1 ? (tmsize_t)((pg->w + 7) / 8) : (tmsize_t)pg->w;
	tmsize_t sl = TIFFScanlineSize(pg->tif);
	unsigned char *buf = NULL;

	if (sl < need) {
		rc = ocr_tiff_fail(pg, err, "cannot decode tiff page", "bad scanline size");
		goto out;
	}
	buf = malloc((size_t)sl);
	if (!buf) {
		rc = core_err_set(err, CORE_ENOMEM, "out of memory");
		goto out;
	}
	for (uint32_t y = 0; y < pg->h; y++) {
		if (TIFFReadScanline(pg->tif, buf, y, 0) < 0) {
			rc = ocr_tiff_fail(pg, err, "cannot decode tiff page", "read error");
			goto out;
		}
		line = data + (size_t)y * wpl;
		if (bps == 1)
			ocr_line_put_bits(line, buf, pg->w, inv);
		else
			ocr_line_put_gray(line, buf, pg->w, inv);
	}
out:
	free(buf);
	return rc;
}

/* ITU-R 601 luma of an ABGR raster pixel, as the PNG and JPEG paths use. */
static unsigned ocr_tiff_gray(uint32_t p)
{
	unsigned y = (299 * TIFFGetR(p) + 587 * TIFFGetG(p) + 114 * TIFFGetB(p) + 500) / 1000;

	/* libtiff hands out premultiplied colour: adding the missing alpha composites on white. */
	y += 255 - TIFFGetA(p);
	return y > 255 ? 255 : y;
}

static int ocr_tiff_read_rgba(const ocr_tiff_page *pg, PIX *pix, core_err *err)
{
	l_uint32 *data = pixGetData(pix), *line;
	int wpl = pixGetWpl(pix), rc = 0;
	char emsg[1024] = "";
	TIFFRGBAImage img;
	bool begun = false;
	uint32_t *raster = NULL, unit = 0, band, n;
	uint16_t orient = ORIENTATION_TOPLEFT;
	uint64_t per_band;

	if (!TIFFRGBAImageOK(pg->tif, emsg) || !TIFFRGBAImageBegin(&img, pg->tif, 1, emsg)) {
		rc = core_err_set(err, CORE_EFORMAT, "unsupported tiff page");
		core_err_detail(err, "%s: page index %d: %s", pg->path, pg->index,
		                emsg[0] ? emsg : ocr_tiff_why(pg->msg, "unknown layout"));
		goto out;
	}
	begun = true;
	img.req_orientation = ORIENTATION_TOPLEFT;
	/* Bands in whole strips or tiles, so none is decoded twice. */
	if (TIFFIsTiled(pg->tif))
		TIFFGetField(pg->tif, TIFFTAG_TILELENGTH, &unit);
	else
		TIFFGetFieldDefaulted(pg->tif, TIFFTAG_ROWSPERSTRIP, &unit);
	if (unit == 0 || unit > pg->h)
		unit = pg->h;
	per_band = OCR_RGBA_BAND_PX / ((uint64_t)pg->w * unit);
	if (per_band < 1)
		per_band = 1;
	band = per_band * unit < pg->h ? (uint32_t)(per_band * unit) : pg->h;
	/*
	 * libtiff applies a flipped orientation within each call, so only
	 * a whole-page call puts the rows of such a file in place.
	 */
	TIFFGetFieldDefaulted(pg->tif, TIFFTAG_ORIENTATION, &orient);
	if (orient != ORIENTATION_TOPLEFT)
		band = pg->h;
	raster = malloc((size_t)pg->w * band * sizeof(*raster));
	if (!raster) {
		rc = core_err_set(err, CORE_ENOMEM, "out of memory");
		goto out;
	}
	for (uint32_t y = 0; y < pg->h; y += n) {
		n = pg->h - y < band ? pg->h - y : band;
		img.row_offset = (int)y;
		img.col_offset = 0;
		if (!TIFFRGBAImageGet(&img, raster, pg->w, n)) {
			rc = ocr_tiff_fail(pg, err, "cannot decode tiff page", "read error");
			goto out;
		}
		for (uint32_t r = 0; r < n; r++) {
			const uint32_t *src = raster + (size_t)r * pg->w;

			line = data + (size_t)(y + r) * wpl;
			for (uint32_t x = 0; x < pg->w; x++)
				SET_DATA_BYTE(line, x, ocr_tiff_gray(src[x]));
		}
	}
out:
	if (begun)
		TIFFRGBAImageEnd(&img);
	free(raster);
	return rc;
}

int ocr_tiff_load(const char *path, int fd, int index, const ocr_limits *lim, ocr_image **out,
                  core_err *err)
{
	ocr_tiff_msg msg = {.path = path};
	ocr_tiff_page pg = {.path = path, .index = index, .msg = &msg};
	uint16_t bps = 1, spp = 1, photo = 0, unit = RESUNIT_INCH;
	float xres = 0.0f;
	double dpi = 0.0;
	bool assumed = false;
	PIX *pix = NULL;
	int rc, dpi_px;

	*out = NULL;
	rc = ocr_tiff_open(path, fd, lim, &msg, &pg.tif, err);
	if (rc)
		goto out;
	if (index > 0 && !TIFFSetDirectory(pg.tif, (tdir_t)index)) {
		rc = ocr_tiff_fail(&pg, err, "cannot read tiff page", "no such page");
		goto out;
	}
	if (!TIFFGetField(pg.tif, TIFFTAG_IMAGEWIDTH, &pg.w) ||
	    !TIFFGetField(pg.tif, TIFFTAG_IMAGELENGTH, &pg.h)) {
		rc = ocr_tiff_fail(&pg, err, "cannot read tiff page", "no image dimensions");
		goto out;
	}
	/* Before any pixel buffer exists: the header may be a decompression bomb. */
	rc = ocr_check_pixels(pg.w, pg.h, lim, err);
	if (rc)
		goto out;
	TIFFGetFieldDefaulted(pg.tif, TIFFTAG_BITSPERSAMPLE, &bps);
	TIFFGetFieldDefaulted(pg.tif, TIFFTAG_SAMPLESPERPIXEL, &spp);
	if (TIFFGetField(pg.tif, TIFFTAG_XRESOLUTION, &xres)) {
		TIFFGetFieldDefaulted(pg.tif, TIFFTAG_RESOLUTIONUNIT, &unit);
		if (unit == RESUNIT_INCH)
			dpi = xres;
		else if (unit == RESUNIT_CENTIMETER)
			dpi = xres * 2.54;
	}
	dpi_px = ocr_resolve_dpi(dpi, &assumed);
	pix = pixCreateNoInit((l_int32)pg.w, (l_int32)pg.h, 8);
	if (!pix) {
		rc = core_err_set(err, CORE_ENOMEM, "out of memory");
		core_err_detail(err, "%s: page index %d: %ux%u gray", path, index, pg.w, pg.h);
		goto out;
	}
	if (ocr_tiff_fast_ok(pg.tif, bps, spp, &photo))
		rc = ocr_tiff_read_gray(&pg, pix, bps, photo, err);
	else
		rc = ocr_tiff_read_rgba(&pg, pix, err);
	if (rc)
		goto out;
	rc = ocr_image_wrap(pix, dpi_px, assumed, bps * spp, out, err);
	pix = NULL;
out:
	pixDestroy(&pix);
	if (pg.tif)
		TIFFClose(pg.tif);
	return rc;
}
