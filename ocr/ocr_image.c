/*
 * ocr_image.c - format sniffing, limits, PNM decoding through
 * Leptonica, and the measures taken on a decoded page (hash, blank
 * test).  TIFF lives in ocr_tiff.c, PNG and JPEG in ocr_decode.c.
 */
#include "ocr_priv.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <tiffio.h>
#include <unistd.h>

/* Leptonica indexes rows and columns with l_int32 and caps a PIX at 2 GB. */
#define OCR_MAX_SIDE (1 << 20)

/*
 * Blank test.  Sampling every 2nd row and column is enough for strokes
 * of 12 pt text at 150 dpi and up.  A sample counts as ink only when
 * its right and lower neighbours are dark too: single-pixel speckle and
 * hairline scanner streaks are not content.  The ratio threshold sits
 * between a few dozen dust specks (~1e-5 on an A4 page at 300 dpi) and
 * one short line of text (1e-4 to 2e-4).
 */
#define OCR_BLANK_MARGIN 0.05
#define OCR_BLANK_STEP   2
#define OCR_BLANK_DARK   128
#define OCR_BLANK_RATIO  5e-5
/*
 * On a page cleaned of specks (img->specked), dust has clumped where it
 * fell thick, and the cleaning keeps clumps it finds beside one another:
 * a dusty separator sheet kept 0.4% ink.  There ink counts only in
 * components larger than this either way (pixels at 300 dpi), which a
 * line of text at any readable size has: 10 pt capitals are 30 high.
 */
#define OCR_BLANK_DUST 10

static pthread_once_t ocr_once = PTHREAD_ONCE_INIT;

/* Leptonica's own prints (its PNM reader's "maxval = 2") bypass the
 * message severity. */
static void ocr_lept_quiet(const char *msg)
{
	(void)msg;
}

static void ocr_global_init_once(void)
{
	/*
	 * Both libraries print to stderr by default; the pipeline reports
	 * failures itself, in its own log format.  libtiff messages are
	 * still captured per TIFF handle (see ocr_tiff.c).
	 */
	setMsgSeverity(L_SEVERITY_NONE);
	leptSetStderrHandler(ocr_lept_quiet);
	TIFFSetErrorHandler(NULL);
	TIFFSetWarningHandler(NULL);
}

void ocr_global_init(void)
{
	pthread_once(&ocr_once, ocr_global_init_once);
}

void ocr_limits_default(ocr_limits *lim)
{
	if (!lim)
		return;
	lim->max_megapixels = 250.0;
	lim->max_pages = 10000;
}

const char *ocr_format_name(ocr_format f)
{
	switch (f) {
	case OCR_FMT_TIFF:
		return "tiff";
	case OCR_FMT_PNG:
		return "png";
	case OCR_FMT_JPEG:
		return "jpeg";
	case OCR_FMT_PNM:
		return "pnm";
	case OCR_FMT_PDF:
		return "pdf";
	case OCR_FMT_UNKNOWN:
		break;
	}
	return "unknown";
}

int ocr_check_pixels(uint64_t w, uint64_t h, const ocr_limits *lim, core_err *err)
{
	double mp = (double)w * (double)h / 1e6;

	if (w == 0 || h == 0) {
		core_err_set(err, CORE_EFORMAT, "image has no pixels");
		core_err_detail(err, "%" PRIu64 "x%" PRIu64, w, h);
		return CORE_EFORMAT;
	}
	if (mp > lim->max_megapixels) {
		core_err_set(err, CORE_ELIMIT, "image over the pixel limit");
		core_err_detail(err, "%" PRIu64 "x%" PRIu64 " = %.1f megapixels, limit %g", w, h,
		                mp, lim->max_megapixels);
		return CORE_ELIMIT;
	}
	if (w > OCR_MAX_SIDE || h > OCR_MAX_SIDE) {
		core_err_set(err, CORE_ELIMIT, "image over the pixel limit");
		core_err_detail(err, "%" PRIu64 "x%" PRIu64 ": a side over %d pixels", w, h,
		                OCR_MAX_SIDE);
		return CORE_ELIMIT;
	}
	return 0;
}

int ocr_resolve_dpi(double dpi, bool *assumed)
{
	/* Negated so that NaN lands on the default too. */
	if (!(dpi >= OCR_DPI_MIN && dpi <= OCR_DPI_MAX)) {
		*assumed = true;
		return OCR_DPI_DEFAULT;
	}
	*assumed = false;
	return (int)(dpi + 0.5);
}

