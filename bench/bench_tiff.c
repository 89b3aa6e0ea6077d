/*
 * bench_tiff.c - page writers: multi-page TIFF through libtiff and PNG
 * through libpng (cairo cannot write the pHYs chunk, and without it a
 * reader has to guess the resolution).  Every file is written under a
 * temporary name and renamed into place, so a killed generator never
 * leaves a truncated file under a name the pipeline would pick up.
 */
#include "bench_priv.h"

#include <errno.h>
#include <math.h>
#include <png.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tiffio.h>
#include <unistd.h>

#define BENCH_JPEG_QUALITY 90

struct bench_tiff {
	TIFF *tif;
	TIFFOpenOptions *opts;
	char *path, *tmp;
	uint16_t compression;
	int bits;
	bool resolution;
	int n_pages, written;
	bool failed;
	char msg[CORE_DETAIL_MAX];
};

static const struct {
	const char *name;
	uint16_t code;
} bench_compressions[] = {
    {"none", COMPRESSION_NONE},
    {"lzw", COMPRESSION_LZW},
    {"deflate", COMPRESSION_ADOBE_DEFLATE},
    {"packbits", COMPRESSION_PACKBITS},
    {"jpeg", COMPRESSION_JPEG},
    {"g3", COMPRESSION_CCITTFAX3},
    {"g4", COMPRESSION_CCITTFAX4},
};

char *bench_tmp_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	size_t dir_len = slash ? (size_t)(slash - path) + 1 : 0;
	size_t size = strlen(path) + sizeof("..tmp");
	char *tmp = malloc(size);

	/* A dot name in the same directory: hidden from directory scans and
	 * on the same file system, so rename(2) is atomic. */
	if (tmp)
		snprintf(tmp, size, "%.*s.%s.tmp", (int)dir_len, path, path + dir_len);
	return tmp;
}

int bench_commit_file(const char *tmp, const char *path, core_err *err)
{
	int rc;

	if (rename(tmp, path) == 0)
		return 0;
	rc = core_err_set(err, CORE_EIO, "cannot rename the finished file into place");
	core_err_detail(err, "%s -> %s: %s", tmp, path, strerror(errno));
	unlink(tmp);
	return rc;
}

/* libtiff reports through callbacks; keep the first message for the
 * error detail instead of letting it print to stderr. */
static int bench_tiff_on_error(TIFF *tif, void *user, const char *module, const char *fmt,
                               va_list ap)
{
	bench_tiff *t = user;

	if (!t->failed) {
		int n = snprintf(t->msg, sizeof(t->msg), "%s: ", module ? module : "libtiff");

		if (n < 0 || (size_t)n >= sizeof(t->msg))
			n = 0;
		vsnprintf(t->msg + n, sizeof(t->msg) - (size_t)n, fmt, ap);
	}
	t->failed = true;
	return 1;
}

static int bench_tiff_on_warning(TIFF *tif, void *user, const char *module, const char *fmt,
                                 va_list ap)
{
	return 1;
}

static int bench_tiff_fail(bench_tiff *t, const char *what, core_err *err)
{
	int rc = core_err_set(err, CORE_EIO, "%s", what);

	core_err_detail(err, "%s: %s", t->path, t->msg[0] ? t->msg : "libtiff failed");
	return rc;
}