int ocr_image_wrap(PIX *pix, int dpi, bool dpi_assumed, int src_depth, ocr_image **out,
                   core_err *err)
{
	ocr_image *img = calloc(1, sizeof(*img));

	if (!img) {
		pixDestroy(&pix);
		return core_err_set(err, CORE_ENOMEM, "out of memory");
	}
	/* Tesseract reads the resolution from the PIX when none is given. */
	pixSetResolution(pix, dpi, dpi);
	img->pix = pix;
	img->dpi = dpi;
	img->dpi_assumed = dpi_assumed;
	img->src_depth = src_depth;
	*out = img;
	return 0;
}

static const ocr_limits *ocr_limits_or_default(const ocr_limits *lim, ocr_limits *buf)
{
	if (lim)
		return lim;
	ocr_limits_default(buf);
	return buf;
}

static ocr_format ocr_sniff(const unsigned char *b, size_t n)
{
	static const unsigned char png[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

	/* Classic TIFF (42) and BigTIFF (43), both byte orders. */
	if (n >= 4 && b[0] == 'I' && b[1] == 'I' && (b[2] == 42 || b[2] == 43) && b[3] == 0)
		return OCR_FMT_TIFF;
	if (n >= 4 && b[0] == 'M' && b[1] == 'M' && b[2] == 0 && (b[3] == 42 || b[3] == 43))
		return OCR_FMT_TIFF;
	if (n >= sizeof(png) && memcmp(b, png, sizeof(png)) == 0)
		return OCR_FMT_PNG;
	if (n >= 3 && b[0] == 0xff && b[1] == 0xd8 && b[2] == 0xff)
		return OCR_FMT_JPEG;
	if (n >= 3 && b[0] == 'P' && b[1] >= '1' && b[1] <= '6' &&
	    (b[2] == ' ' || b[2] == '\t' || b[2] == '\n' || b[2] == '\r'))
		return OCR_FMT_PNM;
	if (n >= 5 && memcmp(b, "%PDF-", 5) == 0)
		return OCR_FMT_PDF;
	return OCR_FMT_UNKNOWN;
}

/* Opens path and identifies it by its first bytes; *fd_out is the caller's on success. */
static int ocr_open(const char *path, int *fd_out, ocr_format *fmt, core_err *err)
{
	unsigned char magic[16];
	struct stat st;
	ssize_t n;
	int fd = -1, rc = 0;

	*fd_out = -1;
	*fmt = OCR_FMT_UNKNOWN;
	if (!path)
		return core_err_set(err, CORE_EARG, "no file name");
	/* O_NONBLOCK: opening a FIFO with no writer would wait for ever; it
	 * is refused below, and a regular file ignores the flag for reads. */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0) {
		rc = core_err_set(err, CORE_EIO, "cannot open file");
		core_err_detail(err, "%s: %s", path, strerror(errno));
		goto out;
	}
	if (fstat(fd, &st) != 0) {
		rc = core_err_set(err, CORE_EIO, "cannot read file");
		core_err_detail(err, "%s: %s", path, strerror(errno));
		goto out;
	}
	/* A FIFO or device would block or never end. */
	if (!S_ISREG(st.st_mode)) {
		rc = core_err_set(err, CORE_EIO, "not a regular file");
		core_err_detail(err, "%s", path);
		goto out;
	}
	if (fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) != 0) {
		rc = core_err_set(err, CORE_EIO, "cannot read file");
		core_err_detail(err, "%s: %s", path, strerror(errno));
		goto out;
	}
	do
		n = pread(fd, magic, sizeof(magic), 0);
	while (n < 0 && errno == EINTR);
	if (n < 0) {
		rc = core_err_set(err, CORE_EIO, "cannot read file");
		core_err_detail(err, "%s: %s", path, strerror(errno));
		goto out;
	}
	if (n == 0) {
		rc = core_err_set(err, CORE_EFORMAT, "empty file");
		core_err_detail(err, "%s", path);
		goto out;
	}
	*fmt = ocr_sniff(magic, (size_t)n);
	if (*fmt == OCR_FMT_UNKNOWN) {
		rc = core_err_set(err, CORE_EFORMAT, "not an image");
		core_err_detail(err, "%s: unrecognized content", path);
		goto out;
	}
	*fd_out = fd;
	fd = -1;
out:
	if (fd >= 0)
		close(fd);
	return rc;
}

/* Any Leptonica depth to 8 bpp gray without colormap; NULL if impossible. */
static PIX *ocr_lept_gray(PIX *pix)
{
	PIX *gray = NULL, *plain = NULL;

	/* Same luma weights as the TIFF, PNG and JPEG paths, so all hash alike. */
	if (pixGetDepth(pix) == 32)
		gray = pixConvertRGBToGray(pix, 0.299f, 0.587f, 0.114f);
	else
		gray = pixConvertTo8(pix, 0);
	if (!gray)
		goto out;
	if (pixGetColormap(gray))
		plain = pixRemoveColormap(gray, REMOVE_CMAP_TO_GRAYSCALE);
	else
		plain = pixClone(gray);
	if (plain && (pixGetDepth(plain) != 8 || pixGetColormap(plain)))
		pixDestroy(&plain);
out:
	pixDestroy(&gray);
	return plain;
}

/* PNM through Leptonica, which prints nothing once its severity is NONE. */
static int ocr_pnm_read(const char *path, FILE *fp, const ocr_limits *lim, bool header_only,
                        ocr_raster *out, core_err *err)
{
	l_int32 w = 0, h = 0, d = 0, type = 0, bps = 0, spp = 0;
	PIX *pix = NULL;
	int rc = 0;

	memset(out, 0, sizeof(*out));
	rewind(fp);
	if (freadHeaderPnm(fp, &w, &h, &d, &type, &bps, &spp) != 0 || w <= 0 || h <= 0) {
		rc = core_err_set(err, CORE_EFORMAT, "cannot read image header");
		core_err_detail(err, "%s: corrupt pnm header", path);
		goto out;
	}
	out->depth = bps * spp;
	rc = ocr_check_pixels((uint64_t)w, (uint64_t)h, lim, err);
	if (rc || header_only)
		goto out;
	rewind(fp);
	pix = pixReadStreamPnm(fp);
	if (!pix) {
		rc = core_err_set(err, CORE_EFORMAT, "cannot decode image");
		core_err_detail(err, "%s: corrupt or truncated pnm data", path);
		goto out;
	}
	if (pixGetWidth(pix) != w || pixGetHeight(pix) != h) {
		rc = core_err_set(err, CORE_EFORMAT, "cannot decode image");
		core_err_detail(err, "%s: pnm size differs from its header", path);
		goto out;
	}
	out->pix = ocr_lept_gray(pix);
	if (!out->pix) {
		rc = core_err_set(err, CORE_EFORMAT, "unsupported pixel format");
		core_err_detail(err, "%s: pnm, %d bpp", path, pixGetDepth(pix));
		goto out;
	}
out:
	pixDestroy(&pix);
	return rc;
}

/* PNG, JPEG or PNM; takes fd. */
static int ocr_single_read(const char *path, int fd, ocr_format fmt, const ocr_limits *lim,
                           bool header_only, ocr_raster *out, core_err *err)
{
	FILE *fp = fdopen(fd, "rb");
	int rc;

	memset(out, 0, sizeof(*out));
	if (!fp) {
		close(fd);
		return core_err_set(err, CORE_ENOMEM, "out of memory");
	}
	if (fmt == OCR_FMT_PNG)
		rc = ocr_png_read(path, fp, lim, header_only, out, err);
	else if (fmt == OCR_FMT_JPEG)
		rc = ocr_jpeg_read(path, fp, lim, header_only, out, err);
	else
		rc = ocr_pnm_read(path, fp, lim, header_only, out, err);
	fclose(fp);
	return rc;
}

static int ocr_single_load(const char *path, int fd, ocr_format fmt, const ocr_limits *lim,
                           ocr_image **out, core_err *err)
{
	ocr_raster ras;
	bool assumed = false;
	int rc, dpi;

	rc = ocr_single_read(path, fd, fmt, lim, false, &ras, err);
	if (rc)
		return rc;
	dpi = ocr_resolve_dpi(ras.dpi, &assumed);
	return ocr_image_wrap(ras.pix, dpi, assumed, ras.depth, out, err);
}

int ocr_file_probe(const char *path, const ocr_limits *lim, ocr_probe *out, core_err *err)
{
	ocr_limits dl;
	ocr_format fmt = OCR_FMT_UNKNOWN;
	ocr_raster ras;
	int fd = -1, rc, pages = 0;

	if (!out)
		return core_err_set(err, CORE_EARG, "no probe result");
	out->format = OCR_FMT_UNKNOWN;
	out->pages = 0;
	ocr_global_init();
	lim = ocr_limits_or_default(lim, &dl);
	rc = ocr_open(path, &fd, &fmt, err);
	if (rc)
		goto out;
	out->format = fmt;
	if (fmt == OCR_FMT_TIFF) {
		rc = ocr_tiff_count_pages(path, fd, lim, &pages, err);
	} else if (fmt == OCR_FMT_PDF) {
		rc = ocr_pdf_count_pages(path, fd, lim, &pages, err);
	} else {
		rc = ocr_single_read(path, fd, fmt, lim, true, &ras, err);
		pages = 1;
	}
	fd = -1;
	if (rc)
		goto out;
	if (pages > lim->max_pages) {
		rc = core_err_set(err, CORE_ELIMIT, "too many pages");
		core_err_detail(err, "%s: more than %d pages", path, lim->max_pages);
		goto out;
	}
	out->pages = pages;
out:
	if (fd >= 0)
		close(fd);
	return rc;
}