int bench_tiff_open(const char *path, const char *compression, int bits, bool write_resolution,
                    int n_pages, bench_tiff **out, core_err *err)
{
	bench_tiff *t = NULL;
	size_t i;
	int rc = 0;

	*out = NULL;
	for (i = 0; compression && i < sizeof(bench_compressions) / sizeof(bench_compressions[0]);
	     i++)
		if (strcmp(compression, bench_compressions[i].name) == 0)
			break;
	if (!compression || i == sizeof(bench_compressions) / sizeof(bench_compressions[0])) {
		rc = core_err_set(err, CORE_EARG, "unknown tiff compression");
		core_err_detail(err, "\"%s\"; use none, lzw, deflate, packbits, jpeg, g3 or g4",
		                compression ? compression : "(null)");
		goto out;
	}
	if (bits != 1 && bits != 8) {
		rc = core_err_set(err, CORE_EARG, "tiff bits per sample must be 1 or 8");
		goto out;
	}
	if (bench_compressions[i].code == COMPRESSION_JPEG && bits == 1) {
		rc = core_err_set(err, CORE_EARG, "jpeg compression needs 8-bit pages");
		goto out;
	}
	t = calloc(1, sizeof(*t));
	if (!t) {
		rc = core_err_set(err, CORE_ENOMEM, "out of memory");
		goto out;
	}
	t->compression = bench_compressions[i].code;
	/* Fax codings only exist for bilevel images. */
	t->bits =
	    (t->compression == COMPRESSION_CCITTFAX3 || t->compression == COMPRESSION_CCITTFAX4)
	        ? 1
	        : bits;
	t->resolution = write_resolution;
	t->n_pages = n_pages;
	t->path = core_strdup(path);
	t->tmp = bench_tmp_name(path);
	t->opts = TIFFOpenOptionsAlloc();
	if (!t->path || !t->tmp || !t->opts) {
		rc = core_err_set(err, CORE_ENOMEM, "out of memory");
		goto out;
	}
	TIFFOpenOptionsSetErrorHandlerExtR(t->opts, bench_tiff_on_error, t);
	TIFFOpenOptionsSetWarningHandlerExtR(t->opts, bench_tiff_on_warning, t);
	t->tif = TIFFOpenExt(t->tmp, "w", t->opts);
	if (!t->tif) {
		rc = core_err_set(err, CORE_EIO, "cannot create tiff file");
		core_err_detail(err, "%s: %s", t->tmp, t->msg[0] ? t->msg : strerror(errno));
		goto out;
	}
out:
	if (rc) {
		if (t)
			bench_tiff_close(t, false, NULL);
		return rc;
	}
	*out = t;
	return 0;
}

static void bench_tiff_tags(bench_tiff *t, const bench_raster *page, uint16_t compression, int bits)
{
	TIFF *tif = t->tif;
	uint32_t rows;

	TIFFSetField(tif, TIFFTAG_IMAGEWIDTH, (uint32_t)page->width);
	TIFFSetField(tif, TIFFTAG_IMAGELENGTH, (uint32_t)page->height);
	TIFFSetField(tif, TIFFTAG_SAMPLESPERPIXEL, (uint16_t)1);
	TIFFSetField(tif, TIFFTAG_BITSPERSAMPLE, (uint16_t)bits);
	TIFFSetField(tif, TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG);
	/* Scanners write bilevel pages min-is-white (1 = ink), fax style. */
	TIFFSetField(tif, TIFFTAG_PHOTOMETRIC,
	             bits == 1 ? PHOTOMETRIC_MINISWHITE : PHOTOMETRIC_MINISBLACK);
	TIFFSetField(tif, TIFFTAG_COMPRESSION, compression);
	if (bits == 8 &&
	    (compression == COMPRESSION_LZW || compression == COMPRESSION_ADOBE_DEFLATE))
		TIFFSetField(tif, TIFFTAG_PREDICTOR, PREDICTOR_HORIZONTAL);
	if (compression == COMPRESSION_JPEG)
		TIFFSetField(tif, TIFFTAG_JPEGQUALITY, BENCH_JPEG_QUALITY);
	/* No DateTime tag: the same options must give byte-identical files. */
	TIFFSetField(tif, TIFFTAG_SOFTWARE, "sohoa-gen");
	if (t->n_pages > 1) {
		TIFFSetField(tif, TIFFTAG_SUBFILETYPE, FILETYPE_PAGE);
		TIFFSetField(tif, TIFFTAG_PAGENUMBER, (uint16_t)t->written, (uint16_t)t->n_pages);
	}
	if (t->resolution && page->dpi > 0) {
		TIFFSetField(tif, TIFFTAG_XRESOLUTION, (float)page->dpi);
		TIFFSetField(tif, TIFFTAG_YRESOLUTION, (float)page->dpi);
		TIFFSetField(tif, TIFFTAG_RESOLUTIONUNIT, RESUNIT_INCH);
	}
	/* Fax pages are conventionally one strip; others get ~64 KiB strips
	 * (libtiff's 8 KiB default makes over a thousand strips per A4 page);
	 * TIFFDefaultStripSize rounds to the JPEG block height. */
	if (bits == 1 && compression != COMPRESSION_NONE)
		rows = (uint32_t)page->height;
	else
		rows = TIFFDefaultStripSize(tif, (uint32_t)(65536 / TIFFScanlineSize(tif) + 1));
	TIFFSetField(tif, TIFFTAG_ROWSPERSTRIP, rows);
}

static int bench_tiff_page(bench_tiff *t, const bench_raster *page, uint16_t compression, int bits,
                           core_err *err)
{
	uint8_t *row = NULL;
	size_t row_bytes;
	int rc = 0;

	if (!page || !page->pixels || page->width <= 0 || page->height <= 0) {
		rc = core_err_set(err, CORE_EARG, "empty page raster");
		goto out;
	}
	if (t->n_pages > 0 && t->written >= t->n_pages) {
		rc = core_err_set(err, CORE_EINTERNAL, "more tiff pages than announced");
		goto out;
	}
	row_bytes = bits == 1 ? ((size_t)page->width + 7) / 8 : (size_t)page->width;
	row = malloc(row_bytes);
	if (!row) {
		rc = core_err_set(err, CORE_ENOMEM, "out of memory");
		goto out;
	}
	bench_tiff_tags(t, page, compression, bits);
	for (int y = 0; y < page->height && !t->failed; y++) {
		const uint8_t *src = page->pixels + (size_t)y * (size_t)page->width;

		if (bits == 1) {
			/* Threshold at 128: a set bit is ink (min-is-white). */
			memset(row, 0, row_bytes);
			for (int x = 0; x < page->width; x++)
				if (src[x] < 128)
					row[x >> 3] |= (uint8_t)(0x80 >> (x & 7));
		} else {
			/* A copy, because the predictor encodes the buffer in place. */
			memcpy(row, src, row_bytes);
		}
		if (TIFFWriteScanline(t->tif, row, (uint32_t)y, 0) < 0)
			t->failed = true;
	}
	if (t->failed || !TIFFWriteDirectory(t->tif)) {
		rc = bench_tiff_fail(t, "cannot write tiff page", err);
		goto out;
	}
	t->written++;
out:
	free(row);
	return rc;
}

int bench_tiff_add(bench_tiff *t, const bench_raster *page, core_err *err)
{
	return bench_tiff_page(t, page, t->compression, t->bits, err);
}

int bench_tiff_add_g4(bench_tiff *t, const bench_raster *page, core_err *err)
{
	return bench_tiff_page(t, page, COMPRESSION_CCITTFAX4, 1, err);
}

int bench_tiff_close(bench_tiff *t, bool commit, core_err *err)
{
	int rc = 0;

	if (!t)
		return 0;
	if (t->tif) {
		TIFFClose(t->tif);
		t->tif = NULL;
		if (commit && t->failed)
			rc = bench_tiff_fail(t, "cannot finish tiff file", err);
		else if (commit &&
		         (t->written == 0 || (t->n_pages > 0 && t->written != t->n_pages)))
			rc = core_err_set(err, CORE_EINTERNAL, "tiff page count mismatch");
		if (commit && rc == 0)
			rc = bench_commit_file(t->tmp, t->path, err);
		else
			unlink(t->tmp);
	} else if (commit) {
		rc = core_err_set(err, CORE_EINTERNAL, "tiff file not open");
	}
	if (t->opts)
		TIFFOpenOptionsFree(t->opts);
	free(t->path);
	free(t->tmp);
	free(t);
	return rc;
}