int ocr_image_load(const char *path, int index, const ocr_limits *lim, ocr_image **out,
                   core_err *err)
{
	ocr_limits dl;
	ocr_format fmt = OCR_FMT_UNKNOWN;
	int fd = -1, rc;

	if (!out)
		return core_err_set(err, CORE_EARG, "no image result");
	*out = NULL;
	ocr_global_init();
	lim = ocr_limits_or_default(lim, &dl);
	if (index < 0) {
		rc = core_err_set(err, CORE_EARG, "page index out of range");
		core_err_detail(err, "%s: page index %d", path ? path : "(null)", index);
		goto out;
	}
	rc = ocr_open(path, &fd, &fmt, err);
	if (rc)
		goto out;
	if (fmt == OCR_FMT_TIFF) {
		rc = ocr_tiff_load(path, fd, index, lim, out, err);
		fd = -1;
	} else if (fmt == OCR_FMT_PDF) {
		rc = ocr_pdf_load(path, fd, index, lim, out, err);
		fd = -1;
	} else if (index != 0) {
		rc = core_err_set(err, CORE_EARG, "page index out of range");
		core_err_detail(err, "%s: single-page %s, page index %d", path,
		                ocr_format_name(fmt), index);
	} else {
		rc = ocr_single_load(path, fd, fmt, lim, out, err);
		fd = -1;
	}
out:
	if (fd >= 0)
		close(fd);
	return rc;
}

void ocr_image_destroy(ocr_image **img)
{
	if (!img || !*img)
		return;
	pixDestroy(&(*img)->pix);
	ocr_result_destroy(&(*img)->layer);
	free(*img);
	*img = NULL;
}

int ocr_image_width(const ocr_image *img)
{
	return img ? pixGetWidth(img->pix) : 0;
}

int ocr_image_height(const ocr_image *img)
{
	return img ? pixGetHeight(img->pix) : 0;
}

int ocr_image_dpi(const ocr_image *img)
{
	return img ? img->dpi : 0;
}

bool ocr_image_dpi_assumed(const ocr_image *img)
{
	return img ? img->dpi_assumed : false;
}

int ocr_image_source_depth(const ocr_image *img)
{
	return img ? img->src_depth : 0;
}

const ocr_result *ocr_image_text_layer(const ocr_image *img)
{
	return img ? img->layer : NULL;
}

int ocr_image_gray_at(const ocr_image *img, int x, int y)
{
	if (!img || x < 0 || y < 0 || x >= pixGetWidth(img->pix) || y >= pixGetHeight(img->pix))
		return -1;
	return (int)GET_DATA_BYTE(pixGetData(img->pix) + (size_t)y * pixGetWpl(img->pix), x);
}

static void ocr_put_le32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
	p[2] = (unsigned char)(v >> 16);
	p[3] = (unsigned char)(v >> 24);
}

/*
 * Hashed bytes: width and height as 4-byte little-endian unsigned
 * integers, then the gray values row by row, left to right, one byte
 * per pixel, no padding.  Independent of Leptonica's word layout and of
 * the source format, so a page re-encoded losslessly hashes the same.
 */
void ocr_image_sha256(const ocr_image *img, char out[CORE_SHA256_HEX])
{
	unsigned char buf[4096];
	core_sha256 *h;
	l_uint32 *data, *line;
	int w, ht, wpl;
	size_t n = 0;

	out[0] = '\0';
	if (!img || !img->pix)
		return;
	h = core_sha256_new();
	if (!h)
		return;
	w = pixGetWidth(img->pix);
	ht = pixGetHeight(img->pix);
	wpl = pixGetWpl(img->pix);
	data = pixGetData(img->pix);
	ocr_put_le32(buf, (uint32_t)w);
	ocr_put_le32(buf + 4, (uint32_t)ht);
	core_sha256_update(h, buf, 8);
	/* A word at a time, first pixel in its high byte: a byte at a time,
	 * the gathering cost as much as the hash itself. */
	for (int y = 0; y < ht; y++) {
		int x = 0;

		line = data + (size_t)y * wpl;
		for (; x + 4 <= w; x += 4) {
			l_uint32 v = line[x >> 2];

			if (n + 4 > sizeof(buf)) {
				core_sha256_update(h, buf, n);
				n = 0;
			}
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
			v = __builtin_bswap32(v);
#endif
			memcpy(buf + n, &v, 4);
			n += 4;
		}
		for (; x < w; x++) {
			if (n == sizeof(buf)) {
				core_sha256_update(h, buf, n);
				n = 0;
			}
			buf[n++] = (unsigned char)GET_DATA_BYTE(line, x);
		}
	}
	core_sha256_update(h, buf, n);
	core_sha256_final(&h, out);
}