int bench_write_tiff(const char *path, const bench_raster *pages, int n_pages,
                     const char *compression, int bits, bool write_resolution, core_err *err)
{
	bench_tiff *t = NULL;
	int rc;

	if (!path || !pages || n_pages <= 0 || n_pages > 65535) {
		rc = core_err_set(err, CORE_EARG, "bad arguments to bench_write_tiff");
		core_err_detail(err, "%d pages", n_pages);
		goto out;
	}
	rc = bench_tiff_open(path, compression, bits, write_resolution, n_pages, &t, err);
	for (int i = 0; rc == 0 && i < n_pages; i++)
		rc = bench_tiff_add(t, &pages[i], err);
out:
	if (t) {
		int crc = bench_tiff_close(t, rc == 0, err);

		if (rc == 0)
			rc = crc;
	}
	return rc;
}

typedef struct bench_png_err {
	jmp_buf jump;
	char msg[CORE_DETAIL_MAX];
} bench_png_err;

static void bench_png_fail(png_structp png, png_const_charp msg)
{
	bench_png_err *e = png_get_error_ptr(png);

	core_strlcpy(e->msg, msg ? msg : "libpng failed", sizeof(e->msg));
	longjmp(e->jump, 1);
}

static void bench_png_warn(png_structp png, png_const_charp msg)
{
}

int bench_write_png(const char *path, const bench_raster *page, core_err *err)
{
	bench_png_err pe = {.msg = ""};
	png_structp png = NULL;
	png_infop info = NULL;
	FILE *volatile f = NULL;
	char *volatile tmp = NULL;
	volatile int rc = 0;

	if (!path || !page || !page->pixels || page->width <= 0 || page->height <= 0) {
		rc = core_err_set(err, CORE_EARG, "bad arguments to bench_write_png");
		goto out;
	}
	tmp = bench_tmp_name(path);
	png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &pe, bench_png_fail, bench_png_warn);
	info = png ? png_create_info_struct(png) : NULL;
	if (!tmp || !info) {
		rc = core_err_set(err, CORE_ENOMEM, "out of memory");
		goto out;
	}
	f = fopen(tmp, "wb");
	if (!f) {
		rc = core_err_set(err, CORE_EIO, "cannot write png file");
		core_err_detail(err, "%s: %s", tmp, strerror(errno));
		goto out;
	}
	if (setjmp(pe.jump)) {
		rc = core_err_set(err, CORE_EIO, "cannot write png file");
		core_err_detail(err, "%s: %s", tmp, pe.msg);
		goto out;
	}
	png_init_io(png, f);
	png_set_IHDR(png, info, (png_uint_32)page->width, (png_uint_32)page->height, 8,
	             PNG_COLOR_TYPE_GRAY, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
	             PNG_FILTER_TYPE_DEFAULT);
	if (page->dpi > 0) {
		png_uint_32 ppm = (png_uint_32)lround(page->dpi / 0.0254);

		png_set_pHYs(png, info, ppm, ppm, PNG_RESOLUTION_METER);
	}
	/* Text pages are mostly runs of white: the Sub filter and deflate's
	 * fastest level cost a few percent of size and keep a 300 dpi page
	 * near 20 ms (100,000-page corpora). */
	png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_SUB);
	png_set_compression_level(png, 1);
	png_write_info(png, info);
	for (int y = 0; y < page->height; y++)
		png_write_row(png, page->pixels + (size_t)y * (size_t)page->width);
	png_write_end(png, info);
	if (fclose(f) != 0) {
		f = NULL;
		rc = core_err_set(err, CORE_EIO, "cannot write png file");
		core_err_detail(err, "%s: %s", tmp, strerror(errno));
		goto out;
	}
	f = NULL;
	rc = bench_commit_file(tmp, path, err);
out:
	if (png)
		png_destroy_write_struct(&png, info ? &info : NULL);
	if (f) {
		fclose(f);
		unlink(tmp);
	}
	free(tmp);
	return rc;
}