/* Share of dark pixels in the rectangle once dust-sized components are
 * dropped; `fallback` when a copy cannot be made. */
static double ocr_blank_ratio_undusted(const ocr_image *img, int x, int y, int w, int h,
                                       double fallback)
{
	int dust = (OCR_BLANK_DUST * img->dpi + 150) / 300, count = 0;
	PIX *clip = NULL, *bin = NULL, *big = NULL;
	BOX *box = boxCreate(x, y, w, h);
	double ratio = fallback;

	if (box && (clip = pixClipRectangle(img->pix, box, NULL)) &&
	    (bin = ocr_pix_threshold(clip, OCR_BLANK_DARK)) &&
	    (big = pixSelectBySize(bin, dust, dust, 8, L_SELECT_IF_EITHER, L_SELECT_IF_GT, NULL)) &&
	    pixCountPixels(big, &count, NULL) == 0)
		ratio = (double)count / ((double)w * (double)h);
	boxDestroy(&box);
	pixDestroy(&clip);
	pixDestroy(&bin);
	pixDestroy(&big);
	return ratio;
}

bool ocr_image_is_blank(const ocr_image *img, double *ink_ratio)
{
	l_uint32 *data, *line, *next;
	int w, h, wpl, x0, x1, y0, y1;
	uint64_t samples = 0, ink = 0;
	double ratio;

	if (ink_ratio)
		*ink_ratio = 0.0;
	if (!img || !img->pix)
		return false;
	w = pixGetWidth(img->pix);
	h = pixGetHeight(img->pix);
	wpl = pixGetWpl(img->pix);
	data = pixGetData(img->pix);
	/* Borders, punch holes and the shadow of the scanner lid live in the margins. */
	x0 = (int)(w * OCR_BLANK_MARGIN);
	y0 = (int)(h * OCR_BLANK_MARGIN);
	x1 = w - x0;
	y1 = h - y0;
	for (int y = y0; y + 1 < y1; y += OCR_BLANK_STEP) {
		line = data + (size_t)y * wpl;
		next = line + wpl;
		for (int x = x0; x + 1 < x1; x += OCR_BLANK_STEP) {
			samples++;
			if (GET_DATA_BYTE(line, x) < OCR_BLANK_DARK &&
			    GET_DATA_BYTE(line, x + 1) < OCR_BLANK_DARK &&
			    GET_DATA_BYTE(next, x) < OCR_BLANK_DARK)
				ink++;
		}
	}
	ratio = samples ? (double)ink / (double)samples : 0.0;
	if (img->specked && ratio >= OCR_BLANK_RATIO)
		ratio = ocr_blank_ratio_undusted(img, x0, y0, x1 - x0, y1 - y0, ratio);
	if (ink_ratio)
		*ink_ratio = ratio;
	return ratio < OCR_BLANK_RATIO;
}

/* Whether every pixel of an 8 bpp PIX is 0 or 255. */
static bool ocr_pix_black_white(PIX *pix)
{
	l_uint32 *data = pixGetData(pix);
	int w = pixGetWidth(pix), h = pixGetHeight(pix), wpl = pixGetWpl(pix);

	for (int y = 0; y < h; y++) {
		const l_uint32 *line = data + (size_t)y * (size_t)wpl;
		int x = 0;

		/* Four pixels a word: a byte is 0 or 255 when its bits 0-6
		 * equal its bits 1-7. */
		for (; x + 4 <= w; x += 4)
			if (((line[x / 4] ^ (line[x / 4] >> 1)) & 0x7f7f7f7fu) != 0)
				return false;
		for (; x < w; x++) {
			unsigned v = GET_DATA_BYTE(line, x);

			if (v != 0 && v != 255)
				return false;
		}
	}
	return true;
}

bool ocr_image_black_white(const ocr_image *img)
{
	return img && img->pix && ocr_pix_black_white(img->pix);
}
